-- The leaders' board's other dimensions at scale (issue 16 §6: counts per body, per document, per
-- assigning office and leader, and the trend, for 1 M tasks): each stored span also names the
-- task's document, assigning office and assigning leader (0: not recorded), and the Fenwick tree
-- over days counts per dimension of bounded size: `dim` 0 lead body, 1 assigning office, 2
-- assigning leader (account), 4 every task (key 0) — so that the whole province's board as of any
-- day is one indexed read of at most 17 nodes per key (modules/tasks/store_board.h). Documents
-- (≈ 50 000 at 1 M tasks) are read from the spans, one page of documents at a time.
-- Replaces task_board_tree (lead bodies only), which stays for the previous release's nodes while
-- an upgrade rolls (docs/OPERATIONS.md §9: no migration drops what the previous release reads; a
-- later release drops it). task_board_state.layout: the stored board's layout the tables hold;
-- the code rebuilds them (`tinhso tasks rebuild-board`, or the first read) while it is below its
-- own (store_board.cpp kLayout). An empty database is built in this layout already.
ALTER TABLE task_board_spans ADD COLUMN document_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE task_board_spans ADD COLUMN assigner_agency_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE task_board_spans ADD COLUMN assigned_by BIGINT NOT NULL DEFAULT 0;
-- A cell's list of one document, and the longest overdue first (the overdue span starts the day
-- after the due day in force).
CREATE INDEX task_board_spans_document ON task_board_spans (rule, document_id, bucket, from_day);
CREATE INDEX task_board_spans_bucket ON task_board_spans (rule, bucket, from_day);

CREATE TABLE task_board_counts (
  rule INTEGER NOT NULL,
  dim INTEGER NOT NULL,
  node INTEGER NOT NULL,
  key_id BIGINT NOT NULL,
  done_on_time BIGINT NOT NULL DEFAULT 0,
  done_late BIGINT NOT NULL DEFAULT 0,
  in_progress BIGINT NOT NULL DEFAULT 0,
  overdue BIGINT NOT NULL DEFAULT 0,
  ongoing BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (rule, dim, node, key_id)
);
-- Covering: the figures of one dimension as of a day read only this index.
CREATE INDEX task_board_counts_sums ON task_board_counts (rule, dim, node, key_id, done_on_time, done_late, in_progress,
                                                          overdue, ongoing);
ALTER TABLE task_board_state ADD COLUMN layout INTEGER NOT NULL DEFAULT 0;
UPDATE task_board_state SET layout = 2 WHERE NOT EXISTS (SELECT 1 FROM tasks);
