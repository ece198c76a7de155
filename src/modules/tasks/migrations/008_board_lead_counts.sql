-- A scoped board at 1 M tasks (issue 16 §6 "for a period and scope"; bench line: ≤ 2× its time at
-- 10 k): the Fenwick tree's assigning-office (dim 1) and assigning-leader (dim 2) counts also per
-- lead body, so that a scope's figures per office and leader are read from at most 17 nodes per
-- key instead of counting its lead bodies' spans (linear in their tasks; modules/tasks/
-- store_board.h scope_figures). Same columns and meaning as task_board_counts.
CREATE TABLE task_board_lead_counts (
  rule INTEGER NOT NULL,
  dim INTEGER NOT NULL,
  lead_agency_id BIGINT NOT NULL,
  node INTEGER NOT NULL,
  key_id BIGINT NOT NULL,
  done_on_time BIGINT NOT NULL DEFAULT 0,
  done_late BIGINT NOT NULL DEFAULT 0,
  in_progress BIGINT NOT NULL DEFAULT 0,
  overdue BIGINT NOT NULL DEFAULT 0,
  ongoing BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (rule, dim, lead_agency_id, node, key_id)
);
-- Covering: a scope's figures read only this index.
CREATE INDEX task_board_lead_counts_sums ON task_board_lead_counts (rule, dim, lead_agency_id, node, key_id,
                                                                    done_on_time, done_late, in_progress, overdue,
                                                                    ongoing);
-- One lead body's tasks of one bucket (a scoped board's overdue list, longest overdue first, and
-- a lead body × bucket cell's list) read only that bucket's spans of that body.
CREATE INDEX task_board_spans_lead_bucket ON task_board_spans (rule, lead_agency_id, bucket, from_day, to_day, task_id);
-- The layout with these counts is 3 (store_board.cpp kLayout): a database with tasks is rebuilt
-- (`tinhso tasks rebuild-board --if-needed` after the upgrade), an empty one is in it already.
UPDATE task_board_state SET layout = 3 WHERE layout = 2 AND NOT EXISTS (SELECT 1 FROM tasks);
