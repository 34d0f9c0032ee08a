// Two small STS tools beside the walkthrough, signed with the credentials in the form (or, without any,
// the temporary credentials just obtained):
//   - "Which account is this access key from?"  GetAccessKeyInfo: any access key ID → its account. The
//     key ID is not a secret; no secret of that key is needed.
//   - "Decode an authorization failure"  DecodeAuthorizationMessage: the encoded message of an AWS
//     AccessDenied ("Encoded authorization failure message: …") → the JSON saying which policy denied
//     what. Needs sts:DecodeAuthorizationMessage; the decoded text names resources, so it is shown, not kept.

import { $ } from './dom.js';
import { FieldError, readSource, readWhere } from './form.js';
import { signinMethod } from './signin.js';

/** Source credentials for the tools: the form's keys, else the last temporary credentials. */
function signer(emulator, last) {
  const keys = signinMethod() === 'keys' ? readSource() : {};
  if (keys.accessKeyId) return { ...keys, ...readWhere(emulator) };
  const l = last();
  if (l) {
    const { accessKeyId, secretAccessKey, sessionToken } = l.credentials;
    return { accessKeyId, secretAccessKey, sessionToken, ...l.where };
  }
  throw new FieldError(signinMethod() === 'keys' ? 'accessKeyId' : 'webIdentityToken',
    'These tools call STS signed: enter access keys above, or first get temporary credentials.');
}

/** `text` as indented JSON when it is JSON, else as it came. */
function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * @param {{ run: Function, getApi: () => object, emulator: object|null, last: () => object|null, announce: Function }} ctx
 *   `run` is app.js's: it reads, calls, shows errors by the field or in the result area.
 */
export function wireTools({ run, getApi, emulator, last, announce }) {
  $('account-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    $('account-result').hidden = true;
    run('Which account', () => {
      const targetAccessKeyId = $('targetAccessKeyId').value.trim();
      if (!targetAccessKeyId) throw new FieldError('targetAccessKeyId', 'Enter an access key ID (AKIA… or ASIA…).');
      return { ...signer(emulator, last), targetAccessKeyId };
    }, (o) => getApi().call('getAccessKeyInfo', o), (res, o) => {
      const out = $('account-result');
      out.textContent = `${o.targetAccessKeyId} belongs to account ${res.account}.`;
      out.hidden = false;
      announce(`Access key ${o.targetAccessKeyId} belongs to account ${res.account}.`);
    });
  });

  $('decode-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    $('decoded-block').hidden = true;
    $('decoded-message').textContent = '';
    run('Decode', () => {
      // Copied from an error line it may carry the prefix, quotes or line breaks: keep only the message.
      const encodedMessage = $('encodedMessage').value.replace(/^[\s\S]*?failure message:\s*/i, '').replace(/\s+/g, '').replace(/^["']|["'.]$/g, '');
      if (!encodedMessage) throw new FieldError('encodedMessage', 'Paste the encoded message from the AccessDenied error.');
      return { ...signer(emulator, last), encodedMessage };
    }, (o) => getApi().call('decodeAuthorizationMessage', o), (res) => {
      $('decoded-message').textContent = pretty(res.decodedMessage);
      $('decoded-block').hidden = false;
      $('decoded-message').focus();
      announce('Decoded: the authorization failure is shown below the message.');
    });
  });

  $('clear').addEventListener('click', () => {
    for (const id of ['targetAccessKeyId', 'encodedMessage']) $(id).value = '';
    $('account-result').hidden = true;
    $('decoded-message').textContent = '';
    $('decoded-block').hidden = true;
  });
}
