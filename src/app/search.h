#pragma once

// Server-side text search over seeds, needs, proposals, projects, organisations and people, as a
// signed-in viewer may see them. Texts go through engines/text (Japanese through MeCab, English
// stemmed) and are ranked by engines/match's BM25, so 「燃料電池」 finds 燃料電池の電極 and "fuel
// cells" finds "fuel cell".
//
// Only records the viewer may read take part, so neither a hit, its score, a snippet nor the
// total ever reveals another one:
//   need      core::CanViewNeed (as app/record_access.h)
//   proposal  as app/record_access.h (programme staff; a reviewer assigned and not conflicted)
//   seed      core::CanViewSeed (as app/record_access.h): public ones; otherwise only the
//             owning organisation or owner, HQ staff of the seed's cluster, programme staff
//   project, organization, person   everyone signed in (no e-mail addresses are indexed)
//
// The index is built per call from the readable records (regional scale: a few thousand records
// analyse in well under a second; a national-scale deployment would keep one index per store
// generation and filter hits by the same rules).

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/matching.h"
#include "core/policy.h"
#include "engines/match/index.h"
#include "engines/text/analyzer.h"
#include "store/store.h"

namespace kc::app {

// seed, need, proposal, project, organization, person.
[[nodiscard]] const std::vector<std::string>& SearchTypes();

struct SearchQuery {
    std::string text;                    // what to look for (required, at most 500 bytes)
    std::set<std::string> types;         // of SearchTypes(); empty = all
    std::optional<core::Id> cluster_id;  // only records of this cluster (see Search)
    int64_t limit = 20;                  // 1..100
};

struct SearchHit {
    std::string type;  // a SearchTypes() code
    core::Id id = 0;
    std::string title;
    std::string snippet;             // up to ~120 characters of the text around the best hit
    double score = 0;                // BM25
    std::vector<std::string> terms;  // the matched words as written in the record
};

struct SearchResult {
    std::vector<SearchHit> items;  // best first (score desc, then type order, then id)
    int64_t total = 0;             // readable records matching at all
};

// Searches the records `viewer` may read. With `cluster_id`, seeds, needs and projects of that
// cluster, the proposal it was selected from, the organisations and people of its HQ, core
// organisations, seeds, needs and projects. InvalidArgument with a field error for each bad part
// of the query (`q` empty or too long, an unknown `types` entry, `limit` outside 1..100, an
// unknown `cluster_id`). Read-only; deterministic for the same database.
[[nodiscard]] Result<SearchResult> Search(store::Store& store, const core::Viewer& viewer,
                                          const SearchQuery& query);

[[nodiscard]] nlohmann::json ToJson(const SearchResult& result);

// Whether `viewer` may find `seed` in a search (core::CanViewSeed).
[[nodiscard]] bool CanFindSeed(const core::Viewer& viewer, const core::Seed& seed);

// ---------------------------------------------------------------------------------------------
// Shared with the match explanation (app/portal.h)

// The process's analyser (the MeCab dictionary loads once); thread-safe.
[[nodiscard]] Result<const engines::text::Analyzer*> SearchAnalyzer();

// A seed or need as the matcher indexes it: title twice, English title, body, keywords twice;
// surfaces kept when `surfaces` is true.
[[nodiscard]] engines::match::Document MatchDocument(
    const engines::text::Analyzer& analyzer, const std::string& title, const std::string& title_en,
    const std::string& body, const std::vector<std::string>& keywords, bool surfaces);

// The terms of `need` that score against `seeds[seed_index]` in a BM25 index over `seeds` (as
// SuggestMatches scores a pair), largest first, at most `limit`, and the pair's score.
struct PairExplanation {
    double score = 0;
    std::vector<ExplainedTerm> terms;
};
[[nodiscard]] Result<PairExplanation> ExplainPair(const std::vector<core::Seed>& seeds,
                                                  size_t seed_index, const core::Need& need,
                                                  size_t limit);

}  // namespace kc::app
