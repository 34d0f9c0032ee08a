// issue 10, 4: a hostile endpoint's terminal escapes must not reach the CLI user's terminal. The fault server
// answers with OSC 52 (clipboard write), CSI clear-screen, the 8-bit CSI U+009B, BEL and NEL, both raw and as
// XML character references, in every field the CLI prints: an error's code, message and request id, and
// get-caller-identity's account, ARN and user id (text and JSON). The bytes the CLI writes to stdout and
// stderr are checked for any C0 control but the newline (and text output's own two tabs), DEL or C1; the
// escaped forms must be there instead, so nothing is silently lost.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFaultServer, HOSTILE_RAW } from './fault-server.mjs';
import { repo, KEY_ID, SECRET } from './support.mjs';

let server, home;
before(async () => {
  server = await startFaultServer();
  home = mkdtempSync(path.join(tmpdir(), 'arw-escapes-home-'));
});
after(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

/** Runs the CLI; resolves with the raw bytes of stdout and stderr. */
function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/assume-role-wasm.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: home, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [], err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}

/** Every control character in `bytes` (decoded as UTF-8) other than the allowed ones, as code points. */
function controls(bytes, allowed = ['\n']) {
  const text = bytes.toString('utf8');
  const found = [...text].filter((c) => /[\u0000-\u001f\u007f-\u009f]/.test(c) && !allowed.includes(c));
  // Raw ESC and BEL bytes, whatever the decoding; and the 8-bit CSI byte outside a UTF-8 sequence.
  if (bytes.includes(0x1b) || bytes.includes(0x07)) found.push('raw ESC/BEL byte');
  return found.map((c) => (c.length === 1 ? `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
}

const endpoint = (scenario, run) => `${server.url}/${scenario}/${run}`;

test('an error from a hostile endpoint: code, message and request id reach stderr escaped', async () => {
  for (const command of [['get-caller-identity'], ['assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/r', '--role-session-name', 'sess']]) {
    const r = await cli([...command, '--endpoint-url', endpoint('hostile-error', command[0])]);
    assert.equal(r.code, 1);
    assert.deepEqual(controls(r.stdout), [], 'stdout');
    assert.deepEqual(controls(r.stderr), [], `stderr: ${JSON.stringify(r.stderr.toString())}`);
    const text = r.stderr.toString();
    assert.match(text, /AccessDenied\\x1b\]52;c;cHduZWQ=\\x07\\x85\\x1b\[2J\\x9b31m/, 'the code, escaped');
    assert.match(text, /denied \\x1b\]52;c;/, 'the message, escaped');
    assert.match(text, /request id req\\x1b\]52;/, 'the request id, escaped');
    assert.equal(text.trimEnd().split('\n').length <= 2, true, 'no forged extra lines');
  }
});

test('get-caller-identity --format text from a hostile endpoint prints escapes, not controls', async () => {
  const r = await cli(['get-caller-identity', '--format', 'text', '--endpoint-url', endpoint('hostile-identity', 'text')]);
  assert.equal(r.code, 0, r.stderr.toString());
  assert.deepEqual(controls(r.stdout, ['\n', '\t']), [], JSON.stringify(r.stdout.toString()));
  assert.deepEqual(controls(r.stderr), []);
  const fields = r.stdout.toString().trimEnd().split('\t');
  assert.equal(fields.length, 3, 'only the two separators are tabs');
  assert.equal(fields[0], '123456789012');
  assert.equal(fields[1], 'arn:aws:iam::123456789012:user/Bob\\x1b]52;c;cHduZWQ=\\x07\\x85\\x1b[2J\\x9b31m');
  assert.ok(fields[2].startsWith('AIDA\\x1b]52;'), fields[2]);
});

test('get-caller-identity --format json from a hostile endpoint: no raw control, same values once parsed', async () => {
  const r = await cli(['get-caller-identity', '--format', 'json', '--endpoint-url', endpoint('hostile-identity', 'json')]);
  assert.equal(r.code, 0, r.stderr.toString());
  assert.deepEqual(controls(r.stdout), [], JSON.stringify(r.stdout.toString()));
  const id = JSON.parse(r.stdout.toString());
  assert.equal(id.UserId, `AIDA${HOSTILE_RAW}`, 'the JSON still carries the exact value, as escapes');
  assert.equal(id.Arn, `arn:aws:iam::123456789012:user/Bob${HOSTILE_RAW}`, 'character references decoded, then escaped');
});
