#include "engines/assign/assign.h"

#include <gtest/gtest.h>

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "util/npy.h"

namespace kc::assign {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

// Checks every constraint of `problem` on `solution`; returns the first violation ("" if none).
std::string Violation(const Problem& problem, const Solution& solution) {
    std::map<std::pair<int32_t, int32_t>, double> candidates;
    for (const Edge& edge : problem.edges) candidates[{edge.reviewer, edge.proposal}] = edge.score;
    std::set<std::pair<int32_t, int32_t>> forbidden(problem.forbidden.begin(),
                                                    problem.forbidden.end());
    std::set<std::pair<int32_t, int32_t>> seen;
    std::vector<int32_t> per_proposal(static_cast<size_t>(problem.num_proposals), 0);
    std::vector<int32_t> per_reviewer(static_cast<size_t>(problem.num_reviewers), 0);
    std::vector<double> score(static_cast<size_t>(problem.num_proposals), 0.0);
    double total = 0;
    for (size_t idx = 0; idx < solution.pairs.size(); ++idx) {
        const Edge& pair = solution.pairs[idx];
        const std::pair<int32_t, int32_t> key{pair.reviewer, pair.proposal};
        if (idx > 0) {
            const Edge& prev = solution.pairs[idx - 1];
            if (std::make_pair(prev.proposal, prev.reviewer) >=
                std::make_pair(pair.proposal, pair.reviewer)) {
                return "pairs not sorted by (proposal, reviewer)";
            }
        }
        if (!candidates.contains(key)) return "pair is not a candidate";
        if (candidates[key] != pair.score) return "pair carries the wrong score";
        if (forbidden.contains(key)) {
            return "forbidden pair (" + std::to_string(pair.reviewer) + ", " +
                   std::to_string(pair.proposal) + ") assigned";
        }
        if (!seen.insert(key).second) return "pair assigned twice";
        ++per_proposal[static_cast<size_t>(pair.proposal)];
        ++per_reviewer[static_cast<size_t>(pair.reviewer)];
        score[static_cast<size_t>(pair.proposal)] += pair.score;
        total += pair.score;
    }
    for (int32_t p = 0; p < problem.num_proposals; ++p) {
        if (per_proposal[static_cast<size_t>(p)] != problem.demand[static_cast<size_t>(p)]) {
            return "proposal " + std::to_string(p) + " does not get its demand";
        }
        if (std::abs(score[static_cast<size_t>(p)] -
                     solution.proposal_score[static_cast<size_t>(p)]) > 1e-9) {
            return "proposal_score is wrong";
        }
    }
    for (int32_t r = 0; r < problem.num_reviewers; ++r) {
        const int32_t load = per_reviewer[static_cast<size_t>(r)];
        if (load > problem.max_load[static_cast<size_t>(r)]) return "reviewer over max load";
        if (!problem.min_load.empty() && load < problem.min_load[static_cast<size_t>(r)]) {
            return "reviewer under min load";
        }
        if (solution.loads[static_cast<size_t>(r)] != load) return "loads is wrong";
    }
    if (std::abs(total - solution.total) > 1e-9 * std::max(1.0, std::abs(total))) {
        return "total is wrong";
    }
    return "";
}

struct RandomSpec {
    int32_t proposals = 30;
    int32_t reviewers = 20;
    double candidate_rate = 0.6;  // chance that a pair is a candidate
    double conflict_rate = 0.1;   // chance that a candidate pair is forbidden
    int32_t max_demand = 3;
    bool min_loads = true;
    double slack = 1.4;  // total max load / total demand
    // Share of a score that is the reviewer's own quality (common to all proposals), so that
    // proposals compete for the same reviewers and the loads bind.
    double reviewer_quality = 0.0;
};

// A random problem; usually feasible with the default spec.
Problem RandomProblem(uint64_t seed, const RandomSpec& spec) {
    std::mt19937_64 rng(seed);
    auto uniform = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    Problem problem;
    problem.num_proposals = spec.proposals;
    problem.num_reviewers = spec.reviewers;
    int64_t total_demand = 0;
    for (int32_t p = 0; p < spec.proposals; ++p) {
        problem.demand.push_back(1 + static_cast<int32_t>(rng() % spec.max_demand));
        total_demand += problem.demand.back();
    }
    const auto load = static_cast<int32_t>(
        std::ceil(spec.slack * static_cast<double>(total_demand) / spec.reviewers));
    for (int32_t r = 0; r < spec.reviewers; ++r) {
        problem.max_load.push_back(load);
        if (spec.min_loads) problem.min_load.push_back(static_cast<int32_t>(rng() % 2));
    }
    std::vector<double> quality;
    for (int32_t r = 0; r < spec.reviewers; ++r) quality.push_back(uniform());
    for (int32_t p = 0; p < spec.proposals; ++p) {
        for (int32_t r = 0; r < spec.reviewers; ++r) {
            if (uniform() >= spec.candidate_rate) continue;
            const double score = spec.reviewer_quality * quality[static_cast<size_t>(r)] +
                                 (1 - spec.reviewer_quality) * uniform();
            // Scores on a 1e-3 grid make ties, which the determinism tests want.
            problem.edges.push_back({r, p, std::round(score * 1000) / 1000});
            if (uniform() < spec.conflict_rate) problem.forbidden.emplace_back(r, p);
        }
    }
    return problem;
}

// The LP optimum of the total objective by Clp (the relaxation is integral for this matrix), or
// NaN when Clp finds the LP infeasible.
double LpOptimum(const Problem& problem) {
    std::set<std::pair<int32_t, int32_t>> forbidden(problem.forbidden.begin(),
                                                    problem.forbidden.end());
    std::vector<Edge> edges;
    for (const Edge& edge : problem.edges) {
        if (!forbidden.contains({edge.reviewer, edge.proposal})) edges.push_back(edge);
    }
    const int rows = problem.num_proposals + problem.num_reviewers;
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(rows, 0);
    std::vector<double> col_lower, col_upper, objective;
    for (const Edge& edge : edges) {
        CoinPackedVector column;
        column.insert(edge.proposal, 1.0);
        column.insert(problem.num_proposals + edge.reviewer, 1.0);
        matrix.appendCol(column);
        col_lower.push_back(0.0);
        col_upper.push_back(1.0);
        objective.push_back(edge.score);
    }
    std::vector<double> row_lower, row_upper;
    for (int32_t p = 0; p < problem.num_proposals; ++p) {
        row_lower.push_back(problem.demand[static_cast<size_t>(p)]);
        row_upper.push_back(problem.demand[static_cast<size_t>(p)]);
    }
    for (int32_t r = 0; r < problem.num_reviewers; ++r) {
        row_lower.push_back(problem.min_load.empty() ? 0.0
                                                     : problem.min_load[static_cast<size_t>(r)]);
        row_upper.push_back(problem.max_load[static_cast<size_t>(r)]);
    }
    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(),
                       row_lower.data(), row_upper.data());
    solver.setObjSense(-1.0);  // maximise
    solver.initialSolve();
    if (!solver.isProvenOptimal()) return std::numeric_limits<double>::quiet_NaN();
    return solver.getObjValue();
}

