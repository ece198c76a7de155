#include "modules/mail/message.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "core/util/strings.h"

namespace tinhso::mail {

namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool has_crlf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

void refuse_crlf(std::string_view value, std::string_view header) {
  if (has_crlf(value)) throw InvalidMessage("CR or LF in the " + std::string(header) + " header");
}

bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  // "=?" could be taken for an encoded word by a reader: encode such text too.
  return s.find("=?") == std::string_view::npos;
}

}  // namespace

bool valid_address(std::string_view addr) {
  if (addr.empty() || addr.size() > 254) return false;
  for (unsigned char c : addr)
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' ||
        c == ')' || c == '\\')
      return false;
  auto at = addr.rfind('@');
  return at != std::string_view::npos && at > 0 && at + 1 < addr.size();
}

std::string encode_header_text(std::string_view text) {
  refuse_crlf(text, "Subject");
  if (plain_ascii(text)) return std::string(text);
  // 45 bytes of UTF-8 become 60 base64 characters: 72 with "=?UTF-8?B?" and "?=" (limit 75).
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t len = std::max<std::size_t>(1, utf8_sequence_length(text, end));
      if (end + len - i > kChunk) break;
      end += len;
    }
    if (end == i) end = std::min(text.size(), i + kChunk);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string dot_stuff(std::string_view data) {
  std::string out;
  out.reserve(data.size() + data.size() / 64 + 2);
  bool line_start = true;
  for (std::size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (line_start && c == '.') out += '.';
    line_start = false;
    if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
      out += "\r\n";
      ++i;
      line_start = true;
    } else if (c == '\n' || c == '\r') {
      out += "\r\n";
      line_start = true;
    } else {
      out += c;
    }
  }
  if (!line_start) out += "\r\n";
  return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[static_cast<std::size_t>(tm.tm_wday)],
                tm.tm_mday, kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string build_message(const Outgoing& m) {
  refuse_crlf(m.from, "From");
  refuse_crlf(m.to, "To");
  refuse_crlf(m.message_id, "Message-ID");
  if (!valid_address(m.from)) throw InvalidMessage("invalid sender address");
  if (!valid_address(m.to)) throw InvalidMessage("invalid recipient address");
  if (!valid_address(m.message_id)) throw InvalidMessage("invalid Message-ID");
  std::string out;
  out += "From: " + m.from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + encode_header_text(m.subject) + "\r\n";
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string body = base64(m.text);
  for (std::size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  return out;
}

std::optional<std::chrono::seconds> retry_delay(int attempts) {
  using namespace std::chrono_literals;
  static constexpr std::array<std::chrono::seconds, kMaxAttempts - 1> kDelays = {1min, 5min, 30min, 2h,
                                                                                  6h,   12h,  24h};
  if (attempts < 1 || attempts >= kMaxAttempts) return std::nullopt;
  return kDelays[static_cast<std::size_t>(attempts - 1)];
}

}  // namespace tinhso::mail
