#include "engines/network/metrics.h"

#include <gtest/gtest.h>

#include "engines/network/test_graphs.h"

namespace kc::engines::network {
namespace {

using testing::KarateClub;

Graph FromTies(size_t nodes, const std::vector<std::tuple<NodeIndex, NodeIndex, double>>& ties,
               const std::vector<std::string>& groups = {}) {
    GraphBuilder b;
    for (size_t i = 0; i < nodes; ++i) {
        Node node = MakeNode(std::to_string(i), std::to_string(i), "x");
        if (!groups.empty()) node.attributes.emplace_back("group", groups[i]);
        (void)b.AddNode(std::move(node));
    }
    for (auto [a, c, w] : ties) EXPECT_TRUE(b.AddEdge(a, c, w));
    return b.Build();
}

TEST(NetworkMetrics, KarateSummaryMatchesPublishedValues) {
    GraphSummary s = Summarize(KarateClub());
    EXPECT_EQ(s.nodes, 34u);
    EXPECT_EQ(s.edges, 78u);
    EXPECT_NEAR(s.density, 0.13903743315508021, 1e-12);
    EXPECT_EQ(s.components, 1u);
    EXPECT_EQ(s.triangles, 45u);
    EXPECT_NEAR(s.average_clustering, 0.5706384782076823, 1e-12);
    EXPECT_NEAR(s.transitivity, 0.2556818181818182, 1e-12);
    EXPECT_DOUBLE_EQ(s.largest_component_share, 1.0);
}

TEST(NetworkMetrics, KarateBetweennessMatchesBrandes) {
    Graph g = KarateClub();
    auto bc = Betweenness(g);
    EXPECT_NEAR(bc[0], 231.07142857142858, 1e-9);
    EXPECT_NEAR(bc[33], 160.55158730158729, 1e-9);  // NetworkX: 0.30407497594997596 × 528
    EXPECT_NEAR(bc[32], 76.69047619047619, 1e-9);
    EXPECT_NEAR(bc[2], 75.85079365079366, 1e-9);
    EXPECT_NEAR(bc[11], 0.0, 1e-12);  // member 12 has one friend
    BetweennessOptions normalized;
    normalized.normalized = true;
    auto nbc = Betweenness(g, normalized);
    EXPECT_NEAR(nbc[0], 0.43763528138528146, 1e-12);
    // All weights 1: the weighted algorithm finds the same shortest paths.
    BetweennessOptions weighted;
    weighted.weighting = Weighting::kWeighted;
    auto wbc = Betweenness(g, weighted);
    for (size_t v = 0; v < bc.size(); ++v) EXPECT_NEAR(wbc[v], bc[v], 1e-9) << v;
}

TEST(NetworkMetrics, WeightedBetweennessPrefersStrongTies) {
    // A square 0–1–2–3–0: unweighted, 1 and 3 share the paths from 0 to 2. With strong ties
    // 0–1 and 1–2 (short distances), every shortest 0–2 path runs through 1.
    Graph g = FromTies(4, {{0, 1, 4}, {1, 2, 4}, {2, 3, 1}, {3, 0, 1}});
    auto plain = Betweenness(g);
    EXPECT_DOUBLE_EQ(plain[1], 0.5);
    EXPECT_DOUBLE_EQ(plain[3], 0.5);
    BetweennessOptions weighted;
    weighted.weighting = Weighting::kWeighted;
    auto strong = Betweenness(g, weighted);
    // 0→2 via 1 (0.5), 1→3 via 0 (1.25) or via 2 (1.25): shared.
    EXPECT_DOUBLE_EQ(strong[1], 1.0);
    EXPECT_DOUBLE_EQ(strong[3], 0.0);
    EXPECT_DOUBLE_EQ(strong[0], 0.5);
    EXPECT_DOUBLE_EQ(strong[2], 0.5);
}

TEST(NetworkMetrics, SampledBetweennessIsDeterministicAndScaled) {
    Graph g = testing::PlantedGraph(2000, 8000, 7);
    BetweennessOptions sampled;
    sampled.max_sources = 200;
    sampled.seed = 3;
    auto a = Betweenness(g, sampled);
    auto b = Betweenness(g, sampled);
    EXPECT_EQ(a, b);
    auto exact = Betweenness(g);
    double sum_a = 0, sum_exact = 0;
    for (size_t v = 0; v < a.size(); ++v) {
        sum_a += a[v];
        sum_exact += exact[v];
    }
    EXPECT_NEAR(sum_a / sum_exact, 1.0, 0.1);  // the estimate is unbiased
}

TEST(NetworkMetrics, ComponentsAndClusteringOnHandGraphs) {
    // A triangle 0-1-2 with a pendant 3, a pair 4-5, an isolated 6.
    Graph g = FromTies(7, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {2, 3, 1}, {4, 5, 1}});
    auto components = Components(g);
    EXPECT_EQ(components, (std::vector<uint32_t>{0, 0, 0, 0, 1, 1, 2}));
    GraphSummary s = Summarize(g);
    EXPECT_EQ(s.components, 3u);
    EXPECT_EQ(s.component_sizes, (std::vector<size_t>{4, 2, 1}));
    EXPECT_EQ(s.isolated, 1u);
    EXPECT_EQ(s.triangles, 1u);
    EXPECT_NEAR(s.density, 5.0 / 21.0, 1e-12);
    auto local = LocalClustering(g);
    EXPECT_DOUBLE_EQ(local[0], 1.0);
    EXPECT_DOUBLE_EQ(local[2], 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(local[3], 0.0);
    EXPECT_NEAR(s.average_clustering, (1 + 1 + 1.0 / 3) / 7, 1e-12);
    EXPECT_NEAR(s.transitivity, 3.0 / 5.0, 1e-12);  // 3 closed of 1+1+3+0 triples

    GraphSummary empty = Summarize(Graph());
    EXPECT_EQ(empty.nodes, 0u);
    EXPECT_EQ(empty.components, 0u);
    EXPECT_DOUBLE_EQ(empty.density, 0);
}

TEST(NetworkMetrics, BrokerageOfAStarAndABridge) {
    // Star: hub 0 with leaves 1..4 and no other ties: constraint = 4 × (1/4)² = 0.25, effective
    // size 4, every pair of leaves open.
    Graph star = FromTies(5, {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}},
                          {"hq", "university", "university", "company", "company"});
    auto b = Brokerage(star, {0, 1}, "group");
    ASSERT_EQ(b.size(), 2u);
    EXPECT_NEAR(*b[0].constraint, 0.25, 1e-12);
    EXPECT_NEAR(b[0].effective_size, 4.0, 1e-12);
    EXPECT_EQ(b[0].open_pairs, 6);
    EXPECT_EQ(b[0].roles.itinerant, 2);  // u–u and c–c
    EXPECT_EQ(b[0].roles.liaison, 4);    // u–c pairs, the hub in neither group
    EXPECT_EQ(b[0].roles.coordinator, 0);
    EXPECT_NEAR(*b[1].constraint, 1.0, 1e-12);  // a leaf depends on its one tie
    EXPECT_EQ(b[1].open_pairs, 0);

