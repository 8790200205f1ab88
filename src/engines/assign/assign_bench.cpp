// Reviewer assignment at national scale (KAKENHI-like: 100k proposals, 8k reviewers) and, on a
// smaller instance, against CBC's LP solver (Clp). Instances are generated here, deterministic
// for a seed, never stored. Figures and the commands that produced them: docs/performance.md.
//
//   build/release/src/engines/assign/engines_assign_bench --benchmark_filter=Kakenhi/cost
//   /usr/bin/time -v build/release/src/engines/assign/engines_assign_bench
//       --benchmark_filter=Kakenhi/cost        (peak memory: "Maximum resident set size")

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <vector>

#include "engines/assign/assign.h"
#include "util/npy.h"

namespace kc::assign {
namespace {

struct Spec {
    int32_t proposals = 100'000;
    int32_t reviewers = 8'000;
    int32_t candidates = 50;  // distinct random reviewers per proposal
    int32_t demand = 3;
    int32_t max_load = 40;
    uint64_t seed = 2024;
    // Share of each score that is the reviewer's own quality, common to all their candidates:
    // proposals then compete for the same reviewers and the fair objective has work to do.
    double quality_share = 0.0;
};

// Scores uniform in [0, 1) on a 1e-6 grid (as an affinity file with six decimals would give).
Problem Generate(const Spec& spec) {
    std::mt19937_64 rng(spec.seed);
    Problem problem;
    problem.num_proposals = spec.proposals;
    problem.num_reviewers = spec.reviewers;
    problem.demand.assign(static_cast<size_t>(spec.proposals), spec.demand);
    problem.max_load.assign(static_cast<size_t>(spec.reviewers), spec.max_load);
    problem.edges.reserve(static_cast<size_t>(spec.proposals) *
                          static_cast<size_t>(spec.candidates));
    std::vector<double> quality(static_cast<size_t>(spec.reviewers), 0.0);
    std::mt19937_64 quality_rng(spec.seed + 1);
    for (double& value : quality) value = static_cast<double>(quality_rng() % 1'000'000) / 1e6;
    std::vector<int32_t> chosen;
    for (int32_t p = 0; p < spec.proposals; ++p) {
        chosen.clear();
        while (static_cast<int32_t>(chosen.size()) < spec.candidates) {
            const auto r = static_cast<int32_t>(rng() % static_cast<uint64_t>(spec.reviewers));
            if (std::find(chosen.begin(), chosen.end(), r) == chosen.end()) chosen.push_back(r);
        }
        for (int32_t r : chosen) {
            const double own = static_cast<double>(rng() % 1'000'000) / 1e6;
            const double score = spec.quality_share * quality[static_cast<size_t>(r)] +
                                 (1 - spec.quality_share) * own;
            problem.edges.push_back({r, p, std::round(score * 1e6) / 1e6});
        }
    }
    return problem;
}

const Problem& Kakenhi() {
    static const Problem problem = Generate({});
    return problem;
}

// The same sizes with half of every score the reviewer's quality.
const Problem& KakenhiShared() {
    static const Problem problem = [] {
        Spec spec;
        spec.quality_share = 0.5;
        return Generate(spec);
    }();
    return problem;
}

// Small enough for Clp: 5k proposals, 400 reviewers (the same load ratio: 15k of 16k slots).
const Problem& Small() {
    static const Problem problem = [] {
        Spec spec;
        spec.proposals = 5'000;
        spec.reviewers = 400;
        return Generate(spec);
    }();
    return problem;
}

double PeakRssMib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void RunSolve(benchmark::State& state, const Problem& problem, Method method,
              Objective objective = Objective::kTotal) {
    Problem copy = problem;
    copy.objective = objective;
    Options options;
    options.method = method;
    double total = 0, minimum = 0, bound = 0;
    for (auto _ : state) {
        auto solution = Solve(copy, options);
        if (!solution) {
            state.SkipWithError(solution.error().message.c_str());
            return;
        }
        total = solution->total;
        minimum = solution->min_proposal_score;
        bound = solution->min_proposal_bound;
    }
    state.counters["candidates"] = static_cast<double>(copy.edges.size());
    state.counters["total"] = total;
    state.counters["min_proposal"] = minimum;
    state.counters["min_bound"] = bound;
    state.counters["peak_rss_mib"] = PeakRssMib();
}

void BM_KakenhiCostScaling(benchmark::State& state) {
    RunSolve(state, Kakenhi(), Method::kCostScaling);
}
void BM_KakenhiNetworkSimplex(benchmark::State& state) {
    RunSolve(state, Kakenhi(), Method::kNetworkSimplex);
}
void BM_KakenhiSharedTotal(benchmark::State& state) {
    RunSolve(state, KakenhiShared(), Method::kCostScaling);
}
void BM_KakenhiSharedFair(benchmark::State& state) {
    RunSolve(state, KakenhiShared(), Method::kCostScaling, Objective::kFair);
}
void BM_SmallCostScaling(benchmark::State& state) {
    RunSolve(state, Small(), Method::kCostScaling);
}
void BM_SmallNetworkSimplex(benchmark::State& state) {
    RunSolve(state, Small(), Method::kNetworkSimplex);
}
void BM_SmallFair(benchmark::State& state) {
    RunSolve(state, Small(), Method::kCostScaling, Objective::kFair);
}

// The same problem as an LP for Clp (dual simplex): x in [0,1] per pair, demand rows, load rows.
// The matrix is totally unimodular, so the LP optimum is the assignment optimum.
void BM_SmallClpLp(benchmark::State& state) {
    const Problem& problem = Small();
    double objective_value = 0;
    for (auto _ : state) {
        const int rows = problem.num_proposals + problem.num_reviewers;
        CoinPackedMatrix matrix(false, 0, 0);
        matrix.setDimensions(rows, 0);
        std::vector<double> col_lower, col_upper, objective;
        for (const Edge& edge : problem.edges) {
            CoinPackedVector column;
            column.insert(edge.proposal, 1.0);
            column.insert(problem.num_proposals + edge.reviewer, 1.0);
            matrix.appendCol(column);
            col_lower.push_back(0.0);
            col_upper.push_back(1.0);
            objective.push_back(edge.score);
        }
        std::vector<double> row_lower, row_upper;
        for (int32_t d : problem.demand) {
            row_lower.push_back(d);
            row_upper.push_back(d);
        }
        for (int32_t load : problem.max_load) {
            row_lower.push_back(0);
            row_upper.push_back(load);
        }
        OsiClpSolverInterface solver;
        solver.messageHandler()->setLogLevel(0);
        solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(),
                           row_lower.data(), row_upper.data());
        solver.setObjSense(-1.0);
        solver.initialSolve();
        if (!solver.isProvenOptimal()) {
            state.SkipWithError("Clp did not prove optimality");
            return;
        }
        objective_value = solver.getObjValue();
    }
    state.counters["candidates"] = static_cast<double>(problem.edges.size());
    state.counters["total"] = objective_value;
    state.counters["peak_rss_mib"] = PeakRssMib();
    // The flow's optimum minus Clp's: zero up to Clp's tolerance.
    if (auto solution = Solve(problem)) {
        state.counters["flow_minus_lp"] = solution->total - objective_value;
    }
}

// MIDL 2018 (177 reviewers × 118 papers, ../shared/bench/fair-matching-midl), when present.
void BM_Midl(benchmark::State& state) {
    const std::string dir = std::string(KC_SOURCE_DIR) + "/../shared/bench/fair-matching-midl";
    auto scores = ReadNpy(dir + "/scores.npy");
    auto covs = ReadNpy(dir + "/covs.npy");
    auto loads = ReadNpy(dir + "/loads.npy");
    auto loads_lb = ReadNpy(dir + "/loads-lb.npy");
    if (!scores || !covs || !loads || !loads_lb) {
        state.SkipWithError(("MIDL data not found in " + dir).c_str());
        return;
    }
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
    if (state.range(0) != 0) {
        for (int64_t value : loads_lb->ints) {
            problem.min_load.push_back(static_cast<int32_t>(value));
        }
    }
    RunSolve(state, problem, Method::kCostScaling,
             state.range(1) != 0 ? Objective::kFair : Objective::kTotal);
}

BENCHMARK(BM_KakenhiCostScaling)
    ->Name("Kakenhi/cost_scaling")
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_KakenhiNetworkSimplex)
    ->Name("Kakenhi/network_simplex")
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_KakenhiSharedTotal)
    ->Name("KakenhiShared/cost_scaling")
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_KakenhiSharedFair)
    ->Name("KakenhiShared/fair")
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_SmallCostScaling)->Name("Small/cost_scaling")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmallNetworkSimplex)->Name("Small/network_simplex")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmallClpLp)->Name("Small/clp_lp")->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmallFair)->Name("Small/fair")->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Midl)
    ->Name("Midl")
    ->ArgNames({"lower_bounds", "fair"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({1, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kc::assign
