#include "modules/dossiers/store_files.h"

#include <stdexcept>

#include "core/db/prepared.h"
#include "modules/dossiers/files.h"

namespace tinhso::dossiers {

namespace {

constexpr const char* kInfoColumns =
    "SELECT id, dossier_id, role, COALESCE(document_id, 0), file_name, content_type, size, sha256, created_at,"
    " COALESCE(created_by, 0)";

struct InfoRow {
  long long id = 0, dossier = 0, document = 0, size = 0, by = 0;
  FileInfo f;
  template <class P>
  void bind(P& p) {
    p, soci::into(id), soci::into(dossier), soci::into(f.role), soci::into(document), soci::into(f.file_name),
        soci::into(f.content_type), soci::into(size), soci::into(f.sha256), soci::into(f.created_at), soci::into(by);
  }
  FileInfo get() const {
    FileInfo out = f;
    out.id = id;
    out.dossier_id = dossier;
    out.document_id = document;
    out.size = size;
    out.created_by = by;
    return out;
  }
};

}  // namespace

std::int64_t insert_file(soci::session& s, const FileInfo& f, const std::string& content) {
  long long dossier = f.dossier_id, document = f.document_id, size = static_cast<long long>(content.size()),
            by = f.created_by, id = 0;
  std::string b64 = to_base64(content), sha = sha256_hex(content);
  s << "INSERT INTO dossier_files (dossier_id, role, document_id, file_name, content_type, size, sha256,"
       " content_base64, created_at, created_by) VALUES (:d, :role, NULLIF(:doc, 0), :name, :type, :size, :sha,"
       " :content, :at, NULLIF(:by, 0)) RETURNING id",
      soci::use(dossier, "d"), soci::use(f.role, "role"), soci::use(document, "doc"), soci::use(f.file_name, "name"),
      soci::use(f.content_type, "type"), soci::use(size, "size"), soci::use(sha, "sha"), soci::use(b64, "content"),
      soci::use(f.created_at, "at"), soci::use(by, "by"), soci::into(id);
  return id;
}

namespace {

struct ListFiles : db::Prepared {
  long long dossier = 0;
  InfoRow r;
  explicit ListFiles(soci::session& s) {
    auto p = (s.prepare << std::string(kInfoColumns) + " FROM dossier_files WHERE dossier_id = :d ORDER BY role, id",
              soci::use(dossier, "d"));
    r.bind(p);
    prepare(p);
  }
};

}  // namespace

// Prepared once per connection: every submission runs it (issue 15 §7).
std::vector<FileInfo> list_files(soci::session& s, std::int64_t dossier_id) {
  auto q = db::prepared<ListFiles>(s);
  q->dossier = dossier_id;
  std::vector<FileInfo> out;
  for (bool row = q.execute(true); row; row = q.fetch()) out.push_back(q->r.get());
  return out;
}

std::optional<std::pair<FileInfo, std::string>> load_file(soci::session& s, std::int64_t dossier_id,
                                                          std::int64_t file_id) {
  long long d = dossier_id, id = file_id;
  InfoRow r;
  std::string b64;
  auto p = (s.prepare << std::string(kInfoColumns) +
                             ", content_base64 FROM dossier_files WHERE dossier_id = :d AND id = :id",
            soci::use(d, "d"), soci::use(id, "id"));
  r.bind(p);
  p, soci::into(b64);
  soci::statement st = p;
  st.execute();
  if (!st.fetch()) return std::nullopt;
  auto bytes = from_base64(b64);
  if (!bytes) throw std::runtime_error("dossier file " + std::to_string(file_id) + " has malformed content");
  return std::make_pair(r.get(), std::move(*bytes));
}

void delete_application_files(soci::session& s, std::int64_t dossier_id, std::int64_t document_id) {
  long long d = dossier_id, doc = document_id;
  s << "DELETE FROM dossier_files WHERE dossier_id = :d AND role = 'application' AND document_id = :doc",
      soci::use(d, "d"), soci::use(doc, "doc");
}

void delete_file(soci::session& s, std::int64_t dossier_id, std::int64_t file_id) {
  long long d = dossier_id, id = file_id;
  s << "DELETE FROM dossier_files WHERE dossier_id = :d AND id = :id", soci::use(d, "d"), soci::use(id, "id");
}

void delete_all_files(soci::session& s, std::int64_t dossier_id) {
  long long d = dossier_id;
  s << "DELETE FROM dossier_files WHERE dossier_id = :d", soci::use(d, "d");
}

}  // namespace tinhso::dossiers
