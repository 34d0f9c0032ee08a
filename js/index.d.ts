// Types of the assume-role-wasm package. Every runtime's entry point exports everything here;
// browser.d.ts adds `init`/`initSync`, node.d.ts adds `nodeFetch`.

/** Temporary credentials as STS returns them. */
export interface Credentials {
  /** Access key id of the temporary credentials (`ASIA…`). */
  accessKeyId: string;
  /** Secret access key. A secret: never log it. */
  secretAccessKey: string;
  /** Session token. A secret: never log it. */
  sessionToken: string;
  /** When the credentials expire, ISO-8601 UTC, e.g. `"2026-11-28T13:00:00Z"`. */
  expiration: string;
}

/** The request the wasm hands to a custom `fetch`. */
export interface FetchLikeInit {
  method?: string;
  headers?: Record<string, string> | Iterable<[string, string]> | { forEach(cb: (value: string, name: string) => void): void };
  body?: string | Uint8Array | ArrayBuffer | null;
  /** Aborted when `timeoutMs` elapses; a transport must honour it. */
  signal?: AbortSignal;
}

/** The parts of a fetch `Response` the wasm reads. */
export interface FetchLikeResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A fetch-compatible function; only `status`, `headers.get()` and `text()` of its result are used. */
export type FetchLike = (url: string, init: FetchLikeInit) => Promise<FetchLikeResponse>;

/** Where and how to reach STS, and with which source credentials. */
export interface CommonOptions {
  /** Source access key id (long-term `AKIA…` or temporary `ASIA…`). */
  accessKeyId: string;
  /** Source secret access key. */
  secretAccessKey: string;
  /** Session token of temporary source credentials (assuming a role with them is role chaining). */
  sessionToken?: string;
  /**
   * Region whose STS endpoint to call and sign for. Default `us-east-1`. `cn-*` regions use
   * `sts.REGION.amazonaws.com.cn`, `us-gov-*` regions the GovCloud endpoints.
   */
  region?: string;
  /** Use the FIPS endpoint (`sts-fips.REGION.amazonaws.com`). */
  useFips?: boolean;
  /** Full endpoint URL overriding the region's. `https` is required except for loopback hosts. */
  endpoint?: string;
  /** Deadline for the whole call, retries included, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Transport used instead of the global `fetch` (the Node entry defaults to a node:http one). */
  fetch?: FetchLike;
}

/** A session tag. */
export interface Tag {
  key: string;
  value: string;
}

/** Options of `assumeRole` (sts:AssumeRole). */
export interface AssumeRoleOptions extends CommonOptions {
  /** ARN of the role, e.g. `arn:aws:iam::123456789012:role/example-role`. */
  roleArn: string;
  /** Name of the session (2–64 characters of `[\w+=,.@-]`); it appears in the assumed-role ARN. */
  roleSessionName: string;
  /** Session length in seconds: 900 up to the role's maximum (3600 when role chaining). */
  durationSeconds?: number;
  /** External id the role's trust policy requires. */
  externalId?: string;
  /** Inline session policy (JSON text). */
  policy?: string;
  /** ARNs of managed policies to use as session policies. */
  policyArns?: string[];
  /** MFA device serial number or ARN, when the trust policy requires MFA. */
  serialNumber?: string;
  /** The 6-digit code of that MFA device. */
  tokenCode?: string;
  /** Session tags. */
  tags?: Tag[];
  /** Keys of `tags` that carry over into chained role sessions. */
  transitiveTagKeys?: string[];
  /** Source identity to set on the session. */
  sourceIdentity?: string;
}

/** Options of `getSessionToken` (sts:GetSessionToken). */
export interface GetSessionTokenOptions extends CommonOptions {
  /** Session length in seconds, 900–129600. */
  durationSeconds?: number;
  /** MFA device serial number or ARN. */
  serialNumber?: string;
  /** The 6-digit code of that MFA device. */
  tokenCode?: string;
}

/** Options of `getCallerIdentity` (sts:GetCallerIdentity). */
export type GetCallerIdentityOptions = CommonOptions;

/** Result of `assumeRole`. */
export interface AssumeRoleResult {
  credentials: Credentials;
  assumedRoleUser: {
    /** e.g. `arn:aws:sts::123456789012:assumed-role/example-role/session-name` */
    arn: string;
    /** e.g. `AROA…:session-name` */
    assumedRoleId: string;
  };
  /** Percentage of the allowed size the session policies and tags use. */
  packedPolicySize?: number;
  sourceIdentity?: string;
  requestId?: string;
}

/** Result of `getCallerIdentity`. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  requestId?: string;
}

/** Result of `getSessionToken`. */
export interface GetSessionTokenResult {
  credentials: Credentials;
  requestId?: string;
}

