// The page's security promises, checked in the browser: the CSP blocks an injected inline script
// and narrows connect-src to STS + the chosen endpoint; every region the list offers is reachable
// under that policy; a custom endpoint needs the "reload allowing" step; a static host (no
// /emulator.json) has no preset; nothing lands in web storage or cookies.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/serve.mjs';
import { startWorld, openPage, screenshot } from './helpers.mjs';

describe('security', { timeout: 120000 }, () => {
  let world, staticHost;
  before(async () => {
    world = await startWorld();
    staticHost = await startServer({ port: 0 }); // like any static host: no emulator.json
  });
  after(async () => {
    await staticHost?.close();
    await world?.stop();
  });

  it('the CSP blocks an injected inline script and inline handler', async () => {
    const { page, context } = await openPage(world);
    const result = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = true';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:,x');
      img.setAttribute('onerror', 'window.__pwned2 = true');
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 300));
      return { pwned: window.__pwned === true || window.__pwned2 === true, violations };
    });
    assert.equal(result.pwned, false);
    assert.ok(result.violations.includes('script-src-elem'), `violations: ${result.violations}`);
    await context.close();
  });

  it('connect-src admits STS and the emulator, nothing else (not even other amazonaws.com hosts)', async () => {
    const { page, context } = await openPage(world);
    const blocked = await page.evaluate(async (moto) => {
      const hit = new Set();
      document.addEventListener('securitypolicyviolation', (e) => hit.add(e.blockedURI));
      const urls = ['https://evil.example/', 'https://my-bucket.s3.amazonaws.com/', 'http://127.0.0.1:9/', `${moto}/`];
      // A blocked fetch rejects before any packet; an allowed one reaches moto (others can't resolve here).
      await Promise.all(urls.map((u) => fetch(u, { method: 'OPTIONS' }).catch(() => null)));
      await new Promise((r) => setTimeout(r, 200));
      return [...hit];
    }, world.moto.endpoint);
    assert.deepEqual(blocked.sort(), ['http://127.0.0.1:9/', 'https://evil.example/', 'https://my-bucket.s3.amazonaws.com/']);
    await context.close();
  });

  it('every region in the list (and FIPS variant) gets an endpoint the CSP admits', async () => {
    const { page, context } = await openPage(world);
    const refused = await page.evaluate(async () => {
      const api = await import('./pkg/assume_role_wasm.js');
      const { REGIONS } = await import('./regions.js');
      const { mayConnect } = await import('./csp-lock.js');
      const bad = [];
      for (const r of REGIONS) {
        for (const useFips of r.id === 'aws-global' ? [false] : [false, true]) {
          let url = null;
          // Records where the library would send the request; no request is made.
          const fetch = async (u) => { url = String(u); throw new Error('recorded'); };
          await api.call('getCallerIdentity', { accessKeyId: 'AKIAEXAMPLEEXAMPLE12', secretAccessKey: 'x'.repeat(40), region: r.id, useFips, fetch }).catch(() => {});
          if (!url || !mayConnect(url)) bad.push(`${r.id}${useFips ? ' fips' : ''}: ${url}`);
        }
      }
      return bad;
    });
    assert.deepEqual(refused, []);
    await context.close();
  });

  it('a static host has no preset; a custom endpoint needs "Reload allowing", then works', async () => {
    const { page, context, requests } = await openPage(world, { url: staticHost.url });
    assert.equal(await page.isVisible('#target-emulator'), false);
    assert.equal(await page.isChecked('#target-aws'), true);
    assert.equal(await page.inputValue('#accessKeyId'), '');
    await screenshot(page, 'static-host-empty-light-1280');

    await page.check('#target-custom');
    await page.fill('#endpoint', world.moto.endpoint);
    await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
    await page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
    await page.click('#whoami');
    await page.waitForSelector('#endpoint-error:not([hidden])');
    assert.equal(await page.isVisible('#allow-endpoint'), true);
    assert.ok(!requests.some((u) => u.startsWith(world.moto.endpoint)), 'no request before it is allowed');

    await Promise.all([page.waitForNavigation(), page.click('#allow-endpoint')]);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(new URL(page.url()).hash, `#endpoint=${encodeURIComponent(world.moto.endpoint)}`);
    assert.equal(await page.isChecked('#target-custom'), true);
    assert.equal(await page.inputValue('#endpoint'), world.moto.endpoint);
    assert.match(await page.locator('#target-note').textContent(), /opened allowing http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(await page.inputValue('#secretAccessKey'), '', 'the reload forgot the secret');
    assert.ok(page.url().indexOf(world.moto.bob.secretAccessKey) < 0);

    // The endpoint now comes from the page's address, which anyone can craft: it must be confirmed by name.
    assert.equal(await page.isVisible('#link-endpoint'), true);
    await page.click('#link-endpoint-confirm');
    await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
    await page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
    await page.click('#whoami');
    await page.waitForSelector('#identity:not([hidden])');
    assert.equal(await page.locator('#identity-arn').textContent(), world.moto.bob.arn);
    await context.close();
  });

  it('a fragment naming a non-loopback http endpoint is ignored', async () => {
    const { page, context } = await openPage(world, { url: `${staticHost.url}#endpoint=${encodeURIComponent('http://evil.example:8080')}` });
    assert.equal(await page.isChecked('#target-custom'), false);
    const policy = await page.evaluate(() => document.querySelector('meta[data-connect-lock]').content);
    assert.ok(!policy.includes('evil'), policy);
    await context.close();
  });

  it('nothing is written to storage or cookies across a whole session', async () => {
    const { page, context } = await openPage(world);
    await page.click('#whoami');
    await page.waitForSelector('#identity:not([hidden])');
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    await page.click('#verify');
    await page.waitForSelector('#verify-result:not([hidden])');
    const stored = await page.evaluate(async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
      idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
    assert.deepEqual(await context.cookies(), []);
    const state = await context.storageState();
    assert.deepEqual(state.origins, []);
    await context.close();
  });

  it('secret fields have autocomplete off and no name (never serialised)', async () => {
    const { page, context } = await openPage(world);
    const fields = await page.evaluate(() => ['accessKeyId', 'secretAccessKey', 'sessionToken'].map((id) => {
      const el = document.getElementById(id);
      return [id, el.getAttribute('autocomplete'), el.name];
    }));
    assert.deepEqual(fields, [['accessKeyId', 'off', ''], ['secretAccessKey', 'off', ''], ['sessionToken', 'off', '']]);
    assert.equal(await page.getAttribute('#secretAccessKey', 'type'), 'password');
    await context.close();
  });
});
