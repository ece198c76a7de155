-- Dossiers (hồ sơ) of administrative procedures and their history (issue 5; Decree 61/2018/NĐ-CP
-- Art. 17–20). States and actions are the codes of workflow.cpp. Times are ISO-8601 UTC text,
-- dates 'YYYY-MM-DD' in the province's zone.
CREATE TABLE dossiers (
  id @ID_PRIMARY_KEY@,
  -- {desk agency code}-{yymmdd}-{sequence}, given on submission or counter entry; NULL for drafts.
  code TEXT UNIQUE,
  procedure_id BIGINT NOT NULL REFERENCES procedures (id),
  desk_agency_id BIGINT NOT NULL REFERENCES agencies (id),
  -- The agency handling it now (a transfer changes it) and the one responsible for it in the
  -- statistics (the procedure's agency at submission; never changes).
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  responsible_agency_id BIGINT NOT NULL REFERENCES agencies (id),
  state TEXT NOT NULL,
  resume_state TEXT,  -- while supplement_requested: the state the supplement returns to
  channel TEXT NOT NULL CHECK (channel IN ('online', 'counter')),
  applicant_account_id BIGINT REFERENCES accounts (id),
  applicant_name TEXT NOT NULL,
  applicant_id_number TEXT NOT NULL DEFAULT '',
  applicant_phone TEXT NOT NULL DEFAULT '',
  applicant_email TEXT NOT NULL DEFAULT '',
  applicant_address TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',  -- the applicant's request in their words
  assignee_id BIGINT REFERENCES accounts (id),
  time_limit_working_days INTEGER NOT NULL,
  idempotency_key TEXT UNIQUE,       -- from the submitting form: a retry finds the same dossier
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  received_at TEXT,                  -- the receiving moment the clock counts from
  paused_at TEXT,                    -- set while a supplement request pauses the clock
  due_date TEXT,                     -- statutory due day (pauses included); NULL until received or while paused
  appointment_date TEXT,             -- the date promised to the applicant: due_date, or the apology's new date
  returned_at TEXT,
  on_time BOOLEAN,                   -- decided at return: returned no later than due_date
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0  -- bumped by every change: concurrent changes are refused
);
CREATE INDEX dossiers_desk_queue ON dossiers (desk_agency_id, state, submitted_at);
CREATE INDEX dossiers_agency_queue ON dossiers (agency_id, state, due_date);
CREATE INDEX dossiers_applicant ON dossiers (applicant_account_id, created_at);
CREATE INDEX dossiers_assignee ON dossiers (assignee_id, state);
CREATE INDEX dossiers_open_due ON dossiers (state, due_date);

-- The history: one row per transition, shown to the applicant and in the public lookup.
CREATE TABLE dossier_events (
  id @ID_PRIMARY_KEY@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  actor_account_id BIGINT REFERENCES accounts (id),
  actor_role TEXT NOT NULL,   -- applicant, one_stop_officer, specialist, agency_leader, system
  agency_id BIGINT REFERENCES agencies (id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, id);

-- Pauses of the statutory clock (Decree 61/2018 Art. 19(4)): from the request to the supplement.
CREATE TABLE dossier_pauses (
  id @ID_PRIMARY_KEY@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  paused_at TEXT NOT NULL,
  resumed_at TEXT
);
CREATE INDEX dossier_pauses_dossier ON dossier_pauses (dossier_id, id);

-- Supplement requests: one list of what is missing per request (Art. 19(4)).
CREATE TABLE dossier_supplements (
  id @ID_PRIMARY_KEY@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  requested_at TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES accounts (id),
  items TEXT NOT NULL,  -- what is missing, one item per line
  completed_at TEXT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_supplements_dossier ON dossier_supplements (dossier_id, id);

-- Files: the applicant's documents, supplements, result documents and the issued receipt and
-- apology PDFs. Content is kept in the database (base64 text on both dialects), so every node
-- serves every file.
CREATE TABLE dossier_files (
  id @ID_PRIMARY_KEY@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  role TEXT NOT NULL CHECK (role IN ('application', 'supplement', 'result', 'receipt', 'apology')),
  document_id BIGINT REFERENCES procedure_documents (id),  -- which required document, if any
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id, role, id);

-- The apology for a dossier that will be late (Art. 19(9)): at most one per dossier.
CREATE TABLE dossier_apologies (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers (id),
  issued_at TEXT NOT NULL,
  issued_by BIGINT NOT NULL REFERENCES accounts (id),
  reason TEXT NOT NULL,
  old_date TEXT NOT NULL,
  new_date TEXT NOT NULL
);

-- The applicant's rating after the result (1–5 and a comment), at most one per dossier.
CREATE TABLE dossier_ratings (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers (id),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  rated_at TEXT NOT NULL
);

-- Sequences of dossier codes, one per desk agency and day ("TTHCC-261126").
CREATE TABLE dossier_code_counters (
  prefix TEXT PRIMARY KEY,
  last_value BIGINT NOT NULL
);

-- Monthly figures per responsible agency, kept in the transaction of each change (Decree 61/2018
-- Art. 5 transparency; issue 5 §8): received and online by month of receipt, open = received that
-- month and not yet returned; returned on time / late by month of return.
CREATE TABLE dossier_stats (
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  month TEXT NOT NULL,  -- 'YYYY-MM'
  received BIGINT NOT NULL DEFAULT 0,
  received_online BIGINT NOT NULL DEFAULT 0,
  open_count BIGINT NOT NULL DEFAULT 0,
  on_time BIGINT NOT NULL DEFAULT 0,
  late BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, month)
);
