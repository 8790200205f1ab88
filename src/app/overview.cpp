#include "app/overview.h"

#include <algorithm>
#include <map>

#include "core/entities.h"

namespace kc::app {

using namespace kc::core;

Result<std::vector<ProgrammeOverview>> BuildOverview(store::Store& store) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto programs, tx->List<Program>());
    KC_ASSIGN_OR_RETURN(auto clusters, tx->List<Cluster>());
    KC_ASSIGN_OR_RETURN(auto regions, tx->List<Region>());
    KC_ASSIGN_OR_RETURN(auto cluster_regions, tx->List<ClusterRegion>());
    KC_ASSIGN_OR_RETURN(auto promotions, tx->List<Promotion>());
    KC_ASSIGN_OR_RETURN(auto core_orgs, tx->List<CoreOrganization>());
    KC_ASSIGN_OR_RETURN(auto grants, tx->List<Grant>());
    KC_ASSIGN_OR_RETURN(auto budgets, tx->List<FiscalBudget>());
    KC_ASSIGN_OR_RETURN(auto calls, tx->List<Call>());

    std::map<Id, const Region*> region_by_id;
    for (const auto& region : regions) region_by_id[region.id] = &region;

    std::vector<ProgrammeOverview> out;
    for (const auto& program : programs) {
        ProgrammeOverview overview;
        overview.id = program.id;
        overview.name_ja = program.name_ja;
        overview.name_en = program.name_en;
        overview.phase = program.phase;
        overview.start_fy = program.start_fy;
        overview.end_fy = program.end_fy;
        for (const auto& call : calls) {
            if (call.program_id != program.id) continue;
            store::Filter by_call;
            by_call.equals.emplace_back("call_id", call.id);
            KC_ASSIGN_OR_RETURN(int64_t fs, tx->Count(FeasibilityStudy::Def(), by_call));
            KC_ASSIGN_OR_RETURN(int64_t proposals, tx->Count(Proposal::Def(), by_call));
            overview.feasibility_studies += fs;
            overview.proposals += proposals;
        }
        for (const auto& cluster : clusters) {
            if (cluster.program_id != program.id) continue;
            ClusterSummary summary;
            summary.id = cluster.id;
            summary.name_ja = cluster.name_ja;
            summary.name_en = cluster.name_en;
            summary.field = cluster.field;
            summary.status = cluster.status;
            summary.started_on = cluster.started_on;
            summary.sample = cluster.meta.sample;
            int64_t region_count = 0;
            for (const auto& link : cluster_regions) {
                if (link.cluster_id != cluster.id) continue;
                ++region_count;
                if (auto it = region_by_id.find(link.region_id); it != region_by_id.end()) {
                    summary.regions_ja.push_back(it->second->name_ja);
                    summary.regions_en.push_back(it->second->name_en.empty() ? it->second->name_ja
                                                                             : it->second->name_en);
                }
            }
            for (const auto& promotion : promotions) {
                if (promotion.cluster_id == cluster.id) summary.promoted_on = promotion.decided_on;
            }
            for (const auto& core_org : core_orgs) {
                if (core_org.cluster_id != cluster.id) continue;
                auto org = tx->Get<Organization>(core_org.organization_id);
                if (!org) continue;
                if (!summary.core_organization_ja.empty()) summary.core_organization_ja += "、";
                if (!summary.core_organization_en.empty()) summary.core_organization_en += "; ";
                summary.core_organization_ja += org->name_ja;
                summary.core_organization_en += org->name_en.empty() ? org->name_ja : org->name_en;
            }
            store::Filter by_cluster;
            by_cluster.equals.emplace_back("cluster_id", cluster.id);
            KC_ASSIGN_OR_RETURN(summary.seeds, tx->Count(Seed::Def(), by_cluster));
            KC_ASSIGN_OR_RETURN(summary.needs, tx->Count(Need::Def(), by_cluster));
            KC_ASSIGN_OR_RETURN(summary.projects, tx->Count(Project::Def(), by_cluster));
            auto inventions = tx->List<Invention>(by_cluster);
            if (inventions) {
                for (const auto& invention : *inventions) {
                    store::Filter by_invention;
                    by_invention.equals.emplace_back("invention_id", invention.id);
                    KC_ASSIGN_OR_RETURN(int64_t applications,
                                        tx->Count(PatentApplication::Def(), by_invention));
                    summary.patent_applications += applications;
                }
            }
            for (const auto& grant : grants) {
                if (grant.cluster_id == cluster.id) summary.granted.value += grant.amount.value;
            }
            if (cluster.status == "full") {
                ++overview.clusters_full;
                overview.regions_full += region_count;
            } else if (cluster.status == "trial") {
                ++overview.clusters_trial;
                overview.regions_trial += region_count;
            }
            if (summary.promoted_on) ++overview.promotions;
            overview.clusters.push_back(std::move(summary));
        }
        auto rank = [](const std::string& status) {
            return status == "full" ? 0 : status == "trial" ? 1 : 2;
        };
        std::stable_sort(overview.clusters.begin(), overview.clusters.end(),
                         [&](const ClusterSummary& a, const ClusterSummary& b) {
                             return rank(a.status) < rank(b.status);
                         });
        std::map<int, BudgetSummary> by_year;
        for (const auto& budget : budgets) {
            if (budget.program_id != program.id) continue;
            auto& row = by_year[budget.fiscal_year.year];
            row.fiscal_year = budget.fiscal_year;
            row.regular.value += budget.regular.value;
            row.supplementary.value += budget.supplementary.value;
        }
        std::map<int, std::vector<Id>> funded;
        for (const auto& grant : grants) {
            bool ours = std::any_of(clusters.begin(), clusters.end(), [&](const Cluster& c) {
                return c.id == grant.cluster_id && c.program_id == program.id;
            });
            if (!ours) continue;
            auto& row = by_year[grant.fiscal_year.year];
            row.fiscal_year = grant.fiscal_year;
            row.granted.value += grant.amount.value;
            auto& ids = funded[grant.fiscal_year.year];
            if (std::find(ids.begin(), ids.end(), grant.cluster_id) == ids.end()) {
                ids.push_back(grant.cluster_id);
            }
        }
        for (auto& [year, row] : by_year) {
            row.clusters_funded = static_cast<int64_t>(funded[year].size());
            overview.budgets.push_back(row);
        }
        out.push_back(std::move(overview));
    }
    return out;
}

