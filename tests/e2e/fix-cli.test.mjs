// err.fix in the CLI: printed to stderr after the error as commented shell lines. Proven twice: against
// moto, the commands copied out of stderr and run by the real AWS CLI as Admin make the retried CLI call
// succeed; against a hostile STS stand-in whose messages try to inject shell, the fix block run as a bash
// script and every printed command run by bash (with `aws` a function that only prints) run nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "../support/moto.mjs";
import { commandsFrom } from "../../bin/lib/fix.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cliPath = path.join(root, "bin/assume-role-wasm.js");

let moto, tmp;
before(async () => {
  moto = await startMoto();
  tmp = mkdtempSync(path.join(tmpdir(), "arw-fix-cli-"));
});
after(async () => {
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const baseEnv = () => ({
  PATH: `${path.join(root, ".venv/bin")}:${process.env.PATH}`,
  HOME: tmp,
  AWS_CONFIG_FILE: path.join(tmp, "none-config"),
  AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, "none-credentials"),
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_DEFAULT_REGION: "us-east-1",
});
const as = (who) => ({ ...baseEnv(), AWS_ACCESS_KEY_ID: who.accessKeyId, AWS_SECRET_ACCESS_KEY: who.secretAccessKey });
const cli = (args, env) => spawnSync(process.execPath, [cliPath, ...args], { env, encoding: "utf8", timeout: 30_000 });
/** The same without blocking this process (its event loop serves the hostile STS stand-in). */
function cliAsync(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The part of stderr renderFix wrote: from "# fix:" to the end. */
function fixBlock(stderr) {
  const at = stderr.indexOf("\n#\n# fix: ");
  assert.ok(at >= 0, `no fix block in:\n${stderr}`);
  return stderr.slice(at + 1);
}

test("CLI: the printed commands, applied with the AWS CLI, make the retry succeed", () => {
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: moto.alice.arn }, Action: "sts:AssumeRole" }] };
  const admin = { ...as(moto.admin), AWS_ENDPOINT_URL: moto.endpoint };
  execFileSync("aws", ["iam", "create-role", "--role-name", "fix-cli-role", "--assume-role-policy-document", JSON.stringify(trust)], { env: admin });
  const args = ["assume-role", "--role-arn", "arn:aws:iam::123456789012:role/fix-cli-role", "--role-session-name", "cli-fix", "--endpoint-url", moto.endpoint];
  const failed = cli(args, as(moto.bob));
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stderr, /^assume-role-wasm: AccessDenied: User: arn:aws:iam::123456789012:user\/Bob is not authorized/);
  const block = fixBlock(failed.stderr);
  for (const line of block.trimEnd().split("\n")) assert.match(line, /^#( |$)/, "every line of the fix is a comment");
  const commands = commandsFrom(block);
  assert.equal(commands.length, 2, block);
  process.stdout.write(`# CLI stderr:\n${failed.stderr}`);
  for (const command of commands) {
    const run = spawnSync("bash", ["-c", command], { env: admin, encoding: "utf8" });
    assert.equal(run.status, 0, `${command}\n${run.stderr}`);
  }
  const retry = cli(args, as(moto.bob));
  assert.equal(retry.status, 0, retry.stderr);
  const issued = JSON.parse(retry.stdout);
  assert.match(issued.AccessKeyId, /^ASIA/);
  process.stdout.write(`# retry: exit ${retry.status}, credentials for ${issued.AccessKeyId} until ${issued.Expiration}\n`);
});

/** An STS stand-in that answers every call with AccessDenied carrying `message` (XML-escaped). */
async function hostileSts(message) {
  const xml = message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${xml}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(403, { "content-type": "text/xml" }).end(body));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

test("CLI: a message that tries to inject shell produces nothing runnable", async () => {
  const canary = path.join(tmp, "pwned");
  const hostile = [
    `User: arn:aws:iam::123456789012:user/Bob';touch ${canary};' is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x`,
    `User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x$(touch ${canary})`,
    `User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole\n touch ${canary}\n\u001b[2J Encoded authorization failure message: abcdefghijklmnopqrstuvwxyz';touch ${canary};'`,
    `Not authorized. Encoded authorization failure message: abcdefghijklmnopqrstuvwxyz$(touch ${canary})\`touch ${canary}\``,
  ];
  let commandsRun = 0;
  for (const message of hostile) {
    const sts = await hostileSts(message);
    try {
      const args = ["assume-role", "--role-arn", "arn:aws:iam::123456789012:role/x", "--role-session-name", "s1", "--endpoint-url", sts.url];
      const failed = await cliAsync(args, as(moto.bob));
      assert.equal(failed.status, 1, failed.stderr);
      const block = fixBlock(failed.stderr);
      assert.doesNotMatch(block, /\u001b/, "no terminal escape reaches the terminal from the fix");
      if (message.includes("Encoded")) assert.match(block, /^#   assume-role-wasm decode-authorization-message --encoded-message abcdefghijklmnopqrstuvwxyz$/m);
      // Pasting the whole fix block runs nothing: every line is a comment.
      const pasted = spawnSync("bash", ["-c", block], { env: baseEnv(), encoding: "utf8" });
      assert.equal(pasted.status, 0, pasted.stderr);
      // Running each printed command runs only `aws`, with the hostile text as plain arguments.
      for (const command of commandsFrom(block)) {
        const run = spawnSync("bash", ["-c", `aws() { printf '<%s>\\n' "$@"; }\n${command}`], { env: baseEnv(), encoding: "utf8" });
        assert.equal(run.status, 0, `${command}\n${run.stderr}`);
        commandsRun++;
      }
      assert.ok(!existsSync(canary), `injected through:\n${block}`);
    } finally {
      await sts.close();
    }
  }
  assert.ok(commandsRun >= 3, `${commandsRun} commands ran`);
});
