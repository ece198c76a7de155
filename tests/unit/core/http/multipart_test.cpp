#include "core/http/multipart.h"

#include <gtest/gtest.h>

#include "temp_dir.h"
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "core/http/errors.h"
#include "core/http/form.h"

namespace tinhso::http {
namespace {

namespace fs = std::filesystem;

// --- building bodies -------------------------------------------------------------------------

std::string field(std::string_view name, std::string_view value) {
  return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" + std::string(value);
}

std::string file(std::string_view name, std::string_view filename, std::string_view content,
                 std::string_view type = "application/octet-stream") {
  return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" +
         std::string(filename) + "\"\r\nContent-Type: " + std::string(type) + "\r\n\r\n" + std::string(content);
}

std::string body_of(std::string_view boundary, const std::vector<std::string>& parts, bool close = true) {
  std::string out;
  for (const auto& p : parts) out += "--" + std::string(boundary) + "\r\n" + p + "\r\n";
  if (close) out += "--" + std::string(boundary) + "--\r\n";
  return out;
}

// --- a sink that records what it saw ---------------------------------------------------------

struct SeenPart {
  PartHeader header;
  std::string body;
  bool ended = false;
  bool operator==(const SeenPart& o) const {
    return header.name == o.header.name && header.filename == o.header.filename &&
           header.is_file == o.header.is_file && header.content_type == o.header.content_type &&
           body == o.body && ended == o.ended;
  }
};

class RecordingSink : public PartSink {
 public:
  void begin(const PartHeader& h) override { parts.push_back({h, "", false}); }
  void data(std::string_view bytes) override {
    ASSERT_FALSE(parts.empty());
    ASSERT_FALSE(parts.back().ended);
    parts.back().body.append(bytes);
  }
  void end() override { parts.back().ended = true; }
  std::vector<SeenPart> parts;
};

// Parses `body` in chunks of `chunk` bytes (0: all at once) and calls finish().
std::vector<SeenPart> parse(std::string_view boundary, std::string_view body, std::size_t chunk = 0,
                            std::size_t max_parts = 100, std::size_t max_header = 8192) {
  RecordingSink sink;
  MultipartParser p{std::string(boundary), sink, max_parts, max_header};
  if (chunk == 0) chunk = body.size() + 1;
  for (std::size_t i = 0; i < body.size(); i += chunk) p.feed(body.substr(i, chunk));
  p.finish();
  EXPECT_TRUE(p.done());
  return sink.parts;
}

template <class F>
ErrorKind error_kind(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;  // "no Error thrown"
}

const std::string kBoundary = "----tinhsoXyZ09";
// File content with NUL, a non-UTF-8 byte and near-boundary lines.
const std::string kBinary = [] {
  const char raw[] = "\0\x01\xff\r\n--not-the-boundary\r\n\r\n-";
  return std::string(raw, sizeof raw - 1);
}();

std::string sample_body() {
  const std::string& binary = kBinary;
  return "preamble is ignored\r\n" +
         body_of(kBoundary, {field("title", "Đơn đề nghị"), field("empty", ""),
                             file("doc", "../../etc/evil.bin", binary),
                             file("note", "ghi chú.txt", "xin chào", "text/plain; charset=utf-8")}) +
         "epilogue is ignored too";
}

TEST(MultipartParser, ParsesFieldsAndFiles) {
  auto parts = parse(kBoundary, sample_body());
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].header.name, "title");
  EXPECT_FALSE(parts[0].header.is_file);
  EXPECT_EQ(parts[0].body, "Đơn đề nghị");
  EXPECT_EQ(parts[1].header.name, "empty");
  EXPECT_EQ(parts[1].body, "");
  EXPECT_EQ(parts[2].header.name, "doc");
  EXPECT_TRUE(parts[2].header.is_file);
  EXPECT_EQ(parts[2].header.filename, "../../etc/evil.bin");  // the parser does not sanitise
  EXPECT_EQ(parts[2].header.content_type, "application/octet-stream");
  EXPECT_EQ(parts[2].body, kBinary);
  EXPECT_EQ(parts[3].header.filename, "ghi chú.txt");
  EXPECT_EQ(parts[3].header.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(parts[3].body, "xin chào");
  for (const auto& p : parts) EXPECT_TRUE(p.ended);
}

TEST(MultipartParser, ChunkSizeDoesNotChangeTheResult) {
  const std::string body = sample_body();
  const auto whole = parse(kBoundary, body);
  for (std::size_t chunk : {1, 2, 3, 7, 16, 17, 64, 1000}) EXPECT_EQ(parse(kBoundary, body, chunk), whole) << chunk;
}

TEST(MultipartParser, BodyStartingWithBoundaryAndNoParts) {
  EXPECT_TRUE(parse("b", "--b--").empty());
  EXPECT_TRUE(parse("b", "--b--\r\n").empty());
}

TEST(MultipartParser, QuotedParametersWithEscapesAndSemicolons) {
  std::string body = body_of("b", {"Content-Disposition: form-data; filename=\"a;b\\\"c.txt\"; name=\"f\"\r\n\r\nx"});
  auto parts = parse("b", body);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].header.name, "f");
  EXPECT_EQ(parts[0].header.filename, "a;b\"c.txt");
}

