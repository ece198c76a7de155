// Responsive layout of the indicators module's pages (issue 17): the leaders' dashboard and its
// drill-down, the public scorecard, catalogue, an indicator and open data, the administrators'
// catalogue — at a 390 px phone and at 1280 px: no sideways scroll, a small header, no ISO dates
// shown, axe clean (tests/e2e/layout-checks.mjs). With the demo's year of past dossiers, so that
// the tables are full.
import { test } from 'node:test';
import { demoSite } from './browser.mjs';
import { LEADER } from './dossiers-journey.mjs';
import { checkPages as check, signedIn as signed } from './layout-checks.mjs';

const site = demoSite('e2e_responsive_indicators', { env: { TINHSO_DEMO_HISTORY_MONTHS: '12' } });
const checkPages = (...a) => check(site, ...a);
const signedIn = (...a) => signed(site, ...a);
const lastMonth = () => {
  const d = new Date(Date.now() + 7 * 3600e3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

test('the dashboard, the scorecard and the indicators fit a phone and a desktop, and pass axe', async () => {
  await checkPages('visitor', ['/scorecard', '/scorecard/province', '/indicators', '/indicators/DTI-HANG', '/open-data'], null);
  const province = await signedIn('province@demo.tinhso.vn');
  await checkPages('province leader', ['/dashboard', `/dashboard/HS-DUNG-HAN?period=${lastMonth()}`], province.state);
  const leader = await signedIn(LEADER);
  await checkPages('leader', ['/indicators/CDS-KY-SO'], leader.state);
  const admin = await signedIn('admin@demo.tinhso.vn');
  await checkPages('admin', ['/admin/indicators'], admin.state);
});
