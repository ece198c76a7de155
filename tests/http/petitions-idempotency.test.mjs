// Idempotent posts of the online petition form (issue 15 §3): the form page carries a fresh
// idempotency key (hidden field idempotency_key; a client may send an Idempotency-Key header
// instead); a post again with the same key — a lost answer, a node that died mid-request —
// answers with the petition the first post filed (same code), never a second one, even when the
// posts race; a key another sender used is refused (409) and files nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

let t;
let base;
let citizen;
let officer;
let agency;
// Each anonymous test posts from an address of its own (a trusted proxy), so the per-address
// limit of the form is never what answers.
const from = (ip) => ({ headers: { 'x-forwarded-for': ip } });
let lastIp = 0;
const freshIp = () => `198.51.100.${++lastIp}`;

before(async () => {
  t = await serverFixture('petitions_idempotency', { args: ['--trusted-proxy', '127.0.0.1'] });
  base = t.srv.url;
  citizen = new Agent(base);
  assert.equal((await citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await citizen.get('/');
  officer = await signInFully(base, 'officer@demo.tinhso.vn', PW);
  agency = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const codeIn = (html) => /PA-\d{6}-\d{6}/.exec(html)?.[0];
const lookupKeyIn = (html) => /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(html)?.[0];
const formKeyIn = (html) => /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
const rowsWithKey = async (subject) => one(`SELECT COUNT(*) FROM petitions WHERE subject = '${subject}'`);

async function form(agent, kind, opts = {}) {
  const r = await agent.get(`/petitions/new?kind=${kind}`, opts);
  assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  const key = formKeyIn(r.text);
  assert.match(key ?? '', /^[A-Za-z0-9_-]{43}$/, 'the form carries a fresh key');
  return key;
}

test('the form carries a new key each time it is opened', async () => {
  const a = new Agent(base);
  const k1 = await form(a, 'feedback', from(freshIp()));
  const k2 = await form(a, 'feedback', from(freshIp()));
  assert.notEqual(k1, k2);
});

test('anonymous feedback posted twice with its form\'s key: one petition, the same code; the key shown last is the one that works', async () => {
  const ip = freshIp();
  const anon = new Agent(base);
  const key = await form(anon, 'feedback', from(ip));
  const subject = `Đèn đường hỏng ${key.slice(0, 8)}`;
  const fields = { kind: 'feedback', agency, subject, content: 'Ba cột đèn không sáng', idempotency_key: key };
  const first = await anon.post('/petitions', fields, from(ip));
  assert.equal(first.status, 200, plain(first.text).slice(0, 300));
  const again = await anon.post('/petitions', fields, from(ip));
  assert.equal(again.status, 200, plain(again.text).slice(0, 300));
  const code = codeIn(first.text);
  assert.ok(code);
  assert.equal(codeIn(again.text), code, 'the post again answers the same petition');
  assert.equal(await rowsWithKey(subject), '1');
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'petition.receive' AND object_id = '${id}'`), '1');
  assert.equal(await one(`SELECT COUNT(*) FROM petition_events WHERE petition_id = ${id}`), '1');
  assert.equal(await one(`SELECT COUNT(*) FROM petitions WHERE idempotency_hash IS NOT NULL AND id = ${id}`), '1');
  assert.equal(await one(`SELECT COUNT(*) FROM petitions WHERE idempotency_hash = '${key}'`), '0', 'the key itself is not stored');
  // Only the follow-up key's hash was kept: the answer again shows a new key, which replaces the first.
  const k1 = lookupKeyIn(first.text);
  const k2 = lookupKeyIn(again.text);
  assert.ok(k1 && k2);
  assert.notEqual(k1, k2);
  assert.equal((await anon.get(`/petitions/lookup?code=${code}&key=${k2}`, from(freshIp()))).status, 200);
  assert.equal((await anon.get(`/petitions/lookup?code=${code}&key=${k1}`, from(freshIp()))).status, 404);
  // Without the key, the same text is a new petition.
  await form(anon, 'feedback', from(ip));
  const other = await anon.post('/petitions', { ...fields, idempotency_key: '' }, from(ip));
  assert.equal(other.status, 200);
  assert.notEqual(codeIn(other.text), code);
  assert.equal(await rowsWithKey(subject), '2');
});

test('a citizen\'s complaint posted again: the same petition\'s page; a denunciation: the same confirmation', async () => {
  let key = await form(citizen, 'complaint_first');
  const subject = `Khiếu nại ${key.slice(0, 8)}`;
  const fields = { kind: 'complaint_first', agency, subject, content: 'Tôi không đồng ý', name: 'Nguyễn Thị Lan',
    address: 'Việt Trì, Phú Thọ', idempotency_key: key };
  const first = await citizen.post('/petitions', fields);
  assert.equal(first.status, 303, plain(first.text).slice(0, 300));
  assert.match(first.headers.location, /^\/petitions\/PA-\d{6}-\d{6}\?sent=1$/);
  const again = await citizen.post('/petitions', fields);
  assert.equal(again.status, 303);
  assert.equal(again.headers.location, first.headers.location);
  assert.equal(await rowsWithKey(subject), '1');

  key = await form(citizen, 'denunciation');
  const dSubject = `Tố cáo ${key.slice(0, 8)}`;
  const denounce = { ...fields, kind: 'denunciation', subject: dSubject, idempotency_key: key };
  const d1 = await citizen.post('/petitions', denounce);
  assert.equal(d1.status, 200, plain(d1.text).slice(0, 300));
  const d2 = await citizen.post('/petitions', denounce);
  assert.equal(d2.status, 200);
  assert.equal(codeIn(d2.text), codeIn(d1.text));
  assert.equal(await rowsWithKey(dSubject), '1');
  assert.equal(await one(`SELECT COUNT(*) FROM petitions WHERE subject = '${dSubject}' AND filer_account_id IS NULL`), '1',
    'a denunciation still names no account');
});

test('a key another sender used is refused (409) and files nothing', async () => {
  const key = await form(citizen, 'feedback');
  const subject = `Cây đổ ${key.slice(0, 8)}`;
  const fields = { kind: 'feedback', agency, subject, content: 'Cây đổ chắn đường', idempotency_key: key };
  assert.equal((await citizen.post('/petitions', fields)).status, 303);
  const anon = new Agent(base);
  const ip = freshIp();
  await form(anon, 'feedback', from(ip));
  let r = await anon.post('/petitions', fields, from(ip));
  assert.equal(r.status, 409, 'a visitor without an account');
  assert.match(plain(r.text), /Mẫu đơn này đã được dùng để gửi một đơn khác/);
  await officer.get('/petitions/new?kind=feedback');
  r = await officer.post('/petitions', fields);
  assert.equal(r.status, 409, 'another account');
  assert.equal(await rowsWithKey(subject), '1');

  // And the other way round: a visitor's key is not the citizen's.
  const anonKey = await form(anon, 'feedback', from(ip));
  const anonSubject = `Ổ gà ${anonKey.slice(0, 8)}`;
  const anonFields = { kind: 'feedback', agency, subject: anonSubject, content: 'Ổ gà sâu', idempotency_key: anonKey };
  assert.equal((await anon.post('/petitions', anonFields, from(ip))).status, 200);
  await citizen.get('/petitions/new?kind=feedback');
  r = await citizen.post('/petitions', anonFields, { headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 409);
  assert.equal(await rowsWithKey(anonSubject), '1');
});

test('an Idempotency-Key header does what the field does; a malformed key is refused (400) and files nothing', async () => {
  const ip = freshIp();
  const anon = new Agent(base);
  await form(anon, 'feedback', from(ip));
  const key = `client-chosen-${Date.now()}-abcdefgh`;
  const subject = `Rác thải ${key}`;
  const fields = { kind: 'feedback', agency, subject, content: 'Rác chưa được thu gom' };
  const head = { headers: { ...from(ip).headers, 'idempotency-key': key } };
  const first = await anon.post('/petitions', fields, head);
  assert.equal(first.status, 200, plain(first.text).slice(0, 300));
  const again = await anon.post('/petitions', fields, head);
  assert.equal(codeIn(again.text), codeIn(first.text));
  assert.equal(await rowsWithKey(subject), '1');

  for (const bad of ['short', 'x'.repeat(65)]) {
    await form(anon, 'feedback', from(ip));
    const r = await anon.post('/petitions', { ...fields, subject: `${subject} bad`, idempotency_key: bad }, from(ip));
    assert.equal(r.status, 400, bad);
    assert.match(plain(r.text), /Mã chống gửi trùng của mẫu đơn không hợp lệ/);
  }
  assert.equal(await rowsWithKey(`${subject} bad`), '0');
});

test('posts racing with one key (on any node) make one petition, and every answer names it', async () => {
  const ip = freshIp();
  const anon = new Agent(base);
  const key = await form(anon, 'feedback', from(ip));
  const subject = `Ngập nước ${key.slice(0, 8)}`;
  const fields = { kind: 'feedback', agency, subject, content: 'Ngập sau mưa', idempotency_key: key };
  const answers = await Promise.all(Array.from({ length: 6 }, () => anon.post('/petitions', fields, from(ip))));
  for (const r of answers) assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  const codes = new Set(answers.map((r) => codeIn(r.text)));
  assert.equal(codes.size, 1, [...codes].join(' '));
  assert.equal(await rowsWithKey(subject), '1');
});

test('a post again is not counted against the hourly limit of the form', async () => {
  const ip = freshIp();
  const anon = new Agent(base);
  const key = await form(anon, 'feedback', from(ip));
  const fields = { kind: 'feedback', agency, subject: `Giới hạn ${key.slice(0, 8)}`, content: 'Nội dung', idempotency_key: key };
  for (let i = 0; i < 12; i++) assert.equal((await anon.post('/petitions', fields, from(ip))).status, 200, `post ${i + 1}`);
  assert.equal(await one(`SELECT posts FROM petition_form_usage WHERE bucket = '${ip}'`), '1');
});
