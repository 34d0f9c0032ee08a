// The drift test: one fact, one place. The core (generated from AWS's model in vendor/) is the source of
// the operations, option names, formats, regions and hints; everything else reads them from the wasm.
// This fails when a committed generated file is stale, or a copy has crept back into js/, bin/, www/,
// examples/worker/ or the .d.ts.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import * as api from "../../js/node.js";

const root = new URL("../../", import.meta.url);
const read = (rel) => readFileSync(new URL(rel, root), "utf8");
const filesIn = (dir, ext = ".js") =>
  readdirSync(new URL(dir, root), { recursive: true })
    .filter((f) => f.endsWith(ext) && !f.includes("node_modules") && !f.startsWith("pkg/"))
    .map((f) => `${dir}${f}`);
const consumers = [...filesIn("js/"), ...filesIn("bin/"), ...filesIn("www/"), ...filesIn("examples/worker/src/")].filter(
  (f) => f !== "js/operations.js",
);

describe("drift: the core is the one source", () => {
  it("the generated files match what vendor/ generates", () => {
    const out = execFileSync(process.execPath, [new URL("scripts/gen-model.mjs", root).pathname, "--check"], { encoding: "utf8" });
    assert.match(out, /match vendor/);
  });

  it("every operation of the model is a function of every entry point and is declared in the .d.ts", () => {
    const ops = api.operations();
    assert.equal(ops.length, 12);
    const dts = read("js/operations.d.ts");
    for (const op of ops) {
      assert.equal(typeof api[op.name], "function", `js/node.js exports ${op.name}`);
      assert.match(dts, new RegExp(`export function ${op.name}\\(opts: ${op.action}Options\\)`), `${op.name} declared`);
    }
    for (const entry of ["js/node.js", "js/browser.js", "js/deno.js", "js/workerd.js"]) {
      assert.match(read(entry), /export \* from "\.\/operations\.js";/, `${entry} re-exports every operation`);
    }
  });

  it("every operation is a CLI subcommand whose flags are the model's members", () => {
    const cli = new URL("bin/assume-role-wasm.js", root).pathname;
    for (const op of api.operations()) {
      const help = spawnSync(process.execPath, [cli, op.cli, "--help"], { encoding: "utf8" });
      assert.equal(help.status, 0, `${op.cli} --help: ${help.stderr}`);
      for (const m of op.input) assert.ok(help.stdout.includes(`--${m.cli}`), `${op.cli} --help lists --${m.cli}`);
    }
  });

  it("the export formats: one table in the core; the .d.ts union matches it, nobody else lists them", () => {
    const formats = api.formats();
    const names = formats.flatMap((f) => [f.id, ...f.listedAliases]);
    const shells = formats.filter((f) => f.shell).flatMap((f) => [f.id, ...f.listedAliases]);
    const dts = read("js/operations.d.ts");
    const union = (name) => [...dts.match(new RegExp(`export type ${name} =([^;]+);`))[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(union("ExportFormat").sort(), [...names].sort());
    assert.deepEqual(union("ShellFormat").sort(), [...shells].sort());
    for (const f of consumers) {
      assert.doesNotMatch(read(f), /["']credential-process["']/, `${f} keeps its own list of formats; use formats()`);
    }
  });

  it("regions and STS hosts: only from the core's partition data", () => {
    for (const f of consumers) {
      const text = read(f).replace(/^\s*(\/\/|\*).*$/gm, "");
      assert.doesNotMatch(text, /["'`][^"'`]*amazonaws\.com(\.cn)?\b/, `${f} builds STS hosts itself; use resolveEndpoint()`);
      assert.doesNotMatch(text, /["']us-gov-west-1["']\s*,\s*["']AWS GovCloud/, `${f} keeps a region table; use regions()`);
    }
  });

  it("the page's field limits: from the operation table (www/limits.js), none typed into index.html", () => {
    const html = read("www/index.html");
    for (const op of api.operations()) {
      for (const m of op.input) {
        const tag = html.match(new RegExp(`<(input|textarea)[^>]*\\bid="${m.js}"[^>]*>`))?.[0];
        if (!tag) continue;
        assert.doesNotMatch(tag, /\b(maxlength|minlength|min|max|pattern)=/, `index.html types ${m.js}'s limits; www/limits.js sets them from the model`);
      }
    }
  });

  it("hints: only in the core (no code → advice table elsewhere)", () => {
    for (const f of consumers) {
      assert.doesNotMatch(read(f), /\bSignatureDoesNotMatch\s*:/, `${f} has its own advice per STS code; use err.hint`);
    }
  });

  it("option names: the JS API accepts exactly the model's members plus the client options", async () => {
    for (const op of api.operations()) {
      for (const m of op.input) {
        // A known name is never reported as unknown; an unknown one is, with a suggestion.
        const err = await api[op.name]({ [m.js]: undefined, zzzUnknown: 1 }).catch((e) => e);
        assert.equal(err.field, "zzzUnknown", `${op.name}: ${err.message}`);
      }
      const typo = op.input[0] && op.input[0].js.toLowerCase() !== op.input[0].js ? op.input[0].js.toLowerCase() : null;
      if (typo) {
        const err = await api[op.name]({ [typo]: "x" }).catch((e) => e);
        assert.match(err.message, new RegExp(`did you mean \`${op.input[0].js}\``), `${op.name}: ${err.message}`);
      }
    }
  });
});
