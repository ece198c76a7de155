// The one audit convention (issue 13 §3): a Recorder bound to a request records as its principal
// with its address and request id, one bound to the system as the named actor, on both dialects;
// a record written in a transaction that rolls back is gone with it.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/auth/principal.h"
#include "modules/audit/api.h"
#include "temp_db.h"

namespace tinhso::audit {
namespace {

using namespace std::chrono_literals;

class RecorderTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  struct Row {
    std::string actor, role, address, action, object_id, request_id;
  };
  static std::vector<Row> rows(testing::TempDb& tmp) {
    std::vector<Row> out;
    tmp.db().with_session([&](soci::session& s) {
      soci::rowset<soci::row> rs = (s.prepare << "SELECT actor_name, role, address, action, object_id, request_id "
                                                 "FROM audit_log ORDER BY seq");
      for (const auto& r : rs)
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                       r.get<std::string>(4), r.get<std::string>(5)});
    });
    return out;
  }
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 3h};
};

TEST_P(RecorderTest, RecordsAsTheRequestOrTheSystem) {
  TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
  testing::TempDb tmp(GetParam());
  http::Request req;
  req.remote_addr = "203.0.113.7";
  req.request_id = "req-1";
  auto p = std::make_shared<auth::Principal>();
  p->account_id = 42;
  p->display_name = "Nguyễn Văn An";
  p->roles = {auth::Role::one_stop_officer};
  req.principal = p;
  auto by_request = for_request(tmp.db().dialect(), clock, req);
  auto by_system = for_system(tmp.db().dialect(), clock, "demo");
  tmp.db().transaction([&](soci::session& s) {
    by_request(s, {"dossier.receive", "dossier", "7", "", "state=received"});
    by_system(s, {"agency.update", "agency", "3", "a", "b"});
  });
  auto r = rows(tmp);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].actor, "Nguyễn Văn An");
  EXPECT_EQ(r[0].role, "one_stop_officer");
  EXPECT_EQ(r[0].address, "203.0.113.7");
  EXPECT_EQ(r[0].request_id, "req-1");
  EXPECT_EQ(r[0].action, "dossier.receive");
  EXPECT_EQ(r[1].actor, "demo");
  EXPECT_EQ(r[1].role, "system");
  EXPECT_EQ(r[1].object_id, "3");
  EXPECT_TRUE(verify(tmp.db()).ok);
}

TEST_P(RecorderTest, RollsBackWithTheChange) {
  TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
  testing::TempDb tmp(GetParam());
  auto rec = for_system(tmp.db().dialect(), clock, "cli");
  EXPECT_THROW(tmp.db().transaction([&](soci::session& s) {
    rec(s, {"agency.update", "agency", "1", "", ""});
    throw std::runtime_error("the change failed");
  }),
               std::runtime_error);
  EXPECT_TRUE(rows(tmp).empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, RecorderTest, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::audit
