-- The petitions' monthly figures (issue 17 §4: petitions and feedback answered on time, Open311's
-- median time to close; Decision 766 indicators 5.2 and 5.3 — LEADERS.md §2), read by the
-- indicators module through api.h and recounted by `tinhso indicators recount --check`.
--
-- settled_at: the moment the petition left the open states for good — decided (for
-- recommendations and feedback: answered), refused, forwarded or guided (workflow.h); the first
-- such moment, set by the use case (usecases.cpp act). settled_on_time: whether that day (Viet
-- Nam's) was no later than the due day of the step that settled it — resolve_due for a decision,
-- accept_due for a refusal or guidance, forward_due for a forward (rules.h settled_on_time); a
-- step without a due day is on time. Filled here from the history for the petitions already
-- settled, judged against their due days as stored now.
--
-- petition_month_stats: per agency, Viet Nam's month, kind and channel — received by the month of
-- receipt; settled and settled on time by the month of settlement.
-- petition_settle_hours: per agency, month of settlement and channel, how many settled after each
-- whole number of hours from receipt (a histogram: the median time to close of Open311 reports).
-- Both kept by triggers in every writer's transaction: a change of a petition's agency (a hand
-- over, a forward), kind, channel or settlement takes its old contribution off and adds the new.
ALTER TABLE petitions ADD COLUMN settled_at TEXT;
ALTER TABLE petitions ADD COLUMN settled_on_time BOOLEAN;
UPDATE petitions SET settled_at = (SELECT MIN(e.at) FROM petition_events e WHERE e.petition_id = petitions.id
                                   AND e.to_state IN ('decided', 'refused', 'forwarded', 'guided'))
  WHERE state IN ('decided', 'notified', 'closed', 'refused', 'forwarded', 'guided');
UPDATE petitions SET settled_on_time = CASE
    WHEN (CASE WHEN state IN ('refused', 'guided') THEN accept_due WHEN state = 'forwarded' THEN forward_due
               ELSE resolve_due END) IS NULL THEN TRUE
    WHEN date(settled_at, '+7 hours') <= (CASE WHEN state IN ('refused', 'guided') THEN accept_due
                                               WHEN state = 'forwarded' THEN forward_due ELSE resolve_due END) THEN TRUE
    ELSE FALSE END
  WHERE settled_at IS NOT NULL;

CREATE TABLE petition_month_stats (
  agency_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  settled BIGINT NOT NULL DEFAULT 0,
  on_time BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, month, kind, channel)
);
CREATE INDEX petition_month_stats_month ON petition_month_stats (month, agency_id);
CREATE TABLE petition_settle_hours (
  agency_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  channel TEXT NOT NULL,
  hours BIGINT NOT NULL,
  settled BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, month, channel, hours)
);
CREATE INDEX petition_settle_hours_month ON petition_settle_hours (month, channel);

INSERT INTO petition_month_stats (agency_id, month, kind, channel, received)
  SELECT agency_id, strftime('%Y-%m', received_at, '+7 hours'), kind, channel, COUNT(*)
  FROM petitions GROUP BY 1, 2, 3, 4;
INSERT INTO petition_month_stats (agency_id, month, kind, channel, settled, on_time)
  SELECT agency_id, strftime('%Y-%m', settled_at, '+7 hours'), kind, channel, COUNT(*),
         SUM(CASE WHEN settled_on_time THEN 1 ELSE 0 END)
  FROM petitions WHERE settled_at IS NOT NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET settled = excluded.settled, on_time = excluded.on_time;
INSERT INTO petition_settle_hours (agency_id, month, channel, hours, settled)
  SELECT agency_id, strftime('%Y-%m', settled_at, '+7 hours'), channel,
         (CAST(strftime('%s', settled_at) AS INTEGER) - CAST(strftime('%s', received_at) AS INTEGER)) / 3600, COUNT(*)
  FROM petitions WHERE settled_at IS NOT NULL GROUP BY 1, 2, 3, 4;

