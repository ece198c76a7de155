-- Indicators, their targets and their values (issue 17 §1–3; LEADERS.md §2–3). agency_id 0 in
-- targets and values is the province as a whole; any other is an agency (directory).

-- The catalogue: what is measured, how, by whom, under which document. A computed indicator is
-- numerator ÷ denominator × scale over the measures modules count (rules.h Expression); a manual
-- one is entered by its responsible agency and approved by that agency's leader.
CREATE TABLE indicators (
  id @ID_PRIMARY_KEY@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  unit_en TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  frequency TEXT NOT NULL CHECK (frequency IN ('month', 'quarter', 'year')),
  aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'mean', 'last', 'ratio')),
  agency_id BIGINT REFERENCES agencies (id),
  grp TEXT NOT NULL CHECK (grp IN ('resolution12', 'digital', 'd766', 'socioeconomic')),
  legal_basis TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('manual', 'computed')),
  numerator TEXT NOT NULL DEFAULT '',
  denominator TEXT NOT NULL DEFAULT '',
  scale DOUBLE PRECISION NOT NULL DEFAULT 1,
  decimals INTEGER NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 4),
  dashboard_rank INTEGER NOT NULL DEFAULT 0,
  is_public BOOLEAN NOT NULL DEFAULT TRUE,
  note TEXT NOT NULL DEFAULT '',
  active BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at TEXT NOT NULL
);

-- Targets per indicator, unit and year, each with the document that set it; a milestone is an
-- interim point of the same path. The path starts at the baseline of its earliest row that has one.
CREATE TABLE indicator_targets (
  id @ID_PRIMARY_KEY@,
  indicator_id BIGINT NOT NULL REFERENCES indicators (id),
  agency_id BIGINT NOT NULL DEFAULT 0,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  kind TEXT NOT NULL CHECK (kind IN ('target', 'milestone')),
  value DOUBLE PRECISION NOT NULL,
  baseline_year INTEGER,
  baseline_value DOUBLE PRECISION,
  document TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (indicator_id, agency_id, year)
);

-- Entered values, every version kept: an officer enters (submitted), the leader approves or
-- rejects; approving a correction supersedes the version it corrects. The value in force for a
-- period is its newest approved version. The file backs the figure (PDF, JPEG, PNG, XLSX).
CREATE TABLE indicator_values (
  id @ID_PRIMARY_KEY@,
  indicator_id BIGINT NOT NULL REFERENCES indicators (id),
  agency_id BIGINT NOT NULL DEFAULT 0,
  period TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  value DOUBLE PRECISION NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected', 'superseded')),
  due_date TEXT NOT NULL,
  late BOOLEAN NOT NULL DEFAULT FALSE,
  entered_by BIGINT REFERENCES accounts (id),
  entered_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES accounts (id),
  decided_at TEXT,
  decision_note TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  file_type TEXT NOT NULL DEFAULT '',
  file_size BIGINT NOT NULL DEFAULT 0,
  file_sha256 TEXT NOT NULL DEFAULT '',
  file_content TEXT NOT NULL DEFAULT '',
  UNIQUE (indicator_id, agency_id, period, version)
);
CREATE INDEX indicator_values_state ON indicator_values (state, indicator_id);
