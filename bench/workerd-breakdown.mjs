// Part 4b: where the edge CPU goes (issue 15). In the real workerd (Miniflare), with CPU read from
// /proc/<workerd>/task/*/schedstat as in bench/workerd.mjs:
//  - cold: the first request of a fresh isolate, for four builds of one bench worker (bench/workerd/stages.js):
//    no wasm → + the wasm module imported (compile) → + initSync (instantiate) → + the first AssumeRole; the
//    differences are compile, instantiate and first call.
//  - warm: each stage of a call run N times inside one request, minus the same request with n = 0 (workerd's
//    dispatch), divided by N: options, a call refused by validation, a whole call with an in-isolate fetch,
//    renderExports, workerd's own fetch of the canned server, and the whole round trip.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import * as F from "./lib/fixture.mjs";
import { startCannedServer } from "./lib/canned-server.mjs";
import { median, printTable, summarize } from "./lib/stats.mjs";
import { workerdPids, cpuNs, compatibilityDate } from "./workerd.mjs";

const repo = fileURLToPath(new URL("../", import.meta.url));
const VARIANTS = ["none", "compile", "instantiate", "full"];

async function bundle(variant) {
  const outdir = mkdtempSync(path.join(tmpdir(), `arw-bench-stages-${variant}-`));
  await build({
    entryPoints: [path.join(repo, "bench/workerd/stages.js")], bundle: true, format: "esm", platform: "neutral",
    loader: { ".wasm": "copy" }, outdir, logLevel: "error", define: { "globalThis.__VARIANT": JSON.stringify(variant) },
    alias: {
      "assume-role-wasm/glue": path.join(repo, "pkg/assume_role_wasm.js"), "assume-role-wasm/wasm": path.join(repo, "pkg/assume_role_wasm_bg.wasm"),
      "assume-role-wasm/extras-glue": path.join(repo, "pkg/assume_role_extras.js"), "assume-role-wasm/extras-wasm": path.join(repo, "pkg/assume_role_extras_bg.wasm"),
    },
  });
  return outdir;
}

function miniflare(outdir, server) {
  return new Miniflare({
    modules: true, scriptPath: path.join(outdir, "stages.js"), modulesRoot: outdir, compatibilityDate: compatibilityDate(),
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    bindings: { AWS_ACCESS_KEY_ID: F.ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: F.SECRET_ACCESS_KEY, STS_ENDPOINT: server.endpoint, XML: F.ASSUME_ROLE_XML },
  });
}

async function cpuOf(mf, pids, url) {
  const before = cpuNs(pids);
  const res = await mf.dispatchFetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
  return { ms: (cpuNs(pids) - before) / 1e6, body };
}

export async function run({ smoke }) {
  const server = await startCannedServer(F.ASSUME_ROLE_XML);
  const dirs = Object.fromEntries(await Promise.all(VARIANTS.map(async (v) => [v, await bundle(v)])));
  const cold = Object.fromEntries([...VARIANTS, "first call"].map((v) => [v, []]));
  // workerd loads the script (and compiles and instantiates the wasm) before it answers: its CPU from start
  // to ready, per variant, is where compile and instantiate show.
  const startup = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const warm = {};
  try {
    // Cold: samples interleaved across the variants, a fresh workerd each.
    for (let s = 0; s < (smoke ? 1 : 4); s++) {
      for (const v of VARIANTS) {
        const mf = miniflare(dirs[v], server);
        try {
          await mf.ready;
          const pids = workerdPids();
          startup[v].push(cpuNs(pids) / 1e6);
          cold[v].push((await cpuOf(mf, pids, "http://bench.test/")).ms);
          if (v === "full") cold["first call"].push((await cpuOf(mf, pids, "http://bench.test/call?n=1")).ms);
        } finally {
          await mf.dispose();
        }
      }
    }
    // Warm: one isolate, every stage warmed up, then rounds of (stage × N, floor) pairs.
    const mf = miniflare(dirs.full, server);
    try {
      await mf.ready;
      const pids = workerdPids();
      const stages = ["options", "invalid", "call", "render", "fetch", "roundtrip"];
      const N = smoke ? 5 : 50;
      for (const st of stages) {
        const r = await cpuOf(mf, pids, `http://bench.test/${st}?n=${N}`);
        if (st === "call" || st === "roundtrip") { if (!r.body.startsWith("ASIA")) throw new Error(`${st}: ${r.body}`); }
        if (st === "invalid" && r.body !== "InvalidParameter") throw new Error(`invalid: ${r.body}`);
      }
      for (const st of stages) warm[st] = [];
      for (let round = 0; round < (smoke ? 2 : 15); round++) {
        for (const st of stages) {
          const a = await cpuOf(mf, pids, `http://bench.test/${st}?n=${N}`);
          const b = await cpuOf(mf, pids, `http://bench.test/${st}?n=0`);
          warm[st].push((a.ms - b.ms) / N);
        }
      }
    } finally {
      await mf.dispose();
    }
  } finally {
    await server.stop();
  }
  const c = Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, median(v)]));
  const up = Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, median(v)]));
  // The first request of the "full" variant pays what is left: first dispatch + lazy compilation of the
  // functions the call touches + the call itself.
  const split = {
    compile: up.compile - up.none, instantiate: up.instantiate - up.compile,
    firstRequest: c.none, firstCall: c["first call"],
  };
  printTable("4b. workerd cold start, split (a fresh workerd per sample; CPU of all its threads; medians)", "ms", [
    { name: "start → ready, no wasm", stat: summarize(startup.none) },
    { name: "start → ready, wasm module imported", stat: summarize(startup.compile), note: `compile ≈ ${split.compile.toFixed(2)} ms` },
    { name: "start → ready, + initSync", stat: summarize(startup.instantiate), note: `instantiate ≈ ${split.instantiate.toFixed(2)} ms` },
    { name: "first request, no call (dispatch)", stat: summarize(cold.none) },
    { name: "first AssumeRole call (in-isolate fetch)", stat: summarize(cold["first call"]), note: "lazy compile of what it touches + the call" },
  ]);
  printTable("4c. workerd warm CPU per operation, dispatch excluded (N per request; medians over rounds)", "ms", [
    { name: "options → endpoint (resolveEndpoint)", stat: summarize(warm.options) },
    { name: "call refused by validation (no signing)", stat: summarize(warm.invalid) },
    { name: "whole call, in-isolate fetch (sign, parse, result)", stat: summarize(warm.call) },
    { name: "renderExports json", stat: summarize(warm.render) },
    { name: "workerd fetch of the canned server (no wasm)", stat: summarize(warm.fetch) },
    { name: "whole AssumeRole round trip (workerd fetch)", stat: summarize(warm.roundtrip) },
  ]);
  return { cold: c, startup: up, split, warm: Object.fromEntries(Object.entries(warm).map(([k, v]) => [k, median(v)])) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await run({ smoke: process.argv.includes("--smoke") });
  console.log(JSON.stringify(r, null, 1));
  process.exit(0);
}
