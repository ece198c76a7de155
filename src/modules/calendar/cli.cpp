// `tinhso calendar …`: the lunar calendar and the deadline engine on the command line (issue 4).
//   tinhso calendar lunar YYYY-MM-DD             → L YYYY-MM-DD[ leap]
//   tinhso calendar solar YYYY-MM-DD [--leap]    → YYYY-MM-DD
//   tinhso calendar due --from YYYY-MM-DD[THH:MM] (--working-days N | --days N) → YYYY-MM-DD
//   tinhso calendar holidays YYYY                → YYYY-MM-DD off|work <reason>, one per line
// Bad input exits 2 with a message on stderr. The official schedules come from --db when given,
// else from this module's own migrations applied to a private in-memory database (the one copy of
// the shipped schedules). Needs no server and writes no file.
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "core/app/cli.h"
#include "core/calendar/lunar.h"
#include "core/calendar/working_calendar.h"
#include "core/db/database.h"
#include "core/db/migrate.h"
#include "modules/calendar/api.h"
#include "modules/calendar/cli.h"
#include "modules/calendar/query.h"

namespace tinhso::calendar {

namespace {

struct CalendarCommand {
  std::string date;  // lunar, solar: the date argument; holidays: the year
  bool leap = false;
  std::string from, working_days, days;
  std::string db_url;  // "" = the shipped schedules
};

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

// The shipped schedules: this module's migrations on a private in-memory SQLite database.
std::vector<calendar::OfficialSchedule> shipped_schedules(const std::vector<db::Migration>& all) {
  db::Database mem("sqlite::memory:", 1);
  std::vector<db::Migration> mine;
  for (const auto& m : all)
    if (m.module == "calendar") mine.push_back(m);
  db::migrate(mem, mine);
  return stored_schedules(mem);
}

std::vector<calendar::OfficialSchedule> schedules(const CalendarCommand& c, const app::CommandEnv& env) {
  if (c.db_url.empty()) return shipped_schedules(env.migrations);
  db::Database database(c.db_url, 1);
  return stored_schedules(database);
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

int due(const CalendarCommand& c, const app::CommandEnv& env) {
  const app::Settings& settings = env.settings;
  auto from = calendar::parse_local_moment(c.from);
  if (!from) throw Usage("--from: not a date or date and time: '" + c.from + "' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
  if (!calendar::in_range(from->day)) throw Usage("--from: outside the supported years " + kRange + ": " + c.from);
  bool working = !c.working_days.empty();
  if (working == !c.days.empty()) throw Usage("give exactly one of --working-days N and --days N");
  const std::string& text = working ? c.working_days : c.days;
  auto amount = parse_amount(text);
  if (!amount)
    throw Usage(std::string(working ? "--working-days" : "--days") + ": expected a whole number 0-" +
                std::to_string(kMaxAmount) + ", not '" + text + "'");
  calendar::WorkCalendar cal(settings.holidays, schedules(c, env));
  auto r = compute_due(cal, settings.deadlines, *from,
                                        {working ? calendar::Unit::working_days : calendar::Unit::days, *amount});
  if (!r) throw Usage("the due date falls outside the supported years " + kRange);
  std::printf("%s\n", calendar::format_date(r->due).c_str());
  return 0;
}

int holidays(const CalendarCommand& c, const app::CommandEnv& env) {
  const app::Settings& settings = env.settings;
  auto year = parse_year(c.date);
  if (!year) throw Usage("not a year of " + kRange + ": '" + c.date + "'");
  calendar::WorkCalendar cal(settings.holidays, schedules(c, env));
  for (const auto& d : cal.year_days(*year))
    std::printf("%s %s %s\n", calendar::format_date(d.date).c_str(), std::string(calendar::kind_code(d.kind)).c_str(),
                std::string(calendar::reason_code(d.reason)).c_str());
  return 0;
}

// Runs one sub-command; the exit code is 0, 1 on a database failure, 2 on bad input.
int run(const std::function<int()>& f) {
  try {
    return f();
  } catch (const Usage& e) {
    std::fprintf(stderr, "tinhso calendar: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinhso calendar: cannot read the official holiday schedules (is the database migrated? "
                         "`tinhso migrate --db URL`): %s\n", e.what());
    return 1;
  }
}

}  // namespace

void add_commands(app::Commands& commands, app::Settings& settings) {
  auto c = std::make_shared<CalendarCommand>();
  // Issue 4: the calendar commands exit 2 on any bad input, their own checks and CLI11's alike.
  const app::Commands::Spec spec{.database = false, .writes = false, .parse_error_exit = 2};
  CLI::App& root = commands.add(nullptr, "calendar", "Lunar dates, holidays and deadlines (exit 2 on bad input)", {}, spec);
  root.add_option("--db", c->db_url, "Read the official holiday schedules from this database (default: the shipped ones)")
      ->envname("TINHSO_DB");
  app::add_calendar_options(root, settings);
  CLI::App& lunar_cmd = commands.add(&root, "lunar", "Print the lunar date of a solar date: L YYYY-MM-DD[ leap]",
                                     [c](app::CommandEnv&) { return run([&] { return lunar(*c); }); }, spec);
  lunar_cmd.add_option("date", c->date, "Solar date YYYY-MM-DD")->required();
  CLI::App& solar_cmd = commands.add(&root, "solar", "Print the solar date of a lunar date",
                                     [c](app::CommandEnv&) { return run([&] { return solar(*c); }); }, spec);
  solar_cmd.add_option("date", c->date, "Lunar date YYYY-MM-DD")->required();
  solar_cmd.add_flag("--leap", c->leap, "The date is in the leap month");
  CLI::App& due_cmd = commands.add(&root, "due", "Print the due date of a period counted from a receipt",
                                   [c](app::CommandEnv& env) { return run([&] { return due(*c, env); }); }, spec);
  due_cmd.add_option("--from", c->from, "Receipt: YYYY-MM-DD or YYYY-MM-DDTHH:MM (Vietnam time)")->required();
  due_cmd.add_option("--working-days", c->working_days, "N working days (the receipt day not counted)");
  due_cmd.add_option("--days", c->days, "N calendar days, the end rolled forward to a working day");
  CLI::App& holidays_cmd = commands.add(&root, "holidays", "Print a year's weekdays off and weekend days worked",
                                        [c](app::CommandEnv& env) { return run([&] { return holidays(*c, env); }); }, spec);
  holidays_cmd.add_option("year", c->date, "Year YYYY")->required();
  for (CLI::App* sub : {&lunar_cmd, &solar_cmd, &due_cmd, &holidays_cmd}) sub->fallthrough();
}

}  // namespace tinhso::calendar
