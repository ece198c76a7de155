// Processing of dossiers after receipt (issue 5 §4, §5, §7) over HTTP, on SQLite and PostgreSQL:
// counter entry at the desk → assign → propose with a result file → send back → propose →
// approve → return (on time); a second dossier gets an apology (once, not within a day of the
// due date) and is returned late; the lateness job flags a dossier due soon and tells the
// leader; wrong actors and scopes are refused; the applicant's e-mails arrive once each.
// Due dates are moved in the database to make a dossier late: the server has no fake clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { assertCleanExit, startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';

const PASSWORD = 'Demo-Phu-Tho-2025';
const PROCEDURE = 'XB-TLKKD'; // handled by SO-KHCN (the demo leader and specialist), desk TTHCC
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const APPLICANT = 'lan.applicant@example.org';

let db;
let srv;
let sink;
let officer;
let leader;
let specialist;
let specialistId;
const PUBLIC_URL = 'https://dichvucong.phutho.example';
const args = () => ['--smtp', `127.0.0.1:${sink.port}`, '--public-url', PUBLIC_URL];

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
async function one(sql) {
  return (await db.exec(sql)).replace(/\n+$/, '');
}
async function until(fn, what, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const localToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
async function nextWorkingDay(iso) {
  const r = await new Agent(srv.url).get(`/api/v1/calendar/due?from=${iso}&working_days=1`);
  return JSON.parse(r.text).due;
}

async function signInAll() {
  officer = await signInFully(srv.url, 'officer@demo.tinhso.vn', PASSWORD);
  leader = await signInFully(srv.url, 'leader@demo.tinhso.vn', PASSWORD);
  specialist = await signInFully(srv.url, 'specialist@demo.tinhso.vn', PASSWORD);
}

// A paper dossier entered and received at the desk; returns its code.
async function counterDossier(name) {
  const docs = (await one(`SELECT d.id FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id
                           WHERE p.code = ${q(PROCEDURE)} AND d.mandatory = TRUE ORDER BY d.position`))
    .split('\n').filter(Boolean);
  await officer.get(`/desk/new?procedure=${PROCEDURE}`);
  const key = `k${Date.now()}${Math.random().toString(16).slice(2)}`.padEnd(24, '0');
  const r = await officer.postMultipart('/desk/new', {
    procedure: PROCEDURE, idempotency_key: key, applicant_name: name, applicant_email: APPLICANT,
    applicant_phone: '0912345678', applicant_id_number: '025123456789', applicant_address: 'Việt Trì', details: 'Xin cấp phép',
  }, docs.map((id) => ({ field: `doc_${id}`, name: `doc${id}.pdf`, content: PDF, type: 'application/pdf' })));
  assert.equal(r.status, 303, `counter entry accepted (${r.status}) ${r.status === 500 ? srv.logs().split("\n").filter((l) => /error/i.test(l)).join("\n").slice(0, 700) : ""}`);
  const code = await one(`SELECT code FROM dossiers WHERE idempotency_key = ${q(key)}`);
  assert.match(code, /^TTHCC-\d{6}-\d{4}$/);
  assert.equal(await one(`SELECT state FROM dossiers WHERE code = ${q(code)}`), 'received');
  return code;
}
const state = (code) => one(`SELECT state FROM dossiers WHERE code = ${q(code)}`);
const mailsFor = (code) => sink.messages().filter((m) => m.subject.includes(code));

before(async () => {
  sink = await startSmtpSink();
  db = await createDatabase('dossiers_processing');
  srv = await startServer({ db, args: args() });
  await signInAll();
  specialistId = await one(`SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'`);
});
after(async () => {
  try {
    assert.ok(srv, 'the server started');
    assertCleanExit(await srv.stop(), srv.logs());
  } finally {
    await db?.drop().catch(() => {});
    await sink?.stop().catch(() => {});
  }
});

test('the whole flow: assign, propose, send back, propose, approve, return on time', async () => {
  const code = await counterDossier('Nguyễn Thị Lan');
  const base = `/work/dossiers/${code}`;

  const queue = await leader.get('/work');
  assert.equal(queue.status, 200);
  assert.ok(queue.text.includes(code), 'the leader sees it in the agency queue');
  assert.ok(!(await specialist.get('/work')).text.includes(code), 'a specialist sees only assignments');
  assert.equal((await specialist.get(base)).status, 404, 'nor its page before assignment');

  assert.equal((await specialist.post(`${base}/assign`, { assignee_id: specialistId })).status, 404);
  assert.equal((await leader.post(`${base}/assign`, { assignee_id: '999999' })).status, 422, 'not a specialist');
  const officerId = await one(`SELECT id FROM accounts WHERE email = 'officer@demo.tinhso.vn'`);
  assert.equal((await leader.post(`${base}/assign`, { assignee_id: officerId })).status, 422, 'not a specialist of the agency');
  assert.equal((await leader.post(`${base}/assign`, { assignee_id: specialistId })).status, 303);
  assert.equal(await state(code), 'processing');
  assert.ok((await specialist.get('/work')).text.includes(code), 'now in the specialist\'s queue');

  await specialist.get(base);
  assert.equal((await specialist.postMultipart(`${base}/propose`, { note: 'Dự thảo' }, [])).status, 422, 'a result file is needed');
  const bad = await specialist.postMultipart(`${base}/propose`, { note: 'x' },
    [{ field: 'result', name: 'ketqua.pdf', content: Buffer.from('MZ not a pdf'), type: 'application/pdf' }]);
  assert.equal(bad.status, 422, 'type decided by content');
  assert.equal((await leader.postMultipart(`${base}/propose`, { note: 'x' },
    [{ field: 'result', name: 'kq.pdf', content: PDF, type: 'application/pdf' }])).status, 403, 'only the assignee proposes');
  const proposed = await specialist.postMultipart(`${base}/propose`, { note: 'Dự thảo giấy phép' },
    [{ field: 'result', name: 'giay-phep.pdf', content: PDF, type: 'application/pdf' }]);
  assert.equal(proposed.status, 303);
  assert.equal(await state(code), 'proposed');

  const decide = await leader.get(base);
  assert.match(decide.text, /<button type="submit" class="button">Phê duyệt/, 'approving is the primary action');
  const sendBack = /<details class="confirm">([\s\S]*?)<\/details>/.exec(decide.text)?.[1] ?? '';
  assert.match(sendBack, /<summary class="button danger">Trả lại để xử lý lại<\/summary>/, 'sending back is confirmed');
  assert.match(sendBack, /<textarea id="note" name="note"/, 'with its reason inside the confirmation');
  assert.equal((await specialist.post(`${base}/approve`, {})).status, 403, 'a specialist cannot approve');
  const noReason = await leader.post(`${base}/send-back`, { note: '' });
  assert.equal(noReason.status, 422, 'sending back needs a reason');
  assert.match(noReason.text, /<details class="confirm" open>/);
  assert.match(noReason.text, /<p class="field-error" id="note-error"><span class="visually-hidden">[^<]*<\/span>Lý do: /);
  assert.match(noReason.text, /<textarea id="note" name="note" maxlength="4000" required aria-describedby="note-error" aria-invalid="true">/);
  assert.equal((await leader.post(`${base}/send-back`, { note: 'Sửa số giấy phép' })).status, 303);
  assert.equal(await state(code), 'processing');
  await specialist.get(base);
  assert.equal((await specialist.postMultipart(`${base}/propose`, { note: 'Đã sửa' }, [])).status, 303,
    'the earlier result file stands');
  assert.equal((await leader.post(`${base}/approve`, {})).status, 303);
  assert.equal(await state(code), 'approved');
  assert.equal((await leader.post(`${base}/approve`, {})).status, 409, 'approving twice is refused');

  assert.equal((await leader.post(`${base}/return-result`, {})).status, 403, 'the desk returns the result');
  await officer.get(base);
  assert.equal((await officer.post(`${base}/return-result`, {})).status, 303);
  assert.equal(await one(`SELECT state || ' ' || CASE WHEN on_time THEN 'on_time' ELSE 'late' END FROM dossiers
                          WHERE code = ${q(code)}`), 'returned on_time');

  const id = await one(`SELECT id FROM dossiers WHERE code = ${q(code)}`);
  const events = await one(`SELECT action || ':' || actor_role FROM dossier_events WHERE dossier_id = ${id} ORDER BY id`);
  assert.deepEqual(events.split('\n'), ['submit:one_stop_officer', 'receive:one_stop_officer', 'assign:agency_leader',
    'propose:specialist', 'send_back:agency_leader', 'propose:specialist', 'approve:agency_leader',
    'return_result:one_stop_officer']);
  const audited = await one(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'dossier' AND object_id = ${q(id)}
                             AND action IN ('dossier.assign', 'dossier.propose', 'dossier.send_back', 'dossier.approve',
                             'dossier.return_result')`);
  assert.equal(audited, '6', 'every transition audited with its actor');
  const result = await one(`SELECT id FROM dossier_files WHERE dossier_id = ${id} AND role = 'result'`);
  const dl = await specialist.get(`${base}/files/${result}`);
  assert.equal(dl.status, 200, 'the result file downloads from the work page');
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal((await officer.get(`${base}/files/999999`)).status, 404);

  await until(() => mailsFor(code).length >= 2, 'the receipt and result e-mails');
  await new Promise((r) => setTimeout(r, 1500));
  const mails = mailsFor(code);
  assert.equal(mails.length, 2, 'one e-mail on receipt, one on the result — each once');
  assert.ok(mails.every((m) => m.to.includes(APPLICANT)));
  assert.match(mails[0].subject, /tiếp nhận/);
  assert.match(mails[1].subject, /kết quả/);
  // A paper dossier's applicant has no account: the link is the look-up with the code filled in,
  // under the configured public URL — not the home page (issue 14 §9).
  for (const m of mails) assert.ok(m.text.includes(`${PUBLIC_URL}/lookup?code=${code}`), m.text);
});

test('an apology: once, at least a day before the due date; the dossier is still late at return', async () => {
  const code = await counterDossier('Trần Văn Bình');
  const base = `/work/dossiers/${code}`;
  const today = localToday();
  await leader.get(base);

  await db.exec(`UPDATE dossiers SET due_date = ${q(today)}, appointment_date = ${q(today)} WHERE code = ${q(code)}`);
  const late = await leader.post(`${base}/apology`, { reason: 'Chờ ý kiến cơ quan khác', new_date: await nextWorkingDay(addDays(today, 3)) });
  assert.equal(late.status, 409, 'refused less than one day before the due date');

  const due = await nextWorkingDay(addDays(today, 1));
  await db.exec(`UPDATE dossiers SET due_date = ${q(due)}, appointment_date = ${q(due)} WHERE code = ${q(code)}`);
  assert.equal((await specialist.post(`${base}/apology`, { reason: 'x', new_date: due })).status, 404, 'not the specialist');
  assert.equal((await leader.post(`${base}/apology`, { reason: 'Chờ ý kiến', new_date: due })).status, 422,
    'the new date must be after the due date');
  assert.equal((await leader.post(`${base}/apology`, { reason: '', new_date: await nextWorkingDay(due) })).status, 422,
    'a reason is needed');
  const newDate = await nextWorkingDay(await nextWorkingDay(due));
  const ok = await leader.post(`${base}/apology`, { reason: 'Chờ ý kiến thẩm định của Bộ', new_date: newDate });
  assert.equal(ok.status, 303);
  assert.equal(await one(`SELECT appointment_date || ' ' || due_date FROM dossiers WHERE code = ${q(code)}`), `${newDate} ${due}`,
    'the appointment moves; the statutory due date does not');
  const pdf = await one(`SELECT f.content_type || ' ' || f.file_name FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id
                         WHERE d.code = ${q(code)} AND f.role = 'apology'`);
  assert.equal(pdf, `application/pdf xin-loi-${code}.pdf`);
  const again = await leader.post(`${base}/apology`, { reason: 'Lần hai', new_date: await nextWorkingDay(newDate) });
  assert.equal(again.status, 409, 'only one apology per dossier');
  const page = await leader.get(base);
  assert.ok(page.text.includes('Chờ ý kiến thẩm định của Bộ'));
  await until(() => mailsFor(code).some((m) => /Xin lỗi/.test(m.subject)), 'the apology e-mail');

  await leader.post(`${base}/assign`, { assignee_id: specialistId });
  await specialist.get(base);
  await specialist.postMultipart(`${base}/propose`, { note: 'Xong' },
    [{ field: 'result', name: 'kq.pdf', content: PDF, type: 'application/pdf' }]);
  await leader.get(base);
  assert.equal((await leader.post(`${base}/approve`, {})).status, 303);
  // The statutory due date passes (moved back in the database: the server has no fake clock).
  await db.exec(`UPDATE dossiers SET due_date = ${q(addDays(today, -1))} WHERE code = ${q(code)}`);
  await officer.get(base);
  assert.equal((await officer.post(`${base}/return-result`, {})).status, 303);
  assert.equal(await one(`SELECT CASE WHEN on_time THEN 'on_time' ELSE 'late' END FROM dossiers WHERE code = ${q(code)}`), 'late');
});

test('transfer to another agency keeps the clock; the old agency loses it', async () => {
  const code = await counterDossier('Lê Văn Cường');
  const base = `/work/dossiers/${code}`;
  const before = await one(`SELECT received_at || ' ' || due_date FROM dossiers WHERE code = ${q(code)}`);
  const other = await one(`SELECT id FROM agencies WHERE code = 'SO-TC'`);
  await leader.get(base);
  assert.equal((await leader.post(`${base}/transfer`, { agency_id: other, note: '' })).status, 422, 'a reason is needed');
  assert.equal((await leader.post(`${base}/transfer`, { agency_id: '999999', note: 'x' })).status, 422, 'an existing agency');
  assert.equal((await leader.post(`${base}/transfer`, { agency_id: other, note: 'Thuộc thẩm quyền Sở Tài chính' })).status, 303);
  assert.equal(await one(`SELECT state || ' ' || agency_id FROM dossiers WHERE code = ${q(code)}`), `received ${other}`);
  assert.equal(await one(`SELECT received_at || ' ' || due_date FROM dossiers WHERE code = ${q(code)}`), before, 'the clock keeps running');
  assert.equal((await leader.get(base)).status, 404, 'no longer in the leader\'s scope');
});

// Least privilege (issue 12 finding 10; OWASP ASVS 5.0 V8.2.2): the applicant's personal data of a
// dossier reach a specialist only once it is assigned to them — on every route that shows it.
test('a specialist reads only the dossiers assigned to them; leaders and the desk keep their view', async () => {
  const code = await counterDossier('Trịnh Thị Giang');
  const receipt = await one(`SELECT f.id FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id
                             WHERE d.code = ${q(code)} AND f.role = 'receipt'`);
  const routes = [`/dossiers/${code}`, `/api/v1/dossiers/${code}`, `/dossiers/${code}/files/${receipt}`,
    `/work/dossiers/${code}`, `/work/dossiers/${code}/files/${receipt}`];
  for (const path of routes) {
    const r = await specialist.get(path);
    assert.equal(r.status, 404, `${path}: not assigned, not found`);
    assert.ok(!r.text.includes('Trịnh Thị Giang') && !r.text.includes('025123456789'), `${path}: no personal data`);
    assert.equal((await leader.get(path)).status, 200, `${path}: the leader of the handling agency`);
    assert.equal((await officer.get(path)).status, 200, `${path}: the desk`);
  }
  assert.ok(!(await specialist.get('/work')).text.includes(code), 'nor in the queue');
  await leader.get(`/work/dossiers/${code}`);
  assert.equal((await leader.post(`/work/dossiers/${code}/assign`, { assignee_id: specialistId })).status, 303);
  for (const path of routes) assert.equal((await specialist.get(path)).status, 200, `${path}: assigned`);
  assert.match((await specialist.get(`/api/v1/dossiers/${code}`)).text, /025123456789/);
});

test('who may use the work pages', async () => {
  const code = await counterDossier('Phạm Thị Dung');
  const anon = new Agent(srv.url);
  const anonymous = await anon.get('/work');
  assert.equal(anonymous.status, 303, 'anonymous: to the sign-in page');
  assert.match(anonymous.headers.location, /^\/login/);
  const citizen = await signInFully(srv.url, 'citizen@demo.tinhso.vn', PASSWORD);
  assert.equal((await citizen.get('/work')).status, 403);
  assert.equal((await citizen.get(`/work/dossiers/${code}`)).status, 403);
  const inspector = await signInFully(srv.url, 'inspector@demo.tinhso.vn', PASSWORD);
  assert.equal((await inspector.get(`/work/dossiers/${code}`)).status, 403);
  assert.equal((await leader.get('/work/dossiers/TTHCC-000000-0000')).status, 404);
  assert.equal((await leader.get('/work?state=bogus')).status, 400);
  assert.equal((await leader.get('/work?page_size=1000')).status, 400);
  const overdue = await leader.get('/work?due=overdue');
  assert.equal(overdue.status, 200);
  assert.ok(!overdue.text.includes(code), 'a dossier received today is not overdue');
  assert.equal((await leader.post(`/work/dossiers/${code}/approve`, {})).status, 409, 'not proposed yet');
});

test('the lateness job flags a dossier due within a working day once and tells the leader; mail survives a restart', async () => {
  const code = await counterDossier('Đỗ Văn Em');
  // Due on the next working day: still "due soon" if Vietnam's midnight (17:00 UTC) passes while the
  // test runs, where a dossier due "today" would turn overdue.
  const due = await nextWorkingDay(localToday());
  await db.exec(`UPDATE dossiers SET due_date = ${q(due)}, appointment_date = ${q(due)} WHERE code = ${q(code)}`);
  await srv.stop();
  // Restarted with no SMTP relay: the job flags and queues; nothing can be sent yet.
  srv = await startServer({ db, mode: 'serve', args: ['--smtp', '127.0.0.1:9'] });
  const flagged = () => one(`SELECT COUNT(*) FROM dossier_risk_flags f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = ${q(code)}`);
  await until(async () => (await flagged()) === '1', 'the flag');
  const queued = () => one(`SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE ${q(`%${code}%`)} AND to_addr = 'leader@demo.tinhso.vn'`);
  assert.equal(await queued(), '1');
  await srv.stop();
  srv = await startServer({ db, mode: 'serve', args: args() });
  for (const a of [officer, leader, specialist]) a.base = srv.url;  // sessions live in the database
  await until(() => sink.messages().some((m) => m.subject.includes(code) && m.to.includes('leader@demo.tinhso.vn')), 'the leader\'s e-mail');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await flagged(), '1', 'flagged once across restarts');
  assert.equal(await queued(), '1');
  assert.equal(sink.messages().filter((m) => m.subject.includes(code) && m.to.includes('leader@demo.tinhso.vn')).length, 1,
    'delivered exactly once');
  const page = await leader.get('/work?due=due_soon');
  assert.ok(page.text.includes(code));
});

// Issue 15 §7: the queue is read as index-ordered arms per (agency, state) merged into one page;
// walking its pages must give exactly the rows and order of the plain sorted query (due date,
// undated paused dossiers last, then code) for each role's scope and filter, with the same total.
test('the queue pages list the open dossiers of the scope in due order, paused last, then by code', async () => {
  const codes = [];
  for (const name of ['Lê Văn Giang', 'Trần Thị Hà', 'Vũ Văn Ích', 'Ngô Thị Kim', 'Đặng Văn Long']) {
    codes.push(await counterDossier(name));
  }
  const past = addDays(localToday(), -3);
  const set = (code, sql) => db.exec(`UPDATE dossiers SET ${sql} WHERE code = ${q(code)}`);
  // Two overdue on the same day (ordered by code), one paused (no due date), one in processing
  // assigned to the specialist and due later, one received today as entered.
  await set(codes[1], `due_date = ${q(past)}, appointment_date = ${q(past)}`);
  await set(codes[0], `due_date = ${q(past)}, appointment_date = ${q(past)}`);
  await set(codes[2], `state = 'supplement_requested', resume_state = 'received', due_date = NULL,
                       paused_at = '2026-01-01T00:00:00Z'`);
  await set(codes[3], `state = 'processing', assignee_id = ${specialistId}, due_date = ${q(addDays(localToday(), 30))}`);
  // 700 more open dossiers copied from the first: past 500 matches (kSortAtMost) the page is read
  // as merged arms, below it as one sorted statement; both paths are walked. Due in 30–33 days
  // (many share a day) or paused, in every open state, every 13th the specialist's.
  const later = [30, 31, 32, 33].map((n) => q(addDays(localToday(), n)));
  await db.exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700)
    INSERT INTO dossiers (code, procedure_id, desk_agency_id, agency_id, responsible_agency_id, state, channel,
      applicant_name, assignee_id, time_limit_working_days, created_at, submitted_at, received_at, paused_at, due_date,
      appointment_date, updated_at)
    SELECT t.code || '-' || CAST(1000 + (i * 37) % 700 AS TEXT), t.procedure_id, t.desk_agency_id, t.agency_id,
      t.responsible_agency_id,
      CASE i % 5 WHEN 0 THEN 'received' WHEN 1 THEN 'processing' WHEN 2 THEN 'proposed' WHEN 3 THEN 'approved'
        ELSE 'supplement_requested' END, t.channel, t.applicant_name,
      CASE WHEN i % 13 = 0 THEN ${specialistId} END, t.time_limit_working_days, t.created_at, t.submitted_at,
      t.received_at, CASE WHEN i % 11 = 0 THEN t.received_at END,
      CASE WHEN i % 11 = 0 THEN NULL WHEN i % 4 = 0 THEN ${later[0]} WHEN i % 4 = 1 THEN ${later[1]}
        WHEN i % 4 = 2 THEN ${later[2]} ELSE ${later[3]} END, t.appointment_date, t.updated_at
    FROM dossiers t, n WHERE t.code = ${q(codes[4])}`);

  const scope = (email) => `WITH RECURSIVE scope (id) AS (SELECT agency_id FROM accounts WHERE email = ${q(email)}
    UNION SELECT a.id FROM agencies a JOIN scope ON a.parent_id = scope.id) SELECT id FROM scope`;
  const expected = async (where) => (await one(`SELECT d.code FROM dossiers d WHERE d.received_at IS NOT NULL
      AND d.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested') AND ${where}
      ORDER BY CASE WHEN d.due_date IS NULL THEN 1 ELSE 0 END, d.due_date, d.code`)).split('\n').filter(Boolean);
  const walk = async (agent, query, size) => {
    const seen = [];
    let total;
    for (let page = 1; page <= 200; page++) {
      const r = await agent.get(`/work?page_size=${size}&page=${page}${query}`);
      assert.equal(r.status, 200, `${query} page ${page}`);
      total ??= Number(r.text.match(/id="queue-total">[^<]*?([\d.,]+)<\/p>/)[1].replace(/[.,]/g, ''));
      const rows = [...r.text.matchAll(/<th scope="row"><a href="[^"]*">([^<]+)<\/a>/g)].map((m) => m[1]);
      if (!rows.length) break;
      seen.push(...rows);
    }
    return { seen, total };
  };
  const cases = [
    [leader, '', `d.agency_id IN (${scope('leader@demo.tinhso.vn')})`],
    [leader, '&due=overdue', `d.agency_id IN (${scope('leader@demo.tinhso.vn')}) AND d.due_date <= ${q(addDays(localToday(), -1))}`],
    [leader, '&state=supplement_requested', `d.agency_id IN (${scope('leader@demo.tinhso.vn')}) AND d.state = 'supplement_requested'`],
    [leader, `&code=${codes[0].slice(0, 12)}`, `d.agency_id IN (${scope('leader@demo.tinhso.vn')}) AND d.code LIKE ${q(`${codes[0].slice(0, 12)}%`)}`],
    [leader, '&mine=1', `d.agency_id IN (${scope('leader@demo.tinhso.vn')}) AND d.assignee_id = (SELECT id FROM accounts WHERE email = 'leader@demo.tinhso.vn')`],
    [specialist, '', `d.agency_id IN (${scope('specialist@demo.tinhso.vn')}) AND d.assignee_id = ${specialistId}`],
    [officer, '', `d.desk_agency_id IN (${scope('officer@demo.tinhso.vn')})`],
  ];
  for (const [agent, query, where] of cases) {
    const want = await expected(where);
    const { seen, total } = await walk(agent, query, want.length > 500 ? 97 : 7);
    assert.deepEqual(seen, want, `the rows and order of /work${query}`);
    assert.equal(total, want.length, `the total of /work${query}`);
  }
  const all = await expected(`d.agency_id IN (${scope('leader@demo.tinhso.vn')})`);
  assert.ok(all.length > 700, 'the merged arms were read');
  assert.ok(all.indexOf(codes[0]) < all.indexOf(codes[1]) === codes[0] < codes[1], 'same due day: by code');
  assert.ok(all.indexOf(codes[2]) > all.indexOf(codes[3]), 'the paused dossier comes after the dated ones');
  assert.ok(all.includes(codes[4]) && all.indexOf(codes[1]) < all.indexOf(codes[4]), 'overdue first');
});
