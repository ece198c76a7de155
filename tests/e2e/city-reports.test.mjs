// Browser test of "Gửi phản ánh" (issue 14 §7), in Debian's Chromium, at 390 px and 1280 px: a
// resident chooses the kind of problem, points at the map (a click or tap, or Enter on the focused
// map), answers the service's question, adds a photo and sends; the confirmation panel gives the
// report's code and the link to follow it; the report's page shows it on its map. The vendored
// Leaflet loads (no console error, no failed request, no CSP violation), every page is axe-clean and
// none scrolls sideways. With JavaScript off the same form works with an address. On the list, each
// marker's popup leads to its report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  useBrowser, visitorPage, main, label, button, h1, path, clickAndWait, check, unexpected, files,
} from './dossiers-journey.mjs';

useBrowser();

let db;
let srv;
let base;
before(async () => {
  db = await createDatabase('e2e_city_reports');
  srv = await startServer({ db, mode: 'demo' });
  base = srv.url;
});
after(async () => {
  const r = await srv?.stop();
  await db?.drop();
  if (r) assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
});

const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
const ROAD = 'Hư hỏng mặt đường (ổ gà, sụt lún)';
const CODE = /^PA-\d{6}-\d{6}$/;

// Fails when the page is wider than its viewport, naming the widest elements.
async function assertNoSidewaysScroll(page, what) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`),
  }));
  assert.ok(m.scrollWidth <= m.innerWidth, `${what} scrolls sideways: ${m.scrollWidth}px > ${m.innerWidth}px (${m.wide.join('; ')})`);
}

async function checkAll(page, what) {
  await check(page, what);
  await assertNoSidewaysScroll(page, what);
}

for (const viewport of VIEWPORTS) {
  test(`at ${viewport.width} px: choose the problem, click the map, send with a photo; the confirmation and the report's page`, async () => {
    const visitor = await visitorPage({ viewport });
    const { page } = visitor;
    try {
      await page.goto(`${base}/city-reports`);
      await clickAndWait(page, main(page).getByRole('link', { name: /^Gửi phản ánh/ }));
      assert.equal(path(page), '/city-reports/new');
      assert.equal(await h1(page), 'Gửi phản ánh');
      await checkAll(page, `step 1 of the form at ${viewport.width} px`);
      await label(page, ROAD).check();
      await clickAndWait(page, button(page, 'Tiếp tục'));
      assert.equal(new URL(page.url()).searchParams.get('service_code'), 'ROAD');

      // The map: Leaflet, visible, the point chosen by a click.
      const map = page.locator('#report-map');
      await map.locator('.leaflet-control-zoom-in').waitFor();
      assert.ok(await map.isVisible(), 'the script shows the map');
      assert.equal(await page.evaluate(() => window.L && window.L.version), '1.9.4', 'the vendored Leaflet runs');
      assert.equal(await map.getAttribute('aria-label'), 'Bản đồ vị trí phản ánh');
      await page.waitForLoadState('networkidle');  // the reports already sent are drawn
      assert.ok(await map.locator('path.leaflet-interactive').count() >= 7, 'the reports already sent are on the map');
      assert.equal(await label(page, 'Vĩ độ').inputValue(), '');
      const box = await map.boundingBox();
      // Inside the fitted view's padding (24 px), where no report's circle lies.
      await page.mouse.click(box.x + box.width / 2, box.y + 12);
      const lat = Number(await label(page, 'Vĩ độ').inputValue());
      const lon = Number(await label(page, 'Kinh độ').inputValue());
      assert.ok(Number.isFinite(lat) && lat >= -90 && lat <= 90 && (await label(page, 'Vĩ độ').inputValue()) !== '', `latitude set: ${lat}`);
      assert.ok(Number.isFinite(lon) && lon >= -180 && lon <= 180, `longitude set: ${lon}`);
      assert.match(await page.locator('#report-map-status').innerText(), /^Đã chọn vị trí: vĩ độ -?\d+\.\d{6}, kinh độ -?\d+\.\d{6}\.$/);
      assert.equal(await map.locator('img.leaflet-marker-icon[alt="Vị trí đã chọn"]').count(), 1, 'a marker where the map was clicked');
      await checkAll(page, `step 2 of the form with the point chosen at ${viewport.width} px`);

      await label(page, 'Nặng, xe phải tránh').check();
      await label(page, 'Mô tả').fill('Ổ gà sâu giữa làn xe máy, đã có người ngã.');
      await page.locator('#f-photo').setInputFiles(files.png);
      await clickAndWait(page, button(page, 'Gửi phản ánh'));

      // The confirmation panel, its code, what happens next.
      const panel = main(page).locator('.panel-confirmation');
      assert.equal(await panel.locator('h1').innerText(), 'Đã gửi phản ánh');
      const code = (await panel.locator('#report-code').innerText()).trim();
      assert.match(code, CODE);
      assert.equal(await main(page).getByRole('heading', { name: 'Điều gì xảy ra tiếp theo' }).count(), 1);
      await checkAll(page, `the confirmation at ${viewport.width} px`);

      // The report's page: its code, status, the point on its map, the photo.
      await clickAndWait(page, main(page).getByRole('link', { name: /^Theo dõi phản ánh/ }));
      assert.equal(path(page), `/city-reports/${code}`);
      assert.match(await h1(page), new RegExp(`^${ROAD.replace(/[()]/g, '\\$&')}`));
      assert.match(await main(page).innerText(), new RegExp(`Mã phản ánh\\s+${code}`));
      assert.match(await main(page).innerText(), new RegExp(`Tọa độ\\s+${lat.toFixed(4).slice(0, -1)}`));
      await page.locator('#report-map .leaflet-marker-icon').waitFor();
      const photo = main(page).locator('.report-photo img');
      assert.equal(await photo.evaluate((img) => img.complete && img.naturalWidth > 0), true, 'the photo shows');
      await checkAll(page, `the report's page at ${viewport.width} px`);

      assert.deepEqual(unexpected(visitor.problems), []);
    } finally {
      await visitor.context.close();
    }
  });
}

