-- Issue 12 §9: each record's keyed MAC (chain.h; NULL for records written before the audit key
-- existed), and leases for the module's jobs that must run on one node at a time.
-- TRUNCATE fires no row trigger: a statement trigger refuses it on audit_log and audit_head, and
-- audit_head may be updated by the appender but never removed.
ALTER TABLE audit_log ADD COLUMN mac TEXT;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE FUNCTION audit_head_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_head is append-only';
END $$;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
FOR EACH ROW EXECUTE FUNCTION audit_head_keep();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
FOR EACH STATEMENT EXECUTE FUNCTION audit_head_keep();
CREATE TABLE audit_job_leases (
  job TEXT PRIMARY KEY,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until TEXT NOT NULL,
  last_run_at TEXT
);
INSERT INTO audit_job_leases (job, claimed_until) VALUES ('security_events.prune', '1970-01-01T00:00:00Z');