TEST(MultipartParser, MalformedIsBadRequest) {
  struct Case {
    const char* why;
    std::string body;
  };
  const Case cases[] = {
      {"empty body", ""},
      {"no closing boundary", body_of("b", {field("a", "1")}, false)},
      {"cut inside a part", body_of("b", {field("a", "1")}).substr(0, 50)},
      {"cut inside the closing boundary", "--b\r\n" + field("a", "1") + "\r\n--b-"},
      {"missing name", body_of("b", {"Content-Disposition: form-data; filename=\"x\"\r\n\r\nv"})},
      {"empty name", body_of("b", {"Content-Disposition: form-data; name=\"\"\r\n\r\nv"})},
      {"no disposition", body_of("b", {"Content-Type: text/plain\r\n\r\nv"})},
      {"no headers", body_of("b", {"\r\nv"})},
      {"not form-data", body_of("b", {"Content-Disposition: attachment; name=\"a\"\r\n\r\nv"})},
      {"header line without colon", body_of("b", {"Content-Disposition form-data\r\n\r\nv"})},
      {"unterminated quote", body_of("b", {"Content-Disposition: form-data; name=\"a\r\n\r\nv"})},
      {"junk after boundary", "--bX\r\n" + field("a", "1") + "\r\n--b--"},
      {"name not UTF-8", body_of("b", {field("a\xff", "1")})},
      {"filename not UTF-8", body_of("b", {file("a", "\xc0\xaf.txt", "1")})},
  };
  for (const auto& c : cases)
    EXPECT_EQ(error_kind([&] { parse("b", c.body); }), ErrorKind::bad_request) << c.why;
}

TEST(MultipartParser, TruncatedBodyFedByteByByteFailsOnFinish) {
  std::string body = sample_body();
  body = body.substr(0, body.find("--" + kBoundary + "--"));
  RecordingSink sink;
  MultipartParser p{kBoundary, sink};
  for (char c : body) p.feed(std::string_view(&c, 1));
  EXPECT_FALSE(p.done());
  EXPECT_EQ(error_kind([&] { p.finish(); }), ErrorKind::bad_request);
}

TEST(MultipartParser, Limits) {
  std::string three = body_of("b", {field("a", "1"), field("b", "2"), field("c", "3")});
  EXPECT_NO_THROW(parse("b", three, 0, 3));
  EXPECT_EQ(error_kind([&] { parse("b", three, 0, 2); }), ErrorKind::payload_too_large);
  std::string big_header = body_of("b", {file("a", std::string(100, 'x'), "1")});
  EXPECT_EQ(error_kind([&] { parse("b", big_header, 0, 100, 64); }), ErrorKind::bad_request);
  EXPECT_EQ(error_kind([&] { parse("b", big_header, 1, 100, 64); }), ErrorKind::bad_request);
  EXPECT_NO_THROW(parse("b", big_header, 1, 100, 200));
}

TEST(MultipartParser, HeaderExactlyAtTheLimitPassesWhateverTheChunking) {
  // Regression: fed in small chunks, a header block of exactly max_part_header bytes was refused
  // while its terminator was still arriving (found by multipart_fuzz).
  std::string header = "Content-Disposition: form-data; name=\"a\"";
  std::string body = body_of("b", {header + "\r\n\r\nv"});
  for (std::size_t chunk : {0, 1, 2, 3, 5, 7}) {
    EXPECT_NO_THROW(parse("b", body, chunk, 100, header.size())) << chunk;
    EXPECT_EQ(error_kind([&] { parse("b", body, chunk, 100, header.size() - 1); }), ErrorKind::bad_request) << chunk;
  }
}

