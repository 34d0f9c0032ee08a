// axe-core (Deque's accessibility engine, from npm) over every state of the page: as loaded, empty,
// advanced options open, a result (each export tab), an error, each radio choice (target, sign-in
// method); at 1280px light and 390px dark. Rules:
// WCAG 2.0 A/AA, WCAG 2.1 AA and axe's best practices. Any violation fails, with its rule, impact and
// the elements it names.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startWorld, openPage } from './helpers.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];

/** Runs axe in the page (evaluated through the DevTools protocol, so the page's CSP, which refuses
 *  injected scripts, stays as it is) and returns its violations, one line each. */
async function violations(page) {
  const found = await page.evaluate(async ([source, tags]) => {
    if (!window.axe) (0, eval)(source);
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, [axeSource, TAGS]);
  return found.map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 5).join(', ')}`);
}

describe('axe-core', { timeout: 300000 }, () => {
  let world;
  before(async () => (world = await startWorld()));
  after(async () => world?.stop());

  const report = [];
  after(() => console.log(`axe-core (${TAGS.join(', ')}):\n${report.map((r) => `  ${r}`).join('\n')}`));

  for (const [colorScheme, width] of [['light', 1280], ['dark', 390]]) {
    it(`${colorScheme} ${width}px: loaded, advanced open, result (every tab), error, empty`, async () => {
      const { page, context } = await openPage(world, { colorScheme, width, height: 844 });
      const failures = [];
      const check = async (state) => {
        const v = await violations(page);
        report.push(`${colorScheme} ${width}px ${state}: ${v.length ? v.join('; ') : '0 violations'}`);
        if (v.length) failures.push(`${state}: ${v.join('; ')}`);
      };
      await check('loaded');
      await page.click('#advanced summary');
      await check('advanced open');
      await page.click('#assume');
      await page.waitForSelector('#result:not([hidden])');
      const tabs = await page.$$eval('#tabs [role="tab"]', (ts) => ts.map((t) => t.id));
      assert.ok(tabs.length > 0, 'the result has export tabs');
      for (const id of tabs) {
        await page.click(`#${id}`);
        await check(`result, tab ${id}`);
      }
      await page.click('#verify');
      await page.waitForSelector('#verify-result:not([hidden])');
      await check('result verified');
      await page.fill('#secretAccessKey', 'wrong'.repeat(8));
      await page.click('#whoami');
      await page.waitForSelector('#error:not([hidden])');
      await check('error');
      await page.click('#clear');
      await check('empty');
      // Every choice the form offers as a radio button (where to send, and how to sign in once the page
      // has more than one way) shows its own fields: each is a state of its own.
      for (const id of await page.$$eval('form input[type="radio"]:not([hidden])', (rs) => rs.filter((r) => r.offsetParent && r.id).map((r) => r.id))) {
        await page.check(`#${id}`);
        await check(`choice ${id}`);
      }
      await context.close();
      assert.deepEqual(failures, []);
    });
  }
});
