// Reading ~/.aws/config and ~/.aws/credentials as botocore does, and planning a role profile's chain
// without any network call: section names, the credentials file winning per key, nested `services`
// blocks, region/endpoint precedence, and every configuration mistake named.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSharedConfig, resolveEndpoint, resolveRegion } from "../../js/aws-config.js";
import { planProfile } from "../../js/profile.js";

function files(config, credentials = "") {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-config-"));
  writeFileSync(path.join(dir, "config"), config);
  writeFileSync(path.join(dir, "credentials"), credentials);
  return { HOME: dir, AWS_CONFIG_FILE: path.join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials") };
}

test("section names as botocore reads them; the credentials file wins per key", () => {
  const env = files(
    `[default]\nregion = eu-west-1\n[profile "my role"]\nregion = us-west-2\n[profilex]\nregion = nope\n[profile a b]\nregion = nope\n[profile keys]\naws_access_key_id = FROMCONFIG\nregion = ap-south-1\n[services s]\nsts =\n  endpoint_url = http://127.0.0.1:1\ns3 =\n  endpoint_url = http://127.0.0.1:2\n`,
    `[keys]\naws_access_key_id = FROMCREDS\naws_secret_access_key = s\n`,
  );
  const shared = loadSharedConfig(env);
  assert.deepEqual([...shared.profiles.keys()].sort(), ["default", "keys", "my role"]);
  assert.equal(shared.profiles.get("keys").get("aws_access_key_id"), "FROMCREDS");
  assert.equal(shared.profiles.get("keys").get("region"), "ap-south-1");
  assert.equal(shared.services.get("s").get("sts").get("endpoint_url"), "http://127.0.0.1:1");
});

test("region and endpoint precedence, services sections and ignore_configured_endpoint_urls", () => {
  const env = files(
    `[profile p]\nregion = sa-east-1\nservices = local\nendpoint_url = http://127.0.0.1:9/\n[profile q]\nendpoint_url = http://127.0.0.1:8/\nignore_configured_endpoint_urls = true\n[profile r]\nservices = missing\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:7/\n`,
  );
  const shared = loadSharedConfig(env);
  const at = (profile, extra = {}, explicit) => resolveEndpoint({ explicit, env: { ...env, ...extra }, shared, profile });
  assert.equal(at("p"), "http://127.0.0.1:7/");
  assert.equal(at("p", { AWS_ENDPOINT_URL: "http://e/" }), "http://e/");
  assert.equal(at("p", { AWS_ENDPOINT_URL: "http://e/", AWS_ENDPOINT_URL_STS: "http://s/" }), "http://s/");
  assert.equal(at("p", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true", AWS_ENDPOINT_URL: "http://e/" }), undefined);
  assert.equal(at("p", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }, "http://flag/"), "http://flag/");
  assert.equal(at("q"), undefined);
  assert.throws(() => at("r"), /names services "missing", but .* has no \[services missing\] section/);
  const region = (extra) => resolveRegion({ env: { ...env, ...extra }, shared, profile: "p" });
  assert.equal(region({}), "sa-east-1");
  assert.equal(region({ AWS_DEFAULT_REGION: "eu-west-3" }), "eu-west-3");
  assert.equal(region({ AWS_DEFAULT_REGION: "eu-west-3", AWS_REGION: "eu-north-1" }), "eu-north-1");
});

test("planning a chain: hops top first, keys winning over a source profile's role_arn, the AssumeRole parameters", () => {
  const env = files(
    `[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = mid\nrole_session_name = s\nexternal_id = x\nmfa_serial = arn:aws:iam::1:mfa/m\nduration_seconds = 900\n` +
      `[profile mid]\nrole_arn = arn:aws:iam::1:role/mid\nsource_profile = base\n` +
      `[profile base]\nrole_arn = arn:aws:iam::1:role/ignored\naws_access_key_id = AKIABASE\naws_secret_access_key = secret\n`,
  );
  const plan = planProfile(loadSharedConfig(env), "top", env);
  assert.deepEqual(plan.hops, [
    { profile: "top", args: { RoleArn: "arn:aws:iam::1:role/top", RoleSessionName: "s", ExternalId: "x", SerialNumber: "arn:aws:iam::1:mfa/m", DurationSeconds: 900 } },
    { profile: "mid", args: { RoleArn: "arn:aws:iam::1:role/mid" } },
  ]);
  assert.deepEqual(plan.source, { accessKeyId: "AKIABASE", secretAccessKey: "secret", from: 'profile "base"' });
});

test("every configuration mistake is named", () => {
  const env = files(
    `[profile selfish]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = selfish\n` +
      `[profile imds]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n` +
      `[profile nosource]\nrole_arn = arn:aws:iam::1:role/r\n` +
      `[profile long]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = k\nduration_seconds = 1h\n` +
      `[profile viaproc]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = proc\n` +
      `[profile proc]\ncredential_process = something\n` +
      `[profile web]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = /t\n` +
      `[profile half]\naws_access_key_id = AKIA\n` +
      `[profile k]\naws_access_key_id = AKIA\naws_secret_access_key = s\n`,
  );
  const shared = loadSharedConfig(env);
  const cases = {
    selfish: /source_profile loop: "selfish" → "selfish"/,
    imds: /credential_source = "Ec2InstanceMetadata" is not supported here/,
    nosource: /has role_arn but neither source_profile nor credential_source/,
    long: /duration_seconds must be a whole number of seconds/,
    viaproc: /the source_profile "proc" uses credential_process/,
    web: /profile "web" uses web_identity_token_file/,
    half: /needs both aws_access_key_id and aws_secret_access_key/,
  };
  for (const [name, message] of Object.entries(cases)) assert.throws(() => planProfile(shared, name, env), message, name);
});
