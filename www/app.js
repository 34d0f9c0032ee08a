// The page: wires the form to the library (pkg/assume_role_wasm.js, built by scripts/build.sh).
// Credentials live only in this module's memory and the DOM; nothing is written to any storage.

import './frame-guard.js'; // first: framed, nothing below runs
import { connect } from './csp-lock.js'; // next: narrows connect-src before anything else runs
import { $, clearFieldErrors, humanDuration } from './dom.js';
import { REGIONS, findRegion, fipsIsDefault } from './regions.js';
import { FieldError, readAssumeRole, readCallerIdentity, readSessionToken, target, defaultSessionName } from './form.js';
import { showError, clearResultError } from './errors.js';
import { buildTabs } from './tabs.js';
import { applyLimits } from './limits.js';
import { wireCopyButtons } from './copy.js';
import { showCredentials, hideResult, renderAllExports, renderConfigBlock } from './result.js';
import { wireTarget, applyEmulatorPreset, chainedRoleFor } from './target.js';
import { wireLinkEndpoint, endpointForConfig } from './link-endpoint.js';
import { wireSignin, signinMethod, keylessCall, signinReady } from './signin.js';
import { wireTools } from './tools.js';
import { pageApi } from './extras.js';
import { signer } from './signer.js';

const state = { api: null, last: null, identity: null };

const announce = (msg) => ($('status').textContent = msg);
const ACTION_BUTTONS = ['assume', 'whoami', 'mfa-session', 'verify', 'chain', 'account-check', 'decode'];

function setBusy(busy) {
  for (const id of ACTION_BUTTONS) $(id).disabled = busy || !state.api;
  $('output').setAttribute('aria-busy', String(busy));
}

async function loadSigner() {
  try {
    return pageApi(await signer); // started by regions.js's import, beside the second wasm
  } catch (err) {
    console.error('signer failed to load', err.name); // no details: nothing secret here, but keep logs bare
    return null;
  }
}

/** Runs one STS call: clears old errors, reads the form (FieldError → by the field), shows errors. */
async function run(action, read, call, show) {
  clearFieldErrors();
  clearResultError();
  let opts;
  try {
    opts = read();
  } catch (err) {
    if (err instanceof FieldError) return showError(err, { action });
    throw err;
  }
  setBusy(true);
  announce(`${action}: calling STS…`);
  try {
    const res = await call(opts);
    $('intro').hidden = true;
    show(res, opts);
  } catch (err) {
    announce(`${action} failed.`);
    if (state.identity && opts?.accessKeyId === state.identity.accessKeyId) state.api?.fixFor?.(err, { callerArn: state.identity.arn });
    showError(err, { action, decode: decodeWithForm });
  } finally {
    setBusy(false);
    opts = null;
  }
}

/** Brings a new result into view (on wide screens it sits at the top, beside the form) and moves
 * focus to its heading, so keyboard and screen-reader users land on it too. */
