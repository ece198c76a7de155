// The audit log (issue 3 §8–9), black box: `tinhso audit verify` on a fresh demo database and
// after an SQL edit, the append-only triggers, and the auditors' pages (list, filter, CSV export,
// security events) with everyone else denied.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
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
