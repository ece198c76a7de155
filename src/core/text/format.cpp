#include "core/text/format.h"

#include <unicode/datefmt.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <map>
#include <memory>
#include <string>
#include <stdexcept>

namespace tinhso::text {

namespace {

icu::Locale locale_of(std::string_view lang) { return lang == "en" ? icu::Locale("en", "GB") : icu::Locale("vi", "VN"); }

std::string to_utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

// ICU formatters are costly to build (a SimpleDateFormat with its time zone: tens of microseconds,
// more than the rest of a page) and not safe to share between threads while formatting: each
// thread keeps the ones it has used, by pattern, language and zone (a handful in practice).
icu::SimpleDateFormat& date_formatter(std::string_view pattern, std::string_view lang, std::string_view tz) {
  thread_local std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>, std::less<>> cache;
  std::string key = std::string(pattern) + '\x1f' + std::string(lang) + '\x1f' + std::string(tz);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  UErrorCode status = U_ZERO_ERROR;
  auto f = std::make_unique<icu::SimpleDateFormat>(
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size()))),
      locale_of(lang), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU date format failed");
  f->adoptTimeZone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())))));
  return *cache.emplace(std::move(key), std::move(f)).first->second;
}

icu::NumberFormat& number_formatter(std::string_view lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::NumberFormat>, std::less<>> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return *it->second;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> f(icu::NumberFormat::createInstance(locale_of(lang), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU number format failed");
  return *cache.emplace(std::string(lang), std::move(f)).first->second;
}

std::string format_with(std::string_view pattern, UDate when, std::string_view lang, std::string_view tz) {
  icu::UnicodeString out;
  date_formatter(pattern, lang, tz).format(when, out);
  return to_utf8(out);
}

// Vietnamese numeric dates without ICU (issue 15 §7: ICU's DateFormat::format was 12 % of a look-up
// page's CPU). Vietnam's zone has been UTC+7 without daylight saving since 13 June 1975; earlier
// instants, other zones and English go through ICU. Unit tests compare both paths. The upper bound
// (2200) stays inside system_clock's nanosecond range (year 2262).
constexpr std::chrono::sys_days kVietnamFixedOffsetSince{std::chrono::year{1975} / std::chrono::June / 13};

void put2(std::string& out, unsigned v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

std::string vi_date(std::chrono::year_month_day d) {
  std::string out;
  out.reserve(10);
  put2(out, static_cast<unsigned>(d.day()));
  out += '/';
  put2(out, static_cast<unsigned>(d.month()));
  out += '/';
  out += std::to_string(static_cast<int>(d.year()));
  return out;
}

}  // namespace

std::string format_date(std::chrono::year_month_day date, std::string_view lang) {
  if (lang != "en" && date.ok() && date.year() >= std::chrono::year{1000}) return vi_date(date);
  auto days = std::chrono::sys_days(date).time_since_epoch().count();
  UDate when = static_cast<double>(days) * 86400000.0;
  return format_with(lang == "en" ? "d MMM y" : "dd/MM/y", when, lang, "UTC");
}

std::string format_datetime(std::chrono::system_clock::time_point t, std::string_view lang, std::string_view tz) {
  using namespace std::chrono;
  if (lang != "en" && tz == "Asia/Ho_Chi_Minh" && t >= kVietnamFixedOffsetSince && t < sys_days{year{2200} / 1 / 1}) {
    auto local = floor<minutes>(t) + hours{7};
    auto day = floor<days>(local);
    hh_mm_ss<minutes> hm{local - day};
    std::string out;
    out.reserve(16);
    put2(out, static_cast<unsigned>(hm.hours().count()));
    out += ':';
    put2(out, static_cast<unsigned>(hm.minutes().count()));
    out += ' ';
    return out + vi_date(year_month_day{day});
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return format_with(lang == "en" ? "HH:mm, d MMM y" : "HH:mm dd/MM/y", static_cast<UDate>(ms), lang, tz);
}

std::string format_integer(std::int64_t n, std::string_view lang) {
  icu::NumberFormat& f = number_formatter(lang);
  f.setMinimumFractionDigits(0);
  f.setMaximumFractionDigits(0);
  icu::UnicodeString out;
  f.format(static_cast<int64_t>(n), out);
  return to_utf8(out);
}

std::string format_decimal(double v, int fraction_digits, std::string_view lang) {
  icu::NumberFormat& f = number_formatter(lang);
  f.setMinimumFractionDigits(fraction_digits);
  f.setMaximumFractionDigits(fraction_digits);
  icu::UnicodeString out;
  f.format(v, out);
  return to_utf8(out);
}

}  // namespace tinhso::text
