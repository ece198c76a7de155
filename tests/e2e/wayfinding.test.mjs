// Issue 14 §1, wayfinding: every demo role signs in as a person would (password, then the second
// factor for staff), lands on its own home, and reaches each of its work pages by clicking the
// main menu alone; at 1280 px that menu stays on one line. One browser, one context per role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage } from './browser.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo.mjs';
import { totp } from '../lib/totp.mjs';

const site = demoSite('e2e-wayfinding');

// The menu of each role (web::NavEntry rows of the modules) and where it lands after signing in.
const ROLES = {
  citizen: { home: '/dossiers/mine', menu: ['/procedures', '/dossiers/mine', '/petitions/new', '/petitions/mine'] },
  one_stop_officer: { home: '/desk', menu: ['/desk', '/work', '/petitions/desk'] },
  specialist: { home: '/work', menu: ['/work', '/petitions/desk', '/tasks/mine', '/consultations/manage'] },
  agency_leader: { home: '/dashboard', menu: ['/work', '/statistics/dossiers', '/petitions/desk', '/dashboard'] },
  inspector: { home: '/petitions/desk', menu: ['/petitions/desk'] },
  province_leader: { home: '/dashboard', menu: ['/statistics/dossiers', '/petitions/desk', '/tasks/board', '/tasks/documents/new', '/dashboard'] },
  administrator: {
    home: '/admin', menu: ['/admin'],
    // The administration index (/admin) leads to every area, by name in Vietnamese order: Chỉ số…, Cơ quan,
    // Đơn vị hành chính, Hệ thống thiết kế, Khóa API…, Lịch nghỉ…, Quản lý thủ tục, Tài khoản cán bộ.
    index: ['/admin/indicators', '/admin/agencies', '/admin/units', '/design', '/admin/open311', '/admin/calendar', '/admin/procedures', '/admin/accounts'],
  },
  auditor: { home: '/audit', menu: ['/audit', '/security'] },
};

const path = (page) => new URL(page.url()).pathname;
const menuLinks = (page) => page.locator('header nav .nav a');

async function click(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

// Signs in through the form; staff enrol a TOTP app from the secret the page shows, then go on.
async function signIn(page, email) {
  await page.goto(`${site.base}/login`);
  await page.getByLabel('Địa chỉ thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await click(page, page.getByRole('button', { name: 'Đăng nhập' }));
  if (path(page) === '/account/2fa/setup') {
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    await page.getByLabel('Mã xác thực').fill(totp(secret));
    await click(page, page.getByRole('button', { name: 'Bật xác thực hai lớp' }));
    await click(page, page.getByRole('link', { name: 'Tiếp tục' }));
  }
}

test('the public menu leads to procedures, look-up, statistics and petitions by clicking, on one line', async () => {
  const { context, page } = await newPage(site.browser);
  try {
    await page.goto(`${site.base}/`);
    for (const [name, to] of [['Nộp hồ sơ', '/procedures'], ['Tra cứu hồ sơ', '/lookup'], ['Gửi phản ánh', '/petitions/new'],
      ['Góp ý dự thảo', '/consultations']]) {
      await page.goto(`${site.base}/`);
      await click(page, page.locator('main').getByRole('link', { name, exact: true }));
      assert.equal(path(page), to, name);
    }
    await page.goto(`${site.base}/`);
    await page.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
    await click(page, page.getByRole('button', { name: 'Tìm kiếm' }));
    assert.equal(page.url(), `${site.base}/procedures?q=khai+sinh`);
    const tops = await menuLinks(page).evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `the public menu is on one line: ${tops}`);
    for (const href of ['/lookup', '/statistics/dossiers', '/petitions/new', '/tasks/public', '/procedures']) {
      await click(page, menuLinks(page).and(page.locator(`[href="${href}"]`)));
      assert.equal(path(page), href);
    }
  } finally {
    await context.close();
  }
});

for (const [role, { home, menu, index = [] }] of Object.entries(ROLES)) {
  test(`${role} lands on ${home} and reaches each of its pages from the menu`, async () => {
    const { context, page } = await newPage(site.browser);
    try {
      await signIn(page, DEMO_ACCOUNTS[role]);
      assert.equal(path(page), home, `${role} lands on its home`);
      const hrefs = await menuLinks(page).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs, menu, `${role}'s menu`);
      // One line at 1280 px: every entry sits on the first entry's row.
      const tops = await menuLinks(page).evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
      assert.equal(new Set(tops).size, 1, `${role}'s menu is on one line: ${tops}`);
      for (const href of [...menu].reverse()) {
        const res = await Promise.all([page.waitForNavigation(), menuLinks(page).and(page.locator(`[href="${href}"]`)).click()]);
        assert.equal(res[0].status(), 200, `${role} opens ${href}`);
        assert.equal(path(page), href);
        assert.equal(await page.locator('header nav [aria-current="page"]').getAttribute('href'), href);
      }
      for (const href of index) {
        await page.goto(`${site.base}${home}`);
        const res = await Promise.all([page.waitForNavigation(), page.locator(`main a[href="${href}"]`).click()]);
        assert.equal(res[0].status(), 200, `${role} opens ${href} from ${home}`);
        assert.equal(path(page), href);
      }
      if (index.length) {
        await page.goto(`${site.base}${home}`);
        const hrefs = await page.locator('main .card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.deepEqual(hrefs, index, `${role}'s index lists exactly its areas`);
      }
      await page.goto(`${site.base}/`);
      assert.equal(await page.getByRole('link', { name: 'Đăng nhập', exact: true }).count(), 0, `${role}: no sign-in offered`);
      assert.equal(await page.getByRole('link', { name: 'Đăng ký', exact: true }).count(), 0, `${role}: no sign-up offered`);
      await click(page, page.locator('main').getByRole('link', { name: 'Trang làm việc của tôi' }));
      assert.equal(path(page), home, `${role}: the home page leads back to its page`);
    } finally {
      await context.close();
    }
  });
}
