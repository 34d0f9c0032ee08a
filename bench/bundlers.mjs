// Bytes each bundler ships for "assume a role in the browser": us (the packed tarball), @aws-sdk/client-sts
// (STSClient + AssumeRoleCommand) and aws4fetch (AwsClient + the hand parsing of bench/size.mjs), each as a
// tiny app built by vite 8, vite 7, webpack 5, esbuild, rollup (+ node-resolve, terser) and Parcel 2 with
// production settings — the same apps and commands as tests/stages/45-bundlers.sh (tests/bundlers/lib/).
// Figure: raw and gzip -9 of every .js and .wasm the build emits (source maps and HTML not counted).
//
//   node bench/bundlers.mjs            prints the table
//   node bench/bundlers.mjs --write    also replaces the generated section of BENCHMARKS.md
// Needs `npm ci` (the bundlers are devDependencies) and a packable repo (npm pack runs the build).

import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ensureConsumer, repoRoot } from "../tests/bundlers/lib/consumer.mjs";
import { BUNDLERS, writeApp, build } from "../tests/bundlers/lib/apps.mjs";
import { AWS4FETCH_ASSUME_ROLE } from "./lib/peer-apps.mjs";

const APPS = {
  us: `import { assumeRole } from "assume-role-wasm";
window.assumeRole = assumeRole;
`,
  "client-sts": `import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
window.assumeRole = (o) => new STSClient({ region: o.region, credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } })
  .send(new AssumeRoleCommand({ RoleArn: o.roleArn, RoleSessionName: o.roleSessionName }));
`,
  aws4fetch: `${AWS4FETCH_ASSUME_ROLE}window.assumeRole = assumeRole;
`,
};

function emitted(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) files.push(...emitted(file));
    else if (/\.(m?js|wasm)$/.test(name)) files.push(file);
  }
  return files;
}

// Our second wasm (err.fix, export renderers, facts, keyless helpers) is emitted too but fetched only after a
// failed call or by init(): counted apart ("later"), not in what the app downloads to assume a role. Bundlers
// rename files (webpack: a hash), so it is told by its bytes; its glue by what only that glue holds (the
// `attachFix` export) in a chunk without the main glue (whose `fetch` import is named `__wbg_fetch_…`).
const EXTRAS_WASM = readFileSync(path.join(repoRoot, "pkg/assume_role_extras_bg.wasm"));
const isLater = (file) => {
  const bytes = readFileSync(file);
  if (file.endsWith(".wasm")) return bytes.equals(EXTRAS_WASM);
  const text = bytes.toString("latin1");
  return text.includes("attachFix") && !text.includes("__wbg_fetch_");
};

function measure(dist) {
  let raw = 0, gzip = 0, wasm = 0, later = 0;
  const files = emitted(dist);
  const wasmFiles = files.filter((f) => f.endsWith(".wasm") && !isLater(f)).length;
  const laterFiles = files.filter((f) => f.endsWith(".wasm") && isLater(f)).length;
  for (const file of files) {
    const bytes = readFileSync(file);
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    if (isLater(file)) {
      later += gz;
      continue;
    }
    raw += bytes.length;
    gzip += gz;
    if (file.endsWith(".wasm")) wasm += gz;
  }
  return { raw, gzip, jsGzip: gzip - wasm, wasmGzip: wasm, wasmFiles, laterGzip: later, laterFiles };
}

