// Faults on the wire, against tests/hardening/fault-server.mjs through Node's real global fetch: each case
// must end in the right result or the right coded error, within its time bound (never a hang), after exactly
// the number of attempts src/retry.rs prescribes (MAX_ATTEMPTS = 3 for transient errors, one extra attempt
// after a clock correction). Each case runs on a fresh wasm instance: a learned clock offset is global state.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, SERVER_CLOCK_AHEAD_MS } from './fault-server.mjs';
import { loadApi, roleOpts, errorText, SECRET, cell } from './support.mjs';

const MAX_ATTEMPTS = 3; // src/retry.rs

// [scenario, expected outcome, attempts, max elapsed ms, timeoutMs]
const CASES = [
  ['ok', { ok: true }, 1, 1500],
  ['html-502', { code: 'UnexpectedResponse', status: 502 }, MAX_ATTEMPTS, 2000],
  ['truncated', { code: 'UnexpectedResponse', status: 200 }, 1, 1500],
  ['empty-200', { code: 'UnexpectedResponse', status: 200 }, 1, 1500],
  ['error-200', { code: 'AccessDenied', status: 200 }, 1, 1500],
  ['huge', { code: 'UnexpectedResponse', status: 200 }, 1, 5000],
  ['stall', { code: 'Timeout' }, 1, 1500, 500],
  ['stall-body', { code: 'Timeout' }, 1, 1500, 500],
  ['reset', { code: 'NetworkError' }, MAX_ATTEMPTS, 2000],
  ['throttle-then-ok', { ok: true }, 2, 2000],
  ['503-then-ok', { ok: true }, 2, 1500],
  ['skew-then-ok', { ok: true }, 2, 1500],
  ['skew-always', { code: 'SignatureDoesNotMatch', status: 403, hint: /clock/ }, 2, 1500],
  ['garbage-date-skew', { code: 'SignatureDoesNotMatch', status: 403, hint: /clock/ }, 1, 1500],
  ['garbage-date-ok', { ok: true }, 1, 1500],
];

const fromAmz = (s) => Date.parse(String(s).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

describe('faults on the wire', { timeout: 60000 }, () => {
  let server;
  const rows = [];
  before(async () => { server = await startFaultServer(); });
  after(async () => {
    console.log(`fault cases: ${rows.length}\n${cell('scenario', 18)} ${cell('outcome', 34)} ${cell('attempts', 8)} ${cell('ms', 6)} bound\n${rows.join('\n')}`);
    await server?.close();
  });

  for (const [scenario, want, attempts, maxMs, timeoutMs] of CASES) {
    it(`${scenario}: ${want.ok ? 'succeeds' : want.code} after ${attempts} attempt(s) within ${maxMs} ms`, async () => {
      const { api } = await loadApi(`faults-${scenario}`);
      const run = `${scenario}-run`;
      const started = performance.now();
      const opts = roleOpts({ endpoint: `${server.url}/${scenario}/${run}`, ...(timeoutMs ? { timeoutMs } : {}) });
      const outcome = await api.assumeRole(opts).then((r) => ({ r }), (e) => ({ e }));
      const ms = Math.round(performance.now() - started);
      const seen = server.requests(run);
      const got = outcome.e ? `${outcome.e.code}${outcome.e.status ? ` ${outcome.e.status}` : ''}` : `ok ${outcome.r.assumedRoleUser.arn.split('/').pop()}`;
      rows.push(`${cell(scenario, 18)} ${cell(got, 34)} ${cell(seen.length, 8)} ${cell(ms, 6)} ${maxMs}`);

      if (want.ok) {
        assert.ok(outcome.r, `expected success, got ${outcome.e && errorText(outcome.e)}`);
        assert.equal(outcome.r.credentials.accessKeyId, 'ASIAFAULTSERVEREXAMPLE');
      } else {
        assert.ok(outcome.e instanceof Error && outcome.e.name === 'StsError', `expected an StsError, got ${JSON.stringify(outcome)}`);
        assert.equal(outcome.e.code, want.code, outcome.e.message);
        assert.equal(outcome.e.status, want.status);
        if (want.hint) assert.match(outcome.e.hint, want.hint);
        assert.ok(!errorText(outcome.e).includes(SECRET));
      }
      assert.equal(seen.length, attempts, 'attempts');
      assert.ok(ms <= maxMs, `took ${ms} ms, bound ${maxMs}`);
      if (timeoutMs) assert.ok(ms >= timeoutMs - 20, `gave up after ${ms} ms, before the ${timeoutMs} ms deadline`);
    });
  }

  it('clock skew: the retry is signed at the server\'s time, and later calls keep the offset', async () => {
    const { api } = await loadApi('faults-skew-detail');
    const run = 'skew-detail';
    const endpoint = `${server.url}/skew-then-ok/${run}`;
    await api.assumeRole(roleOpts({ endpoint }));
    const [first, retry] = server.requests(run);
    // The first attempt carries this machine's time, the retry the server's (Date header: 1 s precision).
    assert.ok(Math.abs(fromAmz(first.headers['x-amz-date']) - first.at) < 2000);
    const serverAtRetry = retry.at + SERVER_CLOCK_AHEAD_MS;
    assert.ok(Math.abs(fromAmz(retry.headers['x-amz-date']) - serverAtRetry) < 3000,
      `retry signed at ${retry.headers['x-amz-date']}, server time ${new Date(serverAtRetry).toISOString()}`);
    // Learned once: the next call on this instance is on time at its first attempt.
    await api.assumeRole(roleOpts({ endpoint }));
    assert.equal(server.requests(run).length, 3);
  });

  it('a deadline shorter than the backoff ends the call at the deadline', async () => {
    const { api } = await loadApi('faults-deadline');
    const started = performance.now();
    const e = await api.assumeRole(roleOpts({ endpoint: `${server.url}/stall/deadline`, timeoutMs: 200 })).catch((x) => x);
    const ms = performance.now() - started;
    assert.equal(e.code, 'Timeout');
    assert.ok(ms >= 180 && ms < 1000, `${ms} ms`);
    assert.match(e.hint, /timeoutMs/);
  });
});
