#!/usr/bin/env node
// Builds dist/: the page as deployable static files, pinned by hashes from index.html down to the wasm.
//
//   npm run dist                      (= bash scripts/build.sh && node scripts/dist.mjs)
//   node scripts/dist.mjs [--out DIR] [--quiet]
//
// What it does to a copy of www/ (www/ itself is never changed):
//   - wasm-integrity.js gets the wasm's SHA-384: the page fetches the wasm with `integrity`, so the browser
//     refuses different bytes before compiling them (the wasm-bindgen glue's own fetch cannot carry it);
//   - index.html gets `integrity` on its module script and stylesheet, and an import map whose `integrity`
//     section pins every module (static and dynamic imports: app.js's dependencies, the glue);
//   - the <meta> CSP's script-src gets the import map's sha256 (an inline script, otherwise blocked);
//   - _headers (Cloudflare Pages, Netlify) and nginx.conf carry the headers scripts/serve.mjs sends, which
//     a <meta> CSP cannot: frame-ancestors 'none', COOP, nosniff, no-referrer.
// The output is a pure function of www/ (sorted, no dates, no absolute paths): two builds are byte-
// identical. It prints, and writes to SHA256SUMS, the SHA-256 of every file so a user can check the page
// they are served (`sha256sum -c SHA256SUMS` against downloaded copies) before pasting anything into it.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMON_HEADERS } from './serve.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHIPPED = new Set(['.html', '.js', '.css', '.wasm']);
const MARKER = '.assume-role-wasm-dist'; // only a directory carrying it is ever emptied

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const sha256hex = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Every shipped file under www/, as sorted POSIX relative paths. */
function listFiles(root, dir = '') {
  const out = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    if (name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${name}` : name;
    const full = path.join(root, rel);
    if (statSync(full).isDirectory()) out.push(...listFiles(root, rel));
    else if (SHIPPED.has(path.extname(name)) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function replaceOnce(text, from, to, what) {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`dist: expected exactly one ${what} in the source, found ${n}`);
  return text.replace(from, () => to);
}

/** The header files for static hosts, from the very headers the dev server sends. */
function headerFiles() {
  const entries = Object.entries(COMMON_HEADERS);
  const headers = `# Headers for Cloudflare Pages and Netlify (written by scripts/dist.mjs from scripts/serve.mjs).
# frame-ancestors cannot be set by the page's <meta> CSP: without this file (or nginx.conf) a static host
# lets any site frame the credentials form; the page also refuses to work when framed, but a header
# stops it before any script runs.
/*
${entries.map(([k, v]) => `  ${k}: ${v}`).join('\n')}
`;
  const q = (v) => `"${v.replace(/["\\]/g, '\\$&')}"`;
  const nginx = `# nginx: include inside the server { } block serving this directory (written by scripts/dist.mjs
# from scripts/serve.mjs). Mind nginx's rule that a location with its own add_header drops these: put
# them in every location that serves the page. nginx ≥ 1.21 maps .wasm to application/wasm in
# mime.types; the page's wasm loader needs exactly that type.
${entries.map(([k, v]) => `add_header ${k} ${q(v)} always;`).join('\n')}
`;
  return { _headers: headers, 'nginx.conf': nginx };
}

export function buildDist({ www = path.join(repo, 'www'), out = path.join(repo, 'dist') } = {}) {
  const wasmRel = 'pkg/assume_role_wasm_bg.wasm';
  if (!existsSync(path.join(www, wasmRel))) {
    throw new Error(`dist: ${path.join(www, wasmRel)} is missing: run \`bash scripts/build.sh\` first (npm run dist does)`);
  }
  const files = new Map(listFiles(www).map((rel) => [rel, readFileSync(path.join(www, rel))]));

  const extrasRel = 'pkg/assume_role_extras_bg.wasm';
  if (!files.has(extrasRel)) throw new Error(`dist: ${path.join(www, extrasRel)} is missing: run \`bash scripts/build.sh\` first`);
  const wasmIntegrity = sri(files.get(wasmRel));
  const extrasIntegrity = sri(files.get(extrasRel));
  let pins = files.get('wasm-integrity.js').toString('utf8');
  pins = replaceOnce(pins, 'export const WASM_SRI = null;', `export const WASM_SRI = '${wasmIntegrity}';`, 'WASM_SRI = null line in wasm-integrity.js');
  pins = replaceOnce(pins, 'export const EXTRAS_SRI = null;', `export const EXTRAS_SRI = '${extrasIntegrity}';`, 'EXTRAS_SRI = null line in wasm-integrity.js');
  files.set('wasm-integrity.js', Buffer.from(pins));

  // Every module, pinned. Keys resolve against the page's URL, so the map works under any base path.
  const integrity = {};
  for (const [rel, bytes] of files) if (rel.endsWith('.js')) integrity[`./${rel}`] = sri(bytes);
  const importMap = JSON.stringify({ integrity });

  let html = files.get('index.html').toString('utf8');
  const mapTag = `<script type="importmap">${importMap}</script>\n`;
  const firstScript = html.indexOf('<script');
  if (firstScript < 0) throw new Error('dist: index.html has no <script>');
  html = html.slice(0, firstScript) + mapTag + html.slice(firstScript);
  html = html.replace(/<script type="module" src="([^"]+)"><\/script>/g, (tag, src) => {
    const bytes = files.get(src.replace(/^\.\//, ''));
    if (!bytes) throw new Error(`dist: index.html loads ${src}, which is not in www/`);
    return `<script type="module" src="${src}" integrity="${sri(bytes)}"></script>`;
  });
  html = html.replace(/<link rel="stylesheet" href="([^"]+)">/g, (tag, href) => {
    const bytes = files.get(href.replace(/^\.\//, ''));
    if (!bytes) throw new Error(`dist: index.html links ${href}, which is not in www/`);
    return `<link rel="stylesheet" href="${href}" integrity="${sri(bytes)}">`;
  });
  // The import map is an inline script: allow exactly it, by hash.
  const mapHash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  html = replaceOnce(html, "script-src 'self'", `script-src 'self' ${mapHash}`, "script-src 'self' in the CSP");
  files.set('index.html', Buffer.from(html));

  for (const [name, text] of Object.entries(headerFiles())) files.set(name, Buffer.from(text));

  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`dist: ${out} exists and was not written by this script; not emptying it`);
    }
    rmSync(out, { recursive: true, force: true });
  }
  const sorted = [...files.keys()].sort();
  for (const rel of sorted) {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), files.get(rel));
  }
  const sums = sorted.map((rel) => `${sha256hex(files.get(rel))}  ${rel}\n`).join('');
  writeFileSync(path.join(out, 'SHA256SUMS'), sums);
  writeFileSync(path.join(out, MARKER), 'Written by scripts/dist.mjs; the whole directory is replaced on each run.\n');
  return { out, sums, wasmIntegrity, extrasIntegrity, importMap, files: sorted };
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 ? path.resolve(args[at + 1] ?? '') : path.join(repo, 'dist');
  try {
    const r = buildDist({ out });
    if (!args.includes('--quiet')) {
      process.stdout.write(`dist: ${r.files.length} files in ${path.relative(process.cwd(), r.out) || '.'}; SHA-256 (also in SHA256SUMS):\n`);
      process.stdout.write(r.sums);
      process.stdout.write(`SHA256SUMS itself: ${sha256hex(Buffer.from(r.sums))}\n`);
    }
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
