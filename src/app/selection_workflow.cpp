// The comprehensive evaluation (engines/select calibration) and the budget-constrained selection
// (engines/select MIP) of a call, with decisions and clusters.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "app/programme.h"
#include "app/workflow_support.h"
#include "core/entities.h"
#include "engines/select/select.h"
#include "util/fiscal_year.h"

namespace kc::app {

using core::Id;
using detail::InTransaction;
using detail::ListBy;

namespace {

double Round(double value, double unit = 1e-4) { return std::round(value / unit) * unit; }

// The trial cluster covering exactly the regions of a promotion proposal.
Result<Id> TrialClusterOf(store::Transaction& tx, Id proposal_id) {
    KC_ASSIGN_OR_RETURN(auto links, ListBy<core::ProposalRegion>(tx, "proposal_id", proposal_id));
    std::set<Id> regions;
    for (const auto& l : links) regions.insert(l.region_id);
    store::Filter trial;
    trial.equals.emplace_back("status", std::string("trial"));
    KC_ASSIGN_OR_RETURN(auto clusters, tx.List<core::Cluster>(trial));
    for (const auto& cluster : clusters) {
        KC_ASSIGN_OR_RETURN(auto rows, ListBy<core::ClusterRegion>(tx, "cluster_id", cluster.id));
        std::set<Id> covered;
        for (const auto& r : rows) covered.insert(r.region_id);
        if (!regions.empty() && covered == regions) return cluster.id;
    }
    return Fail(Error::FailedPrecondition(fmt::format(
        "proposal {} asks for promotion but no trial cluster covers exactly its regions",
        proposal_id)));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Evaluation

Result<EvaluationReport> EvaluateCall(store::Transaction& tx, const EvaluateOptions& options) {
    KC_ASSIGN_OR_RETURN(auto call, tx.Get<core::Call>(options.call_id));
    CallRules rules = RulesOf(call);
    KC_ASSIGN_OR_RETURN(auto criteria, ListBy<core::Criterion>(tx, "call_id", call.id));
    if (criteria.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("call {} has no criteria to score against", call.id)));
    }
    std::unordered_map<Id, double> weight;
    double weight_sum = 0;
    for (const auto& c : criteria) {
        weight[c.id] = c.weight;
        weight_sum += c.weight;
    }
    if (weight_sum <= 0) {
        return Fail(Error::FailedPrecondition(
            fmt::format("call {}: the criteria weights add up to 0", call.id)));
    }
    auto weighted = [&](const std::vector<std::pair<Id, int64_t>>& scores) {
        double sum = 0, w = 0;
        for (const auto& [criterion, score] : scores) {
            sum += weight[criterion] * static_cast<double>(score);
            w += weight[criterion];
        }
        return w > 0 ? sum / w : 0.0;
    };