    // Two triangles joined through bridge node 6: 0-1-2 and 3-4-5, 6 tied to 2 and 3.
    Graph bridge = FromTies(
        7, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 1}, {4, 5, 1}, {3, 5, 1}, {2, 6, 1}, {6, 3, 1}},
        {"a", "a", "a", "b", "b", "b", "a"});
    auto all = Brokerage(bridge, {}, "group");
    ASSERT_EQ(all.size(), 7u);
    // Node 2: ties to 0, 1, 6 (p = 1/3 each); 0 and 1 are tied (p_01 = 1/2):
    // c = (1/3 + 1/3·1/2)² × 2 + (1/3)² = 0.5 + 1/9.
    EXPECT_NEAR(*all[2].constraint, 0.5 + 1.0 / 9.0, 1e-12);
    EXPECT_NEAR(*all[6].constraint, 0.5, 1e-12);
    EXPECT_LT(*all[6].constraint, *all[0].constraint);
    EXPECT_EQ(all[6].open_pairs, 1);
    EXPECT_EQ(all[6].roles.gatekeeper_representative, 1);  // 6 is in a, tying a to b
    EXPECT_EQ(all[2].open_pairs, 2);                       // (0,6) and (1,6)
    EXPECT_EQ(all[2].roles.coordinator, 2);
    // Effective size: node 2 has 3 ties, 0 and 1 redundant with each other by 1/3 each.
    EXPECT_NEAR(all[2].effective_size, 3.0 - 2.0 / 3.0, 1e-12);
    // Without groups, no roles.
    auto plain = Brokerage(bridge, {6}, "");
    EXPECT_EQ(plain[0].open_pairs, 1);
    EXPECT_EQ(plain[0].roles.gatekeeper_representative, 0);
    // An isolated node has no constraint.
    Graph lone = FromTies(1, {});
    EXPECT_FALSE(Brokerage(lone, {}, "")[0].constraint);
}

TEST(NetworkMetrics, TieMixCountsPairsOfValues) {
    Graph g = FromTies(4, {{0, 1, 2}, {0, 2, 1}, {2, 3, 1}, {1, 3, 5}},
                       {"university", "company", "company", "university"});
    TieMix mix = MixByAttribute(g, "group");
    EXPECT_EQ(mix.ties, 4);
    EXPECT_DOUBLE_EQ(mix.weight, 9);
    EXPECT_EQ(mix.TiesBetween("university", "company"), 4);
    EXPECT_EQ(mix.TiesBetween("company", "university"), 4);
    EXPECT_DOUBLE_EQ(mix.WeightBetween("company", "university"), 9);
    EXPECT_EQ(mix.same_ties, 0);
    EXPECT_DOUBLE_EQ(*mix.SameShare(), 0.0);
    Graph same = FromTies(3, {{0, 1, 1}, {1, 2, 1}}, {"inside", "inside", "outside"});
    TieMix region = MixByAttribute(same, "group");
    ASSERT_EQ(region.rows.size(), 2u);
    EXPECT_EQ(region.rows[0].a, "inside");
    EXPECT_EQ(region.rows[0].b, "inside");
    EXPECT_DOUBLE_EQ(*region.SameShare(), 0.5);
    EXPECT_FALSE(MixByAttribute(Graph(), "group").SameShare());
}

}  // namespace
}  // namespace kc::engines::network
