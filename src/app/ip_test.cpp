#include "app/ip.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

// Every rule's citation id is a heading of docs/ip-rules.md, which gives the legal source.
TEST(DeadlineRules, EachSourceIsCitedInTheDocs) {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/docs/ip-rules.md");
    ASSERT_TRUE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& rule : core::DeadlineRules()) {
        EXPECT_NE(text.str().find("### " + std::string(rule.source) + " "), std::string::npos)
            << rule.key << " cites " << rule.source;
        EXPECT_NE(text.str().find("`" + std::string(rule.key) + "`"), std::string::npos)
            << rule.key;
    }
}

TEST(UrgencyOf, HasFiveLevelsWithInclusiveBounds) {
    struct Case {
        int64_t days_left;
        Urgency expected;
    };
    const std::vector<Case> cases = {{-1, Urgency::kOverdue},  {0, Urgency::kCritical},
                                     {14, Urgency::kCritical}, {15, Urgency::kUrgent},
                                     {30, Urgency::kUrgent},   {31, Urgency::kSoon},
                                     {90, Urgency::kSoon},     {91, Urgency::kLater}};
    for (const auto& test_case : cases) {
        EXPECT_EQ(UrgencyOf(test_case.days_left), test_case.expected) << test_case.days_left;
    }
    EXPECT_EQ(UrgencyCode(Urgency::kOverdue), "overdue");
    EXPECT_EQ(UrgencyCode(Urgency::kSoon), "soon");
}

TEST(ParseWindow, AcceptsDaysWeeksMonthsAndYears) {
    struct Case {
        const char* text;
        int64_t days;
    };
    const Date today{2006, 1, 31};
    const std::vector<Case> cases = {{"90", 90},  {"90d", 90}, {" 12w ", 84},
                                     {"0", 0},    {"1m", 28},  // 2006-02-28
                                     {"6m", 181}, {"1y", 365}, {"1Y", 365}};
    for (const auto& test_case : cases) {
        auto days = ParseWindow(test_case.text, today);
        ASSERT_TRUE(days.has_value()) << test_case.text << ": " << days.error().message;
        EXPECT_EQ(*days, test_case.days) << test_case.text;
    }
    for (const char* bad : {"", "d", "-5", "5x", "1.5m", "ninety", "99999999999", "5 d"}) {
        auto days = ParseWindow(bad, today);
        ASSERT_FALSE(days.has_value()) << bad;
        EXPECT_EQ(days.error().code, ErrorCode::kInvalidArgument) << bad;
    }
}

TEST(IpRules, ListsEveryDeadlineWithDaysLeft) {
    RulesQuery query;
    query.priority = Date{2004, 2, 29};
    query.filed = Date{2005, 1, 31};
    query.office = "JP";
    query.today = Date{2005, 2, 1};
    auto result = IpRules(query);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_EQ(result->query.office, "jp");
    EXPECT_TRUE(result->warnings_en.empty());
    ASSERT_EQ(result->deadlines.size(), 3u);
    EXPECT_EQ(result->deadlines[0].deadline.key, "paris_priority");
    EXPECT_EQ(result->deadlines[0].deadline.due, (Date{2005, 2, 28}));
    EXPECT_EQ(result->deadlines[0].days_left, 27);
    EXPECT_EQ(result->deadlines[0].urgency, Urgency::kUrgent);
    EXPECT_EQ(result->deadlines[1].deadline.due, (Date{2005, 8, 29}));
    EXPECT_EQ(result->deadlines[2].deadline.key, "examination_request");
    EXPECT_EQ(result->deadlines[2].deadline.due, (Date{2008, 1, 31}));
}

TEST(IpRules, AddsAnnuitiesWhenRegistered) {
    RulesQuery query;
    query.priority = query.filed = Date{2003, 2, 10};
    query.registered = Date{2006, 6, 30};
    query.today = Date{2010, 1, 1};
    auto result = IpRules(query);
    ASSERT_TRUE(result.has_value());
    int annuities = 0;
    for (const auto& dated : result->deadlines) {
        if (dated.deadline.key == "annuity") ++annuities;
    }
    EXPECT_EQ(annuities, 14);
    EXPECT_EQ(result->deadlines.back().deadline.number, 17);
}

