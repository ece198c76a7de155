// The procedures module (issue 5 §1, issue 14 §5): the demo catalogue, the public list with
// accent-insensitive search and filters and the detail page without JavaScript — a start button
// only where online submission is accepted, conditions, place and hours of receipt, the fee in
// Vietnamese, the documents with downloadable form templates, no internal steps —,
// /api/v1/procedures with its 400/404 problems, the administrators' create/edit with 422 in the
// user's language, template uploads (413/415/422 naming the field), deactivation, delete refused
// for a referenced procedure, CSV and JSON import (all or nothing) and export round trips, each
// change audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCleanExit, serverFixture } from '../lib/fixture.mjs';
import { get, htmlText } from '../lib/http.mjs';
import { signInFully } from '../lib/totp.mjs';

const ADMIN = { email: 'admin@demo.tinhso.vn', password: 'Demo-Phu-Tho-2025' };

let t;
let base;
before(async () => {
  t = await serverFixture('procedures');
  base = t.srv.url;
});
after(async () => {
  assert.ok(t, 'the server started');
  assertCleanExit(await t.close(), t.srv.logs());
});

const plain = (html) => htmlText(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
const one = async (sql) => (await rows(sql))[0]?.[0];
const api = async (path, headers = {}) => {
  const r = await get(base, path, { headers });
  return { status: r.status, type: r.headers['content-type'], body: r.json() };
};
const codesOf = (body) => body.items.map((i) => i.code);

let adminAgent;
async function admin() {
  adminAgent ??= await signInFully(base, ADMIN.email, ADMIN.password);
  return adminAgent;
}

// A valid create form; `extra` overrides fields.
const form = (extra = {}) => ({
  code: 'TEST-1', name: 'Cấp giấy phép thử nghiệm', name_en: 'Test licence', field: 'Thử nghiệm', level: 'province',
  agency: 'SO-KHCN', desk_agency: 'TTHCC', time_limit: '5', fee_vnd: '50000', fee_note: 'Nộp khi nhận kết quả',
  legal_basis: 'Quyết định thử nghiệm', fully_online: '1', active: '1', online_submission: '1',
  documents: 'Đơn đề nghị | 1 | https://example.vn/mau.docx\r\nBản sao giấy tờ | 0', steps: 'Tiếp nhận | 20\r\nThẩm định | 80',
  ...extra,
});

test('demo catalogue: at least 20 real procedures, two handled by SO-KHCN via TTHCC, each with its legal basis', async () => {
  const all = await api('/api/v1/procedures?per_page=100');
  assert.equal(all.status, 200);
  assert.match(all.type, /^application\/json/);
  assert.ok(all.body.total >= 20, `${all.body.total} procedures`);
  for (const code of ['HT-KS', 'HT-KH', 'DN-TL', 'XD-GPXD', 'DD-DKLD', 'LLTP-CP']) assert.ok(codesOf(all.body).includes(code), code);
  const tttt = all.body.items.filter((i) => i.agency.code === 'SO-KHCN');
  assert.ok(tttt.length >= 2, 'procedures for the demo staff of SO-KHCN');
  for (const i of tttt) assert.equal((await api(i.url)).body.desk_agency.code, 'TTHCC', i.code);
  const ks = (await api('/api/v1/procedures/HT-KS')).body;
  assert.equal(ks.name, 'Đăng ký khai sinh');
  assert.equal(ks.level, 'commune');
  assert.equal(ks.time_limit_working_days, 0);
  assert.match(ks.legal_basis, /Luật Hộ tịch 60\/2014\/QH13/);
  assert.match(ks.legal_basis, /độ tin cậy: cao/);
  assert.ok(ks.documents.length >= 1 && ks.documents.every((d) => d.name && typeof d.mandatory === 'boolean'));
  assert.equal(ks.steps, undefined, 'the internal steps are not published');
  const exported = JSON.parse((await (await admin()).get('/admin/procedures/export.json')).text);
  const steps = exported.procedures.find((p) => p.code === 'HT-KS').steps;
  assert.equal(steps.reduce((s, x) => s + x.share_percent, 0), 100, 'administrators keep the steps');
  // Loaded with one system audit record per procedure.
  const audited = Number(await one("SELECT COUNT(*) FROM audit_log WHERE object_type = 'procedure' AND action = 'procedure.import' AND actor_name = 'demo'"));
  assert.equal(audited, Number(await one('SELECT COUNT(*) FROM procedures')));
});

test('public list: accent-insensitive search, filters, Vietnamese order, paging; no JavaScript needed', async () => {
  const cases = [
    ['dang ky kinh doanh', 'HKD-TL'],
    ['Đăng ký kinh doanh', 'HKD-TL'],
    ['KHAI SINH', 'HT-KS'],
    ['khai sinh', 'HT-KS'],
    ['giay phep lai xe', 'GT-DGPLX'],
  ];
  for (const [q, code] of cases) {
    const r = await api(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
    assert.ok(codesOf(r.body).includes(code), `${q} finds ${code}`);
  }
  assert.equal((await api('/api/v1/procedures?q=khong+co+thu+tuc+nay')).body.total, 0);
  const hoTich = (await api(`/api/v1/procedures?field=${encodeURIComponent('Hộ tịch')}&per_page=100`)).body;
  assert.ok(hoTich.total >= 5 && hoTich.items.every((i) => i.field === 'Hộ tịch'));
  const names = hoTich.items.map((i) => i.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'vi')), 'Vietnamese order');
  const commune = (await api('/api/v1/procedures?level=commune&per_page=100')).body;
  assert.ok(commune.items.every((i) => i.level === 'commune'));
  const byAgency = (await api('/api/v1/procedures?agency=SO-KHCN')).body;
  assert.ok(byAgency.total >= 2 && byAgency.items.every((i) => i.agency.code === 'SO-KHCN'));
  // Paging: two pages of 3 do not overlap and follow the full order.
  const p1 = (await api('/api/v1/procedures?per_page=3&page=1')).body;
  const p2 = (await api('/api/v1/procedures?per_page=3&page=2')).body;
  const first6 = (await api('/api/v1/procedures?per_page=6')).body;
  assert.deepEqual([...codesOf(p1), ...codesOf(p2)], codesOf(first6));

  const page = await get(base, '/procedures?q=dang+ky+khai+sinh');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<script/i);
  const text = plain(page.text);
  assert.match(text, /Đăng ký khai sinh/);
  assert.match(text, /Tìm thấy \d+ thủ tục/);
  assert.match(htmlText(page.text), /href="\/procedures\/HT-KS"/);
  assert.match(htmlText(page.text), /<form method="get" action="\/procedures"/);
  const filtered = plain((await get(base, `/procedures?field=${encodeURIComponent('Hộ tịch')}&level=commune`)).text);
  assert.match(filtered, /Đăng ký kết hôn/);
  assert.doesNotMatch(filtered, /Cấp Phiếu lý lịch tư pháp/);
  const paged = await get(base, '/procedures?page=2');
  assert.equal(paged.status, 200);
  assert.match(paged.text, /rel="prev"/);
  assert.equal((await get(base, '/procedures?level=x')).status, 200, 'unknown filter values are ignored');
  assert.equal((await get(base, '/procedures?page=abc')).status, 400, 'a malformed page number is a bad request');
  assert.equal((await get(base, '/procedures?page=999')).status, 200, 'a page past the end is an empty page');
  assert.match((await get(base, '/')).text, /<li><a href="(\/|&#x2F;)procedures"[^>]*>Thủ tục<\/a>/, 'the navigation links the catalogue');
});

