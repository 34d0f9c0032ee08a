// Browser / bundler entry (also the `default` export condition).
//
// Browsers must not compile wasm synchronously on the main thread and a library should not use
// top-level await (it stalls every importer and some bundlers reject it), so the wasm is fetched
// lazily: the async API functions (one per STS operation, and the credential provider) initialise on
// first use. The synchronous renderExports/renderUnset/formats/operations/regions/resolveEndpoint need
// the wasm already loaded: call `await init()` once before them (or after any async call).
// `init(input?)` also lets you pass your own URL, Response or bytes for the .wasm; by default it
// loads `assume_role_wasm_bg.wasm` next to the glue (pkg/) (bundlers follow that URL). load-wasm.js
// fetches it, works around vite 7's dev pre-bundling, and turns a failure into a WasmLoadError that
// names the URL, what came back and the fix.
//
// A second, smaller wasm (pkg/assume_role_extras_bg.wasm) holds what a successful call never needs:
// err.fix and the keyless sign-in helpers. It is fetched only when a call fails with an STS error (so
// `err.fix` is there when the promise rejects), or by `await initExtras()` before decodeJwtClaims/samlRoles.
// Its small glue is imported here (see scripts/build.sh for why not with `import()`).

import glueInit, * as glue from "../pkg/assume_role_wasm.js";
import extrasInit, * as extrasGlue from "../pkg/assume_role_extras.js";
import { wasmSource, explainInstantiateError, EXTRAS } from "./load-wasm.js";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
import { assumeRole, getSessionToken, assumeRoleWithWebIdentity } from "./operations.js";
export * from "./operations.js";
export { isStsError } from "./errors.js";

let ready = null;
let loaded = false;

/**
 * Load and instantiate the wasm (once; later calls return the same promise).
 * @param {Parameters<typeof glueInit>[0]} [input]
 */
export default function init(input) {
  // Accepts `{ module_or_path }` (the glue's shape) and a bare URL/Response/bytes/module alike.
  ready ??= wasmSource(input)
    .then((source) => glueInit({ module_or_path: source }).catch((error) => { throw explainInstantiateError(error); }))
    .then(
      (exports) => {
        loaded = true;
        return exports;
      },
      (error) => {
        ready = null; // a failed load (offline, 404) can be retried
        throw error;
      },
    );
  return ready;
}

/** Synchronous instantiation from bytes or a WebAssembly.Module (workers, tests, custom loaders). */
export function initSync(input) {
  const exports = glue.initSync(input);
  loaded = true;
  ready ??= Promise.resolve(exports);
  return exports;
}

let extrasReady = null;
let extras = null;

/**
 * Load the second wasm (err.fix, decodeJwtClaims, samlRoles); once, like `init`. A failed call loads it by
 * itself; call this before the keyless helpers. Takes the same inputs as `init` (default: beside the glue).
 */
export function initExtras(input) {
  extrasReady ??= wasmSource(input, EXTRAS)
    .then(async (source) => {
      await extrasInit({ module_or_path: source }).catch((error) => { throw explainInstantiateError(error); });
      extras = extrasGlue;
      return extrasGlue; // what js/runner.js calls attachFix on
    })
    .catch((error) => {
      extrasReady = null; // retry on the next use
      throw error;
    });
  return extrasReady;
}

// Every operation loads the wasm on first use; a failed one the extras too (js/runner.js).
setRunner(async (action, opts) => {
  await init();
  return glue.call(action, opts);
}, initExtras);

function requireLoaded(name) {
  if (!loaded) throw new Error(`assume-role-wasm: ${name}() is synchronous; call \`await init()\` first`);
}
export function renderExports(credentials, format, options) {
  requireLoaded("renderExports");
  return glue.renderExports(credentials, format, options);
}
export function renderUnset(format) {
  requireLoaded("renderUnset");
  return glue.renderUnset(format);
}
/** The shared facts (formats, the operation table, AWS's regions, endpoint resolution): synchronous too. */
export function formats() {
  requireLoaded("formats");
  return glue.formats();
}
export function operations() {
  requireLoaded("operations");
  return glue.operations();
}
export function regions() {
  requireLoaded("regions");
  return glue.regions();
}
export function resolveEndpoint(opts) {
  requireLoaded("resolveEndpoint");
  return glue.resolveEndpoint(opts);
}

function requireExtras(name) {
  if (!extras) throw new Error(`assume-role-wasm: ${name}() is synchronous and lives in the second wasm; call \`await initExtras()\` first`);
  return extras;
}
/** err.fix re-derived with a known caller ARN; the failed call that made the error loaded the extras. */
export function fixFor(error, known) {
  return requireExtras("fixFor").fixFor(error, known);
}

// Keyless sign-in helpers (js/keyless.d.ts): synchronous once `await initExtras()` has resolved.
export function decodeJwtClaims(token, now) {
  return requireExtras("decodeJwtClaims").decodeJwtClaims(token, now);
}
export function samlRoles(assertion) {
  return requireExtras("samlRoles").samlRoles(assertion);
}

export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, { assumeRole, getSessionToken, assumeRoleWithWebIdentity });
}
