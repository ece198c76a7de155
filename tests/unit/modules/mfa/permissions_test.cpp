// mfa/permissions.h: the second-factor pages take any session, pending or passed, and refuse
// none with 401; the code page is due only while the session owes its second factor.
#include <gtest/gtest.h>

#include <memory>

#include "core/http/errors.h"
#include "modules/mfa/permissions.h"

using namespace tinhso;

TEST(MfaPermissions, SecondFactorDueTable) {
  struct Case {
    const char* what;
    bool required, passed, due;
  } cases[] = {
      {"staff, pending", true, false, true},
      {"staff, passed", true, true, false},
      {"citizen without a second factor", false, false, false},
      {"citizen who enrolled anyway", false, true, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auth::Principal p;
    p.second_factor_required = c.required;
    p.second_factor_passed = c.passed;
    EXPECT_EQ(mfa::permissions::second_factor_due(p), c.due);
  }
}

TEST(MfaPermissions, SessionAccountTable) {
  struct Case {
    const char* what;
    bool session, required, passed;
  } cases[] = {
      {"no session", false, false, false},
      {"pending second factor", true, true, false},
      {"passed second factor", true, true, true},
      {"citizen", true, false, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    http::Request req;
    if (c.session) {
      auto p = std::make_shared<auth::Principal>();
      p->account_id = 42;
      p->second_factor_required = c.required;
      p->second_factor_passed = c.passed;
      req.principal = p;
      EXPECT_EQ(mfa::permissions::session_account(req).account_id, 42);
      continue;
    }
    try {
      mfa::permissions::session_account(req);
      ADD_FAILURE() << "allowed without a session";
    } catch (const http::Error& e) {
      EXPECT_EQ(e.kind(), http::ErrorKind::unauthenticated);
    }
  }
}
