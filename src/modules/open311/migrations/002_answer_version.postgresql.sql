-- The version of what GET requests shows (api_routes.cpp caches its answers per node and reuses
-- one only while this number is unchanged): every change of an Open311 petition, report or
-- service bumps it, whichever module or node makes it, in the same transaction (the row lock
-- orders concurrent writers).
CREATE TABLE open311_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO open311_state (id, version) VALUES (1, 0);
CREATE FUNCTION open311_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE open311_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER open311_petition_changed AFTER UPDATE ON petitions
FOR EACH ROW WHEN (NEW.channel = 'open311') EXECUTE FUNCTION open311_bump();
CREATE TRIGGER open311_report_changed AFTER INSERT OR UPDATE ON open311_reports
FOR EACH STATEMENT EXECUTE FUNCTION open311_bump();
CREATE TRIGGER open311_service_changed AFTER INSERT OR UPDATE OR DELETE ON open311_services
FOR EACH STATEMENT EXECUTE FUNCTION open311_bump();
