// Petitions over HTTP (issue 6, the parts built so far): the online form — feedback without an
// account, complaints and denunciations only for a signed-in citizen —, the legal due days, the
// citizen's list and page; the officers' accent-insensitive search within their scope; the
// transition table driving the desk (what each action requires, who may take it); and a
// denouncer's identity: never in plain text in the database or its dump, hidden from specialists
// and leaders, shown to the assigned inspector only, each view audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

let t;
let base;
let citizen;
let agency;  // SO-TTTT
let ward;    // UBND-P-VIET-TRI
const staff = {};
before(async () => {
  t = await serverFixture('petitions');
  base = t.srv.url;
  citizen = new Agent(base);
  assert.equal((await citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await citizen.get('/');
  for (const who of ['officer', 'specialist', 'leader', 'inspector']) staff[who] = await signInFully(base, `${who}@demo.tinhso.vn`, PW);
  agency = await one("SELECT id FROM agencies WHERE code = 'SO-TTTT'");
  ward = await one("SELECT id FROM agencies WHERE code = 'UBND-P-VIET-TRI'");
});
after(async () => {
  const r = await t?.close();
  if (r) assert.equal(r.code, 0, `server exit code\n${t.srv.logs()}`);
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const codeIn = (html) => /PA-\d{6}-\d{6}/.exec(html)?.[0];

test('feedback without an account: filed, its code shown, recorded with its event and audit record', async () => {
  const anon = new Agent(base);
  const form = await anon.get('/petitions/new');
  assert.equal(form.status, 200);
  assert.match(plain(form.text), /Phản ánh và kiến nghị có thể gửi không cần tài khoản/);
  const r = await anon.post('/petitions', { kind: 'feedback', agency: ward, subject: 'Đèn đường hỏng ở ngõ 7',
    content: 'Ba cột đèn không sáng từ tuần trước' });
  assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  const code = codeIn(r.text);
  assert.ok(code, 'the code is shown');
  assert.match(plain(r.text), /Cơ quan sẽ thông báo kết quả xử lý đơn chậm nhất vào ngày \d\d\/\d\d\/\d{4}/);
  assert.equal(await one(`SELECT COALESCE(filer_account_id, 0) || '|' || state || '|' || channel FROM petitions WHERE code = '${code}'`), '0|received|online');
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  assert.equal(await one(`SELECT action FROM petition_events WHERE petition_id = ${id}`), 'receive');
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'petition.receive' AND object_id = '${id}'`), '1');
});

test('bad input: a clear message in the form, nothing stored', async () => {
  const anon = new Agent(base);
  await anon.get('/petitions/new');
  const before = await one('SELECT COUNT(*) FROM petitions');
  let r = await anon.post('/petitions', { kind: 'complaint_first', agency, subject: 'Khiếu nại', content: 'Nội dung' });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Khiếu nại và tố cáo cần đăng nhập bằng tài khoản công dân/);
  r = await anon.post('/petitions', { kind: 'feedback', agency: '999999', subject: '', content: '' });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Hãy chọn cơ quan nhận/);
  assert.match(plain(r.text), /Hãy nhập tiêu đề/);
  r = await anon.post('/petitions', { kind: 'complaint_second', agency, subject: 'x', content: 'y' });
  assert.equal(r.status, 422, 'a second complaint is recorded at the desk, not online');
  r = await new Agent(base).post('/petitions', { kind: 'feedback', agency, subject: 'x', content: 'y' });
  assert.equal(r.status, 403, 'an anonymous post without the form\'s CSRF token is refused');
  assert.equal(await one('SELECT COUNT(*) FROM petitions'), before);
});

test('a citizen files a complaint: the legal due days, "Đơn của tôi", the page only for them', async () => {
  const r = await citizen.post('/petitions', { kind: 'complaint_first', agency, subject: 'Khiếu nại quyết định thu hồi giấy phép',
    content: 'Tôi không đồng ý với quyết định', name: 'Nguyễn Thị Lan', address: 'Việt Trì, Phú Thọ', contact: '0912345678' });
  assert.equal(r.status, 303, plain(r.text).slice(0, 300));
  const code = /\/petitions\/(PA-\d{6}-\d{6})$/.exec(r.headers.location)?.[1];
  assert.ok(code);
  const page = await citizen.get(`/petitions/${code}`);
  assert.equal(page.status, 200);
  const text = plain(page.text);
  assert.match(text, /Hạn thụ lý \d\d\/\d\d\/\d{4}/, 'Law on Complaints Art. 27: 10 working days to accept');
  assert.match(text, /Hạn thông báo cho người gửi \d\d\/\d\d\/\d{4}/);
  // The accept due day is the deadline engine's: 10 working days from the receipt.
  const received = await one(`SELECT received_at FROM petitions WHERE code = '${code}'`);
  const local = new Date(Date.parse(received) + 7 * 3600_000).toISOString().slice(0, 16);
  const due = await (await citizen.get(`/api/v1/calendar/due?from=${local}&working_days=10`)).json();
  assert.equal(await one(`SELECT accept_due FROM petitions WHERE code = '${code}'`), due.due);
  assert.match(plain((await citizen.get('/petitions/mine')).text), new RegExp(code));
  assert.equal((await staff.specialist.get(`/petitions/${code}`)).status, 404, 'the filer\'s page is the filer\'s');
  assert.equal((await new Agent(base).get(`/petitions/${code}`)).status, 303, 'anonymous: sign in first');
});

test('a denouncer\'s identity: sealed at rest, absent from the dump, hidden from specialists, shown to the assigned inspector with an audit record', async () => {
  const who = { name: 'Trịnh Văn Bí Mật', address: 'Số 99 phố Bí Ẩn, Việt Trì', contact: '0977 000 111', id_number: '025199887766' };
  const r = await citizen.post('/petitions', { kind: 'denunciation', agency, subject: 'Tố cáo sai phạm trong cấp phép',
    content: 'Nội dung tố cáo chi tiết', ...who });
  assert.equal(r.status, 200, 'the confirmation page with the code (a denunciation is not linked to the account)');
  const code = codeIn(r.text);
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  assert.equal(await one(`SELECT COALESCE(filer_account_id, 0) || '|' || filer_name || '|' || filer_contact FROM petitions WHERE id = ${id}`), '0||');
  assert.ok((await one(`SELECT LENGTH(identity_sealed) FROM petitions WHERE id = ${id}`)) > 60);

  const dump = await t.db.dump();
  assert.ok(dump.includes('Tố cáo sai phạm trong cấp phép'), 'the dump holds the petition');
  for (const secret of [who.name, who.address, who.contact, who.id_number, 'Bí Mật'])
    assert.ok(!dump.includes(secret), `the database dump shows "${secret}"`);

  // The specialist and the leader of the agency: the petition, not the person.
  for (const role of ['specialist', 'leader']) {
    const page = await staff[role].get(`/petitions/desk/${id}`);
    assert.equal(page.status, 200);
    assert.match(plain(page.text), /Danh tính người tố cáo được giữ bí mật/);
    for (const secret of Object.values(who)) assert.ok(!page.text.includes(secret), `${role} sees "${secret}"`);
  }
  const views = () => one(`SELECT COUNT(*) FROM audit_log WHERE action = 'petition.identity_view' AND object_id = '${id}'`);
  assert.equal(await views(), '0');
  // Not assigned yet: the inspector does not see it either.
  assert.ok(!(await staff.inspector.get(`/petitions/desk/${id}`)).text.includes(who.name));

  // Through the table: classify (inspector), accept and assign to the inspector (leader).
  const inspectorId = await one("SELECT id FROM accounts WHERE email = 'inspector@demo.tinhso.vn'");
  await staff.inspector.get(`/petitions/desk/${id}`);
  let a = await staff.inspector.post(`/petitions/desk/${id}/act`, { action: 'classify', kind: 'denunciation' });
  assert.equal(a.status, 303, plain(a.text).slice(0, 300));
  await staff.leader.get(`/petitions/desk/${id}`);
  a = await staff.leader.post(`/petitions/desk/${id}/act`, { action: 'accept' });
  assert.equal(a.status, 303, plain(a.text).slice(0, 300));
  await staff.leader.get(`/petitions/desk/${id}`);
  a = await staff.leader.post(`/petitions/desk/${id}/act`, { action: 'assign', assignee: inspectorId });
  assert.equal(a.status, 303, plain(a.text).slice(0, 300));

  const page = await staff.inspector.get(`/petitions/desk/${id}`);
  assert.equal(page.status, 200);
  for (const secret of Object.values(who)) assert.ok(page.text.includes(secret), `the assigned inspector sees "${secret}"`);
  assert.match(plain(page.text), /Lần xem này được ghi vào nhật ký kiểm toán/);
  assert.equal(await views(), '1', 'the view is audited');
  await staff.inspector.get(`/petitions/desk/${id}`);
  assert.equal(await views(), '2', 'every view is audited');
  const leaderPage = await staff.leader.get(`/petitions/desk/${id}`);
  assert.ok(!leaderPage.text.includes(who.name), 'the leader still does not');
  const audit = await t.db.exec(`SELECT before_summary || after_summary FROM audit_log WHERE object_type = 'petition' AND object_id = '${id}'`);
  for (const secret of Object.values(who)) assert.ok(!audit.includes(secret), `the audit log holds "${secret}"`);
});

test('officers\' search: accents and case ignored, every word needed, filters, and each sees only their scope', async () => {
  const rows = (html) => [...html.replaceAll('&#x2F;', '/').matchAll(/<tr><td><a href="\/petitions\/desk\/(\d+)">/g)].map((m) => m[1]);
  const flood = await one("SELECT id FROM petitions WHERE subject LIKE 'Ngập nước%'");
  const signal = await one("SELECT id FROM petitions WHERE subject LIKE 'Sóng điện thoại%'");
  let r = await staff.inspector.get('/petitions/desk?q=ngap+nuoc');
  assert.equal(r.status, 200);
  // The demo flooding reported through Open311 ("nước ngập") matches too.
  assert.ok(rows(r.text).includes(flood), `"ngap nuoc" finds "Ngập nước":\n${plain(r.text).slice(0, 1500)}`);
  r = await staff.inspector.get(`/petitions/desk?q=${encodeURIComponent('NGẬP đường hung vuong')}`);
  assert.deepEqual(rows(r.text), [flood]);
  r = await staff.inspector.get('/petitions/desk?q=ngap+song');
  assert.deepEqual(rows(r.text), [], 'every word must occur');
  r = await staff.specialist.get('/petitions/desk?q=ngap+nuoc');
  assert.deepEqual(rows(r.text), [], 'the ward\'s petition is outside SO-TTTT\'s scope');
  assert.equal((await staff.specialist.get(`/petitions/desk/${flood}`)).status, 404);
  r = await staff.specialist.get('/petitions/desk?q=song+dien+thoai&kind=feedback');
  assert.deepEqual(rows(r.text), [signal]);
  r = await staff.specialist.get('/petitions/desk?kind=recommendation&state=assigned');
  assert.ok(rows(r.text).length >= 1);
  assert.ok(!rows(r.text).includes(signal));
  r = await staff.specialist.get('/petitions/desk?overdue=1');
  assert.deepEqual(rows(r.text), [], 'nothing is overdue yet');
});

test('the desk follows the transition table: what each action needs, who may take it, to closed', async () => {
  const r = await citizen.post('/petitions', { kind: 'feedback', agency, subject: 'Trang web của Sở không truy cập được',
    content: 'Cổng thông tin báo lỗi 502 cả buổi sáng' });
  const code = /(PA-\d{6}-\d{6})$/.exec(r.headers.location)[1];
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  const specialistId = await one("SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'");
  const act = async (who, form) => {
    await staff[who].get(`/petitions/desk/${id}`);
    return staff[who].post(`/petitions/desk/${id}/act`, form);
  };
  assert.equal((await act('leader', { action: 'classify', kind: 'feedback' })).status, 403, 'a leader does not classify');
  assert.equal((await act('specialist', { action: 'accept' })).status, 403, 'accept is not possible before classify');
  assert.equal((await act('specialist', { action: 'classify', kind: 'feedback' })).status, 303);
  const refused = await act('leader', { action: 'refuse', note: '   ' });
  assert.equal(refused.status, 422, 'refusing needs a reason');
  assert.match(plain(refused.text), /Hãy ghi lý do/);
  assert.equal((await act('leader', { action: 'accept' })).status, 303);
  assert.equal((await act('leader', { action: 'assign', assignee: '999999' })).status, 422, 'only someone who may verify');
  assert.equal((await act('leader', { action: 'assign', assignee: specialistId })).status, 303);
  assert.equal((await act('specialist', { action: 'verify', note: 'Đã kiểm tra máy chủ' })).status, 303);
  const noDoc = await act('leader', { action: 'decide', note: '' });
  assert.equal(noDoc.status, 422);
  assert.match(plain(noDoc.text), /Hãy ghi số, ngày của văn bản/);
  assert.equal((await act('leader', { action: 'decide', note: 'Văn bản số 12/STTTT ngày 27/11/2026' })).status, 303);
  assert.equal((await act('specialist', { action: 'notify' })).status, 303);
  assert.equal((await act('specialist', { action: 'close' })).status, 303);
  assert.equal((await act('specialist', { action: 'verify', note: 'x' })).status, 403, 'closed is final');
  assert.equal((await act('specialist', { action: 'fly' })).status, 422, 'unknown action');

  const events = (await t.db.exec(`SELECT action FROM petition_events WHERE petition_id = ${id} ORDER BY id`)).trim().split('\n');
  assert.deepEqual(events, ['receive', 'classify', 'accept', 'assign', 'verify', 'decide', 'notify', 'close']);
  const audited = await one(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'petition' AND object_id = '${id}'`);
  assert.equal(audited, '8', 'every change audited');
  const page = plain((await citizen.get(`/petitions/${code}`)).text);
  assert.match(page, /Trạng thái Đã kết thúc/);
  assert.match(page, /Văn bản số 12\/STTTT/);
});
