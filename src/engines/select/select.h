#pragma once

// engines/select: reviewer-calibrated scores with uncertainty, and the budget-constrained
// selection of full and trial regions as an exact MIP (CBC). A pure library: no store, no clock;
// deterministic for a given seed. Derivations and choices: docs/decisions/0006-calibration-and-
// selection.md.
//
// Calibration. Reviewers differ in severity: one who scores everyone a point lower drags down
// exactly the proposals they happened to read. The additive model
//     score(r, p) = mu + a_p + b_r + e
// (two-way additive reviewer bias; cf. Flach et al. 2010, "Novel tools to streamline the
// conference review process: experiences from SIGKDD'09", who calibrate review scores with a
// Bayesian version of it) is fitted by least squares with a ridge penalty lambda * sum_r b_r^2
// on the reviewer effects only, which is the Gaussian prior b_r ~ N(0, sigma^2 / lambda):
//     minimise sum_k (y_k - c_{p(k)} - b_{r(k)})^2 + lambda * sum_r b_r^2,   c_p = mu + a_p.
// Identifiability: c_p is unique for lambda > 0 (the objective is strictly convex in b, and c is
// the mean of y - b over p's ratings); mu and a_p separately are not, so mu is reported as the
// mean of the c_p (the a_p sum to 0). The stationarity conditions give sum_r b_r = 0 whenever
// lambda > 0. lambda = 0 is the plain fixed-effects fit, where b is determined only up to one
// constant per connected component of the reviewer-proposal graph; the engine returns the limit
// lambda -> 0+, i.e. effects summing to 0 in each component. As lambda -> infinity, b -> 0 and
// calibrated -> raw. Method: c is eliminated, leaving the R x R normal equations for b,
// A b = g with A = diag(n_r + lambda) - N^T diag(1/n_p) N; A is applied in two passes over the
// ratings and solved by Jacobi-preconditioned conjugate gradients to a relative residual of
// 1e-12 (at most 100 + 4R iterations). Cost O(ratings x iterations) time, O(ratings + P + R)
// memory per fit; iterations stay in the tens for realistic designs.
//
// Intervals: a stratified bootstrap. Resample b (0 <= b < bootstrap) draws, within each
// proposal, as many ratings as it has, with replacement, and refits; the interval is the
// percentile interval at `level` (lower end the floor((1-level)/2 * (B-1))-th order statistic,
// upper end the ceil((1+level)/2 * (B-1))-th, 0-based), and the rank interval comes from the
// ranks in the same resamples. Resample b uses its own SplitMix64 stream seeded from (seed, b)
// and a bounded draw of our own, so results are identical bit for bit for any thread count and
// on any platform. With few ratings per proposal the percentile interval under-covers (it
// cannot know the noise of a 3-rating mean better than those 3 ratings); see the decision
// record for measured coverage. Memory: 12 bytes x bootstrap x proposals for the resamples.
//
// Selection. Binary x_full[i], x_trial[i] with x_full + x_trial <= 1, disallowed outcomes fixed
// to 0 (trial is disallowed when cost_trial == 0 or !allow_trial); maximise
// sum score_i (x_full[i] + trial_weight x_trial[i]) subject to the budget, the optional exact
// counts, group bounds and distinct-group minima (indicator y_g <= sum of the x of g's members,
// sum y_g >= k). Solved by CBC branch-and-bound (Clp LP relaxations, default cuts and
// heuristics), single-threaded and therefore deterministic. Ties: a second stage keeps the score
// total within 1e-7 x max|score| of the optimum and minimises sum over the selected of
// 2(i + 1), plus 1 per trial: fewer candidates (a zero-value option is never bought), then lower
// indices, then full rather than trial; any tie left after that is broken by CBC,
// deterministically. Every answer is re-checked in exact integer arithmetic. Sizes: the MIP has
// 2n binaries (+ one per group of a distinct constraint); 30 candidates solve in ~1 ms, 1,000
// in ~70 ms (docs/performance.md).
//
// Explanations: a rejected candidate is forced in (as full, then as trial, where allowed) and
// the problem re-solved; if that is feasible the explanation gives the loss in total score and
// whom it displaces, plus what adding it outright would break; if not, each constraint family
// is relaxed in turn to find the ones that block it. That costs up to 2 + 2F MIPs per rejected
// candidate (F families), so above `explain_by_resolving_up_to` candidates (default 300) the
// explanation is the cheap one: score and rank against the lowest selected score, and what
// adding the candidate to the optimum would break.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace kc::select {

// ---------------------------------------------------------------------------------------------
// Calibration

// One reviewer's weighted score of one proposal (already combined across criteria).
struct Rating {
    int32_t reviewer = 0;
    int32_t proposal = 0;
    double score = 0.0;
};

struct CalibrationInput {
    int32_t num_reviewers = 0;
    int32_t num_proposals = 0;
    std::vector<Rating> ratings;
    double lambda = 1.0;       // ridge penalty on reviewer effects (shrinks them towards 0)
    int32_t bootstrap = 1000;  // resamples of the ratings (per proposal) for the intervals
    double level = 0.90;       // interval coverage, in (0, 1)
    uint64_t seed = 1;
    int32_t threads = 0;  // bootstrap threads; 0 = all cores (TBB). Results never depend on it.
};

struct ProposalScore {
    double raw = 0.0;                     // mean of the ratings
    double calibrated = 0.0;              // proposal effect after removing reviewer effects
    double low = 0.0, high = 0.0;         // bootstrap interval of `calibrated`
    int32_t rank = 0;                     // 1 = best, by calibrated score (ties by index)
    int32_t rank_low = 0, rank_high = 0;  // bootstrap interval of the rank
    int32_t ratings = 0;
};

