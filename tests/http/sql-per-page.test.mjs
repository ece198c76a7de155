// Issue 5: "no page issues more than 10 SQL statements whatever its page size" (GET requests;
// sign-in and other POSTs are counted in /metrics too but not held to this bound). The database
// holds the demo province plus 600 generated dossiers (bench/dossiers_gen, every online one owned
// by the demo citizen), so every list has several pages. Every GET route of the access matrix
// (src/modules/*/access*.mjs) is requested by a role allowed to see it, list pages again with their
// largest page size and a later page; then the server's own count per route
// (tinhso_http_request_sql_statements_max in /metrics: the statements prepared on the request's
// worker thread, core/util/work_counter.h) must be at most 10 for every route. A count means
// something only for a page that was really served: every request must first answer 200 with the
// body its type promises (a broken fixture's 403 or 404 costs few statements and would pass).
import { accessTables } from '../lib/access.mjs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDatabase } from '../lib/db.mjs';
import { assertCleanExit, startServer, runCli, BIN } from '../lib/server.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { parsePrometheus } from '../lib/prom.mjs';
import { DEMO_PASSWORD as PASSWORD, DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

const keysDir = mkdtempSync(join(tmpdir(), 'tinhso-keys-'));

const MAX_STATEMENTS = 10;
// The same lists again with their largest page size and a later page.
const PAGED = [
  ['citizen', '/dossiers/mine?page=3'],
  ['citizen', '/api/v1/dossiers/mine?page=3'],
  ['one_stop_officer', '/desk?page=2'],
  ['one_stop_officer', '/desk?state=received&page=2'],
  ['agency_leader', '/work?page_size=100'],
  ['agency_leader', '/work?page_size=100&page=2'],
  ['citizen', '/procedures?page=2'],
  ['citizen', '/api/v1/procedures?per_page=100'],
  ['citizen', '/statistics/dossiers'],
  ['auditor', '/audit?page=2'],
];

// The matrix makes some objects with its POST rows before the GET rows that show them (a
// calendar year 2031 with a day of its own, procedure MATRIX-1): those POSTs run first, here.
const SETUP = ['POST /admin/calendar', 'POST /admin/calendar/2031/days', 'POST /admin/procedures'];

const here = dirname(fileURLToPath(import.meta.url));
let db;
let srv;

before(async () => {
  db = await createDatabase('sql_per_page');
  const m = await runCli(['migrate', '--db', db.url, '--demo', '--identity-keys-file', join(keysDir, 'identity-keys')]);
  assert.equal(m.code, 0, m.stderr);
  const gen = join(dirname(BIN), 'dossiers_gen');
  assert.ok(existsSync(gen), `${gen} is built with tinhso (bench/CMakeLists.txt)`);
  await promisify(execFile)(gen, ['--db', db.url, '--count', '600', '--owner', ROLES.citizen, '--batch', '300']);
  srv = await startServer({ db, mode: 'serve' });
});
after(async () => {
  try {
    assert.ok(srv, 'the server started');
    assertCleanExit(await srv.stop(), srv.logs());
  } finally {
    await db?.drop();
    rmSync(keysDir, { recursive: true, force: true });
  }
});

async function matrixRows() {
  const rows = [];
  for (const { mod } of await accessTables()) {
    const fx = mod.prepare ? await mod.prepare({ db, srv }) : {};
    for (const r of mod.routes) rows.push({ ...r, fx });
  }
  return rows;
}

// The body a 200 of this type must carry; '' when it does, else what is wrong.
function contentProblem(r) {
  const type = String(r.headers['content-type'] || '');
  if (r.body.length === 0) return 'empty body';
  if (type.startsWith('text/html')) {
    return /<main[\s>]/.test(r.text) && r.text.trimEnd().endsWith('</html>') ? '' : 'HTML without <main> or </html>';
  }
  if (/^application\/(problem\+)?json/.test(type)) {
    if (type.startsWith('application/problem+json')) return 'a problem document';
    try {
      r.json();
      return '';
    } catch (e) {
      return `JSON that does not parse: ${e.message}`;
    }
  }
  if (type.startsWith('text/csv')) return r.text.includes('\n') ? '' : 'CSV without a header line';
  if (type.startsWith('application/pdf')) return r.text.startsWith('%PDF-') ? '' : 'PDF without %PDF-';
  if (type.startsWith('image/svg+xml')) return r.text.includes('<svg') ? '' : 'SVG without <svg';
  if (type.startsWith('application/vnd.openxmlformats')) return r.text.startsWith('PK') ? '' : 'XLSX that is not a zip';
  return type ? '' : 'no Content-Type';
}

// '' for a page served as it should be, else why it was not.
function servedProblem(r) {
  if (r.status !== 200) return `${r.status}${r.headers.location ? ` → ${r.headers.location}` : ''}`;
  const p = contentProblem(r);
  return p ? `${p} (${r.headers['content-type']})` : '';
}

function firstAllowed(route) {
  if (route.allow === 'everyone' || route.allow === 'signed-in') return 'citizen';
  const roles = Object.keys(ROLES);
  if (typeof route.allow === 'function') return roles.find((r) => route.allow(r, { role: r, email: ROLES[r] }));
  return roles.find((r) => route.allow.includes(r));
}

test(`no page issues more than ${MAX_STATEMENTS} SQL statements, whatever its page size`, async () => {
  const agents = new Map();
  const agent = async (role) => {
    if (!agents.has(role)) agents.set(role, await signInFully(srv.url, ROLES[role], PASSWORD));
    return agents.get(role);
  };
  const visited = [];
  const unserved = [];
  const measure = async (role, path) => {
    const problem = servedProblem(await (await agent(role)).get(path));
    if (problem) unserved.push(`GET ${path} as ${role}: ${problem}`);
    visited.push(path);
  };
  const rows = await matrixRows();
  for (const step of SETUP) {
    const route = rows.find((r) => `${r.method} ${r.path(r.fx)}` === step);
    assert.ok(route, `${step} is a row of the access matrix`);
    const role = firstAllowed(route);
    const a = await agent(role);
    await a.get('/account');
    const r = await a.post(route.path(route.fx), route.form(route.fx));
    assert.equal(r.status, 303, `${step} as ${role}: ${r.status} ${r.text.slice(0, 300)}`);
  }
  for (const route of rows.filter((r) => r.method === 'GET')) {
    const role = firstAllowed(route);
    if (!role) continue;
    const path = route.path({ role, email: ROLES[role], name: 'Thử', ...route.fx });
    await measure(role, path);
  }
  for (const [role, path] of PAGED) await measure(role, path);
  assert.deepEqual(unserved, [], 'every page measured is served (200, with its content)');
  const metrics = parsePrometheus((await new Agent(srv.url).get('/metrics')).text);
  const family = metrics.get('tinhso_http_request_sql_statements_max');
  assert.ok(family && family.samples.filter((s) => s.labels.method === 'GET').length > 30, 'the server counts statements per route');
  const pages = family.samples.filter((s) => s.labels.method === 'GET');
  const over = pages.filter((s) => s.value > MAX_STATEMENTS).map((s) => `${s.labels.route}: ${s.value}`);
  assert.deepEqual(over, [], `routes above ${MAX_STATEMENTS} statements (visited ${visited.length} pages)`);
});
