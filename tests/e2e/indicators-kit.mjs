// Shared by the indicators browser tests (indicators.test.mjs, indicators-drill.test.mjs): a demo
// site with its year of past dossiers, signed-in actors, visits checked with axe, and the months
// and numbers the pages show.
import assert from 'node:assert/strict';
import { demoSite, newPage, assertAccessible } from './browser.mjs';
import { clickAndWait, signIn } from './dossiers-journey.mjs';
import { DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

// "YYYY-MM" of the month `back` months before this one in Viet Nam (UTC+7).
export const monthBack = (back) => {
  const d = new Date(Date.now() + 7 * 3600e3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};
// A number as the Vietnamese pages print it ("1.234,5 %").
export const number = (text) => Number(String(text).replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

export function indicatorsSite(name) {
  const site = demoSite(name, { env: { TINHSO_DEMO_HISTORY_MONTHS: '12' } });
  return {
    site,
    // A new page signed in as the demo account of `role`.
    async actor(role, javaScriptEnabled) {
      const a = await newPage(site.browser, { javaScriptEnabled, acceptDownloads: true });
      await signIn(site.base, a.page, ROLES[role]);
      return a;
    },
    // Opens `where` (a path, or a locator to click), expects a 200 and checks the page with axe.
    async visit(page, where, what) {
      const res = typeof where === 'string' ? await page.goto(`${site.base}${where}`) : await clickAndWait(page, where);
      assert.equal(res?.status(), 200, `${what}: HTTP ${res?.status()} at ${page.url()}`);
      await assertAccessible(page, what);
    },
  };
}
