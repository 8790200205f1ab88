#pragma once

// Ranked retrieval over already-analysed documents: seed <-> need matching and reviewer-paper
// affinity.
//
// Problem. Given N documents d_0..d_{N-1}, each a bag of analysed terms (a term repeated r times
// in a document of weight w has term frequency tf = r * w), and a query document q, score every
// d against q and return the k best, or aggregate the scores over "profiles" (a researcher = the
// documents of their seeds and publications, a reviewer = their papers).
//
// Scoring models (names follow the papers):
//   idf(t) = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))            (always > 0; shared by both)
//   BM25 (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond"):
//     score(q, d) = sum over distinct query terms t of
//                   qtf(t) * idf(t) * tf(t,d) * (k1 + 1) / (tf(t,d) + k1 * (1 - b + b * len(d) /
//                   avglen))
//     where qtf counts repeats in the query (times the query's weight), len(d) = sum of tf in d
//     and avglen is the mean len over all N documents.
//   TF-IDF cosine (Salton & Buckley 1988, "Term-weighting approaches in automatic text
//   retrieval"; Salton, Wong & Yang 1975): cosine between the vectors ltf(tf) * idf(t) of query
//   and document, with the logarithmic tf ltf(x) = 1 + ln(x) for x >= 1 and ltf(x) = x below 1
//   (so that fractional weights stay positive; the two pieces meet with equal value and slope at
//   1). The idf is the smoothed probabilistic one above rather than Salton's ln(N / df), so that
//   a term found in every document still has a (tiny) positive weight and no norm is ever zero.
//   Query terms absent from the index are left out of the query's norm.
//   Profiles aggregate scores by max, mean or mean of the top k, as in the Toronto Paper
//   Matching System (Charlin & Zemel 2013, "The Toronto Paper Matching System: an automated
//   paper-reviewer assignment system").
//
// Method. Build hashes the terms (chunks of documents in parallel, merged in document order so
// term ids are the order of first occurrence), counts tf per document, and lays out an inverted
// index as struct-of-arrays CSR: for each term, the ascending doc ids (uint32) and one float
// "impact" per posting, the document-dependent factor of the term's contribution precomputed
// (BM25: tf / (tf + k1 * (1 - b + b * len / avglen)); TF-IDF: ltf(tf) / |d|). A query term's
// contribution to a document is then qw(t) * impact, with qw(t) = qtf * idf * (k1 + 1) for BM25
// and ltf(qtf) * idf^2 / |q| for TF-IDF, computed in double. Each term also stores its largest
// impact, so qw(t) * max_impact(t) bounds what t can add to any document.
//
// Queries are evaluated term at a time into a dense double accumulator (only touched entries
// are reset), terms in decreasing order of that bound. For top-k (k <= 256) the engine keeps
// the k best partial scores, and, as the switch nears, scores those k docs exactly (binary
// searches) to raise the threshold theta, a lower bound of the final k-th score. Once the bounds
// of the terms not yet read sum to less than theta, no unseen document can enter the top k
// (MaxScore, Turtle & Flood 1995, "Query evaluation: strategies and optimizations"): the
// remaining terms, the long lists of frequent words, only update the documents already seen
// whose score plus the remaining bound still reaches theta. Long lists are scanned, dropping
// documents as they fall short (branch-free loops); once the candidates are few against a list
// (1/8), they are looked up in it by galloping search instead. Bounds carry a 1e-9 relative
// slack, so rounding never prunes a document that could tie. The result is exact: equal, bit for
// bit, to Score() over all documents sorted by (score desc, doc asc). Pruning helps most when a
// few documents match the query well; on random text it still reads about half the postings.
//
// Determinism. Every score is the double sum of its terms' contributions in one canonical order
// (that of the prepared query: bound descending, then term id), whatever the path (Score,
// TopK, Explain's sum, ScoreAll) and whatever the thread count: one query is always computed by
// one thread. Build gives the same index for any thread count.
//
// Complexity. Build: O(T log L) for T tokens in documents of at most L tokens, plus hashing;
// transient memory about 12 bytes per token. Index: 8 bytes per posting (a posting is one
// distinct (term, doc) pair; about 0.75 per token for Zipf text), plus about 40 bytes and the
// characters of each distinct term, plus 8 bytes per stored surface that differs from its term
// and 8 bytes per document when any surface is stored. A query costs O(sum of df of its terms)
// at worst (see the benchmark for figures); a Searcher needs 12 bytes per document of scratch.
//
// Limits. Fewer than 2^32 documents and terms; weights are clamped to [0, 1e6] (weights that
// are not finite or <= 0 give an empty document or query; Create() rejects them instead).
// Impacts are stored as float, so scores agree with the formulas above to about 1e-7 relative;
// all paths agree with each other exactly.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace kc::engines::match {

