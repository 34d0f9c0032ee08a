// Secret hygiene across failing calls: the secret access key and session token never appear — whole or as
// any 16-character piece — in an error's message, hint, stack, JSON or own properties, in console output,
// in a URL, or in a request body; the secret key is never in a request header either (the session token
// belongs in x-amz-security-token and nowhere else). Failures come from moto (wrong secret, unknown token),
// the fault server (including a proxy that echoes the whole signed request back), and bad input that puts
// the secret into other fields.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startMoto } from '../support/moto.mjs';
import { startFaultServer } from './fault-server.mjs';
import { loadApi, roleOpts, errorText, SECRET, SESSION_TOKEN, KEY_ID } from './support.mjs';

// Long enough that an echoed copy gets cut by the 1024-character message limit.
const LONG_TOKEN = `FwoGZXIvYXdz${'HARDENlongTOKEN'.repeat(150)}`;
const SECRETS = [SECRET, SESSION_TOKEN, LONG_TOKEN];

/** Every 16-character window of every secret found in `text`. */
function leaks(text) {
  const found = new Set();
  for (const s of SECRETS) {
    for (let i = 0; i + 16 <= s.length; i += 4) if (text.includes(s.slice(i, i + 16))) found.add(s.slice(i, i + 16));
  }
  return [...found];
}

describe('secret hygiene', { timeout: 90000 }, () => {
  let moto, faults, api;
  const captured = []; // everything written to the console or stdout/stderr during the calls
  const requests = []; // { url, body, headers } of every fetch
  const restore = [];
  before(async () => {
    [moto, faults] = await Promise.all([startMoto(), startFaultServer()]);
    ({ api } = await loadApi('secrets'));
    for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
      const orig = console[k];
      console[k] = (...a) => { captured.push(a.map(String).join(' ')); };
      restore.push(() => { console[k] = orig; });
    }
    for (const stream of [process.stdout, process.stderr]) {
      const orig = stream.write;
      stream.write = function (chunk, ...rest) { captured.push(String(chunk)); return orig.call(this, chunk, ...rest); };
      restore.push(() => { stream.write = orig; });
    }
    const realFetch = globalThis.fetch;
    globalThis.fetch = (url, init = {}) => {
      requests.push({ url: String(url), body: String(init.body ?? ''), headers: { ...init.headers } });
      return realFetch(url, init);
    };
    restore.push(() => { globalThis.fetch = realFetch; });
  });
  after(async () => {
    for (const r of restore.reverse()) r();
    await Promise.all([moto?.stop(), faults?.close()]);
  });

  it('no secret in errors, console, URLs, bodies or headers across failing calls', async () => {
    const bob = () => ({ accessKeyId: moto.bob.accessKeyId, secretAccessKey: SECRET, endpoint: moto.endpoint });
    const temp = (token) => ({ accessKeyId: 'ASIAHARDENEXAMPLE123', secretAccessKey: SECRET, sessionToken: token });
    const fault = (scenario, extra = {}) => roleOpts({ endpoint: `${faults.url}/${scenario}/secrets-${scenario}`, timeoutMs: 1500, ...extra });
    const calls = [
      ['moto: wrong secret', () => api.getCallerIdentity(bob())],
      ['moto: wrong secret, assumeRole', () => api.assumeRole({ ...bob(), roleArn: moto.roles.example, roleSessionName: 's1' })],
      ['moto: unknown key + token', () => api.getCallerIdentity({ ...temp(SESSION_TOKEN), endpoint: moto.endpoint })],
      ['moto: chained, wrong token', () => api.assumeRole({ ...temp(LONG_TOKEN), endpoint: moto.endpoint, roleArn: moto.roles.chained, roleSessionName: 's1' })],
      ['fault: echoing proxy', () => api.assumeRole(fault('echo', temp(SESSION_TOKEN)))],
      ['fault: echoing proxy, long token', () => api.assumeRole(fault('echo', temp(LONG_TOKEN)))],
      ['fault: html 502', () => api.assumeRole(fault('html-502'))],
      ['fault: reset', () => api.assumeRole(fault('reset', temp(SESSION_TOKEN)))],
      ['fault: stall', () => api.assumeRole(fault('stall', { timeoutMs: 300 }))],
      ['fault: skew', () => api.assumeRole(fault('skew-always', temp(SESSION_TOKEN)))],
      ['bad: secret as roleArn', () => api.assumeRole(roleOpts({ roleArn: SECRET }))],
      ['bad: secret as roleSessionName', () => api.assumeRole(roleOpts({ roleSessionName: SECRET }))],
      ['bad: secret as externalId', () => api.assumeRole(roleOpts({ externalId: `${SECRET} ` }))],
      ['bad: secret as policy', () => api.assumeRole(roleOpts({ policy: SECRET }))],
      ['bad: secret as tag value', () => api.assumeRole(roleOpts({ tags: [{ key: 'k', value: `${SECRET};` }] }))],
      ['bad: secret as region', () => api.getCallerIdentity({ accessKeyId: KEY_ID, secretAccessKey: SECRET, region: SECRET })],
      ['bad: secret as endpoint', () => api.getCallerIdentity({ accessKeyId: KEY_ID, secretAccessKey: SECRET, endpoint: `http://${SECRET}` })],
      ['bad: key id and secret swapped', () => api.getCallerIdentity({ accessKeyId: SECRET, secretAccessKey: KEY_ID })],
      ['bad: secret with a line break', () => api.getCallerIdentity({ accessKeyId: KEY_ID, secretAccessKey: `${SECRET}\n` })],
      ['bad: secret with é', () => api.getCallerIdentity({ accessKeyId: KEY_ID, secretAccessKey: `${SECRET}é` })],
      ['bad: token with a space', () => api.getCallerIdentity(temp(`${SESSION_TOKEN} x`))],
      ['bad: token too long', () => api.getCallerIdentity(temp(SESSION_TOKEN.repeat(300)))],
      ['bad: secret where a number goes', () => api.assumeRole(roleOpts({ durationSeconds: SECRET }))],
      ['render: cmd refuses the secret', async () => api.renderExports({ accessKeyId: KEY_ID, secretAccessKey: `${SECRET}%`, sessionToken: SESSION_TOKEN, expiration: '2026-11-28T13:00:00Z' }, 'cmd')],
      ['render: bad expiration', async () => api.renderExports({ accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION_TOKEN, expiration: SECRET }, 'bash')],
    ];
    const problems = [];
    for (const [what, call] of calls) {
      const before = { out: captured.length, req: requests.length };
      const outcome = await call().then((r) => ({ r }), (e) => ({ e }));
      if (!outcome.e) { problems.push(`${what}: did not fail`); continue; }
      const sent = requests.slice(before.req);
      const texts = {
        error: errorText(outcome.e),
        console: captured.slice(before.out).join('\n'),
        urls: sent.map((r) => r.url).join('\n'),
        bodies: sent.map((r) => r.body).join('\n'),
        // x-amz-security-token is where the session token must go; the secret key goes nowhere.
        headers: sent.map((r) => Object.entries(r.headers).filter(([k]) => k !== 'x-amz-security-token').map(([, v]) => v).join('\n')).join('\n'),
      };
      for (const [where, text] of Object.entries(texts)) {
        const found = leaks(text);
        if (found.length) problems.push(`${what}: ${where} holds ${found.length} piece(s) of a secret, e.g. ${found[0]} in: ${text.slice(0, 300)}`);
      }
    }
    assert.ok(requests.length >= 10, `the failing calls did reach servers (${requests.length} requests)`);
    assert.deepEqual(problems, []);
  });
});
