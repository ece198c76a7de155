// The audit log (issue 3 §8–9), black box: `tinhso audit verify` on a fresh demo database and
// after an SQL edit, the append-only triggers, and the auditors' pages (list, filter, CSV export,
// security events) with everyone else denied. Issue 12 §9: a rewrite whose unkeyed hash chain was
// recomputed in the database is caught by the keyed MAC, a truncated chain by the anchor file,
// TRUNCATE is refused on PostgreSQL; §8: old security events are pruned once across two nodes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '../lib/db.mjs';
import { startServer, runCli } from '../lib/server.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { get, htmlText } from '../lib/http.mjs';

const DEMO_PASSWORD = 'Demo-Phu-Tho-2025';
const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});
async function freshDb(label) {
  const db = await createDatabase(label);
  cleanups.push(() => db.drop());
  return db;
}
async function migrated(label) {
  const db = await freshDb(label);
  const m = await runCli(['migrate', '--db', db.url]);
  assert.equal(m.code, 0, m.stderr);
  return db;
}
const ZEROS = '0'.repeat(64);
// A row written straight into the table, bypassing the application (and so the chain).
const forgedInsert = (seq, prev = ZEROS) => `INSERT INTO audit_log (seq, at, actor_id, actor_name, role, address, action,
  object_type, object_id, before_summary, after_summary, request_id, prev_hash, hash)
  VALUES (${seq}, '2026-11-26T08:00:00Z', NULL, 'mallory', 'system', 'local', 'agency.update', 'agency', '1', '', 'forged', '',
  '${prev}', '${'ab'.repeat(32)}')`;
const dropTriggers = (db) => db.exec(db.kind === 'sqlite'
  ? 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;'
  : 'DROP TRIGGER audit_log_no_change ON audit_log');
const count = async (db) => Number((await db.exec('SELECT COUNT(*) FROM audit_log')).trim());

test('audit verify prints OK and exits 0 on a fresh demo database', async () => {
  const db = await freshDb('audit_verify_ok');
  const srv = await startServer({ db, mode: 'demo' });
  await srv.stop();
  const r = await runCli(['audit', 'verify', '--db', db.url]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK: \d+ audit records, chain intact/);
});

test('audit verify exits non-zero and names the first broken record after an SQL edit', async () => {
  const db = await freshDb('audit_verify_broken');
  const srv = await startServer({ db, mode: 'demo' });
  await srv.stop();
  if ((await count(db)) > 0) {
    await dropTriggers(db);
    await db.exec("UPDATE audit_log SET after_summary = 'forged' WHERE seq = 1");
  } else {
    await db.exec(forgedInsert(1)); // the demo writes no record yet: forge the first one
  }
  const r = await runCli(['audit', 'verify', '--db', db.url]);
  assert.notEqual(r.code, 0);
  assert.match(r.stdout, /^BROKEN at record 1: record 1 was changed/);
});

test('audit verify reports a record removed from the end', async () => {
  const db = await migrated('audit_verify_tail');
  await db.exec(forgedInsert(1));
  await db.exec("UPDATE audit_head SET seq = 1, hash = 'abababababababababababababababababababababababababababababababab' WHERE id = 1");
  await dropTriggers(db);
  await db.exec('DELETE FROM audit_log WHERE seq = 1');
  const r = await runCli(['audit', 'verify', '--db', db.url]);
  assert.notEqual(r.code, 0);
  assert.match(r.stdout, /BROKEN at record 1: .*removed from the end/);
});

test('the database refuses UPDATE and DELETE on audit_log', async () => {
  const db = await migrated('audit_append_only');
  await db.exec(forgedInsert(1));
  await assert.rejects(db.exec("UPDATE audit_log SET after_summary = 'x' WHERE seq = 1"), /append-only/);
  await assert.rejects(db.exec('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
  assert.equal(await count(db), 1);
});

// ---- issue 12 §9: keyed MAC, anchors, TRUNCATE ------------------------------------------------

// A node's own audit key and anchor file, in a directory of the test.
function auditFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'tinhso-audit-test-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const key = join(dir, 'audit-key');
  const anchors = join(dir, 'audit-anchors');
  return { dir, key, anchors, args: ['--audit-key-file', key, '--audit-anchor-file', anchors] };
}
const verifyWith = (db, files, anchors = files.anchors) =>
  runCli(['audit', 'verify', '--db', db.url, '--audit-key-file', files.key, '--audit-anchor-file', anchors]);

function blake2bChain(prev, canons) {
  const py = 'import sys, json, hashlib\n' +
    'd = json.load(sys.stdin); p = d["prev"]; out = []\n' +
    'for c in d["canons"]:\n' +
    '    p = hashlib.blake2b((p + "\\n" + c).encode(), digest_size=32).hexdigest(); out.append(p)\n' +
    'print(json.dumps(out))\n';
  return new Promise((resolve, reject) => {
    const child = execFile('python3', ['-c', py], (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout))));
    child.stdin.end(JSON.stringify({ prev, canons }));
  });
}

