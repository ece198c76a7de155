// `tinhso election tally FILE` (issue 19 item 7), run as the election committee's staff check a
// constituency: JSON in (a file or standard input), the lawful result out — Law 85/2015/QH13 as
// amended by Law 83/2025/QH15, Art. 78–80 — and any input the statute's arithmetic rules out
// refused with exit 2 and a message naming the field (the tally needs no database); and `tinhso
// election import`, the committee's plan stored as an election in preparation.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tinhso-tally-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A provincial council constituency of 3 seats: 1,000 valid ballots, so a winner needs 501.
const council = () => ({
  body: 'provincial_council', round: 'first', seats: 3, registered: 2000, voted: 1200, valid: 1000,
  candidates: [
    { id: 'a', name: 'Nguyễn Văn A', birth_date: '1970-05-01', votes: 800 },
    { id: 'b', name: 'Trần Thị B', birth_date: '1980-01-01', votes: 600 },
    { id: 'c', name: 'Lê Văn C', birth_date: '1975-03-03', votes: 600 },
    { id: 'd', name: 'Phạm Thị D', birth_date: '1990-09-09', votes: 500 },
    { id: 'e', name: 'Hoàng Văn E', birth_date: '1985-12-12', votes: 300 },
  ],
});

async function tally(input, { stdin = false } = {}) {
  if (stdin) return runCli(['election', 'tally', '-'], { input: JSON.stringify(input) });
  const file = join(dir, `in-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
  return runCli(['election', 'tally', file]);
}

test('Art. 78: more than half of the valid ballots elects, the most votes first; exactly half does not', async () => {
  const r = await tally(council());
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.recognised, true);
  // d has 500 of 1,000: exactly half, not more than half (Art. 78(2)).
  assert.deepEqual(out.elected, ['a', 'c', 'b'], 'a tie between b and c at 600 goes to the older, c (1975)');
  assert.equal(out.next, 'none');
  const viaStdin = await tally(council(), { stdin: true });
  assert.equal(viaStdin.code, 0, viaStdin.stderr);
  assert.deepEqual(JSON.parse(viaStdin.stdout).elected, out.elected, 'standard input gives the same result');
});

test('Art. 79 and 80: a short National Assembly constituency, a short council one, low turnout', async () => {
  const na = {
    body: 'national_assembly', round: 'first', seats: 2, registered: 1000, voted: 600, valid: 580,
    candidates: [
      { id: 'x', name: 'X', birth_date: '1970-01-01', votes: 400 },
      { id: 'y', name: 'Y', birth_date: '1971-01-01', votes: 290 },
      { id: 'z', name: 'Z', birth_date: '1972-01-01', votes: 250 },
      { id: 'w', name: 'W', birth_date: '1973-01-01', votes: 200 },
    ],
  };
  let out = JSON.parse((await tally(na)).stdout);
  assert.deepEqual(out.elected, ['x'], '290 of 580 is exactly half');
  assert.equal(out.next, 'supplementary', 'Art. 79: any unfilled National Assembly seat');
  // The supplementary election: the first round's other candidates for the seat left; nobody
  // passes the half again, and still no further election (Art. 79).
  const supplementary = {
    ...na, round: 'supplementary', seats: 1,
    candidates: [
      { id: 'y', name: 'Y', birth_date: '1971-01-01', votes: 280 },
      { id: 'z', name: 'Z', birth_date: '1972-01-01', votes: 200 },
      { id: 'w', name: 'W', birth_date: '1973-01-01', votes: 100 },
    ],
  };
  const sr = await tally(supplementary);
  assert.equal(sr.code, 0, sr.stderr);
  out = JSON.parse(sr.stdout);
  assert.deepEqual(out.elected, []);
  assert.equal(out.next, 'none', 'never a second supplementary election');

  const short = council();
  short.candidates = short.candidates.map((c) => ({ ...c, votes: c.id === 'a' ? 800 : 400 }));
  out = JSON.parse((await tally(short)).stdout);
  assert.deepEqual(out.elected, ['a']);
  assert.equal(out.next, 'supplementary', 'Art. 79: 1 of 3 council seats is fewer than two thirds');
  const twoOfThree = council();
  twoOfThree.candidates = twoOfThree.candidates.map((c) => ({ ...c, votes: c.id === 'c' ? 400 : c.votes }));
  out = JSON.parse((await tally(twoOfThree)).stdout);
  assert.deepEqual(out.elected, ['a', 'b']);
  assert.equal(out.next, 'none', 'Art. 79: 2 of 3 council seats is two thirds, no supplementary election');

  const low = { ...council(), voted: 1000 };  // exactly half of 2,000
  out = JSON.parse((await tally(low)).stdout);
  assert.equal(out.recognised, false, 'Art. 78: not more than half voted');
  assert.deepEqual(out.elected, []);
  assert.equal(out.next, 're_election', 'Art. 80');
  out = JSON.parse((await tally({ ...low, round: 're_election' })).stdout);
  assert.equal(out.recognised, true, 'a re-election stands whatever the turnout');
  assert.equal(out.next, 'none');
});

test('input the statute rules out exits 2 and names the field; nothing on stdout', async () => {
  const bad = (f) => { const c = council(); f(c); return c; };
  const cases = [
    [bad((c) => { c.seats = 6; }), /seats/],
    [bad((c) => { c.body = 'national_assembly'; c.seats = 4; }), /seats/],
    [bad((c) => { c.seats = 0; }), /seats/],
    [bad((c) => { c.candidates[1].votes = 1001; }), /candidates\[1\]\.votes/],
    [bad((c) => { c.valid = 1300; }), /valid/],
    [bad((c) => { c.voted = 2001; }), /voted/],
    [bad((c) => { for (const k of c.candidates) k.votes = 700; }), /votes|total/],
    [bad((c) => { c.candidates[2].id = 'a'; }), /candidates\[2\]\.id/],
    [bad((c) => { c.candidates[0].birth_date = '1970-02-30'; }), /candidates\[0\]\.birth_date/],
    [bad((c) => { c.candidates[0].birth_date = '01/05/1970'; }), /candidates\[0\]\.birth_date/],
    [bad((c) => { c.body = 'senate'; }), /body/],
    [bad((c) => { c.round = 'second'; }), /round/],
    [bad((c) => { c.registered = -1; }), /registered/],
    [bad((c) => { c.valid = 10.5; }), /valid/],
    [bad((c) => { delete c.candidates; }), /candidates/],
    ['{"body": "national_assembly",', /JSON|json|parse/i],
    ['[1, 2, 3]', /object/i],
    ['', /JSON|json|empty|parse/i],
  ];
  for (const [input, field] of cases) {
    const r = await tally(input);
    assert.equal(r.code, 2, `${JSON.stringify(input).slice(0, 120)}: ${r.stdout}`);
    assert.equal(r.stdout, '', 'no result printed');
    assert.match(r.stderr, field, `${JSON.stringify(input).slice(0, 120)}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /terminate|what\(\)|exception/i, 'a message, not an exception text');
  }
  for (const args of [['election', 'tally'], ['election', 'tally', join(dir, 'missing.json')], ['election', 'tally', dir]]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0, 'says why');
  }
  const huge = await tally(JSON.stringify({ ...council(), note: 'x'.repeat(2 * 1024 * 1024) }));
  assert.equal(huge.code, 2, 'a file over the limit is refused');
});

