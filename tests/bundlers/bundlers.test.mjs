// webpack 5, Parcel 2, esbuild, rollup and a plain page with an import map: each builds (or serves) a tiny
// app from the packed tarball, served on 127.0.0.1, called in Chromium against moto. Each cell of the README's
// bundler table is one test here: "works out of the box" builds with the bundler's plain command; "one line"
// builds once without the line (and the error must name the URL it tried and that line) and once with it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { ensureConsumer } from "./lib/consumer.mjs";
import { BUNDLERS, writeApp, build } from "./lib/apps.mjs";
import { APP_MAIN, serveDir, openBrowser, callApp, assertAppWorks, inApp } from "./lib/page.mjs";

let consumer, moto, browser;

before(async () => {
  consumer = ensureConsumer();
  [moto, browser] = await Promise.all([startMoto(), openBrowser()]);
});
after(async () => {
  await browser?.close();
  await moto?.stop();
});

const assertWorks = (out, where) => assertAppWorks(out, where, moto);

// webpack inlines a bare `import.meta.url` as the build machine's file:// path; the package only uses it inside
// `new URL("…", import.meta.url)`, so no bundle may carry a path of this machine.
function assertNoBuildPaths(dist) {
  for (const file of readdirSync(dist, { recursive: true })) {
    if (!/\.m?js$/.test(file)) continue;
    const text = readFileSync(path.join(dist, file), "utf8");
    assert.ok(!text.includes(consumer) && !text.includes("file:///"), `${file} holds a path of the build machine`);
  }
}

async function buildAndCall(bundler, options) {
  const dist = await build(bundler, writeApp(consumer, bundler, APP_MAIN), options);
  assertNoBuildPaths(dist);
  const server = await serveDir(dist);
  try {
    return { out: await callApp(browser, server.url, moto), url: server.url };
  } finally {
    await server.stop();
  }
}

for (const bundler of ["webpack", "parcel"]) {
  test(`${bundler}: works out of the box (the .wasm is emitted as an asset)`, { timeout: 120_000 }, async () => {
    assert.equal(BUNDLERS[bundler].line, null);
    const { out, url } = await buildAndCall(bundler);
    assertWorks(out, bundler);
    // Emitted by the bundler (hashed name), not copied by us.
    assert.ok(out.wasm.every((w) => w.url.startsWith(url) && !/\/assume_role_(wasm|extras)_bg\.wasm$/.test(w.url)), JSON.stringify(out.wasm));
  });
}

for (const bundler of ["esbuild", "rollup"]) {
  test(`${bundler}: without the README's line the error names the URL and the line; with it, it works`, { timeout: 120_000 }, async (t) => {
    assert.match(BUNDLERS[bundler].line, /^cp node_modules\/assume-role-wasm\/pkg\/\*\.wasm dist\/$/);
    const without = await buildAndCall(bundler, { withLine: false });
    const tried = `${without.url}assume_role_wasm_bg.wasm`;
    assert.equal(without.out.error?.name, "WasmLoadError", JSON.stringify(without.out));
    assert.equal(without.out.error.url, tried);
    // The server answers unknown paths with index.html (HTTP 200), the case that used to read "expected magic word".
    assert.ok(without.out.error.message.includes(`could not load the wasm from ${tried}: got HTTP 200 text/html, an HTML page`), without.out.error.message);
    assert.ok(without.out.error.message.includes("copy node_modules/assume-role-wasm/pkg/*.wasm (both files) next to your bundle"), without.out.error.message);
    assert.doesNotMatch(without.out.error.message, /magic word/);
    t.diagnostic(without.out.error.message);

    const { out } = await buildAndCall(bundler);
    assertWorks(out, `${bundler} with the line`);
  });
}

// The smallest app, what bench/bundlers.mjs measures: one named import, no init. Parcel 2 used to drop the
// operations module here (the entry both re-exported it with `export *` and imported from it by name), leaving
// `window.assumeRole = $…$exports.assumeRole` undefined; every bundler's build must call STS.
const MINIMAL_APP = `import { assumeRole } from "assume-role-wasm";
window.arw = { assumeRole };
document.title = "ready";
`;
for (const bundler of ["webpack", "parcel", "esbuild", "rollup", "vite8"]) {
  test(`${bundler}: an app importing only assumeRole works`, { timeout: 120_000 }, async () => {
    const dist = await build(bundler, writeApp(consumer, `${bundler}-minimal`, MINIMAL_APP));
    const server = await serveDir(dist);
    try {
      const out = await inApp(browser, server.url, async ({ endpoint, accessKeyId, secretAccessKey, roleArn }) => {
        try {
          const r = await window.arw.assumeRole({ endpoint, accessKeyId, secretAccessKey, roleArn, roleSessionName: "minimal-app" });
          return { arn: r.assumedRoleUser.arn };
        } catch (e) {
          return { error: `${e.name}: ${e.message}` };
        }
      }, { endpoint: moto.endpoint, accessKeyId: moto.bob.accessKeyId, secretAccessKey: moto.bob.secretAccessKey, roleArn: moto.roles.example });
      assert.equal(out.error, undefined, `${bundler}: ${out.error}`);
      assert.equal(out.arn, "arn:aws:sts::123456789012:assumed-role/example-role/minimal-app");
    } finally {
      await server.stop();
    }
  });
}

