// The invariant checker behind `kcluster db check`: cross-record rules that single writes cannot
// see, run over the whole database. Each check is one SQL constant returning (id, message) rows,
// written in the subset of SQL that SQLite and PostgreSQL share (|| concatenation of numbers and
// text, no printf, every selected column grouped or functionally dependent on the group).

#include <fmt/format.h>

#include <array>

#include "core/validate.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_transaction.h"

namespace kc::store::sql {
namespace {

struct Check {
    const char* key;
    const char* entity;
    const char* sql;  // returns (id INTEGER, message TEXT)
};

// No review, and no review assignment, on a pair the reviewer is conflicted with.
constexpr const char* kConflictedAssignment = R"sql(
SELECT ra.id, 'review assignment ' || ra.id || ' gives proposal ' || ra.proposal_id ||
       ' to person ' || r.person_id || ', who has a ' || c.kind || ' conflict with it'
FROM review_assignment ra
JOIN reviewer r ON r.id = ra.reviewer_id
JOIN conflict c ON c.person_id = r.person_id AND c.proposal_id = ra.proposal_id)sql";

constexpr const char* kConflictedReview = R"sql(
SELECT rv.id, 'review ' || rv.id || ' of proposal ' || ra.proposal_id || ' is by person ' ||
       r.person_id || ', who has a ' || c.kind || ' conflict with it'
FROM review rv
JOIN review_assignment ra ON ra.id = rv.review_assignment_id
JOIN reviewer r ON r.id = ra.reviewer_id
JOIN conflict c ON c.person_id = r.person_id AND c.proposal_id = ra.proposal_id)sql";

// Grants of a programme in a fiscal year stay within that year's budget.
constexpr const char* kGrantsWithinBudget = R"sql(
SELECT MIN(g.id), 'grants of programme ' || cl.program_id || ' in FY' || g.fiscal_year ||
       ' total ¥' || SUM(g.amount) || ', over the budget of ¥' ||
       COALESCE((SELECT fb.regular + COALESCE(fb.supplementary, 0) FROM fiscal_budget fb
                 WHERE fb.program_id = cl.program_id AND fb.fiscal_year = g.fiscal_year), 0)
FROM "grant" g JOIN cluster cl ON cl.id = g.cluster_id
GROUP BY cl.program_id, g.fiscal_year
HAVING SUM(g.amount) > COALESCE((SELECT fb.regular + COALESCE(fb.supplementary, 0)
                                 FROM fiscal_budget fb WHERE fb.program_id = cl.program_id
                                 AND fb.fiscal_year = g.fiscal_year), 0))sql";

// Nobody holds the same HQ post of the same cluster twice over overlapping periods.
constexpr const char* kDoublePosition = R"sql(
SELECT p2.id, 'person ' || p1.person_id || ' holds ' || p1.role || ' of cluster ' ||
       p1.cluster_id || ' twice at once (positions ' || p1.id || ' and ' || p2.id || ')'
FROM position p1 JOIN position p2
  ON p1.person_id = p2.person_id AND p1.cluster_id = p2.cluster_id AND p1.role = p2.role
 AND p1.id < p2.id
 AND p1.from_date <= COALESCE(p2.to_date, '9999-12-31')
 AND p2.from_date <= COALESCE(p1.to_date, '9999-12-31'))sql";

// A grant's ledger does not spend more than the grant.
constexpr const char* kLedgerWithinGrant = R"sql(
SELECT g.id, 'ledger of grant ' || g.id || ' spends ¥' || SUM(l.amount) ||
       ', more than the grant of ¥' || g.amount
FROM "grant" g JOIN ledger_entry l ON l.grant_id = g.id
GROUP BY g.id HAVING SUM(l.amount) > g.amount)sql";

// Ledger entries fall inside the grant's fiscal year (April–March).
constexpr const char* kLedgerInFiscalYear = R"sql(
SELECT l.id, 'ledger entry ' || l.id || ' dated ' || l.entry_date ||
       ' lies outside FY' || g.fiscal_year || ' of grant ' || g.id
FROM ledger_entry l JOIN "grant" g ON g.id = l.grant_id
WHERE l.entry_date < g.fiscal_year || '-04-01'
   OR l.entry_date > (g.fiscal_year + 1) || '-03-31')sql";

// A reviewer is not assigned more proposals than their maximum load.
constexpr const char* kReviewerOverloaded = R"sql(
SELECT r.id, 'reviewer ' || r.id || ' has ' || COUNT(ra.id) || ' assignments, over the maximum of ' ||
       r.max_load
FROM reviewer r JOIN review_assignment ra ON ra.reviewer_id = r.id
GROUP BY r.id HAVING COUNT(ra.id) > r.max_load)sql";

// A promoted cluster is no longer in trial.
constexpr const char* kPromotedStillTrial = R"sql(
SELECT c.id, 'cluster ' || c.id || ' was promoted (promotion ' || p.id || ') but is still trial'
FROM promotion p JOIN cluster c ON c.id = p.cluster_id WHERE c.status = 'trial')sql";

