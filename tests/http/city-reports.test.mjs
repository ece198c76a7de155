// The "Gửi phản ánh" form for people (issue 14 §7) over HTTP, on both databases: the service chosen
// first (grouped, in the reader's language), then the place (address or latitude/longitude; the map
// only adds JavaScript), the service's questions, a photo and an optional contact; the post goes
// through the Open311 API's own reader and intake, so the report is, to GET requests.json, exactly
// one posted by an app; bad input answers 422 (413 for an oversized body, 403 without the form's
// CSRF token, 429 past the hourly cap) with a message naming the field, never a 500; the public page
// of one report shows its status and history and never the reporter's contact; the vendored
// Leaflet is served by the static route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText, request } from '../lib/http.mjs';
import { runCli, startServer } from '../lib/server.mjs';
import { createDatabase } from '../lib/db.mjs';

// A 1×1 PNG with a tEXt chunk (metadata the server must drop) before its IDAT.
const PNG_PLAIN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
function pngWithText(text) {
  const body = Buffer.from(`Author\0${text}`, 'latin1');
  const chunk = Buffer.concat([Buffer.alloc(4), Buffer.from('tEXt'), body, Buffer.alloc(4)]);
  chunk.writeUInt32BE(body.length, 0);
  return Buffer.concat([PNG_PLAIN.subarray(0, 33), chunk, PNG_PLAIN.subarray(33)]);
}
// A minimal JPEG: SOI, APP0 (JFIF), APP1 (EXIF with a camera owner), SOS and data, EOI.
function jpegWithExif(owner) {
  const seg = (marker, payload) => {
    const b = Buffer.alloc(4);
    b[0] = 0xff; b[1] = marker; b.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([b, payload]);
  };
  return Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from(`Exif\0\0OwnerName=${owner}`, 'latin1')), seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0x56]), Buffer.from([0xff, 0xd9])]);
}
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

let t;
let base;
let key;  // an API key, to compare with a report an app sends
before(async () => {
  t = await serverFixture('city_reports', { args: ['--open311-form-posts-per-hour', '1000'] });
  base = t.srv.url;
  const r = await runCli(['open311', 'key', 'create', '--db', t.db.url, '--name', 'Ứng dụng so sánh']);
  assert.equal(r.code, 0, r.stderr);
  key = r.stdout.trim();
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const reports = () => one('SELECT COUNT(*) FROM open311_reports');

// POSTs /city-reports as multipart/form-data from `pairs` ([name, value], repeats allowed) and
// `files` ({name, content, type}, field "photo"), with the agent's cookies and CSRF token.
async function send(agent, pairs, files = [], { csrf = agent.csrf } = {}) {
  const boundary = `----city${randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [k, v] of [['_csrf', csrf], ...pairs]) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`), Buffer.from(String(v)), Buffer.from('\r\n'));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return request(base, '/city-reports', {
    method: 'POST', body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, origin: base, cookie },
  });
}

// A visitor who opened the ROAD form (its CSRF token in hand).
async function visitor(service = 'ROAD') {
  const a = new Agent(base);
  const form = await a.get(`/city-reports/new?service_code=${service}`);
  assert.equal(form.status, 200);
  assert.ok(a.csrf, 'the form carries a CSRF token');
  return a;
}

const road = (extra = []) => [['service_code', 'ROAD'], ['attribute[severity]', 'serious'], ...extra];
const codeOf = (html) => /<strong id="report-code">([^<]+)<\/strong>/.exec(html)?.[1];

