// One folder where a "user" has installed the packed tarball and every bundler we prove, shared by
// tests/stages/45-bundlers.sh, tests/bundlers/*.test.mjs and bench/bundlers.mjs.
//
// The bundlers (and the peers for the size comparison) are the repo's own devDependencies at the pinned
// versions and the repo lockfile's exact tree, installed here with `npm ci --offline` from the npm cache that
// the repo's `npm ci` filled: no network. Idempotent: a stamp (that lockfile + the tarball's hash) skips the
// install when nothing changed, and a new tarball alone reinstalls just the package.
//
//   node tests/bundlers/lib/consumer.mjs [tarball]   prints the folder (packs the repo when no tarball given)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The devDependencies a bundler app (or a peer's app) needs; versions come from the repo's package.json. */
export const CONSUMER_DEPS = [
  "vite",
  "vite7",
  "webpack",
  "rollup",
  "@rollup/plugin-node-resolve",
  "@rollup/plugin-terser",
  "parcel",
  "esbuild",
  "@aws-sdk/client-sts",
  "aws4fetch",
  // Only client-sts's app needs these (bench/bundlers.mjs): rollup meets its CommonJS modules and JSON imports.
  "@rollup/plugin-commonjs",
  "@rollup/plugin-json",
];

let registry;
const registryUrl = () => (registry ??= (() => {
  try {
    const url = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
    return url.endsWith("/") ? url : `${url}/`;
  } catch {
    return "https://registry.npmjs.org/";
  }
})());
const sha256 = (data) => createHash("sha256").update(data).digest("hex");

function packRepo() {
  const work = mkdtempSync(path.join(tmpdir(), "arw-bundlers-pack-"));
  execFileSync("npm", ["pack", "--pack-destination", work], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  return path.join(work, readdirSync(work).find((f) => f.endsWith(".tgz")));
}

// The repo's lockfile entries for `names` and everything they pull in (node_modules nesting rules), marked
// as regular dependencies: a lockfile for the consumer that `npm ci --offline` installs from the cache `npm ci`
// filled in the repo (an `npm install` would need the registry's package documents, which that cache lacks).
function lockClosure(names) {
  const repoLock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")).packages;
  const out = {};
  const find = (from, name) => {
    for (let at = from; ; at = at.slice(0, at.lastIndexOf("/node_modules/"))) {
      const key = `${at ? `${at}/` : ""}node_modules/${name}`;
      if (repoLock[key]) return key;
      if (!at.includes("/node_modules/")) return repoLock[`node_modules/${name}`] ? `node_modules/${name}` : null;
    }
  };
  const visit = (key) => {
    if (!key || out[key]) return;
    const { dev, devOptional, ...entry } = repoLock[key];
    // This machine's npm omits registry URLs from lockfiles (omit-lockfile-registry-resolved), and without one
    // npm wants the package document; with it, the tarball comes from the cache by its integrity.
    const name = entry.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    entry.resolved ??= `${registryUrl()}${name}/-/${name.split("/").pop()}-${entry.version}.tgz`;
    out[key] = entry;
    const deps = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const name of Object.keys(deps)) visit(find(key, name));
  };
  for (const name of names) {
    const key = `node_modules/${name}`;
    if (!repoLock[key]) throw new Error(`${name} is not in the repo's package-lock.json: run npm install in the repo`);
    visit(key);
  }
  return out;
}

function npm(dir, args) {
  try {
    execFileSync("npm", [...args, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (e) {
    throw new Error(`npm ${args.join(" ")} --offline failed in ${dir} (is the npm cache filled? run npm ci in the repo):\n${e.stderr ?? e.message}`);
  }
}

/**
 * Makes sure the consumer folder holds `tarball` and the bundlers; returns the folder.
 * @param {{ tarball?: string, dir?: string }} [options]
 */
export function ensureConsumer({ tarball = process.env.ASSUME_ROLE_WASM_TARBALL, dir = process.env.ARW_BUNDLERS_DIR } = {}) {
  dir ??= path.join(repoRoot, "target", "bundlers-consumer");
  const packed = tarball ? null : packRepo();
  tarball ??= packed;
  mkdirSync(dir, { recursive: true });
  const devDeps = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).devDependencies;
  const dependencies = {};
  for (const name of CONSUMER_DEPS) {
    if (!devDeps[name]) throw new Error(`${name} is not a devDependency of the repo (package.json)`);
    dependencies[name] = devDeps[name];
  }
  const manifest = { name: "bundler-consumer", private: true, type: "module", dependencies };
  const lock = { name: manifest.name, lockfileVersion: 3, requires: true, packages: { "": { name: manifest.name, dependencies }, ...lockClosure(CONSUMER_DEPS) } };
  const stampWant = sha256(JSON.stringify(lock));
  const tarballHash = sha256(readFileSync(tarball));
  const stampFile = path.join(dir, ".stamp.json");
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, "utf8")) : {};

  if (stamp.deps !== stampWant || !existsSync(path.join(dir, "node_modules", ".package-lock.json"))) {
    writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify(lock, null, 2) + "\n");
    npm(dir, ["ci"]);
    stamp.deps = stampWant;
    stamp.tarball = null;
  }
  if (stamp.tarball !== tarballHash || !existsSync(path.join(dir, "node_modules", "assume-role-wasm", "package.json"))) {
    // The package as a user installs it; --no-save keeps package.json and the lock as the stamp knows them.
    copyFileSync(tarball, path.join(dir, "assume-role-wasm.tgz"));
    npm(dir, ["install", "--no-save", "./assume-role-wasm.tgz"]);
    stamp.tarball = tarballHash;
  }
  writeFileSync(stampFile, JSON.stringify(stamp));
  if (packed) rmSync(path.dirname(packed), { recursive: true, force: true });
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureConsumer({ tarball: process.argv[2] }));
}
