// err.fix proven by applying it: against moto with auth enforced, a call fails, every command in
// err.fix.commands runs verbatim through bash with the real AWS CLI as an administrator (AWS_ENDPOINT_URL
// points it at moto), and the same call is retried: it must now succeed. Each scenario's error, fix and
// retry are written to test-output/fix/<scenario>.txt.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "../support/moto.mjs";
// The package's Node entry: err.fix is set by its runner from the second wasm (js/runner.js), which only
// a failed call loads.
import * as api from "../../js/node.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "test-output/fix");

let moto, tmp;
before(async () => {
  moto = await startMoto();
  tmp = mkdtempSync(path.join(tmpdir(), "arw-fix-"));
  mkdirSync(outDir, { recursive: true });
});
after(async () => {
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The environment the pasted commands run in: the real AWS CLI as Admin, pointed at moto, no user config. */
function adminEnv() {
  return {
    PATH: `${path.join(root, ".venv/bin")}:${process.env.PATH}`,
    HOME: tmp,
    AWS_CONFIG_FILE: path.join(tmp, "none-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, "none-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: moto.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: moto.admin.secretAccessKey,
  };
}

function aws(args) {
  return JSON.parse(execFileSync("aws", [...args, "--output", "json"], { env: adminEnv(), encoding: "utf8" }) || "{}");
}

const keys = (who) => ({ accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey, endpoint: moto.endpoint });

/** A role whose trust policy names only Alice (created by Admin, so scenarios do not share roles). */
function roleTrustingAlice(name) {
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: moto.alice.arn }, Action: "sts:AssumeRole" }] };
  return aws(["iam", "create-role", "--role-name", name, "--assume-role-policy-document", JSON.stringify(trust)]).Role.Arn;
}

/** Fail, apply every command verbatim, retry. Returns the retry's result; writes the transcript. */
async function failFixRetry(scenario, call) {
  const log = [`# ${scenario}`];
  const err = await call().then(
    () => assert.fail("the first call must fail"),
    (e) => e,
  );
  assert.equal(err.name, "StsError");
  assert.equal(err.code, "AccessDenied");
  log.push(`error: ${err.code}: ${err.message}`, "", "err.fix:", JSON.stringify(err.fix, null, 2), "");
  assert.ok(err.fix, "an AccessDenied on AssumeRole carries a fix");
  assert.ok(err.fix.commands.length > 0);
  for (const command of err.fix.commands) {
    const run = spawnSync("bash", ["-c", command], { env: adminEnv(), encoding: "utf8" });
    log.push(`$ ${command}`, `exit ${run.status}${run.stderr ? `; stderr: ${run.stderr.trim()}` : ""}`);
    assert.equal(run.status, 0, `${command}\n${run.stderr}`);
  }
  const result = await call();
  log.push("", `retry: ok, ${result.assumedRoleUser.arn}`);
  writeFileSync(path.join(outDir, `${scenario}.txt`), log.join("\n") + "\n");
  return { err, result };
}

test("(a) Bob on a role whose trust policy names only Alice", async () => {
  const role = roleTrustingAlice("fix-a-role");
  // Bob's own policy must allow the role too (moto enforces it): the fix adds that as well.
  const { err, result } = await failFixRetry("a-trust-names-someone-else", () =>
    api.assumeRole({ ...keys(moto.bob), roleArn: role, roleSessionName: "fixed" }),
  );
  assert.equal(result.assumedRoleUser.arn, "arn:aws:sts::123456789012:assumed-role/fix-a-role/fixed");
  assert.deepEqual(err.fix.trustStatement.Principal, { AWS: moto.bob.arn });
  // The trust command appended: Alice is still trusted.
  // Alice is still trusted: Bob joined her statement (same action, no condition), so none was appended.
  const doc = aws(["iam", "get-role", "--role-name", "fix-a-role"]).Role.AssumeRolePolicyDocument;
  assert.deepEqual(doc.Statement, [{ Effect: "Allow", Principal: { AWS: [moto.alice.arn, moto.bob.arn] }, Action: "sts:AssumeRole" }]);
});

