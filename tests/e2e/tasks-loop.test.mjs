// Issue 16 "Done when": the loop of a task in the browser, with JavaScript on and off. The province
// leader records a conclusion notice with three items and assigns them to SO-KHCN (the lead body of
// the demo specialist and leader); the specialist acknowledges and reports progress with a PDF; the
// body's leader asks for an extension, the province leader approves it; the body's leader reports
// completion and the province leader confirms it. The board's counts of the lead body move (its
// total by three, "completed on time" by one) and each of those counts opens its list with that
// many rows (with JavaScript off, every count of its row). Axe on every page (JavaScript on: axe runs in the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage, assertAccessible } from './browser.mjs';
import { main, path, clickAndWait, signIn, unexpected } from './dossiers-journey.mjs';
import { DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

const site = demoSite('e2e_tasks_loop');
const LEAD = 'Sở Khoa học và Công nghệ';  // SO-KHCN
const ON_TIME = 'Hoàn thành đúng hạn';
const TOTAL = 'Tổng số';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
// A day in Viet Nam (UTC+7), `n` days from today, as YYYY-MM-DD.
const day = (n) => new Date(Date.now() + 7 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);

async function actor(role, javaScriptEnabled) {
  const a = await newPage(site.browser, { javaScriptEnabled });
  await signIn(site.base, a.page, ROLES[role]);
  return a;
}

// Opens `url` (or follows `locator`), expects a 200 and checks the page with axe.
async function visit(page, where, what) {
  const res = typeof where === 'string' ? await page.goto(`${site.base}${where}`) : await clickAndWait(page, where);
  assert.equal(res?.status(), 200, `${what}: HTTP ${res?.status()} at ${page.url()}`);
  await assertAccessible(page, what);
}

// The lead body's row of the board's table by lead body: {column label: {n, link}}.
async function leadRow(page) {
  const table = main(page).locator('table.counts').first();
  const heads = (await table.locator('thead th').allInnerTexts()).map((s) => s.trim()).slice(1);
  const row = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: LEAD }) });
  assert.equal(await row.count(), 1, `the board has a row of ${LEAD}`);
  const links = row.locator('a.count');
  assert.equal(await links.count(), heads.length);
  const out = {};
  for (let i = 0; i < heads.length; i++) {
    const link = links.nth(i);
    out[heads[i]] = { n: Number((await link.innerText()).replace(/\D/g, '')), link };
  }
  return out;
}

// On the task page open in `page`: takes the step whose form is #act-<code>, then checks the
// confirmation on the task page.
async function act(page, code, fill = async () => {}) {
  const form = main(page).locator(`#act-${code}`);
  await fill(form);
  await visit(page, form.locator('button[type="submit"]'), `the task after ${code}`);
  assert.match(page.url(), new RegExp(`/tasks/\\d+\\?done=${code}$`), `${code} done (at ${page.url()})`);
  assert.match(await main(page).locator('[role="status"]').first().innerText(), /Đã ghi nhận:/);
}

