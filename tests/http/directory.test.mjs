// The directory module: demo admin units and agencies (Vĩnh Phúc 2021 and its successor Phú Thọ,
// NA Resolution 202/2025/QH15), administrators' list/search/create/edit/import pages, and that
// nobody else gets in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from '../lib/fixture.mjs';
import { get, postForm, htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';

const ADMIN = { email: 'admin@demo.tinhso.vn', password: 'Demo-Phu-Tho-2025' };

let t;
let base;
let identityMissing = false;
before(async () => {
  t = await serverFixture('directory');
  base = t.srv.url;
  identityMissing = (await get(base, '/login')).status === 404;
});
after(async () => {
  const r = await t?.close();
  if (r) assert.equal(r.code, 0, `server exit code\n${t.srv.logs()}`);
});

const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
const one = async (sql) => (await rows(sql))[0]?.[0];

// Signs the demo administrator in all the way: password, then TOTP enrolment (first time) or a
// recovery code (tests/lib/totp.mjs), as the administrator would.
async function admin() {
  const a = await signInFully(base, ADMIN.email, ADMIN.password);
  const page = await a.get('/admin/units');
  assert.equal(page.status, 200, htmlText(page.text).slice(0, 600));
  return a;
}

const skipUnlessIdentity = (fn) => async (ctx) => {
  if (identityMissing) return ctx.skip('identity module not yet present');
  return fn(ctx);
};

test('demo data: Vĩnh Phúc 2021 with nine districts, its successor Phú Thọ, the provincial agencies', async () => {
  const units = await rows('SELECT code, name, level, valid_from, COALESCE(valid_to, \'\') FROM admin_units ORDER BY code');
  const byCode = Object.fromEntries(units.map((u) => [u[0], u]));
  assert.deepEqual(byCode['26'], ['26', 'Tỉnh Vĩnh Phúc', 'province', '1997-01-01', '2025-06-30']);
  assert.deepEqual(byCode['25'], ['25', 'Tỉnh Phú Thọ', 'province', '2025-07-01', '']);
  const districts = units.filter((u) => u[2] === 'district').map((u) => u[0]);
  assert.deepEqual(districts, ['243', '244', '246', '247', '248', '249', '251', '252', '253']);
  assert.equal(byCode['252'][1], 'Huyện Vĩnh Tường');
  assert.equal(byCode['243'][1], 'Thành phố Vĩnh Yên');
  assert.equal(await one("SELECT s.code FROM admin_units u JOIN admin_units s ON s.id = u.successor_id WHERE u.code = '26'"), '25');
  const agencies = (await rows('SELECT code FROM agencies')).map((r) => r[0]);
  for (const code of ['UBND-TINH', 'HDND-TINH', 'SO-TTTT', 'THANH-TRA', 'TTHCC', 'SO-KHDT', 'SO-TNMT', 'BAN-TCD',
    'UBBC-TINH', 'UBND-VINH-TUONG']) assert.ok(agencies.includes(code), code);
  assert.equal(await one("SELECT p.code FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.code = 'SO-TTTT'"), 'UBND-TINH');
  assert.equal(await one("SELECT u.code FROM agencies a JOIN admin_units u ON u.id = a.admin_unit_id WHERE a.code = 'UBND-VINH-TUONG'"), '252');
  // Every demo insert left an audit record.
  const audited = Number(await one("SELECT COUNT(*) FROM audit_log WHERE object_type IN ('admin_unit', 'agency') AND action LIKE '%.create'"));
  assert.equal(audited, units.length + agencies.length);
});

test('anonymous requests to the directory pages are refused', async () => {
  for (const path of ['/admin/units', '/admin/units/new', '/admin/units/1', '/admin/units/import', '/admin/agencies',
    '/admin/agencies/new', '/admin/agencies/1', '/admin/agencies/import']) {
    const r = await get(base, path);
    assert.ok([401, 403].includes(r.status) || (r.status === 303 && /\/login/.test(r.headers.location)),
      `${path}: ${r.status} ${r.headers.location ?? ''}`);
    assert.ok(!r.text.includes('Tỉnh Vĩnh Phúc'), `${path} leaks directory data`);
  }
  const r = await postForm(base, '/admin/units', { code: '99', name: 'X', level: 'province', valid_from: '2030-01-01' },
    { headers: { origin: base } });
  assert.ok([401, 403].includes(r.status) || r.status === 303, `POST: ${r.status}`);
  assert.equal(await one("SELECT COUNT(*) FROM admin_units WHERE code = '99'"), '0');
});

test('list: accent-insensitive search, level and date filters, Vietnamese order', skipUnlessIdentity(async () => {
  const a = await admin();
  let r = await a.get('/admin/units?q=vinh+tuong');
  assert.equal(r.status, 200);
  let text = htmlText(r.text);
  assert.ok(text.includes('Huyện Vĩnh Tường'));
  assert.ok(!text.includes('Huyện Lập Thạch'));
  r = await a.get(`/admin/units?q=${encodeURIComponent('VĨNH yên')}`);
  assert.ok(htmlText(r.text).includes('Thành phố Vĩnh Yên'));
  r = await a.get('/admin/units?level=province');
  text = htmlText(r.text);
  assert.ok(text.includes('Tỉnh Phú Thọ') && text.includes('Tỉnh Vĩnh Phúc'));
  assert.ok(!text.includes('Huyện Sông Lô'));
  r = await a.get('/admin/units?level=province&on=2025-07-01');
  text = htmlText(r.text);
  assert.ok(text.includes('Tỉnh Phú Thọ') && !text.includes('Tỉnh Vĩnh Phúc'), 'only the successor on 1/7/2025');
  r = await a.get('/admin/units?level=district&on=2021-04-27');
  text = htmlText(r.text);
  const order = ['Huyện Bình Xuyên', 'Huyện Lập Thạch', 'Huyện Sông Lô', 'Huyện Tam Dương', 'Huyện Tam Đảo',
    'Huyện Vĩnh Tường', 'Huyện Yên Lạc', 'Thành phố Phúc Yên', 'Thành phố Vĩnh Yên'].map((n) => text.indexOf(n));
  assert.ok(order.every((i) => i >= 0), 'all nine districts valid in 2021');
  assert.deepEqual([...order].sort((x, y) => x - y), order, 'sorted by the Vietnamese collation');
  r = await a.get('/admin/agencies?q=so+thong+tin');
  text = htmlText(r.text);
  assert.ok(text.includes('Sở Thông tin và Truyền thông') && !text.includes('Thanh tra tỉnh'));
  r = await a.get('/admin/units?lang=en', { headers: { 'accept-language': 'en' } });
  assert.ok(htmlText(r.text).includes('Admin units'));
}));

test('create and edit an admin unit, with validation and audit', skipUnlessIdentity(async () => {
  const a = await admin();
  const phuTho = await one("SELECT id FROM admin_units WHERE code = '25'");
  await a.get('/admin/units/new');
  let r = await a.post('/admin/units', { code: '1', name: '', level: 'commune', parent: phuTho, valid_from: '2025-02-30' });
  assert.equal(r.status, 422);
  let text = htmlText(r.text);
  assert.ok(text.includes('Mã đơn vị không đúng'), text.slice(0, 800));
  assert.ok(text.includes('Ngày không hợp lệ'));
  r = await a.post('/admin/units', { code: '99901', name: 'Xã Thử Nghiệm', level: 'commune', parent: phuTho,
    valid_from: '2025-07-01' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 800));
  const path = r.headers.location;
  assert.match(path, /^\/admin\/units\/\d+$/);
  r = await a.get(path);
  assert.ok(htmlText(r.text).includes('Xã Thử Nghiệm'));
  // A duplicate (code, valid_from) is refused.
  r = await a.post('/admin/units', { code: '99901', name: 'Xã Khác', level: 'commune', parent: phuTho, valid_from: '2025-07-01' });
  assert.equal(r.status, 422);
  // Edit: rename; a successor without an end date is refused.
  r = await a.post(path, { name: 'Xã Thử Nghiệm Mới', valid_to: '', successor: '' });
  assert.equal(r.status, 303);
  r = await a.post(path, { name: 'Xã Thử Nghiệm Mới', valid_to: '', successor: phuTho });
  assert.equal(r.status, 422);
  assert.equal(await one("SELECT name FROM admin_units WHERE code = '99901'"), 'Xã Thử Nghiệm Mới');
  const actions = (await rows("SELECT action, actor_name FROM audit_log WHERE object_type = 'admin_unit' AND actor_name <> 'demo' ORDER BY seq"));
  assert.deepEqual(actions.map((x) => x[0]), ['admin_unit.create', 'admin_unit.update']);
  r = await a.get('/admin/units/999999');
  assert.equal(r.status, 404);
  r = await a.get('/admin/units/abc');
  assert.equal(r.status, 404);
}));

test('create and edit an agency; a parent cycle is refused', skipUnlessIdentity(async () => {
  const a = await admin();
  const vt = await one("SELECT id FROM admin_units WHERE code = '252'");
  const ubnd = await one("SELECT id FROM agencies WHERE code = 'UBND-VINH-TUONG'");
  await a.get('/admin/agencies/new');
  let r = await a.post('/admin/agencies', { code: 'so tttt', name: 'X', kind: 'department', admin_unit: vt, parent: '' });
  assert.equal(r.status, 422);
  r = await a.post('/admin/agencies', { code: 'BP1C-VINH-TUONG', name: 'Bộ phận Một cửa huyện Vĩnh Tường',
    kind: 'one_stop_centre', admin_unit: vt, parent: ubnd, active: '1' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 800));
  const path = r.headers.location;
  r = await a.get(path);
  assert.ok(htmlText(r.text).includes('Bộ phận Một cửa huyện Vĩnh Tường'));
  const own = path.split('/').pop();
  r = await a.post(`/admin/agencies/${ubnd}`, { name: 'Ủy ban nhân dân huyện Vĩnh Tường', kind: 'peoples_committee',
    admin_unit: vt, parent: own, active: '1' });
  assert.equal(r.status, 422, 'an agency cannot sit under one below it');
  r = await a.post(path, { name: 'Bộ phận Một cửa', kind: 'one_stop_centre', admin_unit: vt, parent: ubnd, active: '' });
  assert.equal(r.status, 303);
  assert.deepEqual((await rows("SELECT name, CASE WHEN active THEN 1 ELSE 0 END FROM agencies WHERE code = 'BP1C-VINH-TUONG'"))[0],
    ['Bộ phận Một cửa', '0']);
}));

test('CSV import: all rows or none, with row-numbered errors', skipUnlessIdentity(async () => {
  const a = await admin();
  await a.get('/admin/units/import');
  const bad = '\uFEFFcode,name,level,parent_code,valid_from,valid_to\r\n'
    + '99911,"Xã Một, Thử",commune,25,2025-07-01,\r\n'
    + '9991,Xã Hai,commune,25,2025-07-01,\r\n';
  let r = await a.postMultipart('/admin/units/import', {}, { name: 'units.csv', content: bad });
  assert.equal(r.status, 422, htmlText(r.text).slice(0, 800));
  assert.ok(htmlText(r.text).includes('Dòng 3:'), htmlText(r.text).slice(0, 1200));
  assert.equal(await one("SELECT COUNT(*) FROM admin_units WHERE code IN ('99911', '9991')"), '0', 'nothing imported');
  const good = bad.replace('9991,Xã Hai', '99912,Xã Hai');
  r = await a.postMultipart('/admin/units/import', {}, { name: 'units.csv', content: good });
  assert.equal(r.status, 200, htmlText(r.text).slice(0, 800));
  assert.ok(htmlText(r.text).includes('Đã nhập 2 dòng.'));
  assert.equal(await one("SELECT name FROM admin_units WHERE code = '99911'"), 'Xã Một, Thử');
  // Agencies, pasted into the textarea; the parent may be an earlier row.
  await a.get('/admin/agencies/import');
  const agencies = 'code,name,kind,admin_unit_code,parent_code,active\n'
    + 'SO-THU,Sở Thử Nghiệm,department,26,UBND-TINH,true\n'
    + 'PHONG-THU,Phòng Thử Nghiệm,other,26,SO-THU,false\n';
  r = await a.postMultipart('/admin/agencies/import', { csv: agencies });
  assert.equal(r.status, 200, htmlText(r.text).slice(0, 800));
  assert.equal(await one("SELECT p.code FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.code = 'PHONG-THU'"), 'SO-THU');
  r = await a.postMultipart('/admin/agencies/import', { csv: 'code,name\nX,Y\n' });
  assert.equal(r.status, 422);
  assert.ok(htmlText(r.text).includes('Dòng 1:'));
}));
