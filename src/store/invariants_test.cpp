// Store::CheckInvariants over a small, clean dataset built with the typed structs, with one
// violation planted per test.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/entities.h"
#include "store/store.h"
#include "store/test_database.h"

namespace kc::store {
namespace {

using core::Id;

#define KC_TEST_CONCAT_INNER(a, b) a##b
#define KC_TEST_CONCAT(a, b) KC_TEST_CONCAT_INNER(a, b)

#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
    ASSERT_OK_AND_ASSIGN_IMPL(KC_TEST_CONCAT(result_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr)                            \
    auto tmp = (expr);                                                       \
    ASSERT_TRUE(tmp.has_value()) << #expr << ": " << tmp.error().ToString(); \
    lhs = std::move(*tmp)

#define ASSERT_OK(expr)                                                                        \
    do {                                                                                       \
        auto&& kc_status_ = (expr);                                                            \
        ASSERT_TRUE(kc_status_.has_value()) << #expr << ": " << kc_status_.error().ToString(); \
    } while (0)

// The ids of the clean dataset.
struct Dataset {
    Id program = 0;
    Id budget = 0;
    Id region = 0;
    Id university = 0;
    Id company = 0;
    Id reviewer_person = 0;
    Id coordinator = 0;
    Id other_person = 0;
    Id call = 0;
    Id other_call = 0;
    Id criterion = 0;
    Id other_criterion = 0;
    Id proposal = 0;
    Id conflicted_proposal = 0;
    Id reviewer = 0;
    Id assignment = 0;
    Id review = 0;
    Id score = 0;
    Id cluster = 0;
    Id grant = 0;
    Id ledger_entry = 0;
    Id position = 0;
    Id seed = 0;
    Id need = 0;
    Id match = 0;
};

// (check, entity, id) of a violation, for exact comparisons.
using Key = std::tuple<std::string, std::string, Id>;

std::string Describe(const std::vector<Violation>& violations) {
    std::string out;
    for (const auto& violation : violations) {
        out += "\n  " + violation.check + " " + violation.entity + " " +
               std::to_string(violation.id) + ": " + violation.message;
    }
    return out.empty() ? " (none)" : out;
}

std::vector<Key> Keys(const std::vector<Violation>& violations) {
    std::vector<Key> keys;
    for (const auto& violation : violations) {
        keys.emplace_back(violation.check, violation.entity, violation.id);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

// Every TEST_P runs on SQLite and on PostgreSQL (store/test_database.h).
class InvariantsTest : public ::testing::TestWithParam<testing::Backend> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<testing::TestDatabase>(GetParam());
        if (HasFailure()) return;
        if (!db_->available()) GTEST_SKIP() << testing::kNoPgMessage;
        OpenOptions options;
        options.create = true;
        auto opened = OpenStore(db_->location(), options);
        ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
        store_ = std::move(*opened);
        ASSERT_NO_FATAL_FAILURE(BuildClean());
    }

    void TearDown() override {
        store_.reset();
        db_.reset();
    }

    // The minimal rows every check looks at, all consistent.
    void BuildClean() {
        ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Actor{"fixture"}));
        Dataset& d = data_;

        core::Program program;
        program.name_ja = "知的クラスター創成事業";
        program.start_fy = FiscalYear{2002};
        program.end_fy = FiscalYear{2006};
        ASSERT_OK_AND_ASSIGN(d.program, tx->Add(program));

        core::FiscalBudget budget;
        budget.program_id = d.program;
        budget.fiscal_year = FiscalYear{2004};
        budget.regular = Yen{1'000'000'000};
        budget.supplementary = Yen{200'000'000};
        ASSERT_OK_AND_ASSIGN(d.budget, tx->Add(budget));

        core::Region region;
        region.name_ja = "札幌";
        ASSERT_OK_AND_ASSIGN(d.region, tx->Add(region));

        core::Organization university;
        university.name_ja = "北海道大学";
        university.kind = "university";
        university.region_id = d.region;
        ASSERT_OK_AND_ASSIGN(d.university, tx->Add(university));
        core::Organization company;
        company.name_ja = "株式会社札幌テック";
        company.kind = "company";
        company.sme = true;
        ASSERT_OK_AND_ASSIGN(d.company, tx->Add(company));

        ASSERT_OK_AND_ASSIGN(d.reviewer_person, tx->Add(MakePerson("査読")));
        ASSERT_OK_AND_ASSIGN(d.coordinator, tx->Add(MakePerson("調整")));
        ASSERT_OK_AND_ASSIGN(d.other_person, tx->Add(MakePerson("別人")));

        ASSERT_OK_AND_ASSIGN(d.call, tx->Add(MakeCall("selection")));
        ASSERT_OK_AND_ASSIGN(d.other_call, tx->Add(MakeCall("promotion")));
        ASSERT_OK_AND_ASSIGN(d.criterion, tx->Add(MakeCriterion(d.call)));
        ASSERT_OK_AND_ASSIGN(d.other_criterion, tx->Add(MakeCriterion(d.other_call)));

        ASSERT_OK_AND_ASSIGN(d.proposal, tx->Add(MakeProposal("提案A")));
        ASSERT_OK_AND_ASSIGN(d.conflicted_proposal, tx->Add(MakeProposal("提案B")));

        core::Reviewer reviewer;
        reviewer.person_id = d.reviewer_person;
        reviewer.call_id = d.call;
        reviewer.max_load = 2;
        ASSERT_OK_AND_ASSIGN(d.reviewer, tx->Add(reviewer));

        core::Conflict conflict;
        conflict.person_id = d.reviewer_person;
        conflict.proposal_id = d.conflicted_proposal;
        conflict.kind = "same_organization";
        ASSERT_OK(tx->Add(conflict));

        ASSERT_OK_AND_ASSIGN(d.assignment, tx->Add(MakeAssignment(d.reviewer, d.proposal)));
        core::Review review;
        review.review_assignment_id = d.assignment;
        review.status = "draft";
        ASSERT_OK_AND_ASSIGN(d.review, tx->Add(review));
        ASSERT_OK_AND_ASSIGN(d.score, tx->Add(MakeScore(d.review, d.criterion)));

        ASSERT_OK_AND_ASSIGN(d.cluster, tx->Add(MakeCluster("札幌ITカロッツェリア", "full")));
        ASSERT_OK_AND_ASSIGN(d.grant, tx->Add(MakeGrant(Yen{300'000'000})));
        ASSERT_OK_AND_ASSIGN(d.ledger_entry,
                             tx->Add(MakeLedgerEntry(Date{2004, 6, 1}, Yen{1'000'000})));
        ASSERT_OK_AND_ASSIGN(
            d.position, tx->Add(MakePosition("coordinator", Date{2004, 4, 1}, Date{2005, 3, 31})));

        core::Seed seed;
        seed.organization_id = d.university;
        seed.title = "光触媒";
        seed.field = "nanotech_materials";
        seed.ip_status = "none";
        seed.visibility = "public";
        ASSERT_OK_AND_ASSIGN(d.seed, tx->Add(seed));
        core::Need need;
        need.organization_id = d.company;
        need.title = "抗菌コーティング";
        need.field = "nanotech_materials";
        need.confidentiality = "cluster";
        ASSERT_OK_AND_ASSIGN(d.need, tx->Add(need));
        ASSERT_OK_AND_ASSIGN(d.match, tx->Add(MakeMatch("suggested")));

        ASSERT_OK(tx->Commit());
    }

    core::Person MakePerson(std::string family_name) const {
        core::Person person;
        person.family_name = std::move(family_name);
        person.organization_id = data_.university;
        return person;
    }
    core::Call MakeCall(std::string kind) const {
        core::Call call;
        call.program_id = data_.program;
        call.fiscal_year = FiscalYear{2004};
        call.title_ja = "公募 " + kind;
        call.kind = std::move(kind);
        call.status = "open";
        return call;
    }
    core::Criterion MakeCriterion(Id call_id) const {
        core::Criterion criterion;
        criterion.call_id = call_id;
        criterion.key = "novelty";
        criterion.label_ja = "新規性";
        criterion.criterion_group = "scientific";
        return criterion;
    }
    core::Proposal MakeProposal(std::string title) const {
        core::Proposal proposal;
        proposal.call_id = data_.call;
        proposal.title_ja = std::move(title);
        proposal.field = "it";
        proposal.status = "under_review";
        return proposal;
    }
    static core::ReviewAssignment MakeAssignment(Id reviewer, Id proposal) {
        core::ReviewAssignment assignment;
        assignment.reviewer_id = reviewer;
        assignment.proposal_id = proposal;
        assignment.origin = "manual";
        return assignment;
    }
    static core::ReviewScore MakeScore(Id review, Id criterion) {
        core::ReviewScore score;
        score.review_id = review;
        score.criterion_id = criterion;
        score.score = 4;
        return score;
    }
    core::Cluster MakeCluster(std::string name, std::string status) const {
        core::Cluster cluster;
        cluster.program_id = data_.program;
        cluster.name_ja = std::move(name);
        cluster.field = "it";
        cluster.status = std::move(status);
        return cluster;
    }
    core::Grant MakeGrant(Yen amount, FiscalYear fiscal_year = FiscalYear{2004}) const {
        core::Grant grant;
        grant.cluster_id = data_.cluster;
        grant.organization_id = data_.university;
        grant.fiscal_year = fiscal_year;
        grant.amount = amount;
        grant.kind = "regular";
        return grant;
    }
    core::LedgerEntry MakeLedgerEntry(Date date, Yen amount) const {
        core::LedgerEntry entry;
        entry.grant_id = data_.grant;
        entry.entry_date = date;
        entry.category = "equipment";
        entry.amount = amount;
        return entry;
    }
    core::Position MakePosition(std::string role, Date from, core::OptDate to) const {
        core::Position position;
        position.cluster_id = data_.cluster;
        position.person_id = data_.coordinator;
        position.role = std::move(role);
        position.from_date = from;
        position.to_date = to;
        return position;
    }
    core::Match MakeMatch(std::string status) const {
        core::Match match;
        match.seed_id = data_.seed;
        match.need_id = data_.need;
        match.status = std::move(status);
        return match;
    }

    // Commits `object` in a transaction of its own and returns its id through `id`.
    template <class T>
    void Plant(const T& object, Id* id = nullptr) {
        ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Actor{"plant"}));
        ASSERT_OK_AND_ASSIGN(Id planted, tx->Add(object));
        ASSERT_OK(tx->Commit());
        if (id) *id = planted;
    }

