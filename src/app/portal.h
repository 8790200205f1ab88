#pragma once

// The cluster-headquarters use cases as a signed-in viewer reaches them through the web portal:
// the same reports as app/hq.h, report.h, ip.h, inventions.h and matching.h, guarded by who may
// ask, plus the signed-in person's own records ("me").
//
// Who may call what:
//   cluster dashboards (KPIs, funnel, ledger, forums, roster, IP deadlines, match suggestions,
//   accepting or declining a match, its explanation, stage-gate decisions)
//       HQ staff of that cluster (core::Viewer::IsHqOf) and programme staff. HQ staff of other
//       clusters get NotFound (the cluster-only data of another cluster is not theirs to know
//       about); every other role gets PermissionDenied.
//   a cluster's projects, a project's summary
//       everyone signed in; budgets and fees cleared unless core::CanViewProjectBudget.
//   an invention's view
//       core::CanViewInvention; NotFound (not PermissionDenied) for an unpublished one the viewer
//       may not see, so that its existence does not leak.
//   my needs, seeds, projects
//       everyone signed in: the records of their organisation or person (none for an account
//       with neither).
// Writes are one transaction each (the app/ use cases they call) and audited with `actor`.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/hq.h"
#include "app/inventions.h"
#include "app/ip.h"
#include "app/matching.h"
#include "app/report.h"
#include "core/policy.h"
#include "core/record.h"
#include "store/store.h"
#include "util/date.h"
#include "util/fiscal_year.h"

