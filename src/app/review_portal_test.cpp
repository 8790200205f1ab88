// The reviewer's portal, jobs as a user sees them and account administration, on a real store:
// whose assignment is whose, declared conflicts withdrawing the assignment, the review form,
// who may save a review, job ownership and cancellation, roles and deactivation.

#include "app/review_portal.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/jobs.h"
#include "app/test_store.h"
#include "core/entities.h"
#include "store/test_database.h"

namespace kc::app {
namespace {

using core::Id;

AccountPolicy CheapPolicy() {
    AccountPolicy policy;
    policy.ops_limit = 1;
    policy.mem_limit = 8 * 1024 * 1024;
    return policy;
}

class ReviewPortalTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx);
        auto& t = **tx;
        core::Program program;
        program.name_ja = "テスト事業";
        program.start_fy = FiscalYear{2002};
        program.end_fy = FiscalYear{2006};
        Id program_id = *t.Add(program);
        core::Call call;
        call.program_id = program_id;
        call.fiscal_year = FiscalYear{2002};
        call.title_ja = "テスト公募";
        call.kind = "selection";
        call.status = "open";
        call.reviewers_per_proposal = 1;
        call_ = *t.Add(call);
        for (const char* key : {"rd_potential", "structure"}) {
            core::Criterion c;
            c.call_id = call_;
            c.key = key;
            c.label_ja = key;
            c.criterion_group = "scientific";
            criteria_.push_back(*t.Add(c));
        }
        for (const char* title : {"提案甲", "提案乙"}) {
            core::Proposal p;
            p.call_id = call_;
            p.title_ja = title;
            p.field = "it";
            p.status = "draft";
            p.id = *t.Add(p);
            p.status = "submitted";
            ASSERT_TRUE(t.Save(p));
            proposals_.push_back(p.id);
        }
        for (int i = 0; i < 2; ++i) {
            core::Person person;
            person.family_name = "査読";
            person.given_name = std::to_string(i);
            persons_.push_back(*t.Add(person));
            core::Reviewer reviewer;
            reviewer.person_id = persons_.back();
            reviewer.call_id = call_;
            Id reviewer_id = *t.Add(reviewer);
            core::ReviewAssignment assignment;
            assignment.reviewer_id = reviewer_id;
            assignment.proposal_id = proposals_[static_cast<size_t>(i)];
            assignment.origin = "manual";
            assignments_.push_back(*t.Add(assignment));
        }
        ASSERT_TRUE(t.Commit());
    }

    core::Viewer ReviewerViewer(size_t index) const {
        core::Viewer viewer;
        viewer.roles = {core::Role::kReviewer};
        viewer.person_id = persons_[index];
        return viewer;
    }
    static core::Viewer Staff() {
        core::Viewer viewer;
        viewer.roles = {core::Role::kProgramOfficer};
        return viewer;
    }

    testing::TempStore store_{"kc-review-portal"};
    Id call_ = 0;
    std::vector<Id> criteria_, proposals_, persons_, assignments_;
};

TEST_F(ReviewPortalTest, AssignmentsOfListOnlyThePersonsOwn) {
    auto mine = AssignmentsOf(*store_, persons_[0]);
    ASSERT_TRUE(mine) << mine.error().ToString();
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ((*mine)[0].assignment_id, assignments_[0]);
    EXPECT_EQ((*mine)[0].proposal_title, "提案甲");
    EXPECT_EQ((*mine)[0].review_status, "none");
    EXPECT_FALSE((*mine)[0].conflict);
}

TEST_F(ReviewPortalTest, TheReviewFormIsForItsReviewerAndStaffOnly) {
    auto own = ReviewFormOf(*store_, ReviewerViewer(0), assignments_[0]);
    ASSERT_TRUE(own) << own.error().ToString();
    EXPECT_EQ(own->criteria.size(), 2u);
    EXPECT_EQ(own->score_max, 5);
    EXPECT_FALSE(own->review.has_value());
    auto other = ReviewFormOf(*store_, ReviewerViewer(1), assignments_[0]);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(ReviewFormOf(*store_, Staff(), assignments_[0]));
    EXPECT_EQ(ReviewFormOf(*store_, Staff(), 9999).error().code, ErrorCode::kNotFound);
}