    // Runs `sql` behind kcluster's back with reference checks off, as another tool might.
    void ExecRaw(const std::string& sql) { ASSERT_EQ(db_->ExecRaw(sql), ""); }

    std::vector<Violation> Check() {
        auto violations = store_->CheckInvariants();
        EXPECT_TRUE(violations.has_value()) << violations.error().ToString();
        return violations.value_or(std::vector<Violation>{});
    }

    // Expects exactly `expected` violations (as check, entity, id), each with a message.
    void ExpectOnly(std::vector<Key> expected) {
        auto violations = Check();
        std::sort(expected.begin(), expected.end());
        EXPECT_EQ(Keys(violations), expected) << Describe(violations);
        for (const auto& violation : violations) {
            EXPECT_FALSE(violation.message.empty()) << violation.check;
        }
    }

    std::unique_ptr<testing::TestDatabase> db_;
    std::unique_ptr<Store> store_;
    Dataset data_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, InvariantsTest, ::testing::Values(testing::Backend::kSqlite),
                         testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, InvariantsTest, ::testing::Values(testing::Backend::kPostgres),
                         testing::BackendName);

TEST_P(InvariantsTest, CleanDatasetHasNoViolations) {
    auto violations = Check();
    EXPECT_TRUE(violations.empty()) << Describe(violations);
}

