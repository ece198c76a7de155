// Responsive layout (issue 14 §3, §2 radios and checkboxes): the main pages of each role — public
// pages anonymously, then the demo citizen, officer, specialist, leader and administrator signed in — at a 390 px phone
// and at 1280 px. Each page must not scroll sideways (document width within the viewport), the
// header must stay one line on a desktop and small on a phone, every
// radio and checkbox must sit on the line of its label, and axe must be clean. Below the menu
// breakpoint the navigation is folded behind a menu button that works without JavaScript.
// One browser; per role one context per viewport (the phone context reuses the signed-in state).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage, assertAccessible } from './browser.mjs';
import { CITIZEN, OFFICER, SPECIALIST, LEADER, path, signIn } from './dossiers-journey.mjs';

const site = demoSite('e2e_responsive');
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];


// The first link in <main> whose path matches `re`, for pages reached from a list.
async function firstLink(page, listPath, re) {
  await page.goto(`${site.base}${listPath}`);
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => re.test(h.split('?')[0]));
  assert.ok(href, `${listPath} links to a page matching ${re}: ${hrefs.join(' ')}`);
  return href;
}

// Document width, and the radios/checkboxes whose label box does not overlap them vertically.
async function measure(page) {
  return page.evaluate(() => {
    const off = [];
    for (const input of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
      const lab = input.labels?.[0];
      const a = input.getBoundingClientRect();
      if (!lab) { off.push(`${input.name || input.id}: no label`); continue; }
      // The label's first line: a label that wraps still starts on the input's line.
      const r = lab.getClientRects()[0] ?? lab.getBoundingClientRect();
      if (a.height === 0 && a.width === 0) continue;  // not rendered (e.g. inside a closed <details>)
      if (!(a.top < r.bottom && r.top < a.bottom)) off.push(`${input.name || input.id} (${Math.round(a.top)}) vs "${lab.textContent.trim().slice(0, 30)}" (${Math.round(r.top)})`);
    }
    // The outermost elements reaching past the viewport, to name in a failure.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5
        && !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> to ${Math.round(e.getBoundingClientRect().right)}px`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
      height: document.documentElement.scrollHeight, header: document.querySelector('.site-header').getBoundingClientRect().height, off, wide };
  });
}

// Visits `paths` at both viewports in contexts carrying `storageState`; fails with every page's
// problem listed at once.
async function checkPages(role, paths, storageState) {
  const failures = [];
  for (const viewport of VIEWPORTS) {
    const { context, page } = await newPage(site.browser, { viewport });
    if (storageState) await context.addCookies(storageState.cookies);
    try {
      for (const p of paths) {
        const res = await page.goto(`${site.base}${p}`);
        assert.ok(res.status() < 400, `${role} ${p}: HTTP ${res.status()}`);
        const m = await measure(page);
        console.log(`${role} ${viewport.width}px ${p}: width ${m.scrollWidth}, height ${m.height}, header ${Math.round(m.header)}`);
        if (m.scrollWidth > m.innerWidth) failures.push(`${role} ${p} at ${viewport.width}px scrolls sideways: ${m.scrollWidth}px (${m.wide.join('; ')})`);
        // One header line on a desktop; on a phone the folded header leaves most of the first screen.
        const most = viewport.width >= 1280 ? 80 : viewport.height / 4;
        if (m.header > most) failures.push(`${role} ${p} at ${viewport.width}px: the header is ${Math.round(m.header)}px tall (at most ${most})`);
        if (m.off.length) failures.push(`${role} ${p} at ${viewport.width}px: off their label's line: ${m.off.join('; ')}`);
        try {
          await assertAccessible(page, `${role} ${p} at ${viewport.width}px`);
        } catch (e) { failures.push(e.message); }
      }
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(failures, []);
}

// Signs `email` in at 1280 px and returns the session state plus the paths found from its lists.
async function signedIn(email, find) {
  const { context, page } = await newPage(site.browser);
  try {
    await signIn(site.base, page, email);
    const extra = find ? await find(page) : [];
    return { state: await context.storageState(), extra };
  } finally {
    await context.close();
  }
}

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

test('the leader\'s and the administrator\'s pages fit a phone and a desktop, and pass axe', async () => {
  const leader = await signedIn(LEADER);
  await checkPages('leader', ['/', '/work', '/statistics/dossiers', '/account'], leader.state);
  const admin = await signedIn('admin@demo.tinhso.vn');
  await checkPages('admin', ['/admin/accounts', '/admin/agencies', '/admin/units', '/admin/procedures', '/admin/calendar',
    '/admin/open311', '/design'], admin.state);
});

test('the inspector\'s and the auditor\'s pages fit a phone and a desktop, and pass axe', async () => {
  const inspector = await signedIn('inspector@demo.tinhso.vn', async (page) => [
    await firstLink(page, '/petitions/desk', /^\/petitions\/desk\/[0-9]+$/),
  ]);
  await checkPages('inspector', ['/petitions/desk', '/account', ...inspector.extra], inspector.state);
  const auditor = await signedIn('auditor@demo.tinhso.vn');
  await checkPages('auditor', ['/audit', '/security', '/account'], auditor.state);
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
