#include "engines/match/index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "engines/match/test_corpus.h"

namespace kc::engines::match {
namespace {

using testing::AllScores;
using testing::BruteTopK;
using testing::RandomCorpus;
using testing::RandomQueries;
using testing::Reference;

Document Doc(std::vector<std::string> terms, double weight = 1.0) {
    Document d;
    d.terms = std::move(terms);
    d.weight = weight;
    return d;
}

// The hand-checked corpus: N = 3, lengths 3, 2, 4, avglen = 3.
//   d0 = a b a     d1 = b c     d2 = c c c d
// df: a 1, b 2, c 2, d 1.
//   idf(df=1) = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)) = ln(8/3) = 0.9808292530117263
//   idf(df=2) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln(1.6) = 0.4700036292457356
std::vector<Document> HandCorpus() {
    return {Doc({"a", "b", "a"}), Doc({"b", "c"}), Doc({"c", "c", "c", "d"})};
}

// Impacts are floats: scores agree with the formulas to ~1e-7 relative.
constexpr double kFloatTolerance = 1e-6;

TEST(MatchIndex, Bm25ByHand) {
    const std::vector<Document> docs = HandCorpus();
    const Index index = Index::Build(docs, {});
    ASSERT_EQ(index.Size(), 3u);
    EXPECT_EQ(index.VocabularySize(), 4u);
    EXPECT_EQ(index.PostingCount(), 6u);  // a:d0  b:d0,d1  c:d1,d2  d:d2
    EXPECT_EQ(index.DocumentFrequency("c"), 2u);
    EXPECT_EQ(index.DocumentFrequency("zz"), 0u);
    const Document query = Doc({"a", "c"});
    // k1 = 1.2, b = 0.75.
    // d0: a, tf 2, len 3: K = 1.2 * (0.25 + 0.75 * 3/3) = 1.2
    //     0.9808292530 * 2 * 2.2 / (2 + 1.2) = 0.9808292530 * 1.375 = 1.3486402229
    EXPECT_NEAR(index.Score(query, 0), 1.3486402228911236, kFloatTolerance);
    // d1: c, tf 1, len 2: K = 1.2 * (0.25 + 0.75 * 2/3) = 0.9
    //     0.4700036292 * 1 * 2.2 / (1 + 0.9) = 0.4700036292 * 1.1578947368 = 0.5442147286
    EXPECT_NEAR(index.Score(query, 1), 0.5442147286003255, kFloatTolerance);
    // d2: c, tf 3, len 4: K = 1.2 * (0.25 + 0.75 * 4/3) = 1.5
    //     0.4700036292 * 3 * 2.2 / (3 + 1.5) = 0.4700036292 * 1.4666666667 = 0.6893386562
    EXPECT_NEAR(index.Score(query, 2), 0.6893386562270789, kFloatTolerance);
    // Query-term frequency counts: "c c" scores twice "c" on d2 = 1.3786773125.
    EXPECT_NEAR(index.Score(Doc({"c", "c"}), 2), 1.3786773124541578, kFloatTolerance);
    EXPECT_EQ(index.Score(Doc({"c", "c"}), 2), 2 * index.Score(Doc({"c"}), 2));
    // Query weight 2 is the same as repeating every term.
    EXPECT_EQ(index.Score(Doc({"a", "c"}, 2.0), 2), index.Score(Doc({"a", "a", "c", "c"}), 2));

    const std::vector<Hit> top = index.TopK(query, 10);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].doc, 0u);
    EXPECT_EQ(top[1].doc, 2u);
    EXPECT_EQ(top[2].doc, 1u);
    EXPECT_EQ(top[0].score, index.Score(query, 0));
}

TEST(MatchIndex, Bm25ParametersChangeTheFormula) {
    const std::vector<Document> docs = HandCorpus();
    // b = 0: no length normalisation, K = k1 = 1.2 everywhere.
    // d2, "c": 0.4700036292 * 3 * 2.2 / (3 + 1.2) = 0.7385771317
    const Index no_length = Index::Build(docs, {.b = 0});
    EXPECT_NEAR(no_length.Score(Doc({"c"}), 2), 0.7385771316718702, kFloatTolerance);
    // k1 = 0: tf is ignored, each matching term scores its idf * 1.
    const Index binary = Index::Build(docs, {.k1 = 0});
    EXPECT_NEAR(binary.Score(Doc({"c", "d"}), 2), 0.4700036292457356 + 0.9808292530117263,
                kFloatTolerance);
}

