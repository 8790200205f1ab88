#pragma once

// What a signed-in user does for themself, beside the programme office's use cases
// (programme.h): a reviewer's own assignments, review form, declared conflicts and the reviews
// of a proposal they may see; the background jobs a user started; and the account changes of
// the user administration page (roles, active, passwords). The HTTP API's use-case endpoints
// call these, so every rule about "whose is it" lives here and not in a handler.
//
// Ownership is decided from the viewer (core::Viewer: roles and person) and reported like the
// generic record API does: an object the viewer may not see at all is NotFound, so that its
// existence does not leak; one the viewer may see but not change is PermissionDenied.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "app/programme.h"
#include "core/policy.h"
#include "store/store.h"

namespace kc::app {

// ---------------------------------------------------------------------------------------------
// The reviewer's portal

struct MyAssignment {
    core::Id assignment_id = 0, call_id = 0, proposal_id = 0;
    std::string call_title, proposal_title;
    std::optional<core::Id> review_id;
    std::string review_status = "none";  // none | draft | submitted
    bool conflict = false;  // a conflict of this reviewer with the proposal is recorded
};

// The review assignments of the person `person_id` (through their reviewer rows of every call),
// newest call first, then by proposal. Read-only.
[[nodiscard]] Result<std::vector<MyAssignment>> AssignmentsOf(store::Store& store,
                                                              core::Id person_id);

// The assigned reviewer declares a conflict with the assignment's proposal: a conflict row of
// kind `declared` with `reason` as its source, and the assignment withdrawn (with its draft
// review and scores), in one transaction. NotFound unless the assignment is the viewer's own;
// InvalidArgument (field "reason") for an empty reason; FailedPrecondition once the review has
// been submitted (the programme office withdraws it). Returns the conflict's id.
[[nodiscard]] Result<core::Id> DeclareConflict(store::Store& store, const store::Actor& actor,
                                               const core::Viewer& viewer, core::Id assignment_id,
                                               const std::string& reason);

// What a reviewer needs to write a review: the assignment, its proposal and call, the call's
// criteria with the score range, and the review so far.
struct ReviewForm {
    core::ReviewAssignment assignment;
    core::Proposal proposal;
    core::Call call;
    std::vector<core::Criterion> criteria;
    int score_max = 5;
    std::optional<core::Review> review;
    std::vector<core::ReviewScore> scores;  // of `review`
};

// The review form of an assignment: for its reviewer (not conflicted with the proposal) and for
// programme staff; NotFound for anyone else.
[[nodiscard]] Result<ReviewForm> ReviewFormOf(store::Store& store, const core::Viewer& viewer,
                                              core::Id assignment_id);

// SaveReview (programme.h) by the assigned reviewer only: NotFound for another reviewer's or a
// conflicted assignment, PermissionDenied for anyone else (reviews are written by their
// reviewers). `input.assignment_id` names the assignment.
[[nodiscard]] Result<core::Id> SaveOwnReview(store::Store& store, const store::Actor& actor,
                                             const core::Viewer& viewer, const ReviewInput& input);

// The reviews of a proposal as the viewer may see them: programme staff all; a reviewer assigned
// to it (and not conflicted) only after submitting their own (PermissionDenied before, saying
// why — ProposalReviews); NotFound for a reviewer not assigned or conflicted; PermissionDenied for
// other roles.
[[nodiscard]] Result<std::vector<ReviewView>> ProposalReviewsFor(store::Store& store,
                                                                 const core::Viewer& viewer,
                                                                 core::Id proposal_id);

// ---------------------------------------------------------------------------------------------
// Jobs as a user sees them

struct JobView {
    core::Job job;
    std::string started_by;  // the actor that recorded the job (e.g. "web:demo-officer")
};

// The jobs `actor` started (all jobs for programme staff), newest first, at most `limit`
// (1..1000). Read-only.
[[nodiscard]] Result<std::vector<JobView>> ListJobsFor(store::Store& store,
                                                       const core::Viewer& viewer,
                                                       const store::Actor& actor, int64_t limit);
// One job: NotFound unless `actor` started it or the viewer is programme staff.
[[nodiscard]] Result<JobView> GetJobFor(store::Store& store, const core::Viewer& viewer,
                                        const store::Actor& actor, core::Id id);
// CancelJob (jobs.h) under the same rule as GetJobFor; returns the job afterwards.
[[nodiscard]] Result<JobView> CancelJobFor(store::Store& store, const core::Viewer& viewer,
                                           const store::Actor& actor, core::Id id);

// ---------------------------------------------------------------------------------------------
// Account administration

// The account `id` (NotFound if there is none).
[[nodiscard]] Result<UserSummary> GetUserSummary(store::Store& store, core::Id id);

// Changes the roles and/or the active flag of the account `id` in one transaction; deactivating
// ends its sessions. InvalidArgument (field "roles") for an empty role list; NotFound for an
// unknown id. Returns the account afterwards.
[[nodiscard]] Result<UserSummary> UpdateUserAccount(
    store::Store& store, const store::Actor& actor, core::Id id,
    const std::optional<std::vector<core::Role>>& roles, std::optional<bool> active);

// A user changes their own password: the current one is checked like a login (the same failure
// limits per account and per address apply); a wrong one is InvalidArgument naming
// "current_password". Then SetPassword (which ends every session of the user).
[[nodiscard]] Status ChangeOwnPassword(store::Store& store, const store::Actor& actor,
                                       std::string_view login, std::string_view current_password,
                                       std::string_view new_password,
                                       std::string_view client_address,
                                       const AccountPolicy& policy = {});

// ---------------------------------------------------------------------------------------------
// JSON forms for the API

[[nodiscard]] nlohmann::json ToJson(const std::vector<MyAssignment>& assignments);
[[nodiscard]] nlohmann::json ToJson(const ReviewForm& form);
[[nodiscard]] nlohmann::json ToJson(const std::vector<ReviewView>& reviews);
// {id, kind, state, progress, result (parsed; null while none), error (message or null),
//  started_at, finished_at (null while unset), started_by}
[[nodiscard]] nlohmann::json ToJson(const JobView& job);
// {id, login, roles, person_id, active}
[[nodiscard]] nlohmann::json ToJson(const UserSummary& user);

}  // namespace kc::app
