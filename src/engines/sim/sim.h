#pragma once

// An agent-based model of a knowledge-cluster programme (知的クラスター創成事業), for asking "what
// if" of funding policy before a programme office commits to it: budgets per region and their
// duration, the number of coordinators, forum frequency, the share of firms from outside the
// region, trial vs full regions and how trials are promoted, and how coordinators select pairs.
//
// The model. A programme is a set of clusters stepped month by month from April of `start_fy`.
// Each cluster holds agents in struct-of-arrays form:
//   - researchers with a position in a one-dimensional circular knowledge space (`topic` in [0,1))
//     and a stock of seeds (technology seeds they could offer);
//   - companies with a need (a topic), an absorptive capacity in (0,1], SME or large, inside or
//     outside the region; a pool of outside firms is dormant until success attracts them;
//   - coordinators with a limited number of scans per month, less the time their open
//     introductions and feasibility tests take;
//   - the HQ with a budget per fiscal year (no carry-over: what is unspent lapses) that pays HQ
//     overhead, coordinators, forums, feasibility tests and joint research.
// Each month: researchers produce and lose seeds; companies' needs drift; coordinators scan
// (pick a company, look at `candidates_per_scan` researchers with seeds, score the pair by
// topical fit = 1 − 2·circular distance, introduce the best — or the first — above the
// threshold); introductions become feasibility tests with probability ∝ fit × absorptive
// capacity when the budget allows; tests become joint research with probability ∝ fit × trust ×
// funding (the HQ must be able to pay the project to the end of the fiscal year; a project started
// late is cut to the end of the funding period); projects yield
// inventions, filed as patent applications, and new seeds for their researcher at the end (the
// chain reaction); inventions lead to commercialisations after a lag, with probability ∝ the
// firm's absorptive capacity; ties (researcher–company trust) strengthen while partners work
// together; forums add weak ties and may spark introductions; recent successes attract outside
// firms (agglomeration). Trial clusters run on a small budget until promoted: each year after
// `trial_months`, the best `promote_per_year` remaining trials (by joint research and feasibility
// tests so far, or in list order) move to the full budget for `funded_years` from then.
//
// Method and cost. A run is O(months × (agents + open pipelines + scans × candidates)); no heap
// allocation happens inside the month loop (every array is sized when a run starts and reused by
// the worker's next run). Runs are independent and spread over std::jthread workers; each
// (run, cluster) pair draws from its own xoshiro256** stream seeded by splitmix64 from (seed, run,
// cluster), and only raw 64-bit outputs are used (no library distributions), so a result is the
// same bit for bit for a given seed whatever the thread count (across platforms, only libm's
// std::exp, used for Poisson draws, could differ in its last bit).
//
// Output: per run and fiscal year the programme totals of each KPI (`Kpi`); aggregated over runs
// into the mean and the 5% and 95% quantiles (linear interpolation between order statistics,
// Hyndman–Fan type 7). Calibration against sourced figures (Nagoya phase I: ¥2.5bn over 5 years →
// 199 patent applications, 28 commercialisations) and every parameter's source or judgement are
// in docs/simulator.md. Limits: up to 1,000 clusters, 65,535 researchers and companies per
// cluster, 600 months (checked by Validate).
//
// The model is inspired by SKIN (Simulating Knowledge Dynamics in Innovation Networks; Gilbert,
// Pyka & Ahrweiler) but shares no code with it; names here follow the programme's own terms.

#include <cstdint>
#include <functional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace kc::engines::sim {

enum class ClusterKind { kFull, kTrial };
// How trial clusters are chosen for promotion each year: best performers first, or list order.
enum class PromotionRule { kMerit, kOrder };
// How a coordinator picks among the candidates of a scan: the best fit, or the first above the
// threshold (a coordinator who stops at the first plausible pair).
enum class IntroductionRule { kBestFit, kFirstFit };

// One region's cluster. Defaults are those of a mid-sized phase-I cluster (docs/simulator.md).
struct ClusterSpec {
    std::string name;
    ClusterKind kind = ClusterKind::kFull;
    int researchers = 120;             // university and public-lab researchers taking part
    double initial_seeds = 1.0;        // mean seeds per researcher at the start
    int companies = 40;                // participating firms at the start (inside + outside)
    double outside_firm_share = 0.25;  // share of the starting firms located outside the region
    double sme_share = 0.6;            // share of SMEs among firms
    int outside_pool = 30;             // outside firms that success can still attract
    int coordinators = 4;              // 科学技術コーディネータ
    int64_t budget_per_year = 500'000'000;        // yen per fiscal year while full
    int64_t trial_budget_per_year = 100'000'000;  // yen per fiscal year while on trial
    int initial_ties = 0;  // researcher–company ties already known (e.g. from the store)
};

