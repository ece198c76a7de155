// The calendar module (issue 4): the lunar/due/holidays API for known dates and the 2024–2026
// official schedules (../shared/domain/LAW.md §1, §2, §8), localized 400 problems, the public month
// view and deadline calculator without JavaScript, the administrators' schedule pages (create,
// edit, import, export, delete, each audited), a change seen by a second node, and the
// `tinhso calendar` commands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { startServer, BIN } from '../lib/server.mjs';
import { get, htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';

const ADMIN = { email: 'admin@demo.tinhso.vn', password: 'Demo-Phu-Tho-2025' };

let t;
let base;
before(async () => {
  // Every node re-reads changed schedules each second, so the two-node test is quick.
  t = await serverFixture('calendar', { args: ['--calendar-refresh-seconds', '1'] });
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

// The text a person reads: character references decoded, tags dropped, spaces collapsed.
const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
const one = async (sql) => (await rows(sql))[0]?.[0];
const api = async (path, headers = {}) => {
  const r = await get(base, path, { headers });
  return { status: r.status, type: r.headers['content-type'], lang: r.headers['content-language'], body: r.json() };
};

// Runs the binary in an empty scratch directory; resolves {code, stdout, stderr, files}.
function cli(args, env = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'tinhso-cal-cli-'));
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd, env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      const files = readdirSync(cwd);
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code: err ? err.code : 0, stdout, stderr, files });
    });
  });
}

// ---- the JSON API ----

test('lunar: known dates of LAW.md §8, leap months and the years VN and CN differ', async () => {
  const cases = [
    ['2026-02-17', 'L 2026-01-01', 'Bính Ngọ'], // Tết 2026
    ['2025-01-29', 'L 2025-01-01', 'Ất Tỵ'], // Tết 2025
    ['2024-02-10', 'L 2024-01-01', 'Giáp Thìn'], // Tết 2024
    ['2026-04-26', 'L 2026-03-10', 'Bính Ngọ'], // Hùng Kings' day 2026
    ['2025-07-25', 'L 2025-06-01 leap', 'Ất Tỵ'], // leap month 6 of 2025
    ['1985-01-21', 'L 1985-01-01', 'Ất Sửu'], // Tết 1985: a month before China's (UTC+7 vs UTC+8)
    ['1900-01-01', 'L 1899-12-01', 'Kỷ Hợi'], // first day of the range
  ];
  for (const [date, text, canChi] of cases) {
    const r = await api(`/api/v1/calendar/lunar?date=${date}`);
    assert.equal(r.status, 200, date);
    assert.match(r.type, /^application\/json/);
    assert.equal(r.body.date, date);
    assert.equal(r.body.text, text, date);
    assert.equal(r.body.can_chi, canChi, date);
    assert.equal(r.body.lunar.leap, text.endsWith('leap'), date);
  }
  const tet = (await api('/api/v1/calendar/lunar?date=2026-02-17')).body;
  assert.deepEqual(tet.lunar, { year: 2026, month: 1, day: 1, leap: false });
  assert.equal(tet.working_day, false);
  assert.equal(tet.schedule.reason, 'tet');
  assert.equal((await api('/api/v1/calendar/lunar?date=2026-01-10')).body.working_day, true, 'Saturday 10/1/2026 is worked');
});

