// Reads the form into the option objects of the JS API (docs/CONTRACT.md). Only shapes are
// checked here (a tag line without "=", JSON that doesn't parse); the rules for values (ARN
// syntax, session-name characters, duration limits…) live in the library, which rejects bad
// input as InvalidParameter before making any request — one source of truth for the page,
// Node and the edge worker.

import { $ } from './dom.js';
import { findRegion } from './regions.js';
import { mayConnect } from './csp-lock.js';
import { linkEndpointConfirmed, linkEndpointMessage } from './link-endpoint.js';

/** A problem with one field, found before any request. */
export class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

const text = (id) => $(id).value.trim();
const lines = (id) => $(id).value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** Keep only the options that have a value: the API rejects unknown keys, and "" is not "absent". */
function compact(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)));
}

export function target() {
  return document.querySelector('input[name="target"]:checked')?.value || 'aws';
}

/** Where requests go: `{ region, useFips?, endpoint? }`. */
export function readWhere(emulator) {
  const t = target();
  const region = text('region');
  if (t === 'emulator' && emulator) return { region: emulator.region || 'us-east-1', endpoint: emulator.endpoint };
  if (t === 'custom') {
    const endpoint = text('endpoint');
    if (!endpoint) throw new FieldError('endpoint', 'Enter the endpoint URL, or choose AWS.');
    if (!mayConnect(endpoint)) {
      throw new FieldError('endpoint', 'This page may not connect there yet: its security policy only allows AWS STS and the origins it was opened with. Use “Reload allowing this endpoint”.');
    }
    if (!linkEndpointConfirmed(endpoint)) throw new FieldError('endpoint', linkEndpointMessage());
    return compact({ region: region || 'us-east-1', endpoint });
  }
  const r = findRegion(region);
  if (!r) throw new FieldError('region', `“${region || '(empty)'}” is not in the region list. Pick one, e.g. us-east-1.`);
  return compact({ region: r.id, useFips: $('useFips').checked && r.id !== 'aws-global' ? true : undefined });
}

export function readSource() {
  return compact({
    accessKeyId: text('accessKeyId'),
    secretAccessKey: text('secretAccessKey'), // AWS secrets never contain spaces: a pasted newline is noise
    sessionToken: text('sessionToken'),
  });
}

function duration() {
  const raw = text('durationSeconds');
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new FieldError('durationSeconds', 'Enter a whole number of seconds, e.g. 3600.');
  return n;
}

function mfa() {
  return { serialNumber: text('serialNumber'), tokenCode: text('tokenCode') };
}

function tags() {
  return lines('tags').map((line, i) => {
    const eq = line.indexOf('=');
    if (eq < 1) throw new FieldError('tags', `Line ${i + 1}: write key=value.`);
    return { key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() };
  });
}

function policy() {
  const raw = $('policy').value.trim();
  if (!raw) return undefined;
  try {
    JSON.parse(raw);
  } catch (e) {
    throw new FieldError('policy', `The session policy is not valid JSON (${e.message}).`);
  }
  return raw;
}

export function readAssumeRole(emulator) {
  return compact({
    ...readSource(),
    ...readWhere(emulator),
    roleArn: text('roleArn'),
    roleSessionName: text('roleSessionName'),
    durationSeconds: duration(),
    externalId: text('externalId'),
    ...mfa(),
    policy: policy(),
    policyArns: lines('policyArns'),
    tags: tags(),
    transitiveTagKeys: text('transitiveTagKeys').split(/[,\s]+/).filter(Boolean),
    sourceIdentity: text('sourceIdentity'),
  });
}

/** What the keyless calls (www/signin.js) share with AssumeRole: the duration and session policies. */
export function readSessionOptions() {
  return compact({ durationSeconds: duration(), policy: policy(), policyArns: lines('policyArns') });
}

export function readCallerIdentity(emulator) {
  return compact({ ...readSource(), ...readWhere(emulator) });
}

export function readSessionToken(emulator) {
  return compact({ ...readSource(), ...readWhere(emulator), durationSeconds: duration(), ...mfa() });
}

/** A valid default session name: `web-20261128-130000` (letters, digits and - only). */
export function defaultSessionName(now = new Date()) {
  const d = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261128T130000
  return `web-${d.slice(0, 8)}-${d.slice(9)}`;
}
