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

export const partitionOf = adapt(shared.partitionOf);
export const consoleDestination = adapt(shared.consoleDestination);
export const consoleSigninUrl = adapt(shared.consoleSigninUrl);
