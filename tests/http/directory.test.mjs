// The directory module: demo admin units and agencies (Vĩnh Phúc 2021 and its successor Phú Thọ,
// NA Resolution 202/2025/QH15), administrators' list/search/create/edit/import pages, and that
// nobody else gets in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
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
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
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
  // Issue 16 §2: the Party and election bodies the seed's meeting of 27/4/2021 assigns conclusions to.
  assert.deepEqual(await rows("SELECT a.code, a.kind, COALESCE(p.code, ''), u.code FROM agencies a"
    + ' LEFT JOIN agencies p ON p.id = a.parent_id JOIN admin_units u ON u.id = a.admin_unit_id'
    + " WHERE a.code IN ('TINH-UY', 'BTV-TINH-UY', 'TT-TINH-UY', 'BCSD-UBND-TINH', 'DDOAN-HDND-TINH', 'UBBC-TINH')"
    + ' ORDER BY a.code'), [['BCSD-UBND-TINH', 'party_committee', 'TINH-UY', '26'],
    ['BTV-TINH-UY', 'party_committee', 'TINH-UY', '26'], ['DDOAN-HDND-TINH', 'party_committee', 'TINH-UY', '26'],
    ['TINH-UY', 'party_committee', '', '26'], ['TT-TINH-UY', 'party_committee', 'TINH-UY', '26'],
    ['UBBC-TINH', 'other', '', '26']]);
  assert.equal(await one("SELECT u.code FROM agencies a JOIN admin_units u ON u.id = a.admin_unit_id WHERE a.code = 'UBND-VINH-TUONG'"), '252');
  // Issue 12 §14: the district committees (NA Resolution 202/2025/QH15) and the departments merged
  // in 2025 ended on 30/6/2025, each with its successor; the new bodies start on 1/7/2025.
  const ended = await rows("SELECT a.code, a.valid_to, s.code, CASE WHEN a.active THEN 1 ELSE 0 END FROM agencies a"
    + ' JOIN agencies s ON s.id = a.successor_id ORDER BY a.code');
  assert.deepEqual(ended, [['SO-KHDT', '2025-06-30', 'SO-TC', '0'], ['SO-TNMT', '2025-06-30', 'SO-NNMT', '0'],
    ['SO-TTTT', '2025-06-30', 'SO-KHCN', '0'],
    ['UBND-VINH-TUONG', '2025-06-30', 'UBND-X-VINH-TUONG', '0'], ['UBND-VINH-YEN', '2025-06-30', 'UBND-P-VINH-YEN', '0']]);
  assert.equal(await one("SELECT valid_from FROM agencies WHERE code = 'SO-KHCN'"), '2025-07-01');
  assert.equal(await one("SELECT COUNT(*) FROM agencies WHERE valid_to IS NULL AND valid_from IS NULL AND code = 'SO-KHDT'"), '0');
  assert.equal(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'agency.end' AND actor_name = 'demo'"), '5');
  // Demo cases, procedures and the telecom-cables service are the successors' (none left behind).
  for (const code of ['SO-TTTT', 'SO-KHDT', 'SO-TNMT', 'UBND-VINH-YEN', 'UBND-VINH-TUONG']) {
    const id = await one(`SELECT id FROM agencies WHERE code = '${code}'`);
    assert.equal(await one(`SELECT (SELECT COUNT(*) FROM petitions WHERE agency_id = ${id})`
      + ` + (SELECT COUNT(*) FROM dossiers WHERE agency_id = ${id} OR desk_agency_id = ${id})`
      + ` + (SELECT COUNT(*) FROM procedures WHERE agency_id = ${id} OR desk_agency_id = ${id})`
      + ` + (SELECT COUNT(*) FROM open311_services WHERE agency_id = ${id})`
      + ` + (SELECT COUNT(*) FROM accounts WHERE agency_id = ${id})`), '0', code);
  }
  assert.equal(await one("SELECT a.code FROM open311_services s JOIN agencies a ON a.id = s.agency_id WHERE s.code = 'CABLE'"), 'SO-KHCN');
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
  assert.equal(r.status, 400, 'an id that is not digits is a bad request (core/web/fields.h)');
}));

