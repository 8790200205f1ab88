#pragma once

// The programme overview: regions, clusters and their status (full / trial / promoted), and
// budgets by fiscal year against the grants made. What `kcluster overview` prints and what
// `make run` shows first.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/date.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::app {

struct ClusterSummary {
    core::Id id = 0;
    std::string name_ja, name_en, field, status;
    std::vector<std::string> regions_ja, regions_en;
    std::string core_organization_ja, core_organization_en;
    std::optional<Date> started_on;
    std::optional<Date> promoted_on;  // set for a trial cluster moved to full implementation
    int64_t seeds = 0, needs = 0, projects = 0, patent_applications = 0;
    Yen granted;  // all fiscal years
    bool sample = false;
};

struct BudgetSummary {
    FiscalYear fiscal_year;
    Yen regular, supplementary, granted;
    int64_t clusters_funded = 0;
};

struct ProgrammeOverview {
    core::Id id = 0;
    std::string name_ja, name_en, phase;
    FiscalYear start_fy, end_fy;
    int64_t regions_full = 0, regions_trial = 0, clusters_full = 0, clusters_trial = 0;
    int64_t promotions = 0, feasibility_studies = 0, proposals = 0;
    std::vector<ClusterSummary> clusters;  // full first, then trial, then ended; by id
    std::vector<BudgetSummary> budgets;    // by fiscal year
};

// One overview per programme in the store, by id. Read-only.
[[nodiscard]] Result<std::vector<ProgrammeOverview>> BuildOverview(store::Store& store);

[[nodiscard]] nlohmann::json OverviewToJson(const std::vector<ProgrammeOverview>& overviews);

}  // namespace kc::app
