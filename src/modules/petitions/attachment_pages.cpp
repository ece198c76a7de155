// Petition attachments over HTTP (attachment_pages.h).
#include "modules/petitions/attachment_pages.h"

#include <algorithm>

#include "core/auth/clock.h"
#include "core/auth/guard.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "modules/audit/api.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/store.h"
#include "modules/petitions/store_files.h"
#include "modules/petitions/usecases.h"
#include "modules/petitions/api.h"

namespace tinhso::petitions {

namespace {


using http::Response;

const std::string& t(app::Context& ctx, const http::Request& req, std::string_view id) {
  return ctx.pages.catalog().get(req.lang, id);
}

std::string mb(std::uint64_t bytes) { return std::to_string(bytes >> 20); }

std::string message_of(app::Context& ctx, const http::Request& req, const UploadIssue& issue) {
  const auto& catalog = ctx.pages.catalog();
  switch (issue.problem) {
    case UploadProblem::too_big:
      return catalog.format(req.lang, "petitions_files.error.size", {{"name", issue.name}, {"mb", mb(kMaxAttachmentBytes)}});
    case UploadProblem::bad_type: return catalog.format(req.lang, "petitions_files.error.type", {{"name", issue.name}});
    case UploadProblem::too_many:
      return catalog.format(req.lang, "petitions_files.error.too_many", {{"count", std::to_string(kMaxAttachments)}});
    case UploadProblem::total_too_big:
      return catalog.format(req.lang, "petitions_files.error.total", {{"mb", mb(kMaxPetitionBytes)}});
  }
  return {};
}

std::int64_t file_id_of(const http::Request& req) {
  std::string_view v = req.param("file");
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18) throw http::Error(http::ErrorKind::not_found, "bad file id");
  for (char c : v) {
    if (c < '0' || c > '9') throw http::Error(http::ErrorKind::not_found, "bad file id");
    n = n * 10 + (c - '0');
  }
  return n;
}

Response download(const AttachmentRow& f, const std::string& name, std::string bytes) {
  Response r;
  r.body = std::move(bytes);
  r.headers.set("Content-Type", f.content_type);
  r.headers.set("Content-Disposition", document::attachment_disposition(name));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

std::string plain_content(const AttachmentRow& f, const std::string& stored) {
  auto bytes = document::from_base64(stored);
  if (!bytes) throw std::runtime_error("petition attachment " + std::to_string(f.id) + " has malformed content");
  return std::move(*bytes);
}

// GET /petitions/{code}/files/{file}: the filer's own petition only; 404 for anyone else.
Response filer_file(app::Context& ctx, const http::Request& req) {
  const auto& p = auth::require_login(req);
  auto found = ctx.db.with_session([&](soci::session& s) -> std::optional<std::pair<AttachmentRow, std::string>> {
    auto x = find_petition_by_code(s, std::string(req.param("code")));
    if (!x || !p.has(auth::Role::citizen)) return std::nullopt;
    if (x->filer_account_id != p.account_id &&
        !has_filer_link(s, x->id, keys_of(ctx).filer_links(p.account_id)))
      return std::nullopt;
    auto f = load_attachment(s, x->id, file_id_of(req));
    if (!f || f->first.sealed || !filer_may_open_file(*x, f->first.role)) return std::nullopt;
    return f;
  });
  if (!found) throw http::Error(http::ErrorKind::not_found, "no such petition file of the filer");
  const AttachmentRow& f = found->first;
  return download(f, f.file_name, plain_content(f, found->second));
}

// GET /petitions/desk/{id}/files/{file}: staff in scope (404 outside it); a denunciation's files
// only the assigned inspector (403 for other staff), each opening audited in its transaction.
Response desk_file(app::Context& ctx, const http::Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(is_desk_staff(p), "petitions desk");
  std::int64_t id = web::path_id(req);
  std::int64_t file_id = file_id_of(req);
  auto x = ctx.db.with_session([&](soci::session& s) { return find_petition(s, id); });
  if (!x || !in_scope(p, *x)) throw http::Error(http::ErrorKind::not_found, "no such petition");
  // Law on Denunciations 2018 Art. 8(3), 47(2): only the inspector handling the case.
  auth::require(desk_may_open_file(p, *x), "petition file");
  auto found = ctx.db.with_session([&](soci::session& s) { return load_attachment(s, x->id, file_id); });
  if (!found) throw http::Error(http::ErrorKind::not_found, "no such petition file");
  const AttachmentRow& f = found->first;
  const std::string& stored = found->second;
  if (!f.sealed) return download(f, f.file_name, plain_content(f, stored));
  // A sealed file stays sealed when its petition is no longer a denunciation.
  auth::require(desk_may_open_file(p, *x, true), "petition file");
  // Law on Denunciations 2018 Art. 47(2): every disclosure is on record (never the file's name).
  const Petition& petition = *x;
  const auto rec = audit::for_request(ctx, req);
  auto opened = ctx.db.transaction([&](soci::session& s) {
    return with_env(ctx, s, rec, [&](const Env& env) { return disclose_file(env, petition, f, stored); });
  });
  if (!opened) throw std::runtime_error("sealed attachment " + std::to_string(f.id) + " does not open");
  return download(f, opened->name, std::move(opened->bytes));
}

std::string type_label(const std::string& content_type) {
  auto type = document::parse_content_type(content_type);
  if (!type) return content_type;
  switch (*type) {
    case document::FileType::pdf: return "PDF";
    case document::FileType::jpeg: return "JPEG";
    case document::FileType::png: return "PNG";
  }
  return content_type;
}

}  // namespace

std::vector<Attachment> read_attachments(app::Context& ctx, const http::Request& req, std::size_t existing_files,
                                         std::uint64_t existing_bytes, Problems& problems) {
  std::vector<Upload> uploads;
  for (const auto& f : req.files) {
    Upload u{f.filename, f.size, {}};
    if (f.size <= kMaxAttachmentBytes) u.bytes = ctx.files.read(f.path, kMaxAttachmentBytes);
    uploads.push_back(std::move(u));
  }
  auto checked = check_uploads(std::move(uploads), existing_files, existing_bytes);
  for (const auto& issue : checked.issues) problems.emplace_back("files", message_of(ctx, req, issue));
  return std::move(checked.files);
}

void store_attachments(soci::session& s, const Keys& ring, const Petition& x, FileRole role,
                       const std::vector<Attachment>& files, std::int64_t by, const std::string& at) {
  if (files.empty()) return;
  const crypto::KeyRing* keys = x.kind == Kind::denunciation ? &ring.ring() : nullptr;
  for (const auto& f : files) {
    AttachmentRow row;
    row.petition_id = x.id;
    row.role = role;
    row.sealed = keys != nullptr;
    row.content_type = std::string(document::content_type_of(f.type));
    row.size = static_cast<std::int64_t>(f.bytes.size());
    row.created_at = at;
    row.created_by = by;
    if (!keys) {
      row.file_name = f.name;
      row.sha256 = document::sha256_hex(f.bytes);
      insert_attachment(s, row, document::to_base64(f.bytes));
      continue;
    }
    // The associated data names the row: insert first, seal with its id, in this transaction.
    std::int64_t id = insert_attachment(s, row, "");
    auto sealed = seal_file(*keys, x.id, id, role, f.name, f.bytes);
    set_attachment_content(s, id, sealed.name, sealed.content);
  }
}

void seal_attachments(soci::session& s, const crypto::KeyRing& keys, std::int64_t petition_id) {
  for (const auto& f : list_attachments(s, petition_id)) {
    if (f.sealed) continue;
    auto found = load_attachment(s, petition_id, f.id);
    if (!found) continue;
    auto sealed = seal_file(keys, petition_id, f.id, f.role, f.file_name, plain_content(f, found->second));
    seal_attachment_row(s, f.id, sealed.name, sealed.content);
  }
}

void add_attachments(mstch::map& c, app::Context& ctx, const http::Request& req, soci::session& s, const Petition& x,
                     Viewer viewer) {
  std::vector<AttachmentRow> rows;
  for (auto& f : list_attachments(s, x.id))
    if (viewer == Viewer::desk || filer_may_open_file(x, f.role)) rows.push_back(std::move(f));
  if (rows.empty()) return;
  // Sealed files (a denunciation's, also after a reclassification) are listed as a denunciation's.
  const bool any_sealed = std::any_of(rows.begin(), rows.end(), [](const AttachmentRow& f) { return f.sealed; });
  const bool secret = x.kind == Kind::denunciation || any_sealed;
  bool opens = viewer == Viewer::desk && req.principal && desk_may_open_file(*req.principal, x, any_sealed);
  if (!opens && secret) {
    std::string count = text::format_integer(static_cast<std::int64_t>(rows.size()), req.lang);
    c["attachments"] = mstch::map{{"secret", ctx.pages.catalog().format(req.lang, "petitions_files.secret", {{"count", count}})}};
    return;
  }
  const crypto::KeyRing* keys = secret ? &keys_of(ctx).ring() : nullptr;
  std::string base = viewer == Viewer::filer ? "/petitions/" + x.code + "/files/"
                                             : "/petitions/desk/" + std::to_string(x.id) + "/files/";
  mstch::array files, images;
  for (const auto& f : rows) {
    std::string name = f.file_name;
    if (f.sealed) {
      auto opened = keys ? open_file_name(*keys, x.id, f.id, f.role, f.file_name) : std::nullopt;
      name = opened ? *opened : t(ctx, req, "petitions_files.unreadable");
    }
    auto type = document::parse_content_type(f.content_type);
    // Thumbnails only of files served without an audited opening.
    bool image = !f.sealed && type && document::is_image(*type);
    std::string url = base + std::to_string(f.id);
    if (image)
      images.push_back(mstch::map{
          {"url", url}, {"alt", ctx.pages.catalog().format(req.lang, "petitions_files.thumbnail_alt", {{"name", name}})}});
    files.push_back(mstch::map{{"name", name},
                               {"url", url},
                               {"type", type_label(f.content_type)},
                               {"size", text::format_integer((f.size + 1023) / 1024, req.lang)},
                               {"role", t(ctx, req, "petitions_files.role." + std::string(file_role_code(f.role)))}});
  }
  c["attachments"] = mstch::map{{"files", files}, {"has_files", true}, {"images", images}, {"has_images", !images.empty()}, {"sealed", keys != nullptr}};
}

void add_result(mstch::map& c, const http::Request& req, soci::session& s, const Petition& x) {
  if (!is_decided(x)) return;
  std::optional<Event> decision;
  for (auto& e : load_events(s, x.id))
    if (e.action == "decide") decision = std::move(e);
  if (!decision) return;
  c["result"] = mstch::map{{"document", decision->note},
                           {"at", text::format_datetime(auth::parse_iso_utc(decision->at), req.lang)}};
}

void add_attachment_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/petitions/{code}/files/{file}", filer_file);
  on.add("GET", "/petitions/desk/{id}/files/{file}", desk_file);
}

}  // namespace tinhso::petitions
