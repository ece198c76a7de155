// The petitions store (store.h). Nullable columns are read through COALESCE and written through
// NULLIF, booleans as integers, so a row maps onto plain fields on both dialects.
#include "modules/petitions/store.h"

#include <cstdio>

#include <sodium.h>
#include <sstream>

#include "core/text/vietnamese.h"
#include "modules/petitions/desk_rules.h"

namespace tinhso::petitions {

namespace {

constexpr const char* kColumns =
    "SELECT id, code, kind, state, channel, subject, content, category, agency_id, COALESCE(admin_unit_id, 0),"
    " CASE WHEN remote THEN 1 ELSE 0 END, complexity, CASE WHEN several_places THEN 1 ELSE 0 END,"
    " COALESCE(filer_account_id, 0), filer_name, filer_contact, CASE WHEN anonymous THEN 1 ELSE 0 END,"
    " group_size, COALESCE(linked_petition_id, 0), COALESCE(assignee_id, 0), received_at, COALESCE(accepted_at, ''),"
    " COALESCE(closed_at, ''), COALESCE(accept_due, ''), COALESCE(resolve_due, ''), COALESCE(inform_due, ''),"
    " created_at, updated_at, version, CASE WHEN long_running THEN 1 ELSE 0 END,"
    " late_filing_reason, COALESCE(decided_at, ''), COALESCE(forward_due, ''), COALESCE(notice_due, ''),"
    " COALESCE(send_due, ''), first_decision_number, first_decision_date, first_decision_agency,"
    " COALESCE(extension_notice_due, ''), COALESCE(acceptance_notified_at, ''), COALESCE(pending_due, ''),"
    " COALESCE(settled_at, ''), CASE WHEN settled_on_time THEN 1 ELSE 0 END FROM petitions ";

struct Row {
  long long id = 0, agency = 0, unit = 0, filer = 0, linked = 0, assignee = 0;
  int remote = 0, several = 0, anonymous = 0, long_running = 0, settled_on_time = 0;
  std::string kind, state, channel, complexity;
  Petition p;

  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(id), soci::into(p.code), soci::into(kind), soci::into(state), soci::into(channel),
        soci::into(p.subject), soci::into(p.content), soci::into(p.category), soci::into(agency), soci::into(unit),
        soci::into(remote), soci::into(complexity), soci::into(several), soci::into(filer), soci::into(p.filer_name),
        soci::into(p.filer_contact), soci::into(anonymous), soci::into(p.group_size), soci::into(linked),
        soci::into(assignee), soci::into(p.received_at), soci::into(p.accepted_at), soci::into(p.closed_at),
        soci::into(p.accept_due), soci::into(p.resolve_due), soci::into(p.inform_due), soci::into(p.created_at),
        soci::into(p.updated_at), soci::into(p.version), soci::into(long_running),
        soci::into(p.late_filing_reason), soci::into(p.decided_at), soci::into(p.forward_due),
        soci::into(p.notice_due), soci::into(p.send_due), soci::into(p.first_decision_number),
        soci::into(p.first_decision_date), soci::into(p.first_decision_agency), soci::into(p.extension_notice_due),
        soci::into(p.acceptance_notified_at), soci::into(p.pending_due), soci::into(p.settled_at),
        soci::into(settled_on_time);
  }

