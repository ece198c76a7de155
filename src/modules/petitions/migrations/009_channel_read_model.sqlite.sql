-- The read model of the petitions that arrive through another module's channel (today Open311:
-- every channel but the online form, letters and visits), owned by this module and declared in
-- api.h. Other modules SELECT from these views and this table and never write them; they name no
-- table of this module.
--
-- channel_petitions: one row per such petition. outcome_note is the note of its last refuse,
-- forward or decide event once it is refused, forwarded, decided, notified or closed, else ''.
CREATE VIEW channel_petitions AS
SELECT p.id, p.code, p.channel, p.state, p.agency_id, p.updated_at, p.resolve_due,
  CASE WHEN p.state IN ('refused', 'forwarded', 'decided', 'notified', 'closed') THEN
    COALESCE((SELECT e.note FROM petition_events e WHERE e.petition_id = p.id
              AND e.action IN ('refuse', 'forward', 'decide') ORDER BY e.id DESC LIMIT 1), '')
  ELSE '' END AS outcome_note
FROM petitions p WHERE p.channel NOT IN ('online', 'letter', 'in_person');

-- channel_petition_events: the history of those petitions, with the petition's code.
CREATE VIEW channel_petition_events AS
SELECT e.id, e.petition_id, p.code, e.action, e.to_state, e.note, e.at
FROM petition_events e JOIN petitions p ON p.id = e.petition_id
WHERE p.channel NOT IN ('online', 'letter', 'in_person');
-- Events by time (replaces open311's petition_events_at, which its migration 004 drops).
CREATE INDEX IF NOT EXISTS petition_events_by_at ON petition_events (at);

-- channel_petition_versions: a number per channel raised in the transaction of every change of
-- one of its petitions, so a cache of what that channel shows knows when it is stale (the row
-- orders concurrent writers). Replaces open311's trigger on petitions (its migration 004).
CREATE TABLE channel_petition_versions (
  channel TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO channel_petition_versions (channel, version) VALUES ('open311', 0);
CREATE TRIGGER petitions_channel_changed AFTER UPDATE ON petitions
WHEN NEW.channel NOT IN ('online', 'letter', 'in_person')
BEGIN UPDATE channel_petition_versions SET version = version + 1 WHERE channel = NEW.channel; END;
