// Tiny DOM helpers. Everything the page shows is built with text nodes, never innerHTML, so a
// value from STS or the form can't become markup.

export const $ = (id) => document.getElementById(id);

/** h('p', { class: 'hint' }, 'text', child) — attributes, then children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.filter((c) => c != null && c !== false));
  return el;
}

/** Show `message` under the field with this id and mark the control invalid. */
export function setFieldError(id, message) {
  const input = $(id);
  const out = $(`${id}-error`);
  if (!input || !out) return false;
  out.textContent = message;
  out.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  // A field inside the closed "Advanced" section must be visible to be fixed.
  const details = input.closest('details');
  if (details) details.open = true;
  return true;
}

export function clearFieldErrors(root = document) {
  for (const p of root.querySelectorAll('.field-error')) {
    p.textContent = '';
    p.hidden = true;
  }
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** "1 hour", "15 minutes", "1 h 30 min" — for durations and countdowns. */
export function humanDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hrs = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (hrs && !min && !sec) return hrs === 1 ? '1 hour' : `${hrs} hours`;
  if (!hrs && min && !sec) return min === 1 ? '1 minute' : `${min} minutes`;
  if (hrs) return `${hrs} h ${String(min).padStart(2, '0')} min`;
  if (min) return `${min} min ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}