// Behavioural parameters: the calibrated part of the model. Rates are per month unless named
// otherwise; money is yen.
struct ModelParams {
    double scans_per_coordinator = 6.0;  // company scans a coordinator can do in a month
    double followup_load = 0.5;          // scans' worth of time each open pair takes a month
    int candidates_per_scan = 8;         // researchers looked at per scan
    double own_seed_rate = 0.02;         // a researcher's own new seeds per month
    double seed_obsolescence = 0.01;     // chance per seed per month of going stale
    int max_seeds = 20;                  // seeds one researcher can hold
    double need_drift = 0.02;            // chance per month that a firm's need moves
    double feasibility_prob = 0.8;       // × fit × absorptive capacity
    int feasibility_months = 6;
    int64_t feasibility_cost = 3'000'000;
    double feasibility_invention_prob = 0.5;  // a test yields an invention
    double joint_research_prob = 0.9;         // × fit × trust (× funding available)
    int project_months = 36;
    int min_project_months =
        12;  // a project started late is cut to the funding end, not below this
    int64_t project_cost_per_year = 40'000'000;
    double invention_rate = 0.5;           // inventions per project-month
    double filing_prob = 0.8;              // an invention is filed as a patent application
    double commercialisation_prob = 0.25;  // per invention, × absorptive capacity × SME factor
    double sme_commercialisation_factor = 0.8;
    int lag_min_months = 6;  // invention → commercialisation lag, uniform in [min, max]
    int lag_max_months = 30;
    double new_seeds_per_project = 2.0;  // mean new seeds at a project's end (chain reaction)
    double absorptive_learning = 0.01;   // absorptive capacity gained per project-month
    double trust_introduction = 0.4;
    double trust_forum = 0.15;
    double trust_gain = 0.03;              // per month of joint work
    double outside_trust_factor = 0.7;     // trust built with a firm outside the region, relative
    double outside_sme_share = 0.3;        // share of SMEs among outside firms
    int forum_new_ties = 12;               // researcher–company pairs who meet at a forum
    double forum_introduction_prob = 0.1;  // a forum tie becomes an introduction (× fit)
    int64_t forum_cost = 5'000'000;
    double attract_base = 0.01;         // chance per month an outside firm joins unprompted
    double attract_per_success = 0.03;  // + per success (project or commercialisation) in 12 months
    double attract_max = 0.5;
    int64_t coordinator_cost_per_year = 10'000'000;
    double hq_overhead_share = 0.1;  // of the year's budget, for the HQ itself
};

struct SimConfig {
    int start_fy = 2002;            // fiscal year of month 0 (April)
    int months = 60;                // horizon
    int funded_years = 5;           // a full cluster's funding period (from its start/promotion)
    int forum_interval_months = 4;  // 0 = no forums
    int trial_months = 12;          // months before the first promotion decision
    int promote_per_year = 3;       // trials promoted at each yearly decision
    PromotionRule promotion_rule = PromotionRule::kMerit;
    IntroductionRule introduction_rule = IntroductionRule::kBestFit;
    double match_threshold = 0.7;  // minimum match score for an introduction, in [0,1]
    ModelParams model;
    std::vector<ClusterSpec> clusters;
};

// Every field error of `config` ("clusters[3].coordinators": expected 0..1000, got -1).
[[nodiscard]] Status Validate(const SimConfig& config);

// ---------------------------------------------------------------------------------------------
// KPIs

enum class Kpi {
    kIntroductions,       // coordinator and forum introductions
    kFeasibilityTests,    // 可能性試験 started
    kJointResearch,       // joint research projects formed
    kPatentApplications,  // 特許出願
    kCommercialisations,  // 事業化等
    kNewSeeds,            // seeds created by projects (chain reaction)
    kTies,                // researcher–company ties at the end of the FY (a stock)
    kParticipatingFirms,  // active firms at the end of the FY (a stock)
    kOutsideFirmsAttracted,
    kSpend,  // yen spent
};
inline constexpr int kKpiCount = 10;

// "joint_research", ... (CSV and JSON keys).
[[nodiscard]] std::string_view KpiName(Kpi kpi);
// True for KPIs that are stocks at the end of a year rather than flows during it.
[[nodiscard]] bool KpiIsStock(Kpi kpi);

// The KPI series of one run: value(kpi, fy_index), programme totals.
struct RunSeries {
    int fiscal_years = 0;
    std::vector<double> values;  // [kpi * fiscal_years + fy]
    [[nodiscard]] double Value(Kpi kpi, int fy) const {
        return values[static_cast<size_t>(static_cast<int>(kpi) * fiscal_years + fy)];
    }
};

struct KpiBand {
    double mean = 0, p05 = 0, p95 = 0;
};

