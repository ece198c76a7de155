#include "modules/identity/cli.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "core/auth/clock.h"
#include "modules/audit/api.h"
#include "modules/identity/account.h"
#include "modules/identity/password.h"
#include "modules/identity/store.h"

namespace tinhso::identity {

namespace {

struct AdminCommand {
  std::string email, name;
};

const char* problem_text(PasswordProblem p) {
  switch (p) {
    case PasswordProblem::too_short: return "the password is shorter than 12 characters";
    case PasswordProblem::too_long: return "the password is longer than 128 characters";
    case PasswordProblem::common: return "the password is a common one";
    case PasswordProblem::not_utf8: return "the password is not UTF-8 text";
    case PasswordProblem::none: break;
  }
  return "";
}

// 2 with a message for what the operator must change; the account otherwise.
int create_admin(const AdminCommand& c, app::CommandEnv& env) {
  if (!env.schema_current()) return 2;
  const std::string email = normalize_email(c.email);
  const std::string name = c.name;
  if (!valid_email(email)) {
    std::fprintf(stderr, "tinhso accounts: --email: not an e-mail address\n");
    return 2;
  }
  if (name.empty() || name.size() > 200) {
    std::fprintf(stderr, "tinhso accounts: --name: 1 to 200 characters\n");
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (const PasswordProblem p = check_password(password); p != PasswordProblem::none) {
    std::fprintf(stderr, "tinhso accounts: %s (give it on standard input)\n", problem_text(p));
    return 2;
  }
  const std::string hash = hash_password(password);
  std::int64_t id = 0;
  bool taken = false;
  env.db->transaction([&](soci::session& s) {
    if (find_account_by_email(s, email).has_value()) {
      taken = true;
      return;
    }
    const NewAccount a{email, "", name, "", "staff", "active", hash, std::nullopt, {auth::Role::administrator}};
    id = insert_account(s, a, auth::iso_utc(env.clock.now()));
    audit::record_system(s, env.db->dialect(), env.clock, "cli:accounts",
                         {"account.create_staff", "account", std::to_string(id), "", "administrator"});
  });
  if (taken) {
    std::fprintf(stderr, "tinhso accounts: an account with this e-mail exists already\n");
    return 2;
  }
  std::fprintf(stderr, "tinhso accounts: administrator account %lld created; sign in at /login (a second factor is"
               " set up at the first sign-in)\n", static_cast<long long>(id));
  return 0;
}

}  // namespace

void add_commands(app::Commands& commands, app::Settings&) {
  auto c = std::make_shared<AdminCommand>();
  CLI::App& root = commands.add(nullptr, "accounts", "Accounts: the first administrator of a new database", {},
                                {.database = false, .writes = false, .parse_error_exit = 2});
  CLI::App& create = commands.add(
      &root, "create-admin",
      "Create an administrator account; the password is read from standard input (one line)",
      [c](app::CommandEnv& env) {
        try {
          return create_admin(*c, env);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "tinhso accounts: cannot create the account: %s\n", e.what());
          return 1;
        }
      },
      {.database = true, .writes = true, .parse_error_exit = 2});
  create.add_option("--email", c->email, "The administrator's e-mail address (the sign-in name)")->required();
  create.add_option("--name", c->name, "The administrator's full name")->required();
}

}  // namespace tinhso::identity
