// The leaders' lateness overview for the access matrix (format: tests/http/access-matrix.test.mjs).
export const routes = [
  { method: 'GET', path: () => '/overview', allow: ['agency_leader', 'province_leader'], stateChanging: false },
];
