// Request ids and the access log: a fresh X-Request-Id on every response, and one JSON object per
// line in the access log with the same id, method and status, whatever the client sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, request, rawExchange } from '../lib/http.mjs';

let t;
let base;
before(async () => {
  t = await serverFixture('logging');
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const made = []; // {id, method, status} of every response in this file

async function track(promise, method) {
  const r = await promise;
  made.push({ id: r.headers['x-request-id'], method, status: r.status });
  return r;
}

function logEntries() {
  return t.srv.accessLog().map((line, i) => {
    try {
      return JSON.parse(line);
    } catch (e) {
      throw new Error(`access log line ${i + 1} is not JSON: ${line}`);
    }
  });
}

test('every response has its own X-Request-Id, also on errors and static files', async () => {
  const ids = new Set();
  for (let i = 0; i < 10; i++) {
    for (const [path, method] of [['/', 'GET'], ['/about', 'GET'], [`/missing/${i}`, 'GET'], ['/static/css/site.css', 'GET'],
      ['/healthz', 'HEAD'], ['/metrics', 'GET']]) {
      const r = await track(request(base, path, { method }), method);
      ids.add(r.headers['x-request-id']);
    }
    // (sent chunked: node sets no Content-Length when none is given)
    await track(request(base, '/lang', { method: 'POST', body: 'lang=xx', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 'POST');
  }
  assert.equal(ids.size, 60);
  // An id sent by the client is not echoed: the server makes its own.
  const r = await track(get(base, '/', { headers: { 'X-Request-Id': 'client-chosen-id-0000' } }), 'GET');
  assert.notEqual(r.headers['x-request-id'], 'client-chosen-id-0000');
});

test('the access log has one JSON object per line with id, method and status for every response', async () => {
  const entries = logEntries();
  const byId = new Map(entries.map((e) => [e.id, e]));
  assert.equal(byId.size, entries.length, 'ids in the access log are unique');
  for (const e of entries) {
    assert.equal(typeof e.id, 'string');
    assert.equal(typeof e.method, 'string');
    assert.equal(typeof e.status, 'number');
  }
  for (const m of made) {
    const e = byId.get(m.id);
    assert.ok(e, `request ${m.id} (${m.method} -> ${m.status}) is in the access log`);
    assert.equal(e.method, m.method);
    assert.equal(e.status, m.status);
  }
  assert.equal(entries.length, made.length, 'one line per response, nothing else');
});

test('hostile user agents and targets cannot break a log line', async () => {
  const ua = 'Mozilla/5.0 "quoted" back\\slash\ttab Tiếng Việt {"id":"forged"}';
  const target = '/about?q="x"\\y';
  const { res } = await rawExchange(t.srv.port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: x\r\nUser-Agent: ${ua}\r\nConnection: close\r\n\r\n`, 'utf8'),
    { context: 'hostile User-Agent' });
  assert.ok(res);
  made.push({ id: res.headers['x-request-id'], method: 'GET', status: res.status });
  const entries = logEntries();
  const e = entries.find((x) => x.id === res.headers['x-request-id']);
  assert.ok(e, 'logged');
  assert.equal(e.ua, ua);
  assert.equal(e.target, target);
  assert.equal(e.status, res.status);
  assert.equal(entries.filter((x) => x.id === 'forged').length, 0);
});

test('the access log is valid UTF-8 even when a client sends bytes that are not', async () => {
  const raw = await rawExchange(t.srv.port, Buffer.concat([
    Buffer.from('GET /about HTTP/1.1\r\nHost: x\r\nUser-Agent: agent-\xff\xfe-end\r\nConnection: close\r\n\r\n', 'latin1'),
  ]), { context: 'invalid UTF-8 in User-Agent' });
  assert.ok(raw.res);
  made.push({ id: raw.res.headers['x-request-id'], method: 'GET', status: raw.res.status });
  const bytes = readFileSync(t.srv.accessLogPath);
  const lines = bytes.toString('latin1').split('\n');
  const bad = [];
  for (const line of lines) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'latin1'));
    } catch {
      bad.push(line);
    }
  }
  assert.deepEqual(bad, [], 'access log lines that are not valid UTF-8 (so not valid JSON text)');
});

test('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
  const r = await track(get(base, '/healthz', { headers: { 'X-Forwarded-For': '203.0.113.9' } }), 'GET');
  const e = logEntries().find((x) => x.id === r.headers['x-request-id']);
  assert.equal(e.remote, '127.0.0.1');
  // Not trusted, so no HSTS either (checked by the security-header helper on every response).
  await track(get(base, '/', { headers: { 'X-Forwarded-Proto': 'https' } }), 'GET');
});

test('a secret in the target (the token of an e-mailed link) is redacted in the access log (issue 12 §7)', async () => {
  const secret = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
  for (const [target, logged] of [
    [`/register/confirm?token=${secret}`, '/register/confirm?token=REDACTED'],
    [`/password/reset?lang=en&token=${secret}&x=1`, '/password/reset?lang=en&token=REDACTED&x=1'],
    [`/password/reset?TOKEN=${secret}`, '/password/reset?TOKEN=REDACTED'],
    [`/password/reset?t%6Fken=${secret}`, '/password/reset?t%6Fken=REDACTED'],
    ['/about?tokens=kept&token_hint=kept', '/about?tokens=kept&token_hint=kept'],
  ]) {
    const r = await track(get(base, target), 'GET');
    const e = logEntries().find((x) => x.id === r.headers['x-request-id']);
    assert.equal(e.target, logged, target);
  }
  assert.ok(!readFileSync(t.srv.accessLogPath, 'utf8').includes(secret), 'the secret is nowhere in the log');
});
