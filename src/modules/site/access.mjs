// The public pages of the site module for the access matrix (format: tests/http/access-matrix.test.mjs).
export const routes = [
  { method: 'GET', path: () => '/', allow: 'everyone' },
  { method: 'GET', path: () => '/about', allow: 'everyone' },
  { method: 'GET', path: () => '/api/openapi.json', allow: 'everyone' },
];
