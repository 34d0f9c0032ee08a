// The worker's own console sign-in policy, beside the package's flow (./console.js): which `issuer` links
// the operator allows. Its own file so that it has no dependency on the package (unit-testable as is).

export class IssuerError extends Error {
  constructor(message) {
    super(message);
    this.status = 400;
    this.code = "InvalidParameter";
  }
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
    throw new IssuerError("issuer must be a URL");
  }
  if (url.protocol !== "https:" || url.username || url.password || !allowed.has(url.origin)) {
    const list = allowed.size ? `one of the origins in CONSOLE_ISSUERS (${[...allowed].join(", ")})` : "allowed by CONSOLE_ISSUERS, which is not set";
    throw new IssuerError(`issuer must be an https URL ${list}`);
  }
  return url.href;
}
