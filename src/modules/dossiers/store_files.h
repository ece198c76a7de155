#pragma once
// SQL of dossier files (table dossier_files). Content is stored as base64 text so that every node
// serves every file (scale-out). Listing never reads content.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace tinhso::dossiers {

struct FileInfo {
  std::int64_t id = 0, dossier_id = 0;
  std::string role;             // application, supplement, result, receipt, apology
  std::int64_t document_id = 0; // the procedure's required document; 0: none
  std::string file_name, content_type, sha256, created_at;
  std::int64_t size = 0;
  std::int64_t created_by = 0;  // 0: none
};

// Inserts the file with its content (raw bytes; stored as base64) and returns its id.
std::int64_t insert_file(soci::session& s, const FileInfo& f, const std::string& content);
// Every file of the dossier (no content), by role then id.
std::vector<FileInfo> list_files(soci::session& s, std::int64_t dossier_id);
// One file of the dossier with its content (raw bytes); nullopt if the dossier has no such file.
std::optional<std::pair<FileInfo, std::string>> load_file(soci::session& s, std::int64_t dossier_id,
                                                          std::int64_t file_id);
// Deletes the dossier's application files for `document_id` (a draft's replaced document).
void delete_application_files(soci::session& s, std::int64_t dossier_id, std::int64_t document_id);
void delete_file(soci::session& s, std::int64_t dossier_id, std::int64_t file_id);
void delete_all_files(soci::session& s, std::int64_t dossier_id);

}  // namespace tinhso::dossiers
