// The credential cache the CLI shares with the AWS CLI (js/aws-cache.js): on by default, off with
// --no-cache; `cache clear` empties it (or one profile's entries); the assume-role command's own
// results go in it under the key the AWS CLI would use for the same parameters.

import { createAwsCliCache, assumeRoleCacheKey } from "../../js/aws-cache.js";
import { loadSharedConfig } from "../../js/aws-config.js";
import { planProfile } from "../../js/profile.js";

export function openCache(flags, env) {
  if (flags.noCache) return null;
  const warned = new Set();
  return createAwsCliCache({
    env,
    warn(message) {
      if (warned.has(message)) return;
      warned.add(message);
      process.stderr.write(`assume-role-wasm: note: ${message}\n`);
    },
  });
}

// Options of an STS call that say who calls, where and how, not what is asked: not part of the key
// (botocore's key is the AssumeRole parameters only; the MFA code changes every time).
const NOT_PARAMETERS = new Set(["accessKeyId", "secretAccessKey", "sessionToken", "tokenCode", "region", "endpoint", "useFips", "timeoutMs", "fetch"]);

/** The botocore cache key of an assumeRole() options object: its parameters under their API names. */
export function cacheKeyOfOptions(opts) {
  const args = {};
  for (const [k, v] of Object.entries(opts)) {
    if (v === undefined || NOT_PARAMETERS.has(k)) continue;
    args[k[0].toUpperCase() + k.slice(1)] = v;
  }
  return assumeRoleCacheKey(args);
}

/** `cache clear [--profile NAME]`: returns the line to print. */
export function clearCache(flags, env) {
  const cache = openCache({}, env);
  if (!flags.profile) {
    const n = cache.clear();
    return `removed ${n} cached credential file${n === 1 ? "" : "s"} from ${cache.dir}\n`;
  }
  const plan = planProfile(loadSharedConfig(env), flags.profile, env);
  let n = 0;
  for (const hop of plan.hops) if (cache.delete(assumeRoleCacheKey(hop.args))) n++;
  return `removed ${n} cached credential file${n === 1 ? "" : "s"} of profile ${JSON.stringify(flags.profile)} from ${cache.dir}\n`;
}
