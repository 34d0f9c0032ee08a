// The AWS CLI walkthrough, clicked through the page against moto with auth enforced:
// who am I → Bob; assume example-role → credentials + every export tab; verify → the
// assumed-role ARN; chain into chained-role. Plus the live countdown and "nothing stored".

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, openPage, screenshot } from './helpers.mjs';

const ACCOUNT = '123456789012';
const SHELLS = ['bash', 'fish', 'powershell', 'cmd'];
const FILES = ['dotenv', 'credentials', 'credential-process', 'json'];

describe('walkthrough by clicking', { timeout: 120000 }, () => {
  let world, page, requests, errors, context;
  const text = (sel) => page.locator(sel).innerText();

  before(async () => {
    world = await startWorld();
    ({ page, requests, errors, context } = await openPage(world));
  });
  after(async () => world?.stop());

  it('offers the local emulator preset with Bob and example-role filled in', async () => {
    assert.equal(await page.isChecked('#target-emulator'), true);
    assert.equal(await page.inputValue('#accessKeyId'), world.moto.bob.accessKeyId);
    assert.equal(await page.inputValue('#secretAccessKey'), world.moto.bob.secretAccessKey);
    assert.equal(await page.inputValue('#roleArn'), world.moto.roles.example);
    assert.match(await text('#target-note'), new RegExp(world.moto.endpoint.replace(/\./g, '\\.')));
  });

  it('Who am I shows Bob', async () => {
    await page.click('#whoami');
    await page.waitForSelector('#identity:not([hidden])');
    assert.equal(await text('#identity-arn'), `arn:aws:iam::${ACCOUNT}:user/Bob`);
    assert.equal(await text('#identity-account'), ACCOUNT);
    assert.match(await text('#status'), /You are arn:aws:iam::123456789012:user\/Bob/);
  });

  it('Assume role shows the credentials, expiration and countdown', async () => {
    const session = await page.inputValue('#roleSessionName');
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await text('#result-arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/example-role/${session}`);
    assert.match(await text('#cred-akid'), /^[A-Z0-9]{16,}$/);
    assert.ok((await text('#cred-secret')).length >= 20);
    assert.ok((await text('#cred-token')).length >= 20);
    assert.match(await text('#exp-utc'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    assert.match(await text('#exp-local'), /your time/);
    assert.match(await text('#countdown'), /^expires in (59 min|1 hour|\d+ min)/);
    await screenshot(page, 'walkthrough-result-light-1280');
  });

  it('every export tab renders the credentials, with unset lines only for shells', async () => {
    const akid = await text('#cred-akid');
    for (const f of [...SHELLS, ...FILES]) {
      await page.click(`#tab-${f}`);
      assert.equal(await page.isVisible(`#panel-${f}`), true, `${f} panel visible`);
      assert.equal(await page.getAttribute(`#tab-${f}`, 'aria-selected'), 'true');
      const code = await page.locator(`#code-${f}`).textContent();
      assert.ok(code.includes(akid), `${f} export contains the access key ID`);
      const unset = await page.locator(`#unset-${f}`).textContent();
      if (SHELLS.includes(f)) {
        assert.match(unset, /AWS_SESSION_TOKEN/, `${f} has unset lines`);
        assert.equal(await page.isVisible(`#unset-${f}`), true);
      } else {
        assert.equal(unset, '', `${f} has no unset lines`);
        assert.equal(await page.isVisible(`#unset-wrap-${f}`), false);
      }
    }
  });

  it('the tabs work from the keyboard', async () => {
    await page.focus('#tab-bash');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-fish');
    assert.equal(await page.isVisible('#panel-fish'), true);
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-json');
    await page.keyboard.press('ArrowRight'); // wraps
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-bash');
  });

  it('the ~/.aws/config block names the role, source profile and session', async () => {
    const block = await page.locator('#config-block').textContent();
    assert.match(block, /^\[profile example-role\]\n/);
    assert.match(block, new RegExp(`^role_arn = ${world.moto.roles.example}$`, 'm'));
    assert.match(block, /^source_profile = default$/m);
    assert.match(block, /^duration_seconds = 3600$/m);
    assert.match(block, /^role_session_name = \S+$/m);
    assert.match(block, new RegExp(`^endpoint_url = ${world.moto.endpoint}$`, 'm'));
    await page.fill('#source-profile', 'bob');
    assert.match(await page.locator('#config-block').textContent(), /^source_profile = bob$/m);
  });

  it('Verify shows the assumed-role ARN', async () => {
    await page.click('#verify');
    await page.waitForSelector('#verify-result:not([hidden])');
    const session = await page.inputValue('#roleSessionName');
    assert.match(await text('#verify-result'), new RegExp(`arn:aws:sts::${ACCOUNT}:assumed-role/example-role/${session}$`));
  });

  it('Chain assumes chained-role with the returned credentials', async () => {
    const first = { akid: await text('#cred-akid'), token: await text('#cred-token') };
    await page.click('#chain');
    assert.equal(await page.inputValue('#accessKeyId'), first.akid);
    assert.equal(await page.inputValue('#sessionToken'), first.token);
    assert.equal(await page.inputValue('#roleArn'), world.moto.roles.chained);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'roleArn');
    const session = await page.inputValue('#roleSessionName');
    await page.click('#assume');
    await page.waitForFunction(() => /chained-role/.test(document.getElementById('result-arn').textContent));
    assert.equal(await text('#result-arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/chained-role/${session}`);
    assert.notEqual(await text('#cred-akid'), first.akid);
    await page.click('#verify');
    await page.waitForSelector('#verify-result:not([hidden])');
    assert.match(await text('#verify-result'), /assumed-role\/chained-role\//);
  });

  it('Clear wipes every field and result', async () => {
    await page.click('#clear');
    for (const id of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'roleArn']) {
      assert.equal(await page.inputValue(`#${id}`), '', `${id} cleared`);
    }
    assert.equal(await page.isVisible('#result'), false);
    assert.equal(await page.isVisible('#identity'), false);
    const leftovers = await page.evaluate(() => [...document.querySelectorAll('#result pre, #result dd, #result-arn, #verify-result')].map((e) => e.textContent.trim()).join(''));
    assert.equal(leftovers, '');
  });

  it('stored nothing and talked only to its own origin and moto', async () => {
    const stored = await page.evaluate(async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
      idb: (await indexedDB.databases()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookie: '', idb: 0 });
    assert.deepEqual(await context.cookies(), []);
    const pageOrigin = new URL(world.server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(pageOrigin + '/') && !u.startsWith(world.moto.endpoint + '/') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.ok(requests.some((u) => u.startsWith(world.moto.endpoint)), 'did call moto');
    assert.ok(requests.every((u) => !u.includes(world.moto.bob.secretAccessKey)), 'no secret in any URL');
    assert.deepEqual(errors, []);
  });
});

describe('expiration countdown', { timeout: 60000 }, () => {
  let world;
  before(async () => (world = await startWorld()));
  after(async () => world?.stop());

  it('turns to "expired" when the credentials expire', async () => {
    const { page, context } = await openPage(world, { waitReady: false });
    await page.clock.install(); // fake timers that still flow with real time, so the request works
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.fill('#durationSeconds', '900');
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    assert.match(await page.locator('#countdown').innerText(), /^expires in 1[45] min/);
    await page.clock.fastForward('15:05');
    await page.waitForFunction(() => document.getElementById('countdown').textContent === 'expired');
    assert.match(await page.locator('#status').innerText(), /expired/);
    await context.close();
  });
});
