// The cluster test's client (issue 15 §2), run by tests/cluster/cluster.sh against two nodes on
// one PostgreSQL behind nginx (env: cluster-lib.mjs; CL_SINK_LOG the SMTP sink's log;
// CL_OPEN311_KEY an Open311 API key). Every check that fails throws; exit 0 = all passed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Agent } from '../lib/agent.mjs';
import { request } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';
import { URL_ as BASE, TMP, sql, one, nodeUrl, killNode, startNode, retry, sleep } from './cluster-lib.mjs';

const PROC = 'XB-TLHC'; // 2 mandatory documents
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const applicant = { applicant_name: 'Nguyễn Thị Lan', applicant_phone: '0912 345 678', applicant_id_number: '001190012345',
  applicant_email: 'citizen@demo.tinhso.vn', applicant_address: 'Việt Trì, Phú Thọ', details: 'Cụm máy chủ' };
const noCheck = { check: false };
const step = (text) => console.log(`cluster: ${text}`);

// ---- the core journeys through nginx ----------------------------------------------------------

const citizen = new Agent(BASE);
let r = await citizen.login('citizen@demo.tinhso.vn', PW);
assert.equal(r.status, 303, `the demo citizen signs in through nginx: ${r.status} ${r.text.slice(0, 200)}`);
await citizen.get('/', noCheck);

async function dossierForm() {
  const f = await citizen.get(`/dossiers/new?procedure=${PROC}`, noCheck);
  assert.equal(f.status, 200);
  return { key: /name="idempotency_key" value="([^"]+)"/.exec(f.text)[1], docs: [...f.text.matchAll(/name="(doc_\d+)"/g)].map((m) => m[1]) };
}
async function submitDossier() {
  const f = await dossierForm();
  const files = f.docs.map((d) => ({ field: d, name: `${d}.pdf`, content: PDF, type: 'application/pdf' }));
  const post = () => citizen.postMultipart('/dossiers', { procedure: PROC, idempotency_key: f.key, ...applicant, intent: 'submit' },
    files, noCheck);
  const first = await post();
  assert.equal(first.status, 303, `submit: ${first.status} ${first.text.slice(0, 300)}`);
  const again = await post();
  assert.equal(again.headers.location, first.headers.location, 'the same key answers the same dossier');
  assert.equal(one(`SELECT COUNT(*) FROM dossiers WHERE idempotency_key = '${f.key}'`), '1');
  return /^\/dossiers\/([A-Z0-9-]+)$/.exec(first.headers.location)[1];
}
const code = await submitDossier();
step(`dossier ${code} created and submitted with an idempotency key, posted twice: one record`);
r = await request(BASE, `/api/v1/dossiers/lookup?code=${code}&key=5678`, noCheck);
assert.equal(r.status, 200, `public look-up: ${r.status}`);
assert.equal(r.json().code, code);
assert.equal((await citizen.get(`/dossiers/${code}`, noCheck)).status, 200);
step('looked up by code and key, and on the citizen\'s page');

const agency = one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
let pf = await citizen.get('/petitions/new?kind=feedback', noCheck);
const petitionKey = /name="idempotency_key" value="([^"]+)"/.exec(pf.text)[1];
const petitionFields = { kind: 'feedback', agency, subject: 'Đèn đường hỏng (cụm)', content: 'Ba cột đèn không sáng', idempotency_key: petitionKey };
r = await citizen.post('/petitions', petitionFields, noCheck);
assert.equal(r.status, 303, `petition: ${r.status} ${r.text.slice(0, 300)}`);
const petition = /(PA-\d{6}-\d{6})\?sent=1$/.exec(r.headers.location)[1];
assert.equal((await citizen.post('/petitions', petitionFields, noCheck)).headers.location, r.headers.location);
assert.equal(one(`SELECT COUNT(*) FROM petitions WHERE subject = 'Đèn đường hỏng (cụm)'`), '1');
step(`petition ${petition} filed with an idempotency key, posted twice: one record`);

const specialist = await signInFully(BASE, 'specialist@demo.tinhso.vn', PW);
const pid = one(`SELECT id FROM petitions WHERE code = '${petition}'`);
await specialist.get(`/petitions/desk/${pid}`, noCheck);
r = await specialist.post(`/petitions/desk/${pid}/act`, { action: 'classify', kind: 'feedback' }, noCheck);
assert.equal(r.status, 303, `the specialist classifies on the desk: ${r.status}`);
assert.equal(one(`SELECT state FROM petitions WHERE id = ${pid}`), 'classified');
step('a specialist acted on the desk (classify)');

