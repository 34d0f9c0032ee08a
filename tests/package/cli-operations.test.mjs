// The CLI's generated subcommands (one per STS operation, flags named as the AWS CLI names them), as
// installed from the tarball, against moto with auth on; the credentials they print are handed to the
// real AWS CLI, which must see the identity they belong to.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { installedPackage, repoRoot } from "./support/installed-package.mjs";
import { startRecordingProxy } from "./support/recording-proxy.mjs";
import { run } from "./support/run.mjs";

let moto, sts, cli, home;
const awsCli = path.join(repoRoot, ".venv/bin/aws");

before(async () => {
  cli = path.join(installedPackage().dir, "node_modules/.bin/assume-role-wasm");
  moto = await startMoto();
  sts = await startRecordingProxy(moto.endpoint);
  home = mkdtempSync(path.join(tmpdir(), "arw-cli-ops-"));
});
after(async () => {
  await sts?.stop();
  await moto?.stop();
});

const env = (extra = {}) => ({ PATH: process.env.PATH, HOME: home, AWS_ENDPOINT_URL: sts.endpoint, AWS_REGION: "us-east-1", AWS_DEFAULT_REGION: "us-east-1", ...extra });
const bobEnv = () => env({ AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey });
const arw = (args, e = bobEnv()) => run(cli, args, { env: e, timeoutMs: 20_000 });
const lastForm = () => new URLSearchParams(sts.requests.at(-1).body);

test("get-federation-token --name: the request as the AWS CLI names it, the credentials as JSON (moto answers with fixed example keys it does not accept itself, so no AWS CLI round trip here)", async () => {
  const out = await arw(["get-federation-token", "--name", "fed-cli", "--duration-seconds", "900", "--format", "json"]);
  assert.equal(out.code, 0, out.stderr);
  const creds = JSON.parse(out.stdout);
  assert.match(creds.AccessKeyId, /^A[SK]IA/);
  const form = lastForm();
  assert.equal(form.get("Action"), "GetFederationToken");
  assert.equal(form.get("Name"), "fed-cli");
  assert.equal(form.get("DurationSeconds"), "900");
});

test("get-access-key-info --access-key-id: the AWS CLI's JSON and text shapes", async () => {
  const json = await arw(["get-access-key-info", "--access-key-id", moto.bob.accessKeyId]);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), { Account: "123456789012" });
  assert.equal(lastForm().get("AccessKeyId"), moto.bob.accessKeyId);
  const text = await arw(["get-access-key-info", "--access-key-id", moto.bob.accessKeyId, "--format", "text"]);
  assert.equal(text.stdout, "123456789012\n");
  const bad = await arw(["get-access-key-info", "--access-key-id", "short"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /InvalidParameter \(--access-key-id\)/);
});

test("assume-role with tags and policy ARNs in the AWS CLI's shorthand; the AWS CLI sees the role", async () => {
  const out = await arw([
    "assume-role",
    "--role-arn", moto.roles.example,
    "--role-session-name", "cli-tags",
    "--tags", "Key=team,Value=ops", "Key=env,Value=dev",
    "--transitive-tag-keys", "team",
    "--policy-arns", "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "--no-cache",
    "--format", "json",
  ]);
  assert.equal(out.code, 0, out.stderr);
  const form = lastForm();
  assert.equal(form.get("Tags.member.2.Key"), "env");
  assert.equal(form.get("Tags.member.2.Value"), "dev");
  assert.equal(form.get("TransitiveTagKeys.member.1"), "team");
  assert.equal(form.get("PolicyArns.member.1.arn"), "arn:aws:iam::aws:policy/ReadOnlyAccess");
  const creds = JSON.parse(out.stdout);
  const who = await run(awsCli, ["sts", "get-caller-identity", "--output", "json"], {
    env: env({ AWS_ACCESS_KEY_ID: creds.AccessKeyId, AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey, AWS_SESSION_TOKEN: creds.SessionToken }),
    timeoutMs: 30_000,
  });
  assert.equal(who.code, 0, who.stderr);
  assert.equal(JSON.parse(who.stdout).Arn, "arn:aws:sts::123456789012:assumed-role/example-role/cli-tags");
});

