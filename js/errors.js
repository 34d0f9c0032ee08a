// The wasm rejects with plain Errors named "StsError" (no class crosses the boundary), so a
// type guard is the portable way to tell them apart from bugs and aborts.

/** @returns {error is import("./index.d.ts").StsError} */
export function isStsError(error) {
  return error instanceof Error && error.name === "StsError" && typeof error.code === "string";
}
