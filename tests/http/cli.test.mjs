// The command line: migrate is idempotent, serve reports not-ready on an unmigrated database and
// refuses a database that is newer than the binary.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer, runCli } from '../lib/server.mjs';
import { get, assertHealthy } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dbs = [];
async function freshDb(label) {
  const db = await createDatabase(label);
  dbs.push(db);
  return db;
}
const scratch = mkdtempSync(join(tmpdir(), 'tinhso-cli-'));
after(async () => {
  for (const db of dbs) await db.drop().catch(() => {});
  rmSync(scratch, { recursive: true, force: true });
});

// Runs `tinhso CMD` as a server command that is expected to refuse to start.
const serveArgs = (cmd, db, extra = []) =>
  [cmd, '--db', db.url, '--listen', '127.0.0.1:0', '--access-log', 'off', '--upload-dir', join(scratch, 'uploads'), ...extra];

const applied = (stderr) => {
  const m = /migrations: (\d+) applied/.exec(stderr);
  assert.ok(m, `migrate prints how many it applied:\n${stderr}`);
  return Number(m[1]);
};

test('migrate is idempotent: the second run applies 0', async () => {
  const db = await freshDb('cli_migrate');
  const first = await runCli(['migrate', '--db', db.url]);
  assert.equal(first.code, 0, first.stderr);
  assert.ok(applied(first.stderr) >= 1, 'the first run applies the migrations');
  const second = await runCli(['migrate', '--db', db.url]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(applied(second.stderr), 0);
  const rows = (await db.exec('SELECT module, version FROM schema_migrations ORDER BY module, version')).trim().split('\n');
  assert.equal(rows.length, applied(first.stderr), `one schema_migrations row per migration: ${rows}`);
  assert.ok(rows.includes('site\t1'), `site 1 recorded: ${rows}`);
});

test('serve on an unmigrated database starts, answers /healthz, and /readyz is 503 JSON', async () => {
  const db = await freshDb('cli_unmigrated');
  const srv = await startServer({ db, mode: 'serve' });
  try {
    await assertHealthy(srv.url, 'start on an unmigrated database');
    const r = await get(srv.url, '/readyz');
    assert.equal(r.status, 503);
    assert.match(r.headers['content-type'], /^application\/json/);
    const j = r.json();
    assert.equal(j.status, 'not ready');
    assert.equal(j.database, 'ok');
    assert.equal(j.migrations, 'pending');
    assert.ok(j.pending >= 1);
    assert.match(srv.logs(), /pending/, 'the log says migrations are pending');
  } finally {
    const r = await srv.stop();
    assert.equal(r.code, 0);
  }
  // After `migrate`, a new server is ready.
  const m = await runCli(['migrate', '--db', db.url]);
  assert.equal(m.code, 0, m.stderr);
  const srv2 = await startServer({ db, mode: 'serve' });
  try {
    const r = await get(srv2.url, '/readyz');
    assert.equal(r.status, 200);
    assert.equal(r.json().status, 'ready');
  } finally {
    await srv2.stop();
  }
});

test('serve and migrate refuse a database with a migration newer than the binary', async () => {
  const db = await freshDb('cli_newer');
  const m = await runCli(['migrate', '--db', db.url]);
  assert.equal(m.code, 0, m.stderr);
  await db.exec("INSERT INTO schema_migrations (module, version, name, checksum, applied_at) VALUES ('site', 999, 'from_the_future', 'x', '2099-01-01T00:00:00Z')");

  const serve = await runCli(serveArgs('serve', db), { timeoutMs: 30_000 });
  assert.notEqual(serve.code, 0, `serve must exit non-zero:\n${serve.stderr}`);
  assert.ok(!/listening on/.test(serve.stderr), 'serve never listened');
  assert.match(serve.stderr, /newer than this binary/);

  const again = await runCli(['migrate', '--db', db.url]);
  assert.notEqual(again.code, 0, `migrate must exit non-zero:\n${again.stderr}`);
  assert.match(again.stderr, /newer than this binary/);

  const demo = await runCli(serveArgs('demo', db), { timeoutMs: 30_000 });
  assert.notEqual(demo.code, 0, `demo must exit non-zero:\n${demo.stderr}`);
  assert.ok(!/listening on/.test(demo.stderr), 'demo never listened');
});

test('serve refuses a database whose applied migration was changed (checksum differs)', async () => {
  const db = await freshDb('cli_changed');
  const m = await runCli(['migrate', '--db', db.url]);
  assert.equal(m.code, 0, m.stderr);
  await db.exec("UPDATE schema_migrations SET checksum = 'tampered' WHERE module = 'site' AND version = 1");
  const serve = await runCli(serveArgs('serve', db), { timeoutMs: 30_000 });
  assert.notEqual(serve.code, 0, serve.stderr);
  assert.match(serve.stderr, /changed after it was applied/);
});

test('bad command lines exit non-zero without serving', async () => {
  const db = await freshDb('cli_badargs');
  const cases = [
    [],
    ['frobnicate'],
    ['serve', '--db', 'mysql://x', '--listen', '127.0.0.1:0'],
    ['serve', '--db', db.url, '--listen', 'nonsense', '--upload-dir', join(scratch, 'uploads')],
    ['serve', '--db', db.url, '--listen', '127.0.0.1:99999', '--upload-dir', join(scratch, 'uploads')],
  ];
  for (const args of cases) {
    const r = await runCli(args, { timeoutMs: 30_000 });
    assert.notEqual(r.code, 0, `${args.join(' ')}:\n${r.stderr}`);
    assert.ok(!/listening on/.test(r.stderr));
  }
});

test('the documented database URL forms work: sqlite:PATH, sqlite://PATH, postgresql://USER@HOST:PORT/NAME', async () => {
  const db = await freshDb('cli_url');
  const urls = db.kind === 'sqlite' ? [db.url, db.url.replace(/^sqlite:/, 'sqlite://')] : [db.plainUrl];
  for (const url of urls) {
    const r = await runCli(['migrate', '--db', url]);
    assert.equal(r.code, 0, `tinhso migrate --db ${url}\n${r.stderr}`);
  }
});

test('keys generate prints a new 32-byte key in base64, different every time', async () => {
  const a = await runCli(['keys', 'generate']);
  const b = await runCli(['keys', 'generate']);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /^[A-Za-z0-9+/]{43}=\n$/);
  assert.equal(Buffer.from(a.stdout.trim(), 'base64').length, 32);
  assert.notEqual(a.stdout, b.stdout);
  const bare = await runCli(['keys']);
  assert.notEqual(bare.code, 0, 'a subcommand is required');
});

