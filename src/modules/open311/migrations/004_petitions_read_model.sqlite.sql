-- The petitions module now owns what migrations 001 and 002 had put on its tables: the index of
-- events by time and the change trigger (petitions migration 009: channel_petition_versions,
-- read through the read model its api.h declares). This module drops its own copies.
DROP TRIGGER IF EXISTS open311_petition_changed;
DROP INDEX IF EXISTS petition_events_at;