test("(b) a user whose own policy lacks sts:AssumeRole (the trust policy names her)", async () => {
  // untrusted-role trusts Alice; Alice's only policy allows sts:GetCallerIdentity.
  const { err, result } = await failFixRetry("b-identity-policy-lacks-assume-role", () =>
    api.assumeRole({ ...keys(moto.alice), roleArn: moto.roles.untrusted, roleSessionName: "alice" }),
  );
  assert.equal(result.assumedRoleUser.arn, "arn:aws:sts::123456789012:assumed-role/untrusted-role/alice");
  assert.deepEqual(err.fix.identityStatement, { Effect: "Allow", Action: "sts:AssumeRole", Resource: moto.roles.untrusted });
  assert.ok(err.fix.commands.some((c) => c.startsWith("aws iam put-user-policy --user-name Alice ")));
  const inline = aws(["iam", "get-user-policy", "--user-name", "Alice", "--policy-name", "AllowAssumeRole-untrusted-role"]);
  assert.deepEqual(inline.PolicyDocument.Statement, [err.fix.identityStatement]);
});

test("(c) an assumed-role session chaining into a role that does not trust it", async () => {
  const role = roleTrustingAlice("fix-c-role");
  const first = await api.assumeRole({ ...keys(moto.bob), roleArn: moto.roles.example, roleSessionName: "chain-fix" });
  const session = { ...first.credentials, endpoint: moto.endpoint };
  delete session.expiration;
  const { err, result } = await failFixRetry("c-role-chaining", () =>
    api.assumeRole({ ...session, roleArn: role, roleSessionName: "second-hop" }),
  );
  assert.equal(result.assumedRoleUser.arn, "arn:aws:sts::123456789012:assumed-role/fix-c-role/second-hop");
  // Trust names the role (what AWS matches) and the session (what moto matches, and the narrower form).
  assert.deepEqual(err.fix.trustStatement.Principal, {
    AWS: [moto.roles.example, "arn:aws:sts::123456789012:assumed-role/example-role/chain-fix"],
  });
  assert.ok(err.fix.commands.some((c) => c.startsWith("aws iam put-role-policy --role-name example-role ")));
  assert.ok(err.fix.notes.some((n) => n.includes("narrower")));
});

test("(d) a call with tags and a source identity", async () => {
  const role = roleTrustingAlice("fix-d-role");
  const call = () =>
    api.assumeRole({
      ...keys(moto.bob),
      roleArn: role,
      roleSessionName: "tagged",
      tags: [{ key: "team", value: "blue" }],
      transitiveTagKeys: ["team"],
      sourceIdentity: "bob-laptop",
    });
  const { err } = await failFixRetry("d-tags-and-source-identity", call);
  const actions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];
  assert.deepEqual(err.fix.trustStatement.Action, actions);
  assert.deepEqual(err.fix.identityStatement.Action, actions);
  const doc = aws(["iam", "get-role", "--role-name", "fix-d-role"]).Role.AssumeRolePolicyDocument;
  assert.deepEqual(doc.Statement.at(-1).Action, actions, "the applied trust statement allows tagging");
});

test("fixFor: a known caller ARN fills in what the message leaves out", async () => {
  const err = await api
    .assumeRole({ ...keys(moto.bob), roleArn: moto.roles.untrusted, roleSessionName: "ext", externalId: "abc" })
    .then(() => assert.fail("must fail"), (e) => e);
  assert.equal(err.code, "AccessDenied");
  // Pretend STS did not name the caller (as some messages do not): the context kept on err still knows
  // the role, the caller comes from GetCallerIdentity.
  const bare = Object.assign(new Error("Access denied"), { name: "StsError", code: "AccessDenied" });
  const context = Object.getOwnPropertySymbols(err)[0];
  Object.defineProperty(bare, context, { value: err[context] });
  const me = await api.getCallerIdentity(keys(moto.bob));
  const fix = api.fixFor(bare, { callerArn: me.arn });
  assert.equal(bare.fix, fix);
  assert.deepEqual(fix.trustStatement.Principal, { AWS: moto.bob.arn });
  assert.ok(fix.notes.some((n) => n.includes("GetCallerIdentity")));
  assert.ok(!fix.notes.some((n) => n.includes("sts:ExternalId")), "the request carried an external ID");
  assert.ok(!Object.keys(err).includes(String(context)), "the context is not enumerable");
  assert.equal(api.fixFor({ code: "Throttling", message: "slow down" }), undefined);
});

