// The CLI as installed from the tarball (node_modules/.bin/assume-role-wasm), against moto with
// auth on: usage errors (exit 2), STS errors (exit 1, code and hint on stderr, no secrets),
// where source credentials / region / endpoint come from, output formats, and the MFA prompt on
// a terminal. A recording proxy in front of moto shows what each invocation sent.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { getCallerIdentity } from "../../js/node.js";
import { installedPackage } from "./support/installed-package.mjs";
import { startRecordingProxy } from "./support/recording-proxy.mjs";
import { run } from "./support/run.mjs";

let moto, sts, cli, home;

before(async () => {
  cli = path.join(installedPackage().dir, "node_modules/.bin/assume-role-wasm");
  moto = await startMoto();
  sts = await startRecordingProxy(moto.endpoint);
  home = mkdtempSync(path.join(tmpdir(), "arw-cli-home-")); // no ~/.aws unless a test writes one
});
after(async () => {
  await sts?.stop();
  await moto?.stop();
});

/** A clean environment: nothing AWS_* leaks in from the test runner's. */
function env(extra = {}) {
  return { PATH: process.env.PATH, HOME: home, ...extra };
}
const bobEnv = (extra) => env({ AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey, ...extra });

function arw(args, options = {}) {
  return run(cli, args, { env: options.env ?? bobEnv(), input: options.input, timeoutMs: 20_000 });
}

function assertNoSecrets(text) {
  assert.ok(!text.includes(moto.bob.secretAccessKey), "stderr/stdout must not contain the source secret");
}

test("--help prints usage and exits 0; no command exits 2", async () => {
  const help = await arw(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /assume-role-wasm assume-role --role-arn ARN/);
  const sub = await arw(["assume-role", "--help"]);
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /--role-session-name NAME/);
  const none = await arw([]);
  assert.equal(none.code, 2);
  assert.equal(none.stdout, "");
  assert.match(none.stderr, /Usage:/);
});

