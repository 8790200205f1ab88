// The only translation unit of kcluster that includes LEMON (see the LEMON row of
// ../shared/design/dependencies.md: a patched array_map.h comes first on the include path).

#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/static_graph.h>

#include <algorithm>
#include <type_traits>
#include <utility>

#include "engines/assign/instance.h"
#include "util/error.h"

namespace kc::assign::internal {
namespace {

using Graph = lemon::StaticDigraph;
using Node = Graph::Node;
using Arc = Graph::Arc;

// CostScaling multiplies every cost by (nodes * alpha) and lets potentials grow to a few times
// nodes^2 * max cost in the first phases, which can exceed int64 on large graphs; 128-bit
// intermediates cost about 30 % more time and make overflow impossible for our weights
// (|weight| * nodes <= 1e18). Final potentials and costs stay int64.
__extension__ typedef __int128 LargeCost;
using CostScalingSolver =
    lemon::CostScaling<Graph, int32_t, int64_t>::SetLargeCost<LargeCost>::Create;
using NetworkSimplexSolver = lemon::NetworkSimplex<Graph, int32_t, int64_t>;

// Node numbering shared by the graphs below: proposals 0..P-1, reviewers P..P+R-1, then the
// extra nodes (sink; or source and sink).
struct Layout {
    int32_t proposals = 0;
    int32_t reviewers = 0;
    [[nodiscard]] int32_t Proposal(int32_t p) const { return p; }
    [[nodiscard]] int32_t Reviewer(int32_t r) const { return proposals + r; }
    [[nodiscard]] int32_t Extra(int32_t k) const { return proposals + reviewers + k; }
    [[nodiscard]] int32_t Nodes(int32_t extra) const { return proposals + reviewers + extra; }
};

// The effective upper bound of reviewer r: its max load, but never more than its edges, which
// keeps every capacity (and their sum) below the edge count.
int32_t Capacity(const Instance& instance, int32_t r) {
    return std::min(instance.max_load[static_cast<size_t>(r)],
                    instance.degree[static_cast<size_t>(r)]);
}

template <class Solver>
std::optional<std::vector<uint8_t>> RunSolver(const Instance& instance,
                                              const std::vector<int64_t>& weight) {
    const Layout layout{instance.num_proposals, instance.num_reviewers};
    const int32_t sink = layout.Extra(0);
    const int32_t num_edges = instance.NumEdges();
    Graph graph;
    {
        // StaticDigraph wants arcs sorted by source: proposal arcs (by proposal, then reviewer)
        // first, then reviewer→sink arcs. Arc i is then edge i for i < num_edges.
        std::vector<std::pair<int, int>> arcs;
        arcs.reserve(static_cast<size_t>(num_edges) + static_cast<size_t>(layout.reviewers));
        for (int32_t p = 0; p < instance.num_proposals; ++p) {
            for (int32_t e = instance.offsets[static_cast<size_t>(p)];
                 e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
                arcs.emplace_back(layout.Proposal(p),
                                  layout.Reviewer(instance.reviewer[static_cast<size_t>(e)]));
            }
        }
        for (int32_t r = 0; r < layout.reviewers; ++r) {
            arcs.emplace_back(layout.Reviewer(r), sink);
        }
        graph.build(layout.Nodes(1), arcs.begin(), arcs.end());
    }
    Graph::ArcMap<int64_t> cost(graph, 0);
    Graph::ArcMap<int32_t> upper(graph, 1);
    Graph::ArcMap<int32_t> lower(graph, 0);
    Graph::NodeMap<int32_t> supply(graph, 0);
    bool has_lower = false;
    for (int32_t e = 0; e < num_edges; ++e) {
        cost[graph.arc(e)] = -weight[static_cast<size_t>(e)];
    }
    for (int32_t r = 0; r < layout.reviewers; ++r) {
        const Arc arc = graph.arc(num_edges + r);
        upper[arc] = Capacity(instance, r);
        lower[arc] = instance.min_load[static_cast<size_t>(r)];
        has_lower = has_lower || lower[arc] > 0;
    }
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        supply[graph.node(layout.Proposal(p))] = instance.demand[static_cast<size_t>(p)];
    }
    supply[graph.node(sink)] = static_cast<int32_t>(-instance.TotalDemand());