test('detail page: documents with marks and template links, legal basis, fee, the start button; no step shares; English', async () => {
  const r = await get(base, '/procedures/XB-TLKKD');
  assert.equal(r.status, 200);
  const text = plain(r.text);
  assert.match(text, /Cấp giấy phép xuất bản tài liệu không kinh doanh/);
  assert.match(text, /10 ngày làm việc/);
  assert.match(text, /Sở Khoa học và Công nghệ/);
  assert.match(text, /Trung tâm Phục vụ hành chính công/);
  assert.match(text, /bắt buộc/);
  assert.match(text, /nếu có/);
  assert.match(text, /Nghị định 138\/2025\/NĐ-CP/);
  assert.doesNotMatch(text, /% thời hạn|Trình tự giải quyết/, 'internal steps are for staff');
  assert.match(htmlText(r.text), /href="https:\/\/dichvucong\.gov\.vn\/[^"]*1\.003868"/);
  assert.match(htmlText(r.text), /<a class="button start" href="\/dossiers\/new\?procedure=XB-TLKKD">Nộp hồ sơ trực tuyến</);
  const fee = plain((await get(base, '/procedures/LLTP-CP')).text);
  assert.match(fee, /200\.000 đồng/);
  assert.match(plain((await get(base, '/procedures/HT-KS')).text), /Trong ngày/);
  const en = await get(base, '/procedures/HT-KS', { headers: { 'accept-language': 'en' } });
  assert.match(plain(en.text), /Birth registration/);
  assert.match(plain(en.text), /Same day/);
  assert.match(plain(en.text), /Apply online/);
});

const article = (html) => htmlText(html).match(/<article>[\s\S]*<\/article>/)?.[0] ?? '';
const FEE = /^(\d{1,3}(\.\d{3})* đồng|Miễn phí|Theo quy định)/;

