// Identity end to end (issue 3 §2–§6, §10): registration with e-mail confirmation through the SMTP
// sink, sign-in and sign-out, sessions, CSRF, profile, password reset, brute-force cool-down; and
// issue 12 §3, §4, §6, §7, §8, §10: no hashing before the cheap checks (observed through the
// /metrics count of password hashes, never through timing: bench/identity_timing.sh times it), the
// same work whether or not an address has an account, grants within the granter's reach, no live
// token kept in the outbox or the access log, per-recipient and per-address (IPv6 /64) limits,
// pruned sign-in failures, and a second factor for every staff account. The server trusts
// 127.0.0.1 as a proxy, so a test speaks from the address it puts in X-Forwarded-For.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { assertCleanExit, startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully, totp } from '../lib/totp.mjs';
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
  srv = await startServer({ db, args: ['--smtp', `127.0.0.1:${sink.port}`, '--public-url', PUBLIC_URL, '--trusted-proxy', '127.0.0.1'] });
  base = srv.url;
});
after(async () => {
  try {
    assert.ok(srv, 'the server started');
    assertCleanExit(await srv.stop(), srv.logs());
  } finally {
    await sink?.stop();
    await db?.drop().catch(() => {});
  }
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
  assert.match(r.text, /<form method="post" action="\/register\/confirm">/, 'the link opens a page with a button');
  r = await a.post('/register/confirm', { token });
  assert.equal(r.status, 200);
  assert.match(htmlText(r.text), /Đã xác nhận tài khoản/);
  r = await a.post('/register/confirm', { token });
  assert.equal(r.status, 400, 'the link works once');
  assert.equal((await a.get(`/register/confirm?token=${token}`)).status, 400, 'a spent link says so at once');

  r = await a.login(email, password);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/dossiers/mine', 'a citizen lands on their dossiers');
  const cookie = [].concat(r.headers['set-cookie']).find((c) => c.startsWith('tinhso_session='));
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  assert.match(cookie, /Path=\//);
  r = await a.get('/account');
  assert.equal(r.status, 200);
  assert.match(htmlText(r.text), /Nguyễn Thị Lan/);
});

// A mail scanner or a link preview follows every link of a message with a GET: the confirmation
// link's GET shows a button, and only its POST (with the anonymous CSRF token) spends the token.
test('a sign-in with an address over 254 bytes of accented letters is refused, never a 500', async () => {
  // The gate keeps the first 254 bytes; a cut inside "ạ" (3 bytes) was invalid UTF-8, which
  // PostgreSQL refused: a 500 (found by the route fuzzer).
  const a = new Agent(base);
  for (const email of ['ạ'.repeat(100), `${'ạ'.repeat(90)}@demo.tinhso.vn`, 'a'.repeat(300)]) {
    const r = await a.login(email, 'Sai-Mat-Khau-2025');
    assert.equal(r.status, 401, `${email.length} characters`);
  }
});

test('a GET of the confirmation link confirms nothing', async () => {
  const a = await visitor('198.51.100.91', '/register');
  const email = 'quet.thu@example.vn';
  const password = 'cầu Việt Trì bắc qua sông Lô';
  assert.equal((await a.post('/register', { full_name: 'Đinh Văn Quét', email, phone: '', citizen_id: '025190006666', password })).status, 200);
  const token = await mailedToken(email, '/register/confirm');
  const scanner = new Agent(base);
  assert.equal((await scanner.get(`/register/confirm?token=${token}`)).status, 200);
  assert.equal(await one(`SELECT status FROM accounts WHERE email = '${email}'`), 'unconfirmed', 'the GET confirmed the account');
  assert.equal((await scanner.get(`/register/confirm?token=${token}`)).status, 200, 'the GET spent the token');
  assert.equal((await new Agent(base).login(email, password)).status, 403, 'not yet confirmed');

  const page = await a.get(`/register/confirm?token=${token}`);
  assert.equal(page.status, 200);
  assert.equal(/name="token" value="([^"]*)"/.exec(page.text)?.[1], token, 'the button posts the token');
  assert.match(htmlText(page.text), /Xác nhận tài khoản/);
  const en = await new Agent(base).get(`/register/confirm?token=${token}`, { headers: { 'accept-language': 'en' } });
  assert.match(htmlText(en.text), /Confirm my account/);
  const noCsrf = await new Agent(base).post('/register/confirm', { token });
  assert.equal(noCsrf.status, 403, 'the POST needs the anonymous CSRF token');
  assert.equal((await a.post('/register/confirm', { token: 'made-up' })).status, 400);
  const r = await a.post('/register/confirm', { token });
  assert.equal(r.status, 200);
  assert.match(htmlText(r.text), /Đã xác nhận tài khoản/);
  assert.equal(await one(`SELECT status FROM accounts WHERE email = '${email}'`), 'active');
  assert.equal((await new Agent(base).login(email, password)).status, 303);

  // The reset link is already so: its GET shows the form, only the POST spends the token.
  await a.get('/password/forgot');
  assert.equal((await a.post('/password/forgot', { email })).status, 200);
  const reset = await mailedToken(email, '/password/reset');
  for (let i = 0; i < 2; i++) assert.equal((await scanner.get(`/password/reset?token=${reset}`)).status, 200);
  const b = new Agent(base);
  await b.get(`/password/reset?token=${reset}`);
  assert.equal((await b.post('/password/reset', { token: reset, password: 'đền Hùng trên núi Nghĩa Lĩnh' })).status, 200, 'the GETs spent nothing');
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

// ---- issue 12 -----------------------------------------------------------------------------------

const sqlText = (v) => `'${String(v).replace(/'/g, "''")}'`;
const one = async (sql) => (await db.exec(sql)).trim();
// Argon2id hashes and verifications the server has computed since it started (/metrics).
async function hashCount() {
  const r = await get(base, '/metrics');
  const m = /^tinhso_password_hashes (\d+)$/m.exec(r.text);
  assert.ok(m, 'the /metrics count of password hashes');
  return Number(m[1]);
}
const outboxCount = async (to) => Number(await one(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ${sqlText(to)}`));
// An anonymous visitor speaking from `address` (X-Forwarded-For through the trusted proxy).
async function visitor(address, page) {
  const a = new Agent(base);
  const headers = { 'x-forwarded-for': address };
  const agent = {
    get: (p) => a.get(p, { headers }),
    post: (p, f, opts = {}) => a.post(p, f, { ...opts, headers: { ...headers, ...opts.headers } }),
  };
  await agent.get(page);
  return agent;
}
async function until(fn, what, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('§3: a reset with a made-up token is refused before any password is hashed', async () => {
  const a = await visitor('198.51.100.31', '/password/reset?token=x');
  const before = await hashCount();
  for (let i = 0; i < 3; i++) {
    const r = await a.post('/password/reset', { token: `made-up-token-${i}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, password: 'một mật khẩu mới đủ dài' });
    assert.equal(r.status, 400);
    assert.match(htmlText(r.text), /không còn hiệu lực/);
  }
  assert.equal(await hashCount(), before, 'no argon2id work for a bad token');
});

