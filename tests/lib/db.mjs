// A fresh database per test file, on the engine chosen by TINHSO_TEST_DB:
//   sqlite      (default) a new SQLite file in a temporary directory
//   postgresql  a new database on the cluster at TINHSO_TEST_PG_URL (tests/http/run starts one
//               with tests/lib/pg.sh); the database is dropped by drop()
//
//   const db = await createDatabase('pages');
//   db.kind, db.url, await db.exec(sql) -> stdout text (tab-separated rows), await db.drop()
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const DB_KIND = process.env.TINHSO_TEST_DB || 'sqlite';

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n${cmd} ${args.join(' ')}\n${stderr}`;
        reject(err);
      } else {
        resolve(stdout);
      }
    });
  });
}

function pgBaseUrl() {
  const base = process.env.TINHSO_TEST_PG_URL;
  if (!base) {
    throw new Error('TINHSO_TEST_DB=postgresql needs TINHSO_TEST_PG_URL (tests/http/run starts a cluster and sets it)');
  }
  return base;
}

export async function createDatabase(label = 'test') {
  const safe = label.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);
  if (DB_KIND === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `tinhso-db-${safe}-`));
    const file = join(dir, 'tinhso.db');
    return {
      kind: 'sqlite',
      url: `sqlite:${file}`,
      file,
      exec: (sql) => run('sqlite3', ['-batch', '-bail', '-cmd', '.timeout 10000', '-separator', '\t', file, sql]),
      // The whole database as SQL text, as an operator's backup would hold it.
      dump: () => run('sqlite3', ['-batch', '-cmd', '.timeout 10000', file, '.dump']),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (DB_KIND === 'postgresql') {
    const base = pgBaseUrl();
    const name = `t_${safe}_${process.pid}_${randomBytes(3).toString('hex')}`;
    await run('psql', [base, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`]);
    // The URL the server gets. The documented form postgresql://USER@HOST:PORT/NAME is tested on
    // its own in cli.test.mjs; here a libpq parameter is added because the server's database
    // layer (SOCI 4.0.3) mangles a URI without one (it connects to database "NAME=").
    const u = new URL(base);
    u.pathname = `/${name}`;
    u.search = process.env.TINHSO_TEST_PG_PLAIN_URL ? '' : '?connect_timeout=10';
    const url = u.toString();
    return {
      kind: 'postgresql',
      url,
      name,
      plainUrl: url.replace(/\?.*$/, ''),
      exec: (sql) => run('psql', [url, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql]),
      dump: () => run('pg_dump', ['--no-owner', url.replace(/\?.*$/, '')]),
      drop: async () => {
        await run('psql', [base, '-X', '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
      },
    };
  }
  throw new Error(`TINHSO_TEST_DB must be sqlite or postgresql, not ${DB_KIND}`);
}
