// Responsive layout (issue 14 §3): the officer's and the specialist's main pages at a 390 px phone
// and at 1280 px (as responsive.test.mjs checks the public and citizen pages: no sideways scroll,
// a small header, radios and checkboxes on their label's line, axe clean), and the navigation
// folded behind a menu button that works without JavaScript below the menu breakpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage } from './browser.mjs';
import { OFFICER, SPECIALIST, path } from './dossiers-journey.mjs';
import { VIEWPORTS, checkPages as check, firstLink as first, signedIn as signed } from './layout-checks.mjs';

const site = demoSite('e2e_responsive_officers');
const checkPages = (...a) => check(site, ...a);
const firstLink = (...a) => first(site, ...a);
const signedIn = (...a) => signed(site, ...a);

test('the officer\'s pages fit a phone and a desktop, and pass axe', async () => {
  const { state, extra } = await signedIn(OFFICER, async (page) => [
    await firstLink(page, '/desk', /^\/desk\/dossiers\/[^/]+$/),
  ]);
  await checkPages('officer', ['/desk', '/desk/new', '/petitions/desk', '/petitions/desk/new', '/account', ...extra], state);
});

test('the specialist\'s pages fit a phone and a desktop, and pass axe', async () => {
  const { state, extra } = await signedIn(SPECIALIST, async (page) => [
    await firstLink(page, '/work', /^\/work\/dossiers\/[^/]+$/),
  ]);
  await checkPages('specialist', ['/work', '/account', ...extra], state);
});

test('on a phone the navigation folds behind a menu button that works without JavaScript', async () => {
  const { context, page } = await newPage(site.browser, { viewport: VIEWPORTS[0], javaScriptEnabled: false });
  try {
    await page.goto(`${site.base}/`);
    const nav = page.getByRole('navigation').first().locator('.nav');
    assert.equal(await nav.isVisible(), false, 'the navigation is folded on a phone');
    const menu = page.locator('.menu > summary');
    assert.ok(await menu.isVisible(), 'the menu button shows on a phone');
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header.height < 844 / 3, `the header takes less than a third of the first screen: ${header.height}px`);
    await menu.click();
    assert.ok(await nav.isVisible(), 'the menu button opens the navigation');
    await page.getByRole('link', { name: 'Giới thiệu' }).first().click();
    await page.waitForLoadState();
    assert.equal(path(page), '/about');
  } finally {
    await context.close();
  }
  const wide = await newPage(site.browser, { viewport: VIEWPORTS[1] });
  try {
    await wide.page.goto(`${site.base}/`);
    assert.equal(await wide.page.locator('.menu > summary').isVisible(), false, 'no menu button on a desktop');
    assert.ok(await wide.page.locator('.site-header .nav').first().isVisible(), 'the navigation shows on a desktop');
  } finally {
    await wide.context.close();
  }
});
