// The AWS "assume an IAM role" walkthrough through the JS API in Node, against moto with auth enforced,
// and the rendered exports consumed by a real bash and the real AWS CLI.
import { withOperations } from "../support/glue-api.mjs";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "../support/moto.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const glue = await import(path.join(root, "pkg/assume_role_wasm.js"));
glue.initSync({ module: readFileSync(path.join(root, "pkg/assume_role_wasm_bg.wasm")) });
const api = withOperations(glue);
const aws = path.join(root, ".venv/bin/aws");

let moto, bob, tmp;
before(async () => {
  moto = await startMoto();
  bob = { accessKeyId: moto.bob.accessKeyId, secretAccessKey: moto.bob.secretAccessKey, endpoint: moto.endpoint };
  tmp = mkdtempSync(path.join(tmpdir(), "arw-e2e-"));
});
after(async () => {
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The AWS CLI with no config of the user's and nothing but what `extra` gives it. */
function cli(args, extra = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: tmp,
    AWS_CONFIG_FILE: path.join(tmp, "none-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, "none-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_DEFAULT_REGION: "us-east-1",
    ...extra,
  };
  return JSON.parse(execFileSync(aws, [...args, "--endpoint-url", moto.endpoint, "--output", "json"], { env, encoding: "utf8" }));
}

async function assumeExample(sessionName = "walkthrough") {
  return api.assumeRole({ ...bob, roleArn: moto.roles.example, roleSessionName: sessionName, durationSeconds: 900 });
}

test("who am I: Bob", async () => {
  const me = await api.getCallerIdentity(bob);
  assert.equal(me.arn, "arn:aws:iam::123456789012:user/Bob");
  assert.equal(me.account, "123456789012");
  assert.ok(me.userId.length > 0);
});

test("assume example-role, then verify with the new credentials", async () => {
  const r = await assumeExample();
  assert.equal(r.assumedRoleUser.arn, "arn:aws:sts::123456789012:assumed-role/example-role/walkthrough");
  assert.match(r.credentials.accessKeyId, /^ASIA/);
  const expires = Date.parse(r.credentials.expiration);
  assert.ok(expires > Date.now() + 10 * 60_000 && expires <= Date.now() + 16 * 60_000, r.credentials.expiration);
  const { accessKeyId, secretAccessKey, sessionToken } = r.credentials;
  const who = await api.getCallerIdentity({ accessKeyId, secretAccessKey, sessionToken, endpoint: moto.endpoint });
  assert.equal(who.arn, r.assumedRoleUser.arn);
});

test("bash exports, evaluated by bash, make the AWS CLI the assumed role", async () => {
  const r = await assumeExample("bash-eval");
  const script = `${api.renderExports(r.credentials, "bash")}\n"$AWS" sts get-caller-identity --endpoint-url "$EP" --output json`;
  const out = execFileSync("bash", ["-c", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: tmp, AWS: aws, EP: moto.endpoint, AWS_DEFAULT_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: path.join(tmp, "none") },
  });
  assert.equal(JSON.parse(out).Arn, "arn:aws:sts::123456789012:assumed-role/example-role/bash-eval");
  // ...and the unset lines take the shell back to no credentials.
  const after = execFileSync("bash", ["-c", `${api.renderExports(r.credentials, "bash")}\n${api.renderUnset("bash")}\nenv`], { encoding: "utf8", env: { PATH: process.env.PATH } });
  assert.doesNotMatch(after, /AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|CREDENTIAL_EXPIRATION)=/);
});

test("credentials-file block via --profile, and credential_process JSON", async () => {
  const r = await assumeExample("files");
  const credentials = path.join(tmp, "credentials");
  writeFileSync(credentials, api.renderExports(r.credentials, "credentials", { profile: "walk" }));
  const viaFile = cli(["sts", "get-caller-identity", "--profile", "walk"], { AWS_SHARED_CREDENTIALS_FILE: credentials });
  assert.equal(viaFile.Arn, "arn:aws:sts::123456789012:assumed-role/example-role/files");

  const json = path.join(tmp, "process.json");
  writeFileSync(json, api.renderExports(r.credentials, "credential-process"));
  const config = path.join(tmp, "config");
  writeFileSync(config, `[profile proc]\ncredential_process = cat ${json}\n`);
  const viaProcess = cli(["sts", "get-caller-identity", "--profile", "proc"], { AWS_CONFIG_FILE: config });
  assert.equal(viaProcess.Arn, "arn:aws:sts::123456789012:assumed-role/example-role/files");
});

test("role chaining: the example-role session assumes chained-role", async () => {
  const first = await assumeExample(moto.chainSessionName);
  const { accessKeyId, secretAccessKey, sessionToken } = first.credentials;
  const source = { accessKeyId, secretAccessKey, sessionToken, endpoint: moto.endpoint };
  await assert.rejects(api.assumeRole({ ...source, roleArn: moto.roles.chained, roleSessionName: "chained", durationSeconds: 7200 }), {
    name: "StsError",
    code: "InvalidParameter",
    field: "durationSeconds",
  });
  const second = await api.assumeRole({ ...source, roleArn: moto.roles.chained, roleSessionName: "chained" });
  assert.equal(second.assumedRoleUser.arn, "arn:aws:sts::123456789012:assumed-role/chained-role/chained");
});

test("a wrong secret is SignatureDoesNotMatch, with a hint and no secret in it", async () => {
  const wrong = "W".repeat(40);
  const err = await api.getCallerIdentity({ ...bob, secretAccessKey: wrong }).then(() => assert.fail("resolved"), (e) => e);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "StsError");
  assert.equal(err.code, "SignatureDoesNotMatch");
  assert.equal(err.status, 403);
  assert.match(err.hint, /secret access key/);
  assert.ok(!JSON.stringify({ ...err, message: err.message }).includes(wrong));
});

test("a role whose trust policy excludes Bob is AccessDenied with the trust-policy hint", async () => {
  await assert.rejects(api.assumeRole({ ...bob, roleArn: moto.roles.untrusted, roleSessionName: "denied" }), (err) => {
    assert.equal(err.code, "AccessDenied");
    assert.equal(err.status, 403);
    assert.match(err.hint, /trust policy/);
    return true;
  });
});

test("an unknown access key is InvalidClientTokenId", async () => {
  await assert.rejects(api.getCallerIdentity({ ...bob, accessKeyId: "AKIAUNKNOWNKEY000000" }), { code: "InvalidClientTokenId", status: 403 });
});
