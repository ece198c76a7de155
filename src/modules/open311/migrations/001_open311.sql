-- Open311 GeoReport v2 (issue 6 §6; ../shared/domain/OPEN311.md): the city-report services as
-- data, the API keys administrators issue, and the reports clients post. A report becomes a
-- petition (kind feedback, channel open311) in the petitions module's workflow; the report row
-- keeps what only Open311 has (location, attributes, media URL, the client's token).

-- A service a client may report (GET services): its code, names and descriptions in Vietnamese
-- and English, the agency that handles its reports, and whether it is taken at once (realtime)
-- or queued and turned into a case by the intake job (batch: the POST answers a token).
CREATE TABLE open311_services (
  id @ID_PRIMARY_KEY@,
  code TEXT NOT NULL UNIQUE,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_vi TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  group_vi TEXT NOT NULL DEFAULT '',
  group_en TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT 'realtime' CHECK (type IN ('realtime', 'batch', 'blackbox')),
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  active BOOLEAN NOT NULL DEFAULT TRUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- The questions of a service (GET services/{code}), in sort_order.
CREATE TABLE open311_attributes (
  id @ID_PRIMARY_KEY@,
  service_id BIGINT NOT NULL REFERENCES open311_services (id),
  code TEXT NOT NULL,
  datatype TEXT NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
  required BOOLEAN NOT NULL DEFAULT FALSE,
  variable BOOLEAN NOT NULL DEFAULT TRUE,
  description_vi TEXT NOT NULL,
  description_en TEXT NOT NULL,
  datatype_description_vi TEXT NOT NULL DEFAULT '',
  datatype_description_en TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (service_id, code)
);

CREATE TABLE open311_attribute_values (
  attribute_id BIGINT NOT NULL REFERENCES open311_attributes (id),
  value_key TEXT NOT NULL,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (attribute_id, value_key)
);

-- API keys: only the SHA-256 of a key is kept (the key is shown once, when issued); key_prefix
-- (its first characters) lets an administrator tell keys apart.
CREATE TABLE open311_api_keys (
  id @ID_PRIMARY_KEY@,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id),
  revoked_at TEXT,
  revoked_by BIGINT REFERENCES accounts (id)
);

-- One posted report. petition_id is set when the report became a petition (at once for realtime
-- services, by the intake job for batch ones: the job's conditional UPDATE ... WHERE petition_id
-- IS NULL makes that happen once across nodes). The reporter's name, e-mail and phone are kept
-- here only while the report waits: they move to the petition's filer columns and are blanked.
-- requested_at is the report's moment as an ISO-8601 UTC text (the petition's received_at).
CREATE TABLE open311_reports (
  id @ID_PRIMARY_KEY@,
  token TEXT NOT NULL UNIQUE,
  service_id BIGINT NOT NULL REFERENCES open311_services (id),
  petition_id BIGINT UNIQUE REFERENCES petitions (id),
  api_key_id BIGINT NOT NULL REFERENCES open311_api_keys (id),
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  address TEXT NOT NULL DEFAULT '',
  address_id TEXT NOT NULL DEFAULT '',
  media_url TEXT NOT NULL DEFAULT '',
  device_id TEXT NOT NULL DEFAULT '',
  account_id TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  requested_at TEXT NOT NULL
);
CREATE INDEX open311_reports_requested ON open311_reports (requested_at);
CREATE INDEX open311_reports_service ON open311_reports (service_id, requested_at);
CREATE INDEX open311_reports_pending ON open311_reports (petition_id, id);

-- Updates posted by clients (FixMyStreet servicerequestupdates): a citizen's comment on a report,
-- shown to the officers with the petition's history. Updates made by officers are the petition's
-- own events (petition_events) and are not copied here.
CREATE TABLE open311_client_updates (
  id @ID_PRIMARY_KEY@,
  report_id BIGINT NOT NULL REFERENCES open311_reports (id),
  api_key_id BIGINT NOT NULL REFERENCES open311_api_keys (id),
  client_update_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  media_url TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX open311_client_updates_report ON open311_client_updates (report_id, id);
CREATE INDEX open311_client_updates_at ON open311_client_updates (created_at);

-- GET servicerequestupdates reads petitions' events by time (petition_events belongs to the
-- petitions module, which this module follows).
CREATE INDEX petition_events_at ON petition_events (at);
