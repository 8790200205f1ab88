#include "cli/match_commands.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/matching.h"
#include "app/records.h"
#include "cli/table.h"
#include "core/schema.h"
#include "util/csv.h"
#include "util/text.h"

namespace kc::cli {
namespace {

struct MatchArgs {
    std::string cluster, need, seed, format = "table", scope = "all", field, reason, id;
    size_t top = 5;
    bool dry_run = false;
};

// An id, or the exact name of a record of `entity`.
Result<core::Id> Resolve(store::Store& store, const std::string& entity, const std::string& text) {
    return app::ResolveReference(store, entity, text);
}

std::string TermsText(const app::Suggestion& s, size_t limit) {
    std::string out;
    for (size_t i = 0; i < s.terms.size() && i < limit; ++i) {
        if (i) out += ", ";
        out += s.terms[i].surface.empty() ? s.terms[i].term : s.terms[i].surface;
    }
    return out;
}

int RunSuggest(const Globals& g, const MatchArgs& args) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::SuggestOptions options;
    options.top = args.top;
    options.record = !args.dry_run;
    options.field = args.field;
    options.scope = args.scope == "inside"    ? app::Scope::kInside
                    : args.scope == "outside" ? app::Scope::kOutside
                                              : app::Scope::kAll;
    if (!args.cluster.empty()) {
        auto id = Resolve(**store, "cluster", args.cluster);
        if (!id) return Report(g, id.error());
        options.cluster_id = *id;
    }
    if (!args.need.empty()) {
        auto id = Resolve(**store, "need", args.need);
        if (!id) return Report(g, id.error());
        options.need_id = *id;
    }
    if (!args.seed.empty()) {
        auto id = Resolve(**store, "seed", args.seed);
        if (!id) return Report(g, id.error());
        options.seed_id = *id;
    }
    auto suggestions = app::SuggestMatches(**store, {"cli"}, options);
    if (!suggestions) return Report(g, suggestions.error());
    std::string format = g.json ? "json" : args.format;
    if (format == "json") {
        WriteOut(app::SuggestionsToJson(*suggestions).dump(2) + "\n");
    } else if (format == "csv") {
        std::string out;
        AppendCsvRow(out, {"match_id", "need_id", "seed_id", "rank", "score", "need_title",
                           "seed_title", "terms"});
        for (const auto& s : *suggestions) {
            AppendCsvRow(
                out, {std::to_string(s.match_id), std::to_string(s.need_id),
                      std::to_string(s.seed_id), std::to_string(s.rank),
                      fmt::format("{:.4f}", s.score), s.need_title, s.seed_title, TermsText(s, 8)});
        }
        WriteOut(out);
    } else {
        Table table({T(g, "Match", "マッチング"), T(g, "Need", "ニーズ"), "#",
                     T(g, "Seed", "シーズ"), T(g, "Score", "スコア"), T(g, "Why", "根拠")},
                    {Align::kRight, Align::kLeft, Align::kRight, Align::kLeft, Align::kRight,
                     Align::kLeft});
        table.SetMaxWidths({0, 30, 0, 34, 0, 40});
        for (const auto& s : *suggestions) {
            table.AddRow({s.match_id ? std::to_string(s.match_id) : "-",
                          fmt::format("{} {}", s.need_id, s.need_title), std::to_string(s.rank),
                          fmt::format("{} {}", s.seed_id, s.seed_title),
                          fmt::format("{:.2f}", s.score), TermsText(s, 5)});
        }
        WriteOut(table.Render());
    }
    std::fprintf(stderr, "%s\n",
                 (Ja(g) ? fmt::format("{} 件の候補{}", suggestions->size(),
                                      args.dry_run ? "(記録なし)" : "を記録しました")
                        : fmt::format("{} suggestion(s){}", suggestions->size(),
                                      args.dry_run ? " (not recorded)" : " recorded"))
                     .c_str());
    return 0;
}

// Parses a match id, opens the store and runs `action` on it; reports `done` on success.
int RunOnMatch(const Globals& g, const std::string& id_text, const std::string& done,
               const std::function<Status(store::Store&, core::Id)>& action) {
    auto id = ParseInt(id_text);
    if (!id || *id <= 0) {
        return Report(g, Error::InvalidArgument(fmt::format("ID: expected a match id, got {}",
                                                            QuoteForMessage(id_text))));
    }
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (auto result = action(**store, *id); !result) return Report(g, result.error());
    std::fprintf(stderr, "%s\n", done.c_str());
    return 0;
}

int RunReviewers(const Globals& g, const std::string& proposal_text, size_t top) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto proposal = Resolve(**store, "proposal", proposal_text);
    if (!proposal) return Report(g, proposal.error());
    auto suggestions = app::SuggestReviewers(**store, *proposal, top);
    if (!suggestions) return Report(g, suggestions.error());
    if (g.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : *suggestions) {
            out.push_back({{"reviewer_id", s.reviewer_id},
                           {"person_id", s.person_id},
                           {"name", s.name},
                           {"affinity", s.affinity},
                           {"profile_documents", s.profile_documents}});
        }
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "Reviewer", "査読者"), T(g, "Name", "氏名"), T(g, "Affinity", "適合度"),
                 T(g, "Profile docs", "プロファイル文書")},
                {Align::kRight, Align::kLeft, Align::kRight, Align::kRight});
    for (const auto& s : *suggestions) {
        table.AddRow({std::to_string(s.reviewer_id), s.name, fmt::format("{:.2f}", s.affinity),
                      std::to_string(s.profile_documents)});
    }
    WriteOut(table.Render());
    return 0;
}