TEST_P(InvariantsTest, FindsAReviewOnAConflictedPair) {
    core::Conflict conflict;
    conflict.person_id = data_.reviewer_person;
    conflict.proposal_id = data_.proposal;
    conflict.kind = "co_author";
    ASSERT_NO_FATAL_FAILURE(Plant(conflict));
    ExpectOnly({{"conflicted_assignment", "review_assignment", data_.assignment},
                {"conflicted_review", "review", data_.review}});
    auto violations = Check();
    for (const auto& violation : violations) {
        EXPECT_NE(violation.message.find("co_author"), std::string::npos) << violation.message;
    }
}

TEST_P(InvariantsTest, FindsAnAssignmentOnAConflictedPair) {
    Id assignment = 0;
    ASSERT_NO_FATAL_FAILURE(
        Plant(MakeAssignment(data_.reviewer, data_.conflicted_proposal), &assignment));
    ExpectOnly({{"conflicted_assignment", "review_assignment", assignment}});
}

TEST_P(InvariantsTest, FindsGrantsOverTheFiscalBudget) {
    // Budget FY2004: ¥1.0bn regular + ¥0.2bn supplementary; ¥0.3bn is already granted.
    core::Cluster cluster = MakeCluster("仙台", "full");
    Id second_cluster = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(cluster, &second_cluster));
    core::Grant within = MakeGrant(Yen{900'000'000});
    within.cluster_id = second_cluster;
    ASSERT_NO_FATAL_FAILURE(Plant(within));
    ExpectOnly({});  // exactly the budget including the supplementary part

    ASSERT_NO_FATAL_FAILURE(Plant(MakeGrant(Yen{1})));
    ExpectOnly({{"grants_over_budget", "grant", data_.grant}});
    auto violations = Check();
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_NE(violations[0].message.find("2004"), std::string::npos) << violations[0].message;
}

