// Backup and restore of a SQLite installation (issue 15 §5): a consistent copy under concurrent
// writes, the manifest and its checks, refusals, the upload directory, restore into a new file.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "modules/backup/api.h"
#include "temp_db.h"
#include "temp_dir.h"

namespace tinhso::backup {
namespace {

namespace fsys = std::filesystem;

std::string slurp(const fsys::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void spit(const fsys::path& p, const std::string& bytes) {
  fsys::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

long long count_rows(const std::string& url, const std::string& table) {
  db::Database d(url, 1);
  long long n = -1;
  d.with_session([&](soci::session& s) { s << "SELECT count(*) FROM " + table, soci::into(n); });
  return n;
}

// A migrated database with a table `filler` of `rows` rows of 400 bytes (≈ 10 rows a page).
struct Source {
  testing::TempDb tdb;
  explicit Source(int rows) {
    tdb.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    insert(rows);
  }
  void insert(int rows) {
    tdb.db().transaction([&](soci::session& s) {
      for (int i = 0; i < rows; ++i) s << "INSERT INTO filler (body) VALUES (:b)", soci::use(std::string(400, 'x'));
    });
  }
  std::string url() const { return "sqlite:" + tdb.file().string(); }
};

TEST(Backup, CopiesTheDatabaseAndRestoresItIntoANewFileInWalMode) {
  Source src(500);
  test::TempDir dir;
  BackupOptions opt{.source = src.tdb.file(), .to = dir.path() / "b.db"};
  BackupResult r = backup_sqlite(opt);
  EXPECT_GT(r.pages, 40);
  EXPECT_EQ(r.bytes, fsys::file_size(opt.to));
  EXPECT_EQ(r.files, 0);
  EXPECT_TRUE(check_backup(opt.to).empty());
  // One self-contained file: no -wal beside it, a rollback journal mode in its header.
  EXPECT_FALSE(fsys::exists(dir.path() / "b.db-wal"));
  EXPECT_EQ(slurp(opt.to).substr(18, 2), std::string("\1\1"));
  EXPECT_EQ(slurp(manifest_path(opt.to)), sha256_file(opt.to) + "  b.db\n");

  fsys::path target = dir.path() / "restored" / "t.db";
  RestoreResult rr = restore_sqlite({.from = opt.to, .target = target});
  EXPECT_EQ(rr.pages, r.pages);
  EXPECT_EQ(count_rows("sqlite:" + target.string(), "filler"), 500);
  EXPECT_EQ(slurp(target).substr(18, 2), std::string("\2\2"));  // WAL, as the nodes run it
}

// Writers go on during a copy made a few pages per step: the copy still ends (the read snapshot
// keeps the backup API from restarting) and holds the rows committed before it began plus
// possibly some committed during it, never a torn state.
TEST(Backup, StaysConsistentAndFinishesUnderConcurrentWrites) {
  Source src(2000);
  test::TempDir dir;
  std::atomic<bool> stop{false};
  std::atomic<long long> committed{2000};
  std::thread writer([&] {
    db::Database w(src.url(), 1);
    while (!stop) {
      w.transaction([&](soci::session& s) {
        s << "INSERT INTO filler (body) VALUES (:b)", soci::use(std::string(400, 'y'));
      });
      ++committed;
    }
  });
  while (committed < 2050) std::this_thread::yield();
  long long before = committed;
  std::int64_t steps = 0;
  // A write commits between every two steps. A copy without one snapshot would restart at each
  // and never end: past 20 times the steps it needs, that is a failure, not a hang.
  auto progress = [&](std::string_view unit, std::int64_t, std::int64_t total) {
    if (unit != "pages") return;
    if (++steps > 20 * (total / 8 + 1)) throw std::runtime_error("the copy keeps restarting");
    long long seen = committed;
    while (committed == seen) std::this_thread::yield();
  };
  BackupOptions opt{.source = src.tdb.file(), .to = dir.path() / "b.db", .pages_per_step = 8, .progress = progress};
  BackupResult r;
  std::string error;
  try {
    r = backup_sqlite(opt);
  } catch (const std::exception& e) {
    error = e.what();
  }
  long long after = committed;
  stop = true;
  writer.join();
  ASSERT_EQ(error, "");
  EXPECT_GE(after, before + r.pages / 8);
  EXPECT_GE(steps, r.pages / 8);
  EXPECT_TRUE(check_backup(opt.to).empty());
  long long copied = count_rows("sqlite:" + opt.to.string(), "filler");
  EXPECT_GE(copied, before);
  EXPECT_LE(copied, after);
}

TEST(Backup, CopiesTheUploadDirectoryWithItsChecksumsAndRestoresIt) {
  Source src(10);
  test::TempDir dir;
  fsys::path uploads = dir.path() / "uploads";
  spit(uploads / "a.bin", std::string("first\0file", 10));
  spit(uploads / "sub" / "b.pdf", "%PDF-1.4 second");
  BackupOptions opt{.source = src.tdb.file(), .to = dir.path() / "b.db", .upload_dir = uploads};
  BackupResult r = backup_sqlite(opt);
  EXPECT_EQ(r.files, 2);
  std::string manifest = slurp(manifest_path(opt.to));
  EXPECT_NE(manifest.find(sha256_file(uploads / "sub" / "b.pdf") + "  b.db.files/sub/b.pdf\n"), std::string::npos);
  EXPECT_NE(manifest.find("  b.db.files/a.bin\n"), std::string::npos);

  fsys::path restored = dir.path() / "restored-uploads";
  RestoreResult rr = restore_sqlite({.from = opt.to, .target = dir.path() / "r.db", .upload_dir = restored});
  EXPECT_EQ(rr.files, 2);
  EXPECT_EQ(slurp(restored / "a.bin"), std::string("first\0file", 10));
  EXPECT_EQ(slurp(restored / "sub" / "b.pdf"), "%PDF-1.4 second");

  RestoreResult without = restore_sqlite({.from = opt.to, .target = dir.path() / "r2.db"});
  EXPECT_TRUE(without.files_skipped);
  EXPECT_EQ(without.files, 0);
}

TEST(Backup, RefusesToOverwriteWithoutForceAndAMissingSource) {
  Source src(10);
  test::TempDir dir;
  BackupOptions opt{.source = src.tdb.file(), .to = dir.path() / "b.db"};
  backup_sqlite(opt);
  EXPECT_THROW(backup_sqlite(opt), Refused);
  opt.force = true;
  EXPECT_NO_THROW(backup_sqlite(opt));
  EXPECT_TRUE(check_backup(opt.to).empty());
  EXPECT_THROW(backup_sqlite({.source = dir.path() / "none.db", .to = dir.path() / "c.db"}), Refused);
  EXPECT_FALSE(fsys::exists(dir.path() / "none.db"));  // not created by the attempt
  EXPECT_THROW(backup_sqlite({.source = src.tdb.file(), .to = src.tdb.file()}), Refused);
  EXPECT_THROW(backup_sqlite({.source = src.tdb.file(), .to = dir.path() / "d.db", .upload_dir = dir.path() / "no"}),
               Refused);
}

TEST(Restore, RefusesANonEmptyTargetOrUploadDirectoryWithoutForce) {
  Source src(10);
  test::TempDir dir;
  fsys::path b = dir.path() / "b.db";
  backup_sqlite({.source = src.tdb.file(), .to = b});
  Source other(3);
  EXPECT_THROW(restore_sqlite({.from = b, .target = other.tdb.file()}), Refused);
  EXPECT_EQ(count_rows(other.url(), "filler"), 3);
  spit(dir.path() / "up" / "x", "x");
  EXPECT_THROW(restore_sqlite({.from = b, .target = dir.path() / "new.db", .upload_dir = dir.path() / "up"}), Refused);
  // An empty file (e.g. made by touch) is an empty target.
  spit(dir.path() / "empty.db", "");
  EXPECT_NO_THROW(restore_sqlite({.from = b, .target = dir.path() / "empty.db"}));
  // --force overwrites, and a reader of the target then sees the backup's rows.
  src.insert(5);
  fsys::path b2 = dir.path() / "b2.db";
  backup_sqlite({.source = src.tdb.file(), .to = b2});
  EXPECT_NO_THROW(restore_sqlite({.from = b2, .target = other.tdb.file(), .force = true}));
  EXPECT_EQ(count_rows(other.url(), "filler"), 15);
}

TEST(Restore, RefusesADamagedBackupBeforeTouchingTheTarget) {
  Source src(300);
  test::TempDir dir;
  fsys::path b = dir.path() / "b.db", uploads = dir.path() / "uploads";
  spit(uploads / "f", "file");
  backup_sqlite({.source = src.tdb.file(), .to = b, .upload_dir = uploads});
  ASSERT_TRUE(check_backup(b).empty());
  fsys::path target = dir.path() / "t.db";

  // A flipped byte in the database copy.
  std::string bytes = slurp(b);
  bytes[bytes.size() / 2] ^= 1;
  spit(b, bytes);
  auto problems = check_backup(b);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0], "checksum mismatch: b.db");
  EXPECT_THROW(restore_sqlite({.from = b, .target = target}), Damaged);
  EXPECT_FALSE(fsys::exists(target));
  bytes[bytes.size() / 2] ^= 1;
  spit(b, bytes);
  EXPECT_TRUE(check_backup(b).empty());

  // An upload file changed, one added, one missing.
  spit(files_path(b) / "f", "FILE");
  EXPECT_EQ(check_backup(b), std::vector<std::string>{"checksum mismatch: b.db.files/f"});
  spit(files_path(b) / "f", "file");
  spit(files_path(b) / "extra", "?");
  EXPECT_EQ(check_backup(b), std::vector<std::string>{"not in the manifest: extra"});
  fsys::remove(files_path(b) / "extra");
  fsys::remove(files_path(b) / "f");
  EXPECT_EQ(check_backup(b), std::vector<std::string>{"missing: b.db.files/f"});
  spit(files_path(b) / "f", "file");

  // A manifest naming a file outside the backup; no manifest at all (an unfinished backup).
  std::string manifest = slurp(manifest_path(b));
  spit(manifest_path(b), manifest + sha256_file(b) + "  b.db.files/../b.db\n");
  EXPECT_EQ(check_backup(b), std::vector<std::string>{"the manifest names a file outside the backup: b.db.files/../b.db"});
  fsys::remove(manifest_path(b));
  EXPECT_EQ(check_backup(b).size(), 1U);
  EXPECT_THROW(restore_sqlite({.from = b, .target = target}), Damaged);
  EXPECT_FALSE(fsys::exists(target));
}

TEST(Backup, RefusesADatabaseThatIsNotTinhsos) {
  test::TempDir dir;
  {
    db::Database plain("sqlite:" + (dir.path() / "plain.db").string(), 1);
    plain.with_session([](soci::session& s) { s << "CREATE TABLE t (x)"; });
  }
  EXPECT_THROW(backup_sqlite({.source = dir.path() / "plain.db", .to = dir.path() / "b.db"}), Damaged);
  EXPECT_FALSE(fsys::exists(dir.path() / "b.db"));
  EXPECT_FALSE(fsys::exists(dir.path() / "b.db.tmp"));
}

}  // namespace
}  // namespace tinhso::backup
