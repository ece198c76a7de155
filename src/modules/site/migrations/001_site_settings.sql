-- Settings of this installation: which province it serves and how it is named. Keys are
-- dotted ("site.name.vi"); values are UTF-8 text.
CREATE TABLE site_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
