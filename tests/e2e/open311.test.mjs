// Browser test of the city reports (issue 6 §6, §7), in Debian's Chromium, every page checked with
// axe and for console errors and CSP violations: a visitor with JavaScript off reaches the public
// list from the main navigation and filters it by service with the form (no map, nothing personal);
// a visitor with JavaScript on gets the SVG map, one point-link per listed report with
// coordinates, each leading to its item by click and by keyboard, in Vietnamese and in English
// after the language switch; an administrator issues an API key on /admin/open311 (shown once), a
// client app posts a report with it through the Open311 API, the report appears on the public page
// with the phone number in its description masked, and once the administrator revokes the key the
// API refuses it (403).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import { DEMO_ACCOUNTS } from '../lib/demo.mjs';
import {
  useBrowser, visitorPage, main, label, button, h1, path, clickAndWait, check, unexpected, actor,
} from './dossiers-journey.mjs';

useBrowser();

// One demo province for the file: the tests run in order, the last one adds a report.
let db;
let srv;
let base;
before(async () => {
  db = await createDatabase('e2e_open311');
  srv = await startServer({ db, mode: 'demo' });
  base = srv.url;
});
after(async () => {
  const r = await srv?.stop();
  await db?.drop();
  if (r) assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
});

// The demo's reports (src/modules/open311/demo.cpp): one per service below, all with coordinates.
const DEMO_SERVICES = [
  'Hư hỏng mặt đường (ổ gà, sụt lún)', 'Đèn chiếu sáng công cộng hỏng', 'Ngập úng đường phố',
  'Cống, rãnh thoát nước tắc', 'Cáp viễn thông treo thấp, mất an toàn', 'Rác thải không được thu gom',
  'Lấn chiếm vỉa hè, lòng đường',
];
const CODE = /^PA-\d{6}-\d{6}$/;

const reports = (page) => main(page).locator('ol.report-list > li');
const map = (page) => page.locator('figure#city-map');
// The list's items: code (from the anchor id), service (the heading without the code), whether
// the item carries coordinates.
const items = (page) => reports(page).evaluateAll((lis) => lis.map((li) => ({
  code: li.id.replace(/^r-/, ''),
  service: li.querySelector('h2').firstChild.textContent.trim(),
  title: li.querySelector('h2').textContent.trim(),
  positioned: li.hasAttribute('data-lat') && li.hasAttribute('data-lon'),
})));
// The map's point-links as the accessibility tree and the DOM give them.
const points = (page) => map(page).locator('svg a');
const pointsOf = (page) => points(page).evaluateAll((as) => as.map((a) => ({
  href: a.getAttribute('href'), name: a.getAttribute('aria-label'),
})));

// What must never show on the public page: e-mail addresses and runs of 8 or more digits (phones,
// identity numbers), whatever joins them — report codes and due dates aside.
function assertNothingPersonal(text, what) {
  const rest = text.replace(/PA-\d{6}-\d{6}/g, ' ').replace(/\b\d{4}-\d\d-\d\d\b/g, ' ');
  assert.doesNotMatch(rest, /\S+@\S+/, `no e-mail address on ${what}`);
  assert.doesNotMatch(rest, /(?:\d[\s.()-]{0,2}){8,}/, `no phone or other long number on ${what}`);
}

test('a visitor with JavaScript off: the home page leads to the list, the form filters it, no map, nothing personal', async () => {
  const visitor = await visitorPage({ javaScriptEnabled: false });
  const { page } = visitor;
  try {
    await page.goto(`${base}/`);
    assert.equal(await main(page).getByRole('link', { name: /^Xem các phản ánh hiện trường/ }).getAttribute('href'), '/city-reports',
      'the home page links to the city reports');
    await clickAndWait(page, main(page).getByRole('link', { name: /^Xem các phản ánh hiện trường/ }));
    assert.equal(path(page), '/city-reports');
    assert.equal(await h1(page), 'Phản ánh hiện trường');
    const all = await items(page);
    assert.equal(all.length, 7, `the demo's seven reports are listed:\n${JSON.stringify(all, null, 1)}`);
    assert.deepEqual(all.map((i) => i.service).sort(), [...DEMO_SERVICES].sort());
    assert.ok(all.every((i) => CODE.test(i.code) && i.positioned), 'each has its code and coordinates');
    assert.ok(await map(page).isHidden(), 'without JavaScript the map stays hidden');
    assert.equal(await map(page).locator('svg').count(), 0, 'and nothing is drawn');
    assertNothingPersonal(await main(page).innerText(), 'the list');
    await check(page, 'the city reports (JavaScript off)');

    // Filter by service with the form.
    await label(page, 'Loại phản ánh').selectOption({ label: 'Ngập úng đường phố' });
    await clickAndWait(page, button(page, 'Lọc'));
    assert.equal(path(page), '/city-reports');
    assert.equal(new URL(page.url()).searchParams.get('service'), 'FLOOD');
    const flood = await items(page);
    assert.deepEqual(flood.map((i) => i.service), ['Ngập úng đường phố'], 'only the flooding report is listed');
    assert.equal(flood[0].code, all.find((i) => i.service === 'Ngập úng đường phố').code);
    assert.match(await reports(page).first().innerText(), /Đường Mê Linh, đoạn trước chợ Vĩnh Yên/);
    assert.equal(await label(page, 'Loại phản ánh').evaluate((s) => s.selectedOptions[0].textContent), 'Ngập úng đường phố',
      'the form keeps the chosen service');
    assert.ok(await map(page).isHidden());
    await check(page, 'the city reports filtered by service (JavaScript off)');

    // And by status: nothing of it is closed yet.
    await label(page, 'Tình trạng').selectOption({ label: 'Đã xử lý' });
    await clickAndWait(page, button(page, 'Lọc'));
    assert.equal(await reports(page).count(), 0);
    assert.match(await main(page).innerText(), /Không có phản ánh nào phù hợp\./);
    await check(page, 'an empty filter result (JavaScript off)');

    assert.deepEqual(unexpected(visitor.problems), []);
  } finally {
    await visitor.context.close();
  }
});

