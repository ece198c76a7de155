-- The files of a lead body's reports (issue 16 §3: progress reports with text, percentage and
-- files; the completion report with its product): PDF, JPEG or PNG as decided by their content
-- (core/document/files.h), stored as base64 text like petitions' attachments, with the step and
-- the day they came with. Listing never reads `content`.
CREATE TABLE task_report_files (
  id @ID_PRIMARY_KEY@,
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  action TEXT NOT NULL CHECK (action IN ('report_progress', 'report_completion')),
  on_day TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX task_report_files_task ON task_report_files (task_id, id);
