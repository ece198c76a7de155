#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "core/app/cli.h"
#include "core/db/database.h"
#include "modules/backup/api.h"

namespace tinhso::backup {

namespace {

// Exit statuses of both commands (docs/BACKUP.md).
constexpr int kOk = 0, kFailed = 1, kRefused = 2, kDamaged = 3;

struct Flags {
  std::string db, to, from, upload_dir;
  bool force = false;
  bool check_only = false;
};

// Progress on stderr: a bar redrawn in place on a terminal, a line per tenth otherwise (logs).
class Printer {
 public:
  explicit Printer(std::string what) : what_(std::move(what)), tty_(::isatty(2) != 0) {}
  void operator()(std::string_view unit, std::int64_t done, std::int64_t total) {
    auto now = std::chrono::steady_clock::now();
    double secs = std::chrono::duration<double>(now - start_).count();
    if (unit == "check") {  // SQLite's integrity check: no measure of progress, a line before and after
      std::fprintf(stderr, done ? "%s: integrity check done, %.1f s\n" : "%s: integrity check, %.1f s\n",
                   what_.c_str(), secs);
      return;
    }
    int pct = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    if (tty_) {
      if (done != total && now - last_ < std::chrono::milliseconds(100)) return;
      last_ = now;
      int filled = pct * 30 / 100;
      std::fprintf(stderr, "\r%s [%s%s] %3d%% %lld/%lld %.*s, %.1f s", what_.c_str(), std::string(filled, '#').c_str(),
                   std::string(30 - filled, ' ').c_str(), pct, static_cast<long long>(done),
                   static_cast<long long>(total), static_cast<int>(unit.size()), unit.data(), secs);
      if (done == total) std::fputc('\n', stderr);
      return;
    }
    if (unit != unit_) tenth_ = -1, unit_ = unit;
    if (pct / 10 == tenth_) return;
    tenth_ = pct / 10;
    std::fprintf(stderr, "%s: %3d%% %lld/%lld %.*s, %.1f s\n", what_.c_str(), pct, static_cast<long long>(done),
                 static_cast<long long>(total), static_cast<int>(unit.size()), unit.data(), secs);
  }

