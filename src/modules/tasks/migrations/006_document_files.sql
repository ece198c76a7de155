-- The signed file of a source document (issue 16 §1: "public or internal, the signed file (PDF)"),
-- stored like a report's files (004): base64 text, the type decided by the content
-- (core/document/files.h), size and SHA-256, who sent it and when. PDF only: what is filed is the
-- document as signed and sealed, and Decree 30/2020/NĐ-CP on clerical work (Annex I) fixes PDF as
-- the format of an electronic document and of a digitised paper original; a photo of a page (the
-- JPEG or PNG a report may carry as evidence) is not the signed document. The assigning office may replace it (a wrong scan, a corrected copy): the old
-- file stays, with replaced_at set; at most one file of a document has none (the current one,
-- the only one a public document shows anonymously). Listing never reads `content`.
-- task_documents.file_sha256 (001) holds the current file's digest ('' = none); file_path stays ''.
CREATE TABLE task_document_files (
  id @ID_PRIMARY_KEY@,
  document_id BIGINT NOT NULL REFERENCES task_documents (id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type = 'application/pdf'),
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id),
  replaced_at TEXT
);
CREATE INDEX task_document_files_document ON task_document_files (document_id, id);
CREATE UNIQUE INDEX task_document_files_current ON task_document_files (document_id) WHERE replaced_at IS NULL;
