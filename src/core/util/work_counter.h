#pragma once
// Per-thread count of the SQL statements prepared on this thread (core/db counts them through
// SOCI's query transformation). A request's handler runs on one worker thread from start to end,
// so the HTTP server reads the difference around the handler: how many statements a page issued
// (tinhso_http_request_sql_statements_max in /metrics; issue 5: no page above 10).
#include <cstdint>

namespace tinhso::util {

inline thread_local std::uint64_t sql_statements = 0;

}  // namespace tinhso::util
