// Connections: keep-alive, pipelining, HEAD framing, and graceful shutdown on SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { RawClient, connectionRefused, assertHealthy, get } from '../lib/http.mjs';
import { parsePrometheus, sampleValue } from '../lib/prom.mjs';

let t;
before(async () => {
  t = await serverFixture('connection');
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const req = (path, extra = []) => `${[`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...extra].join('\r\n')}\r\n\r\n`;

// Polls (generously) until new connections to `port` are refused.
async function waitRefused(port) {
  for (let i = 0; i < 200; i++) {
    if (await connectionRefused(port)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

test('keep-alive: two requests, one after the other, on one connection', async () => {
  const c = await RawClient.connect(t.srv.port);
  try {
    await c.write(req('/healthz'));
    const a = await c.readResponse();
    assert.equal(a.status, 200);
    assert.equal(a.text, 'ok\n');
    assert.ok(!/close/i.test(a.headers.connection ?? ''), 'the server keeps the connection');
    await c.write(req('/about'));
    const b = await c.readResponse();
    assert.equal(b.status, 200);
    assert.ok(b.text.includes('<html lang="vi"'));
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
    assert.ok(!c.ended, 'still open');
  } finally {
    c.close();
  }
});

test('pipelining: two requests in one write get two responses in order', async () => {
  const c = await RawClient.connect(t.srv.port);
  try {
    await c.write(req('/about') + req('/healthz'));
    const a = await c.readResponse();
    const b = await c.readResponse();
    assert.equal(a.status, 200);
    assert.ok(a.text.includes('<html'));
    assert.equal(b.status, 200);
    assert.equal(b.text, 'ok\n');
  } finally {
    c.close();
  }
});

test('HEAD on a keep-alive connection sends Content-Length but no body bytes', async () => {
  const c = await RawClient.connect(t.srv.port);
  try {
    await c.write(`HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n${req('/healthz')}`);
    const h = await c.readResponse({ head: true });
    assert.equal(h.status, 200);
    assert.ok(Number(h.headers['content-length']) > 1000, `Content-Length of the page: ${h.headers['content-length']}`);
    const next = await c.readResponse();
    assert.equal(next.status, 200, 'the next response starts right after the HEAD headers');
    assert.equal(next.text, 'ok\n');
  } finally {
    c.close();
  }
});

test('Connection: close and HTTP/1.0 requests are answered and then closed', async () => {
  for (const data of [req('/healthz', ['Connection: close']), 'GET /healthz HTTP/1.0\r\n\r\n']) {
    const c = await RawClient.connect(t.srv.port);
    try {
      await c.write(data);
      const r = await c.readResponse();
      assert.equal(r.status, 200);
      assert.ok(await c.waitClosed(10_000), 'closed by the server');
    } finally {
      c.close();
    }
  }
});

test('SIGTERM: idle keep-alive clients are closed, an in-flight request finishes, new connections are refused, exit 0', async () => {
  const own = await serverFixture('shutdown');
  const port = own.srv.port;
  try {
    const idle = [];
    for (let i = 0; i < 3; i++) {
      const c = await RawClient.connect(port);
      await c.write(req('/healthz'));
      assert.equal((await c.readResponse()).status, 200);
      idle.push(c);
    }
    // A request whose body is still arriving (chunked, final chunk not sent yet).
    const body = 'lang=en&next=%2Fabout';
    const busy = await RawClient.connect(port);
    await busy.write(['POST /lang HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/x-www-form-urlencoded',
      'Transfer-Encoding: chunked', '', `${body.length.toString(16)}\r\n${body}\r\n`].join('\r\n'));

    // Wait until the server has read that request's header (it counts as in flight then, and
    // reads its body), so that SIGTERM finds it mid-request rather than still idle.
    let inFlight = 0;
    for (let i = 0; i < 200 && inFlight < 2; i++) {
      const m = parsePrometheus((await get(own.srv.url, '/metrics')).text);
      inFlight = sampleValue(m, 'tinhso_http_requests_in_flight'); // this /metrics request + the POST
      if (inFlight < 2) await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(inFlight, 2, 'the POST is in flight');

    own.srv.process.kill('SIGTERM');
    assert.ok(await waitRefused(port), 'new connections are refused after SIGTERM');
    for (const c of idle) assert.ok(await c.waitClosed(15_000), 'idle keep-alive connection closed by the server');

    await busy.write('0\r\n\r\n');
    const r = await busy.readResponse();
    assert.ok(r, 'the in-flight request got its response');
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/about');
    assert.match(r.headers.connection ?? '', /close/i, 'and the connection is closed after it');
    assert.ok(await busy.waitClosed(15_000));

    const exit = await own.srv.stop({ timeoutMs: 20_000 });
    assert.equal(exit.timedOut, false, 'the server exited');
    assert.equal(exit.code, 0, own.srv.logs());
    assert.ok(await connectionRefused(port));
  } finally {
    await own.close();
  }
});

test('SIGTERM with a client that never finishes its body: the server exits after its grace period', async () => {
  const own = await serverFixture('shutdown_grace', { args: ['--shutdown-grace-ms', '500'] });
  const port = own.srv.port;
  try {
    const stuck = await RawClient.connect(port);
    await stuck.write(['POST /lang HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/x-www-form-urlencoded',
      'Transfer-Encoding: chunked', '', '4\r\nlang\r\n'].join('\r\n'));
    await assertHealthy(own.srv.url, 'a stuck upload');
    // Generous: the grace period is 0.5 s, the body timeout 120 s.
    const exit = await own.srv.stop({ timeoutMs: 30_000 });
    assert.equal(exit.timedOut, false, 'the server exited');
    assert.equal(exit.code, 0, own.srv.logs());
    assert.ok(await stuck.waitClosed(5_000), 'the stuck connection was dropped');
  } finally {
    await own.close();
  }
});
