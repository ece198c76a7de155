#include "modules/consultations/usecases.h"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/document/files.h"
#include "core/text/vietnamese.h"
#include "modules/consultations/notices.h"
#include "modules/consultations/store.h"

namespace tinhso::consultations {

namespace {

constexpr std::array kErrorCodes{
    std::pair{Error::none, std::string_view("none")},
    std::pair{Error::not_found, std::string_view("not_found")},
    std::pair{Error::stale, std::string_view("stale")},
    std::pair{Error::wrong_phase, std::string_view("wrong_phase")},
    std::pair{Error::title_required, std::string_view("title_required")},
    std::pair{Error::unknown_agency, std::string_view("unknown_agency")},
    std::pair{Error::unknown_kind, std::string_view("unknown_kind")},
    std::pair{Error::bad_opens, std::string_view("bad_opens")},
    std::pair{Error::bad_closes, std::string_view("bad_closes")},
    std::pair{Error::close_before_open, std::string_view("close_before_open")},
    std::pair{Error::too_short, std::string_view("too_short")},
    std::pair{Error::unknown_unit, std::string_view("unknown_unit")},
    std::pair{Error::audience_required, std::string_view("audience_required")},
    std::pair{Error::draft_empty, std::string_view("draft_empty")},
    std::pair{Error::draft_too_large, std::string_view("draft_too_large")},
    std::pair{Error::comment_required, std::string_view("comment_required")},
    std::pair{Error::comment_too_long, std::string_view("comment_too_long")},
    std::pair{Error::unknown_unit_anchor, std::string_view("unknown_unit_anchor")},
    std::pair{Error::bad_parent, std::string_view("bad_parent")},
    std::pair{Error::file_type, std::string_view("file_type")},
    std::pair{Error::file_size, std::string_view("file_size")},
    std::pair{Error::too_many_files, std::string_view("too_many_files")},
    std::pair{Error::own_comment, std::string_view("own_comment")},
    std::pair{Error::already_answered, std::string_view("already_answered")},
    std::pair{Error::choice_required, std::string_view("choice_required")},
    std::pair{Error::bad_choice, std::string_view("bad_choice")},
    std::pair{Error::other_too_long, std::string_view("other_too_long")},
    std::pair{Error::question_required, std::string_view("question_required")},
    std::pair{Error::options_required, std::string_view("options_required")},
    std::pair{Error::reason_required, std::string_view("reason_required")},
    std::pair{Error::already_hidden, std::string_view("already_hidden")},
    std::pair{Error::answer_kind, std::string_view("answer_kind")},
    std::pair{Error::answer_required, std::string_view("answer_required")},
    std::pair{Error::comments_required, std::string_view("comments_required")},
    std::pair{Error::unanswered_comments, std::string_view("unanswered_comments")},
    std::pair{Error::organisation_name, std::string_view("organisation_name")},
    std::pair{Error::representative_required, std::string_view("representative_required")},
};

constexpr std::size_t kMaxTitle = 500, kMaxText = 4000, kMaxReason = 1000, kMaxOther = 1000, kMaxQuestion = 1000;
constexpr std::size_t kMaxOptions = 20, kMaxQuestions = 30, kMaxUnits = 5000;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string now_text(const Env& env) { return auth::iso_utc(env.clock.now()); }

Result fail(Error e) { return {e, 0}; }

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// Checks a file's type by content and its size; the stored record's fields.
Error check_file(const FileInput& f) {
  if (f.bytes.size() > kMaxFileBytes) return Error::file_size;
  if (!document::sniff_type(f.bytes)) return Error::file_type;
  return Error::none;
}

struct Checked {
  Error error = Error::none;
  std::string opens, closes;
};

Checked check_details(const Env& env, const DetailsInput& in) {
  Checked out;
  if (blank(in.title) || in.title.size() > kMaxTitle) return {Error::title_required, {}, {}};
  long long agency = in.agency_id;
  int found = 0;
  env.s << "SELECT COUNT(*) FROM agencies WHERE id = :id AND active", soci::use(agency, "id"), soci::into(found);
  if (found == 0) return {Error::unknown_agency, {}, {}};
  auto kind = find_kind(env.s, in.kind);
  if (!kind) return {Error::unknown_kind, {}, {}};
  auto opens = parse_local_input(in.opens);
  if (!opens) return {Error::bad_opens, {}, {}};
  auto closes = parse_local_input(in.closes);
  if (!closes) return {Error::bad_closes, {}, {}};
  const PeriodCheck pc = check_period(*opens, *closes, kind->min_days, in.short_reason);
  if (pc.problem == PeriodProblem::close_before_open) return {Error::close_before_open, {}, {}};
  if (pc.problem == PeriodProblem::too_short_without_reason) return {Error::too_short, {}, {}};
  if (!in.province_wide && in.units.empty()) return {Error::audience_required, {}, {}};
  for (auto unit : in.units) {
    long long u = unit;
    int n = 0;
    env.s << "SELECT COUNT(*) FROM admin_units WHERE id = :id", soci::use(u, "id"), soci::into(n);
    if (n == 0) return {Error::unknown_unit, {}, {}};
  }
  if (in.summary.size() > kMaxText || in.legal_basis.size() > kMaxText || in.field.size() > kMaxTitle ||
      in.short_reason.size() > kMaxReason)
    return {Error::title_required, {}, {}};
  out.opens = auth::iso_utc(*opens);
  out.closes = auth::iso_utc(*closes);
  return out;
}

void write_audience(const Env& env, std::int64_t id, const DetailsInput& in) {
  long long cid = id;
  env.s << "DELETE FROM consultation_audience WHERE consultation_id = :id", soci::use(cid, "id");
  if (in.province_wide) return;
  std::set<std::int64_t> units(in.units.begin(), in.units.end());
  for (auto unit : units) {
    long long u = unit;
    env.s << "INSERT INTO consultation_audience (consultation_id, unit_id) VALUES (:c, :u)", soci::use(cid, "c"),
        soci::use(u, "u");
  }
}

std::string details_summary(const DetailsInput& in, const Checked& c) {
  return "agency:" + std::to_string(in.agency_id) + " kind:" + in.kind + " opens:" + c.opens + " closes:" + c.closes +
         (in.short_reason.empty() ? "" : " short_reason") + (in.province_wide ? "" : " units:" + ids_text(in.units));
}

// The consultation's phase now, or nullopt when it does not exist.
std::optional<Consultation> load(const Env& env, std::int64_t id) { return load_consultation(env.s, id); }

Phase phase_now(const Env& env, const Consultation& c) { return phase_of(c.moments(), now_text(env)); }

void store_file_row(const Env& env, const std::string& table, std::int64_t owner,
                    const std::string& role, const FileInput& f, std::int64_t actor, std::string* digest) {
  // The caller checked the type (check_file): a file without one never gets here.
  const auto type = document::sniff_type(f.bytes);
  if (!type) throw std::logic_error("store_file_row: an unchecked file");
  const std::string name = document::display_name(f.name.empty() ? "tep" : f.name, *type);
  const std::string ct(document::content_type_of(*type));
  const std::string sha = document::sha256_hex(f.bytes);
  const std::string content = document::to_base64(f.bytes);
  long long o = owner, size = static_cast<long long>(f.bytes.size()), by = actor;
  const std::string now = now_text(env);
  if (table == "consultation_files")
    env.s << "INSERT INTO consultation_files (consultation_id, role, file_name, content_type, size, sha256, content,"
             " created_at, created_by) VALUES (:o, :role, :name, :ct, :size, :sha, :content, :now, NULLIF(:by, 0))",
        soci::use(o, "o"), soci::use(role, "role"), soci::use(name, "name"), soci::use(ct, "ct"),
        soci::use(size, "size"), soci::use(sha, "sha"), soci::use(content, "content"), soci::use(now, "now"),
        soci::use(by, "by");
  else
    env.s << "INSERT INTO consultation_comment_files (comment_id, file_name, content_type, size, sha256, content)"
             " VALUES (:o, :name, :ct, :size, :sha, :content)",
        soci::use(o, "o"), soci::use(name, "name"), soci::use(ct, "ct"), soci::use(size, "size"),
        soci::use(sha, "sha"), soci::use(content, "content");
  *digest = sha;
}

}  // namespace

std::string_view error_code(Error e) {
  for (const auto& [k, v] : kErrorCodes)
    if (k == e) return v;
  return "none";
}

Result create_consultation(const Env& env, const DetailsInput& in, std::int64_t actor) {
  const Checked c = check_details(env, in);
  if (c.error != Error::none) return fail(c.error);
  long long id = 0, agency = in.agency_id, by = actor;
  int wide = in.province_wide ? 1 : 0;
  const std::string fold = text::fold(in.title), now = now_text(env);
  env.s << "INSERT INTO consultations (title, title_fold, summary, agency_id, kind, legal_basis, field, province_wide,"
           " opens_at, closes_at, short_reason, state, created_at, created_by)"
           " VALUES (:title, :fold, :summary, :agency, :kind, :basis, :field,"
           " CASE CAST(:wide AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :opens, :closes, :reason, 'draft', :now,"
           " NULLIF(:by, 0)) RETURNING id",
      soci::use(in.title, "title"), soci::use(fold, "fold"), soci::use(in.summary, "summary"),
      soci::use(agency, "agency"), soci::use(in.kind, "kind"), soci::use(in.legal_basis, "basis"),
      soci::use(in.field, "field"), soci::use(wide, "wide"), soci::use(c.opens, "opens"),
      soci::use(c.closes, "closes"), soci::use(in.short_reason, "reason"), soci::use(now, "now"), soci::use(by, "by"),
      soci::into(id);
  write_audience(env, id, in);
  env.audit(env.s, {"consultation.create", "consultation", std::to_string(id), "", details_summary(in, c)});
  return {Error::none, id};
}

Result update_consultation(const Env& env, std::int64_t id, int version, const DetailsInput& in, std::int64_t actor) {
  auto old = load(env, id);
  if (!old) return fail(Error::not_found);
  if (old->published) return fail(Error::wrong_phase);
  if (old->version != version) return fail(Error::stale);
  const Checked c = check_details(env, in);
  if (c.error != Error::none) return fail(c.error);
  long long cid = id, agency = in.agency_id;
  int wide = in.province_wide ? 1 : 0, v = version;
  const std::string fold = text::fold(in.title);
  soci::statement st =
      (env.s.prepare << "UPDATE consultations SET title = :title, title_fold = :fold, summary = :summary,"
                        " agency_id = :agency, kind = :kind, legal_basis = :basis, field = :field,"
                        " province_wide = CASE CAST(:wide AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END,"
                        " opens_at = :opens, closes_at = :closes, short_reason = :reason, version = version + 1"
                        " WHERE id = :id AND version = :v AND state = 'draft'",
       soci::use(in.title, "title"), soci::use(fold, "fold"), soci::use(in.summary, "summary"),
       soci::use(agency, "agency"), soci::use(in.kind, "kind"), soci::use(in.legal_basis, "basis"),
       soci::use(in.field, "field"), soci::use(wide, "wide"), soci::use(c.opens, "opens"),
       soci::use(c.closes, "closes"), soci::use(in.short_reason, "reason"), soci::use(cid, "id"), soci::use(v, "v"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return fail(Error::stale);
  write_audience(env, id, in);
  (void)actor;
  env.audit(env.s, {"consultation.update", "consultation", std::to_string(id),
                    "agency:" + std::to_string(old->agency_id) + " kind:" + old->kind + " opens:" + old->opens_at +
                        " closes:" + old->closes_at,
                    details_summary(in, c)});
  return {Error::none, id};
}

Result save_draft(const Env& env, std::int64_t id, const std::vector<Unit>& units, const std::string& source_name,
                  const std::string& note, std::int64_t actor) {
  auto c = load(env, id);
  if (!c) return fail(Error::not_found);
  const Phase ph = phase_now(env, *c);
  if (ph == Phase::reported) return fail(Error::wrong_phase);
  if (units.empty()) return fail(Error::draft_empty);
  if (units.size() > kMaxUnits) return fail(Error::draft_too_large);
  long long cid = id, by = actor, vid = 0;
  const std::string now = now_text(env);
  int number = c->draft_version;
  if (!c->published && number > 0) {
    // A draft's text is replaced until it is published: the version keeps its number.
    env.s << "SELECT id FROM consultation_versions WHERE consultation_id = :c AND number = :n", soci::use(cid, "c"),
        soci::use(number, "n"), soci::into(vid);
    env.s << "DELETE FROM consultation_units WHERE version_id = :v", soci::use(vid, "v");
    env.s << "UPDATE consultation_versions SET source_name = :src, note = :note, created_at = :now,"
             " created_by = NULLIF(:by, 0) WHERE id = :v",
        soci::use(source_name, "src"), soci::use(note, "note"), soci::use(now, "now"), soci::use(by, "by"),
        soci::use(vid, "v");
  } else {
    number += 1;
    env.s << "INSERT INTO consultation_versions (consultation_id, number, source_name, note, created_at, created_by)"
             " VALUES (:c, :n, :src, :note, :now, NULLIF(:by, 0)) RETURNING id",
        soci::use(cid, "c"), soci::use(number, "n"), soci::use(source_name, "src"), soci::use(note, "note"),
        soci::use(now, "now"), soci::use(by, "by"), soci::into(vid);
  }
  std::string digest_input;
  int seq = 0;
  for (const Unit& u : units) {
    ++seq;
    const std::string kind(unit_kind_code(u.kind));
    int depth = u.depth;
    env.s << "INSERT INTO consultation_units (version_id, seq, kind, number, heading, body, anchor, parent, depth,"
             " within) VALUES (:v, :seq, :kind, :number, :heading, :body, :anchor, :parent, :depth, :within)",
        soci::use(vid, "v"), soci::use(seq, "seq"), soci::use(kind, "kind"), soci::use(u.number, "number"),
        soci::use(u.heading, "heading"), soci::use(u.text, "body"), soci::use(u.anchor, "anchor"),
        soci::use(u.parent, "parent"), soci::use(depth, "depth"), soci::use(u.within, "within");
    digest_input += u.anchor + '\n' + u.heading + '\n' + u.text + '\n';
  }
  env.audit(env.s, {"consultation.draft", "consultation", std::to_string(id), "",
                    "version:" + std::to_string(number) + " units:" + std::to_string(units.size()) +
                        " sha256:" + document::sha256_hex(digest_input)});
  return {Error::none, number};
}

Result add_file(const Env& env, std::int64_t id, const std::string& role, const FileInput& file, std::int64_t actor) {
  auto c = load(env, id);
  if (!c) return fail(Error::not_found);
  const Phase ph = phase_now(env, *c);
  if (ph == Phase::closed || ph == Phase::reported) return fail(Error::wrong_phase);
  if (role != "explanatory" && role != "other") return fail(Error::file_type);
  if (Error e = check_file(file); e != Error::none) return fail(e);
  if (files(env.s, id).size() >= kMaxConsultationFiles) return fail(Error::too_many_files);
  std::string sha;
  store_file_row(env, "consultation_files", id, role, file, actor, &sha);
  env.audit(env.s, {"consultation.file", "consultation", std::to_string(id), "", role + " file:" + sha});
  return {Error::none, id};
}

Result add_question(const Env& env, std::int64_t id, const std::string& text, bool multiple, bool allow_other,
                    const std::vector<std::string>& options, std::int64_t actor) {
  auto c = load(env, id);
  if (!c) return fail(Error::not_found);
  if (c->published) return fail(Error::wrong_phase);
  if (blank(text) || text.size() > kMaxQuestion) return fail(Error::question_required);
  std::vector<std::string> opts;
  for (const auto& o : options)
    if (!blank(o)) opts.push_back(o.substr(0, kMaxQuestion));
  if (opts.size() < 2 || opts.size() > kMaxOptions) return fail(Error::options_required);
  long long cid = id, qid = 0;
  int seq = 0;
  env.s << "SELECT COALESCE(MAX(seq), 0) FROM consultation_questions WHERE consultation_id = :c", soci::use(cid, "c"),
      soci::into(seq);
  if (seq >= static_cast<int>(kMaxQuestions)) return fail(Error::options_required);
  ++seq;
  int mul = multiple ? 1 : 0, oth = allow_other ? 1 : 0;
  env.s << "INSERT INTO consultation_questions (consultation_id, seq, text, multiple, allow_other)"
           " VALUES (:c, :seq, :text, CASE CAST(:m AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END,"
           " CASE CAST(:o AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END) RETURNING id",
      soci::use(cid, "c"), soci::use(seq, "seq"), soci::use(text, "text"), soci::use(mul, "m"), soci::use(oth, "o"),
      soci::into(qid);
  int oseq = 0;
  for (const auto& o : opts) {
    ++oseq;
    env.s << "INSERT INTO consultation_options (question_id, seq, text) VALUES (:q, :seq, :text)", soci::use(qid, "q"),
        soci::use(oseq, "seq"), soci::use(o, "text");
  }
  (void)actor;
  env.audit(env.s, {"consultation.question", "consultation", std::to_string(id), "",
                    "question:" + std::to_string(qid) + " options:" + std::to_string(opts.size()) +
                        (multiple ? " multiple" : "") + (allow_other ? " other" : "")});
  return {Error::none, qid};
}

Result remove_question(const Env& env, std::int64_t id, std::int64_t question_id, std::int64_t actor) {
  auto c = load(env, id);
  if (!c) return fail(Error::not_found);
  if (c->published) return fail(Error::wrong_phase);
  long long cid = id, qid = question_id;
  int n = 0;
  env.s << "SELECT COUNT(*) FROM consultation_questions WHERE id = :q AND consultation_id = :c", soci::use(qid, "q"),
      soci::use(cid, "c"), soci::into(n);
  if (n == 0) return fail(Error::not_found);
  env.s << "DELETE FROM consultation_options WHERE question_id = :q", soci::use(qid, "q");
  env.s << "DELETE FROM consultation_questions WHERE id = :q", soci::use(qid, "q");
  (void)actor;
  env.audit(env.s, {"consultation.question_remove", "consultation", std::to_string(id),
                    "question:" + std::to_string(question_id), ""});
  return {Error::none, question_id};
}

Result publish(const Env& env, std::int64_t id, int version, std::int64_t actor) {
  auto c = load(env, id);
  if (!c) return fail(Error::not_found);
  if (c->published) return fail(Error::wrong_phase);
  if (c->version != version) return fail(Error::stale);
  if (c->draft_version == 0) return fail(Error::draft_empty);
  auto kind = find_kind(env.s, c->kind);
  if (!kind) return fail(Error::unknown_kind);
  const auto opens = auth::parse_iso_utc(c->opens_at), closes = auth::parse_iso_utc(c->closes_at);
  const PeriodCheck pc = check_period(opens, closes, kind->min_days, c->short_reason);
  if (pc.problem == PeriodProblem::close_before_open) return fail(Error::close_before_open);
  if (pc.problem == PeriodProblem::too_short_without_reason) return fail(Error::too_short);
  if (closes <= env.clock.now()) return fail(Error::bad_closes);
  long long cid = id;
  int v = version;
  const std::string now = now_text(env);
  soci::statement st = (env.s.prepare << "UPDATE consultations SET state = 'published', published_at = :now,"
                                         " version = version + 1 WHERE id = :id AND version = :v AND state = 'draft'",
                        soci::use(now, "now"), soci::use(cid, "id"), soci::use(v, "v"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return fail(Error::stale);
  (void)actor;
  env.audit(env.s, {"consultation.publish", "consultation", std::to_string(id), "state:draft",
                    "state:published version:" + std::to_string(c->draft_version) + " opens:" + c->opens_at +
                        " closes:" + c->closes_at});
  return {Error::none, id};
}

Result add_comment(const Env& env, const CommentInput& in) {
  auto c = load(env, in.consultation_id);
  if (!c) return fail(Error::not_found);
  if (phase_now(env, *c) != Phase::open) return fail(Error::wrong_phase);
  if (blank(in.body)) return fail(Error::comment_required);
  if (in.body.size() > kMaxCommentChars) return fail(Error::comment_too_long);
  if (in.files.size() > kMaxCommentFiles) return fail(Error::too_many_files);
  for (const auto& f : in.files)
    if (Error e = check_file(f); e != Error::none) return fail(e);
  long long cid = in.consultation_id;
  std::string anchor = in.anchor;
  if (in.parent_id != 0) {
    auto parent = load_comment(env.s, in.parent_id);
    if (!parent || parent->consultation_id != in.consultation_id || parent->parent_id != 0 || parent->hidden)
      return fail(Error::bad_parent);
    anchor = parent->anchor;
  }
  // The unit must be in the draft's latest version; the comment is shown on its article's page.
  const std::vector<Unit> units = draft_units(env.s, in.consultation_id, 0);
  const std::string page = anchor.empty() ? std::string() : page_anchor(units, anchor);
  if (!anchor.empty() && page.empty()) return fail(Error::unknown_unit_anchor);
  std::string org_name;
  if (auto org = organisation(env.s, in.account_id)) org_name = org->name;
  long long id = 0, parent = in.parent_id, account = in.account_id;
  int version = c->draft_version;
  const std::string fold = text::fold(in.body), now = now_text(env);
  env.s << "INSERT INTO consultation_comments (consultation_id, version_number, anchor, page_anchor, parent_id,"
           " account_id, author_name, organisation, body, body_fold, created_at)"
           " VALUES (:c, :v, :anchor, :page, NULLIF(:parent, 0), :account, :name, :org, :body, :fold, :now) RETURNING id",
      soci::use(cid, "c"), soci::use(version, "v"), soci::use(anchor, "anchor"), soci::use(page, "page"),
      soci::use(parent, "parent"),
      soci::use(account, "account"), soci::use(in.author_name, "name"), soci::use(org_name, "org"),
      soci::use(in.body, "body"), soci::use(fold, "fold"), soci::use(now, "now"), soci::into(id);
  std::string digests;
  for (const auto& f : in.files) {
    std::string sha;
    store_file_row(env, "consultation_comment_files", id, "", f, in.account_id, &sha);
    digests += " file:" + sha;
  }
  env.audit(env.s, {"consultation_comment.create", "consultation_comment", std::to_string(id), "",
                    "consultation:" + std::to_string(in.consultation_id) + " anchor:" + (anchor.empty() ? "-" : anchor) +
                        (parent ? " reply_to:" + std::to_string(parent) : "") + (org_name.empty() ? "" : " organisation") +
                        " bytes:" + std::to_string(in.body.size()) + digests});
  return {Error::none, id};
}

Result agree(const Env& env, std::int64_t comment_id, std::int64_t account) {
  auto cm = load_comment(env.s, comment_id);
  if (!cm || cm->hidden) return fail(Error::not_found);
  auto c = load(env, cm->consultation_id);
  if (!c) return fail(Error::not_found);
  if (phase_now(env, *c) != Phase::open) return fail(Error::wrong_phase);
  if (cm->account_id == account) return fail(Error::own_comment);
  long long cmid = comment_id, acc = account;
  const std::string now = now_text(env);
  soci::statement st = (env.s.prepare << "INSERT INTO consultation_agrees (comment_id, account_id, created_at)"
                                         " VALUES (:c, :a, :now) ON CONFLICT (comment_id, account_id) DO NOTHING",
                        soci::use(cmid, "c"), soci::use(acc, "a"), soci::use(now, "now"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return {Error::none, 0};
  env.s << "UPDATE consultation_comments SET agrees = agrees + 1 WHERE id = :c", soci::use(cmid, "c");
  env.audit(env.s, {"consultation_comment.agree", "consultation_comment", std::to_string(comment_id), "",
                    "agrees:" + std::to_string(cm->agrees + 1)});
  return {Error::none, comment_id};
}

Result answer_questions(const Env& env, std::int64_t consultation_id, std::int64_t account,
                        const std::vector<QuestionAnswer>& answers) {
  auto c = load(env, consultation_id);
  if (!c) return fail(Error::not_found);
  if (phase_now(env, *c) != Phase::open) return fail(Error::wrong_phase);
  const auto qs = questions(env.s, consultation_id, false);
  if (qs.empty()) return fail(Error::not_found);
  if (has_answered(env.s, consultation_id, account)) return fail(Error::already_answered);
  // Every question answered, each option its question's, one on a single-choice question.
  for (const Question& q : qs) {
    auto a = std::find_if(answers.begin(), answers.end(), [&](const QuestionAnswer& x) { return x.question_id == q.id; });
    if (a == answers.end() || (a->options.empty() && (blank(a->other) || !q.allow_other)))
      return {Error::choice_required, q.id};
    if (!q.multiple && a->options.size() + (blank(a->other) ? 0 : 1) > 1) return {Error::bad_choice, q.id};
    std::set<std::int64_t> seen;
    for (auto o : a->options) {
      const bool mine = std::any_of(q.options.begin(), q.options.end(), [&](const Option& x) { return x.id == o; });
      if (!mine || !seen.insert(o).second) return {Error::bad_choice, q.id};
    }
    if (!blank(a->other) && !q.allow_other) return {Error::bad_choice, q.id};
    if (a->other.size() > kMaxOther) return {Error::other_too_long, q.id};
  }
  for (const auto& a : answers)
    if (std::none_of(qs.begin(), qs.end(), [&](const Question& q) { return q.id == a.question_id; }))
      return fail(Error::bad_choice);
  long long acc = account;
  const std::string now = now_text(env);
  for (const auto& a : answers) {
    long long qid = a.question_id;
    const std::string other = blank(a.other) ? std::string() : a.other;
    soci::statement st = (env.s.prepare << "INSERT INTO consultation_responses (question_id, account_id, other_text,"
                                           " created_at) VALUES (:q, :a, :other, :now)"
                                           " ON CONFLICT (question_id, account_id) DO NOTHING",
                          soci::use(qid, "q"), soci::use(acc, "a"), soci::use(other, "other"), soci::use(now, "now"));
    st.execute(true);
    // A concurrent request of the same account got there first: this one changes nothing (the
    // caller rolls the transaction back on an error).
    if (st.get_affected_rows() != 1) return fail(Error::already_answered);
    for (auto o : a.options) {
      long long oid = o;
      env.s << "INSERT INTO consultation_response_options (question_id, account_id, option_id) VALUES (:q, :a, :o)",
          soci::use(qid, "q"), soci::use(acc, "a"), soci::use(oid, "o");
    }
  }
  env.audit(env.s, {"consultation.respond", "consultation", std::to_string(consultation_id), "",
                    "questions:" + std::to_string(answers.size())});
  return {Error::none, consultation_id};
}

Result hide_comment(const Env& env, std::int64_t comment_id, const std::string& reason, std::int64_t actor) {
  if (blank(reason) || reason.size() > kMaxReason) return fail(Error::reason_required);
  auto cm = load_comment(env.s, comment_id);
  if (!cm) return fail(Error::not_found);
  if (cm->hidden) return fail(Error::already_hidden);
  long long cmid = comment_id, by = actor;
  const std::string now = now_text(env);
  env.s << "UPDATE consultation_comments SET hidden_at = :now, hidden_reason = :reason, hidden_by = NULLIF(:by, 0)"
           " WHERE id = :c",
      soci::use(now, "now"), soci::use(reason, "reason"), soci::use(by, "by"), soci::use(cmid, "c");
  // The published report named it with its text: rendered again at the next download.
  long long cid = cm->consultation_id;
  env.s << "DELETE FROM consultation_report_files WHERE consultation_id = :c", soci::use(cid, "c");
  tell_author(env, *cm, "hidden");
  env.audit(env.s, {"consultation_comment.hide", "consultation_comment", std::to_string(comment_id), "visible",
                    "hidden consultation:" + std::to_string(cm->consultation_id) +
                        " reason_bytes:" + std::to_string(reason.size())});
  return {Error::none, comment_id};
}

Result answer_comments(const Env& env, std::int64_t consultation_id, const std::vector<std::int64_t>& comment_ids,
                       const std::string& kind, const std::string& body, const std::string& changed_anchor,
                       std::int64_t actor) {
  auto c = load(env, consultation_id);
  if (!c) return fail(Error::not_found);
  const Phase ph = phase_now(env, *c);
  if (ph == Phase::draft || ph == Phase::upcoming || ph == Phase::reported) return fail(Error::wrong_phase);
  if (std::find(std::begin(kAnswerKinds), std::end(kAnswerKinds), kind) == std::end(kAnswerKinds))
    return fail(Error::answer_kind);
  if (blank(body) || body.size() > kMaxCommentChars) return fail(Error::answer_required);
  std::set<std::int64_t> ids(comment_ids.begin(), comment_ids.end());
  if (ids.empty() || ids.size() > 1000) return fail(Error::comments_required);
  std::vector<Comment> targets;
  for (auto id : ids) {
    auto cm = load_comment(env.s, id);
    if (!cm || cm->consultation_id != consultation_id || cm->parent_id != 0 || cm->hidden)
      return fail(Error::comments_required);
    targets.push_back(*cm);
  }
  if (!changed_anchor.empty()) {
    long long cid = consultation_id;
    int n = 0;
    env.s << "SELECT COUNT(*) FROM consultation_units u JOIN consultation_versions v ON v.id = u.version_id"
             " WHERE v.consultation_id = :c AND u.anchor = :a",
        soci::use(cid, "c"), soci::use(changed_anchor, "a"), soci::into(n);
    if (n == 0) return fail(Error::unknown_unit_anchor);
  }
  long long cid = consultation_id, by = actor, aid = 0;
  const std::string now = now_text(env);
  env.s << "INSERT INTO consultation_answers (consultation_id, kind, body, changed_anchor, created_at, created_by,"
           " updated_at) VALUES (:c, :kind, :body, :anchor, :now, NULLIF(:by, 0), :now2) RETURNING id",
      soci::use(cid, "c"), soci::use(kind, "kind"), soci::use(body, "body"), soci::use(changed_anchor, "anchor"),
      soci::use(now, "now"), soci::use(by, "by"), soci::use(now, "now2"), soci::into(aid);
  for (const Comment& cm : targets) {
    long long cmid = cm.id;
    env.s << "UPDATE consultation_comments SET answer_id = :a WHERE id = :c", soci::use(aid, "a"), soci::use(cmid, "c");
    tell_author(env, cm, "answered");
  }
  env.audit(env.s, {"consultation.answer", "consultation", std::to_string(consultation_id), "",
                    "answer:" + std::to_string(aid) + " kind:" + kind +
                        " comments:" + ids_text(std::vector<std::int64_t>(ids.begin(), ids.end())) +
                        (changed_anchor.empty() ? "" : " changed:" + changed_anchor)});
  return {Error::none, aid};
}

Result publish_report(const Env& env, std::int64_t consultation_id, const std::string& note, std::int64_t actor) {
  auto c = load(env, consultation_id);
  if (!c) return fail(Error::not_found);
  if (phase_now(env, *c) != Phase::closed) return fail(Error::wrong_phase);
  if (note.size() > kMaxText) return fail(Error::answer_required);
  long long cid = consultation_id, open = 0;
  env.s << "SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = :c AND parent_id IS NULL"
           " AND hidden_at IS NULL AND answer_id IS NULL",
      soci::use(cid, "c"), soci::into(open);
  if (open > 0) return {Error::unanswered_comments, open};
  const std::string now = now_text(env);
  soci::statement st = (env.s.prepare << "UPDATE consultations SET report_published_at = :now, report_note = :note,"
                                         " version = version + 1 WHERE id = :c AND report_published_at IS NULL",
                        soci::use(now, "now"), soci::use(note, "note"), soci::use(cid, "c"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return fail(Error::stale);
  (void)actor;
  env.audit(env.s, {"consultation.report", "consultation", std::to_string(consultation_id), "", "report_published"});
  return {Error::none, consultation_id};
}

Result subscribe(const Env& env, std::int64_t account, const std::string& scope, const std::string& value, bool on) {
  if (scope != "consultation" && scope != "field" && scope != "agency") return fail(Error::not_found);
  if (value.empty() || value.size() > kMaxTitle) return fail(Error::not_found);
  long long acc = account;
  const std::string now = now_text(env);
  soci::statement st =
      on ? (env.s.prepare << "INSERT INTO consultation_subscriptions (account_id, scope, value, created_at)"
                             " VALUES (:a, :scope, :value, :now) ON CONFLICT (account_id, scope, value) DO NOTHING",
            soci::use(acc, "a"), soci::use(scope, "scope"), soci::use(value, "value"), soci::use(now, "now"))
         : (env.s.prepare << "DELETE FROM consultation_subscriptions WHERE account_id = :a AND scope = :scope"
                             " AND value = :value",
            soci::use(acc, "a"), soci::use(scope, "scope"), soci::use(value, "value"));
  st.execute(true);
  if (st.get_affected_rows() == 1)
    env.audit(env.s, {on ? "consultation.subscribe" : "consultation.unsubscribe", "account", std::to_string(account),
                      "", scope + ":" + (scope == "field" ? document::sha256_hex(value).substr(0, 16) : value)});
  return {Error::none, 0};
}

Result save_organisation(const Env& env, const Organisation& o) {
  if (blank(o.name) || o.name.size() > kMaxTitle) return fail(Error::organisation_name);
  if (blank(o.representative) || o.representative.size() > kMaxTitle) return fail(Error::representative_required);
  if (o.registration.size() > 100 || o.position.size() > kMaxTitle) return fail(Error::organisation_name);
  long long acc = o.account_id;
  const std::string now = now_text(env);
  const bool existed = organisation(env.s, o.account_id).has_value();
  env.s << "INSERT INTO consultation_organisations (account_id, name, registration, representative, position, updated_at)"
           " VALUES (:a, :name, :reg, :rep, :pos, :now) ON CONFLICT (account_id) DO UPDATE SET name = excluded.name,"
           " registration = excluded.registration, representative = excluded.representative,"
           " position = excluded.position, updated_at = excluded.updated_at",
      soci::use(acc, "a"), soci::use(o.name, "name"), soci::use(o.registration, "reg"),
      soci::use(o.representative, "rep"), soci::use(o.position, "pos"), soci::use(now, "now");
  env.audit(env.s, {"consultation.organisation", "account", std::to_string(o.account_id), existed ? "organisation" : "",
                    "organisation"});
  return {Error::none, o.account_id};
}

}  // namespace tinhso::consultations
