// Sign-in methods: access keys (the rest of the page), or keyless — an OIDC token (web identity) or a
// SAML response — for people who sign in through an identity provider and should not paste long-term keys
// anywhere. Both keyless calls are unsigned: the token or the assertion is the credential, so the key
// fields are hidden and never read.
//
// Pasting a token shows what it says (decodeJwtClaims: issuer, audience, subject, expiry, and plainly when
// it has expired); pasting a SAML response lists its roles to pick (samlRoles), so nobody types two ARNs.
// Neither is verified here: STS checks the signatures. Both are bearer credentials: they stay in this
// page's memory and the DOM like the keys do, and Clear forgets them.

import { $, h, clearFieldErrors } from './dom.js';
import { FieldError, readWhere, readSessionOptions } from './form.js';
import { roleName } from './config-profile.js';

const METHODS = ['keys', 'web-identity', 'saml'];
// Advanced fields that only AssumeRole has: hidden for the keyless calls, which take policies only.
const ASSUME_ROLE_ONLY = ['externalId', 'serialNumber', 'tags', 'transitiveTagKeys', 'sourceIdentity'];

let api = () => null;
let emulator = null;
let picked = null; // { roleArn, principalArn } chosen from the SAML response

export function signinMethod() {
  const v = document.querySelector('input[name="signin"]:checked')?.value;
  return METHODS.includes(v) ? v : 'keys';
}

const text = (id) => $(id).value.trim();
const fieldOf = (id) => $(id).closest('.row') ?? $(id).closest('.field');

function compact(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)));
}

function showMethod(method) {
  const keyless = method !== 'keys';
  $('source').hidden = keyless;
  $('web-identity').hidden = method !== 'web-identity';
  $('saml').hidden = method !== 'saml';
  // SAML: the role comes from the picker and the session name from the assertion.
  $('roleArn').closest('.field').hidden = method === 'saml';
  $('roleSessionName').closest('.field').hidden = method === 'saml';
  for (const id of ASSUME_ROLE_ONLY) fieldOf(id).hidden = keyless;
  $('advanced-summary').textContent = keyless ? 'Advanced: session policy' : 'Advanced: external ID, MFA, session policy, tags, source identity';
  for (const id of ['whoami', 'mfa-session']) $(id).hidden = keyless;
  // The line under the buttons explains Who am I and MFA session, which need keys.
  $('assume').closest('.actions').nextElementSibling.hidden = keyless;
  if (!keyless) showSourceProfile(true);
  $('assume').textContent = method === 'web-identity' ? 'Assume role with token' : method === 'saml' ? 'Assume role with SAML' : 'Assume role';
  $('signin-note').textContent = {
    keys: 'Long-term or temporary access keys of an IAM user or role (AWS recommends signing in through an identity provider instead).',
    'web-identity': 'No access keys: an OIDC token from your identity provider (GitHub Actions, EKS, GitLab, Google, Auth0…) is the credential. STS checks it against the role’s trust policy.',
    saml: 'No access keys: the SAML response your identity provider (Okta, Entra ID, ADFS…) posts to AWS is the credential. Pick one of the roles it offers.',
  }[method];
  // The emulator preset: its web-role trusts the emulator's OIDC provider.
  if (emulator?.roles?.web) {
    const arn = $('roleArn');
    if (method === 'web-identity' && (arn.value === emulator.roles.example || !arn.value)) arn.value = emulator.roles.web;
    if (method === 'keys' && arn.value === emulator.roles.web) arn.value = emulator.roles.example;
  }
  clearFieldErrors();
}

// ---- web identity -------------------------------------------------------------------------------

/** A claim as text a person can trust: controls and direction overrides (U+202E can make
 * `https://evil.example` read as something else) become visible `\u{…}` escapes. */
export function visible(value) {
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
}

