// The export tabs: one per renderExports format, each with its Copy button and, for shells,
// the matching "unset" lines that go back to your own identity. WAI-ARIA tabs pattern:
// arrow keys/Home/End move between tabs, Tab moves into the panel.

import { $, h } from './dom.js';
import { formats } from './pkg/assume_role_extras.js'; // loaded by regions.js

/** The formats, from the wasm (src/exports.rs holds the one table): `{ id, label, how, file?, profile, shell }`.
 * Read lazily: the wasm is loaded by regions.js before the page's main() runs. */
let formatsCache = null;
export function formatList() {
  formatsCache ??= formats();
  return formatsCache;
}

/** Builds the tab list and panels once; `render(format)` is called to fill each panel's code. */
export function buildTabs(onSelect) {
  const list = $('tabs');
  const panels = $('panels');
  list.replaceChildren();
  panels.replaceChildren();
  for (const [i, f] of formatList().entries()) {
    list.append(h('button', {
      type: 'button', role: 'tab', id: `tab-${f.id}`, 'aria-controls': `panel-${f.id}`,
      'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', dataset: { format: f.id },
    }, f.label));
    panels.append(h('div', { role: 'tabpanel', id: `panel-${f.id}`, 'aria-labelledby': `tab-${f.id}`, hidden: i !== 0, class: 'panel' },
      h('p', { class: 'hint' }, f.how),
      f.profile ? h('div', { class: 'field narrow' },
        h('label', { for: 'profile-name' }, 'Profile name'),
        h('input', { id: 'profile-name', value: 'assumed', autocomplete: 'off', spellcheck: 'false' })) : null,
      codeBlock(`code-${f.id}`, f.file || `${f.label} lines`),
      h('div', { id: `unset-wrap-${f.id}`, hidden: true },
        h('p', { class: 'hint' }, 'Back to your own identity afterwards:'),
        codeBlock(`unset-${f.id}`, `${f.label} unset lines`)),
    ));
  }
  list.addEventListener('click', (ev) => {
    const tab = ev.target.closest('[role="tab"]');
    if (tab) select(tab, onSelect);
  });
  list.addEventListener('keydown', (ev) => {
    const tabs = [...list.querySelectorAll('[role="tab"]')];
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    select(tab, onSelect);
    tab.focus();
  });
}

function codeBlock(id, label) {
  return h('div', { class: 'code-block' },
    h('div', { class: 'code-bar' },
      h('span', { 'aria-hidden': 'true' }, label),
      h('button', { type: 'button', class: 'copy', dataset: { copy: id, label } }, 'Copy')),
    h('pre', { class: 'code', id, tabindex: '0', 'aria-label': label }));
}

function select(tab, onSelect) {
  for (const t of tab.parentElement.querySelectorAll('[role="tab"]')) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  onSelect?.(tab.dataset.format);
}
