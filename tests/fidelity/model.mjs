// AWS's STS model, read at test time from botocore's own copy in the test venv (the oracle's data), so
// the cases follow the model rather than anything this project wrote. When the repository vendors the
// model (vendor/sts/service-2.json), it must be the same document: a drifted copy would make our rules
// and this suite's oracle disagree about what AWS accepts.

import { readFileSync, existsSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import assert from "node:assert/strict";

export const root = new URL("../../", import.meta.url).pathname;

function venvBotocore() {
  const lib = join(root, ".venv/lib");
  for (const py of readdirSync(lib)) {
    const dir = join(lib, py, "site-packages/botocore");
    if (existsSync(dir)) return dir;
  }
  throw new Error("botocore not found in .venv: run scripts/setup.sh");
}

export const botocoreDir = venvBotocore();

export function loadModel() {
  const gz = join(botocoreDir, "data/sts/2011-06-15/service-2.json.gz");
  const model = JSON.parse(gunzipSync(readFileSync(gz)).toString("utf8"));
  const vendored = join(root, "vendor/sts/service-2.json");
  if (existsSync(vendored)) {
    assert.deepEqual(JSON.parse(readFileSync(vendored, "utf8")), model, "vendor/sts/service-2.json differs from botocore's model in .venv");
  }
  return model;
}

/** botocore's partitions.json: every partition a role ARN may name. */
export function loadPartitions() {
  return JSON.parse(readFileSync(join(botocoreDir, "data/partitions.json"), "utf8")).partitions;
}

/** The JS option name of a model member: SAMLAssertion → samlAssertion, RoleArn → roleArn. */
export function lowerCamel(name) {
  const m = /^([A-Z]+)(?=[A-Z][a-z]|$)/.exec(name);
  if (m && m[1].length > 1) return m[1].toLowerCase() + name.slice(m[1].length);
  return name[0].toLowerCase() + name.slice(1);
}

/** The JS option for a member of an operation (one documented exception: GetAccessKeyInfo's AccessKeyId
 *  would collide with the signing key's option). */
export function jsOption(op, member) {
  if (op === "GetAccessKeyInfo" && member === "AccessKeyId") return "targetAccessKeyId";
  return lowerCamel(member);
}

export function jsFunction(op) {
  return lowerCamel(op).replace(/SAML/g, "Saml");
}

/** Operations whose requests are unsigned in the model (auth: smithy.api#noAuth / authtype none). */
export function isUnsigned(operation) {
  return operation.authtype === "none" || (operation.auth ?? []).includes("smithy.api#noAuth");
}

/**
 * A model pattern (Java regex syntax) as a JS RegExp matching the whole value, in `u` mode so that
 * \p{L}/\p{Z}/\p{N} are Unicode classes and lengths are code points.
 * The model writes supplementary ranges as `\u10000-\u10FFFF`; in Java that reads as U+1000 followed by
 * "0", a known slip in AWS's models. The intent (and what STS enforces) is the supplementary planes, so
 * five- and six-digit escapes become `\u{…}`.
 */
export function patternRegExp(pattern) {
  const js = pattern
    .replace(/\\u([0-9A-Fa-f]{5,6})/g, "\\u{$1}")
    // Java lets any punctuation be escaped (`\:`); `u` mode allows only syntax characters.
    .replace(/\\([^A-Za-z0-9^$\\.*+?()[\]{}|\/-])/g, "$1");
  return new RegExp(`^(?:${js})$`, "u");
}

/** String length as botocore (Python len) and Smithy count it: Unicode code points, not UTF-16 units. */
export const codePoints = (s) => [...s].length;
