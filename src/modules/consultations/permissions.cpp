#include "modules/consultations/permissions.h"

namespace tinhso::consultations {

bool may_manage(const auth::Principal* p, std::int64_t agency) {
  if (p == nullptr) return false;
  return (p->has(auth::Role::specialist) || p->has(auth::Role::agency_leader)) && p->in_scope(agency);
}

bool may_open_desk(const auth::Principal* p) {
  if (p == nullptr) return false;
  return p->has(auth::Role::specialist) || p->has(auth::Role::agency_leader) || p->has(auth::Role::province_leader);
}

bool may_view(const auth::Principal* p, const Consultation& c) {
  if (c.published) return true;
  if (p == nullptr) return false;
  return may_manage(p, c.agency_id) || p->has(auth::Role::province_leader);
}

bool may_take_part(const auth::Principal* p) { return p != nullptr && p->has(auth::Role::citizen) && !p->is_staff(); }

}  // namespace tinhso::consultations
