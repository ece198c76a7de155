#include "core/text/catalog.h"
#include "core/text/resources.h"

#include <gtest/gtest.h>

#include "temp_dir.h"
#include <stdlib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "core/http/errors.h"

namespace tinhso::text {
namespace {

namespace fs = std::filesystem;

// The shared catalog (locales/) and every module's (src/modules/<m>/locales/).
const std::vector<fs::path> kLocales = resource_dirs(TINHSO_SOURCE_DIR, "locales");

nlohmann::json read(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

// The shared catalog (qqq.json, vi.json, en.json) and every module's (<module>.qqq.json, ...).
TEST(RealCatalog, EveryIdInEveryLanguageWithANote) {
  Catalog c(kLocales);
  std::size_t total = 0;
  for (const auto& dir : kLocales)
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with("qqq.json")) continue;
    std::string prefix = name.substr(0, name.size() - 8);  // "" or "<module>."
    auto notes = read(entry.path());
    total += notes.size();
    for (const std::string lang : {"vi", "en"}) {
      auto j = read(dir / (prefix + lang + ".json"));
      EXPECT_EQ(j.size(), notes.size()) << prefix << lang;
      for (auto& [id, note] : notes.items()) {
        ASSERT_TRUE(j.contains(id)) << prefix << lang << " lacks " << id;
        EXPECT_FALSE(j[id].get<std::string>().empty()) << lang << " " << id;
        EXPECT_EQ(c.get(lang, id), j[id].get<std::string>());
        EXPECT_FALSE(note.get<std::string>().empty()) << id;
      }
    }
  }
  EXPECT_EQ(c.size(), total);
  EXPECT_GT(c.size(), 0u);
}

TEST(RealCatalog, EveryErrorKindHasTitleAndDetail) {
  Catalog c(kLocales);
  for (int k = 0; k <= static_cast<int>(http::ErrorKind::unavailable); ++k) {
    std::string name(http::name_of(static_cast<http::ErrorKind>(k)));
    for (const std::string lang : {"vi", "en"})
      for (const char* part : {".title", ".detail"}) {
        std::string id = "error." + name + part;
        EXPECT_NE(c.get(lang, id), id) << lang << " lacks " << id;
      }
  }
}

TEST(RealCatalog, VietnameseAndEnglishDiffer) {
  Catalog c(kLocales);
  EXPECT_EQ(c.get("vi", "lang.self"), "Tiếng Việt");
  EXPECT_EQ(c.get("en", "lang.self"), "English");
  EXPECT_TRUE(c.supports("vi"));
  EXPECT_TRUE(c.supports("en"));
  EXPECT_FALSE(c.supports("fr"));
}

TEST(NegotiateLanguage, Table) {
  const std::vector<std::string> supported = {"vi", "en"};
  struct Case {
    const char* cookie;
    const char* accept;
    const char* want;
  };
  const Case cases[] = {
      {"", "", "vi"},
      {"en", "", "en"},
      {"en", "vi", "en"},                     // the cookie wins
      {"vi", "en", "vi"},
      {"fr", "en", "en"},                     // unsupported cookie is ignored
      {"EN", "", "vi"},                       // cookie values are exact
      {"", "en", "en"},
      {"", "EN", "en"},
      {"", "en-US,en;q=0.9", "en"},
      {"", "en-GB", "en"},
      {"", "vi-VN,vi;q=0.9,en;q=0.8", "vi"},
      {"", "fr-FR, en;q=0.5, vi;q=0.8", "vi"},  // highest q wins, not the first
      {"", "fr-FR, en; q=0.8", "en"},
      {"", "vi;Q=0.1, en;Q=0.9", "en"},       // parameter names are case-insensitive
      {"", "en;q=0.5,vi;q=0.5", "en"},        // ties keep the first
      {"", "fr", "vi"},                       // unsupported: fallback
      {"", "*", "vi"},
      {"", "en;q=0", "vi"},                   // q=0 means "not acceptable"
      {"", "en;q=2", "vi"},                   // q over 1 is invalid
      {"", "en;q=abc", "vi"},
      {"", "en;q=nan", "vi"},
      {"", "en;q=", "vi"},
      {"", ";;,,,;q=;", "vi"},
      {"", ",,en,,", "en"},
      {"", "\xff\xfe", "vi"},
      {"", "english", "vi"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(negotiate_language(c.cookie, c.accept, supported), c.want) << "cookie=" << c.cookie << " al=" << c.accept;
  EXPECT_EQ(negotiate_language("", "fr", supported, "en"), "en");
}

// A catalog in a temporary directory, written from JSON text per file.
class TempCatalog : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& json) { std::ofstream(dir / name) << json; }
  void write_all(const std::string& qqq, const std::string& vi, const std::string& en) {
    write("qqq.json", qqq);
    write("vi.json", vi);
    write("en.json", en);
  }
  tinhso::test::TempDir tmp{"tinhso-catalog"};
  fs::path dir = tmp.path();
};

TEST_F(TempCatalog, FormatAndFallbacks) {
  write_all(R"({"greet": "Greeting; {name} is a person's name.", "home.title": "t", "home.lead": "l"})",
            R"({"greet": "Xin chào {name}, {missing} {", "home.title": "Trang chủ", "home.lead": "Dẫn"})",
            R"({"greet": "Hello {name}{name}", "home.title": "Home", "home.lead": "Lead"})");
  Catalog c(dir);
  EXPECT_EQ(c.format("vi", "greet", {{"name", "Lan"}}), "Xin chào Lan, {missing} {");
  EXPECT_EQ(c.format("en", "greet", {{"name", "Lan"}}), "Hello LanLan");
  EXPECT_EQ(c.format("en", "greet", {}), "Hello {name}{name}");
  EXPECT_EQ(c.get("fr", "greet"), "Xin chào {name}, {missing} {");  // first language
  const std::string& missing = c.get("vi", "no.such.id");
  EXPECT_EQ(missing, "no.such.id");
  EXPECT_EQ(c.get("vi", "another.missing.id"), "another.missing.id");
  EXPECT_EQ(missing, "no.such.id");  // an earlier reference is not overwritten
  const mstch::map& tree = c.tree("en");
  const auto& home = boost::get<mstch::map>(tree.at("home"));
  EXPECT_EQ(boost::get<std::string>(home.at("title")), "Home");
  EXPECT_EQ(boost::get<std::string>(boost::get<mstch::map>(c.tree("fr").at("home")).at("lead")), "Dẫn");
}

// The default logger replaced by one that keeps what it was given, for the test's life.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink_));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;
  std::vector<std::string> lines() const { return sink_->last_formatted(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
};

TEST_F(TempCatalog, AnIdInNoLanguageIsLoggedOnceAndShownAsItself) {
  write_all(R"({"a": "n"})", R"({"a": "x"})", R"({"a": "y"})");
  Catalog c(dir);
  CapturedLog log;
  EXPECT_EQ(c.get("en", "a"), "y");
  EXPECT_EQ(c.get("fr", "a"), "x");
  EXPECT_TRUE(log.lines().empty()) << "a known id, even through the fallback language, logs nothing";
  EXPECT_EQ(c.get("vi", "petitions.error.test_only_missing"), "petitions.error.test_only_missing");
  EXPECT_EQ(c.format("en", "petitions.error.test_only_missing", {}), "petitions.error.test_only_missing");
  EXPECT_EQ(c.get("en", "petitions.error.test_only_missing_2"), "petitions.error.test_only_missing_2");
  const std::vector<std::string> lines = log.lines();
  ASSERT_EQ(lines.size(), 2u) << "once per id";
  EXPECT_NE(lines[0].find("[error]"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("petitions.error.test_only_missing "), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("petitions.error.test_only_missing_2 "), std::string::npos) << lines[1];
  EXPECT_TRUE(c.has("vi", "a"));
  EXPECT_FALSE(c.has("fr", "a"));
  EXPECT_FALSE(c.has("vi", "petitions.error.test_only_missing"));
}

TEST_F(TempCatalog, InvalidCatalogsThrow) {
  struct Case {
    const char* why;
    std::string qqq, vi, en;
  };
  const Case cases[] = {
      {"id missing in en", R"({"a": "n", "b": "n"})", R"({"a": "x", "b": "y"})", R"({"a": "x"})"},
      {"id without note", R"({"a": "n"})", R"({"a": "x", "b": "y"})", R"({"a": "x", "b": "y"})"},
      {"empty note", R"({"a": ""})", R"({"a": "x"})", R"({"a": "x"})"},
      {"note not a string", R"({"a": 1})", R"({"a": "x"})", R"({"a": "x"})"},
      {"text not a string", R"({"a": "n"})", R"({"a": ["x"]})", R"({"a": "x"})"},
      {"bad JSON", R"({"a": "n")", R"({"a": "x"})", R"({"a": "x"})"},
      {"id is also a prefix", R"({"a": "n", "a.b": "n"})", R"({"a": "x", "a.b": "y"})", R"({"a": "x", "a.b": "y"})"},
  };
  for (const auto& c : cases) {
    write_all(c.qqq, c.vi, c.en);
    EXPECT_THROW(Catalog{dir}, std::runtime_error) << c.why;
  }
  fs::remove(dir / "en.json");
  write_all(R"({"a": "n"})", R"({"a": "x"})", R"({"a": "x"})");
  fs::remove(dir / "en.json");
  EXPECT_THROW(Catalog{dir}, std::runtime_error) << "missing file";
}

}  // namespace
}  // namespace tinhso::text