test('due: working days across Tết 2026, the 15:00 cut-off, calendar days rolled forward (Civil Code Art. 147–148)', async () => {
  const cases = [
    // Friday 13/2/2026, the last working day before Tết (off 16–20/2): the 3rd working day is 25/2.
    ['from=2026-02-13&working_days=3', { received: '2026-02-13', due: '2026-02-25', applied: false }],
    ['from=2026-02-13T14:59&working_days=3', { received: '2026-02-13', due: '2026-02-25', applied: false }],
    // At or after 15:00 the receipt moves to the next working day (Decree 61/2018 Art. 18).
    ['from=2026-02-13T15:00&working_days=3', { received: '2026-02-23', due: '2026-02-26', applied: true }],
    ['from=2026-02-13T16:30&working_days=3', { received: '2026-02-23', due: '2026-02-26', applied: true }],
    // A Saturday worked counts: Friday 9/1/2026 + 1 working day = Saturday 10/1.
    ['from=2026-01-09&working_days=1', { received: '2026-01-09', due: '2026-01-10', applied: false }],
    ['from=2026-02-13&working_days=0', { received: '2026-02-13', due: '2026-02-13', applied: false }],
    // Calendar days: 13/2 + 3 = 16/2, a Tết day off → the next working day, 23/2.
    ['from=2026-02-13&days=3', { received: '2026-02-13', due: '2026-02-23', applied: false, rolled: true }],
    ['from=2026-03-02&days=30', { received: '2026-03-02', due: '2026-04-01', applied: false, rolled: false }],
    // 30 days from 1/4/2026 end on Friday 1/5 (Labour Day) → Monday 4/5.
    ['from=2026-04-01&days=30', { received: '2026-04-01', due: '2026-05-04', applied: false, rolled: true }],
  ];
  for (const [q, want] of cases) {
    const r = await api(`/api/v1/calendar/due?${q}`);
    assert.equal(r.status, 200, q);
    assert.equal(r.body.received, want.received, `${q}: received`);
    assert.equal(r.body.due, want.due, `${q}: due`);
    assert.equal(r.body.cutoff.time, '15:00');
    assert.equal(r.body.cutoff.applied, want.applied, `${q}: cut-off`);
    if ('rolled' in want) assert.equal(r.body.rolled_forward, want.rolled, `${q}: rolled`);
  }
  const r = (await api('/api/v1/calendar/due?from=2026-02-13T16:30&working_days=3')).body;
  assert.equal(r.from, '2026-02-13T16:30');
  assert.equal(r.unit, 'working_days');
  assert.equal(r.amount, 3);
});

test('holidays: the 2024–2026 official schedules and a law-generated year', async () => {
  const r = await api('/api/v1/calendar/holidays?year=2026');
  assert.equal(r.status, 200);
  assert.equal(r.body.official, true);
  assert.match(r.body.source, /12729\/VPCP-KGVX/);
  assert.deepEqual(r.body.days.map((d) => `${d.date} ${d.kind} ${d.reason}`), LAW_2026);
  const g = (await api('/api/v1/calendar/holidays?year=2030')).body;
  assert.equal(g.official, false);
  assert.equal(g.source, null);
  assert.ok(g.days.some((d) => d.date === '2030-01-01' && d.reason === 'new_year'));
  assert.ok(g.days.every((d) => d.kind === 'off'));
});

// Issue 12 §16: a year without an official schedule follows the Labor Code in force on each
// holiday — before 2021 one National Day (2012 Art. 115(1)(đ)), before 1/5/2013 a 4-day Tết and
// before 2007 no Hùng Kings' day (1994 Art. 73) — and the page names that code.
test('holidays before 2021 follow the Labor Code then in force (one National Day, Tết 4 days before 2013)', async () => {
  const days = async (year) => (await api(`/api/v1/calendar/holidays?year=${year}`)).body.days
    .map((d) => `${d.date} ${d.reason}`);
  assert.deepEqual(await days(2020), ['2020-01-01 new_year', '2020-01-23 tet', '2020-01-24 tet', '2020-01-27 tet',
    '2020-01-28 compensatory', '2020-01-29 compensatory', '2020-04-02 hung_kings', '2020-04-30 reunification',
    '2020-05-01 labour_day', '2020-09-02 national_day']);
  assert.deepEqual((await days(2012)).filter((d) => d.startsWith('2012-01') || d.startsWith('2012-09')),
    ['2012-01-02 compensatory', '2012-01-23 tet', '2012-01-24 tet', '2012-01-25 tet', '2012-01-26 compensatory',
      '2012-09-03 compensatory']);
  assert.ok(!(await days(2005)).some((d) => d.endsWith('hung_kings')), 'no Hùng Kings\' day before 2007');
  assert.deepEqual((await days(2021)).filter((d) => d.startsWith('2021-09')),
    ['2021-09-02 national_day', '2021-09-03 national_day'], 'Labor Code 2019 Art. 112(1)(đ)');
  let text = plain((await get(base, '/calendar?month=2020-09')).text);
  assert.match(text, /Bộ luật Lao động 2012 \(Điều 115\)/);
  assert.ok(!text.includes('Bộ luật Lao động 2019'), text.slice(0, 400));
  text = plain((await get(base, '/calendar?month=2030-09')).text);
  assert.match(text, /Bộ luật Lao động 2019 \(Điều 111, 112\)/);
});

