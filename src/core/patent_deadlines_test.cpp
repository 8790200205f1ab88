#include "core/patent_deadlines.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/entities.h"

namespace kc::core {
namespace {

PatentApplication Application(std::string office, Date filing, OptDate priority = std::nullopt,
                              std::string status = "filed") {
    PatentApplication application;
    application.id = 1;
    application.invention_id = 1;
    application.office = std::move(office);
    application.application_number = "2003-012345";
    application.filing_date = filing;
    application.priority_date = priority;
    application.status = std::move(status);
    return application;
}

std::optional<Date> DueOf(const std::vector<Deadline>& deadlines, std::string_view key) {
    for (const auto& deadline : deadlines) {
        if (deadline.key == key) return deadline.due;
    }
    return std::nullopt;
}

std::vector<std::string> Keys(const std::vector<Deadline>& deadlines) {
    std::vector<std::string> keys;
    for (const auto& deadline : deadlines) keys.push_back(deadline.key);
    return keys;
}

TEST(DeadlineRules, HaveUniqueKeysLabelsPeriodsAndSources) {
    std::set<std::string_view> keys;
    for (const auto& rule : DeadlineRules()) {
        EXPECT_TRUE(keys.insert(rule.key).second) << rule.key;
        EXPECT_FALSE(rule.label_ja.empty()) << rule.key;
        EXPECT_FALSE(rule.label_en.empty()) << rule.key;
        EXPECT_GT(rule.months, 0) << rule.key;
        EXPECT_FALSE(rule.source.empty()) << rule.key;
        EXPECT_FALSE(rule.statuses.empty()) << rule.key;
        EXPECT_EQ(FindDeadlineRule(rule.key), &rule) << rule.key;
    }
    EXPECT_EQ(FindDeadlineRule("no_such_rule"), nullptr);
}

// The month-end rule of 特許法 第3条: the anchor's day number in the target month, clamped to
// the month's last day.
TEST(AddPeriod, KeepsTheDayNumberAndClampsToTheMonthEnd) {
    struct Case {
        const char* name;
        Date anchor;
        int months;
        Date expected;
    };
    const std::vector<Case> cases = {
        {"plain", {2003, 2, 10}, 12, {2004, 2, 10}},
        {"leap day plus a year", {2004, 2, 29}, 12, {2005, 2, 28}},
        {"leap day plus four years", {2004, 2, 29}, 48, {2008, 2, 29}},
        {"leap day plus 18 months", {2004, 2, 29}, 18, {2005, 8, 29}},
        {"into a leap February", {2003, 8, 31}, 6, {2004, 2, 29}},
        {"into a common February", {2003, 8, 31}, 18, {2005, 2, 28}},
        {"31st into a 30-day month", {2005, 1, 31}, 3, {2005, 4, 30}},
        {"30th stays the 30th", {2005, 4, 30}, 1, {2005, 5, 30}},
        {"year end", {2004, 12, 31}, 30, {2007, 6, 30}},
        {"three years", {2002, 10, 1}, 36, {2005, 10, 1}},
        {"zero months", {2004, 2, 29}, 0, {2004, 2, 29}},
    };
    for (const auto& test_case : cases) {
        EXPECT_EQ(AddPeriod(test_case.anchor, test_case.months), test_case.expected)
            << test_case.name;
    }
}

// Each case: a stored application's dates and status, and the due date of every rule expected
// (nullopt = the rule does not apply).
TEST(PatentDeadlines, TableOfCases) {
    struct Case {
        const char* name;
        std::string office;
        Date filing;
        OptDate priority;
        std::string status;
        std::optional<Date> paris, publication, national_phase, examination;
    };
    const std::vector<Case> cases = {
        {"jp first filing",
         "jp",
         {2003, 2, 10},
         std::nullopt,
         "filed",
         Date{2004, 2, 10},
         Date{2004, 8, 10},
         std::nullopt,
         Date{2006, 2, 10}},
        {"jp with domestic priority: priority periods from priority, request from filing",
         "jp",
         {2003, 2, 10},
         Date{2002, 11, 20},
         "filed",
         Date{2003, 11, 20},
         Date{2004, 5, 20},
         std::nullopt,
         Date{2006, 2, 10}},
        {"jp filed on 29 February",
         "jp",
         {2004, 2, 29},
         std::nullopt,
         "filed",
         Date{2005, 2, 28},
         Date{2005, 8, 29},
         std::nullopt,
         Date{2007, 2, 28}},
        {"priority on 29 February, filed later",
         "jp",
         {2005, 1, 31},
         Date{2004, 2, 29},
         "filed",
         Date{2005, 2, 28},
         Date{2005, 8, 29},
         std::nullopt,
         Date{2008, 1, 31}},
        {"month end",
         "jp",
         {2003, 8, 31},
         std::nullopt,
         "filed",
         Date{2004, 8, 31},
         Date{2005, 2, 28},
         std::nullopt,
         Date{2006, 8, 31}},
        {"filed before October 2001: 7 years (other key)",
         "jp",
         {2001, 9, 30},
         std::nullopt,
         "filed",
         Date{2002, 9, 30},
         Date{2003, 3, 30},
         std::nullopt,
         std::nullopt},
        {"first day of the 3-year rule",
         "jp",
         {2001, 10, 1},
         std::nullopt,
         "filed",
         Date{2002, 10, 1},
         Date{2003, 4, 1},
         std::nullopt,
         Date{2004, 10, 1}},
        {"examination requested owes no request, keeps publication",
         "jp",
         {2003, 2, 10},
         std::nullopt,
         "examination_requested",
         Date{2004, 2, 10},
         Date{2004, 8, 10},
         std::nullopt,
         std::nullopt},
        {"pct with priority",
         "pct",
         {2004, 1, 15},
         Date{2003, 2, 10},
         "filed",
         std::nullopt,
         Date{2004, 8, 10},
         Date{2005, 8, 10},
         std::nullopt},
        {"pct without priority",
         "pct",
         {2004, 1, 15},
         std::nullopt,
         "filed",
         std::nullopt,
         Date{2005, 7, 15},
         Date{2006, 7, 15},
         std::nullopt},
        {"pct priority on 29 February",
         "pct",
         {2005, 2, 28},
         Date{2004, 2, 29},
         "filed",
         std::nullopt,
         Date{2005, 8, 29},
         Date{2006, 8, 29},
         std::nullopt},
        {"us has publication only",
         "us",
         {2005, 7, 1},
         std::nullopt,
         "filed",
         std::nullopt,
         Date{2007, 1, 1},
         std::nullopt,
         std::nullopt},
        {"granted without a registration date has none",
         "jp",
         {2003, 2, 10},
         std::nullopt,
         "granted",
         std::nullopt,
         std::nullopt,
         std::nullopt,
         std::nullopt},
        {"abandoned has none",
         "jp",
         {2003, 2, 10},
         std::nullopt,
         "abandoned",
         std::nullopt,
         std::nullopt,
         std::nullopt,
         std::nullopt},
        {"withdrawn pct has none",
         "pct",
         {2003, 2, 10},
         std::nullopt,
         "withdrawn",
         std::nullopt,
         std::nullopt,
         std::nullopt,
         std::nullopt},
        {"refused has none",
         "jp",
         {2003, 2, 10},
         std::nullopt,
         "refused",
         std::nullopt,
         std::nullopt,
         std::nullopt,
         std::nullopt},
    };
    for (const auto& test_case : cases) {
        auto deadlines = PatentDeadlines(
            Application(test_case.office, test_case.filing, test_case.priority, test_case.status));
        EXPECT_EQ(DueOf(deadlines, "paris_priority"), test_case.paris) << test_case.name;
        EXPECT_EQ(DueOf(deadlines, "publication"), test_case.publication) << test_case.name;
        EXPECT_EQ(DueOf(deadlines, "pct_national_phase"), test_case.national_phase)
            << test_case.name;
        EXPECT_EQ(DueOf(deadlines, "examination_request"), test_case.examination) << test_case.name;
        for (size_t i = 1; i < deadlines.size(); ++i) {
            EXPECT_LE(deadlines[i - 1].due, deadlines[i].due) << test_case.name << " " << i;
        }
    }
}

TEST(PatentDeadlines, FilingsBeforeOctober2001HaveSevenYearsToRequestExamination) {
    auto deadlines = PatentDeadlines(Application("jp", Date{2000, 3, 31}));
    EXPECT_EQ(DueOf(deadlines, "examination_request_7y"), (Date{2007, 3, 31}));
    EXPECT_EQ(DueOf(deadlines, "examination_request"), std::nullopt);
    EXPECT_EQ(
        DueOf(PatentDeadlines(Application("jp", Date{2001, 10, 1})), "examination_request_7y"),
        std::nullopt);
}

TEST(PatentDeadlines, AreSortedByDueDateAndCarryTheirSource) {
    auto deadlines = PatentDeadlines(Application("jp", Date{2003, 2, 10}));
    EXPECT_EQ(Keys(deadlines),
              (std::vector<std::string>{"paris_priority", "publication", "examination_request"}));
    for (const auto& deadline : deadlines) {
        const DeadlineRule* rule = FindDeadlineRule(deadline.key);
        ASSERT_NE(rule, nullptr) << deadline.key;
        EXPECT_EQ(deadline.source, rule->source);
        EXPECT_EQ(deadline.label_ja, rule->label_ja);
    }
    EXPECT_EQ(deadlines[0].anchor, Anchor::kPriority);
    EXPECT_EQ(deadlines[0].anchor_date, (Date{2003, 2, 10}));
    EXPECT_EQ(deadlines[1].kind, DeadlineKind::kEvent);
    EXPECT_EQ(deadlines[2].anchor, Anchor::kFiling);
}

TEST(PatentDeadlines, ARecordedExaminationRequestIsNoLongerOwed) {
    auto application = Application("jp", Date{2003, 2, 10});
    application.examination_requested_on = Date{2004, 1, 5};
    EXPECT_EQ(DueOf(PatentDeadlines(application), "examination_request"), std::nullopt);
}

TEST(PatentDeadlines, AnnuitiesFallDueOnEachAnniversaryOfRegistrationFromYearFour) {
    auto application = Application("jp", Date{2003, 2, 10}, std::nullopt, "granted");
    application.registered_on = Date{2006, 6, 30};
    auto deadlines = PatentDeadlines(application);
    ASSERT_FALSE(deadlines.empty());
    // The term ends 2023-02-10: the last annuity year begins on 2022-06-30 (year 17).
    EXPECT_EQ(deadlines.size(), 14u);
    EXPECT_EQ(deadlines.front().key, "annuity");
    EXPECT_EQ(deadlines.front().number, 4);
    EXPECT_EQ(deadlines.front().due, (Date{2009, 6, 30}));
    EXPECT_EQ(deadlines.front().grace_until, (Date{2009, 12, 30}));
    EXPECT_EQ(deadlines.front().label_ja, "第4年分特許料納付期限");
    EXPECT_EQ(deadlines.front().label_en, "Annuity, year 4");
    EXPECT_EQ(deadlines.back().number, 17);
    EXPECT_EQ(deadlines.back().due, (Date{2022, 6, 30}));
}

TEST(PatentDeadlines, AnnuitiesOfALeapDayRegistrationDoNotDrift) {
    auto application = Application("jp", Date{2002, 5, 1}, std::nullopt, "granted");
    application.registered_on = Date{2004, 2, 29};
    auto deadlines = PatentDeadlines(application);
    ASSERT_GE(deadlines.size(), 2u);
    EXPECT_EQ(deadlines[0].due, (Date{2007, 2, 28}));  // year 4
    EXPECT_EQ(deadlines[1].due, (Date{2008, 2, 29}));  // year 5: a leap year again
    EXPECT_EQ(deadlines[0].grace_until, (Date{2007, 8, 28}));
}

TEST(ComputeDeadlines, WithoutAStatusListsEveryRuleOfTheOffice) {
    CaseDates dates{Date{2005, 1, 31}, Date{2004, 2, 29}, Date{2008, 3, 31}};
    auto jp = ComputeDeadlines(dates, "jp", "");
    EXPECT_EQ(DueOf(jp, "paris_priority"), (Date{2005, 2, 28}));
    EXPECT_EQ(DueOf(jp, "publication"), (Date{2005, 8, 29}));
    EXPECT_EQ(DueOf(jp, "examination_request"), (Date{2008, 1, 31}));
    EXPECT_EQ(DueOf(jp, "annuity"), (Date{2011, 3, 31}));
    auto pct = ComputeDeadlines(dates, "pct", "");
    EXPECT_EQ(Keys(pct), (std::vector<std::string>{"publication", "pct_national_phase"}));
    EXPECT_EQ(DueOf(pct, "pct_national_phase"), (Date{2006, 8, 29}));
}

}  // namespace
}  // namespace kc::core