test('a visitor with JavaScript on: the map has one point-link per listed report, each leads to its item by click and by keyboard; and in English', async () => {
  const visitor = await visitorPage();
  const { page } = visitor;
  try {
    await page.goto(`${base}/city-reports`);
    await map(page).locator('svg').waitFor();
    assert.ok(await map(page).isVisible(), 'the script shows the map');
    assert.ok(await map(page).locator('svg').isVisible());
    const listed = (await items(page)).filter((i) => i.positioned);
    assert.equal(listed.length, 7);
    const drawn = await pointsOf(page);
    assert.deepEqual(drawn, listed.map((i) => ({ href: `#r-${i.code}`, name: `${i.title} — Đang xử lý` })),
      'one point per listed report with coordinates, named by its title and status, linking to its item');
    // The points are links assistive technology can reach by their names, in a named group.
    assert.equal(await map(page).getByRole('group', { name: 'Bản đồ vị trí các phản ánh trong danh sách', exact: true }).count(), 1);
    const road = listed.find((i) => i.service === 'Hư hỏng mặt đường (ổ gà, sụt lún)');
    const roadPoint = map(page).getByRole('link', { name: `${road.title} — Đang xử lý`, exact: true });
    assert.equal(await roadPoint.count(), 1, 'the point is exposed as a link with its name');
    await check(page, 'the city reports with the map drawn');

    // A click on a point: the page moves to the item.
    const flood = listed.find((i) => i.service === 'Ngập úng đường phố');
    await map(page).getByRole('link', { name: `${flood.title} — Đang xử lý`, exact: true }).click();
    await page.waitForURL((u) => u.hash === `#r-${flood.code}`);
    assert.equal(path(page), '/city-reports', 'the same page, at the anchor');
    assert.ok(await page.locator(`li#r-${flood.code}`).evaluate((li) => li.matches(':target')), 'the item is the target');
    assert.ok(await page.locator(`li#r-${flood.code}`).isVisible());

    // By keyboard: Tab reaches the points after the form, Enter follows one.
    await label(page, 'Tình trạng').focus();
    await page.keyboard.press('Tab');  // the filter button
    await page.keyboard.press('Tab');  // the first point
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.equal(focused, drawn[0].name, 'Tab moves from the form to the first point');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('circle')).stroke);
    assert.equal(outline, 'rgb(0, 0, 0)', 'the focused point is marked');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash === drawn[0].href);
    assert.ok(await page.locator(drawn[0].href).evaluate((li) => li.matches(':target')));
    await points(page).first().focus();
    await page.keyboard.press('Tab');  // the second point
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), drawn[1].name);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash === drawn[1].href);

    // The filtered list: its map has its one point.
    await page.goto(`${base}/city-reports?service=FLOOD`);
    await map(page).locator('svg').waitFor();
    assert.deepEqual(await pointsOf(page), [{ href: `#r-${flood.code}`, name: `${flood.title} — Đang xử lý` }]);
    await check(page, 'the filtered city reports with the map drawn');

    // English, through the language switch.
    await page.goto(`${base}/city-reports`);
    await clickAndWait(page, page.getByRole('button', { name: 'English' }));
    assert.equal(path(page), '/city-reports');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await h1(page), 'City reports');
    await map(page).locator('svg').waitFor();
    assert.equal(await map(page).locator('svg').getAttribute('aria-label'), 'Map of the listed reports');
    const english = await items(page);
    assert.ok(english.some((i) => i.service === 'Street flooding'), 'the services are named in English');
    assert.deepEqual((await pointsOf(page)).map((p) => p.name), english.map((i) => `${i.title} — Open`));
    assert.equal(await label(page, 'Report type').count(), 1, 'the form is in English');
    await check(page, 'the city reports in English');

    assert.deepEqual(unexpected(visitor.problems), []);
  } finally {
    await visitor.context.close();
  }
});

