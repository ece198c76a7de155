// site/permissions.h: every site route is public; only the language switch skips the CSRF token.
#include <gtest/gtest.h>

#include <iterator>

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
  };
  ASSERT_EQ(std::size(cases), std::size(kAllRoutes));  // a new route gets its row here
  for (const auto& c : cases) {
    SCOPED_TRACE(static_cast<int>(c.route));
    EXPECT_EQ(csrf_token(c.route), c.token);
  }
}
