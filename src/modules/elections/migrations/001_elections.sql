-- Elections of National Assembly and People's Council deputies (issue 19): Law 85/2015/QH13 as
-- amended by Law 83/2025/QH15. Everything here is data: a province's elections, constituencies,
-- polling areas and candidates are entered or imported, never coded.

-- An election day and the election committee that runs it (committee members: accounts).
CREATE TABLE elections (
  id @ID_PRIMARY_KEY@,
  name TEXT NOT NULL,
  election_date TEXT NOT NULL,           -- YYYY-MM-DD, polling day
  state TEXT NOT NULL DEFAULT 'preparing' CHECK (state IN ('preparing', 'counting', 'announced')),
  announced_at TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE election_committee_members (
  election_id BIGINT NOT NULL REFERENCES elections (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (election_id, account_id)
);

-- A constituency ("đơn vị bầu cử") of one body, its seats (Art. 10(4): at most 3 for the National
-- Assembly, 5 for a People's Council) and the area it covers.
CREATE TABLE election_constituencies (
  id @ID_PRIMARY_KEY@,
  election_id BIGINT NOT NULL REFERENCES elections (id),
  body TEXT NOT NULL CHECK (body IN ('national_assembly', 'provincial_council', 'commune_council')),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  area TEXT NOT NULL,                    -- the administrative units it covers, as published
  seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 5),
  short_list_decision TEXT NOT NULL DEFAULT '',  -- the force-majeure decision for a short list (Art. 57(6), 58(3))
  UNIQUE (election_id, body, number)
);

CREATE TABLE election_candidates (
  id @ID_PRIMARY_KEY@,
  constituency_id BIGINT NOT NULL REFERENCES election_constituencies (id),
  list_order INTEGER NOT NULL,           -- the order on the ballot (alphabetical by name, as published)
  name TEXT NOT NULL,
  birth_date TEXT NOT NULL,              -- YYYY-MM-DD: breaks a tie for the last seat (Art. 78)
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  UNIQUE (constituency_id, list_order)
);
CREATE INDEX election_candidates_constituency ON election_candidates (constituency_id);

-- A polling area ("khu vực bỏ phiếu") with its registered voters; it votes in one constituency of
-- each body (election_area_constituencies). Its polling team's members enter its minutes.
CREATE TABLE election_polling_areas (
  id @ID_PRIMARY_KEY@,
  election_id BIGINT NOT NULL REFERENCES elections (id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,                    -- the commune or ward, as published
  registered BIGINT NOT NULL CHECK (registered >= 0),
  UNIQUE (election_id, number)
);
CREATE TABLE election_area_constituencies (
  area_id BIGINT NOT NULL REFERENCES election_polling_areas (id),
  constituency_id BIGINT NOT NULL REFERENCES election_constituencies (id),
  PRIMARY KEY (area_id, constituency_id)
);
CREATE INDEX election_area_constituencies_constituency ON election_area_constituencies (constituency_id, area_id);
CREATE TABLE election_team_members (
  area_id BIGINT NOT NULL REFERENCES election_polling_areas (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (area_id, account_id)
);
CREATE INDEX election_team_members_account ON election_team_members (account_id);

-- A polling team's minutes of the count for one constituency and round (Art. 73–76): every save
-- is a new version (the latest counts), entered by a team member and checked by a second person;
-- after the constituency's result is certified a change is a correction with its reason.
CREATE TABLE election_minutes (
  id @ID_PRIMARY_KEY@,
  area_id BIGINT NOT NULL REFERENCES election_polling_areas (id),
  constituency_id BIGINT NOT NULL REFERENCES election_constituencies (id),
  round TEXT NOT NULL CHECK (round IN ('first', 'supplementary', 're_election')),
  version INTEGER NOT NULL,
  voted BIGINT NOT NULL,
  issued BIGINT NOT NULL,
  received BIGINT NOT NULL,
  valid BIGINT NOT NULL,
  invalid BIGINT NOT NULL,
  invalid_not_official_form BIGINT,      -- Art. 74(1) grounds, when broken down
  invalid_no_stamp BIGINT,
  invalid_too_many_names BIGINT,
  invalid_all_crossed_out BIGINT,
  invalid_added_text BIGINT,
  complaints TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',       -- why a certified result is corrected
  entered_by BIGINT NOT NULL REFERENCES accounts (id),
  entered_at TEXT NOT NULL,
  checked_by BIGINT REFERENCES accounts (id),
  checked_at TEXT,
  current INTEGER NOT NULL DEFAULT 1,    -- 1 on the latest version only
  UNIQUE (area_id, constituency_id, round, version)
);
-- The board's and the tally's reads: the latest minutes of a constituency's areas for a round.
CREATE INDEX election_minutes_current ON election_minutes (constituency_id, round, area_id) WHERE current = 1;
CREATE TABLE election_minute_votes (
  minutes_id BIGINT NOT NULL REFERENCES election_minutes (id),
  candidate_id BIGINT NOT NULL REFERENCES election_candidates (id),
  votes BIGINT NOT NULL,
  PRIMARY KEY (minutes_id, candidate_id)
);

-- The constituency's result for a round as the election board determined it (Art. 77–80): the
-- tally's JSON (tally.h) over the checked minutes; certified once, a later correction supersedes it
-- with a new version.
CREATE TABLE election_results (
  id @ID_PRIMARY_KEY@,
  constituency_id BIGINT NOT NULL REFERENCES election_constituencies (id),
  round TEXT NOT NULL CHECK (round IN ('first', 'supplementary', 're_election')),
  version INTEGER NOT NULL,
  registered BIGINT NOT NULL,
  voted BIGINT NOT NULL,
  valid BIGINT NOT NULL,
  recognised INTEGER NOT NULL,
  next TEXT NOT NULL,
  outcome TEXT NOT NULL,                 -- tally_result_json
  reason TEXT NOT NULL DEFAULT '',
  certified_by BIGINT NOT NULL REFERENCES accounts (id),
  certified_at TEXT NOT NULL,
  current INTEGER NOT NULL DEFAULT 1,    -- 1 on the latest version only
  UNIQUE (constituency_id, round, version)
);
CREATE INDEX election_results_current ON election_results (constituency_id, round) WHERE current = 1;
