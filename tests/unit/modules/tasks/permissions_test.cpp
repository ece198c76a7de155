// Who may do what with a task (issue 16 §3; modules/tasks/permissions.h), table-driven over
// principals and actions; deny by default.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/tasks/permissions.h"

namespace tinhso::tasks {
namespace {

using auth::Role;

// 1: the leaders' office, 2: the lead department, 3: a coordinating department, 4: a unit of 2,
// 5: an unrelated department.
constexpr std::int64_t kOffice = 1, kLead = 2, kCoordinating = 3, kUnit = 4, kElsewhere = 5;

auth::Principal who(std::vector<Role> roles, std::optional<std::int64_t> agency, std::vector<std::int64_t> scope = {}) {
  auth::Principal p;
  p.account_id = 1;
  p.roles = std::move(roles);
  p.agency_id = agency;
  if (agency && scope.empty()) scope = {*agency};
  p.agency_scope = std::move(scope);
  return p;
}

Task task(State state, std::int64_t parent = 0) {
  Task t;
  t.id = 10;
  t.parent_id = parent;
  t.state = state;
  t.lead_agency_id = parent ? kUnit : kLead;
  t.assigner_agency_id = parent ? kLead : kOffice;
  t.coordinators = {kCoordinating};
  return t;
}

const auth::Principal kProvinceLeader = who({Role::province_leader}, kOffice);
const auth::Principal kOfficeSpecialist = who({Role::specialist}, kOffice);
const auth::Principal kLeadLeader = who({Role::agency_leader}, kLead, {kLead, kUnit});
const auth::Principal kLeadSpecialist = who({Role::specialist}, kLead);
const auth::Principal kCoordinator = who({Role::specialist}, kCoordinating);
const auth::Principal kUnitSpecialist = who({Role::specialist}, kUnit);
const auth::Principal kStranger = who({Role::agency_leader}, kElsewhere);
const auth::Principal kOneStop = who({Role::one_stop_officer}, kLead);
const auth::Principal kCitizen = who({Role::citizen}, std::nullopt);
const auth::Principal kAuditor = who({Role::auditor}, kOffice);

TEST(TasksPermissions, PartsFollowTheAgency) {
  const Task t = task(State::assigned);
  struct Case {
    const auth::Principal* p;
    std::vector<Part> parts;
    bool view;
  };
  const Case cases[] = {
      {&kProvinceLeader, {Part::assigner}, true}, {&kOfficeSpecialist, {Part::assigner}, true},
      {&kLeadLeader, {Part::lead}, true},         {&kLeadSpecialist, {Part::lead}, true},
      {&kCoordinator, {Part::coordinator}, true}, {&kUnitSpecialist, {}, false},
      {&kStranger, {}, false},                    {&kOneStop, {}, false},
      {&kCitizen, {}, false},                     {&kAuditor, {}, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parts_of(*c.p, t), c.parts) << c.p->primary_role() << " of " << c.p->agency_id.value_or(0);
    EXPECT_EQ(may_view(*c.p, t), c.view) << c.p->primary_role();
  }
}

TEST(TasksPermissions, WhoTakesWhichStep) {
  struct Case {
    State state;
    Action action;
    const auth::Principal* p;
    std::optional<Part> part;
  };
  const Case cases[] = {
      {State::assigned, Action::acknowledge, &kLeadSpecialist, Part::lead},
      {State::assigned, Action::acknowledge, &kLeadLeader, Part::lead},
      {State::assigned, Action::acknowledge, &kCoordinator, std::nullopt},
      {State::assigned, Action::acknowledge, &kProvinceLeader, std::nullopt},
      {State::acknowledged, Action::report_progress, &kLeadSpecialist, Part::lead},
      {State::acknowledged, Action::report_progress, &kCoordinator, std::nullopt},
      {State::acknowledged, Action::report_completion, &kLeadSpecialist, std::nullopt},  // the leader's
      {State::acknowledged, Action::report_completion, &kLeadLeader, Part::lead},
      {State::acknowledged, Action::request_extension, &kLeadSpecialist, std::nullopt},
      {State::acknowledged, Action::request_extension, &kLeadLeader, Part::lead},
      {State::acknowledged, Action::approve_extension, &kProvinceLeader, Part::assigner},
      {State::acknowledged, Action::approve_extension, &kOfficeSpecialist, Part::assigner},
      {State::acknowledged, Action::approve_extension, &kLeadLeader, std::nullopt},
      {State::completion_reported, Action::confirm, &kProvinceLeader, Part::assigner},
      {State::completion_reported, Action::confirm, &kLeadLeader, std::nullopt},
      {State::completion_reported, Action::return_, &kOfficeSpecialist, Part::assigner},
      {State::assigned, Action::cancel, &kProvinceLeader, Part::assigner},
      {State::assigned, Action::cancel, &kStranger, std::nullopt},
      {State::done, Action::cancel, &kProvinceLeader, std::nullopt},
      {State::assigned, Action::merge, &kCitizen, std::nullopt},
  };
  for (const auto& c : cases)
    EXPECT_EQ(part_for(*c.p, task(c.state), c.action), c.part)
        << state_code(c.state) << " " << action_code(c.action) << " by " << c.p->primary_role() << " of "
        << c.p->agency_id.value_or(0);
}

TEST(TasksPermissions, SubTasksAreTheLeadBodysOwn) {
  const Task sub = task(State::completion_reported, 10);
  // The lead body assigns and confirms its unit's sub-task; the province leader does not.
  EXPECT_EQ(part_for(kLeadLeader, sub, Action::confirm), Part::assigner);
  EXPECT_EQ(part_for(kLeadSpecialist, sub, Action::confirm), Part::assigner);
  EXPECT_EQ(part_for(kProvinceLeader, sub, Action::confirm), std::nullopt);
  EXPECT_EQ(part_for(kOfficeSpecialist, sub, Action::confirm), std::nullopt);
  const Task open_sub = task(State::assigned, 10);
  EXPECT_EQ(part_for(kUnitSpecialist, open_sub, Action::acknowledge), Part::lead);
  EXPECT_EQ(part_for(kLeadLeader, open_sub, Action::acknowledge), Part::lead);  // overseeing its unit
  EXPECT_EQ(part_for(kLeadSpecialist, open_sub, Action::acknowledge), std::nullopt);

  EXPECT_TRUE(may_split(kLeadLeader, task(State::acknowledged)));
  EXPECT_FALSE(may_split(kLeadSpecialist, task(State::acknowledged)));
  EXPECT_FALSE(may_split(kLeadLeader, task(State::done)));
  EXPECT_FALSE(may_split(kProvinceLeader, task(State::acknowledged)));
  EXPECT_TRUE(may_assign(kProvinceLeader, kOffice));
  EXPECT_TRUE(may_assign(kOfficeSpecialist, kOffice));
  EXPECT_FALSE(may_assign(kOfficeSpecialist, kLead));
  EXPECT_FALSE(may_assign(kOneStop, kLead));
  EXPECT_FALSE(may_assign(kCitizen, kOffice));
}

}  // namespace
}  // namespace tinhso::tasks
