// How an operation runs in this runtime. The generated js/operations.js calls `runOperation`; the entry
// point that was imported (node.js, browser.js, deno.js, workerd.js) installs the runner: it makes sure the
// wasm is loaded and picks the transport. Kept out of operations.js so that `export *` from it exports only
// the operations.
//
// err.fix comes from the second wasm (pkg/assume_role_extras_bg.wasm, src/wasm/mod.rs): a failed call's
// StsError carries the request's facts (no secret) under FIX_CONTEXT; only then is that module loaded, and
// it sets `err.fix` before the promise rejects. A successful call never loads it.

let runner = () => Promise.reject(new Error("assume-role-wasm: import the package entry point, not js/operations.js"));
let loadExtras = null;

/** The symbol the main wasm keeps a failed request's facts under (src/wasm/fix_js.rs). */
const FIX_CONTEXT = Symbol.for("assume-role-wasm.fixContext");

/**
 * @param {(action: string, opts: unknown) => Promise<unknown>} run
 * @param {() => unknown} extras returns the extras module's glue, initialised (or a promise of it)
 */
export function setRunner(run, extras) {
  runner = run;
  loadExtras = extras;
}

export function runOperation(action, opts) {
  return runner(action, opts).then(undefined, (error) => withFix(error, opts));
}

async function withFix(error, opts) {
  if (loadExtras === null || error === null || typeof error !== "object" || !Object.hasOwn(error, FIX_CONTEXT)) throw error;
  try {
    // The token's claims (issuer, audience, subject) go into the trust statement; the token itself stays here.
    const token = opts !== null && typeof opts === "object" ? opts.webIdentityToken : undefined;
    const extras = await loadExtras();
    extras.attachFix(error, typeof token === "string" ? token : undefined);
  } catch {
    // err.fix helps; it is not the answer. A module that cannot load (offline) or an options object that
    // throws when read again leaves the error as STS gave it.
  }
  throw error;
}
