#include "core/document/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <stdexcept>
#include <tuple>

#include "core/document/qr.h"
#include "core/util/strings.h"

namespace tinhso::document {

namespace {

constexpr double kA4Width = 595.2756;  // 210 mm in points
constexpr double kA4Height = 841.8898;  // 297 mm
constexpr double kCellPaddingMm = 1.5;
constexpr double kBlockGapPt = 6;  // Decree 30/2020/NĐ-CP Appendix I: at least 6 pt between paragraphs
constexpr double kBorderPt = 0.5;

double mm(double v) { return v * 72.0 / 25.4; }
double page_width(const Document& doc) { return doc.landscape ? kA4Height : kA4Width; }
double page_height(const Document& doc) { return doc.landscape ? kA4Width : kA4Height; }
double pt(int pango_units) { return pango_units / static_cast<double>(PANGO_SCALE); }

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using CairoPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

// fontconfig loads its configuration on first use; do it once, before any thread races to it.
void init_fontconfig() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!FcInit()) throw std::runtime_error("document: fontconfig could not load its configuration");
  });
}

void check_text(const std::string& s) {
  if (!valid_utf8(s)) throw std::invalid_argument("document: text is not valid UTF-8");
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo's metadata dates are ISO-8601 (it converts them to PDF's D:YYYYMMDDHHmmSS form).
std::string iso8601_utc(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Table cells set without a PangoLayout each: a consultation report of 100,000 comments has half
// a million cells (issue 18), and a layout took ≈0.2 ms to itemise, shape and break a cell of 350
// characters. Here each distinct word is shaped once and kept; lines break greedily at spaces as
// pango's do, a word wider than the cell between its clusters; a cell is drawn with one
// cairo_show_text_glyphs call, its text passed with the glyphs so that it extracts as written.
// Only text that pango would set alike takes this path: every word in the style's own font, no
// tab, control, bidirectional or special space character; set() refuses anything else and the
// caller uses a layout. Figures: bench/consultations_report_bench.cpp.
class CellSetter {
 public:
  // A cell's glyphs, positioned from its top left corner, with its text.
  struct Set {
    std::vector<cairo_glyph_t> glyphs;
    std::vector<cairo_text_cluster_t> clusters;
    std::string utf8;
    double height = 0;
  };

  CellSetter(PangoContext* pango, PangoFontDescription* fd, double line_spacing) : pango_(pango), attrs_(pango_attr_list_new()) {
    pango_attr_list_insert(attrs_, pango_attr_font_desc_new(fd));
    font_ = pango_context_load_font(pango_, fd);
    if (font_) {
      described_ = pango_font_describe(font_);
      scaled_ = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font_));
    }
    LayoutPtr two(pango_layout_new(pango_));
    pango_layout_set_font_description(two.get(), fd);
    pango_layout_set_line_spacing(two.get(), static_cast<float>(line_spacing));
    pango_layout_set_text(two.get(), "X\nX", -1);
    std::unique_ptr<PangoLayoutIter, decltype(&pango_layout_iter_free)> it(pango_layout_get_iter(two.get()),
                                                                          pango_layout_iter_free);
    PangoRectangle first;
    pango_layout_iter_get_line_extents(it.get(), nullptr, &first);
    baseline_ = pt(pango_layout_iter_get_baseline(it.get()));
    first_height_ = pt(first.y + first.height);
    pango_layout_iter_next_line(it.get());
    pitch_ = pt(pango_layout_iter_get_baseline(it.get())) - baseline_;
  }
  ~CellSetter() {
    pango_attr_list_unref(attrs_);
    if (described_) pango_font_description_free(described_);
    if (font_) g_object_unref(font_);
  }
  CellSetter(const CellSetter&) = delete;
  CellSetter& operator=(const CellSetter&) = delete;

  // Lays `text` out in `width` points; false (and `out` unusable) if it needs a PangoLayout.
  bool set(std::string_view text, double width, Align align, Set& out) {
    if (!scaled_ || align == Align::justify || !plain(text)) return false;
    if (words_.size() > kMaxWords) words_.clear();
    out.glyphs.clear();
    out.clusters.clear();
    out.utf8.clear();
    Lines lines{out, pango_units_from_double(std::max(width, 1.0)), align, baseline_, pitch_};
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      if (!paragraph(text.substr(start, end - start), lines)) return false;
      lines.end_line();
      if (end == text.size()) break;
      start = end + 1;
    }
    out.height = first_height_ + (lines.count - 1) * pitch_;
    return true;
  }

  void show(cairo_t* cr, const Set& s, double x, double y) {
    if (s.glyphs.empty()) return;
    scratch_.assign(s.glyphs.begin(), s.glyphs.end());
    for (cairo_glyph_t& g : scratch_) {
      g.x += x;
      g.y += y;
    }
    cairo_set_scaled_font(cr, scaled_);
    cairo_show_text_glyphs(cr, s.utf8.data(), static_cast<int>(s.utf8.size()), scratch_.data(),
                           static_cast<int>(scratch_.size()), s.clusters.data(), static_cast<int>(s.clusters.size()),
                           static_cast<cairo_text_cluster_flags_t>(0));
  }

 private:
  static constexpr std::size_t kMaxWords = 200000;  // bounds the memory an adversarial text can take

  struct Word {
    std::vector<cairo_glyph_t> glyphs;  // x from the word's start, y from the baseline
    std::vector<cairo_text_cluster_t> clusters;
    std::vector<int> cluster_x;  // pango units: where each cluster starts, then the word's width
    bool ok = false;
    int width() const { return cluster_x.back(); }
  };

  // The lines of a cell under construction.
  struct Lines {
    Set& out;
    int width;
    Align align;
    double baseline, pitch;
    int count = 0;
    int pen = 0;  // pango units from the line's start
    std::size_t line_glyphs = 0;  // the line's first glyph in out.glyphs
    bool empty = true;

    // Appends clusters [from, to) of `w` (whose text is `text`) at the pen.
    void add(const Word& w, std::string_view text, std::size_t from, std::size_t to) {
      const double y = baseline + count * pitch;
      const int x0 = pen - w.cluster_x[from];
      std::size_t glyph = 0, byte = 0;
      for (std::size_t c = 0; c < to; ++c) {
        const cairo_text_cluster_t& cl = w.clusters[c];
        if (c >= from) {
          for (int g = 0; g < cl.num_glyphs; ++g) {
            cairo_glyph_t out_glyph = w.glyphs[glyph + static_cast<std::size_t>(g)];
            out_glyph.x += pt(x0);
            out_glyph.y += y;
            out.glyphs.push_back(out_glyph);
          }
          out.clusters.push_back(cl);
          out.utf8.append(text.substr(byte, static_cast<std::size_t>(cl.num_bytes)));
        }
        glyph += static_cast<std::size_t>(cl.num_glyphs);
        byte += static_cast<std::size_t>(cl.num_bytes);
      }
      pen += w.cluster_x[to] - w.cluster_x[from];
      empty = false;
    }

    void end_line() {
      const double shift = align == Align::right ? pt(width - pen) : align == Align::center ? pt(width - pen) / 2 : 0;
      if (shift > 0)
        for (std::size_t g = line_glyphs; g < out.glyphs.size(); ++g) out.glyphs[g].x += shift;
      ++count;
      pen = 0;
      line_glyphs = out.glyphs.size();
      empty = true;
    }
  };

  // Text pango would set the same way: no control character but the line feed, no soft hyphen,
  // no special space, zero-width or bidirectional mark, no byte order mark.
  static bool plain(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {
        if ((b < 0x20 && b != '\n') || b == 0x7F) return false;
        ++i;
        continue;
      }
      const std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) return false;
      char32_t cp = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      if (cp < 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
          (cp >= 0x205F && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB))
        return false;
      i += n;
    }
    return true;
  }

  // One paragraph (no line feed) into `lines`; false if a word is not in the style's font.
  bool paragraph(std::string_view p, Lines& lines) {
    std::string_view spaces;
    for (std::size_t i = 0; i < p.size();) {
      std::size_t j = i;
      if (p[i] == ' ') {
        while (j < p.size() && p[j] == ' ') ++j;
        spaces = p.substr(i, j - i);
        i = j;
        continue;
      }
      while (j < p.size() && p[j] != ' ') ++j;
      const std::string_view word = p.substr(i, j - i);
      i = j;
      const int space_w = spaces.empty() ? 0 : shape(spaces).width();
      const Word& w = shape(word);
      if (!w.ok) return false;
      if (lines.pen + space_w + w.width() <= lines.width) {
        if (!spaces.empty()) {
          const Word& sp = shape(spaces);
          if (!sp.ok) return false;
          lines.add(sp, spaces, 0, sp.clusters.size());
        }
        lines.add(shape(word), word, 0, w.clusters.size());
      } else {
        if (!lines.empty) lines.end_line();
        const Word& again = shape(word);
        if (again.width() <= lines.width) {
          lines.add(again, word, 0, again.clusters.size());
        } else {
          // Wider than the cell: broken between clusters, at least one on each line.
          std::size_t from = 0;
          while (from < again.clusters.size()) {
            std::size_t to = from + 1;
            while (to < again.clusters.size() && again.cluster_x[to + 1] - again.cluster_x[from] <= lines.width) ++to;
            lines.add(again, word, from, to);
            from = to;
            if (from < again.clusters.size()) lines.end_line();
          }
        }
      }
      spaces = {};
    }
    return true;
  }

  // The shaped word, from the cache or shaped now. A reference into the cache: valid until the
  // next set().
  const Word& shape(std::string_view text) {
    if (auto it = words_.find(text); it != words_.end()) return it->second;
    Word w;
    GList* items = pango_itemize(pango_, text.data(), 0, static_cast<int>(text.size()), attrs_, nullptr);
    if (items && !items->next) {
      auto* item = static_cast<PangoItem*>(items->data);
      PangoFontDescription* got = item->analysis.font ? pango_font_describe(item->analysis.font) : nullptr;
      if (got && pango_font_description_equal(got, described_) && item->analysis.level % 2 == 0) {
        PangoGlyphString* gs = pango_glyph_string_new();
        pango_shape_with_flags(text.data(), static_cast<int>(text.size()), text.data(), static_cast<int>(text.size()),
                               &item->analysis, gs, PANGO_SHAPE_NONE);
        w.ok = gs->num_glyphs > 0 && gs->log_clusters[0] == 0;
        std::vector<int> starts;  // byte where each cluster starts: increasing, left to right only
        int x = 0;
        for (int g = 0; g < gs->num_glyphs; ++g) {
          const PangoGlyphInfo& info = gs->glyphs[g];
          if (info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) w.ok = false;
          if (g == 0 || gs->log_clusters[g] != gs->log_clusters[g - 1]) {
            if (!starts.empty() && gs->log_clusters[g] <= starts.back()) w.ok = false;
            starts.push_back(gs->log_clusters[g]);
            w.clusters.push_back({0, 0});
            w.cluster_x.push_back(x);
          }
          ++w.clusters.back().num_glyphs;
          w.glyphs.push_back({info.glyph, pt(x + info.geometry.x_offset), pt(info.geometry.y_offset)});
          x += info.geometry.width;
        }
        w.cluster_x.push_back(x);
        for (std::size_t c = 0; c < starts.size(); ++c)
          w.clusters[c].num_bytes = (c + 1 < starts.size() ? starts[c + 1] : static_cast<int>(text.size())) - starts[c];
        pango_glyph_string_free(gs);
      }
      if (got) pango_font_description_free(got);
    }
    g_list_free_full(items, reinterpret_cast<GDestroyNotify>(pango_item_free));
    return words_.emplace(std::string(text), std::move(w)).first->second;
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  PangoContext* pango_;
  PangoAttrList* attrs_;
  PangoFont* font_ = nullptr;
  PangoFontDescription* described_ = nullptr;
  cairo_scaled_font_t* scaled_ = nullptr;
  double baseline_ = 0, first_height_ = 0, pitch_ = 0;
  std::unordered_map<std::string, Word, Hash, std::equal_to<>> words_;
  std::vector<cairo_glyph_t> scratch_;
};

