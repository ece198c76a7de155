// Issue 19 over HTTP (src/modules/elections), on the demo's two elections: the announced 2026
// general election's public results (a clear win, a tie at the last seat decided by age, a
// candidate at exactly half of the valid ballots not elected, a council constituency short of two
// thirds — supplementary election — and one whose turnout was not more than half — re-election);
// then the commune by-election being counted: a polling team's member enters the minutes, the
// checks explain themselves at their fields (Vietnamese, with the figures), a second person checks
// them (never the one who entered them), a team outside its area is refused, the committee's board
// follows, the committee certifies the tally, a later correction needs its reason, and the
// announcement opens the public result. Every step leaves its audit record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW, DEMO_ACCOUNTS as ROLES } from '../lib/demo.mjs';

let t;
const as = {};
const ids = {};
const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
const text = (html) => html.replace(/<[^>]*>/g, ' ').replaceAll('&#x2F;', '/').replace(/\s+/g, ' ');

before(async () => {
  t = await serverFixture('elections');
  as.officer = await signInFully(t.srv.url, ROLES.one_stop_officer, PW);
  as.second = await signInFully(t.srv.url, 'tobaucu@demo.tinhso.vn', PW);
  as.committee = await signInFully(t.srv.url, ROLES.province_leader, PW);
  as.specialist = await signInFully(t.srv.url, ROLES.specialist, PW);
  ids.general = await one("SELECT id FROM elections WHERE election_date = '2026-03-15'");
  ids.by = await one("SELECT id FROM elections WHERE election_date = '2026-11-29'");
  ids.cons = await one(`SELECT id FROM election_constituencies WHERE election_id = ${ids.by}`);
  ids.area1 = await one(`SELECT id FROM election_polling_areas WHERE election_id = ${ids.by} AND number = 1`);
  ids.area2 = await one(`SELECT id FROM election_polling_areas WHERE election_id = ${ids.by} AND number = 2`);
  ids.cand = (await t.db.exec(`SELECT id FROM election_candidates WHERE constituency_id = ${ids.cons} ORDER BY list_order`))
    .trim().split('\n').map((l) => l.split('\t')[0]);
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

test('the announced election: per constituency the elected, the votes, the turnout and what the law calls for next', async () => {
  const anon = new Agent(t.srv.url);
  const list = await anon.get('/elections');
  assert.equal(list.status, 200);
  assert.match(text(list.text), /Bầu cử đại biểu Quốc hội khóa XVI.*Đã công bố kết quả/);
  const r = await anon.get(`/elections/${ids.general}`);
  assert.equal(r.status, 200);
  const page = text(r.text);
  assert.match(page, /Hà Minh Khôi 5\.542 85,0 % Trúng cử/, 'a clear win');
  assert.match(page, /Âu Đức Thịnh 1\.128 60,0 % Trúng cử Khổng Thị Diệu 1\.128 60,0 % Giáp/,
    'a tie at the last seat goes to the older (1968 against 1975)');
  assert.match(page, /Căn cứ: Điều 78 khoản 4/);
  assert.match(page, /Lã Quang Vinh 940 50,0 % Phó/, 'exactly half of 1,880 valid ballots is not elected');
  assert.match(page, /Phải tổ chức bầu cử thêm/, 'a council constituency with 1 of 3 seats filled');
  assert.match(page, /Kết quả không được công nhận.*Phải tổ chức bầu cử lại/, 'turnout 45 %');
  const notYet = text((await anon.get(`/elections/${ids.by}`)).text);
  assert.match(notYet, /Kết quả chưa được công bố/);
  assert.doesNotMatch(notYet, /Trúng cử/, 'no result before the announcement');
  assert.equal((await anon.get(`/elections/${ids.general}/board`)).status, 303, 'the board needs a sign-in');
  assert.equal((await anon.get('/elections/999999')).status, 404);
  assert.equal((await as.committee.get(`/elections/${ids.general}/board?round=fourth`)).status, 400);
});

test('a polling team enters the minutes; the checks name their field with the figures; a second person checks', async () => {
  const url = `/elections/${ids.by}/areas/${ids.area2}/minutes/${ids.cons}`;
  const mine = await as.officer.get(`/elections/${ids.by}/areas`);
  assert.equal(mine.status, 200);
  assert.match(text(mine.text), /Nhà văn hóa thôn Bến Gạo.*chưa có biên bản/);
  const form = await as.officer.get(url);
  assert.equal(form.status, 200);
  assert.match(text(form.text), /Tổng số cử tri của khu vực bỏ phiếu: 645/);
  const votes = (a, b, c) => ({ [`votes_${ids.cand[0]}`]: a, [`votes_${ids.cand[1]}`]: b, [`votes_${ids.cand[2]}`]: c });
  // 600 received, but 590 valid + 12 invalid.
  const bad = await as.officer.post(url, { voted: '600', issued: '610', received: '600', valid: '590', invalid: '12',
    ...votes('300', '200', '95'), complaints: '' });
  assert.equal(bad.status, 422);
  const said = text(bad.text);
  assert.match(said, /Số phiếu hợp lệ \(590\) cộng số phiếu không hợp lệ \(12\) phải bằng số phiếu thu vào \(600\)/);
  assert.match(bad.text, /href="#f-valid"/, 'the summary links to the field');
  assert.match(bad.text, /id="f-valid"[^>]*aria-invalid="true"/);
  assert.match(bad.text, /value="590"/, 'what was typed is kept');
  assert.equal(await one(`SELECT COUNT(*) FROM election_minutes WHERE area_id = ${ids.area2}`), '0', 'nothing saved');
  const tooMany = await as.officer.post(url, { voted: '700', issued: '700', received: '700', valid: '688', invalid: '12',
    ...votes('690', '0', '0') });
  assert.equal(tooMany.status, 422);
  assert.match(text(tooMany.text), /Tổng số cử tri|lớn hơn tổng số cử tri của khu vực \(645\)/);
  assert.match(text(tooMany.text), /Số phiếu bầu \(690\) lớn hơn số phiếu hợp lệ \(688\)/);
  const words = await as.officer.post(url, { voted: 'sáu trăm', issued: '600', received: '600', valid: '588',
    invalid: '12', ...votes('300', '200', '88') });
  assert.equal(words.status, 422);
  assert.match(text(words.text), /Phải là một số nguyên không âm/);
  const good = await as.officer.post(url, { voted: '600', issued: '610', received: '600', valid: '588', invalid: '12',
    ground_no_stamp: '4', ground_all_crossed_out: '8', ...votes('300', '200', '88'),
    complaints: 'Một cử tri hỏi giờ đóng hòm phiếu.\r\nTổ bầu cử đã trả lời tại chỗ.' });
  assert.equal(good.status, 303, good.text.slice(0, 300));
  const saved = await one(`SELECT id FROM election_minutes WHERE area_id = ${ids.area2} AND current = 1`);
  assert.equal(await one(`SELECT invalid_no_stamp + invalid_all_crossed_out FROM election_minutes WHERE id = ${saved}`), '12');
  assert.match(text((await as.officer.get(url)).text), /Một cử tri hỏi giờ đóng hòm phiếu\. Tổ bầu cử đã trả lời tại chỗ\./,
    'a complaint keeps its lines');
  const own = await as.officer.post(`/elections/${ids.by}/minutes/${saved}/check`, {});
  assert.equal(own.status, 422, 'the one who entered them does not check them');
  assert.match(text(own.text), /Người kiểm tra phải khác người đã nhập biên bản/);
  assert.equal((await as.second.post(`/elections/${ids.by}/minutes/${saved}/check`, {})).status, 303);
  assert.equal((await as.second.post(`/elections/${ids.by}/minutes/${saved}/check`, {})).status, 409, 'once');
  for (const action of ['election_minutes.enter', 'election_minutes.check'])
    assert.ok(Number(await one(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND object_id = '${saved}'`)) >= 1, action);
});

test('a team outside its area, and anyone off the committee, are refused', async () => {
  // An area of the by-election whose team is another account.
  const other = await one(`INSERT INTO election_polling_areas (election_id, number, name, unit, registered) VALUES`
    + ` (${ids.by}, 3, 'Khu vực ma trận', 'Xã Vĩnh Tường', 100) RETURNING id`);
  await t.db.exec(`INSERT INTO election_area_constituencies (area_id, constituency_id) VALUES (${other}, ${ids.cons})`);
  const url = `/elections/${ids.by}/areas/${other}/minutes/${ids.cons}`;
  assert.equal((await as.officer.get(url)).status, 403);
  const post = await as.officer.post(url, { voted: '1', issued: '1', received: '1', valid: '1', invalid: '0',
    [`votes_${ids.cand[0]}`]: '1', [`votes_${ids.cand[1]}`]: '0', [`votes_${ids.cand[2]}`]: '0' });
  assert.equal(post.status, 403);
  assert.equal(await one(`SELECT COUNT(*) FROM election_minutes WHERE area_id = ${other}`), '0');
  assert.equal((await as.specialist.get(`/elections/${ids.by}/board`)).status, 403);
  assert.equal((await as.officer.post(`/elections/${ids.by}/constituencies/${ids.cons}/certify`, { round: 'first' })).status, 403);
  assert.equal((await as.officer.get(`/elections/${ids.by}/areas/${ids.area1}/minutes/999999`)).status, 404);
  await t.db.exec(`DELETE FROM election_area_constituencies WHERE area_id = ${other}`);
  await t.db.exec(`DELETE FROM election_polling_areas WHERE id = ${other}`);
});

test('the committee: the board, the tally, certification, a correction with its reason, the announcement', async () => {
  const board = text((await as.committee.get(`/elections/${ids.by}/board`)).text);
  assert.match(board, /Đơn vị bầu cử số 1|đơn vị bầu cử số 1/);
  assert.match(board, /1 \/ 2/, 'one of two areas checked');
  assert.match(board, /1 biên bản chưa được người thứ hai kiểm tra/, 'area 1: entered by the demo, not checked');
  assert.match(board, /2 biên bản có khiếu nại/, "both areas recorded a complaint");
  const cons = `/elections/${ids.by}/constituencies/${ids.cons}`;
  assert.equal((await as.committee.post(`${cons}/certify`, { round: 'first' })).status, 409, 'an area not checked yet');
  const area1 = await one(`SELECT id FROM election_minutes WHERE area_id = ${ids.area1} AND current = 1`);
  assert.equal((await as.committee.post(`/elections/${ids.by}/minutes/${area1}/check`, {})).status, 303,
    'a committee member checks as the second person');
  const page = text((await as.committee.get(cons)).text);
  // 760 + 600 voted of 812 + 645; 748 + 588 valid; Tô Văn Hiếu 402 + 300 = 702 > 668.
  assert.match(page, /Số cử tri đã đi bầu 1\.360/);
  assert.match(page, /Tô Văn Hiếu 702 52,5 % Trúng cử/);
  assert.equal((await as.committee.post(`${cons}/certify`, { round: 'first' })).status, 303);
  assert.equal(await one(`SELECT COUNT(*) FROM election_results WHERE constituency_id = ${ids.cons}`), '1');
  assert.match(await one(`SELECT outcome FROM election_results WHERE constituency_id = ${ids.cons}`), /"recognised":true/);
  // The record of the result (Art. 77) as PDF: the figures, the votes, the elected, the complaints.
  const pdf = await as.committee.get(`${cons}/result.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'tinhso-record-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf.body);
    const record = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
      .replace(/\s+/g, ' ');
    for (const s of ['BIÊN BẢN XÁC ĐỊNH KẾT QUẢ BẦU CỬ Ở ĐƠN VỊ BẦU CỬ', '1.457', '1.360 (93,3 %)', 'Tô Văn Hiếu 702',
      'Lò Thị Thanh 451', 'Danh sách những người trúng cử Tô Văn Hiếu', 'Nhà văn hóa thôn Đồng Lạc: Một cử tri phản ánh'])
      assert.ok(record.includes(s), `the record has "${s}": ${record.slice(0, 800)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal((await as.officer.get(`${cons}/result.pdf`)).status, 403, 'the committee\'s');
  // After certification the minutes are locked: a change needs its reason, and is a new version.
  const url = `/elections/${ids.by}/areas/${ids.area2}/minutes/${ids.cons}`;
  const fields = { voted: '600', issued: '610', received: '600', valid: '588', invalid: '12',
    [`votes_${ids.cand[0]}`]: '310', [`votes_${ids.cand[1]}`]: '190', [`votes_${ids.cand[2]}`]: '88' };
  const noReason = await as.officer.post(url, fields);
  assert.equal(noReason.status, 422);
  assert.match(text(noReason.text), /ghi lý do điều chỉnh/i);
  assert.equal((await as.officer.post(url, { ...fields, reason: 'Nhập nhầm số phiếu của hai người ứng cử' })).status, 303);
  assert.equal(await one(`SELECT MAX(version) FROM election_minutes WHERE area_id = ${ids.area2}`), '2');
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'election_minutes.correct'`), '1');
  const again = await one(`SELECT id FROM election_minutes WHERE area_id = ${ids.area2} AND current = 1`);
  assert.equal((await as.second.post(`/elections/${ids.by}/minutes/${again}/check`, {})).status, 303);
  assert.equal((await as.committee.post(`${cons}/certify`, { round: 'first' })).status, 422, 'a new certification needs its reason');
  assert.equal((await as.committee.post(`${cons}/certify`, { round: 'first', reason: 'Biên bản khu vực 2 được điều chỉnh' })).status, 303);
  assert.equal(await one(`SELECT COUNT(*) FROM election_results WHERE constituency_id = ${ids.cons} AND current = 1`), '1');
  assert.equal(await one(`SELECT MAX(version) FROM election_results WHERE constituency_id = ${ids.cons}`), '2');
  assert.equal((await as.committee.post(`/elections/${ids.by}/announce`, {})).status, 303);
  const pub = text((await new Agent(t.srv.url).get(`/elections/${ids.by}`)).text);
  assert.match(pub, /Tô Văn Hiếu 712 53,3 % Trúng cử/);
  assert.match(pub, /Kết quả đã được điều chỉnh\. Lý do: Biên bản khu vực 2 được điều chỉnh/);
  assert.equal((await as.officer.post(url, { ...fields, reason: 'x' })).status, 409, 'no minutes after the announcement');
  for (const action of ['election_result.certify', 'election_result.correct', 'election.announce'])
    assert.ok(Number(await one(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`)) >= 1, action);
});

test('Art. 79 on the pages: a council constituency short of two thirds opens a supplementary election for the seat left', async () => {
  const { runCli } = await import('../lib/server.mjs');
  const candidate = (name, birth) => ({ name, birth_date: birth, gender: 'female' });
  const plan = {
    name: 'Bầu cử bổ sung ma trận Art. 79', election_date: '2027-03-07', committee: ['province@demo.tinhso.vn'],
    constituencies: [{ key: 'K', body: 'commune_council', number: 1, name: 'Đơn vị bầu cử số 1', area: 'Thôn Đông',
      seats: 2, candidates: [candidate('Hà Thị An', '1970-01-01'), candidate('Lê Thị Bình', '1975-01-01'),
        candidate('Vũ Thị Cúc', '1980-01-01')] }],
    areas: [{ number: 1, name: 'Khu vực Đông', unit: 'Xã Đông', registered: 100, constituencies: ['K'],
      team: ['officer@demo.tinhso.vn', 'tobaucu@demo.tinhso.vn'] }],
  };
  const imported = await runCli(['election', 'import', '-', '--db', t.db.url], { input: JSON.stringify(plan) });
  assert.equal(imported.code, 0, imported.stderr);
  const e = imported.stdout.trim();
  const k = await one(`SELECT id FROM election_constituencies WHERE election_id = ${e}`);
  const area = await one(`SELECT id FROM election_polling_areas WHERE election_id = ${e}`);
  const ids = (await t.db.exec(`SELECT id FROM election_candidates WHERE constituency_id = ${k} ORDER BY list_order`))
    .trim().split('\n').map((l) => l.split('\t')[0]);
  const url = `/elections/${e}/areas/${area}/minutes/${k}`;
  const fieldsOf = (votes) => {
    const fields = { voted: '80', issued: '80', received: '80', valid: '78', invalid: '2' };
    for (const [id, n] of Object.entries(votes)) fields[`votes_${id}`] = n;
    return fields;
  };
  const first = { [ids[0]]: '60', [ids[1]]: '30', [ids[2]]: '20' };
  assert.equal((await as.officer.post(url, fieldsOf(first))).status, 409, 'no entry before the count opens');
  assert.equal((await as.committee.post(`/elections/${e}/count`, {})).status, 303);
  // 80 voted, 78 valid: An 60 (elected), Bình 30, Cúc 20 — 1 of 2 seats, fewer than two thirds.
  const enter = async (path, votes) => {
    assert.equal((await as.officer.post(path, fieldsOf(votes))).status, 303);
    const m = await one(`SELECT MAX(id) FROM election_minutes WHERE area_id = ${area}`);
    assert.equal((await as.second.post(`/elections/${e}/minutes/${m}/check`, {})).status, 303);
  };
  await enter(url, first);
  const supplementaryUrl = `${url}?round=supplementary`;
  assert.equal((await as.officer.get(supplementaryUrl)).status, 404, 'not called before the first round is certified');
  assert.equal((await as.committee.post(`/elections/${e}/constituencies/${k}/certify`, { round: 'first' })).status, 303);
  const areas = text((await as.officer.get(`/elections/${e}/areas`)).text);
  assert.match(areas, /Bầu cử lần đầu ?: đã kiểm tra/);
  assert.match(areas, /Bầu cử thêm ?: chưa có biên bản/, 'the team is asked for the supplementary minutes');
  assert.doesNotMatch(areas, /Bầu cử lại/);
  const form = await as.officer.get(supplementaryUrl);
  assert.equal(form.status, 200);
  assert.doesNotMatch(form.text, new RegExp(`votes_${ids[0]}`), 'the elected candidate does not stand again');
  assert.match(text(form.text), /Lê Thị Bình.*Vũ Thị Cúc/);
  assert.equal((await as.officer.get(`${url}?round=re_election`)).status, 404, 're-election not called');
  await enter(supplementaryUrl, { [ids[1]]: '50', [ids[2]]: '28' });
  const board = text((await as.committee.get(`/elections/${e}/constituencies/${k}?round=supplementary`)).text);
  assert.match(board, /Lê Thị Bình 50 64,1 % Trúng cử/, 'more than half of 78 valid ballots, for the seat left');
  assert.equal((await as.committee.post(`/elections/${e}/constituencies/${k}/certify`, { round: 'supplementary' })).status, 303);
  assert.match(await one(`SELECT outcome FROM election_results WHERE constituency_id = ${k} AND round = 'supplementary'`),
    /"next":"none"/, 'never a second supplementary election');
});
