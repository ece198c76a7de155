// Browser tests of the public calendar (issue 4): the month view and the deadline calculator in
// Debian's Chromium, with JavaScript on and off (the pages have none: forms are plain GETs), and
// axe on each page (no serious or critical violation). axe runs inside the page, so it checks the
// pages of the JavaScript-on pass; the pages are the same bytes either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage as openPage, assertAccessible } from './browser.mjs';


const site = demoSite('e2e_calendar');

const newPage = (opts = {}) => openPage(site.browser, { viewport: { width: 1280, height: 900 }, ...opts });

for (const javaScriptEnabled of [true, false]) {
  const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`month view: from the home page, Tết 2026 with lunar dates, month picker and paging (${mode})`, async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled });
    try {
      await page.goto(`${site.base}/`);
      await page.locator('main').getByRole('link', { name: /^Lịch âm dương/ }).click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/calendar');
      assert.equal(await page.locator('td[aria-current="date"]').count(), 1, 'today is marked');
      await assertAccessible(page, `the current month (${mode})`);

      // The picker: February 2026.
      await page.getByLabel('Tháng', { exact: true }).selectOption('2');
      await page.getByLabel('Năm', { exact: true }).fill('2026');
      await page.getByRole('button', { name: 'Xem' }).click();
      await page.waitForLoadState();
      const table = page.getByRole('table', { name: /Tháng 2 năm 2026/ });
      assert.match(await table.locator('caption').innerText(), /năm Ất Tỵ và năm Bính Ngọ/);
      const tet = table.locator('td', { has: page.locator('.solar', { hasText: /^17$/ }) });
      const tetText = await tet.innerText();
      assert.match(tetText, /1\/1/);
      assert.match(tetText, /năm Bính Ngọ/);
      assert.match(tetText, /Nghỉ: Tết Nguyên đán/);
      assert.equal(await table.getByRole('columnheader').count(), 7);
      await assertAccessible(page, `February 2026 (${mode})`);

      // Paging back to January shows the Saturday worked.
      await page.getByRole('link', { name: /Tháng 1 năm 2026/ }).click();
      await page.waitForLoadState();
      assert.match(await page.locator('main').innerText(), /Thứ Bảy, 10\/01\/2026: Làm bù: Hoán đổi ngày làm việc/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test(`deadline calculator: across Tết with the 15:00 cut-off, errors, English (${mode})`, async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled });
    try {
      await page.goto(`${site.base}/calendar?month=2026-02`);
      await page.getByLabel('Ngày tiếp nhận').fill('2026-02-13');
      await page.getByLabel('Giờ tiếp nhận (không bắt buộc)').fill('16:30');
      await page.getByLabel('Ngày làm việc').check();
      await page.getByLabel('Số ngày', { exact: true }).fill('3');
      await page.getByRole('button', { name: 'Tính hạn' }).click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/calendar/deadline');
      assert.equal(await page.locator('#due-date').innerText(), 'Thứ Năm, 26/02/2026');
      assert.equal(await page.locator('#received-date').innerText(), 'Thứ Hai, 23/02/2026');
      assert.match(await page.locator('.steps').innerText(), /từ 15:00 trở đi/);
      await assertAccessible(page, `the calculator's result (${mode})`);

      // Calendar days, rolled forward past Tết.
      await page.getByLabel('Giờ tiếp nhận (không bắt buộc)').fill('');
      await page.getByLabel('Ngày theo lịch').check();
      await page.getByRole('button', { name: 'Tính hạn' }).click();
      await page.waitForLoadState();
      assert.equal(await page.locator('#due-date').innerText(), 'Thứ Hai, 23/02/2026');

      // A bad amount: the error summary links to the field.
      await page.getByLabel('Số ngày', { exact: true }).fill('4000');
      await page.getByRole('button', { name: 'Tính hạn' }).click();
      await page.waitForLoadState();
      const summary = page.getByRole('alert');
      assert.match(await summary.innerText(), /Số ngày phải là số nguyên từ 0 đến 3650/);
      assert.equal(await page.locator('#d-amount').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, `the calculator with an error (${mode})`);
      // The refused form is answered 422, which the browser reports on its console: nothing else.
      assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
    } finally {
      await context.close();
    }
    const en = await newPage({ locale: 'en-US', javaScriptEnabled });
    try {
      await en.page.goto(`${site.base}/calendar/deadline?from=2026-02-13&unit=days&amount=3`);
      assert.equal(await en.page.locator('#due-date').innerText(), 'Monday, 23 Feb 2026');
      await assertAccessible(en.page, `the calculator in English (${mode})`);
    } finally {
      await en.context.close();
    }
  });
}