test('§4: registering a taken address does the same work and gives the same answer as a new one', async () => {
  const a = await visitor('198.51.100.41', '/register');
  const form = (email) => ({ full_name: 'Đinh Văn Tú', email, phone: '', citizen_id: '025190004444', password: 'đền Hùng mùa lễ hội 2025' });
  let before = await hashCount();
  const fresh = await a.post('/register', form('tu.dinh@example.vn'));
  assert.equal(await hashCount(), before + 1, 'a new address: one hash');
  before = await hashCount();
  const taken = await a.post('/register', form('citizen@demo.tinhso.vn'));
  assert.equal(await hashCount(), before + 1, 'a taken address: one hash too');
  assert.equal(taken.status, fresh.status);
  const words = (r) => htmlText(r.text).replace(/\s+/g, ' ').replace(/\S+@\S+/g, '@');
  assert.equal(words(taken), words(fresh));
  assert.equal(await outboxCount('tu.dinh@example.vn'), 1, 'the new address gets its confirmation link');
  assert.equal(await outboxCount('citizen@demo.tinhso.vn'), 1, 'the owner of the taken address is told of the attempt');
  const m = await sink.waitFor((x) => x.to.includes('citizen@demo.tinhso.vn'), 15_000);
  assert.ok(!/token=/.test(m.text), 'the notice to the owner carries no link that acts');
});

