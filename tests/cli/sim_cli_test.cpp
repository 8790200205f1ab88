// `kcluster sim run | sweep | config` as a user runs them: the CSV header, the same bytes for the
// same seed at any thread count, configs that round-trip, located errors for bad configs and
// options, sweeps, SVG and JSON output, and a start from the demo database.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli/test_support.h"

namespace kc::testing {
namespace {

using nlohmann::json;

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST(SimCli, RunIsDeterministicPerSeedAtAnyThreadCount) {
    ScratchDir dir;
    const std::string one = dir.Path("one.csv").string(), two = dir.Path("two.csv").string(),
                      other = dir.Path("other.csv").string();
    auto a =
        RunKcluster({"sim", "run", "--runs", "16", "--seed", "5", "--threads", "1", "--out", one});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    auto b =
        RunKcluster({"sim", "run", "--runs", "16", "--seed", "5", "--threads", "2", "--out", two});
    ASSERT_EQ(b.exit_code, 0) << b.err;
    auto c = RunKcluster({"sim", "run", "--runs", "16", "--seed", "6", "--out", other});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    const std::string csv = ReadBytes(one);
    EXPECT_EQ(FirstLine(csv), "fiscal_year,kpi,mean,p05,p95");
    EXPECT_EQ(csv, ReadBytes(two));
    EXPECT_NE(csv, ReadBytes(other));
    EXPECT_NE(csv.find("\n2006,commercialisations,"), std::string::npos);
    EXPECT_NE(csv.find("\ntotal,spend_yen,"), std::string::npos);
    EXPECT_NE(a.err.find("agent-steps/s"), std::string::npos) << a.err;
    // Without --out the CSV goes to stdout.
    auto d = RunKcluster({"sim", "run", "--runs", "16", "--seed", "5"});
    ASSERT_EQ(d.exit_code, 0) << d.err;
    EXPECT_EQ(d.out, csv);
}

TEST(SimCli, ConfigRoundTripsThroughAFile) {
    ScratchDir dir;
    const std::string toml = dir.Path("fy2002.toml").string();
    auto printed = RunKcluster({"sim", "config", "--out", toml});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    const std::string text = ReadBytes(toml);
    EXPECT_NE(text.find("[cluster_defaults]"), std::string::npos);
    EXPECT_NE(text.find("name = \"浜松オプトロニクスクラスター\""), std::string::npos);
    auto defaults = RunKcluster({"sim", "run", "--runs", "8", "--seed", "3"});
    auto from_file = RunKcluster({"sim", "run", "--config", toml, "--runs", "8", "--seed", "3"});
    ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
    EXPECT_EQ(defaults.out, from_file.out);
    // An edited lever changes the result.
    WriteBytes(toml, text + "\n");
    const std::string poor = dir.Path("poor.toml").string();
    WriteBytes(poor, "[cluster_defaults]\nbudget_per_year = \"1億円\"\n");
    auto poorer = RunKcluster({"sim", "run", "--config", poor, "--runs", "8", "--seed", "3"});
    ASSERT_EQ(poorer.exit_code, 0) << poorer.err;
    EXPECT_NE(poorer.out, defaults.out);
}

TEST(SimCli, BadConfigsAndOptionsAreLocated) {
    ScratchDir dir;
    const std::string bad = dir.Path("bad.toml").string();
    WriteBytes(bad, "months = 60\nbudget = 5\n[model]\ninvention_rate = -2\n");
    auto r = RunKcluster({"sim", "run", "--config", bad, "--runs", "4"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("bad.toml:2: budget"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("bad.toml:4: model.invention_rate"), std::string::npos) << r.err;

    auto runs = RunKcluster({"sim", "run", "--runs", "0"});
    EXPECT_EQ(runs.exit_code, 1);
    EXPECT_NE(runs.err.find("--runs"), std::string::npos) << runs.err;
    auto missing = RunKcluster({"sim", "run", "--config", dir.Path("none.toml").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("none.toml"), std::string::npos) << missing.err;
    auto cluster = RunKcluster({"sim", "run", "--cluster", "1"});
    EXPECT_EQ(cluster.exit_code, 1);
    EXPECT_NE(cluster.err.find("--from-db"), std::string::npos) << cluster.err;
    auto lever = RunKcluster({"sim", "sweep", "--lever", "luck", "--values", "1,2", "--runs", "2"});
    EXPECT_EQ(lever.exit_code, 1);
    EXPECT_NE(lever.err.find("budget_per_year"), std::string::npos) << lever.err;
    auto values =
        RunKcluster({"sim", "sweep", "--lever", "coordinators", "--values", "2,x", "--runs", "2"});
    EXPECT_EQ(values.exit_code, 1);
    EXPECT_NE(values.err.find("--values"), std::string::npos) << values.err;
}

TEST(SimCli, SweepSvgAndJson) {
    ScratchDir dir;
    const std::string csv = dir.Path("sweep.csv").string();
    auto sweep = RunKcluster({"sim", "sweep", "--lever", "coordinators", "--values", "0,4",
                              "--runs", "6", "--out", csv});
    ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
    const std::string text = ReadBytes(csv);
    EXPECT_EQ(FirstLine(text), "lever,value,fiscal_year,kpi,mean,p05,p95");
    EXPECT_NE(text.find("\ncoordinators,0,2002,introductions,"), std::string::npos);
    EXPECT_NE(text.find("\ncoordinators,4,total,joint_research,"), std::string::npos);

    const std::string svg = dir.Path("kpis.svg").string();
    auto run = RunKcluster({"--json", "sim", "run", "--runs", "6", "--svg", svg});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    json result = json::parse(run.out);
    EXPECT_EQ(result["runs"], 6);
    EXPECT_EQ(result["clusters"], 18);
    EXPECT_EQ(result["kpis"]["joint_research"]["by_fiscal_year"].size(), 5u);
    EXPECT_EQ(ReadBytes(svg).rfind("<svg", 0), 0u);
}

TEST(SimCli, StartsFromTheDemoDatabase) {
    ScratchDir dir;
    const std::string db = dir.Path("demo.db").string();
    auto loaded = RunKcluster({"--db", db, "demo", "load"});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    auto run = RunKcluster({"--db", db, "--json", "sim", "run", "--from-db", "--cluster",
                            "浜松オプトロニクスクラスター", "--date", "2004-04-01", "--runs", "5"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    json result = json::parse(run.out);
    EXPECT_EQ(result["clusters"], 1);
    EXPECT_EQ(result["start_fy"], 2004);
    auto config = RunKcluster({"--db", db, "sim", "config", "--from-db", "--cluster",
                               "浜松オプトロニクスクラスター", "--date", "2004-04-01"});
    ASSERT_EQ(config.exit_code, 0) << config.err;
    EXPECT_NE(config.out.find("start_fy = 2004"), std::string::npos);
    EXPECT_NE(config.out.find("name = \"浜松オプトロニクスクラスター\""), std::string::npos);
    auto unknown = RunKcluster(
        {"--db", db, "sim", "run", "--from-db", "--cluster", "存在しない", "--runs", "2"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("--cluster"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace kc::testing
