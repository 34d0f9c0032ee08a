// Node entry: the index API (initialised at import) plus its default transport.
export * from "./index.js";
import type { FetchLike } from "./index.js";

/** The node:http(s) transport the Node entry uses by default (keep-alive, honours the abort signal). */
export declare const nodeFetch: FetchLike;
