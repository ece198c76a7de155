#include "modules/consultations/diff.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>

namespace tinhso::consultations {

namespace {

constexpr std::size_t kMaxCells = 1'000'000;      // LCS table of one text comparison
constexpr std::size_t kMaxPairs = 250'000;        // row pairs scored by similarity
constexpr double kSimilar = 0.5, kSameAnchor = 0.25;

// ---- tokens ----

bool word_byte(char c) { return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)); }
bool blank_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string_view> word_tokens(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    if (word_byte(s[i]))
      while (j < s.size() && word_byte(s[j])) ++j;
    else if (blank_byte(s[i]))
      while (j < s.size() && blank_byte(s[j])) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Lines with their "\n".
std::vector<std::string_view> line_tokens(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t nl = s.find('\n', i);
    const std::size_t j = nl == std::string_view::npos ? s.size() : nl + 1;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool all_blank(std::string_view s) { return std::all_of(s.begin(), s.end(), blank_byte); }

// ---- longest common subsequence ----

struct Edit {
  Segment::Op op;
  std::size_t a = 0, b = 0;  // token indices: a for equal and deleted, b for equal and inserted
};

// The edit script turning a into b with the most tokens kept; nullopt past kMaxCells.
std::optional<std::vector<Edit>> lcs(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const std::size_t n = a.size(), m = b.size();
  if (n != 0 && (n + 1) * (m + 1) > kMaxCells) return std::nullopt;
  // len[i][j]: the LCS length of a[i..] and b[j..]; at most min(n, m) ≤ 1000 here, so 16 bits.
  std::vector<std::uint16_t> len((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint16_t& { return len[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = a[i] == b[j] ? static_cast<std::uint16_t>(at(i + 1, j + 1) + 1) : std::max(at(i + 1, j), at(i, j + 1));
  std::vector<Edit> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) out.push_back({Segment::equal, i++, j++});
    else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) out.push_back({Segment::inserted, i, j++});
    else out.push_back({Segment::deleted, i++, j});
  }
  return out;
}

// ---- building the sides ----

class Sides {
 public:
  void add(Segment::Op op, std::string_view text) {
    if (text.empty()) return;
    if (op != Segment::inserted) push(d_.old_side, op, text);
    if (op != Segment::deleted) push(d_.new_side, op, text);
  }

  // The edits over tokens a and b, a blank kept between two changes joining them.
  void edits(const std::vector<Edit>& e, const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    for (std::size_t k = 0; k < e.size(); ++k) {
      const Edit& x = e[k];
      if (x.op == Segment::equal && k > 0 && k + 1 < e.size() && e[k - 1].op != Segment::equal &&
          e[k + 1].op != Segment::equal && all_blank(a[x.a])) {
        add(Segment::deleted, a[x.a]);
        add(Segment::inserted, b[x.b]);
      } else {
        add(x.op, x.op == Segment::inserted ? b[x.b] : a[x.a]);
      }
    }
  }

  TextDiff take() { return std::move(d_); }

 private:
  static void push(std::vector<Segment>& side, Segment::Op op, std::string_view text) {
    if (!side.empty() && side.back().op == op) side.back().text += text;
    else side.push_back({op, std::string(text)});
  }
  TextDiff d_;
};

std::string joined(const std::vector<std::string_view>& tokens, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += tokens[i];
  return out;
}

// Word by word; `lines_next`: past the bound, line by line; else replaced whole.
void diff_words(std::string_view a, std::string_view b, Sides& out, bool lines_next);

void diff_lines(std::string_view a, std::string_view b, Sides& out) {
  const auto ta = line_tokens(a), tb = line_tokens(b);
  const auto e = lcs(ta, tb);
  if (!e) {
    out.add(Segment::deleted, a);
    out.add(Segment::inserted, b);
    return;
  }
  // Each run of changed lines is compared word by word.
  std::string del, ins;
  auto flush = [&] {
    diff_words(del, ins, out, false);
    del.clear();
    ins.clear();
  };
  for (const Edit& x : *e) {
    if (x.op == Segment::equal) {
      flush();
      out.add(Segment::equal, ta[x.a]);
    } else if (x.op == Segment::deleted) {
      del += ta[x.a];
    } else {
      ins += tb[x.b];
    }
  }
  flush();
}

void diff_words(std::string_view a, std::string_view b, Sides& out, bool lines_next) {
  const auto ta = word_tokens(a), tb = word_tokens(b);
  std::size_t pre = 0;
  while (pre < ta.size() && pre < tb.size() && ta[pre] == tb[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < ta.size() - pre && suf < tb.size() - pre && ta[ta.size() - 1 - suf] == tb[tb.size() - 1 - suf]) ++suf;
  out.add(Segment::equal, joined(ta, 0, pre));
  const std::vector<std::string_view> ma(ta.begin() + static_cast<std::ptrdiff_t>(pre), ta.end() - static_cast<std::ptrdiff_t>(suf));
  const std::vector<std::string_view> mb(tb.begin() + static_cast<std::ptrdiff_t>(pre), tb.end() - static_cast<std::ptrdiff_t>(suf));
  if (const auto e = lcs(ma, mb)) {
    out.edits(*e, ma, mb);
  } else if (lines_next) {
    diff_lines(joined(ma, 0, ma.size()), joined(mb, 0, mb.size()), out);
  } else {
    out.add(Segment::deleted, joined(ma, 0, ma.size()));
    out.add(Segment::inserted, joined(mb, 0, mb.size()));
  }
  out.add(Segment::equal, joined(ta, ta.size() - suf, ta.size()));
}

// ---- rows ----

struct Row {
  const Unit* unit = nullptr;
  std::string text;                   // compared
  std::vector<std::uint64_t> words;  // hashes of its word tokens, sorted: for similarity
};

void add_line(std::string& text, std::string_view line) {
  if (!text.empty()) text += '\n';
  text += line;
}

std::vector<Row> rows_of(const std::vector<Unit>& units) {
  std::vector<Row> rows;
  for (const Unit& u : units) {
    const bool child = u.kind == UnitKind::clause || u.kind == UnitKind::point;
    if (child && !rows.empty() && rows.back().unit->kind == UnitKind::article) {
      std::string& t = rows.back().text;
      const std::string number = u.number + (u.kind == UnitKind::clause ? "." : ")");
      add_line(t, u.text.empty() ? number : number + " " + u.text);
      continue;
    }
    Row r;
    r.unit = &u;
    add_line(r.text, u.heading);
    if (!u.text.empty()) add_line(r.text, u.text);
    rows.push_back(std::move(r));
  }
  for (Row& r : rows) {
    for (std::string_view t : word_tokens(r.text))
      if (word_byte(t.front())) r.words.push_back(std::hash<std::string_view>{}(t));
    std::sort(r.words.begin(), r.words.end());
  }
  return rows;
}

// Dice coefficient of two sorted multisets of word hashes; 1 for two empty ones.
double similarity(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 1;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

// For each new row, its old partner or -1 (see the header for the rule).
std::vector<long> align(const std::vector<Row>& old_rows, const std::vector<Row>& new_rows) {
  const std::size_t n = old_rows.size(), m = new_rows.size();
  std::vector<long> partner(m, -1);
  if (n * m > kMaxPairs) {
    std::map<std::pair<std::string_view, UnitKind>, long> by_anchor;
    for (std::size_t i = 0; i < n; ++i) by_anchor[{old_rows[i].unit->anchor, old_rows[i].unit->kind}] = static_cast<long>(i);
    for (std::size_t j = 0; j < m; ++j)
      if (const auto it = by_anchor.find({new_rows[j].unit->anchor, new_rows[j].unit->kind}); it != by_anchor.end())
        partner[j] = it->second;
    return partner;
  }
  auto weight = [&](std::size_t i, std::size_t j) -> double {
    const Unit &a = *old_rows[i].unit, &b = *new_rows[j].unit;
    if (a.kind != b.kind) return -1;
    const double s = similarity(old_rows[i].words, new_rows[j].words);
    if (a.anchor == b.anchor) return s + kSameAnchor;
    return s >= kSimilar ? s : -1;
  };
  // best[i][j]: the best total weight pairing old[i..] with new[j..].
  std::vector<double> best((n + 1) * (m + 1), 0);
  std::vector<double> w(n * m, -1);
  auto at = [&](std::size_t i, std::size_t j) -> double& { return best[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;) {
      w[i * m + j] = weight(i, j);
      double v = std::max(at(i + 1, j), at(i, j + 1));
      if (w[i * m + j] >= 0) v = std::max(v, at(i + 1, j + 1) + w[i * m + j]);
      at(i, j) = v;
    }
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    const double wij = w[i * m + j];
    if (wij >= 0 && at(i, j) == at(i + 1, j + 1) + wij) partner[j++] = static_cast<long>(i++);
    else if (at(i, j) == at(i + 1, j)) ++i;
    else ++j;
  }
  return partner;
}

UnitDiff row_diff(const Row* a, const Row* b) {
  UnitDiff d;
  Sides sides;
  if (a) d.anchor_old = a->unit->anchor, d.label_old = unit_label_vi(*a->unit);
  if (b) d.label_new = unit_label_vi(*b->unit);
  d.anchor = b ? b->unit->anchor : a->unit->anchor;
  if (!b) {
    d.change = Change::removed;
    sides.add(Segment::deleted, a->text);
  } else if (!a) {
    d.change = Change::added;
    sides.add(Segment::inserted, b->text);
  } else if (a->text == b->text) {
    d.change = Change::same;
    sides.add(Segment::equal, a->text);
  } else {
    d.change = Change::changed;
    diff_words(a->text, b->text, sides, true);
  }
  TextDiff t = sides.take();
  d.old_side = std::move(t.old_side);
  d.new_side = std::move(t.new_side);
  return d;
}

}  // namespace

TextDiff diff_text(std::string_view before, std::string_view after) {
  Sides sides;
  diff_words(before, after, sides, true);
  return sides.take();
}

std::vector<UnitDiff> diff_versions(const std::vector<Unit>& before, const std::vector<Unit>& after) {
  const std::vector<Row> old_rows = rows_of(before), new_rows = rows_of(after);
  const std::vector<long> partner = align(old_rows, new_rows);
  // Each removed old row goes after the new partner of the closest paired old row before it.
  std::vector<long> new_of(old_rows.size(), -1);
  for (std::size_t j = 0; j < partner.size(); ++j)
    if (partner[j] >= 0) new_of[static_cast<std::size_t>(partner[j])] = static_cast<long>(j);
  std::vector<std::vector<std::size_t>> removed_after(new_rows.size() + 1);  // [0]: at the start
  long last = -1;
  for (std::size_t i = 0; i < old_rows.size(); ++i) {
    if (new_of[i] >= 0) last = new_of[i];
    else removed_after[static_cast<std::size_t>(last + 1)].push_back(i);
  }
  std::vector<UnitDiff> out;
  for (std::size_t i : removed_after[0]) out.push_back(row_diff(&old_rows[i], nullptr));
  for (std::size_t j = 0; j < new_rows.size(); ++j) {
    out.push_back(row_diff(partner[j] >= 0 ? &old_rows[static_cast<std::size_t>(partner[j])] : nullptr, &new_rows[j]));
    for (std::size_t i : removed_after[j + 1]) out.push_back(row_diff(&old_rows[i], nullptr));
  }
  return out;
}

}  // namespace tinhso::consultations
