-- Accent-free search across comments (issue 18 §8) through a full-text index of the folded text
-- (text::fold: lower case, no diacritics, đ → d): a search reads the matching rows only, where
-- LIKE '%…%' read every comment (0.3–0.6 s at 100,000 comments). Contentless (the text stays in
-- consultation_comments): `body_fold` is the folded text, `scope` the token "k<consultation id>",
-- so that "does this consultation have a matching comment" is one intersection inside the index
-- instead of a look-up of every match. Only visible comments are indexed: hiding one takes it out
-- in the hiding's own statement (comments are never edited otherwise, never deleted).
CREATE VIRTUAL TABLE consultation_comments_fts USING fts5(
  body_fold, scope, content = '', tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO consultation_comments_fts (rowid, body_fold, scope)
  SELECT id, body_fold, 'k' || consultation_id FROM consultation_comments WHERE hidden_at IS NULL;
CREATE TRIGGER consultation_comments_fts_insert AFTER INSERT ON consultation_comments
  WHEN new.hidden_at IS NULL
BEGIN
  INSERT INTO consultation_comments_fts (rowid, body_fold, scope) VALUES (new.id, new.body_fold, 'k' || new.consultation_id);
END;
CREATE TRIGGER consultation_comments_fts_hide AFTER UPDATE OF hidden_at ON consultation_comments
  WHEN old.hidden_at IS NULL AND new.hidden_at IS NOT NULL
BEGIN
  INSERT INTO consultation_comments_fts (consultation_comments_fts, rowid, body_fold, scope)
    VALUES ('delete', old.id, old.body_fold, 'k' || old.consultation_id);
END;
