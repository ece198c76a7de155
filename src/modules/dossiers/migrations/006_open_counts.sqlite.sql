-- The number of open, received dossiers per (agency, state) and per (desk, state), kept by
-- triggers on every write of a dossier's state, agency, desk or receipt (issue 15 §7: the /work
-- queue's count read the open index entry by entry — 25,662 of them for the demo leader's agency
-- at 10 M dossiers, 55 % of the page). The predicate is the partial indexes' (005_open_queue).
-- Triggers rather than application code, so that every writer (use cases, hand-over of an ended
-- agency, the bench generator, a restore) keeps them; tests/unit compares them with COUNT(*).
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

CREATE TRIGGER dossiers_open_count_insert AFTER INSERT ON dossiers
  WHEN NEW.received_at IS NOT NULL AND NEW.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')
BEGIN
  INSERT INTO dossier_open_counts (kind, agency_id, state, n) VALUES ('agency', NEW.agency_id, NEW.state, 1)
    ON CONFLICT (kind, agency_id, state) DO UPDATE SET n = n + 1;
  INSERT INTO dossier_open_counts (kind, agency_id, state, n) VALUES ('desk', NEW.desk_agency_id, NEW.state, 1)
    ON CONFLICT (kind, agency_id, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER dossiers_open_count_delete AFTER DELETE ON dossiers
  WHEN OLD.received_at IS NOT NULL AND OLD.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')
BEGIN
  UPDATE dossier_open_counts SET n = n - 1 WHERE kind = 'agency' AND agency_id = OLD.agency_id AND state = OLD.state;
  UPDATE dossier_open_counts SET n = n - 1 WHERE kind = 'desk' AND agency_id = OLD.desk_agency_id AND state = OLD.state;
END;

-- An update that moves a dossier counts it out of its old (agency, state) and into its new one;
-- one that leaves them as they were touches nothing.
CREATE TRIGGER dossiers_open_count_update_old AFTER UPDATE OF state, agency_id, desk_agency_id, received_at ON dossiers
  WHEN OLD.received_at IS NOT NULL AND OLD.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')
  AND NOT (OLD.state = NEW.state AND OLD.agency_id = NEW.agency_id AND OLD.desk_agency_id = NEW.desk_agency_id
       AND NEW.received_at IS NOT NULL)
BEGIN
  UPDATE dossier_open_counts SET n = n - 1 WHERE kind = 'agency' AND agency_id = OLD.agency_id AND state = OLD.state;
  UPDATE dossier_open_counts SET n = n - 1 WHERE kind = 'desk' AND agency_id = OLD.desk_agency_id AND state = OLD.state;
END;

CREATE TRIGGER dossiers_open_count_update_new AFTER UPDATE OF state, agency_id, desk_agency_id, received_at ON dossiers
  WHEN NEW.received_at IS NOT NULL AND NEW.state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')
  AND NOT (OLD.state = NEW.state AND OLD.agency_id = NEW.agency_id AND OLD.desk_agency_id = NEW.desk_agency_id
       AND OLD.received_at IS NOT NULL)
BEGIN
  INSERT INTO dossier_open_counts (kind, agency_id, state, n) VALUES ('agency', NEW.agency_id, NEW.state, 1)
    ON CONFLICT (kind, agency_id, state) DO UPDATE SET n = n + 1;
  INSERT INTO dossier_open_counts (kind, agency_id, state, n) VALUES ('desk', NEW.desk_agency_id, NEW.state, 1)
    ON CONFLICT (kind, agency_id, state) DO UPDATE SET n = n + 1;
END;
