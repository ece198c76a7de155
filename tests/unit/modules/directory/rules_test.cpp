// Admin unit and agency rules: code formats, dates, validity on a date, parents and successors
// (NA Resolution 202/2025/QH15; ../shared/domain/LAW.md §7).
#include <gtest/gtest.h>

#include "modules/directory/agency.h"
#include "modules/directory/unit.h"

namespace tinhso::directory {
namespace {

AdminUnit vinh_phuc() { return {2, "26", "Tỉnh Vĩnh Phúc", Level::province, {}, "1997-01-01", "2025-06-30", {}}; }
AdminUnit phu_tho() { return {1, "25", "Tỉnh Phú Thọ", Level::province, {}, "2025-07-01", {}, {}}; }
AdminUnit vinh_tuong() { return {10, "252", "Huyện Vĩnh Tường", Level::district, 2, "2021-01-01", "2025-06-30", {}}; }

std::vector<std::string> ids(const std::vector<Problem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.message_id);
  return out;
}

TEST(DirectoryRules, IsoDates) {
  struct { const char* s; bool ok; } cases[] = {
      {"2021-01-01", true},  {"2024-02-29", true},  {"2000-02-29", true},  {"1900-02-29", false},
      {"2025-02-29", false}, {"2025-04-31", false}, {"2025-13-01", false}, {"2025-00-10", false},
      {"2025-1-01", false},  {"25-01-2021", false}, {"2025/01/01", false}, {"", false},
      {"2025-01-01x", false}, {"１９９７-01-01", false},
  };
  for (auto c : cases) EXPECT_EQ(is_iso_date(c.s), c.ok) << c.s;
}

TEST(DirectoryRules, ValidOnDate) {
  EXPECT_FALSE(valid_on(vinh_phuc(), "1996-12-31"));
  EXPECT_TRUE(valid_on(vinh_phuc(), "1997-01-01"));
  EXPECT_TRUE(valid_on(vinh_phuc(), "2021-04-27"));
  EXPECT_TRUE(valid_on(vinh_phuc(), "2025-06-30"));   // last day inclusive
  EXPECT_FALSE(valid_on(vinh_phuc(), "2025-07-01"));  // the new Phú Thọ from 1/7/2025
  EXPECT_FALSE(valid_on(phu_tho(), "2025-06-30"));
  EXPECT_TRUE(valid_on(phu_tho(), "2025-07-01"));
  EXPECT_TRUE(valid_on(phu_tho(), "2999-12-31"));     // no end
}

TEST(DirectoryRules, UnitCodes) {
  struct { Level l; const char* code; bool ok; } cases[] = {
      {Level::province, "26", true},   {Level::province, "2", false},   {Level::province, "026", false},
      {Level::district, "243", true},  {Level::district, "24", false},  {Level::district, "24a", false},
      {Level::commune, "12345", true}, {Level::commune, "8707", false}, {Level::commune, "", false},
  };
  for (auto c : cases) EXPECT_EQ(valid_unit_code(c.l, c.code), c.ok) << c.code;
}

TEST(DirectoryRules, AgencyCodes) {
  struct { const char* code; bool ok; } cases[] = {
      {"UBND-TINH", true}, {"SO-TTTT", true}, {"TTHCC", true}, {"UBND-VINH-TUONG", true}, {"A1", true},
      {"so-tttt", false},  {"SỞ-TTTT", false}, {"-SO", false}, {"SO-", false}, {"SO--TT", false},
      {"S", false},        {"SO TTTT", false}, {"", false},
      {"ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ", true}, {"ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJK", false},
  };
  for (auto c : cases) EXPECT_EQ(valid_agency_code(c.code), c.ok) << c.code;
}

TEST(DirectoryRules, ValidUnitsPass) {
  AdminUnit vp = vinh_phuc(), pt = phu_tho();
  vp.successor_id = pt.id;
  EXPECT_TRUE(check_unit(vp, nullptr, &pt, false, true).empty());
  AdminUnit vt = vinh_tuong();
  EXPECT_TRUE(check_unit(vt, &vp, nullptr, true, false).empty());
  // Two-tier government: a commune directly under the province.
  AdminUnit commune{0, "99999", "Xã Thử Nghiệm", Level::commune, 1, "2025-07-01", {}, {}};
  EXPECT_TRUE(check_unit(commune, &pt, nullptr, true, false).empty());
}

TEST(DirectoryRules, SuccessorRules) {
  AdminUnit vp = vinh_phuc(), pt = phu_tho(), vt = vinh_tuong();
  AdminUnit open = vp;
  open.valid_to.reset();
  EXPECT_EQ(ids(check_unit(open, nullptr, &pt, false, true)), std::vector<std::string>{"directory.error.successor_needs_end"});
  EXPECT_EQ(ids(check_unit(vp, nullptr, &vp, false, true)), std::vector<std::string>{"directory.error.successor_self"});
  EXPECT_EQ(ids(check_unit(vp, nullptr, &vt, false, true)), std::vector<std::string>{"directory.error.successor_level"});
  AdminUnit early = pt;
  early.valid_from = "2025-06-30";
  EXPECT_EQ(ids(check_unit(vp, nullptr, &early, false, true)), std::vector<std::string>{"directory.error.successor_overlaps"});
  EXPECT_EQ(ids(check_unit(vp, nullptr, nullptr, false, true)), std::vector<std::string>{"directory.error.successor_not_found"});
}

TEST(DirectoryRules, ParentAndDateRules) {
  AdminUnit vp = vinh_phuc(), vt = vinh_tuong();
  EXPECT_EQ(ids(check_unit(vp, &vp, nullptr, true, false)), std::vector<std::string>{"directory.error.province_has_no_parent"});
  EXPECT_EQ(ids(check_unit(vt, nullptr, nullptr, false, false)), std::vector<std::string>{"directory.error.parent_required"});
  AdminUnit under_district = vt;
  under_district.parent_id = vt.id;
  EXPECT_EQ(ids(check_unit(under_district, &vt, nullptr, true, false)), std::vector<std::string>{"directory.error.parent_level"});
  AdminUnit after_end = vt;
  after_end.valid_from = "2025-07-01";
  after_end.valid_to.reset();
  EXPECT_EQ(ids(check_unit(after_end, &vp, nullptr, true, false)), std::vector<std::string>{"directory.error.parent_not_valid"});
  AdminUnit reversed = vt;
  reversed.valid_to = "2020-12-31";
  EXPECT_EQ(ids(check_unit(reversed, &vp, nullptr, true, false)), std::vector<std::string>{"directory.error.valid_to_before_from"});
  AdminUnit bad = vt;
  bad.code = "25";
  bad.name = "";
  bad.valid_from = "2021-02-30";
  EXPECT_EQ(ids(check_unit(bad, &vp, nullptr, true, false)),
            (std::vector<std::string>{"directory.error.unit_code", "directory.error.name", "directory.error.date"}));
}

TEST(DirectoryRules, AgencyParentCycle) {
  Agency a{4, "SO-TTTT", "Sở Thông tin và Truyền thông", AgencyKind::department, 2, 1, true};
  EXPECT_TRUE(check_agency(a, true, true, true, {4}).empty());
  a.parent_id = 4;
  EXPECT_EQ(ids(check_agency(a, true, true, true, {4, 7})), std::vector<std::string>{"directory.error.parent_cycle"});
  a.parent_id = 7;
  EXPECT_EQ(ids(check_agency(a, true, true, true, {4, 7})), std::vector<std::string>{"directory.error.parent_cycle"});
  EXPECT_EQ(ids(check_agency(a, false, true, false, {})),
            (std::vector<std::string>{"directory.error.unit_not_found", "directory.error.parent_not_found"}));
}

TEST(DirectoryRules, NamesRoundTrip) {
  for (AgencyKind k : kAllKinds) EXPECT_EQ(parse_kind(kind_name(k)), k);
  for (Level l : {Level::province, Level::district, Level::commune}) EXPECT_EQ(parse_level(level_name(l)), l);
  EXPECT_FALSE(parse_kind("ministry"));
  EXPECT_FALSE(parse_level("ward"));
}

// The units CSV's optional remote column (migrations/002_remote_units.sql): an empty cell is a
// unit not on the list; a typing error is reported, never read as false.
TEST(DirectoryRules, RemoteColumn) {
  EXPECT_EQ(parse_remote("true"), true);
  EXPECT_EQ(parse_remote("1"), true);
  EXPECT_EQ(parse_remote("false"), false);
  EXPECT_EQ(parse_remote("0"), false);
  EXPECT_EQ(parse_remote(""), false);
  for (const char* bad : {"yes", "TRUE", "có", "2", " true"}) EXPECT_FALSE(parse_remote(bad).has_value()) << bad;
  EXPECT_FALSE(AdminUnit{}.remote) << "a unit is not remote unless flagged";
}

}  // namespace
}  // namespace tinhso::directory