TEST(IpRules, RejectsImpossibleCasesAndWarnsOfALatePriorityClaim) {
    RulesQuery query;
    query.priority = Date{2005, 3, 1};
    query.filed = Date{2005, 2, 1};
    auto after = IpRules(query);
    ASSERT_FALSE(after.has_value());
    EXPECT_NE(after.error().message.find("must not be after"), std::string::npos);

    query.priority = Date{2005, 1, 1};
    query.office = "xx";
    auto office = IpRules(query);
    ASSERT_FALSE(office.has_value());
    EXPECT_NE(office.error().message.find("office"), std::string::npos);

    query.office = "jp";
    query.registered = Date{2004, 1, 1};
    EXPECT_FALSE(IpRules(query).has_value());

    query.registered.reset();
    query.priority = Date{2004, 1, 1};
    query.filed = Date{2005, 1, 2};
    auto late = IpRules(query);
    ASSERT_TRUE(late.has_value());
    ASSERT_EQ(late->warnings_en.size(), 1u);
    EXPECT_NE(late->warnings_en[0].find("2005-01-01"), std::string::npos);
}

class UpcomingDeadlinesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        temp_ = std::make_unique<testing::TempStore>("kc-ip");
        ASSERT_TRUE(temp_->ok());
        auto tx = (**temp_).Begin({"test"});
        ASSERT_TRUE(tx.has_value());
        core::Program program;
        program.name_ja = "テスト事業";
        program.start_fy = {2002};
        program.end_fy = {2006};
        auto program_id = (*tx)->Add(program);
        ASSERT_TRUE(program_id.has_value());
        core::Cluster cluster;
        cluster.program_id = *program_id;
        cluster.field = "other";
        cluster.status = "full";
        cluster.name_ja = "Aクラスター";
        auto a = (*tx)->Add(cluster);
        cluster.name_ja = "Bクラスター";
        auto b = (*tx)->Add(cluster);
        ASSERT_TRUE(a && b);
        cluster_a_ = *a;
        cluster_b_ = *b;
        core::Person attorney;
        attorney.family_name = "特許";
        attorney.given_name = "太郎";
        auto attorney_id = (*tx)->Add(attorney);
        ASSERT_TRUE(attorney_id.has_value()) << attorney_id.error().ToString();

        auto invention = [&](Id cluster_id, const char* title, bool published) {
            core::Invention record;
            record.cluster_id = cluster_id;
            record.title = title;
            record.disclosed_on = Date{2003, 1, 1};
            record.status = "filed";
            record.published = published;
            auto id = (*tx)->Add(record);
            EXPECT_TRUE(id.has_value()) << id.error().ToString();
            return id.value_or(0);
        };
        auto application = [&](Id invention_id, const char* office, const char* number, Date filed,
                               core::OptDate priority, const char* status) {
            core::PatentApplication record;
            record.invention_id = invention_id;
            record.office = office;
            record.application_number = number;
            record.filing_date = filed;
            record.priority_date = priority;
            record.status = status;
            record.attorney_id = *attorney_id;
            auto id = (*tx)->Add(record);
            EXPECT_TRUE(id.has_value()) << id.error().ToString();
            return id.value_or(0);
        };
        // Today is 2006-10-01 in every test.
        // 1: examination request due 2006-10-20 (19 days: urgent); publication long past.
        Id sensor = invention(cluster_a_, "光センサ", true);
        application(sensor, "jp", "2003-300001", Date{2003, 10, 20}, std::nullopt, "filed");
        // 2: Paris priority due 2006-10-05 (critical), but met by the PCT application below;
        // publication 2007-04-05 (later, outside 90 days); PCT national phase 2008-04-05.
        Id genome = invention(cluster_a_, "ゲノム解析", false);
        application(genome, "jp", "2005-400001", Date{2005, 10, 5}, std::nullopt, "filed");
        application(genome, "pct", "PCT/JP2006/000001", Date{2006, 9, 1}, Date{2005, 10, 5},
                    "filed");
        // 3: examination request due 2006-09-20 (overdue by 11 days).
        Id sugar = invention(cluster_b_, "希少糖", false);
        application(sugar, "jp", "2003-400002", Date{2003, 9, 20}, std::nullopt, "filed");
        // A Paris priority window that lapsed unused on 2006-09-26: not overdue, not listed.
        Id lapsed = invention(cluster_b_, "国内のみの発明", false);
        application(lapsed, "jp", "2005-400004", Date{2005, 9, 26}, std::nullopt, "filed");
        // An open Paris priority window, closing 2006-11-10 (40 days: soon).
        Id abroad = invention(cluster_b_, "外国出願予定の発明", false);
        application(abroad, "jp", "2005-400005", Date{2005, 11, 10}, std::nullopt, "filed");
        // 4: examination request missed long ago (2006-01-10): outside the overdue window.
        Id old = invention(cluster_b_, "古い発明", true);
        application(old, "jp", "2003-000001", Date{2003, 1, 10}, std::nullopt, "filed");
        // 5: granted and registered 2003-11-15: year 4 annuity due 2006-11-15 (45 days: soon).
        Id granted = invention(cluster_b_, "登録発明", true);
        Id granted_id =
            application(granted, "jp", "2002-100001", Date{2002, 6, 1}, std::nullopt, "filed");
        auto record = (*tx)->Get<core::PatentApplication>(granted_id);
        ASSERT_TRUE(record.has_value());
        record->status = "examination_requested";
        record->examination_requested_on = Date{2002, 7, 1};
        ASSERT_TRUE((*tx)->Save(*record).has_value());
        record->status = "granted";
        record->registered_on = Date{2003, 11, 15};
        auto saved = (*tx)->Save(*record);
        ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
        // 6: abandoned: nothing.
        Id dropped = invention(cluster_a_, "放棄発明", false);
        application(dropped, "jp", "2005-400003", Date{2005, 10, 1}, std::nullopt, "abandoned");
        ASSERT_TRUE((*tx)->Commit().has_value());
    }

    std::vector<std::string> Summary(const std::vector<UpcomingDeadline>& items) {
        std::vector<std::string> out;
        for (const auto& item : items) {
            out.push_back(item.application_number + " " + item.dated.deadline.key + " " +
                          std::string(UrgencyCode(item.dated.urgency)));
        }
        return out;
    }

    using Id = core::Id;
    std::unique_ptr<testing::TempStore> temp_;
    Id cluster_a_ = 0, cluster_b_ = 0;
};

