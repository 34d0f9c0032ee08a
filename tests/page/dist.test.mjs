// dist/ (scripts/dist.mjs): byte-identical builds; every module, the stylesheet and the wasm pinned by
// hashes that check out; the header files carry serve.mjs's headers; served by a plain static server
// (Content-Type only, no security headers) the page works in Chromium against moto; and a tampered
// module, app.js, or wasm is refused by the browser.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync, cpSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDist } from '../../scripts/dist.mjs';
import { COMMON_HEADERS, MIME, emulatorInfo } from '../../scripts/serve.mjs';
import { startMoto } from '../support/moto.mjs';
import { launchBrowser, screenshot } from './helpers.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'arw-dist-'));
const sri = (b) => `sha384-${createHash('sha384').update(b).digest('base64')}`;

function walk(root, dir = '') {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    return e.isDirectory() ? walk(root, rel) : [rel];
  }).sort();
}

/** A static host with no headers of ours: files with a Content-Type, plus the emulator preset. */
function plainServer(root, emulator) {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/emulator.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(emulator));
    }
    const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
    if (rel.split('/').some((p) => p === '..' || p === '')) { res.writeHead(404); return res.end(); }
    try {
      const body = readFileSync(path.join(root, rel));
      res.writeHead(200, { 'Content-Type': MIME[path.extname(rel)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
  })));
}

