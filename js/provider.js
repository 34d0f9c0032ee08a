// A caching credential provider for long-lived code (servers, edge workers, CLIs that loop).
//
// It is plain JS over the operation functions (js/operations.js, run by whichever entry point installed
// its runner), so every runtime shares one implementation. Nothing here touches the wasm directly. It
// imports them itself rather than from the entry: Parcel 2 drops a module that one file both re-exports
// with `export *` and imports by name, which the entries did (tests/bundlers/bundlers.test.mjs).
//
// Keyless: with `webIdentityToken` in the options (or `operation: "assumeRoleWithWebIdentity"`) it calls
// AssumeRoleWithWebIdentity; the token may be a function, called on every refresh (an edge worker minting
// its own OIDC tokens). With no options at all, entries that have an environment and files (Node, Deno)
// follow the SDKs' AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE convention (web-identity.js).

import { webIdentityFromEnv } from "./web-identity.js";
import { assumeRole, getSessionToken, assumeRoleWithWebIdentity } from "./operations.js";

const api = { assumeRole, getSessionToken, assumeRoleWithWebIdentity };

const DEFAULT_MARGIN_MS = 5 * 60 * 1000;
const OPERATIONS = ["assumeRole", "getSessionToken", "assumeRoleWithWebIdentity"];

/** The token of the options, resolved when it is a function (called once per refresh). */
async function withToken(opts) {
  if (opts === null || typeof opts !== "object" || typeof opts.webIdentityToken !== "function") return opts;
  return { ...opts, webIdentityToken: await opts.webIdentityToken() };
}

/**
 * @param {object | (() => object | Promise<object>)} stsOptions the options of the STS call,
 *   passed through verbatim (or a function returning them, e.g. to read rotated source keys).
 * @param {object} [settings] provider settings, kept apart so they never reach the STS call
 *   (the wasm rejects unknown option keys).
 * @param {{ env?: object, readTextFile?: (path: string) => Promise<string> }} [host] what the runtime offers
 *   for the environment convention (Node, Deno); without it, options are required.
 */
export function createCredentialProviderWith(stsOptions, settings, host) {
  let fromEnv = false;
  if (stsOptions === undefined && host?.env && host.readTextFile) {
    stsOptions = webIdentityFromEnv(host.env, host.readTextFile);
    if (stsOptions === null) {
      throw new TypeError("createCredentialProvider: no STS options given, and AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE are not set");
    }
    fromEnv = true;
  }
  if (stsOptions === null || (typeof stsOptions !== "object" && typeof stsOptions !== "function")) {
    throw new TypeError("createCredentialProvider: the first argument must be the STS options object or a function returning it");
  }
  const keyless = fromEnv || (typeof stsOptions === "object" && "webIdentityToken" in stsOptions);
  const {
    operation = keyless ? "assumeRoleWithWebIdentity" : "assumeRole",
    refreshMarginMs = DEFAULT_MARGIN_MS,
    now = Date.now,
    ...unknown
  } = settings ?? {};
  const stray = Object.keys(unknown);
  if (stray.length > 0) {
    throw new TypeError(`createCredentialProvider: unknown setting ${JSON.stringify(stray[0])} (STS options go in the first argument)`);
  }
  if (!OPERATIONS.includes(operation)) {
    throw new TypeError(`createCredentialProvider: operation must be one of ${OPERATIONS.map((o) => JSON.stringify(o)).join(", ")}`);
  }
  if (typeof api[operation] !== "function") {
    throw new TypeError(`createCredentialProvider: this entry point has no ${operation}`);
  }
  if (!Number.isFinite(refreshMarginMs) || refreshMarginMs < 0) {
    throw new TypeError("createCredentialProvider: refreshMarginMs must be a non-negative number");
  }
  if (typeof now !== "function") throw new TypeError("createCredentialProvider: now must be a function returning epoch milliseconds");
  const call = api[operation];

  /** @type {{ credentials: object, expiresAt: number, refreshAt: number } | null} */
  let cached = null;
  /** @type {Promise<object> | null} */
  let inflight = null;

  async function refresh() {
    const fetchedAt = now();
    const opts = await withToken(typeof stsOptions === "function" ? await stsOptions() : stsOptions);
    const result = await call(opts);
    const credentials = result.credentials;
    const expiresAt = Date.parse(credentials.expiration);
    if (!Number.isFinite(expiresAt)) {
      throw new TypeError("createCredentialProvider: STS returned credentials without a parsable expiration");
    }
    // A margin as long as the session itself would make every call a refresh (a 15-minute
    // session with a 20-minute margin): never use more than half the lifetime.
    const margin = Math.min(refreshMarginMs, Math.max(0, (expiresAt - fetchedAt) / 2));
    cached = { credentials, expiresAt, refreshAt: expiresAt - margin };
    return credentials;
  }

  /**
   * @param {{ forceRefresh?: boolean }} [options]
   */
  return async function credentialProvider(options) {
    const forceRefresh = options?.forceRefresh === true;
    const t = now();
    if (!forceRefresh && cached && t < cached.refreshAt) return cached.credentials;
    // Every caller that arrives while a refresh runs shares it: one STS call, not N.
    inflight ??= refresh().finally(() => {
      inflight = null;
    });
    const stale = cached;
    try {
      return await inflight;
    } catch (error) {
      // A failed refresh must not poison anything: `inflight` is cleared above so the next call
      // retries, and credentials that have not actually expired yet are still good to hand out
      // (the refresh margin is a courtesy, not a deadline). Forced refreshes always surface errors.
      if (!forceRefresh && stale && now() < stale.expiresAt) return stale.credentials;
      throw error;
    }
  };
}
