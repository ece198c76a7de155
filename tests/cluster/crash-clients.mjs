// The crash test's clients (issue 15 §3), run by tests/cluster/crash.sh against node 1 (env:
// cluster-lib.mjs; CL_SECONDS how long to load). While node 1 is killed with SIGKILL and restarted
// every 1–2 s, CL_CLIENTS clients (signed in as the demo citizen) create and submit dossiers (one
// multipart POST with the documents and an idempotency key) and file petitions (with the form's
// idempotency key); each request is retried with the same key until it gets an answer, and every
// acknowledged key is recorded with the code it was answered with. Then every key is replayed and
// the database is asked: nothing acknowledged is lost (the same code, the dossier submitted), and
// no key made two records.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Agent } from '../lib/agent.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';
import { sql, one, nodeUrl, killNode, startNode, retry, sleep } from './cluster-lib.mjs';

const BASE = nodeUrl(1);
const SECONDS = Number(process.env.CL_SECONDS || 12);
const CLIENTS = Number(process.env.CL_CLIENTS || 3);
const PROC = 'XB-TLHC';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const applicant = { applicant_name: 'Nguyễn Thị Lan', applicant_phone: '0912 345 678', applicant_id_number: '001190012345',
  applicant_email: 'citizen@demo.tinhso.vn', applicant_address: 'Việt Trì, Phú Thọ', details: 'Thử sập nút' };
const noCheck = { check: false };
const db = process.env.CL_DB.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
const say = (text) => console.log(`crash (${db}): ${text}`);

// One signed-in client; its form's fields are read once (the document fields do not change).
async function client() {
  const a = new Agent(BASE);
  await retry(() => a.get('/login', noCheck), 'sign-in page');
  const r = await retry(() => a.post('/login', { email: 'citizen@demo.tinhso.vn', password: PW }, noCheck), 'sign in');
  assert.equal(r.status, 303, `sign in: ${r.status}`);
  const f = await retry(() => a.get(`/dossiers/new?procedure=${PROC}`, noCheck), 'dossier form');
  assert.equal(f.status, 200);
  const docs = [...f.text.matchAll(/name="(doc_\d+)"/g)].map((m) => m[1]);
  const agency = one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  return { a, docs, agency };
}

const acked = { dossiers: new Map(), petitions: new Map() };  // key -> code
const retried = [];

function dossierPost(c, key) {
  const files = c.docs.map((d) => ({ field: d, name: `${d}.pdf`, content: PDF, type: 'application/pdf' }));
  return () => c.a.postMultipart('/dossiers', { procedure: PROC, idempotency_key: key, ...applicant, intent: 'submit' }, files, noCheck);
}
function petitionPost(c, key) {
  return () => c.a.post('/petitions', { kind: 'feedback', agency: c.agency, subject: `Thử sập nút ${key}`, content: 'Nội dung',
    idempotency_key: key }, noCheck);
}
const dossierCode = (r) => /^\/dossiers\/([A-Z0-9-]+)$/.exec(r.headers.location ?? '')?.[1];
const petitionCode = (r) => /^\/petitions\/(PA-\d{6}-\d{6})\?sent=1$/.exec(r.headers.location ?? '')?.[1];

async function work(c, until) {
  for (let i = 0; Date.now() < until; i++) {
    const key = `crash-${randomBytes(12).toString('hex')}`;
    if (i % 2 === 0) {
      const r = await retry(dossierPost(c, key), 'dossier', { log: retried });
      const code = dossierCode(r);
      assert.ok(code, `dossier ${key}: ${r.status} ${r.headers.location ?? r.text.slice(0, 200)}`);
      acked.dossiers.set(key, code);
    } else {
      const r = await retry(petitionPost(c, key), 'petition', { log: retried });
      const code = petitionCode(r);
      assert.ok(code, `petition ${key}: ${r.status} ${r.headers.location ?? r.text.slice(0, 200)}`);
      acked.petitions.set(key, code);
    }
  }
}

const clients = [];
for (let i = 0; i < CLIENTS; i++) clients.push(await client());
const until = Date.now() + SECONDS * 1000;
let kills = 0;
const killer = (async () => {
  while (Date.now() < until) {
    await sleep(1000 + Math.random() * 1000);
    killNode(1);
    kills++;
    await sleep(100);
    await startNode(1);
  }
})();
await Promise.all([killer, ...clients.map((c) => work(c, until))]);
say(`${kills} kills in ${SECONDS} s; ${acked.dossiers.size} dossiers and ${acked.petitions.size} petitions acknowledged; ${retried.length} retries`);
assert.ok(kills >= 3, 'the node was killed several times');
assert.ok(acked.dossiers.size >= 3 && acked.petitions.size >= 3, 'work was acknowledged between the kills');

// Replay every key: the same code again, nothing new.
const c = clients[0];
for (const [key, code] of acked.dossiers) {
  const r = await retry(dossierPost(c, key), 'dossier replay');
  assert.equal(dossierCode(r), code, `dossier ${key} replayed`);
}
for (const [key, code] of acked.petitions) {
  const r = await retry(petitionPost(c, key), 'petition replay');
  assert.equal(petitionCode(r), code, `petition ${key} replayed`);
}
say('every acknowledged key replayed: the same code each time');

// The database: each acknowledged dossier there once, submitted, with its code; no key twice.
const dossiers = new Map(sql("SELECT idempotency_key, code, state FROM dossiers WHERE idempotency_key LIKE 'crash-%'")
  .map(([k, code, state]) => [k, { code, state }]));
for (const [key, code] of acked.dossiers) {
  assert.ok(dossiers.has(key), `acknowledged dossier ${key} (${code}) is lost`);
  assert.equal(dossiers.get(key).code, code);
  assert.equal(dossiers.get(key).state, 'submitted', `dossier ${code}`);
}
assert.deepEqual(sql("SELECT idempotency_key, COUNT(*) FROM dossiers WHERE idempotency_key LIKE 'crash-%' GROUP BY idempotency_key HAVING COUNT(*) > 1"), []);
const petitions = sql("SELECT subject, code FROM petitions WHERE subject LIKE 'Thử sập nút crash-%'");
const bySubject = new Map();
for (const [subject, code] of petitions) bySubject.set(subject, [...(bySubject.get(subject) ?? []), code]);
for (const [key, code] of acked.petitions) {
  assert.deepEqual(bySubject.get(`Thử sập nút ${key}`), [code], `petition ${key}: one record, the acknowledged one`);
}
for (const [subject, codes] of bySubject) assert.equal(codes.length, 1, `${subject}: ${codes.length} petitions`);
assert.deepEqual(sql('SELECT idempotency_hash, COUNT(*) FROM petitions WHERE idempotency_hash IS NOT NULL GROUP BY idempotency_hash HAVING COUNT(*) > 1'), []);
say(`database: ${dossiers.size} dossiers and ${petitions.length} petitions by key, none twice, every acknowledged one present`);
