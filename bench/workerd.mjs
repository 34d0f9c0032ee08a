// Part 4: CPU per request in the real workerd (Miniflare) of the example worker (examples/worker) doing an
// AssumeRole against the canned server, cold (first request of a fresh workerd) and warm, against the
// Workers free plan's 10 ms CPU budget. Locally workerd's own timers are 1 ms coarse and tail cpuTime is 0,
// so CPU is read from outside: the sum of /proc/<workerd>/task/*/schedstat (ns on CPU) around each
// dispatch. A request the worker rejects at once (wrong bearer token: no STS call) is the dispatch floor
// (Miniflare's entry proxy included); "above floor" is what the AssumeRole itself costs.
import { existsSync, readFileSync, readdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import * as F from "./lib/fixture.mjs";
import { startCannedServer } from "./lib/canned-server.mjs";
import { summarize, printTable, median } from "./lib/stats.mjs";

const repo = fileURLToPath(new URL("../", import.meta.url));
const TOKEN = "bench-bearer-token-0123456789";
const FREE_PLAN_MS = 10;

async function bundle() {
  const outdir = mkdtempSync(path.join(tmpdir(), "arw-bench-worker-"));
  const example = path.join(repo, "examples/worker/src/index.js");
  if (!existsSync(example) || !existsSync(path.join(repo, "js/workerd.js"))) throw new Error("needs examples/worker and js/workerd.js");
  await build({
    entryPoints: [example],
    bundle: true, format: "esm", platform: "neutral", conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"], loader: { ".wasm": "copy" }, outdir, logLevel: "error",
    // The package as wrangler would resolve it for workerd, straight from this checkout.
    // The package and its subpath export, as the worker imports them.
    alias: { "assume-role-wasm/console": path.join(repo, "js/console.js"), "assume-role-wasm": path.join(repo, "js/workerd.js") },
  });
  return outdir;
}

function compatibilityDate() {
  const toml = readFileSync(path.join(repo, "examples/worker/wrangler.toml"), "utf8");
  return /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "2025-09-01";
}

/** Descendant processes of ours named workerd. */
function workerdPids() {
  const kids = new Map();
  for (const d of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(Number(d), { ppid, comm: readFileSync(`/proc/${d}/comm`, "utf8").trim() });
    } catch { /* gone */ }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { ppid }] of kids) if (mine.has(ppid) && !mine.has(pid)) { mine.add(pid); grew = true; }
  }
  return [...mine].filter((p) => kids.get(p)?.comm === "workerd");
}

function cpuNs(pids) {
  let sum = 0;
  for (const pid of pids) {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      try { sum += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]); } catch { /* thread gone */ }
    }
  }
  return sum;
}

async function measured(mf, pids, init) {
  const before = cpuNs(pids);
  const res = await mf.dispatchFetch("http://broker.test/credentials", init);
  const body = await res.text();
  return { ms: (cpuNs(pids) - before) / 1e6, status: res.status, body };
}

const assumeInit = (i) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
  // A new session name each time: the worker keeps one provider per name, so every request is an AssumeRole.
  body: JSON.stringify({ roleArn: F.ROLE_ARN, roleSessionName: `bench-${i}` }),
});
const floorInit = { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer wrong" }, body: "{}" };

export async function run({ smoke }) {
  const server = await startCannedServer(F.ASSUME_ROLE_XML);
  const outdir = await bundle();
  const colds = [], warm = [], floor = [];
  try {
    for (let s = 0; s < (smoke ? 1 : 5); s++) {
      const mf = new Miniflare({
        modules: true, scriptPath: path.join(outdir, "index.js"), modulesRoot: outdir, compatibilityDate: compatibilityDate(),
        modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
        bindings: {
          AWS_ACCESS_KEY_ID: F.ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: F.SECRET_ACCESS_KEY, BEARER_TOKEN: TOKEN,
          STS_ENDPOINT: server.endpoint, STS_REGION: F.REGION, ALLOWED_ROLE_ARNS: "*",
        },
      });
      try {
        await mf.ready;
        const pids = workerdPids();
        if (!pids.length) throw new Error("no workerd process found under this Node process");
        const first = await measured(mf, pids, assumeInit(`cold${s}`));
        if (first.status !== 200 || !first.body.includes("ASIA")) throw new Error(`worker answered ${first.status}: ${first.body.slice(0, 200)}`);
        colds.push(first.ms);
        if (s > 0 && !smoke) continue; // warm figures from the first instance only
        const n = smoke ? 20 : 300;
        for (let i = 0; i < n; i++) {
          const r = await measured(mf, pids, assumeInit(i));
          if (r.status !== 200) throw new Error(`warm request ${i}: ${r.status} ${r.body.slice(0, 200)}`);
          warm.push(r.ms);
          const f = await measured(mf, pids, floorInit);
          if (f.status !== 401) throw new Error(`floor request: ${f.status}`);
          floor.push(f.ms);
        }
      } finally {
        await mf.dispose();
      }
    }
  } finally {
    await server.stop();
  }
  const warmSteady = warm.slice(Math.floor(warm.length / 5)); // after warm-up (JIT, caches)
  const floorSteady = floor.slice(Math.floor(floor.length / 5));
  const above = warmSteady.map((v, i) => v - floorSteady[i]);
  const q = (xs) => { const s = [...xs].sort((a, b) => a - b); return { median: median(s), min: s[Math.floor(s.length * 0.1)], max: s[Math.floor(s.length * 0.9)] }; };
  printTable(`4. workerd CPU per request (examples/worker, POST /credentials → AssumeRole); warm: [p10–p90]`, "ms", [
    { name: "cold: first request", stat: summarize(colds), note: `${((100 * median(colds)) / FREE_PLAN_MS).toFixed(0)}% of the 10 ms free-plan budget` },
    { name: "warm: AssumeRole request", stat: q(warmSteady), note: `${((100 * median(warmSteady)) / FREE_PLAN_MS).toFixed(0)}% of 10 ms` },
    { name: "warm: dispatch floor (401)", stat: q(floorSteady) },
    { name: "warm: AssumeRole above floor", stat: q(above) },
  ]);
  return { cold: median(colds), warm: median(warmSteady), floor: median(floorSteady), above: median(above) };
}
