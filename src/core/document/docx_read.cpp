#include "core/document/docx_read.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/document/zip_read.h"

namespace tinhso::document {

namespace {

using xml::local_attr;
using xml::Tag;

constexpr int kLevels = 9;               // w:ilvl 0..8 (§17.9.3)
constexpr int kMaxCounter = 1'000'000;   // a counter or start value is clamped to this
constexpr std::size_t kMaxNesting = 32;  // paragraphs in text boxes, tables in cells
constexpr std::size_t kMaxDefinitions = 32768;

// A non-negative decimal value, clamped to kMaxCounter; nullopt when `s` is not one.
std::optional<int> number(const std::optional<std::string>& s) {
  if (!s || s->empty() || s->size() > 9) return std::nullopt;
  int v = 0;
  for (char c : *s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return std::min(v, kMaxCounter);
}

std::optional<int> level_index(const std::optional<std::string>& s) {
  const auto v = number(s);
  if (!v || *v >= kLevels) return std::nullopt;
  return v;
}

// An on/off property (§17.17.4): present without w:val, or with a true value.
bool on(std::string_view attrs) {
  const auto v = local_attr(attrs, "val");
  return !v || *v == "1" || *v == "true" || *v == "on";
}

// ---- numbering definitions (word/numbering.xml) ----

struct Level {
  bool defined = false;
  int start = 1;
  std::string format = "decimal", text;
  std::optional<int> restart;  // w:lvlRestart; absent: restart after any higher level
  bool legal = false;          // w:isLgl: every level shown as decimal
  std::string suffix = "tab";
};

struct AbstractNum {
  std::array<Level, kLevels> levels;
};

struct Num {
  int abstract = -1;
  std::array<std::optional<int>, kLevels> start_override;
  std::array<std::optional<Level>, kLevels> level_override;
};

struct Numbering {
  std::map<int, AbstractNum> abstracts;
  std::map<int, Num> nums;

  const Level* level(const Num& num, int ilvl) const {
    if (const auto& o = num.level_override[static_cast<std::size_t>(ilvl)]) return &*o;
    const auto a = abstracts.find(num.abstract);
    if (a == abstracts.end()) return nullptr;
    const Level& l = a->second.levels[static_cast<std::size_t>(ilvl)];
    return l.defined ? &l : nullptr;
  }
};

// Reads one level's properties into `level` (the tags inside a <w:lvl>).
void level_property(const Tag& t, Level& level) {
  if (t.closing) return;
  if (t.name == "start") {
    level.start = number(local_attr(t.attrs, "val")).value_or(1);
  } else if (t.name == "numFmt") {
    // A w14 "custom" format is followed by its mc:Fallback, a standard one.
    if (auto f = local_attr(t.attrs, "val"); f && *f != "custom") level.format = std::move(*f);
  } else if (t.name == "lvlText") {
    level.text = local_attr(t.attrs, "val").value_or("");
  } else if (t.name == "lvlRestart") {
    level.restart = number(local_attr(t.attrs, "val"));
  } else if (t.name == "isLgl") {
    level.legal = on(t.attrs);
  } else if (t.name == "suff") {
    level.suffix = local_attr(t.attrs, "val").value_or("tab");
  }
}

Numbering read_numbering(std::string_view part) {
  Numbering n;
  std::optional<int> abstract_id, num_id, override_level;
  Level* level = nullptr;
  xml::scan(
      part,
      [&](const Tag& t) {
        if (t.name == "abstractNum" || t.name == "num" || t.name == "lvlOverride") level = nullptr;
        if (t.name == "abstractNum") {
          abstract_id = t.closing || t.empty ? std::nullopt : number(local_attr(t.attrs, "abstractNumId"));
          if (abstract_id && !n.abstracts.count(*abstract_id) && n.abstracts.size() >= kMaxDefinitions)
            throw FormatError("too many numbering definitions");
          if (abstract_id) n.abstracts[*abstract_id] = AbstractNum{};
        } else if (t.name == "num") {
          num_id = t.closing || t.empty ? std::nullopt : number(local_attr(t.attrs, "numId"));
          if (num_id && !n.nums.count(*num_id) && n.nums.size() >= kMaxDefinitions)
            throw FormatError("too many numbering instances");
          if (num_id) n.nums[*num_id] = Num{};
        } else if (t.name == "lvlOverride") {
          override_level = t.closing || t.empty ? std::nullopt : level_index(local_attr(t.attrs, "ilvl"));
        } else if (t.name == "lvl") {
          level = nullptr;
          if (t.closing || t.empty) return;
          if (abstract_id) {
            if (const auto i = level_index(local_attr(t.attrs, "ilvl")))
              level = &n.abstracts[*abstract_id].levels[static_cast<std::size_t>(*i)];
          } else if (num_id && override_level) {
            level = &n.nums[*num_id].level_override[static_cast<std::size_t>(*override_level)].emplace();
          }
          if (level) level->defined = true;
        } else if (t.name == "abstractNumId" && num_id && !t.closing) {
          n.nums[*num_id].abstract = number(local_attr(t.attrs, "val")).value_or(-1);
        } else if (t.name == "startOverride" && num_id && override_level && !t.closing) {
          if (const auto v = number(local_attr(t.attrs, "val")))
            n.nums[*num_id].start_override[static_cast<std::size_t>(*override_level)] = v;
        } else if (level) {
          level_property(t, *level);
        }
      },
      [](std::string_view) {});
  return n;
}

// ---- paragraph styles (word/styles.xml): only what numbering needs ----

struct NumRef {
  std::optional<int> num_id, ilvl;
};

struct Style {
  std::string based_on;
  NumRef num;
};

using Styles = std::map<std::string, Style, std::less<>>;

Styles read_styles(std::string_view part) {
  Styles styles;
  Style* cur = nullptr;
  xml::scan(
      part,
      [&](const Tag& t) {
        if (t.name == "style") {
          cur = nullptr;
          if (t.closing || t.empty || local_attr(t.attrs, "type").value_or("paragraph") != "paragraph") return;
          if (styles.size() >= kMaxDefinitions) throw FormatError("too many styles");
          cur = &styles[local_attr(t.attrs, "styleId").value_or("")];
        } else if (cur && !t.closing && t.name == "basedOn") {
          cur->based_on = local_attr(t.attrs, "val").value_or("");
        } else if (cur && !t.closing && t.name == "numId") {
          cur->num.num_id = number(local_attr(t.attrs, "val"));
        } else if (cur && !t.closing && t.name == "ilvl") {
          cur->num.ilvl = level_index(local_attr(t.attrs, "val"));
        }
      },
      [](std::string_view) {});
  return styles;
}

// The numbering of a paragraph with its own numPr `own` and style `style` (§17.3.1.19: the
// paragraph's numId, else its style chain's; its ilvl, else the style's, else 0). nullopt: none.
std::optional<std::pair<int, int>> resolve(const NumRef& own, const std::string& style, const Styles& styles) {
  NumRef found = own;
  std::string id = style;
  for (int depth = 0; depth < 16 && !found.num_id && !id.empty(); ++depth) {
    const auto it = styles.find(id);
    if (it == styles.end()) break;
    found.num_id = it->second.num.num_id;
    if (!found.ilvl) found.ilvl = it->second.num.ilvl;
    id = it->second.based_on;
  }
  if (!found.num_id || *found.num_id == 0) return std::nullopt;  // numId 0: numbering removed
  return std::pair{*found.num_id, found.ilvl.value_or(0)};
}

// ---- the visible number ----

std::string roman(int v, bool upper) {
  static constexpr std::pair<int, const char*> kDigits[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                            {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                            {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                            {1, "i"}};
  std::string out;
  for (const auto& [value, digits] : kDigits)
    for (; v >= value; v -= value) out += digits;
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string formatted(int v, const std::string& format) {
  if (format == "none") return "";
  if ((format == "lowerLetter" || format == "upperLetter") && v >= 1) {
    const char letter = static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (v - 1) % 26);
    return std::string(static_cast<std::size_t>((v - 1) / 26 + 1), letter);
  }
  if ((format == "lowerRoman" || format == "upperRoman") && v >= 1 && v < 4000)
    return roman(v, format == "upperRoman");
  if (format == "decimalZero" && v < 10) return "0" + std::to_string(v);
  return std::to_string(v);
}

// A bullet's level text, with a private-use glyph (a Symbol or Wingdings font's) shown as "•".
std::string bullet(const std::string& text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]), next = static_cast<unsigned char>(text[i + 1]);
    if (lead == 0xEE || (lead == 0xEF && next >= 0x80 && next <= 0xA3)) return "•";  // U+E000..U+F8FF
  }
  return text;
}

class Counters {
 public:
  explicit Counters(const Numbering& numbering) : numbering_(numbering) {}

