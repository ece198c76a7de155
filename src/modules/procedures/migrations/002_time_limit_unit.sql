-- A procedure's time limit has its unit (issue 12 finding 13): "working_days" (ngày làm việc) or
-- "days" (ngày: calendar days, Civil Code 2015 Art. 147–148, rolled to the next working day when
-- the last day is a day off). `time_limit_working_days` keeps its first name and holds the amount
-- in that unit; rows made before this migration were working days.
ALTER TABLE procedures ADD COLUMN time_limit_unit TEXT NOT NULL DEFAULT 'working_days'
  CHECK (time_limit_unit IN ('working_days', 'days'));
