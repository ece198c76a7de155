#include "modules/consultations/store.h"

#include <array>
#include <utility>

#include "core/document/files.h"
#include "modules/consultations/rules.h"

namespace tinhso::consultations {

namespace {


constexpr const char* kConsultationColumns =
    "SELECT k.id, k.title, k.summary, k.agency_id, COALESCE(g.name, ''), k.kind, k.legal_basis, k.field,"
    " CASE WHEN k.province_wide THEN 1 ELSE 0 END, k.opens_at, k.closes_at, k.short_reason,"
    " CASE WHEN k.state = 'published' THEN 1 ELSE 0 END, COALESCE(k.published_at, ''),"
    " COALESCE(k.report_published_at, ''), k.report_note, k.created_at, COALESCE(k.created_by, 0), k.version,"
    " COALESCE((SELECT MAX(v.number) FROM consultation_versions v WHERE v.consultation_id = k.id), 0)";

// Binds the columns of kConsultationColumns (in order) into `c` via a holder.
struct ConsultationRow {
  Consultation c;
  long long id = 0, agency = 0, by = 0;
  int wide = 0, published = 0;
  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(c.title));
    st.exchange(soci::into(c.summary));
    st.exchange(soci::into(agency));
    st.exchange(soci::into(c.agency_name));
    st.exchange(soci::into(c.kind));
    st.exchange(soci::into(c.legal_basis));
    st.exchange(soci::into(c.field));
    st.exchange(soci::into(wide));
    st.exchange(soci::into(c.opens_at));
    st.exchange(soci::into(c.closes_at));
    st.exchange(soci::into(c.short_reason));
    st.exchange(soci::into(published));
    st.exchange(soci::into(c.published_at));
    st.exchange(soci::into(c.report_published_at));
    st.exchange(soci::into(c.report_note));
    st.exchange(soci::into(c.created_at));
    st.exchange(soci::into(by));
    st.exchange(soci::into(c.version));
    st.exchange(soci::into(c.draft_version));
  }
  Consultation get() {
    Consultation out = c;
    out.id = id;
    out.agency_id = agency;
    out.created_by = by;
    out.province_wide = wide != 0;
    out.published = published != 0;
    return out;
  }
};

constexpr const char* kCommentColumns =
    "SELECT c.id, c.consultation_id, c.version_number, c.anchor, COALESCE(c.parent_id, 0), c.account_id,"
    " c.author_name, c.organisation, CASE WHEN c.hidden_at IS NULL THEN c.body ELSE '' END, c.created_at, c.agrees,"
    " CASE WHEN c.hidden_at IS NULL THEN 0 ELSE 1 END, c.hidden_reason, COALESCE(c.answer_id, 0)"
    " FROM consultation_comments c ";

struct CommentRow {
  Comment c;
  long long id = 0, cid = 0, parent = 0, account = 0, answer = 0;
  int hidden = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(cid));
    st.exchange(soci::into(c.version_number));
    st.exchange(soci::into(c.anchor));
    st.exchange(soci::into(parent));
    st.exchange(soci::into(account));
    st.exchange(soci::into(c.author_name));
    st.exchange(soci::into(c.organisation));
    st.exchange(soci::into(c.body));
    st.exchange(soci::into(c.created_at));
    st.exchange(soci::into(c.agrees));
    st.exchange(soci::into(hidden));
    st.exchange(soci::into(c.hidden_reason));
    st.exchange(soci::into(answer));
  }
  Comment get() {
    Comment out = c;
    out.id = id;
    out.consultation_id = cid;
    out.parent_id = parent;
    out.account_id = account;
    out.answer_id = answer;
    out.hidden = hidden != 0;
    return out;
  }
};

std::vector<Comment> fetch_comments(soci::statement& st) {
  CommentRow row;
  row.bind(st);
  st.define_and_bind();
  st.execute();
  std::vector<Comment> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

}  // namespace

std::string_view unit_kind_code(UnitKind k) { return kind_name(k); }

UnitKind parse_unit_kind(std::string_view code) { return kind_from_name(code).value_or(UnitKind::preamble); }

