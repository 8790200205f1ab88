// Promotion, grants under the fiscal-year budget, S/A/B/C cluster evaluations, the business rules
// shared with generic record edits, and the JSON forms of the programme office's reports.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/hq.h"
#include "app/inventions.h"
#include "app/programme.h"
#include "app/workflow_support.h"
#include "core/entities.h"

namespace kc::app {

using core::Id;
using detail::InTransaction;
using detail::ListBy;

namespace {}  // namespace

// ---------------------------------------------------------------------------------------------
// Calls

const std::vector<DefaultCriterion>& DefaultCriteria() {
    static const std::vector<DefaultCriterion> criteria = {
        {"rd_potential", "研究開発のポテンシャル", "R&D potential", 0.3, "scientific"},
        {"industrialisation", "産業化の有望度", "Promise of industrialisation", 0.3, "scientific"},
        {"promotion_structure", "推進体制", "Promotion structure", 0.2, "structural"},
        {"regional_commitment", "地域の取組み", "Regional commitment", 0.2, "structural"},
    };
    return criteria;
}

Result<std::vector<Id>> AddDefaultCriteria(store::Transaction& tx, Id call_id) {
    KC_ASSIGN_OR_RETURN(auto call, tx.Get<core::Call>(call_id));
    KC_ASSIGN_OR_RETURN(auto existing, ListBy<core::Criterion>(tx, "call_id", call.id));
    if (!existing.empty()) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "call {} already has {} criteria; change them with `kcluster update criterion …`",
            call.id, existing.size())));
    }
    std::vector<Id> ids;
    for (const auto& d : DefaultCriteria()) {
        core::Criterion criterion;
        criterion.call_id = call.id;
        criterion.key = d.key;
        criterion.label_ja = d.label_ja;
        criterion.label_en = d.label_en;
        criterion.weight = d.weight;
        criterion.criterion_group = d.group;
        KC_ASSIGN_OR_RETURN(Id id, tx.Add(criterion));
        ids.push_back(id);
    }
    return ids;
}

Result<std::vector<Id>> AddDefaultCriteria(store::Store& store, const store::Actor& actor,
                                           Id call_id) {
    return InTransaction(store, actor, true,
                         [&](store::Transaction& tx) { return AddDefaultCriteria(tx, call_id); });
}

// ---------------------------------------------------------------------------------------------
// Promotion

Result<Id> PromoteCluster(store::Transaction& tx, const PromoteOptions& options) {
    KC_ASSIGN_OR_RETURN(auto cluster, tx.Get<core::Cluster>(options.cluster_id));
    if (cluster.status != "trial") {
        return Fail(Error::FailedPrecondition(fmt::format(
            "cluster {} 「{}」 is {}, not a trial cluster: only trial clusters are promoted",
            cluster.id, cluster.name_ja, cluster.status)));
    }
    if (cluster.started_on && options.decided_on < *cluster.started_on) {
        return Fail(Error::Fields("invalid promotion",
                                  {{"decided_on",
                                    fmt::format("a date not before the cluster started ({})",
                                                FormatIso(*cluster.started_on)),
                                    FormatIso(options.decided_on)}}));
    }
    if (options.effective_fy < FiscalYearOf(options.decided_on)) {
        return Fail(Error::Fields("invalid promotion",
                                  {{"effective_fy",
                                    fmt::format("a fiscal year not before the decision ({})",
                                                FormatFiscalYear(FiscalYearOf(options.decided_on))),
                                    FormatFiscalYear(options.effective_fy)}}));
    }
    cluster.status = "full";
    KC_RETURN_IF_ERROR(tx.Save(cluster));
    if (cluster.proposal_id) {
        KC_ASSIGN_OR_RETURN(auto original, tx.Get<core::Proposal>(*cluster.proposal_id));
        if (original.status == "trial") {
            original.status = "promoted";
            KC_RETURN_IF_ERROR(tx.Save(original));
        }
    }
    core::Promotion promotion;
    promotion.cluster_id = cluster.id;
    promotion.proposal_id = options.proposal_id;
    promotion.decided_on = options.decided_on;
    promotion.effective_fy = options.effective_fy;
    promotion.funding_source = options.funding_source;
    return tx.Add(promotion);
}

