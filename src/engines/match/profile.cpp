// ProfileScores and AllPairs: aggregates of Index scores over sets of documents.

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>

#include "engines/match/index.h"

namespace kc::engines::match {
namespace {

// All profiles' docs in one list, so one query scores them in one pass.
std::vector<uint32_t> Flatten(const Index& index, std::span<const std::vector<uint32_t>> profiles) {
    std::vector<uint32_t> docs;
    for (const std::vector<uint32_t>& profile : profiles) {
        for (uint32_t doc : profile) {
            KC_CHECK(doc < index.Size(), "profile doc id out of range");
            docs.push_back(doc);
        }
    }
    return docs;
}

// Aggregates `scores` (the flattened profiles' docs' scores, in order) per profile.
std::vector<double> Aggregated(std::span<const double> scores,
                               std::span<const std::vector<uint32_t>> profiles,
                               const ProfileOptions& options) {
    std::vector<double> out(profiles.size(), 0.0);
    std::vector<double> sorted;
    size_t at = 0;
    for (size_t i = 0; i < profiles.size(); ++i) {
        const std::span<const double> own = scores.subspan(at, profiles[i].size());
        at += own.size();
        if (own.empty()) continue;
        switch (options.aggregate) {
            case Aggregate::kMax:
                out[i] = *std::max_element(own.begin(), own.end());
                break;
            case Aggregate::kMean: {
                double sum = 0;
                for (double s : own) sum += s;
                out[i] = sum / static_cast<double>(own.size());
                break;
            }
            case Aggregate::kTopKMean: {
                const size_t n = std::min(std::max<size_t>(options.top_k, 1), own.size());
                sorted.assign(own.begin(), own.end());
                std::partial_sort(sorted.begin(), sorted.begin() + static_cast<ptrdiff_t>(n),
                                  sorted.end(), std::greater<>());
                double sum = 0;
                for (size_t r = 0; r < n; ++r) sum += sorted[r];
                out[i] = sum / static_cast<double>(n);
                break;
            }
        }
    }
    return out;
}

}  // namespace

std::vector<double> ProfileScores(const Index& index, const Document& query,
                                  std::span<const std::vector<uint32_t>> profiles,
                                  const ProfileOptions& options) {
    const std::vector<uint32_t> docs = Flatten(index, profiles);
    Searcher searcher(index);
    return Aggregated(searcher.ScoreDocs(query, docs), profiles, options);
}

std::vector<std::vector<double>> AllPairs(const Index& index, std::span<const Document> queries,
                                          std::span<const std::vector<uint32_t>> profiles,
                                          const ProfileOptions& options) {
    const std::vector<uint32_t> docs = Flatten(index, profiles);
    std::vector<std::vector<double>> out(queries.size());
    tbb::enumerable_thread_specific<Searcher> searchers([&index] { return Searcher(index); });
    auto run = [&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, queries.size()),
                          [&](const tbb::blocked_range<size_t>& range) {
                              Searcher& searcher = searchers.local();
                              for (size_t q = range.begin(); q != range.end(); ++q) {
                                  out[q] = Aggregated(searcher.ScoreDocs(queries[q], docs),
                                                      profiles, options);
                              }
                          });
    };
    if (index.Options().threads > 0) {
        tbb::task_arena arena(index.Options().threads);
        arena.execute(run);
    } else {
        run();
    }
    return out;
}

}  // namespace kc::engines::match
