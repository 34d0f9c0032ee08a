// Every STS operation through the package's Node entry (the functions generated from AWS's model).
// The ones moto implements with auth on run against it (GetFederationToken, GetAccessKeyInfo) and their
// credentials are verified with getCallerIdentity and rendered in every format. The ones moto lacks run
// against a local recording server that answers with the documented response shapes; the request is checked
// field by field (action, version, every member, signed or not).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startMoto } from "../support/moto.mjs";
import * as api from "../../js/node.js";

let moto, recorder;
const seen = [];

/** A 127.0.0.1 server that records each request and answers with the documented body for its Action. */
function startRecorder() {
  const answers = {
    DecodeAuthorizationMessage: `<DecodeAuthorizationMessageResult><DecodedMessage>{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"context":{"principal":{"id":"AIDACKCEVSQ6C2EXAMPLE","name":"Bob"},"action":"ec2:RunInstances"}}</DecodedMessage></DecodeAuthorizationMessageResult>`,
    AssumeRoot: `<AssumeRootResult><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI</SessionToken><Expiration>2026-12-01T12:15:00Z</Expiration></Credentials><SourceIdentity>Alice</SourceIdentity></AssumeRootResult>`,
    GetWebIdentityToken: `<GetWebIdentityTokenResult><WebIdentityToken>eyJraWQiOiJFWEFNUExFIiwiYWxnIjoiUlMyNTYifQ.eyJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbSJ9.c2lnbmF0dXJl</WebIdentityToken><Expiration>2026-12-01T12:05:00Z</Expiration></GetWebIdentityTokenResult>`,
    GetScopedCredentials: `<GetScopedCredentialsResult><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLF</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><SessionToken>FwoGZXIvYXdzEBYaDscopedEXAMPLE</SessionToken><Expiration>2026-12-01T13:00:00Z</Expiration></Credentials><SessionInfo><ScopedSessionId>ASSCOPEDEXAMPLE:ci</ScopedSessionId><Arn>arn:aws:sts::123456789012:scoped-session/ci</Arn></SessionInfo><ScopedPoliciesCount>1</ScopedPoliciesCount></GetScopedCredentialsResult>`,
    GetDelegatedAccessToken: `<GetDelegatedAccessTokenResult><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLG</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><SessionToken>FwoGZXIvYXdzEBYaDdelegatedEXAMPLE</SessionToken><Expiration>2026-12-01T13:00:00Z</Expiration></Credentials><AssumedPrincipal>arn:aws:sts::123456789012:assumed-role/partner/s</AssumedPrincipal></GetDelegatedAccessTokenResult>`,
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const action = form.get("Action");
      seen.push({ action, form, headers: req.headers });
      const inner = answers[action];
      res.writeHead(inner ? 200 : 400, { "content-type": "text/xml", "x-amzn-requestid": `rec-${seen.length}` });
      res.end(
        inner
          ? `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">${inner}<ResponseMetadata><RequestId>rec-${seen.length}</RequestId></ResponseMetadata></${action}Response>`
          : `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>no ${action}</Message></Error></ErrorResponse>`,
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, endpoint: `http://127.0.0.1:${server.address().port}` })));
}

before(async () => {
  moto = await startMoto();
  recorder = await startRecorder();
});
after(async () => {
  await moto?.stop();
  recorder?.server.close();
});

const bob = () => ({ accessKeyId: moto.bob.accessKeyId, secretAccessKey: moto.bob.secretAccessKey, endpoint: moto.endpoint });
const signedBy = (headers) => (headers.authorization ?? "").startsWith(`AWS4-HMAC-SHA256 Credential=${moto.bob.accessKeyId}/`);