test('an administrator issues an API key (shown once), a client app reports through it, the report is public with the phone masked; once revoked the key is refused', async () => {
  const KEY_NAME = 'Ứng dụng Phú Thọ Xanh';
  const actors = [];
  try {
    const admin = await actor(base, DEMO_ACCOUNTS.administrator);
    actors.push(admin);
    const ap = admin.page;
    await ap.goto(`${base}/admin/open311`);
    assert.equal(await h1(ap), 'Open311 — khóa API và dịch vụ phản ánh');
    const keys = ap.getByRole('table', { name: 'Các khóa đã cấp' });
    assert.match(await keys.innerText(), /Ứng dụng phản ánh hiện trường \(demo\)/, 'the demo app\'s key is listed');
    assert.match(await ap.getByRole('table', { name: /^Các loại phản ánh và cơ quan xử lý/ }).innerText(), /ROAD\s+Hư hỏng mặt đường/);
    await check(ap, 'the Open311 administration page');

    // Issue a key: shown once.
    await label(ap, 'Tên ứng dụng hoặc đơn vị dùng khóa mới').fill(KEY_NAME);
    const issued = await clickAndWait(ap, button(ap, 'Cấp khóa'));
    assert.equal(issued.status(), 201);
    assert.equal(await main(ap).getByRole('heading', { name: 'Khóa mới đã được cấp' }).count(), 1);
    const key = (await ap.locator('#new-key').innerText()).trim();
    assert.match(key, /^o311_[A-Za-z0-9_-]{43}$/);
    const row = keys.getByRole('row').filter({ hasText: KEY_NAME });
    assert.match(await row.innerText(), /Đang dùng/);
    assert.ok((await row.innerText()).includes(`${key.slice(0, 9)}…`), 'the table shows only the key\'s beginning');
    await check(ap, 'the page with the new key');
    await ap.goto(`${base}/admin/open311`);
    assert.ok(!(await ap.content()).includes(key), 'the key is not shown again');
    assert.equal(await ap.locator('#new-key').count(), 0);

    // A client app posts a report with it.
    const description = 'Nắp hố ga trên phố Tiên Sơn bị mất, xe máy đã sa xuống hai lần. Cần gấp, gọi tôi số 0912 345 678.';
    const post = (apiKey) => fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey, service_code: 'ROAD', lat: '21.3201', long: '105.4102', 'attribute[severity]': 'serious',
        address_string: 'Phố Tiên Sơn, Việt Trì', description,
        first_name: 'Khuất', last_name: 'Thị Duyên', email: 'duyen.khuat@example.vn', phone: '0987654321', device_id: 'device-7f3a',
      }).toString(),
    });
    const created = await post(key);
    const createdText = await created.text();
    assert.equal(created.status, 201, createdText);
    const [answer] = JSON.parse(createdText);
    assert.match(answer.service_request_id, CODE);
    const code = answer.service_request_id;

    // The report on the public page: its description with the phone masked, nothing personal.
    const visitor = await visitorPage();
    actors.push(visitor);
    const vp = visitor.page;
    await vp.goto(`${base}/city-reports`);
    await map(vp).locator('svg').waitFor();
    const item = vp.locator(`li#r-${code}`);
    assert.equal(await item.count(), 1, `the new report ${code} is listed`);
    assert.match(await item.locator('h2').innerText(), /^Hư hỏng mặt đường \(ổ gà, sụt lún\)/);
    assert.equal(await item.locator('.report-text').innerText(),
      'Nắp hố ga trên phố Tiên Sơn bị mất, xe máy đã sa xuống hai lần. Cần gấp, gọi tôi số […].');
    assert.match(await item.innerText(), /Phố Tiên Sơn, Việt Trì/);
    const publicText = await main(vp).innerText();
    for (const secret of ['0912', '345 678', 'Khuất', 'Duyên', 'duyen.khuat', '0987654321', 'device-7f3a', KEY_NAME]) {
      assert.ok(!publicText.includes(secret), `the public page does not show "${secret}"`);
    }
    assertNothingPersonal(publicText, 'the list with the new report');
    assert.equal(await map(vp).locator(`a[href="#r-${code}"]`).count(), 1, 'the new report is on the map');
    await check(vp, 'the city reports with the new report');

    // The administrator revokes the key; the API refuses it from then on.
    await clickAndWait(ap, button(ap, `Thu hồi ${KEY_NAME}`));
    assert.equal(path(ap), '/admin/open311');
    assert.match(await row.innerText(), /Đã thu hồi \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    assert.equal(await row.getByRole('button').count(), 0, 'a revoked key has no revoke button');
    assert.equal(await button(ap, 'Thu hồi Ứng dụng phản ánh hiện trường (demo)').count(), 1, 'the other key stays active');
    await check(ap, 'the page after the revocation');
    const refused = await post(key);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), [{ code: 403, description: 'api_key: unknown or revoked key' }]);

    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors) await a.context.close();
  }
});
