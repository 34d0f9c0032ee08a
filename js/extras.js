// The second wasm's loader for the runtimes that read it synchronously (Node, Deno, workerd): the glue is
// imported with the entry (4 KB), the module compiled and instantiated on first use only — the first failed
// call (err.fix), export lines, the facts or a keyless helper — so import and a successful call never pay
// for it. What it holds: src/wasm/mod.rs.

import * as glue from "../pkg/assume_role_extras.js";

/** The extras module's functions, as the entries export them (synchronous, like the glue's). */
export const EXTRAS_API = ["renderExports", "renderUnset", "formats", "operations", "regions", "resolveEndpoint", "fixFor", "decodeJwtClaims", "samlRoles"];

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
  const api = { load };
  for (const name of EXTRAS_API) api[name] = (...args) => load()[name](...args);
  return api;
}
