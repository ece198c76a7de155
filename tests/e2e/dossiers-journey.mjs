// Shared pieces of the dossier journeys (dossiers.test.mjs, dossiers-late.test.mjs): the demo
// accounts, small valid PDF/PNG/JPEG files, PDF reading (pdftotext, pdftoppm + zbarimg), page
// helpers, actors signed in in their own browser contexts, and the citizen's online submission.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, newPage as openPage, assertAccessible } from './browser.mjs';
import { totp } from '../lib/totp.mjs';

const run = promisify(execFile);
export const PASSWORD = 'Demo-Phu-Tho-2025';
export const CITIZEN = 'citizen@demo.tinhso.vn';
export const OFFICER = 'officer@demo.tinhso.vn';
export const SPECIALIST = 'specialist@demo.tinhso.vn';
export const LEADER = 'leader@demo.tinhso.vn';
// The base of the look-up link in the receipt's QR code (the server's --public-url).
export const PUBLIC_URL = 'https://dichvucong.phutho.example';
// XB-TLHC: handled by SO-KHCN, received at the TTHCC desk, 10 (calendar) days, two mandatory documents.
export const PROCEDURE = 'Cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm';
export const PHONE = '0912 345 678';

let browser;
let work;
export const files = {};
// Registers the hooks of a test file: the browser and the files, made once per file.
export function useBrowser() {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'tinhso-e2e-dossiers-'));
    await makeFiles();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
}
export const visitorPage = (opts = {}) => openPage(browser, opts);

// ---- files: a small valid PDF written by hand, and PNG and JPEG renderings of it ----

