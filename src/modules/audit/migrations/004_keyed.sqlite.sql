-- Issue 12 §9: each record's keyed MAC (chain.h; NULL for records written before the audit key
-- existed), and leases for the module's jobs that must run on one node at a time. audit_head may
-- be updated by the appender but never removed.
ALTER TABLE audit_log ADD COLUMN mac TEXT;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'audit_head is append-only'); END;
CREATE TABLE audit_job_leases (
  job TEXT PRIMARY KEY,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until TEXT NOT NULL,
  last_run_at TEXT
);
INSERT INTO audit_job_leases (job, claimed_until) VALUES ('security_events.prune', '1970-01-01T00:00:00Z');