function reveal(headingId) {
  const heading = $(headingId);
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

function whereFromOpts(o) {
  return Object.fromEntries(['region', 'useFips', 'endpoint'].filter((k) => k in o).map((k) => [k, o[k]]));
}

function onAssume() {
  run('Assume role', () => readAssumeRole(connect.emulator), (o) => state.api.call('assumeRole', o), (res, o) => {
    state.last = { credentials: res.credentials, where: whereFromOpts(o), arn: res.assumedRoleUser.arn };
    showCredentials(state.api, { title: 'Role credentials', arn: res.assumedRoleUser.arn, credentials: res.credentials }, { onExpired });
    renderConfigBlock({
      roleArn: o.roleArn, sourceProfile: $('source-profile').value.trim(), serialNumber: o.serialNumber,
      externalId: o.externalId, durationSeconds: o.durationSeconds, roleSessionName: o.roleSessionName,
      region: o.region, endpoint: endpointForConfig(o.endpoint),
    });
    reveal('result-title');
    announce(`Assumed ${res.assumedRoleUser.arn}. Credentials expire ${new Date(res.credentials.expiration).toUTCString()}.`);
  });
}

/** err.fix's "Decode the reason": DecodeAuthorizationMessage with the keys now in the form. */
async function decodeWithForm(encodedMessage) {
  const res = await state.api.call('decodeAuthorizationMessage', { ...readCallerIdentity(connect.emulator), encodedMessage });
  return JSON.stringify(res.decoded ?? res.decodedMessage, null, 2);
}

/** Web identity / SAML (www/signin.js reads the form): the same result card, no access keys involved. */
function onKeyless() {
  const k = keylessCall(state, connect.emulator);
  run(k.action, k.read, k.call, (res, o) => {
    state.last = { credentials: res.credentials, where: whereFromOpts(o), arn: res.assumedRoleUser.arn };
    showCredentials(state.api, { title: k.title, arn: res.assumedRoleUser.arn, credentials: res.credentials }, { onExpired });
    k.showConfig(o);
    reveal('result-title');
    announce(`Assumed ${res.assumedRoleUser.arn} ${k.how}. Credentials expire ${new Date(res.credentials.expiration).toUTCString()}.`);
  });
}

function onWhoAmI() {
  run('Who am I', () => readCallerIdentity(connect.emulator), (o) => state.api.call('getCallerIdentity', o), (res, o) => {
    $('identity-arn').textContent = res.arn;
    state.identity = { accessKeyId: o.accessKeyId, arn: res.arn }; // for err.fix when STS does not name the caller
    $('identity-account').textContent = res.account;
    $('identity-userid').textContent = res.userId;
    $('identity').hidden = false;
    reveal('identity-title');
    announce(`You are ${res.arn}.`);
  });
}

function onSessionToken() {
  run('MFA session', () => readSessionToken(connect.emulator), (o) => state.api.call('getSessionToken', o), (res, o) => {
    state.last = { credentials: res.credentials, where: whereFromOpts(o), arn: '' };
    showCredentials(state.api, { title: 'Session credentials (GetSessionToken)', arn: '', credentials: res.credentials }, { onExpired });
    renderConfigBlock({ roleArn: $('roleArn').value.trim(), sourceProfile: $('source-profile').value.trim(), serialNumber: o.serialNumber, region: o.region, endpoint: endpointForConfig(o.endpoint) });
    reveal('result-title');
    announce(`Got session credentials. They expire ${new Date(res.credentials.expiration).toUTCString()}.`);
  });
}

function onVerify() {
  const last = state.last;
  if (!last) return;
  const { accessKeyId, secretAccessKey, sessionToken } = last.credentials;
  run('Verify', () => ({ accessKeyId, secretAccessKey, sessionToken, ...last.where }), (o) => state.api.call('getCallerIdentity', o), (res) => {
    const out = $('verify-result');
    out.textContent = `✓ STS sees these credentials as ${res.arn}`;
    out.hidden = false;
    out.scrollIntoView({ block: 'nearest' });
    announce(`Verified: ${res.arn}.`);
  });
}

/** Chain: the returned credentials become the source of the next assume-role. */
function onChain() {
  const last = state.last;
  if (!last) return;
  $('accessKeyId').value = last.credentials.accessKeyId;
  $('secretAccessKey').value = last.credentials.secretAccessKey;
  $('sessionToken').value = last.credentials.sessionToken;
  $('roleArn').value = chainedRoleFor($('roleArn').value.trim(), connect.emulator);
  // AWS caps a chained session at one hour.
  if (Number($('durationSeconds').value) > 3600) $('durationSeconds').value = '3600';
  updateDurationHint();
  $('roleSessionName').value = defaultSessionName();
  $('roleArn').focus();
  announce(`Source set to the temporary credentials${last.arn ? ` of ${last.arn}` : ''}. Enter the next role and press Assume role. Chained sessions last at most 1 hour.`);
}

function onExpired() {
  announce('The temporary credentials have expired.');
}

function onClear() {
  for (const el of $('form').querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea')) el.value = '';
  $('useFips').checked = false;
  $('advanced').open = false;
  $('region').value = 'us-east-1';
  $('durationSeconds').value = '3600';
  $('roleSessionName').value = defaultSessionName();
  $('secretAccessKey').type = 'password';
  $('reveal-secret').textContent = 'Show';
  $('reveal-secret').setAttribute('aria-pressed', 'false');
  clearFieldErrors();
  clearResultError();
  hideResult();
  for (const id of ['identity-arn', 'identity-account', 'identity-userid']) $(id).textContent = '';
  $('identity').hidden = true;
  $('intro').hidden = false;
  state.last = null;
  announce('Cleared: all fields and results are gone from this page.');
}

function updateDurationHint() {
  const n = Number($('durationSeconds').value);
  $('durationSeconds-hint').textContent = Number.isFinite(n) && n > 0 ? humanDuration(n) : 'e.g. 3600 = 1 hour';
}

function fillRegions() {
  const list = $('region-list');
  for (const r of REGIONS) {
    const opt = document.createElement('option');
    opt.value = r.id;
    opt.label = `${r.name}${r.partitionName ? ` · ${r.partitionName}` : ''}`;
    list.append(opt);
  }
}

function updateFipsHint() {
  const r = findRegion($('region').value.trim());
  // AWS's partition data gives every partition FIPS hosts; only the global endpoint has none.
  const ok = target() === 'aws' && r && r.id !== 'aws-global';
  $('useFips').disabled = !ok;
  if (!ok) $('useFips').checked = false;
  $('useFips-hint').textContent = target() !== 'aws' ? 'Applies to real AWS only.'
    : !ok ? 'The global endpoint has no FIPS host: choose a region.'
    : fipsIsDefault(r) ? 'GovCloud’s STS endpoint is FIPS validated either way.' : 'Uses the sts-fips host.';
}

function wireReveal() {
  $('reveal-secret').addEventListener('click', () => {
    const input = $('secretAccessKey');
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    $('reveal-secret').textContent = show ? 'Hide' : 'Show';
    $('reveal-secret').setAttribute('aria-pressed', String(show));
  });
}

async function main() {
  fillRegions();
  $('roleSessionName').value = defaultSessionName();
  buildTabs();
  applyLimits();
  wireCopyButtons(document.body, announce);
  wireReveal();
  wireTarget(connect, { announce, onChange: updateFipsHint });
  wireLinkEndpoint(connect, { announce, useAws: () => { $('target-aws').checked = true; $('target-aws').dispatchEvent(new Event('change', { bubbles: true })); } });
  if (connect.emulator) applyEmulatorPreset(connect.emulator);
  updateFipsHint();
  updateDurationHint();
  $('durationSeconds').addEventListener('input', updateDurationHint);
  $('form').addEventListener('submit', (ev) => {
    ev.preventDefault(); // never a real submission
    if (signinMethod() === 'keys') onAssume();
    else onKeyless();
  });
  $('whoami').addEventListener('click', onWhoAmI);
  $('mfa-session').addEventListener('click', onSessionToken);
  $('verify').addEventListener('click', onVerify);
  $('chain').addEventListener('click', onChain);
  $('clear').addEventListener('click', onClear);
  wireSignin({ getApi: () => state.api, emulator: connect.emulator });
  wireTools({ run, getApi: () => state.api, emulator: connect.emulator, last: () => state.last, announce });
  $('panels').addEventListener('input', (ev) => {
    if (ev.target.id === 'profile-name' && state.last) renderAllExports(state.api, state.last.credentials);
  });
  $('source-profile').addEventListener('input', () => {
    const block = $('config-block');
    block.textContent = block.textContent.replace(/^source_profile = .*$/m, `source_profile = ${$('source-profile').value.trim() || 'default'}`);
  });

  state.api = await loadSigner();
  const boot = $('boot');
  if (state.api) {
    boot.hidden = true;
    setBusy(false);
    signinReady();
  } else {
    boot.textContent = 'The signer (pkg/assume_role_wasm.js) could not be loaded. If you are running from a checkout, run npm run build (or npm start).';
    boot.classList.add('bad');
  }
  document.documentElement.dataset.ready = state.api ? 'true' : 'no-signer';
}

main();