nlohmann::json OverviewToJson(const std::vector<ProgrammeOverview>& overviews) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : overviews) {
        nlohmann::json program = {{"id", o.id},
                                  {"name_ja", o.name_ja},
                                  {"name_en", o.name_en},
                                  {"phase", o.phase},
                                  {"start_fy", o.start_fy.year},
                                  {"end_fy", o.end_fy.year},
                                  {"regions_full", o.regions_full},
                                  {"regions_trial", o.regions_trial},
                                  {"clusters_full", o.clusters_full},
                                  {"clusters_trial", o.clusters_trial},
                                  {"promotions", o.promotions},
                                  {"feasibility_studies", o.feasibility_studies},
                                  {"proposals", o.proposals}};
        nlohmann::json clusters = nlohmann::json::array();
        for (const auto& c : o.clusters) {
            clusters.push_back({{"id", c.id},
                                {"name_ja", c.name_ja},
                                {"name_en", c.name_en},
                                {"field", c.field},
                                {"status", c.status},
                                {"regions_ja", c.regions_ja},
                                {"regions_en", c.regions_en},
                                {"core_organization_ja", c.core_organization_ja},
                                {"core_organization_en", c.core_organization_en},
                                {"started_on", c.started_on ? FormatIso(*c.started_on) : ""},
                                {"promoted_on", c.promoted_on ? FormatIso(*c.promoted_on) : ""},
                                {"seeds", c.seeds},
                                {"needs", c.needs},
                                {"projects", c.projects},
                                {"patent_applications", c.patent_applications},
                                {"granted", c.granted.value},
                                {"sample", c.sample}});
        }
        program["clusters"] = std::move(clusters);
        nlohmann::json budgets = nlohmann::json::array();
        for (const auto& b : o.budgets) {
            budgets.push_back({{"fiscal_year", b.fiscal_year.year},
                               {"regular", b.regular.value},
                               {"supplementary", b.supplementary.value},
                               {"granted", b.granted.value},
                               {"clusters_funded", b.clusters_funded}});
        }
        program["budgets"] = std::move(budgets);
        out.push_back(std::move(program));
    }
    return out;
}

}  // namespace kc::app
