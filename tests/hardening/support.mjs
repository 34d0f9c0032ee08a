// Shared by the hardening tests: load the built wasm API, distinctive secret strings to search for, and
// a fetch counter. `loadApi(tag)` gives a FRESH module instance per tag (own wasm memory, own learned
// clock skew), so a test that teaches the library a clock offset cannot leak it into another test.
import { withOperations } from "../support/glue-api.mjs";
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmBytes = readFileSync(path.join(repo, 'pkg/assume_role_wasm_bg.wasm'));

export async function loadApi(tag = 'default') {
  const glue = await import(`../../pkg/assume_role_wasm.js?instance=${encodeURIComponent(tag)}`);
  const exports = glue.initSync({ module: wasmBytes });
  return { api: withOperations(glue), memory: exports.memory };
}

// Distinctive values that must never be echoed anywhere. 40 graphic characters, like a real secret key.
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiHARDENs3cr3t';
export const SESSION_TOKEN = 'FwoGZXIvYXdzHARDENtok3nEXAMPLE/Zm9vYmFyYmF6cXV4+sessiontoken==';
export const KEY_ID = 'AKIAHARDENEXAMPLE123';

export const ROLE = 'arn:aws:iam::123456789012:role/example-role';
export const source = () => ({ accessKeyId: KEY_ID, secretAccessKey: SECRET });
export const roleOpts = (extra = {}) => ({ ...source(), roleArn: ROLE, roleSessionName: 's1', ...extra });

/** A fetch-compatible function that counts calls and never reaches the network. */
export function countingFetch() {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url: String(url), init });
    throw new TypeError('fetch failed (counting stub)');
  };
  return { fn, calls };
}

/** Replace globalThis.fetch with a counter for the duration of `body`. */
export async function withGlobalFetchCounted(body) {
  const original = globalThis.fetch;
  const counter = countingFetch();
  globalThis.fetch = counter.fn;
  try {
    return { result: await body(), calls: counter.calls };
  } finally {
    globalThis.fetch = original;
  }
}

/** Every string an error exposes: message, stack, JSON, and all own properties (enumerable or not). */
export function errorText(e) {
  if (!(e instanceof Object)) return String(e);
  const parts = [String(e), e.stack ?? '', JSON.stringify(e)];
  for (const key of Object.getOwnPropertyNames(e)) parts.push(`${key}=${String(e[key])}`);
  return parts.join('\n');
}

/** Pads a cell for the printed tables. */
export const cell = (v, n) => String(v ?? '').replace(/\s+/g, ' ').slice(0, n).padEnd(n);
