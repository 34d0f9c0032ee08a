// Where the CLI finds its credentials, region and endpoint: the same places, in the same order, as
// the AWS CLI (botocore).
//
//   credentials: --profile → that profile; else AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
//                (+ AWS_SESSION_TOKEN); else the profile AWS_PROFILE names, or `default`.
//                A profile is either static keys (credentials file first, then config file), or a
//                role profile (role_arn + source_profile / credential_source), resolved by
//                js/profile.js exactly as `aws --profile NAME` would: its role's credentials.
//   region:      --region → AWS_REGION → AWS_DEFAULT_REGION → the profile's `region` → us-east-1.
//   endpoint:    --endpoint-url → AWS_ENDPOINT_URL_STS → AWS_ENDPOINT_URL → the profile's
//                `services` section / `endpoint_url` (all but the flag off when
//                AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or ignore_configured_endpoint_urls = true).

import { ProfileError, loadSharedConfig, resolveRegion as regionOf, resolveEndpoint as endpointOf } from "../../js/aws-config.js";
import { isRoleProfile, planProfile } from "../../js/profile.js";

// One error type for "your configuration does not give credentials": exit 1, message only.
export { ProfileError as SourceError };

const OTHER_SOURCES = ["credential_process", "sso_session", "sso_start_url", "web_identity_token_file"];

/**
 * @returns {{ accessKeyId: string, secretAccessKey: string, sessionToken?: string, profile?: string, fromEarlierAssume?: boolean }
 *         | { plan: ReturnType<typeof planProfile>, profile: string }}  a plan: a role profile, resolved by the caller
 */
function fromProfile(shared, name, env, fromEnv) {
  const section = shared.profiles.get(name);
  if (section && isRoleProfile(section)) return { plan: planProfile(shared, name, env), profile: name };
  if (section && !section.has("aws_access_key_id")) {
    const other = OTHER_SOURCES.find((k) => section.has(k));
    if (other && fromEnv) {
      // The usual way here: this tool is that profile's credential_process, and the AWS CLI passed its own
      // AWS_PROFILE down to us. Say how to name the profile that holds the static keys instead.
      throw new ProfileError(
        `AWS_PROFILE names profile "${name}", which uses ${other}, not static keys; if this tool is that profile's ` +
          `credential_process, add --profile SOURCE (the profile with your aws_access_key_id) to its command line`,
      );
    }
  }
  const { source } = planProfile(shared, name, env);
  const { from, ...keys } = source;
  return { ...keys, profile: name };
}

export function resolveSourceCredentials(flags, env) {
  const shared = loadSharedConfig(env);
  if (flags.profile) return fromProfile(shared, flags.profile, env, false);
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      sessionToken: env.AWS_SESSION_TOKEN || undefined,
      // Set by our own exports: these are most likely a role this shell assumed earlier.
      fromEarlierAssume: Boolean(env.AWS_SESSION_TOKEN && env.AWS_CREDENTIAL_EXPIRATION),
    };
  }
  const profile = env.AWS_PROFILE || "default";
  try {
    return fromProfile(shared, profile, env, Boolean(env.AWS_PROFILE));
  } catch (e) {
    if (e instanceof ProfileError && !env.AWS_PROFILE) {
      throw new ProfileError(
        "no source credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --profile / AWS_PROFILE " +
          `(${e.message})`,
      );
    }
    throw e;
  }
}

/** The profile whose settings (region, endpoint) apply: --profile, else AWS_PROFILE, else default. */
export function settingsProfile(flags, env) {
  return flags.profile || env.AWS_PROFILE || "default";
}

export function resolveRegion(flags, env) {
  return regionOf({ explicit: flags.region, env, shared: loadSharedConfig(env), profile: settingsProfile(flags, env) });
}

export function resolveEndpoint(flags, env) {
  return endpointOf({ explicit: flags.endpointUrl, env, shared: loadSharedConfig(env), profile: settingsProfile(flags, env) });
}
