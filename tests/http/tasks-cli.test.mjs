// `tinhso tasks summary|export --db URL --as-of YYYY-MM-DD` (issue 16 §9), run as the leaders'
// office schedules them, on the demo database: the export's rows and the summary's counts agree
// cell by cell, every bucket has members as of 30/6/2021, and bad command lines exit 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from '../lib/fixture.mjs';
import { runCli } from '../lib/server.mjs';

const BUCKETS = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'ongoing'];
let t;
before(async () => {
  t = await serverFixture('tasks_cli');
});
after(async () => {
  await t?.close();
});

test('summary and export as of a day agree, lead by lead and bucket by bucket', async () => {
  const asOf = '2021-06-30';
  const ex = await runCli(['tasks', 'export', '--db', t.db.url, '--as-of', asOf]);
  assert.equal(ex.code, 0, ex.stderr);
  const rows = JSON.parse(ex.stdout);
  assert.ok(Array.isArray(rows) && rows.length > 0, 'the demo has tasks assigned by then');
  for (const r of rows) {
    for (const k of ['id', 'document', 'lead', 'assigned_on', 'original_due', 'due', 'completed_on', 'bucket'])
      assert.ok(k in r, `row ${r.id} has ${k}`);
    assert.ok(r.assigned_on <= asOf, `row ${r.id} was assigned by ${asOf}`);
    assert.ok(r.bucket === null || BUCKETS.includes(r.bucket), `row ${r.id}: bucket ${r.bucket}`);
    if (r.completed_on !== null) assert.ok(r.completed_on <= asOf, `row ${r.id} completed by ${asOf}`);
    if (r.bucket === 'ongoing') assert.equal(r.due, null, `row ${r.id}: an ongoing task has no due day`);
  }
  const su = await runCli(['tasks', 'summary', '--db', t.db.url, '--as-of', asOf]);
  assert.equal(su.code, 0, su.stderr);
  const summary = JSON.parse(su.stdout);
  assert.equal(summary.as_of, asOf);
  const expected = new Map();
  for (const r of rows) {
    if (r.bucket === null) continue;
    const c = expected.get(r.lead) ?? Object.fromEntries(BUCKETS.map((b) => [b, 0]));
    c[r.bucket] += 1;
    expected.set(r.lead, c);
  }
  assert.equal(summary.leads.length, expected.size, 'one summary row per lead body with tasks');
  for (const lead of summary.leads) {
    const want = expected.get(lead.lead);
    assert.ok(want, `${lead.lead} has rows in the export`);
    for (const b of BUCKETS) assert.equal(lead[b], want[b], `${lead.lead} ${b}`);
    assert.equal(lead.total, BUCKETS.reduce((n, b) => n + want[b], 0), `${lead.lead} total`);
  }
  for (const b of BUCKETS) {
    const n = rows.filter((r) => r.bucket === b).length;
    assert.ok(n > 0, `the demo has ${b} tasks as of ${asOf}`);
    assert.equal(summary.total[b], n, `total ${b}`);
  }
});

test('bad command lines exit 2 with a message and print no JSON', async () => {
  for (const args of [
    ['tasks', 'summary', '--db', t.db.url],
    ['tasks', 'summary', '--db', t.db.url, '--as-of', '2021-02-30'],
    ['tasks', 'export', '--db', t.db.url, '--as-of', 'yesterday'],
    ['tasks', 'export', '--db', t.db.url, '--as-of', '2021-06-30', '--bogus'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.slice(3).join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0, 'says why');
    assert.equal(r.stdout.trim(), '', 'no JSON on a bad command line');
  }
});
