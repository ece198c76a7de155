// The indicators module's routes for the access and CSRF matrices (format:
// tests/http/access-matrix.test.mjs), on the demo's catalogue (data/indicators/). Permissions
// (permissions.h): the scorecard, the catalogue and public indicators are everyone's; the monthly
// CDS-KY-SO of SO-KHCN is entered by the demo specialist and leader of SO-KHCN (each cell its own
// month, with a reason in case the month has an approved value) and approved or rejected by that
// leader, never by who entered it (prepare adds a version entered by the specialist for each
// decision cell); its versions' files are seen by them, the province leader, inspectors and
// auditors; the dashboard is the leaders'; the catalogue's administration the administrator's.
const LEADERS = ['agency_leader', 'province_leader'];
const KHCN = ['agency_leader', 'specialist'];
const VERSIONS = ['agency_leader', 'specialist', 'province_leader', 'inspector', 'auditor'];
const PDF = { name: 'so-lieu.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf', field: 'file' };

// "YYYY-MM" of the month `back` months before this one, in Viet Nam (UTC+7).
function monthBack(back) {
  const d = new Date(Date.now() + 7 * 3600e3);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
  return m.toISOString().slice(0, 7);
}

export async function prepare(t) {
  const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
  const indicator = await one("SELECT id FROM indicators WHERE code = 'CDS-KY-SO'");
  const specialist = await one("SELECT id FROM accounts WHERE email = 'specialist@demo.tinhso.vn'");
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
  // Two versions waiting (one to approve, one to reject) for months no entry cell uses; the first
  // has a file.
  const pending = [];
  for (const [back, file] of [[20, true], [21, false]]) {
    await t.db.exec('INSERT INTO indicator_values (indicator_id, agency_id, period, version, value, source, state, due_date,'
      + ` entered_by, entered_at, file_name, file_type, file_size, file_sha256, file_content) VALUES (${indicator}, 0,`
      + ` '${monthBack(back)}', 1, 77.5, 'ma trận', 'submitted', '2025-01-03', ${specialist}, '2025-01-02T00:00:00Z',`
      + ` '${file ? 'so-lieu.pdf' : ''}', '${file ? 'application/pdf' : ''}', ${file ? 15 : 0}, '', '${file ? pdf : ''}')`);
    pending.push(await one(`SELECT id FROM indicator_values WHERE indicator_id = ${indicator} AND period = '${monthBack(back)}'`));
  }
  return {
    indicatorApprove: pending[0],
    indicatorReject: pending[1],
    indicatorKhcn: await one("SELECT id FROM agencies WHERE code = 'SO-KHCN'"),
  };
}

const CSV = 'code,name,name_en,definition,unit,unit_en,direction,frequency,aggregation,agency,group,legal_basis,source,'
  + 'numerator,denominator,scale,decimals,dashboard_rank,public,note\n'
  + 'MA-TRAN,Chỉ số ma trận,Matrix,,%,%,higher,year,mean,SO-KHCN,socioeconomic,,manual,,,1,1,0,1,\n';

export const routes = [
  { method: 'GET', path: () => '/scorecard', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/scorecard/province?span=ytd', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/scorecard/SO-KHCN', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/api/v1/scorecard', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/indicators', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/open-data', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/open-data/catalog.json', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/open-data/indicators.csv', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/open-data/indicators.json', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => `/open-data/scorecard/${new Date(Date.now() + 7 * 3600e3).getUTCFullYear()}.csv`, allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/indicators/DTI-HANG', allow: 'everyone', stateChanging: false },
  { method: 'GET', path: () => '/indicators/HS-DUNG-HAN', allow: 'everyone', stateChanging: false },
  {
    method: 'POST', path: () => '/indicators/CDS-KY-SO/values', allow: KHCN, stateChanging: true,
    form: (fx) => ({ period: monthBack(fx.role === 'specialist' ? 1 : 4), agency: '', value: '91,5',
      source: 'Báo cáo tháng', reason: 'Số liệu rà soát lại' }),
    multipart: () => [PDF],
  },
  { method: 'POST', path: (fx) => `/indicators/values/${fx.indicatorApprove}/approve`, allow: ['agency_leader'], stateChanging: true, form: () => ({}) },
  { method: 'POST', path: (fx) => `/indicators/values/${fx.indicatorReject}/reject`, allow: ['agency_leader'], stateChanging: true, form: () => ({ note: 'Thiếu minh chứng' }) },
  { method: 'GET', path: (fx) => `/indicators/values/${fx.indicatorApprove}/file`, allow: VERSIONS, stateChanging: false },
  { method: 'GET', path: () => '/dashboard', allow: LEADERS, stateChanging: false },
  { method: 'GET', path: () => '/dashboard/HS-DUNG-HAN', allow: LEADERS, stateChanging: false },
  { method: 'GET', path: (fx) => `/dashboard/HS-DUNG-HAN/${fx.indicatorKhcn}`, allow: LEADERS, stateChanging: false },
  { method: 'GET', path: () => `/dashboard/pack.pdf?period=${monthBack(1)}`, allow: LEADERS, stateChanging: false },
  { method: 'GET', path: () => '/dashboard/pack.xlsx', allow: LEADERS, stateChanging: false },
  { method: 'GET', path: () => '/admin/indicators', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/admin/indicators/export.csv', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/admin/indicators/export.xlsx', allow: ['administrator'], stateChanging: false },
  { method: 'POST', path: () => '/admin/indicators/import', allow: ['administrator'], stateChanging: true, form: () => ({ text: CSV }), multipart: () => [] },
  {
    method: 'POST', path: () => '/admin/indicators/targets', allow: ['administrator'], stateChanging: true,
    form: () => ({ indicator: 'DTI-HANG', agency: '', year: '2027', kind: 'milestone', value: '12', document: 'Kế hoạch ma trận' }),
  },
];