// The one-stop desk enters and receives a paper dossier (with a key: posted twice, one record);
// its applicant is notified by mail and SMS.
const officer = await signInFully(BASE, 'officer@demo.tinhso.vn', PW);
const deskForm = await officer.get(`/desk/new?procedure=${PROC}`, noCheck);
assert.equal(deskForm.status, 200);
for (let i = 0; i < 3; i++) {
  const deskKey = `cluster-desk-${Date.now()}-${i}-abcdef`;
  const deskPost = () => officer.postMultipart('/desk/new', { procedure: PROC, idempotency_key: deskKey, ...applicant,
    applicant_email: 'nguoinop@example.org', applicant_phone: `091200000${i}` }, [...deskForm.text.matchAll(/name="(doc_\d+)"/g)]
    .map((m) => ({ field: m[1], name: `${m[1]}.pdf`, content: PDF, type: 'application/pdf' })), noCheck);
  r = await deskPost();
  assert.equal(r.status, 303, `desk entry: ${r.status} ${r.text.slice(0, 300)}`);
  assert.equal((await deskPost()).headers.location, r.headers.location);
  assert.equal(one(`SELECT COUNT(*) || ' ' || MIN(state) FROM dossiers WHERE idempotency_key = '${deskKey}'`), '1 received');
}
step('a one-stop officer entered and received 3 paper dossiers at the desk (each posted twice: one record each)');

// ---- a node killed mid-journey ----------------------------------------------------------------
// A reader keeps GETting the citizen's pages through nginx while node 1, then node 2, is killed
// with SIGKILL and restarted: nginx retries GETs on the other node, so every answer is 200, and
// the session (in the database) is never lost.
let reading = true;
const readerFailures = [];
let reads = 0;
const reader = (async () => {
  const pages = ['/dossiers/mine', '/petitions/mine', `/dossiers/${code}`, `/petitions/${petition}`, '/about'];
  while (reading) {
    const path = pages[reads % pages.length];
    try {
      const g = await citizen.get(path, noCheck);
      if (g.status !== 200) readerFailures.push(`GET ${path}: ${g.status} ${g.headers.location ?? ''}`);
    } catch (e) {
      readerFailures.push(`GET ${path}: ${e.message.split('\n')[0]}`);
    }
    reads++;
    await sleep(100);  // a person's pace, within the site's 20 requests/s per address (limit_req)
  }
})();

// A restarted node is used again once nginx's fail_timeout (5 s) has passed: a rolling restart
// waits for that before it stops the next node, or nginx has no live node for a while.
async function inRotation(n) {
  for (let i = 0; i < 100; i++) {
    const probe = `/healthz?rotation=${Date.now()}-${i}`;
    await request(BASE, probe, noCheck).catch(() => {});
    if (readFileSync(`${TMP}/access-${n}.log`, 'utf8').includes(probe)) return;
    await sleep(200);
  }
  throw new Error(`node ${n} never came back into nginx's rotation`);
}

