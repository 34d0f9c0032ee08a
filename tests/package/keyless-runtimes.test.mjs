// Keyless sign-in where it exists for: an edge worker without AWS keys (workerd via Miniflare) passing a
// token function to createCredentialProvider, and Deno following the SDKs' AWS_ROLE_ARN +
// AWS_WEB_IDENTITY_TOKEN_FILE convention; both with the installed tarball, against moto (auth on;
// AssumeRoleWithWebIdentity unsigned), the credentials verified with a signed getCallerIdentity; and the
// keyless helpers (decodeJwtClaims, samlRoles) from each runtime's entry.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { startMoto } from "../support/moto.mjs";
import { makeJwt, makeSamlResponse } from "../support/keyless-fixtures.mjs";
import { installedPackage, repoRoot } from "./support/installed-package.mjs";
import { wranglerCompatibilityDate } from "./support/worker-harness.mjs";
import { run } from "./support/run.mjs";

let moto, pkg;
before(async () => {
  pkg = installedPackage();
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test("workerd: a worker with no AWS keys mints a token per refresh and gets web-role credentials", { timeout: 90_000 }, async () => {
  const src = mkdtempSync(path.join(pkg.dir, "keyless-worker-"));
  writeFileSync(path.join(src, "index.js"), `
    import { createCredentialProvider, getCallerIdentity, decodeJwtClaims, samlRoles } from "assume-role-wasm";
    export default {
      async fetch(request, env) {
        const tokens = JSON.parse(env.TOKENS); // stand-ins for what the worker's own OIDC issuer would mint
        let minted = 0;
        const provider = createCredentialProvider({
          roleArn: env.ROLE_ARN, roleSessionName: "edge", endpoint: env.STS,
          webIdentityToken: async () => tokens[minted++],
        });
        const first = await provider();
        const second = await provider({ forceRefresh: true });
        const { accessKeyId, secretAccessKey, sessionToken } = second;
        const who = await getCallerIdentity({ accessKeyId, secretAccessKey, sessionToken, endpoint: env.STS });
        return Response.json({
          minted, renewed: first.accessKeyId !== second.accessKeyId, arn: who.arn,
          claims: decodeJwtClaims(tokens[0]).sub, roles: samlRoles(env.SAML).map((r) => r.roleArn),
        });
      },
    };`);
  const outdir = path.join(src, "dist");
  await build({
    entryPoints: [path.join(src, "index.js")], bundle: true, format: "esm", platform: "neutral",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], loader: { ".wasm": "copy" }, outdir, logLevel: "error",
  });
  assert.ok(readdirSync(outdir).some((f) => f.endsWith(".wasm")));
  const { base64 } = makeSamlResponse({ roles: [[moto.roles.saml, moto.saml.providerArn], [moto.roles.samlReadOnly, moto.saml.providerArn]] });
  const mf = new Miniflare({
    modules: true, scriptPath: path.join(outdir, "index.js"), modulesRoot: outdir, compatibilityDate: wranglerCompatibilityDate(),
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    bindings: {
      ROLE_ARN: moto.roles.web, STS: moto.endpoint, SAML: base64,
      TOKENS: JSON.stringify([makeJwt({ sub: "edge-1" }), makeJwt({ sub: "edge-2" })]),
    },
  });
  try {
    const res = await mf.dispatchFetch("http://worker/");
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body, {
      minted: 2, renewed: true, arn: "arn:aws:sts::123456789012:assumed-role/web-role/edge",
      claims: "edge-1", roles: [moto.roles.saml, moto.roles.samlReadOnly],
    });
  } finally {
    await mf.dispose();
  }
});

test("Deno: createCredentialProvider() from AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE", { timeout: 60_000 }, async () => {
  const tokenFile = path.join(pkg.dir, "deno-token");
  writeFileSync(tokenFile, makeJwt({ sub: "system:serviceaccount:default:deno" }));
  const script = path.join(pkg.dir, "deno-keyless.mjs");
  writeFileSync(script, `
    import { createCredentialProvider, getCallerIdentity, decodeJwtClaims } from "assume-role-wasm";
    const credentials = createCredentialProvider();
    const c = await credentials();
    const who = await getCallerIdentity({ ...c, endpoint: Deno.env.get("AWS_ENDPOINT_URL_STS") });
    const token = await Deno.readTextFile(Deno.env.get("AWS_WEB_IDENTITY_TOKEN_FILE"));
    console.log(JSON.stringify({ arn: who.arn, sub: decodeJwtClaims(token).sub }));`);
  const deno = path.join(repoRoot, "node_modules/.bin/deno");
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, DENO_DIR: mkdtempSync(path.join(tmpdir(), "arw-deno-keyless-")),
    DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1",
    AWS_ROLE_ARN: moto.roles.web, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_SESSION_NAME: "deno-pod", AWS_ENDPOINT_URL_STS: moto.endpoint,
  };
  const result = await run(deno, ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", script], { cwd: pkg.dir, env, timeoutMs: 50_000 });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { arn: "arn:aws:sts::123456789012:assumed-role/web-role/deno-pod", sub: "system:serviceaccount:default:deno" });
});
