// Role profiles of ~/.aws/config, resolved as the AWS CLI (botocore's AssumeRoleProvider) resolves them:
//
//   [profile example-role]
//   role_arn = arn:aws:iam::123456789012:role/example-role
//   source_profile = bob            (a profile with keys, or another role profile: a chain)
//   # or: credential_source = Environment   (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN)
//   mfa_serial = arn:aws:iam::123456789012:mfa/bob   external_id = …   duration_seconds = 3600
//   role_session_name = me          region = eu-west-1   endpoint_url = … / services = …
//
// planProfile() checks the whole chain first (profiles exist, no loops, one source each) without any
// network call; resolvePlan() then walks it from the top, taking each hop from the AWS CLI's cache
// when it holds fresh credentials (so inner hops, and their MFA prompts, are skipped as botocore
// skips them) and otherwise calling AssumeRole through the package's own assumeRole().

import { ProfileError, loadSharedConfig, resolveEndpoint, resolveRegion, setting } from "./aws-config.js";
import { assumeRoleCacheKey, createAwsCliCache } from "./aws-cache.js";
import { checkProfileOptions } from "./profile-options.js";

export { ProfileError };

const UNSUPPORTED_SOURCES = ["credential_process", "sso_session", "sso_start_url", "web_identity_token_file", "login_session"];

/** A profile the AWS CLI would resolve with AssumeRole (web identity profiles are another provider's). */
export function isRoleProfile(section) {
  return setting(section, "role_arn") !== undefined && !section.has("web_identity_token_file");
}

function hasStaticKeys(section) {
  return section.has("aws_access_key_id") || section.has("aws_secret_access_key");
}

function q(name) {
  return JSON.stringify(name);
}

function staticKeys(section, name, shared) {
  const accessKeyId = setting(section, "aws_access_key_id");
  const secretAccessKey = setting(section, "aws_secret_access_key");
  if (!accessKeyId || !secretAccessKey) {
    throw new ProfileError(`profile ${q(name)} needs both aws_access_key_id and aws_secret_access_key (${shared.paths.credentials} or ${shared.paths.config})`);
  }
  const sessionToken = setting(section, "aws_session_token") || undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), from: `profile ${q(name)}` };
}

function environmentKeys(env, name) {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    throw new ProfileError(`profile ${q(name)} has credential_source = Environment, but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set`);
  }
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(sessionToken ? { sessionToken } : {}), from: "environment" };
}

/** The AssumeRole parameters of one role profile, under their API names (which the cache key hashes). */
function hopOf(section, name) {
  const args = { RoleArn: setting(section, "role_arn") };
  const sessionName = setting(section, "role_session_name");
  if (sessionName) args.RoleSessionName = sessionName; // empty: botocore makes one up, as below
  const externalId = setting(section, "external_id");
  if (externalId !== undefined) args.ExternalId = externalId;
  const serial = setting(section, "mfa_serial");
  if (serial !== undefined) args.SerialNumber = serial;
  const duration = setting(section, "duration_seconds");
  if (duration !== undefined) {
    if (!/^\d{1,6}$/.test(duration)) {
      throw new ProfileError(`profile ${q(name)}: duration_seconds must be a whole number of seconds (900–43200), not ${q(duration)}`);
    }
    args.DurationSeconds = Number(duration);
  }
  return { profile: name, args };
}

/**
 * The chain behind a profile, validated, with no network call.
 * @returns {{ profile: string, hops: { profile: string, args: object }[], source: { accessKeyId, secretAccessKey, sessionToken?, from: string } }}
 *   hops[0] is the profile asked for; the last hop is assumed with `source`. No hops: a keys profile.
 */
export function planProfile(shared, name, env) {
  const top = shared.profiles.get(name);
  if (!top) throw new ProfileError(`profile ${q(name)} not found in ${shared.paths.credentials} or ${shared.paths.config}`);
  if (!isRoleProfile(top)) {
    if (hasStaticKeys(top)) return { profile: name, hops: [], source: staticKeys(top, name, shared) };
    const other = UNSUPPORTED_SOURCES.find((k) => top.has(k));
    throw new ProfileError(
      other
        ? `profile ${q(name)} uses ${other}; this tool reads static keys and role_arn profiles (source_profile / credential_source = Environment)`
        : `profile ${q(name)} has no aws_access_key_id/aws_secret_access_key and no role_arn`,
    );
  }
  const visited = [name];
  const hops = [];
  let current = name;
  for (;;) {
    const section = shared.profiles.get(current);
    hops.push(hopOf(section, current));
    const sourceProfile = setting(section, "source_profile");
    const credentialSource = setting(section, "credential_source");
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      throw new ProfileError(`profile ${q(current)} has both source_profile and credential_source; keep one`);
    }
    if (credentialSource !== undefined) {
      if (credentialSource !== "Environment") {
        throw new ProfileError(`profile ${q(current)}: credential_source = ${q(credentialSource)} is not supported here (only Environment; Ec2InstanceMetadata and EcsContainer need the AWS CLI)`);
      }
      return { profile: name, hops, source: environmentKeys(env, current) };
    }
    if (sourceProfile === undefined) {
      throw new ProfileError(`profile ${q(current)} has role_arn but neither source_profile nor credential_source`);
    }
    const source = shared.profiles.get(sourceProfile);
    if (!source) throw new ProfileError(`the source_profile ${q(sourceProfile)} of profile ${q(current)} does not exist`);
    if (visited.includes(sourceProfile)) {
      // A profile may name itself to take its own keys (botocore allows exactly that); any other
      // revisit is a loop.
      if (sourceProfile !== current || !hasStaticKeys(source)) {
        throw new ProfileError(`source_profile loop: ${[...visited, sourceProfile].map(q).join(" → ")}`);
      }
    }
    visited.push(sourceProfile);
    if (sourceProfile === current || hasStaticKeys(source)) {
      // Keys win over a role_arn in a source profile, as in botocore.
      return { profile: name, hops, source: staticKeys(source, sourceProfile, shared) };
    }
    if (!isRoleProfile(source)) {
      const other = UNSUPPORTED_SOURCES.find((k) => source.has(k));
      throw new ProfileError(
        other
          ? `the source_profile ${q(sourceProfile)} uses ${other}; this tool takes source credentials from static keys, role_arn profiles or the environment`
          : `the source_profile ${q(sourceProfile)} has no credentials (aws_access_key_id/aws_secret_access_key or role_arn)`,
      );
    }
    current = sourceProfile;
  }
}

