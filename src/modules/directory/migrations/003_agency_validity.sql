-- Agencies' periods of validity and successors (issue 12 §14), as admin units have: departments
-- merged in 2025 and the district people's committees abolished from 1/7/2025 (NA Resolution
-- 202/2025/QH15, two-tier local government) end, and their open cases go to the successor.
-- Dates are ISO text 'YYYY-MM-DD'; valid_from NULL = before the records began; valid_to is the
-- last day (inclusive), NULL while the agency exists. An agency with valid_to is ended: inactive,
-- with a successor (modules/directory/agency.h check_agency).
ALTER TABLE agencies ADD COLUMN valid_from TEXT;
ALTER TABLE agencies ADD COLUMN valid_to TEXT;
ALTER TABLE agencies ADD COLUMN successor_id BIGINT REFERENCES agencies (id);
