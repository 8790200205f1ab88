#pragma once

// Graphs with known answers for the network engine's tests and benchmark.

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engines/network/graph.h"

namespace kc::engines::network::testing {

// Zachary's karate club (Zachary 1977, "An information flow model for conflict and fission in
// small groups"): 34 members, 78 friendships, written 1-based as in the paper's matrix.
inline Graph KarateClub() {
    static const std::vector<std::pair<int, int>> kTies = {
        {1, 2},   {1, 3},   {1, 4},   {1, 5},   {1, 6},   {1, 7},   {1, 8},   {1, 9},   {1, 11},
        {1, 12},  {1, 13},  {1, 14},  {1, 18},  {1, 20},  {1, 22},  {1, 32},  {2, 3},   {2, 4},
        {2, 8},   {2, 14},  {2, 18},  {2, 20},  {2, 22},  {2, 31},  {3, 4},   {3, 8},   {3, 9},
        {3, 10},  {3, 14},  {3, 28},  {3, 29},  {3, 33},  {4, 8},   {4, 13},  {4, 14},  {5, 7},
        {5, 11},  {6, 7},   {6, 11},  {6, 17},  {7, 17},  {9, 31},  {9, 33},  {9, 34},  {10, 34},
        {14, 34}, {15, 33}, {15, 34}, {16, 33}, {16, 34}, {19, 33}, {19, 34}, {20, 34}, {21, 33},
        {21, 34}, {23, 33}, {23, 34}, {24, 26}, {24, 28}, {24, 30}, {24, 33}, {24, 34}, {25, 26},
        {25, 28}, {25, 32}, {26, 32}, {27, 30}, {27, 34}, {28, 34}, {29, 32}, {29, 34}, {30, 33},
        {30, 34}, {31, 33}, {31, 34}, {32, 33}, {32, 34}, {33, 34},
    };
    GraphBuilder builder;
    for (int i = 1; i <= 34; ++i) {
        (void)builder.AddNode(MakeNode(std::to_string(i), "member " + std::to_string(i), "person"));
    }
    for (auto [a, b] : kTies) {
        (void)builder.AddEdge(static_cast<NodeIndex>(a - 1), static_cast<NodeIndex>(b - 1));
    }
    return builder.Build();
}

// A random graph of `nodes` nodes and about `edges` ties with planted communities of ~100
// nodes (90% of ties inside a community), weights 1..5, all from `seed`.
inline Graph PlantedGraph(size_t nodes, size_t edges, uint64_t seed) {
    std::mt19937_64 rng(seed);
    GraphBuilder builder;
    for (size_t i = 0; i < nodes; ++i) {
        (void)builder.AddNode(MakeNode(std::to_string(i), "", "node"));
    }
    size_t block = 100;
    for (size_t added = 0; added < edges; ++added) {
        size_t a = rng() % nodes;
        size_t b = 0;
        if (rng() % 10 < 9) {
            size_t base = a / block * block;
            b = base + rng() % std::min(block, nodes - base);
        } else {
            b = rng() % nodes;
        }
        if (a == b) continue;
        (void)builder.AddEdge(static_cast<NodeIndex>(a), static_cast<NodeIndex>(b),
                              static_cast<double>(1 + rng() % 5));
    }
    return builder.Build();
}

}  // namespace kc::engines::network::testing