Result<Id> PromoteCluster(store::Store& store, const store::Actor& actor,
                          const PromoteOptions& options) {
    return InTransaction(store, actor, true,
                         [&](store::Transaction& tx) { return PromoteCluster(tx, options); });
}

// ---------------------------------------------------------------------------------------------
// Grants

Status CheckGrant(store::Transaction& tx, const core::Grant& grant) {
    KC_ASSIGN_OR_RETURN(auto cluster, tx.Get<core::Cluster>(grant.cluster_id));
    KC_ASSIGN_OR_RETURN(auto core_orgs,
                        ListBy<core::CoreOrganization>(tx, "cluster_id", cluster.id));
    bool recipient_ok = std::any_of(core_orgs.begin(), core_orgs.end(), [&](const auto& c) {
        return c.organization_id == grant.organization_id;
    });
    if (!recipient_ok) {
        return Fail(Error::Fields(
            "invalid grant",
            {{"organization_id",
              fmt::format("a core organisation of cluster {} 「{}」", cluster.id, cluster.name_ja),
              std::to_string(grant.organization_id)}}));
    }
    store::Filter budget_filter;
    budget_filter.equals.emplace_back("program_id", cluster.program_id);
    budget_filter.equals.emplace_back("fiscal_year", int64_t{grant.fiscal_year.year});
    KC_ASSIGN_OR_RETURN(auto budgets, tx.List<core::FiscalBudget>(budget_filter));
    if (budgets.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("programme {} has no budget for {}: add the fiscal_budget first",
                        cluster.program_id, FormatFiscalYear(grant.fiscal_year))));
    }
    int64_t budget = budgets.front().regular.value + budgets.front().supplementary.value;
    store::Filter same_fy;
    same_fy.equals.emplace_back("fiscal_year", int64_t{grant.fiscal_year.year});
    KC_ASSIGN_OR_RETURN(auto grants, tx.List<core::Grant>(same_fy));
    int64_t total = grant.amount.value;
    for (const auto& g : grants) {
        if (g.id == grant.id) continue;
        KC_ASSIGN_OR_RETURN(auto c, tx.Get<core::Cluster>(g.cluster_id));
        if (c.program_id == cluster.program_id) total += g.amount.value;
    }
    if (total > budget) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "grants for {} would total {}, {} over the programme budget of {} (regular {} + "
            "supplementary {})",
            FormatFiscalYear(grant.fiscal_year), FormatYen(Yen{total}),
            FormatYen(Yen{total - budget}), FormatYen(Yen{budget}),
            FormatYen(budgets.front().regular), FormatYen(budgets.front().supplementary))));
    }
    return {};
}

Result<Id> AwardGrant(store::Transaction& tx, const core::Grant& grant) {
    core::Grant row = grant;
    if (row.kind.empty()) row.kind = "regular";
    KC_RETURN_IF_ERROR(CheckGrant(tx, row));
    return tx.Add(row);
}

Result<Id> AwardGrant(store::Store& store, const store::Actor& actor, const core::Grant& grant) {
    return InTransaction(store, actor, true,
                         [&](store::Transaction& tx) { return AwardGrant(tx, grant); });
}

// ---------------------------------------------------------------------------------------------
// Cluster evaluations

const std::vector<EvaluationItem>& ClusterEvaluationItems() {
    // Domain notes §5.3 (MEXT post-evaluation items of former knowledge-cluster regions, 2013).
    static const std::vector<EvaluationItem> items = {
        {"overall", "総合評価", "Overall assessment"},
        {"vision_targets", "地域構想と目標・進捗", "Regional vision, targets and progress"},
        {"widening", "広域化・国際化と関連施策との連携",
         "Widening, internationalisation and links with related policies"},
        {"commercialisation", "事業化戦略", "Commercialisation strategy"},
        {"structure", "推進体制", "Promotion structure"},
        {"results", "事業成果(産学官連携・特許・事業化)",
         "Results (collaboration, patents, commercialisation)"},
    };
    return items;
}

