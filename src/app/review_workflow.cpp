// Conflicts of interest, reviewer assignment (engines/assign), reviews and hearing scores.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "app/matching.h"
#include "app/programme.h"
#include "app/workflow_support.h"
#include "core/entities.h"
#include "engines/assign/assign.h"
#include "util/fiscal_year.h"

namespace kc::app {

using core::Id;
using detail::InTransaction;
using detail::ListBy;
using detail::PersonName;

namespace {

// Whether [from, to] (open ends allowed) overlaps [window_from, window_to].
bool Overlaps(const core::OptDate& from, const core::OptDate& to, Date window_from,
              Date window_to) {
    if (from && *from > window_to) return false;
    if (to && *to < window_from) return false;
    return true;
}

struct CallContext {
    core::Call call;
    CallRules rules;
    Date reference;  // the call's closing date (today when it has none)
    Date window_from;
    std::vector<core::Proposal> proposals;
    std::vector<core::Reviewer> reviewers;
};

Result<CallContext> LoadCall(store::Transaction& tx, Id call_id) {
    CallContext ctx;
    KC_ASSIGN_OR_RETURN(ctx.call, tx.Get<core::Call>(call_id));
    ctx.rules = RulesOf(ctx.call);
    ctx.reference = ctx.call.closes_on ? *ctx.call.closes_on : TodayTokyo();
    ctx.window_from = AddYears(ctx.reference, -ctx.rules.conflict_years);
    KC_ASSIGN_OR_RETURN(ctx.proposals, ListBy<core::Proposal>(tx, "call_id", call_id));
    KC_ASSIGN_OR_RETURN(ctx.reviewers, ListBy<core::Reviewer>(tx, "call_id", call_id));
    return ctx;
}

// Proposals that take part in review: not drafts, not yet decided.
bool InReview(const core::Proposal& proposal) {
    return proposal.status == "submitted" || proposal.status == "under_review";
}

}  // namespace

CallRules RulesOf(const core::Call& call) {
    CallRules rules;
    rules.reviewers_per_proposal = static_cast<int>(call.reviewers_per_proposal);
    rules.max_load = static_cast<int>(call.max_load);
    if (call.min_load) rules.min_load = static_cast<int>(*call.min_load);
    if (call.conflict_years) rules.conflict_years = static_cast<int>(*call.conflict_years);
    if (call.score_max) rules.score_max = static_cast<int>(*call.score_max);
    if (call.hearing_weight) rules.hearing_weight = *call.hearing_weight;
    return rules;
}

// ---------------------------------------------------------------------------------------------
// Conflicts

Result<std::vector<ConflictFinding>> DetectConflicts(store::Transaction& tx, Id call_id,
                                                     bool record) {
    KC_ASSIGN_OR_RETURN(CallContext ctx, LoadCall(tx, call_id));
    std::unordered_map<Id, core::Organization> orgs;
    auto org_name = [&](Id id) -> Result<std::string> {
        auto it = orgs.find(id);
        if (it == orgs.end()) {
            KC_ASSIGN_OR_RETURN(core::Organization org, tx.Get<core::Organization>(id));
            it = orgs.emplace(id, std::move(org)).first;
        }
        return it->second.name_ja;
    };

    // Per reviewer: organisations within the window, publications (with co-authors) and projects.
    struct ReviewerFacts {
        core::Person person;
        std::map<Id, std::string> orgs;  // organisation → "now" or the period
        std::vector<std::pair<core::Publication, std::set<Id>>> publications;
        std::vector<core::Project> projects;  // led by the reviewer within the window
    };
    std::vector<ReviewerFacts> facts;
    for (const auto& reviewer : ctx.reviewers) {
        ReviewerFacts f;
        KC_ASSIGN_OR_RETURN(f.person, tx.Get<core::Person>(reviewer.person_id));
        if (f.person.organization_id) f.orgs[*f.person.organization_id] = "現所属";
        KC_ASSIGN_OR_RETURN(auto affiliations,
                            ListBy<core::Affiliation>(tx, "person_id", f.person.id));
        for (const auto& a : affiliations) {
            if (!Overlaps(a.from_date, a.to_date, ctx.window_from, ctx.reference)) continue;
            std::string period = fmt::format("{}〜{}", a.from_date ? FormatIso(*a.from_date) : "",
                                             a.to_date ? FormatIso(*a.to_date) : "");
            f.orgs.emplace(a.organization_id, period);
        }
        KC_ASSIGN_OR_RETURN(auto own, ListBy<core::Publication>(tx, "person_id", f.person.id));
        KC_ASSIGN_OR_RETURN(auto links,
                            ListBy<core::PublicationAuthor>(tx, "person_id", f.person.id));
        for (const auto& link : links) {
            KC_ASSIGN_OR_RETURN(auto publication, tx.Get<core::Publication>(link.publication_id));
            if (publication.person_id != f.person.id) own.push_back(std::move(publication));
        }
        for (auto& publication : own) {
            if (publication.year && *publication.year < ctx.window_from.year) continue;
            std::set<Id> authors = {publication.person_id};
            KC_ASSIGN_OR_RETURN(
                auto co, ListBy<core::PublicationAuthor>(tx, "publication_id", publication.id));
            for (const auto& c : co) authors.insert(c.person_id);
            f.publications.emplace_back(std::move(publication), std::move(authors));
        }
        KC_ASSIGN_OR_RETURN(auto led, ListBy<core::Project>(tx, "leader_id", f.person.id));
        for (auto& project : led) {
            if (Overlaps(project.starts_on, project.ends_on, ctx.window_from, ctx.reference)) {
                f.projects.push_back(std::move(project));
            }
        }
        facts.push_back(std::move(f));
    }

    std::vector<ConflictFinding> findings;
    for (const auto& proposal : ctx.proposals) {
        KC_ASSIGN_OR_RETURN(auto participants,
                            ListBy<core::ProposalParticipant>(tx, "proposal_id", proposal.id));
        std::set<Id> proposal_orgs;
        for (const auto& p : participants) proposal_orgs.insert(p.organization_id);
        KC_ASSIGN_OR_RETURN(auto members,
                            ListBy<core::ProposalMember>(tx, "proposal_id", proposal.id));
        std::set<Id> member_ids;
        for (const auto& m : members) member_ids.insert(m.person_id);
        KC_ASSIGN_OR_RETURN(auto governments,
                            ListBy<core::ProposalGovernment>(tx, "proposal_id", proposal.id));
        std::set<std::string> government_names;
        for (const auto& g : governments) {
            KC_ASSIGN_OR_RETURN(auto gov, tx.Get<core::LocalGovernment>(g.local_government_id));
            government_names.insert(gov.name_ja);
        }
        KC_ASSIGN_OR_RETURN(auto existing, ListBy<core::Conflict>(tx, "proposal_id", proposal.id));
        std::set<std::pair<Id, std::string>> recorded;
        for (const auto& c : existing) recorded.insert({c.person_id, c.kind});

        // Projects led by proposal members within the window (their partner organisations).
        std::vector<core::Project> member_projects;
        for (Id member : member_ids) {
            KC_ASSIGN_OR_RETURN(auto led, ListBy<core::Project>(tx, "leader_id", member));
            for (auto& project : led) {
                if (Overlaps(project.starts_on, project.ends_on, ctx.window_from, ctx.reference)) {
                    member_projects.push_back(std::move(project));
                }
            }
        }

        for (const auto& f : facts) {
            auto add = [&](const char* kind, std::string reason) {
                for (const auto& finding : findings) {
                    if (finding.person_id == f.person.id && finding.proposal_id == proposal.id &&
                        finding.kind == kind) {
                        return;  // one finding per kind and pair: the first reason found
                    }
                }
                ConflictFinding finding;
                finding.person_id = f.person.id;
                finding.proposal_id = proposal.id;
                finding.kind = kind;
                finding.reason = std::move(reason);
                finding.recorded = recorded.contains({f.person.id, kind});
                findings.push_back(std::move(finding));
            };
            for (const auto& [org, period] : f.orgs) {
                if (proposal_orgs.contains(org)) {
                    KC_ASSIGN_OR_RETURN(std::string name, org_name(org));
                    add("same_organization",
                        fmt::format("提案参加機関「{}」に所属({})", name, period));
                }
                KC_ASSIGN_OR_RETURN(std::string name, org_name(org));
                if (orgs.at(org).kind == "local_government" && government_names.contains(name)) {
                    add("same_government", fmt::format("提案自治体「{}」の職員", name));
                }
            }
            if (member_ids.contains(f.person.id)) {
                add("same_organization", "提案書に参加者として記載");
            }
            for (const auto& [publication, authors] : f.publications) {
                for (Id author : authors) {
                    if (author == f.person.id || !member_ids.contains(author)) continue;
                    KC_ASSIGN_OR_RETURN(auto coauthor, tx.Get<core::Person>(author));
                    add("co_author",
                        fmt::format("「{}」({}年)を提案参加者 {} と共著", publication.title,
                                    publication.year ? *publication.year : 0,
                                    PersonName(coauthor)));
                }
            }
            auto project_partners = [&](const core::Project& project) -> Result<std::set<Id>> {
                std::set<Id> partners = {project.lead_organization_id};
                KC_ASSIGN_OR_RETURN(auto rows,
                                    ListBy<core::ProjectPartner>(tx, "project_id", project.id));
                for (const auto& row : rows) partners.insert(row.organization_id);
                return partners;
            };
            for (const auto& project : f.projects) {
                KC_ASSIGN_OR_RETURN(auto partners, project_partners(project));
                for (Id org : partners) {
                    if (!proposal_orgs.contains(org) || f.orgs.contains(org)) continue;
                    KC_ASSIGN_OR_RETURN(std::string name, org_name(org));
                    add("joint_project", fmt::format("共同研究「{}」で提案参加機関「{}」と連携",
                                                     project.title, name));
                }
            }
            for (const auto& project : member_projects) {
                KC_ASSIGN_OR_RETURN(auto partners, project_partners(project));
                for (const auto& [org, period] : f.orgs) {
                    if (!partners.contains(org)) continue;
                    KC_ASSIGN_OR_RETURN(std::string name, org_name(org));
                    add("joint_project",
                        fmt::format("提案参加者が率いる共同研究「{}」に所属機関「{}」が参加",
                                    project.title, name));
                }
            }
        }
    }
    if (record) {
        for (auto& finding : findings) {
            if (finding.recorded) continue;
            core::Conflict conflict;
            conflict.person_id = finding.person_id;
            conflict.proposal_id = finding.proposal_id;
            conflict.kind = finding.kind;
            conflict.source = finding.reason;
            KC_RETURN_IF_ERROR(tx.Add(conflict));
        }
    }
    return findings;
}

Result<std::vector<ConflictFinding>> DetectConflicts(store::Store& store, const store::Actor& actor,
                                                     Id call_id, bool record) {
    return InTransaction(store, actor, record, [&](store::Transaction& tx) {
        return DetectConflicts(tx, call_id, record);
    });
}

// ---------------------------------------------------------------------------------------------
// Assignment

Status CheckAssignment(store::Transaction& tx, const core::ReviewAssignment& row) {
    KC_ASSIGN_OR_RETURN(auto reviewer, tx.Get<core::Reviewer>(row.reviewer_id));
    KC_ASSIGN_OR_RETURN(auto proposal, tx.Get<core::Proposal>(row.proposal_id));
    if (reviewer.call_id != proposal.call_id) {
        return Fail(Error::FailedPrecondition(
            fmt::format("reviewer {} serves call {} but proposal {} belongs to call {}",
                        reviewer.id, reviewer.call_id, proposal.id, proposal.call_id)));
    }
    store::Filter conflict;
    conflict.equals.emplace_back("person_id", reviewer.person_id);
    conflict.equals.emplace_back("proposal_id", proposal.id);
    KC_ASSIGN_OR_RETURN(auto conflicts, tx.List<core::Conflict>(conflict));
    if (!conflicts.empty()) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "reviewer {} has a conflict of interest with proposal {} ({}: {})", reviewer.id,
            proposal.id, conflicts.front().kind, conflicts.front().source)));
    }
    KC_ASSIGN_OR_RETURN(auto assigned,
                        ListBy<core::ReviewAssignment>(tx, "reviewer_id", reviewer.id));
    int64_t load = 0;
    for (const auto& a : assigned) {
        if (a.id == row.id) continue;
        if (a.proposal_id == proposal.id) {
            return Fail(Error::Conflict(
                fmt::format("reviewer {} is already assigned to proposal {} (assignment {})",
                            reviewer.id, proposal.id, a.id)));
        }
        ++load;
    }
    if (load + 1 > reviewer.max_load) {
        return Fail(Error::FailedPrecondition(
            fmt::format("reviewer {} already has {} proposals, the maximum load", reviewer.id,
                        reviewer.max_load)));
    }
    return {};
}

