// The programme office's workflows on a real store: conflicts, assignment (preview, diff, apply,
// infeasibility), manual assignments, reviews and their visibility, evaluation, selection with
// explanations, promotion, grants over budget and S/A/B/C grading. Sample data written for these
// tests (fictional people and proposals).

#include "app/programme.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/demo.h"
#include "app/records.h"
#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

using core::Id;

class ProgrammeTest : public ::testing::Test {
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
        program_ = *t.Add(program);
        core::FiscalBudget budget;
        budget.program_id = program_;
        budget.fiscal_year = FiscalYear{2003};
        budget.regular = Yen{1'000'000'000};
        budget.supplementary = Yen{200'000'000};
        ASSERT_TRUE(t.Add(budget));

        core::Call call;
        call.program_id = program_;
        call.fiscal_year = FiscalYear{2002};
        call.title_ja = "テスト公募";
        call.kind = "selection";
        call.status = "open";
        call.closes_on = Date{2002, 1, 31};
        call.reviewers_per_proposal = 2;
        call.max_load = 3;
        call.scale_per_region = Yen{500'000'000};
        call.trial_scale_per_region = Yen{150'000'000};
        call_ = *t.Add(call);
        const char* keys[] = {"rd_potential", "industrialisation", "structure"};
        double weights[] = {0.4, 0.4, 0.2};
        for (int i = 0; i < 3; ++i) {
            core::Criterion c;
            c.call_id = call_;
            c.key = keys[i];
            c.label_ja = keys[i];
            c.weight = weights[i];
            c.criterion_group = i < 2 ? "scientific" : "structural";
            ASSERT_TRUE(t.Add(c));
        }
        // Four proposals from four regions in three prefectures.
        const char* prefectures[] = {"北海道", "北海道", "宮城県", "福岡県"};
        const char* titles[] = {"光センシング技術による次世代計測", "ゲノム創薬の産業化",
                                "組込みソフトウェアの高信頼化", "ナノ材料による環境浄化"};
        const char* fields[] = {"it", "life_science", "it", "nanotech_materials"};
        for (int i = 0; i < 4; ++i) {
            core::Region region;
            region.name_ja = std::string("テスト地域") + std::to_string(i);
            region.prefecture = prefectures[i];
            Id region_id = *t.Add(region);
            core::Organization org;
            org.name_ja = std::string("テスト大学") + std::to_string(i);
            org.kind = "university";
            orgs_.push_back(*t.Add(org));
            core::Proposal p;
            p.call_id = call_;
            p.title_ja = titles[i];
            p.field = fields[i];
            p.status = "draft";
            p.vision = std::string(titles[i]) + "の研究開発を地域企業と進める。";
            Id id = *t.Add(p);
            p.id = id;
            p.status = "submitted";
            ASSERT_TRUE(t.Save(p));
            proposals_.push_back(id);
            core::ProposalRegion pr;
            pr.proposal_id = id;
            pr.region_id = region_id;
            ASSERT_TRUE(t.Add(pr));
            core::ProposalParticipant part;
            part.proposal_id = id;
            part.organization_id = orgs_.back();
            part.role = "core_organization";
            ASSERT_TRUE(t.Add(part));
        }
        // Five reviewers; reviewer 0 works at the first proposal's university.
        const char* expertise[][2] = {{"光センシング", "計測"},
                                      {"ゲノム", "創薬"},
                                      {"ソフトウェア", "組込み"},
                                      {"ナノ材料", "環境"},
                                      {"計測", "ゲノム"}};
        for (int i = 0; i < 5; ++i) {
            core::Person person;
            person.family_name = "査読";
            person.given_name = std::string("太郎") + std::to_string(i);
            person.expertise = {expertise[i][0], expertise[i][1]};
            if (i == 0) person.organization_id = orgs_[0];
            Id person_id = *t.Add(person);
            persons_.push_back(person_id);
            core::Reviewer reviewer;
            reviewer.person_id = person_id;
            reviewer.call_id = call_;
            reviewer.max_load = 3;
            reviewers_.push_back(*t.Add(reviewer));
        }
        ASSERT_TRUE(t.Commit());
    }

    std::vector<core::ReviewAssignment> Assignments() {
        auto tx = store_->Begin({"read"});
        return *(*tx)->List<core::ReviewAssignment>({});
    }

