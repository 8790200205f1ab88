#include "app/portal.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/record_access.h"
#include "app/search.h"
#include "app/workflow_support.h"
#include "core/entities.h"
#include "core/value_io.h"

namespace kc::app {
namespace {

using core::Id;
using core::Viewer;

constexpr size_t kExplainTerms = 8;

bool HasHqRole(const Viewer& viewer) {
    using core::Role;
    return viewer.Has(Role::kHqDirector) || viewer.Has(Role::kProgramManager) ||
           viewer.Has(Role::kResearchDirector) || viewer.Has(Role::kCoordinator) ||
           viewer.Has(Role::kAdviser);
}

Error NoCluster(Id cluster_id) {
    return Error::NotFound(fmt::format("no cluster with id {}", cluster_id));
}

nlohmann::json Optional(const std::optional<int64_t>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
nlohmann::json Optional(const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

const KpiDefinition* DefinitionOf(const std::string& code) {
    for (const auto& def : KpiDefinitions()) {
        if (def.code == code) return &def;
    }
    return nullptr;
}

// What a KPI counts (every KPI is a count of something).
std::pair<const char*, const char*> UnitOf(const std::string& code) {
    static const std::map<std::string, std::pair<const char*, const char*>> kUnits = {
        {"joint_research", {"projects", "件"}},
        {"patent_applications", {"applications", "件"}},
        {"papers", {"papers", "報"}},
        {"commercializations", {"products", "件"}},
        {"licences", {"licences", "件"}},
        {"hr_development", {"people", "人"}},
        {"ventures", {"companies", "社"}},
        {"outside_region_partners", {"organizations", "機関"}},
        {"international_applications", {"applications", "件"}},
        {"participating_companies", {"companies", "社"}},
        {"forums", {"forums", "回"}},
        {"forum_participants", {"people", "人"}},
    };
    auto it = kUnits.find(code);
    return it == kUnits.end() ? std::pair<const char*, const char*>{"count", "件"} : it->second;
}

nlohmann::json ValueJson(const KpiValue& value) {
    return {{"code", value.kpi},
            {"target", Optional(value.target)},
            {"actual", Optional(value.actual)},
            {"cumulative_target", Optional(value.cumulative_target)},
            {"cumulative_actual", Optional(value.cumulative_actual)},
            {"achievement", Optional(value.Achievement())}};
}

template <class T>
void AddUnique(std::map<Id, T>& into, std::vector<T> items) {
    for (auto& item : items) into.emplace(item.id, std::move(item));
}

template <class T>
std::vector<core::Record> Records(const std::map<Id, T>& items) {
    std::vector<core::Record> out;
    out.reserve(items.size());
    for (const auto& [id, item] : items) out.push_back(core::ToRecord(item));
    return out;
}

}  // namespace

Status CheckHqAccess(store::Store& store, const Viewer& viewer, Id cluster_id) {
    const bool allowed = viewer.IsProgrammeStaff() || viewer.IsHqOf(cluster_id);
    if (!allowed && !HasHqRole(viewer)) {
        return Fail(Error{ErrorCode::kPermissionDenied,
                          "cluster dashboards are for the cluster's HQ staff and programme staff",
                          {}});
    }
    // HQ staff of other clusters learn nothing, not even whether the cluster exists.
    if (!allowed) return Fail(NoCluster(cluster_id));
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    auto cluster = tx->Get<core::Cluster>(cluster_id);
    if (!cluster) {
        if (cluster.error().code == ErrorCode::kNotFound) return Fail(NoCluster(cluster_id));
        return Fail(cluster.error());
    }
    return {};
}

Result<AnnualReport> ClusterKpis(store::Store& store, const Viewer& viewer, Id cluster_id,
                                 FiscalYear fiscal_year) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    return BuildAnnualReport(store, cluster_id, fiscal_year);
}

nlohmann::json KpisToJson(const AnnualReport& report) {
    nlohmann::json kpis = nlohmann::json::array();
    for (const auto& value : report.kpis) {
        nlohmann::json row = ValueJson(value);
        const KpiDefinition* def = DefinitionOf(value.kpi);
        auto [unit, unit_ja] = UnitOf(value.kpi);
        row["unit"] = unit;
        row["unit_ja"] = unit_ja;
        if (def) {
            row["family"] = def->family;
            row["family_ja"] = def->family_ja;
            row["family_en"] = def->family_en;
            row["name_ja"] = def->label_ja;
            row["name_en"] = def->label_en;
            row["computable"] = def->computable;
            row["method_ja"] = def->method_ja;
            row["method_en"] = def->method_en;
        }
        kpis.push_back(std::move(row));
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& year : report.history) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& value : year.values) values.push_back(ValueJson(value));
        history.push_back({{"fiscal_year", year.fiscal_year.year}, {"values", std::move(values)}});
    }
    return {{"cluster_id", report.cluster_id},
            {"cluster_name_ja", report.cluster_name_ja},
            {"cluster_name_en", report.cluster_name_en},
            {"fiscal_year", report.fiscal_year.year},
            {"kpis", std::move(kpis)},
            {"history", std::move(history)}};
}

