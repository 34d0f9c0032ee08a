// The console sign-in flow is the package's (assume-role-wasm/console, shared with the CLI's
// `login`); this adapter only turns its errors into the worker's HTTP answers: the caller's input
// → 400, the federation endpoint failing → 502.

import * as shared from "assume-role-wasm/console";

export const { MIN_CONSOLE_SESSION, MAX_CONSOLE_SESSION } = shared;

export class RequestError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function asRequestError(e) {
  if (!(e instanceof shared.ConsoleError)) return e;
  return new RequestError(e.code === "InvalidParameter" ? 400 : 502, e.code, e.message);
}

function adapt(fn) {
  return (...args) => {
    try {
      const out = fn(...args);
      return out instanceof Promise ? out.catch((e) => Promise.reject(asRequestError(e))) : out;
    } catch (e) {
      throw asRequestError(e);
    }
  };
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

export const partitionOf = adapt(shared.partitionOf);
export const consoleDestination = adapt(shared.consoleDestination);
export const consoleSigninUrl = adapt(shared.consoleSigninUrl);
