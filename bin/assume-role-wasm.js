#!/usr/bin/env node
// The assume-role-wasm CLI: every STS operation as the AWS CLI names it (`assume-role`,
// `assume-role-with-web-identity`, `get-caller-identity`, …: one subcommand per entry of the operation
// table) on the package's wasm, and for daily use with role profiles of ~/.aws/config:
// `export-credentials`, `exec`, `login`, `cache clear`. Usable as a credential_process.
// Exit status: 0 ok, 2 usage error, 1 everything else (see lib/help.js); `exec` passes on its command's.
//
// Two kinds of command: STS operations (`run(flags, base, ctx)`: main resolves the credentials they
// run with into `base`, the same way for all) and the profile tools (`own: true`, `run(flags, env,
// command)`: they resolve what they need themselves, through lib/profile.js).

import { readFileSync } from "node:fs";
import * as api from "../js/node.js";
import { renderExports, renderUnset, isStsError } from "../js/node.js";
import { ConsoleError } from "../js/console.js";
import { parseFlags, UsageError, kebab } from "./lib/args.js";
import { HELP, FORMATS, SHELL_FORMATS, ACCEPTED_FORMATS } from "./lib/help.js";
import { promptLine } from "./lib/prompt.js";
import { SourceError, resolveRegion, resolveEndpoint } from "./lib/source.js";
import { OPERATIONS, memberFlags, memberOptions, toModelJson, toText } from "./lib/operations.js";
import { safeText, safeJson } from "./lib/safe-text.js";
import { commandCredentials } from "./lib/profile.js";
import { openCache, cacheKeyOfOptions, clearCache } from "./lib/cache.js";
import { execCommand } from "./lib/exec.js";
import { loginCommand } from "./lib/login.js";
import { renderFix } from "./lib/fix.js";
import { webIdentitySource } from "./lib/web-identity.js";

const COMMON_FLAGS = { region: "string", "endpoint-url": "string", profile: "string", "no-cache": "bool", help: "bool" };
const CREDENTIAL_FLAGS = { ...COMMON_FLAGS, format: "string", "credentials-profile": "string" };
// The profile tools: --token-code answers the profile's mfa_serial.
const PROFILE_FLAGS = { ...COMMON_FLAGS, "token-code": "string" };

const op = (cli) => OPERATIONS.find((o) => o.cli === cli);

/**
 * A subcommand for an STS operation, from the operation table: its flags are the model's members (the AWS
 * CLI's names), its output the credentials in --format (credential operations) or the AWS CLI's JSON/text.
 */
function operationCommand(operation) {
  const output = operation.credentials ? CREDENTIAL_FLAGS : { ...COMMON_FLAGS, format: "string" };
  return {
    flags: { ...output, ...memberFlags(operation) },
    required: operation.input.filter((m) => m.required).map((m) => m.cli),
    unsigned: !operation.signed,
    async run(flags, base, ctx) {
      // A wrong --format is a usage error before anything is sent.
      const format = operation.credentials ? null : resultFormat(operation, flags);
      if (ctx?.askTokenCode) flags.tokenCode = await ctx.askTokenCode();
      const result = await api[operation.name]({ ...base, ...memberOptions(operation, flags) });
      if (operation.credentials) return printCredentials(result.credentials, flags);
      // The AWS CLI's shapes: JSON with the model's names in its order; text: the values, keys sorted,
      // tab-separated. Every value came from the network: no control character of it reaches the terminal.
      return format === "json" ? safeJson(toModelJson(operation.output, result), 4) + "\n" : toText(operation.output, result, safeText);
    },
  };
}

