#include "engines/assign/instance.h"

#include <algorithm>
#include <cmath>

namespace kc::assign::internal {

int64_t Instance::TotalDemand() const {
    int64_t total = 0;
    for (int32_t d : demand) total += d;
    return total;
}

std::vector<int32_t> SortedEdgeOrder(const Problem& problem) {
    const auto& edges = problem.edges;
    const int32_t num_proposals = std::max(problem.num_proposals, 0);
    auto in_range = [&](const Edge& edge) {
        return edge.proposal >= 0 && edge.proposal < num_proposals && edge.reviewer >= 0 &&
               edge.reviewer < problem.num_reviewers;
    };
    std::vector<int32_t> start(static_cast<size_t>(num_proposals) + 1, 0);
    for (const Edge& edge : edges) {
        if (in_range(edge)) ++start[static_cast<size_t>(edge.proposal) + 1];
    }
    for (size_t p = 0; p < static_cast<size_t>(num_proposals); ++p) start[p + 1] += start[p];
    std::vector<int32_t> order(static_cast<size_t>(start.back()));
    std::vector<int32_t> next(start.begin(), start.end() - 1);
    for (size_t idx = 0; idx < edges.size(); ++idx) {
        if (!in_range(edges[idx])) continue;
        order[static_cast<size_t>(next[static_cast<size_t>(edges[idx].proposal)]++)] =
            static_cast<int32_t>(idx);
    }
    // Indexes are already ascending inside each group, so a stable sort by reviewer gives
    // (reviewer, index) order.
    for (size_t p = 0; p < static_cast<size_t>(num_proposals); ++p) {
        std::stable_sort(order.begin() + start[p], order.begin() + start[p + 1],
                         [&](int32_t a, int32_t b) {
                             return edges[static_cast<size_t>(a)].reviewer <
                                    edges[static_cast<size_t>(b)].reviewer;
                         });
    }
    return order;
}

double CostScale(double max_abs_score, int64_t nodes) {
    constexpr double kFinest = 1e9;
    constexpr double kBudget = 1e18;
    if (!(max_abs_score > 0)) return kFinest;
    return std::min(kFinest,
                    kBudget / (static_cast<double>(std::max<int64_t>(nodes, 1)) * max_abs_score));
}

Instance BuildInstance(const Problem& problem) {
    Instance instance;
    instance.num_proposals = problem.num_proposals;
    instance.num_reviewers = problem.num_reviewers;
    instance.demand = problem.demand;
    instance.max_load = problem.max_load;
    instance.min_load = problem.min_load.empty()
                            ? std::vector<int32_t>(static_cast<size_t>(problem.num_reviewers), 0)
                            : problem.min_load;

    // Forbidden pairs as sorted (proposal, reviewer) keys, walked in step with the edges.
    std::vector<uint64_t> forbidden;
    forbidden.reserve(problem.forbidden.size());
    auto key = [](int32_t proposal, int32_t reviewer) {
        return (static_cast<uint64_t>(static_cast<uint32_t>(proposal)) << 32) |
               static_cast<uint32_t>(reviewer);
    };
    for (const auto& [reviewer, proposal] : problem.forbidden) {
        forbidden.push_back(key(proposal, reviewer));
    }
    std::sort(forbidden.begin(), forbidden.end());

    const std::vector<int32_t> order = SortedEdgeOrder(problem);
    instance.offsets.assign(static_cast<size_t>(problem.num_proposals) + 1, 0);
    instance.reviewer.reserve(order.size());
    instance.score.reserve(order.size());
    instance.degree.assign(static_cast<size_t>(problem.num_reviewers), 0);
    size_t next_forbidden = 0;
    double max_abs = 0;
    for (int32_t idx : order) {
        const Edge& edge = problem.edges[static_cast<size_t>(idx)];
        const uint64_t edge_key = key(edge.proposal, edge.reviewer);
        while (next_forbidden < forbidden.size() && forbidden[next_forbidden] < edge_key) {
            ++next_forbidden;
        }
        if (next_forbidden < forbidden.size() && forbidden[next_forbidden] == edge_key) continue;
        if (problem.max_load[static_cast<size_t>(edge.reviewer)] == 0) continue;
        instance.reviewer.push_back(edge.reviewer);
        instance.score.push_back(edge.score);
        ++instance.offsets[static_cast<size_t>(edge.proposal) + 1];
        ++instance.degree[static_cast<size_t>(edge.reviewer)];
        max_abs = std::max(max_abs, std::abs(edge.score));
    }
    for (size_t p = 0; p < static_cast<size_t>(problem.num_proposals); ++p) {
        instance.offsets[p + 1] += instance.offsets[p];
    }
    // Proposals, reviewers, the sink, and the root CostScaling adds.
    const int64_t nodes = static_cast<int64_t>(problem.num_proposals) + problem.num_reviewers + 2;
    instance.scale = CostScale(max_abs, nodes);
    instance.weight.resize(instance.score.size());
    for (size_t e = 0; e < instance.score.size(); ++e) {
        instance.weight[e] = std::llround(instance.score[e] * instance.scale);
    }
    return instance;
}

}  // namespace kc::assign::internal
