#pragma once

// Communities by the Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast
// unfolding of communities in large networks"): modularity
//   Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)
// (weights A, strengths k, total weight m, resolution γ) is raised greedily by moving single
// nodes to the neighbouring community of largest gain until no move gains more than `tolerance`,
// then each community becomes one node of an aggregated graph (internal weight as a self-loop)
// and the moves repeat on it, level after level, until a level changes nothing.
//
// Determinism: nodes are visited in an order shuffled by a Mersenne twister seeded with `seed`
// (its own bounded draws, the same on every platform); ties between equal gains keep the node
// where it is, then prefer the community met first in the neighbour order. The same graph and
// seed give the same partition bit for bit. `restarts` > 1 runs seeds seed, seed+1, ... and
// keeps the partition of highest modularity (the first of equal ones).
//
// Cost: about O(m) per pass; a few passes per level; levels are usually < 10. Communities are
// numbered largest first (ties by smallest member index). Isolated nodes are communities of one.

#include <cstdint>
#include <vector>

#include "engines/network/graph.h"

namespace kc::engines::network {

struct LouvainOptions {
    double resolution = 1.0;  // γ > 0; larger gives more, smaller communities
    uint64_t seed = 1;
    int restarts = 1;          // >= 1
    int max_levels = 32;       // aggregation levels at most
    double tolerance = 1e-10;  // a move must gain more than this (in units of Q × 2m)
};

struct Communities {
    std::vector<uint32_t> community;  // of each node
    std::vector<size_t> sizes;        // of each community, largest first
    double modularity = 0;            // Q of `community` at `resolution`
    int levels = 0;                   // aggregation levels that changed something
    uint64_t seed = 0;                // the seed of the kept run
};

// The Louvain partition of `graph`. InvalidArgument for a resolution that is not > 0 or
// restarts < 1.
[[nodiscard]] Result<Communities> Louvain(const Graph& graph, const LouvainOptions& options = {});

// Q of a partition (one community id per node) at `resolution`; 0 for a graph without ties.
// KC_CHECKs that the partition has one entry per node.
[[nodiscard]] double Modularity(const Graph& graph, const std::vector<uint32_t>& community,
                                double resolution = 1.0);

}  // namespace kc::engines::network
