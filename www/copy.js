// Copy buttons: `<button class="copy" data-copy="ID">` copies the text of element ID.
// The Clipboard API needs a secure context (https or localhost); elsewhere we select the text
// so Ctrl+C / long-press still works.

import { $ } from './dom.js';

export async function copyText(text) {
  await navigator.clipboard.writeText(text);
}

function selectContents(el) {
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}

/** One listener for every copy button, present and future. */
export function wireCopyButtons(root, announce) {
  root.addEventListener('click', async (ev) => {
    const btn = ev.target.closest('button.copy');
    if (!btn) return;
    const src = $(btn.dataset.copy);
    if (!src) return;
    const label = btn.dataset.label || src.getAttribute('aria-label') || 'text';
    try {
      await copyText(src.textContent);
      btn.textContent = 'Copied';
      announce(`Copied ${label} to the clipboard.`);
    } catch {
      selectContents(src);
      announce(`Couldn’t reach the clipboard: the ${label} text is selected, press Ctrl+C (⌘C) to copy it.`);
    }
    setTimeout(() => (btn.textContent = 'Copy'), 2000);
  });
}