    KC_ASSIGN_OR_RETURN(auto all, ListBy<core::Proposal>(tx, "call_id", call.id));
    std::vector<core::Proposal> proposals;
    for (auto& p : all) {
        if (p.status != "draft") proposals.push_back(std::move(p));
    }
    select::CalibrationInput input;
    input.lambda = options.lambda;
    input.bootstrap = options.bootstrap;
    input.level = options.level;
    input.seed = options.seed;
    std::unordered_map<Id, int32_t> reviewer_index;
    std::vector<std::string> reviewer_names;
    std::vector<std::optional<double>> hearing(proposals.size());
    std::vector<core::Proposal> rated;
    std::vector<std::optional<double>> rated_hearing;
    std::vector<std::string> unrated;
    for (size_t i = 0; i < proposals.size(); ++i) {
        const auto& proposal = proposals[i];
        KC_ASSIGN_OR_RETURN(auto assignments,
                            ListBy<core::ReviewAssignment>(tx, "proposal_id", proposal.id));
        std::vector<select::Rating> ratings;
        for (const auto& assignment : assignments) {
            KC_ASSIGN_OR_RETURN(auto reviews,
                                ListBy<core::Review>(tx, "review_assignment_id", assignment.id));
            for (const auto& review : reviews) {
                if (review.status != "submitted") continue;
                KC_ASSIGN_OR_RETURN(auto scores,
                                    ListBy<core::ReviewScore>(tx, "review_id", review.id));
                std::vector<std::pair<Id, int64_t>> pairs;
                for (const auto& s : scores) pairs.emplace_back(s.criterion_id, s.score);
                auto [it, inserted] = reviewer_index.try_emplace(
                    assignment.reviewer_id, static_cast<int32_t>(reviewer_index.size()));
                if (inserted) {
                    KC_ASSIGN_OR_RETURN(auto reviewer,
                                        tx.Get<core::Reviewer>(assignment.reviewer_id));
                    KC_ASSIGN_OR_RETURN(auto person, tx.Get<core::Person>(reviewer.person_id));
                    reviewer_names.push_back(detail::PersonName(person));
                }
                ratings.push_back(
                    {it->second, static_cast<int32_t>(rated.size()), weighted(pairs)});
            }
        }
        // Hearing: mean over panel members of their weighted scores.
        KC_ASSIGN_OR_RETURN(auto hearings, ListBy<core::Hearing>(tx, "proposal_id", proposal.id));
        std::map<std::pair<Id, Id>, std::vector<std::pair<Id, int64_t>>> panel;
        for (const auto& h : hearings) {
            KC_ASSIGN_OR_RETURN(auto scores, ListBy<core::HearingScore>(tx, "hearing_id", h.id));
            for (const auto& s : scores) {
                panel[{h.id, s.person_id}].emplace_back(s.criterion_id, s.score);
            }
        }
        std::optional<double> hearing_score;
        if (!panel.empty()) {
            double sum = 0;
            for (const auto& [key, scores] : panel) sum += weighted(scores);
            hearing_score = sum / static_cast<double>(panel.size());
        }
        if (ratings.empty()) {
            unrated.push_back(fmt::format("{} 「{}」", proposal.id, proposal.title_ja));
            continue;
        }
        for (auto& r : ratings) input.ratings.push_back(r);
        rated.push_back(proposal);
        rated_hearing.push_back(hearing_score);
    }
    if (rated.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("call {} has no submitted reviews to evaluate", call.id)));
    }
    input.num_proposals = static_cast<int32_t>(rated.size());
    input.num_reviewers = static_cast<int32_t>(reviewer_index.size());
    KC_ASSIGN_OR_RETURN(select::Calibration calibration, select::Calibrate(input));

    EvaluationReport report;
    report.hearing_weight = rules.hearing_weight;
    report.method = fmt::format(
        "comprehensive = (1 − {0:.2f})·calibrated review score + {0:.2f}·mean hearing score; "
        "calibration: additive reviewer effects, ridge λ = {1}; {2:.0f}% bootstrap interval "
        "from {3} resamples (seed {4})",
        rules.hearing_weight, options.lambda, options.level * 100, options.bootstrap, options.seed);
    for (size_t r = 0; r < reviewer_names.size(); ++r) {
        report.reviewer_effects.emplace_back(reviewer_names[r], calibration.reviewer_effect[r]);
    }
    for (size_t i = 0; i < rated.size(); ++i) {
        const auto& score = calibration.proposals[i];
        EvaluationLine line;
        line.proposal_id = rated[i].id;
        line.title = rated[i].title_ja;
        line.reviews = score.ratings;
        line.raw = score.raw;
        line.calibrated = score.calibrated;
        line.hearing = rated_hearing[i];
        double w = line.hearing ? rules.hearing_weight : 0.0;
        double h = line.hearing ? *line.hearing : 0.0;
        line.comprehensive = (1 - w) * score.calibrated + w * h;
        line.low = (1 - w) * score.low + w * h;
        line.high = (1 - w) * score.high + w * h;
        line.rank_low = score.rank_low;
        line.rank_high = score.rank_high;
        report.lines.push_back(std::move(line));
    }
    std::stable_sort(report.lines.begin(), report.lines.end(),
                     [](const EvaluationLine& a, const EvaluationLine& b) {
                         if (a.comprehensive != b.comprehensive) {
                             return a.comprehensive > b.comprehensive;
                         }
                         return a.proposal_id < b.proposal_id;
                     });
    for (size_t i = 0; i < report.lines.size(); ++i) {
        auto& line = report.lines[i];
        line.rank = static_cast<int>(i + 1);
        // The bootstrap ranks are by review score; the interval always contains the rank.
        line.rank_low = std::min(line.rank_low > 0 ? line.rank_low : line.rank, line.rank);
        line.rank_high = std::max(line.rank_high, line.rank);
    }
    if (!unrated.empty()) {
        std::string list;
        for (const auto& u : unrated) list += "\n  " + u;
        return Fail(Error::FailedPrecondition(
            fmt::format("call {}: proposals without a submitted review cannot be evaluated:{}",
                        call.id, list)));
    }

    if (options.record) {
        std::string at = options.computed_at.empty() ? NowTokyoIso() : options.computed_at;
        for (const auto& line : report.lines) {
            KC_ASSIGN_OR_RETURN(auto rows,
                                ListBy<core::Evaluation>(tx, "proposal_id", line.proposal_id));
            core::Evaluation row = rows.empty() ? core::Evaluation{} : rows.back();
            row.proposal_id = line.proposal_id;
            row.raw_score = Round(line.raw);
            row.calibrated_score = Round(line.calibrated);
            row.hearing_score =
                line.hearing ? std::optional<double>(Round(*line.hearing)) : std::nullopt;
            row.comprehensive_score = Round(line.comprehensive);
            row.interval_low = Round(line.low);
            row.interval_high = std::max(Round(line.high), Round(line.low));
            row.rank = line.rank;
            row.rank_low = line.rank_low;
            row.rank_high = line.rank_high;
            row.reviews = line.reviews;
            row.computed_at = at;
            if (row.id == 0) {
                KC_RETURN_IF_ERROR(tx.Add(row));
            } else {
                KC_RETURN_IF_ERROR(tx.Save(row));
            }
        }
    }
    return report;
}

