// Cloudflare Workers (workerd) entry: the runtime forbids compiling wasm from bytes at run time,
// so the .wasm is imported as a module (wrangler's / miniflare's CompiledWasm rule) and
// instantiated synchronously at import. No init call needed.

import * as glue from "../pkg/assume_role_wasm.js";
import wasmModule from "../pkg/assume_role_wasm_bg.wasm";
import extrasModule from "../pkg/assume_role_extras_bg.wasm";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
import { extrasLoader } from "./extras.js";
export * from "./operations.js";
export { isStsError } from "./errors.js";

glue.initSync({ module: wasmModule });

// The second wasm (err.fix, exports, facts, the keyless helpers) is compiled with the worker, instantiated on first use.
const extras = extrasLoader(() => extrasModule);

setRunner(glue.call, extras.load);
export const { renderExports, renderUnset, formats, operations, regions, resolveEndpoint } = extras; // the second wasm
export const { fixFor } = extras; // err.fix re-derived with a known caller ARN (index.d.ts)
export const { decodeJwtClaims, samlRoles } = extras; // keyless sign-in helpers (js/keyless.d.ts)
/** Nothing to wait for in workerd (the second wasm is instantiated synchronously on first use). */
export const initExtras = () => Promise.resolve();

/** @type {import("./index.d.ts").createCredentialProvider} */
export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings);
}