TEST_F(UpcomingDeadlinesTest, MostUrgentFirstWithOverdueFlagged) {
    UpcomingOptions options;
    options.today = Date{2006, 10, 1};
    auto items = UpcomingDeadlines(**temp_, options);
    ASSERT_TRUE(items.has_value()) << items.error().message;
    EXPECT_EQ(Summary(*items), (std::vector<std::string>{
                                   "2003-400002 examination_request overdue",
                                   "2003-300001 examination_request urgent",
                                   "2005-400005 paris_priority soon",
                                   "2002-100001 annuity soon",
                               }));
    ASSERT_EQ(items->size(), 4u);
    const auto& overdue = (*items)[0];
    EXPECT_EQ(overdue.dated.days_left, -11);
    EXPECT_EQ(overdue.invention_title, "希少糖");
    EXPECT_FALSE(overdue.published);
    EXPECT_EQ(overdue.cluster_name_ja, "Bクラスター");
    EXPECT_EQ(overdue.attorney_name, "特許 太郎");
    EXPECT_EQ(overdue.office, "jp");
    EXPECT_EQ((*items)[1].dated.days_left, 19);
    EXPECT_TRUE((*items)[1].published);
    EXPECT_EQ((*items)[2].dated.deadline.kind, core::DeadlineKind::kWindow);
    EXPECT_EQ((*items)[3].dated.deadline.number, 4);
    EXPECT_EQ((*items)[3].dated.deadline.due, (Date{2006, 11, 15}));
}

TEST_F(UpcomingDeadlinesTest, WindowsAndClusterFilter) {
    UpcomingOptions options;
    options.today = Date{2006, 10, 1};
    options.within_days = 200;
    options.overdue_days = 0;
    options.cluster_id = cluster_a_;
    auto items = UpcomingDeadlines(**temp_, options);
    ASSERT_TRUE(items.has_value());
    EXPECT_EQ(Summary(*items), (std::vector<std::string>{
                                   "2003-300001 examination_request urgent",
                                   "2005-400001 publication later",
                                   "PCT/JP2006/000001 publication later",
                               }));

    options.cluster_id.reset();
    options.overdue_days = 400;
    options.within_days = 0;
    items = UpcomingDeadlines(**temp_, options);
    ASSERT_TRUE(items.has_value());
    EXPECT_EQ(Summary(*items), (std::vector<std::string>{
                                   "2003-000001 examination_request overdue",
                                   "2003-400002 examination_request overdue",
                               }));
}

TEST_F(UpcomingDeadlinesTest, RejectsANegativeWindowAndAnUnknownCluster) {
    UpcomingOptions options;
    options.today = Date{2006, 10, 1};
    options.within_days = -1;
    auto negative = UpcomingDeadlines(**temp_, options);
    ASSERT_FALSE(negative.has_value());
    EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
    options.within_days = 90;
    options.cluster_id = 999;
    auto unknown = UpcomingDeadlines(**temp_, options);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kc::app
