// Browser test of petitions (issue 6, the parts built so far), in Debian's Chromium, every page
// checked with axe and for console errors: a visitor without an account sends feedback from the
// main navigation with JavaScript off and gets its code; a signed-in citizen sends feedback, the
// specialist finds it by an accent-free search and classifies it, the leader accepts it and
// assigns it, the specialist reports the verification, the leader decides with the document's
// reference, the specialist notifies and closes — and the citizen sees it closed with its history.
// Attachments are in petition-journey.test.mjs. On a 390 px phone: the kind chosen first, a
// complaint asking a visitor to sign in before anything is written and coming back to its form,
// and anonymous feedback followed by its code and key on the public look-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  CITIZEN, SPECIALIST, LEADER, PASSWORD, useBrowser, visitorPage, main, label, button, link, path, clickAndWait, check, detail, unexpected, actor,
} from './dossiers-journey.mjs';
import { fillFeedback, chooseKind, act } from './petitions-desk.mjs';

useBrowser();

test('feedback: a visitor without an account (JavaScript off), then a citizen\'s, handled by the desk to closed', async () => {
  const db = await createDatabase('e2e_petitions');
  const srv = await startServer({ db, mode: 'demo' });
  const base = srv.url;
  const actors = [];
  try {
    // A visitor without an account, JavaScript off.
    const { context, page: vp, problems } = await visitorPage({ javaScriptEnabled: false });
    actors.push({ context, page: vp, problems });
    await vp.goto(`${base}/`);
    await clickAndWait(vp, vp.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Gửi phản ánh' }));
    assert.equal(path(vp), '/petitions/new');
    await check(vp, 'the petition form');
    await fillFeedback(vp, 'Cột đèn đường bị nghiêng sắp đổ', 'Cột đèn trước số nhà 15 bị nghiêng sau bão.');
    await clickAndWait(vp, button(vp, 'Gửi đơn'));
    assert.match(await main(vp).innerText(), /Mã đơn của bạn:\s*PA-\d{6}-\d{6}/);
    await check(vp, 'the confirmation');

    // A signed-in citizen.
    const citizen = await actor(base, CITIZEN);
    actors.push(citizen);
    const cp = citizen.page;
    await cp.goto(`${base}/petitions/new`);
    await fillFeedback(cp, 'Trang thông tin điện tử của phường không truy cập được',
      'Từ sáng nay trang thông tin điện tử của phường báo lỗi, không xem được thông báo.');
    await clickAndWait(cp, button(cp, 'Gửi đơn'));
    const code = /\/petitions\/(PA-\d{6}-\d{6})$/.exec(path(cp))?.[1];
    assert.ok(code, `the citizen lands on the petition's page (at ${cp.url()})`);
    assert.equal(await detail(cp, 'Trạng thái'), 'Đã nhận');
    assert.match(await detail(cp, 'Hạn thông báo cho người gửi'), /^\d\d\/\d\d\/\d{4}$/);
    await check(cp, "the citizen's petition");

    // The specialist finds it without accents and classifies it.
    const specialist = await actor(base, SPECIALIST);
    actors.push(specialist);
    const sp = specialist.page;
    await sp.goto(`${base}/petitions/desk`);
    await label(sp, 'Tìm trong tiêu đề và nội dung').fill('trang thong tin phuong');
    await clickAndWait(sp, button(sp, 'Tìm'));
    await check(sp, 'the desk search');
    await clickAndWait(sp, link(sp, code));
    await check(sp, "the desk's petition page");
    await act(sp, 'Phân loại', { kind: 'Phản ánh' });

    // The leader accepts and assigns it.
    const leader = await actor(base, LEADER);
    actors.push(leader);
    const lp = leader.page;
    await lp.goto(`${base}${path(sp)}`);
    await act(lp, 'Thụ lý');
    await act(lp, 'Giao xác minh', { assignee: 'Lê Thị Hồng' });
    await check(lp, "the leader's petition page");

    // Verification, decision, notification, closing.
    await sp.reload();
    await act(sp, 'Báo cáo xác minh', { note: 'Máy chủ của phường bị lỗi cấu hình, đã khắc phục.' });
    await lp.reload();
    await act(lp, 'Ra quyết định, kết luận', { note: 'Văn bản số 15/STTTT-CNTT ngày 27/11/2026' });
    await sp.reload();
    await act(sp, 'Thông báo kết quả');
    await act(sp, 'Kết thúc');
    assert.equal(await detail(sp, 'Trạng thái'), 'Đã kết thúc');

    // The citizen sees the outcome.
    await cp.goto(`${base}/petitions/mine`);
    await clickAndWait(cp, link(cp, code));
    assert.equal(await detail(cp, 'Trạng thái'), 'Đã kết thúc');
    const history = (await cp.locator('main ol.history li strong').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(history, ['Tiếp nhận', 'Phân loại', 'Thụ lý', 'Giao xác minh', 'Báo cáo xác minh',
      'Ra quyết định, kết luận', 'Thông báo kết quả', 'Kết thúc']);
    assert.match(await main(cp).innerText(), /Văn bản số 15\/STTTT-CNTT/);
    await check(cp, "the citizen's closed petition");

    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});

// The page's width against the viewport's: no sideways scrolling.
async function assertNoOverflow(page, what) {
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(m.scroll <= m.inner, `${what} scrolls sideways at ${m.inner}px: ${m.scroll}px`);
}

test('kind first on a 390 px phone: a complaint asks a visitor to sign in before writing; anonymous feedback is followed by code and key', async () => {
  const db = await createDatabase('e2e_petitions_kind');
  const srv = await startServer({ db, mode: 'demo' });
  const base = srv.url;
  const actors = [];
  const phone = { viewport: { width: 390, height: 844 } };
  const look = async (page, what) => { await check(page, what); await assertNoOverflow(page, what); };
  try {
    const { context, page, problems } = await visitorPage(phone);
    actors.push({ context, page, problems });
    await page.goto(`${base}/petitions/new`);
    await look(page, 'the kinds');
    assert.equal(await label(page, 'Tiêu đề').count(), 0, 'no text field before the kind is chosen');
    for (const kind of ['Phản ánh', 'Kiến nghị', 'Khiếu nại (lần đầu)', 'Tố cáo']) {
      const radio = main(page).getByRole('radio', { name: kind, exact: true });
      assert.equal(await radio.count(), 1, kind);
      const hint = await page.locator(`#${await radio.getAttribute('aria-describedby')}`).innerText();
      assert.ok(hint.length > 40, `${kind} is explained: ${hint}`);
    }

    // Continue without a choice: the error at the field, named.
    await clickAndWait(page, button(page, 'Tiếp tục'));
    assert.match(await page.locator('main .field.has-error .field-error').innerText(), /loại đơn/);
    await look(page, 'the kinds with an error');

    // A complaint: sign in first, then back at the complaint's form.
    await chooseKind(page, 'Khiếu nại (lần đầu)');
    assert.equal(await page.locator('main h1').innerText(), 'Đăng nhập để gửi khiếu nại');
    assert.equal(await label(page, 'Nội dung').count(), 0, 'nothing to type before signing in');
    await look(page, 'the sign-in page of a complaint');
    assert.equal(await link(page, 'Đăng ký tài khoản công dân').getAttribute('href'), '/register');
    // (A start button's name ends with its arrow.)
    await clickAndWait(page, main(page).getByRole('link', { name: /^Đăng nhập và tiếp tục/ }));
    assert.equal(path(page), '/login');
    await label(page, 'Địa chỉ thư điện tử').fill(CITIZEN);
    await label(page, 'Mật khẩu').fill(PASSWORD);
    await clickAndWait(page, button(page, 'Đăng nhập'));
    assert.equal(`${path(page)}${new URL(page.url()).search}`, '/petitions/new?kind=complaint_first');
    assert.equal(await page.locator('main h1').innerText(), 'Gửi khiếu nại');
    assert.equal(await detail(page, 'Loại đơn'), 'Khiếu nại (lần đầu) Đổi loại đơn');
    await look(page, 'the complaint form');
    // Sent without an address: the error at the field and in the summary, each naming it.
    await label(page, 'Địa chỉ').fill('');
    await label(page, 'Tiêu đề').fill('Khiếu nại quyết định xử phạt');
    await label(page, 'Nội dung').fill('Quyết định xử phạt không đúng hành vi.');
    await clickAndWait(page, button(page, 'Gửi đơn'));
    assert.match(await page.locator('main .error-summary').innerText(), /Hãy nhập địa chỉ/);
    assert.match(await page.locator('main .field.has-error').filter({ has: page.locator('#f-address') }).innerText(), /Hãy nhập địa chỉ/);
    await look(page, 'the complaint form with an error');
    await context.clearCookies();

    // Anonymous feedback: the code and the key, then the look-up.
    await page.goto(`${base}/petitions/new`);
    await fillFeedback(page, 'Ổ gà lớn trên đường Hùng Vương', 'Ổ gà sâu trước số nhà 200 gây nguy hiểm cho xe máy.');
    await clickAndWait(page, button(page, 'Gửi đơn'));
    const panel = await page.locator('main .panel-confirmation').innerText();
    const code = /PA-\d{6}-\d{6}/.exec(panel)?.[0];
    const key = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(panel)?.[0];
    assert.ok(code && key, `the panel shows the code and the key: ${panel}`);
    assert.equal(await main(page).getByRole('heading', { name: 'Điều gì xảy ra tiếp theo' }).count(), 1);
    await look(page, 'the confirmation with the key');
    await clickAndWait(page, link(page, 'Tra cứu đơn'));
    assert.equal(await label(page, 'Mã đơn').inputValue(), code);
    await label(page, 'Khóa tra cứu').fill(key.toLowerCase());
    await clickAndWait(page, button(page, 'Tra cứu'));
    assert.equal(await detail(page, 'Trạng thái'), 'Đã nhận');
    assert.match(await detail(page, 'Ngày nhận'), /^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    await look(page, 'the look-up result');

    // The two forms sent with errors on purpose answer 422, which Chromium reports.
    const refused = /^console error on \S+\/petitions(\/new\?chosen=1)?: Failed to load resource: the server responded with a status of 422 /;
    for (const a of actors) assert.deepEqual(unexpected(a.problems).filter((p) => !refused.test(p)), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});
