#pragma once
// What the working pages (pages_work.h) share: reading form values, option lists and labels.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/app/module.h"
#include "core/web/form_errors.h"
#include "core/web/view.h"
#include "modules/directory/api.h"
#include "modules/tasks/task.h"
#include "modules/tasks/usecases.h"

namespace tinhso::tasks::work {

using web::View;

// A whole number written in `text` (digits, optional leading '-'), nullopt otherwise.
std::optional<int> parse_int(const std::string& text);
calendar::Date today(const app::Context& ctx);
std::string today_text(const app::Context& ctx);

// The message id of a use-case error / a refusal of the transition table.
std::string error_message_id(Error e);
std::string refusal_message_id(Refusal r);

// Labels in the reader's language.
std::string state_label(const View& v, State s);
std::string state_tag(State s);  // the design system's tag class
std::string action_label(const View& v, const std::string& code);
std::string part_label(const View& v, const std::string& code);
std::string kind_label(const View& v, DocumentKind k);
std::string product_label(const View& v, Product p);
std::string priority_label(const View& v, Priority p);

// Agency id → name, every agency (ended ones too: a task keeps its bodies' names).
std::map<std::int64_t, std::string> agency_names(const std::vector<directory::AgencyRef>& all);
mstch::array agency_options(const std::vector<directory::AgencyRef>& agencies, const std::string& selected);

// The assignment fields shared by the assignment and the split forms.
struct TaskForm {
  std::string content, lead, product = "report", priority = "normal", assigned_on;
  std::vector<std::int64_t> coordinators;
  std::string deadline = "date", due, days, every = "month", rday, rmonth;
};
TaskForm read_task_form(const http::Request& req, const std::vector<directory::AgencyRef>& agencies);
// Puts the form's values and choices into `c` (keys of tasks_work_task_fields.mustache).
void put_task_form(mstch::map& c, const View& v, const TaskForm& f, const std::vector<directory::AgencyRef>& agencies,
                   bool with_coordinators);
// The task the form describes, or the problems that keep it from being one (field, message id).
std::optional<Task> task_of_form(const TaskForm& f, std::vector<web::FieldProblem>& problems);
// The field an assignment error belongs to.
std::string assign_error_field(Error e);
extern const web::FieldRefs kTaskFields;

}  // namespace tinhso::tasks::work
