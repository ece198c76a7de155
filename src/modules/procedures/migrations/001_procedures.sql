-- The procedure catalogue (thủ tục hành chính; Decree 63/2010/NĐ-CP Art. 8 on what a published
-- procedure states): one row per procedure with its required documents and internal steps.
-- agency_id handles dossiers, desk_agency_id (the one-stop desk) receives them and returns the
-- results. search_folded holds text::fold() of code, name, English name and field, so that an
-- accent-insensitive search is a LIKE on it ("dang ky kinh doanh"); name_sort holds the hex of
-- the ICU `vi` sort key of the name, so ORDER BY name_sort is the Vietnamese order on both
-- dialects. Both are written only by the module's store. The module reads agencies(id, code,
-- name) of the directory module to show and resolve agencies.
CREATE TABLE procedures (
  id @ID_PRIMARY_KEY@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province', 'commune')),
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  desk_agency_id BIGINT NOT NULL REFERENCES agencies (id),
  time_limit_working_days INTEGER NOT NULL CHECK (time_limit_working_days BETWEEN 0 AND 365),
  legal_basis TEXT NOT NULL DEFAULT '',
  fee_vnd BIGINT NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
  fee_note TEXT NOT NULL DEFAULT '',
  fully_online BOOLEAN NOT NULL DEFAULT FALSE,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  search_folded TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX procedures_search ON procedures (search_folded);
CREATE INDEX procedures_sort ON procedures (active, name_sort);
CREATE INDEX procedures_agency ON procedures (agency_id);
CREATE INDEX procedures_field ON procedures (field);

-- position: 1, 2, ... the order on the form.
CREATE TABLE procedure_documents (
  id @ID_PRIMARY_KEY@,
  procedure_id BIGINT NOT NULL REFERENCES procedures (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  mandatory BOOLEAN NOT NULL DEFAULT TRUE,
  template_url TEXT NOT NULL DEFAULT '',
  UNIQUE (procedure_id, position)
);

-- Shares of one procedure's steps sum to 100 (checked by the module before writing).
CREATE TABLE procedure_steps (
  id @ID_PRIMARY_KEY@,
  procedure_id BIGINT NOT NULL REFERENCES procedures (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  share_percent INTEGER NOT NULL CHECK (share_percent BETWEEN 1 AND 100),
  UNIQUE (procedure_id, position)
);
