// Behind a trusted reverse proxy: HSTS and Secure cookies only when the proxy says HTTPS, and the
// client address from X-Forwarded-For; the same headers from anyone else change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, postForm } from '../lib/http.mjs';

let t;
let base;
before(async () => {
  t = await serverFixture('proxy', { args: ['--trusted-proxy', '127.0.0.1'] });
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const HTTPS = { 'X-Forwarded-Proto': 'https' };

test('HSTS on every response served over HTTPS through the trusted proxy, pages, errors and assets alike', async () => {
  for (const path of ['/', '/about', '/nope', '/api/nope', '/static/css/site.css', '/healthz', '/metrics', '/%zz']) {
    // secure: true makes the helper require Strict-Transport-Security with max-age of a year or more.
    const r = await get(base, path, { headers: HTTPS, secure: true });
    assert.ok(r.status > 0);
  }
});

test('no HSTS over plain HTTP, even through the trusted proxy', async () => {
  for (const headers of [{}, { 'X-Forwarded-Proto': 'http' }, { 'X-Forwarded-Proto': 'ftp' }]) {
    await get(base, '/', { headers }); // secure: false makes the helper require no HSTS
  }
});

test('the language cookie is Secure over HTTPS, and not over HTTP', async () => {
  const s = await postForm(base, '/lang', { lang: 'en', next: '/' }, { headers: HTTPS, secure: true });
  assert.equal(s.status, 303);
  assert.match(s.headers['set-cookie']?.[0] ?? '', /;\s*Secure(;|$)/i);
  const p = await postForm(base, '/lang', { lang: 'en', next: '/' });
  assert.equal(p.status, 303);
  assert.doesNotMatch(p.headers['set-cookie']?.[0] ?? '', /;\s*Secure(;|$)/i);
});

test('the client address comes from the last X-Forwarded-For hop of the trusted proxy', async () => {
  const a = await get(base, '/healthz', { headers: { 'X-Forwarded-For': '203.0.113.7' } });
  const b = await get(base, '/healthz', { headers: { 'X-Forwarded-For': '10.9.9.9, 198.51.100.23' } });
  const log = t.srv.accessLog().map((l) => JSON.parse(l));
  assert.equal(log.find((e) => e.id === a.headers['x-request-id']).remote, '203.0.113.7');
  assert.equal(log.find((e) => e.id === b.headers['x-request-id']).remote, '198.51.100.23');
});
