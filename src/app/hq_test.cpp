// Cluster headquarters on a real store: the roster on a date, funnel counting by fiscal year and
// per coordinator, ledger arithmetic and the refusal of overspending or out-of-year entries.
// Sample data written for these tests (fictional people and companies).

#include "app/hq.h"

#include <gtest/gtest.h>

#include <map>

#include "app/records.h"
#include "app/test_cluster.h"
#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

using core::Id;

using testing::AdminViewer;

class HqTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto tx = *store_->Begin({"test"});
        Id program_id = testing::AddTestProgram(*tx);
        core::FiscalBudget budget;
        budget.program_id = program_id;
        budget.fiscal_year = FiscalYear{2004};
        budget.regular = Yen{1'000'000'000};
        ASSERT_TRUE(tx->Add(budget));
        const testing::TestCluster ids = testing::AddTestCluster(*tx, program_id);
        cluster_ = ids.cluster;
        uni_ = ids.university;
        company_ = ids.company;
        director_ = testing::AddTestPerson(*tx, uni_, "本部", "長子");
        coordinator_a_ = testing::AddTestPerson(*tx, uni_, "目利", "一郎");
        coordinator_b_ = testing::AddTestPerson(*tx, uni_, "目利", "二郎");
        testing::AddTestPost(*tx, cluster_, director_, "director", Date{2002, 7, 1},
                             Date{2004, 3, 31});
        testing::AddTestPost(*tx, cluster_, coordinator_a_, "coordinator", Date{2002, 7, 1});
        // The coordinator becomes director in FY2004 (two posts).
        testing::AddTestPost(*tx, cluster_, coordinator_b_, "director", Date{2004, 4, 1});
        testing::AddTestPost(*tx, cluster_, coordinator_b_, "coordinator", Date{2004, 4, 1});
        ASSERT_TRUE(tx->Commit());
    }

    testing::TempStore store_{"kc-hq"};
    Id cluster_ = 0, uni_ = 0, company_ = 0, director_ = 0, coordinator_a_ = 0, coordinator_b_ = 0;
};