// The exact max-min of the per-proposal sums (over proposals with demand > 0) by CBC's branch
// and bound: maximise t subject to sum_r w x >= t for every such proposal and the flow rows.
double MipMaxMin(const Problem& problem) {
    std::set<std::pair<int32_t, int32_t>> forbidden(problem.forbidden.begin(),
                                                    problem.forbidden.end());
    std::vector<Edge> edges;
    for (const Edge& edge : problem.edges) {
        if (!forbidden.contains({edge.reviewer, edge.proposal})) edges.push_back(edge);
    }
    const int32_t num_p = problem.num_proposals;
    const int32_t num_r = problem.num_reviewers;
    const int rows = 2 * num_p + num_r;  // demand rows, reviewer rows, threshold rows
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(rows, 0);
    std::vector<double> col_lower, col_upper, objective;
    for (const Edge& edge : edges) {
        CoinPackedVector column;
        column.insert(edge.proposal, 1.0);
        column.insert(num_p + edge.reviewer, 1.0);
        column.insert(num_p + num_r + edge.proposal, edge.score);
        matrix.appendCol(column);
        col_lower.push_back(0.0);
        col_upper.push_back(1.0);
        objective.push_back(0.0);
    }
    CoinPackedVector t_column;
    for (int32_t p = 0; p < num_p; ++p) {
        if (problem.demand[static_cast<size_t>(p)] > 0) t_column.insert(num_p + num_r + p, -1.0);
    }
    matrix.appendCol(t_column);
    col_lower.push_back(-1e6);
    col_upper.push_back(1e6);
    objective.push_back(-1.0);  // minimise -t
    std::vector<double> row_lower, row_upper;
    for (int32_t p = 0; p < num_p; ++p) {
        row_lower.push_back(problem.demand[static_cast<size_t>(p)]);
        row_upper.push_back(problem.demand[static_cast<size_t>(p)]);
    }
    for (int32_t r = 0; r < num_r; ++r) {
        row_lower.push_back(problem.min_load.empty() ? 0.0
                                                     : problem.min_load[static_cast<size_t>(r)]);
        row_upper.push_back(problem.max_load[static_cast<size_t>(r)]);
    }
    for (int32_t p = 0; p < num_p; ++p) {
        row_lower.push_back(0.0);
        row_upper.push_back(std::numeric_limits<double>::max());
    }
    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(),
                       row_lower.data(), row_upper.data());
    for (int col = 0; col < static_cast<int>(edges.size()); ++col) solver.setInteger(col);
    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.branchAndBound();
    if (!model.isProvenOptimal()) return std::numeric_limits<double>::quiet_NaN();
    return -model.getObjValue();
}

// The exact maximum total among assignments whose per-proposal sums (demand > 0) are all at least
// `floor`, by CBC's branch and bound; NaN when not proven within the time.
double MipMaxTotalWithFloor(const Problem& problem, double floor) {
    std::set<std::pair<int32_t, int32_t>> forbidden(problem.forbidden.begin(),
                                                    problem.forbidden.end());
    std::vector<Edge> edges;
    for (const Edge& edge : problem.edges) {
        if (!forbidden.contains({edge.reviewer, edge.proposal})) edges.push_back(edge);
    }
    const int32_t num_p = problem.num_proposals;
    const int32_t num_r = problem.num_reviewers;
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(2 * num_p + num_r, 0);
    std::vector<double> col_lower, col_upper, objective;
    for (const Edge& edge : edges) {
        CoinPackedVector column;
        column.insert(edge.proposal, 1.0);
        column.insert(num_p + edge.reviewer, 1.0);
        column.insert(num_p + num_r + edge.proposal, edge.score);
        matrix.appendCol(column);
        col_lower.push_back(0.0);
        col_upper.push_back(1.0);
        objective.push_back(-edge.score);  // minimise the negated total
    }
    std::vector<double> row_lower, row_upper;
    for (int32_t p = 0; p < num_p; ++p) {
        row_lower.push_back(problem.demand[static_cast<size_t>(p)]);
        row_upper.push_back(problem.demand[static_cast<size_t>(p)]);
    }
    for (int32_t r = 0; r < num_r; ++r) {
        row_lower.push_back(problem.min_load.empty() ? 0.0
                                                     : problem.min_load[static_cast<size_t>(r)]);
        row_upper.push_back(problem.max_load[static_cast<size_t>(r)]);
    }
    for (int32_t p = 0; p < num_p; ++p) {
        row_lower.push_back(problem.demand[static_cast<size_t>(p)] > 0 ? floor : -1e30);
        row_upper.push_back(1e30);
    }
    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(),
                       row_lower.data(), row_upper.data());
    for (int col = 0; col < static_cast<int>(edges.size()); ++col) solver.setInteger(col);
    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setMaximumSeconds(60);
    model.branchAndBound();
    if (!model.isProvenOptimal()) return std::numeric_limits<double>::quiet_NaN();
    return -model.getObjValue();
}

