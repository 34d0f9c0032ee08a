// A small INI reader for ~/.aws/credentials and ~/.aws/config, following what botocore accepts:
// `[section]` headers, `key = value` (or `key: value`), full-line `#`/`;` comments, no inline
// comments (a `#` inside a value is part of it, as in botocore), and indented continuation lines
// under a key with no value (nested settings such as `s3 =\n  max_concurrent_requests = 5`, or a
// `[services x]` section's `sts =\n  endpoint_url = …`).
//
// By default nested settings are skipped (the key keeps its empty string value). With
// `{ nested: true }` such a key's value is a Map of its sub-settings instead, as botocore's
// `_parse_nested` builds it: only `sub = value` lines, split at the first `=`.

/**
 * @param {string} text
 * @param {{ nested?: boolean }} [options]
 * @returns {Map<string, Map<string, string | Map<string, string>>>} section name → key → value
 */
export function parseIni(text, { nested = false } = {}) {
  const sections = new Map();
  let current = null;
  let lastKey = null; // the key with an empty value that indented lines may belong to
  for (const rawLine of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(rawLine)) continue;
    if (/^\s/.test(rawLine) && current && lastKey !== null) {
      if (!nested) continue;
      const eq = rawLine.indexOf("=");
      if (eq === -1) continue; // botocore refuses the file here; a line we cannot read carries nothing we use
      let sub = current.get(lastKey);
      if (!(sub instanceof Map)) current.set(lastKey, (sub = new Map()));
      sub.set(rawLine.slice(0, eq).trim().toLowerCase(), rawLine.slice(eq + 1).trim());
      continue;
    }
    const line = rawLine.trim();
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (header) {
      current = sections.get(header[1]) ?? new Map();
      sections.set(header[1], current);
      lastKey = null;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || !current) continue; // lines outside any section or without `=` carry nothing we use
    const key = kv[1].toLowerCase();
    current.set(key, kv[2]);
    lastKey = kv[2] === "" ? key : null;
  }
  return sections;
}
