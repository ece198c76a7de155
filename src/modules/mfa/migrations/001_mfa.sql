-- Two-factor sign-in (issue 3 §7): one TOTP secret per account (RFC 6238) and ten single-use
-- recovery codes stored hashed. last_step blocks the replay of a code already used.
CREATE TABLE totp_secrets (
  account_id BIGINT PRIMARY KEY,
  secret_b32 TEXT NOT NULL,
  confirmed_at TEXT,
  last_step BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE recovery_codes (
  id @ID_PRIMARY_KEY@,
  account_id BIGINT NOT NULL,
  code_hash TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);
