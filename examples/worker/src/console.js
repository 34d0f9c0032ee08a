// AWS console sign-in URL through the federation endpoint ("custom identity broker"):
//   1. GET {federation}?Action=getSigninToken[&SessionDuration=N]&Session={"sessionId","sessionKey","sessionToken"}
//      → {"SigninToken": "…"}
//   2. {federation}?Action=login[&Issuer=…]&Destination=…&SigninToken=…  is the URL to open.
// Browsers cannot do step 1 (the endpoint sends no CORS headers), which is why this lives in a worker.
// Step 1 carries the session credentials in the query string because that is the endpoint's
// documented protocol; the request goes to AWS over https and this code never logs or echoes it.
// The resulting URL is itself a credential (valid 15 minutes): callers must treat it as a secret.

const PARTITIONS = {
  aws: { federation: "https://signin.aws.amazon.com/federation", consoleHost: "console.aws.amazon.com" },
  "aws-cn": { federation: "https://signin.amazonaws.cn/federation", consoleHost: "console.amazonaws.cn" },
  "aws-us-gov": { federation: "https://signin.amazonaws-us-gov.com/federation", consoleHost: "console.amazonaws-us-gov.com" },
};

// The federation endpoint accepts SessionDuration in this range (seconds), and only for sessions
// that are not role-chained.
export const MIN_CONSOLE_SESSION = 900;
export const MAX_CONSOLE_SESSION = 43200;

export class RequestError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** "aws" | "aws-cn" | "aws-us-gov", from a role ARN. */
export function partitionOf(roleArn) {
  const partition = /^arn:([a-z-]+):/.exec(roleArn)?.[1];
  if (!partition || !(partition in PARTITIONS)) {
    throw new RequestError(400, "InvalidParameter", "roleArn must be an ARN in the aws, aws-cn or aws-us-gov partition");
  }
  return partition;
}

/** Checks a caller-chosen Destination stays on the partition's console (no open redirect). */
export function consoleDestination(partition, destination) {
  const host = PARTITIONS[partition].consoleHost;
  if (destination === undefined) return `https://${host}/`;
  let url;
  try {
    url = new URL(destination);
  } catch {
    throw new RequestError(400, "InvalidParameter", "destination must be a URL");
  }
  if (url.protocol !== "https:" || !(url.hostname === host || url.hostname.endsWith(`.${host}`))) {
    throw new RequestError(400, "InvalidParameter", `destination must be an https URL on ${host}`);
  }
  return url.href;
}

/**
 * Checks a caller-chosen Issuer, the link the console offers when the session ends ("sign in again"):
 * left open it would be a redirect anywhere, from an AWS page, to whoever can call this worker. So it
 * must be an https URL, without user info, on an origin the operator listed in CONSOLE_ISSUERS; with no
 * list, no issuer is accepted.
 * @param {Set<string>} allowed origins, e.g. "https://broker.example"
 */
export function consoleIssuer(allowed, issuer) {
  if (issuer === undefined) return undefined;
  let url;
  try {
    url = new URL(issuer);
  } catch {
    throw new RequestError(400, "InvalidParameter", "issuer must be a URL");
  }
  if (url.protocol !== "https:" || url.username || url.password || !allowed.has(url.origin)) {
    const list = allowed.size ? `one of the origins in CONSOLE_ISSUERS (${[...allowed].join(", ")})` : "allowed by CONSOLE_ISSUERS, which is not set";
    throw new RequestError(400, "InvalidParameter", `issuer must be an https URL ${list}`);
  }
  return url.href;
}

/**
 * @param {object} p
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken: string}} p.credentials
 * @param {"aws"|"aws-cn"|"aws-us-gov"} p.partition
 * @param {number} [p.sessionDuration] seconds; must be undefined for role-chained sessions
 * @param {string} p.destination
 * @param {string} [p.issuer]
 * @param {string} [p.federationEndpoint] override (tests use a local stand-in)
 * @returns {Promise<string>} the sign-in URL
 */
export async function consoleSigninUrl({ credentials, partition, sessionDuration, destination, issuer, federationEndpoint }) {
  const endpoint = federationEndpoint ?? PARTITIONS[partition].federation;
  const query = new URLSearchParams({ Action: "getSigninToken" });
  if (sessionDuration !== undefined) query.set("SessionDuration", String(sessionDuration));
  query.set(
    "Session",
    JSON.stringify({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    }),
  );
  let response;
  try {
    response = await fetch(`${endpoint}?${query}`, { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new RequestError(502, "FederationUnreachable", `the federation endpoint did not answer (${e?.name ?? "error"})`);
  }
  const text = await response.text();
  let token;
  try {
    token = JSON.parse(text).SigninToken;
  } catch {
    /* handled below */
  }
  if (response.status !== 200 || typeof token !== "string" || token === "") {
    // Not echoing the body: it is not ours to relay, and status says enough.
    throw new RequestError(502, "FederationError", `the federation endpoint answered HTTP ${response.status} without a SigninToken`);
  }
  const login = new URLSearchParams({ Action: "login" });
  if (issuer) login.set("Issuer", issuer);
  login.set("Destination", destination);
  login.set("SigninToken", token);
  return `${endpoint}?${login}`;
}
