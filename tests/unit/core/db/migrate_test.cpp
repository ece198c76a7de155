#include "core/db/migrate.h"

#include <gtest/gtest.h>

#include "temp_dir.h"
#include <stdlib.h>

#include <filesystem>

namespace tinhso::db {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> keys(const std::vector<Migration>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.module + "/" + std::to_string(m.version) + "_" + m.name + ":" + m.sql);
  return out;
}

TEST(SelectMigrations, PicksDialectVariantsAndSorts) {
  const std::vector<EmbeddedFile> files = {
      {"site/migrations/002_more.postgresql.sql", "pg2"},
      {"site/migrations/002_more.sql", "generic2"},
      {"site/migrations/001_init.sql", "generic1"},
      {"alpha/migrations/010_late.sql", "a10"},
      {"alpha/migrations/002_early.sql", "a2"},
      {"site/migrations/002_more.sqlite.sql", "lite2"},
      {"site/migrations/003_only_pg.postgresql.sql", "pg3"},
  };
  EXPECT_EQ(keys(select_migrations(files, Dialect::sqlite)),
            (std::vector<std::string>{"alpha/2_early:a2", "alpha/10_late:a10", "site/1_init:generic1",
                                      "site/2_more:lite2"}));
  EXPECT_EQ(keys(select_migrations(files, Dialect::postgresql)),
            (std::vector<std::string>{"alpha/2_early:a2", "alpha/10_late:a10", "site/1_init:generic1",
                                      "site/2_more:pg2", "site/3_only_pg:pg3"}));
}

TEST(SelectMigrations, Checksum) {
  auto ms = select_migrations({{"m/migrations/001_a.sql", "x"}, {"m/migrations/002_b.sql", "y"}}, Dialect::sqlite);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].checksum.size(), 64u);
  EXPECT_NE(ms[0].checksum, ms[1].checksum);
  EXPECT_EQ(ms[0].checksum, select_migrations({{"n/migrations/005_z.sql", "x"}}, Dialect::sqlite)[0].checksum);
}

TEST(SelectMigrations, IdPrimaryKeyTokenIsSpelledPerDialect) {
  std::vector<EmbeddedFile> files{{"m/migrations/001_a.sql", "CREATE TABLE t (id @ID_PRIMARY_KEY@, u @ID_PRIMARY_KEY@);"}};
  EXPECT_EQ(select_migrations(files, Dialect::sqlite).at(0).sql,
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, u INTEGER PRIMARY KEY AUTOINCREMENT);");
  EXPECT_EQ(select_migrations(files, Dialect::postgresql).at(0).sql,
            "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, u BIGINT GENERATED ALWAYS AS "
            "IDENTITY PRIMARY KEY);");
}

TEST(SelectMigrations, RejectsBadNamesAndDuplicates) {
  const char* bad_names[] = {
      "site/migrations/1_init.sql",       "site/migrations/0001_init.sql", "site/migrations/001-init.sql",
      "site/migrations/001_init.SQL",     "site/migrations/001_Init.sql",  "Site/migrations/001_init.sql",
      "site/001_init.sql",                "site/migrations/001_init.mysql.sql",
      "site/migrations/001_.sql",         "site/migrations/001_init.sql.bak", "../site/migrations/001_x.sql",
      "site/migrations/sub/001_x.sql",
  };
  for (const char* name : bad_names)
    EXPECT_THROW(select_migrations({{name, "x"}}, Dialect::sqlite), std::invalid_argument) << name;
  EXPECT_THROW(select_migrations({{"m/migrations/001_a.sql", "x"}, {"m/migrations/001_b.sql", "y"}}, Dialect::sqlite),
               std::invalid_argument);
  EXPECT_THROW(select_migrations({{"m/migrations/001_a.sqlite.sql", "x"}, {"m/migrations/001_b.sqlite.sql", "y"}},
                                 Dialect::sqlite),
               std::invalid_argument);
  // A duplicate among the other dialect's variants fails on this dialect too.
  EXPECT_THROW(select_migrations({{"m/migrations/001_a.postgresql.sql", "x"}, {"m/migrations/001_b.postgresql.sql", "y"}},
                                 Dialect::sqlite),
               std::invalid_argument);
  // The same version in two modules is fine.
  EXPECT_EQ(select_migrations({{"m/migrations/001_a.sql", "x"}, {"n/migrations/001_a.sql", "y"}}, Dialect::sqlite).size(),
            2u);
}

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>("sqlite:" + (dir / "test.db").string(), 2);
  }
  void TearDown() override { db.reset(); }
  bool has_table(const std::string& name) {
    return db->with_session([&](soci::session& s) {
      int n = 0;
      s << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :n", soci::use(name), soci::into(n);
      return n == 1;
    });
  }
  int recorded() {
    return db->with_session([&](soci::session& s) {
      int n = 0;
      s << "SELECT count(*) FROM schema_migrations", soci::into(n);
      return n;
    });
  }
  static std::vector<Migration> known(std::vector<EmbeddedFile> files) {
    return select_migrations(files, Dialect::sqlite);
  }
  const std::vector<EmbeddedFile> v2 = {
      {"t/migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT NOT NULL);"},
      {"t/migrations/002_b.sql", "CREATE TABLE b (x INTEGER); INSERT INTO b VALUES (1); INSERT INTO b VALUES (2);"},
  };
  tinhso::test::TempDir tmp{"tinhso-migrate"};
  fs::path dir = tmp.path();
  std::unique_ptr<Database> db;
};

