// A small INI reader for ~/.aws/credentials and ~/.aws/config, following what botocore accepts:
// `[section]` headers, `key = value` (or `key: value`), full-line `#`/`;` comments, no inline
// comments (a `#` inside a value is part of it, as in botocore), and indented continuation lines
// (nested settings such as `s3 =\n  max_concurrent_requests = 5`), which are skipped here.

/** @returns {Map<string, Map<string, string>>} section name → key → value */
export function parseIni(text) {
  const sections = new Map();
  let current = null;
  let lastKeyHadNoValue = false;
  for (const rawLine of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(rawLine)) continue;
    if (/^\s/.test(rawLine) && current && lastKeyHadNoValue) continue; // nested sub-setting
    const line = rawLine.trim();
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (header) {
      current = sections.get(header[1]) ?? new Map();
      sections.set(header[1], current);
      lastKeyHadNoValue = false;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || !current) continue; // lines outside any section or without `=` carry nothing we use
    current.set(kv[1].toLowerCase(), kv[2]);
    lastKeyHadNoValue = kv[2] === "";
  }
  return sections;
}
