// The page's API over the two wasm modules: `call` from the main one (every STS operation), everything else
// from the second one (regions.js loaded it first: the form is drawn from its facts). A failed call gets its
// err.fix from the second module before the error is shown, as the package's runner does (js/runner.js).

import * as extras from './pkg/assume_role_extras.js';

export function pageApi(main) {
  return {
    call: (action, opts) =>
      main.call(action, opts).catch((err) => {
        // attachFix leaves an error without the request's facts (not from STS) as it is. The token's claims
        // shape the trust statement; the token stays here.
        extras.attachFix(err, typeof opts?.webIdentityToken === 'string' ? opts.webIdentityToken : undefined);
        throw err;
      }),
    renderExports: extras.renderExports,
    renderUnset: extras.renderUnset,
    fixFor: extras.fixFor,
    decodeJwtClaims: extras.decodeJwtClaims,
    samlRoles: extras.samlRoles,
  };
}
