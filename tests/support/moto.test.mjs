// Smoke test of the moto fixture with an independent client, the real AWS CLI from .venv:
// proves the seeded world is what tests/support/moto.mjs promises and that auth is really enforced.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "./moto.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const awsBin = existsSync(path.join(root, ".venv/bin/aws")) ? path.join(root, ".venv/bin/aws") : "aws";
let moto, home;

before(async () => {
  moto = await startMoto();
  home = mkdtempSync(path.join(tmpdir(), "moto-smoke-"));
});
after(async () => {
  await moto?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

// Runs `aws sts ...` with only the given credentials: no config files, no metadata service, no profile.
function aws(creds, ...args) {
  const env = {
    PATH: process.env.PATH, HOME: home,
    AWS_CONFIG_FILE: path.join(home, "config"), AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true", AWS_DEFAULT_REGION: moto.region,
    AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
  };
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  return new Promise((resolve) => {
    execFile(awsBin, ["sts", ...args, "--endpoint-url", moto.endpoint, "--output", "json"],
      { env, timeout: 60000 }, (err, stdout, stderr) => {
        resolve({ code: err ? (err.code ?? 1) : 0, out: stdout ? safeJson(stdout) : null, stderr });
      });
  });
}
const safeJson = (s) => { try { return JSON.parse(s); } catch { return s; } };
const sessionCreds = (out) => ({
  accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey,
  sessionToken: out.Credentials.SessionToken,
});

test("Bob's keys identify Bob", async () => {
  const r = await aws(moto.bob, "get-caller-identity");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.out.Arn, "arn:aws:iam::123456789012:user/Bob");
  assert.equal(r.out.Account, moto.account);
});

test("Bob assumes example-role and the session is the assumed role", async () => {
  const r = await aws(moto.bob, "assume-role", "--role-arn", moto.roles.example, "--role-session-name", "smoke");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.out.AssumedRoleUser.Arn, "arn:aws:sts::123456789012:assumed-role/example-role/smoke");
  assert.match(r.out.Credentials.AccessKeyId, /^ASIA/);
  const who = await aws(sessionCreds(r.out), "get-caller-identity");
  assert.equal(who.code, 0, who.stderr);
  assert.equal(who.out.Arn, "arn:aws:sts::123456789012:assumed-role/example-role/smoke");
});

test("a wrong secret is refused: auth is enforced", async () => {
  const r = await aws({ ...moto.bob, secretAccessKey: "x" + moto.bob.secretAccessKey.slice(1) }, "get-caller-identity");
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /SignatureDoesNotMatch/);
  assert.doesNotMatch(r.stderr, new RegExp(moto.bob.secretAccessKey.slice(1).replace(/[+/]/g, "\\$&")));
});

test("an unknown access key is refused", async () => {
  const r = await aws({ ...moto.bob, accessKeyId: "AKIAAAAAAAAAAAAAAAAA" }, "get-caller-identity");
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /InvalidClientTokenId/);
});

test("untrusted-role's trust policy refuses Bob", async () => {
  const r = await aws(moto.bob, "assume-role", "--role-arn", moto.roles.untrusted, "--role-session-name", "smoke");
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /AccessDenied/);
});

test("Alice has no sts:AssumeRole permission", async () => {
  const who = await aws(moto.alice, "get-caller-identity");
  assert.equal(who.out?.Arn, "arn:aws:iam::123456789012:user/Alice", who.stderr);
  const r = await aws(moto.alice, "assume-role", "--role-arn", moto.roles.example, "--role-session-name", "smoke");
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /AccessDenied/);
});

test("role chaining: the chain-source session of example-role assumes chained-role", async () => {
  const first = await aws(moto.bob, "assume-role", "--role-arn", moto.roles.example,
    "--role-session-name", moto.chainSessionName);
  assert.equal(first.code, 0, first.stderr);
  const creds = sessionCreds(first.out);
  const r = await aws(creds, "assume-role", "--role-arn", moto.roles.chained, "--role-session-name", "hop2");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.out.AssumedRoleUser.Arn, "arn:aws:sts::123456789012:assumed-role/chained-role/hop2");
  // The session token is checked: the same keys without it are refused.
  const noToken = await aws({ ...creds, sessionToken: undefined }, "get-caller-identity");
  assert.notEqual(noToken.code, 0);
  assert.match(noToken.stderr, /InvalidClientTokenId/);
});

test("role chaining is refused for another session name and for Bob directly", async () => {
  const first = await aws(moto.bob, "assume-role", "--role-arn", moto.roles.example, "--role-session-name", "other");
  assert.equal(first.code, 0, first.stderr);
  const r = await aws(sessionCreds(first.out), "assume-role", "--role-arn", moto.roles.chained,
    "--role-session-name", "hop2");
  assert.match(r.stderr, /AccessDenied/);
  const direct = await aws(moto.bob, "assume-role", "--role-arn", moto.roles.chained, "--role-session-name", "hop2");
  assert.match(direct.stderr, /AccessDenied/);
});

test("CORS: preflight answered, headers on real responses", async () => {
  const origin = "http://localhost:8123";
  const pre = await fetch(moto.endpoint + "/", {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type,x-amz-date,x-amz-security-token" },
  });
  assert.ok([200, 204].includes(pre.status), `preflight status ${pre.status}`);
  assert.equal(pre.headers.get("access-control-allow-origin"), origin);
  assert.match(pre.headers.get("access-control-allow-methods"), /POST/);
  for (const h of ["authorization", "x-amz-date", "x-amz-security-token", "content-type"]) {
    assert.match(pre.headers.get("access-control-allow-headers"), new RegExp(`\\b${h}\\b`));
  }
  // An unsigned POST reaches the app and comes back as a readable STS-shaped 403 with CORS headers.
  const res = await fetch(moto.endpoint + "/", {
    method: "POST", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get("access-control-allow-origin"), origin);
  assert.match(res.headers.get("access-control-expose-headers"), /x-amzn-requestid/);
  assert.match(await res.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  // A response moto itself produced (a signed request with a bad signature) carries them too.
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
  const bad = await fetch(moto.endpoint + "/", {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "X-Amz-Date": amzDate,
      Authorization: `AWS4-HMAC-SHA256 Credential=${moto.bob.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/sts/`
        + `aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${"0".repeat(64)}` },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  });
  assert.equal(bad.status, 403);
  assert.equal(bad.headers.get("access-control-allow-origin"), origin);
  assert.match(await bad.text(), /SignatureDoesNotMatch/);
});
