#pragma once

// The programme office's use cases: conflicts of interest, optimal reviewer assignment, reviews
// and hearings, the calibrated comprehensive evaluation, budget-constrained selection with its
// decisions and clusters, trial-to-full promotion, grants under the fiscal-year budget, and the
// S/A/B/C mid-term and post evaluations of clusters.
//
// Each function that changes data does it in one transaction: either everything is written or
// nothing. The `Transaction&` overloads let a caller (the demo replay, a bundle) compose several
// steps inside its own transaction; the `Store&` overloads open, and commit, their own.
// Engines propose and this layer disposes: the solver's assignment and the MIP's selection are
// checked with the same rules as manual changes before they are written.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/date.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::app {

// ---------------------------------------------------------------------------------------------
// Call rules with their documented defaults (the call's empty fields).

struct CallRules {
    int reviewers_per_proposal = 3;
    int max_load = 6;
    int min_load = 0;
    int conflict_years = 3;
    int score_max = 5;
    double hearing_weight = 0.3;
};
[[nodiscard]] CallRules RulesOf(const core::Call& call);

// The default criteria of a selection call: R&D potential and promise of industrialisation
// (scientific and technical, weighted highest), promotion structure and regional commitment.
struct DefaultCriterion {
    const char* key;
    const char* label_ja;
    const char* label_en;
    double weight;
    const char* group;  // scientific | structural
};
[[nodiscard]] const std::vector<DefaultCriterion>& DefaultCriteria();

// Adds the default criteria to a call that has none yet (FailedPrecondition otherwise).
[[nodiscard]] Result<std::vector<core::Id>> AddDefaultCriteria(store::Transaction& tx,
                                                               core::Id call_id);
[[nodiscard]] Result<std::vector<core::Id>> AddDefaultCriteria(store::Store& store,
                                                               const store::Actor& actor,
                                                               core::Id call_id);

// ---------------------------------------------------------------------------------------------
// Conflicts of interest

struct ConflictFinding {
    core::Id person_id = 0;
    core::Id proposal_id = 0;
    std::string kind;       // same_organization | co_author | joint_project | same_government
    std::string reason;     // names the organisation, publication or project behind it
    bool recorded = false;  // a conflict row of this kind existed already
};

// Finds the automatic conflicts between the call's reviewers and its proposals: the reviewer
// belongs (now, or within the call's look-back years before the call closed) to an organisation
// taking part in the proposal; co-authored a publication with a proposal member within those
// years; took part in a joint project with a participating organisation or a proposal member
// within those years; or works for a proposing local government. With `record`, writes the new
// ones as conflict rows (declared conflicts are entered by hand: kind `declared`).
[[nodiscard]] Result<std::vector<ConflictFinding>> DetectConflicts(store::Transaction& tx,
                                                                   core::Id call_id, bool record);
[[nodiscard]] Result<std::vector<ConflictFinding>> DetectConflicts(store::Store& store,
                                                                   const store::Actor& actor,
                                                                   core::Id call_id, bool record);

// ---------------------------------------------------------------------------------------------
// Reviewer assignment

enum class AssignObjective { kTotal, kFair };

struct AssignOptions {
    core::Id call_id = 0;
    bool apply = false;  // false = preview only
    AssignObjective objective = AssignObjective::kTotal;
    bool detect_conflicts = true;  // run DetectConflicts (recording) first
};

struct AssignmentChange {
    enum class Kind { kAdd, kRemove, kKeep };
    Kind kind = Kind::kKeep;
    core::Id reviewer_id = 0, person_id = 0, proposal_id = 0;
    core::Id assignment_id = 0;  // existing row (kRemove, kKeep)
    std::string reviewer_name, proposal_title;
    double affinity = 0.0;
    bool locked = false;  // kept because a review exists
};

struct AssignReport {
    std::vector<AssignmentChange> changes;  // by proposal, then reviewer
    int proposals = 0, reviewers = 0;
    int added = 0, removed = 0, kept = 0;
    double total_affinity = 0.0;
    double min_proposal_affinity = 0.0;
    bool applied = false;
};

// Solves the call's assignment (affinities from the 目利き engine, normalised to 0..1 per
// proposal; conflicts excluded; reviewers per proposal, maximum and minimum loads from the call
// and reviewers), compares it with the current assignments and, with `apply`, replaces them in one
// transaction. Assignments with a review already started are kept. An infeasible call fails with
// FailedPrecondition naming the proposals or reviewers at fault.
[[nodiscard]] Result<AssignReport> AssignReviewers(store::Store& store, const store::Actor& actor,
                                                   const AssignOptions& options);
