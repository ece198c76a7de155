#include "core/text/format.h"

#include <unicode/datefmt.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <memory>
#include <stdexcept>

namespace tinhso::text {

namespace {

icu::Locale locale_of(std::string_view lang) { return lang == "en" ? icu::Locale("en", "GB") : icu::Locale("vi", "VN"); }

std::string to_utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

std::string format_with(std::string_view pattern, UDate when, std::string_view lang, std::string_view tz) {
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat f(icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size()))),
                          locale_of(lang), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU date format failed");
  f.adoptTimeZone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())))));
  icu::UnicodeString out;
  f.format(when, out);
  return to_utf8(out);
}

}  // namespace

std::string format_date(std::chrono::year_month_day date, std::string_view lang) {
  auto days = std::chrono::sys_days(date).time_since_epoch().count();
  UDate when = static_cast<double>(days) * 86400000.0;
  return format_with(lang == "en" ? "d MMM y" : "dd/MM/y", when, lang, "UTC");
}

std::string format_datetime(std::chrono::system_clock::time_point t, std::string_view lang, std::string_view tz) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return format_with(lang == "en" ? "HH:mm, d MMM y" : "HH:mm dd/MM/y", static_cast<UDate>(ms), lang, tz);
}

std::string format_integer(std::int64_t n, std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> f(icu::NumberFormat::createInstance(locale_of(lang), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU number format failed");
  icu::UnicodeString out;
  f->format(static_cast<int64_t>(n), out);
  return to_utf8(out);
}

std::string format_decimal(double v, int fraction_digits, std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> f(icu::NumberFormat::createInstance(locale_of(lang), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU number format failed");
  f->setMinimumFractionDigits(fraction_digits);
  f->setMaximumFractionDigits(fraction_digits);
  icu::UnicodeString out;
  f->format(v, out);
  return to_utf8(out);
}

}  // namespace tinhso::text
