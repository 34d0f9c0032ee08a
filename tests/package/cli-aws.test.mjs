// The CLI with the real AWS CLI (.venv/bin/aws) against moto with auth on: as a credential_process
// of a profile in AWS_CONFIG_FILE, and through `eval "$(npx assume-role-wasm … --format bash)"` in
// bash (and `| source` in fish), then `unset` back to the source identity — the walkthrough's steps.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../support/moto.mjs";
import { installedPackage, repoRoot } from "./support/installed-package.mjs";
import { run } from "./support/run.mjs";

const aws = path.join(repoRoot, ".venv/bin/aws");
let moto, pkg, dir;

before(async () => {
  pkg = installedPackage();
  moto = await startMoto();
  dir = mkdtempSync(path.join(tmpdir(), "arw-awscli-"));
});
after(async () => {
  await moto?.stop();
});

/** Environment for the AWS CLI: nothing from ~/.aws or IMDS, no pager. */
function awsEnv(extra = {}) {
  return {
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, "none-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    AWS_DEFAULT_REGION: "us-east-1",
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    ...extra,
  };
}

const cliPath = () => path.join(pkg.packageDir, "bin/assume-role-wasm.js");

test("credential_process: `aws sts get-caller-identity --profile x` runs as the assumed role (source keys from env)", { timeout: 60_000 }, async () => {
  const config = path.join(dir, "config-env");
  writeFileSync(
    config,
    `[profile x]\ncredential_process = node ${cliPath()} assume-role --role-arn ${moto.roles.example} --role-session-name cp-env --endpoint-url ${moto.endpoint} --format credential-process\n`,
  );
  const r = await run(aws, ["sts", "get-caller-identity", "--profile", "x", "--endpoint-url", moto.endpoint, "--output", "json"], {
    env: awsEnv({ AWS_CONFIG_FILE: config, AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey }),
    timeoutMs: 50_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).Arn, "arn:aws:sts::123456789012:assumed-role/example-role/cp-env");
});

test("credential_process: source keys from a profile in a credentials file", { timeout: 60_000 }, async () => {
  const config = path.join(dir, "config-profile");
  const credentials = path.join(dir, "credentials-bob");
  writeFileSync(credentials, `[bob]\naws_access_key_id = ${moto.bob.accessKeyId}\naws_secret_access_key = ${moto.bob.secretAccessKey}\n`);
  writeFileSync(
    config,
    `[profile x]\ncredential_process = node ${cliPath()} assume-role --profile bob --role-arn ${moto.roles.example} --role-session-name cp-profile --endpoint-url ${moto.endpoint} --format credential-process\n`,
  );
  const r = await run(aws, ["sts", "get-caller-identity", "--profile", "x", "--endpoint-url", moto.endpoint, "--output", "json"], {
    env: awsEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }),
    timeoutMs: 50_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).Arn, "arn:aws:sts::123456789012:assumed-role/example-role/cp-profile");
});

test("credential_process failure: the AWS CLI fails and our message names the STS code", { timeout: 60_000 }, async () => {
  const config = path.join(dir, "config-denied");
  writeFileSync(
    config,
    `[profile x]\ncredential_process = node ${cliPath()} assume-role --role-arn ${moto.roles.untrusted} --role-session-name cp --endpoint-url ${moto.endpoint} --format credential-process\n`,
  );
  const r = await run(aws, ["sts", "get-caller-identity", "--profile", "x", "--endpoint-url", moto.endpoint], {
    env: awsEnv({ AWS_CONFIG_FILE: config, AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey }),
    timeoutMs: 50_000,
  });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /AccessDenied/);
  assert.ok(!r.stderr.includes(moto.bob.secretAccessKey));
});

test("bash: eval \"$(npx assume-role-wasm assume-role … --format bash)\", then aws sees the role; unset goes back to Bob", { timeout: 90_000 }, async () => {
  const script = `set -euo pipefail
    eval "$(npx assume-role-wasm assume-role --role-arn "$ROLE" --role-session-name shell --endpoint-url "$EP" --format bash)"
    aws sts get-caller-identity --endpoint-url "$EP" --query Arn --output text
    echo "expires=$AWS_CREDENTIAL_EXPIRATION"
    eval "$(npx assume-role-wasm unset --format bash)"
    aws sts get-caller-identity --endpoint-url "$EP" --query Arn --output text 2>&1 || true`;
  const r = await run("bash", ["-c", script], {
    env: awsEnv({ ROLE: moto.roles.example, EP: moto.endpoint, AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey, PATH: `${path.dirname(aws)}:${path.dirname(process.execPath)}:${process.env.PATH}` }),
    cwd: pkg.dir,
    timeoutMs: 80_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines[0], "arn:aws:sts::123456789012:assumed-role/example-role/shell");
  assert.match(lines[1], /^expires=\d{4}-\d\d-\d\dT/);
  // After unset, the AWS CLI has no credentials at all (Bob's came from the variables we unset).
  assert.match(lines.slice(2).join("\n"), /Unable to locate credentials|NoCredentials/);
});

test("fish: assume-role-wasm … --format fish | source", { timeout: 60_000, skip: !existsSync("/usr/bin/fish") && "fish not installed" }, async () => {
  const bin = path.join(pkg.dir, "node_modules/.bin/assume-role-wasm");
  const r = await run("fish", ["-c", `${bin} assume-role --role-arn $ROLE --role-session-name fish --endpoint-url $EP --format fish | source; and aws sts get-caller-identity --endpoint-url $EP --query Arn --output text`], {
    env: awsEnv({ ROLE: moto.roles.example, EP: moto.endpoint, AWS_ACCESS_KEY_ID: moto.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.bob.secretAccessKey, PATH: `${path.dirname(aws)}:${path.dirname(process.execPath)}:${process.env.PATH}` }),
    timeoutMs: 50_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), "arn:aws:sts::123456789012:assumed-role/example-role/fish");
});
