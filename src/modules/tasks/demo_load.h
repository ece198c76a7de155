#pragma once
// The demo's documents and tasks (data/tasks/demo.json, read and checked by demo_data.h) stored
// through the use cases, so that the demo's history is exactly what the workflow allows: every
// document and its items, every task and sub-task assigned, then every event of the file applied
// in date order (file order within a day) with the day it counts for, in the part the transition
// table gives that step. Events after today (the clock's day) have not happened yet and are left
// out, as are tasks assigned after today.
#include "core/app/module.h"
#include "modules/tasks/demo_data.h"
#include "modules/tasks/usecases.h"

namespace tinhso::tasks {

// Stores `file` in env.s. Throws std::runtime_error naming the document or task when an agency
// code is unknown or a use case refuses a step.
void load_demo_file(const Env& env, const demo::DemoFile& file);

// Module::load_demo: the embedded file, in one transaction, audited as "demo"; nothing when a
// task document is already stored (idempotent).
void load_demo(app::Context& ctx);

}  // namespace tinhso::tasks
