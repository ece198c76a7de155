// A failing handler: the 500 page shows the request id and nothing of the failure; the same id is
// in the server log and the access log. Produced by dropping site_settings under a running server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, request, assertHealthy, htmlText } from '../lib/http.mjs';

let t;
let base;
before(async () => {
  t = await serverFixture('errors500');
  base = t.srv.url;
  const ok = await get(base, '/');
  assert.equal(ok.status, 200, 'the home page works before the table is dropped');
  await t.db.exec('DROP TABLE site_settings');
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

// Words that would betray the internals.
const LEAKS = /site_settings|no such table|does not exist|relation|sqlite|postgres|soci|SELECT|exception|std::|what\(\)|\.cpp|stack/i;

// Waits (generously) for text to appear in the server output; the output arrives through a pipe.
async function logContains(text) {
  for (let i = 0; i < 100; i++) {
    if (t.srv.logs().includes(text)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

test('GET / is a 500 page in Vietnamese showing the request id and no internals', async () => {
  const r = await get(base, '/');
  assert.equal(r.status, 500);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.equal(r.headers['cache-control'], 'no-store');
  const id = r.headers['x-request-id'];
  const text = htmlText(r.text);
  assert.ok(text.includes('Đã có lỗi xảy ra'), 'Vietnamese title');
  assert.ok(text.includes(id), `the page shows the request id ${id}`);
  assert.ok(!LEAKS.test(r.text), `the page leaks internals:\n${r.text.match(LEAKS)?.[0]}`);
  assert.ok(await logContains(id), `the server log mentions ${id}:\n${t.srv.logs()}`);
  const line = t.srv.logs().split('\n').find((l) => l.includes(id));
  assert.match(line, /error/i, 'logged as an error');
  const access = t.srv.accessLog().map((l) => JSON.parse(l)).find((e) => e.id === id);
  assert.ok(access, 'the access log has the request');
  assert.equal(access.status, 500);
});

test('the 500 page follows the language, and each failure has its own id', async () => {
  const a = await get(base, '/', { headers: { 'Accept-Language': 'en' } });
  const b = await get(base, '/about', { headers: { Cookie: 'lang=en' } });
  for (const r of [a, b]) {
    assert.equal(r.status, 500);
    const text = htmlText(r.text);
    assert.ok(text.includes('Something went wrong'));
    assert.ok(text.includes(r.headers['x-request-id']));
    assert.ok(!LEAKS.test(r.text), r.text.match(LEAKS)?.[0]);
    assert.ok(await logContains(r.headers['x-request-id']));
  }
  assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
});

test('HEAD / fails the same way without a body, and the server stays up', async () => {
  const h = await request(base, '/', { method: 'HEAD' });
  assert.equal(h.status, 500);
  assert.equal(h.body.length, 0);
  await assertHealthy(base, 'the 500s');
  const css = await get(base, '/static/css/site.css');
  assert.equal(css.status, 200, 'static files do not need the database');
});
