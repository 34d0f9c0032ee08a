// The size budget (issue 15): each shipped wasm + its JS glue, gzip -9, may not grow more than `slack` bytes over
// the figure committed in bench/size-budget.json, so bytes won cannot creep back unnoticed. Two budgets: the
// main module (what every user downloads) and the extras (err.fix, keyless: loaded only when used), so that
// nothing drifts back from the extras into the main module either. Measured on the files of the packed
// tarball, i.e. what an npm user downloads.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { installedPackage, repoRoot } from "./support/installed-package.mjs";

const budget = JSON.parse(readFileSync(path.join(repoRoot, "bench/size-budget.json"), "utf8"));
const MODULES = Object.entries(budget.modules); // [name, { files, budget }]
const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

/** The verdict for a set of file contents: `null` when within budget, else the message that fails the test. */
function overBudget(buffers, { name = "main", budget: limit, slack }) {
  const bytes = buffers.reduce((sum, b) => sum + gzip(b), 0);
  if (bytes <= limit + slack) return null;
  return `shipped ${name} wasm + glue is ${bytes} bytes gzipped, ${bytes - limit} over the budget of ${limit} (allowed: +${slack}). ` +
    "Find what grew with `bash bench/profile-build.sh` / `node bench/size-profile.mjs`; if the growth is worth it, " +
    "raise `budget` in bench/size-budget.json and give the reason in BENCHMARKS.md.";
}

for (const [name, module] of MODULES) {
  test(`the shipped ${name} wasm + glue stay within the committed size budget`, () => {
    const { packageDir } = installedPackage();
    const buffers = module.files.map((f) => readFileSync(path.join(packageDir, f)));
    const verdict = overBudget(buffers, { name, budget: module.budget, slack: budget.slack });
    assert.equal(verdict, null, verdict ?? "");
  });
}

test("the budget check fails on a wasm 3 KB (incompressible) larger than the budget allows", () => {
  const { packageDir } = installedPackage();
  const buffers = budget.modules.main.files.map((f) => readFileSync(path.join(packageDir, f)));
  // Random bytes do not compress: this adds slack + 1 KB of gzip output on top of today's files, budgeted
  // at today's figure.
  const today = buffers.reduce((sum, b) => sum + gzip(b), 0);
  const grown = [Buffer.concat([buffers[0], Buffer.from(Array.from({ length: budget.slack + 1024 }, () => Math.floor(Math.random() * 256)))]), buffers[1]];
  assert.equal(overBudget(buffers, { ...budget, budget: today }), null);
  assert.match(overBudget(grown, { ...budget, budget: today }) ?? "", /over the budget/);
});
