// Regressions of issue 12's hostile-input findings, on both databases:
//   §1  a repeated or blank api_key on the Open311 POSTs aborted the whole process (an empty
//       std::optional dereferenced): now a 403 in the spec's error list, and the server lives on;
//       a single-valued form or query field sent twice with different values is a 400 everywhere;
//   §8  control characters (NUL, U+0001, DEL; TAB, LF, CR outside multi-line fields) were stored
//       in names through the forms and the API: now refused centrally with a 400 in the user's
//       language, in urlencoded, multipart and JSON bodies, query strings and path segments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { request, assertHealthy } from '../lib/http.mjs';
import { runCli } from '../lib/server.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo.mjs';

let t;
let base;
let key;  // an issued Open311 key
before(async () => {
  t = await serverFixture('hostile_input');
  base = t.srv.url;
  const r = await runCli(['open311', 'key', 'create', '--db', t.db.url, '--name', 'Hostile input']);
  assert.equal(r.code, 0, r.stderr);
  key = r.stdout.trim();
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }

// The server process is still running and answers /healthz.
async function alive(context) {
  assert.equal(t.srv.process.exitCode, null, `${context}: the server process exited\n${t.srv.logs().slice(-2000)}`);
  assert.equal(t.srv.process.signalCode, null, `${context}: the server process was killed\n${t.srv.logs().slice(-2000)}`);
  await assertHealthy(base, context);
}

// A raw urlencoded body (names may repeat), posted without cookies as an Open311 client does.
const postRaw = (path, body, headers = {}) => request(base, path, { method: 'POST', body,
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } });

test('§1 a blank then a real api_key on POST servicerequestupdates is a 403, not an abort', async () => {
  const r = await postRaw('/open311/v2/servicerequestupdates.json', 'api_key=&api_key=x&service_request_id=PA-1&status=open&description=x');
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(r.json(), [{ code: 403, description: 'api_key: unknown or revoked key' }]);
  await alive('blank then bad api_key on servicerequestupdates');
});

test('§1 the same shape on POST requests is a 403, not an abort', async () => {
  const r = await postRaw('/open311/v2/requests.json',
    'api_key=&api_key=x&service_code=ROAD&lat=21.3&long=105.4&attribute%5Bseverity%5D=minor');
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json()[0].code, 403);
  await alive('blank then bad api_key on requests');
});

test('§1 every repeated or blank api_key shape is a 403 in the asked format; the server lives on', async () => {
  const rest = 'service_code=ROAD&lat=21.3&long=105.4&attribute%5Bseverity%5D=minor';
  const update = 'service_request_id=PA-1&status=open&description=x';
  const cases = [
    ['api_key=', /^api_key: required/],
    ['api_key=%20%20', /^api_key: required/],
    ['api_key=&api_key=', /^api_key: required/],
    ['api_key=+&api_key=%20%20', /^api_key: required/],
    ['api_key=x&api_key=', /^api_key: unknown or revoked key/],
    ['api_key=x&api_key=y', /^api_key: given more than once/],
    [`api_key=&api_key=${key}&api_key=o311_other`, /^api_key: given more than once/],
    [`api_key=${key}&api_key=${key}`, /^api_key: given more than once/],
  ];
  const reports = await one('SELECT COUNT(*) FROM open311_reports');
  for (const [keys, want] of cases) {
    for (const [resource, body] of [['requests', rest], ['servicerequestupdates', update]]) {
      for (const fmt of ['json', 'xml']) {
        const r = await postRaw(`/open311/v2/${resource}.${fmt}`, `${keys}&${body}`);
        assert.equal(r.status, 403, `${resource}.${fmt} ${keys}: ${r.text}`);
        const text = fmt === 'json' ? r.json()[0].description : /<description>([^<]*)<\/description>/.exec(r.text)?.[1];
        assert.match(text ?? '', want, `${resource}.${fmt} ${keys}`);
      }
    }
    await alive(keys);
  }
  assert.equal(await one('SELECT COUNT(*) FROM open311_reports'), reports, 'nothing was stored');
});

test('§1 a blank copy beside the one real api_key does not hide it: the report is filed', async () => {
  const r = await postRaw('/open311/v2/requests.json',
    `api_key=&api_key=${key}&service_code=ROAD&lat=21.3&long=105.4&attribute%5Bseverity%5D=minor`);
  assert.equal(r.status, 201, r.text);
  await alive('blank beside a real key');
});

test('§1 a single-valued parameter sent twice with different values is a 400, blank copies are absent', async () => {
  // Open311 keeps its own error list.
  let r = await request(base, '/open311/v2/requests.json?jurisdiction_id=a&jurisdiction_id=b');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json()[0].code, 400);
  // Pages: the 400 page in the user's language.
  r = await request(base, '/procedures?q=a&q=b');
  assert.equal(r.status, 400);
  assert.match(r.text, /được gửi hai lần với hai giá trị khác nhau/);
  r = await request(base, '/procedures?q=a&q=b', { headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 400);
  assert.match(r.text, /sent twice with two different values/);
  // The same value twice, or a blank copy, is no conflict.
  assert.equal((await request(base, '/procedures?q=a&q=a')).status, 200);
  assert.equal((await request(base, '/procedures?q=&q=a')).status, 200);
  assert.equal((await request(base, '/city-reports?page=&page=2')).status, 200);
  await alive('repeated parameters');
});

