// Issue 18 over HTTP (src/modules/consultations): an officer of SO-KHCN imports a .docx draft and
// checks its split; the legal minimum period is enforced (a shorter one needs its reason); the
// draft is published; citizens and an organisation comment (with files), reply, agree, answer a
// question once — also under concurrent requests; a comment is hidden with its reason, which
// stays visible while its text leaves every public page, the CSV, the API and the search; the
// officer answers every comment, the report is refused while one has no answer, then published:
// its PDF and XLSX hold every visible comment and answer and no hidden text; the commenters and
// the subscribers are told (notices and e-mails); the accent-free search finds "hỗ trợ" by
// "ho tro"; bad input gets a Vietnamese message. The clock is the suite's (faked in CI); the
// consultation's moments are moved in SQL to open and close it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW, DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCX = readFileSync(join(ROOT, 'data', 'consultations', 'du-thao-nghi-quyet-ho-tro.docx'));
const PDF = '%PDF-1.4\n%%EOF\n';
let t;
const as = {};
let id;  // the consultation made here

async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const unescape = (s) => s.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&quot;', '"')
  .replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const local = (d) => new Date(d.getTime() + 7 * 3600e3).toISOString().slice(0, 16);  // a Viet Nam datetime-local
async function citizen(email) {
  const a = new Agent(t.srv.url);
  assert.equal((await a.login(email, PW)).status, 303, `${email} signs in`);
  await a.get('/');
  return a;
}
async function shift(column, ms) {
  await t.db.exec(`UPDATE consultations SET ${column} = '${new Date(Date.now() + ms).toISOString().slice(0, 19)}Z'`
    + ` WHERE id = ${id}`);
}

