#!/usr/bin/env node
// The assume-role-wasm CLI: AWS CLI-style `assume-role`, `get-session-token` and
// `get-caller-identity` on the package's wasm. Usable as a credential_process.
// Exit status: 0 ok, 2 usage error, 1 everything else (see lib/help.js).

import { readFileSync } from "node:fs";
import { assumeRole, getCallerIdentity, getSessionToken, renderExports, renderUnset, isStsError } from "../js/node.js";
import { parseFlags, UsageError, kebab } from "./lib/args.js";
import { HELP, FORMATS, SHELL_FORMATS } from "./lib/help.js";
import { promptLine } from "./lib/prompt.js";
import { resolveSourceCredentials, resolveRegion, resolveEndpoint, SourceError } from "./lib/source.js";
import { renderFix } from "./lib/fix.js";

const COMMON_FLAGS = { region: "string", "endpoint-url": "string", profile: "string", help: "bool" };
const CREDENTIAL_FLAGS = { ...COMMON_FLAGS, format: "string", "credentials-profile": "string" };

const COMMANDS = {
  "assume-role": {
    flags: {
      ...CREDENTIAL_FLAGS,
      "role-arn": "string",
      "role-session-name": "string",
      "duration-seconds": "int",
      "external-id": "string",
      "serial-number": "string",
      "token-code": "string",
      policy: "string",
    },
    required: ["role-arn", "role-session-name"],
    async run(flags, base) {
      const result = await assumeRole({
        ...base,
        ...pick(flags, ["roleArn", "roleSessionName", "durationSeconds", "externalId", "serialNumber", "tokenCode", "policy"]),
      });
      return printCredentials(result.credentials, flags);
    },
  },
  "get-session-token": {
    flags: { ...CREDENTIAL_FLAGS, "duration-seconds": "int", "serial-number": "string", "token-code": "string" },
    required: [],
    async run(flags, base) {
      const result = await getSessionToken({ ...base, ...pick(flags, ["durationSeconds", "serialNumber", "tokenCode"]) });
      return printCredentials(result.credentials, flags);
    },
  },
  "get-caller-identity": {
    flags: { ...COMMON_FLAGS, format: "string" },
    required: [],
    async run(flags, base) {
      const format = flags.format ?? "json";
      if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text for get-caller-identity`);
      const id = await getCallerIdentity(base);
      // The AWS CLI's shapes: JSON keys in this order; text output sorts the keys.
      return format === "json"
        ? JSON.stringify({ UserId: id.userId, Account: id.account, Arn: id.arn }, null, 4) + "\n"
        : `${id.account}\t${id.arn}\t${id.userId}\n`;
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
  if (spec.offline) {
    process.stdout.write(await spec.run(flags));
    return 0;
  }
  if (flags.format !== undefined && command !== "get-caller-identity" && !FORMATS.includes(flags.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  }
  if (flags.tokenCode !== undefined && flags.serialNumber === undefined) {
    throw new UsageError("--token-code needs --serial-number");
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

/** One line per fact, never a secret: the wasm's messages are secret-free by contract. */
function describe(error) {
  if (error instanceof UsageError) return [`assume-role-wasm: ${error.message}`, "Try 'assume-role-wasm --help'."];
  if (error instanceof SourceError) return [`assume-role-wasm: ${error.message}`];
  if (isStsError(error)) {
    const where = [error.status && `HTTP ${error.status}`, error.requestId && `request id ${error.requestId}`].filter(Boolean);
    const field = error.field ? ` (--${kebab(error.field.replace(/\[.*$/, ""))})` : "";
    // The wasm's messages may already start with "Code: " or "field: "; say each thing once.
    let message = error.message;
    for (const prefix of [error.code, error.field]) if (prefix && message.startsWith(`${prefix}: `)) message = message.slice(prefix.length + 2);
    const lines = [`assume-role-wasm: ${error.code}${field}: ${message}${where.length ? ` [${where.join(", ")}]` : ""}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    return lines;
  }
  return [`assume-role-wasm: unexpected error: ${error?.name ?? "Error"}: ${error?.message ?? String(error)}`];
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
