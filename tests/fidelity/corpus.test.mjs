// The response corpus (tests/fixtures/sts-corpus/, sources in its README) through the full JS path: the
// public API with a custom fetch answering each recorded status, headers and body. Every field is
// compared with what botocore's own QueryParser reads from the same answer (result members in
// lowerCamelCase, or the error's Code and Message, and the request id), plus the status; bodies that are
// not STS XML (HTML or empty 5xx, a proxy's 502) carry their expectations in corpus.json.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as api from "assume-role-wasm";
import { loadModel, root, lowerCamel, jsFunction } from "./model.mjs";
import { buildCases, toJs, SOURCE } from "./cases.mjs";

const dir = join(root, "tests/fixtures/sts-corpus");
const corpus = JSON.parse(readFileSync(join(dir, "corpus.json"), "utf8"));
const model = loadModel();
const lower = (headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const bodyOf = (e) => readFileSync(join(dir, e.file), "utf8");

const run = spawnSync(join(root, ".venv/bin/python"), [new URL("botocore_parse.py", import.meta.url).pathname], {
  input: JSON.stringify(corpus.map((e) => ({ op: e.op, status: e.status, headers: lower(e.headers), body: bodyOf(e) }))),
  encoding: "utf8",
  maxBuffer: 16 * 1024 * 1024,
});
assert.equal(run.status, 0, `botocore parser failed: ${run.stderr}`);
const oracle = JSON.parse(run.stdout);

/** The smallest valid call of each operation: its required members, as the boundary suite builds them. */
const minimal = Object.fromEntries(
  buildCases(model)
    .filter((c) => c.kind === "required members only")
    .map((c) => [c.op, { ...(c.unsigned ? {} : SOURCE), ...(model.operations[c.op].input ? toJs(model, c.op, model.operations[c.op].input.shape, c.params) : {}) }]),
);

/** botocore's output → the JS result: member names in lowerCamelCase, all the way down. */
function camel(value) {
  if (Array.isArray(value)) return value.map(camel);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [lowerCamel(k), camel(v)]));
  return value;
}
const plain = (v) => JSON.parse(JSON.stringify(v)); // drops undefined members

async function replay(entry) {
  const fn = jsFunction(entry.op);
  if (typeof api[fn] !== "function") return { notImplemented: fn };
  let calls = 0;
  const fetch = async () => {
    calls++;
    const body = bodyOf(entry);
    return new Response(body === "" ? null : body, { status: entry.status, headers: entry.headers });
  };
  try {
    return { result: await api[fn]({ ...minimal[entry.op], fetch }), calls };
  } catch (error) {
    return { error, calls };
  }
}

function checkError(entry, seen, headerId, out) {
  assert.ok(out.error, `expected an error, got a result: ${JSON.stringify(out.result)?.slice(0, 200)}`);
  const e = out.error;
  assert.equal(e.name, "StsError");
  assert.equal(e.status, entry.status, "status");
  if (entry.expect.error === "botocore") {
    assert.equal(e.code, seen.parsed.Error.Code, "code");
    assert.ok(e.message.includes(seen.parsed.Error.Message.trim()), `message: botocore read "${seen.parsed.Error.Message}", we said "${e.message}"`);
    assert.equal(e.requestId ?? null, seen.requestId ?? headerId ?? null, "requestId");
  } else {
    const want = entry.expect.error;
    assert.ok(want.code.includes(e.code), `code ${e.code}, expected one of ${want.code}`);
    assert.match(e.message, new RegExp(want.message, "i"), "message");
    assert.equal(e.requestId ?? null, want.requestId, "requestId (the x-amzn-RequestId header when the body has none)");
  }
  for (const h of entry.expect.hint ?? entry.expect.error?.hint ?? []) assert.match(e.hint ?? "", new RegExp(h, "i"), `hint should mention /${h}/: "${e.hint}"`);
}

const counts = { entries: corpus.length, passed: 0, failed: 0, notImplemented: 0 };
for (const [i, entry] of corpus.entries()) {
  test(`${entry.file} (${entry.op}, HTTP ${entry.status})`, async () => {
    const out = await replay(entry);
    try {
      if (out.notImplemented) assert.fail(`${entry.op} is not implemented: the package exports no ${out.notImplemented}()`);
      const seen = oracle[i];
      const headerId = lower(entry.headers)["x-amzn-requestid"];
      if (entry.expect.result) {
        assert.ok(!out.error, `expected a result, got ${out.error?.code}: ${out.error?.message}`);
        const expected = { ...camel(seen.parsed), requestId: seen.requestId ?? headerId };
        assert.deepEqual(plain(out.result), plain(expected));
      } else {
        checkError(entry, seen, headerId, out);
      }
      counts.passed++;
    } catch (err) {
      if (out.notImplemented) counts.notImplemented++;
      else counts.failed++;
      throw err;
    }
  });
}

test("corpus summary", () => {
  console.log(`corpus: ${counts.entries} responses; ${counts.passed} read right, ${counts.failed} read wrongly, ${counts.notImplemented} for operations not implemented`);
});
