// Open311 GeoReport v2 at /open311/v2/ (issue 6 §6; ../shared/domain/OPEN311.md) over HTTP, on
// both databases: every method in JSON and in XML, every documented error (404 unknown resource,
// service, request, token or jurisdiction; 403 missing, unknown or revoked api_key; 400 anything
// else, several at once), reports becoming petitions in the same workflow (realtime at once,
// batch through the intake job and a token), expected_datetime from the deadline engine,
// FixMyStreet's servicerequestupdates both ways, API keys from the admin page and the command
// line, services imported as data, and the public city-reports page without personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { runCli, startServer } from '../lib/server.mjs';
import { createDatabase } from '../lib/db.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

let t;
let api;  // base URL of the API
let key;  // a key issued on the command line
const staff = {};
before(async () => {
  t = await serverFixture('open311');
  api = `${t.srv.url}/open311/v2`;
  const r = await runCli(['open311', 'key', 'create', '--db', t.db.url, '--name', 'Ứng dụng thử']);
  assert.equal(r.code, 0, r.stderr);
  key = r.stdout.trim();
  assert.match(key, /^o311_[A-Za-z0-9_-]{43}$/);
  for (const who of ['specialist', 'leader', 'admin']) staff[who] = await signInFully(t.srv.url, `${who}@demo.tinhso.vn`, PW);
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format', 'request_update'].includes(name) });

// GET or POST `path` (below /open311/v2/); returns {status, type, body (parsed), text}.
async function call(path, { form, headers = {} } = {}) {
  const init = { headers: { ...headers } };
  if (form) {
    init.method = 'POST';
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [].concat(v)) p.append(k, x);
    init.body = p.toString();
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const r = await fetch(`${api}/${path}`, init);
  const text = await r.text();
  const type = r.headers.get('content-type');
  let body;
  if (type.startsWith('application/json')) body = JSON.parse(text);
  else if (type.startsWith('text/xml')) {
    assert.match(text, /^<\?xml version="1.0" encoding="utf-8"\?>\n/);
    body = xml.parse(text);
  }
  return { status: r.status, type, body, text };
}

// The errors of an error answer in either format, as [{code, description}].
function errorsOf(r) {
  if (r.type.startsWith('application/json')) return r.body;
  return r.body.errors.error.map((e) => ({ code: Number(e.code), description: e.description }));
}

function expectError(r, status, pattern) {
  assert.equal(r.status, status, r.text);
  const errs = errorsOf(r);
  assert.ok(errs.length >= 1);
  assert.equal(errs[0].code, status);
  assert.match(errs[0].description, pattern);
}

const report = (extra = {}) => ({ api_key: key, service_code: 'ROAD', lat: '21.3227', long: '105.4019',
  'attribute[severity]': 'serious', description: 'Ổ gà giữa đường, liên hệ 0912 345 678', first_name: 'Lê', last_name: 'Văn Báo',
  email: 'bao@example.vn', phone: '0912345678', ...extra });

test('discovery in JSON and XML: the spec, this endpoint, both formats', async () => {
  const j = await call('discovery.json');
  assert.equal(j.status, 200);
  assert.equal(j.type, 'application/json; charset=utf-8');
  assert.equal(j.body.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.match(j.body.endpoints[0].url, /\/open311\/v2$/);
  assert.deepEqual(j.body.endpoints[0].formats, ['text/xml', 'application/json']);
  assert.match(j.body.changeset, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  assert.match(j.body.key_service, /quản trị/);
  const x = await call('discovery.xml');
  assert.equal(x.type, 'text/xml; charset=utf-8');
  assert.equal(x.body.discovery.endpoints.endpoint[0].type, 'production');
  assert.deepEqual(x.body.discovery.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
});

test('services and service definitions in JSON and XML, Vietnamese by default and English on request', async () => {
  const j = await call('services.json');
  assert.equal(j.status, 200);
  const codes = j.body.map((s) => s.service_code);
  for (const c of ['ROAD', 'LIGHT', 'WASTE', 'DRAIN', 'FLOOD', 'TREE', 'CABLE', 'SIDEWALK']) assert.ok(codes.includes(c), c);
  const road = j.body.find((s) => s.service_code === 'ROAD');
  assert.deepEqual(Object.keys(road), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
  assert.equal(road.service_name, 'Hư hỏng mặt đường (ổ gà, sụt lún)');
  assert.equal(road.metadata, true);
  assert.equal(j.body.find((s) => s.service_code === 'DRAIN').metadata, false);
  assert.equal(j.body.find((s) => s.service_code === 'TREE').type, 'batch');
  const en = await call('services.json', { headers: { 'accept-language': 'en' } });
  assert.equal(en.body.find((s) => s.service_code === 'ROAD').service_name, 'Road damage (potholes, subsidence)');
  const x = await call('services.xml');
  assert.equal(x.body.services.service.length, j.body.length);
  assert.equal(x.body.services.service[0].metadata, 'true');

  const d = await call('services/ROAD.json');
  assert.equal(d.status, 200);
  assert.equal(d.body.service_code, 'ROAD');
  const severity = d.body.attributes.find((a) => a.code === 'severity');
  assert.equal(severity.datatype, 'singlevaluelist');
  assert.equal(severity.required, true);
  assert.deepEqual(severity.values.map((v) => v.key), ['minor', 'serious', 'danger']);
  assert.ok(!('values' in d.body.attributes.find((a) => a.code === 'area_m2')), 'values only for list attributes');
  const tree = await call('services/TREE.xml');
  const info = tree.body.service_definition.attributes.attribute.find((a) => a.code === 'safety');
  assert.equal(info.variable, 'false');
  expectError(await call('services/NOPE.json'), 404, /^service_code: unknown service/);
  expectError(await call('services/NOPE.xml'), 404, /^service_code: unknown service/);
});

test('POST requests: a realtime report becomes a petition of the service\'s agency at once', async () => {
  const r = await call('requests.json', { form: report() });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.length, 1);
  const code = r.body[0].service_request_id;
  assert.match(code, /^PA-\d{6}-\d{6}$/);
  assert.ok(!('token' in r.body[0]), 'id or token, not both');
  const row = (await t.db.exec(`SELECT p.kind, p.channel, p.state, p.category, a.code, p.filer_name, p.filer_contact, p.resolve_due
    FROM petitions p JOIN agencies a ON a.id = p.agency_id WHERE p.code = '${code}'`)).trim().split('\t');
  assert.deepEqual(row.slice(0, 7), ['feedback', 'open311', 'received', 'ROAD', 'UBND-P-VIET-TRI', 'Lê Văn Báo', 'bao@example.vn; 0912345678']);
  assert.equal(r.body[0].service_notice, `Hạn xử lý dự kiến: ${row[7]}`, 'expected date = the petition\'s legal due day');
  const content = await one(`SELECT content FROM petitions WHERE code = '${code}'`);
  assert.match(content, /Ổ gà giữa đường/);
  const personal = await one(`SELECT first_name || last_name || email || phone FROM open311_reports r JOIN petitions p ON p.id = r.petition_id WHERE p.code = '${code}'`);
  assert.equal(personal ?? '', '', 'the reporter\'s personal data is kept on the petition only');
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  assert.equal(await one(`SELECT action FROM petition_events WHERE petition_id = ${id}`), 'receive');
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'petition.receive' AND object_id = '${id}'`), '1');

  const x = await call('requests.xml', { form: report({ service_code: 'DRAIN', lat: '', long: '', 'attribute[severity]': '', address_string: 'Phố Lê Xoay, Vĩnh Yên' }) });
  assert.equal(x.status, 201, x.text);
  assert.match(x.body.service_requests.request[0].service_request_id, /^PA-/);

  const one311 = await call(`requests/${code}.json`);
  assert.equal(one311.status, 200);
  const req = one311.body[0];
  assert.equal(req.status, 'open');
  assert.equal(req.service_code, 'ROAD');
  assert.equal(req.agency_responsible, 'Ủy ban nhân dân phường Việt Trì');
  assert.equal(req.expected_datetime, `${row[7]}T17:00:00+07:00`);
  assert.equal(req.lat, 21.3227);
  assert.equal(req.long, 105.4019);
  assert.equal(req.description, 'Ổ gà giữa đường, liên hệ […]', 'a phone number in the text is masked');
  for (const secret of ['Báo', 'bao@example.vn', '0912345678']) assert.ok(!one311.text.includes(secret), secret);
  const oneXml = await call(`requests/${code}.xml`);
  assert.equal(oneXml.body.service_requests.request[0].service_request_id, code);
  assert.equal(oneXml.body.service_requests.request[0].long, '105.4019');
  expectError(await call('requests/PA-000000-000000.json'), 404, /^service_request_id: unknown request/);
  expectError(await call('requests/PA-000000-000000.xml'), 404, /^service_request_id: unknown request/);
});

test('POST requests to a batch service answers a token; the intake job makes the case once', async () => {
  const r = await call('requests.json', { form: report({ service_code: 'TREE', 'attribute[severity]': '', 'attribute[blocking]': 'yes' }) });
  assert.equal(r.status, 201, r.text);
  const token = r.body[0].token;
  assert.match(token, /^[A-Za-z0-9_-]{24}$/);
  assert.ok(!('service_request_id' in r.body[0]));
  let id = null;
  for (let i = 0; i < 40 && !id; i++) {
    const s = await call(`tokens/${token}.json`);
    assert.equal(s.status, 200);
    assert.equal(s.body[0].token, token);
    id = s.body[0].service_request_id;
    if (!id) await new Promise((res) => setTimeout(res, 250));
  }
  assert.match(id, /^PA-\d{6}-\d{6}$/, 'the intake job made the petition');
  const x = await call(`tokens/${token}.xml`);
  assert.equal(x.body.service_requests.request[0].service_request_id, id);
  assert.equal(await one(`SELECT COUNT(*) FROM open311_reports WHERE token = '${token}' AND petition_id IS NOT NULL`), '1');
  assert.equal(await one(`SELECT category FROM petitions WHERE code = '${id}'`), 'TREE');
  expectError(await call('tokens/no-such-token.json'), 404, /^token: unknown token/);
  expectError(await call('tokens/no-such-token.xml'), 404, /^token: unknown token/);
});

test('POST requests errors: 403 key, 404 service or jurisdiction, 400 each bad field, nothing stored', async () => {
  const before = await one('SELECT COUNT(*) FROM open311_reports');
  expectError(await call('requests.json', { form: report({ api_key: '' }) }), 403, /^api_key: required/);
  expectError(await call('requests.xml', { form: report({ api_key: 'o311_wrong' }) }), 403, /^api_key: unknown or revoked key/);
  expectError(await call('requests.json', { form: report({ service_code: 'NOPE' }) }), 404, /^service_code: unknown service/);
  expectError(await call('requests.json', { form: report({ jurisdiction_id: 'elsewhere.example' }) }), 404, /^jurisdiction_id: unknown jurisdiction/);
  const many = await call('requests.json', { form: report({ lat: '91', long: '', 'attribute[severity]': 'huge', email: 'not-an-email', media_url: 'ftp://x' }) });
  assert.equal(many.status, 400);
  const why = many.body.map((e) => e.description.split(':')[0]);
  for (const f of ['lat', 'long', 'email', 'media_url', 'attribute[severity]']) assert.ok(why.includes(f), `${f} in ${why}`);
  expectError(await call('requests.xml', { form: report({ lat: '', long: '' }) }), 400, /^location: required/);
  expectError(await call('requests.json', { form: report({ description: 'đ'.repeat(4001) }) }), 400, /^description: is longer than 4000 characters/);
  expectError(await call('requests.json', { form: report({ 'attribute[severity]': '' }) }), 400, /^attribute\[severity\]: required/);
  assert.equal(await one('SELECT COUNT(*) FROM open311_reports'), before, 'nothing stored');
  // The right jurisdiction (this server's host) is accepted.
  assert.equal((await call('requests.json', { form: report({ jurisdiction_id: '127.0.0.1' }) })).status, 201);
});

test('GET requests: the 90-day window, filters, paging, and every documented error, in JSON and XML', async () => {
  const all = await call('requests.json');
  assert.equal(all.status, 200);
  assert.ok(all.body.length >= 9, `demo + posted reports, got ${all.body.length}`);
  const times = all.body.map((r) => r.requested_datetime);
  assert.deepEqual([...times].sort().reverse(), times, 'newest first');
  for (const r of all.body) for (const secret of ['bao@example.vn', 'Văn Báo']) assert.ok(!JSON.stringify(r).includes(secret));
  const x = await call('requests.xml');
  assert.equal(x.body.service_requests.request.length, all.body.length);
  // Large lists go gzip-compressed to clients that take it, the same answer.
  const gz = await fetch(`${api}/requests.json`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(gz.headers.get('vary'), /Accept-Encoding/);
  assert.deepEqual(await gz.json(), all.body);
  const roads = await call('requests.json?service_code=ROAD,LIGHT');
  assert.ok(roads.body.length >= 2 && roads.body.every((r) => ['ROAD', 'LIGHT'].includes(r.service_code)));
  const codes = all.body.slice(0, 2).map((r) => r.service_request_id);
  const byId = await call(`requests.json?service_request_id=${codes.join(',')}&service_code=NOPE`);
  assert.deepEqual(byId.body.map((r) => r.service_request_id).sort(), [...codes].sort(), 'ids override the other filters');
  const page2 = await call('requests.json?page_size=2&page=2');
  assert.deepEqual(page2.body.map((r) => r.service_request_id), all.body.slice(2, 4).map((r) => r.service_request_id));
  const old = await call('requests.json?start_date=2020-01-01T00:00:00%2B07:00&end_date=2020-02-01T00:00:00%2B07:00');
  assert.deepEqual(old.body, []);
  assert.deepEqual((await call('requests.json?status=closed&service_code=SIDEWALK')).body, []);

  expectError(await call('requests.json?start_date=yesterday'), 400, /^start_date: /);
  expectError(await call('requests.xml?start_date=2026-02-01&end_date=2026-01-01'), 400, /^end_date: /);
  expectError(await call('requests.json?start_date=2026-01-01&end_date=2026-06-01'), 400, /90 days/);
  expectError(await call('requests.json?status=pending'), 400, /^status: /);
  expectError(await call('requests.json?page_size=0'), 400, /^page_size: /);
  expectError(await call('requests.json?jurisdiction_id=elsewhere.example'), 404, /^jurisdiction_id: unknown jurisdiction/);
});

test('the same workflow: officers handle a CABLE report; status, notes and FixMyStreet updates follow', async () => {
  const r = await call('requests.json', { form: report({ service_code: 'CABLE', 'attribute[severity]': '', 'attribute[cable_type]': 'phone', description: 'Cáp võng thấp qua đường' }) });
  const code = r.body[0].service_request_id;
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  const specialistId = await one("SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'");
  const act = async (who, form) => {
    await staff[who].get(`/petitions/desk/${id}`);
    const res = await staff[who].post(`/petitions/desk/${id}/act`, form);
    assert.equal(res.status, 303, `${form.action}: ${plain(res.text).slice(0, 200)}`);
  };
  const desk = plain((await staff.specialist.get(`/petitions/desk/${id}`)).text);
  assert.match(desk, /Cáp võng thấp qua đường/);
  assert.match(desk, /Loại cáp: Điện thoại/, 'the answered attribute by its Vietnamese name');

  const up = await call('servicerequestupdates.json', { form: { api_key: key, service_request_id: code, status: 'OPEN', description: 'Vẫn chưa ai đến xử lý', update_id: 'c-1', updated_datetime: '2026-11-27T08:00:00+07:00' } });
  assert.equal(up.status, 201, up.text);
  assert.match(up.body[0].update_id, /^\d+$/);
  assert.match(plain((await staff.specialist.get(`/petitions/desk/${id}`)).text), /Vẫn chưa ai đến xử lý/, 'the officer sees the comment');
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'open311.update'`), '1');

  // Cached on this node now; the decision below must still show at once (the answer version).
  const cableList = async () => (await call('requests.json?service_code=CABLE')).body.find((x) => x.service_request_id === code);
  assert.equal((await cableList()).status, 'open');
  assert.equal((await cableList()).status, 'open');
  await act('specialist', { action: 'classify', kind: 'feedback' });
  await act('leader', { action: 'accept' });
  await act('leader', { action: 'assign', assignee: specialistId });
  await act('specialist', { action: 'verify', note: 'Đã kiểm tra hiện trường' });
  await act('leader', { action: 'decide', note: 'Văn bản số 45/STTTT: doanh nghiệp đã nâng cáp' });
  assert.equal((await cableList()).status, 'closed', 'a cached list answer is not reused after a change');
  const closed = (await call(`requests/${code}.json`)).body[0];
  assert.equal(closed.status, 'closed');
  assert.equal(closed.expected_datetime, null);
  assert.match(closed.status_notes, /Văn bản số 45\/STTTT/);
  assert.ok((await call('requests.json?status=closed')).body.some((x) => x.service_request_id === code));
  assert.ok(!(await call('requests.json?status=open')).body.some((x) => x.service_request_id === code));

  const updates = await call('servicerequestupdates.json?start_date=2020-01-01T00:00:00Z');
  assert.equal(updates.status, 200);
  const mine = updates.body.filter((u) => u.service_request_id === code);
  assert.deepEqual(mine.map((u) => u.status), ['open', 'investigating', 'investigating', 'action_scheduled', 'in_progress', 'fixed']);
  assert.match(mine.at(-1).description, /45\/STTTT/);
  assert.ok(!mine.some((u) => /Vẫn chưa/.test(u.description ?? '')), 'the client\'s own update is not echoed');
  const ux = await call('servicerequestupdates.xml?start_date=2020-01-01T00:00:00Z');
  assert.equal(ux.body.service_request_updates.request_update.filter((u) => u.service_request_id === code).length, mine.length);
  expectError(await call('servicerequestupdates.json?start_date=nope'), 400, /^start_date: /);

  expectError(await call('servicerequestupdates.json', { form: { service_request_id: code, status: 'open', description: 'x' } }), 403, /^api_key: required/);
  expectError(await call('servicerequestupdates.xml', { form: { api_key: key, service_request_id: 'PA-000000-000000', status: 'open', description: 'x' } }), 404, /^service_request_id: unknown request/);
  const other = (await runCli(['open311', 'key', 'create', '--db', t.db.url, '--name', 'Ứng dụng khác'])).stdout.trim();
  expectError(await call('servicerequestupdates.json', { form: { api_key: other, service_request_id: code, status: 'open', description: 'x' } }),
    403, /^api_key: this key did not file the request/);
  const bad = await call('servicerequestupdates.json', { form: { api_key: key, service_request_id: code, status: 'exploded' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.map((e) => e.description.split(':')[0]), ['status', 'description']);
});

test('unknown resources and formats answer the spec\'s 404', async () => {
  expectError(await call('nothing.json'), 404, /^resource: unknown resource/);
  const noSuffix = await call('requests');
  assert.equal(noSuffix.status, 404);
  assert.equal(noSuffix.type, 'text/xml; charset=utf-8', 'without a format: XML, the required one');
  assert.equal((await call('requests.html')).status, 404);
  expectError(await call('discovery.json', { form: { api_key: key } }), 404, /^resource: unknown resource/);
});

test('API keys: issued and revoked by an administrator on the page (audited), refused once revoked', async () => {
  const page = await staff.admin.get('/admin/open311');
  assert.equal(page.status, 200);
  assert.match(plain(page.text), /Ứng dụng thử/);
  assert.match(plain(page.text), /Hư hỏng mặt đường/);
  const bad = await staff.admin.post('/admin/open311/keys', { name: '  ' });
  assert.equal(bad.status, 422);
  assert.match(plain(bad.text), /Nhập tên ứng dụng/);
  const made = await staff.admin.post('/admin/open311/keys', { name: 'Ứng dụng quận' });
  assert.equal(made.status, 201);
  const newKey = /o311_[A-Za-z0-9_-]{43}/.exec(made.text)[0];
  assert.equal(made.headers['cache-control'], 'no-store');
  assert.equal(await one(`SELECT COUNT(*) FROM open311_api_keys WHERE key_hash LIKE '%${newKey.slice(5, 15)}%'`), '0', 'only the hash is stored');
  assert.equal((await call('requests.json', { form: report({ api_key: newKey }) })).status, 201);
  const keyId = await one("SELECT id FROM open311_api_keys WHERE name = 'Ứng dụng quận'");
  await staff.admin.get('/admin/open311');
  assert.equal((await staff.admin.post(`/admin/open311/keys/${keyId}/revoke`, {})).status, 303);
  expectError(await call('requests.json', { form: report({ api_key: newKey }) }), 403, /^api_key: unknown or revoked key/);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action IN ('open311.key.create', 'open311.key.revoke') AND object_id = '${keyId}'`), '2');
  assert.equal((await staff.specialist.get('/admin/open311')).status, 403);
  assert.equal((await staff.admin.post('/admin/open311/keys/999999/revoke', {})).status, 404);
});

test('services are data: imported from a JSON file on the command line, all or nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'o311-'));
  const good = join(dir, 'services.json');
  writeFileSync(good, JSON.stringify({ services: [{ code: 'NOISE', agency: 'UBND-P-VIET-TRI', name_vi: 'Tiếng ồn ban đêm', name_en: 'Night noise',
    attributes: [{ code: 'source', datatype: 'singlevaluelist', required: true, description_vi: 'Nguồn ồn', description_en: 'Source', values: [['karaoke', 'Hát karaoke', 'Karaoke'], ['works', 'Công trình', 'Building works']] }] }] }));
  const r = await runCli(['open311', 'services', 'import', '--db', t.db.url, good]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 services imported/);
  const def = await call('services/NOISE.json');
  assert.deepEqual(def.body.attributes[0].values.map((v) => v.key), ['karaoke', 'works']);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ services: [{ code: 'NOISE2', agency: 'UBND-P-VIET-TRI', name_vi: 'A', name_en: 'A' },
    { code: 'X', agency: 'NO-SUCH-AGENCY', name_vi: 'B', name_en: 'B' }] }));
  const failed = await runCli(['open311', 'services', 'import', '--db', t.db.url, bad]);
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /no agency NO-SUCH-AGENCY/);
  assert.equal(await one("SELECT COUNT(*) FROM open311_services WHERE code = 'NOISE2'"), '0', 'all or nothing');
  const nameless = await runCli(['open311', 'key', 'create', '--db', t.db.url, '--name', '   ']);
  assert.equal(nameless.code, 2);
});

test('the public city-reports page: a list without JavaScript, filters, a map script, no personal data', async () => {
  const anon = new Agent(t.srv.url);
  const page = await anon.get('/city-reports');
  assert.equal(page.status, 200);
  const text = plain(page.text);
  assert.match(text, /Phản ánh hiện trường/);
  assert.match(text, /Ổ gà giữa đường, liên hệ \[…\]/);
  for (const secret of ['Văn Báo', 'bao@example.vn', '0912345678', '0912 345 678']) assert.ok(!page.text.includes(secret), secret);
  assert.match(page.text, /data-lat="21.3227" data-lon="105.4019"/);
  assert.match(page.text, /<script src="\/static\/js\/city-map\.[0-9a-f]+\.js" defer><\/script>/);
  assert.match(page.text, /<a href="\/open311\/v2\/discovery\.json">Open311 GeoReport v2<\/a>/);
  const listed = (html) => [...html.matchAll(/<li id="r-[^"]+" class="(report[^"]*)"[^>]*>\s*<h2><a href="[^"]+">([^<]+)<\/a> <small>/g)].map((m) => [m[1], m[2]]);
  const closed = listed((await anon.get('/city-reports?status=closed')).text);
  assert.ok(closed.length >= 1);
  assert.ok(closed.every(([cls]) => cls === 'report report-closed'), JSON.stringify(closed));
  assert.ok(closed.some(([, name]) => name === 'Cáp viễn thông treo thấp, mất an toàn'));
  const floods = listed((await anon.get('/city-reports?service=FLOOD')).text);
  assert.ok(floods.length >= 1 && floods.every(([, name]) => name === 'Ngập úng đường phố'), JSON.stringify(floods));
  const en = await anon.get('/city-reports', { headers: { 'accept-language': 'en' } });
  assert.match(plain(en.text), /City reports/);
});

test('a key\'s POSTs per minute are capped across the API (429 with Retry-After), counted in the database', async () => {
  // A server of its own, its clock standing still, so the minute cannot turn during the test.
  const db = await createDatabase('open311_rate');
  const srv = await startServer({ db, mode: 'demo', args: ['--open311-posts-per-minute', '3', '--fake-now', '2026-11-27T03:00:10Z'],
    env: { TINHSO_TEST_CLOCK: '1' } });
  try {
    const k = (await runCli(['open311', 'key', 'create', '--db', db.url, '--name', 'Giới hạn'])).stdout.trim();
    const post = (path, form) => fetch(`${srv.url}/open311/v2/${path}`, { method: 'POST', body: new URLSearchParams(form) });
    const first = await post('requests.json', { ...report({ api_key: k }) });
    assert.equal(first.status, 201);
    const code = (await first.json())[0].service_request_id;
    assert.equal((await post('servicerequestupdates.json', { api_key: k, service_request_id: code, status: 'open', description: 'x' })).status, 201);
    assert.equal((await post('requests.json', report({ api_key: k }))).status, 201);
    const before = await db.exec('SELECT COUNT(*) FROM open311_reports');
    const limited = await post('requests.xml', report({ api_key: k }));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '50');
    assert.match(await limited.text(), /<errors><error><code>429<\/code><description>api_key: more than 3 POSTs this minute/);
    assert.equal((await post('servicerequestupdates.json', { api_key: k, service_request_id: code, status: 'open', description: 'y' })).status, 429);
    assert.equal(await db.exec('SELECT COUNT(*) FROM open311_reports'), before, 'nothing stored');
    assert.equal((await db.exec(`SELECT posts FROM open311_key_usage WHERE minute = '2026-11-27T03:00'`)).trim(), '5');
  } finally {
    await srv.stop();
    await db.drop().catch(() => {});
  }
});
