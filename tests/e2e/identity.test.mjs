// Browser tests of issue 3 (identity): a citizen registers, confirms the e-mail that arrives at a
// real SMTP sink, signs in and out; a staff member who needs two-factor authentication enrols a
// TOTP app on first sign-in, keeps the recovery codes, opens an admin page and signs out. Every
// page on the way is checked with axe (no serious or critical violation) and for console errors
// and CSP violations. The citizen flow runs once more with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage as openPage, assertAccessible } from './browser.mjs';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { totp } from '../lib/totp.mjs';


let browser;
let db;
let sink;
let srv;
let base;
before(async () => {
  db = await createDatabase('e2e_identity');
  sink = await startSmtpSink();
  // The server's port is not known before it starts, so the links in e-mails point at the default
  // public URL: the test takes the path and query from the link and opens them on srv.url.
  srv = await startServer({ db, mode: 'demo', args: ['--smtp', `127.0.0.1:${sink.port}`] });
  base = srv.url;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  const r = await srv?.stop();
  await sink?.stop();
  await db?.drop();
  if (r) assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
});

const newPage = (opts) => openPage(browser, opts);

// Axe needs JavaScript in the page; with it off, only the console is checked.
async function checkPage(page, label, js, axeOptions) {
  await page.waitForLoadState('networkidle');
  if (js) await assertAccessible(page, label, axeOptions);
}

// Chromium logs "Failed to load resource" for every page answered with 4xx, also for the refusals
// a test provokes on purpose: those are left out, given as [path, status].
function unexpected(problems, expectedPages = []) {
  return problems.filter((p) => !expectedPages.some(([where, status]) =>
    p.includes(`${where}: Failed to load resource: the server responded with a status of ${status} `)));
}

// Form fields by their visible label, as a person finds them.
const label = (page, text) => page.locator('main').getByLabel(text, { exact: true });
const h1 = (page) => page.locator('main h1').first().innerText();
const path = (page) => new URL(page.url()).pathname;
const headerName = (page) => page.locator('.account-nav a[href="/account"]');
const logoutButton = (page) => page.locator('.account-nav').getByRole('button', { name: 'Đăng xuất' });

