#include <gtest/gtest.h>

#include <vector>

#include "engines/match/index.h"
#include "engines/match/test_corpus.h"

namespace kc::engines::match {
namespace {

Document Doc(std::vector<std::string> terms) {
    Document d;
    d.terms = std::move(terms);
    return d;
}

// The hand-checked corpus of index_test.cpp: d0 = a b a, d1 = b c, d2 = c c c d. For the query
// "a c" the BM25 scores are s0 = 1.3486402229, s1 = 0.5442147286, s2 = 0.6893386562.
constexpr double kS0 = 1.3486402228911236;
constexpr double kS1 = 0.5442147286003255;
constexpr double kS2 = 0.6893386562270789;
constexpr double kTolerance = 1e-6;

std::vector<Document> HandCorpus() {
    return {Doc({"a", "b", "a"}), Doc({"b", "c"}), Doc({"c", "c", "c", "d"})};
}

TEST(ProfileScores, AggregatesByHand) {
    const std::vector<Document> docs = HandCorpus();
    const Index index = Index::Build(docs, {});
    const std::vector<std::vector<uint32_t>> profiles = {{0, 1}, {1, 2}, {}, {2, 1, 0}, {1, 1, 2}};
    const Document query = Doc({"a", "c"});

    const std::vector<double> max = ProfileScores(index, query, profiles, {Aggregate::kMax, 3});
    ASSERT_EQ(max.size(), 5u);
    EXPECT_NEAR(max[0], kS0, kTolerance);
    EXPECT_NEAR(max[1], kS2, kTolerance);
    EXPECT_EQ(max[2], 0.0);  // empty profile
    EXPECT_NEAR(max[3], kS0, kTolerance);
    EXPECT_NEAR(max[4], kS2, kTolerance);

    const std::vector<double> mean = ProfileScores(index, query, profiles, {Aggregate::kMean, 3});
    EXPECT_NEAR(mean[0], (kS0 + kS1) / 2, kTolerance);  // 0.9464274757
    EXPECT_NEAR(mean[1], (kS1 + kS2) / 2, kTolerance);  // 0.6167766924
    EXPECT_EQ(mean[2], 0.0);
    EXPECT_NEAR(mean[3], (kS0 + kS1 + kS2) / 3, kTolerance);  // 0.8607312026
    EXPECT_NEAR(mean[4], (2 * kS1 + kS2) / 3, kTolerance);    // repeats count

    const std::vector<double> top2 =
        ProfileScores(index, query, profiles, {Aggregate::kTopKMean, 2});
    EXPECT_NEAR(top2[0], (kS0 + kS1) / 2, kTolerance);
    EXPECT_NEAR(top2[3], (kS0 + kS2) / 2, kTolerance);  // 1.0189894396: the best two of three
    EXPECT_NEAR(top2[4], (kS2 + kS1) / 2, kTolerance);
    EXPECT_EQ(top2[2], 0.0);
    // top_k larger than the profile: the mean of all; top_k = 0 counts as 1 (= max).
    const std::vector<double> top9 =
        ProfileScores(index, query, profiles, {Aggregate::kTopKMean, 9});
    EXPECT_EQ(top9[1], mean[1]);
    EXPECT_EQ(ProfileScores(index, query, profiles, {Aggregate::kTopKMean, 0}), max);

    // Scores are exactly Index::Score.
    EXPECT_EQ(max[0], index.Score(query, 0));
    // No profiles, and an empty query.
    EXPECT_TRUE(ProfileScores(index, query, {}, {}).empty());
    EXPECT_EQ(ProfileScores(index, Doc({}), profiles, {}), std::vector<double>(5, 0.0));
}

TEST(AllPairs, EqualsProfileScoresPerQueryWhateverTheThreads) {
    const std::vector<Document> docs = testing::RandomCorpus(21, 3000, 300, 30);
    const std::vector<Document> queries = testing::RandomQueries(22, 60, 300, 20);
    // 100 profiles of 0..40 docs, and one profile of every doc (the accumulating path).
    std::vector<std::vector<uint32_t>> profiles(100);
    for (size_t p = 0; p < profiles.size(); ++p) {
        for (size_t i = 0; i < p % 41; ++i) {
            profiles[p].push_back(static_cast<uint32_t>((p * 7919 + i * 104729) % docs.size()));
        }
    }
    std::vector<std::vector<uint32_t>> small = {{1, 2, 3}, {}, {2999}};
    for (const ProfileOptions& options :
         {ProfileOptions{Aggregate::kMax, 3}, ProfileOptions{Aggregate::kMean, 3},
          ProfileOptions{Aggregate::kTopKMean, 4}}) {
        std::vector<std::vector<std::vector<double>>> runs;
        for (int threads : {1, 2, 4}) {
            const Index index = Index::Build(docs, {.threads = threads});
            runs.push_back(AllPairs(index, queries, profiles, options));
            if (threads == 1) {
                ASSERT_EQ(runs[0].size(), queries.size());
                for (size_t q = 0; q < queries.size(); ++q) {
                    EXPECT_EQ(runs[0][q], ProfileScores(index, queries[q], profiles, options));
                }
                // Few docs: looked up one by one, still bit for bit the same as Score.
                const auto few = AllPairs(index, queries, small, options);
                for (size_t q = 0; q < queries.size(); ++q) {
                    EXPECT_EQ(few[q][0], ProfileScores(index, queries[q], small, options)[0]);
                    EXPECT_EQ(few[q][2], index.Score(queries[q], 2999));
                }
            }
        }
        EXPECT_EQ(runs[1], runs[0]);
        EXPECT_EQ(runs[2], runs[0]);
    }
}

}  // namespace
}  // namespace kc::engines::match
