// The routes of one dossier, for the access and CSRF matrices (format: tests/http/access-matrix.test.mjs):
// every page, download and action of the dossiers module that needs an existing dossier or
// draft, exercised on the demo dossiers (src/modules/dossiers/demo.cpp: the demo citizen's
// dossiers of SO-TTTT's procedures at the TTHCC desk, some in each state). Each allowed POST
// consumes a dossier in the state it needs, so the rows are ordered as the roles run them:
// citizen, one_stop_officer, specialist, agency_leader. Denied cells answer 403 (wrong role)
// or 404 (right role, another agency's or person's dossier).
const CITIZEN = ['citizen'];
const DESK = ['one_stop_officer'];
const LEADER = ['agency_leader'];
const VIEWERS = ['citizen', 'one_stop_officer', 'specialist', 'agency_leader'];
// A dossier not assigned to the demo specialist: least privilege (issue 12 finding 10), the
// specialist of the handling agency does not read it, its leader and the desk do.
const UNASSIGNED_VIEWERS = ['citizen', 'one_stop_officer', 'agency_leader'];
const WORK = ['one_stop_officer', 'specialist', 'agency_leader'];
const PDF = { name: 'to-khai.pdf', content: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), type: 'application/pdf' };
const APPLICANT = {
  applicant_name: 'Nguyễn Thị Lan',
  applicant_email: 'citizen@demo.tinhso.vn',
  applicant_phone: '0912345678',
  applicant_id_number: '025190001234',
  applicant_address: 'Phường Vĩnh Phúc, tỉnh Phú Thọ',
  details: 'Đề nghị cấp giấy phép',
};
let keys = 0;
const key = () => `matrix-${Date.now()}-${++keys}-abcdefgh`;

export async function prepare(t) {
  const rows = async (sql) => (await t.db.exec(sql)).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
  const by = {};
  for (const [id, code, state] of await rows(
    "SELECT id, COALESCE(code, ''), state FROM dossiers WHERE idempotency_key LIKE 'demo-dossier-%' ORDER BY id")) {
    (by[state] ||= []).push({ id, code });
  }
  const one = async (sql) => (await rows(sql))[0]?.[0];
  const returned = by.returned[0];
  const fx = {
    draft: by.draft.map((d) => d.id),
    submitted: by.submitted.map((d) => d.code),
    supplementRequested: by.supplement_requested[0].code,
    received: by.received.map((d) => d.code),
    processing: by.processing[0].code,
    proposed: by.proposed.map((d) => d.code),
    approved: by.approved[0].code,
    returned: returned.code,
    receiptFile: await one(`SELECT id FROM dossier_files WHERE dossier_id = ${returned.id} AND role = 'receipt'`),
    unassignedReceipt: await one(`SELECT id FROM dossier_files WHERE dossier_id = ${by.supplement_requested[0].id} AND role = 'receipt'`),
    resultFile: await one(`SELECT id FROM dossier_files WHERE dossier_id = ${returned.id} AND role = 'result'`),
    draftFile: await one(`SELECT id FROM dossier_files WHERE dossier_id = ${by.draft[0].id} ORDER BY id`),
    specialist: await one("SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'"),
    otherAgency: await one("SELECT id FROM agencies WHERE code = 'SO-TC'"),  // SO-KHDT ended on 30/6/2025
    counterDocs: (await rows("SELECT d.id FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id"
      + " WHERE p.code = 'XB-TLHC' AND d.mandatory = TRUE ORDER BY d.position")).map((r) => r[0]),
  };
  // The apology's new date: a working day well after the processing dossier's due date.
  const due = await one(`SELECT due_date FROM dossiers WHERE code = '${fx.processing}'`);
  const r = await fetch(`${t.srv.url}/api/v1/calendar/due?from=${due}&working_days=5`);
  fx.apologyDate = (await r.json()).due;
  return fx;
}

