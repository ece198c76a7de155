#pragma once
// Files attached to a petition (issue 6 §1, §4), as rules with no I/O: their roles, the caps, the
// checks by content (core/document/files.h), and the sealing of a denunciation's files.
//   evidence  the filer's photos and scans, sent with the online form
//   internal  a working document an officer attaches while acting (e.g. a verification report)
//   decision  the decision or answer attached on `decide` or `notify`: the filer sees it
// A denunciation's files may identify the denouncer (a scan of an ID card, a signed letter, a name
// in the file name), so their content and name are stored only sealed under the identity key ring
// (Law on Denunciations 2018 Art. 8(3), 9(1)(b), 47(2), 56), like the identity itself.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/sealed.h"
#include "core/document/files.h"
#include "core/http/multipart.h"
#include "modules/petitions/workflow.h"

namespace tinhso::petitions {

enum class FileRole { evidence, internal, decision };
std::string_view file_role_code(FileRole r);  // "evidence", as stored
std::optional<FileRole> parse_file_role(std::string_view code);
// The role of a document an officer attaches when taking `a`: the decision or answer on decide
// and notify; a working document otherwise.
FileRole role_for_action(Action a);

inline constexpr std::uint64_t kMaxAttachmentBytes = 5u << 20;  // one file
inline constexpr std::uint64_t kMaxPetitionBytes = 20u << 20;   // every file of one petition
inline constexpr std::size_t kMaxAttachments = 5;               // files of one petition
// Multipart caps of the routes taking attachments: above the caps just named, so that a file or
// two too many reach the handler and get the page's own message (422); a flood is refused before
// it reaches the handler (413).
inline constexpr http::UploadLimits kAttachmentUploadLimits{.max_file_bytes = kMaxAttachmentBytes + (1u << 20),
                                                            .max_total_bytes = kMaxPetitionBytes + (4u << 20),
                                                            .max_field_bytes = 16u << 10,
                                                            .max_files = 2 * kMaxAttachments};

// A file as sent: the client's name, its size, and its bytes (left empty when it is over the
// per-file cap, so it need not be read).
struct Upload {
  std::string client_name;
  std::uint64_t size = 0;
  std::string bytes;
};

// A file that passed the checks: its type decided by its content.
struct Attachment {
  std::string name;  // display_name: sanitised, with the extension of the real type
  document::FileType type = document::FileType::pdf;
  std::string bytes;
};

enum class UploadProblem { too_big, bad_type, too_many, total_too_big };
struct UploadIssue {
  UploadProblem problem;
  std::string name;  // the file's sanitised name; empty for too_many and total_too_big
};

struct CheckedUploads {
  std::vector<Attachment> files;
  std::vector<UploadIssue> issues;
  bool ok() const { return issues.empty(); }
};
// Checks `uploads` for a petition that already holds `existing_files` files of `existing_bytes`:
// each at most kMaxAttachmentBytes and a PDF, JPEG or PNG by its content; together at most
// kMaxAttachments files and kMaxPetitionBytes (an empty file is not a PDF, JPEG or PNG). When any
// issue is reported, no file is returned.
CheckedUploads check_uploads(std::vector<Upload> uploads, std::size_t existing_files, std::uint64_t existing_bytes);

// A denunciation's file, sealed for attachment `file_id` of `petition_id` in `role`: the name and
// the content each sealed (base64 text) with associated data naming the petition, the row, the
// role and the part, so a blob copied to another row, role or column does not open.
struct SealedFile {
  std::string name, content;
};
SealedFile seal_file(const crypto::KeyRing& keys, std::int64_t petition_id, std::int64_t file_id, FileRole role,
                     std::string_view name, std::string_view bytes);
// The name or the content of a sealed file; nullopt if it does not open for that row (tampered,
// copied from another row, or sealed under a key no longer in the ring).
std::optional<std::string> open_file_name(const crypto::KeyRing& keys, std::int64_t petition_id, std::int64_t file_id,
                                          FileRole role, std::string_view sealed_name);
std::optional<std::string> open_file_content(const crypto::KeyRing& keys, std::int64_t petition_id,
                                             std::int64_t file_id, FileRole role, std::string_view sealed_content);

}  // namespace tinhso::petitions
