// Guards tests/vectors/sigv4.json against hand edits: every case is re-derived here from its inputs with
// node:crypto alone (a third SigV4 implementation beside botocore and aws-sigv4).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

const cases = JSON.parse(readFileSync(new URL("./sigv4.json", import.meta.url), "utf8"));
const sha = (s) => createHash("sha256").update(s, "utf8").digest("hex");
const mac = (k, s) => createHmac("sha256", k).update(s, "utf8").digest();

test("the vector file has the cases the README lists", () => {
  assert.equal(cases.length, 9);
  assert.ok(cases.some((c) => c.input.sessionToken), "a session-token case");
  for (const h of ["sts.cn-north-1.amazonaws.com.cn", "sts.us-gov-west-1.amazonaws.com", "sts-fips.us-east-2.amazonaws.com"]) {
    assert.ok(cases.some((c) => c.input.host === h), h);
  }
});

for (const { name, input: i, expected: e } of cases) {
  test(`re-derive ${name}`, () => {
    const headers = { "content-type": i.contentType, host: i.host, "x-amz-date": i.timestamp };
    if (i.sessionToken) headers["x-amz-security-token"] = i.sessionToken;
    const names = Object.keys(headers).sort();
    assert.deepEqual(e.signedHeaders, names);
    const canonical = ["POST", "/", "", names.map((n) => `${n}:${headers[n]}\n`).join(""), names.join(";"), sha(i.body)].join("\n");
    assert.equal(e.canonicalRequest, canonical);
    const scope = `${i.timestamp.slice(0, 8)}/${i.region}/sts/aws4_request`;
    const sts = ["AWS4-HMAC-SHA256", i.timestamp, scope, sha(canonical)].join("\n");
    assert.equal(e.stringToSign, sts);
    let key = Buffer.from("AWS4" + i.secretAccessKey, "utf8");
    for (const part of [i.timestamp.slice(0, 8), i.region, "sts", "aws4_request"]) key = mac(key, part);
    const sig = createHmac("sha256", key).update(sts, "utf8").digest("hex");
    assert.equal(e.authorization,
      `AWS4-HMAC-SHA256 Credential=${i.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${sig}`);
    assert.equal(e["x-amz-date"], i.timestamp);
    assert.equal(e["x-amz-security-token"], i.sessionToken);
    assert.equal(new Date(i.epochSeconds * 1000).toISOString().replace(/[-:]|\.000/g, ""), i.timestamp);
  });
}
