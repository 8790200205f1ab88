#pragma once

// Cluster headquarters' use cases: the roster of HQ posts on a date, the coordinator funnel from
// needs to licences with conversion rates, and the fiscal-year ledger (planned vs executed,
// execution rate, overspend refusal).

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/policy.h"
#include "store/store.h"
#include "util/date.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::app {

// ---------------------------------------------------------------------------------------------
// Roster

struct RosterLine {
    core::Id position_id = 0, person_id = 0;
    std::string role;  // director | deputy_director | program_manager | research_director | ...
    std::string role_ja, role_en;
    std::string name, organization;
    Date from;
    std::optional<Date> to;
};

// The posts of a cluster's HQ held on `date` (default today), in the order of the HQ's
// hierarchy (director first), then by person.
[[nodiscard]] Result<std::vector<RosterLine>> Roster(store::Store& store, core::Id cluster_id,
                                                     std::optional<Date> date);

// ---------------------------------------------------------------------------------------------
// Funnel

// need → match → introduction → feasibility test → joint research → invention → application →
// grant → licence/product. Counts are of distinct records reaching each stage in the fiscal year
// (by the date the stage was reached), conversion = count / previous stage's count.
struct FunnelStage {
    std::string key;  // needs | matches | introductions | feasibility_tests | joint_research |
                      // inventions | applications | grants | licences
    std::string label_ja, label_en;
    int64_t count = 0;
    std::optional<double> conversion;  // from the previous stage; none for the first or /0
};

struct FunnelRow {
    std::string who;  // coordinator name, or "" for the whole cluster
    std::optional<core::Id> coordinator_id;
    std::vector<FunnelStage> stages;
};

struct FunnelReport {
    core::Id cluster_id = 0;
    std::string cluster_name;
    FiscalYear fiscal_year;
    FunnelRow cluster;                    // the whole cluster
    std::vector<FunnelRow> coordinators;  // per coordinator (matches they handled onwards)
};

[[nodiscard]] Result<FunnelReport> Funnel(store::Store& store, core::Id cluster_id,
                                          FiscalYear fiscal_year);

// ---------------------------------------------------------------------------------------------
// Ledger

// The expense axis of the ledger (ledger_entry.category: personnel, equipment, research, ...).
struct LedgerCategory {
    std::string category;  // personnel | equipment | research | travel | forum | patent | ...
    std::string label_ja, label_en;
    Yen executed;
};

// The programme axis (ledger_entry.purpose) with its plan (ledger_plan).
struct LedgerPurpose {
    std::string purpose;  // joint_research | coordinators | ip | forums | hq
    std::string label_ja, label_en;
    Yen planned;                           // ledger plans of the FY's grants for this purpose
    Yen executed;                          // entries of this purpose
    std::optional<double> execution_rate;  // executed / planned; none when nothing is planned
};

struct LedgerYear {
    core::Id cluster_id = 0;
    FiscalYear fiscal_year;
    Yen granted;                           // grants of the FY (the budget)
    Yen planned;                           // ledger plans of those grants, all purposes
    Yen executed;                          // ledger entries of the FY
    std::optional<double> execution_rate;  // executed / granted
    std::vector<LedgerCategory> categories;
    std::vector<LedgerPurpose> purposes;  // every purpose, in definition order
    Yen unclassified;  // entries without a purpose (recorded before purposes existed)
};

// The carry-over rule the ledger applies, for the output of `kcluster ledger` and the reports.
inline constexpr const char* kCarryOverRuleJa =
    "繰越しなし: 補助金は交付年度内(4月1日〜翌年3月31日)の支出にのみ充当でき、"
    "年度内に執行されなかった額は翌年度に繰り越さない(年度外の日付の明細は登録できない)。";
inline constexpr const char* kCarryOverRuleEn =
    "No carry-over: a grant pays only for spending dated within its fiscal year (1 April to 31 "
    "March); what is unspent at the end of the year lapses, and entries dated outside the year "
    "are refused.";

// Granted vs executed per fiscal year for a cluster (all its fiscal years when `fiscal_year` is
// not given), with the executed amounts by expense category and planned vs executed by
// programme purpose.
[[nodiscard]] Result<std::vector<LedgerYear>> LedgerSummary(store::Store& store,
                                                            core::Id cluster_id,
                                                            std::optional<FiscalYear> fiscal_year);

// Refuses a ledger entry that falls outside its grant's fiscal year (no carry-over: an unspent
// grant lapses at the end of its fiscal year), a new entry without a purpose, an entry that
// would take its grant's entries over the grant, and an entry charged to a project beyond the
// project's grant plan for that fiscal year (project_budget; none planned = nothing may be
// charged). Overspending errors say by how much. Applied by `add/update ledger_entry` and the
// API (CheckBusinessRules).
[[nodiscard]] Status CheckLedgerEntry(store::Transaction& tx, const core::LedgerEntry& entry);

