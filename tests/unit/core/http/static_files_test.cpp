#include "core/http/static_files.h"

#include <gtest/gtest.h>

#include "temp_dir.h"
#include <stdlib.h>
#include <zlib.h>

#include <fstream>
#include <regex>

#include "core/http/errors.h"

namespace tinhso::http {
namespace {

namespace fs = std::filesystem;

std::string gunzip(const std::string& gz) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root / "css");
    write("css/site.css", css);
    write("img/logo.png", "\x89PNG not really");
    write("robots.txt", "User-agent: *\n");
    write("css/site.css.gz", "precompressed copies are ignored");
    files = std::make_unique<StaticFiles>(root);
  }
  void TearDown() override { files.reset(); }
  void write(const std::string& rel, std::string_view data) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << data;
  }
  Response get(std::string_view rel, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    for (const auto& [k, v] : headers) req.headers.add(k, v);
    return files->serve(req, rel);
  }
  ErrorKind error_of(std::string_view rel) {
    try {
      get(rel);
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::internal;
  }
  // "/static/css/site.1a2b3c4d.css" -> "css/site.1a2b3c4d.css"
  std::string rel_of_url(std::string_view rel) { return files->url(rel).substr(8); }

  tinhso::test::TempDir tmp{"tinhso-static"};
  fs::path root = tmp.path();
  std::unique_ptr<StaticFiles> files;
  const std::string css = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += ".c" + std::to_string(i) + " { color: #123456; margin: 0 auto; }\n";
    return s;
  }();
};

TEST_F(StaticFilesTest, LoadsRegularFilesButNotGz) { EXPECT_EQ(files->size(), 3u); }

TEST_F(StaticFilesTest, UrlIsFingerprinted) {
  std::string url = files->url("css/site.css");
  EXPECT_TRUE(std::regex_match(url, std::regex(R"(/static/css/site\.[0-9a-f]{8}\.css)"))) << url;
  EXPECT_EQ(files->url("css/site.css"), url);  // stable
  EXPECT_TRUE(std::regex_match(files->url("robots.txt"), std::regex(R"(/static/robots\.[0-9a-f]{8}\.txt)")));
  EXPECT_THROW(files->url("missing.css"), std::out_of_range);
}

TEST_F(StaticFilesTest, FingerprintFollowsContent) {
  std::string before = files->url("robots.txt");
  write("robots.txt", "User-agent: *\nDisallow: /\n");
  StaticFiles reloaded(root);
  EXPECT_NE(reloaded.url("robots.txt"), before);
}

TEST_F(StaticFilesTest, PlainPathIsNoCacheWithEtag) {
  Response r = get("css/site.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, css);
  EXPECT_EQ(r.headers.get("Cache-Control"), "no-cache");
  EXPECT_EQ(r.headers.get("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(r.headers.get("Content-Encoding"), std::nullopt);
  std::string etag(r.headers.get_or("ETag", ""));
  EXPECT_TRUE(std::regex_match(etag, std::regex(R"("[0-9a-f]+")"))) << etag;
  EXPECT_EQ(get("img/logo.png").headers.get("Content-Type"), "image/png");
}

TEST_F(StaticFilesTest, FingerprintedPathIsImmutable) {
  Response r = get(rel_of_url("css/site.css"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, css);
  EXPECT_EQ(r.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.headers.get("ETag"), get("css/site.css").headers.get("ETag"));
}

TEST_F(StaticFilesTest, UnknownAndStaleAreNotFound) {
  const char* rels[] = {"nope.css", "css/site.00000000.css", "css/site.ABCDEF12.css", "css/other.12345678.css",
                        "css", "", "../css/site.css", "css/site.css.gz"};
  for (const char* rel : rels) EXPECT_EQ(error_of(rel), ErrorKind::not_found) << rel;
}

TEST_F(StaticFilesTest, IfNoneMatchGives304) {
  std::string etag(get("css/site.css").headers.get_or("ETag", ""));
  const std::string matching[] = {etag, "W/" + etag, "\"other\", " + etag, "*"};
  for (const auto& inm : matching) {
    Response r = get("css/site.css", {{"If-None-Match", inm}});
    EXPECT_EQ(r.status, 304) << inm;
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(r.headers.get("ETag"), etag);
  }
  EXPECT_EQ(get("css/site.css", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(StaticFilesTest, GzipHasItsOwnEtag) {
  Response plain = get("css/site.css");
  Response gz = get("css/site.css", {{"Accept-Encoding", "br, gzip, deflate"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.headers.get("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain.headers.get("Vary"), "Accept-Encoding");
  EXPECT_NE(gz.headers.get("ETag"), plain.headers.get("ETag"));
  EXPECT_LT(gz.body.size(), css.size());
  EXPECT_EQ(gunzip(gz.body), css);
  std::string gz_etag(gz.headers.get_or("ETag", ""));
  EXPECT_EQ(get("css/site.css", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_etag}}).status, 304);
  // Small files are never compressed.
  EXPECT_EQ(get("robots.txt", {{"Accept-Encoding", "gzip"}}).headers.get("Content-Encoding"), std::nullopt);
}

TEST_F(StaticFilesTest, AcceptEncodingTable) {
  struct Case {
    const char* accept;
    bool gzip;
  };
  const Case cases[] = {
      {"", false},          {"gzip", true},        {"GZIP", true},         {"deflate, gzip;q=0.5", true},
      {"br", false},        {"identity", false},   {"gzip;q=0", false},    {"gzip; q=0.000", false},
      {"*", true},          {"*;q=0", false},      {"gzip;q=0, *", false}, {"br, *;q=0.1", true},
      {"x-gzip", true},     {"gzipped", false},
  };
  for (const auto& c : cases) {
    Response r = get("css/site.css", {{"Accept-Encoding", c.accept}});
    EXPECT_EQ(r.headers.get("Content-Encoding") == "gzip", c.gzip) << c.accept;
    EXPECT_EQ(r.body == css, !c.gzip) << c.accept;
  }
}

TEST(StaticFilesCtor, MissingRootThrows) {
  EXPECT_THROW(StaticFiles("/nonexistent/tinhso/static"), std::runtime_error);
}

}  // namespace
}  // namespace tinhso::http
