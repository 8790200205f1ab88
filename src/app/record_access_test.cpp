// The generic record use cases under the row-level policy: who reads which rows and fields, and
// who may write.

#include "app/record_access.h"

#include <gtest/gtest.h>

#include <set>

#include "app/records.h"
#include "app/test_store.h"

namespace kc::app {
namespace {

using core::Id;
using core::Role;
using core::Viewer;

class RecordAccessTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        program_ =
            Add("program", {"name_ja=知的クラスター創成事業", "start_fy=2002", "end_fy=2006"});
        call_ =
            Add("call", {"program_id=" + S(program_), "fiscal_year=2002", "title_ja=第一次公募",
                         "kind=selection", "reviewers_per_proposal=1", "max_load=5", "years=5"});
        assigned_ = Add("proposal", {"call_id=" + S(call_), "title_ja=提案A", "field=it"});
        unassigned_ = Add("proposal", {"call_id=" + S(call_), "title_ja=提案B", "field=it"});
        conflicted_ = Add("proposal", {"call_id=" + S(call_), "title_ja=提案C", "field=it"});
        cluster_x_ = Add("cluster", {"program_id=" + S(program_), "name_ja=Xクラスター", "field=it",
                                     "status=full"});
        cluster_y_ = Add("cluster", {"program_id=" + S(program_), "name_ja=Yクラスター", "field=it",
                                     "status=full"});
        university_ = Add("organization", {"name_ja=X大学", "kind=university"});
        company_ = Add("organization", {"name_ja=X社", "kind=company"});
        outsider_org_ = Add("organization", {"name_ja=Z社", "kind=company"});
        reviewer_person_ = Add("person", {"family_name=査読", "organization_id=" + S(university_)});
        inventor_ = Add("person", {"family_name=発明", "organization_id=" + S(university_)});
        reviewer_ = Add("reviewer",
                        {"person_id=" + S(reviewer_person_), "call_id=" + S(call_), "max_load=5"});
        Add("review_assignment", {"reviewer_id=" + S(reviewer_), "proposal_id=" + S(assigned_)});
        Add("conflict",
            {"person_id=" + S(reviewer_person_), "proposal_id=" + S(conflicted_), "kind=declared"});
        project_ = Add("project", {"cluster_id=" + S(cluster_x_), "title=共同研究",
                                   "lead_organization_id=" + S(company_), "budget=30000000"});
        unpublished_ = Add("invention", {"cluster_id=" + S(cluster_x_), "title=未公開の発明",
                                         "disclosed_on=2003-04-01"});
        inventor_row_ =
            Add("inventor", {"invention_id=" + S(unpublished_), "person_id=" + S(inventor_)});
    }

    static std::string S(Id id) { return std::to_string(id); }
    Id Add(const std::string& entity, const std::vector<std::string>& values) {
        auto id = AddRecord(*store_, {"test"}, entity, values);
        EXPECT_TRUE(id) << entity << ": " << id.error().ToString();
        return id ? *id : 0;
    }
    std::set<Id> Visible(const Viewer& viewer, const std::string& entity) {
        RecordQuery query;
        query.limit = 1000;
        auto page = ListVisibleRecords(*store_, viewer, entity, query);
        EXPECT_TRUE(page) << page.error().ToString();
        std::set<Id> ids;
        if (page) {
            for (const auto& record : page->items) ids.insert(record.GetId());
            EXPECT_EQ(page->total, static_cast<int64_t>(ids.size()));
        }
        return ids;
    }

    testing::TempStore store_{"kc-access"};
    Id program_ = 0, call_ = 0, assigned_ = 0, unassigned_ = 0, conflicted_ = 0;
    Id cluster_x_ = 0, cluster_y_ = 0, university_ = 0, company_ = 0, outsider_org_ = 0;
    Id reviewer_person_ = 0, inventor_ = 0, reviewer_ = 0, project_ = 0, unpublished_ = 0;
    Id inventor_row_ = 0;
};

TEST_F(RecordAccessTest, ReviewerSeesOnlyAssignedUnconflictedProposals) {
    Viewer reviewer{{Role::kReviewer}, reviewer_person_, university_, {}};
    EXPECT_EQ(Visible(reviewer, "proposal"), std::set<Id>{assigned_});
    EXPECT_TRUE(ShowVisibleRecord(*store_, reviewer, "proposal", assigned_));
    for (Id hidden : {unassigned_, conflicted_}) {
        auto shown = ShowVisibleRecord(*store_, reviewer, "proposal", hidden);
        ASSERT_FALSE(shown);
        EXPECT_EQ(shown.error().code, ErrorCode::kNotFound);
    }
    // Review data is for programme staff.
    auto reviews = ListVisibleRecords(*store_, reviewer, "review_assignment", {});
    ASSERT_FALSE(reviews);
    EXPECT_EQ(reviews.error().code, ErrorCode::kPermissionDenied);

    Viewer officer{{Role::kProgramOfficer}, std::nullopt, std::nullopt, {}};
    EXPECT_EQ(Visible(officer, "proposal"), (std::set<Id>{assigned_, unassigned_, conflicted_}));
    EXPECT_EQ(Visible(officer, "review_assignment").size(), 1u);
}

