// Network engine at the size of a large programme's collaboration network: a planted-community
// graph of 20k nodes and ~100k weighted ties (engines/network/test_graphs.h). Reports exact
// Brandes betweenness (unweighted and weighted, all cores), a 500-source estimate, Louvain, the
// summary (components + clustering), the projection of a 20k × 5k bipartite graph, and GEXF
// writing.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "engines/network/export.h"
#include "engines/network/louvain.h"
#include "engines/network/metrics.h"
#include "engines/network/test_graphs.h"

namespace kc::engines::network {
namespace {

const Graph& Large() {
    static const Graph graph = testing::PlantedGraph(20000, 100000, 42);
    return graph;
}

void Label(benchmark::State& state) {
    state.counters["nodes"] = static_cast<double>(Large().NodeCount());
    state.counters["edges"] = static_cast<double>(Large().EdgeCount());
}

void BM_BetweennessExact(benchmark::State& state) {
    BetweennessOptions options;
    options.weighting = state.range(0) == 0 ? Weighting::kUnweighted : Weighting::kWeighted;
    for (auto _ : state) benchmark::DoNotOptimize(Betweenness(Large(), options));
    Label(state);
}
BENCHMARK(BM_BetweennessExact)->Arg(0)->Arg(1)->Unit(benchmark::kSecond)->Iterations(1);

void BM_BetweennessSampled(benchmark::State& state) {
    BetweennessOptions options;
    options.max_sources = 500;
    for (auto _ : state) benchmark::DoNotOptimize(Betweenness(Large(), options));
    Label(state);
}
BENCHMARK(BM_BetweennessSampled)->Unit(benchmark::kMillisecond);

void BM_Louvain(benchmark::State& state) {
    double modularity = 0;
    for (auto _ : state) {
        auto result = Louvain(Large());
        modularity = result->modularity;
        benchmark::DoNotOptimize(result);
    }
    Label(state);
    state.counters["modularity"] = modularity;
}
BENCHMARK(BM_Louvain)->Unit(benchmark::kMillisecond);

void BM_Summary(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(Summarize(Large()));
    Label(state);
}
BENCHMARK(BM_Summary)->Unit(benchmark::kMillisecond);

void BM_Projection(benchmark::State& state) {
    // 20k people × 5k projects, 4 memberships each.
    GraphBuilder builder;
    for (int i = 0; i < 20000; ++i) {
        (void)builder.AddNode(MakeNode(fmt::format("p{}", i), "", "person"));
    }
    for (int i = 0; i < 5000; ++i) {
        (void)builder.AddNode(MakeNode(fmt::format("j{}", i), "", "project"));
    }
    std::mt19937_64 rng(9);
    for (NodeIndex person = 0; person < 20000; ++person) {
        for (int k = 0; k < 4; ++k) {
            (void)builder.AddEdge(person, static_cast<NodeIndex>(20000 + rng() % 5000));
        }
    }
    Graph bipartite = builder.Build();
    size_t edges = 0;
    for (auto _ : state) {
        auto projected = Project(bipartite, "person");
        edges = projected->EdgeCount();
        benchmark::DoNotOptimize(projected);
    }
    state.counters["projected_edges"] = static_cast<double>(edges);
}
BENCHMARK(BM_Projection)->Unit(benchmark::kMillisecond);

void BM_WriteGexf(benchmark::State& state) {
    size_t bytes = 0;
    for (auto _ : state) {
        std::string xml = WriteGexf(Large());
        bytes = xml.size();
        benchmark::DoNotOptimize(xml);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_WriteGexf)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kc::engines::network
