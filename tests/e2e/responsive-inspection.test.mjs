// Responsive layout of the inspector's and auditor's pages (issue 14 §2, §3; as
// responsive-staff.test.mjs for the leaders and the administrator): at a 390 px phone and at
// 1280 px, no sideways scroll, a small header, radios and checkboxes on their label's line, axe
// clean (tests/e2e/layout-checks.mjs).
import { test } from 'node:test';
import { demoSite } from './browser.mjs';
import { checkPages as check, firstLink as first, signedIn as signed } from './layout-checks.mjs';

const site = demoSite('e2e_responsive_inspection');
const checkPages = (...a) => check(site, ...a);
const firstLink = (...a) => first(site, ...a);
const signedIn = (...a) => signed(site, ...a);

test('the inspector\'s and the auditor\'s pages fit a phone and a desktop, and pass axe', async () => {
  const inspector = await signedIn('inspector@demo.tinhso.vn', async (page) => [
    await firstLink(page, '/petitions/desk', /^\/petitions\/desk\/[0-9]+$/),
  ]);
  await checkPages('inspector', ['/petitions/desk', '/account', ...inspector.extra], inspector.state);
  const auditor = await signedIn('auditor@demo.tinhso.vn');
  await checkPages('auditor', ['/audit', '/security', '/account'], auditor.state);
});