TEST_F(HqTest, RosterOnADate) {
    auto before = Roster(*store_, cluster_, Date{2004, 3, 31});
    ASSERT_TRUE(before) << before.error().ToString();
    ASSERT_EQ(before->size(), 2u);
    EXPECT_EQ((*before)[0].role, "director");
    EXPECT_EQ((*before)[0].person_id, director_);
    EXPECT_EQ((*before)[1].person_id, coordinator_a_);
    auto after = Roster(*store_, cluster_, Date{2004, 4, 1});
    ASSERT_TRUE(after);
    ASSERT_EQ(after->size(), 3u);
    EXPECT_EQ((*after)[0].person_id, coordinator_b_);  // director first
    EXPECT_EQ((*after)[0].role_ja, "本部長");
    EXPECT_EQ((*after)[1].role, "coordinator");
    auto unknown = Roster(*store_, cluster_ + 100, std::nullopt);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(HqTest, FunnelCountsEachStageInItsFiscalYear) {
    {
        auto tx = *store_->Begin({"test"});
        core::Seed seed;
        seed.organization_id = uni_;
        seed.title = "画像認識";
        seed.field = "it";
        seed.ip_status = "none";
        seed.visibility = "public";
        Id seed_id = *tx->Add(seed);
        auto need = [&](Date registered) {
            core::Need n;
            n.cluster_id = cluster_;
            n.organization_id = company_;
            n.title = "検査の自動化";
            n.field = "it";
            n.confidentiality = "public";
            n.registered_on = registered;
            return *tx->Add(n);
        };
        Id n1 = need(Date{2004, 5, 1});
        Id n2 = need(Date{2004, 6, 1});
        Id n3 = need(Date{2003, 6, 1});  // FY2003: not counted in FY2004
        auto match = [&](Id need_id, Id coordinator, Date suggested, const char* status,
                         std::optional<Date> feasibility) {
            core::Match m;
            m.seed_id = seed_id;
            m.need_id = need_id;
            m.status = status;
            m.coordinator_id = coordinator;
            m.suggested_on = suggested;
            m.feasibility_on = feasibility;
            return *tx->Add(m);
        };
        Id m1 = match(n1, coordinator_a_, Date{2004, 5, 10}, "joint_research", Date{2004, 8, 1});
        match(n2, coordinator_b_, Date{2004, 6, 10}, "suggested", std::nullopt);
        match(n3, coordinator_a_, Date{2003, 7, 1}, "declined", std::nullopt);
        core::Activity meeting;
        meeting.cluster_id = cluster_;
        meeting.coordinator_id = coordinator_a_;
        meeting.kind = "meeting";
        meeting.activity_date = Date{2004, 5, 20};
        meeting.match_id = m1;
        ASSERT_TRUE(tx->Add(meeting));
        core::Project project;
        project.cluster_id = cluster_;
        project.title = "外観検査の共同研究";
        project.lead_organization_id = uni_;
        project.starts_on = Date{2004, 10, 1};
        project.stage = "planned";
        project.origin_match_id = m1;
        Id project_id = *tx->Add(project);
        core::Invention invention;
        invention.cluster_id = cluster_;
        invention.project_id = project_id;
        invention.title = "欠陥検出方法";
        invention.disclosed_on = Date{2005, 1, 15};
        invention.status = "disclosed";
        ASSERT_TRUE(tx->Add(invention));
        ASSERT_TRUE(tx->Commit());
    }
    auto funnel = Funnel(*store_, cluster_, FiscalYear{2004});
    ASSERT_TRUE(funnel) << funnel.error().ToString();
    std::vector<int64_t> counts;
    for (const auto& s : funnel->cluster.stages) counts.push_back(s.count);
    // needs 2, matches 2, introductions 1 (the meeting), feasibility 1, joint research 1,
    // inventions 1 (disclosed January 2005 = FY2004), nothing further.
    EXPECT_EQ(counts, (std::vector<int64_t>{2, 2, 1, 1, 1, 1, 0, 0, 0}));
    ASSERT_TRUE(funnel->cluster.stages[1].conversion.has_value());
    EXPECT_DOUBLE_EQ(*funnel->cluster.stages[2].conversion, 0.5);
    ASSERT_EQ(funnel->coordinators.size(), 2u);
    const FunnelRow& a = funnel->coordinators[0].coordinator_id == coordinator_a_
                             ? funnel->coordinators[0]
                             : funnel->coordinators[1];
    EXPECT_EQ(a.stages[0].count, 1);  // n1 (n3 is FY2003)
    EXPECT_EQ(a.stages[4].count, 1);
    auto earlier = Funnel(*store_, cluster_, FiscalYear{2003});
    ASSERT_TRUE(earlier);
    EXPECT_EQ(earlier->cluster.stages[0].count, 1);
    EXPECT_EQ(earlier->cluster.stages[1].count, 1);
}

TEST_F(HqTest, ForumEffectsFollowConsultationsToProjects) {
    {
        auto tx = *store_->Begin({"test"});
        core::Forum forum;
        forum.cluster_id = cluster_;
        forum.title = "技術マッチングフェア";
        forum.kind = "matching_fair";
        forum.held_on = Date{2004, 11, 1};
        forum.attendees = 120;
        forum.consultations = 15;
        Id forum_id = *tx->Add(forum);
        forum.title = "成果発表会";
        forum.kind = "results";
        forum.held_on = Date{2005, 6, 1};  // FY2005
        ASSERT_TRUE(tx->Add(forum));
        core::Seed seed;
        seed.organization_id = uni_;
        seed.title = "振動センサ";
        seed.field = "it";
        seed.ip_status = "none";
        seed.visibility = "public";
        Id seed_id = *tx->Add(seed);
        core::Need need;
        need.cluster_id = cluster_;
        need.organization_id = company_;
        need.title = "設備の故障予知";
        need.field = "it";
        need.confidentiality = "public";
        Id need_id = *tx->Add(need);
        core::Match match;
        match.seed_id = seed_id;
        match.need_id = need_id;
        match.status = "contacted";
        Id match_id = *tx->Add(match);
        core::Activity consultation;
        consultation.cluster_id = cluster_;
        consultation.coordinator_id = coordinator_a_;
        consultation.kind = "forum";
        consultation.activity_date = Date{2004, 11, 1};
        consultation.forum_id = forum_id;
        consultation.match_id = match_id;
        ASSERT_TRUE(tx->Add(consultation));
        consultation.activity_date = Date{2004, 11, 20};  // a follow-up visit, same pair
        consultation.kind = "visit";
        ASSERT_TRUE(tx->Add(consultation));
        core::Project project;
        project.cluster_id = cluster_;
        project.title = "故障予知の共同研究";
        project.lead_organization_id = uni_;
        project.stage = "planned";
        project.origin_match_id = match_id;
        ASSERT_TRUE(tx->Add(project));
        ASSERT_TRUE(tx->Commit());
    }
    auto forums = ForumEffects(*store_, cluster_, FiscalYear{2004});
    ASSERT_TRUE(forums) << forums.error().ToString();
    ASSERT_EQ(forums->size(), 1u);
    EXPECT_EQ((*forums)[0].follow_ups, 2);
    EXPECT_EQ((*forums)[0].matches, 1);
    EXPECT_EQ((*forums)[0].projects, 1);
    EXPECT_EQ((*forums)[0].consultations, 15);
    auto all = ForumEffects(*store_, cluster_, std::nullopt);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[1].follow_ups, 0);
}

