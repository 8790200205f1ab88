// Simulation use cases: the FY2002 default programme, a cluster's starting state from the store,
// running a scenario with progress and cancellation, and the CSV/JSON/SVG outputs.

#include "app/simulation.h"

#include <gtest/gtest.h>

#include "app/test_cluster.h"
#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

namespace sim = engines::sim;

size_t Count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

TEST(SimulationDefaults, ModelsTheFy2002Programme) {
    sim::SimConfig config = DefaultProgrammeConfig();
    ASSERT_TRUE(sim::Validate(config));
    ASSERT_EQ(config.clusters.size(), 18u);
    int full = 0, trial = 0;
    for (const auto& cluster : config.clusters) {
        (cluster.kind == sim::ClusterKind::kFull ? full : trial) += 1;
        EXPECT_EQ(cluster.budget_per_year, 500'000'000) << cluster.name;
    }
    EXPECT_EQ(full, 12);
    EXPECT_EQ(trial, 6);
    EXPECT_EQ(config.start_fy, 2002);
    EXPECT_EQ(config.months, 60);
    EXPECT_EQ(config.clusters[3].name, "浜松オプトロニクスクラスター");
    EXPECT_EQ(config.clusters[3].coordinators, 7);
    // The default config survives its own TOML form.
    auto parsed = sim::ParseConfigToml(sim::ConfigToToml(config), "default.toml", {});
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    EXPECT_EQ(sim::ConfigToToml(*parsed), sim::ConfigToToml(config));
}

// Programme-level calibration (docs/simulator.md): the default FY2002 programme spends per fiscal
// year about what the national budget was — FY2003 ¥6.9bn, FY2004 ¥9bn, FY2005 ¥10bn
// [S it-cluster.jp/english; MEXT outline.htm] — within a factor 1.5, means over 100 runs.
TEST(SimulationDefaults, SpendsAboutTheNationalBudgetPerYear) {
    auto result = RunScenario(DefaultProgrammeConfig(), 100, 2002, {});
    ASSERT_TRUE(result) << result.error().ToString();
    const std::pair<int, double> budgets[] = {{2003, 6.9e9}, {2004, 9e9}, {2005, 10e9}};
    for (const auto& [fy, budget] : budgets) {
        const double spend = result->Band(sim::Kpi::kSpend, fy - 2002).mean;
        std::printf("calibration: FY%d spend %.2f bn yen (national budget %.1f)\n", fy, spend / 1e9,
                    budget / 1e9);
        EXPECT_GE(spend, budget / 1.5) << fy;
        EXPECT_LE(spend, budget * 1.5) << fy;
    }
}

class SimulationStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto tx = *store_->Begin({"test"});
        core::Id program = testing::AddTestProgram(*tx);
        ids_ = testing::AddTestCluster(*tx, program);
        core::Region home;
        home.name_ja = "テスト地域";
        home.prefecture = "愛知県";
        core::Id region = *tx->Add(home);
        core::Region away;
        away.name_ja = "遠方";
        away.prefecture = "東京都";
        core::Id far = *tx->Add(away);
        core::ClusterRegion link;
        link.cluster_id = ids_.cluster;
        link.region_id = region;
        ASSERT_TRUE(tx->Add(link));

        // Firms: the test company (no region, no prefecture: outside), an SME in the region, a
        // large firm in the prefecture without region, a firm of the far region.
        auto firm = [&](const char* name, bool sme, std::optional<core::Id> region_id,
                        const char* prefecture) {
            core::Organization org;
            org.name_ja = name;
            org.kind = "company";
            org.sme = sme;
            org.region_id = region_id;
            org.prefecture = prefecture;
            return *tx->Add(org);
        };
        core::Id sme = firm("地元中小", true, region, "");
        core::Id large = firm("県内大手", false, std::nullopt, "愛知県");
        core::Id remote = firm("遠方企業", false, far, "");
        // Three researchers at the university, two of them owning seeds; four seeds.
        core::Id a = testing::AddTestPerson(*tx, ids_.university, "研究", "一");
        testing::AddTestPerson(*tx, ids_.university, "研究", "二");
        testing::AddTestPerson(*tx, ids_.university, "研究", "三");
        std::vector<core::Id> seeds;
        for (int i = 0; i < 4; ++i) {
            core::Seed seed;
            seed.cluster_id = ids_.cluster;
            seed.organization_id = ids_.university;
            seed.owner_id = a;
            seed.title = "シーズ" + std::to_string(i);
            seed.field = "it";
            seed.ip_status = "none";
            seed.visibility = "cluster";
            auto id = tx->Add(seed);
            ASSERT_TRUE(id) << id.error().ToString();
            seeds.push_back(*id);
        }
        std::vector<core::Id> needs;
        for (core::Id company : {sme, large, remote, ids_.company}) {
            core::Need need;
            need.cluster_id = ids_.cluster;
            need.organization_id = company;
            need.title = "ニーズ";
            need.field = "it";
            need.confidentiality = "cluster";
            auto id = tx->Add(need);
            ASSERT_TRUE(id) << id.error().ToString();
            needs.push_back(*id);
        }
        // Two matches, the second declined (matches start as suggested).
        for (size_t k = 0; k < 2; ++k) {
            core::Match match;
            match.seed_id = seeds[0];
            match.need_id = needs[k];
            match.status = "suggested";
            auto id = tx->Add(match);
            ASSERT_TRUE(id) << id.error().ToString();
            if (k == 1) {
                match.id = *id;
                match.status = "declined";
                match.decline_reason = "テスト";
                auto saved = tx->Save(match);
                ASSERT_TRUE(saved) << saved.error().ToString();
            }
        }
        // Coordinators: two held on 2004-06-01, one left before.
        core::Id c1 = testing::AddTestPerson(*tx, ids_.university, "調整", "一");
        core::Id c2 = testing::AddTestPerson(*tx, ids_.university, "調整", "二");
        core::Id c3 = testing::AddTestPerson(*tx, ids_.university, "調整", "三");
        testing::AddTestPost(*tx, ids_.cluster, c1, "coordinator", Date{2002, 7, 1});
        testing::AddTestPost(*tx, ids_.cluster, c2, "commercialization_coordinator",
                             Date{2003, 4, 1});
        testing::AddTestPost(*tx, ids_.cluster, c3, "coordinator", Date{2002, 7, 1},
                             Date{2003, 3, 31});
        // Grants: FY2003 ¥450m in two parts, FY2004 ¥480m, FY2005 (after the date) ¥999m.
        auto grant = [&](int fy, int64_t amount) {
            core::Grant g;
            g.cluster_id = ids_.cluster;
            g.organization_id = ids_.university;
            g.fiscal_year = FiscalYear{fy};
            g.amount = Yen{amount};
            g.kind = "regular";
            ASSERT_TRUE(tx->Add(g));
        };
        grant(2003, 400'000'000);
        grant(2003, 50'000'000);
        grant(2004, 480'000'000);
        grant(2005, 999'000'000);
        ASSERT_TRUE(tx->Commit());
    }

    testing::TempStore store_{"simulation"};
    testing::TestCluster ids_;
};

TEST_F(SimulationStoreTest, ReadsTheClusterState) {
    auto cluster = ClusterFromStore(*store_, ids_.cluster, Date{2004, 6, 1});
    ASSERT_TRUE(cluster) << cluster.error().ToString();
    EXPECT_EQ(cluster->seeds, 4);
    // The university's people: three researchers and three coordinators.
    EXPECT_EQ(cluster->researchers, 6);
    EXPECT_EQ(cluster->spec.researchers, 6);
    EXPECT_DOUBLE_EQ(cluster->spec.initial_seeds, 4.0 / 6.0);
    EXPECT_EQ(cluster->companies_inside, 2);   // by region, by prefecture
    EXPECT_EQ(cluster->companies_outside, 2);  // another region, no location
    EXPECT_EQ(cluster->spec.companies, 4);
    EXPECT_DOUBLE_EQ(cluster->spec.outside_firm_share, 0.5);
    EXPECT_DOUBLE_EQ(cluster->spec.sme_share, 0.5);
    EXPECT_EQ(cluster->coordinators, 2);
    EXPECT_EQ(cluster->spec.coordinators, 2);
    EXPECT_EQ(cluster->ties, 1);  // the declined match does not count
    ASSERT_TRUE(cluster->budget_fy);
    EXPECT_EQ(*cluster->budget_fy, 2004);
    EXPECT_EQ(cluster->spec.budget_per_year, 480'000'000);
    EXPECT_EQ(cluster->spec.kind, sim::ClusterKind::kFull);
    EXPECT_EQ(cluster->spec.name, "テストクラスター");
    EXPECT_TRUE(cluster->notes.empty());

    // A year earlier: FY2003's two grants add up; one more coordinator held a post.
    auto earlier = ClusterFromStore(*store_, ids_.cluster, Date{2003, 3, 1});
    ASSERT_TRUE(earlier);
    EXPECT_EQ(earlier->spec.budget_per_year, 500'000'000);  // no grant up to FY2002: default
    EXPECT_FALSE(earlier->notes.empty());
    auto fy2003 = ClusterFromStore(*store_, ids_.cluster, Date{2003, 5, 1});
    ASSERT_TRUE(fy2003);
    EXPECT_EQ(fy2003->spec.budget_per_year, 450'000'000);
    EXPECT_EQ(fy2003->coordinators, 2);
}

