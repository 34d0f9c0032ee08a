// The main wasm (every STS call), fetched and compiled as soon as the page's modules run: beside the second
// one, which regions.js awaits (the form is drawn from its facts), instead of after it. app.js awaits this
// when it wires the buttons, and reports a failure there. In dist/ the fetch is SRI-checked.

import init, * as api from './pkg/assume_role_wasm.js';
import { wasmSource } from './wasm-integrity.js';

export const signer = init(wasmSource()).then(() => api); // pkg/assume_role_wasm_bg.wasm next to the glue
signer.catch(() => {}); // not unhandled while nobody awaits it yet: app.js shows the failure