// A POST that dies with its node: the request is sent straight to node 1, which is killed before
// it answers (its body is still arriving); the client replays it through nginx with the same key.
const apiKey = `cluster-dies-${Date.now()}-abcdef`;
const apiBody = JSON.stringify({ procedure: PROC, ...applicant });
const cookie = [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const apiPost = (base) => request(base, '/api/v1/dossiers', { method: 'POST', body: apiBody, check: false,
  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': citizen.csrf, origin: base, 'idempotency-key': apiKey } });
const dying = new Promise((resolve) => {
  const u = new URL(nodeUrl(1));
  const sock = net.connect(Number(u.port), u.hostname, () => {
    sock.write(`POST /api/v1/dossiers HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\n`
      + `X-CSRF-Token: ${citizen.csrf}\r\nOrigin: ${nodeUrl(1)}\r\nIdempotency-Key: ${apiKey}\r\nContent-Length: ${apiBody.length}\r\n\r\n`
      + apiBody.slice(0, 10));
    resolve(sock);
  });
  sock.on('error', () => {});
});
const sock = await dying;
await sleep(300);
killNode(1);
step('node 1 killed (SIGKILL) with a POST in flight');
const answer = await new Promise((resolve) => {
  let got = '';
  sock.on('data', (d) => (got += d));
  sock.on('close', () => resolve(got));
});
assert.equal(answer, '', 'the dying node answered nothing');
const log = [];
const replayed = await retry(() => apiPost(BASE), 'replay of the lost POST', { log });
assert.ok([200, 201].includes(replayed.status), `the replay: ${replayed.status} ${replayed.text.slice(0, 200)}`);
const again = await retry(() => apiPost(BASE), 'second replay');
assert.equal(again.status, 200, 'a second replay finds the same dossier');
assert.equal(again.json().id, replayed.json().id);
assert.equal(one(`SELECT COUNT(*) FROM dossiers WHERE idempotency_key = '${apiKey}'`), '1');
step('the POST that died with node 1, replayed with its key through nginx: one dossier');

// While node 1 is down, the journeys go on through node 2.
const during = await submitDossier();
step(`dossier ${during} submitted through nginx with node 1 down`);
await sleep(500);
await startNode(1);
await inRotation(1);
step('node 1 restarted and back in nginx\'s rotation');
// A POST sent whole to node 2, which is killed at once: committed or not, the replay makes one.
const key2 = `cluster-lost-${Date.now()}-abcdef`;
const lostAnswer = request(nodeUrl(2), '/api/v1/dossiers', { method: 'POST', body: apiBody, check: false,
  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': citizen.csrf, origin: nodeUrl(2), 'idempotency-key': key2 } })
  .then((x) => x.status, (e) => e.message.split('\n')[0]);
await sleep(20);  // the request is on its way, or done: either way its replay makes one dossier
killNode(2);
step(`node 2 killed (SIGKILL) with a POST sent whole (its answer: ${await lostAnswer})`);
const post2 = () => request(BASE, '/api/v1/dossiers', { method: 'POST', body: apiBody, check: false,
  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': citizen.csrf, origin: BASE, 'idempotency-key': key2 } });
const r2 = await retry(post2, 'replay of the POST to node 2');
assert.ok([200, 201].includes(r2.status), `the replay: ${r2.status}`);
assert.equal(one(`SELECT COUNT(*) FROM dossiers WHERE idempotency_key = '${key2}'`), '1');
await startNode(2);
await inRotation(2);
step('node 2 restarted and back in nginx\'s rotation');
reading = false;
await reader;
assert.deepEqual(readerFailures, [], `GETs through nginx while nodes were killed: ${reads} made`);
step(`${reads} GETs through nginx while the nodes were killed and restarted: every one 200`);
// The session lives in the database: each node, asked directly, still knows it.
for (const n of [1, 2]) {
  const g = await request(nodeUrl(n), '/dossiers/mine', { headers: { cookie }, check: false });
  assert.equal(g.status, 200, `node ${n} knows the session after the restarts (${g.status} ${g.headers.location ?? ''})`);
}
step('the citizen\'s session works on both restarted nodes');

// ---- background jobs: exactly once with two nodes ---------------------------------------------

// Registration mail (each message once), then Open311 batch intake (each report one petition).
// The shipped site allows an address 10 sign-in/registration requests a minute (burst 5), and
// this run has made six already (three sign-ins, GET and POST each): a 429 from nginx never
// reached tinhso, so the visitor waits for the next slot (one per 6 s) as a person would.
async function pastAuthLimit(send) {
  let res = await send();
  for (let i = 0; i < 3 && res.status === 429; i++) {
    await sleep(6500);
    res = await send();
  }
  return res;
}
const visitor = new Agent(BASE);
r = await pastAuthLimit(() => visitor.get('/register', noCheck));
assert.equal(r.status, 200, `registration form: ${r.status}`);
r = await pastAuthLimit(() => visitor.post('/register', { full_name: 'Trần Văn Cụm', email: 'cum@example.org',
  phone: '0912000111', citizen_id: '025190000999', password: 'một mật khẩu đủ dài 2025' }, noCheck));
assert.ok(r.status < 400, `registration: ${r.status}`);

const okey = process.env.CL_OPEN311_KEY;
const tokens = [];
for (let i = 0; i < 4; i++) {
  const form = new URLSearchParams({ api_key: okey, service_code: 'TREE', lat: '21.3227', long: '105.4019',
    'attribute[blocking]': 'yes', description: `Cây đổ số ${i} (cụm)`, email: 'bao@example.vn' });
  const p = await retry(() => request(BASE, '/open311/v2/requests.json', { method: 'POST', body: form.toString(), check: false,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'open311 report');
  assert.equal(p.status, 201, `open311 report: ${p.status} ${p.text.slice(0, 200)}`);
  tokens.push(p.json()[0].token);
}
const inList = tokens.map((t) => `'${t}'`).join(',');
for (let i = 0; i < 100; i++) {
  if (one(`SELECT COUNT(*) FROM open311_reports WHERE token IN (${inList}) AND petition_id IS NOT NULL`) === '4') break;
  await sleep(250);
}
assert.equal(one(`SELECT COUNT(*) FROM open311_reports WHERE token IN (${inList}) AND petition_id IS NOT NULL`), '4',
  'the intake job turned every queued report into a petition');
assert.equal(one("SELECT COUNT(*) FROM petitions WHERE channel = 'open311' AND content LIKE '%(cụm)%'"), '4',
  'one petition per report, not one per node');
assert.equal(one(`SELECT COUNT(*) FROM audit_log a JOIN open311_reports o ON a.object_id = CAST(o.petition_id AS TEXT)
  WHERE a.action = 'petition.receive' AND o.token IN (${inList})`), '4', 'one petition.receive audit record each');
step('Open311 intake (both nodes polling every 2 s): 4 queued reports, 4 petitions, 4 audit records');

// Lateness: both nodes started together, each running a pass at once (and again at each restart,
// refused by the lease); each dossier due today is flagged once.
const flagged = sql("SELECT object_id, COUNT(*) FROM audit_log WHERE action = 'dossier.flag_due_soon' GROUP BY object_id");
assert.ok(flagged.length >= 1, 'the open dossiers made due today were flagged by the lateness job');
for (const [id, n] of flagged) assert.equal(n, '1', `dossier ${id} flagged ${n} times`);
assert.equal(one('SELECT COUNT(*) FROM dossier_risk_flags'), String(flagged.length));
const leaderMails = sql("SELECT to_addr, subject, COUNT(*) FROM mail_outbox GROUP BY to_addr, subject, body HAVING COUNT(*) > 1");
assert.deepEqual(leaderMails, [], 'no message queued twice');
step(`lateness job on two nodes started together: ${flagged.length} dossiers flagged, each once (audit, flags, mails)`);

// Mail: every queued message delivered, each once (the sink sees each Message-ID once).
for (let i = 0; i < 120; i++) {
  if (one('SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL') === '0') break;
  await sleep(250);
}
assert.equal(one('SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL'), '0', 'every queued message was sent');
await sleep(500);
const sent = Number(one('SELECT COUNT(*) FROM mail_outbox'));
const received = readFileSync(process.env.CL_SINK_LOG, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const ids = received.map((m) => m.messageId);
assert.ok(received.some((m) => m.to.includes('cum@example.org')), 'the registration mail arrived');
assert.equal(new Set(ids).size, ids.length, `a message delivered twice: ${ids.join(' ')}`);
assert.equal(received.length, sent, `${sent} messages queued, ${received.length} delivered`);
step(`mail: ${sent} messages queued, ${received.length} delivered, each once`);
// SMS notices (each row claimed with a lease, sender on both nodes every second): each once.
for (let i = 0; i < 120; i++) {
  if (one('SELECT COUNT(*) FROM sms_outbox WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL') === '0') break;
  await sleep(250);
}
assert.equal(one('SELECT COUNT(*) FROM sms_outbox WHERE sent_at IS NULL'), '0', 'every queued SMS was sent');
await sleep(500);
const queuedSms = sql('SELECT to_phone, text, dossier_code FROM sms_outbox').map((row) => JSON.stringify(row)).sort();
const postedSms = readFileSync(process.env.CL_SMS_LOG, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .map((m) => JSON.stringify([m.to, m.text, m.dossier_code])).sort();
assert.ok(queuedSms.length >= 1, 'the journeys queued SMS notices');
assert.deepEqual(postedSms, queuedSms, 'each queued SMS posted to the webhook once');
step(`SMS: ${queuedSms.length} queued, ${postedSms.length} posted, each once`);
const leases = sql('SELECT job, claimed_by FROM dossier_job_leases');
step(`job leases: ${JSON.stringify(leases)}`);
console.log('cluster: ok');
