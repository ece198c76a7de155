-- Public consultation on draft policies and legal documents (issue 18; ../shared/domain/LEADERS.md
-- §4). A consultation is prepared by its drafting agency (state 'draft', seen by its officers
-- only), published (public: upcoming before opens_at, open until closes_at, closed after), and
-- ends with the published summary report (report_published_at). Moments are ISO-8601 UTC text,
-- on both dialects. Files are kept in the database (base64), shared by every node.

-- The kinds of consulted document and the minimum period each must stay open (data, not code:
-- an installation adds its own). min_days are calendar days from opening to closing:
--   legal_document — Law on Promulgation of Legal Documents 2025 (No. 64/2025/QH15): drafts are
--                    posted for comment for 20 days (60 under the 2015 law, No. 80/2015/QH13);
--   grassroots     — Law on Grassroots Democracy 2022 (No. 10/2022/QH15) Art. 25, 28: at least 20
--                    days from publication;
--   policy         — a policy or support mechanism consulted under a leaders' conclusion (the
--                    seed's Resolution 12): the same 20 days unless the installation decides;
--   other          — no statutory minimum.
-- A consultation shorter than its kind's minimum needs a recorded reason (consultations.short_reason).
CREATE TABLE consultation_kinds (
  code TEXT PRIMARY KEY,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  min_days INTEGER NOT NULL CHECK (min_days >= 0),
  basis TEXT NOT NULL DEFAULT ''
);
INSERT INTO consultation_kinds (code, name_vi, name_en, min_days, basis) VALUES
  ('legal_document', 'Dự thảo văn bản quy phạm pháp luật', 'Draft legal document', 20,
   'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15'),
  ('grassroots', 'Nội dung lấy ý kiến Nhân dân ở cơ sở', 'Grassroots consultation', 20,
   'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 25, Điều 28'),
  ('policy', 'Cơ chế, chính sách', 'Policy or support mechanism', 20,
   'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15'),
  ('other', 'Nội dung khác', 'Other', 0, '');

CREATE TABLE consultations (
  id @ID_PRIMARY_KEY@,
  title TEXT NOT NULL,
  title_fold TEXT NOT NULL,  -- text::fold(title): accent-free search
  summary TEXT NOT NULL DEFAULT '',
  agency_id BIGINT NOT NULL REFERENCES agencies (id),  -- the drafting agency
  kind TEXT NOT NULL REFERENCES consultation_kinds (code),
  legal_basis TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT '',          -- lĩnh vực, e.g. "Nông nghiệp": what subscribers follow
  province_wide BOOLEAN NOT NULL DEFAULT TRUE,  -- FALSE: the units in consultation_audience
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  short_reason TEXT NOT NULL DEFAULT '',   -- why the period is under the kind's minimum
  state TEXT NOT NULL CHECK (state IN ('draft', 'published')),
  published_at TEXT,
  report_published_at TEXT,
  report_note TEXT NOT NULL DEFAULT '',    -- the agency's closing statement in the report
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id),
  version INTEGER NOT NULL DEFAULT 1       -- optimistic version of the record itself
);
CREATE INDEX consultations_state ON consultations (state, closes_at);
CREATE INDEX consultations_agency ON consultations (agency_id, id);

CREATE TABLE consultation_audience (
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  unit_id BIGINT NOT NULL REFERENCES admin_units (id),
  PRIMARY KEY (consultation_id, unit_id)
);

