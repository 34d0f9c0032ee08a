// Test-built credentials for the keyless flows: an OIDC token (a JWT signed with a throwaway RSA key,
// shaped like GitHub Actions' or an EKS service account's) and a SAML response (shaped like Okta's, with a
// Role attribute holding two roles, signed-looking but not verified by anyone: moto and our helpers do
// not check signatures; real STS does).
//
//   makeJwt({ iss, aud, sub, expiresIn = 3600, now = Date.now(), extra = {} }) → string
//   makeSamlResponse({ roles: [[roleArn, providerArn], …], sessionName = "bob", order = "role-first",
//                      notOnOrAfter }) → { xml, base64, wrapped }  (wrapped: base64 at 76 columns, CRLF)
import { createSign, generateKeyPairSync } from "node:crypto";

let key;
const b64url = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

export function makeJwt({
  iss = "https://token.actions.githubusercontent.com",
  aud = "sts.amazonaws.com",
  sub = "repo:example/app:ref:refs/heads/main",
  expiresIn = 3600,
  now = Date.now(),
  extra = {},
} = {}) {
  key ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const iat = Math.floor(now / 1000);
  const header = { alg: "RS256", typ: "JWT", kid: "test-key-1" };
  const claims = { iss, aud, sub, iat, nbf: iat, exp: iat + expiresIn, ...extra };
  const input = `${b64url(header)}.${b64url(claims)}`;
  const signature = createSign("RSA-SHA256").update(input).sign(key).toString("base64url");
  return `${input}.${signature}`;
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function makeSamlResponse({
  roles,
  sessionName = "bob",
  order = "role-first",
  now = Date.now(),
  notOnOrAfter = new Date(now + 5 * 60_000).toISOString(),
} = {}) {
  const instant = new Date(now).toISOString();
  const values = roles
    .map(([role, provider]) => (order === "role-first" ? `${role},${provider}` : `${provider},${role}`))
    .map((v) => `<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</saml2:AttributeValue>`)
    .join("");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="https://signin.aws.amazon.com/saml" ID="id-response-1" IssueInstant="${instant}" Version="2.0"><saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">http://idp.example/exk1</saml2:Issuer><saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="id-assertion-1" IssueInstant="${instant}" Version="2.0"><saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">http://idp.example/exk1</saml2:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#id-assertion-1"><ds:DigestValue>ZGlnZXN0</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>c2lnbmF0dXJl</ds:SignatureValue></ds:Signature><saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">bob@example.com</saml2:NameID><saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="https://signin.aws.amazon.com/saml"/></saml2:SubjectConfirmation></saml2:Subject><saml2:Conditions NotBefore="${instant}" NotOnOrAfter="${notOnOrAfter}"><saml2:AudienceRestriction><saml2:Audience>urn:amazon:webservices</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions><saml2:AuthnStatement AuthnInstant="${instant}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement><saml2:AttributeStatement><saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml2:AttributeValue>${esc(sessionName)}</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values}</saml2:Attribute><saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration"><saml2:AttributeValue>3600</saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement></saml2:Assertion></saml2p:Response>`;
  const base64 = Buffer.from(xml).toString("base64");
  return { xml, base64, wrapped: base64.replace(/.{76}/g, "$&\r\n") };
}
