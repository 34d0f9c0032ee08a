// issue 10, item 6: examples/worker attacked, in the real workerd (Miniflare) against moto (auth on) behind a
// recording proxy, a stand-in federation endpoint and, for one test, a hostile STS that echoes what it got.
//   - a 64 MiB chunked body is refused without being read whole; the limit counts bytes, not UTF-16 units;
//   - the bearer token is checked before any other answer, "not configured" included;
//   - `issuer` (the console's "sign in again" link) must be https on an allow-listed origin;
//   - no field of an error (code, request id, message) carries the worker's own session token, in any encoding;
//   - two callers with their own tokens never share a cached session, whatever session name they pick.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startMoto } from "../support/moto.mjs";
import { bundleWorker, startWorker, workerOptions, startFederationStandIn } from "./support/worker-harness.mjs";
import { startRecordingProxy } from "./support/recording-proxy.mjs";

const TOKEN = "caller-a-token-0123456789";
const TOKEN_B = "caller-b-token-9876543210";
const TIMEOUT = { timeout: 60_000 };
const MiB = 1024 * 1024;

let moto, sts, federation, mf, outdir, bindings;

before(async () => {
  moto = await startMoto();
  sts = await startRecordingProxy(moto.endpoint);
  federation = await startFederationStandIn();
  outdir = await bundleWorker();
  bindings = {
    AWS_ACCESS_KEY_ID: moto.bob.accessKeyId,
    AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey,
    STS_ENDPOINT: sts.endpoint,
    ALLOWED_ROLE_ARNS: moto.roles.example,
    BEARER_TOKEN: `${TOKEN}, ${TOKEN_B}`,
    FEDERATION_ENDPOINT: federation.endpoint,
    CONSOLE_ISSUERS: "https://broker.example",
  };
  mf = await startWorker(outdir, bindings);
  await (await mf.dispatchFetch("http://broker.test/")).text(); // warm: the first request also starts the isolate
});

after(async () => {
  await mf?.dispose();
  await federation?.stop();
  await sts?.stop();
  await moto?.stop();
});

const headers = (token = TOKEN) => ({ "Content-Type": "application/json", ...(token === null ? {} : { Authorization: `Bearer ${token}` }) });
const post = (route, body, token = TOKEN) =>
  mf.dispatchFetch(`http://broker.test${route}`, { method: "POST", headers: headers(token), body: JSON.stringify(body) });

/**
 * POSTs a chunked body (no Content-Length) of `total` bytes, repeating `chunk`, straight to workerd over
 * node:http, writing only as fast as the socket drains. Resolves with the status (null when the worker's
 * early close reset the connection before its answer could be read) and how many bytes had been written.
 * (Node's fetch loses an early answer when the upload then fails, so it cannot show this.)
 */
async function uploadChunked(route, text, total, token = TOKEN) {
  const url = new URL(route, await mf.ready);
  const chunk = Buffer.from(text);
  return new Promise((resolve) => {
    let written = 0;
    let done = false;
    const finish = (status) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, written });
    };
    const req = http.request(url, { method: "POST", headers: { ...headers(token), "Transfer-Encoding": "chunked" } });
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode);
    });
    req.on("error", () => finish(null));
    // A chunk every few ms: a worker that reads everything keeps taking
    // it, and one that answered early has its answer read while the client idles (a client that is busy
    // writing when the early close resets the connection would lose the answer).
    const pump = async () => {
      while (!done && written < total) {
        written += chunk.length;
        const drained = req.write(chunk);
        await new Promise((r) => setTimeout(r, 2));
        if (!drained && !done) await new Promise((r) => req.once("drain", r));
      }
      if (!done) req.end();
    };
    pump();
  });
}

/**
 * Repeats an upload until the worker's answer is read (its early close can reset the connection first),
 * at most 5 times; every attempt must satisfy `check`. Resolves with the answered attempt.
 */
async function answered(upload, check) {
  for (let i = 0; i < 5; i++) {
    const r = await upload();
    check(r);
    if (r.status !== null) return r;
  }
  assert.fail("the connection was reset before every answer");
}

test("a 64 MiB chunked body is refused with 413 without being read whole", TIMEOUT, async () => {
  const calls = sts.requests.length;
  const prefix = JSON.stringify({ roleArn: moto.roles.example, padding: "" }).slice(0, -2);
  const chunk = prefix + "x".repeat(64 * 1024 - prefix.length);
  const r = await answered(() => uploadChunked("/credentials", chunk, 64 * MiB), (r) => {
    // The worker reads 16 KiB and answers; reading the body whole would take all 64 MiB.
    assert.ok(r.written < 16 * MiB, `the upload took ${(r.written / MiB).toFixed(1)} MiB before the answer`);
  });
  assert.equal(r.status, 413);
  assert.equal(sts.requests.length, calls);
});

test("the body limit counts bytes: 16 KiB of 3-byte characters (under 16 Ki UTF-16 units) is too large", TIMEOUT, async () => {
  const calls = sts.requests.length;
  const text = JSON.stringify({ roleArn: moto.roles.example, padding: "€".repeat(6000) }); // ~18 KB, ~6 Ki units
  assert.ok(Buffer.byteLength(text) > 16 * 1024 && text.length < 16 * 1024);
  const r = await answered(() => uploadChunked("/credentials", text, Buffer.byteLength(text)), () => {}); // no Content-Length
  assert.equal(r.status, 413, "refused by its size in bytes");
  assert.equal(sts.requests.length, calls, "no STS call");
});

