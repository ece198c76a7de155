// The petitions module's routes for the access and CSRF matrices (format: tests/http/access-matrix.test.mjs),
// on the demo petitions (src/modules/petitions/demo.cpp: filed by the demo citizen to SO-KHCN, one
// anonymous feedback to the Việt Trì ward). Staff see the petitions of their agency's scope;
// inspectors and the province leader every agency's; a petition outside a viewer's scope answers
// 404. The one state-changing desk row re-assigns an assigned recommendation (assigned → assigned,
// agency leaders only), so every role's cell finds it in the same state. The file rows download a
// photo attached to that recommendation (added here: the demo data has no attachments). The desk
// form records a letter for the actor's own agency (workflow.h may_receive roles); linking and
// unlinking the recommendation and the demo complaint are idempotent, so every cell finds the
// same state too.
const DESK = ['one_stop_officer', 'specialist', 'agency_leader', 'inspector', 'province_leader'];
const RECEIVERS = ['one_stop_officer', 'specialist', 'inspector'];
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const SO_TTTT_VIEWERS = ['specialist', 'agency_leader', 'inspector', 'province_leader'];

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export async function prepare(t) {
  const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
  const assigned = "(SELECT id FROM petitions WHERE kind = 'recommendation' AND state = 'assigned' ORDER BY id LIMIT 1)";
  await t.db.exec('INSERT INTO petition_attachments (petition_id, role, sealed, file_name, content_type, size, sha256,'
    + ` content_base64, created_at) SELECT ${assigned}, 'evidence', FALSE, 'hien-truong.png', 'image/png', 70, '',`
    + ` '${PNG_BASE64}', '2026-01-15T02:00:00Z' WHERE NOT EXISTS (SELECT 1 FROM petition_attachments WHERE petition_id = ${assigned})`);
  return {
    assignedCode: await one(`SELECT code FROM petitions WHERE id = ${assigned}`),
    file: await one(`SELECT MIN(id) FROM petition_attachments WHERE petition_id = ${assigned}`),
    agency: await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'"),
    recommendation: await one("SELECT id FROM petitions WHERE kind = 'recommendation' AND state = 'assigned' ORDER BY id LIMIT 1"),
    recommendationCode: await one("SELECT code FROM petitions WHERE kind = 'recommendation' ORDER BY id LIMIT 1"),
    specialist: await one("SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'"),
    complaint: await one("SELECT id FROM petitions WHERE kind = 'complaint_first' ORDER BY id LIMIT 1"),
    ownAgency: {
      one_stop_officer: await one("SELECT id FROM agencies WHERE code = 'TTHCC'"),
      specialist: await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'"),
      inspector: await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'"),
    },
  };
}

export const routes = [
  { method: 'GET', path: () => '/petitions/new', allow: 'everyone' },
  { method: 'GET', path: () => '/petitions/new?kind=denunciation', allow: 'everyone' },
  { method: 'GET', path: () => '/petitions/new?kind=feedback', allow: 'everyone' },
  // The public look-up (anonymous feedback's code and key): a wrong key answers 404 to everyone.
  { method: 'GET', path: () => '/petitions/lookup', allow: 'everyone' },
  {
    method: 'POST', path: () => '/petitions', allow: 'everyone', stateChanging: true, formPage: () => '/petitions/new?kind=feedback',
    form: (fx) => ({ kind: 'feedback', agency: fx.agency, subject: `Phản ánh của ${fx.name}`, content: 'Đèn đường không sáng' }),
  },
  { method: 'GET', path: () => '/petitions/mine', allow: ['citizen'], own: 'no-others' },
  { method: 'GET', path: (fx) => `/petitions/${fx.recommendationCode}`, allow: ['citizen'], hidden: true },
  { method: 'GET', path: () => '/petitions/desk', allow: DESK },
  { method: 'GET', path: () => '/petitions/desk?q=song+dien+thoai&kind=feedback&overdue=1', allow: DESK },
  { method: 'GET', path: (fx) => `/petitions/desk/${fx.recommendation}`, allow: SO_TTTT_VIEWERS, hidden: true },
  { method: 'GET', path: (fx) => `/petitions/${fx.assignedCode}/files/${fx.file}`, allow: ['citizen'], hidden: true },
  { method: 'GET', path: (fx) => `/petitions/desk/${fx.recommendation}/files/${fx.file}`, allow: SO_TTTT_VIEWERS, hidden: true },
  {
    method: 'POST', path: (fx) => `/petitions/desk/${fx.recommendation}/act`, allow: ['agency_leader'], hidden: true,
    stateChanging: true, form: (fx) => ({ action: 'assign', assignee: fx.specialist, note: '' }),
  },
  { method: 'GET', path: () => '/petitions/desk/new', allow: RECEIVERS },
  {
    method: 'POST', path: () => '/petitions/desk/new', allow: RECEIVERS, stateChanging: true,
    form: (fx) => ({ channel: 'letter', received_on: today(), kind: 'feedback', agency: fx.ownAgency[fx.role] ?? fx.agency,
      group_size: '1', subject: `Thư của ${fx.name}`, content: 'Đèn đường không sáng' }),
  },
  { method: 'GET', path: () => '/petitions/desk/export.csv?kind=denunciation&mass=1', allow: DESK },
  {
    method: 'POST', path: (fx) => `/petitions/desk/${fx.recommendation}/links`, allow: SO_TTTT_VIEWERS, hidden: true,
    stateChanging: true, form: (fx) => ({ other: fx.complaint, kind: 'same_matter' }),
  },
  {
    method: 'POST', path: (fx) => `/petitions/desk/${fx.complaint}/unlink`, allow: SO_TTTT_VIEWERS, hidden: true,
    stateChanging: true, form: (fx) => ({ other: fx.recommendation }),
  },
];
