#include "core/document/chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <charconv>
#include <stdexcept>

#include "core/text/format.h"
#include "core/util/strings.h"

namespace tinhso::document {

namespace {

// Contrast with white: 8.4, 4.9, 5.5, 7.7 : 1.
constexpr std::array<const char*, kMaxChartSeries> kPalette = {"#1d4e89", "#b35806", "#0f766e", "#7b3294"};
constexpr const char* kText = "#1b1b1b";
constexpr const char* kAxis = "#595959";
constexpr const char* kGrid = "#d9d9d9";
constexpr double kFont = 12;
constexpr double kCharWidth = 0.56 * kFont;  // average advance of a sans-serif glyph, for wrapping

std::string escape(const std::string& s) {
  if (!valid_utf8(s)) throw std::invalid_argument("chart: text is not valid UTF-8");
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Coordinates with at most two decimals, whatever the process locale.
std::string num(double v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2).ptr;
  std::string s(buf, end);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Words packed into lines of at most `max_chars` characters (a longer word gets a line of its own).
std::vector<std::string> wrap(const std::string& text, std::size_t max_chars) {
  std::vector<std::string> lines;
  for (std::string_view word : split(text, ' ')) {
    if (word.empty()) continue;
    if (!lines.empty() && utf8_length(lines.back()) + 1 + utf8_length(std::string(word)) <= max_chars)
      lines.back() += " " + std::string(word);
    else
      lines.emplace_back(word);
  }
  return lines;
}

// 1, 2 or 5 times a power of ten, so that about five steps reach `max`.
double nice_step(double max, int fraction_digits) {
  const double raw = max / 5;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const double smallest = std::pow(10.0, -fraction_digits);
  return std::max(step, smallest);
}

void validate(const BarChart& c) {
  if (c.id.empty() || !std::all_of(c.id.begin(), c.id.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
      }))
    throw std::invalid_argument("chart: id must be letters, digits, '-' or '_'");
  if (c.categories.empty()) throw std::invalid_argument("chart: no categories");
  if (c.series.empty() || c.series.size() > kMaxChartSeries) throw std::invalid_argument("chart: 1 to 4 series");
  if (c.width < 200 || c.height < 150) throw std::invalid_argument("chart: smaller than 200 x 150");
  if (c.fraction_digits < 0 || c.fraction_digits > 6) throw std::invalid_argument("chart: fraction digits 0–6");
  for (const ChartSeries& s : c.series) {
    if (s.values.size() != c.categories.size())
      throw std::invalid_argument("chart: series '" + s.name + "' has " + std::to_string(s.values.size()) +
                                  " values for " + std::to_string(c.categories.size()) + " categories");
    for (double v : s.values)
      if (!std::isfinite(v) || v < 0) throw std::invalid_argument("chart: values must be finite and not negative");
  }
}

class Svg {
 public:
  explicit Svg(const BarChart& c) : c_(c) {}

  std::string render() {
    layout();
    out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(c_.width) + " " +
           std::to_string(c_.height) + "\" width=\"" + std::to_string(c_.width) + "\" height=\"" +
           std::to_string(c_.height) + "\" role=\"img\" aria-labelledby=\"" + c_.id + "-title " + c_.id +
           "-desc\" font-family=\"'Noto Sans', sans-serif\" font-size=\"" + num(kFont) + "\" fill=\"" + kText + "\">";
    out_ += "<title id=\"" + c_.id + "-title\">" + escape(c_.title) + "</title>";
    out_ += "<desc id=\"" + c_.id + "-desc\">" + escape(description()) + "</desc>";
    out_ += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>";
    out_ += "<text x=\"" + num(kPad) + "\" y=\"" + num(kPad + 14) + "\" font-size=\"16\" font-weight=\"bold\">" +
            escape(c_.title) + "</text>";
    legend();
    axis();
    bars();
    category_labels();
    out_ += "</svg>";
    return out_;
  }

 private:
  static constexpr double kPad = 8;
  static constexpr double kLineHeight = 15;

  std::string value(double v) const { return text::format_decimal(v, c_.fraction_digits, c_.lang); }

  // "<description> <category>: <series> <value>, <series> <value>; <category>: ..."
  std::string description() const {
    std::string d = c_.description;
    for (std::size_t i = 0; i < c_.categories.size(); ++i) {
      d += (i == 0 ? (d.empty() ? "" : " ") : "; ") + c_.categories[i] + ":";
      for (std::size_t s = 0; s < c_.series.size(); ++s)
        d += (s == 0 ? " " : ", ") + (c_.series.size() > 1 ? c_.series[s].name + " " : "") + value(c_.series[s].values[i]);
    }
    return d;
  }

  void layout() {
    double top = 0;
    for (std::size_t i = 0; i < c_.categories.size(); ++i) {
      double sum = 0;
      for (const ChartSeries& s : c_.series) {
        top = std::max(top, s.values[i]);
        sum += s.values[i];
      }
      if (c_.stacked) top = std::max(top, sum);
    }
    step_ = top > 0 ? nice_step(top, c_.fraction_digits) : 1;
    max_ = std::max(step_, std::ceil(top / step_ - 1e-9) * step_);

    legend_rows_ = legend_entries();
    plot_top_ = kPad + 30 + static_cast<double>(legend_rows_.size()) * kLineHeight + 10;
    std::size_t label_w = 0;
    for (int i = 0; i <= ticks(); ++i) label_w = std::max(label_w, utf8_length(value(step_ * i)));
    plot_left_ = kPad + static_cast<double>(label_w) * kCharWidth + 8;
    plot_right_ = c_.width - kPad;
    band_ = (plot_right_ - plot_left_) / static_cast<double>(c_.categories.size());
    const auto chars = static_cast<std::size_t>(std::max(1.0, (band_ - 4) / kCharWidth));
    std::size_t lines = 1;
    for (const std::string& cat : c_.categories) {
      labels_.push_back(wrap(cat, chars));
      lines = std::max(lines, labels_.back().size());
    }
    plot_bottom_ = c_.height - kPad - static_cast<double>(lines) * kLineHeight - 4;
    if (plot_bottom_ - plot_top_ < 40) throw std::invalid_argument("chart: too small for its legend and labels");
  }

