// All SQL of the calendar module. Dates are ISO text; ids are read into long long.
#include "modules/calendar/store.h"

#include <map>

namespace tinhso::calendar {

namespace {

using calendar::ScheduleDay;

struct DayRow {
  int year = 0;
  std::string day, kind, reason, note;

  std::optional<ScheduleDay> get() const {
    auto d = calendar::parse_date(day);
    auto k = calendar::parse_kind(kind);
    auto r = calendar::parse_reason(reason);
    if (!d || !k || !r) return std::nullopt;
    return ScheduleDay{*d, *k, *r, note};
  }
};

// The days of the years lo..hi, by date.
std::map<int, std::vector<ScheduleDay>> load_days(soci::session& s, int lo, int hi) {
  DayRow r;
  soci::statement st = (s.prepare << "SELECT year, day, kind, reason, note FROM calendar_days"
                                     " WHERE year >= :lo AND year <= :hi ORDER BY day",
                        soci::use(lo, "lo"), soci::use(hi, "hi"), soci::into(r.year), soci::into(r.day), soci::into(r.kind),
                        soci::into(r.reason), soci::into(r.note));
  st.execute();
  std::map<int, std::vector<ScheduleDay>> out;
  while (st.fetch())
    if (auto d = r.get()) out[r.year].push_back(*d);
  return out;
}

// The schedules of the years lo..hi, by year.
std::vector<ScheduleInfo> load(soci::session& s, int lo, int hi) {
  auto days = load_days(s, lo, hi);
  ScheduleInfo i;
  int y = 0;
  soci::statement st = (s.prepare << "SELECT year, source, updated_at, updated_by FROM calendar_schedules"
                                     " WHERE year >= :lo AND year <= :hi ORDER BY year",
                        soci::use(lo, "lo"), soci::use(hi, "hi"), soci::into(y), soci::into(i.schedule.source), soci::into(i.updated_at),
                        soci::into(i.updated_by));
  st.execute();
  std::vector<ScheduleInfo> out;
  while (st.fetch()) {
    i.schedule.year = y;
    i.schedule.days = days[y];
    out.push_back(i);
  }
  return out;
}

void insert_days(soci::session& s, const calendar::OfficialSchedule& sch) {
  long long id = 0;
  s << "SELECT id FROM calendar_schedules WHERE year = :y", soci::use(sch.year, "y"), soci::into(id);
  for (const auto& d : sch.days) {
    std::string day = calendar::format_date(d.date), kind(calendar::kind_code(d.kind)),
                reason(calendar::reason_code(d.reason));
    s << "INSERT INTO calendar_days (schedule_id, day, year, kind, reason, note)"
         " VALUES (:id, :day, :y, :kind, :reason, :note)",
        soci::use(id, "id"), soci::use(day, "day"), soci::use(sch.year, "y"), soci::use(kind, "kind"),
        soci::use(reason, "reason"), soci::use(d.note, "note");
  }
}

}  // namespace

std::int64_t schedules_version(soci::session& s) {
  long long v = 0;
  s << "SELECT version FROM calendar_version WHERE id = 1", soci::into(v);
  return v;
}

void bump_version(soci::session& s) { s << "UPDATE calendar_version SET version = version + 1 WHERE id = 1"; }

std::vector<ScheduleInfo> load_schedules(soci::session& s) { return load(s, calendar::kFirstYear, calendar::kLastYear); }

std::optional<ScheduleInfo> find_schedule(soci::session& s, int year) {
  auto all = load(s, year, year);
  if (all.empty()) return std::nullopt;
  return all.front();
}

void insert_schedule(soci::session& s, const ScheduleInfo& info) {
  s << "INSERT INTO calendar_schedules (year, source, updated_at, updated_by) VALUES (:y, :src, :at, :by)",
      soci::use(info.schedule.year, "y"), soci::use(info.schedule.source, "src"), soci::use(info.updated_at, "at"),
      soci::use(info.updated_by, "by");
  insert_days(s, info.schedule);
}

void update_schedule(soci::session& s, const ScheduleInfo& info) {
  s << "UPDATE calendar_schedules SET source = :src, updated_at = :at, updated_by = :by WHERE year = :y",
      soci::use(info.schedule.source, "src"), soci::use(info.updated_at, "at"), soci::use(info.updated_by, "by"),
      soci::use(info.schedule.year, "y");
  s << "DELETE FROM calendar_days WHERE year = :y", soci::use(info.schedule.year, "y");
  insert_days(s, info.schedule);
}

bool delete_schedule(soci::session& s, int year) {
  s << "DELETE FROM calendar_days WHERE year = :y", soci::use(year, "y");
  soci::statement st = (s.prepare << "DELETE FROM calendar_schedules WHERE year = :y", soci::use(year, "y"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace tinhso::calendar
