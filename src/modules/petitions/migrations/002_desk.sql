-- The officers' desk (issue 6 parts 1 and 5): letters and in-person reception, groups, repeats.
-- long_running marks a petition that raises again, by the same person, a matter that already
-- reached a decision (khiếu kiện kéo dài; set when it is linked to such a petition, desk_rules.h).
-- late_filing_reason: the officer's reason for accepting a complaint after its filing period
-- (Law on Complaints 2011 Art. 9), '' when it was in time.
ALTER TABLE petitions ADD COLUMN long_running BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE petitions ADD COLUMN late_filing_reason TEXT NOT NULL DEFAULT '';
-- The desk's "đông người / kéo dài first" box reads only flagged petitions, newest first.
CREATE INDEX petitions_flagged_agency ON petitions (agency_id, received_at) WHERE long_running OR group_size >= 5;
CREATE INDEX petitions_flagged ON petitions (received_at) WHERE long_running OR group_size >= 5;
-- A first complaint's second complaints (the link is shown on both desk pages).
CREATE INDEX petitions_linked ON petitions (linked_petition_id);

-- The representatives a group chose (Law on Citizen Reception 2013 Art. 29; Law on Complaints
-- 2011 and Decree 124/2020/NĐ-CP on complaints by many people): 1–5 per petition, in the order given. For a denunciation name and contact stay empty
-- and sealed holds both, sealed like the denouncer's identity (petition.h seal_representative;
-- Law on Denunciations 2018 Art. 8(3)).
CREATE TABLE petition_representatives (
  id @ID_PRIMARY_KEY@,
  petition_id BIGINT NOT NULL REFERENCES petitions (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  sealed TEXT,
  UNIQUE (petition_id, position)
);

-- A later petition linked by an officer to an earlier one about the same matter: "same_matter"
-- (cùng vụ việc) or "duplicate" (trùng đơn). One row per pair, the later petition first.
CREATE TABLE petition_links (
  id @ID_PRIMARY_KEY@,
  petition_id BIGINT NOT NULL REFERENCES petitions (id),
  earlier_id BIGINT NOT NULL REFERENCES petitions (id),
  kind TEXT NOT NULL CHECK (kind IN ('same_matter', 'duplicate')),
  created_at TEXT NOT NULL,
  actor_id BIGINT REFERENCES accounts (id),
  UNIQUE (petition_id, earlier_id)
);
CREATE INDEX petition_links_earlier ON petition_links (earlier_id);
