// The AWS shared config and credentials files, read into the shape botocore builds from them
// (botocore/configloader.py build_profile_map, session.full_config):
//
//   config file (AWS_CONFIG_FILE, ~/.aws/config):   [default], [profile NAME] → profiles;
//                                                  [services NAME] → services (nested `sts =` blocks)
//   credentials file (AWS_SHARED_CREDENTIALS_FILE, ~/.aws/credentials): [NAME] → merged into
//                                                  profiles, its keys winning over the config file's
//
// Node only (reads files). Every value here came from a file the user may not have written
// themselves: callers validate before use and quote names in messages (JSON.stringify).

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseIni } from "./ini.js";

export class ProfileError extends Error {
  constructor(message) {
    super(message);
    this.name = "ProfileError";
  }
}

export function homeOf(env) {
  return env.HOME || env.USERPROFILE || homedir();
}

export function sharedFilePaths(env) {
  const home = homeOf(env);
  return {
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"),
    config: env.AWS_CONFIG_FILE || join(home, ".aws", "config"),
  };
}

function readIni(path) {
  try {
    return parseIni(readFileSync(path, "utf8"), { nested: true });
  } catch (e) {
    if (e.code === "ENOENT") return new Map();
    throw new ProfileError(`cannot read ${path}: ${e.code ?? e.message}`);
  }
}

// botocore splits `profile NAME` with shlex, so `[profile "my role"]` names `my role` and a header
// that does not split into exactly two words names nothing.
function sectionName(header, prefix) {
  if (!header.startsWith(prefix)) return undefined;
  const words = [];
  const re = /"([^"]*)"|'([^']*)'|([^\s"']+)/gy;
  const rest = header.trim();
  let i = 0;
  while (i < rest.length) {
    if (/\s/.test(rest[i])) {
      i++;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(rest);
    if (!m) return undefined; // an unbalanced quote: botocore ignores the section
    words.push(m[1] ?? m[2] ?? m[3]);
    i = re.lastIndex;
  }
  return words.length === 2 && words[0] === prefix ? words[1] : undefined;
}

/**
 * @returns {{ profiles: Map<string, Map<string, any>>, services: Map<string, Map<string, any>>, paths: { config: string, credentials: string } }}
 */
export function loadSharedConfig(env) {
  const paths = sharedFilePaths(env);
  const profiles = new Map();
  const services = new Map();
  for (const [header, values] of readIni(paths.config)) {
    if (header === "default") profiles.set("default", new Map(values));
    else if (header.startsWith("profile")) {
      const name = sectionName(header, "profile");
      if (name !== undefined) profiles.set(name, new Map(values));
    } else if (header.startsWith("services")) {
      const name = sectionName(header, "services");
      if (name !== undefined) services.set(name, values);
    }
  }
  for (const [name, values] of readIni(paths.credentials)) {
    const merged = profiles.get(name) ?? new Map();
    for (const [k, v] of values) merged.set(k, v);
    profiles.set(name, merged);
  }
  return { profiles, services, paths };
}

/** A setting's string value, or undefined (a nested block is not a string setting). */
export function setting(section, key) {
  const v = section?.get(key);
  return typeof v === "string" ? v : undefined;
}

/** Region as the AWS CLI finds it: explicit → AWS_REGION → AWS_DEFAULT_REGION → the profile's. */
export function resolveRegion({ explicit, env, shared, profile }) {
  return explicit || env.AWS_REGION || env.AWS_DEFAULT_REGION || setting(shared.profiles.get(profile), "region") || undefined;
}

/**
 * STS endpoint as botocore finds it (configprovider.py EndpointURLProvider): explicit →
 * AWS_ENDPOINT_URL_STS → AWS_ENDPOINT_URL → the profile's `services` section `sts = endpoint_url`
 * → the profile's `endpoint_url`; all but the explicit one off when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
 * or the profile's ignore_configured_endpoint_urls is true.
 */
export function resolveEndpoint({ explicit, env, shared, profile }) {
  if (explicit) return explicit;
  const section = shared.profiles.get(profile);
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? setting(section, "ignore_configured_endpoint_urls");
  if (String(ignore).toLowerCase() === "true") return undefined;
  if (env.AWS_ENDPOINT_URL_STS) return env.AWS_ENDPOINT_URL_STS;
  if (env.AWS_ENDPOINT_URL) return env.AWS_ENDPOINT_URL;
  const servicesName = setting(section, "services");
  if (servicesName !== undefined) {
    const services = shared.services.get(servicesName);
    if (!services) {
      throw new ProfileError(`profile ${JSON.stringify(profile)} names services ${JSON.stringify(servicesName)}, but ${shared.paths.config} has no [services ${servicesName}] section`);
    }
    const sts = services.get("sts");
    const url = sts instanceof Map ? sts.get("endpoint_url") : undefined;
    if (url) return url;
  }
  return setting(section, "endpoint_url") || undefined;
}
