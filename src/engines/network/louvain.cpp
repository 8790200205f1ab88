#include "engines/network/louvain.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <tuple>

namespace kc::engines::network {
namespace {

// One level of the method: a weighted graph with self-loops (A_ii in `self`, rows without the
// diagonal) and the strength of each node (its row sum plus A_ii).
struct Level {
    std::vector<size_t> offsets{0};
    std::vector<uint32_t> neighbours;
    std::vector<double> weights;
    std::vector<double> self;
    std::vector<double> strength;

    [[nodiscard]] size_t Size() const { return self.size(); }
};

Level FromGraph(const Graph& graph) {
    Level level;
    size_t n = graph.NodeCount();
    level.offsets.resize(n + 1);
    level.self.assign(n, 0);
    level.strength.resize(n);
    for (NodeIndex v = 0; v < n; ++v) {
        auto row = graph.Neighbours(v);
        auto weights = graph.Weights(v);
        level.neighbours.insert(level.neighbours.end(), row.begin(), row.end());
        level.weights.insert(level.weights.end(), weights.begin(), weights.end());
        level.offsets[v + 1] = level.neighbours.size();
        level.strength[v] = graph.Strength(v);
    }
    return level;
}

uint64_t Uniform(std::mt19937_64& rng, uint64_t bound) {
    uint64_t max = std::numeric_limits<uint64_t>::max();
    uint64_t limit = max - max % bound;
    while (true) {
        uint64_t x = rng();
        if (x < limit) return x % bound;
    }
}

// Moves nodes between communities until no move gains; returns each node's community numbered
// 0.. in order of first appearance, and whether any node moved.
std::pair<std::vector<uint32_t>, bool> MoveNodes(const Level& level, double resolution, double m2,
                                                 double tolerance, std::mt19937_64& rng) {
    size_t n = level.Size();
    std::vector<uint32_t> community(n);
    std::iota(community.begin(), community.end(), 0);
    std::vector<double> total = level.strength;
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[Uniform(rng, i)]);

