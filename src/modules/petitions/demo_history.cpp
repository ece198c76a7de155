// `tinhso demo`'s past petitions (app::DemoSettings, core/app/demo.h): recommendations and feedback
// to SO-KHCN received on their own days and answered through the same use cases as the desk's
// pages — receive, classify, accept, assign, verify, decide, notify, close — by the demo's
// officers, each step dated by a clock of its own, so that the figures kept per month (migration
// 012: Decision 766 indicators 5.2 and 5.3, Open311's time to close) have a history to show.
#include <array>
#include <stdexcept>

#include "core/auth/clock.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/identity/api.h"
#include "modules/petitions/api.h"
#include "modules/petitions/demo.h"
#include "modules/petitions/store.h"
#include "modules/petitions/usecases.h"

namespace tinhso::petitions {

namespace {

using std::chrono::hours;
using std::chrono::system_clock;

struct Officers {
  auth::Principal leader, specialist;
};

std::optional<Officers> officers(soci::session& s) {
  auto leader = identity::principal_by_email(s, "leader@demo.tinhso.vn");
  auto specialist = identity::principal_by_email(s, "specialist@demo.tinhso.vn");
  if (!leader || !specialist) return std::nullopt;
  return Officers{*leader, *specialist};
}

// Runs `fn(env)` with the module's Env at moment `at`: its clock, audit records dated then.
template <class Fn>
decltype(auto) at_moment(app::Context& ctx, soci::session& s, system_clock::time_point at, Fn&& fn) {
  const auth::FakeClock clock(at);
  const auto calendar = ctx.calendar.current();
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), clock, "demo");
  const Env env{s, clock, *calendar, rules_settings(ctx), keys_of(ctx), rec};
  return fn(env);
}

}  // namespace

bool answer_for_demo(app::Context& ctx, soci::session& s, const Petition& received, hours took) {
  const auto who = officers(s);
  if (!who) return false;
  const system_clock::time_point t0 = auth::parse_iso_utc(received.received_at);
  const system_clock::time_point answered = t0 + std::max(took, hours(5));
  if (answered + hours(2) > ctx.clock.now()) return false;
  Petition x = received;
  auto step = [&](const auth::Principal& by, Action action, system_clock::time_point at, ActInput in) {
    in.action = action;
    if (auto fresh = find_petition(s, x.id)) x = *fresh;  // as stored: its version moved
    Acted a = at_moment(ctx, s, at, [&](const Env& env) { return act(env, by, x, std::move(in)); });
    if (a.result != ActResult::done)
      throw std::runtime_error("demo history petition " + x.code + ": " + std::string(action_code(action)) +
                               " refused (" + a.log + ")");
    x = a.petition;
  };
  ActInput classify;
  classify.kind = x.kind;
  step(who->specialist, Action::classify, t0 + hours(1), classify);
  step(who->leader, Action::accept, t0 + hours(2), {});
  ActInput assign;
  assign.assignee = who->specialist.account_id;
  step(who->leader, Action::assign, t0 + hours(3), assign);
  step(who->specialist, Action::verify, answered - hours(1), {});
  ActInput decide;
  decide.note = "Văn bản trả lời số " + std::to_string(x.id) + "/SKHCN-TTr (demo)";
  step(who->leader, Action::decide, answered, decide);
  step(who->specialist, Action::notify, answered + hours(1), {});
  step(who->specialist, Action::close, answered + hours(2), {});
  return true;
}

void load_history(app::Context& ctx, soci::session& s, int months) {
  using namespace std::chrono;
  const auto agency = directory::agency_id_by_code(s, "SO-KHCN");
  if (!agency || !officers(s)) return;
  static constexpr std::array<const char*, 4> kSubjects = {
      "Sóng di động yếu ở khu dân cư", "Đề nghị hướng dẫn nộp hồ sơ trực tuyến", "Trạm BTS đặt sát nhà dân",
      "Đề nghị mở rộng điểm phát Wi-Fi công cộng"};
  const calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  const year_month this_month{year_month_day(today).year(), year_month_day(today).month()};
  std::size_t n = 0;
  for (int back = months; back >= 1; --back) {
    const year_month ym = this_month - std::chrono::months(back);
    const int count = 3 + back % 3;
    for (int k = 0; k < count; ++k, ++n) {
      sys_days day = sys_days(ym / 1) + days(2 + (k * 6 + back) % 24);
      while (calendar::is_weekend(day)) day += days(1);
      const auto received = sys_time<seconds>(day) + hours(1) + minutes(static_cast<int>(n % 50));  // 08:xx in Viet Nam
      // About one in five answered late (past 10 working days); the rest in one to eight days.
      const hours took = n % 5 == 2 ? hours(24 * 20) : hours(24 * static_cast<int>(1 + n % 8) + 3);
      if (received + took + hours(2) > ctx.clock.now()) continue;
      ReceiveInput in;
      in.petition.kind = n % 3 == 0 ? Kind::recommendation : Kind::feedback;
      in.petition.channel = Channel::online;
      in.petition.agency_id = *agency;
      in.petition.subject = kSubjects[n % kSubjects.size()];
      in.petition.content = std::string(kSubjects[n % kSubjects.size()]) + " — phản ánh đã được trả lời (demo).";
      in.petition.anonymous = true;
      in.petition.received_at = auth::iso_utc(received);
      in.role = "anonymous";
      const Petition p = at_moment(ctx, s, received, [&](const Env& env) { return receive(env, std::move(in)).petition; });
      answer_for_demo(ctx, s, p, took);
    }
  }
}

}  // namespace tinhso::petitions
