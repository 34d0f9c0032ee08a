// The worker's pure pieces, in Node (same Web APIs as workerd: crypto.subtle, Request, URL):
// the bearer check, partition → federation/console hosts, the destination allow-list, and the
// bounded provider cache.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { hasBearerToken, timingSafeEqualStrings, callerOf, bearerTokens } from "../../examples/worker/src/auth.js";
// The console flow is the package's own (js/console.js, "assume-role-wasm/console"); the worker adapts its
// errors and adds its operator's issuer allow-list.
import { partitionOf, consoleDestination, consoleSigninUrl } from "../../js/console.js";
import { consoleIssuer } from "../../examples/worker/src/issuer.js";
import { scrubSecrets } from "../../examples/worker/src/scrub.js";
import { createProviderCache } from "../../examples/worker/src/provider-cache.js";

const req = (authorization) => new Request("http://x/", { headers: authorization ? { Authorization: authorization } : {} });

test("bearer check: exact token only, case-insensitive scheme, empty configured token never matches", async () => {
  assert.equal(await hasBearerToken(req("Bearer s3cret"), "s3cret"), true);
  assert.equal(await hasBearerToken(req("bearer s3cret"), "s3cret"), true);
  assert.equal(await hasBearerToken(req("Bearer s3cret2"), "s3cret"), false);
  assert.equal(await hasBearerToken(req("Bearer s3cre"), "s3cret"), false);
  assert.equal(await hasBearerToken(req("s3cret"), "s3cret"), false);
  assert.equal(await hasBearerToken(req(undefined), "s3cret"), false);
  assert.equal(await hasBearerToken(req("Bearer "), ""), false);
  assert.equal(await hasBearerToken(req(undefined), ""), false);
  assert.equal(await timingSafeEqualStrings("a", "a"), true);
  assert.equal(await timingSafeEqualStrings("a", "b"), false);
});

test("partitions map to their federation endpoints and console hosts", async () => {
  assert.equal(partitionOf("arn:aws:iam::1:role/r"), "aws");
  assert.equal(partitionOf("arn:aws-cn:iam::1:role/r"), "aws-cn");
  assert.equal(partitionOf("arn:aws-us-gov:iam::1:role/r"), "aws-us-gov");
  assert.throws(() => partitionOf("arn:aws-iso:iam::1:role/r"), /partition/);
  assert.equal(consoleDestination("aws", undefined), "https://console.aws.amazon.com/");
  assert.equal(consoleDestination("aws-cn", undefined), "https://console.amazonaws.cn/");
  assert.equal(consoleDestination("aws-us-gov", undefined), "https://console.amazonaws-us-gov.com/");
  assert.throws(() => consoleDestination("aws-cn", "https://console.aws.amazon.com/"), /console\.amazonaws\.cn/);

  // The default federation endpoint per partition: capture the URL instead of calling AWS.
  const seen = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    seen.push(new URL(url));
    return new Response(JSON.stringify({ SigninToken: "t" }), { status: 200 });
  };
  try {
    const credentials = { accessKeyId: "ASIAX", secretAccessKey: "k", sessionToken: "s" };
    for (const [partition, host] of [["aws", "signin.aws.amazon.com"], ["aws-cn", "signin.amazonaws.cn"], ["aws-us-gov", "signin.amazonaws-us-gov.com"]]) {
      const url = new URL(await consoleSigninUrl({ credentials, partition, destination: consoleDestination(partition), sessionDuration: 900 }));
      assert.equal(url.host, host);
      assert.equal(url.pathname, "/federation");
      assert.equal(seen.at(-1).host, host);
      assert.equal(seen.at(-1).protocol, "https:");
      assert.equal(seen.at(-1).searchParams.get("SessionDuration"), "900");
    }
  } finally {
    globalThis.fetch = realFetch;
  }
});

test("a federation failure is reported by status, without echoing the endpoint's body", async () => {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async () => new Response("<html>secret-ish body</html>", { status: 400 });
  try {
    await assert.rejects(
      consoleSigninUrl({ credentials: { accessKeyId: "a", secretAccessKey: "b", sessionToken: "c" }, partition: "aws", destination: "https://console.aws.amazon.com/" }),
      (e) => e.code === "FederationError" && /HTTP 400/.test(e.message) && !/secret-ish/.test(e.message),
    );
  } finally {
    globalThis.fetch = realFetch;
  }
});

