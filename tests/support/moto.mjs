// The shared moto fixture: a real STS/IAM emulator with SigV4 auth ENFORCED from the first request.
//
//   import { startMoto } from "../support/moto.mjs";
//   const moto = await startMoto();            // { port = 0, quiet = true } = {}
//   ... moto.endpoint, moto.bob.accessKeyId ...
//   await moto.stop();
//
// startMoto({ port = 0, quiet = true }) spawns tests/support/moto_server.py with .venv/bin/python
// (falls back to python3), 127.0.0.1 only, port 0 = a free one. Resolves once it answers, to:
//   endpoint  "http://127.0.0.1:PORT"      port  PORT
//   region    "us-east-1"                  account "123456789012"
//   bob       { accessKeyId, secretAccessKey, arn: "arn:aws:iam::123456789012:user/Bob" }
//             policy example-policy: sts:AssumeRole on example-role and untrusted-role,
//             sts:GetCallerIdentity, sts:GetSessionToken, sts:GetFederationToken, sts:GetAccessKeyInfo
//   alice     { accessKeyId, secretAccessKey, arn: "arn:aws:iam::123456789012:user/Alice" } (no sts:AssumeRole)
//   admin     { accessKeyId, secretAccessKey, arn: "arn:aws:iam::123456789012:user/Admin" } (AdministratorAccess:
//             for tests that change IAM with the real AWS CLI)
//   roles     { example:   "arn:aws:iam::123456789012:role/example-role"   trusts Bob; AmazonRDSReadOnlyAccess
//               untrusted: "arn:aws:iam::123456789012:role/untrusted-role" trusts only Alice -> Bob gets AccessDenied
//               chained:   "arn:aws:iam::123456789012:role/chained-role" } trusts the example-role SESSION
//   chainSessionName "chain-source": moto matches trust principals literally against the caller's session ARN,
//             so only an example-role session NAMED "chain-source" may assume chained-role (any other session
//             name, and Bob directly, get AccessDenied).
//   policyArn "arn:aws:iam::123456789012:policy/example-policy"
//   oidc      { providerArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
//               issuer: "https://token.actions.githubusercontent.com", audience: "sts.amazonaws.com" }
//   saml      { providerArn: "arn:aws:iam::123456789012:saml-provider/ExampleIdP" }
//   roles.web "…:role/web-role" (trusts the OIDC provider), roles.saml "…:role/saml-role" and
//             roles.samlReadOnly "…:role/saml-readonly" (trust the SAML provider). AssumeRoleWithWebIdentity
//             and AssumeRoleWithSAML are served unsigned, as real STS does (moto checks neither the token nor
//             the assertion's signature; SAML needs the requested role/provider pair in the assertion's Role
//             attribute). Build tokens and assertions with ./keyless-fixtures.mjs.
//   stop()    async; kills the server's process group. Also killed when this Node process exits, and the
//             server exits by itself when its stdin (held by this process) closes, so no strays survive.
// moto facts: GetSessionToken answers with fixed AKIAIOSFODNN7EXAMPLE credentials that moto itself does
// not accept; an unsigned request gets 403 MissingAuthenticationToken (from our middleware); every
// OPTIONS preflight gets 204 with CORS headers; every response carries Access-Control-Allow-Origin.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const live = new Set();

function killGroup(child, signal = "SIGKILL") {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}
process.on("exit", () => { for (const c of live) killGroup(c); });

export async function startMoto({ port = 0, quiet = true, timeoutMs = 30000 } = {}) {
  const venvPython = path.join(root, ".venv/bin/python");
  const python = existsSync(venvPython) ? venvPython : "python3";
  const args = [path.join(here, "moto_server.py"), "--port", String(port)];
  if (quiet) args.push("--quiet");
  const child = spawn(python, args, {
    cwd: root,
    detached: true, // own process group, so stop() can kill it and anything it forks
    stdio: ["pipe", "pipe", quiet ? "pipe" : "inherit"], // stdin open = parent alive (server watchdog)
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  live.add(child);
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) s?.unref?.();
  let stderr = "";
  child.stderr?.on("data", (d) => { stderr = (stderr + d).slice(-4000); });

  const stop = async () => {
    if (!live.has(child)) return;
    live.delete(child);
    const exited = child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve() : new Promise((r) => child.once("exit", r));
    killGroup(child, "SIGTERM");
    const t = setTimeout(() => killGroup(child, "SIGKILL"), 2000);
    await exited;
    clearTimeout(t);
    child.stdin?.destroy();
  };

  try {
    const info = await new Promise((resolve, reject) => {
      let buf = "";
      const timer = setTimeout(() => reject(new Error(`moto did not start in ${timeoutMs} ms`)), timeoutMs);
      child.stdout.on("data", (d) => {
        buf += d;
        const nl = buf.indexOf("\n");
        if (nl < 0) return;
        clearTimeout(timer);
        try { resolve(JSON.parse(buf.slice(0, nl))); } catch (e) { reject(e); }
      });
      child.once("exit", (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`moto exited early (${code ?? sig}): ${stderr.slice(-1500)}`));
      });
    });
    // It printed after binding; prove it answers HTTP before handing it out.
    const res = await fetch(info.endpoint + "/", { method: "OPTIONS", headers: { Origin: "http://localhost" } });
    if (res.status !== 204) throw new Error(`moto preflight answered ${res.status}`);
    return { ...info, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
