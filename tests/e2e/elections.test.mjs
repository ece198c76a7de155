// Browser test of issue 19 ("Done when") in Debian's Chromium, every page checked with axe: on the
// demo's commune by-election being counted, the polling team's member enters two areas' minutes —
// the second first with figures that do not add up, corrected at the field the message names —, a
// second member checks both, the election committee sees the board and the tally, certifies it and
// announces, and the public result shows the elected with the votes and turnout; the public page
// of the announced general election passes axe on a phone too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  OFFICER, useBrowser, main, label, button, link, path, clickAndWait, check, unexpected, actor, visitorPage,
} from './dossiers-journey.mjs';
import { assertAccessible } from './browser.mjs';

useBrowser();

test('two areas\' minutes (one corrected), checked by a second person, tallied, certified, announced', async () => {
  const db = await createDatabase('e2e_elections');
  const srv = await startServer({ db, mode: 'demo' });
  const base = srv.url;
  const actors = [];
  try {
    const team = await actor(base, OFFICER);
    actors.push(team);
    const tp = team.page;
    await tp.goto(`${base}/elections`);
    await check(tp, 'the elections');
    await clickAndWait(tp, link(tp, 'Bầu cử bổ sung đại biểu Hội đồng nhân dân xã Vĩnh Tường nhiệm kỳ 2026–2031'));
    await clickAndWait(tp, link(tp, 'Nhập biên bản kiểm phiếu'));
    await check(tp, "the team's areas");
    const areas = await main(tp).innerText();
    assert.match(areas, /Nhà văn hóa thôn Đồng Lạc[\s\S]*đã nhập, chờ kiểm tra/);
    assert.match(areas, /Nhà văn hóa thôn Bến Gạo[\s\S]*chưa có biên bản/);
    await clickAndWait(tp, main(tp).getByRole('region', { name: 'Nhà văn hóa thôn Bến Gạo' }).getByRole('link'));
    await check(tp, 'the minutes form');
    // The minutes as written on paper — with 590 valid where 588 is right.
    await label(tp, 'Số cử tri đã tham gia bỏ phiếu').fill('600');
    await label(tp, 'Số phiếu phát ra').fill('610');
    await label(tp, 'Số phiếu thu vào').fill('600');
    await label(tp, 'Số phiếu hợp lệ').fill('590');
    await label(tp, 'Số phiếu không hợp lệ').fill('12');
    await label(tp, 'Tô Văn Hiếu').fill('300');
    await label(tp, 'Lò Thị Thanh').fill('200');
    await label(tp, 'Đàm Văn Khải').fill('88');
    await clickAndWait(tp, button(tp, 'Lưu biên bản'));
    const summary = tp.locator('.error-summary');
    assert.match(await summary.innerText(),
      /Số phiếu hợp lệ \(590\) cộng số phiếu không hợp lệ \(12\) phải bằng số phiếu thu vào \(600\)/);
    await check(tp, 'the minutes form with its error');
    // The refused form answers 422, which Chromium logs as a failed load: expected here, once.
    const refused = team.problems.findIndex((p) => /status of 422/.test(p));
    assert.ok(refused >= 0, 'the refused minutes answered 422');
    team.problems.splice(refused, 1);
    assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#f-valid', 'the summary leads to the field');
    assert.equal(await label(tp, 'Số phiếu hợp lệ').getAttribute('aria-invalid'), 'true');
    assert.equal(await label(tp, 'Số phiếu hợp lệ').inputValue(), '590', 'what was typed is kept');
    await label(tp, 'Số phiếu hợp lệ').fill('588');
    await clickAndWait(tp, button(tp, 'Lưu biên bản'));
    assert.match(await main(tp).innerText(), /Chưa được người thứ hai kiểm tra/);
    assert.equal(await button(tp, 'Tôi đã đối chiếu với biên bản giấy: xác nhận đúng').count(), 0,
      'the one who entered them cannot check them');

    // The first area's minutes, entered from the paper once more (the demo's version was typed before
    // the count ended): a new version, to be checked again.
    await clickAndWait(tp, link(tp, 'Quay lại các khu vực bỏ phiếu'));
    await clickAndWait(tp, main(tp).getByRole('region', { name: 'Nhà văn hóa thôn Đồng Lạc' }).getByRole('link'));
    for (const [field, value] of [['Số cử tri đã tham gia bỏ phiếu', '760'], ['Số phiếu phát ra', '760'],
      ['Số phiếu thu vào', '760'], ['Số phiếu hợp lệ', '748'], ['Số phiếu không hợp lệ', '12'], ['Tô Văn Hiếu', '402'],
      ['Lò Thị Thanh', '251'], ['Đàm Văn Khải', '95']])
      await label(tp, field).fill(value);
    await clickAndWait(tp, button(tp, 'Lưu biên bản'));
    assert.match(await main(tp).innerText(), /Bản 2: nhập bởi Trần Văn Minh/);

    // The second member checks both areas.
    const second = await actor(base, 'tobaucu@demo.tinhso.vn');
    actors.push(second);
    const sp = second.page;
    for (const area of ['Nhà văn hóa thôn Đồng Lạc', 'Nhà văn hóa thôn Bến Gạo']) {
      await sp.goto(`${base}${new URL(tp.url()).pathname.replace(/\/areas\/.*$/, '/areas')}`);
      await clickAndWait(sp, main(sp).getByRole('region', { name: area }).getByRole('link'));
      await clickAndWait(sp, button(sp, 'Tôi đã đối chiếu với biên bản giấy: xác nhận đúng'));
      assert.match(await main(sp).innerText(), /Kiểm tra bởi Nguyễn Văn Sơn/);
    }
    await check(sp, 'the checked minutes');

    // The committee: board, tally, certification, announcement.
    const committee = await actor(base, 'province@demo.tinhso.vn');
    actors.push(committee);
    const cp = committee.page;
    await cp.goto(`${base}/elections`);
    await clickAndWait(cp, link(cp, 'Bầu cử bổ sung đại biểu Hội đồng nhân dân xã Vĩnh Tường nhiệm kỳ 2026–2031'));
    await clickAndWait(cp, link(cp, 'Bảng theo dõi kết quả'));
    await check(cp, 'the board');
    const board = await main(cp).innerText();
    assert.match(board, /2 \/ 2/);
    assert.match(board, /Sẵn sàng xác định kết quả/);
    await clickAndWait(cp, link(cp, 'Hội đồng nhân dân xã — đơn vị bầu cử số 1'));
    await check(cp, 'the constituency');
    assert.match(await main(cp).innerText(), /Tô Văn Hiếu\s+702\s+52,5 %\s+Trúng cử/);
    await clickAndWait(cp, button(cp, 'Xác nhận kết quả bầu cử ở đơn vị bầu cử'));
    assert.match(await main(cp).innerText(), /Kết quả đã xác nhận/);
    await clickAndWait(cp, link(cp, 'Quay lại bảng theo dõi'));
    await clickAndWait(cp, button(cp, 'Công bố kết quả bầu cử'));
    assert.match(path(cp), /^\/elections\/\d+$/);
    const published = await main(cp).innerText();
    assert.match(published, /Đã công bố kết quả/);
    assert.match(published, /Số cử tri đã đi bầu\s+1\.360 \(93,3 %\)/);

    // Anyone, on a phone: the announced results.
    const visitor = await visitorPage({ viewport: { width: 390, height: 844 } });
    actors.push(visitor);
    await visitor.page.goto(`${base}${path(cp)}`);
    assert.match(await main(visitor.page).innerText(), /Tô Văn Hiếu\s+702\s+52,5 %\s+Trúng cử/);
    await assertAccessible(visitor.page, 'the announced by-election on a phone');
    await visitor.page.goto(`${base}/elections`);
    await clickAndWait(visitor.page, link(visitor.page, 'Bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân tỉnh Phú Thọ nhiệm kỳ 2026–2031'));
    assert.match(await main(visitor.page).innerText(), /Phải tổ chức bầu cử lại/);
    await assertAccessible(visitor.page, 'the general election on a phone');
    assert.ok(await visitor.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no sideways scroll at 390 px');
    for (const a of actors) assert.deepEqual(unexpected(a.problems), [], 'no console error or failed request');
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, srv.logs());
  }
});
