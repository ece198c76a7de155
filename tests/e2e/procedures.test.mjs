// Browser tests of the public procedure catalogue (issue 5 §1, issue 14 §5) in Debian's Chromium,
// with JavaScript on and off (the pages have none: the search is a plain GET form), and axe on
// each page (no serious or critical violation): the navigation → the list → a search without
// accents → the detail page with its start button, conditions, place and hours, documents and
// legal basis (no internal steps); on a 390 px phone and at 1280 px the start button is in the
// first screen and nothing scrolls sideways (the list also at 320 px); a form template downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage as openPage, assertAccessible } from './browser.mjs';
import { checkPages, signedIn } from './layout-checks.mjs';

const site = demoSite('e2e_procedures');

for (const javaScriptEnabled of [true, false]) {
  const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`catalogue: navigation → list → search "khai sinh" → detail page (${mode})`, async () => {
    const { context, page, problems } = await openPage(site.browser, { javaScriptEnabled });
    try {
      await page.goto(`${site.base}/`);
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thủ tục' }).click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/procedures');
      assert.ok(await page.getByRole('table', { name: 'Danh sách thủ tục' }).getByRole('row').count() > 10);
      await assertAccessible(page, `the procedure list (${mode})`);

      await page.getByLabel('Từ khóa').fill('khai sinh');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).searchParams.get('q'), 'khai sinh');
      await page.getByRole('status').filter({ hasText: /Tìm thấy \d+ thủ tục/ }).waitFor();
      const link = page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true });
      await assertAccessible(page, `the search result (${mode})`);
      await link.click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/procedures/HT-KS');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Đăng ký khai sinh');
      for (const heading of ['Thành phần hồ sơ', 'Điều kiện thực hiện', 'Nơi tiếp nhận và giờ làm việc'])
        assert.ok(await page.getByRole('heading', { name: heading }).isVisible(), heading);
      assert.equal(await page.getByRole('heading', { name: 'Trình tự giải quyết' }).count(), 0, 'no internal steps');
      assert.match(await page.locator('main').innerText(), /Luật Hộ tịch 60\/2014\/QH13/);
      const apply = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' });
      assert.equal(await apply.getAttribute('href'), '/dossiers/new?procedure=HT-KS');
      await assertAccessible(page, `the detail page (${mode})`);

      // Filters by field and level narrow the list.
      await page.goto(`${site.base}/procedures`);
      await page.getByLabel('Lĩnh vực').selectOption('Hộ tịch');
      await page.getByLabel('Cấp thực hiện').selectOption('commune');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.waitForLoadState();
      const fields = await page.getByRole('table', { name: 'Danh sách thủ tục' }).locator('tbody tr td:nth-child(3)').allInnerTexts();
      assert.ok(fields.length >= 5 && fields.every((f) => f === 'Hộ tịch'), fields.join(', '));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('catalogue in English: the English name and labels', async () => {
  const { context, page, problems } = await openPage(site.browser, { locale: 'en-GB' });
  try {
    await page.goto(`${site.base}/procedures/HT-KS`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Birth registration');
    assert.ok(await page.getByRole('link', { name: 'Apply online' }).isVisible());
    await assertAccessible(page, 'the detail page in English');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// Width of the document against the viewport, naming the outermost elements that reach past it.
const overflow = (page) => page.evaluate(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5
      && !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5))
    .slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`),
}));

async function assertNoSidewaysScroll(page, label) {
  const m = await overflow(page);
  assert.ok(m.scrollWidth <= m.innerWidth, `${label} scrolls sideways: ${m.scrollWidth} > ${m.innerWidth} (${m.wide.join('; ')})`);
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
  test(`the start button in the first screen, nothing sideways, axe clean (${viewport.width} px)`, async () => {
    const { context, page, problems } = await openPage(site.browser, { viewport, acceptDownloads: true });
    try {
      await page.goto(`${site.base}/procedures/HT-KS`);
      const start = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' });
      assert.equal(await start.getAttribute('class'), 'button start');
      const box = await start.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height,
        `the start button is in the first screen: ${JSON.stringify(box)} in ${viewport.height} px`);
      await assertNoSidewaysScroll(page, `/procedures/HT-KS at ${viewport.width} px`);
      await assertAccessible(page, `the procedure page at ${viewport.width} px`);

      // The form template downloads as a PDF file.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Tải mẫu \(PDF, \d+ KB\)/ }).first().click(),
      ]);
      assert.equal(download.suggestedFilename(), 'HT-KS-mau-1.pdf');

      // Without online submission: where to go, in the first screen, and no start button.
      await page.goto(`${site.base}/procedures/HT-KH`);
      assert.equal(await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).count(), 0);
      const notice = page.getByRole('note').filter({ hasText: 'không nhận hồ sơ trực tuyến' });
      const nb = await notice.boundingBox();
      assert.ok(nb && nb.y + nb.height <= viewport.height, `the in-person notice is in the first screen: ${JSON.stringify(nb)}`);
      await assertNoSidewaysScroll(page, `/procedures/HT-KH at ${viewport.width} px`);
      await assertAccessible(page, `a procedure without online submission at ${viewport.width} px`);

      await page.goto(`${site.base}/procedures?q=dang+ky`);
      await assertNoSidewaysScroll(page, `/procedures at ${viewport.width} px`);
      await assertAccessible(page, `the procedure list at ${viewport.width} px`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('the list at 320 px: each row a card with its labels, nothing sideways', async () => {
  const { context, page, problems } = await openPage(site.browser, { viewport: { width: 320, height: 640 } });
  try {
    for (const path of ['/procedures', '/procedures?field=H%E1%BB%99+t%E1%BB%8Bch', '/procedures/DD-DKLD']) {
      await page.goto(`${site.base}${path}`);
      await assertNoSidewaysScroll(page, `${path} at 320 px`);
    }
    await page.goto(`${site.base}/procedures`);
    const cells = page.locator('table tbody tr:first-child > :not(:first-child)');
    const labels = await cells.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-label')));
    assert.ok(labels.length >= 6 && labels.every(Boolean), `every cell but the first is labelled: ${labels}`);
    assert.equal(await page.locator('table thead').evaluate((h) => h.getBoundingClientRect().height <= 1), true,
      'the header row is hidden: each row reads as a card');
    await assertAccessible(page, 'the procedure list at 320 px');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the administrators\' procedure pages (form with its template uploads, import) fit a phone and a desktop, and pass axe', async () => {
  const admin = await signedIn(site, 'admin@demo.tinhso.vn');
  await checkPages(site, 'admin', ['/admin/procedures/HT-KS', '/admin/procedures/new', '/admin/procedures/import'], admin.state);
});
