// Values built to throw from inside the wasm's reads: Proxies whose traps throw, throwing getters, fetch
// stand-ins that throw or answer nonsense, an invalid Date. Each call must still settle as a rejected
// StsError (never a synchronous throw that unwinds through the wasm), and the module must keep working.
import { withOperations } from "../support/glue-api.mjs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const glue = await import(path.join(root, "pkg/assume_role_wasm.js"));
glue.initSync({ module: readFileSync(path.join(root, "pkg/assume_role_wasm_bg.wasm")) });
const api = withOperations(glue);
const identityXml = readFileSync(path.join(root, "tests/fixtures/get_caller_identity.xml"), "utf8");

const fetch = async () => ({ status: 200, headers: { get: () => null }, text: async () => identityXml });
const ok = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", fetch };
const role = { ...ok, roleArn: "arn:aws:iam::123456789012:role/example-role", roleSessionName: "s1" };
const boom = (what) => () => {
  throw new Error(what);
};
const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();

const cases = [
  ["options whose keys throw", api.getCallerIdentity, new Proxy({}, { ownKeys: boom("keys") }), "InvalidParameter", "options"],
  ["a revoked Proxy as options", api.getCallerIdentity, revoked, "InvalidParameter", "options"],
  ["a getter that throws", api.getCallerIdentity, new Proxy(ok, { get: (t, k) => (k === "secretAccessKey" ? boom("get")() : t[k]) }), "InvalidParameter", "secretAccessKey"],
  ["an array whose length throws", api.assumeRole, { ...role, policyArns: new Proxy([], { get: (t, k) => (k === "length" ? boom("len")() : t[k]) }) }, "InvalidParameter", "policyArns"],
  ["a tag whose key getter throws", api.assumeRole, { ...role, tags: [{ get key() { throw new Error("tag"); }, value: "v" }] }, "InvalidParameter", "tags[0].key"],
  ["fetch that throws synchronously", api.getCallerIdentity, { ...ok, fetch: boom("sync") }, "NetworkError"],
  ["a response whose status throws", api.getCallerIdentity, { ...ok, fetch: async () => ({ get status() { throw new Error("s"); } }) }, "UnexpectedResponse"],
  ["headers.get that throws", api.getCallerIdentity, { ...ok, fetch: async () => ({ status: 200, headers: { get: boom("h") }, text: async () => identityXml }) }, null],
  ["text() that throws", api.getCallerIdentity, { ...ok, fetch: async () => ({ status: 200, headers: null, text: boom("t") }) }, "UnexpectedResponse"],
  ["text() that is not text", api.getCallerIdentity, { ...ok, fetch: async () => ({ status: 200, headers: null, text: async () => 42 }) }, "UnexpectedResponse"],
  ["fetch that resolves to null", api.getCallerIdentity, { ...ok, fetch: async () => null }, "UnexpectedResponse"],
];

for (const [name, fn, opts, code, field] of cases) {
  test(name, async () => {
    let promise;
    assert.doesNotThrow(() => {
      promise = fn(opts);
    }, "must not throw synchronously");
    if (code === null) {
      // A broken headers.get only loses the Date/request-id headers: the call itself succeeds.
      assert.equal((await promise).arn, "arn:aws:iam::123456789012:user/Bob");
    } else {
      await assert.rejects(promise, (e) => {
        assert.equal(e.name, "StsError");
        assert.equal(e.code, code);
        if (field) assert.equal(e.field, field);
        return true;
      });
    }
    // The module still works afterwards.
    assert.equal((await api.getCallerIdentity(ok)).arn, "arn:aws:iam::123456789012:user/Bob");
  });
}

test("renderExports: an invalid Date and throwing options are InvalidParameter, not a RangeError", () => {
  const creds = { accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40), sessionToken: "t".repeat(40) };
  assert.throws(() => api.renderExports({ ...creds, expiration: new Date("garbage") }, "bash"), { name: "StsError", code: "InvalidParameter", field: "credentials.expiration" });
  assert.match(api.renderExports({ ...creds, expiration: new Date(Date.UTC(2026, 10, 28, 13)) }, "bash"), /AWS_CREDENTIAL_EXPIRATION='2026-11-28T13:00:00.000Z'/);
  assert.throws(() => api.renderExports({ ...creds, expiration: "2026-11-28T13:00:00Z" }, "bash", new Proxy({}, { ownKeys: boom("k") })), { code: "InvalidParameter", field: "options" });
  assert.throws(() => api.renderExports({ ...creds, expiration: "2026-11-28T13:00:00Z" }, "bash", { profil: "x" }), { code: "InvalidParameter", field: "profil" });
});