Result<AssignReport> AssignReviewers(store::Transaction& tx, const AssignOptions& options) {
    if (options.detect_conflicts) {
        // Recorded inside this transaction; a preview rolls them back with everything else.
        KC_RETURN_IF_ERROR(DetectConflicts(tx, options.call_id, /*record=*/true));
    }
    KC_ASSIGN_OR_RETURN(CallContext ctx, LoadCall(tx, options.call_id));
    std::vector<core::Proposal> proposals;
    for (auto& p : ctx.proposals) {
        if (InReview(p)) proposals.push_back(p);
    }
    if (proposals.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("call {} has no submitted proposals to assign", options.call_id)));
    }
    if (ctx.reviewers.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("call {} has no reviewers (add reviewer rows first)", options.call_id)));
    }
    std::unordered_map<Id, int32_t> proposal_index, reviewer_index;
    for (size_t i = 0; i < proposals.size(); ++i) {
        proposal_index[proposals[i].id] = static_cast<int32_t>(i);
    }
    std::vector<core::Person> persons;
    for (size_t i = 0; i < ctx.reviewers.size(); ++i) {
        reviewer_index[ctx.reviewers[i].id] = static_cast<int32_t>(i);
        KC_ASSIGN_OR_RETURN(auto person, tx.Get<core::Person>(ctx.reviewers[i].person_id));
        persons.push_back(std::move(person));
    }

    // Current assignments; those with a review are locked in place.
    std::vector<core::ReviewAssignment> current;
    std::set<std::pair<int32_t, int32_t>> locked;
    std::vector<int32_t> locked_demand(proposals.size(), 0), locked_load(ctx.reviewers.size(), 0);
    for (const auto& proposal : proposals) {
        KC_ASSIGN_OR_RETURN(auto rows,
                            ListBy<core::ReviewAssignment>(tx, "proposal_id", proposal.id));
        for (auto& row : rows) {
            auto r = reviewer_index.find(row.reviewer_id);
            if (r == reviewer_index.end()) continue;  // a reviewer of another call: left alone
            KC_ASSIGN_OR_RETURN(auto reviews,
                                ListBy<core::Review>(tx, "review_assignment_id", row.id));
            if (!reviews.empty()) {
                int32_t p = proposal_index.at(row.proposal_id);
                locked.insert({r->second, p});
                ++locked_demand[static_cast<size_t>(p)];
                ++locked_load[static_cast<size_t>(r->second)];
            }
            current.push_back(std::move(row));
        }
    }

    // Conflicts by (reviewer index, proposal index).
    std::set<std::pair<int32_t, int32_t>> conflicted;
    for (size_t r = 0; r < ctx.reviewers.size(); ++r) {
        KC_ASSIGN_OR_RETURN(auto rows,
                            ListBy<core::Conflict>(tx, "person_id", ctx.reviewers[r].person_id));
        for (const auto& row : rows) {
            auto p = proposal_index.find(row.proposal_id);
            if (p != proposal_index.end()) conflicted.insert({static_cast<int32_t>(r), p->second});
        }
    }

    // Affinities, normalised per proposal to 0..1 (a proposal's best reviewer scores 1).
    KC_ASSIGN_OR_RETURN(auto affinities, CallAffinities(tx, options.call_id));
    std::vector<double> best(proposals.size(), 0.0);
    std::map<std::pair<int32_t, int32_t>, double> affinity;
    for (const auto& a : affinities) {
        auto p = proposal_index.find(a.proposal_id);
        auto r = reviewer_index.find(a.reviewer_id);
        if (p == proposal_index.end() || r == reviewer_index.end()) continue;
        affinity[{r->second, p->second}] = a.score;
        best[static_cast<size_t>(p->second)] =
            std::max(best[static_cast<size_t>(p->second)], a.score);
    }
    for (auto& [key, score] : affinity) {
        double top = best[static_cast<size_t>(key.second)];
        score = top > 0 ? score / top : 0.0;
    }

    assign::Problem problem;
    problem.num_reviewers = static_cast<int32_t>(ctx.reviewers.size());
    problem.num_proposals = static_cast<int32_t>(proposals.size());
    problem.objective = options.objective == AssignObjective::kFair ? assign::Objective::kFair
                                                                    : assign::Objective::kTotal;
    for (size_t p = 0; p < proposals.size(); ++p) {
        problem.demand.push_back(std::max(0, ctx.rules.reviewers_per_proposal - locked_demand[p]));
    }
    bool any_min = false;
    for (size_t r = 0; r < ctx.reviewers.size(); ++r) {
        const auto& reviewer = ctx.reviewers[r];
        int32_t max_load = std::min(static_cast<int32_t>(reviewer.max_load),
                                    static_cast<int32_t>(ctx.rules.max_load));
        problem.max_load.push_back(std::max(0, max_load - locked_load[r]));
        int32_t min_load = reviewer.min_load ? static_cast<int32_t>(*reviewer.min_load)
                                             : static_cast<int32_t>(ctx.rules.min_load);
        min_load = std::min(min_load, max_load);
        problem.min_load.push_back(std::max(0, min_load - locked_load[r]));
        any_min = any_min || problem.min_load.back() > 0;
    }
    if (!any_min) problem.min_load.clear();
    for (int32_t r = 0; r < problem.num_reviewers; ++r) {
        for (int32_t p = 0; p < problem.num_proposals; ++p) {
            if (locked.contains({r, p})) continue;
            if (conflicted.contains({r, p})) {
                problem.forbidden.push_back({r, p});
            }
            auto it = affinity.find({r, p});
            problem.edges.push_back({r, p, it == affinity.end() ? 0.0 : it->second});
        }
    }

    auto solved = assign::Solve(problem);
    if (!solved) {
        if (solved.error().code != ErrorCode::kFailedPrecondition) return Fail(solved.error());
        // Name the proposals and reviewers at fault by id and title.
        std::string message =
            fmt::format("call {}: no assignment satisfies the rules", ctx.call.id);
        for (const auto& reason : assign::Diagnose(problem)) {
            using Kind = assign::Infeasibility::Kind;
            std::string line;
            const core::Proposal* p =
                reason.proposal >= 0 ? &proposals[static_cast<size_t>(reason.proposal)] : nullptr;
            const core::Person* r =
                reason.reviewer >= 0 ? &persons[static_cast<size_t>(reason.reviewer)] : nullptr;
            switch (reason.kind) {
                case Kind::kProposalShort:
                    line = fmt::format(
                        "proposal {} 「{}」 has {} reviewer{} without a conflict and needs {}",
                        p ? p->id : 0, p ? p->title_ja : "", reason.have,
                        reason.have == 1 ? "" : "s", reason.need);
                    break;
                case Kind::kCapacity:
                    line = fmt::format("total capacity {} < demand {}", reason.have, reason.need);
                    break;
                case Kind::kMinLoadExcess:
                    line = fmt::format("the minimum loads add up to {} > demand {}", reason.need,
                                       reason.have);
                    break;
                case Kind::kReviewerShort:
                    line = fmt::format(
                        "reviewer {} ({}) can review {} proposals without a conflict but the "
                        "minimum load is {}",
                        r ? ctx.reviewers[static_cast<size_t>(reason.reviewer)].id : 0,
                        r ? PersonName(*r) : "", reason.have, reason.need);
                    break;
                case Kind::kFlow:
                case Kind::kMinLoadFlow: {
                    auto ids = [](const std::vector<int32_t>& indexes, auto&& id_of) {
                        std::string out;
                        for (int32_t i : indexes) {
                            out += (out.empty() ? "" : ", ") + std::to_string(id_of(i));
                        }
                        return out;
                    };
                    std::string ps = ids(reason.proposals, [&](int32_t i) {
                        return proposals[static_cast<size_t>(i)].id;
                    });
                    std::string rs = ids(reason.reviewers, [&](int32_t i) {
                        return ctx.reviewers[static_cast<size_t>(i)].id;
                    });
                    line = reason.kind == Kind::kFlow
                               ? fmt::format(
                                     "proposals {} need {} reviews but only reviewers {} "
                                     "({} places) can take them",
                                     ps, reason.need, rs.empty() ? "none" : rs, reason.have)
                               : fmt::format(
                                     "reviewers {} must review {} proposals but only "
                                     "proposals {} ({} places) are open to them",
                                     rs, reason.need, ps.empty() ? "none" : ps, reason.have);
                    break;
                }
            }
            message += "\n  " + line;
        }
        return Fail(Error::FailedPrecondition(message));
    }

    // Compare with the current assignments.
    AssignReport report;
    report.proposals = problem.num_proposals;
    report.reviewers = problem.num_reviewers;
    std::set<std::pair<int32_t, int32_t>> chosen;
    for (const auto& edge : solved->pairs) chosen.insert({edge.reviewer, edge.proposal});
    std::set<std::pair<int32_t, int32_t>> existing;
    auto change = [&](AssignmentChange::Kind kind, int32_t r, int32_t p, Id assignment_id) {
        AssignmentChange c;
        c.kind = kind;
        c.reviewer_id = ctx.reviewers[static_cast<size_t>(r)].id;
        c.person_id = persons[static_cast<size_t>(r)].id;
        c.proposal_id = proposals[static_cast<size_t>(p)].id;
        c.assignment_id = assignment_id;
        c.reviewer_name = PersonName(persons[static_cast<size_t>(r)]);
        c.proposal_title = proposals[static_cast<size_t>(p)].title_ja;
        auto it = affinity.find({r, p});
        c.affinity = it == affinity.end() ? 0.0 : it->second;
        c.locked = locked.contains({r, p});
        report.changes.push_back(std::move(c));
    };
    for (const auto& row : current) {
        int32_t r = reviewer_index.at(row.reviewer_id);
        int32_t p = proposal_index.at(row.proposal_id);
        existing.insert({r, p});
        if (locked.contains({r, p}) || chosen.contains({r, p})) {
            change(AssignmentChange::Kind::kKeep, r, p, row.id);
            ++report.kept;
        } else {
            change(AssignmentChange::Kind::kRemove, r, p, row.id);
            ++report.removed;
        }
    }
    for (const auto& [r, p] : chosen) {
        if (existing.contains({r, p})) continue;
        change(AssignmentChange::Kind::kAdd, r, p, 0);
        ++report.added;
    }
    std::sort(report.changes.begin(), report.changes.end(),
              [](const AssignmentChange& a, const AssignmentChange& b) {
                  return std::tie(a.proposal_id, a.reviewer_id) <
                         std::tie(b.proposal_id, b.reviewer_id);
              });
    // Totals over the resulting assignment (kept + added).
    std::vector<double> per_proposal(proposals.size(), 0.0);
    for (const auto& c : report.changes) {
        if (c.kind == AssignmentChange::Kind::kRemove) continue;
        report.total_affinity += c.affinity;
        per_proposal[static_cast<size_t>(proposal_index.at(c.proposal_id))] += c.affinity;
    }
    report.min_proposal_affinity = *std::min_element(per_proposal.begin(), per_proposal.end());

    if (options.apply) {
        for (const auto& c : report.changes) {
            if (c.kind == AssignmentChange::Kind::kRemove) {
                KC_RETURN_IF_ERROR(tx.Delete(core::ReviewAssignment::Def(), c.assignment_id));
            }
        }
        for (const auto& c : report.changes) {
            if (c.kind != AssignmentChange::Kind::kAdd) continue;
            core::ReviewAssignment row;
            row.reviewer_id = c.reviewer_id;
            row.proposal_id = c.proposal_id;
            row.affinity = std::round(c.affinity * 1e6) / 1e6;
            row.origin = "solver";
            KC_RETURN_IF_ERROR(CheckAssignment(tx, row));  // the same rules as a manual change
            KC_RETURN_IF_ERROR(tx.Add(row));
        }
        for (auto& proposal : proposals) {
            if (proposal.status != "submitted") continue;
            proposal.status = "under_review";
            KC_RETURN_IF_ERROR(tx.Save(proposal));
        }
        report.applied = true;
    }
    return report;
}

