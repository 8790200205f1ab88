// The collaboration networks of a cluster on a real store: ties from projects, co-invention and
// introductions, yearly snapshots and growth, the threshold, brokerage of a coordinator, inside vs
// crossing ties, and what a viewer without rights does not see. Sample data written for these
// tests (fictional people and companies).

#include "app/network.h"

#include <gtest/gtest.h>

#include "app/hq.h"
#include "app/report.h"
#include "app/test_cluster.h"
#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

using core::Id;
using testing::AdminViewer;

class NetworkTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto tx = *store_->Begin({"test"});
        Id program_id = testing::AddTestProgram(*tx);
        const testing::TestCluster ids = testing::AddTestCluster(*tx, program_id);
        cluster_ = ids.cluster;
        uni_ = ids.university;
        company_ = ids.company;
        core::Region region;
        region.name_ja = "浜松地域";
        region.prefecture = "静岡県";
        Id region_id = *tx->Add(region);
        core::ClusterRegion cr;
        cr.cluster_id = cluster_;
        cr.region_id = region_id;
        ASSERT_TRUE(tx->Add(cr));
        auto cluster = *tx->Get<core::Cluster>(cluster_);
        cluster.started_on = Date{2002, 7, 1};
        ASSERT_TRUE(tx->Update(core::ToRecord(cluster)));
        for (Id org : {uni_, company_}) {
            auto o = *tx->Get<core::Organization>(org);
            o.prefecture = "静岡県";
            ASSERT_TRUE(tx->Update(core::ToRecord(o)));
        }
        core::Organization outside;
        outside.name_ja = "東京精機株式会社";
        outside.kind = "company";
        outside.prefecture = "東京都";
        outside_ = *tx->Add(outside);

        researcher_a_ = testing::AddTestPerson(*tx, uni_, "研究", "一子");
        researcher_b_ = testing::AddTestPerson(*tx, uni_, "研究", "二郎");
        employee_ = testing::AddTestPerson(*tx, company_, "社員", "三郎");
        coordinator_ = testing::AddTestPerson(*tx, uni_, "目利", "四郎");
        testing::AddTestPost(*tx, cluster_, coordinator_, "coordinator", Date{2002, 7, 1});

        // FY2003: joint research of the university and the local company, led by A.
        Id p1 = AddProject(*tx, "共同研究1", Date{2003, 5, 1}, company_);
        // FY2004: an unpublished invention of A and B in that project, applied for by both.
        core::Invention invention;
        invention.cluster_id = cluster_;
        invention.project_id = p1;
        invention.title = "未公開の発明";
        invention.disclosed_on = Date{2004, 7, 1};
        invention.status = "disclosed";
        invention.published = false;
        Id invention_id = *tx->Add(invention);
        for (Id person : {researcher_a_, researcher_b_}) {
            core::Inventor inventor;
            inventor.invention_id = invention_id;
            inventor.person_id = person;
            ASSERT_TRUE(tx->Add(inventor));
        }
        for (Id org : {uni_, company_}) {
            core::InventionApplicant applicant;
            applicant.invention_id = invention_id;
            applicant.organization_id = org;
            applicant.share_percent = 50;
            ASSERT_TRUE(tx->Add(applicant));
        }
        // FY2004: the coordinator introduces A's seed to the company's private need.
        core::Seed seed;
        seed.cluster_id = cluster_;
        seed.organization_id = uni_;
        seed.owner_id = researcher_a_;
        seed.title = "光センサー";
        seed.field = "it";
        seed.ip_status = "none";
        seed.visibility = "public";
        Id seed_id = *tx->Add(seed);
        core::Need need;
        need.cluster_id = cluster_;
        need.organization_id = company_;
        need.contact_id = employee_;
        need.title = "検査の自動化";
        need.field = "it";
        need.confidentiality = "private";
        need.registered_on = Date{2004, 4, 20};
        Id need_id = *tx->Add(need);
        core::Match match;
        match.seed_id = seed_id;
        match.need_id = need_id;
        match.status = "meeting";
        match.coordinator_id = coordinator_;
        match.suggested_on = Date{2004, 5, 10};
        ASSERT_TRUE(tx->Add(match));
        // FY2004: the coordinator visits the Tokyo company.
        core::Activity visit;
        visit.cluster_id = cluster_;
        visit.coordinator_id = coordinator_;
        visit.kind = "visit";
        visit.activity_date = Date{2004, 9, 1};
        visit.organization_id = outside_;
        ASSERT_TRUE(tx->Add(visit));
        // FY2005: a second project with the Tokyo company.
        AddProject(*tx, "共同研究2", Date{2005, 6, 1}, outside_);
        ASSERT_TRUE(tx->Commit());
    }

    Id AddProject(store::Transaction& tx, const char* title, Date start, Id partner_org) {
        core::Project project;
        project.cluster_id = cluster_;
        project.title = title;
        project.lead_organization_id = uni_;
        project.leader_id = researcher_a_;
        project.starts_on = start;
        project.stage = "active";
        Id id = *tx.Add(project);
        core::ProjectPartner partner;
        partner.project_id = id;
        partner.organization_id = partner_org;
        partner.role = "partner";
        EXPECT_TRUE(tx.Add(partner));
        return id;
    }

    Result<NetworkReport> Build(const core::Viewer& viewer, int fy, NetworkMode mode,
                                double min_weight = 1) {
        NetworkOptions options;
        options.mode = mode;
        options.min_weight = min_weight;
        return ClusterNetwork(*store_, viewer, cluster_, FiscalYear{fy}, options);
    }

    // The weight of the tie between two node keys, 0 when none.
    static double Tie(const NetworkReport& r, const std::string& a, const std::string& b) {
        auto ia = r.graph.Find(a), ib = r.graph.Find(b);
        if (!ia || !ib) return 0;
        for (const auto& e : r.graph.Edges()) {
            if ((e.source == *ia && e.target == *ib) || (e.source == *ib && e.target == *ia)) {
                return e.weight;
            }
        }
        return 0;
    }

    static std::string Org(Id id) { return "organization:" + std::to_string(id); }
    static std::string Person(Id id) { return "person:" + std::to_string(id); }

    testing::TempStore store_{"kc-network"};
    Id cluster_ = 0, uni_ = 0, company_ = 0, outside_ = 0;
    Id researcher_a_ = 0, researcher_b_ = 0, employee_ = 0, coordinator_ = 0;
};

