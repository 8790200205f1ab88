// The simulator's runner and model: determinism at any thread count, levers moving KPIs the
// expected way, quantile maths, aggregation, cancellation and validation.

#include "engines/sim/sim.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <vector>

namespace kc::engines::sim {
namespace {

// Four full and two trial clusters of the default size.
SimConfig SmallProgramme() {
    SimConfig config;
    for (int i = 0; i < 6; ++i) {
        ClusterSpec cluster;
        cluster.name = "c" + std::to_string(i);
        cluster.kind = i < 4 ? ClusterKind::kFull : ClusterKind::kTrial;
        config.clusters.push_back(cluster);
    }
    config.promote_per_year = 1;
    return config;
}

bool BitwiseEqual(const SimResult& a, const SimResult& b) {
    if (a.bands.size() != b.bands.size() || a.totals.size() != b.totals.size()) return false;
    return std::memcmp(a.bands.data(), b.bands.data(), a.bands.size() * sizeof(KpiBand)) == 0 &&
           std::memcmp(a.totals.data(), b.totals.data(), a.totals.size() * sizeof(KpiBand)) == 0 &&
           a.agent_steps == b.agent_steps;
}

TEST(Quantile, InterpolatesLinearlyBetweenOrderStatistics) {
    std::vector<double> values = {1, 2, 3, 4, 5};
    EXPECT_DOUBLE_EQ(Quantile(values, 0.0), 1);
    EXPECT_DOUBLE_EQ(Quantile(values, 1.0), 5);
    EXPECT_DOUBLE_EQ(Quantile(values, 0.5), 3);
    EXPECT_DOUBLE_EQ(Quantile(values, 0.05), 1.2);  // position 0.2
    EXPECT_DOUBLE_EQ(Quantile(values, 0.95), 4.8);  // position 3.8
    std::vector<double> one = {7};
    EXPECT_DOUBLE_EQ(Quantile(one, 0.05), 7);
    EXPECT_DOUBLE_EQ(Quantile(one, 0.95), 7);
    // 0..100: the q-quantile is 100 q exactly.
    std::vector<double> hundred;
    for (int i = 0; i <= 100; ++i) hundred.push_back(i);
    EXPECT_NEAR(Quantile(hundred, 0.05), 5, 1e-12);
    EXPECT_NEAR(Quantile(hundred, 0.95), 95, 1e-12);
}

TEST(Aggregate, MeansQuantilesAndTotalsOverRuns) {
    // Two fiscal years; run r has joint_research = r in FY0 and 2r in FY1, ties = 10 + r (stock).
    std::vector<RunSeries> runs;
    for (int r = 0; r < 21; ++r) {
        RunSeries s;
        s.fiscal_years = 2;
        s.values.assign(static_cast<size_t>(kKpiCount * 2), 0.0);
        s.values[static_cast<size_t>(static_cast<int>(Kpi::kJointResearch) * 2 + 0)] = r;
        s.values[static_cast<size_t>(static_cast<int>(Kpi::kJointResearch) * 2 + 1)] = 2 * r;
        s.values[static_cast<size_t>(static_cast<int>(Kpi::kTies) * 2 + 0)] = 5;
        s.values[static_cast<size_t>(static_cast<int>(Kpi::kTies) * 2 + 1)] = 10 + r;
        runs.push_back(s);
    }
    // Shuffled input order must not change quantiles.
    std::swap(runs[0], runs[20]);
    SimResult result = Aggregate(runs, 2002, 1);
    EXPECT_EQ(result.runs, 21);
    EXPECT_EQ(result.fiscal_years, 2);
    EXPECT_DOUBLE_EQ(result.Band(Kpi::kJointResearch, 0).mean, 10);
    EXPECT_DOUBLE_EQ(result.Band(Kpi::kJointResearch, 0).p05, 1);   // position 1
    EXPECT_DOUBLE_EQ(result.Band(Kpi::kJointResearch, 0).p95, 19);  // position 19
    EXPECT_DOUBLE_EQ(result.Band(Kpi::kJointResearch, 1).mean, 20);
    // Flows are summed over years, stocks taken at the end.
    EXPECT_DOUBLE_EQ(result.Total(Kpi::kJointResearch).mean, 30);
    EXPECT_DOUBLE_EQ(result.Total(Kpi::kTies).mean, 20);
    EXPECT_DOUBLE_EQ(result.Total(Kpi::kTies).p05, 11);
}

TEST(Simulate, BitwiseIdenticalAtOneTwoAndFourThreads) {
    SimConfig config = SmallProgramme();
    std::vector<SimOutput> outputs;
    for (int threads : {1, 2, 4}) {
        SimOptions options;
        options.threads = threads;
        options.keep_runs = true;
        auto output = Simulate(config, 24, 77, options);
        ASSERT_TRUE(output) << output.error().ToString();
        outputs.push_back(std::move(*output));
    }
    for (size_t i = 1; i < outputs.size(); ++i) {
        EXPECT_TRUE(BitwiseEqual(outputs[0].result, outputs[i].result)) << "thread case " << i;
        ASSERT_EQ(outputs[0].runs.size(), outputs[i].runs.size());
        for (size_t r = 0; r < outputs[0].runs.size(); ++r) {
            EXPECT_EQ(outputs[0].runs[r].values, outputs[i].runs[r].values) << "run " << r;
        }
    }
}

TEST(Simulate, RunsMatchSimulateRunAndSeedsDiffer) {
    SimConfig config = SmallProgramme();
    SimOptions options;
    options.threads = 3;
    options.keep_runs = true;
    auto output = Simulate(config, 5, 9, options);
    ASSERT_TRUE(output);
    for (int r = 0; r < 5; ++r) {
        EXPECT_EQ(output->runs[static_cast<size_t>(r)].values, SimulateRun(config, 9, r).values);
    }
    EXPECT_NE(SimulateRun(config, 9, 0).values, SimulateRun(config, 10, 0).values);
    EXPECT_NE(SimulateRun(config, 9, 0).values, SimulateRun(config, 9, 1).values);
}

TEST(Simulate, DeterministicOverManySeeds) {
    SimConfig config = SmallProgramme();
    config.months = 24;
    for (uint64_t seed = 0; seed < 50; ++seed) {
        EXPECT_EQ(SimulateRun(config, seed, 3).values, SimulateRun(config, seed, 3).values) << seed;
    }
}

TEST(Simulate, SpendNeverExceedsTheBudget) {
    SimConfig config = SmallProgramme();
    config.promote_per_year = 0;
    for (int run = 0; run < 20; ++run) {
        RunSeries s = SimulateRun(config, 5, run);
        for (int fy = 0; fy < s.fiscal_years; ++fy) {
            // 4 full × ¥500m + 2 trial × ¥100m per year.
            EXPECT_LE(s.Value(Kpi::kSpend, fy), 4 * 500e6 + 2 * 100e6) << "run " << run;
            EXPECT_GT(s.Value(Kpi::kSpend, fy), 0);
        }
    }
}

double MeanTotal(const SimConfig& config, Kpi kpi, int runs = 40) {
    SimOptions options;
    options.threads = 2;
    auto output = Simulate(config, runs, 2024, options);
    EXPECT_TRUE(output) << output.error().ToString();
    return output ? output->result.Total(kpi).mean : 0;
}

TEST(Levers, MoreBudgetFormsMoreJointResearch) {
    SimConfig low = SmallProgramme(), high = SmallProgramme();
    ASSERT_TRUE(ApplyLever(low, "budget_per_year", 200e6));
    ASSERT_TRUE(ApplyLever(high, "budget_per_year", 800e6));
    double low_projects = MeanTotal(low, Kpi::kJointResearch);
    double high_projects = MeanTotal(high, Kpi::kJointResearch);
    EXPECT_GT(high_projects, 1.3 * low_projects) << low_projects << " vs " << high_projects;
    EXPECT_GT(MeanTotal(high, Kpi::kPatentApplications), MeanTotal(low, Kpi::kPatentApplications));
}

TEST(Levers, ZeroCoordinatorsMeansFarFewerIntroductions) {
    SimConfig none = SmallProgramme(), some = SmallProgramme();
    ASSERT_TRUE(ApplyLever(none, "coordinators", 0));
    double without = MeanTotal(none, Kpi::kIntroductions);
    double with = MeanTotal(some, Kpi::kIntroductions);
    EXPECT_LT(without, 0.25 * with) << without << " vs " << with;
    // Forums still introduce a few pairs.
    EXPECT_GT(without, 0);
    ASSERT_TRUE(ApplyLever(none, "forum_interval_months", 0));
    EXPECT_EQ(MeanTotal(none, Kpi::kIntroductions), 0);
}

TEST(Levers, ForumsAddTiesAndLongerFundingAddsOutput) {
    SimConfig no_forums = SmallProgramme(), forums = SmallProgramme();
    ASSERT_TRUE(ApplyLever(no_forums, "forum_interval_months", 0));
    ASSERT_TRUE(ApplyLever(forums, "forum_interval_months", 2));
    EXPECT_GT(MeanTotal(forums, Kpi::kTies), MeanTotal(no_forums, Kpi::kTies));

    SimConfig short_funding = SmallProgramme(), long_funding = SmallProgramme();
    ASSERT_TRUE(ApplyLever(short_funding, "funded_years", 2));
    EXPECT_GT(MeanTotal(long_funding, Kpi::kPatentApplications),
              MeanTotal(short_funding, Kpi::kPatentApplications));
    EXPECT_GT(MeanTotal(long_funding, Kpi::kSpend), MeanTotal(short_funding, Kpi::kSpend));
}

TEST(Levers, TrialRegionsSpendLessThanFullOnes) {
    SimConfig all_full = SmallProgramme(), all_trial = SmallProgramme();
    ASSERT_TRUE(ApplyLever(all_full, "trial_regions", 0));
    ASSERT_TRUE(ApplyLever(all_trial, "trial_regions", 6));
    ASSERT_TRUE(ApplyLever(all_trial, "promote_per_year", 0));
    EXPECT_GT(MeanTotal(all_full, Kpi::kSpend), 3 * MeanTotal(all_trial, Kpi::kSpend));
    EXPECT_GT(MeanTotal(all_full, Kpi::kJointResearch), MeanTotal(all_trial, Kpi::kJointResearch));
}

TEST(Levers, StricterThresholdMeansFewerIntroductions) {
    SimConfig loose = SmallProgramme(), strict = SmallProgramme();
    ASSERT_TRUE(ApplyLever(loose, "match_threshold", 0.3));
    ASSERT_TRUE(ApplyLever(strict, "match_threshold", 0.95));
    EXPECT_GT(MeanTotal(loose, Kpi::kIntroductions), MeanTotal(strict, Kpi::kIntroductions));
}

TEST(Levers, UnknownLeverAndBadValuesAreNamed) {
    SimConfig config = SmallProgramme();
    auto unknown = ApplyLever(config, "budget", 1);
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().ToString().find("budget_per_year"), std::string::npos);
    auto bad = ApplyLever(config, "coordinators", -1);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.at(0).path, "coordinators");
    EXPECT_FALSE(ApplyLever(config, "coordinators", 2.5));
    EXPECT_FALSE(ApplyLever(config, "outside_firm_share", 1.5));
    EXPECT_FALSE(ApplyLever(config, "trial_regions", 7));
    EXPECT_FALSE(ApplyLever(config, "introduction_rule", 2));
}