    Solver solver(graph);
    solver.upperMap(upper).costMap(cost).supplyMap(supply);
    if (has_lower) solver.lowerMap(lower);
    const auto status = [&] {
        // CostScaling's partial augment–relabel (its default) takes 19 s on the 100k-proposal
        // benchmark; the push–relabel variant did not finish in ten minutes there.
        if constexpr (std::is_same_v<Solver, CostScalingSolver>) {
            return solver.run(Solver::PARTIAL_AUGMENT);
        } else {
            return solver.run();
        }
    }();
    if (status != Solver::OPTIMAL) {
        // Every capacity is finite, so UNBOUNDED cannot happen: only INFEASIBLE remains.
        KC_CHECK(status == Solver::INFEASIBLE, "a flow with finite capacities is bounded");
        return std::nullopt;
    }
    std::vector<uint8_t> chosen(static_cast<size_t>(num_edges), 0);
    for (int32_t e = 0; e < num_edges; ++e) {
        chosen[static_cast<size_t>(e)] = solver.flow(graph.arc(e)) > 0 ? 1 : 0;
    }
    return chosen;
}

// Runs a max flow on `graph` from `source` to `target` and, when its value is below `need`,
// returns the nodes reachable from the source in the residual graph (flags per node).
std::optional<std::vector<uint8_t>> ResidualSourceSide(const Graph& graph,
                                                       const Graph::ArcMap<int32_t>& capacity,
                                                       Node source, Node target, int64_t need) {
    lemon::Preflow<Graph, Graph::ArcMap<int32_t>> preflow(graph, capacity, source, target);
    preflow.run();
    if (preflow.flowValue() >= need) return std::nullopt;
    std::vector<uint8_t> reached(static_cast<size_t>(graph.nodeNum()), 0);
    std::vector<Node> queue = {source};
    reached[static_cast<size_t>(graph.id(source))] = 1;
    for (size_t head = 0; head < queue.size(); ++head) {
        const Node node = queue[head];
        auto visit = [&](Node next) {
            auto& flag = reached[static_cast<size_t>(graph.id(next))];
            if (!flag) {
                flag = 1;
                queue.push_back(next);
            }
        };
        for (Graph::OutArcIt arc(graph, node); arc != lemon::INVALID; ++arc) {
            if (preflow.flow(arc) < capacity[arc]) visit(graph.target(arc));
        }
        for (Graph::InArcIt arc(graph, node); arc != lemon::INVALID; ++arc) {
            if (preflow.flow(arc) > 0) visit(graph.source(arc));
        }
    }
    return reached;
}

}  // namespace

std::optional<std::vector<uint8_t>> SolveFlow(const Instance& instance,
                                              const std::vector<int64_t>& weight, Method method) {
    KC_CHECK(weight.size() == instance.reviewer.size(), "one weight per edge");
    if (method == Method::kNetworkSimplex) {
        return RunSolver<NetworkSimplexSolver>(instance, weight);
    }
    return RunSolver<CostScalingSolver>(instance, weight);
}

std::optional<Cut> FindDemandCut(const Instance& instance) {
    const Layout layout{instance.num_proposals, instance.num_reviewers};
    const int32_t source = layout.Extra(0);
    const int32_t sink = layout.Extra(1);
    const int32_t num_edges = instance.NumEdges();
    // Arcs sorted by source node: proposal→reviewer, reviewer→sink, source→proposal.
    std::vector<std::pair<int, int>> arcs;
    arcs.reserve(static_cast<size_t>(num_edges + layout.reviewers + layout.proposals));
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        for (int32_t e = instance.offsets[static_cast<size_t>(p)];
             e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
            arcs.emplace_back(layout.Proposal(p),
                              layout.Reviewer(instance.reviewer[static_cast<size_t>(e)]));
        }
    }
    for (int32_t r = 0; r < layout.reviewers; ++r) arcs.emplace_back(layout.Reviewer(r), sink);
    for (int32_t p = 0; p < layout.proposals; ++p) arcs.emplace_back(source, layout.Proposal(p));
    Graph graph;
    graph.build(layout.Nodes(2), arcs.begin(), arcs.end());
    Graph::ArcMap<int32_t> capacity(graph, 1);
    for (int32_t r = 0; r < layout.reviewers; ++r) {
        capacity[graph.arc(num_edges + r)] = Capacity(instance, r);
    }
    for (int32_t p = 0; p < layout.proposals; ++p) {
        capacity[graph.arc(num_edges + layout.reviewers + p)] =
            instance.demand[static_cast<size_t>(p)];
    }
    auto reached = ResidualSourceSide(graph, capacity, graph.node(source), graph.node(sink),
                                      instance.TotalDemand());
    if (!reached) return std::nullopt;
    // S = the reached proposals. With T the reached reviewers, the cut is minimum, so
    // d(S) > u(T) + |E(S, R \ T)| = sum over reviewers r of min(u_r, |E(S, r)|): what S can get.
    Cut cut;
    std::vector<int32_t> edges_to_set(static_cast<size_t>(layout.reviewers), 0);
    for (int32_t p = 0; p < layout.proposals; ++p) {
        if (!(*reached)[static_cast<size_t>(layout.Proposal(p))]) continue;
        cut.proposals.push_back(p);
        cut.need += instance.demand[static_cast<size_t>(p)];
        for (int32_t e = instance.offsets[static_cast<size_t>(p)];
             e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
            ++edges_to_set[static_cast<size_t>(instance.reviewer[static_cast<size_t>(e)])];
        }
    }
    for (int32_t r = 0; r < layout.reviewers; ++r) {
        const int32_t edges = edges_to_set[static_cast<size_t>(r)];
        if (edges == 0) continue;
        cut.reviewers.push_back(r);
        cut.have += std::min(edges, Capacity(instance, r));
    }
    KC_CHECK(cut.have < cut.need, "a minimum cut below the demand is a Hall violation");
    return cut;
}

