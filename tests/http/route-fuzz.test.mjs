// The hostile-input ROUTE fuzzer (issue 12): every route `tinhso routes` lists, anonymous and
// signed in as each demo role (second factor included, tests/lib/totp.mjs), with mutated queries
// and bodies — urlencoded, multipart and (for /api/ and now and then elsewhere) JSON: repeated
// names (a blank copy first, or two different values), blank and white-space values, very long
// values, invalid UTF-8 and broken percent-escapes, out-of-range and non-numeric numbers and
// dates, control characters, missing and unknown fields, hostile path parameters. Field names
// come from the forms and links of the GET pages each role sees, the access matrix's valid
// requests (src/modules/*/access*.mjs), api/openapi.json and the Open311 specification.
//
// Never: a 5xx other than 503, exception text or a stack in a body, a server that stops
// answering /healthz or whose process exits.
//
// Reproducible: a seeded PRNG (the seed is printed; each principal's stream is derived from it).
//   ROUTE_FUZZ_SEED     the seed (default: random)
//   ROUTE_FUZZ_SECONDS  the fuzzing time of the whole file on one database, shared by the
//                       principals (default 45: with start-up, sign-ins and crawl ≈ 55 s on
//                       SQLite and ≈ 67 s on PostgreSQL in `make check`). tests/http/run gives
//                       a file 120 s, so at most ≈ 85;
//                       `make fuzz` runs ROUTE_FUZZ_ROUNDS (default 12) rounds of 75 s, each
//                       with a new seed, on both databases.
import { accessTables } from '../lib/access.mjs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomInt } from 'node:crypto';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { runCli } from '../lib/server.mjs';
import { request, assertHealthy } from '../lib/http.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const SEED = Number(process.env.ROUTE_FUZZ_SEED ?? randomInt(2 ** 31));
const SECONDS = Number(process.env.ROUTE_FUZZ_SECONDS ?? 45);
const PRINCIPALS = ['anonymous', ...Object.keys(DEMO_ACCOUNTS)];
const SLICE_MS = (SECONDS * 1000) / PRINCIPALS.length;
const HEALTH_EVERY = 40;  // requests between two /healthz checks
const MAX_CRAWL = 160;    // GET pages read per principal to learn forms, links and names

process.stderr.write(`route-fuzz: seed ${SEED} (ROUTE_FUZZ_SEED=${SEED} reproduces), ${SECONDS} s over ${PRINCIPALS.length} principals\n`);

// ---- a seeded PRNG (mulberry32) ----
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
  return r;
}
const seedOf = (name) => [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, SEED >>> 0);

// ---- hostile values ----
const NUMBERS = ['0', '-1', '1', '2', '7', '2147483647', '2147483648', '-2147483649', '4294967296', '9223372036854775807',
  '9223372036854775808', '-9223372036854775809', '99999999999999999999999999999', '1e308', '1e309', '-1e309', '-0',
  '0x1F', '1.5', '.5', '5.', 'NaN', 'Infinity', '-Infinity', '١٢٣', ' 42 ', '+7', '007', '1,5', '1_000', '0b1', '00000000000000000000001'];
const DATES = ['2025-02-30', '2025-02-29', '2024-02-29', '2025-13-01', '2025-00-10', '0000-00-00', '9999-12-31', '1899-12-31',
  '1900-01-01', '2199-12-31', '2200-01-01', '2025-1-1', '25-01-01', '2025/01/24', '24/01/2025', '2025-01-24T16:00:00+07:00',
  '2025-01-24T25:61:61Z', '2025-W05', '24:00', '23:59:60', '-2025-01-01', '2025-01-24 ', '2026-02-16', '2026-12-31'];
