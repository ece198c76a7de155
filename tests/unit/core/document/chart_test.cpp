// core/document/chart: the SVG is well-formed XML (python3's ElementTree), escapes text, is an
// image labelled by its title with every value in its description, and refuses bad input.
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "core/document/chart.h"
#include "document_tools.h"
#include "temp_dir.h"

namespace tinhso::document {
namespace {

// Parses the file and prints the root's role, then the number of bars, <text> and <script>.
constexpr const char* kParse = R"PY(
import sys, xml.etree.ElementTree as ET
svg = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
print(root.tag == svg + 'svg', root.get('role'), root.get('aria-labelledby'))
print(root.find(svg + 'title').text)
print(root.find(svg + 'desc').text)
print(len([r for r in root.iter(svg + 'rect') if r.find(svg + 'title') is not None]), len(list(root.iter(svg + 'script'))))
)PY";

BarChart by_field(bool stacked, std::size_t series) {
  BarChart c;
  c.id = "chart-1";
  c.title = "Hồ sơ <theo lĩnh vực> & kết quả";
  c.description = "Số hồ sơ đã giải quyết trong năm 2026.";
  c.categories = {"Xây dựng", "Đất đai", "Hộ tịch", "Tư pháp – chứng thực bản sao"};
  const std::vector<ChartSeries> all = {{"Đúng hạn", {1234, 87, 5, 0}},
                                        {"Trễ hạn", {12, 3, 0, 1}},
                                        {"Đang xử lý", {40, 2, 1, 0}},
                                        {"Rút hồ sơ", {1, 0, 0, 2}}};
  c.series.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(series));
  c.stacked = stacked;
  return c;
}

struct Case {
  bool stacked;
  std::size_t series;
  std::vector<std::string> in_desc;
  std::size_t bars;  // rectangles with a <title>: zero-height stacked segments are left out
};

const Case kCases[] = {
    {false, 1, {"Xây dựng: 1.234", "Đất đai: 87", "Tư pháp – chứng thực bản sao: 0"}, 4},
    {false, 2, {"Xây dựng: Đúng hạn 1.234, Trễ hạn 12", "Hộ tịch: Đúng hạn 5, Trễ hạn 0"}, 8},
    {true, 4,
     {"Xây dựng: Đúng hạn 1.234, Trễ hạn 12, Đang xử lý 40, Rút hồ sơ 1",
      "Tư pháp – chứng thực bản sao: Đúng hạn 0, Trễ hạn 1, Đang xử lý 0, Rút hồ sơ 2"},
     11},
};

TEST(Chart, WellFormedAccessibleAndComplete) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 not installed";
  test::TempDir dir("tinhso-chart-test");
  test::write_file(dir.path() / "parse.py", kParse);
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::to_string(c.series) + (c.stacked ? " stacked" : " grouped"));
    const std::string svg = render_svg(by_field(c.stacked, c.series));
    EXPECT_NE(svg.find("Hồ sơ &lt;theo lĩnh vực&gt; &amp; kết quả"), std::string::npos);
    EXPECT_EQ(svg.find("<theo"), std::string::npos);
    test::write_file(dir.path() / "chart.svg", svg);
    const test::Output out =
        test::run("python3 " + test::quote(dir.path() / "parse.py") + " " + test::quote(dir.path() / "chart.svg"));
    ASSERT_EQ(out.status, 0) << svg;
    EXPECT_NE(out.text.find("True img chart-1-title chart-1-desc\nHồ sơ <theo lĩnh vực> & kết quả\n"
                            "Số hồ sơ đã giải quyết trong năm 2026. Xây dựng:"),
              std::string::npos)
        << out.text;
    for (const std::string& want : c.in_desc) EXPECT_NE(out.text.find(want), std::string::npos) << want << "\n" << out.text;
    EXPECT_NE(out.text.find("\n" + std::to_string(c.bars) + " 0\n"), std::string::npos) << out.text;
    EXPECT_EQ(svg.find(">Trễ hạn</text>") != std::string::npos, c.series > 1) << "legend only with several series";
  }
}

TEST(Chart, AxisTicksAreRoundNumbersInTheLanguage) {
  BarChart c = by_field(false, 1);
  c.series[0].values = {47, 3, 0, 12};
  std::string svg = render_svg(c);
  for (const char* tick : {">0</text>", ">10</text>", ">50</text>"}) EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  EXPECT_EQ(svg.find(">60</text>"), std::string::npos);

  c.series[0].values = {1234.5, 0, 0, 0};
  c.fraction_digits = 1;
  c.lang = "en";
  svg = render_svg(c);
  EXPECT_NE(svg.find("Xây dựng: 1,234.5"), std::string::npos);
  EXPECT_NE(svg.find(">1,500.0</text>"), std::string::npos);

  c.series[0].values = {0, 0, 0, 0};
  EXPECT_NE(render_svg(c).find(">1.0</text>"), std::string::npos) << "all zero: one step up to 1";
}

struct BadCase {
  const char* name;
  void (*spoil)(BarChart&);
};

const BadCase kBad[] = {
    {"no categories", [](BarChart& c) { c.categories.clear(); }},
    {"no series", [](BarChart& c) { c.series.clear(); }},
    {"five series", [](BarChart& c) { c.series.resize(5, c.series[0]); }},
    {"series shorter than categories", [](BarChart& c) { c.series[1].values.pop_back(); }},
    {"negative value", [](BarChart& c) { c.series[0].values[0] = -1; }},
    {"NaN", [](BarChart& c) { c.series[0].values[0] = std::numeric_limits<double>::quiet_NaN(); }},
    {"id with a quote", [](BarChart& c) { c.id = "a\"b"; }},
    {"empty id", [](BarChart& c) { c.id.clear(); }},
    {"invalid UTF-8 title", [](BarChart& c) { c.title = "\xE1\xBB"; }},
    {"invalid UTF-8 category", [](BarChart& c) { c.categories[0] = "\xFF"; }},
    {"too small", [](BarChart& c) { c.width = 100; }},
};

TEST(Chart, RefusesBadInput) {
  for (const BadCase& c : kBad) {
    BarChart chart = by_field(true, 4);
    c.spoil(chart);
    EXPECT_THROW(render_svg(chart), std::invalid_argument) << c.name;
  }
}

}  // namespace
}  // namespace tinhso::document
