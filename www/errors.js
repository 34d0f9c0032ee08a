// Errors in plain words: by the field when the library names one (InvalidParameter.field is the
// option name, e.g. "roleArn" or "tags[3].key"), otherwise in the result area with the library's hint
// (written once, in the core: src/error.rs), STS's code, message and request ID.

import { $, h, setFieldError } from './dom.js';
import { fixSection } from './fix.js';

// Option names that are not an input of their own map onto the input that holds them.
const FIELD_INPUT = { credentials: 'accessKeyId', format: null };

/** The input id for an InvalidParameter `field` such as `tags[3].key` → `tags`. */
export function inputFor(field) {
  if (!field) return null;
  const base = String(field).split(/[[.]/)[0];
  return base in FIELD_INPUT ? FIELD_INPUT[base] : base;
}

export function clearResultError() {
  const box = $('error');
  box.replaceChildren();
  box.hidden = true;
}

/**
 * Show `err` (an StsError from the library or a FieldError from form.js). Returns where it went:
 * 'field' or 'result'.
 */
export function showError(err, { action, decode } = {}) {
  const id = err.code === 'InvalidParameter' || err.field ? inputFor(err.field) : null;
  if (id && setFieldError(id, byTheField(err))) {
    $(id).focus();
    announceFieldError(err.message);
    return 'field';
  }
  const code = err.code || err.name || 'Error';
  const box = $('error');
  const rows = [
    ['Code', code],
    ['Message', err.message],
    err.status ? ['HTTP status', String(err.status)] : null,
    err.requestId ? ['Request ID', err.requestId] : null,
  ].filter(Boolean);
  box.replaceChildren(
    h('h2', {}, action ? `${action} failed` : 'That didn’t work'),
    // The advice comes from the core (StsError.hint), the same text the CLI and library users get.
    h('p', { class: 'plain' }, err.hint || 'STS returned an error; its message is below.'),
    h('dl', { class: 'kv' }, ...rows.flatMap(([k, v]) => {
      const cls = `err-${k.toLowerCase().replace(/\W+/g, '-')}`;
      // Identifiers in monospace (they get copied into support tickets); the message as prose.
      return [h('dt', {}, k), h('dd', {}, k === 'Message' ? h('span', { class: cls }, v) : h('code', { class: cls }, v))];
    })),
    fixSection(err.fix, { decode }),
  );
  box.hidden = false;
  box.focus();
  return 'result';
}

/** "roleArn: is required" → "Is required": next to its label the option name is noise. An indexed
 * field ("tags[1].key: …") keeps its prefix: it says which line is wrong. */
function byTheField(err) {
  if (inputFor(err.field) !== err.field) return err.message;
  const prefix = `${err.field}: `;
  const m = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  return m.charAt(0).toUpperCase() + m.slice(1);
}

function announceFieldError(message) {
  $('status').textContent = `Please fix the highlighted field: ${message}`;
}
