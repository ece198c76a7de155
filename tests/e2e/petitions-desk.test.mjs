// Browser test of the officers' desk (issue 6 parts 1 and 5), in Debian's Chromium, every page
// checked with axe and for console errors: the specialist records a group brought in person —
// first refused for a missing representative, with the error summary —, sees it flagged "đông
// người" with its representatives and first in the desk list; then records a letter typed without
// diacritics that repeats a citizen's online feedback, links it from the suggestions with one
// click, and downloads the desk search as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  CITIZEN, SPECIALIST, useBrowser, main, label, button, link, path, clickAndWait, check, detail, unexpected, actor, download,
} from './dossiers-journey.mjs';
import { fillFeedback } from './petitions-desk.mjs';

useBrowser();

const AGENCY = 'Sở Khoa học và Công nghệ';  // the demo staff's (successor of SO-TTTT, issue 12 §14)

test('desk: a group in person with its representatives, a repeat letter linked from the suggestions, the CSV', async () => {
  const db = await createDatabase('e2e_petitions_desk');
  const srv = await startServer({ db, mode: 'demo' });
  const base = srv.url;
  const actors = [];
  try {
    const citizen = await actor(base, CITIZEN);
    actors.push(citizen);
    const cp = citizen.page;
    await cp.goto(`${base}/petitions/new`);
    await fillFeedback(cp, 'Cột ăng-ten điện thoại đặt sát trường mầm non Hoa Sen',
      'Cột ăng-ten mới dựng sát tường trường mầm non Hoa Sen, phụ huynh lo ngại ảnh hưởng sức khỏe.');
    await clickAndWait(cp, button(cp, 'Gửi đơn'));
    const earlier = /\/petitions\/(PA-\d{6}-\d{6})$/.exec(path(cp))?.[1];
    assert.ok(earlier);

    const specialist = await actor(base, SPECIALIST);
    actors.push(specialist);
    const sp = specialist.page;
    await sp.goto(`${base}/petitions/desk`);
    await clickAndWait(sp, link(sp, 'Tiếp nhận đơn tại quầy'));
    assert.equal(path(sp), '/petitions/desk/new');
    await check(sp, 'the desk form');
    await main(sp).getByRole('radio', { name: 'Trực tiếp tại nơi tiếp công dân', exact: true }).check();
    await label(sp, 'Loại đơn').selectOption({ label: 'Kiến nghị' });
    await label(sp, 'Tiêu đề').fill('Đề nghị bố trí điểm phát Wi-Fi miễn phí ở chợ Nông Trang');
    await label(sp, 'Nội dung').fill('Các tiểu thương chợ Nông Trang đề nghị có Wi-Fi miễn phí để thanh toán không dùng tiền mặt.');
    await label(sp, 'Họ và tên').fill('Đinh Văn Thương');
    await label(sp, 'Số người ký đơn').fill('14');
    await clickAndWait(sp, button(sp, 'Ghi nhận đơn'));
    assert.match(await main(sp).innerText(), /Đơn từ 5 người trở lên phải có người đại diện/);
    await check(sp, 'the desk form with its errors');
    await label(sp, 'Người đại diện 1').fill('Đinh Văn Thương');
    await label(sp, 'Liên hệ của người đại diện 1').fill('0915 141 414');
    await label(sp, 'Người đại diện 2').fill('Lại Thị Chợ');
    await clickAndWait(sp, button(sp, 'Ghi nhận đơn'));
    assert.match(path(sp), /^\/petitions\/desk\/\d+$/, `recorded (at ${sp.url()})`);
    assert.equal(await detail(sp, 'Hình thức tiếp nhận'), 'Trực tiếp tại nơi tiếp công dân');
    assert.equal(await detail(sp, 'Số người ký đơn'), '14 — Đông người');
    assert.match(await main(sp).innerText(), /Đinh Văn Thương — 0915 141 414/);
    await check(sp, "the group's desk page");

    await sp.goto(`${base}/petitions/desk`);
    const priority = await main(sp).getByRole('region', { name: 'Ưu tiên: đơn đông người và vụ việc kéo dài đang xử lý' }).innerText();
    assert.match(priority, /Wi-Fi miễn phí ở chợ Nông Trang/);
    await check(sp, 'the desk list with its priority box');

    // The same matter, by letter, typed without diacritics.
    await clickAndWait(sp, link(sp, 'Tiếp nhận đơn tại quầy'));
    await label(sp, 'Tiêu đề').fill('Cot ang-ten dien thoai dat sat truong mam non Hoa Sen');
    await label(sp, 'Nội dung').fill('Cot ang-ten moi dung sat tuong truong mam non Hoa Sen, phu huynh lo ngai anh huong suc khoe.');
    await clickAndWait(sp, button(sp, 'Ghi nhận đơn'));
    const suggestions = main(sp).locator('ul.suggestions li');
    assert.match(await suggestions.first().innerText(), new RegExp(`${earlier}.*độ giống 100%`, 's'));
    await check(sp, 'the desk page with a suggestion');
    await clickAndWait(sp, suggestions.first().getByRole('button', { name: 'Cùng vụ việc', exact: true }));
    assert.match(await main(sp).locator('ul.links').innerText(), new RegExp(`Đơn trước — Cùng vụ việc: ${earlier}`));
    await check(sp, 'the desk page with its link');

    await sp.goto(`${base}/petitions/desk?kind=recommendation`);
    const csv = readFileSync(await download(sp, link(sp, 'Tải kết quả tìm kiếm (CSV)'), 'petitions.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFF"Mã đơn"'));
    assert.match(csv, /Wi-Fi miễn phí ở chợ Nông Trang/);
    assert.doesNotMatch(csv, /Hoa Sen/, 'the same filters as the list');

    // The refused form is answered 422, which the browser reports on its console: nothing else.
    for (const a of actors) assert.deepEqual(unexpected(a.problems).filter((p) => !/desk\/new: .*status of 422/.test(p)), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});
