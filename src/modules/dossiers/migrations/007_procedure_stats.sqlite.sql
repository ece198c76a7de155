-- Monthly figures per procedure and responsible agency, the inputs of the indicators module's
-- computed values and its Decision 766 scorecard (issue 17 §4–5; LEADERS.md §2): received and
-- received online by the month of receipt; returned, on time, with an electronic result
-- (a 'result' file), and the calendar days from receipt to return by the month of return; ratings
-- (count, sum of scores, scores of 1–2) by the month of rating. Months are Viet Nam's (UTC+7).
-- Kept by triggers, like dossier_open_counts (006), so that every writer keeps them — the use
-- cases, the bench generator, a restore; `tinhso indicators recount --check` recounts them in
-- C++ from the dossiers and names every cell that differs.
CREATE TABLE dossier_procedure_stats (
  agency_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  procedure_id BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  received_online BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  on_time BIGINT NOT NULL DEFAULT 0,
  digitised BIGINT NOT NULL DEFAULT 0,
  days_sum BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rating_sum BIGINT NOT NULL DEFAULT 0,
  dissatisfied BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, month, procedure_id)
);
CREATE INDEX dossier_procedure_stats_month ON dossier_procedure_stats (month, agency_id);

INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
  SELECT responsible_agency_id, strftime('%Y-%m', received_at, '+7 hours'), procedure_id, COUNT(*),
         SUM(CASE WHEN channel = 'online' THEN 1 ELSE 0 END)
  FROM dossiers WHERE received_at IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
  SELECT d.responsible_agency_id, strftime('%Y-%m', d.returned_at, '+7 hours'), d.procedure_id, COUNT(*),
         SUM(CASE WHEN d.on_time THEN 1 ELSE 0 END),
         SUM(CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.role = 'result') THEN 1 ELSE 0 END),
         SUM(CAST(julianday(date(d.returned_at, '+7 hours')) - julianday(date(d.received_at, '+7 hours')) AS INTEGER))
  FROM dossiers d WHERE d.returned_at IS NOT NULL AND d.received_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = excluded.returned,
    on_time = excluded.on_time, digitised = excluded.digitised, days_sum = excluded.days_sum;
INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
  SELECT d.responsible_agency_id, strftime('%Y-%m', r.rated_at, '+7 hours'), d.procedure_id, COUNT(*), SUM(r.score),
         SUM(CASE WHEN r.score <= 2 THEN 1 ELSE 0 END)
  FROM dossier_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.received_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = excluded.rated,
    rating_sum = excluded.rating_sum, dissatisfied = excluded.dissatisfied;

CREATE TRIGGER dossier_procedure_stats_receive_insert AFTER INSERT ON dossiers WHEN NEW.received_at IS NOT NULL
BEGIN
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
    VALUES (NEW.responsible_agency_id, strftime('%Y-%m', NEW.received_at, '+7 hours'), NEW.procedure_id, 1,
            CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END)
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = received + 1,
      received_online = received_online + excluded.received_online;
END;
CREATE TRIGGER dossier_procedure_stats_receive AFTER UPDATE OF received_at ON dossiers
  WHEN OLD.received_at IS NULL AND NEW.received_at IS NOT NULL
BEGIN
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
    VALUES (NEW.responsible_agency_id, strftime('%Y-%m', NEW.received_at, '+7 hours'), NEW.procedure_id, 1,
            CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END)
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = received + 1,
      received_online = received_online + excluded.received_online;
END;
CREATE TRIGGER dossier_procedure_stats_return_insert AFTER INSERT ON dossiers
  WHEN NEW.returned_at IS NOT NULL AND NEW.received_at IS NOT NULL
BEGIN
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
    VALUES (NEW.responsible_agency_id, strftime('%Y-%m', NEW.returned_at, '+7 hours'), NEW.procedure_id, 1,
            CASE WHEN NEW.on_time THEN 1 ELSE 0 END,
            CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.id AND f.role = 'result') THEN 1 ELSE 0 END,
            CAST(julianday(date(NEW.returned_at, '+7 hours')) - julianday(date(NEW.received_at, '+7 hours')) AS INTEGER))
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = returned + 1,
      on_time = on_time + excluded.on_time, digitised = digitised + excluded.digitised,
      days_sum = days_sum + excluded.days_sum;
END;
CREATE TRIGGER dossier_procedure_stats_return AFTER UPDATE OF returned_at ON dossiers
  WHEN OLD.returned_at IS NULL AND NEW.returned_at IS NOT NULL AND NEW.received_at IS NOT NULL
BEGIN
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
    VALUES (NEW.responsible_agency_id, strftime('%Y-%m', NEW.returned_at, '+7 hours'), NEW.procedure_id, 1,
            CASE WHEN NEW.on_time THEN 1 ELSE 0 END,
            CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.id AND f.role = 'result') THEN 1 ELSE 0 END,
            CAST(julianday(date(NEW.returned_at, '+7 hours')) - julianday(date(NEW.received_at, '+7 hours')) AS INTEGER))
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = returned + 1,
      on_time = on_time + excluded.on_time, digitised = digitised + excluded.digitised,
      days_sum = days_sum + excluded.days_sum;
END;
CREATE TRIGGER dossier_procedure_stats_rating AFTER INSERT ON dossier_ratings
BEGIN
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
    SELECT d.responsible_agency_id, strftime('%Y-%m', NEW.rated_at, '+7 hours'), d.procedure_id, 1, NEW.score,
           CASE WHEN NEW.score <= 2 THEN 1 ELSE 0 END
    FROM dossiers d WHERE d.id = NEW.dossier_id AND d.received_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = rated + 1,
      rating_sum = rating_sum + excluded.rating_sum, dissatisfied = dissatisfied + excluded.dissatisfied;
END;

-- The records behind a month's figures: the dossiers an agency returned, by the moment of return
-- (the dashboard's drill-down to the late dossiers of a month, issue 17 §6).
CREATE INDEX dossiers_returned ON dossiers (responsible_agency_id, returned_at) WHERE returned_at IS NOT NULL;