test("getFederationToken against moto: a federated user's credentials, usable and rendered in every format", async () => {
  const res = await api.getFederationToken({ ...bob(), name: "fed-bob", durationSeconds: 900, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" }] }) });
  assert.match(res.federatedUser.arn, /^arn:aws:sts::123456789012:federated-user\/fed-bob$/);
  assert.ok(res.federatedUser.federatedUserId.endsWith(":fed-bob"));
  // moto answers GetFederationToken with fixed example keys (AKIA…, as it does GetSessionToken).
  assert.match(res.credentials.accessKeyId, /^A[SK]IA[A-Z0-9]{16}$/);
  for (const f of api.formats()) {
    const text = api.renderExports(res.credentials, f.id);
    assert.ok(text.includes(res.credentials.accessKeyId), `${f.id} carries the key id`);
  }
});

test("getAccessKeyInfo against moto: which account a key belongs to", async () => {
  const res = await api.getAccessKeyInfo({ ...bob(), targetAccessKeyId: moto.bob.accessKeyId });
  assert.equal(res.account, "123456789012");
  const err = await api.getAccessKeyInfo({ ...bob(), targetAccessKeyId: "short" }).catch((e) => e);
  assert.equal(err.field, "targetAccessKeyId");
});

test("the chaining result goes straight back in: assumeRole → getCallerIdentity({ ...credentials })", async () => {
  const first = await api.assumeRole({ ...bob(), roleArn: moto.roles.example, roleSessionName: "round-trip" });
  const who = await api.getCallerIdentity({ ...first.credentials, endpoint: moto.endpoint });
  assert.equal(who.arn, "arn:aws:sts::123456789012:assumed-role/example-role/round-trip");
  const stale = await api.getCallerIdentity({ ...first.credentials, expiration: new Date(Date.now() - 4 * 60_000), endpoint: moto.endpoint }).catch((e) => e);
  assert.equal(stale.field, "expiration");
  assert.match(stale.message, /expired 4 minutes ago/);
});

test("decodeAuthorizationMessage (recorded): signed request, the message sent, the JSON handed back parsed", async () => {
  const res = await api.decodeAuthorizationMessage({ ...bob(), endpoint: recorder.endpoint, encodedMessage: "EXAMPLE-encoded+message/==" });
  const req = seen.at(-1);
  assert.equal(req.action, "DecodeAuthorizationMessage");
  assert.equal(req.form.get("Version"), "2011-06-15");
  assert.equal(req.form.get("EncodedMessage"), "EXAMPLE-encoded+message/==");
  assert.ok(signedBy(req.headers), "signed with Bob's key");
  assert.equal(res.decoded.context.action, "ec2:RunInstances");
  assert.equal(typeof res.decodedMessage, "string");
  assert.equal(res.requestId, `rec-${seen.length}`);
});

test("assumeRoot (recorded): TargetPrincipal, TaskPolicyArn.arn and DurationSeconds on the wire", async () => {
  const res = await api.assumeRoot({
    ...bob(),
    endpoint: recorder.endpoint,
    targetPrincipal: "111122223333",
    taskPolicyArn: "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
    durationSeconds: 900,
  });
  const { form, headers } = seen.at(-1);
  assert.deepEqual([...form.keys()], ["Action", "Version", "TargetPrincipal", "TaskPolicyArn.arn", "DurationSeconds"]);
  assert.equal(form.get("TaskPolicyArn.arn"), "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials");
  assert.ok(signedBy(headers));
  assert.equal(res.sourceIdentity, "Alice");
  assert.match(api.renderExports(res.credentials, "bash"), /^export AWS_ACCESS_KEY_ID='ASIAIOSFODNN7EXAMPLE'/);
  const err = await api.assumeRoot({ ...bob(), endpoint: recorder.endpoint, targetPrincipal: "111122223333", taskPolicyArn: "arn:aws:iam::aws:policy/x", durationSeconds: 901 }).catch((e) => e);
  assert.equal(err.field, "durationSeconds", "the model caps AssumeRoot at 900 s");
});

test("getWebIdentityToken (recorded): a list member and an enum, sent as the Query protocol writes them", async () => {
  const res = await api.getWebIdentityToken({
    ...bob(),
    endpoint: recorder.endpoint,
    audience: ["https://api.example.com", "sts.amazonaws.com"],
    signingAlgorithm: "RS256",
    durationSeconds: 300,
    subjectMode: "AWSIdentity",
    tags: [{ key: "team", value: "ops" }],
  });
  const { form } = seen.at(-1);
  assert.equal(form.get("Audience.member.1"), "https://api.example.com");
  assert.equal(form.get("Audience.member.2"), "sts.amazonaws.com");
  assert.equal(form.get("SigningAlgorithm"), "RS256");
  assert.equal(form.get("SubjectMode"), "AWSIdentity");
  assert.equal(form.get("Tags.member.1.Key"), "team");
  assert.match(res.webIdentityToken, /^eyJ/);
  assert.equal(res.expiration, "2026-12-01T12:05:00Z");
  const err = await api.getWebIdentityToken({ ...bob(), endpoint: recorder.endpoint, audience: ["a"], signingAlgorithm: "RS256", subjectMode: "Nobody" }).catch((e) => e);
  assert.equal(err.field, "subjectMode");
  assert.match(err.message, /AWSIdentity, OriginIdentity/);
});

test("getScopedCredentials and getDelegatedAccessToken (recorded)", async () => {
  const scoped = await api.getScopedCredentials({ ...bob(), endpoint: recorder.endpoint, durationSeconds: 3600, scopedSessionDescription: "ci run 42" });
  assert.equal(seen.at(-1).form.get("ScopedSessionDescription"), "ci run 42");
  assert.equal(scoped.sessionInfo.arn, "arn:aws:sts::123456789012:scoped-session/ci");
  assert.equal(scoped.scopedPoliciesCount, 1);
  const delegated = await api.getDelegatedAccessToken({ ...bob(), endpoint: recorder.endpoint, tradeInToken: "trade-in-EXAMPLE" });
  assert.equal(seen.at(-1).form.get("TradeInToken"), "trade-in-EXAMPLE");
  assert.equal(delegated.assumedPrincipal, "arn:aws:sts::123456789012:assumed-role/partner/s");
});

test("unsigned operations send no credentials at all (recorded)", async () => {
  const err = await api
    .assumeRoleWithWebIdentity({ endpoint: recorder.endpoint, roleArn: "arn:aws:iam::123456789012:role/web", roleSessionName: "w1", webIdentityToken: "eyJhbGciOiJub25lIn0.e30.sig" })
    .catch((e) => e);
  // The recorder has no answer for it; what matters is what was sent.
  assert.equal(err.code, "InvalidAction");
  const { form, headers } = seen.at(-1);
  assert.equal(form.get("Action"), "AssumeRoleWithWebIdentity");
  assert.equal(form.get("WebIdentityToken"), "eyJhbGciOiJub25lIn0.e30.sig");
  assert.equal(headers.authorization, undefined);
  assert.equal(headers["x-amz-security-token"], undefined);
  assert.equal(headers["x-amz-date"], undefined);
});