test('step 1 lists the services grouped, in Vietnamese or English; step 2 is a plain form with the service\'s questions', async () => {
  const a = new Agent(base);
  const vi = await a.get('/city-reports/new');
  assert.equal(vi.status, 200);
  assert.match(vi.headers['cache-control'], /no-store/);
  const text = plain(vi.text);
  assert.match(text, /Gửi phản ánh/);
  assert.match(text, /Bạn muốn phản ánh về việc gì\?/);
  assert.match(vi.text, /<legend>Giao thông<\/legend>/);
  assert.match(vi.text, /<input type="radio" id="f-service_code-ROAD" name="service_code" value="ROAD"/);
  assert.ok(!/Open311/.test(text.replace(/Open311 GeoReport v2/, '')), 'no "Open311" shown to people on the form');
  const en = await a.get('/city-reports/new', { headers: { 'accept-language': 'en' } });
  assert.match(en.text, /<legend>Traffic<\/legend>|<legend>Roads?<\/legend>|<legend>Transport<\/legend>/);
  assert.match(plain(en.text), /What is the problem about\?/);

  const form = await a.get('/city-reports/new?service_code=ROAD');
  assert.equal(form.status, 200);
  assert.match(form.text, /<form method="post" action="\/city-reports" enctype="multipart\/form-data"/);
  assert.match(form.text, /name="_csrf" value="[^"]{20,}"/);
  for (const f of ['address_string', 'lat', 'long', 'description', 'photo', 'first_name', 'email', 'phone'])
    assert.match(form.text, new RegExp(`id="f-${f}" name="${f}"`), f);
  assert.match(form.text, /name="attribute\[severity\]" value="serious"/);
  assert.match(form.text, /<div id="report-map" class="city-map city-map-picker" hidden/, 'the map waits for JavaScript');
  assert.match(form.text, /<link rel="stylesheet" href="\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.css">/);
  assert.match(form.text, /<script src="\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.js" defer><\/script>/);
  assert.match(form.text, /<script src="\/static\/js\/city-map\.[0-9a-f]{8}\.js" defer><\/script>/);
  assert.ok(!/<script>|<script [^>]*>[^<]/.test(form.text), 'no inline script');
  // A question that is only information (variable=false) is shown, not asked.
  const tree = await a.get('/city-reports/new?service_code=TREE');
  assert.match(tree.text, /<p class="notice">Nếu cây đổ chắn đường/);
  assert.ok(!/name="attribute\[safety\]"/.test(tree.text));
  const unknown = await a.get('/city-reports/new?service_code=NOPE');
  assert.equal(unknown.status, 422);
  assert.match(plain(unknown.text), /Loại phản ánh: loại đã chọn không có/);
});

test('a report with an address goes through the API\'s intake: it is in requests.json exactly as an app\'s', async () => {
  const a = await visitor();
  const before = Number(await reports());
  const r = await send(a, road([['address_string', 'Trước số 12 đường Hùng Vương, phường Việt Trì'], ['description', 'Ổ gà sâu khoảng 20 cm'],
    ['attribute[area_m2]', '1.5']]));
  assert.equal(r.status, 200, plain(r.text));
  assert.match(r.text, /<div class="panel-confirmation">\s*<h1>Đã gửi phản ánh<\/h1>/);
  const code = codeOf(r.text);
  assert.match(code ?? '', /^PA-\d{6}-\d+$/);
  assert.match(r.text, new RegExp(`<a class="button start" href="/city-reports/${code}">Theo dõi phản ánh</a>`));
  assert.match(plain(r.text), /Điều gì xảy ra tiếp theo/);
  assert.equal(Number(await reports()), before + 1);
  // The form's key row, never listed to administrators.
  assert.equal(await one(`SELECT k.key_hash FROM open311_reports r JOIN open311_api_keys k ON k.id = r.api_key_id ORDER BY r.id DESC LIMIT 1`), 'web-form');

  // The same report through the API.
  const p = new URLSearchParams({ api_key: key, service_code: 'ROAD', 'attribute[severity]': 'serious', 'attribute[area_m2]': '1.5',
    address_string: 'Trước số 14 đường Hùng Vương, phường Việt Trì', description: 'Ổ gà sâu khoảng 20 cm' });
  const posted = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: p, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(posted.status, 201);
  const appCode = (await posted.json())[0].service_request_id;
  const list = await (await fetch(`${base}/open311/v2/requests.json?service_request_id=${code},${appCode}`)).json();
  assert.equal(list.length, 2);
  const mine = list.find((x) => x.service_request_id === code);
  const app = list.find((x) => x.service_request_id === appCode);
  assert.deepEqual(Object.keys(mine).sort(), Object.keys(app).sort());
  for (const k of ['service_code', 'service_name', 'status', 'status_notes', 'agency_responsible', 'description', 'expected_datetime'])
    assert.deepEqual(mine[k], app[k], k);
  assert.equal(mine.address, 'Trước số 12 đường Hùng Vương, phường Việt Trì');
  // The petition it became, as an app's: feedback through the open311 channel, the answers named.
  const content = await one(`SELECT p.channel || '|' || p.kind FROM petitions p WHERE p.code = '${code}'`);
  assert.equal(content, 'open311|feedback');
});