std::vector<Kind> kinds(soci::session& s) {
  std::vector<Kind> out;
  Kind k;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, min_days, basis FROM consultation_kinds ORDER BY"
                                     " CASE code WHEN 'other' THEN 1 ELSE 0 END, code",
                        soci::into(k.code), soci::into(k.name_vi), soci::into(k.name_en), soci::into(k.min_days),
                        soci::into(k.basis));
  st.execute();
  while (st.fetch()) out.push_back(k);
  return out;
}

std::optional<Kind> find_kind(soci::session& s, const std::string& code) {
  Kind k;
  s << "SELECT code, name_vi, name_en, min_days, basis FROM consultation_kinds WHERE code = :c", soci::use(code, "c"),
      soci::into(k.code), soci::into(k.name_vi), soci::into(k.name_en), soci::into(k.min_days), soci::into(k.basis);
  if (!s.got_data()) return std::nullopt;
  return k;
}

std::optional<Consultation> load_consultation(soci::session& s, std::int64_t id) {
  long long key = id;
  ConsultationRow row;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kConsultationColumns) + " FROM consultations k LEFT JOIN agencies g ON g.id = k.agency_id"
                                                 " WHERE k.id = :id");
  row.bind(st);
  st.exchange(soci::use(key, "id"));
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  Consultation c = row.get();
  if (!c.province_wide) {
    long long unit = 0;
    soci::statement us = (s.prepare << "SELECT unit_id FROM consultation_audience WHERE consultation_id = :id"
                                       " ORDER BY unit_id",
                          soci::use(key, "id"), soci::into(unit));
    us.execute();
    while (us.fetch()) c.units.push_back(unit);
  }
  return c;
}

namespace {

std::vector<ListRow> list_where(soci::session& s, const std::string& where,
                                 const std::vector<std::pair<std::string, std::string>>& text_binds,
                                 std::int64_t offset, int limit) {
  ConsultationRow row;
  long long comments = 0, off = offset;
  int lim = limit;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kConsultationColumns) +
             ", (SELECT COALESCE(SUM(cc.visible), 0) FROM consultation_comment_counts cc"
             " WHERE cc.consultation_id = k.id)"
             " FROM consultations k LEFT JOIN agencies g ON g.id = k.agency_id " +
             where + " LIMIT :lim OFFSET :off");
  row.bind(st);
  st.exchange(soci::into(comments));
  for (const auto& [name, value] : text_binds) st.exchange(soci::use(value, name));
  st.exchange(soci::use(lim, "lim"));
  st.exchange(soci::use(off, "off"));
  st.define_and_bind();
  st.execute();
  std::vector<ListRow> out;
  while (st.fetch()) out.push_back({row.get(), comments});
  return out;
}

bool postgresql(soci::session& s) { return s.get_backend_name() == "postgresql"; }

// The condition "consultation k has a visible comment matching :q2" (:q2 from match_text), through
// the dialect's full-text index (migrations/002_comment_search.*.sql), which holds visible
// comments only. SQLite: one intersection with the consultation's scope token inside the index.
std::string consultation_has_match(soci::session& s) {
  if (postgresql(s))
    return "k.id IN (SELECT m.consultation_id FROM consultation_comments m WHERE m.hidden_at IS NULL AND"
           " to_tsvector('simple', m.body_fold) @@ to_tsquery('simple', :q2))";
  return "EXISTS (SELECT 1 FROM consultation_comments_fts WHERE consultation_comments_fts MATCH"
         " ('scope : k' || k.id || ' AND body_fold : (' || :q2 || ')'))";
}

std::string match_text(soci::session& s, const std::vector<std::string>& words) {
  return postgresql(s) ? tsquery(words) : fts5_query(words);
}

}  // namespace

