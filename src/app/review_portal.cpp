#include "app/review_portal.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/jobs.h"
#include "app/record_access.h"
#include "app/workflow_support.h"
#include "util/text.h"

namespace kc::app {

using core::Id;
using detail::InTransaction;
using detail::ListBy;

namespace {

Error PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}};
}

Error NoAssignment(Id id) {
    return Error::NotFound(fmt::format("no review_assignment with id {}", id));
}

std::string TitleOf(const std::string& ja, const std::string& en) { return ja.empty() ? en : ja; }

Result<bool> Conflicted(store::Transaction& tx, Id person_id, Id proposal_id) {
    store::Filter filter;
    filter.equals = {{"person_id", core::Value{person_id}},
                     {"proposal_id", core::Value{proposal_id}}};
    KC_ASSIGN_OR_RETURN(int64_t count, tx.Count(core::Conflict::Def(), filter));
    return count > 0;
}

// Whether the assignment is the viewer's own as a reviewer.
Result<bool> IsOwn(store::Transaction& tx, const core::Viewer& viewer,
                   const core::ReviewAssignment& assignment) {
    if (!viewer.Has(core::Role::kReviewer) || !viewer.person_id) return false;
    KC_ASSIGN_OR_RETURN(auto reviewer, tx.Get<core::Reviewer>(assignment.reviewer_id));
    return reviewer.person_id == *viewer.person_id;
}

// The assignment when the viewer is its reviewer and not conflicted with its proposal;
// NotFound otherwise (also for an unknown id).
Result<core::ReviewAssignment> OwnAssignment(store::Transaction& tx, const core::Viewer& viewer,
                                             Id assignment_id) {
    auto assignment = tx.Get<core::ReviewAssignment>(assignment_id);
    if (!assignment) {
        if (assignment.error().code == ErrorCode::kNotFound)
            return Fail(NoAssignment(assignment_id));
        return Fail(assignment.error());
    }
    KC_ASSIGN_OR_RETURN(bool own, IsOwn(tx, viewer, *assignment));
    if (!own) return Fail(NoAssignment(assignment_id));
    KC_ASSIGN_OR_RETURN(bool conflicted,
                        Conflicted(tx, *viewer.person_id, assignment->proposal_id));
    if (conflicted) return Fail(NoAssignment(assignment_id));
    return *assignment;
}

Result<std::string> StartedBy(store::Transaction& tx, Id job_id) {
    KC_ASSIGN_OR_RETURN(auto entries, tx.Audit("job", job_id));
    for (const auto& entry : entries) {
        if (entry.action == "insert") return entry.actor;
    }
    return std::string();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The reviewer's portal

Result<std::vector<MyAssignment>> AssignmentsOf(store::Store& store, Id person_id) {
    return InTransaction(
        store, store::Actor{"read"}, false,
        [&](store::Transaction& tx) -> Result<std::vector<MyAssignment>> {
            KC_ASSIGN_OR_RETURN(auto reviewers, ListBy<core::Reviewer>(tx, "person_id", person_id));
            std::vector<std::pair<core::Call, MyAssignment>> rows;
            for (const auto& reviewer : reviewers) {
                KC_ASSIGN_OR_RETURN(auto call, tx.Get<core::Call>(reviewer.call_id));
                KC_ASSIGN_OR_RETURN(auto assignments,
                                    ListBy<core::ReviewAssignment>(tx, "reviewer_id", reviewer.id));
                for (const auto& assignment : assignments) {
                    KC_ASSIGN_OR_RETURN(auto proposal,
                                        tx.Get<core::Proposal>(assignment.proposal_id));
                    MyAssignment row;
                    row.assignment_id = assignment.id;
                    row.call_id = call.id;
                    row.call_title = TitleOf(call.title_ja, call.title_en);
                    row.proposal_id = proposal.id;
                    row.proposal_title = TitleOf(proposal.title_ja, proposal.title_en);
                    KC_ASSIGN_OR_RETURN(
                        auto reviews,
                        ListBy<core::Review>(tx, "review_assignment_id", assignment.id));
                    if (!reviews.empty()) {
                        row.review_id = reviews.front().id;
                        row.review_status = reviews.front().status;
                    }
                    KC_ASSIGN_OR_RETURN(row.conflict, Conflicted(tx, person_id, proposal.id));
                    rows.emplace_back(call, std::move(row));
                }
            }
            std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
                if (a.first.fiscal_year.year != b.first.fiscal_year.year) {
                    return a.first.fiscal_year.year > b.first.fiscal_year.year;
                }
                if (a.first.id != b.first.id) return a.first.id > b.first.id;
                return a.second.proposal_id < b.second.proposal_id;
            });
            std::vector<MyAssignment> out;
            for (auto& [call, row] : rows) out.push_back(std::move(row));
            return out;
        });
}

