-- Accent-free search across comments (issue 18 §8) through a full-text index of the folded text
-- (text::fold: lower case, no diacritics, đ → d): a search reads the matching rows only, where
-- LIKE '%…%' read every comment (0.3–0.6 s at 100,000 comments). Only visible comments are
-- indexed: hiding one takes it out in the hiding's own statement (comments are never edited or
-- deleted). External content: the index keeps no copy of the text.
CREATE VIRTUAL TABLE consultation_comments_fts USING fts5(
  body_fold, content = 'consultation_comments', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO consultation_comments_fts (rowid, body_fold)
  SELECT id, body_fold FROM consultation_comments WHERE hidden_at IS NULL;
CREATE TRIGGER consultation_comments_fts_insert AFTER INSERT ON consultation_comments
  WHEN new.hidden_at IS NULL
BEGIN
  INSERT INTO consultation_comments_fts (rowid, body_fold) VALUES (new.id, new.body_fold);
END;
CREATE TRIGGER consultation_comments_fts_hide AFTER UPDATE OF hidden_at ON consultation_comments
  WHEN old.hidden_at IS NULL AND new.hidden_at IS NOT NULL
BEGIN
  INSERT INTO consultation_comments_fts (consultation_comments_fts, rowid, body_fold)
    VALUES ('delete', old.id, old.body_fold);
END;