Result<AssignReport> AssignReviewers(store::Store& store, const store::Actor& actor,
                                     const AssignOptions& options) {
    return InTransaction(store, actor, options.apply,
                         [&](store::Transaction& tx) { return AssignReviewers(tx, options); });
}

// ---------------------------------------------------------------------------------------------
// Reviews and hearings

namespace {

// Resolves `key` (a criterion key or id) among the call's criteria.
Result<const core::Criterion*> FindCriterion(const std::vector<core::Criterion>& criteria,
                                             const std::string& key) {
    for (const auto& c : criteria) {
        if (c.key == key || std::to_string(c.id) == key) return &c;
    }
    std::string known;
    for (const auto& c : criteria) known += (known.empty() ? "" : ", ") + c.key;
    return Fail(Error::Fields("invalid scores",
                              {{"scores." + key, "a criterion of the call (" + known + ")", key}}));
}

Status CheckScores(const std::vector<core::Criterion>& criteria,
                   const std::vector<std::pair<std::string, int64_t>>& scores, int score_max,
                   bool complete) {
    std::vector<FieldError> errors;
    std::set<Id> seen;
    for (const auto& [key, score] : scores) {
        auto criterion = FindCriterion(criteria, key);
        if (!criterion) {
            for (auto& e : criterion.error().fields) errors.push_back(e);
            continue;
        }
        if (!seen.insert((*criterion)->id).second) {
            errors.push_back({"scores." + key, "one score per criterion", "a second score"});
        }
        if (score < 1 || score > score_max) {
            errors.push_back({"scores." + key, fmt::format("an integer 1..{}", score_max),
                              std::to_string(score)});
        }
    }
    if (complete) {
        for (const auto& c : criteria) {
            if (!seen.contains(c.id)) {
                errors.push_back(
                    {"scores." + c.key, fmt::format("a score 1..{}", score_max), "nothing"});
            }
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid scores", std::move(errors)));
    return {};
}

double Weighted(const std::vector<core::Criterion>& criteria,
                const std::vector<core::ReviewScore>& scores) {
    double sum = 0, weight = 0;
    for (const auto& s : scores) {
        for (const auto& c : criteria) {
            if (c.id != s.criterion_id) continue;
            sum += c.weight * static_cast<double>(s.score);
            weight += c.weight;
        }
    }
    return weight > 0 ? sum / weight : 0.0;
}

}  // namespace

Result<Id> SaveReview(store::Transaction& tx, const ReviewInput& input) {
    KC_ASSIGN_OR_RETURN(auto assignment, tx.Get<core::ReviewAssignment>(input.assignment_id));
    KC_ASSIGN_OR_RETURN(auto proposal, tx.Get<core::Proposal>(assignment.proposal_id));
    KC_ASSIGN_OR_RETURN(auto call, tx.Get<core::Call>(proposal.call_id));
    KC_ASSIGN_OR_RETURN(auto criteria, ListBy<core::Criterion>(tx, "call_id", call.id));
    KC_RETURN_IF_ERROR(CheckScores(criteria, input.scores, RulesOf(call).score_max, input.submit));

    KC_ASSIGN_OR_RETURN(auto reviews,
                        ListBy<core::Review>(tx, "review_assignment_id", assignment.id));
    core::Review review;
    if (!reviews.empty()) {
        review = reviews.front();
        if (review.status == "submitted") {
            return Fail(Error::FailedPrecondition(
                fmt::format("review {} was submitted at {} and can no longer change", review.id,
                            review.submitted_at)));
        }
    }
    review.review_assignment_id = assignment.id;
    if (!input.comment.empty() || review.id == 0) review.comment = input.comment;
    review.status = "draft";
    if (review.id == 0) {
        KC_ASSIGN_OR_RETURN(review.id, tx.Add(review));
    }
    KC_ASSIGN_OR_RETURN(auto old_scores, ListBy<core::ReviewScore>(tx, "review_id", review.id));
    for (const auto& [key, value] : input.scores) {
        KC_ASSIGN_OR_RETURN(const core::Criterion* criterion, FindCriterion(criteria, key));
        core::ReviewScore score;
        for (const auto& old : old_scores) {
            if (old.criterion_id == criterion->id) score = old;
        }
        score.review_id = review.id;
        score.criterion_id = criterion->id;
        score.score = value;
        if (score.id == 0) {
            KC_RETURN_IF_ERROR(tx.Add(score));
        } else {
            KC_RETURN_IF_ERROR(tx.Save(score));
        }
    }
    if (input.submit) {
        KC_ASSIGN_OR_RETURN(auto now_scores, ListBy<core::ReviewScore>(tx, "review_id", review.id));
        std::set<Id> covered;
        for (const auto& s : now_scores) covered.insert(s.criterion_id);
        for (const auto& c : criteria) {
            if (!covered.contains(c.id)) {
                return Fail(Error::Fields("cannot submit the review",
                                          {{"scores." + c.key, "a score", "nothing"}}));
            }
        }
        review.status = "submitted";
        review.submitted_at = input.submitted_at.empty() ? NowTokyoIso() : input.submitted_at;
        KC_RETURN_IF_ERROR(tx.Save(review));
    } else if (!input.comment.empty()) {
        KC_RETURN_IF_ERROR(tx.Save(review));
    }
    return review.id;
}

Result<Id> SaveReview(store::Store& store, const store::Actor& actor, const ReviewInput& input) {
    return InTransaction(store, actor, true,
                         [&](store::Transaction& tx) { return SaveReview(tx, input); });
}

Result<std::vector<ReviewView>> ProposalReviews(store::Store& store, Id proposal_id,
                                                std::optional<Id> as_person) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto proposal, tx->Get<core::Proposal>(proposal_id));
    KC_ASSIGN_OR_RETURN(auto criteria, ListBy<core::Criterion>(*tx, "call_id", proposal.call_id));
    KC_ASSIGN_OR_RETURN(auto assignments,
                        ListBy<core::ReviewAssignment>(*tx, "proposal_id", proposal_id));
    std::vector<ReviewView> views;
    bool own_submitted = false, own_assigned = false;
    for (const auto& assignment : assignments) {
        KC_ASSIGN_OR_RETURN(auto reviewer, tx->Get<core::Reviewer>(assignment.reviewer_id));
        KC_ASSIGN_OR_RETURN(auto person, tx->Get<core::Person>(reviewer.person_id));
        KC_ASSIGN_OR_RETURN(auto reviews,
                            ListBy<core::Review>(*tx, "review_assignment_id", assignment.id));
        bool own = as_person && *as_person == person.id;
        own_assigned = own_assigned || own;
        for (const auto& review : reviews) {
            if (own && review.status == "submitted") own_submitted = true;
            ReviewView view;
            view.review_id = review.id;
            view.reviewer_id = reviewer.id;
            view.person_id = person.id;
            view.reviewer_name = PersonName(person);
            view.status = review.status;
            view.comment = review.comment;
            view.submitted_at = review.submitted_at;
            KC_ASSIGN_OR_RETURN(auto scores,
                                ListBy<core::ReviewScore>(*tx, "review_id", review.id));
            for (const auto& s : scores) {
                for (const auto& c : criteria) {
                    if (c.id == s.criterion_id) view.scores.emplace_back(c.key, s.score);
                }
            }
            view.weighted = Weighted(criteria, scores);
            views.push_back(std::move(view));
        }
    }
    if (as_person) {
        if (!own_assigned) {
            return Fail(Error{
                ErrorCode::kPermissionDenied,
                fmt::format("person {} is not assigned to proposal {}", *as_person, proposal_id),
                {}});
        }
        if (!own_submitted) {
            // Only one's own review until it is submitted.
            std::erase_if(views, [&](const ReviewView& v) { return v.person_id != *as_person; });
            if (views.empty() || views.front().status != "submitted") {
                return Fail(
                    Error{ErrorCode::kPermissionDenied,
                          fmt::format("the other reviews of proposal {} are visible only after you "
                                      "submit your own",
                                      proposal_id),
                          {}});
            }
        }
        // Others' drafts are never shown.
        std::erase_if(views, [&](const ReviewView& v) {
            return v.person_id != *as_person && v.status != "submitted";
        });
    }
    return views;
}