int RunBench(const Globals& g, const app::MatchBenchOptions& options) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::MatchBenchOptions with_progress = options;
    with_progress.progress = [](const std::string& stage) {
        std::fprintf(stderr, "bench match: %s...\n", stage.c_str());
    };
    auto report = app::BenchmarkMatching(**store, with_progress);
    if (!report) return Report(g, report.error());
    if (g.json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& r : report->rows) {
            rows.push_back({{"seeds", r.seeds},
                            {"needs", r.needs},
                            {"postings", r.postings},
                            {"analyze_seconds", r.analyze_seconds},
                            {"build_seconds", r.build_seconds},
                            {"query_seconds", r.query_seconds},
                            {"queries_per_second", r.queries_per_second},
                            {"index_bytes", r.index_bytes},
                            {"verified", r.verified},
                            {"mismatches", r.mismatches}});
        }
        WriteOut(nlohmann::json({{"load_seconds", report->load_seconds},
                                 {"peak_rss_mib", report->peak_rss_mib},
                                 {"rows", rows}})
                     .dump(2) +
                 "\n");
        return 0;
    }
    Table table({"seeds", "needs", "postings", "analyse s", "build s", "top-k s", "queries/s",
                 "index MiB", "checked", "mismatches"},
                std::vector<Align>(10, Align::kRight));
    for (const auto& r : report->rows) {
        table.AddRow(
            {FormatWithCommas(static_cast<int64_t>(r.seeds)),
             FormatWithCommas(static_cast<int64_t>(r.needs)),
             FormatWithCommas(static_cast<int64_t>(r.postings)),
             fmt::format("{:.1f}", r.analyze_seconds), fmt::format("{:.1f}", r.build_seconds),
             fmt::format("{:.1f}", r.query_seconds), fmt::format("{:.0f}", r.queries_per_second),
             fmt::format("{:.0f}", static_cast<double>(r.index_bytes) / 1048576.0),
             std::to_string(r.verified), std::to_string(r.mismatches)});
    }
    WriteOut(fmt::format("loaded in {:.1f} s; peak RSS {:.0f} MiB\n", report->load_seconds,
                         report->peak_rss_mib));
    WriteOut(table.Render());
    for (const auto& r : report->rows) {
        if (r.mismatches > 0) {
            return Report(g, Error::Internal("top-k differs from brute force on some needs"));
        }
    }
    return 0;
}

}  // namespace