TEST_F(NetworkTest, OrganisationSnapshotsGrowByFiscalYear) {
    auto fy2003 = Build(AdminViewer(), 2003, NetworkMode::kOrganizations);
    ASSERT_TRUE(fy2003) << fy2003.error().ToString();
    EXPECT_EQ(fy2003->summary.nodes, 2u);
    EXPECT_EQ(fy2003->summary.edges, 1u);
    EXPECT_DOUBLE_EQ(Tie(*fy2003, Org(uni_), Org(company_)), 1);

    auto fy2004 = Build(AdminViewer(), 2004, NetworkMode::kOrganizations);
    ASSERT_TRUE(fy2004);
    // The project, the co-applied invention and the introduction.
    EXPECT_DOUBLE_EQ(Tie(*fy2004, Org(uni_), Org(company_)), 3);
    EXPECT_EQ(fy2004->university_company_ties, 1);
    EXPECT_EQ(fy2004->inside_ties, 1);

    auto fy2005 = Build(AdminViewer(), 2005, NetworkMode::kOrganizations);
    ASSERT_TRUE(fy2005);
    const auto& r = *fy2005;
    EXPECT_EQ(r.summary.nodes, 3u);
    EXPECT_EQ(r.summary.edges, 2u);
    EXPECT_EQ(r.summary.components, 1u);
    EXPECT_NEAR(r.summary.density, 2.0 / 3.0, 1e-12);
    EXPECT_EQ(r.inside_ties, 1);
    EXPECT_EQ(r.crossing_ties, 1);
    EXPECT_DOUBLE_EQ(*r.inside_share, 0.5);
    EXPECT_EQ(r.university_company_ties, 2);
    // The university sits between the two companies.
    ASSERT_FALSE(r.top_brokers.empty());
    EXPECT_EQ(r.nodes[r.top_brokers[0]].key, Org(uni_));
    EXPECT_DOUBLE_EQ(r.nodes[r.top_brokers[0]].betweenness, 1.0);
    EXPECT_EQ(r.nodes[r.top_brokers[0]].category, "university");
    // Growth from the cluster's start (FY2002, nothing yet) to FY2005.
    ASSERT_EQ(r.growth.size(), 4u);
    EXPECT_EQ(r.growth[0].fiscal_year, FiscalYear{2002});
    EXPECT_EQ(r.growth[0].nodes, 0u);
    EXPECT_EQ(r.growth[1].edges, 1u);
    EXPECT_EQ(r.growth[3].nodes, 3u);
    EXPECT_EQ(r.growth[3].university_company_ties, 2);

    // The threshold drops the single-project tie to the Tokyo company.
    auto strong = Build(AdminViewer(), 2005, NetworkMode::kOrganizations, 2);
    ASSERT_TRUE(strong);
    EXPECT_EQ(strong->summary.edges, 1u);
    EXPECT_EQ(strong->summary.components, 2u);

    auto json = ToJson(r);
    EXPECT_EQ(json["summary"]["nodes"], 3);
    EXPECT_EQ(json["ties"]["university_company"], 2);
    EXPECT_EQ(json["growth"].size(), 4u);
    EXPECT_EQ(json["mode"], "organizations");
}