test('/password/forgot: a blank or malformed address is an error at the field, naming it (issue 14 §2)', async () => {
  const a = await visitor('198.51.100.43', '/password/forgot');
  for (const email of ['', '   ', 'khong-phai-dia-chi']) {
    const r = await a.post('/password/forgot', { email });
    assert.equal(r.status, 422, JSON.stringify(email));
    assert.match(r.text, /<input id="email" name="email" type="email"[^>]* aria-invalid="true" aria-describedby="email-error">/);
    assert.match(r.text, /<p id="email-error" class="field-error">[^<]*địa chỉ thư điện tử[^<]*<\/p>/i);
    assert.match(r.text, /<a href="#email">/, 'the summary links to the field');
  }
  // The confirmation resend keeps its own answer (the same notice for any address), never the
  // reset form.
  const b = await visitor('198.51.100.44', '/register');
  const resent = await b.post('/register/resend', { email: 'khong-phai-dia-chi' });
  assert.equal(resent.status, 200);
  assert.ok(!resent.text.includes('action="/password/forgot"'), 'no password-reset form on a resend');
});

test('§4: /password/forgot does the same work for an unknown address as for a known one', async () => {
  const a = await visitor('198.51.100.42', '/password/forgot');
  const known = await a.post('/password/forgot', { email: 'inspector@demo.tinhso.vn' });
  const unknown = await a.post('/password/forgot', { email: 'khong.co.ai@example.vn' });
  assert.equal(unknown.status, known.status);
  assert.equal(htmlText(unknown.text), htmlText(known.text));
  assert.equal(await outboxCount('inspector@demo.tinhso.vn'), 1);
  assert.equal(await outboxCount('khong.co.ai@example.vn'), 1, 'an unknown address is told it has no account');
});

test('§6: an administrator of one agency cannot grant province-wide roles', async () => {
  const agency = await one("SELECT id FROM agencies WHERE code = 'SO-TTTT'");
  const admin = await signInFully(base, 'admin@demo.tinhso.vn', DEMO_PASSWORD);
  await admin.get('/admin/accounts');
  const localPassword = 'quản trị viên của sở 2025';
  let r = await admin.post('/admin/accounts', { full_name: 'Quản Trị Sở', email: 'quantri.so@example.vn', agency_id: agency, roles: 'administrator', password: localPassword });
  assert.equal(r.status, 303, 'the province-wide administrator creates an agency administrator');
  const local = await signInFully(base, 'quantri.so@example.vn', localPassword);
  await local.get('/admin/accounts');
  for (const role of ['inspector', 'province_leader', 'auditor']) {
    r = await local.post('/admin/accounts', { full_name: `Thử ${role}`, email: `${role}.so@example.vn`, agency_id: agency, roles: role });
    assert.equal(r.status, 403, `an agency administrator grants ${role}`);
    assert.equal(await one(`SELECT COUNT(*) FROM accounts WHERE email = '${role}.so@example.vn'`), '0');
  }
  r = await local.post('/admin/accounts', { full_name: 'Chuyên Viên Sở', email: 'chuyenvien.so@example.vn', agency_id: agency, roles: 'specialist' });
  assert.equal(r.status, 303, 'a role within the agency is granted');
  assert.equal(await one("SELECT r.role FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE a.email = 'chuyenvien.so@example.vn'"), 'specialist');
  // A role named twice (a repeated checkbox, as the route fuzzer sends) is granted once, not a 500.
  r = await local.post('/admin/accounts', [['full_name', 'Chuyên Viên Hai'], ['email', 'chuyenvien2.so@example.vn'],
    ['agency_id', agency], ['roles', 'specialist'], ['roles', 'specialist']]);
  assert.equal(r.status, 303, 'a repeated role is one grant');
  assert.equal(await one("SELECT COUNT(*) FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE a.email = 'chuyenvien2.so@example.vn'"), '1');
});