test('the page a citizen reads: the start button first, conditions, place and hours, the fee, forms "theo mẫu"', async () => {
  const r = await get(base, '/procedures/HT-KS');
  assert.equal(r.status, 200);
  const page = article(r.text);
  const start = page.indexOf('<a class="button start" href="/dossiers/new?procedure=HT-KS">Nộp hồ sơ trực tuyến</a>');
  assert.ok(start > 0, 'the start button');
  assert.ok(start < page.indexOf('<h2'), 'the start button comes before the details');
  assert.doesNotMatch(page, /<(ul|ol)[\s>]/, 'details are summary lists, not bare lists');
  assert.match(page, /<dl class="summary-list"/);
  const text = plain(page);
  assert.match(text, /Điều kiện thực hiện .*Ủy ban nhân dân cấp xã có thẩm quyền \(Luật Hộ tịch 2014, Điều 13\)/);
  assert.match(text, /Nơi tiếp nhận và giờ làm việc Nơi tiếp nhận và trả kết quả Ủy ban nhân dân phường Việt Trì Địa chỉ Bộ phận một cửa/);
  assert.match(text, /Giờ tiếp nhận Các ngày làm việc từ thứ Hai đến thứ Sáu/);
  assert.match(text, /Phí, lệ phí Theo quy định Miễn lệ phí khi đăng ký khai sinh đúng hạn/);
  assert.match(text, /Thời hạn giải quyết Trong ngày/);
  assert.match(text, /1\. Tờ khai đăng ký khai sinh \(theo mẫu\) bắt buộc · theo mẫu Tải mẫu \(PDF, \d+ KB\)/);
  assert.match(page, /<a href="\/procedures\/HT-KS\/forms\/1" download>Tải mẫu/);
  assert.doesNotMatch(text, /% thời hạn|Ghi Sổ hộ tịch|Trình Chủ tịch/, 'no internal steps');

  // Amounts in Vietnamese; a procedure without online submission says where to go instead.
  assert.match(plain(article((await get(base, '/procedures/LLTP-CP')).text)), /Phí, lệ phí 200\.000 đồng/);
  assert.match(plain(article((await get(base, '/procedures/CT-HDGD')).text)), /Phí, lệ phí 50\.000 đồng/);
  const kh = await get(base, '/procedures/HT-KH');
  assert.doesNotMatch(kh.text, /button start|dossiers\/new/);
  const khText = plain(article(kh.text));
  assert.match(khText, /Thủ tục này không nhận hồ sơ trực tuyến\. Hãy nộp hồ sơ trực tiếp tại Ủy ban nhân dân phường Việt Trì\./);
  assert.match(khText, /Phí, lệ phí Miễn phí/);
  assert.match(khText, /Hai bên nam, nữ phải có mặt/);
  const en = plain(article((await get(base, '/procedures/HT-KH', { headers: { 'accept-language': 'en' } })).text));
  assert.match(en, /Apply in person at Ủy ban nhân dân phường Việt Trì/);
  assert.match(en, /Fees Free/);

  // Every procedure: a fee a person can read, never "Xem ghi chú", and no step shares.
  const all = (await api('/api/v1/procedures?per_page=100')).body.items;
  for (const { code } of all) {
    const p = plain(article((await get(base, `/procedures/${code}`)).text));
    assert.match(p.split('Phí, lệ phí ')[1] ?? '', FEE, code);
    assert.doesNotMatch(p, /Xem ghi chú|% thời hạn/, code);
    assert.match(p, /Điều kiện thực hiện .+ Nơi tiếp nhận và giờ làm việc/, code);
  }
  for (const pageNo of [1, 2]) assert.doesNotMatch(plain((await get(base, `/procedures?page=${pageNo}`)).text), /Xem ghi chú/);
  const regulated = (await api('/api/v1/procedures/XB-NKXBP')).body;
  assert.equal(regulated.fee_kind, 'regulated');
  assert.match(regulated.fee_note, /^Dữ liệu mẫu: /, 'demo data without an amount says so');
});

