// Identity end to end (issue 3 §2–§6, §10): registration with e-mail confirmation through the SMTP
// sink, sign-in and sign-out, sessions, CSRF, profile, password reset, brute-force cool-down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { Agent } from '../lib/agent.mjs';
import { get, htmlText } from '../lib/http.mjs';

const PUBLIC_URL = 'https://dichvu.phutho.example';
const DEMO_PASSWORD = 'Demo-Phu-Tho-2025';
let db;
let srv;
let sink;
let base;

before(async () => {
  sink = await startSmtpSink();
  db = await createDatabase('identity');
  srv = await startServer({ db, args: ['--smtp', `127.0.0.1:${sink.port}`, '--public-url', PUBLIC_URL] });
  base = srv.url;
});
after(async () => {
  const r = await srv?.stop();
  await sink?.stop();
  await db?.drop().catch(() => {});
  if (r) assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
});

// The token of the last e-mailed link to `path` for `to`.
async function mailedToken(to, path) {
  const m = await sink.waitFor((x) => x.to.includes(to) && x.text.includes(path), 15_000);
  const link = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}${path}\\?token=([A-Za-z0-9_-]+)`).exec(m.text);
  assert.ok(link, `link to ${path} in the e-mail:\n${m.text}`);
  return link[1];
}

async function signedIn(email, password = DEMO_PASSWORD) {
  const a = new Agent(base);
  const r = await a.login(email, password);
  assert.equal(r.status, 303, `sign-in of ${email}: ${htmlText(r.text)}`);
  await a.get('/account');
  return a;
}

const sessionCookie = (a) => a.cookies.get('tinhso_session');

test('a citizen registers, confirms the e-mail from the SMTP sink, and signs in', async () => {
  const a = new Agent(base);
  await a.get('/register');
  const email = 'lan.nguyen@example.vn';
  const password = 'đồi chè xanh ngát Phú Thọ';
  let r = await a.post('/register', { full_name: 'Nguyễn Thị Lan', email, phone: '0912345678', citizen_id: '025190001234', password });
  assert.equal(r.status, 200);
  assert.match(htmlText(r.text), /Hãy kiểm tra hộp thư/);

  r = await a.login(email, password);
  assert.equal(r.status, 403, 'unconfirmed account cannot sign in');
  assert.match(htmlText(r.text), /chưa được xác nhận/);
  assert.match(r.text, /action="\/register\/resend"/, 'offers to resend');

  const token = await mailedToken(email, '/register/confirm');
  r = await a.get(`/register/confirm?token=${token}`);
  assert.equal(r.status, 200);
  assert.match(htmlText(r.text), /Đã xác nhận tài khoản/);
  r = await a.get(`/register/confirm?token=${token}`);
  assert.equal(r.status, 400, 'the link works once');

  r = await a.login(email, password);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account');
  const cookie = [].concat(r.headers['set-cookie']).find((c) => c.startsWith('tinhso_session='));
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  assert.match(cookie, /Path=\//);
  r = await a.get('/account');
  assert.equal(r.status, 200);
  assert.match(htmlText(r.text), /Nguyễn Thị Lan/);
});

test('registration checks the citizen ID form and refuses common passwords, with an error summary', async () => {
  const a = new Agent(base);
  await a.get('/register');
  const r = await a.post('/register', { full_name: 'Trần Văn B', email: 'b@example.vn', citizen_id: '999123456789', password: 'matkhau123456' });
  assert.equal(r.status, 422);
  assert.match(r.text, /class="error-summary"/);
  assert.match(r.text, /href="#citizen_id"/);
  assert.match(r.text, /href="#password"/);
  assert.match(htmlText(r.text), /quá phổ biến/);
});

test('an anonymous form post without the pre-session token is refused', async () => {
  const a = new Agent(base);
  const r = await a.post('/login', { email: 'x@example.vn', password: 'whatever whatever' });
  assert.equal(r.status, 403);
  assert.match(htmlText(r.text), /tải lại trang/);
});

test('POST /lang still works for anonymous visitors without a token', async () => {
  const a = new Agent(base);
  const r = await a.post('/lang', { lang: 'en', next: '/' }, {});
  assert.equal(r.status, 303);
});

test('a wrong password is refused in plain words', async () => {
  const a = new Agent(base);
  const r = await a.login('officer@demo.tinhso.vn', 'not the right password');
  assert.equal(r.status, 401);
  assert.match(htmlText(r.text), /không đúng/);
});

test('pages that need sign-in send a browser to /login and back', async () => {
  const r = await get(base, '/account/sessions');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login?next=%2Faccount%2Fsessions');
});

test('logout revokes the session: the old cookie no longer works', async () => {
  const a = await signedIn('citizen@demo.tinhso.vn');
  const old = sessionCookie(a);
  let r = await a.post('/logout');
  assert.equal(r.status, 303);
  r = await get(base, '/account', { headers: { cookie: `tinhso_session=${old}` } });
  assert.equal(r.status, 303, 'old cookie is anonymous now');
});

test('my sessions lists both devices; "sign out the others" ends the other one', async () => {
  const a = await signedIn('citizen@demo.tinhso.vn');
  const b = await signedIn('citizen@demo.tinhso.vn');
  let r = await a.get('/account/sessions');
  assert.equal(r.status, 200);
  assert.ok((r.text.match(/<tr><td>/g) || []).length >= 2, 'two sessions listed');
  assert.match(r.text, /revoke-others/);
  r = await a.post('/account/sessions/revoke-others');
  assert.equal(r.status, 303);
  assert.equal((await b.get('/account')).status, 303, 'the other session is signed out');
  assert.equal((await a.get('/account')).status, 200, 'this one stays');
});

test('CSRF: a signed-in POST without or with a wrong token gets the 403 page that says what to do', async () => {
  const a = await signedIn('citizen@demo.tinhso.vn');
  for (const token of ['', 'wrong-token-wrong-token-wrong-token-wrong-t']) {
    const r = await a.post('/account', { _csrf: token, full_name: 'Kẻ Giả Mạo' });
    assert.equal(r.status, 403, `token ${JSON.stringify(token)}`);
    assert.match(htmlText(r.text), /tải lại trang/);
  }
  const r = await a.get('/account');
  assert.ok(!htmlText(r.text).includes('Kẻ Giả Mạo'));
});

test('profile: edit name and phone, download my data as JSON', async () => {
  const a = await signedIn('citizen@demo.tinhso.vn');
  let r = await a.post('/account', { full_name: 'Nguyễn Thị Lan Anh', phone: '+84 912 000 111' });
  assert.equal(r.status, 303);
  r = await a.get('/account');
  assert.match(htmlText(r.text), /Nguyễn Thị Lan Anh/);
  r = await a.get('/account/data.json');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-disposition'], /^attachment/);
  const data = r.json();
  assert.equal(data.account.email, 'citizen@demo.tinhso.vn');
  assert.equal(data.account.full_name, 'Nguyễn Thị Lan Anh');
  assert.ok(Array.isArray(data.sessions) && data.sessions.length >= 1);
  assert.ok(!JSON.stringify(data).includes('argon2'), 'no password hash');
});

test('password reset: same answer for unknown addresses, single-use link, sessions revoked', async () => {
  const anon = new Agent(base);
  await anon.get('/password/forgot');
  const unknown = await anon.post('/password/forgot', { email: 'nobody@example.vn' });
  const known = await anon.post('/password/forgot', { email: 'specialist@demo.tinhso.vn' });
  assert.equal(unknown.status, known.status);
  assert.equal(htmlText(unknown.text).replace(/\s+/g, ' '), htmlText(known.text).replace(/\s+/g, ' '));

  const before = await signedIn('specialist@demo.tinhso.vn');
  const token = await mailedToken('specialist@demo.tinhso.vn', '/password/reset');
  const a = new Agent(base);
  await a.get(`/password/reset?token=${token}`);
  let r = await a.post('/password/reset', { token, password: 'short' });
  assert.equal(r.status, 422);
  r = await a.post('/password/reset', { token, password: 'sông Lô chảy qua Việt Trì' });
  assert.equal(r.status, 200);
  r = await a.post('/password/reset', { token, password: 'sông Lô chảy qua Việt Trì 2' });
  assert.equal(r.status, 400, 'single use');
  assert.equal((await before.get('/account')).status, 303, 'earlier sessions are revoked');
  r = await new Agent(base).login('specialist@demo.tinhso.vn', 'sông Lô chảy qua Việt Trì');
  assert.equal(r.status, 303);
});

test('staff whose role needs a second factor are sent to /account/2fa after the password', async () => {
  const a = new Agent(base);
  const r = await a.login('admin@demo.tinhso.vn', DEMO_PASSWORD);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account/2fa');
});

// Last: it leaves a cool-down behind for this account.
test('brute force: growing delays, then a cool-down after 10 failures, told in plain words', async () => {
  const a = new Agent(base);
  await a.get('/login');
  const statuses = [];
  let r;
  for (let i = 0; i < 10; i++) {
    r = await a.post('/login', { email: 'leader@demo.tinhso.vn', password: `wrong password ${i}` });
    statuses.push(r.status);
  }
  assert.equal(statuses[0], 401);
  assert.ok(statuses.includes(429), `a delay was imposed: ${statuses}`);
  assert.match(htmlText(r.text), /tạm khóa đăng nhập/);
  r = await a.post('/login', { email: 'leader@demo.tinhso.vn', password: DEMO_PASSWORD });
  assert.equal(r.status, 429, 'even the right password waits out the cool-down');
  assert.match(htmlText(r.text), /phút/);
  const en = await a.post('/login', { email: 'leader@demo.tinhso.vn', password: DEMO_PASSWORD }, { headers: { 'accept-language': 'en' } });
  assert.match(htmlText(en.text), /too many wrong sign-in attempts/);
});