const TEXTS = ['', ' ', '   ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\ufeff', '\u202e', '\u200b', 'null', 'true', 'false',
  '[]', '{}', 'undefined', "' OR '1'='1", '"; DROP TABLE accounts; --', "1' AND SLEEP(5)--", '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>', '{{t.site.name}}', '{{{x}}}', '{{#a}}{{/a}}', '../../../etc/passwd', '..%2f..%2f',
  '/etc/passwd\u0000.png', '%00', '%s%s%s%n', '${jndi:ldap://x/a}', '\\', '\\\\?\\C:\\', 'Nguyễn Thị Lan', 'Đường 3/2',
  'PA-000001-000001', 'TTHCC-000000-000000', 'o311_x', 'ROAD', 'open', 'closed', 'en', 'vi', 'xx', 'http://evil.example/',
  'javascript:alert(1)', '//evil.example', 'mailto:a@b', 'a@b', '@', 'a'.repeat(256), 'ạ'.repeat(300), '😀'.repeat(50),
  '\u0000', '\u0001', '\u0008', '\u001b[31m', '\u007f', '\u0085', '\ud800', 'x\u0000y', 'x\ny', 'x\r\ny', 'x\ty', '-', '*', '%', '_'];
const PATH_VALUES = ['0', '-1', '1', '999999999', '99999999999999999999', 'abc', 'x'.repeat(300), '%00', '%01', '%7F', '%FF',
  '%C3', '%ED%A0%80', '%C0%AF', '%', '%zz', '%2F', '%2e%2e', '..%2F..%2Fetc', '%3Cscript%3E', 'null', 'NaN', '1e5', '0x10',
  '2025-02-30', '2026-01-01', '9999', '1899', 'R%C3%B4', '%E1%BA%A1', '\u00ff\u00fe', 'a.json', 'a.xml', 'a.yaml', '.json',
  'requests', 'requests.json', 'requests.xml', 'services.json', 'discovery.xml', 'servicerequestupdates.json',
  'servicerequestupdates.xml', 'tokens.json', 'ROAD.json', 'PA-000001-000001.json', '%20', '+', '~', '@', '%40'];
// Raw pieces that break the encoding of a urlencoded body or a query string.
const BAD_ESCAPES = ['%', '%z', '%zz', '%4', '%C3', '%FF', '%FE%FF', '%ED%A0%80', '%C0%AF', '%E0%80%AF', '%F4%90%80%80', '%00', '%0A', '%7F', '%%', '%C3%28'];
// Raw bytes (not valid UTF-8) for bodies; as latin1 characters they also pass node into a path.
const BAD_BYTES = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0x80, 0x80])];

function hostileValue(rnd) {
  const k = rnd.int(10);
  if (k < 3) return rnd.pick(NUMBERS);
  if (k < 4) return rnd.pick(DATES);
  if (k < 5) return rnd.pick(['a', 'ạ', '0', ' ', '%']).repeat(rnd.pick([1000, 4000, 20000, 70000]));
  return rnd.pick(TEXTS);
}

// ---- what the server serves ----
function patternRegex(pattern) {
  const body = pattern.split('/').map((seg) => {
    if (/^\{[^}]+\.\.\.\}$/.test(seg)) return '(.+)';
    if (/^\{[^}]+\}$/.test(seg)) return '([^/]+)';
    return seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  }).join('/');
  return new RegExp(`^${body}$`);
}
const paramNames = (pattern) => [...pattern.matchAll(/\{([^}.]+)(\.\.\.)?\}/g)].map((m) => m[1]);

const unescapeHtml = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&#x2F;/gi, '/').replace(/&#x3D;/gi, '=').replace(/&#x60;/gi, '`').replace(/&amp;/g, '&');
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag);
  return m ? unescapeHtml(m[1]) : undefined;
};

