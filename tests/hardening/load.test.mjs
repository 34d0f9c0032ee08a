// Load: 1,000 concurrent assumeRole calls from one Node process against the canned server (the fault
// server's `ok` scenario, a real HTTP server on 127.0.0.1), for several rounds. Every call must succeed,
// and memory must not grow round over round: JS heap and RSS after a forced GC, and wasm linear memory
// (which never shrinks, so any growth after the first round is a leak). Also no timer left behind.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startFaultServer } from './fault-server.mjs';
import { loadApi, roleOpts } from './support.mjs';

const CONCURRENCY = 1000;
const ROUNDS = 4; // round 1 warms up (JIT, connection pool, wasm heap); rounds 2..4 must be flat
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const mb = (n) => (n / 1048576).toFixed(1);
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

async function settle() {
  for (let i = 0; i < 3; i++) { gc(); await new Promise((r) => setImmediate(r)); }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

describe('load', { timeout: 120000 }, () => {
  let server, api, memory;
  before(async () => {
    server = await startFaultServer();
    ({ api, memory } = await loadApi('load'));
  });
  after(() => server?.close());

  it(`${CONCURRENCY} concurrent assumeRole calls x ${ROUNDS} rounds: no error, flat memory`, async () => {
    const timersBefore = timers();
    const figures = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const started = performance.now();
      const results = await Promise.allSettled(Array.from({ length: CONCURRENCY }, (_, i) =>
        api.assumeRole(roleOpts({ endpoint: `${server.url}/ok/load-${round}`, roleSessionName: `load-${i}`, timeoutMs: 60000 }))));
      const ms = performance.now() - started;
      const failed = results.filter((r) => r.status === 'rejected');
      assert.equal(failed.length, 0, `round ${round}: ${failed.length} failed, first: ${failed[0]?.reason?.code} ${failed[0]?.reason?.message}`);
      assert.ok(results.every((r) => r.value.credentials.accessKeyId === 'ASIAFAULTSERVEREXAMPLE'));
      assert.equal(server.requests(`load-${round}`).length, CONCURRENCY, 'one attempt per call');
      server.forget(`load-${round}`);
      results.length = 0;
      const mem = await settle();
      figures.push({ round, ms: Math.round(ms), perSecond: Math.round(CONCURRENCY / (ms / 1000)), rss: mem.rss, heap: mem.heapUsed, wasm: memory.buffer.byteLength });
    }
    console.log(`load: ${CONCURRENCY} concurrent calls per round\n` + figures.map((f) =>
      `round ${f.round}: ${f.ms} ms (${f.perSecond} calls/s)  rss ${mb(f.rss)} MB  heap ${mb(f.heap)} MB  wasm memory ${mb(f.wasm)} MB`).join('\n'));

    const [, second, , last] = figures;
    // After warm-up nothing may keep growing: wasm memory exactly, the JS heap and RSS within noise.
    assert.equal(last.wasm, second.wasm, 'wasm memory grew after warm-up');
    assert.ok(last.heap - second.heap < 4 * 1048576, `heap grew ${mb(last.heap - second.heap)} MB`);
    assert.ok(last.rss - second.rss < 48 * 1048576, `rss grew ${mb(last.rss - second.rss)} MB`);
    assert.ok(second.wasm < 32 * 1048576, `wasm memory ${mb(second.wasm)} MB for ${CONCURRENCY} calls in flight`);
    // Every call cleared its deadline timers: nothing keeps the event loop alive.
    assert.equal(timers(), timersBefore, 'timers left behind');
  });
});