 private:
  std::string what_;
  bool tty_;
  std::string unit_;
  int tenth_ = -1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

// The SQLite file of --db; Refused for PostgreSQL (pg_dump / pg_restore, docs/BACKUP.md) or a
// malformed URL.
std::string sqlite_path(const std::string& url, const char* command) {
  db::DatabaseUrl u;
  try {
    u = db::parse_database_url(url);
  } catch (const std::invalid_argument& e) {
    throw Refused(std::string("--db: ") + e.what());
  }
  if (u.dialect == db::Dialect::postgresql)
    throw Refused(std::string("tinhso ") + command +
                  " handles SQLite only; a PostgreSQL database is backed up with pg_dump -Fc and restored with"
                  " pg_restore into a new database: see docs/BACKUP.md, \"PostgreSQL\"");
  if (u.target.empty()) throw Refused("--db: the URL names no file");
  return u.target;
}

double mib(std::uintmax_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

template <class F>
int guarded(const char* command, F&& run) {
  try {
    return run();
  } catch (const Refused& e) {
    std::fprintf(stderr, "%s: refused: %s\n", command, e.what());
    return kRefused;
  } catch (const Damaged& e) {
    std::fprintf(stderr, "%s: DAMAGED: %s\n", command, e.what());
    return kDamaged;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: failed: %s\n", command, e.what());
    return kFailed;
  }
}

int backup_command(const Flags& f) {
  return guarded("backup", [&] {
    BackupOptions opt;
    opt.source = sqlite_path(f.db, "backup");
    opt.to = f.to;
    opt.upload_dir = f.upload_dir;
    opt.force = f.force;
    Printer printer("backup");
    opt.progress = [&printer](std::string_view u, std::int64_t d, std::int64_t t) { printer(u, d, t); };
    auto start = std::chrono::steady_clock::now();
    BackupResult r = backup_sqlite(opt);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("backup: %s -> %s: %lld pages, %.1f MiB, integrity ok; %lld upload files (%.1f MiB); manifest %s;"
                " %.2f s\n",
                opt.source.c_str(), opt.to.c_str(), static_cast<long long>(r.pages), mib(r.bytes),
                static_cast<long long>(r.files), mib(r.file_bytes), manifest_path(opt.to).c_str(), secs);
    return kOk;
  });
}

int check_command(const Flags& f) {
  return guarded("restore", [&] {
    Printer printer("check");
    auto problems = check_backup(f.from, [&printer](std::string_view u, std::int64_t d, std::int64_t t) { printer(u, d, t); });
    for (const auto& p : problems) std::printf("DAMAGED: %s\n", p.c_str());
    if (!problems.empty()) return kDamaged;
    std::printf("OK: %s and its manifest %s are intact\n", f.from.c_str(), manifest_path(f.from).c_str());
    return kOk;
  });
}

int restore_command(const Flags& f) {
  if (f.check_only) return check_command(f);
  return guarded("restore", [&] {
    if (f.db.empty()) throw Refused("no target database given (--db)");
    RestoreOptions opt;
    opt.from = f.from;
    opt.target = sqlite_path(f.db, "restore");
    opt.upload_dir = f.upload_dir;
    opt.force = f.force;
    Printer printer("restore");
    opt.progress = [&printer](std::string_view u, std::int64_t d, std::int64_t t) { printer(u, d, t); };
    RestoreResult r = restore_sqlite(opt);
    std::printf("restore: %s -> %s: %lld pages, integrity ok; %lld upload files\n", opt.from.c_str(),
                opt.target.c_str(), static_cast<long long>(r.pages), static_cast<long long>(r.files));
    if (r.files_skipped)
      std::printf("note: the backup holds upload files; they were not restored (no --upload-dir)\n");
    std::printf("next: tinhso audit verify --db %s --audit-key-file <the installation's audit key>\n", f.db.c_str());
    return kOk;
  });
}

void add_commands(app::Commands& commands, app::Settings&) {
  auto f = std::make_shared<Flags>();
  const app::Commands::Spec spec{.database = false, .writes = false, .parse_error_exit = kRefused};
  CLI::App& b = commands.add(
      nullptr, "backup",
      "Copy a live SQLite database (and --upload-dir) to FILE, FILE.files/ and the manifest FILE.sha256, checked;"
      " PostgreSQL: pg_dump (docs/BACKUP.md)",
      [f](app::CommandEnv&) { return backup_command(*f); }, spec);
  app::add_setting<std::string>(b, "--db", [f](const std::string& v) { f->db = v; }, "The database to back up: sqlite:PATH")
      ->envname("TINHSO_DB")
      ->required();
  app::add_setting<std::string>(b, "--to", [f](const std::string& v) { f->to = v; }, "The backup file to write")
      ->required();
  app::add_setting<std::string>(
      b, "--upload-dir", [f](const std::string& v) { f->upload_dir = v; },
      "The nodes' upload directory, copied to FILE.files/ (as `serve --upload-dir`)")
      ->envname("TINHSO_UPLOAD_DIR");
  b.add_flag_callback("--force", [f] { f->force = true; }, "Replace an existing backup FILE");

  CLI::App& r = commands.add(
      nullptr, "restore",
      "Check a backup made by `tinhso backup`, then restore it into an empty SQLite database (and --upload-dir)",
      [f](app::CommandEnv&) { return restore_command(*f); }, spec);
  app::add_setting<std::string>(r, "--from", [f](const std::string& v) { f->from = v; }, "The backup file")->required();
  app::add_setting<std::string>(r, "--db", [f](const std::string& v) { f->db = v; },
                                "The database to restore into: sqlite:PATH (new or empty)")
      ->envname("TINHSO_DB");
  app::add_setting<std::string>(
      r, "--upload-dir", [f](const std::string& v) { f->upload_dir = v; },
      "Where the backup's upload files go (new or empty)")
      ->envname("TINHSO_UPLOAD_DIR");
  r.add_flag_callback("--force", [f] { f->force = true; },
                      "Overwrite a target database that has tables and write into a non-empty upload directory");
  r.add_flag_callback("--check-only", [f] { f->check_only = true; },
                      "Only check the backup (manifest, checksums, SQLite integrity); --db is not needed");
}

}  // namespace

app::Module module() {
  app::Module m;
  m.name = "backup";
  m.add_commands = add_commands;
  return m;
}

}  // namespace tinhso::backup
