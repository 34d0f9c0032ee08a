// examples/worker in the real workerd (Miniflare), against moto with auth on and a local stand-in
// for the console federation endpoint: the bearer guard, the credentials route (credentials that
// really work), export lines, the console sign-in flow (what reaches the federation endpoint), the
// SessionDuration rules, and that a hot worker does not call STS per request.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMoto } from "../support/moto.mjs";
import { getCallerIdentity, assumeRole } from "../../js/node.js";
import { bundleWorker, startWorker, workerOptions, startFederationStandIn } from "./support/worker-harness.mjs";
import { startRecordingProxy } from "./support/recording-proxy.mjs";

const TOKEN = "test-bearer-token-0123456789";
const TIMEOUT = { timeout: 30_000 };

let moto, sts, federation, mf, outdir, bindings;

before(async () => {
  moto = await startMoto();
  sts = await startRecordingProxy(moto.endpoint); // counts what reaches STS
  federation = await startFederationStandIn();
  outdir = await bundleWorker();
  bindings = {
    AWS_ACCESS_KEY_ID: moto.bob.accessKeyId,
    AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey,
    STS_ENDPOINT: sts.endpoint,
    ALLOWED_ROLE_ARNS: `${moto.roles.example}, ${moto.roles.untrusted}`,
    BEARER_TOKEN: TOKEN,
    FEDERATION_ENDPOINT: federation.endpoint,
    CONSOLE_ISSUERS: "https://broker.example",
  };
  mf = await startWorker(outdir, bindings);
});

after(async () => {
  await mf?.dispose();
  await federation?.stop();
  await sts?.stop();
  await moto?.stop();
});