TEST_F(NetworkTest, PeopleAreTiedByProjectsInventionsAndIntroductions) {
    auto r = Build(AdminViewer(), 2004, NetworkMode::kPeople);
    ASSERT_TRUE(r) << r.error().ToString();
    // A and B: the invention and, through it, the project.
    EXPECT_DOUBLE_EQ(Tie(*r, Person(researcher_a_), Person(researcher_b_)), 2);
    EXPECT_DOUBLE_EQ(Tie(*r, Person(coordinator_), Person(researcher_a_)), 1);
    EXPECT_DOUBLE_EQ(Tie(*r, Person(coordinator_), Person(employee_)), 1);
    EXPECT_DOUBLE_EQ(Tie(*r, Person(researcher_a_), Person(employee_)), 1);
    ASSERT_EQ(r->coordinators.size(), 1u);
    EXPECT_EQ(r->nodes[r->coordinators[0]].key, Person(coordinator_));
    EXPECT_EQ(r->nodes[r->coordinators[0]].category, "coordinator");
}

TEST_F(NetworkTest, CoordinatorBrokersBetweenOrganisations) {
    auto r = Build(AdminViewer(), 2004, NetworkMode::kCoordination);
    ASSERT_TRUE(r) << r.error().ToString();
    EXPECT_EQ(r->summary.nodes, 4u);  // university, two companies, the coordinator
    ASSERT_EQ(r->coordinators.size(), 1u);
    const NetworkNode& k = r->nodes[r->coordinators[0]];
    EXPECT_EQ(k.degree, 3u);
    // University–Tokyo and company–Tokyo are open pairs only the coordinator bridges.
    EXPECT_EQ(k.open_pairs, 2);
    EXPECT_EQ(k.roles.liaison, 1);    // university ↔ company
    EXPECT_EQ(k.roles.itinerant, 1);  // company ↔ company
    EXPECT_GT(k.betweenness, 0.5);
    ASSERT_TRUE(k.constraint);
    EXPECT_LT(*k.constraint, 1.0);
    std::string gexf = ExportNetwork(*r, NetworkFormat::kGexf);
    EXPECT_NE(gexf.find("mode=\"dynamic\""), std::string::npos);
    EXPECT_NE(gexf.find("目利 四郎"), std::string::npos);
    std::string graphml = ExportNetwork(*r, NetworkFormat::kGraphMl);
    EXPECT_NE(graphml.find("attr.name=\"betweenness\""), std::string::npos);
}

