// Cloudflare Workers (workerd) entry: the runtime forbids compiling wasm from bytes at run time,
// so the .wasm is imported as a module (wrangler's / miniflare's CompiledWasm rule) and
// instantiated synchronously at import. No init call needed.

import * as glue from "../pkg/assume_role_wasm.js";
import wasmModule from "../pkg/assume_role_wasm_bg.wasm";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
import { assumeRole, getSessionToken, assumeRoleWithWebIdentity } from "./operations.js";
export * from "./operations.js";
export { isStsError } from "./errors.js";

glue.initSync({ module: wasmModule });

setRunner(glue.call);
export const { renderExports, renderUnset, formats, operations, regions, resolveEndpoint } = glue;
export const { fixFor } = glue; // err.fix re-derived with a known caller ARN (index.d.ts)
export const { decodeJwtClaims, samlRoles } = glue; // keyless sign-in helpers (js/keyless.d.ts)

/** @type {import("./index.d.ts").createCredentialProvider} */
export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, { assumeRole, getSessionToken, assumeRoleWithWebIdentity });
}
