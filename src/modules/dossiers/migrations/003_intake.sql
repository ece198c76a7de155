-- Intake (issue 5 §2, §3, §6): failed public look-ups, counted per client address and per code
-- by every node for the look-up's rate limit (the mechanism of identity's login_failures), and
-- supplement requests made after the 3-working-day limit of Decree 61/2018/NĐ-CP Art. 19(4).
CREATE TABLE dossier_lookup_failures (
  id @ID_PRIMARY_KEY@,
  at TEXT NOT NULL,
  code TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX dossier_lookup_failures_code ON dossier_lookup_failures (code, at);
CREATE INDEX dossier_lookup_failures_address ON dossier_lookup_failures (address, at);

-- TRUE when the request came after the limit day (still made: the applicant must be able to
-- complete the dossier, but the lateness is kept and shown to the desk and inspectors).
ALTER TABLE dossier_supplements ADD COLUMN late BOOLEAN NOT NULL DEFAULT FALSE;
