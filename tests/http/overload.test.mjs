// Overload admission control and /metrics access (issue 15 §6, §8).
//
// Admission: the node is started with one worker (and one read worker), a queue of 3 and 2 requests per client address.
// The one worker is held deterministically, not by timing: an outside process holds the
// database's write lock, so a wrong-key look-up (which records the failure) waits on it in the
// worker. With the worker busy and the queue full, further requests are answered at once — 503
// (queue) or 429 (address), each with Retry-After — while /healthz (never queued) and /readyz (on
// the probe thread) answer 200;
// no request fails with a 500, a reset or a timeout, and the admitted ones complete when the lock
// is released. Client addresses come through a trusted proxy's X-Forwarded-For.
//
// /metrics: reachable from the allowed networks (default loopback) by the resolved client address,
// or anywhere with the bearer token of --metrics-token-file; else 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get } from '../lib/http.mjs';
import { parsePrometheus, sampleValue } from '../lib/prom.mjs';
import { runCli } from '../lib/server.mjs';

const QUEUE = 3;
const PER_ADDRESS = 2;
const TOKEN = 'b7c1e0d2-metrics-token-for-tests';

let t;
let base;
let dir;
let dossiers; // [{ code, key }] of received dossiers, one per test
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tinhso-overload-'));
  writeFileSync(join(dir, 'metrics-token'), `${TOKEN}\n`, { mode: 0o600 });
  t = await serverFixture('overload', {
    args: ['--trusted-proxy', '127.0.0.1', '--workers', '1', '--read-workers', '1', '--max-queued', String(QUEUE),
      '--max-per-address', String(PER_ADDRESS), '--metrics-token-file', join(dir, 'metrics-token')],
  });
  base = t.srv.url;
  const rows = (await t.db.exec(
    'SELECT code, applicant_phone FROM dossiers WHERE code IS NOT NULL AND received_at IS NOT NULL ORDER BY id'))
    .trim().split('\n').map((l) => l.split('\t'));
  dossiers = rows.map(([code, phone]) => ({ code, key: phone.replace(/\D/g, '').slice(-4) }));
  assert.ok(dossiers.length >= 2, 'the demo has received dossiers');
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
  rmSync(dir, { recursive: true, force: true });
});

const from = (addr, headers = {}) => ({ headers: { 'X-Forwarded-For': addr, ...headers } });
const lookup = (d, key, addr) => get(base, `/api/v1/dossiers/lookup?code=${encodeURIComponent(d.code)}&key=${key}`, from(addr));
const wrongKey = (d) => (d.key === '0000' ? '0001' : '0000');

async function metrics() {
  const r = await get(base, '/metrics');
  assert.equal(r.status, 200);
  return parsePrometheus(r.text);
}
const shed = (m, reason) => sampleValue(m, 'tinhso_http_requests_shed_total', { reason }) ?? 0;

