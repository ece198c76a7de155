-- The version of what GET requests shows (api_routes.cpp caches its answers per node and reuses
-- one only while this number is unchanged): every change of an Open311 petition, report or
-- service bumps it, whichever module or node makes it, in the same transaction.
CREATE TABLE open311_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO open311_state (id, version) VALUES (1, 0);
CREATE TRIGGER open311_petition_changed AFTER UPDATE ON petitions WHEN NEW.channel = 'open311'
BEGIN UPDATE open311_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER open311_report_added AFTER INSERT ON open311_reports
BEGIN UPDATE open311_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER open311_report_changed AFTER UPDATE ON open311_reports
BEGIN UPDATE open311_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER open311_service_added AFTER INSERT ON open311_services
BEGIN UPDATE open311_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER open311_service_changed AFTER UPDATE ON open311_services
BEGIN UPDATE open311_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER open311_service_removed AFTER DELETE ON open311_services
BEGIN UPDATE open311_state SET version = version + 1 WHERE id = 1; END;
