// Issue 16 §5 over HTTP (src/modules/tasks/reminders.h): a server whose clock stands at Tuesday
// 15/12/2026 09:00 in Viet Nam (--fake-now, TINHSO_TEST_CLOCK=1) runs the reminder pass at start;
// the demo's quarterly report of SO-KHCN (due Friday 18/12/2026) is reminded to the body's focal
// officers — its specialist and its leader — by e-mail (Vietnamese, the task, due day and link)
// and in their list /tasks/reminders: their own reminders only, newest first, 20 a page; a bad
// page parameter is a 400 in Vietnamese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { totp } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW, DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

const NOW = '2026-12-15T02:00:00Z';
let t;
let task;  // the demo's recurring task of SO-KHCN
const as = {};

async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Password, then TOTP enrolment with a code for the server's fixed clock.
async function signIn(email) {
  const a = new Agent(t.srv.url);
  const r = await a.login(email, PW);
  assert.equal(r.status, 303, `${email} signs in`);
  if (r.headers.location === '/account/2fa') {
    const setup = await a.get('/account/2fa/setup');
    const secret = /id="totp-secret">([A-Z2-7=]+)</.exec(setup.text)?.[1];
    assert.ok(secret, 'the enrolment page shows the secret');
    const done = await a.post('/account/2fa/setup', { code: totp(secret, Date.parse(NOW)) });
    assert.equal(done.status, 200, 'TOTP enrolment accepted');
  }
  await a.get('/');
  return a;
}
const unescape = (s) => s.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=');
const rows = (html) => [...unescape(html).matchAll(/<th scope="row"><a href="([^"]+)">/g)].map((m) => m[1]);

before(async () => {
  t = await serverFixture('tasks_reminders', { args: ['--fake-now', NOW], env: { TINHSO_TEST_CLOCK: '1', TINHSO_TASKS_REMINDERS: 'on' } });
  task = await one("SELECT t.id FROM tasks t JOIN agencies g ON g.id = t.lead_agency_id WHERE g.code = 'SO-KHCN'"
    + " AND t.deadline_kind = 'recurring' AND t.state = 'acknowledged'");
  assert.match(task ?? '', /^\d+$/, 'the demo has the recurring SO-KHCN task');
  // The pass runs on its own thread at start.
  for (let i = 0; i < 200; i++) {
    if (await one(`SELECT COUNT(*) FROM task_reminder_notices WHERE task_id = ${task}`) === '2') break;
    await sleep(100);
  }
  as.specialist = await signIn(ROLES.specialist);
  as.leader = await signIn(ROLES.agency_leader);
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

test('the focal officers get one e-mail each, in Vietnamese, with the task, its due day and link', async () => {
  assert.equal(await one(`SELECT threshold FROM task_reminders_sent WHERE task_id = ${task}`), 'before:2026-12-18');
  const mails = (await t.db.exec(`SELECT to_addr, subject FROM mail_outbox WHERE subject LIKE 'Nhắc việc:%'`
    + ` AND body LIKE '%/tasks/${task}%' ORDER BY to_addr`)).trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(mails, [ROLES.agency_leader, ROLES.specialist].sort()
    .map((to) => [to, 'Nhắc việc: nhiệm vụ sắp đến hạn ngày 18/12/2026']));
  const bodies = await one("SELECT COUNT(*) FROM mail_outbox WHERE body LIKE '%sắp đến hạn hoàn thành ngày 18/12/2026%'"
    + ` AND body LIKE '%158/CTr-UBND%' AND body LIKE '%/tasks/${task}%'`);
  assert.equal(bodies, '2', 'the body names the due day, the document and links the task');
});

test('the list shows the officer\'s own reminders, newest first, 20 a page', async () => {
  const first = await as.specialist.get('/tasks/reminders');
  assert.equal(first.status, 200);
  assert.deepEqual(rows(first.text), [`/tasks/${task}`]);
  assert.match(first.text, /Sắp đến hạn/);
  assert.match(unescape(first.text), /<time datetime="2026-12-18">18\/12\/2026<\/time>/);
  // 25 older overdue reminders of the same task, for the specialist only.
  const account = await one(`SELECT id FROM accounts WHERE email = '${ROLES.specialist}'`);
  for (let k = 1; k <= 25; k++) {
    const threshold = `overdue:2026-01-02:${k}`;
    await t.db.exec(`INSERT INTO task_reminders_sent (task_id, threshold, sent_at) VALUES (${task}, '${threshold}', '${NOW}')`);
    await t.db.exec('INSERT INTO task_reminder_notices (task_id, threshold, account_id, due, sent_on, created_at)'
      + ` VALUES (${task}, '${threshold}', ${account}, '2026-01-02', '2026-01-${String(k + 2).padStart(2, '0')}', '${NOW}')`);
  }
  const page1 = await as.specialist.get('/tasks/reminders');
  assert.equal(rows(page1.text).length, 20);
  const sentOn = [...page1.text.matchAll(/<td data-label="Ngày nhắc"><time datetime="([\d-]+)">/g)].map((m) => m[1]);
  assert.deepEqual(sentOn.slice(0, 3), ['2026-01-27', '2026-01-26', '2026-01-25'], 'newest first');
  const next = /<a href="(\/tasks\/reminders\?before=\d+)" rel="next">/.exec(unescape(page1.text))?.[1];
  assert.ok(next, 'a link to older reminders');
  const page2 = await as.specialist.get(next);
  assert.equal(page2.status, 200);
  assert.equal(rows(page2.text).length, 6);
  assert.doesNotMatch(page2.text, /rel="next"/);
  assert.match(page2.text, /<time datetime="2026-12-18">/, 'the first reminder is the oldest');
  // The leader sees only their own.
  const leader = await as.leader.get('/tasks/reminders');
  assert.deepEqual(rows(leader.text), [`/tasks/${task}`]);
});

test('a bad page parameter is a 400 in Vietnamese', async () => {
  for (const bad of ['abc', '-1', '0', '1e3']) {
    const r = await as.specialist.get(`/tasks/reminders?before=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.match(r.text, /phải là một số nguyên dương/, bad);
  }
  // Ids past 2^31 (and the largest 64-bit one) are ids like any other: an empty page, never a 500
  // (PostgreSQL once typed the parameter as int4; the route fuzzer found it).
  for (const far of ['2147483648', '9223372036854775807']) {
    const r = await as.specialist.get(`/tasks/reminders?before=${far}`);
    assert.equal(r.status, 200, far);
  }
});
