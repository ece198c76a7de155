-- Issue 12 §8: the anonymous forms that send e-mail (registration, resending the confirmation
-- link, forgotten password) are limited per recipient and per client address bucket
-- (http::address_bucket: an IPv6 client by its /64), counted here so that every node shares the
-- counts. Rows of this table and of login_failures are pruned on write (by `at`).
CREATE TABLE identity_mail_requests (
  id @ID_PRIMARY_KEY@,
  at TEXT NOT NULL,
  recipient TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX identity_mail_requests_recipient ON identity_mail_requests (recipient, at);
CREATE INDEX identity_mail_requests_address ON identity_mail_requests (address, at);
CREATE INDEX identity_mail_requests_at ON identity_mail_requests (at);
CREATE INDEX login_failures_at ON login_failures (at);