[[nodiscard]] Result<AssignReport> AssignReviewers(store::Transaction& tx,
                                                   const AssignOptions& options);

// Checks a manual assignment with the solver's rules: same call, no conflict, no duplicate,
// reviewer under the maximum load. Used by `add review_assignment` and the API.
[[nodiscard]] Status CheckAssignment(store::Transaction& tx, const core::ReviewAssignment& row);

// ---------------------------------------------------------------------------------------------
// Reviews and hearings

struct ReviewInput {
    core::Id assignment_id = 0;
    std::vector<std::pair<std::string, int64_t>> scores;  // criterion key (or id) → score
    std::string comment;
    bool submit = false;
    std::string submitted_at;  // ISO timestamp; empty = now (the demo replays history)
};

// Creates or updates the assignment's review (draft), with one score per criterion; `submit`
// requires every criterion and moves it to submitted. Scores must lie in 1..score_max.
[[nodiscard]] Result<core::Id> SaveReview(store::Transaction& tx, const ReviewInput& input);
[[nodiscard]] Result<core::Id> SaveReview(store::Store& store, const store::Actor& actor,
                                          const ReviewInput& input);

struct ReviewView {
    core::Id review_id = 0, reviewer_id = 0, person_id = 0;
    std::string reviewer_name, status, comment, submitted_at;
    std::vector<std::pair<std::string, int64_t>> scores;  // criterion key → score
    double weighted = 0.0;
};

// The reviews of a proposal. As a reviewer (`as_person`), only after submitting one's own review
// (PermissionDenied before, naming why); officers pass no person and see all.
[[nodiscard]] Result<std::vector<ReviewView>> ProposalReviews(store::Store& store,
                                                              core::Id proposal_id,
                                                              std::optional<core::Id> as_person);

struct HearingScoreInput {
    core::Id hearing_id = 0;
    core::Id person_id = 0;  // panel member
    std::vector<std::pair<std::string, int64_t>> scores;
    std::string comment;
};
// Records a panel member's hearing scores (one per criterion), replacing earlier ones.
[[nodiscard]] Status ScoreHearing(store::Transaction& tx, const HearingScoreInput& input);
[[nodiscard]] Status ScoreHearing(store::Store& store, const store::Actor& actor,
                                  const HearingScoreInput& input);

// ---------------------------------------------------------------------------------------------
// Comprehensive evaluation

struct EvaluateOptions {
    core::Id call_id = 0;
    double lambda = 1.0;   // ridge penalty on reviewer effects
    int bootstrap = 1000;  // resamples for the intervals (0 = none)
    double level = 0.90;
    uint64_t seed = 1;
    bool record = true;       // write evaluation rows
    std::string computed_at;  // empty = now
};

struct EvaluationLine {
    core::Id proposal_id = 0;
    std::string title;
    int reviews = 0;
    double raw = 0.0;         // mean weighted review score
    double calibrated = 0.0;  // after removing reviewer severity/leniency
    std::optional<double> hearing;
    double comprehensive = 0.0;
    double low = 0.0, high = 0.0;  // interval of the comprehensive score
    int rank = 0, rank_low = 0, rank_high = 0;
};

struct EvaluationReport {
    std::vector<EvaluationLine> lines;                             // best first
    std::vector<std::pair<std::string, double>> reviewer_effects;  // name → effect
    double hearing_weight = 0.0;
    std::string method;  // one line describing how the scores were made
};

// Weighted review score per submitted review (criterion weights of the call), calibrated for
// reviewer effects (engines/select), combined with the mean hearing score:
// comprehensive = (1 − w)·calibrated + w·hearing, w = the call's hearing weight (calibrated alone
// when a proposal had no hearing). Ranks and intervals come from the bootstrap.
[[nodiscard]] Result<EvaluationReport> EvaluateCall(store::Transaction& tx,
                                                    const EvaluateOptions& options);
[[nodiscard]] Result<EvaluationReport> EvaluateCall(store::Store& store, const store::Actor& actor,
                                                    const EvaluateOptions& options);

// ---------------------------------------------------------------------------------------------
// Selection

struct SelectOptions {
    core::Id call_id = 0;
    Yen budget;                      // per year
    std::optional<int> full, trial;  // exact counts
    std::optional<Yen> per_region;   // full cost per region (default: call scale, else request)
    std::optional<Yen> trial_per_region;  // trial cost per region (default: call trial scale)
    double trial_weight = 0.5;
    std::vector<std::string> constraints;  // "per-prefecture<=1", "fields>=3", "field:it<=2", ...
    bool apply = false;
    std::optional<Date> decided_on;  // required with apply
    std::string note;                // appended to every decision's reason
    // A promotion call (kind `promotion`): a proposal selected as full promotes the trial cluster
    // of the same regions from this fiscal year, paid from `funding_source`; trial = the trial
    // continues. Required with apply on a promotion call.
    std::optional<FiscalYear> effective_fy;
    std::string funding_source;
};