  struct Shown {
    std::string text;  // with its suffix; "" when the paragraph shows no number
    bool bullet = false;
  };

  // Advances the counter of (num_id, ilvl) and returns what is shown before the paragraph's text.
  Shown next(int num_id, int ilvl) {
    const auto num = numbering_.nums.find(num_id);
    if (num == numbering_.nums.end() || ilvl < 0 || ilvl >= kLevels) return {};
    const Level* level = numbering_.level(num->second, ilvl);
    if (!level) return {};
    State& s = states_[num->second.abstract];
    const auto l = static_cast<std::size_t>(ilvl);
    const auto over = num->second.start_override[l];
    if (over && seen_.insert({num_id, ilvl}).second) {
      s.value[l] = *over;
    } else {
      s.value[l] = s.used[l] ? std::min(s.value[l] + 1, kMaxCounter) : level->start;
    }
    s.used[l] = true;
    for (int m = ilvl + 1; m < kLevels; ++m) {
      const Level* deeper = numbering_.level(num->second, m);
      if (!deeper || !deeper->restart || (*deeper->restart != 0 && ilvl < *deeper->restart))
        s.used[static_cast<std::size_t>(m)] = false;
    }
    const bool is_bullet = level->format == "bullet";
    std::string shown = is_bullet ? bullet(level->text) : compose(num->second, *level, s);
    if (!shown.empty() && level->suffix != "nothing") shown += ' ';
    return {std::move(shown), is_bullet};
  }