TEST(Sweep, OnePointPerValueWithCommonRandomNumbers) {
    SimConfig config = SmallProgramme();
    config.months = 36;
    std::vector<double> values = {0, 4};
    std::atomic<int64_t> last{0};
    SimOptions options;
    options.threads = 2;
    options.progress = [&](int64_t done, int64_t total) {
        EXPECT_EQ(total, 20);
        last = done;
        return true;
    };
    auto points = Sweep(config, "coordinators", values, 10, 3, options);
    ASSERT_TRUE(points) << points.error().ToString();
    ASSERT_EQ(points->size(), 2u);
    EXPECT_EQ(last.load(), 20);
    EXPECT_LT((*points)[0].result.Total(Kpi::kIntroductions).mean,
              (*points)[1].result.Total(Kpi::kIntroductions).mean);
    // The point with 4 coordinators is the plain run with that config.
    SimConfig four = config;
    ASSERT_TRUE(ApplyLever(four, "coordinators", 4));
    auto plain = Simulate(four, 10, 3);
    ASSERT_TRUE(plain);
    EXPECT_TRUE(BitwiseEqual((*points)[1].result, plain->result));
    EXPECT_FALSE(Sweep(config, "coordinators", std::vector<double>{}, 10, 3));
    EXPECT_FALSE(Sweep(config, "nonsense", values, 10, 3));
}