async function loop(javaScriptEnabled, number) {
  const tag = javaScriptEnabled ? 'JS on' : 'JS off';
  const province = await actor('province_leader', javaScriptEnabled);
  const specialist = await actor('specialist', javaScriptEnabled);
  const leader = await actor('agency_leader', javaScriptEnabled);
  const p = province.page;
  try {
    await visit(p, '/tasks/board', `${tag}: the board before`);
    const before = await leadRow(p);
    assert.ok(before[TOTAL] && before[ON_TIME], `the columns: ${Object.keys(before)}`);

    // The notice with three items.
    await visit(p, '/tasks/documents/new', `${tag}: a new document`);
    const m = main(p);
    await m.locator('#f-kind').selectOption('conclusion_notice');
    await m.locator('#f-number').fill(number);
    await m.locator('#f-issued_on').fill(day(0));
    const issuers = (await m.locator('#f-issuer option').allInnerTexts()).map((o) => o.trim());
    const issuer = issuers.find((o) => /^(UBND|Ủy ban nhân dân) tỉnh/i.test(o));
    assert.ok(issuer, `the province's people's committee among the issuers: ${issuers}`);
    await m.locator('#f-issuer').selectOption({ label: issuer });
    await m.locator('#f-signer').fill('Đỗ Minh Tuấn');
    await m.locator('#f-subject').fill(`Kết luận của Chủ tịch UBND tỉnh về chuyển đổi số (${tag})`);
    const items = ['Hoàn thiện Đề án chuyển đổi số.', 'Báo cáo kết quả triển khai nền tảng số.', 'Rà soát thủ tục trực tuyến toàn trình.'];
    for (const [i, text] of items.entries()) {
      await m.locator(`#f-clause-${i + 1}`).fill(String(i + 1));
      await m.locator(`#f-text-${i + 1}`).fill(text);
    }
    await visit(p, m.getByRole('button', { name: 'Ghi văn bản', exact: true }), `${tag}: the document recorded`);
    assert.match(path(p), /^\/tasks\/documents\/\d+$/, `the document's page (at ${p.url()})`);
    const docUrl = path(p);
    const assignLinks = main(p).locator('a[href$="/assign"]');
    assert.equal(await assignLinks.count(), 3, 'three items, each with its assignment link');

    // Each item assigned to the lead body, due in 30 days.
    const ids = [];
    for (let i = 0; i < 3; i++) {
      if (i) await visit(p, docUrl, `${tag}: the document`);
      await visit(p, main(p).locator('a[href$="/assign"]').nth(i), `${tag}: assigning item ${i + 1}`);
      const f = main(p);
      await f.locator('#f-content').fill(`${items[i]} (${tag})`);
      await f.locator('#f-lead').selectOption({ label: LEAD });
      await f.locator('#f-assigned_on').fill(day(0));
      await f.locator('#f-deadline-date').check();
      await f.locator('#f-due').fill(day(30));
      await visit(p, f.locator('form button[type="submit"]').last(), `${tag}: item ${i + 1} assigned`);
      const id = /^\/tasks\/(\d+)$/.exec(path(p))?.[1];
      assert.ok(id, `the task's page after assigning (at ${p.url()})`);
      ids.push(id);
    }
    const task = `/tasks/${ids[0]}`;

    // The lead body: acknowledges and reports progress with a PDF (its officer), asks for an
    // extension (its leader).
    const s = specialist.page;
    await visit(s, '/tasks/mine', `${tag}: the body's tasks`);
    await visit(s, main(s).locator(`a[href="${task}"]`).first(), `${tag}: the task, as the lead body`);
    await act(s, 'acknowledge');
    await act(s, 'report_progress', async (f) => {
      await f.locator('#f-report_progress-text').fill('Đã dự thảo Đề án, lấy ý kiến các sở');
      await f.locator('#f-report_progress-percent').fill('40');
      await f.locator('#f-report_progress-file').setInputFiles({ name: 'du-thao.pdf', mimeType: 'application/pdf', buffer: PDF });
    });
    assert.equal((await main(s).locator('#progress').innerText()).trim(), '40%');
    const file = main(s).locator('a[download]', { hasText: 'du-thao.pdf' });
    assert.equal(await file.count(), 1, 'the report\'s file is listed');
    const got = await s.request.get(new URL(await file.getAttribute('href'), s.url()).href);
    assert.equal(got.status(), 200);
    assert.equal(got.headers()['content-type'], 'application/pdf');
    assert.deepEqual(Buffer.from(await got.body()), PDF, 'the file as uploaded');

    const l = leader.page;
    await visit(l, task, `${tag}: the task, as the body's leader`);
    await act(l, 'request_extension', async (f) => {
      await f.locator('#f-request_extension-reason').fill('Chờ ý kiến thẩm định của Bộ');
      await f.locator('#f-request_extension-new_due').fill(day(60));
    });

    // The province leader approves; the body's leader reports completion; the leader confirms.
    await visit(p, task, `${tag}: the task with the request`);
    await act(p, 'approve_extension');
    assert.match(await main(p).innerText(), /Hạn ban đầu/, 'the deadline versions listed');
    await visit(l, task, `${tag}: the task extended`);
    await act(l, 'report_completion', async (f) => {
      await f.locator('#f-report_completion-text').fill('Đề án đã trình UBND tỉnh (Tờ trình số 12/TTr-SKHCN)');
    });
    await visit(p, task, `${tag}: the task reported complete`);
    await act(p, 'confirm');
    assert.equal(await main(p).locator('form[action$="/act"]').count(), 0, 'no step left on a done task');

    // The board moved: three more tasks of the lead body, one more completed on time; each of
    // those counts opens its list with that many rows.
    await visit(p, '/tasks/board', `${tag}: the board after`);
    const after = await leadRow(p);
    assert.equal(after[TOTAL].n, before[TOTAL].n + 3, 'the lead body\'s total');
    assert.equal(after[ON_TIME].n, before[ON_TIME].n + 1, 'completed on time');
    // With JavaScript on the two counts that moved (each list checked by axe); off, every count of the row.
    const cols = javaScriptEnabled ? [TOTAL, ON_TIME] : Object.keys(after);
    for (const col of cols) {
      const { n, link } = (await leadRow(p))[col];
      await visit(p, link, `${tag}: the list of ${col}`);
      assert.equal(path(p), '/tasks/list');
      const rows = main(p).locator('tr.task-row');
      assert.equal(await rows.count(), n, `${col}: the list has ${n} rows`);
      assert.equal(Number((await main(p).locator('#list-count').innerText()).replace(/\D/g, '')), n);
      // Ours: the done task on time, the two others in progress within their deadline.
      const ours = { [TOTAL]: ids, [ON_TIME]: [ids[0]], 'Đang thực hiện trong hạn': ids.slice(1) }[col] ?? [];
      for (const id of ids) {
        assert.equal(await main(p).locator(`tr.task-row a[href="/tasks/${id}"]`).count(), ours.includes(id) ? 1 : 0,
          `${col}: task ${id} ${ours.includes(id) ? 'is' : 'is not'} listed`);
      }
      if (col !== cols.at(-1)) await visit(p, '/tasks/board', `${tag}: the board`);
    }
    for (const a of [province, specialist, leader]) assert.deepEqual(unexpected(a.problems), [], `${tag}: no console errors or failed requests`);
  } finally {
    for (const a of [province, specialist, leader]) await a.context.close();
  }
}

test('the loop of a task in the browser, with JavaScript: notice → assign → acknowledge, report with a file, extension → approve → complete → confirm → the board', async () => {
  await loop(true, '911-TB/UBND');
});

test('the same loop with JavaScript off', async () => {
  await loop(false, '912-TB/UBND');
});
