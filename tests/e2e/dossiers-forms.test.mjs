// The dossier forms on the design system (issue 14 §2, §6, §9), at a 390 px phone and at 1280 px:
// a citizen's error is shown at its field and names it (every .field-error holds its label's
// words), the summary links to it; a submission ends on the confirmation panel with the code and
// what happens next; the officer picks the counter's procedure from a list and finds "Từ chối hồ
// sơ" folded in a danger confirmation holding the reason. Every page: no sideways scroll, axe clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage, assertAccessible } from './browser.mjs';
import { CITIZEN, OFFICER, PROCEDURE, path, signIn } from './dossiers-journey.mjs';

const site = demoSite('e2e_dossiers_forms');
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
const PDF = { name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

const main = (page) => page.locator('main');
const label = (page, text) => main(page).getByLabel(text, { exact: true });
const button = (page, name) => main(page).getByRole('button', { name, exact: true });
async function clickAndWait(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

// No sideways scroll and a clean axe run on the page as it stands.
async function fits(page, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${what}: ${scrollWidth}px wide in a ${innerWidth}px viewport`);
  await assertAccessible(page, what);
}

// Every error at a field names the field: its text holds the words of the field's label (without
// the "(bắt buộc)" mark), and the control is marked invalid.
async function errorsNameTheirFields(page, what) {
  const errors = await page.locator('main .field.has-error').evaluateAll((fields) => fields.map((f) => ({
    label: (f.querySelector('label')?.textContent ?? '').replace(/\([^)]*\)/g, '').trim(),
    error: (f.querySelector('.field-error')?.textContent ?? '').replace(/^\s*Lỗi:\s*/, '').trim(),
    invalid: f.querySelector('[aria-invalid=true]') !== null,
  })));
  assert.ok(errors.length > 0, `${what}: errors at the fields`);
  for (const e of errors) {
    assert.ok(e.error.includes(e.label), `${what}: "${e.error}" names its field "${e.label}"`);
    assert.ok(e.invalid, `${what}: the control of "${e.label}" is aria-invalid`);
  }
  const summary = await page.locator('main .error-summary a').allInnerTexts();
  assert.deepEqual(summary.map((s) => s.trim()).sort(), errors.map((e) => e.error).sort(), `${what}: the summary lists the same errors`);
}

async function cookiesOf(email) {
  const { context, page } = await newPage(site.browser);
  try {
    await signIn(site.base, page, email);
    return (await context.storageState()).cookies;
  } finally {
    await context.close();
  }
}

test('citizen and officer forms at 390 and 1280 px: errors at their fields, the confirmation, the counter\'s list, the refusal confirmation', async () => {
  const citizen = await cookiesOf(CITIZEN);
  const officer = await cookiesOf(OFFICER);
  for (const viewport of VIEWPORTS) {
    const at = `${viewport.width}px`;
    // The citizen: an error names its field; then the submission and its confirmation.
    let { context, page } = await newPage(site.browser, { viewport });
    await context.addCookies(citizen);
    let code;
    try {
      await page.goto(`${site.base}/dossiers/new?procedure=XB-TLHC`);
      await fits(page, `the submission form at ${at}`);
      await label(page, 'Họ và tên (bắt buộc)').fill('');
      await label(page, 'Số điện thoại (bắt buộc)').fill('abc');
      const refused = await clickAndWait(page, button(page, 'Nộp hồ sơ'));
      assert.equal(refused.status(), 422);
      await errorsNameTheirFields(page, `the refused form at ${at}`);
      assert.equal(await label(page, 'Họ và tên (bắt buộc)').getAttribute('aria-invalid'), 'true');
      await fits(page, `the refused form at ${at}`);
      await label(page, 'Họ và tên (bắt buộc)').fill('Nguyễn Thị Lan');
      await label(page, 'Số điện thoại (bắt buộc)').fill('0912 345 678');
      const inputs = main(page).locator('input[type=file]');
      for (let i = 0; i < await inputs.count(); i++) await inputs.nth(i).setInputFiles(PDF);
      await clickAndWait(page, button(page, 'Nộp hồ sơ'));
      code = /^\/dossiers\/(TTHCC-\d{6}-\d{4})$/.exec(path(page))?.[1];
      assert.ok(code, `the dossier's page after submission: ${page.url()}`);
      const panel = main(page).locator('.panel-confirmation');
      assert.equal((await panel.locator('h1').innerText()).trim(), 'Đã nộp hồ sơ');
      assert.equal((await panel.locator('strong').innerText()).trim(), code);
      const next = await main(page).locator('ol.steps').innerText();
      assert.match(next, /chậm nhất ngày \d\d\/\d\d\/\d{4}/, 'the last day to ask for a supplement');
      assert.match(next, new RegExp(`Tra cứu hồ sơ`));
      assert.ok(!/\d{4}-\d\d-\d\d/.test(await main(page).innerText()), 'no ISO date on the page');
      await fits(page, `the confirmation at ${at}`);
      await page.goto(`${site.base}/dossiers/mine`);
      await fits(page, `"Hồ sơ của tôi" at ${at}`);
    } finally {
      await context.close();
    }

    // The officer: the counter's procedure list, and the refusal folded in its confirmation.
    ({ context, page } = await newPage(site.browser, { viewport }));
    await context.addCookies(officer);
    try {
      await page.goto(`${site.base}/desk/new`);
      await fits(page, `the counter's form at ${at}`);
      await label(page, 'Thủ tục').selectOption({ label: `${PROCEDURE} (XB-TLHC)` });
      await clickAndWait(page, button(page, 'Chọn thủ tục'));
      assert.equal(new URL(page.url()).searchParams.get('procedure'), 'XB-TLHC');
      assert.equal(await main(page).locator('input[type=file]').count(), 2, 'the chosen procedure\'s documents');
      await fits(page, `the counter's form with its procedure at ${at}`);

      await page.goto(`${site.base}/desk/dossiers/${code}`);
      const reason = label(page, 'Lý do từ chối');
      assert.equal(await reason.isVisible(), false, 'the reason waits inside the closed confirmation');
      await main(page).locator('details.confirm > summary.button.danger', { hasText: 'Từ chối hồ sơ' }).click();
      assert.equal(await reason.isVisible(), true);
      assert.match(await main(page).locator('details.confirm .confirm-body > p').first().innerText(), /Không thể hoàn tác/);
      await fits(page, `the desk's dossier page with the refusal open at ${at}`);
      const refused = await clickAndWait(page, button(page, 'Xác nhận từ chối hồ sơ'));
      assert.equal(refused.status(), 422, 'a refusal needs its reason');
      await errorsNameTheirFields(page, `the refusal without a reason at ${at}`);
      await fits(page, `the refusal without a reason at ${at}`);
    } finally {
      await context.close();
    }
  }
});
