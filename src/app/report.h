#pragma once

// KPIs and performance reports (issue 5). The KPI families MEXT used in its evaluations (R&D,
// patent applications, papers, commercialisation, human-resource development, ventures,
// widening/internationalisation, firm agglomeration, plus forums) as target vs actual per fiscal
// year and cumulatively. Targets come from `kpi_target` rows, which are cumulative (the target
// to reach by the end of that fiscal year); actuals are COMPUTED from the records (which record
// counts for each KPI is in `KpiDefinitions()` and in every report's method note). A KPI with
// no record to count it (human-resource development) has no actual: nullopt, shown as "—",
// never a made-up number. A KPI with no target code (widening) has no target.
//
// Two reports: the annual performance report of one cluster (KPI table and chart, KPI history,
// ledger planned vs executed by purpose, coordinator funnel) and the programme report of a
// fiscal year (one row per cluster, programme totals). Each renders as a self-contained HTML page
// with SVG charts, as long-format CSV, or as JSON. Read-only; deterministic for the same database.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/hq.h"
#include "app/network.h"
#include "store/store.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::app {

enum class ReportLang { kJa, kEn };

// One KPI: its code (a `kpi_target.kpi` code, or a code of its own for KPIs with no target
// code), its family, labels and how its actual is counted.
struct KpiDefinition {
    std::string code;
    std::string family;  // rd | patents | papers | commercialisation | hr | ventures | widening |
                         // agglomeration | outreach
    std::string family_ja, family_en;
    std::string label_ja, label_en;
    std::string method_ja, method_en;  // which records count; "no record" when not computable
    bool computable = true;
    bool has_target_code = true;  // false: never has a target (no kpi_target code)
};

// Every KPI in report order (by family).
[[nodiscard]] const std::vector<KpiDefinition>& KpiDefinitions();

// A KPI's values in one fiscal year. `target` is the year's increment of the cumulative target
// (this year's kpi_target minus the latest earlier one, or all of it when there is none);
// `actual` counts records dated in the fiscal year; cumulative values run from the beginning.
struct KpiValue {
    std::string kpi;
    std::optional<int64_t> target, actual, cumulative_target, cumulative_actual;
    // cumulative_actual / cumulative_target when both are known and the target is positive.
    [[nodiscard]] std::optional<double> Achievement() const;
};

struct KpiYear {
    FiscalYear fiscal_year;
    std::vector<KpiValue> values;  // in KpiDefinitions() order
};

struct AnnualReport {
    core::Id cluster_id = 0;
    std::string cluster_name_ja, cluster_name_en, status;
    FiscalYear fiscal_year;
    std::vector<KpiValue> kpis;        // the report's fiscal year, in KpiDefinitions() order
    std::vector<KpiYear> history;      // from the cluster's first fiscal year to this one
    std::optional<LedgerYear> ledger;  // none when the cluster has no grant or entry that year
    FunnelReport funnel;
    // The organisations' collaboration network at the end of the year, as the cluster's HQ sees
    // it (app/network.h: size, density, components, top brokers, ties inside the region
    // and university–company ties, growth by fiscal year).
    NetworkReport network;
};

// The annual performance report of a cluster for a fiscal year. NotFound for an unknown
// cluster. Uses Funnel and LedgerSummary (app/hq.h) and ClusterNetwork (app/network.h).
[[nodiscard]] Result<AnnualReport> BuildAnnualReport(store::Store& store, core::Id cluster_id,
                                                     FiscalYear fiscal_year);

struct ProgrammeReportRow {
    core::Id cluster_id = 0;
    std::string cluster_name_ja, cluster_name_en, status;
    Yen granted, executed;
    std::optional<double> execution_rate;
    std::vector<KpiValue> kpis;  // in KpiDefinitions() order
};

struct ProgrammeReport {
    FiscalYear fiscal_year;
    std::vector<ProgrammeReportRow> rows;  // clusters running in the year (or funded), by id
    Yen granted, executed;
    std::optional<double> execution_rate;
    // Sums over the clusters of the values they have (a cluster with none adds nothing; nullopt
    // when no cluster has one). Companies partnering in two clusters count twice.
    std::vector<KpiValue> totals;
};

// The programme report of a fiscal year: every cluster running in it (started by the end of the
// year and not ended before it starts) or holding a grant or KPI target for it.
[[nodiscard]] Result<ProgrammeReport> BuildProgrammeReport(store::Store& store,
                                                           FiscalYear fiscal_year);

// A complete, well-formed UTF-8 HTML document (lang="ja" or "en") with inline CSS and SVG
// charts; no script, nothing external.
[[nodiscard]] std::string RenderHtml(const AnnualReport& report, ReportLang lang);
[[nodiscard]] std::string RenderHtml(const ProgrammeReport& report, ReportLang lang);

// Long-format CSV (RFC 4180, header first), one row per value:
//   section,cluster_id,cluster,fiscal_year,item,label,target,actual,cumulative_target,
//   cumulative_actual
// section "kpi": item = KPI code, the four values as in KpiValue (empty = none), one row per KPI
// and fiscal year of the history; "ledger": item = "total" (target = granted, actual =
// executed, yen) or a programme purpose (target = planned, actual = executed); "funnel": item =
// stage key, actual = count; "network": one row per fiscal year of the network's growth, item =
// nodes | edges | components | university_company_ties, actual = the count. The programme report
// has kpi and ledger rows per cluster for its year, then rows with cluster_id "total" for the
// programme. Labels follow `lang`; codes and numbers do not.
[[nodiscard]] std::string RenderCsv(const AnnualReport& report, ReportLang lang);
[[nodiscard]] std::string RenderCsv(const ProgrammeReport& report, ReportLang lang);

// The same data as JSON (snake_case keys, yen as integers, null for unknown values), with the
// KPI definitions and method notes.
[[nodiscard]] nlohmann::json ToJson(const AnnualReport& report);
[[nodiscard]] nlohmann::json ToJson(const ProgrammeReport& report);

}  // namespace kc::app
