#include "engines/network/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kc::engines::network {
namespace {

uint64_t PairKey(NodeIndex a, NodeIndex b) {
    if (a > b) std::swap(a, b);
    return (static_cast<uint64_t>(a) << 32) | b;
}

// The earlier of two optional years (a known year beats an unknown one).
std::optional<int> Earlier(std::optional<int> a, std::optional<int> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace

const std::string& Node::Attribute(const std::string& name) const {
    static const std::string kEmpty;
    for (const auto& [attribute, value] : attributes) {
        if (attribute == name) return value;
    }
    return kEmpty;
}

double Graph::Strength(NodeIndex index) const {
    double sum = 0;
    for (double w : Weights(index)) sum += w;
    return sum;
}

double Graph::TotalWeight() const {
    double sum = 0;
    for (const auto& e : edges_) sum += e.weight;
    return sum;
}

std::optional<NodeIndex> Graph::Find(const std::string& key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

Result<NodeIndex> GraphBuilder::AddNode(Node node) {
    if (node.key.empty()) {
        return std::unexpected(Error::InvalidArgument("node key: expected a non-empty key"));
    }
    if (index_.contains(node.key)) {
        return std::unexpected(Error::InvalidArgument(
            fmt::format("node key: \"{}\" is already in the graph", node.key)));
    }
    if (nodes_.size() >= std::numeric_limits<NodeIndex>::max()) {
        return std::unexpected(Error::InvalidArgument("graph: too many nodes"));
    }
    auto index = static_cast<NodeIndex>(nodes_.size());
    index_.emplace(node.key, index);
    nodes_.push_back(std::move(node));
    return index;
}

NodeIndex GraphBuilder::AddOrGetNode(Node node) {
    if (auto found = Find(node.key)) return *found;
    auto index = static_cast<NodeIndex>(nodes_.size());
    index_.emplace(node.key, index);
    nodes_.push_back(std::move(node));
    return index;
}

std::optional<NodeIndex> GraphBuilder::Find(const std::string& key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

Status GraphBuilder::AddEdge(NodeIndex a, NodeIndex b, double weight, std::optional<int> start) {
    if (a >= nodes_.size() || b >= nodes_.size()) {
        return std::unexpected(Error::InvalidArgument(fmt::format(
            "edge {}–{}: node index out of range (the graph has {} nodes)", a, b, nodes_.size())));
    }
    if (a == b) {
        return std::unexpected(Error::InvalidArgument(
            fmt::format("edge {}–{}: self-loops are not allowed", nodes_[a].key, nodes_[b].key)));
    }
    if (!std::isfinite(weight) || weight <= 0) {
        return std::unexpected(Error::InvalidArgument(
            fmt::format("edge {}–{}: weight must be a finite number > 0, got {}", nodes_[a].key,
                        nodes_[b].key, weight)));
    }
    auto [it, inserted] = edges_.try_emplace(PairKey(a, b), weight, start);
    if (!inserted) {
        it->second.first += weight;
        it->second.second = Earlier(it->second.second, start);
    }
    return {};
}

Status GraphBuilder::AddEdge(const std::string& a, const std::string& b, double weight,
                             std::optional<int> start) {
    auto ia = Find(a);
    if (!ia)
        return std::unexpected(Error::InvalidArgument(fmt::format("edge: unknown node {}", a)));
    auto ib = Find(b);
    if (!ib)
        return std::unexpected(Error::InvalidArgument(fmt::format("edge: unknown node {}", b)));
    return AddEdge(*ia, *ib, weight, start);
}

Graph GraphBuilder::Build() {
    Graph g;
    g.nodes_ = std::move(nodes_);
    g.index_ = std::move(index_);
    g.edges_.reserve(edges_.size());
    for (const auto& [key, value] : edges_) {
        g.edges_.push_back({static_cast<NodeIndex>(key >> 32),
                            static_cast<NodeIndex>(key & 0xffffffffu), value.first, value.second});
    }
    std::sort(g.edges_.begin(), g.edges_.end(), [](const Edge& x, const Edge& y) {
        return x.source != y.source ? x.source < y.source : x.target < y.target;
    });
    size_t n = g.nodes_.size();
    std::vector<size_t> degree(n, 0);
    for (const auto& e : g.edges_) {
        ++degree[e.source];
        ++degree[e.target];
    }
    g.offsets_.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) g.offsets_[i + 1] = g.offsets_[i] + degree[i];
    g.neighbours_.resize(g.offsets_[n]);
    g.weights_.resize(g.offsets_[n]);
    std::vector<size_t> fill(g.offsets_.begin(), g.offsets_.end() - 1);
    // Edges are sorted by (source, target): each row receives its neighbours in increasing order
    // for targets > row from the pass over sources, and lower ones from the pass over targets.
    // Two passes keep every row sorted without a per-row sort.
    for (const auto& e : g.edges_) {
        // Lower neighbours of e.target come first: e.source < e.target, visited in source order.
        g.neighbours_[fill[e.target]] = e.source;
        g.weights_[fill[e.target]++] = e.weight;
    }
    for (const auto& e : g.edges_) {
        g.neighbours_[fill[e.source]] = e.target;
        g.weights_[fill[e.source]++] = e.weight;
    }
    nodes_.clear();
    index_.clear();
    edges_.clear();
    return g;
}

Result<Graph> Project(const Graph& graph, const std::string& kind,
                      const ProjectionOptions& options) {
    if (!std::isfinite(options.min_weight) || options.min_weight < 0) {
        return std::unexpected(Error::InvalidArgument(
            fmt::format("min_weight must be a finite number >= 0, got {}", options.min_weight)));
    }
    GraphBuilder builder;
    std::vector<std::optional<NodeIndex>> kept(graph.NodeCount());
    for (NodeIndex i = 0; i < graph.NodeCount(); ++i) {
        if (graph.NodeAt(i).kind == kind) kept[i] = builder.AddOrGetNode(graph.NodeAt(i));
    }
    // (min, max) of the kept indices → (weight, start); sorted by the builder.
    std::unordered_map<uint64_t, std::pair<double, std::optional<int>>> ties;
    auto add = [&](NodeIndex a, NodeIndex b, double w, std::optional<int> start) {
        auto [it, inserted] = ties.try_emplace(PairKey(a, b), w, start);
        if (!inserted) {
            it->second.first += w;
            it->second.second = Earlier(it->second.second, start);
        }
    };
    // The start of the tie between a and b, found in the sorted edge list.
    const auto& edges = graph.Edges();
    bool any_start =
        std::any_of(edges.begin(), edges.end(), [](const Edge& e) { return e.start.has_value(); });
    auto start_of = [&](NodeIndex a, NodeIndex b) -> std::optional<int> {
        if (!any_start) return std::nullopt;
        Edge probe{std::min(a, b), std::max(a, b), 0, std::nullopt};
        auto it =
            std::lower_bound(edges.begin(), edges.end(), probe, [](const Edge& x, const Edge& y) {
                return x.source != y.source ? x.source < y.source : x.target < y.target;
            });
        if (it == edges.end() || it->source != probe.source || it->target != probe.target) {
            return std::nullopt;
        }
        return it->start;
    };
    for (const auto& e : graph.Edges()) {
        if (kept[e.source] && kept[e.target])
            add(*kept[e.source], *kept[e.target], e.weight, e.start);
    }
    for (NodeIndex hub = 0; hub < graph.NodeCount(); ++hub) {
        if (kept[hub]) continue;
        auto neighbours = graph.Neighbours(hub);
        auto weights = graph.Weights(hub);
        std::vector<size_t> members;
        for (size_t k = 0; k < neighbours.size(); ++k) {
            if (kept[neighbours[k]]) members.push_back(k);
        }
        if (members.size() < 2) continue;
        double newman = 1.0 / static_cast<double>(members.size() - 1);
        for (size_t x = 0; x < members.size(); ++x) {
            for (size_t y = x + 1; y < members.size(); ++y) {
                NodeIndex a = neighbours[members[x]], b = neighbours[members[y]];
                double w = options.weighting == ProjectionWeight::kNewman
                               ? newman
                               : std::min(weights[members[x]], weights[members[y]]);
                std::optional<int> sa = start_of(hub, a), sb = start_of(hub, b);
                std::optional<int> start;
                if (sa && sb) start = std::max(*sa, *sb);
                add(*kept[a], *kept[b], w, start);
            }
        }
    }
    for (const auto& [pair, value] : ties) {
        if (value.first < options.min_weight) continue;
        KC_RETURN_IF_ERROR(builder.AddEdge(static_cast<NodeIndex>(pair >> 32),
                                           static_cast<NodeIndex>(pair & 0xffffffffu), value.first,
                                           value.second));
    }
    Graph projected = builder.Build();
    if (options.keep_isolated) return projected;
    GraphBuilder trimmed;
    std::vector<std::optional<NodeIndex>> map(projected.NodeCount());
    for (NodeIndex i = 0; i < projected.NodeCount(); ++i) {
        if (projected.Degree(i) > 0) map[i] = trimmed.AddOrGetNode(projected.NodeAt(i));
    }
    for (const auto& e : projected.Edges()) {
        KC_RETURN_IF_ERROR(trimmed.AddEdge(*map[e.source], *map[e.target], e.weight, e.start));
    }
    return trimmed.Build();
}

Graph FilterEdges(const Graph& graph, double min_weight) {
    GraphBuilder builder;
    for (const auto& node : graph.Nodes()) builder.AddOrGetNode(node);
    for (const auto& e : graph.Edges()) {
        if (e.weight >= min_weight) (void)builder.AddEdge(e.source, e.target, e.weight, e.start);
    }
    return builder.Build();
}

}  // namespace kc::engines::network
