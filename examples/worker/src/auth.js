// Bearer-token guard. The comparison is constant-time in the token's content AND length: both
// sides are hashed to fixed-size SHA-256 digests first, then every byte is compared, so neither an
// early mismatch nor a length difference shows up in the timing.
//
// BEARER_TOKEN may hold several tokens (separated by spaces, commas or newlines), one per caller. Each
// token is its own caller: the credentials cache is keyed by it (provider-cache.js), so one caller can
// never be handed a session another caller created, whatever session name they choose.

const encoder = new TextEncoder();

async function digest(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

function sameBytes(x, y) {
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

export async function timingSafeEqualStrings(a, b) {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  return sameBytes(x, y);
}

/** The configured tokens (BEARER_TOKEN split at whitespace and commas); empty when unset. */
export function bearerTokens(configured) {
  return typeof configured === "string" ? configured.split(/[\s,]+/).filter(Boolean) : [];
}

/**
 * @returns {Promise<string|null>} the caller (hex SHA-256 of the token it presented, so the token itself
 * is never kept as a key) when the request carries `Authorization: Bearer <one of tokens>`, else null.
 * No configured token never matches (fail closed). Every configured token is compared, match or not.
 */
export async function callerOf(request, tokens) {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  // Still hash something when the header is missing or malformed, so that case costs the same.
  const presented = await digest(match ? match[1] : "");
  let found = null;
  for (const token of tokens) {
    const expected = await digest(token);
    if (sameBytes(presented, expected) && match !== null) found = expected;
  }
  return found && [...found].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** @returns {Promise<boolean>} whether the request carries `Authorization: Bearer <expected>`. */
export async function hasBearerToken(request, expected) {
  return (await callerOf(request, bearerTokens(expected))) !== null;
}
