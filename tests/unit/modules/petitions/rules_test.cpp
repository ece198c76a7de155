// Petition time rules (../shared/domain/LAW.md §2–5): legal periods with their citations, due
// days on the official 2024–2026 calendar (LAW.md §1), extensions, filing periods and group
// representatives. Every due day below was counted by hand; the comment shows the count.
#include "modules/petitions/rules.h"

#include <gtest/gtest.h>

#include <string>

#include "calendar_fixtures.h"

namespace tinhso::petitions {
namespace {

using calendar::test::day;
using calendar::test::moment;
using K = Kind;
using X = Complexity;

constexpr calendar::Unit WD = calendar::Unit::working_days;
constexpr calendar::Unit CD = calendar::Unit::days;

const calendar::WorkCalendar& cal() { return calendar::test::official_calendar(); }

// The date of an extension's written decision (Law on Denunciations 2018 Art. 30(4)).
const std::optional<calendar::Date> kDecided = day("2024-08-05");

Circumstances circ(bool remote, X complexity, bool several_places = false, std::string category = "") {
  return {remote, complexity, several_places, std::move(category)};
}

std::string name(K k, Step s) { return std::string(kind_code(k)) + "/" + std::string(step_code(s)); }

// Circular 07/2014/TT-TTCP Art. 8(1): a complaint outside the agency's competence is answered
// with guidance, not forwarded; the period is Art. 27's by analogy.
constexpr const char* kGuidance = "Circular 07/2014/TT-TTCP Art. 8(1); Law on Complaints 2011 Art. 27 (by analogy)";

TEST(PetitionRules, LegalPeriodTable) {
  struct Case {
    K kind;
    Step step;
    Circumstances c;
    calendar::Unit unit;
    int amount;
    const char* citation;
  };
  const Case cases[] = {
      {K::complaint_first, Step::accept, {}, WD, 10, "Law on Complaints 2011 Art. 27; Circular 07/2013/TT-TTCP"},
      {K::complaint_second, Step::accept, {}, WD, 10, "Law on Complaints 2011 Art. 36; Circular 07/2013/TT-TTCP"},
      {K::denunciation, Step::accept, {}, WD, 7, "Law on Denunciations 2018 Art. 24(1)"},
      {K::denunciation, Step::accept, circ(false, X::none, true), WD, 10, "Law on Denunciations 2018 Art. 24(1)"},
      {K::complaint_first, Step::forward, {}, WD, 10, kGuidance},
      {K::complaint_second, Step::forward, {}, WD, 10, kGuidance},
      {K::denunciation, Step::forward, {}, WD, 5, "Law on Denunciations 2018 Art. 24(1)"},
      {K::recommendation, Step::forward, {}, WD, 5, "Decree 20/2008/NĐ-CP Art. 9"},
      {K::feedback, Step::forward, {}, WD, 5, "Decree 20/2008/NĐ-CP Art. 9"},
      {K::complaint_first, Step::resolve, circ(false, X::none), CD, 30, "Law on Complaints 2011 Art. 28"},
      {K::complaint_first, Step::resolve, circ(false, X::complex), CD, 45, "Law on Complaints 2011 Art. 28"},
      {K::complaint_first, Step::resolve, circ(false, X::particularly_complex), CD, 45, "Law on Complaints 2011 Art. 28"},
      {K::complaint_first, Step::resolve, circ(true, X::none), CD, 45, "Law on Complaints 2011 Art. 28"},
      {K::complaint_first, Step::resolve, circ(true, X::complex), CD, 60, "Law on Complaints 2011 Art. 28"},
      {K::complaint_second, Step::resolve, circ(false, X::none), CD, 45, "Law on Complaints 2011 Art. 37"},
      {K::complaint_second, Step::resolve, circ(false, X::complex), CD, 60, "Law on Complaints 2011 Art. 37"},
      {K::complaint_second, Step::resolve, circ(true, X::none), CD, 60, "Law on Complaints 2011 Art. 37"},
      {K::complaint_second, Step::resolve, circ(true, X::complex), CD, 70, "Law on Complaints 2011 Art. 37"},
      {K::denunciation, Step::resolve, circ(false, X::particularly_complex), CD, 30, "Law on Denunciations 2018 Art. 30(1)"},
      {K::denunciation, Step::resolve, circ(true, X::none), CD, 30, "Law on Denunciations 2018 Art. 30(1)"},
      {K::recommendation, Step::resolve, {}, WD, 10, "setting (LAW.md §5: no legal period)"},
      {K::feedback, Step::resolve, {}, WD, 10, "setting (LAW.md §5: no legal period)"},
      {K::complaint_first, Step::inform, {}, WD, 10, "Law on Citizen Reception 2013 Art. 28"},
      {K::denunciation, Step::inform, {}, WD, 10, "Law on Citizen Reception 2013 Art. 28"},
      {K::feedback, Step::inform, {}, WD, 10, "Law on Citizen Reception 2013 Art. 28"},
      // Issue 12 finding 15: the acceptance told to the denouncer, the decision sent to the parties.
      {K::denunciation, Step::notify_acceptance, {}, WD, 5, "Law on Denunciations 2018 Art. 29(3)"},
      {K::complaint_first, Step::send_decision, {}, WD, 3, "Law on Complaints 2011 Art. 32"},
      {K::complaint_second, Step::send_decision, {}, WD, 7, "Law on Complaints 2011 Art. 41"},
      {K::denunciation, Step::send_decision, {}, WD, 5, "Law on Denunciations 2018 Art. 35(3)"},
  };
  const Settings defaults;
  for (const auto& c : cases) {
    SCOPED_TRACE(name(c.kind, c.step) + " " + c.citation);
    const auto lp = legal_period(c.kind, c.step, c.c, defaults);
    ASSERT_TRUE(lp.has_value());
    EXPECT_EQ(lp->period.unit, c.unit);
    EXPECT_EQ(lp->period.amount, c.amount);
    EXPECT_EQ(lp->citation, c.citation);
  }
}

// Only complaints and denunciations are formally accepted (thụ lý); every kind has the others.
TEST(PetitionRules, WhichStepsExist) {
  const Settings s;
  for (K k : kAllKinds) {
    EXPECT_EQ(legal_period(k, Step::accept, {}, s).has_value(), k != K::recommendation && k != K::feedback)
        << kind_code(k);
    for (Step step : {Step::forward, Step::resolve, Step::inform}) EXPECT_TRUE(legal_period(k, step, {}, s)) << name(k, step);
    // Law on Denunciations 2018 Art. 29(3): denunciations only.
    EXPECT_EQ(legal_period(k, Step::notify_acceptance, {}, s).has_value(), k == K::denunciation) << kind_code(k);
    // Law on Complaints 2011 Art. 32, 41; Law on Denunciations 2018 Art. 35(3).
    EXPECT_EQ(legal_period(k, Step::send_decision, {}, s).has_value(), k != K::recommendation && k != K::feedback)
        << kind_code(k);
  }
}

// Properties: a remote area never shortens a period, nor does complexity; with
// complaint_days_are_working_days the amount stays and only the unit changes (LAW.md §3, L).
TEST(PetitionRules, RemoteAndComplexNeverShorter) {
  Settings calendar_days, working_days;
  working_days.complaint_days_are_working_days = true;
  for (K k : kAllKinds)
    for (Step step : {Step::accept, Step::forward, Step::resolve, Step::inform})
      for (X x : {X::none, X::complex, X::particularly_complex}) {
        SCOPED_TRACE(name(k, step) + " " + std::string(complexity_code(x)));
        const auto normal = legal_period(k, step, circ(false, x), calendar_days);
        const auto remote = legal_period(k, step, circ(true, x), calendar_days);
        const auto simple = legal_period(k, step, circ(false, X::none), calendar_days);
        ASSERT_EQ(normal.has_value(), remote.has_value());
        if (!normal) continue;
        EXPECT_GE(remote->period.amount, normal->period.amount);
        EXPECT_GE(normal->period.amount, simple->period.amount);
        EXPECT_EQ(remote->period.unit, normal->period.unit);
        const auto wd = legal_period(k, step, circ(false, x), working_days);
        EXPECT_EQ(wd->period.amount, normal->period.amount);
        EXPECT_EQ(wd->period.unit, is_complaint(k) && step == Step::resolve ? WD : normal->period.unit);
      }
}

// LAW.md §5 (L): recommendation and feedback periods are settings, per kind and per category.
TEST(PetitionRules, RecommendationAndFeedbackSettings) {
  Settings s;
  s.recommendation_resolve = {WD, 15};
  s.feedback_resolve = {CD, 20};
  s.category_resolve["land"] = {WD, 20};
  struct Case {
    K kind;
    const char* category;
    calendar::Unit unit;
    int amount;
  };
  const Case cases[] = {
      {K::recommendation, "", WD, 15}, {K::feedback, "", CD, 20},        {K::recommendation, "land", WD, 20},
      {K::feedback, "land", WD, 20},   {K::feedback, "traffic", CD, 20},
  };
  for (const auto& c : cases) {
    const auto lp = legal_period(c.kind, Step::resolve, circ(false, X::none, false, c.category), s);
    ASSERT_TRUE(lp) << c.category;
    EXPECT_EQ(lp->period.unit, c.unit) << c.category;
    EXPECT_EQ(lp->period.amount, c.amount) << kind_code(c.kind) << " " << c.category;
  }
  // The category map does not touch complaints or denunciations.
  EXPECT_EQ(legal_period(K::complaint_first, Step::resolve, circ(false, X::none, false, "land"), s)->period.amount, 30);
}

// Decree 31/2019/NĐ-CP Art. 3: one criterion complex, two or more particularly complex.
TEST(PetitionRules, ComplexityFromCriteria) {
  const std::pair<int, X> cases[] = {{-1, X::none}, {0, X::none}, {1, X::complex}, {2, X::particularly_complex},
                                     {7, X::particularly_complex}};
  for (auto [n, x] : cases) EXPECT_EQ(complexity_from_criteria(n), x) << n;
}

// Law on Denunciations 2018 Art. 30(2): complex → one extension of ≤ 30 days; Art. 30(3):
// particularly complex → two; Art. 30(4): each a written decision. Nothing else is extended.
TEST(PetitionRules, ExtensionTable) {
  const Extension e30{30, "QĐ 12/QĐ-TTr", kDecided}, e20{20, "QĐ 13/QĐ-TTr", kDecided};
  struct Case {
    K kind;
    X complexity;
    std::vector<Extension> extensions;
    ExtensionCheck expected;
    const char* source;
  };
  const Case cases[] = {
      {K::denunciation, X::none, {}, ExtensionCheck::ok, "Art. 30(1): no extension needed"},
      {K::denunciation, X::none, {e30}, ExtensionCheck::not_complex, "Art. 30(2): only complex cases"},
      {K::denunciation, X::complex, {e30}, ExtensionCheck::ok, "Art. 30(2): complex, once"},
      {K::denunciation, X::complex, {e20, e20}, ExtensionCheck::too_many, "Art. 30(2): complex, not twice"},
      {K::denunciation, X::particularly_complex, {e30, e30}, ExtensionCheck::ok, "Art. 30(3): twice"},
      {K::denunciation, X::particularly_complex, {e30, e30, e30}, ExtensionCheck::too_many, "Art. 30(3): no third"},
      {K::denunciation, X::complex, {{31, "QĐ 1", kDecided}}, ExtensionCheck::bad_length, "Art. 30(2)–(3): at most 30 days"},
      {K::denunciation, X::complex, {{0, "QĐ 1", kDecided}}, ExtensionCheck::bad_length, "an empty extension"},
      {K::denunciation, X::complex, {{-5, "QĐ 1", kDecided}}, ExtensionCheck::bad_length, "a negative extension"},
      {K::denunciation, X::complex, {{10, "", kDecided}}, ExtensionCheck::no_decision, "Art. 30(4): a written decision"},
      {K::denunciation, X::particularly_complex, {e30, {10, "", kDecided}}, ExtensionCheck::no_decision, "the second too"},
      {K::complaint_first, X::complex, {e20}, ExtensionCheck::not_extendable, "Law on Complaints: none"},
      {K::complaint_second, X::complex, {e20}, ExtensionCheck::not_extendable, "Law on Complaints: none"},
      {K::feedback, X::complex, {e20}, ExtensionCheck::not_extendable, "Decree 20/2008: none"},
      {K::recommendation, X::none, {}, ExtensionCheck::ok, "nothing to check"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(check_extensions(c.kind, c.complexity, c.extensions), c.expected)
        << c.source << " → " << extension_check_code(check_extensions(c.kind, c.complexity, c.extensions));
  EXPECT_EQ(max_extensions(K::denunciation, X::particularly_complex), 2);
  EXPECT_EQ(max_extensions(K::complaint_first, X::particularly_complex), 0);
}

// Property: for every kind and complexity, max_extensions extensions pass and one more is refused.
TEST(PetitionRules, ExtensionLimitProperty) {
  for (K k : kAllKinds)
    for (X x : {X::none, X::complex, X::particularly_complex}) {
      const int max = max_extensions(k, x);
      std::vector<Extension> es(static_cast<std::size_t>(max), Extension{30, "QĐ", kDecided});
      EXPECT_EQ(check_extensions(k, x, es), ExtensionCheck::ok) << kind_code(k);
      es.push_back({1, "QĐ", kDecided});
      EXPECT_NE(check_extensions(k, x, es), ExtensionCheck::ok) << kind_code(k);
    }
}

// Due days on the official schedules (LAW.md §1). 2024: 2/9–3/9 off. 2025: Tết 27–31/1, 26/4
// worked, 30/4–2/5 off. 2026: Tết 16–20/2, 27/4 off, 30/4–1/5 off, 22/8 worked, 31/8–2/9 off.
TEST(PetitionRules, DueDaysTable) {
  Settings working;
  working.complaint_days_are_working_days = true;
  const Settings defaults;
  Settings land;
  land.category_resolve["land"] = {WD, 20};
  struct Case {
    Timeline t;
    const Settings* settings;
    Step step;
    const char* due;
    const char* source;
  };
  const auto t = [](K k, const char* received, std::optional<const char*> accepted = std::nullopt,
                    Circumstances c = {}, std::vector<Extension> ext = {}) {
    return Timeline{k, std::move(c), moment(received), accepted ? std::optional(moment(*accepted)) : std::nullopt,
                    std::move(ext)};
  };
  const Case cases[] = {
      // Mon 9/2: 10–13/2 (4), Tết, 23–27/2 (9), Mon 2/3 (10).
      {t(K::complaint_first, "2026-02-09"), &defaults, Step::accept, "2026-03-02", "Complaints Art. 27: 10 WD across Tết 2026"},
      // 09:00 before the 15:00 cut-off: the same count.
      {t(K::complaint_first, "2026-02-09T09:00"), &defaults, Step::accept, "2026-03-02", "Art. 27 with a time"},
      // Issue 12 finding 11: no Decree 61/2018 cut-off for petitions (Civil Code 2015 Art. 147(1)).
      {t(K::complaint_first, "2026-02-09T16:00"), &defaults, Step::accept, "2026-03-02", "Art. 27 after 15:00: the same"},
      // Accepted Fri 24/1/2025 16:00 + 30 = Sun 23/2 → Mon 24/2 (not 5/3 from a cut-off to Mon 3/2).
      {t(K::complaint_first, "2025-01-20", "2025-01-24T16:00"), &defaults, Step::resolve, "2025-02-24",
       "Art. 28: 30 days from an acceptance at 16:00 before Tết 2025"},
      // Received Fri 24/1/2025 16:00: 3–7/2 (5), 10–14/2 (10).
      {t(K::feedback, "2025-01-24T16:00"), &defaults, Step::inform, "2025-02-14", "Citizen Reception Art. 28 at 16:00"},
      // Thu 24/12/2026: 25, 28–31/12 (5); 1/1/2027 New Year (generated); 4–8/1 (10).
      {t(K::complaint_second, "2026-12-24"), &defaults, Step::accept, "2027-01-08", "Complaints Art. 36: 10 WD"},
      // Wed 22/4/2026: 23, 24 (2), 27/4 off, 28, 29 (4), 30/4–1/5 off, 4, 5, 6/5 (7).
      {t(K::denunciation, "2026-04-22"), &defaults, Step::accept, "2026-05-06", "Denunciations Art. 24: 7 WD"},
      {t(K::denunciation, "2026-04-22", std::nullopt, circ(false, X::none, true)), &defaults, Step::accept,
       "2026-05-11", "Art. 24: 10 WD, several places: 7, 8, 11/5"},
      // Fri 21/8/2026: Sat 22/8 worked (1), 24–27/8 (5).
      {t(K::denunciation, "2026-08-21"), &defaults, Step::forward, "2026-08-27", "Denunciations Art. 24: forward 5 WD"},
      // Fri 24/1/2025: Tết 27–31/1, 3–7/2 (5).
      {t(K::feedback, "2025-01-24"), &defaults, Step::forward, "2025-02-07", "Decree 20/2008 Art. 9: 5 WD across Tết 2025"},
      {t(K::recommendation, "2025-01-24"), &defaults, Step::forward, "2025-02-07", "Decree 20/2008 Art. 9"},
      // Mon 9/2/2026 + 10 WD by analogy with Art. 27.
      {t(K::complaint_first, "2026-02-09"), &defaults, Step::forward, "2026-03-02", "Complaints: forward (Art. 27 analogy)"},
      // Accepted Mon 19/1/2026 + 30 = Wed 18/2 in Tết → Mon 23/2 (Civil Code Art. 148(5)).
      {t(K::complaint_first, "2026-01-12", "2026-01-19"), &defaults, Step::resolve, "2026-02-23",
       "Complaints Art. 28: 30 days, rolled past Tết"},
      // 19/1 + 45 = Thu 5/3.
      {t(K::complaint_first, "2026-01-12", "2026-01-19", circ(false, X::complex)), &defaults, Step::resolve,
       "2026-03-05", "Art. 28: complex 45 days"},
      {t(K::complaint_first, "2026-01-12", "2026-01-19", circ(true, X::none)), &defaults, Step::resolve, "2026-03-05",
       "Art. 28: remote 45 days"},
      // 19/1 + 60 = Fri 20/3.
      {t(K::complaint_first, "2026-01-12", "2026-01-19", circ(true, X::complex)), &defaults, Step::resolve,
       "2026-03-20", "Art. 28: remote complex 60 days"},
      // Setting (LAW.md §3, L): 30 WD from Mon 19/1: 20/1–13/2 (19), 23–27/2 (24), 2–6/3 (29), Mon 9/3 (30).
      {t(K::complaint_first, "2026-01-12", "2026-01-19"), &working, Step::resolve, "2026-03-09",
       "Art. 28 as working days (setting)"},
      // Accepted Fri 17/7/2026 + 45 = Mon 31/8 off, 1–2/9 off → Thu 3/9.
      {t(K::complaint_second, "2026-07-01", "2026-07-17"), &defaults, Step::resolve, "2026-09-03",
       "Complaints Art. 37: 45 days, rolled past National Day 2026"},
      // 17/7 + 60 = Tue 15/9.
      {t(K::complaint_second, "2026-07-01", "2026-07-17", circ(false, X::complex)), &defaults, Step::resolve,
       "2026-09-15", "Art. 37: complex 60 days"},
      {t(K::complaint_second, "2026-07-01", "2026-07-17", circ(true, X::none)), &defaults, Step::resolve, "2026-09-15",
       "Art. 37: remote 60 days"},
      // 17/7 + 70 = Fri 25/9.
      {t(K::complaint_second, "2026-07-01", "2026-07-17", circ(true, X::complex)), &defaults, Step::resolve,
       "2026-09-25", "Art. 37: remote complex 70 days"},
      // Accepted Fri 2/8/2024 + 30 = Sun 1/9; 2–3/9 off → Wed 4/9.
      {t(K::denunciation, "2024-07-25", "2024-08-02"), &defaults, Step::resolve, "2024-09-04",
       "Denunciations Art. 30(1): 30 days"},
      // + one extension of 30 (complex): 2/8 + 60 = Tue 1/10.
      {t(K::denunciation, "2024-07-25", "2024-08-02", circ(false, X::complex), {{30, "QĐ 5", kDecided}}), &defaults,
       Step::resolve, "2024-10-01", "Art. 30(2): complex, one extension"},
      // + 20 days: 2/8 + 50 = Sat 21/9 → Mon 23/9.
      {t(K::denunciation, "2024-07-25", "2024-08-02", circ(false, X::complex), {{20, "QĐ 5", kDecided}}), &defaults,
       Step::resolve, "2024-09-23", "Art. 30(2): a shorter extension"},
      // + two of 30 (particularly complex): 2/8 + 90 = Thu 31/10.
      {t(K::denunciation, "2024-07-25", "2024-08-02", circ(false, X::particularly_complex), {{30, "QĐ 5", kDecided}, {30, "QĐ 9", kDecided}}),
       &defaults, Step::resolve, "2024-10-31", "Art. 30(3): particularly complex, two extensions"},
      // Thu 24/4/2025: 25 (1), Sat 26/4 worked (2), 28, 29 (4), 30/4–2/5 off, 5–9/5 (9), Mon 12/5 (10).
      {t(K::feedback, "2025-04-24"), &defaults, Step::inform, "2025-05-12", "Citizen Reception Art. 28: 10 WD"},
      {t(K::denunciation, "2025-04-24"), &defaults, Step::inform, "2025-05-12", "Citizen Reception Art. 28"},
      // Recommendations: resolve from receipt (no acceptance). Wed 22/4/2026: 23, 24, 28, 29, 4–8/5 (9), 11/5 (10).
      {t(K::recommendation, "2026-04-22"), &defaults, Step::resolve, "2026-05-11", "setting: 10 WD (LAW.md §5)"},
      // Category "land" at 20 WD: 12–15/5 (14), 18–22/5 (19), Mon 25/5 (20).
      {t(K::recommendation, "2026-04-22", std::nullopt, circ(false, X::none, false, "land")), &land, Step::resolve,
       "2026-05-25", "setting per category"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.source);
    const auto out = deadlines(c.t, *c.settings);
    ASSERT_TRUE(out.ok()) << extension_check_code(out.problem);
    const StepDeadline* d = out.find(c.step);
    ASSERT_NE(d, nullptr);
    EXPECT_FALSE(d->citation.empty());
    EXPECT_EQ(due_day(cal(), *d), day(c.due));
  }
}

// Issue 12 finding 15: the acceptance notice runs from acceptance, the decision's sending from the
// decision, in working days; neither exists before its event.
TEST(PetitionRules, NoticeAndSendingDueDays) {
  const Settings s;
  struct Case {
    Timeline t;
    Step step;
    std::optional<const char*> due;
    const char* source;
  };
  const auto t = [](K k, std::optional<const char*> accepted, std::optional<const char*> decided) {
    Timeline out{k, {}, moment("2025-01-20"), std::nullopt, {}, std::nullopt};
    if (accepted) out.accepted = moment(*accepted);
    if (decided) out.decided = moment(*decided);
    return out;
  };
  const Case cases[] = {
      // Accepted Fri 24/1/2025 16:00: Tết 27–31/1, 3–7/2 (5).
      {t(K::denunciation, "2025-01-24T16:00", std::nullopt), Step::notify_acceptance, "2025-02-07",
       "Denunciations Art. 29(3): 5 WD"},
      {t(K::denunciation, std::nullopt, std::nullopt), Step::notify_acceptance, std::nullopt, "not accepted yet"},
      {t(K::complaint_first, "2025-01-24T16:00", std::nullopt), Step::notify_acceptance, std::nullopt,
       "complaints: notice within acceptance (Art. 27)"},
      // Decided Fri 24/1/2025 16:00: 3, 4, 5/2.
      {t(K::complaint_first, "2025-01-21", "2025-01-24T16:00"), Step::send_decision, "2025-02-05",
       "Complaints Art. 32: 3 WD"},
      // Decided Thu 24/4/2025: 25, Sat 26/4 worked, 28, 29/4, 5/5, 6/5, 7/5 (7).
      {t(K::complaint_second, "2025-04-01", "2025-04-24T10:00"), Step::send_decision, "2025-05-07",
       "Complaints Art. 41: 7 WD"},
      {t(K::denunciation, "2025-04-01", "2025-04-24T10:00"), Step::send_decision, "2025-05-05",
       "Denunciations Art. 35(3): 5 WD"},
      {t(K::denunciation, "2025-04-01", std::nullopt), Step::send_decision, std::nullopt, "no decision yet"},
      {t(K::feedback, std::nullopt, "2025-04-24T10:00"), Step::send_decision, std::nullopt, "feedback: no such step"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.source);
    const auto out = deadlines(c.t, s);
    const StepDeadline* d = out.find(c.step);
    if (!c.due) {
      EXPECT_EQ(d, nullptr);
      continue;
    }
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(due_day(cal(), *d), day(*c.due));
  }
}

// Law on Denunciations 2018 Art. 30(4): an extension's decision lies between the acceptance and today.
TEST(PetitionRules, ExtensionDate) {
  const std::tuple<const char*, bool, const char*> cases[] = {
      {"2025-01-24", true, "on the acceptance day"},
      {"2025-02-10", true, "between"},
      {"2025-02-20", true, "today"},
      {"2025-01-23", false, "before the acceptance"},
      {"2025-02-21", false, "in the future"},
  };
  for (const auto& [decided, ok, note] : cases)
    EXPECT_EQ(extension_date_ok(day(decided), day("2025-01-24"), day("2025-02-20")), ok) << note;
  // A decision without its date is no decision (Art. 30(4)).
  EXPECT_EQ(check_extensions(K::denunciation, X::complex, std::vector<Extension>{{10, "QĐ 1", std::nullopt}}),
            ExtensionCheck::no_decision);
  EXPECT_EQ(check_extensions(K::denunciation, X::complex, std::vector<Extension>{{10, "  ", kDecided}}),
            ExtensionCheck::no_decision);
}

TEST(PetitionRules, DeadlinesShape) {
  const Settings s;
  // Not accepted yet: no resolve clock for a complaint; the others run from receipt.
  auto out = deadlines({K::complaint_first, {}, moment("2026-03-02"), std::nullopt, {}}, s);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out.deadlines.size(), 3u);
  EXPECT_EQ(out.deadlines[0].step, Step::accept);
  EXPECT_EQ(out.deadlines[1].step, Step::forward);
  EXPECT_EQ(out.deadlines[2].step, Step::inform);
  EXPECT_EQ(out.find(Step::resolve), nullptr);
  // Accepted: the resolve spec starts at acceptance and carries the citation.
  out = deadlines({K::complaint_first, {}, moment("2026-03-02"), moment("2026-03-10T10:00"), {}}, s);
  ASSERT_NE(out.find(Step::resolve), nullptr);
  EXPECT_EQ(out.find(Step::resolve)->start, day("2026-03-10"));
  EXPECT_EQ(out.find(Step::resolve)->citation, "Law on Complaints 2011 Art. 28");
  EXPECT_EQ(out.find(Step::accept)->start, day("2026-03-02"));
  // Feedback has no acceptance; its resolve clock runs from receipt.
  out = deadlines({K::feedback, {}, moment("2026-03-02"), std::nullopt, {}}, s);
  ASSERT_EQ(out.deadlines.size(), 3u);
  EXPECT_EQ(out.find(Step::accept), nullptr);
  EXPECT_EQ(out.find(Step::resolve)->start, day("2026-03-02"));
  // Extensions become Periods in the resolve period's unit.
  out = deadlines({K::denunciation, circ(false, X::particularly_complex), moment("2026-03-02"), moment("2026-03-09"),
                   {{30, "QĐ 1", kDecided}, {15, "QĐ 2", kDecided}}},
                  s);
  ASSERT_TRUE(out.ok());
  const auto& ext = out.find(Step::resolve)->extensions;
  ASSERT_EQ(ext.size(), 2u);
  EXPECT_EQ(ext[0].unit, CD);
  EXPECT_EQ(ext[0].amount, 30);
  EXPECT_EQ(ext[1].amount, 15);
  EXPECT_TRUE(out.find(Step::accept)->extensions.empty());
}

// Refused extensions yield no deadline at all (Law on Denunciations 2018 Art. 30(2)–(3)).
TEST(PetitionRules, DeadlinesRefuseBadExtensions) {
  const Settings s;
  const std::vector<Extension> three{{30, "QĐ 1", kDecided}, {30, "QĐ 2", kDecided}, {30, "QĐ 3", kDecided}};
  struct Case {
    K kind;
    X complexity;
    std::vector<Extension> extensions;
    ExtensionCheck expected;
  };
  const Case cases[] = {
      {K::denunciation, X::particularly_complex, three, ExtensionCheck::too_many},
      {K::denunciation, X::none, {{10, "QĐ 1", kDecided}}, ExtensionCheck::not_complex},
      {K::complaint_first, X::complex, {{10, "QĐ 1", kDecided}}, ExtensionCheck::not_extendable},
  };
  for (const auto& c : cases) {
    const auto out = deadlines({c.kind, circ(false, c.complexity), moment("2026-03-02"), moment("2026-03-09"), c.extensions}, s);
    EXPECT_EQ(out.problem, c.expected) << kind_code(c.kind);
    EXPECT_FALSE(out.ok());
    EXPECT_TRUE(out.deadlines.empty());
  }
}

// Law on Complaints 2011 Art. 9 (90 days) and Art. 33 (30 days, 45 remote); the last day rolls
// forward (Civil Code 2015 Art. 148(5)).
TEST(PetitionRules, FilingTable) {
  struct Case {
    K kind;
    bool remote;
    const char* start;
    const char* filed;
    Filing verdict;
    const char* last_day;  // "" = none
    const char* source;
  };
  const Case cases[] = {
      // 2/1/2026 + 90 = Thu 2/4.
      {K::complaint_first, false, "2026-01-02", "2026-04-02", Filing::ok, "2026-04-02", "Art. 9: the last day"},
      {K::complaint_first, false, "2026-01-02", "2026-04-03", Filing::late, "2026-04-02", "Art. 9: one day late"},
      {K::complaint_first, true, "2026-01-02", "2026-04-03", Filing::late, "2026-04-02", "Art. 9: no remote extra"},
      {K::complaint_first, false, "2026-01-02", "2026-01-02", Filing::ok, "2026-04-02", "Art. 9: the same day"},
      // 19/11/2025 + 90 = Tue 17/2/2026 in Tết → Mon 23/2.
      {K::complaint_first, false, "2025-11-19", "2026-02-20", Filing::ok, "2026-02-23", "Art. 9: filed during Tết"},
      {K::complaint_first, false, "2025-11-19", "2026-02-23", Filing::ok, "2026-02-23", "Art. 9: rolled past Tết"},
      {K::complaint_first, false, "2025-11-19", "2026-02-24", Filing::late, "2026-02-23", "Art. 9: after the roll"},
      // 27/3/2026 + 30 = Sun 26/4, Mon 27/4 off → Tue 28/4.
      {K::complaint_second, false, "2026-03-27", "2026-04-28", Filing::ok, "2026-04-28", "Art. 33: 30 days, Hùng Kings"},
      {K::complaint_second, false, "2026-03-27", "2026-04-29", Filing::late, "2026-04-28", "Art. 33: late"},
      // 27/3 + 45 = Mon 11/5.
      {K::complaint_second, true, "2026-03-27", "2026-04-29", Filing::ok, "2026-05-11", "Art. 33: remote 45 days"},
      {K::complaint_second, true, "2026-03-27", "2026-05-12", Filing::late, "2026-05-11", "Art. 33: remote, late"},
      {K::denunciation, false, "2020-01-01", "2026-04-29", Filing::no_period, "", "Denunciations: no period"},
      {K::recommendation, false, "2020-01-01", "2026-04-29", Filing::no_period, "", "no period"},
      {K::feedback, false, "2020-01-01", "2026-04-29", Filing::no_period, "", "no period"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.source);
    const auto check = check_filing({c.kind, c.remote, day(c.start), day(c.filed)}, cal());
    EXPECT_EQ(check.verdict, c.verdict);
    if (*c.last_day) {
      EXPECT_EQ(check.last_day, day(c.last_day));
      EXPECT_FALSE(check.citation.empty());
    } else {
      EXPECT_EQ(check.last_day, std::nullopt);
    }
  }
  EXPECT_THROW(check_filing({K::complaint_first, false, day("2199-12-01"), day("2199-12-02")}, cal()),
               std::out_of_range);
}

// Law on Complaints 2011 Art. 33: from the first decision's receipt, else from the end of the
// first resolve period.
TEST(PetitionRules, SecondComplaintStart) {
  EXPECT_EQ(second_complaint_start(day("2026-03-27"), day("2026-03-20")), day("2026-03-27"));
  EXPECT_EQ(second_complaint_start(std::nullopt, day("2026-08-03")), day("2026-08-03"));
  // No decision by Mon 3/8/2026: 3/8 + 30 = Wed 2/9 off → Thu 3/9.
  const auto check = check_filing(
      {K::complaint_second, false, second_complaint_start(std::nullopt, day("2026-08-03")), day("2026-09-03")}, cal());
  EXPECT_EQ(check.verdict, Filing::ok);
  EXPECT_EQ(check.last_day, day("2026-09-03"));
}

// A late complaint is refused (Art. 11) unless an officer records an obstacle (Art. 9).
TEST(PetitionRules, LateFilingOverride) {
  const FilingCheck late{Filing::late, day("2026-04-02"), "Law on Complaints 2011 Art. 9"};
  const FilingCheck ok{Filing::ok, day("2026-04-02"), "Law on Complaints 2011 Art. 9"};
  const FilingCheck none{};
  struct Case {
    const FilingCheck* check;
    std::optional<LateFilingOverride> override_;
    Admission expected;
  };
  const Case cases[] = {
      {&ok, std::nullopt, Admission::admit},
      {&none, std::nullopt, Admission::admit},
      {&late, std::nullopt, Admission::refuse_late},
      {&late, LateFilingOverride{42, "nằm viện 20 ngày (giấy ra viện số 118)"}, Admission::admit_late},
      {&late, LateFilingOverride{42, ""}, Admission::override_invalid},
      {&late, LateFilingOverride{42, " \t\n"}, Admission::override_invalid},
      {&late, LateFilingOverride{0, "lũ lụt"}, Admission::override_invalid},
      {&ok, LateFilingOverride{0, ""}, Admission::admit},  // nothing to override
  };
  for (const auto& c : cases)
    EXPECT_EQ(admit_filing(*c.check, c.override_), c.expected) << admission_code(admit_filing(*c.check, c.override_));
}

// Law on Citizen Reception 2013 Art. 29.
TEST(PetitionRules, RepresentativesTable) {
  using RC = RepresentativesCheck;
  struct Case {
    int people, representatives;
    RC expected;
  };
  const Case cases[] = {
      {1, 0, RC::ok},        {4, 0, RC::ok},        {4, 2, RC::ok},         {5, 0, RC::missing},
      {5, 1, RC::ok},        {5, 2, RC::ok},        {5, 3, RC::too_many},   {10, 2, RC::ok},
      {10, 3, RC::too_many}, {11, 0, RC::missing},  {11, 1, RC::ok},        {11, 5, RC::ok},
      {11, 6, RC::too_many}, {300, 5, RC::ok},      {300, 6, RC::too_many}, {0, 0, RC::bad_count},
      {-3, 0, RC::bad_count}, {5, -1, RC::bad_count}, {3, 4, RC::bad_count},
  };
  for (const auto& c : cases)
    EXPECT_EQ(check_representatives(c.people, c.representatives), c.expected)
        << "Art. 29: " << c.people << " people, " << c.representatives << " representatives";
  EXPECT_EQ(max_representatives(4), std::nullopt);
  EXPECT_EQ(max_representatives(5), 2);
  EXPECT_EQ(max_representatives(10), 2);
  EXPECT_EQ(max_representatives(11), 5);
}

TEST(PetitionRules, CodesRoundTrip) {
  for (K k : kAllKinds) EXPECT_EQ(parse_kind(kind_code(k)), k);
  for (X x : {X::none, X::complex, X::particularly_complex}) EXPECT_EQ(parse_complexity(complexity_code(x)), x);
  EXPECT_FALSE(parse_kind("complaint"));
  EXPECT_FALSE(parse_complexity(""));
}

// Issue 6 §2: the admin unit's remote flag decides; the desk officer's checkbox can only add
// remoteness, never take away the longer periods the list grants.
TEST(PetitionRules, RemoteAreaFromUnitAndOfficer) {
  EXPECT_FALSE(remote_area(false, false));
  EXPECT_TRUE(remote_area(true, false)) << "a flagged unit, no checkbox (the online form)";
  EXPECT_TRUE(remote_area(false, true)) << "the officer adds remoteness";
  EXPECT_TRUE(remote_area(true, true));
  // What it changes for a first complaint: 30 → 45 days from acceptance (Art. 28).
  for (bool unit : {false, true}) {
    const auto lp = legal_period(K::complaint_first, Step::resolve, circ(remote_area(unit, false), X::none), Settings{});
    ASSERT_TRUE(lp.has_value());
    EXPECT_EQ(lp->period.amount, unit ? 45 : 30);
  }
}

}  // namespace
}  // namespace tinhso::petitions
