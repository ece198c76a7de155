-- Security events (issue 3 §6, §9): failed logins, cool-downs, permission denials, CSRF failures.
CREATE TABLE security_events (
  id @ID_PRIMARY_KEY@,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  address TEXT NOT NULL,
  account_id BIGINT,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  request_id TEXT NOT NULL
);
CREATE INDEX security_events_at ON security_events (at);
CREATE INDEX security_events_kind ON security_events (kind, at);
CREATE INDEX security_events_address ON security_events (address, at);
