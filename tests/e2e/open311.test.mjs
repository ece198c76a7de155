// Browser test of the city reports (issue 6 §6, §7), in Debian's Chromium, every page checked with
// axe and for console errors and CSP violations: a visitor with JavaScript off reaches the public
// list from the main navigation and filters it by service with the form (no map, nothing personal);
// a visitor with JavaScript on gets the map (the vendored Leaflet), one marker per listed report
// with coordinates, each opening a popup that links to the report's page, by click and by keyboard,
// in Vietnamese and in English after the language switch; an administrator issues an API key on /admin/open311 (shown once), a
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
const map = (page) => page.locator('#city-map');
// The list's items: code (from the anchor id), service (the heading without the code), whether
// the item carries coordinates.
const items = (page) => reports(page).evaluateAll((lis) => lis.map((li) => ({
  code: li.id.replace(/^r-/, ''),
  service: li.querySelector('h2').firstChild.textContent.trim(),
  title: li.querySelector('h2').textContent.trim(),
  positioned: li.hasAttribute('data-lat') && li.hasAttribute('data-lon'),
})));
// The map's markers: Leaflet images named by alt (title and status) and title (the item's title).
const markers = (page) => map(page).locator('img.leaflet-marker-icon');
const markersOf = (page) => markers(page).evaluateAll((imgs) => imgs.map((i) => ({ alt: i.alt, title: i.title })));
const drawn = (page) => map(page).locator('.leaflet-control-zoom-in').waitFor();

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
    assert.equal(await map(page).locator('.leaflet-pane').count(), 0, 'and nothing is drawn');
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

test('a visitor with JavaScript on: the map has one marker per listed report, its popup links to the report, by click and by keyboard; and in English', async () => {
  const visitor = await visitorPage();
  const { page } = visitor;
  try {
    await page.goto(`${base}/city-reports`);
    await drawn(page);
    await markers(page).first().waitFor();
    assert.ok(await map(page).isVisible(), 'the script shows the map');
    assert.equal(await page.evaluate(() => window.L.version), '1.9.4');
    const listed = (await items(page)).filter((i) => i.positioned);
    assert.equal(listed.length, 7);
    assert.deepEqual(await markersOf(page), listed.map((i) => ({ alt: `${i.title} — Đang xử lý`, title: i.title })),
      'one marker per listed report with coordinates, named by its title and status');
    assert.equal(await page.getByRole('region', { name: 'Bản đồ vị trí phản ánh', exact: true }).count(), 1, 'the map is a named region');
    await check(page, 'the city reports with the map drawn');

    // A click on a marker: its popup links to the report's page.
    const flood = listed.find((i) => i.service === 'Ngập úng đường phố');
    await map(page).getByRole('button', { name: `${flood.title} — Đang xử lý`, exact: true }).click();
    const popupLink = map(page).locator('.leaflet-popup').getByRole('link', { name: 'Xem phản ánh', exact: true });
    await popupLink.waitFor();
    assert.equal(await popupLink.getAttribute('href'), `/city-reports/${flood.code}`);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
    await check(page, 'the city reports with a popup open');
    await clickAndWait(page, popupLink);
    assert.equal(path(page), `/city-reports/${flood.code}`);
    assert.match(await h1(page), /^Ngập úng đường phố/);
    await page.goBack();
    await drawn(page);

    // By keyboard: a marker takes the focus; Enter opens its popup.
    const road = listed.find((i) => i.service === 'Hư hỏng mặt đường (ổ gà, sụt lún)');
    const roadMarker = map(page).getByRole('button', { name: `${road.title} — Đang xử lý`, exact: true });
    await roadMarker.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.alt), `${road.title} — Đang xử lý`);
    await page.keyboard.press('Enter');
    await map(page).locator('.leaflet-popup').getByRole('link', { name: 'Xem phản ánh', exact: true }).waitFor();
    assert.equal(await map(page).locator('.leaflet-popup a[href^="/city-reports/"]').getAttribute('href'), `/city-reports/${road.code}`);

    // The filtered list: its map has its one marker.
    await page.goto(`${base}/city-reports?service=FLOOD`);
    await markers(page).first().waitFor();
    assert.deepEqual(await markersOf(page), [{ alt: `${flood.title} — Đang xử lý`, title: flood.title }]);
    await check(page, 'the filtered city reports with the map drawn');

    // English, through the language switch.
    await page.goto(`${base}/city-reports`);
    await clickAndWait(page, page.getByRole('button', { name: 'English' }));
    assert.equal(path(page), '/city-reports');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await h1(page), 'City reports');
    await markers(page).first().waitFor();
    assert.equal(await map(page).getAttribute('aria-label'), 'Map of report locations');
    const english = await items(page);
    assert.ok(english.some((i) => i.service === 'Street flooding'), 'the services are named in English');
    assert.deepEqual((await markersOf(page)).map((p) => p.alt), english.map((i) => `${i.title} — Open`));
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
    await markers(vp).first().waitFor();
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
    assert.equal(await map(vp).locator(`img.leaflet-marker-icon[title$="${code}"]`).count(), 1, 'the new report is on the map');
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
