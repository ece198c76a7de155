// The in-app reminders list of the tasks module (reminders.h, issue 16 §5) for the access matrix
// (format: tests/http/access-matrix.test.mjs): every staff account sees its own reminders (none
// for most demo accounts), citizens are refused; no other account's data appears.
const STAFF = ['one_stop_officer', 'specialist', 'agency_leader', 'inspector', 'province_leader', 'administrator', 'auditor'];

export const routes = [
  { method: 'GET', path: () => '/tasks/reminders', allow: STAFF, own: 'no-others' },
  { method: 'GET', path: () => '/tasks/reminders?before=1000000', allow: STAFF, own: 'no-others' },
];
