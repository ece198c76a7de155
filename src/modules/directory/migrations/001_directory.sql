-- Admin units (đơn vị hành chính) with official codes and validity periods, and agencies
-- (cơ quan). Dates are ISO text 'YYYY-MM-DD'; valid_to is the last day (inclusive), NULL while
-- the unit exists. A code may be reused after a merger, hence UNIQUE (code, valid_from)
-- (NA Resolution 202/2025/QH15). The identity module reads agencies(id, parent_id, code).
CREATE TABLE admin_units (
  id @ID_PRIMARY_KEY@,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_id BIGINT REFERENCES admin_units (id),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  successor_id BIGINT REFERENCES admin_units (id),
  UNIQUE (code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX admin_units_parent ON admin_units (parent_id);

CREATE TABLE agencies (
  id @ID_PRIMARY_KEY@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('department', 'peoples_committee', 'inspectorate', 'one_stop_centre',
                                     'peoples_council', 'party_committee', 'other')),
  admin_unit_id BIGINT NOT NULL REFERENCES admin_units (id),
  parent_id BIGINT REFERENCES agencies (id),
  active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX agencies_parent ON agencies (parent_id);
