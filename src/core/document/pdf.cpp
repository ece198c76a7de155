#include "core/document/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <mutex>
#include <stdexcept>

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

class Renderer {
 public:
  Renderer(const Document& doc, cairo_t* cr, PangoContext* pango)
      : doc_(doc),
        cr_(cr),
        pango_(pango),
        left_(mm(doc.margins.left_mm)),
        width_(kA4Width - mm(doc.margins.left_mm) - mm(doc.margins.right_mm)),
        top_(mm(doc.margins.top_mm)),
        bottom_(kA4Height - mm(doc.margins.bottom_mm)),
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
      std::vector<LayoutPtr> out;
      h = 0;
      for (std::size_t c = 0; c < n; ++c) {
        Style st{.bold = bold, .size_pt = size, .align = t.align.empty() ? Align::left : t.align[c]};
        out.push_back(layout(texts[c], st, w[c] - 2 * pad));
        h = std::max(h, height(out.back().get()) + 2 * pad);
      }
      return out;
    };
    auto show_row = [&](const std::vector<LayoutPtr>& row, double h, bool shaded) {
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
        show(row[c].get(), x + pad, y_ + pad);
        x += w[c];
      }
      y_ += h;
    };
    double head_h = 0;
    const auto head = cells(t.header, true, head_h);
    cairo_set_line_width(cr_, kBorderPt);
    bool head_shown = false;
    for (const auto& r : t.rows) {
      double h = 0;
      const auto row = cells(r, false, h);
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
};

void check_geometry(const Document& doc) {
  const Margins& m = doc.margins;
  for (double v : {m.top_mm, m.bottom_mm, m.left_mm, m.right_mm})
    if (!(v >= 0)) throw std::invalid_argument("document: negative margin");
  if (m.left_mm + m.right_mm > 150 || m.top_mm + m.bottom_mm > 200)
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
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_string, &out, kA4Width, kA4Height),
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