// The forms of a page: {action, method, multipart, fields: [[name, value]]} (select: its options).
function formsOf(html, pagePath) {
  const out = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const action = (attr(m[1], 'action') || pagePath).split('#')[0];
    const method = (attr(m[1], 'method') || 'get').toUpperCase();
    const multipart = /multipart\/form-data/i.test(attr(m[1], 'enctype') || '');
    const fields = [];
    for (const t of m[2].matchAll(/<(input|textarea|select)\b([^>]*)>/gi)) {
      const name = attr(t[2], 'name');
      if (!name) continue;
      const type = (attr(t[2], 'type') || '').toLowerCase();
      if (type === 'file') continue;
      if (t[1].toLowerCase() === 'select') {
        const rest = m[2].slice(t.index);
        const body = rest.slice(0, rest.search(/<\/select>/i) + 1);
        for (const o of body.matchAll(/<option\b([^>]*)>/gi)) fields.push([name, attr(o[1], 'value') ?? '']);
      } else {
        fields.push([name, attr(t[2], 'value') ?? '']);
      }
    }
    out.push({ action, method, multipart, fields });
  }
  return out;
}
const linksOf = (html) => [...html.matchAll(/\shref="([^"#]*)"/gi)].map((m) => unescapeHtml(m[1])).filter((h) => h.startsWith('/') && !h.startsWith('//'));

// Names from api/openapi.json: parameters and JSON body properties of each operation.
function openapiNames() {
  const doc = JSON.parse(readFileSync(join(ROOT, 'api', 'openapi.json'), 'utf8'));
  const resolve = (x) => {
    let v = x;
    for (let i = 0; v && v.$ref && i < 10; i++) v = v.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], doc);
    return v;
  };
  const props = (schema, out, depth = 0) => {
    const s = resolve(schema);
    if (!s || depth > 5) return out;
    for (const [k, v] of Object.entries(s.properties || {})) { out.add(k); props(v, out, depth + 1); }
    for (const sub of [...(s.allOf || []), ...(s.oneOf || []), ...(s.anyOf || [])]) props(sub, out, depth + 1);
    return out;
  };
  const names = new Map();  // "METHOD /pattern" -> Set
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [m, o] of Object.entries(ops)) {
      if (!o || typeof o !== 'object' || !o.responses) continue;
      const set = new Set();
      for (const prm of o.parameters || []) {
        const r = resolve(prm);
        if (r && r.in !== 'header') set.add(r.name);
      }
      for (const c of Object.values(o.requestBody?.content || {})) props(c.schema, set);
      names.set(`${m.toUpperCase()} ${p}`, set);
    }
  }
  return names;
}

// GeoReport v2 and FixMyStreet's names (../shared/domain/OPEN311.md).
const OPEN311_NAMES = ['api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id',
  'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url',
  'attribute[severity]', 'attribute[blocking]', 'attribute[cable_type]', 'attribute[]', 'attribute[', 'service_request_id',
  'start_date', 'end_date', 'status', 'update_id', 'updated_datetime', 'page', 'page_size'];

// ---- the run ----
let t;
let routes;          // [{method, pattern, re, params}]
let matrixRows = []; // the access matrix's valid requests
const prepared = new Map();
let openapi;
let requests = 0;
let healthChecks = 0;
// Every principal signs in before any fuzzing: the anonymous cases' failed sign-ins start the
// address's cool-down (by design), which would refuse later sign-ins from this address.
const agents = new Map();
const open311Keys = new Map();  // one Open311 key per principal: an administrator's case may revoke another's

before(async () => {
  t = await serverFixture('route_fuzz');
  const r = await runCli(['routes']);
  assert.equal(r.code, 0, r.stderr);
  routes = r.stdout.trim().split('\n').map((l) => {
    const [method, pattern] = l.split(' ');
    return { method, pattern, re: patternRegex(pattern), params: paramNames(pattern) };
  });
  openapi = openapiNames();
  for (const principal of PRINCIPALS) {
    const made = await runCli(['open311', 'key', 'create', '--db', t.db.url, '--name', `Fuzz ${principal}`]);
    assert.equal(made.code, 0, made.stderr);
    open311Keys.set(principal, made.stdout.trim());
  }
  for (const principal of PRINCIPALS) {
    if (principal === 'anonymous') {
      const a = new Agent(t.srv.url);
      await a.get('/');
      agents.set(principal, a);
    } else {
      agents.set(principal, await signInFully(t.srv.url, DEMO_ACCOUNTS[principal], DEMO_PASSWORD));
    }
  }
  for (const { name: module, mod } of await accessTables()) {
    if (mod.prepare) prepared.set(module, await mod.prepare(t));
    for (const row of mod.routes) matrixRows.push({ ...row, module });
  }
});
after(async () => {
  process.stderr.write(`route-fuzz: seed ${SEED}, ${requests} requests, ${healthChecks} health checks\n`);
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs().slice(-4000));
});

