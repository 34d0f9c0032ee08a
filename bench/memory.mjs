// Part 6: memory over N AssumeRole calls (10% of them failing) in one Node process per implementation:
// peak RSS, and growth after warm-up (RSS and JS heap after a forced GC at 20% vs at the end; for us also the
// wasm linear memory, which never shrinks, so any leak in the wasm would show as growth there).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as F from "./lib/fixture.mjs";
import { startCannedServer } from "./lib/canned-server.mjs";

const child = fileURLToPath(new URL("memory-child.mjs", import.meta.url));
const MB = (b) => (b / 1048576).toFixed(1);

export async function run({ smoke }) {
  const n = smoke ? 500 : 10_000;
  const server = await startCannedServer(F.ASSUME_ROLE_XML);
  const out = {};
  try {
    for (const impl of ["us", "client-sts", "aws4fetch"]) {
      const text = execFileSync(process.execPath, ["--no-warnings", "--expose-gc", child, impl, server.endpoint, String(n)], { encoding: "utf8", timeout: 300_000 });
      out[impl] = JSON.parse(text.trim().split("\n").pop());
    }
  } finally {
    await server.stop();
  }
  console.log(`\n## 6. memory, ${n} AssumeRole calls in one process (every 10th fails with AccessDenied)  (MB; ratio = peer ÷ us)`);
  for (const [impl, r] of Object.entries(out)) {
    const wasm = r.end.wasm === null ? "" : `  wasm memory ${MB(r.warm.wasm)} → ${MB(r.end.wasm)}`;
    const ratio = impl === "us" ? "" : `  peak ×${(r.peakRss / out.us.peakRss).toFixed(2)}`;
    console.log(`  ${impl.padEnd(11)} peak RSS ${MB(r.peakRss).padStart(6)}  after warm-up→end: RSS ${MB(r.warm.rss)} → ${MB(r.end.rss)}, heap ${MB(r.warm.heapUsed)} → ${MB(r.end.heapUsed)}${wasm}${ratio}`);
  }
  const us = out.us;
  const grew = us.end.wasm > us.warm.wasm || us.end.heapUsed - us.warm.heapUsed > 2 * 1048576;
  console.log(`  us: ${grew ? "GROWTH after warm-up" : "no growth after warm-up"} (wasm memory unchanged, JS heap within 2 MB)`);
  if (grew) throw new Error("memory grows across calls");
  return out;
}
