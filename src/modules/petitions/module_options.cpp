// The petitions module's settings as flags (app::Module::add_options).
#include <string>
#include <string_view>
#include <vector>

#include "core/app/cli.h"
#include "modules/petitions/api.h"
#include "modules/petitions/module_options.h"
#include "modules/petitions/rules.h"

namespace tinhso::petitions {

namespace {

// A petition period: "10wd" (working days) or "15d" (calendar days), 1–365.
std::optional<calendar::Period> parse_petition_period(std::string_view v) {
  if (v.size() < 2 || v.size() > 5 || v.back() != 'd') return std::nullopt;
  const bool working = v.ends_with("wd");
  const std::size_t digits = v.size() - (working ? 2 : 1);
  if (digits == 0) return std::nullopt;
  int n = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
    n = n * 10 + (v[i] - '0');
  }
  if (n < 1 || n > 365) return std::nullopt;
  return calendar::Period{working ? calendar::Unit::working_days : calendar::Unit::days, n};
}

// CATEGORY=PERIOD, the category a stable code of letters, digits, '_' and '-'.
bool parse_category_period(std::string_view v, std::string& category, calendar::Period& period) {
  const auto eq = v.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq > 64) return false;
  for (char ch : v.substr(0, eq))
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')) return false;
  auto p = parse_petition_period(v.substr(eq + 1));
  if (!p) return false;
  category = std::string(v.substr(0, eq));
  period = *p;
  return true;
}

// The period `v` names; `keep` when it names none (never reached: the option's check refuses it).
calendar::Period period_or(std::string_view v, calendar::Period keep) {
  return parse_petition_period(v).value_or(keep);
}

CLI::Validator petition_period_check() {
  return CLI::Validator(
      [](std::string& v) { return parse_petition_period(v) ? std::string() : std::string("expected Nwd or Nd, N 1-365"); },
      "Nwd|Nd");
}

// The petitions' rules LAW.md grades L (modules/petitions/rules.h Settings).
void add_rule_options(CLI::App& cmd, Settings& s) {
  app::add_setting<std::string>(
         cmd, "--complaint-days", [&s](const std::string& v) { s.complaint_days_are_working_days = v == "working"; },
         "Whether the 30/45/60/70 days to resolve a complaint (Law on Complaints 2011 Art. 28, 37) are calendar "
         "days (the end moved to the next working day) or working days")
      ->envname("TINHSO_COMPLAINT_DAYS")
      ->check(CLI::IsMember({"calendar", "working"}))
      ->default_str("calendar");
  app::add_setting<std::string>(
         cmd, "--recommendation-resolve", [&s](const std::string& v) { s.recommendation_resolve = period_or(v, s.recommendation_resolve); },
         "Period to answer a recommendation (no legal period found): Nwd working days or Nd calendar days")
      ->envname("TINHSO_RECOMMENDATION_RESOLVE")
      ->check(petition_period_check())
      ->default_str("10wd");
  app::add_setting<std::string>(
         cmd, "--feedback-resolve", [&s](const std::string& v) { s.feedback_resolve = period_or(v, s.feedback_resolve); },
         "Period to answer feedback (no legal period found): Nwd working days or Nd calendar days")
      ->envname("TINHSO_FEEDBACK_RESOLVE")
      ->check(petition_period_check())
      ->default_str("10wd");
  app::add_setting<std::string>(
         cmd, "--extension-notice", [&s](const std::string& v) { s.extension_notice = period_or(v, s.extension_notice); },
         "Period to send a denunciation's extension decision to the denouncer and the denounced (Law on "
         "Denunciations 2018 Art. 30(4) gives none): Nwd working days or Nd calendar days")
      ->envname("TINHSO_EXTENSION_NOTICE")
      ->check(petition_period_check())
      ->default_str("5wd");
  app::add_setting<std::vector<std::string>>(
         cmd, "--petition-category-resolve",
         [&s](const std::vector<std::string>& items) {
           for (const auto& item : items) {
             std::string category;
             calendar::Period period;
             if (parse_category_period(item, category, period)) s.category_resolve[category] = period;
           }
         },
         "Period to answer recommendations and feedback of one subject category, CATEGORY=Nwd or CATEGORY=Nd "
         "(repeatable; comma-separated in the variable)")
      ->envname("TINHSO_PETITION_CATEGORY_RESOLVE")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& v) {
            std::string category;
            calendar::Period period;
            return parse_category_period(v, category, period) ? std::string() : std::string("expected CATEGORY=Nwd or CATEGORY=Nd");
          },
          "CATEGORY=PERIOD"));
}

}  // namespace

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  Intake& in = all.modules.get<Intake>();
  app::add_setting<std::string>(
      cmd, "--identity-keys-file", [&in](const std::string& v) { in.identity_keys_file = v; },
      "File of the keys that seal denouncers' identities (lines ID:BASE64KEY, from `tinhso keys generate`);"
      " made with one new key (mode 0600) when missing")
      ->envname("TINHSO_IDENTITY_KEYS_FILE")
      ->default_str(in.identity_keys_file);
  if (scope != app::OptionScope::serve) return;
  app::add_setting<int>(
      cmd, "--petition-posts-per-hour", [&in](int n) { in.posts_per_hour = n; },
      "Posts of the online petition form one client address (an IPv6 /64) may make per hour without"
      " signing in, across all nodes")
      ->envname("TINHSO_PETITION_POSTS_PER_HOUR")
      ->check(CLI::Range(1, 1000000))
      ->default_str(std::to_string(in.posts_per_hour));
  app::add_setting<int>(
      cmd, "--petition-account-posts-per-hour", [&in](int n) { in.account_posts_per_hour = n; },
      "Posts of the online petition form one signed-in account may make per hour, across all nodes")
      ->envname("TINHSO_PETITION_ACCOUNT_POSTS_PER_HOUR")
      ->check(CLI::Range(1, 1000000))
      ->default_str(std::to_string(in.account_posts_per_hour));
  add_rule_options(cmd, all.modules.get<Settings>());
}

}  // namespace tinhso::petitions
