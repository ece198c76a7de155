// Remote areas (issue 6 §2): an administrator flags an admin unit "vùng sâu, vùng xa" (audited,
// also through the units CSV import); a complaint whose matter arose there — chosen in the online
// form or at the desk — gets the longer periods of the Law on Complaints 2011 (Art. 28: resolved
// within 45 days of acceptance instead of 30); the desk officer's checkbox can only add
// remoteness; the desk page shows the unit and the flag; a unit that is not in the list (unknown,
// malformed, or no longer valid) is refused with a message and nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';
import { parsePrometheus } from '../lib/prom.mjs';

let t;
let base;
let citizen;
let agency; // SO-KHCN: the demo specialist's and leader's agency
let remoteUnit; // Xã Vĩnh Tường (09076), flagged by the first test
let plainUnit; // Phường Việt Trì (07900), not flagged
let oldUnit; // Huyện Tam Đảo (248): ended 30/6/2025 with the merger
const staff = {};
before(async () => {
  t = await serverFixture('petitions_remote');
  base = t.srv.url;
  citizen = new Agent(base);
  assert.equal((await citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await citizen.get('/');
  for (const who of ['specialist', 'leader', 'admin']) staff[who] = await signInFully(base, `${who}@demo.tinhso.vn`, PW);
  agency = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  remoteUnit = await one("SELECT id FROM admin_units WHERE code = '09076'");
  plainUnit = await one("SELECT id FROM admin_units WHERE code = '07900'");
  oldUnit = await one("SELECT id FROM admin_units WHERE code = '248'");
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const remoteOf = (table, id) => one(`SELECT CASE WHEN remote THEN 1 ELSE 0 END FROM ${table} WHERE id = ${id}`);
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const idOf = (r) => /\/petitions\/desk\/(\d+)$/.exec(r.headers.location ?? '')?.[1];
const complainant = { name: 'Hà Văn Núi', address: 'Thôn Đồng Bụt, Xã Vĩnh Tường, Phú Thọ', contact: '0912000111' };

async function act(who, id, form) {
  await staff[who].get(`/petitions/desk/${id}`);
  const r = await staff[who].post(`/petitions/desk/${id}/act`, form);
  assert.equal(r.status, 303, `${who} ${form.action}: ${plain(r.text).slice(0, 300)}`);
}

// Files a first complaint online as the demo citizen; returns the petition's id.
async function fileOnline(fields) {
  await citizen.get('/petitions/new');
  const r = await citizen.post('/petitions', { kind: 'complaint_first', agency, subject: 'Khiếu nại quyết định thu hồi đất',
    content: 'Tôi không đồng ý với quyết định thu hồi đất nông nghiệp của gia đình.', ...complainant, ...fields });
  assert.equal(r.status, 303, plain(r.text).slice(0, 500));
  const code = /\/petitions\/(PA-\d{6}-\d{6})\?sent=1$/.exec(r.headers.location)?.[1];
  return one(`SELECT id FROM petitions WHERE code = '${code}'`);
}

// The resolve due day `days` calendar days after the acceptance, counted under the Civil Code:
// from the acceptance's day whatever its hour (issue 12 finding 11), so the day alone is asked
// (a date without a time is never moved by the dossiers' cut-off).
async function dueAfterAcceptance(id, days) {
  const accepted = await one(`SELECT accepted_at FROM petitions WHERE id = ${id}`);
  const local = new Date(Date.parse(accepted) + 7 * 3600_000).toISOString().slice(0, 10);
  const r = await citizen.get(`/api/v1/calendar/due?from=${local}&days=${days}`);
  assert.equal(r.status, 200, r.text);
  return (await r.json()).due;
}

test('an administrator flags a commune remote: shown and audited, in one transaction with the edit', async () => {
  const a = staff.admin;
  let page = await a.get(`/admin/units/${remoteUnit}`);
  assert.equal(page.status, 200);
  assert.match(plain(page.text), /Vùng sâu, vùng xa \(xã đặc biệt khó khăn\) Không/);
  const r = await a.post(`/admin/units/${remoteUnit}`, { name: 'Xã Vĩnh Tường', valid_to: '', successor: '', remote: '1' });
  assert.equal(r.status, 303, plain(r.text).slice(0, 500));
  assert.equal(await remoteOf('admin_units', remoteUnit), '1');
  page = await a.get(`/admin/units/${remoteUnit}`);
  assert.match(plain(page.text), /Vùng sâu, vùng xa \(xã đặc biệt khó khăn\) Có/);
  assert.match(page.text, /id="f-remote" name="remote" value="1" checked/);
  assert.match(plain((await a.get('/admin/units?q=vinh+tuong')).text), /Xã Vĩnh Tường vùng sâu, vùng xa/);
  const audit = (await t.db.exec(`SELECT before_summary, after_summary FROM audit_log WHERE action = 'admin_unit.update'
    AND object_id = '${remoteUnit}' ORDER BY seq`)).trim().split('\n').map((l) => l.split('\t'));
  assert.equal(audit.length, 1, 'one audit record');
  assert.equal(JSON.parse(audit[0][0]).remote, false);
  assert.equal(JSON.parse(audit[0][1]).remote, true);
  // No other unit changed.
  assert.equal(await one('SELECT COUNT(*) FROM admin_units WHERE remote'), '1');
});

test('the online form offers the units valid today, Vietnamese order, the remote one marked', async () => {
  const r = await citizen.get('/petitions/new?kind=complaint_first');
  assert.equal(r.status, 200);
  const select = /<select id="f-admin_unit" name="admin_unit"[^>]*>([\s\S]*?)<\/select>/.exec(r.text)?.[1];
  assert.ok(select, 'the "Địa bàn xảy ra vụ việc" select');
  assert.match(plain(r.text), /Địa bàn xảy ra vụ việc/);
  const labels = [...select.matchAll(/<option value="(\d*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(labels[0], ['', '(Không chọn)'], 'optional: none first');
  const names = labels.slice(1).map((l) => l[1]);
  const order = ['Phường Việt Trì', 'Phường Vĩnh Yên', 'Tỉnh Phú Thọ', 'Xã Vĩnh Tường — vùng sâu, vùng xa'];
  assert.deepEqual(names.filter((n) => order.includes(n)), order, `Vietnamese collation order: ${names}`);
  assert.ok(!names.some((n) => n.includes('Huyện Tam Đảo') || n.includes('Tỉnh Vĩnh Phúc')), 'units that ended are not offered');
});

test('a complaint filed online for the remote commune is resolved within 45 days of acceptance, elsewhere 30', async () => {
  const remote = await fileOnline({ admin_unit: remoteUnit });
  const elsewhere = await fileOnline({ admin_unit: plainUnit, subject: 'Khiếu nại quyết định xử phạt' });
  const none = await fileOnline({ admin_unit: '', subject: 'Khiếu nại quyết định cấp phép' });
  assert.equal(await one(`SELECT COALESCE(admin_unit_id, 0) FROM petitions WHERE id = ${remote}`), remoteUnit);
  assert.equal(await one(`SELECT COALESCE(admin_unit_id, 0) FROM petitions WHERE id = ${elsewhere}`), plainUnit);
  assert.equal(await one(`SELECT COALESCE(admin_unit_id, 0) FROM petitions WHERE id = ${none}`), '0');
  assert.equal(await remoteOf('petitions', remote), '1', 'remote from the unit\'s flag');
  assert.equal(await remoteOf('petitions', elsewhere), '0');
  assert.equal(await remoteOf('petitions', none), '0');
  for (const id of [remote, elsewhere]) {
    await act('specialist', id, { action: 'classify', kind: 'complaint_first' });
    await act('leader', id, { action: 'accept' });
  }
  const resolveDue = (id) => one(`SELECT resolve_due FROM petitions WHERE id = ${id}`);
  assert.equal(await resolveDue(remote), await dueAfterAcceptance(remote, 45), 'Law on Complaints 2011 Art. 28: 45 days');
  assert.equal(await resolveDue(elsewhere), await dueAfterAcceptance(elsewhere, 30), 'Art. 28: 30 days');
  assert.ok(await resolveDue(remote) > await resolveDue(elsewhere));

  const page = plain((await staff.specialist.get(`/petitions/desk/${remote}`)).text);
  assert.match(page, /Địa bàn xảy ra vụ việc Xã Vĩnh Tường — vùng sâu, vùng xa/);
  const other = plain((await staff.specialist.get(`/petitions/desk/${elsewhere}`)).text);
  assert.match(other, /Địa bàn xảy ra vụ việc Phường Việt Trì/);
  assert.ok(!other.includes('vùng sâu, vùng xa'), 'no remote flag for the ward');
  // The citizen's own page shows it too.
  const code = await one(`SELECT code FROM petitions WHERE id = ${remote}`);
  assert.match(plain((await citizen.get(`/petitions/${code}`)).text), /Địa bàn xảy ra vụ việc Xã Vĩnh Tường — vùng sâu, vùng xa/);
});

test('a unit not in the list is refused with a message, nothing stored (online and desk)', async () => {
  const before = await one('SELECT COUNT(*) FROM petitions');
  // Not an id at all (only a tampered form sends one): 400 by the one id rule (issue 13 §4).
  for (const bad of ['abc', '-1']) {
    await citizen.get('/petitions/new');
    const r = await citizen.post('/petitions', { kind: 'complaint_first', agency, subject: 'Khiếu nại', content: 'Nội dung',
      ...complainant, admin_unit: bad });
    assert.equal(r.status, 400, `online ${bad}`);
  }
  for (const bad of ['999999', oldUnit]) {
    await citizen.get('/petitions/new');
    const r = await citizen.post('/petitions', { kind: 'complaint_first', agency, subject: 'Khiếu nại', content: 'Nội dung',
      ...complainant, admin_unit: bad });
    assert.equal(r.status, 422, `online ${bad}`);
    assert.match(plain(r.text), /Hãy chọn địa bàn xảy ra vụ việc có trong danh sách/);
    assert.match(r.text, /<select id="f-admin_unit"/, 'the form again');
  }
  await staff.specialist.get('/petitions/desk/new');
  const r = await staff.specialist.post('/petitions/desk/new', { channel: 'letter', received_on: today(), kind: 'feedback',
    agency, group_size: '1', subject: 'Phản ánh', content: 'Nội dung', admin_unit: '999999' });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Hãy chọn địa bàn xảy ra vụ việc có trong danh sách/);
  assert.equal(await one('SELECT COUNT(*) FROM petitions'), before);
});

test('desk entry: the unit\'s flag applies by itself; the officer\'s checkbox only adds remoteness', async () => {
  const form = await staff.specialist.get('/petitions/desk/new');
  assert.match(form.text, /<select id="f-admin_unit" name="admin_unit"/);
  const record = async (fields) => {
    await staff.specialist.get('/petitions/desk/new');
    const r = await staff.specialist.post('/petitions/desk/new', { channel: 'letter', received_on: today(),
      kind: 'complaint_first', agency, group_size: '1', subject: 'Khiếu nại quyết định thu hồi đất',
      content: 'Nội dung khiếu nại', decision_on: today(), ...complainant, ...fields });
    assert.equal(r.status, 303, plain(r.text).slice(0, 500));
    return idOf(r);
  };
  const flagged = await record({ admin_unit: remoteUnit });
  const ward = await record({ admin_unit: plainUnit });
  const marked = await record({ admin_unit: plainUnit, remote: '1' });
  const markedNoUnit = await record({ remote: '1' });
  assert.equal(await remoteOf('petitions', flagged), '1', 'no checkbox needed for a flagged unit');
  assert.equal(await remoteOf('petitions', ward), '0');
  assert.equal(await remoteOf('petitions', marked), '1', 'the officer adds remoteness');
  assert.equal(await remoteOf('petitions', markedNoUnit), '1');
  assert.equal(await one(`SELECT COALESCE(admin_unit_id, 0) FROM petitions WHERE id = ${markedNoUnit}`), '0');
  assert.match(plain((await staff.specialist.get(`/petitions/desk/${flagged}`)).text), /Địa bàn xảy ra vụ việc Xã Vĩnh Tường — vùng sâu, vùng xa/);
  assert.match(plain((await staff.specialist.get(`/petitions/desk/${markedNoUnit}`)).text), /Vùng sâu, vùng xa, đi lại khó khăn vùng sâu, vùng xa/);
});

test('the flag cleared again; the units CSV import reads an optional remote column', async () => {
  const a = staff.admin;
  await a.get(`/admin/units/${remoteUnit}`);
  let r = await a.post(`/admin/units/${remoteUnit}`, { name: 'Xã Vĩnh Tường', valid_to: '', successor: '' });
  assert.equal(r.status, 303);
  assert.equal(await remoteOf('admin_units', remoteUnit), '0', 'an unticked box clears it');
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'admin_unit.update' AND object_id = '${remoteUnit}'`), '2');

  await a.get('/admin/units/import');
  const header = 'code,name,level,parent_code,valid_from,valid_to,remote\n';
  const bad = `${header}99921,Xã Núi Một,commune,25,2025-07-01,,true\n99922,Xã Đồng Hai,commune,25,2025-07-01,,có\n`;
  r = await a.postMultipart('/admin/units/import', { csv: bad });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Dòng 3: Cột remote chỉ nhận true, false, 1, 0 hoặc để trống/);
  assert.equal(await one("SELECT COUNT(*) FROM admin_units WHERE code IN ('99921', '99922')"), '0', 'nothing imported');
  r = await a.postMultipart('/admin/units/import', { csv: bad.replace(',có', ',') });
  assert.equal(r.status, 200, plain(r.text).slice(0, 500));
  assert.equal(await one("SELECT CASE WHEN remote THEN 1 ELSE 0 END FROM admin_units WHERE code = '99921'"), '1');
  assert.equal(await one("SELECT CASE WHEN remote THEN 1 ELSE 0 END FROM admin_units WHERE code = '99922'"), '0');
  const created = await one("SELECT after_summary FROM audit_log WHERE action = 'admin_unit.create' AND object_id = (SELECT CAST(id AS TEXT) FROM admin_units WHERE code = '99921')");
  assert.equal(JSON.parse(created).remote, true, 'the import is audited with the flag');
});

test('the pages with the unit list or a petition\'s unit stay within 10 SQL statements (issue 5)', async () => {
  // Every page above was visited at least once with a unit chosen or shown; the server's own count.
  const metrics = parsePrometheus((await new Agent(base).get('/metrics')).text);
  const samples = metrics.get('tinhso_http_request_sql_statements_max').samples.filter((s) => s.labels.method === 'GET');
  const max = (route) => samples.find((s) => s.labels.route === route)?.value;
  for (const route of ['/petitions/new', '/petitions/desk/new', '/petitions/desk/{id}', '/admin/units/{id}', '/admin/units']) {
    assert.ok(max(route) !== undefined, `${route} counted: ${samples.map((s) => s.labels.route)}`);
    assert.ok(max(route) <= 10, `${route}: ${max(route)} statements`);
  }
});

test('the desk search filters by admin unit (everyone) and by agency (inspectors, the province leader); pages keep the filters', async () => {
  const inspector = await signInFully(base, 'inspector@demo.tinhso.vn', PW);
  const rows = (html) => [...html.replaceAll('&#x2F;', '/').matchAll(/<tr><td><a href="\/petitions\/desk\/(\d+)">/g)].map((m) => m[1]);
  const inUnit = (await t.db.exec(`SELECT id FROM petitions WHERE admin_unit_id = ${remoteUnit} ORDER BY id`)).trim().split('\n');
  assert.ok(inUnit.length >= 1, 'earlier tests filed petitions for the remote commune');
  const byUnit = await staff.specialist.get(`/petitions/desk?unit=${remoteUnit}`);
  assert.equal(byUnit.status, 200);
  assert.match(byUnit.text, new RegExp(`<option value="${remoteUnit}" selected>`));
  const ownInUnit = new Set((await t.db.exec(`SELECT id FROM petitions WHERE admin_unit_id = ${remoteUnit} AND agency_id = ${agency}`)).trim().split('\n'));
  assert.deepEqual(rows(byUnit.text).sort(), [...ownInUnit].sort(), "the specialist: their agency's petitions of that unit");
  assert.deepEqual(rows((await staff.specialist.get(`/petitions/desk?unit=${plainUnit}&kind=denunciation`)).text), []);
  // The specialist has no agency choice (their own agency's petitions only); the inspector has.
  assert.doesNotMatch(byUnit.text, /id="f-agency"/);
  const ward = await one("SELECT id FROM agencies WHERE code = 'UBND-P-VIET-TRI'");
  const wardPage = await inspector.get(`/petitions/desk?agency=${ward}`);
  assert.match(wardPage.text, new RegExp(`<option value="${ward}" selected>`));
  const wardIds = new Set((await t.db.exec(`SELECT id FROM petitions WHERE agency_id = ${ward}`)).trim().split('\n'));
  const listed = rows(wardPage.text);
  assert.ok(listed.length >= 1 && listed.every((id) => wardIds.has(id)), 'only the chosen agency\'s petitions');
  // A specialist's agency parameter is ignored: still their own agency.
  const ignored = rows((await staff.specialist.get(`/petitions/desk?agency=${ward}`)).text);
  const own = new Set((await t.db.exec(`SELECT id FROM petitions WHERE agency_id = ${agency}`)).trim().split('\n'));
  assert.ok(ignored.every((id) => own.has(id)));
  // The export link carries the filters (the next-page link is built from the same string).
  const filtered = await inspector.get(`/petitions/desk?kind=feedback&unit=${remoteUnit}&agency=${ward}`);
  const exportUrl = /<a href="([^"]*export\.csv[^"]*)" download>/.exec(filtered.text.replaceAll('&#x2F;', '/').replaceAll('&amp;', '&'))?.[1];
  assert.equal(exportUrl, `/petitions/desk/export.csv?kind=feedback&agency=${ward}&unit=${remoteUnit}`);
});
