// Bearer-token guard. The comparison is constant-time in the token's content AND length: both
// sides are hashed to fixed-size SHA-256 digests first, then every byte is compared, so neither an
// early mismatch nor a length difference shows up in the timing.

const encoder = new TextEncoder();

async function digest(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export async function timingSafeEqualStrings(a, b) {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

/**
 * @returns {Promise<boolean>} whether the request carries `Authorization: Bearer <expected>`.
 * An unset/empty expected token never matches (fail closed).
 */
export async function hasBearerToken(request, expected) {
  if (typeof expected !== "string" || expected.length === 0) return false;
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  // Still hash something when the header is missing or malformed, so that case costs the same.
  return timingSafeEqualStrings(match ? match[1] : "", expected).then((equal) => equal && match !== null);
}