Result<FunnelReport> ClusterFunnel(store::Store& store, const Viewer& viewer, Id cluster_id,
                                   FiscalYear fiscal_year) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    return Funnel(store, cluster_id, fiscal_year);
}

Result<std::vector<LedgerYear>> ClusterLedger(store::Store& store, const Viewer& viewer,
                                              Id cluster_id,
                                              std::optional<FiscalYear> fiscal_year) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    return LedgerSummary(store, cluster_id, fiscal_year);
}

nlohmann::json LedgerToJson(const std::vector<LedgerYear>& years) {
    return {{"years", ToJson(years)},
            {"carry_over", {{"rule_ja", kCarryOverRuleJa}, {"rule_en", kCarryOverRuleEn}}}};
}

Result<std::vector<ForumEffect>> ClusterForums(store::Store& store, const Viewer& viewer,
                                               Id cluster_id,
                                               std::optional<FiscalYear> fiscal_year) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    return ForumEffects(store, cluster_id, fiscal_year);
}

Result<std::vector<RosterLine>> ClusterRoster(store::Store& store, const Viewer& viewer,
                                              Id cluster_id, std::optional<Date> date) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    return Roster(store, cluster_id, date);
}

Result<std::vector<UpcomingDeadline>> ClusterIpDeadlines(store::Store& store, const Viewer& viewer,
                                                         Id cluster_id, const std::string& within,
                                                         Date today) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    auto days = ParseWindow(within, today);
    if (!days) {
        return Fail(Error::Fields(
            "invalid window",
            {{"within", "a period such as 90d, 12w, 6m or 1y", fmt::format("\"{}\"", within)}}));
    }
    UpcomingOptions options;
    options.today = today;
    options.within_days = *days;
    options.cluster_id = cluster_id;
    return UpcomingDeadlines(store, options);
}

nlohmann::json DeadlinesToJson(const std::vector<UpcomingDeadline>& items, Date today,
                               int64_t within_days) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : items) {
        const core::Deadline& d = item.dated.deadline;
        out.push_back({
            {"application_id", item.application_id},
            {"application_number", item.application_number},
            {"office", item.office},
            {"status", item.status},
            {"invention_id", item.invention_id},
            {"invention_title", item.invention_title},
            {"published", item.published},
            {"cluster_id", item.cluster_id},
            {"attorney", item.attorney_name},
            {"key", d.key},
            {"label_ja", d.label_ja},
            {"label_en", d.label_en},
            {"due", FormatIso(d.due)},
            {"days_left", item.dated.days_left},
            {"urgency", UrgencyCode(item.dated.urgency)},
            {"urgency_ja", UrgencyLabelJa(item.dated.urgency)},
            {"kind", core::DeadlineKindName(d.kind)},
            {"number", d.number > 0 ? nlohmann::json(d.number) : nlohmann::json(nullptr)},
            {"grace_until",
             d.grace_until ? nlohmann::json(FormatIso(*d.grace_until)) : nlohmann::json(nullptr)},
            {"source", d.source},
        });
    }
    return {{"today", FormatIso(today)}, {"within_days", within_days}, {"items", std::move(out)}};
}

