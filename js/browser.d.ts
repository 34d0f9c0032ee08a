// Browser / bundler entry: the index API plus explicit loading of the wasm.
export * from "./index.js";

/** What `init` accepts for the wasm: a URL, a fetch Response (or its promise), bytes or a compiled module. */
export type InitInput = string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module;

/**
 * Loads and instantiates both wasm modules, once (later calls return the same promise): the main one from
 * `input` (default: the `.wasm` next to the glue) and the second one (see `initExtras`) from its default
 * place. The async API functions need neither: they load the main wasm themselves, and the second only when
 * a call fails. Call it before the synchronous functions (`renderExports`, `renderUnset`, `formats`,
 * `operations`, `regions`, `resolveEndpoint`, `decodeJwtClaims`, `samlRoles`, `fixFor`).
 */
export default function init(input?: InitInput | { module_or_path: InitInput }): Promise<unknown>;
/** Instantiates the main wasm synchronously from bytes or a `WebAssembly.Module` (not for large modules on a browser main thread). */
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