TEST(MatchIndex, TfIdfCosineByHand) {
    const std::vector<Document> docs = HandCorpus();
    const Index index = Index::Build(docs, {.model = Model::kTfIdfCosine});
    const Document query = Doc({"a", "c"});
    // Weights ltf(tf) * idf with ltf(x) = 1 + ln x:
    //   q  = (a 0.9808292530, c 0.4700036292), |q| = sqrt(0.9620260 + 0.2209034) = 1.0876255951
    //   d0 = (a (1 + ln 2) * 0.9808292530 = 1.6606891, b 0.4700036292), |d0| = 1.7259168547
    //   cos = 0.9808292530 * 1.6606891 / (1.0876255951 * 1.7259168547) = 0.8677252651
    EXPECT_NEAR(index.Score(query, 0), 0.8677252650845032, kFloatTolerance);
    //   d1 = (b 0.4700036292, c 0.4700036292), |d1| = 0.6646855068
    //   cos = 0.4700036292^2 / (1.0876255951 * 0.6646855068) = 0.3055672420
    EXPECT_NEAR(index.Score(query, 1), 0.3055672420050612, kFloatTolerance);
    //   d2 = (c (1 + ln 3) * 0.4700036292 = 0.9863478, d 0.9808292530), |d2| = 1.3910150909
    //   cos = 0.4700036292 * 0.9863478 / (1.0876255951 * 1.3910150909) = 0.3064244206
    EXPECT_NEAR(index.Score(query, 2), 0.3064244206317534, kFloatTolerance);
    // A document against itself has cosine 1.
    EXPECT_NEAR(index.Score(docs[2], 2), 1.0, kFloatTolerance);
}

TEST(MatchIndex, MatchesTheReferenceFormulasOnRandomCorpora) {
    const std::vector<Document> docs = RandomCorpus(7, 300, 80, 20);
    const std::vector<Document> queries = RandomQueries(8, 20, 100, 8);
    for (const IndexOptions& options : {IndexOptions{}, IndexOptions{.k1 = 2.0, .b = 0.3},
                                        IndexOptions{.model = Model::kTfIdfCosine}}) {
        const Index index = Index::Build(docs, options);
        const Reference reference(docs, options);
        for (const Document& query : queries) {
            for (uint32_t d = 0; d < docs.size(); d += 7) {
                const double expected = reference.Score(query, d);
                EXPECT_NEAR(index.Score(query, d), expected, kFloatTolerance * (1 + expected))
                    << "doc " << d;
            }
        }
    }
}

TEST(MatchIndex, DocWeightMultipliesTermFrequency) {
    // "x y" with weight 2 is the same document as "x x y y" with weight 1 (tf and len double).
    std::vector<Document> weighted = {Doc({"x", "y"}, 2.0), Doc({"y", "z"}), Doc({"x", "z", "w"})};
    std::vector<Document> repeated = {Doc({"x", "x", "y", "y"}), Doc({"y", "z"}),
                                      Doc({"x", "z", "w"})};
    for (Model model : {Model::kBm25, Model::kTfIdfCosine}) {
        const Index a = Index::Build(weighted, {.model = model});
        const Index b = Index::Build(repeated, {.model = model});
        for (uint32_t d = 0; d < 3; ++d) {
            EXPECT_EQ(a.Score(Doc({"x", "z"}), d), b.Score(Doc({"x", "z"}), d));
        }
    }
    // And it raises the doc's score: with weight 2, "x" counts tf 2 in d0.
    const Index one = Index::Build(std::vector<Document>{Doc({"x", "y"}), Doc({"y"})}, {});
    const Index two = Index::Build(std::vector<Document>{Doc({"x", "y"}, 2.0), Doc({"y"})}, {});
    EXPECT_GT(two.Score(Doc({"x"}), 0), one.Score(Doc({"x"}), 0));
}

