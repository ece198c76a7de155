// receive_petition (api.h): the one way another module records a petition.
#include <cstdio>
#include <stdexcept>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "modules/audit/api.h"
#include "modules/petitions/api.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/store.h"

namespace tinhso::petitions {

std::string code_day(const Petition& p) {
  auto local = calendar::to_local(auth::parse_iso_utc(p.received_at));
  char day[8];
  std::snprintf(day, sizeof day, "%02u%02u%02u", static_cast<unsigned>(calendar::year_of(local.day) % 100),
                calendar::month_of(local.day), calendar::day_of(local.day));
  return day;
}

Petition receive_petition(soci::session& s, app::Context& ctx, const http::Request* req, Petition p,
                          std::string_view actor_role) {
  if (p.kind == Kind::denunciation) throw std::invalid_argument("receive_petition: denunciations are not taken here");
  if (p.received_at.empty()) throw std::invalid_argument("receive_petition: received_at is required");
  p.state = State::received;
  if (p.created_at.empty()) p.created_at = p.received_at;
  if (p.updated_at.empty()) p.updated_at = p.received_at;
  set_due_days(ctx, p);
  Petition n = insert_petition(s, p, code_day(p));
  insert_event(s, n.id, {n.received_at, std::string(actor_role), "receive", "", "received", "", 0});
  audit::Change change{"petition.receive", "petition", std::to_string(n.id), "",
                       std::string(kind_code(n.kind)) + " " + n.code + " received via " +
                           std::string(channel_code(n.channel))};
  if (req) {
    audit::record(s, ctx.db.dialect(), ctx.clock, *req, change);
  } else {
    audit::record_system(s, ctx.db.dialect(), ctx.clock, actor_role, change);
  }
  return n;
}

bool record_comment(soci::session& s, std::int64_t petition_id, const std::string& at, std::string_view role,
                    const std::string& note) {
  auto p = find_petition(s, petition_id);
  if (!p) return false;
  std::string state(state_code(p->state));
  insert_event(s, p->id, {at, std::string(role), "comment", state, state, note, 0});
  return true;
}

}  // namespace tinhso::petitions
