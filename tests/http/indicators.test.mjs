// Indicators, the Decision 766 scorecard and the leaders' dashboard (issue 17), black-box on SQLite
// and PostgreSQL: the scorecard's progress points follow the dossiers returned on time; the kept
// figures equal their recount from the dossiers (`tinhso indicators recount --check`), a wrong cell
// is named and repaired; an officer enters a value, another leader approves it, it shows on the
// indicator's page and the dashboard; a leader drills from the province's on-time rate to an
// agency and its late dossiers, and the numbers match at every step; bad input is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from '../lib/http.mjs';
import { runCli } from '../lib/server.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo.mjs';

let t;
let base;
before(async () => {
  // With the demo's year of past dossiers: late ones, ratings, months to drill into.
  t = await serverFixture('indicators', { env: { TINHSO_DEMO_HISTORY_MONTHS: '12' } });
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
const one = async (sql) => (await rows(sql))[0]?.[0];
const truthy = (v) => v === '1' || v === 't' || v === 'true';
// Viet Nam's month of an ISO-8601 UTC moment, and this month.
const vnMonth = (iso) => new Date(Date.parse(iso) + 7 * 3600e3).toISOString().slice(0, 7);
const monthBack = (back) => {
  const d = new Date(Date.now() + 7 * 3600e3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};
const unescaped = (html) => html.replaceAll('&#x2F;', '/').replaceAll('&amp;', '&');
const number = (text) => Number(String(text).replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

// On time and returned per responsible agency in `month`, counted here from the dossiers.
async function returnedIn(month) {
  const out = new Map();
  for (const [agency, at, onTime] of await rows('SELECT responsible_agency_id, returned_at, on_time FROM dossiers WHERE returned_at IS NOT NULL')) {
    if (vnMonth(at) !== month) continue;
    const c = out.get(agency) ?? { returned: 0, onTime: 0 };
    c.returned += 1;
    if (truthy(onTime)) c.onTime += 1;
    out.set(agency, c);
  }
  return out;
}

async function recountCheck() {
  return runCli(['indicators', 'recount', '--db', t.db.url, '--check']);
}

test('the kept figures equal their recount; a wrong cell is named, repaired, and the scorecard follows the dossiers', async () => {
  let r = await recountCheck();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /0 differ/);
  // A returned dossier made late in SQL: the triggers follow any writer.
  const [id, agency, procedure] = (await rows("SELECT id, responsible_agency_id, procedure_id FROM dossiers WHERE returned_at IS NOT NULL AND on_time ORDER BY id LIMIT 1"))[0];
  assert.ok(id, 'the demo has a dossier returned on time');
  const returnedMonth = vnMonth(await one(`SELECT returned_at FROM dossiers WHERE id = ${id}`));
  await t.db.exec(`UPDATE dossiers SET on_time = FALSE WHERE id = ${id}`);
  r = await recountCheck();
  assert.equal(r.code, 0, r.stdout);
  // A kept cell changed behind the triggers' back (as a bad restore would): named, then repaired.
  await t.db.exec(`UPDATE dossier_procedure_stats SET on_time = on_time + 1 WHERE agency_id = ${agency} AND month = '${returnedMonth}' AND procedure_id = ${procedure}`);
  r = await recountCheck();
  assert.equal(r.code, 1, 'a differing cell fails the check');
  assert.match(r.stdout, new RegExp(`agency=${agency} month=${returnedMonth} procedure=\\d+: stored .*on_time=`));
  r = await runCli(['indicators', 'recount', '--db', t.db.url]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /1 corrected/);
  r = await recountCheck();
  assert.equal(r.code, 0, r.stdout);
  assert.ok(Number(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'indicators.recount'")) >= 1, 'the repair is audited');
  // The stored task board is checked against the C++ rules as of today; `tasks rebuild-board` repairs it.
  await t.db.exec('UPDATE task_board_counts SET overdue = overdue + 1 WHERE dim = 0 AND rule = 0');
  r = await recountCheck();
  assert.equal(r.code, 1);
  assert.match(r.stdout, /task board lead=\d+: stored .*overdue=\d+.*, recounted /);
  assert.equal((await runCli(['tasks', 'rebuild-board', '--db', t.db.url])).code, 0);
  r = await recountCheck();
  assert.equal(r.code, 0, r.stdout);

  // The province's progress points (indicator 2.1, 20 points, proportional) are 20 × on time ÷ returned.
  const counts = await returnedIn(returnedMonth);
  let returned = 0, onTime = 0;
  for (const c of counts.values()) { returned += c.returned; onTime += c.onTime; }
  assert.ok(returned > onTime, 'the month has a late dossier now');
  const card = JSON.parse((await get(base, `/api/v1/scorecard?period=${returnedMonth}`)).text);
  assert.equal(card.province.groups.progress, Math.round((2000 * onTime) / returned) / 100);
  const code = await one(`SELECT code FROM agencies WHERE id = ${agency}`);
  const mine = card.agencies.find((a) => a.code === code);
  const c = counts.get(agency);
  assert.equal(mine.groups.progress, Math.round((2000 * c.onTime) / c.returned) / 100, 'and the agency\'s likewise');
  for (const a of [card.province, ...card.agencies]) {
    const sum = Object.values(a.groups).reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(sum - a.total) < 1e-9, 'the groups add up to the total');
  }
});

test('a leader drills from the province\'s on-time rate to an agency and its late dossiers; the numbers match', async () => {
  const p = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const [, agency] = (await rows("SELECT id, responsible_agency_id FROM dossiers WHERE returned_at IS NOT NULL AND NOT on_time ORDER BY id LIMIT 1"))[0] ?? [];
  assert.ok(agency, 'the first test left a late dossier');
  const month = vnMonth(await one(`SELECT returned_at FROM dossiers WHERE responsible_agency_id = ${agency} AND returned_at IS NOT NULL AND NOT on_time ORDER BY id LIMIT 1`));
  const dash = await p.get('/dashboard');
  assert.equal(dash.status, 200);
  assert.match(dash.text, /id="card-HS-DUNG-HAN"/);
  const drill = await p.get(`/dashboard/HS-DUNG-HAN?period=${month}`);
  assert.equal(drill.status, 200);
  const html = unescaped(drill.text);
  const wholeNum = number(/id="whole-numerator">([^<]*)</.exec(html)[1]);
  const wholeDen = number(/id="whole-denominator">([^<]*)</.exec(html)[1]);
  const counts = await returnedIn(month);
  let returned = 0, onTime = 0;
  for (const c of counts.values()) { returned += c.returned; onTime += c.onTime; }
  assert.equal(wholeNum, onTime, 'the province\'s numerator is the dossiers returned on time');
  assert.equal(wholeDen, returned, 'its denominator the dossiers returned');
  const nums = [...html.matchAll(/class="numerator">([^<]*)</g)].map((m) => number(m[1]));
  const dens = [...html.matchAll(/class="denominator">([^<]*)</g)].map((m) => number(m[1]));
  assert.equal(nums.reduce((a, b) => a + b, 0), wholeNum, 'the agencies\' numerators add up to the province\'s');
  assert.equal(dens.reduce((a, b) => a + b, 0), wholeDen, 'and their denominators');
  assert.ok(html.includes(`/dashboard/HS-DUNG-HAN/${agency}?period=${month}`), 'each agency links to its records');
  const ag = unescaped((await p.get(`/dashboard/HS-DUNG-HAN/${agency}?period=${month}`)).text);
  const c = counts.get(agency);
  assert.equal(number(/id="agency-numerator">([^<]*)</.exec(ag)[1]), c.onTime);
  assert.equal(number(/id="agency-denominator">([^<]*)</.exec(ag)[1]), c.returned);
  assert.equal(number(/id="late-total">([^<]*)</.exec(ag)[1]), c.returned - c.onTime, 'late = returned − on time');
  const listed = [...ag.matchAll(/<tr><th scope="row"><a href="\/work\/dossiers\/([^"]+)">/g)].map((m) => m[1]);
  assert.equal(listed.length, c.returned - c.onTime, 'the list shows those dossiers');
  // An agency leader reaches only the agencies of its scope.
  const l = await signInFully(base, DEMO_ACCOUNTS.agency_leader, DEMO_PASSWORD);
  const own = await one("SELECT agency_id FROM accounts WHERE email = 'leader@demo.tinhso.vn'");
  const other = await one(`SELECT id FROM agencies WHERE code = 'SO-YT'`);
  assert.equal((await l.get(`/dashboard/HS-DUNG-HAN/${own}?period=${month}`)).status, 200);
  assert.equal((await l.get(`/dashboard/HS-DUNG-HAN/${other}?period=${month}`)).status, 403);
});

// Viet Nam's day of an ISO-8601 UTC moment, and today's.
const vnDay = (iso) => new Date(Date.parse(iso) + 7 * 3600e3).toISOString().slice(0, 10);
const vnToday = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

// The drill page's province figure: [numerator, denominator] as shown.
async function wholeOf(p, code, period) {
  const r = await p.get(`/dashboard/${code}?period=${period}`);
  assert.equal(r.status, 200, `${code} ${period}`);
  const html = unescaped(r.text);
  const cell = (id) => {
    const m = new RegExp(`id="${id}">([^<]*)<`).exec(html);
    return m && /\d/.test(m[1]) ? number(m[1]) : null;
  };
  return [cell('whole-numerator'), cell('whole-denominator'), cell('whole-value')];
}

test('the petitions\' and city reports\' figures and the tasks\' are computed from the kept figures and equal the raw records', async () => {
  const p = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const settled = await rows("SELECT kind, channel, received_at, settled_at, CASE WHEN settled_on_time THEN 1 ELSE 0 END FROM petitions WHERE settled_at IS NOT NULL");
  assert.ok(settled.length > 10, 'the demo history answered petitions and city reports');
  // Each settlement is the moment of its settling event.
  const mismatched = await one("SELECT COUNT(*) FROM petitions p WHERE p.settled_at IS NOT NULL AND p.settled_at <> (SELECT MIN(e.at) FROM petition_events e WHERE e.petition_id = p.id AND e.to_state IN ('decided', 'refused', 'forwarded', 'guided'))");
  assert.equal(mismatched, '0');
  let medians = 0;
  for (const back of [1, 2, 3, 4]) {
    const month = monthBack(back);
    const feedback = settled.filter(([kind, , , at]) => (kind === 'feedback' || kind === 'recommendation') && vnMonth(at) === month);
    const [num, den] = await wholeOf(p, 'PAKN-DUNG-HAN', month);
    assert.equal(den, feedback.length, `${month}: feedback and recommendations handled`);
    assert.equal(num, feedback.filter((r) => r[4] === '1').length, `${month}: of which on time`);
    // Open311's median time to close, in whole hours from receipt.
    const hours = settled.filter(([, channel, , at]) => channel === 'open311' && vnMonth(at) === month)
      .map(([, , rec, at]) => Math.floor((Date.parse(at) - Date.parse(rec)) / 3600e3)).sort((a, b) => a - b);
    const [, , median] = await wholeOf(p, 'PAHT-TRUNG-VI', month);  // one decimal: a half shows
    if (hours.length === 0) {
      assert.equal(median, null, `${month}: no report closed, no data`);
    } else {
      const mid = hours.length / 2;
      const expected = hours.length % 2 ? hours[Math.floor(mid)] : (hours[mid - 1] + hours[mid]) / 2;
      assert.equal(median, expected, `${month}: the median hours to close`);
      medians += 1;
    }
  }
  assert.ok(medians > 0, 'some month has city reports closed');
  // A late answer counts against Decision 766's feedback indicator: the scorecard has its data.
  const late = settled.filter((r) => r[4] === '0').length;
  assert.ok(late > 0, 'the history has late answers');
  const card = await get(base, `/api/v1/scorecard?period=${monthBack(1)}&span=ytd`);
  assert.equal(card.status, 200);
  assert.ok(JSON.parse(card.text).province.groups.satisfaction > 0);
  // The tasks' overdue count as of today is the tasks board's.
  const summary = await runCli(['tasks', 'summary', '--db', t.db.url, '--as-of', vnToday()]);
  assert.equal(summary.code, 0, summary.stderr);
  const board = JSON.parse(summary.stdout).total;
  const [overdue] = await wholeOf(p, 'NV-QUA-HAN', vnToday().slice(0, 7));
  assert.equal(overdue, board.overdue, 'the tasks overdue today, as the board counts them');
  const [rateNum, rateDen] = await wholeOf(p, 'NV-TY-LE-QUA-HAN', vnToday().slice(0, 7));
  assert.deepEqual([rateNum, rateDen], [board.overdue, board.total - board.ongoing]);
  // Not public: an anonymous reader does not see the tasks' indicators.
  assert.notEqual((await get(base, '/indicators/NV-QUA-HAN')).status, 200);
});

test('a missing entry past its due day: the province leader can assign entering it as a task, prefilled', async () => {
  const p = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const dash = unescaped((await p.get('/dashboard')).text);
  const links = [...dash.matchAll(/href="(\/tasks\/documents\/new\?subject=[^"]+)"/g)].map((m) => m[1]);
  assert.ok(links.length > 0, 'a card whose value is missing links to the tasks form');
  const form = await p.get(links[0]);
  assert.equal(form.status, 200);
  const html = unescaped(form.text);
  assert.match(html, /name="subject"[^>]*>Đôn đốc nhập số liệu chỉ tiêu /);
  assert.match(html, /Nhập và trình duyệt số liệu chỉ tiêu “/);
  // An overlong prefill is left out, never an error.
  const long = await p.get(`/tasks/documents/new?subject=${'a'.repeat(5000)}&item=&item=x`);
  assert.equal(long.status, 200);
  assert.match(long.text, /name="subject"[^>]*><\/textarea>/, 'the subject is left empty');
  // A citizen does not get the link's target.
  assert.notEqual((await get(base, links[0])).status, 200);
});

test('an officer enters a value, another leader approves it, and the indicator and the dashboard show it', async () => {
  const s = await signInFully(base, DEMO_ACCOUNTS.specialist, DEMO_PASSWORD);
  const l = await signInFully(base, DEMO_ACCOUNTS.agency_leader, DEMO_PASSWORD);
  const period = monthBack(1);
  let r = await s.postMultipart('/indicators/CDS-KY-SO/values', { period, agency: '', value: '96,4', source: 'Báo cáo tháng của Sở', reason: '' },
    [{ name: 'bao-cao.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf', field: 'file' }]);
  assert.equal(r.status, 303, r.text);
  let page = unescaped((await s.get('/indicators/CDS-KY-SO')).text);
  assert.match(page, /Chờ duyệt/);
  // Who entered it does not approve it; a second entry waits; a rejection needs its reason.
  const id = await one(`SELECT id FROM indicator_values WHERE period = '${period}' AND state = 'submitted'`);
  assert.equal((await s.post(`/indicators/values/${id}/approve`, {})).status, 403);
  r = await s.postMultipart('/indicators/CDS-KY-SO/values', { period, agency: '', value: '97', source: 'x' }, []);
  assert.equal(r.status, 422);
  assert.match(r.text, /đang có số liệu chờ phê duyệt/);
  assert.equal((await l.post(`/indicators/values/${id}/reject`, { note: '' })).status, 422);
  assert.equal((await l.post(`/indicators/values/${id}/approve`, {})).status, 303);
  assert.equal((await l.post(`/indicators/values/${id}/approve`, {})).status, 409, 'decided once');
  page = unescaped((await l.get('/indicators/CDS-KY-SO')).text);
  assert.match(page, new RegExp(`<time datetime="${period}">[^<]*</time></th><td data-label="[^"]*">96,4`));
  const file = await l.get(`/indicators/values/${id}/file`);
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  const dash = unescaped((await l.get('/dashboard')).text);
  const card = /id="card-CDS-KY-SO">([\s\S]*?)<\/li>/.exec(dash)[1];
  assert.match(card, /<p class="big-number" data-value>96,4/);
  // A correction keeps the approved version until the new one is approved; it needs a reason.
  r = await s.postMultipart('/indicators/CDS-KY-SO/values', { period, agency: '', value: '96,8', source: 'Báo cáo', reason: '' }, []);
  assert.equal(r.status, 422);
  r = await s.postMultipart('/indicators/CDS-KY-SO/values', { period, agency: '', value: '96,8', source: 'Báo cáo', reason: 'Bổ sung số liệu' }, []);
  assert.equal(r.status, 303);
  assert.match(unescaped((await l.get('/dashboard')).text), /id="card-CDS-KY-SO">[\s\S]*?data-value>96,4/);
  const versions = await rows(`SELECT version, state FROM indicator_values WHERE period = '${period}' ORDER BY version`);
  assert.deepEqual(versions, [['1', 'approved'], ['2', 'submitted']]);
  const audits = Number(await one("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'indicator.value.%'"));
  assert.ok(audits >= 3, 'each entry and decision is audited');
});

test('the meeting pack: a PDF in Vietnamese with the indicators, the 766 table and the overdue tasks, and the same as XLSX', async () => {
  const p = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const period = monthBack(1);
  const r = await p.get(`/dashboard/pack.pdf?period=${period}`, { headers: { "accept-language": "en" } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(r.headers['content-disposition'], new RegExp(`bao-cao-dieu-hanh-${period}\\.pdf`));
  const dir = mkdtempSync(join(tmpdir(), 'tinhso-pack-'));
  try {
    writeFileSync(join(dir, 'pack.pdf'), r.body);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'pack.pdf'), '-'], { encoding: 'utf8' });
    for (const want of ['BÁO CÁO CHỈ SỐ ĐIỀU HÀNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Các chỉ số so với chỉ tiêu',
      'Tỷ lệ hồ sơ giải quyết đúng hạn', 'Xếp hạng Chỉ số chuyển đổi số', 'Quyết định 766', 'Toàn tỉnh', 'Nhiệm vụ quá hạn'])
      assert.ok(text.replace(/\s+/g, ' ').includes(want), `the pack says "${want}"`);
    assert.match(text, /96,4/, 'with the value approved for the month');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const x = await p.get(`/dashboard/pack.xlsx?period=${period}`);
  assert.equal(x.status, 200);
  assert.equal(x.body.subarray(0, 2).toString(), 'PK', 'an Office Open XML workbook');
  const s = await signInFully(base, DEMO_ACCOUNTS.specialist, DEMO_PASSWORD);
  assert.equal((await s.get('/dashboard/pack.pdf')).status, 403);
  assert.equal((await p.get('/dashboard/pack.pdf?period=2026-13')).status, 400);
});

test('open data: a DCAT catalogue of dated, licensed datasets at stable URLs, whose files hold the figures', async () => {
  const cat = await get(base, '/open-data/catalog.json');
  assert.equal(cat.status, 200);
  assert.match(cat.headers['content-type'], /^application\/ld\+json/);
  const c = JSON.parse(cat.text);
  assert.equal(c['@type'], 'dcat:Catalog');
  assert.ok(c['dct:license']['@id'].startsWith('https://'));
  const year = String(new Date(Date.now() + 7 * 3600e3).getUTCFullYear());
  const ids = c['dcat:dataset'].map((d) => d['dct:identifier']);
  assert.ok(ids.includes('indicators') && ids.includes(`scorecard-${year}`), ids.join(' '));
  for (const d of c['dcat:dataset']) {
    assert.match(d['dct:modified'], /^\d{4}-\d{2}-\d{2}$/, 'dated');
    assert.ok(d['dct:license']['@id'], 'licensed');
    for (const dist of d['dcat:distribution']) {
      const path = new URL(dist['dcat:downloadURL']).pathname;
      const r = await get(base, path);
      assert.equal(r.status, 200, path);
      assert.ok(r.headers['content-type'].startsWith(dist['dcat:mediaType']), `${path}: ${r.headers['content-type']}`);
    }
  }
  // The DTI rank of 2022 (official: 18) is in the indicators dataset; the scorecard's CSV rows
  // agree with the API for the same month.
  const csv = (await get(base, '/open-data/indicators.csv')).text;
  assert.match(csv, /"DTI-HANG",[^\n]*,"2022",18,15,/);
  const month = monthBack(0);
  const api = JSON.parse((await get(base, `/api/v1/scorecard?period=${month}`)).text);
  const lines = (await get(base, `/open-data/scorecard/${year}.csv`)).text.trim().split('\r\n');
  const head = lines[0].split(',');
  const province = lines.find((l) => l.startsWith(`"${month}","province"`)).split(',');
  assert.equal(Number(province[head.indexOf('total')]), api.province.total);
  assert.equal((await get(base, '/open-data/scorecard/1999.csv')).status, 404);
  assert.equal((await get(base, '/open-data/scorecard/2026.xml')).status, 404);
  assert.equal((await get(base, `/open-data/scorecard/${Number(year) + 1}.json`)).status, 404);
  const page = await get(base, '/open-data');
  assert.equal(page.status, 200);
  assert.match(page.text, /rel="license"/);
});

test('the catalogue exported as XLSX imports back through the admin page; a broken workbook is refused', async () => {
  const a = await signInFully(base, DEMO_ACCOUNTS.administrator, DEMO_PASSWORD);
  const xlsx = await a.get('/admin/indicators/export.xlsx');
  assert.equal(xlsx.status, 200);
  const before = await rows('SELECT code, name, numerator, denominator FROM indicators ORDER BY code');
  const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  let r = await a.postMultipart('/admin/indicators/import', {}, [{ name: 'chi-tieu.xlsx', content: xlsx.body, type: xlsxType, field: 'file' }]);
  assert.equal(r.status, 200, r.text.slice(0, 2000));
  assert.match(r.text, /id="imported">[^<]*0 chỉ số mới, 0 chỉ số cập nhật/, "the same catalogue: nothing new, nothing changed");
  assert.deepEqual(await rows('SELECT code, name, numerator, denominator FROM indicators ORDER BY code'), before);
  const broken = Buffer.concat([xlsx.body.subarray(0, 200), Buffer.alloc(100)]);
  r = await a.postMultipart('/admin/indicators/import', {}, [{ name: 'hong.xlsx', content: broken, type: xlsxType, field: 'file' }]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Không đọc được tệp Excel \(\.xlsx\)/);
});

test('bad or hostile input gets a clear 4xx, never a 500', async () => {
  const p = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const anon = [
    ['/scorecard?period=2026-13', 400], ['/scorecard?period=', 200], ['/scorecard?period=2026-01&period=2026-02', 400],
    ['/scorecard?span=x', 400], [`/scorecard?period=${'9'.repeat(5000)}`, 400], ['/scorecard/KHONG-CO', 404],
    ['/api/v1/scorecard?period=abcd-ef', 400], ['/indicators/KHONG-CO', 404], ['/indicators/DTI-HANG?unit=abc', 400],
    ['/indicators/DTI-HANG?unit=99999999', 200], ['/indicators/values/x/file', 303], ['/dashboard', 303],
  ];
  for (const [path, status] of anon) assert.equal((await get(base, path)).status, status, path);
  const leader = [
    ['/dashboard/KHONG-CO', 404], ['/dashboard/HS-DUNG-HAN?period=2026', 400], ['/dashboard/DTI-HANG?period=2026-01', 400],
    ['/dashboard/HS-DUNG-HAN/abc', 400], ['/dashboard/HS-DUNG-HAN/999999?period=2026-01', 404],
    ['/dashboard/HS-DUNG-HAN/1?page=0', 400], ['/indicators/values/x/file', 400], ['/indicators/values/999999/file', 404],
  ];
  for (const [path, status] of leader) assert.equal((await p.get(path)).status, status, path);
});