test("file:// values and JSON lists; decode-authorization-message sends the file's text", async () => {
  const file = path.join(home, "message.txt");
  writeFileSync(file, "ENCODED-message-from-a-file\n");
  // moto lacks DecodeAuthorizationMessage: what matters here is what went out.
  const out = await arw(["decode-authorization-message", "--encoded-message", `file://${file}`]);
  assert.equal(lastForm().get("EncodedMessage"), "ENCODED-message-from-a-file");
  assert.notEqual(out.code, 0);
  const missing = await arw(["decode-authorization-message", "--encoded-message", `file://${file}.missing`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--encoded-message: cannot read ".*message\.txt\.missing" \(ENOENT\)/);
  const json = await arw(["assume-role", "--role-arn", moto.roles.example, "--role-session-name", "cli-json", "--no-cache", "--tags", '[{"Key":"a","Value":"b"}]']);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(lastForm().get("Tags.member.1.Key"), "a");
});

test("every operation has a --help that lists its members' flags", async () => {
  const main = await arw(["--help"]);
  for (const name of ["assume-role-with-web-identity", "assume-role-with-saml", "get-federation-token", "get-access-key-info", "decode-authorization-message", "assume-root", "get-web-identity-token", "get-scoped-credentials", "get-delegated-access-token"]) {
    assert.match(main.stdout, new RegExp(`\\b${name}\\b`));
    const help = await arw([name, "--help"]);
    assert.equal(help.code, 0, `${name}: ${help.stderr}`);
  }
  const web = await arw(["assume-role-with-web-identity", "--help"]);
  assert.match(web.stdout, /--web-identity-token VALUE\|file:\/\/PATH/);
  assert.match(web.stdout, /Unsigned: needs no AWS keys/);
});

test("assume-role-with-web-identity --web-identity-token file://: unsigned, no keys needed; the AWS CLI sees the role", async () => {
  const { makeJwt } = await import("../support/keyless-fixtures.mjs");
  const file = path.join(home, "token.jwt");
  writeFileSync(file, makeJwt({ iss: moto.oidc.issuer, aud: moto.oidc.audience }) + "\n");
  const noKeys = env(); // no AWS_ACCESS_KEY_ID anywhere
  const out = await arw(["assume-role-with-web-identity", "--role-arn", moto.roles.web, "--role-session-name", "cli-web", "--web-identity-token", `file://${file}`, "--format", "credential-process"], noKeys);
  assert.equal(out.code, 0, out.stderr);
  const sent = sts.requests.at(-1);
  assert.equal(new URLSearchParams(sent.body).get("Action"), "AssumeRoleWithWebIdentity");
  assert.equal(sent.headers.authorization, undefined, "sent unsigned");
  const creds = JSON.parse(out.stdout);
  assert.equal(creds.Version, 1);
  const who = await run(awsCli, ["sts", "get-caller-identity", "--output", "json"], {
    env: env({ AWS_ACCESS_KEY_ID: creds.AccessKeyId, AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey, AWS_SESSION_TOKEN: creds.SessionToken }),
    timeoutMs: 30_000,
  });
  assert.equal(who.code, 0, who.stderr);
  assert.equal(JSON.parse(who.stdout).Arn, "arn:aws:sts::123456789012:assumed-role/web-role/cli-web");
  // A token file with the wrong thing in it is refused locally, naming the flag, never echoing it.
  writeFileSync(file, "x");
  const bad = await arw(["assume-role-with-web-identity", "--role-arn", moto.roles.web, "--role-session-name", "cli-web", "--web-identity-token", `file://${file}`], noKeys);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--web-identity-token/);
});

test("assume-role-with-saml --saml-assertion file:// with a two-role response: the named role is assumed", async () => {
  const { makeSamlResponse } = await import("../support/keyless-fixtures.mjs");
  const file = path.join(home, "saml.b64");
  const { wrapped } = makeSamlResponse({ roles: [[moto.roles.saml, moto.saml.providerArn], [moto.roles.samlReadOnly, moto.saml.providerArn]] });
  writeFileSync(file, wrapped);
  const out = await arw(["assume-role-with-saml", "--role-arn", moto.roles.samlReadOnly, "--principal-arn", moto.saml.providerArn, "--saml-assertion", `file://${file}`, "--format", "json"], env());
  assert.equal(out.code, 0, out.stderr);
  assert.equal(sts.requests.at(-1).headers.authorization, undefined, "sent unsigned");
  const creds = JSON.parse(out.stdout);
  const who = await run(awsCli, ["sts", "get-caller-identity", "--output", "json"], {
    env: env({ AWS_ACCESS_KEY_ID: creds.AccessKeyId, AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey, AWS_SESSION_TOKEN: creds.SessionToken }),
    timeoutMs: 30_000,
  });
  assert.equal(who.code, 0, who.stderr);
  assert.match(JSON.parse(who.stdout).Arn, /^arn:aws:sts::123456789012:assumed-role\/saml-readonly\//);
});
