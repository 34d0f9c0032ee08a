// The second wasm's loader for the runtimes that read it synchronously (Node, Deno, workerd): the glue is
// imported with the entry (3 KB), the module compiled and instantiated on first use only — the first failed
// call (err.fix) or the first keyless helper — so import and a successful call never pay for it.

import * as glue from "../pkg/assume_role_extras.js";

/** @param {() => BufferSource | WebAssembly.Module} read the .wasm's bytes or compiled module */
export function extrasLoader(read) {
  let ready = false;
  const load = () => {
    if (!ready) {
      glue.initSync({ module: read() });
      ready = true;
    }
    return glue;
  };
  return {
    load,
    // err.fix re-derived with a known caller ARN (index.d.ts); the helpers (keyless.d.ts).
    fixFor: (error, known) => load().fixFor(error, known),
    decodeJwtClaims: (token, now) => load().decodeJwtClaims(token, now),
    samlRoles: (assertion) => load().samlRoles(assertion),
  };
}
