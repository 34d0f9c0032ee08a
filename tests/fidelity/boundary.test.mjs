// The model-derived boundary suite (issue 11). Every case's expected verdict comes from two sources
// nobody on this project wrote: botocore's ParamValidator (required members, types, `min`; lengths in
// code points) and the model's own `max`, `pattern` and `enum`. Our side is the public JS API. A case
// fails when we refuse what AWS accepts or send what AWS refuses, unless allow-list.json names a rule
// that AWS documents (each entry cites it; quotes from the model's docs are checked against the model).
// Operations the package does not export are "not implemented" and fail.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadModel, root, patternRegExp } from "./model.mjs";
import { buildCases, formPairs, modelViolations, toJs, SOURCE } from "./cases.mjs";
import { cannedBodies, drive, exported } from "./drive.mjs";

const model = loadModel();
const cases = buildCases(model);
const allowList = JSON.parse(readFileSync(new URL("allow-list.json", import.meta.url), "utf8"));
const canned = cannedBodies();

// --- oracle 1: botocore, one Python process for all cases ---
const py = join(root, ".venv/bin/python");
const run = spawnSync(py, [new URL("botocore_oracle.py", import.meta.url).pathname], {
  input: JSON.stringify(cases.map((c) => ({ op: c.op, params: c.params }))),
  maxBuffer: 64 * 1024 * 1024,
  encoding: "utf8",
});
assert.equal(run.status, 0, `botocore oracle failed: ${run.stderr}`);
const oracle = JSON.parse(run.stdout);