 private:
  struct State {
    std::array<int, kLevels> value{};
    std::array<bool, kLevels> used{};
  };

  // The level text with each "%k" replaced by level k's current number.
  std::string compose(const Num& num, const Level& level, const State& s) const {
    std::string out;
    const std::string& text = level.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '%' || i + 1 == text.size() || text[i + 1] < '1' || text[i + 1] > '9') {
        out += text[i];
        continue;
      }
      const int k = text[++i] - '1';
      const auto ki = static_cast<std::size_t>(k);
      const Level* other = numbering_.level(num, k);
      const int v = s.used[ki] ? s.value[ki] : other ? other->start : 1;
      out += formatted(v, level.legal ? "decimal" : other ? other->format : "decimal");
    }
    return out;
  }

  const Numbering& numbering_;
  std::map<int, State> states_;
  std::set<std::pair<int, int>> seen_;
};

// ---- the document body ----

// Elements whose content a reader does not see: deleted and moved-away text, former properties,
// the fallback copy of alternate content.
bool skipped(std::string_view name) {
  return name == "del" || name == "moveFrom" || name == "Fallback" || name == "pPrChange" || name == "rPrChange" ||
         name == "sectPrChange" || name == "tblPrChange" || name == "trPrChange" || name == "tcPrChange" ||
         name == "numberingChange";
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

class Body {
 public:
  Body(const Numbering& numbering, const Styles& styles, const DocxLimits& limits)
      : styles_(styles), limits_(limits), counters_(numbering) {}

  void tag(const Tag& t) {
    if (skipped(t.name)) {
      if (t.closing) skip_ -= skip_ > 0 ? 1 : 0;
      else if (!t.empty) ++skip_;
      return;
    }
    if (skip_ > 0) return;
    if (t.name == "p") paragraph(t);
    else if (t.name == "tbl") table(t);
    else if (t.name == "tr") row(t);
    else if (t.name == "tc") cell(t);
    else if (t.name == "r") run_ += t.closing ? (run_ > 0 ? -1 : 0) : t.empty ? 0 : 1;
    else if (t.name == "t") in_t_ = run_ > 0 && !t.closing && !t.empty;
    else if (!paras_.empty() && !t.closing) property_or_symbol(t);
  }

  void text(std::string_view raw) {
    if (skip_ > 0 || !in_t_ || paras_.empty()) return;
    append(xml::text_of(raw));
  }

  std::vector<DocxParagraph> take() { return std::move(out_); }

 private:
  struct Para {
    std::string text;
    NumRef num;
    std::string style;
    int outer_run = 0;  // the enclosing paragraph's run depth (a text box sits inside a run)
  };

  void append(std::string_view s) {
    text_bytes_ += s.size();
    if (text_bytes_ > limits_.max_text_bytes) throw FormatError("too much text");
    paras_.back().text += s;
  }

  void property_or_symbol(const Tag& t) {
    Para& p = paras_.back();
    if (t.name == "pStyle") p.style = local_attr(t.attrs, "val").value_or("");
    else if (t.name == "numId") p.num.num_id = number(local_attr(t.attrs, "val"));
    else if (t.name == "ilvl") p.num.ilvl = level_index(local_attr(t.attrs, "val"));
    else if (run_ == 0) return;
    else if (t.name == "tab" || t.name == "ptab") append("\t");
    else if (t.name == "br" || t.name == "cr") append("\n");
    else if (t.name == "noBreakHyphen") append("-");
  }

  void paragraph(const Tag& t) {
    if (t.empty) return;
    if (!t.closing) {
      if (paras_.size() >= kMaxNesting) throw FormatError("paragraphs nested too deep");
      paras_.push_back(Para{{}, {}, {}, run_});
      run_ = 0;
      in_t_ = false;
      return;
    }
    if (paras_.empty()) return;
    Para p = std::move(paras_.back());
    paras_.pop_back();
    run_ = p.outer_run;
    in_t_ = false;
    Counters::Shown number;
    if (const auto n = resolve(p.num, p.style, styles_)) number = counters_.next(n->first, n->second);
    if (blank(p.text) && (number.bullet || blank(number.text))) return;
    std::string text = number.text + p.text;
    if (blank(p.text)) text.erase(text.find_last_not_of(" \t\r\n") + 1);  // "Chương I" alone
    if (tables_ == 0) {
      emit(DocxParagraph{std::move(text), false, -1, -1, {}});
      return;
    }
    if (cells_.empty()) cells_.emplace_back();
    std::string& cell = cells_.back();
    if (!cell.empty()) cell += '\n';
    cell += text;
  }

  void table(const Tag& t) {
    if (t.empty) return;
    if (t.closing) {
      tables_ -= tables_ > 0 ? 1 : 0;
      return;
    }
    if (static_cast<std::size_t>(tables_) >= kMaxNesting) throw FormatError("tables nested too deep");
    if (++tables_ == 1) ++table_index_, row_index_ = -1, cells_.clear(), in_row_ = false;
  }

  void row(const Tag& t) {
    if (tables_ != 1 || t.empty) return;
    if (!t.closing) {
      ++row_index_;
      cells_.clear();
      in_row_ = true;
      return;
    }
    if (!std::exchange(in_row_, false)) return;
    bool any = false;
    for (const auto& c : cells_) any = any || !blank(c);
    if (any) {
      std::string text;
      for (std::size_t i = 0; i < cells_.size(); ++i) text += (i ? " | " : "") + cells_[i];
      emit(DocxParagraph{std::move(text), true, table_index_, row_index_, std::move(cells_)});
    }
    cells_.clear();
  }

  void cell(const Tag& t) {
    if (tables_ == 1 && !t.closing) cells_.emplace_back();
  }

  void emit(DocxParagraph p) {
    if (out_.size() >= limits_.max_paragraphs) throw FormatError("too many paragraphs");
    out_.push_back(std::move(p));
  }

  const Styles& styles_;
  const DocxLimits& limits_;
  Counters counters_;
  std::vector<DocxParagraph> out_;
  std::vector<Para> paras_;  // open paragraphs: more than one inside a text box
  std::vector<std::string> cells_;
  int skip_ = 0, run_ = 0, tables_ = 0, table_index_ = -1, row_index_ = -1;
  bool in_t_ = false, in_row_ = false;
  std::size_t text_bytes_ = 0;
};

// The target of the first relationship in `rels` whose type ends with "/" + `type`, as a part name
// resolved against `base` (the folder of the part the relationships belong to); "" when none.
std::string related(const std::optional<std::string>& rels, std::string_view type, std::string_view base) {
  if (!rels) return "";
  std::string target;
  xml::scan(
      *rels,
      [&](const Tag& t) {
        if (t.name != "Relationship" || t.closing || !target.empty()) return;
        const std::string ty = xml::attr(t.attrs, "Type").value_or("");
        if (ty.size() > type.size() && ty.ends_with(type) && ty[ty.size() - type.size() - 1] == '/')
          target = xml::attr(t.attrs, "Target").value_or("");
      },
      [](std::string_view) {});
  if (target.empty()) return "";
  return target.front() == '/' ? target.substr(1) : std::string(base) + target;
}

}  // namespace

