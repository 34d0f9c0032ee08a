// AWS console sign-in URLs through the federation endpoint ("custom identity broker"), shared by the
// CLI's `login` and the example worker's POST /console (import "assume-role-wasm/console"):
//   1. GET {federation}?Action=getSigninToken[&SessionDuration=N]&Session={"sessionId","sessionKey","sessionToken"}
//      → {"SigninToken": "…"}
//   2. {federation}?Action=login[&Issuer=…]&Destination=…&SigninToken=…  is the URL to open.
// Browsers cannot do step 1 (the endpoint sends no CORS headers): it runs in a worker or a CLI.
// Step 1 carries the session credentials in the query string because that is the endpoint's
// documented protocol; it goes only to an https endpoint (or a loopback stand-in in tests), and this
// code never logs or echoes it. The resulting URL is itself a credential (valid 15 minutes):
// callers must treat it as a secret.
//
// Plain JS on the Web APIs (fetch, URL, AbortSignal.timeout): the same file runs in Node and workerd.

const PARTITIONS = {
  aws: { federation: "https://signin.aws.amazon.com/federation", consoleHost: "console.aws.amazon.com" },
  "aws-cn": { federation: "https://signin.amazonaws.cn/federation", consoleHost: "console.amazonaws.cn" },
  "aws-us-gov": { federation: "https://signin.amazonaws-us-gov.com/federation", consoleHost: "console.amazonaws-us-gov.com" },
};

// The federation endpoint accepts SessionDuration in this range (seconds), and only for sessions
// that are not role-chained.
export const MIN_CONSOLE_SESSION = 900;
export const MAX_CONSOLE_SESSION = 43200;

/** code: "InvalidParameter" (the caller's input; nothing was sent), "FederationUnreachable" or "FederationError". */
export class ConsoleError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "ConsoleError";
    this.code = code;
  }
}

/** "aws" | "aws-cn" | "aws-us-gov", from a role ARN. */
export function partitionOf(roleArn) {
  const partition = /^arn:([a-z-]+):/.exec(roleArn)?.[1];
  if (!partition || !Object.hasOwn(PARTITIONS, partition)) {
    throw new ConsoleError("InvalidParameter", "roleArn must be an ARN in the aws, aws-cn or aws-us-gov partition");
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
    throw new ConsoleError("InvalidParameter", "destination must be a URL");
  }
  if (url.protocol !== "https:" || !(url.hostname === host || url.hostname.endsWith(`.${host}`))) {
    throw new ConsoleError("InvalidParameter", `destination must be an https URL on ${host}`);
  }
  return url.href;
}

/** The console's home page in a region, on the partition's console host. */
export function regionalConsoleHome(partition, region) {
  if (!/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(region ?? "")) return consoleDestination(partition);
  return `https://${PARTITIONS[partition].consoleHost}/console/home?region=${region}`;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The endpoint the session credentials may be sent to: https, or http on loopback only; nothing but a path. */
export function federationEndpointOf(partition, override) {
  if (override === undefined) return PARTITIONS[partition].federation;
  let url;
  try {
    url = new URL(override);
  } catch {
    throw new ConsoleError("InvalidParameter", "the federation endpoint must be a URL");
  }
  const ok = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!ok || url.username || url.password || url.search || url.hash) {
    throw new ConsoleError("InvalidParameter", "the federation endpoint must be an https URL (http only on 127.0.0.1/localhost) without credentials, query or fragment");
  }
  return `${url.origin}${url.pathname}`;
}

/**
 * @param {object} p
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken: string}} p.credentials
 * @param {"aws"|"aws-cn"|"aws-us-gov"} p.partition
 * @param {number} [p.sessionDuration] seconds; must be undefined for role-chained sessions
 * @param {string} p.destination (checked with consoleDestination)
 * @param {string} [p.issuer]
 * @param {string} [p.federationEndpoint] override (tests use a local stand-in)
 * @param {typeof fetch} [p.fetch] default the global fetch
 * @returns {Promise<string>} the sign-in URL
 */
export async function consoleSigninUrl({ credentials, partition, sessionDuration, destination, issuer, federationEndpoint, fetch: fetchFn }) {
  const endpoint = federationEndpointOf(partition, federationEndpoint);
  if (!credentials?.sessionToken) {
    throw new ConsoleError("InvalidParameter", "console sign-in needs temporary credentials (with a session token), such as an assumed role's");
  }
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
    response = await (fetchFn ?? globalThis.fetch)(`${endpoint}?${query}`, {
      headers: { Accept: "application/json" },
      // The query carries the session: never replay it to wherever a redirect points. ("manual",
      // not "error": workerd supports only follow/manual; a 3xx then fails the status check below.)
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new ConsoleError("FederationUnreachable", `the federation endpoint did not answer (${e?.name ?? "error"})`);
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
    throw new ConsoleError("FederationError", `the federation endpoint answered HTTP ${response.status} without a SigninToken`);
  }
  const login = new URLSearchParams({ Action: "login" });
  if (issuer) login.set("Issuer", issuer);
  login.set("Destination", destination);
  login.set("SigninToken", token);
  return `${endpoint}?${login}`;
}