function resultFormat(operation, flags) {
  const format = flags.format ?? "json";
  if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text for ${operation.cli}`);
  return format;
}

const COMMANDS = {
  // Every STS operation of the model, named as the AWS CLI names it.
  ...Object.fromEntries(OPERATIONS.map((o) => [o.cli, operationCommand(o)])),
  // assume-role goes through the credential cache shared with the AWS CLI.
  "assume-role": {
    ...operationCommand(op("assume-role")),
    async run(flags, base, ctx) {
      const opts = { ...base, ...memberOptions(op("assume-role"), flags) };
      const result = await cachedAssumeRole(opts, ctx);
      return printCredentials(result.credentials, flags);
    },
  },
  // `eval "$(assume-role-wasm unset --format bash)"`: removes the AWS_* variables our exports set, like
  // the walkthrough's `unset AWS_ACCESS_KEY_ID …` (source keys that were in those variables go too).
  // Needs no credentials.
  unset: {
    flags: { format: "string", help: "bool" },
    required: [],
    offline: true,
    async run(flags) {
      const format = flags.format ?? "bash";
      if (!SHELL_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${SHELL_FORMATS.join(", ")} for unset`);
      return renderUnset(format);
    },
  },
  // `eval "$(assume-role-wasm export-credentials --profile example-role --format bash)"`: a role
  // profile's credentials, as `aws configure export-credentials` prints them (AWS CLI v2).
  "export-credentials": {
    flags: { ...PROFILE_FLAGS, format: "string", "credentials-profile": "string" },
    required: [],
    own: true,
    async run(flags, env) {
      checkFormat(flags);
      const { credentials } = await commandCredentials(flags, env, { needRole: true, profileTokenCode: flags.tokenCode });
      process.stdout.write(printCredentials(credentials, flags));
      return 0;
    },
  },
  // `exec --profile example-role -- aws s3 ls`, or a shell with no command.
  exec: {
    flags: PROFILE_FLAGS,
    required: [],
    own: true,
    takesCommand: true,
    run: execCommand,
  },
  // `login --profile example-role [--open]`: an AWS console sign-in URL for the role.
  login: {
    flags: {
      ...PROFILE_FLAGS,
      open: "bool",
      destination: "string",
      "session-duration": "int",
      issuer: "string",
      "federation-endpoint": "string",
    },
    required: [],
    own: true,
    run: loginCommand,
  },
  // `cache clear [--profile NAME]`: empties the credential cache shared with the AWS CLI.
  cache: {
    flags: { profile: "string", help: "bool" },
    required: [],
    own: true,
    subcommands: ["clear"],
    async run(flags, env) {
      process.stdout.write(clearCache(flags, env));
      return 0;
    },
  },
};

function checkFormat(flags) {
  if (flags.format !== undefined && !ACCEPTED_FORMATS.includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
}

/**
 * AssumeRole through the cache the AWS CLI shares: a fresh entry for the same parameters is used as
 * is (no STS call, no MFA prompt); otherwise the call's result is stored for the next command.
 */
async function cachedAssumeRole(opts, ctx) {
  const cache = ctx.cache;
  const key = cache ? cacheKeyOfOptions(opts) : undefined;
  const hit = cache?.get(key);
  if (hit) return hit;
  if (ctx.askTokenCode) opts.tokenCode = await ctx.askTokenCode();
  const result = await api.assumeRole(opts);
  cache?.set(key, result);
  return result;
}

function pick(object, keys) {
  const out = {};
  for (const k of keys) if (object[k] !== undefined) out[k] = object[k];
  return out;
}

function printCredentials(credentials, flags) {
  const options = flags.credentialsProfile ? { profile: flags.credentialsProfile } : undefined;
  return renderExports(credentials, flags.format ?? "json", options);
}

async function main(argv, env) {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(HELP.main);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP.main);
    return 0;
  }
  if (command === "--version") {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(", ")})`);
  let args = rest;
  let childCommand = [];
  if (spec.subcommands) {
    const [sub, ...more] = rest;
    if (sub === "--help" || sub === "-h") args = rest;
    else if (!spec.subcommands.includes(sub)) throw new UsageError(`${command} needs a subcommand: ${spec.subcommands.join(", ")}`);
    else args = more;
  }
  if (spec.takesCommand) {
    // exec: flags before `--`, the command after it, passed on untouched.
    const dash = rest.indexOf("--");
    if (dash !== -1) {
      args = rest.slice(0, dash);
      childCommand = rest.slice(dash + 1);
    }
  }
  let flags;
  try {
    flags = parseFlags(args, spec.flags);
  } catch (e) {
    if (spec.takesCommand && e instanceof UsageError && e.message.startsWith("unexpected argument")) {
      throw new UsageError(`${e.message}: put the command after --, e.g. assume-role-wasm ${command} --profile NAME -- aws s3 ls`);
    }
    throw e;
  }
  if (flags.help) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  for (const name of spec.required) {
    if (flags[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] === undefined) throw new UsageError(`--${name} is required`);
  }
  if (spec.offline) {
    process.stdout.write(await spec.run(flags));
    return 0;
  }
  if (spec.own) return spec.run(flags, env, childCommand);
  const operation = OPERATIONS.find((o) => o.cli === command);
  if (flags.format !== undefined && operation?.credentials && !ACCEPTED_FORMATS.includes(flags.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  }
  if (spec.unsigned) {
    // Web identity and SAML: the token or assertion is the proof of identity; no keys are looked up.
    const base = {};
    const region = resolveRegion(flags, env);
    if (region) base.region = region;
    const endpoint = resolveEndpoint(flags, env);
    if (endpoint) base.endpoint = endpoint;
    process.stdout.write(await spec.run(flags, base));
    return 0;
  }
  const ctx = { cache: openCache(flags, env), askTokenCode: undefined };
  if (flags.serialNumber !== undefined && flags.tokenCode === undefined) {
    if (!process.stdin.isTTY) throw new UsageError("--serial-number without --token-code needs a terminal to ask for the code");
    // Asked only when the call is really made (assume-role may find fresh credentials in the cache).
    ctx.askTokenCode = () => promptLine(`MFA code for ${flags.serialNumber}: `);
  }

  // AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE (EKS, CI) when no keys are given, as botocore does.
  const source = (await webIdentitySource(flags, env, api.assumeRoleWithWebIdentity)) ?? (await commandCredentials(flags, env));
  if (command === "assume-role" && source.fromEarlierAssume) {
    // Not an error (chaining is legitimate), but a second `eval "$(… assume-role …)"` in the same shell
    // surprises people: it assumes from the first role, not from their own keys.
    process.stderr.write(
      "assume-role-wasm: note: the source keys come from AWS_* variables that look like an earlier assume-role " +
        "(AWS_CREDENTIAL_EXPIRATION is set), so this chains roles; to start from your own keys, run " +
        "`eval \"$(assume-role-wasm unset --format bash)\"` and pass --profile.\n",
    );
  }
  const { credentials } = source;
  const base = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    ...(source.region ? { region: source.region } : {}),
    ...(source.endpoint ? { endpoint: source.endpoint } : {}),
  };

  process.stdout.write(await spec.run(flags, base, ctx));
  return 0;
}