// Polls `cond` (no time limit of its own: the test runner's timeout guards against a hang).
async function until(cond, what) {
  for (let i = 0; ; i++) {
    if (await cond()) return;
    if (i === 3000) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Holds the database's write lock from another process until the returned function is called.
async function holdWriteLock() {
  const sqlite = t.db.kind === 'sqlite';
  const p = sqlite
    ? spawn('sqlite3', ['-batch', t.db.file], { stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn('psql', [t.db.url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  p.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const closed = new Promise((r) => p.on('close', r));
  p.stdin.write(sqlite
    ? '.timeout 10000\nBEGIN IMMEDIATE;\n.print locked\n'
    : "BEGIN;\nLOCK TABLE dossier_lookup_failures IN ACCESS EXCLUSIVE MODE;\nSELECT 'locked';\n");
  await until(() => out.includes('locked') || p.exitCode !== null, 'the write lock taken');
  assert.ok(out.includes('locked'), `the lock holder failed: ${err}`);
  return async () => {
    p.stdin.end('ROLLBACK;\n');
    await closed;
  };
}

// Starts a request and records when it settles; a rejection (reset, timeout) is kept as such.
function track(promise) {
  const s = { done: false, result: undefined, error: undefined };
  s.promise = promise.then((r) => { s.result = r; }, (e) => { s.error = e; }).finally(() => { s.done = true; });
  return s;
}

// Waits until the one worker has taken a request and nothing waits in the queue.
async function workerBusy() {
  await until(async () => {
    const m = await metrics();
    // in flight: the request on the worker and this /metrics request (inline, never queued)
    return sampleValue(m, 'tinhso_http_requests_queued') === 0 && sampleValue(m, 'tinhso_http_requests_in_flight') >= 2;
  }, 'the worker busy');
}

function assertRetryAfter(r, what) {
  assert.match(r.headers['retry-after'] ?? '', /^[1-9]\d*$/, `${what}: Retry-After`);
}

test('a saturating load: beyond the worker and its queue, 503 with Retry-After at once; /healthz answers; no 500, reset or timeout', async () => {
  const d = dossiers[0];
  const m0 = await metrics();
  const release = await holdWriteLock();
  let first;
  let rest = [];
  try {
    first = track(lookup(d, wrongKey(d), '198.51.100.1'));
    await workerBusy();
    const n = 20;
    rest = Array.from({ length: n }, (_, i) => track(lookup(d, wrongKey(d), `198.51.100.${10 + i}`)));
    // Exactly QUEUE of them find a place in the queue; the others are answered now.
    await until(() => rest.filter((s) => s.done).length >= n - QUEUE, 'the shed requests answered');
    const answered = rest.filter((s) => s.done);
    assert.equal(answered.length, n - QUEUE, 'the queued ones wait for the worker');
    for (const s of answered) {
      assert.equal(s.error, undefined, `no reset or timeout: ${s.error}`);
      assert.equal(s.result.status, 503);
      assertRetryAfter(s.result, '503');
      assert.match(s.result.headers['content-type'], /json/, 'the API answers in its own format');
    }
    // A page gets the localized error page (Vietnamese by default, English when asked).
    const page = await get(base, '/about', from('198.51.100.99'));
    assert.equal(page.status, 503);
    assertRetryAfter(page, '503 page');
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.match(page.text, /Hệ thống đang bận/);
    const pageEn = await get(base, '/about', from('198.51.100.98', { 'Accept-Language': 'en' }));
    assert.equal(pageEn.status, 503);
    assert.match(pageEn.text, /The system is busy/);
    const health = await get(base, '/healthz');
    assert.equal(health.status, 200, '/healthz is never queued behind page work');
    assert.equal(health.text, 'ok\n');
    // /readyz reads the database, on the server's probe thread: not behind the full queue either.
    const ready = await get(base, '/readyz');
    assert.equal(ready.status, 200, '/readyz is never queued behind page work');
    assert.equal(JSON.parse(ready.text).status, 'ready');
    const m1 = await metrics();
    assert.equal(shed(m1, 'queue') - shed(m0, 'queue'), n - QUEUE + 2, 'shed{reason="queue"} counts them');
    assert.equal(first.done, false, 'the admitted request still waits on the lock');
  } finally {
    await release();
  }
  const all = [first, ...rest];
  await Promise.all(all.map((s) => s.promise));
  for (const s of all) assert.equal(s.error, undefined, `no reset or timeout: ${s.error}`);
  const statuses = all.map((s) => s.result.status);
  assert.ok(!statuses.some((s) => s >= 500 && s !== 503), `no 500: ${statuses.join(' ')}`);
  // The admitted ones ran once the lock was gone: the wrong key is refused as usual.
  assert.equal(statuses.filter((s) => s === 404).length, 1 + QUEUE, `statuses: ${statuses.join(' ')}`);
});

test('one address flooding gets 429 with Retry-After beyond its cap, while another address is still served', async () => {
  const d = dossiers[1];
  const m0 = await metrics();
  const release = await holdWriteLock();
  let first;
  let flood = [];
  let other;
  try {
    first = track(lookup(d, wrongKey(d), '203.0.113.5'));
    await workerBusy();
    const n = 10;
    flood = Array.from({ length: n }, () => track(lookup(d, wrongKey(d), '203.0.113.5')));
    await until(() => flood.filter((s) => s.done).length >= n - (PER_ADDRESS - 1), 'the flood refused');
    const refused = flood.filter((s) => s.done);
    assert.equal(refused.length, n - (PER_ADDRESS - 1));
    for (const s of refused) {
      assert.equal(s.error, undefined, `no reset or timeout: ${s.error}`);
      assert.equal(s.result.status, 429);
      assertRetryAfter(s.result, '429');
    }
    // Another client (the right key, another address) is admitted behind the flood's requests.
    other = track(lookup(d, d.key, '198.51.100.200'));
    const health = await get(base, '/healthz', from('203.0.113.5'));
    assert.equal(health.status, 200, '/healthz is not counted against the address');
    const ready = await get(base, '/readyz', from('203.0.113.5'));
    assert.equal(ready.status, 200, '/readyz is not counted against the address');
    const m1 = await metrics();
    assert.equal(shed(m1, 'address') - shed(m0, 'address'), n - (PER_ADDRESS - 1), 'shed{reason="address"} counts them');
    assert.equal(shed(m1, 'queue') - shed(m0, 'queue'), 0, 'the queue had room');
    assert.equal(other.done, false, 'the other client waits in the queue, it is not refused');
  } finally {
    await release();
  }
  await Promise.all([first, other, ...flood].map((s) => s.promise));
  for (const s of [first, other, ...flood]) assert.equal(s.error, undefined, `no reset or timeout: ${s.error}`);
  assert.equal(other.result.status, 200, 'the other address got its look-up');
  assert.equal(first.result.status, 404);
  assert.deepEqual(flood.filter((s) => s.result.status !== 429).map((s) => s.result.status), [404]);
});

test('/metrics: 200 from loopback, 404 from a client outside seen through the trusted proxy', async () => {
  assert.equal((await get(base, '/metrics')).status, 200);
  const outside = await get(base, '/metrics', from('203.0.113.9'));
  assert.equal(outside.status, 404, 'a proxied outside client is not loopback');
  const missing = await get(base, '/no-such-page', from('203.0.113.9'));
  assert.equal(outside.headers['content-type'], missing.headers['content-type'], 'the page of a path that does not exist');
  assert.doesNotMatch(outside.text, /tinhso_http/);
});

test('/metrics: the bearer token opens it from anywhere; a wrong or malformed one gets 404', async () => {
  const ok = await get(base, '/metrics', from('203.0.113.9', { Authorization: `Bearer ${TOKEN}` }));
  assert.equal(ok.status, 200);
  assert.match(ok.text, /^# HELP tinhso_http_requests_shed_total /m);
  for (const auth of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer ', TOKEN, `Basic ${TOKEN}`, `Bearer  ${TOKEN}`]) {
    const r = await get(base, '/metrics', from('203.0.113.9', { Authorization: auth }));
    assert.equal(r.status, 404, `Authorization: ${auth}`);
  }
});

test('--metrics-allow: listed IPv4 and IPv6 networks only; a bad network or an unreadable token file refuses to start', async () => {
  const own = await serverFixture('overload_allow', {
    mode: 'migrate+serve', args: ['--trusted-proxy', '127.0.0.1', '--metrics-allow', '10.0.0.0/8,2001:db8::/32'],
  });
  try {
    const status = async (addr) => (await get(own.srv.url, '/metrics', from(addr))).status;
    assert.equal(await status('10.200.3.4'), 200);
    assert.equal(await status('2001:db8:ffff::1'), 200);
    assert.equal(await status('11.0.0.1'), 404);
    assert.equal(await status('2001:db9::1'), 404);
    assert.equal(await status('127.0.0.1'), 404, 'loopback is no longer listed');
    assert.equal((await get(own.srv.url, '/metrics')).status, 404, 'nor is the proxy itself');
  } finally {
    assertCleanExit(await own.close(), own.srv.logs());
  }
  const db = `sqlite:${join(dir, 'refuse.db')}`;
  const bad = await runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--metrics-allow', '10.0.0.0/33']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr + bad.stdout, /metrics-allow/);
  const noFile = await runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--metrics-token-file', join(dir, 'absent')]);
  assert.notEqual(noFile.code, 0);
  assert.match(noFile.stderr + noFile.stdout, /metrics token file/);
});
