-- The directory's read model (api.h): what other modules may join in their own SQL — an agency's
-- id, code, name and whether it is active — so that none names the directory's tables.
CREATE VIEW directory_agencies AS SELECT id, code, name, active FROM agencies;