TEST_F(SimulationStoreTest, ConfigFromStoreRunsAndUnknownClusterIsNotFound) {
    std::vector<core::Id> ids = {ids_.cluster};
    auto config = ConfigFromStore(*store_, ids, Date{2004, 6, 1}, DefaultProgrammeConfig());
    ASSERT_TRUE(config) << config.error().ToString();
    EXPECT_EQ(config->start_fy, 2004);
    ASSERT_EQ(config->clusters.size(), 1u);
    auto result = RunScenario(*config, 10, 1, {});
    ASSERT_TRUE(result) << result.error().ToString();
    EXPECT_EQ(result->runs, 10);
    std::vector<core::Id> missing = {ids_.cluster + 1000};
    auto unknown = ConfigFromStore(*store_, missing, Date{2004, 6, 1}, DefaultProgrammeConfig());
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST(SimulationRun, ProgressReachesOneAndFalseCancels) {
    sim::SimConfig config = DefaultProgrammeConfig();
    double last = -1;
    auto result = RunScenario(config, 6, 5, [&](double fraction) {
        EXPECT_GE(fraction, last);
        EXPECT_LE(fraction, 1.0);
        last = fraction;
        return true;
    });
    ASSERT_TRUE(result);
    EXPECT_DOUBLE_EQ(last, 1.0);
    auto cancelled = RunScenario(config, 500, 5, [](double) { return false; });
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().message, "cancelled");
}

TEST(SimulationOutput, CsvJsonAndSvg) {
    sim::SimConfig config = DefaultProgrammeConfig();
    auto a = RunScenario(config, 8, 11, {}, 1);
    auto again = RunScenario(config, 8, 11, {}, 2);
    ASSERT_TRUE(a && again);
    const std::string csv = SimResultCsv(*a);
    EXPECT_EQ(csv, SimResultCsv(*again));
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "fiscal_year,kpi,mean,p05,p95");
    // 5 fiscal years × 10 KPIs + 10 totals + the header.
    EXPECT_EQ(Count(csv, "\n"), 61u);
    EXPECT_NE(csv.find("\n2002,joint_research,"), std::string::npos);
    EXPECT_NE(csv.find("\ntotal,patent_applications,"), std::string::npos);

    nlohmann::json json = ToJson(*a);
    EXPECT_EQ(json["runs"], 8);
    EXPECT_EQ(json["kpis"]["joint_research"]["by_fiscal_year"].size(), 5u);
    EXPECT_EQ(json["kpis"]["ties"]["stock"], true);
    EXPECT_DOUBLE_EQ(json["kpis"]["patent_applications"]["total"]["mean"].get<double>(),
                     a->Total(sim::Kpi::kPatentApplications).mean);

    const std::string svg = RenderSimSvg(*a, "FY2002 <default>");
    EXPECT_EQ(svg, RenderSimSvg(*again, "FY2002 <default>"));
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_EQ(Count(svg, "class=\"panel\""), 10u);
    EXPECT_EQ(Count(svg, "class=\"band\""), 10u);
    EXPECT_EQ(Count(svg, "<circle"), 50u);
    EXPECT_NE(svg.find("FY2002 &lt;default&gt;"), std::string::npos);
    EXPECT_EQ(svg.find("<default>"), std::string::npos);

    sim::SimConfig poorer = config;
    ASSERT_TRUE(sim::ApplyLever(poorer, "budget_per_year", 250e6));
    auto b = RunScenario(poorer, 8, 11, {}, 2);
    ASSERT_TRUE(b);
    const std::string both = RenderSimSvg(*a, "¥500m", &*b, "¥250m");
    EXPECT_EQ(Count(both, "class=\"band\""), 20u);
    EXPECT_NE(both.find("B: ¥250m"), std::string::npos);

    std::vector<sim::SweepPoint> points = {{1, *a}, {2.5, *b}};
    const std::string sweep = SweepCsv("coordinators", points);
    EXPECT_EQ(sweep.substr(0, sweep.find('\n')), "lever,value,fiscal_year,kpi,mean,p05,p95");
    EXPECT_NE(sweep.find("\ncoordinators,2.5,2002,introductions,"), std::string::npos);
    EXPECT_EQ(SweepToJson("coordinators", points)["points"].size(), 2u);
}

}  // namespace
}  // namespace kc::app
