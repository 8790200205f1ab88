// The programme office through the binary: conflicts, assignment preview and apply, reviews,
// evaluation, selection with --apply, and the errors a user sees for bad options or an
// infeasible call. Sample data written for this test (fictional people and proposals).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/db_fixture.h"

namespace kc::testing {
namespace {

using nlohmann::json;

constexpr const char* kCall = R"json({
  "program": [{"id": 1, "name_ja": "テスト事業", "start_fy": 2002, "end_fy": 2006}],
  "fiscal_budget": [{"id": 1, "program_id": 1, "fiscal_year": 2002, "regular": "20億円"}],
  "region": [
    {"id": 1, "name_ja": "A地域", "prefecture": "北海道"},
    {"id": 2, "name_ja": "B地域", "prefecture": "北海道"},
    {"id": 3, "name_ja": "C地域", "prefecture": "福岡県"}],
  "organization": [
    {"id": 1, "name_ja": "A大学", "kind": "university"},
    {"id": 2, "name_ja": "B大学", "kind": "university"},
    {"id": 3, "name_ja": "C大学", "kind": "university"},
    {"id": 4, "name_ja": "D研究所", "kind": "public_institute"}],
  "person": [
    {"id": 1, "family_name": "光田", "given_name": "一郎", "organization_id": 1, "expertise": "光センサ;計測"},
    {"id": 2, "family_name": "遺伝", "given_name": "二郎", "organization_id": 4, "expertise": "ゲノム;創薬"},
    {"id": 3, "family_name": "組込", "given_name": "三郎", "organization_id": 4, "expertise": "ソフトウェア;組込み"},
    {"id": 4, "family_name": "計測", "given_name": "四郎", "organization_id": 4, "expertise": "計測;ゲノム"}],
  "call": [{"id": 1, "program_id": 1, "fiscal_year": 2001, "title_ja": "テスト公募",
            "kind": "selection", "status": "open", "closes_on": "2002-01-31",
            "reviewers_per_proposal": 2, "max_load": 3, "years": 5,
            "scale_per_region": "5億円", "trial_scale_per_region": "1.5億円"}],
  "criterion": [
    {"id": 1, "call_id": 1, "key": "rd", "label_ja": "研究開発のポテンシャル", "weight": 0.6, "criterion_group": "scientific"},
    {"id": 2, "call_id": 1, "key": "structure", "label_ja": "推進体制", "weight": 0.4, "criterion_group": "structural"}],
  "proposal": [
    {"id": 1, "call_id": 1, "title_ja": "光センサによる計測", "field": "it", "status": "submitted", "vision": "光センサと計測技術の産業化"},
    {"id": 2, "call_id": 1, "title_ja": "ゲノム創薬", "field": "life_science", "status": "submitted", "vision": "ゲノム解析による創薬"},
    {"id": 3, "call_id": 1, "title_ja": "組込みソフトウェア", "field": "it", "status": "submitted", "vision": "組込みソフトウェアの信頼性"}],
  "proposal_region": [
    {"id": 1, "proposal_id": 1, "region_id": 1},
    {"id": 2, "proposal_id": 2, "region_id": 2},
    {"id": 3, "proposal_id": 3, "region_id": 3}],
  "proposal_participant": [
    {"id": 1, "proposal_id": 1, "organization_id": 1, "role": "core_organization"},
    {"id": 2, "proposal_id": 2, "organization_id": 2, "role": "core_organization"},
    {"id": 3, "proposal_id": 3, "organization_id": 3, "role": "core_organization"}],
  "reviewer": [
    {"id": 1, "person_id": 1, "call_id": 1, "max_load": 3},
    {"id": 2, "person_id": 2, "call_id": 1, "max_load": 3},
    {"id": 3, "person_id": 3, "call_id": 1, "max_load": 3},
    {"id": 4, "person_id": 4, "call_id": 1, "max_load": 3}]
})json";

class ProgrammeCliTest : public DbFixture {
  protected:
    void SetUp() override { Seed(kCall); }
};