test('form templates: every "theo mẫu" document of the demo has one; a real PDF served as an attachment', async () => {
  const all = (await api('/api/v1/procedures?per_page=100')).body.items;
  let forms = 0;
  for (const { code } of all) {
    for (const d of (await api(`/api/v1/procedures/${code}`)).body.documents) {
      if (!/theo mẫu/.test(d.name)) continue;
      assert.equal(d.form_url, `/procedures/${code}/forms/${d.position}`, `${code}: ${d.name}`);
      forms += 1;
    }
  }
  assert.ok(forms >= 10, `${forms} forms`);
  const r = await get(base, '/procedures/HT-KS/forms/1');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(r.headers['content-disposition'], /^attachment; filename="HT-KS-mau-1\.pdf"/);
  assert.equal(r.body.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(r.body.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  const dir = mkdtempSync(join(tmpdir(), 'tinhso-form-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), r.body);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-']).toString().replace(/\s+/g, ' ');
    for (const want of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Kính gửi: Ủy ban nhân dân phường Việt Trì',
      'Họ, chữ đệm, tên người được khai sinh', 'Ngày, tháng, năm sinh', 'Nơi sinh', 'NGƯỜI YÊU CẦU', 'Dữ liệu mẫu'])
      assert.ok(text.includes(want), `the form has "${want}":\n${text}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const path of ['/procedures/HT-KS/forms/2', '/procedures/HT-KS/forms/0', '/procedures/HT-KS/forms/x',
    '/procedures/HT-KS/forms/99999999999999999999', '/procedures/HT-KS/forms/-1', '/procedures/NO-SUCH/forms/1']) {
    const missing = await get(base, path);
    assert.equal(missing.status, 404, path);
    assert.match(plain(missing.text), /Không có mẫu đơn, tờ khai này/, path);
  }
  const audited = Number(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'procedure.form_upload' AND actor_name = 'demo'"));
  assert.equal(audited, forms, 'each demo form is audited');
});

// A minimal real DOCX (OOXML), built with Python's zipfile.
function docx() {
  const py = `import io, sys, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bản sao giấy tờ</w:t></w:r></w:p></w:body></w:document>')
sys.stdout.buffer.write(b.getvalue())`;
  return execFileSync('python3', ['-c', py]);
}

test('administrators: citizen information in the form; template uploads refused with 413/415/422 naming the document', async () => {
  const a = await admin();
  const info = { code: 'TEST-F', conditions: 'Có mặt khi nộp; mang theo bản chính', receipt_place: 'Tầng 1, số 2 đường Thử',
    office_hours: 'Sáng thứ Hai đến thứ Sáu', fee_kind: 'regulated', fee_vnd: '0', fee_note: 'Theo nghị quyết thử', online_submission: '1' };
  const wrong = await a.post('/admin/procedures', form({ ...info, fee_vnd: '5000' }));
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /<div class="field has-error">\s*<label for="f-fee_vnd">/);
  assert.match(plain(wrong.text), /Phí, lệ phí \(đồng\): để 0 khi chọn “Theo quy định”/);
  const mixed = await a.post('/admin/procedures', form({ ...info, online_submission: '', fully_online: '1' }));
  assert.equal(mixed.status, 422);
  assert.match(plain(mixed.text), /Nhận hồ sơ trực tuyến: thủ tục trực tuyến toàn trình/);
  assert.equal((await a.post('/admin/procedures', form(info))).status, 303);
  const d = (await api('/api/v1/procedures/TEST-F')).body;
  assert.deepEqual([d.conditions, d.receipt_place, d.office_hours, d.fee_kind, d.online_submission],
    ['Có mặt khi nộp; mang theo bản chính', 'Tầng 1, số 2 đường Thử', 'Sáng thứ Hai đến thứ Sáu', 'regulated', true]);
  const pub = plain(article((await get(base, '/procedures/TEST-F')).text));
  assert.match(pub, /Điều kiện thực hiện Có mặt khi nộp; mang theo bản chính/);
  assert.match(pub, /Phí, lệ phí Theo quy định Theo nghị quyết thử/);

  const upload = (position, file) => a.postMultipart(`/admin/procedures/TEST-F/forms/${position}`, {}, file ? [{ field: 'template', ...file }] : []);
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const refusals = [
    [{ name: 'anh.png', type: 'image/png', content: png }, 415, 'Mẫu của “Đơn đề nghị”: tệp phải là PDF, DOCX, DOC hoặc ODT.'],
    [{ name: 'gia.pdf', type: 'application/pdf', content: png }, 415, 'Mẫu của “Đơn đề nghị”: tệp phải là PDF, DOCX, DOC hoặc ODT.'],
    [{ name: 'lon.pdf', type: 'application/pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 << 20)]) }, 413,
      'Mẫu của “Đơn đề nghị”: tệp lớn hơn 5 MB.'],
    [null, 422, 'Mẫu của “Đơn đề nghị”: hãy chọn tệp mẫu đơn, tờ khai.'],
  ];
  for (const [file, status, message] of refusals) {
    const r = await upload(1, file);
    assert.equal(r.status, status, `${file?.name}: ${plain(r.text).slice(0, 300)}`);
    assert.match(r.text, /<div class="error-summary" role="alert" tabindex="-1"/);
    assert.ok(htmlText(r.text).includes(`<a href="#f-form-1">${message}</a>`), `${file?.name}: summary links the field`);
    assert.match(htmlText(r.text), /<div class="field has-error">\s*<label for="f-form-1">Mẫu cho giấy tờ số 1: Đơn đề nghị<\/label>/);
    assert.ok(plain(r.text).includes(`Lỗi: ${message}`), `${file?.name}: the message at the field`);
    assert.match(r.text, /id="f-form-1" name="template"[^>]* aria-invalid="true" aria-describedby="f-form-1-error"/);
  }
  a.cookies.set('lang', 'en');
  const en = await upload(1, { name: 'anh.png', type: 'image/png', content: png });
  a.cookies.delete('lang');
  assert.equal(en.status, 415);
  assert.match(plain(en.text), /Form for “Đơn đề nghị”: the file must be a PDF, DOCX, DOC or ODT document\./);
  // A body over the route's limit is refused before the handler: 413, or the connection closed
  // while the client is still sending.
  const flood = await upload(1, { name: 'lon.pdf', type: 'application/pdf', content: Buffer.alloc(9 << 20) })
    .catch((e) => ({ status: e.code }));
  assert.ok([413, 'EPIPE', 'ECONNRESET'].includes(flood.status), `flood: ${flood.status}`);
  await a.get('/admin/procedures/TEST-F');  // that refusal comes before the session: take the form's token again
  assert.equal(await one("SELECT COUNT(*) FROM procedure_forms f JOIN procedures p ON p.id = f.procedure_id WHERE p.code = 'TEST-F'"), '0');
  assert.equal((await a.postMultipart('/admin/procedures/TEST-F/forms/3', {}, [{ field: 'template', name: 'a.pdf', content: '%PDF-1.4' }])).status, 404);
  assert.equal((await a.postMultipart('/admin/procedures/TEST-F/forms/x', {}, [{ field: 'template', name: 'a.pdf', content: '%PDF-1.4' }])).status, 404);
  assert.equal((await a.postMultipart('/admin/procedures/NO-SUCH/forms/1', {}, [{ field: 'template', name: 'a.pdf', content: '%PDF-1.4' }])).status, 404);

  // Good files: a real PDF and a real DOCX, downloaded byte for byte with their types.
  const pdf = (await get(base, '/procedures/HT-KS/forms/1')).body;
  const ok = await upload(1, { name: 'Đơn đề nghị.pdf', type: 'application/pdf', content: pdf });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.location, '/admin/procedures/TEST-F#forms');
  const word = docx();
  assert.equal((await upload(2, { name: 'ban-sao.docx', type: 'application/octet-stream', content: word })).status, 303);
  const p1 = await get(base, '/procedures/TEST-F/forms/1');
  assert.equal(p1.headers['content-type'], 'application/pdf');
  assert.match(p1.headers['content-disposition'], /^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B\.pdf$/);
  assert.ok(p1.body.equals(pdf));
  const p2 = await get(base, '/procedures/TEST-F/forms/2');
  assert.equal(p2.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.ok(p2.body.equals(word));
  const shown = plain(article((await get(base, '/procedures/TEST-F')).text));
  assert.match(shown, /1\. Đơn đề nghị bắt buộc · theo mẫu Tải mẫu \(PDF, \d+ KB\)/);
  assert.match(shown, /2\. Bản sao giấy tờ nếu có · theo mẫu Tải mẫu \(DOCX, 1 KB\)/);
  const editPage = await a.get('/admin/procedures/TEST-F');
  assert.match(plain(editPage.text), /Đơn đề nghị\.pdf — tải lên lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} bởi admin@demo\.tinhso\.vn/);

  // Removing a template, and a document the procedure no longer has, take the file away.
  assert.equal((await a.post('/admin/procedures/TEST-F/forms/1/delete', {})).status, 303);
  assert.equal((await get(base, '/procedures/TEST-F/forms/1')).status, 404);
  assert.equal((await a.post('/admin/procedures/TEST-F/forms/1/delete', {})).status, 404);
  assert.equal((await a.post('/admin/procedures/TEST-F', form({ ...info, documents: 'Đơn đề nghị | 1' }))).status, 303);
  assert.equal((await get(base, '/procedures/TEST-F/forms/2')).status, 404);
  const audit = (await rows("SELECT action, role FROM audit_log WHERE object_id = 'TEST-F' ORDER BY seq")).map((x) => x.join(' '));
  assert.deepEqual(audit, ['procedure.create administrator', 'procedure.form_upload administrator', 'procedure.form_upload administrator',
    'procedure.form_delete administrator', 'procedure.update administrator']);
});

test('hostile parameters on the public pages and the API never give a 500', async () => {
  const paths = [
    '/procedures?q=%00', "/procedures?q=%27%20OR%201%3D1--", `/procedures?q=${'%E1%BA%A1'.repeat(300)}`, '/procedures?q=%FF%FE',
    '/procedures?q=%25%25%5F', '/procedures?field=%00&level=%3Cscript%3E&agency=%27', '/procedures?page=-1',
    '/procedures?page=99999999999999999999', '/procedures?q[]=x&q=y', '/procedures/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/procedures/..%2F..%2Fetc%2Fpasswd', '/procedures/HT-KS%00', '/procedures/HT-KS/forms/%00', '/procedures/HT-KS/forms/1%20OR%201',
    '/procedures/HT-KS/forms/1.5', '/procedures/HT-KS/forms/01', '/api/v1/procedures?q=%00&per_page=%FF', '/api/v1/procedures?page=1e9',
    '/api/v1/procedures/%3Cx%3E', '/api/v1/procedures?agency=%25',
  ];
  for (const path of paths) {
    const r = await get(base, path);
    assert.ok(r.status < 500, `${path}: ${r.status}`);
    assert.doesNotMatch(r.text, /<script>alert/, path);
  }
});

test('404 for unknown codes (page and problem+json) and 400 problems for bad API parameters', async () => {
  const page = await get(base, '/procedures/NO-SUCH');
  assert.equal(page.status, 404);
  assert.match(plain(page.text), /Không có thủ tục với mã này/);
  const r = await api('/api/v1/procedures/NO-SUCH');
  assert.equal(r.status, 404);
  assert.match(r.type, /^application\/problem\+json/);
  assert.match(r.body.detail, /Không có thủ tục với mã này/);
  const en = await api('/api/v1/procedures/NO-SUCH', { 'accept-language': 'en' });
  assert.match(en.body.detail, /There is no procedure with this code/);
  for (const [q, detail] of [['per_page=101', /per_page/], ['per_page=0', /per_page/], ['page=0', /page/],
    ['page=x', /page/], ['level=district', /level/]]) {
    const bad = await api(`/api/v1/procedures?${q}`);
    assert.equal(bad.status, 400, q);
    assert.match(bad.type, /^application\/problem\+json/, q);
    assert.match(bad.body.detail, detail, q);
  }
});

test('administrators create and edit with 422 for each invalid field, in the user\'s language; audited', async () => {
  const a = await admin();
  assert.equal((await a.get('/admin/procedures')).status, 200);
  assert.equal((await a.get('/admin/procedures/new')).status, 200);
  const invalid = [
    [{ code: 'bad code' }, /Mã thủ tục chỉ gồm/],
    [{ name: '' }, /Hãy nhập tên thủ tục/],
    [{ time_limit: '366' }, /từ 0 đến 365/],
    [{ time_limit: '-1' }, /từ 0 đến 365/],
    [{ fee_vnd: '-5' }, /số đồng không âm/],
    [{ documents: '' }, /ít nhất một thành phần hồ sơ/],
    [{ steps: 'Tiếp nhận | 20\nThẩm định | 70' }, /phải bằng 100/],
    [{ steps: 'Tiếp nhận' }, /từ 1 đến 100/],
    [{ agency: 'NO-SUCH' }, /cơ quan giải quyết có trong danh mục/],
    [{ desk_agency: '' }, /nơi tiếp nhận hồ sơ/],
    [{ level: 'district' }, /cấp tỉnh \(province\) hoặc cấp xã/],
    [{ documents: 'Đơn | 1 | javascript:alert(1)' }, /https:\/\//],
  ];
  for (const [extra, message] of invalid) {
    const r = await a.post('/admin/procedures', form(extra));
    assert.equal(r.status, 422, JSON.stringify(extra));
    assert.match(plain(r.text), message, JSON.stringify(extra));
    assert.match(r.text, /class="error-summary"/);
  }
  a.cookies.set('lang', 'en');
  const en = await a.post('/admin/procedures', form({ name: '' }));
  a.cookies.delete('lang');
  assert.equal(en.status, 422);
  assert.match(plain(en.text), /Enter the procedure's name/);
  assert.equal(await one("SELECT COUNT(*) FROM procedures WHERE code = 'TEST-1'"), '0', 'nothing stored');

  const created = await a.post('/admin/procedures', form());
  assert.equal(created.status, 303);
  assert.equal(created.headers.location, '/admin/procedures/TEST-1');
  const d = (await api('/api/v1/procedures/TEST-1')).body;
  assert.equal(d.agency.code, 'SO-KHCN');
  assert.deepEqual(d.documents.map((x) => [x.name, x.mandatory, x.template_url]),
    [['Đơn đề nghị', true, 'https://example.vn/mau.docx'], ['Bản sao giấy tờ', false, '']]);
  assert.equal(d.steps, undefined);
  assert.match(htmlText((await a.get('/admin/procedures/TEST-1')).text), /Tiếp nhận \| 20\nThẩm định \| 80/);
  assert.equal(d.fee_vnd, 50000);
  assert.equal(d.fully_online, true);
  assert.equal((await a.post('/admin/procedures', form())).status, 422, 'the code is taken');
  assert.ok((await api(`/api/v1/procedures?q=${encodeURIComponent('thu nghiem')}`)).body.items.some((i) => i.code === 'TEST-1'));

  const edit = await a.get('/admin/procedures/TEST-1');
  assert.equal(edit.status, 200);
  assert.match(htmlText(edit.text), /Đơn đề nghị \| 1 \| https:\/\/example\.vn\/mau\.docx/);
  const saved = await a.post('/admin/procedures/TEST-1', form({ code: 'IGNORED', name: 'Cấp giấy phép thử (sửa)', steps: '', fully_online: '' }));
  assert.equal(saved.status, 303);
  const e = (await api('/api/v1/procedures/TEST-1')).body;
  assert.equal(e.name, 'Cấp giấy phép thử (sửa)');
  assert.doesNotMatch(htmlText((await a.get('/admin/procedures/TEST-1')).text), /Tiếp nhận \| 20/);
  assert.equal(e.fully_online, false);
  assert.equal((await api('/api/v1/procedures/IGNORED')).status, 404, 'the code does not change');
  assert.equal((await a.post('/admin/procedures/TEST-1', form({ time_limit: 'x' }))).status, 422);
  assert.equal((await a.post('/admin/procedures/NO-SUCH', form())).status, 404);
  assert.equal((await a.get('/admin/procedures/NO-SUCH')).status, 404);

  const audit = await rows("SELECT action, before_summary, after_summary, role FROM audit_log WHERE object_type = 'procedure' AND object_id = 'TEST-1' ORDER BY seq");
  assert.deepEqual(audit.map((x) => x[0]), ['procedure.create', 'procedure.update']);
  assert.match(audit[1][1], /Cấp giấy phép thử nghiệm/);
  assert.match(audit[1][2], /Cấp giấy phép thử \(sửa\)/);
  assert.equal(audit[0][3], 'administrator');
});

test('deactivate hides a procedure from the public list; delete works without dossiers and is refused (409) with them', async () => {
  const a = await admin();
  assert.equal((await a.post('/admin/procedures', form({ code: 'TEST-2', name: 'Thủ tục ngừng áp dụng thử' }))).status, 303);
  assert.equal((await a.post('/admin/procedures/TEST-2/active', { active: '0' })).status, 303);
  assert.equal((await api('/api/v1/procedures?q=ngung+ap+dung+thu')).body.total, 0);
  const page = await get(base, '/procedures/TEST-2');
  assert.equal(page.status, 200);
  assert.match(plain(page.text), /đã ngừng áp dụng/);
  assert.doesNotMatch(page.text, /dossiers\/new/);
  assert.equal((await api('/api/v1/procedures/TEST-2')).body.active, false);
  assert.match(plain((await a.get('/admin/procedures?q=ngung')).text), /Ngừng áp dụng/);
  assert.equal((await a.post('/admin/procedures/TEST-2/active', { active: '1' })).status, 303);
  assert.equal((await api('/api/v1/procedures?q=ngung+ap+dung+thu')).body.total, 1);

  // A row of another table refers to the procedure (as a dossier would): delete is refused.
  await t.db.exec('CREATE TABLE test_procedure_refs (procedure_id BIGINT NOT NULL REFERENCES procedures (id))');
  await t.db.exec("INSERT INTO test_procedure_refs (procedure_id) SELECT id FROM procedures WHERE code = 'TEST-2'");
  const refused = await a.post('/admin/procedures/TEST-2/delete', {});
  assert.equal(refused.status, 409);
  assert.match(plain(refused.text), /ngừng áp dụng thủ tục thay vì xóa/);
  assert.equal(await one("SELECT COUNT(*) FROM procedures WHERE code = 'TEST-2'"), '1');
  await t.db.exec('DELETE FROM test_procedure_refs');
  assert.equal((await a.post('/admin/procedures/TEST-2/delete', {})).status, 303);
  assert.equal((await api('/api/v1/procedures/TEST-2')).status, 404);
  assert.equal(await one("SELECT COUNT(*) FROM procedure_documents d WHERE NOT EXISTS (SELECT 1 FROM procedures p WHERE p.id = d.procedure_id)"), '0');
  assert.equal((await a.post('/admin/procedures/TEST-2/delete', {})).status, 404);
  const actions = (await rows("SELECT action FROM audit_log WHERE object_id = 'TEST-2' ORDER BY seq")).map((x) => x[0]);
  assert.deepEqual(actions, ['procedure.create', 'procedure.deactivate', 'procedure.activate', 'procedure.delete']);
});

const CSV_HEADER = 'code,name,name_en,field,level,agency_code,desk_agency_code,time_limit_working_days,fee_vnd,fee_note,legal_basis,fully_online,active,documents,steps\n';

test('import: CSV and JSON upserted by code, all or nothing, problems by line; audited', async () => {
  const a = await admin();
  assert.equal((await a.get('/admin/procedures/import')).status, 200);
  const csv = `${CSV_HEADER}IMP-1,Thủ tục nhập CSV,,Thử nghiệm,commune,UBND-P-VIET-TRI,UBND-P-VIET-TRI,3,0,,,false,true,"Tờ khai | 1\nẢnh | 0","Tiếp nhận | 50\nGiải quyết | 50"\n`
    + 'HT-KS,Đăng ký khai sinh,Birth registration,Hộ tịch,commune,UBND-P-VIET-TRI,UBND-P-VIET-TRI,1,0,,Thử cập nhật,true,true,Tờ khai | 1,\n';
  const ok = await a.postMultipart('/admin/procedures/import', {}, { name: 'p.csv', content: csv });
  assert.equal(ok.status, 200, plain(ok.text).slice(0, 400));
  assert.match(plain(ok.text), /1 thủ tục mới, 1 cập nhật, 0 không đổi/);
  assert.equal((await api('/api/v1/procedures/HT-KS')).body.time_limit_working_days, 1);
  assert.equal((await api('/api/v1/procedures/IMP-1')).body.documents.length, 2);
  const again = await a.postMultipart('/admin/procedures/import', {}, { name: 'p.csv', content: csv });
  assert.match(plain(again.text), /0 thủ tục mới, 0 cập nhật, 2 không đổi/);

  const bad = `${CSV_HEADER}IMP-2,Hợp lệ,,Thử nghiệm,commune,UBND-P-VIET-TRI,UBND-P-VIET-TRI,3,0,,,false,true,Tờ khai | 1,\n`
    + 'IMP-3,Sai,,Thử nghiệm,commune,NO-SUCH,UBND-P-VIET-TRI,3,0,,,false,true,Tờ khai | 1,\n'
    + 'IMP-4,Sai nữa,,Thử nghiệm,commune,UBND-P-VIET-TRI,UBND-P-VIET-TRI,400,0,,,false,true,Tờ khai | 1,"A | 60"\n';
  const refused = await a.postMultipart('/admin/procedures/import', {}, { name: 'p.csv', content: bad });
  assert.equal(refused.status, 422);
  const text = plain(refused.text);
  assert.match(text, /Dòng 3 \(IMP-3\): Hãy chọn cơ quan giải quyết/);
  assert.match(text, /Dòng 4 \(IMP-4\): Thời hạn giải quyết là số ngày từ 0 đến 365/);
  assert.match(text, /Dòng 4 \(IMP-4\): Tổng tỷ lệ/);
  assert.equal((await api('/api/v1/procedures/IMP-2')).status, 404, 'nothing of a refused file is kept');

  const json = JSON.stringify({ procedures: [{
    code: 'IMP-5', name: 'Thủ tục nhập JSON', field: 'Thử nghiệm', level: 'province', agency_code: 'SO-KHCN',
    desk_agency_code: 'TTHCC', time_limit_working_days: 7, fee_vnd: 1000, fully_online: true,
    documents: [{ name: 'Đơn', mandatory: true, template_url: '/mau.pdf' }], steps: [{ name: 'Xử lý', share_percent: 100 }],
  }] });
  const j = await a.postMultipart('/admin/procedures/import', { text: json }, []);
  assert.equal(j.status, 200, plain(j.text).slice(0, 400));
  assert.equal((await api('/api/v1/procedures/IMP-5')).body.documents[0].template_url, '/mau.pdf');
  const badJson = await a.postMultipart('/admin/procedures/import', {}, { name: 'p.json', type: 'application/json',
    content: JSON.stringify([{ code: 'IMP-6', name: 'X', field: 'F', level: 'province', agency_code: 'SO-KHCN',
      desk_agency_code: 'TTHCC', time_limit_working_days: 'ba', documents: [] }]) });
  assert.equal(badJson.status, 422);
  assert.match(plain(badJson.text), /Thủ tục thứ 1 \(IMP-6\): Thời hạn giải quyết/);
  assert.match(plain(badJson.text), /Thủ tục thứ 1 \(IMP-6\): Hãy nhập ít nhất một thành phần hồ sơ/);
  const syntax = await a.postMultipart('/admin/procedures/import', { text: '{"procedures": [' }, []);
  assert.equal(syntax.status, 422);
  assert.match(plain(syntax.text), /sai cú pháp/);

  const audit = (await rows("SELECT object_id FROM audit_log WHERE action = 'procedure.import' AND role = 'administrator' ORDER BY seq")).map((x) => x[0]);
  assert.deepEqual(audit, ['IMP-1', 'HT-KS', 'IMP-5']);
});

test('export: CSV and JSON of the whole catalogue import back unchanged', async () => {
  const a = await admin();
  for (const [path, type] of [['/admin/procedures/export.csv', /^text\/csv/], ['/admin/procedures/export.json', /^application\/json/]]) {
    const r = await a.get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers['content-type'], type);
    assert.match(r.headers['content-disposition'], /attachment; filename="procedures\.(csv|json)"/);
    const total = Number(await one('SELECT COUNT(*) FROM procedures'));
    const back = await a.postMultipart('/admin/procedures/import', {}, { name: path.split('/').pop(), content: r.text });
    assert.equal(back.status, 200, `${path}: ${plain(back.text).slice(0, 400)}`);
    assert.match(plain(back.text), new RegExp(`0 thủ tục mới, 0 cập nhật, ${total} không đổi`), path);
  }
  const csv = (await a.get('/admin/procedures/export.csv')).text;
  assert.ok(csv.startsWith('\uFEFFcode,name,name_en,field,level'));
  assert.match(csv, /"HT-KS","Đăng ký khai sinh"/);
});

test('administrators only: others are refused, anonymous are sent to sign in', async () => {
  const anon = await get(base, '/admin/procedures');
  assert.equal(anon.status, 303);
  assert.match(anon.headers.location, /^\/login/);
  const citizen = await signInFully(base, 'citizen@demo.tinhso.vn', ADMIN.password);
  assert.equal((await citizen.get('/admin/procedures/export.json')).status, 403);
  assert.equal((await citizen.post('/admin/procedures', form({ code: 'TEST-3' }))).status, 403);
  assert.equal((await api('/api/v1/procedures/TEST-3')).status, 404);
});

// Issue 12 finding 13: "N ngày" in the law is N calendar days (Civil Code 2015 Art. 147–148),
// stored with its unit — not converted to fewer working days.
test('a time limit has its unit: calendar days stay days on the page, in the API, import and export', async () => {
  for (const [code, amount] of [['LLTP-CP', 10], ['DT-GCNDKDT', 15], ['XD-GPXD', 15], ['XB-TLHC', 10]]) {
    const p = (await api(`/api/v1/procedures/${code}`)).body;
    assert.deepEqual([p.time_limit_working_days, p.time_limit_unit], [amount, 'days'], code);
    const page = plain((await get(base, `/procedures/${code}`)).text);
    assert.match(page, new RegExp(`Thời hạn giải quyết ${amount} ngày(?! làm việc)`), code);
  }
  assert.equal((await api('/api/v1/procedures/XB-TLKKD')).body.time_limit_unit, 'working_days');
  assert.match(plain((await get(base, '/procedures/XB-TLKKD')).text), /10 ngày làm việc/);
  const listed = (await api('/api/v1/procedures?q=ly%20lich%20tu%20phap')).body.items.find((i) => i.code === 'LLTP-CP');
  assert.equal(listed.time_limit_unit, 'days');

  const a = await admin();
  const header = 'code,name,field,level,agency_code,desk_agency_code,time_limit_working_days,time_limit_unit,documents\n';
  const csv = `${header}UNIT-1,Thủ tục ngày lịch,Thử nghiệm,province,SO-KHCN,TTHCC,10,days,Đơn | 1\n`
    + 'UNIT-2,Thủ tục ngày làm việc,Thử nghiệm,province,SO-KHCN,TTHCC,10,,Đơn | 1\n';
  const ok = await a.postMultipart('/admin/procedures/import', {}, { name: 'u.csv', content: csv });
  assert.equal(ok.status, 200, plain(ok.text).slice(0, 400));
  assert.equal((await api('/api/v1/procedures/UNIT-1')).body.time_limit_unit, 'days');
  assert.equal((await api('/api/v1/procedures/UNIT-2')).body.time_limit_unit, 'working_days', 'left empty: working days');
  const bad = await a.postMultipart('/admin/procedures/import', {},
    { name: 'u.csv', content: `${header}UNIT-3,Sai đơn vị,Thử nghiệm,province,SO-KHCN,TTHCC,10,weeks,Đơn | 1\n` });
  assert.equal(bad.status, 422);
  assert.match(plain(bad.text), /Dòng 2 \(UNIT-3\): Đơn vị thời hạn/);
  const exported = (await a.get('/admin/procedures/export.csv')).text;
  assert.match(exported.split('\r\n')[0], /time_limit_working_days,time_limit_unit,/);
  assert.match(exported, /"UNIT-1",[^\n]*"10","days"/);
  const exportedJson = JSON.parse((await a.get('/admin/procedures/export.json')).text);
  assert.equal(exportedJson.procedures.find((p) => p.code === 'LLTP-CP').time_limit_unit, 'days');
  // The form: a unit to choose; a bad one is a 422 in the user's language.
  const formPage = await a.get('/admin/procedures/new');
  assert.match(formPage.text, /<select id="f-time_limit_unit" name="time_limit_unit">/);
  const created = await a.post('/admin/procedures', form({ code: 'UNIT-4', time_limit: '15', time_limit_unit: 'days' }));
  assert.equal(created.status, 303, plain(created.text).slice(0, 300));
  assert.equal((await api('/api/v1/procedures/UNIT-4')).body.time_limit_unit, 'days');
  const refused = await a.post('/admin/procedures', form({ code: 'UNIT-5', time_limit_unit: 'weeks' }));
  assert.equal(refused.status, 422);
  assert.match(plain(refused.text), /Đơn vị thời hạn/);
});