void RegisterMatchCommands(CLI::App& app, Globals& g, int& status) {
    auto args = std::make_shared<MatchArgs>();
    auto* match =
        app.add_subcommand("match", "目利き: seed ↔ need suggestions and their follow-up");
    match->require_subcommand(1);

    auto* suggest = match->add_subcommand(
        "suggest",
        "Suggest seeds for needs (or needs for a seed) with the terms that explain each pair, and "
        "record them as matches (status suggested). Declined pairs are not suggested again until "
        "a text changes.\nExample: kcluster match suggest --cluster 浜松オプトロニクスクラスター "
        "--top 3 --lang ja");
    suggest->add_option("--cluster", args->cluster, "Needs of this cluster (id or name)");
    suggest->add_option("--need", args->need, "Only this need (id or title)");
    suggest->add_option("--seed", args->seed, "Reverse: needs for this seed (id or title)");
    suggest->add_option("--top", args->top, "Suggestions per need (or seed)")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    suggest->add_option("--scope", args->scope, "inside (same cluster), outside, or all")
        ->check(CLI::IsMember({"all", "inside", "outside"}))
        ->capture_default_str();
    suggest->add_option("--field", args->field,
                        "Only seeds of this field code (e.g. life_science)");
    suggest->add_option("--format", args->format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    suggest->add_flag("--dry-run", args->dry_run, "Show suggestions without recording them");
    suggest->callback([&g, &status, args] { status = RunSuggest(g, *args); });

    auto* reviewers = match->add_subcommand(
        "reviewers",
        "Reviewers of a proposal's call ranked by affinity to the proposal (their expertise "
        "keywords, publications and seeds); conflicted reviewers are never listed.\nExample: "
        "kcluster match reviewers --proposal 3 --top 5");
    reviewers->add_option("--proposal", args->id, "Proposal (id or title)")->required();
    reviewers->add_option("--top", args->top, "How many")->capture_default_str();
    reviewers->callback([&g, &status, args] { status = RunReviewers(g, args->id, args->top); });

    auto bench_options = std::make_shared<app::MatchBenchOptions>();
    auto found = app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "bench"; });
    CLI::App* bench = found.empty() ? nullptr : found.front();
    if (bench == nullptr) {
        bench = app.add_subcommand("bench", "Benchmarks");
        bench->require_subcommand(1);
    }
    auto* bench_match = bench->add_subcommand(
        "match",
        "Measure matching on the database's seeds and needs: text analysis, index build, top-k "
        "per need (queries/s), index memory, at several corpus sizes; checks a sample against "
        "brute force.\nExample: kcluster --db /tmp/s100.db demo load --scale 100 && kcluster "
        "--db /tmp/s100.db bench match --needs 100000 --top 10");
    bench_match->add_option("--needs", bench_options->max_needs, "Needs to query")
        ->capture_default_str();
    bench_match->add_option("--top", bench_options->top, "k of top-k")->capture_default_str();
    bench_match->add_option("--fractions", bench_options->fractions,
                            "Corpus sizes as fractions of the seeds (e.g. 0.01 0.1 1)");
    bench_match->add_option("--verify", bench_options->verify, "Needs checked against brute force")
        ->capture_default_str();
    bench_match->callback([&g, &status, bench_options] { status = RunBench(g, *bench_options); });

    auto* accept = match->add_subcommand(
        "accept",
        "Take up a suggested pair (suggested → contacted).\nExample: kcluster match accept 12");
    accept->add_option("ID", args->id, "Match id")->required();
    accept->callback([&g, &status, args] {
        status = RunOnMatch(
            g, args->id, T(g, "accepted", "受け付けました"),
            [](store::Store& store, core::Id id) { return app::AcceptMatch(store, {"cli"}, id); });
    });

    auto* decline = match->add_subcommand(
        "decline",
        "Decline a pair with a reason; it is not suggested again until the seed's or need's text "
        "changes.\nExample: kcluster match decline 12 --reason \"企業側の予算が合わない\"");
    decline->add_option("ID", args->id, "Match id")->required();
    decline->add_option("--reason", args->reason, "Why (kept with the match)")->required();
    decline->callback([&g, &status, args] {
        status = RunOnMatch(g, args->id, T(g, "declined", "見送りました"),
                            [args](store::Store& store, core::Id id) {
                                return app::DeclineMatch(store, {"cli"}, id, args->reason);
                            });
    });
}

}  // namespace kc::cli
