// The dossier store's core SQL (store.h). Nullable columns are read through COALESCE and written
// through NULLIF, so the row maps onto plain fields on both dialects. The statements of the
// look-up and submission paths are prepared once per connection (core/db/prepared.h, issue 15 §7).
#include "modules/dossiers/store.h"

#include "core/db/prepared.h"

namespace tinhso::dossiers {

namespace {

constexpr const char* kColumns =
    "SELECT id, COALESCE(code, ''), procedure_id, desk_agency_id, agency_id, responsible_agency_id, state,"
    " COALESCE(resume_state, ''), channel, COALESCE(applicant_account_id, 0), applicant_name, applicant_id_number,"
    " applicant_phone, applicant_email, applicant_address, details, COALESCE(assignee_id, 0),"
    " time_limit_working_days, time_limit_unit, COALESCE(idempotency_key, ''), created_at, COALESCE(submitted_at, ''),"
    " COALESCE(received_at, ''), COALESCE(paused_at, ''), COALESCE(returned_at, ''), updated_at,"
    " COALESCE(due_date, ''), COALESCE(appointment_date, ''),"
    " CASE WHEN on_time IS NULL THEN -1 WHEN on_time THEN 1 ELSE 0 END, version FROM dossiers ";

// Reads one row selected with kColumns.
struct Row {
  long long id = 0, procedure_id = 0, desk = 0, agency = 0, responsible = 0, applicant = 0, assignee = 0;
  std::string state, resume, channel, unit;
  int on_time = -1;
  Dossier d;

  template <class Prepared>
  void bind(Prepared& p) {
    p, soci::into(id), soci::into(d.code), soci::into(procedure_id), soci::into(desk), soci::into(agency),
        soci::into(responsible), soci::into(state), soci::into(resume), soci::into(channel), soci::into(applicant),
        soci::into(d.applicant_name), soci::into(d.applicant_id_number), soci::into(d.applicant_phone),
        soci::into(d.applicant_email), soci::into(d.applicant_address), soci::into(d.details), soci::into(assignee),
        soci::into(d.time_limit_working_days), soci::into(unit), soci::into(d.idempotency_key), soci::into(d.created_at),
        soci::into(d.submitted_at), soci::into(d.received_at), soci::into(d.paused_at), soci::into(d.returned_at),
        soci::into(d.updated_at), soci::into(d.due_date), soci::into(d.appointment_date), soci::into(on_time),
        soci::into(d.version);
  }

