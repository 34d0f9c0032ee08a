// The harness's keyless additions, proven with the real AWS CLI (an independent client): the unsigned
// AssumeRoleWithWebIdentity/SAML reach moto with auth off for that call only, SAML behaves as STS for the
// pair the request names even with two roles in the assertion, and signed requests keep auth on.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "./moto.mjs";
import { makeJwt, makeSamlResponse } from "./keyless-fixtures.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const awsBin = existsSync(path.join(root, ".venv/bin/aws")) ? path.join(root, ".venv/bin/aws") : "aws";
let moto, home;

before(async () => {
  moto = await startMoto();
  home = mkdtempSync(path.join(tmpdir(), "moto-keyless-"));
});
after(async () => {
  await moto?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** `aws sts …` with no credentials at all (unless given): the federation calls need none. */
function aws(args, creds) {
  const env = {
    PATH: process.env.PATH, HOME: home,
    AWS_CONFIG_FILE: path.join(home, "config"), AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true", AWS_DEFAULT_REGION: moto.region,
  };
  if (creds) {
    Object.assign(env, { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey });
    if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  }
  return new Promise((resolve) => {
    execFile(awsBin, ["sts", ...args, "--endpoint-url", moto.endpoint, "--output", "json"],
      { env, timeout: 60000 }, (err, stdout, stderr) => {
        let out = null;
        try { out = JSON.parse(stdout); } catch { /* not JSON */ }
        resolve({ code: err ? (err.code ?? 1) : 0, out, stderr });
      });
  });
}
const creds = (out) => ({
  accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey,
  sessionToken: out.Credentials.SessionToken,
});

test("seeded: an OIDC provider, a SAML provider and roles trusting them", () => {
  assert.equal(moto.oidc.providerArn, "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
  assert.equal(moto.saml.providerArn, "arn:aws:iam::123456789012:saml-provider/ExampleIdP");
  assert.equal(moto.roles.web, "arn:aws:iam::123456789012:role/web-role");
  assert.equal(moto.roles.saml, "arn:aws:iam::123456789012:role/saml-role");
  assert.equal(moto.roles.samlReadOnly, "arn:aws:iam::123456789012:role/saml-readonly");
});

test("unsigned AssumeRoleWithWebIdentity from the AWS CLI; its credentials then pass signed auth", async () => {
  const r = await aws(["assume-role-with-web-identity", "--role-arn", moto.roles.web, "--role-session-name", "ci",
    "--web-identity-token", makeJwt()]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.out.AssumedRoleUser.Arn, "arn:aws:sts::123456789012:assumed-role/web-role/ci");
  const who = await aws(["get-caller-identity"], creds(r.out));
  assert.equal(who.code, 0, who.stderr);
  assert.equal(who.out.Arn, "arn:aws:sts::123456789012:assumed-role/web-role/ci");
});

test("SAML with two roles in the assertion: the requested pair is assumed, in either value order", async () => {
  const roles = [[moto.roles.saml, moto.saml.providerArn], [moto.roles.samlReadOnly, moto.saml.providerArn]];
  for (const order of ["role-first", "provider-first"]) {
    const { base64 } = makeSamlResponse({ roles, order });
    const file = path.join(home, `assertion-${order}.b64`);
    writeFileSync(file, base64);
    const r = await aws(["assume-role-with-saml", "--role-arn", moto.roles.samlReadOnly,
      "--principal-arn", moto.saml.providerArn, "--saml-assertion", `file://${file}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.out.AssumedRoleUser.Arn, "arn:aws:sts::123456789012:assumed-role/saml-readonly/bob");
    const who = await aws(["get-caller-identity"], creds(r.out));
    assert.equal(who.out?.Arn, "arn:aws:sts::123456789012:assumed-role/saml-readonly/bob", who.stderr);
  }
});

test("SAML naming a role the assertion does not list is AccessDenied, as in STS", async () => {
  const { base64 } = makeSamlResponse({ roles: [[moto.roles.saml, moto.saml.providerArn]] });
  const file = path.join(home, "one-role.b64");
  writeFileSync(file, base64);
  const r = await aws(["assume-role-with-saml", "--role-arn", moto.roles.example,
    "--principal-arn", moto.saml.providerArn, "--saml-assertion", `file://${file}`]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /AccessDenied/);
});

test("auth stays on: other unsigned actions are refused, and so is a bad signature", async () => {
  const plain = await fetch(moto.endpoint, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  });
  assert.equal(plain.status, 403);
  assert.match(await plain.text(), /MissingAuthenticationToken/);
  const forged = await aws(["get-caller-identity"], { ...moto.bob, secretAccessKey: "x".repeat(40) });
  assert.notEqual(forged.code, 0);
  assert.match(forged.stderr, /SignatureDoesNotMatch/);
});

test("unsigned federation calls interleaved with signed ones: none of the signed ones skips auth", async () => {
  const token = makeJwt();
  const forged = { ...moto.bob, secretAccessKey: "y".repeat(40) };
  const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2
    ? aws(["get-caller-identity"], forged)
    : aws(["assume-role-with-web-identity", "--role-arn", moto.roles.web, "--role-session-name", `p${i}`,
      "--web-identity-token", token]))));
  runs.forEach((r, i) => {
    if (i % 2) assert.match(r.stderr, /SignatureDoesNotMatch/, `forged call ${i} must fail`);
    else assert.equal(r.code, 0, r.stderr);
  });
});
