// Runs examples/worker in the real workerd through Miniflare, the way `wrangler deploy` would
// ship it: the worker source sits next to the installed tarball's node_modules, esbuild bundles it
// with wrangler's export conditions (workerd, worker, browser), the .wasm stays a separate module
// (CompiledWasm rule), and the compatibility date is the one in wrangler.toml.

import { cpSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import http from "node:http";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { installedPackage, repoRoot } from "./installed-package.mjs";

const workerDir = path.join(repoRoot, "examples/worker");

export function wranglerCompatibilityDate() {
  const toml = readFileSync(path.join(workerDir, "wrangler.toml"), "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!date) throw new Error("wrangler.toml has no compatibility_date");
  return date;
}

/** Bundles the worker against the installed package; returns the output directory. */
export async function bundleWorker() {
  const { dir } = installedPackage();
  const src = mkdtempSync(path.join(dir, "worker-"));
  cpSync(path.join(workerDir, "src"), path.join(src, "src"), { recursive: true });
  const outdir = path.join(src, "dist");
  await build({
    entryPoints: [path.join(src, "src/index.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    loader: { ".wasm": "copy" }, // keeps `import wasm from "./x.wasm"` as a module import
    outdir,
    logLevel: "error",
  });
  const files = readdirSync(outdir);
  if (!files.some((f) => f.endsWith(".wasm"))) throw new Error(`bundle has no .wasm module: ${files}`);
  return outdir;
}

/** Miniflare options for the bundled worker with these bindings (also for mf.setOptions). */
export function workerOptions(outdir, bindings) {
  return {
    modules: true,
    scriptPath: path.join(outdir, "index.js"),
    modulesRoot: outdir,
    compatibilityDate: wranglerCompatibilityDate(),
    // Passing rules replaces Miniflare's defaults, so the JS rule must be listed too.
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    bindings,
  };
}

export async function startWorker(outdir, bindings) {
  const mf = new Miniflare(workerOptions(outdir, bindings));
  await mf.ready;
  return mf;
}

/**
 * A stand-in for signin.aws.amazon.com/federation on 127.0.0.1: records each getSigninToken
 * request and answers with a SigninToken, as the real endpoint does.
 */
export async function startFederationStandIn() {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method, path: url.pathname, query });
    if (req.method !== "GET" || url.pathname !== "/federation" || query.Action !== "getSigninToken" || !query.Session) {
      res.writeHead(400, { "Content-Type": "text/plain" });
      res.end("bad federation request");
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ SigninToken: `stand-in-token-${requests.length}` }));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}/federation`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
