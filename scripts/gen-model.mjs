#!/usr/bin/env node
// Generates the operation table and the endpoint data from AWS's own files (vendor/), as the AWS SDKs do
// (and the export formats' TypeScript names from src/exports.rs's FORMATS table):
//   vendor/sts/service-2.json        → src/model/generated.rs (operations, members, constraints),
//                                      js/operations.js (one JS function per operation),
//                                      js/operations.d.ts (option and result types, the model's docs as JSDoc)
//   vendor/endpoints/partitions.json → src/model/generated.rs (partitions, regions, DNS suffixes)
// `node scripts/gen-model.mjs --check` writes nothing and fails when a committed file differs (the drift test).
// Anything the generator does not understand (a new pattern form, a new shape type) stops it with an error,
// so a model update is reviewed instead of silently mis-translated.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const model = JSON.parse(readFileSync(join(root, "vendor/sts/service-2.json"), "utf8"));
const partitions = JSON.parse(readFileSync(join(root, "vendor/endpoints/partitions.json"), "utf8"));
const SOURCE = "vendor/sts/service-2.json (botocore 1.44.8) and vendor/endpoints/partitions.json";

// ---- names ----------------------------------------------------------------------------------------

/** `SAMLAssertion` → [SAML, Assertion]; `AssumeRoleWithSAML` → [Assume, Role, With, SAML]. */
export function words(name) {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [name];
}
const lowerCamel = (name) =>
  words(name)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
/** The AWS CLI's names (botocore's xform_name): `SAMLAssertion` → `saml-assertion`. */
const kebab = (name) => words(name).map((w) => w.toLowerCase()).join("-");

// JS option names that would collide with the client's own options (source credentials, region…).
// GetAccessKeyInfo's AccessKeyId is the key asked about, not the one that signs: `targetAccessKeyId`.
const JS_RENAMES = { "GetAccessKeyInfo.AccessKeyId": "targetAccessKeyId" };
const CLIENT_OPTIONS = ["accessKeyId", "secretAccessKey", "sessionToken", "expiration", "region", "useFips", "useDualStack", "endpoint", "timeoutMs", "fetch"];

// ---- docs -----------------------------------------------------------------------------------------

function plainText(html = "") {
  return html
    .replace(/<\/p>\s*<p>/g, "\n\n")
    .replace(/<li>/g, "\n- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
function firstSentence(html) {
  const text = plainText(html).split("\n")[0];
  const m = text.match(/^.*?[.!?](?=\s|$)/);
  return (m ? m[0] : text).slice(0, 200);
}
function jsdoc(html, indent) {
  const text = plainText(html).replace(/\*\//g, "*\\/");
  if (!text) return "";
  const lines = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      if (line && line.length + word.length + 1 > 100) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? " " + l : ""}`).join("\n")}\n${indent} */\n`;
}

// ---- patterns → character sets --------------------------------------------------------------------

const CLASS_L = 1, CLASS_Z = 2, CLASS_N = 4;

/** Parse one regex bracket class (`[\w+=,.@-]`) into ranges and Unicode-category flags. */
function parseClass(src) {
  if (src[0] !== "[" || src[src.length - 1] !== "]") throw new Error(`not a bracket class: ${src}`);
  const body = src.slice(1, -1);
  const ranges = [];
  let classes = 0;
  let i = 0;
  const atom = () => {
    const c = body[i++];
    if (c !== "\\") return { cp: c.codePointAt(0) };
    const e = body[i++];
    if (e === "w") return { set: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]] };
    if (e === "d") return { set: [[0x30, 0x39]] };
    if (e === "p") {
      const m = body.slice(i).match(/^\{([A-Z])\}/);
      if (!m) throw new Error(`unknown \\p in ${src}`);
      i += m[0].length;
      const flag = { L: CLASS_L, Z: CLASS_Z, N: CLASS_N }[m[1]];
      if (!flag) throw new Error(`unsupported category \\p{${m[1]}} in ${src}`);
      return { flag };
    }
    if (e === "u" || e === "x") {
      // `\u10000` and `\u10FFFF` in the model mean U+10000 and U+10FFFF: read up to 6 hex digits.
      const m = body.slice(i).match(e === "u" ? /^[0-9A-Fa-f]{4,6}/ : /^[0-9A-Fa-f]{2}/);
      if (!m) throw new Error(`bad \\${e} escape in ${src}`);
      i += m[0].length;
      return { cp: parseInt(m[0], 16) };
    }
    if ("-/:.+=@,_".includes(e)) return { cp: e.codePointAt(0) };
    throw new Error(`unknown escape \\${e} in ${src}`);
  };
  while (i < body.length) {
    const a = atom();
    if (a.set) ranges.push(...a.set);
    else if (a.flag) classes |= a.flag;
    else if (body[i] === "-" && i + 1 < body.length) {
      i++;
      const b = atom();
      if (b.cp === undefined) throw new Error(`bad range in ${src}`);
      ranges.push([a.cp, b.cp]);
    } else ranges.push([a.cp, a.cp]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return { ranges: merged, classes, tokens: false };
}

/** A model pattern → a character set: `[…]*`, `[…]+`, or space-separated words `[…]+( […]+)*`. */
function parsePattern(pattern) {
  let m = pattern.match(/^(\[.*\])[*+]$/);
  if (m) return parseClass(m[1]);
  m = pattern.match(/^(\[[^\]]*\])\+\( (\[[^\]]*\])\+\)\*$/);
  if (m && m[1] === m[2]) return { ...parseClass(m[1]), tokens: true };
  throw new Error(`pattern form not understood (extend scripts/gen-model.mjs): ${pattern}`);
}

