#pragma once
// Locale formats for dates and numbers. Vietnamese: "26/11/2026", "14:20 26/11/2026",
// "1.234.567", "12,5"; English: "26 Nov 2026", "1,234,567", "12.5". Times are shown in the
// province's time zone (Asia/Ho_Chi_Minh by default, UTC+7, no daylight saving).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace tinhso::text {

std::string format_date(std::chrono::year_month_day date, std::string_view lang);
std::string format_datetime(std::chrono::system_clock::time_point t, std::string_view lang,
                            std::string_view time_zone = "Asia/Ho_Chi_Minh");
std::string format_integer(std::int64_t n, std::string_view lang);
std::string format_decimal(double v, int fraction_digits, std::string_view lang);

}  // namespace tinhso::text
