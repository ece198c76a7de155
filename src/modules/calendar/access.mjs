// The calendar module's routes for the access and CSRF matrices (format: tests/http/access-matrix.test.mjs).
// The month view, the calculator and /api/v1/calendar/* are public. The schedule pages are for
// administrators only; the allowed cells run in this order on a year of their own (2031), so each
// state-changing route finds what it needs: create, edit, add/edit/remove a day, import, delete.
const ADMIN = ['administrator'];
const Y = '2031';
const DAY = '2031-01-04'; // a Saturday

export const routes = [
  { method: 'GET', path: () => '/calendar', allow: 'everyone' },
  { method: 'GET', path: () => '/calendar?month=2026-02', allow: 'everyone' },
  { method: 'GET', path: () => '/calendar/deadline?from=2026-02-13&time=16%3A30&unit=working_days&amount=3', allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/calendar/lunar?date=2026-02-17', allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/calendar/due?from=2026-02-13&working_days=3', allow: 'everyone' },
  { method: 'GET', path: () => '/api/v1/calendar/holidays?year=2026', allow: 'everyone' },
  { method: 'GET', path: () => '/admin/calendar', allow: ADMIN },
  { method: 'POST', path: () => '/admin/calendar', allow: ADMIN, stateChanging: true,
    form: () => ({ year: Y, source: 'Ma trận', prefill: 'generated' }) },
  { method: 'GET', path: () => `/admin/calendar/${Y}`, allow: ADMIN },
  { method: 'POST', path: () => `/admin/calendar/${Y}/source`, allow: ADMIN, stateChanging: true,
    form: () => ({ source: 'Ma trận 2' }) },
  { method: 'POST', path: () => `/admin/calendar/${Y}/days`, allow: ADMIN, stateChanging: true,
    form: () => ({ date: DAY, kind: 'work', reason: 'swap', note: '' }) },
  { method: 'GET', path: () => `/admin/calendar/${Y}/days/${DAY}`, allow: ADMIN },
  { method: 'POST', path: () => `/admin/calendar/${Y}/days/${DAY}`, allow: ADMIN, stateChanging: true,
    form: () => ({ date: DAY, kind: 'work', reason: 'other', note: 'Ma trận' }) },
  { method: 'POST', path: () => `/admin/calendar/${Y}/days/${DAY}/delete`, allow: ADMIN, stateChanging: true,
    form: () => ({}) },
  { method: 'GET', path: () => `/admin/calendar/${Y}/export.csv`, allow: ADMIN },
  { method: 'GET', path: () => `/admin/calendar/${Y}/import`, allow: ADMIN },
  { method: 'POST', path: () => `/admin/calendar/${Y}/import`, allow: ADMIN, stateChanging: true,
    form: () => ({ csv: `date,kind,reason,note\n${Y}-01-01,off,new_year,\n` }) },
  { method: 'POST', path: () => `/admin/calendar/${Y}/delete`, allow: ADMIN, stateChanging: true, form: () => ({}) },
];
