// The petitions' legal periods over HTTP (issue 12 findings 11, 12, 15, 16), on a server whose clock
// stands at Friday 24/1/2025 16:00 in Vietnam (09:00 UTC; --fake-now with TINHSO_TEST_CLOCK=1), the
// last working day before the 2025 Tết holiday (27/1–31/1 off, LAW.md §1):
//   11  petitions count under the Civil Code (Art. 147–148): the day after the event, whatever its
//       hour — the one-stop 15:00 cut-off (Decree 61/2018) is the dossiers' only;
//   12  a complaint's complexity (Law on Complaints 2011 Art. 28) and a denunciation's "several
//       places" (Law on Denunciations 2018 Art. 24(1)) are set on the desk and counted; a
//       denunciation's extensions are limited (Art. 30(2)–(3)), stored with their decision (30(4))
//       and move the due day;
//   15  the forwarding, acceptance-notice and decision-sending due days are stored (Law on
//       Denunciations Art. 24(1), 29(3), 35(3); Law on Complaints Art. 32); a second complaint whose
//       first was decided elsewhere is recorded with that decision attached (Art. 33);
//   16  a complaint outside the agency's competence is guided, not forwarded (Circular
//       07/2014/TT-TTCP Art. 8(1)); the rules LAW.md grades L are command-line settings.
// Every expected day was counted by hand on the 2025 schedule; the comment shows the count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { runCli, startServer } from '../lib/server.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { totp } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

const NOW = '2025-01-24T09:00:00Z'; // Fri 24/1/2025 16:00 in Vietnam
const TODAY = '2025-01-24';
const clockArgs = ['--fake-now', NOW];
const clockEnv = { TINHSO_TEST_CLOCK: '1' };
// A second node on the same database later on (the overdue test) shares the identity keys.
const keysDir = mkdtempSync(join(tmpdir(), 'tinhso-legal-keys-'));
const KEYS = join(keysDir, 'identity-keys');
const secrets = new Map(); // server URL and e-mail → the recovery codes from enrolment

let t;
let agency; // SO-KHCN: the demo specialist's and leader's agency
let otherAgency;
let specialistId;
let inspectorId;
const staff = {};

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const idOf = (r) => /\/petitions\/desk\/(\d+)$/.exec(r.headers.location ?? '')?.[1];
const complainant = { name: 'Đặng Văn Khiếu', address: 'Phường Tiên Cát, Việt Trì', contact: '0913 222 333' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

// Signs in with the password and, when asked, the second factor at the server's frozen clock
// (the TOTP code is the one of NOW, not of the real time).
async function signIn(base, email) {
  const a = new Agent(base);
  const r = await a.login(email, PW);
  assert.equal(r.status, 303, `${email} signs in`);
  if (r.headers.location === '/account/2fa') {
    const setup = await a.get('/account/2fa/setup');
    const secret = /id="totp-secret">([A-Z2-7=]+)</.exec(setup.text)?.[1];
    assert.ok(secret, `the enrolment page shows the secret (status ${setup.status})`);
    const done = await a.post('/account/2fa/setup', { code: totp(secret, Date.parse(NOW)) });
    assert.equal(done.status, 200, 'TOTP enrolment accepted');
    secrets.set(`${base} ${email}`, [...done.text.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]));
  }
  await a.get('/');
  return a;
}

function fixture(label, args = []) {
  return serverFixture(label, { args: [...clockArgs, ...args], env: clockEnv });
}

async function signInAll(fx, who) {
  const out = {};
  for (const w of who) out[w] = await signIn(fx.srv.url, `${w}@demo.tinhso.vn`);
  return out;
}