test('by keyboard: Enter on the focused map chooses its centre; typed coordinates move the marker', async () => {
  const visitor = await visitorPage();
  const { page } = visitor;
  try {
    await page.goto(`${base}/city-reports/new?service_code=DRAIN`);
    const map = page.locator('#report-map');
    await map.locator('.leaflet-control-zoom-in').waitFor();
    await page.waitForLoadState('networkidle');
    await map.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-map', 'the map takes the focus');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const lat = await label(page, 'Vĩ độ').inputValue();
    assert.match(lat, /^-?\d+\.\d{6}$/);
    assert.equal(await map.locator('img.leaflet-marker-icon').count(), 1, 'a marker at the chosen centre');
    await label(page, 'Vĩ độ').fill('21.3100');
    await label(page, 'Kinh độ').fill('105.4000');
    await label(page, 'Kinh độ').press('Tab');
    assert.equal(await map.locator('img.leaflet-marker-icon').count(), 1);
    await clickAndWait(page, button(page, 'Gửi phản ánh'));
    assert.match(await main(page).locator('.panel-confirmation #report-code').innerText(), CODE);
    assert.deepEqual(unexpected(visitor.problems), []);
  } finally {
    await visitor.context.close();
  }
});

test('with JavaScript off: no map, the form works with an address; an error names its field', async () => {
  const visitor = await visitorPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const { page } = visitor;
  try {
    await page.goto(`${base}/city-reports/new?service_code=ROAD`);
    assert.ok(await page.locator('#report-map').isHidden(), 'the map stays hidden');
    await label(page, 'Nhẹ, chưa ảnh hưởng đi lại').check();
    const refused = await clickAndWait(page, button(page, 'Gửi phản ánh'));
    assert.equal(refused.status(), 422);
    const summary = main(page).locator('.error-summary');
    assert.match(await summary.innerText(), /Vị trí: chọn một điểm trên bản đồ, nhập địa chỉ, hoặc nhập vĩ độ và kinh độ/);
    assert.match(await main(page).locator('#f-location-error').innerText(), /Vị trí:/);
    await assertNoSidewaysScroll(page, 'the form with an error (JavaScript off)');
    await label(page, 'Địa chỉ').fill('Trước cổng trường tiểu học Gia Cẩm, Việt Trì');
    await clickAndWait(page, button(page, 'Gửi phản ánh'));
    assert.match(await main(page).locator('.panel-confirmation #report-code').innerText(), CODE);
    await assertNoSidewaysScroll(page, 'the confirmation (JavaScript off)');
    // The 422 page itself is the answer, not a failed resource.
    assert.deepEqual(unexpected(visitor.problems).filter((p) => !/status of 422 \(Unprocessable Entity\)$/.test(p)), []);
  } finally {
    await visitor.context.close();
  }
});

for (const viewport of [{ width: 320, height: 640 }, ...VIEWPORTS]) {
  test(`the list at ${viewport.width} px: a marker per report with coordinates, its popup leads to the report`, async () => {
    const visitor = await visitorPage({ viewport });
    const { page } = visitor;
    try {
      await page.goto(`${base}/city-reports`);
      const map = page.locator('#city-map');
      await map.locator('.leaflet-marker-icon').first().waitFor();
      const positioned = await main(page).locator('ol.report-list > li[data-lat]').count();
      assert.ok(positioned >= 7);
      assert.equal(await map.locator('img.leaflet-marker-icon').count(), positioned, 'one marker per listed report with coordinates');
      await checkAll(page, `the list with its map at ${viewport.width} px`);
      const first = main(page).locator('ol.report-list > li[data-lat]').first();
      const code = (await first.getAttribute('id')).replace(/^r-/, '');
      const title = (await first.locator('h2').innerText()).replace(/\s+/g, ' ').trim();
      await map.locator(`img.leaflet-marker-icon[title="${title.replace(/"/g, '\\"')}"]`).first().click();
      const follow = map.locator('.leaflet-popup').getByRole('link', { name: 'Xem phản ánh' });
      await follow.waitFor();
      // The popup fades in (leaflet-fade-anim): check its colours once it is opaque.
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
      await checkAll(page, `the list with a popup open at ${viewport.width} px`);
      await clickAndWait(page, follow);
      assert.equal(path(page), `/city-reports/${code}`);
      assert.deepEqual(unexpected(visitor.problems), []);
    } finally {
      await visitor.context.close();
    }
  });
}