const consumer = ensureConsumer();
const results = {};
for (const bundler of Object.keys(BUNDLERS)) {
  results[bundler] = {};
  for (const [impl, source] of Object.entries(APPS)) {
    const dir = writeApp(consumer, `size-${bundler}-${impl}`, source);
    // The README's one line (copy the .wasm next to the bundle) is part of our app only.
    try {
      const dist = await build(bundler, dir, { withLine: impl === "us", rollupCommonJs: impl === "client-sts" });
      results[bundler][impl] = measure(dist);
      // Two references to the one file (the glue's default and pkg/wasm_url.js) must not ship it twice.
      if (impl === "us" && (results[bundler][impl].wasmFiles !== 1 || results[bundler][impl].laterFiles !== 1)) {
        throw new Error(`${bundler} emitted ${results[bundler][impl].wasmFiles} main and ${results[bundler][impl].laterFiles} extras .wasm files, not one each`);
      }
      process.stderr.write(`${bundler} ${impl}: ${(results[bundler][impl].gzip / 1024).toFixed(1)} KB gzip\n`);
    } catch (e) {
      if (impl === "us") throw e; // ours must build everywhere (the stage proves it runs too)
      // A peer that does not build with the bundler's defaults is a finding, not a crash: keep the reason.
      // Parcel names the missing Node builtin either way: `Node builtin polyfill "buffer/"` or `Failed to resolve 'process'`.
      const builtins = [...e.message.matchAll(/Node builtin polyfill "(\w+)\/"|Failed to resolve '(process|buffer|crypto|stream|util|os|fs|path)'/g)];
      const polyfills = [...new Set(builtins.map((m) => `\`${m[1] ?? m[2]}\``))];
      results[bundler][impl] = {
        error: polyfills.length
          ? `Parcel reads ${impl}'s CommonJS build (package \`exports\` are opt-in there), which wants Node polyfill packages such as ${polyfills.join(", ")}`
          : e.message.replace(/\x1b\[[0-9;]*m/g, "").split("\n").slice(0, 3).join(" "),
      };
      process.stderr.write(`${bundler} ${impl}: build failed: ${results[bundler][impl].error}\n`);
    }
  }
}

const devDeps = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).devDependencies;
const KB = (n) => (n / 1024).toFixed(1);
const lines = [
  "<!-- bundlers:start (generated by `node bench/bundlers.mjs --write`; do not edit by hand) -->",
  "## Bundled size per bundler",
  "",
  "What a browser app downloads to assume a role, built by each bundler with its production settings from the",
  "packed tarball (the apps and commands of `tests/stages/45-bundlers.sh`): gzip -9 of every `.js` and `.wasm`",
  "the build emits, in KB (raw in brackets); ours split as JS + wasm. Peers: `STSClient` + `AssumeRoleCommand`",
  "(client-sts), `AwsClient` + 10 lines of XML regex (aws4fetch). Ratio = peer ÷ us on gzip. What each needs",
  "beyond the bundler's plain command: us, copying the `.wasm` files for esbuild and rollup (README); client-sts,",
  "@rollup/plugin-commonjs + @rollup/plugin-json for rollup (without them that build fails). Our second `.wasm`",
  "(err.fix, export renderers, facts, keyless helpers) and its glue chunk are emitted too but fetched only after",
  "a failed call or by `init()`: their own column, not in the total.",
  "",
  "| bundler | us: total (JS + wasm) | us, later: extras (JS + wasm) | client-sts | aws4fetch | client-sts ÷ us | aws4fetch ÷ us |",
  "|---|---|---|---|---|---|---|",
];
const notes = [];
const cell = (r) => {
  if (!r.error) return `${KB(r.gzip)} [${KB(r.raw)}]`;
  notes.push(r.error);
  return `build fails¹`;
};
const ratio = (peer, us) => (peer.error ? "–" : `×${(peer.gzip / us.gzip).toFixed(2)}`);
for (const [bundler, r] of Object.entries(results)) {
  const { us, "client-sts": sts, aws4fetch } = r;
  lines.push(
    `| ${BUNDLERS[bundler].label.replace(" (dev and build)", " build")} | **${KB(us.gzip)}** (${KB(us.jsGzip)} + ${KB(us.wasmGzip)}) [${KB(us.raw)}] | ${KB(us.laterGzip)} | ${cell(sts)} | ` +
      `${cell(aws4fetch)} | ${ratio(sts, us)} | ${ratio(aws4fetch, us)} |`,
  );
}
if (notes.length) lines.push("", `¹ With the bundler's defaults and no extra packages: ${[...new Set(notes)].join("; ")}.`);
const versions = ["vite", "vite7", "webpack", "esbuild", "rollup", "@rollup/plugin-node-resolve", "@rollup/plugin-terser", "@rollup/plugin-commonjs", "@rollup/plugin-json", "parcel", "@aws-sdk/client-sts", "aws4fetch"]
  .map((n) => `${n} ${devDeps[n].replace(/^npm:vite@/, "")}`)
  .join(", ");
lines.push(
  "",
  `Versions: ${versions}.`,
  "rollup minifies with @rollup/plugin-terser; esbuild with `--minify`; vite, webpack (`mode: \"production\"`)",
  "and Parcel (`parcel build`) minify by default. Every bundler emits each of our `.wasm` files once",
  "(webpack, Parcel and vite follow the package's `new URL(\"…wasm\", import.meta.url)` and emit it; for esbuild and",
  "rollup it is the README's copied file).",
  `Recorded ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
  "<!-- bundlers:end -->",
);
const section = lines.join("\n");
console.log(section);

mkdirSync(path.join(repoRoot, "test-output"), { recursive: true });
writeFileSync(path.join(repoRoot, "test-output", "bundlers.json"), JSON.stringify(results, null, 2));
if (process.argv.includes("--write")) {
  const file = path.join(repoRoot, "BENCHMARKS.md");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("<!-- bundlers:start");
  const end = text.indexOf("<!-- bundlers:end -->");
  const next = start >= 0 && end > start
    ? text.slice(0, start) + section + text.slice(end + "<!-- bundlers:end -->".length)
    : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.error("wrote the bundler section of BENCHMARKS.md");
}
