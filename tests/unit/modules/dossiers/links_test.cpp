// What the dossier pages and notices derive without I/O (issue 14 §6, §9): the link a notice
// gives the applicant — their own dossier page under the public URL when they have an account,
// else the public look-up with the code filled in — and the status tag of each state.
#include <gtest/gtest.h>

#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/notify.h"

namespace tinhso::dossiers {
namespace {

TEST(ApplicantLink, AnAccountHolderGetsTheDossiersOwnPage) {
  Dossier d;
  d.code = "TTHCC-261205-0001";
  d.applicant_account_id = 42;
  EXPECT_EQ(applicant_link("https://dichvucong.phutho.example", d),
            "https://dichvucong.phutho.example/dossiers/TTHCC-261205-0001");
}

TEST(ApplicantLink, APaperDossiersApplicantGetsTheLookUpWithTheCode) {
  Dossier d;
  d.code = "TTHCC-261205-0002";
  EXPECT_EQ(applicant_link("https://dichvucong.phutho.example", d),
            "https://dichvucong.phutho.example/lookup?code=TTHCC-261205-0002");
}

TEST(StateTag, EachStateHasTheTagOfItsStage) {
  const std::pair<const char*, const char*> cases[] = {
      {"draft", "tag-new"},       {"submitted", "tag-new"},        {"received", "tag-waiting"},
      {"processing", "tag-waiting"}, {"supplement_requested", "tag-waiting"}, {"proposed", "tag-waiting"},
      {"approved", "tag-waiting"}, {"returned", "tag-done"},       {"refused", "tag-refused"},
      {"withdrawn", "tag-refused"},
  };
  for (const auto& [state, tag] : cases) EXPECT_EQ(intake::state_tag(state), tag) << state;
}

}  // namespace
}  // namespace tinhso::dossiers