// What a forger with write access to the database does (no key): changes record `seq`, recomputes
// the unkeyed hash chain from there on (BLAKE2b-256 over prev "\n" canonical JSON) and the head,
// so every hash link holds again.
async function rewriteAndRehash(db, seq, after) {
  await dropTriggers(db);
  await db.exec(`UPDATE audit_log SET after_summary = '${after}' WHERE seq = ${seq}`);
  const cols = 'seq, at, actor_id, actor_name, role, address, action, object_type, object_id, before_summary, after_summary, request_id';
  const arr = db.kind === 'sqlite' ? `json_array(${cols})` : `json_build_array(${cols})::text`;
  const rows = (await db.exec(`SELECT ${arr} FROM audit_log WHERE seq >= ${seq} ORDER BY seq`)).trim().split('\n');
  const canons = rows.map((r) => JSON.stringify(JSON.parse(r)));
  const prev = seq === 1 ? ZEROS : (await db.exec(`SELECT hash FROM audit_log WHERE seq = ${seq - 1}`)).trim();
  const hashes = await blake2bChain(prev, canons);
  const sql = hashes.map((h, i) => `UPDATE audit_log SET prev_hash = '${i ? hashes[i - 1] : prev}', hash = '${h}' WHERE seq = ${seq + i};`);
  sql.push(`UPDATE audit_head SET hash = '${hashes[hashes.length - 1]}' WHERE id = 1;`);
  await db.exec(sql.join('\n'));
}

