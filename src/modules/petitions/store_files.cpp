// The petition attachments store (store_files.h). Booleans are read as integers, so a row maps
// onto plain fields on both dialects.
#include "modules/petitions/store_files.h"

namespace tinhso::petitions {

namespace {

constexpr const char* kInfoColumns =
    "SELECT id, petition_id, role, CASE WHEN sealed THEN 1 ELSE 0 END, file_name, content_type, size, sha256,"
    " created_at, COALESCE(created_by, 0)";

struct InfoRow {
  long long id = 0, petition = 0, size = 0, by = 0;
  int sealed = 0;
  std::string role;
  AttachmentRow f;
  template <class P>
  void bind(P& p) {
    p, soci::into(id), soci::into(petition), soci::into(role), soci::into(sealed), soci::into(f.file_name),
        soci::into(f.content_type), soci::into(size), soci::into(f.sha256), soci::into(f.created_at), soci::into(by);
  }
  AttachmentRow get() const {
    AttachmentRow out = f;
    out.id = id;
    out.petition_id = petition;
    out.role = parse_file_role(role).value_or(FileRole::internal);
    out.sealed = sealed != 0;
    out.size = size;
    out.created_by = by;
    return out;
  }
};

}  // namespace

std::int64_t insert_attachment(soci::session& s, const AttachmentRow& row, const std::string& content) {
  long long petition = row.petition_id, size = row.size, by = row.created_by, id = 0;
  int sealed = row.sealed;
  std::string role(file_role_code(row.role));
  s << "INSERT INTO petition_attachments (petition_id, role, sealed, file_name, content_type, size, sha256,"
       " content_base64, created_at, created_by) VALUES (:p, :role,"
       " CASE CAST(:sealed AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :name, :type, :size, :sha, :content, :at,"
       " NULLIF(:by, 0)) RETURNING id",
      soci::use(petition, "p"), soci::use(role, "role"), soci::use(sealed, "sealed"), soci::use(row.file_name, "name"),
      soci::use(row.content_type, "type"), soci::use(size, "size"), soci::use(row.sha256, "sha"),
      soci::use(content, "content"), soci::use(row.created_at, "at"), soci::use(by, "by"), soci::into(id);
  return id;
}

void set_attachment_content(soci::session& s, std::int64_t id, const std::string& name, const std::string& content) {
  long long v = id;
  s << "UPDATE petition_attachments SET file_name = :name, content_base64 = :content WHERE id = :id",
      soci::use(name, "name"), soci::use(content, "content"), soci::use(v, "id");
}

void seal_attachment_row(soci::session& s, std::int64_t id, const std::string& name, const std::string& content) {
  long long v = id;
  s << "UPDATE petition_attachments SET sealed = TRUE, file_name = :name, content_base64 = :content, sha256 = '',"
       " created_by = NULL WHERE id = :id",
      soci::use(name, "name"), soci::use(content, "content"), soci::use(v, "id");
}

std::vector<AttachmentRow> list_attachments(soci::session& s, std::int64_t petition_id) {
  long long p = petition_id;
  InfoRow r;
  auto q = (s.prepare << std::string(kInfoColumns) + " FROM petition_attachments WHERE petition_id = :p ORDER BY id",
            soci::use(p, "p"));
  r.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<AttachmentRow> out;
  while (st.fetch()) out.push_back(r.get());
  return out;
}

std::optional<std::pair<AttachmentRow, std::string>> load_attachment(soci::session& s, std::int64_t petition_id,
                                                                     std::int64_t id) {
  long long p = petition_id, v = id;
  InfoRow r;
  std::string content;
  auto q = (s.prepare << std::string(kInfoColumns) +
                             ", content_base64 FROM petition_attachments WHERE petition_id = :p AND id = :id",
            soci::use(p, "p"), soci::use(v, "id"));
  r.bind(q);
  q, soci::into(content);
  soci::statement st = q;
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return std::make_pair(r.get(), std::move(content));
}

}  // namespace tinhso::petitions
