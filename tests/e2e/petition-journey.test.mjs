// Browser test of a petition with attachments (issue 6 §1, §3), in Debian's Chromium, every page
// checked with axe and for console errors and CSP violations: a signed-in citizen sends feedback
// (phản ánh) with a photo through the real form; the specialist sees the photo on the desk and
// classifies it, the leader accepts and assigns it, the specialist reports the verification, the
// leader decides with the answer and attaches the answer letter, the specialist notifies and
// closes it — and the citizen sees the outcome, the answer letter and the photo on their page.
// Then a visitor without an account sends feedback with a JPEG photo with JavaScript off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  CITIZEN, SPECIALIST, LEADER, useBrowser, visitorPage, files, main, label, button, link, path, clickAndWait, check, detail,
  unexpected, actor,
} from './dossiers-journey.mjs';
import { fillFeedback, act } from './petitions-desk.mjs';

useBrowser();

// Whether the thumbnail with alt text `alt` is shown: loaded, with a real size.
const photoShown = (page, alt) => main(page).getByRole('img', { name: alt, exact: true })
  .evaluate((img) => img.complete && img.naturalWidth > 0);

test('feedback with a photo: filed by a citizen, answered by the desk, the outcome and the photo on the citizen\'s page; and without JavaScript', async () => {
  const db = await createDatabase('e2e_petition_journey');
  const srv = await startServer({ db, mode: 'demo' });
  const base = srv.url;
  const actors = [];
  try {
    // The citizen files feedback with a photo (PNG).
    const citizen = await actor(base, CITIZEN);
    actors.push(citizen);
    const cp = citizen.page;
    await cp.goto(`${base}/petitions/new`);
    await check(cp, 'the petition form');
    await fillFeedback(cp, 'Biển báo giao thông bị đổ ở ngã tư Tiên Cát',
      'Biển báo cấm rẽ trái ở ngã tư Tiên Cát bị đổ sau trận gió, xe đi sai làn nhiều. Gửi kèm ảnh chụp.', files.png);
    await clickAndWait(cp, button(cp, 'Gửi đơn'));
    const code = /\/petitions\/(PA-\d{6}-\d{6})$/.exec(path(cp))?.[1];
    assert.ok(code, `the citizen lands on the petition's page (at ${cp.url()})`);
    assert.equal(await detail(cp, 'Trạng thái'), 'Đã nhận');
    assert.ok(await photoShown(cp, 'Ảnh đính kèm: danh-muc.png'), 'the photo is shown on the citizen\'s page');
    assert.equal(await link(cp, 'danh-muc.png').count(), 1, 'and offered for download');
    await check(cp, "the citizen's petition with its photo");

    // The specialist finds it, sees the photo and classifies it.
    const specialist = await actor(base, SPECIALIST);
    actors.push(specialist);
    const sp = specialist.page;
    await sp.goto(`${base}/petitions/desk`);
    await label(sp, 'Tìm trong tiêu đề và nội dung').fill('bien bao tien cat');
    await clickAndWait(sp, button(sp, 'Tìm'));
    await clickAndWait(sp, link(sp, code));
    assert.ok(await photoShown(sp, 'Ảnh đính kèm: danh-muc.png'), 'the desk shows the photo');
    await check(sp, "the desk's petition page with its photo");
    await act(sp, 'Phân loại', { kind: 'Phản ánh' });

    // The leader accepts and assigns it.
    const leader = await actor(base, LEADER);
    actors.push(leader);
    const lp = leader.page;
    await lp.goto(`${base}${path(sp)}`);
    await act(lp, 'Thụ lý');
    await act(lp, 'Giao xác minh', { assignee: 'Lê Thị Hồng' });

    // Verification; the decision with the answer and the answer letter; notification; closing.
    await sp.reload();
    await act(sp, 'Báo cáo xác minh', { note: 'Đã kiểm tra hiện trường, biển báo bị gãy chân.' });
    await lp.reload();
    const answer = 'Văn bản số 31/STTTT: đã dựng lại biển báo ngày 28/11/2026. Cảm ơn ông/bà đã phản ánh.';
    await act(lp, 'Ra quyết định, kết luận', { note: answer, document: files.result });
    await check(lp, "the leader's petition page with the answer letter");
    await sp.reload();
    await act(sp, 'Thông báo kết quả');
    await act(sp, 'Kết thúc');
    assert.equal(await detail(sp, 'Trạng thái'), 'Đã kết thúc');

    // The citizen sees the outcome, the answer letter and the photo.
    await cp.goto(`${base}/petitions/mine`);
    await clickAndWait(cp, link(cp, code));
    assert.equal(await detail(cp, 'Trạng thái'), 'Đã kết thúc');
    assert.equal(await main(cp).getByRole('heading', { name: 'Kết quả giải quyết' }).count(), 1);
    assert.equal(await detail(cp, 'Văn bản, nội dung trả lời'), answer);
    assert.match(await detail(cp, 'Ngày giải quyết'), /^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    assert.equal(await link(cp, 'giay-phep.pdf').count(), 1, 'the answer letter is offered to the citizen');
    assert.ok(await photoShown(cp, 'Ảnh đính kèm: danh-muc.png'), 'the photo is still shown');
    await check(cp, "the citizen's answered petition");

    // A visitor without an account, JavaScript off, with a JPEG photo.
    const visitor = await visitorPage({ javaScriptEnabled: false });
    actors.push(visitor);
    const vp = visitor.page;
    await vp.goto(`${base}/petitions/new`);
    await fillFeedback(vp, 'Đèn tín hiệu giao thông không hoạt động', 'Đèn tín hiệu ở nút giao Hòa Phong tắt từ tối qua.', files.jpeg);
    await clickAndWait(vp, button(vp, 'Gửi đơn'));
    const visitorCode = /Mã đơn của bạn:\s*(PA-\d{6}-\d{6})/.exec(await main(vp).innerText())?.[1];
    assert.ok(visitorCode, 'the confirmation shows the code');
    const stored = (await db.exec(`SELECT a.file_name, a.content_type FROM petition_attachments a JOIN petitions p ON p.id = a.petition_id WHERE p.code = '${visitorCode}'`)).trim();
    assert.equal(stored, 'bo-sung.jpg\timage/jpeg', 'the photo sent without JavaScript is stored');

    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});
