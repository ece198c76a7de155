// Browser test of issue 5's "Done when", journey 2 (late, Decree 61/2018/NĐ-CP Art. 19(9)), in
// Debian's Chromium with axe and console checks: the leader issues the apology with a new date
// once (a second one is refused), the citizen downloads it from the dossier's page; the server is
// restarted on the same database with the test clock (--fake-now, only with TINHSO_TEST_CLOCK=1)
// three days after the due date: the work queue and the dossier show it overdue, the desk returns
// it, it is marked late and the public statistics count it late. Helpers in dossiers-journey.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '../lib/db.mjs';
import { startServer, runCli } from '../lib/server.mjs';
import {
  CITIZEN, OFFICER, SPECIALIST, LEADER, files, useBrowser, visitorPage, pdfText,
  label, button, link, clickAndWait, check, detail, unexpected, download, actor, citizenSubmits,
} from './dossiers-journey.mjs';

useBrowser();

// ---- journey 2: late, with the apology ----

test('--fake-now is refused without TINHSO_TEST_CLOCK=1', async () => {
  const db = await createDatabase('e2e_dossiers_clock');
  try {
    const r = await runCli(['serve', '--db', db.url, '--listen', '127.0.0.1:0', '--fake-now', '2030-01-02T03:04:05Z'],
      { env: { TINHSO_TEST_CLOCK: '' } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--fake-now is a test-only switch.*TINHSO_TEST_CLOCK=1/);
  } finally {
    await db.drop();
  }
});

test('late journey: the apology with a new date (once), then past the due date the desk returns it late', async () => {
  const db = await createDatabase('e2e_dossiers_late');
  let srv = await startServer({ db, mode: 'demo' });
  const actors = [];
  let code;
  let dueIso;
  let year;
  let lateBefore;
  try {
    // A dossier received today.
    const citizen = await actor(srv.url, CITIZEN);
    actors.push(citizen);
    code = await citizenSubmits(srv.url, citizen.page, 'Triển lãm tranh cổ động (hồ sơ sẽ trễ hạn)');
    const officer = await actor(srv.url, OFFICER);
    actors.push(officer);
    await officer.page.goto(`${srv.url}/desk/dossiers/${code}`);
    await clickAndWait(officer.page, button(officer.page, 'Tiếp nhận hồ sơ và cấp giấy hẹn'));
    dueIso = (await (await citizen.page.request.get(`${srv.url}/api/v1/dossiers/${code}`)).json()).due_date;
    assert.match(dueIso, /^\d{4}-\d\d-\d\d$/);
    // The new date: two working days after the due date.
    const newIso = (await (await citizen.page.request.get(`${srv.url}/api/v1/calendar/due?from=${dueIso}T09:00&working_days=2`)).json()).due;
    const dmy = (iso) => iso.split('-').reverse().join('/');

    // The leader issues the apology; a second one is refused.
    const leader = await actor(srv.url, LEADER);
    actors.push(leader);
    const lp = leader.page;
    await lp.goto(`${srv.url}/work/dossiers/${code}`);
    await check(lp, "the leader's page with the apology form");
    await label(lp, 'Lý do chậm').fill('Cần lấy thêm ý kiến của cơ quan công an về địa điểm');
    await label(lp, 'Ngày hẹn mới').fill(newIso);
    await clickAndWait(lp, button(lp, 'Lập phiếu xin lỗi'));
    assert.equal((await lp.locator('#appointment').innerText()).trim(), dmy(newIso));
    const issued = lp.getByRole('region', { name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' });
    assert.match(await issued.innerText(), new RegExp(`${dmy(dueIso)} → ${dmy(newIso)}`));
    assert.equal(await button(lp, 'Lập phiếu xin lỗi').count(), 0, 'no second apology offered');
    await check(lp, "the leader's page after the apology");
    const again = await lp.request.post(`${srv.url}/work/dossiers/${code}/apology`, {
      form: { _csrf: await lp.locator('input[name=_csrf]').first().getAttribute('value'), reason: 'Lần hai', new_date: newIso },
      headers: { origin: srv.url },
      maxRedirects: 0,
    });
    assert.equal(again.status(), 409, 'only one apology per dossier');
    assert.match(await again.text(), /chỉ được lập một lần/);

    // The citizen downloads the apology from the dossier's page; the appointment moved.
    const cp = citizen.page;
    await cp.goto(`${srv.url}/dossiers/${code}`);
    assert.equal(await detail(cp, 'Ngày hẹn trả kết quả'), dmy(newIso));
    await check(cp, "the citizen's page with the apology");
    const letter = await download(cp, link(cp, 'Tải phiếu xin lỗi và hẹn lại ngày trả kết quả (PDF)'), 'apology.pdf');
    const text = await pdfText(letter);
    for (const want of ['PHIẾU XIN LỖI', 'xin lỗi Ông/Bà', code, `Ngày hẹn mới ${dmy(newIso)}`, dmy(dueIso)])
      assert.ok(text.includes(want), `the apology says ${want}:\n${text}`);

    // Assigned, proposed and approved while still on time.
    await lp.reload();
    await clickAndWait(lp, button(lp, 'Giao xử lý'));
    const specialist = await actor(srv.url, SPECIALIST);
    actors.push(specialist);
    await specialist.page.goto(`${srv.url}/work/dossiers/${code}`);
    await label(specialist.page, 'Tài liệu kết quả (PDF, JPEG, PNG)').setInputFiles(files.result);
    await clickAndWait(specialist.page, button(specialist.page, 'Trình kết quả'));
    await lp.reload();
    await clickAndWait(lp, button(lp, 'Phê duyệt kết quả'));
    assert.equal((await lp.locator('#state').innerText()).trim(), 'Đã phê duyệt, chờ trả kết quả');
    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors.splice(0)) await a.context.close();
    const r = await srv.stop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }

  // Three days after the due date, on the same database, with the test clock.
  const fakeNow = new Date(Date.parse(`${dueIso}T02:00:00Z`) + 3 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  year = fakeNow.slice(0, 4);
  srv = await startServer({ db, mode: 'serve', args: ['--fake-now', fakeNow], env: { TINHSO_TEST_CLOCK: '1' } });
  try {
    assert.match(srv.logs(), /TEST CLOCK: --fake-now is set/);
    // The statistics page may be cached for 60 s (Cache-Control: public): a new visitor each time.
    const stats = async () => {
      const visitor = await visitorPage();
      actors.push(visitor);
      await visitor.page.goto(`${srv.url}/statistics/dossiers?year=${year}`);
      await check(visitor.page, 'the statistics page');
      return Number((await visitor.page.locator('#total-late').innerText()).replace(/\D/g, '') || 0);
    };
    lateBefore = await stats();

    const officer = await actor(srv.url, OFFICER);
    actors.push(officer);
    const op = officer.page;
    await op.goto(`${srv.url}/work?due=overdue`);
    const row = op.getByRole('row').filter({ hasText: code });
    assert.equal(await row.count(), 1, 'the overdue filter lists it');
    assert.match(await row.innerText(), /Quá hạn/);
    await check(op, 'the work queue with an overdue dossier');
    await clickAndWait(op, link(op, code));
    assert.match(await op.locator('#due').innerText(), /Quá hạn/);
    await check(op, 'the processing page of an overdue dossier');

    await op.goto(`${srv.url}/desk/dossiers/${code}`);
    await clickAndWait(op, button(op, 'Trả kết quả cho người nộp'));
    assert.equal((await op.locator('#state').innerText()).trim(), 'Đã trả kết quả');
    assert.equal((await op.locator('#returned .tag.tag-late').innerText()).trim(), 'trễ hạn');
    await check(op, 'the processing page of a dossier returned late');

    assert.equal(await stats(), lateBefore + 1, 'the statistics count it late');
    for (const a of actors) assert.deepEqual(unexpected(a.problems), []);
  } finally {
    for (const a of actors) await a.context.close();
    const r = await srv.stop();
    await db.drop();
    assert.equal(r.code, 0, `server exit code\n${srv.logs()}`);
  }
});
