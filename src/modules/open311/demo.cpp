// The demo province's city-report services (data/open311/demo-services.json, embedded) and a
// few reports from a demo client app, each a petition in `received`. Idempotent: services load
// once, reports only while there are none.
#include "modules/open311/demo.h"

#include <chrono>
#include <iterator>
#include <stdexcept>

#include "core/app/demo.h"
#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "core/util/embedded.h"
#include "modules/audit/api.h"
#include "modules/open311/intake.h"
#include "modules/open311/services_file.h"
#include "modules/open311/store.h"
#include "modules/petitions/api.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_open311_data();
}

namespace tinhso::open311 {

namespace {

struct DemoReport {
  const char* service;
  int days_ago;
  double lat, lon;
  const char* address;
  const char* description;
  const char* attributes;  // JSON
};

// Places in Việt Trì and Vĩnh Yên (WGS 84).
constexpr DemoReport kReports[] = {
    {"ROAD", 6, 21.3227, 105.4019, "Đường Hùng Vương, gần ngã tư Gia Cẩm, Việt Trì",
     "Ổ gà lớn giữa làn xe máy, trời tối rất dễ ngã.", R"({"severity":["serious"],"area_m2":["1.5"]})"},
    {"LIGHT", 4, 21.3183, 105.3961, "Ngõ 12 phố Nguyễn Tất Thành, Việt Trì",
     "Ba cột đèn liền nhau không sáng từ tuần trước.", R"({"condition":["off"]})"},
    {"FLOOD", 3, 21.3094, 105.6049, "Đường Mê Linh, đoạn trước chợ Vĩnh Yên",
     "Sau mưa chiều, nước ngập quá nửa bánh xe máy, nhiều xe chết máy.", R"({"depth_cm":["35"]})"},
    {"DRAIN", 2, 21.3121, 105.5987, "Phố Lê Xoay, Vĩnh Yên", "Hố ga tắc, nước bẩn tràn lên vỉa hè, bốc mùi.", "{}"},
    {"CABLE", 2, 21.3205, 105.4088, "Phố Hòa Phong, Việt Trì",
     "Cáp viễn thông võng thấp qua đường, xe tải đi qua có thể vướng.", R"({"cable_type":["internet"]})"},
    {"WASTE", 1, 21.3259, 105.3902, "Bãi đất trống cuối đường Trần Phú, Việt Trì",
     "Có người đổ trộm phế thải xây dựng, đã thành bãi lớn.", R"({"waste_type":["construction"]})"},
    {"SIDEWALK", 1, 21.3166, 105.4032, "Đại lộ Hùng Vương, trước số 1100, Việt Trì",
     "Quán ăn bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.", "{}"},
};

// The past reports (app::DemoSettings, core/app/demo.h): for each of the last `months` months, a few
// reports of cables hanging over streets (the service SO-KHCN handles, whose demo officers answer)
// received through the intake like any other and answered on their own days through the
// petitions' use cases (petitions/api.h answer_for_demo) — hours to weeks later, so that Open311's
// median time to close has a history. Only reports whose close has come.
void load_history(app::Context& ctx, soci::session& s, const audit::Recorder& intake, std::int64_t key, int months) {
  using namespace std::chrono;
  auto service = find_service(s, "CABLE");
  if (!service) return;
  static constexpr const char* kStreets[] = {"Phố Hòa Phong, Việt Trì", "Đường Châu Phong, Việt Trì",
                                             "Phố Ngô Quyền, Vĩnh Yên", "Đường Nguyễn Du, Việt Trì"};
  const calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  const year_month this_month{year_month_day(today).year(), year_month_day(today).month()};
  std::size_t n = 0;
  for (int back = months; back >= 1; --back) {
    const year_month ym = this_month - std::chrono::months(back);
    for (int k = 0; k < 2 + back % 2; ++k, ++n) {
      const sys_days day = sys_days(ym / 1) + days(3 + (k * 9 + back * 2) % 23);
      const auto requested = sys_time<seconds>(day) + hours(n % 12) + minutes(static_cast<int>(n * 7 % 60));
      // Answered after 6 hours to 12 days; one in six after three weeks.
      const hours took = n % 6 == 4 ? hours(24 * 21) : hours(6 + static_cast<int>(n * 37 % 280));
      if (requested + took + hours(2) > ctx.clock.now()) continue;
      ReportRecord r;
      r.token = random_token();
      r.service_id = service->id;
      r.api_key_id = key;
      r.lat = 21.31 + static_cast<double>(n % 9) * 0.002;
      r.lon = 105.40 + static_cast<double>(n % 7) * 0.003;
      r.address = kStreets[n % std::size(kStreets)];
      r.description = "Cáp viễn thông võng thấp qua đường (phản ánh đã xử lý, demo).";
      r.attributes = R"({"cable_type":["internet"]})";
      r.requested_at = auth::iso_utc(requested);
      r.id = insert_report(s, r);
      if (auto p = make_case(s, ctx, intake, *service, r)) petitions::answer_for_demo(ctx, s, *p, took);
    }
  }
}

}  // namespace

void load_demo(app::Context& ctx) {
  const auto& files = embedded_open311_data();
  if (files.empty()) throw std::logic_error("open311: the demo services are not embedded");
  auto now = ctx.clock.now();
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
  bool have_services = ctx.db.with_session([](soci::session& s) { return !list_services(s, false).empty(); });
  if (!have_services) {
    auto entries = parse_services_file(files.front().data);
    ctx.db.transaction([&](soci::session& s) {
      import_services(s, entries, auth::iso_utc(now), rec);
    });
  }
  bool have_reports = ctx.db.with_session([](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM open311_reports", soci::into(n);
    return n > 0;
  });
  if (have_reports) return;
  // The cases are made as the intake job makes them: by the system actor "open311".
  const audit::Recorder intake = audit::for_system(ctx.db.dialect(), ctx.clock, "open311");
  ctx.db.transaction([&](soci::session& s) {
    // A key nobody holds: the demo reports need an issuing client; real clients get keys from
    // an administrator (/admin/open311) or `tinhso open311 key create`.
    std::string unused = generate_api_key();
    auto key = insert_api_key(s, "Ứng dụng phản ánh hiện trường (demo)", api_key_hash(unused), api_key_prefix(unused),
                              auth::iso_utc(now), 0);
    rec(s, {"open311.key.create", "open311_key", std::to_string(key), "", "demo"});
    for (const auto& d : kReports) {
      auto service = find_service(s, d.service);
      if (!service) continue;
      ReportRecord r;
      r.token = random_token();
      r.service_id = service->id;
      r.api_key_id = key;
      r.lat = d.lat;
      r.lon = d.lon;
      r.address = d.address;
      r.description = d.description;
      r.attributes = d.attributes;
      r.requested_at = auth::iso_utc(now - std::chrono::hours(24 * d.days_ago) - std::chrono::minutes(37 * d.days_ago));
      r.id = insert_report(s, r);
      make_case(s, ctx, intake, *service, r);
    }
    load_history(ctx, s, intake, key, ctx.settings.modules.get<app::DemoSettings>().history_months);
  });
}

}  // namespace tinhso::open311
