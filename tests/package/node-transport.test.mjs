// The Node entry's default transport (js/node-transport.js) against local servers: it must behave
// like fetch where the wasm depends on it — request as given, response status/headers/body, the
// abort signal (the wasm's timeout), keep-alive reuse, certificate checks for https — and never
// keep a finished process alive.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { nodeFetch } from "../../js/node-transport.js";
import { getCallerIdentity } from "../../js/node.js";
import { startMoto } from "../support/moto.mjs";
import { run } from "./support/run.mjs";
import { repoRoot } from "./support/installed-package.mjs";

let server;
let base;
let connections = 0;
const seen = [];

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString(), socket: req.socket });
      if (req.url === "/hang") return; // never answers
      if (req.url === "/big") {
        res.writeHead(200);
        res.end(Buffer.alloc(2 << 20, 97));
        return;
      }
      res.writeHead(403, [["Content-Type", "text/xml"], ["X-Amzn-RequestId", "req-1"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]]);
      res.end("<ErrorResponse>é</ErrorResponse>");
    });
  });
  server.on("connection", () => connections++);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("sends method, headers and body as given; returns status, headers and the body text", async () => {
  const res = await nodeFetch(`${base}/sts?x=1`, {
    method: "POST",
    headers: new Headers({ "Content-Type": "application/x-www-form-urlencoded", "X-Amz-Date": "20260101T000000Z" }),
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  });
  const got = seen.at(-1);
  assert.equal(got.method, "POST");
  assert.equal(got.url, "/sts?x=1");
  assert.equal(got.headers["content-type"], "application/x-www-form-urlencoded");
  assert.equal(got.headers["x-amz-date"], "20260101T000000Z");
  assert.equal(got.headers["content-length"], String(Buffer.byteLength(got.body)));
  assert.equal(got.body, "Action=GetCallerIdentity&Version=2011-06-15");
  assert.equal(res.status, 403);
  assert.equal(res.headers.get("x-amzn-requestid"), "req-1");
  assert.equal(res.headers.get("set-cookie"), "a=1, b=2");
  assert.equal(await res.text(), "<ErrorResponse>é</ErrorResponse>");
});

test("accepts plain-object and array headers and byte bodies", async () => {
  await nodeFetch(`${base}/a`, { method: "post", headers: { "X-One": "1" }, body: new TextEncoder().encode("bytes") });
  assert.equal(seen.at(-1).headers["x-one"], "1");
  assert.equal(seen.at(-1).body, "bytes");
  await nodeFetch(`${base}/b`, { headers: [["X-Two", "2"]] });
  assert.equal(seen.at(-1).method, "GET");
  assert.equal(seen.at(-1).headers["x-two"], "2");
});

test("reuses one kept-alive connection for sequential calls", async () => {
  const before = connections;
  for (let i = 0; i < 5; i++) await (await nodeFetch(`${base}/k`, { method: "POST", body: "x" })).text();
  const sockets = new Set(seen.filter((r) => r.url === "/k").map((r) => r.socket));
  assert.equal(sockets.size, 1, "all five requests on one socket");
  assert.ok(connections - before <= 1);
});

test("the abort signal aborts an unanswered request with an AbortError", async () => {
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(nodeFetch(`${base}/hang`, { signal: controller.signal }), (e) => e.name === "AbortError");
  assert.ok(Date.now() - started < 2000);
  await assert.rejects(nodeFetch(`${base}/a`, { signal: AbortSignal.abort() }), (e) => e.name === "AbortError");
});

test("through the wasm: timeoutMs ends a call to a server that never answers", async () => {
  const started = Date.now();
  await assert.rejects(
    getCallerIdentity({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", endpoint: `${base}/hang`, timeoutMs: 300 }),
    (e) => e.name === "StsError" && e.code === "Timeout",
  );
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
});

test("through the wasm: a refused connection is a NetworkError", async () => {
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(
    getCallerIdentity({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", endpoint: `http://127.0.0.1:${port}`, timeoutMs: 3000 }),
    (e) => e.name === "StsError" && (e.code === "NetworkError" || e.code === "Timeout"),
  );
});

test("an oversized response body is refused", async () => {
  await assert.rejects(nodeFetch(`${base}/big`), /fetch failed/);
});

test("a process whose last call is done exits at once (idle keep-alive sockets do not hold it)", async () => {
  const moto = await startMoto();
  try {
    const script = `import { getCallerIdentity } from ${JSON.stringify(path.join(repoRoot, "js/node.js"))};
      await getCallerIdentity({ accessKeyId: process.env.K, secretAccessKey: process.env.S, endpoint: process.env.E });
      console.log(Date.now());`;
    const started = Date.now();
    const result = await run(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, K: moto.bob.accessKeyId, S: moto.bob.secretAccessKey, E: moto.endpoint },
      timeoutMs: 10_000,
    });
    assert.equal(result.code, 0, result.stderr);
    const lingered = Date.now() - Number(result.stdout.trim());
    assert.ok(lingered < 1500, `process lingered ${lingered} ms after its last call (total ${Date.now() - started} ms)`);
  } finally {
    await moto.stop();
  }
});

test("https: verifies the server certificate against Node's CA store (NODE_EXTRA_CA_CERTS)", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-tls-"));
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
  ], { stdio: "ignore" });
  const serverScript = path.join(dir, "server.mjs");
  writeFileSync(serverScript, `import https from "node:https"; import { readFileSync } from "node:fs";
    const s = https.createServer({ key: readFileSync(${JSON.stringify(path.join(dir, "key.pem"))}), cert: readFileSync(${JSON.stringify(path.join(dir, "cert.pem"))}) },
      (req, res) => { res.writeHead(200, { "x-tls": "yes" }); res.end("secure"); });
    s.listen(0, "127.0.0.1", () => console.log(s.address().port));`);
  const child = spawn(process.execPath, [serverScript], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
    const client = `import { nodeFetch } from ${JSON.stringify(path.join(repoRoot, "js/node-transport.js"))};
      try { const r = await nodeFetch("https://127.0.0.1:${port}/", {}); console.log(r.status, r.headers.get("x-tls"), await r.text()); }
      catch (e) { console.log("rejected", e.cause?.code ?? e.message); }`;
    const trusted = await run(process.execPath, ["--input-type=module", "-e", client], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, "cert.pem") },
    });
    assert.equal(trusted.stdout.trim(), "200 yes secure");
    const untrusted = await run(process.execPath, ["--input-type=module", "-e", client], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: "" },
    });
    assert.match(untrusted.stdout.trim(), /^rejected (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/);
  } finally {
    child.kill();
  }
});
