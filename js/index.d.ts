// Types of the assume-role-wasm package. Every runtime's entry point exports everything here;
// browser.d.ts adds `init`/`initSync`, node.d.ts adds `nodeFetch`. The operations' options, results and
// functions are generated from AWS's STS model into operations.d.ts (scripts/gen-model.mjs).

import type { Credentials, GetCallerIdentityResult, AssumeRoleOptions, GetSessionTokenOptions, OperationName, ExportFormat, ShellFormat, AssumeRoleWithWebIdentityOptions } from "./operations.js";
export * from "./operations.js";

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

/** Where and how to reach STS: what every operation takes besides its own members. */
export interface UnsignedClientOptions {
  /**
   * Region whose STS endpoint to call and sign for. Default `us-east-1`. The host comes from AWS's
   * partition data: `cn-*` → `sts.REGION.amazonaws.com.cn`, `us-gov-*` → GovCloud, `eusc-*` →
   * `amazonaws.eu`, the ISO partitions' own suffixes; `aws-global` is the global endpoint.
   * See `regions()` and `resolveEndpoint()`.
   */
  region?: string;
  /** Use the FIPS endpoint (`sts-fips.REGION…`; GovCloud's regular endpoints are FIPS already). */
  useFips?: boolean;
  /** Use the dual-stack (IPv6) endpoint (`sts.REGION.api.aws` in the aws partition). */
  useDualStack?: boolean;
  /** Full endpoint URL overriding the region's. `https` is required except for 127.x.x.x, `localhost` and `[::1]`. */
  endpoint?: string;
  /** Deadline for the whole call, retries included, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Transport used instead of the global `fetch` (the Node entry defaults to a node:http one). */
  fetch?: FetchLike;
}

/** What signed operations take besides their own members: the source credentials that sign the request. */
export interface ClientOptions extends UnsignedClientOptions {
  /** Source access key id (long-term `AKIA…` or temporary `ASIA…`). */
  accessKeyId: string;
  /** Source secret access key. */
  secretAccessKey: string;
  /** Session token of temporary source credentials (assuming a role with them is role chaining). */
  sessionToken?: string;
  /**
   * When temporary source credentials expire, as results carry it (so `{ ...result.credentials }` can be
   * passed straight in). Expired credentials are refused before anything is sent.
   */
  expiration?: string | Date;
}

/** @deprecated use {@link ClientOptions} */
export type CommonOptions = ClientOptions;

/** What every result carries besides the operation's members. */
export interface ResultMetadata {
  /** STS request id, when STS sent one. */
  requestId?: string;
}

/** @deprecated use {@link GetCallerIdentityResult} */
export type CallerIdentity = GetCallerIdentityResult;

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
  /** The exact change that would let this call through, where it can be derived (see {@link StsFix}). */
  fix?: StsFix;
  /** How many requests were sent when more than one was (retries after throttling, 5xx or clock skew). */
  attempts?: number;
}

/**
 * `err.fix`: derived from STS's error and what the request carried. Statements are IAM policy
 * statements (objects); commands are complete AWS CLI command lines for bash/zsh, values quoted.
 */
export interface StsFix {
  /** One sentence: who could not do what on which resource, and where to look. */
  summary: string;
  /** The statement to add to the role's trust policy, naming this caller. */
  trustStatement?: Record<string, unknown>;
  /** The statement for the caller's own policy allowing the action on this resource. */
  identityStatement?: Record<string, unknown>;
  /** AWS CLI commands that apply the fix (update-assume-role-policy keeps the existing statements and appends). */
  commands: string[];
  /** What could not be known from here (SCPs, permissions boundaries, conditions) and where else to look. */
  notes: string[];
  /** The "Encoded authorization failure message" token, for sts:DecodeAuthorizationMessage. */
  encodedMessage?: string;
}

/**
 * Re-derives `error.fix` with what you know about the caller, e.g. the ARN from a GetCallerIdentity call
 * you already made (used when STS's message does not name the caller). Also stores it as `error.fix`.
 */
export declare function fixFor(error: StsError, known?: { callerArn?: string }): StsFix | undefined;