std::vector<ListRow> public_list(soci::session& s, const std::string& now, const std::string& phase,
                                 const std::string& q, std::int64_t offset, int limit) {
  std::string where = "WHERE k.state = 'published'";
  std::vector<std::pair<std::string, std::string>> binds;
  if (phase == "open") {
    where += " AND k.opens_at <= :n1 AND k.closes_at > :n2";
    binds = {{"n1", now}, {"n2", now}};
  } else if (phase == "upcoming") {
    where += " AND k.opens_at > :n1";
    binds = {{"n1", now}};
  } else if (phase == "closed") {
    where += " AND k.closes_at <= :n1";
    binds = {{"n1", now}};
  }
  if (!q.empty()) {
    // The titles by substring (few rows); the comments through the full-text index.
    const auto words = search_words(q);
    where += " AND (k.title_fold LIKE :q1 ESCAPE '\\'";
    binds.emplace_back("q1", like_pattern(q));
    if (!words.empty()) {
      where += " OR " + consultation_has_match(s);
      binds.emplace_back("q2", match_text(s, words));
    }
    where += ")";
  }
  where += phase == "open" ? " ORDER BY k.closes_at, k.id" : " ORDER BY k.opens_at DESC, k.id DESC";
  return list_where(s, where, binds, offset, limit);
}

std::vector<ListRow> agency_list(soci::session& s, const std::vector<std::int64_t>& scope, std::int64_t offset,
                                 int limit) {
  if (scope.empty()) return {};
  return list_where(s, "WHERE k.agency_id IN (" + id_list(scope) + ") ORDER BY k.id DESC", {}, offset, limit);
}

std::vector<Unit> draft_units(soci::session& s, std::int64_t consultation_id, int number) {
  long long cid = consultation_id;
  int n = number;
  Unit u;
  std::string kind;
  soci::statement st =
      (s.prepare << "SELECT u.kind, u.number, u.heading, u.body, u.anchor, u.parent, u.depth, u.within FROM consultation_units u"
                    " JOIN consultation_versions v ON v.id = u.version_id WHERE v.consultation_id = :c1 AND v.number ="
                    " CASE WHEN :n1 = 0 THEN (SELECT MAX(number) FROM consultation_versions WHERE consultation_id = :c2)"
                    " ELSE :n2 END ORDER BY u.seq",
       soci::use(cid, "c1"), soci::use(n, "n1"), soci::use(cid, "c2"), soci::use(n, "n2"), soci::into(kind),
       soci::into(u.number), soci::into(u.heading), soci::into(u.text), soci::into(u.anchor), soci::into(u.parent),
       soci::into(u.depth), soci::into(u.within));
  st.execute();
  std::vector<Unit> out;
  while (st.fetch()) {
    u.kind = parse_unit_kind(kind);
    out.push_back(u);
  }
  return out;
}

std::vector<VersionRow> versions(soci::session& s, std::int64_t consultation_id) {
  long long cid = consultation_id, id = 0, units = 0;
  VersionRow r;
  soci::statement st = (s.prepare << "SELECT v.id, v.number, v.source_name, v.note, v.created_at,"
                                     " (SELECT COUNT(*) FROM consultation_units u WHERE u.version_id = v.id)"
                                     " FROM consultation_versions v WHERE v.consultation_id = :c ORDER BY v.number",
                        soci::use(cid, "c"), soci::into(id), soci::into(r.number), soci::into(r.source_name),
                        soci::into(r.note), soci::into(r.created_at), soci::into(units));
  st.execute();
  std::vector<VersionRow> out;
  while (st.fetch()) {
    r.id = id;
    r.units = units;
    out.push_back(r);
  }
  return out;
}

std::map<std::string, long long> comment_counts(soci::session& s, std::int64_t consultation_id) {
  long long cid = consultation_id, n = 0;
  std::string anchor;
  soci::statement st = (s.prepare << "SELECT anchor, visible FROM consultation_comment_counts WHERE consultation_id = :c"
                                     " AND visible > 0",
                        soci::use(cid, "c"), soci::into(anchor), soci::into(n));
  st.execute();
  std::map<std::string, long long> out;
  while (st.fetch()) out[anchor] = n;
  return out;
}

