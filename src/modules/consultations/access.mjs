// The consultations module (issue 18) for the access and CSRF matrices (format:
// tests/http/access-matrix.test.mjs). Permissions (permissions.h): a published consultation is
// everyone's to read; drafts, the officers' pages and every step of the drafting agency are its
// specialists' and leaders' (the demo's SO-KHCN officers for the consultations prepared here; the
// province leader opens the desk and a draft's page but changes nothing); comments, agreements,
// answers to questions, subscriptions and the organisation's profile are signed-in citizens'.
// prepare() adds SO-KHCN consultations in the states the cells need — one draft per allowed role
// (each edits, asks, removes a question and publishes its own), an open one with a farmer's
// comments (each role hides and answers its own), a closed one per role (each publishes its own
// report) and a closed one never reported (its report is a preview for the officers only).
const MANAGERS = ['specialist', 'agency_leader'];
const DESK = ['specialist', 'agency_leader', 'province_leader'];
const PARTICIPANTS = ['citizen'];
const PDF = '%PDF-1.4\n%%EOF\n';
const mine = (fx, s, l) => (fx.role === 'agency_leader' ? l : s);

export async function prepare(t) {
  const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
  const khcn = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  const farmer = await one("SELECT id FROM accounts WHERE email = 'nongdan@demo.tinhso.vn'");
  const consultation = async (state, opens, closes, title) => {
    const id = await one('INSERT INTO consultations (title, title_fold, agency_id, kind, opens_at, closes_at, state,'
      + ` published_at, created_at) VALUES ('${title}', 'ma tran', ${khcn}, 'policy', '${opens}', '${closes}', '${state}',`
      + ` ${state === 'published' ? "'2000-01-01T00:00:00Z'" : 'NULL'}, '2000-01-01T00:00:00Z') RETURNING id`);
    const version = await one('INSERT INTO consultation_versions (consultation_id, number, created_at)'
      + ` VALUES (${id}, 1, '2000-01-01T00:00:00Z') RETURNING id`);
    await t.db.exec('INSERT INTO consultation_units (version_id, seq, kind, number, heading, body, anchor, parent, depth, within)'
      + ` VALUES (${version}, 1, 'article', '1', 'Phạm vi', '', 'dieu-1', '', 0, ''),`
      + ` (${version}, 2, 'clause', '1', '', 'Nội dung ma trận.', 'dieu-1-khoan-1', 'dieu-1', 1, 'Điều 1')`);
    return id;
  };
  const question = async (c) => {
    const q = await one('INSERT INTO consultation_questions (consultation_id, seq, text, multiple, allow_other)'
      + ` VALUES (${c}, 1, 'Câu hỏi ma trận', FALSE, FALSE) RETURNING id`);
    await t.db.exec(`INSERT INTO consultation_options (question_id, seq, text) VALUES (${q}, 1, 'Có'), (${q}, 2, 'Không')`);
    return q;
  };
  const comment = async (c) => one('INSERT INTO consultation_comments (consultation_id, version_number, anchor, account_id,'
    + ` author_name, body, body_fold, created_at) VALUES (${c}, 1, 'dieu-1', ${farmer}, 'Lê Văn Hải', 'Góp ý ma trận',`
    + ` 'gop y ma tran', '2000-01-02T00:00:00Z') RETURNING id`);
  const FUTURE = ['2190-01-01T01:00:00Z', '2190-03-01T01:00:00Z'];
  const OPEN = ['2000-01-01T00:00:00Z', '2190-01-01T00:00:00Z'];
  const CLOSED = ['2000-01-01T00:00:00Z', '2000-02-01T00:00:00Z'];
  const draftS = await consultation('draft', ...FUTURE, 'Dự thảo ma trận S');
  const draftL = await consultation('draft', ...FUTURE, 'Dự thảo ma trận L');
  const draftView = await consultation('draft', ...FUTURE, 'Dự thảo ma trận chỉ xem');
  const open = await consultation('published', ...OPEN, 'Lấy ý kiến ma trận');
  const openQuestion = await question(open);
  const file = await one('INSERT INTO consultation_files (consultation_id, role, file_name, content_type, size, sha256,'
    + ` content, created_at) VALUES (${open}, 'explanatory', 'to-trinh.pdf', 'application/pdf', 15, '',`
    + ` '${Buffer.from(PDF).toString('base64')}', '2000-01-01T00:00:00Z') RETURNING id`);
  const commented = await comment(open);
  const commentFile = await one('INSERT INTO consultation_comment_files (comment_id, file_name, content_type, size,'
    + ` sha256, content) VALUES (${commented}, 'anh.pdf', 'application/pdf', 15, '',`
    + ` '${Buffer.from(PDF).toString('base64')}') RETURNING id`);
  return {
    cKhcn: khcn,
    cDraftS: draftS,
    cDraftL: draftL,
    cDraftView: draftView,
    cQuestionS: await question(draftS),
    cQuestionL: await question(draftL),
    cOpen: open,
    cOpenQuestion: openQuestion,
    cOpenOption: await one(`SELECT MIN(id) FROM consultation_options WHERE question_id = ${openQuestion}`),
    cFile: file,
    cComment: commented,
    cCommentFile: commentFile,
    cHideS: await comment(open),
    cHideL: await comment(open),
    cClosedS: await consultation('published', ...CLOSED, 'Đã đóng ma trận S'),
    cClosedL: await consultation('published', ...CLOSED, 'Đã đóng ma trận L'),
    cPreview: await consultation('published', ...CLOSED, 'Chưa công bố báo cáo'),
    cReported: await one("SELECT MIN(id) FROM consultations WHERE report_published_at IS NOT NULL"),
  };
}