describe('dist/', { timeout: 180000 }, () => {
  let a, b, moto, browser;
  before(async () => {
    a = buildDist({ out: path.join(tmp, 'a') });
    b = buildDist({ out: path.join(tmp, 'b') });
    moto = await startMoto();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await moto?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('two builds are byte-identical, file for file', () => {
    const files = walk(a.out);
    assert.deepEqual(walk(b.out), files);
    assert.ok(files.includes('pkg/assume_role_wasm_bg.wasm') && files.includes('index.html'));
    for (const f of files) assert.ok(readFileSync(path.join(a.out, f)).equals(readFileSync(path.join(b.out, f))), f);
  });

  it('SHA256SUMS lists every shipped file with its real hash', () => {
    const lines = readFileSync(path.join(a.out, 'SHA256SUMS'), 'utf8').trim().split('\n');
    const listed = lines.map((l) => l.split('  ')[1]);
    assert.deepEqual(listed, walk(a.out).filter((f) => f !== 'SHA256SUMS' && !f.startsWith('.')));
    for (const l of lines) {
      const [hex, f] = l.split('  ');
      assert.equal(createHash('sha256').update(readFileSync(path.join(a.out, f))).digest('hex'), hex, f);
    }
  });

  it('every module is in the import map with its real hash, the map is allowed by its CSP hash, the wasm hash is real', () => {
    const html = readFileSync(path.join(a.out, 'index.html'), 'utf8');
    const mapText = html.match(/<script type="importmap">(.*?)<\/script>/)[1];
    const { integrity } = JSON.parse(mapText);
    const modules = walk(a.out).filter((f) => f.endsWith('.js'));
    assert.deepEqual(Object.keys(integrity).sort(), modules.map((f) => `./${f}`).sort());
    for (const f of modules) assert.equal(integrity[`./${f}`], sri(readFileSync(path.join(a.out, f))), f);
    const mapHash = createHash('sha256').update(mapText).digest('base64');
    assert.match(html, new RegExp(`script-src 'self' 'sha256-${mapHash.replace(/[+/=]/g, '\\$&')}'`));
    assert.match(html, new RegExp(`<script type="module" src="app.js" integrity="${integrity['./app.js'].replace(/[+/=]/g, '\\$&')}">`));
    assert.match(html, /<link rel="stylesheet" href="style.css" integrity="sha384-/);
    assert.ok(html.indexOf('type="importmap"') < html.indexOf('type="module"'), 'the map precedes every module');
    const wasm = readFileSync(path.join(a.out, 'pkg/assume_role_wasm_bg.wasm'));
    assert.match(readFileSync(path.join(a.out, 'wasm-integrity.js'), 'utf8'), new RegExp(`WASM_SRI = '${sri(wasm).replace(/[+/=]/g, '\\$&')}'`));
  });

  it('_headers and nginx.conf carry every header the dev server sends, frame-ancestors included', () => {
    const headers = readFileSync(path.join(a.out, '_headers'), 'utf8');
    const nginx = readFileSync(path.join(a.out, 'nginx.conf'), 'utf8');
    assert.match(headers, /^\/\*$/m);
    for (const [k, v] of Object.entries(COMMON_HEADERS)) {
      assert.ok(headers.includes(`\n  ${k}: ${v}\n`), k);
      assert.ok(nginx.includes(`add_header ${k} "${v}" always;`), k);
    }
    assert.match(COMMON_HEADERS['Content-Security-Policy'], /frame-ancestors 'none'/);
    assert.equal(COMMON_HEADERS['Cross-Origin-Opener-Policy'], 'same-origin');
  });

  async function open(root) {
    const server = await plainServer(root, emulatorInfo(moto));
    const context = await browser.newContext();
    const page = await context.newPage();
    const console_ = [];
    page.on('console', (m) => console_.push(m.text()));
    await page.goto(server.url);
    return { page, console: console_, async close() { await context.close(); await server.close(); } };
  }

  it('served by a plain static server, the page works against moto (emulator preset: Who am I → Bob)', async () => {
    const { page, console: log, close } = await open(a.out);
    try {
      await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
      await page.click('#whoami');
      await page.waitForSelector('#identity:not([hidden])');
      assert.equal(await page.locator('#identity-arn').innerText(), 'arn:aws:iam::123456789012:user/Bob');
      assert.ok(!log.some((l) => /integrity|Refused/i.test(l)), log.join('\n'));
      await screenshot(page, 'dist-plain-host');
    } finally {
      await close();
    }
  });

  for (const [what, file, tamper] of [
    ['a module imported by app.js (dom.js)', 'dom.js', (f) => appendFileSync(f, '\n// tampered\n')],
    ['app.js itself', 'app.js', (f) => appendFileSync(f, '\nconsole.log("tampered");\n')],
    ['the wasm-bindgen glue (a dynamic import)', 'pkg/assume_role_wasm.js', (f) => appendFileSync(f, '\n')],
  ]) {
    it(`a tampered copy of ${what} is refused: the page never runs it`, async () => {
      const root = path.join(tmp, `tampered-${file.replace(/\W/g, '_')}`);
      cpSync(a.out, root, { recursive: true });
      tamper(path.join(root, file));
      const { page, console: log, close } = await open(root);
      try {
        await page.waitForFunction(() => document.documentElement.dataset.ready !== undefined, null, { timeout: 5000 }).catch(() => {});
        assert.notEqual(await page.evaluate(() => document.documentElement.dataset.ready), 'true');
        assert.ok(log.some((l) => /integrity/i.test(l)), `no integrity error in the console:\n${log.join('\n')}`);
        assert.equal(await page.isDisabled('#whoami'), true);
      } finally {
        await close();
      }
    });
  }

  it('a tampered wasm is refused before it is compiled: the page does not run', async () => {
    const root = path.join(tmp, 'tampered-wasm');
    cpSync(a.out, root, { recursive: true });
    const f = path.join(root, 'pkg/assume_role_wasm_bg.wasm');
    const bytes = readFileSync(f);
    bytes[bytes.length - 1] ^= 1; // one bit
    writeFileSync(f, bytes);
    const { page, console: log, close } = await open(root);
    try {
      await page.waitForFunction(() => document.documentElement.dataset.ready !== undefined, null, { timeout: 5000 }).catch(() => {});
      assert.notEqual(await page.evaluate(() => document.documentElement.dataset.ready), 'true');
      assert.ok(log.some((l) => /integrity/i.test(l) && /assume_role_wasm_bg\.wasm/.test(l)), log.join('\n'));
      assert.equal(await page.isDisabled('#whoami'), true);
    } finally {
      await close();
    }
  });
});

// The header file for nginx, in real nginx (Debian's nginx-light, scripts/setup.sh): every header of the
// dev server arrives, the wasm has its type, the page works, and a page of another origin cannot frame it.
describe('dist/nginx.conf in nginx', { timeout: 120000 }, () => {
  let out, nginx, port, moto, browser, other, dir;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'arw-nginx-'));
    chmodSync(dir, 0o755); // nginx's workers run as www-data: they must read the site
    out = buildDist({ out: path.join(dir, 'site') }).out;
    moto = await startMoto();
    // What serve.mjs generates for `npm start`; on a real host there is none and the page has no preset.
    writeFileSync(path.join(out, 'emulator.json'), JSON.stringify(emulatorInfo(moto)));
    const probe = http.createServer();
    await new Promise((r) => probe.listen(0, '127.0.0.1', r));
    port = probe.address().port;
    await new Promise((r) => probe.close(r));
    const conf = path.join(dir, 'nginx-test.conf');
    writeFileSync(conf, `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/body;
  server {
    listen 127.0.0.1:${port};
    root ${out};
    include ${out}/nginx.conf;
  }
}
`);
    const { spawn } = await import('node:child_process');
    nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr.on('data', (d) => (stderr += d));
    for (let i = 0; ; i++) {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        break;
      } catch {
        if (i > 50 || nginx.exitCode !== null) throw new Error(`nginx did not start (is nginx-light installed? scripts/setup.sh): ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    browser = await launchBrowser();
    // Another origin that tries to frame the page (a clickjacking host).
    other = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><iframe id="f" src="http://127.0.0.1:${port}/" width="800" height="600"></iframe>`);
    });
    await new Promise((r) => other.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await browser?.close();
    other?.close();
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every header serve.mjs sends arrives on the page, its modules and the wasm (application/wasm)', async () => {
    for (const file of ['', 'app.js', 'pkg/assume_role_wasm_bg.wasm', 'style.css']) {
      const res = await fetch(`http://127.0.0.1:${port}/${file}`);
      assert.equal(res.status, 200, file);
      for (const [k, v] of Object.entries(COMMON_HEADERS)) assert.equal(res.headers.get(k), v, `${k} on /${file}`);
      if (file.endsWith('.wasm')) assert.equal(res.headers.get('content-type'), 'application/wasm');
    }
  });

  it('the page works from nginx (emulator preset: Who am I → Bob)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
    await page.click('#whoami');
    await page.waitForSelector('#identity:not([hidden])');
    assert.equal(await page.locator('#identity-arn').innerText(), 'arn:aws:iam::123456789012:user/Bob');
    await context.close();
  });

  it('another origin cannot frame it: the header refuses before any script of the page runs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const log = [];
    page.on('console', (m) => log.push(m.text()));
    await page.goto(`http://127.0.0.1:${other.address().port}/`);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedForm = frame ? await frame.locator('#form').count().catch(() => 0) : 0;
    assert.equal(framedForm, 0, 'the framed document must not be the page');
    assert.ok(log.some((l) => /frame-ancestors/.test(l)), log.join('\n'));
    await context.close();
  });
});