Problem TinyProblem() {
    // Two proposals (demand 1), three reviewers (load 1).
    //            p0    p1
    //   r0      0.9   0.8
    //   r1      0.7   0.1
    //   r2      0.2   0.3
    // Greedy takes (r0, p0) = 0.9 and then (r2, p1) = 0.3: 1.2. The optimum is (r1, p0) + (r0, p1)
    // = 0.7 + 0.8 = 1.5; the other four assignments give 1.0, 1.0, 1.0 and 0.3.
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 2;
    problem.demand = {1, 1};
    problem.max_load = {1, 1, 1};
    problem.edges = {{0, 0, 0.9}, {0, 1, 0.8}, {1, 0, 0.7}, {1, 1, 0.1}, {2, 0, 0.2}, {2, 1, 0.3}};
    return problem;
}

std::vector<std::pair<int32_t, int32_t>> Pairs(const Solution& solution) {
    std::vector<std::pair<int32_t, int32_t>> pairs;
    for (const Edge& pair : solution.pairs) pairs.emplace_back(pair.reviewer, pair.proposal);
    return pairs;
}

std::vector<std::string> Messages(const std::vector<Infeasibility>& reasons) {
    std::vector<std::string> messages;
    for (const auto& reason : reasons) messages.push_back(reason.message);
    return messages;
}

using PairList = std::vector<std::pair<int32_t, int32_t>>;

// ---------------------------------------------------------------------------------------------
// Hand-checked instances

TEST(AssignSolve, TinyInstanceBeatsGreedy) {
    for (Method method : {Method::kCostScaling, Method::kNetworkSimplex}) {
        Options options;
        options.method = method;
        auto solution = Solve(TinyProblem(), options);
        ASSERT_TRUE(solution.has_value()) << solution.error().message;
        EXPECT_EQ(Pairs(*solution), (PairList{{1, 0}, {0, 1}}));
        EXPECT_NEAR(solution->total, 1.5, 1e-12);
        EXPECT_NEAR(solution->min_proposal_score, 0.7, 1e-12);
        EXPECT_EQ(solution->loads, (std::vector<int32_t>{1, 1, 0}));
        EXPECT_EQ(Violation(TinyProblem(), *solution), "");
    }
}

TEST(AssignSolve, ForbiddenPairChangesTheOptimum) {
    // Forbid (r1, p0) in the tiny instance: the best left is (r0, p0) + (r2, p1) = 1.2 against
    // (r0, p1) + (r2, p0) = 1.0.
    Problem problem = TinyProblem();
    problem.forbidden = {{1, 0}};
    auto solution = Solve(problem);
    ASSERT_TRUE(solution.has_value()) << solution.error().message;
    EXPECT_EQ(Pairs(*solution), (PairList{{0, 0}, {2, 1}}));
    EXPECT_NEAR(solution->total, 1.2, 1e-12);
}

TEST(AssignSolve, MinLoadForcesAWeakReviewerIn) {
    // Three proposals (demand 1); r0 scores 1.0 on all, r1 scores 0.1, 0.2, 0.3; r0 may take all
    // three. Without a minimum: r0 takes everything, total 3.0. With min_load[r1] = 1, r1 takes
    // its best proposal p2: 1.0 + 1.0 + 0.3 = 2.3.
    Problem problem;
    problem.num_reviewers = 2;
    problem.num_proposals = 3;
    problem.demand = {1, 1, 1};
    problem.max_load = {3, 3};
    problem.edges = {{0, 0, 1.0}, {0, 1, 1.0}, {0, 2, 1.0}, {1, 0, 0.1}, {1, 1, 0.2}, {1, 2, 0.3}};
    auto free_solution = Solve(problem);
    ASSERT_TRUE(free_solution.has_value());
    EXPECT_NEAR(free_solution->total, 3.0, 1e-12);
    problem.min_load = {0, 1};
    auto solution = Solve(problem);
    ASSERT_TRUE(solution.has_value()) << solution.error().message;
    EXPECT_NEAR(solution->total, 2.3, 1e-12);
    EXPECT_EQ(Pairs(*solution), (PairList{{0, 0}, {0, 1}, {1, 2}}));
}

TEST(AssignSolve, DemandAboveOneAndNegativeScores) {
    // p0 needs 2 of r0 (0.5), r1 (-0.2), r2 (-0.4); p1 needs 1 of r0 (0.6), r1 (0.1); loads 1.
    // p1 takes r0: p0 must take r1 and r2, 0.6 - 0.6 = 0.0. p1 takes r1: p0 takes r0 and r2,
    // 0.1 + 0.1 = 0.2. Optimum 0.2, with a negative pair in it (a demand is exact).
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 2;
    problem.demand = {2, 1};
    problem.max_load = {1, 1, 1};
    problem.edges = {{0, 0, 0.5}, {1, 0, -0.2}, {2, 0, -0.4}, {0, 1, 0.6}, {1, 1, 0.1}};
    auto solution = Solve(problem);
    ASSERT_TRUE(solution.has_value()) << solution.error().message;
    EXPECT_NEAR(solution->total, 0.2, 1e-12);
    EXPECT_EQ(Pairs(*solution), (PairList{{0, 0}, {2, 0}, {1, 1}}));
    EXPECT_NEAR(solution->min_proposal_score, 0.1, 1e-12);
}

