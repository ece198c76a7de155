#pragma once
// Backup and restore of a SQLite installation (issue 15 §5, docs/BACKUP.md): `tinhso backup` and
// `tinhso restore`. PostgreSQL installations use pg_dump / pg_restore (documented there); both
// commands refuse a PostgreSQL URL with a pointer to that procedure.
//
// A backup of FILE is three things side by side, written in this order:
//   FILE          a SQLite database: a consistent copy of the live one (online backup API, one read
//                 snapshot), in rollback-journal mode so that it is one self-contained file;
//   FILE.files/   when --upload-dir was given: a copy of the upload directory's regular files;
//   FILE.sha256   the manifest, `sha256sum -c` format, names relative to FILE's directory: FILE
//                 first, then every file under FILE.files/. Written last (temp file, fsync,
//                 rename): a backup without its manifest is incomplete and restore refuses it.
// Keys (the audit key, the identity key ring) are never part of a backup (docs/BACKUP.md).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/module.h"

namespace tinhso::backup {

app::Module module();

// Refused before anything was written: a PostgreSQL URL, an existing backup or a non-empty
// restore target without --force, a missing source. The commands exit 2.
struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The backup (or the copy just made) failed its check: a checksum mismatch, a missing file,
// SQLite's integrity check, not a tinhso database. The commands exit 3.
struct Damaged : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Any other failure (I/O, SQLite errors) is a std::runtime_error; the commands exit 1.

// Told how far a copy is: `done` of `total` `unit`s ("pages" of the database, then "files"), and
// ("check", 0, 1) / ("check", 1, 1) around SQLite's integrity check of the copy.
using Progress = std::function<void(std::string_view unit, std::int64_t done, std::int64_t total)>;

struct BackupOptions {
  std::filesystem::path source;      // the live SQLite database file
  std::filesystem::path to;          // FILE
  std::filesystem::path upload_dir;  // empty: no upload directory in the backup
  bool force = false;                // replace an existing FILE (and FILE.files/, FILE.sha256)
  int pages_per_step = 1024;         // pages copied per sqlite3_backup_step (4 MiB at 4 KiB pages)
  Progress progress;
};
struct BackupResult {
  std::int64_t pages = 0;
  std::uintmax_t bytes = 0;  // size of FILE
  std::int64_t files = 0;    // files copied from the upload directory
  std::uintmax_t file_bytes = 0;
};
// Makes the backup described above; throws Refused, Damaged or std::runtime_error. On failure
// nothing is left under FILE's names but what was there before (temp files are removed).
BackupResult backup_sqlite(const BackupOptions& opt);

// The problems of the backup FILE (empty: it is intact): the manifest must list FILE, every listed
// file must be there with its SHA-256, nothing but listed files may be under FILE.files/, and the
// database must pass PRAGMA integrity_check and hold a tinhso schema (schema_migrations).
// `progress` hears ("checksums", i, n) per manifest entry and ("check", …) around the integrity check.
std::vector<std::string> check_backup(const std::filesystem::path& file, const Progress& progress = {});

struct RestoreOptions {
  std::filesystem::path from;        // FILE of a backup
  std::filesystem::path target;      // the SQLite database file to restore into
  std::filesystem::path upload_dir;  // empty: the backup's upload files are not restored
  bool force = false;                // overwrite a target that has tables / a non-empty upload dir
  Progress progress;
};
struct RestoreResult {
  std::int64_t pages = 0;
  std::int64_t files = 0;
  bool files_skipped = false;  // the backup has upload files but no upload directory was given
};
// Checks the backup first (check_backup: Damaged when it has problems), refuses a non-empty
// target without `force`, then copies the database into the target with the online backup API
// (one transaction: a reader of the target sees the old or the new database, never a mix), puts
// it in WAL mode as the nodes run it, checks its integrity, and copies the upload files, each
// checked against the manifest. Nodes should be stopped while a target is overwritten.
RestoreResult restore_sqlite(const RestoreOptions& opt);

// The manifest of FILE ("FILE.sha256") and the upload copy ("FILE.files").
std::filesystem::path manifest_path(const std::filesystem::path& file);
std::filesystem::path files_path(const std::filesystem::path& file);
// Lower-case hex SHA-256 of a file's content, read in chunks (database files may be large).
std::string sha256_file(const std::filesystem::path& path);

}  // namespace tinhso::backup
