// The second wasm (pkg/assume_role_extras_bg.wasm): err.fix and the keyless helpers' token and SAML
// decoding. The page is ready, and every call works, with the main wasm alone; this one is fetched right
// after (so the first click never waits for it) and, should a call fail before it arrived, by that failure.
// In dist/ its fetch is SRI-checked like the main one (wasm-integrity.js).

import { extrasSource } from './wasm-integrity.js';

const FIX_CONTEXT = Symbol.for('assume-role-wasm.fixContext'); // src/wasm/fix_js.rs
let extras = null;
let loading = null;

/** Loads the extras once; resolves to its glue (a failed load can be retried). */
export function loadExtras() {
  loading ??= import('./pkg/assume_role_extras.js')
    .then(async (glue) => {
      await glue.default(extrasSource());
      extras = glue;
      return glue;
    })
    .catch((err) => {
      loading = null;
      throw err;
    });
  return loading;
}

/**
 * The page's API: the main glue, with `call` setting err.fix on a failed call (as the package's runner
 * does, js/runner.js) and the extras' synchronous helpers, usable once `extrasReady()`.
 */
export function withExtras(glue) {
  return {
    ...glue,
    call: (action, opts) =>
      glue.call(action, opts).catch(async (err) => {
        if (err !== null && typeof err === 'object' && Object.hasOwn(err, FIX_CONTEXT)) {
          try {
            const token = typeof opts?.webIdentityToken === 'string' ? opts.webIdentityToken : undefined;
            (await loadExtras()).attachFix(err, token);
          } catch {
            // No fix when the extras cannot load: the error still shows, with STS's own words.
          }
        }
        throw err;
      }),
    extrasReady: () => extras !== null,
    fixFor: (err, known) => extras?.fixFor(err, known),
    decodeJwtClaims: (token, now) => extras.decodeJwtClaims(token, now),
    samlRoles: (assertion) => extras.samlRoles(assertion),
  };
}