std::vector<Comment> comments_on(soci::session& s, std::int64_t consultation_id, const std::string& anchor,
                                 std::int64_t offset, int limit) {
  long long cid = consultation_id, off = offset;
  int lim = limit;
  // The unit and those below it: its anchor, or one that starts with it and a hyphen ('.' follows
  // '-' in every collation's byte order, so the range is the prefix).
  const std::string lo = anchor + "-", hi = anchor + ".";
  soci::statement st(s);
  st.alloc();
  if (anchor.empty()) {
    st.prepare(std::string(kCommentColumns) +
               "WHERE c.consultation_id = :c AND c.anchor = '' AND c.parent_id IS NULL ORDER BY c.id"
               " LIMIT :lim OFFSET :off");
    st.exchange(soci::use(cid, "c"));
  } else {
    st.prepare(std::string(kCommentColumns) +
               "WHERE c.consultation_id = :c AND (c.anchor = :a OR (c.anchor >= :lo AND c.anchor < :hi))"
               " AND c.parent_id IS NULL ORDER BY c.id LIMIT :lim OFFSET :off");
    st.exchange(soci::use(cid, "c"));
    st.exchange(soci::use(anchor, "a"));
    st.exchange(soci::use(lo, "lo"));
    st.exchange(soci::use(hi, "hi"));
  }
  st.exchange(soci::use(lim, "lim"));
  st.exchange(soci::use(off, "off"));
  return fetch_comments(st);
}

std::vector<Comment> comments_on_page(soci::session& s, std::int64_t consultation_id, const std::string& page,
                                      std::int64_t offset, int limit) {
  long long cid = consultation_id, off = offset;
  int lim = limit;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kCommentColumns) +
             "WHERE c.consultation_id = :c AND c.page_anchor = :p AND c.parent_id IS NULL"
             // The index's own order (the first two are fixed): a planner without statistics
             // might otherwise walk the table in id order for a page with few comments.
             " ORDER BY c.consultation_id, c.page_anchor, c.id LIMIT :lim OFFSET :off");
  st.exchange(soci::use(cid, "c"));
  st.exchange(soci::use(page, "p"));
  st.exchange(soci::use(lim, "lim"));
  st.exchange(soci::use(off, "off"));
  return fetch_comments(st);
}

std::vector<Comment> replies_to(soci::session& s, const std::vector<std::int64_t>& parents) {
  if (parents.empty()) return {};
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kCommentColumns) + "WHERE c.parent_id IN (" + id_list(parents) + ") ORDER BY c.id");
  return fetch_comments(st);
}

std::vector<Comment> all_comments(soci::session& s, std::int64_t consultation_id) {
  long long cid = consultation_id;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kCommentColumns) + "WHERE c.consultation_id = :c ORDER BY c.id");
  st.exchange(soci::use(cid, "c"));
  return fetch_comments(st);
}

std::map<std::int64_t, std::vector<FileRef>> comment_files(soci::session& s, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<FileRef>> out;
  if (ids.empty()) return out;
  long long id = 0, comment = 0, size = 0;
  FileRef f;
  soci::statement st = (s.prepare << "SELECT id, comment_id, file_name, content_type, size FROM"
                                     " consultation_comment_files WHERE comment_id IN (" + id_list(ids) + ") ORDER BY id",
                        soci::into(id), soci::into(comment), soci::into(f.name), soci::into(f.content_type),
                        soci::into(size));
  st.execute();
  while (st.fetch()) {
    f.id = id;
    f.size = size;
    out[comment].push_back(f);
  }
  return out;
}

std::optional<Comment> load_comment(soci::session& s, std::int64_t id, bool with_hidden_text) {
  long long key = id;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kCommentColumns) + "WHERE c.id = :id");
  st.exchange(soci::use(key, "id"));
  auto rows = fetch_comments(st);
  if (rows.empty()) return std::nullopt;
  if (with_hidden_text && rows.front().hidden)
    s << "SELECT body FROM consultation_comments WHERE id = :id", soci::use(key, "id"), soci::into(rows.front().body);
  return rows.front();
}

std::map<std::int64_t, Answer> answers(soci::session& s, std::int64_t consultation_id) {
  long long cid = consultation_id, id = 0;
  Answer a;
  soci::statement st = (s.prepare << "SELECT id, kind, body, changed_anchor, created_at FROM consultation_answers"
                                     " WHERE consultation_id = :c",
                        soci::use(cid, "c"), soci::into(id), soci::into(a.kind), soci::into(a.body),
                        soci::into(a.changed_anchor), soci::into(a.created_at));
  st.execute();
  std::map<std::int64_t, Answer> out;
  while (st.fetch()) {
    a.id = id;
    out[id] = a;
  }
  return out;
}