TEST_P(InvariantsTest, FindsTheSameHqPostHeldTwiceAtOnce) {
    // Another role, and the same role after the first term ends, are fine.
    ASSERT_NO_FATAL_FAILURE(Plant(MakePosition("adviser", Date{2004, 4, 1}, std::nullopt)));
    ASSERT_NO_FATAL_FAILURE(Plant(MakePosition("coordinator", Date{2005, 4, 1}, std::nullopt)));
    ExpectOnly({});

    Id overlapping = 0;
    ASSERT_NO_FATAL_FAILURE(
        Plant(MakePosition("coordinator", Date{2004, 10, 1}, Date{2005, 3, 1}), &overlapping));
    ExpectOnly({{"double_position", "position", overlapping}});
}

TEST_P(InvariantsTest, FindsALedgerOverItsGrant) {
    // ¥1,000,000 already spent of ¥300,000,000.
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2004, 7, 1}, Yen{299'000'000})));
    ExpectOnly({});  // exactly the grant
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2004, 8, 1}, Yen{1})));
    ExpectOnly({{"ledger_over_grant", "grant", data_.grant}});
}

TEST_P(InvariantsTest, RefundsCountAgainstTheLedgerTotal) {
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2004, 7, 1}, Yen{300'000'000})));
    ExpectOnly({{"ledger_over_grant", "grant", data_.grant}});
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2004, 9, 1}, Yen{-1'000'000})));
    ExpectOnly({});
}

TEST_P(InvariantsTest, FindsALedgerEntryOutsideTheGrantsFiscalYear) {
    // FY2004 runs from 2004-04-01 to 2005-03-31.
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2004, 4, 1}, Yen{1000})));
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2005, 3, 31}, Yen{1000})));
    ExpectOnly({});

    Id after = 0;
    Id before = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2005, 4, 1}, Yen{1000}), &after));
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2004, 3, 31}, Yen{1000}), &before));
    ExpectOnly({{"ledger_outside_fiscal_year", "ledger_entry", after},
                {"ledger_outside_fiscal_year", "ledger_entry", before}});
}

TEST_P(InvariantsTest, FindsAReviewerOverTheirMaximumLoad) {
    core::Reviewer reviewer;
    reviewer.person_id = data_.other_person;
    reviewer.call_id = data_.call;
    reviewer.max_load = 1;
    Id busy = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(reviewer, &busy));
    ASSERT_NO_FATAL_FAILURE(Plant(MakeAssignment(busy, data_.proposal)));
    ExpectOnly({});  // at the maximum
    ASSERT_NO_FATAL_FAILURE(Plant(MakeAssignment(busy, data_.conflicted_proposal)));
    ExpectOnly({{"reviewer_overloaded", "reviewer", busy}});
}

