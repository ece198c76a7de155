// The tasks module's routes for the access matrix (format: tests/http/access-matrix.test.mjs).
// The figures as of a day are the province leader's (permissions.h: the assigner of the
// province's tasks).
export const routes = [
  { method: 'GET', path: () => '/api/v1/tasks/summary?as_of=2021-06-30', allow: ['province_leader'] },
];
