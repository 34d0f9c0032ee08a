// The raw wasm glue (pkg/) exports one `call(action, opts)`; the package's entry points wrap it into one
// function per operation (js/operations.js). Tests that drive the glue directly get the same shape here,
// built from the glue's own operation table, so no test keeps a list of operations.
export function withOperations(glue) {
  const api = { ...glue };
  for (const op of glue.operations()) api[op.name] = (opts) => glue.call(op.name, opts);
  return api;
}
