// Browser tests: Debian's Chromium driven by playwright-core against the real tinhso binary on
// SQLite. Pages are checked with axe (no serious or critical violation), the home page for console
// errors and CSP violations, and the language switch with and without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { demoSite, newPage as openPage, assertAccessible } from './browser.mjs';
import { createDatabase } from '../lib/db.mjs';
import { startServer, ROOT } from '../lib/server.mjs';

const shotPath = (name) => (process.env.UPDATE_SCREENSHOT === '1'
  ? join(ROOT, 'docs', name)
  : join(ROOT, 'build', 'e2e', name));
const SCREENSHOT = shotPath('screenshot-home.png');

const site = demoSite('e2e');

const newPage = (opts) => openPage(site.browser, opts);

const lang = (page) => page.evaluate(() => document.documentElement.lang);
const h1 = (page) => page.locator('h1').first().innerText();

test('home page renders in Vietnamese, styled, with no console errors or CSP violations', async () => {
  const { context, page, problems } = await newPage();
  try {
    const res = await page.goto(`${site.base}/`);
    assert.equal(res.status(), 200);
    assert.equal(await lang(page), 'vi');
    assert.equal(await h1(page), 'Cổng dịch vụ số tỉnh Phú Thọ');
    assert.match(await page.title(), /^Trang chủ · Cổng dịch vụ số tỉnh Phú Thọ$/);
    assert.ok((await page.locator('main').innerText()).includes('Người dân và doanh nghiệp'));
    // The stylesheet loaded under the CSP: the header has the brand colour.
    const bg = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(161, 18, 27)');
    const csp = res.headers()['content-security-policy'];
    assert.match(csp, /frame-ancestors 'none'/);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
    await assertAccessible(page, 'the home page (vi)');
  } finally {
    await context.close();
  }
});

// The README screenshot: written to docs/ only with UPDATE_SCREENSHOT=1, so that a test run
// leaves the work tree clean; otherwise to the build directory.
test('screenshot of the home page for the README (1280x800)', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(`${site.base}/`);
    await page.waitForLoadState('networkidle');
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    assert.ok(statSync(SCREENSHOT).size > 10_000, 'the screenshot has content');
  } finally {
    await context.close();
  }
});

test('screenshot of the home page on a phone for the README (390x844, menu folded)', async () => {
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${site.base}/`);
    await page.waitForLoadState('networkidle');
    const file = shotPath('screenshot-home-phone.png');
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    assert.ok(statSync(file).size > 10_000, 'the screenshot has content');
  } finally {
    await context.close();
  }
});

test('screenshot of the city-reports page with its map for the README (1280x900)', async () => {
  const { context, page } = await newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${site.base}/city-reports`);
    await page.waitForLoadState('networkidle');
    await page.locator('#city-map svg').waitFor();
    const file = shotPath('screenshot-city-reports.png');
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    assert.ok(statSync(file).size > 10_000, 'the screenshot has content');
  } finally {
    await context.close();
  }
});

