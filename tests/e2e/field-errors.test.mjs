// Errors at the field (issue 14 §2, "Done when": every error names its field). Each form of each
// role is sent empty, as a person who skipped every field would (the browser's own `required`
// checks are taken off first, so the server's answer is what is judged), at a 390 px phone. The
// answer must:
//   - list the errors in an error summary whose every link leads to a field of the page;
//   - show each error at its field: a .field-error that the field points to with
//     aria-describedby, the field marked aria-invalid="true";
//   - name the field: the message contains the field's label (or its first three words, or its
//     fieldset's legend);
//   - fit the phone (no sideways scroll) and pass axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSite, newPage, assertAccessible } from './browser.mjs';
import { CITIZEN, OFFICER } from './dossiers-journey.mjs';
import { signedIn } from './layout-checks.mjs';

const site = demoSite('e2e_field_errors');
const PHONE = { width: 390, height: 844 };

// Sends the form holding `button` (a locator) with every field emptied and no client-side checks.
async function sendEmpty(page, form) {
  await form.evaluate((f) => {
    f.noValidate = true;
    for (const el of f.querySelectorAll('input, textarea, select')) {
      el.removeAttribute('required');
      if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
      if (el.type === 'radio' || el.type === 'checkbox') el.checked = false;
      else if (el.tagName === 'SELECT') el.selectedIndex = [...el.options].findIndex((o) => o.value === '');
      else el.value = '';
    }
  });
  const submit = form.locator('button[type=submit], button:not([type]), input[type=submit]').first();
  await Promise.all([page.waitForNavigation(), submit.click()]);
}

// What is wrong with the errors shown on the page, as sentences (empty: nothing).
async function errorProblems(page) {
  return page.evaluate(() => {
    const norm = (s) => s.replace(/\s+/g, ' ').replace(/[*:]|\(.*?\)/g, '').trim().toLowerCase();
    const out = [];
    const summary = document.querySelector('.error-summary');
    const errors = [...document.querySelectorAll('.field-error')];
    if (!summary && !errors.length) return ['no error is shown at all'];
    if (!summary) out.push('no error summary');
    for (const a of summary ? summary.querySelectorAll('a') : []) {
      const id = decodeURIComponent((a.getAttribute('href') || '').replace(/^#/, ''));
      if (!id || !document.getElementById(id)) out.push(`summary link "${a.textContent.trim()}" leads to no field (#${id})`);
    }
    if (summary && !errors.length) out.push('errors only in the summary, none at a field');
    for (const e of errors) {
      const text = e.textContent.replace(/\s+/g, ' ').trim();
      const control = e.id && document.querySelector(`[aria-describedby~="${CSS.escape(e.id)}"]`);
      if (!control) { out.push(`"${text}" is not tied to a field (no aria-describedby names #${e.id || '(no id)'})`); continue; }
      // A group of radios or checkboxes carries the error on its fieldset, which takes no aria-invalid.
      if (control.tagName !== 'FIELDSET' && control.getAttribute('aria-invalid') !== 'true') out.push(`the field of "${text}" is not aria-invalid`);
      const names = [];
      if (control.labels?.[0]) names.push(control.labels[0].textContent);
      const legend = control.closest('fieldset')?.querySelector('legend');
      if (legend) names.push(legend.textContent);
      if (control.getAttribute('aria-label')) names.push(control.getAttribute('aria-label'));
      // Named: the message holds the label, or at least its first three words ("4 số cuối" of
      // "4 số cuối của số điện thoại").
      const msg = norm(text);
      const named = (n) => norm(n) && (msg.includes(norm(n)) || msg.includes(norm(n).split(' ').slice(0, 3).join(' ')));
      if (!names.some(named))
        out.push(`"${text}" does not name its field ("${names.map((n) => n.replace(/\s+/g, ' ').trim()).join('" / "')}")`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`scrolls sideways: ${document.documentElement.scrollWidth}px`);
    return out;
  });
}

// Visits each [path, form selector] with `storageState`, sends the form empty and collects every
// problem; fails once with all of them.
async function check(role, forms, storageState) {
  const { context, page } = await newPage(site.browser, { viewport: PHONE });
  if (storageState) await context.addCookies(storageState.cookies);
  const failures = [];
  try {
    for (let [path, selector = 'main form[method=post]:not(.inline)'] of forms) {
      if (typeof path === 'function') path = await path(page);
      const res = await page.goto(`${site.base}${path}`);
      assert.ok(res.status() < 400, `${role} ${path}: HTTP ${res.status()}`);
      const form = page.locator(selector).first();
      if (!(await form.count())) { failures.push(`${role} ${path}: no form ${selector}`); continue; }
      await sendEmpty(page, form);
      for (const p of await errorProblems(page)) failures.push(`${role} ${path}: ${p}`);
      try { await assertAccessible(page, `${role} ${path} with errors`); } catch (e) { failures.push(e.message); }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(failures, []);
}

test('public forms name the field of each error, at the field and in the summary', async () => {
  await check('public', [['/register'], ['/password/forgot'], ['/lookup', 'main form'], ['/petitions/new?kind=feedback'],
    ['/city-reports/new?service_code=ROAD'], ['/petitions/lookup', 'main form']]);
});

test('the citizen\'s forms name the field of each error', async () => {
  const { state } = await signedIn(site, CITIZEN);
  // The dossier form of the first procedure that offers the start button.
  const startForm = async (page) => {
    await page.goto(`${site.base}/procedures`);
    for (const href of await page.locator('main a[href^="/procedures/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      await page.goto(`${site.base}${href}`);
      const start = page.locator('a.button.start');
      if (await start.count()) return start.first().getAttribute('href');
    }
    throw new Error('no procedure offers online submission');
  };
  await check('citizen', [['/account'], ['/petitions/new?kind=complaint_first'], [startForm]], state);
});

test('the officer\'s forms name the field of each error', async () => {
  const { state } = await signedIn(site, OFFICER);
  // Counter intake: the procedure is picked first (a GET form), then the dossier's form is posted.
  const pickFirst = async (page) => {
    await page.goto(`${site.base}/desk/new`);
    const code = await page.locator('#f-procedure option[value]:not([value=""])').first().getAttribute('value');
    return `/desk/new?procedure=${encodeURIComponent(code)}`;
  };
  await check('officer', [[pickFirst], ['/petitions/desk/new']], state);
});

test('the administrator\'s forms name the field of each error', async () => {
  const { state } = await signedIn(site, 'admin@demo.tinhso.vn');
  await check('admin', [['/admin/accounts'], ['/admin/agencies/new'], ['/admin/units/new'], ['/admin/procedures/new'],
    ['/admin/calendar']], state);
});
