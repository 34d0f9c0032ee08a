// `npm start` (scripts/start.sh): prints the URL, serves the page and the emulator preset,
// falls back from a busy PORT, and on Ctrl-C (SIGINT) stops moto and exits — no strays.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import { repo } from './helpers.mjs';

/** pids of moto_server.py processes whose parent is `ppid`. */
function motoChildren(ppid) {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/)).filter(([, pp, ...a]) => Number(pp) === ppid && a.join(' ').includes('moto_server')).map(([p]) => Number(p));
}
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', { timeout: 600000 }, () => {
  it('serves page + emulator on 127.0.0.1, falls back from a busy port, stops cleanly on SIGINT', async () => {
    // Hold a port so start.sh has to fall back from it.
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const busy = blocker.address().port;
    const child = spawn('bash', ['scripts/start.sh'], { cwd: repo, env: { ...process.env, PORT: String(busy) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    try {
      const url = await new Promise((resolve, reject) => {
        const t = setInterval(() => {
          const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) { clearInterval(t); resolve(m[1]); }
          if (child.exitCode !== null) { clearInterval(t); reject(new Error(`start.sh exited: ${out}`)); }
        }, 200);
      });
      assert.notEqual(new URL(url).port, String(busy));
      assert.match(out, new RegExp(`port ${busy} is busy`));
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Assume an IAM role/);
      const emu = await (await fetch(new URL('emulator.json', url))).json();
      assert.match(emu.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      // moto answers (its CORS middleware takes preflights), and it's a child of the node server.
      assert.equal((await fetch(emu.endpoint + '/', { method: 'OPTIONS' })).status, 204);
      const motos = motoChildren(child.pid); // start.sh exec'd node, so node has bash's pid
      assert.equal(motos.length, 1, `one moto child of ${child.pid}`);

      child.kill('SIGINT');
      const { code } = await exited;
      assert.equal(code, 0, out);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(motos.filter(alive), [], 'moto is gone');
      await assert.rejects(fetch(emu.endpoint + '/', { method: 'OPTIONS' }));
      await assert.rejects(fetch(url));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      blocker.close();
    }
  });
});
