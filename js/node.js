// Node ≥ 18 entry: loads the wasm bytes itself, so `import { assumeRole } from "assume-role-wasm"`
// works with no init call, and sends STS calls over node:http(s) unless `opts.fetch` is given
// (see node-transport.js for why and what it guarantees).

import { readFileSync } from "node:fs";
import * as glue from "../pkg/assume_role_wasm.js";
import { nodeFetch } from "./node-transport.js";
import { createCredentialProviderWith } from "./provider.js";
export { isStsError } from "./errors.js";

glue.initSync({ module: readFileSync(new URL("../pkg/assume_role_wasm_bg.wasm", import.meta.url)) });

// Only fill in the transport; anything else (including a non-object) goes to the wasm untouched
// so that it reports the problem in its own words.
function withTransport(opts) {
  if (opts === null || typeof opts !== "object" || opts.fetch != null) return opts;
  return { ...opts, fetch: nodeFetch };
}

/** @type {import("./index.d.ts").assumeRole} */
export const assumeRole = (opts) => glue.assumeRole(withTransport(opts));
/** @type {import("./index.d.ts").getCallerIdentity} */
export const getCallerIdentity = (opts) => glue.getCallerIdentity(withTransport(opts));
/** @type {import("./index.d.ts").getSessionToken} */
export const getSessionToken = (opts) => glue.getSessionToken(withTransport(opts));
export const renderExports = glue.renderExports;
export const renderUnset = glue.renderUnset;
export const { decodeJwtClaims, samlRoles } = glue; // keyless sign-in helpers (js/keyless.d.ts)
export { nodeFetch };

/** @type {import("./index.d.ts").createCredentialProvider} */
export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, { assumeRole, getSessionToken });
}