  Petition get() const {
    Petition out = p;
    out.id = id;
    out.kind = parse_kind(kind).value_or(Kind::feedback);
    out.state = parse_state(state).value_or(State::received);
    out.channel = parse_channel(channel).value_or(Channel::online);
    out.complexity = parse_complexity(complexity).value_or(Complexity::none);
    out.agency_id = agency;
    out.admin_unit_id = unit;
    out.remote = remote != 0;
    out.several_places = several != 0;
    out.filer_account_id = filer;
    out.anonymous = anonymous != 0;
    out.linked_petition_id = linked;
    out.assignee_id = assignee;
    out.long_running = long_running != 0;
    out.settled_on_time = settled_on_time != 0;
    return out;
  }
};

template <class Value>
std::optional<Petition> find_by(soci::session& s, const char* where, const Value& value) {
  Row r;
  Value v = value;
  auto q = (s.prepare << std::string(kColumns) + where, soci::use(v, "v"));
  r.bind(q);
  soci::statement st = q;
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return r.get();
}

std::string folded_text(const Petition& p) { return text::fold(p.subject + "\n" + p.content + "\n" + p.category); }

// LIKE patterns for up to kMaxSearchWords words of `q` (folded), "%" for the unused ones; the
// LIKE wildcards a person types are taken literally.
std::vector<std::string> word_patterns(const std::string& q) {
  std::vector<std::string> out;
  std::istringstream words(text::fold(q));
  std::string w;
  while (words >> w && static_cast<int>(out.size()) < kMaxSearchWords) {
    std::string escaped;
    for (char c : w) {
      if (c == '%' || c == '_' || c == '\\') escaped += '\\';
      escaped += c;
    }
    out.push_back("%" + escaped + "%");
  }
  while (static_cast<int>(out.size()) < kMaxSearchWords) out.push_back("%");
  return out;
}

std::vector<Petition> fetch_list(soci::statement& st, Row& r) {
  std::vector<Petition> out;
  st.execute();
  while (st.fetch()) out.push_back(r.get());
  return out;
}

}  // namespace

Petition insert_petition(soci::session& s, Petition p, const std::string& day) {
  long long agency = p.agency_id, unit = p.admin_unit_id, filer = p.filer_account_id, linked = p.linked_petition_id,
            assignee = p.assignee_id, id = 0;
  int remote = p.remote, several = p.several_places, anonymous = p.anonymous, settled_on_time = p.settled_on_time;
  std::string kind(kind_code(p.kind)), state(state_code(p.state)), channel(channel_code(p.channel)),
      complexity(complexity_code(p.complexity)), folded = folded_text(p), provisional, settled2 = p.settled_at;
  // Law on Denunciations 2018 Art. 8(3): a denouncer's name and contact never go in plain columns.
  std::string filer_name = p.kind == Kind::denunciation ? "" : p.filer_name;
  std::string filer_contact = p.kind == Kind::denunciation ? "" : p.filer_contact;
  // The code needs the id: a unique provisional code first, replaced in the same transaction.
  provisional = "new-" + std::to_string(randombytes_random()) + "-" + std::to_string(randombytes_random());
  s << "INSERT INTO petitions (code, kind, state, channel, subject, content, category, search_folded, agency_id,"
       " admin_unit_id, remote, complexity, several_places, filer_account_id, filer_name, filer_contact, anonymous,"
       " group_size, linked_petition_id, assignee_id, received_at, accepted_at, closed_at, accept_due, resolve_due,"
       " inform_due, created_at, updated_at, version, forward_due, notice_due, send_due, first_decision_number,"
       " first_decision_date, first_decision_agency, pending_due, settled_at, settled_on_time)"
       " VALUES (:code, :kind, :state, :channel, :subject, :content, :category, :folded, :agency, NULLIF(:unit, 0),"
       " CASE CAST(:remote AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :complexity,"
       " CASE CAST(:several AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, NULLIF(:filer, 0), :filer_name,"
       " :filer_contact, CASE CAST(:anonymous AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :group_size,"
       " NULLIF(:linked, 0), NULLIF(:assignee, 0), :received, NULLIF(:accepted, ''), NULLIF(:closed, ''),"
       " NULLIF(:accept_due, ''), NULLIF(:resolve_due, ''), NULLIF(:inform_due, ''), :created, :updated, 0,"
       " NULLIF(:forward_due, ''), NULLIF(:notice_due, ''), NULLIF(:send_due, ''), :fd_number, :fd_date, :fd_agency,"
       " NULLIF(:pending_due, ''), NULLIF(:settled, ''), CASE WHEN :settled2 = '' THEN NULL"
       " WHEN CAST(:settled_on_time AS INTEGER) = 1 THEN TRUE ELSE FALSE END)"
       " RETURNING id",
      soci::use(provisional, "code"), soci::use(kind, "kind"), soci::use(state, "state"), soci::use(channel, "channel"),
      soci::use(p.subject, "subject"), soci::use(p.content, "content"), soci::use(p.category, "category"),
      soci::use(folded, "folded"), soci::use(agency, "agency"), soci::use(unit, "unit"), soci::use(remote, "remote"),
      soci::use(complexity, "complexity"), soci::use(several, "several"), soci::use(filer, "filer"),
      soci::use(filer_name, "filer_name"), soci::use(filer_contact, "filer_contact"),
      soci::use(anonymous, "anonymous"), soci::use(p.group_size, "group_size"), soci::use(linked, "linked"),
      soci::use(assignee, "assignee"), soci::use(p.received_at, "received"), soci::use(p.accepted_at, "accepted"),
      soci::use(p.closed_at, "closed"), soci::use(p.accept_due, "accept_due"), soci::use(p.resolve_due, "resolve_due"),
      soci::use(p.inform_due, "inform_due"), soci::use(p.created_at, "created"), soci::use(p.updated_at, "updated"),
      soci::use(p.forward_due, "forward_due"), soci::use(p.notice_due, "notice_due"), soci::use(p.send_due, "send_due"),
      soci::use(p.first_decision_number, "fd_number"), soci::use(p.first_decision_date, "fd_date"),
      soci::use(p.first_decision_agency, "fd_agency"), soci::use(p.pending_due, "pending_due"),
      soci::use(p.settled_at, "settled"), soci::use(settled2, "settled2"), soci::use(settled_on_time, "settled_on_time"),
      soci::into(id);
  char code[48];
  std::snprintf(code, sizeof code, "PA-%s-%06lld", day.c_str(), id);
  p.code = code;
  s << "UPDATE petitions SET code = :code WHERE id = :id", soci::use(p.code, "code"), soci::use(id, "id");
  p.id = id;
  p.filer_name = filer_name;
  p.filer_contact = filer_contact;
  p.version = 0;
  return p;
}

