#include "engines/network/metrics.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <random>

namespace kc::engines::network {
namespace {

// A uniform integer in [0, bound) from the generator, by rejection (the same on every platform,
// unlike std::uniform_int_distribution).
uint64_t Uniform(std::mt19937_64& rng, uint64_t bound) {
    uint64_t limit =
        std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
    while (true) {
        uint64_t x = rng();
        if (x < limit) return x % bound;
    }
}

// Scratch space of one Brandes worker.
struct BrandesScratch {
    std::vector<double> dist, sigma, delta;
    std::vector<NodeIndex> order;  // nodes in non-decreasing distance from the source
    std::vector<NodeIndex> queue;

    explicit BrandesScratch(size_t n) : dist(n, -1), sigma(n, 0), delta(n, 0) {
        order.reserve(n);
        queue.reserve(n);
    }
};

constexpr double kRelativeTolerance = 1e-12;

bool SameLength(double a, double b) {
    return std::abs(a - b) <= kRelativeTolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

// Adds the dependencies of source `s` to `out` (each pair counted from both ends).
void BrandesFrom(const Graph& g, NodeIndex s, Weighting weighting, BrandesScratch& w,
                 std::vector<double>& out) {
    w.order.clear();
    w.dist[s] = 0;
    w.sigma[s] = 1;
    if (weighting == Weighting::kUnweighted) {
        w.queue.clear();
        w.queue.push_back(s);
        for (size_t head = 0; head < w.queue.size(); ++head) {
            NodeIndex v = w.queue[head];
            w.order.push_back(v);
            for (NodeIndex u : g.Neighbours(v)) {
                if (w.dist[u] < 0) {
                    w.dist[u] = w.dist[v] + 1;
                    w.queue.push_back(u);
                }
                if (w.dist[u] == w.dist[v] + 1) w.sigma[u] += w.sigma[v];
            }
        }
    } else {
        using Item = std::pair<double, NodeIndex>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
        heap.emplace(0.0, s);
        while (!heap.empty()) {
            auto [d, v] = heap.top();
            heap.pop();
            if (d > w.dist[v] && !SameLength(d, w.dist[v])) continue;
            if (w.delta[v] < 0) continue;  // already settled (marked below)
            w.delta[v] = -1;               // settled marker, reset after the search
            w.order.push_back(v);
            auto neighbours = g.Neighbours(v);
            auto weights = g.Weights(v);
            for (size_t k = 0; k < neighbours.size(); ++k) {
                NodeIndex u = neighbours[k];
                if (w.delta[u] < 0) continue;  // settled
                double candidate = w.dist[v] + 1.0 / weights[k];
                if (w.dist[u] < 0 || (candidate < w.dist[u] && !SameLength(candidate, w.dist[u]))) {
                    w.dist[u] = candidate;
                    w.sigma[u] = w.sigma[v];
                    heap.emplace(candidate, u);
                } else if (SameLength(candidate, w.dist[u])) {
                    w.sigma[u] += w.sigma[v];
                }
            }
        }
        for (NodeIndex v : w.order) w.delta[v] = 0;
    }
    // Accumulation in order of non-increasing distance: the predecessors of x are its neighbours
    // one step (or one tie length) closer to the source.
    for (size_t i = w.order.size(); i-- > 0;) {
        NodeIndex x = w.order[i];
        auto neighbours = g.Neighbours(x);
        auto weights = g.Weights(x);
        double coefficient = (1.0 + w.delta[x]) / w.sigma[x];
        for (size_t k = 0; k < neighbours.size(); ++k) {
            NodeIndex v = neighbours[k];
            if (w.dist[v] < 0) continue;
            bool predecessor =
                weighting == Weighting::kUnweighted
                    ? w.dist[v] + 1 == w.dist[x]
                    : SameLength(w.dist[v] + 1.0 / weights[k], w.dist[x]) && w.dist[v] < w.dist[x];
            if (predecessor) w.delta[v] += w.sigma[v] * coefficient;
        }
        if (x != s) out[x] += w.delta[x];
    }
    for (NodeIndex v : w.order) {
        w.dist[v] = -1;
        w.sigma[v] = 0;
        w.delta[v] = 0;
    }
}

}  // namespace

std::vector<uint32_t> Components(const Graph& graph) {
    size_t n = graph.NodeCount();
    constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> found(n, kNone);
    std::vector<size_t> sizes;
    std::vector<NodeIndex> stack;
    for (NodeIndex start = 0; start < n; ++start) {
        if (found[start] != kNone) continue;
        auto id = static_cast<uint32_t>(sizes.size());
        size_t size = 0;
        found[start] = id;
        stack.push_back(start);
        while (!stack.empty()) {
            NodeIndex v = stack.back();
            stack.pop_back();
            ++size;
            for (NodeIndex u : graph.Neighbours(v)) {
                if (found[u] == kNone) {
                    found[u] = id;
                    stack.push_back(u);
                }
            }
        }
        sizes.push_back(size);
    }
    // Discovery order is the order of smallest members; a stable sort by size keeps it for ties.
    std::vector<uint32_t> order(sizes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return sizes[a] > sizes[b]; });
    std::vector<uint32_t> rank(sizes.size());
    for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
    for (auto& c : found) c = rank[c];
    return found;
}

namespace {

// Triangles at each node.
std::vector<size_t> TrianglesAt(const Graph& graph) {
    size_t n = graph.NodeCount();
    std::vector<size_t> triangles(n, 0);
    std::vector<NodeIndex> mark(n, std::numeric_limits<NodeIndex>::max());
    for (NodeIndex u = 0; u < n; ++u) {
        for (NodeIndex v : graph.Neighbours(u)) mark[v] = u;
        size_t count = 0;
        for (NodeIndex v : graph.Neighbours(u)) {
            for (NodeIndex x : graph.Neighbours(v)) {
                if (x != u && mark[x] == u) ++count;
            }
        }
        triangles[u] = count / 2;
    }
    return triangles;
}

}  // namespace

std::vector<double> LocalClustering(const Graph& graph) {
    auto triangles = TrianglesAt(graph);
    std::vector<double> out(graph.NodeCount(), 0);
    for (NodeIndex u = 0; u < graph.NodeCount(); ++u) {
        double k = static_cast<double>(graph.Degree(u));
        if (k >= 2) out[u] = 2.0 * static_cast<double>(triangles[u]) / (k * (k - 1));
    }
    return out;
}

GraphSummary Summarize(const Graph& graph) {
    GraphSummary s;
    s.nodes = graph.NodeCount();
    s.edges = graph.EdgeCount();
    s.total_weight = graph.TotalWeight();
    if (s.nodes >= 2) {
        double n = static_cast<double>(s.nodes);
        s.density = 2.0 * static_cast<double>(s.edges) / (n * (n - 1));
    }
    if (s.nodes > 0)
        s.mean_degree = 2.0 * static_cast<double>(s.edges) / static_cast<double>(s.nodes);
    auto components = Components(graph);
    std::vector<size_t> sizes;
    for (uint32_t c : components) {
        if (c >= sizes.size()) sizes.resize(c + 1, 0);
        ++sizes[c];
    }
    s.components = sizes.size();
    s.component_sizes = sizes;  // already largest first by construction of the ids
    for (NodeIndex v = 0; v < s.nodes; ++v) {
        if (graph.Degree(v) == 0) ++s.isolated;
    }
    if (!sizes.empty()) {
        s.largest_component_share = static_cast<double>(sizes[0]) / static_cast<double>(s.nodes);
    }
    auto triangles = TrianglesAt(graph);
    double clustering_sum = 0, triples = 0;
    size_t triangle_ends = 0;
    for (NodeIndex u = 0; u < s.nodes; ++u) {
        double k = static_cast<double>(graph.Degree(u));
        triangle_ends += triangles[u];
        if (k >= 2) {
            clustering_sum += 2.0 * static_cast<double>(triangles[u]) / (k * (k - 1));
            triples += k * (k - 1) / 2;
        }
    }
    s.triangles = triangle_ends / 3;
    if (s.nodes > 0) s.average_clustering = clustering_sum / static_cast<double>(s.nodes);
    if (triples > 0) s.transitivity = static_cast<double>(triangle_ends) / triples;
    return s;
}

std::vector<double> Betweenness(const Graph& graph, const BetweennessOptions& options) {
    size_t n = graph.NodeCount();
    std::vector<double> result(n, 0);
    if (n == 0) return result;
    std::vector<NodeIndex> sources(n);
    std::iota(sources.begin(), sources.end(), 0);
    double scale = 1.0;
    if (options.max_sources > 0 && options.max_sources < n) {
        std::mt19937_64 rng(options.seed);
        for (size_t i = 0; i < options.max_sources; ++i) {
            std::swap(sources[i], sources[i + Uniform(rng, n - i)]);
        }
        sources.resize(options.max_sources);
        std::sort(sources.begin(), sources.end());
        scale = static_cast<double>(n) / static_cast<double>(options.max_sources);
    }
    // A fixed partition of the sources (independent of the thread count), each with its own
    // partial sums, added in partition order: the result is the same bit for bit on any machine
    // load. The partition count is bounded so partial sums stay under ~256 MB.
    size_t parts =
        std::min<size_t>({64, sources.size(), std::max<size_t>(1, (size_t{1} << 25) / n)});
    std::vector<std::vector<double>> partial(parts);
    tbb::parallel_for(size_t{0}, parts, [&](size_t part) {
        size_t begin = sources.size() * part / parts, end = sources.size() * (part + 1) / parts;
        BrandesScratch scratch(n);
        partial[part].assign(n, 0);
        for (size_t i = begin; i < end; ++i) {
            BrandesFrom(graph, sources[i], options.weighting, scratch, partial[part]);
        }
    });
    for (const auto& p : partial) {
        for (size_t v = 0; v < n; ++v) result[v] += p[v];
    }
    // Undirected: every pair was counted from both of its ends.
    double factor = scale / 2.0;
    if (options.normalized) {
        factor =
            n > 2 ? factor * 2.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 0.0;
    }
    for (auto& value : result) value *= factor;
    return result;
}

std::vector<NodeBrokerage> Brokerage(const Graph& graph, const std::vector<NodeIndex>& nodes,
                                     const std::string& group_attribute) {
    size_t n = graph.NodeCount();
    std::vector<NodeIndex> chosen = nodes;
    if (chosen.empty()) {
        chosen.resize(n);
        std::iota(chosen.begin(), chosen.end(), 0);
    }
    std::vector<double> strength(n), max_weight(n, 0);
    for (NodeIndex v = 0; v < n; ++v) {
        strength[v] = graph.Strength(v);
        for (double w : graph.Weights(v)) max_weight[v] = std::max(max_weight[v], w);
    }
    auto tie_weight = [&](NodeIndex a, NodeIndex b) -> double {
        auto row = graph.Neighbours(a);
        auto it = std::lower_bound(row.begin(), row.end(), b);
        if (it == row.end() || *it != b) return 0;
        return graph.Weights(a)[static_cast<size_t>(it - row.begin())];
    };
    constexpr size_t kNone = std::numeric_limits<size_t>::max();
    std::vector<size_t> position(n, kNone);
    std::vector<NodeBrokerage> out;
    out.reserve(chosen.size());
    for (NodeIndex i : chosen) {
        KC_CHECK(i < n, "brokerage: node index out of range");
        NodeBrokerage b;
        b.node = i;
        b.degree = graph.Degree(i);
        b.strength = strength[i];
        auto neighbours = graph.Neighbours(i);
        auto weights = graph.Weights(i);
        size_t d = neighbours.size();
        if (d > 0 && strength[i] > 0) {
            for (size_t k = 0; k < d; ++k) position[neighbours[k]] = k;
            std::vector<double> indirect(d, 0), redundancy(d, 0);
            for (size_t q = 0; q < d; ++q) {
                NodeIndex qn = neighbours[q];
                double p_iq = weights[q] / strength[i];
                auto q_neighbours = graph.Neighbours(qn);
                auto q_weights = graph.Weights(qn);
                for (size_t k = 0; k < q_neighbours.size(); ++k) {
                    size_t j = position[q_neighbours[k]];
                    if (j == kNone) continue;  // not a neighbour of i (or i itself)
                    NodeIndex jn = neighbours[j];
                    indirect[j] += p_iq * q_weights[k] / strength[qn];
                    redundancy[j] += p_iq * q_weights[k] / max_weight[jn];
                }
            }
            double constraint = 0, effective = 0;
            for (size_t j = 0; j < d; ++j) {
                double term = weights[j] / strength[i] + indirect[j];
                constraint += term * term;
                effective += 1.0 - redundancy[j];
            }
            b.constraint = constraint;
            b.effective_size = effective;
            for (size_t k = 0; k < d; ++k) position[neighbours[k]] = kNone;
        }
        const std::string* gi =
            group_attribute.empty() ? nullptr : &graph.NodeAt(i).Attribute(group_attribute);
        for (size_t x = 0; x < d; ++x) {
            for (size_t y = x + 1; y < d; ++y) {
                if (tie_weight(neighbours[x], neighbours[y]) > 0) continue;
                ++b.open_pairs;
                if (gi == nullptr) continue;
                const std::string& gx = graph.NodeAt(neighbours[x]).Attribute(group_attribute);
                const std::string& gy = graph.NodeAt(neighbours[y]).Attribute(group_attribute);
                if (gx == gy) {
                    if (gx == *gi) {
                        ++b.roles.coordinator;
                    } else {
                        ++b.roles.itinerant;
                    }
                } else if (gx == *gi || gy == *gi) {
                    ++b.roles.gatekeeper_representative;
                } else {
                    ++b.roles.liaison;
                }
            }
        }
        out.push_back(b);
    }
    return out;
}

std::optional<double> TieMix::SameShare() const {
    if (ties == 0) return std::nullopt;
    return static_cast<double>(same_ties) / static_cast<double>(ties);
}

int64_t TieMix::TiesBetween(const std::string& x, const std::string& y) const {
    const std::string& a = std::min(x, y);
    const std::string& b = std::max(x, y);
    for (const auto& row : rows) {
        if (row.a == a && row.b == b) return row.ties;
    }
    return 0;
}

double TieMix::WeightBetween(const std::string& x, const std::string& y) const {
    const std::string& a = std::min(x, y);
    const std::string& b = std::max(x, y);
    for (const auto& row : rows) {
        if (row.a == a && row.b == b) return row.weight;
    }
    return 0;
}

TieMix MixByAttribute(const Graph& graph, const std::string& attribute) {
    TieMix mix;
    mix.attribute = attribute;
    std::map<std::pair<std::string, std::string>, TieMixRow> rows;
    for (const auto& e : graph.Edges()) {
        std::string a = graph.NodeAt(e.source).Attribute(attribute);
        std::string b = graph.NodeAt(e.target).Attribute(attribute);
        if (b < a) std::swap(a, b);
        auto& row = rows[{a, b}];
        row.a = a;
        row.b = b;
        ++row.ties;
        row.weight += e.weight;
        ++mix.ties;
        mix.weight += e.weight;
        if (a == b) {
            ++mix.same_ties;
            mix.same_weight += e.weight;
        }
    }
    for (auto& [key, row] : rows) mix.rows.push_back(std::move(row));
    return mix;
}

}  // namespace kc::engines::network
