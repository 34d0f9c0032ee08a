// Errors on the page: STS errors in the result area (code, plain words, message, request ID),
// validation errors by their field before any request is made.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, openPage } from './helpers.mjs';

describe('errors', { timeout: 120000 }, () => {
  let world;
  before(async () => (world = await startWorld()));
  after(async () => world?.stop());

  /** Requests to anything but the page's own files (i.e. to STS) made while `fn` runs. */
  async function stsRequestsDuring(requests, fn) {
    const before = requests.length;
    await fn();
    return requests.slice(before).filter((u) => u.startsWith(world.moto.endpoint));
  }

  it('a wrong secret shows SignatureDoesNotMatch in plain words', async () => {
    const { page, context } = await openPage(world);
    await page.fill('#secretAccessKey', 'x'.repeat(40));
    await page.click('#whoami');
    await page.waitForSelector('#error:not([hidden])');
    assert.equal(await page.locator('#error .err-code').textContent(), 'SignatureDoesNotMatch');
    assert.match(await page.locator('#error .plain').textContent(), /secret access key/);
    assert.match(await page.locator('#error h2').textContent(), /Who am I failed/);
    assert.equal(await page.locator('#error .err-http-status').textContent(), '403');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error', 'focus moves to the error');
    assert.ok(!(await page.locator('#error').textContent()).includes('x'.repeat(40)), 'the secret is not echoed');
    await context.close();
  });

  it('a role Bob is not trusted by shows AccessDenied with the request ID', async () => {
    const { page, context } = await openPage(world);
    await page.fill('#roleArn', world.moto.roles.untrusted);
    await page.click('#assume');
    await page.waitForSelector('#error:not([hidden])');
    assert.equal(await page.locator('#error .err-code').textContent(), 'AccessDenied');
    assert.match(await page.locator('#error .plain').textContent(), /trust policy/);
    assert.ok((await page.locator('#error .err-request-id').textContent()).length > 0);
    assert.equal(await page.isVisible('#result'), false);
    await context.close();
  });

  it('a bad role ARN is shown by the field before any request', async () => {
    const { page, context, requests } = await openPage(world);
    await page.fill('#roleArn', 'example-role');
    const sent = await stsRequestsDuring(requests, async () => {
      await page.click('#assume');
      await page.waitForSelector('#roleArn-error:not([hidden])');
    });
    assert.deepEqual(sent, []);
    assert.equal(await page.getAttribute('#roleArn', 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'roleArn');
    assert.ok((await page.locator('#roleArn-error').textContent()).length > 5);
    assert.equal(await page.isVisible('#error'), false);
    // Fixing it and retrying clears the message and works.
    await page.fill('#roleArn', world.moto.roles.example);
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await page.isVisible('#roleArn-error'), false);
    assert.equal(await page.getAttribute('#roleArn', 'aria-invalid'), null);
    await context.close();
  });

  it('a malformed tag line and a bad MFA code are caught by their fields (inside Advanced), no request', async () => {
    const { page, context, requests } = await openPage(world);
    await page.click('#advanced summary');
    await page.fill('#tags', 'team=platform\nno-equals-sign');
    let sent = await stsRequestsDuring(requests, async () => {
      await page.click('#assume');
      await page.waitForSelector('#tags-error:not([hidden])');
    });
    assert.deepEqual(sent, []);
    assert.match(await page.locator('#tags-error').textContent(), /Line 2/);
    await page.fill('#tags', '');
    await page.fill('#serialNumber', 'arn:aws:iam::123456789012:mfa/bob');
    await page.fill('#tokenCode', '12ab');
    sent = await stsRequestsDuring(requests, async () => {
      await page.click('#assume');
      await page.waitForSelector('.field-error:not([hidden])');
    });
    assert.deepEqual(sent, []);
    assert.equal(await page.isVisible('#tokenCode-error'), true, 'the library names tokenCode');
    await context.close();
  });

  it('a region not in the list is refused by the field, no request', async () => {
    const { page, context, requests } = await openPage(world);
    await page.check('#target-aws');
    await page.fill('#region', 'moon-central-1');
    const sent = await stsRequestsDuring(requests, async () => {
      await page.click('#whoami');
      await page.waitForSelector('#region-error:not([hidden])');
    });
    assert.equal(sent.length, 0);
    assert.ok(requests.every((u) => !u.includes('amazonaws')), 'nothing went to AWS');
    await context.close();
  });
});