Result<Id> DeclareConflict(store::Store& store, const store::Actor& actor,
                           const core::Viewer& viewer, Id assignment_id,
                           const std::string& reason) {
    const std::string text(Trim(reason));
    if (text.empty() || text.size() > 2000) {
        return Fail(
            Error::Fields("invalid conflict",
                          {{"reason", "why you are conflicted (1–2000 bytes)",
                            text.empty() ? "nothing" : fmt::format("{} bytes", text.size())}}));
    }
    return InTransaction(store, actor, true, [&](store::Transaction& tx) -> Result<Id> {
        KC_ASSIGN_OR_RETURN(auto assignment, OwnAssignment(tx, viewer, assignment_id));
        KC_ASSIGN_OR_RETURN(auto reviews,
                            ListBy<core::Review>(tx, "review_assignment_id", assignment.id));
        for (const auto& review : reviews) {
            if (review.status == "submitted") {
                return Fail(Error::FailedPrecondition(fmt::format(
                    "your review {} was submitted at {}: ask the programme office to withdraw it",
                    review.id, review.submitted_at)));
            }
        }
        for (const auto& review : reviews) {
            KC_ASSIGN_OR_RETURN(auto scores, ListBy<core::ReviewScore>(tx, "review_id", review.id));
            for (const auto& score : scores) {
                KC_RETURN_IF_ERROR(tx.Delete(core::ReviewScore::Def(), score.id));
            }
            KC_RETURN_IF_ERROR(tx.Delete(core::Review::Def(), review.id));
        }
        KC_RETURN_IF_ERROR(tx.Delete(core::ReviewAssignment::Def(), assignment.id));
        core::Conflict conflict;
        conflict.person_id = *viewer.person_id;
        conflict.proposal_id = assignment.proposal_id;
        conflict.kind = "declared";
        conflict.source = text;
        return tx.Add(conflict);
    });
}

Result<ReviewForm> ReviewFormOf(store::Store& store, const core::Viewer& viewer, Id assignment_id) {
    return InTransaction(
        store, store::Actor{"read"}, false, [&](store::Transaction& tx) -> Result<ReviewForm> {
            ReviewForm form;
            if (viewer.IsProgrammeStaff()) {
                auto assignment = tx.Get<core::ReviewAssignment>(assignment_id);
                if (!assignment && assignment.error().code == ErrorCode::kNotFound) {
                    return Fail(NoAssignment(assignment_id));
                }
                KC_ASSIGN_OR_RETURN(form.assignment, std::move(assignment));
            } else {
                KC_ASSIGN_OR_RETURN(form.assignment, OwnAssignment(tx, viewer, assignment_id));
            }
            KC_ASSIGN_OR_RETURN(form.proposal, tx.Get<core::Proposal>(form.assignment.proposal_id));
            KC_ASSIGN_OR_RETURN(form.call, tx.Get<core::Call>(form.proposal.call_id));
            form.score_max = RulesOf(form.call).score_max;
            KC_ASSIGN_OR_RETURN(form.criteria,
                                ListBy<core::Criterion>(tx, "call_id", form.call.id));
            KC_ASSIGN_OR_RETURN(
                auto reviews, ListBy<core::Review>(tx, "review_assignment_id", form.assignment.id));
            if (!reviews.empty()) {
                form.review = reviews.front();
                KC_ASSIGN_OR_RETURN(form.scores,
                                    ListBy<core::ReviewScore>(tx, "review_id", form.review->id));
            }
            return form;
        });
}

Result<Id> SaveOwnReview(store::Store& store, const store::Actor& actor, const core::Viewer& viewer,
                         const ReviewInput& input) {
    return InTransaction(store, actor, true, [&](store::Transaction& tx) -> Result<Id> {
        auto own = OwnAssignment(tx, viewer, input.assignment_id);
        if (!own) {
            if (own.error().code == ErrorCode::kNotFound && viewer.IsProgrammeStaff()) {
                KC_ASSIGN_OR_RETURN(bool exists,
                                    tx.Exists(core::ReviewAssignment::Def(), input.assignment_id));
                if (exists) {
                    return Fail(PermissionDenied(
                        "a review is written by its assigned reviewer, not by the programme "
                        "office"));
                }
            }
            return Fail(own.error());
        }
        return SaveReview(tx, input);
    });
}