// Sign-up forms store a name: the control character must be refused before anything is stored.
test('§8 control characters in a form field are refused with a 400 in the user\'s language; nothing is stored', async () => {
  const form = (fullName) => ({ full_name: fullName, email: `ctl${Math.random().toString(36).slice(2, 10)}@example.vn`,
    phone: '', citizen_id: '025190004321', password: 'đồi chè Thanh Ba mùa xuân 2026' });
  const bad = ['Nguyễn\u0000Văn', 'Nguyễn\u0001Văn', 'Nguyễn\u001fVăn', 'Nguyễn\u007fVăn', 'Nguyễn\nVăn', 'Nguyễn\rVăn', 'Nguyễn\tVăn'];
  for (const name of bad) {
    const a = new Agent(base);
    await a.get('/register');
    const f = form(name);
    const r = await a.post('/register', f);
    assert.equal(r.status, 400, `${JSON.stringify(name)}: ${r.status}`);
    assert.match(r.text, /ký tự điều khiển/, JSON.stringify(name));
    assert.equal(await one(`SELECT COUNT(*) FROM accounts WHERE email = '${f.email}'`), '0', `${JSON.stringify(name)}: no account`);
  }
  const en = new Agent(base);
  await en.get('/register', { headers: { 'accept-language': 'en' } });
  const r = await en.post('/register', form('A\u0001B'), { headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 400);
  assert.match(r.text, /control character/);
  await alive('control characters in /register');
});

test('§8 a signed-in citizen cannot store a control character in their name; multi-line text keeps its line breaks', async () => {
  const a = new Agent(base);
  assert.equal((await a.login(DEMO_ACCOUNTS.citizen, DEMO_PASSWORD)).status, 303);
  await a.get('/account');
  const before = await one(`SELECT full_name FROM accounts WHERE email = '${DEMO_ACCOUNTS.citizen}'`);
  for (const name of ['Lan\u0000', '\u0001Lan', 'Lan\u0008', 'Lan\nThị']) {
    const r = await a.post('/account', { full_name: name, phone: '0912345678' });
    assert.equal(r.status, 400, `${JSON.stringify(name)}: ${r.status}`);
  }
  assert.equal(await one(`SELECT full_name FROM accounts WHERE email = '${DEMO_ACCOUNTS.citizen}'`), before);
  // A query string and a path segment too.
  assert.equal((await a.get('/procedures?q=%01')).status, 400);
  assert.equal((await a.get('/procedures?q=%7F')).status, 400);
  assert.equal((await a.get('/procedures/%01x')).status, 400);
  // JSON: the dossiers API refuses a name with a control character (problem+json, English on request) ...
  await a.get('/account');  // the error pages above are rendered before the session is read
  const json = (body, k) => request(base, '/api/v1/dossiers', { method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', cookie: [...a.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      'x-csrf-token': a.csrf, origin: base, 'idempotency-key': k, 'accept-language': 'en' } });
  const applicant = { procedure: 'XB-TLHC', applicant_name: 'Nguyễn Thị Lan', applicant_phone: '0912 345 678',
    applicant_id_number: '001190012345', applicant_email: 'citizen@demo.tinhso.vn', applicant_address: 'Việt Trì, Phú Thọ' };
  for (const [field, value] of [['applicant_name', 'Lan\u0000'], ['applicant_address', 'Việt\u0001Trì'], ['applicant_name', 'Lan\nThị'],
    ['details', 'a\u0007b']]) {
    const r = await json({ ...applicant, details: 'x', [field]: value }, `hostile-${field}-${Date.now()}-${Math.random()}`);
    assert.equal(r.status, 400, `${field} ${JSON.stringify(value)}: ${r.text}`);
    assert.match(r.headers['content-type'], /problem\+json/);
    assert.match(r.json().detail, /control character/);
  }
  // ... and keeps line breaks and tabs in a multi-line field.
  const ok = await json({ ...applicant, details: 'Dòng một\nDòng hai\r\n\tthụt lề' }, `hostile-ok-${Date.now()}-abcdef`);
  assert.equal(ok.status, 201, ok.text);
  assert.equal(await one(`SELECT COUNT(*) FROM dossiers WHERE id = ${ok.json().id} AND details LIKE '%Dòng hai%'`), '1');
  await alive('control characters from a citizen');
});

test('§8 multipart fields are checked like urlencoded ones', async () => {
  const a = new Agent(base);
  await a.get('/petitions/new');
  const fields = { kind: 'feedback', name: 'Lê\u0007Văn', address: 'Việt Trì', contact: '0912345678',
    subject: 'Đèn đường', content: 'Đèn hỏng\nđã lâu' };
  const before = await one('SELECT COUNT(*) FROM petitions');
  const r = await a.postMultipart('/petitions', fields, []);
  assert.equal(r.status, 400, `${r.status}`);
  assert.match(r.text, /ký tự điều khiển/);
  assert.equal(await one('SELECT COUNT(*) FROM petitions'), before, 'no petition stored');
  await alive('control characters in multipart');
});
