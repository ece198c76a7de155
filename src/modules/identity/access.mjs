// The identity module's routes for the access and CSRF matrices (format: tests/http/access-matrix.test.mjs).
// Objects of another user: a session always belongs to its signer, so "another user's object" is
// checked by showing that each role only ever sees its own profile (see `own` below).
const STAFF_ADMIN = ['administrator'];

export const routes = [
  { method: 'GET', path: () => '/account', allow: 'signed-in', own: true },
  { method: 'GET', path: () => '/account/sessions', allow: 'signed-in', own: 'no-others' },
  { method: 'GET', path: () => '/account/data.json', allow: 'signed-in', own: true },
  { method: 'POST', path: () => '/account', allow: 'signed-in', stateChanging: true, form: (fx) => ({ full_name: fx.name, phone: '' }) },
  { method: 'POST', path: () => '/account/sessions/revoke-others', allow: 'signed-in', stateChanging: true, form: () => ({}) },
  { method: 'GET', path: () => '/admin/accounts', allow: STAFF_ADMIN },
  {
    method: 'POST', path: () => '/admin/accounts', allow: STAFF_ADMIN, stateChanging: true,
    form: (fx) => ({ full_name: 'Cán bộ Thử', email: `matrix-${fx.role}-${Date.now()}@example.vn`, roles: 'specialist' }),
  },
  { method: 'POST', path: () => '/logout', allow: 'signed-in', stateChanging: true, form: () => ({}), endsSession: true, beforeSecondFactor: true },
];
