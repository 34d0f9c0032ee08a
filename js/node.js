// Node ≥ 18 entry: loads the wasm bytes itself, so `import { assumeRole } from "assume-role-wasm"`
// works with no init call, and sends STS calls over node:http(s) unless `opts.fetch` is given
// (see node-transport.js for why and what it guarantees).

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import * as glue from "../pkg/assume_role_wasm.js";
import { nodeFetch } from "./node-transport.js";
import { createCredentialProviderWith } from "./provider.js";
import { setRunner } from "./runner.js";
import { assumeRole, getSessionToken, assumeRoleWithWebIdentity } from "./operations.js";
export * from "./operations.js";
import { fromProfileWith } from "./profile.js";
export { isStsError } from "./errors.js";

glue.initSync({ module: readFileSync(new URL("../pkg/assume_role_wasm_bg.wasm", import.meta.url)) });

// Only fill in the transport; anything else (including a non-object) goes to the wasm untouched
// so that it reports the problem in its own words.
function withTransport(opts) {
  if (opts === null || typeof opts !== "object" || opts.fetch != null) return opts;
  return { ...opts, fetch: nodeFetch };
}

setRunner((action, opts) => glue.call(action, withTransport(opts)));
export const { renderExports, renderUnset, formats, operations, regions, resolveEndpoint } = glue;
/** @type {import("./index.d.ts").fixFor} */
export const fixFor = glue.fixFor;
export const { decodeJwtClaims, samlRoles } = glue; // keyless sign-in helpers (js/keyless.d.ts)
export { nodeFetch };

/** @type {import("./index.d.ts").createCredentialProvider} */
export function createCredentialProvider(stsOptions, settings) {
  return createCredentialProviderWith(stsOptions, settings, { assumeRole, getSessionToken, assumeRoleWithWebIdentity }, {
    env: process.env, // AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE when called without options
    readTextFile: (file) => readFile(file, "utf8"),
  });
}

/** Credentials for a profile of ~/.aws/config and ~/.aws/credentials, resolved as the AWS CLI does (js/profile.js). */
export function fromProfile(options) {
  return fromProfileWith(options, { assumeRole });
}