/** One line per fact, never a secret: the wasm's messages are secret-free by contract. What came from the
 * network is printed with its control characters escaped (lib/safe-text.js). */
function describe(error) {
  return describeRaw(error).map(safeText);
}
function describeRaw(error) {
  if (error instanceof UsageError) return [`assume-role-wasm: ${error.message}`, "Try 'assume-role-wasm --help'."];
  if (error instanceof SourceError) return [`assume-role-wasm: ${error.message}`];
  if (error instanceof ConsoleError) return [`assume-role-wasm: ${error.code}: ${error.message}`];
  if (isStsError(error)) {
    const where = [error.status && `HTTP ${error.status}`, error.requestId && `request id ${error.requestId}`].filter(Boolean);
    const field = error.field ? ` (--${flagOf(error.field)})` : "";
    // The wasm's messages may already start with "Code: " or "field: "; say each thing once.
    let message = error.message;
    for (const prefix of [error.code, error.field]) if (prefix && message.startsWith(`${prefix}: `)) message = message.slice(prefix.length + 2);
    const lines = [`assume-role-wasm: ${error.code}${field}: ${message}${where.length ? ` [${where.join(", ")}]` : ""}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    return lines;
  }
  return [`assume-role-wasm: unexpected error: ${error?.name ?? "Error"}: ${error?.message ?? String(error)}`];
}

/** The flag for an InvalidParameter field: `targetAccessKeyId` → `access-key-id`, `tags[1].key` → `tags`. */
function flagOf(field) {
  const js = field.replace(/[[.].*$/, "");
  for (const o of OPERATIONS) {
    const m = o.input.find((x) => x.js === js);
    if (m) return m.cli;
  }
  return kebab(js);
}

function exitCodeOf(error) {
  if (error instanceof UsageError) return 2;
  // An InvalidParameter is a value the user typed wrong: a usage error like an unknown flag.
  if (isStsError(error) && error.code === "InvalidParameter") return 2;
  return 1;
}

try {
  process.exitCode = await main(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(describe(error).join("\n") + "\n");
  if (isStsError(error)) process.stderr.write(renderFix(error.fix));
  process.exitCode = exitCodeOf(error);
}
