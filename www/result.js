// The result card: the credential block, the expiration (UTC, local, live countdown), every
// export format and the ~/.aws/config profile. Rendering uses the library's renderExports and
// renderUnset, so the page shows exactly what the npm package prints.

import { $, humanDuration } from './dom.js';
import { formatList } from './tabs.js';
import { renderConfigProfile } from './config-profile.js';

let timer = null;

export function stopCountdown() {
  clearInterval(timer);
  timer = null;
}

function formatUtc(date) {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function formatLocal(date) {
  const local = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
  return `${local} (your time)`;
}

/** Starts the live countdown; calls onExpired once when it reaches zero. */
function startCountdown(expiration, onExpired) {
  stopCountdown();
  const out = $('countdown');
  const tick = () => {
    const left = (expiration.getTime() - Date.now()) / 1000;
    if (left <= 0) {
      out.textContent = 'expired';
      out.classList.add('expired');
      stopCountdown();
      onExpired?.();
      return;
    }
    out.classList.remove('expired');
    out.textContent = `expires in ${humanDuration(left)}`;
  };
  tick();
  timer = setInterval(tick, 1000);
}

/** Fills every export panel for `credentials`. */
export function renderAllExports(api, credentials) {
  const profile = $('profile-name')?.value.trim() || 'default';
  for (const f of formatList()) {
    $(`code-${f.id}`).textContent = api.renderExports(credentials, f.id, f.profile ? { profile } : undefined);
    let unset = '';
    try {
      unset = api.renderUnset(f.id);
    } catch {
      unset = ''; // file formats: nothing to unset (the library throws InvalidParameter by design)
    }
    $(`unset-${f.id}`).textContent = unset;
    $(`unset-wrap-${f.id}`).hidden = !unset;
  }
}

export function renderConfigBlock(input) {
  const text = renderConfigProfile(input);
  $('config-block').textContent = text;
  $('config-profile-name').textContent = text.slice('[profile '.length, text.indexOf(']'));
}

/**
 * @param {object} r { title, arn, credentials } — arn is the assumed-role ARN (or empty for a session token)
 */
export function showCredentials(api, r, { onExpired } = {}) {
  const c = r.credentials;
  $('result-title').textContent = r.title;
  $('result-arn').textContent = r.arn || '';
  $('result-arn').hidden = !r.arn;
  $('cred-akid').textContent = c.accessKeyId;
  $('cred-secret').textContent = c.secretAccessKey;
  $('cred-token').textContent = c.sessionToken;
  const exp = new Date(c.expiration);
  $('exp-utc').textContent = formatUtc(exp);
  $('exp-local').textContent = formatLocal(exp);
  startCountdown(exp, onExpired);
  renderAllExports(api, c);
  $('verify-result').hidden = true;
  $('result').hidden = false;
}

export function hideResult() {
  stopCountdown();
  for (const id of ['cred-akid', 'cred-secret', 'cred-token', 'exp-utc', 'exp-local', 'countdown', 'result-arn', 'config-block', 'verify-result']) {
    $(id).textContent = '';
  }
  for (const pre of $('panels').querySelectorAll('pre')) pre.textContent = '';
  $('config-profile-name').textContent = '…';
  $('result').hidden = true;
}