before(async () => {
  t = await serverFixture('consultations', { env: { TINHSO_CONSULTATION_NOTICE_SECONDS: '1' } });
  as.officer = await signInFully(t.srv.url, ROLES.specialist, PW);
  as.citizen = await citizen(ROLES.citizen);
  as.farmer = await citizen('nongdan@demo.tinhso.vn');
  as.org = await citizen('htx@demo.tinhso.vn');
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

test('an officer imports a .docx draft; a period under the minimum needs its reason', async () => {
  const khcn = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  const opens = new Date(Date.now() + 2 * 86400e3);
  const form = { title: 'Dự thảo Nghị quyết hỗ trợ chuyển đổi số nông nghiệp', agency: khcn, kind: 'policy',
    field: 'Chuyển đổi số', legal_basis: 'Luật số 64/2025/QH15', opens: local(opens),
    closes: local(new Date(opens.getTime() + 10 * 86400e3)), wide: '1' };
  const file = { name: 'du-thao.docx', content: DOCX, type: 'application/octet-stream', field: 'draft' };
  const short = await as.officer.postMultipart('/consultations/new', form, [file]);
  assert.equal(short.status, 422);
  assert.match(short.text, /ngắn hơn mức tối thiểu/);
  const made = await as.officer.postMultipart('/consultations/new', { ...form, reason: 'Chính sách cần ban hành trước vụ Đông Xuân' }, [file]);
  assert.equal(made.status, 303, made.text.slice(0, 300));
  id = Number(/\/consultations\/(\d+)\/draft/.exec(made.headers.location)[1]);
  const check = unescape((await as.officer.get(`/consultations/${id}/draft`)).text);
  for (const s of ['Chương I', 'Điều 3', 'Điểm đ khoản 1 Điều 3', 'Điều 10']) assert.ok(check.includes(s), `the split shows ${s}`);
  assert.equal(await one(`SELECT COUNT(*) FROM consultation_units u JOIN consultation_versions v ON v.id = u.version_id`
    + ` WHERE v.consultation_id = ${id} AND u.anchor = 'dieu-3-khoan-1-diem-dd'`), '1', 'a stable anchor for điểm đ');
  // A draft is not public.
  assert.equal((await as.citizen.get(`/consultations/${id}`)).status, 404);
  assert.equal((await new Agent(t.srv.url).get(`/api/v1/consultations/${id}`)).status, 404);
  // A broken upload is a Vietnamese error, nothing stored.
  const broken = await as.officer.postMultipart(`/consultations/${id}/draft`, {}, [{ ...file, content: Buffer.from('PK\x03\x04garbage') }]);
  assert.equal(broken.status, 422);
  assert.match(broken.text, /Không đọc được tệp dự thảo/);
  // The officer corrects the split as text: version 1 is replaced while a draft.
  const text = execFileSync('cat', [join(ROOT, 'data', 'consultations', 'du-thao-nghi-quyet-ho-tro.txt')]).toString();
  assert.equal((await as.officer.postMultipart(`/consultations/${id}/draft`, { text }, [])).status, 303);
  assert.equal(await one(`SELECT COUNT(*) FROM consultation_versions WHERE consultation_id = ${id}`), '1');
  const q = await as.officer.post(`/consultations/${id}/questions`, { text: 'Mức hỗ trợ có phù hợp?', items: 'Phù hợp\nChưa phù hợp' });
  assert.equal(q.status, 303);
  const bad = await as.officer.post(`/consultations/${id}/questions`, { text: 'Chỉ một phương án', items: 'Có' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /từ 2 đến 20 phương án/);
  const version = await one(`SELECT version FROM consultations WHERE id = ${id}`);
  assert.equal((await as.officer.post(`/consultations/${id}/publish`, { version })).status, 303);
  assert.equal((await as.officer.post(`/consultations/${id}/publish`, { version })).status, 409, 'published once');
});

test('subscribers are told when it opens and before it closes; before it opens nobody may comment', async () => {
  assert.equal((await as.farmer.post('/consultations/subscriptions', { scope: 'field', value: 'Chuyển đổi số' })).status, 303);
  const early = await as.citizen.postMultipart(`/consultations/${id}`.concat('/comments'), { target: 'dieu-3', comment: 'Sớm quá' }, []);
  assert.equal(early.status, 409);
  await shift('opens_at', -60e3);
  for (let i = 0; i < 100 && await one(`SELECT COUNT(*) FROM consultation_announcements WHERE consultation_id = ${id} AND event = 'opened'`) !== '1'; i++) await sleep(100);
  const notices = unescape((await as.farmer.get('/consultations/notices')).text);
  assert.match(notices, /Bắt đầu lấy ý kiến: Dự thảo Nghị quyết hỗ trợ chuyển đổi số nông nghiệp/);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'nongdan@demo.tinhso.vn'"
    + " AND subject LIKE 'Bắt đầu lấy ý kiến: Dự thảo Nghị quyết hỗ trợ chuyển đổi số%'"), '1');
  // Within --consultation-closing-days (3) of its close: "closing soon", once, to the same subscriber.
  await shift('closes_at', 24 * 3600e3);
  for (let i = 0; i < 100 && await one(`SELECT COUNT(*) FROM consultation_announcements WHERE consultation_id = ${id} AND event = 'closing'`) !== '1'; i++) await sleep(100);
  assert.match(unescape((await as.farmer.get('/consultations/notices')).text), /Sắp kết thúc lấy ý kiến: Dự thảo Nghị quyết hỗ trợ chuyển đổi số/);
  assert.match(unescape((await new Agent(t.srv.url).get('/consultations?phase=open')).text), /Sắp hết hạn/);
  await sleep(1500);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'nongdan@demo.tinhso.vn'"
    + " AND subject LIKE 'Sắp kết thúc lấy ý kiến: Dự thảo Nghị quyết hỗ trợ chuyển đổi số%'"), '1', 'told once');
});

let citizenComment, orgComment, hiddenComment;

