// The form's limits from the operation table in the wasm (AWS's model): an input whose id is a member's JS
// name gets that member's maxlength / min / max, so the page keeps no copy of them (tests/model/drift.test.mjs
// checks index.html has none). A field several operations share (durationSeconds: AssumeRole allows 43200,
// GetSessionToken 129600) gets the widest range; the core still checks each call against its own.

import { operations } from './pkg/assume_role_extras.js'; // loaded by regions.js

// The operations this page performs (its layout is designed by hand; their limits are not).
const PAGE_OPERATIONS = ['assumeRole', 'getSessionToken', 'assumeRoleWithWebIdentity', 'assumeRoleWithSaml', 'getAccessKeyInfo', 'decodeAuthorizationMessage'];

export function applyLimits(root = document) {
  const widest = new Map();
  for (const op of operations().filter((o) => PAGE_OPERATIONS.includes(o.name))) {
    for (const m of op.input) {
      const w = widest.get(m.js) ?? { type: m.type };
      if (m.type === 'string' && m.max !== undefined) w.maxlength = Math.max(w.maxlength ?? 0, m.max);
      if (m.type === 'integer') {
        if (m.min !== undefined) w.min = Math.min(w.min ?? Infinity, m.min);
        if (m.max !== undefined) w.max = Math.max(w.max ?? -Infinity, m.max);
      }
      widest.set(m.js, w);
    }
  }
  for (const [id, w] of widest) {
    const el = root.getElementById?.(id);
    if (!el || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) continue;
    if (w.maxlength) el.maxLength = w.maxlength;
    if (w.type === 'integer' && el.type === 'number') {
      if (Number.isFinite(w.min)) el.min = String(w.min);
      if (Number.isFinite(w.max)) el.max = String(w.max);
    }
  }
}