TEST(AssignSolve, EmptyAndZeroDemandProblems) {
    auto empty = Solve(Problem{});
    ASSERT_TRUE(empty.has_value()) << empty.error().message;
    EXPECT_TRUE(empty->pairs.empty());
    EXPECT_EQ(empty->total, 0.0);
    Problem zero = TinyProblem();
    zero.demand = {0, 0};
    zero.objective = Objective::kFair;
    auto solution = Solve(zero);
    ASSERT_TRUE(solution.has_value()) << solution.error().message;
    EXPECT_TRUE(solution->pairs.empty());
    EXPECT_EQ(solution->min_proposal_score, 0.0);
}

TEST(AssignSolve, MinProposalScoreIgnoresProposalsWithoutDemand) {
    Problem problem = TinyProblem();
    problem.demand = {1, 0};
    auto solution = Solve(problem);
    ASSERT_TRUE(solution.has_value());
    EXPECT_EQ(Pairs(*solution), (PairList{{0, 0}}));
    EXPECT_NEAR(solution->min_proposal_score, 0.9, 1e-12);
    EXPECT_EQ(solution->proposal_score, (std::vector<double>{0.9, 0.0}));
}

// ---------------------------------------------------------------------------------------------
// Constraints, determinism, optimality

TEST(AssignSolve, NeverAssignsAForbiddenPairAndMeetsEveryConstraint) {
    RandomSpec spec;
    spec.conflict_rate = 0.3;
    int solved = 0;
    for (uint64_t seed = 1; seed <= 60; ++seed) {
        for (Objective objective : {Objective::kTotal, Objective::kFair}) {
            Problem problem = RandomProblem(seed, spec);
            problem.objective = objective;
            auto solution = Solve(problem);
            if (!solution) {
                EXPECT_FALSE(Diagnose(problem).empty()) << "seed " << seed;
                continue;
            }
            ++solved;
            EXPECT_EQ(Violation(problem, *solution), "") << "seed " << seed;
        }
    }
    EXPECT_GE(solved, 100);
}

TEST(AssignSolve, SameInputSameOutputWhateverTheOrder) {
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        for (Objective objective : {Objective::kTotal, Objective::kFair}) {
            Problem problem = RandomProblem(seed, {});
            problem.objective = objective;
            auto first = Solve(problem);
            auto second = Solve(problem);
            ASSERT_EQ(first.has_value(), second.has_value());
            if (!first) continue;
            EXPECT_EQ(Pairs(*first), Pairs(*second)) << "seed " << seed;
            EXPECT_EQ(first->total, second->total);
            // Shuffle edges and forbidden pairs: the canonical order makes the answer the same.
            std::mt19937_64 rng(seed);
            std::shuffle(problem.edges.begin(), problem.edges.end(), rng);
            std::shuffle(problem.forbidden.begin(), problem.forbidden.end(), rng);
            auto shuffled = Solve(problem);
            ASSERT_TRUE(shuffled.has_value());
            EXPECT_EQ(Pairs(*first), Pairs(*shuffled)) << "seed " << seed;
            EXPECT_EQ(first->total, shuffled->total) << "seed " << seed;
        }
    }
}

TEST(AssignSolve, MatchesTheClpLinearProgramOptimum) {
    int compared = 0;
    for (uint64_t seed = 100; seed < 120; ++seed) {
        const Problem problem = RandomProblem(seed, {});
        const double lp = LpOptimum(problem);
        for (Method method : {Method::kCostScaling, Method::kNetworkSimplex}) {
            Options options;
            options.method = method;
            auto solution = Solve(problem, options);
            ASSERT_EQ(solution.has_value(), !std::isnan(lp))
                << "seed " << seed << ": the flow and the LP disagree on feasibility";
            if (!solution) continue;
            EXPECT_NEAR(solution->total, lp, 1e-6) << "seed " << seed;
            EXPECT_EQ(Violation(problem, *solution), "") << "seed " << seed;
            ++compared;
        }
    }
    EXPECT_GE(compared, 36);  // at least 18 of the 20 instances feasible
}

