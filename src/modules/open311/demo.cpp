// The demo province's city-report services (data/open311/demo-services.json, embedded) and a
// few reports from a demo client app, each a petition in `received`. Idempotent: services load
// once, reports only while there are none.
#include "modules/open311/demo.h"

#include <stdexcept>

#include "core/auth/clock.h"
#include "core/util/embedded.h"
#include "modules/audit/api.h"
#include "modules/open311/intake.h"
#include "modules/open311/services_file.h"
#include "modules/open311/store.h"

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
  });
}

}  // namespace tinhso::open311
