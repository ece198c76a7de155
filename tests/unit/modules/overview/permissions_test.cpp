// overview/permissions.h: who sees the lateness overview, and over which agencies.
#include <gtest/gtest.h>

#include "modules/overview/permissions.h"

using tinhso::auth::Principal;
using tinhso::auth::Role;
using tinhso::overview::permissions::scope;

namespace {
Principal who(std::vector<Role> roles, std::optional<std::int64_t> agency = std::nullopt,
              std::vector<std::int64_t> below = {}) {
  Principal p;
  p.roles = std::move(roles);
  p.agency_id = agency;
  p.agency_scope = std::move(below);
  return p;
}
}  // namespace

TEST(OverviewPermissions, ScopeTable) {
  // Not leaders: no overview.
  for (Role r : {Role::citizen, Role::one_stop_officer, Role::specialist, Role::inspector, Role::administrator,
                 Role::auditor})
    EXPECT_FALSE(scope(who({r}, 7, {7}))) << static_cast<int>(r);
  EXPECT_FALSE(scope(who({})));
  // The province leader: every agency.
  auto p = scope(who({Role::province_leader}, 1, {1, 2, 3}));
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->province_wide);
  EXPECT_TRUE(p->dossier_agencies.empty());
  EXPECT_TRUE(p->petition_agencies.empty());
  // An agency leader: dossiers of the agency and below (as /work), petitions of the agency (as the desk).
  auto a = scope(who({Role::agency_leader}, 7, {7, 8, 9}));
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->province_wide);
  EXPECT_EQ(a->dossier_agencies, (std::vector<std::int64_t>{7, 8, 9}));
  EXPECT_EQ(a->petition_agencies, (std::vector<std::int64_t>{7}));
  // A scope not loaded still covers the own agency; an agency leader without an agency sees nothing.
  auto lone = scope(who({Role::agency_leader}, 7, {}));
  ASSERT_TRUE(lone);
  EXPECT_EQ(lone->dossier_agencies, (std::vector<std::int64_t>{7}));
  EXPECT_FALSE(scope(who({Role::agency_leader})));
  // Both roles: the wider one.
  auto both = scope(who({Role::agency_leader, Role::province_leader}, 7, {7}));
  ASSERT_TRUE(both);
  EXPECT_TRUE(both->province_wide);
}
