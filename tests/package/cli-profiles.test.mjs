// Role profiles in ~/.aws/config as a daily driver, with the installed CLI against moto (auth on) and
// the real AWS CLI, in a temporary HOME: profile resolution (source_profile, a two-hop chain, loops,
// credential_source = Environment, external_id / duration_seconds / region / services endpoints),
// `exec` (the AWS CLI as the command, exit codes, the shell), the cache shared with the AWS CLI in
// both directions (requests counted at a recording proxy in front of moto), MFA through a
// pseudo-terminal, `login` against the federation stand-in, `cache clear`, and attacks on the cache.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { getCallerIdentity, fromProfile } from "../../js/node.js";
import { installedPackage, repoRoot } from "./support/installed-package.mjs";
import { startRecordingProxy } from "./support/recording-proxy.mjs";
import { startFederationStandIn } from "./support/worker-harness.mjs";
import { run } from "./support/run.mjs";

const aws = path.join(repoRoot, ".venv/bin/aws");
const MFA = "arn:aws:iam::123456789012:mfa/bob";
let moto, sts, federation, cli, home, cacheDir;

before(async () => {
  cli = path.join(installedPackage().dir, "node_modules/.bin/assume-role-wasm");
  moto = await startMoto();
  sts = await startRecordingProxy(moto.endpoint);
  federation = await startFederationStandIn();
  home = mkdtempSync(path.join(tmpdir(), "arw-profiles-home-"));
  cacheDir = path.join(home, ".aws/cli/cache");
  mkdirSync(path.join(home, ".aws"), { mode: 0o700 });
  writeFileSync(path.join(home, ".aws/credentials"), `[bob]\naws_access_key_id = ${moto.bob.accessKeyId}\naws_secret_access_key = ${moto.bob.secretAccessKey}\n`);
  writeFileSync(
    path.join(home, ".aws/config"),
    `[profile example-role]
role_arn = ${moto.roles.example}
source_profile = bob
role_session_name = profile-session
region = us-east-1

# Hop 1 of the chain: moto lets only an example-role session named chain-source assume chained-role.
[profile chain-source]
role_arn = ${moto.roles.example}
source_profile = bob
role_session_name = ${moto.chainSessionName}
[profile chained]
role_arn = ${moto.roles.chained}
source_profile = chain-source
role_session_name = two-hops
region = us-east-1

[profile loop-a]
role_arn = ${moto.roles.example}
source_profile = loop-b
[profile loop-b]
role_arn = ${moto.roles.example}
source_profile = loop-a

[profile self]
role_arn = ${moto.roles.example}
source_profile = self
role_session_name = self
aws_access_key_id = ${moto.bob.accessKeyId}
aws_secret_access_key = ${moto.bob.secretAccessKey}

[profile both]
role_arn = ${moto.roles.example}
source_profile = bob
credential_source = Environment

[profile dangling]
role_arn = ${moto.roles.example}
source_profile = nobody

[profile env-role]
role_arn = ${moto.roles.example}
credential_source = Environment
role_session_name = from-env

[profile tuned]
role_arn = ${moto.roles.example}
source_profile = bob
role_session_name = tuned
external_id = ext-4242
duration_seconds = 1800
region = eu-west-1
services = via-proxy

[services via-proxy]
sts =
  endpoint_url = ${sts.endpoint}

[profile mfa-role]
role_arn = ${moto.roles.example}
source_profile = bob
role_session_name = with-mfa
mfa_serial = ${MFA}
region = us-east-1

# No role_session_name: the AWS CLI makes up botocore-session-<time> and leaves it out of the cache key.
[profile cli-written]
role_arn = ${moto.roles.example}
source_profile = bob
duration_seconds = 3600
region = us-east-1

[profile keys-only]
region = us-east-1

[profile via-process-mfa]
credential_process = ${cli} export-credentials --profile mfa-role --format credential-process
region = us-east-1

[profile via-process]
credential_process = ${cli} export-credentials --profile example-role --format credential-process
region = us-east-1
`,
  );
  writeFileSync(path.join(home, ".aws/credentials"), `[bob]\naws_access_key_id = ${moto.bob.accessKeyId}\naws_secret_access_key = ${moto.bob.secretAccessKey}\n[keys-only]\naws_access_key_id = ${moto.bob.accessKeyId}\naws_secret_access_key = ${moto.bob.secretAccessKey}\n`);
});
after(async () => {
  await federation?.stop();
  await sts?.stop();
  await moto?.stop();
});