test("the bearer token comes first: a misconfigured worker tells an unauthenticated caller nothing", TIMEOUT, async () => {
  const { AWS_SECRET_ACCESS_KEY, BEARER_TOKEN, ...rest } = bindings;
  try {
    await mf.setOptions(workerOptions(outdir, { ...rest, BEARER_TOKEN })); // no source secret
    for (const token of [null, "wrong"]) {
      const res = await post("/credentials", { roleArn: moto.roles.example }, token);
      assert.equal(res.status, 401, `${token ?? "no"} token: 401, not "not configured"`);
      assert.equal((await res.json()).error.code, "Unauthorized");
    }
    const authed = await post("/credentials", { roleArn: moto.roles.example });
    assert.equal(authed.status, 500, "a caller with a good token learns it is misconfigured");
    assert.equal((await authed.json()).error.code, "NotConfigured");

    await mf.setOptions(workerOptions(outdir, { ...rest, AWS_SECRET_ACCESS_KEY })); // no BEARER_TOKEN at all
    for (const token of [null, "", TOKEN]) {
      const res = await post("/credentials", { roleArn: moto.roles.example }, token);
      assert.equal(res.status, 401, "no configured token: nobody is authenticated");
      await res.text();
    }
  } finally {
    await mf.setOptions(workerOptions(outdir, bindings));
  }
});

test("issuer must be an https URL on a CONSOLE_ISSUERS origin; anything else never reaches the federation endpoint", TIMEOUT, async () => {
  const count = federation.requests.length;
  for (const issuer of [
    "https://evil.example/",
    "http://broker.example/",
    "javascript:alert(document.domain)",
    "https://broker.example.evil.example/",
    "https://user:pw@broker.example/",
    "//evil.example",
    "data:text/html,<script>alert(1)</script>",
  ]) {
    const res = await post("/console", { roleArn: moto.roles.example, issuer });
    const body = await res.json();
    assert.equal(res.status, 400, issuer);
    assert.equal(body.error.code, "InvalidParameter");
    assert.match(body.error.message, /^issuer must be /);
  }
  assert.equal(federation.requests.length, count, "refused before any federation request");

  const ok = await post("/console", { roleArn: moto.roles.example, issuer: "https://broker.example/signed-out" });
  const body = await ok.json();
  assert.equal(ok.status, 200, JSON.stringify(body));
  assert.equal(new URL(body.url).searchParams.get("Issuer"), "https://broker.example/signed-out");

  const none = await mf.dispatchFetch("http://broker.test/console", { method: "POST", headers: headers(), body: JSON.stringify({ roleArn: moto.roles.example }) });
  assert.equal(none.status, 200, "no issuer is fine");
  assert.equal(new URL((await none.json()).url).searchParams.has("Issuer"), false);
});

test("an error from an echoing STS carries the worker's own session token in no field and no encoding", TIMEOUT, async () => {
  const sessionToken = "FwoGZXIvYXdzWORKERownSESSIONtoken/with+base64/chars==";
  const echo = http.createServer((req, res) => {
    const token = String(req.headers["x-amz-security-token"] ?? "");
    const enc = encodeURIComponent(token);
    res.writeHead(400, { "Content-Type": "text/xml" });
    res.end(
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>` +
        `<Code>Invalid${token}</Code><Message>you sent ${enc.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())} and ${token.replaceAll("/", "\\/")}</Message></Error>` +
        `<RequestId>${enc}</RequestId></ErrorResponse>`,
    );
  });
  await new Promise((resolve) => echo.listen(0, "127.0.0.1", resolve));
  try {
    await mf.setOptions(workerOptions(outdir, { ...bindings, AWS_SESSION_TOKEN: sessionToken, STS_ENDPOINT: `http://127.0.0.1:${echo.address().port}` }));
    const res = await post("/credentials", { roleArn: moto.roles.example });
    const text = await res.text();
    assert.equal(res.status, 502, text);
    const error = JSON.parse(text).error;
    assert.match(error.code, /^Invalid/, "the code still says what it was");
    for (const form of [sessionToken, encodeURIComponent(sessionToken), encodeURIComponent(sessionToken).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()), sessionToken.replaceAll("/", "\\/"), JSON.stringify(sessionToken).slice(1, -1)]) {
      assert.ok(!text.includes(form), `the response carries the session token as ${form}: ${text}`);
    }
    assert.ok(!text.includes("WORKERownSESSION"), text);
    assert.match(text, /\*\* redacted \*\*/);
  } finally {
    echo.closeAllConnections();
    await new Promise((resolve) => echo.close(resolve));
    await mf.setOptions(workerOptions(outdir, bindings));
  }
});

test("a cached session belongs to its caller: another token holder reusing the session name gets its own", TIMEOUT, async () => {
  const calls = sts.actions("AssumeRole").length;
  const a = await (await post("/credentials", { roleArn: moto.roles.example, roleSessionName: "shared" }, TOKEN)).json();
  const b = await (await post("/credentials", { roleArn: moto.roles.example, roleSessionName: "shared" }, TOKEN_B)).json();
  assert.ok(a.AccessKeyId && b.AccessKeyId, JSON.stringify({ a, b }));
  assert.notEqual(b.AccessKeyId, a.AccessKeyId, "caller B must not be handed caller A's session");
  const again = await (await post("/credentials", { roleArn: moto.roles.example, roleSessionName: "shared" }, TOKEN)).json();
  assert.equal(again.AccessKeyId, a.AccessKeyId, "each caller's own session is still cached");
  assert.equal(sts.actions("AssumeRole").length - calls, 2, "one STS call per caller");
});
