#pragma once
// How a stored request is shown (the API and the public page alike): its Open311 status, status
// notes and expected moment. No I/O.
#include <string>
#include <string_view>

#include "modules/open311/store.h"
#include "modules/open311/types.h"

namespace tinhso::open311 {

// closed once the petition reached an answer or left this system: decided, notified, closed,
// refused or forwarded; open before.
Status status_of_state(std::string_view petition_state);
// The petition states of one status (for the status filter).
std::vector<std::string> states_of(Status s);
// FixMyStreet's status of an update that moved a petition to `to_state`.
UpdateStatus update_status_of_state(std::string_view to_state);

// An ISO-8601 UTC text as an Open311 date-time in Viet Nam's offset.
DateTime datetime_of_iso(const std::string& iso_utc);
// The moment a due day (YYYY-MM-DD) ends for the public: 17:00 Viet Nam time, the end of the
// office day (Decree 45/2013/NĐ-CP: 8 working hours a day, offices close at 17:00).
std::optional<DateTime> expected_of_due(const std::string& ymd);

}  // namespace tinhso::open311
