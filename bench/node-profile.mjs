// The per-call path in Node (issue 15 item 3): a CPU profile (`node --cpu-prof`) of 10,000 sequential
// AssumeRoles through the Node entry against the canned server (its own process), summarised as the top
// frames by self time, grouped as wasm (our Rust), glue (pkg/), our JS (js/), Node internals and idle/GC.
//   node bench/node-profile.mjs [--n=10000] [--top=15]
import { fork } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as F from "./lib/fixture.mjs";
import { startCannedServer } from "./lib/canned-server.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));

function where(frame) {
  const { url, functionName } = frame.callFrame;
  if (functionName === "(idle)" || functionName === "(program)" || functionName === "(garbage collector)") return functionName;
  if (url.startsWith("wasm://") || /^\$?[a-z_]+::/.test(functionName) || url === "" && /wasm-function/.test(functionName)) return "wasm";
  if (url.includes("/pkg/")) return "glue (pkg/)";
  if (url.includes("/js/")) return "our JS (js/)";
  if (url.startsWith("node:") || url === "") return "Node internals";
  return "other";
}

export async function run({ n = 10000, top = 15, smoke = false, named = null, onlyGroup = null } = {}) {
  if (smoke) n = 500;
  const server = await startCannedServer(F.ASSUME_ROLE_XML);
  const dir = mkdtempSync(path.join(tmpdir(), "arw-node-prof-"));
  let us;
  try {
    await new Promise((resolve, reject) => {
      const child = fork(path.join(here, "node-profile-child.mjs"), [server.endpoint, String(n)], {
        execArgv: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=100", "--no-warnings"], stdio: ["ignore", "inherit", "inherit", "ipc"],
        env: named ? { ...process.env, ARW_NAMED_DIR: named } : process.env,
      });
      child.on("message", (m) => { us = m.us; });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`profile child exited ${code}`))));
    });
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  const prof = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  rmSync(dir, { recursive: true, force: true });
  // Self time per node from the samples.
  const byId = new Map(prof.nodes.map((nd) => [nd.id, nd]));
  const self = new Map();
  const dt = prof.timeDeltas;
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i + 1] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const frames = new Map();
  const groups = new Map();
  for (const [id, t] of self) {
    const nd = byId.get(id);
    const name = nd.callFrame.functionName || "(anonymous)";
    const file = nd.callFrame.url.replace(/^.*\/(pkg|js|node_modules)\//, "$1/").replace(/^file:\/\/.*\//, "");
    const key = `${name} ${file ? `(${file}${nd.callFrame.lineNumber >= 0 ? `:${nd.callFrame.lineNumber + 1}` : ""})` : ""}`.trim();
    const g = where(nd);
    frames.set(key, { t: (frames.get(key)?.t ?? 0) + t, g });
    groups.set(g, (groups.get(g) ?? 0) + t);
  }
  const busy = total - (groups.get("(idle)") ?? 0);
  // The profile covers the child's whole life: start-up, 200 warm-up calls and the n timed ones.
  const calls = n + 200;
  const pct = (t) => `${((100 * t) / busy).toFixed(1)}%`;
  const topFrames = [...frames].filter(([k, v]) => !k.startsWith("(idle)") && (!onlyGroup || v.g === onlyGroup)).sort((a, b) => b[1].t - a[1].t).slice(0, top)
    .map(([k, v]) => ({ frame: k, share: pct(v.t), group: v.g, usPerCall: v.t / calls }));
  const groupRows = [...groups].filter(([g]) => g !== "(idle)").sort((a, b) => b[1] - a[1])
    .map(([g, t]) => ({ group: g, share: pct(t), usPerCall: t / calls }));
  console.log(`\n## Node per-call profile: ${n} AssumeRoles (node entry, node:http) against the canned server; ${us.toFixed(0)} µs wall per call; busy CPU ${(busy / calls).toFixed(0)} µs per call`);
  for (const r of groupRows) console.log(`  ${r.group.padEnd(28)} ${r.share.padStart(6)}  ${r.usPerCall.toFixed(1).padStart(6)} µs/call`);
  console.log("  top frames by self time (share of busy CPU):");
  for (const r of topFrames) console.log(`  ${r.share.padStart(6)}  ${r.usPerCall.toFixed(1).padStart(6)} µs  [${r.group}] ${r.frame.slice(0, 110)}`);
  return { n, usPerCall: us, busyUsPerCall: busy / calls, groups: groupRows, top: topFrames };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (k, d) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split("=")[1] ?? d);
  // --named: profile bench/profile-build.sh's wasm (function names kept) instead of pkg/.
  const named = process.argv.includes("--named") ? (process.env.PROFILE_DIR ?? "/tmp/assume-role-wasm-profile") : null;
  const onlyGroup = process.argv.find((a) => a.startsWith("--group="))?.slice(8) ?? null;
  await run({ n: arg("n", 10000), top: arg("top", 15), named, onlyGroup });
  process.exit(0);
}