Result<SuggestOptions> PrepareSuggestions(store::Store& store, const Viewer& viewer, Id cluster_id,
                                          SuggestOptions options) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    std::vector<FieldError> errors;
    if (options.cluster_id && *options.cluster_id != cluster_id) {
        errors.push_back({"cluster_id", fmt::format("{} (the cluster of the path)", cluster_id),
                          std::to_string(*options.cluster_id)});
    }
    options.cluster_id = cluster_id;
    if (options.seed_id) {
        errors.push_back({"seed_id", "nothing: suggestions run from the cluster's needs",
                          std::to_string(*options.seed_id)});
    }
    if (options.top < 1 || options.top > 1000) {
        errors.push_back({"top", "an integer 1..1000", std::to_string(options.top)});
    }
    if (!(options.min_score >= 0)) {
        errors.push_back({"min_score", "a number >= 0", fmt::format("{}", options.min_score)});
    }
    if (options.need_id) {
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        auto need = tx->Get<core::Need>(*options.need_id);
        if (!need && need.error().code != ErrorCode::kNotFound) return Fail(need.error());
        if (!need || need->cluster_id != cluster_id) {
            errors.push_back({"need_id", fmt::format("a need of cluster {}", cluster_id),
                              std::to_string(*options.need_id)});
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid suggestion run", std::move(errors)));
    return options;
}

Result<std::vector<MatchLine>> ClusterMatches(store::Store& store, const Viewer& viewer,
                                              Id cluster_id, const std::string& status) {
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, cluster_id));
    if (!status.empty()) {
        const core::FieldDef* field = core::Match::Def().Find("status");
        KC_CHECK(field != nullptr, "match has a status");
        bool known = false;
        std::string codes;
        for (const auto& value : field->enum_values) {
            known = known || value.code == status;
            codes += (codes.empty() ? "" : ", ") + value.code;
        }
        if (!known) {
            return Fail(Error::Fields("invalid parameter", {{"status", "one of " + codes,
                                                             fmt::format("\"{}\"", status)}}));
        }
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto needs, detail::ListBy<core::Need>(*tx, "cluster_id", cluster_id));
    std::vector<MatchLine> lines;
    std::map<Id, std::string> seed_titles;
    for (const auto& need : needs) {
        KC_ASSIGN_OR_RETURN(auto matches, detail::ListBy<core::Match>(*tx, "need_id", need.id));
        for (auto& match : matches) {
            if (!status.empty() && match.status != status) continue;
            auto it = seed_titles.find(match.seed_id);
            if (it == seed_titles.end()) {
                KC_ASSIGN_OR_RETURN(auto seed, tx->Get<core::Seed>(match.seed_id));
                it = seed_titles.emplace(seed.id, seed.title.empty() ? seed.title_en : seed.title)
                         .first;
            }
            lines.push_back({std::move(match), it->second, need.title});
        }
    }
    std::sort(lines.begin(), lines.end(),
              [](const MatchLine& a, const MatchLine& b) { return a.match.id < b.match.id; });
    return lines;
}

nlohmann::json ToJson(const std::vector<MatchLine>& lines) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& line : lines) {
        nlohmann::json row = core::RecordToJson(core::ToRecord(line.match));
        row["seed_title"] = line.seed_title;
        row["need_title"] = line.need_title;
        items.push_back(std::move(row));
    }
    return {{"items", std::move(items)}};
}

Result<std::vector<core::Project>> ClusterProjects(store::Store& store, const Viewer& viewer,
                                                   Id cluster_id) {
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        KC_RETURN_IF_ERROR(tx->Get<core::Cluster>(cluster_id));
    }
    return ProjectsFor(store, viewer, cluster_id);
}

