-- The processing queue /work (issue 15 §7): only open, received dossiers, each listed in index
-- order per (agency, state) and counted from the index alone (store_processing.cpp). The WHERE
-- clause is repeated verbatim by the queue's statements so that both engines use these partial
-- indexes; they hold the open dossiers only, so they stay small whatever the archive's size.
CREATE INDEX dossiers_open_agency ON dossiers (agency_id, state, due_date, code, assignee_id, received_at)
  WHERE received_at IS NOT NULL AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested');
CREATE INDEX dossiers_open_desk ON dossiers (desk_agency_id, state, due_date, code, assignee_id, received_at)
  WHERE received_at IS NOT NULL AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested');
