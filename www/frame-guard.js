// Refuses to work inside a frame. Under `npm start` the server sends `frame-ancestors 'none'`, but a
// static host sends no headers of ours and a <meta> CSP cannot carry frame-ancestors, so another site
// could frame this page, dress it up, and have you type your keys into it, its requests going to the
// `#endpoint` of the iframe's URL. This module is the first app.js imports: when the page is framed it hides
// the form, says why, and throws, which stops every other module of the page from running.

function framed() {
  try {
    return window.top !== window.self;
  } catch {
    return true; // reading window.top was refused: certainly framed
  }
}

if (framed()) {
  document.documentElement.dataset.framed = 'true';
  for (const el of document.querySelectorAll('main, .skip')) el.hidden = true;
  const note = document.createElement('p');
  note.id = 'framed';
  note.className = 'notice bad';
  note.setAttribute('role', 'alert');
  note.append('This page does not work inside a frame: the site around it could watch what you do or send your keys’ signatures elsewhere. ');
  const link = document.createElement('a');
  // Without the fragment: an endpoint in the framing site's URL is not one you chose.
  link.href = location.origin + location.pathname;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'Open it in its own tab';
  note.append(link, '.');
  document.querySelector('header')?.after(note);
  throw new Error('assume-role-wasm: refusing to run inside a frame');
}