test('a record rewritten with its unkeyed hash chain recomputed in the database fails `audit verify` (exit 3): the MAC', async () => {
  const db = await freshDb('audit_mac_rewrite');
  const files = auditFiles();
  const srv = await startServer({ db, mode: 'demo', args: files.args });
  await srv.stop();
  assert.equal(statSync(files.key).mode & 0o777, 0o600, 'the key file is made 0600');
  let r = await verifyWith(db, files);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const n = await count(db);
  assert.ok(n >= 5, `the demo writes audit records (${n})`);
  const target = n - 3;
  await rewriteAndRehash(db, target, 'forged');
  r = await verifyWith(db, files, join(files.dir, 'no-anchors'));
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^BROKEN at record ${target}: .*wrong MAC`));
});

test('a chain truncated behind an anchored head fails `audit verify` (exit 3) though the database is consistent', async () => {
  const db = await freshDb('audit_anchor_truncate');
  const files = auditFiles();
  const srv = await startServer({ db, mode: 'demo', args: files.args });
  await srv.stop();
  const n = await count(db);
  assert.match(readFileSync(files.anchors, 'utf8'), new RegExp(`^tinhso-audit-anchor v1 \\S+ [0-9a-f]{32} ${n} [0-9a-f]{64} [0-9a-f]{64}$`, 'm'),
    'the head is anchored when the node stops');
  await dropTriggers(db);
  await db.exec(`DELETE FROM audit_log WHERE seq > ${n - 3}`);
  await db.exec(`UPDATE audit_head SET seq = ${n - 3}, hash = (SELECT hash FROM audit_log WHERE seq = ${n - 3}) WHERE id = 1`);
  let r = await verifyWith(db, files, join(files.dir, 'no-anchors'));
  assert.equal(r.code, 0, 'the database alone cannot tell: ' + r.stdout);
  r = await verifyWith(db, files);
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`BROKEN at record ${n - 2}: .*record ${n} was anchored at .*truncated`));
});

test('keyed records without the key file: `audit verify` exits 2 and concludes nothing', async () => {
  const db = await freshDb('audit_no_key');
  const files = auditFiles();
  const srv = await startServer({ db, mode: 'demo', args: files.args });
  await srv.stop();
  const r = await runCli(['audit', 'verify', '--db', db.url, '--audit-key-file', join(files.dir, 'missing')]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /no audit key was given/);
  assert.ok(!existsSync(join(files.dir, 'missing')), 'verify never makes a key');
});

// Issue 15 §1, docs/OPERATIONS.md §12: rotating the audit key the way an operator does, with a
// state-changing command standing for each node's writes.
test('audit key rotation: old records keep verifying under key 1, new ones are MACed with key 2, a lagging node follows', async () => {
  const db = await freshDb('audit_rotate');
  const files = auditFiles();
  const srv = await startServer({ db, mode: 'demo', args: files.args });
  await srv.stop();
  const write = () => runCli(['tasks', 'rebuild-board', '--db', db.url, ...files.args]);
  const original = readFileSync(files.key, 'utf8');
  const gen = await runCli(['keys', 'generate']);
  assert.equal(gen.code, 0, gen.stderr);
  const key2 = gen.stdout.trim();
  const n = await count(db);
  // step 1: every node gets key 2 and keeps MACing with key 1
  writeFileSync(files.key, `${original}2:${key2}\ncurrent=1\n`);
  let w = await write();
  assert.equal(w.code, 0, w.stderr);
  // step 2: key 2 becomes current
  writeFileSync(files.key, `${original}2:${key2}\n`);
  w = await write();
  assert.equal(w.code, 0, w.stderr);
  // a node restarted late, still saying current=1, follows the chain's head
  writeFileSync(files.key, `${original}2:${key2}\ncurrent=1\n`);
  w = await write();
  assert.equal(w.code, 0, w.stderr);
  const keys = (await db.exec(`SELECT COALESCE(mac_key, 1) FROM audit_log WHERE seq > ${n} ORDER BY seq`)).trim().split('\n');
  assert.deepEqual(keys, ['1', '2', '2']);
  let r = await verifyWith(db, files);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^OK: ${n + 3} audit records, chain intact; ${n + 3} with a valid MAC \\(${n + 1} under key 1, 2 under key 2\\)`));
  // a node that never got key 2 writes nothing, and the old file alone cannot vouch for key 2's records
  const old = join(files.dir, 'old-key');
  writeFileSync(old, original);
  w = await runCli(['tasks', 'rebuild-board', '--db', db.url, '--audit-key-file', old, '--audit-anchor-file', files.anchors]);
  assert.notEqual(w.code, 0, 'refused: ' + w.stdout);
  assert.equal(await count(db), n + 3);
  r = await runCli(['audit', 'verify', '--db', db.url, '--audit-key-file', old, '--audit-anchor-file', files.anchors]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^BROKEN at record ${n + 2}: .*audit key 2, which the audit key file lacks`));
});

test('the database refuses TRUNCATE (PostgreSQL) and removing the head (both)', async (t) => {
  const db = await migrated('audit_truncate');
  await db.exec(forgedInsert(1));
  await assert.rejects(db.exec('DELETE FROM audit_head'), /append-only/);
  if (db.kind !== 'postgresql') {
    t.diagnostic('SQLite has no TRUNCATE (DELETE without WHERE fires the row trigger)');
    await assert.rejects(db.exec('DELETE FROM audit_log'), /append-only/);
    return;
  }
  await assert.rejects(db.exec('TRUNCATE audit_log'), /append-only/);
  await assert.rejects(db.exec('TRUNCATE audit_head'), /append-only/);
  await assert.rejects(db.exec('TRUNCATE audit_log, audit_head CASCADE'), /append-only/);
  assert.equal(await count(db), 1);
});

// ---- issue 12 §8: security events are pruned, once across nodes ------------------------------

test('security events older than the retention are pruned by exactly one of two nodes; audit records kept', async () => {
  const db = await migrated('audit_prune');
  const ev = (at, subject) => `INSERT INTO security_events (at, kind, address, subject, detail, request_id)
    VALUES ('${at}', 'login_failure', '198.51.100.7', '${subject}', '', '')`;
  await db.exec(ev('2024-01-01T00:00:00Z', 'old1'));
  await db.exec(ev('2024-06-01T00:00:00Z', 'old2'));
  await db.exec(ev(new Date(Date.now() - 86400_000).toISOString().replace(/\.\d+Z$/, 'Z'), 'recent'));
  const [a, b] = await Promise.all([0, 1].map(() => startServer({ db, mode: 'serve', args: auditFiles().args })));
  let left = '';
  for (let i = 0; i < 100; i++) {
    left = (await db.exec('SELECT subject FROM security_events ORDER BY id')).trim();
    if (left === 'recent') break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await a.stop();
  await b.stop();
  assert.equal(left, 'recent');
  const pruned = (await db.exec("SELECT after_summary FROM audit_log WHERE action = 'security_events.prune'")).trim().split('\n');
  assert.equal(pruned.length, 1, `one pass across both nodes: ${pruned}`);
  assert.match(pruned[0], /^deleted=2 older_than=/);
});

// ---- pages -------------------------------------------------------------------------------------

// Signs in and, when the role needs it, enrols TOTP (the demo accounts have none yet). One
// session per account for the whole file: a second TOTP sign-in within the same 30 s step would
// be refused as a replay.
const agents = new Map();
async function signIn(base, email) {
  if (!agents.has(email)) agents.set(email, signInOnce(base, email));
  return agents.get(email);
}
function signInOnce(base, email) {
  return signInFully(base, email, DEMO_PASSWORD);
}

let pages; // one demo server for the page tests
async function pageServer(t) {
  if (!pages) {
    const db = await freshDb('audit_pages');
    const srv = await startServer({ db, mode: 'demo' });
    cleanups.push(() => srv.stop());
    pages = { db, srv, hasLogin: (await get(srv.url, '/login')).status !== 404 };
  }
  if (!pages.hasLogin) t.skip('no /login yet (identity module)');
  return pages.hasLogin ? pages : null;
}

test('anonymous requests to the audit pages must sign in', async (t) => {
  const p = await pageServer(t);
  if (!p) return;
  for (const path of ['/audit', '/audit/export.csv', '/security']) {
    const r = await get(p.srv.url, path);
    assert.ok([303, 401].includes(r.status), `${path}: ${r.status}`);
  }
});

test('a citizen and an administrator get 403 on the audit pages, and the denial is a security event', async (t) => {
  const p = await pageServer(t);
  if (!p) return;
  for (const email of ['citizen@demo.tinhso.vn', 'admin@demo.tinhso.vn']) {
    const a = await signIn(p.srv.url, email);
    for (const path of ['/audit', '/audit/export.csv?action=x', '/security']) {
      const r = await a.get(path);
      assert.equal(r.status, 403, `${email} ${path}`);
      assert.ok(!r.text.includes('audit-log'), 'no audit data in the refusal');
    }
  }
  const events = await p.db.exec("SELECT kind, subject FROM security_events WHERE kind = 'permission_denied'");
  assert.match(events, /GET \/audit\/export\.csv/);
  assert.match(events, /GET \/security/);
});

test('an auditor lists, filters and pages the audit log', async (t) => {
  const p = await pageServer(t);
  if (!p) return;
  const a = await signIn(p.srv.url, 'auditor@demo.tinhso.vn');
  let r = await a.get('/audit');
  assert.equal(r.status, 200);
  assert.match(r.text, /<caption>/);
  assert.match(r.text, /<th scope="col">/);
  assert.match(r.text, /account\.totp_enrol/, 'the enrolment just made is listed');
  r = await a.get('/audit?action=account.totp_enrol');
  assert.equal(r.status, 200);
  const rows = [...r.text.matchAll(/<th scope="row">(\d+)<\/th>/g)].map((m) => Number(m[1]));
  assert.ok(rows.length >= 1);
  assert.deepEqual([...rows].sort((x, y) => y - x), rows, 'newest first');
  assert.ok(!/account\.register<\/td>/.test(r.text), 'other actions filtered out');
  r = await a.get(`/audit?action=account.totp_enrol&before=${rows[rows.length - 1]}`);
  assert.ok(!r.text.includes(`<th scope="row">${rows[rows.length - 1]}</th>`), 'before= pages past that record');
  r = await a.get('/audit?action=no.such.action');
  assert.equal(r.status, 200);
  assert.ok(!/<th scope="row">\d+<\/th>/.test(r.text), 'nothing matches');
  r = await a.get('/audit?from=2000-01-01&to=2000-01-02');
  assert.ok(!/<th scope="row">\d+<\/th>/.test(r.text), 'nothing in 2000');
  r = await a.get('/audit?from=26/11/2026');
  assert.equal(r.status, 422, 'a malformed date is refused');
});

test('an auditor exports the filtered log as CSV with a BOM and a header row', async (t) => {
  const p = await pageServer(t);
  if (!p) return;
  const a = await signIn(p.srv.url, 'auditor@demo.tinhso.vn');
  const r = await a.get('/audit/export.csv?action=account.totp_enrol');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(r.headers['content-disposition'], /attachment; filename="audit-log\.csv"/);
  assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = r.body.subarray(3).toString('utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'seq,at_utc,actor_id,actor_name,role,address,action,object_type,object_id,before,after,request_id,hash');
  assert.ok(lines.length >= 2);
  for (const line of lines.slice(1)) assert.match(line, /,"account\.totp_enrol","account",/);
  assert.match(lines.slice(1).join('\n'), /Bùi Văn Nam/, 'Vietnamese names intact');
});

test('an auditor sees security events with counts per kind and per address', async (t) => {
  const p = await pageServer(t);
  if (!p) return;
  const wrong = new Agent(p.srv.url);
  await wrong.login('citizen@demo.tinhso.vn', 'not the password at all');
  const a = await signIn(p.srv.url, 'auditor@demo.tinhso.vn');
  let r = await a.get('/security');
  assert.equal(r.status, 200);
  const text = htmlText(r.text);
  assert.match(text, /login_failure/);
  assert.match(r.text, /<caption>/);
  assert.match(r.text, /127\.0\.0\.1/);
  r = await a.get('/security?kind=login_failure');
  assert.equal(r.status, 200);
  const kinds = [...r.text.matchAll(/<td>(login_failure|permission_denied|cooldown|csrf_failure|totp_failure|login_success)<\/td>/g)].map((m) => m[1]);
  assert.ok(kinds.length >= 1 && kinds.every((k) => k === 'login_failure'), `filtered by kind: ${kinds}`);
});
