// Issue 16 §1–§3, §7 over HTTP (src/modules/tasks/pages_work.h): the province leader records a
// conclusion notice with three items and assigns them; the lead body (SO-KHCN: the demo specialist
// and its leader) acknowledges, reports progress, asks for an extension; the leader approves it;
// completion is reported and confirmed — each step a plain POST form with its CSRF token, each
// audited, a progress report with its file (PDF, JPEG or PNG by content). Also: who may not (403), bad input (422 with the form kept and a Vietnamese message at
// the field, 400 for a malformed step), a stale version (409), the lead's split into a sub-task
// with the parent's progress computed, and the body's view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW, DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

let t;
const as = {};
let province;  // UBND-TINH: the issuer, hence the assigning office
let khcn;      // SO-KHCN: the lead body
let khdt;      // another body, to coordinate
before(async () => {
  t = await serverFixture('tasks_work');
  for (const role of ['province_leader', 'specialist', 'agency_leader', 'auditor', 'inspector'])
    as[role] = await signInFully(t.srv.url, ROLES[role], PW);
  as.citizen = new Agent(t.srv.url);
  assert.equal((await as.citizen.login(ROLES.citizen, PW)).status, 303);
  await as.citizen.get('/');
  province = await one("SELECT id FROM agencies WHERE code = 'UBND-TINH'");
  khcn = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  khdt = await one("SELECT id FROM agencies WHERE code = 'SO-TC'");
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
// A day in Viet Nam (UTC+7), `n` days from today, as YYYY-MM-DD.
const day = (n) => new Date(Date.now() + 7 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
const unescape = (s) => s.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=');
const versionOf = (html) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);
const idFrom = (r, re) => re.exec(r.headers.location ?? '')?.[1];

// The task page as `who`, its version, and a step from it; returns the POST's response.
async function step(who, id, action, fields = {}) {
  const page = await as[who].get(`/tasks/${id}`);
  assert.equal(page.status, 200, `${who} opens task ${id}`);
  return as[who].post(`/tasks/${id}/act`, { action, version: String(versionOf(page.text)), ...fields });
}
async function stepOk(who, id, action, fields = {}) {
  const r = await step(who, id, action, fields);
  assert.equal(r.status, 303, `${who} ${action}: ${r.status} ${r.text?.slice(0, 300)}`);
  assert.equal(r.headers.location, `/tasks/${id}?done=${action}`);
  const after = await as[who].get(r.headers.location);
  assert.match(after.text, /role="status"[^>]*>Đã ghi nhận:/, `${action}: the confirmation`);
  return after;
}

const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
const NOTICE = {
  kind: 'conclusion_notice', number: '901-TB/UBND', issued_on: day(0), signer: 'Đỗ Minh Tuấn',
  subject: 'Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc về chuyển đổi số', is_public: '1', rows: '5',
  clause_1: '1', text_1: 'Sở Khoa học và Công nghệ hoàn thiện Đề án chuyển đổi số.',
  clause_2: '2', text_2: 'Sở Khoa học và Công nghệ báo cáo kết quả triển khai nền tảng số.',
  clause_3: '3.a', text_3: 'Các sở rà soát thủ tục hành chính có thể thực hiện trực tuyến toàn trình.',
  clause_4: '', text_4: '', clause_5: '', text_5: '',
};

test('the loop: record a notice with three items → assign → acknowledge, report, extend → approve → complete → confirm; every step audited', async () => {
  // Wrong role and bad input first.
  assert.equal((await as.citizen.get('/tasks/documents/new')).status, 403, 'a citizen does not record documents');
  assert.equal((await as.inspector.get('/tasks/documents/new')).status, 403, 'nor an inspector');
  let r = await as.province_leader.get('/tasks/documents/new');
  assert.equal(r.status, 200);
  assert.match(r.text, /name="clause_5"/, 'five item rows');
  r = await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: province, more: '1' });
  assert.equal(r.status, 200);
  assert.match(r.text, /name="clause_8"/, '"Thêm dòng mục" adds three rows without recording');
  assert.match(r.text, /Sở Khoa học và Công nghệ hoàn thiện Đề án/, 'and keeps what was typed');
  r = await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: province, number: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /class="error-summary"/);
  assert.match(r.text, /href="#f-number"/, 'the summary links to the field');
  assert.match(r.text, /id="f-number-error">[^<]*Nhập số, ký hiệu văn bản/, 'the Vietnamese message at the field');
  assert.match(unescape(r.text), /value="901-TB\/UBND"|Kết luận của Chủ tịch UBND tỉnh/, 'the form is kept');
  r = await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: province, text_1: '', text_2: '', text_3: '', clause_1: '', clause_2: '', clause_3: '' });
  assert.equal(r.status, 422, 'a document without items');
  r = await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: province, issued_on: '31/12/2026' });
  assert.equal(r.status, 422, 'a malformed date');
  assert.match(r.text, /id="f-issued_on-error"/);
  assert.equal((await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: 'abc' })).status, 400, 'a malformed id');
  // A specialist records documents of their own office only.
  assert.equal((await as.specialist.get('/tasks/documents/new')).status, 200);
  assert.equal((await as.specialist.post('/tasks/documents', { ...NOTICE, issuer: province })).status, 403);

  // The notice with three items.
  r = await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: province });
  assert.equal(r.status, 303, r.text?.slice(0, 500));
  const docId = idFrom(r, /^\/tasks\/documents\/(\d+)\?created=1$/);
  assert.ok(docId, r.headers.location);
  r = await as.province_leader.get(`/tasks/documents/${docId}?created=1`);
  assert.equal(r.status, 200);
  const assignUrls = [...unescape(r.text).matchAll(/href="(\/tasks\/items\/\d+\/assign)"/g)].map((m) => m[1]);
  assert.equal(assignUrls.length, 3, 'three items, each with its assignment link');
  assert.equal((await as.agency_leader.get(`/tasks/documents/${docId}`)).status, 403, 'another office does not see it');
  assert.equal((await as.province_leader.post('/tasks/documents', { ...NOTICE, issuer: province })).status, 422, 'the same notice again');

  // Assign the three items.
  r = await as.province_leader.get(assignUrls[0]);
  assert.equal(r.status, 200);
  assert.equal((await as.specialist.get(assignUrls[0])).status, 403, 'the lead body does not assign');
  const base = { product: 'plan', priority: 'high', assigned_on: day(0), lead: khcn, deadline: 'date', due: day(30) };
  r = await as.province_leader.post(assignUrls[0], { ...base, content: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-content-error">[^<]*Nhập nội dung nhiệm vụ/);
  r = await as.province_leader.post(assignUrls[0], { ...base, content: 'Hoàn thiện Đề án', deadline: 'working_days', days: '0' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-days-error"/);
  r = await as.province_leader.post(assignUrls[0], { ...base, content: 'Hoàn thiện Đề án', [`coord_${khcn}`]: '1' });
  assert.equal(r.status, 422, 'the lead among its coordinators');
  assert.match(r.text, /Cơ quan chủ trì không đồng thời là cơ quan phối hợp/);
  r = await as.province_leader.post(assignUrls[0], { ...base, content: 'Hoàn thiện Đề án chuyển đổi số, trình UBND tỉnh', [`coord_${khdt}`]: '1' });
  assert.equal(r.status, 303, r.text?.slice(0, 500));
  const id = idFrom(r, /^\/tasks\/(\d+)\?done=assign$/);
  assert.ok(id);
  r = await as.province_leader.post(assignUrls[1], { ...base, content: 'Báo cáo kết quả triển khai nền tảng số', deadline: 'working_days', days: '10' });
  assert.equal(r.status, 303);
  const id2 = idFrom(r, /^\/tasks\/(\d+)\?done=assign$/);
  r = await as.province_leader.post(assignUrls[2], { ...base, content: 'Rà soát thủ tục trực tuyến toàn trình', deadline: 'recurring', every: 'month', rday: '20' });
  assert.equal(r.status, 303);

  // The task page as each part sees it.
  r = await as.province_leader.get(`/tasks/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Hoàn thiện Đề án chuyển đổi số/);
  assert.match(r.text, /901-TB/);
  assert.ok(!r.text.includes('value="acknowledge"'), 'the assigner does not acknowledge');
  assert.match(r.text, /value="cancel"/, 'the assigner may cancel');
  assert.equal((await as.citizen.get(`/tasks/${id}`)).status, 403);
  assert.equal((await as.inspector.get(`/tasks/${id}`)).status, 403);
  r = await as.specialist.get(`/tasks/${id}`);
  assert.match(r.text, /value="acknowledge"/);
  assert.match(unescape(r.text), /href="\/tasks\/mine"/, 'the lead body\'s view is linked from its task');
  assert.ok(!r.text.includes('value="cancel"'), 'the lead does not cancel');

  // The body's view: waiting for our report.
  r = await as.specialist.get('/tasks/mine');
  assert.equal(r.status, 200);
  assert.ok(unescape(r.text).includes(`href="/tasks/${id}"`), 'our task is listed');
  assert.equal((await as.citizen.get('/tasks/mine')).status, 403);
  const coordinated = await one(`SELECT MIN(t.id) FROM tasks t JOIN task_coordinators c ON c.task_id = t.id WHERE c.agency_id = ${khcn}`
    + " AND t.state IN ('assigned', 'acknowledged', 'completion_reported')");
  assert.ok(coordinated, 'the demo has a task SO-KHCN coordinates');
  assert.match(unescape(r.text), new RegExp(`id="s-coordinated"[^]*href="/tasks/${coordinated}"`), 'the tasks we coordinate, listed apart');
  r = await as.specialist.get(`/tasks/${coordinated}`);
  assert.equal(r.status, 200, 'a coordinating body sees the task');
  assert.ok(!r.text.includes('name="action"'), 'and takes no step (the lead body reports)');

  // A wrong role's step: 403; a malformed step: 400; the lead acknowledges.
  assert.equal((await step('province_leader', id, 'acknowledge')).status, 403, 'not the assigner\'s step');
  r = await as.specialist.post(`/tasks/${id}/act`, { action: 'bogus', version: '0' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Bước xử lý không hợp lệ/);
  r = await as.specialist.post(`/tasks/${id}/act`, { action: 'acknowledge', version: 'x' });
  assert.equal(r.status, 400);
  await stepOk('specialist', id, 'acknowledge');
  // Stale: the page seen before the acknowledgement.
  r = await as.specialist.post(`/tasks/${id}/act`, { action: 'report_progress', version: '0', text: 'Đã dự thảo', percent: '30' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Nhiệm vụ vừa được cập nhật/);
  assert.match(unescape(r.text), new RegExp(`href="/tasks/${id}"`));
  // Progress: a bad percentage is refused at its field, the text kept.
  r = await step('specialist', id, 'report_progress', { text: 'Đã dự thảo Đề án', percent: '150' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-report_progress-percent-error">[^<]*từ 0 đến 100/);
  assert.match(r.text, /Đã dự thảo Đề án<\/textarea>/, 'the report is kept');
  // With a file: PDF, JPEG or PNG by its content, else 422 at the field.
  let page = await as.specialist.get(`/tasks/${id}`);
  assert.match(page.text, /enctype="multipart\/form-data"/);
  r = await as.specialist.postMultipart(`/tasks/${id}/act`, { action: 'report_progress', version: String(versionOf(page.text)),
    text: 'Đã dự thảo Đề án', percent: '40' }, { name: 'du-thao.pdf', content: 'MZ not a pdf', type: 'application/pdf' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-report_progress-file-error">[^<]*PDF, JPEG hoặc PNG/);
  r = await as.specialist.postMultipart(`/tasks/${id}/act`, { action: 'report_progress', version: String(versionOf(page.text)),
    text: 'Đã dự thảo Đề án, lấy ý kiến các sở', percent: '40' }, { name: 'du-thao.pdf', content: PDF, type: 'application/pdf' });
  assert.equal(r.status, 303, r.text?.slice(0, 300));
  r = await as.specialist.get(r.headers.location);
  assert.match(r.text, /id="progress">40%/);
  const fileUrl = /href="([^"]*\/files\/\d+)" download>du-thao\.pdf</.exec(unescape(r.text))?.[1];
  assert.ok(fileUrl, 'the report\'s file is listed');
  for (const who of ['specialist', 'province_leader']) {
    const f = await as[who].get(fileUrl);
    assert.equal(f.status, 200, `${who} downloads the file`);
    assert.equal(f.headers['content-type'], 'application/pdf');
    assert.match(f.headers['content-disposition'], /^attachment/);
    assert.equal(f.text, PDF);
  }
  assert.equal((await as.citizen.get(fileUrl)).status, 403);
  assert.equal((await as.specialist.get(`/tasks/${id}/files/999999`)).status, 404);
  // From the body's view as well.
  r = await as.specialist.get('/tasks/mine');
  const v = Number(new RegExp(`action="/tasks/${id}/act"[^]*?name="version" value="(\\d+)"`).exec(unescape(r.text))?.[1]);
  r = await as.specialist.post(`/tasks/${id}/act`, { action: 'report_progress', version: String(v), back: 'mine', text: 'Đã tổng hợp ý kiến', percent: '60' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/tasks/mine?done=report_progress');
  // An extension: the body's leader's, not its specialist's.
  assert.equal((await step('specialist', id, 'request_extension', { reason: 'Chờ ý kiến Bộ', new_due: day(60) })).status, 403);
  r = await step('agency_leader', id, 'request_extension', { reason: '', new_due: day(60) });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-request_extension-reason-error">[^<]*Nhập lý do/);
  await stepOk('agency_leader', id, 'request_extension', { reason: 'Chờ ý kiến thẩm định của Bộ', new_due: day(60) });
  assert.equal((await step('agency_leader', id, 'approve_extension')).status, 403, 'the lead does not approve its own request');
  r = await stepOk('province_leader', id, 'approve_extension');
  assert.match(r.text, /Hạn ban đầu/, 'every deadline version is listed');
  const dueShown = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const versions = (await t.db.exec(`SELECT due FROM task_deadline_versions WHERE task_id = ${id} ORDER BY number`)).trim().split('\n');
  assert.equal(versions.length, 2, 'the original and the extension');
  for (const due of versions) assert.ok(unescape(r.text).includes(dueShown(due)), `the deadline version ${due} is shown`);
  // Completion: reported by the body's leader with its product, returned once, then confirmed.
  assert.equal((await step('specialist', id, 'report_completion', { text: 'Đề án đã trình' })).status, 403);
  await stepOk('agency_leader', id, 'report_completion', { text: 'Đề án đã trình UBND tỉnh (Tờ trình số 12/TTr-SKHCN)' });
  await stepOk('province_leader', id, 'return', { reason: 'Bổ sung phần nguồn lực' });
  await stepOk('agency_leader', id, 'report_completion', { text: 'Đề án đã bổ sung phần nguồn lực' });
  r = await stepOk('province_leader', id, 'confirm');
  assert.match(r.text, /Hoàn thành/);
  assert.ok(!r.text.includes('name="action"'), 'no step is left on a done task');

  // The split: the lead body's leader gives part of task 2 to itself; the parent's progress is computed.
  await stepOk('specialist', id2, 'acknowledge');
  r = await as.agency_leader.get(`/tasks/${id2}`);
  assert.match(r.text, /action="\/tasks\/\d+\/subtasks"|subtasks"/);
  assert.equal((await as.specialist.post(`/tasks/${id2}/subtasks`, { content: 'x', lead: khcn, product: 'report', priority: 'normal', deadline: 'none' })).status, 403);
  r = await as.agency_leader.post(`/tasks/${id2}/subtasks`, { content: '', lead: khcn, product: 'report', priority: 'normal', deadline: 'none' });
  assert.equal(r.status, 422);
  r = await as.agency_leader.post(`/tasks/${id2}/subtasks`, { content: 'Tổng hợp số liệu nền tảng số', lead: khcn, product: 'report', priority: 'normal', deadline: 'none' });
  assert.equal(r.status, 303, r.text?.slice(0, 400));
  const sub = idFrom(r, /^\/tasks\/(\d+)\?done=split$/);
  await stepOk('specialist', sub, 'acknowledge');
  await stepOk('specialist', sub, 'report_progress', { text: 'Đã tổng hợp một nửa', percent: '50' });
  r = await as.agency_leader.get(`/tasks/${id2}`);
  assert.match(r.text, /id="progress">50%<\/span> — tính từ các nhiệm vụ con/);
  assert.ok(!r.text.includes('value="report_progress"'), 'a parent\'s progress is not reported');

  // An extension refused (with its reason), and a cancellation (with its reason).
  await stepOk('agency_leader', id2, 'request_extension', { reason: 'Chờ số liệu quý', new_due: day(90) });
  r = await step('province_leader', id2, 'refuse_extension', { reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-refuse_extension-reason-error">[^<]*Nhập lý do/);
  r = await stepOk('province_leader', id2, 'refuse_extension', { reason: 'Đề nghị bảo đảm hạn đã giao' });
  assert.ok(!r.text.includes('value="approve_extension"'), 'nothing is waiting any more');
  const id3 = (await one(`SELECT MAX(id) FROM tasks WHERE content = 'Rà soát thủ tục trực tuyến toàn trình'`));
  r = await step('province_leader', id3, 'cancel', { reason: ' ' });
  assert.equal(r.status, 422);
  r = await stepOk('province_leader', id3, 'cancel', { reason: 'Đã giao tại văn bản khác' });
  assert.match(r.text, /Đã hủy/);

  // In English as well.
  r = await as.province_leader.get(`/tasks/${id}`, { headers: { 'accept-language': 'en' } });
  assert.match(r.text, /<h1>Task \d+<\/h1>/);

  // Every step audited, as the auditor reads the log.
  for (const action of ['task_document.create', 'task.assign', 'task.acknowledge', 'task.report_progress', 'task.request_extension',
    'task.approve_extension', 'task.refuse_extension', 'task.report_completion', 'task.return', 'task.confirm', 'task.cancel']) {
    const a = await as.auditor.get(`/audit?action=${action}`);
    assert.equal(a.status, 200);
    assert.match(a.text, /<th scope="row">\d+<\/th>/, `${action} is in the audit log`);
  }
  const n = Number((await t.db.exec(`SELECT COUNT(*) FROM audit_log WHERE action LIKE 'task.%' AND object_id = '${id}'`)).trim());
  const events = Number((await t.db.exec(`SELECT COUNT(*) FROM task_events WHERE task_id = ${id}`)).trim());
  assert.equal(n, events, 'one audit record per step of the task');
  assert.equal(events, 10, 'assign, acknowledge, 2 progress, request, approve, completion, return, completion, confirm');
});

// Issue 16 §1, the signed file (PDF) of a source document (migration 006): optional at recording,
// attached or replaced later by the assigning office (the old file kept, listed as replaced), each
// change one audit record in the document's transaction; a non-PDF refused at the field in the
// reader's language; downloads byte for byte as an attachment; a public document's current file
// is everyone's from its public page, an internal document's file is never served there (404).
test('a step recorded afterwards counts for its own day: not after today, not before the latest step; its event, report and history carry that day', async () => {
  // A task of the specialist's body, acknowledged, without sub-tasks, its latest step not after today.
  const row = (await t.db.exec("SELECT t.id, MAX(e.on_day) FROM tasks t JOIN agencies a ON a.id = t.lead_agency_id"
    + " JOIN task_events e ON e.task_id = t.id WHERE a.code = 'SO-KHCN' AND t.state = 'acknowledged' AND t.parent_id IS NULL"
    + ` AND NOT EXISTS (SELECT 1 FROM tasks k WHERE k.parent_id = t.id) GROUP BY t.id HAVING MAX(e.on_day) <= '${day(0)}' ORDER BY t.id LIMIT 1`))
    .trim().split('\t');
  const [id, last] = [row[0], row[1]];
  assert.ok(id && /^\d{4}-\d{2}-\d{2}$/.test(last), `the demo has such a task (${row})`);
  const page = await as.specialist.get(`/tasks/${id}`);
  assert.match(page.text, /<label for="f-report_progress-on">Ngày thực hiện<\/label>/, 'every step form has the day field');
  const report = { text: 'Báo cáo bổ sung theo văn bản đã gửi', percent: '55' };
  for (const [on, message] of [[day(1), /Ngày không được sau hôm nay/], ['2021-02-30', /Ngày không hợp lệ/],
    [new Date(Date.parse(last) - 86400_000).toISOString().slice(0, 10), /Ngày không được trước ngày giao hoặc bước gần nhất/]]) {
    const r = await step('specialist', id, 'report_progress', { ...report, on });
    assert.equal(r.status, 422, on);
    assert.match(r.text, new RegExp(`id="f-report_progress-on-error">[^<]*${message.source}`), on);
    assert.match(r.text, new RegExp(`id="f-report_progress-on"[^>]*value="${on}"`), `${on}: the day is kept`);
  }
  const before = Number(await one(`SELECT COUNT(*) FROM task_events WHERE task_id = ${id}`));
  await stepOk('specialist', id, 'report_progress', { ...report, on: last });
  const ev = (await t.db.exec(`SELECT on_day, action FROM task_events WHERE task_id = ${id} ORDER BY id DESC LIMIT 1`)).trim().split('\t');
  assert.deepEqual(ev, [last, 'report_progress'], 'the event counts for the day given');
  assert.equal(Number(await one(`SELECT COUNT(*) FROM task_events WHERE task_id = ${id}`)), before + 1);
  assert.equal(await one(`SELECT COUNT(*) FROM task_reports WHERE task_id = ${id} AND reported_on = '${last}' AND percent = 55`), '1');
  const [y, m, d] = last.split('-');
  assert.match(unescape((await as.specialist.get(`/tasks/${id}`)).text), new RegExp(`<th scope="row">${d}/${m}/${y}</th><td[^>]*>Báo cáo tiến độ</td>(<td[^>]*>[^<]*</td>){2}<td[^>]*>55% Báo cáo bổ sung`),
    'the history shows the day of the step');
});

test('the signed file of a document: at recording or later, replaced with the old one kept; an internal one never public', async () => {
  const sha = async (buf) => (await import('node:crypto')).createHash('sha256').update(buf).digest('hex');
  // Binary bytes (not UTF-8) so that a download is compared byte for byte.
  const signed = (n) => Buffer.concat([Buffer.from(`%PDF-1.7\n%`), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
    Buffer.from(`\n1 0 obj << /Title (Ban ${n}) >> endobj\ntrailer <<>>\n%%EOF\n`)]);
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const fileLinks = (html) => [...unescape(html).matchAll(/href="(\/tasks\/documents\/\d+\/files\/\d+)" download>([^<]*)</g)]
    .map((m) => ({ url: m[1], name: m[2] }));
  const anonymous = new Agent(t.srv.url);

  let r = await as.province_leader.get('/tasks/documents/new');
  assert.match(r.text, /<form method="post" action="\/tasks\/documents" enctype="multipart\/form-data"/, 'works without JavaScript');
  assert.match(r.text, /id="f-file" name="file" type="file" accept="application\/pdf"/);

  // The form as a browser sends it (multipart) with its most rows: 60 items, more than the 100
  // parts a multipart request may have by default.
  const rows = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [[`clause_${i + 1}`, `${i + 1}`], [`text_${i + 1}`, `Mục ${i + 1}`]]).flat());
  r = await as.province_leader.postMultipart('/tasks/documents', { ...NOTICE, issuer: province, ...rows, rows: '60', more: '1' }, []);
  assert.equal(r.status, 200, r.text?.slice(0, 300));
  assert.match(r.text, /name="text_60"[^>]*>Mục 60</, 'the 60 rows came through');

  // An internal directive recorded with its signed file; a PNG named .pdf is refused first.
  const internal = { ...NOTICE, kind: 'directive', number: '05/CT-UBND', is_public: '', issuer: province };
  r = await as.province_leader.postMultipart('/tasks/documents', internal, { name: 'chi-thi.pdf', content: PNG, type: 'application/pdf' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-file-error">[^<]*Tệp văn bản đã ký phải là tệp PDF/, 'the Vietnamese message at the field');
  assert.match(r.text, /href="#f-file"/, 'and in the summary');
  assert.match(unescape(r.text), /value="05\/CT-UBND"/, 'the form is kept');
  assert.equal(await one("SELECT COUNT(*) FROM task_documents WHERE number = '05/CT-UBND'"), '0', 'nothing recorded');
  r = await as.province_leader.postMultipart('/tasks/documents', internal, { name: 'chi-thi.png', content: PNG, type: 'image/png' },
    { headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-file-error">[^<]*The signed file must be a PDF/, 'in English as well');
  r = await as.province_leader.postMultipart('/tasks/documents', internal, { name: 'chi-thi 05.pdf', content: signed(1), type: 'application/octet-stream' });
  assert.equal(r.status, 303, r.text?.slice(0, 300));
  const internalId = idFrom(r, /^\/tasks\/documents\/(\d+)\?created=1$/);
  r = await as.province_leader.get(`/tasks/documents/${internalId}`);
  let files = fileLinks(r.text);
  assert.deepEqual(files.map((f) => f.name), ['chi-thi 05.pdf']);
  assert.match(r.text, /Hiện hành/);
  assert.match(r.text, /Thay thế văn bản đã ký/, 'the form offers a replacement');
  const internalFile = files[0].url;
  const f = await as.province_leader.get(internalFile);
  assert.equal(f.status, 200);
  assert.ok(f.body.equals(signed(1)), 'the bytes as sent');
  assert.equal(f.headers['content-type'], 'application/pdf');
  assert.match(f.headers['content-disposition'], /^attachment;.*chi-thi/);
  assert.equal(f.headers['x-content-type-options'], 'nosniff');
  assert.match(f.headers['cache-control'], /private/);
  assert.equal(await one(`SELECT file_sha256 FROM task_documents WHERE id = ${internalId}`), await sha(signed(1)));
  assert.match(await one(`SELECT after_summary FROM audit_log WHERE action = 'task_document.create' AND object_id = '${internalId}'`),
    new RegExp(`file:${await sha(signed(1))}`), 'one audit record names the file');
  // Never reachable by another office, anonymously, or from the public pages.
  assert.equal((await as.agency_leader.get(internalFile)).status, 403, 'another office\'s officer');
  assert.equal((await as.specialist.get(internalFile)).status, 403);
  r = await anonymous.get(internalFile);
  assert.equal(r.status, 303);
  assert.match(r.headers.location, /^\/login/);
  const fileId = /\/files\/(\d+)$/.exec(internalFile)[1];
  for (const who of [anonymous, as.agency_leader, as.province_leader])
    assert.equal((await who.get(`/tasks/public/${internalId}/files/${fileId}`)).status, 404, 'no public download of an internal file');
  assert.equal((await anonymous.get(`/tasks/public/${internalId}`)).status, 404);
  assert.equal((await as.province_leader.get(`/tasks/documents/${internalId}/files/999999`)).status, 404);
  assert.equal((await as.agency_leader.postMultipart(`/tasks/documents/${internalId}/files`, {},
    { name: 'x.pdf', content: signed(9), type: 'application/pdf' })).status, 403, 'another office does not attach');

  // A public notice recorded without its file; attached later, then replaced.
  const pub = { ...NOTICE, number: '903-TB/UBND', issuer: province };
  r = await as.province_leader.postMultipart('/tasks/documents', pub, []);
  assert.equal(r.status, 303, r.text?.slice(0, 300));
  const pubId = idFrom(r, /^\/tasks\/documents\/(\d+)\?created=1$/);
  r = await as.province_leader.get(`/tasks/documents/${pubId}`);
  assert.match(r.text, /Chưa có tệp văn bản đã ký/);
  assert.match(unescape(r.text), new RegExp(`action="/tasks/documents/${pubId}/files" enctype="multipart/form-data"`));
  r = await anonymous.get(`/tasks/public/${pubId}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Chưa đăng tệp văn bản đã ký/);
  r = await as.province_leader.postMultipart(`/tasks/documents/${pubId}/files`, {}, []);
  assert.equal(r.status, 422, 'no file sent');
  assert.match(r.text, /id="f-file-error">[^<]*Chọn tệp văn bản đã ký/);
  r = await as.province_leader.postMultipart(`/tasks/documents/${pubId}/files`, {}, { name: 'tb.pdf', content: 'MZ\x90\x00', type: 'application/pdf' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-file-error">[^<]*Tệp văn bản đã ký phải là tệp PDF/);
  r = await as.province_leader.postMultipart(`/tasks/documents/${pubId}/files`, {}, { name: 'tb-903.pdf', content: signed(2), type: 'application/pdf' });
  assert.equal(r.status, 303, r.text?.slice(0, 300));
  assert.equal(r.headers.location, `/tasks/documents/${pubId}?file=attached`);
  assert.match((await as.province_leader.get(r.headers.location)).text, /role="status">Đã đính kèm văn bản đã ký/);
  const publicLink = async () => /href="(\/tasks\/public\/\d+\/files\/\d+)" download>/.exec(unescape((await anonymous.get(`/tasks/public/${pubId}`)).text))?.[1];
  const first = await publicLink();
  assert.ok(first, 'the public page links the signed file');
  r = await anonymous.get(first);
  assert.equal(r.status, 200, 'anyone downloads a public document\'s file');
  assert.ok(r.body.equals(signed(2)));
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(r.headers['content-disposition'], /^attachment/);
  r = await as.province_leader.postMultipart(`/tasks/documents/${pubId}/files`, {}, { name: 'tb-903-ban-sua.pdf', content: signed(3), type: 'application/pdf' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `/tasks/documents/${pubId}?file=replaced`);
  r = await as.province_leader.get(`/tasks/documents/${pubId}`);
  files = fileLinks(r.text);
  assert.deepEqual(files.map((x) => x.name), ['tb-903-ban-sua.pdf', 'tb-903.pdf'], 'the current file first, the replaced one kept');
  assert.match(r.text, /Đã thay thế lúc/);
  assert.ok((await as.province_leader.get(files[1].url)).body.equals(signed(2)), 'the replaced file is still downloadable inside');
  assert.equal((await anonymous.get(first)).status, 404, 'but no longer public');
  const second = await publicLink();
  assert.notEqual(second, first);
  assert.ok((await anonymous.get(second)).body.equals(signed(3)), 'the public page serves the current file');
  assert.equal(await one(`SELECT file_sha256 FROM task_documents WHERE id = ${pubId}`), await sha(signed(3)));
  assert.equal(await one(`SELECT COUNT(*) FROM task_document_files WHERE document_id = ${pubId} AND replaced_at IS NULL`), '1');
  const audited = (await t.db.exec(`SELECT action FROM audit_log WHERE object_type = 'task_document' AND object_id = '${pubId}' ORDER BY seq`))
    .trim().split('\n');
  assert.deepEqual(audited, ['task_document.create', 'task_document.attach_file', 'task_document.replace_file'],
    'one audit record per change, none for a refused file');
});