Status GradeClusterEvaluation(store::Transaction& tx, const GradeInput& input) {
    KC_ASSIGN_OR_RETURN(auto evaluation, tx.Get<core::ClusterEvaluation>(input.evaluation_id));
    std::vector<FieldError> errors;
    auto grade_ok = [](const std::string& g) {
        return g == "s" || g == "a" || g == "b" || g == "c";
    };
    std::set<std::string> seen;
    for (const auto& [item, grade] : input.grades) {
        bool known = std::any_of(ClusterEvaluationItems().begin(), ClusterEvaluationItems().end(),
                                 [&](const EvaluationItem& i) { return i.key == item; });
        if (!known) {
            std::string keys;
            for (const auto& i : ClusterEvaluationItems())
                keys += (keys.empty() ? "" : ", ") + i.key;
            errors.push_back({"grades." + item, "an item (" + keys + ")", item});
        }
        if (!grade_ok(grade)) errors.push_back({"grades." + item, "S, A, B or C", grade});
        if (!seen.insert(item).second) {
            errors.push_back({"grades." + item, "one grade per item", "a second grade"});
        }
    }
    for (const auto& item : ClusterEvaluationItems()) {
        if (!seen.contains(item.key)) {
            errors.push_back({"grades." + item.key, "a grade S, A, B or C", "nothing"});
        }
    }
    if (!grade_ok(input.overall)) errors.push_back({"overall", "S, A, B or C", input.overall});
    if (!errors.empty()) return Fail(Error::Fields("invalid grades", std::move(errors)));
    if (evaluation.stage != "self_report" && evaluation.stage != "committee_review") {
        return Fail(Error::FailedPrecondition(
            fmt::format("cluster evaluation {} is already {}: grades are final", evaluation.id,
                        evaluation.stage)));
    }
    KC_ASSIGN_OR_RETURN(auto old,
                        ListBy<core::EvaluationGrade>(tx, "cluster_evaluation_id", evaluation.id));
    for (const auto& row : old) {
        KC_RETURN_IF_ERROR(tx.Delete(core::EvaluationGrade::Def(), row.id));
    }
    for (const auto& [item, grade] : input.grades) {
        core::EvaluationGrade row;
        row.cluster_evaluation_id = evaluation.id;
        row.item = item;
        row.grade = grade;
        for (const auto& [key, comment] : input.comments) {
            if (key == item) row.comment = comment;
        }
        KC_RETURN_IF_ERROR(tx.Add(row));
    }
    if (evaluation.stage == "self_report") {
        evaluation.stage = "committee_review";
        KC_RETURN_IF_ERROR(tx.Save(evaluation));
    }
    evaluation.stage = "graded";
    evaluation.overall_grade = input.overall;
    if (!input.summary.empty()) evaluation.summary = input.summary;
    return tx.Save(evaluation);
}

Status GradeClusterEvaluation(store::Store& store, const store::Actor& actor,
                              const GradeInput& input) {
    return InTransaction(store, actor, true,
                         [&](store::Transaction& tx) { return GradeClusterEvaluation(tx, input); });
}

// ---------------------------------------------------------------------------------------------
// Business rules of generic edits

