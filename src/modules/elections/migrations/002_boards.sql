-- A constituency's election board ("ban bầu cử", Law 85/2015/QH13 Art. 24): its members check the
-- minutes of the constituency's polling areas and determine the constituency's result (Art. 77),
-- as the election committee may for every constituency.
CREATE TABLE election_board_members (
  constituency_id BIGINT NOT NULL REFERENCES election_constituencies (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (constituency_id, account_id)
);
CREATE INDEX election_board_members_account ON election_board_members (account_id);
