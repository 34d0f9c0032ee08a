// The second half of the page's Content-Security-Policy: it narrows connect-src to exactly the
// origins this page may talk to, before any other code of ours runs.
//
// Why two halves: connect-src is what stops an injected script from posting your keys elsewhere,
// and it can't be widened after load (every CSP is an intersection; a later policy only narrows).
// A static file can't know your custom endpoint or the local emulator's port. So index.html's own
// <meta> policy allows `'self' https: http://127.0.0.1:* http://localhost:*` for connections (and
// only our own scripts — no inline, no third party), and this module, which every other module
// imports first, appends a second policy: connect-src 'self' + the STS hosts of regions.js + at
// most two more origins:
//   - the local emulator, if this origin serves /emulator.json (scripts/serve.mjs under `npm start`);
//   - a custom endpoint named in the URL fragment, `#endpoint=https://sts.example.corp` — the page
//     offers a "Reload allowing this endpoint" button that puts it there (a fragment never reaches
//     any server or log; an endpoint is not a secret). The page shows that origin prominently, so a
//     link crafted to point your keys' signatures somewhere else can't do it silently.
// Fail closed: if anything here throws, the policy becomes connect-src 'self' only and, since this
// module's failure stops the module graph, app.js never runs.

import { stsOrigins } from './regions.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/** The origin of `url` if the page may be opened for it: https anywhere, http only on loopback. */
export function allowableOrigin(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username || u.password) return null;
  // The origin goes into a policy string: admit plain DNS names only (IDNs arrive as punycode).
  if (!/^[a-z0-9.-]+$/.test(u.hostname)) return null;
  if (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return u.origin;
  return null;
}

async function emulatorPreset() {
  try {
    const res = await fetch('emulator.json', { cache: 'no-store', credentials: 'omit' });
    if (!res.ok || !/json/.test(res.headers.get('content-type') || '')) return null;
    const e = await res.json();
    const origin = allowableOrigin(e.endpoint);
    const ok =
      origin && LOOPBACK.has(new URL(origin).hostname) &&
      typeof e.accessKeyId === 'string' && typeof e.secretAccessKey === 'string' &&
      e.roles && typeof e.roles.example === 'string';
    return ok ? Object.freeze({ ...e, origin }) : null;
  } catch {
    return null; // a static host without the emulator: no preset
  }
}

/**
 * The fragment the page was opened with. Not `location.hash` later on: a site that window.open()ed this
 * page can re-point its fragment at any time (a same-document navigation, no reload), and the fragment
 * must not be read after the emulator.json round trip either, which is exactly when a re-pointed hash
 * would land. The navigation timing entry keeps the URL of the navigation that loaded this document,
 * fragment included, whatever happened to the address since; `location.hash` is only a fallback, read
 * synchronously before anything else here.
 */
function launchFragment() {
  const loaded = performance.getEntriesByType?.('navigation')?.[0]?.name;
  try {
    if (loaded) return new URL(loaded).hash;
  } catch {
    /* fall through */
  }
  return location.hash;
}

const LAUNCH_FRAGMENT = launchFragment();

function fragmentEndpoint() {
  const url = new URLSearchParams(LAUNCH_FRAGMENT.slice(1)).get('endpoint');
  const origin = url && allowableOrigin(url);
  return origin ? Object.freeze({ url, origin }) : null;
}

function lock(origins) {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `connect-src ${origins.join(' ')}`;
  meta.dataset.connectLock = '';
  document.head.append(meta);
}

let connect;
try {
  const emulator = await emulatorPreset();
  const custom = fragmentEndpoint();
  const origins = [...new Set(["'self'", ...stsOrigins(), emulator?.origin, custom?.origin].filter(Boolean))];
  lock(origins);
  connect = Object.freeze({ origins: Object.freeze(origins), emulator, custom });
} catch (err) {
  lock(["'self'"]);
  throw err;
}

/** What the page may connect to: `{ origins, emulator, custom }`. */
export { connect };

/** Whether a request to `url` would pass the connect-src this module installed. */
export function mayConnect(url) {
  const origin = allowableOrigin(url);
  return origin !== null && connect.origins.includes(origin);
}
