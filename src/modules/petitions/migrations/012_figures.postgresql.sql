-- The petitions' monthly figures: see the SQLite variant of this migration for what each column
-- and table means; the same rules, with one trigger function.
ALTER TABLE petitions ADD COLUMN settled_at TEXT;
ALTER TABLE petitions ADD COLUMN settled_on_time BOOLEAN;
UPDATE petitions SET settled_at = (SELECT MIN(e.at) FROM petition_events e WHERE e.petition_id = petitions.id
                                   AND e.to_state IN ('decided', 'refused', 'forwarded', 'guided'))
  WHERE state IN ('decided', 'notified', 'closed', 'refused', 'forwarded', 'guided');
UPDATE petitions SET settled_on_time = CASE
    WHEN (CASE WHEN state IN ('refused', 'guided') THEN accept_due WHEN state = 'forwarded' THEN forward_due
               ELSE resolve_due END) IS NULL THEN TRUE
    WHEN to_char(settled_at::timestamp + interval '7 hours', 'YYYY-MM-DD')
         <= (CASE WHEN state IN ('refused', 'guided') THEN accept_due
                  WHEN state = 'forwarded' THEN forward_due ELSE resolve_due END) THEN TRUE
    ELSE FALSE END
  WHERE settled_at IS NOT NULL;

CREATE TABLE petition_month_stats (
  agency_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  settled BIGINT NOT NULL DEFAULT 0,
  on_time BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, month, kind, channel)
);
CREATE INDEX petition_month_stats_month ON petition_month_stats (month, agency_id);
CREATE TABLE petition_settle_hours (
  agency_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  channel TEXT NOT NULL,
  hours BIGINT NOT NULL,
  settled BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, month, channel, hours)
);
CREATE INDEX petition_settle_hours_month ON petition_settle_hours (month, channel);

CREATE FUNCTION petition_vn_month(at TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(at::timestamp + interval '7 hours', 'YYYY-MM')
$$;
CREATE FUNCTION petition_hours(from_at TEXT, to_at TEXT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
  SELECT floor(extract(epoch FROM (to_at::timestamp - from_at::timestamp)) / 3600)::bigint
$$;

INSERT INTO petition_month_stats (agency_id, month, kind, channel, received)
  SELECT agency_id, petition_vn_month(received_at), kind, channel, COUNT(*) FROM petitions GROUP BY 1, 2, 3, 4;
INSERT INTO petition_month_stats AS t (agency_id, month, kind, channel, settled, on_time)
  SELECT agency_id, petition_vn_month(settled_at), kind, channel, COUNT(*),
         SUM(CASE WHEN settled_on_time THEN 1 ELSE 0 END)
  FROM petitions WHERE settled_at IS NOT NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET settled = excluded.settled, on_time = excluded.on_time;
INSERT INTO petition_settle_hours (agency_id, month, channel, hours, settled)
  SELECT agency_id, petition_vn_month(settled_at), channel, petition_hours(received_at, settled_at), COUNT(*)
  FROM petitions WHERE settled_at IS NOT NULL GROUP BY 1, 2, 3, 4;

-- Adds `sign` (1 or -1) times the contribution of one version of a petition.
CREATE FUNCTION petition_figures_add(p petitions, sign BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO petition_month_stats AS t (agency_id, month, kind, channel, received)
    VALUES (p.agency_id, petition_vn_month(p.received_at), p.kind, p.channel, sign)
    ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET received = t.received + excluded.received;
  IF p.settled_at IS NOT NULL THEN
    INSERT INTO petition_month_stats AS t (agency_id, month, kind, channel, settled, on_time)
      VALUES (p.agency_id, petition_vn_month(p.settled_at), p.kind, p.channel, sign,
              CASE WHEN p.settled_on_time THEN sign ELSE 0 END)
      ON CONFLICT (agency_id, month, kind, channel) DO UPDATE SET settled = t.settled + excluded.settled,
        on_time = t.on_time + excluded.on_time;
    INSERT INTO petition_settle_hours AS t (agency_id, month, channel, hours, settled)
      VALUES (p.agency_id, petition_vn_month(p.settled_at), p.channel, petition_hours(p.received_at, p.settled_at), sign)
      ON CONFLICT (agency_id, month, channel, hours) DO UPDATE SET settled = t.settled + excluded.settled;
  END IF;
END
$$;
CREATE FUNCTION petition_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM petition_figures_add(NEW, 1);
  ELSIF OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.kind IS DISTINCT FROM NEW.kind
        OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.settled_at IS DISTINCT FROM NEW.settled_at OR OLD.settled_on_time IS DISTINCT FROM NEW.settled_on_time THEN
    PERFORM petition_figures_add(OLD, -1);
    PERFORM petition_figures_add(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER petition_figures AFTER INSERT OR UPDATE ON petitions FOR EACH ROW EXECUTE FUNCTION petition_figures();
