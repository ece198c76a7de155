-- Processing side of the dossiers module (issue 5 §5, §7): lateness flags, the lease of the
-- lateness job, and the SMS outbox.

-- Dossiers found due within one working day by the lateness job (Decree 61/2018/NĐ-CP
-- Art. 19(9): the agency must apologise and set a new date before the due day). One row per
-- dossier and due date: a due date moved by a pause is flagged again, and the leaders are told once.
CREATE TABLE dossier_risk_flags (
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  due_date TEXT NOT NULL,
  flagged_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, due_date)
);

-- Leases of the module's periodic jobs: a node runs a job's pass only after its UPDATE of an
-- expired lease changed the row, so each pass runs on one node.
CREATE TABLE dossier_job_leases (
  job TEXT PRIMARY KEY,
  claimed_by TEXT,
  claimed_until TEXT NOT NULL,
  last_run_at TEXT
);
INSERT INTO dossier_job_leases (job, claimed_until) VALUES ('lateness', '1970-01-01T00:00:00Z');

-- Text messages to applicants, written in the transaction of the change they announce and posted
-- to the SMS gateway's webhook (--sms-webhook) by a sender that claims each row with a lease.
-- Rows are written only while a webhook is configured.
CREATE TABLE sms_outbox (
  id @ID_PRIMARY_KEY@,
  to_phone TEXT NOT NULL,
  text TEXT NOT NULL,
  dossier_code TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,     -- NULL once sent or given up
  claimed_by TEXT,
  claimed_until TEXT,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at);