    std::vector<double> link(n, -1);  // weight from the current node to each community; -1 unset
    std::vector<uint32_t> touched;
    bool moved_any = false;
    for (bool improved = true; improved;) {
        improved = false;
        for (uint32_t v : order) {
            uint32_t current = community[v];
            double k = level.strength[v];
            touched.clear();
            for (size_t e = level.offsets[v]; e < level.offsets[v + 1]; ++e) {
                uint32_t c = community[level.neighbours[e]];
                if (link[c] < 0) {
                    link[c] = 0;
                    touched.push_back(c);
                }
                link[c] += level.weights[e];
            }
            total[current] -= k;
            double own = link[current] < 0 ? 0 : link[current];
            double best_gain = own - resolution * total[current] * k / m2;
            uint32_t best = current;
            for (uint32_t c : touched) {
                double gain = link[c] - resolution * total[c] * k / m2;
                if (gain > best_gain + tolerance) {
                    best_gain = gain;
                    best = c;
                }
            }
            total[best] += k;
            if (best != current) {
                community[v] = best;
                improved = true;
                moved_any = true;
            }
            for (uint32_t c : touched) link[c] = -1;
        }
    }
    // Renumber 0.. by first appearance in node order.
    std::vector<uint32_t> renumber(n, std::numeric_limits<uint32_t>::max());
    uint32_t next = 0;
    for (auto& c : community) {
        if (renumber[c] == std::numeric_limits<uint32_t>::max()) renumber[c] = next++;
        c = renumber[c];
    }
    return {community, moved_any};
}

Level Aggregate(const Level& level, const std::vector<uint32_t>& community) {
    uint32_t count = 0;
    for (uint32_t c : community) count = std::max(count, c + 1);
    Level next;
    next.self.assign(count, 0);
    next.strength.assign(count, 0);
    std::vector<std::tuple<uint32_t, uint32_t, double>> arcs;
    for (size_t v = 0; v < level.Size(); ++v) {
        uint32_t cv = community[v];
        next.self[cv] += level.self[v];
        next.strength[cv] += level.strength[v];
        for (size_t e = level.offsets[v]; e < level.offsets[v + 1]; ++e) {
            uint32_t cu = community[level.neighbours[e]];
            if (cu == cv) {
                next.self[cv] += level.weights[e];  // both directions: A_CC counts each tie twice
            } else {
                arcs.emplace_back(cv, cu, level.weights[e]);
            }
        }
    }
    std::sort(arcs.begin(), arcs.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    next.offsets.assign(count + 1, 0);
    for (size_t i = 0; i < arcs.size();) {
        auto [from, to, w] = arcs[i];
        size_t j = i + 1;
        for (; j < arcs.size() && std::get<0>(arcs[j]) == from && std::get<1>(arcs[j]) == to; ++j) {
            w += std::get<2>(arcs[j]);
        }
        next.neighbours.push_back(to);
        next.weights.push_back(w);
        ++next.offsets[from + 1];
        i = j;
    }
    for (uint32_t c = 0; c < count; ++c) next.offsets[c + 1] += next.offsets[c];
    return next;
}

Communities RunOnce(const Graph& graph, const LouvainOptions& options, uint64_t seed) {
    Communities result;
    result.seed = seed;
    size_t n = graph.NodeCount();
    result.community.resize(n);
    std::iota(result.community.begin(), result.community.end(), 0);
    double m2 = 2.0 * graph.TotalWeight();
    if (m2 > 0) {
        std::mt19937_64 rng(seed);
        Level level = FromGraph(graph);
        for (int depth = 0; depth < options.max_levels; ++depth) {
            auto [community, moved] =
                MoveNodes(level, options.resolution, m2, options.tolerance, rng);
            if (!moved) break;
            ++result.levels;
            for (auto& c : result.community) c = community[c];
            level = Aggregate(level, community);
        }
    }
    // Number communities largest first, ties by smallest member.
    uint32_t count = 0;
    for (uint32_t c : result.community) count = std::max(count, c + 1);
    std::vector<size_t> sizes(count, 0);
    std::vector<NodeIndex> first(count, std::numeric_limits<NodeIndex>::max());
    for (NodeIndex v = 0; v < n; ++v) {
        uint32_t c = result.community[v];
        ++sizes[c];
        first[c] = std::min(first[c], v);
    }
    std::vector<uint32_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return sizes[a] != sizes[b] ? sizes[a] > sizes[b] : first[a] < first[b];
    });
    std::vector<uint32_t> rank(count);
    for (uint32_t r = 0; r < count; ++r) rank[order[r]] = r;
    for (auto& c : result.community) c = rank[c];
    result.sizes.resize(count);
    for (uint32_t r = 0; r < count; ++r) result.sizes[r] = sizes[order[r]];
    result.modularity = Modularity(graph, result.community, options.resolution);
    return result;
}

}  // namespace

double Modularity(const Graph& graph, const std::vector<uint32_t>& community, double resolution) {
    KC_CHECK(community.size() == graph.NodeCount(), "modularity: one community per node");
    double m2 = 2.0 * graph.TotalWeight();
    if (m2 <= 0) return 0;
    uint32_t count = 0;
    for (uint32_t c : community) count = std::max(count, c + 1);
    std::vector<double> inside(count, 0), total(count, 0);
    for (const auto& e : graph.Edges()) {
        if (community[e.source] == community[e.target]) inside[community[e.source]] += 2 * e.weight;
    }
    for (NodeIndex v = 0; v < graph.NodeCount(); ++v) total[community[v]] += graph.Strength(v);
    double q = 0;
    for (uint32_t c = 0; c < count; ++c) {
        q += inside[c] / m2 - resolution * (total[c] / m2) * (total[c] / m2);
    }
    return q;
}

Result<Communities> Louvain(const Graph& graph, const LouvainOptions& options) {
    if (!std::isfinite(options.resolution) || options.resolution <= 0) {
        return std::unexpected(Error::InvalidArgument(
            fmt::format("resolution must be a number > 0, got {}", options.resolution)));
    }
    if (options.restarts < 1) {
        return std::unexpected(
            Error::InvalidArgument(fmt::format("restarts must be >= 1, got {}", options.restarts)));
    }
    Communities best = RunOnce(graph, options, options.seed);
    for (int r = 1; r < options.restarts; ++r) {
        Communities next = RunOnce(graph, options, options.seed + static_cast<uint64_t>(r));
        if (next.modularity > best.modularity) best = std::move(next);
    }
    return best;
}

}  // namespace kc::engines::network