/** Nothing AWS_* from the runner; STS (ours and the AWS CLI's) through the recording proxy. */
function env(extra = {}) {
  return {
    PATH: `${path.dirname(aws)}:${path.dirname(process.execPath)}:${process.env.PATH}`,
    HOME: home,
    AWS_ENDPOINT_URL: sts.endpoint,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    ...extra,
  };
}

function arw(args, { extra, input, timeoutMs = 40_000 } = {}) {
  return run(cli, args, { env: env(extra), input, timeoutMs });
}

const assumeCalls = () => sts.actions("AssumeRole").length;
const sentOf = (request) => new URLSearchParams(request.body);
const assumed = (role, session) => `arn:aws:sts::123456789012:assumed-role/${role}/${session}`;

function assertQuiet(r, ...secrets) {
  for (const s of [moto.bob.secretAccessKey, ...secrets]) {
    assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), "no secret in our output");
  }
}

test("--profile with a role profile does what `aws --profile` does: AssumeRole with the source profile's keys", { timeout: 60_000 }, async () => {
  const before = assumeCalls();
  const r = await arw(["get-caller-identity", "--profile", "example-role", "--no-cache"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).Arn, assumed("example-role", "profile-session"));
  assert.equal(assumeCalls(), before + 1);
  const sent = sentOf(sts.actions("AssumeRole").at(-1));
  assert.equal(sent.get("RoleArn"), moto.roles.example);
  assert.equal(sent.get("RoleSessionName"), "profile-session");
  assert.match(sts.actions("AssumeRole").at(-1).headers.authorization, new RegExp(`Credential=${moto.bob.accessKeyId}/`));
  assertQuiet(r);
  // AWS_PROFILE naming a role profile (and no keys in the environment) resolves it the same way.
  const viaEnv = await arw(["get-caller-identity", "--no-cache"], { extra: { AWS_PROFILE: "example-role" } });
  assert.equal(JSON.parse(viaEnv.stdout).Arn, assumed("example-role", "profile-session"));
  // A profile without role_arn still means "these keys", as before.
  const keys = await arw(["get-caller-identity", "--profile", "keys-only"]);
  assert.equal(JSON.parse(keys.stdout).Arn, moto.bob.arn);
});

test("a two-hop chain: chained ← chain-source ← bob, the second hop signed with the first hop's session", { timeout: 60_000 }, async () => {
  const before = sts.requests.length;
  const r = await arw(["get-caller-identity", "--profile", "chained", "--no-cache"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).Arn, assumed("chained-role", "two-hops"));
  const hops = sts.requests.slice(before).filter((q) => sentOf(q).get("Action") === "AssumeRole");
  assert.deepEqual(hops.map((q) => sentOf(q).get("RoleArn")), [moto.roles.example, moto.roles.chained]);
  assert.match(hops[0].headers.authorization, new RegExp(`Credential=${moto.bob.accessKeyId}/`));
  assert.match(hops[1].headers.authorization, /Credential=ASIA/);
  assert.ok(hops[1].headers["x-amz-security-token"], "the second hop carries the first hop's session token");
  // A profile naming itself takes its own keys (botocore allows exactly that).
  const self = await arw(["get-caller-identity", "--profile", "self", "--no-cache"]);
  assert.equal(JSON.parse(self.stdout).Arn, assumed("example-role", "self"));
});

