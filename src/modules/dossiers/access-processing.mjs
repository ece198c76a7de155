// The processing side of the dossiers module for the access and CSRF matrices (format:
// tests/http/access-matrix.test.mjs). The statistics are public. The work queue is for the staff who
// handle dossiers after receipt: one-stop officers (the desk's returns), specialists (their
// assignments) and agency leaders (their agency's queue).
//
// The routes of one dossier (/work/dossiers/{code}, its files and its POST actions) answer 403 to
// every other role before the dossier is looked up, and 404 to staff who may not see that
// dossier; their cells need a received dossier, which the demo database has none of, so they are
// exercised role by role in ../dossiers-processing.test.mjs ("who may use the work pages" and
// the flow tests: wrong actor → 403, other scope → 404, anonymous → /login, CSRF by the shared
// identity hook).
const STAFF = ['one_stop_officer', 'specialist', 'agency_leader'];

export const routes = [
  { method: 'GET', path: () => '/statistics/dossiers', allow: 'everyone' },
  { method: 'GET', path: () => '/statistics/dossiers?year=2026', allow: 'everyone' },
  { method: 'GET', path: () => '/statistics/dossiers.csv', allow: 'everyone' },
  { method: 'GET', path: () => '/statistics/dossiers.xlsx', allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/statistics/dossiers', allow: 'everyone' },
  { method: 'GET', path: () => '/work', allow: STAFF },
  { method: 'GET', path: () => '/work?due=due_soon', allow: STAFF },
];