const has = (set, lo, hi) => set.ranges.some(([a, b]) => a <= lo && b >= hi);
/** A short description of a character set, for error messages and forms. */
function describeChars(set) {
  const parts = [];
  const letters = has(set, 0x41, 0x5a) && has(set, 0x61, 0x7a);
  const digits = has(set, 0x30, 0x39);
  if (set.tokens) return "words of printable ASCII characters other than \" and \\, separated by single spaces";
  if (has(set, 0x20, 0x7e)) {
    const top = Math.max(...set.ranges.map((r) => r[1]));
    parts.push(top >= 0xfffd ? "printable characters" : top >= 0xff ? "printable ASCII and Latin-1 characters (up to U+00FF)" : "printable ASCII characters");
    if (has(set, 9, 10) && has(set, 13, 13)) parts.push("tabs and line breaks");
    return parts.join(", ");
  }
  if (set.classes & CLASS_L) parts.push("letters");
  else if (letters) parts.push("ASCII letters");
  if (set.classes & CLASS_N) parts.push("numbers");
  else if (digits) parts.push("digits");
  if (set.classes & CLASS_Z) parts.push("spaces");
  const inSet = (cp) => set.ranges.some(([a, b]) => a <= cp && cp <= b);
  let punct = "";
  for (let cp = 0x21; cp < 0x7f; cp++) {
    const c = String.fromCodePoint(cp);
    if (inSet(cp) && !(/[A-Za-z]/.test(c) && letters) && !(/[0-9]/.test(c) && digits)) punct += c;
  }
  if (punct) parts.push(punct);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0] ?? "";
}

// ---- shapes ---------------------------------------------------------------------------------------

const shapes = model.shapes;
const upperSnake = (name) => words(name.replace(/[^A-Za-z0-9]/g, "")).map((w) => w.toUpperCase()).join("_");
const charsets = new Map(); // key → { ident, set, description }
const emittedShapes = new Map(); // shape name → rust code of its static
const emittedMembers = new Map(); // struct name → rust code of its member array

function charsetIdent(pattern) {
  const set = parsePattern(pattern);
  const key = JSON.stringify(set); // `[…]*` and `[…]+` share a set: the length rule carries the difference
  if (!charsets.has(key)) charsets.set(key, { ident: `CHARS_${charsets.size}`, set, description: describeChars(set) });
  return charsets.get(key).ident;
}

const rustStr = (s) => JSON.stringify(s).replace(/\\u([0-9a-fA-F]{4})/g, "\\u{$1}");
const opt = (v) => (v === undefined ? "None" : `Some(${v})`);

