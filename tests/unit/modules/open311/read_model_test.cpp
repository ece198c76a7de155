// open311 reads petitions only through the read model the petitions module owns (issue 13 §2:
// petitions migration 009, open311 migration 004), on both dialects and on both paths a
// database takes: created now (every migration in registry order) and upgraded (the schema
// before the read model, then the rest, as on an existing installation). Either way open311's
// trigger and index on petitions' tables are gone, petitions' own are there, and the answer
// version still moves with every change of an Open311 petition and with nothing else.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>

#include "core/db/database.h"
#include "core/db/migrate.h"
#include "modules/open311/store.h"
#include "modules/registry.h"
#include "temp_db.h"

namespace tinhso::open311 {
namespace {

enum class Path { fresh, upgraded };
using Param = std::tuple<db::Dialect, Path>;

// The migrations a database had before the read model existed.
std::vector<db::Migration> before_read_model(db::Dialect d) {
  std::vector<db::Migration> out;
  for (auto& m : module_migrations(d))
    if (!(m.module == "petitions" && m.version >= 9) && !(m.module == "open311" && m.version >= 4)) out.push_back(m);
  return out;
}

// An empty database of dialect `d`, migrated by `migrations`; removed at the end.
class ScratchDb {
 public:
  ScratchDb(db::Dialect d, const std::vector<db::Migration>& migrations) {
    if (d == db::Dialect::sqlite) {
      std::string tmpl = (std::filesystem::temp_directory_path() / "tinhso-o311-XXXXXX").string();
      dir_ = mkdtemp(tmpl.data());
      db_ = std::make_unique<db::Database>("sqlite:" + (dir_ / "t.db").string());
    } else {
      static std::atomic<int> counter{0};
      server_ = testing::pg_server_url();
      name_ = "tinhso_o311_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
      db::Database(server_, 1).with_session([&](soci::session& s) { s << "CREATE DATABASE " + name_; });
      auto scheme = server_.find("://");
      auto slash = server_.find('/', scheme + 3);
      auto query = server_.find('?');
      std::string base = slash == std::string::npos ? server_.substr(0, query) : server_.substr(0, slash);
      db_ = std::make_unique<db::Database>(base + "/" + name_ + (query == std::string::npos ? "" : server_.substr(query)), 2);
    }
    db::migrate(*db_, migrations);
  }
  ~ScratchDb() {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!name_.empty()) try {
        db::Database(server_, 1).with_session(
            [&](soci::session& s) { s << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"; });
      } catch (...) {  // left behind, it dies with the throwaway cluster
      }
  }
  ScratchDb(const ScratchDb&) = delete;
  ScratchDb& operator=(const ScratchDb&) = delete;
  db::Database& db() { return *db_; }

 private:
  std::filesystem::path dir_;
  std::string server_, name_;
  std::unique_ptr<db::Database> db_;
};

class ReadModelTest : public ::testing::TestWithParam<Param> {
 protected:
  db::Dialect dialect() const { return std::get<0>(GetParam()); }

  // Whether the schema has a trigger or an index of this name.
  static bool has(db::Database& d, const char* kind, const std::string& name) {
    long long n = 0;
    d.with_session([&](soci::session& s) {
      if (d.dialect() == db::Dialect::sqlite) {
        std::string k = kind;
        s << "SELECT COUNT(*) FROM sqlite_master WHERE type = :k AND name = :n", soci::use(k, "k"),
            soci::use(name, "n"), soci::into(n);
      } else if (std::string(kind) == "trigger") {
        s << "SELECT COUNT(*) FROM pg_trigger WHERE tgname = :n", soci::use(name, "n"), soci::into(n);
      } else {
        s << "SELECT COUNT(*) FROM pg_indexes WHERE indexname = :n", soci::use(name, "n"), soci::into(n);
      }
    });
    return n > 0;
  }

  // One agency and a petition on each of two channels (ids 1 and 2).
  static void seed(db::Database& d) {
    d.transaction([](soci::session& s) {
      s << "INSERT INTO admin_units (code, name, level, valid_from) VALUES ('25', 'Tỉnh Phú Thọ', 'province', "
           "'2025-07-01')";
      s << "INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES ('SO-XD', 'Sở Xây dựng', 'department', "
           "(SELECT id FROM admin_units WHERE code = '25'))";
      for (const char* channel : {"open311", "online"})
        s << std::string("INSERT INTO petitions (code, kind, state, channel, subject, content, search_folded, "
                         "agency_id, received_at, created_at, updated_at) VALUES ('PA-") +
                 channel + "', 'feedback', 'received', '" + channel +
                 "', 's', 'c', 's c', (SELECT id FROM agencies WHERE code = 'SO-XD'), '2026-12-01T01:00:00Z', "
                 "'2026-12-01T01:00:00Z', '2026-12-01T01:00:00Z')";
    });
  }