// One budget per project and fiscal year, and never planned below what is already charged to
// the project in that year.
[[nodiscard]] Status CheckProjectBudget(store::Transaction& tx, const core::ProjectBudget& budget);

// One plan per grant and purpose, and the plans of a grant not above the grant.
[[nodiscard]] Status CheckLedgerPlan(store::Transaction& tx, const core::LedgerPlan& plan);

// ---------------------------------------------------------------------------------------------
// Forums

struct ForumEffect {
    core::Id forum_id = 0;
    std::string title, kind;
    Date held_on;
    std::optional<int64_t> attendees, presentations, consultations;  // as recorded
    int64_t follow_ups = 0;  // coordinator activities naming the forum
    int64_t matches = 0;     // distinct seed–need pairs those activities led to
    int64_t projects = 0;    // joint research grown from those pairs
};

// Every forum of a cluster (of one fiscal year when given), oldest first, with what followed it:
// consultations recorded as activities naming the forum, the matches they led to and the projects
// grown from those matches.
[[nodiscard]] Result<std::vector<ForumEffect>> ForumEffects(store::Store& store,
                                                            core::Id cluster_id,
                                                            std::optional<FiscalYear> fiscal_year);

// ---------------------------------------------------------------------------------------------
// Joint research projects

struct ProjectPartnerLine {
    core::Id organization_id = 0;
    std::string name, role;
    bool company = false, sme = false, inside_region = true;
};

struct ProjectYear {
    FiscalYear fiscal_year;
    std::optional<Yen> planned;            // project_budget.grant_amount; none when not planned
    std::optional<Yen> company_fees;       // project_budget.company_fees
    Yen from_grant;                        // spent: ledger entries charged to it in the FY
    std::optional<double> execution_rate;  // from_grant / planned
};

struct ProjectSummary {
    core::Project project;
    std::string lead_organization, leader;
    std::string origin;  // "need 12 「…」" or "match 7" or "" for the cluster's own themes
    std::vector<ProjectPartnerLine> partners;
    std::vector<ProjectYear> years;           // plan vs spent by fiscal year, oldest first
    std::optional<Yen> planned_total;         // sum of the FY grant plans, when any
    std::optional<Yen> participation_fees;    // the companies' fees (cleared if not visible)
    std::vector<core::Milestone> milestones;  // by due date
    int64_t inventions = 0, applications = 0, licences = 0, outcomes = 0;
};

// A joint research project with its partners (inside/outside the region, SMEs), origin need or
// match, the grant plan vs money spent per fiscal year and participation fees (both only when the
// viewer may see the budget), milestones with their stage-gate decisions, and outputs.
[[nodiscard]] Result<ProjectSummary> SummarizeProject(store::Store& store,
                                                      const core::Viewer& viewer,
                                                      core::Id project_id);

// Records a stage-gate decision on a pending milestone (go | revise | stop) on `date`: the
// milestone is marked done; `stop` also terminates the project, `go` on a planned project starts
// it. One transaction.
[[nodiscard]] Status DecideGate(store::Store& store, const store::Actor& actor,
                                core::Id milestone_id, const std::string& decision, Date date);

[[nodiscard]] nlohmann::json ToJson(const ProjectSummary& summary);

// ---------------------------------------------------------------------------------------------
// What a viewer may see (core/policy.h applied to records)

// The viewer a person is: their organisation and the clusters whose HQ they serve on `date`
// (positions held then), with the given roles.
[[nodiscard]] Result<core::Viewer> ViewerOf(store::Store& store, std::set<core::Role> roles,
                                            std::optional<core::Id> person_id, Date date);

// A cluster's joint research projects; budget and participation fee are cleared for a viewer
// who may not see them (a company sees only its own projects' budgets).
[[nodiscard]] Result<std::vector<core::Project>> ProjectsFor(store::Store& store,
                                                             const core::Viewer& viewer,
                                                             core::Id cluster_id);

// A cluster's inventions the viewer may see (unpublished ones only for inventors, HQ and
// advisers of the cluster).
[[nodiscard]] Result<std::vector<core::Invention>> InventionsFor(store::Store& store,
                                                                 const core::Viewer& viewer,
                                                                 core::Id cluster_id);

[[nodiscard]] nlohmann::json ToJson(const std::vector<ForumEffect>& forums);
[[nodiscard]] nlohmann::json ToJson(const FunnelReport& report);
[[nodiscard]] nlohmann::json ToJson(const std::vector<LedgerYear>& years);
[[nodiscard]] nlohmann::json ToJson(const std::vector<RosterLine>& roster);

}  // namespace kc::app
