-- The monthly figures per procedure (007) follow every change of a dossier, not only its receipt
-- and return: a corrected moment of receipt or return, an on-time flag set again, a hand-over to
-- another agency, a procedure or channel corrected — by any writer (the use cases, an import, a
-- repair in SQL). The update trigger takes the old version's contribution off and adds the new
-- one's (its ratings' included); a result file added after the return counts it as digitised. The
-- recount (`tinhso indicators recount --check`, run after every scenario of the HTTP suite) found
-- the gap: a dossier whose receipt was moved to an earlier month stayed in the later one.
DROP TRIGGER IF EXISTS dossier_procedure_stats_receive_insert;
DROP TRIGGER IF EXISTS dossier_procedure_stats_receive;
DROP TRIGGER IF EXISTS dossier_procedure_stats_return_insert;
DROP TRIGGER IF EXISTS dossier_procedure_stats_return;

CREATE TRIGGER dossier_procedure_stats_insert AFTER INSERT ON dossiers WHEN NEW.received_at IS NOT NULL
BEGIN
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
    VALUES (NEW.responsible_agency_id, strftime('%Y-%m', NEW.received_at, '+7 hours'), NEW.procedure_id, 1,
            CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END)
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = received + 1,
      received_online = received_online + excluded.received_online;
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
    SELECT NEW.responsible_agency_id, strftime('%Y-%m', NEW.returned_at, '+7 hours'), NEW.procedure_id, 1,
           CASE WHEN NEW.on_time THEN 1 ELSE 0 END,
           CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.id AND f.role = 'result') THEN 1 ELSE 0 END,
           CAST(julianday(date(NEW.returned_at, '+7 hours')) - julianday(date(NEW.received_at, '+7 hours')) AS INTEGER)
    WHERE NEW.returned_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = returned + 1,
      on_time = on_time + excluded.on_time, digitised = digitised + excluded.digitised,
      days_sum = days_sum + excluded.days_sum;
END;

CREATE TRIGGER dossier_procedure_stats_update
  AFTER UPDATE OF responsible_agency_id, procedure_id, channel, received_at, returned_at, on_time ON dossiers
  WHEN OLD.responsible_agency_id IS NOT NEW.responsible_agency_id OR OLD.procedure_id IS NOT NEW.procedure_id
    OR OLD.channel IS NOT NEW.channel OR OLD.received_at IS NOT NEW.received_at
    OR OLD.returned_at IS NOT NEW.returned_at OR OLD.on_time IS NOT NEW.on_time
BEGIN
  -- The old version's contribution off.
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
    SELECT OLD.responsible_agency_id, strftime('%Y-%m', OLD.received_at, '+7 hours'), OLD.procedure_id, -1,
           CASE WHEN OLD.channel = 'online' THEN -1 ELSE 0 END
    WHERE OLD.received_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = received - 1,
      received_online = received_online + excluded.received_online;
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
    SELECT OLD.responsible_agency_id, strftime('%Y-%m', OLD.returned_at, '+7 hours'), OLD.procedure_id, -1,
           CASE WHEN OLD.on_time THEN -1 ELSE 0 END,
           CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = OLD.id AND f.role = 'result') THEN -1 ELSE 0 END,
           -CAST(julianday(date(OLD.returned_at, '+7 hours')) - julianday(date(OLD.received_at, '+7 hours')) AS INTEGER)
    WHERE OLD.returned_at IS NOT NULL AND OLD.received_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = returned - 1,
      on_time = on_time + excluded.on_time, digitised = digitised + excluded.digitised,
      days_sum = days_sum + excluded.days_sum;
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
    SELECT OLD.responsible_agency_id, strftime('%Y-%m', r.rated_at, '+7 hours'), OLD.procedure_id, -COUNT(*),
           -SUM(r.score), -SUM(CASE WHEN r.score <= 2 THEN 1 ELSE 0 END)
    FROM dossier_ratings r WHERE r.dossier_id = OLD.id AND OLD.received_at IS NOT NULL GROUP BY 2
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = rated + excluded.rated,
      rating_sum = rating_sum + excluded.rating_sum, dissatisfied = dissatisfied + excluded.dissatisfied;
  -- The new version's on.
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
    SELECT NEW.responsible_agency_id, strftime('%Y-%m', NEW.received_at, '+7 hours'), NEW.procedure_id, 1,
           CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END
    WHERE NEW.received_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = received + 1,
      received_online = received_online + excluded.received_online;
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
    SELECT NEW.responsible_agency_id, strftime('%Y-%m', NEW.returned_at, '+7 hours'), NEW.procedure_id, 1,
           CASE WHEN NEW.on_time THEN 1 ELSE 0 END,
           CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.id AND f.role = 'result') THEN 1 ELSE 0 END,
           CAST(julianday(date(NEW.returned_at, '+7 hours')) - julianday(date(NEW.received_at, '+7 hours')) AS INTEGER)
    WHERE NEW.returned_at IS NOT NULL AND NEW.received_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = returned + 1,
      on_time = on_time + excluded.on_time, digitised = digitised + excluded.digitised,
      days_sum = days_sum + excluded.days_sum;
  INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
    SELECT NEW.responsible_agency_id, strftime('%Y-%m', r.rated_at, '+7 hours'), NEW.procedure_id, COUNT(*),
           SUM(r.score), SUM(CASE WHEN r.score <= 2 THEN 1 ELSE 0 END)
    FROM dossier_ratings r WHERE r.dossier_id = NEW.id AND NEW.received_at IS NOT NULL GROUP BY 2
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = rated + excluded.rated,
      rating_sum = rating_sum + excluded.rating_sum, dissatisfied = dissatisfied + excluded.dissatisfied;
END;

-- The first result file of a dossier already returned makes it digitised.
CREATE TRIGGER dossier_procedure_stats_result_file AFTER INSERT ON dossier_files WHEN NEW.role = 'result'
BEGIN
  UPDATE dossier_procedure_stats SET digitised = digitised + 1
    WHERE (agency_id, month, procedure_id) IN (
      SELECT d.responsible_agency_id, strftime('%Y-%m', d.returned_at, '+7 hours'), d.procedure_id FROM dossiers d
      WHERE d.id = NEW.dossier_id AND d.returned_at IS NOT NULL AND d.received_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.dossier_id AND f.role = 'result'
                    AND f.id <> NEW.id);
END;