function shapeIdent(name) {
  const ident = `SH_${upperSnake(name)}`;
  if (emittedShapes.has(name)) return ident;
  emittedShapes.set(name, null); // placeholder against cycles
  const s = shapes[name];
  let code;
  switch (s.type) {
    case "string": {
      const chars = s.pattern ? `Some(&${charsetIdent(s.pattern)})` : "None";
      const values = s.enum ? `&[${s.enum.map(rustStr).join(", ")}]` : "&[]";
      code = `Shape::Str(StrRule { min: ${s.min ?? 0}, max: ${opt(s.max)}, chars: ${chars}, sensitive: ${!!s.sensitive}, values: ${values} })`;
      break;
    }
    case "integer":
    case "long":
      code = `Shape::Int { min: ${opt(s.min)}, max: ${opt(s.max)} }`;
      break;
    case "boolean":
      code = "Shape::Bool";
      break;
    case "timestamp":
      code = "Shape::Timestamp";
      break;
    case "list":
      code = `Shape::List { member: &${shapeIdent(s.member.shape)}, min: ${s.min ?? 0}, max: ${opt(s.max)} }`;
      break;
    case "map":
      code = `Shape::Map { key: &${shapeIdent(s.key.shape)}, value: &${shapeIdent(s.value.shape)} }`;
      break;
    case "structure":
      code = `Shape::Struct(&${membersIdent(name)})`;
      break;
    default:
      throw new Error(`shape type ${s.type} (${name}) not supported`);
  }
  emittedShapes.set(name, `static ${ident}: Shape = ${code};`);
  return ident;
}

function membersIdent(structName, action, requiredOverride) {
  const ident = `MEMBERS_${upperSnake(structName)}`;
  if (emittedMembers.has(structName)) return ident;
  emittedMembers.set(structName, null);
  const s = shapes[structName];
  const required = requiredOverride ?? new Set(s.required ?? []);
  const rows = Object.entries(s.members).map(([name, m]) => {
    const js = JS_RENAMES[`${action}.${name}`] ?? lowerCamel(name);
    return `    Member { name: ${rustStr(name)}, js: ${rustStr(js)}, cli: ${rustStr(kebab(name))}, required: ${required.has(name)}, shape: &${shapeIdent(m.shape)} },`;
  });
  emittedMembers.set(structName, `static ${ident}: [Member; ${rows.length}] = [\n${rows.join("\n")}\n];`);
  return ident;
}

// ---- operations -----------------------------------------------------------------------------------

const ops = Object.entries(model.operations).map(([action, op]) => {
  // Unsigned: botocore marks them `authtype: none`, Smithy `auth: [smithy.api#noAuth]`. Both must agree.
  const unsignedA = op.authtype === "none";
  const unsignedB = Array.isArray(op.auth) && op.auth.includes("smithy.api#noAuth");
  if (unsignedA !== unsignedB) throw new Error(`${action}: authtype and auth disagree`);
  const input = shapes[op.input.shape];
  const output = shapes[op.output.shape];
  for (const name of Object.keys(input.members)) {
    const js = JS_RENAMES[`${action}.${name}`] ?? lowerCamel(name);
    if (CLIENT_OPTIONS.includes(js)) throw new Error(`${action}.${name} collides with client option ${js}: add a JS_RENAMES entry`);
  }
  if (op.output.resultWrapper !== `${action}Result`) throw new Error(`${action}: unexpected resultWrapper ${op.output.resultWrapper}`);
  return {
    action,
    js: lowerCamel(action),
    cli: kebab(action),
    signed: !unsignedA,
    inputShape: op.input.shape,
    outputShape: op.output.shape,
    credentials: "Credentials" in output.members,
    doc: op.documentation,
  };
});
// Per-struct member arrays are shared, but the input structs are per operation (renames are per action).
// What makes an answer an answer. The model requires no top-level output member, but a result without
// them is useless: the credentials and who they belong to (AssumedRoleUser, FederatedUser) of a
// credential operation, every top-level string of the others (GetCallerIdentity's Account/Arn/UserId…).
// The parser refuses an answer without them; the TypeScript results mark them non-optional.
function essentialOutputs(op) {
  const members = shapes[op.outputShape].members;
  return new Set(
    Object.entries(members)
      .filter(([name, m]) =>
        op.credentials
          ? ["Credentials", "AssumedRoleUser", "FederatedUser"].includes(name)
          : ["string", "timestamp"].includes(shapes[m.shape].type),
      )
      .map(([name]) => name),
  );
}
for (const op of ops) {
  op.inputIdent = membersIdent(op.inputShape, op.action);
  op.essential = essentialOutputs(op);
  op.outputIdent = membersIdent(op.outputShape, op.action, op.essential);
}