    testing::TempStore store_{"kc-programme"};
    Id program_ = 0, call_ = 0;
    std::vector<Id> orgs_, proposals_, persons_, reviewers_;
};

TEST_F(ProgrammeTest, DetectsSameOrganisationConflicts) {
    auto findings = DetectConflicts(*store_, {"test"}, call_, /*record=*/true);
    ASSERT_TRUE(findings) << findings.error().ToString();
    ASSERT_EQ(findings->size(), 1u);
    EXPECT_EQ((*findings)[0].person_id, persons_[0]);
    EXPECT_EQ((*findings)[0].proposal_id, proposals_[0]);
    EXPECT_EQ((*findings)[0].kind, "same_organization");
    EXPECT_NE((*findings)[0].reason.find("テスト大学0"), std::string::npos);
    // A second run finds it recorded and writes nothing new.
    auto again = DetectConflicts(*store_, {"test"}, call_, true);
    ASSERT_TRUE(again);
    EXPECT_TRUE((*again)[0].recorded);
}

TEST_F(ProgrammeTest, AssignmentPreviewWritesNothingAndApplyRespectsEveryRule) {
    AssignOptions options;
    options.call_id = call_;
    auto preview = AssignReviewers(*store_, {"test"}, options);
    ASSERT_TRUE(preview) << preview.error().ToString();
    EXPECT_FALSE(preview->applied);
    EXPECT_EQ(preview->added, 8);  // 4 proposals × 2 reviewers
    EXPECT_TRUE(Assignments().empty());

    options.apply = true;
    auto applied = AssignReviewers(*store_, {"test"}, options);
    ASSERT_TRUE(applied) << applied.error().ToString();
    EXPECT_DOUBLE_EQ(applied->total_affinity, preview->total_affinity);
    auto rows = Assignments();
    ASSERT_EQ(rows.size(), 8u);
    std::map<Id, int> per_proposal, per_reviewer;
    for (const auto& row : rows) {
        ++per_proposal[row.proposal_id];
        ++per_reviewer[row.reviewer_id];
        EXPECT_EQ(row.origin, "solver");
        // The conflicted pair (reviewer 0, proposal 0) is never assigned.
        EXPECT_FALSE(row.reviewer_id == reviewers_[0] && row.proposal_id == proposals_[0]);
    }
    for (Id p : proposals_) EXPECT_EQ(per_proposal[p], 2);
    for (const auto& [r, load] : per_reviewer) EXPECT_LE(load, 3);
    // The experts of each topic review it: proposal 1 (genome) goes to reviewer 1.
    bool genome = false;
    for (const auto& row : rows) {
        genome = genome || (row.proposal_id == proposals_[1] && row.reviewer_id == reviewers_[1]);
    }
    EXPECT_TRUE(genome);
    // Running again changes nothing.
    auto again = AssignReviewers(*store_, {"test"}, options);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->added, 0);
    EXPECT_EQ(again->removed, 0);
    EXPECT_EQ(again->kept, 8);
    auto violations = store_->CheckInvariants();
    ASSERT_TRUE(violations);
    EXPECT_TRUE(violations->empty());
}

