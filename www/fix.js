// err.fix under the error: the summary, each policy statement and each AWS CLI command in its own code
// block with a Copy button (copy.js handles every `button.copy`), and the notes. Built with text nodes
// only (dom.js): the statements and commands carry text from STS's message, which is never markup.

import { h } from './dom.js';

let blocks = 0; // ids stay unique when one error replaces another

function codeBlock(label, text) {
  const id = `fix-block-${++blocks}`;
  return h('div', { class: 'code-block' },
    h('div', { class: 'code-bar' },
      h('span', { 'aria-hidden': 'true' }, label),
      h('button', { type: 'button', class: 'copy', dataset: { copy: id, label } }, 'Copy')),
    h('pre', { class: 'code', id, tabindex: '0', 'aria-label': label }, text));
}

/** "Decode the reason": runs `decode(encodedMessage)` (DecodeAuthorizationMessage with the form's keys) and
 * shows what it returns, or why it failed, in a code block of its own. */
function decodeOffer(encodedMessage, decode) {
  const out = h('pre', { class: 'code', id: `fix-block-${++blocks}`, tabindex: '0', 'aria-label': 'Decoded authorization message', 'aria-live': 'polite', hidden: true });
  const button = h('button', { type: 'button', class: 'fix-decode' }, 'Decode the reason');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      out.textContent = await decode(encodedMessage);
    } catch (err) {
      out.textContent = `Could not decode it: ${err?.code ?? 'Error'}: ${err?.message ?? err}`;
    }
    out.hidden = false;
    button.disabled = false;
  });
  return h('div', { class: 'fix-decode-offer' },
    h('p', {}, button, ' AWS encoded why it refused: decode it with DecodeAuthorizationMessage, using the keys above (they need sts:DecodeAuthorizationMessage).'),
    out);
}

/** The fix as a section, or null when the error has none. `decode`, when given, offers to decode an
 * encoded authorization failure message in place. */
export function fixSection(fix, { decode } = {}) {
  if (!fix || typeof fix.summary !== 'string') return null;
  const commands = Array.isArray(fix.commands) ? fix.commands : [];
  const notes = Array.isArray(fix.notes) ? fix.notes : [];
  return h('section', { class: 'fix', 'aria-label': 'How to fix it' },
    h('h3', {}, 'How to fix it'),
    h('p', { class: 'fix-summary' }, fix.summary),
    fix.trustStatement ? codeBlock('Statement for the role’s trust policy', JSON.stringify(fix.trustStatement, null, 2)) : null,
    fix.identityStatement ? codeBlock('Statement for the caller’s own policy', JSON.stringify(fix.identityStatement, null, 2)) : null,
    commands.length ? h('p', { class: 'fix-commands-intro' },
      'AWS CLI commands that apply it (bash or zsh; run them with credentials allowed to change IAM):') : null,
    ...commands.map((c, i) => codeBlock(commands.length > 1 ? `Command ${i + 1} of ${commands.length}` : 'Command', c)),
    fix.encodedMessage && decode ? decodeOffer(fix.encodedMessage, decode) : null,
    notes.length ? h('ul', { class: 'fix-notes' }, ...notes.map((n) => h('li', {}, n))) : null,
  );
}
