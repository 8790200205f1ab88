// Throughput of the CSV reader and the UTF-8 check on typical import data.

#include <benchmark/benchmark.h>

#include <string>

#include "util/csv.h"
#include "util/encoding.h"

namespace kc {
namespace {

// About `bytes` of CSV shaped like a seed export: ids, names, amounts, dates and a keyword list;
// every tenth row has a quoted note with a comma and a doubled quote.
std::string MakeCsv(size_t bytes) {
    std::string text = "id,name,organisation,amount,start,keywords,note\r\n";
    for (int row = 0; text.size() < bytes; ++row) {
        text += std::to_string(100000 + row);
        text += ",Hydrogen storage alloy ";
        text += std::to_string(row % 97);
        text += ",Kyoto University,500000000,2003-04-01,hydrogen; alloy; storage,";
        if (row % 10 == 0) text += "\"note, with \"\"quotes\"\"\"";
        text += "\r\n";
    }
    return text;
}

void BM_CsvReader(benchmark::State& state) {
    const std::string text = MakeCsv(static_cast<size_t>(state.range(0)));
    for (auto _ : state) {
        CsvReader reader(text);
        int64_t rows = 0;
        while (true) {
            auto next = reader.Next();
            if (!next.has_value() || !next->has_value()) break;
            ++rows;
        }
        benchmark::DoNotOptimize(rows);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_CsvReader)->Arg(16 << 20);

void BM_IsValidUtf8(benchmark::State& state) {
    const std::string text = MakeCsv(static_cast<size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(IsValidUtf8(text));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_IsValidUtf8)->Arg(16 << 20);

}  // namespace
}  // namespace kc