TEST(MatchIndex, TopKEqualsBruteForce) {
    const std::vector<Document> docs = RandomCorpus(1, 3000, 400, 40);
    const std::vector<Document> queries = RandomQueries(2, 40, 500, 30);
    const std::vector<std::function<bool(uint32_t)>> filters = {
        {},
        [](uint32_t d) { return d % 3 != 0; },
        [](uint32_t d) { return d % 97 == 5; },
        [](uint32_t) { return false; },
    };
    for (Model model : {Model::kBm25, Model::kTfIdfCosine}) {
        const Index index = Index::Build(docs, {.model = model});
        Searcher searcher(index);
        for (size_t q = 0; q < queries.size(); ++q) {
            const std::vector<double> scores = AllScores(index, queries[q]);
            for (size_t f = 0; f < filters.size(); ++f) {
                const std::vector<Hit> all =
                    BruteTopK(scores, std::numeric_limits<size_t>::max(), filters[f]);
                for (size_t k : {size_t{1}, size_t{2}, size_t{10}, size_t{50}, size_t{256},
                                 size_t{257}, size_t{5000}}) {
                    const std::vector<Hit> expected(
                        all.begin(), all.begin() + static_cast<ptrdiff_t>(std::min(k, all.size())));
                    EXPECT_EQ(searcher.TopK(queries[q], k, filters[f]), expected)
                        << "query " << q << " filter " << f << " k " << k;
                    if (f == 0 && k == 10) {
                        EXPECT_EQ(index.TopK(queries[q], k), expected) << "query " << q;
                    }
                }
            }
        }
    }
}

TEST(MatchIndex, TopKBreaksTiesByDocId) {
    // Four identical documents and one other: equal scores come out in doc id order.
    const std::vector<Document> docs = {Doc({"p", "q"}), Doc({"r"}), Doc({"p", "q"}),
                                        Doc({"p", "q"}), Doc({"p", "q"})};
    const Index index = Index::Build(docs, {});
    const std::vector<Hit> top = index.TopK(Doc({"p"}), 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].doc, 0u);
    EXPECT_EQ(top[1].doc, 2u);
    EXPECT_EQ(top[2].doc, 3u);
    EXPECT_EQ(top[0].score, top[2].score);
}

TEST(MatchIndex, TopKManyEqualsTopK) {
    const std::vector<Document> docs = RandomCorpus(3, 2000, 300, 30);
    const std::vector<Document> queries = RandomQueries(4, 100, 300, 20);
    const Index index = Index::Build(docs, {});
    const auto many = index.TopKMany(queries, 10);
    ASSERT_EQ(many.size(), queries.size());
    for (size_t q = 0; q < queries.size(); ++q) EXPECT_EQ(many[q], index.TopK(queries[q], 10));
    // With a per-query filter: query q excludes docs whose id is q mod 5.
    const auto filtered =
        index.TopKMany(queries, 10, [](uint32_t q, uint32_t d) { return d % 5 != q % 5; });
    for (size_t q = 0; q < queries.size(); ++q) {
        EXPECT_EQ(filtered[q],
                  index.TopK(queries[q], 10, [q](uint32_t d) { return d % 5 != q % 5; }));
    }
}

TEST(MatchIndex, DeterministicAcrossThreadCounts) {
    // 40,000 short documents: three build chunks, merged in order whatever the threads.
    const std::vector<Document> docs = RandomCorpus(5, 40000, 2000, 10);
    const std::vector<Document> queries = RandomQueries(6, 200, 2500, 12);
    for (Model model : {Model::kBm25, Model::kTfIdfCosine}) {
        std::vector<std::vector<std::vector<Hit>>> results;
        std::vector<std::vector<double>> scores;
        std::vector<size_t> bytes;
        for (int threads : {1, 2, 4}) {
            const Index index = Index::Build(docs, {.model = model, .threads = threads});
            results.push_back(index.TopKMany(queries, 20));
            std::vector<double> s;
            for (uint32_t d = 0; d < docs.size(); d += 997) s.push_back(index.Score(queries[0], d));
            scores.push_back(s);
            bytes.push_back(index.MemoryBytes());
        }
        for (size_t i = 1; i < results.size(); ++i) {
            EXPECT_EQ(results[i], results[0]);  // Hit == compares scores bit for bit
            EXPECT_EQ(scores[i], scores[0]);
            EXPECT_EQ(bytes[i], bytes[0]);
        }
        // Spot-check the multi-chunk index against the formulas.
        const Index index = Index::Build(docs, {.model = model});
        const Reference reference(docs, index.Options());
        for (uint32_t d = 0; d < docs.size(); d += 4999) {
            const double expected = reference.Score(queries[1], d);
            EXPECT_NEAR(index.Score(queries[1], d), expected, kFloatTolerance * (1 + expected));
        }
    }
}