export const routes = [
  // The citizen's drafts: pages first, then the changes that end them.
  { method: 'GET', path: (fx) => `/dossiers/drafts/${fx.draft[0]}`, allow: CITIZEN, hidden: true, own: 'no-others' },
  { method: 'GET', path: (fx) => `/dossiers/drafts/${fx.draft[0]}/review`, allow: CITIZEN, hidden: true },
  { method: 'GET', path: (fx) => `/dossiers/drafts/${fx.draft[0]}/files/${fx.draftFile}`, allow: CITIZEN, hidden: true },
  { method: 'GET', path: (fx) => `/api/v1/dossiers/drafts/${fx.draft[0]}`, allow: CITIZEN, hidden: true },
  { method: 'GET', path: () => '/api/v1/dossiers/mine', allow: CITIZEN },
  {
    method: 'POST', path: () => '/dossiers', allow: CITIZEN, stateChanging: true,
    form: () => ({ procedure: 'XB-TLHC', idempotency_key: key(), intent: 'draft', ...APPLICANT }), multipart: () => [],
  },
  {
    method: 'POST', path: (fx) => `/dossiers/drafts/${fx.draft[0]}`, allow: CITIZEN, hidden: true, stateChanging: true,
    form: () => ({ intent: 'draft', ...APPLICANT }), multipart: () => [],
  },
  {
    method: 'POST', path: (fx) => `/api/v1/dossiers/drafts/${fx.draft[0]}/files`, allow: CITIZEN, hidden: true,
    stateChanging: true, multipart: () => [{ ...PDF, field: 'file' }],
  },
  { method: 'POST', path: (fx) => `/api/v1/dossiers/drafts/${fx.draft[0]}/submit`, allow: CITIZEN, hidden: true, stateChanging: true, json: () => ({}) },
  { method: 'POST', path: (fx) => `/dossiers/drafts/${fx.draft[1]}/submit`, allow: CITIZEN, hidden: true, stateChanging: true },
  { method: 'POST', path: (fx) => `/dossiers/drafts/${fx.draft[2]}/delete`, allow: CITIZEN, hidden: true, stateChanging: true },
  {
    method: 'POST', path: () => '/api/v1/dossiers', allow: CITIZEN, stateChanging: true,
    json: () => ({ procedure: 'XB-TLHC', ...APPLICANT }), headers: () => ({ 'idempotency-key': key() }),
  },
  // One dossier, seen by the applicant, its desk, its handling agency's leaders and its assignee.
  { method: 'GET', path: (fx) => `/dossiers/${fx.returned}`, allow: VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/dossiers/${fx.returned}/files/${fx.receiptFile}`, allow: VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/dossiers/${fx.returned}/files/${fx.resultFile}`, allow: VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/api/v1/dossiers/${fx.returned}`, allow: VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/dossiers/${fx.supplementRequested}`, allow: UNASSIGNED_VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/dossiers/${fx.supplementRequested}/files/${fx.unassignedReceipt}`, allow: UNASSIGNED_VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/api/v1/dossiers/${fx.supplementRequested}`, allow: UNASSIGNED_VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/work/dossiers/${fx.supplementRequested}`, allow: ['one_stop_officer', 'agency_leader'], hidden: true },
  { method: 'GET', path: (fx) => `/api/v1/dossiers/lookup?code=${fx.returned}&key=5678`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/desk/dossiers/${fx.returned}`, allow: DESK, hidden: true },
  { method: 'GET', path: (fx) => `/work/dossiers/${fx.returned}`, allow: WORK, hidden: true },
  { method: 'GET', path: (fx) => `/work/dossiers/${fx.returned}/files/${fx.resultFile}`, allow: WORK, hidden: true },
  // The applicant's actions.
  {
    method: 'POST', path: (fx) => `/dossiers/${fx.supplementRequested}/supplement`, allow: CITIZEN, hidden: true,
    stateChanging: true, form: () => ({ note: 'Bổ sung bản thảo có chữ ký' }), multipart: () => [{ ...PDF, field: 'file' }],
  },
  { method: 'POST', path: (fx) => `/dossiers/${fx.returned}/rating`, allow: CITIZEN, hidden: true, stateChanging: true, form: () => ({ score: '5', comment: 'Nhanh, đúng hẹn' }) },
  // The one-stop desk.
  { method: 'POST', path: (fx) => `/desk/dossiers/${fx.submitted[0]}/receive`, allow: DESK, hidden: true, stateChanging: true },
  { method: 'POST', path: (fx) => `/desk/dossiers/${fx.submitted[1]}/refuse`, allow: DESK, hidden: true, stateChanging: true, form: () => ({ reason: 'Không thuộc thẩm quyền' }) },
  { method: 'POST', path: (fx) => `/desk/dossiers/${fx.submitted[2]}/request-supplement`, allow: DESK, hidden: true, stateChanging: true, form: () => ({ items: 'Bản sao giấy phép thành lập' }) },
  { method: 'POST', path: (fx) => `/work/dossiers/${fx.approved}/return-result`, allow: DESK, hidden: true, stateChanging: true },
  {
    method: 'POST', path: () => '/desk/new', allow: DESK, stateChanging: true,
    form: () => ({ procedure: 'XB-TLHC', idempotency_key: key(), ...APPLICANT }),
    multipart: (fx) => fx.counterDocs.map((id) => ({ ...PDF, field: `doc_${id}` })),
  },
  // The handling agency: the specialist proposes, the leader decides.
  {
    method: 'POST', path: (fx) => `/work/dossiers/${fx.processing}/propose`, allow: ['specialist'], hidden: true,
    stateChanging: true, form: () => ({ note: 'Đủ điều kiện' }), multipart: () => [{ ...PDF, name: 'giay-phep.pdf', field: 'file' }],
  },
  { method: 'POST', path: (fx) => `/work/dossiers/${fx.received[0]}/assign`, allow: LEADER, hidden: true, stateChanging: true, form: (fx) => ({ assignee_id: fx.specialist }) },
  { method: 'POST', path: (fx) => `/work/dossiers/${fx.received[1]}/transfer`, allow: LEADER, hidden: true, stateChanging: true, form: (fx) => ({ agency_id: fx.otherAgency, note: 'Cần Sở Tài chính cho ý kiến' }) },
  { method: 'POST', path: (fx) => `/work/dossiers/${fx.proposed[0]}/approve`, allow: LEADER, hidden: true, stateChanging: true },
  { method: 'POST', path: (fx) => `/work/dossiers/${fx.proposed[1]}/send-back`, allow: LEADER, hidden: true, stateChanging: true, form: () => ({ note: 'Bổ sung căn cứ pháp lý' }) },
  { method: 'POST', path: (fx) => `/work/dossiers/${fx.processing}/apology`, allow: LEADER, hidden: true, stateChanging: true, form: (fx) => ({ reason: 'Cần xác minh thêm', new_date: fx.apologyDate }) },
];
