#include "modules/dossiers/lateness_job.h"

#include <memory>
#include <mutex>

#include <sodium.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/util/periodic.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/dossiers/lateness.h"
#include "modules/dossiers/notify.h"
#include "modules/dossiers/notify_sms.h"
#include "modules/dossiers/store_processing.h"
#include "modules/dossiers/api.h"

namespace tinhso::dossiers {

namespace {

constexpr const char* kJob = "lateness";
constexpr int kBatch = 500;

using util::Periodic;

struct Background {
  app::Context* ctx = nullptr;
  std::string node;
  std::unique_ptr<Periodic> lateness, sms;
};
// Host, process id and a random suffix: who holds a lease.
std::string node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string raw(4, '\0');
  randombytes_buf(raw.data(), raw.size());
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + hex_encode(raw);
}

std::mutex background_mu;
std::unique_ptr<Background> background;

}  // namespace

int run_lateness_pass(const app::Context& ctx, const std::string& node) {
  auto now = ctx.clock.now();
  std::string t = auth::iso_utc(now), until = auth::iso_utc(now + kLatenessPeriod);
  if (!ctx.db.transaction([&](soci::session& s) { return claim_job(s, kJob, node, t, until); })) return -1;
  auto cal = ctx.calendar.current();
  calendar::Date today = calendar::to_local(now).day;
  auto limit = cal->next_working_day(today).value_or(today);
  int flagged = 0;
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), ctx.clock, "system:lateness");
  for (;;) {
    auto rows = ctx.db.with_session(
        [&](soci::session& s) { return unflagged_due(s, calendar::format_date(limit), kBatch); });
    for (const auto& r : rows) {
      auto due = calendar::parse_date(r.due_date);
      if (!due || urgency(today, *due, *cal) == Urgency::none) continue;
      ctx.db.transaction([&](soci::session& s) {
        if (!insert_flag(s, r.id, r.due_date, t)) return;
        notify_leaders_due_soon(s, ctx, r.agency_id, r.code, r.due_date);
        rec(s, {"dossier.flag_due_soon", "dossier", std::to_string(r.id), "", "due=" + r.due_date});
        ++flagged;
      });
    }
    if (static_cast<int>(rows.size()) < kBatch) break;
  }
  ctx.db.transaction([&](soci::session& s) { finish_job(s, kJob, node, t); });
  if (flagged) spdlog::info("dossiers: {} dossiers due within one working day flagged", flagged);
  return flagged;
}

void start_background(app::Context& ctx) {
  std::lock_guard lock(background_mu);
  if (background) return;
  background = std::make_unique<Background>();
  background->ctx = &ctx;
  background->node = node_name();
  Background* b = background.get();
  b->lateness = std::make_unique<Periodic>("dossiers lateness", kLatenessPeriod, [b] { run_lateness_pass(*b->ctx, b->node); });
  if (!settings(ctx).sms_webhook.empty()) {
    SmsTarget target = parse_sms_webhook(settings(ctx).sms_webhook);
    b->sms = std::make_unique<Periodic>("dossiers sms", std::chrono::seconds(1), [b, target] {
      deliver_due_sms(b->ctx->db, b->ctx->clock, b->node, [&target](const std::string& body) { post_sms(target, body); });
    });
  }
}

void stop_background() {
  std::unique_ptr<Background> b;
  {
    std::lock_guard lock(background_mu);
    b = std::move(background);
  }
  if (!b) return;
  if (b->lateness) b->lateness->stop();
  if (b->sms) b->sms->stop();
  try {
    b->ctx->db.transaction([&](soci::session& s) { release_job(s, kJob, b->node); });
  } catch (const std::exception& e) {
    spdlog::warn("dossiers: lease not released: {}", e.what());
  }
}

}  // namespace tinhso::dossiers