  Dossier get() const {
    Dossier out = d;
    out.id = id;
    out.procedure_id = procedure_id;
    out.desk_agency_id = desk;
    out.agency_id = agency;
    out.responsible_agency_id = responsible;
    out.applicant_account_id = applicant;
    out.assignee_id = assignee;
    out.state = parse_state(state).value_or(State::draft);
    out.resume_state = parse_state(resume);
    out.channel = channel == "counter" ? Channel::counter : Channel::online;
    out.time_limit_unit = unit == "days" ? calendar::Unit::days : calendar::Unit::working_days;
    out.on_time = on_time < 0 ? std::nullopt : std::optional<bool>(on_time == 1);
    return out;
  }
};

constexpr char kById[] = "WHERE id = :v", kByCode[] = "WHERE code = :v", kByKey[] = "WHERE idempotency_key = :v";

template <class Value, const char* Where>
struct FindBy : db::Prepared {
  Value v{};
  Row r;
  explicit FindBy(soci::session& s) {
    auto p = (s.prepare << std::string(kColumns) + Where, soci::use(v, "v"));
    r.bind(p);
    prepare(p);
  }
};

template <const char* Where, class Value>
std::optional<Dossier> find_by(soci::session& s, const Value& value) {
  auto q = db::prepared<FindBy<Value, Where>>(s);
  q->v = value;
  if (!q.execute(true)) return std::nullopt;
  return q->r.get();
}

struct InsertDossier : db::Prepared {
  Dossier d;
  long long procedure = 0, desk = 0, agency = 0, responsible = 0, applicant = 0, assignee = 0, id = 0;
  std::string state, resume, channel, unit;
  int on_time = -1;
  explicit InsertDossier(soci::session& s) {
    prepare((s.prepare << "INSERT INTO dossiers (code, procedure_id, desk_agency_id, agency_id, responsible_agency_id,"
                          " state, resume_state, channel, applicant_account_id, applicant_name, applicant_id_number,"
                          " applicant_phone, applicant_email, applicant_address, details, assignee_id,"
                          " time_limit_working_days, time_limit_unit, idempotency_key, created_at, submitted_at,"
                          " received_at, paused_at, due_date, appointment_date, returned_at, on_time, updated_at, version)"
                          " VALUES (NULLIF(:code, ''), :procedure, :desk, :agency, :responsible, :state,"
                          " NULLIF(:resume, ''), :channel, NULLIF(:applicant, 0), :name, :idn, :phone, :email, :address,"
                          " :details, NULLIF(:assignee, 0), :limit, :unit, NULLIF(:key, ''), :created,"
                          " NULLIF(:submitted, ''), NULLIF(:received, ''), NULLIF(:paused, ''), NULLIF(:due, ''),"
                          " NULLIF(:appointment, ''), NULLIF(:returned, ''),"
                          " CASE CAST(:on_time AS INTEGER) WHEN 1 THEN TRUE WHEN 0 THEN FALSE ELSE NULL END, :updated, 0)"
                          " RETURNING id",
             soci::use(d.code, "code"), soci::use(procedure, "procedure"), soci::use(desk, "desk"),
             soci::use(agency, "agency"), soci::use(responsible, "responsible"), soci::use(state, "state"),
             soci::use(resume, "resume"), soci::use(channel, "channel"), soci::use(applicant, "applicant"),
             soci::use(d.applicant_name, "name"), soci::use(d.applicant_id_number, "idn"),
             soci::use(d.applicant_phone, "phone"), soci::use(d.applicant_email, "email"),
             soci::use(d.applicant_address, "address"), soci::use(d.details, "details"),
             soci::use(assignee, "assignee"), soci::use(d.time_limit_working_days, "limit"), soci::use(unit, "unit"),
             soci::use(d.idempotency_key, "key"), soci::use(d.created_at, "created"),
             soci::use(d.submitted_at, "submitted"), soci::use(d.received_at, "received"),
             soci::use(d.paused_at, "paused"), soci::use(d.due_date, "due"),
             soci::use(d.appointment_date, "appointment"), soci::use(d.returned_at, "returned"),
             soci::use(on_time, "on_time"), soci::use(d.updated_at, "updated"), soci::into(id)));
  }
};

struct UpdateDossier : db::Prepared {
  Dossier d;
  long long id = 0, agency = 0, assignee = 0;
  std::string state, resume;
  int on_time = -1, version = 0;
  explicit UpdateDossier(soci::session& s) {
    prepare((s.prepare << "UPDATE dossiers SET code = NULLIF(:code, ''), agency_id = :agency, state = :state,"
                          " resume_state = NULLIF(:resume, ''), applicant_name = :name, applicant_id_number = :idn,"
                          " applicant_phone = :phone, applicant_email = :email, applicant_address = :address,"
                          " details = :details, assignee_id = NULLIF(:assignee, 0), submitted_at = NULLIF(:submitted, ''),"
                          " received_at = NULLIF(:received, ''), paused_at = NULLIF(:paused, ''), due_date = NULLIF(:due, ''),"
                          " appointment_date = NULLIF(:appointment, ''), returned_at = NULLIF(:returned, ''),"
                          " on_time = CASE CAST(:on_time AS INTEGER) WHEN 1 THEN TRUE WHEN 0 THEN FALSE ELSE NULL END,"
                          " updated_at = :updated, version = version + 1 WHERE id = :id AND version = :version",
             soci::use(d.code, "code"), soci::use(agency, "agency"), soci::use(state, "state"),
             soci::use(resume, "resume"), soci::use(d.applicant_name, "name"), soci::use(d.applicant_id_number, "idn"),
             soci::use(d.applicant_phone, "phone"), soci::use(d.applicant_email, "email"),
             soci::use(d.applicant_address, "address"), soci::use(d.details, "details"),
             soci::use(assignee, "assignee"), soci::use(d.submitted_at, "submitted"),
             soci::use(d.received_at, "received"), soci::use(d.paused_at, "paused"), soci::use(d.due_date, "due"),
             soci::use(d.appointment_date, "appointment"), soci::use(d.returned_at, "returned"),
             soci::use(on_time, "on_time"), soci::use(d.updated_at, "updated"), soci::use(id, "id"),
             soci::use(version, "version")));
  }
};

struct NextCode : db::Prepared {
  std::string prefix;
  long long value = 0;
  explicit NextCode(soci::session& s) {
    prepare((s.prepare << "INSERT INTO dossier_code_counters (prefix, last_value) VALUES (:p, 1)"
                          " ON CONFLICT (prefix) DO UPDATE SET last_value = dossier_code_counters.last_value + 1"
                          " RETURNING last_value",
             soci::use(prefix, "p"), soci::into(value)));
  }
};

struct AppendEvent : db::Prepared {
  Event e;
  long long dossier = 0, actor = 0, agency = 0;
  explicit AppendEvent(soci::session& s) {
    prepare((s.prepare << "INSERT INTO dossier_events (dossier_id, at, action, from_state, to_state, actor_account_id,"
                          " actor_role, agency_id, note) VALUES (:d, :at, :action, NULLIF(:from, ''), :to,"
                          " NULLIF(:actor, 0), :role, NULLIF(:agency, 0), :note)",
             soci::use(dossier, "d"), soci::use(e.at, "at"), soci::use(e.action, "action"),
             soci::use(e.from_state, "from"), soci::use(e.to_state, "to"), soci::use(actor, "actor"),
             soci::use(e.actor_role, "role"), soci::use(agency, "agency"), soci::use(e.note, "note")));
  }
};

struct LoadEvents : db::Prepared {
  long long dossier = 0, id = 0, actor = 0, agency = 0;
  Event e;
  explicit LoadEvents(soci::session& s) {
    prepare((s.prepare << "SELECT id, at, action, COALESCE(from_state, ''), to_state, COALESCE(actor_account_id, 0),"
                          " actor_role, COALESCE(agency_id, 0), note FROM dossier_events WHERE dossier_id = :d ORDER BY id",
             soci::use(dossier, "d"), soci::into(id), soci::into(e.at), soci::into(e.action), soci::into(e.from_state),
             soci::into(e.to_state), soci::into(actor), soci::into(e.actor_role), soci::into(agency),
             soci::into(e.note)));
  }
};

struct AddStats : db::Prepared {
  long long agency = 0;
  std::string month;
  StatsDelta x;
  explicit AddStats(soci::session& s) {
    prepare((s.prepare << "INSERT INTO dossier_stats (agency_id, month, received, received_online, open_count, on_time,"
                          " late) VALUES (:a, :m, :r, :o, :c, :t, :l) ON CONFLICT (agency_id, month) DO UPDATE SET"
                          " received = dossier_stats.received + excluded.received,"
                          " received_online = dossier_stats.received_online + excluded.received_online,"
                          " open_count = dossier_stats.open_count + excluded.open_count,"
                          " on_time = dossier_stats.on_time + excluded.on_time, late = dossier_stats.late + excluded.late",
             soci::use(agency, "a"), soci::use(month, "m"), soci::use(x.received, "r"),
             soci::use(x.received_online, "o"), soci::use(x.open_count, "c"), soci::use(x.on_time, "t"),
             soci::use(x.late, "l")));
  }
};

int on_time_code(const std::optional<bool>& v) { return v ? (*v ? 1 : 0) : -1; }

}  // namespace

std::optional<Dossier> find_dossier(soci::session& s, std::int64_t id) {
  return find_by<kById>(s, static_cast<long long>(id));
}

std::optional<Dossier> find_dossier_by_code(soci::session& s, const std::string& code) {
  return find_by<kByCode>(s, code);
}

std::optional<Dossier> find_dossier_by_idempotency_key(soci::session& s, const std::string& key) {
  return find_by<kByKey>(s, key);
}

std::int64_t insert_dossier(soci::session& s, const Dossier& d) {
  auto q = db::prepared<InsertDossier>(s);
  q->d = d;
  q->procedure = d.procedure_id;
  q->desk = d.desk_agency_id;
  q->agency = d.agency_id;
  q->responsible = d.responsible_agency_id;
  q->applicant = d.applicant_account_id;
  q->assignee = d.assignee_id;
  q->state = state_code(d.state);
  q->resume = d.resume_state ? state_code(*d.resume_state) : "";
  q->channel = channel_code(d.channel);
  q->unit = d.time_limit_unit == calendar::Unit::days ? "days" : "working_days";
  q->on_time = on_time_code(d.on_time);
  q.execute(true);
  return q->id;
}

bool update_dossier(soci::session& s, const Dossier& d) {
  auto q = db::prepared<UpdateDossier>(s);
  q->d = d;
  q->id = d.id;
  q->agency = d.agency_id;
  q->assignee = d.assignee_id;
  q->state = state_code(d.state);
  q->resume = d.resume_state ? state_code(*d.resume_state) : "";
  q->on_time = on_time_code(d.on_time);
  q->version = d.version;
  q.execute(true);
  return q.affected_rows() == 1;
}

std::int64_t next_code_sequence(soci::session& s, const std::string& prefix) {
  auto q = db::prepared<NextCode>(s);
  q->prefix = prefix;
  q.execute(true);
  return q->value;
}

void append_event(soci::session& s, std::int64_t dossier_id, const Event& e) {
  auto q = db::prepared<AppendEvent>(s);
  q->e = e;
  q->dossier = dossier_id;
  q->actor = e.actor_account_id;
  q->agency = e.agency_id;
  q.execute(true);
}

std::vector<Event> load_events(soci::session& s, std::int64_t dossier_id) {
  auto q = db::prepared<LoadEvents>(s);
  q->dossier = dossier_id;
  std::vector<Event> out;
  for (bool row = q.execute(true); row; row = q.fetch()) {
    Event e = q->e;
    e.id = q->id;
    e.actor_account_id = q->actor;
    e.agency_id = q->agency;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<PauseRow> load_pauses(soci::session& s, std::int64_t dossier_id) {
  long long d = dossier_id;
  PauseRow p;
  soci::statement st = (s.prepare << "SELECT paused_at, COALESCE(resumed_at, '') FROM dossier_pauses"
                                     " WHERE dossier_id = :d ORDER BY id",
                        soci::use(d, "d"), soci::into(p.paused_at), soci::into(p.resumed_at));
  st.execute();
  std::vector<PauseRow> out;
  while (st.fetch()) out.push_back(p);
  return out;
}

void open_pause(soci::session& s, std::int64_t dossier_id, const std::string& at) {
  long long d = dossier_id;
  s << "INSERT INTO dossier_pauses (dossier_id, paused_at) VALUES (:d, :at)", soci::use(d, "d"), soci::use(at, "at");
}

void close_pause(soci::session& s, std::int64_t dossier_id, const std::string& at) {
  long long d = dossier_id;
  s << "UPDATE dossier_pauses SET resumed_at = :at WHERE dossier_id = :d AND resumed_at IS NULL",
      soci::use(at, "at"), soci::use(d, "d");
}

void add_stats(soci::session& s, std::int64_t agency_id, const std::string& month, const StatsDelta& x) {
  auto q = db::prepared<AddStats>(s);
  q->agency = agency_id;
  q->month = month;
  q->x = x;
  q.execute(true);
}

}  // namespace tinhso::dossiers
