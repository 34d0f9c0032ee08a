// Serving a built app and driving it in headless Chromium against moto.
//
//   serveDir(dir, { routes })  a static server on 127.0.0.1 that, like the SPA hosts and dev servers users
//                              deploy to, answers a path it does not have with index.html (HTTP 200): the
//                              case that used to end in "expected magic word … found 3c 21 64 6f".
//   openBrowser()              /usr/bin/chromium via playwright-core (never a downloaded browser)
//   callApp(browser, url, moto) loads the app, then in the page: getCallerIdentity (signed, against moto,
//                              cross-origin), a refused assumeRole (err.fix), init(), renderExports and
//                              decodeJwtClaims; returns what happened, failures included.

import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".map": "application/json" };

/**
 * The app every bundler builds: the three names from the issue, exposed for the test to call, plus what
 * the second wasm serves (err.fix after a refused assumeRole; after init(), renderExports and
 * decodeJwtClaims), so every bundler is shown to emit and find both .wasm files.
 */
export const APP_MAIN = `import init, { getCallerIdentity, renderExports, assumeRole, decodeJwtClaims } from "assume-role-wasm";
window.arw = { init, getCallerIdentity, renderExports, assumeRole, decodeJwtClaims };
document.title = "ready";
`;

export async function serveDir(root, { routes = {}, headers = {} } = {}) {
  const served = [];
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    served.push(pathname);
    const file = routes[pathname] ?? path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    if (!routes[pathname] && !path.resolve(file).startsWith(path.resolve(root) + path.sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      // SPA fallback: unknown paths get the app's index.html, as on many static hosts.
      res.writeHead(200, { ...headers, "Content-Type": "text/html" });
      res.end(await readFile(path.join(root, "index.html")).catch(() => "<!doctype html>"));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    served,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function openBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--no-sandbox"],
  });
}

/** Opens `url`, waits for the app, and returns what `fn(arg)` returns in the page (errors as `{ name, message, url }`). */
export async function inApp(browser, url, fn, arg) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.title === "ready", null, { timeout: 30_000 });
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/**
 * Opens `url`, waits for the app, then calls the package in the page.
 * @returns {Promise<{ arn?: string, lines?: string, error?: { name: string, message: string, url?: string }, wasm: { url: string, status: number, type: string }[], pageErrors: string[] }>}
 */
export async function callApp(browser, url, moto) {
  const page = await browser.newPage();
  const pageErrors = [];
  const wasm = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("response", (r) => {
    if (/\.wasm(\?|$)/.test(r.url())) wasm.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] ?? "" });
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.title === "ready", null, { timeout: 30_000 });
    const out = await page.evaluate(async ({ endpoint, accessKeyId, secretAccessKey, untrusted }) => {
      try {
        const me = await window.arw.getCallerIdentity({ endpoint, accessKeyId, secretAccessKey });
        const wasmAfterSuccess = performance.getEntriesByType("resource").filter((r) => /\.wasm(\?|$)/.test(r.name)).length;
        // A refused call: the runner loads the second wasm and sets err.fix before the promise rejects.
        const refused = await window.arw.assumeRole({ endpoint, accessKeyId, secretAccessKey, roleArn: untrusted, roleSessionName: "bundled-app" }).then(
          () => null,
          (e) => ({ code: e.code, fixSummary: e.fix?.summary }),
        );
        await window.arw.init(); // the synchronous functions: both modules are loaded by now, nothing is fetched again
        const lines = window.arw.renderExports({ accessKeyId, secretAccessKey, sessionToken: "session-token", expiration: "2030-01-01T00:00:00Z" }, "bash");
        const header = btoa(JSON.stringify({ alg: "RS256" })).replace(/=+$/, "");
        const body = btoa(JSON.stringify({ iss: "https://issuer.example", aud: "sts.amazonaws.com", sub: "me", exp: 4102444800 })).replace(/=+$/, "");
        const claims = window.arw.decodeJwtClaims(`${header}.${body}.c2ln`);
        return { arn: me.arn, lines, wasmAfterSuccess, refused, iss: claims.iss };
      } catch (e) {
        return { error: { name: e.name, message: e.message, url: e.url } };
      }
    }, { endpoint: moto.endpoint, accessKeyId: moto.bob.accessKeyId, secretAccessKey: moto.bob.secretAccessKey, untrusted: moto.roles.untrusted });
    return { ...out, wasm, pageErrors };
  } finally {
    await page.close();
  }
}

/** What every bundler's APP_MAIN run must show (`callApp`'s result): the calls, err.fix from the second wasm, the
 * synchronous functions after init(), and each .wasm fetched once, as application/wasm, with no page error. */
export function assertAppWorks(out, where, moto) {
  assert.equal(out.error, undefined, `${where}: ${out.error?.message}`);
  assert.equal(out.arn, moto.bob.arn, `${where}: getCallerIdentity answered by moto`);
  assert.match(out.lines, new RegExp(`^export AWS_ACCESS_KEY_ID='${moto.bob.accessKeyId}'$`, "m"), `${where}: renderExports`);
  assert.equal(out.wasmAfterSuccess, 1, `${where}: a successful call fetched the main .wasm only`);
  assert.equal(out.refused?.code, "AccessDenied", `${where}: ${JSON.stringify(out.refused)}`);
  assert.match(out.refused.fixSummary ?? "", /\S/, `${where}: err.fix from the second .wasm`);
  assert.equal(out.iss, "https://issuer.example", `${where}: decodeJwtClaims after init()`);
  assert.equal(out.wasm.length, 2, `${where}: both .wasm files were fetched, each once: ${JSON.stringify(out.wasm)}`);
  for (const w of out.wasm) {
    assert.equal(w.status, 200, `${where}: ${w.url}`);
    assert.match(w.type, /^application\/wasm/, `${where}: ${w.url} served as wasm`);
  }
  assert.deepEqual(out.pageErrors, [], where);
}
