#pragma once

// engines/assign: optimal reviewer–proposal assignment as a min-cost flow (LEMON).
//
// Maximises the total affinity of the chosen (reviewer, proposal) pairs so that every proposal
// gets exactly `demand[p]` reviewers, every reviewer gets at most `max_load[r]` (and at least
// `min_load[r]`) proposals, only candidate pairs are used, and no forbidden (conflicted) pair is
// ever used. A pure library: no store, no clock, deterministic for a given input.
//
// Method (Objective::kTotal). A b-flow: every proposal node supplies demand[p], one sink node
// absorbs the total; arc proposal→reviewer per allowed candidate pair (capacity 1, cost
// −round(score·scale)), arc reviewer→sink with bounds [min_load, max_load]. The constraint matrix
// is totally unimodular, so the integral optimum of the flow is the optimum of the 0/1 problem.
// Solved by LEMON's CostScaling (Goldberg's cost scaling, "An efficient implementation of a
// scaling minimum-cost flow algorithm", J. Algorithms 1997, in its partial augment–relabel form)
// with 128-bit intermediate costs, or by NetworkSimplex (Options::method). Forbidden pairs and
// reviewers with max_load 0 are dropped before the graph is built. Costs are integers:
// scale = min(1e9, 1e18 / (nodes · max|score|)), so every score is represented within 0.5/scale
// (5e-10 for |score| ≤ 1e3 on up to 1e6 nodes) and no cost or potential can overflow int64; the
// chosen assignment's total is within Σdemand/scale of the true optimum, and Solution reports
// totals summed from the exact scores.
//
// Objective::kFair maximises the smallest per-proposal affinity sum (over proposals with
// demand > 0) and then the total given that minimum. The max–min problem is NP-hard (Kobren,
// Saha & McCallum, KDD 2019), so this is a heuristic with two guarantees: the minimum is never
// below that of the kTotal optimum, and every constraint holds. Stage 1 starts from the kTotal
// optimum and binary-searches a threshold T; each trial lifts proposals below T one at a time
// along exchange paths/cycles (a breadth-first search in which every proposal passed keeps a sum
// ≥ T, or does not lose if already below). Stage 2 keeps the proposals that need it fixed and
// re-solves the min-cost flow for the others until none falls below the reached minimum; stage 3
// applies exchange cycles (Bellman–Ford) that raise the total and keep every sum ≥ that minimum.
// docs/decisions/0005-assignment-min-cost-flow.md explains the method and what is proven.
//
// Tie-breaking and determinism. Edges are sorted by (proposal, reviewer) before the graph is
// built, so the result does not depend on the input order of edges or forbidden pairs, and the
// solvers have no randomness: the same problem gives the same pairs, bit for bit. Among optimal
// assignments the one returned is whichever the solver reaches in that canonical arc order.
//
// Complexity and limits. Peak memory about 200 bytes per candidate pair with CostScaling (the
// Problem included); time in docs/performance.md (100k proposals × 50 candidates: about 20 s for
// kTotal, minutes for kFair when proposals compete). At most 1e9 candidate pairs, 1e9 proposals
// plus reviewers and 2^31−1 total demand. LEMON cannot be interrupted: the stop token and the
// progress callback are honoured between stages (and between moves of the kFair search).

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "util/error.h"

