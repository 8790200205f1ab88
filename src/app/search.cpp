#include "app/search.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_set>

#include "app/record_access.h"
#include "app/workflow_support.h"
#include "core/entities.h"

namespace kc::app {
namespace {

using core::Id;
using engines::match::Document;

constexpr size_t kMaxQueryBytes = 500;
constexpr int64_t kMaxLimit = 100;
constexpr size_t kSnippetBefore = 30;   // characters before the hit
constexpr size_t kSnippetLength = 120;  // characters in all

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

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

// Only ASCII white space and ideographic spaces (U+3000).
bool IsBlank(std::string_view text) {
    while (!text.empty()) {
        if (text.starts_with("\u3000")) {
            text.remove_prefix(std::string_view("\u3000").size());
        } else if (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                   text.front() == '\n') {
            text.remove_prefix(1);
        } else {
            return false;
        }
    }
    return true;
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The byte offset `count` characters before `pos` (or 0).
size_t CharsBefore(const std::string& text, size_t pos, size_t count) {
    while (pos > 0 && count > 0) {
        --pos;
        while (pos > 0 && IsContinuation(static_cast<unsigned char>(text[pos]))) --pos;
        --count;
    }
    return pos;
}

// The byte offset `count` characters after `pos` (or the end).
size_t CharsAfter(const std::string& text, size_t pos, size_t count) {
    while (pos < text.size() && count > 0) {
        ++pos;
        while (pos < text.size() && IsContinuation(static_cast<unsigned char>(text[pos]))) ++pos;
        --count;
    }
    return pos;
}

std::string OneLine(std::string text) {
    for (auto& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return text;
}

// Up to kSnippetLength characters of `text` starting a little before byte `at`, with an ellipsis
// where it was cut.
std::string SnippetAround(const std::string& text, size_t at) {
    size_t begin = CharsBefore(text, at, kSnippetBefore);
    size_t end = CharsAfter(text, begin, kSnippetLength);
    std::string out =
        (begin > 0 ? "…" : "") + text.substr(begin, end - begin) + (end < text.size() ? "…" : "");
    return OneLine(std::move(out));
}

// One searchable record.
struct Candidate {
    std::string type;
    Id id = 0;
    std::string title;
    std::string title_en;
    std::string body;
    std::vector<std::string> keywords;
};

Error FieldProblem(std::vector<FieldError> errors) {
    return Error::Fields("invalid search", std::move(errors));
}

template <class T>
Result<std::vector<T>> All(store::Transaction& tx) {
    return tx.List<T>();
}

std::string PersonTitle(const core::Person& person) {
    std::string name = detail::PersonName(person);
    return name;
}

// Everything the cluster filter needs: the ids of records tied to the cluster.
struct ClusterScope {
    std::set<Id> proposals, organizations, people;
};

}  // namespace

const std::vector<std::string>& SearchTypes() {
    static const std::vector<std::string> kTypes = {"seed",    "need",         "proposal",
                                                    "project", "organization", "person"};
    return kTypes;
}

bool CanFindSeed(const core::Viewer& viewer, const core::Seed& seed) {
    return core::CanViewSeed(viewer, seed);
}

Result<const engines::text::Analyzer*> SearchAnalyzer() {
    static std::mutex mutex;
    static std::unique_ptr<engines::text::Analyzer> analyzer;
    std::lock_guard lock(mutex);
    if (!analyzer) {
        KC_ASSIGN_OR_RETURN(analyzer, engines::text::Analyzer::Create({}));
    }
    return analyzer.get();
}

Document MatchDocument(const engines::text::Analyzer& analyzer, const std::string& title,
                       const std::string& title_en, const std::string& body,
                       const std::vector<std::string>& keywords, bool surfaces) {
    Document doc;
    Append(doc, analyzer, title, 2, surfaces);
    Append(doc, analyzer, title_en, 1, surfaces);
    Append(doc, analyzer, body, 1, surfaces);
    for (const auto& keyword : keywords) Append(doc, analyzer, keyword, 2, surfaces);
    return doc;
}

Result<PairExplanation> ExplainPair(const std::vector<core::Seed>& seeds, size_t seed_index,
                                    const core::Need& need, size_t limit) {
    KC_CHECK(seed_index < seeds.size(), "seed index out of range");
    KC_ASSIGN_OR_RETURN(const engines::text::Analyzer* analyzer, SearchAnalyzer());
    std::vector<Document> docs;
    docs.reserve(seeds.size());
    for (const auto& seed : seeds) {
        docs.push_back(MatchDocument(*analyzer, seed.title, seed.title_en, seed.abstract,
                                     seed.keywords,
                                     /*surfaces=*/false));
    }
    engines::match::IndexOptions options;
    options.threads = 1;
    options.keep_surfaces = false;
    auto index = engines::match::Index::Build(docs, options);
    Document query = MatchDocument(*analyzer, need.title, need.title_en, need.description,
                                   need.keywords, /*surfaces=*/true);
    PairExplanation out;
    const auto doc = static_cast<uint32_t>(seed_index);
    out.score = index.Score(query, doc);
    for (auto& term : index.Explain(query, doc, limit)) {
        out.terms.push_back({term.term, term.surface, term.weight});
    }
    return out;
}

Result<SearchResult> Search(store::Store& store, const core::Viewer& viewer,
                            const SearchQuery& query) {
    std::vector<FieldError> errors;
    if (IsBlank(query.text)) {
        errors.push_back({"q", "words to search for", fmt::format("\"{}\"", query.text)});
    } else if (query.text.size() > kMaxQueryBytes) {
        errors.push_back({"q", fmt::format("at most {} bytes", kMaxQueryBytes),
                          fmt::format("{} bytes", query.text.size())});
    }
    for (const auto& type : query.types) {
        const auto& known = SearchTypes();
        if (std::find(known.begin(), known.end(), type) == known.end()) {
            errors.push_back({"types", "a comma-separated list of " + Join(known, ", "),
                              fmt::format("\"{}\"", type)});
        }
    }
    if (query.limit < 1 || query.limit > kMaxLimit) {
        errors.push_back(
            {"limit", fmt::format("an integer 1..{}", kMaxLimit), std::to_string(query.limit)});
    }
    if (viewer.roles.empty()) {
        return Fail(Error{ErrorCode::kPermissionDenied, "your account has no role", {}});
    }
    // Proposals by the generic read rule (programme staff; assigned, unconflicted reviewers),
    // before this function's own transaction: the store runs one at a time.
    std::vector<core::Proposal> proposals;
    if (errors.empty() && (query.types.empty() || query.types.contains("proposal"))) {
        RecordQuery page_query;
        page_query.limit = 1000;
        for (;;) {
            KC_ASSIGN_OR_RETURN(auto page,
                                ListVisibleRecords(store, viewer, "proposal", page_query));
            for (const auto& record : page.items) {
                KC_ASSIGN_OR_RETURN(auto proposal, core::FromRecord<core::Proposal>(record));
                proposals.push_back(std::move(proposal));
            }
            page_query.offset += page_query.limit;
            if (page_query.offset >= page.total) break;
        }
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    if (query.cluster_id) {
        auto cluster = tx->Get<core::Cluster>(*query.cluster_id);
        if (!cluster) {
            if (cluster.error().code != ErrorCode::kNotFound) return Fail(cluster.error());
            errors.push_back(
                {"cluster_id", "the id of a cluster", std::to_string(*query.cluster_id)});
        }
    }
    if (!errors.empty()) return Fail(FieldProblem(std::move(errors)));

    auto wanted = [&](const char* type) {
        return query.types.empty() || query.types.contains(type);
    };
    const std::optional<Id> cluster = query.cluster_id;
    auto in_cluster = [&](const std::optional<Id>& of) {
        return !cluster || (of && *of == *cluster);
    };

    // What ties organisations, people and proposals to the cluster.
    ClusterScope scope;
    if (cluster) {
        KC_ASSIGN_OR_RETURN(auto c, tx->Get<core::Cluster>(*cluster));
        if (c.proposal_id) scope.proposals.insert(*c.proposal_id);
        KC_ASSIGN_OR_RETURN(auto cores,
                            detail::ListBy<core::CoreOrganization>(*tx, "cluster_id", *cluster));
        for (const auto& core_org : cores) scope.organizations.insert(core_org.organization_id);
        KC_ASSIGN_OR_RETURN(auto positions,
                            detail::ListBy<core::Position>(*tx, "cluster_id", *cluster));
        for (const auto& position : positions) scope.people.insert(position.person_id);
    }

    std::vector<Candidate> candidates;
    if (wanted("seed") || cluster) {
        KC_ASSIGN_OR_RETURN(auto seeds, All<core::Seed>(*tx));
        for (auto& seed : seeds) {
            if (!in_cluster(seed.cluster_id) || !CanFindSeed(viewer, seed)) continue;
            if (cluster) {
                scope.organizations.insert(seed.organization_id);
                if (seed.owner_id) scope.people.insert(*seed.owner_id);
            }
            if (!wanted("seed")) continue;
            candidates.push_back({"seed", seed.id, seed.title, seed.title_en,
                                  std::move(seed.abstract), std::move(seed.keywords)});
        }
    }
    if (wanted("need") || cluster) {
        KC_ASSIGN_OR_RETURN(auto needs, All<core::Need>(*tx));
        for (auto& need : needs) {
            if (!in_cluster(need.cluster_id) || !core::CanViewNeed(viewer, need)) continue;
            if (cluster) {
                scope.organizations.insert(need.organization_id);
                if (need.contact_id) scope.people.insert(*need.contact_id);
            }
            if (!wanted("need")) continue;
            candidates.push_back({"need", need.id, need.title, need.title_en,
                                  std::move(need.description), std::move(need.keywords)});
        }
    }
    if (wanted("project") || cluster) {
        KC_ASSIGN_OR_RETURN(auto projects, All<core::Project>(*tx));
        for (auto& project : projects) {
            if (!in_cluster(project.cluster_id)) continue;
            if (cluster) {
                scope.organizations.insert(project.lead_organization_id);
                if (project.leader_id) scope.people.insert(*project.leader_id);
                KC_ASSIGN_OR_RETURN(auto partners, detail::ListBy<core::ProjectPartner>(
                                                       *tx, "project_id", project.id));
                for (const auto& partner : partners)
                    scope.organizations.insert(partner.organization_id);
            }
            if (!wanted("project")) continue;
            candidates.push_back({"project", project.id, project.title, project.title_en, "", {}});
        }
    }
    for (auto& proposal : proposals) {
        if (cluster && !scope.proposals.contains(proposal.id)) continue;
        candidates.push_back({"proposal",
                              proposal.id,
                              proposal.title_ja,
                              proposal.title_en,
                              Join({proposal.vision, proposal.targets}, "\n"),
                              {proposal.field}});
    }
    if (wanted("organization")) {
        KC_ASSIGN_OR_RETURN(auto organizations, All<core::Organization>(*tx));
        for (auto& organization : organizations) {
            if (cluster && !scope.organizations.contains(organization.id)) continue;
            candidates.push_back({"organization",
                                  organization.id,
                                  organization.name_ja,
                                  organization.name_en,
                                  organization.prefecture,
                                  {}});
        }
    }
    if (wanted("person")) {
        KC_ASSIGN_OR_RETURN(auto people, All<core::Person>(*tx));
        for (auto& person : people) {
            if (cluster && !scope.people.contains(person.id)) continue;
            std::string kana = Join({person.family_name_kana, person.given_name_kana}, " ");
            candidates.push_back({"person", person.id, PersonTitle(person), person.name_en,
                                  Join({kana, person.title}, " "), std::move(person.expertise)});
        }
    }
    // Document order = type order, then id: the tie-break of equal scores.
    auto type_rank = [](const std::string& type) {
        const auto& types = SearchTypes();
        return std::find(types.begin(), types.end(), type) - types.begin();
    };
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const Candidate& a, const Candidate& b) {
                         auto ra = type_rank(a.type), rb = type_rank(b.type);
                         return ra != rb ? ra < rb : a.id < b.id;
                     });

    SearchResult result;
    if (candidates.empty()) return result;
    KC_ASSIGN_OR_RETURN(const engines::text::Analyzer* analyzer, SearchAnalyzer());
    std::vector<Document> docs;
    docs.reserve(candidates.size());
    for (const auto& c : candidates) {
        docs.push_back(
            MatchDocument(*analyzer, c.title, c.title_en, c.body, c.keywords, /*surfaces=*/true));
    }
    engines::match::IndexOptions options;
    options.threads = 1;  // one request, one core: other requests keep theirs
    auto index = engines::match::Index::Build(docs, options);
    Document words;
    Append(words, *analyzer, query.text, 1, /*surfaces=*/false);
    if (words.terms.empty()) return result;
    auto hits = index.TopK(words, index.Size());
    result.total = static_cast<int64_t>(hits.size());
    const size_t shown = std::min(hits.size(), static_cast<size_t>(query.limit));
    for (size_t i = 0; i < shown; ++i) {
        const Candidate& c = candidates[hits[i].doc];
        SearchHit hit;
        hit.type = c.type;
        hit.id = c.id;
        hit.title = c.title.empty() ? c.title_en : c.title;
        hit.score = hits[i].score;
        // The snippet: the body around the strongest matched word found in it, else the title,
        // else the start of the body.
        const std::string keywords = Join(c.keywords, "、");
        const std::string* texts[] = {&c.body, &c.title, &c.title_en, &keywords};
        std::unordered_set<std::string> seen;
        for (const auto& term : index.Explain(words, hits[i].doc, 8)) {
            if (seen.insert(term.surface).second) hit.terms.push_back(term.surface);
        }
        for (const auto& surface : hit.terms) {
            for (const std::string* text : texts) {
                if (size_t at = text->find(surface); at != std::string::npos) {
                    hit.snippet = SnippetAround(*text, at);
                    break;
                }
            }
            if (!hit.snippet.empty()) break;
        }
        if (hit.snippet.empty())
            hit.snippet = SnippetAround(c.body.empty() ? hit.title : c.body, 0);
        result.items.push_back(std::move(hit));
    }
    return result;
}

nlohmann::json ToJson(const SearchResult& result) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& hit : result.items) {
        items.push_back({{"type", hit.type},
                         {"id", hit.id},
                         {"title", hit.title},
                         {"snippet", hit.snippet},
                         {"score", hit.score},
                         {"terms", hit.terms}});
    }
    return {{"items", std::move(items)}, {"total", result.total}};
}

}  // namespace kc::app