TEST_P(InvariantsTest, FindsAPromotedClusterStillInTrial) {
    Id trial = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(MakeCluster("試行クラスター", "trial"), &trial));
    ExpectOnly({});
    core::Promotion promotion;
    promotion.cluster_id = trial;
    promotion.decided_on = Date{2005, 3, 1};
    promotion.effective_fy = FiscalYear{2005};
    ASSERT_NO_FATAL_FAILURE(Plant(promotion));
    ExpectOnly({{"promoted_still_trial", "cluster", trial}});
}

TEST_P(InvariantsTest, FindsADuplicateActiveMatch) {
    ASSERT_NO_FATAL_FAILURE(Plant(MakeMatch("declined")));
    ExpectOnly({});  // a declined match does not count
    Id duplicate = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(MakeMatch("contacted"), &duplicate));
    ExpectOnly({{"duplicate_match", "match", duplicate}});
}

TEST_P(InvariantsTest, FindsAReviewScoreOnACriterionOfAnotherCall) {
    Id score = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(MakeScore(data_.review, data_.other_criterion), &score));
    ExpectOnly({{"score_criterion_of_other_call", "review_score", score}});
}

TEST_P(InvariantsTest, FindsADanglingReferencePlantedWithRawSql) {
    ASSERT_NO_FATAL_FAILURE(ExecRaw(
        "INSERT INTO seed (id, organization_id, title, keywords, field, ip_status, visibility, "
        "sample, created_at, updated_at) VALUES (900, 999, 'orphan', '[]', 'it', 'none', "
        "'public', 0, '2026-04-01T09:00:00+09:00', '2026-04-01T09:00:00+09:00')"));
    ExpectOnly({{"dangling_reference", "seed", 900}});
    auto violations = Check();
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_NE(violations[0].message.find("organization"), std::string::npos)
        << violations[0].message;
}

TEST_P(InvariantsTest, FindsAnInvalidEnumValuePlantedWithRawSql) {
    ASSERT_NO_FATAL_FAILURE(ExecRaw(
        "INSERT INTO organization (id, name_ja, kind, sme, created_at, updated_at) VALUES "
        "(800, '城', 'castle', 0, '2026-04-01T09:00:00+09:00', '2026-04-01T09:00:00+09:00')"));
    ExpectOnly({{"invalid_record", "organization", 800}});
    auto violations = Check();
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_NE(violations[0].message.find("kind"), std::string::npos) << violations[0].message;
}

TEST_P(InvariantsTest, FindsARecordBrokenByAnUpdateWithRawSql) {
    ASSERT_NO_FATAL_FAILURE(
        ExecRaw("UPDATE seed SET trl = 12 WHERE id = " + std::to_string(data_.seed)));
    ExpectOnly({{"invalid_record", "seed", data_.seed}});
}

TEST_P(InvariantsTest, ReportsEveryViolationAtOnce) {
    core::Conflict conflict;
    conflict.person_id = data_.reviewer_person;
    conflict.proposal_id = data_.proposal;
    conflict.kind = "declared";
    ASSERT_NO_FATAL_FAILURE(Plant(conflict));
    Id duplicate = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(MakeMatch("meeting"), &duplicate));
    Id late = 0;
    ASSERT_NO_FATAL_FAILURE(Plant(MakeLedgerEntry(Date{2006, 1, 1}, Yen{5}), &late));
    ExpectOnly({{"conflicted_assignment", "review_assignment", data_.assignment},
                {"conflicted_review", "review", data_.review},
                {"duplicate_match", "match", duplicate},
                {"ledger_outside_fiscal_year", "ledger_entry", late}});
}

