#include "app/matching.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/entities.h"
#include "engines/match/index.h"
#include "engines/text/analyzer.h"

namespace kc::app {
namespace {

using core::Id;
using engines::match::Document;

constexpr size_t kExplainTerms = 8;
constexpr double kTitleWeight = 2.0;

uint64_t Fnv1a(std::string_view text) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

std::string JoinKeywords(const std::vector<std::string>& keywords) {
    std::string out;
    for (const auto& keyword : keywords) out += keyword + "\n";
    return out;
}

// The text that describes a seed or need, in the order it is hashed (title, English title,
// body, keywords). A change to any of these re-opens a declined pair.
std::string SeedText(const core::Seed& seed) {
    return seed.title + "\n" + seed.title_en + "\n" + seed.abstract + "\n" +
           JoinKeywords(seed.keywords);
}
std::string NeedText(const core::Need& need) {
    return need.title + "\n" + need.title_en + "\n" + need.description + "\n" +
           JoinKeywords(need.keywords);
}

std::string Fingerprint(uint64_t seed_hash, uint64_t need_hash) {
    return fmt::format("{:016x}:{:016x}", seed_hash, need_hash);
}

// The analyser loads the MeCab dictionary once per process; it is thread-safe.
Result<const engines::text::Analyzer*> SharedAnalyzer() {
    static std::mutex mutex;
    static std::unique_ptr<engines::text::Analyzer> analyzer;
    std::lock_guard lock(mutex);
    if (!analyzer) {
        KC_ASSIGN_OR_RETURN(analyzer, engines::text::Analyzer::Create({}));
    }
    return analyzer.get();
}

void Append(Document& doc, const engines::text::Analyzer& analyzer, std::string_view text,
            int repeat, bool surfaces) {
    if (text.empty()) return;
    auto tokens = analyzer.Analyze(text);
    for (int r = 0; r < repeat; ++r) {
        for (const auto& token : tokens) {
            doc.terms.push_back(token.term);
            if (surfaces) doc.surfaces.push_back(token.surface);
        }
    }
}

// Whether a document keeps the original surface of each term. Explanations take surfaces from
// the query, so indexed documents do without them (half the memory at national scale).
enum class Surfaces { kKeep, kDrop };

Document MakeDocument(const engines::text::Analyzer& analyzer, const std::string& title,
                      const std::string& title_en, const std::string& body,
                      const std::vector<std::string>& keywords, Surfaces surfaces) {
    bool keep = surfaces == Surfaces::kKeep;
    Document doc;
    Append(doc, analyzer, title, static_cast<int>(kTitleWeight), keep);
    Append(doc, analyzer, title_en, 1, keep);
    Append(doc, analyzer, body, 1, keep);
    for (const auto& keyword : keywords) Append(doc, analyzer, keyword, 2, keep);
    return doc;
}

struct PairState {
    bool active = false;                    // a non-declined match exists
    std::set<std::string> declined_prints;  // fingerprints of declined matches
};

std::string ExplanationJson(const std::string& fingerprint,
                            const std::vector<ExplainedTerm>& terms) {
    nlohmann::json out;
    out["fingerprint"] = fingerprint;
    out["terms"] = nlohmann::json::array();
    for (const auto& term : terms) {
        out["terms"].push_back(
            {{"term", term.term}, {"surface", term.surface}, {"weight", term.weight}});
    }
    return out.dump();
}

std::string FingerprintOf(const std::string& explanation) {
    auto parsed = nlohmann::json::parse(explanation, nullptr, false);
    if (parsed.is_object() && parsed.contains("fingerprint") && parsed["fingerprint"].is_string()) {
        return parsed["fingerprint"].get<std::string>();
    }
    return {};
}

}  // namespace

Result<std::vector<Suggestion>> SuggestMatches(store::Store& store, const store::Actor& actor,
                                               const SuggestOptions& options) {
    if (options.need_id && options.seed_id) {
        return Fail(Error::InvalidArgument("give --need or --seed, not both"));
    }
    if (options.top == 0 || options.top > 1000) {
        return Fail(
            Error::InvalidArgument(fmt::format("--top: expected 1..1000, got {}", options.top)));
    }
    KC_ASSIGN_OR_RETURN(const engines::text::Analyzer* analyzer, SharedAnalyzer());
    KC_ASSIGN_OR_RETURN(auto tx, store.Begin(actor));

    KC_ASSIGN_OR_RETURN(auto all_seeds, tx->List<core::Seed>());
    KC_ASSIGN_OR_RETURN(auto all_needs, tx->List<core::Need>());
    KC_ASSIGN_OR_RETURN(auto matches, tx->List<core::Match>());
    if (options.need_id) KC_RETURN_IF_ERROR(tx->Get<core::Need>(*options.need_id));
    if (options.seed_id) KC_RETURN_IF_ERROR(tx->Get<core::Seed>(*options.seed_id));
    if (options.cluster_id) KC_RETURN_IF_ERROR(tx->Get<core::Cluster>(*options.cluster_id));

    // Which needs and seeds take part.
    std::vector<const core::Need*> needs;
    std::vector<const core::Seed*> seeds;
    for (const auto& need : all_needs) {
        if (options.need_id && need.id != *options.need_id) continue;
        if (options.cluster_id && need.cluster_id != options.cluster_id && !options.seed_id)
            continue;
        if (options.seed_id && !options.field.empty() && need.field != options.field) continue;
        needs.push_back(&need);
    }
    for (const auto& seed : all_seeds) {
        if (options.seed_id && seed.id != *options.seed_id) continue;
        if (!options.seed_id && !options.field.empty() && seed.field != options.field) continue;
        seeds.push_back(&seed);
    }

    std::map<std::pair<Id, Id>, PairState> pairs;
    for (const auto& match : matches) {
        auto& state = pairs[{match.seed_id, match.need_id}];
        if (match.status == "declined") {
            state.declined_prints.insert(FingerprintOf(match.explanation));
        } else {
            state.active = true;
        }
    }
    std::unordered_map<Id, uint64_t> seed_hash, need_hash;
    for (const auto* seed : seeds) seed_hash[seed->id] = Fnv1a(SeedText(*seed));
    for (const auto* need : needs) need_hash[need->id] = Fnv1a(NeedText(*need));

    // A seed is visible to a need's coordinators when it is public or of the same cluster.
    auto allowed = [&](const core::Seed& seed, const core::Need& need) {
        bool same_cluster =
            seed.cluster_id && need.cluster_id && *seed.cluster_id == *need.cluster_id;
        if (!same_cluster && seed.visibility != "public") return false;
        if (options.scope == Scope::kInside && !same_cluster) return false;
        if (options.scope == Scope::kOutside && same_cluster) return false;
        auto it = pairs.find({seed.id, need.id});
        if (it == pairs.end()) return true;
        if (it->second.active) return false;
        return !it->second.declined_prints.contains(
            Fingerprint(seed_hash[seed.id], need_hash[need.id]));
    };

    std::vector<Document> seed_docs, need_docs;
    seed_docs.reserve(seeds.size());
    need_docs.reserve(needs.size());
    // Queries keep surfaces for explanations; indexed documents do not need them.
    Surfaces seed_surfaces = options.seed_id ? Surfaces::kKeep : Surfaces::kDrop;
    Surfaces need_surfaces = options.seed_id ? Surfaces::kDrop : Surfaces::kKeep;
    for (const auto* seed : seeds) {
        seed_docs.push_back(MakeDocument(*analyzer, seed->title, seed->title_en, seed->abstract,
                                         seed->keywords, seed_surfaces));
    }
    for (const auto* need : needs) {
        need_docs.push_back(MakeDocument(*analyzer, need->title, need->title_en, need->description,
                                         need->keywords, need_surfaces));
    }

    std::vector<Suggestion> suggestions;
    engines::match::IndexOptions index_options;
    if (options.seed_id) {
        // Reverse direction: index the needs, query with the seed.
        auto index = engines::match::Index::Build(need_docs, index_options);
        for (size_t q = 0; q < seeds.size(); ++q) {
            auto hits = index.TopK(seed_docs[q], options.top,
                                   [&](uint32_t doc) { return allowed(*seeds[q], *needs[doc]); });
            int rank = 0;
            for (const auto& hit : hits) {
                if (hit.score <= options.min_score) continue;
                Suggestion s;
                s.seed_id = seeds[q]->id;
                s.need_id = needs[hit.doc]->id;
                s.score = hit.score;
                s.rank = ++rank;
                s.seed_title = seeds[q]->title;
                s.need_title = needs[hit.doc]->title;
                for (auto& term : index.Explain(seed_docs[q], hit.doc, kExplainTerms)) {
                    s.terms.push_back({term.term, term.surface, term.weight});
                }
                suggestions.push_back(std::move(s));
            }
        }
    } else {
        auto index = engines::match::Index::Build(seed_docs, index_options);
        auto results = index.TopKMany(need_docs, options.top, [&](uint32_t query, uint32_t doc) {
            return allowed(*seeds[doc], *needs[query]);
        });
        for (size_t q = 0; q < needs.size(); ++q) {
            int rank = 0;
            for (const auto& hit : results[q]) {
                if (hit.score <= options.min_score) continue;
                Suggestion s;
                s.seed_id = seeds[hit.doc]->id;
                s.need_id = needs[q]->id;
                s.score = hit.score;
                s.rank = ++rank;
                s.seed_title = seeds[hit.doc]->title;
                s.need_title = needs[q]->title;
                for (auto& term : index.Explain(need_docs[q], hit.doc, kExplainTerms)) {
                    s.terms.push_back({term.term, term.surface, term.weight});
                }
                suggestions.push_back(std::move(s));
            }
        }
    }

    if (options.record) {
        for (auto& s : suggestions) {
            core::Match match;
            match.seed_id = s.seed_id;
            match.need_id = s.need_id;
            match.score = s.score;
            match.status = "suggested";
            match.explanation =
                ExplanationJson(Fingerprint(seed_hash[s.seed_id], need_hash[s.need_id]), s.terms);
            KC_ASSIGN_OR_RETURN(s.match_id, tx->Add(match));
        }
        KC_RETURN_IF_ERROR(tx->Commit());
    }
    return suggestions;
}

Status AcceptMatch(store::Store& store, const store::Actor& actor, core::Id match_id) {
    KC_ASSIGN_OR_RETURN(auto tx, store.Begin(actor));
    KC_ASSIGN_OR_RETURN(core::Match match, tx->Get<core::Match>(match_id));
    match.status = "contacted";
    KC_RETURN_IF_ERROR(tx->Save(match));
    return tx->Commit();
}

Status DeclineMatch(store::Store& store, const store::Actor& actor, core::Id match_id,
                    const std::string& reason) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(
            Error::InvalidArgument("--reason: expected why the pair is declined, got nothing"));
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.Begin(actor));
    KC_ASSIGN_OR_RETURN(core::Match match, tx->Get<core::Match>(match_id));
    match.status = "declined";
    match.decline_reason = reason;
    KC_RETURN_IF_ERROR(tx->Save(match));
    return tx->Commit();
}