TEST(AssignSolve, ScoresOfLargeMagnitudeKeepMicroPrecision) {
    // Scores near ±1e3 that differ by 2e-6: the integer costs must still separate them.
    // p0 and p1 (demand 1), r0 and r1 (load 1). (r0,p0)+(r1,p1) = 1000.000002 + -999.999999
    // = 0.000003; (r0,p1)+(r1,p0) = -999.999998 + 1000.000000 = 0.000002. Optimum: the first.
    Problem problem;
    problem.num_reviewers = 2;
    problem.num_proposals = 2;
    problem.demand = {1, 1};
    problem.max_load = {1, 1};
    problem.edges = {
        {0, 0, 1000.000002}, {1, 1, -999.999999}, {0, 1, -999.999998}, {1, 0, 1000.000000}};
    auto solution = Solve(problem);
    ASSERT_TRUE(solution.has_value());
    EXPECT_EQ(Pairs(*solution), (PairList{{0, 0}, {1, 1}}));
    EXPECT_NEAR(solution->total, 0.000003, 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Infeasibility

TEST(AssignDiagnose, ProposalWithTooFewAllowedReviewers) {
    // p0 has candidates r0, r1, r2 but r1 is conflicted and r2 takes no proposals (max load 0).
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 2;
    problem.demand = {3, 1};
    problem.max_load = {5, 5, 0};
    problem.edges = {{0, 0, 0.5}, {1, 0, 0.5}, {2, 0, 0.5}, {0, 1, 0.5}};
    problem.forbidden = {{1, 0}};
    const auto reasons = Diagnose(problem);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].kind, Infeasibility::Kind::kProposalShort);
    EXPECT_EQ(reasons[0].proposal, 0);
    EXPECT_EQ(reasons[0].have, 1);
    EXPECT_EQ(reasons[0].need, 3);
    EXPECT_EQ(reasons[0].message, "proposal 0 has 1 reviewer without a conflict and needs 3");
    auto solution = Solve(problem);
    ASSERT_FALSE(solution.has_value());
    EXPECT_EQ(solution.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(solution.error().message,
              "infeasible:\nproposal 0 has 1 reviewer without a conflict and needs 3");
}

TEST(AssignDiagnose, TotalsAndReviewersShort) {
    // Three proposals (demand 1): r0 can review all three, r1 only p2.
    Problem problem;
    problem.num_reviewers = 2;
    problem.num_proposals = 3;
    problem.demand = {1, 1, 1};
    problem.edges = {{0, 0, 1}, {0, 1, 1}, {0, 2, 1}, {1, 2, 1}};
    // Capacity 4 >= 3, but min loads 2 + 2 = 4 > 3, and r1 has one proposal and needs two.
    problem.max_load = {2, 2};
    problem.min_load = {2, 2};
    EXPECT_EQ(Messages(Diagnose(problem)),
              (std::vector<std::string>{
                  "total minimum load 4 > demand 3",
                  "reviewer 1 has 1 proposal without a conflict and needs at least 2"}));
    // Capacity 1 + 1 = 2 < 3.
    problem.min_load = {};
    problem.max_load = {1, 1};
    EXPECT_EQ(Messages(Diagnose(problem)),
              (std::vector<std::string>{"total capacity 2 < demand 3"}));
    auto solution = Solve(problem);
    ASSERT_FALSE(solution.has_value());
    EXPECT_EQ(solution.error().message, "infeasible:\ntotal capacity 2 < demand 3");
}

TEST(AssignDiagnose, HallViolationNamesTheProposals) {
    // p0, p1, p2 (demand 1) can only be reviewed by r0 and r1 (load 1 each); r2 (load 5) can
    // review only p3. Every local check passes: each proposal has 2 (or 1) candidates, total
    // capacity 7 >= 4.
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 4;
    problem.demand = {1, 1, 1, 1};
    problem.max_load = {1, 1, 5};
    problem.edges = {{0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}, {0, 2, 1}, {1, 2, 1}, {2, 3, 1}};
    const auto reasons = Diagnose(problem);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].kind, Infeasibility::Kind::kFlow);
    EXPECT_EQ(reasons[0].proposals, (std::vector<int32_t>{0, 1, 2}));
    EXPECT_EQ(reasons[0].reviewers, (std::vector<int32_t>{0, 1}));
    EXPECT_EQ(reasons[0].need, 3);
    EXPECT_EQ(reasons[0].have, 2);
    EXPECT_EQ(reasons[0].message, "proposals 0, 1, 2 need 3 reviewers but only 2 can review them");
    auto solution = Solve(problem);
    ASSERT_FALSE(solution.has_value());
    EXPECT_EQ(solution.error().message,
              "infeasible:\nproposals 0, 1, 2 need 3 reviewers but only 2 can review them");
    // With names from the app layer.
    EXPECT_EQ(DescribeInfeasibility(
                  reasons[0], [](int32_t p) { return "P" + std::to_string(p + 10); },
                  [](int32_t r) { return "R" + std::to_string(r); }),
              "proposals P10, P11, P12 need 3 reviewers but only 2 can review them");
}

TEST(AssignDiagnose, HallViolationOnMinLoads) {
    // r0 and r1 must each review 2 proposals but can only review p0 and p1 (demand 1 each):
    // at most 2 of the 4 they need. r2 covers p2 and p3. Local checks pass (degrees 2 >= 2,
    // total min 4 <= demand 4, capacity 2 + 2 + 4 >= 4).
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 4;
    problem.demand = {1, 1, 1, 1};
    problem.max_load = {2, 2, 4};
    problem.min_load = {2, 2, 0};
    problem.edges = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}, {2, 2, 1}, {2, 3, 1}};
    const auto reasons = Diagnose(problem);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].kind, Infeasibility::Kind::kMinLoadFlow);
    EXPECT_EQ(reasons[0].reviewers, (std::vector<int32_t>{0, 1}));
    EXPECT_EQ(reasons[0].proposals, (std::vector<int32_t>{0, 1}));
    EXPECT_EQ(reasons[0].message,
              "reviewers 0, 1 need at least 4 proposals but only 2 can be assigned to them");
}

TEST(AssignDiagnose, LongSetsAreCutInTheMessage) {
    // 30 proposals share the same two reviewers of load 1.
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 31;
    problem.max_load = {1, 1, 40};
    for (int32_t p = 0; p < 30; ++p) {
        problem.demand.push_back(1);
        problem.edges.push_back({0, p, 1});
        problem.edges.push_back({1, p, 1});
    }
    problem.demand.push_back(1);
    problem.edges.push_back({2, 30, 1});
    const auto reasons = Diagnose(problem);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].proposals.size(), 30u);
    EXPECT_EQ(reasons[0].message,
              "proposals 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
              "… (30 in all) need 30 reviewers but only 2 can review them");
}

TEST(AssignDiagnose, IsExactAgainstTheLinearProgram) {
    // Tight random instances: Diagnose is empty exactly when Clp finds the LP feasible (the LP
    // of this matrix is integral, so LP feasibility is feasibility).
    RandomSpec spec;
    spec.proposals = 12;
    spec.reviewers = 8;
    spec.candidate_rate = 0.4;
    spec.max_demand = 2;
    spec.slack = 1.1;
    int infeasible = 0;
    for (uint64_t seed = 1; seed <= 80; ++seed) {
        const Problem problem = RandomProblem(seed, spec);
        const bool lp_feasible = !std::isnan(LpOptimum(problem));
        const auto reasons = Diagnose(problem);
        EXPECT_EQ(reasons.empty(), lp_feasible) << "seed " << seed;
        EXPECT_EQ(Solve(problem).has_value(), lp_feasible) << "seed " << seed;
        for (const auto& reason : reasons) {
            EXPECT_LT(reason.have, reason.need) << reason.message;
            EXPECT_FALSE(reason.message.empty());
        }
        if (!lp_feasible) ++infeasible;
    }
    std::printf("%d of 80 infeasible\n", infeasible);
    EXPECT_GE(infeasible, 10);  // the spec must exercise both answers
    EXPECT_LE(infeasible, 70);
}

