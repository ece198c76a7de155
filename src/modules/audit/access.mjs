// The audit module's routes for the access matrix (format: tests/http/access-matrix.test.mjs). Only
// auditors read the audit log and the security events; administrators are denied too
// (separation of duties, src/modules/audit/permissions.h).
const AUDITORS = ['auditor'];

export const routes = [
  { method: 'GET', path: () => '/audit', allow: AUDITORS, stateChanging: false },
  { method: 'GET', path: () => '/audit?action=account.register&before=1000', allow: AUDITORS, stateChanging: false },
  { method: 'GET', path: () => '/audit/export.csv', allow: AUDITORS, stateChanging: false },
  { method: 'GET', path: () => '/security', allow: AUDITORS, stateChanging: false },
];
