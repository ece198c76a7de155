// The ACCESS MATRIX and the CSRF MATRIX of issue 3 ("Done when"): every route × every role, and
// every state-changing route without or with a wrong CSRF token → 403.
//
// Each module adds one file src/modules/<module>/access.mjs (or access-<part>.mjs; tests/lib/access.mjs)
// exporting `routes`, an array of:
//   {
//     method: 'GET' | 'POST' | ...,
//     path: (fx) => string,           // fx: { role, email, name, ... } of the acting account
//     allow: [roles...]               // roles allowed (others must get 403, anonymous 303/401)
//          | 'everyone'               // a public route: anonymous and every role get 200, also
//                                     //   with a second factor pending
//          | 'signed-in'              // any signed-in role
//          | (role, fx) => boolean,   // e.g. an object of another agency → false for everyone
//     stateChanging: true,            // POST/PUT/PATCH/DELETE: also goes into the CSRF matrix
//     form: (fx) => ({...}),          // the body of an otherwise valid request
//     own: true | 'no-others',        // GET: the page must show no other demo account's e-mail
//                                     //   (a user sees only their own data); true: and must show
//                                     //   the actor's own e-mail
//     endsSession: true,              // the request signs the actor out (each cell uses a fresh session)
//     beforeSecondFactor: true,       // allowed even while a required second factor is pending
//     hidden: true,                   // an object route: a denied cell may answer 404 instead of
//                                     //   403 (the object's existence is not revealed)
//     multipart: (fx) => [files...],  // POST as multipart/form-data with these files ({name,
//                                     //   content, type, field}) besides the form fields
//     json: (fx) => ({...}),          // POST this JSON body (CSRF token in X-CSRF-Token) instead
//     headers: (fx) => ({...}),       // extra request headers
//     formPage: (fx) => string,       // GET this page first (a public form: an anonymous visitor's
//                                     //   CSRF token comes with the form)
//   }
// and may export `async function prepare(t)` (t: the server fixture, with t.db.exec for SQL):
// its result is merged into the `fx` of that module's routes — e.g. the codes of demo objects in
// the state a route needs.
// Roles come from the demo accounts (`tinhso demo`): one per role, password Demo-Phu-Tho-2025.
// Roles that need a second factor (administrator, province_leader, agency_leader, inspector,
// auditor) sign in fully (password, then TOTP enrolment or a recovery code: tests/lib/totp.mjs),
// so their allowed cells are exercised too. A separate test checks that with the second factor
// still pending every route is denied: a page sends the browser to /account/2fa (303), anything
// else is 403.
// "Denied" means: anonymous → 303 to /login (pages) or 401/403; signed-in → 403.
import { accessTables } from '../lib/access.mjs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { runCli } from '../lib/server.mjs';
import { DEMO_PASSWORD, DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

// Every staff role passes a second factor (issue 12 §10, ASVS 5.0 6.3.3); only citizens do not.
const SECOND_FACTOR = new Set(Object.keys(ROLES).filter((r) => r !== 'citizen'));

const tables = [];
const preparers = new Map();
for (const { name: module, mod } of await accessTables()) {
  if (mod.prepare) preparers.set(module, mod.prepare);
  for (const r of mod.routes) tables.push({ ...r, module });
}

let t;
const prepared = new Map();
before(async () => {
  t = await serverFixture('access_matrix');
  for (const [module, prepare] of preparers) prepared.set(module, await prepare(t));
});

// The fixture values of a cell: the acting account's, plus what the route's module prepared.
const fxOf = (route, base) => ({ ...base, ...(prepared.get(route.module) || {}) });
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

function allowed(route, role, fx) {
  if (route.allow === 'signed-in' || route.allow === 'everyone') return true;
  if (typeof route.allow === 'function') return route.allow(role, fx);
  return route.allow.includes(role);
}

// One fully signed-in session per role, reused across cells; routes that end the session get a
// fresh one.
const sessions = new Map();
async function signIn(role, { fresh = false } = {}) {
  if (fresh || !sessions.has(role)) {
    const a = await signInFully(t.srv.url, ROLES[role], DEMO_PASSWORD);
    if (fresh) return a;
    sessions.set(role, a);
  }
  return sessions.get(role);
}

// Password only: for roles that need it, the second factor is still pending.
async function signInPasswordOnly(role) {
  const a = new Agent(t.srv.url);
  const r = await a.login(ROLES[role], DEMO_PASSWORD);
  assert.equal(r.status, 303, `sign-in as ${role}`);
  await a.get('/');
  return a;
}

async function send(agent, route, baseFx, extra = {}) {
  const fx = fxOf(route, baseFx);
  const path = route.path(fx);
  const headers = route.headers ? route.headers(fx) : {};
  if (route.method === 'GET') return agent.get(path, { headers });
  if (route.formPage) await agent.get(route.formPage(fx));
  const fields = { ...(route.form ? route.form(fx) : {}), ...extra };
  if (route.multipart) return agent.postMultipart(path, fields, route.multipart(fx), { headers });
  if (route.json) {
    const body = JSON.stringify(route.json(fx));
    return agent.postJson(path, body, { headers: { 'x-csrf-token': fields._csrf ?? agent.csrf, ...headers } });
  }
  return agent.post(path, fields, { headers });
}

// Routes outside the matrix, each with the reason and the test that covers it instead.
const NOT_IN_MATRIX = new Map([
  ['GET /static/{path...}', 'public assets, no data: tests/http/static.test.mjs'],
  ['GET /healthz', 'liveness, public by design: tests/http/ops.test.mjs'],
  ['GET /readyz', 'readiness, public by design: tests/http/ops.test.mjs'],
  ['GET /metrics', 'Prometheus scrape: only --metrics-allow networks or the bearer token, else 404: tests/http/overload.test.mjs'],
  // Signing in, registering and recovering: open to anonymous visitors by design; a signed-in
  // visitor is sent on (303). Covered step by step in tests/http/identity.test.mjs and
  // tests/e2e/identity.test.mjs, the second-factor steps in tests/http/audit.test.mjs.
  ['GET /login', 'sign-in form'],
  ['POST /login', 'sign-in'],
  ['GET /register', 'registration form'],
  ['POST /register', 'registration'],
  ['GET /register/confirm', 'e-mail confirmation link: a page with a button, confirms nothing'],
  ['POST /register/confirm', 'e-mail confirmation'],
  ['POST /register/resend', 'confirmation e-mail again'],
  ['GET /password/forgot', 'password reset request form'],
  ['POST /password/forgot', 'password reset request'],
  ['GET /password/reset', 'password reset link'],
  ['POST /password/reset', 'new password'],
  ['GET /account/2fa', 'second-factor step: only while it is pending'],
  ['POST /account/2fa', 'second-factor step: only while it is pending'],
  ['GET /account/2fa/setup', 'TOTP enrolment: only while a second factor is pending'],
  ['POST /account/2fa/setup', 'TOTP enrolment: only while a second factor is pending'],
  ['POST /lang', 'language choice, anyone (a cookie, then 303 back): tests/http/pages.test.mjs'],
  // Open311 GeoReport v2: a machine API that ignores sessions and roles; reading is public,
  // posting needs an API key (403 otherwise). Every method and error: tests/http/open311.test.mjs.
  ['GET /open311/v2/{resource}', 'Open311 discovery, services, requests, updates'],
  ['POST /open311/v2/{resource}', 'Open311 POST requests and servicerequestupdates (API key)'],
  ['GET /open311/v2/services/{id}', 'Open311 service definition'],
  ['GET /open311/v2/requests/{id}', 'Open311 one request'],
  ['GET /open311/v2/tokens/{id}', 'Open311 token status'],
]);

// A route pattern as a regular expression over concrete paths ("{x}" one segment, "{x...}" the rest).
function patternRegex(pattern) {
  const body = pattern.split('/').map((seg) => {
    if (/^\{[^}]+\.\.\.\}$/.test(seg)) return '.+';
    if (/^\{[^}]+\}$/.test(seg)) return '[^/]+';
    return seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  }).join('/');
  return new RegExp(`^${body}$`);
}