TEST(MultipartBoundary, Table) {
  struct Case {
    std::string content_type;
    const char* want;  // nullptr: bad_request
  };
  const Case cases[] = {
      {"multipart/form-data; boundary=abc", "abc"},
      {"multipart/form-data;boundary=abc", "abc"},
      {"Multipart/Form-Data; charset=utf-8; BOUNDARY=xyz", "xyz"},
      {"multipart/form-data; boundary=\"a b;c\"", "a b;c"},
      {"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", "----WebKitFormBoundary7MA4YWxkTrZu0gW"},
      {"multipart/form-data; boundary=" + std::string(70, 'x'), "70"},
      {"multipart/form-data; boundary=" + std::string(71, 'x'), nullptr},
      {"multipart/form-data", nullptr},
      {"multipart/form-data; charset=utf-8", nullptr},
      {"multipart/form-data; boundary=", nullptr},
      {"multipart/form-data; boundary=\"\"", nullptr},
      {"multipart/form-data; boundary=\"abc", nullptr},
      {"multipart/form-data; boundary=a\x01z", nullptr},
      {"multipart/form-data; boundary=Đ", nullptr},
      {"multipart/mixed; boundary=abc", nullptr},
      {"text/plain; boundary=abc", nullptr},
      {"", nullptr},
  };
  for (const auto& c : cases) {
    if (!c.want) {
      EXPECT_EQ(error_kind([&] { multipart_boundary(c.content_type); }), ErrorKind::bad_request) << c.content_type;
    } else if (std::string_view(c.want) == "70") {
      EXPECT_EQ(multipart_boundary(c.content_type), std::string(70, 'x'));
    } else {
      EXPECT_EQ(multipart_boundary(c.content_type), c.want) << c.content_type;
    }
  }
}

TEST(SanitizeFilename, Table) {
  struct Case {
    std::string in, want;
  };
  const Case cases[] = {
      {"report.pdf", "report.pdf"},
      {"Đơn đề nghị.pdf", "Đơn đề nghị.pdf"},
      {"../../etc/evil.bin", "evil.bin"},
      {"/etc/passwd", "passwd"},
      {"C:\\x\\a.pdf", "a.pdf"},
      {"C:a.pdf", "Ca.pdf"},
      {"dir\\sub/mixed.txt", "mixed.txt"},
      {"a\x01" "b\nc\x7f" "d.txt", "abcd.txt"},
      {"tab\there.txt", "tabhere.txt"},
      {"what?*<>|\".txt", "what.txt"},
      {".htaccess", "htaccess"},
      {"...hidden", "hidden"},
      {"  spaced  ", "spaced"},
      {"trailing. . .", "trailing"},
      {"", "file"},
      {".", "file"},
      {"..", "file"},
      {"../", "file"},
      {"/", "file"},
      {"\x01\x02", "file"},
      {"\xff\xfe.pdf", "file"},                     // not UTF-8
      {"a\xc2\x85" "b.txt", "ab.txt"},              // C1 control U+0085
      {"evil\xe2\x80\xae" "fdp.exe", "evilfdp.exe"},  // U+202E RIGHT-TO-LEFT OVERRIDE
      {"x\xe2\x81\xa6" "y\xe2\x80\x8f.txt", "xy.txt"},  // U+2066 isolate, U+200F mark
  };
  for (const auto& c : cases) EXPECT_EQ(sanitize_filename(c.in), c.want) << testing::PrintToString(c.in);
}

TEST(SanitizeFilename, LongNamesAreCutOnACharacterBoundary) {
  std::string ascii(300, 'a');
  EXPECT_EQ(sanitize_filename(ascii), std::string(200, 'a'));
  std::string vi;
  for (int i = 0; i < 100; ++i) vi += "ạ";  // 3 bytes each: 200 falls inside the 67th
  std::string out = sanitize_filename(vi);
  EXPECT_LE(out.size(), 200u);
  EXPECT_EQ(out.size(), 198u);
  EXPECT_TRUE(valid_utf8(out));
  std::string mixed = "x";
  for (int i = 0; i < 100; ++i) mixed += "đ";  // 2 bytes each, offset by one
  out = sanitize_filename(mixed);
  EXPECT_EQ(out.size(), 199u);
  EXPECT_TRUE(valid_utf8(out));
}

// --- DiskCollector ---------------------------------------------------------------------------

using tinhso::test::TempDir;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void collect(DiskCollector& c, std::string_view boundary, std::string_view body, std::size_t chunk = 5) {
  MultipartParser p{std::string(boundary), c};
  for (std::size_t i = 0; i < body.size(); i += chunk) p.feed(body.substr(i, chunk));
  p.finish();
}

