-- The outbox (issue 3 §2): messages queued in the sender's transaction and delivered by a
-- background sender on any node. claimed_by/claimed_until is a lease so that one node sends each
-- message; next_attempt_at is NULL once sent or given up (last_error keeps the reason).
CREATE TABLE mail_outbox (
  id @ID_PRIMARY_KEY@,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  claimed_by TEXT,
  claimed_until TEXT,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at);