test("configuration mistakes are named before any request: loops, dangling or double sources, unknown profiles", async () => {
  const before = sts.requests.length;
  const cases = [
    ["loop-a", /source_profile loop: "loop-a" → "loop-b" → "loop-a"/],
    ["both", /profile "both" has both source_profile and credential_source/],
    ["dangling", /the source_profile "nobody" of profile "dangling" does not exist/],
    ["nobody", /profile "nobody" not found/],
    ["env-role", /credential_source = Environment, but AWS_ACCESS_KEY_ID/],
  ];
  for (const [profile, message] of cases) {
    const r = await arw(["exec", "--profile", profile, "--", "true"]);
    assert.equal(r.code, 1, `${profile}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const notRole = await arw(["exec", "--profile", "keys-only", "--", "true"]);
  assert.equal(notRole.code, 1);
  assert.match(notRole.stderr, /profile "keys-only" has no role_arn: this command needs a role profile/);
  assert.equal(sts.requests.length, before, "nothing was sent");
});

test("credential_source = Environment; external_id, duration_seconds, region and a services endpoint", { timeout: 60_000 }, async () => {
  const fromEnv = await arw(["export-credentials", "--profile", "env-role", "--no-cache", "--format", "json"], {
    extra: { AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey },
  });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  const c = JSON.parse(fromEnv.stdout);
  const who = await getCallerIdentity({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, endpoint: moto.endpoint });
  assert.equal(who.arn, assumed("example-role", "from-env"));

  // The services section is the only place naming the proxy here (AWS_ENDPOINT_URL points nowhere).
  const r = await run(cli, ["export-credentials", "--profile", "tuned", "--no-cache", "--format", "dotenv"], {
    env: { ...env(), AWS_ENDPOINT_URL: undefined },
    timeoutMs: 30_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const last = sts.actions("AssumeRole").at(-1);
  assert.equal(sentOf(last).get("ExternalId"), "ext-4242");
  assert.equal(sentOf(last).get("DurationSeconds"), "1800");
  assert.equal(sentOf(last).get("RoleSessionName"), "tuned");
  assert.match(last.headers.authorization, /\/eu-west-1\/sts\/aws4_request/);
});

test("exec runs the real AWS CLI as the role; a second exec within the expiry window makes no STS call", { timeout: 90_000 }, async () => {
  const before = assumeCalls();
  const first = await arw(["exec", "--profile", "example-role", "--", "aws", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout.trim(), assumed("example-role", "profile-session"));
  assert.equal(assumeCalls(), before + 1);
  assertQuiet(first);

  const second = await arw(["exec", "--profile", "example-role", "--", "aws", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.trim(), assumed("example-role", "profile-session"));
  assert.equal(assumeCalls(), before + 1, "the second exec took the credentials from the cache");

  // The cache file: the AWS CLI's folder, 0700, the file 0600.
  assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
  const files = readdirSync(cacheDir).filter((f) => f.endsWith(".json"));
  assert.ok(files.length >= 1);
  for (const f of files) assert.equal(statSync(path.join(cacheDir, f)).mode & 0o777, 0o600, f);
});

test("exec: the child's variables, exit status passed on, a missing command, and a shell that says how to leave", { timeout: 60_000 }, async () => {
  const vars = await arw(["exec", "--profile", "example-role", "--", "sh", "-c", 'echo "exp=$AWS_CREDENTIAL_EXPIRATION profile=${AWS_PROFILE-unset} region=$AWS_REGION tag=$ASSUME_ROLE_WASM_PROFILE"'], {
    extra: { AWS_PROFILE: "example-role" },
  });
  assert.equal(vars.code, 0, vars.stderr);
  assert.match(vars.stdout, /^exp=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ profile=unset region=us-east-1 tag=example-role$/m);

  const seven = await arw(["exec", "--profile", "example-role", "--", "sh", "-c", "exit 7"]);
  assert.equal(seven.code, 7);
  const killed = await arw(["exec", "--profile", "example-role", "--", "sh", "-c", "kill -TERM $$"]);
  assert.equal(killed.code, 128 + 15);
  const missing = await arw(["exec", "--profile", "example-role", "--", "no-such-command-arw"]);
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /"no-such-command-arw": command not found/);
  const noDash = await arw(["exec", "--profile", "example-role", "aws", "s3", "ls"]);
  assert.equal(noDash.code, 2);
  assert.match(noDash.stderr, /put the command after --/);

  const shell = await arw(["exec", "--profile", "example-role"], { extra: { SHELL: "/bin/sh" }, input: 'echo "inside-$ASSUME_ROLE_WASM_PROFILE"\nexit 3\n' });
  assert.equal(shell.code, 3);
  assert.match(shell.stdout, /inside-example-role/);
  assert.match(shell.stderr, /starting \/bin\/sh with the credentials of profile "example-role" until \d{4}-.*type `exit`/);
  assertQuiet(shell);
});

test("the AWS CLI uses a cache entry we wrote (no AssumeRole of its own)", { timeout: 60_000 }, async () => {
  const warm = await arw(["export-credentials", "--profile", "example-role", "--format", "json"]);
  assert.equal(warm.code, 0, warm.stderr);
  const ours = JSON.parse(warm.stdout);
  const before = assumeCalls();
  const r = await run(aws, ["--profile", "example-role", "sts", "get-caller-identity", "--output", "json"], { env: env(), timeoutMs: 40_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).Arn, assumed("example-role", "profile-session"));
  assert.equal(assumeCalls(), before, "the AWS CLI found our entry under its own key");
  // …and signed with the very key we cached.
  assert.match(sts.actions("GetCallerIdentity").at(-1).headers.authorization, new RegExp(`Credential=${ours.AccessKeyId}/`));
});

test("as the AWS CLI's credential_process, export-credentials calls STS once, then serves from the cache", { timeout: 90_000 }, async () => {
  await arw(["cache", "clear"]);
  const before = assumeCalls();
  for (let i = 0; i < 2; i++) {
    const r = await run(aws, ["--profile", "via-process", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"], { env: env(), timeoutMs: 40_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), assumed("example-role", "profile-session"));
  }
  assert.equal(assumeCalls(), before + 1);
});

test("we use a cache entry the AWS CLI wrote (its made-up session name shows it)", { timeout: 60_000 }, async () => {
  // The AWS CLI assumes the role itself (straight at moto, so the proxy does not count it) and caches it.
  const r = await run(aws, ["--profile", "cli-written", "sts", "get-caller-identity", "--output", "json"], {
    env: env({ AWS_ENDPOINT_URL: moto.endpoint }),
    timeoutMs: 40_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const theirs = JSON.parse(r.stdout).Arn;
  assert.match(theirs, /assumed-role\/example-role\/botocore-session-\d+$/);

  const before = assumeCalls();
  const ours = await arw(["exec", "--profile", "cli-written", "--", "aws", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"]);
  assert.equal(ours.code, 0, ours.stderr);
  assert.equal(ours.stdout.trim(), theirs);
  assert.equal(assumeCalls(), before, "no AssumeRole: the AWS CLI's entry was used");
});

test("mfa_serial: the code is asked for on the terminal (once: the next run uses the cache); --token-code without one", { timeout: 90_000 }, async () => {
  const before = assumeCalls();
  const command = [cli, "exec", "--profile", "mfa-role", "--", "sh", "-c", "echo role-ok"].map((a) => `'${a}'`).join(" ");
  // util-linux `script` gives the command a pseudo-terminal; what we type arrives on its stdin.
  const first = await run("script", ["-qec", command, "/dev/null"], { env: env(), input: "654321\n", timeoutMs: 40_000 });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, new RegExp(`Enter MFA code for ${MFA.replace(/[/]/g, "\\/")}: `));
  assert.match(first.stdout, /role-ok/);
  assert.equal(assumeCalls(), before + 1);
  const sent = sentOf(sts.actions("AssumeRole").at(-1));
  assert.equal(sent.get("SerialNumber"), MFA);
  assert.equal(sent.get("TokenCode"), "654321");

  const second = await run("script", ["-qec", command, "/dev/null"], { env: env(), input: "", timeoutMs: 40_000 });
  assert.equal(second.code, 0, second.stdout);
  assert.doesNotMatch(second.stdout, /Enter MFA code/);
  assert.equal(assumeCalls(), before + 1);

  // No terminal, no code: a usage error before any request; --token-code answers instead.
  const count = sts.requests.length;
  const piped = await arw(["export-credentials", "--profile", "mfa-role", "--no-cache"]);
  assert.equal(piped.code, 2);
  assert.match(piped.stderr, /needs an MFA code for .*pass --token-code CODE or run on a terminal/);
  assert.equal(sts.requests.length, count);
  const given = await arw(["export-credentials", "--profile", "mfa-role", "--no-cache", "--token-code", "111222"]);
  assert.equal(given.code, 0, given.stderr);
  assert.equal(sentOf(sts.actions("AssumeRole").at(-1)).get("TokenCode"), "111222");
});

test("mfa_serial behind the AWS CLI's credential_process: the prompt reaches the terminal, not the stderr the AWS CLI captures", { timeout: 90_000 }, async () => {
  await arw(["cache", "clear", "--profile", "mfa-role"]);
  const before = assumeCalls();
  const command = [aws, "--profile", "via-process-mfa", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"].map((a) => `'${a}'`).join(" ");
  const r = await run("script", ["-qec", command, "/dev/null"], { env: env(), input: "246810\n", timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Enter MFA code for arn:aws:iam::123456789012:mfa\/bob: /);
  assert.match(r.stdout, /assumed-role\/example-role\/with-mfa/);
  assert.equal(assumeCalls(), before + 1);
  assert.equal(sentOf(sts.actions("AssumeRole").at(-1)).get("TokenCode"), "246810");
});

test("login: a console sign-in URL from the federation stand-in, for the role's session; --open hands it to $BROWSER", { timeout: 60_000 }, async () => {
  const r = await arw(["login", "--profile", "example-role", "--federation-endpoint", federation.endpoint, "--session-duration", "3600"]);
  assert.equal(r.code, 0, r.stderr);
  const url = new URL(r.stdout.trim());
  assert.equal(`${url.origin}${url.pathname}`, federation.endpoint);
  assert.equal(url.searchParams.get("Action"), "login");
  assert.equal(url.searchParams.get("Destination"), "https://console.aws.amazon.com/console/home?region=us-east-1");
  assert.equal(url.searchParams.get("SigninToken"), `stand-in-token-${federation.requests.length}`);
  const sent = federation.requests.at(-1).query;
  assert.equal(sent.SessionDuration, "3600");
  const session = JSON.parse(sent.Session);
  const who = await getCallerIdentity({ accessKeyId: session.sessionId, secretAccessKey: session.sessionKey, sessionToken: session.sessionToken, endpoint: moto.endpoint });
  assert.equal(who.arn, assumed("example-role", "profile-session"));
  assert.equal(r.stderr, "");

  const opened = path.join(home, "opened-url");
  const browser = path.join(home, "fake-browser.sh");
  writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o700 });
  const open = await arw(["login", "--profile", "example-role", "--federation-endpoint", federation.endpoint, "--open"], { extra: { BROWSER: browser } });
  assert.equal(open.code, 0, open.stderr);
  assert.equal(open.stdout, "", "with --open the URL is not printed");
  for (let i = 0; i < 50 && !existsSync(opened); i++) await new Promise((res) => setTimeout(res, 100));
  assert.match(readFileSync(opened, "utf8"), /^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&Destination=.*&SigninToken=stand-in-token-\d+$/);
});

test("login refuses, before fetching anything: a chained session with --session-duration, a non-https federation endpoint, a foreign destination", async () => {
  const stsBefore = sts.requests.length;
  const fedBefore = federation.requests.length;
  const cases = [
    [["--profile", "chained", "--session-duration", "3600"], /not allowed for a chained role session/],
    [["--profile", "example-role", "--federation-endpoint", "http://federation.example/federation"], /https URL \(http only on 127\.0\.0\.1/],
    [["--profile", "example-role", "--destination", "https://evil.example/console.aws.amazon.com"], /--destination must be an https URL on console\.aws\.amazon\.com/],
    [["--profile", "example-role", "--session-duration", "60"], /--session-duration must be 900–43200/],
  ];
  for (const [args, message] of cases) {
    const r = await arw(["login", ...args, "--no-cache"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.equal(sts.requests.length, stsBefore);
  assert.equal(federation.requests.length, fedBefore);
});

test("cache clear (one profile, then all) and --no-cache", { timeout: 60_000 }, async () => {
  await arw(["export-credentials", "--profile", "example-role"]);
  const one = await arw(["cache", "clear", "--profile", "example-role"]);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /^removed 1 cached credential file of profile "example-role"/);
  let before = assumeCalls();
  await arw(["export-credentials", "--profile", "example-role"]);
  assert.equal(assumeCalls(), before + 1, "cleared: fetched again");

  before = assumeCalls();
  await arw(["export-credentials", "--profile", "example-role", "--no-cache"]);
  assert.equal(assumeCalls(), before + 1, "--no-cache: never read");

  const all = await arw(["cache", "clear"]);
  assert.match(all.stdout, /^removed [1-9]\d* cached credential files? from /);
  assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith(".json")), []);
});

test("attack: an entry planted in a cache folder others can write to is not used (and the folder is tightened)", { timeout: 60_000 }, async () => {
  await arw(["export-credentials", "--profile", "example-role"]); // a real entry, then swap in the attacker's keys
  const file = readdirSync(cacheDir).find((f) => f.endsWith(".json"));
  const planted = JSON.parse(readFileSync(path.join(cacheDir, file), "utf8"));
  planted.Credentials.AccessKeyId = "ASIAATTACKERKEY00001";
  writeFileSync(path.join(cacheDir, file), JSON.stringify(planted));
  chmodSync(cacheDir, 0o777);
  const before = assumeCalls();
  const r = await arw(["export-credentials", "--profile", "example-role", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /not using the credential cache .*writable by other users/);
  assert.notEqual(JSON.parse(r.stdout).AccessKeyId, "ASIAATTACKERKEY00001");
  assert.equal(assumeCalls(), before + 1);
  assert.equal(statSync(cacheDir).mode & 0o777, 0o700);

  // Hostile contents in a trusted folder (a value that would break out of an export line, a bad
  // expiry) are a miss, not a crash and not an export.
  const bad = JSON.parse(readFileSync(path.join(cacheDir, file), "utf8"));
  bad.Credentials.SecretAccessKey = "x'\nexport EVIL=1\n'";
  writeFileSync(path.join(cacheDir, file), JSON.stringify(bad), { mode: 0o600 });
  const again = await arw(["export-credentials", "--profile", "example-role", "--format", "bash"]);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /EVIL/);
  assert.equal(assumeCalls(), before + 2);
});

test("fromProfile({ profile }) in Node: the chain, refreshed from the cache only when asked to share it", { timeout: 60_000 }, async () => {
  const provider = fromProfile({ profile: "chained", env: { HOME: home, AWS_ENDPOINT_URL: moto.endpoint } });
  const c = await provider();
  assert.match(c.expiration, /^\d{4}-.*Z$/);
  const { expiration, ...keys } = c;
  const who = await getCallerIdentity({ ...keys, endpoint: moto.endpoint });
  assert.equal(who.arn, assumed("chained-role", "two-hops"));
  assert.equal(await provider(), c, "held until 15 minutes before expiry");
  assert.throws(() => fromProfile({ profile: "x", region: "us-east-1", rolearn: "nope" }), /unknown option "rolearn"/);
  await assert.rejects(fromProfile({ profile: "loop-a", env: { HOME: home } })(), /source_profile loop/);
  await assert.rejects(fromProfile({ profile: "mfa-role", env: { HOME: home, AWS_ENDPOINT_URL: moto.endpoint } })(), /needs an MFA code/);
  const mfa = fromProfile({ profile: "mfa-role", env: { HOME: home, AWS_ENDPOINT_URL: sts.endpoint }, mfaCodeProvider: (serial) => (serial === MFA ? "999888" : "") });
  await mfa();
  assert.equal(sentOf(sts.actions("AssumeRole").at(-1)).get("TokenCode"), "999888");
});