nlohmann::json SuggestionsToJson(const std::vector<Suggestion>& suggestions) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : suggestions) {
        nlohmann::json terms = nlohmann::json::array();
        for (const auto& t : s.terms) {
            terms.push_back({{"term", t.term}, {"surface", t.surface}, {"weight", t.weight}});
        }
        out.push_back({{"match_id", s.match_id},
                       {"seed_id", s.seed_id},
                       {"need_id", s.need_id},
                       {"rank", s.rank},
                       {"score", s.score},
                       {"seed_title", s.seed_title},
                       {"need_title", s.need_title},
                       {"terms", terms}});
    }
    return out;
}

}  // namespace kc::app

namespace kc::app {

Result<MatchBenchReport> BenchmarkMatching(store::Store& store, const MatchBenchOptions& options) {
    using Clock = std::chrono::steady_clock;
    auto seconds = [](Clock::time_point since) {
        return std::chrono::duration<double>(Clock::now() - since).count();
    };
    auto note = [&](const std::string& stage) {
        if (options.progress) options.progress(stage);
    };
    MatchBenchReport report;
    KC_ASSIGN_OR_RETURN(const engines::text::Analyzer* analyzer, SharedAnalyzer());
    auto started = Clock::now();
    note("loading seeds and needs");
    std::vector<core::Seed> seeds;
    std::vector<core::Need> needs;
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.Begin({"bench"}));
        KC_ASSIGN_OR_RETURN(seeds, tx->List<core::Seed>());
        store::Filter limit;
        limit.limit = static_cast<int64_t>(options.max_needs);
        KC_ASSIGN_OR_RETURN(needs, tx->List<core::Need>(limit));
    }
    report.load_seconds = seconds(started);
    if (seeds.empty() || needs.empty()) {
        return Fail(Error::FailedPrecondition(
            "the database has no seeds or no needs: load data first (kcluster demo load --scale "
            "100)"));
    }

    note("analysing needs");
    std::vector<Document> need_docs(needs.size());
    auto analyze_needs = Clock::now();
    tbb::parallel_for(size_t{0}, needs.size(), [&](size_t i) {
        need_docs[i] = MakeDocument(*analyzer, needs[i].title, needs[i].title_en,
                                    needs[i].description, needs[i].keywords, Surfaces::kDrop);
    });
    double need_seconds = seconds(analyze_needs);

    for (double fraction : options.fractions) {
        MatchBenchRow row;
        row.seeds =
            std::max<size_t>(1, static_cast<size_t>(fraction * static_cast<double>(seeds.size())));
        row.seeds = std::min(row.seeds, seeds.size());
        row.needs = needs.size();
        note(fmt::format("analysing {} seeds", row.seeds));
        std::vector<Document> seed_docs(row.seeds);
        auto t0 = Clock::now();
        tbb::parallel_for(size_t{0}, row.seeds, [&](size_t i) {
            seed_docs[i] = MakeDocument(*analyzer, seeds[i].title, seeds[i].title_en,
                                        seeds[i].abstract, seeds[i].keywords, Surfaces::kDrop);
        });
        row.analyze_seconds = seconds(t0) + need_seconds;
        note("building the index");
        auto t1 = Clock::now();
        auto index = engines::match::Index::Build(seed_docs, {});
        row.build_seconds = seconds(t1);
        row.index_bytes = index.MemoryBytes();
        row.postings = index.PostingCount();
        note(fmt::format("top-{} for {} needs", options.top, needs.size()));
        auto t2 = Clock::now();
        auto results = index.TopKMany(need_docs, options.top);
        row.query_seconds = seconds(t2);
        row.queries_per_second =
            static_cast<double>(needs.size()) / std::max(row.query_seconds, 1e-9);
        // Brute force on a sample: every document scored, sorted by (score desc, doc asc).
        engines::match::Searcher searcher(index);
        size_t step = std::max<size_t>(1, needs.size() / std::max<size_t>(1, options.verify));
        for (size_t q = 0; q < needs.size() && row.verified < options.verify; q += step) {
            auto all = searcher.ScoreAll(need_docs[q]);
            std::vector<engines::match::Hit> brute;
            for (uint32_t d = 0; d < all.size(); ++d) {
                if (all[d] > 0) brute.push_back({d, all[d]});
            }
            std::sort(brute.begin(), brute.end(), [](const auto& a, const auto& b) {
                return a.score != b.score ? a.score > b.score : a.doc < b.doc;
            });
            if (brute.size() > options.top) brute.resize(options.top);
            ++row.verified;
            if (brute != results[q]) ++row.mismatches;
        }
        note(
            fmt::format("{} seeds x {} needs: analyse {:.1f} s, build {:.1f} s, top-{} {:.1f} s "
                        "({:.0f} queries/s), index {:.0f} MiB, {}/{} equal to brute force",
                        row.seeds, row.needs, row.analyze_seconds, row.build_seconds, options.top,
                        row.query_seconds, row.queries_per_second,
                        static_cast<double>(row.index_bytes) / 1048576.0,
                        row.verified - row.mismatches, row.verified));
        report.rows.push_back(row);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    report.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return report;
}

}  // namespace kc::app

