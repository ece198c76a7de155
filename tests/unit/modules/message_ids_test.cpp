// Message ids built at run time from codes ("petitions.error." + refusal_code(r)): every one that
// a module can build exists in the shared catalog (locales/, whose constructor makes every id
// exist in Vietnamese and English alike). A missing one would render as its id.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/resources.h"
#include "core/auth/principal.h"
#include "core/calendar/deadline.h"
#include "core/calendar/holidays.h"
#include "core/text/catalog.h"
#include "modules/directory/agency.h"
#include "modules/directory/unit.h"
#include "modules/dossiers/dossier.h"
#include "modules/dossiers/lateness.h"
#include "modules/dossiers/workflow.h"
#include "modules/petitions/desk_rules.h"
#include "modules/petitions/petition.h"
#include "modules/petitions/rules.h"
#include "modules/petitions/workflow.h"
#include "modules/procedures/api.h"
#include "modules/procedures/procedure.h"

namespace tinhso {
namespace {

const text::Catalog& catalog() {
  static const text::Catalog c(text::resource_dirs(TINHSO_SOURCE_DIR, "locales"));
  return c;
}

// The ids `prefix` + code(v) for every v of `all` but those whose code is in `skip` (values that
// are never shown: "ok", "none").
template <class E, std::size_t N, class Code>
std::vector<std::string> ids(std::string_view prefix, const E (&all)[N], Code code,
                             std::initializer_list<std::string_view> skip = {}) {
  std::vector<std::string> out;
  for (E v : all) {
    std::string_view c = code(v);
    EXPECT_FALSE(c.empty()) << prefix << ": a value without a code";
    if (std::find(skip.begin(), skip.end(), c) == skip.end()) out.push_back(std::string(prefix) + std::string(c));
  }
  return out;
}

void expect_in_catalog(const std::vector<std::string>& ids) {
  ASSERT_FALSE(ids.empty());
  for (const std::string& id : ids)
    for (const char* lang : {"vi", "en"}) EXPECT_TRUE(catalog().has(lang, id)) << lang << " lacks " << id;
}

std::vector<std::string> numbered(std::string_view prefix, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(std::string(prefix) + std::to_string(i));
  return out;
}

TEST(MessageIds, Petitions) {
  using namespace petitions;
  expect_in_catalog(ids("petitions.kind.", kAllKinds, kind_code));
  expect_in_catalog(ids("petitions.state.", kAllStates, state_code));
  expect_in_catalog(ids("petitions.action.", kAllActions, action_code));
  expect_in_catalog(ids("petitions.step.", kAllSteps, step_code));
  expect_in_catalog(ids("petitions.complexity.", kAllComplexities, complexity_code));
  // An action the role, the kind or the state does not allow is answered 403 with no message.
  expect_in_catalog(ids("petitions.error.", kAllRefusals, refusal_code,
                        {"none", "no_transition", "kind_not_allowed", "role_not_allowed"}));
  expect_in_catalog(ids("petitions.error.extension.", kAllExtensionChecks, extension_check_code, {"ok"}));
  expect_in_catalog(ids("petitions.error.amend.", kAllAmendChecks, amend_check_code, {"ok"}));
}

TEST(MessageIds, PetitionsDesk) {
  using namespace petitions;
  expect_in_catalog(ids("petitions_desk.channel.", kAllChannels, channel_code));
  expect_in_catalog(ids("petitions_desk.link.", kAllLinkKinds, link_kind_code));
  expect_in_catalog(ids("petitions_desk.error.", kAllReceivedChecks, received_check_code, {"ok"}));
  expect_in_catalog(ids("petitions_desk.error.", kAllFirstDecisionChecks, first_decision_check_code, {"ok", "first_decision_none"}));
  expect_in_catalog(ids("petitions_desk.error.link.", kAllLinkChecks, link_check_code, {"ok"}));
  expect_in_catalog(ids("petitions_desk.error.representatives.", kAllRepresentativesChecks, representatives_check_code, {"ok"}));
}

TEST(MessageIds, Dossiers) {
  using namespace dossiers;
  expect_in_catalog(ids("dossiers.state.", kAllStates, state_code));
  expect_in_catalog(ids("dossiers.action.", kAllActions, action_code));
  expect_in_catalog(ids("dossier_processing.action.", kAllActions, action_code));
  expect_in_catalog(ids("dossiers.channel.", kAllChannels, channel_code));
  expect_in_catalog(ids("dossier_processing.apology.error.", kAllApologyChecks, apology_check_code, {"ok"}));
}

TEST(MessageIds, DirectoryAndProcedures) {
  expect_in_catalog(ids("directory.level.", directory::kAllLevels, directory::level_name));
  expect_in_catalog(ids("directory.kind.", directory::kAllKinds, directory::kind_name));
  // procedures::Level is declared in the module's api.h; it has two values.
  const procedures::Level levels[] = {procedures::Level::province, procedures::Level::commune};
  expect_in_catalog(ids("procedures.level.", levels, procedures::level_name));
  const calendar::Unit units[] = {calendar::Unit::working_days, calendar::Unit::days};
  expect_in_catalog(ids("procedures.unit.", units, procedures::unit_name));
}

TEST(MessageIds, CalendarAndRoles) {
  expect_in_catalog(ids("calendar.kind.", calendar::kAllDayKinds, calendar::kind_code));
  expect_in_catalog(ids("calendar.reason.", calendar::kAllReasons, calendar::reason_code));
  expect_in_catalog(numbered("calendar.month.", 1, 12));
  expect_in_catalog(numbered("calendar.weekday.", 1, 7));
  expect_in_catalog(numbered("calendar.weekday_short.", 1, 7));
  expect_in_catalog(ids("identity.role.", auth::kAllRoles, auth::role_name));
}

}  // namespace
}  // namespace tinhso
