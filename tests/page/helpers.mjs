// Shared setup for the browser tests: moto (auth enforced) + scripts/serve.mjs serving www/ with
// the emulator preset, and Debian's headless Chromium driven by playwright-core.

import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startMoto } from '../support/moto.mjs';
import { startServer, emulatorInfo } from '../../scripts/serve.mjs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shots = path.join(repo, 'test-output/screenshots');

const CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** moto + the page server + a browser. `emulator: false` serves the page like a static host. */
export async function startWorld({ emulator = true } = {}) {
  const moto = await startMoto();
  const server = await startServer({ port: 0, emulator: emulator ? emulatorInfo(moto) : null });
  const browser = await launchBrowser();
  return {
    moto, server, browser,
    async stop() {
      await browser.close();
      await server.close();
      await moto.stop();
    },
  };
}

/**
 * A fresh page (own context: no shared storage) that records every request URL.
 * Returns { page, context, requests } once the signer is loaded.
 */
export async function openPage(world, { url = world.server.url, colorScheme = 'light', width = 1280, height = 900, waitReady = true } = {}) {
  const context = await world.browser.newContext({ colorScheme, viewport: { width, height } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(world.server.url).origin });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  if (waitReady) await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  return { page, context, requests, errors };
}

export async function screenshot(page, name) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Clicks a Copy button and returns what landed on the real clipboard. */
export async function copyFrom(page, preId) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click(`button.copy[data-copy="${preId}"]`);
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '');
  return page.evaluate(() => navigator.clipboard.readText());
}
