// Fuzzes the draft splitter and the version difference (modules/consultations/draft.h, diff.h),
// which read drafts uploaded as text or .docx. The input is two versions of a draft, before and
// after its first NUL byte; a line whose first byte is '\x02' is given as a table paragraph. It must
// never crash or hang, and:
// 1. the split stays within its limits; anchors are unique, ASCII [a-z0-9-], and every parent is an
//    earlier unit one level up; all text is valid UTF-8;
// 2. a split that was not truncated survives the round trip through to_text();
// 3. every row of the difference spells both sides with the same equal parts; a version against
//    itself is the same everywhere.
// The seeds: the sample drafts of tests/unit/modules/consultations/data and data/consultations.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "check.h"
#include "core/util/strings.h"
#include "modules/consultations/diff.h"
#include "modules/consultations/draft.h"

namespace {

using namespace tinhso::consultations;

const SplitLimits kLimits{.max_units = 200, .max_unit_text = 2048};

std::vector<DraftParagraph> paragraphs(std::string_view text) {
  std::vector<DraftParagraph> out;
  for (auto p : paragraphs_from_text(text)) {
    const bool table = !p.text.empty() && p.text.front() == '\x02';
    if (table) p.text.erase(0, 1);
    p.in_table = p.in_table || table;
    out.push_back(std::move(p));
  }
  return out;
}

bool anchor_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

SplitResult check_split(std::string_view text) {
  const SplitResult r = split_draft(paragraphs(text), kLimits);
  FUZZ_CHECK(r.units.size() <= kLimits.max_units);
  std::map<std::string, int> depth;
  for (const Unit& u : r.units) {
    FUZZ_CHECK(u.text.size() <= kLimits.max_unit_text && u.heading.size() <= kLimits.max_unit_text);
    FUZZ_CHECK(tinhso::valid_utf8(u.text) && tinhso::valid_utf8(u.heading) && tinhso::valid_utf8(u.number));
    FUZZ_CHECK(tinhso::valid_utf8(unit_label_vi(u)));
    FUZZ_CHECK(!u.anchor.empty());
    for (char c : u.anchor) FUZZ_CHECK(anchor_char(c));
    if (u.parent.empty()) {
      FUZZ_CHECK(u.depth == 0);
    } else {
      const auto it = depth.find(u.parent);
      FUZZ_CHECK(it != depth.end() && u.depth == it->second + 1);
    }
    FUZZ_CHECK(depth.emplace(u.anchor, u.depth).second);
  }
  for (const auto& w : r.warnings) FUZZ_CHECK(tinhso::valid_utf8(w));
  if (!r.truncated) {
    const std::string again = to_text(r.units);
    const SplitResult back = split_draft(paragraphs_from_text(again), kLimits);
    FUZZ_CHECK(back.units == r.units);
  }
  return r;
}

std::string equal_text(const std::vector<Segment>& side) {
  std::string out;
  for (const auto& s : side)
    if (s.op == Segment::equal) out += s.text;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = tinhso::fuzz::as_view(data, size);
  const std::size_t nul = in.find('\0');
  const SplitResult before = check_split(in.substr(0, nul));
  const SplitResult after = nul == std::string_view::npos ? before : check_split(in.substr(nul + 1));
  for (const auto& row : diff_versions(before.units, after.units)) {
    FUZZ_CHECK(equal_text(row.old_side) == equal_text(row.new_side));
    for (const auto& s : row.old_side) FUZZ_CHECK(!s.text.empty() && s.op != Segment::inserted);
    for (const auto& s : row.new_side) FUZZ_CHECK(!s.text.empty() && s.op != Segment::deleted);
  }
  for (const auto& row : diff_versions(before.units, before.units)) FUZZ_CHECK(row.change == Change::same);
  return 0;
}
