// Dossier intake (issue 5 §2, §3, §6): the citizen's form → draft → resume → submit, one dossier
// per idempotency key under concurrent POSTs, uploads checked by content and size with sanitised
// names, object access (404 for others), the desk's receive with the receipt PDF (text and QR
// checked with poppler and zbar), supplement request → completion with the clock paused and
// resumed, refusal, counter entry, the public look-up with its database rate limit, and the JSON API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { get, request, htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';

const PW = 'Demo-Phu-Tho-2025';
const PROC = 'XB-TLHC'; // desk TTHCC, handled by SO-KHCN, 2 mandatory documents, 10 (calendar) days
const OTHER_PROC = 'DN-TL'; // handled by SO-TC

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 2)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 3)]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

let t;
let base;
let citizen;
let officer;
before(async () => {
  t = await serverFixture('dossiers_intake');
  base = t.srv.url;
  citizen = new Agent(base);
  assert.equal((await citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await citizen.get('/');
  officer = await signInFully(base, 'officer@demo.tinhso.vn', PW);
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
const docIds = (html) => [...html.matchAll(/name="(doc_\d+)"/g)].map((m) => m[1]);
const keyOf = (html) => /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
const file = (field, name, content, type = 'application/octet-stream') => ({ field, name, content, type });
const applicant = { applicant_name: 'Nguyễn Thị Lan', applicant_phone: '0912 345 678', applicant_id_number: '001190012345',
  applicant_email: 'citizen@demo.tinhso.vn', applicant_address: 'Việt Trì, Phú Thọ', details: 'Xin cấp phép triển lãm' };

async function newForm(agent = citizen, proc = PROC) {
  const r = await agent.get(`/dossiers/new?procedure=${proc}`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  return { docs: docIds(r.text), key: keyOf(r.text), html: r.text };
}

// A submitted dossier of the demo citizen; returns its code.
async function submitted(proc = PROC) {
  const f = await newForm(citizen, proc);
  const files = f.docs.map((d) => file(d, `${d}.pdf`, PDF, 'application/pdf'));
  const r = await citizen.postMultipart('/dossiers', { procedure: proc, idempotency_key: f.key, ...applicant, intent: 'submit' }, files);
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const code = /^\/dossiers\/([A-Z0-9-]+)$/.exec(r.headers.location)?.[1];
  assert.ok(code, r.headers.location);
  return code;
}

// The error of field `id` (issue 14 §6): its wrapper marked, a message at the field naming `label`,
// the control invalid and described by the message, and the summary's link to it with the same text.
function assertFieldError(html, id, label) {
  const err = new RegExp(`<p class="field-error" id="${id}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</p>`).exec(html);
  assert.ok(err, `${id}: an error at the field`);
  assert.ok(htmlText(err[1]).includes(label), `${id}: "${htmlText(err[1])}" names "${label}"`);
  const control = new RegExp(`<(?:input|select|textarea)[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  assert.ok(control, `${id}: the control`);
  assert.match(control, /aria-invalid="true"/);
  assert.match(control, new RegExp(`aria-describedby="[^"]*\\b${id}-error\\b`));
  assert.match(html, new RegExp(`<div class="field has-error">\\s*<label for="${id}">`));
  assert.ok(html.includes(`<a href="#${id}">${err[1]}</a>`), `${id}: the summary links the field with the same words`);
}
const dmy = (iso) => iso.split('-').reverse().join('/');
const localNow = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 16);

test('the form is prefilled from the account, labelled, with one input per document', async () => {
  const f = await newForm();
  assert.equal(f.docs.length, 2);
  assert.match(f.html, /value="citizen@demo\.tinhso\.vn"/);
  assert.match(f.html, /<label for="f-applicant_name">/);
  assert.match(f.html, /enctype="multipart\/form-data"/);
  assert.ok(f.key && f.key.length >= 32);
  assert.equal((await citizen.get('/dossiers/new?procedure=NO-SUCH')).status, 404);
  // Marriage registration is received only in person (both parties present): no online form,
  // no online submission by form or API, a message saying where to go instead.
  const offline = await citizen.get('/dossiers/new?procedure=HT-KH');
  assert.equal(offline.status, 409);
  assert.ok(htmlText(offline.text).includes('không nhận hồ sơ trực tuyến'), 'the refusal says why');
  assert.equal((await citizen.postMultipart('/dossiers', { procedure: 'HT-KH', idempotency_key: 'k'.repeat(32), ...applicant, intent: 'submit' }, [])).status, 409);
  assert.equal((await officer.get(`/dossiers/new?procedure=${PROC}`)).status, 403);
  assert.equal((await new Agent(base).get(`/dossiers/new?procedure=${PROC}`)).status, 303);
});

test('draft → resume (replace a file, edit) → review → submit gives a code and history', async () => {
  const f = await newForm();
  let r = await citizen.postMultipart('/dossiers', { procedure: PROC, idempotency_key: f.key, ...applicant, intent: 'draft' },
    [file(f.docs[0], 'don.pdf', PDF, 'application/pdf')]);
  assert.equal(r.status, 303);
  const draft = r.headers.location;
  assert.match(draft, /^\/dossiers\/drafts\/\d+$/);
  const mine = await citizen.get('/dossiers/mine');
  assert.ok(htmlText(mine.text).includes(draft), 'the draft is listed in My dossiers');
  r = await citizen.get(draft);
  assert.equal(r.status, 200);
  assert.match(r.text, /don\.pdf/);
  // Submitting without the second mandatory document: 422 naming it.
  r = await citizen.post(`${draft}/submit`, {});
  assert.equal(r.status, 422);
  assert.match(plain(r.text), /Danh mục xuất bản phẩm/);
  // Resume: replace the first file, add the second, change the details.
  r = await citizen.postMultipart(draft, { ...applicant, details: 'Đã sửa', intent: 'review' },
    [file(f.docs[0], 'don-moi.png', PNG, 'image/png'), file(f.docs[1], 'danh-muc.pdf', PDF, 'application/pdf')]);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `${draft}/review`);
  r = await citizen.get(`${draft}/review`);
  assert.match(r.text, /don-moi\.png/);
  assert.ok(!r.text.includes('don.pdf'), 'the replaced file is gone');
  assert.match(r.text, /Đã sửa/);
  r = await citizen.post(`${draft}/submit`, {});
  assert.equal(r.status, 303);
  const code = /^\/dossiers\/(TTHCC-\d{6}-\d{4,})$/.exec(r.headers.location)?.[1];
  assert.ok(code, r.headers.location);
  r = await citizen.get(`/dossiers/${code}`);
  assert.equal(r.status, 200);
  assert.match(plain(r.text), /Nộp hồ sơ/);
  assert.match(plain(r.text), /Đã nộp, chờ tiếp nhận/);
  // The draft URL is gone; a retried submit changes nothing.
  assert.equal((await citizen.get(draft)).status, 404);
  assert.equal(await one(`SELECT COUNT(*) FROM dossier_events WHERE dossier_id = (SELECT id FROM dossiers WHERE code = '${code}')`), '1');
});

test('a draft can be deleted', async () => {
  const f = await newForm();
  let r = await citizen.postMultipart('/dossiers', { procedure: PROC, idempotency_key: f.key, ...applicant, intent: 'draft' }, []);
  const draft = r.headers.location;
  r = await citizen.post(`${draft}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal((await citizen.get(draft)).status, 404);
});

test('two concurrent POSTs with one idempotency key make one dossier', async () => {
  const f = await newForm();
  const files = f.docs.map((d) => file(d, 'x.pdf', PDF, 'application/pdf'));
  const fields = { procedure: PROC, idempotency_key: f.key, ...applicant, intent: 'submit' };
  const [a, b] = await Promise.all([citizen.postMultipart('/dossiers', fields, files), citizen.postMultipart('/dossiers', fields, files)]);
  assert.equal(a.status, 303, a.text.slice(0, 300));
  assert.equal(b.status, 303, b.text.slice(0, 300));
  assert.equal(await one(`SELECT COUNT(*) FROM dossiers WHERE idempotency_key = '${f.key}'`), '1');
  const c = await citizen.postMultipart('/dossiers', fields, files);
  assert.equal(c.status, 303);
  const code = await one(`SELECT code FROM dossiers WHERE idempotency_key = '${f.key}'`);
  assert.equal(c.headers.location, `/dossiers/${code}`);
});

test('uploads: type by content, size caps, sanitised names', async () => {
  const f = await newForm();
  const post = (files) => citizen.postMultipart('/dossiers', { procedure: PROC, idempotency_key: keyOf((f.html)) + Math.random().toString(36).slice(2), ...applicant, intent: 'draft' }, files);
  for (const [name, bytes] of [['giay.pdf', ZIP], ['giay.pdf', EXE], ['anh.png', HTML]]) {
    const r = await post([file(f.docs[0], name, bytes, 'application/pdf')]);
    assert.equal(r.status, 422, `${name} refused`);
    assert.match(plain(r.text), new RegExp(`${name.replace('.', '\\.')}.*PDF, JPEG`));
    assert.match(r.text, new RegExp(`href="#f-${f.docs[0]}"`), 'the error summary links the field');
    assertFieldError(r.text, `f-${f.docs[0]}`, 'Đơn đề nghị cấp giấy phép tổ chức triển lãm');
  }
  let r = await post([file(f.docs[0], 'big.pdf', Buffer.concat([PDF, Buffer.alloc((10 << 20) + 10)]), 'application/pdf')]);
  assert.equal(r.status, 422);
  r = await post([file(f.docs[0], 'huge.pdf', Buffer.concat([PDF, Buffer.alloc(12 << 20)]), 'application/pdf')]);
  assert.equal(r.status, 413);
  await citizen.get('/dossiers/mine'); // the refused upload's error page carries no form token
  // A PNG named .pdf is a PNG; a path in the name is cut to its last component.
  r = await post([file(f.docs[0], '../../etc/passwd.pdf', PNG, 'application/pdf')]);
  assert.equal(r.status, 303);
  const page = await citizen.get(r.headers.location);
  assert.match(page.text, />passwd\.pdf\.png</);
  assert.ok(!page.text.includes('../'));
  const link = /href="(\/dossiers\/drafts\/\d+\/files\/\d+)"/.exec(htmlText(page.text))[1];
  const d = await citizen.get(link);
  assert.equal(d.status, 200);
  assert.equal(d.headers['content-type'], 'image/png');
  assert.equal(d.headers['x-content-type-options'], 'nosniff');
  assert.match(d.headers['content-disposition'], /^attachment; filename="passwd\.pdf\.png"/);
  assert.deepEqual(d.body, PNG);
});

test('desk: receive issues the receipt PDF (code, dates, QR to the look-up); others see 404', async () => {
  const code = await submitted();
  let r = await officer.get('/desk');
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(code), 'the inbox lists the new dossier');
  r = await officer.post(`/desk/dossiers/${code}/receive`, {});
  assert.equal(r.status, 303);
  r = await citizen.get(`/dossiers/${code}`);
  assert.match(plain(r.text), /Đã tiếp nhận/);
  const link = /href="(\/dossiers\/[^"]+\/files\/\d+)">Tải giấy tiếp nhận/.exec(htmlText(r.text))?.[1];
  assert.ok(link, 'the receipt link is shown to the applicant');
  const pdf = await citizen.get(link);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal((await officer.get(link)).status, 200, 'the desk downloads it too');
  const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf.body);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']).toString().replace(/\s+/g, ' ');
    assert.ok(text.includes(code), 'the code is printed');
    assert.match(text, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
    const appointment = await one(`SELECT appointment_date FROM dossiers WHERE code = '${code}'`);
    const [y, m, d] = appointment.split('-');
    assert.ok(text.includes(`${d}/${m}/${y}`), `the appointment date ${appointment} is printed`);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'r.pdf'), join(dir, 'r')]);
    const qr = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'r.png')]).toString().trim();
    assert.match(qr, new RegExp(`/lookup\\?code=${code}$`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Another agency's staff and anonymous visitors never see it.
  const specialist = await signInFully(base, 'specialist@demo.tinhso.vn', PW);
  const other = await submitted(OTHER_PROC);
  assert.equal((await specialist.get(`/dossiers/${other}`)).status, 404);
  assert.equal((await specialist.get(`/api/v1/dossiers/${other}`)).status, 404);
  assert.equal((await specialist.get(`/desk/dossiers/${code}`)).status, 403);
  assert.equal((await new Agent(base).get(link)).status, 303);
});

