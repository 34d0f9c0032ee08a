// Reads the worker's bindings (wrangler.toml [vars] and `wrangler secret put` secrets) into one
// validated object. Secrets stay in this object only; nothing here logs or echoes them.

export class ConfigError extends Error {}

export function readConfig(env) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new ConfigError("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set");
  // BEARER_TOKEN is checked before this runs (index.js): an unauthenticated caller learns nothing, not
  // even that the worker is misconfigured.
  const allowed = String(env.ALLOWED_ROLE_ARNS ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
  const source = { accessKeyId, secretAccessKey };
  if (env.AWS_SESSION_TOKEN) source.sessionToken = env.AWS_SESSION_TOKEN;
  if (env.STS_REGION) source.region = env.STS_REGION;
  if (env.STS_ENDPOINT) source.endpoint = env.STS_ENDPOINT;
  return {
    source,
    // Temporary source keys make every assumed role a chained session: no SessionDuration for
    // the console then (the federation endpoint rejects it).
    chained: Boolean(env.AWS_SESSION_TOKEN),
    allowAnyRole: allowed.includes("*"),
    allowedRoles: new Set(allowed),
    federationEndpoint: env.FEDERATION_ENDPOINT || undefined,
    consoleIssuers: new Set(
      String(env.CONSOLE_ISSUERS ?? "")
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(originOf)
        .filter(Boolean),
    ),
    defaultSessionName: env.DEFAULT_SESSION_NAME || "assume-role-wasm-worker",
  };
}

/** The https origin of an allow-list entry; entries that are not https URLs admit nothing. */
function originOf(entry) {
  try {
    const url = new URL(entry);
    return url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function roleAllowed(config, roleArn) {
  return config.allowAnyRole || config.allowedRoles.has(roleArn);
}