test("esbuild IIFE bundle: the error says the bundle has no import.meta.url and what to do", { timeout: 60_000 }, async (t) => {
  const app = writeApp(consumer, "esbuild-iife", APP_MAIN);
  const { execFileSync } = await import("node:child_process");
  execFileSync(path.join(consumer, "node_modules/.bin/esbuild"), ["main.js", "--bundle", "--format=iife", "--outdir=dist", "--log-level=error"], { cwd: app });
  writeFileSync(path.join(app, "dist/index.html"), `<!doctype html><title>app</title><script src="./main.js"></script>`);
  const server = await serveDir(path.join(app, "dist"));
  try {
    const out = await callApp(browser, server.url, moto);
    assert.equal(out.error?.name, "WasmLoadError", JSON.stringify(out));
    assert.match(out.error.message, /no `import\.meta\.url`.*--format=esm.*init\(url\)/);
    assert.equal(out.wasm.length, 0, "nothing was fetched from a made-up URL");
    t.diagnostic(out.error.message);
  } finally {
    await server.stop();
  }
});

// The import-map page: inline module, so the app works under `script-src 'self' 'unsafe-inline'` style CSPs too.
function importMapApp() {
  const app = writeApp(consumer, "importmap", "");
  writeFileSync(path.join(app, "index.html"), `<!doctype html><meta charset="utf-8"><title>app</title>
<script type="importmap">{ "imports": { "assume-role-wasm": "/node_modules/assume-role-wasm/js/browser.js" } }</script>
<script type="module">${APP_MAIN}</script>`);
  return { "/": path.join(app, "index.html") };
}

test("a plain page with an import map: works out of the box", { timeout: 60_000 }, async () => {
  // The site root is the project folder, so /node_modules/… is the installed package.
  const server = await serveDir(consumer, { routes: importMapApp() });
  try {
    const out = await callApp(browser, server.url, moto);
    assertWorks(out, "import map");
    assert.deepEqual(out.wasm.map((w) => w.url), ["wasm", "extras"].map((m) => `${server.url}node_modules/assume-role-wasm/pkg/assume_role_${m}_bg.wasm`));
  } finally {
    await server.stop();
  }
});

test("init(url) with a wrong URL names it and says to check it; a retry with the right one works", { timeout: 60_000 }, async (t) => {
  const server = await serveDir(consumer, { routes: importMapApp() });
  try {
    const out = await inApp(browser, server.url, async () => {
      const bad = await window.arw.init("/no/such.wasm").then(() => null, (e) => ({ name: e.name, message: e.message, url: e.url, status: e.status, contentType: e.contentType }));
      await window.arw.init(); // a failed load is not cached
      return { bad, unset: window.arw.renderExports({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "t", expiration: "2030-01-01T00:00:00Z" }, "fish") };
    });
    assert.deepEqual({ ...out.bad, message: undefined }, { name: "WasmLoadError", message: undefined, url: `${server.url}no/such.wasm`, status: 200, contentType: "text/html" });
    assert.ok(out.bad.message.includes(`could not load the wasm from ${server.url}no/such.wasm: got HTTP 200 text/html, an HTML page`), out.bad.message);
    assert.match(out.bad.message, /Check the URL you passed to init\(\)/);
    assert.match(out.unset, /^set -gx AWS_ACCESS_KEY_ID 'AKIDEXAMPLE'/m);
    t.diagnostic(out.bad.message);
  } finally {
    await server.stop();
  }
});

test("a Content-Security-Policy without 'wasm-unsafe-eval': the error says what the policy must allow", { timeout: 60_000 }, async (t) => {
  const server = await serveDir(consumer, {
    routes: importMapApp(),
    headers: { "Content-Security-Policy": "script-src 'self' 'unsafe-inline'" },
  });
  try {
    const out = await inApp(browser, server.url, () => window.arw.init().then(() => null, (e) => e.message));
    assert.match(out ?? "", /Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src/);
    t.diagnostic(out);
  } finally {
    await server.stop();
  }
});
