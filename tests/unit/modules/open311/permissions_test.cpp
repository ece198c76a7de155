// open311/permissions.h: only administrators manage API keys and services; the request form
// refuses no session (401), a pending second factor and every other role (403).
#include <gtest/gtest.h>

#include <memory>

#include "core/http/errors.h"
#include "modules/open311/permissions.h"

using namespace tinhso;

namespace {

auth::Principal with_role(auth::Role r) {
  auth::Principal p;
  p.account_id = 7;
  p.roles = {r};
  return p;
}

}  // namespace

TEST(Open311Permissions, OnlyAdministratorsManage) {
  for (auth::Role r : auth::kAllRoles) {
    SCOPED_TRACE(std::string(auth::role_name(r)));
    EXPECT_EQ(open311::permissions::may_manage(with_role(r)), r == auth::Role::administrator);
  }
  auth::Principal none;
  EXPECT_FALSE(open311::permissions::may_manage(none));
  auth::Principal several = with_role(auth::Role::auditor);
  several.roles.push_back(auth::Role::administrator);
  EXPECT_TRUE(open311::permissions::may_manage(several));
}

TEST(Open311Permissions, ManageRequestTable) {
  struct Case {
    const char* what;
    std::optional<auth::Role> role;  // nullopt: no session
    bool required, passed;           // second factor
    std::optional<http::ErrorKind> want;
  } cases[] = {
      {"no session", std::nullopt, false, false, http::ErrorKind::unauthenticated},
      {"administrator", auth::Role::administrator, true, true, std::nullopt},
      {"administrator, second factor pending", auth::Role::administrator, true, false, http::ErrorKind::forbidden},
      {"citizen", auth::Role::citizen, false, false, http::ErrorKind::forbidden},
      {"officer", auth::Role::one_stop_officer, true, true, http::ErrorKind::forbidden},
      {"province leader", auth::Role::province_leader, true, true, http::ErrorKind::forbidden},
      {"auditor", auth::Role::auditor, true, true, http::ErrorKind::forbidden},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    http::Request req;
    if (c.role) {
      auto p = std::make_shared<auth::Principal>(with_role(*c.role));
      p->second_factor_required = c.required;
      p->second_factor_passed = c.passed;
      req.principal = p;
    }
    if (!c.want) {
      EXPECT_EQ(open311::permissions::manage(req).account_id, 7);
      continue;
    }
    try {
      open311::permissions::manage(req);
      ADD_FAILURE() << "allowed";
    } catch (const http::Error& e) {
      EXPECT_EQ(e.kind(), *c.want);
    }
  }
}
