// Public pages, languages, the language switch, and cross-site form posts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, request, postForm, assertHealthy, htmlText } from '../lib/http.mjs';

let t;
let base;
before(async () => {
  t = await serverFixture('pages');
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const langOf = (html) => /<html lang="([^"]+)"/.exec(html)?.[1];
const cookieLang = (setCookie = []) => setCookie.map((c) => /^lang=([^;]*)/.exec(c)?.[1]).find(Boolean);

test('home page is Vietnamese by default, with correct diacritics', async () => {
  const r = await get(base, '/');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/html; charset=utf-8$/i);
  assert.equal(langOf(r.text), 'vi');
  assert.ok(r.text.includes('Cổng dịch vụ số tỉnh Phú Thọ'), 'site name with diacritics');
  assert.ok(r.text.includes('Bỏ qua, đến nội dung chính'), 'Vietnamese skip link');
  assert.ok(r.text.includes('Người dân và doanh nghiệp'));
  // NFC text, no mojibake
  assert.equal(r.text, r.text.normalize('NFC'));
  assert.ok(!/Ã|Â»|á»/.test(r.text), 'no UTF-8 decoded as Latin-1');
  assert.ok(r.text.includes('<button type="submit" name="lang" value="en"'), 'switch-to-English button');
});

test('English via Accept-Language', async () => {
  const r = await get(base, '/', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
  assert.equal(r.status, 200);
  assert.equal(langOf(r.text), 'en');
  assert.ok(r.text.includes('Phú Thọ Digital Services Portal'));
  assert.ok(r.text.includes('Skip to main content'));
  assert.ok(r.text.includes('value="vi"'), 'switch-to-Vietnamese button');
});

test('Accept-Language quality values are honoured; unknown languages fall back to Vietnamese', async () => {
  const cases = [
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.4, vi;q=0.8', 'vi'],
    ['fr, de', 'vi'],
    ['EN', 'en'],
    ['en;q=0', 'vi'],
    ['en;q=abc', 'vi'],
    [';;;,,,=', 'vi'],
    ['*', 'vi'],
  ];
  for (const [al, want] of cases) {
    const r = await get(base, '/', { headers: { 'Accept-Language': al } });
    assert.equal(r.status, 200, al);
    assert.equal(langOf(r.text), want, `Accept-Language: ${al}`);
  }
});

test('English via the lang cookie, which beats Accept-Language', async () => {
  let r = await get(base, '/', { headers: { Cookie: 'lang=en' } });
  assert.equal(langOf(r.text), 'en');
  r = await get(base, '/about', { headers: { Cookie: 'theme=dark; lang=en' } });
  assert.equal(r.status, 200);
  assert.equal(langOf(r.text), 'en');
  assert.ok(r.text.includes('Why this portal exists'));
  r = await get(base, '/', { headers: { Cookie: 'lang=vi', 'Accept-Language': 'en' } });
  assert.equal(langOf(r.text), 'vi');
  // An unsupported cookie value is ignored
  r = await get(base, '/', { headers: { Cookie: 'lang=xx', 'Accept-Language': 'en' } });
  assert.equal(langOf(r.text), 'en');
});

test('about page in Vietnamese', async () => {
  const r = await get(base, '/about');
  assert.equal(r.status, 200);
  assert.equal(langOf(r.text), 'vi');
  const text = htmlText(r.text);
  assert.ok(text.includes('Giới thiệu'));
  assert.ok(text.includes('(Nghị quyết 202/2025/QH15)'));
});

test('HEAD / gives the headers and Content-Length of GET, and no body', async () => {
  const g = await get(base, '/');
  const h = await request(base, '/', { method: 'HEAD' });
  assert.equal(h.status, 200);
  assert.equal(h.body.length, 0);
  assert.equal(Number(h.headers['content-length']), g.body.length);
  assert.equal(h.headers['content-type'], g.headers['content-type']);
});

test('POST /lang switches to English: 303, long-lived HttpOnly SameSite=Lax cookie, then pages are English', async () => {
  const r = await postForm(base, '/lang', { lang: 'en', next: '/about' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/about');
  const cookies = r.headers['set-cookie'] ?? [];
  assert.equal(cookies.length, 1, `one Set-Cookie: ${cookies}`);
  const c = cookies[0];
  assert.match(c, /^lang=en(;|$)/);
  const attrs = c.split(';').slice(1).map((a) => a.trim());
  const maxAge = attrs.find((a) => /^max-age=/i.test(a));
  assert.ok(maxAge, `Max-Age in ${c}`);
  assert.ok(Number(maxAge.split('=')[1]) >= 30 * 24 * 3600, `a long-lived cookie: ${c}`);
  assert.ok(attrs.some((a) => /^httponly$/i.test(a)), `HttpOnly in ${c}`);
  assert.ok(attrs.some((a) => /^samesite=lax$/i.test(a)), `SameSite=Lax in ${c}`);
  assert.ok(attrs.some((a) => /^path=\/$/i.test(a)), `Path=/ in ${c}`);
  assert.ok(!attrs.some((a) => /^secure$/i.test(a)), 'no Secure flag over plain HTTP');

  const home = await get(base, '/', { headers: { Cookie: `lang=${cookieLang(cookies)}` } });
  assert.equal(langOf(home.text), 'en');
  assert.ok(home.text.includes('Phú Thọ Digital Services Portal'));

  const back = await postForm(base, '/lang', { lang: 'vi', next: '/' }, { headers: { Cookie: 'lang=en' } });
  assert.equal(back.status, 303);
  assert.equal(cookieLang(back.headers['set-cookie']), 'vi');
  const vi = await get(base, '/', { headers: { Cookie: `lang=${cookieLang(back.headers['set-cookie'])}`, 'Accept-Language': 'en' } });
  assert.equal(langOf(vi.text), 'vi');
});

test('POST /lang keeps a local next with its query, and sends anything else home', async () => {
  const cases = [
    ['/about?x=1', '/about?x=1'],
    ['/', '/'],
    ['//evil.example', '/'],
    ['//evil.example/path', '/'],
    ['https://evil.example/', '/'],
    ['http://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['evil.example', '/'],
    ['', '/'],
  ];
  // Control characters never reach the handler: the form layer refuses them (issue 12 §8).
  for (const next of ['/\t/evil.example', '/\r\nSet-Cookie: evil=1', '/about\r\nLocation: https://evil.example']) {
    const r = await postForm(base, '/lang', { lang: 'en', next });
    assert.equal(r.status, 400, `next=${JSON.stringify(next)}`);
    assert.equal(r.headers.location, undefined, `next=${JSON.stringify(next)}`);
    assert.ok(!(r.headers['set-cookie'] ?? []).some((c) => c.startsWith('evil')), 'no header injection');
  }
  for (const [next, want] of cases) {
    const r = await postForm(base, '/lang', { lang: 'en', next });
    assert.equal(r.status, 303, `next=${JSON.stringify(next)}`);
    assert.equal(r.headers.location, want, `next=${JSON.stringify(next)}`);
    assert.ok(!(r.headers['set-cookie'] ?? []).some((c) => c.startsWith('evil')), 'no header injection');
  }
  const none = await postForm(base, '/lang', { lang: 'en' });
  assert.equal(none.status, 303);
  assert.equal(none.headers.location, '/');
});

test('POST /lang with an unknown language is a 422 page in the user language, and sets no cookie', async () => {
  for (const lang of ['fr', '', 'EN', 'en;', '../vi']) {
    const r = await postForm(base, '/lang', { lang, next: '/' });
    assert.equal(r.status, 422, `lang=${JSON.stringify(lang)}`);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.equal(r.headers['set-cookie'], undefined);
    assert.equal(langOf(r.text), 'vi');
    assert.ok(r.text.includes('Ngôn ngữ được chọn không có trên cổng.'), r.text);
  }
  const en = await postForm(base, '/lang', { lang: 'fr' }, { headers: { 'Accept-Language': 'en' } });
  assert.equal(en.status, 422);
  assert.equal(langOf(en.text), 'en');
  assert.ok(en.text.includes('The chosen language is not available on the portal.'));
  // No form at all
  const empty = await request(base, '/lang', { method: 'POST', body: '', headers: { 'Content-Length': 0 } });
  assert.equal(empty.status, 422);
});

test('a cross-site POST /lang (Origin of another site) is refused with a 403 page that explains why', async () => {
  const r = await postForm(base, '/lang', { lang: 'en', next: '/' }, { headers: { Origin: 'https://evil.example' } });
  assert.equal(r.status, 403);
  assert.equal(r.headers['set-cookie'], undefined, 'no cookie set by a refused request');
  assert.equal(r.headers.location, undefined);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.equal(langOf(r.text), 'vi');
  assert.ok(r.text.includes('Yêu cầu này được gửi từ một trang web khác nên đã bị chặn để bảo vệ bạn.'), r.text);

  const en = await postForm(base, '/lang', { lang: 'en' }, { headers: { Origin: 'https://evil.example', 'Accept-Language': 'en' } });
  assert.equal(en.status, 403);
  assert.ok(en.text.includes('This request came from another website, so it was blocked to protect you.'));
});

test('cross-site detection: Referer without Origin, null Origin, another port; same origin is allowed', async () => {
  const host = new URL(base).host;
  const refused = [
    { Referer: 'https://evil.example/page' },
    { Origin: 'null' },
    { Origin: `http://127.0.0.1:${Number(new URL(base).port) + 1}` },
    { Origin: `http://${host}.evil.example` },
    { Origin: 'https://evil.example', Referer: `${base}/` },
  ];
  for (const headers of refused) {
    const r = await postForm(base, '/lang', { lang: 'en' }, { headers });
    assert.equal(r.status, 403, JSON.stringify(headers));
  }
  const allowed = [
    { Origin: base },
    { Referer: `${base}/about` },
    {},
  ];
  for (const headers of allowed) {
    const r = await postForm(base, '/lang', { lang: 'en' }, { headers });
    assert.equal(r.status, 303, JSON.stringify(headers));
  }
});

test('404 page: HTML in Vietnamese by default, English with Accept-Language, problem+json under /api/', async () => {
  let r = await get(base, '/khong-co-trang-nay');
  assert.equal(r.status, 404);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.equal(r.headers['content-language'], 'vi');
  assert.equal(langOf(r.text), 'vi');
  assert.ok(r.text.includes('Không tìm thấy trang'));

  r = await get(base, '/no-such-page', { headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 404);
  assert.equal(langOf(r.text), 'en');
  assert.ok(r.text.includes('Page not found'));

  r = await get(base, '/api/v1/nothing?x=1');
  assert.equal(r.status, 404);
  assert.equal(r.headers['content-type'], 'application/problem+json');
  const p = r.json();
  assert.equal(p.status, 404);
  assert.equal(p.instance, '/api/v1/nothing');
  assert.equal(p.request_id, r.headers['x-request-id']);
  assert.equal(typeof p.type, 'string');
  assert.equal(p.title, 'Không tìm thấy trang');
  assert.equal(typeof p.detail, 'string');

  r = await get(base, '/api/x', { headers: { 'Accept-Language': 'en' } });
  assert.equal(r.json().title, 'Page not found');
});

test('405 with Allow for a wrong method, HTML and problem+json', async () => {
  let r = await request(base, '/', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, 'GET, HEAD');
  assert.ok(r.text.includes('Thao tác không được hỗ trợ'));
  r = await request(base, '/lang', { method: 'GET' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, 'POST');
  r = await request(base, '/healthz', { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, 'GET, HEAD');
  r = await request(base, '/static/css/site.css', { method: 'PUT', body: 'x' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, 'GET, HEAD');
  await assertHealthy(base, '405s');
});

test('request text is never reflected unescaped into pages', async () => {
  const probes = [
    '/about?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E',
    '/nope?q=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E',
    '/about?q="><script>alert(1)</script>',
    '/x"><svg/onload=alert(1)>',
  ];
  for (const path of probes) {
    const r = await get(base, path);
    assert.ok([200, 400, 404].includes(r.status), `${path} -> ${r.status}`);
    assert.ok(!/<script>alert|<svg\/onload|<img src=x/i.test(r.text), `${path} reflected:\n${r.text}`);
    const next = /name="next" value="([^"]*)"/.exec(r.text);
    if (next) assert.ok(!/[<>"]/.test(next[1]), `next field escaped: ${next[1]}`);
  }
});