Status ScoreHearing(store::Transaction& tx, const HearingScoreInput& input) {
    KC_ASSIGN_OR_RETURN(auto hearing, tx.Get<core::Hearing>(input.hearing_id));
    KC_ASSIGN_OR_RETURN(auto proposal, tx.Get<core::Proposal>(hearing.proposal_id));
    KC_ASSIGN_OR_RETURN(auto call, tx.Get<core::Call>(proposal.call_id));
    KC_RETURN_IF_ERROR(tx.Get<core::Person>(input.person_id));
    KC_ASSIGN_OR_RETURN(auto criteria, ListBy<core::Criterion>(tx, "call_id", call.id));
    KC_RETURN_IF_ERROR(CheckScores(criteria, input.scores, RulesOf(call).score_max, true));
    store::Filter conflict;
    conflict.equals.emplace_back("person_id", input.person_id);
    conflict.equals.emplace_back("proposal_id", proposal.id);
    KC_ASSIGN_OR_RETURN(auto conflicts, tx.List<core::Conflict>(conflict));
    if (!conflicts.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("person {} has a conflict of interest with proposal {} ({})",
                        input.person_id, proposal.id, conflicts.front().source)));
    }
    KC_ASSIGN_OR_RETURN(auto old, ListBy<core::HearingScore>(tx, "hearing_id", hearing.id));
    for (const auto& row : old) {
        if (row.person_id == input.person_id) {
            KC_RETURN_IF_ERROR(tx.Delete(core::HearingScore::Def(), row.id));
        }
    }
    for (const auto& [key, value] : input.scores) {
        KC_ASSIGN_OR_RETURN(const core::Criterion* criterion, FindCriterion(criteria, key));
        core::HearingScore score;
        score.hearing_id = hearing.id;
        score.person_id = input.person_id;
        score.criterion_id = criterion->id;
        score.score = value;
        score.comment = input.comment;
        KC_RETURN_IF_ERROR(tx.Add(score));
    }
    return {};
}

Status ScoreHearing(store::Store& store, const store::Actor& actor,
                    const HearingScoreInput& input) {
    return InTransaction(store, actor, true,
                         [&](store::Transaction& tx) { return ScoreHearing(tx, input); });
}

}  // namespace kc::app