TEST_F(MigrateTest, AppliesInOrderThenIsIdempotent) {
  auto ms = known(v2);
  MigrationState before = migration_state(*db, ms);  // no schema_migrations table yet
  EXPECT_EQ(before.pending.size(), 2u);
  EXPECT_TRUE(before.conflicts.empty());

  std::vector<int> seen;
  EXPECT_EQ(migrate(*db, ms, [&](const Migration& m) { seen.push_back(m.version); }), 2);
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_TRUE(has_table("a"));
  EXPECT_TRUE(has_table("b"));
  EXPECT_EQ(recorded(), 2);
  EXPECT_TRUE(migration_state(*db, ms).current());

  EXPECT_EQ(migrate(*db, ms), 0);
  EXPECT_EQ(recorded(), 2);

  auto v3 = v2;
  v3.push_back({"t/migrations/003_c.sql", "ALTER TABLE a ADD COLUMN w TEXT;"});
  EXPECT_EQ(migration_state(*db, known(v3)).pending.size(), 1u);
  EXPECT_EQ(migrate(*db, known(v3)), 1);
  EXPECT_EQ(migrate(*db, known(v3)), 0);
}

TEST_F(MigrateTest, DatabaseNewerThanBinaryIsAConflict) {
  auto v3 = v2;
  v3.push_back({"t/migrations/003_c.sql", "CREATE TABLE c (x INTEGER);"});
  ASSERT_EQ(migrate(*db, known(v3)), 3);
  auto older = known(v2);
  MigrationState st = migration_state(*db, older);
  ASSERT_EQ(st.conflicts.size(), 1u);
  EXPECT_NE(st.conflicts[0].find("newer"), std::string::npos) << st.conflicts[0];
  EXPECT_FALSE(st.current());
  EXPECT_THROW(migrate(*db, older), std::runtime_error);
}

TEST_F(MigrateTest, ChangedChecksumIsAConflict) {
  ASSERT_EQ(migrate(*db, known(v2)), 2);
  auto changed = v2;
  changed[0].data += "\n-- edited after release";
  auto ms = known(changed);
  MigrationState st = migration_state(*db, ms);
  ASSERT_EQ(st.conflicts.size(), 1u);
  EXPECT_NE(st.conflicts[0].find("changed"), std::string::npos) << st.conflicts[0];
  EXPECT_THROW(migrate(*db, ms), std::runtime_error);
}

TEST_F(MigrateTest, FailingMigrationRollsBack) {
  auto bad = v2;
  bad.push_back({"t/migrations/003_bad.sql", "CREATE TABLE c (x INTEGER); INSERT INTO missing VALUES (1);"});
  auto ms = known(bad);
  EXPECT_THROW(migrate(*db, ms), std::runtime_error);
  EXPECT_TRUE(has_table("a"));   // earlier migrations stay applied
  EXPECT_TRUE(has_table("b"));
  EXPECT_FALSE(has_table("c"));  // the failing one left nothing behind
  EXPECT_EQ(recorded(), 2);
  MigrationState st = migration_state(*db, ms);
  ASSERT_EQ(st.pending.size(), 1u);
  EXPECT_EQ(st.pending[0].version, 3);
  // After the fix ships, it applies.
  bad[2].data = "CREATE TABLE c (x INTEGER);";
  EXPECT_EQ(migrate(*db, known(bad)), 1);
  EXPECT_TRUE(has_table("c"));
}

TEST_F(MigrateTest, TransactionCommitsOnReturnAndRollsBackOnThrow) {
  db->with_session([](soci::session& s) { s << "CREATE TABLE t (v TEXT)"; });
  auto count = [&] {
    return db->with_session([](soci::session& s) {
      int n = 0;
      s << "SELECT count(*) FROM t", soci::into(n);
      return n;
    });
  };
  int r = db->transaction([](soci::session& s) {
    s << "INSERT INTO t (v) VALUES ('kept')";
    return 7;
  });
  EXPECT_EQ(r, 7);
  EXPECT_EQ(count(), 1);
  EXPECT_THROW(db->transaction([](soci::session& s) {
    s << "INSERT INTO t (v) VALUES ('lost')";
    throw std::logic_error("boom");
  }),
               std::logic_error);
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(db->in_use(), 0u);  // the session went back to the pool
  db->transaction([](soci::session& s) { s << "INSERT INTO t (v) VALUES ('void')"; });
  EXPECT_EQ(count(), 2);
  EXPECT_TRUE(db->ping());
}

TEST(DatabaseUrl, Parse) {
  EXPECT_EQ(parse_database_url("sqlite:var/x.db").target, "var/x.db");
  EXPECT_EQ(parse_database_url("sqlite:///tmp/x.db").target, "/tmp/x.db");
  EXPECT_EQ(parse_database_url("postgresql://u@h/db").dialect, Dialect::postgresql);
  EXPECT_EQ(parse_database_url("postgres://u@h/db").dialect, Dialect::postgresql);
  EXPECT_THROW(parse_database_url("mysql://x"), std::invalid_argument);
  EXPECT_THROW(Database("sqlite:"), std::invalid_argument);
}

}  // namespace
}  // namespace tinhso::db