class Renderer {
 public:
  Renderer(const Document& doc, cairo_t* cr, PangoContext* pango)
      : doc_(doc),
        cr_(cr),
        pango_(pango),
        left_(mm(doc.margins.left_mm)),
        width_(page_width(doc) - mm(doc.margins.left_mm) - mm(doc.margins.right_mm)),
        top_(mm(doc.margins.top_mm)),
        bottom_(page_height(doc) - mm(doc.margins.bottom_mm)),
        y_(top_) {
    check_font();
    line_height_ = height(layout(" ", {}, width_).get());
  }

  void render() {
    for (const Block& b : doc_.blocks) std::visit([this](const auto& block) { draw(block); }, b);
  }

 private:
  double size_of(const Style& s) const { return s.size_pt > 0 ? s.size_pt : doc_.font_size_pt; }

  PangoFontDescription* font(const Style& s) const {
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, doc_.font_family.c_str());
    pango_font_description_set_size(fd, pango_units_from_double(size_of(s)));
    pango_font_description_set_weight(fd, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, s.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return fd;
  }

  // fontconfig substitutes silently; a missing family would print in some other face.
  void check_font() const {
    PangoFontDescription* fd = font({});
    PangoFont* f = pango_context_load_font(pango_, fd);
    pango_font_description_free(fd);
    std::string family;
    if (f) {
      PangoFontDescription* got = pango_font_describe(f);
      if (const char* name = pango_font_description_get_family(got)) family = name;
      pango_font_description_free(got);
      g_object_unref(f);
    }
    if (!iequals(family, doc_.font_family))
      throw std::invalid_argument("document: font '" + doc_.font_family + "' is not installed (fonts-noto-core)");
  }

