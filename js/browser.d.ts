// Browser / bundler entry: the index API plus explicit loading of the wasm.
export * from "./index.js";

/** What `init` accepts for the wasm: a URL, a fetch Response (or its promise), bytes or a compiled module. */
export type InitInput = string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module;

/**
 * Loads and instantiates the wasm, once (later calls return the same promise). The async API
 * functions call it themselves; call it yourself before the synchronous `renderExports` /
 * `renderUnset`, or to load the wasm from your own URL. Default: the `.wasm` next to the glue.
 */
export default function init(input?: InitInput | { module_or_path: InitInput }): Promise<unknown>;
/** Instantiates synchronously from bytes or a `WebAssembly.Module` (not for large modules on a browser main thread). */
export declare function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;

/**
 * What `init()` (and the async functions' first call) reject with when the `.wasm` does not arrive: the message
 * names the URL tried, what came back and the likely fix (a bundler line, `init(url)`, serving over http(s)).
 */
export interface WasmLoadError extends Error {
  name: "WasmLoadError";
  /** The URL fetched (undefined when none could be formed: a bundle without `import.meta.url`). */
  url?: string;
  status?: number;
  contentType?: string;
}
