-- Accent-free search across comments (issue 18 §8) through a full-text index of the folded text
-- (text::fold: lower case, no diacritics, đ → d) with the 'simple' configuration (no stemming, no
-- stop words: the text is already folded): a search reads the matching rows only, where
-- LIKE '%…%' read every comment. Only visible comments are indexed (the predicate), so a hidden
-- comment leaves the index as it is hidden.
CREATE INDEX consultation_comments_search ON consultation_comments
  USING gin (to_tsvector('simple', body_fold)) WHERE hidden_at IS NULL;
