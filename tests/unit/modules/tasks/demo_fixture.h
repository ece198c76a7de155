#pragma once
// What the tasks tests that store the demo share: the shipped data/tasks/demo.json, and a
// database with one admin unit and an agency for every body the file names.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "modules/tasks/demo_data.h"
#include "temp_db.h"

namespace tinhso::tasks::test {

inline demo::DemoFile shipped_demo() {
  std::ifstream in(std::string(TINHSO_SOURCE_DIR) + "/data/tasks/demo.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return demo::parse(text.str());
}

inline void codes_of(const demo::Task& t, std::set<std::string>& out) {
  out.insert(t.lead);
  out.insert(t.coordinating.begin(), t.coordinating.end());
  for (const auto& s : t.subtasks) codes_of(s, out);
}

// Admin unit 1 and an agency (kind `other`) coded as each issuer, lead and coordinator of `file`.
inline void add_demo_agencies(testing::TempDb& tmp, const demo::DemoFile& file) {
  std::set<std::string> codes;
  for (const auto& d : file.documents) {
    codes.insert(d.issuer);
    for (const auto& it : d.items)
      for (const auto& t : it.tasks) codes_of(t, codes);
  }
  const std::string ids = tmp.dialect() == db::Dialect::postgresql ? " OVERRIDING SYSTEM VALUE" : "";
  tmp.exec("INSERT INTO admin_units (id, code, name, level, valid_from)" + ids +
           " VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');");
  for (const auto& c : codes)
    tmp.exec("INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES ('" + c + "', '" + c + "', 'other', 1);");
}

}  // namespace tinhso::tasks::test
