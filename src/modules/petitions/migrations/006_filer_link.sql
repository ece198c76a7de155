-- The sealed link between a denunciation and the account that filed it online (issue 12): a
-- denunciation names its filer only sealed (Law on Denunciations 2018 Art. 8(3), 9(1)(b), 47(2)),
-- so filer_account_id stays empty and filer_link holds keys.h filer_link() of the account — a
-- keyed hash under a key outside the database — by which "Đơn của tôi" finds it. Also set when a
-- petition is reclassified as a denunciation (its plain filer columns are then emptied).
ALTER TABLE petitions ADD COLUMN filer_link TEXT;
CREATE INDEX petitions_filer_link ON petitions (filer_link, received_at) WHERE filer_link IS NOT NULL;
-- Denunciations received online before this migration recorded the filing account as the actor
-- of their receive event: no event about a denunciation names its filer.
UPDATE petition_events SET actor_id = NULL
 WHERE action = 'receive' AND role = 'citizen'
   AND petition_id IN (SELECT id FROM petitions WHERE kind = 'denunciation' AND channel = 'online');
