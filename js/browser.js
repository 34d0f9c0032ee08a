// Browser / bundler entry (also the `default` export condition).
//
// Browsers must not compile wasm synchronously on the main thread and a library should not use
// top-level await (it stalls every importer and some bundlers reject it), so the wasm is fetched
// lazily: the async API functions (one per STS operation, and the credential provider) load the main
// wasm (`assume_role_wasm_bg.wasm`: every call) on first use. A second wasm (`assume_role_extras_bg.wasm`)
// holds what no successful call needs: err.fix, which a call failing with an STS error loads before it
// rejects, and the synchronous renderExports/renderUnset, facts (formats/operations/regions/
// resolveEndpoint) and keyless helpers, for which `await init()` loads both once. An app that only
// assumes a role downloads the main one alone. `init(input?)` also lets you pass your own URL, Response
// or bytes for the main .wasm (`initExtras(input?)` for the second); by default each is next to the glue
// (pkg/), where bundlers follow the URL. load-wasm.js fetches them, works around vite 7's dev
// pre-bundling, and turns a failure into a WasmLoadError that names the URL, what came back and the fix.
// The second module's glue is imported with `import()` too, so a bundler splits it off with its .wasm.

import glueInit, * as glue from "../pkg/assume_role_wasm.js";
import { wasmSource, explainInstantiateError, EXTRAS } from "./load-wasm.js";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
export * from "./operations.js";
export { isStsError } from "./errors.js";

let ready = null;

/** The main wasm (every call), once; a failed load (offline, 404) can be retried. */
function loadMain(input) {
  // Accepts `{ module_or_path }` (the glue's shape) and a bare URL/Response/bytes/module alike.
  ready ??= wasmSource(input)
    .then((source) => glueInit({ module_or_path: source }).catch((error) => { throw explainInstantiateError(error); }))
    .catch((error) => {
      ready = null;
      throw error;
    });
  return ready;
}

/**
 * Load and instantiate both wasm modules (once; later calls return the same promise): the main one from
 * `input` (default: next to the glue), the extras from their default place (or call `initExtras(url)` first).
 * The async operations need neither call: they load the main wasm on first use, the extras only after a
 * failure. Call it before the synchronous functions (renderExports, the facts, the keyless helpers).
 * @param {Parameters<typeof glueInit>[0]} [input]
 */
let both = null;
export default function init(input) {
  if (both) return both;
  const main = loadMain(input);
  const more = initExtras();
  more.catch(() => {}); // reported through the chain below when the main wasm loaded; not twice
  both = main
    .then((exports) => more.then(() => exports))
    .catch((error) => {
      both = null; // a failed load (offline, a wrong URL) can be retried
      throw error;
    });
  return both;
}

/** Synchronous instantiation of the main wasm from bytes or a WebAssembly.Module (workers, tests, custom loaders). */
export function initSync(input) {
  const exports = glue.initSync(input);
  ready ??= Promise.resolve(exports);
  return exports;
}

let extrasReady = null;
let extras = null;

/**
 * Load the second wasm alone (err.fix, export lines, the facts, the keyless helpers); once. `init()` calls
 * it, and a failed call does by itself. Takes the same inputs as `init` (default: beside the glue).
 */
export function initExtras(input) {
  extrasReady ??= Promise.all([import("../pkg/assume_role_extras.js"), wasmSource(input, EXTRAS)])
    .then(async ([extrasGlue, source]) => {
      await extrasGlue.default({ module_or_path: source }).catch((error) => { throw explainInstantiateError(error); });
      extras = extrasGlue;
      return extrasGlue; // what js/runner.js calls attachFix on
    })
    .catch((error) => {
      extrasReady = null; // retry on the next use
      throw error;
    });
  return extrasReady;
}


// Every operation loads the main wasm on first use; a failed one the extras too (js/runner.js).
setRunner(async (action, opts) => {
  await loadMain();
  return glue.call(action, opts);
}, initExtras);

/** The extras' synchronous functions, once loaded. */
function loadedExtras(name) {
  if (!extras) throw new Error(`assume-role-wasm: ${name}() is synchronous; call \`await init()\` first`);
  return extras;
}
export const renderExports = (credentials, format, options) => loadedExtras("renderExports").renderExports(credentials, format, options);
export const renderUnset = (format) => loadedExtras("renderUnset").renderUnset(format);
/** The shared facts (formats, the operation table, AWS's regions, endpoint resolution): synchronous too. */
export const formats = () => loadedExtras("formats").formats();
export const operations = () => loadedExtras("operations").operations();
export const regions = () => loadedExtras("regions").regions();
export const resolveEndpoint = (opts) => loadedExtras("resolveEndpoint").resolveEndpoint(opts);
/** err.fix re-derived with a known caller ARN; the failed call that made the error loaded the extras. */
export const fixFor = (error, known) => loadedExtras("fixFor").fixFor(error, known);
// Keyless sign-in helpers (js/keyless.d.ts).
export const decodeJwtClaims = (token, now) => loadedExtras("decodeJwtClaims").decodeJwtClaims(token, now);
export const samlRoles = (assertion) => loadedExtras("samlRoles").samlRoles(assertion);

export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings);
}
