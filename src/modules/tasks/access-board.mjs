// The leaders' board of tasks, its lists and exports, and the public page (issue 16 §6, §8) for
// the access matrix (format: tests/http/access-matrix.test.mjs). The board is the province
// leader's and an agency leader's (for its scope); the public page is everyone's.
const LEADERS = ['agency_leader', 'province_leader'];
export const routes = [
  { method: 'GET', path: () => '/tasks/board?as_of=2021-06-30', allow: LEADERS },
  { method: 'GET', path: () => '/tasks/board.xlsx?as_of=2021-06-30', allow: LEADERS },
  { method: 'GET', path: () => '/tasks/board.pdf?as_of=2021-06-30', allow: LEADERS },
  { method: 'GET', path: () => '/tasks/list?as_of=2021-06-30&bucket=overdue', allow: LEADERS },
  { method: 'GET', path: () => '/tasks/public', allow: 'everyone' },
  { method: 'GET', path: (fx) => `/tasks/public/${fx.publicDocument}`, allow: 'everyone' },
];

// The id of the demo's public conclusion notice of 27/4/2021.
export async function prepare(t) {
  const id = (await t.db.exec("SELECT id FROM task_documents WHERE number = '412-TB/TU'")).trim();
  return { publicDocument: id };
}