function row(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

const when = (seconds) => new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/** Decodes the pasted token into the claims list and the one-line summary (a polite live region). */
export function describeToken() {
  const token = text('webIdentityToken');
  const summary = $('webIdentityToken-summary');
  const claims = $('webIdentityToken-claims');
  const error = $('webIdentityToken-error');
  const reset = () => {
    summary.hidden = true;
    summary.textContent = '';
    summary.classList.remove('bad');
    claims.hidden = true;
    claims.replaceChildren();
    error.hidden = true;
    error.textContent = '';
    $('webIdentityToken').removeAttribute('aria-invalid');
  };
  reset();
  if (!token || !api()) return null;
  let c;
  try {
    c = api().decodeJwtClaims(token);
  } catch (err) {
    error.textContent = String(err.message).replace(/^webIdentityToken: /, '').replace(/^./, (ch) => ch.toUpperCase());
    error.hidden = false;
    $('webIdentityToken').setAttribute('aria-invalid', 'true');
    return null;
  }
  claims.replaceChildren(
    ...row('Issuer', h('code', {}, c.iss === undefined ? '(none)' : visible(c.iss))),
    ...row('Audience', h('code', {}, c.aud.length ? c.aud.map(visible).join(', ') : '(none)')),
    ...row('Subject', h('code', {}, c.sub === undefined ? '(none)' : visible(c.sub))),
    ...row('Expires', c.exp === undefined ? 'never (STS refuses such tokens)' : `${c.expiresAt ? when(c.exp) : c.exp} · ${c.expiry}`),
    ...(c.iat !== undefined && c.iat >= 0 && c.iat < 253402300800 ? row('Issued', when(c.iat)) : []),
  );
  claims.hidden = false;
  const who = `${c.sub ? `for ${visible(c.sub)} ` : ''}${c.iss ? `from ${visible(c.iss)}` : '(no issuer)'}`;
  if (c.expired) {
    summary.textContent = `This token ${c.expiry}: STS will refuse it. Get a fresh one from your identity provider.`;
    summary.classList.add('bad');
  } else {
    summary.textContent = `Token ${who}, ${c.expiry}. Not verified here: STS checks its signature.`;
  }
  summary.hidden = false;
  return c;
}

/** Options for assumeRoleWithWebIdentity. No access keys: the call is unsigned. */
export function readWebIdentity(emu) {
  const token = text('webIdentityToken');
  if (!token) throw new FieldError('webIdentityToken', 'Paste the OIDC token (a JWT) from your identity provider.');
  describeToken(); // refresh "expires in …" to the moment of the call
  return compact({
    ...readWhere(emu),
    roleArn: text('roleArn'),
    roleSessionName: text('roleSessionName'),
    webIdentityToken: token,
    providerId: text('providerId'),
    ...readSessionOptions(),
  });
}

// ---- SAML -----------------------------------------------------------------------------------------

function listRoles() {
  const list = $('saml-role-list');
  const group = $('saml-roles');
  const error = $('samlAssertion-error');
  list.replaceChildren();
  group.hidden = true;
  error.hidden = true;
  error.textContent = '';
  $('samlAssertion').removeAttribute('aria-invalid');
  const prev = picked;
  picked = null;
  $('saml-summary').textContent = '';
  const input = text('samlAssertion');
  if (!input || !api()) return;
  let roles;
  try {
    roles = api().samlRoles(input);
  } catch (err) {
    error.textContent = String(err.message).replace(/^samlAssertion: /, '').replace(/^./, (ch) => ch.toUpperCase());
    error.hidden = false;
    $('samlAssertion').setAttribute('aria-invalid', 'true');
    return;
  }
  roles.forEach((r, i) => {
    const id = `saml-role-${i}`;
    const account = r.roleArn.split(':')[4];
    const radio = h('input', { type: 'radio', name: 'saml-role', id, value: String(i) });
    radio.addEventListener('change', () => {
      picked = r;
      $('saml-summary').textContent = `Will assume ${r.roleArn} through ${r.principalArn}.`;
    });
    const again = prev && prev.roleArn === r.roleArn && prev.principalArn === r.principalArn;
    if (again || roles.length === 1) {
      radio.checked = true;
      picked = r;
    }
    list.append(h('label', { for: id, class: 'role-choice' }, radio,
      h('span', {}, h('strong', {}, roleName(r.roleArn)), ` · account ${account}`,
        h('br'), h('code', {}, r.roleArn), h('br'), h('span', { class: 'muted' }, `via ${r.principalArn.split(':').slice(5).join(':')}`))));
  });
  group.hidden = false;
  $('saml-summary').textContent = roles.length === 1
    ? `One role in this SAML response: ${roles[0].roleArn}.`
    : `${roles.length} roles in this SAML response: pick one.`;
}

/** What STS wants: the base64 of the SAML response, whatever form was pasted. */
function assertionBase64(input) {
  if (input.startsWith('<')) {
    const bytes = new TextEncoder().encode(input);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }
  let v = input.startsWith('SAMLResponse=') ? input.slice('SAMLResponse='.length).split('&')[0] : input;
  if (v.includes('%')) v = decodeURIComponent(v);
  return v.replace(/\s+/g, '');
}

/** Options for assumeRoleWithSaml. No access keys: the call is unsigned. */
export function readSaml(emu) {
  const input = text('samlAssertion');
  if (!input) throw new FieldError('samlAssertion', 'Paste the SAML response (base64, as your identity provider posts it to AWS, or its XML).');
  if (!picked) throw new FieldError('samlAssertion', 'Pick one of the roles this SAML response offers.');
  let samlAssertion;
  try {
    samlAssertion = assertionBase64(input);
  } catch {
    throw new FieldError('samlAssertion', 'This is not a SAML response this page can read.');
  }
  return compact({
    ...readWhere(emu),
    roleArn: picked.roleArn,
    principalArn: picked.principalArn,
    samlAssertion,
    ...readSessionOptions(),
  });
}

// ---- the call, for app.js -------------------------------------------------------------------------

/** The result card's "source profile" input and its explanation belong to access-key role profiles. */
function showSourceProfile(show) {
  $('source-profile').closest('.field').hidden = !show;
  $('config-profile-name').closest('p').hidden = !show;
}

/** The ~/.aws/config profile for the same sign-in: the AWS CLI reads web identity tokens from a file. */
function configBlock(method, o) {
  if (method === 'web-identity') {
    const lines = [
      `[profile ${roleName(o.roleArn)}]`,
      `role_arn = ${o.roleArn}`,
      'web_identity_token_file = /path/to/token   # a file holding the token; re-read on each refresh',
      `role_session_name = ${o.roleSessionName}`,
    ];
    if (o.region) lines.push(`region = ${o.region}`);
    return lines.join('\n') + '\n';
  }
  return '# The AWS CLI has no SAML profile setting: tools such as saml2aws sign in through your identity\n# provider and write credentials; or paste the exports above.\n';
}

/** The keyless assume-role call for the chosen method: { action, read, call, title, how, showConfig }. */
export function keylessCall(state, emu) {
  const method = signinMethod();
  const web = method === 'web-identity';
  return {
    action: web ? 'Assume role with web identity' : 'Assume role with SAML',
    title: web ? 'Role credentials (web identity)' : 'Role credentials (SAML)',
    how: web ? 'with your OIDC token' : 'with your SAML response',
    read: () => (web ? readWebIdentity(emu) : readSaml(emu)),
    call: (o) => (web ? state.api.call('assumeRoleWithWebIdentity', o) : state.api.call('assumeRoleWithSaml', o)),
    showConfig: (o) => {
      showSourceProfile(false);
      $('config-block').textContent = configBlock(method, o);
      $('config-profile-name').textContent = roleName(o.roleArn);
    },
  };
}

function clear() {
  picked = null;
  $('saml-role-list').replaceChildren();
  $('saml-roles').hidden = true;
  $('saml-summary').textContent = '';
  describeToken();
}

/** Wires the method choice and the live token/SAML readers. */
export function wireSignin({ getApi, emulator: emu }) {
  api = getApi;
  emulator = emu;
  for (const radio of document.querySelectorAll('input[name="signin"]')) {
    radio.addEventListener('change', () => showMethod(signinMethod()));
  }
  $('webIdentityToken').addEventListener('input', describeToken);
  $('samlAssertion').addEventListener('input', listRoles);
  // Clear (app.js) empties the fields; forget what was decoded from them too.
  $('clear').addEventListener('click', clear);
  // Chaining uses the new credentials as access keys: switch to that method so they are used.
  $('chain').addEventListener('click', () => {
    if (signinMethod() === 'keys') return;
    $('signin-keys').checked = true;
    showMethod('keys');
  });
  showMethod(signinMethod());
}

/** Once the signer has loaded: decode whatever was pasted before it was ready. */
export function signinReady() {
  describeToken();
  listRoles();
}