TEST(MatchIndex, ExplainWeightsSumToScoreWithSurfaces) {
    std::vector<Document> docs = HandCorpus();
    docs[2].surfaces = {"Cells", "cell", "c", "Dogs"};  // "c" first seen as "Cells"; "d" as "Dogs"
    for (Model model : {Model::kBm25, Model::kTfIdfCosine}) {
        const Index index = Index::Build(docs, {.model = model});
        const Document query = Doc({"d", "c", "a", "unknown"});
        const std::vector<TermContribution> parts = index.Explain(query, 2, 10);
        ASSERT_EQ(parts.size(), 2u);
        EXPECT_GE(parts[0].weight, parts[1].weight);
        EXPECT_NEAR(parts[0].weight + parts[1].weight, index.Score(query, 2), 1e-12);
        // No query surfaces: the doc's stored first surface.
        for (const TermContribution& part : parts) {
            EXPECT_EQ(part.surface, part.term == "c" ? "Cells" : "Dogs") << part.term;
        }
        // Query surfaces win.
        Document with_surfaces = query;
        with_surfaces.surfaces = {"D", "C", "A", "U"};
        for (const TermContribution& part : index.Explain(with_surfaces, 2, 10)) {
            EXPECT_EQ(part.surface, part.term == "c" ? "C" : "D");
        }
        // Limit, and the term itself when no surface is known (d0 stores none).
        const std::vector<TermContribution> one = index.Explain(Doc({"a", "b"}), 0, 1);
        ASSERT_EQ(one.size(), 1u);
        EXPECT_EQ(one[0].term, "a");  // idf(a) > idf(b) and tf(a) > tf(b)
        EXPECT_EQ(one[0].surface, "a");
        EXPECT_TRUE(index.Explain(Doc({"zz"}), 0, 5).empty());
    }
    // Without keep_surfaces the term is used.
    const Index bare = Index::Build(docs, {.keep_surfaces = false});
    EXPECT_EQ(bare.Explain(Doc({"c"}), 2, 5).at(0).surface, "c");
}

TEST(MatchIndex, ExplainSumsToScoreOnRandomCorpora) {
    const std::vector<Document> docs = RandomCorpus(11, 500, 100, 30);
    const std::vector<Document> queries = RandomQueries(12, 20, 120, 25);
    const Index index = Index::Build(docs, {});
    for (const Document& query : queries) {
        for (uint32_t d = 0; d < docs.size(); d += 13) {
            double sum = 0;
            for (const TermContribution& part : index.Explain(query, d, 1000)) sum += part.weight;
            EXPECT_NEAR(sum, index.Score(query, d), 1e-12 * (1 + sum));
        }
    }
}

TEST(MatchIndex, ScoreAllAndScoreDocsEqualScore) {
    const std::vector<Document> docs = RandomCorpus(13, 1000, 150, 30);
    const std::vector<Document> queries = RandomQueries(14, 10, 150, 10);
    const Index index = Index::Build(docs, {});
    Searcher searcher(index);
    std::vector<uint32_t> all(docs.size());
    std::iota(all.begin(), all.end(), 0u);
    const std::vector<uint32_t> few = {3, 999, 3, 0};
    for (const Document& query : queries) {
        const std::vector<double> dense(searcher.ScoreAll(query).begin(),
                                        searcher.ScoreAll(query).end());
        ASSERT_EQ(dense.size(), docs.size());
        const std::vector<double> by_list = searcher.ScoreDocs(query, all);    // accumulates
        const std::vector<double> by_lookup = searcher.ScoreDocs(query, few);  // binary searches
        for (uint32_t d = 0; d < docs.size(); ++d) {
            EXPECT_EQ(dense[d], index.Score(query, d));
            EXPECT_EQ(by_list[d], index.Score(query, d));
        }
        for (size_t i = 0; i < few.size(); ++i) EXPECT_EQ(by_lookup[i], index.Score(query, few[i]));
    }
}

