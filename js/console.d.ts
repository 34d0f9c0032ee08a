// Types of "assume-role-wasm/console": AWS console sign-in URLs through the federation endpoint.

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

/** `code`: "InvalidParameter" (nothing was sent), "FederationUnreachable" or "FederationError". */
export declare class ConsoleError extends Error {
  readonly name: "ConsoleError";
  readonly code: "InvalidParameter" | "FederationUnreachable" | "FederationError" | string;
}

export declare const MIN_CONSOLE_SESSION: 900;
export declare const MAX_CONSOLE_SESSION: 43200;

/** The partition of a role ARN. */
export declare function partitionOf(roleArn: string): Partition;
/** A Destination on the partition's console (https only); its home page when undefined. */
export declare function consoleDestination(partition: Partition, destination?: string): string;
/** The console home in a region (the partition's home page for anything that is not a region name). */
export declare function regionalConsoleHome(partition: Partition, region?: string): string;
/** The federation endpoint (an override must be https, or http on loopback, with no query). */
export declare function federationEndpointOf(partition: Partition, override?: string): string;

/** The sign-in URL: a credential for 15 minutes, treat it as a secret. */
export declare function consoleSigninUrl(p: {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  partition: Partition;
  /** 900–43200 seconds; leave undefined for role-chained sessions. */
  sessionDuration?: number;
  destination: string;
  issuer?: string;
  federationEndpoint?: string;
  fetch?: typeof fetch;
}): Promise<string>;
