// The AWS SDKs' web identity convention (EKS service accounts, CI runners such as GitHub Actions):
// AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE (+ AWS_ROLE_SESSION_NAME) mean "assume this role with the
// OIDC token in this file". Runtime-neutral: the entry passes its environment and a file reader (Node,
// Deno); a worker without files passes a token function to createCredentialProvider instead.
//
// The file is read again on every refresh: the platform rotates it (EKS about hourly, before the token
// expires), so a cached copy would go stale exactly when the credentials need renewing.

/** Options for assumeRoleWithWebIdentity read from `env`, or null when the convention is not in use. */
export function webIdentityFromEnv(env, readTextFile) {
  const roleArn = env.AWS_ROLE_ARN;
  const file = env.AWS_WEB_IDENTITY_TOKEN_FILE;
  if (!roleArn && !file) return null;
  if (!roleArn || !file) {
    const missing = roleArn ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "AWS_ROLE_ARN";
    throw new TypeError(`web identity from the environment: ${missing} is not set (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE go together)`);
  }
  // One name for the provider's whole life, as the SDKs do: every refresh is the same session in CloudTrail.
  const roleSessionName = env.AWS_ROLE_SESSION_NAME || `assume-role-wasm-${Date.now()}`;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const ignoreEndpoints = String(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).toLowerCase() === "true";
  const endpoint = ignoreEndpoints ? undefined : env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
  return async () => {
    let token;
    try {
      token = String(await readTextFile(file)).trim();
    } catch (error) {
      // The path is not a secret; the contents would be.
      throw new Error(`web identity: cannot read AWS_WEB_IDENTITY_TOKEN_FILE ${file}: ${error?.code ?? error?.name ?? "error"}`);
    }
    return {
      roleArn,
      roleSessionName,
      webIdentityToken: token,
      ...(region ? { region } : {}),
      ...(endpoint ? { endpoint } : {}),
    };
  };
}
