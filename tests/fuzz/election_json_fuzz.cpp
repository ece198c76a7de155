// Fuzzes the elections module's readers of outside input (modules/elections/tally_json.h, plan.h):
// `tinhso election tally FILE` and `tinhso election import FILE`. The first byte chooses the
// reader, the rest is the document. It must never crash or hang, and:
// 1. a document is either accepted with no problem or refused with at least one, each naming a
//    field;
// 2. an accepted tally input passes validate() or is refused by it, and a computed result elects
//    at most its seats, only candidates of the input, each at most once, with more than half of the
//    valid ballots, and prints as JSON that parses again;
// 3. an accepted plan's lists meet min_candidates() or carry their decision.
// The seeds: the demo's figures (tests/fuzz/seeds/election_json).
#include <cstdint>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "check.h"
#include "modules/elections/plan.h"
#include "modules/elections/tally.h"
#include "modules/elections/tally_json.h"

using namespace tinhso::elections;

namespace {

void check_tally(std::string_view doc) {
  const ParsedInput p = parse_tally_json(doc);
  FUZZ_CHECK(p.input.has_value() != !p.problems.empty());
  for (const auto& x : p.problems) FUZZ_CHECK(!x.field.empty());
  if (!p.input) return;
  const auto problems = validate(*p.input);
  const auto r = tally(*p.input);
  FUZZ_CHECK(r.has_value() == problems.empty());
  if (!r) return;
  FUZZ_CHECK(static_cast<int>(r->elected.size()) <= p.input->seats);
  std::set<std::string> ids, seen;
  for (const auto& c : p.input->candidates) ids.insert(c.id);
  for (const auto& id : r->elected) {
    FUZZ_CHECK(ids.contains(id));
    FUZZ_CHECK(seen.insert(id).second);
    for (const auto& c : p.input->candidates)
      if (c.id == id) FUZZ_CHECK(more_than_half(c.votes, p.input->valid));
  }
  FUZZ_CHECK(!nlohmann::json::parse(tally_result_json(*r), nullptr, false).is_discarded());
}

void check_plan(std::string_view doc) {
  const ParsedPlan p = parse_plan(doc);
  FUZZ_CHECK(p.plan.has_value() != !p.problems.empty());
  for (const auto& x : p.problems) FUZZ_CHECK(!x.field.empty());
  if (!p.plan) return;
  for (const auto& k : p.plan->constituencies) {
    FUZZ_CHECK(k.seats >= 1 && k.seats <= max_seats(k.body));
    FUZZ_CHECK(static_cast<int>(k.candidates.size()) > k.seats);
    FUZZ_CHECK(static_cast<int>(k.candidates.size()) >= min_candidates(k.body, k.seats) || !k.short_list_decision.empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view doc = tinhso::fuzz::as_view(data + 1, size - 1);
  if (data[0] % 2 == 0)
    check_tally(doc);
  else
    check_plan(doc);
  return 0;
}
