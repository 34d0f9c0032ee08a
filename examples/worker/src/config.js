// Reads the worker's bindings (wrangler.toml [vars] and `wrangler secret put` secrets) into one
// validated object. Secrets stay in this object only; nothing here logs or echoes them.

export class ConfigError extends Error {}

export function readConfig(env) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new ConfigError("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set");
  if (!env.BEARER_TOKEN) throw new ConfigError("BEARER_TOKEN is not set");
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
    bearerToken: env.BEARER_TOKEN,
    allowAnyRole: allowed.includes("*"),
    allowedRoles: new Set(allowed),
    federationEndpoint: env.FEDERATION_ENDPOINT || undefined,
    defaultSessionName: env.DEFAULT_SESSION_NAME || "assume-role-wasm-worker",
  };
}

export function roleAllowed(config, roleArn) {
  return config.allowAnyRole || config.allowedRoles.has(roleArn);
}
