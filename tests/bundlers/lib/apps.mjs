// Tiny apps built the way each bundler's users build them, inside the consumer folder (lib/consumer.mjs),
// so every bundler resolves "assume-role-wasm" from node_modules exactly as it would in a user's project.
//
//   writeApp(consumer, name, mainJs)           apps/<name>/{index.html, main.js}; returns the folder
//   build(bundler, appDir)                     runs the bundler (+ the README's one line where it needs one) → dist folder
//   startViteDev(bundler, appDir)              vite's dev server on 127.0.0.1 → { url, stop() }
//
// BUNDLERS lists each bundler with the README's verdict: `line` is the one thing a user adds, or null when
// it works out of the box. The tests prove each verdict (and that the error without the line says what to add).

import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PKG = "node_modules/assume-role-wasm/pkg";
const COPY_LINE = `cp ${PKG}/*.wasm dist/`; // both modules: the main one and the extras

export const BUNDLERS = {
  vite8: { label: "vite 8 (dev and build)", line: null },
  vite7: { label: "vite 7 (dev and build)", line: null },
  webpack: { label: "webpack 5", line: null },
  parcel: { label: "Parcel 2", line: null },
  esbuild: { label: "esbuild --bundle", line: COPY_LINE },
  rollup: { label: "rollup + @rollup/plugin-node-resolve", line: COPY_LINE },
};

const viteBin = (consumer, bundler) => path.join(consumer, "node_modules", bundler === "vite7" ? "vite7" : "vite", "bin", "vite.js");
const bin = (consumer, name) => path.join(consumer, "node_modules", ".bin", name);

// webpack 5 ships no CLI of its own (webpack-cli is another package); its Node API with the config a user writes.
const WEBPACK_CONFIG = `export default {
  mode: "production",
  entry: "./main.js",
  output: { path: new URL("./dist", import.meta.url).pathname, filename: "main.js", clean: true },
  devtool: false,
  performance: { hints: false }, // the 300 KB wasm is expected
};
`;
const WEBPACK_RUN = `import webpack from "webpack";
import config from "./webpack.config.mjs";
webpack({ ...config, context: process.cwd() }, (err, stats) => {
  if (err || stats.hasErrors()) { console.error(err ?? stats.toString("errors-only")); process.exit(1); }
});
`;
const ROLLUP_CONFIG = `import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
export default { input: "main.js", output: { dir: "dist", format: "es" }, plugins: [nodeResolve(), terser()] };
`;
// What @aws-sdk/client-sts needs on top (CommonJS modules, JSON imports); used for the peers' size figures only.
const ROLLUP_CONFIG_CJS = `import { nodeResolve } from "@rollup/plugin-node-resolve";
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import terser from "@rollup/plugin-terser";
export default { input: "main.js", output: { dir: "dist", format: "es" }, plugins: [nodeResolve({ browser: true, preferBuiltins: false }), commonjs(), json(), terser()] };
`;

/** An index.html loading main.js as a module (classic deferred script for webpack's non-module output). */
function indexHtml(src, classic = false) {
  const tag = classic ? `<script defer src="${src}"></script>` : `<script type="module" src="${src}"></script>`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>app</title>${tag}</head><body></body></html>\n`;
}

export function writeApp(consumer, name, mainJs) {
  const dir = path.join(consumer, "apps", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "main.js"), mainJs);
  writeFileSync(path.join(dir, "index.html"), indexHtml("./main.js"));
  return dir;
}

async function sh(cmd, args, cwd) {
  try {
    await run(cmd, args, { cwd, env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 << 20 });
  } catch (e) {
    throw new Error(`${[cmd, ...args].map((a) => path.basename(a)).join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

/**
 * Builds the app in `appDir` with `bundler` into appDir/dist and returns that folder.
 * @param {{ withLine?: boolean, rollupCommonJs?: boolean }} [options] withLine: false skips the README's one line
 *   (to prove it is needed); rollupCommonJs adds @rollup/plugin-commonjs and -json (for peers that need them);
 *   consumer: the folder whose node_modules holds the bundlers (default: two levels up, apps/<name>/../..)
 */
export async function build(bundler, appDir, { withLine = true, rollupCommonJs = false, consumer = path.resolve(appDir, "../..") } = {}) {
  const dist = path.join(appDir, "dist");
  rmSync(dist, { recursive: true, force: true });
  switch (bundler) {
    case "vite7":
    case "vite8":
      await sh(process.execPath, [viteBin(consumer, bundler), "build", "--logLevel", "error"], appDir);
      break;
    case "webpack":
      writeFileSync(path.join(appDir, "webpack.config.mjs"), WEBPACK_CONFIG);
      writeFileSync(path.join(appDir, "webpack.run.mjs"), WEBPACK_RUN);
      await sh(process.execPath, ["webpack.run.mjs"], appDir);
      writeFileSync(path.join(dist, "index.html"), indexHtml("./main.js", true));
      break;
    case "esbuild":
      await sh(bin(consumer, "esbuild"), ["main.js", "--bundle", "--format=esm", "--minify", "--outdir=dist", "--log-level=error"], appDir);
      writeFileSync(path.join(dist, "index.html"), indexHtml("./main.js"));
      break;
    case "rollup":
      writeFileSync(path.join(appDir, "rollup.config.mjs"), rollupCommonJs ? ROLLUP_CONFIG_CJS : ROLLUP_CONFIG);
      await sh(bin(consumer, "rollup"), ["-c", "rollup.config.mjs", "--silent"], appDir);
      writeFileSync(path.join(dist, "index.html"), indexHtml("./main.js"));
      break;
    case "parcel":
      // --no-cache: Parcel's cache outlives a reinstalled package of the same version (this consumer's
      // assume-role-wasm is replaced on every run) and then writes an HTML import map missing a new asset.
      await sh(bin(consumer, "parcel"), ["build", "index.html", "--dist-dir", "dist", "--no-autoinstall", "--no-source-maps", "--no-cache", "--log-level", "error"], appDir);
      break;
    default:
      throw new Error(`unknown bundler ${bundler}`);
  }
  // The README's one line for bundlers that leave `new URL("….wasm", import.meta.url)` alone: the .wasm
  // goes next to the bundle, where that URL points.
  if (withLine && BUNDLERS[bundler].line === COPY_LINE) {
    for (const file of ["assume_role_wasm_bg.wasm", "assume_role_extras_bg.wasm"]) copyFileSync(path.join(consumer, PKG, file), path.join(dist, file));
  }
  return dist;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * vite's dev server (what people run all day) on 127.0.0.1. `--force` re-runs the dependency pre-bundling,
 * the step that moved the wasm URL in vite 7. Extra `config` goes into a vite.config.mjs.
 */
export async function startViteDev(bundler, appDir, { config, consumer = path.resolve(appDir, "../..") } = {}) {
  rmSync(path.join(appDir, "vite.config.mjs"), { force: true });
  if (config) writeFileSync(path.join(appDir, "vite.config.mjs"), `export default ${JSON.stringify(config)};\n`);
  const port = await freePort();
  const child = spawn(process.execPath, [viteBin(consumer, bundler), "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--force"], {
    cwd: appDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => { log += d; });
  child.stderr.on("data", (d) => { log += d; });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
    const t = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }, 3000);
    await exited;
    clearTimeout(t);
  };
  process.once("exit", () => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite exited early:\n${log}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite dev server did not answer in 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, stop, log: () => log };
}
