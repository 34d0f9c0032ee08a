// Finds and fetches the browser entry's .wasm, and explains a failure in terms of what to change.
//
// Without this, a missing .wasm surfaces as "WebAssembly.instantiate(): expected magic word 00 61 73 6d,
// found 3c 21 64 6f": dev servers answer an unknown path with index.html, and the glue compiles that.
// Here every failure names the URL it tried, what came back, the likely cause and the fix.

import { wasmUrl, extrasUrl } from "../pkg/wasm_url.js";

const PACKAGE = "assume-role-wasm";

/** The two modules: the main one (`init()`), and the extras (`initExtras()`: err.fix, the keyless helpers). */
export const MAIN = { file: "assume_role_wasm_bg.wasm", url: wasmUrl, init: "init" };
export const EXTRAS = { file: "assume_role_extras_bg.wasm", url: extrasUrl, init: "initExtras" };

/** The error every load failure becomes: `name` "WasmLoadError", with `url` (and `status`, `contentType` when a response came). */
function loadError(message, details, cause) {
  const error = new Error(`${PACKAGE}: ${message}`, cause === undefined ? undefined : { cause });
  error.name = "WasmLoadError";
  return Object.assign(error, details);
}

// Vite 7's dev server pre-bundles dependencies into <cacheDir>/deps/ (default node_modules/.vite/deps/) and
// leaves `new URL(…, import.meta.url)` untouched, so the default URL points into that folder, where no .wasm
// is. With the default cacheDir, `.vite` and the installed package are siblings in one node_modules, which
// the dev server serves: derive the installed file's URL instead of letting the first fetch fail. (vite 8
// rewrites the URL itself; the path is assembled at run time so no bundler mistakes it for an asset.)
const VITE_DEPS = /^(.*\/)\.vite\/deps(?:_temp_[^/]*)?\/[^/]*$/;
function viteDevLocation(url, which) {
  const match = VITE_DEPS.exec(url.pathname);
  return match ? new URL(`${match[1]}${PACKAGE}/pkg/${which.file}`, url) : null;
}

/** The default .wasm URL; `fromViteCache` is set when it was derived from vite's pre-bundle folder. */
function defaultLocation(which) {
  let url;
  try {
    url = which.url();
  } catch (cause) {
    // `import.meta.url` is empty in IIFE/CommonJS bundles (esbuild replaces `import.meta` with `{}` there).
    throw loadError(
      "cannot tell where the .wasm is: this bundle has no `import.meta.url` (an IIFE or CommonJS bundle?). " +
        `Bundle as an ES module (esbuild: --format=esm; a <script type="module">), or pass the .wasm's URL: \`await ${which.init}(url)\`.`,
      { url: undefined },
      cause,
    );
  }
  const vite = viteDevLocation(url, which);
  return vite ? { url: vite, fromViteCache: true, which } : { url, fromViteCache: false, which };
}

// Any vite pre-bundle folder (<cacheDir>/deps/), for the hint when the default location failed there.
const ANY_VITE_DEPS = /\/deps(?:_temp_[^/]*)?\/[^/]*$/;

function likelyCause(where) {
  const cause = likelyCauseText(where);
  return cause[0].toUpperCase() + cause.slice(1);
}
function likelyCauseText(where) {
  if (where.explicit) return `check the URL you passed to ${where.which.init}(), and that your server serves the file there as application/wasm.`;
  if (where.fromViteCache || ANY_VITE_DEPS.test(where.url.pathname))
    return `vite pre-bundled ${PACKAGE} and the .wasm is not where the pre-bundle expects it ` +
      `(a monorepo or a custom cacheDir?): add \`optimizeDeps: { exclude: ["${PACKAGE}"] }\` to your vite config.`;
  if (where.url.protocol === "file:") return `serve the page over http(s): module scripts and fetch do not work from file://.`;
  return `your bundler did not emit the .wasm beside the bundle, or your server does not serve it ` +
    `(esbuild and rollup leave \`new URL("${where.which.file}", import.meta.url)\` alone): copy node_modules/${PACKAGE}/pkg/*.wasm (both files) ` +
    `next to your bundle, or pass the URL you serve it from: \`await ${where.which.init}(url)\`. See the README's bundler table.`;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const looksLikeWasm = (bytes) => bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b);

/** Checks a fetched response; returns what the glue should instantiate (the Response itself when it can stream). */
async function checked(response, where) {
  const url = response.url || (where.url ? String(where.url) : `(the Response passed to ${where.which.init}())`);
  const contentType = (response.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase().slice(0, 100);
  const details = { url, status: response.status, contentType };
  const got = `HTTP ${response.status}${contentType ? ` ${contentType}` : ""}`;
  if (!response.ok) throw loadError(`could not load the wasm from ${url}: got ${got}. ${likelyCause(where)}`, details);
  if (contentType === "application/wasm") return response; // streaming compilation
  // Other content types compile too once we have the bytes (instantiateStreaming insists on application/wasm).
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (looksLikeWasm(bytes)) return bytes;
  const what = contentType === "text/html" || bytes[0] === 0x3c /* "<" */ ? "an HTML page" : "something that is not WebAssembly";
  throw loadError(
    `could not load the wasm from ${url}: got ${got}, ${what}, instead of application/wasm ` +
      `(dev servers answer paths they do not have with index.html). ${likelyCause(where)}`,
    details,
  );
}

async function fetched(request, where) {
  let response;
  try {
    response = await fetch(request);
  } catch (cause) {
    throw loadError(
      `could not fetch the wasm from ${where.url}: ${cause?.message ?? cause} (offline, blocked by CORS or a Content-Security-Policy ` +
        `connect-src, or a file:// page?). ${likelyCause(where)}`,
      { url: String(where.url) },
      cause,
    );
  }
  return checked(response, where);
}

/**
 * Turns what `init()` was given into what the glue instantiates, fetching and checking URLs here so a failure
 * explains itself. Accepts undefined (the default URL), `{ module_or_path }`, a URL/string/Request, a Response
 * or its promise, bytes or a WebAssembly.Module (the last two pass through). `which`: MAIN or EXTRAS.
 */
export async function wasmSource(input, which = MAIN) {
  if (input !== null && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype && "module_or_path" in input) {
    input = input.module_or_path;
  }
  if (input === undefined) {
    const where = defaultLocation(which);
    return fetched(where.url, where);
  }
  if (typeof input === "string" || input instanceof URL) return fetched(input, { url: input, explicit: true, which });
  if (typeof Request === "function" && input instanceof Request) return fetched(input, { url: input.url, explicit: true, which });
  const value = await input;
  if (typeof Response === "function" && value instanceof Response) return checked(value, { url: value.url, explicit: true, which });
  return value;
}

/** Adds the fix to a compile/instantiate failure the page's Content-Security-Policy caused. */
export function explainInstantiateError(error) {
  const message = String(error?.message ?? "");
  if (/wasm-unsafe-eval|Content Security Policy/i.test(message) && !message.includes(PACKAGE)) {
    error.message = `${message} (${PACKAGE}: the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src)`;
  }
  return error;
}
