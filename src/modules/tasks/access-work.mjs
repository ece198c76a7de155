// The working pages of the tasks module (pages_work.h) for the access and CSRF matrices (format:
// tests/http/access-matrix.test.mjs), on the demo's documents and tasks (data/tasks/demo.json).
// Permissions (permissions.h): documents and assignments are the assigning office's — the
// province leader for the demo's UBND-TINH documents (the demo specialist and leader of SO-KHCN
// record documents of their own office only); a task is seen by its assigner, its lead body's
// officers and the province leader; a step is the part's the transition table names; a split is
// the lead body's leader's. Each allowed POST makes something new or takes a step no other cell
// needs: a document per role (prepare adds a report's file for the download) (its own number), a task per assignment, a sub-task, and the
// cancellation of a task no other role may see. A document's signed file (migration 006): the
// assigning office attaches or replaces it and downloads any version; the current file of a public
// document is everyone's (prepare adds one to the demo's 412-TB/TU, which no other cell touches).
const RECORDERS = ['province_leader', 'agency_leader', 'specialist'];
const LEADERS_OFFICE = ['province_leader'];
const LEAD_VIEWERS = ['province_leader', 'agency_leader', 'specialist'];
const LEAD_OFFICERS = ['agency_leader', 'specialist'];
const SIGNED = { name: 'ma-tran.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf', field: 'file' };

export async function prepare(t) {
  const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
  const province = await one("SELECT id FROM agencies WHERE code = 'UBND-TINH'");
  const khcn = await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'");
  const document = await one(`SELECT MIN(id) FROM task_documents WHERE issuer_agency_id = ${province}`);
  const elsewhere = await one(`SELECT MIN(id) FROM tasks t WHERE t.assigner_agency_id = ${province} AND t.parent_id IS NULL`
    + ` AND t.lead_agency_id <> ${khcn} AND t.state IN ('assigned', 'acknowledged')`
    + ` AND NOT EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.agency_id = ${khcn})`);
  const ofKhcn = await one(`SELECT MIN(id) FROM tasks WHERE lead_agency_id = ${khcn} AND parent_id IS NULL`
    + " AND state IN ('assigned', 'acknowledged')");
  // A report's file on that task (migration 004), for the download's row.
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
  await t.db.exec(`INSERT INTO task_report_files (task_id, action, on_day, file_name, content_type, size, sha256, content, created_at)`
    + ` VALUES (${ofKhcn}, 'report_progress', '2026-01-05', 'ma-tran.pdf', 'application/pdf', 15, '', '${pdf}', '2026-01-05T00:00:00Z')`);
  // A signed file on the province's document (replaced by the attach cells, still downloadable
  // there) and the current one of the public notice 412-TB/TU (migration 006).
  const publicDoc = await one("SELECT id FROM task_documents WHERE number = '412-TB/TU'");
  for (const doc of [document, publicDoc])
    await t.db.exec(`INSERT INTO task_document_files (document_id, file_name, content_type, size, sha256, content, created_at)`
      + ` VALUES (${doc}, 'van-ban.pdf', 'application/pdf', 15, '', '${pdf}', '2026-01-05T00:00:00Z')`);
  return {
    taskDocumentFile: await one(`SELECT MAX(id) FROM task_document_files WHERE document_id = ${document}`),
    taskPublicDocument: publicDoc,
    taskPublicFile: await one(`SELECT MAX(id) FROM task_document_files WHERE document_id = ${publicDoc}`),
    taskFile: await one(`SELECT MAX(id) FROM task_report_files WHERE task_id = ${ofKhcn}`),
    taskProvince: province,
    taskKhcn: khcn,
    taskDocument: document,
    taskItem: await one(`SELECT MIN(id) FROM task_items WHERE document_id = ${document}`),
    // An open top-level task of SO-KHCN (the demo specialist's and leader's body).
    taskOfKhcn: ofKhcn,
    // An open task of the province's in which SO-KHCN plays no part: only the province leader sees it.
    taskElsewhere: elsewhere,
    taskElsewhereVersion: await one(`SELECT version FROM tasks WHERE id = ${elsewhere}`),
  };
}

export const routes = [
  { method: 'GET', path: () => '/tasks/documents/new', allow: RECORDERS },
  { method: 'POST', path: () => '/tasks/documents', allow: RECORDERS, stateChanging: true,
    form: (fx) => ({ kind: 'conclusion_notice', number: `MT-${fx.role}/TB`, issued_on: '2026-01-05',
      issuer: fx.role === 'province_leader' ? fx.taskProvince : fx.taskKhcn, signer: 'Ma trận', subject: 'Ma trận',
      rows: '1', clause_1: '1', text_1: 'Nội dung ma trận' }),
    multipart: () => [SIGNED] },
  { method: 'GET', path: (fx) => `/tasks/documents/${fx.taskDocument}`, allow: LEADERS_OFFICE },
  { method: 'POST', path: (fx) => `/tasks/documents/${fx.taskDocument}/files`, allow: LEADERS_OFFICE, stateChanging: true,
    form: () => ({}), multipart: () => [SIGNED] },
  { method: 'GET', path: (fx) => `/tasks/documents/${fx.taskDocument}/files/${fx.taskDocumentFile}`, allow: LEADERS_OFFICE },
  { method: 'GET', path: (fx) => `/tasks/public/${fx.taskPublicDocument}/files/${fx.taskPublicFile}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/tasks/items/${fx.taskItem}/assign`, allow: LEADERS_OFFICE },
  { method: 'POST', path: (fx) => `/tasks/items/${fx.taskItem}/assign`, allow: LEADERS_OFFICE, stateChanging: true,
    form: (fx) => ({ content: 'Nhiệm vụ ma trận', lead: fx.taskKhcn, product: 'report', priority: 'normal',
      assigned_on: '2026-01-05', deadline: 'none' }) },
  { method: 'GET', path: () => '/tasks/mine', allow: LEAD_OFFICERS },
  { method: 'GET', path: (fx) => `/tasks/${fx.taskOfKhcn}`, allow: LEAD_VIEWERS },
  { method: 'GET', path: (fx) => `/tasks/${fx.taskOfKhcn}/files/${fx.taskFile}`, allow: LEAD_VIEWERS },
  { method: 'POST', path: (fx) => `/tasks/${fx.taskOfKhcn}/subtasks`, allow: ['agency_leader'], stateChanging: true,
    form: (fx) => ({ content: 'Nhiệm vụ con ma trận', lead: fx.taskKhcn, product: 'report', priority: 'normal',
      deadline: 'none' }) },
  { method: 'POST', path: (fx) => `/tasks/${fx.taskElsewhere}/act`, allow: LEADERS_OFFICE, stateChanging: true,
    form: (fx) => ({ action: 'cancel', version: fx.taskElsewhereVersion, reason: 'Ma trận' }) },
];
