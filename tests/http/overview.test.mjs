// The leaders' lateness overview (/overview, issue 14 §1): each count matches the database and
// the list it links to; an agency leader sees the agencies of its scope, the province leader every
// agency; nobody else sees it. Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo.mjs';

let t;
let base;
before(async () => {
  t = await serverFixture('overview');
  base = t.srv.url;
  // The demo province may have no overdue dossier or petition on the day the test runs (the
  // clock may be faked to any day): make one of each overdue (due yesterday), as time would, so
  // that the counts and links are exercised.
  const yesterday = new Date(Date.now() + 7 * 3600e3 - 86400e3).toISOString().slice(0, 10);
  const id = await one(`SELECT id FROM dossiers WHERE ${OPEN_DOSSIER} AND due_date IS NOT NULL AND agency_id = (SELECT agency_id FROM accounts WHERE email = 'leader@demo.tinhso.vn') ORDER BY id LIMIT 1`);
  assert.ok(id, 'the demo has an open dossier at the leader\'s agency');
  await t.db.exec(`UPDATE dossiers SET due_date = '${yesterday}' WHERE id = ${id}`);
  // Likewise one open petition of the leader's agency with a step owed.
  const pid = await one(`SELECT id FROM petitions WHERE ${OPEN_PETITION} AND pending_due IS NOT NULL AND agency_id = (SELECT agency_id FROM accounts WHERE email = 'leader@demo.tinhso.vn') ORDER BY id LIMIT 1`)
    ?? await one(`SELECT id FROM petitions WHERE ${OPEN_PETITION} AND pending_due IS NOT NULL ORDER BY id LIMIT 1`);
  assert.ok(pid, 'the demo has an open petition with a step owed');
  await t.db.exec(`UPDATE petitions SET pending_due = '${yesterday}' WHERE id = ${pid}`);
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
const one = async (sql) => (await rows(sql))[0]?.[0];
// Today in Viet Nam (UTC+7), as the server counts it.
const todayVn = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const unescaped = (html) => html.replaceAll('&#x2F;', '/').replaceAll('&amp;', '&');
const OPEN_DOSSIER = "received_at IS NOT NULL AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')";
const OPEN_PETITION = "state NOT IN ('closed', 'refused', 'forwarded', 'guided')";

// The figures of the page: the two cards and, per agency row, its six cells as text.
function figures(html) {
  const text = unescaped(html);
  const cards = [...text.matchAll(/<p class="big-number">(?:<a href="([^"]+)">)?([\d.,]+)/g)].map((m) => ({ href: m[1], n: Number(m[2].replace(/[.,]/g, '')) }));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(text)?.[1] ?? '';
  const table = [...body.matchAll(/<tr><th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({
    agency: m[1],
    cells: [...m[2].matchAll(/<td data-label="[^"]*">([\s\S]*?)<\/td>/g)].map((c) => Number(c[1].replace(/<[^>]+>/g, '').replace(/[.,\s]/g, ''))),
    links: [...m[2].matchAll(/<a href="([^"]+)">/g)].map((a) => a[1]),
  }));
  return { cards, table };
}

test('an agency leader sees its agency\'s open and overdue work, each figure matching the database and its list', async () => {
  const a = await signInFully(base, DEMO_ACCOUNTS.agency_leader, DEMO_PASSWORD);
  const r = await a.get('/overview');
  assert.equal(r.status, 200);
  const today = todayVn();
  const agency = await one("SELECT a.id FROM agencies a JOIN accounts u ON u.agency_id = a.id WHERE u.email = 'leader@demo.tinhso.vn'");
  const scope = (await rows(`SELECT id FROM agencies WHERE id = ${agency} OR parent_id = ${agency}`)).map((x) => x[0]).join(',');
  const overdue = Number(await one(`SELECT COUNT(*) FROM dossiers WHERE ${OPEN_DOSSIER} AND agency_id IN (${scope}) AND due_date < '${today}'`));
  const open = Number(await one(`SELECT COUNT(*) FROM dossiers WHERE ${OPEN_DOSSIER} AND agency_id IN (${scope})`));
  const pOverdue = Number(await one(`SELECT COUNT(*) FROM petitions WHERE ${OPEN_PETITION} AND agency_id = ${agency} AND pending_due < '${today}'`));
  const { cards, table } = figures(r.text);
  assert.deepEqual(cards.map((c) => c.n), [overdue, pOverdue], 'the cards: overdue dossiers and petitions');
  assert.equal(cards[0].href, '/work?due=overdue');
  assert.equal(cards[1].href, '/petitions/desk?overdue=1');
  assert.equal(table.reduce((n, row) => n + row.cells[0], 0), open, 'open dossiers over the rows');
  assert.equal(table.reduce((n, row) => n + row.cells[1], 0), overdue, 'overdue dossiers over the rows');
  const names = (await rows(`SELECT name FROM agencies WHERE id IN (${scope})`)).map((x) => x[0]);
  for (const row of table) assert.ok(names.includes(row.agency), `${row.agency} is in the leader's scope`);
  // The list the card links to shows the same overdue dossiers.
  const list = await a.get('/work?due=overdue&page_size=100');
  assert.equal(list.status, 200);
  const codes = new Set([...unescaped(list.text).matchAll(/href="\/work\/dossiers\/[^"]+">([^<]+)</g)].map((m) => m[1]));
  assert.equal(codes.size, overdue, '/work?due=overdue lists as many dossiers as the overview counts');
  assert.match(htmlText(list.text), new RegExp(`Tổng số hồ sơ: ${overdue}\\b`));
  const petitions = await a.get('/petitions/desk?overdue=1');
  assert.equal(petitions.status, 200);
  // The tasks board is reached from here (the agency leader's menu has no room for it).
  assert.match(r.text, /href="\/tasks\/board"/);
  assert.equal((await a.get('/tasks/board')).status, 200);
});

test('the province leader sees every agency; totals match the database', async () => {
  const a = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const r = await a.get('/overview');
  assert.equal(r.status, 200);
  const today = todayVn();
  const overdue = Number(await one(`SELECT COUNT(*) FROM dossiers WHERE ${OPEN_DOSSIER} AND due_date < '${today}'`));
  const pOverdue = Number(await one(`SELECT COUNT(*) FROM petitions WHERE ${OPEN_PETITION} AND pending_due < '${today}'`));
  const agencies = Number(await one(`SELECT COUNT(*) FROM (SELECT agency_id FROM dossiers WHERE ${OPEN_DOSSIER} UNION SELECT agency_id FROM petitions WHERE ${OPEN_PETITION}) x`));
  const { cards, table } = figures(r.text);
  console.log(`province: ${overdue} overdue dossiers, ${pOverdue} overdue petitions, ${agencies} agencies`);
  assert.ok(overdue > 0 && pOverdue > 0, 'the demo province has overdue work to show');
  assert.deepEqual(cards.map((c) => c.n), [overdue, pOverdue]);
  assert.equal(table.length, agencies, 'one row per agency with open work');
  // Most overdue first.
  const late = table.map((row) => row.cells[1] + row.cells[4]);
  assert.deepEqual(late, [...late].sort((x, y) => y - x));
  for (const row of table)
    for (const href of row.links) assert.match(href, /^\/(statistics\/dossiers\?agency=\d+|petitions\/desk\?overdue=1&agency=\d+)$/);
  for (const href of table.flatMap((row) => row.links).slice(0, 4)) assert.equal((await a.get(href)).status, 200, href);
  assert.ok(htmlText(r.text).includes('Nghị định 61/2018/NĐ-CP'), 'the note cites the rule');
});

test('nobody else sees the overview; unknown or hostile parameters change nothing', async () => {
  for (const role of ['citizen', 'one_stop_officer', 'specialist', 'inspector', 'administrator', 'auditor']) {
    const a = await signInFully(base, DEMO_ACCOUNTS[role], DEMO_PASSWORD);
    assert.equal((await a.get('/overview')).status, 403, role);
  }
  assert.equal((await get(base, '/overview')).status, 303, 'a visitor is sent to sign in');
  const a = await signInFully(base, DEMO_ACCOUNTS.province_leader, DEMO_PASSWORD);
  const plain = figures((await a.get('/overview')).text);
  const hostile = ['?agency=1', '?agency=abc&agency=2', `?x=${encodeURIComponent('ạ'.repeat(300))}`, '?page=-1', '?due=%00'];
  for (const [i, q] of hostile.entries()) {
    const r = await a.get(`/overview${q}`);
    assert.ok(r.status === 200 || r.status === 400, `hostile query #${i}: ${r.status}`);
    if (r.status === 200) assert.deepEqual(figures(r.text), plain, `hostile query #${i}`);
  }
});