test('English visitors get English pages, and they pass axe too', async () => {
  const { context, page, problems } = await newPage({ locale: 'en-US' });
  try {
    await page.goto(`${site.base}/`);
    assert.equal(await lang(page), 'en');
    assert.equal(await h1(page), 'Phú Thọ Digital Services Portal');
    await assertAccessible(page, 'the home page (en)');
    await page.goto(`${site.base}/about`);
    assert.equal(await lang(page), 'en');
    await assertAccessible(page, 'the about page (en)');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the about page passes axe', async () => {
  const { context, page, problems } = await newPage();
  try {
    const res = await page.goto(`${site.base}/about`);
    assert.equal(res.status(), 200);
    assert.equal(await h1(page), 'Giới thiệu');
    await assertAccessible(page, 'the about page (vi)');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('keyboard: the first Tab shows the skip link, and Enter moves on to the main content', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(`${site.base}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      cls: document.activeElement?.className,
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute('href'),
    }));
    assert.deepEqual(focused, { cls: 'skip', text: 'Bỏ qua, đến nội dung chính', href: '#main' });
    const box = await page.locator('a.skip').boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280, `the focused skip link is on screen: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.location.hash === '#main', null, { timeout: 5000 }).catch(() => {});
    assert.equal(new URL(page.url()).hash, '#main');
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
    assert.ok(inMain, 'the next Tab lands inside <main>, past the header and navigation');
  } finally {
    await context.close();
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`the language button switches to English and back, and the choice persists across pages (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const { context, page } = await newPage({ javaScriptEnabled });
    const posts = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST') posts.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    try {
      await page.goto(`${site.base}/`);
      assert.equal(await lang(page), 'vi');
      await page.getByRole('button', { name: 'English' }).click();
      await page.waitForLoadState();
      assert.equal(await lang(page), 'en', `after clicking English (POST responses: ${posts.join(', ')}; at ${page.url()})`);
      assert.equal(new URL(page.url()).pathname, '/');
      assert.deepEqual(posts, ['303 /lang']);
      assert.equal(await h1(page), 'Phú Thọ Digital Services Portal');

      const cookie = (await context.cookies()).find((c) => c.name === 'lang');
      assert.ok(cookie, 'lang cookie set');
      assert.equal(cookie.value, 'en');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.ok(cookie.expires > Date.now() / 1000 + 300 * 24 * 3600, 'remembered for about a year');

      // Persists: another page, a fresh load.
      await page.getByRole('link', { name: 'About' }).first().click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/about');
      assert.equal(await lang(page), 'en');

      // And back to Vietnamese, staying on the same page.
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/about');
      assert.equal(await lang(page), 'vi');
      assert.equal(await h1(page), 'Giới thiệu');
      await page.goto(`${site.base}/`);
      assert.equal(await lang(page), 'vi');
    } finally {
      await context.close();
    }
  });
}

test('the 404 page is in Vietnamese, leads home, and passes axe', async () => {
  const { context, page } = await newPage();
  try {
    const res = await page.goto(`${site.base}/khong-co-trang-nay`);
    assert.equal(res.status(), 404);
    assert.equal(await lang(page), 'vi');
    assert.equal(await h1(page), 'Không tìm thấy trang');
    await assertAccessible(page, 'the 404 page');
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await page.waitForLoadState();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await h1(page), 'Cổng dịch vụ số tỉnh Phú Thọ');
  } finally {
    await context.close();
  }
});

test('a form on another site posting to /lang gets the 403 page that explains why, and no cookie', async () => {
  // The "other site": a tiny page on another port with a form that posts to tinhso.
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Prize</title></head><body><main>
      <form method="post" action="${site.base}/lang"><input type="hidden" name="lang" value="en">
      <input type="hidden" name="next" value="/"><button type="submit">Claim your prize</button></form></main></body></html>`);
  });
  await new Promise((r) => evil.listen(0, '127.0.0.1', r));
  const { context, page } = await newPage();
  try {
    await page.goto(`http://127.0.0.1:${evil.address().port}/`);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${site.base}/lang`),
      page.getByRole('button', { name: 'Claim your prize' }).click(),
    ]);
    await page.waitForLoadState();
    assert.equal(res.status(), 403, `the cross-site POST got ${res.status()}`);
    assert.equal(await lang(page), 'vi');
    assert.equal(await h1(page), 'Không có quyền truy cập');
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('Yêu cầu này được gửi từ một trang web khác nên đã bị chặn để bảo vệ bạn.'), text);
    assert.equal((await context.cookies()).find((c) => c.name === 'lang'), undefined, 'no language cookie set');
    await assertAccessible(page, 'the 403 page');
  } finally {
    await context.close();
    await new Promise((r) => evil.close(r));
  }
});

test('the 500 page shows the request id, nothing internal, and passes axe', async () => {
  const db500 = await createDatabase('e2e_500');
  const srv500 = await startServer({ db: db500, mode: 'demo' });
  const { context, page } = await newPage();
  try {
    await db500.exec('DROP TABLE site_settings');
    const res = await page.goto(`${srv500.url}/`);
    assert.equal(res.status(), 500);
    const id = res.headers()['x-request-id'];
    assert.equal(await lang(page), 'vi');
    assert.equal(await h1(page), 'Đã có lỗi xảy ra');
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(id), `the page shows request id ${id}`);
    assert.equal(await page.locator('code').innerText(), id);
    assert.ok(!/site_settings|no such table|sqlite|exception/i.test(await page.content()), 'nothing internal on the page');
    await assertAccessible(page, 'the 500 page');
  } finally {
    await context.close();
    await srv500.stop();
    await db500.drop();
  }
});