std::optional<Cut> FindMinLoadCut(const Instance& instance) {
    const Layout layout{instance.num_proposals, instance.num_reviewers};
    const int32_t source = layout.Extra(0);
    const int32_t sink = layout.Extra(1);
    const int32_t num_edges = instance.NumEdges();
    int64_t total_min = 0;
    for (int32_t value : instance.min_load) total_min += value;
    if (total_min == 0) return std::nullopt;
    // Reviewer→proposal arcs must be sorted by reviewer: bucket the edges by reviewer.
    std::vector<int32_t> start(static_cast<size_t>(layout.reviewers) + 1, 0);
    for (int32_t e = 0; e < num_edges; ++e) {
        ++start[static_cast<size_t>(instance.reviewer[static_cast<size_t>(e)]) + 1];
    }
    for (size_t r = 0; r < static_cast<size_t>(layout.reviewers); ++r) start[r + 1] += start[r];
    std::vector<std::pair<int, int>> arcs(static_cast<size_t>(num_edges));
    {
        std::vector<int32_t> next(start.begin(), start.end() - 1);
        for (int32_t p = 0; p < instance.num_proposals; ++p) {
            for (int32_t e = instance.offsets[static_cast<size_t>(p)];
                 e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
                const int32_t r = instance.reviewer[static_cast<size_t>(e)];
                arcs[static_cast<size_t>(next[static_cast<size_t>(r)]++)] = {layout.Reviewer(r),
                                                                             layout.Proposal(p)};
            }
        }
    }
    // Proposal→sink arcs come before reviewer→proposal arcs (proposal nodes are numbered first),
    // then source→reviewer arcs.
    std::vector<std::pair<int, int>> sorted;
    sorted.reserve(static_cast<size_t>(num_edges + layout.proposals + layout.reviewers));
    for (int32_t p = 0; p < layout.proposals; ++p) sorted.emplace_back(layout.Proposal(p), sink);
    sorted.insert(sorted.end(), arcs.begin(), arcs.end());
    for (int32_t r = 0; r < layout.reviewers; ++r) sorted.emplace_back(source, layout.Reviewer(r));
    arcs.clear();
    arcs.shrink_to_fit();
    Graph graph;
    graph.build(layout.Nodes(2), sorted.begin(), sorted.end());
    Graph::ArcMap<int32_t> capacity(graph, 1);
    for (int32_t p = 0; p < layout.proposals; ++p) {
        capacity[graph.arc(p)] = instance.demand[static_cast<size_t>(p)];
    }
    for (int32_t r = 0; r < layout.reviewers; ++r) {
        capacity[graph.arc(layout.proposals + num_edges + r)] =
            instance.min_load[static_cast<size_t>(r)];
    }
    auto reached =
        ResidualSourceSide(graph, capacity, graph.node(source), graph.node(sink), total_min);
    if (!reached) return std::nullopt;
    // U = the reached reviewers with a min load (dropping the others keeps the violation):
    // l(U) > sum over proposals p of min(d_p, |E(U, p)|), the most U can be given.
    Cut cut;
    std::vector<int32_t> edges_to_set(static_cast<size_t>(layout.proposals), 0);
    std::vector<uint8_t> in_set(static_cast<size_t>(layout.reviewers), 0);
    for (int32_t r = 0; r < layout.reviewers; ++r) {
        const int32_t min_load = instance.min_load[static_cast<size_t>(r)];
        if (min_load == 0 || !(*reached)[static_cast<size_t>(layout.Reviewer(r))]) continue;
        in_set[static_cast<size_t>(r)] = 1;
        cut.reviewers.push_back(r);
        cut.need += min_load;
    }
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        for (int32_t e = instance.offsets[static_cast<size_t>(p)];
             e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
            if (in_set[static_cast<size_t>(instance.reviewer[static_cast<size_t>(e)])]) {
                ++edges_to_set[static_cast<size_t>(p)];
            }
        }
    }
    for (int32_t p = 0; p < layout.proposals; ++p) {
        const int32_t edges = edges_to_set[static_cast<size_t>(p)];
        if (edges == 0) continue;
        cut.proposals.push_back(p);
        cut.have += std::min(edges, instance.demand[static_cast<size_t>(p)]);
    }
    KC_CHECK(cut.have < cut.need, "a minimum cut below the min loads is a Hall violation");
    return cut;
}

}  // namespace kc::assign::internal
