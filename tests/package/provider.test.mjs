// createCredentialProvider against moto (auth on): caching, refresh before expiry on an injected
// clock, one STS call for many concurrent callers, and recovery after errors. STS calls are counted
// with a wrapping opts.fetch around the Node entry's own transport.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMoto } from "../support/moto.mjs";
import { createCredentialProvider, getCallerIdentity, nodeFetch } from "../../js/node.js";

let moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

/** A fetch that counts STS calls per Action and can be told to fail. */
function countingFetch() {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(new URLSearchParams(String(init.body)).get("Action"));
    return nodeFetch(url, init);
  };
  return { fetch, calls };
}

/** A settable clock starting at the real time (STS expirations are real times). */
function fakeClock() {
  let t = Date.now();
  const now = () => t;
  now.set = (ms) => (t = ms);
  now.advance = (ms) => (t += ms);
  return now;
}

function roleOptions(fetch, overrides = {}) {
  return {
    accessKeyId: moto.bob.accessKeyId,
    secretAccessKey: moto.bob.secretAccessKey,
    endpoint: moto.endpoint,
    roleArn: moto.roles.example,
    roleSessionName: "provider-test",
    fetch,
    ...overrides,
  };
}

test("many concurrent callers share a single STS call, and the credentials are the assumed role's", async () => {
  const { fetch, calls } = countingFetch();
  const provider = createCredentialProvider(roleOptions(fetch));
  const results = await Promise.all(Array.from({ length: 25 }, () => provider()));
  assert.deepEqual(calls, ["AssumeRole"]);
  assert.ok(results.every((c) => c === results[0]), "every caller gets the same credentials object");
  const { accessKeyId, secretAccessKey, sessionToken } = results[0];
  const who = await getCallerIdentity({ accessKeyId, secretAccessKey, sessionToken, endpoint: moto.endpoint });
  assert.match(who.arn, /:assumed-role\/example-role\/provider-test$/);
});

test("cached credentials are served without STS until the refresh margin, then refreshed", async () => {
  const { fetch, calls } = countingFetch();
  const now = fakeClock();
  const provider = createCredentialProvider(roleOptions(fetch), { now });
  const first = await provider();
  const expiresAt = Date.parse(first.expiration);
  assert.ok(expiresAt > now() + 10 * 60_000, `moto should hand out an hour: ${first.expiration}`);

  now.set(expiresAt - 6 * 60_000); // outside the default 5-minute margin
  assert.equal(await provider(), first);
  assert.equal(calls.length, 1);

  now.set(expiresAt - 4 * 60_000); // inside it
  const second = await provider();
  assert.equal(calls.length, 2);
  assert.notEqual(second.accessKeyId, first.accessKeyId, "a refresh yields new credentials");
});

test("refreshMarginMs is configurable", async () => {
  const { fetch, calls } = countingFetch();
  const now = fakeClock();
  const provider = createCredentialProvider(roleOptions(fetch), { now, refreshMarginMs: 20 * 60_000 });
  const first = await provider();
  now.set(Date.parse(first.expiration) - 21 * 60_000);
  await provider();
  assert.equal(calls.length, 1);
  now.set(Date.parse(first.expiration) - 19 * 60_000);
  await provider();
  assert.equal(calls.length, 2);
});

test("a margin longer than half the session is capped, so short sessions are not refreshed per call", async () => {
  const { fetch, calls } = countingFetch();
  const now = fakeClock();
  const provider = createCredentialProvider(roleOptions(fetch, { durationSeconds: 900 }), { now, refreshMarginMs: 20 * 60_000 });
  await provider();
  now.advance(60_000);
  await provider();
  assert.equal(calls.length, 1);
});

test("an error is not cached: the next call retries and succeeds", async () => {
  const { fetch, calls } = countingFetch();
  let secret = "wrong-secret-0123456789";
  const provider = createCredentialProvider(() => roleOptions(fetch, { secretAccessKey: secret }));
  await assert.rejects(provider(), (e) => e.name === "StsError" && e.code === "SignatureDoesNotMatch");
  secret = moto.bob.secretAccessKey;
  const creds = await provider();
  assert.match(creds.accessKeyId, /^ASIA/);
  assert.equal(calls.length, 2);
});

test("concurrent callers during a failing refresh all see the error, once", async () => {
  const { fetch, calls } = countingFetch();
  const provider = createCredentialProvider(roleOptions(fetch, { secretAccessKey: "wrong-secret-0123456789" }));
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => provider()));
  assert.ok(outcomes.every((o) => o.status === "rejected" && o.reason.code === "SignatureDoesNotMatch"));
  assert.equal(calls.length, 1);
});

test("a failed refresh inside the margin serves the still-valid credentials; after expiry it fails; then recovers", async () => {
  const { fetch, calls } = countingFetch();
  const now = fakeClock();
  let secret = moto.bob.secretAccessKey;
  const provider = createCredentialProvider(() => roleOptions(fetch, { secretAccessKey: secret }), { now });
  const good = await provider();
  const expiresAt = Date.parse(good.expiration);

  secret = "wrong-secret-0123456789";
  now.set(expiresAt - 60_000);
  assert.equal(await provider(), good, "not yet expired: served despite the failed refresh");
  assert.equal(calls.length, 2, "but the refresh was attempted");

  now.set(expiresAt + 1);
  await assert.rejects(provider(), (e) => e.code === "SignatureDoesNotMatch");

  secret = moto.bob.secretAccessKey;
  const fresh = await provider();
  assert.notEqual(fresh.accessKeyId, good.accessKeyId);
});

test("forceRefresh calls STS even with fresh credentials", async () => {
  const { fetch, calls } = countingFetch();
  const provider = createCredentialProvider(roleOptions(fetch));
  const a = await provider();
  const b = await provider({ forceRefresh: true });
  assert.equal(calls.length, 2);
  assert.notEqual(a.accessKeyId, b.accessKeyId);
});

test("getSessionToken mode calls GetSessionToken", async () => {
  const { fetch, calls } = countingFetch();
  const provider = createCredentialProvider(
    { accessKeyId: moto.bob.accessKeyId, secretAccessKey: moto.bob.secretAccessKey, endpoint: moto.endpoint, fetch },
    { operation: "getSessionToken" },
  );
  const creds = await provider();
  assert.equal(typeof creds.sessionToken, "string");
  assert.deepEqual(calls, ["GetSessionToken"]);
});

test("provider settings are checked and never leak into the STS options", () => {
  assert.throws(() => createCredentialProvider(roleOptions(undefined), { refreshMargin: 1 }), /unknown setting "refreshMargin"/);
  assert.throws(() => createCredentialProvider(roleOptions(undefined), { operation: "getFederationToken" }), /operation/);
  assert.throws(() => createCredentialProvider(roleOptions(undefined), { refreshMarginMs: -1 }), /refreshMarginMs/);
  assert.throws(() => createCredentialProvider(null), TypeError);
});
