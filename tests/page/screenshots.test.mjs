// Screenshots of the page's states (empty, filled, result, error) at phone (390px) and desktop
// (1280px) widths in light and dark, into test-output/screenshots/ — for a human to look at.
// Each shot also asserts the layout doesn't overflow sideways (the classic phone bug).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, openPage, screenshot } from './helpers.mjs';

describe('screenshots', { timeout: 300000 }, () => {
  let world;
  before(async () => (world = await startWorld()));
  after(async () => world?.stop());

  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      it(`${colorScheme} ${width}px: filled, result, empty, error`, async () => {
        const { page, context } = await openPage(world, { colorScheme, width, height: 844 });
        const shot = async (state) => {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${state}: page is ${overflow}px wider than the viewport`);
          await screenshot(page, `${state}-${colorScheme}-${width}`);
        };
        await page.click('#advanced summary');
        await page.fill('#externalId', 'partner-7f3a');
        await page.fill('#tags', 'team=platform\nticket=OPS-1234');
        await page.fill('#transitiveTagKeys', 'team');
        await page.fill('#sourceIdentity', 'bob');
        await shot('filled');
        await page.click('#assume');
        await page.waitForSelector('#result:not([hidden])');
        await page.click('#tab-credentials');
        await shot('result');
        await page.click('#clear');
        await shot('empty');
        await page.fill('#accessKeyId', world.moto.bob.accessKeyId);
        await page.fill('#secretAccessKey', 'wrong'.repeat(8));
        await page.click('#whoami');
        await page.waitForSelector('#error:not([hidden])');
        await shot('error');
        await context.close();
      });
    }
  }
});