// 50 writers, each with its own connection (as 50 server workers or instances would have), race
// for 30 s (bounded) to charge a grant up to its amount with read-check-write transactions, and
// write other records once the grant is spent. No write may be lost, the grant never overspent,
// and `db check` stays clean. Busy databases are retried, as callers of the store do.
TEST_P(InvariantsTest, FiftyConcurrentWritersLoseNoWriteAndBreakNoInvariant) {
    constexpr int kWriters = 50;
    constexpr auto kDuration = std::chrono::seconds(30);
    constexpr int64_t kCharge = 199'000;
    constexpr int64_t kGrant = 300'000'000;
    constexpr int64_t kFirstEntry = 1'000'000;  // the clean dataset's ledger entry
    const auto deadline = std::chrono::steady_clock::now() + kDuration;
    std::atomic<int64_t> charged{0}, others{0}, retries{0}, failures{0};
    std::atomic<bool> overspent{false};
    std::vector<std::string> errors(kWriters);
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            OpenOptions options;
            auto opened = OpenStore(db_->location(), options);
            if (!opened) {
                errors[w] = opened.error().ToString();
                ++failures;
                return;
            }
            std::unique_ptr<Store> store = std::move(*opened);
            int64_t iteration = 0;
            while (std::chrono::steady_clock::now() < deadline && iteration < 100'000) {
                ++iteration;
                auto attempt = [&]() -> Result<int> {  // 1 charged, 2 other write
                    KC_ASSIGN_OR_RETURN(auto tx, store->Begin(Actor{"writer"}));
                    Filter of_grant;
                    of_grant.equals = {{"grant_id", core::Value{data_.grant}}};
                    KC_ASSIGN_OR_RETURN(int64_t entries,
                                        tx->Count(core::LedgerEntry::Def(), of_grant));
                    const int64_t spent = kFirstEntry + (entries - 1) * kCharge;
                    if (spent > kGrant) overspent = true;
                    int kind = 2;
                    if (spent + kCharge <= kGrant) {
                        KC_ASSIGN_OR_RETURN(
                            Id id, tx->Add(MakeLedgerEntry(Date{2004, 10, 1}, Yen{kCharge})));
                        (void)id;
                        kind = 1;
                    } else {
                        core::Match match;
                        match.seed_id = data_.seed;
                        match.need_id = data_.need;
                        match.status = "declined";
                        KC_ASSIGN_OR_RETURN(Id id, tx->Add(match));
                        (void)id;
                    }
                    KC_RETURN_IF_ERROR(tx->Commit());
                    return kind;
                };
                auto done = attempt();
                if (!done && done.error().code == ErrorCode::kUnavailable) {
                    ++retries;
                    continue;
                }
                if (!done) {
                    errors[w] = done.error().ToString();
                    ++failures;
                    return;
                }
                (*done == 1 ? charged : others)++;
            }
        });
    }
    for (auto& writer : writers) writer.join();
    for (const auto& error : errors) EXPECT_EQ(error, "");
    ASSERT_EQ(failures.load(), 0);
    EXPECT_FALSE(overspent.load());

    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Actor{"check"}));
    Filter of_grant;
    of_grant.equals = {{"grant_id", core::Value{data_.grant}}};
    ASSERT_OK_AND_ASSIGN(int64_t entries, tx->Count(core::LedgerEntry::Def(), of_grant));
    EXPECT_EQ(entries, 1 + charged.load()) << "every committed charge is stored, none more";
    Filter declined;
    declined.equals = {{"status", core::Value{std::string("declined")}}};
    ASSERT_OK_AND_ASSIGN(int64_t matches, tx->Count(core::Match::Def(), declined));
    EXPECT_EQ(matches, others.load());
    EXPECT_LE(kFirstEntry + charged.load() * kCharge, kGrant);
    // The grant was spent down to less than one charge: the race at the limit happened.
    EXPECT_GT(kFirstEntry + (charged.load() + 1) * kCharge, kGrant)
        << "the writers did not reach the grant's limit in time: charged " << charged.load();
    tx.reset();
    ExpectOnly({});
    std::printf("[ stress   ] %s: %lld charges, %lld other writes, %lld busy retries in 30 s\n",
                db_->backend() == testing::Backend::kSqlite ? "SQLite" : "PostgreSQL",
                static_cast<long long>(charged.load()), static_cast<long long>(others.load()),
                static_cast<long long>(retries.load()));
}

}  // namespace
}  // namespace kc::store
