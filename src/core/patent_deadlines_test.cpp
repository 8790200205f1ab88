#include "core/patent_deadlines.h"

#include <gtest/gtest.h>

#include <optional>
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

TEST(PatentDeadlines, JapaneseApplicationHasExaminationPublicationAndPriorityDeadlines) {
    auto deadlines = PatentDeadlines(Application("jp", Date{2003, 2, 10}));
    EXPECT_EQ(DueOf(deadlines, "examination_request"), (Date{2006, 2, 10}));
    EXPECT_EQ(DueOf(deadlines, "publication"), (Date{2004, 8, 10}));
    EXPECT_EQ(DueOf(deadlines, "paris_priority"), (Date{2004, 2, 10}));
    EXPECT_EQ(DueOf(deadlines, "pct_national_phase"), std::nullopt);
    EXPECT_EQ(deadlines.size(), 3u);
}

TEST(PatentDeadlines, AreSortedByDueDate) {
    auto deadlines = PatentDeadlines(Application("jp", Date{2003, 2, 10}));
    EXPECT_EQ(Keys(deadlines),
              (std::vector<std::string>{"paris_priority", "publication", "examination_request"}));
    for (size_t i = 1; i < deadlines.size(); ++i) {
        EXPECT_LE(deadlines[i - 1].due, deadlines[i].due) << i;
    }
}

TEST(PatentDeadlines, HaveLabelsInBothLanguages) {
    for (const char* office : {"jp", "pct", "us"}) {
        for (const auto& deadline : PatentDeadlines(Application(office, Date{2005, 7, 1}))) {
            EXPECT_FALSE(deadline.label_ja.empty()) << office << " " << deadline.key;
            EXPECT_FALSE(deadline.label_en.empty()) << office << " " << deadline.key;
        }
    }
    auto deadlines = PatentDeadlines(Application("jp", Date{2003, 2, 10}));
    ASSERT_TRUE(DueOf(deadlines, "examination_request").has_value());
    for (const auto& deadline : deadlines) {
        if (deadline.key == "examination_request") {
            EXPECT_EQ(deadline.label_ja, "審査請求期限");
        }
    }
}

TEST(PatentDeadlines, CountPriorityPeriodsFromThePriorityDate) {
    // A JP application claiming the priority of an earlier one: publication and the Paris
    // deadline run from the priority date, the examination request from the filing date.
    auto deadlines = PatentDeadlines(Application("jp", Date{2003, 2, 10}, Date{2002, 11, 20}));
    EXPECT_EQ(DueOf(deadlines, "publication"), (Date{2004, 5, 20}));
    EXPECT_EQ(DueOf(deadlines, "paris_priority"), (Date{2003, 11, 20}));
    EXPECT_EQ(DueOf(deadlines, "examination_request"), (Date{2006, 2, 10}));
}

TEST(PatentDeadlines, PctNationalPhaseIsThirtyMonthsFromPriority) {
    auto with_priority = PatentDeadlines(Application("pct", Date{2004, 1, 15}, Date{2003, 2, 10}));
    EXPECT_EQ(DueOf(with_priority, "pct_national_phase"), (Date{2005, 8, 10}));
    EXPECT_EQ(DueOf(with_priority, "publication"), (Date{2004, 8, 10}));
    EXPECT_EQ(DueOf(with_priority, "examination_request"), std::nullopt);
    EXPECT_EQ(DueOf(with_priority, "paris_priority"), std::nullopt);

    auto without_priority = PatentDeadlines(Application("pct", Date{2004, 1, 15}));
    EXPECT_EQ(DueOf(without_priority, "pct_national_phase"), (Date{2006, 7, 15}));
    EXPECT_EQ(Keys(without_priority),
              (std::vector<std::string>{"publication", "pct_national_phase"}));
}

TEST(PatentDeadlines, ClampMonthEndsAndLeapDays) {
    // 2003-08-31 + 18 months = 2005-02-28; 2004-02-29 + 3 years = 2007-02-28.
    auto month_end = PatentDeadlines(Application("jp", Date{2003, 8, 31}));
    EXPECT_EQ(DueOf(month_end, "publication"), (Date{2005, 2, 28}));
    auto leap_day = PatentDeadlines(Application("jp", Date{2004, 2, 29}));
    EXPECT_EQ(DueOf(leap_day, "examination_request"), (Date{2007, 2, 28}));
    EXPECT_EQ(DueOf(leap_day, "paris_priority"), (Date{2005, 2, 28}));
}

TEST(PatentDeadlines, OtherOfficesHaveOnlyPublication) {
    for (const char* office : {"us", "ep", "cn", "other"}) {
        auto deadlines = PatentDeadlines(Application(office, Date{2005, 7, 1}));
        EXPECT_EQ(Keys(deadlines), (std::vector<std::string>{"publication"})) << office;
        EXPECT_EQ(DueOf(deadlines, "publication"), (Date{2007, 1, 1})) << office;
    }
}

TEST(PatentDeadlines, ClosedApplicationsHaveNone) {
    for (const char* status : {"granted", "abandoned", "withdrawn", "refused"}) {
        for (const char* office : {"jp", "pct"}) {
            EXPECT_TRUE(
                PatentDeadlines(Application(office, Date{2003, 2, 10}, std::nullopt, status))
                    .empty())
                << office << " " << status;
        }
    }
}

TEST(PatentDeadlines, ExaminationRequestedNoLongerOwesTheRequest) {
    auto deadlines = PatentDeadlines(
        Application("jp", Date{2003, 2, 10}, std::nullopt, "examination_requested"));
    EXPECT_EQ(DueOf(deadlines, "examination_request"), std::nullopt);
}

}  // namespace
}  // namespace kc::core