  LayoutPtr layout(const std::string& text, const Style& s, double width) const {
    check_text(text);
    LayoutPtr l(pango_layout_new(pango_));
    PangoFontDescription* fd = font(s);
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l.get(), pango_units_from_double(std::max(width, 1.0)));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l.get(), static_cast<float>(doc_.line_spacing));
    switch (s.align) {
      case Align::left: pango_layout_set_alignment(l.get(), PANGO_ALIGN_LEFT); break;
      case Align::center: pango_layout_set_alignment(l.get(), PANGO_ALIGN_CENTER); break;
      case Align::right: pango_layout_set_alignment(l.get(), PANGO_ALIGN_RIGHT); break;
      case Align::justify: pango_layout_set_justify(l.get(), TRUE); break;
    }
    if (s.underline) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
      pango_layout_set_attributes(l.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    return l;
  }

  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return pt(h);
  }

  void show(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  bool at_top() const { return y_ <= top_; }

  void new_page() {
    cairo_show_page(cr_);
    ++page_;
    y_ = top_;
    if (!doc_.page_numbers) return;
    // Decree 30/2020/NĐ-CP Appendix I: pages numbered from the second, centred in the top margin.
    LayoutPtr n = layout(std::to_string(page_), {.align = Align::center}, width_);
    show(n.get(), left_, (top_ - height(n.get())) / 2);
  }

  // Makes room for an unsplittable block of height `h`.
  void keep_together(double h) {
    if (h > bottom_ - top_) throw std::invalid_argument("document: a block is taller than a page");
    if (y_ + h > bottom_) new_page();
  }

  void gap(double h) { y_ = std::min(y_ + h, bottom_); }

  // Draws `l` line by line from the cursor at `x`, moving to a new page when a line does not fit.
  // `marker`, if any, goes on the first line's baseline at `marker_x`.
  void flow(PangoLayout* l, double x, PangoLayout* marker = nullptr, double marker_x = 0) {
    std::unique_ptr<PangoLayoutIter, decltype(&pango_layout_iter_free)> it(pango_layout_get_iter(l),
                                                                          pango_layout_iter_free);
    double origin = y_;  // where the layout's top is on this page
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
      double line_top = origin + pt(logical.y);
      const double line_h = pt(logical.height);
      if (line_top + line_h > bottom_) {
        if (line_h > bottom_ - top_) throw std::invalid_argument("document: a line is taller than a page");
        new_page();
        origin = top_ - pt(logical.y);
        line_top = top_;
      }
      const double baseline = origin + pt(pango_layout_iter_get_baseline(it.get()));
      cairo_move_to(cr_, x + pt(logical.x), baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it.get()));
      if (first && marker) {
        cairo_move_to(cr_, marker_x, baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_get_line_readonly(marker, 0));
      }
      first = false;
      y_ = line_top + line_h;
    } while (pango_layout_iter_next_line(it.get()));
  }

  // Lines stacked and centred in a column; returns the layouts and their total height.
  std::vector<LayoutPtr> column(const std::vector<Line>& lines, double width, double& total) const {
    std::vector<LayoutPtr> out;
    total = 0;
    for (const Line& line : lines) {
      Style s = line.style;
      s.align = Align::center;
      out.push_back(layout(line.text, s, width));
      total += height(out.back().get());
    }
    return out;
  }

  void show_column(const std::vector<LayoutPtr>& lines, double x, double y) {
    for (const LayoutPtr& l : lines) {
      show(l.get(), x, y);
      y += height(l.get());
    }
  }

  void draw(const Header& h) {
    const double lw = width_ * std::clamp(h.left_fraction, 0.1, 0.9), rw = width_ - lw;
    double lh = 0, rh = 0;
    auto left = column(h.left, lw, lh);
    auto right = column(h.right, rw, rh);
    keep_together(std::max(lh, rh));
    show_column(left, left_, y_);
    show_column(right, left_ + lw, y_);
    gap(std::max(lh, rh) + line_height_);
  }

  void draw(const Title& t) {
    LayoutPtr title = layout(t.text, {.bold = true, .size_pt = doc_.font_size_pt + 1, .align = Align::center}, width_);
    LayoutPtr sub;
    double h = height(title.get());
    if (!t.subtitle.empty()) {
      sub = layout(t.subtitle, {.italic = true, .align = Align::center}, width_);
      h += height(sub.get());
    }
    keep_together(std::min(h + 3 * line_height_, bottom_ - top_));
    show(title.get(), left_, y_);
    if (sub) show(sub.get(), left_, y_ + height(title.get()));
    gap(h + kBlockGapPt);
  }

  void draw(const Paragraph& p) {
    LayoutPtr l = layout(p.text, p.style, width_);
    pango_layout_set_indent(l.get(), pango_units_from_double(mm(p.first_line_indent_mm)));
    flow(l.get(), left_);
    gap(kBlockGapPt);
  }

  void draw(const KeyValueTable& t) {
    const double pad = mm(kCellPaddingMm);
    const double kw = width_ * std::clamp(t.key_fraction, 0.1, 0.9), vw = width_ - kw;
    cairo_set_line_width(cr_, kBorderPt);
    for (const auto& [key, value] : t.rows) {
      LayoutPtr k = layout(key, t.key_style, kw - 2 * pad);
      LayoutPtr v = layout(value, t.value_style, vw - 2 * pad);
      const double row_h = std::max(height(k.get()), height(v.get())) + 2 * pad;
      keep_together(row_h);
      cairo_rectangle(cr_, left_, y_, kw, row_h);
      cairo_rectangle(cr_, left_ + kw, y_, vw, row_h);
      cairo_stroke(cr_);
      show(k.get(), left_ + pad, y_ + pad);
      show(v.get(), left_ + kw + pad, y_ + pad);
      y_ += row_h;
    }
    gap(kBlockGapPt);
  }

  // A table cell: set by a CellSetter where it can, else by a layout.
  struct Cell {
    CellSetter* setter = nullptr;
    CellSetter::Set set;
    LayoutPtr layout;
  };

  // Lays `text` out in `cell`; its height. Text that is not valid UTF-8 is refused by layout()
  // (CellSetter::set does not take it).
  double cell(const std::string& text, const Style& s, double width, Cell& cell) {
    if (!s.underline && s.align != Align::justify) {
      auto& setter = setters_[{s.bold, s.italic, size_of(s)}];
      if (!setter) {
        PangoFontDescription* fd = font(s);
        setter = std::make_unique<CellSetter>(pango_, fd, doc_.line_spacing);
        pango_font_description_free(fd);
      }
      if (setter->set(text, width, s.align, cell.set)) {
        cell.setter = setter.get();
        return cell.set.height;
      }
    }
    cell.layout = layout(text, s, width);
    return height(cell.layout.get());
  }

  void draw(const Table& t) {
    const std::size_t n = t.header.size();
    if (n == 0 || (!t.widths.empty() && t.widths.size() != n) || (!t.align.empty() && t.align.size() != n))
      throw std::invalid_argument("document: a table's widths or alignments do not match its header");
    double total = 0;
    for (std::size_t c = 0; c < n; ++c) total += t.widths.empty() ? 1.0 : std::max(t.widths[c], 0.01);
    std::vector<double> w(n);
    for (std::size_t c = 0; c < n; ++c) w[c] = width_ * (t.widths.empty() ? 1.0 : std::max(t.widths[c], 0.01)) / total;
    const double pad = mm(kCellPaddingMm);
    const double size = t.size_pt > 0 ? t.size_pt : doc_.font_size_pt - 2;
    auto cells = [&](const std::vector<std::string>& texts, bool bold, double& h) {
      if (texts.size() != n) throw std::invalid_argument("document: a table row's cells do not match its header");
      std::vector<Cell> out(n);
      h = 0;
      for (std::size_t c = 0; c < n; ++c) {
        Style st{.bold = bold, .size_pt = size, .align = t.align.empty() ? Align::left : t.align[c]};
        h = std::max(h, cell(texts[c], st, w[c] - 2 * pad, out[c]) + 2 * pad);
      }
      return out;
    };
    auto show_row = [&](std::vector<Cell>& row, double h, bool shaded) {
      double x = left_;
      for (std::size_t c = 0; c < n; ++c) {
        if (shaded) {
          cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
          cairo_rectangle(cr_, x, y_, w[c], h);
          cairo_fill(cr_);
          cairo_set_source_rgb(cr_, 0, 0, 0);
        }
        cairo_rectangle(cr_, x, y_, w[c], h);
        cairo_stroke(cr_);
        if (row[c].setter)
          row[c].setter->show(cr_, row[c].set, x + pad, y_ + pad);
        else
          show(row[c].layout.get(), x + pad, y_ + pad);
        x += w[c];
      }
      y_ += h;
    };
    double head_h = 0;
    auto head = cells(t.header, true, head_h);
    cairo_set_line_width(cr_, kBorderPt);
    bool head_shown = false;
    for (const auto& r : t.rows) {
      double h = 0;
      auto row = cells(r, false, h);
      if (head_h + h > bottom_ - top_) throw std::invalid_argument("document: a table row is taller than a page");
      if (!head_shown || y_ + h > bottom_) {
        keep_together(head_h + h);
        show_row(head, head_h, true);
        head_shown = true;
      }
      show_row(row, h, false);
    }
    if (!head_shown) {
      keep_together(head_h);
      show_row(head, head_h, true);
    }
    gap(kBlockGapPt);
  }

  void draw(const List& list) {
    const double indent = mm(list.numbered ? 9 : 6);
    int n = 0;
    for (const std::string& item : list.items) {
      LayoutPtr marker = layout(list.numbered ? std::to_string(++n) + "." : "\u2013", {}, indent);
      pango_layout_set_width(marker.get(), -1);  // one line, however wide
      LayoutPtr l = layout(item, {}, width_ - indent);
      flow(l.get(), left_ + indent, marker.get(), left_);
      gap(kBlockGapPt / 2);
    }
    gap(kBlockGapPt / 2);
  }

  void draw(const Signatures& s) {
    if (s.signers.empty()) return;
    const double col = s.signers.size() == 1 ? width_ / 2 : width_ / static_cast<double>(s.signers.size());
    const double x0 = s.signers.size() == 1 ? left_ + width_ / 2 : left_;
    struct Column {
      std::vector<LayoutPtr> above, name;
      double above_h = 0, name_h = 0;
    };
    std::vector<Column> cols;
    double total = 0;
    for (const Signer& signer : s.signers) {
      std::vector<Line> above;
      if (!signer.role.empty()) above.push_back({signer.role, {.bold = true}});
      if (!signer.note.empty()) above.push_back({signer.note, {.italic = true}});
      Column c;
      c.above = column(above, col, c.above_h);
      if (!signer.name.empty()) c.name = column({{signer.name, {.bold = true}}}, col, c.name_h);
      total = std::max(total, c.above_h + mm(s.space_mm) + c.name_h);
      cols.push_back(std::move(c));
    }
    keep_together(total);
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const double x = x0 + col * static_cast<double>(i);
      show_column(cols[i].above, x, y_);
      show_column(cols[i].name, x, y_ + cols[i].above_h + mm(s.space_mm));
    }
    gap(total + kBlockGapPt);
  }

  void draw(const QrCode& q) {
    const QrMatrix m = qr_encode(q.text, QrLevel::medium);
    const double size = mm(q.size_mm), gap_x = mm(4);
    LayoutPtr caption = layout(q.caption, {}, width_ - size - gap_x);
    const double h = std::max(size, q.caption.empty() ? 0.0 : height(caption.get()));
    keep_together(h);
    const double module = size / (m.size + 2 * kQrQuietZone);
    const double x0 = left_ + module * kQrQuietZone, y0 = y_ + module * kQrQuietZone;
    for (int y = 0; y < m.size; ++y) {
      for (int x = 0; x < m.size;) {
        if (!m.dark(x, y)) {
          ++x;
          continue;
        }
        int run = 1;
        while (x + run < m.size && m.dark(x + run, y)) ++run;
        cairo_rectangle(cr_, x0 + module * x, y0 + module * y, module * run, module);
        x += run;
      }
    }
    cairo_fill(cr_);
    if (!q.caption.empty()) show(caption.get(), left_ + size + gap_x, y_ + (h - height(caption.get())) / 2);
    gap(h + kBlockGapPt);
  }

  void draw(const Spacer& s) { gap(mm(s.mm)); }

  void draw(const PageBreak&) {
    if (!at_top()) new_page();
  }

  const Document& doc_;
  cairo_t* cr_;
  PangoContext* pango_;
  double left_, width_, top_, bottom_, y_;
  double line_height_ = 0;
  int page_ = 1;
  std::map<std::tuple<bool, bool, double>, std::unique_ptr<CellSetter>> setters_;  // by bold, italic, size
};