bool looks_like_docx(std::string_view file) { return zip::looks_like_zip(file); }

DocxText read_docx(std::string_view file, const DocxLimits& limits) {
  DocxText out;
  try {
    const zip::Archive archive(file);
    const std::size_t cap = limits.max_entry_bytes;
    std::string main = related(archive.read("_rels/.rels", cap), "officeDocument", "");
    if (main.empty()) main = "word/document.xml";
    const auto document = archive.read(main, cap);
    if (!document) throw FormatError("not a Word document: " + main + " missing");
    const std::string folder = main.substr(0, main.rfind('/') + 1);
    const std::string rels_name = folder + "_rels/" + main.substr(folder.size()) + ".rels";
    const auto rels = archive.read(rels_name, cap);
    std::string numbering_part = related(rels, "numbering", folder), styles_part = related(rels, "styles", folder);
    if (numbering_part.empty()) numbering_part = folder + "numbering.xml";
    if (styles_part.empty()) styles_part = folder + "styles.xml";
    const auto numbering_xml = archive.read(numbering_part, cap);
    const Numbering numbering = numbering_xml ? read_numbering(*numbering_xml) : Numbering{};
    const auto styles_xml = archive.read(styles_part, cap);
    const Styles styles = styles_xml ? read_styles(*styles_xml) : Styles{};
    Body body(numbering, styles, limits);
    xml::scan(
        *document, [&](const Tag& t) { body.tag(t); }, [&](std::string_view raw) { body.text(raw); });
    out.paragraphs = body.take();
  } catch (const FormatError& e) {
    out.paragraphs.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace tinhso::document
