#include "modules/dossiers/usecases.h"

#include "core/auth/clock.h"
#include "modules/directory/api.h"
#include "modules/dossiers/files.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_intake.h"

namespace tinhso::dossiers {

namespace {

// Thrown inside a use case's transaction to roll it back; turned into the outcome outside.
struct Rollback {};

// A new dossier of `proc` for `a`, not yet stored.
Dossier new_dossier(const procedures::Procedure& proc, const Applicant& a, const std::string& key,
                    const std::string& now) {
  Dossier n;
  n.procedure_id = proc.id;
  n.desk_agency_id = proc.desk_agency_id;
  n.agency_id = n.responsible_agency_id = proc.agency_id;
  apply_applicant(n, a);
  n.time_limit_working_days = proc.time_limit_working_days;
  n.time_limit_unit = proc.time_limit_unit;
  n.idempotency_key = key;
  n.created_at = n.updated_at = now;
  return n;
}

// Runs make(session) in a transaction unless the key already made a dossier; a request that
// commits the same key in between makes make's insert fail (UNIQUE), and that dossier is found
// afterwards: the key is not read again inside the write transaction (issue 15 §7: fewer
// statements under the write lock). Returns the dossier and whether `make` made it; make must
// insert the dossier (with the key) before any other write.
// `grouped`: the transaction may share its COMMIT with others (db::Database::grouped_transaction;
// make then uses only its session and what it captured).
template <class Make>
std::pair<Dossier, bool> once_per_key(db::Database& db, const std::string& key, bool grouped, Make&& make) {
  if (auto d = db.with_session([&](soci::session& s) { return find_dossier_by_idempotency_key(s, key); }))
    return {*d, false};
  try {
    auto run = [&](soci::session& s) -> std::pair<Dossier, bool> { return {make(s), true}; };
    return grouped ? db.grouped_transaction(run) : db.transaction(run);
  } catch (const soci::soci_error&) {
    auto d = db.with_session([&](soci::session& s) { return find_dossier_by_idempotency_key(s, key); });
    if (!d) throw;
    return {*d, false};
  }
}

// Inside the caller's transaction: submits `draft` for `proc` if nothing is missing; throws
// Rollback when the draft changed meanwhile. `files`: the draft's files when the caller knows
// them (it has just stored them), else they are read. The code is written by the submission's
// own update of the row.
Submitted submit_in(soci::session& s, const Env& env, const Who& who, Dossier draft,
                    const std::optional<procedures::Procedure>& proc, const std::vector<FileInfo>* files = nullptr) {
  if (!proc || !proc->active) return {Submitted::inactive, draft, {}};
  auto missing = missing_documents(*proc, files ? *files : list_files(s, draft.id));
  if (!missing.empty()) {
    Submitted r{Submitted::incomplete, draft, {}};
    for (const auto* doc : missing) r.missing_names.push_back(doc->name);
    return r;
  }
  draft.code = next_code(s, draft, who.now);
  auto applied = apply(s, env.calendar, env.after_supplement, draft, {Action::submit}, who);
  if (applied.result != Result::done) throw Rollback{};
  return {Submitted::done, applied.dossier, {}};
}

bool owns(const Who& who, const Dossier& d) {
  return d.applicant_account_id != 0 && d.applicant_account_id == who.account_id;
}

}  // namespace

void apply_applicant(Dossier& d, const Applicant& a) {
  d.applicant_name = a.name;
  d.applicant_email = a.email;
  d.applicant_phone = a.phone;
  d.applicant_id_number = a.id_number;
  d.applicant_address = a.address;
  d.details = a.details;
}

Applicant applicant_of(const Dossier& d) {
  return {d.applicant_name, d.applicant_email, d.applicant_phone, d.applicant_id_number, d.applicant_address, d.details};
}

void store_uploads(soci::session& s, std::int64_t dossier_id, const std::string& role, const std::vector<Upload>& ups,
                   std::int64_t by, const std::string& at, bool replace_documents) {
  for (const auto& u : ups) {
    if (replace_documents && u.document_id) delete_application_files(s, dossier_id, u.document_id);
    insert_file(s, {0, dossier_id, role, u.document_id, u.name, u.content_type, "", at, 0, by}, u.bytes);
  }
}

std::vector<const procedures::RequiredDocument*> missing_documents(const procedures::Procedure& proc,
                                                                   const std::vector<FileInfo>& files) {
  std::vector<const procedures::RequiredDocument*> out;
  for (const auto& doc : proc.documents) {
    if (!doc.mandatory) continue;
    bool present = false;
    for (const auto& f : files) present = present || (f.role == "application" && f.document_id == doc.id);
    if (!present) out.push_back(&doc);
  }
  return out;
}

std::string next_code(soci::session& s, const Dossier& d, std::chrono::system_clock::time_point now) {
  auto desk = directory::agency_name(s, d.desk_agency_id);
  if (!desk) throw std::runtime_error("desk agency " + std::to_string(d.desk_agency_id) + " is missing");
  std::string prefix = code_prefix(desk->code, calendar::to_local(now).day);
  return format_code(prefix, next_code_sequence(s, prefix));
}

void assign_code(soci::session& s, Dossier& d, std::chrono::system_clock::time_point now) {
  d.code = next_code(s, d, now);
  update_dossier(s, d);
  ++d.version;
}

Applied act(const Env& env, const Who& who, std::int64_t id, const Command& cmd, const AfterChange& then,
            std::optional<int> expected_version) {
  return env.db.transaction([&](soci::session& s) {
    auto fresh = find_dossier(s, id);
    if (!fresh || (expected_version && fresh->version != *expected_version))
      return Applied{Result::conflict, fresh.value_or(Dossier{})};
    Applied a = apply(s, env.calendar, env.after_supplement, *fresh, cmd, who);
    if (a.result == Result::done && then) then(s, a.dossier);
    return a;
  });
}

Submitted submit(const Env& env, const Who& who, std::int64_t draft_id) {
  try {
    return env.db.transaction([&](soci::session& s) {
      auto d = find_dossier(s, draft_id);
      if (!d || !owns(who, *d)) return Submitted{Submitted::not_found, {}, {}};
      if (d->state != State::draft) return Submitted{Submitted::done, *d, {}};  // a retry: already submitted
      return submit_in(s, env, who, *d, procedures::find_procedure(s, d->procedure_id));
    });
  } catch (const Rollback&) {
    return {Submitted::conflict, {}, {}};
  }
}

Drafted create_draft(const Env& env, const Who& who, const NewDraft& in) {
  std::optional<Submitted> submitted;
  std::pair<Dossier, bool> made;
  try {
    made = once_per_key(env.db, in.key, true, [&](soci::session& s) {
      std::string now = auth::iso_utc(who.now);
      Dossier n = new_dossier(in.proc, in.applicant, in.key, now);
      n.applicant_account_id = who.account_id;
      n.id = insert_dossier(s, n);
      store_uploads(s, n.id, "application", in.uploads, who.account_id, now, true);
      if (who.audit) who.audit(s, {"dossier.draft", "dossier", std::to_string(n.id), "", summary(n)});
      if (!in.submit) return n;
      std::vector<FileInfo> files;
      for (const auto& u : in.uploads) files.push_back({0, n.id, "application", u.document_id, u.name, u.content_type});
      submitted = submit_in(s, env, who, n, in.proc, &files);
      return submitted->dossier;
    });
  } catch (const Rollback&) {
    return {Drafted::conflict, {}, std::nullopt};
  }
  if (!made.second) return {owns(who, made.first) ? Drafted::existing : Drafted::foreign_key, made.first, std::nullopt};
  return {Drafted::created, made.first, submitted};
}

bool update_draft(const Env& env, const Who& who, const Dossier& d, const Applicant& a, const std::vector<Upload>& uploads) {
  try {
    env.db.transaction([&](soci::session& s) {
      Dossier after = d;
      apply_applicant(after, a);
      after.updated_at = auth::iso_utc(who.now);
      if (!update_dossier(s, after)) throw Rollback{};
      store_uploads(s, d.id, "application", uploads, who.account_id, after.updated_at, true);
      if (who.audit) who.audit(s, {"dossier.draft_update", "dossier", std::to_string(d.id), summary(d), summary(after)});
    });
    return true;
  } catch (const Rollback&) {
    return false;
  }
}

void add_draft_files(const Env& env, const Who& who, const Dossier& d, const std::vector<Upload>& uploads) {
  env.db.transaction([&](soci::session& s) {
    store_uploads(s, d.id, "application", uploads, who.account_id, auth::iso_utc(who.now), true);
    if (who.audit)
      who.audit(s, {"dossier.draft_files", "dossier", std::to_string(d.id), "", std::to_string(uploads.size()) + " files"});
  });
}

void discard_draft(const Env& env, const Who& who, const Dossier& d) {
  env.db.transaction([&](soci::session& s) {
    delete_draft(s, d.id);
    if (who.audit) who.audit(s, {"dossier.draft_delete", "dossier", std::to_string(d.id), summary(d), ""});
  });
}

bool rate(const Env& env, const Who& who, const Dossier& d, int score, const std::string& comment) {
  return env.db.transaction([&](soci::session& s) {
    bool ok = insert_rating(s, d.id, {score, comment, auth::iso_utc(who.now)});
    if (ok && who.audit) who.audit(s, {"dossier.rate", "dossier", std::to_string(d.id), "", "score=" + std::to_string(score)});
    return ok;
  });
}

Counted receive_at_counter(const Env& env, const Who& who, const CounterEntry& in, const IssueReceipt& receipt) {
  auto made = once_per_key(env.db, in.key, false, [&](soci::session& s) {  // renders a receipt PDF
    std::string now = auth::iso_utc(who.now);
    Dossier n = new_dossier(in.proc, in.applicant, in.key, now);
    n.state = State::submitted;
    n.channel = Channel::counter;
    n.submitted_at = now;
    n.code = next_code(s, n, who.now);
    n.id = insert_dossier(s, n);
    append_event(s, n.id, {0, now, "submit", "", "submitted", who.account_id, "one_stop_officer", n.desk_agency_id, ""});
    if (who.audit) who.audit(s, {"dossier.counter", "dossier", std::to_string(n.id), "", summary(n)});
    store_uploads(s, n.id, "application", in.uploads, who.account_id, now, false);
    auto applied = apply(s, env.calendar, env.after_supplement, n, {Action::receive}, who);
    if (applied.result != Result::done) throw std::runtime_error("counter dossier could not be received");
    if (receipt) receipt(s, applied.dossier);
    return applied.dossier;
  });
  return {made.second ? Counted::received : Counted::existing, made.first};
}

std::string promised(const Dossier& d) { return d.appointment_date.empty() ? d.due_date : d.appointment_date; }

Apologised apologise(const Env& env, const Who& who, const ApologyInput& in, const ApologyLetter& letter) {
  auto cal = env.calendar.current();
  auto check = [&](soci::session& s, const Dossier& cur) {
    auto previous = find_apology(s, cur.id);
    return check_apology({clock_of(cur), previous ? previous->count : 0, calendar::to_local(who.now).day,
                          calendar::parse_date(promised(cur)), calendar::parse_date(in.new_date), in.reason},
                         *cal, in.rules);
  };
  ApologyCheck verdict = env.db.with_session([&](soci::session& s) { return check(s, in.seen); });
  if (verdict != ApologyCheck::ok) return {Apologised::refused, verdict, in.seen};
  const std::string at = auth::iso_utc(who.now);
  try {
    return env.db.transaction([&](soci::session& s) {
      auto cur = find_dossier(s, in.seen.id);
      if (!cur || cur->version != in.seen.version || check(s, *cur) != ApologyCheck::ok)
        return Apologised{Apologised::conflict, ApologyCheck::ok, in.seen};
      Apology a{at, in.reason, promised(*cur), in.new_date, who.account_id};
      Command cmd{Action::apology, in.reason};
      cmd.new_date = in.new_date;
      Applied applied = apply(s, env.calendar, env.after_supplement, *cur, cmd, who);
      if (applied.result != Result::done) throw Rollback{};
      if (!insert_apology(s, cur->id, a, in.rules.max_reschedules)) throw Rollback{};
      std::string pdf = letter ? letter(s, applied.dossier, a) : std::string();
      FileInfo f;
      f.dossier_id = cur->id;
      f.role = "apology";
      f.file_name = "xin-loi-" + cur->code + ".pdf";
      f.content_type = "application/pdf";
      f.size = static_cast<std::int64_t>(pdf.size());
      f.sha256 = sha256_hex(pdf);
      f.created_at = at;
      f.created_by = who.account_id;
      insert_file(s, f, pdf);
      return Apologised{Apologised::done, ApologyCheck::ok, applied.dossier};
    });
  } catch (const Rollback&) {
    return {Apologised::conflict, ApologyCheck::ok, in.seen};
  }
}

}  // namespace tinhso::dossiers