TEST_F(ReviewPortalTest, OnlyTheAssignedReviewerSavesTheReview) {
    ReviewInput input;
    input.assignment_id = assignments_[0];
    input.scores = {{std::to_string(criteria_[0]), 4}};
    auto other = SaveOwnReview(*store_, {"test"}, ReviewerViewer(1), input);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    auto staff = SaveOwnReview(*store_, {"test"}, Staff(), input);
    ASSERT_FALSE(staff);
    EXPECT_EQ(staff.error().code, ErrorCode::kPermissionDenied);
    auto own = SaveOwnReview(*store_, {"test"}, ReviewerViewer(0), input);
    ASSERT_TRUE(own) << own.error().ToString();
    auto mine = AssignmentsOf(*store_, persons_[0]);
    EXPECT_EQ((*mine)[0].review_status, "draft");
}

TEST_F(ReviewPortalTest, DeclaringAConflictWithdrawsTheAssignmentAndItsDraft) {
    ReviewInput input;
    input.assignment_id = assignments_[0];
    input.scores = {{"rd_potential", 3}};
    ASSERT_TRUE(SaveOwnReview(*store_, {"test"}, ReviewerViewer(0), input));
    auto empty = DeclareConflict(*store_, {"test"}, ReviewerViewer(0), assignments_[0], "  ");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().fields.at(0).path, "reason");
    auto other = DeclareConflict(*store_, {"test"}, ReviewerViewer(1), assignments_[0], "x");
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);

    auto conflict =
        DeclareConflict(*store_, {"test"}, ReviewerViewer(0), assignments_[0], "共同研究者です");
    ASSERT_TRUE(conflict) << conflict.error().ToString();
    auto tx = store_->Begin({"read"});
    auto row = (*tx)->Get<core::Conflict>(*conflict);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->kind, "declared");
    EXPECT_EQ(row->source, "共同研究者です");
    EXPECT_EQ(row->proposal_id, proposals_[0]);
    EXPECT_FALSE(*(*tx)->Exists(core::ReviewAssignment::Def(), assignments_[0]));
    EXPECT_EQ((*tx)->List<core::Review>({})->size(), 0u);
    tx->reset();
    EXPECT_TRUE(AssignmentsOf(*store_, persons_[0])->empty());
    auto violations = store_->CheckInvariants();
    ASSERT_TRUE(violations);
    EXPECT_TRUE(violations->empty());
}