TEST_F(ProgrammeCliTest, FromConflictsToDecisions) {
    auto conflicts = RunJson({"conflicts", "--call", "1", "--record"});
    ASSERT_EQ(conflicts.size(), 1u);  // person 1 works at A大学, proposal 1's core organisation
    EXPECT_EQ(conflicts[0]["kind"], "same_organization");

    auto preview = RunJson({"review", "assign", "--call", "テスト公募", "--preview"});
    EXPECT_EQ(preview["added"], 6);
    EXPECT_EQ(preview["applied"], false);
    EXPECT_EQ(RunJson({"list", "review_assignment"}).size(), 0u);

    auto applied = RunJson({"review", "assign", "--call", "1"});
    EXPECT_EQ(applied["applied"], true);
    auto assignments = RunJson({"list", "review_assignment"});
    ASSERT_EQ(assignments.size(), 6u);
    for (const auto& a : assignments) {
        EXPECT_FALSE(a["reviewer_id"] == 1 && a["proposal_id"] == 1) << a.dump();
    }

    // Every reviewer submits; proposal 1 scores highest, then 2, then 3.
    for (const auto& a : assignments) {
        int p = a["proposal_id"];
        int score = 6 - p - 1;  // 4, 3, 2
        auto submitted = Run({"review", "submit", "--assignment", std::to_string(int{a["id"]}),
                              "--score", "rd=" + std::to_string(score), "--score",
                              "structure=" + std::to_string(score), "--comment", "テスト"});
        ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
    }
    auto evaluation = RunJson({"evaluate", "--call", "1", "--bootstrap", "50"});
    ASSERT_EQ(evaluation["proposals"].size(), 3u);
    EXPECT_EQ(evaluation["proposals"][0]["proposal_id"], 1);

    // Budget ¥7億: one full (¥5億) and one trial (¥1.5億); at most one per prefecture.
    auto selection = RunJson(
        {"select", "--call", "1", "--budget", "7億円", "--constraint", "per-prefecture<=1"});
    EXPECT_EQ(selection["full"], 1);
    EXPECT_EQ(selection["trial"], 1);
    for (const auto& line : selection["proposals"]) {
        EXPECT_FALSE(line["reason"].get<std::string>().empty());
        if (line["proposal_id"] == 2) {
            EXPECT_EQ(line["outcome"], "rejected") << line.dump();
        }
    }
    auto recorded = Run({"select", "--call", "1", "--budget", "7億円", "--constraint",
                         "per-prefecture<=1", "--apply", "--decided-on", "2002-04-15"});
    ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
    EXPECT_EQ(RunJson({"list", "decision"}).size(), 3u);
    EXPECT_EQ(RunJson({"list", "cluster"}).size(), 2u);
    EXPECT_EQ(Run({"db", "check"}).exit_code, 0);
}

TEST_F(ProgrammeCliTest, DefaultCriteriaOnlyOnACallWithout) {
    ASSERT_EQ(Run({"add", "call", "program=1", "fiscal_year=2003", "title_ja=第二次公募",
                   "kind=selection", "reviewers_per_proposal=3", "max_load=6", "years=5"})
                  .exit_code,
              0);
    auto added = Run({"criteria", "defaults", "--call", "第二次公募"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto criteria = RunJson({"list", "criterion", "--filter", "call=第二次公募"});
    ASSERT_EQ(criteria.size(), 4u);
    EXPECT_EQ(criteria[0]["key"], "rd_potential");
    auto again = Run({"criteria", "defaults", "--call", "1"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already has 2 criteria"), std::string::npos) << again.err;
}

TEST_F(ProgrammeCliTest, BadOptionsNameTheParameter) {
    auto budget = Run({"select", "--call", "1", "--budget", "たくさん"});
    EXPECT_EQ(budget.exit_code, 1);
    EXPECT_NE(budget.err.find("--budget"), std::string::npos) << budget.err;
    auto constraint = Run({"select", "--call", "1", "--budget", "7億円", "--constraint", "x"});
    EXPECT_EQ(constraint.exit_code, 1);
    EXPECT_NE(constraint.err.find("--constraint"), std::string::npos) << constraint.err;
    auto score = Run({"review", "submit", "--assignment", "1", "--score", "rd"});
    EXPECT_EQ(score.exit_code, 1);
    EXPECT_NE(score.err.find("--score"), std::string::npos) << score.err;
    auto date = Run({"select", "--call", "1", "--budget", "7億円", "--apply"});
    EXPECT_EQ(date.exit_code, 1);
    EXPECT_NE(date.err.find("--decided-on"), std::string::npos) << date.err;
}

TEST_F(ProgrammeCliTest, InfeasibleCallSaysWhoIsShort) {
    ASSERT_EQ(Run({"update", "call", "1", "reviewers_per_proposal=4"}).exit_code, 0);
    auto result = Run({"conflicts", "--call", "1", "--record"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto assign = Run({"review", "assign", "--call", "1"});
    EXPECT_EQ(assign.exit_code, 1);
    EXPECT_NE(assign.err.find("proposal 1 「光センサによる計測」 has 3 reviewers without a "
                              "conflict and needs 4"),
              std::string::npos)
        << assign.err;
    EXPECT_EQ(RunJson({"list", "review_assignment"}).size(), 0u);
}

}  // namespace
}  // namespace kc::testing