test("the trust command keeps every statement it does not need to touch", async () => {
  const existing = [
    { Sid: "Ec2", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    { Sid: "WithMfa", Effect: "Allow", Principal: { AWS: moto.alice.arn }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
    { Sid: "Wider", Effect: "Allow", Principal: { AWS: moto.alice.arn }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    { Sid: "Plain", Effect: "Allow", Principal: { AWS: [moto.alice.arn] }, Action: ["sts:AssumeRole"] },
    { Sid: "No", Effect: "Deny", Principal: { AWS: moto.alice.arn }, Action: "sts:AssumeRole" },
  ];
  aws(["iam", "create-role", "--role-name", "fix-keep-role", "--assume-role-policy-document", JSON.stringify({ Version: "2012-10-17", Statement: existing })]);
  // STS's real message shape (with the resource), as a library user would get it.
  const err = Object.assign(new Error(`User: ${moto.bob.arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/fix-keep-role`), { code: "AccessDenied" });
  const fix = api.fixFor(err, {});
  const trust = fix.commands.find((c) => c.startsWith("aws iam update-assume-role-policy"));
  const run = spawnSync("bash", ["-c", trust], { env: adminEnv(), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const after = aws(["iam", "get-role", "--role-name", "fix-keep-role"]).Role.AssumeRolePolicyDocument.Statement;
  // Only "Plain" (exactly sts:AssumeRole, no condition) gains Bob; nothing is appended since it matched.
  assert.deepEqual(after, [
    existing[0],
    existing[1],
    existing[2],
    { ...existing[3], Principal: { AWS: [moto.alice.arn, moto.bob.arn] } },
    existing[4],
  ]);
});

/** An STS stand-in for what moto never answers (it does not check web identity tokens): every call gets
 * `code` with `message`. */
async function answering(code, message) {
  const http = await import("node:http");
  const body = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(400, { "content-type": "text/xml" }).end(body));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

test("web identity: the token's iss/aud/exp, decoded from the request, shape the fix", async () => {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const iss = "https://token.actions.githubusercontent.com";
  const exp = Math.floor(Date.now() / 1000) - 600;
  const token = `${b64({ alg: "RS256", kid: "k" })}.${b64({ iss, aud: "sts.amazonaws.com", sub: "repo:o/r:ref:refs/heads/main", exp })}.c2lnbmF0dXJl`;
  const call = (endpoint) =>
    api.assumeRoleWithWebIdentity({ roleArn: moto.roles.example, roleSessionName: "gha", webIdentityToken: token, endpoint })
      .then(() => assert.fail("must fail"), (e) => e);
  const cases = [
    ["ExpiredTokenException", `Token expired: current date/time ${exp + 600} must be before the expiration date/time ${exp}`],
    ["InvalidIdentityToken", `No OpenIDConnect provider found in your account for ${iss}`],
    ["AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"],
  ];
  const fixes = {};
  for (const [code, message] of cases) {
    const sts = await answering(code, message);
    try {
      const err = await call(sts.url);
      assert.equal(err.code, code);
      fixes[code] = err.fix;
      assert.ok(!JSON.stringify(err.fix).includes(token.split(".")[1]), "the token itself never appears");
    } finally {
      await sts.close();
    }
  }
  assert.match(fixes.ExpiredTokenException.summary, /has expired \(iss "https:\/\/token\.actions\.githubusercontent\.com", aud "sts\.amazonaws\.com", .*expires .* \(10 minutes ago\)\)/);
  assert.deepEqual(fixes.InvalidIdentityToken.commands, [`aws iam create-open-id-connect-provider --url ${iss} --client-id-list sts.amazonaws.com`]);
  assert.deepEqual(fixes.AccessDenied.trustStatement, {
    Effect: "Allow",
    Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main" } },
  });
});