test('ACCESS MATRIX covers every route the server registers (tinhso routes)', async () => {
  const r = await runCli(['routes']);
  assert.equal(r.code, 0, r.stderr);
  const routes = r.stdout.trim().split('\n').map((l) => l.split(' '));
  assert.ok(routes.length > 20, `tinhso routes listed ${routes.length} routes`);
  const fx = { role: 'citizen', email: ROLES.citizen, name: 'Thử' };
  const missing = [];
  for (const [method, pattern] of routes) {
    if (NOT_IN_MATRIX.has(`${method} ${pattern}`)) continue;
    const re = patternRegex(pattern);
    const covered = tables.some((r) => r.method === method && re.test(r.path(fxOf(r, fx)).split('?')[0]));
    if (!covered) missing.push(`${method} ${pattern}`);
  }
  assert.deepEqual(missing, [], 'routes without a row in src/modules/*/access*.mjs');
  for (const key of NOT_IN_MATRIX.keys()) {
    assert.ok(routes.some(([m, p]) => `${m} ${p}` === key), `${key} is exempted but no longer registered`);
  }
});

test('ACCESS MATRIX: anonymous requests are denied everywhere but on public routes', async () => {
  for (const route of tables) {
    const a = new Agent(t.srv.url);
    await a.get('/');
    const r = await send(a, route, { role: 'anonymous', name: 'Ẩn danh' });
    if (route.allow === 'everyone') {
      assert.equal(r.status, 200, `${route.method} ${route.path(fxOf(route, {}))} is public`);
      continue;
    }
    assert.ok([303, 401, 403].includes(r.status), `${route.method} ${route.path(fxOf(route, {}))} anonymous → ${r.status}`);
    if (r.status === 303) assert.match(r.headers.location, /^\/login/, `${route.method} ${route.path(fxOf(route, {}))} anonymous`);
  }
});

