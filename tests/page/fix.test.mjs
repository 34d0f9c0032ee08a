// err.fix on the page, in real Chromium against moto: under an AccessDenied the summary, the two
// statements and each command appear in code blocks; each Copy button puts exactly its block on the real
// clipboard (read back through navigator.clipboard); the buttons work from the keyboard; and the copied
// commands, run by the real AWS CLI as Admin, make the same click succeed.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWorld, openPage, copyFrom, screenshot, repo } from './helpers.mjs';

describe('err.fix on the page', { timeout: 180000 }, () => {
  let world, tmp;
  before(async () => {
    world = await startWorld();
    tmp = mkdtempSync(path.join(tmpdir(), 'arw-page-fix-'));
  });
  after(async () => {
    await world?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const adminEnv = () => ({
    PATH: `${path.join(repo, '.venv/bin')}:${process.env.PATH}`,
    HOME: tmp,
    AWS_CONFIG_FILE: path.join(tmp, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: world.moto.endpoint,
    AWS_ACCESS_KEY_ID: world.moto.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: world.moto.admin.secretAccessKey,
  });

  it('shows the fix under AccessDenied; each Copy copies exactly its block; the copied commands fix it', async () => {
    const { page, context, errors } = await openPage(world);
    // A role only Alice may assume, made fresh so no other test's changes matter.
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: world.moto.alice.arn }, Action: 'sts:AssumeRole' }] });
    const made = spawnSync('aws', ['iam', 'create-role', '--role-name', 'page-fix-role', '--assume-role-policy-document', trust], { env: adminEnv(), encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const role = 'arn:aws:iam::123456789012:role/page-fix-role';

    await page.fill('#roleArn', role);
    await page.click('#assume');
    await page.waitForSelector('#error .fix');
    assert.equal(await page.locator('#error .err-code').textContent(), 'AccessDenied');
    const summary = await page.locator('#error .fix-summary').textContent();
    assert.match(summary, /arn:aws:iam::123456789012:user\/Bob may not assume arn:aws:iam::123456789012:role\/page-fix-role/);

    // What the page shows is what the library derived: the same blocks, in order.
    const blocks = await page.$$eval('#error .fix pre.code', (pres) => pres.map((p) => ({ id: p.id, text: p.textContent })));
    assert.equal(blocks.length, 4, 'trust statement, identity statement, two commands');
    assert.deepEqual(JSON.parse(blocks[0].text), { Effect: 'Allow', Principal: { AWS: world.moto.bob.arn }, Action: 'sts:AssumeRole' });
    assert.deepEqual(JSON.parse(blocks[1].text), { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role });
    assert.match(blocks[2].text, /^aws iam update-assume-role-policy --role-name page-fix-role /);
    assert.match(blocks[3].text, /^aws iam put-user-policy --user-name Bob /);
    assert.ok(await page.locator('#error .fix-notes li').count() >= 3);
    await screenshot(page, 'fix-under-access-denied');

    // Every Copy button copies exactly its own block (the real clipboard, read back).
    for (const b of blocks) assert.equal(await copyFrom(page, b.id), b.text, `Copy for ${b.id}`);

    // From the keyboard: focus the last block's button, press Enter.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.focus(`button.copy[data-copy="${blocks[3].id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), blocks[3].text);
    assert.match(await page.locator('#status').textContent(), /Copied/);

    // The copied commands, run as they are, make the same click succeed.
    for (const b of blocks.slice(2)) {
      const run = spawnSync('bash', ['-c', await copyFrom(page, b.id)], { env: adminEnv(), encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
    }
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await page.isVisible('#error'), false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  /** An STS stand-in for a message shape moto never sends: AssumeRole is refused without naming the
   * caller; GetCallerIdentity answers with STS's documented example (Bob). CORS as STS does. */
  async function terseSts() {
    const identity = readFileSync(path.join(repo, 'tests/fixtures/get_caller_identity.xml'), 'utf8');
    const denied = '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access denied</Message></Error><RequestId>r-terse</RequestId></ErrorResponse>';
    const server = http.createServer((req, res) => {
      const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' };
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
        const who = body.includes('Action=GetCallerIdentity');
        res.writeHead(who ? 200 : 403, { ...cors, 'content-type': 'text/xml' }).end(who ? identity : denied);
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
  }

  it('when STS does not name the caller, a Who am I result fills it in (and says so)', async () => {
    const sts = await terseSts();
    try {
      const url = new URL(`#${new URLSearchParams({ endpoint: sts.url })}`, world.server.url).href;
      // Without a Who am I first: no caller, so no trust statement and no commands, only how to find out.
      /** The page opened for the stand-in: the link's endpoint confirmed (the page asks first), Bob's keys in. */
      const open = async () => {
        const opened = await openPage(world, { url });
        await opened.page.click('#link-endpoint-confirm');
        await opened.page.fill('#accessKeyId', world.moto.bob.accessKeyId);
        await opened.page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
        await opened.page.fill('#roleArn', world.moto.roles.example);
        return opened;
      };
      let { page, context } = await open();
      await page.click('#assume');
      await page.waitForSelector('#error .fix');
      assert.equal(await page.locator('#error .fix pre.code').count(), 1, 'only the identity statement');
      assert.match(await page.locator('#error .fix-notes').textContent(), /get-caller-identity/);
      await context.close();

      ({ page, context } = await open());
      await page.click('#whoami');
      await page.waitForSelector('#identity:not([hidden])');
      await page.click('#assume');
      await page.waitForSelector('#error .fix');
      assert.match(await page.locator('#error .fix-summary').textContent(), /IAM user arn:aws:iam::123456789012:user\/Bob may not assume/);
      const trust = await page.locator('#error .fix pre.code').first().textContent();
      assert.deepEqual(JSON.parse(trust).Principal, { AWS: 'arn:aws:iam::123456789012:user/Bob' });
      assert.match(await page.locator('#error .fix-notes').textContent(), /did not name the caller.*GetCallerIdentity/);
      await context.close();
    } finally {
      await sts.close();
    }
  });

  it('an encoded authorization failure: the decode command, and a button that decodes it in place', async () => {
    const token = 'EnC0ded-Auth_Failure-Message-0123456789abcdef';
    const decoded = { allowed: false, explicitDeny: false, context: { principal: { arn: 'arn:aws:iam::123456789012:user/Bob' }, action: 'sts:AssumeRole' } };
    const seen = [];
    const server = http.createServer((req, res) => {
      const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' };
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
        seen.push(new URLSearchParams(body));
        const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
        if (body.includes('Action=DecodeAuthorizationMessage')) {
          return res.writeHead(200, { ...cors, 'content-type': 'text/xml' }).end(`<DecodeAuthorizationMessageResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><DecodeAuthorizationMessageResult><DecodedMessage>${xml(JSON.stringify(decoded))}</DecodedMessage></DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>r-dec</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>`);
        }
        res.writeHead(403, { ...cors, 'content-type': 'text/xml' }).end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole on resource: ${world.moto.roles.example} with an explicit deny in a service control policy. Encoded authorization failure message: ${token}</Message></Error><RequestId>r-enc</RequestId></ErrorResponse>`);
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = new URL(`#${new URLSearchParams({ endpoint: `http://127.0.0.1:${server.address().port}` })}`, world.server.url).href;
      const { page, context } = await openPage(world, { url });
      await page.click('#link-endpoint-confirm');
      await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
      await page.fill('#secretAccessKey', world.moto.bob.secretAccessKey);
      await page.fill('#roleArn', world.moto.roles.example);
      await page.click('#assume');
      await page.waitForSelector('#error .fix');
      assert.match(await page.locator('#error .fix-summary').textContent(), /explicit Deny in a service control policy/);
      const blocks = await page.$$eval('#error .fix pre.code:not([hidden])', (pres) => pres.map((p) => ({ id: p.id, text: p.textContent })));
      const command = blocks.find((b) => b.text.startsWith('aws sts decode-authorization-message'));
      assert.equal(command?.text, `aws sts decode-authorization-message --encoded-message ${token} --query DecodedMessage --output text`);
      assert.equal(await copyFrom(page, command.id), command.text);
      // The button, from the keyboard: DecodeAuthorizationMessage with the form's keys, shown in place.
      await page.focus('#error .fix-decode');
      await page.keyboard.press('Enter');
      const out = page.locator('#error .fix-decode-offer pre.code');
      await out.waitFor({ state: 'visible' });
      assert.deepEqual(JSON.parse(await out.textContent()), decoded);
      const sent = seen.find((p) => p.get('Action') === 'DecodeAuthorizationMessage');
      assert.equal(sent.get('EncodedMessage'), token);
      await screenshot(page, 'fix-decoded');
      await context.close();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('text from the message stays text: no markup from a hostile STS answer', async () => {
    const { page, context } = await openPage(world);
    // A fix built from a hostile-looking error, rendered by the page's own module.
    const html = await page.evaluate(async () => {
      const { fixSection } = await import('./fix.js');
      const el = fixSection({
        summary: '<img src=x onerror="window.pwned=1">',
        commands: ['aws sts x --y \'<script>window.pwned=1</script>\''],
        notes: ['<b>bold?</b>'],
      });
      document.body.append(el);
      await new Promise((r) => setTimeout(r, 50));
      return { imgs: el.querySelectorAll('img,script,b').length, pwned: window.pwned ?? null, text: el.querySelector('.fix-summary').textContent };
    });
    assert.deepEqual(html, { imgs: 0, pwned: null, text: '<img src=x onerror="window.pwned=1">' });
    await context.close();
  });
});
