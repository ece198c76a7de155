-- Identity (issue 3 §2–§6): accounts and their roles, sessions (stored hashed so that any node can
-- serve them), single-use e-mailed tokens (confirmation, password reset), and sign-in failures
-- shared by every node for the brute-force rule. Times are ISO-8601 UTC text.
CREATE TABLE accounts (
  id @ID_PRIMARY_KEY@,
  email TEXT NOT NULL UNIQUE,
  phone TEXT NOT NULL DEFAULT '',
  full_name TEXT NOT NULL,
  citizen_id TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('citizen', 'staff')),
  agency_id BIGINT,
  password_hash TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'active', 'disabled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  confirmed_at TEXT
);
CREATE INDEX accounts_agency ON accounts (agency_id);

CREATE TABLE account_roles (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  role TEXT NOT NULL,
  PRIMARY KEY (account_id, role)
);

CREATE TABLE sessions (
  id @ID_PRIMARY_KEY@,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  absolute_expires_at TEXT NOT NULL,
  idle_minutes INTEGER NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  second_factor_passed INTEGER NOT NULL DEFAULT 0,
  revoked_at TEXT
);
CREATE INDEX sessions_account ON sessions (account_id, revoked_at);

CREATE TABLE account_tokens (
  id @ID_PRIMARY_KEY@,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

CREATE TABLE login_failures (
  id @ID_PRIMARY_KEY@,
  at TEXT NOT NULL,
  email_key TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (email_key, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
