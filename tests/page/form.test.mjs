// The form's own behaviour: the region list and FIPS toggle, switching from the emulator to real
// AWS, the MFA session button, and the accessibility basics (labels, live regions, keyboard).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, openPage } from './helpers.mjs';

describe('form', { timeout: 120000 }, () => {
  let world;
  before(async () => (world = await startWorld()));
  after(async () => world?.stop());

  it('lists the regions of AWS\'s partition data; FIPS as the SDKs resolve it', async () => {
    const { page, context } = await openPage(world);
    const options = await page.$$eval('#region-list option', (os) => os.map((o) => [o.value, o.label]));
    const ids = options.map(([v]) => v);
    for (const r of ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1', 'eusc-de-east-1', 'aws-global']) assert.ok(ids.includes(r), r);
    assert.ok(options.some(([v, l]) => v === 'ap-northeast-1' && /Tokyo/.test(l)), 'searchable by city name');
    await page.check('#target-aws');
    await page.fill('#region', 'us-east-2');
    assert.equal(await page.isEnabled('#useFips'), true);
    await page.check('#useFips');
    assert.match(await page.locator('#target-note').textContent(), /https:\/\/sts-fips\.us-east-2\.amazonaws\.com/);
    // AWS's partition data gives every region a FIPS host (src/endpoint.rs follows the SDKs' rules).
    await page.fill('#region', 'eu-west-1');
    assert.match(await page.locator('#target-note').textContent(), /https:\/\/sts-fips\.eu-west-1\.amazonaws\.com/);
    await page.uncheck('#useFips');
    assert.match(await page.locator('#target-note').textContent(), /https:\/\/sts\.eu-west-1\.amazonaws\.com/);
    // The global endpoint has no FIPS variant.
    await page.fill('#region', 'aws-global');
    assert.equal(await page.isEnabled('#useFips'), false);
    assert.match(await page.locator('#target-note').textContent(), /https:\/\/sts\.amazonaws\.com/);
    await page.fill('#region', 'cn-north-1');
    assert.match(await page.locator('#target-note').textContent(), /sts\.cn-north-1\.amazonaws\.com\.cn/);
    await page.fill('#region', 'eusc-de-east-1');
    assert.match(await page.locator('#target-note').textContent(), /sts\.eusc-de-east-1\.amazonaws\.eu/);
    await context.close();
  });

  it('field limits come from the model in the wasm (www/limits.js), not from the HTML', async () => {
    const { page, context } = await openPage(world);
    const limits = await page.evaluate(() => ({
      roleSessionName: document.getElementById('roleSessionName').maxLength,
      sourceIdentity: document.getElementById('sourceIdentity').maxLength,
      tokenCode: document.getElementById('tokenCode').maxLength,
      durationMin: document.getElementById('durationSeconds').min,
      durationMax: document.getElementById('durationSeconds').max,
    }));
    // AWS's STS model: RoleSessionName 2–64, SourceIdentity 2–256, TokenCode 6; DurationSeconds 900–43200
    // for AssumeRole and up to 129600 for GetSessionToken, which shares the field.
    assert.deepEqual(limits, { roleSessionName: 64, sourceIdentity: 256, tokenCode: 6, durationMin: '900', durationMax: '129600' });
    await context.close();
  });

  it('choosing a region while on the emulator switches to real AWS and drops Bob\'s keys', async () => {
    const { page, context, requests } = await openPage(world);
    assert.equal(await page.isChecked('#target-emulator'), true);
    const before = requests.length;
    await page.fill('#region', 'eu-west-1');
    await page.press('#region', 'Tab'); // commits the choice (change event)
    assert.equal(await page.isChecked('#target-aws'), true);
    assert.equal(await page.inputValue('#accessKeyId'), '');
    assert.equal(await page.inputValue('#secretAccessKey'), '');
    assert.match(await page.locator('#status').textContent(), /Switched to real AWS \(eu-west-1\)/);
    assert.equal(requests.length, before, 'switching makes no request');
    await context.close();
  });

  it('MFA session (GetSessionToken) shows session credentials without a role ARN', async () => {
    const { page, context } = await openPage(world);
    await page.click('#mfa-session');
    await page.waitForSelector('#result:not([hidden])');
    assert.match(await page.locator('#result-title').textContent(), /GetSessionToken/);
    assert.equal(await page.isVisible('#result-arn'), false);
    assert.match(await page.locator('#cred-akid').textContent(), /^[A-Z0-9]{16,}$/);
    assert.match(await page.locator('#code-bash').textContent(), /^export AWS_SESSION_TOKEN='/m);
    await context.close();
  });

  it('every control has a label; results and errors are announced; Enter assumes the role', async () => {
    const { page, context } = await openPage(world);
    const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select, button')]
      .filter((el) => !el.hidden && !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.id || el.outerHTML.slice(0, 60)));
    assert.deepEqual(unlabeled, []);
    assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#error', 'role'), 'alert');
    // Keyboard only: Enter in the role ARN field submits the form = Assume role.
    await page.focus('#roleArn');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'result-title', 'focus lands on the result');
    assert.match(await page.locator('#status').textContent(), /^Assumed arn:aws:sts::/);
    assert.equal(new URL(page.url()).search, '', 'no form submission into the URL');
    await context.close();
  });
});
