// Petitions, issue 14 §6, over HTTP: the kind is chosen first (each explained), a complaint or a
// denunciation asks a visitor to sign in before any text is written and the sign-in comes back to
// its form; every submission ends on a confirmation panel with what happens next; feedback sent
// without an account is followed by its code and a key shown once (only a hash stored) on the
// public look-up, which shows state, answer and history but no name, contact, text or internal
// note, answers a wrong code and a wrong key alike, and counts failures per address and code like
// the dossier look-up. Hostile parameters are answered, never with a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { totp } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

// The clock stands still so the look-up's hour cannot turn; a trusted proxy gives each test
// client an address of its own.
const NOW = '2026-11-27T03:20:00Z';
let t;
let base;
let agency;
before(async () => {
  t = await serverFixture('petitions_lookup', {
    args: ['--trusted-proxy', '127.0.0.1', '--fake-now', NOW], env: { TINHSO_TEST_CLOCK: '1' },
  });
  base = t.srv.url;
  agency = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const codeIn = (html) => /PA-\d{6}-\d{6}/.exec(html)?.[0];
const keyIn = (html) => /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(html)?.[0];
const from = (ip) => ({ headers: { 'x-forwarded-for': ip } });
let lastIp = 0;
const freshIp = () => `198.51.100.${++lastIp}`;

// Anonymous feedback through the form, from `ip`; its code and key.
async function sendFeedback(fields = {}, ip = freshIp()) {
  const a = new Agent(base);
  await a.get('/petitions/new?kind=feedback', from(ip));
  const r = await a.post('/petitions', { kind: 'feedback', agency, subject: 'Ổ gà trên đường Hùng Vương',
    content: 'Ổ gà sâu trước số nhà 200', ...fields }, from(ip));
  assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  return { code: codeIn(r.text), key: keyIn(r.text), html: r.text };
}

test('the kind first: four kinds explained, no text field until one is chosen; then its form with the kind kept', async () => {
  const anon = new Agent(base);
  let r = await anon.get('/petitions/new');
  assert.equal(r.status, 200);
  for (const kind of ['feedback', 'recommendation', 'complaint_first', 'denunciation']) {
    assert.match(r.text, new RegExp(`<input type="radio" id="f-kind-${kind}" name="kind" value="${kind}" aria-describedby="f-kind-${kind}-hint"`));
    assert.match(r.text, new RegExp(`<p class="hint" id="f-kind-${kind}-hint">[^<]{60,}`), `${kind} is explained`);
  }
  assert.doesNotMatch(r.text, /name="subject"|<textarea/, 'nothing to write yet');
  assert.match(r.text, /<form method="get" action="\/petitions\/new"/, 'the choice works without JavaScript');
  assert.match(plain(r.text), /Phản ánh và kiến nghị có thể gửi không cần tài khoản/);

  r = await anon.get('/petitions/new?kind=feedback');
  assert.equal(r.status, 200);
  assert.match(r.text, /<input type="hidden" name="kind" value="feedback">/);
  assert.match(r.text, /name="subject"/);
  assert.match(plain(r.text), /Gửi phản ánh/);
  assert.match(r.text, /href="\/petitions\/new\?change=feedback"/, 'a way back to change the kind');
  r = await anon.get('/petitions/new?change=feedback');
  assert.match(r.text, /id="f-kind-feedback" name="kind" value="feedback"[^>]* checked>/, 'the kind still chosen');

  r = await anon.get('/petitions/new?kind=', { headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 422, 'none chosen');
  assert.match(r.text, /<div class="field has-error">/);
  assert.match(r.text, /<a href="#f-kind">/);
});

test('a complaint or denunciation asks a visitor to sign in before writing; the sign-in comes back to the form', async () => {
  const anon = new Agent(base);
  for (const [kind, title] of [['complaint_first', 'Đăng nhập để gửi khiếu nại'], ['denunciation', 'Đăng nhập để gửi tố cáo']]) {
    const r = await anon.get(`/petitions/new?kind=${kind}`);
    assert.equal(r.status, 200);
    const text = plain(r.text);
    assert.match(text, new RegExp(title));
    assert.match(text, /họ tên, địa chỉ/, 'why: the law requires the identity');
    assert.doesNotMatch(r.text, /name="subject"|<textarea/, 'nothing typed, nothing lost');
    assert.match(r.text, new RegExp(`href="/login\\?next=%2Fpetitions%2Fnew%3Fkind%3D${kind}"`));
    assert.match(r.text, /href="\/register"/);
  }
  // Signing in with that link lands on the complaint's form.
  const c = new Agent(base);
  await c.get('/login?next=%2Fpetitions%2Fnew%3Fkind%3Dcomplaint_first');
  const login = await c.post('/login', { email: 'citizen@demo.tinhso.vn', password: PW, next: '/petitions/new?kind=complaint_first' });
  assert.equal(login.status, 303);
  assert.equal(login.headers.location, '/petitions/new?kind=complaint_first');
  const form = await c.get(login.headers.location);
  assert.equal(form.status, 200);
  assert.match(form.text, /<input type="hidden" name="kind" value="complaint_first">/);
  assert.match(form.text, /id="f-name" name="name" value="[^"]+"[^>]* required/, 'the name, filled from the account, required');
  assert.match(form.text, /id="f-address" name="address"[^>]* required/);

  // Staff: told that complaints online need a citizen account, no form.
  // (Enrolled with a code of the server's standing clock.)
  const inspector = new Agent(base);
  assert.equal((await inspector.login('inspector@demo.tinhso.vn', PW)).status, 303);
  const secret = /id="totp-secret">([A-Z2-7=]+)</.exec((await inspector.get('/account/2fa/setup')).text)?.[1];
  assert.equal((await inspector.post('/account/2fa/setup', { code: totp(secret, Date.parse(NOW)) })).status, 200);
  const staff = await inspector.get('/petitions/new?kind=denunciation');
  assert.equal(staff.status, 200);
  assert.match(plain(staff.text), /chỉ gửi được bằng tài khoản công dân/);
  assert.doesNotMatch(staff.text, /<textarea/);
});

test('errors at the field and in the summary, each naming its field; one primary button', async () => {
  const c = new Agent(base);
  assert.equal((await c.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await c.get('/petitions/new?kind=complaint_first');
  const r = await c.post('/petitions', { kind: 'complaint_first', agency: '999999', subject: '', content: '', name: '',
    address: '', contact: 'x'.repeat(301) });
  assert.equal(r.status, 422);
  const fields = { agency: /cơ quan nhận/, subject: /tiêu đề/, content: /nội dung/, name: /họ và tên/, address: /địa chỉ/,
    contact: /Điện thoại hoặc thư điện tử quá dài/ };
  for (const [fld, named] of Object.entries(fields)) {
    const at = new RegExp(`<p class="field-error" id="f-${fld}-error"><span class="visually-hidden">Lỗi: </span>([^<]+)</p>`).exec(r.text);
    assert.ok(at, `an error at ${fld}`);
    assert.match(at[1], named, `the message at ${fld} names it`);
    assert.match(r.text, new RegExp(`<li><a href="#f-${fld}">`), `${fld} in the summary`);
    assert.match(r.text, new RegExp(`id="f-${fld}"[^>]*aria-describedby="[^"]*f-${fld}-error"[^>]* aria-invalid="true"`));
  }
  assert.equal((r.text.match(/class="button"/g) ?? []).length, 1, 'one primary button');
  assert.match(r.text, /class="button secondary"/);
});

test('after sending: the panel with code and key shown once (only a hash stored) and what happens next; a citizen\'s on its page', async () => {
  const { code, key, html } = await sendFeedback();
  assert.ok(code && key, 'code and key shown');
  assert.match(html, /<div class="panel-confirmation">/);
  const text = plain(html);
  assert.match(text, /Điều gì xảy ra tiếp theo/);
  assert.match(text, /5 ngày làm việc/);
  assert.match(text, /Cơ quan sẽ thông báo kết quả xử lý đơn chậm nhất vào ngày \d\d\/\d\d\/\d{4}/);
  assert.match(html, new RegExp(`href="/petitions/lookup\\?code=${code}"`));
  assert.match(text, /chỉ hiện một lần/);
  const hash = await one(`SELECT lookup_key_hash FROM petitions WHERE code = '${code}'`);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const dump = await t.db.dump();
  assert.ok(!dump.includes(key) && !dump.includes(key.replaceAll('-', '')), 'the key itself is stored nowhere');

  const c = new Agent(base);
  assert.equal((await c.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await c.get('/petitions/new?kind=feedback');
  const r = await c.post('/petitions', { kind: 'feedback', agency, subject: 'Cây đổ chắn đường', content: 'Cây đổ ở ngõ 3' });
  assert.equal(r.status, 303);
  const mine = /^\/petitions\/(PA-\d{6}-\d{6})\?sent=1$/.exec(r.headers.location)?.[1];
  assert.ok(mine, r.headers.location);
  assert.equal(await one(`SELECT COALESCE(lookup_key_hash, 'none') FROM petitions WHERE code = '${mine}'`), 'none', 'followed under "Đơn của tôi"');
  const page = await c.get(r.headers.location);
  assert.match(page.text, /<div class="panel-confirmation">/);
  assert.match(plain(page.text), /Điều gì xảy ra tiếp theo/);
  assert.match(page.text, /<a href="\/petitions\/mine">Đơn của tôi<\/a>/);
  assert.match(page.text, /<strong class="tag tag-new">Đã nhận<\/strong>/);
  assert.match(page.text, /<dl class="summary-list">/);
  assert.doesNotMatch(plain(page.text), /\d{4}-\d\d-\d\dT/, 'no ISO time shown');
  assert.doesNotMatch((await c.get(`/petitions/${mine}`)).text, /panel-confirmation/, 'the panel only just after sending');
});

test('the look-up: the right key shows state, answer and history without a name, contact, text or internal note', async () => {
  const who = { name: 'Nguyễn Văn Riêngtư', contact: '0988 777 666', subject: 'Tiêu đề riêng của người gửi', content: 'Nội dung riêng có số nhà 42' };
  const { code, key } = await sendFeedback(who);
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  // The desk's work on it: an internal note, a verification note, a comment, then the decision.
  await t.db.exec(`INSERT INTO petition_events (petition_id, at, role, action, from_state, to_state, note) VALUES
    (${id}, '2026-11-27T03:00:00Z', 'specialist', 'classify', 'received', 'classified', 'GHI CHÚ NỘI BỘ phân loại'),
    (${id}, '2026-11-27T03:05:00Z', 'specialist', 'verify', 'classified', 'classified', 'Xác minh tại nhà ông Riêngtư'),
    (${id}, '2026-11-27T03:06:00Z', 'open311', 'comment', 'classified', 'classified', 'Bình luận của người khác'),
    (${id}, '2026-11-27T03:10:00Z', 'agency_leader', 'decide', 'classified', 'decided', 'Văn bản trả lời số 9/SKHCN')`);
  await t.db.exec(`UPDATE petitions SET state = 'decided' WHERE id = ${id}`);
  const anon = new Agent(base);
  const r = await anon.get(`/petitions/lookup?code=${code}&key=${encodeURIComponent(key.toLowerCase().replaceAll('-', ' '))}`, from(freshIp()));
  assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  assert.equal(r.headers['cache-control'], 'no-store');
  const text = plain(r.text);
  assert.match(r.text, /<strong class="tag tag-done">Đã có kết luận<\/strong>/);
  assert.match(text, /Văn bản trả lời số 9\/SKHCN/, 'the answer');
  assert.match(text, /Tiếp nhận/);
  assert.match(text, /Phân loại/);
  for (const secret of [...Object.values(who), 'GHI CHÚ NỘI BỘ', 'Xác minh tại nhà', 'Bình luận của người khác', 'Riêngtư'])
    assert.ok(!text.includes(secret), `the look-up shows no "${secret}"`);
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT/, 'no ISO time shown');

  // A citizen's petition has no key: never found.
  const citizens = await one("SELECT code FROM petitions WHERE lookup_key_hash IS NULL ORDER BY id LIMIT 1");
  assert.equal((await anon.get(`/petitions/lookup?code=${citizens}&key=${key}`, from(freshIp()))).status, 404);
});

test('the look-up: a wrong code and a wrong key get one message; failures limited per address and code, then 429', async () => {
  const { code, key } = await sendFeedback();
  const other = await sendFeedback();
  const ip = freshIp();
  const anon = new Agent(base);
  const wrongKey = await anon.get(`/petitions/lookup?code=${code}&key=${other.key}`, from(ip));
  const wrongCode = await anon.get(`/petitions/lookup?code=PA-000000-000000&key=${key}`, from(ip));
  assert.equal(wrongKey.status, 404);
  assert.equal(wrongCode.status, 404);
  const message = (r) => /<p class="field-error" id="f-code-error">(.*?)<\/p>/.exec(r.text)?.[1];
  assert.ok(message(wrongKey));
  assert.equal(message(wrongKey), message(wrongCode), 'the same message: it does not tell which was wrong');
  assert.match(plain(wrongKey.text), /Hãy kiểm tra lại cả mã đơn và khóa tra cứu/);
  assert.doesNotMatch(wrongKey.text, /class="summary-list"/);

  // 10 failures of one address on one code, then 429 — even with the right key from there; the
  // right key still works from another address.
  for (let i = 2; i < 10; i++) assert.equal((await anon.get(`/petitions/lookup?code=${code}&key=${other.key}`, from(ip))).status, 404, `failure ${i + 1}`);
  let r = await anon.get(`/petitions/lookup?code=${code}&key=${other.key}`, from(ip));
  assert.equal(r.status, 404, 'the 10th failure on the code from this address');
  r = await anon.get(`/petitions/lookup?code=${code}&key=${key}`, from(ip));
  assert.equal(r.status, 429);
  assert.equal(r.headers['retry-after'], '2400', 'until the hour turns');
  assert.match(plain(r.text), /quá nhiều lần/);
  const en = await anon.get(`/petitions/lookup?code=${code}&key=${key}`, { headers: { 'x-forwarded-for': ip, 'accept-language': 'en' } });
  assert.equal(en.status, 429);
  assert.match(plain(en.text), /too many times/);
  assert.equal((await anon.get(`/petitions/lookup?code=${code}&key=${key}`, from(freshIp()))).status, 200);
  // Counted in the database; no row ties the address to the petition (a denouncer may try their own code).
  assert.ok(Number(await one(`SELECT posts FROM petition_form_usage WHERE bucket = 'lookup|${ip}'`)) >= 10, 'per address');
  assert.ok(Number(await one(`SELECT posts FROM petition_form_usage WHERE bucket = 'lookup-code|${code}'`)) >= 10, 'per code');
  assert.equal(await one(`SELECT COUNT(*) FROM petition_form_usage WHERE bucket LIKE '%${ip}%' AND bucket LIKE '%${code}%'`), '0');
  assert.ok(Number(await one("SELECT MAX(posts) FROM petition_form_usage WHERE bucket LIKE 'lookup:%'")) >= 10, 'per pair, under a keyed hash');
});

test('the look-up and the kinds take hostile parameters without a 500', async () => {
  const anon = new Agent(base);
  const ip = freshIp();
  const huge = 'A'.repeat(6000);
  const cases = [
    ['/petitions/lookup', 200],
    ['/petitions/lookup?code=PA-1', 200],
    ['/petitions/lookup?code=&key=', 422],
    ['/petitions/lookup?code=PA-1&key=', 422],
    ['/petitions/lookup?code=%20&key=%20', 422],
    ['/petitions/lookup?code=a&code=b&key=c', 400],
    [`/petitions/lookup?code=${huge}&key=${huge}`, 404],
    ['/petitions/lookup?code=%00%FF&key=%E2%80%AE', 400],  // not UTF-8: refused by the core
    ["/petitions/lookup?code=PA-1'%20OR%201=1--&key=x", 404],
    ['/petitions/new?chosen=1', 422],
    ['/petitions/new?kind=complaint_second', 400],
    [`/petitions/new?kind=${huge}`, 400],
    ['/petitions/new?kind=feedback&kind=denunciation', 400],
    [`/petitions/new?change=${huge}`, 200],
    ['/petitions/new?kind=%00', 400],
  ];
  for (const [url, status] of cases) {
    const r = await anon.get(url, from(ip));
    assert.equal(r.status, status, `${url.slice(0, 80)}: ${plain(r.text).slice(0, 200)}`);
  }
  const form = await anon.get('/petitions/lookup?code=&key=');
  assert.match(form.text, /<a href="#f-code">Hãy nhập mã đơn.<\/a>/);
  assert.match(form.text, /<a href="#f-key">Hãy nhập khóa tra cứu.<\/a>/);
});