// ---------------------------------------------------------------------------------------------
// Validation

TEST(AssignValidate, NamesTheFieldAndElement) {
    auto base = [] {
        Problem problem;
        problem.num_reviewers = 177;
        problem.num_proposals = 3;
        problem.demand = {1, 1, 1};
        problem.max_load = std::vector<int32_t>(177, 1);
        for (int32_t idx = 0; idx < 13; ++idx) problem.edges.push_back({idx, idx % 3, 0.5});
        return problem;
    };
    struct Case {
        const char* name;
        std::function<void(Problem&)> change;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"reviewer out of range", [](Problem& p) { p.edges[12].reviewer = 180; },
         "edges[12].reviewer: expected 0..176, got 180"},
        {"negative proposal", [](Problem& p) { p.edges[3].proposal = -1; },
         "edges[3].proposal: expected 0..2, got -1"},
        {"nan score", [](Problem& p) { p.edges[4].score = std::nan(""); },
         "edges[4].score: expected a finite number, got nan"},
        {"infinite score",
         [](Problem& p) { p.edges[5].score = -std::numeric_limits<double>::infinity(); },
         "edges[5].score: expected a finite number, got -inf"},
        {"duplicate pair",
         [](Problem& p) {
             p.edges.push_back({4, 1, 0.1});
         },
         "edges[13]: expected each (reviewer, proposal) pair once, got reviewer 4, proposal 1 "
         "again (first at edges[4])"},
        {"demand size", [](Problem& p) { p.demand.pop_back(); },
         "demand: expected 3 entries (one per proposal), got 2 entries"},
        {"max_load size", [](Problem& p) { p.max_load.push_back(1); },
         "max_load: expected 177 entries (one per reviewer), got 178 entries"},
        {"min_load size",
         [](Problem& p) {
             p.min_load = {1, 2};
         },
         "min_load: expected 0 or 177 entries (one per reviewer), got 2 entries"},
        {"negative demand", [](Problem& p) { p.demand[1] = -2; },
         "demand[1]: expected >= 0, got -2"},
        {"negative max load", [](Problem& p) { p.max_load[7] = -1; },
         "max_load[7]: expected >= 0, got -1"},
        {"negative min load",
         [](Problem& p) {
             p.min_load.assign(177, 0);
             p.min_load[9] = -3;
         },
         "min_load[9]: expected >= 0, got -3"},
        {"min above max",
         [](Problem& p) {
             p.min_load.assign(177, 0);
             p.min_load[5] = 2;
         },
         "min_load[5]: expected <= max_load[5] (1), got 2"},
        {"forbidden out of range",
         [](Problem& p) {
             p.forbidden = {{0, 0}, {200, 1}};
         },
         "forbidden[1].reviewer: expected 0..176, got 200"},
        {"forbidden proposal",
         [](Problem& p) {
             p.forbidden = {{0, 3}};
         },
         "forbidden[0].proposal: expected 0..2, got 3"},
        {"negative counts",
         [](Problem& p) {
             p.num_proposals = -1;
             p.demand.clear();
             p.edges.clear();
         },
         "num_proposals: expected >= 0, got -1"},
        {"too many nodes",
         [](Problem& p) {
             p.num_reviewers = 2'000'000'000;
             p.num_proposals = 2'000'000'000;
         },
         "num_proposals + num_reviewers: expected at most 1000000000, got 4000000000"},
        {"no reviewers",
         [](Problem& p) {
             p.num_reviewers = 0;
             p.max_load.clear();
             p.edges.resize(1);
         },
         "edges[0].reviewer: expected no index (num_reviewers is 0), got 0"},
    };
    for (const auto& test_case : cases) {
        Problem problem = base();
        ASSERT_TRUE(Validate(problem).has_value());
        test_case.change(problem);
        auto status = Validate(problem);
        ASSERT_FALSE(status.has_value()) << test_case.name;
        EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << test_case.name;
        ASSERT_FALSE(status.error().fields.empty()) << test_case.name;
        EXPECT_EQ(status.error().fields.front().Message(), test_case.message) << test_case.name;
        auto solved = Solve(problem);
        ASSERT_FALSE(solved.has_value()) << test_case.name;
        EXPECT_EQ(solved.error().code, ErrorCode::kInvalidArgument) << test_case.name;
        EXPECT_TRUE(Diagnose(problem).empty()) << test_case.name;
    }
}

TEST(AssignValidate, CollectsEveryErrorUpToALimit) {
    Problem problem = TinyProblem();
    for (auto& edge : problem.edges) edge.reviewer = 9;
    auto status = Validate(problem);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().fields.size(), 6u);
    EXPECT_EQ(status.error().message, "invalid assignment problem: 6 invalid fields");

    Problem many = TinyProblem();
    many.edges.assign(250, {7, 7, 0.0});
    status = Validate(many);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().fields.size(), 100u);
    EXPECT_EQ(status.error().message.rfind("invalid assignment problem (500 errors, the first 100 "
                                           "listed)",
                                           0),
              0u)
        << status.error().message;
}

// ---------------------------------------------------------------------------------------------
// Progress and cancellation

