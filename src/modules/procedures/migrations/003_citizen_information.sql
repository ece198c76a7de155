-- What a citizen needs to know before applying (issue 14 §5; Decree 63/2010/NĐ-CP Art. 8(1)):
-- whether a dossier may be submitted online (online_submission; fully_online, "toàn trình", also
-- returns the result online and implies it; rows made before this migration were all offered
-- online, hence the default), the conditions (yêu cầu, điều kiện thực hiện), the place and the office hours of receipt, and
-- how the fee is stated — fee_kind 'fixed' is fee_vnd đồng (0 = free), 'regulated' is a fee set by
-- a regulation that the catalogue does not quote as one amount ("Theo quy định", fee_note says
-- which and how; fee_vnd is 0).
ALTER TABLE procedures ADD COLUMN online_submission BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE procedures ADD COLUMN conditions TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN receipt_place TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN office_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN fee_kind TEXT NOT NULL DEFAULT 'fixed' CHECK (fee_kind IN ('fixed', 'regulated'));

-- The form templates ("theo mẫu") of a procedure's required documents, uploaded by an
-- administrator (or made by the demo loader): at most one per document, keyed by the document's
-- position (1, 2, ...), which the catalogue keeps across edits. The content is kept in the
-- database (base64 text on both dialects), so every node serves every file. content_type is
-- decided from the content: PDF, DOCX, DOC or ODT.
CREATE TABLE procedure_forms (
  id @ID_PRIMARY_KEY@,
  procedure_id BIGINT NOT NULL REFERENCES procedures (id),
  position INTEGER NOT NULL CHECK (position >= 1),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  UNIQUE (procedure_id, position)
);
