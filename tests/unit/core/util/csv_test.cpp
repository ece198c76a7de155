// The shared CSV parser (RFC 4180): one table of inputs and their records or error.
#include <gtest/gtest.h>

#include "core/util/csv.h"

namespace tinhso {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Case {
  const char* name;
  std::string input;
  Rows want;                 // header first, then records
  std::string error;         // message id, or "" for success
  std::size_t error_line = 0;
};

Rows flatten(const CsvTable& t) {
  Rows out{t.header};
  for (const auto& r : t.rows) out.push_back(r.fields);
  return out;
}

const Case kCases[] = {
    {"simple", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}, "", 0},
    {"crlf and no final newline", "a,b\r\n1,2\r\n3,4", {{"a", "b"}, {"1", "2"}, {"3", "4"}}, "", 0},
    {"bom stripped", "\xEF\xBB\xBF" "code,name\n26,Tỉnh Vĩnh Phúc\n", {{"code", "name"}, {"26", "Tỉnh Vĩnh Phúc"}}, "", 0},
    {"quoted comma", "a,b\n\"x, y\",2\n", {{"a", "b"}, {"x, y", "2"}}, "", 0},
    {"doubled quote", "a\n\"say \"\"hi\"\"\"\n", {{"a"}, {"say \"hi\""}}, "", 0},
    {"embedded newline", "a,b\n\"line1\nline2\",2\n3,4\n", {{"a", "b"}, {"line1\nline2", "2"}, {"3", "4"}}, "", 0},
    {"empty fields", "a,b,c\n,,\n", {{"a", "b", "c"}, {"", "", ""}}, "", 0},
    {"blank lines skipped", "a\n\n1\n\r\n2\n", {{"a"}, {"1"}, {"2"}}, "", 0},
    {"empty quoted", "a,b\n\"\",x\n", {{"a", "b"}, {"", "x"}}, "", 0},
    {"empty input", "", {}, "csv.empty", 1},
    {"bom only", "\xEF\xBB\xBF", {}, "csv.empty", 1},
    {"stray quote", "a\nx\"y\n", {}, "csv.stray_quote", 2},
    {"text after quote", "a\n\"x\"y\n", {}, "csv.text_after_quote", 2},
    {"unterminated quote", "a\n1\n\"open\nmore\n", {}, "csv.unterminated_quote", 3},
    {"field count", "a,b\n1,2\n3\n", {}, "csv.field_count", 3},
    {"line after embedded newline", "a,b\n\"x\ny\",1\n1,2,3\n", {}, "csv.field_count", 4},
    {"bad utf8", "a\n\xC3\x28\n", {}, "csv.bad_utf8", 0},
    {"overlong utf8", "a\n\xC0\xAF\n", {}, "csv.bad_utf8", 0},
    {"truncated utf8", "a\n\xE1\xBB", {}, "csv.bad_utf8", 0},
};

TEST(DirectoryCsv, Table) {
  for (const auto& c : kCases) {
    CsvResult r = parse_csv(c.input);
    if (c.error.empty()) {
      ASSERT_TRUE(r.table) << c.name << ": " << (r.error ? r.error->message_id : "");
      EXPECT_FALSE(r.error) << c.name;
      EXPECT_EQ(flatten(*r.table), c.want) << c.name;
    } else {
      ASSERT_TRUE(r.error) << c.name;
      EXPECT_FALSE(r.table) << c.name;
      EXPECT_EQ(r.error->message_id, c.error) << c.name;
      EXPECT_EQ(r.error->line, c.error_line) << c.name;
    }
  }
}

TEST(DirectoryCsv, RecordLinesCountEmbeddedNewlines) {
  CsvResult r = parse_csv("a,b\n\"x\ny\",1\n2,3\n");
  ASSERT_TRUE(r.table);
  ASSERT_EQ(r.table->rows.size(), 2u);
  EXPECT_EQ(r.table->rows[0].line, 2u);
  EXPECT_EQ(r.table->rows[1].line, 4u);
}

TEST(DirectoryCsv, Limits) {
  CsvLimits small{.max_rows = 2, .max_fields = 3, .max_field_bytes = 5};
  EXPECT_EQ(parse_csv("a\n1\n2\n3\n", small).error->message_id, "csv.too_many_rows");
  EXPECT_EQ(parse_csv("a,b,c,d\n", small).error->message_id, "csv.too_many_fields");
  EXPECT_EQ(parse_csv("a\n123456\n", small).error->message_id, "csv.field_too_long");
  EXPECT_TRUE(parse_csv("a\n12345\n", small).table);
}

}  // namespace
}  // namespace tinhso
