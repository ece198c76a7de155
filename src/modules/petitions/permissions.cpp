#include "modules/petitions/permissions.h"

namespace tinhso::petitions {

using auth::Role;

bool sees_all(const auth::Principal& p) { return p.has(Role::inspector) || p.has(Role::province_leader); }

bool is_desk_staff(const auth::Principal& p) {
  return p.has(Role::one_stop_officer) || p.has(Role::specialist) || p.has(Role::agency_leader) || sees_all(p);
}

bool in_scope(const auth::Principal& p, std::int64_t agency_id) { return sees_all(p) || p.in_scope(agency_id); }

bool identity_visible(const auth::Principal& p, const Petition& x) {
  // Law on Denunciations 2018 Art. 8(3), 47(2): only the inspector handling the case.
  return x.kind == Kind::denunciation && p.has(Role::inspector) && x.assignee_id == p.account_id;
}

bool works_case(const auth::Principal& p, auth::Role role, const Petition& x) {
  if (role != Role::specialist && role != Role::inspector) return true;
  return x.assignee_id == 0 || x.assignee_id == p.account_id;
}

bool desk_may_open_file(const auth::Principal& p, const Petition& x, bool sealed) {
  if (!is_desk_staff(p) || !in_scope(p, x)) return false;
  if (sealed) return p.has(Role::inspector) && x.assignee_id == p.account_id;
  return x.kind != Kind::denunciation || identity_visible(p, x);
}

bool is_decided(const Petition& x) {
  return x.state == State::decided || x.state == State::notified || x.state == State::closed;
}

bool filer_may_open_file(const Petition& x, FileRole role) {
  if (x.kind == Kind::denunciation) return false;  // never linked to an account; the desk only
  return role == FileRole::evidence || (role == FileRole::decision && is_decided(x));
}

}  // namespace tinhso::petitions
