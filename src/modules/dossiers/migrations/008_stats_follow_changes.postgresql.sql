-- The monthly figures per procedure (007) follow every change of a dossier: see the SQLite variant
-- of this migration. One function adds `sign` times a version's contribution.
DROP TRIGGER IF EXISTS dossier_procedure_stats_dossier ON dossiers;
DROP FUNCTION IF EXISTS dossier_procedure_stats_dossier();

CREATE FUNCTION dossier_procedure_stats_add(d dossiers, sign BIGINT, with_ratings BOOLEAN) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF d.received_at IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, received, received_online)
    VALUES (d.responsible_agency_id, tinhso_vn_month(d.received_at), d.procedure_id, sign,
            CASE WHEN d.channel = 'online' THEN sign ELSE 0 END)
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online;
  IF d.returned_at IS NOT NULL THEN
    INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
      VALUES (d.responsible_agency_id, tinhso_vn_month(d.returned_at), d.procedure_id, sign,
              CASE WHEN d.on_time THEN sign ELSE 0 END,
              CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.role = 'result') THEN sign ELSE 0 END,
              sign * tinhso_vn_days(d.received_at, d.returned_at))
      ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = t.returned + excluded.returned,
        on_time = t.on_time + excluded.on_time, digitised = t.digitised + excluded.digitised,
        days_sum = t.days_sum + excluded.days_sum;
  END IF;
  IF with_ratings THEN
    INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
      SELECT d.responsible_agency_id, tinhso_vn_month(r.rated_at), d.procedure_id, sign * COUNT(*), sign * SUM(r.score),
             sign * SUM(CASE WHEN r.score <= 2 THEN 1 ELSE 0 END)
      FROM dossier_ratings r WHERE r.dossier_id = d.id GROUP BY 2
      ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = t.rated + excluded.rated,
        rating_sum = t.rating_sum + excluded.rating_sum, dissatisfied = t.dissatisfied + excluded.dissatisfied;
  END IF;
END
$$;

CREATE FUNCTION dossier_procedure_stats_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dossier_procedure_stats_add(NEW, 1, FALSE);
  ELSIF OLD.responsible_agency_id IS DISTINCT FROM NEW.responsible_agency_id
        OR OLD.procedure_id IS DISTINCT FROM NEW.procedure_id OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.returned_at IS DISTINCT FROM NEW.returned_at
        OR OLD.on_time IS DISTINCT FROM NEW.on_time THEN
    PERFORM dossier_procedure_stats_add(OLD, -1, TRUE);
    PERFORM dossier_procedure_stats_add(NEW, 1, TRUE);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER dossier_procedure_stats_dossier
  AFTER INSERT OR UPDATE OF responsible_agency_id, procedure_id, channel, received_at, returned_at, on_time ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossier_procedure_stats_dossier();

CREATE FUNCTION dossier_procedure_stats_result_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.dossier_id AND f.role = 'result'
                 AND f.id <> NEW.id) THEN
    UPDATE dossier_procedure_stats t SET digitised = t.digitised + 1
      FROM dossiers d
      WHERE d.id = NEW.dossier_id AND d.returned_at IS NOT NULL AND d.received_at IS NOT NULL
        AND t.agency_id = d.responsible_agency_id AND t.month = tinhso_vn_month(d.returned_at)
        AND t.procedure_id = d.procedure_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER dossier_procedure_stats_result_file AFTER INSERT ON dossier_files
  FOR EACH ROW WHEN (NEW.role = 'result') EXECUTE FUNCTION dossier_procedure_stats_result_file();
