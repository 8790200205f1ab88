#pragma once

// Metrics of a weighted undirected graph (engines/network/graph.h).
//
// - Summary: nodes, edges, density 2m/(n(n-1)), total weight, connected components (sizes,
//   largest first), isolated nodes, mean degree, average local clustering (nodes of degree < 2
//   count as 0, as in NetworkX) and transitivity (3 × triangles / connected triples). O(n + m)
//   plus the clustering's O(sum of degree²).
// - Betweenness centrality by Brandes' algorithm (Brandes 2001, "A faster algorithm for
//   betweenness centrality"): unweighted (BFS, O(nm)) or weighted (Dijkstra with distance =
//   1 / weight, so strong ties are short, O(nm + n² log n)). Undirected: each pair is counted
//   once. Normalised values divide by (n-1)(n-2)/2. Sources run in parallel (TBB) over a fixed
//   partition whose partial sums are added in a fixed order, so results are identical bit for
//   bit at any thread count. `max_sources` > 0 estimates from that many sources drawn with
//   `seed` (Brandes & Pich 2007), scaled by n / sources.
// - Brokerage (Burt 1992): constraint C_i = Σ_j (p_ij + Σ_q p_iq p_qj)², with p_ij = w_ij / Σ_k
//   w_ik (q ≠ i, j), and effective size n_i − Σ_j Σ_q p_iq m_jq where m_jq = w_jq / max_k w_jk;
//   and the open pairs of neighbours a node brokers (neighbours not tied to each other), split
//   by the groups of an attribute as in Gould & Fernandez (1989) reduced to undirected ties:
//   coordinator (all three in one group), itinerant (the two in one group, the broker in
//   another), gatekeeper/representative (the broker shares a group with one of them) and liaison
//   (three different groups).
// - Tie mix: ties and their weights by the unordered pair of an attribute's values at their two
//   ends (inside/outside the region, university–company), with the share of ties inside one
//   group.
//
// Everything here is a pure function of the graph (and seed); thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engines/network/graph.h"

namespace kc::engines::network {

struct GraphSummary {
    size_t nodes = 0, edges = 0;
    double total_weight = 0;
    double density = 0;  // 0 for graphs of fewer than 2 nodes
    double mean_degree = 0;
    size_t components = 0;
    std::vector<size_t> component_sizes;  // largest first
    size_t isolated = 0;                  // nodes without ties
    double largest_component_share = 0;   // largest component / nodes (0 when empty)
    double average_clustering = 0;
    double transitivity = 0;
    size_t triangles = 0;
};

[[nodiscard]] GraphSummary Summarize(const Graph& graph);

// The component of each node: 0 for the largest, 1 for the next, ... (ties by smallest member).
[[nodiscard]] std::vector<uint32_t> Components(const Graph& graph);

// The local clustering coefficient of each node: triangles / (k(k-1)/2); 0 when k < 2.
[[nodiscard]] std::vector<double> LocalClustering(const Graph& graph);

enum class Weighting { kUnweighted, kWeighted };

struct BetweennessOptions {
    Weighting weighting = Weighting::kUnweighted;
    bool normalized = false;
    size_t max_sources = 0;  // 0 = exact (every node a source)
    uint64_t seed = 1;       // for the sampled sources
};

[[nodiscard]] std::vector<double> Betweenness(const Graph& graph,
                                              const BetweennessOptions& options = {});

struct BrokerageRoles {
    int64_t coordinator = 0, itinerant = 0, gatekeeper_representative = 0, liaison = 0;
};

struct NodeBrokerage {
    NodeIndex node = 0;
    size_t degree = 0;
    double strength = 0;
    std::optional<double> constraint;  // none for an isolated node
    double effective_size = 0;
    int64_t open_pairs = 0;  // pairs of neighbours with no tie between them
    BrokerageRoles roles;    // the open pairs by group (all 0 when no attribute is given)
};

// Brokerage of `nodes` (every node when empty); `group_attribute` names the attribute whose
// values are the groups (e.g. "category"); "" skips the roles. Nodes without the attribute
// form the group "".
[[nodiscard]] std::vector<NodeBrokerage> Brokerage(const Graph& graph,
                                                   const std::vector<NodeIndex>& nodes,
                                                   const std::string& group_attribute);

struct TieMixRow {
    std::string a, b;  // the attribute values at the two ends, a <= b
    int64_t ties = 0;
    double weight = 0;
};

struct TieMix {
    std::string attribute;
    std::vector<TieMixRow> rows;  // by (a, b)
    int64_t ties = 0;
    double weight = 0;
    int64_t same_ties = 0;  // both ends with the same value
    double same_weight = 0;
    // same_ties / ties; none without ties.
    [[nodiscard]] std::optional<double> SameShare() const;
    // The ties between the two values (either order), 0 when none.
    [[nodiscard]] int64_t TiesBetween(const std::string& x, const std::string& y) const;
    [[nodiscard]] double WeightBetween(const std::string& x, const std::string& y) const;
};

[[nodiscard]] TieMix MixByAttribute(const Graph& graph, const std::string& attribute);

}  // namespace kc::engines::network
