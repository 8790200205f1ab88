// `kcluster network metrics | export` on the loaded demo: the tables, JSON that agrees with the
// exported files, GraphML and GEXF that Gephi can read (balanced elements, one <node> per node),
// a restricted viewer seeing less, and the messages for bad options. The demo is loaded once.

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/test_support.h"

namespace kc::testing {
namespace {

using nlohmann::json;

constexpr const char* kCluster = "浜松オプトロニクスクラスター";

size_t Occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

class NetworkCliTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        db_ = dir_->Path("demo.db").string();
        auto loaded = RunKcluster({"--db", db_, "demo", "load"});
        ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static RunResult Run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db_});
        return RunKcluster(args);
    }

    static inline std::unique_ptr<ScratchDir> dir_;
    static inline std::string db_;
};

TEST_F(NetworkCliTest, MetricsPrintTablesAndGrowth) {
    auto run = Run({"network", "metrics", "--cluster", kCluster, "--fy", "2005", "--lang", "en"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const char* heading :
         {"Nodes:", "Density:", "Components:", "Modularity:", "Ties by region:",
          "University–company ties:", "Top brokers (by betweenness)", "Communities (Louvain)",
          "Growth by fiscal year", "FY2002", "FY2005"}) {
        EXPECT_NE(run.out.find(heading), std::string::npos) << heading << "\n" << run.out;
    }
    auto ja = Run({"network", "metrics", "--cluster", kCluster, "--fy", "平成17年度", "--mode",
                   "coordination", "--lang", "ja"});
    ASSERT_EQ(ja.exit_code, 0) << ja.err;
    EXPECT_NE(ja.out.find("コーディネータの仲介"), std::string::npos) << ja.out;
    EXPECT_NE(ja.out.find("平成17年度"), std::string::npos);
}

TEST_F(NetworkCliTest, JsonAgreesWithTheExports) {
    auto metrics = Run({"network", "metrics", "--cluster", kCluster, "--fy", "2005", "--mode",
                        "people", "--json"});
    ASSERT_EQ(metrics.exit_code, 0) << metrics.err;
    json report = json::parse(metrics.out);
    int64_t nodes = report["summary"]["nodes"].get<int64_t>();
    int64_t edges = report["summary"]["edges"].get<int64_t>();
    EXPECT_GT(nodes, 10);
    EXPECT_GT(edges, 10);
    EXPECT_EQ(report["mode"], "people");
    EXPECT_EQ(report["fiscal_year"], 2005);
    EXPECT_GE(report["summary"]["modularity"].get<double>(), 0.0);
    EXPECT_FALSE(report["coordinators"].empty());
    ASSERT_FALSE(report["growth"].empty());
    EXPECT_EQ(report["growth"].back()["nodes"], nodes);
    // Cumulative snapshots never shrink.
    for (size_t i = 1; i < report["growth"].size(); ++i) {
        EXPECT_GE(report["growth"][i]["nodes"].get<int64_t>(),
                  report["growth"][i - 1]["nodes"].get<int64_t>());
    }

    std::string gexf = dir_->Path("people.gexf").string();
    auto exported = Run({"network", "export", "--cluster", kCluster, "--fy", "2005", "--mode",
                         "people", "--out", gexf});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.err.find("people.gexf"), std::string::npos);
    std::string xml = ReadBytes(gexf);
    EXPECT_EQ(static_cast<int64_t>(Occurrences(xml, "<node ")), nodes);
    EXPECT_EQ(static_cast<int64_t>(Occurrences(xml, "<edge ")), edges);
    EXPECT_EQ(Occurrences(xml, "<gexf "), 1u);
    EXPECT_NE(xml.find("</gexf>"), std::string::npos);
    EXPECT_NE(xml.find("mode=\"dynamic\""), std::string::npos);

    auto graphml = Run({"network", "export", "--cluster", kCluster, "--fy", "2005", "--mode",
                        "people", "--format", "graphml"});
    ASSERT_EQ(graphml.exit_code, 0) << graphml.err;
    EXPECT_EQ(static_cast<int64_t>(Occurrences(graphml.out, "<node ")), nodes);
    EXPECT_EQ(Occurrences(graphml.out, "<node "), Occurrences(graphml.out, "</node>"));
    EXPECT_EQ(static_cast<int64_t>(Occurrences(graphml.out, "<edge ")), edges);
    EXPECT_NE(graphml.out.find("edgedefault=\"undirected\""), std::string::npos);
}

TEST_F(NetworkCliTest, ThresholdAndRestrictedViewerShowLess) {
    auto all = Run({"network", "metrics", "--cluster", kCluster, "--fy", "2006", "--json"});
    ASSERT_EQ(all.exit_code, 0) << all.err;
    auto strong = Run({"network", "metrics", "--cluster", kCluster, "--fy", "2006", "--min-weight",
                       "3", "--json"});
    ASSERT_EQ(strong.exit_code, 0) << strong.err;
    EXPECT_LT(json::parse(strong.out)["summary"]["edges"].get<int64_t>(),
              json::parse(all.out)["summary"]["edges"].get<int64_t>());
    // A company outside the cluster sees neither unpublished inventions nor private needs.
    auto outsider = Run({"network", "metrics", "--cluster", kCluster, "--fy", "2006", "--mode",
                         "people", "--role", "company", "--json"});
    ASSERT_EQ(outsider.exit_code, 0) << outsider.err;
    auto admin = Run({"network", "metrics", "--cluster", kCluster, "--fy", "2006", "--mode",
                      "people", "--json"});
    ASSERT_EQ(admin.exit_code, 0) << admin.err;
    EXPECT_LT(json::parse(outsider.out)["summary"]["total_weight"].get<double>(),
              json::parse(admin.out)["summary"]["total_weight"].get<double>());
}

TEST_F(NetworkCliTest, BadOptionsNameTheOption) {
    struct Case {
        std::vector<std::string> args;
        const char* expected;
    };
    const std::vector<Case> cases = {
        {{"network", "metrics", "--cluster", kCluster, "--fy", "2005", "--mode", "friends"},
         "--mode"},
        {{"network", "metrics", "--cluster", kCluster, "--fy", "2005", "--min-weight", "-2"},
         "--min-weight"},
        {{"network", "metrics", "--cluster", kCluster, "--fy", "昔"}, "--fy"},
        {{"network", "metrics", "--cluster", "存在しないクラスター", "--fy", "2005"}, "--cluster"},
        {{"network", "metrics", "--cluster", kCluster, "--fy", "2005", "--top", "0"}, "--top"},
        {{"network", "metrics", "--cluster", kCluster, "--fy", "2005", "--role", "king"}, "--role"},
        {{"network", "export", "--cluster", kCluster, "--fy", "2005", "--format", "dot"},
         "--format"},
    };
    for (const auto& c : cases) {
        auto run = Run(c.args);
        EXPECT_EQ(run.exit_code, 1) << c.expected << ": " << run.err;
        EXPECT_NE(run.err.find(c.expected), std::string::npos) << run.err;
        EXPECT_TRUE(run.out.empty()) << run.out;
    }
    auto help = Run({"network", "metrics", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Example: kcluster network metrics"), std::string::npos);
}

}  // namespace
}  // namespace kc::testing
