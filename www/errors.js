// Errors in plain words: by the field when the library names one (InvalidParameter.field is the
// option name, e.g. "roleArn" or "tags[3].key"), otherwise in the result area with STS's code,
// message, request ID and the library's hint.

import { $, h, setFieldError } from './dom.js';
import { fixSection } from './fix.js';

// What each code usually means for someone at this form. The library's `hint` (when present)
// comes after this and is more specific.
const PLAIN = {
  SignatureDoesNotMatch: 'The signature didn’t match: the secret access key is not the one for this access key ID, or this computer’s clock is more than 5 minutes off.',
  InvalidClientTokenId: 'STS doesn’t recognise these credentials: the access key ID is unknown or deactivated, or the session token is missing, wrong, or from another partition.',
  AccessDenied: 'STS refused: the role’s trust policy doesn’t name these credentials, or their own policy doesn’t allow sts:AssumeRole on this role.',
  ExpiredToken: 'The session token has expired. Get fresh credentials and try again.',
  ValidationError: 'STS rejected one of the values.',
  RegionDisabledException: 'STS is not activated for this account in this region. Activate it under IAM → Account settings, or choose another region.',
  MalformedPolicyDocument: 'The session policy is not a valid IAM policy.',
  PackedPolicyTooLarge: 'The session policy and tags together are too large.',
  NetworkError: 'The request didn’t get through: the endpoint is unreachable, doesn’t allow calls from a browser (CORS), or this page’s security policy blocked it.',
  Timeout: 'The endpoint didn’t answer in time.',
  UnexpectedResponse: 'The endpoint answered, but not like STS does. Is the endpoint URL right?',
};

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
export function showError(err, { action } = {}) {
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
    h('p', { class: 'plain' }, PLAIN[code] || 'STS returned an error.'),
    err.hint ? h('p', { class: 'hint-line' }, h('strong', {}, 'Hint: '), err.hint) : null,
    h('dl', { class: 'kv' }, ...rows.flatMap(([k, v]) => {
      const cls = `err-${k.toLowerCase().replace(/\W+/g, '-')}`;
      // Identifiers in monospace (they get copied into support tickets); the message as prose.
      return [h('dt', {}, k), h('dd', {}, k === 'Message' ? h('span', { class: cls }, v) : h('code', { class: cls }, v))];
    })),
    fixSection(err.fix),
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