function pdfWith(line) {
  const content = `BT /F1 12 Tf 20 50 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function makeFiles() {
  files.application = join(work, 'don-de-nghi.pdf');
  writeFileSync(files.application, pdfWith('Don de nghi cap giay phep trien lam'));
  files.result = join(work, 'giay-phep.pdf');
  writeFileSync(files.result, pdfWith('Giay phep to chuc trien lam xuat ban pham'));
  await run('pdftoppm', ['-png', '-r', '20', '-singlefile', files.application, join(work, 'danh-muc')]);
  files.png = join(work, 'danh-muc.png');
  await run('pdftoppm', ['-jpeg', '-r', '20', '-singlefile', files.application, join(work, 'bo-sung')]);
  files.jpeg = join(work, 'bo-sung.jpg');
  assert.equal(readFileSync(files.png).subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([...readFileSync(files.jpeg).subarray(0, 3)], [0xff, 0xd8, 0xff]);
}

// The PDF's text with every run of white space (line breaks of wrapped cells) as one space.
export async function pdfText(path) {
  const { stdout } = await run('pdftotext', ['-raw', path, '-']);
  return stdout.replace(/\s+/g, ' ');
}

export async function qrOf(pdfPath) {
  const prefix = join(work, `qr-${Date.now()}`);
  await run('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfPath, prefix]);
  const { stdout } = await run('zbarimg', ['--raw', '-q', `${prefix}.png`]);
  return stdout.trim();
}

// ---- page helpers ----

export const main = (page) => page.locator('main');
export const label = (page, text) => main(page).getByLabel(text, { exact: true });
export const button = (page, name) => main(page).getByRole('button', { name, exact: true });
export const link = (page, name) => main(page).getByRole('link', { name, exact: true });
export const h1 = (page) => page.locator('main h1').first().innerText();
export const path = (page) => new URL(page.url()).pathname;

export async function clickAndWait(page, locator) {
  try {
    const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
    return res;
  } catch (e) {
    throw new Error(`clicking ${locator} on ${page.url()}: ${e.message}`);
  }
}

// Axe needs JavaScript in the page; with it off assertAccessible skips and only the console counts.
export async function check(page, what) {
  await page.waitForLoadState('networkidle');
  await assertAccessible(page, what);
}

// The text of the <dd> following the <dt> named `term` in the page's main part.
export async function detail(page, term) {
  return (await main(page).locator(`dt:text-is("${term}") + dd`).first().innerText()).trim();
}

// Chromium reports a navigation that turns into a download as an aborted request, and so the
// favicon it fetches lazily when the test navigates on before it arrived: no problems.
const downloaded = new Set();
export const unexpected = (problems) => problems.filter((p) =>
  ![...downloaded].some((url) => p === `request failed: ${url} net::ERR_ABORTED`) &&
  !/^request failed: \S+\/static\/img\/favicon\.[0-9a-f]+\.svg net::ERR_ABORTED$/.test(p));

// Clicks a link that answers with an attachment; returns the saved file's path.
export async function download(page, locator, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  downloaded.add(dl.url());
  const to = join(work, name);
  await dl.saveAs(to);
  return to;
}

// Recovery codes shown at each account's latest enrolment: a later sign-in (also after a restart
// under --fake-now, when the app's clock and the server's differ) uses one.
const recoveryCodes = new Map();

// An actor in their own browser context. Staff (every staff role needs a second factor) enrol at
// first sign-in, reading the secret from the page as a person would type it into an app, and keep
// the recovery codes for later sign-ins.
export async function actor(base, email, { javaScriptEnabled = true } = {}) {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled, acceptDownloads: true });
  await signIn(base, page, email);
  return { context, page, problems };
}

// Signs `email` in on `page` through the sign-in form; staff enrol a second factor at first
// sign-in (the recovery codes kept) and use a recovery code later.
export async function signIn(base, page, email) {
  await page.goto(`${base}/login`);
  await label(page, 'Địa chỉ thư điện tử').fill(email);
  await label(page, 'Mật khẩu').fill(PASSWORD);
  await clickAndWait(page, button(page, 'Đăng nhập'));
  if (path(page) === '/account/2fa/setup') {
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    await label(page, 'Mã xác thực').fill(totp(secret));
    await clickAndWait(page, button(page, 'Bật xác thực hai lớp'));
    recoveryCodes.set(email, await page.locator('#recovery-codes code').allInnerTexts());
    await clickAndWait(page, link(page, 'Tiếp tục'));
  } else if (path(page) === '/account/2fa') {
    const code = recoveryCodes.get(email)?.shift();
    assert.ok(code, `${email}: a recovery code from the enrolment`);
    await label(page, 'Mã xác thực').fill(code);
    await clickAndWait(page, button(page, 'Xác nhận'));
  }
  assert.ok(!['/login', '/account/2fa', '/account/2fa/setup'].includes(path(page)), `${email} is signed in (at ${page.url()})`);
}

// The citizen's part up to submission: catalogue → search without accents → procedure → form with
// a PDF and a PNG → review → submit → the code in "Hồ sơ của tôi". Returns the code.
export async function citizenSubmits(base, page, details) {
  await page.goto(`${base}/`);
  await clickAndWait(page, page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thủ tục' }));
  assert.equal(path(page), '/procedures');
  await check(page, 'the procedure list');
  await label(page, 'Từ khóa').fill('xuat ban');
  await clickAndWait(page, button(page, 'Tìm'));
  await page.getByRole('status').filter({ hasText: /Tìm thấy \d+ thủ tục/ }).waitFor();
  const found = await page.getByRole('table', { name: 'Danh sách thủ tục' }).locator('tbody tr').allInnerTexts();
  assert.ok(found.length >= 3 && found.every((r) => /xuất bản/i.test(r)), `the accent-free search finds "xuất bản":\n${found.join('\n')}`);
  await check(page, 'the search result');
  await clickAndWait(page, link(page, PROCEDURE));
  assert.equal(path(page), '/procedures/XB-TLHC');
  await check(page, 'the procedure page');

  // The start button's name may end with its arrow (a.button.start::after " →").
  await clickAndWait(page, main(page).getByRole('link', { name: /^Nộp hồ sơ trực tuyến/ }));
  assert.equal(path(page), '/dossiers/new');
  assert.equal(await h1(page), `Nộp hồ sơ: ${PROCEDURE}`);
  await check(page, 'the submission form');
  assert.notEqual(await label(page, 'Họ và tên (bắt buộc)').inputValue(), '', 'the name comes from the account');
  await label(page, 'Số điện thoại (bắt buộc)').fill(PHONE);
  await label(page, 'Địa chỉ').fill('Số 1 đường Trần Phú, phường Việt Trì, Phú Thọ');
  await label(page, 'Nội dung yêu cầu').fill(details);
  const docs = main(page).locator('input[type=file]');
  assert.equal(await docs.count(), 2);
  await main(page).getByLabel(/Đơn đề nghị cấp giấy phép tổ chức triển lãm/).setInputFiles(files.application);
  await main(page).getByLabel(/Danh mục xuất bản phẩm/).setInputFiles(files.png);
  await clickAndWait(page, button(page, 'Xem lại trước khi nộp'));
  assert.match(path(page), /^\/dossiers\/drafts\/\d+\/review$/);
  assert.equal(await h1(page), 'Xem lại hồ sơ trước khi nộp');
  const review = await main(page).innerText();
  for (const t of ['don-de-nghi.pdf', 'danh-muc.png', PHONE, details]) assert.ok(review.includes(t), `the review shows ${t}`);
  await check(page, 'the review page');

  await clickAndWait(page, button(page, 'Nộp hồ sơ'));
  const code = /^\/dossiers\/(TTHCC-\d{6}-\d{4})$/.exec(path(page))?.[1];
  assert.ok(code, `the dossier's page after submission: ${page.url()}`);
  assert.equal(await detail(page, 'Trạng thái'), 'Đã nộp, chờ tiếp nhận');
  await check(page, "the citizen's dossier page");
  await clickAndWait(page, link(page, 'Hồ sơ của tôi'));
  const row = page.getByRole('table', { name: 'Hồ sơ của bạn, mới nhất trước' }).getByRole('row').filter({ hasText: code });
  assert.equal(await row.count(), 1, `"Hồ sơ của tôi" lists ${code}`);
  assert.match(await row.innerText(), /Đã nộp, chờ tiếp nhận/);
  await check(page, "the citizen's list of dossiers");
  return code;
}
