-- A dossier's time limit keeps the unit of its procedure's (issue 12 finding 13): "working_days"
-- (ngày làm việc) or "days" (ngày: calendar days, Civil Code 2015 Art. 147–148). Dossiers made
-- before this migration were counted in working days and keep that unit.
ALTER TABLE dossiers ADD COLUMN time_limit_unit TEXT NOT NULL DEFAULT 'working_days'
  CHECK (time_limit_unit IN ('working_days', 'days'));

-- The look-up's failures are pruned by age in the transaction that records one (lookup.cpp);
-- `address` holds the client's address bucket (http::address_bucket: an IPv6 client's /64).
CREATE INDEX dossier_lookup_failures_at ON dossier_lookup_failures (at);
CREATE INDEX dossier_lookup_failures_code_address ON dossier_lookup_failures (code, address, at);

-- Decree 61/2018/NĐ-CP Art. 19(9) reschedules a dossier only once by default, a setting
-- (--apology-max): the row is the latest apology and counts them (each is also a history event).
ALTER TABLE dossier_apologies ADD COLUMN reschedules INTEGER NOT NULL DEFAULT 1 CHECK (reschedules >= 1);