TEST_F(ProgrammeTest, InfeasibleAssignmentNamesTheProposal) {
    // Conflicts leave proposal 2 one reviewer; it needs two.
    {
        auto tx = store_->Begin({"test"});
        for (int r : {0, 1, 3, 4}) {
            core::Conflict c;
            c.person_id = persons_[static_cast<size_t>(r)];
            c.proposal_id = proposals_[2];
            c.kind = "declared";
            c.source = "テスト";
            ASSERT_TRUE((*tx)->Add(c));
        }
        ASSERT_TRUE((*tx)->Commit());
    }
    AssignOptions options;
    options.call_id = call_;
    auto result = AssignReviewers(*store_, {"test"}, options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(result.error().message.find(fmt::format(
                  "proposal {} 「組込みソフトウェアの高信頼化」 has 1 reviewer without a "
                  "conflict and needs 2",
                  proposals_[2])),
              std::string::npos)
        << result.error().message;
}

TEST_F(ProgrammeTest, ManualAssignmentPassesTheSameRules) {
    ASSERT_TRUE(DetectConflicts(*store_, {"test"}, call_, true));
    auto conflicted = AddRecord(*store_, {"test"}, "review_assignment",
                                {fmt::format("reviewer_id={}", reviewers_[0]),
                                 fmt::format("proposal_id={}", proposals_[0])});
    ASSERT_FALSE(conflicted);
    EXPECT_NE(conflicted.error().message.find("conflict of interest"), std::string::npos);
    auto ok = AddRecord(*store_, {"test"}, "review_assignment",
                        {fmt::format("reviewer_id={}", reviewers_[1]),
                         fmt::format("proposal_id={}", proposals_[0])});
    ASSERT_TRUE(ok) << ok.error().ToString();
    auto duplicate = AddRecord(*store_, {"test"}, "review_assignment",
                               {fmt::format("reviewer_id={}", reviewers_[1]),
                                fmt::format("proposal_id={}", proposals_[0])});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
}

// Applies the assignment and has every reviewer submit scores `base + offset(reviewer)`.
void ReviewEverything(store::Store& store, const std::vector<Id>& proposals,
                      const std::vector<int>& quality, const std::vector<Id>& reviewers,
                      const std::vector<int>& severity) {
    auto tx = store.Begin({"read"});
    auto rows = *(*tx)->List<core::ReviewAssignment>({});
    tx->reset();
    for (const auto& row : rows) {
        size_t p = static_cast<size_t>(
            std::find(proposals.begin(), proposals.end(), row.proposal_id) - proposals.begin());
        size_t r = static_cast<size_t>(
            std::find(reviewers.begin(), reviewers.end(), row.reviewer_id) - reviewers.begin());
        int score = std::clamp(quality[p] + severity[r], 1, 5);
        ReviewInput input;
        input.assignment_id = row.id;
        input.scores = {
            {"rd_potential", score}, {"industrialisation", score}, {"structure", score}};
        input.submit = true;
        auto saved = SaveReview(store, {"test"}, input);
        ASSERT_TRUE(saved) << saved.error().ToString();
    }
}

TEST_F(ProgrammeTest, ReviewScoresAreCheckedAndOthersAreHiddenUntilSubmission) {
    AssignOptions options;
    options.call_id = call_;
    options.apply = true;
    ASSERT_TRUE(AssignReviewers(*store_, {"test"}, options));
    auto rows = Assignments();
    std::vector<core::ReviewAssignment> on_first;
    for (const auto& row : rows) {
        if (row.proposal_id == proposals_[1]) on_first.push_back(row);
    }
    ASSERT_EQ(on_first.size(), 2u);

    ReviewInput bad;
    bad.assignment_id = on_first[0].id;
    bad.scores = {{"rd_potential", 6}, {"no_such", 3}};
    bad.submit = true;
    auto refused = SaveReview(*store_, {"test"}, bad);
    ASSERT_FALSE(refused);
    std::string text = refused.error().ToString();
    EXPECT_NE(text.find("scores.rd_potential"), std::string::npos) << text;
    EXPECT_NE(text.find("1..5"), std::string::npos) << text;
    EXPECT_NE(text.find("scores.no_such"), std::string::npos) << text;
    EXPECT_NE(text.find("scores.industrialisation"), std::string::npos) << text;

    auto person_of = [&](const core::ReviewAssignment& a) {
        for (size_t i = 0; i < reviewers_.size(); ++i) {
            if (reviewers_[i] == a.reviewer_id) return persons_[i];
        }
        return Id{0};
    };
    ReviewInput first;
    first.assignment_id = on_first[0].id;
    first.scores = {{"rd_potential", 4}, {"industrialisation", 4}, {"structure", 3}};
    first.submit = true;
    ASSERT_TRUE(SaveReview(*store_, {"test"}, first));
    // The second reviewer has not submitted: they see nothing of the first review.
    auto hidden = ProposalReviews(*store_, proposals_[1], person_of(on_first[1]));
    ASSERT_FALSE(hidden);
    EXPECT_EQ(hidden.error().code, ErrorCode::kPermissionDenied);
    ReviewInput second = first;
    second.assignment_id = on_first[1].id;
    ASSERT_TRUE(SaveReview(*store_, {"test"}, second));
    auto visible = ProposalReviews(*store_, proposals_[1], person_of(on_first[1]));
    ASSERT_TRUE(visible) << visible.error().ToString();
    EXPECT_EQ(visible->size(), 2u);
    // A submitted review is final.
    auto again = SaveReview(*store_, {"test"}, first);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    // An unassigned person sees nothing.
    auto stranger = ProposalReviews(*store_, proposals_[1], persons_[0] + 1000);
    ASSERT_FALSE(stranger);
}

TEST_F(ProgrammeTest, EvaluationRemovesReviewerSeverityAndSelectionExplainsOutcomes) {
    AssignOptions options;
    options.call_id = call_;
    options.apply = true;
    ASSERT_TRUE(AssignReviewers(*store_, {"test"}, options));
    ReviewEverything(*store_, proposals_, {5, 4, 3, 2}, reviewers_, {0, 0, -1, 0, 0});
    EvaluateOptions evaluate;
    evaluate.call_id = call_;
    evaluate.bootstrap = 100;
    auto report = EvaluateCall(*store_, {"test"}, evaluate);
    ASSERT_TRUE(report) << report.error().ToString();
    ASSERT_EQ(report->lines.size(), 4u);
    EXPECT_EQ(report->lines[0].proposal_id, proposals_[0]);
    for (const auto& line : report->lines) {
        EXPECT_LE(line.low, line.comprehensive + 1e-9);
        EXPECT_GE(line.high, line.comprehensive - 1e-9);
        EXPECT_LE(line.rank_low, line.rank);
        EXPECT_GE(line.rank_high, line.rank);
    }

    // Budget ¥700M: one full (¥500M) and one trial (¥150M) at most.
    SelectOptions select;
    select.call_id = call_;
    select.budget = Yen{700'000'000};
    auto chosen = SelectProposals(*store_, {"test"}, select);
    ASSERT_TRUE(chosen) << chosen.error().ToString();
    EXPECT_EQ(chosen->full, 1);
    EXPECT_EQ(chosen->trial, 1);
    EXPECT_FALSE(chosen->applied);
    for (const auto& line : chosen->lines) {
        EXPECT_FALSE(line.reason.empty()) << line.proposal_id;
        if (line.proposal_id == proposals_[0]) {
            EXPECT_EQ(line.outcome, "full");
        }
    }
    // At most one per prefecture, exactly two full: proposal 1 (北海道 again) cannot be full.
    select.budget = Yen{2'000'000'000};
    select.full = 2;
    select.trial = 0;
    select.constraints = {"per-prefecture<=1"};
    select.apply = true;
    select.decided_on = Date{2002, 4, 15};
    chosen = SelectProposals(*store_, {"test"}, select);
    ASSERT_TRUE(chosen) << chosen.error().ToString();
    std::set<Id> full;
    for (const auto& line : chosen->lines) {
        if (line.outcome == "full") full.insert(line.proposal_id);
    }
    EXPECT_EQ(full, (std::set<Id>{proposals_[0], proposals_[2]}));
    auto tx = store_->Begin({"read"});
    auto decisions = *(*tx)->List<core::Decision>({});
    EXPECT_EQ(decisions.size(), 4u);
    auto clusters = *(*tx)->List<core::Cluster>({});
    EXPECT_EQ(clusters.size(), 2u);
    auto call = *(*tx)->Get<core::Call>(call_);
    EXPECT_EQ(call.status, "decided");
}

TEST_F(ProgrammeTest, BadConstraintNamesTheParameter) {
    SelectOptions select;
    select.call_id = call_;
    select.budget = Yen{1};
    select.constraints = {"per-prefecture>=x"};
    auto result = SelectProposals(*store_, {"test"}, select);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().ToString().find("--constraint"), std::string::npos);
}

TEST_F(ProgrammeTest, GrantsStopAtTheFiscalYearBudget) {
    Id cluster = 0;
    {
        auto tx = store_->Begin({"test"});
        core::Cluster c;
        c.program_id = program_;
        c.name_ja = "テストクラスター";
        c.field = "it";
        c.status = "trial";
        c.started_on = Date{2002, 7, 1};
        cluster = *(*tx)->Add(c);
        core::CoreOrganization core_org;
        core_org.cluster_id = cluster;
        core_org.organization_id = orgs_[0];
        ASSERT_TRUE((*tx)->Add(core_org));
        ASSERT_TRUE((*tx)->Commit());
    }
    core::Grant grant;
    grant.cluster_id = cluster;
    grant.organization_id = orgs_[0];
    grant.fiscal_year = FiscalYear{2003};
    grant.amount = Yen{1'000'000'000};
    auto first = AwardGrant(*store_, {"test"}, grant);
    ASSERT_TRUE(first) << first.error().ToString();
    grant.amount = Yen{300'000'000};
    auto over = AwardGrant(*store_, {"test"}, grant);
    ASSERT_FALSE(over);
    EXPECT_NE(over.error().message.find("¥100,000,000 over"), std::string::npos)
        << over.error().message;
    grant.organization_id = orgs_[1];
    grant.amount = Yen{100'000'000};
    auto wrong = AwardGrant(*store_, {"test"}, grant);
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().ToString().find("organization_id"), std::string::npos);

    PromoteOptions promote;
    promote.cluster_id = cluster;
    promote.decided_on = Date{2003, 2, 1};
    promote.effective_fy = FiscalYear{2003};
    promote.funding_source = "補正予算";
    ASSERT_TRUE(PromoteCluster(*store_, {"test"}, promote));
    auto twice = PromoteCluster(*store_, {"test"}, promote);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);

    // Mid-term evaluation graded on every item.
    Id evaluation = 0;
    {
        auto tx = store_->Begin({"test"});
        core::ClusterEvaluation e;
        e.cluster_id = cluster;
        e.kind = "mid_term";
        e.fiscal_year = FiscalYear{2004};
        e.stage = "self_report";
        e.self_report = "自己評価報告書(テスト)";
        evaluation = *(*tx)->Add(e);
        ASSERT_TRUE((*tx)->Commit());
    }
    GradeInput grades;
    grades.evaluation_id = evaluation;
    grades.overall = "a";
    grades.grades = {{"overall", "a"}};
    auto missing = GradeClusterEvaluation(*store_, {"test"}, grades);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().ToString().find("grades.vision_targets"), std::string::npos);
    grades.grades.clear();
    for (const auto& item : ClusterEvaluationItems()) grades.grades.emplace_back(item.key, "b");
    ASSERT_TRUE(GradeClusterEvaluation(*store_, {"test"}, grades));
    auto tx = store_->Begin({"read"});
    auto row = *(*tx)->Get<core::ClusterEvaluation>(evaluation);
    EXPECT_EQ(row.stage, "graded");
    EXPECT_EQ(row.overall_grade, "a");
}

