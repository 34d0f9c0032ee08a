// An endpoint that came from the page's link (`#endpoint=…`) is someone else's choice until you confirm it.
// A crafted link could otherwise point the form at a host that collects what each request carries: the
// access key ID, your session token verbatim, the role ARN, external ID, MFA serial and the live MFA code.
// So nothing is sent to that origin before you press a button naming its host (readWhere asks
// `linkEndpointConfirmed` before any request), and the suggested ~/.aws/config block names an
// `endpoint_url` only when you typed the endpoint yourself (`endpointForConfig`).

import { $ } from './dom.js';
import { allowableOrigin } from './csp-lock.js';

// Read here rather than imported from form.js, which imports this module.
const target = () => document.querySelector('input[name="target"]:checked')?.value || 'aws';

let link = null; // { origin, host } of the link's endpoint
let confirmed = false;
let typed = false;

/** Whether a request to `endpoint` may go out: always, unless it is the link's origin, unconfirmed. */
export function linkEndpointConfirmed(endpoint) {
  if (!link || confirmed || allowableOrigin(endpoint) !== link.origin) return true;
  show();
  $('link-endpoint-confirm').focus();
  return false;
}

export function linkEndpointMessage() {
  return `This endpoint came from the page’s link: confirm above that you want to send your requests to ${link?.host}, or choose AWS.`;
}

/** The endpoint for the ~/.aws/config block: the emulator's, or one you typed; never just the link's. */
export function endpointForConfig(endpoint) {
  if (target() === 'emulator') return endpoint;
  return typed ? endpoint : undefined;
}

function show() {
  $('link-endpoint').hidden = confirmed || target() !== 'custom';
}

export function wireLinkEndpoint(connect, { announce, useAws }) {
  // Typing (a trusted input event; another origin cannot fire one in this page) makes the endpoint yours.
  $('endpoint').addEventListener('input', (ev) => {
    if (ev.isTrusted) typed = true;
  });
  // The address may be re-pointed after load by a site that opened this page; it is never acted on.
  window.addEventListener('hashchange', () => {
    announce('The address of this page changed after it loaded; the page ignores that and keeps what it was opened with.');
  });
  if (!connect.custom) return;
  const host = new URL(connect.custom.origin).host;
  link = { origin: connect.custom.origin, host };
  $('link-endpoint-host').textContent = host;
  $('link-endpoint-host-button').textContent = host;
  $('link-endpoint-confirm').addEventListener('click', () => {
    confirmed = true;
    show();
    announce(`Requests will go to ${host}, as the link asked.`);
  });
  $('link-endpoint-aws').addEventListener('click', () => {
    useAws();
    show();
    announce('Requests will go to AWS.');
  });
  for (const radio of document.querySelectorAll('input[name="target"]')) radio.addEventListener('change', show);
  show();
}
