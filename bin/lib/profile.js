// The credentials a command runs with: static keys as found by source.js, or, for a role profile,
// that profile's role credentials resolved through js/profile.js (the AWS CLI's rules and its cache),
// asking for MFA codes on the terminal.

import { assumeRole } from "../../js/node.js";
import { resolvePlan } from "../../js/profile.js";
import { resolveSourceCredentials, resolveRegion, resolveEndpoint, SourceError } from "./source.js";
import { openCache } from "./cache.js";
import { promptLine } from "./prompt.js";
import { UsageError } from "./args.js";

/**
 * Asks for each MFA code a role profile needs: --token-code answers the first one, the terminal the rest.
 * Only on a terminal: a pipe or a credential_process has nobody to ask.
 */
export function mfaPrompter(tokenCode) {
  let given = tokenCode;
  return async (serialNumber, profile) => {
    if (given !== undefined) {
      const code = given;
      given = undefined;
      return code;
    }
    if (!process.stdin.isTTY) {
      throw new UsageError(`profile ${JSON.stringify(profile)} needs an MFA code for ${serialNumber}: pass --token-code CODE or run on a terminal`);
    }
    // botocore's own prompt text.
    return promptLine(`Enter MFA code for ${serialNumber}: `);
  };
}

/** The role profile's plan (no network call): for checks that must come before any credentials are fetched. */
export function rolePlan(flags, env) {
  const source = resolveSourceCredentials(flags, env);
  if (!source.plan) throw notARoleProfile(source);
  return source.plan;
}

function notARoleProfile(source) {
  const named = source.profile ? `profile ${JSON.stringify(source.profile)} has no role_arn` : "no profile named (AWS_* keys in the environment)";
  return new SourceError(`${named}: this command needs a role profile, e.g. --profile example-role with role_arn and source_profile in ~/.aws/config`);
}

/**
 * @param {object} flags parsed flags (profile, region, endpointUrl, noCache, and tokenCode for the
 *   profile commands)
 * @param {object} env
 * @param {{ needRole?: boolean, profileTokenCode?: string }} [options] needRole: only a role profile will do
 * @returns {Promise<{ credentials: object, region?: string, endpoint?: string, profile?: string, plan?: object,
 *   role?: { chained: boolean, assumedRoleUser?: object, fromCache: boolean, calls: number }, fromEarlierAssume?: boolean }>}
 */
export async function commandCredentials(flags, env, { needRole = false, profileTokenCode } = {}) {
  const source = resolveSourceCredentials(flags, env);
  const region = resolveRegion(flags, env);
  const endpoint = resolveEndpoint(flags, env);
  const where = { ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) };
  if (!source.plan) {
    if (needRole) throw notARoleProfile(source);
    const { profile, fromEarlierAssume, ...keys } = source;
    return { credentials: keys, ...where, profile, fromEarlierAssume };
  }
  const role = await resolvePlan(source.plan, {
    assumeRole,
    ...where,
    cache: openCache(flags, env),
    mfaCode: mfaPrompter(profileTokenCode),
  });
  return { credentials: role.credentials, ...where, profile: source.profile, plan: source.plan, role };
}
