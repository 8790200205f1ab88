#include "cli/expertise_commands.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/expertise.h"
#include "app/expertise_eval.h"
#include "cli/table.h"
#include "util/log.h"

namespace kc::cli {
namespace {

const std::map<std::string, app::ExpertiseModel> kModels = {{"bm25", app::ExpertiseModel::kBm25},
                                                            {"tfidf", app::ExpertiseModel::kTfIdf}};
const std::map<std::string, app::ExpertiseDirection> kDirections = {
    {"reviewer", app::ExpertiseDirection::kReviewerQueries},
    {"submission", app::ExpertiseDirection::kSubmissionQueries},
    {"both", app::ExpertiseDirection::kBoth}};
const std::map<std::string, app::ExpertiseAggregate> kAggregates = {
    {"max", app::ExpertiseAggregate::kMax},
    {"mean", app::ExpertiseAggregate::kMean},
    {"topk", app::ExpertiseAggregate::kTopK},
    {"concat", app::ExpertiseAggregate::kConcatenate}};

// The name of `value` in `names` (the defaults of ExpertiseOptions are always listed).
template <class T>
std::string NameOf(const std::map<std::string, T>& names, T value) {
    for (const auto& [name, named] : names) {
        if (named == value) return name;
    }
    return "";
}

// The engine knobs shared by `expertise score` and `bench expertise` (as text until parsed);
// the defaults are those of ExpertiseOptions.
struct EngineArgs {
    app::ExpertiseOptions options;
    std::string model = NameOf(kModels, options.model);
    std::string direction = NameOf(kDirections, options.direction);
    std::string aggregate = NameOf(kAggregates, options.aggregate);
};

struct ScoreArgs {
    std::string archives, submissions, out;
    EngineArgs engine;
};

struct BenchArgs {
    std::string data, predictions, algorithm;
    size_t samples = 1000;
    uint64_t seed = 1;
    std::vector<int> versions = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EngineArgs engine;
};

void AddEngineOptions(CLI::App* command, EngineArgs& args) {
    command->add_option("--model", args.model, "Scoring model: bm25 or tfidf (TF-IDF cosine)")
        ->check(CLI::IsMember({"bm25", "tfidf"}))
        ->capture_default_str();
    command
        ->add_option("--direction", args.direction,
                     "Which side queries the other: reviewer (each reviewer paper queries the "
                     "indexed submissions) or submission (each submission queries the indexed "
                     "reviewer papers, as TPMS) or both (z-scored per reviewer and averaged)")
        ->check(CLI::IsMember({"reviewer", "submission", "both"}))
        ->capture_default_str();
    command
        ->add_option("--aggregate", args.aggregate,
                     "Per-paper scores of a reviewer -> one score: max, mean or topk; or "
                     "concat: one document of all the reviewer's papers")
        ->check(CLI::IsMember({"max", "mean", "topk", "concat"}))
        ->capture_default_str();
    command->add_option("--top-k", args.options.top_k, "Papers averaged by --aggregate topk")
        ->check(CLI::Range(size_t{1}, size_t{1000}))
        ->capture_default_str();
    command
        ->add_option("--title-weight", args.options.title_weight,
                     "Times a title term counts (rounded, 0-16)")
        ->capture_default_str();
    command->add_option("--k1", args.options.k1, "BM25 term-frequency saturation")
        ->capture_default_str();
    command->add_option("--b", args.options.b, "BM25 length normalisation (0-1)")
        ->capture_default_str();
    command
        ->add_option("--query-length-norm", args.options.query_length_norm,
                     "Divide per-paper scores by (query terms)^N (0 = off)")
        ->capture_default_str();
    command->add_flag("--idf-both", args.options.idf_over_both,
                      "Compute idf over reviewer papers and submissions together");
    command->add_flag("--bigrams", args.options.bigrams, "Add adjacent word pairs as terms");
    command
        ->add_option("--recency-half-life", args.options.recency_half_life,
                     "Halve an older reviewer paper's weight every N years (0 = off)")
        ->capture_default_str();
    command->add_flag("--normalize-per-submission", args.options.normalize_per_submission,
                      "Z-score each submission's scores over the reviewers");
    command
        ->add_option("--blend", args.options.blend,
                     "Weight (0-1) of the other model, both z-scored per reviewer")
        ->capture_default_str();
    command->add_option("--threads", args.options.threads, "Worker threads (0 = all cores)")
        ->capture_default_str();
}

// The options with the text choices applied.
app::ExpertiseOptions EngineOptions(const EngineArgs& args) {
    app::ExpertiseOptions options = args.options;
    options.model = kModels.at(args.model);
    options.direction = kDirections.at(args.direction);
    options.aggregate = kAggregates.at(args.aggregate);
    return options;
}

// The non-default engine settings, as the flags that give them ("--model tfidf --bigrams").
std::string DescribeOptions(const EngineArgs& args) {
    const app::ExpertiseOptions defaults;
    const EngineArgs default_args;
    std::string out;
    auto add = [&](const std::string& flag) { out += (out.empty() ? "" : " ") + flag; };
    if (args.model != default_args.model) add("--model " + args.model);
    if (args.direction != default_args.direction) add("--direction " + args.direction);
    if (args.aggregate != default_args.aggregate) add("--aggregate " + args.aggregate);
    const auto& o = args.options;
    if (args.aggregate == "topk") add(fmt::format("--top-k {}", o.top_k));
    if (o.title_weight != defaults.title_weight) {
        add(fmt::format("--title-weight {}", o.title_weight));
    }
    if (o.k1 != defaults.k1) add(fmt::format("--k1 {}", o.k1));
    if (o.b != defaults.b) add(fmt::format("--b {}", o.b));
    if (o.query_length_norm != defaults.query_length_norm) {
        add(fmt::format("--query-length-norm {}", o.query_length_norm));
    }
    if (o.idf_over_both) add("--idf-both");
    if (o.bigrams) add("--bigrams");
    if (o.recency_half_life != 0) add(fmt::format("--recency-half-life {}", o.recency_half_life));
    if (o.normalize_per_submission) add("--normalize-per-submission");
    if (o.blend != 0) add(fmt::format("--blend {}", o.blend));
    return out.empty() ? "defaults" : out;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int RunScore(const Globals& g, const ScoreArgs& args) {
    const auto start = std::chrono::steady_clock::now();
    auto input = app::LoadOpenReviewExpertise(args.archives, args.submissions);
    if (!input) return Report(g, input.error());
    size_t papers = 0;
    for (const auto& profile : input->profiles) papers += profile.papers.size();
    LogInfo(fmt::format(fmt::runtime(T(g, "{} reviewers ({} papers), {} submissions",
                                       "査読者 {} 名（論文 {} 件）、投稿 {} 件")),
                        input->profiles.size(), papers, input->submissions.size()));

    app::ExpertiseOptions options = EngineOptions(args.engine);
    std::optional<ProgressBar> bar;
    options.progress = [&](size_t done, size_t total) {
        if (!bar) bar.emplace(T(g, "queries", "クエリ"), static_cast<int64_t>(total));
        bar->Update(static_cast<int64_t>(done));
    };
    auto scores = app::ScoreExpertise(*input, options);
    if (bar) bar->Finish();
    if (!scores) return Report(g, scores.error());
    if (auto written = app::WriteExpertiseCsv(args.out, *scores); !written) {
        return Report(g, written.error());
    }
    const double seconds = SecondsSince(start);
    if (g.json) {
        WriteOut(nlohmann::json({{"out", args.out},
                                 {"submissions", input->submissions.size()},
                                 {"reviewers", input->profiles.size()},
                                 {"reviewer_papers", papers},
                                 {"scores", scores->size()},
                                 {"seconds", seconds}})
                     .dump() +
                 "\n");
        return 0;
    }
    LogInfo(fmt::format(fmt::runtime(T(g, "wrote {} scores to {} in {:.1f} s",
                                       "{1} に {0} 件のスコアを書き出しました（{2:.1f} 秒）")),
                        scores->size(), args.out, seconds));
    return 0;
}

nlohmann::json ResultJson(const app::EvalResult& result) {
    return {{"loss", result.loss},
            {"easy_accuracy", result.easy_accuracy},
            {"hard_accuracy", result.hard_accuracy},
            {"pairs", result.pair_count},
            {"tied_pairs", result.tied_pair_count},
            {"easy_triples", result.easy_count},
            {"hard_triples", result.hard_count}};
}

int RunBench(const Globals& g, const BenchArgs& args) {
    const auto start = std::chrono::steady_clock::now();
    app::ExpertiseBenchOptions bench;
    bench.versions = args.versions;
    bench.bootstrap_samples = args.samples;
    bench.seed = args.seed;
    bench.on_version = [&](int version, const app::EvalResult& result) {
        LogInfo(fmt::format("d_20_{}: loss {:.4f}  easy {:.4f}  hard {:.4f}  ({:.1f} s)", version,
                            result.loss, result.easy_accuracy, result.hard_accuracy,
                            SecondsSince(start)));
    };
    const bool published = !args.predictions.empty() || !args.algorithm.empty();
    const std::string algorithm = args.algorithm.empty() ? "tpms" : args.algorithm;
    const std::string predictions =
        args.predictions.empty() ? args.data + "/derived/baseline_predictions" : args.predictions;
    const std::string method = published ? "published predictions: " + algorithm
                                         : "kcluster: " + DescribeOptions(args.engine);
    auto report = published
                      ? app::BenchmarkPublishedPredictions(args.data, predictions, algorithm, bench)
                      : app::BenchmarkExpertise(args.data, EngineOptions(args.engine), bench);
    if (!report) return Report(g, report.error());

    const bool has_interval = report->loss_interval.samples > 0;
    if (g.json) {
        nlohmann::json versions = nlohmann::json::array();
        for (size_t idx = 0; idx < report->versions.size(); ++idx) {
            nlohmann::json entry = ResultJson(report->per_version[idx]);
            entry["version"] = report->versions[idx];
            versions.push_back(entry);
        }
        nlohmann::json out = {{"method", method},
                              {"data", args.data},
                              {"versions", versions},
                              {"mean", ResultJson(report->mean)},
                              {"seconds", SecondsSince(start)}};
        if (has_interval) {
            out["loss_ci95"] = {report->loss_interval.low, report->loss_interval.high};
            out["bootstrap_samples"] = report->loss_interval.samples;
            out["seed"] = args.seed;
        }
        WriteOut(out.dump() + "\n");
        return 0;
    }
    Table table({T(g, "version", "版"), T(g, "loss", "損失"), T(g, "easy acc.", "易 正解率"),
                 T(g, "hard acc.", "難 正解率")},
                {Align::kLeft, Align::kRight, Align::kRight, Align::kRight});
    auto row = [&](const std::string& name, const app::EvalResult& result) {
        table.AddRow({name, fmt::format("{:.4f}", result.loss),
                      fmt::format("{:.4f}", result.easy_accuracy),
                      fmt::format("{:.4f}", result.hard_accuracy)});
    };
    for (size_t idx = 0; idx < report->versions.size(); ++idx) {
        row(fmt::format("d_20_{}", report->versions[idx]), report->per_version[idx]);
    }
    row(T(g, "mean", "平均"), report->mean);
    std::string text = method + "\n" + table.Render();
    text += fmt::format(fmt::runtime(T(g, "{} pairs, {} easy and {} hard triples\n",
                                       "{} 組、易しい三つ組 {}、難しい三つ組 {}\n")),
                        report->mean.pair_count, report->mean.easy_count, report->mean.hard_count);
    if (has_interval) {
        text += fmt::format(
            fmt::runtime(
                T(g, "loss 95% CI: [{:.4f}, {:.4f}] ({} bootstrap samples, seed {})\n",
                  "損失の 95% 信頼区間: [{:.4f}, {:.4f}]（ブートストラップ {} 回、seed {}）\n")),
            report->loss_interval.low, report->loss_interval.high, report->loss_interval.samples,
            args.seed);
    }
    WriteOut(text);
    return 0;
}

}  // namespace

void RegisterExpertiseCommands(CLI::App& app, Globals& g, int& status) {
    // The parsed arguments must outlive this function: the callbacks, owned by `app`, share them.
    auto score_args = std::make_shared<ScoreArgs>();
    auto bench_args = std::make_shared<BenchArgs>();

    auto* expertise = app.add_subcommand(
        "expertise", "Reviewer expertise (目利き): score reviewers against submissions");
    expertise->require_subcommand(1);
    auto* score = expertise->add_subcommand(
        "score",
        "Score every (submission, reviewer) pair from the reviewers' own papers and write "
        "submission_id,profile_id,score lines (no header, as openreview-expertise).\n"
        "Input in the OpenReview-expertise format: DIR/~<profile>.jsonl with one "
        "{\"id\",\"content\":{\"title\",\"abstract\",\"year\"}} per line, and a submissions.json "
        "object of {\"id\",\"content\"}.\n"
        "Example: kcluster expertise score --archives data/archives --submissions "
        "data/submissions.json --out scores.csv");
    score->add_option("--archives", score_args->archives, "Directory of ~<profile>.jsonl files")
        ->required();
    score->add_option("--submissions", score_args->submissions, "submissions.json")->required();
    score->add_option("--out", score_args->out, "Output CSV file")->required();
    AddEngineOptions(score, score_args->engine);
    score->callback([&g, &status, score_args] { status = RunScore(g, *score_args); });

    auto found = app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "bench"; });
    CLI::App* bench = found.empty() ? nullptr : found.front();
    if (bench == nullptr) {
        bench = app.add_subcommand("bench", "Quality benchmarks on public data");
        bench->require_subcommand(1);
    }
    auto* bench_expertise = bench->add_subcommand(
        "expertise",
        "Evaluate reviewer-expertise scores on the gold standard of Stelmakh et al. (58 "
        "reviewers, 477 ratings): loss (normalised weighted Kendall tau, lower is better) and "
        "accuracy on easy and hard triples, per profile version d_20_1..10 and their mean, with a "
        "bootstrap 95% interval of the loss. Runs our engine, or with --predictions/--algorithm "
        "evaluates published prediction files.\n"
        "Examples:\n"
        "  kcluster bench expertise --data ../shared/bench/goldstandard\n"
        "  kcluster bench expertise --data ../shared/bench/goldstandard --model tfidf "
        "--aggregate max\n"
        "  kcluster bench expertise --data ../shared/bench/goldstandard --predictions "
        "../shared/bench/goldstandard/derived/baseline_predictions --algorithm tpms");
    bench_expertise
        ->add_option("--data", bench_args->data,
                     "Gold-standard directory (data/evaluations.csv, evaluation_datasets/)")
        ->required();
    bench_expertise->add_option(
        "--predictions", bench_args->predictions,
        "Directory of <algorithm>_d_20_<v>_ta.tsv prediction files (default with --algorithm: "
        "DATA/derived/baseline_predictions)");
    bench_expertise->add_option(
        "--algorithm", bench_args->algorithm,
        "Published algorithm to evaluate: tpms, elmo, specter, specter_mfr, acl (default with "
        "--predictions: tpms)");
    bench_expertise->add_option("--versions", bench_args->versions, "Profile versions to run")
        ->check(CLI::Range(1, 10))
        ->capture_default_str();
    bench_expertise
        ->add_option("--bootstrap", bench_args->samples,
                     "Bootstrap samples for the loss interval (0 = none)")
        ->capture_default_str();
    bench_expertise->add_option("--seed", bench_args->seed, "Bootstrap seed")
        ->capture_default_str();
    AddEngineOptions(bench_expertise, bench_args->engine);
    bench_expertise->callback([&g, &status, bench_args] { status = RunBench(g, *bench_args); });
}

}  // namespace kc::cli
