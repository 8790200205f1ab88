// engines/select at realistic and stress sizes (numbers in docs/performance.md).
//
// Calibrate: 2,000 proposals x 300 reviewers, 3 ratings per proposal (20 per reviewer), 1,000
// bootstrap resamples, on 1 and 2 threads; and 100k ratings (20,000 x 5) with 100 resamples.
// Select: 30, 200 and 1,000 candidates with a per-prefecture maximum, exact full and trial counts
// in the proportions of the realistic case (12 full + 6 trial of 30, budget ¥7.5bn per 30), and
// at least 5 distinct fields; with the explanations (re-solving up to 300 candidates, cheap
// above) and without any (explain_by_resolving_up_to = 0 gives the cheap ones, which cost
// nothing next to the MIP).

#include <benchmark/benchmark.h>

#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "engines/select/select.h"

namespace kc::select {
namespace {

CalibrationInput MakeCalibration(int32_t proposals, int32_t reviewers, int32_t per_proposal) {
    std::mt19937_64 rng(2024);
    std::normal_distribution<double> unit(0, 1);
    CalibrationInput input;
    input.num_proposals = proposals;
    input.num_reviewers = reviewers;
    std::vector<double> severity(static_cast<size_t>(reviewers));
    for (double& s : severity) s = 0.5 * unit(rng);
    // Round-robin panels, so every reviewer gets the same load and the graph is connected.
    int32_t next = 0;
    for (int32_t p = 0; p < proposals; ++p) {
        const double quality = 3 + unit(rng);
        for (int32_t k = 0; k < per_proposal; ++k) {
            const int32_t r = (next + k * 7) % reviewers;
            input.ratings.push_back(
                {r, p, quality + severity[static_cast<size_t>(r)] + 0.6 * unit(rng)});
        }
        next = (next + 1) % reviewers;
    }
    return input;
}

void BM_Calibrate(benchmark::State& state) {
    CalibrationInput input = MakeCalibration(2000, 300, 3);
    input.bootstrap = static_cast<int32_t>(state.range(0));
    input.threads = static_cast<int32_t>(state.range(1));
    for (auto _ : state) {
        Result<Calibration> result = Calibrate(input);
        if (!result) state.SkipWithError(result.error().message.c_str());
        benchmark::DoNotOptimize(result);
    }
    state.counters["ratings"] = static_cast<double>(input.ratings.size());
}
BENCHMARK(BM_Calibrate)
    ->ArgNames({"bootstrap", "threads"})
    ->Args({0, 1})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Unit(benchmark::kMillisecond);

// The scale the engine is built for: 100k ratings (20,000 proposals x 5 ratings, 1,000
// reviewers), 100 resamples.
void BM_CalibrateLarge(benchmark::State& state) {
    CalibrationInput input = MakeCalibration(20000, 1000, 5);
    input.bootstrap = static_cast<int32_t>(state.range(0));
    input.threads = 2;
    for (auto _ : state) {
        Result<Calibration> result = Calibrate(input);
        if (!result) state.SkipWithError(result.error().message.c_str());
        benchmark::DoNotOptimize(result);
    }
    state.counters["ratings"] = static_cast<double>(input.ratings.size());
}
BENCHMARK(BM_CalibrateLarge)
    ->ArgNames({"bootstrap"})
    ->Arg(0)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond);

SelectionInput MakeSelection(int32_t n) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> score(2.0, 5.0);
    SelectionInput in;
    in.budget = int64_t{7'500'000'000} * n / 30;
    in.full_count = n * 12 / 30;
    in.trial_count = n * 6 / 30;
    const int32_t prefectures = 47;
    for (int32_t i = 0; i < n; ++i) {
        Candidate c;
        c.label = "proposal " + std::to_string(i);
        c.score = std::round(score(rng) * 100) / 100;
        c.cost_full = (450 + static_cast<int64_t>(rng() % 11) * 10) * 1'000'000;
        c.cost_trial = (120 + static_cast<int64_t>(rng() % 7) * 10) * 1'000'000;
        c.groups = {"prefecture:" + std::to_string(static_cast<int32_t>(rng() % prefectures)),
                    "field:" + std::to_string(i % 8)};
        in.candidates.push_back(std::move(c));
    }
    // At most 2 per prefecture at 30 candidates, proportionally more for larger pools so the
    // counts stay reachable.
    in.groups.push_back({"prefecture:", std::nullopt, std::max(2, n * 2 / 47)});
    in.distinct.push_back({"field:", 5});
    return in;
}

void BM_Select(benchmark::State& state) {
    SelectionInput in = MakeSelection(static_cast<int32_t>(state.range(0)));
    in.explain_by_resolving_up_to = state.range(1) != 0 ? 300 : 0;
    for (auto _ : state) {
        Result<Selection> result = Select(in);
        if (!result) state.SkipWithError(result.error().message.c_str());
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_Select)
    ->ArgNames({"candidates", "explain"})
    ->Args({30, 0})
    ->Args({30, 1})
    ->Args({200, 0})
    ->Args({200, 1})
    ->Args({300, 1})  // the largest pool explained by re-solving
    ->Args({1000, 0})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kc::select
