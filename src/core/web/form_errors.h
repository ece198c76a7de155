#pragma once
// Errors at the field (issue 14 §2, the GOV.UK "error message" and "error summary" patterns): a
// form page shows every problem twice — in the summary at the top, as a link to the field, and at
// the field itself — and every message names its field.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/web/view.h"

namespace tinhso::web {

// A form field as the reader sees it: the id of its control (the summary links to it) and the
// message id of its label.
struct FieldRef {
  std::string anchor;
  std::string label_id;
};
using FieldRefs = std::map<std::string, FieldRef, std::less<>>;

// One problem of a form: the field it belongs to ("" = the whole form) and its message id.
struct FieldProblem {
  std::string field;
  std::string message_id;
};

// Puts into `c`: "has_errors"; "errors", the summary: [{anchor, message}] in the order given
// (anchor "" for a problem of no known field); "error", a map field → message of the field's
// first problem, for the template's {{#error.<field>}}. A message that does not contain its
// field's label (accents and case aside) is prefixed with it ("Label: message").
void put_field_errors(mstch::map& c, const View& v, const std::vector<FieldProblem>& problems, const FieldRefs& fields);

// Any module's problem type with `field` and `message_id` members.
template <class Problem>
std::vector<FieldProblem> field_problems(const std::vector<Problem>& problems) {
  std::vector<FieldProblem> out;
  out.reserve(problems.size());
  for (const auto& p : problems) out.push_back({p.field, p.message_id});
  return out;
}

}  // namespace tinhso::web