TEST_F(HqTest, ViewsHideBudgetsAndUnpublishedInventions) {
    Id other_company = 0, inventor = 0, employee = 0;
    {
        auto tx = *store_->Begin({"test"});
        core::Organization other;
        other.name_ja = "株式会社よそ";
        other.kind = "company";
        other_company = *tx->Add(other);
        core::Person person;
        person.family_name = "発明";
        person.given_name = "花子";
        person.organization_id = uni_;
        inventor = *tx->Add(person);
        person.family_name = "社員";
        person.organization_id = company_;
        employee = *tx->Add(person);
        core::Project project;
        project.cluster_id = cluster_;
        project.title = "共同研究A";
        project.lead_organization_id = uni_;
        project.budget = Yen{30'000'000};
        project.participation_fee = Yen{1'000'000};
        project.stage = "active";
        Id project_id = *tx->Add(project);
        core::ProjectPartner partner;
        partner.project_id = project_id;
        partner.organization_id = company_;
        partner.role = "partner";
        ASSERT_TRUE(tx->Add(partner));
        core::Invention invention;
        invention.cluster_id = cluster_;
        invention.project_id = project_id;
        invention.title = "未公開の発明";
        invention.disclosed_on = Date{2004, 7, 1};
        invention.status = "disclosed";
        invention.published = false;
        Id invention_id = *tx->Add(invention);
        core::Inventor link;
        link.invention_id = invention_id;
        link.person_id = inventor;
        ASSERT_TRUE(tx->Add(link));
        invention.title = "公開済みの発明";
        invention.published = true;
        ASSERT_TRUE(tx->Add(invention));
        ASSERT_TRUE(tx->Commit());
    }
    const Date on{2004, 8, 1};
    auto partner_staff = *ViewerOf(*store_, {core::Role::kCompany}, employee, on);
    core::Viewer outsider;
    outsider.roles = {core::Role::kCompany};
    outsider.organization_id = other_company;
    auto coordinator = *ViewerOf(*store_, {core::Role::kCoordinator}, coordinator_a_, on);
    auto researcher = *ViewerOf(*store_, {core::Role::kResearcher}, inventor, on);

    auto mine = ProjectsFor(*store_, partner_staff, cluster_);
    ASSERT_TRUE(mine) << mine.error().ToString();
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ((*mine)[0].budget, Yen{30'000'000});
    auto theirs = ProjectsFor(*store_, outsider, cluster_);
    ASSERT_TRUE(theirs);
    EXPECT_FALSE((*theirs)[0].budget.has_value());
    EXPECT_FALSE((*theirs)[0].participation_fee.has_value());

    auto titles = [&](const core::Viewer& viewer) {
        std::vector<std::string> out;
        auto visible = InventionsFor(*store_, viewer, cluster_);  // keep the result alive
        EXPECT_TRUE(visible);
        if (!visible) return out;
        for (const auto& i : *visible) out.push_back(i.title);
        return out;
    };
    EXPECT_EQ(titles(researcher), (std::vector<std::string>{"未公開の発明", "公開済みの発明"}));
    EXPECT_EQ(titles(coordinator), (std::vector<std::string>{"未公開の発明", "公開済みの発明"}));
    EXPECT_EQ(titles(partner_staff), (std::vector<std::string>{"公開済みの発明"}));
    EXPECT_EQ(titles(outsider), (std::vector<std::string>{"公開済みの発明"}));
}

