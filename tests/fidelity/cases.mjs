// Boundary cases derived from the STS model: for every member of every operation, its length limits
// (min−1, min, max, max+1, counted in code points), its pattern's edge characters, its list limits, its
// integer range, required members missing, and wrong types; plus a short list of cross-member and
// source-credential cases whose expected verdict is documented (they have no model constraint).
// Only the starting values (a plausible role ARN, a session name…) are written here; every limit comes
// from the model.

import { jsOption, jsFunction, isUnsigned, patternRegExp, codePoints, loadPartitions } from "./model.mjs";

// A valid value for each member, and how to stretch it to a given length: `pre + fill… + post` keeps
// ARNs shaped like ARNs at every length they can have. Probes go between `pre` and `post` (or at index 1).
const ROLE = "arn:aws:iam::123456789012:role/example-role";
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const SPECS = {
  RoleArn: { base: ROLE, pre: "arn:aws:iam::123456789012:role/p", post: "/example-role", fill: "a" },
  PrincipalArn: { base: "arn:aws:iam::123456789012:saml-provider/ExampleIdP", pre: "arn:aws:iam::123456789012:saml-provider/E", post: "", fill: "x" },
  "PolicyArns[].arn": { base: "arn:aws:iam::aws:policy/ReadOnlyAccess", pre: "arn:aws:iam::aws:policy/p", post: "/ReadOnlyAccess", fill: "a" },
  "TaskPolicyArn.arn": { base: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", pre: "arn:aws:iam::aws:policy/root-task/I", post: "", fill: "a" },
  "ProvidedContexts[].ProviderArn": { base: "arn:aws:iam::aws:contextProvider/IdentityCenter", pre: "arn:aws:iam::aws:contextProvider/I", post: "", fill: "a" },
  "ProvidedContexts[].ContextAssertion": { base: "eyJhc3NlcnRpb24iOiJ4In0=", fill: "A" },
  RoleSessionName: { base: "session-1", fill: "s" },
  SourceIdentity: { base: "bob@example.com", fill: "b" },
  Name: { base: "Bob", fill: "b" },
  ExternalId: { base: "ext-123", fill: "x" },
  SerialNumber: { base: "arn:aws:iam::123456789012:mfa/bob", pre: "arn:aws:iam::123456789012:mfa/b", post: "", fill: "o", with: { TokenCode: "123456" } },
  TokenCode: { base: "123456", fill: "1", with: { SerialNumber: "arn:aws:iam::123456789012:mfa/bob" } },
  Policy: { base: POLICY, pre: '{"Version":"2012-10-17","Statement":[],"Sid":"', post: '"}', fill: "a" },
  "Tags[].Key": { base: "Project", fill: "k" },
  "Tags[].Value": { base: "alpha", fill: "v" },
  "TransitiveTagKeys[]": { base: "Project", fill: "k" },
  WebIdentityToken: { base: "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl", fill: "a" },
  ProviderId: { base: "www.amazon.com", fill: "a" },
  SAMLAssertion: { base: "PHNhbWxwOlJlc3BvbnNlLz4=", fill: "A" },
  TargetPrincipal: { base: "123456789012", fill: "1" },
  EncodedMessage: { base: "Zm9vYmFyYmF6", fill: "A" },
  AccessKeyId: { base: "AKIAI44QH8DHBEXAMPLE", pre: "AKIA", post: "", fill: "A" },
  TradeInToken: { base: "trade-in-token-1", fill: "t" },
  "Audience[]": { base: "https://example.com", fill: "a" },
  SigningAlgorithm: { base: "RS256", build: (n) => (n <= 5 ? "RS256".slice(0, n) : "RS256" + "6".repeat(n - 5)) },
  Scope: { base: "openid", fill: "a" },
  ScopedSessionDescription: { base: "ci deploy", fill: "d" },
};

/** Characters probed against every pattern, besides the edges of the pattern's own ranges: the \p{Z}
 *  separators that are not ASCII whitespace, combining marks (not in \p{L}\p{Z}\p{N}), letters and
 *  digits of other scripts, an astral letter, controls. */
const PROBES = [
  0x00, 0x09, 0x0a, 0x0d, 0x20, 0x21, 0x22, 0x23, 0x2c, 0x2f, 0x3a, 0x3b, 0x3d, 0x40, 0x5c, 0x5f, 0x7e, 0x7f,
  0x85, 0xa0, 0xa1, 0xb2, 0xe9, 0xff, 0x100, 0x0301, 0x0660, 0x0915, 0x093f, 0x2003, 0x2028, 0x2029, 0x202f,
  0x2160, 0x3000, 0xd7ff, 0xe000, 0xfffd, 0x20000, 0x1f600,
];
/** Members without a pattern take anything: a few plausible characters show it. */
const FREE_PROBES = [0x20, 0xe9, 0x20000];
const ASTRAL_LETTER = String.fromCodePoint(0x20000);

const hex = (cp) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

/** Code points a pattern names (range ends and literals) and their neighbours. */
function patternEdges(pattern) {
  const found = new Set();
  // \p{…} names a class, not characters; the other escapes and literals name code points.
  const re = /\\[pP]\{[^}]*\}|\\u\{?([0-9A-Fa-f]{4,6})\}?|\\x([0-9A-Fa-f]{2})|\\([^uxpPdwsDWS])|([^\\[\]()*+?|^$])/g;
  for (const m of pattern.matchAll(re)) {
    if (m[0].startsWith("\\p") || m[0].startsWith("\\P")) continue;
    const cp = m[1] ? parseInt(m[1], 16) : m[2] ? parseInt(m[2], 16) : (m[3] ?? m[4]).codePointAt(0);
    for (const c of [cp - 1, cp, cp + 1]) if (c >= 0 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff)) found.add(c);
  }
  if (/\\w/.test(pattern)) for (const c of "@AZ[`az{/09:_") found.add(c.codePointAt(0));
  if (/\\d/.test(pattern)) for (const c of "/09:") found.add(c.codePointAt(0));
  return found;
}

