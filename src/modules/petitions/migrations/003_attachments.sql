-- Files attached to petitions (issue 6): the filer's photos and scans sent with the online form,
-- and the documents officers attach when they act (the decision or answer on `decide` and
-- `notify`, shown to the filer; working documents otherwise). Content is stored in the database
-- as base64 text, as dossier_files is, so that every node serves every file.
-- A denunciation's files may identify the denouncer (Law on Denunciations 2018 Art. 8(3), 9(1)(b),
-- 47(2), 56): for them `sealed` is true, content_base64 and file_name hold the content and the name
-- sealed by core/crypto/sealed.h under the identity key ring (base64; the associated data names the
-- petition, this row and its role, so a blob copied to another row does not open) and sha256 is
-- empty (a digest would let anyone holding a candidate file confirm it).
-- Numbered 003: 002 is the desk's migration (another change of issue 6); migrations apply in
-- version order per module and a missing number is not an error.
CREATE TABLE petition_attachments (
  id @ID_PRIMARY_KEY@,
  petition_id BIGINT NOT NULL REFERENCES petitions (id),
  role TEXT NOT NULL CHECK (role IN ('evidence', 'internal', 'decision')),
  sealed BOOLEAN NOT NULL DEFAULT FALSE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL DEFAULT '',
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX petition_attachments_petition ON petition_attachments (petition_id, id);