namespace kc::assign {

// One candidate pair with its affinity (any finite value; higher is better).
struct Edge {
    int32_t reviewer = 0;
    int32_t proposal = 0;
    double score = 0.0;
};

enum class Objective {
    kTotal,  // maximise the sum of affinities
    kFair,   // first maximise the minimum per-proposal affinity sum, then the total
};

struct Problem {
    int32_t num_reviewers = 0;
    int32_t num_proposals = 0;
    std::vector<Edge> edges;        // candidate pairs; a pair may appear once
    std::vector<int32_t> demand;    // reviewers needed, per proposal (size num_proposals)
    std::vector<int32_t> max_load;  // per reviewer (size num_reviewers)
    std::vector<int32_t> min_load;  // per reviewer; empty = no minimum
    std::vector<std::pair<int32_t, int32_t>> forbidden;  // (reviewer, proposal): never assigned
    Objective objective = Objective::kTotal;
};

// Which LEMON min-cost-flow algorithm solves the flow. Both are exact; CostScaling is about five
// times faster on large sparse instances (docs/performance.md), NetworkSimplex is kept as an
// independent cross-check.
enum class Method {
    kCostScaling,
    kNetworkSimplex,
};

struct Options {
    // Called with a fraction 0..1 and a short stage name; may be empty.
    std::function<void(double, const std::string&)> progress;
    std::stop_token stop;  // requesting a stop makes Solve return kFailedPrecondition "cancelled"
    Method method = Method::kCostScaling;
    // kFair only: how many candidate pairs the exchange search may examine in all before it
    // settles for the best assignment found so far (a deterministic effort limit, not a clock).
    int64_t fair_work_limit = 2'000'000'000;
};

// One reason why a problem has no solution, precise enough to act on.
struct Infeasibility {
    enum class Kind {
        kProposalShort,  // proposal has fewer allowed candidates than its demand
        kCapacity,       // total max load < total demand
        kMinLoadExcess,  // total min load > total demand
        kReviewerShort,  // reviewer has fewer allowed candidates than their min load
        kFlow,           // loads and demands cannot be met together (Hall violation)
        kMinLoadFlow,    // some reviewers' min loads cannot be met (Hall violation, other side)
    };
    Kind kind = Kind::kFlow;
    int32_t proposal = -1;  // index, when the reason names one
    int32_t reviewer = -1;  // index, when the reason names one
    int64_t have = 0;       // e.g. allowed candidates, total capacity
    int64_t need = 0;       // e.g. demand
    std::string message;    // "proposal 12 has 2 reviewers without a conflict and needs 3"
    // kFlow: the proposals of the violating set and the reviewers allowed for them;
    // kMinLoadFlow: the reviewers of the violating set and the proposals they could review.
    // Sorted ascending.
    std::vector<int32_t> proposals;
    std::vector<int32_t> reviewers;
};

struct Solution {
    std::vector<Edge> pairs;  // sorted by (proposal, reviewer)
    double total = 0.0;
    double min_proposal_score = 0.0;     // smallest per-proposal affinity sum (demand > 0 only)
    std::vector<int32_t> loads;          // per reviewer
    std::vector<double> proposal_score;  // per proposal affinity sum
    // An upper bound on the minimum of any assignment: over proposals with demand > 0, the
    // smallest sum of a proposal's demand[p] best allowed candidates (loads ignored). When it
    // equals min_proposal_score, no assignment has a better minimum (0 without such proposals).
    double min_proposal_bound = 0.0;
    double scale = 0.0;  // the integer cost scale used (see above)
};

// Checks sizes, indexes, finiteness and duplicates; names the offending field and element.
[[nodiscard]] Status Validate(const Problem& problem);

// Every reason the problem is infeasible (empty when a solution exists). The local checks come
// first; the two Hall checks (max flows) run only when every local check passes, and together
// they are exact: an empty result means a feasible assignment exists. The problem must be valid.
[[nodiscard]] std::vector<Infeasibility> Diagnose(const Problem& problem);

// The message of `reason` with proposals and reviewers named by the given functions (the app
// layer passes ids; Diagnose fills `message` with indexes). Long sets are cut after 20 names.
[[nodiscard]] std::string DescribeInfeasibility(
    const Infeasibility& reason, const std::function<std::string(int32_t)>& proposal_name,
    const std::function<std::string(int32_t)>& reviewer_name);

// The optimal assignment. An infeasible problem yields kFailedPrecondition whose message lists
// the reasons from Diagnose (one per line); a malformed one kInvalidArgument.
[[nodiscard]] Result<Solution> Solve(const Problem& problem, const Options& options = {});

}  // namespace kc::assign