std::map<std::int64_t, Answer> answers_of(soci::session& s, const std::vector<Comment>& comments) {
  std::vector<std::int64_t> ids;
  for (const auto& c : comments)
    if (c.answer_id != 0) ids.push_back(c.answer_id);
  std::map<std::int64_t, Answer> out;
  if (ids.empty()) return out;
  long long id = 0;
  Answer a;
  soci::statement st = (s.prepare << "SELECT id, kind, body, changed_anchor, created_at FROM consultation_answers"
                                     " WHERE id IN (" + id_list(ids) + ")",
                        soci::into(id), soci::into(a.kind), soci::into(a.body), soci::into(a.changed_anchor),
                        soci::into(a.created_at));
  st.execute();
  while (st.fetch()) {
    a.id = id;
    out[id] = a;
  }
  return out;
}

std::string page_anchor(const std::vector<Unit>& units, const std::string& anchor) {
  auto find = [&](const std::string& a) -> const Unit* {
    for (const auto& u : units)
      if (u.anchor == a) return &u;
    return nullptr;
  };
  const Unit* u = find(anchor);
  while (u != nullptr && (u->kind == UnitKind::clause || u->kind == UnitKind::point) && !u->parent.empty()) {
    const Unit* p = find(u->parent);
    if (p == nullptr) break;
    u = p;
  }
  return u == nullptr ? std::string() : u->anchor;
}

CommentsAndAnswers comments_and_answers(soci::session& s, std::int64_t consultation_id) {
  return {draft_units(s, consultation_id, 0), all_comments(s, consultation_id), answers(s, consultation_id)};
}

std::vector<Question> questions(soci::session& s, std::int64_t consultation_id, bool results) {
  long long cid = consultation_id, qid = 0, oid = 0;
  int qseq = 0, oseq = 0, multiple = 0, other = 0;
  std::string qtext, otext;
  soci::statement st =
      (s.prepare << "SELECT q.id, q.seq, q.text, CASE WHEN q.multiple THEN 1 ELSE 0 END,"
                    " CASE WHEN q.allow_other THEN 1 ELSE 0 END, o.id, o.seq, o.text FROM consultation_questions q"
                    " JOIN consultation_options o ON o.question_id = q.id WHERE q.consultation_id = :c"
                    " ORDER BY q.seq, o.seq",
       soci::use(cid, "c"), soci::into(qid), soci::into(qseq), soci::into(qtext), soci::into(multiple),
       soci::into(other), soci::into(oid), soci::into(oseq), soci::into(otext));
  st.execute();
  std::vector<Question> out;
  while (st.fetch()) {
    if (out.empty() || out.back().id != qid)
      out.push_back({qid, qseq, qtext, multiple != 0, other != 0, {}, 0, 0});
    out.back().options.push_back({oid, oseq, otext, 0});
  }
  if (!results || out.empty()) return out;
  // Counts: per option, and per question its respondents and "other" texts, in one statement.
  long long key = 0, n = 0;
  std::string what;
  soci::statement rs =
      (s.prepare << "SELECT 'o', ro.option_id, COUNT(*) FROM consultation_response_options ro JOIN"
                    " consultation_questions q ON q.id = ro.question_id WHERE q.consultation_id = :c1"
                    " GROUP BY ro.option_id UNION ALL"
                    " SELECT 'r', r.question_id, COUNT(*) FROM consultation_responses r JOIN consultation_questions q"
                    " ON q.id = r.question_id WHERE q.consultation_id = :c2 GROUP BY r.question_id UNION ALL"
                    " SELECT 'x', r.question_id, COUNT(*) FROM consultation_responses r JOIN consultation_questions q"
                    " ON q.id = r.question_id WHERE q.consultation_id = :c3 AND r.other_text <> ''"
                    " GROUP BY r.question_id",
       soci::use(cid, "c1"), soci::use(cid, "c2"), soci::use(cid, "c3"), soci::into(what), soci::into(key),
       soci::into(n));
  rs.execute();
  while (rs.fetch()) {
    for (auto& q : out) {
      if (what == "o") {
        for (auto& o : q.options)
          if (o.id == key) o.count = n;
      } else if (q.id == key) {
        (what == "r" ? q.respondents : q.others) = n;
      }
    }
  }
  return out;
}

