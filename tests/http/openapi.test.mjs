// The OpenAPI 3.1 description of /api/ (api/openapi.json, served at /api/openapi.json) against
// the server (issue 5 §9):
//   - its operations are exactly the /api/ routes `tinhso routes` lists, both ways;
//   - it is a valid OpenAPI 3.1 document (the OAS 3.1 schema via @seriousme/openapi-schema-validator,
//     plus: unique operationIds, a 2xx response each, every $ref resolves, path parameters declared
//     both ways, every schema compiles as JSON Schema 2020-12 with ajv in strict mode), and the
//     server serves this very file;
//   - real answers match it: every operation is called on the demo data (anonymously, as the demo
//     citizen, as the desk officer), each answer's status, media type and documented headers must
//     be in the document and its JSON body must validate against the documented schema —
//     successes and at least one error (problem+json) of every operation.
// The validators are the devDependencies of tests/http/package.json (npm ci by scripts/install-deps).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { get, request } from '../lib/http.mjs';
import { runCli, ROOT } from '../lib/server.mjs';

const PW = 'Demo-Phu-Tho-2025';
const PROC = 'XB-TLHC'; // a demo procedure of the TTHCC desk with mandatory documents
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const doc = JSON.parse(readFileSync(join(ROOT, 'api', 'openapi.json'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const operations = []; // { method: 'GET', pattern, op }
for (const [pattern, item] of Object.entries(doc.paths)) {
  for (const m of METHODS) if (item[m]) operations.push({ method: m.toUpperCase(), pattern, op: item[m] });
}

// ---- JSON pointers and schemas ----

function resolvePointer(ref) {
  assert.ok(ref.startsWith('#/'), `$ref ${ref} is not local to the document`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}
const deref = (o) => (o && o.$ref ? deref(resolvePointer(o.$ref)) : o);

// The component schemas as one JSON Schema 2020-12 document; references to them become absolute.
const ROOT_ID = 'urn:tinhso:openapi';
const absolute = (schema) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${ROOT_ID}#/$defs/`));
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
let schemaError;
try {
  ajv.addSchema({ $id: ROOT_ID, $defs: absolute(doc.components.schemas) });
} catch (e) {
  schemaError = e;
}
const compiled = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(absolute(schema)));
  return compiled.get(key);
}

// ---- the server ----

let t;
let base;
let citizen;
let officer;
let fx;
const exercised = new Map(); // "GET /api/v1/x" -> Set of statuses seen and checked

before(async () => {
  t = await serverFixture('openapi');
  base = t.srv.url;
  citizen = new Agent(base);
  assert.equal((await citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await citizen.get('/'); // the session's CSRF token, from the layout's forms
  officer = await signInFully(base, 'officer@demo.tinhso.vn', PW); // staff pass a second factor
  const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
  fx = { byState: {} };
  for (const [id, code, state] of await rows(
    "SELECT id, COALESCE(code, ''), state FROM dossiers WHERE idempotency_key LIKE 'demo-dossier-%' ORDER BY id")) {
    (fx.byState[state] ||= []).push({ id, code });
  }
  fx.agency = (await rows("SELECT id FROM agencies WHERE code = 'SO-KHCN'"))[0][0];
});

after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

// Checks one answer of the operation (method, pattern) against the document: the status is
// documented, the media type is one of that response's, its headers are present, and the body
// validates against the schema.
function check(method, pattern, r, label) {
  const op = doc.paths[pattern]?.[method.toLowerCase()];
  assert.ok(op, `${label}: ${method} ${pattern} is not in the document`);
  const declared = op.responses[String(r.status)] ?? op.responses.default;
  assert.ok(declared, `${label}: status ${r.status} is not documented (documented: ${Object.keys(op.responses)}): ${r.text.slice(0, 300)}`);
  const resp = deref(declared);
  const type = (r.headers['content-type'] || '').split(';')[0].trim();
  const media = resp.content?.[type];
  assert.ok(media, `${label}: ${r.status} answered ${type || 'no Content-Type'}; documented: ${Object.keys(resp.content || {})}`);
  for (const h of Object.keys(resp.headers || {})) {
    assert.notEqual(r.headers[h.toLowerCase()], undefined, `${label}: documented header ${h} missing on ${r.status}`);
  }
  const validate = validatorFor(media.schema);
  let body;
  assert.doesNotThrow(() => (body = r.json()), `${label}: the body is not JSON`);
  assert.ok(validate(body), `${label}: ${r.status} body does not match the schema: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}\n${r.text.slice(0, 500)}`);
  const key = `${method} ${pattern}`;
  if (!exercised.has(key)) exercised.set(key, new Set());
  exercised.get(key).add(r.status);
  return body;
}

const fill = (pattern, params = {}) =>
  pattern.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(params[name] ?? assert.fail(`no ${name}`))));

// GET (pattern, params, query) as `agent` (null: anonymous); checked; returns {r, body}.
async function call(agent, pattern, { params, query = '', status, label } = {}) {
  const path = fill(pattern, params) + query;
  const r = agent ? await agent.get(path) : await get(base, path);
  const what = `${label || ''} GET ${path} as ${agent === citizen ? 'citizen' : agent === officer ? 'officer' : 'anonymous'}`;
  if (status !== undefined) assert.equal(r.status, status, `${what}: ${r.text.slice(0, 300)}`);
  return { r, body: check('GET', pattern, r, what) };
}

const postJson = (agent, path, body, headers = {}) => request(base, path, {
  method: 'POST',
  body,
  headers: {
    'content-type': 'application/json',
    cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-csrf-token': agent.csrf,
    origin: base,
    ...headers,
  },
});

// ---- (a) the document and the routes ----

test('the document describes exactly the /api/ routes the server registers (tinhso routes)', async () => {
  const r = await runCli(['routes']);
  assert.equal(r.code, 0, r.stderr);
  const routes = new Set(r.stdout.trim().split('\n').map((l) => l.trim()).filter((l) => / \/api\//.test(l)));
  assert.ok(routes.size >= 10, `tinhso routes listed ${routes.size} /api/ routes`);
  const documented = new Set(operations.map((o) => `${o.method} ${o.pattern}`));
  const undocumented = [...routes].filter((k) => !documented.has(k)).sort();
  const unrouted = [...documented].filter((k) => !routes.has(k)).sort();
  assert.deepEqual(undocumented, [], 'routes the server registers but api/openapi.json does not describe');
  assert.deepEqual(unrouted, [], 'operations api/openapi.json describes but the server does not register');
  assert.deepEqual(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/')), [], 'paths outside /api/');
});

// ---- (b) a valid OpenAPI 3.1 document ----

test('the document is valid OpenAPI 3.1 (schema, operationIds, responses, $refs, path parameters)', async () => {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  assert.ok(res.valid, `not valid against the OpenAPI 3.1 schema: ${JSON.stringify(res.errors, null, 1)}`);
  assert.equal(v.version, '3.1');

  const ids = new Map();
  for (const { method, pattern, op } of operations) {
    const where = `${method} ${pattern}`;
    assert.match(op.operationId ?? '', /^[a-z][A-Za-z0-9]+$/, `${where}: operationId`);
    assert.ok(!ids.has(op.operationId), `${where}: operationId ${op.operationId} also used by ${ids.get(op.operationId)}`);
    ids.set(op.operationId, where);
    assert.ok(op.summary && op.description, `${where}: summary and description`);
    const codes = Object.keys(op.responses || {});
    assert.ok(codes.some((c) => /^2\d\d$/.test(c)), `${where}: no 2xx response`);
    const templated = [...pattern.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const params = [...(doc.paths[pattern].parameters || []), ...(op.parameters || [])].map(deref);
    const inPath = params.filter((p) => p.in === 'path');
    assert.deepEqual(inPath.map((p) => p.name).sort(), templated, `${where}: path parameters declared ≠ those in the path`);
    for (const p of inPath) assert.equal(p.required, true, `${where}: path parameter ${p.name} must be required`);
    // State-changing operations need the session and its CSRF token together.
    if (method !== 'GET') {
      assert.ok((op.security || []).some((req) => 'sessionCookie' in req && 'csrfHeader' in req),
        `${where}: security must require sessionCookie and csrfHeader`);
    }
  }

  const refs = [];
  (function walk(node, at) {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${at}/${i}`));
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') refs.push([node.$ref, at]);
      for (const [k, x] of Object.entries(node)) walk(x, `${at}/${k}`);
    }
  })(doc, '#');
  assert.ok(refs.length > 20);
  for (const [ref, at] of refs) assert.notEqual(resolvePointer(ref), undefined, `${at}: $ref ${ref} does not resolve`);

  for (const scheme of ['sessionCookie', 'csrfHeader']) assert.ok(doc.components.securitySchemes[scheme], scheme);
  assert.equal(schemaError, undefined, 'the component schemas are valid JSON Schema 2020-12');
  for (const name of Object.keys(doc.components.schemas)) {
    assert.doesNotThrow(() => validatorFor({ $ref: `#/components/schemas/${name}` }), `schema ${name} compiles`);
  }
  for (const { method, pattern, op } of operations) {
    for (const [code, r] of Object.entries(op.responses)) {
      for (const [type, media] of Object.entries(deref(r).content || {})) {
        assert.doesNotThrow(() => validatorFor(media.schema), `${method} ${pattern} ${code} ${type}: schema compiles`);
        if (/^[45]/.test(code)) assert.equal(type, 'application/problem+json', `${method} ${pattern} ${code}: errors are problem+json`);
      }
    }
  }
});

test('GET /api/openapi.json serves this file, public and cacheable', async () => {
  const r = await get(base, '/api/openapi.json');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.match(r.headers['cache-control'], /public/);
  assert.deepEqual(r.json(), doc, 'the binary embeds the current api/openapi.json');
  check('GET', '/api/openapi.json', r, 'the document');
  const again = await citizen.get('/api/openapi.json');
  assert.equal(again.status, 200, 'also for a signed-in caller');
});

// ---- (c) real answers match the document ----

test('calendar: answers and problems match the schemas', async () => {
  const lunar = '/api/v1/calendar/lunar';
  let { body } = await call(null, lunar, { query: '?date=2026-02-17', status: 200 });
  assert.equal(body.lunar.month, 1);
  ({ body } = await call(null, lunar, { query: '?date=2026-09-02', status: 200 }));
  assert.equal(body.schedule?.reason, 'national_day', 'a holiday has its schedule entry');
  await call(null, lunar, { query: '?date=2026-13-01', status: 400 });
  await call(null, lunar, { status: 400 });
  const due = '/api/v1/calendar/due';
  ({ body } = await call(null, due, { query: '?from=2026-02-13T16:30&working_days=3', status: 200 }));
  assert.equal(body.rolled_forward, undefined);
  ({ body } = await call(null, due, { query: '?from=2026-02-13&days=10', status: 200 }));
  assert.equal(typeof body.rolled_forward, 'boolean');
  await call(null, due, { query: '?from=2026-02-13&days=1&working_days=1', status: 400 });
  const holidays = '/api/v1/calendar/holidays';
  ({ body } = await call(null, holidays, { query: '?year=2026', status: 200 }));
  assert.equal(body.official, true);
  assert.ok(body.days.length > 5);
  ({ body } = await call(null, holidays, { query: '?year=2150', status: 200 }));
  assert.equal(body.source, null);
  await call(null, holidays, { query: '?year=1800', status: 400 });
});

test('procedures: answers and problems match the schemas', async () => {
  const list = '/api/v1/procedures';
  let { body } = await call(null, list, { status: 200 });
  assert.ok(body.total > 20 && body.items.length === 20);
  ({ body } = await call(null, list, { query: '?q=xuat%20ban&level=province&per_page=5&page=1', status: 200 }));
  assert.ok(body.items.length >= 1);
  await call(null, list, { query: '?level=country', status: 400 });
  await call(null, list, { query: '?per_page=101', status: 400 });
  const one = '/api/v1/procedures/{code}';
  ({ body } = await call(null, one, { params: { code: PROC }, status: 200 }));
  assert.ok(body.documents.some((d) => d.mandatory), 'mandatory documents, with the ids uploads refer to');
  fx.documents = body.documents.filter((d) => d.mandatory).map((d) => d.id);
  await call(citizen, one, { params: { code: PROC }, status: 200 });
  await call(null, one, { params: { code: 'KHONG-CO' }, status: 404 });
});

test('statistics: answers and problems match the schemas', async () => {
  const stats = '/api/v1/statistics/dossiers';
  let { body } = await call(null, stats, { status: 200 });
  assert.ok(body.rows.length > 0, 'the demo dossiers are counted');
  ({ body } = await call(null, stats, { query: `?year=${body.year}&agency=${fx.agency}`, status: 200 }));
  assert.equal(body.agency_id, Number(fx.agency));
  await call(null, stats, { query: '?year=1999', status: 400 });
  await call(null, stats, { query: '?agency=x', status: 400 });
});

test('scorecard (Decision 766): answers and problems match the schemas; groups add up to totals', async () => {
  const card = '/api/v1/scorecard';
  let { body } = await call(null, card, { status: 200 });
  assert.ok(body.agencies.length > 0, 'the demo agencies are scored');
  ({ body } = await call(null, card, { query: `?period=${body.period}&span=ytd`, status: 200 }));
  assert.equal(body.span, 'ytd');
  for (const a of [body.province, ...body.agencies]) {
    const sum = Object.values(a.groups).reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(sum - a.total) < 1e-9, `groups add up to the total: ${JSON.stringify(a)}`);
  }
  await call(null, card, { query: '?period=2026-13', status: 400 });
  await call(null, card, { query: '?period=2026', status: 400 });
  await call(null, card, { query: '?span=week', status: 400 });
});

test("dossiers: the citizen's and staff's reads match the schemas; results stay hidden until returned", async () => {
  const mine = '/api/v1/dossiers/mine';
  let { body } = await call(citizen, mine, { status: 200 });
  assert.ok(body.items.length > 5);
  await call(citizen, mine, { query: '?page=0', status: 400 });
  await call(null, mine, { status: 401 });
  await call(officer, mine, { status: 403 });

  const draft = '/api/v1/dossiers/drafts/{id}';
  ({ body } = await call(citizen, draft, { params: { id: fx.byState.draft[0].id }, status: 200 }));
  assert.equal(body.code, null);
  await call(citizen, draft, { params: { id: '999999999' }, status: 404 });
  await call(null, draft, { params: { id: fx.byState.draft[0].id }, status: 401 });

  const one = '/api/v1/dossiers/{code}';
  const states = Object.keys(fx.byState).filter((s) => s !== 'draft');
  assert.ok(states.includes('returned') && states.includes('approved'), `demo states: ${states}`);
  for (const state of states) {
    const code = fx.byState[state][0].code;
    ({ body } = await call(citizen, one, { params: { code }, status: 200 }));
    assert.equal(body.state, state);
    const results = body.files.filter((f) => f.role === 'result');
    if (state === 'returned') assert.ok(results.length > 0, 'the returned result is listed');
    else assert.deepEqual(results, [], `${state}: a result before it is returned is not the applicant's to see`);
  }
  ({ body } = await call(officer, one, { params: { code: fx.byState.approved[0].code }, status: 200 }));
  assert.ok(body.files.some((f) => f.role === 'result'), 'the desk sees the approved result it will return');
  await call(citizen, one, { params: { code: 'TTHCC-000000-0000' }, status: 404 });
  await call(null, one, { params: { code: fx.byState.returned[0].code }, status: 401 });
});

test("dossiers: the citizen's JSON submission (201, 200 on the same key, 4xx) matches the schemas", async () => {
  const create = '/api/v1/dossiers';
  const key = `openapi-${Date.now()}-abcdefgh`;
  const body = JSON.stringify({ procedure: PROC, applicant_name: 'Nguyễn Thị Lan', applicant_phone: '0912 345 678',
    applicant_email: 'citizen@demo.tinhso.vn', applicant_id_number: null, details: 'Đề nghị cấp giấy phép' });
  let r = await postJson(citizen, create, body, { 'idempotency-key': key });
  assert.equal(r.status, 201, r.text);
  const made = check('POST', create, r, 'create');
  assert.equal(r.headers.location, `/api/v1/dossiers/drafts/${made.id}`);
  r = await postJson(citizen, create, body, { 'idempotency-key': key });
  assert.equal(r.status, 200);
  assert.equal(check('POST', create, r, 'create again').id, made.id);
  r = await postJson(citizen, create, body);
  assert.equal(r.status, 422, 'no Idempotency-Key');
  check('POST', create, r, 'create without key');
  r = await postJson(citizen, create, '[1]', { 'idempotency-key': `${key}-2` });
  assert.equal(r.status, 400, 'not an object');
  check('POST', create, r, 'create with an array');
  r = await postJson(citizen, create, body, { 'idempotency-key': `${key}-3`, 'x-csrf-token': 'wrong' });
  assert.equal(r.status, 403, 'a wrong CSRF token');
  check('POST', create, r, 'create with a wrong CSRF token');
  r = await postJson(officer, create, body, { 'idempotency-key': `${key}-4` });
  assert.equal(r.status, 403, 'staff do not submit as citizens');
  check('POST', create, r, 'create as officer');

  const submit = '/api/v1/dossiers/drafts/{id}/submit';
  r = await postJson(citizen, fill(submit, { id: made.id }), '');
  assert.equal(r.status, 422, 'mandatory documents missing');
  check('POST', submit, r, 'submit without documents');
  r = await postJson(citizen, fill(submit, { id: '999999999' }), '');
  assert.equal(r.status, 404);
  check('POST', submit, r, 'submit of no draft');

  const files = '/api/v1/dossiers/drafts/{id}/files';
  r = await citizen.postMultipart(fill(files, { id: made.id }), {}, [], { headers: { 'x-csrf-token': citizen.csrf } });
  assert.equal(r.status, 422, 'no file');
  check('POST', files, r, 'files: none');
  assert.ok(fx.documents?.length, 'the procedure test ran first');
  r = await citizen.postMultipart(fill(files, { id: made.id }), {},
    fx.documents.map((d) => ({ field: `doc_${d}`, name: 'to-khai.pdf', content: PDF, type: 'application/pdf' })),
    { headers: { 'x-csrf-token': citizen.csrf } });
  assert.equal(r.status, 201, r.text);
  const withFiles = check('POST', files, r, 'files');
  assert.deepEqual(withFiles.files.map((f) => f.document_id).sort(), [...fx.documents].map(Number).sort());

  r = await postJson(citizen, fill(submit, { id: made.id }), '');
  assert.equal(r.status, 200, r.text);
  assert.equal(check('POST', submit, r, 'submit').state, 'submitted');
  r = await citizen.postMultipart(fill(files, { id: made.id }), {},
    [{ field: 'file', name: 'them.pdf', content: PDF, type: 'application/pdf' }], { headers: { 'x-csrf-token': citizen.csrf } });
  assert.equal(r.status, 409, 'no files into a submitted dossier');
  check('POST', files, r, 'files after submission');
  const { body: after } = await call(citizen, '/api/v1/dossiers/drafts/{id}', { params: { id: made.id }, status: 200 });
  assert.equal(after.state, 'submitted', 'the Location of the draft still answers once submitted');
});

test('dossiers: the public look-up (200, 400, 404, then 429 with Retry-After) matches the schemas', async () => {
  const lookup = '/api/v1/dossiers/lookup';
  const code = fx.byState.received[0].code;
  const { body } = await call(null, lookup, { query: `?code=${code}&key=5678`, status: 200 });
  assert.equal(body.state, 'received');
  await call(null, lookup, { query: `?code=${code}`, status: 400 });
  // The failures count per address: the limit comes last.
  for (let i = 0; i < 10; i++) await call(null, lookup, { query: `?code=${code}&key=000${i}`, status: 404 });
  const { r } = await call(null, lookup, { query: `?code=${code}&key=5678`, status: 429 });
  assert.match(r.headers['retry-after'], /^\d+$/);
});

test('tasks: the figures as of a day (200 for the province leader, 400, 401, 403) match the schemas', async () => {
  const leader = await signInFully(base, 'province@demo.tinhso.vn', PW);
  const summary = '/api/v1/tasks/summary';
  const { body } = await call(leader, summary, { query: '?as_of=2021-06-30', status: 200 });
  for (const b of ['done_on_time', 'done_late', 'in_progress', 'overdue', 'ongoing']) {
    assert.ok(body.total[b] > 0, `the demo has ${b} tasks as of 30/6/2021`);
    assert.equal(body.total[b], body.leads.reduce((n, l) => n + l[b], 0), `${b}: the total is the leads' sum`);
  }
  await call(leader, summary, { status: 200 });
  await call(leader, summary, { query: '?as_of=2021-02-30', status: 400 });
  await call(officer, summary, { query: '?as_of=2021-06-30', status: 403 });
  await call(null, summary, { query: '?as_of=2021-06-30', status: 401 });
});

test('consultations: lists, one consultation with its draft, its comments (200, 400, 404) match the schemas', async () => {
  const { body: list } = await call(null, '/api/v1/consultations', { status: 200 });
  assert.ok(list.items.length >= 2, 'the demo has an open and a closed consultation');
  const closed = list.items.find((c) => c.phase === 'reported');
  assert.ok(closed, 'the demo\'s consultation with its report');
  await call(null, '/api/v1/consultations', { query: '?phase=open&q=duong', status: 200 });
  await call(null, '/api/v1/consultations', { query: '?phase=someday', status: 400 });
  const { body: one } = await call(null, '/api/v1/consultations/{id}', { params: { id: closed.id }, status: 200 });
  assert.ok(one.draft.some((u) => u.kind === 'article'), 'the draft by article');
  assert.ok(one.questions.every((q) => q.respondents >= 0), 'results once closed');
  assert.ok(one.report.pdf.endsWith('/report.pdf'));
  await call(null, '/api/v1/consultations/{id}', { params: { id: 999999 }, status: 404 });
  await call(null, '/api/v1/consultations/{id}', { params: { id: 'x1' }, status: 400 });
  const article = one.draft.find((u) => u.kind === 'article' && u.comments > 0) ?? one.draft.find((u) => u.kind === 'article');
  const { body: comments } = await call(null, '/api/v1/consultations/{id}/comments', { params: { id: closed.id }, query: `?unit=${article.anchor}`, status: 200 });
  assert.ok(Array.isArray(comments.items));
  const { body: all } = await call(null, '/api/v1/consultations/{id}/comments', { params: { id: closed.id }, status: 200 });
  for (const c of all.items) if (c.hidden) assert.equal(c.body, undefined, 'a hidden comment without its text');
  await call(null, '/api/v1/consultations/{id}/comments', { params: { id: closed.id }, query: '?page=0', status: 400 });
  await call(null, '/api/v1/consultations/{id}/comments', { params: { id: 999999 }, status: 404 });
});

test('every operation was exercised with a success and an error, all checked against the document', () => {
  const missing = [];
  for (const { method, pattern } of operations) {
    const seen = exercised.get(`${method} ${pattern}`) || new Set();
    const ok = [...seen].some((s) => s < 300);
    const error = [...seen].some((s) => s >= 400);
    if (!ok || (!error && pattern !== '/api/openapi.json')) missing.push(`${method} ${pattern} (seen: ${[...seen]})`);
  }
  assert.deepEqual(missing, [], 'operations without a checked success and error');
});
