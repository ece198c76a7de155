// Browser test of issue 18 ("Done when") in Debian's Chromium, every page checked with axe and for
// console errors: an officer of SO-KHCN imports the .docx draft (data/consultations/), checks the
// split and publishes it with a question; a citizen comments on Article 3 using the keyboard only
// and answers the question; a farmer comments with JavaScript off; an organisation's account
// declares its organisation and comments; the officer answers each comment, the consultation
// closes and the officer publishes the report; the citizen is notified and sees the answer; the
// report's PDF holds every comment and answer; the citizen's pages pass axe on a phone too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  CITIZEN, SPECIALIST, useBrowser, main, label, button, link, path, clickAndWait, check, unexpected, actor, download,
  pdfText,
} from './dossiers-journey.mjs';
import { assertAccessible } from './browser.mjs';

useBrowser();

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCX = join(ROOT, 'data', 'consultations', 'du-thao-nghi-quyet-ho-tro.docx');
const local = (ms) => new Date(Date.now() + ms + 7 * 3600e3).toISOString().slice(0, 16);

// Presses Tab until the element with `id` has the focus (at most 60 presses).
async function tabTo(page, id) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`Tab never reached #${id} on ${page.url()}`);
}

test('a consultation from the .docx to the published report, by keyboard, without JavaScript and on a phone', async () => {
  const db = await createDatabase('e2e_consultations');
  const srv = await startServer({ db, mode: 'demo', env: { TINHSO_CONSULTATION_NOTICE_SECONDS: '1' } });
  const base = srv.url;
  const actors = [];
  try {
    // The officer imports the draft and checks the split.
    const officer = await actor(base, SPECIALIST);
    actors.push(officer);
    const op = officer.page;
    await op.goto(`${base}/consultations/new`);
    await check(op, 'the new consultation form');
    await label(op, 'Tên dự thảo').fill('Dự thảo Nghị quyết hỗ trợ ứng dụng công nghệ số trong nông nghiệp');
    await label(op, 'Lĩnh vực').fill('Chuyển đổi số');
    await label(op, 'Bắt đầu lấy ý kiến').fill(local(-3600e3));
    await label(op, 'Kết thúc lấy ý kiến').fill(local(30 * 86400e3));
    await label(op, 'Tệp dự thảo (.docx hoặc .txt)').setInputFiles(DOCX);
    await clickAndWait(op, button(op, 'Lưu'));
    assert.match(path(op), /^\/consultations\/\d+\/draft$/, `the check page (at ${op.url()}): ${(await main(op).innerText()).slice(0, 600)}`);
    const id = /\/consultations\/(\d+)\//.exec(path(op))[1];
    const split = await main(op).innerText();
    for (const s of ['Chương I', 'Điều 3', 'Điểm đ khoản 1 Điều 3', 'Chương III', 'Điều 10'])
      assert.ok(split.includes(s), `the split shows ${s}`);
    await check(op, 'the draft check page');
    await op.goto(`${base}/consultations/${id}/manage`);
    await label(op, 'Câu hỏi').fill('Mức hỗ trợ 20 triệu đồng/ha có phù hợp không?');
    await label(op, 'Các phương án').fill('Phù hợp\nNên cao hơn\nNên thấp hơn');
    await clickAndWait(op, button(op, 'Thêm câu hỏi'));
    await check(op, 'the management page with its question');
    await clickAndWait(op, button(op, 'Đăng lấy ý kiến'));
    assert.equal(path(op), `/consultations/${id}`);

    // The citizen comments on Article 3 with the keyboard only, and answers the question.
    const citizen = await actor(base, CITIZEN);
    actors.push(citizen);
    const cp = citizen.page;
    await cp.goto(`${base}/consultations/${id}/units/dieu-3`);
    await check(cp, 'Article 3 with its comment form');
    await tabTo(cp, 'f-comment');
    await cp.keyboard.type('Đề nghị giảm diện tích liền vùng tối thiểu xuống 0,3 ha cho vùng đồi.');
    await tabTo(cp, 'f-files');
    await cp.keyboard.press('Tab');
    await Promise.all([cp.waitForNavigation(), cp.keyboard.press('Enter')]);
    assert.match(cp.url(), /\/units\/dieu-3\?posted=1#comment-\d+$/);
    assert.match(await main(cp).innerText(), /Đề nghị giảm diện tích liền vùng tối thiểu/);
    await cp.goto(`${base}/consultations/${id}`);
    await tabTo(cp, (await main(cp).getByLabel('Phù hợp', { exact: true }).getAttribute('id')));
    await cp.keyboard.press('Space');
    await cp.keyboard.press('Tab');
    await Promise.all([cp.waitForNavigation(), cp.keyboard.press('Enter')]);
    assert.match(await main(cp).innerText(), /Anh\/chị đã trả lời các câu hỏi/);
    await check(cp, 'the consultation once answered');

    // A farmer comments on Article 4 with JavaScript off.
    const farmer = await actor(base, 'nongdan@demo.tinhso.vn', { javaScriptEnabled: false });
    actors.push(farmer);
    const fp = farmer.page;
    await fp.goto(`${base}/consultations/${id}/units/dieu-4`);
    await label(fp, 'Nội dung góp ý').fill('Đề nghị hỗ trợ thêm chi phí mua thiết bị tưới nhỏ giọt.');
    await clickAndWait(fp, button(fp, 'Gửi góp ý'));
    assert.match(await main(fp).innerText(), /thiết bị tưới nhỏ giọt/);

    // An organisation declares itself and comments on the whole draft.
    const org = await actor(base, 'htx@demo.tinhso.vn');
    actors.push(org);
    const gp = org.page;
    await gp.goto(`${base}/consultations/organisation`);
    await label(gp, 'Tên tổ chức').fill('Hợp tác xã Dịch vụ nông nghiệp Tam Dương');
    await label(gp, 'Chức vụ').fill('Giám đốc');
    await clickAndWait(gp, button(gp, 'Lưu'));
    await check(gp, "the organisation's profile");
    await gp.goto(`${base}/consultations/${id}/general`);
    await label(gp, 'Nội dung góp ý').fill('Hợp tác xã đề nghị công khai danh sách hộ được hỗ trợ trên Cổng thông tin xã.');
    await clickAndWait(gp, button(gp, 'Gửi góp ý'));
    assert.match(await main(gp).innerText(), /Hợp tác xã Dịch vụ nông nghiệp Tam Dương/);
    assert.match(await main(gp).innerText(), /người đại diện: Trần Văn Bình/);

    // The officer answers each comment.
    const answers = [
      ['giảm diện tích liền vùng', 'Tiếp thu', 'Tiếp thu: giảm xuống 0,3 ha với vùng đồi.', 'Điểm c khoản 1 Điều 3'],
      ['thiết bị tưới nhỏ giọt', 'Tiếp thu một phần', 'Tiếp thu một phần: hỗ trợ 30% chi phí thiết bị tưới.', 'Khoản 1 Điều 4'],
      ['công khai danh sách', 'Giải trình', 'Giải trình: việc công khai đã theo Luật Thực hiện dân chủ ở cơ sở.', ''],
    ];
    for (const [words, kind, text, changed] of answers) {
      await op.goto(`${base}/consultations/${id}/answers`);
      await main(op).locator('.choice', { hasText: words }).getByRole('checkbox').check();
      await label(op, kind).check();
      await label(op, 'Nội dung tiếp thu, giải trình').fill(text);
      if (changed) await label(op, 'Điều, khoản đã chỉnh lý').selectOption({ label: changed });
      await clickAndWait(op, button(op, 'Ghi câu trả lời cho các ý kiến đã chọn'));
      assert.match(await main(op).innerText(), /Đã ghi câu trả lời/);
    }
    await check(op, 'the answer desk once every comment is answered');
    // The consultation closes (its closing moment moved to the past), then the report.
    await db.exec(`UPDATE consultations SET closes_at = '${new Date(Date.now() - 60e3).toISOString().slice(0, 19)}Z' WHERE id = ${id}`);
    await op.goto(`${base}/consultations/${id}/manage`);
    await label(op, 'Kết luận của cơ quan soạn thảo').fill('Sở đã tiếp thu, chỉnh lý dự thảo và trình Ủy ban nhân dân tỉnh.');
    await clickAndWait(op, button(op, 'Công bố báo cáo'));
    assert.match(await main(op).innerText(), /Báo cáo tổng hợp, tiếp thu, giải trình/);

    // The citizen is told and sees the answer.
    await cp.goto(`${base}/consultations/notices`);
    await check(cp, "the citizen's notices");
    await clickAndWait(cp, main(cp).getByRole('link', { name: /đã được trả lời/ }).first());
    const answerText = await main(cp).innerText();
    assert.match(answerText, /Tiếp thu: giảm xuống 0,3 ha với vùng đồi/);
    assert.match(answerText, /Đã chỉnh lý: Điểm c khoản 1 Điều 3/);
    await check(cp, 'the answered comment');

    // The report's PDF holds every comment and answer.
    await cp.goto(`${base}/consultations/${id}`);
    const pdf = await download(cp, link(cp, 'Tải báo cáo (PDF)'), 'bao-cao-gop-y.pdf');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const s of ['BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý', 'giảm diện tích liền vùng tối thiểu',
      'thiết bị tưới nhỏ giọt', 'Hợp tác xã Dịch vụ nông nghiệp Tam Dương', 'giảm xuống 0,3 ha với vùng đồi',
      'hỗ trợ 30% chi phí thiết bị tưới', 'Luật Thực hiện dân chủ ở cơ sở'])
      assert.ok(text.includes(s), `the report PDF has "${s}"`);

    // The citizen's pages on a phone.
    await cp.setViewportSize({ width: 390, height: 844 });
    for (const p of [`/consultations`, `/consultations/${id}`, `/consultations/${id}/units/dieu-3`, `/consultations/${id}/versions`]) {
      await cp.goto(`${base}${p}`);
      await assertAccessible(cp, `${p} on a phone`);
      const wide = await cp.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.ok(!wide, `${p} does not scroll sideways on a phone`);
    }
    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});
