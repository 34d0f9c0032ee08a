// Types of the keyless sign-in helpers, re-exported by index.d.ts. Both are synchronous and pure (the
// browser entry needs `await init()` first: they live in the second wasm), and throw an `StsError` with `code: "InvalidParameter"` and
// `field` naming the input. Neither verifies anything: STS checks the token's and the assertion's
// signatures. Errors never quote the input (a token or an assertion is a bearer credential).

/** What an OIDC token (JWT) says, decoded but NOT verified: for display and for errors. */
export interface JwtClaims {
  /** The JOSE header as parsed (`alg`, `kid`, `typ`, …). */
  header: Record<string, unknown>;
  /** Every claim as parsed. Duplicate claim names are refused, so what is shown is what any parser reads. */
  claims: Record<string, unknown>;
  /** Issuer: the OIDC provider, e.g. `https://token.actions.githubusercontent.com`. */
  iss?: string;
  /** Audience(s), always a list (the token may carry a string or an array). */
  aud: string[];
  /** Subject, e.g. `repo:owner/name:ref:refs/heads/main` or `system:serviceaccount:ns:name`. */
  sub?: string;
  /** Expiry, issued-at and not-before, in seconds since 1970. */
  exp?: number;
  iat?: number;
  nbf?: number;
  /** `exp` as ISO-8601 UTC (`2026-11-28T12:55:00Z`). */
  expiresAt?: string;
  /** Whether `exp` is at or before now; absent without an `exp`. */
  expired?: boolean;
  /** The expiry in words: `"expired 4 minutes ago"`, `"expires in 55 minutes"`, or that there is none. */
  expiry: string;
}

/** One role a SAML response lets its subject assume: the pair `assumeRoleWithSaml` needs. */
export interface SamlRole {
  /** `arn:aws:iam::ACCOUNT:role/NAME`. */
  roleArn: string;
  /** The SAML provider registered in IAM: `arn:aws:iam::ACCOUNT:saml-provider/NAME`. */
  principalArn: string;
}

/**
 * Decodes an OIDC token's header and claims without verifying it.
 * @param token the JWT (three base64url parts); errors name `webIdentityToken`.
 * @param now the current time in epoch milliseconds; default `Date.now()`.
 * @example
 * const { iss, aud, sub, expired, expiry } = decodeJwtClaims(token);
 * if (expired) console.error(`the token ${expiry}`); // "the token expired 4 minutes ago"
 */
export declare function decodeJwtClaims(token: string, now?: number): JwtClaims;

/**
 * Lists the role/provider pairs of a SAML response's `https://aws.amazon.com/SAML/Attributes/Role`
 * attribute (either order in each value), in document order without repeats.
 * @param samlAssertion the base64 `SAMLResponse` as the identity provider posts it (line breaks,
 *   percent-encoding or a whole `SAMLResponse=…&RelayState=…` body are fine), or its XML. Errors name
 *   `samlAssertion` and say why no role was found (no Role attribute, an encrypted assertion, …).
 */
export declare function samlRoles(samlAssertion: string): SamlRole[];
