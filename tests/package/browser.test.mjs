// The browser entry in headless Chromium (playwright-core driving the system /usr/bin/chromium):
// a page on 127.0.0.1 imports "assume-role-wasm" by name through an import map pointing into the
// installed tarball, then calls moto (auth on, CORS) cross-origin.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { startMoto } from "../support/moto.mjs";
import { installedPackage } from "./support/installed-package.mjs";

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const PAGE = `<!doctype html><meta charset="utf-8"><title>assume-role-wasm browser test</title>
<script type="importmap">{ "imports": { "assume-role-wasm": "/node_modules/assume-role-wasm/js/browser.js" } }</script>
<script type="module">
  import init, * as api from "assume-role-wasm";
  window.arw = { init, ...api };
  document.title = "ready";
</script>`;

let moto, server, origin, browser;
const served = [];

before(async () => {
  const { dir } = installedPackage();
  moto = await startMoto();
  server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    served.push(pathname);
    if (pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(PAGE);
      return;
    }
    // Somewhere else to load the .wasm from, as a CDN user would pass to init(url).
    const file = pathname === "/custom/arw.wasm" ? path.join(dir, "node_modules/assume-role-wasm/pkg/assume_role_wasm_bg.wasm") : path.join(dir, pathname);
    if (!file.startsWith(path.join(dir, "node_modules") + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--no-sandbox"],
  });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  await moto?.stop();
});

async function openPage() {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.title === "ready", null, { timeout: 15_000 });
  return { page, errors };
}

const args = () => ({ endpoint: moto.endpoint, accessKeyId: moto.bob.accessKeyId, secretAccessKey: moto.bob.secretAccessKey, roleArn: moto.roles.example });

test("async calls initialise the main wasm themselves; the synchronous functions need init first", { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage();
  const out = await page.evaluate(async ({ endpoint, accessKeyId, secretAccessKey, roleArn }) => {
    let early;
    try { window.arw.renderExports({ accessKeyId: "a", secretAccessKey: "b", sessionToken: "c", expiration: "2030-01-01T00:00:00Z" }, "bash"); }
    catch (e) { early = e.message; }
    const src = { accessKeyId, secretAccessKey, endpoint };
    const me = await window.arw.getCallerIdentity(src);
    const role = await window.arw.assumeRole({ ...src, roleArn, roleSessionName: "browser" });
    // The calls fetched the main wasm only; renderExports is the second one's (js/browser.js).
    const wasmBeforeInit = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).map((r) => new URL(r.name).pathname);
    let beforeInit;
    try { window.arw.renderExports(role.credentials, "bash"); } catch (e) { beforeInit = e.message; }
    await window.arw.init();
    const lines = window.arw.renderExports(role.credentials, "bash");
    const c = role.credentials;
    const them = await window.arw.getCallerIdentity({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, endpoint });
    const provider = window.arw.createCredentialProvider({ ...src, roleArn, roleSessionName: "browser-provider" });
    const [p1, p2] = await Promise.all([provider(), provider()]);
    let bad;
    try { await window.arw.getCallerIdentity({ ...src, secretAccessKey: "wrong-secret-0123456789" }); } catch (e) { bad = { name: e.name, code: e.code, sts: window.arw.isStsError(e), leaks: e.message.includes("wrong-secret") }; }
    return { early, wasmBeforeInit, beforeInit, me: me.arn, role: role.assumedRoleUser.arn, them: them.arn, lines, shared: p1 === p2, bad };
  }, args());
  assert.match(out.early, /await init\(\)/);
  assert.deepEqual(out.wasmBeforeInit, ["/node_modules/assume-role-wasm/pkg/assume_role_wasm_bg.wasm"]);
  assert.match(out.beforeInit, /renderExports\(\) is synchronous; call `await init\(\)` first/);
  assert.equal(out.me, "arn:aws:iam::123456789012:user/Bob");
  assert.equal(out.role, "arn:aws:sts::123456789012:assumed-role/example-role/browser");
  assert.equal(out.them, out.role);
  assert.match(out.lines, /^export AWS_SESSION_TOKEN='/m);
  assert.equal(out.shared, true);
  assert.deepEqual(out.bad, { name: "StsError", code: "SignatureDoesNotMatch", sts: true, leaks: false });
  assert.deepEqual(errors, []);
  assert.ok(served.includes("/node_modules/assume-role-wasm/pkg/assume_role_wasm_bg.wasm"), "the wasm came from the installed package");
  await page.close();
});

test("explicit `await init(url)` makes the synchronous functions usable, and is idempotent", { timeout: 60_000 }, async () => {
  const { page } = await openPage();
  const out = await page.evaluate(async () => {
    // A caller-supplied URL for the .wasm (as a CDN user would pass); later calls share the load.
    const a = window.arw.init(new URL("/custom/arw.wasm", location.href));
    const b = window.arw.init();
    await a;
    return { same: a === b, unset: window.arw.renderUnset("fish") };
  });
  assert.equal(out.same, true);
  assert.ok(served.includes("/custom/arw.wasm"), "init(url) loaded the wasm from the given URL");
  assert.match(out.unset, /^set -e AWS_ACCESS_KEY_ID$/m);
  await page.close();
});
