-- The petitions' legal periods (issue 12 findings 12, 15): the due days that were computed but not
-- stored, the moment of the decision they run from, a second complaint's first decision made
-- outside the system, and a denunciation's extensions.
-- forward_due: forwarding to the competent agency (Law on Denunciations 2018 Art. 24(1), Decree
--   20/2008/NĐ-CP Art. 9) or, for a complaint, the guidance (Circular 07/2014/TT-TTCP Art. 8(1)).
-- notice_due: a denunciation's acceptance told to the denouncer (Law on Denunciations 2018 Art. 29(3)).
-- send_due: the decision sent to the parties (Law on Complaints 2011 Art. 32, 41; Law on
--   Denunciations 2018 Art. 35(3)), counted from decided_at.
-- first_decision_*: Law on Complaints 2011 Art. 33: a second complaint whose first was decided
--   elsewhere names that decision (number, YYYY-MM-DD, agency); the filer's copy is an attachment.
ALTER TABLE petitions ADD COLUMN decided_at TEXT;
ALTER TABLE petitions ADD COLUMN forward_due TEXT;
ALTER TABLE petitions ADD COLUMN notice_due TEXT;
ALTER TABLE petitions ADD COLUMN send_due TEXT;
ALTER TABLE petitions ADD COLUMN first_decision_number TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN first_decision_date TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN first_decision_agency TEXT NOT NULL DEFAULT '';

-- A denunciation's extensions of its resolve period (Law on Denunciations 2018 Art. 30(2)–(4)):
-- one for a complex case, two for a particularly complex one, each at most 30 days, each a written
-- decision (number and date). position: 1, 2 in order; the pair is unique so that two officers
-- extending at once cannot both record the same one.
CREATE TABLE petition_extensions (
  id @ID_PRIMARY_KEY@,
  petition_id BIGINT NOT NULL REFERENCES petitions (id),
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 2),
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 30),
  decision_number TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  actor_id BIGINT REFERENCES accounts (id),
  UNIQUE (petition_id, position)
);
