#pragma once
// How a domain module plugs into the application: app::Module is the only extension point. Each
// module lives in src/modules/<name>/ and is registered by one line in src/modules/registry.cpp;
// it declares here everything it brings — routes (with their guard, CSRF policy and limits in
// http::RouteOptions), settings with their flags, sub-commands, menu entries, demo data,
// background work, error hooks. Its migrations are found by file name
// (src/modules/<name>/migrations/). Core and src/app never name a module (docs/ARCHITECTURE.md,
// "Adding a module").
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "core/auth/clock.h"
#include "core/calendar/source.h"
#include "core/db/database.h"
#include "core/db/migrate.h"
#include "core/fs/files.h"
#include "core/http/errors.h"
#include "core/http/metrics.h"
#include "core/http/router.h"
#include "core/http/static_files.h"
#include "core/web/pages.h"

namespace CLI {
class App;
}

namespace tinhso::app {

// Each module's own settings, one object per type, filled from its flags at start-up (before any
// request or command runs) and only read afterwards. `get<T>()` on a const bag yields T's defaults
// when no flag of T was given.
class SettingsBag {
 public:
  template <class T>
  T& get() {
    auto& slot = items_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }
  template <class T>
  const T& get() const {
    auto it = items_.find(std::type_index(typeid(T)));
    if (it == items_.end()) {
      static const T defaults{};
      return defaults;
    }
    return *static_cast<const T*>(it->second.get());
  }

 private:
  std::map<std::type_index, std::shared_ptr<void>> items_;
};

// The objects modules make once per process and their handlers share (a key ring, a mail queue),
// one per type: put by the owning module (Module::provide; `start` for the background work it owns,
// which ends when the context is destroyed) or by a test (a fake), read by
// handlers and use cases through app::Context::services. Filled before any request or command
// runs; put() and get() may be called from several threads.
class Services {
 public:
  template <class T>
  void put(std::shared_ptr<T> service) {
    std::lock_guard lock(mu_);
    items_[std::type_index(typeid(T))] = std::move(service);
  }
  // nullptr when no module provided a T.
  template <class T>
  T* find() const {
    std::lock_guard lock(mu_);
    auto it = items_.find(std::type_index(typeid(T)));
    return it == items_.end() ? nullptr : static_cast<T*>(it->second.get());
  }
  // Throws std::logic_error naming the type when no module provided a T (a wiring bug).
  template <class T>
  T& get() const {
    if (T* s = find<T>()) return *s;
    throw std::logic_error(std::string("no service of type ") + typeid(T).name());
  }

 private:
  mutable std::mutex mu_;
  std::map<std::type_index, std::shared_ptr<void>> items_;
};

// Installation settings (from the command line / TINHSO_* variables): the platform's own, and in
// `modules` each module's (declared by the module, Module::add_options).
struct Settings {
  std::string db_url;                                 // --db of the command being run
  std::string public_url = "http://127.0.0.1:8080";  // base of links in e-mails
  // Placement of Tết and the extra National Day in years without an official schedule
  // (Labor Code 2019 Art. 112; --tet-days-before, --national-day-extra).
  calendar::HolidayRules holidays;
  // The receipt cut-off hour (Decree 61/2018/NĐ-CP Art. 18(2–3); --receipt-cutoff).
  calendar::DeadlineRules deadlines;
  SettingsBag modules;
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
  // The file system (uploads, data files); tests may give an fs::MemoryFiles.
  const fs::Files& files;
  // What the modules provide (Module::provide).
  Services& services;
  // Every module's Module::hand_over_agency, in module order (set at start-up).
  std::vector<HandOverAgency> agency_hand_overs = {};
};

using web::NavEntry;

// The flags a module's settings take, per kind of command.
enum class OptionScope {
  serve,    // `serve` and `demo`
  records,  // every command that writes records: serve, demo, migrate and the modules' own
};

// What a module's own sub-command runs with, once the command line is parsed.
struct CommandEnv {
  db::Database* db = nullptr;  // the database of --db; null for commands without one
  const Settings& settings;
  const auth::Clock& clock;
  // Every module's migrations in order, for the database's dialect ({} without a database).
  const std::vector<db::Migration>& migrations;
  // False, with the reason on stderr, when the schema is not current (`tinhso migrate` first).
  bool schema_current() const;
};

// The `tinhso` command line as modules extend it.
class Commands {
 public:
  virtual ~Commands() = default;
  struct Spec {
    bool database = true;   // takes --db and opens it before `run`
    bool writes = true;     // writes records: takes OptionScope::records flags, modules configured first
    int parse_error_exit = 0;  // exit code on a command-line error (0: CLI11's own)
  };
  // Adds `name` under `parent` (null: the top level); `run` is called when it was chosen and
  // returns the exit code. A command that only groups others passes no `run`.
  virtual CLI::App& add(CLI::App* parent, const std::string& name, const std::string& help,
                        std::function<int(CommandEnv&)> run, Spec spec) = 0;
  CLI::App& add(CLI::App* parent, const std::string& name, const std::string& help,
                std::function<int(CommandEnv&)> run) {
    return add(parent, name, help, std::move(run), Spec{});
  }
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
  // The module's settings as flags (each with its TINHSO_* variable) on `cmd`, a command of the
  // given scope; they write into settings.modules. May be empty.
  std::function<void(CLI::App& cmd, OptionScope scope, Settings& settings)> add_options;
  // Checks the module's settings once the command line is parsed, and prepares what every command
  // that writes records needs (e.g. a key records are MACed with); throws std::runtime_error to refuse. May be empty.
  std::function<void(Settings&)> configure;
  // The module's own sub-commands of `tinhso`. May be empty.
  std::function<void(Commands&, Settings&)> add_commands;
  // Links of the main menu, in this order after the modules before it.
  std::vector<NavEntry> nav;
  // Called for every error answer, before the error page is rendered (e.g. a refused access is
  // recorded). Must not throw. May be empty.
  std::function<void(const http::Request&, const http::Error&, Context&)> on_error;
  // Lines `tinhso demo` prints under its address (e.g. the demo accounts). May be empty.
  std::function<std::vector<std::string>(const Context&)> demo_notes;
  // Puts the module's shared objects into ctx.services (Services) once the context exists, for
  // every command that has one, before demo data, routes or `start`. Must not read the database
  // (`tinhso routes` has none) and should defer slow work (e.g. reading a key file) to first use.
  // May be empty.
  std::function<void(Context&)> provide;

};

}  // namespace tinhso::app
