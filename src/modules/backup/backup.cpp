// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api: include it first (as core/db does).
#include <soci/sqlite3/soci-sqlite3.h>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "modules/backup/api.h"

namespace tinhso::backup {

namespace fsys = std::filesystem;
namespace sq = sqlite_api;

namespace {

constexpr int kBusyTimeoutMs = 10000;
constexpr int kBusyRetries = 500;  // × 20 ms: a step waits at most 10 s for a lock
constexpr std::size_t kChunk = std::size_t{1} << 20;

// One SQLite connection of our own (not the pool of core/db: the backup API needs the raw
// handle of both ends).
class Connection {
 public:
  Connection(const fsys::path& path, int flags) {
    int rc = sq::sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sq::sqlite3_errmsg(db_) : sq::sqlite3_errstr(rc);
      sq::sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path.string() + ": " + msg);
    }
    sq::sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  }
  ~Connection() { sq::sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sq::sqlite3* get() const { return db_; }
  void exec(const std::string& sql) const {
    char* err = nullptr;
    if (sq::sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sq::sqlite3_errmsg(db_);
      sq::sqlite3_free(err);
      throw std::runtime_error(sql + ": " + msg);
    }
  }
  // The first column of every row of `sql`, as text.
  std::vector<std::string> column(const std::string& sql) const {
    sq::sqlite3_stmt* st = nullptr;
    if (sq::sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sq::sqlite3_errmsg(db_));
    std::vector<std::string> out;
    int rc = 0;
    while ((rc = sq::sqlite3_step(st)) == SQLITE_ROW) {
      const auto* text = sq::sqlite3_column_text(st, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sq::sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sq::sqlite3_errmsg(db_));
    return out;
  }

 private:
  sq::sqlite3* db_ = nullptr;
};

void remove_quietly(const fsys::path& p) {
  std::error_code ec;
  fsys::remove_all(p, ec);
}

void fsync_path(const fsys::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC));
  if (fd < 0) throw std::runtime_error("cannot open " + p.string() + " to sync it");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync failed on " + p.string());
}

fsys::path parent_of(const fsys::path& p) {
  fsys::path dir = fsys::absolute(p).parent_path();
  return dir.empty() ? fsys::path(".") : dir;
}

// Renames `from` to `to` and makes the rename durable (the directory synced).
void durable_rename(const fsys::path& from, const fsys::path& to) {
  fsys::rename(from, to);
  fsync_path(parent_of(to), true);
}

// Reads `path` in chunks, hands each to `each` (may be empty), and returns the lower-case hex
// SHA-256 of what was read. Throws std::runtime_error when the file cannot be read.
std::string hash_reading(const fsys::path& path, const std::function<void(const char*, std::size_t)>& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<char> buf(kChunk);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()), n);
    if (each) each(buf.data(), n);
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path.string());
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&st, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> out{};
  sodium_bin2hex(out.data(), out.size(), digest.data(), digest.size());
  return out.data();
}

// Copies `from` to `to` (created or truncated, parents made), syncs it, and returns the SHA-256
// of what was copied.
std::string copy_hashed(const fsys::path& from, const fsys::path& to) {
  fsys::create_directories(to.parent_path());
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(to.c_str(), "wbe"), &std::fclose);
  if (!out) throw std::runtime_error("cannot write " + to.string());
  bool ok = true;
  std::string sha = hash_reading(from, [&](const char* data, std::size_t n) {
    if (std::fwrite(data, 1, n, out.get()) != n) ok = false;
  });
  ok = ok && std::fflush(out.get()) == 0 && ::fsync(fileno(out.get())) == 0;
  ok = std::fclose(out.release()) == 0 && ok;
  if (!ok) throw std::runtime_error("copying " + from.string() + " to " + to.string() + " failed");
  return sha;
}