struct SelectLine {
    core::Id proposal_id = 0;
    std::string title;
    double score = 0.0;
    int rank = 0;
    int regions = 0;
    Yen cost_full, cost_trial;
    std::string outcome;  // full | trial | rejected
    std::string reason;
    std::string binding;
    core::Id cluster_id = 0;  // when applied and selected
};

struct SelectReport {
    std::vector<SelectLine> lines;  // by rank
    Yen budget, cost;
    double objective = 0.0;
    int full = 0, trial = 0;
    std::vector<std::string> binding;
    bool applied = false;
};

// Chooses the full and trial proposals maximising the comprehensive score under the budget and
// constraints (engines/select, exact MIP) and explains each outcome. With `apply`: decisions with
// date and reason, proposal statuses, one cluster per selected proposal (with its regions, local
// governments and core organisation) and the call marked decided — one transaction.
[[nodiscard]] Result<SelectReport> SelectProposals(store::Transaction& tx,
                                                   const SelectOptions& options);
[[nodiscard]] Result<SelectReport> SelectProposals(store::Store& store, const store::Actor& actor,
                                                   const SelectOptions& options);

// ---------------------------------------------------------------------------------------------
// Promotion, grants and cluster evaluations

struct PromoteOptions {
    core::Id cluster_id = 0;
    Date decided_on;
    FiscalYear effective_fy;
    std::string funding_source;           // e.g. "補正予算" / "supplementary budget"
    std::optional<core::Id> proposal_id;  // the progress-review proposal, if any
};
// A trial cluster becomes full: cluster trial → full, its selection proposal trial → promoted,
// and a promotion row with its funding source.
[[nodiscard]] Result<core::Id> PromoteCluster(store::Transaction& tx,
                                              const PromoteOptions& options);
[[nodiscard]] Result<core::Id> PromoteCluster(store::Store& store, const store::Actor& actor,
                                              const PromoteOptions& options);

// Refuses a grant when the fiscal year's grants would exceed the programme budget (regular +
// supplementary), saying by how much, or when the recipient is not the cluster's core
// organisation. Also used by `add grant`.
[[nodiscard]] Status CheckGrant(store::Transaction& tx, const core::Grant& grant);
[[nodiscard]] Result<core::Id> AwardGrant(store::Transaction& tx, const core::Grant& grant);
[[nodiscard]] Result<core::Id> AwardGrant(store::Store& store, const store::Actor& actor,
                                          const core::Grant& grant);

// The items of a mid-term or post evaluation (domain notes §5.3), ja and en.
struct EvaluationItem {
    std::string key, ja, en;
};
[[nodiscard]] const std::vector<EvaluationItem>& ClusterEvaluationItems();

struct GradeInput {
    core::Id evaluation_id = 0;
    std::vector<std::pair<std::string, std::string>> grades;    // item key → s|a|b|c
    std::vector<std::pair<std::string, std::string>> comments;  // item key → comment
    std::string overall;                                        // s|a|b|c
    std::string summary;
};
// Records the committee's grades (every item once) and the overall grade; stage → graded.
[[nodiscard]] Status GradeClusterEvaluation(store::Transaction& tx, const GradeInput& input);
[[nodiscard]] Status GradeClusterEvaluation(store::Store& store, const store::Actor& actor,
                                            const GradeInput& input);

// The rules that generic edits (`kcluster add review_assignment …`, `add grant …`, `add
// ledger_entry …`, the API) must pass too: CheckAssignment, CheckGrant, CheckLedgerEntry,
// CheckProjectBudget and CheckLedgerPlan (hq.h) and CheckInventionApplicant (inventions.h) by
// entity; other entities pass.
[[nodiscard]] Status CheckBusinessRules(store::Transaction& tx, const core::Record& record);

// ---------------------------------------------------------------------------------------------
// JSON forms for --json and the API

[[nodiscard]] nlohmann::json ToJson(const AssignReport& report);
[[nodiscard]] nlohmann::json ToJson(const EvaluationReport& report);
[[nodiscard]] nlohmann::json ToJson(const SelectReport& report);
[[nodiscard]] nlohmann::json ToJson(const std::vector<ConflictFinding>& findings);

}  // namespace kc::app
