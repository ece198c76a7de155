// Petition attachments over HTTP (issue 6 §1, §4): the online form takes photos and PDFs as
// multipart/form-data (and still plain forms without files), typed by their content; refused
// types, sizes and counts answer 422 with a Vietnamese message (or 413 for a flood) and store
// nothing; the filer and staff in scope download them, nobody else; a denunciation's files are
// sealed at rest (Law on Denunciations 2018 Art. 8(3), 47(2)): not in a database dump, hidden from
// specialists and leaders (403), downloaded only by the assigned inspector, each download audited;
// and the filer sees the decision — the answer text and the document attached to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { Agent } from '../lib/agent.mjs';
import { htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';
import { DEMO_PASSWORD as PW } from '../lib/demo.mjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const jpeg = (marker) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(marker, 'utf8'), Buffer.alloc(64, 7)]);
const photo = (name, content, type = 'image/png') => ({ field: 'files', name, content, type });

let t;
let base;
let citizen;
let other;  // a second citizen
let agency; // SO-KHCN
const staff = {};
before(async () => {
  t = await serverFixture('petitions_files');
  base = t.srv.url;
  citizen = new Agent(base);
  assert.equal((await citizen.login('citizen@demo.tinhso.vn', PW)).status, 303);
  await t.db.exec("INSERT INTO accounts (email, phone, full_name, citizen_id, kind, password_hash, status, created_at, updated_at, confirmed_at)"
    + " SELECT 'khac@example.vn', '', 'Phạm Văn Khác', '', 'citizen', password_hash, 'active', created_at, updated_at, confirmed_at"
    + " FROM accounts WHERE email = 'citizen@demo.tinhso.vn'");
  await t.db.exec("INSERT INTO account_roles (account_id, role) SELECT id, 'citizen' FROM accounts WHERE email = 'khac@example.vn'");
  other = new Agent(base);
  assert.equal((await other.login('khac@example.vn', PW)).status, 303);
  for (const who of ['officer', 'specialist', 'leader', 'inspector']) staff[who] = await signInFully(base, `${who}@demo.tinhso.vn`, PW);
  agency = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
async function one(sql) { return (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0]; }
const counts = async () => `${await one('SELECT COUNT(*) FROM petitions')}/${await one('SELECT COUNT(*) FROM petition_attachments')}`;
const links = (html, prefix) => [...htmlText(html).matchAll(new RegExp(`href="(${prefix}\\d+)"`, 'g'))].map((m) => m[1]);
const feedback = (subject) => ({ kind: 'feedback', agency, subject, content: 'Nội dung phản ánh kèm ảnh chụp hiện trường' });

async function file(agent, fields, files) {
  await agent.get('/petitions/new');
  return agent.postMultipart('/petitions', fields, files);
}

// Takes `action` on petition `id` as `who` (GET first for the form's token).
async function act(who, id, form, files) {
  await staff[who].get(`/petitions/desk/${id}`);
  return files ? staff[who].postMultipart(`/petitions/desk/${id}/act`, form, files) : staff[who].post(`/petitions/desk/${id}/act`, form);
}

test('the form is multipart and still works without files, with JavaScript\'s empty file input too', async () => {
  const anon = new Agent(base);
  const form = await anon.get('/petitions/new?kind=feedback');
  assert.match(form.text, /enctype="multipart\/form-data"/);
  assert.match(form.text, /<input type="file" id="f-files" name="files" multiple/);
  assert.match(plain(form.text), /Tối đa 5 tệp ảnh JPEG, PNG hoặc PDF/);
  // A browser sends an empty file part for a file input left empty.
  const r = await anon.postMultipart('/petitions', feedback('Rác thải ở chợ'), [{ field: 'files', name: '', content: '', type: 'application/octet-stream' }]);
  assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  const code = /PA-\d{6}-\d{6}/.exec(r.text)[0];
  assert.equal(await one(`SELECT COUNT(*) FROM petition_attachments a JOIN petitions p ON p.id = a.petition_id WHERE p.code = '${code}'`), '0');
});

test('files are typed by content: a .jpg holding a PDF is stored as a PDF; the filer and staff in scope download, nobody else', async () => {
  const r = await file(citizen, feedback('Ổ gà trên đường Hùng Vương'), [photo('o-ga.png', PNG), photo('bien-ban.jpg', PDF, 'image/jpeg')]);
  assert.equal(r.status, 303, plain(r.text).slice(0, 300));
  const code = /(PA-\d{6}-\d{6})\?sent=1$/.exec(r.headers.location)[1];
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  const rows = (await t.db.exec(`SELECT file_name, content_type, size, role, CASE WHEN sealed THEN 1 ELSE 0 END, COALESCE(created_by, 0) > 0 FROM petition_attachments WHERE petition_id = ${id} ORDER BY id`))
    .trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(rows.map((x) => x.slice(0, 5)), [['o-ga.png', 'image/png', String(PNG.length), 'evidence', '0'],
    ['bien-ban.jpg.pdf', 'application/pdf', String(PDF.length), 'evidence', '0']]);
  assert.ok(rows.every((x) => ['1', 't', 'true'].includes(x[5])), 'linked to the filer\'s account');

  const page = await citizen.get(`/petitions/${code}`);
  assert.equal(page.status, 200);
  assert.match(plain(page.text), /Tệp đính kèm/);
  const mine = links(page.text, `/petitions/${code}/files/`);
  assert.equal(new Set(mine).size, 2);
  assert.match(htmlText(page.text), new RegExp(`<img src="${mine[0]}" alt="Ảnh đính kèm: o-ga.png"`), 'the photo as a thumbnail');
  let d = await citizen.get(mine[0]);
  assert.equal(d.status, 200);
  assert.equal(d.headers['content-type'], 'image/png');
  assert.equal(d.headers['x-content-type-options'], 'nosniff');
  assert.match(d.headers['content-disposition'], /^attachment; filename="o-ga\.png"/);
  assert.match(d.headers['cache-control'], /no-store/);
  assert.deepEqual(d.body, PNG);
  d = await citizen.get(mine[1]);
  assert.equal(d.headers['content-type'], 'application/pdf');
  assert.deepEqual(d.body, PDF);

  // Staff in scope, from the desk.
  const desk = await staff.specialist.get(`/petitions/desk/${id}`);
  const deskLinks = [...new Set(links(desk.text, `/petitions/desk/${id}/files/`))];
  assert.equal(deskLinks.length, 2);
  for (const who of ['specialist', 'leader', 'inspector']) {
    const s = await staff[who].get(deskLinks[0]);
    assert.equal(s.status, 200, who);
    assert.deepEqual(s.body, PNG);
  }
  // Nobody else.
  assert.equal((await other.get(mine[0])).status, 404, 'another citizen');
  assert.equal((await staff.specialist.get(mine[0])).status, 404, 'the filer\'s URL is the filer\'s');
  assert.equal((await new Agent(base).get(mine[0])).status, 303, 'anonymous: sign in first');
  assert.equal((await other.get(deskLinks[0])).status, 403, 'a citizen at the desk');
  const fileId = /(\d+)$/.exec(mine[0])[1];
  const otherPetition = await one(`SELECT MIN(id) FROM petitions WHERE id <> ${id}`);
  assert.equal((await staff.specialist.get(`/petitions/desk/${otherPetition}/files/${fileId}`)).status, 404, 'a file is found only under its own petition');
  assert.equal((await citizen.get(`/petitions/${code}/files/999999`)).status, 404);
});

test('refused types, sizes and counts: 422 with the reason in Vietnamese (413 for a flood), nothing stored', async () => {
  const before = await counts();
  const cases = [
    ['a text file named .png', [photo('anh.png', Buffer.from('<html>not an image</html>'))], 422, /Tệp "anh\.png" không phải ảnh JPEG, PNG hoặc tệp PDF/],
    ['an executable named .pdf', [photo('don.pdf', Buffer.from('MZ\x90\x00binary', 'latin1'), 'application/pdf')], 422, /"don\.pdf" không phải ảnh JPEG, PNG/],
    ['six files', Array.from({ length: 6 }, (_, i) => photo(`a${i}.png`, PNG)), 422, /Mỗi đơn gửi kèm được tối đa 5 tệp/],
    ['a file over 5 MB', [photo('lon.png', Buffer.concat([PNG, Buffer.alloc((5 << 20) + 10)]))], 422, /Tệp "lon\.png" lớn hơn 5 MB/],
    ['over 20 MB together', Array.from({ length: 5 }, (_, i) => photo(`b${i}.png`, Buffer.concat([PNG, Buffer.alloc(9 << 19)]))), 422, /Tổng dung lượng các tệp gửi kèm vượt quá 20 MB/],
    ['a file over the request cap', [photo('rat-lon.png', Buffer.concat([PNG, Buffer.alloc(7 << 20)]))], 413, /Dữ liệu quá lớn/],
    ['eleven files', Array.from({ length: 11 }, (_, i) => photo(`c${i}.png`, PNG)), 413, /Dữ liệu quá lớn/],
  ];
  for (const [name, files, status, message] of cases) {
    const r = await file(citizen, feedback(`Phản ánh: ${name}`), files);
    assert.equal(r.status, status, `${name}: ${plain(r.text).slice(0, 300)}`);
    assert.match(plain(r.text), message, name);
    if (status === 422) {
      assert.match(r.text, /href="#f-files"/, `${name}: the error summary links the file input`);
      assert.match(r.text, new RegExp(`value="Phản ánh: ${name}"`), `${name}: the fields are kept`);
    }
  }
  assert.equal(await counts(), before, 'nothing stored');
});

test('a denunciation\'s files: sealed at rest, hidden from staff, downloaded only by the assigned inspector with an audit record', async () => {
  const marker = 'ANH-CAN-CUOC-NGUOI-TO-CAO-7731';
  const scan = jpeg(marker);
  const letter = Buffer.concat([PDF, Buffer.from(`% ${marker}-THU\n`)]);
  const r = await file(citizen, { kind: 'denunciation', agency, subject: 'Tố cáo cán bộ nhận hối lộ', content: 'Nội dung tố cáo có ảnh',
    name: 'Đỗ Văn Kín', address: 'Số 5 ngõ Vắng, Việt Trì' }, [photo('cccd-do-van-kin.jpg', scan, 'image/jpeg'), photo('thu-tay.pdf', letter, 'application/pdf')]);
  assert.equal(r.status, 200, plain(r.text).slice(0, 300));
  const code = /PA-\d{6}-\d{6}/.exec(r.text)[0];
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  assert.equal(await one(`SELECT COUNT(*) FROM petition_attachments WHERE petition_id = ${id} AND sealed AND sha256 = '' AND created_by IS NULL`), '2',
    'sealed, no digest, not linked to the denouncer\'s account');

  const dump = await t.db.dump();
  assert.ok(dump.includes('Tố cáo cán bộ nhận hối lộ'), 'the dump holds the petition');
  for (const secret of [marker, 'cccd-do-van-kin', 'thu-tay', scan.toString('base64').slice(0, 40), letter.toString('base64').slice(-40)])
    assert.ok(!dump.includes(secret), `the database dump shows "${secret}"`);

  const views = () => one(`SELECT COUNT(*) FROM audit_log WHERE action = 'petition.file_view' AND object_id = '${id}'`);
  const fileIds = (await t.db.exec(`SELECT id FROM petition_attachments WHERE petition_id = ${id} ORDER BY id`)).trim().split('\n');
  const url = `/petitions/desk/${id}/files/${fileIds[0]}`;
  for (const who of ['specialist', 'leader', 'inspector']) {
    const page = await staff[who].get(`/petitions/desk/${id}`);
    assert.match(plain(page.text), /Đơn tố cáo có 2 tệp đính kèm được mã hóa và giữ bí mật/, who);
    assert.ok(!page.text.includes('cccd-do-van-kin') && !page.text.includes(url.replaceAll('/', '&#x2F;')), `${who} sees no name, no link`);
    assert.equal((await staff[who].get(url)).status, 403, `${who} (not the assigned inspector) may not download`);
  }
  assert.equal((await citizen.get(`/petitions/${code}/files/${fileIds[0]}`)).status, 404, 'a denunciation has no filer page');
  assert.equal(await views(), '0');

  const inspectorId = await one("SELECT id FROM accounts WHERE email = 'inspector@demo.tinhso.vn'");
  assert.equal((await act('inspector', id, { action: 'classify', kind: 'denunciation' })).status, 303);
  assert.equal((await act('leader', id, { action: 'accept' })).status, 303);
  assert.equal((await act('leader', id, { action: 'assign', assignee: inspectorId })).status, 303);

  const page = await staff.inspector.get(`/petitions/desk/${id}`);
  assert.match(plain(page.text), /cccd-do-van-kin\.jpg/);
  assert.match(plain(page.text), /mỗi lần tải tệp được ghi vào nhật ký truy vết/);
  assert.ok(!htmlText(page.text).includes(`<img src="/petitions/desk/${id}/files/`), 'no thumbnail of a sealed file (each opening is audited)');
  let d = await staff.inspector.get(url);
  assert.equal(d.status, 200);
  assert.equal(d.headers['content-type'], 'image/jpeg');
  assert.match(d.headers['content-disposition'], /^attachment; filename="cccd-do-van-kin\.jpg"/);
  assert.deepEqual(d.body, scan);
  assert.equal(await views(), '1', 'the download is audited');
  d = await staff.inspector.get(`/petitions/desk/${id}/files/${fileIds[1]}`);
  assert.deepEqual(d.body, letter);
  assert.equal(await views(), '2', 'every download is audited');
  assert.equal((await staff.specialist.get(url)).status, 403, 'the specialist still may not');
  assert.equal((await staff.leader.get(url)).status, 403, 'nor the leader');
  const audit = await t.db.exec(`SELECT before_summary || after_summary FROM audit_log WHERE object_type = 'petition' AND object_id = '${id}'`);
  assert.ok(!audit.includes('cccd-do-van-kin'), 'the audit log does not name the file');

  // A copied blob does not open: the first file's content under the second row's id fails.
  await t.db.exec(`UPDATE petition_attachments SET content_base64 = (SELECT content_base64 FROM petition_attachments WHERE id = ${fileIds[0]}) WHERE id = ${fileIds[1]}`);
  d = await staff.inspector.get(`/petitions/desk/${id}/files/${fileIds[1]}`);
  assert.equal(d.status, 500);
  assert.ok(!d.body.includes(Buffer.from(marker)));
});

test('officers attach documents while acting: the decision and its answer reach the filer, working documents do not', async () => {
  const r = await file(citizen, feedback('Cây đổ chắn ngang đường'), [photo('cay-do.png', PNG)]);
  const code = /(PA-\d{6}-\d{6})\?sent=1$/.exec(r.headers.location)[1];
  const id = await one(`SELECT id FROM petitions WHERE code = '${code}'`);
  const specialistId = await one("SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'");
  assert.equal((await act('specialist', id, { action: 'classify', kind: 'feedback' })).status, 303);
  assert.equal((await act('leader', id, { action: 'accept' })).status, 303);
  assert.equal((await act('leader', id, { action: 'assign', assignee: specialistId })).status, 303);
  const bad = await act('specialist', id, { action: 'verify', note: 'Đã kiểm tra' }, [{ field: 'document', name: 'x.pdf', content: 'not a pdf', type: 'application/pdf' }]);
  assert.equal(bad.status, 422, 'a refused document refuses the action');
  assert.match(plain(bad.text), /Văn bản kèm theo không hợp lệ/);
  assert.equal(await one(`SELECT state FROM petitions WHERE id = ${id}`), 'assigned');
  assert.equal((await act('specialist', id, { action: 'verify', note: 'Đã kiểm tra hiện trường' },
    [{ field: 'document', name: 'bien-ban-kiem-tra.pdf', content: PDF, type: 'application/pdf' }])).status, 303);
  let page = await citizen.get(`/petitions/${code}`);
  assert.ok(!plain(page.text).includes('Kết quả giải quyết'), 'no result before the decision');
  assert.ok(!page.text.includes('bien-ban-kiem-tra'), 'a working document is not the filer\'s');
  const internal = await one(`SELECT id FROM petition_attachments WHERE petition_id = ${id} AND role = 'internal'`);
  assert.equal((await citizen.get(`/petitions/${code}/files/${internal}`)).status, 404);

  const answer = 'Văn bản số 21/STTTT-QLĐT: đã dọn cây đổ và thông xe lúc 10 giờ';
  assert.equal((await act('leader', id, { action: 'decide', note: answer },
    [{ field: 'document', name: 'tra-loi.pdf', content: PDF, type: 'application/pdf' }])).status, 303);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'petition.decide' AND object_id = '${id}'`), '1');
  page = await citizen.get(`/petitions/${code}`);
  const text = plain(page.text);
  assert.match(text, /Kết quả giải quyết Văn bản, nội dung trả lời Văn bản số 21\/STTTT-QLĐT: đã dọn cây đổ và thông xe lúc 10 giờ Ngày giải quyết \d\d:\d\d \d\d\/\d\d\/\d{4}/);
  assert.match(text, /tra-loi\.pdf Văn bản trả lời, quyết định PDF/);
  const decision = await one(`SELECT id FROM petition_attachments WHERE petition_id = ${id} AND role = 'decision'`);
  const d = await citizen.get(`/petitions/${code}/files/${decision}`);
  assert.equal(d.status, 200);
  assert.deepEqual(d.body, PDF);
  assert.equal((await citizen.get(`/petitions/${code}/files/${internal}`)).status, 404, 'still not the working document');
});