/** Output formats of `renderExports` (`zsh` and `sh` are aliases of `bash`). */
export type ExportFormat =
  | "bash"
  | "zsh"
  | "sh"
  | "fish"
  | "powershell"
  | "cmd"
  | "dotenv"
  | "credentials"
  | "credential-process"
  | "json";

/** Formats `renderUnset` accepts (the shell ones). */
export type ShellFormat = "bash" | "zsh" | "sh" | "fish" | "powershell" | "cmd";

export interface RenderOptions {
  /** Profile name of the `credentials` format's `[section]`. Default `default`. */
  profile?: string;
}

/**
 * Every rejection of the API is an `Error` with `name === "StsError"` and these properties.
 * Messages never contain secrets.
 */
export interface StsError extends Error {
  name: "StsError";
  /**
   * `InvalidParameter`, `NetworkError`, `Timeout`, `UnexpectedResponse`, or STS's own code
   * (`AccessDenied`, `SignatureDoesNotMatch`, `InvalidClientTokenId`, `ExpiredToken`, …).
   */
  code: string;
  /** HTTP status of the STS response, when there was one. */
  status?: number;
  /** STS request id, when STS sent one. */
  requestId?: string;
  /** The offending option for `InvalidParameter`, e.g. `roleArn` or `tags[3].key`. */
  field?: string;
  /** A sentence on how to fix it, where the fix is known. */
  hint?: string;
}

/** Calls sts:AssumeRole. Rejects with a {@link StsError}. */
export declare function assumeRole(opts: AssumeRoleOptions): Promise<AssumeRoleResult>;
/** Calls sts:GetCallerIdentity ("who am I"). Rejects with a {@link StsError}. */
export declare function getCallerIdentity(opts: GetCallerIdentityOptions): Promise<CallerIdentity>;
/** Calls sts:GetSessionToken. Rejects with a {@link StsError}. */
export declare function getSessionToken(opts: GetSessionTokenOptions): Promise<GetSessionTokenResult>;
/**
 * Renders credentials as lines to paste or eval (`export AWS_ACCESS_KEY_ID='…'` …) or as a file
 * (`dotenv`, `credentials`, `credential-process`, `json`). Ends with a newline.
 * Throws a {@link StsError} (`InvalidParameter`) for an unknown format.
 */
export declare function renderExports(credentials: Credentials, format: ExportFormat, options?: RenderOptions): string;
/** Renders the lines that unset what the shell formats set. Throws for file formats. */
export declare function renderUnset(format: ShellFormat): string;

/** True for the errors the API rejects with. */
export declare function isStsError(error: unknown): error is StsError;

/** Settings of the credential provider itself (kept apart from the STS options). */
export interface CredentialProviderSettings {
  /** Which STS call yields the credentials. Default `"assumeRole"`. */
  operation?: "assumeRole" | "getSessionToken";
  /**
   * Refresh this long before expiry, in milliseconds. Default 300000 (5 minutes). Never more
   * than half of the credentials' lifetime is used, so short sessions are not refreshed per call.
   */
  refreshMarginMs?: number;
  /** Clock in epoch milliseconds (inject one in tests). Default `Date.now`. */
  now?: () => number;
}

export interface CredentialProviderCallOptions {
  /** Ignore the cache and call STS (concurrent callers still share one call). */
  forceRefresh?: boolean;
}

/**
 * Yields credentials, cached until `refreshMarginMs` before they expire. Concurrent callers share
 * one in-flight STS call. A failed refresh is not cached: the next call retries, and until the
 * cached credentials actually expire a failed background refresh returns them instead of failing.
 */
export type CredentialProvider = (options?: CredentialProviderCallOptions) => Promise<Credentials>;

/**
 * Creates a caching credential provider.
 * @param stsOptions options of the STS call (or a function returning them, called per refresh).
 * @param settings provider settings; with `operation: "getSessionToken"` the options are
 *   {@link GetSessionTokenOptions}.
 * @example
 * const credentials = createCredentialProvider({ accessKeyId, secretAccessKey, roleArn, roleSessionName: "app" });
 * const { accessKeyId: id } = await credentials();
 */
export declare function createCredentialProvider(
  stsOptions: AssumeRoleOptions | (() => AssumeRoleOptions | Promise<AssumeRoleOptions>),
  settings?: CredentialProviderSettings & { operation?: "assumeRole" },
): CredentialProvider;
export declare function createCredentialProvider(
  stsOptions: GetSessionTokenOptions | (() => GetSessionTokenOptions | Promise<GetSessionTokenOptions>),
  settings: CredentialProviderSettings & { operation: "getSessionToken" },
): CredentialProvider;

// The keyless sign-in helpers (OIDC token claims, SAML roles).
export * from "./keyless.js";