// "ok", or what PRAGMA integrity_check (quick: quick_check, which skips comparing each index with
// its table) reported (its first lines).
std::string integrity(const Connection& c, bool quick = false) {
  auto rows = c.column(quick ? "PRAGMA quick_check(20)" : "PRAGMA integrity_check(20)");
  if (rows.size() == 1 && rows[0] == "ok") return "ok";
  std::string out;
  for (const auto& r : rows) out += (out.empty() ? "" : "; ") + r;
  return out.empty() ? "no answer" : out;
}

bool has_table(const Connection& c, const std::string& name) {
  for (const auto& n : c.column("SELECT name FROM sqlite_master WHERE type = 'table'"))
    if (n == name) return true;
  return false;
}

// Copies database `from` into `to` with the online backup API, `pages` at a time, reporting
// progress; returns the number of pages. The caller holds whatever snapshot `from` must show.
std::int64_t copy_pages(const Connection& from, const Connection& to, int pages, const Progress& progress) {
  sq::sqlite3_backup* b = sq::sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!b) throw std::runtime_error(std::string("cannot start the copy: ") + sq::sqlite3_errmsg(to.get()));
  // Finished on every way out (a throwing progress callback too), before the connections close.
  std::unique_ptr<sq::sqlite3_backup, int (*)(sq::sqlite3_backup*)> guard(b, sq::sqlite3_backup_finish);
  int rc = SQLITE_OK, busy = 0;
  std::int64_t total = 0;
  while (true) {
    rc = sq::sqlite3_backup_step(b, pages);
    total = sq::sqlite3_backup_pagecount(b);
    if (progress && (rc == SQLITE_OK || rc == SQLITE_DONE)) progress("pages", total - sq::sqlite3_backup_remaining(b), total);
    if (rc == SQLITE_OK) continue;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < kBusyRetries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    break;
  }
  guard.reset();
  if (rc != SQLITE_DONE) {
    std::string why = rc == SQLITE_READONLY ? "the target is in WAL mode with another page size; remove it first"
                                            : sq::sqlite3_errstr(rc);
    throw std::runtime_error("copying the database failed: " + why);
  }
  return total;
}

struct Entry {
  std::string sha;
  std::string name;  // relative to the manifest's directory
};

std::vector<Entry> read_manifest(const fsys::path& manifest) {
  std::ifstream in(manifest);
  if (!in) throw Damaged("no manifest " + manifest.string() + ": the backup is missing or incomplete");
  std::vector<Entry> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    // sha256sum's format: 64 hex digits, a space, a space (text) or '*' (binary), the name.
    if (line.size() < 67 || (line[65] != ' ' && line[65] != '*') || line[64] != ' ' ||
        !std::all_of(line.begin(), line.begin() + 64, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
      throw Damaged("manifest " + manifest.string() + " has a malformed line");
    out.push_back({line.substr(0, 64), line.substr(66)});
  }
  return out;
}

void write_manifest(const fsys::path& manifest, const std::vector<Entry>& entries) {
  fsys::path tmp = manifest;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& e : entries) out << e.sha << "  " << e.name << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fsync_path(tmp, false);
  durable_rename(tmp, manifest);
}

// A name from a manifest is safe when it is FILE's own name or a plain path under FILE.files/.
bool safe_name(const std::string& name, const std::string& base) {
  if (name == base) return true;
  std::string prefix = base + ".files/";
  if (!name.starts_with(prefix) || name.size() == prefix.size()) return false;
  for (const auto& part : fsys::path(name.substr(prefix.size())))
    if (part == ".." || part == "." || part.empty()) return false;
  return name.find('\\') == std::string::npos && name.find('\n') == std::string::npos;
}

// The regular files under `dir`, as paths relative to it, sorted.
std::vector<fsys::path> regular_files(const fsys::path& dir) {
  std::vector<fsys::path> out;
  std::error_code ec;
  if (!fsys::is_directory(dir, ec)) return out;
  for (auto it = fsys::recursive_directory_iterator(dir, ec); !ec && it != fsys::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) out.push_back(fsys::relative(it->path(), dir));
  std::sort(out.begin(), out.end());
  return out;
}

