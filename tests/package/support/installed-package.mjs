// The package as a user gets it: `npm pack` (which runs prepack = the build) into a temp dir, then
// `npm install ./assume-role-wasm-<v>.tgz` in an empty folder. tests/stages/40-package.sh does
// this once and passes the folder in ASSUME_ROLE_WASM_INSTALL; a test file run on its own does it
// itself (once per process).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

let cached;

/** @returns {{ dir: string, packageDir: string, tarball: string }} */
export function installedPackage() {
  if (cached) return cached;
  let dir = process.env.ASSUME_ROLE_WASM_INSTALL;
  let tarball = process.env.ASSUME_ROLE_WASM_TARBALL;
  if (!dir || !tarball) {
    const work = mkdtempSync(path.join(tmpdir(), "arw-pack-"));
    execFileSync("npm", ["pack", "--pack-destination", work], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
    tarball = path.join(work, readdirSync(work).find((f) => f.endsWith(".tgz")));
    dir = path.join(work, "install");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  }
  const packageDir = path.join(dir, "node_modules", "assume-role-wasm");
  if (!existsSync(path.join(packageDir, "package.json"))) throw new Error(`no installed package in ${dir}`);
  cached = { dir, packageDir, tarball };
  return cached;
}
