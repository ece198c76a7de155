// Responsive layout (issue 14 §3, §2 radios and checkboxes): the main pages of each role — public
// pages anonymously and the demo citizen signed in here (the officer, the specialist and the
// folded menu: responsive-officers.test.mjs; the other roles: responsive-staff.test.mjs and
// responsive-inspection.test.mjs; one file per ≈ minute of browser work) — at a 390 px phone
// and at 1280 px. Each page must not scroll sideways (document width within the viewport), the
// header must stay one line on a desktop and small on a phone, every
// radio and checkbox must sit on the line of its label, and axe must be clean. Below the menu
// breakpoint the navigation is folded behind a menu button that works without JavaScript.
// One browser; per role one context per viewport (the phone context reuses the signed-in state).
import { test } from 'node:test';
import { demoSite, newPage } from './browser.mjs';
import { CITIZEN } from './dossiers-journey.mjs';
import { checkPages as check, firstLink as first, signedIn as signed } from './layout-checks.mjs';

const site = demoSite('e2e_responsive');
const checkPages = (...a) => check(site, ...a);
const firstLink = (...a) => first(site, ...a);
const signedIn = (...a) => signed(site, ...a);

test('public pages fit a phone and a desktop, with choices on their labels\' line, and pass axe', async () => {
  const { context, page } = await newPage(site.browser);
  let procedure;
  try { procedure = await firstLink(page, '/procedures', /^\/procedures\/[^/]+$/); } finally { await context.close(); }
  await checkPages('public', ['/', '/about', '/procedures', procedure, '/lookup', '/statistics/dossiers', '/calendar',
    '/calendar/deadline', '/city-reports', '/petitions/new', '/login', '/register', '/password/forgot'], null);
});

test('the citizen\'s pages fit a phone and a desktop, and pass axe', async () => {
  const { state, extra } = await signedIn(CITIZEN, async (page) => [
    await firstLink(page, '/dossiers/mine', /^\/dossiers\/[^/]+$/),
    await firstLink(page, '/petitions/mine', /^\/petitions\/(?!new$|mine$|desk$)[^/]+$/),
  ]);
  await checkPages('citizen', ['/account', '/dossiers/mine', '/petitions/mine', '/account/sessions', ...extra], state);
});
