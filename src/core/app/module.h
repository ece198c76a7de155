#pragma once
// How a domain module plugs into the application. Each module registers itself once, in
// src/modules/registry.cpp: its routes, its demo data and its start-up work. Its migrations are
// found by file name (src/modules/<name>/migrations/). Core never includes modules.
#include <functional>
#include <string>
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
  // Open311 POSTs one API key may make per minute, counted in the database so that every node
  // shares the count (--open311-posts-per-minute); beyond it: 429.
  int open311_posts_per_minute = 300;
  std::chrono::minutes citizen_idle_timeout{60};
  std::chrono::minutes citizen_absolute_timeout{7 * 24 * 60};
  // Placement of Tết and the extra National Day in years without an official schedule
  // (Labor Code 2019 Art. 112; --tet-days-before, --national-day-extra).
  calendar::HolidayRules holidays;
  // The receipt cut-off hour (Decree 61/2018/NĐ-CP Art. 18(2–3); --receipt-cutoff).
  calendar::DeadlineRules deadlines;
  // How often each node re-reads the official schedules changed by another node.
  std::chrono::seconds calendar_refresh{15};
};

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

};

}  // namespace tinhso::app