TEST(DiskCollector, StreamsFilesAndKeepsFields) {
  TempDir dir;
  std::vector<fs::path> paths;
  {
    DiskCollector c(dir.path(), UploadLimits{});
    collect(c, kBoundary, sample_body());
    EXPECT_EQ(c.fields.items(), (std::vector<std::pair<std::string, std::string>>{{"title", "Đơn đề nghị"}, {"empty", ""}}));
    ASSERT_EQ(c.files.size(), 2u);
    const UploadedFile& f = c.files[0];
    EXPECT_EQ(f.field, "doc");
    EXPECT_EQ(f.filename, "evil.bin");
    EXPECT_EQ(f.content_type, "application/octet-stream");
    EXPECT_EQ(f.size, kBinary.size());
    EXPECT_EQ(f.path.parent_path(), dir.path());  // stored under the upload dir, server-chosen name
    EXPECT_EQ(f.path.filename().string().find("evil"), std::string::npos);
    EXPECT_EQ(slurp(f.path), kBinary);
    EXPECT_EQ(c.files[1].filename, "ghi chú.txt");
    EXPECT_EQ(slurp(c.files[1].path), "xin chào");
    EXPECT_NE(c.files[0].path, c.files[1].path);
    for (const auto& uf : c.files) paths.push_back(uf.path);
    EXPECT_EQ(dir.count(), 2u);
  }
  for (const auto& p : paths) EXPECT_FALSE(fs::exists(p)) << p;  // deleted with the collector
  EXPECT_EQ(dir.count(), 0u);
}

// Browsers send an empty file input as filename="" with no content: no upload, no file on disk.
TEST(DiskCollector, EmptyFileInputIsNoUpload) {
  TempDir dir;
  DiskCollector c(dir.path(), UploadLimits{.max_files = 1});
  collect(c, kBoundary, body_of(kBoundary, {file("a", "", ""), file("b", "", ""), file("c", "x.txt", "x")}));
  ASSERT_EQ(c.files.size(), 1u);  // the two empty inputs neither count nor hit max_files
  EXPECT_EQ(c.files[0].field, "c");
  EXPECT_TRUE(c.fields.empty());
  EXPECT_EQ(dir.count(), 1u);
}

TEST(DiskCollector, Caps) {
  struct Case {
    const char* why;
    UploadLimits limits;
    std::vector<std::string> parts;
  };
  UploadLimits file_cap;
  file_cap.max_file_bytes = 10;
  UploadLimits total_cap;
  total_cap.max_total_bytes = 20;
  UploadLimits field_cap;
  field_cap.max_field_bytes = 5;
  UploadLimits count_cap;
  count_cap.max_files = 1;
  const Case cases[] = {
      {"file", file_cap, {file("f", "a.bin", std::string(11, 'x'))}},
      {"total", total_cap, {field("a", std::string(12, 'x')), file("f", "b.bin", std::string(9, 'y'))}},
      {"field", field_cap, {field("a", "123456")}},
      {"count", count_cap, {file("f", "a.bin", "1"), file("g", "b.bin", "2")}},
  };
  for (const auto& c : cases) {
    TempDir dir;
    {
      DiskCollector col(dir.path(), c.limits);
      EXPECT_EQ(error_kind([&] { collect(col, "b", body_of("b", c.parts), 3); }), ErrorKind::payload_too_large)
          << c.why;
    }
    EXPECT_EQ(dir.count(), 0u) << c.why << ": partial uploads must be deleted";
  }
  // Exactly at each cap is fine.
  TempDir dir;
  DiskCollector ok(dir.path(), file_cap);
  EXPECT_NO_THROW(collect(ok, "b", body_of("b", {file("f", "a.bin", std::string(10, 'x'))})));
  DiskCollector ok_field(dir.path(), field_cap);
  EXPECT_NO_THROW(collect(ok_field, "b", body_of("b", {field("a", "12345")})));
}

TEST(DiskCollector, FieldMustBeUtf8) {
  TempDir dir;
  DiskCollector c(dir.path(), UploadLimits{});
  EXPECT_EQ(error_kind([&] { collect(c, "b", body_of("b", {field("a", "\xff")})); }), ErrorKind::bad_request);
}

TEST(DiskCollector, MissingUploadDirIsInternal) {
  DiskCollector c("/nonexistent/tinhso/uploads", UploadLimits{});
  EXPECT_EQ(error_kind([&] { collect(c, "b", body_of("b", {file("f", "a", "1")})); }), ErrorKind::internal);
}

}  // namespace
}  // namespace tinhso::http