void set_identity_sealed(soci::session& s, std::int64_t id, const std::string& sealed) {
  long long v = id;
  std::string blob = sealed;
  s << "UPDATE petitions SET identity_sealed = :blob WHERE id = :id", soci::use(blob, "blob"), soci::use(v, "id");
}

std::string identity_sealed(soci::session& s, std::int64_t id) {
  long long v = id;
  std::string blob;
  s << "SELECT COALESCE(identity_sealed, '') FROM petitions WHERE id = :id", soci::use(v, "id"), soci::into(blob);
  return blob;
}

std::optional<Petition> find_petition(soci::session& s, std::int64_t id) {
  return find_by(s, "WHERE id = :v", static_cast<long long>(id));
}

std::optional<Petition> find_petition_by_code(soci::session& s, const std::string& code) {
  return find_by(s, "WHERE code = :v", code);
}

bool update_petition(soci::session& s, const Petition& p) {
  long long id = p.id, agency = p.agency_id, assignee = p.assignee_id, linked = p.linked_petition_id;
  int remote = p.remote, several = p.several_places, version = p.version, settled_on_time = p.settled_on_time;
  std::string kind(kind_code(p.kind)), state(state_code(p.state)), complexity(complexity_code(p.complexity)),
      folded = folded_text(p), settled2 = p.settled_at;
  soci::statement st =
      (s.prepare << "UPDATE petitions SET kind = :kind, state = :state, category = :category, search_folded = :folded,"
                    " agency_id = :agency, remote = CASE CAST(:remote AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END,"
                    " complexity = :complexity,"
                    " several_places = CASE CAST(:several AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END,"
                    " linked_petition_id = NULLIF(:linked, 0), assignee_id = NULLIF(:assignee, 0),"
                    " accepted_at = NULLIF(:accepted, ''), closed_at = NULLIF(:closed, ''),"
                    " accept_due = NULLIF(:accept_due, ''), resolve_due = NULLIF(:resolve_due, ''),"
                    " inform_due = NULLIF(:inform_due, ''), updated_at = :updated, version = version + 1,"
                    " decided_at = NULLIF(:decided, ''), forward_due = NULLIF(:forward_due, ''),"
                    " notice_due = NULLIF(:notice_due, ''), send_due = NULLIF(:send_due, ''),"
                    " extension_notice_due = NULLIF(:ext_due, ''), acceptance_notified_at = NULLIF(:acc_notified, ''),"
                    " pending_due = NULLIF(:pending_due, ''), settled_at = NULLIF(:settled, ''),"
                    " settled_on_time = CASE WHEN :settled2 = '' THEN NULL WHEN CAST(:settled_on_time AS INTEGER) = 1"
                    " THEN TRUE ELSE FALSE END"
                    " WHERE id = :id AND version = :version",
       soci::use(kind, "kind"), soci::use(state, "state"), soci::use(p.category, "category"), soci::use(folded, "folded"),
       soci::use(agency, "agency"), soci::use(remote, "remote"), soci::use(complexity, "complexity"),
       soci::use(several, "several"), soci::use(linked, "linked"), soci::use(assignee, "assignee"),
       soci::use(p.accepted_at, "accepted"), soci::use(p.closed_at, "closed"), soci::use(p.accept_due, "accept_due"),
       soci::use(p.resolve_due, "resolve_due"), soci::use(p.inform_due, "inform_due"), soci::use(p.updated_at, "updated"),
       soci::use(p.decided_at, "decided"), soci::use(p.forward_due, "forward_due"), soci::use(p.notice_due, "notice_due"),
       soci::use(p.send_due, "send_due"), soci::use(p.extension_notice_due, "ext_due"),
       soci::use(p.acceptance_notified_at, "acc_notified"), soci::use(p.pending_due, "pending_due"),
       soci::use(p.settled_at, "settled"), soci::use(settled2, "settled2"),
       soci::use(settled_on_time, "settled_on_time"), soci::use(id, "id"), soci::use(version, "version"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Petition> search_petitions(soci::session& s, const Filter& f) {
  // Only the filters given go into the statement (constant fragments, values bound), so that an
  // index can serve it: (agency_id, received_at) for an agency's officers, (received_at) else.
  auto words = word_patterns(f.q);
  long long agency = f.agency_id;
  int limit = f.limit, offset = f.offset;
  std::string kind = f.kind, state = f.state, overdue = f.overdue_on;
  std::string where = "WHERE 1 = 1";
  static const char* kWordNames[kMaxSearchWords] = {"w0", "w1", "w2", "w3", "w4", "w5"};
  int used_words = 0;
  for (const auto& w : words) {
    if (w == "%") break;
    where += std::string(" AND search_folded LIKE :") + kWordNames[used_words++] + " ESCAPE '\\'";
  }
  if (!kind.empty()) where += " AND kind = :kind";
  if (!state.empty()) where += " AND state = :state";
  if (agency != 0) where += " AND agency_id = :agency";
  long long unit = f.admin_unit_id;
  if (unit != 0) where += " AND admin_unit_id = :unit";
  // Overdue: a step still owed is past its due day (petition.h pending_due: every step with a
  // period the state still owes, NULL in final states); the partial indexes of 008 serve it.
  if (!overdue.empty()) where += " AND pending_due IS NOT NULL AND pending_due < :overdue";
  // Desk flags (desk_rules.h); `flagged` is, word for word, the predicate of the partial indexes of
  // 002_desk.sql, so the planners use them.
  static_assert(kMassGroupSize == 5, "the partial indexes of 002_desk.sql say group_size >= 5");
  if (f.mass) where += " AND group_size >= " + std::to_string(kMassGroupSize);
  if (f.long_running) where += " AND long_running";
  if (f.flagged) where += " AND (long_running OR group_size >= 5) AND state NOT IN ('closed', 'refused', 'forwarded', 'guided')";
  const char* order = f.flagged  ? " ORDER BY CASE WHEN long_running THEN 0 ELSE 1 END, received_at DESC, id DESC"
                      : f.by_due ? " ORDER BY pending_due, id"
                                 : " ORDER BY received_at DESC, id DESC";
  Row r;
  auto q = (s.prepare << std::string(kColumns) + where + order + " LIMIT :limit OFFSET :offset");
  for (int i = 0; i < used_words; ++i) q, soci::use(words[static_cast<std::size_t>(i)], kWordNames[i]);
  if (!kind.empty()) q, soci::use(kind, "kind");
  if (!state.empty()) q, soci::use(state, "state");
  if (agency != 0) q, soci::use(agency, "agency");
  if (unit != 0) q, soci::use(unit, "unit");
  if (!overdue.empty()) q, soci::use(overdue, "overdue");
  q, soci::use(limit, "limit"), soci::use(offset, "offset");
  r.bind(q);
  soci::statement st = q;
  return fetch_list(st, r);
}

namespace {

// ":l0, :l1, ..." for `n` links.
std::string link_params(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? ", :l" : ":l") + std::to_string(i);
  return out;
}

}  // namespace

std::vector<Petition> petitions_of(soci::session& s, std::int64_t account_id, const std::vector<std::string>& links,
                                   int limit, int offset) {
  long long account = account_id;
  std::string where = "WHERE filer_account_id = :account";
  if (!links.empty()) where = "WHERE (filer_account_id = :account OR filer_link IN (" + link_params(links.size()) + "))";
  std::vector<std::string> names;
  for (std::size_t i = 0; i < links.size(); ++i) names.push_back("l" + std::to_string(i));
  Row r;
  auto q = (s.prepare << std::string(kColumns) + where + " ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset",
            soci::use(account, "account"));
  for (std::size_t i = 0; i < links.size(); ++i) q, soci::use(links[i], names[i]);
  q, soci::use(limit, "limit"), soci::use(offset, "offset");
  r.bind(q);
  soci::statement st = q;
  return fetch_list(st, r);
}

bool has_filer_link(soci::session& s, std::int64_t id, const std::vector<std::string>& links) {
  if (links.empty()) return false;
  long long v = id, found = 0;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < links.size(); ++i) names.push_back("l" + std::to_string(i));
  auto q = (s.prepare << "SELECT COUNT(*) FROM petitions WHERE id = :id AND filer_link IN (" + link_params(links.size()) + ")",
            soci::use(v, "id"));
  for (std::size_t i = 0; i < links.size(); ++i) q, soci::use(links[i], names[i]);
  q, soci::into(found);
  soci::statement st = q;
  st.execute(true);
  return found > 0;
}

void set_filer_link(soci::session& s, std::int64_t id, const std::string& link) {
  long long v = id;
  s << "UPDATE petitions SET filer_link = :link WHERE id = :id", soci::use(link, "link"), soci::use(v, "id");
}

void conceal_filer(soci::session& s, std::int64_t id, std::int64_t filer_account_id, const std::string& link) {
  long long v = id, account = filer_account_id;
  s << "UPDATE petitions SET filer_account_id = NULL, filer_name = '', filer_contact = '',"
       " filer_link = COALESCE(NULLIF(:link, ''), filer_link) WHERE id = :id",
      soci::use(link, "link"), soci::use(v, "id");
  if (account != 0)
    s << "UPDATE petition_events SET actor_id = NULL WHERE petition_id = :id AND actor_id = :account", soci::use(v, "id"),
        soci::use(account, "account");
}

int count_form_post(soci::session& s, const std::string& hour, const std::string& bucket) {
  int posts = 0;
  s << "INSERT INTO petition_form_usage (hour, bucket, posts) VALUES (:h, :b, 1)"
       " ON CONFLICT (hour, bucket) DO UPDATE SET posts = petition_form_usage.posts + 1 RETURNING posts",
      soci::use(hour, "h"), soci::use(bucket, "b"), soci::into(posts);
  return posts;
}

void prune_form_usage(soci::session& s, const std::string& hour) {
  s << "DELETE FROM petition_form_usage WHERE hour < :h", soci::use(hour, "h");
}

std::array<long long, 3> form_usage(soci::session& s, const std::string& hour, const std::string& a,
                                    const std::string& b, const std::string& c) {
  std::array<long long, 3> out{};
  s << "SELECT COALESCE((SELECT posts FROM petition_form_usage WHERE hour = :ha AND bucket = :a), 0),"
       " COALESCE((SELECT posts FROM petition_form_usage WHERE hour = :hb AND bucket = :b), 0),"
       " COALESCE((SELECT posts FROM petition_form_usage WHERE hour = :hc AND bucket = :c), 0)",
      soci::use(hour, "ha"), soci::use(a, "a"), soci::use(hour, "hb"), soci::use(b, "b"), soci::use(hour, "hc"),
      soci::use(c, "c"), soci::into(out[0]), soci::into(out[1]), soci::into(out[2]);
  return out;
}

void set_lookup_key_hash(soci::session& s, std::int64_t id, const std::string& hash) {
  long long pid = id;
  s << "UPDATE petitions SET lookup_key_hash = :hash WHERE id = :id", soci::use(hash, "hash"), soci::use(pid, "id");
}

std::string lookup_key_hash_of(soci::session& s, std::int64_t id) {
  long long pid = id;
  std::string hash;
  soci::indicator ind = soci::i_null;
  s << "SELECT lookup_key_hash FROM petitions WHERE id = :id", soci::use(pid, "id"), soci::into(hash, ind);
  return ind == soci::i_ok ? hash : std::string();
}

void set_idempotency(soci::session& s, std::int64_t id, const std::string& hash, const std::string& owner) {
  long long pid = id;
  s << "UPDATE petitions SET idempotency_hash = :hash, idempotency_owner = :owner WHERE id = :id", soci::use(hash, "hash"),
      soci::use(owner, "owner"), soci::use(pid, "id");
}

std::optional<IdempotentFiling> find_by_idempotency_hash(soci::session& s, const std::string& hash) {
  long long id = 0;
  std::string owner;
  soci::indicator ind = soci::i_null;
  s << "SELECT id, COALESCE(idempotency_owner, '') FROM petitions WHERE idempotency_hash = :hash", soci::use(hash, "hash"),
      soci::into(id), soci::into(owner, ind);
  if (!s.got_data()) return std::nullopt;
  return IdempotentFiling{id, ind == soci::i_ok ? owner : std::string()};
}

void insert_event(soci::session& s, std::int64_t petition_id, const Event& e) {
  long long id = petition_id, actor = e.actor_id;
  std::string at = e.at, role = e.role, action = e.action, from = e.from_state, to = e.to_state, note = e.note;
  s << "INSERT INTO petition_events (petition_id, at, actor_id, role, action, from_state, to_state, note)"
       " VALUES (:id, :at, NULLIF(:actor, 0), :role, :action, :from_state, :to_state, :note)",
      soci::use(id, "id"), soci::use(at, "at"), soci::use(actor, "actor"), soci::use(role, "role"),
      soci::use(action, "action"), soci::use(from, "from_state"), soci::use(to, "to_state"), soci::use(note, "note");
}

std::vector<Extension> load_extensions(soci::session& s, std::int64_t petition_id) {
  long long id = petition_id;
  int days = 0, notified = 0;
  std::string number, date;
  soci::statement st = (s.prepare << "SELECT days, decision_number, decision_date,"
                                     " CASE WHEN notified_at IS NULL THEN 0 ELSE 1 END FROM petition_extensions"
                                     " WHERE petition_id = :id ORDER BY position",
                        soci::use(id, "id"), soci::into(days), soci::into(number), soci::into(date), soci::into(notified));
  st.execute();
  std::vector<Extension> out;
  while (st.fetch()) out.push_back({days, number, calendar::parse_date(date), notified != 0});
  return out;
}

int mark_extensions_notified(soci::session& s, std::int64_t petition_id, const std::string& at) {
  long long id = petition_id;
  std::string when = at;
  soci::statement st = (s.prepare << "UPDATE petition_extensions SET notified_at = :at"
                                     " WHERE petition_id = :id AND notified_at IS NULL",
                        soci::use(when, "at"), soci::use(id, "id"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

void insert_extension(soci::session& s, std::int64_t petition_id, int position, const Extension& e,
                      const std::string& at, std::int64_t actor_id) {
  long long id = petition_id, actor = actor_id;
  int days = e.days;
  std::string number = e.decision, date = e.decided_on ? calendar::format_date(*e.decided_on) : std::string(), when = at;
  s << "INSERT INTO petition_extensions (petition_id, position, days, decision_number, decision_date, created_at, actor_id)"
       " VALUES (:id, :position, :days, :number, :date, :at, NULLIF(:actor, 0))",
      soci::use(id, "id"), soci::use(position, "position"), soci::use(days, "days"), soci::use(number, "number"),
      soci::use(date, "date"), soci::use(when, "at"), soci::use(actor, "actor");
}

std::vector<Event> load_events(soci::session& s, std::int64_t petition_id) {
  long long id = petition_id, actor = 0;
  Event e;
  soci::statement st =
      (s.prepare << "SELECT at, COALESCE(actor_id, 0), role, action, from_state, to_state, note FROM petition_events"
                    " WHERE petition_id = :id ORDER BY id",
       soci::use(id, "id"), soci::into(e.at), soci::into(actor), soci::into(e.role), soci::into(e.action),
       soci::into(e.from_state), soci::into(e.to_state), soci::into(e.note));
  st.execute();
  std::vector<Event> out;
  while (st.fetch()) {
    e.actor_id = actor;
    out.push_back(e);
  }
  return out;
}

}  // namespace tinhso::petitions
