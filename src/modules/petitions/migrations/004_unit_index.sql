-- The desk search's filter by the admin unit where the matter arose (issue 6 §8), newest first.
CREATE INDEX petitions_unit ON petitions (admin_unit_id, received_at);
