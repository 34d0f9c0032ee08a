// The worker's own secrets, scrubbed from every field of an error it returns. The core library already
// redacts an echoed secret from an STS error's message, but a hostile or misconfigured STS endpoint (or a
// proxy in front of it) chooses every byte of its answer: the code and request id too, and it may echo the
// signed request's X-Amz-Security-Token URL-encoded (`%2B`, `%2f`…) or JSON-escaped (`\/`). So every string
// field of the response is scrubbed of every form of each secret, and of a cut-off tail of one.

const MARK = "** redacted **";
/** A tail this long that starts a secret is a cut-off copy (shorter ones match by chance). */
const MIN_TAIL = 12;

function forms(secret) {
  const encoded = encodeURIComponent(secret);
  return [
    secret,
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    new URLSearchParams({ x: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/"),
  ];
}

function scrubText(text, variants) {
  let out = text;
  for (const v of variants) {
    out = out.split(v).join(MARK);
    // A field cut to a length limit can end in the first part of a secret.
    for (let i = Math.max(0, out.length - v.length); i <= out.length - MIN_TAIL; i++) {
      if (v.startsWith(out.slice(i))) {
        out = out.slice(0, i) + MARK;
        break;
      }
    }
  }
  return out;
}

/** `value` with every string in it (deeply) scrubbed of `secrets` in all their forms. */
export function scrubSecrets(value, secrets) {
  const variants = [...new Set(secrets.filter((s) => typeof s === "string" && s.length >= 4).flatMap(forms))];
  const walk = (v) => {
    if (typeof v === "string") return scrubText(v, variants);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}