// ---- Unicode tables for \p{L} \p{Z} \p{N} ---------------------------------------------------------
// Rust's char::is_alphabetic is the Alphabetic property: letters plus letter numbers plus Other_Alphabetic
// (mostly combining vowel signs, which are marks, not \p{L}). The model's classes exclude marks, so the
// core subtracts these ranges; \p{Z} is small enough to list whole.
function rangesOf(test) {
  const out = [];
  let start = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const inSet = cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) && test(String.fromCodePoint(cp));
    if (inSet && start < 0) start = cp;
    if (!inSet && start >= 0) {
      out.push([start, cp - 1]);
      start = -1;
    }
  }
  return out;
}
const alphabeticNotLN = rangesOf((c) => /\p{Alphabetic}/u.test(c) && !/[\p{L}\p{N}]/u.test(c));
const separators = rangesOf((c) => /\p{Z}/u.test(c));
const hex = (n) => `0x${n.toString(16).toUpperCase()}`;
const rangeList = (rs) => rs.map(([a, b]) => `(${hex(a)}, ${hex(b)})`).join(", ");

// ---- partitions -----------------------------------------------------------------------------------

/** `^(us|eu)\-\w+\-\d+$` → prefixes ["us-", "eu-"]; the rest of every STS partition pattern is `\w+\-\d+`. */
function regionPrefixes(regex) {
  const m = regex.match(/^\^(.*)\\-\\w\+\\-\\d\+\$$/);
  if (!m) throw new Error(`region pattern not understood: ${regex}`);
  let prefixes = [""];
  const src = m[1].replace(/\\-/g, "-");
  for (const part of src.split(/(\([^)]*\))/).filter(Boolean)) {
    const alts = part.startsWith("(") ? part.slice(1, -1).split("|") : [part];
    if (alts.some((a) => !/^[a-z-]+$/.test(a))) throw new Error(`region pattern part not understood: ${part}`);
    prefixes = prefixes.flatMap((p) => alts.map((a) => p + a));
  }
  return prefixes.map((p) => `${p}-`);
}

const partitionRows = partitions.partitions.map((p) => {
  const o = p.outputs;
  const regions = Object.entries(p.regions).map(([id, r]) => `(${rustStr(id)}, ${rustStr(r.description ?? "")})`);
  return `    Partition {
        id: ${rustStr(p.id)},
        region_prefixes: &[${regionPrefixes(p.regionRegex).map(rustStr).join(", ")}],
        regions: &[${regions.join(", ")}],
        dns_suffix: ${rustStr(o.dnsSuffix)},
        dual_stack_dns_suffix: ${rustStr(o.dualStackDnsSuffix)},
        supports_fips: ${o.supportsFIPS},
        supports_dual_stack: ${o.supportsDualStack},
    },`;
});

// ---- Rust output ----------------------------------------------------------------------------------

const rust = `// @generated by scripts/gen-model.mjs from ${SOURCE}.
// Do not edit: change the vendored files or the generator, then run \`node scripts/gen-model.mjs\`.
#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(clippy::all)]

use super::types::*;

/// STS API version sent with every request.
pub const API_VERSION: &str = ${rustStr(model.metadata.apiVersion)};

/// Every operation of the model, by action name.
pub static OPERATIONS: [Operation; ${ops.length}] = [
${ops
  .map(
    (o) => `    Operation { action: ${rustStr(o.action)}, js: ${rustStr(o.js)}, cli: ${rustStr(o.cli)}, signed: ${o.signed}, credentials: ${o.credentials}, input: &${o.inputIdent}, output: &${o.outputIdent}, summary: ${rustStr(firstSentence(o.doc))} },`,
  )
  .join("\n")}
];

${[...emittedMembers.values()].join("\n")}

${[...emittedShapes.values()].join("\n")}

${[...charsets.values()].map((c) => `static ${c.ident}: CharSet = CharSet { ranges: &[${rangeList(c.set.ranges)}], letters: ${!!(c.set.classes & CLASS_L)}, separators: ${!!(c.set.classes & CLASS_Z)}, numbers: ${!!(c.set.classes & CLASS_N)}, words: ${c.set.tokens}, description: ${rustStr(c.description)} };`).join("\n")}

/// Alphabetic (Rust's \`char::is_alphabetic\`) but neither \\p{L} nor \\p{N}: mostly combining marks.
pub static ALPHABETIC_NOT_LETTER: [(u32, u32); ${alphabeticNotLN.length}] = [${rangeList(alphabeticNotLN)}];
/// \\p{Z}: space, line and paragraph separators.
pub static SEPARATORS: [(u32, u32); ${separators.length}] = [${rangeList(separators)}];

/// AWS partitions, in the order the SDKs match a region against them.
pub static PARTITIONS: [Partition; ${partitionRows.length}] = [
${partitionRows.join("\n")}
];
`;

