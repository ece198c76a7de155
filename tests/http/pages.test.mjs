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

// Issue 14 §1: each role's main menu holds its own places, every one of which it may open, and
// each role lands on its home after signing in (and after the second factor). The menus and homes
// are declared by the modules (web::NavEntry); the rows follow each route's guard (access.mjs).
const MENUS = {
  anonymous: ['/procedures', '/lookup', '/statistics/dossiers', '/petitions/new', '/tasks/public'],
  citizen: ['/procedures', '/dossiers/mine', '/petitions/new', '/petitions/mine'],
  one_stop_officer: ['/desk', '/work', '/petitions/desk'],
  specialist: ['/work', '/petitions/desk', '/tasks/mine', '/consultations/manage'],
  agency_leader: ['/work', '/statistics/dossiers', '/petitions/desk', '/dashboard'],
  inspector: ['/petitions/desk'],
  province_leader: ['/statistics/dossiers', '/petitions/desk', '/tasks/board', '/tasks/documents/new', '/dashboard'],
  administrator: ['/admin'],
  auditor: ['/audit', '/security'],
};
const HOMES = {
  citizen: '/dossiers/mine',
  one_stop_officer: '/desk',
  specialist: '/work',
  agency_leader: '/dashboard',
  inspector: '/petitions/desk',
  province_leader: '/dashboard',
  administrator: '/admin',
  auditor: '/audit',
};
// Mustache escapes "/" in attribute values as &#x2F;.
const unescaped = (html) => html.replaceAll('&#x2F;', '/');
const menuOf = (html) => {
  const nav = /<ul class="nav">([\s\S]*?)<\/ul>/.exec(unescaped(html))?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
};

test('§14.1: the public menu and home page offer only what exists, search first', async () => {
  const r = await get(base, '/');
  assert.deepEqual(menuOf(r.text), MENUS.anonymous);
  for (const href of MENUS.anonymous) assert.equal((await get(base, href)).status, 200, href);
  assert.match(r.text, /<form class="search" method="get" action="\/procedures" role="search">/);
  for (const [href, label] of [['/procedures', 'Nộp hồ sơ'], ['/lookup', 'Tra cứu hồ sơ'], ['/petitions/new', 'Gửi phản ánh'],
    ['/consultations', 'Góp ý dự thảo']])
    assert.ok(r.text.includes(`<a class="button" href="${href}">${label}</a>`), label);
  const text = htmlText(r.text);
  for (const promise of ['nhiệm vụ', 'chỉ số']) assert.ok(!text.includes(promise), `no promise of "${promise}"`);
  const search = await get(base, '/procedures?q=khai+sinh');
  assert.equal(search.status, 200, 'the home search box lands on the catalogue search');
  assert.ok(r.text.includes('href="/register"') && r.text.includes('href="/login"'), 'visitors are offered an account');
});

test('§14.1: each role sees its own menu, may open every entry, and lands on its home', async () => {
  const { Agent } = await import('../lib/agent.mjs');
  const { totp } = await import('../lib/totp.mjs');
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('../lib/demo.mjs');
  for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) {
    const a = new Agent(base);
    let r = await a.login(email, DEMO_PASSWORD);
    assert.equal(r.status, 303, role);
    let codes = [];
    if (role !== 'citizen') {
      assert.equal(r.headers.location, '/account/2fa', `${role}: second factor first`);
      const setup = await a.get('/account/2fa/setup');
      const secret = /id="totp-secret">([A-Z2-7=]+)</.exec(setup.text)?.[1];
      const done = await a.post('/account/2fa/setup', { code: totp(secret) });
      assert.equal(done.status, 200, role);
      codes = [...done.text.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]);
      assert.ok(unescaped(done.text).includes(`<a href="${HOMES[role]}">`), `${role}: "continue" leads home`);
    } else {
      assert.equal(r.headers.location, HOMES[role], `${role} lands on its home`);
    }
    const home = await a.get('/');
    assert.deepEqual(menuOf(home.text), MENUS[role], `${role}'s menu`);
    assert.ok(unescaped(home.text).includes(`<a class="button" href="${HOMES[role]}">`), `${role}: the home page leads to its page`);
    assert.ok(!home.text.includes('href="/register"') && !home.text.includes('href="/login"'), `${role}: no sign-in offered`);
    for (const href of MENUS[role]) {
      const page = await a.get(href);
      assert.equal(page.status, 200, `${role} opens ${href}`);
      assert.ok(unescaped(page.text).includes(`<a href="${href}" aria-current="page">`), `${role}: ${href} is marked current`);
    }
    if (role === 'citizen') {
      r = await new Agent(base).login(email, DEMO_PASSWORD);
      const again = new Agent(base);
      await again.get('/login?next=%2Fpetitions%2Fmine');
      r = await again.post('/login', { email, password: DEMO_PASSWORD, next: '/petitions/mine' });
      assert.equal(r.headers.location, '/petitions/mine', 'an explicit next still wins');
      continue;
    }
    // Later sign-ins: the second factor leads home, or to the page asked for before signing in.
    const b = new Agent(base);
    r = await b.login(email, DEMO_PASSWORD);
    await b.get('/account/2fa');
    r = await b.post('/account/2fa', { code: codes.shift() });
    assert.equal(r.status, 303, role);
    assert.equal(r.headers.location, HOMES[role], `${role} lands on its home after the second factor`);
    if (role === 'inspector') {
      const c = new Agent(base);
      await c.get('/login?next=%2Fstatistics%2Fdossiers');
      r = await c.post('/login', { email, password: DEMO_PASSWORD, next: '/statistics/dossiers' });
      assert.equal(r.headers.location, '/account/2fa?next=%2Fstatistics%2Fdossiers');
      const form = await c.get(r.headers.location);
      assert.ok(unescaped(form.text).includes('name="next" value="/statistics/dossiers"'));
      r = await c.post('/account/2fa', { code: codes.shift(), next: '/statistics/dossiers' });
      assert.equal(r.headers.location, '/statistics/dossiers', 'next survives the second factor');
      const evil = new Agent(base);
      await evil.login(email, DEMO_PASSWORD);
      await evil.get('/account/2fa');
      r = await evil.post('/account/2fa', { code: codes.shift(), next: '//evil.example/' });
      assert.equal(r.headers.location, HOMES[role], 'a foreign next is ignored');
    }
  }
});
