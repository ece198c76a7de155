#pragma once
// How a domain module plugs into the application. Each module registers itself once, in
// src/modules/registry.cpp: its routes, its demo data and its start-up work. Its migrations are
// found by file name (src/modules/<name>/migrations/). Core never includes modules.
#include <functional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/migrate.h"
#include "core/http/metrics.h"
#include "core/http/router.h"
#include "core/http/static_files.h"
#include "core/web/pages.h"

namespace tinhso::app {

struct Context {
  db::Database& db;
  web::Pages& pages;
  const http::StaticFiles& statics;
  http::Metrics& metrics;
  const std::vector<db::Migration>& migrations;  // what this binary expects, for /readyz
};

struct Module {
  std::string name;
  std::function<void(http::Router&, Context&)> add_routes;
  // Loads the demo province's data for this module; must be idempotent. May be empty.
  std::function<void(Context&)> load_demo;
  // Runs once when serving starts (after migrations). May be empty.
  std::function<void(Context&)> start;
};

}  // namespace tinhso::app
