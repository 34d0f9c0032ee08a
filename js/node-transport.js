// A minimal fetch-shaped transport on node:http / node:https, the default `opts.fetch` of the
// Node entry point.
//
// Why: in Node the transport, not the signing, dominates a call, and the global fetch (undici)
// costs about twice what node:http does (design note: ~590 µs vs ~275 µs per request, plus ~35 ms
// at first use; a whole getCallerIdentity against a local canned server measured 1.5–2.9 ms with
// fetch vs 0.8–1.0 ms with this). The wasm uses only `status`, `headers.get(name)` and `text()` of
// the response, so that is all this returns.
//
// Like Node 20's global fetch, it does not read HTTP(S)_PROXY; behind a proxy pass your own
// `opts.fetch`.
//
// Correctness it keeps from fetch: the abort signal (the wasm's timeout) aborts the request and
// rejects with an AbortError; https verifies certificates with Node's CA store (NODE_EXTRA_CA_CERTS
// applies); connections are kept alive and reused, with idle sockets unref'd so they never keep a
// process running. Redirects are not followed (STS does not redirect; fetch would, but a signed
// request must not be replayed elsewhere).

import http from "node:http";
import https from "node:https";

// Bounded: STS answers are a few KB; anything this big is not STS.
const MAX_BODY_BYTES = 1 << 20;

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 16 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

function headerEntries(headers) {
  if (headers == null) return [];
  if (typeof headers.forEach === "function" && typeof headers.get === "function") {
    const out = [];
    headers.forEach((value, name) => out.push([name, value]));
    return out;
  }
  if (Array.isArray(headers) || typeof headers[Symbol.iterator] === "function") return [...headers];
  return Object.entries(headers);
}

function bodyBytes(body) {
  if (body == null) return null;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), "utf8");
  throw new TypeError("node transport: unsupported request body type");
}

function abortError(signal) {
  const reason = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException("The operation was aborted.", "AbortError");
}

/** A response object with the subset of the fetch Response API the wasm reads. */
function makeResponse(status, statusText, nodeHeaders, text) {
  // Node has already lower-cased the names and joined repeated headers with ", ", as fetch's Headers
  // does. A plain lookup instead of `new Headers()` matters: the first Headers in Node 20 loads undici,
  // ~27 ms of a cold start (bench/cold-start).
  const headers = {
    get(name) {
      const value = nodeHeaders[String(name).toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : String(value);
    },
    has(name) {
      return nodeHeaders[String(name).toLowerCase()] !== undefined;
    },
  };
  return {
    status,
    statusText,
    ok: status >= 200 && status < 300,
    headers,
    text: async () => text,
  };
}

/**
 * fetch-compatible `(url, init) => Promise<Response-like>` over node:http(s).
 * @param {string | URL} input
 * @param {{ method?: string, headers?: any, body?: any, signal?: AbortSignal }} [init]
 */
export function nodeFetch(input, init = {}) {
  return new Promise((resolve, reject) => {
    let url;
    try {
      url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    } catch (e) {
      reject(new TypeError("node transport: invalid URL", { cause: e }));
      return;
    }
    const agent = agents[url.protocol];
    if (!agent) {
      reject(new TypeError(`node transport: unsupported protocol ${url.protocol}`));
      return;
    }
    const { signal } = init;
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    let body;
    try {
      body = bodyBytes(init.body);
    } catch (e) {
      reject(e);
      return;
    }
    const headers = {};
    for (const [name, value] of headerEntries(init.headers)) headers[String(name).toLowerCase()] = String(value);
    if (body && headers["content-length"] === undefined) headers["content-length"] = String(body.length);

    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request(url, { method: (init.method ?? "GET").toUpperCase(), headers, agent });

    let settled = false;
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      fn(value);
    };
    function onAbort() {
      const err = abortError(signal);
      req.destroy(err);
      finish(reject, err);
    }
    signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (e) => finish(reject, new TypeError("fetch failed", { cause: e })));
    req.on("response", (res) => {
      const chunks = [];
      let size = 0;
      res.on("data", (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          res.destroy();
          req.destroy();
          finish(reject, new TypeError("fetch failed", { cause: new Error("response body too large") }));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", (e) => finish(reject, new TypeError("fetch failed", { cause: e })));
      res.on("close", () => {
        // A connection that dies mid-body closes without `end`; `complete` tells the two apart.
        if (!res.complete) finish(reject, new TypeError("fetch failed", { cause: new Error("connection closed before the response ended") }));
      });
      res.on("end", () => {
        // Resolving only after the whole body arrived keeps the abort signal (the timeout)
        // in force for the body too, as it is for fetch's `text()`.
        const text = Buffer.concat(chunks).toString("utf8");
        finish(resolve, makeResponse(res.statusCode ?? 0, res.statusMessage ?? "", res.headers, text));
      });
    });
    req.end(body ?? undefined);
  });
}