test('citizens and an organisation comment with files, reply and agree; bad input is refused in Vietnamese', async () => {
  const c = await as.citizen.postMultipart(`/consultations/${id}/comments`,
    { target: 'dieu-3-khoan-1', comment: 'Đề nghị hạ diện tích tối thiểu xuống 0,3 ha.' },
    [{ name: 'ban-do.pdf', content: PDF, type: 'application/pdf', field: 'files' }]);
  assert.equal(c.status, 303, c.text.slice(0, 300));
  citizenComment = /comment-(\d+)/.exec(c.headers.location)[1];
  assert.match(c.headers.location, new RegExp(`/consultations/${id}/units/dieu-3\\?posted=1#comment-${citizenComment}`));
  assert.equal((await as.org.post('/consultations/organisation', { name: 'Hợp tác xã Nông nghiệp số Tam Dương', representative: 'Trần Văn Bình', position: 'Giám đốc' })).status, 303);
  const o = await as.org.postMultipart(`/consultations/${id}/comments`, { target: 'dieu-4', comment: 'Hợp tác xã đề nghị bổ sung hỗ trợ máy bay không người lái.' }, []);
  assert.equal(o.status, 303);
  orgComment = /comment-(\d+)/.exec(o.headers.location)[1];
  const h = await as.farmer.postMultipart(`/consultations/${id}/comments`, { target: 'dieu-4', comment: 'Ông cán bộ Zyxw là kẻ vô dụng.' }, []);
  hiddenComment = /comment-(\d+)/.exec(h.headers.location)[1];
  const reply = await as.farmer.postMultipart(`/consultations/${id}/comments`, { parent: citizenComment, comment: 'Tôi đồng ý với ý kiến này.' }, []);
  assert.equal(reply.status, 303);
  const page = unescape((await new Agent(t.srv.url).get(`/consultations/${id}/units/dieu-4`)).text);
  assert.match(page, /Hợp tác xã Nông nghiệp số Tam Dương/);
  assert.match(page, /người đại diện: Trần Văn Bình/);
  const art3 = unescape((await new Agent(t.srv.url).get(`/consultations/${id}/units/dieu-3`)).text);
  assert.match(art3, /Khoản 1 Điều 3/);
  assert.match(art3, /ban-do\.pdf/);
  assert.match(art3, /Tôi đồng ý với ý kiến này/);
  // Agreements: once per account, never one's own.
  for (let i = 0; i < 2; i++) assert.equal((await as.citizen.post(`/consultations/${id}/comments/${orgComment}/agree`)).status, 303);
  assert.equal(await one(`SELECT agrees FROM consultation_comments WHERE id = ${orgComment}`), '1');
  assert.equal((await as.org.post(`/consultations/${id}/comments/${orgComment}/agree`)).status, 409);
  // Bad input.
  const empty = await as.citizen.postMultipart(`/consultations/${id}/comments`, { target: 'dieu-3', comment: '   ' }, []);
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Hãy nhập nội dung góp ý/);
  const exe = await as.citizen.postMultipart(`/consultations/${id}/comments`, { target: 'dieu-3', comment: 'Có tệp' },
    [{ name: 'virus.exe', content: 'MZ\x90\x00', type: 'application/pdf', field: 'files' }]);
  assert.equal(exe.status, 422);
  assert.match(exe.text, /PDF, JPEG hoặc PNG/);
  const nowhere = await as.citizen.postMultipart(`/consultations/${id}/comments`, { target: 'dieu-99', comment: 'Điều không có' }, []);
  assert.equal(nowhere.status, 422);
  assert.match(nowhere.text, /không có trong dự thảo/);
  assert.equal((await as.officer.postMultipart(`/consultations/${id}/comments`, { target: 'dieu-3', comment: 'Cán bộ' }, [])).status, 403,
    'staff speak through the answers, not as commenters');
});

