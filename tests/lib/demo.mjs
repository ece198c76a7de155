// The demo province's accounts (src/modules/identity demo data): one per role, one password.
export const DEMO_PASSWORD = 'Demo-Phu-Tho-2025';
export const DEMO_ACCOUNTS = {
  citizen: 'citizen@demo.tinhso.vn',
  one_stop_officer: 'officer@demo.tinhso.vn',
  specialist: 'specialist@demo.tinhso.vn',
  agency_leader: 'leader@demo.tinhso.vn',
  inspector: 'inspector@demo.tinhso.vn',
  province_leader: 'province@demo.tinhso.vn',
  administrator: 'admin@demo.tinhso.vn',
  auditor: 'auditor@demo.tinhso.vn',
};
