#pragma once

// The domain entities of kcluster as plain structs (ARCHITECTURE.md "Data model"). Each struct
// mirrors one EntityDef (core/schema.h): same field names, same order; `T::Def()` returns it and
// ToRecord/FromRecord convert through it. Field meanings, Japanese labels and allowed enum values
// live in the definitions (src/core/entity_defs.cpp) and are published in docs/formats.md.
//
// Conventions: `..._id` fields are references (0 or nullopt = none); an empty std::string is
// "not given"; money is Yen (int64); dates are Date; fiscal years are FiscalYear; enum fields are
// their snake_case codes as strings, checked against the definition by Validate().

#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/schema.h"
#include "util/date.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::core {

// Columns every table has. `sample` marks demo data that is not sourced fact.
struct RowMeta {
    bool sample = false;
    std::string created_at;
    std::string updated_at;
};

using OptId = std::optional<Id>;
using OptDate = std::optional<Date>;
using OptYen = std::optional<Yen>;
using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Programme level (national programme office)

struct Program {
    Id id = 0;
    std::string name_ja, name_en;
    std::string phase;
    FiscalYear start_fy, end_fy;
    std::string description;
    RowMeta meta;
    static const EntityDef& Def();
};

struct FiscalBudget {
    Id id = 0;
    Id program_id = 0;
    FiscalYear fiscal_year;
    Yen regular, supplementary;
    std::string note;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Region {
    Id id = 0;
    std::string name_ja, name_en;
    std::string prefecture;
    std::string source;
    RowMeta meta;
    static const EntityDef& Def();
};

struct LocalGovernment {
    Id id = 0;
    std::string name_ja, name_en;
    std::string kind;  // prefecture | designated_city | city
    std::string prefecture;
    OptId region_id;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Organization {
    Id id = 0;
    std::string name_ja, name_en;
    std::string kind;  // university | public_institute | company | foundation | ...
    bool sme = false;
    std::string prefecture;
    OptId region_id;
    std::string source;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Person {
    Id id = 0;
    std::string family_name, given_name;
    std::string family_name_kana, given_name_kana;
    std::string name_en;
    OptId organization_id;
    std::string title;
    std::string email;
    Strings expertise;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Affiliation {
    Id id = 0;
    Id person_id = 0;
    Id organization_id = 0;
    std::string title;
    OptDate from_date, to_date;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Call {
    Id id = 0;
    Id program_id = 0;
    FiscalYear fiscal_year;
    std::string title_ja, title_en;
    std::string kind;    // feasibility_study | selection | promotion
    std::string status;  // draft | open | closed | decided
    OptDate opens_on, closes_on;
    int64_t reviewers_per_proposal = 3;
    int64_t max_load = 6;
    OptYen scale_per_region;
    int64_t years = 5;
    std::optional<int64_t> min_load;        // null = no minimum
    std::optional<int64_t> conflict_years;  // null = 3
    std::optional<int64_t> score_max;       // scores run 1..score_max; null = 5
    std::optional<double> hearing_weight;   // share of hearings in the comprehensive score
    OptYen trial_scale_per_region;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Criterion {
    Id id = 0;
    Id call_id = 0;
    std::string key;
    std::string label_ja, label_en;
    double weight = 1.0;
    std::string criterion_group;  // scientific | structural
    RowMeta meta;
    static const EntityDef& Def();
};

struct FeasibilityStudy {
    Id id = 0;
    Id region_id = 0;
    OptId call_id;
    FiscalYear fiscal_year;
    std::string result;  // in_progress | proposal_invited | not_continued
    std::string note;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Proposal {
    Id id = 0;
    Id call_id = 0;
    std::string title_ja, title_en;
    std::string field;
    std::string
        status;  // draft | submitted | under_review | full | trial | rejected | promoted | ended
    OptDate submitted_on;
    OptYen requested_per_year;
    std::string vision;
    std::string targets;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ProposalBudget {
    Id id = 0;
    Id proposal_id = 0;
    FiscalYear fiscal_year;
    Yen amount;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ProposalMember {
    Id id = 0;
    Id proposal_id = 0;
    Id person_id = 0;
    std::string role;  // representative | program_manager | research_director | researcher
    RowMeta meta;
    static const EntityDef& Def();
};

struct ProposalRegion {
    Id id = 0;
    Id proposal_id = 0;
    Id region_id = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ProposalGovernment {
    Id id = 0;
    Id proposal_id = 0;
    Id local_government_id = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ProposalParticipant {
    Id id = 0;
    Id proposal_id = 0;
    Id organization_id = 0;
    std::string role;  // core_organization | core_institution | participant
    bool inside_region = true;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Reviewer {
    Id id = 0;
    Id person_id = 0;
    Id call_id = 0;
    int64_t max_load = 6;
    std::optional<int64_t> min_load;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Conflict {
    Id id = 0;
    Id person_id = 0;
    Id proposal_id = 0;
    std::string kind;  // same_organization | co_author | joint_project | same_government | declared
    std::string source;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ReviewAssignment {
    Id id = 0;
    Id reviewer_id = 0;
    Id proposal_id = 0;
    std::optional<double> affinity;
    std::string origin;  // solver | manual
    RowMeta meta;
    static const EntityDef& Def();
};

struct Review {
    Id id = 0;
    Id review_assignment_id = 0;
    std::string status;  // draft | submitted
    std::string comment;
    std::string submitted_at;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ReviewScore {
    Id id = 0;
    Id review_id = 0;
    Id criterion_id = 0;
    int64_t score = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Hearing {
    Id id = 0;
    Id proposal_id = 0;
    OptDate held_on;
    std::string venue;
    std::string note;
    RowMeta meta;
    static const EntityDef& Def();
};

struct HearingScore {
    Id id = 0;
    Id hearing_id = 0;
    Id person_id = 0;
    Id criterion_id = 0;
    int64_t score = 0;
    std::string comment;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Advice {
    Id id = 0;
    Id proposal_id = 0;
    Id person_id = 0;
    OptDate given_on;
    std::string text;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Evaluation {
    Id id = 0;
    Id proposal_id = 0;
    std::optional<double> raw_score, calibrated_score;
    std::optional<int64_t> rank;
    std::optional<double> interval_low, interval_high;
    std::string computed_at;
    std::optional<double> hearing_score, comprehensive_score;
    std::optional<int64_t> rank_low, rank_high, reviews;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Decision {
    Id id = 0;
    Id proposal_id = 0;
    std::string outcome;  // full | trial | rejected
    Date decided_on;
    std::string reason;
    RowMeta meta;
    static const EntityDef& Def();
};

// ---------------------------------------------------------------------------------------------
// Cluster level (regional headquarters)

struct Cluster {
    Id id = 0;
    Id program_id = 0;
    OptId proposal_id;
    std::string name_ja, name_en;
    std::string field;
    std::string status;  // trial | full | ended
    std::string phase;
    OptDate started_on, ended_on;
    OptId successor_id;
    std::string source;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ClusterRegion {
    Id id = 0;
    Id cluster_id = 0;
    Id region_id = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ClusterGovernment {
    Id id = 0;
    Id cluster_id = 0;
    Id local_government_id = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Promotion {
    Id id = 0;
    Id cluster_id = 0;
    OptId proposal_id;
    Date decided_on;
    FiscalYear effective_fy;
    std::string funding_source;
    RowMeta meta;
    static const EntityDef& Def();
};

struct CoreOrganization {
    Id id = 0;
    Id cluster_id = 0;
    Id organization_id = 0;
    OptDate from_date, to_date;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Grant {
    Id id = 0;
    Id cluster_id = 0;
    Id organization_id = 0;  // the core organisation receiving the subsidy
    FiscalYear fiscal_year;
    Yen amount;
    std::string kind;  // regular | supplementary
    OptDate decided_on;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Position {
    Id id = 0;
    Id cluster_id = 0;
    Id person_id = 0;
    std::string role;
    Date from_date;
    OptDate to_date;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Publication {
    Id id = 0;
    Id person_id = 0;
    std::string title;
    std::string abstract;
    std::string venue;
    std::optional<int64_t> year;
    Strings keywords;
    RowMeta meta;
    static const EntityDef& Def();
};

struct PublicationAuthor {
    Id id = 0;
    Id publication_id = 0;
    Id person_id = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Seed {
    Id id = 0;
    OptId cluster_id;
    Id organization_id = 0;
    OptId owner_id;
    std::string title, title_en;
    std::string abstract;
    Strings keywords;
    std::string field;
    std::optional<int64_t> trl;
    std::string ip_status;   // none | filed | granted | licensed
    std::string visibility;  // public | cluster | private
    RowMeta meta;
    static const EntityDef& Def();
};

struct Need {
    Id id = 0;
    OptId cluster_id;
    Id organization_id = 0;  // the company
    OptId contact_id;
    std::string title, title_en;
    std::string description;
    Strings keywords;
    std::string field;
    std::string confidentiality;  // public | cluster | private
    OptDate registered_on;        // when the coordinator recorded it
    RowMeta meta;
    static const EntityDef& Def();
};

struct Match {
    Id id = 0;
    Id seed_id = 0;
    Id need_id = 0;
    std::optional<double> score;
    std::string explanation;
    std::string
        status;  // suggested | contacted | meeting | feasibility_test | joint_research | declined
    OptId coordinator_id;
    std::string decline_reason;
    OptDate suggested_on;    // when the pair was suggested
    OptDate feasibility_on;  // when a feasibility test (可能性試験) started, if it did
    RowMeta meta;
    static const EntityDef& Def();
};

struct Project {
    Id id = 0;
    Id cluster_id = 0;
    std::string title, title_en;
    Id lead_organization_id = 0;
    OptId leader_id;
    OptYen budget;
    OptYen participation_fee;
    OptDate starts_on, ends_on;
    std::string stage;  // planned | active | completed | terminated
    OptId origin_need_id;
    OptId origin_match_id;
    RowMeta meta;
    static const EntityDef& Def();
};

// A joint research project's budget for one fiscal year: money from the cluster's grant and the
// companies' participation fees. Ledger entries charged to the project in that fiscal year may
// not exceed `grant_amount` (CheckLedgerEntry).
struct ProjectBudget {
    Id id = 0;
    Id project_id = 0;
    FiscalYear fiscal_year;
    Yen grant_amount;
    OptYen company_fees;
    std::string note;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ProjectPartner {
    Id id = 0;
    Id project_id = 0;
    Id organization_id = 0;
    std::string role;  // lead | partner | funder
    bool inside_region = true;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Milestone {
    Id id = 0;
    Id project_id = 0;
    std::string title;
    OptDate due_on, done_on;
    std::string gate_decision;  // pending | go | revise | stop
    RowMeta meta;
    static const EntityDef& Def();
};

struct LedgerEntry {
    Id id = 0;
    Id grant_id = 0;
    Date entry_date;
    std::string category;
    Yen amount;
    OptId project_id;
    std::string description;
    // The programme purpose the money served (joint_research | coordinators | ip | forums | hq),
    // a second axis beside the expense `category`. Empty only on entries recorded before
    // migration 0006; new entries must name it (CheckLedgerEntry).
    std::string purpose;
    RowMeta meta;
    static const EntityDef& Def();
};

// The planned amount of a grant for one programme purpose (the execution plan of the fiscal
// year's grant); executed amounts come from ledger entries of that purpose.
struct LedgerPlan {
    Id id = 0;
    Id grant_id = 0;
    std::string purpose;  // joint_research | coordinators | ip | forums | hq
    Yen amount;
    std::string note;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Activity {
    Id id = 0;
    Id cluster_id = 0;
    Id coordinator_id = 0;
    std::string kind;  // visit | meeting | call | forum | other
    Date activity_date;
    OptId organization_id;
    OptId match_id;
    std::string note;
    OptId forum_id;  // the forum where a consultation took place, or that it followed up
    RowMeta meta;
    static const EntityDef& Def();
};

struct Invention {
    Id id = 0;
    Id cluster_id = 0;
    OptId project_id;
    std::string title;
    Date disclosed_on;
    std::string status;
    bool published = false;
    OptId adviser_id;             // who assessed it (an adviser or patent attorney of the HQ)
    OptDate assessed_on;          // when it was assessed
    std::string assessment_note;  // the adviser's reasons
    RowMeta meta;
    static const EntityDef& Def();
};

struct Inventor {
    Id id = 0;
    Id invention_id = 0;
    Id person_id = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

// A co-applicant of an invention's patent applications with its share (持分); the shares of an
// invention sum to 100 when any are recorded.
struct InventionApplicant {
    Id id = 0;
    Id invention_id = 0;
    Id organization_id = 0;
    double share_percent = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct PatentApplication {
    Id id = 0;
    Id invention_id = 0;
    std::string office;  // jp | pct | us | ep | cn | other
    std::string application_number;
    Date filing_date;
    OptDate priority_date;
    std::string status;
    OptId attorney_id;
    OptDate registered_on;             // 設定登録日: annuities fall due from it
    OptDate examination_requested_on;  // 審査請求日
    RowMeta meta;
    static const EntityDef& Def();
};

struct Licence {
    Id id = 0;
    Id invention_id = 0;
    OptId patent_application_id;
    Id licensee_id = 0;
    std::string kind;  // exclusive | non_exclusive | option
    Date signed_on;
    OptYen income;
    std::string terms;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Outcome {
    Id id = 0;
    Id cluster_id = 0;
    OptId project_id;
    std::string kind;  // product | spin_off | licence_income | paper | other
    std::string title;
    Date outcome_date;
    OptYen value;
    OptId organization_id;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Forum {
    Id id = 0;
    Id cluster_id = 0;
    std::string title;
    std::string kind;  // kickoff | results | matching_fair | seminar
    Date held_on;
    std::string venue;
    std::optional<int64_t> attendees, presentations, consultations;
    RowMeta meta;
    static const EntityDef& Def();
};

struct KpiTarget {
    Id id = 0;
    Id cluster_id = 0;
    FiscalYear fiscal_year;
    std::string kpi;
    int64_t target = 0;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Report {
    Id id = 0;
    Id cluster_id = 0;
    FiscalYear fiscal_year;
    std::string kind;  // annual | self_evaluation
    OptDate submitted_on;
    std::string summary;
    RowMeta meta;
    static const EntityDef& Def();
};

struct ClusterEvaluation {
    Id id = 0;
    Id cluster_id = 0;
    std::string kind;  // mid_term | post
    FiscalYear fiscal_year;
    std::string stage;  // self_report | committee_review | graded | actions
    std::string overall_grade;
    std::string summary;
    std::string self_report;
    std::string follow_up;
    RowMeta meta;
    static const EntityDef& Def();
};

struct EvaluationGrade {
    Id id = 0;
    Id cluster_evaluation_id = 0;
    std::string item;
    std::string grade;  // s | a | b | c
    std::string comment;
    RowMeta meta;
    static const EntityDef& Def();
};

// ---------------------------------------------------------------------------------------------
// Platform

struct User {
    Id id = 0;
    std::string login;
    std::string password_hash;
    OptId person_id;
    Strings roles;
    bool disabled = false;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Session {
    Id id = 0;
    Id user_id = 0;
    std::string token_hash;
    std::string expires_at;
    RowMeta meta;
    static const EntityDef& Def();
};

struct Job {
    Id id = 0;
    std::string kind;
    std::string state;  // queued | running | succeeded | failed | cancelled
    double progress = 0;
    std::string result;
    std::string started_at, finished_at;
    RowMeta meta;
    static const EntityDef& Def();
};

// ---------------------------------------------------------------------------------------------
// Conversion between structs and records.

namespace detail {
Record ToRecordErased(const EntityDef& def, const void* object);
Status FromRecordErased(const EntityDef& def, const Record& record, void* object);
}  // namespace detail

template <class T>
[[nodiscard]] Record ToRecord(const T& object) {
    return detail::ToRecordErased(T::Def(), &object);
}

// Fails if `record` is of another entity or holds a value of the wrong type.
template <class T>
[[nodiscard]] Result<T> FromRecord(const Record& record) {
    T object;
    KC_RETURN_IF_ERROR(detail::FromRecordErased(T::Def(), record, &object));
    return object;
}

}  // namespace kc::core