TEST_F(NetworkTest, ViewersSeeOnlyWhatTheyMayRead) {
    const Date on{2004, 10, 1};
    core::Viewer outsider;
    outsider.roles = {core::Role::kCompany};
    outsider.organization_id = outside_;
    // No unpublished invention, no private need: only the project ties remain.
    auto org = Build(outsider, 2004, NetworkMode::kOrganizations);
    ASSERT_TRUE(org);
    EXPECT_DOUBLE_EQ(Tie(*org, Org(uni_), Org(company_)), 1);
    auto people = Build(outsider, 2004, NetworkMode::kPeople);
    ASSERT_TRUE(people);
    EXPECT_EQ(people->summary.edges, 0u);
    EXPECT_FALSE(people->graph.Find(Person(researcher_b_)));
    EXPECT_FALSE(people->graph.Find(Person(employee_)));

    // The cluster's coordinator (HQ) and an inventor see the invention.
    auto coordinator = *ViewerOf(*store_, {core::Role::kCoordinator}, coordinator_, on);
    auto hq = Build(coordinator, 2004, NetworkMode::kOrganizations);
    ASSERT_TRUE(hq);
    EXPECT_DOUBLE_EQ(Tie(*hq, Org(uni_), Org(company_)), 3);
    auto inventor = *ViewerOf(*store_, {core::Role::kResearcher}, researcher_b_, on);
    auto theirs = Build(inventor, 2004, NetworkMode::kPeople);
    ASSERT_TRUE(theirs);
    EXPECT_DOUBLE_EQ(Tie(*theirs, Person(researcher_a_), Person(researcher_b_)), 2);
    EXPECT_DOUBLE_EQ(Tie(*theirs, Person(coordinator_), Person(employee_)), 0);  // private need
}

TEST_F(NetworkTest, FeedsTheAnnualReport) {
    auto report = BuildAnnualReport(*store_, cluster_, FiscalYear{2005});
    ASSERT_TRUE(report) << report.error().ToString();
    EXPECT_EQ(report->network.summary.nodes, 3u);
    EXPECT_EQ(report->network.university_company_ties, 2);
    std::string html = RenderHtml(*report, ReportLang::kEn);
    EXPECT_NE(html.find("<section id=\"network\">"), std::string::npos);
    EXPECT_NE(html.find("3 organisations, 2 ties"), std::string::npos);
    EXPECT_NE(html.find("Top brokers (betweenness)"), std::string::npos);
    EXPECT_NE(html.find("<th scope=\"row\">テスト大学</th><td>University</td>"), std::string::npos);
    std::string csv = RenderCsv(*report, ReportLang::kJa);
    EXPECT_NE(csv.find("network," + std::to_string(cluster_) +
                       ",テストクラスター,2005,university_company_ties,産学の紐帯,,2,,"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",2002,nodes,機関,,0,,"), std::string::npos);
    auto json = ToJson(*report);
    EXPECT_EQ(json["network"]["summary"]["edges"], 2);
    EXPECT_EQ(json["network"]["growth"].size(), 4u);
}

TEST_F(NetworkTest, RefusesUnknownClustersAndBadOptions) {
    auto missing = ClusterNetwork(*store_, AdminViewer(), 999, FiscalYear{2004}, {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    auto negative = Build(AdminViewer(), 2004, NetworkMode::kOrganizations, -1);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(negative.error().ToString().find("min_weight"), std::string::npos);
    EXPECT_FALSE(ParseNetworkMode("friends"));
    EXPECT_EQ(*ParseNetworkMode("people"), NetworkMode::kPeople);
    EXPECT_FALSE(ParseNetworkFormat("dot"));
}

}  // namespace
}  // namespace kc::app
