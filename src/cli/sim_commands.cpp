#include "cli/sim_commands.h"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/records.h"
#include "app/simulation.h"
#include "util/date.h"
#include "util/file.h"
#include "util/log.h"
#include "util/text.h"

namespace kc::cli {
namespace {

namespace sim = engines::sim;

struct SimArgs {
    std::string config, date, out, svg, lever, values, compare;
    std::vector<std::string> clusters;
    bool from_db = false;
    int runs = 200;
    uint64_t seed = 2002;
    int threads = 0;
};

// The scenario: the built-in FY2002 programme or --config, then, with --from-db, the clusters
// named by --cluster read from the database on --date.
Result<sim::SimConfig> LoadScenario(const Globals& g, const SimArgs& a,
                                    const std::string& config_path) {
    sim::SimConfig config = app::DefaultProgrammeConfig();
    if (!config_path.empty()) {
        KC_ASSIGN_OR_RETURN(std::string text, ReadFile(config_path));
        KC_ASSIGN_OR_RETURN(config, sim::ParseConfigToml(text, config_path, config));
    }
    if (!a.from_db) {
        if (!a.clusters.empty()) {
            return Fail(Error::Fields("invalid option",
                                      {{"--cluster", "only with --from-db", a.clusters.front()}}));
        }
        return config;
    }
    if (a.clusters.empty()) {
        return Fail(Error::Fields(
            "invalid option",
            {{"--cluster", "at least one cluster (id or name) with --from-db", "none"}}));
    }
    Date on = TodayTokyo();
    if (!a.date.empty()) {
        KC_ASSIGN_OR_RETURN(on, DateOption(a.date, "--date"));
    }
    KC_ASSIGN_OR_RETURN(auto store, Open(g));
    std::vector<core::Id> ids;
    for (const auto& name : a.clusters) {
        auto id = app::ResolveReference(*store, "cluster", name);
        if (!id) {
            Error error = id.error();
            error.message = "--cluster: " + error.message;
            return Fail(std::move(error));
        }
        ids.push_back(*id);
        KC_ASSIGN_OR_RETURN(auto state, app::ClusterFromStore(*store, *id, on));
        for (const auto& note : state.notes) {
            LogWarn(fmt::format("{}: {}", state.spec.name, note));
        }
    }
    return app::ConfigFromStore(*store, ids, on, config);
}

Status CheckRuns(const SimArgs& a) {
    if (a.runs < 1 || a.runs > 1'000'000) {
        return Fail(Error::Fields("invalid option",
                                  {{"--runs", "an integer 1..1,000,000", std::to_string(a.runs)}}));
    }
    if (a.threads < 0 || a.threads > 1024) {
        return Fail(Error::Fields("invalid option", {{"--threads",
                                                      "an integer 0..1024 (0 = all "
                                                      "cores)",
                                                      std::to_string(a.threads)}}));
    }
    return {};
}

// Simulation options with a progress bar on stderr (drawn only on a terminal).
struct Progress {
    std::optional<ProgressBar> bar;
    sim::SimOptions Options(const SimArgs& a, const Globals& g) {
        sim::SimOptions options;
        options.threads = a.threads;
        options.progress = [this, &g](int64_t done, int64_t total) {
            if (!bar) bar.emplace(T(g, "runs", "回"), total);
            bar->Update(done);
            return true;
        };
        return options;
    }
    void Finish() {
        if (bar) bar->Finish();
    }
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Status Write(const Globals& g, const std::string& path, const std::string& content,
             std::string_view what) {
    KC_RETURN_IF_ERROR(WriteFile(path, content));
    if (!g.json) {
        LogInfo(T(g, fmt::format("wrote {} ({})", path, what),
                  fmt::format("{} を書き出しました({})", path, what)));
    }
    return {};
}

int RunSim(const Globals& g, const SimArgs& a) {
    if (auto ok = CheckRuns(a); !ok) return Report(g, ok.error());
    auto config = LoadScenario(g, a, a.config);
    if (!config) return Report(g, config.error());
    std::optional<sim::SimConfig> compare;
    if (!a.compare.empty()) {
        SimArgs plain = a;
        plain.from_db = false;
        plain.clusters.clear();
        auto other = LoadScenario(g, plain, a.compare);
        if (!other) return Report(g, other.error());
        compare = std::move(*other);
    }
    const auto start = std::chrono::steady_clock::now();
    Progress progress;
    auto output = sim::Simulate(*config, a.runs, a.seed, progress.Options(a, g));
    progress.Finish();
    if (!output) return Report(g, output.error());
    std::optional<sim::SimOutput> compared;
    if (compare) {
        Progress second;
        auto other = sim::Simulate(*compare, a.runs, a.seed, second.Options(a, g));
        second.Finish();
        if (!other) return Report(g, other.error());
        compared = std::move(*other);
    }
    const double seconds = SecondsSince(start);
    const sim::SimResult& result = output->result;
    const std::string csv = app::SimResultCsv(result);
    if (!a.out.empty()) {
        if (auto ok = Write(g, a.out, csv, "CSV"); !ok) return Report(g, ok.error());
    }
    if (!a.svg.empty()) {
        std::string label =
            a.config.empty() ? (a.from_db ? "database" : "FY2002 default") : a.config;
        std::string svg = compared ? app::RenderSimSvg(result, label, &compared->result, a.compare)
                                   : app::RenderSimSvg(result, label);
        if (auto ok = Write(g, a.svg, svg, "SVG"); !ok) return Report(g, ok.error());
    }
    if (g.json) {
        nlohmann::json json = app::ToJson(result);
        json["clusters"] = config->clusters.size();
        json["seconds"] = seconds;
        if (compared) json["compare"] = app::ToJson(compared->result);
        WriteOut(json.dump(2) + "\n");
        return 0;
    }
    if (a.out.empty()) WriteOut(csv);
    auto total = [&](sim::Kpi kpi) {
        const auto& band = result.Total(kpi);
        return fmt::format("{:.1f} [{:.0f}–{:.0f}]", band.mean, band.p05, band.p95);
    };
    LogInfo(fmt::format(
        fmt::runtime(T(g,
                       "{} runs × {} clusters × {} months in {:.1f} s ({:.1f}M agent-steps/s). "
                       "Over the horizon (mean [90% band]): joint research {}, patent "
                       "applications {}, commercialisations {}",
                       "{} 回 × {} クラスター × {} か月を {:.1f} 秒で実行"
                       "(毎秒 {:.1f}M エージェント・ステップ)。期間合計(平均 [90%区間]): "
                       "共同研究 {}、特許出願 {}、事業化 {}")),
        a.runs, config->clusters.size(), config->months, seconds,
        seconds > 0 ? static_cast<double>(result.agent_steps) / seconds / 1e6 : 0.0,
        total(sim::Kpi::kJointResearch), total(sim::Kpi::kPatentApplications),
        total(sim::Kpi::kCommercialisations)));
    return 0;
}

Result<std::vector<double>> ParseValues(const std::string& text) {
    std::vector<double> values;
    for (const auto& item : SplitList(text, ',')) {
        auto value = ParseDouble(item);
        if (!value) {
            return Fail(Error::Fields("invalid option", {{"--values",
                                                          "numbers separated by commas, e.g. "
                                                          "2,4,6",
                                                          QuoteForMessage(item)}}));
        }
        values.push_back(*value);
    }
    if (values.empty()) {
        return Fail(Error::Fields("invalid option",
                                  {{"--values", "at least one number", QuoteForMessage(text)}}));
    }
    return values;
}

int RunSweep(const Globals& g, const SimArgs& a) {
    if (auto ok = CheckRuns(a); !ok) return Report(g, ok.error());
    auto values = ParseValues(a.values);
    if (!values) return Report(g, values.error());
    auto config = LoadScenario(g, a, a.config);
    if (!config) return Report(g, config.error());
    Progress progress;
    auto points = sim::Sweep(*config, a.lever, *values, a.runs, a.seed, progress.Options(a, g));
    progress.Finish();
    if (!points) return Report(g, points.error());
    const std::string csv = app::SweepCsv(a.lever, *points);
    if (!a.out.empty()) {
        if (auto ok = Write(g, a.out, csv, "CSV"); !ok) return Report(g, ok.error());
    }
    if (g.json) {
        WriteOut(app::SweepToJson(a.lever, *points).dump(2) + "\n");
        return 0;
    }
    if (a.out.empty()) WriteOut(csv);
    for (const auto& point : *points) {
        const auto& r = point.result;
        LogInfo(fmt::format(
            "{} = {}: joint research {:.1f}, patent applications {:.1f}, commercialisations "
            "{:.1f}, spend {}",
            a.lever, point.value, r.Total(sim::Kpi::kJointResearch).mean,
            r.Total(sim::Kpi::kPatentApplications).mean,
            r.Total(sim::Kpi::kCommercialisations).mean,
            FormatWithCommas(static_cast<int64_t>(r.Total(sim::Kpi::kSpend).mean))));
    }
    return 0;
}

int RunConfig(const Globals& g, const SimArgs& a) {
    auto config = LoadScenario(g, a, a.config);
    if (!config) return Report(g, config.error());
    const std::string toml = sim::ConfigToToml(*config);
    if (a.out.empty()) {
        WriteOut(toml);
        return 0;
    }
    if (auto ok = Write(g, a.out, toml, "TOML"); !ok) return Report(g, ok.error());
    return 0;
}

void AddScenarioOptions(CLI::App* command, SimArgs& a) {
    command->add_option("--config", a.config,
                        "A TOML config (see `kcluster sim config`); default: the built-in FY2002 "
                        "programme (12 full + 6 trial regions)");
    command->add_flag("--from-db", a.from_db,
                      "Start from the clusters named by --cluster as the database (--db) has "
                      "them on --date: researchers and seeds, firms inside and outside the "
                      "region, coordinators, the latest grants");
    command->add_option("--cluster", a.clusters,
                        "With --from-db: a cluster id or name (repeat for several)");
    command->add_option("--date", a.date, "With --from-db: the date of the state (default today)");
}

void AddRunOptions(CLI::App* command, SimArgs& a) {
    command->add_option("--runs", a.runs, "Monte Carlo runs (default 200)");
    command->add_option("--seed", a.seed,
                        "Random seed; the same seed gives the same output at any thread count "
                        "(default 2002)");
    command->add_option("--threads", a.threads, "Worker threads (default 0 = all cores)");
}

}  // namespace

void RegisterSimCommands(CLI::App& app, Globals& g, int& status) {
    auto* sim_command = app.add_subcommand(
        "sim",
        "Agent-based simulation of a cluster programme: researchers, firms, coordinators and an "
        "HQ budget stepped month by month, Monte Carlo over many runs, KPIs per fiscal year with "
        "90% bands (docs/simulator.md).");
    sim_command->require_subcommand(1);

    auto run_args = std::make_shared<SimArgs>();
    auto* run = sim_command->add_subcommand(
        "run",
        "Run a scenario N times and write the mean and 5%/95% quantiles of each KPI per fiscal "
        "year.\nCSV header: fiscal_year,kpi,mean,p05,p95 (fiscal_year \"total\": over the "
        "horizon). KPIs: introductions, feasibility_tests, joint_research, patent_applications, "
        "commercialisations, new_seeds, ties, participating_firms, outside_firms_attracted, "
        "spend_yen.\nExamples:\n  kcluster sim run --runs 1000 --out fy2002.csv --svg fy2002.svg\n"
        "  kcluster sim config > my.toml   (edit, then)\n  kcluster sim run --config my.toml "
        "--runs 500 --seed 7 --out my.csv --compare baseline.toml --svg compare.svg\n  kcluster "
        "--db demo.db sim run --from-db --cluster 浜松オプトロニクスクラスター --date "
        "2004-04-01 --runs 200 --out hamamatsu.csv");
    AddScenarioOptions(run, *run_args);
    AddRunOptions(run, *run_args);
    run->add_option("--out", run_args->out, "Write the CSV here (default: stdout)");
    run->add_option("--svg", run_args->svg,
                    "Also write an SVG of the KPI trajectories with their 90% bands");
    run->add_option("--compare", run_args->compare,
                    "A second TOML config run with the same runs and seed; drawn over the first "
                    "in --svg and added to --json as \"compare\"");
    run->callback([&g, &status, run_args] { status = RunSim(g, *run_args); });

    auto sweep_args = std::make_shared<SimArgs>();
    std::string levers;
    for (const auto& lever : sim::Levers()) {
        levers += fmt::format("\n  {}: {}", lever.name, lever.meaning);
    }
    auto* sweep = sim_command->add_subcommand(
        "sweep",
        "Run the scenario once per value of one policy lever (same runs and seed for each, so "
        "differences come from the lever).\nCSV header: lever,value,fiscal_year,kpi,mean,p05,"
        "p95.\nLevers:" +
            levers +
            "\nExample: kcluster sim sweep --lever coordinators --values 0,2,4,7 --runs 300 --out "
            "coordinators.csv");
    AddScenarioOptions(sweep, *sweep_args);
    AddRunOptions(sweep, *sweep_args);
    sweep->add_option("--lever", sweep_args->lever, "The lever to vary (see the list above)")
        ->required();
    sweep->add_option("--values", sweep_args->values, "Its values, separated by commas")
        ->required();
    sweep->add_option("--out", sweep_args->out, "Write the CSV here (default: stdout)");
    sweep->callback([&g, &status, sweep_args] { status = RunSweep(g, *sweep_args); });

    auto config_args = std::make_shared<SimArgs>();
    auto* config = sim_command->add_subcommand(
        "config",
        "Print a scenario as TOML with a comment on every parameter: the built-in FY2002 "
        "programme by default, --config after its edits, or --from-db clusters.\nExample: "
        "kcluster sim config --out fy2002.toml");
    AddScenarioOptions(config, *config_args);
    config->add_option("--out", config_args->out, "Write the TOML here (default: stdout)");
    config->callback([&g, &status, config_args] { status = RunConfig(g, *config_args); });
}

}  // namespace kc::cli
