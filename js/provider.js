// A caching credential provider for long-lived code (servers, edge workers, CLIs that loop).
//
// It is plain JS over the API functions of whichever entry point created it, so every runtime
// shares one implementation: the entry passes in its own (initialised) `assumeRole` and
// `getSessionToken`. Nothing here touches the wasm directly.

const DEFAULT_MARGIN_MS = 5 * 60 * 1000;

/**
 * @param {object | (() => object | Promise<object>)} stsOptions the options of the STS call,
 *   passed through verbatim (or a function returning them, e.g. to read rotated source keys).
 * @param {object} [settings] provider settings, kept apart so they never reach the STS call
 *   (the wasm rejects unknown option keys).
 * @param {{ assumeRole: Function, getSessionToken: Function }} api the entry's API functions.
 */
export function createCredentialProviderWith(stsOptions, settings, api) {
  if (stsOptions === null || (typeof stsOptions !== "object" && typeof stsOptions !== "function")) {
    throw new TypeError("createCredentialProvider: the first argument must be the STS options object or a function returning it");
  }
  const {
    operation = "assumeRole",
    refreshMarginMs = DEFAULT_MARGIN_MS,
    now = Date.now,
    ...unknown
  } = settings ?? {};
  const stray = Object.keys(unknown);
  if (stray.length > 0) {
    throw new TypeError(`createCredentialProvider: unknown setting ${JSON.stringify(stray[0])} (STS options go in the first argument)`);
  }
  if (operation !== "assumeRole" && operation !== "getSessionToken") {
    throw new TypeError('createCredentialProvider: operation must be "assumeRole" or "getSessionToken"');
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
    const opts = typeof stsOptions === "function" ? await stsOptions() : stsOptions;
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