Result<ProjectSummary> DecideGateAs(store::Store& store, const Viewer& viewer,
                                    const store::Actor& actor, const GateInput& input) {
    core::Project project;
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        KC_ASSIGN_OR_RETURN(project, tx->Get<core::Project>(input.project_id));
    }
    KC_RETURN_IF_ERROR(CheckHqAccess(store, viewer, project.cluster_id));
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        std::vector<FieldError> errors;
        if (input.decision != "go" && input.decision != "revise" && input.decision != "stop") {
            errors.push_back(
                {"decision", "go, revise or stop", fmt::format("\"{}\"", input.decision)});
        }
        auto found = tx->Get<core::Milestone>(input.milestone_id);
        if (!found && found.error().code != ErrorCode::kNotFound) return Fail(found.error());
        if (!found || found->project_id != project.id) {
            errors.push_back({"milestone_id", fmt::format("a milestone of project {}", project.id),
                              std::to_string(input.milestone_id)});
        }
        if (!errors.empty()) return Fail(Error::Fields("invalid gate decision", std::move(errors)));
    }
    KC_RETURN_IF_ERROR(DecideGate(store, actor, input.milestone_id, input.decision, input.date));
    return SummarizeProject(store, viewer, input.project_id);
}

Result<InventionView> ShowInventionAs(store::Store& store, const Viewer& viewer, Id invention_id,
                                      Date today) {
    auto view = ShowInvention(store, viewer, invention_id, today);
    if (!view && view.error().code == ErrorCode::kPermissionDenied) {
        return Fail(Error::NotFound(fmt::format("no invention with id {}", invention_id)));
    }
    return view;
}

Result<core::Match> MatchForHq(store::Store& store, const Viewer& viewer, Id match_id) {
    KC_ASSIGN_OR_RETURN(auto record, ShowVisibleRecord(store, viewer, "match", match_id));
    KC_ASSIGN_OR_RETURN(auto match, core::FromRecord<core::Match>(record));
    if (viewer.IsProgrammeStaff()) return match;
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto need, tx->Get<core::Need>(match.need_id));
    if (!viewer.IsHqOf(need.cluster_id)) {
        return Fail(Error{ErrorCode::kPermissionDenied,
                          "only HQ staff of the need's cluster and programme staff act on matches",
                          {}});
    }
    return match;
}

Result<core::Match> AcceptMatchAs(store::Store& store, const Viewer& viewer,
                                  const store::Actor& actor, Id match_id) {
    KC_RETURN_IF_ERROR(MatchForHq(store, viewer, match_id));
    KC_RETURN_IF_ERROR(AcceptMatch(store, actor, match_id));
    return MatchForHq(store, viewer, match_id);
}

Result<core::Match> DeclineMatchAs(store::Store& store, const Viewer& viewer,
                                   const store::Actor& actor, Id match_id,
                                   const std::string& reason) {
    KC_RETURN_IF_ERROR(MatchForHq(store, viewer, match_id));
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(
            Error::Fields("invalid decline", {{"reason", "why the pair is declined", "nothing"}}));
    }
    KC_RETURN_IF_ERROR(DeclineMatch(store, actor, match_id, reason));
    return MatchForHq(store, viewer, match_id);
}

Result<MatchExplanation> ExplainMatchAs(store::Store& store, const Viewer& viewer, Id match_id) {
    MatchExplanation out;
    KC_ASSIGN_OR_RETURN(out.match, MatchForHq(store, viewer, match_id));
    out.score = out.match.score;
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto need, tx->Get<core::Need>(out.match.need_id));
    KC_ASSIGN_OR_RETURN(auto seed, tx->Get<core::Seed>(out.match.seed_id));
    out.seed_title = seed.title;
    out.need_title = need.title;
    auto stored = nlohmann::json::parse(out.match.explanation, nullptr, false);
    if (stored.is_object() && stored.contains("terms") && stored["terms"].is_array()) {
        out.source = "stored";
        for (const auto& term : stored["terms"]) {
            if (!term.is_object()) continue;
            out.terms.push_back(
                {term.value("term", ""), term.value("surface", ""), term.value("weight", 0.0)});
        }
        return out;
    }
    // Recorded without terms: score the need against every seed as SuggestMatches does.
    out.source = "recomputed";
    out.note = out.match.explanation;
    KC_ASSIGN_OR_RETURN(auto seeds, tx->List<core::Seed>());
    auto it = std::find_if(seeds.begin(), seeds.end(),
                           [&](const core::Seed& s) { return s.id == seed.id; });
    KC_CHECK(it != seeds.end(), "the match's seed was just read");
    KC_ASSIGN_OR_RETURN(auto pair, ExplainPair(seeds, static_cast<size_t>(it - seeds.begin()), need,
                                               kExplainTerms));
    out.terms = std::move(pair.terms);
    out.score = pair.score;
    return out;
}

