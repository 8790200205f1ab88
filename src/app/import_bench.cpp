// Benchmark: importing seeds from a CSV file (the goal is >= 100k rows/s on 2 cores).
// The CSV is generated here (deterministic, realistic Japanese titles and abstracts, references
// to organisations by name and by id), then imported into a fresh SQLite store through the same
// ImportFile path the CLI uses. Reports rows/s and the process's peak resident memory.
//
//   build/release/src/app/import_bench --benchmark_filter=ImportSeedsCsv/1000000

#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "app/transfer.h"
#include "core/entities.h"
#include "util/csv.h"

namespace kc::app {
namespace {

constexpr int kOrganizations = 500;

const char* const kSubjects[] = {"希少糖",     "ナノ粒子", "光センサ", "システムLSI", "再生医療",
                                 "タンパク質", "有機EL",   "画像処理", "燃料電池",    "酵素"};
const char* const kActions[] = {"の高効率製造技術", "を用いた非侵襲計測", "の低コスト量産プロセス",
                                "による診断支援システム", "の高感度検出法"};
const char* const kSentences[] = {
    "従来法に比べて工程数を半減でき、製造コストの大幅な削減が見込まれる。",
    "既存の装置に組み込むことができ、中小企業でも導入しやすい。",
    "実験室規模での実証を終え、共同研究による実用化を目指している。",
    "医療・食品分野のほか、環境計測への応用も期待される。",
    "特許出願済みであり、ライセンスおよび共同開発の相談に応じる。"};

std::filesystem::path TempPath(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("kc-bench-" + std::to_string(getpid()) + "-" + name);
}

std::string MakeCsv(int64_t rows) {
    std::mt19937_64 rng(42);
    std::string out;
    out.reserve(static_cast<size_t>(rows) * 400);
    AppendCsvRow(out,
                 {"title", "abstract", "keywords", "field", "organization", "trl", "visibility"});
    std::vector<std::string> cells(7);
    for (int64_t i = 0; i < rows; ++i) {
        cells[0] = std::string(kSubjects[rng() % 10]) + kActions[rng() % 5] + " 第" +
                   std::to_string(i) + "号";
        cells[1] =
            std::string(kSentences[rng() % 5]) + kSentences[rng() % 5] + kSentences[rng() % 5];
        cells[2] = std::string(kSubjects[rng() % 10]) + ";" + kSubjects[rng() % 10];
        cells[3] = (i % 3 == 0) ? "life_science" : (i % 3 == 1) ? "it" : "nanotech_materials";
        int64_t org = static_cast<int64_t>(rng() % kOrganizations) + 1;
        // Half the references by name, half by id: both paths are exercised.
        cells[4] = (i % 2 == 0) ? "研究機関" + std::to_string(org) : std::to_string(org);
        cells[5] = std::to_string(rng() % 9 + 1);
        cells[6] = "public";
        AppendCsvRow(out, cells);
    }
    return out;
}

std::unique_ptr<store::Store> FreshStore(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    store::OpenOptions options;
    options.create = true;
    auto store = store::OpenStore(path.string(), options);
    if (!store) return nullptr;
    auto tx = (*store)->Begin({"bench"});
    for (int i = 1; i <= kOrganizations; ++i) {
        core::Organization org;
        org.name_ja = "研究機関" + std::to_string(i);
        org.kind = "university";
        (void)(*tx)->Add(org);
    }
    (void)(*tx)->Commit();
    return std::move(*store);
}

void ImportSeedsCsv(benchmark::State& state) {
    const int64_t rows = state.range(0);
    auto csv_path = TempPath("seeds.csv");
    {
        std::ofstream out(csv_path, std::ios::binary);
        out << MakeCsv(rows);
    }
    auto db_path = TempPath("import.db");
    for (auto _ : state) {
        state.PauseTiming();
        auto store = FreshStore(db_path);
        state.ResumeTiming();
        ImportOptions options;
        options.entity = "seed";
        auto report = ImportFile(*store, csv_path.string(), options);
        if (!report) {
            state.SkipWithError(report.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(report);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["rows_per_s"] =
        benchmark::Counter(static_cast<double>(rows) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
    state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
    state.counters["csv_MiB"] =
        static_cast<double>(std::filesystem::file_size(csv_path)) / (1024.0 * 1024.0);
    std::filesystem::remove(csv_path);
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(db_path.string() + suffix);
}

BENCHMARK(ImportSeedsCsv)->Arg(100'000)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace kc::app
