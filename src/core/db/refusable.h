#pragma once
// A transaction for a use case that may refuse (the modules' Result types with ok()).
#include <type_traits>
#include <utility>

#include <soci/soci.h>

#include "core/db/database.h"

namespace tinhso::db {

// Runs fn(session) as Database::transaction does; when the result it returns is refused
// (`!result.ok()`) the transaction is rolled back — whatever the use case wrote before refusing is
// undone — and that result is returned instead of an exception.
template <class F>
auto transaction_unless_refused(Database& db, F&& fn) {
  using Result = std::invoke_result_t<F&, soci::session&>;
  struct Refused {
    Result result;
  };
  try {
    return db.transaction([&](soci::session& s) {
      Result r = fn(s);
      if (!r.ok()) throw Refused{std::move(r)};
      return r;
    });
  } catch (Refused& refused) {
    return std::move(refused.result);
  }
}

}  // namespace tinhso::db
