// The public page of the tasks module (issue 16 §8): public documents only, each conclusion, the
// body that leads it (and those that coordinate) and its status today, and the document's signed
// file (§1; migration 006) for download. Nothing else of a task is read here — no report, note,
// report file, officer or internal document — so none can be shown: a file is served here only if
// it is the current file of a public document (store.h load_document_file public_only), else 404,
// whoever asks.
#include <map>

#include <mstch/mstch.hpp>

#include "core/web/fields.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/tasks/api.h"
#include "modules/tasks/pages_board.h"
#include "modules/tasks/pages_board_query.h"
#include "modules/tasks/store_board.h"
#include "modules/tasks/pages_work.h"
#include "modules/tasks/store.h"

namespace tinhso::tasks {

namespace {

using http::Request;
using http::Response;

Response index_page(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  const auto docs = ctx.db.with_session([](soci::session& s) { return public_documents(s); });
  mstch::array rows;
  for (const auto& d : docs)
    rows.push_back(mstch::map{{"id", std::to_string(d.id)},
                              {"number", d.number},
                              {"kind", v.t("tasks_board.kind." + d.kind)},
                              {"issued_on", v.date(d.issued_on)},
                              {"issued_on_iso", d.issued_on},
                              {"issuer", d.issuer},
                              {"subject", d.subject}});
  mstch::map c{{"title", v.t("tasks_board.public.title")}, {"rows", rows}, {"empty", docs.empty()}};
  Response r = ctx.pages.render(req, "tasks_public_index", std::move(c));
  r.headers.set("Cache-Control", "public, max-age=60");
  return r;
}

struct PublicView {
  std::optional<PublicDocument> doc;
  std::vector<Item> items;
  std::vector<PublicTask> tasks;
  std::map<std::int64_t, Bucket> buckets;
  std::optional<DocumentFile> file;
};

Response document_page(app::Context& ctx, const Request& req) {
  const auto id = web::parse_id(req.param("document"));
  if (!id) throw http::Error(http::ErrorKind::not_found, "no such document", "tasks_board.error.not_found");
  const Date today = calendar::to_local(ctx.clock.now()).day;
  const auto cal = ctx.calendar.current();
  const OnTimeRule rule = settings(ctx).on_time;
  PublicView pv = ctx.db.with_session([&](soci::session& s) {
    ensure_board(s, *cal);
    PublicView out;
    out.doc = public_document(s, *id);
    if (!out.doc) return out;
    out.items = document_items(s, *id);
    out.tasks = public_tasks(s, *id);
    out.file = current_document_file(s, *id);
    for (const auto& sp : document_spans(s, today, rule, {*id}))
      if (sp.bucket >= 0 && sp.bucket < static_cast<int>(std::size(kCountedBuckets)))
        out.buckets[sp.task] = kCountedBuckets[static_cast<std::size_t>(sp.bucket)];
    return out;
  });
  if (!pv.doc) throw http::Error(http::ErrorKind::not_found, "no such document", "tasks_board.error.not_found");
  web::View v{ctx, req};
  mstch::array items;
  for (const auto& it : pv.items) {
    mstch::array tasks;
    for (const auto& t : pv.tasks) {
      if (t.item_id != it.id) continue;
      auto b = pv.buckets.find(t.id);
      const Bucket bucket = b == pv.buckets.end() ? Bucket::none : b->second;
      std::string coordinators;
      for (const auto& c : t.coordinators) coordinators += (coordinators.empty() ? "" : ", ") + c;
      tasks.push_back(mstch::map{
          {"content", t.content},
          {"lead", t.lead_name},
          {"coordinators", coordinators},
          {"status", bucket == Bucket::none ? v.t("tasks_board.public.closed")
                                            : v.t("tasks_board.bucket." + std::string(bucket_code(bucket)))},
          {"late", bucket == Bucket::overdue}});
    }
    items.push_back(mstch::map{{"clause", it.clause}, {"text", it.text}, {"tasks", tasks}});
  }
  const PublicDocument& d = *pv.doc;
  mstch::map c{{"title", d.number},
               {"number", d.number},
               {"kind", v.t("tasks_board.kind." + d.kind)},
               {"issued_on", v.date(d.issued_on)},
               {"issued_on_iso", d.issued_on},
               {"issuer", d.issuer},
               {"signer", d.signer},
               {"subject", d.subject},
               {"today", v.date(calendar::format_date(today))},
               {"has_file", pv.file.has_value()},
               {"items", items}};
  if (pv.file)
    c["file"] = mstch::map{
        {"url", "/tasks/public/" + std::to_string(d.id) + "/files/" + std::to_string(pv.file->id)},
        {"label", v.f("tasks.work.public.download", {{"number", d.number}, {"size", std::to_string((pv.file->size + 1023) / 1024)}})}};
  Response r = ctx.pages.render(req, "tasks_public_document", std::move(c));
  r.headers.set("Cache-Control", "public, max-age=60");
  return r;
}

// The signed file of a public document, to anyone: only its current file; any other file, and
// every file of an internal document, is 404.
Response document_file(app::Context& ctx, const Request& req) {
  const auto id = web::parse_id(req.param("document"));
  const auto file = web::parse_id(req.param("file"));
  if (!id || !file) throw http::Error(http::ErrorKind::not_found, "no such document file", "tasks_board.error.not_found");
  auto found = ctx.db.with_session([&](soci::session& s) { return load_document_file(s, *id, *file, true); });
  if (!found) throw http::Error(http::ErrorKind::not_found, "no such document file", "tasks_board.error.not_found");
  return work::send_document_file(found->first, found->second, true);
}

}  // namespace

void add_public_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/tasks/public", index_page);
  on.add("GET", "/tasks/public/{document}", document_page);
  on.add("GET", "/tasks/public/{document}/files/{file}", document_file);
}

}  // namespace tinhso::tasks