test("usage errors exit 2 with a message on stderr and nothing on stdout", async () => {
  const cases = [
    [["frobnicate"], /unknown command "frobnicate"/],
    [["assume-role", "--role-session-name", "xx"], /--role-arn is required/],
    [["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "xx", "--bogus"], /unknown option --bogus/],
    [["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "xx", "--duration-seconds", "1h"], /--duration-seconds must be a whole number/],
    [["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "xx", "--format", "yaml"], /--format must be one of/],
    [["assume-role", "--role-arn"], /--role-arn needs a value/],
    [["assume-role", "--role-arn", "not-an-arn", "--role-session-name", "xx", "--endpoint-url", moto.endpoint], /InvalidParameter \(--role-arn\)/],
    [["get-caller-identity", "--format", "bash"], /--format must be json or text/],
    [["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "xx", "--serial-number", "arn:aws:iam::123456789012:mfa/bob"], /needs a terminal/],
  ];
  for (const [args, message] of cases) {
    const r = await arw(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, "");
  }
});

test("assume-role with environment keys prints credentials that work (json, the default)", async () => {
  const r = await arw(["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "cli", "--endpoint-url", sts.endpoint]);
  assert.equal(r.code, 0, r.stderr);
  const creds = JSON.parse(r.stdout);
  const who = await getCallerIdentity({ accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken, endpoint: moto.endpoint });
  assert.equal(who.arn, "arn:aws:sts::123456789012:assumed-role/example-role/cli");
});

test("every output format", async () => {
  const expectations = {
    bash: /^export AWS_ACCESS_KEY_ID='ASIA/m,
    zsh: /^export AWS_SESSION_TOKEN='/m,
    fish: /^set -gx AWS_ACCESS_KEY_ID '/m,
    powershell: /^\$Env:AWS_ACCESS_KEY_ID = '/m,
    cmd: /^set "AWS_ACCESS_KEY_ID=ASIA/m,
    dotenv: /^AWS_ACCESS_KEY_ID=/m,
    credentials: /^\[ci\]\n/,
    "credential-process": /"Version": ?1/,
    json: /"AccessKeyId"/,
  };
  for (const [format, pattern] of Object.entries(expectations)) {
    const args = ["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "fmt", "--endpoint-url", moto.endpoint, "--format", format];
    if (format === "credentials") args.push("--credentials-profile", "ci");
    const r = await arw(args);
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    assert.match(r.stdout, pattern, format);
    assert.ok(r.stdout.endsWith("\n"));
  }
});

test("get-caller-identity (json like the AWS CLI, and text) and get-session-token", async () => {
  const json = await arw(["get-caller-identity", "--endpoint-url", moto.endpoint]);
  assert.equal(json.code, 0, json.stderr);
  const id = JSON.parse(json.stdout);
  assert.deepEqual(Object.keys(id), ["UserId", "Account", "Arn"]);
  assert.equal(id.Arn, moto.bob.arn);
  const text = await arw(["get-caller-identity", "--endpoint-url", moto.endpoint, "--format", "text"]);
  assert.equal(text.stdout.split("\t")[0], "123456789012");
  const session = await arw(["get-session-token", "--endpoint-url", sts.endpoint, "--duration-seconds", "900", "--format", "dotenv"]);
  assert.equal(session.code, 0, session.stderr);
  assert.match(session.stdout, /^AWS_SESSION_TOKEN=/m);
  const sent = new URLSearchParams(sts.actions("GetSessionToken").at(-1).body);
  assert.equal(sent.get("DurationSeconds"), "900");
});

test("STS refusals exit 1 naming the code, status and hint, without secrets", async () => {
  const denied = await arw(["assume-role", "--role-arn", moto.roles.untrusted, "--role-session-name", "xx", "--endpoint-url", moto.endpoint]);
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /^assume-role-wasm: AccessDenied: .*\[HTTP 403/);
  assert.equal(denied.stdout, "");
  assertNoSecrets(denied.stderr);

  const wrong = await arw(["get-caller-identity", "--endpoint-url", moto.endpoint], {
    env: env({ AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: "definitely-the-wrong-secret" }),
  });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /SignatureDoesNotMatch/);
  assert.ok(!wrong.stderr.includes("definitely-the-wrong-secret"));
});

test("source keys from a profile: --profile, AWS_PROFILE, and the precedence of environment keys", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-cli-profile-"));
  const credentials = path.join(dir, "credentials");
  writeFileSync(
    credentials,
    `# comment\n[default]\naws_access_key_id = AKIADEFAULTNOTREAL\naws_secret_access_key = nope\n\n[bob]\naws_access_key_id = ${moto.bob.accessKeyId}\naws_secret_access_key=${moto.bob.secretAccessKey}\n`,
  );
  const who = async (args, extra) => {
    const r = await arw(["get-caller-identity", "--endpoint-url", moto.endpoint, ...args], { env: env({ AWS_SHARED_CREDENTIALS_FILE: credentials, ...extra }) });
    return r;
  };
  assert.equal(JSON.parse((await who(["--profile", "bob"])).stdout).Arn, moto.bob.arn);
  assert.equal(JSON.parse((await who([], { AWS_PROFILE: "bob" })).stdout).Arn, moto.bob.arn);
  // --profile beats environment keys; environment keys beat AWS_PROFILE (as in the AWS CLI).
  const badEnv = { AWS_ACCESS_KEY_ID: "AKIABADENVNOTREAL", AWS_SECRET_ACCESS_KEY: "bad-secret-0123456789abcdef" };
  assert.equal((await who(["--profile", "bob"], badEnv)).code, 0);
  const envWins = await who([], { ...badEnv, AWS_PROFILE: "bob" });
  assert.equal(envWins.code, 1);
  assert.match(envWins.stderr, /InvalidClientTokenId/);

  const missing = await who(["--profile", "nobody"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /profile "nobody" not found/);
  const none = await run(cli, ["get-caller-identity"], { env: env() });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no source credentials/);
});

test("region: --region, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's; endpoint from AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-cli-config-"));
  const config = path.join(dir, "config");
  writeFileSync(config, `[default]\nregion = ap-southeast-2\n[profile other]\nregion = sa-east-1\n`);
  const scopeRegion = () => /Credential=[^/]+\/\d{8}\/([^/]+)\/sts\//.exec(sts.requests.at(-1).headers.authorization)[1];
  const call = async (args, extra) => {
    const r = await arw(["get-caller-identity", ...args], { env: bobEnv({ AWS_CONFIG_FILE: config, ...extra }) });
    assert.equal(r.code, 0, r.stderr);
    return scopeRegion();
  };
  assert.equal(await call([], { AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_ENDPOINT_URL: "http://127.0.0.1:9" }), "ap-southeast-2");
  assert.equal(await call([], { AWS_ENDPOINT_URL: sts.endpoint, AWS_PROFILE: "other" }), "sa-east-1");
  assert.equal(await call([], { AWS_ENDPOINT_URL: sts.endpoint, AWS_DEFAULT_REGION: "eu-west-1" }), "eu-west-1");
  assert.equal(await call([], { AWS_ENDPOINT_URL: sts.endpoint, AWS_DEFAULT_REGION: "eu-west-1", AWS_REGION: "eu-central-1" }), "eu-central-1");
  assert.equal(await call(["--region", "us-west-2", "--endpoint-url", sts.endpoint], { AWS_REGION: "eu-central-1", AWS_ENDPOINT_URL: "http://127.0.0.1:9" }), "us-west-2");
});

test("MFA: on a terminal, the code is asked for on stderr and sent as TokenCode", async () => {
  const command = [cli, "assume-role", "--role-arn", moto.roles.example, "--role-session-name", "mfa", "--endpoint-url", sts.endpoint,
    "--serial-number", "arn:aws:iam::123456789012:mfa/bob", "--format", "dotenv"].map((a) => `'${a}'`).join(" ");
  // util-linux `script` gives the command a pseudo-terminal; what we type arrives on its stdin.
  const r = await run("script", ["-qec", command, "/dev/null"], { env: bobEnv(), input: "123456\n", timeoutMs: 20_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /MFA code for arn:aws:iam::123456789012:mfa\/bob: /);
  assert.match(r.stdout, /AWS_ACCESS_KEY_ID=ASIA/);
  const sent = new URLSearchParams(sts.actions("AssumeRole").at(-1).body);
  assert.equal(sent.get("TokenCode"), "123456");
  assert.equal(sent.get("SerialNumber"), "arn:aws:iam::123456789012:mfa/bob");
});

test("a second assume-role from an assumed role's variables says it chains; AWS_PROFILE naming a credential_process profile says what to add", async () => {
  const first = await arw(["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "first", "--endpoint-url", sts.endpoint, "--format", "json"]);
  assert.equal(first.code, 0, first.stderr);
  const c = JSON.parse(first.stdout);
  const assumedEnv = env({
    AWS_ACCESS_KEY_ID: c.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
    AWS_SESSION_TOKEN: c.SessionToken,
    AWS_CREDENTIAL_EXPIRATION: c.Expiration,
  });
  const second = await arw(["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "second", "--endpoint-url", sts.endpoint], { env: assumedEnv });
  assert.match(second.stderr, /this chains roles/);
  assert.ok(!second.stderr.includes(c.SecretAccessKey));
  // Plain long-term keys in the environment: no note.
  const plain = await arw(["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "plain", "--endpoint-url", sts.endpoint]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.doesNotMatch(plain.stderr, /chains roles/);

  const config = path.join(home, "config-with-process");
  writeFileSync(config, "[profile example]\ncredential_process = assume-role-wasm assume-role --role-arn x --role-session-name y --format credential-process\n");
  const viaEnv = await arw(["get-caller-identity", "--endpoint-url", sts.endpoint], {
    env: env({ AWS_PROFILE: "example", AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none") }),
  });
  assert.equal(viaEnv.code, 1);
  assert.match(viaEnv.stderr, /AWS_PROFILE names profile "example".*add --profile SOURCE/);
});
