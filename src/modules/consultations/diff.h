#pragma once
// What changed between two versions of a draft, article by article (issue 18: a new version
// published after the comments is shown against the one that was commented on).
//
// Rows: one per part, chapter, section, article, preamble and closing unit; an article's row
// carries its clauses and points, so the text compared for an article is its heading, its own
// text, then each clause and point written as to_text() writes it ("1. ...", "a) ..."), one per
// line; a chapter's or section's is its heading and own text. The article's own number is not
// compared: a renumbered article whose text did not change is `same`, with label_old "Điều 4"
// and label_new "Điều 5".
//
// Alignment: rows of the same kind are paired, keeping both versions' order, so as to maximise the
// total word similarity (Dice coefficient on the rows' words), where a pair needs the same anchor
// or a similarity of at least 0.5, and the same anchor adds 0.25: an inserted article pairs the
// articles after it with their renumbered selves, an edited article stays with its anchor. That
// costs one similarity per pair of rows of the same kind; past 250,000 pairs (500 × 500 rows) rows
// are paired by anchor only. The result follows the new version's order, each removed row placed
// after the row that preceded it in the old version.
//
// Text difference: word-level, on tokens that are runs of letters and digits (any non-ASCII
// character counts as a letter, so no UTF-8 sequence is ever split), runs of blanks, and single
// ASCII punctuation marks; longest common subsequence after the common prefix and suffix are set
// aside, on at most 1,000,000 cells (about 2 MB). Past that the lines are compared instead and the
// changed lines word by word within the same bound; past that again, the text is replaced whole.
// A blank between two changes joins them. Concatenating a side's segments gives that side's text;
// the `equal` segments of both sides are the same, in the same order.
#include <string>
#include <string_view>
#include <vector>

#include "modules/consultations/draft.h"

namespace tinhso::consultations {

enum class Change { same, changed, added, removed };

struct Segment {
  enum Op { equal, inserted, deleted };
  Op op = equal;
  std::string text;
  bool operator==(const Segment&) const = default;
};

struct TextDiff {
  std::vector<Segment> old_side;  // equal and deleted segments
  std::vector<Segment> new_side;  // equal and inserted segments
  bool operator==(const TextDiff&) const = default;
};

TextDiff diff_text(std::string_view before, std::string_view after);

struct UnitDiff {
  std::string anchor;      // the new version's anchor; the old one's for a removed row
  std::string anchor_old;  // the old version's anchor ("" for an added row): comments refer to it
  std::string label_old, label_new;  // unit_label_vi(); "" on the side where the row is absent
  Change change = Change::same;
  // The compared texts (see above): for an added row new_side is one inserted segment and
  // old_side is empty; for a removed one the reverse; for a row that is the same, one equal
  // segment on each side. No segment is empty (an empty text has none).
  std::vector<Segment> old_side, new_side;
};

std::vector<UnitDiff> diff_versions(const std::vector<Unit>& before, const std::vector<Unit>& after);

}  // namespace tinhso::consultations
