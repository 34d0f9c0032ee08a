// Part 5: bytes shipped for "assume a role" — our wasm (raw / gzip -9 / brotli) + JS glue + the browser entry,
// and the packed tarball; next to client-sts (STSClient + AssumeRoleCommand) and aws4fetch (AwsClient + the
// hand parsing of bench/lib/impls.mjs) bundled by esbuild, minified, for the browser, the same way.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { sizeProfile } from "./size-profile.mjs";
import { AWS4FETCH_ASSUME_ROLE } from "./lib/peer-apps.mjs";

const repo = fileURLToPath(new URL("../", import.meta.url));
const sizes = (buf) => ({
  raw: buf.length,
  gzip: zlib.gzipSync(buf, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/**
 * The bundle's JS that loads with the entry (the entry chunk and the chunks it imports statically), and apart
 * from it what a dynamic `import()` fetches later (our extras glue: only after a failed call or `initExtras()`).
 * Code splitting on, as an app bundler does for `import()`.
 */
async function bundleParts(name, source) {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-size-"));
  const entry = path.join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  const out = await build({
    entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", write: false, splitting: true,
    nodePaths: [path.join(repo, "node_modules")], absWorkingDir: repo, logLevel: "error", metafile: true,
    outdir: dir, loader: { ".wasm": "file" }, // the .wasm stays a separate file, counted on its own
  });
  const byPath = new Map(out.outputFiles.filter((f) => f.path.endsWith(".js")).map((f) => [path.relative(repo, f.path), f]));
  const eager = new Set();
  const visit = (rel) => {
    if (eager.has(rel)) return;
    eager.add(rel);
    for (const imp of out.metafile.outputs[rel]?.imports ?? []) if (imp.kind === "import-statement") visit(imp.path);
  };
  visit(Object.keys(out.metafile.outputs).find((rel) => out.metafile.outputs[rel].entryPoint));
  const join = (keep) => Buffer.concat([...byPath].filter(([rel]) => keep(eager.has(rel))).map(([, f]) => Buffer.from(f.contents)));
  return { eager: join((e) => e), lazy: join((e) => !e) };
}
const bundle = async (name, source) => (await bundleParts(name, source)).eager;

function tarball() {
  try {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [info] = JSON.parse(out);
    return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
  } catch { return null; }
}

export async function run({ smoke = false } = {}) {
  const wasm = sizes(readFileSync(path.join(repo, "pkg/assume_role_wasm_bg.wasm")));
  const glue = sizes(readFileSync(path.join(repo, "pkg/assume_role_wasm.js")));
  const usEntry = existsSync(path.join(repo, "js/browser.js")) ? `export { assumeRole } from ${JSON.stringify(path.join(repo, "js/browser.js"))};` : `export { default as init, assumeRole } from ${JSON.stringify(path.join(repo, "pkg/assume_role_wasm.js"))};`;
  const usParts = await bundleParts("us", usEntry);
  const usJs = sizes(usParts.eager);
  const extrasPath = path.join(repo, "pkg/assume_role_extras_bg.wasm");
  const extras = existsSync(extrasPath) ? sizes(readFileSync(extrasPath)) : null;
  const extrasJs = sizes(usParts.lazy);
  const sts = sizes(await bundle("sts", `export { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";`));
  const aws4 = sizes(await bundle("aws4", AWS4FETCH_ASSUME_ROLE));
  const total = { raw: wasm.raw + usJs.raw, gzip: wasm.gzip + usJs.gzip, brotli: wasm.brotli + usJs.brotli };
  const tar = tarball();
  const KB = (n) => (n / 1024).toFixed(1).padStart(7);
  const row = (name, s, peer) =>
    console.log(`  ${name.padEnd(44)} ${KB(s.raw)} ${KB(s.gzip)} ${KB(s.brotli)}${peer ? `   gzip ×${(s.gzip / total.gzip).toFixed(2)} of ours` : ""}`);
  console.log("\n## 5. size  (KB; raw / gzip -9 / brotli 11; ratio = peer ÷ us on gzip)");
  console.log(`  ${"".padEnd(44)} ${"raw".padStart(7)} ${"gzip".padStart(7)} ${"brotli".padStart(7)}`);
  row("us: wasm (pkg/assume_role_wasm_bg.wasm)", wasm);
  row("us: JS glue (pkg/assume_role_wasm.js)", glue);
  row("us: browser entry + glue, esbuild --minify", usJs);
  row("us: total (wasm + minified JS)", total);
  if (extras) {
    row("us, later: extras wasm (err.fix, keyless)", extras);
    row("us, later: extras glue chunk, minified", extrasJs);
  }
  row("client-sts STSClient+AssumeRoleCommand", sts, true);
  row("aws4fetch AwsClient + hand parsing", aws4, true);
  if (tar) console.log(`  npm pack tarball: ${KB(tar.size)} KB (${tar.files} files, ${KB(tar.unpackedSize)} KB unpacked)`);
  // Where the wasm's bytes go (bench/size-profile.mjs --write puts the full tables into BENCHMARKS.md).
  const p = smoke ? null : sizeProfile();
  if (p) {
    console.log(`  wasm code ${p.code} bytes, data ${p.data} bytes; code by owner:`);
    const owners = new Map();
    for (const f of p.functions) owners.set(f.owner, (owners.get(f.owner) ?? 0) + f.size);
    for (const [o, n] of [...owners].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(7)}  ${o}`);
  }
  return { wasm, glue, usJs, total, extras, extrasJs, clientSts: sts, aws4fetch: aws4, tarball: tar, profile: p && { code: p.code, data: p.data } };
}
