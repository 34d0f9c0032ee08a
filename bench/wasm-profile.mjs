// Size profile of a wasm with a name section (bench/profile-build.sh makes one from the shipped build):
// code bytes per function, grouped by crate and by owner, plus the data section. Used instead of twiggy so the
// profile needs no extra Rust tool on a fresh machine (twiggy agrees: `twiggy top` on the same file).
//   node bench/wasm-profile.mjs [path.wasm] [--top N] [--crate NAME]
// As a module: `profile(path)` → { total, code, data, sections, functions: [{ size, name, crate, owner }] }.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function profile(path) {
  const buf = readFileSync(path);
  let pos = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const str = () => { const n = u32(); const s = buf.toString("utf8", pos, pos + n); pos += n; return s; };

  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  let dataBytes = 0;
  const sections = {};
  while (pos < buf.length) {
    const id = buf[pos++];
    const size = u32();
    const end = pos + size;
    let key = `id${id}`;
    if (id === 2) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        str(); str();
        const kind = buf[pos++];
        if (kind === 0) { u32(); importedFuncs++; }
        else if (kind === 1) { pos++; const f = buf[pos++]; u32(); if (f & 1) u32(); }
        else if (kind === 2) { const f = buf[pos++]; u32(); if (f & 1) u32(); }
        else if (kind === 3) { pos += 2; }
      }
    } else if (id === 10) {
      const n = u32();
      for (let i = 0; i < n; i++) { const sz = u32(); bodies.push(sz); pos += sz; }
    } else if (id === 11) {
      dataBytes = size;
    } else if (id === 0) {
      const name = str();
      key = `custom:${name}`;
      if (name === "name") {
        while (pos < end) {
          const sub = buf[pos++]; const subSize = u32(); const subEnd = pos + subSize;
          if (sub === 1) { const n = u32(); for (let i = 0; i < n; i++) { const idx = u32(); names.set(idx, str()); } }
          pos = subEnd;
        }
      }
    }
    sections[key] = (sections[key] ?? 0) + size;
    pos = end;
  }
  const functions = bodies.map((size, i) => {
    const name = demangle(names.get(i + importedFuncs));
    const crate = crateOf(name);
    return { size, name, crate, owner: ownerOf(crate, name) };
  });
  const code = bodies.reduce((a, b) => a + b, 0);
  // Shipped size = this file minus the name section (what --strip-debug removes).
  const total = buf.length - (sections["custom:name"] ?? 0);
  return { total, code, data: dataBytes, sections, functions };
}

// Rust v0/legacy mangled names → crate name; wasm-bindgen shims and C symbols kept as they are.
function crateOf(name) {
  if (!name) return "?";
  // wasm-bindgen names the export shims after the export ("renderExports externref shim"): our code inlined.
  if (/ (externref|multivalue) shim/.test(name)) return "assume_role_wasm";
  // js_sys::futures::future_to_promise's closure is the body of our async `call`, inlined into it.
  if (name.startsWith("js_sys::futures::future_to_promise::{{closure}}::{{closure}}")) return "assume_role_wasm";
  // "<a::B as c::D>::f" → a, "a::b::f" → a; methods of primitives ("<str>::to_lowercase") → core.
  if (/^<&?(mut )?(str|char|bool|[iuf](8|16|32|64|128|size)|\[[^\]]*\])[ >]/.test(name)) {
    const t = name.match(/ as ([a-z_][a-z0-9_]*)::/);
    return t && t[1] !== "core" ? t[1] : "core";
  }
  const d = name.match(/([a-z_][a-z0-9_]*)::/);
  if (d) return d[1];
  if (name.startsWith("__wbg") || name.startsWith("__wbindgen") || name.startsWith("__externref")) return "wasm_bindgen";
  return name.split(/[:<( ]/)[0] || "?";
}
const demangle = (n) => (n ?? "").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ")
  .replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\.\./g, "::").replace(/17h[0-9a-f]{16}E$/, "")
  .replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");