// Clicks `locator` and waits for the page it leads to; returns that navigation's response.
async function clickAndWait(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

async function logOut(page) {
  await clickAndWait(page, logoutButton(page));
  assert.equal(path(page), '/');
  await assert.doesNotReject(page.locator('.account-nav a[href="/login"]').waitFor(), 'the header offers sign-in again');
  assert.equal(await headerName(page).count(), 0, 'no name in the header after signing out');
}

const PASSWORD = 'Đồi chè Phú Thọ xanh 2025';

for (const js of [true, false]) {
  test(`a citizen registers, confirms the e-mail link, signs in and out (JavaScript ${js ? 'on' : 'off'})`, async () => {
    const fullName = js ? 'Nguyễn Thị Thu Hường' : 'Trần Đức Việt';
    const email = js ? 'thu.huong@example.vn' : 'duc.viet@example.vn';
    const citizenId = js ? '026090001234' : '026185004321';
    const { context, page, problems } = await newPage({ javaScriptEnabled: js });
    try {
      // (1) Registration, reached from the header link.
      await page.goto(`${base}/`);
      await clickAndWait(page, page.locator('.account-nav').getByRole('link', { name: 'Đăng ký' }));
      assert.equal(path(page), '/register');
      assert.equal(await h1(page), 'Đăng ký tài khoản công dân');
      await checkPage(page, 'the registration page', js);

      await label(page, 'Họ và tên').fill(fullName);
      await label(page, 'Địa chỉ thư điện tử').fill(email);
      await label(page, 'Số điện thoại (không bắt buộc)').fill('0912 345 678');
      await label(page, 'Số định danh cá nhân (số CCCD)').fill(citizenId);
      await label(page, 'Mật khẩu').fill(PASSWORD);
      const res = await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Đăng ký' }));
      assert.equal(res.status(), 200, `registration accepted (at ${page.url()}): ${await page.locator('main').innerText()}`);
      assert.equal(await h1(page), 'Hãy kiểm tra hộp thư');
      assert.ok((await page.locator('main').innerText()).includes(email), 'the notice names the address');
      await checkPage(page, 'the registration notice page', js);

      // Not yet confirmed: signing in is refused with a way to get a new link.
      await page.goto(`${base}/login`);
      await label(page, 'Địa chỉ thư điện tử').fill(email);
      await label(page, 'Mật khẩu').fill(PASSWORD);
      const refused = await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Đăng nhập' }));
      assert.equal(refused.status(), 403);
      assert.equal(await page.locator('main form[action="/register/resend"]').count(), 1, 'offers to resend the link');

      // (2) The confirmation e-mail, over real SMTP.
      const mail = await sink.waitFor((m) => m.to.includes(email), 15_000);
      assert.ok(mail.text.includes(fullName), `the e-mail greets ${fullName}:\n${mail.text}`);
      const link = /https?:\/\/\S+\/register\/confirm\?token=[^\s]+/.exec(mail.text)?.[0];
      assert.ok(link, `a confirmation link in the e-mail:\n${mail.text}`);
      const u = new URL(link);
      // Opening the link shows a button; only pressing it confirms (a mail scanner's GET does not).
      const opened = await page.goto(`${base}${u.pathname}${u.search}`);
      assert.equal(opened.status(), 200);
      assert.equal(await h1(page), 'Xác nhận địa chỉ thư điện tử');
      await checkPage(page, 'the confirmation page', js);
      const confirmed = await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Xác nhận tài khoản' }));
      assert.equal(confirmed.status(), 200);
      assert.equal(await h1(page), 'Đã xác nhận tài khoản');

      // (3) Sign in from the notice's link; the name is in the header.
      await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Đăng nhập' }));
      assert.equal(path(page), '/login');
      assert.equal(await h1(page), 'Đăng nhập');
      await checkPage(page, 'the sign-in page', js);
      await label(page, 'Địa chỉ thư điện tử').fill(email);
      await label(page, 'Mật khẩu').fill(PASSWORD);
      await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Đăng nhập' }));
      assert.equal(path(page), '/dossiers/mine', "a citizen lands on their dossiers (the citizen's home)");
      assert.equal(await headerName(page).innerText(), fullName);
      // The account page from the header's name link.
      await clickAndWait(page, headerName(page));
      assert.equal(path(page), '/account');
      assert.equal(await h1(page), 'Tài khoản của tôi');
      const account = await page.locator('main dl').innerText();
      assert.ok(account.includes(email) && account.includes(citizenId), account);
      await checkPage(page, 'the account page', js);

      // (4) Sign out with the header button.
      await logOut(page);
      const gone = await page.goto(`${base}/account`);
      assert.notEqual(path(page), '/account', `the account page needs a session again (status ${gone.status()})`);

      assert.deepEqual(unexpected(problems, [[`${base}/login`, 403]]), []);
    } finally {
      await context.close();
    }
  });
}

test('a staff member enrols two-factor authentication on first sign-in, opens an admin page, signs out', async () => {
  const { context, page, problems } = await newPage();
  try {
    // (5) Password first; the account needs a second factor it does not have yet.
    await page.goto(`${base}/login`);
    await label(page, 'Địa chỉ thư điện tử').fill('admin@demo.tinhso.vn');
    await label(page, 'Mật khẩu').fill('Demo-Phu-Tho-2025');
    await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Đăng nhập' }));
    assert.equal(path(page), '/account/2fa/setup');
    assert.equal(await h1(page), 'Thiết lập xác thực hai lớp');
    const qr = page.locator('main .qr svg');
    assert.equal(await qr.count(), 1, 'a QR code as inline SVG');
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 100 && box.height >= 100, `the QR code is drawn large enough: ${JSON.stringify(box)}`);
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    assert.match(secret, /^[A-Z2-7]{16,}=*$/);
    await checkPage(page, 'the two-factor setup page', true);

    // The code from the "authenticator app".
    await label(page, 'Mã xác thực').fill(totp(secret));
    const res = await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Bật xác thực hai lớp' }));
    assert.equal(res.status(), 200, `enrolment accepted: ${await page.locator('main').innerText()}`);
    assert.equal(await h1(page), 'Mã khôi phục của bạn');
    const codes = await page.locator('#recovery-codes li code').allInnerTexts();
    assert.equal(codes.length, 10, `ten recovery codes: ${codes.join(' ')}`);
    assert.equal(new Set(codes).size, 10, 'all different');
    for (const c of codes) assert.match(c, /^[a-z2-7]{4}-[a-z2-7]{4}$/);
    await checkPage(page, 'the recovery-codes page', true);

    await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Tiếp tục' }));
    assert.equal(path(page), '/admin', "an administrator lands on the administration index (the administrator's home)");
    await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Tài khoản cán bộ' }));
    assert.equal(path(page), '/admin/accounts', 'the index leads to the staff accounts');
    assert.equal(await headerName(page).innerText(), 'Vũ Thị Mai');
    const staff = await page.locator('main table').innerText();
    assert.ok(staff.includes('officer@demo.tinhso.vn'), 'the staff list shows the demo staff');

    // (6) Sign out; the admin page is closed again.
    await logOut(page);
    await page.goto(`${base}/admin/accounts`);
    assert.notEqual(path(page), '/admin/accounts', 'the admin page needs a session again');

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// Regression: the QR code's <svg> once had role="img" without a name (axe svg-img-alt). The name
// is on the wrapping <div class="qr" role="img" aria-label="...">; the svg is aria-hidden.
test('the QR code on the two-factor setup page has an accessible name (axe svg-img-alt)', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(`${base}/login`);
    await label(page, 'Địa chỉ thư điện tử').fill('auditor@demo.tinhso.vn');
    await label(page, 'Mật khẩu').fill('Demo-Phu-Tho-2025');
    await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Đăng nhập' }));
    assert.equal(path(page), '/account/2fa/setup');
    await assertAccessible(page, 'the QR code of the two-factor setup page', { only: ['svg-img-alt'] });
  } finally {
    await context.close();
  }
});