test('one answer per account to the questions, also under concurrent requests', async () => {
  const qid = await one(`SELECT id FROM consultation_questions WHERE consultation_id = ${id}`);
  const opt = await one(`SELECT MIN(id) FROM consultation_options WHERE question_id = ${qid}`);
  assert.equal((await as.citizen.post(`/consultations/${id}/responses`, { [`q_${qid}`]: opt })).status, 303);
  const again = await as.citizen.post(`/consultations/${id}/responses`, { [`q_${qid}`]: opt });
  assert.equal(again.status, 409);
  assert.match(again.text, /đã trả lời/);
  const results = await Promise.all(Array.from({ length: 6 }, () => as.farmer.post(`/consultations/${id}/responses`, { [`q_${qid}`]: opt })));
  assert.deepEqual(results.map((r) => r.status).sort(), [303, 409, 409, 409, 409, 409]);
  const farmer = await one("SELECT id FROM accounts WHERE email = 'nongdan@demo.tinhso.vn'");
  assert.equal(await one(`SELECT COUNT(*) FROM consultation_responses WHERE question_id = ${qid} AND account_id = ${farmer}`), '1');
  assert.equal(await one(`SELECT COUNT(*) FROM consultation_response_options WHERE question_id = ${qid} AND account_id = ${farmer}`), '1');
  const none = await as.org.post(`/consultations/${id}/responses`, {});
  assert.equal(none.status, 422);
  assert.match(none.text, /Hãy trả lời tất cả các câu hỏi/);
  // Results only after the close.
  assert.doesNotMatch((await new Agent(t.srv.url).get(`/consultations/${id}`)).text, /người trả lời/);
});

