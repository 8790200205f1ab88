// Match engine at realistic sizes: synthetic Zipf corpora (vocabulary 200k, s = 1, documents of
// 40..120 terms, mean 80) of 10k, 100k and 1M documents. Reports build time and index bytes
// (per posting), then top-10 queries per second on one thread (Searcher::TopK) and on all cores
// (Index::TopKMany). Queries are drawn from the same distribution as the documents.
//
// The target (issue): 1M seeds indexed and top-10 for 100k needs in <= 5 min on 2 cores.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "engines/match/index.h"

namespace kc::engines::match {
namespace {

constexpr size_t kVocabulary = 200000;

// Zipf(1) over kVocabulary terms by inversion of the cumulative weights.
class ZipfTerms {
  public:
    ZipfTerms() : cumulative_(kVocabulary), names_(kVocabulary) {
        double sum = 0;
        for (size_t r = 0; r < kVocabulary; ++r) {
            sum += 1.0 / static_cast<double>(r + 1);
            cumulative_[r] = sum;
            names_[r] = fmt::format("w{}", r);
        }
    }

    std::vector<Document> Make(uint64_t seed, size_t count) const {
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> unit(0, cumulative_.back());
        std::uniform_int_distribution<size_t> length(40, 120);
        std::vector<Document> docs(count);
        for (Document& doc : docs) {
            const size_t n = length(rng);
            doc.terms.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                const double u = unit(rng);
                const size_t r = static_cast<size_t>(
                    std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                    cumulative_.begin());
                doc.terms.push_back(names_[std::min(r, kVocabulary - 1)]);
            }
        }
        return docs;
    }

  private:
    std::vector<double> cumulative_;
    std::vector<std::string> names_;
};

struct Corpus {
    std::vector<Document> docs;
    std::vector<Document> queries;
    std::unique_ptr<Index> index;
};

// Corpora are made once per size and shared by the benchmarks (build first, then queries).
Corpus& CorpusOf(size_t size) {
    static std::map<size_t, Corpus> corpora;
    Corpus& corpus = corpora[size];
    if (corpus.docs.empty()) {
        static const ZipfTerms terms;
        corpus.docs = terms.Make(size, size);
        corpus.queries = terms.Make(size + 1, 2000);
    }
    return corpus;
}

void BM_Build(benchmark::State& state) {
    Corpus& corpus = CorpusOf(static_cast<size_t>(state.range(0)));
    for (auto _ : state) {
        corpus.index = std::make_unique<Index>(Index::Build(corpus.docs, {}));
    }
    const Index& index = *corpus.index;
    state.counters["postings"] = static_cast<double>(index.PostingCount());
    state.counters["terms"] = static_cast<double>(index.VocabularySize());
    state.counters["MB"] = static_cast<double>(index.MemoryBytes()) / 1e6;
    state.counters["bytes_per_posting"] =
        static_cast<double>(index.MemoryBytes()) / static_cast<double>(index.PostingCount());
}

void BM_TopK(benchmark::State& state) {
    Corpus& corpus = CorpusOf(static_cast<size_t>(state.range(0)));
    if (!corpus.index) corpus.index = std::make_unique<Index>(Index::Build(corpus.docs, {}));
    Searcher searcher(*corpus.index);
    size_t q = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(searcher.TopK(corpus.queries[q], 10));
        q = (q + 1) % corpus.queries.size();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_TopKMany(benchmark::State& state) {
    Corpus& corpus = CorpusOf(static_cast<size_t>(state.range(0)));
    if (!corpus.index) corpus.index = std::make_unique<Index>(Index::Build(corpus.docs, {}));
    const size_t batch = static_cast<size_t>(state.range(1));
    const std::span<const Document> queries(corpus.queries.data(), batch);
    for (auto _ : state) benchmark::DoNotOptimize(corpus.index->TopKMany(queries, 10));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * batch));
}

// Per size: single-thread TopK iterations and the TopKMany batch, to keep the run short.
const bool kRegistered = [] {
    struct Size {
        int64_t docs;
        int64_t topk_iterations;
        int64_t batch;
    };
    for (const Size& size :
         {Size{10000, 4000, 2000}, Size{100000, 1000, 2000}, Size{1000000, 200, 400}}) {
        benchmark::RegisterBenchmark("BM_Build", BM_Build)
            ->Arg(size.docs)
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
        benchmark::RegisterBenchmark("BM_TopK", BM_TopK)
            ->Arg(size.docs)
            ->Iterations(size.topk_iterations)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark("BM_TopKMany", BM_TopKMany)
            ->Args({size.docs, size.batch})
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
    }
    return true;
}();

}  // namespace
}  // namespace kc::engines::match