function post(route, body, token = TOKEN) {
  const headers = { "Content-Type": "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return mf.dispatchFetch(`http://broker.test${route}`, { method: "POST", headers, body: JSON.stringify(body) });
}

test("the bearer guard rejects a missing or wrong token on every route, before doing anything", TIMEOUT, async () => {
  const before = sts.requests.length;
  for (const route of ["/credentials", "/console", "/nope"]) {
    for (const token of [null, "wrong", `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const res = await post(route, { roleArn: moto.roles.example }, token);
      assert.equal(res.status, 401, `${route} with ${token === null ? "no" : "a wrong"} token`);
      assert.equal(res.headers.get("WWW-Authenticate"), "Bearer");
      assert.equal((await res.json()).error.code, "Unauthorized");
    }
  }
  const basic = await mf.dispatchFetch("http://broker.test/credentials", { method: "POST", headers: { Authorization: `Basic ${TOKEN}` } });
  assert.equal(basic.status, 401);
  await basic.text();
  assert.equal(sts.requests.length, before, "no STS call for unauthenticated requests");
});

test("POST /credentials returns assumed-role credentials that work, and a hot worker reuses them", TIMEOUT, async () => {
  const calls = sts.actions("AssumeRole").length;
  const res = await post("/credentials", { roleArn: moto.roles.example, roleSessionName: "edge" });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("Content-Type"), /^application\/json/);
  assert.equal(res.headers.get("Cache-Control"), "no-store");
  const creds = await res.json();
  assert.deepEqual(Object.keys(creds).sort(), ["AccessKeyId", "Expiration", "SecretAccessKey", "SessionToken"]);
  const who = await getCallerIdentity({
    accessKeyId: creds.AccessKeyId,
    secretAccessKey: creds.SecretAccessKey,
    sessionToken: creds.SessionToken,
    endpoint: moto.endpoint,
  });
  assert.equal(who.arn, "arn:aws:sts::123456789012:assumed-role/example-role/edge");

  for (let i = 0; i < 3; i++) {
    const again = await post("/credentials", { roleArn: moto.roles.example, roleSessionName: "edge", format: "bash" });
    assert.equal(again.status, 200);
    const text = await again.text();
    assert.ok(text.includes(`export AWS_ACCESS_KEY_ID='${creds.AccessKeyId}'`), "same cached credentials, as export lines");
  }
  assert.equal(sts.actions("AssumeRole").length - calls, 1, "one STS call for four requests");
});

test("other formats render through renderExports", TIMEOUT, async () => {
  const fish = await (await post("/credentials", { roleArn: moto.roles.example, format: "fish" })).text();
  assert.match(fish, /^set -gx AWS_SECRET_ACCESS_KEY '/m);
  const process = await post("/credentials", { roleArn: moto.roles.example, format: "credential-process" });
  assert.equal((await process.json()).Version, 1);
});

test("requests outside the configuration are refused with a reason", TIMEOUT, async () => {
  const cases = [
    [{ roleArn: "arn:aws:iam::123456789012:role/other" }, 403, "RoleNotAllowed"],
    [{}, 400, "InvalidParameter"],
    [{ roleArn: moto.roles.example, format: "yaml" }, 400, "InvalidParameter"],
    [{ roleArn: moto.roles.example, durationSeconds: "3600" }, 400, "InvalidParameter"],
    [{ roleArn: moto.roles.example, roleSessionName: "bad name!" }, 400, "InvalidParameter"],
    [{ roleArn: moto.roles.untrusted }, 502, "AccessDenied"],
  ];
  for (const [body, status, code] of cases) {
    const res = await post("/credentials", body);
    const json = await res.json();
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal(json.error.code, code, JSON.stringify(body));
    assert.doesNotMatch(JSON.stringify(json), new RegExp(moto.bob.secretAccessKey.replace(/[+/]/g, "\\$&")));
    // err.fix travels to the worker's caller: the statement naming the worker's own identity.
    if (code === "AccessDenied") assert.deepEqual(json.error.fix.trustStatement.Principal, { AWS: moto.bob.arn });
  }
  const big = await post("/credentials", { roleArn: moto.roles.example, padding: "x".repeat(20_000) });
  assert.equal(big.status, 413);
  await big.text();
  const form = await mf.dispatchFetch("http://broker.test/credentials", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "roleArn=x",
  });
  assert.equal(form.status, 415);
  await form.text();
  const get = await mf.dispatchFetch("http://broker.test/credentials", { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(get.status, 405);
  await get.text();
});

test("POST /console gets a SigninToken with the role session and returns the login URL", TIMEOUT, async () => {
  const res = await post("/console", { roleArn: moto.roles.example, roleSessionName: "console", sessionDuration: 7200, issuer: "https://broker.example" });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(res.headers.get("Cache-Control"), "no-store");

  const sent = federation.requests.at(-1);
  assert.equal(sent.query.Action, "getSigninToken");
  assert.equal(sent.query.SessionDuration, "7200");
  const session = JSON.parse(sent.query.Session);
  assert.deepEqual(Object.keys(session).sort(), ["sessionId", "sessionKey", "sessionToken"]);
  // The session handed to the federation endpoint is the assumed role's, and it works.
  const who = await getCallerIdentity({
    accessKeyId: session.sessionId,
    secretAccessKey: session.sessionKey,
    sessionToken: session.sessionToken,
    endpoint: moto.endpoint,
  });
  assert.equal(who.arn, "arn:aws:sts::123456789012:assumed-role/example-role/console");

  const url = new URL(body.url);
  assert.equal(`${url.origin}${url.pathname}`, federation.endpoint);
  assert.equal(url.searchParams.get("Action"), "login");
  assert.equal(url.searchParams.get("Issuer"), "https://broker.example/", "the checked URL, normalised");
  assert.equal(url.searchParams.get("Destination"), "https://console.aws.amazon.com/");
  assert.equal(url.searchParams.get("SigninToken"), `stand-in-token-${federation.requests.length}`);
  assert.ok(!url.searchParams.has("Session"), "the login URL carries the token, not the session");
  assert.ok(Date.parse(body.expiration) > Date.now());
});

test("POST /console: no SessionDuration unless asked; out-of-range durations and foreign destinations refused", TIMEOUT, async () => {
  const ok = await post("/console", { roleArn: moto.roles.example, destination: "https://us-east-1.console.aws.amazon.com/s3/home" });
  assert.equal(ok.status, 200);
  const url = new URL((await ok.json()).url);
  assert.equal(url.searchParams.get("Destination"), "https://us-east-1.console.aws.amazon.com/s3/home");
  assert.ok(!("SessionDuration" in federation.requests.at(-1).query));

  const count = federation.requests.length;
  for (const [body, code] of [
    [{ roleArn: moto.roles.example, sessionDuration: 899 }, "InvalidParameter"],
    [{ roleArn: moto.roles.example, sessionDuration: 43201 }, "InvalidParameter"],
    [{ roleArn: moto.roles.example, destination: "https://evil.example/console.aws.amazon.com" }, "InvalidParameter"],
    [{ roleArn: moto.roles.example, destination: "http://console.aws.amazon.com/" }, "InvalidParameter"],
  ]) {
    const res = await post("/console", body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal((await res.json()).error.code, code);
  }
  assert.equal(federation.requests.length, count, "refused requests never reach the federation endpoint");
});

test("with temporary source keys (role chaining) SessionDuration is refused and never sent", TIMEOUT, async () => {
  const source = await assumeRole({
    accessKeyId: moto.bob.accessKeyId,
    secretAccessKey: moto.bob.secretAccessKey,
    endpoint: moto.endpoint,
    roleArn: moto.roles.example,
    roleSessionName: moto.chainSessionName,
  });
  await mf.setOptions(
    workerOptions(outdir, {
      ...bindings,
      AWS_ACCESS_KEY_ID: source.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: source.credentials.secretAccessKey,
      AWS_SESSION_TOKEN: source.credentials.sessionToken,
      ALLOWED_ROLE_ARNS: moto.roles.chained,
    }),
  );
  const refused = await post("/console", { roleArn: moto.roles.chained, sessionDuration: 3600 });
  assert.equal(refused.status, 400);
  assert.match((await refused.json()).error.message, /chained/);

  const res = await post("/console", { roleArn: moto.roles.chained, roleSessionName: "chained-console" });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const sent = federation.requests.at(-1);
  assert.ok(!("SessionDuration" in sent.query));
  const session = JSON.parse(sent.query.Session);
  const who = await getCallerIdentity({
    accessKeyId: session.sessionId,
    secretAccessKey: session.sessionKey,
    sessionToken: session.sessionToken,
    endpoint: moto.endpoint,
  });
  assert.equal(who.arn, "arn:aws:sts::123456789012:assumed-role/chained-role/chained-console");
});

test("the worker fails closed: without BEARER_TOKEN every request is a 401; without source keys an authenticated one is a 500", TIMEOUT, async () => {
  const { BEARER_TOKEN, AWS_SECRET_ACCESS_KEY, ...rest } = bindings;
  for (const broken of [{ ...rest, AWS_SECRET_ACCESS_KEY }, { ...rest, AWS_SECRET_ACCESS_KEY, BEARER_TOKEN: "" }]) {
    await mf.setOptions(workerOptions(outdir, broken));
    for (const token of [TOKEN, "", null]) {
      const res = await post("/credentials", { roleArn: moto.roles.example }, token);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.code, "Unauthorized");
    }
  }
  await mf.setOptions(workerOptions(outdir, { ...rest, BEARER_TOKEN }));
  const res = await post("/credentials", { roleArn: moto.roles.example });
  assert.equal(res.status, 500);
  assert.deepEqual(await res.json(), { error: { code: "NotConfigured", message: "this worker is not configured" } });
});