namespace kc::app {

namespace {

// The reviewers of a call with their profile documents (expertise keywords, publications as main
// author or co-author, owned seeds), indexed together for BM25.
struct ReviewerProfiles {
    std::vector<core::Reviewer> reviewers;
    std::vector<core::Person> persons;
    std::vector<std::vector<uint32_t>> profiles;  // document indexes per reviewer
    engines::match::Index index;
};

Result<ReviewerProfiles> BuildReviewerProfiles(store::Transaction& tx,
                                               const engines::text::Analyzer& analyzer,
                                               core::Id call_id) {
    ReviewerProfiles out;
    store::Filter by_call;
    by_call.equals.emplace_back("call_id", call_id);
    KC_ASSIGN_OR_RETURN(out.reviewers, tx.List<core::Reviewer>(by_call));
    std::vector<Document> docs;
    for (const auto& reviewer : out.reviewers) {
        KC_ASSIGN_OR_RETURN(core::Person person, tx.Get<core::Person>(reviewer.person_id));
        std::vector<uint32_t> profile;
        auto add = [&](Document doc) {
            if (doc.terms.empty()) return;
            profile.push_back(static_cast<uint32_t>(docs.size()));
            docs.push_back(std::move(doc));
        };
        add(MakeDocument(analyzer, "", "", "", person.expertise, Surfaces::kDrop));
        store::Filter by_person;
        by_person.equals.emplace_back("person_id", person.id);
        KC_ASSIGN_OR_RETURN(auto publications, tx.List<core::Publication>(by_person));
        KC_ASSIGN_OR_RETURN(auto coauthored, tx.List<core::PublicationAuthor>(by_person));
        for (const auto& link : coauthored) {
            KC_ASSIGN_OR_RETURN(auto publication, tx.Get<core::Publication>(link.publication_id));
            if (publication.person_id != person.id) publications.push_back(std::move(publication));
        }
        for (const auto& publication : publications) {
            add(MakeDocument(analyzer, publication.title, "", publication.abstract,
                             publication.keywords, Surfaces::kDrop));
        }
        store::Filter by_owner;
        by_owner.equals.emplace_back("owner_id", person.id);
        KC_ASSIGN_OR_RETURN(auto seeds, tx.List<core::Seed>(by_owner));
        for (const auto& seed : seeds) {
            add(MakeDocument(analyzer, seed.title, seed.title_en, seed.abstract, seed.keywords,
                             Surfaces::kDrop));
        }
        out.persons.push_back(std::move(person));
        out.profiles.push_back(std::move(profile));
    }
    out.index = engines::match::Index::Build(docs, {});
    return out;
}

// Mean BM25 score of the proposal against each reviewer's profile documents.
std::vector<double> ProposalScores(const engines::text::Analyzer& analyzer,
                                   const ReviewerProfiles& profiles,
                                   const core::Proposal& proposal) {
    Document query = MakeDocument(analyzer, proposal.title_ja, proposal.title_en,
                                  proposal.vision + "\n" + proposal.targets, {}, Surfaces::kKeep);
    engines::match::ProfileOptions options;
    options.aggregate = engines::match::Aggregate::kMean;
    return engines::match::ProfileScores(profiles.index, query, profiles.profiles, options);
}

}  // namespace

Result<std::vector<ReviewerSuggestion>> SuggestReviewers(store::Store& store, core::Id proposal_id,
                                                         size_t top) {
    if (top == 0 || top > 1000) {
        return Fail(Error::InvalidArgument(fmt::format("--top: expected 1..1000, got {}", top)));
    }
    KC_ASSIGN_OR_RETURN(const engines::text::Analyzer* analyzer, SharedAnalyzer());
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(core::Proposal proposal, tx->Get<core::Proposal>(proposal_id));
    store::Filter by_proposal;
    by_proposal.equals.emplace_back("proposal_id", proposal_id);
    KC_ASSIGN_OR_RETURN(auto conflicts, tx->List<core::Conflict>(by_proposal));
    std::set<core::Id> conflicted;
    for (const auto& conflict : conflicts) conflicted.insert(conflict.person_id);

    KC_ASSIGN_OR_RETURN(ReviewerProfiles profiles,
                        BuildReviewerProfiles(*tx, *analyzer, proposal.call_id));
    std::vector<double> scores = ProposalScores(*analyzer, profiles, proposal);
    std::vector<ReviewerSuggestion> candidates;
    for (size_t i = 0; i < profiles.reviewers.size(); ++i) {
        const core::Person& person = profiles.persons[i];
        if (conflicted.contains(person.id)) continue;
        ReviewerSuggestion candidate;
        candidate.reviewer_id = profiles.reviewers[i].id;
        candidate.person_id = person.id;
        candidate.name = person.family_name + " " + person.given_name;
        candidate.profile_documents = static_cast<int>(profiles.profiles[i].size());
        candidate.affinity = scores[i];
        candidates.push_back(std::move(candidate));
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const ReviewerSuggestion& a, const ReviewerSuggestion& b) {
                         return a.affinity > b.affinity;
                     });
    if (candidates.size() > top) candidates.resize(top);
    return candidates;
}

Result<std::vector<PairAffinity>> CallAffinities(store::Transaction& tx, core::Id call_id) {
    KC_ASSIGN_OR_RETURN(const engines::text::Analyzer* analyzer, SharedAnalyzer());
    KC_ASSIGN_OR_RETURN(ReviewerProfiles profiles, BuildReviewerProfiles(tx, *analyzer, call_id));
    store::Filter by_call;
    by_call.equals.emplace_back("call_id", call_id);
    KC_ASSIGN_OR_RETURN(auto proposals, tx.List<core::Proposal>(by_call));
    std::vector<PairAffinity> out;
    out.reserve(proposals.size() * profiles.reviewers.size());
    for (const auto& proposal : proposals) {
        std::vector<double> scores = ProposalScores(*analyzer, profiles, proposal);
        for (size_t i = 0; i < profiles.reviewers.size(); ++i) {
            out.push_back({profiles.reviewers[i].id, proposal.id, scores[i]});
        }
    }
    return out;
}

}  // namespace kc::app