test('supplement: requested (clock paused) → completed by the citizen (clock resumes, due date moves)', async () => {
  const code = await submitted();
  await officer.post(`/desk/dossiers/${code}/receive`, {});
  const due0 = await one(`SELECT due_date FROM dossiers WHERE code = '${code}'`);
  let r = await officer.post(`/desk/dossiers/${code}/request-supplement`, { items: '' });
  assert.equal(r.status, 422);
  const page = await officer.get(`/desk/dossiers/${code}`);
  assert.match(plain(page.text), /Hạn yêu cầu bổ sung/);
  r = await officer.post(`/desk/dossiers/${code}/request-supplement`, { items: 'Bản sao CCCD\nẢnh 3x4' });
  assert.equal(r.status, 303);
  assert.equal(await one(`SELECT state FROM dossiers WHERE code = '${code}'`), 'supplement_requested');
  assert.ok(await one(`SELECT paused_at FROM dossiers WHERE code = '${code}'`));
  r = await citizen.get(`/dossiers/${code}`);
  assert.match(plain(r.text), /Bản sao CCCD/);
  assert.match(plain(r.text), /Ảnh 3x4/);
  // The JSON carries the open request while the dossier waits for it (read only then: issue 15 §7).
  const waiting = await (await citizen.get(`/api/v1/dossiers/${code}`)).json();
  assert.equal(waiting.state, 'supplement_requested');
  assert.ok(waiting.supplement?.requested_at, JSON.stringify(waiting));
  r = await citizen.postMultipart(`/dossiers/${code}/supplement`, { note: '' }, [file('file', 'x.exe', EXE)]);
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'f-supplement_files', 'Giấy tờ bổ sung');
  // The request came at the receiving moment, 14 days ago: all the working days are still owed.
  const id = await one(`SELECT id FROM dossiers WHERE code = '${code}'`);
  const past = new Date(Date.now() - 14 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  await t.db.exec(`UPDATE dossiers SET received_at = '${past}', paused_at = '${past}' WHERE id = ${id}`);
  await t.db.exec(`UPDATE dossier_pauses SET paused_at = '${past}' WHERE dossier_id = ${id}`);
  r = await citizen.postMultipart(`/dossiers/${code}/supplement`, { note: 'Đã bổ sung' }, [file('file', 'cccd.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), 'image/jpeg')]);
  assert.equal(r.status, 303);
  assert.equal(await one(`SELECT state FROM dossiers WHERE code = '${code}'`), 'received');
  assert.equal((await (await citizen.get(`/api/v1/dossiers/${code}`)).json()).supplement, undefined);
  const due1 = await one(`SELECT due_date FROM dossiers WHERE code = '${code}'`);
  // Decree 61/2018 Art. 19(4) (--supplement-clock restart, the default): the 10 days count again
  // from the completion, which counts like a receipt at that moment — in Vietnam's day and with
  // the 15:00 cut-off, whatever the hour in UTC (issue 12 finding 17: a request made after the
  // cut-off or on a day off, before the clock started, spent a day it never ran).
  const local = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 16);
  const api = (await get(base, `/api/v1/calendar/due?from=${encodeURIComponent(local)}&days=10`)).json();
  assert.equal(due1, api.due, `due ${due1} after the pause = calendar due from now`);
  assert.ok(due1 >= due0, `due ${due1} not before ${due0}`);
  assert.equal(await one(`SELECT COUNT(*) FROM dossier_pauses WHERE resumed_at IS NOT NULL AND dossier_id = (SELECT id FROM dossiers WHERE code = '${code}')`), '1');
  assert.equal(await one(`SELECT COUNT(*) FROM dossier_files WHERE role = 'supplement' AND dossier_id = (SELECT id FROM dossiers WHERE code = '${code}')`), '1');
});

test('refuse needs a reason', async () => {
  const code = await submitted();
  let r = await officer.post(`/desk/dossiers/${code}/refuse`, { reason: '' });
  assert.equal(r.status, 422);
  r = await officer.post(`/desk/dossiers/${code}/refuse`, { reason: 'Không thuộc thẩm quyền' });
  assert.equal(r.status, 303);
  // The applicant is told, with the reasons and the dossier's link (Decree 61/2018/NĐ-CP Art. 19(5)).
  const mail = (await t.db.exec(`SELECT body FROM mail_outbox WHERE subject = 'Hồ sơ ${code} không được tiếp nhận'`)).trim();
  assert.ok(mail.includes('Không thuộc thẩm quyền'), mail);
  assert.match(mail, new RegExp(`/dossiers/${code}\\s*$`, 'm'));
  r = await citizen.get(`/dossiers/${code}`);
  assert.match(plain(r.text), /Từ chối tiếp nhận/);
  assert.match(plain(r.text), /Không thuộc thẩm quyền/);
  r = await officer.post(`/desk/dossiers/${code}/receive`, {});
  assert.equal(r.status, 409);
});

test('counter entry: a paper dossier is received at once with its receipt', async () => {
  let r = await officer.get(`/desk/new?procedure=${PROC}`);
  assert.equal(r.status, 200);
  const docs = docIds(r.text);
  const key = keyOf(r.text);
  r = await officer.postMultipart('/desk/new', { procedure: PROC, idempotency_key: key, ...applicant, applicant_email: '' },
    docs.map((d) => file(d, 'scan.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]), 'image/jpeg')));
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const code = /^\/desk\/dossiers\/(.+)$/.exec(r.headers.location)[1];
  assert.equal(await one(`SELECT state || ' ' || channel FROM dossiers WHERE code = '${code}'`), 'received counter');
  assert.equal(await one(`SELECT COUNT(*) FROM dossier_files WHERE role = 'receipt' AND dossier_id = (SELECT id FROM dossiers WHERE code = '${code}')`), '1');
  r = await officer.postMultipart('/desk/new', { procedure: PROC, idempotency_key: key, ...applicant }, []);
  assert.equal(r.headers.location, `/desk/dossiers/${code}`, 'a retry finds the same dossier');
});

test('public look-up: right key shows the state; wrong keys are counted and limited (429)', async () => {
  const code = await submitted();
  await officer.post(`/desk/dossiers/${code}/receive`, {});
  const anon = new Agent(base);
  let r = await anon.get(`/lookup?code=${code}&key=5678`);
  assert.equal(r.status, 200);
  assert.match(plain(r.text), /Đã tiếp nhận/);
  assert.ok(!r.text.includes('Nguyễn Thị Lan'), 'no personal data');
  r = await anon.get(`/lookup?code=${code}&key=2345`);
  assert.equal(r.status, 200, 'the last 4 digits of the ID number work too');
  let j = await get(base, `/api/v1/dossiers/lookup?code=${code}&key=5678`);
  assert.equal(j.status, 200);
  assert.equal(j.json().state, 'received');
  for (let i = 0; i < 10; i++) {
    r = await anon.get(`/lookup?code=${code}&key=000${i % 10}`);
    assert.equal(r.status, 404);
  }
  r = await anon.get(`/lookup?code=${code}&key=5678`);
  assert.equal(r.status, 429, 'limited even with the right key');
  assert.match(plain(r.text), /quá nhiều lần/);
  j = await get(base, `/api/v1/dossiers/lookup?code=${code}&key=5678`);
  assert.equal(j.status, 429);
  assert.match(j.headers['content-type'], /problem\+json/);
});

test('JSON API: create with Idempotency-Key, upload, submit, read', async () => {
  const key = `api-${Date.now()}-abcdefgh`;
  const json = (path, body, headers = {}) => request(base, path, { method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', cookie: [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': citizen.csrf, origin: base, ...headers } });
  const body = { procedure: PROC, ...applicant };
  let r = await json('/api/v1/dossiers', body, { 'idempotency-key': key });
  assert.equal(r.status, 201, r.text);
  const id = r.json().id;
  r = await json('/api/v1/dossiers', body, { 'idempotency-key': key });
  assert.equal(r.status, 200);
  assert.equal(r.json().id, id);
  r = await json('/api/v1/dossiers', body);
  assert.equal(r.status, 422);
  assert.match(r.headers['content-type'], /problem\+json/);
  r = await json(`/api/v1/dossiers/drafts/${id}/submit`, {});
  assert.equal(r.status, 422);
  const form = (await citizen.get(`/dossiers/drafts/${id}`)).text;
  r = await citizen.postMultipart(`/api/v1/dossiers/drafts/${id}/files`, {}, docIds(form).map((d) => file(d, 'a.pdf', PDF, 'application/pdf')),
    { headers: { 'x-csrf-token': citizen.csrf } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json().files.length, 2);
  r = await json(`/api/v1/dossiers/drafts/${id}/submit`, {});
  assert.equal(r.status, 200, r.text);
  const code = r.json().code;
  assert.match(code, /^TTHCC-/);
  r = await citizen.get(`/api/v1/dossiers/${code}`);
  assert.equal(r.json().state, 'submitted');
  r = await citizen.get('/api/v1/dossiers/mine');
  assert.ok(r.json().items.some((i) => i.code === code));
});

test('JSON API: "submit": true submits at once when no file is missing, else keeps the draft (422 with its Location)', async () => {
  const admin = await signInFully(base, 'admin@demo.tinhso.vn', PW);
  const catalogue = JSON.stringify({ procedures: [{
    code: 'API-ONLINE', name: 'Cấp bản sao trích lục trực tuyến', field: 'Hộ tịch', level: 'province', agency_code: 'SO-KHCN',
    desk_agency_code: 'TTHCC', time_limit_working_days: 3, fee_vnd: 0, fully_online: true,
    documents: [{ name: 'Bản sao giấy tờ cũ (nếu có)', mandatory: false }], steps: [{ name: 'Xử lý', share_percent: 100 }],
  }] });
  const imported = await admin.postMultipart('/admin/procedures/import', { text: catalogue }, []);
  assert.equal(imported.status, 200, plain(imported.text).slice(0, 300));

  const json = (body, key) => request(base, '/api/v1/dossiers', { method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', cookie: [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': citizen.csrf, origin: base, 'idempotency-key': key } });
  const key = `submit-now-${Date.now()}-abcdef`;
  let r = await json({ procedure: 'API-ONLINE', ...applicant, submit: true }, key);
  assert.equal(r.status, 201, r.text);
  const d = r.json();
  assert.equal(d.state, 'submitted');
  assert.match(d.code, /^TTHCC-\d{6}-/);
  assert.equal(r.headers.location, `/api/v1/dossiers/${d.code}`);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'dossier' AND object_id = '${d.id}'`), '2',
    'the draft and the submission are both audited');
  r = await json({ procedure: 'API-ONLINE', ...applicant, submit: true }, key);
  assert.equal(r.status, 200, 'a retry answers the same dossier');
  assert.equal(r.json().code, d.code);
  assert.equal(await one(`SELECT COUNT(*) FROM dossiers WHERE idempotency_key = '${key}'`), '1');

  r = await json({ procedure: PROC, ...applicant, submit: true }, `${key}-files`);
  assert.equal(r.status, 422, 'mandatory documents are missing');
  assert.match(r.headers['content-type'], /problem\+json/);
  assert.equal(r.json().detail, 'Thiếu giấy tờ bắt buộc.');
  assert.match(r.headers.location, /^\/api\/v1\/dossiers\/drafts\/\d+$/);
  const draft = await citizen.get(r.headers.location);
  assert.equal(draft.status, 200);
  assert.equal(draft.json().state, 'draft', 'the draft is kept for its files');

  r = await json({ procedure: 'API-ONLINE', ...applicant, submit: 'yes' }, `${key}-flag`);
  assert.equal(r.status, 422);
  assert.match(r.json().detail, /submit/);
  assert.equal(await one(`SELECT COUNT(*) FROM dossiers WHERE idempotency_key = '${key}-flag'`), '0', 'nothing is made');
});

test('"My dossiers" costs the same number of statements whatever the page holds', async () => {
  const r = await citizen.get('/dossiers/mine');
  assert.equal(r.status, 200);
  assert.match(r.text, /<caption>/);
  const r2 = await citizen.get('/dossiers/mine?page=0');
  assert.equal(r2.status, 400);
});

test('form errors: at each field, naming it, aria-invalid, and in the summary linking to it (issue 14 §6)', async () => {
  const f = await newForm();
  assert.match(f.html, /<button type="submit" name="intent" value="draft" class="button secondary">Lưu nháp<\/button>/);
  assert.match(f.html, /<button type="submit" name="intent" value="review" class="button secondary">/);
  assert.equal([...f.html.matchAll(/<button[^>]*class="button"[^>]*>/g)].length, 1, 'one primary button');
  assert.match(f.html, /<button type="submit" name="intent" value="submit" class="button">Nộp hồ sơ<\/button>/);
  assert.ok(!f.html.includes('aria-invalid'), 'no field is marked before a submission');
  let r = await citizen.postMultipart('/dossiers', { procedure: PROC, idempotency_key: f.key, ...applicant,
    applicant_name: '', applicant_phone: 'abc', applicant_email: 'not-an-address', intent: 'draft' }, []);
  assert.equal(r.status, 422);
  assert.match(r.text, /<div class="error-summary" role="alert"/);
  assertFieldError(r.text, 'f-applicant_name', 'Họ và tên');
  assertFieldError(r.text, 'f-applicant_phone', 'Số điện thoại');
  assertFieldError(r.text, 'f-applicant_email', 'Thư điện tử');
  assert.doesNotMatch(/<input[^>]*id="f-applicant_address"[^>]*>/.exec(r.text)[0], /aria-invalid/, 'a valid field stays unmarked');
  assert.match(r.text, /value="Việt Trì, Phú Thọ"/, 'what was typed is kept');
  // A mandatory document without a file: the error sits at that document's input.
  r = await citizen.postMultipart('/dossiers', { procedure: PROC, idempotency_key: `${f.key}x`, ...applicant, intent: 'submit' },
    [file(f.docs[0], 'don.pdf', PDF, 'application/pdf')]);
  assert.equal(r.status, 422);
  assertFieldError(r.text, `f-${f.docs[1]}`, 'Danh mục xuất bản phẩm');
});

test('after submission: a confirmation panel with the code and what happens next, with dates (issue 14 §6)', async () => {
  const code = await submitted();
  const r = await citizen.get(`/dossiers/${code}`);
  assert.equal(r.status, 200);
  const panel = /<div class="panel-confirmation">([\s\S]*?)<\/div>/.exec(r.text)?.[1];
  assert.ok(panel, 'the confirmation panel');
  assert.match(panel, /<h1>Đã nộp hồ sơ<\/h1>/);
  assert.ok(panel.includes(`<strong>${code}</strong>`), 'the code in the panel');
  const at = r.text.indexOf('<h2>Điều gì xảy ra tiếp theo</h2>');
  assert.ok(at > 0, 'what happens next');
  const next = plain(r.text.slice(at, r.text.indexOf('</ol>', at)));
  const desk = await one(`SELECT a.name FROM agencies a JOIN dossiers d ON d.desk_agency_id = a.id WHERE d.code = '${code}'`);
  assert.ok(next.includes(htmlText(desk)), `the desk that receives it: ${desk}`);
  const from = encodeURIComponent(localNow());
  const limit = (await get(base, `/api/v1/calendar/due?from=${from}&working_days=3`)).json().due;
  assert.ok(next.includes(`chậm nhất ngày ${dmy(limit)}`), `the supplement limit ${limit} in: ${next}`);
  const due = (await get(base, `/api/v1/calendar/due?from=${from}&days=10`)).json().due;
  assert.ok(next.includes(`10 ngày kể từ ngày tiếp nhận`), next);
  assert.ok(next.includes(`hạn trả kết quả là ngày ${dmy(due)}`), `the due date ${due} were it received today`);
  assert.ok(r.text.includes('<a href="/dossiers/mine">Hồ sơ của tôi</a>'));
  assert.ok(r.text.includes(`<a href="/lookup?code=${code}">`));
  assert.doesNotMatch(plain(r.text), /\d{4}-\d{2}-\d{2}/, 'no ISO date is shown to a person');
  assert.match(r.text, /<dl class="summary-list">/);
  assert.match(r.text, /<strong class="tag tag-new">Đã nộp, chờ tiếp nhận<\/strong>/);
  // In English, the same steps with the dates as an English reader writes them.
  const en = await citizen.get(`/dossiers/${code}`, { headers: { cookie: `${[...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en` } });
  const enText = plain(en.text);
  const [ly, lm, ld] = limit.split('-').map(Number);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][lm - 1];
  assert.ok(enText.includes('Dossier submitted') && enText.includes('What happens next'), enText.slice(0, 400));
  assert.ok(enText.includes(`by ${ld} ${mon} ${ly} at the latest`), `the supplement limit in English: ${enText}`);
  // The look-up link fills the code in, with no error before anything was sent.
  const lookup = await new Agent(base).get(`/lookup?code=${code}`);
  assert.equal(lookup.status, 200);
  assert.ok(lookup.text.includes(`value="${code}"`));
  assert.ok(!lookup.text.includes('error-summary'));
  // Once received, the page is the dossier's own.
  assert.equal((await officer.post(`/desk/dossiers/${code}/receive`, {})).status, 303);
  const received = await citizen.get(`/dossiers/${code}`);
  assert.ok(!received.text.includes('panel-confirmation'));
  assert.ok(!received.text.includes('tag-late'), 'not late while within its time limit');
  // Past its due date with the clock running, it is marked late (issue 14: late = tag-late).
  await t.db.exec(`UPDATE dossiers SET due_date = '2000-01-03' WHERE code = '${code}'`);
  assert.match((await citizen.get(`/dossiers/${code}`)).text, /<strong class="tag tag-late">Trễ hạn<\/strong>/);
});

test('the applicant\'s e-mail links to the dossier\'s own page, not the home page (issue 14 §9)', async () => {
  const code = await submitted();
  assert.equal((await officer.post(`/desk/dossiers/${code}/receive`, {})).status, 303);
  const body = (await t.db.exec(`SELECT body FROM mail_outbox WHERE subject LIKE '%${code}%'`)).trim();
  assert.match(body, new RegExp(`https?://[^\\s/]+/dossiers/${code}\\s*$`, 'm'), body);
});

test('desk: refusing is a danger behind a confirmation holding the reason; receiving stays primary (issue 14 §6)', async () => {
  const code = await submitted();
  let r = await officer.get(`/desk/dossiers/${code}`);
  assert.match(r.text, /<button type="submit" class="button">Tiếp nhận hồ sơ và cấp giấy hẹn<\/button>/);
  const confirm = /<details class="confirm">([\s\S]*?)<\/details>/.exec(r.text)?.[1];
  assert.ok(confirm, 'the refusal is folded in a confirmation');
  assert.match(confirm, /<summary class="button danger">Từ chối hồ sơ<\/summary>/);
  assert.match(plain(confirm), /Không thể hoàn tác/, 'the consequence is stated');
  assert.match(htmlText(confirm), new RegExp(`<form method="post" action="/desk/dossiers/${code}/refuse"`));
  assert.match(confirm, /<textarea id="f-reason" name="reason"/);
  assert.match(confirm, /<button type="submit" class="button danger">Xác nhận từ chối hồ sơ<\/button>/);
  r = await officer.post(`/desk/dossiers/${code}/refuse`, { reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /<details class="confirm" open>/, 'opened again with the error');
  assertFieldError(r.text, 'f-reason', 'Lý do từ chối');
  assert.equal(await one(`SELECT state FROM dossiers WHERE code = '${code}'`), 'submitted');
});

test('counter entry: the officer picks the procedure from the desk\'s list, or finds it typed without accents (issue 14 §9)', async () => {
  let r = await officer.get('/desk/new');
  assert.equal(r.status, 200);
  const options = (html) => [...(/<select id="f-procedure"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '')
    .matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  const all = options(r.text);
  assert.ok(all.includes(PROC) && all.includes(OTHER_PROC), all.join());
  assert.ok(!all.includes('HT-KS'), 'a procedure another desk receives is not offered');
  assert.match(r.text, /<optgroup label="Xuất bản, in và phát hành">(?:(?!<\/optgroup>)[\s\S])*value="XB-TLHC"/);
  r = await officer.get('/desk/new?q=TRIEN+lam+hoi+cho');
  assert.equal(r.status, 200);
  const found = options(r.text);
  assert.ok(found.includes(PROC), found.join());
  assert.ok(!found.includes(OTHER_PROC), 'the search narrows the list');
  r = await officer.get('/desk/new?q=khong+co+thu+tuc+nay');
  assert.match(r.text, /<p class="empty"/);
  r = await officer.get(`/desk/new?procedure=${PROC}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<option value="${PROC}" selected>`));
  assert.equal(docIds(r.text).length, 2, 'the chosen procedure\'s documents');
  r = await officer.get('/desk/new?procedure=NO-SUCH');
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'f-procedure', 'Thủ tục');
});