TEST_F(HqTest, StageGatesMoveTheProjectAndSummariesRespectTheViewer) {
    Id project_id = 0, first = 0, second = 0;
    {
        auto tx = *store_->Begin({"test"});
        core::Project project;
        project.cluster_id = cluster_;
        project.title = "共同研究B";
        project.lead_organization_id = uni_;
        project.budget = Yen{20'000'000};
        project.participation_fee = Yen{500'000};
        project.stage = "planned";
        project_id = *tx->Add(project);
        core::ProjectPartner partner;
        partner.project_id = project_id;
        partner.organization_id = company_;
        partner.role = "partner";
        ASSERT_TRUE(tx->Add(partner));
        core::Milestone milestone;
        milestone.project_id = project_id;
        milestone.title = "試作";
        milestone.due_on = Date{2004, 12, 1};
        milestone.gate_decision = "pending";
        first = *tx->Add(milestone);
        milestone.title = "実用化評価";
        milestone.due_on = Date{2005, 6, 1};
        second = *tx->Add(milestone);
        ASSERT_TRUE(tx->Commit());
    }
    EXPECT_FALSE(DecideGate(*store_, {"test"}, first, "maybe", Date{2004, 12, 1}));
    ASSERT_TRUE(DecideGate(*store_, {"test"}, first, "go", Date{2004, 12, 1}));
    auto again = DecideGate(*store_, {"test"}, first, "stop", Date{2004, 12, 2});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    core::Viewer admin;
    admin.roles = {core::Role::kAdmin};
    auto summary = SummarizeProject(*store_, admin, project_id);
    ASSERT_TRUE(summary) << summary.error().ToString();
    EXPECT_EQ(summary->project.stage, "active");  // go started the planned project
    ASSERT_EQ(summary->milestones.size(), 2u);
    EXPECT_EQ(summary->milestones[0].gate_decision, "go");
    ASSERT_TRUE(DecideGate(*store_, {"test"}, second, "stop", Date{2005, 6, 1}));
    summary = SummarizeProject(*store_, admin, project_id);
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->project.stage, "terminated");
    EXPECT_EQ(summary->participation_fees, Yen{500'000});
    core::Viewer outsider;
    outsider.roles = {core::Role::kCompany};
    outsider.organization_id = uni_ + 1000;
    auto hidden = SummarizeProject(*store_, outsider, project_id);
    ASSERT_TRUE(hidden);
    EXPECT_FALSE(hidden->project.budget.has_value());
    EXPECT_FALSE(hidden->participation_fees.has_value());
    ASSERT_EQ(hidden->partners.size(), 1u);
    EXPECT_TRUE(hidden->partners[0].company);
}

TEST_F(HqTest, LedgerRefusesOverspendingAndOtherYears) {
    Id grant = 0;
    {
        auto tx = *store_->Begin({"test"});
        core::CoreOrganization core_org;
        core_org.cluster_id = cluster_;
        core_org.organization_id = uni_;
        ASSERT_TRUE(tx->Add(core_org));
        core::Grant g;
        g.cluster_id = cluster_;
        g.organization_id = uni_;
        g.fiscal_year = FiscalYear{2004};
        g.amount = Yen{100'000'000};
        g.kind = "regular";
        grant = *tx->Add(g);
        ASSERT_TRUE(tx->Commit());
    }
    auto add = [&](const char* date, const char* amount, const char* category) {
        return AddRecord(
            *store_, {"test"}, "ledger_entry",
            {"grant_id=" + std::to_string(grant), std::string("entry_date=") + date,
             std::string("amount=") + amount, std::string("category=") + category, "purpose=hq"});
    };
    ASSERT_TRUE(add("2004-06-01", "6000万円", "research"));
    ASSERT_TRUE(add("2005-03-31", "3000万円", "personnel"));
    auto over = add("2004-12-01", "2000万円", "travel");
    ASSERT_FALSE(over);
    EXPECT_NE(over.error().message.find("overspent by ¥10,000,000"), std::string::npos)
        << over.error().message;
    auto late = add("2005-04-01", "100万円", "travel");
    ASSERT_FALSE(late);
    EXPECT_NE(late.error().ToString().find("entry_date"), std::string::npos);
    EXPECT_NE(late.error().ToString().find("not carried over"), std::string::npos);

    auto years = LedgerSummary(*store_, cluster_, std::nullopt);
    ASSERT_TRUE(years) << years.error().ToString();
    ASSERT_EQ(years->size(), 1u);
    const LedgerYear& y = (*years)[0];
    EXPECT_EQ(y.granted.value, 100'000'000);
    EXPECT_EQ(y.executed.value, 90'000'000);
    ASSERT_TRUE(y.execution_rate.has_value());
    EXPECT_DOUBLE_EQ(*y.execution_rate, 0.9);
    std::map<std::string, int64_t> by_category;
    for (const auto& c : y.categories) by_category[c.category] = c.executed.value;
    EXPECT_EQ(by_category["research"], 60'000'000);
    EXPECT_EQ(by_category["personnel"], 30'000'000);
    EXPECT_EQ(by_category["travel"], 0);
}

// A grant of FY2004 with its core organisation, and a project with a FY2004 grant plan of
// ¥10,000,000, for the budget and purpose tests.
class HqBudgetTest : public HqTest {
  protected:
    void SetUp() override {
        HqTest::SetUp();
        auto tx = *store_->Begin({"test"});
        core::CoreOrganization core_org;
        core_org.cluster_id = cluster_;
        core_org.organization_id = uni_;
        ASSERT_TRUE(tx->Add(core_org));
        core::Grant g;
        g.cluster_id = cluster_;
        g.organization_id = uni_;
        g.fiscal_year = FiscalYear{2004};
        g.amount = Yen{100'000'000};
        g.kind = "regular";
        grant_ = *tx->Add(g);
        core::Project project;
        project.cluster_id = cluster_;
        project.title = "予算テスト研究";
        project.lead_organization_id = uni_;
        project.stage = "active";
        project_ = *tx->Add(project);
        ASSERT_TRUE(tx->Commit());
    }
    Result<Id> AddEntry(const std::string& date, const std::string& amount,
                        const std::string& purpose, bool charged) {
        std::vector<std::string> fields = {"grant_id=" + std::to_string(grant_),
                                           "entry_date=" + date, "amount=" + amount,
                                           "category=research"};
        if (!purpose.empty()) fields.push_back("purpose=" + purpose);
        if (charged) fields.push_back("project_id=" + std::to_string(project_));
        return AddRecord(*store_, {"test"}, "ledger_entry", fields);
    }
    Id grant_ = 0, project_ = 0;
};

TEST_F(HqBudgetTest, ProjectChargesAreRefusedBeyondTheFiscalYearPlanByTheExcess) {
    auto unplanned = AddEntry("2004-06-01", "100万円", "joint_research", true);
    ASSERT_FALSE(unplanned);
    EXPECT_NE(unplanned.error().message.find("has no budget for FY2004"), std::string::npos)
        << unplanned.error().message;
    ASSERT_TRUE(AddRecord(*store_, {"test"}, "project_budget",
                          {"project_id=" + std::to_string(project_), "fiscal_year=2004",
                           "grant_amount=1000万円", "company_fees=200万円"}));
    auto twice = AddRecord(
        *store_, {"test"}, "project_budget",
        {"project_id=" + std::to_string(project_), "fiscal_year=2004", "grant_amount=500万円"});
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().ToString().find("fiscal_year"), std::string::npos);
    auto negative = AddRecord(
        *store_, {"test"}, "project_budget",
        {"project_id=" + std::to_string(project_), "fiscal_year=2005", "grant_amount=-1"});
    EXPECT_FALSE(negative);

    ASSERT_TRUE(AddEntry("2004-06-01", "800万円", "joint_research", true));
    auto over = AddEntry("2004-09-01", "300万円", "joint_research", true);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(over.error().message.find("by ¥1,000,000"), std::string::npos)
        << over.error().message;
    EXPECT_NE(over.error().message.find("¥11,000,000"), std::string::npos);
    ASSERT_TRUE(AddEntry("2004-09-01", "200万円", "joint_research", true));
    // Not planned below what is already spent.
    auto cut = UpdateRecord(*store_, {"test"}, "project_budget", 1, {"grant_amount=900万円"});
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().ToString().find("grant_amount"), std::string::npos);

    auto summary = SummarizeProject(*store_, AdminViewer(), project_);
    ASSERT_TRUE(summary) << summary.error().ToString();
    ASSERT_EQ(summary->years.size(), 1u);
    EXPECT_EQ(summary->years[0].planned, Yen{10'000'000});
    EXPECT_EQ(summary->years[0].from_grant, Yen{10'000'000});
    EXPECT_EQ(summary->years[0].company_fees, Yen{2'000'000});
    ASSERT_TRUE(summary->years[0].execution_rate);
    EXPECT_DOUBLE_EQ(*summary->years[0].execution_rate, 1.0);
}

