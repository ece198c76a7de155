// The dossiers module's intake routes for the access and CSRF matrices (format:
// tests/http/access-matrix.test.mjs). Rows that need no dossier: the citizen's form and lists, the desk's
// inbox and counter form, the public look-up. Routes on one dossier (/dossiers/{code}…,
// /dossiers/drafts/{id}…, /desk/dossiers/{code}…, the API's) and the multipart/JSON POSTs are
// exercised per role and object in ../dossiers-intake.test.mjs (applicant, other agency's staff,
// anonymous: 200 / 404 / 403 / 303), as is GET /api/v1/dossiers/mine (an API answers 403, not the
// 303 to /account/2fa this harness expects of GETs while a second factor is pending).
const CITIZEN = ['citizen'];
const DESK = ['one_stop_officer'];

export const routes = [
  { method: 'GET', path: () => '/dossiers/new?procedure=XB-TLHC', allow: CITIZEN },
  { method: 'GET', path: () => '/dossiers/mine', allow: CITIZEN, own: 'no-others' },
  { method: 'GET', path: () => '/desk', allow: DESK },
  { method: 'GET', path: () => '/desk?state=received', allow: DESK },
  { method: 'GET', path: () => '/desk/new', allow: DESK },
  { method: 'GET', path: () => '/desk/new?procedure=XB-TLHC', allow: DESK },
  { method: 'GET', path: () => '/lookup', allow: 'everyone' },
  { method: 'GET', path: () => '/lookup?code=TTHCC-000000-0000', allow: 'everyone' },
];