// Exception text, stacks and internals a body must never show.
const LEAKS = /std::|what\(\)|terminate called|basic_string|\bstoi\b|\bstoll?\b|invalid_argument|out_of_range|bad_optional|bad_variant|soci::|sqlite3?_|SQLITE_|SQLSTATE|syntax error at or near|nlohmann|json\.exception|\[json\.|boost::|Segmentation fault|core dumped|Assertion .* failed|_M_is_engaged|Traceback|\bat 0x[0-9a-f]{6,}|#[0-9]+ 0x[0-9a-f]+ in /;

async function assertAlive(context) {
  healthChecks++;
  const p = t.srv.process;
  assert.ok(p.exitCode === null && p.signalCode === null,
    `the server process ended (${p.exitCode ?? p.signalCode}) after ${context}\n${t.srv.logs().slice(-4000)}`);
  await assertHealthy(t.srv.url, context);
}

// A principal's session and what it sees: forms, links and names per route.
async function explore(principal, rnd) {
  const agent = agents.get(principal);
  const fx = { role: principal, email: DEMO_ACCOUNTS[principal] ?? '', name: `Thử ${principal}` };
  const fxOf = (row) => ({ ...fx, ...(prepared.get(row.module) || {}) });
  const seen = new Map();  // route key -> {paths:Set, forms:[], names:Set, queries:[]}
  const slot = (route) => {
    const k = `${route.method} ${route.pattern}`;
    if (!seen.has(k)) seen.set(k, { paths: new Set(), forms: [], names: new Set(route.params), queries: [] });
    return seen.get(k);
  };
  const routeOf = (method, path) => routes.find((r) => r.method === method && r.re.test(path));
  const note = (method, target, fields, multipart) => {
    const [path, query] = target.split('?');
    const route = routeOf(method, path);
    if (!route) return;
    const s = slot(route);
    s.paths.add(path);
    if (fields) {
      s.forms.push({ fields, multipart });
      for (const [n] of fields) s.names.add(n);
    }
    if (query) {
      const q = [...new URLSearchParams(query)];
      s.queries.push(q);
      for (const [n] of q) s.names.add(n);
    }
  };
  for (const row of matrixRows) {
    let path;
    try {
      path = row.path(fxOf(row));
    } catch {
      continue;
    }
    const fields = row.form ? Object.entries(row.form(fxOf(row))).map(([k, v]) => [k, String(v)]) : null;
    if (row.json) note(row.method, path, Object.entries(row.json(fxOf(row))).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]), false);
    else note(row.method, path, fields, !!row.multipart);
  }
  // Crawl: every GET route without parameters, the matrix's GET paths, then links found.
  const queue = [...routes.filter((r) => r.method === 'GET' && r.params.length === 0).map((r) => r.pattern),
    ...[...seen.entries()].filter(([k]) => k.startsWith('GET ')).flatMap(([, s]) => [...s.paths])];
  const visited = new Set();
  const reachable = new Set();  // routes this principal was served (GET 200, or a form to POST)
  while (queue.length && visited.size < MAX_CRAWL) {
    const target = queue.shift();
    if (visited.has(target) || /\/(logout|export[^/]*|files\/)/.test(target)) continue;
    visited.add(target);
    const r = await agent.get(target);
    requests++;
    check(r, `crawl GET ${target} as ${principal}`);
    note('GET', target, null, false);
    if (r.status === 200) reachable.add(routeOf('GET', target.split('?')[0]));
    if (!/text\/html/.test(r.headers['content-type'] || '')) continue;
    for (const f of formsOf(r.text, target.split('?')[0])) {
      if (f.method === 'GET') {
        const route = routeOf('GET', f.action.split('?')[0]);
        if (route) for (const [n] of f.fields) slot(route).names.add(n);
        if (route) slot(route).queries.push(f.fields);
      } else {
        note('POST', f.action, f.fields, f.multipart);
        reachable.add(routeOf('POST', f.action.split('?')[0]));
      }
    }
    for (const href of linksOf(r.text)) {
      if (!visited.has(href) && queue.length < 4 * MAX_CRAWL && !href.startsWith('/static/')) queue.push(href);
      else if (href.startsWith('/static/')) note('GET', href, null, false);
    }
  }
  for (const route of routes) {
    const s = slot(route);
    for (const n of openapi.get(`${route.method} ${route.pattern}`) || []) s.names.add(n);
    if (route.pattern.startsWith('/open311/')) for (const n of OPEN311_NAMES) s.names.add(n);
  }
  reachable.delete(undefined);
  return { agent, seen, rnd, reachable: [...reachable] };
}

