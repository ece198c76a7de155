-- What tinhso's application role may do (issue 15 §1). Run as the owner role (or a superuser),
-- connected to tinhso's database, after EVERY `tinhso migrate` (deploy/postgresql/migrate.sh
-- does both); re-running it is harmless.
--
--   psql "postgresql://tinhso_owner@db.example/tinhso" -v owner=tinhso_owner -v app=tinhso_app -f grants.sql
--
-- Two layers:
--  1. Default privileges: every table, view and sequence the owner creates from now on (a later
--     migration) is readable and writable by the app role at once, so new nodes never fail on a
--     table created by a migration whose grants.sql run was forgotten.
--  2. This script's explicit grants and revokes over everything that exists now. Default
--     privileges would also give a NEW append-only table UPDATE and DELETE: the list below is where
--     such a table is named, and why grants.sql must run after each migrate.
-- The app role never gets TRUNCATE, REFERENCES, TRIGGER, CREATE or ownership, so it cannot ALTER,
-- DROP or TRUNCATE anything (those need ownership or TRUNCATE). `tinhso serve` issues no DDL at
-- start or later: migrations run only in `tinhso migrate`, and a node whose schema is behind
-- answers /readyz with 503 instead of migrating.
\set ON_ERROR_STOP on

ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";

GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM :"app";
REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM :"app";  -- no setval()

-- Tables with narrower rights (skipped while they do not exist yet, i.e. before the first migrate).
-- Each line: table, the rights the app role must NOT have, why.
SELECT format('REVOKE %s ON TABLE %I FROM %I', t.rights, t.name, :'app')
  FROM (VALUES
    -- The audit log is append-only (issue 3 §8, issue 12 §9): records are added, never changed or
    -- removed (its triggers refuse it too; this refuses it before any trigger runs).
    ('audit_log', 'UPDATE, DELETE'),
    -- The chain head: one row the appender updates, never added or removed.
    ('audit_head', 'INSERT, DELETE'),
    -- Security events are added, and deleted after --security-event-retention-days by a job;
    -- never changed.
    ('security_events', 'UPDATE'),
    -- Which migrations ran: only `tinhso migrate` (the owner) writes it; nodes read it for /readyz.
    ('schema_migrations', 'INSERT, UPDATE, DELETE')
  ) AS t(name, rights)
  WHERE to_regclass(format('public.%I', t.name)) IS NOT NULL \gexec
