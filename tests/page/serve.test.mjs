// scripts/serve.mjs: MIME types the page needs (application/wasm for streaming compilation),
// no escape from www/, no answer to a rebinding Host, and /emulator.json only with an emulator.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { repo } from './helpers.mjs';

/** A raw GET: fetch() would normalise "..", and these tests need the path sent as written. */
function get(port, rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve.mjs', () => {
  let plain, withEmu;
  before(async () => {
    plain = await startServer({ port: 0 });
    withEmu = await startServer({ port: 0, emulator: { endpoint: 'http://127.0.0.1:1', accessKeyId: 'AKIAFAKE', secretAccessKey: 's', roles: { example: 'arn' } } });
  });
  after(async () => {
    await plain?.close();
    await withEmu?.close();
  });

  it('serves the page with the right types and headers', async () => {
    const cases = { '/': 'text/html', '/app.js': 'text/javascript', '/style.css': 'text/css' };
    for (const [p, type] of Object.entries(cases)) {
      const r = await get(plain.port, p);
      assert.equal(r.status, 200, p);
      assert.ok(r.type.startsWith(type), `${p}: ${r.type}`);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.match(r.headers['content-security-policy'], /frame-ancestors 'none'/);
    }
    if (existsSync(path.join(repo, 'www/pkg/assume_role_wasm_bg.wasm'))) {
      assert.equal((await get(plain.port, '/pkg/assume_role_wasm_bg.wasm')).type, 'application/wasm');
    }
  });

  it('refuses to leave www/', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/pkg/..%2f..%2fpackage.json', '/..%5cpackage.json', '/%00', '/.gitignore', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const r = await get(plain.port, p);
      assert.equal(r.status, 404, p);
      assert.ok(!r.body.includes('"devDependencies"'), p);
    }
  });

  it('answers only to loopback Host names (DNS rebinding)', async () => {
    assert.equal((await get(plain.port, '/', { Host: `evil.example:${plain.port}` })).status, 421);
    assert.equal((await get(plain.port, '/', { Host: `localhost:${plain.port}` })).status, 200);
  });

  it('has /emulator.json only when an emulator runs; only GET/HEAD', async () => {
    assert.equal((await get(plain.port, '/emulator.json')).status, 404);
    const r = await get(withEmu.port, '/emulator.json');
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).accessKeyId, 'AKIAFAKE');
    const post = await new Promise((resolve) => http.request({ host: '127.0.0.1', port: plain.port, path: '/', method: 'POST' }, resolve).end());
    assert.equal(post.statusCode, 405);
  });

  it('falls back to the next port when the asked one is busy', async () => {
    const next = await startServer({ port: plain.port });
    try {
      assert.notEqual(next.port, plain.port);
      assert.equal((await get(next.port, '/')).status, 200);
    } finally {
      await next.close();
    }
  });
});
