// The public statistics of dossiers (issue 5 §8): the page (SVG chart and table, no login, no
// JavaScript), CSV, XLSX and JSON agree with each other and with a direct COUNT over dossiers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { assertCleanExit, startServer } from '../lib/server.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';

let db;
let srv;
// The local (UTC+7) year of the demo dossiers' receipts, read once they exist: a run that crosses
// Vietnam's new year (17:00 UTC on 31 December) still asks for the year the demo data is in.
let year;
const one = async (sql) => (await db.exec(sql)).replace(/\n+$/, '');

before(async () => {
  db = await createDatabase('dossiers_stats');
  // The demo dossiers are made through the same use case as the pages (transition::apply, which
  // keeps the monthly figures): the figures below come from that code path, not from the test.
  srv = await startServer({ db });
  year = new Date(Date.parse(await one('SELECT MAX(received_at) FROM dossiers')) + 7 * 3600_000).getUTCFullYear();
});
after(async () => {
  try {
    assert.ok(srv, 'the server started');
    assertCleanExit(await srv.stop(), srv.logs());
  } finally {
    await db?.drop().catch(() => {});
  }
});

test('JSON, CSV, XLSX and the page agree with a direct count over dossiers', async () => {
  const a = new Agent(srv.url);
  const api = await a.get(`/api/v1/statistics/dossiers?year=${year}`);
  assert.equal(api.status, 200);
  const j = JSON.parse(api.text);
  // A direct count over the dossiers, by the local (UTC+7) year of receipt and of return.
  const all = (await db.exec("SELECT COALESCE(received_at, ''), COALESCE(returned_at, ''), channel,"
    + " CASE WHEN on_time IS NULL THEN '' WHEN on_time THEN 'yes' ELSE 'no' END FROM dossiers"))
    .trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
  const localYear = (iso) => iso && new Date(Date.parse(iso) + 7 * 3600_000).getUTCFullYear();
  const direct = { received: 0, online: 0, on_time: 0, late: 0, open: 0 };
  for (const [received, returned, channel, onTime] of all) {
    if (localYear(received) === year) {
      direct.received += 1;
      if (channel === 'online') direct.online += 1;
      if (!returned) direct.open += 1;
    }
    if (localYear(returned) === year) direct[onTime === 'yes' ? 'on_time' : 'late'] += 1;
  }
  // The demo dossiers are there (counted over every year: a run at Vietnam's new year may split them).
  assert.ok(all.filter(([received]) => received).length >= 8 && all.some(([, , , onTime]) => onTime === 'yes')
    && direct.received >= 1, `the demo dossiers are there: ${JSON.stringify(direct)}`);
  assert.deepEqual(
    { received: j.totals.received, online: j.totals.received_online, on_time: j.totals.on_time, late: j.totals.late, open: j.totals.in_progress },
    direct);
  assert.ok(j.rows.length >= 1);
  assert.ok(Math.abs(j.totals.online_share - direct.online / direct.received) < 1e-9);

  const csv = await a.get(`/statistics/dossiers.csv?year=${year}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /^text\/csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines.length, j.rows.length + 1);
  const sum = (col) => lines.slice(1).reduce((s, l) => s + Number(l.split(',')[col]), 0);
  assert.deepEqual([sum(3), sum(4), sum(5), sum(6), sum(7)], [direct.received, direct.online, direct.on_time, direct.late, direct.open]);

  const xlsx = await a.get(`/statistics/dossiers.xlsx?year=${year}`);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers['content-type'], /spreadsheetml/);
  assert.ok(xlsx.body ? xlsx.body.subarray(0, 2).toString() === 'PK' : xlsx.text.startsWith('PK'), 'a zip (xlsx) file');

  const page = await a.get(`/statistics/dossiers?year=${year}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg[^>]*role="img"/);
  assert.ok(!/<script/i.test(page.text.replace(/<script[^>]*src="[^"]*"[^>]*><\/script>/g, '')), 'no inline script needed');
  const cell = (id) => new RegExp(`id="${id}">([^<]*)<`).exec(page.text)?.[1];
  assert.equal(cell('total-received'), String(direct.received));
  assert.equal(cell('total-on-time'), String(direct.on_time));
  assert.equal(cell('total-late'), String(direct.late));
  assert.equal(cell('total-open'), String(direct.open));

  const ag = async (code) => one(`SELECT id FROM agencies WHERE code = '${code}'`);
  const tttt = JSON.parse((await a.get(`/api/v1/statistics/dossiers?year=${year}&agency=${await ag('SO-KHCN')}`)).text);
  assert.equal(tttt.totals.received, direct.received, 'every demo dossier is handled by SO-KHCN');
  const other = JSON.parse((await a.get(`/api/v1/statistics/dossiers?year=${year}&agency=${await ag('SO-KHDT')}`)).text);
  assert.equal(other.rows.length, 0);
  assert.equal(other.totals.received, 0);
});

// Issue 14 §4: a month is read as a person reads it, the machine value kept in <time>.
test('the table names its months in the reader\'s language, never "2026-12"', async () => {
  const a = new Agent(srv.url);
  const months = JSON.parse((await a.get(`/api/v1/statistics/dossiers?year=${year}`)).text).rows.map((r) => r.month);
  assert.ok(months.length >= 1);
  const vi = await a.get(`/statistics/dossiers?year=${year}`);
  const en = await a.get(`/statistics/dossiers?year=${year}`, { headers: { cookie: 'lang=en' } });
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];
  for (const ym of months) {
    const [y, m] = ym.split('-');
    assert.ok(htmlText(vi.text).includes(`<time datetime="${ym}">tháng ${Number(m)}/${y}</time>`), `${ym} in Vietnamese`);
    assert.ok(htmlText(en.text).includes(`<time datetime="${ym}">${names[Number(m) - 1]} ${y}</time>`), `${ym} in English`);
  }
  assert.ok(!/>\d{4}-\d{2}</.test(vi.text), 'no bare year-month shown');
});

test('bad filters are 400; /api/ answers problem+json', async () => {
  const a = new Agent(srv.url);
  assert.equal((await a.get('/statistics/dossiers?year=abc')).status, 400);
  const r = await a.get('/api/v1/statistics/dossiers?year=1800');
  assert.equal(r.status, 400);
  assert.match(r.headers['content-type'], /problem\+json/);
  assert.equal((await a.get('/statistics/dossiers?agency=-1')).status, 400);
});
