// The CLI's web identity source, as botocore has it: with no --profile and no AWS_ACCESS_KEY_ID in the
// environment, AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE (+ AWS_ROLE_SESSION_NAME) mean "the source
// credentials are that role's, assumed with the OIDC token in that file" (EKS pods, CI runners). The
// command then runs with those temporary credentials: `get-caller-identity` shows the web role's
// session, `assume-role` chains from it. The token file is read fresh on every run (it is rotated).

import { readFile } from "node:fs/promises";
import { webIdentityFromEnv } from "../../js/web-identity.js";
import { resolveRegion, resolveEndpoint, SourceError } from "./source.js";

/**
 * Source credentials from the web identity environment (shaped like profile.js's commandCredentials), or
 * null when it does not apply.
 * @param {object} flags the parsed flags (profile, region, endpointUrl)
 * @param {object} env the environment
 * @param {Function} assumeRoleWithWebIdentity the API function (from js/node.js)
 */
export async function webIdentitySource(flags, env, assumeRoleWithWebIdentity) {
  if (flags.profile || (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)) return null;
  let read;
  try {
    read = webIdentityFromEnv(env, (file) => readFile(file, "utf8"));
  } catch (e) {
    throw new SourceError(e.message);
  }
  if (!read) return null;
  let opts;
  try {
    opts = await read();
  } catch (e) {
    throw new SourceError(e.message);
  }
  // --region / --endpoint-url apply to this call too, as to the command itself.
  const region = resolveRegion(flags, env);
  const endpoint = resolveEndpoint(flags, env);
  const { credentials } = await assumeRoleWithWebIdentity({
    ...opts,
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
  });
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  // The shape of profile.js's commandCredentials: the command then signs with these, where it was asked to.
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    webIdentityRole: opts.roleArn,
  };
}
