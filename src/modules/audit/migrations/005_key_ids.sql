-- Audit key rotation (issue 15 §1, docs/OPERATIONS.md §12): each keyed record names the key its MAC
-- is under (NULL: key 1, the records MACed before keys had ids), and the head names the newest key
-- used, which every appender follows (api.h AuditKeys). Adding a nullable column rewrites no row.
ALTER TABLE audit_log ADD COLUMN mac_key INTEGER;
ALTER TABLE audit_head ADD COLUMN mac_key INTEGER NOT NULL DEFAULT 1;
