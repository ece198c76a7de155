#include "modules/dossiers/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::dossiers {

const auth::Principal& require_citizen(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::citizen), "dossiers.citizen");
  return p;
}

const auth::Principal& require_desk_officer(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::one_stop_officer), "dossiers.desk");
  return p;
}

bool is_applicant(const auth::Principal& p, const Dossier& d) {
  return d.applicant_account_id != 0 && p.account_id == d.applicant_account_id && p.has(auth::Role::citizen);
}

bool is_desk_officer_of(const auth::Principal& p, const Dossier& d) {
  return p.has(auth::Role::one_stop_officer) && p.in_scope(d.desk_agency_id);
}

bool is_handling_staff(const auth::Principal& p, const Dossier& d) {
  if (is_assignee_of(p, d)) return true;
  return (p.has(auth::Role::agency_leader) || p.has(auth::Role::one_stop_officer)) && p.in_scope(d.agency_id);
}

bool may_view_dossier(const auth::Principal& p, const Dossier& d) {
  if (is_applicant(p, d)) return true;
  if (d.state == State::draft) return false;
  return is_desk_officer_of(p, d) || is_handling_staff(p, d);
}

bool may_see_file(const auth::Principal& p, const Dossier& d, std::string_view file_role) {
  if (file_role != "result" || d.state == State::returned) return true;
  return is_desk_officer_of(p, d) || is_handling_staff(p, d);
}

const auth::Principal& require_processing_staff(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::specialist) || p.has(auth::Role::agency_leader) ||
                    p.has(auth::Role::one_stop_officer),
                "dossiers.work");
  return p;
}

bool is_leader_of(const auth::Principal& p, const Dossier& d) {
  return p.has(auth::Role::agency_leader) && p.in_scope(d.agency_id);
}

bool is_assignee_of(const auth::Principal& p, const Dossier& d) {
  return p.has(auth::Role::specialist) && d.assignee_id != 0 && d.assignee_id == p.account_id &&
         p.in_scope(d.agency_id);
}

bool may_view_work(const auth::Principal& p, const Dossier& d) {
  if (d.state == State::draft || d.received_at.empty()) return false;
  return is_leader_of(p, d) || is_assignee_of(p, d) || is_desk_officer_of(p, d);
}

}  // namespace tinhso::dossiers