bool has_answered(soci::session& s, std::int64_t consultation_id, std::int64_t account) {
  long long cid = consultation_id, acc = account;
  int n = 0;
  s << "SELECT COUNT(*) FROM consultation_responses r JOIN consultation_questions q ON q.id = r.question_id"
       " WHERE q.consultation_id = :c AND r.account_id = :a",
      soci::use(cid, "c"), soci::use(acc, "a"), soci::into(n);
  return n > 0;
}

std::vector<std::int64_t> agreed(soci::session& s, std::int64_t account, const std::vector<std::int64_t>& ids) {
  std::vector<std::int64_t> out;
  if (ids.empty()) return out;
  long long acc = account, id = 0;
  soci::statement st = (s.prepare << "SELECT comment_id FROM consultation_agrees WHERE account_id = :a AND comment_id IN (" +
                                         id_list(ids) + ")",
                        soci::use(acc, "a"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::optional<Organisation> organisation(soci::session& s, std::int64_t account) {
  long long acc = account;
  Organisation o;
  o.account_id = account;
  s << "SELECT name, registration, representative, position FROM consultation_organisations WHERE account_id = :a",
      soci::use(acc, "a"), soci::into(o.name), soci::into(o.registration), soci::into(o.representative),
      soci::into(o.position);
  if (!s.got_data()) return std::nullopt;
  return o;
}

std::vector<Subscription> subscriptions(soci::session& s, std::int64_t account) {
  long long acc = account;
  Subscription sub;
  soci::statement st =
      (s.prepare << "SELECT x.scope, x.value, CASE x.scope WHEN 'consultation' THEN COALESCE(k.title, '')"
                    " WHEN 'agency' THEN COALESCE(g.name, '') ELSE x.value END FROM consultation_subscriptions x"
                    " LEFT JOIN consultations k ON x.scope = 'consultation' AND CAST(k.id AS TEXT) = x.value"
                    " LEFT JOIN agencies g ON x.scope = 'agency' AND CAST(g.id AS TEXT) = x.value"
                    " WHERE x.account_id = :a ORDER BY x.scope, x.created_at",
       soci::use(acc, "a"), soci::into(sub.scope), soci::into(sub.value), soci::into(sub.label));
  st.execute();
  std::vector<Subscription> out;
  while (st.fetch()) out.push_back(sub);
  return out;
}

std::vector<std::string> fields(soci::session& s) {
  std::string f;
  soci::statement st = (s.prepare << "SELECT DISTINCT field FROM consultations WHERE state = 'published' AND field <> ''"
                                     " ORDER BY field",
                        soci::into(f));
  st.execute();
  std::vector<std::string> out;
  while (st.fetch()) out.push_back(f);
  return out;
}

std::vector<Notice> notices(soci::session& s, std::int64_t account, std::int64_t offset, int limit) {
  long long acc = account, off = offset, id = 0, cid = 0, comment = 0;
  int lim = limit;
  Notice n;
  soci::statement st = (s.prepare << "SELECT x.id, x.consultation_id, COALESCE(x.comment_id, 0), x.event, k.title,"
                                     " x.created_at FROM consultation_notices x JOIN consultations k"
                                     " ON k.id = x.consultation_id WHERE x.account_id = :a ORDER BY x.id DESC"
                                     " LIMIT :lim OFFSET :off",
                        soci::use(acc, "a"), soci::use(lim, "lim"), soci::use(off, "off"), soci::into(id),
                        soci::into(cid), soci::into(comment), soci::into(n.event), soci::into(n.title),
                        soci::into(n.created_at));
  st.execute();
  std::vector<Notice> out;
  while (st.fetch()) {
    n.id = id;
    n.consultation_id = cid;
    n.comment_id = comment;
    out.push_back(n);
  }
  return out;
}

std::vector<FileRef> files(soci::session& s, std::int64_t consultation_id) {
  long long cid = consultation_id, id = 0, size = 0;
  FileRef f;
  soci::statement st = (s.prepare << "SELECT id, role, file_name, content_type, size FROM consultation_files"
                                     " WHERE consultation_id = :c ORDER BY CASE role WHEN 'explanatory' THEN 0"
                                     " ELSE 1 END, id",
                        soci::use(cid, "c"), soci::into(id), soci::into(f.role), soci::into(f.name),
                        soci::into(f.content_type), soci::into(size));
  st.execute();
  std::vector<FileRef> out;
  while (st.fetch()) {
    f.id = id;
    f.size = size;
    out.push_back(f);
  }
  return out;
}

std::optional<std::pair<FileRef, std::string>> file_content(soci::session& s, std::int64_t consultation_id,
                                                            std::int64_t file_id) {
  long long cid = consultation_id, id = file_id, size = 0;
  FileRef f;
  std::string content;
  s << "SELECT role, file_name, content_type, size, content FROM consultation_files WHERE id = :id"
       " AND consultation_id = :c",
      soci::use(id, "id"), soci::use(cid, "c"), soci::into(f.role), soci::into(f.name), soci::into(f.content_type),
      soci::into(size), soci::into(content);
  if (!s.got_data()) return std::nullopt;
  auto bytes = document::from_base64(content);
  if (!bytes) return std::nullopt;
  f.id = file_id;
  f.size = size;
  return std::pair{f, std::move(*bytes)};
}

std::optional<std::pair<FileRef, std::string>> comment_file_content(soci::session& s, std::int64_t consultation_id,
                                                                    std::int64_t comment_id, std::int64_t file_id,
                                                                    bool hidden_ok) {
  long long cid = consultation_id, cmid = comment_id, id = file_id, size = 0;
  int hidden = 0;
  FileRef f;
  std::string content;
  s << "SELECT f.file_name, f.content_type, f.size, f.content, CASE WHEN c.hidden_at IS NULL THEN 0 ELSE 1 END"
       " FROM consultation_comment_files f JOIN consultation_comments c ON c.id = f.comment_id"
       " WHERE f.id = :id AND f.comment_id = :cm AND c.consultation_id = :c",
      soci::use(id, "id"), soci::use(cmid, "cm"), soci::use(cid, "c"), soci::into(f.name), soci::into(f.content_type),
      soci::into(size), soci::into(content), soci::into(hidden);
  if (!s.got_data() || (hidden != 0 && !hidden_ok)) return std::nullopt;
  auto bytes = document::from_base64(content);
  if (!bytes) return std::nullopt;
  f.id = file_id;
  f.size = size;
  return std::pair{f, std::move(*bytes)};
}

std::vector<CommentHit> search_comments(soci::session& s, const std::string& q, int limit) {
  const auto words = search_words(q);
  if (words.empty()) return {};
  const std::string match = match_text(s, words);
  long long cid = 0, id = 0;
  int lim = limit;
  CommentHit h;
  // The newest matches first, read from the index in that order (SQLite) until the limit.
  const std::string sql =
      postgresql(s)
          ? "SELECT c.consultation_id, c.id, k.title, c.anchor, c.author_name, c.organisation, c.body"
            " FROM consultation_comments c JOIN consultations k ON k.id = c.consultation_id"
            " WHERE k.state = 'published' AND c.hidden_at IS NULL AND"
            " to_tsvector('simple', c.body_fold) @@ to_tsquery('simple', :q2) ORDER BY c.id DESC LIMIT :lim"
          : "SELECT c.consultation_id, c.id, k.title, c.anchor, c.author_name, c.organisation, c.body"
            " FROM consultation_comments_fts f JOIN consultation_comments c ON c.id = f.rowid"
            " JOIN consultations k ON k.id = c.consultation_id"
            " WHERE consultation_comments_fts MATCH ('body_fold : (' || :q2 || ')') AND k.state = 'published'"
            " AND c.hidden_at IS NULL ORDER BY f.rowid DESC LIMIT :lim";
  soci::statement st =
      (s.prepare << sql,
       soci::use(match, "q2"), soci::use(lim, "lim"), soci::into(cid), soci::into(id), soci::into(h.title),
       soci::into(h.anchor), soci::into(h.author_name), soci::into(h.organisation), soci::into(h.body));
  st.execute();
  std::vector<CommentHit> out;
  while (st.fetch()) {
    h.consultation_id = cid;
    h.comment_id = id;
    out.push_back(h);
  }
  return out;
}

std::string like_pattern(const std::string& q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace tinhso::consultations