function resolve(model, shapeName) {
  return model.shapes[shapeName];
}

/** Query-protocol form pairs of a value (botocore's serializer: lists as `.member.N`, structures by name). */
export function formPairs(model, shapeName, value, prefix, out = []) {
  const shape = resolve(model, shapeName);
  if (shape.type === "structure") {
    for (const [name, m] of Object.entries(shape.members)) {
      if (value[name] !== undefined) formPairs(model, m.shape, value[name], prefix ? `${prefix}.${name}` : name, out);
    }
  } else if (shape.type === "list") {
    if (value.length === 0) out.push([prefix, ""]);
    value.forEach((v, i) => formPairs(model, shape.member.shape, v, `${prefix}.member.${i + 1}`, out));
  } else {
    out.push([prefix, String(value)]);
  }
  return out;
}

/** Model params → JS options (lowerCamelCase; a list of `{arn}` as plain strings). */
export function toJs(model, op, shapeName, value, top = true) {
  const shape = resolve(model, shapeName);
  if (value === undefined || value === null || typeof value !== "object") return value;
  if (shape.type === "list") {
    const member = resolve(model, shape.member.shape);
    const arnOnly = member.type === "structure" && Object.keys(member.members).join() === "arn";
    return value.map((v) => (arnOnly && v && typeof v === "object" ? v.arn : toJs(model, op, shape.member.shape, v, false)));
  }
  if (shape.type === "structure") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const m = shape.members[k];
      out[top ? jsOption(op, k) : jsOption("", k)] = m ? toJs(model, op, m.shape, v, false) : v;
    }
    return out;
  }
  return value;
}

/** What the model (beyond botocore's checks) says of a value: max, pattern, enum, recursively. */
export function modelViolations(model, shapeName, value, path, out = []) {
  const shape = resolve(model, shapeName);
  if (value === undefined) return out;
  if (shape.type === "structure") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return out; // a type error: botocore's
    for (const name of shape.required ?? []) if (value[name] === undefined) out.push(["missing required", `${path}.${name}`]);
    for (const [name, m] of Object.entries(shape.members)) modelViolations(model, m.shape, value[name], `${path}.${name}`, out);
  } else if (shape.type === "list") {
    if (!Array.isArray(value)) return out;
    if (shape.min !== undefined && value.length < shape.min) out.push(["list shorter than min", path]);
    if (shape.max !== undefined && value.length > shape.max) out.push(["list longer than max", path]);
    value.forEach((v, i) => modelViolations(model, shape.member.shape, v, `${path}[${i}]`, out));
  } else if (shape.type === "string") {
    if (typeof value !== "string") return out;
    const n = codePoints(value);
    if (shape.min !== undefined && n < shape.min) out.push(["shorter than min", path]);
    if (shape.max !== undefined && n > shape.max) out.push(["longer than max", path]);
    if (shape.pattern && !patternRegExp(shape.pattern).test(value)) out.push(["pattern", path]);
    if (shape.enum && !shape.enum.includes(value)) out.push(["enum", path]);
  } else if (shape.type === "integer") {
    if (!Number.isInteger(value)) return out;
    if (shape.min !== undefined && value < shape.min) out.push(["below min", path]);
    if (shape.max !== undefined && value > shape.max) out.push(["above max", path]);
  }
  return out;
}

