-- The number of open, received dossiers per (agency, state) and per (desk, state), kept by a
-- trigger on every write of a dossier's state, agency, desk or receipt (issue 15 §7; see the
-- SQLite variant for why). The predicate is the partial indexes' (005_open_queue).
CREATE TABLE dossier_open_counts (
  kind TEXT NOT NULL CHECK (kind IN ('agency', 'desk')),
  agency_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (kind, agency_id, state)
);
INSERT INTO dossier_open_counts (kind, agency_id, state, n)
  SELECT 'agency', agency_id, state, COUNT(*) FROM dossiers
  WHERE received_at IS NOT NULL AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')
  GROUP BY agency_id, state;
INSERT INTO dossier_open_counts (kind, agency_id, state, n)
  SELECT 'desk', desk_agency_id, state, COUNT(*) FROM dossiers
  WHERE received_at IS NOT NULL AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')
  GROUP BY desk_agency_id, state;

CREATE FUNCTION dossiers_open_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.agency_id = NEW.agency_id
     AND OLD.desk_agency_id = NEW.desk_agency_id AND (OLD.received_at IS NULL) = (NEW.received_at IS NULL) THEN
    RETURN NULL;  -- not moved: nothing to count
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.received_at IS NOT NULL
     AND OLD.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested') THEN
    UPDATE dossier_open_counts SET n = n - 1 WHERE kind = 'agency' AND agency_id = OLD.agency_id AND state = OLD.state;
    UPDATE dossier_open_counts SET n = n - 1 WHERE kind = 'desk' AND agency_id = OLD.desk_agency_id AND state = OLD.state;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.received_at IS NOT NULL
     AND NEW.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested') THEN
    INSERT INTO dossier_open_counts AS c (kind, agency_id, state, n) VALUES ('agency', NEW.agency_id, NEW.state, 1)
      ON CONFLICT (kind, agency_id, state) DO UPDATE SET n = c.n + 1;
    INSERT INTO dossier_open_counts AS c (kind, agency_id, state, n) VALUES ('desk', NEW.desk_agency_id, NEW.state, 1)
      ON CONFLICT (kind, agency_id, state) DO UPDATE SET n = c.n + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER dossiers_open_count AFTER INSERT OR DELETE OR UPDATE OF state, agency_id, desk_agency_id, received_at
  ON dossiers FOR EACH ROW EXECUTE FUNCTION dossiers_open_count();