test('create and edit an agency; a parent cycle is refused', skipUnlessIdentity(async () => {
  const a = await admin();
  const vt = await one("SELECT id FROM admin_units WHERE code = '09076'");
  const ubnd = await one("SELECT id FROM agencies WHERE code = 'UBND-X-VINH-TUONG'");
  await a.get('/admin/agencies/new');
  let r = await a.post('/admin/agencies', { code: 'so tttt', name: 'X', kind: 'department', admin_unit: vt, parent: '' });
  assert.equal(r.status, 422);
  r = await a.post('/admin/agencies', { code: 'BP1C-VINH-TUONG', name: 'Bộ phận Một cửa xã Vĩnh Tường',
    kind: 'one_stop_centre', admin_unit: vt, parent: ubnd, active: '1' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 800));
  const path = r.headers.location;
  r = await a.get(path);
  assert.ok(htmlText(r.text).includes('Bộ phận Một cửa xã Vĩnh Tường'));
  const own = path.split('/').pop();
  r = await a.post(`/admin/agencies/${ubnd}`, { name: 'Ủy ban nhân dân xã Vĩnh Tường', kind: 'peoples_committee',
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

// ---- issue 12 ----

// Today in Viet Nam (UTC+7), as the server counts an agency's last day.
const todayVn = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const agencyId = (code) => one(`SELECT id FROM agencies WHERE code = '${code}'`);
const parentCode = (code) => one(`SELECT COALESCE(p.code, '') FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.code = '${code}'`);

// Issue 12 §6 (directory part): an administrator scoped to one agency changes only agencies
// inside their scope and puts them only under parents inside it; admin units and anything
// province-wide need a province-wide administrator. Nobody grants more than they hold.
test('an agency-scoped administrator cannot re-parent agencies to widen their scope (issue 12 §6)', skipUnlessIdentity(async () => {
  const a = await admin();
  const phuTho = await one("SELECT id FROM admin_units WHERE code = '25'");
  const ubnd = await agencyId('UBND-TINH');
  let r = await a.post('/admin/agencies', { code: 'SO-PHAM-VI', name: 'Sở Phạm Vi', kind: 'department', admin_unit: phuTho,
    parent: ubnd, active: '1' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 600));
  const own = await agencyId('SO-PHAM-VI');
  const email = 'quantri.phamvi@demo.tinhso.vn', password = 'Quan-tri-pham-vi-2026!';
  r = await a.post('/admin/accounts', { full_name: 'Quản trị Sở Phạm Vi', email, password, agency_id: own,
    roles: 'administrator' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 600));
  const scoped = await signInFully(base, email, password);
  const thanhTra = await agencyId('THANH-TRA');

  // Pulling an agency from outside the scope under one's own agency widens the scope: 403.
  r = await scoped.post(`/admin/agencies/${thanhTra}`, { name: 'Thanh tra tỉnh', kind: 'inspectorate', admin_unit: phuTho,
    parent: own, active: '1' });
  assert.equal(r.status, 403, 'THANH-TRA moved under the scoped administrator\'s agency');
  assert.equal(await parentCode('THANH-TRA'), 'UBND-TINH');
  r = await scoped.post(`/admin/agencies/${ubnd}`, { name: 'UBND', kind: 'peoples_committee', admin_unit: phuTho,
    parent: '', active: '1' });
  assert.equal(r.status, 403);
  // Their own agency may be renamed where it stands, not moved out from under its parent.
  r = await scoped.post(`/admin/agencies/${own}`, { name: 'Sở Phạm Vi', kind: 'department', admin_unit: phuTho,
    parent: '', active: '1' });
  assert.equal(r.status, 422);
  assert.ok(htmlText(r.text).includes('phạm vi quản lý'), htmlText(r.text).slice(0, 800));
  assert.equal(await parentCode('SO-PHAM-VI'), 'UBND-TINH');
  r = await scoped.post(`/admin/agencies/${own}`, { name: 'Sở Phạm Vi (đổi tên)', kind: 'department', admin_unit: phuTho,
    parent: ubnd, active: '1' });
  assert.equal(r.status, 303, 'a parent it already had stays allowed');
  // New agencies only inside the scope.
  r = await scoped.post('/admin/agencies', { code: 'PHONG-NGOAI', name: 'Phòng Ngoài', kind: 'other', admin_unit: phuTho,
    parent: ubnd, active: '1' });
  assert.equal(r.status, 422);
  r = await scoped.post('/admin/agencies', { code: 'PHONG-GOC', name: 'Phòng Gốc', kind: 'other', admin_unit: phuTho,
    parent: '', active: '1' });
  assert.equal(r.status, 422);
  r = await scoped.post('/admin/agencies', { code: 'PHONG-TRONG', name: 'Phòng Trong', kind: 'other', admin_unit: phuTho,
    parent: own, active: '1' });
  assert.equal(r.status, 303);
  assert.equal(await one("SELECT COUNT(*) FROM agencies WHERE code IN ('PHONG-NGOAI', 'PHONG-GOC')"), '0');
  r = await scoped.postMultipart('/admin/agencies/import', { csv: 'code,name,kind,admin_unit_code,parent_code,active\n'
    + 'PHONG-NHAP,Phòng Nhập,other,25,UBND-TINH,true\n' });
  assert.equal(r.status, 422);
  assert.equal(await one("SELECT COUNT(*) FROM agencies WHERE code = 'PHONG-NHAP'"), '0');
  // Ending: only inside the scope, and only handing over to a successor inside it.
  r = await scoped.post(`/admin/agencies/${thanhTra}/end`, { valid_to: todayVn(), successor: own, confirm: '1' });
  assert.equal(r.status, 403);
  r = await scoped.post(`/admin/agencies/${await agencyId('PHONG-TRONG')}/end`, { valid_to: todayVn(), successor: ubnd,
    confirm: '1' });
  assert.equal(r.status, 422);
  assert.equal(await one("SELECT COUNT(*) FROM agencies WHERE valid_to IS NOT NULL AND code IN ('THANH-TRA', 'PHONG-TRONG')"), '0');
  // Admin units are province-wide.
  r = await scoped.post('/admin/units', { code: '99931', name: 'Xã Phạm Vi', level: 'commune', parent: phuTho,
    valid_from: '2025-07-01' });
  assert.equal(r.status, 403);
  r = await scoped.post(`/admin/units/${phuTho}`, { name: 'Tỉnh Khác', valid_to: '', successor: '' });
  assert.equal(r.status, 403);
  assert.equal(await one("SELECT name FROM admin_units WHERE code = '25'"), 'Tỉnh Phú Thọ');
  assert.equal((await scoped.get('/admin/units/new')).status, 403);
}));

// Issue 12 §14: ending an agency (last day, successor, confirmation) hands every open dossier and
// petition, its Open311 services and its procedures to the successor in the same transaction,
// each audited; closed cases stay; the ended agency receives nothing afterwards.
test('ending an agency hands its open cases to the successor, audited; it then receives nothing (issue 12 §14)', skipUnlessIdentity(async () => {
  const a = await admin();
  const phuTho = await one("SELECT id FROM admin_units WHERE code = '25'");
  // The demo staff's agency: it has demo dossiers, petitions, a city-report service and procedures.
  const from = await one("SELECT agency_id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'");
  let r = await a.post('/admin/agencies', { code: 'SO-KE-THUA', name: 'Sở Kế Thừa', kind: 'department', admin_unit: phuTho,
    parent: await agencyId('UBND-TINH'), active: '1' });
  assert.equal(r.status, 303);
  const to = await agencyId('SO-KE-THUA');
  const count = (sql) => one(sql).then(Number);
  const openPetitions = `SELECT COUNT(*) FROM petitions WHERE agency_id = ${from} AND state NOT IN ('closed', 'refused', 'forwarded', 'guided')`;
  const closedPetitions = `SELECT COUNT(*) FROM petitions WHERE agency_id = ${from} AND state IN ('closed', 'refused', 'forwarded', 'guided')`;
  const openDossiers = `SELECT COUNT(*) FROM dossiers WHERE (agency_id = ${from} OR desk_agency_id = ${from}) AND state NOT IN ('returned', 'refused', 'withdrawn')`;
  const routing = `SELECT (SELECT COUNT(*) FROM open311_services WHERE agency_id = ${from}) + (SELECT COUNT(*) FROM procedures WHERE agency_id = ${from} OR desk_agency_id = ${from})`;
  const [petitions, closed, dossiers, routes] = [await count(openPetitions), await count(closedPetitions),
    await count(openDossiers), await count(routing)];
  assert.ok(petitions > 0 && dossiers > 0 && routes > 0, `demo cases to hand over: ${petitions} ${dossiers} ${routes}`);

  r = await a.get(`/admin/agencies/${from}`);
  assert.ok(htmlText(r.text).includes('Chấm dứt và chuyển giao'), 'the end form');
  const end = (fields) => a.post(`/admin/agencies/${from}/end`, fields);
  const tomorrow = new Date(Date.now() + 31 * 3600e3).toISOString().slice(0, 10);
  for (const [fields, why] of [[{ valid_to: todayVn(), successor: to }, 'no confirmation'],
    [{ valid_to: tomorrow, successor: to, confirm: '1' }, 'a last day after today'],
    [{ valid_to: '2025-02-30', successor: to, confirm: '1' }, 'not a date'],
    [{ valid_to: todayVn(), successor: from, confirm: '1' }, 'itself as successor'],
    [{ valid_to: todayVn(), successor: '', confirm: '1' }, 'no successor']]) {
    r = await end(fields);
    assert.equal(r.status, 422, why);
  }
  assert.equal(await count(openPetitions), petitions, 'nothing moved by a refused end');
  r = await end({ valid_to: todayVn(), successor: to, confirm: '1' });
  assert.equal(r.status, 303, htmlText(r.text).replace(/\s+/g, ' ').replace(/^.*<main/, '').slice(0, 1000));
  assert.equal(r.headers.location, `/admin/agencies/${from}?handed_over=${petitions + dossiers}`);
  assert.deepEqual((await rows(`SELECT valid_to, successor_id, CASE WHEN active THEN 1 ELSE 0 END FROM agencies WHERE id = ${from}`))[0],
    [todayVn(), to, '0']);
  assert.equal(await count(openPetitions), 0);
  assert.equal(await count(openDossiers), 0);
  assert.equal(await count(routing), 0);
  assert.equal(await count(closedPetitions), closed, 'closed cases stay with the agency that closed them');
  assert.equal(await count(`SELECT COUNT(*) FROM petitions WHERE agency_id = ${to}`), petitions);
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'agency.end' AND object_id = '${from}'`), 1);
  assert.equal(await count("SELECT COUNT(*) FROM audit_log WHERE action = 'agency.hand_over'"), petitions + dossiers + routes,
    'one audit record per case, service and procedure');
  r = await a.get(r.headers.location);
  let text = htmlText(r.text);
  assert.ok(text.includes(`${petitions + dossiers} hồ sơ, đơn thư đã chuyển`), text.slice(0, 1200));
  assert.ok(text.includes('Sở Kế Thừa') && text.includes(todayVn()), 'validity and successor shown');
  assert.ok(!text.includes('Chấm dứt và chuyển giao'), 'no end form for an ended agency');
  // It receives nothing: no longer offered as a successor, a parent or an Open311 routing target.
  const fromCode = await one(`SELECT code FROM agencies WHERE id = ${from}`);
  text = htmlText((await a.get(`/admin/agencies/${to}`)).text);
  assert.ok(text.includes('(UBND-TINH)') && !text.includes(`(${fromCode})`), 'the ended agency is not offered as parent or successor');
  const procedure = (agency) => a.post('/admin/procedures', { code: `END-${agency}`, name: 'Thủ tục sau chấm dứt',
    name_en: '', field: 'Thử nghiệm', level: 'province', agency, desk_agency: 'TTHCC', time_limit: '5', fee_vnd: '0',
    fee_note: '', legal_basis: 'Thử nghiệm', active: '1', documents: 'Đơn | 1', steps: 'Tiếp nhận | 100' });
  assert.equal((await procedure(fromCode)).status, 422, 'no procedure is handled by an ended agency');
  assert.equal((await procedure('SO-KE-THUA')).status, 303, 'its successor handles procedures');
  r = await end({ valid_to: todayVn(), successor: to, confirm: '1' });
  assert.equal(r.status, 422, 'ended twice');
  r = await a.post('/admin/agencies', { code: 'PHONG-DUOI-CU', name: 'Phòng dưới cơ quan cũ', kind: 'other',
    admin_unit: phuTho, parent: from, active: '1' });
  assert.equal(r.status, 422, 'nothing new under an ended agency');
  assert.ok(htmlText(r.text).includes('đã chấm dứt hoạt động'));
  // The agencies CSV takes the period of validity and the successor.
  r = await a.postMultipart('/admin/agencies/import', { csv: 'code,name,kind,admin_unit_code,parent_code,active,valid_from,valid_to,successor_code\n'
    + 'SO-CU-NHAP,Sở Cũ Nhập,department,26,UBND-TINH,true,1997-01-01,2025-06-30,SO-KE-THUA\n'
    + 'SO-MOI-NHAP,Sở Mới Nhập,department,25,UBND-TINH,true,2025-07-01,,\n' });
  assert.equal(r.status, 200, htmlText(r.text).slice(0, 800));
  assert.deepEqual((await rows("SELECT a.valid_from, a.valid_to, s.code, CASE WHEN a.active THEN 1 ELSE 0 END FROM agencies a JOIN agencies s ON s.id = a.successor_id WHERE a.code = 'SO-CU-NHAP'"))[0],
    ['1997-01-01', '2025-06-30', 'SO-KE-THUA', '0']);
  r = await a.postMultipart('/admin/agencies/import', { csv: 'code,name,kind,admin_unit_code,parent_code,active,valid_from,valid_to,successor_code\n'
    + 'SO-CU-HAI,Sở Cũ Hai,department,26,UBND-TINH,true,,2025-06-30,\n' });
  assert.equal(r.status, 422, 'an ended agency needs its successor');
  assert.ok(htmlText(r.text).includes('Dòng 2:'));
}));
