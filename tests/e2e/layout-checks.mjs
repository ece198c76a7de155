// The layout checks of the responsive tests (issue 14 §2, §3, §4): every page at a 390 px phone and
// at 1280 px must not scroll sideways, keep the header small, keep each radio and checkbox on its
// label's line, show no date in ISO form, and pass axe. Used by responsive*.test.mjs, each with its own demo site.
import assert from 'node:assert/strict';
import { newPage, assertAccessible } from './browser.mjs';
import { signIn } from './dossiers-journey.mjs';

export const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];

// The first link in <main> whose path matches `re`, for pages reached from a list.
export async function firstLink(site, page, listPath, re) {
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
    // Issue 14 §4: no date or time reaches a person in ISO form ("2026-12-04", "2026-12-04T19:17:45Z"):
    // the visible text only (form values and <time datetime> are for machines), leaving out
    // [data-raw] cells: a record's own stored words, such as an audit record's summaries.
    let visible = document.body.innerText;
    for (const raw of document.querySelectorAll('[data-raw]')) {
      const words = raw.innerText.trim();
      if (words) visible = visible.split(words).join(' ');
    }
    const iso = [...new Set(visible.match(/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?\b/g) || [])];
    return { iso, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
      height: document.documentElement.scrollHeight, header: document.querySelector('.site-header').getBoundingClientRect().height, off, wide };
  });
}

// Visits `paths` at both viewports in contexts carrying `storageState`; fails with every page's
// problem listed at once.
export async function checkPages(site, role, paths, storageState) {
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
        if (m.iso.length) failures.push(`${role} ${p} at ${viewport.width}px shows ISO dates: ${m.iso.slice(0, 5).join(', ')}`);
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
export async function signedIn(site, email, find) {
  const { context, page } = await newPage(site.browser);
  try {
    await signIn(site.base, page, email);
    const extra = find ? await find(page) : [];
    return { state: await context.storageState(), extra };
  } finally {
    await context.close();
  }
}

