// Operations endpoints: /healthz, /readyz, /metrics (parsed strictly, and counting our requests; who may
// read it: tests/http/overload.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, request } from '../lib/http.mjs';
import { parsePrometheus, sampleValue } from '../lib/prom.mjs';

let t;
let base;
before(async () => {
  t = await serverFixture('ops');
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

async function metrics() {
  const r = await get(base, '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  return parsePrometheus(r.text);
}

const requests = (fam, method, route, status) =>
  sampleValue(fam, 'tinhso_http_requests_total', { method, route, status: String(status) }) ?? 0;

test('/healthz answers 200 "ok", uncached', async () => {
  const r = await get(base, '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok\n');
  assert.match(r.headers['content-type'], /^text\/plain/);
  assert.equal(r.headers['cache-control'], 'no-store');
  const h = await request(base, '/healthz', { method: 'HEAD' });
  assert.equal(h.status, 200);
  assert.equal(h.body.length, 0);
});

test('/readyz answers 200 with JSON when the database is reachable and migrations are current', async () => {
  const r = await get(base, '/readyz');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(r.headers['cache-control'], 'no-store');
  const j = r.json();
  assert.equal(j.status, 'ready');
  assert.equal(j.database, 'ok');
  assert.equal(j.migrations, 'current');
});

test('/metrics is valid Prometheus text and counts the requests made', async () => {
  const m0 = await metrics();
  for (const name of ['tinhso_http_requests_total', 'tinhso_http_request_duration_seconds', 'tinhso_http_requests_in_flight',
    'tinhso_http_open_connections', 'tinhso_http_requests_queued', 'tinhso_http_requests_shed_total']) {
    assert.ok(m0.has(name), `family ${name}`);
    assert.ok(m0.get(name).help, `HELP for ${name}`);
    assert.ok(m0.get(name).typed, `TYPE for ${name}`);
  }
  assert.equal(m0.get('tinhso_http_requests_total').type, 'counter');
  assert.equal(m0.get('tinhso_http_request_duration_seconds').type, 'histogram');
  assert.equal(m0.get('tinhso_http_requests_in_flight').type, 'gauge');
  // Admission control's refusals (issue 15 §6; tests/http/overload.test.mjs), every reason present from the start.
  assert.equal(m0.get('tinhso_http_requests_shed_total').type, 'counter');
  for (const reason of ['address', 'queue', 'route'])
    assert.equal(typeof sampleValue(m0, 'tinhso_http_requests_shed_total', { reason }), 'number', `shed reason ${reason}`);

  const before0 = {
    health: requests(m0, 'GET', '/healthz', 200),
    home: requests(m0, 'GET', '/', 200),
    missing: requests(m0, 'GET', 'unmatched', 404),
    wrongMethod: requests(m0, 'DELETE', 'unmatched', 405),
    metrics: requests(m0, 'GET', '/metrics', 200),
    homeCount: sampleValue(m0, 'tinhso_http_request_duration_seconds_count', { route: '/' }) ?? 0,
  };
  for (let i = 0; i < 5; i++) await get(base, '/healthz');
  for (let i = 0; i < 3; i++) await get(base, '/');
  for (let i = 0; i < 2; i++) await get(base, `/missing-${i}`);
  await request(base, '/about', { method: 'DELETE' });

  const m1 = await metrics();
  assert.equal(requests(m1, 'GET', '/healthz', 200) - before0.health, 5, 'GET /healthz 200');
  assert.equal(requests(m1, 'GET', '/', 200) - before0.home, 3, 'GET / 200');
  assert.equal(requests(m1, 'GET', 'unmatched', 404) - before0.missing, 2, 'GET (unmatched) 404');
  assert.equal(requests(m1, 'DELETE', 'unmatched', 405) - before0.wrongMethod, 1, 'DELETE /about 405');
  // The first /metrics request is counted by the second one.
  assert.equal(requests(m1, 'GET', '/metrics', 200) - before0.metrics, 1, 'GET /metrics 200');
  const homeCount = sampleValue(m1, 'tinhso_http_request_duration_seconds_count', { route: '/' });
  assert.equal(homeCount - before0.homeCount, 3, 'latency histogram count for /');
  assert.equal(sampleValue(m1, 'tinhso_http_requests_in_flight'), 1, 'only the /metrics request itself is in flight');
  assert.ok(sampleValue(m1, 'tinhso_http_open_connections') >= 1);
});

test('the strict Prometheus parser rejects broken expositions', () => {
  const bad = [
    'x 1', // no trailing newline
    'x{a="1"} one\n',
    'x{a=1} 1\n',
    'x{a="\\q"} 1\n',
    '# TYPE x counter\nx -1\n',
    'x 1\n# TYPE x counter\n',
    'x 1\ny 1\nx{a="b"} 2\n',
    'x 1\nx 2\n',
    '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
    '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n',
    '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n',
    '# TYPE x gauge\n# TYPE x gauge\nx 1\n',
    '9x 1\n',
  ];
  for (const text of bad) assert.throws(() => parsePrometheus(text), undefined, JSON.stringify(text));
  const good = '# HELP h Latency.\n# TYPE h histogram\nh_bucket{route="/",le="0.1"} 1\nh_bucket{route="/",le="+Inf"} 2\n' +
    'h_sum{route="/"} 0.3\nh_count{route="/"} 2\n# TYPE c counter\nc{a="x\\"y\\\\z\\n"} 3 1700000000000\n';
  const f = parsePrometheus(good);
  assert.equal(sampleValue(f, 'c', { a: 'x"y\\z\n' }), 3);
});
