// Browser test of issue 5's "Done when", journey 1, in Debian's Chromium, every page checked with
// axe (no serious or critical violation) and for console errors and CSP violations: a citizen
// finds a procedure by a search without accents, applies online with a PDF and a PNG, reviews and
// submits → the desk receives it; the receipt PDF is read back (pdftotext: code, received time,
// appointment date from the deadline engine; pdftoppm + zbarimg: the QR code holds the public
// look-up URL) → the desk requests a supplement (the clock pauses) → the citizen supplements with
// a JPEG → the leader assigns → the specialist proposes a result PDF → the leader approves → the
// desk returns it on time → the citizen downloads it and rates it → the public look-up shows the
// whole history. The citizen's part runs again with JavaScript off. Journey 2 (late, with the
// apology) is in dossiers-late.test.mjs; shared helpers in dossiers-journey.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import {
  CITIZEN, OFFICER, SPECIALIST, LEADER, PUBLIC_URL, PROCEDURE, files, useBrowser, visitorPage, pdfText, qrOf,
  main, label, button, link, path, clickAndWait, check, detail, unexpected, download, actor, citizenSubmits,
} from './dossiers-journey.mjs';

useBrowser();

// ---- journey 1 ----

test('journey: submit with attachments → receipt PDF → supplement (clock paused) → specialist → leader → result → rating → public look-up', async () => {
  const db = await createDatabase('e2e_dossiers_1');
  const srv = await startServer({ db, mode: 'demo', args: ['--public-url', PUBLIC_URL] });
  const base = srv.url;
  const actors = [];
  try {
    // (1) The citizen applies online.
    const citizen = await actor(base, CITIZEN);
    actors.push(citizen);
    const code = await citizenSubmits(base, citizen.page, 'Triển lãm sách thiếu nhi tại Việt Trì, tháng 12');

    // (2) The desk finds it in the inbox and receives it.
    const officer = await actor(base, OFFICER);
    actors.push(officer);
    const op = officer.page;
    await op.goto(`${base}/desk`);
    await check(op, 'the desk inbox');
    await clickAndWait(op, link(op, code));
    assert.equal(path(op), `/desk/dossiers/${code}`);
    await check(op, "the desk's dossier page");
    await clickAndWait(op, button(op, 'Tiếp nhận hồ sơ và cấp giấy hẹn'));
    assert.equal(await detail(op, 'Trạng thái'), 'Đã tiếp nhận');
    const received = await detail(op, 'Ngày tiếp nhận');
    const appointment = await detail(op, 'Ngày hẹn trả kết quả');
    assert.match(received, /^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    assert.match(appointment, /^\d\d\/\d\d\/\d{4}$/);
    await check(op, "the desk's page of the received dossier");

    // The appointment is the deadline engine's: 10 (calendar) days from the receipt (Vietnam time).
    const api = await (await citizen.page.request.get(`${base}/api/v1/dossiers/${code}`)).json();
    const local = new Date(Date.parse(api.received_at) + 7 * 3600_000).toISOString().slice(0, 16);
    const due = await (await citizen.page.request.get(`${base}/api/v1/calendar/due?from=${local}&days=10`)).json();
    assert.equal(api.appointment_date, due.due, `appointment = 10 days after ${local}`);
    assert.equal(appointment, due.due.split('-').reverse().join('/'));

    // (3) The receipt PDF: code, received time, appointment date; its QR code is the look-up URL.
    {
      const receipt = await download(op, link(op, 'Tải giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)'), 'receipt.pdf');
      assert.equal(readFileSync(receipt).subarray(0, 5).toString(), '%PDF-');
      const text = await pdfText(receipt);
      for (const want of ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', code, received, appointment, PROCEDURE])
        assert.ok(text.includes(want), `the receipt says ${want}:\n${text}`);
      assert.equal(await qrOf(receipt), `${PUBLIC_URL}/lookup?code=${code}`);
    }

    // (4) The desk asks for a supplement: one list; the clock pauses.
    await label(op, 'Giấy tờ cần bổ sung (mỗi dòng một mục)').fill('Bản sao quyết định thành lập của đơn vị tổ chức\nSơ đồ mặt bằng khu triển lãm');
    await clickAndWait(op, button(op, 'Gửi yêu cầu bổ sung'));
    assert.equal(await detail(op, 'Trạng thái'), 'Yêu cầu bổ sung — thời hạn giải quyết tạm dừng');
    await check(op, "the desk's page of a dossier waiting for a supplement");
    await op.goto(`${base}/work/dossiers/${code}`);
    assert.equal((await op.locator('#due').innerText()).trim(), 'Tạm dừng (chờ bổ sung)', 'no due date counts while paused');
    await check(op, 'the processing page of a paused dossier');

    // (5) The citizen sees the request and supplements; the dossier is back in progress.
    const cp = citizen.page;
    await cp.goto(`${base}/dossiers/${code}`);
    const request = cp.getByRole('region', { name: 'Yêu cầu bổ sung hồ sơ' });
    assert.deepEqual(await request.locator('li').allInnerTexts(),
      ['Bản sao quyết định thành lập của đơn vị tổ chức', 'Sơ đồ mặt bằng khu triển lãm']);
    assert.match(await detail(cp, 'Trạng thái'), /tạm dừng/);
    await check(cp, "the citizen's page of a supplement request");
    await label(cp, 'Giấy tờ bổ sung (PDF, JPEG, PNG)').setInputFiles(files.jpeg);
    await label(cp, 'Ghi chú').fill('Gửi bản chụp quyết định thành lập và sơ đồ mặt bằng');
    await clickAndWait(cp, button(cp, 'Gửi bổ sung'));
    assert.equal(path(cp), `/dossiers/${code}`);
    assert.equal(await detail(cp, 'Trạng thái'), 'Đã tiếp nhận', 'running again, no longer paused');
    assert.equal(await cp.getByRole('region', { name: 'Yêu cầu bổ sung hồ sơ' }).count(), 0);
    assert.ok((await main(cp).innerText()).includes('bo-sung.jpg'), 'the supplement is among the files');
    const resumed = await (await cp.request.get(`${base}/api/v1/dossiers/${code}`)).json();
    assert.ok(resumed.appointment_date >= api.appointment_date, 'the pause never brings the appointment forward');
    await check(cp, "the citizen's page after the supplement");

    // (6) The leader assigns it to the specialist.
    const leader = await actor(base, LEADER);
    actors.push(leader);
    const lp = leader.page;
    await lp.goto(`${base}/work`);
    await check(lp, "the leader's work queue");
    await clickAndWait(lp, link(lp, code));
    await check(lp, "the leader's page of the dossier");
    await label(lp, 'Giao cho chuyên viên').selectOption({ label: await label(lp, 'Giao cho chuyên viên').locator('option').first().innerText() });
    await clickAndWait(lp, button(lp, 'Giao xử lý'));
    assert.equal((await lp.locator('#state').innerText()).trim(), 'Đang xử lý');
    const assignee = (await lp.locator('#assignee').innerText()).trim();
    assert.ok(assignee && assignee !== 'Chưa giao', `assigned: ${assignee}`);

    // (7) The specialist proposes the result with a PDF.
    const specialist = await actor(base, SPECIALIST);
    actors.push(specialist);
    const sp = specialist.page;
    await sp.goto(`${base}/work`);
    await check(sp, "the specialist's work queue");
    await clickAndWait(sp, link(sp, code));
    await check(sp, "the specialist's page of the dossier");
    await label(sp, 'Tài liệu kết quả (PDF, JPEG, PNG)').setInputFiles(files.result);
    await label(sp, 'Ghi chú').fill('Đủ điều kiện cấp phép');
    await clickAndWait(sp, button(sp, 'Trình kết quả'));
    assert.equal((await sp.locator('#state').innerText()).trim(), 'Chờ phê duyệt');

    // (8) The leader approves.
    await lp.reload();
    await clickAndWait(lp, button(lp, 'Phê duyệt kết quả'));
    assert.equal((await lp.locator('#state').innerText()).trim(), 'Đã phê duyệt, chờ trả kết quả');
    await check(lp, "the leader's page of the approved dossier");

    // (9) The desk returns the result, from its inbox; on time.
    await op.goto(`${base}/desk`);
    await clickAndWait(op, link(op, code));
    assert.equal(await detail(op, 'Trạng thái'), 'Đã phê duyệt, chờ trả kết quả');
    await check(op, "the desk's page of the approved dossier");
    await clickAndWait(op, button(op, 'Trả kết quả cho người nộp'));
    assert.equal((await op.locator('#state').innerText()).trim(), 'Đã trả kết quả');
    assert.equal((await op.locator('#returned .tag.tag-done').innerText()).trim(), 'đúng hạn');

    // (10) The citizen downloads the result and rates 5 with a comment.
    await cp.reload();
    assert.equal(await detail(cp, 'Trạng thái'), 'Đã trả kết quả');
    const results = cp.getByRole('region', { name: 'Kết quả giải quyết' });
    const got = await download(cp, results.getByRole('link', { name: 'giay-phep.pdf' }), 'result.pdf');
    assert.deepEqual(readFileSync(got), readFileSync(files.result), 'the very file the specialist uploaded');
    await check(cp, "the citizen's page of the returned dossier");
    await main(cp).getByRole('radio', { name: '5' }).check();
    await label(cp, 'Góp ý').fill('Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.');
    await clickAndWait(cp, button(cp, 'Gửi đánh giá'));
    assert.ok((await main(cp).innerText()).includes('Bạn đã đánh giá: 5/5 — Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.'));
    assert.equal(await button(cp, 'Gửi đánh giá').count(), 0, 'rated once');
    await check(cp, "the citizen's page of the rated dossier");

    // (11) Anyone looks it up with the code and the phone's last 4 digits: the whole history.
    const visitor = await visitorPage();
    actors.push(visitor);
    const vp = visitor.page;
    await vp.goto(`${base}/lookup`);
    await check(vp, 'the look-up form');
    await label(vp, 'Mã hồ sơ').fill(code);
    await label(vp, '4 số cuối của số điện thoại hoặc số định danh').fill('5678');
    await clickAndWait(vp, button(vp, 'Tra cứu'));
    const history = (await vp.locator('main ol.history li strong').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(history, ['Nộp hồ sơ', 'Tiếp nhận hồ sơ', 'Yêu cầu bổ sung hồ sơ', 'Bổ sung hồ sơ',
      'Phân công xử lý', 'Đề xuất kết quả', 'Phê duyệt kết quả', 'Trả kết quả']);
    assert.equal(await detail(vp, 'Trạng thái'), 'Đã trả kết quả');
    await check(vp, 'the look-up result');

    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});

test('journey, citizen part with JavaScript off: search, apply with attachments, review, submit, "Hồ sơ của tôi"', async () => {
  const db = await createDatabase('e2e_dossiers_nojs');
  const srv = await startServer({ db, mode: 'demo' });
  let citizen;
  try {
    citizen = await actor(srv.url, CITIZEN, { javaScriptEnabled: false });
    const code = await citizenSubmits(srv.url, citizen.page, 'Hội chợ sách mùa xuân (không dùng JavaScript)');
    assert.match(code, /^TTHCC-\d{6}-\d{4}$/);
    assert.deepEqual(unexpected(citizen.problems), []);
  } finally {
    await citizen?.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});
