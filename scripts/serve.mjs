#!/usr/bin/env node
// A small static server for www/ on 127.0.0.1, and (with --emulator) the local STS emulator.
//
//   node scripts/serve.mjs [--emulator]        PORT=8080 by default; the next free port if busy
//
// With --emulator it starts moto through tests/support/moto.mjs (auth enforced, CORS preflights
// answered, Bob + example-role seeded) and serves /emulator.json so the page can offer the
// "Local emulator" preset. Without it there is no /emulator.json, as on any static host.
// Ctrl-C (SIGINT) or SIGTERM stops the HTTP server and moto, then exits: no stray processes.
//
// Also importable by tests: startServer({ root, port, emulator }) → { url, port, close() }.

import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // instantiateStreaming refuses anything else
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

// The page's own <meta> CSP does the real work; these are the parts only a header can carry
// (frame-ancestors: no clickjacking a credentials form) plus hardening that costs nothing.
// Exported: scripts/dist.mjs writes the same headers into dist/_headers and dist/nginx.conf.
export const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store', // a rebuilt wasm is picked up on reload
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The file under `root` for a URL path, or null if it would leave root (.., encoded, symlinks). */
export async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter(Boolean);
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return null; // no escape, no dotfiles
  let file = path.join(root, ...parts);
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) file = path.join(file, 'index.html');
    const real = await fs.realpath(file);
    const realRoot = await fs.realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** What the page's emulator preset needs; Bob's keys are moto's, valid nowhere else. */
export function emulatorInfo(moto) {
  return {
    endpoint: moto.endpoint,
    region: moto.region || 'us-east-1',
    accessKeyId: moto.bob.accessKeyId,
    secretAccessKey: moto.bob.secretAccessKey,
    arn: moto.bob.arn,
    roles: moto.roles,
    // moto's chained-role trusts only the example-role session with this name (see moto.mjs).
    sessionName: moto.chainSessionName,
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startServer({ root = path.join(repo, 'www'), port = 8080, host = '127.0.0.1', emulator = null } = {}) {
  let bound;
  const server = http.createServer(async (req, res) => {
    // DNS rebinding: only answer requests addressed to us by loopback name.
    const hostHeader = (req.headers.host || '').toLowerCase();
    if (hostHeader !== `127.0.0.1:${bound}` && hostHeader !== `localhost:${bound}`) return send(res, 421, 'Misdirected request\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n');
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/emulator.json') {
      return emulator ? send(res, 200, JSON.stringify(emulator), MIME['.json']) : send(res, 404, 'No emulator running\n');
    }
    const file = await resolveFile(root, pathname);
    if (!file) return send(res, 404, 'Not found\n');
    try {
      const body = await fs.readFile(file);
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 500, 'Read error\n');
    }
  });
  // Try the asked port, then the next ten, then any free one.
  const candidates = port === 0 ? [0] : [...Array.from({ length: 11 }, (_, i) => port + i), 0];
  for (const p of candidates) {
    try {
      bound = await listen(server, p, host);
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE') throw err;
    }
  }
  return {
    port: bound,
    url: `http://${host}:${bound}/`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function main() {
  const withEmulator = process.argv.includes('--emulator');
  let moto = null;
  let server = null;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    if (server || moto) console.log('\nStopping…');
    await server?.close();
    await moto?.stop();
    if (code === 0) console.log('Stopped: the server and the emulator are gone.');
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(0));

  try {
    if (withEmulator) {
      const { startMoto } = await import(pathToFileURL(path.join(repo, 'tests/support/moto.mjs')).href);
      process.stdout.write('Starting the local STS emulator (moto)… ');
      moto = await startMoto();
      console.log(`ready at ${moto.endpoint}`);
    }
    const port = process.env.PORT ? Number(process.env.PORT) : 8080;
    server = await startServer({ port, emulator: moto ? emulatorInfo(moto) : null });
    if (server.port !== port) console.log(`(port ${port} is busy; using ${server.port})`);
    console.log(`\n  Open ${server.url}\n`);
    if (moto) console.log('  The "Local emulator" preset has Bob\'s keys and example-role filled in: no AWS account needed.');
    // scripts/start.sh sets this: how long `npm start` took to get here (README: first-run figures).
    const began = Number(process.env.ARW_START_EPOCH_MS);
    if (began > 0) console.log(`  Ready ${((Date.now() - began) / 1000).toFixed(1)} s after \`npm start\` began.`);
    console.log('  Press Ctrl-C to stop.\n');
  } catch (err) {
    console.error(`serve: ${err.message}`);
    await stop(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