-- The explanatory report ("tờ trình") and other files of the draft.
CREATE TABLE consultation_files (
  id @ID_PRIMARY_KEY@,
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  role TEXT NOT NULL CHECK (role IN ('explanatory', 'other')),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX consultation_files_consultation ON consultation_files (consultation_id, id);

-- The draft's versions; each holds its units (draft.h Unit) in document order. Comments name a
-- unit by its anchor, stable across versions (draft.h).
CREATE TABLE consultation_versions (
  id @ID_PRIMARY_KEY@,
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  number INTEGER NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',  -- the imported file's name; '' = typed or edited text
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id),
  UNIQUE (consultation_id, number)
);
CREATE TABLE consultation_units (
  version_id BIGINT NOT NULL REFERENCES consultation_versions (id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  number TEXT NOT NULL DEFAULT '',
  heading TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  anchor TEXT NOT NULL,
  parent TEXT NOT NULL DEFAULT '',
  depth INTEGER NOT NULL DEFAULT 0,
  within TEXT NOT NULL DEFAULT '',  -- how the unit is cited after its own label (draft.h Unit::within)
  PRIMARY KEY (version_id, seq),
  UNIQUE (version_id, anchor)
);

-- An organisation's account (issue 18 §3): a signed-in account that comments for an
-- organisation, with its representative; its comments carry the organisation's name.
CREATE TABLE consultation_organisations (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  name TEXT NOT NULL,
  registration TEXT NOT NULL DEFAULT '',   -- enterprise or establishment code
  representative TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

-- The drafting agency's answer (tiếp thu / tiếp thu một phần / giải trình) to one comment or a
-- group of comments, with the unit it changed.
CREATE TABLE consultation_answers (
  id @ID_PRIMARY_KEY@,
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  kind TEXT NOT NULL CHECK (kind IN ('accepted', 'partly', 'explained')),
  body TEXT NOT NULL,
  changed_anchor TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id),
  updated_at TEXT NOT NULL
);

-- A comment on the whole draft (anchor '') or on one unit; parent_id for a reply. author_name and
-- organisation are as shown when written. A hidden comment keeps its text for the record, never
-- shown or exported (hidden_reason is).
CREATE TABLE consultation_comments (
  id @ID_PRIMARY_KEY@,
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  version_number INTEGER NOT NULL,
  anchor TEXT NOT NULL DEFAULT '',
  page_anchor TEXT NOT NULL DEFAULT '',  -- the page it is shown on: its article (a clause's, a point's), '' = the whole draft
  parent_id BIGINT REFERENCES consultation_comments (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  author_name TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  body_fold TEXT NOT NULL,
  created_at TEXT NOT NULL,
  agrees INTEGER NOT NULL DEFAULT 0,
  hidden_at TEXT,
  hidden_reason TEXT NOT NULL DEFAULT '',
  hidden_by BIGINT REFERENCES accounts (id),
  answer_id BIGINT REFERENCES consultation_answers (id)
);
CREATE INDEX consultation_comments_unit ON consultation_comments (consultation_id, anchor, id);
-- A page's top-level comments in order, and the visible comments per unit (the outline's counts),
-- whatever the number of comments elsewhere in the consultation.
CREATE INDEX consultation_comments_page ON consultation_comments (consultation_id, page_anchor, id)
  WHERE parent_id IS NULL;
CREATE INDEX consultation_comments_visible ON consultation_comments (consultation_id, anchor)
  WHERE hidden_at IS NULL;
CREATE INDEX consultation_comments_account ON consultation_comments (account_id, id);
-- Replies by their parent; partial, so that "parent_id IS NULL" (a page's top-level comments) is
-- never read along it (90 % of the rows) instead of consultation_comments_page.
CREATE INDEX consultation_comments_parent ON consultation_comments (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX consultation_comments_answer ON consultation_comments (answer_id);

CREATE TABLE consultation_comment_files (
  id @ID_PRIMARY_KEY@,
  comment_id BIGINT NOT NULL REFERENCES consultation_comments (id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX consultation_comment_files_comment ON consultation_comment_files (comment_id);

-- One "agree" per account and comment (the key makes a second one a no-op).
CREATE TABLE consultation_agrees (
  comment_id BIGINT NOT NULL REFERENCES consultation_comments (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (comment_id, account_id)
);

-- Policy questions (issue 18 §4): single or multiple choice, optionally with an "other" text.
CREATE TABLE consultation_questions (
  id @ID_PRIMARY_KEY@,
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  multiple BOOLEAN NOT NULL DEFAULT FALSE,
  allow_other BOOLEAN NOT NULL DEFAULT FALSE,
  UNIQUE (consultation_id, seq)
);
CREATE TABLE consultation_options (
  id @ID_PRIMARY_KEY@,
  question_id BIGINT NOT NULL REFERENCES consultation_questions (id),
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (question_id, seq)
);
-- One answer per account and question: the key refuses a second, also under concurrent requests.
CREATE TABLE consultation_responses (
  question_id BIGINT NOT NULL REFERENCES consultation_questions (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  other_text TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (question_id, account_id)
);
CREATE TABLE consultation_response_options (
  question_id BIGINT NOT NULL REFERENCES consultation_questions (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  option_id BIGINT NOT NULL REFERENCES consultation_options (id),
  PRIMARY KEY (question_id, account_id, option_id)
);
CREATE INDEX consultation_response_options_option ON consultation_response_options (option_id, question_id);

-- Subscriptions (issue 18 §7): to one consultation (value = its id), to a field (value = the
-- field's text) or to a drafting agency (value = its id).
CREATE TABLE consultation_subscriptions (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  scope TEXT NOT NULL CHECK (scope IN ('consultation', 'field', 'agency')),
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, scope, value)
);
CREATE INDEX consultation_subscriptions_scope ON consultation_subscriptions (scope, value);

-- The published report as rendered (report.h), kept so that a download of a report of 100,000
-- comments costs a read, not a rendering; written by the first download after publication, dropped
-- when a comment is hidden later (the next download renders it again).
CREATE TABLE consultation_report_files (
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  content TEXT NOT NULL,  -- base64
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (consultation_id, format)
);

-- Each announcement of a consultation ('opened', 'closing', 'report') is made once across nodes:
-- the job inserts its key and fans out only when the insert changed a row.
CREATE TABLE consultation_announcements (
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  event TEXT NOT NULL,
  made_at TEXT NOT NULL,
  PRIMARY KEY (consultation_id, event)
);
-- What an account was told, shown at /consultations/notices (also sent by e-mail).
CREATE TABLE consultation_notices (
  id @ID_PRIMARY_KEY@,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  event TEXT NOT NULL CHECK (event IN ('opened', 'closing', 'report', 'answered', 'hidden')),
  comment_id BIGINT REFERENCES consultation_comments (id),
  created_at TEXT NOT NULL
);
CREATE INDEX consultation_notices_account ON consultation_notices (account_id, id);
