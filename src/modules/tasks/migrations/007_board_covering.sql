-- The board's reads of the stored spans without a table lookup per span (issue 16 bench line:
-- one lead body's board at 1 M tasks read ≈ 12 000 spans from as many table pages, 48 MB copied
-- per request): each read has an index holding every column it needs.
--   by lead body: a scoped board (store_board.h board_spans) and a lead body's lists;
--   by document: the board's page of documents and the public document page (document_spans);
--   by bucket: the overdue list and the whole province's lists (cell_ids), longest overdue first.
DROP INDEX task_board_spans_cell;
DROP INDEX task_board_spans_document;
DROP INDEX task_board_spans_bucket;
CREATE INDEX task_board_spans_lead ON task_board_spans (rule, lead_agency_id, from_day, to_day, bucket, task_id,
                                                        document_id, assigner_agency_id, assigned_by);
CREATE INDEX task_board_spans_document ON task_board_spans (rule, document_id, from_day, to_day, bucket, task_id,
                                                            lead_agency_id, assigner_agency_id, assigned_by);
CREATE INDEX task_board_spans_bucket ON task_board_spans (rule, bucket, from_day, to_day, task_id, lead_agency_id,
                                                          document_id, assigner_agency_id, assigned_by);
