// The benchmark suite: `npm run bench` (full, ~80 s) or `npm run bench -- --smoke` (every part briefly,
// signatures checked equal; what tests/stages/50-bench.sh runs). `--only=sign,roundtrip,cold,workerd,size,memory,profile`
// picks parts. Prints each figure for us and each peer with the ratio, then the targets met or not;
// the raw figures go to test-output/bench.json. See BENCHMARKS.md for the recorded run.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../", import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const want = (p) => !only || only.includes(p);
const started = Date.now();

if (!existsSync(new URL("../pkg/assume_role_wasm_bg.wasm", import.meta.url))) {
  throw new Error("pkg/ is missing: run `bash scripts/build.sh` first");
}
const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
console.log(`# assume-role-wasm benchmarks${smoke ? " (smoke)" : ""}: node ${process.version}, ${os.availableParallelism()} × ${cpu}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

/** Native floor: `cargo bench --bench sign` (full runs only: its first build takes minutes on 2 cores). */
function native() {
  if (smoke || args.includes("--no-native")) return null;
  try {
    const out = execFileSync("cargo", ["bench", "--quiet", "--bench", "sign"], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const j = JSON.parse(out.trim().split("\n").pop());
    return { us: { median: j.us_median, min: j.us_min, max: j.us_max }, signature: j.signature };
  } catch (e) {
    console.log(`(native floor skipped: ${e.message.split("\n")[0]})`);
    return null;
  }
}

const results = {};
if (want("sign")) {
  const n = native();
  results.sign = await (await import("./sign.mjs")).run({ smoke, native: n && { us: n.us.median, signature: n.signature, stat: n.us } });
}
if (want("roundtrip")) results.roundtrip = await (await import("./roundtrip.mjs")).run({ smoke });
if (want("cold")) results.cold = await (await import("./cold.mjs")).run({ smoke });
if (want("workerd")) {
  results.workerd = await (await import("./workerd.mjs")).run({ smoke });
  results.workerdBreakdown = await (await import("./workerd-breakdown.mjs")).run({ smoke });
}
if (want("size")) results.size = await (await import("./size.mjs")).run({ smoke });
if (want("memory")) results.memory = await (await import("./memory.mjs")).run({ smoke });
if (want("profile")) results.nodeProfile = await (await import("./node-profile.mjs")).run({ smoke });

// The targets, judged on this run's medians.
const t = [];
const r = results;
if (r.sign) {
  const x = r.sign.ratios["aws4fetch (key cached)"];
  t.push([`signing ≥ 15× faster than aws4fetch (cached key)`, x >= 15, `×${x.toFixed(1)}`]);
  if (r.sign.native) t.push([`signing within 5× of native aws-sigv4`, r.sign.us / r.sign.native <= 5, `×${(r.sign.us / r.sign.native).toFixed(2)} of native`]);
}
if (r.roundtrip) {
  const x = r.roundtrip.overheadRatios["client-sts"];
  t.push([`client overhead ≥ 5× lower than client-sts`, x >= 5, `×${x.toFixed(2)}`]);
}
if (r.cold) {
  for (const m of ["sign", "call"]) {
    const x = r.cold[m]["client-sts"].ratio;
    t.push([`cold start (${m}) ≤ 1/3 of client-sts`, x >= 3, `us ${r.cold[m].us.ms.toFixed(1)} ms, client-sts ×${x.toFixed(2)}`]);
  }
}
if (r.workerd) t.push([`≤ 2 ms CPU per warm AssumeRole in workerd`, r.workerd.warm <= 2, `${r.workerd.warm.toFixed(2)} ms (${r.workerd.above.toFixed(2)} above the dispatch floor)`]);
if (r.size) {
  const kb = r.size.total.gzip / 1024;
  t.push([`size below client-sts's 51.5 KB gzipped`, kb < 51.5, `${kb.toFixed(1)} KB gzipped (client-sts bundle here ${(r.size.clientSts.gzip / 1024).toFixed(1)} KB)`]);
}
console.log(`\n## targets (issue 5)${smoke ? " — smoke figures are too brief to judge by; see npm run bench" : ""}`);
for (const [name, ok, detail] of t) console.log(`  ${ok ? "met    " : "NOT met"}  ${name}: ${detail}`);

// Issue 15's targets (smaller and lighter), on the same run.
const t15 = [];
if (r.size) t15.push([`wasm + glue + entry ≤ 90 KB gzipped`, r.size.total.gzip / 1024 <= 90, `${(r.size.total.gzip / 1024).toFixed(1)} KB (client-sts ${(r.size.clientSts.gzip / 1024).toFixed(1)}, aws4fetch ${(r.size.aws4fetch.gzip / 1024).toFixed(1)})`]);
if (r.workerd) t15.push([`workerd CPU per warm AssumeRole above the dispatch floor ≤ 0.8 ms`, r.workerd.above <= 0.8, `${r.workerd.above.toFixed(2)} ms`]);
if (r.workerdBreakdown) {
  const b = r.workerdBreakdown.split;
  t15.push([`workerd cold start split (compile, instantiate, first call)`, true, `compile ≈ ${b.compile.toFixed(1)} ms, instantiate ≈ ${b.instantiate.toFixed(1)} ms (both at load, within noise), first request ${b.firstRequest.toFixed(1)} ms, first AssumeRole call ${b.firstCall.toFixed(1)} ms`]);
}
if (r.roundtrip) {
  const x = r.roundtrip.overheadRatios["client-sts"];
  t15.push([`Node client overhead, client-sts ÷ us ≥ ×4`, x >= 4, `×${x.toFixed(2)}`]);
}
if (r.cold) {
  const x = r.cold.call["client-sts"].ratio;
  t15.push([`Node cold start to first AssumeRole, client-sts ÷ us ≥ ×3`, x >= 3, `×${x.toFixed(2)} (us ${r.cold.call.us.ms.toFixed(1)} ms)`]);
}
if (t15.length) {
  console.log(`\n## targets (issue 15)`);
  for (const [name, ok, detail] of t15) console.log(`  ${ok ? "met    " : "NOT met"}  ${name}: ${detail}`);
}
mkdirSync(new URL("../test-output/", import.meta.url), { recursive: true });
writeFileSync(new URL("../test-output/bench.json", import.meta.url), JSON.stringify({ smoke, node: process.version, cpu, results }, null, 1));
console.log(`\n${smoke ? "smoke run" : "run"} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
// Miniflare and the canned servers are stopped; exit anyway in case a keep-alive socket lingers.
process.exit(0);