TEST_F(RecordAccessTest, UnpublishedInventionsOnlyForInventorsHqAndAdmin) {
    Viewer inventor{{Role::kResearcher}, inventor_, university_, {}};
    Viewer other{{Role::kResearcher}, reviewer_person_, university_, {}};
    Viewer hq_x{{Role::kCoordinator}, std::nullopt, std::nullopt, {cluster_x_}};
    Viewer hq_y{{Role::kCoordinator}, std::nullopt, std::nullopt, {cluster_y_}};
    EXPECT_EQ(Visible(inventor, "invention"), std::set<Id>{unpublished_});
    EXPECT_EQ(Visible(hq_x, "invention"), std::set<Id>{unpublished_});
    EXPECT_TRUE(Visible(other, "invention").empty());
    EXPECT_TRUE(Visible(hq_y, "invention").empty());
    // Children follow their invention.
    EXPECT_EQ(Visible(inventor, "inventor"), std::set<Id>{inventor_row_});
    EXPECT_TRUE(Visible(other, "inventor").empty());
    EXPECT_FALSE(ShowVisibleRecord(*store_, other, "inventor", inventor_row_));
}

TEST_F(RecordAccessTest, ProjectBudgetIsClearedForOutsiders) {
    Viewer lead{{Role::kCompany}, std::nullopt, company_, {}};
    Viewer outsider{{Role::kCompany}, std::nullopt, outsider_org_, {}};
    auto seen = ShowVisibleRecord(*store_, lead, "project", project_);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->Get("budget"), core::Value{int64_t{30000000}});
    auto cleared = ShowVisibleRecord(*store_, outsider, "project", project_);
    ASSERT_TRUE(cleared);
    EXPECT_TRUE(core::IsNull(cleared->Get("budget")));
    RecordQuery sorted;
    sorted.sort = "-budget";
    auto page = ListVisibleRecords(*store_, outsider, "project", sorted);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_TRUE(core::IsNull(page->items[0].Get("budget")));
}

TEST_F(RecordAccessTest, WritesFollowRolesAndHqClusters) {
    Viewer hq_x{{Role::kCoordinator}, std::nullopt, std::nullopt, {cluster_x_}};
    Viewer researcher{{Role::kResearcher}, inventor_, university_, {}};
    Viewer officer{{Role::kProgramOfficer}, std::nullopt, std::nullopt, {}};
    auto need = [&](Id cluster) {
        return std::vector<std::string>{"cluster_id=" + S(cluster),
                                        "organization_id=" + S(company_), "title=ニーズ",
                                        "field=it"};
    };
    auto own = AddRecordAs(*store_, hq_x, {"web:hq"}, "need", need(cluster_x_));
    EXPECT_TRUE(own) << own.error().ToString();
    auto other = AddRecordAs(*store_, hq_x, {"web:hq"}, "need", need(cluster_y_));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
    // Moving a row out of one's cluster is refused too.
    auto moved =
        UpdateRecordAs(*store_, hq_x, {"web:hq"}, "need", *own, {"cluster_id=" + S(cluster_y_)});
    ASSERT_FALSE(moved);
    EXPECT_EQ(moved.error().code, ErrorCode::kPermissionDenied);
    auto region = AddRecordAs(*store_, hq_x, {"web:hq"}, "region", {"name_ja=地域"});
    ASSERT_FALSE(region);
    EXPECT_EQ(region.error().code, ErrorCode::kPermissionDenied);
    auto by_researcher = AddRecordAs(*store_, researcher, {"web:r"}, "organization",
                                     {"name_ja=新機関", "kind=company"});
    ASSERT_FALSE(by_researcher);
    EXPECT_EQ(by_researcher.error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(AddRecordAs(*store_, officer, {"web:po"}, "region", {"name_ja=地域"}));
    EXPECT_TRUE(DeleteRecordAs(*store_, officer, {"web:po"}, "need", *own));
    EXPECT_FALSE(ServedGenerically(*core::FindEntity("user")));
    EXPECT_FALSE(MayWriteEntity(officer, *core::FindEntity("session")));
}

TEST_F(RecordAccessTest, PagesSortsAndReportsBadQueries) {
    Viewer officer{{Role::kProgramOfficer}, std::nullopt, std::nullopt, {}};
    RecordQuery query;
    query.sort = "-title_ja";
    query.limit = 2;
    query.offset = 1;
    auto page = ListVisibleRecords(*store_, officer, "proposal", query);
    ASSERT_TRUE(page) << page.error().ToString();
    EXPECT_EQ(page->total, 3);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_GE(page->items[0].Get("title_ja"), page->items[1].Get("title_ja"));

    RecordQuery bad;
    bad.sort = "colour";
    bad.limit = 0;
    bad.filters = {"nonsense=1"};
    auto refused = ListVisibleRecords(*store_, officer, "proposal", bad);
    ASSERT_FALSE(refused);
    std::set<std::string> paths;
    for (const auto& field : refused.error().fields) paths.insert(field.path);
    EXPECT_EQ(paths, (std::set<std::string>{"sort", "limit", "filter.nonsense"}));
}

}  // namespace
}  // namespace kc::app