// `tinhso election import FILE --db URL` (issue 19 items 1–2): the committee's plan becomes an
// election in preparation; a list shorter than the law asks is refused naming its field unless
// its decision is recorded; an unknown account stores nothing.
test('import: the committee\'s plan, the list-size rule, unknown accounts', async () => {
  const { serverFixture, assertCleanExit } = await import('../lib/fixture.mjs');
  const t = await serverFixture('elections_import');
  try {
    const candidates = (n) => Array.from({ length: n }, (_, i) => ({ name: `Ứng viên ${i + 1}`,
      birth_date: `198${i}-0${i + 1}-1${i}`, gender: i % 2 ? 'male' : 'female' }));
    const plan = (list, extra = {}) => ({
      name: 'Bầu cử bổ sung đại biểu Hội đồng nhân dân xã Sơn Đông', election_date: '2027-03-07',
      committee: ['province@demo.tinhso.vn'],
      constituencies: [{ key: 'X1', body: 'commune_council', number: 1, name: 'Đơn vị bầu cử số 1', area: 'Thôn Đông',
        seats: 3, candidates: candidates(list), ...extra }],
      areas: [1, 2].map((n) => ({ number: n, name: `Khu vực ${n}`, unit: 'Xã Sơn Đông', registered: 700 + n,
        constituencies: ['X1'], team: ['officer@demo.tinhso.vn'] })),
    });
    const before = await t.db.exec('SELECT COUNT(*) FROM elections');
    let r = await runCli(['election', 'import', '-', '--db', t.db.url], { input: JSON.stringify(plan(4)) });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /constituencies\[0\]\.candidates: 4 candidates for 3 seats; the law asks for at least 5/);
    r = await runCli(['election', 'import', '-', '--db', t.db.url],
      { input: JSON.stringify({ ...plan(5), committee: ['nobody@example.vn'] }) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /committee\[0\]: no active account 'nobody@example.vn'/);
    assert.equal(await t.db.exec('SELECT COUNT(*) FROM elections'), before, 'nothing stored');
    r = await runCli(['election', 'import', '-', '--db', t.db.url],
      { input: JSON.stringify(plan(4, { short_list_decision: 'Quyết định số 05/QĐ-UBBC: một người ứng cử rút tên' })) });
    assert.equal(r.code, 0, r.stderr);
    const id = r.stdout.trim();
    assert.match(id, /^\d+$/);
    assert.equal((await t.db.exec(`SELECT state FROM elections WHERE id = ${id}`)).trim(), 'preparing');
    assert.equal((await t.db.exec(`SELECT COUNT(*) FROM election_polling_areas WHERE election_id = ${id}`)).trim(), '2');
    assert.equal((await t.db.exec(`SELECT COUNT(*) FROM audit_log WHERE action = 'election.import' AND object_id = '${id}'`)).trim(), '1');
    assert.equal((await runCli(['election', 'import', '--db', t.db.url])).code, 2, 'no file');
  } finally {
    assertCleanExit(await t.close(), t.srv.logs());
  }
});