for (const role of Object.keys(ROLES)) {
  test(`ACCESS MATRIX: ${role}`, async () => {
    for (const route of tables) {
      const agent = await signIn(role, { fresh: !!route.endsSession });
      const fx = { role, email: ROLES[role], name: `Thử ${role}` };
      const label = `${route.module}: ${route.method} ${route.path(fxOf(route, fx))} as ${role}`;
      const r = await send(agent, route, fx);
      if (!allowed(route, role, fx)) {
        if (route.hidden) assert.ok([403, 404].includes(r.status), `${label} must be denied, got ${r.status}`);
        else assert.equal(r.status, 403, `${label} must be denied`);
        continue;
      }
      assert.ok((r.status >= 200 && r.status < 300) || r.status === 303, `${label} must be allowed, got ${r.status}`);
      if (route.own && route.method === 'GET') {
        if (route.own === true) assert.ok(r.text.includes(ROLES[role]), `${label} shows own account`);
        for (const [other, email] of Object.entries(ROLES))
          if (other !== role) assert.ok(!r.text.includes(email), `${label} shows ${other}'s account`);
      }
    }
  });
}

for (const role of [...SECOND_FACTOR]) {
  test(`ACCESS MATRIX: ${role} with the second factor pending is denied everywhere`, async () => {
    // One password-only session serves every route until a route ends it (each sign-in hashes).
    let agent = null;
    for (const route of tables.filter((r) => !r.beforeSecondFactor)) {
      agent ??= await signInPasswordOnly(role);
      const fx = { role, email: ROLES[role], name: `Thử ${role}` };
      const label = `${route.module}: ${route.method} ${route.path(fxOf(route, fx))} as ${role} (second factor pending)`;
      const r = await send(agent, route, fx);
      if (route.allow === 'everyone') {
        assert.equal(r.status, 200, label);
      } else if (route.method === 'GET' && !route.path(fxOf(route, fx)).startsWith('/api/')) {
        assert.equal(r.status, 303, label);
        assert.equal(r.headers.location, '/account/2fa', label);
      } else {
        assert.equal(r.status, 403, label);
      }
      if (route.endsSession) agent = null;
    }
  });
}

test('CSRF MATRIX: every state-changing route without or with a wrong token → 403', async () => {
  const role = 'citizen';
  for (const route of tables.filter((r) => r.stateChanging)) {
    for (const token of ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const agent = await signIn(role, { fresh: true });
      const fx = { role, email: ROLES[role], name: 'Giả mạo' };
      const r = await send(agent, route, fx, { _csrf: token });
      assert.equal(r.status, 403, `${route.module}: ${route.method} ${route.path(fxOf(route, fx))} with token ${JSON.stringify(token)}`);
      assert.match(r.text, /tải lại trang/, `${route.method} ${route.path(fxOf(route, fx))}: refused as a CSRF failure`);
      // The session must still be intact: the forged request changed nothing.
      assert.equal((await agent.get('/account')).status, 200, `${route.method} ${route.path(fxOf(route, fx))}: session survives`);
    }
  }
});