// ---- JS output ------------------------------------------------------------------------------------

const js = `// @generated by scripts/gen-model.mjs from ${SOURCE}. Do not edit.
// One function per STS operation; how a call runs (load the wasm, pick the transport) is installed by the
// runtime's entry point (node.js, browser.js, deno.js, workerd.js) through runner.js.

import { runOperation } from "./runner.js";

${ops.map((o) => `/** sts:${o.action} — ${firstSentence(o.doc).replace(/\*\//g, "")} */\nexport const ${o.js} = (opts) => runOperation(${JSON.stringify(o.action)}, opts);`).join("\n")}
`;

// ---- TypeScript output ----------------------------------------------------------------------------

function tsType(shapeName, action) {
  const s = shapes[shapeName];
  switch (s.type) {
    case "string":
      return s.enum ? s.enum.map((v) => JSON.stringify(v)).join(" | ") : "string";
    case "integer":
    case "long":
      return "number";
    case "boolean":
      return "boolean";
    case "timestamp":
      return "string";
    case "list": {
      const m = shapes[s.member.shape];
      const inner = tsType(s.member.shape, action);
      // A list of one-member structs ({ arn }) also takes plain strings.
      if (m.type === "structure" && Object.keys(m.members).length === 1) return `Array<${inner} | string>`;
      return `${inner}[]`;
    }
    case "map":
      return `Record<string, ${tsType(s.value.shape, action)}>`;
    case "structure":
      return shapeName;
  }
  throw new Error(shapeName);
}

const tsStructs = new Set();
// Result keys the JS boundary adds beyond the model (src/wasm/convert.rs output_to_js).
const TS_EXTRAS = {
  DecodeAuthorizationMessageResult: "  /** `decodedMessage` parsed (the JSON document), when it parses. */\n  decoded?: unknown;\n",
};
function tsInterface(name, members, required, action, { extendsClause = "" } = {}) {
  let out = `export interface ${name}${extendsClause} {\n${TS_EXTRAS[name] ?? ""}`;
  for (const [member, m] of Object.entries(members)) {
    const js = JS_RENAMES[`${action}.${member}`] ?? lowerCamel(member);
    const s = shapes[m.shape];
    const limits = [];
    if (s.min !== undefined || s.max !== undefined) limits.push(s.type === "string" ? `${s.min ?? 0}–${s.max ?? "∞"} characters` : s.type === "list" ? `${s.min ?? 0}–${s.max ?? "∞"} items` : `${s.min ?? "…"}–${s.max ?? "…"}`);
    if (s.pattern) limits.push(describeChars(parsePattern(s.pattern)));
    const doc = (m.documentation ?? shapes[m.shape].documentation ?? "") + (limits.length ? `<p>Allowed: ${limits.join("; ")}.</p>` : "");
    out += jsdoc(doc, "  ");
    let type = tsType(m.shape, action);
    if (member === "TaskPolicyArn") type = `${type} | string`;
    out += `  ${js}${required.has(member) ? "" : "?"}: ${type};\n`;
    collectStructs(m.shape);
  }
  return `${out}}\n`;
}
function collectStructs(shapeName) {
  const s = shapes[shapeName];
  if (s.type === "structure" && !tsStructs.has(shapeName)) {
    tsStructs.add(shapeName);
    for (const m of Object.values(s.members)) collectStructs(m.shape);
  } else if (s.type === "list") collectStructs(s.member.shape);
  else if (s.type === "map") collectStructs(s.value.shape);
}

