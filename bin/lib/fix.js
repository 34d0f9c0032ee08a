// err.fix for a terminal: printed to stderr after the error as commented shell lines, so that pasting the
// whole block runs nothing. Each command is on its own line after "#   "; copy it without that prefix.
//
// Every text comes from STS's message (hostile): control characters (terminal escapes, line breaks that
// would end the comment and make the rest a live command, bidi overrides) are shown as visible escapes
// by safe-text.js, never written raw; so are the Unicode line separators.

import { safeText, safeJson } from "./safe-text.js";

const visible = (s) => safeText(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** The fix as "# "-prefixed lines, ending with a newline; "" when there is no fix. */
export function renderFix(fix) {
  if (!fix || typeof fix.summary !== "string") return "";
  const lines = ["", `fix: ${fix.summary}`];
  const block = (title, text) => {
    lines.push("", `${title}:`);
    for (const line of text.split("\n")) lines.push(`  ${line}`);
  };
  if (fix.trustStatement) block("statement for the role's trust policy", safeJson(fix.trustStatement, 2));
  if (fix.identityStatement) block("statement for the caller's own policy", safeJson(fix.identityStatement, 2));
  const commands = Array.isArray(fix.commands) ? fix.commands : [];
  if (commands.length) {
    lines.push("", "AWS CLI commands that apply it (bash/zsh; run each with credentials allowed to change IAM, without the leading \"#   \"):");
    for (const c of commands) lines.push(`  ${c}`);
  }
  // The core only hands out a token of base64url-ish characters; anything else is not offered.
  if (typeof fix.encodedMessage === "string" && /^[A-Za-z0-9+/=_-]{16,16384}$/.test(fix.encodedMessage)) {
    lines.push("", "or decode the reason with this tool and the same credentials:");
    lines.push(`  assume-role-wasm decode-authorization-message --encoded-message ${fix.encodedMessage}`);
  }
  const notes = Array.isArray(fix.notes) ? fix.notes : [];
  if (notes.length) {
    lines.push("", "notes:");
    for (const n of notes) lines.push(`  - ${n}`);
  }
  return lines.map((l) => (l ? `# ${visible(l)}` : "#")).join("\n") + "\n";
}

/** The commands back out of renderFix's output (for tests and for `grep`-style reuse). */
export function commandsFrom(text) {
  const out = [];
  let inCommands = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("# AWS CLI commands")) inCommands = true;
    else if (inCommands && line.startsWith("#   ")) out.push(line.slice(4));
    else if (inCommands) inCommands = false;
  }
  return out;
}
