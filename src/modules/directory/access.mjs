// Directory routes for the access matrix (tests/http/access-matrix.test.mjs): administrators
// only. `fx` is the matrix fixture; ids fall back to the first demo unit/agency.
const unitId = (fx) => fx?.ids?.adminUnit ?? 1;
const agencyId = (fx) => fx?.ids?.agency ?? 1;

// An agency only the matrix ends (issue 12 §14), and its successor.
export async function prepare(t) {
  const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
  await t.db.exec("INSERT INTO agencies (code, name, kind, admin_unit_id, active)"
    + " SELECT 'MA-TRAN-HET', 'Cơ quan Ma Trận chấm dứt', 'other', MIN(id), TRUE FROM admin_units");
  return {
    endAgency: await one("SELECT id FROM agencies WHERE code = 'MA-TRAN-HET'"),
    successor: await one("SELECT id FROM agencies WHERE code = 'UBBC-TINH'"),
  };
}

export const routes = [
  { method: 'GET', path: () => '/admin/units', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/admin/units/new', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: (fx) => `/admin/units/${unitId(fx)}`, allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/admin/units/import', allow: ['administrator'], stateChanging: false },
  { method: 'POST', path: () => '/admin/units', allow: ['administrator'], stateChanging: true,
    form: () => ({ code: '98', name: 'Tỉnh Ma Trận', level: 'province', parent: '', valid_from: '2030-01-01' }) },
  { method: 'POST', path: (fx) => `/admin/units/${unitId(fx)}`, allow: ['administrator'], stateChanging: true,
    form: () => ({ name: 'Tỉnh Phú Thọ', valid_to: '', successor: '' }) },
  { method: 'POST', path: () => '/admin/units/import', allow: ['administrator'], stateChanging: true,
    form: () => ({ csv: 'code,name,level,parent_code,valid_from,valid_to\n97,Tỉnh Ma Trận,province,,2030-01-01,\n' }) },
  { method: 'GET', path: () => '/admin/agencies', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/admin/agencies/new', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: (fx) => `/admin/agencies/${agencyId(fx)}`, allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/admin/agencies/import', allow: ['administrator'], stateChanging: false },
  { method: 'POST', path: () => '/admin/agencies', allow: ['administrator'], stateChanging: true,
    form: (fx) => ({ code: 'MA-TRAN', name: 'Cơ quan Ma Trận', kind: 'other', admin_unit: String(unitId(fx)), parent: '', active: '1' }) },
  { method: 'POST', path: (fx) => `/admin/agencies/${agencyId(fx)}`, allow: ['administrator'], stateChanging: true,
    form: (fx) => ({ name: 'Ủy ban nhân dân tỉnh Vĩnh Phúc', kind: 'peoples_committee', admin_unit: String(unitId(fx)), parent: '', active: '1' }) },
  // Ends an agency of its own (prepare) with no cases, handing over to the election committee.
  { method: 'POST', path: (fx) => `/admin/agencies/${fx.endAgency}/end`, allow: ['administrator'], stateChanging: true,
    form: (fx) => ({ valid_to: '2025-06-30', successor: fx.successor, confirm: '1' }) },
  { method: 'POST', path: () => '/admin/agencies/import', allow: ['administrator'], stateChanging: true,
    form: () => ({ csv: 'code,name,kind,admin_unit_code,parent_code,active\nMA-TRAN-2,Cơ quan Ma Trận 2,other,26,,true\n' }) },
];