bool non_empty_dir(const fsys::path& dir) {
  std::error_code ec;
  return fsys::is_directory(dir, ec) && fsys::directory_iterator(dir, ec) != fsys::directory_iterator();
}

void refuse_backup_target(const BackupOptions& opt) {
  std::error_code ec;
  if (!fsys::is_regular_file(opt.source, ec)) throw Refused("no SQLite database at " + opt.source.string());
  if (opt.to.empty()) throw Refused("no backup file given (--to)");
  if (fsys::equivalent(opt.source, opt.to, ec)) throw Refused("the backup file is the database itself");
  bool exists = fsys::exists(opt.to, ec) || fsys::exists(manifest_path(opt.to), ec) || fsys::exists(files_path(opt.to), ec);
  if (exists && !opt.force) throw Refused(opt.to.string() + " already exists (--force replaces it)");
  if (!opt.upload_dir.empty() && !fsys::is_directory(opt.upload_dir, ec))
    throw Refused("no upload directory at " + opt.upload_dir.string());
}

// The database part of a backup: a copy of `source` at one snapshot into `tmp`, in rollback
// journal mode, integrity-checked. Returns its page count.
std::int64_t backup_database(const BackupOptions& opt, const fsys::path& tmp) {
  std::int64_t pages = 0;
  {
    // READWRITE without CREATE: a WAL database needs its -shm; a missing file stays missing.
    Connection src(opt.source, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    Connection dst(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    dst.exec("PRAGMA synchronous=OFF");  // the finished file is synced once, before its rename
    // One read transaction on the source across every step: each step reads the same snapshot,
    // so writes of the nodes during the copy neither restart it (the backup API restarts when
    // the source changes between steps of a snapshot-less copy) nor get into it. In WAL mode a
    // reader does not block writers; the WAL grows until the snapshot ends.
    src.exec("BEGIN");
    src.column("SELECT count(*) FROM sqlite_master");
    pages = copy_pages(src, dst, std::max(opt.pages_per_step, 1), opt.progress);
    src.exec("COMMIT");
  }
  // The copied header says WAL (as the source); a backup is one file: back to a rollback journal.
  Connection copy(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  auto mode = copy.column("PRAGMA journal_mode=DELETE");
  if (mode.empty() || mode[0] != "delete") throw std::runtime_error("cannot leave WAL mode in " + tmp.string());
  if (opt.progress) opt.progress("check", 0, 1);
  std::string check = integrity(copy);
  if (opt.progress) opt.progress("check", 1, 1);
  if (check != "ok") throw Damaged("the copy failed SQLite's integrity check: " + check);
  if (!has_table(copy, "schema_migrations")) throw Damaged(opt.source.string() + " is not a tinhso database");
  return pages;
}

// Removes the temp files of a backup unless it was committed.
class TempFiles {
 public:
  explicit TempFiles(std::vector<fsys::path> paths) : paths_(std::move(paths)) {}
  ~TempFiles() {
    for (const auto& p : paths_) remove_quietly(p);
  }
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;

 private:
  std::vector<fsys::path> paths_;
};

fsys::path with_suffix(const fsys::path& p, const char* suffix) {
  fsys::path out = p;
  out += suffix;
  return out;
}

// Copies the upload directory's regular files to FILE.files/ (through a temp directory) and
// returns their manifest entries. A file removed while it is copied (a request finished and
// dropped its upload) is skipped.
std::vector<Entry> backup_uploads(const BackupOptions& opt, BackupResult& r) {
  std::vector<Entry> out;
  fsys::path dest = files_path(opt.to), tmp = with_suffix(dest, ".tmp");
  remove_quietly(tmp);
  fsys::create_directories(tmp);
  std::string prefix = dest.filename().string() + "/";
  auto files = regular_files(opt.upload_dir);
  std::int64_t done = 0;
  for (const auto& rel : files) {
    std::string name = prefix + rel.generic_string();
    if (!safe_name(name, opt.to.filename().string()))
      throw Refused("upload file name cannot be listed in a manifest: " + rel.string());
    std::error_code ec;
    if (!fsys::exists(opt.upload_dir / rel, ec)) continue;
    out.push_back({copy_hashed(opt.upload_dir / rel, tmp / rel), name});
    r.file_bytes += fsys::file_size(tmp / rel);
    ++done;
    if (opt.progress) opt.progress("files", done, static_cast<std::int64_t>(files.size()));
  }
  r.files = static_cast<std::int64_t>(out.size());
  fsync_path(tmp, true);
  remove_quietly(dest);
  durable_rename(tmp, dest);
  return out;
}

}  // namespace

fsys::path manifest_path(const fsys::path& file) { return with_suffix(file, ".sha256"); }
fsys::path files_path(const fsys::path& file) { return with_suffix(file, ".files"); }

std::string sha256_file(const fsys::path& path) { return hash_reading(path, {}); }

BackupResult backup_sqlite(const BackupOptions& opt) {
  refuse_backup_target(opt);
  fsys::path tmp = with_suffix(opt.to, ".tmp");
  TempFiles cleanup({tmp, with_suffix(tmp, "-journal"), with_suffix(tmp, "-wal"), with_suffix(tmp, "-shm"),
                     with_suffix(files_path(opt.to), ".tmp"), with_suffix(manifest_path(opt.to), ".tmp")});
  remove_quietly(tmp);
  if (!opt.to.parent_path().empty()) fsys::create_directories(opt.to.parent_path());
  // A backup being replaced is incomplete from here on: its manifest goes first.
  remove_quietly(manifest_path(opt.to));
  BackupResult r;
  r.pages = backup_database(opt, tmp);
  fsync_path(tmp, false);
  durable_rename(tmp, opt.to);
  r.bytes = fsys::file_size(opt.to);
  std::vector<Entry> entries{{sha256_file(opt.to), opt.to.filename().string()}};
  // Files: every file a record refers to is stored in the database itself (dossier files,
  // receipts, petition attachments, Open311 photos: base64 with their SHA-256), so the copy above
  // already holds every file its records refer to. The upload directory holds only the bodies of
  // requests being received (deleted after each response); it is copied after the database, so
  // that a file there that a record of the copy could name (written before the record committed)
  // is in the backup too.
  remove_quietly(files_path(opt.to));
  if (!opt.upload_dir.empty()) {
    auto files = backup_uploads(opt, r);
    entries.insert(entries.end(), files.begin(), files.end());
  }
  write_manifest(manifest_path(opt.to), entries);
  return r;
}

std::vector<std::string> check_backup(const fsys::path& file, const Progress& progress) {
  std::vector<std::string> problems;
  std::vector<Entry> entries;
  try {
    entries = read_manifest(manifest_path(file));
  } catch (const Damaged& e) {
    return {e.what()};
  }
  fsys::path dir = parent_of(file);
  std::string base = file.filename().string();
  std::set<std::string> listed;
  if (entries.empty() || entries.front().name != base) problems.push_back("the manifest does not list " + base + " first");
  for (const auto& e : entries) {
    if (!safe_name(e.name, base)) {
      problems.push_back("the manifest names a file outside the backup: " + e.name);
      continue;
    }
    listed.insert(e.name);
    std::error_code ec;
    if (!fsys::is_regular_file(dir / e.name, ec))
      problems.push_back("missing: " + e.name);
    else if (sha256_file(dir / e.name) != e.sha)
      problems.push_back("checksum mismatch: " + e.name);
    if (progress) progress("checksums", static_cast<std::int64_t>(listed.size()), static_cast<std::int64_t>(entries.size()));
  }
  for (const auto& rel : regular_files(files_path(file)))
    if (!listed.count(files_path(file).filename().string() + "/" + rel.generic_string()))
      problems.push_back("not in the manifest: " + rel.generic_string());
  if (!problems.empty()) return problems;
  Connection c(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (progress) progress("check", 0, 1);
  std::string check = integrity(c);
  if (progress) progress("check", 1, 1);
  if (check != "ok") problems.push_back("SQLite's integrity check: " + check);
  else if (!has_table(c, "schema_migrations")) problems.push_back(base + " is not a tinhso database");
  return problems;
}

namespace {

void refuse_restore_target(const RestoreOptions& opt) {
  std::error_code ec;
  if (opt.target.empty()) throw Refused("no target database given (--db)");
  if (fsys::equivalent(opt.from, opt.target, ec)) throw Refused("the target is the backup file itself");
  if (opt.force) return;
  if (fsys::exists(opt.target, ec) && fsys::file_size(opt.target, ec) > 0) {
    Connection t(opt.target, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    if (!t.column("SELECT name FROM sqlite_master").empty())
      throw Refused(opt.target.string() + " is not empty (--force overwrites it; stop its nodes first)");
  }
  if (!opt.upload_dir.empty() && non_empty_dir(opt.upload_dir))
    throw Refused("upload directory " + opt.upload_dir.string() + " is not empty (--force writes into it)");
}

void restore_uploads(const RestoreOptions& opt, RestoreResult& r) {
  std::string prefix = files_path(opt.from).filename().string() + "/";
  fsys::path dir = parent_of(opt.from);
  std::vector<Entry> files;
  for (auto& e : read_manifest(manifest_path(opt.from)))
    if (e.name.starts_with(prefix)) files.push_back(std::move(e));
  if (files.empty()) return;
  if (opt.upload_dir.empty()) {
    r.files_skipped = true;
    return;
  }
  std::int64_t done = 0;
  for (const auto& e : files) {
    fsys::path to = opt.upload_dir / e.name.substr(prefix.size());
    if (copy_hashed(dir / e.name, to) != e.sha) throw Damaged("checksum mismatch while restoring " + e.name);
    ++done;
    if (opt.progress) opt.progress("files", done, static_cast<std::int64_t>(files.size()));
  }
  fsync_path(opt.upload_dir, true);
  r.files = done;
}

}  // namespace

RestoreResult restore_sqlite(const RestoreOptions& opt) {
  auto problems = check_backup(opt.from, opt.progress);
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    throw Damaged("the backup " + opt.from.string() + " is damaged: " + all);
  }
  refuse_restore_target(opt);
  if (!opt.target.parent_path().empty()) fsys::create_directories(opt.target.parent_path());
  RestoreResult r;
  {
    Connection src(opt.from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    Connection dst(opt.target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    dst.exec("PRAGMA synchronous=FULL");
    r.pages = copy_pages(src, dst, 1024, opt.progress);
  }
  {
    // The nodes run the database in WAL mode (core/db); the restored copy starts in it.
    Connection t(opt.target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    t.exec("PRAGMA synchronous=FULL");
    auto mode = t.column("PRAGMA journal_mode=WAL");
    if (mode.empty() || mode[0] != "wal") throw std::runtime_error("cannot put " + opt.target.string() + " in WAL mode");
    if (opt.progress) opt.progress("check", 0, 1);
    // The backup passed the full check just before and the copy is page for page: the quick
    // check (structure, no index-to-table comparison) catches a bad write at a fraction of the time.
    std::string check = integrity(t, true);
    if (opt.progress) opt.progress("check", 1, 1);
    if (check != "ok") throw Damaged("the restored database failed SQLite's integrity check: " + check);
    t.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  restore_uploads(opt, r);
  return r;
}

}  // namespace tinhso::backup
