-- Directives and tasks (issue 16 §1–§4): the source documents the leaders issue (conclusion
-- notices, directives, plans, action programmes, official letters), their items clause by clause,
-- the tasks assigned from each item (and the sub-tasks a lead body makes for its units), every
-- version of each task's deadline, extension requests, progress reports and the task's history.
-- Bucket rules (on time / late / in progress / overdue / ongoing as of any day) are in
-- modules/tasks/rules.h; the transitions in workflow.h. Days are "YYYY-MM-DD" text, moments
-- ISO-8601 UTC text, on both dialects.
CREATE TABLE task_documents (
  id @ID_PRIMARY_KEY@,
  kind TEXT NOT NULL CHECK (kind IN ('conclusion_notice', 'directive', 'plan', 'action_programme', 'official_letter')),
  number TEXT NOT NULL,  -- number and symbol as printed, e.g. "123-TB/TU"
  issued_on TEXT NOT NULL,
  issuer_agency_id BIGINT NOT NULL REFERENCES agencies (id),
  signer TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  is_public BOOLEAN NOT NULL DEFAULT FALSE,  -- shown on the public page (issue 16 §8) only when TRUE
  file_path TEXT NOT NULL DEFAULT '',     -- the signed file (PDF) in the uploads store; '' = none
  file_sha256 TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id),
  UNIQUE (issuer_agency_id, number, issued_on)
);
CREATE INDEX task_documents_issued ON task_documents (issued_on);

CREATE TABLE task_items (
  id @ID_PRIMARY_KEY@,
  document_id BIGINT NOT NULL REFERENCES task_documents (id),
  seq INTEGER NOT NULL,  -- 1, 2, ... in the document's order
  clause TEXT NOT NULL DEFAULT '',  -- the clause's own label: "1", "2.a", ...
  text TEXT NOT NULL,
  UNIQUE (document_id, seq)
);

-- A task; parent_id set for a sub-task (same item). The deadline: kind 'date' and
-- 'working_days' have due dates (deadline_days for the latter, counted from assigned_on);
-- 'recurring' repeats every month/quarter/year on recurring_day (recurring_month for a year);
-- 'none' is an ongoing task. original_due and due are the first and the current version of
-- task_deadline_versions (NULL for recurring and none), kept here for the board's queries.
-- completion_reported_on: the day of the last completion report; completed_on: that day, set when
-- the assigner confirmed it (confirmed_on); closed_on: the day of a cancel or merge.
CREATE TABLE tasks (
  id @ID_PRIMARY_KEY@,
  item_id BIGINT NOT NULL REFERENCES task_items (id),
  parent_id BIGINT REFERENCES tasks (id),
  content TEXT NOT NULL,
  lead_agency_id BIGINT NOT NULL REFERENCES agencies (id),
  assigner_agency_id BIGINT NOT NULL REFERENCES agencies (id),
  product TEXT NOT NULL CHECK (product IN ('report', 'plan', 'draft_resolution', 'decision', 'proposal', 'other')),
  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high', 'urgent')),
  assigned_on TEXT NOT NULL,
  assigned_by BIGINT REFERENCES accounts (id),
  deadline_kind TEXT NOT NULL CHECK (deadline_kind IN ('date', 'working_days', 'recurring', 'none')),
  deadline_days INTEGER NOT NULL DEFAULT 0,
  recurring_every TEXT NOT NULL DEFAULT '' CHECK (recurring_every IN ('', 'month', 'quarter', 'year')),
  recurring_day INTEGER NOT NULL DEFAULT 0,
  recurring_month INTEGER NOT NULL DEFAULT 0,
  original_due TEXT,
  due TEXT,
  state TEXT NOT NULL CHECK (state IN ('assigned', 'acknowledged', 'completion_reported', 'done', 'cancelled', 'merged')),
  percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  completion_reported_on TEXT,
  completed_on TEXT,
  confirmed_on TEXT,
  closed_on TEXT,
  merged_into BIGINT REFERENCES tasks (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tasks_lead_state ON tasks (lead_agency_id, state, due);
CREATE INDEX tasks_state_due ON tasks (state, due);
CREATE INDEX tasks_assigned_on ON tasks (assigned_on, lead_agency_id);
CREATE INDEX tasks_item ON tasks (item_id);
CREATE INDEX tasks_parent ON tasks (parent_id);

CREATE TABLE task_coordinators (
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX task_coordinators_agency ON task_coordinators (agency_id, task_id);

-- Every version of a task's due day (issue 16 §3, LEADERS.md §1): number 0 is the original, in
-- force from the assignment; each approved extension adds the next number, in force from the day
-- it was approved (approved_on). `given` is the date as written; `due` the day in force (a day
-- off rolled forward to the next working day, Civil Code 2015 Art. 148(5)).
CREATE TABLE task_deadline_versions (
  id @ID_PRIMARY_KEY@,
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  number INTEGER NOT NULL,
  given TEXT NOT NULL,
  due TEXT NOT NULL,
  approved_on TEXT NOT NULL,
  extension_id BIGINT,
  UNIQUE (task_id, number)
);

CREATE TABLE task_extension_requests (
  id @ID_PRIMARY_KEY@,
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  requested_on TEXT NOT NULL,
  requested_by BIGINT REFERENCES accounts (id),
  new_due TEXT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
  decided_on TEXT,
  decided_by BIGINT REFERENCES accounts (id),
  refusal_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_extension_requests_task ON task_extension_requests (task_id, state);

-- Progress and completion reports of the lead body (issue 16 §3): the text, and the percentage
-- for a progress report (100 for a completion report).
CREATE TABLE task_reports (
  id @ID_PRIMARY_KEY@,
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  kind TEXT NOT NULL CHECK (kind IN ('progress', 'completion')),
  reported_on TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  text TEXT NOT NULL,
  reported_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX task_reports_task ON task_reports (task_id, reported_on);

-- Every step of a task (workflow.h): the day it counts for (`on_day`, what the as-of rules read),
-- the moment it was recorded, who (account and the part they acted in: assigner, lead,
-- coordinator), from and to which state, and what the action carried.
CREATE TABLE task_events (
  id @ID_PRIMARY_KEY@,
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  on_day TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id BIGINT REFERENCES accounts (id),
  part TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_events_task ON task_events (task_id, id);

-- Reminders already sent (issue 16 §5): one row per task and threshold ("before:3",
-- "due", "overdue:2021-W27"), inserted in the sending transaction so that each is sent once
-- across nodes.
CREATE TABLE task_reminders_sent (
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  threshold TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (task_id, threshold)
);
