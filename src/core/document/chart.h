#pragma once
// Bar charts for statistics pages as inline SVG: no script, no external resource. The chart is
// an image with a text alternative (WCAG 2.1 1.1.1): role="img", labelled by its <title> and a
// <desc> that states every value, so a screen reader gets the data the bars show. Each bar also
// carries its own <title>. Colours have at least 4.8:1 contrast with the white background and
// bars are separated by white gaps (WCAG 1.4.11). Every word comes from the caller.
#include <cstddef>
#include <string>
#include <vector>

namespace tinhso::document {

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per category, ≥ 0
};

struct BarChart {
  std::string id;           // prefix of the element ids; unique on the page; [A-Za-z0-9_-]
  std::string title;        // shown above the chart and used as its accessible name
  std::string description;  // a sentence leading the <desc>, e.g. what is counted and when
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;  // 1–4; with one series the legend is left out
  bool stacked = false;             // false: bars side by side per category
  std::string lang = "vi";          // number format of the axis and the values (text::format_decimal)
  int fraction_digits = 0;
  int width = 640;
  int height = 360;
};

inline constexpr std::size_t kMaxChartSeries = 4;

// The <svg> element (no XML declaration). Text is XML-escaped. Throws std::invalid_argument for
// no categories, 0 or more than kMaxChartSeries series, a series whose length differs from the
// categories, a negative or non-finite value, a bad id, text that is not valid UTF-8, or a size
// under 200 × 150.
std::string render_svg(const BarChart& chart);

}  // namespace tinhso::document