test("the provider cache reuses providers per role/session and evicts the least recently used", () => {
  const created = [];
  const cache = createProviderCache((opts) => {
    created.push(opts);
    return () => opts;
  }, 2);
  const source = { accessKeyId: "AKIA1", secretAccessKey: "k" };
  const a = cache.get(source, { roleArn: "r", roleSessionName: "a" });
  assert.equal(cache.get(source, { roleArn: "r", roleSessionName: "a" }), a);
  cache.get(source, { roleArn: "r", roleSessionName: "b" });
  cache.get(source, { roleArn: "r", roleSessionName: "a" }); // a is now the most recent
  cache.get(source, { roleArn: "r", roleSessionName: "c" }); // evicts b
  assert.equal(cache.size, 2);
  assert.equal(cache.get(source, { roleArn: "r", roleSessionName: "a" }), a);
  cache.get(source, { roleArn: "r", roleSessionName: "b" });
  assert.equal(created.length, 4, "a, b, c, and b again after eviction");
  assert.deepEqual(created[0], { accessKeyId: "AKIA1", secretAccessKey: "k", roleArn: "r", roleSessionName: "a" });
  assert.notEqual(cache.get({ ...source, accessKeyId: "AKIA2" }, { roleArn: "r", roleSessionName: "a" }), a, "new source key, new provider");
});

test("several bearer tokens: each is its own caller, identified without keeping the token", async () => {
  const tokens = bearerTokens("tok-a, tok-b\ntok-c");
  assert.deepEqual(tokens, ["tok-a", "tok-b", "tok-c"]);
  const a = await callerOf(req("Bearer tok-a"), tokens);
  const c = await callerOf(req("Bearer tok-c"), tokens);
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.notEqual(a, c);
  assert.ok(!a.includes("tok-a"));
  assert.equal(await callerOf(req("Bearer tok-d"), tokens), null);
  assert.equal(await callerOf(req("Bearer "), []), null);
  assert.equal(await callerOf(req(undefined), tokens), null);
});

test("issuer: https on an allowed origin only", () => {
  const allowed = new Set(["https://broker.example"]);
  assert.equal(consoleIssuer(allowed, undefined), undefined);
  assert.equal(consoleIssuer(allowed, "https://broker.example/out"), "https://broker.example/out");
  for (const bad of ["https://evil.example/", "http://broker.example/", "https://broker.example:8443/", "https://a@broker.example/", "javascript:alert(1)", "nope"]) {
    assert.throws(() => consoleIssuer(allowed, bad), (e) => e.status === 400 && /issuer/.test(e.message), bad);
  }
  assert.throws(() => consoleIssuer(new Set(), "https://broker.example/"), /CONSOLE_ISSUERS/);
});

test("scrubSecrets: every string field, raw, URL-encoded (either hex case), JSON-escaped, cut off", () => {
  const token = "FwoGZXIvYXdzTOKEN/abc+def==";
  const enc = encodeURIComponent(token);
  const out = scrubSecrets(
    { error: { code: `X${token}`, requestId: enc, message: `a ${enc.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())} b ${token.replaceAll("/", "\\/")}`, hint: `cut ${token.slice(0, 15)}`, status: 400 } },
    [token, undefined, "ab"],
  );
  assert.deepEqual(out, { error: { code: "X** redacted **", requestId: "** redacted **", message: "a ** redacted ** b ** redacted **", hint: "cut ** redacted **", status: 400 } });
});

test("the provider cache keeps callers apart", () => {
  const cache = createProviderCache((opts) => () => opts, 8);
  const source = { accessKeyId: "AKIA1", secretAccessKey: "k" };
  const role = { roleArn: "r", roleSessionName: "shared" };
  assert.notEqual(cache.get(source, role, "caller-a"), cache.get(source, role, "caller-b"));
  assert.equal(cache.get(source, role, "caller-a"), cache.get(source, role, "caller-a"));
});

test("examples/worker is locked, and every dependency with an install script is decided in allowScripts", () => {
  const dir = new URL("../../examples/worker/", import.meta.url);
  const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8"));
  const lock = JSON.parse(readFileSync(new URL("package-lock.json", dir), "utf8"));
  assert.deepEqual(lock.packages[""].dependencies, pkg.dependencies, "lockfile matches package.json");
  assert.deepEqual(lock.packages[""].devDependencies, pkg.devDependencies);
  assert.equal(lock.packages["node_modules/wrangler"].version, pkg.devDependencies.wrangler, "wrangler pinned exactly");
  const scripted = Object.entries(lock.packages)
    .filter(([, p]) => p.hasInstallScript)
    .map(([where]) => where.replace(/^.*node_modules\//, ""));
  assert.ok(scripted.length > 0);
  for (const name of scripted) assert.equal(typeof pkg.allowScripts?.[name], "boolean", `allowScripts decides ${name}`);
});
