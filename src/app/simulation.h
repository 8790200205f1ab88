#pragma once

// Simulation use cases over engines/sim (docs/simulator.md): the built-in FY2002 programme
// config, a cluster's starting state read from the store, running a scenario with progress for
// the job runner (app/jobs.h), and the outputs — long-format CSV, JSON and an SVG of KPI
// trajectories with their 90% bands (optionally two scenarios compared).

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engines/sim/sim.h"
#include "store/store.h"
#include "util/date.h"

namespace kc::app {

// The Knowledge Cluster Initiative as designated in FY2002: 12 full regions and 6 trial regions
// (domain-notes §2.1), ¥500m a year per full region for 5 years [S Taguchi slides], trial
// regions ¥100m a year (judgement, as the demo data), three trials promoted each year by merit
// (the programme grew 12 → 15 → 18 [S Hosei]), coordinators per HQ where the notes give them
// (Sapporo 2, Hamamatsu 7, Fukuoka 4, Osaka/Kobe 3) and 4 elsewhere. Every other value is the
// engine's default.
[[nodiscard]] engines::sim::SimConfig DefaultProgrammeConfig();

// A cluster's starting state as found in the store on a date, and the cluster spec made of it.
struct StoreCluster {
    core::Id cluster_id = 0;
    engines::sim::ClusterSpec spec;
    int64_t seeds = 0;               // seeds of the cluster
    int64_t researchers = 0;         // people at the organisations holding those seeds
    int64_t companies_inside = 0;    // firms with needs or project partnerships, in the region
    int64_t companies_outside = 0;   // the same outside the cluster's regions
    int64_t coordinators = 0;        // coordinator posts held on the date
    int64_t ties = 0;                // active seed–need matches and project partnerships
    std::optional<int> budget_fy;    // the fiscal year whose grants gave the budget
    std::vector<std::string> notes;  // where a default was kept because the store had nothing
};

// Reads cluster `cluster_id` on `on`: researchers = people affiliated with organisations that
// hold the cluster's seeds (at least the seed owners), initial seeds per researcher = seeds /
// researchers; companies = organisations of kind company with the cluster's needs or partnering
// in its projects, inside when their region (or prefecture) is one of the cluster's regions;
// coordinators = coordinator, commercialisation and assistant coordinator posts held on `on`;
// budget = the grants of the latest fiscal year up to `on`'s (trial budget when the cluster is on
// trial); ties = matches not declined plus project partners. Values the store lacks keep
// `defaults` and say so in `notes`. NotFound for an unknown cluster.
[[nodiscard]] Result<StoreCluster> ClusterFromStore(store::Store& store, core::Id cluster_id,
                                                    Date on,
                                                    const engines::sim::ClusterSpec& defaults = {});

// `base` with its clusters replaced by those read from the store (ClusterFromStore each) and
// start_fy set to `on`'s fiscal year.
[[nodiscard]] Result<engines::sim::SimConfig> ConfigFromStore(store::Store& store,
                                                              std::span<const core::Id> cluster_ids,
                                                              Date on,
                                                              const engines::sim::SimConfig& base);

// Runs `runs` replications of `config` with `seed` on `threads` workers (0 = all cores).
// `progress` (may be empty) gets the fraction done in [0, 1] on the calling thread, about every
// 50 ms; returning false cancels (FailedPrecondition "cancelled"), which is what a JobContext's
// Progress returns once a job is cancelled. Deterministic for (config, runs, seed).
[[nodiscard]] Result<engines::sim::SimResult> RunScenario(
    const engines::sim::SimConfig& config, int runs, uint64_t seed,
    const std::function<bool(double)>& progress, int threads = 0);

// Long-format CSV, header "fiscal_year,kpi,mean,p05,p95": one row per fiscal year and KPI, then
// one row per KPI with fiscal_year "total" (flows summed, stocks at the end). Numbers are written
// in the shortest form that reads back exactly, so equal results give equal bytes.
[[nodiscard]] std::string SimResultCsv(const engines::sim::SimResult& result);
// "lever,value,fiscal_year,kpi,mean,p05,p95": SimResultCsv's rows for each point of a sweep.
[[nodiscard]] std::string SweepCsv(std::string_view lever,
                                   std::span<const engines::sim::SweepPoint> points);

[[nodiscard]] nlohmann::json ToJson(const engines::sim::SimResult& result);
[[nodiscard]] nlohmann::json SweepToJson(std::string_view lever,
                                         std::span<const engines::sim::SweepPoint> points);

// Small multiples of KPI trajectories per fiscal year: the mean as a line, the 5–95% band as a
// shaded area, one panel per KPI; with `compare`, a second scenario drawn over it in another
// colour (legend "A: `label`", "B: `compare_label`"). Self-contained and deterministic, like
// app/svg.h charts (role="img", <title>, <desc>, a <title> on every point).
[[nodiscard]] std::string RenderSimSvg(const engines::sim::SimResult& result,
                                       std::string_view label,
                                       const engines::sim::SimResult* compare = nullptr,
                                       std::string_view compare_label = "");

}  // namespace kc::app
