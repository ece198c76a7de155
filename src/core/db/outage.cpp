#include "core/db/outage.h"

// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api: include it, not sqlite3.h.
#include <soci/sqlite3/soci-sqlite3.h>

namespace tinhso::db {

bool pg_connection_lost(std::string_view sqlstate) {
  if (sqlstate.size() != 5) return false;
  if (sqlstate.starts_with("08")) return true;
  return sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

bool sqlite_unavailable(int result_code) {
  switch (result_code & 0xff) {  // extended codes keep the primary code in the low byte
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_BUSY:
      return true;
    default:
      return false;
  }
}

}  // namespace tinhso::db
