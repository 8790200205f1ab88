#pragma once

// Test helpers for the match engine: random Zipf corpora, a naive reference scorer written
// straight from the formulas in index.h, and brute-force top-k. Test-only.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "engines/match/index.h"

namespace kc::engines::match::testing {

// `count` documents over a Zipf vocabulary of `vocabulary` terms ("t0" most frequent), lengths
// uniform in [0, max_length]; every 7th document repeats an earlier one (to make ties) and
// weights are 1, 0.5 or 2.
inline std::vector<Document> RandomCorpus(uint64_t seed, size_t count, size_t vocabulary,
                                          size_t max_length) {
    std::mt19937_64 rng(seed);
    std::vector<double> zipf(vocabulary);
    for (size_t r = 0; r < vocabulary; ++r) zipf[r] = 1.0 / static_cast<double>(r + 1);
    std::discrete_distribution<size_t> term(zipf.begin(), zipf.end());
    std::uniform_int_distribution<size_t> length(0, max_length);
    std::vector<Document> docs(count);
    for (size_t d = 0; d < count; ++d) {
        if (d % 7 == 6) {
            docs[d] = docs[rng() % d];
            continue;
        }
        const size_t n = length(rng);
        for (size_t i = 0; i < n; ++i) docs[d].terms.push_back(fmt::format("t{}", term(rng)));
        const uint64_t w = rng() % 5;
        docs[d].weight = w == 0 ? 0.5 : w == 1 ? 2.0 : 1.0;
    }
    return docs;
}

// Queries like RandomCorpus documents, with some unknown terms ("zz...") mixed in.
inline std::vector<Document> RandomQueries(uint64_t seed, size_t count, size_t vocabulary,
                                           size_t max_length) {
    std::vector<Document> queries = RandomCorpus(seed, count, vocabulary, max_length);
    std::mt19937_64 rng(seed ^ 0x5eed);
    for (Document& q : queries) {
        if (rng() % 3 == 0) q.terms.push_back(fmt::format("zz{}", rng() % 10));
    }
    return queries;
}

// Scores computed naively, straight from the formulas (maps of strings, no index).
class Reference {
  public:
    Reference(const std::vector<Document>& docs, const IndexOptions& options)
        : docs_(docs), options_(options) {
        for (const Document& d : docs) {
            for (const auto& [t, tf] : Counts(d)) df_[t] += 1;
            total_length_ += static_cast<double>(d.terms.size()) * d.weight;
        }
    }

    // Score of `query` against docs[doc].
    double Score(const Document& query, size_t doc) const {
        const std::map<std::string, double> q = Counts(query);
        const std::map<std::string, double> d = Counts(docs_[doc]);
        if (options_.model == Model::kBm25) {
            const double len = static_cast<double>(docs_[doc].terms.size()) * docs_[doc].weight;
            const double avg = total_length_ / static_cast<double>(docs_.size());
            double score = 0;
            for (const auto& [t, qtf] : q) {
                auto it = d.find(t);
                if (it == d.end()) continue;
                const double tf = it->second;
                score += qtf * Idf(t) * tf * (options_.k1 + 1) /
                         (tf + options_.k1 * (1 - options_.b + options_.b * len / avg));
            }
            return score;
        }
        auto ltf = [](double x) { return x >= 1 ? 1 + std::log(x) : x; };
        double dot = 0, qn = 0, dn = 0;
        for (const auto& [t, qtf] : q) {
            if (!df_.contains(t)) continue;
            qn += std::pow(ltf(qtf) * Idf(t), 2);
            auto it = d.find(t);
            if (it != d.end()) dot += ltf(qtf) * Idf(t) * ltf(it->second) * Idf(t);
        }
        for (const auto& [t, tf] : d) dn += std::pow(ltf(tf) * Idf(t), 2);
        if (dot == 0) return 0;
        return dot / std::sqrt(qn) / std::sqrt(dn);
    }

  private:
    static std::map<std::string, double> Counts(const Document& d) {
        std::map<std::string, double> c;
        for (const std::string& t : d.terms) c[t] += d.weight;
        return c;
    }
    double Idf(const std::string& t) const {
        const double n = static_cast<double>(docs_.size());
        const double df = df_.at(t);
        return std::log(1 + (n - df + 0.5) / (df + 0.5));
    }

    const std::vector<Document>& docs_;
    IndexOptions options_;
    std::map<std::string, double> df_;
    double total_length_ = 0;
};

// Top k by brute force over `scores` (one per doc): score > 0, filter, sorted by (score desc,
// doc asc).
inline std::vector<Hit> BruteTopK(std::span<const double> scores, size_t k,
                                  const std::function<bool(uint32_t)>& filter = {}) {
    std::vector<Hit> hits;
    for (uint32_t d = 0; d < scores.size(); ++d) {
        if (scores[d] > 0 && (!filter || filter(d))) hits.push_back({d, scores[d]});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return a.score != b.score ? a.score > b.score : a.doc < b.doc;
    });
    if (hits.size() > k) hits.resize(k);
    return hits;
}

// Score(query, d) for every doc.
inline std::vector<double> AllScores(const Index& index, const Document& query) {
    std::vector<double> scores(index.Size());
    for (uint32_t d = 0; d < index.Size(); ++d) scores[d] = index.Score(query, d);
    return scores;
}

}  // namespace kc::engines::match::testing
