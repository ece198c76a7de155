// Static assets: fingerprinted URLs cached for a year, plain URLs revalidated, strong ETags,
// 304 on If-None-Match, gzip when asked for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, request } from '../lib/http.mjs';

let t;
let base;
let cssUrl;
let iconUrl;
before(async () => {
  t = await serverFixture('static');
  base = t.srv.url;
  const home = await get(base, '/');
  cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text)?.[1];
  iconUrl = /<link rel="icon" href="([^"]+)"/.exec(home.text)?.[1];
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const IMMUTABLE = 'public, max-age=31536000, immutable';

test('pages link fingerprinted asset URLs', () => {
  assert.match(cssUrl ?? '', /^\/static\/css\/site\.[0-9a-f]{8}\.css$/);
  assert.match(iconUrl ?? '', /^\/static\/img\/favicon\.[0-9a-f]{8}\.svg$/);
});

test('a fingerprinted URL is cached for a year as immutable; the plain URL is no-cache; same bytes and ETag', async () => {
  const fp = await get(base, cssUrl);
  assert.equal(fp.status, 200);
  assert.equal(fp.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(fp.headers['cache-control'], IMMUTABLE);
  assert.equal(fp.headers['content-encoding'], undefined, 'no gzip unless asked for');
  const etag = fp.headers.etag;
  assert.match(etag ?? '', /^"[^"]+"$/, `a strong ETag: ${etag}`);
  assert.ok(fp.text.includes('.skip'), 'the stylesheet');

  const plain = await get(base, '/static/css/site.css');
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['cache-control'], 'no-cache');
  assert.equal(plain.headers.etag, etag);
  assert.deepEqual(plain.body, fp.body);

  const icon = await get(base, iconUrl);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers['content-type'], 'image/svg+xml');
  assert.equal(icon.headers['cache-control'], IMMUTABLE);
  assert.ok(icon.text.includes('<svg'));
});

test('a wrong or malformed fingerprint is 404, never the current file', async () => {
  const good = /\.([0-9a-f]{8})\.css$/.exec(cssUrl)[1];
  const wrong = good === '00000000' ? '11111111' : '00000000';
  const paths = [`/static/css/site.${wrong}.css`, `/static/css/site.${good.slice(0, 7)}.css`,
    `/static/css/site.${good}x.css`, `/static/css/other.${good}.css`, `/static/img/favicon.${good}.svg`];
  if (good.toUpperCase() !== good) paths.push(`/static/css/site.${good.toUpperCase()}.css`);
  for (const path of paths) {
    const r = await get(base, path);
    assert.equal(r.status, 404, path);
    assert.match(r.headers['content-type'], /^text\/html/, path);
  }
});

test('If-None-Match with the ETag gives 304 without a body; other tags give 200', async () => {
  const first = await get(base, cssUrl);
  const etag = first.headers.etag;
  for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
    const r = await get(base, cssUrl, { headers: { 'If-None-Match': inm } });
    assert.equal(r.status, 304, `If-None-Match: ${inm}`);
    assert.equal(r.body.length, 0);
    assert.equal(r.headers.etag, etag);
    assert.equal(r.headers['cache-control'], IMMUTABLE);
  }
  const plain = await get(base, '/static/css/site.css', { headers: { 'If-None-Match': etag } });
  assert.equal(plain.status, 304);
  assert.equal(plain.headers['cache-control'], 'no-cache');
  for (const inm of ['"nope"', etag.slice(0, -2) + '"', 'garbage']) {
    const r = await get(base, cssUrl, { headers: { 'If-None-Match': inm } });
    assert.equal(r.status, 200, `If-None-Match: ${inm}`);
    assert.deepEqual(r.body, first.body);
  }
});

test('gzip when the client accepts it: Content-Encoding, Vary, its own ETag, and the same bytes once unzipped', async () => {
  const plain = await get(base, cssUrl);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  const gz = await get(base, cssUrl, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  assert.equal(gz.headers['cache-control'], IMMUTABLE);
  assert.equal(gz.headers['content-type'], 'text/css; charset=utf-8');
  assert.ok(gz.body.length < plain.body.length, 'smaller');
  assert.deepEqual(gunzipSync(gz.body), plain.body);
  assert.match(gz.headers.etag, /^"[^"]+"$/);
  assert.notEqual(gz.headers.etag, plain.headers.etag, 'the gzip variant has its own ETag');

  const again = await get(base, cssUrl, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag } });
  assert.equal(again.status, 304);

  const br = await get(base, cssUrl, { headers: { 'Accept-Encoding': 'br' } });
  assert.equal(br.headers['content-encoding'], undefined);
  assert.deepEqual(br.body, plain.body);
});

test('Accept-Encoding: gzip;q=0 (gzip refused) gets the identity encoding', async () => {
  const r = await get(base, cssUrl, { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], undefined, 'the client said it does not accept gzip');
});

test('HEAD on an asset: headers and Content-Length, no body', async () => {
  const g = await get(base, cssUrl, { headers: { 'Accept-Encoding': 'gzip' } });
  const h = await request(base, cssUrl, { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(h.status, 200);
  assert.equal(h.body.length, 0);
  assert.equal(Number(h.headers['content-length']), g.body.length);
  assert.equal(h.headers.etag, g.headers.etag);
  assert.equal(h.headers['content-encoding'], 'gzip');
});