before(async () => {
  t = await fixture('petitions_legal', ['--identity-keys-file', KEYS]);
  Object.assign(staff, await signInAll(t, ['specialist', 'leader', 'inspector']));
  agency = await one(t, "SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  otherAgency = await one(t, `SELECT id FROM agencies WHERE id <> ${agency} ORDER BY id LIMIT 1`);
  specialistId = await one(t, "SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'");
  inspectorId = await one(t, "SELECT id FROM accounts WHERE email = 'inspector@demo.tinhso.vn'");
});
after(async () => {
  try {
    assert.ok(t, 'the server started');
    assertCleanExit(await t.close(), t.srv.logs());
  } finally {
    rmSync(keysDir, { recursive: true, force: true });
  }
});

async function one(fx, sql) { return (await fx.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const column = (id, col) => one(t, `SELECT COALESCE(${col}, '') FROM petitions WHERE id = ${id}`);

// Records a letter received today at the desk: multipart with files, as the form sends it, else
// urlencoded (also accepted).
async function record(agent, fields, files = []) {
  await agent.get('/petitions/desk/new');
  const form = { channel: 'letter', received_on: TODAY, kind: 'feedback', agency, group_size: '1', ...fields };
  return files.length ? agent.postMultipart('/petitions/desk/new', form, files) : agent.post('/petitions/desk/new', form);
}
async function recorded(fields) {
  const r = await record(staff.specialist, fields);
  assert.equal(r.status, 303, plain(r.text).slice(0, 500));
  return idOf(r);
}
async function tryAct(who, id, form) {
  await staff[who].get(`/petitions/desk/${id}`);
  return staff[who].post(`/petitions/desk/${id}/act`, form);
}
async function act(who, id, form) {
  const r = await tryAct(who, id, form);
  assert.equal(r.status, 303, `${who} ${form.action}: ${plain(r.text).slice(0, 300)}`);
}
const complaint = (subject) => ({ kind: 'complaint_first', subject, content: `Nội dung: ${subject}`,
  decision_on: '2025-01-10', ...complainant });
const denunciation = (subject) => ({ kind: 'denunciation', subject, content: `Nội dung: ${subject}`, ...complainant });

test('finding 11: accepted Fri 24/1/2025 at 16:00, a complaint is due Mon 24/2 (Civil Code), not 5/3 (15:00 cut-off)', async () => {
  const id = await recorded(complaint('Khiếu nại quyết định xử phạt vi phạm hành chính'));
  assert.equal(await column(id, 'received_at'), NOW, 'received now, at 16:00 local');
  // Law on Complaints Art. 27, 10 working days from Fri 24/1: Tết 27–31/1, 3–7/2 (5), 10–14/2 (10).
  assert.equal(await column(id, 'accept_due'), '2025-02-14');
  // Law on Citizen Reception Art. 28: the same 10 working days.
  assert.equal(await column(id, 'inform_due'), '2025-02-14');
  await act('specialist', id, { action: 'classify', kind: 'complaint_first' });
  await act('leader', id, { action: 'accept' });
  // Art. 28: 30 days from Fri 24/1 = Sun 23/2 → Mon 24/2 (Civil Code Art. 148(5)).
  assert.equal(await column(id, 'resolve_due'), '2025-02-24');
  assert.match(plain((await staff.leader.get(`/petitions/desk/${id}`)).text), /Hạn giải quyết 24\/02\/2025/);
});

test('finding 12: a complex complaint set on acceptance gets 45 days (Law on Complaints Art. 28)', async () => {
  const id = await recorded(complaint('Khiếu nại phức tạp về thu hồi đất'));
  await act('specialist', id, { action: 'classify', kind: 'complaint_first' });
  const page = plain((await staff.leader.get(`/petitions/desk/${id}`)).text);
  assert.match(page, /Mức độ phức tạp/, 'the acceptance form asks for the complexity');
  const bad = await tryAct('leader', id, { action: 'accept', complexity: 'very' });
  assert.equal(bad.status, 422);
  assert.match(plain(bad.text), /Hãy chọn mức độ phức tạp/);
  assert.equal(await column(id, 'state'), 'classified');
  await act('leader', id, { action: 'accept', complexity: 'complex' });
  assert.equal(await column(id, 'complexity'), 'complex');
  // 24/1 + 45 = Mon 10/3/2025.
  assert.equal(await column(id, 'resolve_due'), '2025-03-10');
  assert.match(plain((await staff.leader.get(`/petitions/desk/${id}`)).text), /Mức độ phức tạp Phức tạp/);
});

test('finding 12: a denunciation checked in several places gets 10 working days; extensions limited, stored, and moving the due day', async () => {
  const id = await recorded(denunciation('Tố cáo sai phạm ở nhiều xã'));
  // Art. 24(1): 7 working days from 24/1: 3–7/2 (5), 10, 11/2 (7).
  assert.equal(await column(id, 'accept_due'), '2025-02-11');
  await act('specialist', id, { action: 'classify', kind: 'denunciation', several_places: '1' });
  assert.equal(await one(t, `SELECT CASE WHEN several_places THEN 1 ELSE 0 END FROM petitions WHERE id = ${id}`), '1');
  // Art. 24(1): several places, 10 working days: 12–14/2 (10).
  assert.equal(await column(id, 'accept_due'), '2025-02-14');
  await act('leader', id, { action: 'accept', complexity: 'complex' });
  // Art. 30(1): 30 days from 24/1 → Sun 23/2 → Mon 24/2.
  assert.equal(await column(id, 'resolve_due'), '2025-02-24');
  // Art. 30(4): the written decision's number (the note) and date are required.
  let r = await tryAct('leader', id, { action: 'extend', note: '12/QĐ-TTr', extension_days: '20' });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /số và ngày của quyết định gia hạn/);
  r = await tryAct('leader', id, { action: 'extend', note: '12/QĐ-TTr', extension_days: '31', decision_on: TODAY });
  assert.equal(r.status, 422, 'Art. 30(2): at most 30 days');
  assert.match(plain(r.text), /từ 1 đến 30 ngày/);
  r = await tryAct('leader', id, { action: 'extend', note: '12/QĐ-TTr', extension_days: '20', decision_on: '2025-01-25' });
  assert.equal(r.status, 422, 'a decision dated tomorrow');
  await act('leader', id, { action: 'extend', note: '12/QĐ-TTr', extension_days: '20', decision_on: TODAY });
  assert.equal((await t.db.exec(`SELECT position || '|' || days || '|' || decision_number || '|' || decision_date
    FROM petition_extensions WHERE petition_id = ${id}`)).trim(), '1|20|12/QĐ-TTr|2025-01-24');
  // 24/1 + 30 + 20 = Sat 15/3 → Mon 17/3.
  assert.equal(await column(id, 'resolve_due'), '2025-03-17');
  // Art. 30(2): a complex case is extended once.
  r = await tryAct('leader', id, { action: 'extend', note: '13/QĐ-TTr', extension_days: '10', decision_on: TODAY });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Đã hết số lần gia hạn/);
  assert.equal(await one(t, `SELECT COUNT(*) FROM petition_extensions WHERE petition_id = ${id}`), '1');
  assert.equal(await column(id, 'resolve_due'), '2025-03-17');
  const page = plain((await staff.leader.get(`/petitions/desk/${id}`)).text);
  assert.match(page, /Gia hạn giải quyết Số ngày: 20 — 12\/QĐ-TTr — 24\/01\/2025/);
  assert.equal(await one(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'petition.extend' AND object_id = '${id}'`), '1');

  // Not complex: no extension at all; particularly complex: two.
  const plainCase = await recorded(denunciation('Tố cáo đơn giản'));
  await act('specialist', plainCase, { action: 'classify', kind: 'denunciation' });
  await act('leader', plainCase, { action: 'accept' });
  r = await tryAct('leader', plainCase, { action: 'extend', note: '14/QĐ-TTr', extension_days: '10', decision_on: TODAY });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /không phức tạp không được gia hạn/);
  const hard = await recorded(denunciation('Tố cáo đặc biệt phức tạp'));
  await act('specialist', hard, { action: 'classify', kind: 'denunciation' });
  await act('leader', hard, { action: 'accept', complexity: 'particularly_complex' });
  for (const n of ['15', '16']) await act('leader', hard, { action: 'extend', note: `${n}/QĐ-TTr`, extension_days: '30', decision_on: TODAY });
  // Art. 30(3): 24/1 + 90 = Thu 24/4/2025.
  assert.equal(await column(hard, 'resolve_due'), '2025-04-24');
  r = await tryAct('leader', hard, { action: 'extend', note: '17/QĐ-TTr', extension_days: '1', decision_on: TODAY });
  assert.equal(r.status, 422, 'no third extension');
});

test('finding 15: forwarding, acceptance-notice and decision-sending due days are stored', async () => {
  // Decree 20/2008 Art. 9: forward within 5 working days: 3–7/2.
  const feedback = await recorded({ subject: 'Đèn đường hỏng', content: 'Đèn đường ở phố Hòa Phong hỏng.' });
  assert.equal(await column(feedback, 'forward_due'), '2025-02-07');
  // Law on Denunciations Art. 24(1) forward 5 WD; Art. 29(3) notice 5 WD from acceptance.
  const d = await recorded(denunciation('Tố cáo cán bộ nhận tiền'));
  assert.equal(await column(d, 'forward_due'), '2025-02-07');
  assert.equal(await column(d, 'notice_due'), '');
  await act('specialist', d, { action: 'classify', kind: 'denunciation' });
  await act('leader', d, { action: 'accept' });
  assert.equal(await column(d, 'notice_due'), '2025-02-07');
  assert.match(plain((await staff.leader.get(`/petitions/desk/${d}`)).text), /Hạn thông báo thụ lý cho người tố cáo 07\/02\/2025/);
  // Law on Complaints Art. 32: the decision sent within 3 working days of it: 3, 4, 5/2.
  const c = await recorded(complaint('Khiếu nại về cấp phép'));
  await act('specialist', c, { action: 'classify', kind: 'complaint_first' });
  await act('leader', c, { action: 'accept' });
  assert.equal(await column(c, 'send_due'), '');
  await act('leader', c, { action: 'assign', assignee: specialistId });
  await act('specialist', c, { action: 'verify', note: 'Đã xác minh' });
  await act('leader', c, { action: 'decide', note: 'Quyết định số 7/QĐ-STTTT' });
  assert.equal(await column(c, 'decided_at'), NOW);
  assert.equal(await column(c, 'send_due'), '2025-02-05');
  assert.match(plain((await staff.leader.get(`/petitions/desk/${c}`)).text), /Hạn gửi quyết định, kết luận 05\/02\/2025/);
  // Law on Denunciations Art. 35(3): the conclusion within 5 working days (an inspector verifies).
  await act('leader', d, { action: 'assign', assignee: inspectorId });
  await act('inspector', d, { action: 'verify', note: 'Đã xác minh' });
  await act('leader', d, { action: 'decide', note: 'Kết luận số 3/KL-TTr' });
  assert.equal(await column(d, 'send_due'), '2025-02-07');
});

test('finding 15: a second complaint whose first was decided elsewhere is recorded with that decision attached (Art. 33)', async () => {
  const fields = { kind: 'complaint_second', subject: 'Khiếu nại lần hai quyết định thu hồi đất',
    content: 'Không đồng ý với quyết định giải quyết lần đầu của huyện.', decision_on: '2025-01-13',
    first_decision_number: '15/QĐ-UBND', first_decision_date: '2025-01-10', first_decision_agency: 'UBND huyện Tam Đảo',
    ...complainant };
  const before = await one(t, 'SELECT COUNT(*) FROM petitions');
  let r = await record(staff.specialist, fields);
  assert.equal(r.status, 422, 'the first decision must be attached');
  assert.match(plain(r.text), /đính kèm bản sao quyết định giải quyết lần đầu/);
  r = await record(staff.specialist, { ...fields, first_decision_agency: '' }, [{ field: 'files', name: 'qd.pdf', content: PDF, type: 'application/pdf' }]);
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /ghi đủ số, ngày và cơ quan/);
  assert.equal(await one(t, 'SELECT COUNT(*) FROM petitions'), before, 'nothing stored');
  r = await record(staff.specialist, fields, [{ field: 'files', name: 'qd-15.pdf', content: PDF, type: 'application/pdf' }]);
  assert.equal(r.status, 303, plain(r.text).slice(0, 500));
  const id = idOf(r);
  assert.equal((await t.db.exec(`SELECT kind || '|' || first_decision_number || '|' || first_decision_date || '|' ||
    first_decision_agency || '|' || COALESCE(linked_petition_id, 0) FROM petitions WHERE id = ${id}`)).trim(),
  'complaint_second|15/QĐ-UBND|2025-01-10|UBND huyện Tam Đảo|0');
  assert.equal(await one(t, `SELECT role || '|' || content_type FROM petition_attachments WHERE petition_id = ${id}`), 'evidence|application/pdf');
  assert.match(plain((await staff.specialist.get(`/petitions/desk/${id}`)).text),
    /Quyết định giải quyết lần đầu \(nơi khác\) 15\/QĐ-UBND — 10\/01\/2025 — UBND huyện Tam Đảo/);
  // Art. 36: 10 working days to accept a second complaint too: 14/2.
  assert.equal(await column(id, 'accept_due'), '2025-02-14');
});

test('finding 16: a complaint outside the agency\'s competence is guided, not forwarded (Circular 07/2014 Art. 8(1))', async () => {
  const id = await recorded(complaint('Khiếu nại không thuộc thẩm quyền của Sở'));
  await act('specialist', id, { action: 'classify', kind: 'complaint_first' });
  const page = plain((await staff.specialist.get(`/petitions/desk/${id}`)).text);
  assert.doesNotMatch(page, /Chuyển cơ quan có thẩm quyền/);
  assert.match(page, /Hướng dẫn người khiếu nại/);
  const r = await tryAct('specialist', id, { action: 'forward', agency: otherAgency });
  assert.equal(r.status, 403);
  assert.equal(await one(t, `SELECT agency_id FROM petitions WHERE id = ${id}`), agency);
  const blank = await tryAct('specialist', id, { action: 'guide', note: ' ' });
  assert.equal(blank.status, 422);
  await act('specialist', id, { action: 'guide', note: 'Hướng dẫn gửi đơn đến UBND huyện Tam Đảo.' });
  assert.equal(await column(id, 'state'), 'guided');
  assert.equal(await one(t, `SELECT note FROM petition_events WHERE petition_id = ${id} AND action = 'guide'`),
    'Hướng dẫn gửi đơn đến UBND huyện Tam Đảo.');
  // Feedback is still forwarded (Decree 20/2008 Art. 9).
  const fb = await recorded({ subject: 'Phản ánh về điện', content: 'Mất điện thường xuyên.' });
  await act('specialist', fb, { action: 'classify', kind: 'feedback' });
  await act('specialist', fb, { action: 'forward', agency: otherAgency });
  assert.equal(await column(fb, 'state'), 'forwarded');
});

test('finding 16: the rules LAW.md grades L are settings: --complaint-days working, --feedback-resolve 20d, --extension-notice 10d', async () => {
  const bad = await runCli(['serve', '--db', 'sqlite::memory:', '--feedback-resolve', '0d']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr + bad.stdout, /feedback-resolve/);
  const badNotice = await runCli(['serve', '--db', 'sqlite::memory:', '--extension-notice', '0d']);
  assert.notEqual(badNotice.code, 0);
  assert.match(badNotice.stderr + badNotice.stdout, /extension-notice/);
  const s = await fixture('petitions_legal_settings',
    ['--complaint-days', 'working', '--feedback-resolve', '20d', '--extension-notice', '10d']);
  try {
    const a = await signInAll(s, ['specialist', 'leader']);
    const ag = await one(s, "SELECT id FROM agencies WHERE code = 'SO-KHCN'");
    const rec = async (fields) => {
      await a.specialist.get('/petitions/desk/new');
      const r = await a.specialist.post('/petitions/desk/new',
        { channel: 'letter', received_on: TODAY, agency: ag, group_size: '1', ...fields });
      assert.equal(r.status, 303, plain(r.text).slice(0, 500));
      return idOf(r);
    };
    const col = (id, c) => one(s, `SELECT COALESCE(${c}, '') FROM petitions WHERE id = ${id}`);
    // Feedback: 20 calendar days from 24/1 = Thu 13/2 (the default would be 10 working days: 14/2).
    const fb = await rec({ kind: 'feedback', subject: 'Phản ánh', content: 'Nội dung' });
    assert.equal(await col(fb, 'resolve_due'), '2025-02-13');
    // Art. 28 as 30 working days from 24/1: 3/2–14/3 → Fri 14/3.
    const c = await rec(complaint('Khiếu nại, ngày làm việc'));
    const step = async (who, form) => {
      await a[who].get(`/petitions/desk/${c}`);
      const r = await a[who].post(`/petitions/desk/${c}/act`, form);
      assert.equal(r.status, 303, plain(r.text).slice(0, 300));
    };
    await step('specialist', { action: 'classify', kind: 'complaint_first' });
    await step('leader', { action: 'accept' });
    assert.equal(await col(c, 'resolve_due'), '2025-03-14');
    // Law on Denunciations Art. 30(4) gives no period: --extension-notice 10d from Fri 24/1 = Mon 3/2.
    const d = await rec({ kind: 'denunciation', subject: 'Tố cáo, thông báo gia hạn', content: 'Nội dung', ...complainant });
    const on = async (who, form) => {
      await a[who].get(`/petitions/desk/${d}`);
      const r = await a[who].post(`/petitions/desk/${d}/act`, form);
      assert.equal(r.status, 303, plain(r.text).slice(0, 300));
    };
    await on('specialist', { action: 'classify', kind: 'denunciation' });
    await on('leader', { action: 'accept', complexity: 'complex' });
    await on('leader', { action: 'extend', note: '51/QĐ-TTr', extension_days: '5', decision_on: TODAY });
    assert.equal(await col(d, 'extension_notice_due'), '2025-02-03');
  } finally {
    const r = await s.close();
    assert.equal(r.code, 0, `server exit code\n${s.srv.logs()}`);
  }
});

test('finding 12: an extension decision is sent to the denouncer and the denounced, with its due day (Law on Denunciations Art. 30(4))', async () => {
  const id = await recorded(denunciation('Tố cáo cần gia hạn giải quyết'));
  await act('specialist', id, { action: 'classify', kind: 'denunciation' });
  await act('leader', id, { action: 'accept', complexity: 'complex' });
  assert.equal(await column(id, 'extension_notice_due'), '');
  let r = await tryAct('leader', id, { action: 'notify_extension' });
  assert.equal(r.status, 422, 'no extension decision to send yet');
  assert.match(plain(r.text), /Không có quyết định gia hạn nào chưa gửi/);
  await act('leader', id, { action: 'extend', note: '21/QĐ-TTr', extension_days: '15', decision_on: TODAY });
  // Art. 30(4) gives no period: the setting's 5 working days from Fri 24/1: Tết 27–31/1, 3–7/2.
  assert.equal(await column(id, 'extension_notice_due'), '2025-02-07');
  let page = plain((await staff.leader.get(`/petitions/desk/${id}`)).text);
  assert.match(page, /Hạn gửi quyết định gia hạn cho người tố cáo, người bị tố cáo 07\/02\/2025/);
  assert.match(page, /21\/QĐ-TTr — 24\/01\/2025 — chưa gửi cho các bên/);
  assert.match(page, /Gửi quyết định gia hạn cho người tố cáo, người bị tố cáo/, 'the action is offered');
  r = await tryAct('specialist', id, { action: 'notify_extension' });
  assert.equal(r.status, 403, 'not by a specialist');
  await act('leader', id, { action: 'notify_extension', note: 'Công văn 22/TTr gửi các bên' });
  assert.equal(await column(id, 'extension_notice_due'), '');
  assert.equal(await column(id, 'state'), 'accepted', 'the state stays');
  assert.equal(await one(t, `SELECT COALESCE(notified_at, '') FROM petition_extensions WHERE petition_id = ${id}`), NOW);
  assert.equal(await one(t, `SELECT from_state || '|' || to_state || '|' || note FROM petition_events
    WHERE petition_id = ${id} AND action = 'notify_extension'`), 'accepted|accepted|Công văn 22/TTr gửi các bên');
  assert.equal(await one(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'petition.notify_extension' AND object_id = '${id}'`), '1');
  page = plain((await staff.leader.get(`/petitions/desk/${id}`)).text);
  assert.match(page, /21\/QĐ-TTr — 24\/01\/2025 — đã gửi cho các bên/);
  assert.doesNotMatch(page, /Hạn gửi quyết định gia hạn cho người tố cáo/);
  r = await tryAct('leader', id, { action: 'notify_extension' });
  assert.equal(r.status, 422, 'sent once');
});

test('finding 12: complexity and several places are changed later, with a reason, by the leader or the assignee, moving the due day', async () => {
  const c = await recorded(complaint('Khiếu nại hóa ra phức tạp'));
  await act('specialist', c, { action: 'classify', kind: 'complaint_first' });
  await act('leader', c, { action: 'accept' });
  assert.equal(await column(c, 'resolve_due'), '2025-02-24');
  const page = plain((await staff.leader.get(`/petitions/desk/${c}`)).text);
  assert.match(page, /Sửa mức độ phức tạp, nơi xác minh/);
  let r = await tryAct('leader', c, { action: 'amend', complexity: 'complex', note: ' ' });
  assert.equal(r.status, 422, 'a reason is required');
  r = await tryAct('specialist', c, { action: 'amend', complexity: 'complex', note: 'Phức tạp' });
  assert.equal(r.status, 403, 'not assigned to this specialist');
  await act('leader', c, { action: 'amend', complexity: 'complex', note: 'Nhiều nội dung cần xác minh' });
  // Law on Complaints Art. 28: 45 days from Fri 24/1 = Mon 10/3.
  assert.equal(await column(c, 'complexity'), 'complex');
  assert.equal(await column(c, 'resolve_due'), '2025-03-10');
  assert.equal(await column(c, 'state'), 'accepted');
  assert.equal(await one(t, `SELECT note FROM petition_events WHERE petition_id = ${c} AND action = 'amend'`),
    'Nhiều nội dung cần xác minh (complexity none → complex)');
  assert.equal(await one(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'petition.amend' AND object_id = '${c}'`), '1');
  r = await tryAct('leader', c, { action: 'amend', complexity: 'complex', note: 'Lần nữa' });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Không có gì thay đổi/);
  // The assigned specialist may change it back.
  await act('leader', c, { action: 'assign', assignee: specialistId });
  await act('specialist', c, { action: 'amend', complexity: 'none', note: 'Đã rõ, không phức tạp' });
  assert.equal(await column(c, 'resolve_due'), '2025-02-24');
  await act('specialist', c, { action: 'verify', note: 'Đã xác minh' });
  await act('leader', c, { action: 'decide', note: 'Quyết định số 9/QĐ' });
  r = await tryAct('leader', c, { action: 'amend', complexity: 'complex', note: 'Quá muộn' });
  assert.equal(r.status, 403, 'decided: no longer open to change');
  assert.equal(await column(c, 'resolve_due'), '2025-02-24');

  // Law on Denunciations Art. 24(1): several places before acceptance: 7 → 10 working days.
  const d = await recorded(denunciation('Tố cáo phải xác minh ở nhiều xã'));
  await act('specialist', d, { action: 'classify', kind: 'denunciation' });
  assert.equal(await column(d, 'accept_due'), '2025-02-11');
  await act('specialist', d, { action: 'amend', several_places: '1', note: 'Phải xác minh ở ba xã' });
  assert.equal(await column(d, 'accept_due'), '2025-02-14');
  assert.equal(await one(t, `SELECT CASE WHEN several_places THEN 1 ELSE 0 END FROM petitions WHERE id = ${d}`), '1');
  await act('leader', d, { action: 'accept', complexity: 'particularly_complex' });
  for (const n of ['31', '32']) await act('leader', d, { action: 'extend', note: `${n}/QĐ-TTr`, extension_days: '10', decision_on: TODAY });
  // Art. 30(2)–(3): two extensions need a particularly complex case.
  r = await tryAct('leader', d, { action: 'amend', complexity: 'complex', note: 'Bớt phức tạp' });
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /nhiều lần hơn mức độ phức tạp mới cho phép/);
  assert.equal(await column(d, 'complexity'), 'particularly_complex');
  // Feedback has neither.
  const fb = await recorded({ subject: 'Phản ánh về rác', content: 'Rác chưa được thu gom.' });
  await act('specialist', fb, { action: 'classify', kind: 'feedback' });
  await act('leader', fb, { action: 'accept' });
  r = await tryAct('leader', fb, { action: 'amend', complexity: 'complex', note: 'x' });
  assert.equal(r.status, 403);
});

test('finding 15: the forwarding, acceptance-notice, decision-sending and extension-notice due days count in the desk\'s overdue filter and box', async () => {
  // Recorded today (Fri 24/1/2025); looked at again on Mon 10/2/2025 by a second node on the database.
  const LATER = '2025-02-10T02:00:00Z';
  // Decree 20/2008 Art. 9: forwarding by 7/2 (resolve 10 working days: 14/2).
  const fwd = await recorded({ subject: 'Phản ánh chưa phân loại', content: 'Cống thoát nước bị tắc.' });
  // Law on Denunciations Art. 29(3): acceptance notice by 7/2 (resolve 24/2).
  const notice = await recorded(denunciation('Tố cáo chưa thông báo thụ lý'));
  const told = await recorded(denunciation('Tố cáo đã thông báo thụ lý'));
  const extended = await recorded(denunciation('Tố cáo gia hạn chưa gửi quyết định'));
  for (const id of [notice, told, extended]) {
    await act('specialist', id, { action: 'classify', kind: 'denunciation' });
    await act('leader', id, { action: 'accept', complexity: 'complex' });
  }
  let r = await tryAct('leader', told, { action: 'notify_acceptance' });
  assert.equal(r.status, 303);
  assert.equal(await column(told, 'acceptance_notified_at'), NOW);
  assert.match(plain((await staff.leader.get(`/petitions/desk/${told}`)).text), /Đã thông báo thụ lý cho người tố cáo ngày 24\/01\/2025/);
  r = await tryAct('leader', told, { action: 'notify_acceptance' });
  assert.equal(r.status, 422, 'sent once');
  await act('leader', extended, { action: 'notify_acceptance' });
  // Art. 30(4): the extension decision by 7/2 (resolve 24/1 + 30 + 10 = Fri 7/3).
  await act('leader', extended, { action: 'extend', note: '41/QĐ-TTr', extension_days: '10', decision_on: TODAY });
  // Law on Complaints Art. 32: the decision sent by 5/2 (resolve 24/2).
  const decided = await recorded(complaint('Khiếu nại đã có quyết định chưa gửi'));
  await act('specialist', decided, { action: 'classify', kind: 'complaint_first' });
  await act('leader', decided, { action: 'accept' });
  await act('leader', decided, { action: 'assign', assignee: specialistId });
  await act('specialist', decided, { action: 'verify', note: 'Đã xác minh' });
  await act('leader', decided, { action: 'decide', note: 'Quyết định số 12/QĐ' });
  const late = [fwd, notice, extended, decided];
  const ours = [...late, told];
  for (const id of ours) assert.notEqual(await column(id, 'pending_due'), '', `petition ${id} owes a step`);

  const listed = (html) => [...html.replaceAll('&#x2F;', '/').matchAll(/<tr><td><a href="\/petitions\/desk\/(\d+)">/g)].map((m) => m[1]);
  const boxed = (html) => {
    const box = /<section aria-labelledby="late-title">([\s\S]*?)<\/section>/.exec(html.replaceAll('&#x2F;', '/'))?.[1] ?? '';
    return [...box.matchAll(/href="\/petitions\/desk\/(\d+)"/g)].map((m) => m[1]);
  };
  // Today nothing of these is late.
  const now = await staff.leader.get('/petitions/desk?overdue=1');
  assert.deepEqual(listed(now.text).filter((id) => ours.includes(id)), []);
  assert.deepEqual(boxed(now.text).filter((id) => ours.includes(id)), []);

  const later = await startServer({ db: t.db, mode: 'serve', args: ['--fake-now', LATER, '--identity-keys-file', KEYS], env: clockEnv });
  try {
    const signInLater = async (email) => {
      const a = new Agent(later.url);
      const login = await a.login(email, PW);
      assert.equal(login.status, 303);
      if (login.headers.location === '/account/2fa') {
        await a.get('/account/2fa');
        const code = secrets.get(`${t.srv.url} ${email}`)?.shift();
        assert.ok(code, `${email}: a recovery code from enrolment`);
        const done = await a.post('/account/2fa', { code });
        assert.equal(done.status, 303, `${email}: a recovery code at the later clock`);
      }
      await a.get('/');
      return a;
    };
    const leader = await signInLater('leader@demo.tinhso.vn');
    const specialist = await signInLater('specialist@demo.tinhso.vn');
    const desk = await leader.get('/petitions/desk?overdue=1');
    assert.equal(desk.status, 200);
    const rows = listed(desk.text);
    for (const id of late) assert.ok(rows.includes(id), `petition ${id} is overdue on 10/2:\n${plain(desk.text).slice(0, 2000)}`);
    assert.ok(!rows.includes(told), 'its acceptance notice was sent and it is due 24/2');
    // The box: the ten steps overdue longest in the scope, earliest due day first. The complaint's
    // decision was due 5/2, before every other step of this database.
    const box = boxed(desk.text);
    assert.ok(box.length > 0 && box.length <= 10, `the box of late steps: ${box}`);
    assert.ok(box.includes(decided), `the decision due 5/2 is in the box: ${box}`);
    assert.ok(!box.includes(told));
    assert.match(plain(desk.text), /Khiếu nại đã có quyết định chưa gửi \([^)]*\) — hạn 05\/02\/2025: Gửi quyết định, kết luận/);
    const dues = [...plain(/<section aria-labelledby="late-title">([\s\S]*?)<\/section>/.exec(desk.text)[1])
      .matchAll(/hạn (\d\d)\/(\d\d)\/(\d{4})/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
    assert.deepEqual(dues, [...dues].sort(), 'earliest first');
    // Each case page names its late step.
    const lateStep = async (id) => plain((await leader.get(`/petitions/desk/${id}`)).text);
    assert.match(await lateStep(fwd), /Việc đã quá hạn Chuyển đơn hoặc hướng dẫn/);
    assert.match(await lateStep(notice), /Việc đã quá hạn Thông báo thụ lý cho người tố cáo/);
    assert.match(await lateStep(extended), /Việc đã quá hạn Gửi quyết định gia hạn/);
    assert.doesNotMatch(await lateStep(told), /Việc đã quá hạn/);
    assert.match(await lateStep(decided), /Việc đã quá hạn Gửi quyết định, kết luận/);
    // Sending it ends the lateness (Action::notify).
    await specialist.get(`/petitions/desk/${decided}`);
    const sent = await specialist.post(`/petitions/desk/${decided}/act`, { action: 'notify' });
    assert.equal(sent.status, 303, plain(sent.text).slice(0, 300));
    assert.equal(await column(decided, 'pending_due'), '');
    assert.ok(!listed((await leader.get('/petitions/desk?overdue=1')).text).includes(decided));
  } finally {
    const r2 = await later.stop();
    assert.equal(r2.code, 0, `later server exit code\n${later.logs()}`);
  }
});