// One analysed document (or query).
struct Document {
    std::vector<std::string> terms;     // analysed terms in order (repeats = term frequency)
    std::vector<std::string> surfaces;  // same length, or empty: original text of each term,
                                        // for explanations (another length is ignored)
    double weight = 1.0;                // multiplies every term's tf (so a title can count twice)
};

enum class Model { kBm25, kTfIdfCosine };

struct IndexOptions {
    Model model = Model::kBm25;
    double k1 = 1.2;            // BM25 term-frequency saturation, >= 0
    double b = 0.75;            // BM25 length normalisation, in [0, 1]
    int threads = 0;            // 0 = all cores (TBB); results never depend on it
    bool keep_surfaces = true;  // store each doc's first surface of a term when it differs from
                                // the term (8 bytes each + the text), for Explain
};

// A scored document. Lists of hits are ordered by score desc, then doc asc.
struct Hit {
    uint32_t doc = 0;
    double score = 0;
    friend bool operator==(const Hit&, const Hit&) = default;
};

// One term's share of a score: `weight` is what the term added to Score(query, doc).
struct TermContribution {
    std::string term;
    std::string surface;
    double weight = 0;
};

class Searcher;

// An immutable inverted index. Copyable and movable; all const methods are thread-safe.
class Index {
  public:
    // An index over no documents.
    Index() = default;

    // Builds an inverted index over `docs` (ids = positions). Trusted input: options must be
    // valid (KC_CHECK), and bad documents are tolerated as described in the header comment
    // (weight not finite or <= 0: no terms; surfaces of another length: ignored). `docs` is
    // only read during the call. Uses options.threads threads; the index does not depend on it.
    [[nodiscard]] static Index Build(std::span<const Document> docs, const IndexOptions& options);

    // As Build, but first checks options (k1 finite >= 0, b in [0, 1], threads >= 0) and every
    // document (weight finite in [0, 1e6], surfaces empty or as many as terms); returns
    // kInvalidArgument listing every bad field ("docs[3].weight", "options.b") otherwise.
    [[nodiscard]] static Result<Index> Create(std::span<const Document> docs,
                                              const IndexOptions& options);

    // Number of documents.
    [[nodiscard]] size_t Size() const { return num_docs_; }
    // Number of distinct terms, and of postings (distinct (term, doc) pairs).
    [[nodiscard]] size_t VocabularySize() const { return idf_.size(); }
    [[nodiscard]] size_t PostingCount() const { return posting_docs_.size(); }
    // Bytes held by the index (capacities of its arrays, not counting the object itself).
    [[nodiscard]] size_t MemoryBytes() const;
    [[nodiscard]] const IndexOptions& Options() const { return options_; }
    // Number of documents containing `term` (0 if unknown).
    [[nodiscard]] uint32_t DocumentFrequency(std::string_view term) const;

    // Score of `query` against `doc` (< Size(), checked). Unknown query terms score 0; an empty
    // query scores 0. O(m log df) for m distinct query terms.
    [[nodiscard]] double Score(const Document& query, uint32_t doc) const;

    // The k best docs for `query` with a score > 0, only those where filter(doc) is true
    // (filter may be empty; it is called at most once per doc, from the calling thread).
    // Ordered by score desc, then doc asc; exactly what brute force over Score() gives.
    // Allocates 12 bytes per document of scratch: to run many queries, reuse a Searcher.
    [[nodiscard]] std::vector<Hit> TopK(const Document& query, size_t k,
                                        const std::function<bool(uint32_t)>& filter = {}) const;

    // TopK for many queries in parallel (TBB, options.threads), one result per query, identical
    // to calling TopK one by one. filter(query, doc) may be called from several threads at once.
    [[nodiscard]] std::vector<std::vector<Hit>> TopKMany(
        std::span<const Document> queries, size_t k,
        const std::function<bool(uint32_t query, uint32_t doc)>& filter = {}) const;

    // The terms that contributed most to Score(query, doc), largest weight first (ties in the
    // canonical term order), at most `limit`. Their weights sum to Score(query, doc) (up to
    // rounding, as the order of the sum differs). surface: the query's surface of the term's
    // first occurrence when the query has surfaces, else the doc's first surface if stored, else
    // the term itself.
    [[nodiscard]] std::vector<TermContribution> Explain(const Document& query, uint32_t doc,
                                                        size_t limit) const;

  private:
    friend class Searcher;

    // One distinct known query term, prepared once per query.
    struct QueryTerm {
        uint32_t term = 0;
        uint32_t first = 0;  // position of its first occurrence in the query
        double weight = 0;   // qw: contribution = weight * impact
        double bound = 0;    // weight * max impact of the term
    };

