// Node entry: the index API (initialised at import) plus its default transport.
export * from "./index.js";
import type { FetchLike } from "./index.js";

/** The node:http(s) transport the Node entry uses by default (keep-alive, honours the abort signal). */
export declare const nodeFetch: FetchLike;

import type { Credentials, FetchLike as Fetch } from "./index.js";

/** Options of `fromProfile` (Node only: it reads ~/.aws/config and ~/.aws/credentials). */
export interface FromProfileOptions {
  /** Profile name; default `AWS_PROFILE`, then `"default"`. */
  profile?: string;
  /** Environment to read HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_REGION, … from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** STS region; default as the AWS CLI finds it (AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`). */
  region?: string;
  /** STS endpoint; default AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's `services` / `endpoint_url`. */
  endpoint?: string;
  /** Asked for the code of each `mfa_serial` that needs one. Without it an MFA profile fails. */
  mfaCodeProvider?: (serialNumber: string, profile: string) => string | Promise<string>;
  /** Reuse and fill the AWS CLI's cache (~/.aws/cli/cache); default false. */
  cache?: boolean;
  timeoutMs?: number;
  fetch?: Fetch;
}

/**
 * A credential provider for a profile of the shared AWS files, resolved as the AWS CLI does:
 * static keys, or `role_arn` with `source_profile` (chains) / `credential_source = Environment`,
 * `mfa_serial`, `external_id`, `duration_seconds`, `role_session_name`. Refreshes 15 minutes before expiry.
 * Static-key profiles give credentials without `sessionToken`/`expiration`.
 */
export declare function fromProfile(options?: FromProfileOptions): () => Promise<Credentials>;
