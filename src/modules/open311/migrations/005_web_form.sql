-- The portal's own "Gửi phản ánh" form (issue 14 §7; form.cpp) files reports through the same
-- intake as the API, as one more client: this key row. Its key_hash is not a hex SHA-256, so no
-- key sent to the API ever matches it; the administrators' page neither lists nor revokes it.
INSERT INTO open311_api_keys (name, key_hash, key_prefix, created_at)
VALUES ('Biểu mẫu Gửi phản ánh của cổng', 'web-form', 'web-form', '2026-12-05T00:00:00Z');

-- A photo sent with the form: the report's media_url names it (/city-reports/photos/{name}).
-- JPEG or PNG by content, with its metadata (EXIF, text chunks) removed; base64 text, as
-- petition attachments are kept.
CREATE TABLE open311_photos (
  name TEXT PRIMARY KEY,
  report_id BIGINT NOT NULL REFERENCES open311_reports (id),
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX open311_photos_report ON open311_photos (report_id);

-- Posts of the form per client address (http::address_bucket) and UTC hour
-- (--open311-form-posts-per-hour), shared by every node; rows older than a day are deleted.
CREATE TABLE open311_form_usage (
  hour TEXT NOT NULL,  -- "YYYY-MM-DDTHH" UTC
  bucket TEXT NOT NULL,
  posts INTEGER NOT NULL,
  PRIMARY KEY (hour, bucket)
);