  static std::int64_t version(db::Database& d) {
    return d.with_session([](soci::session& s) { return answer_version(s); });
  }
  static void update_state(db::Database& d, const std::string& code, const std::string& state) {
    d.transaction([&](soci::session& s) {
      s << "UPDATE petitions SET state = :st WHERE code = :c", soci::use(state, "st"), soci::use(code, "c");
    });
  }
};

TEST_P(ReadModelTest, OwnedByPetitionsAndVersionFollowsOpen311Petitions) {
  TINHSO_SKIP_UNLESS_AVAILABLE(dialect());
  bool upgrade = std::get<1>(GetParam()) == Path::upgraded;
  ScratchDb tmp(dialect(), upgrade ? before_read_model(dialect()) : module_migrations(dialect()));
  db::Database& d = tmp.db();
  seed(d);
  if (upgrade) {
    ASSERT_TRUE(has(d, "trigger", "open311_petition_changed"));  // the schema this path starts from
    ASSERT_TRUE(has(d, "index", "petition_events_at"));
    update_state(d, "PA-open311", "classified");  // raised open311_state through the old trigger
    // Every migration from petitions 009 and open311 004 on (later ones of either module too).
    const auto all = module_migrations(dialect()), before = before_read_model(dialect());
    EXPECT_EQ(db::migrate(d, all), static_cast<int>(all.size() - before.size()));
  }
  EXPECT_FALSE(has(d, "trigger", "open311_petition_changed"));
  EXPECT_FALSE(has(d, "index", "petition_events_at"));
  EXPECT_TRUE(has(d, "trigger", "petitions_channel_changed"));
  EXPECT_TRUE(has(d, "index", "petition_events_by_at"));

  std::int64_t v0 = version(d);
  update_state(d, "PA-online", "classified");
  EXPECT_EQ(version(d), v0) << "a petition of the online form is none of open311's answers";
  update_state(d, "PA-open311", "accepted");
  EXPECT_EQ(version(d), v0 + 1);
}

// What open311's store reads through the read model: codes, states, the outcome note once
// final, and the history of its own petitions only.
TEST_P(ReadModelTest, StoreReadsOpen311PetitionsOnly) {
  TINHSO_SKIP_UNLESS_AVAILABLE(dialect());
  bool upgrade = std::get<1>(GetParam()) == Path::upgraded;
  ScratchDb tmp(dialect(), upgrade ? before_read_model(dialect()) : module_migrations(dialect()));
  db::Database& d = tmp.db();
  seed(d);
  if (upgrade) db::migrate(d, module_migrations(dialect()));
  d.transaction([](soci::session& s) {
    s << "INSERT INTO open311_services (code, name_vi, name_en, agency_id, updated_at) VALUES ('ROAD', 'Đường', "
         "'Roads', (SELECT id FROM agencies WHERE code = 'SO-XD'), '2026-12-01T00:00:00Z')";
    s << "INSERT INTO open311_api_keys (name, key_hash, key_prefix, created_at) VALUES ('app', 'h', 'o311_', "
         "'2026-12-01T00:00:00Z')";
    ReportRecord r;
    r.token = "t1";
    s << "SELECT id FROM open311_services WHERE code = 'ROAD'", soci::into(r.service_id);
    s << "SELECT id FROM open311_api_keys WHERE name = 'app'", soci::into(r.api_key_id);
    s << "SELECT id FROM petitions WHERE code = 'PA-open311'", soci::into(r.petition_id);
    r.description = "Ổ gà";
    r.requested_at = "2026-12-01T01:00:00Z";
    insert_report(s, r);
    for (const char* code : {"PA-open311", "PA-online"})
      s << std::string("INSERT INTO petition_events (petition_id, at, role, action, from_state, to_state, note) "
                       "SELECT id, '2026-12-02T01:00:00Z', 'officer', 'refuse', 'received', 'refused', "
                       "'Không thuộc thẩm quyền' FROM petitions WHERE code = '") +
               code + "'";
  });
  auto rows = [&] {
    return d.with_session([](soci::session& s) { return search_requests(s, RequestSearch{{"PA-open311"}}); });
  };
  ASSERT_EQ(rows().size(), 1u);
  EXPECT_EQ(rows()[0].state, "received");
  EXPECT_EQ(rows()[0].status_note, "") << "no outcome before the state is final";
  update_state(d, "PA-open311", "refused");
  EXPECT_EQ(rows()[0].status_note, "Không thuộc thẩm quyền");
  d.with_session([](soci::session& s) {
    EXPECT_EQ(find_report_by_code(s, "PA-open311")->token, "t1");
    EXPECT_FALSE(find_report_by_code(s, "PA-online"));
    auto updates = list_updates(s, "", "", 10);
    ASSERT_EQ(updates.size(), 1u) << "the online petition's event is not open311's";
    EXPECT_EQ(updates[0].code, "PA-open311");
    EXPECT_EQ(updates[0].action, "refuse");
    long long online = 0;
    s << "SELECT id FROM petitions WHERE code = 'PA-online'", soci::into(online);
    EXPECT_EQ(petition_code(s, online), "") << "outside the read model";
  });
}

std::string param_name(const ::testing::TestParamInfo<Param>& info) {
  return std::string(std::get<0>(info.param) == db::Dialect::sqlite ? "sqlite" : "postgresql") +
         (std::get<1>(info.param) == Path::fresh ? "_fresh" : "_upgraded");
}

INSTANTIATE_TEST_SUITE_P(Dialects, ReadModelTest,
                         ::testing::Combine(::testing::Values(db::Dialect::sqlite, db::Dialect::postgresql),
                                            ::testing::Values(Path::fresh, Path::upgraded)),
                         param_name);

}  // namespace
}  // namespace tinhso::open311
