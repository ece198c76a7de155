// The public look-up's guessing limits (issue 12 finding 8; src/modules/dossiers/lookup_limit.h):
// a wrong key's count and record are one atomic step (40 parallel wrong keys → exactly 10
// answers), wrong keys from one address never lock the right key out from another, an IPv6 /64
// counts as one address, a code that drew many failures refuses only the addresses that failed on
// it, and old failures are pruned. Client addresses come through a trusted proxy's X-Forwarded-For.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get } from '../lib/http.mjs';

let t;
let base;
let dossiers; // [{ code, key }] of the demo's received-or-later dossiers, one per test
before(async () => {
  t = await serverFixture('dossiers_lookup', { args: ['--trusted-proxy', '127.0.0.1'] });
  base = t.srv.url;
  const rows = (await t.db.exec(
    "SELECT code, applicant_phone, applicant_id_number FROM dossiers WHERE code IS NOT NULL AND received_at IS NOT NULL ORDER BY id"))
    .trim().split('\n').map((l) => l.split('\t'));
  const last4 = (s) => s.replace(/\D/g, '').slice(-4);
  dossiers = rows.map(([code, phone, id]) => ({ code, key: last4(phone), other: last4(id) }));
  assert.ok(dossiers.length >= 5, 'the demo has enough received dossiers');
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const from = (addr) => ({ headers: { 'X-Forwarded-For': addr } });
const lookup = (d, key, addr) => get(base, `/api/v1/dossiers/lookup?code=${encodeURIComponent(d.code)}&key=${key}`, from(addr));
// Wrong keys for `d`: 4 digits that are neither of its factors.
const wrongKeys = (d, n) => Array.from({ length: n + 2 }, (_, i) => String(9000 + i)).filter((k) => k !== d.key && k !== d.other).slice(0, n);
const one = async (sql) => (await t.db.exec(sql)).trim();

test('40 parallel wrong keys from one address: exactly 10 are answered, the rest are 429 (count and insert are one step)', async () => {
  const d = dossiers[0];
  const keys = wrongKeys(d, 40);
  const statuses = (await Promise.all(keys.map((k) => lookup(d, k, '198.51.100.1')))).map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 404).length, 10, `statuses: ${statuses.join(' ')}`);
  assert.equal(statuses.filter((s) => s === 429).length, 30);
  assert.equal(await one(`SELECT COUNT(*) FROM dossier_lookup_failures WHERE code = '${d.code}'`), '10');
});

test('10 wrong keys from one address lock that address only: the citizen elsewhere still gets the look-up', async () => {
  const d = dossiers[1];
  for (const k of wrongKeys(d, 10)) assert.equal((await lookup(d, k, '203.0.113.7')).status, 404);
  const locked = await lookup(d, d.key, '203.0.113.7');
  assert.equal(locked.status, 429, 'the guessing address is refused even with the right key');
  assert.ok(Number(locked.headers['retry-after']) > 0);
  assert.equal((await lookup(d, d.key, '198.51.100.23')).status, 200, 'another address is not locked out');
  const page = await get(base, `/lookup?code=${d.code}&key=${d.key}`, from('198.51.100.24'));
  assert.equal(page.status, 200);
});

test('an IPv6 client counts as its /64: other addresses of the same /64 are locked, another /64 is not', async () => {
  const d = dossiers[2];
  const keys = wrongKeys(d, 10);
  for (let i = 0; i < 10; i++) assert.equal((await lookup(d, keys[i], `2001:db8:1:2::${(i + 1).toString(16)}`)).status, 404);
  assert.equal((await lookup(d, d.key, '2001:db8:1:2:ffff:ffff:ffff:fffe')).status, 429);
  assert.equal((await lookup(d, d.key, '2001:db8:1:3::1')).status, 200);
  assert.equal(await one(`SELECT COUNT(DISTINCT address) || ' ' || MIN(address) FROM dossier_lookup_failures WHERE code = '${d.code}'`),
    '1 2001:db8:1:2::/64');
});

test('a code that drew 50 failures refuses the addresses that failed on it, never a fresh one', async () => {
  const d = dossiers[3];
  const keys = wrongKeys(d, 12);
  for (let a = 1; a <= 5; a++) {
    for (let i = 0; i < 10; i++) assert.equal((await lookup(d, keys[i], `192.0.2.${a}`)).status, 404);
  }
  assert.equal((await lookup(d, keys[10], '192.0.2.6')).status, 404, 'a new address gets its one try');
  assert.equal((await lookup(d, keys[11], '192.0.2.6')).status, 429, 'then it is refused: the code is under attack');
  assert.equal((await lookup(d, d.key, '192.0.2.6')).status, 429);
  assert.equal((await lookup(d, d.key, '192.0.2.99')).status, 200, 'an address that never failed is served');
});

test('failures older than the window are pruned in the transaction that records one, a bounded batch at a time', async () => {
  const d = dossiers[4];
  const old = '2020-01-01T00:00:00Z';
  const values = Array.from({ length: 300 }, (_, i) => `('${old}', 'OLD-${i}', '192.0.2.200')`).join(', ');
  await t.db.exec(`INSERT INTO dossier_lookup_failures (at, code, address) VALUES ${values}`);
  const stale = () => one(`SELECT COUNT(*) FROM dossier_lookup_failures WHERE at < '2021-01-01'`);
  assert.equal(await stale(), '300');
  assert.equal((await lookup(d, d.key, '192.0.2.150')).status, 200);
  assert.equal(await stale(), '300', 'a right key writes nothing');
  assert.equal((await lookup(d, wrongKeys(d, 1)[0], '192.0.2.150')).status, 404);
  assert.equal(await stale(), '100');
  assert.equal((await lookup(d, wrongKeys(d, 2)[1], '192.0.2.150')).status, 404);
  assert.equal(await stale(), '0');
  assert.equal(await one(`SELECT COUNT(*) FROM dossier_lookup_failures WHERE code = '${d.code}'`), '2', 'recent failures stay');
});
