// Responsive layout of the leaders' and administrator's pages (issue 14 §2, §3; the inspector's
// and auditor's: responsive-inspection.test.mjs; the dashboard, scorecard and indicators:
// responsive-indicators.test.mjs; the public, citizen, officer and specialist
// pages: responsive.test.mjs, responsive-officers.test.mjs): at a 390 px
// phone and at 1280 px, no sideways scroll, a small header, radios and checkboxes on their
// label's line, axe clean (tests/e2e/layout-checks.mjs).
import { test } from 'node:test';
import { demoSite } from './browser.mjs';
import { LEADER } from './dossiers-journey.mjs';
import { checkPages as check, signedIn as signed } from './layout-checks.mjs';

const site = demoSite('e2e_responsive_staff');
const checkPages = (...a) => check(site, ...a);
const signedIn = (...a) => signed(site, ...a);

test('the leader\'s and the administrator\'s pages fit a phone and a desktop, and pass axe', async () => {
  const leader = await signedIn(LEADER);
  await checkPages('leader', ['/', '/overview', '/work', '/statistics/dossiers', '/account'], leader.state);
  const province = await signedIn('province@demo.tinhso.vn');
  await checkPages('province leader', ['/overview'], province.state);
  const admin = await signedIn('admin@demo.tinhso.vn');
  await checkPages('admin', ['/admin', '/admin/accounts', '/admin/agencies', '/admin/units', '/admin/procedures', '/admin/calendar',
    '/admin/open311', '/design'], admin.state);
});