test('bad, missing, contradictory and out-of-range parameters: 400 problem+json in the user\'s language', async () => {
  const cases = [
    ['/api/v1/calendar/lunar', /tham số date/i],
    ['/api/v1/calendar/lunar?date=2025-02-30', /tham số date/i],
    ['/api/v1/calendar/lunar?date=26-02-17', /tham số date/i],
    ['/api/v1/calendar/lunar?date=1899-12-31', /1900 đến năm 2199/],
    ['/api/v1/calendar/lunar?date=2200-01-01', /1900 đến năm 2199/],
    ['/api/v1/calendar/due?working_days=3', /tham số from/i],
    ['/api/v1/calendar/due?from=2026-02-13T25:00&working_days=3', /tham số from/i],
    ['/api/v1/calendar/due?from=2026-02-13', /working_days/],
    ['/api/v1/calendar/due?from=2026-02-13&working_days=3&days=3', /working_days/],
    ['/api/v1/calendar/due?from=2026-02-13&working_days=3651', /0 đến 3650/],
    ['/api/v1/calendar/due?from=2026-02-13&working_days=-1', /0 đến 3650/],
    ['/api/v1/calendar/due?from=2026-02-13&days=abc', /0 đến 3650/],
    ['/api/v1/calendar/due?from=2199-12-30&working_days=10', /nằm ngoài/],
    ['/api/v1/calendar/due?from=1899-12-30&days=10', /1900 đến năm 2199/],
    ['/api/v1/calendar/holidays', /tham số year/i],
    ['/api/v1/calendar/holidays?year=2300', /tham số year/i],
    ['/api/v1/calendar/holidays?year=26', /tham số year/i],
  ];
  for (const [path, detail] of cases) {
    const r = await get(base, path);
    assert.equal(r.status, 400, path);
    assert.equal(r.headers['content-type'], 'application/problem+json', path);
    const p = r.json();
    assert.equal(p.status, 400);
    assert.equal(p.type, 'urn:tinhso:problem:bad_request');
    assert.match(p.detail, detail, path);
    assert.equal(r.headers['content-language'], 'vi');
  }
  const en = await api('/api/v1/calendar/due?from=2026-02-13&working_days=3&days=3', { 'accept-language': 'en' });
  assert.equal(en.status, 400);
  assert.equal(en.lang, 'en');
  assert.match(en.body.detail, /exactly one of the parameters working_days/);
  const cookie = await api('/api/v1/calendar/lunar?date=2200-01-01', { cookie: 'lang=en' });
  assert.match(cookie.body.detail, /Only dates from 1900 to 2199/);
});

// ---- pages, without JavaScript ----

