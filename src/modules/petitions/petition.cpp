#include "modules/petitions/petition.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "core/document/files.h"
#include "core/util/codes.h"

namespace tinhso::petitions {

namespace {

constexpr std::array<std::pair<Channel, std::string_view>, 4> kChannels{
    {{Channel::online, "online"}, {Channel::letter, "letter"}, {Channel::in_person, "in_person"}, {Channel::open311, "open311"}}};

std::string ad_of(std::int64_t petition_id) { return "petition:" + std::to_string(petition_id) + ":identity"; }

}  // namespace

std::string_view channel_code(Channel c) { return util::code_of(kChannels, c); }

std::string audit_summary(const Petition& x) {
  return std::string(kind_code(x.kind)) + " " + x.code + " " + std::string(state_code(x.state)) + " " +
         std::string(channel_code(x.channel)) + (x.group_size > 1 ? " group " + std::to_string(x.group_size) : "") +
         (x.long_running ? " long_running" : "");
}

namespace {

std::optional<calendar::LocalMoment> local_of(const std::string& iso) {
  if (iso.empty()) return std::nullopt;
  return calendar::to_local(auth::parse_iso_utc(iso));
}

}  // namespace

namespace {

Owed owed_of(const Petition& x) {
  return {!x.acceptance_notified_at.empty(), !x.extension_notice_due.empty()};
}

const std::string& due_of_step(const Petition& x, Step step) {
  static const std::string none;
  switch (step) {
    case Step::accept: return x.accept_due;
    case Step::forward: return x.forward_due;
    case Step::resolve: return x.resolve_due;
    case Step::inform: return x.inform_due;
    case Step::notify_acceptance: return x.notice_due;
    case Step::send_decision: return x.send_due;
    case Step::notify_extension: return x.extension_notice_due;
  }
  return none;
}

}  // namespace

void compute_due_days(const calendar::WorkCalendar& cal, const Settings& s, Petition& x) {
  Timeline t;
  t.kind = x.kind;
  t.circumstances = {x.remote, x.complexity, x.several_places, x.category};
  t.received = calendar::to_local(auth::parse_iso_utc(x.received_at));  // NOT NULL: every petition has it
  t.accepted = local_of(x.accepted_at);
  t.decided = local_of(x.decided_at);
  t.extensions = x.extensions;
  const auto out = deadlines(t, s);
  auto due_of = [&](Step step) -> std::string {
    const auto* d = out.find(step);
    if (!d) return {};
    auto day = due_day(cal, *d);
    return day ? calendar::format_date(*day) : std::string();
  };
  x.accept_due = due_of(Step::accept);
  x.forward_due = due_of(Step::forward);
  x.resolve_due = due_of(Step::resolve);
  x.inform_due = due_of(Step::inform);
  x.notice_due = due_of(Step::notify_acceptance);
  x.send_due = due_of(Step::send_decision);
  x.extension_notice_due = due_of(Step::notify_extension);
  x.pending_due.clear();
  for (Step step : pending_steps(x.kind, x.state, owed_of(x))) {
    const std::string& due = due_of_step(x, step);
    // YYYY-MM-DD strings order as the days do.
    if (!due.empty() && (x.pending_due.empty() || due < x.pending_due)) x.pending_due = due;
  }
}

std::vector<Step> overdue_steps(const Petition& x, calendar::Date today) {
  std::vector<Step> out;
  const std::string day = calendar::format_date(today);
  for (Step step : pending_steps(x.kind, x.state, owed_of(x))) {
    const std::string& due = due_of_step(x, step);
    if (!due.empty() && due < day) out.push_back(step);
  }
  return out;
}
std::optional<Channel> parse_channel(std::string_view code) { return util::parse_code(kChannels, code); }

namespace {

std::string seal_with(const crypto::KeyRing& keys, const std::string& ad, const Identity& who) {
  std::string plain =
      nlohmann::json{{"name", who.name}, {"address", who.address}, {"contact", who.contact}, {"id_number", who.id_number}}
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string blob = keys.seal(plain, ad);
  sodium_memzero(plain.data(), plain.size());
  return document::to_base64(blob);
}

std::optional<Identity> open_with(const crypto::KeyRing& keys, const std::string& ad, const std::string& sealed) {
  auto blob = document::from_base64(sealed);
  if (!blob) return std::nullopt;
  auto opened = keys.open(*blob, ad);
  if (!opened.plaintext) return std::nullopt;
  auto j = nlohmann::json::parse(opened.plaintext->view(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Identity who;
  who.name = j.value("name", "");
  who.address = j.value("address", "");
  who.contact = j.value("contact", "");
  who.id_number = j.value("id_number", "");
  return who;
}

std::string representative_ad(std::int64_t petition_id, int position) {
  return "petition:" + std::to_string(petition_id) + ":representative:" + std::to_string(position);
}

}  // namespace

std::string seal_identity(const crypto::KeyRing& keys, std::int64_t petition_id, const Identity& who) {
  return seal_with(keys, ad_of(petition_id), who);
}

std::optional<Identity> open_identity(const crypto::KeyRing& keys, std::int64_t petition_id, const std::string& sealed) {
  return open_with(keys, ad_of(petition_id), sealed);
}

std::string seal_representative(const crypto::KeyRing& keys, std::int64_t petition_id, int position, const Identity& who) {
  return seal_with(keys, representative_ad(petition_id, position), who);
}

std::optional<Identity> open_representative(const crypto::KeyRing& keys, std::int64_t petition_id, int position,
                                            const std::string& sealed) {
  return open_with(keys, representative_ad(petition_id, position), sealed);
}

}  // namespace tinhso::petitions
