// package.json `sideEffects`: each entry point installs how operations run (js/runner.js's setRunner) as a side
// effect of being imported. With `"sideEffects": false` a bundler drops the entry module when an app imports only
// an operation (`import { assumeRole } from "assume-role-wasm"`), and every call then rejected with "import the
// package entry point" (found while measuring the bundled size, issue 15). Proof: bundle exactly that app with
// esbuild (which honours `sideEffects` like webpack, rollup and vite) from the package folder and run it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { build } from "esbuild";

const repo = fileURLToPath(new URL("../../", import.meta.url));

test("a bundled app that imports only assumeRole still gets the browser entry's runner", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "arw-side-effects-"));
  try {
    const app = path.join(dir, "app.mjs");
    // Through the package's own folder, so its package.json (and `sideEffects`) applies as for a user's install.
    writeFileSync(app, `import { assumeRole } from ${JSON.stringify(path.join(repo, "js/browser.js"))};
assumeRole({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x", roleArn: "arn:aws:iam::123456789012:role/r", roleSessionName: "s" })
  .then(() => console.log("RESOLVED"), (e) => console.log(e.name + ": " + e.message));`);
    await build({ entryPoints: [app], bundle: true, minify: true, format: "esm", platform: "browser", outfile: path.join(dir, "out.mjs"), logLevel: "error" });
    const out = execFileSync(process.execPath, [path.join(dir, "out.mjs")], { encoding: "utf8" });
    // The runner ran: it tried to load the wasm next to the bundle (not copied here), and said so.
    assert.doesNotMatch(out, /import the package entry point/, out);
    assert.match(out, /WasmLoadError: .*could not fetch the wasm/, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
