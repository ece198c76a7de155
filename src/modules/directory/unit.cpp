#include "modules/directory/unit.h"

#include <algorithm>
#include <cctype>

namespace tinhso::directory {

namespace {

constexpr std::pair<Level, std::string_view> kLevels[] = {
    {Level::province, "province"}, {Level::district, "district"}, {Level::commune, "commune"}};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

void check_dates(const AdminUnit& u, std::vector<Problem>& out) {
  if (!is_iso_date(u.valid_from)) out.push_back({"valid_from", "directory.error.date"});
  if (u.valid_to && !is_iso_date(*u.valid_to)) out.push_back({"valid_to", "directory.error.date"});
  else if (u.valid_to && *u.valid_to < u.valid_from) out.push_back({"valid_to", "directory.error.valid_to_before_from"});
}

void check_parent(const AdminUnit& u, const AdminUnit* parent, bool given, std::vector<Problem>& out) {
  if (u.level == Level::province) {
    if (given) out.push_back({"parent", "directory.error.province_has_no_parent"});
    return;
  }
  if (!parent) {
    out.push_back({"parent", given ? "directory.error.parent_not_found" : "directory.error.parent_required"});
    return;
  }
  if (!may_contain(parent->level, u.level)) out.push_back({"parent", "directory.error.parent_level"});
  else if (is_iso_date(u.valid_from) && !valid_on(*parent, u.valid_from))
    out.push_back({"parent", "directory.error.parent_not_valid"});
}

void check_successor(const AdminUnit& u, const AdminUnit* succ, bool given, std::vector<Problem>& out) {
  if (!given) return;
  if (!succ) return out.push_back({"successor", "directory.error.successor_not_found"});
  if (u.id != 0 && succ->id == u.id) return out.push_back({"successor", "directory.error.successor_self"});
  if (!u.valid_to) return out.push_back({"successor", "directory.error.successor_needs_end"});
  if (succ->level != u.level) return out.push_back({"successor", "directory.error.successor_level"});
  if (succ->valid_from <= *u.valid_to) out.push_back({"successor", "directory.error.successor_overlaps"});
}

}  // namespace

std::string_view level_name(Level l) {
  for (auto [lv, name] : kLevels)
    if (lv == l) return name;
  return "province";
}

std::optional<Level> parse_level(std::string_view name) {
  for (auto [lv, n] : kLevels)
    if (n == name) return lv;
  return std::nullopt;
}

std::optional<bool> parse_remote(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text.empty() || text == "false" || text == "0") return false;
  return std::nullopt;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
  int year = to_int(y), month = to_int(m), day = to_int(d);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool valid_on(const AdminUnit& u, std::string_view date) {
  return u.valid_from <= date && (!u.valid_to || date <= *u.valid_to);
}

bool valid_unit_code(Level level, std::string_view code) {
  static constexpr std::size_t kLength[] = {2, 3, 5};
  return all_digits(code) && code.size() == kLength[static_cast<int>(level)];
}

bool may_contain(Level parent, Level child) {
  if (child == Level::district) return parent == Level::province;
  if (child == Level::commune) return parent == Level::province || parent == Level::district;
  return false;
}

std::vector<Problem> check_unit(const AdminUnit& u, const AdminUnit* parent, const AdminUnit* successor,
                                bool parent_given, bool successor_given) {
  std::vector<Problem> out;
  if (!valid_unit_code(u.level, u.code)) out.push_back({"code", "directory.error.unit_code"});
  if (u.name.empty() || u.name.size() > 200) out.push_back({"name", "directory.error.name"});
  check_dates(u, out);
  check_parent(u, parent, parent_given, out);
  check_successor(u, successor, successor_given, out);
  return out;
}

}  // namespace tinhso::directory