test('month view: lunar dates, Tết, Saturdays worked, can chi, navigation; no script', async () => {
  let r = await get(base, '/calendar?month=2026-02');
  assert.equal(r.status, 200);
  assert.ok(!/<script/i.test(r.text), 'no JavaScript');
  let text = plain(r.text);
  assert.match(text, /Tháng 2 năm 2026 \(Âm lịch: năm Ất Tỵ và năm Bính Ngọ\)/);
  assert.match(r.text, /<th scope="col"><abbr title="Thứ Hai">T2<\/abbr><\/th>/);
  // 17/2/2026 is Tết: lunar 1/1 with the year's name, a day off for Tết.
  const tet = /<td class="([^"]*)"[^>]*><span class="solar">17<\/span>(.*?)<\/td>/.exec(r.text);
  assert.ok(tet, 'the cell of 17/2');
  assert.match(tet[1], /holiday/);
  assert.match(plain(tet[2]), /1\/1 năm Bính Ngọ.*Nghỉ: Tết Nguyên đán/);
  assert.match(text, /Thứ Hai, 16\/02\/2026 ?: Nghỉ: Tết Nguyên đán/);
  assert.match(r.text, /month=2026-01" rel="prev"/);
  assert.match(r.text, /month=2026-03" rel="next"/);
  assert.match(text, /Tháng 1 năm 2026/);
  assert.match(text, /Tháng 3 năm 2026/);
  r = await get(base, '/calendar?month=2026-01');
  text = plain(r.text);
  assert.match(text, /Thứ Bảy, 10\/01\/2026 ?: Làm bù: Hoán đổi ngày làm việc/);
  // The picker's two fields give the same month.
  const picked = await get(base, '/calendar?y=2026&m=1');
  const caption = (html) => /<caption>.*?<\/caption>/s.exec(html)?.[0];
  assert.equal(caption(picked.text), caption(r.text));
  // A year without an official schedule says so.
  assert.match(plain((await get(base, '/calendar?month=2030-02')).text), /chưa có lịch nghỉ chính thức/);
  // English.
  r = await get(base, '/calendar?month=2026-02', { headers: { 'accept-language': 'en' } });
  text = plain(r.text);
  assert.match(text, /February 2026 \(Lunar: years of Ất Tỵ and Bính Ngọ\)/);
  assert.match(text, /Day off: Lunar New Year \(Tết\)/);
  // Today (Vietnam time) is marked in the current month.
  const now = new Date(Date.now() + 7 * 3600_000);
  r = await get(base, '/calendar');
  const cell = /<td class="[^"]*today[^"]*" aria-current="date"><span class="solar">(\d+)<\/span>/.exec(r.text);
  assert.ok(cell, 'a cell is marked as today');
  assert.equal(Number(cell[1]), now.getUTCDate());
  // Range ends have no link beyond them; bad months are a 400 page.
  assert.ok(!/rel="prev"/.test((await get(base, '/calendar?month=1900-01')).text));
  assert.ok(!/rel="next"/.test((await get(base, '/calendar?month=2199-12')).text));
  for (const q of ['month=2026-13', 'month=2200-01', 'month=abc', 'y=2026&m=0', 'y=1899&m=12']) {
    const bad = await get(base, `/calendar?${q}`);
    assert.equal(bad.status, 400, q);
    assert.match(plain(bad.text), /Tháng không hợp lệ/, q);
  }
});

test('deadline calculator: a GET form that works without JavaScript, with its reasoning', async () => {
  let r = await get(base, '/calendar/deadline');
  assert.equal(r.status, 200);
  assert.match(r.text, /<form method="get" action="\/calendar\/deadline"/);
  r = await get(base, '/calendar/deadline?from=2026-02-13&time=16%3A30&unit=working_days&amount=3');
  assert.equal(r.status, 200);
  let text = plain(r.text);
  assert.match(text, /Hạn cuối Thứ Năm, 26\/02\/2026 \( 2026-02-26 \)/);
  assert.match(text, /Thứ Hai, 23\/02\/2026/);
  assert.match(text, /từ 15:00 trở đi/);
  assert.match(text, /Nghị định 61\/2018\/NĐ-CP, Điều 18/);
  assert.match(r.text, /value="2026-02-13"/, 'the form keeps what was asked');
  r = await get(base, '/calendar/deadline?from=2026-02-13&time=&unit=days&amount=3');
  text = plain(r.text);
  assert.match(text, /2026-02-23/);
  assert.match(text, /Bộ luật Dân sự 2015, Điều 148/);
  r = await get(base, '/calendar/deadline?from=2026-02-30&time=25%3A00&unit=weeks&amount=9999');
  assert.equal(r.status, 422);
  text = plain(r.text);
  for (const m of ['Ngày không hợp lệ', 'Giờ không hợp lệ', 'Hãy chọn tính theo ngày làm việc', 'Số ngày phải là số nguyên'])
    assert.ok(text.includes(m), m);
  assert.match(r.text, /aria-invalid="true"/);
  r = await get(base, '/calendar/deadline?from=2026-02-13&unit=working_days&amount=3', { headers: { 'accept-language': 'en' } });
  assert.match(plain(r.text), /Wednesday, 25 Feb 2026/);
  // Linked from the home page and the navigation.
  assert.match((await get(base, '/')).text, /href="\/calendar"/);
});

