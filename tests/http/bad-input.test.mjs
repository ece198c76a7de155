// What an attacker or a broken client sends: malformed requests, oversize headers and bodies, bad
// percent-encoding, path traversal. Every answer is a clean 4xx with the security headers, never
// file contents or a crash, and the server still answers /healthz afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, request, rawExchange, RawClient, assertHealthy } from '../lib/http.mjs';

let t;
let base;
let port;
before(async () => {
  t = await serverFixture('bad_input');
  base = t.srv.url;
  port = t.srv.port;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const crlf = (lines) => `${lines.join('\r\n')}\r\n\r\n`;
const host = () => `Host: 127.0.0.1:${port}`;

test('malformed requests get 400 and the connection is closed', async () => {
  const cases = [
    ['garbage request line', 'GARBAGE\r\n\r\n'],
    ['no HTTP version', 'GET /\r\n\r\n'],
    ['extra words in the request line', crlf(['GET / HTTP/1.1 extra', host()])],
    ['unknown HTTP version', crlf(['GET / HTTP/9.9', host()])],
    ['lower-case version', crlf(['GET / http/1.1', host()])],
    ['bad method characters', crlf(['G(T / HTTP/1.1', host()])],
    ['header line without a colon', crlf(['GET / HTTP/1.1', host(), 'NoColonHere'])],
    ['space before the colon', crlf(['GET / HTTP/1.1', host(), 'X-Bad : 1'])],
    ['NUL in a header value', crlf(['GET / HTTP/1.1', host(), 'X-Bad: a\0b'])],
    ['bare LF line endings', 'GET / HTTP/1.1\nHost: x\n\n'],
    ['Content-Length that is not a number', crlf(['POST /lang HTTP/1.1', host(), 'Content-Length: abc'])],
    ['two different Content-Lengths', crlf(['POST /lang HTTP/1.1', host(), 'Content-Length: 5', 'Content-Length: 6'])],
    ['negative Content-Length', crlf(['POST /lang HTTP/1.1', host(), 'Content-Length: -1'])],
    ['Content-Length and Transfer-Encoding together (smuggling)', crlf(['POST /lang HTTP/1.1', host(), 'Content-Length: 4', 'Transfer-Encoding: chunked']) + '0\r\n\r\n'],
    ['bad chunk size', crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded', 'Transfer-Encoding: chunked']) + 'zz\r\nlang=en\r\n0\r\n\r\n'],
  ];
  for (const [name, data] of cases) {
    const { res, closed } = await rawExchange(port, data, { expectClose: true, context: name });
    assert.ok(res, `${name}: the server closed without answering`);
    assert.equal(res.status, 400, `${name}: ${res.head}`);
    assert.match(res.headers['content-type'] ?? '', /^text\/html/, name);
    assert.ok(res.text.includes('Yêu cầu không hợp lệ'), `${name}: Vietnamese 400 page`);
    assert.ok(closed, `${name}: connection closed after a malformed request`);
    await assertHealthy(base, name);
  }
});

test('odd request targets get their exact answer and never crash the server', async () => {
  // RFC 9112 §3.2.2: absolute-form is for proxies. This server is never one and serves no host but
  // its own, so it answers only origin-form ("/path"): another host's URL is not ours to serve and
  // gets a 400, never our page. Asterisk-form (OPTIONS *) and authority-form (CONNECT) name no
  // resource here either.
  const cases = [
    ['absolute-form target for another host', crlf(['GET http://evil.example/ HTTP/1.1', host()]), 400],
    ['absolute-form target for another host, Host naming it too', crlf(['GET http://evil.example/about HTTP/1.1', 'Host: evil.example']), 400],
    ['asterisk-form target', crlf(['OPTIONS * HTTP/1.1', host()]), 400],
    ['authority-form target', crlf(['CONNECT evil.example:443 HTTP/1.1', host()]), 400],
    ['unknown method', crlf(['BREW /coffee HTTP/1.1', host()]), 404],
    ['HTTP/1.0 without Host', 'GET / HTTP/1.0\r\n\r\n', 200],
    ['very long path', crlf([`GET /${'a'.repeat(8000)} HTTP/1.1`, host()]), 404],
  ];
  for (const [name, data, status] of cases) {
    const { res } = await rawExchange(port, data, { context: name });
    assert.ok(res, `${name}: no answer`);
    assert.equal(res.status, status, `${name}: ${res.head}`);
    if (status === 400) assert.ok(res.text.includes('Yêu cầu không hợp lệ'), `${name}: the Vietnamese 400 page, not a page of ours`);
    await assertHealthy(base, name);
  }
});

test('a header section over 16 KiB gets 431 (one big header, many headers, a big cookie)', async () => {
  const cases = [
    ['one 17 KiB header', crlf(['GET / HTTP/1.1', host(), `X-Big: ${'a'.repeat(17 * 1024)}`])],
    ['a 20 KiB cookie', crlf(['GET /about HTTP/1.1', host(), `Cookie: lang=en; junk=${'c'.repeat(20 * 1024)}`])],
  ];
  for (const [name, data] of cases) {
    const { res, closed } = await rawExchange(port, data, { expectClose: true, context: name });
    assert.ok(res, `${name}: the server closed without answering`);
    assert.equal(res.status, 431, `${name}: ${res.head}`);
    assert.ok(res.text.includes('Tiêu đề yêu cầu quá lớn'), `${name}: Vietnamese 431 page`);
    assert.ok(closed, `${name}: connection closed`);
    await assertHealthy(base, name);
  }
  // Just under the limit is fine.
  const ok = await get(base, '/', { headers: { 'X-Padding': 'd'.repeat(12 * 1024) } });
  assert.equal(ok.status, 200);
});

test('a header section over 16 KiB made of many small headers gets 431', async () => {
  // 260 headers of 68 bytes: 17.7 KB in all, every line short.
  const data = crlf(['GET / HTTP/1.1', host(), ...Array.from({ length: 260 }, (_, i) => `X-H${String(i).padStart(3, '0')}: ${'b'.repeat(58)}`)]);
  assert.ok(data.length > 17 * 1024);
  const { res, closed } = await rawExchange(port, data, { expectClose: true, context: 'many headers' });
  assert.ok(res, 'the server closed without answering');
  assert.equal(res.status, 431, `${data.length} bytes of headers sent at once: ${res.head.split('\r\n')[0]}`);
  assert.ok(closed, 'connection closed');
  await assertHealthy(base, 'many headers');
});

test('POST /lang declaring a body over its 4 KiB limit gets 413 before sending it', async () => {
  // Declared length over the limit: refused as soon as the header is read, before any body.
  const declared = crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded', 'Content-Length: 5000']);
  let { res, closed } = await rawExchange(port, declared, { expectClose: true, context: 'Content-Length 5000' });
  assert.ok(res, 'answer to Content-Length: 5000');
  assert.equal(res.status, 413, res.head);
  assert.ok(res.text.includes('Dữ liệu quá lớn'));
  assert.ok(closed);
  await assertHealthy(base, '413 (declared)');
});

test('POST /lang with a chunked body over its 4 KiB limit gets 413', async () => {
  // The limit applies to the decoded body; a 5000-byte chunk is refused at its size line.
  const chunked = crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded', 'Transfer-Encoding: chunked']) +
    `${(5000).toString(16)}\r\n`;
  let { res, closed } = await rawExchange(port, chunked, { expectClose: true, context: 'chunked 5000' });
  assert.ok(res, 'answer to a 5000-byte chunk');
  assert.equal(res.status, 413, res.head);
  assert.ok(closed);
  await assertHealthy(base, '413 (chunked)');

  // Many small chunks adding up to more than 4 KiB.
  const small = `${(1000).toString(16)}\r\n${'x'.repeat(1000)}\r\n`.repeat(5) + '0\r\n\r\n';
  ({ res } = await rawExchange(port, crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded', 'Transfer-Encoding: chunked']) + small,
    { context: 'chunked 5 x 1000' }));
  assert.ok(res, 'answer to 5 chunks of 1000 bytes');
  assert.equal(res.status, 413, res.head);
  await assertHealthy(base, '413 (chunks)');
});

test('POST /lang with a body of exactly 4 KiB is accepted', async () => {
  const prefix = 'lang=en&next=%2Fabout&pad=';
  const body = prefix + 'p'.repeat(4096 - prefix.length);
  assert.equal(body.length, 4096);
  const r = await request(base, '/lang', {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length },
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/about');
});

test('a POST body sent with Content-Length is read like the same body sent chunked', async () => {
  const body = 'lang=en&next=%2Fabout';
  const viaLength = await rawExchange(port, crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${body.length}`, 'Connection: close']) + body, { context: 'Content-Length body' });
  const viaChunks = await rawExchange(port, crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded',
    'Transfer-Encoding: chunked', 'Connection: close']) + `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`, { context: 'chunked body' });
  assert.equal(viaChunks.res.status, 303, viaChunks.res.head);
  assert.equal(viaLength.res.status, 303, `Content-Length: ${body.length} body:\n${viaLength.res.head}`);
  assert.equal(viaLength.res.headers.location, '/about');
  // An empty body with Content-Length: 0 is an empty form: unknown language.
  const empty = await rawExchange(port, crlf(['POST /lang HTTP/1.1', host(), 'Content-Type: application/x-www-form-urlencoded',
    'Content-Length: 0', 'Connection: close']), { context: 'Content-Length 0' });
  assert.equal(empty.res.status, 422, empty.res.head);
});

test('bad percent-encoding in the path or the query gets 400 (HTML, or problem+json under /api/)', async () => {
  const paths = ['/%zz', '/about%', '/about%4', '/%C3%28', '/%FF', '/static/%zz/site.css', '/?q=%zz', '/about?q=%',
    '/about?q=%C3%28', '/healthz?x=%G0', '/?%zz=1', '/about?lang=%E0%A4'];
  for (const path of paths) {
    const r = await get(base, path);
    assert.equal(r.status, 400, path);
    assert.match(r.headers['content-type'], /^text\/html/, path);
    await assertHealthy(base, path);
  }
  const api = await get(base, '/api/%zz?x=1');
  assert.equal(api.status, 400);
  assert.equal(api.headers['content-type'], 'application/problem+json');
  const p = api.json();
  assert.equal(p.status, 400);
  assert.equal(p.request_id, api.headers['x-request-id']);
  const apiQuery = await get(base, '/api/things?x=%zz');
  assert.equal(apiQuery.status, 400);
  assert.equal(apiQuery.headers['content-type'], 'application/problem+json');
});

test('path traversal in static paths never returns file contents', async () => {
  const targets = [
    '/static/../../etc/passwd',
    '/static/%2e%2e/%2e%2e/etc/passwd',
    '/static/%2E%2E/%2E%2E/etc/passwd',
    '/static/..%2f..%2fetc%2fpasswd',
    '/static/..%2f..%2fetc/passwd',
    '/static/css/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/static/..%5c..%5cetc%5cpasswd',
    '/static/%252e%252e/%252e%252e/etc/passwd',
    '/static/....//....//etc/passwd',
    '/static//etc/passwd',
    '/static/./css/site.css',
    '/static/css/site.css%00.txt',
    '/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/static/..;/..;/etc/passwd',
    '/../../etc/passwd',
    '/static/../src/app/main.cpp',
    '/static/../CMakeLists.txt',
    '/static/%2e%2e/locales/vi.json',
  ];
  for (const target of targets) {
    const { res } = await rawExchange(port, crlf([`GET ${target} HTTP/1.1`, host(), 'Connection: close']), { context: target });
    assert.ok(res, `${target}: no answer`);
    assert.ok([400, 404].includes(res.status), `${target} -> ${res.status}`);
    assert.ok(!/root:|\/bin\/(ba)?sh|#include|cmake_minimum_required|"lang\.self"/.test(res.text), `${target} leaked file contents`);
    await assertHealthy(base, target);
  }
});

test('unknown routes get 404 and the server keeps answering', async () => {
  for (const path of ['/nope', '/static/', '/static/nope.css', '/static/css/site.00000000.css', '/healthz/', '/about/x', '//about', '/api/', '/api/v1/x']) {
    const r = await get(base, path);
    assert.equal(r.status, 404, path);
    if (path.startsWith('/api/')) assert.equal(r.headers['content-type'], 'application/problem+json', path);
    else assert.match(r.headers['content-type'], /^text\/html/, path);
  }
  await assertHealthy(base, '404s');
});

test('a client that sends half a header and goes away does not hurt the server', async () => {
  const clients = [];
  for (let i = 0; i < 20; i++) {
    const c = await RawClient.connect(port);
    await c.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ${i}`);
    clients.push(c);
  }
  await assertHealthy(base, '20 half-sent headers');
  for (const c of clients) c.close();
  await assertHealthy(base, 'clients gone');
});