TEST_F(HqBudgetTest, PurposesComparePlansWithExecution) {
    auto missing = AddEntry("2004-06-01", "100万円", "", false);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().ToString().find("purpose"), std::string::npos);
    auto plan = [&](const char* purpose, const char* amount) {
        return AddRecord(*store_, {"test"}, "ledger_plan",
                         {"grant_id=" + std::to_string(grant_), std::string("purpose=") + purpose,
                          std::string("amount=") + amount});
    };
    ASSERT_TRUE(plan("joint_research", "6000万円"));
    ASSERT_TRUE(plan("coordinators", "2000万円"));
    ASSERT_TRUE(plan("ip", "1000万円"));
    EXPECT_FALSE(plan("ip", "100万円"));  // one plan per purpose
    auto over = plan("hq", "1500万円");
    ASSERT_FALSE(over);
    EXPECT_NE(over.error().message.find("by ¥5,000,000"), std::string::npos)
        << over.error().message;
    ASSERT_TRUE(AddEntry("2004-06-01", "4500万円", "joint_research", false));
    ASSERT_TRUE(AddEntry("2004-07-01", "2000万円", "coordinators", false));
    ASSERT_TRUE(AddEntry("2004-08-01", "300万円", "forums", false));
    {
        // An entry recorded before purposes existed (written directly, as old data is).
        auto tx = *store_->Begin({"test"});
        core::LedgerEntry old;
        old.grant_id = grant_;
        old.entry_date = Date{2004, 5, 1};
        old.category = "other";
        old.amount = Yen{1'000'000};
        ASSERT_TRUE(tx->Add(old));
        ASSERT_TRUE(tx->Commit());
    }
    auto years = LedgerSummary(*store_, cluster_, FiscalYear{2004});
    ASSERT_TRUE(years) << years.error().ToString();
    ASSERT_EQ(years->size(), 1u);
    const LedgerYear& y = (*years)[0];
    EXPECT_EQ(y.planned, Yen{90'000'000});
    EXPECT_EQ(y.executed, Yen{69'000'000});
    EXPECT_EQ(y.unclassified, Yen{1'000'000});
    std::map<std::string, LedgerPurpose> by;
    for (const auto& p : y.purposes) by[p.purpose] = p;
    ASSERT_EQ(by.size(), 5u);
    EXPECT_EQ(by["joint_research"].planned, Yen{60'000'000});
    EXPECT_EQ(by["joint_research"].executed, Yen{45'000'000});
    EXPECT_DOUBLE_EQ(*by["joint_research"].execution_rate, 0.75);
    EXPECT_DOUBLE_EQ(*by["coordinators"].execution_rate, 1.0);
    EXPECT_EQ(by["ip"].executed, Yen{0});
    EXPECT_DOUBLE_EQ(*by["ip"].execution_rate, 0.0);
    EXPECT_EQ(by["forums"].executed, Yen{3'000'000});
    EXPECT_FALSE(by["forums"].execution_rate.has_value());  // nothing planned
    EXPECT_EQ(by["hq"].planned, Yen{0});
}

}  // namespace
}  // namespace kc::app
