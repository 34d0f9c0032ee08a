// vite 7 and vite 8, dev server and build, from the packed tarball, in Chromium against moto.
//
// vite 7's dev server pre-bundles dependencies into node_modules/.vite/deps/ and leaves
// `new URL("….wasm", import.meta.url)` alone, so the glue's default URL points where no .wasm is (issue 16:
// "expected magic word 00 61 73 6d, found 3c 21 64 6f"). js/load-wasm.js derives the installed file's URL
// instead; these tests prove it works out of the box, and that where it cannot (a hoisted monorepo) the
// error names the URL it tried and the one line to add — and that line works.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { ensureConsumer } from "./lib/consumer.mjs";
import { writeApp, build, startViteDev } from "./lib/apps.mjs";
import { APP_MAIN, serveDir, openBrowser, callApp, assertAppWorks } from "./lib/page.mjs";

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

// The usual layout: index.html, package.json and node_modules in one folder (the consumer folder itself), so
// vite's cache is ./node_modules/.vite and the installed package is /node_modules/assume-role-wasm/.
function writeRootApp() {
  writeFileSync(path.join(consumer, "index.html"), `<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="/main.js"></script>\n`);
  writeFileSync(path.join(consumer, "main.js"), APP_MAIN);
  return consumer;
}

for (const bundler of ["vite7", "vite8"]) {
  test(`${bundler}: the dev server works out of the box (pre-bundled dependency)`, { timeout: 90_000 }, async () => {
    const dev = await startViteDev(bundler, writeRootApp(), { consumer });
    try {
      const out = await callApp(browser, dev.url, moto);
      assertWorks(out, `${bundler} dev`);
      // The wasm came from the installed package, not from the pre-bundle folder.
      assert.deepEqual(out.wasm.map((w) => new URL(w.url).pathname), ["wasm", "extras"].map((m) => `/node_modules/assume-role-wasm/pkg/assume_role_${m}_bg.wasm`));
    } finally {
      await dev.stop();
    }
  });

  test(`${bundler}: vite build works out of the box`, { timeout: 90_000 }, async () => {
    const dist = await build(bundler, writeRootApp(), { consumer });
    const server = await serveDir(dist);
    try {
      const out = await callApp(browser, server.url, moto);
      assertWorks(out, `${bundler} build`);
      assert.ok(out.wasm.every((w) => w.url.startsWith(`${server.url}assets/`)), "the wasm was emitted as an asset");
    } finally {
      await server.stop();
    }
  });
}

test("vite7: the dev server works out of the box with the app in a subfolder (the cache served through /@fs/)", { timeout: 90_000 }, async () => {
  // No package.json in apps/vite: vite's cache is the parent project's node_modules/.vite, outside the root.
  const dev = await startViteDev("vite7", writeApp(consumer, "vite", APP_MAIN));
  try {
    const out = await callApp(browser, dev.url, moto);
    assertWorks(out, "vite7 dev, subfolder");
    assert.deepEqual(out.wasm.map((w) => new URL(w.url).pathname), ["wasm", "extras"].map((m) => `/@fs${consumer}/node_modules/assume-role-wasm/pkg/assume_role_${m}_bg.wasm`));
  } finally {
    await dev.stop();
  }
});

test("vite7 dev in a hoisted monorepo: the error names the URL and `optimizeDeps.exclude`; that line fixes it", { timeout: 120_000 }, async (t) => {
  // The app is its own package (so vite's cache is apps/mono/node_modules/.vite) while assume-role-wasm is
  // hoisted to the workspace root's node_modules: the derived URL has no file behind it.
  writeFileSync(path.join(consumer, "pnpm-workspace.yaml"), "packages:\n  - apps/*\n"); // vite's marker of a workspace root (npm ignores it)
  const app = writeApp(consumer, "mono", APP_MAIN);
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "mono-app", private: true, type: "module" }));
  mkdirSync(path.join(app, "node_modules"), { recursive: true });

  let dev = await startViteDev("vite7", app);
  try {
    const out = await callApp(browser, dev.url, moto);
    assert.equal(out.error?.name, "WasmLoadError", JSON.stringify(out));
    assert.match(out.error.message, new RegExp(`from ${dev.url}node_modules/assume-role-wasm/pkg/assume_role_wasm_bg\\.wasm: got HTTP \\d+ text/html`));
    assert.match(out.error.message, /optimizeDeps: \{ exclude: \["assume-role-wasm"\] \}/);
    assert.doesNotMatch(out.error.message, /magic word/);
    t.diagnostic(out.error.message);
    assert.equal(out.error.url, `${dev.url}node_modules/assume-role-wasm/pkg/assume_role_wasm_bg.wasm`);
  } finally {
    await dev.stop();
  }

  dev = await startViteDev("vite7", app, { config: { optimizeDeps: { exclude: ["assume-role-wasm"] } } });
  try {
    assertWorks(await callApp(browser, dev.url, moto), "vite7 dev, monorepo, with optimizeDeps.exclude");
  } finally {
    await dev.stop();
    rmSync(path.join(consumer, "pnpm-workspace.yaml"), { force: true });
  }
});
