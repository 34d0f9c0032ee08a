// Runs one case through the public JS API (the package's own entry point, as a user imports it) with a
// custom `fetch` that records the request and answers a canned success. "Accepted" means the request
// reached fetch; "refused" means an StsError with code InvalidParameter came back without any request.

import { readFileSync } from "node:fs";
import * as api from "assume-role-wasm";

const corpusDir = new URL("../fixtures/sts-corpus/", import.meta.url);

/** A recorded success body per operation from the response corpus (any will do: the parse is not judged here). */
export function cannedBodies() {
  const out = {};
  for (const entry of JSON.parse(readFileSync(new URL("corpus.json", corpusDir), "utf8"))) {
    if (entry.status === 200 && entry.expect?.result && !out[entry.op]) out[entry.op] = readFileSync(new URL(entry.file, corpusDir), "utf8");
  }
  return out;
}

export const exported = (fn) => typeof api[fn] === "function";

export async function drive(fn, opts, body) {
  const requests = [];
  const fetch = async (url, init) => {
    requests.push({ url: String(url), method: init?.method, headers: { ...(init?.headers ?? {}) }, body: String(init?.body ?? "") });
    return new Response(body, { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": "c6104cbe-af31-11e0-8154-cbc7ccf896c7" } });
  };
  try {
    const result = await api[fn]({ ...opts, fetch });
    return { requests, result };
  } catch (error) {
    return { requests, error };
  }
}
