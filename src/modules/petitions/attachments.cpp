#include "modules/petitions/attachments.h"

#include <array>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::petitions {

namespace {

constexpr std::array<std::pair<FileRole, std::string_view>, 3> kRoles{
    {{FileRole::evidence, "evidence"}, {FileRole::internal, "internal"}, {FileRole::decision, "decision"}}};

std::string ad_of(std::int64_t petition_id, std::int64_t file_id, FileRole role, std::string_view part) {
  return "petition:" + std::to_string(petition_id) + ":file:" + std::to_string(file_id) + ":" +
         std::string(file_role_code(role)) + ":" + std::string(part);
}

std::optional<std::string> open_part(const crypto::KeyRing& keys, std::string_view sealed, const std::string& ad) {
  auto blob = document::from_base64(sealed);
  if (!blob) return std::nullopt;
  auto opened = keys.open(*blob, ad);
  if (!opened.plaintext) return std::nullopt;
  return std::string(opened.plaintext->view());
}

}  // namespace

std::string_view file_role_code(FileRole r) { return util::code_of(kRoles, r); }
std::optional<FileRole> parse_file_role(std::string_view code) { return util::parse_code(kRoles, code); }

FileRole role_for_action(Action a) {
  return a == Action::decide || a == Action::notify ? FileRole::decision : FileRole::internal;
}

CheckedUploads check_uploads(std::vector<Upload> uploads, std::size_t existing_files, std::uint64_t existing_bytes) {
  CheckedUploads out;
  std::uint64_t total = existing_bytes;
  std::size_t count = existing_files;
  for (auto& u : uploads) {
    ++count;
    total += u.size;
    if (u.size > kMaxAttachmentBytes || u.bytes.size() > kMaxAttachmentBytes) {
      out.issues.push_back({UploadProblem::too_big, http::sanitize_filename(u.client_name)});
      continue;
    }
    auto type = document::sniff_type(std::string_view(u.bytes).substr(0, 16));
    if (!type) {
      out.issues.push_back({UploadProblem::bad_type, http::sanitize_filename(u.client_name)});
      continue;
    }
    out.files.push_back({document::display_name(u.client_name, *type), *type, std::move(u.bytes)});
  }
  if (count > kMaxAttachments) out.issues.push_back({UploadProblem::too_many, ""});
  if (total > kMaxPetitionBytes) out.issues.push_back({UploadProblem::total_too_big, ""});
  if (!out.issues.empty()) out.files.clear();
  return out;
}

SealedFile seal_file(const crypto::KeyRing& keys, std::int64_t petition_id, std::int64_t file_id, FileRole role,
                     std::string_view name, std::string_view bytes) {
  return {document::to_base64(keys.seal(name, ad_of(petition_id, file_id, role, "name"))),
          document::to_base64(keys.seal(bytes, ad_of(petition_id, file_id, role, "content")))};
}

std::optional<std::string> open_file_name(const crypto::KeyRing& keys, std::int64_t petition_id, std::int64_t file_id,
                                          FileRole role, std::string_view sealed_name) {
  return open_part(keys, sealed_name, ad_of(petition_id, file_id, role, "name"));
}

std::optional<std::string> open_file_content(const crypto::KeyRing& keys, std::int64_t petition_id,
                                             std::int64_t file_id, FileRole role, std::string_view sealed_content) {
  return open_part(keys, sealed_content, ad_of(petition_id, file_id, role, "content"));
}

}  // namespace tinhso::petitions