/** An export format of {@link formats}. */
export interface FormatInfo {
  id: ExportFormat;
  /** Other names `renderExports` accepts for it. */
  aliases: string[];
  /** The aliases worth listing in help texts. */
  listedAliases: string[];
  label: string;
  /** Lines a shell evaluates (and {@link renderUnset} can undo). */
  shell: boolean;
  /** What the text is saved as, when it is a file rather than lines to paste. */
  file?: string;
  /** One sentence on where the text goes. */
  how: string;
  /** Takes the `profile` option. */
  profile: boolean;
  mediaType: string;
}
/** Every export format, as the core knows them. */
export declare function formats(): FormatInfo[];

/** A member of an operation's input or output, as the operation table describes it. */
export interface MemberInfo {
  /** The model's name: `RoleArn`. */
  name: string;
  /** The JS option name: `roleArn`. */
  js: string;
  /** The AWS CLI flag name: `role-arn`. */
  cli: string;
  required: boolean;
  type: "string" | "integer" | "boolean" | "timestamp" | "list" | "structure" | "map";
  min?: number;
  max?: number;
  /** Allowed characters, in words. */
  chars?: string;
  sensitive?: boolean;
  values?: string[];
  member?: Omit<MemberInfo, "name" | "js" | "cli" | "required">;
  members?: MemberInfo[];
}
/** An STS operation as the operation table describes it. */
export interface OperationInfo {
  action: string;
  name: OperationName;
  cli: string;
  signed: boolean;
  credentials: boolean;
  summary: string;
  input: MemberInfo[];
  output: MemberInfo[];
  clientOptions: string[];
}
/** Every STS operation of AWS's model (generated into the wasm). */
export declare function operations(): OperationInfo[];

/** AWS's partitions and their regions (from the SDKs' partition data). */
export declare function regions(): Array<{ id: string; dnsSuffix: string; dualStackDnsSuffix: string; regions: Array<{ id: string; name: string }> }>;
/** Where a call with these options would go; nothing is sent. Throws a {@link StsError} for a bad region or endpoint. */
export declare function resolveEndpoint(opts?: Pick<UnsignedClientOptions, "region" | "useFips" | "useDualStack" | "endpoint">): {
  url: string;
  signingRegion: string;
  partition: string;
};

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
  /** Which STS call yields the credentials. Default `"assumeRole"`, or `"assumeRoleWithWebIdentity"` when
   * the options have a `webIdentityToken` (or there are none: the environment convention). */
  operation?: "assumeRole" | "getSessionToken" | "assumeRoleWithWebIdentity";
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

/** Web identity options for the provider: the token may be a function, called on every refresh (an edge
 * worker minting its own OIDC tokens, a token file the platform rotates). */
export type WebIdentityProviderOptions = Omit<AssumeRoleWithWebIdentityOptions, "webIdentityToken"> & {
  webIdentityToken: string | (() => string | Promise<string>);
};
export declare function createCredentialProvider(
  stsOptions: WebIdentityProviderOptions | (() => WebIdentityProviderOptions | Promise<WebIdentityProviderOptions>),
  settings?: CredentialProviderSettings & { operation?: "assumeRoleWithWebIdentity" },
): CredentialProvider;
/**
 * Node and Deno: no options means the AWS SDKs' web identity convention, AWS_ROLE_ARN +
 * AWS_WEB_IDENTITY_TOKEN_FILE (+ AWS_ROLE_SESSION_NAME, AWS_REGION, AWS_ENDPOINT_URL_STS); the token file
 * is read again on every refresh (EKS and CI runners rotate it).
 */
export declare function createCredentialProvider(stsOptions?: undefined, settings?: CredentialProviderSettings): CredentialProvider;

// The keyless sign-in helpers (OIDC token claims, SAML roles).
export * from "./keyless.js";

/**
 * Loads the second wasm, which holds what no call needs: `err.fix` and `fixFor`, `renderExports` and
 * `renderUnset`, the facts (`formats`, `operations`, `regions`, `resolveEndpoint`) and the keyless helpers
 * (`decodeJwtClaims`, `samlRoles`); so importing the package and assuming a role never download it. A call
 * that fails with an STS error loads it by itself before rejecting. In the browser entry `init()` loads it
 * too (this loads it alone, from your URL if you pass one); in Node, Deno and workerd it loads synchronously
 * on first use and this resolves at once.
 */
export declare function initExtras(input?: unknown): Promise<unknown>;