CREATE TRIGGER petition_figures_insert AFTER INSERT ON petitions
BEGIN
  INSERT INTO petition_month_stats (agency_id, month, kind, channel, received)
    VALUES (NEW.agency_id, strftime('%Y-%m', NEW.received_at, '+7 hours'), NEW.kind, NEW.channel, 1)
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET received = received + 1;
  INSERT INTO petition_month_stats (agency_id, month, kind, channel, settled, on_time)
    SELECT NEW.agency_id, strftime('%Y-%m', NEW.settled_at, '+7 hours'), NEW.kind, NEW.channel, 1,
           CASE WHEN NEW.settled_on_time THEN 1 ELSE 0 END
    WHERE NEW.settled_at IS NOT NULL
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET settled = settled + 1,
      on_time = on_time + excluded.on_time;
  INSERT INTO petition_settle_hours (agency_id, month, channel, hours, settled)
    SELECT NEW.agency_id, strftime('%Y-%m', NEW.settled_at, '+7 hours'), NEW.channel,
           (CAST(strftime('%s', NEW.settled_at) AS INTEGER) - CAST(strftime('%s', NEW.received_at) AS INTEGER)) / 3600, 1
    WHERE NEW.settled_at IS NOT NULL
    ON CONFLICT (agency_id, month, channel, hours) DO UPDATE SET settled = settled + 1;
END;
CREATE TRIGGER petition_figures_update AFTER UPDATE OF agency_id, kind, channel, received_at, settled_at, settled_on_time
  ON petitions
  WHEN OLD.agency_id IS NOT NEW.agency_id OR OLD.kind IS NOT NEW.kind OR OLD.channel IS NOT NEW.channel
    OR OLD.received_at IS NOT NEW.received_at OR OLD.settled_at IS NOT NEW.settled_at
    OR OLD.settled_on_time IS NOT NEW.settled_on_time
BEGIN
  INSERT INTO petition_month_stats (agency_id, month, kind, channel, received)
    VALUES (OLD.agency_id, strftime('%Y-%m', OLD.received_at, '+7 hours'), OLD.kind, OLD.channel, -1)
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET received = received - 1;
  INSERT INTO petition_month_stats (agency_id, month, kind, channel, settled, on_time)
    SELECT OLD.agency_id, strftime('%Y-%m', OLD.settled_at, '+7 hours'), OLD.kind, OLD.channel, -1,
           CASE WHEN OLD.settled_on_time THEN -1 ELSE 0 END
    WHERE OLD.settled_at IS NOT NULL
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET settled = settled - 1,
      on_time = on_time + excluded.on_time;
  INSERT INTO petition_settle_hours (agency_id, month, channel, hours, settled)
    SELECT OLD.agency_id, strftime('%Y-%m', OLD.settled_at, '+7 hours'), OLD.channel,
           (CAST(strftime('%s', OLD.settled_at) AS INTEGER) - CAST(strftime('%s', OLD.received_at) AS INTEGER)) / 3600, -1
    WHERE OLD.settled_at IS NOT NULL
    ON CONFLICT (agency_id, month, channel, hours) DO UPDATE SET settled = settled - 1;
  INSERT INTO petition_month_stats (agency_id, month, kind, channel, received)
    VALUES (NEW.agency_id, strftime('%Y-%m', NEW.received_at, '+7 hours'), NEW.kind, NEW.channel, 1)
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET received = received + 1;
  INSERT INTO petition_month_stats (agency_id, month, kind, channel, settled, on_time)
    SELECT NEW.agency_id, strftime('%Y-%m', NEW.settled_at, '+7 hours'), NEW.kind, NEW.channel, 1,
           CASE WHEN NEW.settled_on_time THEN 1 ELSE 0 END
    WHERE NEW.settled_at IS NOT NULL
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET settled = settled + 1,
      on_time = on_time + excluded.on_time;
  INSERT INTO petition_settle_hours (agency_id, month, channel, hours, settled)
    SELECT NEW.agency_id, strftime('%Y-%m', NEW.settled_at, '+7 hours'), NEW.channel,
           (CAST(strftime('%s', NEW.settled_at) AS INTEGER) - CAST(strftime('%s', NEW.received_at) AS INTEGER)) / 3600, 1
    WHERE NEW.settled_at IS NOT NULL
    ON CONFLICT (agency_id, month, channel, hours) DO UPDATE SET settled = settled + 1;
END;
