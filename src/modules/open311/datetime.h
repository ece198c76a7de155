#pragma once
// Date-times of Open311 GeoReport v2: W3C date-time (ISO 8601 profile) with an offset, e.g.
// "2026-11-26T09:15:00+07:00" (OPEN311.md; GeoReport v2 "requested_datetime", "start_date").
// Pure: no clock, no time-zone database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tinhso::open311 {

// Viet Nam keeps UTC+07:00 all year: the offset assumed when a client omits one.
inline constexpr int kVietnamOffsetMinutes = 7 * 60;
inline constexpr int kMaxOffsetMinutes = 14 * 60;  // ISO 8601 offsets span -14:00 .. +14:00

// A moment (seconds since 1970-01-01T00:00:00Z) and the offset it is written with. Two values
// naming the same moment with different offsets are different values (==), equal moments.
struct DateTime {
  std::int64_t epoch_seconds = 0;
  int offset_minutes = kVietnamOffsetMinutes;  // -kMaxOffsetMinutes .. kMaxOffsetMinutes
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// The moments format_datetime writes faithfully: local years 0001 .. 9999 at any offset.
inline constexpr std::int64_t kMinEpochSeconds = -62135596800 + kMaxOffsetMinutes * 60;  // 0001-01-01T14:00Z
inline constexpr std::int64_t kMaxEpochSeconds = 253402300799 - kMaxOffsetMinutes * 60;  // 9999-12-31T09:59:59Z

// Parses, strictly:
//   YYYY-MM-DD                     midnight at default_offset_minutes
//   YYYY-MM-DDThh:mm[:ss[.f+]]TZD  fraction dropped (truncated to the second)
// where TZD is "Z", "+hh:mm" or "-hh:mm", optional (default_offset_minutes when absent). A space
// instead of '+' before hh:mm is read as '+': an unencoded '+' in a query string arrives as a
// space (WHATWG urlencoded). Years 0001..9999, real calendar days, hh 00..23, mm/ss 00..59 (no
// leap second), |offset| <= 14:00 with minutes 00..59. nullopt for anything else, including
// surrounding spaces and results outside [kMinEpochSeconds, kMaxEpochSeconds].
std::optional<DateTime> parse_datetime(std::string_view text, int default_offset_minutes = kVietnamOffsetMinutes);

// "YYYY-MM-DDThh:mm:ss+hh:mm" (offset always numeric; UTC is "+00:00"). Out-of-range inputs are
// clamped first: epoch_seconds to [kMinEpochSeconds, kMaxEpochSeconds], the offset to
// [-kMaxOffsetMinutes, kMaxOffsetMinutes]. parse_datetime(format_datetime(t)) == t for every t
// in range.
std::string format_datetime(const DateTime& t);

}  // namespace tinhso::open311