// The same pair of seed and need is not matched twice while active.
constexpr const char* kDuplicateMatch = R"sql(
SELECT m2.id, 'seed ' || m2.seed_id || ' and need ' || m2.need_id ||
       ' are matched twice (matches ' || m1.id || ' and ' || m2.id || ')'
FROM "match" m1 JOIN "match" m2 ON m1.seed_id = m2.seed_id AND m1.need_id = m2.need_id
 AND m1.id < m2.id AND m1.status <> 'declined' AND m2.status <> 'declined')sql";

// A review's scores use criteria of the call the proposal answers.
constexpr const char* kScoreCriterionOfOtherCall = R"sql(
SELECT s.id, 'review score ' || s.id || ' uses criterion ' || s.criterion_id ||
       ' of another call than proposal ' || ra.proposal_id
FROM review_score s
JOIN review rv ON rv.id = s.review_id
JOIN review_assignment ra ON ra.id = rv.review_assignment_id
JOIN proposal p ON p.id = ra.proposal_id
JOIN criterion cr ON cr.id = s.criterion_id
WHERE cr.call_id <> p.call_id)sql";

constexpr Check kChecks[] = {
    {"conflicted_assignment", "review_assignment", kConflictedAssignment},
    {"conflicted_review", "review", kConflictedReview},
    {"grants_over_budget", "grant", kGrantsWithinBudget},
    {"double_position", "position", kDoublePosition},
    {"ledger_over_grant", "grant", kLedgerWithinGrant},
    {"ledger_outside_fiscal_year", "ledger_entry", kLedgerInFiscalYear},
    {"reviewer_overloaded", "reviewer", kReviewerOverloaded},
    {"promoted_still_trial", "cluster", kPromotedStillTrial},
    {"duplicate_match", "match", kDuplicateMatch},
    {"score_criterion_of_other_call", "review_score", kScoreCriterionOfOtherCall},
};

constexpr size_t kMaxPerCheck = 1000;

}  // namespace

Result<std::vector<Violation>> RunInvariantChecks(Session& session) {
    using core::FieldType;
    constexpr std::array kIdAndMessage = {FieldType::kInt, FieldType::kText};
    auto id_of = [](const Row& row) {
        const auto* id = std::get_if<int64_t>(&row[0]);
        return id ? *id : 0;
    };
    auto text_of = [](const Row& row) {
        const auto* text = std::get_if<std::string>(&row[1]);
        return text ? *text : std::string();
    };
    std::vector<Violation> violations;
    // Dangling references (rows written with foreign keys off, or by other tools).
    for (const core::EntityDef* def : core::AllEntities()) {
        for (const auto& field : def->fields) {
            if (field.type != FieldType::kRef) continue;
            KC_ASSIGN_OR_RETURN(
                auto rows,
                session.Query(fmt::format("SELECT c.\"id\", p.\"id\" FROM {0} c LEFT JOIN {1} p "
                                          "ON p.\"id\" = c.{2} WHERE c.{2} IS NOT NULL AND "
                                          "p.\"id\" IS NULL ORDER BY c.\"id\" LIMIT {3}",
                                          Quote(def->name), Quote(field.ref_entity),
                                          Quote(field.name), kMaxPerCheck),
                              {}, kIdAndMessage));
            for (const Row& row : rows) {
                violations.push_back({"dangling_reference", def->name, id_of(row),
                                      fmt::format("{} {}: {} refers to a missing {}", def->name,
                                                  id_of(row), field.name, field.ref_entity)});
            }
        }
    }
    for (const Check& check : kChecks) {
        KC_ASSIGN_OR_RETURN(
            auto rows, session.Query(fmt::format("{} ORDER BY 1 LIMIT {}", check.sql, kMaxPerCheck),
                                     {}, kIdAndMessage));
        for (const Row& row : rows) {
            violations.push_back({check.key, check.entity, id_of(row), text_of(row)});
        }
    }
    // Every stored record is still valid against its definition (enum values, ranges, required
    // fields), e.g. after edits by other tools.
    for (const core::EntityDef* def : core::AllEntities()) {
        std::string columns;
        std::vector<FieldType> types;
        for (size_t i = 0; i < def->fields.size(); ++i) {
            if (i) columns += ",";
            columns += Quote(def->fields[i].name);
            types.push_back(def->fields[i].type);
        }
        KC_ASSIGN_OR_RETURN(auto rows, session.Query(fmt::format("SELECT {} FROM {} ORDER BY "
                                                                 "\"id\"",
                                                                 columns, Quote(def->name)),
                                                     {}, types));
        size_t found = 0;
        for (Row& row : rows) {
            core::Record record{def, std::move(row)};
            auto errors = core::ValidateRecord(record);
            if (!errors.empty() && found++ < kMaxPerCheck) {
                violations.push_back({"invalid_record", def->name, record.GetId(),
                                      fmt::format("{} {}: {}", def->name, record.GetId(),
                                                  errors.front().Message())});
            }
        }
    }
    return violations;
}

}  // namespace kc::store::sql
