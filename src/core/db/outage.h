#pragma once
// Which database errors mean "unavailable for now" rather than a fault of the request
// (issue 15 §4): they surface as util::Unavailable (503 + Retry-After), every other SQL error
// propagates unchanged. Used by Database::Lease::fail; kept apart so the tables are unit-tested.
#include <string_view>

namespace tinhso::db {

// PostgreSQL SQLSTATEs that mean the connection is gone or cannot serve: class 08 (connection
// exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
bool pg_connection_lost(std::string_view sqlstate);

// SQLite result codes (primary or extended) that mean the write cannot happen now but may later:
// SQLITE_FULL (disk full), SQLITE_IOERR (I/O error, e.g. ENOSPC while growing a file),
// SQLITE_BUSY (another process kept the lock past busy_timeout).
bool sqlite_unavailable(int result_code);

// Retry-After seconds sent with each kind of unavailability.
inline constexpr int kRetryAfterPoolBusy = 1;   // no free session within the lease wait
inline constexpr int kRetryAfterDown = 2;       // PostgreSQL unreachable or restarting
inline constexpr int kRetryAfterDiskFull = 30;  // SQLite cannot write (disk full, I/O error)

}  // namespace tinhso::db
