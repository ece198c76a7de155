#include "modules/tasks/pages_work_form.h"

#include <charconv>

#include "core/web/fields.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks::work {

using web::field;

std::optional<int> parse_int(const std::string& text) {
  int v = 0;
  if (text.empty() || text.size() > 9) return std::nullopt;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

calendar::Date today(const app::Context& ctx) { return calendar::to_local(ctx.clock.now()).day; }
std::string today_text(const app::Context& ctx) { return calendar::format_date(today(ctx)); }

std::string error_message_id(Error e) { return "tasks.work.error." + std::string(error_code(e)); }
std::string refusal_message_id(Refusal r) { return "tasks.work.refusal." + std::string(refusal_code(r)); }

std::string state_label(const View& v, State s) { return v.t("tasks.work.state." + std::string(state_code(s))); }

std::string state_tag(State s) {
  switch (s) {
    case State::assigned: return "tag-new";
    case State::done: return "tag-done";
    case State::cancelled:
    case State::merged: return "tag-refused";
    default: return "tag-waiting";
  }
}

std::string action_label(const View& v, const std::string& code) { return v.t("tasks.work.action." + code); }
std::string part_label(const View& v, const std::string& code) { return v.t("tasks.work.part." + code); }
std::string kind_label(const View& v, DocumentKind k) { return v.t("tasks.work.kind." + std::string(document_kind_code(k))); }
std::string product_label(const View& v, Product p) { return v.t("tasks.work.product." + std::string(product_code(p))); }
std::string priority_label(const View& v, Priority p) { return v.t("tasks.work.priority." + std::string(priority_code(p))); }

std::map<std::int64_t, std::string> agency_names(const std::vector<directory::AgencyRef>& all) {
  std::map<std::int64_t, std::string> out;
  for (const auto& a : all) out[a.id] = a.name;
  return out;
}

mstch::array agency_options(const std::vector<directory::AgencyRef>& agencies, const std::string& selected) {
  mstch::array out;
  for (const auto& a : agencies) {
    std::string id = std::to_string(a.id);
    out.push_back(mstch::map{{"value", id}, {"label", a.name}, {"selected", id == selected}});
  }
  return out;
}

const web::FieldRefs kTaskFields = {{"content", {"f-content", "tasks.work.field.content"}},
                                    {"lead", {"f-lead", "tasks.work.field.lead"}},
                                    {"coordinators", {"f-coordinators", "tasks.work.field.coordinators"}},
                                    {"product", {"f-product", "tasks.work.field.product"}},
                                    {"priority", {"f-priority", "tasks.work.field.priority"}},
                                    {"assigned_on", {"f-assigned_on", "tasks.work.field.assigned_on"}},
                                    {"deadline", {"f-deadline-date", "tasks.work.field.deadline"}},
                                    {"due", {"f-due", "tasks.work.field.due"}},
                                    {"days", {"f-days", "tasks.work.field.days"}},
                                    {"every", {"f-every", "tasks.work.field.every"}},
                                    {"rday", {"f-rday", "tasks.work.field.rday"}},
                                    {"rmonth", {"f-rmonth", "tasks.work.field.rmonth"}}};

TaskForm read_task_form(const http::Request& req, const std::vector<directory::AgencyRef>& agencies) {
  TaskForm f;
  f.content = field(req, "content");
  f.lead = field(req, "lead");
  f.product = field(req, "product");
  f.priority = field(req, "priority");
  f.assigned_on = field(req, "assigned_on");
  f.deadline = field(req, "deadline");
  f.due = field(req, "due");
  f.days = field(req, "days");
  f.every = field(req, "every");
  f.rday = field(req, "rday");
  f.rmonth = field(req, "rmonth");
  // Coordinating bodies: one checkbox per agency ("coord_<id>"), so that no field repeats.
  for (const auto& a : agencies)
    if (!field(req, "coord_" + std::to_string(a.id)).empty()) f.coordinators.push_back(a.id);
  return f;
}

namespace {

template <class T, std::size_t N>
mstch::array choices(const T (&all)[N], const std::string& selected, const View& v, const std::string& prefix,
                     std::string_view (*code)(T)) {
  mstch::array out;
  for (T x : all) {
    std::string c(code(x));
    out.push_back(mstch::map{{"value", c}, {"label", v.t(prefix + c)}, {"selected", c == selected}});
  }
  return out;
}

constexpr Product kProducts[] = {Product::report,   Product::plan,     Product::draft_resolution,
                                 Product::decision, Product::proposal, Product::other};
constexpr Priority kPriorities[] = {Priority::normal, Priority::high, Priority::urgent};
constexpr Every kEvery[] = {Every::month, Every::quarter, Every::year};

}  // namespace

void put_task_form(mstch::map& c, const View& v, const TaskForm& f, const std::vector<directory::AgencyRef>& agencies,
                   bool with_coordinators) {
  c["content"] = f.content;
  c["leads"] = agency_options(agencies, f.lead);
  if (with_coordinators) {
    mstch::array coords;
    for (const auto& a : agencies) {
      bool on = std::find(f.coordinators.begin(), f.coordinators.end(), a.id) != f.coordinators.end();
      coords.push_back(mstch::map{{"id", std::to_string(a.id)}, {"label", a.name}, {"checked", on}});
    }
    c["coordinators"] = coords;
    c["with_coordinators"] = true;
  }
  c["products"] = choices(kProducts, f.product, v, "tasks.work.product.", product_code);
  c["priorities"] = choices(kPriorities, f.priority, v, "tasks.work.priority.", priority_code);
  c["assigned_on"] = f.assigned_on;
  c["deadline_date"] = f.deadline == "date";
  c["deadline_working_days"] = f.deadline == "working_days";
  c["deadline_recurring"] = f.deadline == "recurring";
  c["deadline_none"] = f.deadline == "none";
  c["due"] = f.due;
  c["days"] = f.days;
  c["everies"] = choices(kEvery, f.every, v, "tasks.work.every.", every_code);
  c["rday"] = f.rday;
  c["rmonth"] = f.rmonth;
}

std::optional<Task> task_of_form(const TaskForm& f, std::vector<web::FieldProblem>& problems) {
  Task t;
  t.content = f.content;
  auto lead = web::optional_id(f.lead);  // blank: the field's problem; not an id: 400
  if (!lead) problems.push_back({"lead", "tasks.work.error.lead_required"});
  auto product = parse_product(f.product);
  if (!product) problems.push_back({"product", "tasks.work.error.product"});
  auto priority = parse_priority(f.priority);
  if (!priority) problems.push_back({"priority", "tasks.work.error.priority"});
  auto kind = parse_deadline_kind(f.deadline);
  if (!kind) problems.push_back({"deadline", "tasks.work.error.deadline_kind"});
  t.deadline.kind = kind.value_or(DeadlineKind::none);
  switch (t.deadline.kind) {
    case DeadlineKind::date:
      t.deadline.due = calendar::parse_date(f.due);
      if (!t.deadline.due) problems.push_back({"due", "tasks.work.error.due"});
      break;
    case DeadlineKind::working_days: {
      auto n = parse_int(f.days);
      if (!n || *n < 1 || *n > 3650) problems.push_back({"days", "tasks.work.error.days"});
      t.deadline.days = n.value_or(0);
      break;
    }
    case DeadlineKind::recurring: {
      auto every = parse_every(f.every);
      auto day = parse_int(f.rday);
      if (!every) problems.push_back({"every", "tasks.work.error.every"});
      if (!day || *day < 1 || *day > 31) problems.push_back({"rday", "tasks.work.error.rday"});
      t.deadline.every = every.value_or(Every::month);
      t.deadline.day = day.value_or(0);
      if (t.deadline.every == Every::year) {
        auto month = parse_int(f.rmonth);
        if (!month || *month < 1 || *month > 12) problems.push_back({"rmonth", "tasks.work.error.rmonth"});
        t.deadline.month = month.value_or(0);
      }
      break;
    }
    case DeadlineKind::none:
      break;
  }
  if (!problems.empty()) return std::nullopt;
  t.lead_agency_id = lead.value_or(0);
  t.coordinators = f.coordinators;
  t.product = product.value_or(Product::other);
  t.priority = priority.value_or(Priority::normal);
  t.assigned_on = f.assigned_on;
  return t;
}

std::string assign_error_field(Error e) {
  switch (e) {
    case Error::content_required: return "content";
    case Error::unknown_agency: return "lead";
    case Error::bad_deadline: return "deadline";
    case Error::due_before_assignment: return "due";
    case Error::bad_date:
    case Error::day_in_future:
    case Error::assigned_before_issue: return "assigned_on";
    case Error::coordinator_is_lead: return "coordinators";
    default: return "";
  }
}

}  // namespace tinhso::tasks::work
