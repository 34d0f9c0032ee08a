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

import glueInit, * as glue from "../pkg/assume_role_wasm.js";
import { wasmSource, explainInstantiateError } from "./load-wasm.js";
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

// Every operation loads the wasm on first use.
setRunner(async (action, opts) => {
  await init();
  return glue.call(action, opts);
});

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

/** err.fix re-derived with a known caller ARN; the error came from a call, so the wasm is loaded. */
export function fixFor(error, known) {
  requireLoaded("fixFor");
  return glue.fixFor(error, known);
}

// Keyless sign-in helpers (js/keyless.d.ts): synchronous, like renderExports.
export function decodeJwtClaims(token, now) {
  requireLoaded("decodeJwtClaims");
  return glue.decodeJwtClaims(token, now);
}
export function samlRoles(assertion) {
  requireLoaded("samlRoles");
  return glue.samlRoles(assertion);
}

export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, { assumeRole, getSessionToken, assumeRoleWithWebIdentity });
}