Status CheckBusinessRules(store::Transaction& tx, const core::Record& record) {
    if (record.def == &core::ReviewAssignment::Def()) {
        KC_ASSIGN_OR_RETURN(auto row, core::FromRecord<core::ReviewAssignment>(record));
        return CheckAssignment(tx, row);
    }
    if (record.def == &core::Grant::Def()) {
        KC_ASSIGN_OR_RETURN(auto row, core::FromRecord<core::Grant>(record));
        return CheckGrant(tx, row);
    }
    if (record.def == &core::LedgerEntry::Def()) {
        KC_ASSIGN_OR_RETURN(auto row, core::FromRecord<core::LedgerEntry>(record));
        return CheckLedgerEntry(tx, row);
    }
    if (record.def == &core::ProjectBudget::Def()) {
        KC_ASSIGN_OR_RETURN(auto row, core::FromRecord<core::ProjectBudget>(record));
        return CheckProjectBudget(tx, row);
    }
    if (record.def == &core::LedgerPlan::Def()) {
        KC_ASSIGN_OR_RETURN(auto row, core::FromRecord<core::LedgerPlan>(record));
        return CheckLedgerPlan(tx, row);
    }
    if (record.def == &core::InventionApplicant::Def()) {
        KC_ASSIGN_OR_RETURN(auto row, core::FromRecord<core::InventionApplicant>(record));
        return CheckInventionApplicant(tx, row);
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// JSON

nlohmann::json ToJson(const AssignReport& report) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : report.changes) {
        const char* kind = c.kind == AssignmentChange::Kind::kAdd      ? "add"
                           : c.kind == AssignmentChange::Kind::kRemove ? "remove"
                                                                       : "keep";
        changes.push_back({{"change", kind},
                           {"reviewer_id", c.reviewer_id},
                           {"person_id", c.person_id},
                           {"reviewer", c.reviewer_name},
                           {"proposal_id", c.proposal_id},
                           {"proposal", c.proposal_title},
                           {"affinity", c.affinity},
                           {"locked", c.locked}});
    }
    return {{"proposals", report.proposals},
            {"reviewers", report.reviewers},
            {"added", report.added},
            {"removed", report.removed},
            {"kept", report.kept},
            {"total_affinity", report.total_affinity},
            {"min_proposal_affinity", report.min_proposal_affinity},
            {"applied", report.applied},
            {"changes", changes}};
}

nlohmann::json ToJson(const EvaluationReport& report) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : report.lines) {
        lines.push_back({{"rank", l.rank},
                         {"rank_interval", {l.rank_low, l.rank_high}},
                         {"proposal_id", l.proposal_id},
                         {"title", l.title},
                         {"reviews", l.reviews},
                         {"raw", l.raw},
                         {"calibrated", l.calibrated},
                         {"hearing", l.hearing ? nlohmann::json(*l.hearing) : nlohmann::json()},
                         {"comprehensive", l.comprehensive},
                         {"interval", {l.low, l.high}}});
    }
    nlohmann::json effects = nlohmann::json::array();
    for (const auto& [name, effect] : report.reviewer_effects) {
        effects.push_back({{"reviewer", name}, {"effect", effect}});
    }
    return {{"method", report.method},
            {"hearing_weight", report.hearing_weight},
            {"proposals", lines},
            {"reviewer_effects", effects}};
}

nlohmann::json ToJson(const SelectReport& report) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : report.lines) {
        nlohmann::json line = {{"rank", l.rank},
                               {"proposal_id", l.proposal_id},
                               {"title", l.title},
                               {"score", l.score},
                               {"regions", l.regions},
                               {"cost_full", l.cost_full.value},
                               {"cost_trial", l.cost_trial.value},
                               {"outcome", l.outcome},
                               {"reason", l.reason},
                               {"binding", l.binding}};
        if (l.cluster_id != 0) line["cluster_id"] = l.cluster_id;
        lines.push_back(std::move(line));
    }
    return {{"budget", report.budget.value}, {"cost", report.cost.value},
            {"objective", report.objective}, {"full", report.full},
            {"trial", report.trial},         {"binding", report.binding},
            {"applied", report.applied},     {"proposals", lines}};
}

nlohmann::json ToJson(const std::vector<ConflictFinding>& findings) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : findings) {
        out.push_back({{"person_id", f.person_id},
                       {"proposal_id", f.proposal_id},
                       {"kind", f.kind},
                       {"reason", f.reason},
                       {"recorded", f.recorded}});
    }
    return out;
}

}  // namespace kc::app
