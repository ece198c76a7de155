#include <stdexcept>
#include <string>

#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/directory/handlers.h"
#include "modules/directory/store.h"
#include "modules/directory/usecases.h"

namespace tinhso::directory {

namespace {

struct DemoUnit {
  const char* code;
  const char* name;
  const char* parent_code;  // "" for a province
};

// Vĩnh Phúc (code 26) as in the 2021 seed report, with its nine district-level units and their
// official codes (../shared/domain/LAW.md §7). Communes are left out: the demo only records codes
// it can cite. The districts' valid_from is the 2021 snapshot, not their (varied) creation dates.
constexpr DemoUnit kVinhPhucDistricts[] = {
    {"243", "Thành phố Vĩnh Yên", "26"}, {"244", "Thành phố Phúc Yên", "26"}, {"246", "Huyện Lập Thạch", "26"},
    {"247", "Huyện Tam Dương", "26"},    {"248", "Huyện Tam Đảo", "26"},      {"249", "Huyện Bình Xuyên", "26"},
    {"251", "Huyện Yên Lạc", "26"},      {"252", "Huyện Vĩnh Tường", "26"},   {"253", "Huyện Sông Lô", "26"},
};

// Three communes of the new Phú Thọ (from 1/7/2025) that handle the demo's commune-level
// procedures. Codes from one public dataset of the 2025 commune codes, not yet checked against
// the Prime Minister's decision on the code list (docs/PROCEDURES.md). None is flagged remote
// (AdminUnit::remote): two are urban wards and Xã Vĩnh Tường lies in the Red River plain, so none
// would be on a list of especially difficult communes; the demo invents no such list.
constexpr DemoUnit kPhuThoCommunes[] = {
    {"07900", "Phường Việt Trì", "25"}, {"08707", "Phường Vĩnh Yên", "25"}, {"09076", "Xã Vĩnh Tường", "25"}};

struct DemoAgency {
  const char* code;
  const char* name;
  AgencyKind kind;
  const char* unit_code;
  const char* parent_code;  // "" for none
};

// The provincial bodies the seed report names or implies. Departments and the offices of the
// people's committee sit under UBND tỉnh; the people's council, the party committee and the
// election committee (Law on Elections 2015, art. 22) do not.
constexpr DemoAgency kAgencies[] = {
    {"UBND-TINH", "Ủy ban nhân dân tỉnh Vĩnh Phúc", AgencyKind::peoples_committee, "26", ""},
    {"HDND-TINH", "Hội đồng nhân dân tỉnh Vĩnh Phúc", AgencyKind::peoples_council, "26", ""},
    {"TINH-UY", "Tỉnh ủy Vĩnh Phúc", AgencyKind::party_committee, "26", ""},
    // The Party bodies the seed's meeting of 27/4/2021 assigns conclusions to, under the provincial
    // party committee (issue 16 §2).
    {"BTV-TINH-UY", "Ban Thường vụ Tỉnh ủy Vĩnh Phúc", AgencyKind::party_committee, "26", "TINH-UY"},
    {"TT-TINH-UY", "Thường trực Tỉnh ủy Vĩnh Phúc", AgencyKind::party_committee, "26", "TINH-UY"},
    {"BCSD-UBND-TINH", "Ban Cán sự Đảng Ủy ban nhân dân tỉnh Vĩnh Phúc", AgencyKind::party_committee, "26", "TINH-UY"},
    {"DDOAN-HDND-TINH", "Đảng đoàn Hội đồng nhân dân tỉnh Vĩnh Phúc", AgencyKind::party_committee, "26", "TINH-UY"},
    {"SO-TTTT", "Sở Thông tin và Truyền thông", AgencyKind::department, "26", "UBND-TINH"},
    {"SO-KHDT", "Sở Kế hoạch và Đầu tư", AgencyKind::department, "26", "UBND-TINH"},
    {"SO-TNMT", "Sở Tài nguyên và Môi trường", AgencyKind::department, "26", "UBND-TINH"},
    {"THANH-TRA", "Thanh tra tỉnh", AgencyKind::inspectorate, "26", "UBND-TINH"},
    {"TTHCC", "Trung tâm Phục vụ hành chính công tỉnh", AgencyKind::one_stop_centre, "26", "UBND-TINH"},
    {"BAN-TCD", "Ban Tiếp công dân tỉnh", AgencyKind::other, "26", "UBND-TINH"},
    {"UBBC-TINH", "Ủy ban Bầu cử tỉnh", AgencyKind::other, "26", ""},
    {"UBND-VINH-YEN", "Ủy ban nhân dân thành phố Vĩnh Yên", AgencyKind::peoples_committee, "243", "UBND-TINH"},
    {"UBND-VINH-TUONG", "Ủy ban nhân dân huyện Vĩnh Tường", AgencyKind::peoples_committee, "252", "UBND-TINH"},
    // The new Phú Thọ's bodies that handle the demo procedures (2025 names: Sở Tài chính took over
    // business registration, Sở Nông nghiệp và Môi trường land, Công an the criminal record).
    {"CA-TINH", "Công an tỉnh Phú Thọ", AgencyKind::other, "25", ""},
    {"SO-TC", "Sở Tài chính", AgencyKind::department, "25", "UBND-TINH"},
    {"SO-NNMT", "Sở Nông nghiệp và Môi trường", AgencyKind::department, "25", "UBND-TINH"},
    {"SO-NV", "Sở Nội vụ", AgencyKind::department, "25", "UBND-TINH"},
    {"SO-YT", "Sở Y tế", AgencyKind::department, "25", "UBND-TINH"},
    {"SO-KHCN", "Sở Khoa học và Công nghệ", AgencyKind::department, "25", "UBND-TINH"},
    {"UBND-P-VIET-TRI", "Ủy ban nhân dân phường Việt Trì", AgencyKind::peoples_committee, "07900", "UBND-TINH"},
    {"UBND-P-VINH-YEN", "Ủy ban nhân dân phường Vĩnh Yên", AgencyKind::peoples_committee, "08707", "UBND-TINH"},
    {"UBND-X-VINH-TUONG", "Ủy ban nhân dân xã Vĩnh Tường", AgencyKind::peoples_committee, "09076", "UBND-TINH"},
    {"CA-P-VIET-TRI", "Công an phường Việt Trì", AgencyKind::other, "07900", "CA-TINH"},
};

constexpr const char* kVinhPhucFrom = "1997-01-01";
constexpr const char* kDistrictsFrom = "2021-01-01";
// NA Resolution 202/2025/QH15: the new Phú Thọ from 1/7/2025, two-tier (no district level).
constexpr const char* kMergerEnd = "2025-06-30";
constexpr const char* kPhuThoFrom = "2025-07-01";

struct DemoEnd {
  const char* code;
  const char* successor_code;
};

// Agencies that ended on 30/6/2025, the last day of Vĩnh Phúc, and their successors in the new
// Phú Thọ. The district people's committees: the district level is abolished from 1/7/2025 (NA
// Resolution 202/2025/QH15, two-tier local government); the demo's successor is the commune-level
// committee of the same place. The departments merged in 2025 (Sở Thông tin và Truyền thông into
// Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư into Sở Tài chính, Sở Tài nguyên và Môi trường
// and Sở Nông nghiệp into Sở Nông nghiệp và Môi trường; the provinces merged them from 1/3/2025,
// the demo ends Vĩnh Phúc's with the province). They end here, before the other modules load
// their demo data, so the demo staff, procedures, cases and the telecom-cables city-report service
// are the successors' from the start (SO-KHCN for SO-TTTT's).
constexpr DemoEnd kEnded[] = {
    {"SO-TTTT", "SO-KHCN"},
    {"SO-KHDT", "SO-TC"},
    {"SO-TNMT", "SO-NNMT"},
    {"UBND-VINH-YEN", "UBND-P-VINH-YEN"},
    {"UBND-VINH-TUONG", "UBND-X-VINH-TUONG"},
};

// Inserts the unit unless one with the same code and valid_from exists; returns its id.
std::int64_t ensure_unit(soci::session& s, const audit::Recorder& rec, AdminUnit u) {
  if (auto id = unit_id(s, u.code, u.valid_from)) return *id;
  u.id = insert_unit(s, u);
  rec(s, {"admin_unit.create", "admin_unit", std::to_string(u.id), "", summary(u)});
  return u.id;
}

void load_units(soci::session& s, const audit::Recorder& rec) {
  std::int64_t phu_tho = ensure_unit(s, rec, {0, "25", "Tỉnh Phú Thọ", Level::province, {}, kPhuThoFrom, {}, {}});
  std::int64_t vinh_phuc = ensure_unit(
      s, rec, {0, "26", "Tỉnh Vĩnh Phúc", Level::province, {}, kVinhPhucFrom, kMergerEnd, phu_tho});
  for (const auto& d : kVinhPhucDistricts)
    ensure_unit(s, rec, {0, d.code, d.name, Level::district, vinh_phuc, kDistrictsFrom, kMergerEnd, {}});
  for (const auto& c : kPhuThoCommunes)
    ensure_unit(s, rec, {0, c.code, c.name, Level::commune, phu_tho, kPhuThoFrom, {}, {}});
}

// The valid_from of the demo unit `code`: Vĩnh Phúc, one of its districts, or the new Phú Thọ.
const char* demo_unit_from(std::string_view code) {
  if (code == "26") return kVinhPhucFrom;
  for (const auto& d : kVinhPhucDistricts)
    if (code == d.code) return kDistrictsFrom;
  return kPhuThoFrom;
}

void load_agencies(soci::session& s, const audit::Recorder& rec) {
  for (const auto& d : kAgencies) {
    if (agency_id_by_code(s, d.code)) continue;
    Agency a{0, d.code, d.name, d.kind, *unit_id(s, d.unit_code, demo_unit_from(d.unit_code)), std::nullopt, true};
    if (*d.parent_code) a.parent_id = agency_id_by_code(s, d.parent_code);
    if (std::string_view(demo_unit_from(d.unit_code)) == kPhuThoFrom) a.valid_from = kPhuThoFrom;
    a.id = insert_agency(s, a);
    rec(s, {"agency.create", "agency", std::to_string(a.id), "", summary(a)});
  }
}

// Ends the kEnded agencies through the administrators' use case, hooks included (idempotent: an
// agency already ended is left alone).
void end_agencies(app::Context& ctx, soci::session& s, const audit::Recorder& rec) {
  for (const auto& e : kEnded) {
    auto id = agency_id_by_code(s, e.code);
    auto a = id ? find_agency(s, *id) : std::nullopt;
    if (!a || a->ended()) continue;
    EndOutcome o = end_agency_now(s, a->id, kMergerEnd, agency_id_by_code(s, e.successor_code), kMergerEnd,
                                  std::nullopt, ctx.agency_hand_overs, rec);
    if (!o.problems.empty()) throw std::runtime_error(std::string("demo: cannot end ") + e.code);
  }
}

void load_demo(app::Context& ctx) {
  ctx.db.transaction([&ctx](soci::session& s) {
    const audit::Recorder rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
    load_units(s, rec);
    load_agencies(s, rec);
    end_agencies(ctx, s, rec);
  });
}

}  // namespace

app::Module module() {
  app::Module m{"directory", add_routes, load_demo, {}, {}};
  m.nav = {{"/admin/agencies", "directory.nav_agencies", false, {auth::Role::administrator}, {}, web::NavPlace::admin,
            "directory.nav_agencies_about"},
           {"/admin/units", "directory.nav_units", false, {auth::Role::administrator}, {}, web::NavPlace::admin,
            "directory.nav_units_about"}};
  m.demo_notes = [](const app::Context&) {
    return std::vector<std::string>{"Demo province: Phú Thọ (code 25; includes the former Vĩnh Phúc, code 26)."};
  };
  return m;
}

}  // namespace tinhso::directory
