#pragma once
// The desk's SQL (issue 6 parts 1 and 5): group representatives, links between petitions, the
// repeat candidates and the desk-only columns of 002_desk.sql. Like store.h: every function runs
// on the caller's session (and transaction); parameters are bound, never spliced.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/petitions/petition.h"

namespace tinhso::petitions {

// One representative of a group (Law on Citizen Reception 2013 Art. 29). For a denunciation name
// and contact are empty and `sealed` holds them (seal_representative); else `sealed` is empty.
struct Representative {
  int position = 0;  // 1-based, in the order given
  std::string name, contact, sealed;
};
void insert_representative(soci::session& s, std::int64_t petition_id, const Representative& r);
std::vector<Representative> load_representatives(soci::session& s, std::int64_t petition_id);
// Replaces the representative at `position` by its sealed form: name and contact emptied (a
// petition reclassified as a denunciation; Law on Denunciations 2018 Art. 8(3)).
void seal_representative_row(soci::session& s, std::int64_t petition_id, int position, const std::string& sealed);

// The representatives of the non-denunciation groups (group_size > 1) of `agency_id` (0: every
// agency) received from `since` on, by petition id: one statement for a whole export.
std::map<std::int64_t, std::vector<Representative>> group_representatives(soci::session& s, std::int64_t agency_id,
                                                                          const std::string& since);

// The officer's reason for accepting a late complaint (Law on Complaints 2011 Art. 9); "" = none.
// Read back as Petition::late_filing_reason.
void set_late_filing_reason(soci::session& s, std::int64_t petition_id, const std::string& reason);
void set_long_running(soci::session& s, std::int64_t petition_id, bool long_running);

// A link between a later petition and an earlier one (002_desk.sql petition_links).
struct PetitionLink {
  std::int64_t petition_id = 0, earlier_id = 0;
  std::string kind;  // link_kind_code()
  std::string created_at;
};
// Inserts the link; false (and nothing written) when the pair is already linked either way round.
bool insert_link(soci::session& s, const PetitionLink& link, std::int64_t actor_id);
// Deletes the link between the two, whichever way round; false when there was none.
bool delete_link(soci::session& s, std::int64_t a, std::int64_t b);
// Every link with `petition_id` at either end, oldest first.
std::vector<PetitionLink> links_of(soci::session& s, std::int64_t petition_id);


// What the repeat suggestions need of an earlier petition.
struct Candidate {
  std::int64_t id = 0, agency_id = 0, filer_account_id = 0;
  std::string code, subject, received_at, filer_name, filer_contact;
  std::string folded;  // search_folded: text::fold of subject, content and category
  Kind kind = Kind::feedback;
  State state = State::received;
  bool long_running = false;
};

// Candidates for the repeat suggestions of `x`: other petitions of x's agency received from
// `since` (ISO-8601 UTC) up to x's receipt, whose folded text holds one of `words`
// (significant_words of x's subject, at most kMaxCandidateWords) or whose filer is x's account or
// x's exact filer name. Newest first, at most `limit`.
// Cost: one range scan of the index (agency_id, received_at) over the window, the word and filer
// tests evaluated on each row of it, stopped after `limit` matches — so bounded by the agency's
// petitions in the window (≈13 k a year for a whole province, CONTEXT.md) and never more than
// `limit` rows fetched.
inline constexpr std::size_t kMaxCandidateWords = 4;
std::vector<Candidate> repeat_candidates(soci::session& s, const Petition& x, const std::string& since,
                                        const std::vector<std::string>& words, int limit);

// A petition related to another one, for its desk page.
struct Related {
  Candidate petition;  // its folded text is not read (empty)
  // "earlier" / "later": linked (link_kind says how); "first": the first complaint this second
  // complaint follows; "second": a second complaint that follows this first one.
  std::string relation, link_kind;
};
// Every petition related to `petition_id`, in one statement: links either way, and the
// second-complaint link either way. Earlier ones first.
std::vector<Related> related_petitions(soci::session& s, std::int64_t petition_id);

}  // namespace tinhso::petitions
