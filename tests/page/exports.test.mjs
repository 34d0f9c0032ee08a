// Each export format, copied from the page with its Copy button (the real clipboard), then used
// by the real consumer: bash, zsh and fish evaluate the shell lines and the AWS CLI (.venv/bin/aws)
// must see the assumed role; the credentials file is used via AWS_SHARED_CREDENTIALS_FILE and
// --profile; credential_process is run by the CLI; the ~/.aws/config profile makes the CLI assume
// the role itself. PowerShell and cmd aren't installed here: their lines are parsed and the values
// used with the CLI.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { startWorld, openPage, copyFrom, repo } from './helpers.mjs';

const AWS = path.join(repo, '.venv/bin/aws');

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, timeout: 60000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

describe('export formats work in their real consumers', { timeout: 240000 }, () => {
  let world, page, tmp, env, assumedArn, creds;
  const file = (name, text) => {
    const p = path.join(tmp, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  // The CLI sees nothing of this machine's AWS setup: empty config/credentials, no IMDS.
  const cli = (extraEnv = {}) => ({ ...env, ...extraEnv });
  const callerArn = async (stdout) => JSON.parse(stdout).Arn;

  before(async () => {
    world = await startWorld();
    ({ page } = await openPage(world));
    tmp = mkdtempSync(path.join(tmpdir(), 'page-exports-'));
    env = {
      PATH: process.env.PATH, HOME: tmp, LANG: 'C.UTF-8',
      AWS_CONFIG_FILE: file('config', ''), AWS_SHARED_CREDENTIALS_FILE: file('credentials', ''),
      AWS_EC2_METADATA_DISABLED: 'true', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '',
      MOTO: world.moto.endpoint, AWS: AWS,
    };
    await page.click('#assume');
    await page.waitForSelector('#result:not([hidden])');
    assumedArn = await page.locator('#result-arn').textContent();
    creds = {
      akid: await page.locator('#cred-akid').textContent(),
      secret: await page.locator('#cred-secret').textContent(),
      token: await page.locator('#cred-token').textContent(),
    };
    assert.match(assumedArn, /^arn:aws:sts::123456789012:assumed-role\/example-role\//);
  });
  after(async () => {
    await world?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const copyTab = async (format) => {
    await page.click(`#tab-${format}`);
    return copyFrom(page, `code-${format}`);
  };
  const whoami = '"$AWS" sts get-caller-identity --endpoint-url "$MOTO" --output json';

  for (const shell of ['bash', 'zsh']) {
    it(`${shell}: export lines → aws sts get-caller-identity is the role; unset lines go back`, async () => {
      const exports = await copyTab('bash');
      const unset = await copyFrom(page, 'unset-bash');
      assert.match(exports, /^export AWS_ACCESS_KEY_ID='/m);
      const script = `${exports}${whoami}\n${unset}env | grep '^AWS_\\(ACCESS\\|SECRET\\|SESSION\\|CREDENTIAL\\)' || echo none-left\n`;
      const out = await run(shell, ['-c', script], cli());
      const [json, rest] = [out.slice(0, out.lastIndexOf('}') + 1), out.slice(out.lastIndexOf('}') + 1)];
      assert.equal(await callerArn(json), assumedArn);
      assert.equal(rest.trim(), 'none-left');
    });
  }

  it('fish: set -gx lines → the role; unset lines go back', async () => {
    const exports = file('exports.fish', await copyTab('fish'));
    const unset = file('unset.fish', await copyFrom(page, 'unset-fish'));
    const out = await run('fish', ['-c', `source ${exports}; ${whoami}; source ${unset}; set -q AWS_SESSION_TOKEN; or echo none-left`], cli());
    const json = out.slice(0, out.lastIndexOf('}') + 1);
    assert.equal(await callerArn(json), assumedArn);
    assert.match(out, /none-left\s*$/);
  });

  it('PowerShell: $Env: lines carry the exact values', async () => {
    const text = await copyTab('powershell');
    const vars = Object.fromEntries([...text.matchAll(/^\$Env:(\w+) = '((?:[^']|'')*)'$/gm)].map((m) => [m[1], m[2].replace(/''/g, "'")]));
    assert.equal(vars.AWS_ACCESS_KEY_ID, creds.akid);
    assert.equal(vars.AWS_SECRET_ACCESS_KEY, creds.secret);
    assert.equal(vars.AWS_SESSION_TOKEN, creds.token);
    assert.ok(vars.AWS_CREDENTIAL_EXPIRATION);
    assert.equal(await callerArn(await run(AWS, ['sts', 'get-caller-identity', '--endpoint-url', world.moto.endpoint], cli(vars))), assumedArn);
    assert.match(await copyFrom(page, 'unset-powershell'), /AWS_SESSION_TOKEN/);
  });

  it('cmd: set "NAME=value" lines carry the exact values', async () => {
    const text = await copyTab('cmd');
    const vars = Object.fromEntries([...text.matchAll(/^set "(\w+)=([^"\r\n]*)"\r?$/gm)].map((m) => [m[1], m[2]]));
    assert.equal(vars.AWS_ACCESS_KEY_ID, creds.akid);
    assert.equal(vars.AWS_SESSION_TOKEN, creds.token);
    assert.equal(await callerArn(await run(AWS, ['sts', 'get-caller-identity', '--endpoint-url', world.moto.endpoint], cli(vars))), assumedArn);
  });

  it('.env: parsed by Node\'s dotenv parser → the role', async () => {
    const vars = parseEnv(await copyTab('dotenv'));
    assert.equal(vars.AWS_SECRET_ACCESS_KEY, creds.secret);
    assert.equal(await callerArn(await run(AWS, ['sts', 'get-caller-identity', '--endpoint-url', world.moto.endpoint], cli(vars))), assumedArn);
  });

  it('~/.aws/credentials: the block with an edited profile name, used via --profile', async () => {
    await page.click('#tab-credentials');
    await page.fill('#profile-name', 'web-assumed');
    const block = await copyFrom(page, 'code-credentials');
    assert.match(block, /^\[web-assumed\]$/m);
    const credsFile = file('credentials-web', block);
    const out = await run(AWS, ['sts', 'get-caller-identity', '--profile', 'web-assumed', '--endpoint-url', world.moto.endpoint], cli({ AWS_SHARED_CREDENTIALS_FILE: credsFile }));
    assert.equal(await callerArn(out), assumedArn);
  });

  it('credential_process JSON: parsed, and run by the CLI as a credential_process', async () => {
    const text = await copyTab('credential-process');
    const j = JSON.parse(text);
    assert.equal(j.Version, 1);
    assert.equal(j.AccessKeyId, creds.akid);
    assert.equal(j.SecretAccessKey, creds.secret);
    assert.equal(j.SessionToken, creds.token);
    assert.ok(!Number.isNaN(Date.parse(j.Expiration)) && Date.parse(j.Expiration) > Date.now());
    const json = file('process.json', text);
    const config = file('config-cp', `[profile cp]\ncredential_process = cat ${json}\n`);
    const out = await run(AWS, ['sts', 'get-caller-identity', '--profile', 'cp', '--endpoint-url', world.moto.endpoint], cli({ AWS_CONFIG_FILE: config }));
    assert.equal(await callerArn(out), assumedArn);
  });

  it('JSON: the fields aws sts assume-role --query Credentials prints', async () => {
    const j = JSON.parse(await copyTab('json'));
    assert.deepEqual(Object.keys(j).sort(), ['AccessKeyId', 'Expiration', 'SecretAccessKey', 'SessionToken']);
    assert.equal(j.SessionToken, creds.token);
  });

  it('~/.aws/config role profile: the CLI assumes the role itself from Bob\'s source profile', async () => {
    const block = await copyFrom(page, 'config-block');
    const config = file('config-role', block);
    const bob = file('credentials-bob', `[default]\naws_access_key_id = ${world.moto.bob.accessKeyId}\naws_secret_access_key = ${world.moto.bob.secretAccessKey}\n`);
    const session = /^role_session_name = (.+)$/m.exec(block)[1];
    const out = await run(AWS, ['sts', 'get-caller-identity', '--profile', 'example-role', '--output', 'json'], cli({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: bob }));
    assert.equal(await callerArn(out), `arn:aws:sts::123456789012:assumed-role/example-role/${session}`);
  });
});
