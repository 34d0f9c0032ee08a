// Size profile of a wasm with a name section (the unstripped cargo output, before wasm-bindgen):
// code bytes per function, grouped by crate, plus the data segments. Used instead of twiggy so the
// profile needs no extra Rust build on a shared 2-core machine.
//   node bench/wasm-profile.mjs [path.wasm] [--top N] [--crate NAME]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a)) ??
  "target/wasm32-unknown-unknown/release/assume_role_wasm.wasm";
const flag = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const top = Number(flag("--top", 40));
const onlyCrate = flag("--crate", null);
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

// Rust v0/legacy mangled names → crate name; wasm-bindgen shims and C symbols kept as they are.
function crateOf(name) {
  if (!name) return "?";
  // Demangled (wasm-bindgen --keep-debug): "<a::B as c::D>::f", "a[hash]::b", "a::b::h0123…".
  const plain = name.replace(/^<+/, "").replace(/^&(mut )?/, "");
  const d = plain.match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (d) return d[1];
  let m = name.match(/^_ZN(\d+)(.+)/);
  if (m) {
    let c = m[2].slice(0, Number(m[1]));
    if (c.startsWith("_$LT$")) {
      const inner = name.match(/_\$LT\$(?:\d+)?([a-z_][a-z0-9_]*)\.\.|_\$LT\$([a-z_][a-z0-9_]*)/);
      c = "<impl> " + (inner?.[1] ?? inner?.[2] ?? "?");
    }
    return c;
  }
  m = name.match(/^_RN\w*?(\d+)([a-z_]\w*)/);
  if (m) return m[2].slice(0, Number(m[1]));
  if (name.startsWith("__wbg") || name.startsWith("__wbindgen")) return "wasm-bindgen";
  return name.split(/[:<(]/)[0];
}
const demangle = (n) => (n ?? "").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ")
  .replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\.\./g, "::").replace(/17h[0-9a-f]{16}E$/, "");

const byCrate = new Map();
const funcs = bodies.map((size, i) => {
  const name = names.get(i + importedFuncs);
  return { size, name, crate: crateOf(name) };
});
for (const f of funcs) byCrate.set(f.crate, (byCrate.get(f.crate) ?? 0) + f.size);
const total = buf.length;
const code = bodies.reduce((a, b) => a + b, 0);
console.log(`${path}: ${total} bytes; code ${code}, data ${dataBytes}, functions ${bodies.length}`);
console.log("sections:", Object.entries(sections).map(([k, v]) => `${k}=${v}`).join(" "));
if (!onlyCrate) {
  console.log("\ncode bytes by crate:");
  for (const [c, s] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${String(s).padStart(8)} ${(100 * s / code).toFixed(1).padStart(5)}%  ${c}`);
  }
}
console.log(`\nlargest functions${onlyCrate ? ` in ${onlyCrate}` : ""}:`);
for (const f of funcs.filter((f) => !onlyCrate || f.crate.includes(onlyCrate)).sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`${String(f.size).padStart(8)}  ${demangle(f.name).slice(0, 150)}`);
}
