// One CLI subcommand per STS operation, built from the wasm's operation table (AWS's model): the
// subcommand and flag names are the AWS CLI's (`assume-role-with-saml --saml-assertion …`), the flag kinds
// and help lines come from each member's type and limits. Nothing here lists operations or members.

import { readFileSync } from "node:fs";
import { operations } from "../../js/node.js";
import { UsageError } from "./args.js";

export const OPERATIONS = operations();

/** The parseFlags kind of a member: scalars take one value, lists take every value up to the next flag. */
function kindOf(member) {
  switch (member.type) {
    case "integer":
      return "int";
    case "boolean":
      return "bool";
    case "list":
      return "list";
    case "structure":
    case "map":
      return "json";
    default:
      return "string";
  }
}

/** `{ "role-arn": "string", "tags": "list", … }` for parseFlags. */
export function memberFlags(op) {
  return Object.fromEntries(op.input.map((m) => [m.cli, kindOf(m)]));
}

/** `file://path` reads the value from a file, as the AWS CLI does (one trailing newline dropped). */
function fileValue(value, flag) {
  if (typeof value !== "string" || !value.startsWith("file://")) return value;
  const file = value.slice("file://".length);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read ${JSON.stringify(file)} (${e.code ?? e.message}); give a readable file after file://, or the value itself`);
  }
  return text.replace(/\r?\n$/, "");
}

/** `Key=Team,Value=ops` → `{ key: "Team", value: "ops" }` (member names matched case-insensitively). */
function shorthand(text, members, flag) {
  const out = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    const name = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : "";
    const member = members.find((m) => m.name.toLowerCase() === name || m.js.toLowerCase() === name);
    if (!member) {
      throw new UsageError(`--${flag}: expected ${members.map((m) => `${m.name}=…`).join(",")} or JSON, not ${JSON.stringify(part.slice(0, 40))}`);
    }
    out[member.js] = part.slice(eq + 1);
  }
  return out;
}

function parseJson(text, flag) {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag}: not valid JSON (or the AWS CLI's shorthand)`);
  }
}

/** Model-named JSON (`{"Key": …}`, as the AWS CLI takes it) → the JS API's names (`{ key: … }`). */
function toJsNames(value, members) {
  if (!value || typeof value !== "object" || Array.isArray(value) || !members) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const m = members.find((x) => x.name === k || x.js === k);
    out[m ? m.js : k] = m?.members ? toJsNames(v, m.members) : v;
  }
  return out;
}

function convert(member, raw) {
  const flag = member.cli;
  if (member.type === "list") {
    const values = raw.map((v) => fileValue(v, flag));
    const item = member.member;
    if (values.length === 1 && values[0].trim().startsWith("[")) {
      const list = parseJson(values[0], flag);
      return item.type === "structure" ? list.map((x) => toJsNames(x, item.members)) : list;
    }
    if (item.type !== "structure") return item.type === "integer" ? values.map(Number) : values;
    return values.map((v) => {
      if (v.trim().startsWith("{")) return toJsNames(parseJson(v, flag), item.members);
      // A one-member structure (`policyArns: [{ arn }]`) takes the bare value too.
      if (item.members.length === 1 && !v.includes("=")) return v;
      return shorthand(v, item.members, flag);
    });
  }
  const value = fileValue(raw, flag);
  if (member.type === "structure") {
    if (value.trim().startsWith("{")) return toJsNames(parseJson(value, flag), member.members);
    if (member.members.length === 1 && !value.includes("=")) return value;
    return shorthand(value, member.members, flag);
  }
  if (member.type === "map") return parseJson(value, flag);
  return value;
}

/** The JS API options for the member flags that were given (flags keyed by camelCased flag name). */
export function memberOptions(op, flags) {
  const out = {};
  for (const m of op.input) {
    const key = m.cli.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (flags[key] !== undefined) out[m.js] = convert(m, flags[key]);
  }
  return out;
}

function limits(m) {
  const parts = [];
  if (m.type === "string" && (m.min || m.max)) parts.push(m.min === m.max ? `${m.min} characters` : `${m.min ?? 0}–${m.max ?? "…"} characters`);
  if (m.type === "integer" && (m.min !== undefined || m.max !== undefined)) parts.push(`${m.min ?? "…"}–${m.max ?? "…"}`);
  if (m.type === "list" && m.max) parts.push(`up to ${m.max}`);
  if (m.values) parts.push(m.values.join(" | "));
  return parts.join("; ");
}

function valueName(m) {
  if (m.type === "list") {
    const item = m.member;
    return item.type === "structure" ? `${item.members.map((x) => `${x.name}=…`).join(",")} …` : "VALUE …";
  }
  if (m.type === "structure") return m.members.length === 1 ? "ARN" : "JSON";
  if (m.type !== "string") return { integer: "N", boolean: "", map: "JSON" }[m.type] ?? "VALUE";
  if (m.sensitive) return "VALUE|file://PATH";
  // The model's naming says what a value is: RoleArn, RoleSessionName, ExternalId, TokenCode, Policy.
  const word = m.name.match(/(Arn|Name|Id|Code|Policy)$/)?.[1];
  return { Arn: "ARN", Name: "NAME", Id: "ID", Code: "CODE", Policy: "JSON" }[word] ?? "VALUE";
}
export { valueName };

/** The member lines of a subcommand's --help. */
export function memberHelp(op) {
  return op.input
    .map((m) => {
      const left = `  --${m.cli} ${valueName(m)}`.padEnd(34);
      const right = [m.required ? "(required)" : "", limits(m)].filter(Boolean).join(" ");
      return `${left} ${right}`.trimEnd();
    })
    .join("\n");
}

/** The AWS CLI's JSON output: the model's member names, 4-space indent. */
export function toModelJson(members, value) {
  if (Array.isArray(value)) return value.map((v) => toModelJson(members, v));
  if (!value || typeof value !== "object" || !members) return value;
  const out = {};
  for (const m of members) {
    if (value[m.js] === undefined) continue;
    out[m.name] = toModelJson(m.members ?? m.member?.members, value[m.js]);
  }
  return out;
}

/** The AWS CLI's text output for flat results: the values (each through `escape`), keys sorted, tab-separated. */
export function toText(members, value, escape = String) {
  return (
    members
      .filter((m) => value[m.js] !== undefined && typeof value[m.js] !== "object")
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => escape(String(value[m.js])))
      .join("\t") + "\n"
  );
}
