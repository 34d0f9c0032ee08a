// fromProfile's option checks, apart from js/profile.js so that the Node entry can throw them synchronously
// at `fromProfile(…)` while loading the profile, config and cache modules (≈ 4 ms of Node's start-up:
// node:crypto, the INI parser) only when the provider is first called.

/** Throws a TypeError naming the option; returns the options with their defaults. */
export function checkProfileOptions(options = {}) {
  if (options === null || typeof options !== "object") throw new TypeError("fromProfile: pass an options object, e.g. { profile: \"example-role\" }");
  const { profile, env = process.env, region, endpoint, mfaCodeProvider, cache = false, now = Date.now, timeoutMs, fetch, ...unknown } = options;
  const stray = Object.keys(unknown);
  if (stray.length > 0) throw new TypeError(`fromProfile: unknown option ${JSON.stringify(stray[0])} (profile, env, region, endpoint, mfaCodeProvider, cache, timeoutMs, fetch)`);
  if (mfaCodeProvider !== undefined && typeof mfaCodeProvider !== "function") throw new TypeError("fromProfile: mfaCodeProvider must be a function (serialNumber) => code");
  return { profile, env, region, endpoint, mfaCodeProvider, cache, now, timeoutMs, fetch };
}