function check(r, context) {
  assert.ok(r.status < 500 || r.status === 503, `${context} → ${r.status}\n${r.text.slice(0, 600)}`);
  const leak = LEAKS.exec(r.text);
  assert.equal(leak, null, `${context}: the body shows internals (${leak?.[0]})\n${r.text.slice(0, 600)}`);
}

// ---- one fuzz case ----
function fillPath(route, s, rnd) {
  const real = [...s.paths];
  if (real.length && rnd.chance(0.7)) {
    const p = rnd.pick(real);
    if (route.params.length === 0 || rnd.chance(0.6)) return p;
    // A real path with one parameter replaced.
    const m = route.re.exec(p);
    const values = m ? m.slice(1) : route.params.map(() => '1');
    values[rnd.int(values.length)] = rnd.pick(PATH_VALUES);
    return build(route.pattern, values);
  }
  return build(route.pattern, route.params.map(() => rnd.pick(PATH_VALUES)));
}
function build(pattern, values) {
  let i = 0;
  return pattern.replace(/\{[^}]+\}/g, () => values[i++] ?? '1');
}

// Field mutations on [[name, value]] pairs.
function mutate(fields, names, rnd) {
  const out = fields.map(([k, v]) => [k, v]);
  const anyName = () => (out.length && rnd.chance(0.6) ? rnd.pick(out)[0] : rnd.pick(names.length ? names : ['q']));
  const n = 1 + rnd.int(3);
  for (let i = 0; i < n; i++) {
    const k = rnd.int(10);
    if (k < 3) {  // a hostile value
      const name = anyName();
      const at = out.findIndex(([x]) => x === name);
      if (at >= 0) out[at][1] = hostileValue(rnd);
      else out.push([name, hostileValue(rnd)]);
    } else if (k < 4) {  // the finding's shape: a blank copy first, then a value
      const name = anyName();
      out.unshift([name, rnd.pick(['', ' ', '\t'])]);
      out.push([name, hostileValue(rnd)]);
    } else if (k < 5) {  // two different values
      const name = anyName();
      out.push([name, hostileValue(rnd)], [name, hostileValue(rnd)]);
    } else if (k < 6 && out.length) {  // a missing field
      out.splice(rnd.int(out.length), 1);
    } else if (k < 7) {  // blank or white space
      const name = anyName();
      const at = out.findIndex(([x]) => x === name);
      const v = rnd.pick(['', ' ', '  \t ', '\u00a0', '\u3000']);
      if (at >= 0) out[at][1] = v; else out.push([name, v]);
    } else if (k < 8) {  // an unknown or hostile name
      out.push([rnd.pick(['x', '', ' ', 'a[b]', 'a[]', '__proto__', 'constructor', '_csrf', 'a'.repeat(2000), 'tên', '\u0001', 'a b']), hostileValue(rnd)]);
    } else if (k < 9) {  // a number out of range in a field that holds one
      const name = anyName();
      const at = out.findIndex(([x]) => x === name);
      if (at >= 0) out[at][1] = rnd.pick(NUMBERS); else out.push([name, rnd.pick(NUMBERS)]);
    } else {  // a date out of range
      const name = anyName();
      const at = out.findIndex(([x]) => x === name);
      if (at >= 0) out[at][1] = rnd.pick(DATES); else out.push([name, rnd.pick(DATES)]);
    }
  }
  return out;
}