void check_geometry(const Document& doc) {
  const Margins& m = doc.margins;
  for (double v : {m.top_mm, m.bottom_mm, m.left_mm, m.right_mm})
    if (!(v >= 0)) throw std::invalid_argument("document: negative margin");
  const double across = doc.landscape ? 200 : 150, down = doc.landscape ? 150 : 200;
  if (m.left_mm + m.right_mm > across || m.top_mm + m.bottom_mm > down)
    throw std::invalid_argument("document: margins leave no room on A4");
  if (!(doc.font_size_pt >= 4 && doc.font_size_pt <= 72)) throw std::invalid_argument("document: font size out of range");
  if (!(doc.line_spacing >= 0.8 && doc.line_spacing <= 4)) throw std::invalid_argument("document: line spacing out of range");
}

}  // namespace

std::string render_pdf(const Document& doc) {
  check_geometry(doc);
  check_text(doc.title);
  check_text(doc.subject);
  init_fontconfig();

  std::string out;
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_string, &out, page_width(doc), page_height(doc)),
                     cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("document: cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "tinhso");
  if (!doc.title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  if (!doc.subject.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, doc.subject.c_str());
  if (doc.created)
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, iso8601_utc(*doc.created).c_str());

  CairoPtr cr(cairo_create(surface.get()), cairo_destroy);
  ContextPtr pango(pango_cairo_create_context(cr.get()));
  pango_cairo_context_set_resolution(pango.get(), 72);  // one pango point = one PDF point
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(pango.get(), FALSE);

  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  Renderer(doc, cr.get(), pango.get()).render();

  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("document: cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  surface.reset();
  return out;
}

}  // namespace tinhso::document
