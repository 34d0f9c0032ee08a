// The raw wasm glue (pkg/) exports one `call(action, opts)`; the package's entry points wrap it into one
// function per operation (js/operations.js). Tests that drive the glue directly get the same shape here,
// built from the operation table (a fact of the second wasm, pkg/assume_role_extras.js, with the export
// renderers and the other facts, merged in), so no test keeps a list of operations.
import { readFileSync } from "node:fs";
import * as extras from "../../pkg/assume_role_extras.js";

let extrasReady = false;
/** The second wasm's glue, instantiated once (it keeps no state between calls). */
export function extrasGlue() {
  if (!extrasReady) {
    extras.initSync({ module: readFileSync(new URL("../../pkg/assume_role_extras_bg.wasm", import.meta.url)) });
    extrasReady = true;
  }
  return extras;
}

export function withOperations(glue) {
  const facts = extrasGlue();
  const api = { ...facts, ...glue };
  for (const op of facts.operations()) api[op.name] = (opts) => glue.call(op.name, opts);
  return api;
}
