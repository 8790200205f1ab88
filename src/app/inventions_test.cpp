// The invention lifecycle on a real store: disclosure, assessment only by an adviser or patent
// attorney of the cluster's HQ on that date, filing, co-applicant shares summing to 100, and the
// unpublished-invention rule in ShowInvention. Sample data written for these tests (fictional
// people and organisations).

#include "app/inventions.h"

#include <gtest/gtest.h>

#include "app/records.h"
#include "app/test_cluster.h"
#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

using core::Id;

using testing::AdminViewer;

class InventionsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto tx = *store_->Begin({"test"});
        const Id program_id = testing::AddTestProgram(*tx);
        const testing::TestCluster ids = testing::AddTestCluster(*tx, program_id);
        cluster_ = ids.cluster;
        uni_ = ids.university;
        company_ = ids.company;
        inventor_ = testing::AddTestPerson(*tx, uni_, "発明", "花子");
        attorney_ = testing::AddTestPerson(*tx, uni_, "弁理", "士郎");
        coordinator_ = testing::AddTestPerson(*tx, uni_, "目利", "三郎");
        testing::AddTestPost(*tx, cluster_, attorney_, "patent_attorney", Date{2002, 7, 1},
                             Date{2005, 3, 31});
        testing::AddTestPost(*tx, cluster_, coordinator_, "coordinator", Date{2002, 7, 1});
        ASSERT_TRUE(tx->Commit());
    }

    Id Disclose() {
        DiscloseInput input;
        input.cluster_id = cluster_;
        input.title = "光学式の測定方法";
        input.inventors = {inventor_};
        input.disclosed_on = Date{2004, 5, 10};
        auto id = DiscloseInvention(*store_, {"test"}, input);
        EXPECT_TRUE(id) << id.error().ToString();
        return id ? *id : 0;
    }

    testing::TempStore store_{"kc-inventions"};
    Id cluster_ = 0, uni_ = 0, company_ = 0, inventor_ = 0, attorney_ = 0, coordinator_ = 0;
};

TEST_F(InventionsTest, OnlyAnAdviserOfTheClusterOnThatDateAssesses) {
    Id invention = Disclose();
    AssessInput input;
    input.invention_id = invention;
    input.adviser_id = coordinator_;  // an HQ post, but not an adviser's
    input.decision = "file";
    input.on = Date{2004, 5, 20};
    auto by_coordinator = AssessInvention(*store_, {"test"}, input);
    ASSERT_FALSE(by_coordinator);
    EXPECT_NE(by_coordinator.error().ToString().find("--adviser"), std::string::npos)
        << by_coordinator.error().ToString();
    input.adviser_id = attorney_;
    input.on = Date{2005, 4, 1};  // the attorney's post ended the day before
    EXPECT_FALSE(AssessInvention(*store_, {"test"}, input));
    input.on = Date{2004, 5, 20};
    input.decision = "maybe";
    auto bad = AssessInvention(*store_, {"test"}, input);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().ToString().find("--decision"), std::string::npos);
    input.decision = "file";
    ASSERT_TRUE(AssessInvention(*store_, {"test"}, input));
    auto again = AssessInvention(*store_, {"test"}, input);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    auto tx = *store_->Begin({"read"});
    auto stored = *tx->Get<core::Invention>(invention);
    EXPECT_EQ(stored.status, "assessed");
    EXPECT_EQ(stored.adviser_id, attorney_);
}

TEST_F(InventionsTest, SharesSumToOneHundred) {
    Id invention = Disclose();
    auto short_of = SetApplicants(*store_, {"test"}, invention, {{uni_, 60}, {company_, 30}});
    ASSERT_FALSE(short_of);
    EXPECT_NE(short_of.error().ToString().find("90%"), std::string::npos)
        << short_of.error().ToString();
    EXPECT_FALSE(SetApplicants(*store_, {"test"}, invention, {{uni_, 0}, {company_, 100}}));
    EXPECT_FALSE(SetApplicants(*store_, {"test"}, invention, {{uni_, 50}, {uni_, 50}}));
    ASSERT_TRUE(SetApplicants(*store_, {"test"}, invention, {{uni_, 70}, {company_, 30}}));
    // Generic edits may not take the total over 100 ...
    auto over = AddRecord(*store_, {"test"}, "invention_applicant",
                          {"invention_id=" + std::to_string(invention),
                           "organization_id=テスト大学", "share_percent=10"});
    EXPECT_FALSE(over);
    // ... but rows edited one by one may fall short of it, which filing refuses.
    ASSERT_TRUE(UpdateRecord(*store_, {"test"}, "invention_applicant", 2, {"share_percent=20"}));
    AssessInput assess;
    assess.invention_id = invention;
    assess.adviser_id = attorney_;
    assess.decision = "file";
    assess.on = Date{2004, 5, 20};
    ASSERT_TRUE(AssessInvention(*store_, {"test"}, assess));
    FileInput file;
    file.invention_id = invention;
    file.office = "jp";
    file.filed = Date{2004, 6, 20};
    auto refused = FileApplication(*store_, {"test"}, file);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("sum to 90%"), std::string::npos)
        << refused.error().message;
    ASSERT_TRUE(SetApplicants(*store_, {"test"}, invention, {{uni_, 50}, {company_, 50}}));
    auto filed = FileApplication(*store_, {"test"}, file);
    ASSERT_TRUE(filed) << filed.error().ToString();
    file.office = "pct";
    file.filed = Date{2005, 6, 1};
    file.priority = Date{2004, 6, 20};
    ASSERT_TRUE(FileApplication(*store_, {"test"}, file));

    auto view = ShowInvention(*store_, AdminViewer(), invention, Date{2005, 7, 1});
    ASSERT_TRUE(view) << view.error().ToString();
    EXPECT_EQ(view->invention.status, "pct");
    EXPECT_EQ(view->invention.adviser_id, attorney_);
    ASSERT_EQ(view->applicants.size(), 2u);
    EXPECT_DOUBLE_EQ(view->applicants[0].share_percent + view->applicants[1].share_percent, 100);
    ASSERT_EQ(view->applications.size(), 2u);
    ASSERT_EQ(view->history.size(), 4u);  // disclosed, assessed, filed (jp), filed (pct)
    EXPECT_EQ(view->history[0].status, "disclosed");
    EXPECT_EQ(view->history[3].status, "pct");
    EXPECT_FALSE(view->deadlines.empty());
}

TEST_F(InventionsTest, FilingWaitsForTheAssessmentAndUnpublishedStaysHidden) {
    Id invention = Disclose();
    FileInput file;
    file.invention_id = invention;
    file.office = "jp";
    file.filed = Date{2004, 6, 20};
    auto early = FileApplication(*store_, {"test"}, file);
    ASSERT_FALSE(early);
    EXPECT_NE(early.error().message.find("not assessed"), std::string::npos);

    core::Viewer company;
    company.roles = {core::Role::kCompany};
    company.organization_id = company_;
    auto hidden = ShowInvention(*store_, company, invention, Date{2004, 7, 1});
    ASSERT_FALSE(hidden);
    EXPECT_EQ(hidden.error().code, ErrorCode::kPermissionDenied);
    core::Viewer inventor;
    inventor.roles = {core::Role::kResearcher};
    inventor.person_id = inventor_;
    EXPECT_TRUE(ShowInvention(*store_, inventor, invention, Date{2004, 7, 1}));
}

}  // namespace
}  // namespace kc::app
