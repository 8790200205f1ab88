#pragma once

// 目利き matching use cases: suggest seed–need pairs for coordinators (need → seeds or
// seed → needs), record them as `match` rows with an explanation, and accept or decline them.
//
// Texts are analysed by engines/text (Japanese and English) and scored by engines/match (BM25
// over an inverted index). A declined pair is never suggested again until the seed's or the
// need's text changes: each match stores a fingerprint of both texts, and a pair is skipped while
// a declined match with the same fingerprint exists. Pairs already in progress (any status but
// declined) are not suggested twice.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace kc::app {

enum class Scope {
    kAll,      // any visible seed
    kInside,   // seeds of the same cluster only
    kOutside,  // seeds of other clusters only (public ones)
};

struct SuggestOptions {
    std::optional<core::Id> cluster_id;  // needs of this cluster (default: every cluster)
    std::optional<core::Id> need_id;     // only this need
    std::optional<core::Id> seed_id;     // reverse direction: needs for this seed
    std::string field;                   // only seeds (or needs) of this field code
    Scope scope = Scope::kAll;
    size_t top = 5;          // suggestions per need (or per seed)
    bool record = true;      // write `match` rows (status suggested)
    double min_score = 0.0;  // drop pairs scoring at or below this
};

struct ExplainedTerm {
    std::string term;
    std::string surface;
    double weight = 0;
};

struct Suggestion {
    core::Id match_id = 0;  // 0 when not recorded
    core::Id seed_id = 0;
    core::Id need_id = 0;
    double score = 0;
    int rank = 0;  // 1-based within its need (or seed)
    std::string seed_title, need_title;
    std::vector<ExplainedTerm> terms;  // what contributed most, in their original surface form
};

// Suggests pairs and (unless options.record is false) records them in one transaction.
[[nodiscard]] Result<std::vector<Suggestion>> SuggestMatches(store::Store& store,
                                                             const store::Actor& actor,
                                                             const SuggestOptions& options);

// suggested → contacted: the coordinator takes the pair up (kept as history as it progresses).
[[nodiscard]] Status AcceptMatch(store::Store& store, const store::Actor& actor, core::Id match_id);

// → declined with a reason; the pair is not suggested again until one of the texts changes.
[[nodiscard]] Status DeclineMatch(store::Store& store, const store::Actor& actor, core::Id match_id,
                                  const std::string& reason);

[[nodiscard]] nlohmann::json SuggestionsToJson(const std::vector<Suggestion>& suggestions);

}  // namespace kc::app

namespace kc::app {

struct MatchBenchOptions {
    std::vector<double> fractions = {0.1, 1.0};  // corpus sizes to measure, as fractions of seeds
    size_t max_needs = 100000;                   // queries (needs) per measurement
    size_t top = 10;
    size_t verify = 50;  // needs whose top-k is checked against a brute-force scorer
    std::function<void(const std::string& stage)> progress;
};

struct MatchBenchRow {
    size_t seeds = 0, needs = 0, postings = 0;
    double analyze_seconds = 0, build_seconds = 0, query_seconds = 0;
    double queries_per_second = 0;
    size_t index_bytes = 0;
    size_t verified = 0, mismatches = 0;
};

struct MatchBenchReport {
    double load_seconds = 0;
    std::vector<MatchBenchRow> rows;
    double peak_rss_mib = 0;
};

// Measures matching at the scale of the store's data (e.g. after `demo load --scale 100`): text
// analysis of every seed and need (parallel), index build, and top-k for the needs, at several
// corpus sizes; checks the top-k of a sample against brute force.
[[nodiscard]] Result<MatchBenchReport> BenchmarkMatching(store::Store& store,
                                                         const MatchBenchOptions& options);

}  // namespace kc::app

namespace kc::app {

struct ReviewerSuggestion {
    core::Id reviewer_id = 0;
    core::Id person_id = 0;
    std::string name;
    double affinity =
        0;  // mean BM25 score of the proposal against the reviewer's profile documents
    int profile_documents = 0;
};

// Reviewers of the proposal's call, best affinity first (ties by reviewer id), at most `top`.
// A reviewer's profile is their expertise keywords, publications and owned seeds; reviewers with
// a conflict of interest on the proposal are never returned.
[[nodiscard]] Result<std::vector<ReviewerSuggestion>> SuggestReviewers(store::Store& store,
                                                                       core::Id proposal_id,
                                                                       size_t top);

struct PairAffinity {
    core::Id reviewer_id = 0;
    core::Id proposal_id = 0;
    double score = 0;  // mean BM25 of the proposal against the reviewer's profile (raw scale)
};

// Affinity of every reviewer of the call to every proposal of the call, conflicted pairs
// included (the caller removes them): the input of the assignment solver.
[[nodiscard]] Result<std::vector<PairAffinity>> CallAffinities(store::Transaction& tx,
                                                               core::Id call_id);

}  // namespace kc::app