TEST(AssignSolve, ReportsProgressAndHonoursAStop) {
    Problem problem = RandomProblem(7, {});
    problem.objective = Objective::kFair;
    std::vector<double> fractions;
    Options options;
    options.progress = [&](double fraction, const std::string& stage) {
        EXPECT_FALSE(stage.empty());
        fractions.push_back(fraction);
    };
    ASSERT_TRUE(Solve(problem, options).has_value());
    ASSERT_GE(fractions.size(), 3u);
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_EQ(fractions.front(), 0.0);
    EXPECT_EQ(fractions.back(), 1.0);

    std::stop_source stop;
    stop.request_stop();
    options.stop = stop.get_token();
    auto cancelled = Solve(problem, options);
    ASSERT_FALSE(cancelled.has_value());
    EXPECT_EQ(cancelled.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(cancelled.error().message, "cancelled");

    // A stop requested from the progress callback during the fair search.
    std::stop_source late;
    options.stop = late.get_token();
    options.progress = [&](double, const std::string& stage) {
        if (stage == "raising the minimum") late.request_stop();
    };
    cancelled = Solve(problem, options);
    ASSERT_FALSE(cancelled.has_value());
    EXPECT_EQ(cancelled.error().message, "cancelled");
}

// ---------------------------------------------------------------------------------------------
// Fair objective

TEST(AssignFair, PrefersTheBetterMinimum) {
    // p0, p1 (demand 1), r0, r1 (load 1):
    //            p0    p1
    //   r0      1.0   0.5
    //   r1      0.5   0.2
    // kTotal: (r0,p0) + (r1,p1) = 1.2 (minimum 0.2) beats (r1,p0) + (r0,p1) = 1.0 (minimum 0.5).
    // kFair takes the second. A third proposal p2 with r2 (0.9) or r3 (0.8), load 1, does not
    // affect the minimum: kFair must still take its best reviewer r2 (stage 2).
    Problem problem;
    problem.num_reviewers = 4;
    problem.num_proposals = 3;
    problem.demand = {1, 1, 1};
    problem.max_load = {1, 1, 1, 1};
    problem.edges = {{0, 0, 1.0}, {0, 1, 0.5}, {1, 0, 0.5}, {1, 1, 0.2}, {2, 2, 0.9}, {3, 2, 0.8}};
    auto total = Solve(problem);
    ASSERT_TRUE(total.has_value());
    EXPECT_EQ(Pairs(*total), (PairList{{0, 0}, {1, 1}, {2, 2}}));
    problem.objective = Objective::kFair;
    auto fair = Solve(problem);
    ASSERT_TRUE(fair.has_value());
    EXPECT_EQ(Pairs(*fair), (PairList{{1, 0}, {0, 1}, {2, 2}}));
    EXPECT_NEAR(fair->min_proposal_score, 0.5, 1e-12);
    EXPECT_NEAR(fair->total, 1.9, 1e-12);
}

TEST(AssignFair, LiftsAlongACycleWhenLoadsAreExact) {
    // Every reviewer has min = max load = 1, so an assignment is a permutation and only cycles
    // of swaps are moves. p0, p1, p2 (demand 1):
    //            p0    p1    p2
    //   r0      0.9   0.6   0.1
    //   r1      0.1   0.9   0.6
    //   r2      0.3   0.1   0.0
    // The six permutations (reviewers of p0, p1, p2): r0 r1 r2 = 1.8 (min 0.0); r0 r2 r1 = 1.6
    // (min 0.1); r1 r0 r2 = 0.7 (0.0); r2 r0 r1 = 1.5 (min 0.3); r1 r2 r0 = 0.3 (0.1);
    // r2 r1 r0 = 1.3 (0.1). kTotal takes the first; the max-min is r2 r0 r1 (0.3), three swaps
    // away: no exchange of two reviewers reaches it.
    Problem problem;
    problem.num_reviewers = 3;
    problem.num_proposals = 3;
    problem.demand = {1, 1, 1};
    problem.max_load = {1, 1, 1};
    problem.min_load = {1, 1, 1};
    problem.edges = {{0, 0, 0.9}, {0, 1, 0.6}, {0, 2, 0.1}, {1, 0, 0.1}, {1, 1, 0.9},
                     {1, 2, 0.6}, {2, 0, 0.3}, {2, 1, 0.1}, {2, 2, 0.0}};
    auto total = Solve(problem);
    ASSERT_TRUE(total.has_value());
    EXPECT_EQ(Pairs(*total), (PairList{{0, 0}, {1, 1}, {2, 2}}));
    EXPECT_NEAR(total->total, 1.8, 1e-12);
    problem.objective = Objective::kFair;
    auto fair = Solve(problem);
    ASSERT_TRUE(fair.has_value());
    EXPECT_EQ(Pairs(*fair), (PairList{{2, 0}, {0, 1}, {1, 2}}));
    EXPECT_NEAR(fair->min_proposal_score, 0.3, 1e-12);
    EXPECT_NEAR(fair->total, 1.5, 1e-12);
    EXPECT_EQ(Violation(problem, *fair), "");
}

TEST(AssignFair, NeverLowersTheMinimumAndStaysCloseToTheExactMaxMin) {
    RandomSpec spec;
    spec.proposals = 16;
    spec.reviewers = 8;
    spec.candidate_rate = 0.5;
    spec.slack = 1.0;
    spec.max_demand = 2;
    spec.reviewer_quality = 0.9;
    int compared = 0, exact = 0, exact_total = 0, raised = 0, bound_loose = 0;
    double worst_gap = 0, worst_total_ratio = 1;
    for (uint64_t seed = 1; compared < 20 && seed <= 40; ++seed) {
        Problem problem = RandomProblem(seed, spec);
        auto total = Solve(problem);
        if (!total) continue;
        problem.objective = Objective::kFair;
        auto fair = Solve(problem);
        ASSERT_TRUE(fair.has_value());
        EXPECT_EQ(Violation(problem, *fair), "") << "seed " << seed;
        EXPECT_GE(fair->min_proposal_score, total->min_proposal_score - 1e-9) << "seed " << seed;
        EXPECT_LE(fair->total, total->total + 1e-9) << "seed " << seed;
        const double best = MipMaxMin(problem);
        ASSERT_FALSE(std::isnan(best));
        EXPECT_LE(fair->min_proposal_score, best + 1e-6) << "seed " << seed;
        ++compared;
        if (total->min_proposal_score < best - 1e-6) ++raised;
        if (fair->min_proposal_bound > best + 1e-6) ++bound_loose;
        if (fair->min_proposal_score >= best - 1e-6) ++exact;
        worst_gap = std::max(worst_gap, best - fair->min_proposal_score);
        // The total under the reached minimum, against CBC's best total under the same floor.
        const double best_total = MipMaxTotalWithFloor(problem, fair->min_proposal_score - 1e-7);
        ASSERT_FALSE(std::isnan(best_total));
        EXPECT_LE(fair->total, best_total + 1e-6) << "seed " << seed;
        if (fair->total >= best_total - 1e-6) ++exact_total;
        worst_total_ratio = std::min(worst_total_ratio, fair->total / best_total);
    }
    std::printf(
        "kFair reached the exact max-min (CBC) on %d of %d instances (worst gap %.4f), "
        "and then the best total under it on %d (worst ratio %.4f)\n",
        exact, compared, worst_gap, exact_total, worst_total_ratio);
    std::printf(
        "(the kTotal minimum was below the max-min on %d; the simple bound was above it "
        "on %d)\n",
        raised, bound_loose);
    EXPECT_GE(compared, 20);
    EXPECT_GE(exact, compared * 3 / 4);
    EXPECT_GE(exact_total, compared / 2);
    EXPECT_GE(worst_total_ratio, 0.9);
}

// ---------------------------------------------------------------------------------------------
// MIDL 2018 (Kobren et al., fair-matching): 177 reviewers × 118 papers

std::string MidlDir() { return std::string(KC_SOURCE_DIR) + "/../shared/bench/fair-matching-midl"; }

// The MIDL problem: every entry of the matrix is a candidate; with or without the lower bounds.
std::optional<Problem> LoadMidl(bool lower_bounds) {
    const std::string dir = MidlDir();
    auto scores = ReadNpy(dir + "/scores.npy");
    auto covs = ReadNpy(dir + "/covs.npy");
    auto loads = ReadNpy(dir + "/loads.npy");
    auto loads_lb = ReadNpy(dir + "/loads-lb.npy");
    EXPECT_TRUE(scores && covs && loads && loads_lb);
    if (!scores || !covs || !loads || !loads_lb) return std::nullopt;
    EXPECT_EQ(scores->shape, (std::vector<int64_t>{177, 118}));
    Problem problem;
    problem.num_reviewers = static_cast<int32_t>(scores->shape[0]);
    problem.num_proposals = static_cast<int32_t>(scores->shape[1]);
    for (int32_t r = 0; r < problem.num_reviewers; ++r) {
        for (int32_t p = 0; p < problem.num_proposals; ++p) {
            problem.edges.push_back({r, p, scores->At(r, p)});
        }
    }
    for (int64_t value : covs->ints) problem.demand.push_back(static_cast<int32_t>(value));
    for (int64_t value : loads->ints) problem.max_load.push_back(static_cast<int32_t>(value));
    if (lower_bounds) {
        for (int64_t value : loads_lb->ints)
            problem.min_load.push_back(static_cast<int32_t>(value));
    }
    return problem;
}

class Midl : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!std::filesystem::exists(MidlDir() + "/scores.npy")) {
            GTEST_SKIP() << "MIDL data not found at " << MidlDir()
                         << " (see ../shared/bench/fair-matching-midl/README.md)";
        }
    }
};