const details = (fx) => ({ title: `Dự thảo ma trận ${fx.role}`, agency: fx.cKhcn, kind: 'policy',
  opens: '2190-01-01T08:00', closes: '2190-03-01T08:00', wide: '1' });

export const routes = [
  // Public reading.
  { method: 'GET', path: () => '/consultations', allow: 'everyone' },
  { method: 'GET', path: () => '/consultations?phase=open&q=ma+tran', allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/general`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/units/dieu-1`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/comments/${fx.cComment}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/comments.csv`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/files/${fx.cFile}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/comments/${fx.cComment}/files/${fx.cCommentFile}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/versions`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cReported}/report.pdf`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/consultations/${fx.cReported}/report.xlsx`, allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/consultations', allow: 'everyone' },
  { method: 'GET', path: (fx) => `/api/v1/consultations/${fx.cOpen}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/api/v1/consultations/${fx.cOpen}/comments?unit=dieu-1`, allow: 'everyone' },
  // A draft and an unpublished report: the drafting agency's officers (others: 404 or 403).
  { method: 'GET', path: (fx) => `/consultations/${fx.cDraftView}`, allow: DESK, hidden: true },
  { method: 'GET', path: (fx) => `/consultations/${fx.cPreview}/report.pdf`, allow: MANAGERS, hidden: true },
  { method: 'GET', path: (fx) => `/consultations/${fx.cPreview}/report.xlsx`, allow: MANAGERS, hidden: true },
  // Taking part.
  { method: 'GET', path: () => '/consultations/notices', allow: 'signed-in', own: 'no-others' },
  { method: 'GET', path: () => '/consultations/subscriptions', allow: PARTICIPANTS },
  { method: 'POST', path: () => '/consultations/subscriptions', allow: PARTICIPANTS, stateChanging: true,
    form: (fx) => ({ scope: 'consultation', value: fx.cOpen }) },
  { method: 'GET', path: () => '/consultations/organisation', allow: PARTICIPANTS },
  { method: 'POST', path: () => '/consultations/organisation', allow: PARTICIPANTS, stateChanging: true,
    form: () => ({ name: 'Hội Nông dân ma trận', representative: 'Nguyễn Thị Lan' }) },
  { method: 'POST', path: (fx) => `/consultations/${fx.cOpen}/comments`, allow: PARTICIPANTS, stateChanging: true,
    form: () => ({ target: 'dieu-1-khoan-1', comment: 'Góp ý của ma trận' }),
    multipart: () => [{ name: 'anh.pdf', content: PDF, type: 'application/pdf', field: 'files' }] },
  { method: 'POST', path: (fx) => `/consultations/${fx.cOpen}/comments/${fx.cComment}/agree`, allow: PARTICIPANTS,
    stateChanging: true, form: () => ({}) },
  { method: 'POST', path: (fx) => `/consultations/${fx.cOpen}/responses`, allow: PARTICIPANTS, stateChanging: true,
    form: (fx) => ({ [`q_${fx.cOpenQuestion}`]: fx.cOpenOption }) },
  // The drafting agency.
  { method: 'GET', path: () => '/consultations/manage', allow: DESK },
  { method: 'GET', path: () => '/consultations/new', allow: MANAGERS },
  { method: 'POST', path: () => '/consultations/new', allow: MANAGERS, stateChanging: true, form: details,
    multipart: () => [{ name: 'du-thao.txt', content: 'Điều 1. Phạm vi\nNội dung ma trận.\n', type: 'text/plain', field: 'draft' }] },
  { method: 'GET', path: (fx) => `/consultations/${fx.cDraftView}/manage`, allow: DESK },
  { method: 'GET', path: (fx) => `/consultations/${mine(fx, fx.cDraftS, fx.cDraftL)}/edit`, allow: MANAGERS },
  { method: 'POST', path: (fx) => `/consultations/${mine(fx, fx.cDraftS, fx.cDraftL)}/edit`, allow: MANAGERS,
    stateChanging: true, form: (fx) => ({ ...details(fx), version: '1' }) },
  { method: 'GET', path: (fx) => `/consultations/${fx.cDraftView}/draft`, allow: MANAGERS },
  { method: 'POST', path: (fx) => `/consultations/${mine(fx, fx.cDraftS, fx.cDraftL)}/draft`, allow: MANAGERS,
    stateChanging: true, form: () => ({ text: 'Điều 1. Phạm vi\n1. Nội dung ma trận.\n' }), multipart: () => [] },
  { method: 'POST', path: (fx) => `/consultations/${mine(fx, fx.cDraftS, fx.cDraftL)}/questions`, allow: MANAGERS,
    stateChanging: true, form: () => ({ text: 'Câu hỏi thêm', items: 'Có\nKhông' }) },
  { method: 'POST', path: (fx) => `/consultations/${mine(fx, fx.cDraftS, fx.cDraftL)}/questions/${mine(fx, fx.cQuestionS, fx.cQuestionL)}/delete`,
    allow: MANAGERS, stateChanging: true, form: () => ({}) },
  { method: 'POST', path: (fx) => `/consultations/${fx.cOpen}/files`, allow: MANAGERS, stateChanging: true,
    form: () => ({ role: 'other' }), multipart: () => [{ name: 'phu-luc.pdf', content: PDF, type: 'application/pdf', field: 'file' }] },
  { method: 'POST', path: (fx) => `/consultations/${mine(fx, fx.cDraftS, fx.cDraftL)}/publish`, allow: MANAGERS,
    stateChanging: true, form: () => ({ version: '2' }) },
  { method: 'POST', path: (fx) => `/consultations/${fx.cOpen}/comments/${mine(fx, fx.cHideS, fx.cHideL)}/hide`,
    allow: MANAGERS, stateChanging: true, form: () => ({ reason: 'Ma trận: công kích cá nhân' }) },
  { method: 'GET', path: (fx) => `/consultations/${fx.cOpen}/answers`, allow: MANAGERS },
  { method: 'POST', path: (fx) => `/consultations/${fx.cOpen}/answers`, allow: MANAGERS, stateChanging: true,
    form: (fx) => ({ comment_ids: fx.cComment, kind: 'explained', text: 'Giải trình ma trận', changed: '' }) },
  { method: 'POST', path: (fx) => `/consultations/${mine(fx, fx.cClosedS, fx.cClosedL)}/report`, allow: MANAGERS,
    stateChanging: true, form: () => ({ note: 'Kết luận ma trận' }) },
];