const SIGV4 = new Set(["aws_sigv4", "aws_smithy_types", "aws_smithy_http", "aws_smithy_runtime_api", "aws_credential_types",
  "http", "bytes", "hashbrown", "sha2", "hmac", "digest", "crypto_common", "block_buffer", "hex", "time", "form_urlencoded",
  "percent_encoding", "hybrid_array", "zeroize", "tracing", "itoa"]);
const RUST = new Set(["core", "alloc", "std", "dlmalloc", "talc", "__rustc", "compiler_builtins", "memcmp", "memcpy", "memset", "__multi3"]);
function ownerOf(crate, name) {
  if (crate === "assume_role_wasm") return "ours";
  if (SIGV4.has(crate)) return "aws-sigv4 and its dependencies";
  if (crate === "quick_xml" || crate === "memchr") return "quick-xml";
  if (crate === "wasm_bindgen" || crate === "js_sys" || crate === "web_sys" || crate === "wasm_bindgen_futures") return "wasm-bindgen, js-sys";
  if (RUST.has(crate) || /^(mem|__)/.test(name)) return "Rust std (core, alloc, allocator)";
  return "other";
}

function group(functions, key) {
  const m = new Map();
  for (const f of functions) m.set(f[key], (m.get(f[key]) ?? 0) + f.size);
  return [...m].sort((a, b) => b[1] - a[1]);
}

/** The markdown tables for BENCHMARKS.md (bench/size-profile.mjs writes them between markers). */
export function markdown(p, { topCrates = 16, topFunctions = 25 } = {}) {
  const pct = (n) => `${(100 * n / p.code).toFixed(1)}%`;
  const lines = [
    `Shipped wasm ${p.total.toLocaleString("en")} bytes raw: code ${p.code.toLocaleString("en")}, data ${p.data.toLocaleString("en")}, ${p.functions.length} functions.`,
    "",
    "| owner | code bytes | share of code |",
    "|---|---|---|",
    ...group(p.functions, "owner").map(([o, s]) => `| ${o} | ${s.toLocaleString("en")} | ${pct(s)} |`),
    "",
    "| crate | code bytes | share | largest function in it |",
    "|---|---|---|---|",
    ...group(p.functions, "crate").slice(0, topCrates).map(([c, s]) => {
      const big = p.functions.filter((f) => f.crate === c).sort((a, b) => b.size - a.size)[0];
      return `| ${c || "?"} | ${s.toLocaleString("en")} | ${pct(s)} | \`${short(big.name)}\` ${big.size.toLocaleString("en")} |`;
    }),
    "",
    "| function (largest first) | bytes | owner |",
    "|---|---|---|",
    ...[...p.functions].sort((a, b) => b.size - a.size).slice(0, topFunctions)
      .map((f) => `| \`${short(f.name)}\` | ${f.size.toLocaleString("en")} | ${f.owner} |`),
  ];
  return lines.join("\n");
}
const short = (n) => (n.length > 90 ? n.slice(0, 87) + "…" : n).replace(/\|/g, "\\|");

// CLI
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const path = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "/tmp/assume-role-wasm-profile/named.wasm";
  const flag = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
  const top = Number(flag("--top", 40));
  const onlyCrate = flag("--crate", null);
  const p = profile(path);
  console.log(`${path}: ${p.total} bytes without names; code ${p.code}, data ${p.data}, functions ${p.functions.length}`);
  console.log("sections:", Object.entries(p.sections).map(([k, v]) => `${k}=${v}`).join(" "));
  if (!onlyCrate) {
    console.log("\ncode bytes by owner:");
    for (const [o, s] of group(p.functions, "owner")) console.log(`${String(s).padStart(8)} ${(100 * s / p.code).toFixed(1).padStart(5)}%  ${o}`);
    console.log("\ncode bytes by crate:");
    for (const [c, s] of group(p.functions, "crate").slice(0, top)) console.log(`${String(s).padStart(8)} ${(100 * s / p.code).toFixed(1).padStart(5)}%  ${c}`);
  }
  console.log(`\nlargest functions${onlyCrate ? ` in ${onlyCrate}` : ""}:`);
  for (const f of p.functions.filter((f) => !onlyCrate || f.crate.includes(onlyCrate)).sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`${String(f.size).padStart(8)}  ${f.name.slice(0, 150)}`);
  }
}
