// Browser tests of the public procedure catalogue (issue 5 §1) in Debian's Chromium, with
// JavaScript on and off (the pages have none: the search is a plain GET form), and axe on each
// page (no serious or critical violation): the navigation → the list → a search without accents
// → the detail page with its documents, steps, legal basis and the link to apply online.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage as openPage, assertAccessible } from './browser.mjs';

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
      assert.ok(await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).isVisible());
      assert.ok(await page.getByRole('heading', { name: 'Trình tự giải quyết' }).isVisible());
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
