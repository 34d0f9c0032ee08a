// The SDKs' web identity convention against moto (auth on; AssumeRoleWithWebIdentity unsigned, as in STS):
// createCredentialProvider() with no options and the CLI pick up AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE
// (+ AWS_ROLE_SESSION_NAME), re-read the (rotated) token file on every refresh, and the provider also takes a
// token function. A recording proxy in front of moto shows what was sent: the token of the moment, no
// Authorization header.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "../support/moto.mjs";
import { makeJwt } from "../support/keyless-fixtures.mjs";
import { createCredentialProvider, getCallerIdentity, nodeFetch } from "../../js/node.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let moto, proxy, tmp;
const seen = [];

/** Forwards to moto and records each request's form and whether it was signed. */
function startProxy(target) {
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString();
    seen.push({ form: new URLSearchParams(body), signed: "authorization" in req.headers });
    const headers = { ...req.headers };
    delete headers.host;
    const r = await fetch(target, { method: req.method, headers, body });
    res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "text/xml" });
    res.end(await r.text());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
  })));
}

const ENV_KEYS = ["AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME", "AWS_ENDPOINT_URL_STS", "AWS_REGION"];
function withEnv(vars, fn) {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, vars);
  const restore = () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
  try {
    return fn();
  } finally {
    restore();
  }
}

before(async () => {
  moto = await startMoto();
  proxy = await startProxy(moto.endpoint);
  tmp = mkdtempSync(path.join(tmpdir(), "arw-webid-"));
});
after(async () => {
  await proxy?.close();
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const whoWith = (c) => getCallerIdentity({ ...c, endpoint: moto.endpoint }).then((r) => r.arn);

test("createCredentialProvider() from AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE; the rotated file is re-read on refresh", async () => {
  const file = path.join(tmp, "token");
  const first = makeJwt({ sub: "system:serviceaccount:default:app" });
  writeFileSync(file, `${first}\n`);
  let t = Date.now();
  const provider = withEnv({ AWS_ROLE_ARN: moto.roles.web, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_SESSION_NAME: "eks-pod", AWS_ENDPOINT_URL_STS: proxy.url },
    () => createCredentialProvider(undefined, { now: () => t }));
  seen.length = 0;
  const c1 = await provider();
  assert.equal(await whoWith(c1), "arn:aws:sts::123456789012:assumed-role/web-role/eks-pod");
  const call1 = seen.find((s) => s.form.get("Action") === "AssumeRoleWithWebIdentity");
  assert.equal(call1.signed, false, "unsigned: the token is the credential");
  assert.equal(call1.form.get("WebIdentityToken"), first, "the file's token, without its newline");
  assert.equal(call1.form.get("RoleArn"), moto.roles.web);

  // The platform rotates the file; the next refresh must present the new token.
  const second = makeJwt({ sub: "system:serviceaccount:default:app", extra: { rotated: true } });
  writeFileSync(file, second);
  assert.equal(await provider(), c1, "cached until the refresh margin");
  t = Date.parse(c1.expiration) - 60_000;
  seen.length = 0;
  const c2 = await provider();
  assert.notEqual(c2.accessKeyId, c1.accessKeyId);
  assert.equal(seen.find((s) => s.form.get("Action") === "AssumeRoleWithWebIdentity").form.get("WebIdentityToken"), second);
  assert.equal(seen.find((s) => s.form.get("Action") === "AssumeRoleWithWebIdentity").form.get("RoleSessionName"), "eks-pod", "one session name for the provider's life");
});

test("a missing token file is an error naming the variable and the path, never a token", async () => {
  const file = path.join(tmp, "gone");
  writeFileSync(file, makeJwt());
  const provider = withEnv({ AWS_ROLE_ARN: moto.roles.web, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: moto.endpoint },
    () => createCredentialProvider());
  unlinkSync(file);
  await assert.rejects(provider(), (e) => e.message.includes("AWS_WEB_IDENTITY_TOKEN_FILE") && e.message.includes(file) && /ENOENT/.test(e.message));
  assert.throws(() => withEnv({ AWS_ROLE_ARN: moto.roles.web }, () => createCredentialProvider()), /AWS_WEB_IDENTITY_TOKEN_FILE is not set/);
  assert.throws(() => withEnv({}, () => createCredentialProvider()), /AWS_ROLE_ARN \/ AWS_WEB_IDENTITY_TOKEN_FILE are not set/);
});

test("a token function (an edge worker minting its own tokens) is called on every refresh", async () => {
  let minted = 0;
  const bodies = [];
  const provider = createCredentialProvider({
    roleArn: moto.roles.web,
    roleSessionName: "worker",
    webIdentityToken: async () => makeJwt({ sub: `mint-${++minted}` }),
    endpoint: moto.endpoint,
    fetch: (url, init) => {
      bodies.push(new URLSearchParams(String(init.body)));
      return nodeFetch(url, init);
    },
  });
  const c = await provider();
  assert.equal(await whoWith(c), "arn:aws:sts::123456789012:assumed-role/web-role/worker");
  await provider({ forceRefresh: true });
  assert.equal(minted, 2);
  const subs = bodies.map((b) => JSON.parse(Buffer.from(b.get("WebIdentityToken").split(".")[1], "base64url")).sub);
  assert.deepEqual(subs, ["mint-1", "mint-2"]);
});

function cli(args, env) {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "bin/assume-role-wasm.js"), ...args], { env, timeout: 60000 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code ?? 1 : 0, stdout, stderr });
    });
  });
}

test("the CLI uses the web identity environment when no keys are given, as the AWS CLI does", async () => {
  const file = path.join(tmp, "cli-token");
  writeFileSync(file, makeJwt());
  const env = {
    PATH: process.env.PATH, HOME: tmp, AWS_CONFIG_FILE: path.join(tmp, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, "none"),
    AWS_ROLE_ARN: moto.roles.web, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_SESSION_NAME: "ci-job", AWS_ENDPOINT_URL_STS: moto.endpoint,
  };
  const r = await cli(["get-caller-identity"], env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).arn ?? JSON.parse(r.stdout).Arn, "arn:aws:sts::123456789012:assumed-role/web-role/ci-job");
  // Static keys in the environment come first (botocore's order).
  const keys = await cli(["get-caller-identity"], { ...env, AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey });
  assert.equal(keys.code, 0, keys.stderr);
  assert.match(keys.stdout, /user\/Bob/);
  // A missing file says which variable and path.
  const gone = await cli(["get-caller-identity"], { ...env, AWS_WEB_IDENTITY_TOKEN_FILE: path.join(tmp, "nope") });
  assert.notEqual(gone.code, 0);
  assert.match(gone.stderr, /AWS_WEB_IDENTITY_TOKEN_FILE .*nope: ENOENT/);
});
