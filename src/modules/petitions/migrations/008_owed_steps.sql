-- The steps a petition still owes, for the desk's overdue filter and priority box (issue 12
-- findings 12, 15).
-- acceptance_notified_at: when the denouncer was sent the acceptance (Law on Denunciations 2018
--   Art. 29(3)); NULL = not yet, also for denunciations accepted before this migration (the
--   sending was not recorded then: the desk shows it owed until an officer records it).
-- extension_notice_due: the day the earliest unsent extension decision must be sent to the
--   denouncer and the denounced by (Law on Denunciations 2018 Art. 30(4); the period is a setting,
--   the Law gives none); NULL = none owed. petition_extensions.notified_at: when it was sent.
-- pending_due: the earliest due day of the steps the petition's state still owes (workflow.h
--   pending_steps, computed on every write by petition.h compute_due_days); NULL = none (final
--   states). "Overdue" is pending_due < today: one indexed range per scope.
ALTER TABLE petitions ADD COLUMN acceptance_notified_at TEXT;
ALTER TABLE petitions ADD COLUMN extension_notice_due TEXT;
ALTER TABLE petitions ADD COLUMN pending_due TEXT;
ALTER TABLE petition_extensions ADD COLUMN notified_at TEXT;
CREATE INDEX petitions_pending_agency ON petitions (agency_id, pending_due) WHERE pending_due IS NOT NULL;
CREATE INDEX petitions_pending ON petitions (pending_due) WHERE pending_due IS NOT NULL;
-- The rows written before this migration, as pending_steps computes it (no extension notice is
-- owed: their sending was not recorded).
UPDATE petitions SET pending_due = (
  SELECT MIN(d) FROM (
    SELECT CASE WHEN petitions.state IN ('received', 'classified')
                 AND petitions.kind IN ('complaint_first', 'complaint_second', 'denunciation')
                THEN petitions.accept_due END AS d
    UNION ALL SELECT CASE WHEN petitions.state IN ('received', 'classified') THEN petitions.forward_due END
    UNION ALL SELECT CASE WHEN petitions.state IN ('received', 'classified', 'accepted', 'assigned', 'verified')
                          THEN petitions.resolve_due END
    UNION ALL SELECT CASE WHEN petitions.kind = 'denunciation'
                           AND petitions.state IN ('accepted', 'assigned', 'verified', 'decided', 'notified')
                          THEN petitions.notice_due END
    UNION ALL SELECT CASE WHEN petitions.state = 'decided' THEN petitions.send_due END
  ) AS owed
) WHERE state NOT IN ('closed', 'refused', 'forwarded', 'guided');
