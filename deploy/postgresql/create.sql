-- tinhso's PostgreSQL roles and database, least privilege (issue 15 §1). Run ONCE as a superuser
-- (deploy/postgresql/setup.sh does), then grants.sql as the owner after every `tinhso migrate`.
--
--   psql -v owner=tinhso_owner -v app=tinhso_app -v db=tinhso \
--        -v owner_password=… -v app_password=… -f create.sql
--
-- Two login roles, neither a superuser, neither able to create databases or roles:
--   owner  owns the database, its schema `public` and every object the migrations create; only
--          `tinhso migrate` (and pg_dump/pg_restore) connect as it.
--   app    what the nodes (`tinhso serve`) and the day-to-day commands connect as: it may read and
--          write rows (grants.sql says which), never create, alter, drop or truncate anything.
-- Re-running it changes nothing but the passwords (when given).
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
ALTER ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
-- A migration that waits for a table lock held by the serving nodes gives up after 5 s (its
-- transaction rolls back; run `migrate` again) instead of queueing every node's queries behind it.
ALTER ROLE :"owner" SET lock_timeout = '5s';
-- Passwords (SCRAM-SHA-256, the server's default) when given; otherwise set them with \password.
SELECT format('ALTER ROLE %I PASSWORD %L', :'owner', :'owner_password') WHERE :'owner_password' <> '' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app', :'app_password') WHERE :'app_password' <> '' \gexec

SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L LOCALE %L TEMPLATE template0', :'db', :'owner', 'UTF8', 'C.UTF-8')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
-- Nobody else may connect or make temporary tables; the app role may connect.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app";

\connect :"db"
-- The schema belongs to the owner (PostgreSQL 15 gives it to pg_database_owner, older versions to
-- the bootstrap superuser) and nobody else may create in it (15's default; older ones allowed it).
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