TEST_F(Midl, TotalObjectiveMatchesTheReferenceOptimum) {
    auto problem = LoadMidl(false);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->edges.size(), 20886u);
    for (Method method : {Method::kCostScaling, Method::kNetworkSimplex}) {
        Options options;
        options.method = method;
        auto solution = Solve(*problem, options);
        ASSERT_TRUE(solution.has_value()) << solution.error().message;
        EXPECT_NEAR(solution->total, 201.88488, 1e-6);
        EXPECT_EQ(solution->pairs.size(), 354u);
        EXPECT_EQ(Violation(*problem, *solution), "");
    }
    EXPECT_NEAR(LpOptimum(*problem), 201.88488, 1e-6);
}

TEST_F(Midl, WithLowerBoundsMatchesTheReferenceOptimum) {
    auto problem = LoadMidl(true);
    ASSERT_TRUE(problem.has_value());
    auto solution = Solve(*problem);
    ASSERT_TRUE(solution.has_value()) << solution.error().message;
    EXPECT_NEAR(solution->total, 150.043125, 1e-6);
    EXPECT_EQ(Violation(*problem, *solution), "");
    for (int32_t load : solution->loads) EXPECT_EQ(load, 2);
}

TEST_F(Midl, FairObjectiveRaisesTheMinimum) {
    for (bool lower_bounds : {false, true}) {
        auto problem = LoadMidl(lower_bounds);
        ASSERT_TRUE(problem.has_value());
        auto total = Solve(*problem);
        ASSERT_TRUE(total.has_value());
        problem->objective = Objective::kFair;
        auto fair = Solve(*problem);
        ASSERT_TRUE(fair.has_value()) << fair.error().message;
        EXPECT_EQ(Violation(*problem, *fair), "");
        EXPECT_GT(fair->min_proposal_score, total->min_proposal_score);
        // Paper 12's three best reviewers sum to 0.944839: no assignment has a higher minimum,
        // and kFair reaches it in both variants.
        EXPECT_NEAR(fair->min_proposal_bound, 0.944839, 1e-6);
        EXPECT_EQ(fair->min_proposal_score, fair->min_proposal_bound);
        std::printf("MIDL%s: kTotal total %.6f min %.6f; kFair total %.6f min %.6f\n",
                    lower_bounds ? " with lower bounds" : "", total->total,
                    total->min_proposal_score, fair->total, fair->min_proposal_score);
    }
}

}  // namespace
}  // namespace kc::assign
