-- The leaders' board at scale (issue 16 §6, bench line: 1 M tasks over 5 years): the bucket of
-- every task the assigner gave (no parent) as spans of days, and their counts per lead body and
-- bucket as a Fenwick tree over days, so that the figures as of any day are one indexed read of at
-- most 16 tree nodes whatever the number of tasks (modules/tasks/store_board.h).
--
-- task_board_spans: from_day..to_day (both included; '9999-12-31' = open) the task is in `bucket`
-- (the index in rules.h kCountedBuckets) under the on-time `rule` (0 deadline_in_force,
-- 1 original_deadline), computed by the C++ rules themselves (board.h bucket_spans); a day on which
-- the task is not counted (before its assignment, after a cancel or merge) is in no span.
-- task_board_tree: node i of the Fenwick tree over day numbers (1 = 1990-01-01) holds, per lead
-- body, one column per bucket, the sum of the span starts (+1) and ends (−1, the day after to_day) of the days
-- i − lowbit(i) + 1 .. i; the count as of day d is the sum over the prefix nodes of d. Both tables
-- are rewritten together, in the transaction of the step that changed the task.
-- task_board_state.built = 0: the tables must be rebuilt from the tasks before use (a database that
-- had tasks when this migration ran); the first read rebuilds them.
CREATE TABLE task_board_spans (
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  rule INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  lead_agency_id BIGINT NOT NULL,
  bucket INTEGER NOT NULL,
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  PRIMARY KEY (task_id, rule, seq)
);
CREATE INDEX task_board_spans_cell ON task_board_spans (rule, lead_agency_id, bucket, from_day);

CREATE TABLE task_board_tree (
  rule INTEGER NOT NULL,
  node INTEGER NOT NULL,
  lead_agency_id BIGINT NOT NULL,
  done_on_time BIGINT NOT NULL DEFAULT 0,
  done_late BIGINT NOT NULL DEFAULT 0,
  in_progress BIGINT NOT NULL DEFAULT 0,
  overdue BIGINT NOT NULL DEFAULT 0,
  ongoing BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (rule, node, lead_agency_id)
);
-- Covering: the figures as of a day read only this index (at most 16 nodes × the lead bodies).
CREATE INDEX task_board_tree_sums ON task_board_tree (rule, node, lead_agency_id, done_on_time, done_late, in_progress,
                                                      overdue, ongoing);

CREATE TABLE task_board_state (
  id INTEGER PRIMARY KEY,
  built INTEGER NOT NULL
);
INSERT INTO task_board_state (id, built) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM tasks) THEN 0 ELSE 1 END;
