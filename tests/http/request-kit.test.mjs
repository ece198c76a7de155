// The request kit's rules seen from outside (src/core/web, issue 13 §4), one table per rule:
// an id in a path, query or form is 1 to 18 ASCII digits or the answer is 400 with
// error.bad_request.id; a page number is 1 to 100000 or the answer is 400 with
// error.bad_request.page, on every list; a page past the end is an empty page (200) with no next
// link, never another page's rows; pager links keep the other query parameters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

let t;
let base;
const as = {};
before(async () => {
  t = await serverFixture('request-kit');
  base = t.srv.url;
  for (const who of ['officer', 'specialist', 'leader', 'inspector', 'admin', 'auditor'])
    as[who] = await signInFully(base, `${who}@demo.tinhso.vn`, PW);
  as.anon = new Agent(base);
  as.citizen = new Agent(base);
  assert.equal((await as.citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const ID_MESSAGE = {
  vi: 'Địa chỉ hoặc biểu mẫu ghi một mã số không hợp lệ',
  en: 'names a record by a number that is not valid',
};
const PAGE_MESSAGE = { vi: 'Số trang (tham số page) không hợp lệ', en: 'The page number (the page parameter) is not valid' };

const BAD_IDS = ['12abc', '-1', '1e3', '0', '99999999999999999999', '%2B7'];

test('an id in a path that is not digits is 400 with the id message, in the reader\'s language', async () => {
  const paths = [
    ['specialist', (id) => `/petitions/desk/${id}`],
    ['inspector', (id) => `/petitions/desk/${id}/files/1`],
    ['admin', (id) => `/admin/units/${id}`],
    ['admin', (id) => `/admin/agencies/${id}`],
  ];
  for (const [who, path] of paths) {
    for (const id of BAD_IDS) {
      const r = await as[who].get(path(id));
      assert.equal(r.status, 400, `${who} ${path(id)}`);
      assert.match(htmlText(r.text), new RegExp(ID_MESSAGE.vi), path(id));
    }
  }
  const en = await as.admin.get('/admin/units/12abc', { headers: { 'accept-language': 'en' } });
  assert.equal(en.status, 400);
  assert.match(htmlText(en.text), new RegExp(ID_MESSAGE.en));
  // A well-formed id that names nothing stays a 404.
  assert.equal((await as.admin.get('/admin/units/999999')).status, 404);
  assert.equal((await as.specialist.get('/petitions/desk/999999')).status, 404);
});

test('an id in a query or a form that is not digits is 400; blank means none', async () => {
  for (const id of BAD_IDS) {
    assert.equal((await as.auditor.get(`/audit?before=${id}`)).status, 400, `/audit?before=${id}`);
    assert.equal((await as.inspector.get(`/petitions/desk?agency=${id}`)).status, 400, `desk agency=${id}`);
    assert.equal((await as.inspector.get(`/petitions/desk?unit=${id}`)).status, 400, `desk unit=${id}`);
    assert.equal((await as.anon.get(`/statistics/dossiers?agency=${id}`)).status, 400, `statistics agency=${id}`);
  }
  assert.equal((await as.auditor.get('/audit?before=')).status, 200);
  assert.equal((await as.inspector.get('/petitions/desk?agency=&unit=')).status, 200);
  await as.admin.get('/admin/accounts');
  const r = await as.admin.post('/admin/accounts', { full_name: 'Nguyễn Văn Thử', email: 'kit@demo.tinhso.vn',
    password: 'Mot-Mat-Khau-Dai-2025', agency_id: '12abc', roles: 'specialist' });
  assert.equal(r.status, 400, 'a staff account for a malformed agency id');
});

// Ids past 32 bits are ids: found or not, never a 500 (PostgreSQL typed "(:x = 0 OR …)" as
// integer and refused 2147483648; the route fuzzer found it on /statistics/dossiers).
test('ids of 10 to 18 digits are looked up like any other: 200 or 404, never a 500', async () => {
  for (const id of ['2147483648', '9223372036854775', '999999999999999999']) {
    assert.equal((await as.anon.get(`/statistics/dossiers?year=2026&agency=${id}`)).status, 200, `statistics agency=${id}`);
    assert.equal((await as.auditor.get(`/audit?before=${id}`)).status, 200, `/audit?before=${id}`);
    assert.equal((await as.auditor.get(`/security?before=${id}`)).status, 200, `/security?before=${id}`);
    assert.equal((await as.inspector.get(`/petitions/desk?agency=${id}`)).status, 200, `desk agency=${id}`);
    assert.equal((await as.inspector.get(`/petitions/desk/${id}`)).status, 404, `desk petition ${id}`);
    assert.equal((await as.admin.get(`/admin/agencies/${id}`)).status, 404, `agency ${id}`);
  }
});

test('a malformed page number is 400 with the page message on every list; blank is page 1', async () => {
  const lists = [
    ['anon', '/procedures'], ['admin', '/admin/procedures'], ['anon', '/city-reports'],
    ['citizen', '/dossiers/mine'], ['officer', '/desk'], ['leader', '/work'], ['specialist', '/petitions/desk'],
  ];
  for (const [who, path] of lists) {
    for (const page of ['abc', '0', '-1', '2abc', '1e3', '100001', '%2B2']) {
      const r = await as[who].get(`${path}?page=${page}`);
      assert.equal(r.status, 400, `${who} ${path}?page=${page}`);
      assert.match(htmlText(r.text), new RegExp(PAGE_MESSAGE.vi.replace(/[()]/g, '\\$&')), `${path}?page=${page}`);
    }
    assert.equal((await as[who].get(`${path}?page=`)).status, 200, `${path}?page=`);
    // Past the end: an empty page, never another page's rows.
    const far = await as[who].get(`${path}?page=99999`);
    assert.equal(far.status, 200, `${path}?page=99999`);
    assert.doesNotMatch(far.text, /rel="next"/, `${path}?page=99999 has no next page`);
  }
  const en = await as.anon.get('/procedures?page=x', { headers: { 'accept-language': 'en' } });
  assert.match(htmlText(en.text), new RegExp(PAGE_MESSAGE.en.replace(/[()]/g, '\\$&')));
  const api = await as.anon.get('/api/v1/procedures?page=x');
  assert.equal(api.status, 400);
  assert.match(api.headers['content-type'], /^application\/problem\+json/);
  assert.equal((await as.citizen.get('/api/v1/dossiers/mine?page=x')).status, 400);
});

test('pager links keep the other query parameters and drop page 1', async () => {
  const r = await as.anon.get('/procedures?level=x&q=&page=2');
  assert.equal(r.status, 200);
  assert.match(r.text, /href="&#x2F;procedures\?level=x" rel="prev"/, 'page 1 without page=, blank q dropped');
});
