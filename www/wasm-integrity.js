// Where the page gets its two wasm modules from (regions.js loads the second one first, app.js the main one). In www/ (development) this is null and the glue fetches
// pkg/assume_role_wasm_bg.wasm itself. `npm run dist` (scripts/dist.mjs) rewrites this file in dist/ with
// the wasm's SHA-384, so the fetch below carries `integrity` and the browser refuses a wasm whose bytes
// differ before it is compiled. This module is itself pinned by the import map's integrity section, and
// that map by the page's CSP hash: one chain from index.html down to the wasm.
export const WASM_SRI = null;
export const EXTRAS_SRI = null; // the second wasm (extras.js): err.fix and the keyless helpers

/** The argument for the glue's init(): a fetch checked against WASM_SRI, or undefined (the default). */
export function wasmSource() {
  if (!WASM_SRI) return undefined;
  const url = new URL('./pkg/assume_role_wasm_bg.wasm', import.meta.url);
  return { module_or_path: fetch(url, { integrity: WASM_SRI, credentials: 'omit' }) };
}

/** The same for the second wasm (www/extras.js). */
export function extrasSource() {
  if (!EXTRAS_SRI) return undefined;
  const url = new URL('./pkg/assume_role_extras_bg.wasm', import.meta.url);
  return { module_or_path: fetch(url, { integrity: EXTRAS_SRI, credentials: 'omit' }) };
}
