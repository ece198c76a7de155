// The design-system page (/design, issue 14 §2) and the administration index (/admin, §1).
// Its own server: signing in fully enrols each demo account's second factor once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo.mjs';

let t;
let base;
const agents = new Map();
before(async () => {
  t = await serverFixture('design');
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});
// Mustache escapes "/" in attribute values as &#x2F;.
const unescaped = (html) => html.replaceAll('&#x2F;', '/');
async function as(role) {
  if (!agents.has(role)) agents.set(role, await signInFully(base, DEMO_ACCOUNTS[role], DEMO_PASSWORD));
  return agents.get(role);
}

test('§14.2: /design shows every component to staff, and nobody else', async () => {
  const officer = await as('one_stop_officer');
  const r = await officer.get('/design');
  assert.equal(r.status, 200);
  for (const pattern of ['class="button start"', 'class="secondary"', 'class="danger"', '<details class="confirm">',
    'class="choice"', 'class="field has-error"', 'aria-invalid="true"', 'class="error-summary"', 'class="summary-list"',
    'class="tag tag-late"', 'data-label=', 'class="pager"', 'class="panel-confirmation"', 'class="empty"', 'type="date"'])
    assert.ok(r.text.includes(pattern), `/design shows ${pattern}`);
  // Dates and numbers in the reader's format: "dd/mm/yyyy" and "1.234.567" in Vietnamese.
  assert.match(htmlText(r.text), /\d{2}\/\d{2}\/\d{4}/);
  assert.ok(r.text.includes('1.234.567') && r.text.includes('50.000 đồng'));
  const en = await officer.get('/design', { headers: { 'Accept-Language': 'en' } });
  assert.equal(en.status, 200);
  const citizen = await as('citizen');
  assert.equal((await citizen.get('/design')).status, 403, 'a citizen is refused');
  const anonymous = await get(base, '/design');
  assert.equal(anonymous.status, 303, 'a visitor is sent to sign in');
});

test('§14.1: /admin lists the administration areas, each with what it is for, and each opens', async () => {
  const admin = await as('administrator');
  const r = await admin.get('/admin');
  assert.equal(r.status, 200);
  const areas = [...unescaped(r.text).matchAll(/<li class="card"><h2 class="card-title"><a href="([^"]+)">([^<]+)<\/a><\/h2><p>([^<]+)<\/p>/g)];
  assert.deepEqual(areas.map((m) => m[1]),
    ['/admin/indicators', '/admin/agencies', '/admin/units', '/design', '/admin/open311', '/admin/calendar', '/admin/procedures', '/admin/accounts'],
    'every area, by name in Vietnamese order');
  for (const [, href] of areas) assert.equal((await admin.get(href)).status, 200, href);
  for (const role of ['one_stop_officer', 'auditor']) {
    const other = await as(role);
    assert.equal((await other.get('/admin')).status, 403, `${role} is refused`);
  }
});
