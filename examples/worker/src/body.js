// The request body, read with a byte budget. `request.text()` would read a body of any size before its
// length could be checked (a chunked upload has no Content-Length to refuse up front), and a string's
// `.length` counts UTF-16 units, not the bytes the limit is about. So: refuse by the declared length,
// then count bytes while streaming and cancel the upload the moment the budget is exceeded.

import { RequestError } from "./console.js";

export const MAX_BODY_BYTES = 16 * 1024;

const tooLarge = () => new RequestError(413, "BodyTooLarge", `request body too large (limit ${MAX_BODY_BYTES} bytes)`);

/** The body's bytes, at most `limit` of them; throws 413 past that without reading further. */
export async function readLimited(request, limit = MAX_BODY_BYTES) {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** A JSON object body: Content-Type checked, size limited in bytes, UTF-8 strictly decoded. */
export async function readJsonBody(request) {
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) {
    throw new RequestError(415, "UnsupportedMediaType", "send a JSON body with Content-Type: application/json");
  }
  const bytes = await readLimited(request);
  let body;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new RequestError(400, "InvalidJson", "request body is not valid UTF-8 JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new RequestError(400, "InvalidJson", "request body must be a JSON object");
  }
  return body;
}
