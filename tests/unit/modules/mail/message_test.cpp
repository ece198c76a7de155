// The pure parts of outgoing mail: RFC 2047 encoded words, dot-stuffing, header injection
// refusal (ASVS 5.0 1.3.11), message building, and the retry schedule.
#include "modules/mail/message.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "modules/mail/smtp.h"

namespace tinhso::mail {
namespace {

using namespace std::chrono_literals;

std::string unbase64(std::string_view b64) {
  std::string out(b64.size(), '\0');
  std::size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(),
                              "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(len);
  return out;
}

// Decodes a header made of encoded words (the reader's side of RFC 2047).
std::string decode_words(const std::string& header) {
  std::string out;
  std::size_t i = 0;
  while ((i = header.find("=?UTF-8?B?", i)) != std::string::npos) {
    auto end = header.find("?=", i + 10);
    out += unbase64(std::string_view(header).substr(i + 10, end - i - 10));
    i = end + 2;
  }
  return out;
}

TEST(EncodeHeaderText, Table) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"Hello", "Hello"},
      {"", ""},
      {"Xác nhận", "=?UTF-8?B?WMOhYyBuaOG6rW4=?="},
      {"a =? b", "=?UTF-8?B?YSA9PyBi?="},  // looks like an encoded word: encode it
      {"tab\there", "=?UTF-8?B?dGFiCWhlcmU=?="},
  };
  for (const auto& c : cases) EXPECT_EQ(encode_header_text(c.in), c.out) << c.in;
}

TEST(EncodeHeaderText, LongVietnameseSplitsOnCodePointsAndRoundTrips) {
  std::string subject = "Xác nhận địa chỉ thư điện tử cho tài khoản Cổng dịch vụ số tỉnh Phú Thọ — ẩ ễ ổ ự";
  std::string h = encode_header_text(subject);
  EXPECT_NE(h.find("\r\n "), std::string::npos) << "folded into several words";
  std::size_t start = 0;
  while (start < h.size()) {
    auto end = h.find("\r\n ", start);
    std::string word = h.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    std::string bytes = unbase64(word.substr(10, word.size() - 12));
    EXPECT_FALSE(bytes.empty());
    EXPECT_NE(static_cast<unsigned char>(bytes[0]) & 0xC0, 0x80) << "a word starts mid code point";
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_EQ(decode_words(h), subject);
}

TEST(HeaderInjection, CrOrLfIsRefused) {
  for (std::string bad : {"Hi\r\nBcc: victim@example.org", "Hi\nBcc: x@y", "Hi\rX"}) {
    EXPECT_THROW(encode_header_text(bad), InvalidMessage) << bad;
    Outgoing m{"from@tinhso.vn", "to@example.org", bad, "body", {}, "1@tinhso.vn"};
    EXPECT_THROW(build_message(m), InvalidMessage);
  }
  Outgoing to_injected{"from@tinhso.vn", "to@example.org\r\nBcc: x@y", "s", "b", {}, "1@tinhso.vn"};
  EXPECT_THROW(build_message(to_injected), InvalidMessage);
  Outgoing from_injected{"from@tinhso.vn\nX: y", "to@example.org", "s", "b", {}, "1@tinhso.vn"};
  EXPECT_THROW(build_message(from_injected), InvalidMessage);
}

TEST(ValidAddress, Table) {
  struct Case {
    const char* addr;
    bool ok;
  } cases[] = {{"a@b", true},       {"nguyen.van.a@demo.tinhso.vn", true}, {"", false},
               {"no-at", false},    {"@b", false},                         {"a@", false},
               {"a b@c", false},    {"<a@b>", false},                      {"a@b,c@d", false},
               {"a@b\r\n", false}};
  for (const auto& c : cases) EXPECT_EQ(valid_address(c.addr), c.ok) << c.addr;
}

TEST(DotStuff, Table) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"", ""},
      {"a", "a\r\n"},
      {".", "..\r\n"},
      {"a\r\n.\r\nb", "a\r\n..\r\nb\r\n"},
      {".x\n..y\n", "..x\r\n...y\r\n"},
      {"a.b\r\n", "a.b\r\n"},
      {"a\rb", "a\r\nb\r\n"},
  };
  for (const auto& c : cases) EXPECT_EQ(dot_stuff(c.in), c.out) << c.in;
}

TEST(Rfc5322Date, Utc) {
  EXPECT_EQ(rfc5322_date(std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + 15h + 20min + 48s),
            "Thu, 26 Nov 2026 15:20:48 +0000");
  EXPECT_EQ(rfc5322_date(std::chrono::sys_days{std::chrono::year{2025} / 7 / 1}), "Tue, 01 Jul 2025 00:00:00 +0000");
}

TEST(BuildMessage, HeadersAndVietnameseBodyIntact) {
  Outgoing m{"tinhso@demo.tinhso.vn", "dan@example.org", "Xác nhận", "Chào bạn,\nĐường dẫn: https://x/y\n.\n",
             std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}, "abc@demo.tinhso.vn"};
  std::string msg = build_message(m);
  auto split = msg.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  std::string head = msg.substr(0, split + 2), body = msg.substr(split + 4);
  EXPECT_EQ(head,
            "From: tinhso@demo.tinhso.vn\r\nTo: dan@example.org\r\nSubject: =?UTF-8?B?WMOhYyBuaOG6rW4=?=\r\n"
            "Date: Thu, 26 Nov 2026 00:00:00 +0000\r\nMessage-ID: <abc@demo.tinhso.vn>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n");
  for (std::size_t i = 0; i < body.size();) {
    auto eol = body.find("\r\n", i);
    ASSERT_NE(eol, std::string::npos);
    EXPECT_LE(eol - i, 76u);
    i = eol + 2;
  }
  EXPECT_EQ(unbase64(body), m.text);
}

TEST(RetryDelay, Schedule) {
  struct Case {
    int attempts;
    std::optional<std::chrono::seconds> delay;
  } cases[] = {{0, std::nullopt}, {1, 1min}, {2, 5min}, {3, 30min},        {4, 2h},
               {5, 6h},            {6, 12h}, {7, 24h},  {8, std::nullopt}, {9, std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(retry_delay(c.attempts), c.delay) << c.attempts;
}

TEST(ParseSmtpTarget, Table) {
  auto t = parse_smtp_target("127.0.0.1:2525");
  EXPECT_EQ(t.host, "127.0.0.1");
  EXPECT_EQ(t.port, "2525");
  EXPECT_EQ(parse_smtp_target("[::1]:25").host, "::1");
  for (const char* bad : {"", "host", ":25", "host:", "host:x1", "host:123456"})
    EXPECT_THROW(parse_smtp_target(bad), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace tinhso::mail
