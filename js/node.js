// Node ≥ 18 entry: loads the wasm bytes itself, so `import { assumeRole } from "assume-role-wasm"`
// works with no init call, and sends STS calls over node:http(s) unless `opts.fetch` is given
// (see node-transport.js for why and what it guarantees).

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import * as glue from "../pkg/assume_role_wasm.js";
import { nodeFetch } from "./node-transport.js";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
import { extrasLoader } from "./extras.js";
export * from "./operations.js";
import { checkProfileOptions } from "./profile-options.js";
export { isStsError } from "./errors.js";

glue.initSync({ module: readFileSync(new URL("../pkg/assume_role_wasm_bg.wasm", import.meta.url)) });

// Only fill in the transport; anything else (including a non-object) goes to the wasm untouched
// so that it reports the problem in its own words.
function withTransport(opts) {
  if (opts === null || typeof opts !== "object" || opts.fetch != null) return opts;
  return { ...opts, fetch: nodeFetch };
}

// The second wasm (err.fix, exports, facts, the keyless helpers): read and compiled on first use (js/extras.js).
const extras = extrasLoader(() => readFileSync(new URL("../pkg/assume_role_extras_bg.wasm", import.meta.url)));

setRunner((action, opts) => glue.call(action, withTransport(opts)), extras.load);
export const { renderExports, renderUnset, formats, operations, regions, resolveEndpoint } = extras; // the second wasm
/** @type {import("./index.d.ts").fixFor} */
export const fixFor = extras.fixFor;
export const { decodeJwtClaims, samlRoles } = extras; // keyless sign-in helpers (js/keyless.d.ts)
/** Nothing to wait for in Node (the second wasm loads synchronously on first use); here for code shared with browsers. */
export const initExtras = () => Promise.resolve();
export { nodeFetch };

/** @type {import("./index.d.ts").createCredentialProvider} */
export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, {
    env: process.env, // AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE when called without options
    readTextFile: (file) => readFile(file, "utf8"),
  });
}

/**
 * Credentials for a profile of ~/.aws/config and ~/.aws/credentials, resolved as the AWS CLI does (js/profile.js).
 * Bad options throw here; the profile modules load on the provider's first call, not with this entry.
 */
export function fromProfile(options) {
  const checked = checkProfileOptions(options); // read once, now, as before
  let provider = null;
  return async function profileCredentials() {
    provider ??= Promise.all([import("./profile.js"), import("./operations.js")]).then(([m, { assumeRole }]) =>
      m.fromProfileWith(checked, { assumeRole }),
    );
    return (await provider)();
  };
}
