// The demo's documents and tasks stored through the use cases (issue 16 §10; demo_load.h) on a
// temporary database of each dialect: every step of data/tasks/demo.json is legal, and the
// figures as of 30/6/2021 and 5/12/2026 (board.h) have members in every bucket, each count the
// number of its rows.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "calendar_fixtures.h"
#include "demo_fixture.h"
#include "modules/tasks/board.h"
#include "modules/tasks/demo_load.h"
#include "modules/tasks/store.h"
#include "temp_db.h"

namespace tinhso::tasks {
namespace {

using namespace std::chrono_literals;
using calendar::test::day;

class TasksDemoLoad : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    test::add_demo_agencies(*tmp, file);
  }

  std::unique_ptr<testing::TempDb> tmp;
  const demo::DemoFile file = test::shipped_demo();
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 3h};  // 10:00 in Viet Nam
  calendar::WorkCalendar calendar{calendar::HolidayRules{},
                                  {calendar::test::official_2024(), calendar::test::official_2025(),
                                   calendar::test::official_2026()}};
  audit::Recorder recorder = [this](soci::session& s, const audit::Change& c) {
    audit::for_system(tmp->dialect(), clock, "demo")(s, c);
  };
};

TEST_P(TasksDemoLoad, EveryStepIsLegalAndEveryBucketHasMembers) {
  ASSERT_NO_THROW(tmp->db().transaction([&](soci::session& s) {
    const Env env{s, clock, calendar, recorder};
    load_demo_file(env, file);
  }));
  long long top = 0;
  for (const auto& d : file.documents)
    for (const auto& it : d.items) top += static_cast<long long>(it.tasks.size());
  for (const char* as_of : {"2021-06-30", "2026-12-05"}) {
    SCOPED_TRACE(as_of);
    auto rows = tmp->db().with_session(
        [&](soci::session& s) { return rows_as_of(s, day(as_of), calendar, OnTimeRule::deadline_in_force); });
    EXPECT_LE(static_cast<long long>(rows.size()), top);
    std::array<long long, 5> sums{};
    for (const auto& lead : counts_by_lead(rows))
      for (std::size_t i = 0; i < sums.size(); ++i) sums[i] += lead.counts[i];
    for (std::size_t i = 0; i < sums.size(); ++i) {
      const Bucket b = kCountedBuckets[i];
      const auto listed = std::count_if(rows.begin(), rows.end(), [&](const AsOfRow& r) { return r.bucket == b; });
      EXPECT_EQ(sums[i], listed) << bucket_code(b);
      EXPECT_GT(sums[i], 0) << "no task " << bucket_code(b);
    }
  }
  // At least one extension approved, kept as a second deadline version.
  long long extended = 0;
  tmp->db().with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM task_deadline_versions WHERE number > 0", soci::into(extended);
  });
  EXPECT_GT(extended, 0);
}

INSTANTIATE_TEST_SUITE_P(Dialects, TasksDemoLoad, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::tasks
