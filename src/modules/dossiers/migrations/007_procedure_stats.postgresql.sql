-- Monthly figures per procedure and responsible agency, the inputs of the indicators module's
-- computed values and its Decision 766 scorecard (issue 17 §4–5); kept by triggers — see the
-- SQLite variant for what each column counts and why. Months are Viet Nam's (UTC+7): the stored
-- ISO-8601 UTC text read as a timestamp (its "Z" ignored) plus seven hours.
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

CREATE FUNCTION tinhso_vn_month(at TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(at::timestamp + interval '7 hours', 'YYYY-MM')
$$;
CREATE FUNCTION tinhso_vn_days(from_at TEXT, to_at TEXT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
  SELECT ((to_at::timestamp + interval '7 hours')::date - (from_at::timestamp + interval '7 hours')::date)::bigint
$$;

INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online)
  SELECT responsible_agency_id, tinhso_vn_month(received_at), procedure_id, COUNT(*),
         SUM(CASE WHEN channel = 'online' THEN 1 ELSE 0 END)
  FROM dossiers WHERE received_at IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
  SELECT d.responsible_agency_id, tinhso_vn_month(d.returned_at), d.procedure_id, COUNT(*),
         SUM(CASE WHEN d.on_time THEN 1 ELSE 0 END),
         SUM(CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.role = 'result') THEN 1 ELSE 0 END),
         SUM(tinhso_vn_days(d.received_at, d.returned_at))
  FROM dossiers d WHERE d.returned_at IS NOT NULL AND d.received_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = excluded.returned,
    on_time = excluded.on_time, digitised = excluded.digitised, days_sum = excluded.days_sum;
INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
  SELECT d.responsible_agency_id, tinhso_vn_month(r.rated_at), d.procedure_id, COUNT(*), SUM(r.score),
         SUM(CASE WHEN r.score <= 2 THEN 1 ELSE 0 END)
  FROM dossier_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.received_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = excluded.rated,
    rating_sum = excluded.rating_sum, dissatisfied = excluded.dissatisfied;

CREATE FUNCTION dossier_procedure_stats_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.received_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.received_at IS NULL) THEN
    INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, received, received_online)
      VALUES (NEW.responsible_agency_id, tinhso_vn_month(NEW.received_at), NEW.procedure_id, 1,
              CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END)
      ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET received = t.received + 1,
        received_online = t.received_online + excluded.received_online;
  END IF;
  IF NEW.returned_at IS NOT NULL AND NEW.received_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.returned_at IS NULL) THEN
    INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, returned, on_time, digitised, days_sum)
      VALUES (NEW.responsible_agency_id, tinhso_vn_month(NEW.returned_at), NEW.procedure_id, 1,
              CASE WHEN NEW.on_time THEN 1 ELSE 0 END,
              CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = NEW.id AND f.role = 'result') THEN 1 ELSE 0 END,
              tinhso_vn_days(NEW.received_at, NEW.returned_at))
      ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET returned = t.returned + 1,
        on_time = t.on_time + excluded.on_time, digitised = t.digitised + excluded.digitised,
        days_sum = t.days_sum + excluded.days_sum;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER dossier_procedure_stats_dossier AFTER INSERT OR UPDATE OF received_at, returned_at ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossier_procedure_stats_dossier();

CREATE FUNCTION dossier_procedure_stats_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dossier_procedure_stats AS t (agency_id, month, procedure_id, rated, rating_sum, dissatisfied)
    SELECT d.responsible_agency_id, tinhso_vn_month(NEW.rated_at), d.procedure_id, 1, NEW.score,
           CASE WHEN NEW.score <= 2 THEN 1 ELSE 0 END
    FROM dossiers d WHERE d.id = NEW.dossier_id AND d.received_at IS NOT NULL
    ON CONFLICT (agency_id, month, procedure_id) DO UPDATE SET rated = t.rated + 1,
      rating_sum = t.rating_sum + excluded.rating_sum, dissatisfied = t.dissatisfied + excluded.dissatisfied;
  RETURN NULL;
END
$$;
CREATE TRIGGER dossier_procedure_stats_rating AFTER INSERT ON dossier_ratings
  FOR EACH ROW EXECUTE FUNCTION dossier_procedure_stats_rating();

CREATE INDEX dossiers_returned ON dossiers (responsible_agency_id, returned_at) WHERE returned_at IS NOT NULL;