Result<EvaluationReport> EvaluateCall(store::Store& store, const store::Actor& actor,
                                      const EvaluateOptions& options) {
    return InTransaction(store, actor, options.record,
                         [&](store::Transaction& tx) { return EvaluateCall(tx, options); });
}

// ---------------------------------------------------------------------------------------------
// Selection

namespace {

// Parses one --constraint. Grammar (documented in `kcluster select --help`):
//   per-prefecture<=N | per-field<=N       at most N selected per prefecture / field
//   prefectures>=K | fields>=K             at least K distinct prefectures / fields
//   prefecture:NAME<=N | >=N | =N          bounds on one prefecture (field:CODE likewise)
Status ParseConstraint(const std::string& text, select::SelectionInput& input) {
    auto fail = [&](const std::string& why) {
        return Fail(Error::Fields("invalid --constraint",
                                  {{"--constraint",
                                    why + " (per-prefecture<=N, per-field<=N, prefectures>=K, "
                                          "fields>=K, prefecture:NAME<=N, field:CODE>=N)",
                                    text}}));
    };
    size_t op = text.find_first_of("<>=");
    if (op == std::string::npos || op == 0) return fail("a name, an operator and a number");
    std::string name = text.substr(0, op);
    std::string rest = text.substr(op);
    std::string oper;
    if (rest.starts_with("<=") || rest.starts_with(">=")) {
        oper = rest.substr(0, 2);
    } else if (rest.starts_with("=")) {
        oper = "=";
    } else {
        return fail("the operator <=, >= or =");
    }
    std::string number = rest.substr(oper.size());
    int32_t n = 0;
    if (number.empty() || number.size() > 6 ||
        !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return fail("a whole number after the operator");
    }
    n = static_cast<int32_t>(std::stol(number));
    if (name == "per-prefecture" || name == "per-field") {
        if (oper != "<=") return fail("per-… takes <=");
        select::GroupConstraint g;
        g.group = name == "per-prefecture" ? "prefecture:" : "field:";
        g.max = n;
        input.groups.push_back(g);
        return {};
    }
    if (name == "prefectures" || name == "fields") {
        if (oper != ">=") return fail("a count of distinct groups takes >=");
        select::DistinctConstraint d;
        d.prefix = name == "fields" ? "field:" : "prefecture:";
        d.min_distinct = n;
        input.distinct.push_back(d);
        return {};
    }
    if ((name.starts_with("prefecture:") || name.starts_with("field:")) &&
        name.find(':') + 1 < name.size()) {
        select::GroupConstraint g;
        g.group = name;
        if (oper == "<=" || oper == "=") g.max = n;
        if (oper == ">=" || oper == "=") g.min = n;
        input.groups.push_back(g);
        return {};
    }
    return fail("a known constraint name");
}

}  // namespace

