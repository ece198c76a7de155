// site/permissions.h: the site routes are public but /design (staff only); only the language
// switch skips the CSRF token.
#include <gtest/gtest.h>

#include <iterator>
#include <vector>

#include "modules/site/permissions.h"

using namespace tinhso::site::permissions;

TEST(SitePermissions, CsrfTokenTable) {
  struct Case {
    Route route;
    bool token;
  } cases[] = {
      {Route::home, true},
      {Route::about, true},
      {Route::language_switch, false},
      {Route::static_file, true},
      {Route::api_description, true},
      {Route::design, true},
      {Route::admin_index, true},
  };
  ASSERT_EQ(std::size(cases), std::size(kAllRoutes));  // a new route gets its row here
  for (const auto& c : cases) {
    SCOPED_TRACE(static_cast<int>(c.route));
    EXPECT_EQ(csrf_token(c.route), c.token);
  }
}

TEST(SitePermissions, DesignSystemForStaffAdministrationIndexForAdministrators) {
  using tinhso::auth::Principal;
  using tinhso::auth::Role;
  struct Case {
    std::vector<Role> roles;
    bool allowed;
  } cases[] = {
      {{Role::citizen}, false},      {{}, false},
      {{Role::one_stop_officer}, true},       {{Role::specialist}, true},
      {{Role::agency_leader}, true}, {{Role::inspector}, true},
      {{Role::province_leader}, true}, {{Role::administrator}, true},
      {{Role::auditor}, true},
  };
  for (const auto& c : cases) {
    Principal p;
    p.roles = c.roles;
    SCOPED_TRACE(c.roles.empty() ? -1 : static_cast<int>(c.roles.front()));
    EXPECT_EQ(may_view_design(p), c.allowed);
    EXPECT_EQ(may_view_admin_index(p), c.roles == std::vector<Role>{Role::administrator});
  }
}