struct Calibration {
    std::vector<ProposalScore> proposals;
    std::vector<double> reviewer_effect;  // + lenient, − severe (score units)
    double grand_mean = 0.0;
};

// Model: score(r,p) = mu + a_p + b_r + e, with ridge penalty lambda·Σ b_r² (identifiable with
// Σ b_r = 0 implied by the penalty); calibrated(p) = mu + a_p. Proposals without ratings are an
// error naming them.
//
// Returns one ProposalScore per proposal (input order) and one effect per reviewer (0 for a
// reviewer without ratings); grand_mean is the mean calibrated score. With bootstrap == 0, low =
// high = calibrated and rank_low = rank_high = rank. rank_low is the better (smaller) end of the
// rank interval. The percentile interval need not contain `calibrated` when the bootstrap
// distribution is skewed.
// Fails with kInvalidArgument, naming every bad field ("ratings[4].reviewer: expected 0..9, got
// 12"; "lambda: expected a finite number >= 0, got -1"), or naming the proposals without ratings
// ("proposal 3 has no ratings"). Limits: |score| <= 1e12, fewer than 2^31 ratings. Thread-safe;
// runs the bootstrap on `threads` TBB threads.
[[nodiscard]] Result<Calibration> Calibrate(const CalibrationInput& input);

// ---------------------------------------------------------------------------------------------
// Selection

struct Candidate {
    std::string label;       // for explanations ("proposal 12 札幌")
    double score = 0.0;      // comprehensive score; higher is better
    int64_t cost_full = 0;   // yen per year when selected as a full region
    int64_t cost_trial = 0;  // yen per year as a trial region (0 = cannot be trial)
    bool allow_full = true;
    bool allow_trial = true;
    std::vector<std::string> groups;  // e.g. "prefecture:北海道", "field:IT"
};

// Σ over candidates selected (full or trial) whose groups contain `group` of 1, within [min, max].
struct GroupConstraint {
    std::string group;  // exact group name, or a prefix ending in ':' meaning "each"
    std::optional<int32_t> min, max;
};

// At least `min_distinct` distinct groups with this prefix among the selected (e.g. fields).
struct DistinctConstraint {
    std::string prefix;  // "field:"
    int32_t min_distinct = 0;
};

struct SelectionInput {
    std::vector<Candidate> candidates;
    int64_t budget = 0;                  // yen per year
    std::optional<int32_t> full_count;   // exactly N full
    std::optional<int32_t> trial_count;  // exactly M trial
    double trial_weight = 0.5;           // a trial selection is worth this share of the score
    std::vector<GroupConstraint> groups;
    std::vector<DistinctConstraint> distinct;

    // Branch-and-bound nodes per MIP solve. When the main solve stops at this limit with a
    // selection in hand, Selection::optimal is false. Deterministic, unlike a time limit.
    int64_t max_nodes = 200'000;
    // Up to this many candidates, each rejected candidate is explained by re-solving with it
    // forced in (2 to 2 + 2F extra MIPs each); above it, by the cheap comparison with the
    // lowest selected score and the constraints its addition would break.
    int32_t explain_by_resolving_up_to = 300;
};

enum class Outcome { kFull, kTrial, kRejected };

struct CandidateResult {
    Outcome outcome = Outcome::kRejected;
    // Why, in words naming the binding constraint: "selected full: score 4.2, rank 1";
    // "rejected: budget (¥480M left, needs ¥500M)"; "rejected: at most 1 per prefecture:北海道".
    // Selected: "selected full: score 4.2 (rank 1 of 30), cost ¥500M". Rejected, re-solved:
    // "rejected: score 3.1 (rank 19 of 30); forcing it in as full would lower the total score by
    // 0.4 (it would displace 函館); adding it outright breaks budget (¥120M left, needs ¥500M)",
    // or "...; cannot be selected without breaking budget (it alone costs ¥9bn > ¥7.5bn)".
    std::string reason;
    // The constraint's name, or "" when none bound. Names: "budget", "full_count",
    // "trial_count", a group row ("at most 1 per prefecture:北海道", "at least 2 of field:IT"),
    // "at least 3 distinct field:"; several are joined by ", ". Special values: "score" (the
    // candidate's own score is what keeps it out), "tie" (an equally good selection includes it;
    // ties go to lower indices), "eligibility" (neither outcome allowed).
    std::string binding;
};

struct Selection {
    std::vector<CandidateResult> candidates;  // same order as the input
    double objective = 0.0;
    int64_t cost = 0;
    bool optimal = false;
    // Constraints tight at the optimum, in the sense that they keep at least one rejected
    // candidate out (the names of CandidateResult::binding, in order of first appearance).
    std::vector<std::string> binding;
};

// Exact MIP by CBC. Infeasible input yields kFailedPrecondition naming the conflicting
// constraints (e.g. "full 12 + trial 6 cost at least ¥7.8bn > budget ¥7.5bn").
// Checks that need no solver come first (counts against eligible candidates, the cheapest
// selection meeting the counts or a group minimum against the budget, group maxima against the
// counts, distinct groups available); otherwise, when CBC proves the MIP infeasible, the message
// lists the constraints present and which single one, relaxed, makes it feasible. Invalid input
// (negative cost or budget, non-finite score, count < 0, trial_weight outside [0, 1], group
// constraints without min and max or with min > max, empty names) is kInvalidArgument naming
// every bad field; an exception from CBC is kInternal. Limits: costs and budget 0..1e15 yen.
// Thread-safe: each call builds its own CBC models, and the solves themselves are serialised by
// a mutex because CoinUtils keeps a process-wide random state, which is reseeded before each
// solve so that no answer depends on earlier calls.
[[nodiscard]] Result<Selection> Select(const SelectionInput& input);

}  // namespace kc::select