nlohmann::json ToJson(const MatchExplanation& explanation) {
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& term : explanation.terms) {
        terms.push_back({{"term", term.term}, {"surface", term.surface}, {"weight", term.weight}});
    }
    return {{"match_id", explanation.match.id},
            {"seed_id", explanation.match.seed_id},
            {"need_id", explanation.match.need_id},
            {"seed_title", explanation.seed_title},
            {"need_title", explanation.need_title},
            {"status", explanation.match.status},
            {"score", Optional(explanation.score)},
            {"source", explanation.source},
            {"note", explanation.note},
            {"terms", std::move(terms)}};
}

Result<std::vector<core::Record>> MyNeeds(store::Store& store, const Viewer& viewer) {
    std::map<Id, core::Need> needs;
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    if (viewer.organization_id) {
        KC_ASSIGN_OR_RETURN(
            auto own, detail::ListBy<core::Need>(*tx, "organization_id", *viewer.organization_id));
        AddUnique(needs, std::move(own));
    }
    if (viewer.person_id) {
        KC_ASSIGN_OR_RETURN(auto contact,
                            detail::ListBy<core::Need>(*tx, "contact_id", *viewer.person_id));
        AddUnique(needs, std::move(contact));
    }
    return Records(needs);
}

Result<std::vector<core::Record>> MySeeds(store::Store& store, const Viewer& viewer) {
    std::map<Id, core::Seed> seeds;
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    if (viewer.organization_id) {
        KC_ASSIGN_OR_RETURN(
            auto own, detail::ListBy<core::Seed>(*tx, "organization_id", *viewer.organization_id));
        AddUnique(seeds, std::move(own));
    }
    if (viewer.person_id) {
        KC_ASSIGN_OR_RETURN(auto owned,
                            detail::ListBy<core::Seed>(*tx, "owner_id", *viewer.person_id));
        AddUnique(seeds, std::move(owned));
    }
    return Records(seeds);
}

Result<std::vector<core::Record>> MyProjects(store::Store& store, const Viewer& viewer) {
    std::map<Id, core::Project> projects;
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    if (viewer.organization_id) {
        const Id org = *viewer.organization_id;
        KC_ASSIGN_OR_RETURN(auto led,
                            detail::ListBy<core::Project>(*tx, "lead_organization_id", org));
        AddUnique(projects, std::move(led));
        KC_ASSIGN_OR_RETURN(auto partners,
                            detail::ListBy<core::ProjectPartner>(*tx, "organization_id", org));
        for (const auto& partner : partners) {
            if (projects.contains(partner.project_id)) continue;
            KC_ASSIGN_OR_RETURN(auto project, tx->Get<core::Project>(partner.project_id));
            projects.emplace(project.id, std::move(project));
        }
    }
    if (viewer.person_id) {
        KC_ASSIGN_OR_RETURN(auto led,
                            detail::ListBy<core::Project>(*tx, "leader_id", *viewer.person_id));
        AddUnique(projects, std::move(led));
    }
    for (auto& [id, project] : projects) {
        KC_ASSIGN_OR_RETURN(auto partners,
                            detail::ListBy<core::ProjectPartner>(*tx, "project_id", id));
        std::vector<Id> organisations = {project.lead_organization_id};
        for (const auto& p : partners) organisations.push_back(p.organization_id);
        if (!core::CanViewProjectBudget(viewer, project, organisations)) {
            project.budget.reset();
            project.participation_fee.reset();
        }
    }
    return Records(projects);
}

}  // namespace kc::app
