// Simulator throughput (docs/performance.md): agent-steps per second of one run of the FY2002
// programme shape on one thread, and the issue-8 study — 1,000 runs × 18 clusters × 60 months —
// on 2 threads (goal: >= 10M agent-steps/s and the study in <= 60 s).

#include <benchmark/benchmark.h>

#include "engines/sim/sim.h"

namespace kc::engines::sim {
namespace {

// 12 full + 6 trial clusters of the default size (the shape of the FY2002 programme).
SimConfig Programme() {
    SimConfig config;
    for (int i = 0; i < 18; ++i) {
        ClusterSpec cluster;
        cluster.name = "cluster " + std::to_string(i);
        cluster.kind = i < 12 ? ClusterKind::kFull : ClusterKind::kTrial;
        config.clusters.push_back(cluster);
    }
    return config;
}

void BM_SimulateRun(benchmark::State& state) {
    const SimConfig config = Programme();
    int64_t steps = 0;
    int run = 0;
    for (auto _ : state) {
        int64_t run_steps = 0;
        RunSeries series = SimulateRun(config, 1, run++, &run_steps);
        benchmark::DoNotOptimize(series.values.data());
        steps += run_steps;
    }
    state.counters["agent_steps/s"] =
        benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateRun)->Unit(benchmark::kMillisecond);

// The whole study: 1,000 runs over `threads` workers, aggregation included.
void BM_Study1000Runs(benchmark::State& state) {
    const SimConfig config = Programme();
    SimOptions options;
    options.threads = static_cast<int>(state.range(0));
    int64_t steps = 0;
    for (auto _ : state) {
        auto output = Simulate(config, 1000, 2002, options);
        if (!output) {
            state.SkipWithError(output.error().message.c_str());
            return;
        }
        steps += output->result.agent_steps;
        benchmark::DoNotOptimize(output->result.bands.data());
    }
    state.counters["agent_steps/s"] =
        benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Study1000Runs)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace kc::engines::sim