/**
 * Walks a plan from the top: cache, else the source (recursively), MFA code, AssumeRole, cache.
 * @param {ReturnType<typeof planProfile>} plan
 * @param {object} o
 * @param {(opts: object) => Promise<object>} o.assumeRole the package's assumeRole
 * @param {string} [o.region]
 * @param {string} [o.endpoint]
 * @param {ReturnType<typeof createAwsCliCache> | null} [o.cache]
 * @param {(serialNumber: string, profile: string) => Promise<string>} [o.mfaCode]
 * @param {() => number} [o.now]
 * @param {object} [o.callOptions] passed to every assumeRole (timeoutMs, fetch)
 * @returns {Promise<{ credentials, assumedRoleUser?, chained: boolean, fromCache: boolean, calls: number }>}
 *   chained: the top role session was assumed with temporary credentials (role chaining)
 */
export async function resolvePlan(plan, { assumeRole, region, endpoint, cache = null, mfaCode, now = Date.now, callOptions = {} }) {
  let calls = 0;
  const chainedAt = (i) => (i + 1 < plan.hops.length ? true : Boolean(plan.source.sessionToken));
  async function hop(i) {
    if (i === plan.hops.length) {
      const { from, ...keys } = plan.source;
      return { credentials: keys, fromCache: false };
    }
    const { profile, args } = plan.hops[i];
    const key = assumeRoleCacheKey(args);
    const cached = cache?.get(key);
    if (cached) return { credentials: cached.credentials, assumedRoleUser: cached.assumedRoleUser, fromCache: true };
    const source = (await hop(i + 1)).credentials;
    const opts = {
      ...callOptions,
      accessKeyId: source.accessKeyId,
      secretAccessKey: source.secretAccessKey,
      ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
      roleArn: args.RoleArn,
      // botocore's own stand-in name when the profile has none; it is left out of the cache key.
      roleSessionName: args.RoleSessionName ?? `assume-role-wasm-${Math.floor(now() / 1000)}`,
      ...(args.ExternalId !== undefined ? { externalId: args.ExternalId } : {}),
      ...(args.DurationSeconds !== undefined ? { durationSeconds: args.DurationSeconds } : {}),
      ...(region ? { region } : {}),
      ...(endpoint ? { endpoint } : {}),
    };
    if (args.SerialNumber !== undefined) {
      if (!mfaCode) throw new ProfileError(`profile ${q(profile)} needs an MFA code for ${args.SerialNumber}, and nothing can ask for it here`);
      opts.serialNumber = args.SerialNumber;
      opts.tokenCode = await mfaCode(args.SerialNumber, profile);
    }
    calls++;
    const result = await assumeRole(opts);
    cache?.set(key, result);
    return { credentials: result.credentials, assumedRoleUser: result.assumedRoleUser, fromCache: false };
  }
  const top = await hop(0);
  return { ...top, chained: plan.hops.length > 0 && chainedAt(0), calls };
}

/**
 * `fromProfile({ profile })`: a credential provider for a profile of the shared AWS files, resolved
 * as the AWS CLI does. Returns `() => Promise<credentials>`, refreshed 15 minutes before expiry.
 * @param {object} [options]
 * @param {string} [options.profile] default AWS_PROFILE, then "default"
 * @param {Record<string, string | undefined>} [options.env] default process.env (HOME, AWS_CONFIG_FILE, …)
 * @param {string} [options.region] @param {string} [options.endpoint]
 * @param {(serialNumber: string, profile: string) => string | Promise<string>} [options.mfaCodeProvider]
 * @param {boolean} [options.cache] share ~/.aws/cli/cache with the AWS CLI (default false)
 * @param {{ assumeRole: Function }} api the entry point's functions
 */
export function fromProfileWith(options = {}, api) {
  const { profile, env, region, endpoint, mfaCodeProvider, cache, now, timeoutMs, fetch } = checkProfileOptions(options);
  const name = profile ?? (env.AWS_PROFILE || "default");
  const fileCache = cache ? createAwsCliCache({ env, now }) : null;
  const callOptions = { ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(fetch !== undefined ? { fetch } : {}) };
  let held = null;
  let inflight = null;
  async function load() {
    const shared = loadSharedConfig(env);
    const plan = planProfile(shared, name, env);
    const result = await resolvePlan(plan, {
      assumeRole: api.assumeRole,
      region: resolveRegion({ explicit: region, env, shared, profile: name }),
      endpoint: resolveEndpoint({ explicit: endpoint, env, shared, profile: name }),
      cache: fileCache,
      mfaCode: mfaCodeProvider && (async (serial, p) => String(await mfaCodeProvider(serial, p))),
      now,
      callOptions,
    });
    held = result.credentials;
    return held;
  }
  return async function profileCredentials() {
    const expiresAt = held?.expiration ? Date.parse(held.expiration) : Infinity;
    if (held && expiresAt - now() > 15 * 60 * 1000) return held;
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  };
}
