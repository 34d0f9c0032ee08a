// Text that came from the network, made safe to print on a terminal. An STS endpoint (or anything that
// answers in its place: a proxy, a link's endpoint) chooses the bytes of its error codes, messages and
// request ids and of a caller identity; printed raw, ESC/OSC sequences would run in the user's terminal
// (OSC 52 writes the clipboard, CSI sequences rewrite the screen, a newline forges a "hint:" line). The
// core decodes XML character references (`&#27;`), so they arrive here as the same raw characters.
//
// Every C0 control (U+0000–U+001F, tab and newline included), DEL and every C1 control (U+0080–U+009F),
// plus the bidirectional overrides that make text read differently than it is stored ("Trojan Source"),
// is shown as a visible escape (`\x1b`, `\u202e`) instead.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw inside strings (it escapes C0 itself; the newlines it adds are layout).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

const visible = (c) => {
  if (NAMED[c]) return NAMED[c];
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** `value` as one printable line: controls become visible escapes. */
export function safeText(value) {
  return String(value ?? "").replace(UNSAFE, visible);
}

/**
 * JSON text whose strings hold no raw control character. JSON.stringify already escapes C0; this escapes
 * DEL, C1 and the bidi overrides the same way (`\u009b`), which keeps the JSON valid and its values equal.
 */
export function safeJson(value, indent) {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
