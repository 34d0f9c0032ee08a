// decodeJwtClaims and samlRoles through the Node entry (the wasm), on a token signed in the test and a
// realistic SAML response with two roles; hostile inputs become StsErrors naming the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeJwtClaims, samlRoles, isStsError } from "../../js/node.js";
import { makeJwt, makeSamlResponse } from "../support/keyless-fixtures.mjs";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const ROLE = "arn:aws:iam::123456789012:role/saml-role";
const READONLY = "arn:aws:iam::123456789012:role/saml-readonly";
const IDP = "arn:aws:iam::123456789012:saml-provider/ExampleIdP";

function throwsField(fn, field, pattern) {
  let caught;
  try { fn(); } catch (e) { caught = e; }
  assert.ok(caught, "expected a throw");
  assert.ok(isStsError(caught), `not an StsError: ${caught}`);
  assert.equal(caught.code, "InvalidParameter");
  assert.equal(caught.field, field);
  assert.match(caught.message, pattern);
  return caught;
}

test("a GitHub Actions-shaped token: issuer, audience, subject, expiry in words", () => {
  const token = makeJwt({ now: NOW, expiresIn: 55 * 60 });
  const c = decodeJwtClaims(token, NOW);
  assert.equal(c.iss, "https://token.actions.githubusercontent.com");
  assert.deepEqual(c.aud, ["sts.amazonaws.com"]);
  assert.equal(c.sub, "repo:example/app:ref:refs/heads/main");
  assert.equal(c.exp, NOW / 1000 + 3300);
  assert.equal(c.expiresAt, "2026-11-28T12:55:00Z");
  assert.equal(c.expired, false);
  assert.equal(c.expiry, "expires in 55 minutes");
  assert.deepEqual(c.header, { alg: "RS256", typ: "JWT", kid: "test-key-1" });
  assert.equal(c.claims.iat, NOW / 1000);
});

test("an expired token says so, relative to the clock given or Date.now()", () => {
  const token = makeJwt({ now: NOW - 64 * 60_000, expiresIn: 3600 });
  const c = decodeJwtClaims(token, NOW);
  assert.equal(c.expired, true);
  assert.equal(c.expiry, "expired 4 minutes ago");
  const live = decodeJwtClaims(makeJwt({ expiresIn: 600 }));
  assert.equal(live.expired, false);
  assert.match(live.expiry, /^expires in (9|10) minutes$/);
});

test("an EKS token with an array audience and nested claims", () => {
  const token = makeJwt({
    now: NOW, iss: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", aud: ["sts.amazonaws.com", "other"],
    sub: "system:serviceaccount:default:app", extra: { "kubernetes.io": { namespace: "default", serviceaccount: { name: "app" } } },
  });
  const c = decodeJwtClaims(token, NOW);
  assert.deepEqual(c.aud, ["sts.amazonaws.com", "other"]);
  assert.equal(c.claims["kubernetes.io"].serviceaccount.name, "app");
});

test("a __proto__ claim stays a claim: no prototype swap, nothing polluted", () => {
  const b = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const payload = Buffer.from('{"__proto__":{"polluted":"yes","iss":"https://evil"},"exp":1795870000}').toString("base64url");
  const c = decodeJwtClaims(`${b({ alg: "RS256" })}.${payload}.c2ln`, NOW);
  assert.equal(Object.getPrototypeOf(c.claims), Object.prototype);
  assert.deepEqual(Object.keys(c.claims), ["__proto__", "exp"]);
  assert.equal(c.claims.polluted, undefined);
  assert.equal(c.iss, undefined);
  assert.equal({}.polluted, undefined);
});

test("bad tokens: errors name webIdentityToken, say what is wrong, and quote nothing of the token", () => {
  throwsField(() => decodeJwtClaims(""), "webIdentityToken", /got nothing/);
  throwsField(() => decodeJwtClaims(42), "webIdentityToken", /expected a string, got a number/);
  throwsField(() => decodeJwtClaims(undefined), "webIdentityToken", /is required/);
  throwsField(() => decodeJwtClaims(`Bearer ${makeJwt()}`), "webIdentityToken", /Bearer/);
  throwsField(() => decodeJwtClaims("a.b.c.d.e"), "webIdentityToken", /encrypted token \(JWE/);
  throwsField(() => decodeJwtClaims("x".repeat(20_001)), "webIdentityToken", /at most 20000/);
  throwsField(() => decodeJwtClaims(makeJwt(), -1), "now", /epoch milliseconds/);
  const secret = "eyJTOPSECRET";
  const e = throwsField(() => decodeJwtClaims(`${secret}.${secret}.${secret}`), "webIdentityToken", /not/);
  assert.ok(!e.message.includes("TOPSECRET") && !JSON.stringify(e).includes("TOPSECRET"));
});

test("a SAML response with two roles: both pairs, from base64 as posted (wrapped), raw XML or a form body", () => {
  const { xml, base64, wrapped } = makeSamlResponse({ roles: [[ROLE, IDP], [READONLY, IDP]] });
  const want = [{ roleArn: ROLE, principalArn: IDP }, { roleArn: READONLY, principalArn: IDP }];
  assert.deepEqual(samlRoles(wrapped), want);
  assert.deepEqual(samlRoles(base64), want);
  assert.deepEqual(samlRoles(xml), want);
  assert.deepEqual(samlRoles(`SAMLResponse=${encodeURIComponent(base64)}&RelayState=https%3A%2F%2Fx`), want);
  const swapped = makeSamlResponse({ roles: [[ROLE, IDP]], order: "provider-first" });
  assert.deepEqual(samlRoles(swapped.base64), [{ roleArn: ROLE, principalArn: IDP }]);
});

test("bad SAML: errors name samlAssertion and say why no role was found", () => {
  throwsField(() => samlRoles(""), "samlAssertion", /got nothing/);
  throwsField(() => samlRoles(null), "samlAssertion", /is required/);
  throwsField(() => samlRoles(Buffer.from("<Response/>").toString("base64")), "samlAssertion", /no https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role attribute/);
  throwsField(() => samlRoles("<r><saml:EncryptedAssertion xmlns:saml='urn:x'/></r>"), "samlAssertion", /encrypted/);
  throwsField(() => samlRoles('<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><r>&a;</r>'), "samlAssertion", /DOCTYPE/);
  throwsField(() => samlRoles("<a>".repeat(200)), "samlAssertion", /nests deeper/);
  throwsField(() => samlRoles("A".repeat(400_001)), "samlAssertion", /far longer/);
  throwsField(() => samlRoles("not base64!"), "samlAssertion", /expected base64/);
});
