// Who may do what with a dossier (permissions.h), table-driven over roles and agency scopes: the
// applicant, desk officers of the desk agency or an agency above it, the handling agency's
// leaders and the assigned specialist, and everyone else (another citizen, another agency, an
// unassigned or moved specialist, an inspector, a staff account that shares the applicant's id
// without the citizen role). Drafts are the applicant's alone; a result reaches the applicant
// only once returned. The route guards: anonymous 401, pending second factor and wrong role 403.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "core/http/errors.h"
#include "core/http/request.h"
#include "modules/dossiers/permissions.h"

namespace tinhso::dossiers {
namespace {

using auth::Role;

// Desk agency 1 (a district's one-stop desk under the province, agency 10); handling agency 2;
// applicant account 1; assigned specialist account 3.
Dossier processing_dossier() {
  Dossier d;
  d.id = 7;
  d.code = "TTHCC-261201-0001";
  d.desk_agency_id = 1;
  d.agency_id = d.responsible_agency_id = 2;
  d.state = State::processing;
  d.applicant_account_id = 1;
  d.assignee_id = 3;
  d.submitted_at = "2026-12-01T02:00:00Z";
  d.received_at = "2026-12-01T02:00:00Z";
  return d;
}

auth::Principal who(std::int64_t account, std::vector<Role> roles, std::vector<std::int64_t> scope) {
  auth::Principal p;
  p.account_id = account;
  p.roles = std::move(roles);
  p.agency_scope = std::move(scope);
  if (!p.agency_scope.empty()) p.agency_id = p.agency_scope.front();
  return p;
}

struct Row {
  const char* name;
  auth::Principal p;
  bool applicant, desk, handling, view, work, leader, assignee, sees_result;
};

TEST(DossierPermissions, ByRoleAndScope) {
  const Row rows[] = {
      // name                       principal                                          app    desk   hand   view   work   lead   asg    result
      {"applicant", who(1, {Role::citizen}, {}), true, false, false, true, false, false, false, false},
      {"another_citizen", who(9, {Role::citizen}, {}), false, false, false, false, false, false, false, false},
      {"desk_officer", who(2, {Role::one_stop_officer}, {1}), false, true, false, true, true, false, false, true},
      {"officer_above_both", who(2, {Role::one_stop_officer}, {10, 1, 2}), false, true, true, true, true, false, false, true},
      {"officer_elsewhere", who(2, {Role::one_stop_officer}, {3}), false, false, false, false, false, false, false, false},
      {"leader", who(4, {Role::agency_leader}, {2}), false, false, true, true, true, true, false, true},
      {"leader_elsewhere", who(4, {Role::agency_leader}, {3}), false, false, false, false, false, false, false, false},
      {"leader_of_the_desk", who(4, {Role::agency_leader}, {1}), false, false, false, false, false, false, false, false},
      {"assigned_specialist", who(3, {Role::specialist}, {2}), false, false, true, true, true, false, true, true},
      {"unassigned_specialist", who(8, {Role::specialist}, {2}), false, false, false, false, false, false, false, false},
      {"assignee_moved_away", who(3, {Role::specialist}, {3}), false, false, false, false, false, false, false, false},
      {"inspector", who(5, {Role::inspector}, {10, 1, 2, 3}), false, false, false, false, false, false, false, false},
      {"staff_with_the_applicants_id", who(1, {Role::one_stop_officer}, {3}), false, false, false, false, false, false, false,
       false},
  };
  const Dossier d = processing_dossier();
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    EXPECT_EQ(is_applicant(r.p, d), r.applicant);
    EXPECT_EQ(is_desk_officer_of(r.p, d), r.desk);
    EXPECT_EQ(is_handling_staff(r.p, d), r.handling);
    EXPECT_EQ(may_view_dossier(r.p, d), r.view);
    EXPECT_EQ(may_view_work(r.p, d), r.work);
    EXPECT_EQ(is_leader_of(r.p, d), r.leader);
    EXPECT_EQ(is_assignee_of(r.p, d), r.assignee);
    EXPECT_EQ(may_see_file(r.p, d, "result"), r.sees_result);
    EXPECT_TRUE(may_see_file(r.p, d, "application")) << "only results are held back";
  }
}

TEST(DossierPermissions, DraftsAreTheApplicantsAlone) {
  Dossier d = processing_dossier();
  d.state = State::draft;
  d.code.clear();
  d.submitted_at.clear();
  d.received_at.clear();
  d.assignee_id = 0;
  EXPECT_TRUE(may_view_dossier(who(1, {Role::citizen}, {}), d));
  for (const auto& p : {who(2, {Role::one_stop_officer}, {1}), who(4, {Role::agency_leader}, {2}),
                        who(2, {Role::one_stop_officer}, {10, 1, 2})}) {
    EXPECT_FALSE(may_view_dossier(p, d));
    EXPECT_FALSE(may_view_work(p, d));
  }
}

// The processing page opens at receipt: before it the desk sees the dossier, not the work.
TEST(DossierPermissions, WorkStartsAtReceipt) {
  Dossier d = processing_dossier();
  d.state = State::submitted;
  d.received_at.clear();
  d.assignee_id = 0;
  auto desk = who(2, {Role::one_stop_officer}, {1});
  EXPECT_TRUE(may_view_dossier(desk, d));
  EXPECT_FALSE(may_view_work(desk, d));
  EXPECT_FALSE(may_view_work(who(4, {Role::agency_leader}, {2}), d));
}

TEST(DossierPermissions, TheResultReachesTheApplicantOnceReturned) {
  Dossier d = processing_dossier();
  auto applicant = who(1, {Role::citizen}, {});
  for (State s : {State::processing, State::proposed, State::approved})
    EXPECT_FALSE(may_see_file(applicant, [&] { d.state = s; return d; }(), "result")) << state_code(s);
  d.state = State::returned;
  EXPECT_TRUE(may_see_file(applicant, d, "result"));
}

std::optional<http::ErrorKind> refusal(const std::function<const auth::Principal&(const http::Request&)>& guard,
                                       std::shared_ptr<auth::Principal> p) {
  http::Request req;
  req.principal = std::move(p);
  try {
    guard(req);
    return std::nullopt;
  } catch (const http::Error& e) {
    return e.kind();
  }
}

TEST(DossierPermissions, RouteGuards) {
  using K = http::ErrorKind;
  auto as = [](std::vector<Role> roles, bool pending = false) {
    auto p = std::make_shared<auth::Principal>(who(2, std::move(roles), {1}));
    p->second_factor_required = pending;
    return p;
  };
  struct Guard {
    const char* name;
    std::function<const auth::Principal&(const http::Request&)> fn;
    std::vector<Role> allowed;
  };
  const Guard guards[] = {
      {"citizen", require_citizen, {Role::citizen}},
      {"desk", require_desk_officer, {Role::one_stop_officer}},
      {"work", require_processing_staff, {Role::specialist, Role::agency_leader, Role::one_stop_officer}},
  };
  for (const Guard& g : guards) {
    SCOPED_TRACE(g.name);
    EXPECT_EQ(refusal(g.fn, nullptr), K::unauthenticated);
    for (Role r : auth::kAllRoles) {
      bool allowed = std::find(g.allowed.begin(), g.allowed.end(), r) != g.allowed.end();
      EXPECT_EQ(refusal(g.fn, as({r})), allowed ? std::nullopt : std::optional<K>(K::forbidden)) << auth::role_name(r);
      EXPECT_EQ(refusal(g.fn, as({r}, true)), K::forbidden) << "second factor pending: " << auth::role_name(r);
    }
  }
}

}  // namespace
}  // namespace tinhso::dossiers
