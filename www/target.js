// Where requests go: the local emulator preset (only when this origin serves /emulator.json,
// i.e. under `npm start`), real AWS by region, or a custom endpoint. Choosing a region while
// the emulator is selected switches to real AWS and takes Bob's emulator keys out of the form.

import { $ } from './dom.js';
import { findRegion, stsHost } from './regions.js';
import { allowableOrigin, mayConnect } from './csp-lock.js';
import { target } from './form.js';

function setTarget(value) {
  $(`target-${value}`).checked = true;
  $(`target-${value}`).dispatchEvent(new Event('change', { bubbles: true }));
}

function describe(connect) {
  const t = target();
  $('endpoint-field').hidden = t !== 'custom';
  let note = '';
  if (t === 'emulator') {
    note = `Local emulator (moto) at ${connect.emulator.endpoint}, with Bob’s keys and example-role filled in: no AWS account needed. Choose a region to use real AWS.`;
  } else if (t === 'aws') {
    const r = findRegion($('region').value.trim());
    note = r ? `Real AWS: https://${stsHost(r, $('useFips').checked)}` : 'Real AWS: choose a region.';
  } else {
    note = 'An STS-compatible endpoint of your own (a VPC endpoint, a proxy, LocalStack…).';
    if (connect.custom) note += ` This page was opened allowing ${connect.custom.origin} (from its link): only continue if you meant to use it.`;
  }
  $('target-note').textContent = note;
}

function updateAllowButton() {
  const url = $('endpoint').value.trim();
  $('allow-endpoint').hidden = !(target() === 'custom' && allowableOrigin(url) && !mayConnect(url));
}

export function wireTarget(connect, { announce, onChange }) {
  const refresh = () => {
    onChange?.(); // first: it settles the FIPS checkbox that describe() reads
    describe(connect);
    updateAllowButton();
  };
  for (const radio of document.querySelectorAll('input[name="target"]')) radio.addEventListener('change', refresh);
  $('useFips').addEventListener('change', refresh);
  $('region').addEventListener('input', refresh);
  $('region').addEventListener('change', () => {
    if (target() !== 'emulator') return;
    const keptBob = $('accessKeyId').value === connect.emulator.accessKeyId;
    if (keptBob) {
      for (const id of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'roleArn']) $(id).value = '';
    }
    setTarget('aws');
    announce(`Switched to real AWS (${$('region').value.trim()}).${keptBob ? ' The emulator’s keys were removed: enter your own.' : ''}`);
  });
  $('endpoint').addEventListener('input', updateAllowButton);
  $('allow-endpoint').addEventListener('click', () => {
    const url = $('endpoint').value.trim();
    // The reload forgets everything typed (secrets are memory-only); only the endpoint survives.
    location.hash = new URLSearchParams({ endpoint: url }).toString();
    location.reload();
  });
  if (connect.custom) {
    $('endpoint').value = connect.custom.url;
    setTarget('custom');
  }
  refresh();
}

export function applyEmulatorPreset(emulator) {
  $('target-emulator-label').hidden = false;
  if (target() !== 'custom') setTarget('emulator');
  $('accessKeyId').value = emulator.accessKeyId;
  $('secretAccessKey').value = emulator.secretAccessKey;
  $('roleArn').value = emulator.roles.example;
  // moto's chained-role trusts only an example-role session of this name: keep "Chain" working.
  if (emulator.sessionName) $('roleSessionName').value = emulator.sessionName;
  $('region').value = emulator.region || 'us-east-1';
}

/** The role to prefill after "Chain": the emulator's chained-role after its example-role, else empty. */
export function chainedRoleFor(currentArn, emulator) {
  if (emulator && target() === 'emulator' && currentArn === emulator.roles.example && emulator.roles.chained) {
    return emulator.roles.chained;
  }
  return '';
}
