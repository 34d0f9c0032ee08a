// The package in Deno (the npm `deno` binary), imported by name from the installed tarball
// (Deno resolves it through node_modules with its "deno" export condition), against moto with
// auth on. Also type-checks a consumer against the shipped .d.ts with `deno check`.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { installedPackage, repoRoot } from "./support/installed-package.mjs";
import { run } from "./support/run.mjs";

const deno = path.join(repoRoot, "node_modules/.bin/deno");
let moto, pkg, denoEnv;

before(async () => {
  pkg = installedPackage();
  moto = await startMoto();
  denoEnv = { ...process.env, DENO_DIR: mkdtempSync(path.join(tmpdir(), "arw-deno-")), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
});
after(async () => {
  await moto?.stop();
});

test("Deno: getCallerIdentity and assumeRole through the deno entry", { timeout: 60_000 }, async () => {
  const script = path.join(pkg.dir, "deno-consumer.mjs");
  writeFileSync(
    script,
    `import * as api from "assume-role-wasm";
     const [endpoint, accessKeyId, secretAccessKey, roleArn] = Deno.args;
     const src = { accessKeyId, secretAccessKey, endpoint };
     const me = await api.getCallerIdentity(src);
     const role = await api.assumeRole({ ...src, roleArn, roleSessionName: "deno" });
     const { credentials: c } = role;
     const them = await api.getCallerIdentity({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, endpoint });
     const provider = api.createCredentialProvider({ ...src, roleArn, roleSessionName: "deno-provider" });
     const [p1, p2] = await Promise.all([provider(), provider()]);
     let denied;
     try { await api.assumeRole({ ...src, roleArn: roleArn.replace("example-role", "untrusted-role"), roleSessionName: "deno" }); }
     catch (e) { denied = { name: e.name, code: e.code, status: e.status }; }
     console.log(JSON.stringify({ me: me.arn, role: role.assumedRoleUser.arn, them: them.arn, shared: p1 === p2, denied,
       entry: import.meta.resolve("assume-role-wasm") }));`,
  );
  const result = await run(
    deno,
    ["run", "--allow-net=127.0.0.1", "--allow-read", script, moto.endpoint, moto.bob.accessKeyId, moto.bob.secretAccessKey, moto.roles.example],
    { cwd: pkg.dir, env: denoEnv, timeoutMs: 50_000 },
  );
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.equal(out.me, "arn:aws:iam::123456789012:user/Bob");
  assert.equal(out.role, "arn:aws:sts::123456789012:assumed-role/example-role/deno");
  assert.equal(out.them, out.role);
  assert.equal(out.shared, true);
  assert.deepEqual(out.denied, { name: "StsError", code: "AccessDenied", status: 403 });
  assert.match(out.entry, /assume-role-wasm\/js\/deno\.js$/);
});

test("deno check: the shipped .d.ts types a consumer and reject misuse", { timeout: 60_000 }, async () => {
  const file = path.join(pkg.dir, "typed-consumer.ts");
  writeFileSync(
    file,
    `import { assumeRole, createCredentialProvider, renderExports, isStsError, type Credentials, type AssumeRoleResult } from "assume-role-wasm";
     const src = { accessKeyId: "AKIA", secretAccessKey: "s" };
     const result: AssumeRoleResult = await assumeRole({ ...src, roleArn: "arn", roleSessionName: "n", durationSeconds: 900, tags: [{ key: "k", value: "v" }] });
     const arn: string = result.assumedRoleUser.arn;
     const creds: Credentials = result.credentials;
     const text: string = renderExports(creds, "powershell", { profile: "p" });
     const provider = createCredentialProvider({ ...src, roleArn: "arn", roleSessionName: "n" }, { refreshMarginMs: 1, now: () => 0 });
     const fromProvider: Credentials = await provider({ forceRefresh: true });
     createCredentialProvider({ ...src, durationSeconds: 900 }, { operation: "getSessionToken" });
     try { /* */ } catch (e) { if (isStsError(e)) { const c: string = e.code; const f: string | undefined = e.field; console.log(c, f); } }
     // @ts-expect-error roleSessionName is required
     await assumeRole({ ...src, roleArn: "arn" });
     // @ts-expect-error durationSeconds is a number
     await assumeRole({ ...src, roleArn: "arn", roleSessionName: "n", durationSeconds: "900" });
     // @ts-expect-error not a format
     renderExports(creds, "yaml");
     // @ts-expect-error unknown provider setting
     createCredentialProvider({ ...src, roleArn: "arn", roleSessionName: "n" }, { margin: 5 });
     console.log(arn, text, fromProvider);`,
  );
  // The browser and node entries' own declarations (init, InitInput, nodeFetch) check too.
  const entries = path.join(pkg.dir, "typed-entries.ts");
  writeFileSync(
    entries,
    `import type * as Browser from "./node_modules/assume-role-wasm/js/browser.d.ts";
     import type * as NodeEntry from "./node_modules/assume-role-wasm/js/node.d.ts";
     const input: Browser.InitInput = new URL("https://example.com/x.wasm");
     const init: typeof Browser.default = async (_input?: Browser.InitInput) => undefined;
     const transport: typeof NodeEntry.nodeFetch = async () => ({ status: 200, headers: { get: () => null }, text: async () => "" });
     const provider: typeof Browser.createCredentialProvider = (() => async () => ({ accessKeyId: "", secretAccessKey: "", sessionToken: "", expiration: "" })) as never;
     // @ts-expect-error the transport answers with a promise of a response, not a string
     const wrong: string = transport("http://127.0.0.1/", { method: "POST" });
     console.log(input, init, transport, provider, wrong);`,
  );
  const result = await run(deno, ["check", file, entries], { cwd: pkg.dir, env: denoEnv, timeoutMs: 50_000 });
  assert.equal(result.code, 0, result.stderr + result.stdout);
});