Result<SelectReport> SelectProposals(store::Transaction& tx, const SelectOptions& options) {
    KC_ASSIGN_OR_RETURN(auto call, tx.Get<core::Call>(options.call_id));
    if (options.budget.value <= 0) {
        return Fail(Error::Fields(
            "invalid selection",
            {{"--budget", "a positive amount of yen per year", FormatYen(options.budget)}}));
    }
    if (options.apply && !options.decided_on) {
        return Fail(Error::Fields(
            "invalid selection",
            {{"--decided-on", "the decision date (YYYY-MM-DD) to record", "nothing"}}));
    }
    if (options.apply && call.kind == "promotion" && !options.effective_fy) {
        return Fail(
            Error::Fields("invalid selection",
                          {{"--effective-fy",
                            "the fiscal year from which promoted clusters are full", "nothing"}}));
    }
    select::SelectionInput input;
    input.budget = options.budget.value;
    input.full_count = options.full;
    input.trial_count = options.trial;
    input.trial_weight = options.trial_weight;
    for (const auto& text : options.constraints) KC_RETURN_IF_ERROR(ParseConstraint(text, input));

    std::optional<Yen> per_region = options.per_region;
    if (!per_region && call.scale_per_region) per_region = *call.scale_per_region;
    std::optional<Yen> trial_per_region = options.trial_per_region;
    if (!trial_per_region && call.trial_scale_per_region) {
        trial_per_region = *call.trial_scale_per_region;
    }

    KC_ASSIGN_OR_RETURN(auto all, ListBy<core::Proposal>(tx, "call_id", call.id));
    std::vector<core::Proposal> proposals;
    std::vector<SelectLine> lines;
    std::vector<std::string> missing;
    for (auto& proposal : all) {
        if (proposal.status != "under_review" && proposal.status != "submitted") continue;
        KC_ASSIGN_OR_RETURN(auto evaluations,
                            ListBy<core::Evaluation>(tx, "proposal_id", proposal.id));
        std::optional<double> score;
        if (!evaluations.empty()) {
            const auto& e = evaluations.back();
            score = e.comprehensive_score ? e.comprehensive_score : e.calibrated_score;
        }
        if (!score) {
            missing.push_back(fmt::format("{} 「{}」", proposal.id, proposal.title_ja));
            continue;
        }
        KC_ASSIGN_OR_RETURN(auto regions,
                            ListBy<core::ProposalRegion>(tx, "proposal_id", proposal.id));
        SelectLine line;
        line.proposal_id = proposal.id;
        line.title = proposal.title_ja;
        line.score = *score;
        line.regions = std::max<int>(1, static_cast<int>(regions.size()));
        if (per_region) {
            line.cost_full = Yen{per_region->value * line.regions};
        } else if (proposal.requested_per_year) {
            line.cost_full = *proposal.requested_per_year;
        } else {
            return Fail(Error::FailedPrecondition(fmt::format(
                "proposal {} has no requested budget and the call no scale per region: give "
                "--per-region",
                proposal.id)));
        }
        line.cost_trial = trial_per_region ? Yen{trial_per_region->value * line.regions} : Yen{};
        select::Candidate candidate;
        candidate.label = fmt::format("proposal {} 「{}」", proposal.id, proposal.title_ja);
        candidate.score = line.score;
        candidate.cost_full = line.cost_full.value;
        candidate.cost_trial = line.cost_trial.value;
        candidate.allow_trial = trial_per_region.has_value();
        std::set<std::string> prefectures;
        for (const auto& link : regions) {
            KC_ASSIGN_OR_RETURN(auto region, tx.Get<core::Region>(link.region_id));
            if (!region.prefecture.empty()) prefectures.insert(region.prefecture);
        }
        for (const auto& p : prefectures) candidate.groups.push_back("prefecture:" + p);
        candidate.groups.push_back("field:" + proposal.field);
        input.candidates.push_back(std::move(candidate));
        lines.push_back(std::move(line));
        proposals.push_back(std::move(proposal));
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += "\n  " + m;
        return Fail(Error::FailedPrecondition(fmt::format(
            "call {}: run `kcluster evaluate --call {}` first; proposals without an evaluation:{}",
            call.id, call.id, list)));
    }
    if (proposals.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("call {} has no proposals under review to select from", call.id)));
    }
    KC_ASSIGN_OR_RETURN(select::Selection selection, select::Select(input));

    SelectReport report;
    report.budget = options.budget;
    report.cost = Yen{selection.cost};
    report.objective = selection.objective;
    report.binding = selection.binding;
    std::vector<size_t> order(lines.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return lines[a].score > lines[b].score; });
    for (size_t k = 0; k < order.size(); ++k) lines[order[k]].rank = static_cast<int>(k + 1);
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& result = selection.candidates[i];
        lines[i].outcome = result.outcome == select::Outcome::kFull    ? "full"
                           : result.outcome == select::Outcome::kTrial ? "trial"
                                                                       : "rejected";
        lines[i].reason = result.reason;
        lines[i].binding = result.binding;
        if (result.outcome == select::Outcome::kFull) ++report.full;
        if (result.outcome == select::Outcome::kTrial) ++report.trial;
    }

    if (options.apply) {
        KC_ASSIGN_OR_RETURN(auto program, tx.Get<core::Program>(call.program_id));
        for (size_t i = 0; i < lines.size(); ++i) {
            auto& line = lines[i];
            auto& proposal = proposals[i];
            if (proposal.status == "submitted") {
                proposal.status = "under_review";
                KC_RETURN_IF_ERROR(tx.Save(proposal));
            }
            core::Decision decision;
            decision.proposal_id = proposal.id;
            decision.outcome = line.outcome;
            decision.decided_on = *options.decided_on;
            decision.reason = line.reason + options.note;
            KC_RETURN_IF_ERROR(tx.Add(decision));
            proposal.status = line.outcome;
            KC_RETURN_IF_ERROR(tx.Save(proposal));
            if (line.outcome == "rejected") continue;
            if (call.kind == "promotion") {
                if (line.outcome != "full") continue;
                KC_ASSIGN_OR_RETURN(line.cluster_id, TrialClusterOf(tx, proposal.id));
                PromoteOptions promote;
                promote.cluster_id = line.cluster_id;
                promote.decided_on = *options.decided_on;
                promote.effective_fy = *options.effective_fy;
                promote.funding_source = options.funding_source;
                promote.proposal_id = proposal.id;
                KC_RETURN_IF_ERROR(PromoteCluster(tx, promote));
                continue;
            }

            core::Cluster cluster;
            cluster.program_id = program.id;
            cluster.proposal_id = proposal.id;
            cluster.name_ja = proposal.title_ja;
            cluster.name_en = proposal.title_en;
            cluster.field = proposal.field;
            cluster.status = line.outcome;
            cluster.phase = program.phase;
            KC_ASSIGN_OR_RETURN(line.cluster_id, tx.Add(cluster));
            KC_ASSIGN_OR_RETURN(auto regions,
                                ListBy<core::ProposalRegion>(tx, "proposal_id", proposal.id));
            for (const auto& r : regions) {
                core::ClusterRegion link;
                link.cluster_id = line.cluster_id;
                link.region_id = r.region_id;
                KC_RETURN_IF_ERROR(tx.Add(link));
            }
            KC_ASSIGN_OR_RETURN(auto governments,
                                ListBy<core::ProposalGovernment>(tx, "proposal_id", proposal.id));
            for (const auto& g : governments) {
                core::ClusterGovernment link;
                link.cluster_id = line.cluster_id;
                link.local_government_id = g.local_government_id;
                KC_RETURN_IF_ERROR(tx.Add(link));
            }
            KC_ASSIGN_OR_RETURN(auto participants,
                                ListBy<core::ProposalParticipant>(tx, "proposal_id", proposal.id));
            for (const auto& p : participants) {
                if (p.role != "core_organization") continue;
                core::CoreOrganization core_org;
                core_org.cluster_id = line.cluster_id;
                core_org.organization_id = p.organization_id;
                core_org.from_date = *options.decided_on;
                KC_RETURN_IF_ERROR(tx.Add(core_org));
            }
        }
        if (call.status != "decided") {
            // draft → open → closed → decided: a call being decided has closed.
            static const char* kSteps[] = {"draft", "open", "closed", "decided"};
            bool passed = false;
            for (const char* step : kSteps) {
                if (call.status == step) {
                    passed = true;
                    continue;
                }
                if (!passed) continue;
                call.status = step;
                KC_RETURN_IF_ERROR(tx.Save(call));
            }
        }
        report.applied = true;
    }
    for (size_t k = 0; k < order.size(); ++k) report.lines.push_back(lines[order[k]]);
    return report;
}

Result<SelectReport> SelectProposals(store::Store& store, const store::Actor& actor,
                                     const SelectOptions& options) {
    return InTransaction(store, actor, options.apply,
                         [&](store::Transaction& tx) { return SelectProposals(tx, options); });
}

}  // namespace kc::app