const inputShape = (op) => model.operations[op].input?.shape;
const head = (field) => String(field ?? "").split(/[.[]/)[0];

function verdictOf(c, i) {
  const boto = oracle.results[i];
  const mine = inputShape(c.op) ? modelViolations(model, inputShape(c.op), c.params, "") : [];
  // The two oracles overlap on `min` and required members: they must agree there, or this suite is wrong.
  const botoLimits = boto.some(([t]) => t === "invalid length" || t === "invalid range" || t === "missing required field");
  const mineLimits = mine.some(([t]) => /min|missing required/.test(t));
  const typeError = boto.some(([t]) => t === "invalid type");
  const agree = typeError || botoLimits === mineLimits;
  const modelOnly = mine.filter(([t]) => !/min|missing required/.test(t));
  const valid = c.valid ?? (boto.length === 0 && modelOnly.length === 0);
  const why = c.valid !== undefined ? c.why : [...boto.map(([t, p]) => `botocore: ${t} ${p}`), ...modelOnly.map(([t, p]) => `model: ${t} ${p}`)].join("; ");
  return { valid, why, agree, byBotocore: boto.length > 0 };
}

/** The probed character of a `char U+XXXX` case, or "" for other cases. */
const probeOf = (c) => {
  const m = /^char U\+([0-9A-F]+)/.exec(c.kind);
  return m ? String.fromCodePoint(parseInt(m[1], 16)) : "";
};

function allowed(c, direction) {
  return allowList.entries.find(
    (e) =>
      e.direction === direction &&
      ["op", "member", "kind"].every((k) => !e.match[k] || new RegExp(e.match[k], "u").test(c[k])) &&
      (!e.probe || !probeOf(c) || new RegExp(e.probe, "u").test(probeOf(c))),
  );
}

/** Form pairs botocore would send, minus empty lists (botocore writes `Name=`; leaving them out is equivalent). */
function expectedForm(c) {
  const pairs = inputShape(c.op) ? formPairs(model, inputShape(c.op), c.params, "") : [];
  return { required: new Map([["Action", c.op], ["Version", model.metadata.apiVersion], ...pairs.filter(([, v]) => v !== "")]), optional: new Set(pairs.filter(([, v]) => v === "").map(([k]) => k)) };
}

function judge(c, v, out) {
  if (!exported(c.fn)) return { outcome: "not implemented" };
  const { requests, error } = out;
  if (requests.length > 0) {
    const r = requests[0];
    const sent = new URLSearchParams(r.body);
    const { required, optional } = expectedForm(c);
    const problems = [];
    for (const [k, val] of required) if (sent.get(k) !== val) problems.push(`${k}: sent ${JSON.stringify(sent.get(k))?.slice(0, 60)}, expected ${JSON.stringify(val).slice(0, 60)}`);
    for (const k of sent.keys()) if (!required.has(k) && !optional.has(k)) problems.push(`unexpected ${k}`);
    const auth = Object.keys(r.headers).some((h) => h.toLowerCase() === "authorization");
    if (c.unsigned && auth) problems.push("signed, but the operation is unsigned in the model");
    if (!c.unsigned && !auth) problems.push("not signed");
    if (!v.valid) return { outcome: "accepted-but-invalid", detail: v.why };
    if (problems.length) return { outcome: "sent-wrong-body", detail: problems.join("; ") };
    return { outcome: "ok" };
  }
  if (error?.name === "StsError" && error.code === "InvalidParameter") {
    if (v.valid) return { outcome: "refused-but-valid", detail: `${error.field}: ${error.message}` };
    if (c.field && head(error.field) !== c.field) return { outcome: "refused-wrong-field", detail: `named ${error.field}, expected ${c.field}: ${error.message}` };
    if (c.message && !new RegExp(c.message, "i").test(error.message)) return { outcome: "refused-wrong-reason", detail: `expected the message to say "${c.message}": ${error.message}` };
    return { outcome: "ok" };
  }
  return { outcome: "other-error", detail: `${error?.name} ${error?.code}: ${error?.message}` };
}

const results = [];
for (const [i, c] of cases.entries()) {
  const v = verdictOf(c, i);
  const source = c.source ?? (c.unsigned ? {} : SOURCE);
  const opts = { ...source, ...(inputShape(c.op) ? toJs(model, c.op, inputShape(c.op), c.params) : {}) };
  const out = exported(c.fn) ? await drive(c.fn, opts, canned[c.op] ?? `<${c.op}Response/>`) : { requests: [] };
  const j = judge(c, v, out);
  let entry = null;
  if (j.outcome === "refused-but-valid" || j.outcome === "accepted-but-invalid") entry = allowed(c, j.outcome);
  results.push({ id: c.id, op: c.op, valid: v.valid, agree: v.agree, byBotocore: v.byBotocore, ...j, allowedBy: entry?.rule ?? null });
}

// --- the report ---
const ops = Object.keys(model.operations);
const count = (op, pred) => results.filter((r) => r.op === op && pred(r)).length;
const rows = ops.map((op) => ({
  op,
  cases: count(op, () => true),
  "refused-but-valid": count(op, (r) => r.outcome === "refused-but-valid" && !r.allowedBy),
  "accepted-but-invalid": count(op, (r) => r.outcome === "accepted-but-invalid" && !r.allowedBy),
  "other mismatch": count(op, (r) => !["ok", "refused-but-valid", "accepted-but-invalid", "not implemented"].includes(r.outcome)),
  "allow-listed": count(op, (r) => r.allowedBy),
  "not implemented": count(op, (r) => r.outcome === "not implemented") ? "yes" : "",
}));
console.log(`\nmodel: STS ${model.metadata.apiVersion} from botocore ${oracle.botocore}; ${cases.length} cases, ${results.filter((r) => !r.valid).length} invalid per the oracles (${results.filter((r) => r.byBotocore).length} flagged by botocore's ParamValidator)`);
console.table(rows);
const unused = allowList.entries.filter((e) => !results.some((r) => r.allowedBy === e.rule)).map((e) => e.rule);
if (unused.length) console.log(`allow-list entries no case needed (the local rule is gone or the cases changed):\n  ${unused.join("\n  ")}`);
mkdirSync(join(root, "test-output"), { recursive: true });
writeFileSync(join(root, "test-output/fidelity-boundary.json"), JSON.stringify({ rows, mismatches: results.filter((r) => r.outcome !== "ok") }, null, 1));

test("the two oracles agree where they overlap (min, required members)", () => {
  const disagree = results.filter((r) => !r.agree).map((r) => r.id);
  assert.deepEqual(disagree, []);
});

test("the oracles read the model as AWS documents it (a check of this suite itself)", () => {
  const shape = (op, member) => model.shapes[model.shapes[model.operations[op].input.shape].members[member].shape];
  assert.equal(shape("AssumeRole", "SourceIdentity").max, 256, "SourceIdentity is 2-256 characters");
  const tagKey = patternRegExp(model.shapes.tagKeyType.pattern);
  for (const cp of [0xa0, 0x2003, 0x202f, 0x3000, 0x2028, 0x2029]) assert.ok(tagKey.test(`a${String.fromCodePoint(cp)}b`), `U+${cp.toString(16)} is \\p{Z}`);
  for (const cp of [0x093f, 0x0301]) assert.ok(!tagKey.test(`a${String.fromCodePoint(cp)}b`), `U+${cp.toString(16)} is a combining mark, not \\p{L}\\p{Z}\\p{N}`);
  assert.ok(patternRegExp(model.shapes.arnType.pattern).test(`arn:aws:iam::123456789012:role/${String.fromCodePoint(0x1f600)}`), "arnType's \\u10000-\\u10FFFF means the supplementary planes");
  // botocore measures strings with len(): code points. Three astral letters are 3 long for it, 6 in UTF-16.
  const astral = results.find((r) => r.id === "AssumeRoleWithWebIdentity.ProviderId:min−1 in astral letters (3 code points, 6 UTF-16 units)");
  assert.ok(astral && astral.byBotocore && !astral.valid, "botocore counts code points");
});

test("every allow-list entry cites AWS documentation, and model quotes are in the model", () => {
  const docOf = (ref) => {
    const [op, member] = ref.split(".");
    const shape = model.shapes[model.operations[op].input.shape];
    return (shape.members[member].documentation ?? "").replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
  };
  for (const e of allowList.entries) {
    assert.match(e.source.url, /^https:\/\/docs\.aws\.amazon\.com\//, e.rule);
    if (e.source.modelDoc) assert.ok(docOf(e.source.modelDoc).includes(e.source.quote), `${e.rule}: the model's doc for ${e.source.modelDoc} no longer says "${e.source.quote}"`);
  }
});

for (const op of ops) {
  test(`${op}: every model-derived case is accepted or refused as AWS would`, () => {
    const bad = results.filter((r) => r.op === op && r.outcome !== "ok" && !r.allowedBy);
    if (bad.some((r) => r.outcome === "not implemented")) assert.fail(`${op} is not implemented: the package exports no ${cases.find((c) => c.op === op).fn}()`);
    const lines = bad.slice(0, 25).map((r) => `  ${r.outcome}  ${r.id}  ${r.detail ?? ""}`.slice(0, 300));
    assert.equal(bad.length, 0, `${bad.length} mismatches:\n${lines.join("\n")}`);
  });
}
