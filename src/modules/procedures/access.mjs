// The procedures module's routes for the access and CSRF matrices (format: tests/http/access-matrix.test.mjs).
// The list, the detail page and /api/v1/procedures are public. The catalogue pages are for
// administrators only; the allowed cells run in this order on a procedure of their own
// (MATRIX-1), so each state-changing route finds what it needs: create, edit, deactivate,
// upload and remove a form template, import, delete. A form template (GET
// /procedures/{code}/forms/{position}) is public like the page that links it.
const ADMIN = ['administrator'];
const CODE = 'MATRIX-1';
const procedure = () => ({
  code: CODE, name: 'Thủ tục ma trận', name_en: '', field: 'Thử nghiệm', level: 'province', agency: 'SO-KHCN',
  desk_agency: 'TTHCC', time_limit: '3', fee_vnd: '0', fee_note: '', legal_basis: '', fully_online: '', active: '1',
  documents: 'Đơn | 1', steps: '',
});
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const CSV = 'code,name,field,level,agency_code,desk_agency_code,time_limit_working_days,documents\n'
  + `${CODE},Thủ tục ma trận (nhập),Thử nghiệm,province,SO-KHCN,TTHCC,4,Đơn | 1\n`;

export const routes = [
  { method: 'GET', path: () => '/procedures', allow: 'everyone' },
  { method: 'GET', path: () => '/procedures?q=khai+sinh&level=commune&page=1', allow: 'everyone' },
  { method: 'GET', path: () => '/procedures/HT-KS', allow: 'everyone' },
  { method: 'GET', path: () => '/procedures/HT-KS/forms/1', allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/procedures?q=dang+ky&per_page=5', allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/procedures/HT-KS', allow: 'everyone' },
  { method: 'GET', path: () => '/admin/procedures', allow: ADMIN },
  { method: 'GET', path: () => '/admin/procedures/new', allow: ADMIN },
  { method: 'POST', path: () => '/admin/procedures', allow: ADMIN, stateChanging: true, form: procedure },
  { method: 'GET', path: () => `/admin/procedures/${CODE}`, allow: ADMIN },
  { method: 'POST', path: () => `/admin/procedures/${CODE}`, allow: ADMIN, stateChanging: true,
    form: () => ({ ...procedure(), name: 'Thủ tục ma trận (sửa)' }) },
  { method: 'POST', path: () => `/admin/procedures/${CODE}/active`, allow: ADMIN, stateChanging: true,
    form: () => ({ active: '0' }) },
  { method: 'POST', path: () => `/admin/procedures/${CODE}/forms/1`, allow: ADMIN, stateChanging: true, form: () => ({}),
    multipart: () => [{ field: 'template', name: 'mau-don.pdf', type: 'application/pdf', content: PDF }] },
  { method: 'POST', path: () => `/admin/procedures/${CODE}/forms/1/delete`, allow: ADMIN, stateChanging: true, form: () => ({}) },
  { method: 'GET', path: () => '/admin/procedures/import', allow: ADMIN },
  { method: 'POST', path: () => '/admin/procedures/import', allow: ADMIN, stateChanging: true, form: () => ({ text: CSV }) },
  { method: 'GET', path: () => '/admin/procedures/export.csv', allow: ADMIN },
  { method: 'GET', path: () => '/admin/procedures/export.json', allow: ADMIN },
  { method: 'POST', path: () => `/admin/procedures/${CODE}/delete`, allow: ADMIN, stateChanging: true, form: () => ({}) },
];