function stretch(spec, n) {
  if (spec.build) return spec.build(n);
  const pre = spec.pre ?? "", post = spec.post ?? "";
  if (n >= pre.length + post.length && (pre || post)) return pre + spec.fill.repeat(n - pre.length - post.length) + post;
  if (n <= codePoints(spec.base)) return [...spec.base].slice(0, n).join("");
  return spec.base + spec.fill.repeat(n - codePoints(spec.base));
}

function probe(spec, c, fixedLength) {
  if (spec.pre !== undefined && spec.pre !== "") return spec.pre + c + (spec.post ?? "");
  const chars = [...spec.base];
  if (fixedLength) chars[1] = c;
  else chars.splice(1, 0, c);
  return chars.join("");
}

const ELEMENT = {
  Tags: (i) => ({ Key: `k${i}`, Value: "v" }),
  TransitiveTagKeys: (i) => `k${i}`,
  PolicyArns: (i) => ({ arn: `arn:aws:iam::aws:policy/P${i}` }),
  Audience: (i) => `https://a${i}.example.com`,
  ProvidedContexts: () => ({ ProviderArn: "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion: "eyJhc3NlcnRpb24iOiJ4In0=" }),
};

function baseValue(model, memberName, shapeName) {
  const shape = resolve(model, shapeName);
  if (SPECS[memberName]) return SPECS[memberName].base;
  if (shape.type === "integer") return shape.min ?? 0;
  if (shape.type === "string" && shape.enum) return shape.enum[0];
  if (shape.type === "list") return [ELEMENT[memberName](1)];
  if (shape.type === "structure") {
    const out = {};
    for (const [k, m] of Object.entries(shape.members)) out[k] = baseValue(model, `${memberName}.${k}`, m.shape);
    return out;
  }
  throw new Error(`no starting value for ${memberName} (${shapeName}): add one to SPECS`);
}

/** Required members at valid values: the rest of every case. */
function required(model, inputShape) {
  const params = {};
  if (!inputShape) return params;
  const shape = resolve(model, inputShape);
  for (const name of shape.required ?? []) params[name] = baseValue(model, name, shape.members[name].shape);
  return params;
}

/** Every string/integer leaf (and list) reachable from a top-level member, with a setter. */
function leaves(model, top, shapeName) {
  const shape = resolve(model, shapeName);
  const out = [];
  if (shape.type === "list") {
    out.push({ path: top, shapeName, kind: "list", set: (v) => v });
    const member = resolve(model, shape.member.shape);
    if (member.type === "structure") {
      for (const [k, m] of Object.entries(member.members)) {
        const base = ELEMENT[top](1);
        out.push({ path: `${top}[].${k}`, shapeName: m.shape, kind: resolve(model, m.shape).type, set: (v) => [{ ...base, [k]: v }], requiredInElement: (member.required ?? []).includes(k), element: base, key: k });
      }
    } else {
      out.push({ path: `${top}[]`, shapeName: shape.member.shape, kind: member.type, set: (v) => [v] });
    }
  } else if (shape.type === "structure") {
    for (const [k, m] of Object.entries(shape.members)) {
      out.push({ path: `${top}.${k}`, shapeName: m.shape, kind: resolve(model, m.shape).type, set: (v) => ({ [k]: v }) });
    }
  } else {
    out.push({ path: top, shapeName, kind: shape.type, set: (v) => v });
  }
  return out;
}

export function buildCases(model) {
  const cases = [];
  for (const [op, operation] of Object.entries(model.operations)) {
    const inputName = operation.input?.shape;
    const input = inputName ? resolve(model, inputName) : { members: {}, required: [] };
    const base = required(model, inputName);
    const add = (member, kind, params, extra = {}) =>
      cases.push({ id: `${op}.${member}:${kind}`, op, fn: jsFunction(op), unsigned: isUnsigned(operation), member, kind, params, field: extra.field ?? jsOption(op, member.split(/[.[]/)[0]), ...extra });

    add("(none)", "required members only", { ...base }, { field: null });
    for (const name of input.required ?? []) {
      const params = { ...base };
      delete params[name];
      add(name, "required missing", params);
    }
    for (const [top, ref] of Object.entries(input.members)) {
      for (const leaf of leaves(model, top, ref.shape)) {
        const shape = resolve(model, leaf.shapeName);
        const spec = SPECS[leaf.path];
        const context = spec?.with ?? {};
        const put = (kind, v) => add(leaf.path, kind, { ...base, ...context, [top]: leaf.set(v) });
        if (leaf.kind === "list") {
          const el = ELEMENT[top];
          const sizes = new Map();
          if (shape.min !== undefined && shape.min > 0) sizes.set(shape.min - 1, "list min−1").set(shape.min, "list min");
          else sizes.set(0, "empty list");
          if (shape.max !== undefined) sizes.set(shape.max, "list max").set(shape.max + 1, "list max+1");
          else sizes.set(11, "11 items (no model max)");
          for (const [n, kind] of sizes) add(top, `${kind} (${n})`, { ...base, [top]: Array.from({ length: n }, (_, i) => el(i + 1)) });
          add(top, "type: a string instead of a list", { ...base, [top]: "x" });
          continue;
        }
        if (leaf.kind === "structure") continue;
        if (leaf.requiredInElement) {
          const { [leaf.key]: _gone, ...rest } = leaf.element;
          add(leaf.path, "required missing in element", { ...base, [top]: [rest] });
        }
        if (leaf.kind === "integer") {
          const lo = shape.min, hi = shape.max;
          if (lo !== undefined) { put(`min−1 (${lo - 1})`, lo - 1); put(`min (${lo})`, lo); }
          if (hi !== undefined) { put(`max (${hi})`, hi); put(`max+1 (${hi + 1})`, hi + 1); }
          put("type: a fraction", (lo ?? 0) + 0.5);
          put("type: a numeric string", String(lo ?? 0));
          continue;
        }
        // strings
        if (shape.enum) {
          for (const v of shape.enum) put(`enum ${v}`, v);
          put("not in enum (lower case)", shape.enum[0].toLowerCase());
          continue;
        }
        if (!spec) throw new Error(`no starting value for ${op}.${leaf.path}: add one to SPECS`);
        const lo = shape.min, hi = shape.max;
        if (lo !== undefined) {
          if (lo > 0) put(`min−1 (${lo - 1})`, stretch(spec, lo - 1));
          put(`min (${lo})`, stretch(spec, lo));
        } else {
          put("empty (no model min)", "");
        }
        if (hi !== undefined) {
          put(`max (${hi})`, stretch(spec, hi));
          put(`max+1 (${hi + 1})`, stretch(spec, hi + 1));
        } else {
          put("4096 characters (no model max)", stretch(spec, 4096));
        }
        const re = shape.pattern ? patternRegExp(shape.pattern) : null;
        // Lengths are code points: an astral letter counts once (botocore's len(), Smithy's @length).
        if (hi !== undefined && (!re || re.test(ASTRAL_LETTER)) && !spec.build) {
          put(`max in astral letters (${hi} code points, ${2 * hi} UTF-16 units)`, ASTRAL_LETTER.repeat(hi));
          put(`max+1 in astral letters (${hi + 1} code points)`, ASTRAL_LETTER.repeat(hi + 1));
        }
        if (lo !== undefined && lo > 1 && (!re || re.test(ASTRAL_LETTER)) && !spec.build) {
          put(`min−1 in astral letters (${lo - 1} code points, ${2 * (lo - 1)} UTF-16 units)`, ASTRAL_LETTER.repeat(lo - 1));
        }
        const probes = re ? new Set([...PROBES, ...patternEdges(shape.pattern)]) : new Set(FREE_PROBES);
        const fixed = lo !== undefined && lo === hi;
        for (const cp of [...probes].sort((a, b) => a - b)) put(`char ${hex(cp)}`, probe(spec, String.fromCodePoint(cp), fixed));
        if (leaf.kind === "string" && !leaf.path.includes("[")) put("type: a number", 12345);
      }
    }
  }
  return cases.concat(documentedCases(model));
}

const KEYS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
export const SOURCE = KEYS;

/** Cases the model has no constraint for: the expected verdict is stated (`valid`) with its reason. */
function documentedCases(model) {
  const ar = (params, extra) => ({ op: "AssumeRole", fn: "assumeRole", unsigned: false, params: { RoleArn: ROLE, RoleSessionName: "session-1", ...params }, ...extra });
  const gst = (params, extra) => ({ op: "GetSessionToken", fn: "getSessionToken", unsigned: false, params, ...extra });
  const gci = (extra) => ({ op: "GetCallerIdentity", fn: "getCallerIdentity", unsigned: false, params: {}, ...extra });
  const future = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
  const past = new Date(Date.now() - 7200_000).toISOString().replace(/\.\d+Z$/, "Z");
  const temp = { accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: KEYS.secretAccessKey, sessionToken: "FwoGZXIvYXdzEBYaDH" + "A".repeat(300) };
  const list = [
    ar({ TokenCode: "123456" }, { member: "TokenCode", kind: "cross: tokenCode without serialNumber", field: "tokenCode", why: "no model rule; STS answers AccessDenied itself when the trust policy needs MFA" }),
    ar({ SerialNumber: "arn:aws:iam::123456789012:mfa/bob" }, { member: "SerialNumber", kind: "cross: serialNumber without tokenCode", field: "serialNumber", why: "no model rule" }),
    gst({ TokenCode: "123456" }, { member: "TokenCode", kind: "cross: tokenCode without serialNumber", field: "tokenCode", why: "no model rule" }),
    gst({ SerialNumber: "arn:aws:iam::123456789012:mfa/bob" }, { member: "SerialNumber", kind: "cross: serialNumber without tokenCode", field: "serialNumber", why: "no model rule" }),
    ar({ Tags: [{ Key: "Project", Value: "a" }], TransitiveTagKeys: ["Other"] }, { member: "TransitiveTagKeys", kind: "cross: transitive key not among the tags", field: "transitiveTagKeys", why: "no model rule" }),
    ar({ Tags: [{ Key: "Dept", Value: "a" }, { Key: "dept", Value: "b" }] }, { member: "Tags", kind: "cross: tag keys differing only in case", field: "tags" }),
    ar({ Tags: [{ Key: "aws:team", Value: "a" }] }, { member: "Tags[].Key", kind: "cross: tag key with the aws: prefix", field: "tags" }),
    ar({ SourceIdentity: "aws:bob" }, { member: "SourceIdentity", kind: "cross: source identity with the aws: prefix", field: "sourceIdentity" }),
    ar({ DurationSeconds: 3601 }, { member: "DurationSeconds", kind: "cross: role chaining over one hour", field: "durationSeconds", source: temp }),
    ar({ DurationSeconds: 3600 }, { member: "DurationSeconds", kind: "cross: role chaining at one hour", field: "durationSeconds", source: temp }),
    gci({ member: "(source)", kind: "source: ASIA key without its session token", field: "sessionToken", source: { accessKeyId: temp.accessKeyId, secretAccessKey: temp.secretAccessKey } }),
    gci({ member: "(source)", kind: "source: secretAccessKey 'test' (LocalStack's default)", field: "secretAccessKey", source: { accessKeyId: KEYS.accessKeyId, secretAccessKey: "test" }, why: "STS documents no length for a secret key; LocalStack's documented default is test/test" }),
    gci({ member: "(source)", kind: "source: sessionToken of 20000 characters", field: "sessionToken", source: { ...temp, sessionToken: "FwoGZXIvYXdzEBYaDH" + "B".repeat(19982) }, why: "AWS: do not assume a maximum token size" }),
    gci({ member: "(source)", kind: "source: credentials spread with a future expiration", field: "expiration", source: { ...temp, expiration: future }, why: "the API's own output must be accepted as input" }),
    ar({}, { member: "(source)", kind: "source: chaining with credentials spread (future expiration)", field: "expiration", source: { ...temp, expiration: future }, why: "the API's own output must be accepted as input" }),
    gci({ member: "(source)", kind: "source: credentials that expired two hours ago", field: "expiration", source: { ...temp, expiration: past }, valid: false, message: "expired", why: "issue 11: refuse expired source credentials before sending, saying how long ago" }),
  ];
  for (const p of loadPartitions()) {
    const arn = `arn:${p.id}:iam::123456789012:role/example-role`;
    list.push(ar({ RoleArn: arn }, { member: "RoleArn", kind: `partition ${p.id} (botocore partitions.json)`, field: "roleArn", why: "every partition AWS lists" }));
  }
  return list.map((c) => ({ ...c, id: `${c.op}.${c.member}:${c.kind}`, field: c.field }));
}