let dts = `// @generated by scripts/gen-model.mjs from ${SOURCE}. Do not edit.
// Options and results of every STS operation: the model's members in lowerCamelCase, with its documentation.

import type { ClientOptions, UnsignedClientOptions, ResultMetadata } from "./index.js";

`;
for (const o of ops) {
  const input = shapes[o.inputShape];
  const base = o.signed ? "ClientOptions" : "UnsignedClientOptions";
  dts += jsdoc(`Options of <code>${o.js}</code> (sts:${o.action}).${o.signed ? "" : " Unsigned: takes no access keys."}`, "");
  dts += tsInterface(`${o.action}Options`, input.members, new Set(input.required ?? []), o.action, { extendsClause: ` extends ${base}` });
  dts += "\n";
  const output = shapes[o.outputShape];
  dts += jsdoc(`Result of <code>${o.js}</code> (sts:${o.action}).`, "");
  dts += tsInterface(`${o.action}Result`, output.members, o.essential, o.action, { extendsClause: " extends ResultMetadata" });
  dts += "\n";
}
const structNames = [...tsStructs].sort();
for (const name of structNames) {
  const s = shapes[name];
  dts += jsdoc(s.documentation ?? "", "");
  dts += tsInterface(name, s.members, new Set(s.required ?? []), "");
  dts += "\n";
}
for (const o of ops) {
  dts += jsdoc(`${o.doc ?? ""}`, "");
  dts += `export function ${o.js}(opts: ${o.action}Options): Promise<${o.action}Result>;\n\n`;
}
dts += `/** Every operation's JS name. */\nexport type OperationName = ${ops.map((o) => JSON.stringify(o.js)).join(" | ")};\n`;

// The export formats' names, read from the one table of them (src/exports.rs FORMATS: data in Rust syntax),
// so that a new format is one entry there and the types follow.
const exportsRs = readFileSync(join(root, "src/exports.rs"), "utf8");
const formatRows = [...exportsRs.matchAll(/FormatInfo \{ format: Format::\w+, id: "([^"]+)", aliases: &\[([^\]]*)\], listed_aliases: (\d+),[^}]*?shell: (true|false)/g)].map(
  ([, id, aliases, listed, shell]) => ({ id, listed: [...aliases.matchAll(/"([^"]+)"/g)].map((m) => m[1]).slice(0, Number(listed)), shell: shell === "true" }),
);
if (formatRows.length === 0) throw new Error("no FormatInfo rows found in src/exports.rs");
const formatUnion = (rows) => rows.flatMap((f) => [f.id, ...f.listed]).map((n) => JSON.stringify(n)).join(" | ");
dts += `\n/** Output formats of \`renderExports\` (src/exports.rs; aliases such as \`zsh\` are listed with their format). */\nexport type ExportFormat = ${formatUnion(formatRows)};\n`;
dts += `\n/** Formats \`renderUnset\` accepts (the shell ones). */\nexport type ShellFormat = ${formatUnion(formatRows.filter((f) => f.shell))};\n`;

// ---- write or check -------------------------------------------------------------------------------

const outputs = {
  "src/model/generated.rs": rust,
  "js/operations.js": js,
  "js/operations.d.ts": dts,
};
const check = process.argv.includes("--check");
let drift = 0;
for (const [file, content] of Object.entries(outputs)) {
  const path = join(root, file);
  let current = null;
  try {
    current = readFileSync(path, "utf8");
  } catch {}
  if (current === content) continue;
  if (check) {
    console.error(`gen-model: ${file} differs from what vendor/ generates: run \`node scripts/gen-model.mjs\` and commit`);
    drift++;
  } else {
    writeFileSync(path, content);
    console.log(`gen-model: wrote ${file}`);
  }
}
if (check) {
  if (drift) process.exit(1);
  console.log(`gen-model: ${Object.keys(outputs).length} generated files match vendor/ (${ops.length} operations, ${partitions.partitions.length} partitions)`);
}
