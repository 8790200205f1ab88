#include "engines/network/graph.h"

#include <gtest/gtest.h>

#include "engines/network/test_graphs.h"

namespace kc::engines::network {
namespace {

Node Make(const std::string& key, const std::string& kind) { return MakeNode(key, key, kind); }

TEST(NetworkGraph, BuildsSortedRowsAndMergesParallelTies) {
    GraphBuilder builder;
    for (const char* key : {"a", "b", "c", "d"}) ASSERT_TRUE(builder.AddNode(Make(key, "x")));
    ASSERT_TRUE(builder.AddEdge("c", "a", 1.0));
    ASSERT_TRUE(builder.AddEdge("a", "b", 2.0, 2005));
    ASSERT_TRUE(builder.AddEdge("b", "a", 0.5, 2003));
    ASSERT_TRUE(builder.AddEdge("d", "a", 1.0));
    Graph g = builder.Build();
    EXPECT_EQ(g.NodeCount(), 4u);
    EXPECT_EQ(g.EdgeCount(), 3u);
    auto row = g.Neighbours(0);
    ASSERT_EQ(row.size(), 3u);
    EXPECT_EQ(row[0], 1u);
    EXPECT_EQ(row[1], 2u);
    EXPECT_EQ(row[2], 3u);
    EXPECT_DOUBLE_EQ(g.Weights(0)[0], 2.5);
    EXPECT_DOUBLE_EQ(g.Strength(0), 4.5);
    EXPECT_DOUBLE_EQ(g.TotalWeight(), 4.5);
    EXPECT_EQ(g.Edges()[0].start, 2003);  // the earlier start of the merged tie
    EXPECT_EQ(*g.Find("d"), 3u);
    EXPECT_FALSE(g.Find("z"));
    EXPECT_EQ(g.Degree(2), 1u);
    EXPECT_EQ(g.Neighbours(3)[0], 0u);
}

TEST(NetworkGraph, RefusesBadInputNamingIt) {
    GraphBuilder builder;
    ASSERT_TRUE(builder.AddNode(Make("a", "x")));
    ASSERT_TRUE(builder.AddNode(Make("b", "x")));
    auto duplicate = builder.AddNode(Make("a", "x"));
    ASSERT_FALSE(duplicate);
    EXPECT_NE(duplicate.error().message.find("\"a\""), std::string::npos);
    EXPECT_FALSE(builder.AddNode(Make("", "x")));
    auto loop = builder.AddEdge("a", "a");
    ASSERT_FALSE(loop);
    EXPECT_NE(loop.error().message.find("self-loop"), std::string::npos);
    auto unknown = builder.AddEdge("a", "zz");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("zz"), std::string::npos);
    EXPECT_FALSE(builder.AddEdge("a", "b", 0.0));
    EXPECT_FALSE(builder.AddEdge("a", "b", -1.0));
    EXPECT_FALSE(builder.AddEdge("a", "b", std::numeric_limits<double>::quiet_NaN()));
    EXPECT_FALSE(builder.AddEdge(0, 7));
    EXPECT_EQ(builder.Build().EdgeCount(), 0u);
}

// Organisations × projects: u1, u2, c1 in project p1; u1, c1 in p2; c2 alone in p3.
Graph Bipartite() {
    GraphBuilder b;
    for (const char* org : {"u1", "u2", "c1", "c2"}) (void)b.AddNode(Make(org, "organization"));
    for (const char* p : {"p1", "p2", "p3"}) (void)b.AddNode(Make(p, "project"));
    (void)b.AddEdge("u1", "p1", 1, 2003);
    (void)b.AddEdge("u2", "p1", 1, 2004);
    (void)b.AddEdge("c1", "p1", 1, 2003);
    (void)b.AddEdge("u1", "p2", 1, 2006);
    (void)b.AddEdge("c1", "p2", 1, 2005);
    (void)b.AddEdge("c2", "p3", 1, 2003);
    return b.Build();
}

TEST(NetworkGraph, ProjectsSharedNeighboursWithWeightsAndStarts) {
    auto projected = Project(Bipartite(), "organization");
    ASSERT_TRUE(projected) << projected.error().message;
    const Graph& g = *projected;
    EXPECT_EQ(g.NodeCount(), 4u);  // c2 kept, isolated
    ASSERT_EQ(g.EdgeCount(), 3u);
    NodeIndex u1 = *g.Find("u1"), u2 = *g.Find("u2"), c1 = *g.Find("c1"), c2 = *g.Find("c2");
    EXPECT_EQ(g.Degree(c2), 0u);
    for (const auto& e : g.Edges()) {
        if (e.source == u1 && e.target == c1) {
            EXPECT_DOUBLE_EQ(e.weight, 2.0);  // p1 and p2
            EXPECT_EQ(e.start, 2003);         // both were in p1 from 2003
        } else if (e.source == u1 && e.target == u2) {
            EXPECT_DOUBLE_EQ(e.weight, 1.0);
            EXPECT_EQ(e.start, 2004);  // u2 joined p1 in 2004
        } else {
            EXPECT_EQ(e.source, u2);
            EXPECT_EQ(e.target, c1);
        }
    }
}

TEST(NetworkGraph, ProjectionThresholdAndNewmanWeights) {
    ProjectionOptions options;
    options.min_weight = 2;
    auto strong = Project(Bipartite(), "organization", options);
    ASSERT_TRUE(strong);
    EXPECT_EQ(strong->EdgeCount(), 1u);  // only u1–c1 shares two projects
    EXPECT_EQ(strong->NodeCount(), 4u);
    options.keep_isolated = false;
    auto trimmed = Project(Bipartite(), "organization", options);
    ASSERT_TRUE(trimmed);
    EXPECT_EQ(trimmed->NodeCount(), 2u);
    EXPECT_EQ(trimmed->EdgeCount(), 1u);

    ProjectionOptions newman;
    newman.weighting = ProjectionWeight::kNewman;
    auto weighted = Project(Bipartite(), "organization", newman);
    ASSERT_TRUE(weighted);
    NodeIndex u1 = *weighted->Find("u1"), c1 = *weighted->Find("c1");
    for (const auto& e : weighted->Edges()) {
        // p1 has 3 members (1/2 each), p2 has 2 (1 each): u1–c1 = 1.5.
        if (e.source == u1 && e.target == c1) {
            EXPECT_DOUBLE_EQ(e.weight, 1.5);
        }
    }

    options.min_weight = -1;
    auto bad = Project(Bipartite(), "organization", options);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("min_weight"), std::string::npos);
}

TEST(NetworkGraph, FilterEdgesKeepsNodes) {
    Graph karate = testing::KarateClub();
    EXPECT_EQ(karate.NodeCount(), 34u);
    EXPECT_EQ(karate.EdgeCount(), 78u);
    Graph none = FilterEdges(karate, 2.0);
    EXPECT_EQ(none.NodeCount(), 34u);
    EXPECT_EQ(none.EdgeCount(), 0u);
    EXPECT_EQ(FilterEdges(karate, 1.0).EdgeCount(), 78u);
}

}  // namespace
}  // namespace kc::engines::network
