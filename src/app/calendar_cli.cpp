#include "app/calendar_cli.h"

#include <cstdio>
#include <stdexcept>

#include "app/config.h"
#include "core/calendar/lunar.h"
#include "core/calendar/working_calendar.h"
#include "core/db/database.h"
#include "core/db/migrate.h"
#include "modules/calendar/api.h"
#include "modules/calendar/query.h"
#include "modules/registry.h"

namespace tinhso::app {

namespace {

// Bad input: the message goes to stderr and the command exits 2.
struct Usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const std::string kRange = std::to_string(calendar::kFirstYear) + "–" + std::to_string(calendar::kLastYear);

calendar::Date solar_date(const std::string& s) {
  auto d = calendar::parse_date(s);
  if (!d) throw Usage("not a date: '" + s + "' (expected YYYY-MM-DD)");
  if (!calendar::in_range(*d)) throw Usage("date outside the supported years " + kRange + ": " + s);
  return *d;
}

// "YYYY-MM-DD" read as a lunar date: month 01–12, day 01–30.
calendar::LunarDate lunar_date(const std::string& s, bool leap) {
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = -1, m = -1, d = -1;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 30) throw Usage("not a lunar date: '" + s + "' (expected YYYY-MM-DD, month 01-12, day 01-30)");
  return {y, m, d, leap};
}

// The shipped schedules: the calendar module's migrations on a private in-memory SQLite database.
std::vector<calendar::OfficialSchedule> shipped_schedules() {
  db::Database mem("sqlite::memory:", 1);
  std::vector<db::Migration> mine;
  for (auto& m : module_migrations(db::Dialect::sqlite))
    if (m.module == "calendar") mine.push_back(std::move(m));
  db::migrate(mem, mine);
  return calendar_module::stored_schedules(mem);
}

std::vector<calendar::OfficialSchedule> schedules(const std::string& db_url) {
  if (db_url.empty()) return shipped_schedules();
  db::Database database(db_url, 1);
  return calendar_module::stored_schedules(database);
}

int lunar(const CalendarCommand& c) {
  auto l = calendar::to_lunar(solar_date(c.date));
  if (!l) throw Usage("date outside the supported years " + kRange + ": " + c.date);
  std::printf("%s\n", calendar::format_lunar(*l).c_str());
  return 0;
}

int solar(const CalendarCommand& c) {
  calendar::LunarDate l = lunar_date(c.date, c.leap);
  auto d = calendar::to_solar(l);
  if (!d) {
    if (l.year < calendar::kFirstYear - 1 || l.year > calendar::kLastYear)
      throw Usage("lunar date outside the supported years " + kRange + ": " + c.date);
    if (l.leap && calendar::leap_month(l.year) != l.month)
      throw Usage("no such lunar date: lunar year " + std::to_string(l.year) + " has no leap month " + std::to_string(l.month));
    throw Usage("no such lunar date: " + calendar::format_lunar(l) + " (that month has 29 days)");
  }
  std::printf("%s\n", calendar::format_date(*d).c_str());
  return 0;
}

int due(const CalendarCommand& c, const Settings& settings) {
  auto from = calendar::parse_local_moment(c.from);
  if (!from) throw Usage("--from: not a date or date and time: '" + c.from + "' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
  if (!calendar::in_range(from->day)) throw Usage("--from: outside the supported years " + kRange + ": " + c.from);
  bool working = !c.working_days.empty();
  if (working == !c.days.empty()) throw Usage("give exactly one of --working-days N and --days N");
  const std::string& text = working ? c.working_days : c.days;
  auto amount = calendar_module::parse_amount(text);
  if (!amount)
    throw Usage(std::string(working ? "--working-days" : "--days") + ": expected a whole number 0-" +
                std::to_string(calendar_module::kMaxAmount) + ", not '" + text + "'");
  calendar::WorkCalendar cal(settings.holidays, schedules(c.db_url));
  auto r = calendar_module::compute_due(cal, settings.deadlines, *from,
                                        {working ? calendar::Unit::working_days : calendar::Unit::days, *amount});
  if (!r) throw Usage("the due date falls outside the supported years " + kRange);
  std::printf("%s\n", calendar::format_date(r->due).c_str());
  return 0;
}

int holidays(const CalendarCommand& c, const Settings& settings) {
  auto year = calendar_module::parse_year(c.date);
  if (!year) throw Usage("not a year of " + kRange + ": '" + c.date + "'");
  calendar::WorkCalendar cal(settings.holidays, schedules(c.db_url));
  for (const auto& d : cal.year_days(*year))
    std::printf("%s %s %s\n", calendar::format_date(d.date).c_str(), std::string(calendar::kind_code(d.kind)).c_str(),
                std::string(calendar::reason_code(d.reason)).c_str());
  return 0;
}

}  // namespace

void add_calendar_command(CLI::App& cli, CalendarCommand& cmd, Settings& settings) {
  cmd.root = cli.add_subcommand("calendar", "Lunar dates, holidays and deadlines (exit 2 on bad input)");
  cmd.root->require_subcommand(1);
  cmd.root->add_option("--db", cmd.db_url,
                       "Read the official holiday schedules from this database (default: the shipped ones)")
      ->envname("TINHSO_DB");
  add_calendar_options(*cmd.root, settings);
  cmd.lunar = cmd.root->add_subcommand("lunar", "Print the lunar date of a solar date: L YYYY-MM-DD[ leap]");
  cmd.lunar->add_option("date", cmd.date, "Solar date YYYY-MM-DD")->required();
  cmd.solar = cmd.root->add_subcommand("solar", "Print the solar date of a lunar date");
  cmd.solar->add_option("date", cmd.date, "Lunar date YYYY-MM-DD")->required();
  cmd.solar->add_flag("--leap", cmd.leap, "The date is in the leap month");
  cmd.due = cmd.root->add_subcommand("due", "Print the due date of a period counted from a receipt");
  cmd.due->add_option("--from", cmd.from, "Receipt: YYYY-MM-DD or YYYY-MM-DDTHH:MM (Vietnam time)")->required();
  cmd.due->add_option("--working-days", cmd.working_days, "N working days (the receipt day not counted)");
  cmd.due->add_option("--days", cmd.days, "N calendar days, the end rolled forward to a working day");
  cmd.holidays = cmd.root->add_subcommand("holidays", "Print a year's weekdays off and weekend days worked");
  cmd.holidays->add_option("year", cmd.date, "Year YYYY")->required();
  for (CLI::App* sub : {cmd.lunar, cmd.solar, cmd.due, cmd.holidays}) sub->fallthrough();
}

int run_calendar(const CalendarCommand& cmd, const Settings& settings) {
  try {
    if (cmd.lunar->parsed()) return lunar(cmd);
    if (cmd.solar->parsed()) return solar(cmd);
    if (cmd.due->parsed()) return due(cmd, settings);
    return holidays(cmd, settings);
  } catch (const Usage& e) {
    std::fprintf(stderr, "tinhso calendar: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinhso calendar: cannot read the official holiday schedules (is the database migrated? "
                         "`tinhso migrate --db URL`): %s\n", e.what());
    return 1;
  }
}

}  // namespace tinhso::app