  // Legend entries packed into rows across the width: (first series, end) per row.
  std::vector<std::pair<std::size_t, std::size_t>> legend_entries() const {
    std::vector<std::pair<std::size_t, std::size_t>> rows;
    if (c_.series.size() < 2) return rows;
    double x = kPad;
    for (std::size_t s = 0; s < c_.series.size(); ++s) {
      const double w = 18 + static_cast<double>(utf8_length(c_.series[s].name)) * kCharWidth + 16;
      if (rows.empty() || x + w > c_.width - kPad) {
        rows.push_back({s, s + 1});
        x = kPad + w;
      } else {
        rows.back().second = s + 1;
        x += w;
      }
    }
    return rows;
  }

  void legend() {
    for (std::size_t r = 0; r < legend_rows_.size(); ++r) {
      const double y = kPad + 30 + static_cast<double>(r) * kLineHeight;
      double x = kPad;
      for (std::size_t s = legend_rows_[r].first; s < legend_rows_[r].second; ++s) {
        out_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"12\" height=\"12\" fill=\"" + kPalette[s] + "\"/>";
        out_ += "<text x=\"" + num(x + 18) + "\" y=\"" + num(y + 10.5) + "\">" + escape(c_.series[s].name) + "</text>";
        x += 18 + static_cast<double>(utf8_length(c_.series[s].name)) * kCharWidth + 16;
      }
    }
  }

  int ticks() const { return static_cast<int>(std::lround(max_ / step_)); }

  double y_of(double v) const { return plot_bottom_ - (plot_bottom_ - plot_top_) * v / max_; }

  void axis() {
    out_ += "<g aria-hidden=\"true\">";
    for (int i = 0; i <= ticks(); ++i) {
      const double v = step_ * i, y = y_of(v);
      out_ += "<line x1=\"" + num(plot_left_) + "\" x2=\"" + num(plot_right_) + "\" y1=\"" + num(y) + "\" y2=\"" +
              num(y) + "\" stroke=\"" + (i == 0 ? kAxis : kGrid) + "\"/>";
      out_ += "<text x=\"" + num(plot_left_ - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
              escape(value(v)) + "</text>";
    }
    out_ += "</g>";
  }

  void bar(double x, double w, double from, double to, std::size_t s, std::size_t cat) {
    const double y0 = y_of(to), y1 = y_of(from);
    out_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y0) + "\" width=\"" + num(w) + "\" height=\"" + num(y1 - y0) +
            "\" fill=\"" + kPalette[s] + "\"" + (c_.stacked ? " stroke=\"#fff\" stroke-width=\"1\"" : "") + "><title>" +
            escape(c_.categories[cat] + (c_.series.size() > 1 ? ", " + c_.series[s].name : "") + ": " +
                   value(c_.series[s].values[cat])) +
            "</title></rect>";
  }

  void bars() {
    out_ += "<g>";
    const std::size_t n = c_.series.size();
    for (std::size_t cat = 0; cat < c_.categories.size(); ++cat) {
      const double x0 = plot_left_ + band_ * static_cast<double>(cat);
      if (c_.stacked) {
        double base = 0;
        for (std::size_t s = 0; s < n; ++s) {
          const double v = c_.series[s].values[cat];
          if (v > 0) bar(x0 + band_ * 0.2, band_ * 0.6, base, base + v, s, cat);
          base += v;
        }
      } else {
        const double w = band_ * 0.8 / static_cast<double>(n);
        for (std::size_t s = 0; s < n; ++s)
          bar(x0 + band_ * 0.1 + w * static_cast<double>(s) + 1, std::max(w - 2, 1.0), 0, c_.series[s].values[cat], s, cat);
      }
    }
    out_ += "</g>";
  }

  void category_labels() {
    out_ += "<g aria-hidden=\"true\" text-anchor=\"middle\">";
    for (std::size_t cat = 0; cat < labels_.size(); ++cat) {
      const double x = plot_left_ + band_ * (static_cast<double>(cat) + 0.5);
      out_ += "<text x=\"" + num(x) + "\" y=\"" + num(plot_bottom_ + 16) + "\">";
      for (std::size_t l = 0; l < labels_[cat].size(); ++l)
        out_ += "<tspan x=\"" + num(x) + "\"" + (l ? " dy=\"" + num(kLineHeight) + "\"" : "") + ">" +
                escape(labels_[cat][l]) + "</tspan>";
      out_ += "</text>";
    }
    out_ += "</g>";
  }

  const BarChart& c_;
  std::string out_;
  std::vector<std::pair<std::size_t, std::size_t>> legend_rows_;
  std::vector<std::vector<std::string>> labels_;
  double step_ = 1, max_ = 1;
  double plot_left_ = 0, plot_right_ = 0, plot_top_ = 0, plot_bottom_ = 0, band_ = 0;
};

}  // namespace

std::string render_svg(const BarChart& chart) {
  validate(chart);
  return Svg(chart).render();
}

}  // namespace tinhso::document
