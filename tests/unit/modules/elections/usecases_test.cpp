// The elections use cases (issue 19; modules/elections/usecases.h) on a temporary database of each
// dialect: minutes entered only by the area's team, refused while they do not add up (nothing
// stored), counted once a second person checked them; certification by the committee over checked
// minutes only; after it a change needs its reason and is a new version; the announcement needs
// every constituency certified and ends the entry. One audit record per change.
#include <gtest/gtest.h>

#include "core/auth/clock.h"
#include "modules/audit/api.h"
#include "modules/elections/store.h"
#include "modules/elections/usecases.h"
#include "temp_db.h"

namespace tinhso::elections {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kTeam = 1, kSecond = 2, kCommittee = 3, kOutsider = 4, kBoard = 5;

class ElectionUseCases : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    const std::string ids = tmp->dialect() == db::Dialect::postgresql ? " OVERRIDING SYSTEM VALUE" : "";
    for (std::int64_t id : {kTeam, kSecond, kCommittee, kOutsider, kBoard}) {
      const std::string n = std::to_string(id);
      tmp->exec("INSERT INTO accounts (id, email, full_name, kind, status, created_at, updated_at)" + ids + " VALUES (" +
                n + ", 'a" + n + "@example.vn', 'Người " + n + "', 'citizen', 'active', '2026-01-01T00:00:00Z',"
                " '2026-01-01T00:00:00Z');");
    }
    // A commune by-election: 1 seat, 2 candidates, 2 areas of 100 voters; areas 1 and 2 have the
    // team kTeam + kSecond; kOutsider is on no team.
    tmp->exec("INSERT INTO elections (id, name, election_date, state, created_at)" + ids +
              " VALUES (1, 'Bầu cử bổ sung', '2026-11-29', 'counting', '2026-11-01T00:00:00Z');"
              "INSERT INTO election_committee_members (election_id, account_id) VALUES (1, 3);"
              "INSERT INTO election_constituencies (id, election_id, body, number, name, area, seats)" + ids +
              " VALUES (1, 1, 'commune_council', 1, 'Đơn vị 1', 'Thôn A', 1);"
              "INSERT INTO election_candidates (id, constituency_id, list_order, name, birth_date, gender)" + ids +
              " VALUES (1, 1, 1, 'Ứng viên A', '1970-01-01', 'male'), (2, 1, 2, 'Ứng viên B', '1980-01-01', 'female');"
              "INSERT INTO election_polling_areas (id, election_id, number, name, unit, registered)" + ids +
              " VALUES (1, 1, 1, 'Khu vực 1', 'Xã A', 100), (2, 1, 2, 'Khu vực 2', 'Xã A', 100);"
              "INSERT INTO election_area_constituencies (area_id, constituency_id) VALUES (1, 1), (2, 1);"
              "INSERT INTO election_team_members (area_id, account_id) VALUES (1, 1), (1, 2), (2, 1), (2, 2);"
              "INSERT INTO election_board_members (constituency_id, account_id) VALUES (1, 5);");
  }

  template <class Fn>
  Result run(Fn&& fn) {
    // Rolled back when refused, as the pages do.
    Result out;
    try {
      tmp->db().transaction([&](soci::session& s) {
        out = fn(Env{s, tmp->dialect(), clock, recorder});
        if (!out.ok()) throw std::runtime_error("refused");
      });
    } catch (const std::runtime_error&) {
    }
    return out;
  }
  long long count(const std::string& sql) {
    long long n = 0;
    tmp->db().with_session([&](soci::session& s) { s << sql, soci::into(n); });
    return n;
  }
  static MinutesInput minutes(std::int64_t area, std::int64_t a, std::int64_t b, const std::string& reason = "") {
    MinutesInput in;
    in.area_id = area;
    in.constituency_id = 1;
    in.figures.voted = in.figures.issued = in.figures.received = 80;
    in.figures.valid = 78;
    in.figures.invalid = 2;
    in.figures.votes = {{1, a}, {2, b}};
    in.reason = reason;
    return in;
  }

  std::unique_ptr<testing::TempDb> tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 29} + 13h};
  audit::Recorder recorder = [this](soci::session& s, const audit::Change& c) {
    audit::for_system(tmp->dialect(), clock, "test")(s, c);
  };
};

