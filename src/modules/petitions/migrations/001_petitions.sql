-- Petitions (đơn thư, issue 6): complaints, denunciations, recommendations and feedback, one row
-- each, with their legal due days (modules/petitions/rules.h) and state (workflow.h).
-- search_folded holds text::fold() of the subject, content and category, written only by the
-- module's store, so that an accent-insensitive search is a LIKE on it ("ngap nuoc").
-- A denouncer's identity (Law on Denunciations 2018 Art. 8(3), 9(1)(b), 47(2), 56) is never in
-- plain text here: filer_* columns stay empty for denunciations and identity_sealed holds the
-- identity sealed by core/crypto/sealed.h (base64; the associated data names this row), so a
-- database dump or a copy of the file shows nothing of it.
CREATE TABLE petitions (
  id @ID_PRIMARY_KEY@,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('complaint_first', 'complaint_second', 'denunciation', 'recommendation', 'feedback')),
  state TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'letter', 'in_person', 'open311')),
  subject TEXT NOT NULL,
  content TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  search_folded TEXT NOT NULL,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  admin_unit_id BIGINT REFERENCES admin_units (id),
  remote BOOLEAN NOT NULL DEFAULT FALSE,
  complexity TEXT NOT NULL DEFAULT 'none',
  several_places BOOLEAN NOT NULL DEFAULT FALSE,
  filer_account_id BIGINT REFERENCES accounts (id),
  filer_name TEXT NOT NULL DEFAULT '',
  filer_contact TEXT NOT NULL DEFAULT '',
  anonymous BOOLEAN NOT NULL DEFAULT FALSE,
  identity_sealed TEXT,
  group_size INTEGER NOT NULL DEFAULT 1 CHECK (group_size >= 1),
  linked_petition_id BIGINT REFERENCES petitions (id),
  assignee_id BIGINT REFERENCES accounts (id),
  received_at TEXT NOT NULL,
  accepted_at TEXT,
  accept_due TEXT,
  resolve_due TEXT,
  inform_due TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX petitions_agency_state ON petitions (agency_id, state, received_at);
CREATE INDEX petitions_agency_received ON petitions (agency_id, received_at);
CREATE INDEX petitions_received ON petitions (received_at);
CREATE INDEX petitions_filer ON petitions (filer_account_id, received_at);
CREATE INDEX petitions_resolve_due ON petitions (state, resolve_due);
CREATE INDEX petitions_search ON petitions (search_folded);

-- Every change of a petition: who, when, which action, from and to which state, and the reason
-- or document reference the action required (workflow.h Requirement).
CREATE TABLE petition_events (
  id @ID_PRIMARY_KEY@,
  petition_id BIGINT NOT NULL REFERENCES petitions (id),
  at TEXT NOT NULL,
  actor_id BIGINT REFERENCES accounts (id),
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX petition_events_petition ON petition_events (petition_id, id);
