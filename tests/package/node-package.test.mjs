// The packed tarball, installed into an empty folder, used from Node by name: ESM `import`, CJS
// `require` (Node's require(esm), 20.19+/22.12+), the exports map's files, and what the tarball
// holds. Calls go to moto with auth on.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { installedPackage } from "./support/installed-package.mjs";
import { run } from "./support/run.mjs";

let moto;
let pkg;
before(async () => {
  pkg = installedPackage();
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

/** Runs a script placed in the consumer folder, so that "assume-role-wasm" resolves like a user's import. */
async function runConsumer(name, source) {
  const file = path.join(pkg.dir, name);
  writeFileSync(file, source);
  const env = {
    ...process.env,
    MOTO_ENDPOINT: moto.endpoint,
    BOB_KEY: moto.bob.accessKeyId,
    BOB_SECRET: moto.bob.secretAccessKey,
    ROLE_ARN: moto.roles.example,
  };
  const result = await run(process.execPath, [file], { cwd: pkg.dir, env });
  assert.equal(result.code, 0, `${name} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const SCENARIO = `
  const src = { accessKeyId: process.env.BOB_KEY, secretAccessKey: process.env.BOB_SECRET, endpoint: process.env.MOTO_ENDPOINT };
  const me = await api.getCallerIdentity(src);
  const role = await api.assumeRole({ ...src, roleArn: process.env.ROLE_ARN, roleSessionName: "tarball" });
  const { accessKeyId, secretAccessKey, sessionToken } = role.credentials;
  const them = await api.getCallerIdentity({ accessKeyId, secretAccessKey, sessionToken, endpoint: process.env.MOTO_ENDPOINT });
  const lines = api.renderExports(role.credentials, "bash");
  let error;
  try { await api.assumeRole({ ...src, roleArn: "not-an-arn", roleSessionName: "xx" }); } catch (e) { error = { name: e.name, code: e.code, field: e.field, isSts: api.isStsError(e) }; }
  console.log(JSON.stringify({ me: me.arn, role: role.assumedRoleUser.arn, them: them.arn, lines, error,
    exports: Object.keys(api).sort() }));
`;

function assertScenario(out) {
  assert.equal(out.me, "arn:aws:iam::123456789012:user/Bob");
  assert.equal(out.role, "arn:aws:sts::123456789012:assumed-role/example-role/tarball");
  assert.equal(out.them, out.role);
  assert.match(out.lines, /^export AWS_ACCESS_KEY_ID='ASIA/m);
  assert.deepEqual(out.error, { name: "StsError", code: "InvalidParameter", field: "roleArn", isSts: true });
  for (const name of ["assumeRole", "getCallerIdentity", "getSessionToken", "renderExports", "renderUnset", "createCredentialProvider", "isStsError"]) {
    assert.ok(out.exports.includes(name), `exports ${name}`);
  }
}

test("ESM: import from \"assume-role-wasm\" works with no init call", async () => {
  const out = await runConsumer("esm-consumer.mjs", `import * as api from "assume-role-wasm";\n${SCENARIO}`);
  assertScenario(out);
});

test("CJS: require(\"assume-role-wasm\") works on this Node (require of the ESM entry)", async (t) => {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12)) {
    t.skip(`require(esm) needs Node 20.19+/22.12+, this is ${process.version}`);
    return;
  }
  const out = await runConsumer("cjs-consumer.cjs", `const api = require("assume-role-wasm");\n(async () => {${SCENARIO}})().catch((e) => { console.error(e); process.exit(1); });`);
  assertScenario(out);
});

test("the Node entry sends STS calls over node:http, not the global fetch", async () => {
  const out = await runConsumer(
    "transport-consumer.mjs",
    `import http from "node:http";
     import * as api from "assume-role-wasm";
     let viaHttp = 0, viaFetch = 0;
     const request = http.request;
     http.request = function (...args) { viaHttp++; return request.apply(this, args); };
     const fetch = globalThis.fetch;
     globalThis.fetch = (...args) => { viaFetch++; return fetch(...args); };
     await api.getCallerIdentity({ accessKeyId: process.env.BOB_KEY, secretAccessKey: process.env.BOB_SECRET, endpoint: process.env.MOTO_ENDPOINT });
     // An explicit opts.fetch still wins.
     await api.getCallerIdentity({ accessKeyId: process.env.BOB_KEY, secretAccessKey: process.env.BOB_SECRET, endpoint: process.env.MOTO_ENDPOINT, fetch: globalThis.fetch });
     console.log(JSON.stringify({ viaHttp, viaFetch }));`,
  );
  assert.deepEqual(out, { viaHttp: 1, viaFetch: 1 });
});

test("every file the exports map names is in the installed package", () => {
  const manifest = JSON.parse(readFileSync(path.join(pkg.packageDir, "package.json"), "utf8"));
  const targets = [];
  const walk = (node) => (typeof node === "string" ? targets.push(node) : Object.values(node).forEach(walk));
  walk(manifest.exports);
  targets.push(manifest.main, manifest.types, ...Object.values(manifest.bin));
  for (const target of targets) assert.ok(existsSync(path.join(pkg.packageDir, target)), `${target} exists`);
  assert.deepEqual(Object.keys(manifest.exports["."]), ["workerd", "deno", "browser", "node", "default"]);
});

test("\"assume-role-wasm/wasm\" resolves to a valid wasm module", async () => {
  const out = await runConsumer(
    "wasm-consumer.mjs",
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     const file = fileURLToPath(import.meta.resolve("assume-role-wasm/wasm"));
     console.log(JSON.stringify({ file, valid: WebAssembly.validate(readFileSync(file)) }));`,
  );
  assert.ok(out.file.endsWith(path.join("pkg", "assume_role_wasm_bg.wasm")));
  assert.equal(out.valid, true);
});

test("the tarball holds the wasm, the glue, the entry points, types and the CLI, and no sources or tests", () => {
  const files = execFileSync("tar", ["tzf", pkg.tarball], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, ""));
  for (const f of [
    "package.json",
    "README.md",
    "pkg/assume_role_wasm.js",
    "pkg/assume_role_wasm_bg.wasm",
    "pkg/assume_role_extras.js",
    "pkg/assume_role_extras_bg.wasm",
    "pkg/wasm_url.js",
    "js/load-wasm.js",
    "js/node.js",
    "js/workerd.js",
    "js/deno.js",
    "js/browser.js",
    "js/provider.js",
    "js/index.d.ts",
    "js/browser.d.ts",
    "js/node.d.ts",
    "bin/assume-role-wasm.js",
  ]) {
    assert.ok(files.includes(f), `tarball has ${f}`);
  }
  for (const f of files) assert.doesNotMatch(f, /^(src|tests|target|www|scripts|examples|node_modules)\//, `tarball should not ship ${f}`);
  const size = statSync(pkg.tarball).size;
  assert.ok(size < 1_000_000, `tarball is ${size} bytes`);
  console.log(`# tarball ${path.basename(pkg.tarball)}: ${size} bytes, ${files.length} files`);
});
