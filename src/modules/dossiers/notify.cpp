#include "modules/dossiers/notify.h"

#include <spdlog/spdlog.h>

#include "modules/dossiers/store_processing.h"
#include "modules/mail/api.h"
#include "modules/dossiers/api.h"

namespace tinhso::dossiers {

namespace {

constexpr const char* kLang = "vi";

std::string_view notice_key(Notice n) {
  switch (n) {
    case Notice::received: return "received";
    case Notice::supplement_requested: return "supplement_requested";
    case Notice::apology: return "apology";
    case Notice::returned: return "returned";
    case Notice::refused: return "refused";
  }
  return "received";
}

// Queues one e-mail; an address the mail module refuses (it checks before writing anything) is
// logged and skipped, so a bad address never blocks the dossier's change.
void queue_mail(soci::session& s, const app::Context& ctx, const std::string& to, const std::string& subject,
                const std::string& text) {
  if (to.empty()) return;
  try {
    mail::enqueue(s, ctx.db.dialect(), ctx.clock, {to, subject, text});
  } catch (const std::invalid_argument& e) {
    spdlog::warn("dossier notice not queued: {}", e.what());
  }
}

}  // namespace

std::string display_date(const std::string& iso_date) {
  if (iso_date.size() != 10) return iso_date;
  return iso_date.substr(8, 2) + "/" + iso_date.substr(5, 2) + "/" + iso_date.substr(0, 4);
}

std::string applicant_link(const std::string& public_url, const Dossier& d) {
  if (d.applicant_account_id != 0) return public_url + "/dossiers/" + d.code;
  return public_url + "/lookup?code=" + d.code;
}

void notify_applicant(soci::session& s, const app::Context& ctx, const Dossier& d, Notice what,
                      const std::string& note) {
  const auto& cat = ctx.pages.catalog();
  std::string key = "dossier_processing.notice." + std::string(notice_key(what));
  std::string appointment = display_date(d.appointment_date), due = display_date(d.due_date);
  const std::string url = applicant_link(ctx.settings.public_url, d);
  std::initializer_list<std::pair<std::string_view, std::string_view>> args = {
      {"code", d.code}, {"name", d.applicant_name}, {"appointment", appointment}, {"due", due}, {"url", url},
      {"reason", note}};
  queue_mail(s, ctx, d.applicant_email, cat.format(kLang, key + ".subject", args), cat.format(kLang, key + ".mail", args));
  if (!settings(ctx).sms_webhook.empty() && !d.applicant_phone.empty())
    insert_sms(s, d.applicant_phone, cat.format(kLang, key + ".sms", args), d.code, auth::iso_utc(ctx.clock.now()));
}

Notifier applicant_notifier(const app::Context& ctx) {
  return [&ctx](soci::session& s, const Dossier& d, const Command& cmd) {
    switch (cmd.action) {
      case Action::receive: notify_applicant(s, ctx, d, Notice::received); break;
      case Action::request_supplement: notify_applicant(s, ctx, d, Notice::supplement_requested); break;
      case Action::return_result: notify_applicant(s, ctx, d, Notice::returned); break;
      case Action::apology: notify_applicant(s, ctx, d, Notice::apology); break;
      case Action::refuse: notify_applicant(s, ctx, d, Notice::refused, cmd.note); break;
      default: break;
    }
  };
}

void notify_leaders_due_soon(soci::session& s, const app::Context& ctx, std::int64_t agency_id,
                             const std::string& code, const std::string& due_date) {
  const auto& cat = ctx.pages.catalog();
  std::string due = display_date(due_date), url = ctx.settings.public_url + "/work/dossiers/" + code;
  for (const auto& leader : staff_with_role(s, agency_id, "agency_leader")) {
    std::initializer_list<std::pair<std::string_view, std::string_view>> args = {
        {"code", code}, {"due", due}, {"name", leader.name}, {"url", url}};
    queue_mail(s, ctx, leader.email, cat.format(kLang, "dossier_processing.notice.due_soon.subject", args),
               cat.format(kLang, "dossier_processing.notice.due_soon.mail", args));
  }
}

}  // namespace tinhso::dossiers