TEST(Simulate, ProgressCanCancel) {
    SimConfig config = SmallProgramme();
    SimOptions options;
    options.threads = 2;
    options.progress = [](int64_t, int64_t) { return false; };
    auto output = Simulate(config, 1000, 1, options);
    ASSERT_FALSE(output);
    EXPECT_EQ(output.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(output.error().message, "cancelled");
}

TEST(Simulate, StopTokenCancels) {
    SimConfig config = SmallProgramme();
    std::stop_source source;
    source.request_stop();
    SimOptions options;
    options.stop = source.get_token();
    auto output = Simulate(config, 100, 1, options);
    ASSERT_FALSE(output);
    EXPECT_EQ(output.error().message, "cancelled");
}

TEST(Simulate, ProgressReachesTheTotal) {
    SimConfig config = SmallProgramme();
    int64_t last = -1;
    SimOptions options;
    options.progress = [&](int64_t done, int64_t total) {
        EXPECT_EQ(total, 7);
        EXPECT_GE(done, last);
        last = done;
        return true;
    };
    ASSERT_TRUE(Simulate(config, 7, 1, options));
    EXPECT_EQ(last, 7);
}

TEST(Validate, NamesEveryBadField) {
    SimConfig config = SmallProgramme();
    config.months = 0;
    config.model.invention_rate = -1;
    config.model.lag_min_months = 10;
    config.model.lag_max_months = 5;
    config.clusters[2].coordinators = -3;
    auto status = Validate(config);
    ASSERT_FALSE(status);
    std::vector<std::string> paths;
    for (const auto& field : status.error().fields) paths.push_back(field.path);
    EXPECT_EQ(paths,
              (std::vector<std::string>{"months", "model.invention_rate", "model.lag_max_months",
                                        "clusters[2].coordinators"}));
    auto runs = Simulate(SmallProgramme(), 0, 1);
    ASSERT_FALSE(runs);
    EXPECT_EQ(runs.error().fields.at(0).path, "runs");
    SimConfig empty;
    EXPECT_FALSE(Validate(empty));
}

TEST(Simulate, SmallBudgetsKeepOnlyTheCoordinatorsTheyCanPay) {
    SimConfig config = SmallProgramme();
    config.promote_per_year = 0;
    ASSERT_TRUE(ApplyLever(config, "budget_per_year", 20e6));
    ASSERT_TRUE(ApplyLever(config, "trial_budget_per_year", 5e6));
    ASSERT_TRUE(ApplyLever(config, "coordinators", 7));
    for (int run = 0; run < 10; ++run) {
        RunSeries s = SimulateRun(config, 8, run);
        for (int fy = 0; fy < s.fiscal_years; ++fy) {
            EXPECT_LE(s.Value(Kpi::kSpend, fy), 4 * 20e6 + 2 * 5e6) << "run " << run;
        }
    }
}

TEST(Validate, RefusesConfigsTooLargeForMemory) {
    SimConfig config = SmallProgramme();
    config.clusters[0].researchers = 30000;
    config.clusters[0].companies = 30000;
    auto status = Validate(config);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().fields.back().path, "clusters");
}

TEST(Simulate, EmptyClustersDoNotCrash) {
    SimConfig config;
    ClusterSpec nobody;
    nobody.researchers = 0;
    nobody.companies = 0;
    nobody.outside_pool = 0;
    nobody.coordinators = 0;
    config.clusters.push_back(nobody);
    auto output = Simulate(config, 3, 1);
    ASSERT_TRUE(output);
    EXPECT_EQ(output->result.Total(Kpi::kJointResearch).mean, 0);
}

}  // namespace
}  // namespace kc::engines::sim