struct SimResult {
    int start_fy = 2002;
    int fiscal_years = 0;
    int runs = 0;
    uint64_t seed = 0;
    // bands[kpi * fiscal_years + fy]
    std::vector<KpiBand> bands;
    // The same over the whole horizon (flows summed, stocks at the end), per run aggregated.
    std::vector<KpiBand> totals;  // [kpi]
    int64_t agent_steps = 0;      // agents × months over all runs (for throughput figures)
    [[nodiscard]] const KpiBand& Band(Kpi kpi, int fy) const {
        return bands[static_cast<size_t>(static_cast<int>(kpi) * fiscal_years + fy)];
    }
    [[nodiscard]] const KpiBand& Total(Kpi kpi) const {
        return totals[static_cast<size_t>(static_cast<int>(kpi))];
    }
};

// The q-quantile (q in [0,1]) of `sorted` (ascending, non-empty), interpolating linearly between
// order statistics (Hyndman–Fan type 7, as R's default and NumPy's "linear").
[[nodiscard]] double Quantile(std::span<const double> sorted, double q);

// Means and 5%/95% quantiles over `runs` (all with the same fiscal_years), in run order.
[[nodiscard]] SimResult Aggregate(std::span<const RunSeries> runs, int start_fy, uint64_t seed);

// ---------------------------------------------------------------------------------------------
// Running

struct SimOptions {
    int threads = 0;  // 0 = std::thread::hardware_concurrency()
    // Called on the calling thread about every 50 ms and at the end with runs completed and the
    // total; returning false cancels. May be empty.
    std::function<bool(int64_t done, int64_t total)> progress;
    std::stop_token stop;    // a stop request cancels
    bool keep_runs = false;  // also return every run's series (SimOutput::runs)
};

struct SimOutput {
    SimResult result;
    std::vector<RunSeries> runs;  // when keep_runs
};

// Runs `runs` Monte Carlo replications of `config` with `seed`. InvalidArgument naming the field
// when the config is invalid or runs is outside 1..1,000,000; FailedPrecondition "cancelled"
// when the progress callback or the stop token cancels. Deterministic for (config, runs, seed)
// whatever options.threads is. Thread-safe (no shared state between calls).
[[nodiscard]] Result<SimOutput> Simulate(const SimConfig& config, int runs, uint64_t seed,
                                         const SimOptions& options = {});

// One run on the calling thread (tests, benchmarks). `agent_steps` (optional) receives the run's
// agent-steps.
[[nodiscard]] RunSeries SimulateRun(const SimConfig& config, uint64_t seed, int run_index,
                                    int64_t* agent_steps = nullptr);

// ---------------------------------------------------------------------------------------------
// Levers and sweeps

// The names ApplyLever accepts, with a one-line meaning each.
struct LeverInfo {
    std::string_view name;
    std::string_view meaning;
};
[[nodiscard]] std::span<const LeverInfo> Levers();

// Sets lever `name` to `value` in `config` (cluster-level levers apply to every cluster):
// budget_per_year (yen, full clusters), trial_budget_per_year, funded_years, coordinators,
// forum_interval_months, outside_firm_share, trial_regions (the last N clusters start as trial,
// the others full), promote_per_year, match_threshold, introduction_rule (0 = best fit, 1 =
// first fit), promotion_rule (0 = merit, 1 = order). InvalidArgument for an unknown lever or a
// value out of its range.
[[nodiscard]] Status ApplyLever(SimConfig& config, std::string_view name, double value);

struct SweepPoint {
    double value = 0;
    SimResult result;
};

// Runs the config once per value of `lever`, each with the same runs and seed (common random
// numbers, so differences come from the lever). Progress counts runs over all points.
[[nodiscard]] Result<std::vector<SweepPoint>> Sweep(const SimConfig& config, std::string_view lever,
                                                    std::span<const double> values, int runs,
                                                    uint64_t seed, const SimOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Configuration files (TOML)

// Parses a TOML configuration: top-level programme keys, a [model] table, a [cluster_defaults]
// table and [[cluster]] tables (each cluster starts from the defaults). Keys left out keep their
// defaults; `base` gives the defaults (and its clusters are used when the file has none).
// InvalidArgument listing every unknown key, wrong type and out-of-range value with its
// "file:line" and key ("sim.toml:12: model.invention_rate: expected a number >= 0, got -1").
[[nodiscard]] Result<SimConfig> ParseConfigToml(std::string_view text, std::string_view file_name,
                                                const SimConfig& base);

// The config as TOML that ParseConfigToml reads back to an equal config, with a comment on every
// key (meaning, unit).
[[nodiscard]] std::string ConfigToToml(const SimConfig& config);

}  // namespace kc::engines::sim
