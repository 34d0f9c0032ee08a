// One memory run (spawned by memory.mjs with --expose-gc): N sequential AssumeRole calls against the canned
// server, every 10th one failing (AccessDenied, HTTP 403), in this one process. Prints JSON with peak RSS,
// RSS and heap after a forced GC at the end of warm-up (20%) and at the end, and, for us, the wasm memory.
//   node --expose-gc bench/memory-child.mjs <us|client-sts|aws4fetch> <endpoint> <N>
import * as I from "./lib/impls.mjs";

const [impl, endpoint, nArg] = process.argv.slice(2);
const n = Number(nArg);
let call, wasmMemory = () => null;
if (impl === "us") {
  const { glue, entry } = await I.loadUs();
  const api = entry ?? glue;
  call = (name) => api.assumeRole(I.usOpts(endpoint, name));
  // initSync returns the already-initialised exports, memory included.
  const exports = glue.initSync({ module: new Uint8Array(0) });
  wasmMemory = () => exports.memory.buffer.byteLength;
} else if (impl === "client-sts") {
  const { sts, client } = await I.loadClientSts(endpoint);
  call = (name) => client.send(I.assumeRoleCommand(sts, name));
} else {
  const aws4 = await I.aws4Client();
  const body = (name) => `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent("arn:aws:iam::123456789012:role/example-role")}&RoleSessionName=${name}`;
  call = (name) => aws4(endpoint, body(name));
}

const snapshot = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, wasm: wasmMemory() };
};
let failures = 0;
let warm;
for (let i = 1; i <= n; i++) {
  try {
    await call(i % 10 === 0 ? "fail" : `bench-${i}`);
  } catch (e) {
    failures++;
    if (i % 10 !== 0) throw e;
  }
  if (i === Math.floor(n / 5)) warm = snapshot();
}
const end = snapshot();
if (failures !== Math.floor(n / 10)) throw new Error(`expected ${Math.floor(n / 10)} failures, got ${failures}`);
console.log(JSON.stringify({ impl, n, failures, peakRss: process.resourceUsage().maxRSS * 1024, warm, end }));
process.exit(0);