test('§7: sent reset and confirmation links leave no live token in mail_outbox or the access log', async () => {
  const a = await visitor('198.51.100.71', '/password/forgot');
  await a.post('/password/forgot', { email: 'auditor@demo.tinhso.vn' });
  const reset = await mailedToken('auditor@demo.tinhso.vn', '/password/reset');
  const r = await a.post('/register', { full_name: 'Lò Thị Mây', email: 'may.lo@example.vn', phone: '', citizen_id: '025190007777', password: 'ruộng bậc thang mùa nước đổ' });
  assert.equal(r.status, 200);
  const confirm = await mailedToken('may.lo@example.vn', '/register/confirm');
  for (const to of ['auditor@demo.tinhso.vn', 'may.lo@example.vn']) {
    await until(async () => (await one(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ${sqlText(to)} AND sent_at IS NULL`)) === '0', `${to}: sent`);
  }
  const bodies = await one("SELECT body FROM mail_outbox WHERE to_addr IN ('auditor@demo.tinhso.vn', 'may.lo@example.vn')");
  assert.ok(bodies.length > 0);
  assert.ok(!bodies.includes(reset) && !bodies.includes(confirm), `no token in a sent body:\n${bodies}`);
  assert.equal((await a.get(`/password/reset?token=${reset}`)).status, 200);
  assert.equal((await a.get(`/register/confirm?token=${confirm}`)).status, 200, 'the link still works');
  assert.equal((await a.post('/register/confirm', { token: confirm })).status, 200, 'and confirms');
  const log = srv.accessLog().join('\n');
  assert.ok(log.includes('/password/reset?token='), 'the request is logged');
  assert.ok(!log.includes(reset) && !log.includes(confirm), 'without its token');
});

test('§8: /password/forgot and /register/resend send at most 3 mails an hour to one address', async () => {
  const a = await visitor('198.51.100.81', '/password/forgot');
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await a.post('/password/forgot', { email: 'province@demo.tinhso.vn' })).status);
  assert.equal(await outboxCount('province@demo.tinhso.vn'), 3, `statuses ${statuses}`);
  assert.deepEqual(statuses.slice(3), Array(7).fill(429));
  const b = await visitor('198.51.100.82', '/register');
  await b.post('/register', { full_name: 'Hà Văn Sơn', email: 'son.ha@example.vn', phone: '', citizen_id: '025190008888', password: 'núi Nghĩa Lĩnh mây trắng bay' });
  const resent = [];
  for (let i = 0; i < 10; i++) resent.push((await b.post('/register/resend', { email: 'son.ha@example.vn' })).status);
  assert.equal(await outboxCount('son.ha@example.vn'), 3, `statuses ${resent}`);
  const en = await b.post('/register/resend', { email: 'son.ha@example.vn' }, { headers: { 'accept-language': 'en' } });
  assert.equal(en.status, 429);
  assert.match(htmlText(en.text), /too many|try again/i);
});

test('§8: the per-address limit of mail-sending forms counts an IPv6 client by its /64', async () => {
  const statuses = [];
  for (let i = 1; i <= 21; i++) {
    const a = await visitor(`2001:db8:812:1::${i.toString(16)}`, '/password/forgot');
    statuses.push((await a.post('/password/forgot', { email: `ai.do.${i}@example.vn` })).status);
  }
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(200));
  assert.equal(statuses[20], 429, '21 requests from one /64 in an hour');
  const other = await visitor('2001:db8:812:2::1', '/password/forgot');
  assert.equal((await other.post('/password/forgot', { email: 'ai.do.x@example.vn' })).status, 200, 'the next /64 is apart');
});

test('§8: sign-in failures are counted per IPv6 /64, and old ones are pruned', async () => {
  await db.exec(`INSERT INTO login_failures (at, email_key, address) VALUES ${Array.from({ length: 50 }, (_, i) => `('2000-01-01T00:00:${String(i).padStart(2, '0')}Z', 'old@example.vn', '192.0.2.1')`).join(', ')}`);
  // Two failures from two addresses of one /64 are stored under the one bucket.
  for (const i of [1, 2]) {
    const a = await visitor(`2001:db8:813:7::${i}`, '/login');
    assert.equal((await a.post('/login', { email: `lac.${i}@example.vn`, password: 'không phải mật khẩu' })).status, 401);
  }
  assert.equal(await one("SELECT COUNT(DISTINCT address) FROM login_failures WHERE email_key LIKE 'lac.%'"), '1');
  assert.equal(await one("SELECT MAX(address) FROM login_failures WHERE email_key LIKE 'lac.%'"), '2001:db8:813:7::/64');
  assert.equal(await one("SELECT COUNT(*) FROM login_failures WHERE at < '2001-01-01'"), '0', 'year-old failures pruned');
  // 23 more failures of that /64 just now (25 in all, 5 over the 20 free ones: an 8 s wait, so
  // no timing of this test matters): the next attempt from any other address of the /64 waits.
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await db.exec(`INSERT INTO login_failures (at, email_key, address) VALUES ${Array.from({ length: 23 }, (_, i) => `('${now}', 'lac.x${i}@example.vn', '2001:db8:813:7::/64')`).join(', ')}`);
  const other = await visitor('2001:db8:813:7:ffff:ffff:ffff:1', '/login');
  const r = await other.post('/login', { email: 'lac.99@example.vn', password: 'không phải mật khẩu' });
  assert.equal(r.status, 429, 'another address of the same /64 waits');
  const elsewhere = await visitor('2001:db8:814::1', '/login');
  assert.equal((await elsewhere.post('/login', { email: 'lac.99@example.vn', password: 'không phải mật khẩu' })).status, 401,
    'the next /64 is another client');
});

test('§8: a sign-in flood from other addresses does not lock the owner out (ASVS 5.0 6.1.1, 6.3.1)', async () => {
  const email = 'province@demo.tinhso.vn';
  const flooder = await visitor('198.51.100.7', '/login');
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await flooder.post('/login', { email, password: `đoán ${i}` })).status);
  assert.equal(statuses[9], 429, `ten failures cool this address down: ${statuses}`);
  assert.equal((await flooder.post('/login', { email, password: DEMO_PASSWORD })).status, 429, 'the flooding address waits');
  // 60 more failures on the account from 60 other addresses, within the window.
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await db.exec(`INSERT INTO login_failures (at, email_key, address) VALUES ${Array.from({ length: 60 }, (_, i) => `('${now}', '${email}', '203.0.113.${i + 1}')`).join(', ')}`);
  const owner = await visitor('2001:db8:77:1::5', '/login');
  const r = await owner.post('/login', { email, password: DEMO_PASSWORD });
  assert.equal(r.status, 303, `the owner's address never failed, so it signs in: ${htmlText(r.text)}`);
  const failedOnce = await visitor('203.0.113.1', '/login');
  assert.equal((await failedOnce.post('/login', { email, password: DEMO_PASSWORD })).status, 429,
    'an address that failed on an account with 50+ failures waits out the account-wide cool-down');
});

test('§10: one-stop officers and specialists pass a second factor too (ASVS 5.0 V6.3.3)', async () => {
  for (const email of ['officer@demo.tinhso.vn', 'specialist@demo.tinhso.vn']) {
    const a = new Agent(base);
    const r = await a.login(email, DEMO_PASSWORD);
    assert.equal(r.status, 303, email);
    assert.equal(r.headers.location, '/account/2fa', `${email} is asked for a second factor`);
    const desk = await a.get('/account');
    assert.equal(desk.status, 303, `${email}: nothing before the second factor`);
  }
  const full = await signInFully(base, 'officer@demo.tinhso.vn', DEMO_PASSWORD);
  assert.equal((await full.get('/account')).status, 200, 'the shared helper completes it');
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

// BLAKE2b-256 of a message of at most 128 bytes, unkeyed (RFC 7693), for checking that the server
// does not store the plain hash of a recovery code.
function blake2b256(text) {
  const M = (1n << 64n) - 1n;
  const IV = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
    0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n];
  const S = ['0123456789abcdef', 'ea489fd61c02b753', 'b8c052fdae367194', '7931dcbe265a40f8',
    '905724afe1bc683d', '2c6a0b834d75fe19', 'c51fed4a0763928b', 'db7ec13950f4862a', '6fe9b308c2d714a5',
    'a2847615fb9e3cd0'].map((r) => [...r].map((c) => parseInt(c, 16)));
  const msg = Buffer.from(text, 'utf8');
  if (msg.length > 128) throw new Error('one block only');
  const block = Buffer.alloc(128);
  msg.copy(block);
  const m = Array.from({ length: 16 }, (_, i) => block.readBigUInt64LE(i * 8));
  const h = IV.slice();
  h[0] ^= 0x01010000n ^ 32n;
  const v = [...h, ...IV];
  v[12] ^= BigInt(msg.length);
  v[14] ^= M;
  const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & M;
  const G = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & M; v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & M; v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & M; v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & M; v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let r = 0; r < 12; r++) {
    const s = S[r % 10];
    G(0, 4, 8, 12, m[s[0]], m[s[1]]); G(1, 5, 9, 13, m[s[2]], m[s[3]]);
    G(2, 6, 10, 14, m[s[4]], m[s[5]]); G(3, 7, 11, 15, m[s[6]], m[s[7]]);
    G(0, 5, 10, 15, m[s[8]], m[s[9]]); G(1, 6, 11, 12, m[s[10]], m[s[11]]);
    G(2, 7, 8, 13, m[s[12]], m[s[13]]); G(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  const out = Buffer.alloc(64);
  for (let i = 0; i < 8; i++) out.writeBigUInt64LE(h[i] ^ v[i] ^ v[i + 8], i * 8);
  return out.subarray(0, 32).toString('hex');
}

test('6.5.2: recovery codes are stored keyed, never as their plain BLAKE2b; a code stored the old way still works once', async () => {
  const email = 'inspector@demo.tinhso.vn';
  const passwordStep = async (address) => {
    const a = await visitor(address, '/login');
    const r = await a.post('/login', { email, password: DEMO_PASSWORD });
    assert.equal(r.status, 303, `${email} signs in from ${address}`);
    assert.equal(r.headers.location, '/account/2fa');
    return a;
  };
  const a = await passwordStep('192.0.2.91');
  const setup = await a.get('/account/2fa/setup');
  const secret = /id="totp-secret">([A-Z2-7=]+)</.exec(setup.text)?.[1];
  assert.ok(secret, 'the enrolment page shows the secret');
  const done = await a.post('/account/2fa/setup', { code: totp(secret) });
  assert.equal(done.status, 200);
  const codes = [...done.text.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  const account = await one(`SELECT id FROM accounts WHERE email = ${sqlText(email)}`);
  const stored = (await db.exec(`SELECT code_hash FROM recovery_codes WHERE account_id = ${account}`)).trim().split(/\s+/);
  assert.equal(stored.length, 10);
  for (const code of codes) assert.ok(!stored.includes(blake2b256(code.replace('-', ''))), 'not the plain BLAKE2b of a code');
  assert.ok(stored.every((h) => /^k1:[0-9a-f]{64}$/.test(h)), `keyed hashes: ${stored}`);

  const b = await passwordStep('192.0.2.92');
  await b.get('/account/2fa');
  assert.equal((await b.post('/account/2fa', { code: codes[0].toUpperCase() })).status, 303, 'a recovery code signs in');
  const again = await passwordStep('192.0.2.93');
  await again.get('/account/2fa');
  assert.equal((await again.post('/account/2fa', { code: codes[0] })).status, 422, 'a used code is refused');

  // A code stored before the key (plain BLAKE2b-256 of "abcdefgh") is accepted, once.
  await db.exec(`INSERT INTO recovery_codes (account_id, code_hash, used_at) VALUES (${account}, '${blake2b256('abcdefgh')}', NULL)`);
  const c = await passwordStep('192.0.2.94');
  await c.get('/account/2fa');
  assert.equal((await c.post('/account/2fa', { code: 'abcd-efgh' })).status, 303, 'an old code still signs in');
  assert.equal(await one(`SELECT COUNT(*) FROM recovery_codes WHERE account_id = ${account} AND used_at IS NULL`), '9');
});
