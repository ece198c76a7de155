#pragma once
// Who may do what with consultations (issue 18; deny by default). Roles are core/auth's.
//   * the drafting agency's officers — its specialists and leaders, and those of the agencies
//     above it (Principal::in_scope) — prepare, publish, moderate and answer its consultations;
//   * the province leader sees every consultation, drafts included, and changes none;
//   * signed-in citizens (the citizen role; an organisation's account is one) comment, reply,
//     agree, answer questions and subscribe; staff accounts speak for their agency through its
//     answers, never as commenters;
//   * anyone reads a published consultation, its comments (hidden ones as their reason only),
//     the questions' results once it closed, the report once published and the comments' CSV.
#include <cstdint>

#include "core/auth/principal.h"
#include "modules/consultations/consultation.h"

namespace tinhso::consultations {

// Whether `p` may prepare a consultation for `agency` (and so moderate and answer it).
bool may_manage(const auth::Principal* p, std::int64_t agency);
// Whether `p` may open the officers' list at all (an officer of some agency, or the province leader).
bool may_open_desk(const auth::Principal* p);
// Whether `p` may see consultation `c`: published ones to anyone; drafts to its managers and the
// province leader.
bool may_view(const auth::Principal* p, const Consultation& c);
// Whether `p` may take part (comment, agree, answer, subscribe).
bool may_take_part(const auth::Principal* p);

}  // namespace tinhso::consultations
