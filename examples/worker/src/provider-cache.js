// One credential provider per (caller, source key, STS location, role, session name, duration), kept in a
// bounded map so that callers choosing many session names cannot grow the isolate's memory
// without limit. Least recently used entries go first.

const MAX_PROVIDERS = 64;

export function createProviderCache(createCredentialProvider, max = MAX_PROVIDERS) {
  const providers = new Map();
  return {
    /** `caller` (auth.js's callerOf) is part of the key: one caller never gets another's session. */
    get(source, role, caller = "") {
      // The access key id identifies the source keys (a rotated secret comes with a new id);
      // no secret goes into the key.
      const key = JSON.stringify([
        caller,
        source.accessKeyId,
        source.region ?? "",
        source.endpoint ?? "",
        role.roleArn,
        role.roleSessionName,
        role.durationSeconds ?? 0,
      ]);
      let provider = providers.get(key);
      if (provider) {
        providers.delete(key); // re-insert below: Map order doubles as recency order
      } else {
        const opts = { ...source, roleArn: role.roleArn, roleSessionName: role.roleSessionName };
        if (role.durationSeconds !== undefined) opts.durationSeconds = role.durationSeconds;
        provider = createCredentialProvider(opts);
      }
      providers.set(key, provider);
      while (providers.size > max) providers.delete(providers.keys().next().value);
      return provider;
    },
    get size() {
      return providers.size;
    },
  };
}