TEST_F(ReviewPortalTest, ASubmittedReviewCannotBeWithdrawnByItsReviewer) {
    ReviewInput input;
    input.assignment_id = assignments_[0];
    input.scores = {{"rd_potential", 3}, {"structure", 4}};
    input.submit = true;
    ASSERT_TRUE(SaveOwnReview(*store_, {"test"}, ReviewerViewer(0), input));
    auto conflict = DeclareConflict(*store_, {"test"}, ReviewerViewer(0), assignments_[0], "x");
    ASSERT_FALSE(conflict);
    EXPECT_EQ(conflict.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(ReviewPortalTest, ProposalReviewsFollowAssignmentAndRole) {
    auto unassigned = ProposalReviewsFor(*store_, ReviewerViewer(0), proposals_[1]);
    EXPECT_EQ(unassigned.error().code, ErrorCode::kNotFound);
    auto before = ProposalReviewsFor(*store_, ReviewerViewer(0), proposals_[0]);
    EXPECT_EQ(before.error().code, ErrorCode::kPermissionDenied);
    core::Viewer company;
    company.roles = {core::Role::kCompany};
    EXPECT_EQ(ProposalReviewsFor(*store_, company, proposals_[0]).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_TRUE(ProposalReviewsFor(*store_, Staff(), proposals_[0]));
}

TEST(ReviewPortalJobs, JobsBelongToWhoeverStartedThem) {
    store::testing::TestDatabase db(store::testing::Backend::kSqlite);
    auto open = [&] {
        store::OpenOptions options;
        options.create = true;
        return store::OpenStore(db.location(), options);
    };
    auto opened = open();
    ASSERT_TRUE(opened) << opened.error().ToString();
    auto& store = *opened;
    JobRunner runner(open);
    core::Viewer staff;
    staff.roles = {core::Role::kProgramOfficer};
    auto mine = runner.Start("test", {"web:alice"}, [](JobContext&) -> Result<std::string> {
        return std::string(R"({"ok":true})");
    });
    ASSERT_TRUE(mine) << mine.error().ToString();
    runner.Wait(*mine);
    std::atomic<bool> started{false};
    auto theirs = runner.Start("test", {"web:bob"}, [&](JobContext& job) -> Result<std::string> {
        started = true;
        while (job.Progress(0.1)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return Fail(Error::Internal("stopped"));
    });
    ASSERT_TRUE(theirs);
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    core::Viewer alice;
    alice.roles = {core::Role::kResearcher};
    auto list = ListJobsFor(*store, alice, {"web:alice"}, 50);
    ASSERT_TRUE(list) << list.error().ToString();
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].job.id, *mine);
    EXPECT_EQ((*list)[0].started_by, "web:alice");
    auto json = ToJson((*list)[0]);
    EXPECT_EQ(json["result"]["ok"], true);
    EXPECT_TRUE(json["error"].is_null());
    EXPECT_EQ(ListJobsFor(*store, staff, {"web:carol"}, 50)->size(), 2u);
    EXPECT_EQ(GetJobFor(*store, alice, {"web:alice"}, *theirs).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(CancelJobFor(*store, alice, {"web:alice"}, *theirs).error().code,
              ErrorCode::kNotFound);

    auto cancelled = CancelJobFor(*store, alice, {"web:bob"}, *theirs);
    ASSERT_TRUE(cancelled) << cancelled.error().ToString();
    EXPECT_EQ(cancelled->job.state, "cancelled");
    runner.Wait(*theirs);
    auto after = GetJobFor(*store, staff, {"web:carol"}, *theirs);
    EXPECT_EQ(after->job.state, "cancelled");
    EXPECT_EQ(ToJson(*after)["error"], "cancelled");
    EXPECT_EQ(CancelJobFor(*store, staff, {"web:carol"}, *mine).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(ListJobsFor(*store, alice, {"web:alice"}, 0).error().fields.at(0).path, "limit");
}

TEST_F(ReviewPortalTest, AccountsChangeRolesAndDeactivationEndsSessions) {
    auto id = AddUser(*store_, {"test"},
                      {"hanako", {core::Role::kReviewer}, std::nullopt, "a long enough password"},
                      CheapPolicy());
    ASSERT_TRUE(id) << id.error().ToString();
    auto session = Login(*store_, "hanako", "a long enough password", "127.0.0.1", CheapPolicy());
    ASSERT_TRUE(session);
    auto changed = UpdateUserAccount(
        *store_, {"test"}, *id,
        std::vector<core::Role>{core::Role::kReviewer, core::Role::kProgramOfficer}, std::nullopt);
    ASSERT_TRUE(changed) << changed.error().ToString();
    EXPECT_EQ(changed->roles.size(), 2u);
    EXPECT_TRUE(ResolveSession(*store_, session->token, CheapPolicy()));
    auto off = UpdateUserAccount(*store_, {"test"}, *id, std::nullopt, false);
    ASSERT_TRUE(off);
    EXPECT_TRUE(off->disabled);
    EXPECT_FALSE(ResolveSession(*store_, session->token, CheapPolicy()));
    EXPECT_EQ(UpdateUserAccount(*store_, {"test"}, *id, std::vector<core::Role>{}, std::nullopt)
                  .error()
                  .fields.at(0)
                  .path,
              "roles");
    EXPECT_EQ(UpdateUserAccount(*store_, {"test"}, 9999, std::nullopt, true).error().code,
              ErrorCode::kNotFound);
}

TEST_F(ReviewPortalTest, ChangingOnesOwnPasswordNeedsTheCurrentOne) {
    ASSERT_TRUE(AddUser(*store_, {"test"},
                        {"taro", {core::Role::kResearcher}, std::nullopt, "the first password"},
                        CheapPolicy()));
    auto wrong = ChangeOwnPassword(*store_, {"web:taro"}, "taro", "not it at all",
                                   "the second password", "127.0.0.1", CheapPolicy());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().fields.at(0).path, "current_password");
    auto right = ChangeOwnPassword(*store_, {"web:taro"}, "taro", "the first password",
                                   "the second password", "127.0.0.1", CheapPolicy());
    ASSERT_TRUE(right) << right.error().ToString();
    EXPECT_FALSE(Login(*store_, "taro", "the first password", "127.0.0.1", CheapPolicy()));
    EXPECT_TRUE(Login(*store_, "taro", "the second password", "127.0.0.1", CheapPolicy()));
}

}  // namespace
}  // namespace kc::app
