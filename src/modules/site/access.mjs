// The public pages of the site module for the access matrix (format: tests/http/access-matrix.test.mjs).
export const routes = [
  { method: 'GET', path: () => '/', allow: 'everyone' },
  { method: 'GET', path: () => '/about', allow: 'everyone' },
  { method: 'GET', path: () => '/api/openapi.json', allow: 'everyone' },
  { method: 'GET', path: () => '/admin', allow: ['administrator'], stateChanging: false },
  { method: 'GET', path: () => '/design', allow: ['one_stop_officer', 'specialist', 'agency_leader', 'inspector', 'province_leader', 'administrator', 'auditor'], stateChanging: false },
];
