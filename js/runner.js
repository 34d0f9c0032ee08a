// How an operation runs in this runtime. The generated js/operations.js calls `runOperation`; the entry
// point that was imported (node.js, browser.js, deno.js, workerd.js) installs the runner: it makes sure the
// wasm is loaded and picks the transport. Kept out of operations.js so that `export *` from it exports only
// the operations.

let runner = () => Promise.reject(new Error("assume-role-wasm: import the package entry point, not js/operations.js"));

/** @param {(action: string, opts: unknown) => Promise<unknown>} run */
export function setRunner(run) {
  runner = run;
}

export function runOperation(action, opts) {
  return runner(action, opts);
}
