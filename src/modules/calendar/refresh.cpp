#include "modules/calendar/refresh.h"

#include <atomic>

#include <spdlog/spdlog.h>

#include "modules/calendar/api.h"
#include "modules/calendar/store.h"

namespace tinhso::calendar {

namespace {

std::mutex reload_mu;
std::atomic<std::int64_t> version_loaded{0};

// Each schedule that passes check_schedule; the others are logged and left out, so one bad row
// edited into the database by hand cannot take every year's schedule down with it.
std::vector<calendar::OfficialSchedule> valid_only(std::vector<ScheduleInfo> rows) {
  std::vector<calendar::OfficialSchedule> out;
  for (auto& r : rows) {
    if (auto problems = calendar::check_schedule(r.schedule); !problems.empty()) {
      spdlog::error("calendar: the official schedule of {} is invalid ({} problems, first on {}); using the "
                    "law-generated days for that year",
                    r.schedule.year, problems.size(), calendar::format_date(problems.front().date));
      continue;
    }
    out.push_back(std::move(r.schedule));
  }
  return out;
}

}  // namespace

std::vector<calendar::OfficialSchedule> stored_schedules(db::Database& db) {
  return valid_only(db.with_session([](soci::session& s) { return load_schedules(s); }));
}

void reload(app::Context& ctx) {
  std::lock_guard lock(reload_mu);
  // The version is read before the schedules: a change committed in between is loaded now or,
  // at the latest, by the next poll (its version is higher than the one remembered).
  auto [version, rows] = ctx.db.with_session([](soci::session& s) {
    std::int64_t v = schedules_version(s);
    return std::pair(v, load_schedules(s));
  });
  ctx.calendar.replace(valid_only(std::move(rows)));
  version_loaded = version;
}

std::int64_t loaded_version() { return version_loaded.load(); }

Refresher::Refresher(app::Context& ctx, std::chrono::milliseconds period) : ctx_(ctx), period_(period) {
  thread_ = std::thread([this] { run(); });
}

Refresher::~Refresher() { stop(); }

void Refresher::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Refresher::run() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, period_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      auto v = ctx_.db.with_session([](soci::session& s) { return schedules_version(s); });
      if (v != loaded_version()) {
        reload(ctx_);
        spdlog::info("calendar: official schedules changed (version {}); calendar rebuilt", loaded_version());
      }
    } catch (const std::exception& e) {
      spdlog::error("calendar: refresh failed: {}", e.what());
    }
    lock.lock();
  }
}

}  // namespace tinhso::calendar
