// The export tabs: one per renderExports format, each with its Copy button and, for shells,
// the matching "unset" lines that go back to your own identity. WAI-ARIA tabs pattern:
// arrow keys/Home/End move between tabs, Tab moves into the panel.

import { $, h } from './dom.js';

export const FORMATS = [
  { id: 'bash', label: 'bash / zsh', how: 'Paste into bash or zsh (sh works too).' },
  { id: 'fish', label: 'fish', how: 'Paste into fish.' },
  { id: 'powershell', label: 'PowerShell', how: 'Paste into PowerShell (pwsh or Windows PowerShell).' },
  { id: 'cmd', label: 'cmd', how: 'Paste into a Windows Command Prompt.' },
  { id: 'dotenv', label: '.env', file: '.env', how: 'Save as .env for tools that read one (docker --env-file, dotenv…). Keep it out of git.' },
  { id: 'credentials', label: '~/.aws/credentials', file: '~/.aws/credentials', how: 'Add to ~/.aws/credentials, then use --profile with the name below (or AWS_PROFILE).', profile: true },
  { id: 'credential-process', label: 'credential_process', file: 'credential_process JSON', how: 'The JSON a credential_process command prints: save it to a file and set credential_process = cat /path/to/it in a ~/.aws/config profile.' },
  { id: 'json', label: 'JSON', file: 'Credentials JSON', how: 'As aws sts assume-role --query Credentials prints it.' },
];

/** Builds the tab list and panels once; `render(format)` is called to fill each panel's code. */
export function buildTabs(onSelect) {
  const list = $('tabs');
  const panels = $('panels');
  list.replaceChildren();
  panels.replaceChildren();
  for (const [i, f] of FORMATS.entries()) {
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
