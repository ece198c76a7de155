#pragma once
// SQL of petition attachments (table petition_attachments, migration 003). Every function runs
// on the caller's session and transaction; parameters are bound. Content is stored as text (base64
// of the bytes, or of the sealed blob for a denunciation: attachments.h seal_file); listing never
// reads content.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/petitions/attachments.h"

namespace tinhso::petitions {

struct AttachmentRow {
  std::int64_t id = 0, petition_id = 0;
  FileRole role = FileRole::evidence;
  bool sealed = false;
  std::string file_name;  // the display name; sealed (base64) when `sealed`
  std::string content_type, sha256, created_at;
  std::int64_t size = 0;
  std::int64_t created_by = 0;  // 0: none (an anonymous filer, or a denouncer: never linked)
};

// Inserts `row` with `name` and `content` as stored and returns its id.
std::int64_t insert_attachment(soci::session& s, const AttachmentRow& row, const std::string& content);
// Replaces the stored name and content of attachment `id` (a sealed file is sealed once its id,
// which its associated data names, is known).
void set_attachment_content(soci::session& s, std::int64_t id, const std::string& name, const std::string& content);
// Makes attachment `id` a sealed one: its stored name and content replaced by their sealed forms,
// with no digest and no uploader (a petition reclassified as a denunciation; Law on Denunciations
// 2018 Art. 8(3)).
void seal_attachment_row(soci::session& s, std::int64_t id, const std::string& name, const std::string& content);
// Every attachment of the petition (no content), oldest first.
std::vector<AttachmentRow> list_attachments(soci::session& s, std::int64_t petition_id);
// One attachment of the petition and its content as stored; nullopt if the petition has no such file.
std::optional<std::pair<AttachmentRow, std::string>> load_attachment(soci::session& s, std::int64_t petition_id,
                                                                     std::int64_t id);

}  // namespace tinhso::petitions