Result<std::vector<ReviewView>> ProposalReviewsFor(store::Store& store, const core::Viewer& viewer,
                                                   Id proposal_id) {
    if (viewer.IsProgrammeStaff()) return ProposalReviews(store, proposal_id, std::nullopt);
    if (!viewer.Has(core::Role::kReviewer) || !viewer.person_id) {
        return Fail(PermissionDenied(
            "the reviews of a proposal are for the programme office and its reviewers"));
    }
    // A proposal the reviewer is not assigned to, or is conflicted with, does not exist for them.
    KC_RETURN_IF_ERROR(ShowVisibleRecord(store, viewer, "proposal", proposal_id));
    return ProposalReviews(store, proposal_id, viewer.person_id);
}

// ---------------------------------------------------------------------------------------------
// Jobs

Result<std::vector<JobView>> ListJobsFor(store::Store& store, const core::Viewer& viewer,
                                         const store::Actor& actor, int64_t limit) {
    if (limit < 1 || limit > 1000) {
        return Fail(Error::Fields("invalid parameter",
                                  {{"limit", "an integer 1..1000", std::to_string(limit)}}));
    }
    return InTransaction(store, store::Actor{"jobs"}, false,
                         [&](store::Transaction& tx) -> Result<std::vector<JobView>> {
                             KC_ASSIGN_OR_RETURN(auto jobs, tx.List<core::Job>());
                             std::vector<JobView> out;
                             for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) {
                                 KC_ASSIGN_OR_RETURN(std::string by, StartedBy(tx, it->id));
                                 if (!viewer.IsProgrammeStaff() && by != actor.name) continue;
                                 out.push_back({*it, std::move(by)});
                                 if (static_cast<int64_t>(out.size()) >= limit) break;
                             }
                             return out;
                         });
}

Result<JobView> GetJobFor(store::Store& store, const core::Viewer& viewer,
                          const store::Actor& actor, Id id) {
    return InTransaction(store, store::Actor{"jobs"}, false,
                         [&](store::Transaction& tx) -> Result<JobView> {
                             auto job = tx.Get<core::Job>(id);
                             if (!job) return Fail(job.error());
                             KC_ASSIGN_OR_RETURN(std::string by, StartedBy(tx, id));
                             if (!viewer.IsProgrammeStaff() && by != actor.name) {
                                 return Fail(Error::NotFound(fmt::format("no job with id {}", id)));
                             }
                             return JobView{std::move(*job), std::move(by)};
                         });
}

Result<JobView> CancelJobFor(store::Store& store, const core::Viewer& viewer,
                             const store::Actor& actor, Id id) {
    KC_RETURN_IF_ERROR(GetJobFor(store, viewer, actor, id));
    KC_RETURN_IF_ERROR(CancelJob(store, actor, id));
    return GetJobFor(store, viewer, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Accounts

Result<UserSummary> GetUserSummary(store::Store& store, Id id) {
    KC_ASSIGN_OR_RETURN(auto users, ListUsers(store));
    for (auto& user : users) {
        if (user.id == id) return std::move(user);
    }
    return Fail(Error::NotFound(fmt::format("no user with id {}", id)));
}

Result<UserSummary> UpdateUserAccount(store::Store& store, const store::Actor& actor, Id id,
                                      const std::optional<std::vector<core::Role>>& roles,
                                      std::optional<bool> active) {
    if (roles && roles->empty()) {
        return Fail(Error::Fields("invalid roles", {{"roles", "at least one role", "none"}}));
    }
    auto changed = InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto user, tx.GetUser(id));
        if (!user) return Fail(Error::NotFound(fmt::format("no user with id {}", id)));
        if (roles) {
            std::vector<std::string> names;
            for (core::Role role : *roles) names.emplace_back(core::RoleName(role));
            std::sort(names.begin(), names.end());
            names.erase(std::unique(names.begin(), names.end()), names.end());
            user->roles = std::move(names);
        }
        if (active) user->disabled = !*active;
        KC_RETURN_IF_ERROR(tx.UpdateUser(*user));
        if (active && !*active) KC_RETURN_IF_ERROR(tx.DeleteSessionsOf(id));
        return {};
    });
    if (!changed) return Fail(changed.error());
    return GetUserSummary(store, id);
}

Status ChangeOwnPassword(store::Store& store, const store::Actor& actor, std::string_view login,
                         std::string_view current_password, std::string_view new_password,
                         std::string_view client_address, const AccountPolicy& policy) {
    // Checked like a login so that a stolen session cannot guess the password faster than the
    // login page allows; the session it opens is closed at once (SetPassword ends them all).
    auto checked = Login(store, login, current_password, client_address, policy);
    if (!checked) {
        if (checked.error().code == ErrorCode::kUnauthenticated) {
            return Fail(
                Error::Fields("wrong password",
                              {{"current_password", "your current password", "a wrong password"}}));
        }
        return Fail(checked.error());
    }
    KC_RETURN_IF_ERROR(Logout(store, checked->token));
    return SetPassword(store, actor, login, new_password, policy);
}

