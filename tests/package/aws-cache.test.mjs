// The cache key and file format shared with the AWS CLI, checked against botocore itself (the .venv's):
// its AssumeRoleCredentialFetcher computes the key for the same parameters, including the awkward
// cases (no session name, non-ASCII, a policy whose keys must be sorted, astral characters), and
// its JSONFileCache reads the file we write back as the same credentials.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assumeRoleCacheKey, pythonJsonDumps, createAwsCliCache } from "../../js/aws-cache.js";
import { repoRoot } from "./support/installed-package.mjs";

const python = path.join(repoRoot, ".venv/bin/python");

function botocore(script, input) {
  return execFileSync(python, ["-c", script], { input: JSON.stringify(input), encoding: "utf8" });
}

const CASES = [
  { RoleArn: "arn:aws:iam::123456789012:role/example-role" },
  { RoleArn: "arn:aws:iam::123456789012:role/example-role", RoleSessionName: "me", DurationSeconds: 3600 },
  { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "s", ExternalId: "ext-4242", SerialNumber: "arn:aws:iam::123456789012:mfa/bob" },
  { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "café-\u00e9\u4e2d\u{1F600}\"\\\n\t\u0001\u007f" },
  { RoleArn: "arn:aws:iam::123456789012:role/r", Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":"s3:*"}]}' },
  { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "x", Tags: [{ Key: "b", Value: "1" }, { Key: "a", Value: "2" }], TransitiveTagKeys: ["a"] },
];

test("cache keys equal botocore's AssumeRoleCredentialFetcher._create_cache_key for the same parameters", () => {
  const keys = JSON.parse(
    botocore(
      `import json, sys
from botocore.credentials import AssumeRoleCredentialFetcher
out = []
for args in json.load(sys.stdin):
    role = args.pop("RoleArn")
    f = AssumeRoleCredentialFetcher(client_creator=None, source_credentials=None, role_arn=role, extra_args=args)
    out.append(f._cache_key)
print(json.dumps(out))`,
      CASES,
    ),
  );
  assert.equal(keys.length, CASES.length);
  CASES.forEach((args, i) => assert.equal(assumeRoleCacheKey(args), keys[i], JSON.stringify(args)));
  // TokenCode never counts (it changes every time).
  assert.equal(assumeRoleCacheKey({ ...CASES[2], TokenCode: "123456" }), keys[2]);
});

test("pythonJsonDumps matches json.dumps(sort_keys=True) on awkward strings and nesting", () => {
  const values = [{ b: [1, "é", { z: null, a: true }], a: "\u{1F600}\u2028\u0000\u007f</script>", "é": 0, "\u{1F600}": 1, "\uFFFF": 2 }];
  const expected = botocore(`import json, sys\nfor v in json.load(sys.stdin): print(json.dumps(v, sort_keys=True))`, values).trim().split("\n");
  values.forEach((v, i) => assert.equal(pythonJsonDumps(v), expected[i]));
});

test("botocore's JSONFileCache reads the file we write as the same credentials, and we read its format", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-cache-"));
  const cache = createAwsCliCache({ dir, now: () => Date.parse("2026-12-01T10:00:00Z") });
  const key = assumeRoleCacheKey(CASES[1]);
  cache.set(key, {
    credentials: { accessKeyId: "ASIAEXAMPLEEXAMPLE01", secretAccessKey: "secret/key+1", sessionToken: "token==", expiration: "2026-12-01T12:00:00Z" },
    assumedRoleUser: { arn: "arn:aws:sts::123456789012:assumed-role/example-role/me", assumedRoleId: "AROAEXAMPLE:me" },
    requestId: "req-1",
  });
  const seen = JSON.parse(
    botocore(
      `import json, sys
from botocore.utils import JSONFileCache
from botocore.credentials import _parse_if_needed
d, key = json.load(sys.stdin)
entry = JSONFileCache(d)[key]
c = entry["Credentials"]
print(json.dumps([c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"], _parse_if_needed(c["Expiration"]).isoformat(), c["AccountId"], entry["AssumedRoleUser"]["Arn"]]))`,
      [dir, key],
    ),
  );
  assert.deepEqual(seen, ["ASIAEXAMPLEEXAMPLE01", "secret/key+1", "token==", "2026-12-01T12:00:00+00:00", "123456789012", "arn:aws:sts::123456789012:assumed-role/example-role/me"]);
  assert.match(readFileSync(path.join(dir, `${key}.json`), "utf8"), /^\{"Credentials": \{"AccessKeyId": "ASIA.*"Expiration": "2026-12-01T12:00:00UTC"/);

  // 1 h 59 min left at 10:01: fresh; at 11:46 (14 minutes left): expired, as botocore's 15-minute window says.
  assert.equal(createAwsCliCache({ dir, now: () => Date.parse("2026-12-01T10:01:00Z") }).get(key).credentials.expiration, "2026-12-01T12:00:00Z");
  assert.equal(createAwsCliCache({ dir, now: () => Date.parse("2026-12-01T11:46:00Z") }).get(key), undefined);
  assert.ok(createAwsCliCache({ dir, now: () => Date.parse("2026-12-01T11:44:59Z") }).get(key));
});