test('a hidden comment keeps its reason in sight and its text out of every page, export, API and search', async () => {
  const hide = await as.officer.post(`/consultations/${id}/comments/${hiddenComment}/hide`, { reason: 'Công kích cá nhân' });
  assert.equal(hide.status, 303);
  assert.equal((await as.officer.post(`/consultations/${id}/comments/${hiddenComment}/hide`, { reason: 'Lần nữa' })).status, 409);
  const anon = new Agent(t.srv.url);
  const pages = [`/consultations/${id}/units/dieu-4`, `/consultations/${id}/comments/${hiddenComment}`,
    `/consultations/${id}/comments.csv`, `/api/v1/consultations/${id}/comments?unit=dieu-4`, '/consultations?q=zyxw',
    '/api/v1/consultations?q=zyxw'];
  for (const p of pages) {
    const r = await anon.get(p);
    assert.equal(r.status, 200, p);
    assert.doesNotMatch(r.text, /Zyxw là|vô dụng/i, `${p} never shows the hidden text`);
  }
  assert.match(unescape((await anon.get(`/consultations/${id}/units/dieu-4`)).text), /Ý kiến đã bị ẩn: Công kích cá nhân/);
  assert.match((await anon.get(`/consultations/${id}/comments.csv`)).text, /Ý kiến đã bị ẩn: Công kích cá nhân/);
  assert.match(unescape((await as.farmer.get('/consultations/notices')).text), /đã bị ẩn/);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'consultation_comment.hide' AND object_id = '${hiddenComment}'`), '1');
  // The audit trail names no commenter's words.
  assert.equal(await one("SELECT COUNT(*) FROM audit_log WHERE after_summary LIKE '%Zyxw%' OR before_summary LIKE '%Zyxw%'"), '0');
});

test('the officer answers every comment; the report needs them all; commenters and subscribers are told', async () => {
  assert.equal((await as.officer.post(`/consultations/${id}/answers`, { comment_ids: citizenComment, kind: 'accepted',
    text: 'Tiếp thu, hạ xuống 0,3 ha.', changed: 'dieu-3-khoan-1' })).status, 303);
  const badKind = await as.officer.post(`/consultations/${id}/answers`, { comment_ids: orgComment, kind: 'maybe', text: 'x' });
  assert.equal(badKind.status, 422);
  assert.match(badKind.text, /tiếp thu, tiếp thu một phần hoặc giải trình/);
  await shift('closes_at', -30e3);
  const early = await as.officer.post(`/consultations/${id}/report`, { note: 'Kết luận' });
  assert.equal(early.status, 422);
  assert.match(early.text, /Còn ý kiến chưa được trả lời/);
  assert.equal((await as.officer.post(`/consultations/${id}/answers`, { comment_ids: orgComment, kind: 'explained',
    text: 'Giải trình: thiết bị bay thuộc chính sách khác.', changed: '' })).status, 303);
  assert.equal((await as.officer.post(`/consultations/${id}/report`, { note: 'Sở đã tiếp thu, chỉnh lý dự thảo.' })).status, 303);
  assert.match(unescape((await as.citizen.get('/consultations/notices')).text), /đã được trả lời/);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'citizen@demo.tinhso.vn' AND subject LIKE 'Góp ý của anh/chị đã được trả lời%'"), '1');
  for (let i = 0; i < 100 && await one(`SELECT COUNT(*) FROM consultation_announcements WHERE consultation_id = ${id} AND event = 'report'`) !== '1'; i++) await sleep(100);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'htx@demo.tinhso.vn' AND subject LIKE 'Đã công bố báo cáo%'"
    + " AND subject LIKE '%chuyển đổi số nông nghiệp'"), '1', 'a commenter is told of the report');
  const page = unescape((await new Agent(t.srv.url).get(`/consultations/${id}`)).text);
  assert.match(page, /Đã công bố kết quả/);
  assert.match(page, /người trả lời/, 'the questions\' results once closed');
});

test('the report (PDF, XLSX) holds every visible comment and answer and no hidden text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tinhso-report-'));
  try {
    const pdf = await new Agent(t.srv.url).get(`/consultations/${id}/report.pdf`);
    assert.equal(pdf.status, 200, t.srv.logs().split('\n').filter((l) => /error/i.test(l)).slice(-5).join('\n'));
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    writeFileSync(join(dir, 'r.pdf'), pdf.body);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH', 'hạ diện tích tối thiểu', 'Tiếp thu, hạ xuống 0,3 ha',
      'máy bay không người lái', 'thiết bị bay thuộc chính sách khác', 'Công kích cá nhân'])
      assert.ok(text.includes(s), `the PDF has "${s}"`);
    assert.ok(!/Zyxw|vô dụng/.test(text), 'no hidden text in the PDF');
    assert.equal(await one(`SELECT COUNT(*) FROM consultation_report_files WHERE consultation_id = ${id}`), '1', 'kept once rendered');
    const xlsx = await new Agent(t.srv.url).get(`/consultations/${id}/report.xlsx`);
    assert.equal(xlsx.status, 200);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the accent-free search finds consultations and comments; bad parameters are 400s', async () => {
  const anon = new Agent(t.srv.url);
  const byTitle = unescape((await anon.get('/consultations?q=chuyen+doi+so+nong+nghiep')).text);
  assert.match(byTitle, /Dự thảo Nghị quyết hỗ trợ chuyển đổi số nông nghiệp/);
  const byComment = unescape((await anon.get('/consultations?q=may+bay+khong+nguoi+lai')).text);
  assert.match(byComment, /Hợp tác xã đề nghị bổ sung hỗ trợ máy bay/);
  assert.equal((await anon.get('/consultations?phase=soon')).status, 400);
  assert.equal((await anon.get(`/consultations?q=${'a'.repeat(300)}`)).status, 400);
  assert.equal((await anon.get('/consultations/abc')).status, 400);
  assert.equal((await anon.get(`/consultations/${id}/units/dieu-999`)).status, 404);
  assert.equal((await anon.get('/consultations/999999')).status, 404);
});

test('the demo\'s versions compare article by article: the changed figures struck and inserted', async () => {
  const demo = await one("SELECT id FROM consultations WHERE report_published_at IS NOT NULL AND title LIKE '%giai đoạn 2026%'");
  const page = unescape((await new Agent(t.srv.url).get(`/consultations/${demo}/versions`)).text);
  assert.match(page, /Phiên bản 1 so với phiên bản 2/);
  assert.match(page, /<del>[^<]*20[^<]*<\/del>/, 'the old rate struck');
  assert.match(page, /<ins>[^<]*25[^<]*<\/ins>/, 'the new rate inserted');
  assert.match(page, /Đã sửa/);
  assert.equal((await new Agent(t.srv.url).get(`/consultations/${demo}/versions?from=x`)).status, 400);
});
