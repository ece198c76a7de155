#pragma once
// How a domain module plugs into the application. Each module registers itself once, in
// src/modules/registry.cpp: its routes, its demo data and its start-up work. Its migrations are
// found by file name (src/modules/<name>/migrations/). Core never includes modules.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/clock.h"
#include "core/calendar/source.h"
#include "core/db/database.h"
#include "core/db/migrate.h"
#include "core/http/metrics.h"
#include "core/http/router.h"
#include "core/http/static_files.h"
#include "core/web/pages.h"

namespace tinhso::app {

// Installation settings modules read (from the command line / TINHSO_* variables).
struct Settings {
  std::string public_url = "http://127.0.0.1:8080";  // base of links in e-mails
  std::string smtp = "127.0.0.1:25";                  // SMTP relay HOST:PORT
  std::string mail_from = "tinhso@localhost";         // envelope and header sender
  // URL the SMS gateway listens on: each text is POSTed there as JSON {to, text, dossier_code};
  // "" = no SMS (--sms-webhook).
  std::string sms_webhook;
  // The key ring that seals denouncers' identities (core/crypto/sealed.h; --identity-keys-file):
  // a file of "ID:BASE64KEY" entries. Made with one new key, mode 0600, when missing.
  std::string identity_keys_file = "var/identity-keys";
  // The audit key that MACs every audit record (--audit-key-file; modules/audit/key.h): made
  // with a new key, mode 0600, when missing. The same file on every node.
  std::string audit_key_file = "var/audit-key";
  // This node's append-only file of audit chain heads (--audit-anchor-file), written every
  // audit_anchor_interval (--audit-anchor-seconds); audit_chain names the database in it (set
  // by main from --db).
  std::string audit_anchor_file = "var/audit-anchors";
  std::chrono::seconds audit_anchor_interval{300};
  std::string audit_chain;
  // Security events older than this are deleted (--security-event-retention-days); audit
  // records are kept.
  int security_event_retention_days = 365;
  // Open311 POSTs one API key may make per minute, counted in the database so that every node
  // shares the count (--open311-posts-per-minute); beyond it: 429.
  int open311_posts_per_minute = 300;
  // Posts of the online petition form (up to 20 MiB of files each) one client address (an IPv6
  // /64) may make per hour without signing in, counted in the database for all nodes
  // (--petition-posts-per-hour); beyond it: 429.
  int petition_posts_per_hour = 10;
  // Posts of that form one signed-in account may make per hour, counted under a keyed hash of the
  // account (--petition-account-posts-per-hour); beyond it: 429.
  int petition_account_posts_per_hour = 20;
  std::chrono::minutes citizen_idle_timeout{60};
  std::chrono::minutes citizen_absolute_timeout{7 * 24 * 60};
  // Placement of Tết and the extra National Day in years without an official schedule
  // (Labor Code 2019 Art. 112; --tet-days-before, --national-day-extra).
  calendar::HolidayRules holidays;
  // The receipt cut-off hour (Decree 61/2018/NĐ-CP Art. 18(2–3); --receipt-cutoff).
  calendar::DeadlineRules deadlines;
  // One-stop rules of Decree 61/2018/NĐ-CP that Decree 118/2025/NĐ-CP may change (LAW.md §2;
  // docs/PROCEDURES.md "One-stop rules"): Art. 19(4) whether a completed supplement restarts the
  // whole time limit or resumes the time left (--supplement-clock restart|resume) and the working
  // days the desk has to ask for one (--supplement-request-days); Art. 19(9) how many days before
  // the due day an apology must go out (--apology-days-before) and how often a dossier may be
  // rescheduled (--apology-max).
  bool supplement_restarts_clock = true;
  int supplement_request_working_days = 3;
  int apology_days_before_due = 1;
  int apology_max_reschedules = 1;
  // The petitions' rules LAW.md grades L (modules/petitions/rules.h Settings): whether the
  // complaint periods of Law on Complaints 2011 Art. 28, 37 are working days (--complaint-days),
  // and the resolve periods of recommendations and feedback, per kind and per category
  // (--recommendation-resolve, --feedback-resolve, --petition-category-resolve).
  bool complaint_days_are_working_days = false;
  calendar::Period recommendation_resolve{calendar::Unit::working_days, 10};
  calendar::Period feedback_resolve{calendar::Unit::working_days, 10};
  std::map<std::string, calendar::Period, std::less<>> petition_category_resolve;
  // Law on Denunciations 2018 Art. 30(4) gives no period to send an extension decision to the
  // parties (--extension-notice; petitions rules.h Settings::extension_notice).
  calendar::Period extension_notice{calendar::Unit::working_days, 5};
  // How often each node re-reads the official schedules changed by another node.
  std::chrono::seconds calendar_refresh{15};
};

// An agency that ended hands its open cases to its successor (the directory's "end agency" use
// case, issue 12 §14). Each module with cases registers Module::hand_over_agency; all of them run
// in the directory's transaction, so the end and every hand-over commit or fail together.
struct HandOver {
  std::int64_t from_agency = 0;
  std::int64_t to_agency = 0;
  std::string on;  // the agency's last day, "YYYY-MM-DD"
  // Appends one audit record as the administrator who ended the agency: action
  // "agency.hand_over", the case's object type and id, and its before/after summaries.
  std::function<void(soci::session&, std::string_view type, std::string_view id, const std::string& before,
                     const std::string& after)>
      audit;
};
// Moves the module's open cases (and its routing, e.g. services) of h.from_agency to
// h.to_agency, auditing each case or batch through h.audit; returns how many cases moved.
using HandOverAgency = std::function<int(soci::session&, const HandOver&)>;

struct Context {
  db::Database& db;
  const auth::Clock& clock;
  const Settings& settings;
  web::Pages& pages;
  const http::StaticFiles& statics;
  http::Metrics& metrics;
  const std::vector<db::Migration>& migrations;  // what this binary expects, for /readyz
  // The working-day calendar every deadline is counted on; the calendar module keeps it current.
  calendar::CalendarSource& calendar;
  // Every module's Module::hand_over_agency, in module order (set at start-up).
  std::vector<HandOverAgency> agency_hand_overs = {};
};

struct Module {
  std::string name;
  std::function<void(http::Router&, Context&)> add_routes;
  // Loads the demo province's data for this module; must be idempotent. May be empty.
  std::function<void(Context&)> load_demo;
  // Runs once when serving starts (after migrations). May be empty.
  std::function<void(Context&)> start;
  // Runs before every handler, in module order, on the worker thread: may set request state
  // (e.g. the principal from the session cookie) or throw http::Error. May be empty.
  std::function<void(http::Request&, Context&)> before;
  // Runs once when serving ends (after the server stopped): ends what `start` began, e.g.
  // background threads. May be empty.
  std::function<void()> stop;
  // Hands the module's open cases of an ended agency to its successor (HandOver). May be empty.
  HandOverAgency hand_over_agency;

};

}  // namespace tinhso::app
