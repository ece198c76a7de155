#include "modules/petitions/scope.h"

namespace tinhso::petitions {

using auth::Role;

bool sees_all(const auth::Principal& p) { return p.has(Role::inspector) || p.has(Role::province_leader); }

bool is_desk_staff(const auth::Principal& p) {
  return p.has(Role::one_stop_officer) || p.has(Role::specialist) || p.has(Role::agency_leader) || sees_all(p);
}

bool in_scope(const auth::Principal& p, std::int64_t agency_id) { return sees_all(p) || p.in_scope(agency_id); }

bool identity_visible(const auth::Principal& p, const Petition& x) {
  return x.kind == Kind::denunciation && p.has(Role::inspector) && x.assignee_id == p.account_id;
}

}  // namespace tinhso::petitions
