// Browser / bundler entry (also the `default` export condition).
//
// Browsers must not compile wasm synchronously on the main thread and a library should not use
// top-level await (it stalls every importer and some bundlers reject it), so the wasm is fetched
// lazily: the async API functions (assumeRole, getCallerIdentity, getSessionToken, and the
// credential provider) initialise on first use. The synchronous renderExports/renderUnset need
// the wasm already loaded: call `await init()` once before them (or after any async call).
// `init(input?)` also lets you pass your own URL, Response or bytes for the .wasm; by default it
// loads `assume_role_wasm_bg.wasm` next to the glue (pkg/) (bundlers follow that URL).

import glueInit, * as glue from "../pkg/assume_role_wasm.js";
import { createCredentialProviderWith } from "./provider.js";
export { isStsError } from "./errors.js";

let ready = null;
let loaded = false;

/**
 * Load and instantiate the wasm (once; later calls return the same promise).
 * @param {Parameters<typeof glueInit>[0]} [input]
 */
export default function init(input) {
  // The glue wants `{ module_or_path }`; accept that shape too, and a bare URL/bytes/module.
  const wrapped = input === undefined || (input !== null && Object.getPrototypeOf(input) === Object.prototype && "module_or_path" in input)
    ? input
    : { module_or_path: input };
  ready ??= glueInit(wrapped).then(
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

export async function assumeRole(opts) {
  await init();
  return glue.assumeRole(opts);
}
export async function getCallerIdentity(opts) {
  await init();
  return glue.getCallerIdentity(opts);
}
export async function getSessionToken(opts) {
  await init();
  return glue.getSessionToken(opts);
}

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
  return createCredentialProviderWith(stsOptions, settings, { assumeRole, getSessionToken });
}
