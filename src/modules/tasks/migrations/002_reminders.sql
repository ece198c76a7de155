-- Who was reminded of what (issue 16 §5): one row per focal officer of a reminder recorded in
-- task_reminders_sent, written in the same transaction as that row and the officer's mail_outbox
-- message; the in-app list /tasks/reminders reads it (newest first, by id).
CREATE TABLE task_reminder_notices (
  id @ID_PRIMARY_KEY@,
  task_id BIGINT NOT NULL,
  threshold TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  due TEXT NOT NULL,      -- the due day (or occurrence) reminded of, YYYY-MM-DD
  sent_on TEXT NOT NULL,  -- the day in Viet Nam it was sent
  created_at TEXT NOT NULL,
  FOREIGN KEY (task_id, threshold) REFERENCES task_reminders_sent (task_id, threshold),
  UNIQUE (task_id, threshold, account_id)
);
CREATE INDEX task_reminder_notices_account ON task_reminder_notices (account_id, id);
