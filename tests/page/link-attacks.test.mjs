// issue 10, items 2 and 3: the page on a plain static host (no headers of ours: no frame-ancestors, no COOP)
// attacked by another origin. An attacker's site, on a second 127.0.0.1 port, serves the framing and
// opening pages and doubles as the hostile "STS endpoint", counting every request that reaches it.
//   - framed cross-origin, the page hides its form and says why (it used to work, sending to the iframe
//     URL's #endpoint);
//   - window.open()ed, the opener re-points the page's #hash while it loads and after: the endpoint must
//     not change (it used to, when the hash landed during the emulator.json round trip);
//   - a crafted #endpoint= link sends nothing to its host before a confirmation naming that host, and the
//     ~/.aws/config block names the endpoint only once the user typed it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveFile } from '../../scripts/serve.mjs';
import { startWorld, openPage, repo, screenshot } from './helpers.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm' };

/** www/ as a header-less static host serves it: a Content-Type and nothing else. */
async function startPlainStaticHost() {
  const server = http.createServer(async (req, res) => {
    const file = await resolveFile(path.join(repo, 'www'), new URL(req.url, 'http://x').pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('Not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

/** The attacker's origin: /frame?src=URL frames a page, /opener is a blank page; every other request is counted. */
async function startAttacker() {
  const hits = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET' && url.pathname === '/frame') {
      const src = url.searchParams.get('src').replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end(`<!doctype html><title>totally AWS</title><iframe id="victim" src="${src}" width="1000" height="800"></iframe>`);
    }
    if (req.method === 'GET' && url.pathname === '/opener') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<!doctype html><title>opener</title><p>attacker</p>');
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(404).end();
    hits.push(`${req.method} ${req.url}`);
    // Answer CORS so a request that got this far would also have been read.
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'POST', 'Content-Type': 'text/xml',
    });
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, hits, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

const withEndpoint = (pageUrl, endpoint) => `${pageUrl}#endpoint=${encodeURIComponent(endpoint)}`;

describe('attacks from another origin on a header-less static host', { timeout: 180000 }, () => {
  let world, host, attacker;
  before(async () => {
    world = await startWorld();
    host = await startPlainStaticHost();
    attacker = await startAttacker();
  });
  after(async () => {
    await attacker?.close();
    await host?.close();
    await world?.stop();
  });

  it('framed by another origin, the page hides its form and says why', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${attacker.origin}/frame?src=${encodeURIComponent(withEndpoint(host.url, attacker.origin))}`);
    const frame = await (await page.waitForSelector('#victim')).contentFrame();
    await frame.waitForSelector('#framed', { timeout: 15000 });
    assert.equal(await frame.getAttribute('html', 'data-framed'), 'true');
    assert.equal(await frame.isVisible('main'), false, 'no form inside a frame');
    assert.equal(await frame.isVisible('#accessKeyId'), false);
    assert.match(await frame.locator('#framed').textContent(), /does not work inside a frame/);
    assert.equal(await frame.getAttribute('#framed a', 'href'), host.url, 'the way out drops the framing site’s #endpoint');
    await page.waitForTimeout(500);
    assert.equal(await frame.getAttribute('html', 'data-ready'), null, 'the app never started');
    assert.deepEqual(attacker.hits, []);
    await screenshot(page, 'framed-refused-light-1280');
    await context.close();
  });

  it('an opener re-pointing the #hash, during load and after, does not change the endpoint', async () => {
    const context = await world.browser.newContext();
    // Hold the page's emulator.json request (its one round trip before it settles the endpoint) until the
    // opener has re-pointed the hash: the window a real network gives the attacker, made deterministic.
    let releaseGate;
    const gate = new Promise((r) => (releaseGate = r));
    let held;
    const heldRequest = new Promise((r) => (held = r));
    await context.route('**/emulator.json', async (route) => {
      held();
      await gate;
      await route.continue();
    });
    const opener = await context.newPage();
    await opener.goto(`${attacker.origin}/opener`);
    const [victim] = await Promise.all([
      context.waitForEvent('page'),
      opener.evaluate((url) => { window.victim = window.open(url); }, host.url),
    ]);
    await heldRequest;
    const hostile = withEndpoint(host.url, attacker.origin);
    await opener.evaluate((url) => { window.victim.location.href = url; }, hostile);
    await victim.waitForFunction((h) => location.hash === h, `#endpoint=${encodeURIComponent(attacker.origin)}`);
    await victim.evaluate(() => { window.__sameDocument = true; });
    releaseGate();
    await victim.waitForSelector('html[data-ready="true"]', { timeout: 15000 });

    const state = async () => victim.evaluate(() => ({
      custom: document.getElementById('target-custom').checked,
      endpoint: document.getElementById('endpoint').value,
      policy: document.querySelector('meta[data-connect-lock]').content,
      confirm: document.getElementById('link-endpoint')?.hidden === false,
      sameDocument: window.__sameDocument === true,
    }));
    let s = await state();
    assert.equal(s.sameDocument, true, 'the hash change did not reload the page');
    assert.equal(s.custom, false, 'still AWS, not the opener’s endpoint');
    assert.equal(s.endpoint, '');
    assert.ok(!s.policy.includes(attacker.origin), s.policy);

    // After load too: a second re-pointing changes nothing, and the page says it ignored it.
    await opener.evaluate((url) => { window.victim.location.href = url; }, withEndpoint(host.url, `${attacker.origin}/again`));
    await victim.waitForFunction(() => /changed after it loaded/.test(document.getElementById('status').textContent));
    s = await state();
    assert.deepEqual({ custom: s.custom, endpoint: s.endpoint, confirm: s.confirm, sameDocument: s.sameDocument }, { custom: false, endpoint: '', confirm: false, sameDocument: true });
    assert.ok(!s.policy.includes(attacker.origin), s.policy);
    await victim.fill('#accessKeyId', world.moto.bob.accessKeyId);
    await victim.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
    await victim.click('#whoami');
    await victim.waitForSelector('#error:not([hidden]), #identity:not([hidden])', { timeout: 15000 });
    assert.deepEqual(attacker.hits, [], 'nothing reached the opener’s endpoint');
    await context.close();
  });

  it('a crafted #endpoint= link sends nothing to its host before a confirmation naming the host', async () => {
    const attackerHost = new URL(attacker.origin).host;
    const { page, context } = await openPage(world, { url: withEndpoint(host.url, attacker.origin) });
    assert.equal(await page.isVisible('#link-endpoint'), true, 'the confirmation is shown up front');
    assert.equal(await page.locator('#link-endpoint-host').textContent(), attackerHost);
    assert.match(await page.locator('#link-endpoint-confirm').textContent(), new RegExp(`Send my requests to ${attackerHost}`));
    await screenshot(page, 'link-endpoint-confirm-light-1280');

    await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
    await page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
    await page.fill('#sessionToken', 'FwoGZXIvYXdzEXAMPLEsessiontoken');
    await page.fill('#roleArn', world.moto.roles.example);
    for (const button of ['#whoami', '#assume', '#mfa-session']) {
      await page.click(button);
      await page.waitForSelector('#endpoint-error:not([hidden])');
      assert.match(await page.locator('#endpoint-error').textContent(), new RegExp(`confirm above .*${attackerHost}`));
    }
    await page.waitForTimeout(300);
    assert.deepEqual(attacker.hits, [], 'no request reached the link’s endpoint before confirming');

    await page.click('#link-endpoint-confirm');
    assert.equal(await page.isVisible('#link-endpoint'), false);
    await page.click('#whoami');
    await page.waitForSelector('#error:not([hidden])', { timeout: 15000 }); // the attacker answers nothing STS-like
    assert.ok(attacker.hits.length > 0, 'after confirming, requests do go there (the control)');
    await context.close();
  });

  it('"Use AWS instead" keeps the link’s endpoint unused', async () => {
    const before = attacker.hits.length;
    const { page, context } = await openPage(world, { url: withEndpoint(host.url, attacker.origin) });
    await page.click('#link-endpoint-aws');
    assert.equal(await page.isChecked('#target-aws'), true);
    assert.equal(await page.isVisible('#link-endpoint'), false);
    await page.check('#target-custom');
    assert.equal(await page.isVisible('#link-endpoint'), true, 'back to the link’s endpoint: asked again');
    await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
    await page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
    await page.click('#whoami');
    await page.waitForSelector('#endpoint-error:not([hidden])');
    assert.equal(attacker.hits.length, before);
    await context.close();
  });

  it('the ~/.aws/config block names endpoint_url only when the user typed the endpoint', async () => {
    const { page, context } = await openPage(world, { url: withEndpoint(host.url, world.moto.endpoint) });
    await page.click('#link-endpoint-confirm');
    await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
    await page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
    await page.fill('#roleArn', world.moto.roles.example);
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])', { timeout: 15000 });
    const fromLink = await page.locator('#config-block').textContent();
    assert.match(fromLink, /^role_arn = /m);
    assert.doesNotMatch(fromLink, /endpoint_url/, 'an endpoint from a link never lands in ~/.aws/config');

    await page.fill('#endpoint', world.moto.endpoint); // typed by the user (a trusted input event)
    await page.click('#assume');
    await page.waitForFunction(() => /endpoint_url/.test(document.getElementById('config-block').textContent), null, { timeout: 15000 });
    assert.match(await page.locator('#config-block').textContent(), new RegExp(`^endpoint_url = ${world.moto.endpoint}$`, 'm'));
    await context.close();
  });
});
