// Part 3: cold start — a new Node process per sample (bench/cold-child.mjs), interleaved us / client-sts /
// aws4fetch, from the first import to the first signed request, and to the first AssumeRole answered by
// the canned server on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as F from "./lib/fixture.mjs";
import { startCannedServer } from "./lib/canned-server.mjs";
import { summarize, ratio, printTable } from "./lib/stats.mjs";

const child = fileURLToPath(new URL("cold-child.mjs", import.meta.url));
const IMPLS = ["us", "client-sts", "aws4fetch"];

function sample(impl, mode, endpoint) {
  const out = execFileSync(process.execPath, ["--no-warnings", child, impl, mode, endpoint], { encoding: "utf8", timeout: 30_000 });
  return JSON.parse(out.trim().split("\n").pop()).ms;
}

export async function run({ smoke }) {
  const server = await startCannedServer(F.ASSUME_ROLE_XML);
  const result = {};
  try {
    for (const mode of ["sign", "call"]) {
      const rounds = Object.fromEntries(IMPLS.map((i) => [i, []]));
      const n = smoke ? 2 : 15;
      for (let r = 0; r < n; r++) for (const i of IMPLS) rounds[i].push(sample(i, mode, server.endpoint));
      const rows = IMPLS.map((name) => ({
        name, stat: summarize(rounds[name]), ratio: name === "us" ? undefined : ratio(rounds[name], rounds.us),
      }));
      printTable(`3${mode === "sign" ? "a" : "b"}. cold start, new Node process: import → first ${mode === "sign" ? "signed request" : "AssumeRole answered"}`, "ms", rows);
      result[mode] = Object.fromEntries(rows.map((r) => [r.name, { ms: r.stat.median, ratio: r.ratio }]));
    }
  } finally {
    await server.stop();
  }
  return result;
}