// ---- administrators ----

async function admin() {
  const a = await signInFully(base, ADMIN.email, ADMIN.password);
  const page = await a.get('/admin/calendar');
  assert.equal(page.status, 200, htmlText(page.text).slice(0, 600));
  return a;
}

const version = async () => Number(await one('SELECT version FROM calendar_version'));
const auditActions = async () => (await rows(
  "SELECT action, object_id FROM audit_log WHERE object_type IN ('calendar_schedule', 'calendar_day') ORDER BY seq",
)).map((r) => `${r[0]} ${r[1]}`);

test('admin: list, create, edit days and source, export, import all-or-nothing, delete; each change audited', async () => {
  const a = await admin();
  let r = await a.get('/admin/calendar');
  let text = plain(r.text);
  for (const y of ['2024', '2025', '2026']) assert.ok(text.includes(y), y);
  assert.match(text, /5015\/TB-LĐTBXH/);
  assert.match((await a.get('/calendar')).text, /href="\/admin\/calendar"/, 'administrators get a link from the month view');
  assert.ok(!/\/admin\/calendar/.test((await get(base, '/calendar')).text), 'visitors do not');
  const v0 = await version();

  // Create 2027 from the law-generated days.
  r = await a.post('/admin/calendar', { year: '2027', source: 'Thông báo thử 1/2027', prefill: 'generated' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 800));
  assert.equal(r.headers.location, '/admin/calendar/2027');
  r = await a.post('/admin/calendar', { year: '2027', source: '', prefill: 'empty' });
  assert.equal(r.status, 422);
  assert.match(htmlText(r.text), /đã có lịch nghỉ chính thức/);
  r = await a.post('/admin/calendar', { year: '1800', source: '', prefill: 'empty' });
  assert.equal(r.status, 422);
  r = await a.get('/admin/calendar/2027');
  assert.equal(r.status, 200);
  text = plain(r.text);
  assert.match(text, /Lịch nghỉ chính thức năm 2027/);
  assert.match(text, /Thứ Sáu, 01\/01\/2027/);
  assert.match(text, /admin@demo\.tinhso\.vn/);
  let h = (await api('/api/v1/calendar/holidays?year=2027')).body;
  assert.equal(h.official, true, 'visible through the API at once');
  assert.equal(h.source, 'Thông báo thử 1/2027');

  // Add a Saturday worked and a bridge Monday off; refused: off on a weekend, work on a weekday, a duplicate.
  r = await a.post('/admin/calendar/2027/days', { date: '2027-05-08', kind: 'work', reason: 'swap', note: 'Làm bù thử' });
  assert.equal(r.status, 303, htmlText(r.text).slice(0, 800));
  r = await a.post('/admin/calendar/2027/days', { date: '2027-05-08', kind: 'work', reason: 'swap', note: '' });
  assert.equal(r.status, 422);
  assert.match(htmlText(r.text), /Ngày này đã có trong lịch/);
  r = await a.post('/admin/calendar/2027/days', { date: '2027-01-02', kind: 'off', reason: 'swap', note: '' });
  assert.equal(r.status, 422);
  assert.match(htmlText(r.text), /chỉ dùng cho thứ Hai đến thứ Sáu/);
  r = await a.post('/admin/calendar/2027/days', { date: '2027-01-04', kind: 'work', reason: 'swap', note: '' });
  assert.equal(r.status, 422);
  r = await a.post('/admin/calendar/2027/days', { date: '2028-01-03', kind: 'off', reason: 'swap', note: '' });
  assert.equal(r.status, 422);
  r = await a.post('/admin/calendar/2027/days', { date: '2027-01-04', kind: 'off', reason: 'nonsense', note: '' });
  assert.equal(r.status, 422);
  // The Saturday worked is seen by the deadline engine: Friday 7/5/2027 + 1 working day = Saturday 8/5.
  assert.equal((await api('/api/v1/calendar/due?from=2027-05-07&working_days=1')).body.due, '2027-05-08');

  // Edit a day (move and re-label), then remove it.
  r = await a.get('/admin/calendar/2027/days/2027-05-08');
  assert.equal(r.status, 200);
  r = await a.post('/admin/calendar/2027/days/2027-05-08', { date: '2027-05-15', kind: 'work', reason: 'other', note: 'Dời' });
  assert.equal(r.status, 303);
  assert.equal(await one("SELECT reason || ' ' || note FROM calendar_days WHERE day = '2027-05-15'"), 'other Dời');
  assert.equal(await one("SELECT COUNT(*) FROM calendar_days WHERE day = '2027-05-08'"), '0');
  r = await a.post('/admin/calendar/2027/days/2027-05-15/delete', {});
  assert.equal(r.status, 303);
  r = await a.post('/admin/calendar/2027/days/2027-05-15/delete', {});
  assert.equal(r.status, 404);
  r = await a.post('/admin/calendar/2027/source', { source: 'Thông báo thử 2/2027' });
  assert.equal(r.status, 303);

  // Export: the import format, read back by the import below.
  r = await a.get('/admin/calendar/2027/export.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv/);
  assert.match(r.headers['content-disposition'], /attachment/);
  const csv = r.text.replace(/^\uFEFF/, '');
  assert.match(csv, /^date,kind,reason,note\r\n2027-01-01,off,new_year,""\r\n/);

  // Import: a bad file changes nothing and names every bad line.
  await a.get('/admin/calendar/2027/import');
  const days2027 = await one("SELECT COUNT(*) FROM calendar_days WHERE year = 2027");
  const bad = 'date,kind,reason,note\n2027-01-01,off,new_year,\n2027-01-02,off,swap,\n2027-13-01,off,swap,\n2027-01-04,sometimes,swap,\n2027-01-01,off,other,\n2026-12-31,off,other,\n';
  r = await a.postMultipart('/admin/calendar/2027/import', {}, { name: 'lich.csv', content: bad });
  assert.equal(r.status, 422, htmlText(r.text).slice(0, 800));
  text = plain(r.text);
  for (const line of ['Dòng 3: Ngày nghỉ (off) chỉ dùng', 'Dòng 4: Ngày không hợp lệ', 'Dòng 5: Loại ngày phải là',
    'Dòng 6: Ngày này đã có trong lịch', 'Dòng 7: Ngày này không thuộc năm'])
    assert.ok(text.includes(line), `${line}\n${text.slice(0, 1500)}`);
  assert.equal(await one("SELECT COUNT(*) FROM calendar_days WHERE year = 2027"), days2027, 'nothing imported');
  r = await a.postMultipart('/admin/calendar/2027/import', { csv: 'code,name\n1,2\n' });
  assert.equal(r.status, 422);
  assert.match(htmlText(r.text), /Dòng 1: Dòng tiêu đề phải là: date,kind,reason,note/);
  r = await a.postMultipart('/admin/calendar/2027/import', { csv: 'date,kind,reason,note\n' });
  assert.equal(r.status, 422);
  const good = '\uFEFFdate,kind,reason,note\r\n2027-01-01,off,new_year,Tết Dương lịch\r\n'
    + '2027-02-05,off,tet,"29 tháng Chạp, năm Bính Ngọ"\r\n2027-02-20,work,swap,\r\n';
  r = await a.postMultipart('/admin/calendar/2027/import', {}, { name: 'lich.csv', content: good });
  assert.equal(r.status, 200, htmlText(r.text).slice(0, 800));
  assert.match(htmlText(r.text), /Đã nhập 3 ngày\./);
  h = (await api('/api/v1/calendar/holidays?year=2027')).body;
  assert.deepEqual(h.days.map((d) => `${d.date} ${d.kind} ${d.reason} ${d.note}`),
    ['2027-01-01 off new_year Tết Dương lịch', '2027-02-05 off tet 29 tháng Chạp, năm Bính Ngọ', '2027-02-20 work swap ']);
  // The export reads back to the same days.
  const again = (await a.get('/admin/calendar/2027/export.csv')).text;
  r = await a.postMultipart('/admin/calendar/2027/import', { csv: again });
  assert.equal(r.status, 200);
  assert.equal((await a.get('/admin/calendar/2027/export.csv')).text, again);

  // The command line reads the database's schedules with --db, the shipped ones without.
  const withDb = await cli(['calendar', 'holidays', '2027', '--db', t.db.url]);
  assert.equal(withDb.code, 0, withDb.stderr);
  assert.equal(withDb.stdout, '2027-01-01 off new_year\n2027-02-05 off tet\n2027-02-20 work swap\n');
  const shipped = await cli(['calendar', 'holidays', '2027']);
  assert.notEqual(shipped.stdout, withDb.stdout);

  // Delete: the year goes back to the law-generated days.
  r = await a.post('/admin/calendar/2027/delete', {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/admin/calendar');
  assert.equal((await api('/api/v1/calendar/holidays?year=2027')).body.official, false);
  assert.equal((await a.get('/admin/calendar/2027')).status, 404);
  assert.equal((await a.get('/admin/calendar/abc')).status, 404);

  assert.deepEqual(await auditActions(), [
    'calendar_schedule.create 2027', 'calendar_day.create 2027-05-08', 'calendar_day.update 2027-05-08',
    'calendar_day.delete 2027-05-15', 'calendar_schedule.update 2027', 'calendar_schedule.import 2027',
    'calendar_schedule.import 2027', 'calendar_schedule.delete 2027',
  ]);
  assert.deepEqual(await rows("SELECT DISTINCT role FROM audit_log WHERE object_type IN ('calendar_schedule', 'calendar_day')"),
    [['administrator']]);
  assert.equal(await version(), v0 + 8, 'every change bumps the version');
});

test('a change made on one node is seen by another node sharing the database', async () => {
  const node2 = await startServer({ db: t.db, mode: 'serve', args: ['--calendar-refresh-seconds', '1'] });
  try {
    const before2 = await get(node2.url, '/api/v1/calendar/holidays?year=2028');
    assert.equal(before2.json().official, false);
    const a = await admin();
    const r = await a.post('/admin/calendar', { year: '2028', source: 'Hai nút', prefill: 'empty' });
    assert.equal(r.status, 303);
    let seen = false;
    for (let i = 0; i < 50 && !seen; i++) {
      seen = (await get(node2.url, '/api/v1/calendar/holidays?year=2028')).json().official;
      if (!seen) await new Promise((res) => setTimeout(res, 200));
    }
    assert.ok(seen, 'node 2 rebuilt its calendar from the new version');
    await a.post('/admin/calendar/2028/delete', {});
  } finally {
    const s = await node2.stop();
    assert.equal(s.code, 0);
  }
});

// ---- the command line ----

const LAW_2026 = [
  '2026-01-01 off new_year', '2026-01-02 off swap', '2026-01-10 work swap', '2026-02-16 off tet', '2026-02-17 off tet',
  '2026-02-18 off tet', '2026-02-19 off tet', '2026-02-20 off tet', '2026-04-27 off compensatory',
  '2026-04-30 off reunification', '2026-05-01 off labour_day', '2026-08-22 work swap', '2026-08-31 off swap',
  '2026-09-01 off national_day', '2026-09-02 off national_day',
];

// LAW.md §1's table: weekdays off besides weekends, and Saturdays worked.
const LAW_TABLE = {
  2024: { off: ['2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18',
    '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'], work: ['2024-05-04'] },
  2025: { off: ['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07',
    '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02'], work: ['2025-04-26'] },
  2026: { off: ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
    '2026-04-27', '2026-04-30', '2026-05-01', '2026-08-31', '2026-09-01', '2026-09-02'], work: ['2026-01-10', '2026-08-22'] },
};

test('CLI: lunar, solar, due and holidays; the 2024–2026 schedules of LAW.md §1; no files written', async () => {
  const ok = async (args, out) => {
    const r = await cli(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, out, args.join(' '));
    assert.deepEqual(r.files, [], `${args.join(' ')} writes no file`);
  };
  await ok(['calendar', 'lunar', '2026-02-17'], 'L 2026-01-01\n');
  await ok(['calendar', 'lunar', '2025-08-22'], 'L 2025-06-29 leap\n');
  await ok(['calendar', 'solar', '2026-01-01'], '2026-02-17\n');
  await ok(['calendar', 'solar', '2025-06-01', '--leap'], '2025-07-25\n');
  await ok(['calendar', 'solar', '2025-06-01'], '2025-06-25\n');
  await ok(['calendar', 'due', '--from', '2026-02-13T16:30', '--working-days', '3'], '2026-02-26\n');
  await ok(['calendar', 'due', '--from', '2026-02-13', '--working-days', '3'], '2026-02-25\n');
  await ok(['calendar', 'due', '--from', '2026-02-13', '--days', '3'], '2026-02-23\n');
  await ok(['calendar', 'due', '--from', '2026-02-13T16:30', '--working-days', '3', '--receipt-cutoff', 'off'], '2026-02-25\n');
  await ok(['calendar', 'holidays', '2026'], `${LAW_2026.join('\n')}\n`);
  for (const [year, want] of Object.entries(LAW_TABLE)) {
    const r = await cli(['calendar', 'holidays', year]);
    const lines = r.stdout.trim().split('\n').map((l) => l.split(' '));
    assert.deepEqual(lines.filter((l) => l[1] === 'off').map((l) => l[0]), want.off, `${year} weekdays off`);
    assert.deepEqual(lines.filter((l) => l[1] === 'work').map((l) => l[0]), want.work, `${year} Saturdays worked`);
  }
  // The settings apply to years without an official schedule.
  const before = (await cli(['calendar', 'holidays', '2030', '--national-day-extra', 'before'])).stdout;
  const after = (await cli(['calendar', 'holidays', '2030', '--national-day-extra', 'after'])).stdout;
  assert.match(before, /2030-09-02 off national_day/);
  assert.notEqual(before, after);
  const env = (await cli(['calendar', 'holidays', '2030'], { TINHSO_NATIONAL_DAY_EXTRA: 'before' })).stdout;
  assert.equal(env, before, 'TINHSO_NATIONAL_DAY_EXTRA');
});

test('CLI: bad input exits 2 with a message on stderr', async () => {
  const cases = [
    ['calendar', 'lunar', '2025-02-30'],
    ['calendar', 'lunar', '1899-12-31'],
    ['calendar', 'lunar', '2200-01-01'],
    ['calendar', 'lunar', 'today'],
    ['calendar', 'lunar'],
    ['calendar', 'solar', '2026-06-01', '--leap'],
    ['calendar', 'solar', '2025-12-30'],
    ['calendar', 'solar', '2026-13-01'],
    ['calendar', 'solar', '2300-01-01'],
    ['calendar', 'due', '--from', '2026-02-13'],
    ['calendar', 'due', '--working-days', '3'],
    ['calendar', 'due', '--from', '2026-02-13', '--working-days', '3', '--days', '3'],
    ['calendar', 'due', '--from', '2026-02-13', '--working-days', '3651'],
    ['calendar', 'due', '--from', '2026-02-13', '--working-days', 'x'],
    ['calendar', 'due', '--from', '2026-02-13T24:00', '--days', '1'],
    ['calendar', 'due', '--from', '2199-12-30', '--working-days', '10'],
    ['calendar', 'holidays', '2200'],
    ['calendar', 'holidays', '26'],
    ['calendar', 'holidays'],
    ['calendar', 'holidays', '2026', '--tet-days-before', '9'],
    ['calendar', 'holidays', '2026', '--receipt-cutoff', '25:00'],
    ['calendar', 'holidays', '2026', '--national-day-extra', 'sometime'],
    ['calendar', 'week'],
    ['calendar'],
  ];
  for (const args of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.ok(r.stderr.trim().length > 0, `${args.join(' ')}: a message on stderr`);
    assert.deepEqual(r.files, []);
  }
});