TEST(MatchIndex, EdgeCases) {
    // Empty corpus.
    const Index empty = Index::Build({}, {});
    EXPECT_EQ(empty.Size(), 0u);
    EXPECT_TRUE(empty.TopK(Doc({"a"}), 10).empty());
    EXPECT_TRUE(empty.TopKMany(std::vector<Document>{Doc({"a"})}, 10).at(0).empty());
    EXPECT_EQ(Index().Size(), 0u);

    // Empty docs, a zero-weight doc and a NaN-weight doc have no terms.
    const std::vector<Document> docs = {Doc({}), Doc({"a", "b"}), Doc({"a"}, 0.0),
                                        Doc({"a"}, std::nan("")), Doc({"b", "c"})};
    const Index index = Index::Build(docs, {});
    EXPECT_EQ(index.Size(), 5u);
    EXPECT_EQ(index.DocumentFrequency("a"), 1u);
    EXPECT_EQ(index.Score(Doc({"a", "b"}), 0), 0.0);
    EXPECT_EQ(index.Score(Doc({"a", "b"}), 2), 0.0);
    const std::vector<Hit> top = index.TopK(Doc({"a", "b"}), 100);  // k > N
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(top[0].doc, 1u);
    EXPECT_EQ(top[1].doc, 4u);
    // k = 0, empty query, unknown terms, zero-weight query.
    EXPECT_TRUE(index.TopK(Doc({"a"}), 0).empty());
    EXPECT_TRUE(index.TopK(Doc({}), 10).empty());
    EXPECT_TRUE(index.TopK(Doc({"zz", "yy"}), 10).empty());
    EXPECT_TRUE(index.TopK(Doc({"a"}, 0.0), 10).empty());
    EXPECT_EQ(index.Score(Doc({}), 1), 0.0);
    EXPECT_EQ(index.Score(Doc({"zz"}), 1), 0.0);
    // Unknown terms add nothing.
    EXPECT_EQ(index.Score(Doc({"a", "zz"}), 1), index.Score(Doc({"a"}), 1));
    EXPECT_GT(index.MemoryBytes(), 0u);

    // A corpus of empty documents.
    const Index blank = Index::Build(std::vector<Document>(3), {});
    EXPECT_TRUE(blank.TopK(Doc({"a"}), 3).empty());
    EXPECT_EQ(blank.Score(Doc({"a"}), 2), 0.0);
}

TEST(MatchIndex, IndexIsCopyableAndMovable) {
    const std::vector<Document> docs = HandCorpus();
    const Index index = Index::Build(docs, {});
    const Index copy = index;  // NOLINT(performance-unnecessary-copy-initialization)
    Index moved = Index::Build(docs, {});
    const Index target = std::move(moved);
    for (uint32_t d = 0; d < 3; ++d) {
        EXPECT_EQ(copy.Score(Doc({"a", "c"}), d), index.Score(Doc({"a", "c"}), d));
        EXPECT_EQ(target.Score(Doc({"a", "c"}), d), index.Score(Doc({"a", "c"}), d));
    }
}

TEST(MatchIndex, CreateRejectsBadInput) {
    std::vector<Document> docs = HandCorpus();
    docs[1].weight = -1;
    docs[2].surfaces = {"only one"};
    const Result<Index> bad = Index::Create(docs, {.k1 = -1, .b = 2, .threads = -3});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    std::vector<std::string> paths;
    for (const FieldError& field : bad.error().fields) paths.push_back(field.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"options.k1", "options.b", "options.threads",
                                               "docs[1].weight", "docs[2].surfaces"}));
    const Result<Index> good = Index::Create(HandCorpus(), {});
    ASSERT_TRUE(good.has_value());
    EXPECT_EQ(good->Size(), 3u);
}

}  // namespace
}  // namespace kc::engines::match