// ---------------------------------------------------------------------------------------------
// JSON

nlohmann::json ToJson(const std::vector<MyAssignment>& assignments) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : assignments) {
        items.push_back(
            {{"assignment_id", a.assignment_id},
             {"call_id", a.call_id},
             {"call_title", a.call_title},
             {"proposal_id", a.proposal_id},
             {"proposal_title", a.proposal_title},
             {"review_id", a.review_id ? nlohmann::json(*a.review_id) : nlohmann::json()},
             {"review_status", a.review_status},
             {"conflict", a.conflict}});
    }
    return items;
}

nlohmann::json ToJson(const ReviewForm& form) {
    nlohmann::json criteria = nlohmann::json::array();
    for (const auto& c : form.criteria) {
        criteria.push_back({{"id", c.id},
                            {"code", c.key},
                            {"name_ja", c.label_ja},
                            {"name_en", c.label_en},
                            {"weight", c.weight},
                            {"group", c.criterion_group},
                            {"score_max", form.score_max}});
    }
    nlohmann::json review;
    if (form.review) {
        nlohmann::json scores = nlohmann::json::object();
        for (const auto& s : form.scores) scores[std::to_string(s.criterion_id)] = s.score;
        review = {{"id", form.review->id},
                  {"status", form.review->status},
                  {"scores", scores},
                  {"comment", form.review->comment},
                  {"submitted_at", form.review->submitted_at.empty()
                                       ? nlohmann::json()
                                       : nlohmann::json(form.review->submitted_at)}};
    }
    const auto& p = form.proposal;
    return {{"assignment",
             {{"id", form.assignment.id},
              {"reviewer_id", form.assignment.reviewer_id},
              {"proposal_id", form.assignment.proposal_id},
              {"origin", form.assignment.origin}}},
            {"call",
             {{"id", form.call.id},
              {"title_ja", form.call.title_ja},
              {"title_en", form.call.title_en},
              {"fiscal_year", form.call.fiscal_year.year}}},
            {"proposal",
             {{"id", p.id},
              {"title", TitleOf(p.title_ja, p.title_en)},
              {"title_ja", p.title_ja},
              {"title_en", p.title_en},
              {"field", p.field},
              {"status", p.status},
              {"summary", p.vision},
              {"vision", p.vision},
              {"targets", p.targets}}},
            {"criteria", criteria},
            {"review", review}};
}

nlohmann::json ToJson(const std::vector<ReviewView>& reviews) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : reviews) {
        nlohmann::json scores = nlohmann::json::object();
        for (const auto& [key, score] : r.scores) scores[key] = score;
        items.push_back({{"review_id", r.review_id},
                         {"reviewer_id", r.reviewer_id},
                         {"person_id", r.person_id},
                         {"reviewer_name", r.reviewer_name},
                         {"status", r.status},
                         {"comment", r.comment},
                         {"submitted_at", r.submitted_at},
                         {"scores", scores},
                         {"weighted", r.weighted}});
    }
    return {{"items", items}};
}

nlohmann::json ToJson(const JobView& view) {
    const core::Job& job = view.job;
    nlohmann::json result;
    nlohmann::json error;
    if (!job.result.empty()) {
        auto parsed = nlohmann::json::parse(job.result, nullptr, false);
        if (job.state == "succeeded") {
            result = parsed.is_discarded() ? nlohmann::json(job.result) : parsed;
        } else if (parsed.is_object() && parsed.contains("message")) {
            error = parsed["message"];
        } else if (parsed.is_object() && parsed.contains("error")) {
            error = parsed["error"];
        } else {
            error = job.result;
        }
    }
    if (job.state == "cancelled" && error.is_null()) error = "cancelled";
    auto optional_text = [](const std::string& text) {
        return text.empty() ? nlohmann::json() : nlohmann::json(text);
    };
    return {{"id", job.id},
            {"kind", job.kind},
            {"state", job.state},
            {"progress", job.progress},
            {"result", result},
            {"error", error},
            {"started_at", optional_text(job.started_at)},
            {"finished_at", optional_text(job.finished_at)},
            {"started_by", view.started_by}};
}

nlohmann::json ToJson(const UserSummary& user) {
    nlohmann::json roles = nlohmann::json::array();
    for (core::Role role : user.roles) roles.push_back(core::RoleName(role));
    return {{"id", user.id},
            {"login", user.login},
            {"roles", roles},
            {"person_id", user.person_id ? nlohmann::json(*user.person_id) : nlohmann::json()},
            {"active", !user.disabled}};
}

}  // namespace kc::app
