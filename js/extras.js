// The second wasm's loader for the runtimes that read it synchronously (Node, Deno, workerd): the glue is
// imported with the entry (4 KB), the module compiled and instantiated on first use only — the first failed
// call (err.fix), export lines, the facts or a keyless helper — so import and a successful call never pay
// for it. What it holds: src/wasm/mod.rs.

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
  // Every function the extras glue exports (src/wasm/: renderExports, the facts, fixFor, the keyless helpers),
  // read from the glue itself so no list of them is kept here; the glue's own loaders are not the API.
  const api = { load };
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value === "function" && name !== "default" && name !== "initSync") api[name] = (...args) => load()[name](...args);
  }
  return api;
}
