#pragma once

// Weighted undirected graphs for collaboration-network analytics (issue 8).
//
// A `Graph` is immutable: nodes carry a stable key ("person:12"), a label, a kind ("person",
// "organization", "project", ...), string attributes (e.g. region=inside, category=university) and
// an optional first year (for dynamic GEXF spells). Edges are undirected, simple (no self-loops,
// parallel additions merge by summing weights) and positive-weighted. Adjacency is stored as CSR
// (compressed sparse rows: `offsets`, `neighbours`, `weights`), each row sorted by neighbour
// index, so every traversal is deterministic. Node indices are dense `uint32_t` 0..n-1 in the
// order the nodes were added.
//
// `GraphBuilder` collects nodes and edges and refuses bad input with errors naming the node key
// or edge (unknown endpoint, non-finite or non-positive weight, self-loop, duplicate key).
//
// `Project` turns a bipartite (or multi-mode) graph into the one-mode weighted graph of the
// nodes of one kind: two such nodes are tied when they share neighbours of the other kinds
// (e.g. two organisations sharing projects), weighted by the number of shared neighbours or by
// Newman's collaboration weight sum 1/(k-1) over the shared neighbours of degree k; ties under
// `min_weight` are dropped. Cost: O(sum over other-mode nodes of degree²).
//
// Sizes: up to 2^32-1 nodes and edges; weights are doubles. Thread-compatible (const methods
// may be called from many threads).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/error.h"

namespace kc::engines::network {

using NodeIndex = uint32_t;

struct Node {
    std::string key;    // unique within the graph, e.g. "organization:12"
    std::string label;  // shown by Gephi
    std::string kind;   // person | organization | project | invention | forum | ...
    // Attribute name → value, e.g. {"region", "inside"}; names are unique per node. Order is kept.
    std::vector<std::pair<std::string, std::string>> attributes;
    std::optional<int> start;  // the first year the node exists (GEXF spells), if known

    // The value of attribute `name`, or "" when the node has none.
    [[nodiscard]] const std::string& Attribute(const std::string& name) const;
};

// A node without attributes or start year.
[[nodiscard]] inline Node MakeNode(std::string key, std::string label, std::string kind) {
    Node node;
    node.key = std::move(key);
    node.label = std::move(label);
    node.kind = std::move(kind);
    return node;
}

struct Edge {
    NodeIndex source = 0, target = 0;  // source < target
    double weight = 0;
    std::optional<int> start;  // the first year the tie exists (GEXF spells), if known
};

class Graph {
  public:
    Graph() = default;

    [[nodiscard]] size_t NodeCount() const { return nodes_.size(); }
    [[nodiscard]] size_t EdgeCount() const { return edges_.size(); }
    [[nodiscard]] const Node& NodeAt(NodeIndex index) const { return nodes_[index]; }
    [[nodiscard]] const std::vector<Node>& Nodes() const { return nodes_; }
    // Every edge once, sorted by (source, target), source < target.
    [[nodiscard]] const std::vector<Edge>& Edges() const { return edges_; }
    // The neighbours of `index` in increasing order, and the weights of those ties.
    [[nodiscard]] std::span<const NodeIndex> Neighbours(NodeIndex index) const {
        return {neighbours_.data() + offsets_[index], neighbours_.data() + offsets_[index + 1]};
    }
    [[nodiscard]] std::span<const double> Weights(NodeIndex index) const {
        return {weights_.data() + offsets_[index], weights_.data() + offsets_[index + 1]};
    }
    [[nodiscard]] size_t Degree(NodeIndex index) const {
        return offsets_[index + 1] - offsets_[index];
    }
    // Sum of the weights of the node's ties.
    [[nodiscard]] double Strength(NodeIndex index) const;
    [[nodiscard]] double TotalWeight() const;
    // The index of the node with `key`, if any.
    [[nodiscard]] std::optional<NodeIndex> Find(const std::string& key) const;

  private:
    friend class GraphBuilder;
    std::vector<Node> nodes_;
    std::vector<Edge> edges_;
    std::vector<size_t> offsets_{0};
    std::vector<NodeIndex> neighbours_;
    std::vector<double> weights_;
    std::unordered_map<std::string, NodeIndex> index_;
};

class GraphBuilder {
  public:
    // Adds a node; InvalidArgument for an empty or duplicate key.
    [[nodiscard]] Result<NodeIndex> AddNode(Node node);
    // Adds the node unless one with its key exists; returns the index either way.
    NodeIndex AddOrGetNode(Node node);
    [[nodiscard]] std::optional<NodeIndex> Find(const std::string& key) const;
    [[nodiscard]] size_t NodeCount() const { return nodes_.size(); }
    // Adds weight to the tie between two nodes (created with `start` when new; the earlier
    // start is kept when the tie exists). InvalidArgument for an unknown index, a self-loop or a
    // weight that is not finite and > 0.
    [[nodiscard]] Status AddEdge(NodeIndex a, NodeIndex b, double weight = 1.0,
                                 std::optional<int> start = std::nullopt);
    // The same by node keys; the error names the unknown key.
    [[nodiscard]] Status AddEdge(const std::string& a, const std::string& b, double weight = 1.0,
                                 std::optional<int> start = std::nullopt);
    // The graph; the builder is left empty.
    [[nodiscard]] Graph Build();

  private:
    std::vector<Node> nodes_;
    std::unordered_map<std::string, NodeIndex> index_;
    // (min, max) → (weight, start)
    std::unordered_map<uint64_t, std::pair<double, std::optional<int>>> edges_;
};

enum class ProjectionWeight {
    kSharedCount,  // number of shared neighbours (each weighted by the smaller tie weight)
    kNewman,       // sum over shared neighbours of degree k of 1/(k-1) (Newman 2001)
};

struct ProjectionOptions {
    ProjectionWeight weighting = ProjectionWeight::kSharedCount;
    double min_weight = 0;      // ties of lower weight are dropped (>= 0)
    bool keep_isolated = true;  // keep nodes of `kind` left without ties
};

// The one-mode projection of `graph` on its nodes of `kind` (attributes and starts kept; a tie
// starts at the latest start of the two ties that make it, when both are known). Nodes of other
// kinds connect the kept nodes; ties directly between two kept nodes are kept with their weight
// added. InvalidArgument for a negative or non-finite min_weight.
[[nodiscard]] Result<Graph> Project(const Graph& graph, const std::string& kind,
                                    const ProjectionOptions& options = {});

// The subgraph of the edges of weight >= min_weight (all nodes kept).
[[nodiscard]] Graph FilterEdges(const Graph& graph, double min_weight);

}  // namespace kc::engines::network
