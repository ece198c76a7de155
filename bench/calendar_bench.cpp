// Micro benchmarks of the calendar core (issue 4): lunar conversion, working-day arithmetic, the
// deadline engine and building a WorkCalendar. Figures and the command: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/calendar/deadline.h"
#include "core/calendar/lunar.h"

namespace tinhso::calendar {
namespace {

using std::chrono::days;

const Date kFirst = make_date(kFirstYear, 1, 1);
const int kDays = static_cast<int>((make_date(kLastYear, 12, 31) - kFirst).count()) + 1;

// Days spread over the whole range in a fixed pseudo-random order (no cache-friendly walk).
std::vector<Date> sample_days(int margin) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> pick(0, kDays - 1 - margin);
  std::vector<Date> out(4096);
  for (Date& d : out) d = kFirst + days{pick(rng)};
  return out;
}

// The 2026 official schedule of LAW.md §1, so the calendar has a realistic override.
OfficialSchedule schedule_2026() {
  OfficialSchedule s{2026, "LAW.md §1", {}};
  for (const char* d : {"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                        "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01",
                        "2026-09-02"})
    s.days.push_back({*parse_date(d), DayKind::off, Reason::other, {}});
  for (const char* d : {"2026-01-10", "2026-08-22"}) s.days.push_back({*parse_date(d), DayKind::work, Reason::swap, {}});
  std::sort(s.days.begin(), s.days.end(), [](const ScheduleDay& a, const ScheduleDay& b) { return a.date < b.date; });
  return s;
}

const WorkCalendar& calendar() {
  static const WorkCalendar c(HolidayRules{}, {schedule_2026()});
  return c;
}

void BM_ToLunar(benchmark::State& state) {
  const auto input = sample_days(0);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(to_lunar(input[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToLunar);

void BM_ToSolar(benchmark::State& state) {
  std::vector<LunarDate> input;
  for (Date d : sample_days(0)) input.push_back(*to_lunar(d));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(to_solar(input[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToSolar);

void BM_AddWorkingDays(benchmark::State& state) {
  const WorkCalendar& cal = calendar();
  const auto input = sample_days(400);
  std::size_t i = 0;
  for (auto _ : state) {
    const Date d = input[i++ & 4095];
    benchmark::DoNotOptimize(cal.add_working_days(d, static_cast<int>(i % 60)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddWorkingDays);

std::vector<DeadlineSpec> specs(bool with_pause) {
  std::vector<DeadlineSpec> out;
  for (Date d : sample_days(400)) {
    DeadlineSpec s{{d, std::chrono::hours(16)}, {Unit::working_days, 15}, {}, {}};
    if (with_pause) s.pauses.push_back({{d + days{3}, std::chrono::hours(10)}, LocalMoment{d + days{10}, std::nullopt}});
    out.push_back(std::move(s));
  }
  return out;
}

void BM_Due(benchmark::State& state) {
  const DeadlineEngine engine(calendar(), DeadlineRules{});
  const auto input = specs(state.range(0) != 0);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine.due(input[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Due)->ArgName("pause")->Arg(0)->Arg(1);

void BM_Status(benchmark::State& state) {
  const DeadlineEngine engine(calendar(), DeadlineRules{});
  const auto input = specs(true);
  std::size_t i = 0;
  for (auto _ : state) {
    const DeadlineSpec& s = input[i++ & 4095];
    benchmark::DoNotOptimize(engine.status(s, {s.received.day + days{20}, std::nullopt}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Status);

void BM_WorkCalendarBuild(benchmark::State& state) {
  to_lunar(kFirst);  // the lunar table is built once per process, not per calendar
  for (auto _ : state) benchmark::DoNotOptimize(WorkCalendar(HolidayRules{}, {schedule_2026()}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WorkCalendarBuild)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tinhso::calendar

BENCHMARK_MAIN();
