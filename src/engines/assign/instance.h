#pragma once

// Internal to engines/assign: the compact form of a Problem shared by the flow solver
// (flow.cpp, the only file that includes LEMON), the kFair search (fair.cpp) and assign.cpp.

#include <cstdint>
#include <optional>
#include <vector>

#include "engines/assign/assign.h"

namespace kc::assign::internal {

// The allowed candidate pairs ("edges" below) of a valid Problem, grouped by proposal and sorted
// by reviewer inside each group; forbidden pairs and pairs of reviewers with max_load 0 removed.
struct Instance {
    int32_t num_proposals = 0;
    int32_t num_reviewers = 0;
    std::vector<int32_t> offsets;   // edges of proposal p: [offsets[p], offsets[p + 1])
    std::vector<int32_t> reviewer;  // per edge
    std::vector<double> score;      // per edge, as given
    std::vector<int64_t> weight;    // per edge: llround(score * scale)
    std::vector<int32_t> demand;    // per proposal
    std::vector<int32_t> max_load;  // per reviewer
    std::vector<int32_t> min_load;  // per reviewer (zeros when the problem has none)
    std::vector<int32_t> degree;    // edges per reviewer
    double scale = 1e9;

    [[nodiscard]] int32_t NumEdges() const { return static_cast<int32_t>(reviewer.size()); }
    [[nodiscard]] int64_t TotalDemand() const;
};

// Indexes of the edges of `problem` whose reviewer and proposal are in range, sorted by
// (proposal, reviewer, index). Counting sort by proposal, then a sort inside each group.
[[nodiscard]] std::vector<int32_t> SortedEdgeOrder(const Problem& problem);

// The instance of a valid problem (see Validate).
[[nodiscard]] Instance BuildInstance(const Problem& problem);

// The integer cost scale for scores up to `max_abs_score` on a graph of `nodes` nodes:
// min(1e9, 1e18 / (nodes * max_abs_score)), so that nodes * max |weight| <= 1e18.
[[nodiscard]] double CostScale(double max_abs_score, int64_t nodes);

// --- flow.cpp -----------------------------------------------------------------------------------

// A maximum-weight assignment: one flag per edge (1 = chosen), meeting every demand exactly and
// every load bound; std::nullopt when none exists. `weight` has one entry per edge.
[[nodiscard]] std::optional<std::vector<uint8_t>> SolveFlow(const Instance& instance,
                                                            const std::vector<int64_t>& weight,
                                                            Method method);

// A violated Hall condition: the named set needs `need` but at most `have` can be given.
struct Cut {
    std::vector<int32_t> proposals;
    std::vector<int32_t> reviewers;
    int64_t need = 0;
    int64_t have = 0;
};

// Demands against max loads: max flow source→proposal (demand)→reviewer (1)→sink (max load).
// When it cannot carry every demand, the proposals reachable from the source in the residual
// graph (the smallest minimum cut) and the reviewers allowed for them.
[[nodiscard]] std::optional<Cut> FindDemandCut(const Instance& instance);

// Min loads against demands: max flow source→reviewer (min load)→proposal (1)→sink (demand).
// When it cannot carry every min load, the reviewers reachable from the source in the residual
// graph and the proposals allowed for them.
[[nodiscard]] std::optional<Cut> FindMinLoadCut(const Instance& instance);

// --- fair.cpp -----------------------------------------------------------------------------------

// Why the kFair search stopped early; kNone when it ran to the end.
enum class Interruption { kNone, kCancelled };

struct FairOutcome {
    std::vector<uint8_t> chosen;
    Interruption interruption = Interruption::kNone;
};

// The kFair assignment (see assign.h), starting from `total_optimal`, a feasible assignment of
// maximum total weight. `report(fraction, stage)` receives progress in 0..1.
[[nodiscard]] FairOutcome SolveFair(const Instance& instance, std::vector<uint8_t> total_optimal,
                                    const Options& options,
                                    const std::function<void(double, const char*)>& report);

}  // namespace kc::assign::internal
