#!/usr/bin/env node
// The assume-role-wasm CLI: AWS CLI-style `assume-role`, `get-session-token` and
// `get-caller-identity` on the package's wasm. Usable as a credential_process.
// Exit status: 0 ok, 2 usage error, 1 everything else (see lib/help.js).

import { readFileSync } from "node:fs";
import * as api from "../js/node.js";
import { renderExports, renderUnset, isStsError } from "../js/node.js";
import { parseFlags, UsageError, kebab } from "./lib/args.js";
import { HELP, FORMATS, SHELL_FORMATS, ACCEPTED_FORMATS } from "./lib/help.js";
import { promptLine } from "./lib/prompt.js";
import { OPERATIONS, memberFlags, memberOptions, toModelJson, toText } from "./lib/operations.js";
import { safeText, safeJson } from "./lib/safe-text.js";
import { resolveSourceCredentials, resolveRegion, resolveEndpoint, SourceError } from "./lib/source.js";

const COMMON_FLAGS = { region: "string", "endpoint-url": "string", profile: "string", help: "bool" };
const CREDENTIAL_FLAGS = { ...COMMON_FLAGS, format: "string", "credentials-profile": "string" };

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
    async run(flags, base) {
      const result = await api[operation.name]({ ...base, ...memberOptions(operation, flags) });
      if (operation.credentials) return printCredentials(result.credentials, flags);
      const format = flags.format ?? "json";
      if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text for ${operation.cli}`);
      // The AWS CLI's shapes: JSON with the model's names in its order; text sorts the keys. Every value
      // came from the network: no control character of it reaches the terminal (lib/safe-text.js).
      return format === "json"
        ? safeJson(toModelJson(operation.output, result), 4) + "\n"
        : safeText(toText(operation.output, result).replace(/\n$/, "")) + "\n";
    },
  };
}

const COMMANDS = {
  ...Object.fromEntries(OPERATIONS.map((o) => [o.cli, operationCommand(o)])),
  "get-caller-identity": {
    ...operationCommand(op("get-caller-identity")),
    async run(flags, base) {
      const format = flags.format ?? "json";
      if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text for get-caller-identity`);
      const id = await api.getCallerIdentity(base);
      // The AWS CLI's shapes: JSON keys in this order; text output sorts the keys. The values are the
      // endpoint's words: no control character of theirs reaches the terminal (lib/safe-text.js).
      return format === "json"
        ? safeJson({ UserId: id.userId, Account: id.account, Arn: id.arn }, 4) + "\n"
        : `${safeText(id.account)}\t${safeText(id.arn)}\t${safeText(id.userId)}\n`;
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
};

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
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(", ")})`);
  const flags = parseFlags(rest, spec.flags);
  if (flags.help) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  for (const name of spec.required) {
    if (flags[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] === undefined) throw new UsageError(`--${name} is required`);
  }
  if (spec.unsigned) {
    // Web identity and SAML: the token or assertion is the proof of identity; no keys are looked up.
    const base = {};
    const region = resolveRegion(flags, env, flags.profile);
    if (region) base.region = region;
    const endpoint = resolveEndpoint(flags, env);
    if (endpoint) base.endpoint = endpoint;
    process.stdout.write(await spec.run(flags, base));
    return 0;
  }
  if (spec.offline) {
    process.stdout.write(await spec.run(flags));
    return 0;
  }
  if (flags.format !== undefined && command !== "get-caller-identity" && !ACCEPTED_FORMATS.includes(flags.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  }
  if (flags.serialNumber !== undefined && flags.tokenCode === undefined) {
    if (!process.stdin.isTTY) throw new UsageError("--serial-number without --token-code needs a terminal to ask for the code");
    flags.tokenCode = await promptLine(`MFA code for ${flags.serialNumber}: `);
  }

  const source = resolveSourceCredentials(flags, env);
  if (command === "assume-role" && source.fromEarlierAssume) {
    // Not an error (chaining is legitimate), but a second `eval "$(… assume-role …)"` in the same shell
    // surprises people: it assumes from the first role, not from their own keys.
    process.stderr.write(
      "assume-role-wasm: note: the source keys come from AWS_* variables that look like an earlier assume-role " +
        "(AWS_CREDENTIAL_EXPIRATION is set), so this chains roles; to start from your own keys, run " +
        "`eval \"$(assume-role-wasm unset --format bash)\"` and pass --profile.\n",
    );
  }
  const base = {
    accessKeyId: source.accessKeyId,
    secretAccessKey: source.secretAccessKey,
    ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
  };
  const region = resolveRegion(flags, env, source.profile);
  if (region) base.region = region;
  const endpoint = resolveEndpoint(flags, env);
  if (endpoint) base.endpoint = endpoint;

  process.stdout.write(await spec.run(flags, base));
  return 0;
}

/**
 * One line per fact, never a secret (the wasm's messages are secret-free by contract), and never a raw
 * control character: codes, messages, request ids and hints can come from the endpoint.
 */
function describe(error) {
  return describeRaw(error).map(safeText);
}

function describeRaw(error) {
  if (error instanceof UsageError) return [`assume-role-wasm: ${error.message}`, "Try 'assume-role-wasm --help'."];
  if (error instanceof SourceError) return [`assume-role-wasm: ${error.message}`];
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
  process.exitCode = exitCodeOf(error);
}