test('accounts create-admin: the first administrator of a new database, with a password from standard input', async () => {
  const db = await freshDb('cli_admin');
  assert.equal((await runCli(['migrate', '--db', db.url])).code, 0);
  const email = 'quan.tri@tinh.example.vn';
  const create = (input, extra = []) =>
    runCli(['accounts', 'create-admin', '--db', db.url, '--email', email, '--name', 'Quản trị hệ thống', ...extra], { input });
  const weak = await create('ngan\n');
  assert.equal(weak.code, 2, weak.stderr);
  assert.match(weak.stderr, /shorter than 12 characters/);
  const common = await create('password1234\n');
  assert.equal(common.code, 2, common.stderr);
  assert.match(common.stderr, /common/);
  const noEmail = await runCli(['accounts', 'create-admin', '--db', db.url, '--email', 'not-an-address', '--name', 'X'],
    { input: 'Mật-khẩu-quản-trị-2026\n' });
  assert.equal(noEmail.code, 2);
  const password = 'Mật-khẩu-quản-trị-2026';
  const ok = await create(`${password}\n`);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /administrator account \d+ created/);
  assert.doesNotMatch(ok.stdout + ok.stderr, new RegExp(password), 'the password is never printed');
  const again = await create(`${password}\n`);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists already/);
  assert.equal((await db.exec(`SELECT COUNT(*) FROM accounts WHERE email = '${email}'`)).trim(), '1');
  assert.equal((await db.exec("SELECT COUNT(*) FROM audit_log WHERE action = 'account.create_staff' AND actor_name = 'cli:accounts'")).trim(), '1');
  // The administrator signs in with that password (and sets up the second factor) and manages staff.
  const srv = await startServer({ db, mode: 'serve' });
  try {
    const admin = await signInFully(srv.url, email, password);
    const staff = await admin.get('/admin/accounts');
    assert.equal(staff.status, 200);
    assert.match(staff.text, /Quản trị hệ thống/);
  } finally {
    await srv.stop();
  }
});
