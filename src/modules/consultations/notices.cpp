#include "modules/consultations/notices.h"

#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/util/periodic.h"
#include "modules/mail/api.h"

namespace tinhso::consultations {

void add_notice_options(CLI::App& cmd, app::Settings& settings) {
  NoticeSettings& s = settings.modules.get<NoticeSettings>();
  cmd.add_option("--consultation-closing-days", s.closing_days,
                 "Tell a consultation's subscribers this many days before it closes (issue 18 §7)")
      ->envname("TINHSO_CONSULTATION_CLOSING_DAYS")
      ->check(CLI::Range(1, 30))
      ->capture_default_str();
  cmd.add_option_function<std::string>(
         "--consultation-notices", [&s](const std::string& v) { s.enabled = v == "on"; },
         "Announce consultations to their subscribers from this node: on or off (issue 18 §7)")
      ->envname("TINHSO_CONSULTATION_NOTICES")
      ->check(CLI::IsMember({"on", "off"}))
      ->default_str("on");
  cmd.add_option("--consultation-notice-seconds", s.period_seconds,
                 "How often this node looks for consultation announcements owed (issue 18 §7)")
      ->envname("TINHSO_CONSULTATION_NOTICE_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
}

const NoticeSettings& notice_settings(const app::Context& ctx) { return ctx.settings.modules.get<NoticeSettings>(); }

namespace {

struct Recipient {
  std::int64_t id = 0;
  std::string name, email;
};

void insert_notice(soci::session& s, std::int64_t account, std::int64_t consultation, std::string_view event,
                   std::int64_t comment, const std::string& now) {
  long long a = account, c = consultation, cm = comment;
  const std::string ev(event);
  s << "INSERT INTO consultation_notices (account_id, consultation_id, event, comment_id, created_at)"
       " VALUES (:a, :c, :event, NULLIF(:cm, 0), :now)",
      soci::use(a, "a"), soci::use(c, "c"), soci::use(ev, "event"), soci::use(cm, "cm"), soci::use(now, "now");
}

void send_mail(soci::session& s, const app::Context& ctx, const Recipient& r, std::string_view event,
               const std::string& title, std::int64_t consultation) {
  if (!mail::deliverable_address(r.email)) return;
  const auto& cat = ctx.pages.catalog();
  const std::string url = ctx.settings.public_url + "/consultations/" + std::to_string(consultation);
  const std::string key = "consultations.mail." + std::string(event);
  std::initializer_list<std::pair<std::string_view, std::string_view>> args = {
      {"name", r.name}, {"title", title}, {"url", url}};
  try {
    mail::enqueue(s, ctx.db.dialect(), ctx.clock,
                  {r.email, cat.format("vi", key + ".subject", args), cat.format("vi", key + ".text", args)});
  } catch (const std::invalid_argument& e) {
    spdlog::warn("consultations: notice to account {} not queued: {}", r.id, e.what());
  }
}

std::string title_of(soci::session& s, std::int64_t consultation) {
  long long c = consultation;
  std::string title;
  s << "SELECT title FROM consultations WHERE id = :c", soci::use(c, "c"), soci::into(title);
  return title;
}

// The subscribers of consultation `c` (to it, its field or its agency), and with `commenters`
// every author of a comment on it: active accounts, each once.
std::vector<Recipient> audience_of(soci::session& s, std::int64_t c, bool commenters) {
  long long id = c;
  const std::string sql =
      "SELECT a.id, a.full_name, a.email FROM accounts a WHERE a.status = 'active' AND a.id IN ("
      " SELECT sub.account_id FROM consultation_subscriptions sub JOIN consultations k ON k.id = :c1"
      " WHERE (sub.scope = 'consultation' AND sub.value = CAST(k.id AS TEXT))"
      " OR (sub.scope = 'field' AND sub.value = k.field AND k.field <> '')"
      " OR (sub.scope = 'agency' AND sub.value = CAST(k.agency_id AS TEXT))" +
      std::string(commenters ? " UNION SELECT account_id FROM consultation_comments WHERE consultation_id = :c2" : "") +
      ") ORDER BY a.id";
  Recipient r;
  long long rid = 0;
  soci::statement st = commenters ? (s.prepare << sql, soci::use(id, "c1"), soci::use(id, "c2"), soci::into(rid),
                                     soci::into(r.name), soci::into(r.email))
                                  : (s.prepare << sql, soci::use(id, "c1"), soci::into(rid), soci::into(r.name),
                                     soci::into(r.email));
  st.execute();
  std::vector<Recipient> out;
  while (st.fetch()) {
    r.id = rid;
    out.push_back(r);
  }
  return out;
}

// Claims the announcement (c, event); true when this transaction made it.
bool claim(soci::session& s, std::int64_t c, const std::string& event, const std::string& now) {
  long long id = c;
  soci::statement st = (s.prepare << "INSERT INTO consultation_announcements (consultation_id, event, made_at)"
                                     " VALUES (:c, :event, :now) ON CONFLICT (consultation_id, event) DO NOTHING",
                        soci::use(id, "c"), soci::use(event, "event"), soci::use(now, "now"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::mutex job_mu;
std::unique_ptr<util::Periodic> job;

}  // namespace

void tell_author(const Env& env, const Comment& c, std::string_view event) {
  const std::string now = auth::iso_utc(env.clock.now());
  insert_notice(env.s, c.account_id, c.consultation_id, event, c.id, now);
  if (env.app == nullptr) return;
  long long acc = c.account_id;
  Recipient r;
  r.id = c.account_id;
  env.s << "SELECT full_name, email FROM accounts WHERE id = :a", soci::use(acc, "a"), soci::into(r.name),
      soci::into(r.email);
  if (!env.s.got_data()) return;
  send_mail(env.s, *env.app, r, event, title_of(env.s, c.consultation_id), c.consultation_id);
}

int run_announcement_pass(const app::Context& ctx, int limit) {
  const auto now_tp = ctx.clock.now();
  const std::string now = auth::iso_utc(now_tp);
  const std::string horizon =
      auth::iso_utc(now_tp + std::chrono::hours(24) * notice_settings(ctx).closing_days);
  struct Owed {
    std::int64_t id = 0;
    std::string event;
  };
  // Owed announcements: opened (open now, or already past), closing (open and closing within the
  // window), report (published) — each not made yet.
  std::vector<Owed> owed = ctx.db.with_session([&](soci::session& s) {
    std::vector<Owed> out;
    long long id = 0;
    std::string event;
    int lim = limit;
    soci::statement st =
        (s.prepare << "SELECT k.id, e.event FROM consultations k JOIN (SELECT 'opened' AS event UNION ALL"
                      " SELECT 'closing' UNION ALL SELECT 'report') e ON"
                      " (e.event = 'opened' AND k.opens_at <= :now1)"
                      " OR (e.event = 'closing' AND k.opens_at <= :now2 AND k.closes_at > :now3 AND k.closes_at <= :h)"
                      " OR (e.event = 'report' AND k.report_published_at IS NOT NULL)"
                      " WHERE k.state = 'published' AND NOT EXISTS (SELECT 1 FROM consultation_announcements x"
                      " WHERE x.consultation_id = k.id AND x.event = e.event) ORDER BY k.id, e.event LIMIT :lim",
         soci::use(now, "now1"), soci::use(now, "now2"), soci::use(now, "now3"), soci::use(horizon, "h"),
         soci::use(lim, "lim"), soci::into(id), soci::into(event));
    st.execute();
    while (st.fetch()) out.push_back({id, event});
    return out;
  });
  int made = 0;
  for (const Owed& o : owed) {
    ctx.db.transaction([&](soci::session& s) {
      if (!claim(s, o.id, o.event, now)) return;
      // An "opened" owed long ago (a node down over the opening) still goes out; a "closing" is
      // skipped once closed (the query only finds open ones).
      const std::string title = title_of(s, o.id);
      for (const Recipient& r : audience_of(s, o.id, o.event == "report")) {
        insert_notice(s, r.id, o.id, o.event, 0, now);
        send_mail(s, ctx, r, o.event, title, o.id);
      }
      ++made;
    });
  }
  return made;
}

void start_announcements(app::Context& ctx) {
  if (!notice_settings(ctx).enabled) return;
  std::lock_guard lock(job_mu);
  if (job) return;
  job = std::make_unique<util::Periodic>("consultation announcements",
                                         std::chrono::seconds(notice_settings(ctx).period_seconds),
                                         [&ctx] { run_announcement_pass(ctx); });
}

void stop_announcements() {
  std::unique_ptr<util::Periodic> j;
  {
    std::lock_guard lock(job_mu);
    j = std::move(job);
  }
  if (j) j->stop();
}

}  // namespace tinhso::consultations
