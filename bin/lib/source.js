// Where the CLI finds its source credentials, region and endpoint: the same places, in the same
// order, as the AWS CLI (botocore) for the static-key cases.
//
//   credentials: --profile → that profile; else AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
//                (+ AWS_SESSION_TOKEN); else the profile AWS_PROFILE names, or `default`.
//                A profile's keys come from the shared credentials file
//                (AWS_SHARED_CREDENTIALS_FILE, ~/.aws/credentials), then the config file
//                (AWS_CONFIG_FILE, ~/.aws/config, section `[profile NAME]` or `[default]`).
//   region:      --region → AWS_REGION → AWS_DEFAULT_REGION → the profile's `region` → us-east-1.
//   endpoint:    --endpoint-url → AWS_ENDPOINT_URL_STS → AWS_ENDPOINT_URL (the environment ones
//                unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true).

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseIni } from "./ini.js";

export class SourceError extends Error {
  constructor(message) {
    super(message);
    this.name = "SourceError";
  }
}

function readIni(path) {
  try {
    return parseIni(readFileSync(path, "utf8"));
  } catch (e) {
    if (e.code === "ENOENT") return new Map();
    throw new SourceError(`cannot read ${path}: ${e.code ?? e.message}`);
  }
}

function paths(env) {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"),
    config: env.AWS_CONFIG_FILE || join(home, ".aws", "config"),
  };
}

function profileSections(name, env) {
  const p = paths(env);
  const credentials = readIni(p.credentials).get(name);
  const config = readIni(p.config).get(name === "default" ? "default" : `profile ${name}`);
  return { p, credentials, config };
}

function keysFromProfile(name, env, fromEnv = false) {
  const { p, credentials, config } = profileSections(name, env);
  for (const section of [credentials, config]) {
    const accessKeyId = section?.get("aws_access_key_id");
    const secretAccessKey = section?.get("aws_secret_access_key");
    if (accessKeyId && secretAccessKey) {
      const sessionToken = section.get("aws_session_token") || undefined;
      return { accessKeyId, secretAccessKey, sessionToken };
    }
  }
  if (!credentials && !config) {
    throw new SourceError(`profile "${name}" not found in ${p.credentials} or ${p.config}`);
  }
  const other = ["role_arn", "credential_process", "sso_session", "sso_start_url"].find((k) => config?.has(k));
  if (other && fromEnv) {
    // The usual way here: this tool is that profile's credential_process, and the AWS CLI passed its own
    // AWS_PROFILE down to us. Say how to name the profile that holds the static keys instead.
    throw new SourceError(
      `AWS_PROFILE names profile "${name}", which uses ${other}, not static keys; if this tool is that profile's ` +
        `credential_process, add --profile SOURCE (the profile with your aws_access_key_id) to its command line`,
    );
  }
  throw new SourceError(
    other
      ? `profile "${name}" uses ${other}; this tool reads only static keys (aws_access_key_id/aws_secret_access_key)`
      : `profile "${name}" has no aws_access_key_id/aws_secret_access_key`,
  );
}

/** @returns {{ accessKeyId: string, secretAccessKey: string, sessionToken?: string, profile?: string, fromEarlierAssume?: boolean }} */
export function resolveSourceCredentials(flags, env) {
  if (flags.profile) return { ...keysFromProfile(flags.profile, env), profile: flags.profile };
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
    return { ...keysFromProfile(profile, env, Boolean(env.AWS_PROFILE)), profile };
  } catch (e) {
    if (e instanceof SourceError && !env.AWS_PROFILE) {
      throw new SourceError(
        "no source credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --profile / AWS_PROFILE " +
          `(${e.message})`,
      );
    }
    throw e;
  }
}

export function resolveRegion(flags, env, profile) {
  if (flags.region) return flags.region;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  const name = profile ?? (env.AWS_PROFILE || "default");
  return profileSections(name, env).config?.get("region") || undefined;
}

export function resolveEndpoint(flags, env) {
  if (flags.endpointUrl) return flags.endpointUrl;
  if (String(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).toLowerCase() === "true") return undefined;
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
}