// Urlencoded text of the pairs, sometimes with a broken escape spliced in.
function urlencoded(pairs, rnd) {
  let s = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, rnd.chance(0.5) ? '+' : '%20')}`).join('&');
  if (rnd.chance(0.08)) {
    const at = rnd.int(s.length + 1);
    s = s.slice(0, at) + rnd.pick(BAD_ESCAPES) + s.slice(at);
  }
  if (rnd.chance(0.05)) s = rnd.pick(['&&&', '=', '==&=', '&a', 'a&&b=', `${s}&`]) + s;
  return s;
}
function encodeSafely(str) {
  // encodeURIComponent throws on a lone surrogate: send U+FFFD's bytes instead.
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function multipartBody(pairs, rnd) {
  const boundary = `----fuzz${randomBytes(6).toString('hex')}`;
  const parts = [];
  for (const [k, v] of pairs) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n`));
    parts.push(rnd.chance(0.05) ? rnd.pick(BAD_BYTES) : Buffer.from(v, 'utf8'));
    parts.push(Buffer.from('\r\n'));
  }
  if (rnd.chance(0.4)) {
    const name = rnd.pick(['file', 'files', 'doc_1', 'doc_999', 'photo', 'attachment', 'csv', 'x']);
    const filename = rnd.pick(['a.pdf', 'a.png', 'a.jpg', 'a.csv', '../../etc/passwd', 'a\u0000b.pdf', '', 'ạ.pdf', 'a'.repeat(300), 'a.pdf.exe', '.htaccess']);
    const type = rnd.pick(['application/pdf', 'image/png', 'image/jpeg', 'text/csv', 'application/octet-stream', 'text/html', '', 'x/y; a=b']);
    const content = rnd.pick([Buffer.from('%PDF-1.4\n%%EOF\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('ma,ten\nX,Y\n'), Buffer.alloc(0), randomBytes(64 + rnd.int(2048)), Buffer.from('MZ\x90\x00', 'latin1')]);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`));
    parts.push(content, Buffer.from('\r\n'));
  }
  const end = rnd.chance(0.05) ? rnd.pick(['', `--${boundary}\r\n`, `--${boundary}-`, '--wrong--\r\n']) : `--${boundary}--\r\n`;
  parts.push(Buffer.from(end));
  const ctype = rnd.chance(0.03) ? rnd.pick(['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary="${boundary}x"`])
    : `multipart/form-data; boundary=${boundary}`;
  return { body: Buffer.concat(parts), type: ctype };
}

function jsonBody(pairs, rnd) {
  const k = rnd.int(20);
  if (k === 0) return rnd.pick(['', '{', '{"a":', 'nul', '[1,]', '{"a":1,}', '\u0000', '"\\ud800"', '{"a":"\\u0000"}', 'x'.repeat(1000)]);
  if (k === 1) return `${'['.repeat(1 + rnd.int(5000))}${']'.repeat(rnd.int(5000))}`;
  if (k === 2) return rnd.pick(['[]', '"x"', '1', 'null', 'true', '[{"a":1}]']);
  const o = {};
  for (const [name, v] of pairs) {
    const r = rnd.int(12);
    o[name] = r === 0 ? Number(rnd.pick(NUMBERS)) : r === 1 ? rnd.pick([null, true, false, [], {}, [v], { v }]) :
      r === 2 ? 1e308 * (rnd.chance(0.5) ? 10 : 1) : v;
  }
  let text = JSON.stringify(o);
  if (k === 3 && pairs.length) text = `{${JSON.stringify(pairs[0][0])}:1,${text.slice(1)}`;  // a duplicate key
  if (k === 4) text = text.replace(/}$/, ',"n":123456789012345678901234567890}');
  return text;
}

async function fuzzOne(ctx, route, index, principal) {
  const { agent, seen, rnd } = ctx;
  const s = seen.get(`${route.method} ${route.pattern}`) || { paths: new Set(), forms: [], names: new Set(route.params), queries: [] };
  const names = [...s.names];
  let path = fillPath(route, s, rnd);
  const headers = { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), origin: t.srv.url };
  if (!headers.cookie) delete headers.cookie;
  if (rnd.chance(0.15)) headers['accept-language'] = rnd.pick(['en', 'vi', 'en-US,en;q=0.9', 'xx', '*', 'en;q=abc']);
  let method = route.method;
  let body;
  if (method === 'GET') {
    const base = s.queries.length && rnd.chance(0.7) ? rnd.pick(s.queries) : [];
    const q = rnd.chance(0.85) ? mutate(base, names, rnd) : base;
    if (q.length) path += `?${urlencoded(q.map(([k, v]) => [encodeSafely(k), encodeSafely(v)]), rnd)}`;
    if (rnd.chance(0.05)) path += `${path.includes('?') ? '&' : '?'}q=${rnd.pick(BAD_BYTES).toString('latin1')}`;
    if (rnd.chance(0.05)) method = 'HEAD';
  } else {
    const form = s.forms.length && rnd.chance(0.8) ? rnd.pick(s.forms) : { fields: [], multipart: false };
    let fields = form.fields.filter(([k]) => k !== '_csrf');
    if (route.pattern.startsWith('/open311/') && rnd.chance(0.7)) fields = [...ctx.open311Form(rnd), ...fields];
    if (rnd.chance(0.9)) fields = [['_csrf', agent.csrf], ...fields];
    const pairs = (rnd.chance(0.9) ? mutate(fields, names, rnd) : fields).map(([k, v]) => [encodeSafely(k), encodeSafely(v)]);
    const api = route.pattern.startsWith('/api/');
    const kind = api && !form.multipart ? (rnd.chance(0.8) ? 'json' : rnd.pick(['urlencoded', 'multipart']))
      : form.multipart ? (rnd.chance(0.8) ? 'multipart' : rnd.pick(['urlencoded', 'json']))
        : rnd.pick(['urlencoded', 'urlencoded', 'urlencoded', 'multipart', 'json']);
    if (kind === 'json') {
      body = Buffer.from(jsonBody(pairs.filter(([k]) => k !== '_csrf'), rnd), 'utf8');
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = agent.csrf;
      if (api) headers['idempotency-key'] = `fuzz-${SEED}-${principal}-${index}-abcdefgh`;
    } else if (kind === 'multipart') {
      const m = multipartBody(pairs, rnd);
      body = m.body;
      headers['content-type'] = m.type;
      if (api) headers['x-csrf-token'] = agent.csrf;
    } else {
      let text = urlencoded(pairs, rnd);
      body = rnd.chance(0.05) ? Buffer.concat([Buffer.from(text), rnd.pick(BAD_BYTES)]) : Buffer.from(text);
      headers['content-type'] = rnd.chance(0.03) ? rnd.pick(['text/plain', 'application/x-www-form-urlencoded; charset=latin1', '']) : 'application/x-www-form-urlencoded';
    }
    headers['content-length'] = body.length;
  }
  const context = `seed ${SEED} case ${principal}#${index}: ${method} ${path.slice(0, 300)}`
    + (body ? ` body ${JSON.stringify(body.toString('utf8').slice(0, 400))}` : '');
  let r;
  try {
    r = await request(t.srv.url, path, { method, headers, body });
  } catch (e) {
    // Only a refused request line (node refuses some paths itself) may fail on the client side.
    if (e.code === 'ERR_UNESCAPED_CHARACTERS' || e.code === 'ERR_INVALID_CHAR') return;
    await assertAlive(context);
    throw new Error(`${context}: ${e.message}`);
  }
  requests++;
  ctx.statuses.set(r.status, (ctx.statuses.get(r.status) || 0) + 1);
  check(r, context);
  if (requests % HEALTH_EVERY === 0) await assertAlive(context);
}

// Sessions end on purpose only through these; a signed-in principal skips them (anonymous fuzzes them).
const ENDS_SESSION = new Set(['POST /logout', 'POST /account/sessions/revoke-others']);

for (const principal of PRINCIPALS) {
  test(`route fuzz as ${principal}`, { timeout: SLICE_MS + 180_000 }, async (tc) => {
    const rnd = prng(seedOf(principal));
    tc.diagnostic(`seed ${SEED}`);
    const ctx = await explore(principal, rnd);
    ctx.statuses = new Map();
    const key = open311Keys.get(principal);
    ctx.open311Form = (r) => [['api_key', key], ['service_code', r.pick(['ROAD', 'LIGHT', 'DRAIN', 'TREE', 'CABLE', 'WASTE', 'X'])],
      ['lat', '21.3227'], ['long', '105.4019'], ['attribute[severity]', r.pick(['minor', 'serious'])], ['description', 'Ổ gà'],
      ['service_request_id', r.pick(['PA-000001-000001', 'x'])], ['status', r.pick(['open', 'closed'])]];
    const candidates = routes.filter((r) => principal === 'anonymous' || !ENDS_SESSION.has(`${r.method} ${r.pattern}`));
    const stop = Date.now() + SLICE_MS;
    let index = 0;
    // Mostly the routes this principal is served, so that mutations reach the handlers' logic.
    const served = ctx.reachable.filter((r) => candidates.includes(r));
    while (Date.now() < stop) {
      const route = served.length && rnd.chance(0.7) ? rnd.pick(served) : rnd.pick(candidates);
      await fuzzOne(ctx, route, index++, principal);
    }
    await assertAlive(`${index} cases as ${principal}`);
    const histogram = [...ctx.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    tc.diagnostic(`${index} cases as ${principal}: ${histogram}`);
  });
}