TEST_P(ElectionUseCases, FromMinutesToAnnouncement) {
  EXPECT_EQ(run([](const Env& e) { return enter_minutes(e, minutes(1, 50, 28), kOutsider); }).error, Error::forbidden)
      << "a team outside its area";
  const Result wrong = run([](const Env& e) { return enter_minutes(e, minutes(1, 79, 0), kTeam); });
  EXPECT_EQ(wrong.error, Error::inconsistent);
  ASSERT_EQ(wrong.problems.size(), 2u);
  EXPECT_EQ(wrong.problems[0].field, "votes.1") << "79 votes of 78 valid ballots";
  EXPECT_EQ(wrong.problems[1].field, "votes") << "79 names kept on 78 ballots of one seat";
  EXPECT_EQ(count("SELECT COUNT(*) FROM election_minutes"), 0) << "nothing stored";

  const Result a1 = run([](const Env& e) { return enter_minutes(e, minutes(1, 50, 28), kTeam); });
  ASSERT_TRUE(a1.ok());
  EXPECT_EQ(run([&](const Env& e) { return check_minutes_by(e, a1.id, kTeam); }).error, Error::own_minutes);
  EXPECT_EQ(run([&](const Env& e) { return check_minutes_by(e, a1.id, kOutsider); }).error, Error::forbidden);
  ASSERT_TRUE(run([&](const Env& e) { return check_minutes_by(e, a1.id, kSecond); }).ok());
  EXPECT_EQ(run([&](const Env& e) { return check_minutes_by(e, a1.id, kCommittee); }).error, Error::already_checked);

  const Result a2 = run([](const Env& e) { return enter_minutes(e, minutes(2, 30, 48), kTeam); });
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(run([](const Env& e) { return certify(e, 1, Round::first, "", kCommittee); }).error, Error::not_all_checked)
      << "area 2 not checked yet";
  ASSERT_TRUE(run([&](const Env& e) { return check_minutes_by(e, a2.id, kCommittee); }).ok())
      << "a committee member may be the second person";
  EXPECT_EQ(run([](const Env& e) { return certify(e, 1, Round::first, "", kTeam); }).error, Error::forbidden);
  EXPECT_EQ(run([](const Env& e) { return announce(e, 1, kCommittee); }).error, Error::not_all_certified);
  EXPECT_EQ(run([](const Env& e) { return certify(e, 1, Round::first, "", kOutsider); }).error, Error::forbidden);
  ASSERT_TRUE(run([](const Env& e) { return certify(e, 1, Round::first, "", kBoard); }).ok())
      << "Art. 77: the constituency's board determines its result";
  tmp->db().with_session([&](soci::session& s) {
    const auto r = latest_result(s, 1, Round::first);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->voted, 160);
    EXPECT_EQ(r->valid, 156);
    // Ứng viên A: 80 of 156 valid ballots, more than half (Art. 78).
    EXPECT_NE(r->outcome_json.find("\"elected\":[\"1\"]"), std::string::npos) << r->outcome_json;
  });

  // Certified: a change needs its reason, and is version 2; so is a new certification.
  EXPECT_EQ(run([](const Env& e) { return enter_minutes(e, minutes(2, 31, 47), kTeam); }).error, Error::certified);
  ASSERT_TRUE(run([](const Env& e) { return enter_minutes(e, minutes(2, 31, 47, "Nhập nhầm"), kTeam); }).ok());
  EXPECT_EQ(count("SELECT MAX(version) FROM election_minutes WHERE area_id = 2"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM election_minutes WHERE area_id = 2 AND current = 1"), 1);
  EXPECT_EQ(run([](const Env& e) { return certify(e, 1, Round::first, "", kCommittee); }).error, Error::not_all_checked)
      << "the correction is not checked yet";
  const long long corrected = count("SELECT id FROM election_minutes WHERE area_id = 2 AND current = 1");
  ASSERT_TRUE(run([&](const Env& e) { return check_minutes_by(e, corrected, kSecond); }).ok());
  EXPECT_EQ(run([](const Env& e) { return certify(e, 1, Round::first, " ", kCommittee); }).error, Error::reason_required);
  ASSERT_TRUE(run([](const Env& e) { return certify(e, 1, Round::first, "Khu vực 2 điều chỉnh", kCommittee); }).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM election_results WHERE current = 1"), 1);

  ASSERT_TRUE(run([](const Env& e) { return announce(e, 1, kCommittee); }).ok());
  EXPECT_EQ(run([](const Env& e) { return enter_minutes(e, minutes(1, 50, 28, "x"), kTeam); }).error, Error::wrong_state);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'election%'"), 9)
      << "3 entries, 3 checks, 2 certifications, 1 announcement; nothing for the refused steps";
}

// Art. 79: a People's Council constituency of 2 seats fills 1 of them (fewer than two thirds), so a
// supplementary election is called; only the candidate not elected stands, for the 1 seat left;
// a re-election is not called, and its minutes are refused.
TEST_P(ElectionUseCases, ASupplementaryElectionOnlyWhenCalled) {
  const std::string ids = tmp->dialect() == db::Dialect::postgresql ? " OVERRIDING SYSTEM VALUE" : "";
  tmp->exec("UPDATE election_constituencies SET seats = 2 WHERE id = 1;"
            "INSERT INTO election_candidates (id, constituency_id, list_order, name, birth_date, gender)" + ids +
            " VALUES (3, 1, 3, 'Ứng viên C', '1975-01-01', 'male');");
  auto three = [](std::int64_t area, std::int64_t a, std::int64_t b, std::int64_t c) {
    MinutesInput in = minutes(area, a, b);
    in.figures.votes[3] = c;
    return in;
  };
  MinutesInput supplementary = minutes(1, 0, 50);
  supplementary.round = Round::supplementary;
  supplementary.figures.votes = {{2, 50}, {3, 28}};
  EXPECT_EQ(run([&](const Env& e) { return enter_minutes(e, supplementary, kTeam); }).error, Error::wrong_state)
      << "not called before the first round is certified";
  for (std::int64_t area : {1, 2}) {
    const Result r = run([&](const Env& e) { return enter_minutes(e, three(area, 60, 30, 20), kTeam); });
    ASSERT_TRUE(r.ok()) << error_code(r.error);
    ASSERT_TRUE(run([&](const Env& e) { return check_minutes_by(e, r.id, kSecond); }).ok());
  }
  ASSERT_TRUE(run([](const Env& e) { return certify(e, 1, Round::first, "", kCommittee); }).ok());
  tmp->db().with_session([&](soci::session& s) {
    const auto first = latest_result(s, 1, Round::first);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->next, "supplementary") << first->outcome_json;
    const auto c = load_constituency(s, 1);
    const auto standing = standing_candidates(s, *c, Round::supplementary);
    ASSERT_EQ(standing.size(), 2u) << "the elected one does not stand again";
    EXPECT_EQ(standing[0].id, 2);
    EXPECT_FALSE(round_called(s, *c, Round::re_election));
    EXPECT_EQ(tally_input(s, *c, Round::supplementary).seats, 1) << "the seat left";
  });
  MinutesInput again = supplementary;
  again.figures.votes = {{1, 10}, {2, 40}, {3, 28}};
  EXPECT_EQ(run([&](const Env& e) { return enter_minutes(e, again, kTeam); }).error, Error::inconsistent)
      << "the elected candidate is not on the supplementary ballot";
  EXPECT_TRUE(run([&](const Env& e) { return enter_minutes(e, supplementary, kTeam); }).ok());
  MinutesInput re = minutes(1, 50, 28);
  re.round = Round::re_election;
  EXPECT_EQ(run([&](const Env& e) { return enter_minutes(e, re, kTeam); }).error, Error::wrong_state);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ElectionUseCases, ::testing::ValuesIn(testing::dialects()),
                         testing::dialect_name);

}  // namespace
}  // namespace tinhso::elections