    // Term id of `term`, or UINT32_MAX.
    [[nodiscard]] uint32_t Lookup(std::string_view term) const;
    [[nodiscard]] std::string_view TermText(uint32_t term) const;
    // The query's known terms in canonical order (bound desc, term id asc).
    [[nodiscard]] std::vector<QueryTerm> Prepare(const Document& query) const;
    // Impact of `term` in `doc`, or 0 when absent.
    [[nodiscard]] float ImpactOf(uint32_t term, uint32_t doc) const;
    [[nodiscard]] double ScorePrepared(std::span<const QueryTerm> terms, uint32_t doc) const;

    IndexOptions options_;
    uint32_t num_docs_ = 0;

    // Vocabulary: term text in one pool, and an open-addressing hash table of term id + 1.
    std::vector<char> term_chars_;
    std::vector<uint32_t> term_char_starts_;  // vocabulary + 1 entries
    std::vector<uint32_t> term_table_;        // power-of-two size, 0 = empty slot

    // Per term.
    std::vector<uint64_t> posting_starts_;  // vocabulary + 1 entries (CSR)
    std::vector<double> idf_;
    std::vector<float> max_impact_;

    // Postings, struct of arrays, doc ids ascending within a term.
    std::vector<uint32_t> posting_docs_;
    std::vector<float> posting_impacts_;

    // Surfaces that differ from their term, per doc sorted by term (CSR; empty if none stored).
    std::vector<uint64_t> surface_starts_;  // Size() + 1 entries, or none
    std::vector<uint32_t> surface_terms_;
    std::vector<uint32_t> surface_ids_;
    std::vector<char> surface_chars_;
    std::vector<uint32_t> surface_char_starts_;
};

// Reusable scratch for running queries against one Index: 12 bytes per document. Not thread-safe
// (use one per thread); `index` must outlive the Searcher.
class Searcher {
  public:
    explicit Searcher(const Index& index);

    // Same as Index::TopK, without re-allocating the scratch.
    [[nodiscard]] std::vector<Hit> TopK(const Document& query, size_t k,
                                        const std::function<bool(uint32_t)>& filter = {});

    // Scores of `query` against every document, Size() entries (0 where no term matches),
    // equal to Index::Score. The view is valid until the next call on this Searcher.
    [[nodiscard]] std::span<const double> ScoreAll(const Document& query);

    // Scores of `query` against each of `docs` (each < Size(); repeats allowed), in order.
    // Looks the docs up in the postings when they are few, else scores everything.
    [[nodiscard]] std::vector<double> ScoreDocs(const Document& query,
                                                std::span<const uint32_t> docs);

  private:
    using QueryTerm = Index::QueryTerm;
    void Reset();
    void AccumulateAll(std::span<const QueryTerm> terms);
    // The k-th best full score among `docs` and those scored before in this query (-inf if
    // fewer than k): a lower bound of the final k-th score.
    double ExactThreshold(std::span<const QueryTerm> terms, std::span<const Hit> docs, size_t k);
    std::vector<Hit> TopKPrepared(std::span<const QueryTerm> terms, size_t k,
                                  const std::function<bool(uint32_t)>& filter);

    const Index* index_;
    // Size() entries once used; 0 = untouched (or dropped), -inf = filtered out.
    std::vector<double> acc_;
    std::vector<uint32_t> touched_;  // Size() + 1 entries once used; the first num_touched_
    size_t num_touched_ = 0;         // are the docs whose acc_ is not 0
    std::vector<uint32_t> candidates_;
    std::vector<Hit> scored_;  // docs scored exactly in this query, by doc id
    std::vector<double> scores_;
};

// Profiles: a profile (a researcher = their seeds + publications; a reviewer = their papers) is a
// set of docs in the index.
enum class Aggregate {
    kMax,       // the best score of the profile's docs
    kMean,      // the mean over all its docs
    kTopKMean,  // the mean of its top_k best scores (of all of them when fewer)
};

struct ProfileOptions {
    Aggregate aggregate = Aggregate::kMax;
    size_t top_k = 3;  // for kTopKMean; 0 counts as 1
};

// Affinity of `query` to each profile (profiles[i] = doc ids of profile i, each < Size(),
// checked; a doc listed twice counts twice): the aggregate of Score(query, d) over d in the
// profile. An empty profile scores 0. Deterministic.
[[nodiscard]] std::vector<double> ProfileScores(const Index& index, const Document& query,
                                                std::span<const std::vector<uint32_t>> profiles,
                                                const ProfileOptions& options);

// All-pairs affinity for assignment problems: result[q][p] = ProfileScores(index, queries[q],
// profiles, options)[p], computed in parallel over queries (TBB, the index's thread count),
// bit for bit the same as one by one.
[[nodiscard]] std::vector<std::vector<double>> AllPairs(
    const Index& index, std::span<const Document> queries,
    std::span<const std::vector<uint32_t>> profiles, const ProfileOptions& options);

}  // namespace kc::engines::match