test('a report with latitude and longitude; a photo is stored without its metadata and served as the report\'s media_url', async () => {
  const a = await visitor();
  const r = await send(a, road([['lat', '21.3231'], ['long', '105.4022']]), [{ name: 'o-ga.png', content: pngWithText('Nguyen Van Chup'), type: 'image/png' }]);
  assert.equal(r.status, 200, plain(r.text));
  const code = codeOf(r.text);
  const [req] = await (await fetch(`${base}/open311/v2/requests/${code}.json`)).json();
  assert.equal(req.lat, 21.3231);
  assert.equal(req.long, 105.4022);
  // A full URL on the site's public URL (--public-url), as GeoReport v2 media_url is.
  const photoPath = new URL(req.media_url).pathname;
  assert.match(req.media_url, /^https?:\/\/[^/]+\/city-reports\/photos\/[A-Za-z0-9_-]{24}\.png$/);
  const photo = await request(base, photoPath);
  assert.equal(photo.status, 200);
  assert.equal(photo.headers['content-type'], 'image/png');
  assert.equal(photo.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.ok(!photo.body.includes(Buffer.from('Nguyen Van Chup')), 'the tEXt chunk is gone');
  assert.deepEqual(photo.body, PNG_PLAIN, 'the image itself is unchanged');
  const page = await new Agent(base).get(`/city-reports/${code}`);
  assert.match(htmlText(page.text), new RegExp(`<img src="${photoPath}" alt="Ảnh người phản ánh gửi kèm">`));

  const b = await visitor();
  const j = await send(b, road([['address_string', 'Ngã ba Đền Hùng']]), [{ name: 'anh.jpg', content: jpegWithExif('Tran Thi Chu May'), type: 'image/jpeg' }]);
  assert.equal(j.status, 200, plain(j.text));
  const [jr] = await (await fetch(`${base}/open311/v2/requests/${codeOf(j.text)}.json`)).json();
  const jp = await request(base, new URL(jr.media_url).pathname);
  assert.equal(jp.headers['content-type'], 'image/jpeg');
  assert.ok(!jp.body.includes(Buffer.from('Tran Thi Chu May')), 'the EXIF segment is gone');
  assert.ok(jp.body.includes(Buffer.from('JFIF')), 'the JFIF header stays');
  assert.equal((await request(base, '/city-reports/photos/nope.png')).status, 404);
});

test('bad input: 422 with a message at the field and in the summary, naming the field; nothing stored; never a 500', async () => {
  const cases = [
    ['no service', [['address_string', 'X']], [], 422, /Loại phản ánh: hãy chọn một loại/, 'f-service_code'],
    ['blank parameters', [['service_code', ' '], ['address_string', ''], ['lat', ''], ['description', '  ']], [], 422, /Loại phản ánh: hãy chọn một loại/, 'f-service_code'],
    ['an unknown service', [['service_code', 'NOPE'], ['address_string', 'X']], [], 422, /Loại phản ánh: loại đã chọn không có/, 'f-service_code'],
    ['two services', [['service_code', 'ROAD'], ['service_code', 'LIGHT'], ['address_string', 'X']], [], 422, /Loại phản ánh: chỉ được gửi một giá trị/, 'f-service_code'],
    ['no place at all', road(), [], 422, /Vị trí: chọn một điểm trên bản đồ, nhập địa chỉ, hoặc nhập vĩ độ và kinh độ/, 'f-location'],
    ['latitude out of range', road([['lat', '91'], ['long', '105.4']]), [], 422, /Vĩ độ: nhập một số thập phân từ -90 đến 90/, 'f-lat'],
    ['longitude not a number', road([['lat', '21.3'], ['long', 'abc']]), [], 422, /Kinh độ: nhập một số thập phân từ -180 đến 180/, 'f-long'],
    ['latitude without longitude', road([['lat', '21.3']]), [], 422, /Kinh độ: nhập một số thập phân/, 'f-long'],
    ['two addresses', road([['address_string', 'A'], ['address_string', 'B']]), [], 422, /Địa chỉ: chỉ được gửi một giá trị/, 'f-address_string'],
    ['a required question unanswered', [['service_code', 'ROAD'], ['address_string', 'X']], [], 422, /Mức độ nguy hiểm: hãy trả lời câu hỏi này/, 'f-attr-severity'],
    ['an answer not offered', [['service_code', 'ROAD'], ['attribute[severity]', 'apocalypse'], ['address_string', 'X']], [], 422, /Mức độ nguy hiểm: câu trả lời không hợp lệ/, 'f-attr-severity'],
    ['a huge description', road([['address_string', 'X'], ['description', 'ổ gà '.repeat(1200)]]), [], 422, /Mô tả: nội dung quá dài/, 'f-description'],
    ['a bad e-mail', road([['address_string', 'X'], ['email', 'khong-phai-thu']]), [], 422, /Thư điện tử: nhập địa chỉ dạng/, 'f-email'],
    ['a PDF as the photo', road([['address_string', 'X']]), [{ name: 'anh.png', content: PDF, type: 'image/png' }], 422, /Ảnh: chỉ nhận ảnh JPEG hoặc PNG/, 'f-photo'],
    ['a text file as the photo', road([['address_string', 'X']]), [{ name: 'a.jpg', content: Buffer.from('<html>'), type: 'image/jpeg' }], 422, /Ảnh: chỉ nhận ảnh JPEG hoặc PNG/, 'f-photo'],
    ['two photos', road([['address_string', 'X']]), [{ name: 'a.png', content: PNG_PLAIN, type: 'image/png' }, { name: 'b.png', content: PNG_PLAIN, type: 'image/png' }], 422, /Ảnh: chỉ được gửi một giá trị/, 'f-photo'],
    ['a photo over 5 MB', road([['address_string', 'X']]), [{ name: 'lon.png', content: Buffer.concat([PNG_PLAIN, Buffer.alloc((5 << 20) + 10)]), type: 'image/png' }], 422, /Ảnh: tệp lớn hơn 5 MB/, 'f-photo'],
  ];
  for (const [label, pairs, files, status, message, anchor] of cases) {
    const a = await visitor();
    const before = await reports();
    const r = await send(a, pairs, files);
    assert.equal(r.status, status, `${label}: ${plain(r.text).slice(0, 300)}`);
    const text = plain(r.text);
    assert.match(text, message, label);
    assert.match(r.text, new RegExp(`<div class="error-summary" role="alert"[^>]*>[\\s\\S]*<a href="#${anchor.replace(/[[\]]/g, '\\$&')}">`), `${label}: summary links the field`);
    assert.match(r.text, /<p class="field-error" id="[^"]+-error">/, `${label}: the message at the field`);
    assert.equal(await reports(), before, `${label}: nothing stored`);
  }
  // Values typed are kept on the page with the errors.
  const a = await visitor();
  const kept = await send(a, road([['lat', '91'], ['long', '105.4'], ['description', 'Giữ lại <b>nội dung</b>']]));
  assert.match(kept.text, /id="f-long" name="long" value="105.4"/);
  assert.match(kept.text, /Giữ lại &lt;b&gt;nội dung&lt;&#x2F;b&gt;<\/textarea>/, 'escaped');
  assert.match(kept.text, /id="f-lat" name="lat" value="91"[^>]*aria-invalid="true"/);
  // Bodies over the form's caps are refused before the form (413), and a field over its cap too.
  const big = await visitor();
  const huge = await send(big, road([['address_string', 'X']]), [{ name: 'rat-lon.png', content: Buffer.concat([PNG_PLAIN, Buffer.alloc(13 << 19)]), type: 'image/png' }]);
  assert.equal(huge.status, 413);
  const field = await send(big, road([['address_string', 'x'.repeat(40 << 10)]]));
  assert.equal(field.status, 413);
  // Without the form's CSRF token: 403, nothing stored.
  const before = await reports();
  const forged = await send(await visitor(), road([['address_string', 'X']]), [], { csrf: '' });
  assert.equal(forged.status, 403);
  assert.equal(await reports(), before);
});

test('the page of one report shows its status and history and never the reporter\'s contact', async () => {
  const a = await visitor();
  const r = await send(a, road([['address_string', 'Cổng chợ Gát'], ['description', 'Ổ gà to, cần gấp, gọi 0987 654 321 để biết thêm'],
    ['first_name', 'Lê Thị Riêngtư'], ['email', 'rieng.tu@example.vn'], ['phone', '0912 000 111']]));
  assert.equal(r.status, 200, plain(r.text));
  const code = codeOf(r.text);
  const anon = new Agent(base);
  const page = await anon.get(`/city-reports/${code}`);
  assert.equal(page.status, 200);
  const text = plain(page.text);
  assert.match(text, new RegExp(`Mã phản ánh ${code}`));
  assert.match(page.text, /<strong class="tag tag-new">Mới tiếp nhận<\/strong>|<strong class="tag tag-(new|waiting)">/);
  assert.match(text, /Cổng chợ Gát/);
  assert.match(text, /Các bước xử lý/);
  assert.match(htmlText(page.text), /<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d\d:\d\d \d\d\/\d\d\/\d{4}<\/time>/, 'dates as people read them');
  for (const secret of ['Riêngtư', 'rieng.tu@example.vn', '0912 000 111', '0912000111', '0987 654 321'])
    assert.ok(!page.text.includes(secret), `the page shows ${secret}`);
  const api = await (await fetch(`${base}/open311/v2/requests/${code}.json`)).text();
  for (const secret of ['Riêngtư', 'rieng.tu@example.vn', '0912 000 111', '0987 654 321']) assert.ok(!api.includes(secret), `the API shows ${secret}`);
  // The audit trail names neither the reporter nor where the post came from.
  const audit = await t.db.exec("SELECT actor_name, address, request_id, after_summary FROM audit_log WHERE action IN ('open311.report', 'petition.receive') ORDER BY seq DESC LIMIT 2");
  for (const secret of ['Riêngtư', 'rieng.tu', '0912', '127.0.0.1']) assert.ok(!audit.includes(secret), `the audit trail shows ${secret}: ${audit}`);
  // The officers have the contact, on the petition.
  assert.equal(await one(`SELECT filer_name FROM petitions WHERE code = '${code}'`), 'Lê Thị Riêngtư');
  assert.equal((await anon.get('/city-reports/PA-000000-0')).status, 404);
  const en = await anon.get(`/city-reports/${code}`, { headers: { 'accept-language': 'en' } });
  assert.match(plain(en.text), /Report number/);
});

test('a queued service answers a tracking code; its page shows the report number once the intake took it', async () => {
  const a = await visitor('TREE');
  const r = await send(a, [['service_code', 'TREE'], ['attribute[blocking]', 'yes'], ['address_string', 'Đường Nguyễn Tất Thành']]);
  assert.equal(r.status, 200, plain(r.text));
  assert.match(plain(r.text), /Mã theo dõi:/);
  const token = codeOf(r.text);
  assert.match(token ?? '', /^[A-Za-z0-9_-]{24}$/);
  let page;
  for (let i = 0; i < 40; i++) {
    page = await new Agent(base).get(`/city-reports/tokens/${token}`);
    assert.equal(page.status, 200);
    if (/PA-\d{6}-\d+/.test(page.text)) break;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  const code = /<strong>(PA-\d{6}-\d+)<\/strong>/.exec(page.text)?.[1];
  assert.ok(code, 'the intake made it a request');
  assert.match(page.text, new RegExp(`href="/city-reports/${code}"`));
  assert.equal((await new Agent(base).get('/city-reports/tokens/khong-co')).status, 404);
});

test('the list starts the form and links each report; the map runs on the vendored Leaflet, served as static files', async () => {
  const page = await new Agent(base).get('/city-reports');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a class="button start" href="\/city-reports\/new">Gửi phản ánh<\/a>/);
  assert.match(htmlText(page.text), /<h2><a href="\/city-reports\/PA-\d{6}-\d+">/);
  assert.match(htmlText(page.text), /<div id="city-map" class="city-map" hidden data-mode="list" data-tiles="" data-attribution="" data-boundaries=""/);
  const js = /<script src="(\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.js)"/.exec(page.text)[1];
  const css = /<link rel="stylesheet" href="(\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.css)">/.exec(page.text)[1];
  const lj = await request(base, js);
  assert.equal(lj.status, 200);
  assert.equal(lj.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(lj.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(lj.text, /Leaflet 1\.9\.4/);
  const lc = await request(base, css);
  assert.equal(lc.headers['content-type'], 'text/css; charset=utf-8');
  assert.match(lc.text, /url\(images\/marker-icon\.png\)/);
  const icon = await request(base, '/static/vendor/leaflet/images/marker-icon.png');
  assert.equal(icon.status, 200);
  assert.equal(icon.headers['content-type'], 'image/png');
  // No boundaries file set: none served.
  assert.equal((await request(base, '/city-reports/boundaries.geojson')).status, 404);
});

test('the operator\'s tiles and boundaries file; the hourly cap of the form', async () => {
  const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/geo-`);
  const file = `${dir}/units.geojson`;
  // A test file of made-up squares (not real places): the server only passes it on.
  (await import('node:fs')).writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { name: 'Ô thử' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } }] }));
  const db = await createDatabase('city_reports_geo');
  const srv = await startServer({ db, mode: 'demo', args: ['--open311-boundaries-file', file, '--open311-tile-url', '/tiles/{z}/{x}/{y}.png',
    '--open311-tile-attribution', '© Bản đồ thử', '--open311-form-posts-per-hour', '2'] });
  try {
    const geo = await request(srv.url, '/city-reports/boundaries.geojson');
    assert.equal(geo.status, 200);
    assert.equal(geo.headers['content-type'], 'application/geo+json');
    assert.equal(JSON.parse(geo.text).features[0].properties.name, 'Ô thử');
    const page = await request(srv.url, '/city-reports');
    assert.match(htmlText(page.text), /data-tiles="\/tiles\/\{z\}\/\{x\}\/\{y\}\.png" data-attribution="© Bản đồ thử" data-boundaries="\/city-reports\/boundaries\.geojson"/);
    // Two posts an hour from one address, then 429 with Retry-After.
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const a = new Agent(srv.url);
      await a.get('/city-reports/new?service_code=ROAD');
      const cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const body = new URLSearchParams({ _csrf: a.csrf, service_code: 'ROAD', 'attribute[severity]': 'minor', address_string: `Số ${i}` }).toString();
      const r = await request(srv.url, '/city-reports', { method: 'POST', body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.url, cookie } });
      statuses.push(r.status);
      if (r.status === 429) {
        assert.match(r.headers['retry-after'], /^\d+$/);
        assert.match(plain(r.text), /Bạn đã gửi nhiều phản ánh trong giờ này/);
      }
    }
    assert.deepEqual(statuses, [200, 200, 429]);
  } finally {
    assertCleanExit(await srv.stop(), srv.logs());
    await db.drop().catch(() => {});
  }
  // A tile URL of another origin is refused at start (the CSP allows images from 'self' only).
  const bad = await runCli(['serve', '--open311-tile-url', 'https://tile.example.org/{z}/{x}/{y}.png']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /must be a path on this site/);
});
