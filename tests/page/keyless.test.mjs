// The keyless sign-in methods and the tools, clicked through the page in Chromium against moto (auth on
// for every signed call; AssumeRoleWithWebIdentity/SAML unsigned, as in STS): a token built and signed in
// the test shows its claims (and plainly says when it has expired), a realistic SAML response with two
// roles lists both to pick, each flow yields credentials that Verify (GetCallerIdentity, signed with them)
// confirms and that the real AWS CLI accepts; no access key is sent by the keyless calls; the tools work.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer } from '../../scripts/serve.mjs';
import { startWorld, openPage, screenshot, repo, launchBrowser } from './helpers.mjs';
import { makeJwt, makeSamlResponse } from '../support/keyless-fixtures.mjs';

const ACCOUNT = '123456789012';

describe('keyless sign-in and tools', { timeout: 180000 }, () => {
  let world, home;
  before(async () => {
    world = await startWorld();
    home = mkdtempSync(path.join(tmpdir(), 'arw-keyless-page-'));
  });
  after(async () => {
    await world?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** The real AWS CLI with only these credentials. */
  function awsWho(c) {
    const env = {
      PATH: process.env.PATH, HOME: home, AWS_CONFIG_FILE: path.join(home, 'c'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'k'),
      AWS_EC2_METADATA_DISABLED: 'true', AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: c.akid, AWS_SECRET_ACCESS_KEY: c.secret, AWS_SESSION_TOKEN: c.token,
    };
    const out = execFileSync(path.join(repo, '.venv/bin/aws'), ['sts', 'get-caller-identity', '--endpoint-url', world.moto.endpoint, '--output', 'json'], { env, encoding: 'utf8' });
    return JSON.parse(out).Arn;
  }

  /** Watches the STS requests the page sends: their form actions and whether they are signed. */
  function recordSts(page) {
    const sent = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(world.moto.endpoint) || r.method() !== 'POST') return;
      const form = new URLSearchParams(r.postData() ?? '');
      sent.push({ action: form.get('Action'), signed: 'authorization' in r.headers(), body: r.postData() ?? '' });
    });
    return sent;
  }

  async function credsShown(page) {
    return {
      akid: await page.locator('#cred-akid').innerText(),
      secret: await page.locator('#cred-secret').innerText(),
      token: await page.locator('#cred-token').innerText(),
    };
  }

  it('the method choice is a keyboard-operable radio group; keyless methods hide the key fields', async () => {
    const { page, context } = await openPage(world);
    assert.equal(await page.isChecked('#signin-keys'), true);
    assert.equal(await page.isVisible('#accessKeyId'), true);
    await page.focus('#signin-keys');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.isChecked('#signin-web-identity'), true);
    assert.equal(await page.isVisible('#accessKeyId'), false);
    assert.equal(await page.isVisible('#webIdentityToken'), true);
    assert.equal(await page.isVisible('#whoami'), false);
    assert.equal(await page.isVisible('#externalId'), false);
    assert.equal(await page.inputValue('#roleArn'), world.moto.roles.web, 'the emulator preset offers web-role');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.isChecked('#signin-saml'), true);
    assert.equal(await page.isVisible('#samlAssertion'), true);
    assert.equal(await page.isVisible('#roleArn'), false, 'SAML: the role comes from the assertion');
    assert.equal(await page.isVisible('#roleSessionName'), false, 'SAML: the session name comes from the assertion');
    assert.equal(await page.isVisible('#durationSeconds'), true, 'the duration still applies');
    // Every new control has a label.
    for (const id of ['webIdentityToken', 'providerId', 'samlAssertion', 'targetAccessKeyId', 'encodedMessage']) {
      assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, id);
    }
    await context.close();
  });

  it('a pasted token shows its claims; an expired one says so plainly', async () => {
    const { page, context } = await openPage(world);
    await page.check('#signin-web-identity');
    await page.fill('#webIdentityToken', makeJwt({ expiresIn: 3600 }));
    await page.waitForSelector('#webIdentityToken-claims:not([hidden])');
    const claims = await page.locator('#webIdentityToken-claims').innerText();
    assert.match(claims, /Issuer\s+https:\/\/token\.actions\.githubusercontent\.com/);
    assert.match(claims, /Audience\s+sts\.amazonaws\.com/);
    assert.match(claims, /Subject\s+repo:example\/app:ref:refs\/heads\/main/);
    assert.match(claims, /expires in (59|60) minutes/);
    assert.equal(await page.getAttribute('#webIdentityToken-summary', 'role'), 'status');
    assert.match(await page.locator('#webIdentityToken-summary').innerText(), /Not verified here/);

    await page.fill('#webIdentityToken', makeJwt({ now: Date.now() - 64 * 60_000, expiresIn: 3600 }));
    const summary = page.locator('#webIdentityToken-summary');
    assert.match(await summary.innerText(), /This token expired 4 minutes ago: STS will refuse it/);
    assert.match(await summary.getAttribute('class'), /\bbad\b/);
    await screenshot(page, 'keyless-expired-token');

    // A hostile token: a direction override would make the issuer read as another; it shows as an escape.
    await page.fill('#webIdentityToken', makeJwt({ iss: 'https://idp.example/\u202Emoc.elgoog', sub: 'line1\nline2' }));
    const shown = await page.locator('#webIdentityToken-claims').innerText();
    assert.ok(!shown.includes('\u202E') && shown.includes('https://idp.example/\\u{202e}moc.elgoog'), shown);
    assert.ok(shown.includes('line1\\u{a}line2'), shown);
    assert.ok(!(await page.locator('#webIdentityToken-summary').innerText()).includes('\u202E'));

    await page.fill('#webIdentityToken', 'not-a-token');
    assert.match(await page.locator('#webIdentityToken-error').innerText(), /expected a JWT: three base64url parts/i);
    assert.equal(await page.getAttribute('#webIdentityToken', 'aria-invalid'), 'true');
    await context.close();
  });

  it('web identity: Assume role with token → credentials, unsigned request, Verify and the AWS CLI agree', async () => {
    const { page, context, errors } = await openPage(world);
    const sent = recordSts(page);
    await page.check('#signin-web-identity');
    await page.fill('#roleSessionName', 'page-oidc');
    const token = makeJwt();
    await page.fill('#webIdentityToken', token);
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/page-oidc`;
    assert.equal(await page.locator('#result-arn').innerText(), arn);
    assert.match(await page.locator('#status').innerText(), /with your OIDC token/);
    const call = sent.find((s) => s.action === 'AssumeRoleWithWebIdentity');
    assert.ok(call, `sent: ${JSON.stringify(sent.map((s) => s.action))}`);
    assert.equal(call.signed, false, 'no Authorization header: no keys involved');
    assert.ok(!call.body.includes(world.moto.bob.accessKeyId), 'the preset keys are not sent');
    assert.match(await page.locator('#config-block').innerText(), /web_identity_token_file = /);

    await page.click('#verify');
    await page.waitForSelector('#verify-result:not([hidden])');
    assert.match(await page.locator('#verify-result').innerText(), new RegExp(arn.replace(/[/]/g, '\\/')));
    assert.equal(awsWho(await credsShown(page)), arn);
    assert.deepEqual(errors, []);
    await screenshot(page, 'keyless-web-identity');
    await context.close();
  });

  it('SAML: two roles listed to pick, the picked one assumed, Verify and the AWS CLI agree', async () => {
    const { page, context } = await openPage(world);
    const sent = recordSts(page);
    await page.check('#signin-saml');
    const { wrapped } = makeSamlResponse({ roles: [[world.moto.roles.saml, world.moto.saml.providerArn], [world.moto.roles.samlReadOnly, world.moto.saml.providerArn]] });
    await page.fill('#samlAssertion', wrapped);
    await page.waitForSelector('#saml-roles:not([hidden])');
    const choices = page.locator('#saml-role-list input[type=radio]');
    assert.equal(await choices.count(), 2);
    assert.match(await page.locator('#saml-role-list').innerText(), /saml-role · account 123456789012[\s\S]*saml-readonly · account 123456789012/);
    assert.match(await page.locator('#saml-summary').innerText(), /2 roles in this SAML response: pick one/);

    await page.click('#assume');
    assert.match(await page.locator('#samlAssertion-error').innerText(), /Pick one of the roles/);

    await page.locator('label.role-choice', { hasText: 'saml-readonly' }).click();
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/saml-readonly/bob`;
    assert.equal(await page.locator('#result-arn').innerText(), arn);
    const call = sent.find((s) => s.action === 'AssumeRoleWithSAML');
    assert.equal(call.signed, false);
    const form = new URLSearchParams(call.body);
    assert.equal(form.get('RoleArn'), world.moto.roles.samlReadOnly);
    assert.equal(form.get('PrincipalArn'), world.moto.saml.providerArn);
    assert.equal(form.get('SAMLAssertion'), wrapped.replace(/\s+/g, ''), 'the base64 without line breaks');

    await page.click('#verify');
    await page.waitForSelector('#verify-result:not([hidden])');
    assert.equal(awsWho(await credsShown(page)), arn);
    await screenshot(page, 'keyless-saml');
    await context.close();
  });

  it('SAML pasted as XML works too; a response without AWS roles says why', async () => {
    const { page, context } = await openPage(world);
    await page.check('#signin-saml');
    await page.fill('#samlAssertion', '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>');
    assert.match(await page.locator('#samlAssertion-error').innerText(), /no https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role attribute/i);
    const { xml } = makeSamlResponse({ roles: [[world.moto.roles.saml, world.moto.saml.providerArn]] });
    await page.fill('#samlAssertion', xml);
    await page.waitForSelector('#saml-roles:not([hidden])');
    assert.equal(await page.isChecked('#saml-role-0'), true, 'a single role is preselected');
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await page.locator('#result-arn').innerText(), `arn:aws:sts::${ACCOUNT}:assumed-role/saml-role/bob`);
    await context.close();
  });

  it('Which account is this access key from? (GetAccessKeyInfo, signed with the form’s keys)', async () => {
    const { page, context } = await openPage(world);
    await page.fill('#targetAccessKeyId', world.moto.alice.accessKeyId);
    await page.click('#account-check');
    await page.waitForSelector('#account-result:not([hidden])');
    assert.match(await page.locator('#account-result').innerText(), new RegExp(`${world.moto.alice.accessKeyId} belongs to account ${ACCOUNT}`));
    await page.fill('#targetAccessKeyId', '');
    await page.click('#account-check');
    assert.match(await page.locator('#targetAccessKeyId-error').innerText(), /Enter an access key ID/);
    await context.close();
  });
});

