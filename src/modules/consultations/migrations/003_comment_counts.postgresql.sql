-- The number of visible comments per (consultation, unit), kept by a trigger on every comment
-- written or hidden (see the SQLite variant for why).
CREATE TABLE consultation_comment_counts (
  consultation_id BIGINT NOT NULL REFERENCES consultations (id),
  anchor TEXT NOT NULL,
  visible BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, anchor)
);
INSERT INTO consultation_comment_counts (consultation_id, anchor, visible)
  SELECT consultation_id, anchor, COUNT(*) FROM consultation_comments WHERE hidden_at IS NULL
  GROUP BY consultation_id, anchor;

CREATE FUNCTION consultation_comment_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.hidden_at IS NULL THEN
    INSERT INTO consultation_comment_counts AS c (consultation_id, anchor, visible)
      VALUES (NEW.consultation_id, NEW.anchor, 1)
      ON CONFLICT (consultation_id, anchor) DO UPDATE SET visible = c.visible + 1;
  ELSIF TG_OP = 'UPDATE' AND OLD.hidden_at IS NULL AND NEW.hidden_at IS NOT NULL THEN
    UPDATE consultation_comment_counts SET visible = visible - 1
      WHERE consultation_id = OLD.consultation_id AND anchor = OLD.anchor;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER consultation_comment_count AFTER INSERT OR UPDATE OF hidden_at
  ON consultation_comments FOR EACH ROW EXECUTE FUNCTION consultation_comment_count();