namespace kc::app {

// OK for HQ staff of `cluster_id` and programme staff. NotFound for an unknown cluster and for HQ
// staff of other clusters; PermissionDenied for the other roles.
[[nodiscard]] Status CheckHqAccess(store::Store& store, const core::Viewer& viewer,
                                   core::Id cluster_id);

// ---------------------------------------------------------------------------------------------
// Cluster dashboards (CheckHqAccess first, then the report of app/hq.h or report.h)

// The annual report of the cluster for `fiscal_year` (its KPIs and their history).
[[nodiscard]] Result<AnnualReport> ClusterKpis(store::Store& store, const core::Viewer& viewer,
                                               core::Id cluster_id, FiscalYear fiscal_year);
// {cluster_id, fiscal_year, kpis:[{code, family, family_ja, family_en, name_ja, name_en, unit,
// unit_ja, target, actual, cumulative_target, cumulative_actual, achievement, computable,
// method_ja, method_en}], history:[{fiscal_year, values:[{code, target, actual,
// cumulative_target, cumulative_actual}]}]}: the report's numbers, unchanged (null = none).
[[nodiscard]] nlohmann::json KpisToJson(const AnnualReport& report);

[[nodiscard]] Result<FunnelReport> ClusterFunnel(store::Store& store, const core::Viewer& viewer,
                                                 core::Id cluster_id, FiscalYear fiscal_year);
[[nodiscard]] Result<std::vector<LedgerYear>> ClusterLedger(store::Store& store,
                                                            const core::Viewer& viewer,
                                                            core::Id cluster_id,
                                                            std::optional<FiscalYear> fiscal_year);
// {years: ToJson(years), carry_over: {rule_ja, rule_en}}.
[[nodiscard]] nlohmann::json LedgerToJson(const std::vector<LedgerYear>& years);
[[nodiscard]] Result<std::vector<ForumEffect>> ClusterForums(store::Store& store,
                                                             const core::Viewer& viewer,
                                                             core::Id cluster_id,
                                                             std::optional<FiscalYear> fiscal_year);
[[nodiscard]] Result<std::vector<RosterLine>> ClusterRoster(store::Store& store,
                                                            const core::Viewer& viewer,
                                                            core::Id cluster_id,
                                                            std::optional<Date> date);

// The deadlines of the cluster's open applications due within `within` (ParseWindow: "90d",
// "12w", "6m", "1y"; InvalidArgument naming `within` otherwise) of `today`, most urgent first.
[[nodiscard]] Result<std::vector<UpcomingDeadline>> ClusterIpDeadlines(store::Store& store,
                                                                       const core::Viewer& viewer,
                                                                       core::Id cluster_id,
                                                                       const std::string& within,
                                                                       Date today);
// {today, within_days, items:[{application_id, application_number, office, status,
// invention_id, invention_title, published, cluster_id, attorney, key, label_ja, label_en, due,
// days_left, urgency, kind, number, grace_until, source}]}.
[[nodiscard]] nlohmann::json DeadlinesToJson(const std::vector<UpcomingDeadline>& items, Date today,
                                             int64_t within_days);

// The options of a match-suggestion run for the cluster's needs, checked before the run starts
// (CheckHqAccess first): the cluster set from `cluster_id`; InvalidArgument naming `need_id` for
// a need of another cluster, `seed_id` (the reverse direction runs over every cluster's needs,
// so it is not offered per cluster), `top` outside 1..1000 and `min_score` below 0.
[[nodiscard]] Result<SuggestOptions> PrepareSuggestions(store::Store& store,
                                                        const core::Viewer& viewer,
                                                        core::Id cluster_id,
                                                        SuggestOptions options);

// The matches of the cluster's needs (with `status` when not empty: InvalidArgument naming
// `status` for a value that is not a match status), oldest first, with the seed and need titles.
struct MatchLine {
    core::Match match;
    std::string seed_title, need_title;
};
[[nodiscard]] Result<std::vector<MatchLine>> ClusterMatches(store::Store& store,
                                                            const core::Viewer& viewer,
                                                            core::Id cluster_id,
                                                            const std::string& status);
// {items:[{…match fields, seed_title, need_title}]}.
[[nodiscard]] nlohmann::json ToJson(const std::vector<MatchLine>& lines);

// ---------------------------------------------------------------------------------------------
// Projects

// A cluster's projects (NotFound for an unknown cluster), as ProjectsFor.
[[nodiscard]] Result<std::vector<core::Project>> ClusterProjects(store::Store& store,
                                                                 const core::Viewer& viewer,
                                                                 core::Id cluster_id);

struct GateInput {
    core::Id project_id = 0;
    core::Id milestone_id = 0;
    std::string decision;  // go | revise | stop
    Date date;
};

// A stage-gate decision on a milestone of the project (HQ staff of the project's cluster and
// programme staff). InvalidArgument naming `milestone_id` when the milestone belongs to another
// project and `decision` when it is not go, revise or stop. Returns the summary after it.
[[nodiscard]] Result<ProjectSummary> DecideGateAs(store::Store& store, const core::Viewer& viewer,
                                                  const store::Actor& actor,
                                                  const GateInput& input);

// ---------------------------------------------------------------------------------------------
// Inventions and matches

// ShowInvention with an unseeable invention reported as NotFound.
[[nodiscard]] Result<InventionView> ShowInventionAs(store::Store& store, const core::Viewer& viewer,
                                                    core::Id invention_id, Date today);

// A match the viewer may act on: NotFound when the viewer may not read it (app/record_access.h:
// as its need), PermissionDenied when they may read it but are neither HQ staff of its need's
// cluster nor programme staff.
[[nodiscard]] Result<core::Match> MatchForHq(store::Store& store, const core::Viewer& viewer,
                                             core::Id match_id);

// AcceptMatch / DeclineMatch after MatchForHq; return the match as changed.
[[nodiscard]] Result<core::Match> AcceptMatchAs(store::Store& store, const core::Viewer& viewer,
                                                const store::Actor& actor, core::Id match_id);
[[nodiscard]] Result<core::Match> DeclineMatchAs(store::Store& store, const core::Viewer& viewer,
                                                 const store::Actor& actor, core::Id match_id,
                                                 const std::string& reason);

// Why a match was suggested: the terms stored with it by SuggestMatches, or, for a match
// recorded without them (imported, or the demo's prose explanation), the terms recomputed by
// scoring the need against every seed with the matcher's BM25 (source "recomputed").
struct MatchExplanation {
    core::Match match;
    std::string seed_title, need_title;
    std::string source;  // stored | recomputed
    std::string note;    // a stored explanation that is prose, not terms
    std::optional<double> score;
    std::vector<ExplainedTerm> terms;
};

[[nodiscard]] Result<MatchExplanation> ExplainMatchAs(store::Store& store,
                                                      const core::Viewer& viewer,
                                                      core::Id match_id);
[[nodiscard]] nlohmann::json ToJson(const MatchExplanation& explanation);

// ---------------------------------------------------------------------------------------------
// Me

// The needs of the viewer's organisation or with the viewer as contact, the seeds of their
// organisation or owned by them, the projects their organisation leads or partners in or they
// lead (budgets cleared as in ProjectsFor), each by id. Empty for an account with no person.
[[nodiscard]] Result<std::vector<core::Record>> MyNeeds(store::Store& store,
                                                        const core::Viewer& viewer);
[[nodiscard]] Result<std::vector<core::Record>> MySeeds(store::Store& store,
                                                        const core::Viewer& viewer);
[[nodiscard]] Result<std::vector<core::Record>> MyProjects(store::Store& store,
                                                           const core::Viewer& viewer);

}  // namespace kc::app