// The demo replays the real 2002 selection and the FY2003 promotions through the workflows.
TEST(ProgrammeDemo, ReplaysThe2002SelectionThroughTheWorkflows) {
    testing::TempStore store("kc-programme-demo");
    DemoOptions options;
    auto summary = LoadDemo(*store, options);
    ASSERT_TRUE(summary) << summary.error().ToString();
    auto tx = store->Begin({"read"});
    auto calls = *(*tx)->List<core::Call>({});
    const core::Call* selection = nullptr;
    for (const auto& c : calls) {
        if (c.kind == "selection") selection = &c;
    }
    ASSERT_NE(selection, nullptr);
    store::Filter by_call;
    by_call.equals.emplace_back("call_id", selection->id);
    auto proposals = *(*tx)->List<core::Proposal>(by_call);
    int full_regions = 0, trial = 0, full = 0;
    for (const auto& p : proposals) {
        store::Filter by_proposal;
        by_proposal.equals.emplace_back("proposal_id", p.id);
        auto regions = *(*tx)->Count(core::ProposalRegion::Def(), by_proposal);
        auto decisions = *(*tx)->List<core::Decision>(by_proposal);
        ASSERT_EQ(decisions.size(), 1u) << p.title_ja;
        auto evaluations = *(*tx)->Count(core::Evaluation::Def(), by_proposal);
        EXPECT_EQ(evaluations, 1) << p.title_ja;
        if (decisions[0].outcome == "full") {
            ++full;
            full_regions += static_cast<int>(regions);
        }
        if (decisions[0].outcome == "trial") ++trial;
        auto assignments = *(*tx)->List<core::ReviewAssignment>(by_proposal);
        EXPECT_EQ(assignments.size(), 3u);
        for (const auto& a : assignments) EXPECT_EQ(a.origin, "solver");
    }
    EXPECT_EQ(full, 10);          // 10 clusters
    EXPECT_EQ(full_regions, 12);  // in 12 regions
    EXPECT_EQ(trial, 6);
    EXPECT_EQ(*(*tx)->Count(core::Promotion::Def(), {}), 3);
    tx->reset();  // one transaction at a time per store
    auto violations = store->CheckInvariants();
    ASSERT_TRUE(violations);
    EXPECT_TRUE(violations->empty());
}

}  // namespace
}  // namespace kc::app
