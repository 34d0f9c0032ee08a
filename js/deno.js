// Deno entry: reads the wasm bytes next to the glue (needs --allow-read for that file) and
// instantiates synchronously at import. No init call needed; Deno's global fetch is the transport.

import * as glue from "../pkg/assume_role_wasm.js";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
import { extrasLoader } from "./extras.js";
export * from "./operations.js";
export { isStsError } from "./errors.js";

glue.initSync({ module: Deno.readFileSync(new URL("../pkg/assume_role_wasm_bg.wasm", import.meta.url)) });

// The second wasm (err.fix, exports, facts, the keyless helpers): read and compiled on first use (js/extras.js).
const extras = extrasLoader(() => Deno.readFileSync(new URL("../pkg/assume_role_extras_bg.wasm", import.meta.url)));

setRunner(glue.call, extras.load);
export const { renderExports, renderUnset, formats, operations, regions, resolveEndpoint } = extras; // the second wasm
export const { fixFor } = extras; // err.fix re-derived with a known caller ARN (index.d.ts)
export const { decodeJwtClaims, samlRoles } = extras; // keyless sign-in helpers (js/keyless.d.ts)
/** Nothing to wait for in Deno (the second wasm loads synchronously on first use). */
export const initExtras = () => Promise.resolve();

/** @type {import("./index.d.ts").createCredentialProvider} */
export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, {
    // Read only when called without options (needs --allow-env and --allow-read for the token file).
    get env() {
      return Deno.env.toObject();
    },
    readTextFile: (file) => Deno.readTextFile(file),
  });
}