// moto lacks DecodeAuthorizationMessage: a local server answers with the documented response shape (and
// CORS, as STS does for browsers), standing in as the page's emulator endpoint.
describe('decode an authorization failure (documented response shape)', { timeout: 120000 }, () => {
  const DECODED = '{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"context":{"principal":{"id":"AIDACKCEVSQ6C2EXAMPLE","name":"Bob"},"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"}}';
  let sts, page, browser, context;
  const seen = [];
  before(async () => {
    const server = http.createServer((req, res) => {
      const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST', 'access-control-expose-headers': 'x-amzn-requestid' };
      if (req.method === 'OPTIONS') { res.writeHead(204, cors); return res.end(); }
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        seen.push({ form, signed: 'authorization' in req.headers });
        const xml = `<DecodeAuthorizationMessageResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><DecodeAuthorizationMessageResult><DecodedMessage>${DECODED.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</DecodedMessage></DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>dec-1</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>`;
        res.writeHead(200, { ...cors, 'content-type': 'text/xml', 'x-amzn-requestid': 'dec-1' });
        res.end(xml);
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${server.address().port}`;
    const web = await startServer({ port: 0, emulator: {
      endpoint, region: 'us-east-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      arn: 'arn:aws:iam::123456789012:user/Bob', roles: { example: 'arn:aws:iam::123456789012:role/example-role' },
    } });
    sts = { server, web };
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(web.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  });
  after(async () => {
    await browser?.close();
    await sts?.web.close();
    sts?.server.close();
  });

  it('pastes a whole error line, sends only the message (signed), shows the decoded JSON indented', async () => {
    await page.fill('#encodedMessage', 'An error occurred (UnauthorizedOperation): You are not authorized to perform this operation. Encoded authorization failure message: EXAMPLE-encoded+msg/part\n2==');
    await page.click('#decode');
    await page.waitForSelector('#decoded-block:not([hidden])');
    const shown = await page.locator('#decoded-message').innerText();
    assert.deepEqual(JSON.parse(shown), JSON.parse(DECODED));
    assert.match(shown, /\n {2}"allowed": false,/);
    const req = seen.at(-1);
    assert.equal(req.form.get('Action'), 'DecodeAuthorizationMessage');
    assert.equal(req.form.get('EncodedMessage'), 'EXAMPLE-encoded+msg/part2==');
    assert.equal(req.signed, true);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'decoded-message', 'focus moves to the result');
    await screenshot(page, 'keyless-decode');
  });

  it('an empty box says what to paste, by the field', async () => {
    await page.fill('#encodedMessage', '   ');
    await page.click('#decode');
    assert.match(await page.locator('#encodedMessage-error').innerText(), /Paste the encoded message/);
  });
});
