#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engines/select/select.h"

namespace kc::select {
namespace {

constexpr int64_t kMillion = 1'000'000;

Candidate Make(std::string label, double score, int64_t cost_full, int64_t cost_trial,
               std::vector<std::string> groups = {}) {
    Candidate c;
    c.label = std::move(label);
    c.score = score;
    c.cost_full = cost_full;
    c.cost_trial = cost_trial;
    c.allow_trial = cost_trial > 0;
    c.groups = std::move(groups);
    return c;
}

std::vector<Outcome> OutcomesOf(const Selection& selection) {
    std::vector<Outcome> out;
    for (const CandidateResult& c : selection.candidates) out.push_back(c.outcome);
    return out;
}

bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// An independent checker and brute force over all 3^n outcomes.

bool Feasible(const SelectionInput& in, const std::vector<Outcome>& outcomes) {
    int64_t cost = 0;
    int32_t full = 0, trial = 0;
    for (size_t i = 0; i < in.candidates.size(); ++i) {
        const Candidate& c = in.candidates[i];
        if (outcomes[i] == Outcome::kFull) {
            if (!c.allow_full) return false;
            cost += c.cost_full;
            ++full;
        } else if (outcomes[i] == Outcome::kTrial) {
            if (!c.allow_trial || c.cost_trial == 0) return false;
            cost += c.cost_trial;
            ++trial;
        }
    }
    if (cost > in.budget) return false;
    if (in.full_count && full != *in.full_count) return false;
    if (in.trial_count && trial != *in.trial_count) return false;
    std::map<std::string, int32_t> count;  // selected candidates per group
    std::set<std::string> all_groups;
    for (size_t i = 0; i < in.candidates.size(); ++i) {
        const std::set<std::string> unique(in.candidates[i].groups.begin(),
                                           in.candidates[i].groups.end());
        all_groups.insert(unique.begin(), unique.end());
        if (outcomes[i] == Outcome::kRejected) continue;
        for (const std::string& g : unique) ++count[g];
    }
    for (const GroupConstraint& g : in.groups) {
        std::vector<std::string> rows;
        if (g.group.back() == ':') {
            for (const std::string& name : all_groups) {
                if (name.starts_with(g.group)) rows.push_back(name);
            }
        } else {
            rows.push_back(g.group);
        }
        for (const std::string& row : rows) {
            const int32_t n = count.count(row) ? count.at(row) : 0;
            if ((g.min && n < *g.min) || (g.max && n > *g.max)) return false;
        }
    }
    for (const DistinctConstraint& d : in.distinct) {
        int32_t distinct = 0;
        for (const auto& [name, n] : count) distinct += name.starts_with(d.prefix) && n > 0;
        if (distinct < d.min_distinct) return false;
    }
    return true;
}

double Objective(const SelectionInput& in, const std::vector<Outcome>& outcomes) {
    double total = 0;
    for (size_t i = 0; i < in.candidates.size(); ++i) {
        if (outcomes[i] == Outcome::kFull) total += in.candidates[i].score;
        if (outcomes[i] == Outcome::kTrial) total += in.trial_weight * in.candidates[i].score;
    }
    return total;
}

// The engine's tie-break, smaller is preferred: 2(i + 1) per selected candidate, +1 for trial.
int64_t TieValue(const std::vector<Outcome>& outcomes) {
    int64_t value = 0;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i] != Outcome::kRejected) value += 2 * static_cast<int64_t>(i + 1);
        if (outcomes[i] == Outcome::kTrial) value += 1;
    }
    return value;
}

struct Brute {
    bool feasible = false;
    double best = -INFINITY;
    int64_t best_tie =
        std::numeric_limits<int64_t>::max();  // among selections within 1e-9 x scale of the best
};

Brute BruteForce(const SelectionInput& in) {
    const size_t n = in.candidates.size();
    std::vector<std::vector<Outcome>> feasible;
    std::vector<Outcome> outcomes(n, Outcome::kRejected);
    while (true) {
        if (Feasible(in, outcomes)) feasible.push_back(outcomes);
        // Odometer over rejected -> full -> trial, candidate 0 fastest.
        size_t i = 0;
        while (i < n && outcomes[i] == Outcome::kTrial) outcomes[i++] = Outcome::kRejected;
        if (i == n) break;
        outcomes[i] = outcomes[i] == Outcome::kRejected ? Outcome::kFull : Outcome::kTrial;
    }
    Brute brute;
    brute.feasible = !feasible.empty();
    double scale = 1e-300;
    for (const Candidate& c : in.candidates) scale = std::max(scale, std::abs(c.score));
    for (const auto& f : feasible) brute.best = std::max(brute.best, Objective(in, f));
    for (const auto& f : feasible) {
        if (Objective(in, f) >= brute.best - 1e-9 * scale) {
            brute.best_tie = std::min(brute.best_tie, TieValue(f));
        }
    }
    return brute;
}

SelectionInput RandomInstance(uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto uniform = [&](int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
    };
    SelectionInput in;
    const auto n = static_cast<int32_t>(uniform(4, 10));
    const bool integer_scores = seed % 2 == 0;  // many exact ties
    const char* prefectures[] = {"prefecture:A", "prefecture:B", "prefecture:C"};
    const char* fields[] = {"field:X", "field:Y", "field:Z"};
    for (int32_t i = 0; i < n; ++i) {
        Candidate c;
        c.label = "c" + std::to_string(i);
        c.score = integer_scores ? static_cast<double>(uniform(1, 5))
                                 : static_cast<double>(uniform(-500, 5000)) / 1000.0;
        c.cost_full = uniform(300, 700) * kMillion;
        c.cost_trial = uniform(0, 4) == 0 ? 0 : uniform(100, 250) * kMillion;
        c.allow_full = uniform(0, 9) != 0;
        c.allow_trial = uniform(0, 9) < 7;
        c.groups = {prefectures[uniform(0, 2)], fields[uniform(0, 2)]};
        in.candidates.push_back(std::move(c));
    }
    in.budget = uniform(8, 30) * 100 * kMillion;
    in.trial_weight = std::vector<double>{0.3, 0.5, 1.0}[static_cast<size_t>(uniform(0, 2))];
    if (uniform(0, 9) < 3) in.full_count = static_cast<int32_t>(uniform(1, 3));
    if (uniform(0, 9) < 3) in.trial_count = static_cast<int32_t>(uniform(0, 2));
    if (uniform(0, 1) == 0) {
        in.groups.push_back({"prefecture:", std::nullopt, static_cast<int32_t>(uniform(1, 2))});
    }
    if (uniform(0, 9) < 3) in.groups.push_back({"field:X", 1, std::nullopt});
    if (uniform(0, 9) < 3) in.distinct.push_back({"field:", 2});
    return in;
}

TEST(Select, MatchesBruteForceOnRandomSmallInstances) {
    int32_t feasible = 0, infeasible = 0;
    for (uint64_t seed = 1; seed <= 40; ++seed) {
        const SelectionInput in = RandomInstance(seed);
        const Brute brute = BruteForce(in);
        const Result<Selection> result = Select(in);
        if (!brute.feasible) {
            ++infeasible;
            ASSERT_FALSE(result.has_value()) << "seed " << seed;
            EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition) << "seed " << seed;
            continue;
        }
        ++feasible;
        ASSERT_TRUE(result.has_value()) << "seed " << seed << ": " << result.error().ToString();
        const std::vector<Outcome> outcomes = OutcomesOf(*result);
        EXPECT_TRUE(Feasible(in, outcomes)) << "seed " << seed;
        EXPECT_TRUE(result->optimal);
        EXPECT_NEAR(result->objective, brute.best, 1e-6) << "seed " << seed;
        EXPECT_NEAR(Objective(in, outcomes), brute.best, 1e-6) << "seed " << seed;
        EXPECT_EQ(TieValue(outcomes), brute.best_tie) << "seed " << seed << ": tie-break";
        for (const CandidateResult& c : result->candidates) {
            EXPECT_FALSE(c.reason.empty()) << "seed " << seed;
        }
    }
    EXPECT_GE(feasible, 20);
    EXPECT_GE(infeasible, 1);
}

// ---------------------------------------------------------------------------------------------
// Hand-checked instances

TEST(Select, KnapsackWhereGreedyByScoreIsWrong) {
    SelectionInput in;
    in.budget = 1000 * kMillion;
    in.candidates = {Make("A", 10, 600 * kMillion, 0), Make("B", 7, 500 * kMillion, 0),
                     Make("C", 7, 500 * kMillion, 0)};
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result),
              (std::vector<Outcome>{Outcome::kRejected, Outcome::kFull, Outcome::kFull}));
    EXPECT_DOUBLE_EQ(result->objective, 14);
    EXPECT_EQ(result->cost, 1000 * kMillion);
    EXPECT_TRUE(result->optimal);
    const CandidateResult& a = result->candidates[0];
    EXPECT_EQ(a.binding, "budget");
    EXPECT_EQ(a.reason,
              "rejected: score 10 (rank 1 of 3); forcing it in as full would lower the total "
              "score by 4 (it would displace B and C); adding it outright breaks budget (¥0 "
              "left, needs ¥600M)");
    EXPECT_EQ(result->candidates[1].reason, "selected full: score 7 (rank 2 of 3), cost ¥500M");
    EXPECT_EQ(result->binding, std::vector<std::string>{"budget"});
}

TEST(Select, HonoursExactCountsAndTrialWeight) {
    SelectionInput in;
    in.budget = 10'000 * kMillion;
    in.full_count = 2;
    in.trial_count = 1;
    in.trial_weight = 0.5;
    for (int32_t i = 0; i < 5; ++i) {
        in.candidates.push_back(
            Make("c" + std::to_string(i), 5.0 - i, 500 * kMillion, 150 * kMillion));
    }
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result),
              (std::vector<Outcome>{Outcome::kFull, Outcome::kFull, Outcome::kTrial,
                                    Outcome::kRejected, Outcome::kRejected}));
    EXPECT_DOUBLE_EQ(result->objective, 5 + 4 + 0.5 * 3);
    EXPECT_EQ(result->cost, 1150 * kMillion);
    EXPECT_EQ(result->candidates[2].reason, "selected trial: score 3 (rank 3 of 5), cost ¥150M");
    // c3 could only enter by replacing someone: the counts are what binds. As trial it costs
    // 0.5 (c2's place), as full 2 (c1's), so the explanation forces it in as trial.
    EXPECT_EQ(result->candidates[3].binding, "trial_count");
    EXPECT_TRUE(Contains(result->candidates[3].reason,
                         "forcing it in as trial would lower the "
                         "total score by 0.5"))
        << result->candidates[3].reason;
    EXPECT_TRUE(Contains(result->candidates[3].reason, "it would displace c2"))
        << result->candidates[3].reason;
}

TEST(Select, AtMostOnePerPrefecture) {
    SelectionInput in;
    in.budget = 2000 * kMillion;
    in.candidates = {Make("札幌", 5, 500 * kMillion, 0, {"prefecture:北海道"}),
                     Make("函館", 4.5, 500 * kMillion, 0, {"prefecture:北海道"}),
                     Make("仙台", 3, 500 * kMillion, 0, {"prefecture:宮城"}),
                     Make("福岡", 2, 500 * kMillion, 0, {"prefecture:福岡"})};
    in.groups.push_back({"prefecture:", std::nullopt, 1});
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result), (std::vector<Outcome>{Outcome::kFull, Outcome::kRejected,
                                                         Outcome::kFull, Outcome::kFull}));
    const CandidateResult& hakodate = result->candidates[1];
    EXPECT_EQ(hakodate.binding, "at most 1 per prefecture:北海道");
    EXPECT_TRUE(Contains(hakodate.reason, "at most 1 per prefecture:北海道 (already: 札幌)"))
        << hakodate.reason;
    EXPECT_EQ(result->binding, std::vector<std::string>{"at most 1 per prefecture:北海道"});
}

TEST(Select, AtLeastKDistinctFields) {
    SelectionInput in;
    in.budget = 1500 * kMillion;
    in.candidates = {Make("a", 5, 500 * kMillion, 0, {"field:IT"}),
                     Make("b", 4.9, 500 * kMillion, 0, {"field:IT"}),
                     Make("c", 4.8, 500 * kMillion, 0, {"field:IT"}),
                     Make("d", 2, 500 * kMillion, 0, {"field:bio"}),
                     Make("e", 1, 500 * kMillion, 0, {"field:materials"})};
    in.distinct.push_back({"field:", 3});
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result),
              (std::vector<Outcome>{Outcome::kFull, Outcome::kRejected, Outcome::kRejected,
                                    Outcome::kFull, Outcome::kFull}));
    // b is kept out by the budget once the field minimum takes two places.
    EXPECT_EQ(result->candidates[1].binding, "budget");
}

TEST(Select, ExactGroupBounds) {
    SelectionInput in;
    in.budget = 10'000 * kMillion;
    for (int32_t i = 0; i < 6; ++i) {
        in.candidates.push_back(Make("c" + std::to_string(i), 6.0 - i, 100 * kMillion, 0,
                                     {i % 2 == 0 ? "field:IT" : "field:bio"}));
    }
    in.groups.push_back({"field:IT", std::nullopt, 1});
    in.groups.push_back({"field:bio", 2, 2});
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result),
              (std::vector<Outcome>{Outcome::kFull, Outcome::kFull, Outcome::kRejected,
                                    Outcome::kFull, Outcome::kRejected, Outcome::kRejected}));
    EXPECT_EQ(result->candidates[2].binding, "at most 1 of field:IT");
    EXPECT_EQ(result->candidates[5].binding, "exactly 2 of field:bio");
}

TEST(Select, TiesGoToLowerIndices) {
    SelectionInput in;
    in.budget = 1000 * kMillion;
    for (int32_t i = 0; i < 4; ++i) {
        in.candidates.push_back(Make("c" + std::to_string(i), 3, 500 * kMillion, 0));
    }
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(OutcomesOf(*result), (std::vector<Outcome>{Outcome::kFull, Outcome::kFull,
                                                         Outcome::kRejected, Outcome::kRejected}));
    EXPECT_EQ(result->candidates[3].binding, "tie");
    EXPECT_TRUE(Contains(result->candidates[3].reason, "gives the same total score"));
}

TEST(Select, NeverBuysZeroValueOptions) {
    // A trial worth nothing (trial_weight 0) or a zero score adds nothing: not selected.
    SelectionInput in;
    in.budget = 10'000 * kMillion;
    in.trial_weight = 0;
    in.candidates = {Make("a", 3, 500 * kMillion, 150 * kMillion), Make("b", 0, 500 * kMillion, 0)};
    in.candidates[0].allow_full = false;
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result), (std::vector<Outcome>{Outcome::kRejected, Outcome::kRejected}));
    EXPECT_EQ(result->cost, 0);
}

// ---------------------------------------------------------------------------------------------
// The realistic case: 30 proposals, ¥7.5bn a year, 12 full and 6 trial.

SelectionInput Realistic(uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> score(2.0, 5.0);
    const std::vector<std::string> prefectures = {"北海道", "宮城", "東京", "愛知", "京都",
                                                  "大阪",   "広島", "福岡", "長野", "富山"};
    SelectionInput in;
    in.budget = 7'500 * kMillion;
    in.full_count = 12;
    in.trial_count = 6;
    for (int32_t i = 0; i < 30; ++i) {
        Candidate c;
        c.label = "proposal " + std::to_string(i) + " " + prefectures[static_cast<size_t>(i) % 10];
        c.score = std::round(score(rng) * 100) / 100;
        c.cost_full = (450 + static_cast<int64_t>(rng() % 11) * 10) * kMillion;
        c.cost_trial = (120 + static_cast<int64_t>(rng() % 7) * 10) * kMillion;
        c.groups = {"prefecture:" + prefectures[static_cast<size_t>(i) % 10],
                    std::string("field:") + "ABCDE"[i % 5]};
        in.candidates.push_back(std::move(c));
    }
    in.groups.push_back({"prefecture:", std::nullopt, 2});
    in.distinct.push_back({"field:", 5});
    return in;
}

TEST(Select, RealisticProgrammeOfThirtyProposals) {
    const SelectionInput in = Realistic(5);
    const auto start = std::chrono::steady_clock::now();
    const Result<Selection> result = Select(in);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    const std::vector<Outcome> outcomes = OutcomesOf(*result);
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), Outcome::kFull), 12);
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), Outcome::kTrial), 6);
    EXPECT_TRUE(Feasible(in, outcomes));
    EXPECT_LE(result->cost, in.budget);
    EXPECT_TRUE(result->optimal);
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const CandidateResult& c = result->candidates[i];
        if (c.outcome == Outcome::kRejected) {
            EXPECT_TRUE(c.reason.starts_with("rejected: score ")) << c.reason;
            EXPECT_FALSE(c.binding.empty()) << c.reason;
        } else {
            EXPECT_TRUE(c.reason.starts_with(c.outcome == Outcome::kFull ? "selected full: score "
                                                                         : "selected trial: "))
                << c.reason;
            EXPECT_TRUE(Contains(c.reason, " of 30), cost ¥")) << c.reason;
        }
    }
    EXPECT_LT(seconds, 30) << "explaining 12 rejections should take seconds at most";
}

void ExpectSame(const Selection& first, const Selection& second) {
    EXPECT_EQ(OutcomesOf(first), OutcomesOf(second));
    for (size_t i = 0; i < first.candidates.size(); ++i) {
        EXPECT_EQ(first.candidates[i].reason, second.candidates[i].reason);
        EXPECT_EQ(first.candidates[i].binding, second.candidates[i].binding);
    }
    EXPECT_EQ(first.objective, second.objective);
    EXPECT_EQ(first.binding, second.binding);
}

TEST(Select, ConcurrentCallsGiveTheSequentialAnswers) {
    const SelectionInput a = Realistic(21), b = Realistic(22);
    const Result<Selection> expected_a = Select(a), expected_b = Select(b);
    ASSERT_TRUE(expected_a && expected_b);
    std::optional<Result<Selection>> got_a, got_b;
    std::thread thread_a([&] { got_a = Select(a); });
    std::thread thread_b([&] { got_b = Select(b); });
    thread_a.join();
    thread_b.join();
    ASSERT_TRUE(*got_a && *got_b);
    ExpectSame(**got_a, *expected_a);
    ExpectSame(**got_b, *expected_b);
}

TEST(Select, DeterministicAcrossRuns) {
    const SelectionInput in = Realistic(9);
    const Result<Selection> first = Select(in);
    ASSERT_TRUE(Select(Realistic(10)).has_value());  // whatever ran before must not matter
    const Result<Selection> second = Select(in);
    ASSERT_TRUE(first && second);
    ExpectSame(*first, *second);
}

TEST(Select, CheapExplanationsAboveTheResolveLimit) {
    SelectionInput in = Realistic(5);
    in.explain_by_resolving_up_to = 10;
    const Result<Selection> cheap = Select(in);
    const Result<Selection> full = Select(Realistic(5));
    ASSERT_TRUE(cheap && full);
    EXPECT_EQ(OutcomesOf(*cheap), OutcomesOf(*full));
    for (const CandidateResult& c : cheap->candidates) {
        if (c.outcome != Outcome::kRejected) continue;
        EXPECT_FALSE(Contains(c.reason, "forcing it in")) << c.reason;
        EXPECT_FALSE(c.binding.empty()) << c.reason;
    }
}

// ---------------------------------------------------------------------------------------------
// Explanations of candidates that no selection can hold

TEST(Select, ExplainsACandidateBlockedByTheBudget) {
    SelectionInput in;
    in.budget = 1000 * kMillion;
    in.candidates = {Make("big", 9, 1200 * kMillion, 0), Make("small", 1, 400 * kMillion, 0)};
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(result->candidates[0].binding, "budget");
    EXPECT_TRUE(Contains(result->candidates[0].reason,
                         "cannot be selected without breaking budget (it alone costs ¥1.2bn > "
                         "¥1bn)"))
        << result->candidates[0].reason;
}

TEST(Select, ExplainsACandidateBlockedByAGroupMinimum) {
    // Two places; field:bio needs one of them; the bio candidate is only affordable as the
    // second, so the third IT candidate can never get in.
    SelectionInput in;
    in.budget = 10'000 * kMillion;
    in.full_count = 2;
    in.candidates = {Make("it1", 5, 100 * kMillion, 0, {"field:IT"}),
                     Make("it2", 4, 100 * kMillion, 0, {"field:IT"}),
                     Make("bio", 1, 100 * kMillion, 0, {"field:bio"})};
    in.groups.push_back({"field:bio", 1, std::nullopt});
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(OutcomesOf(*result),
              (std::vector<Outcome>{Outcome::kFull, Outcome::kRejected, Outcome::kFull}));
    EXPECT_EQ(result->candidates[1].binding, "full_count");
    EXPECT_TRUE(Contains(result->candidates[1].reason, "it would displace it1"))
        << result->candidates[1].reason;
}

TEST(Select, ExplainsIneligibleCandidates) {
    SelectionInput in;
    in.budget = 1000 * kMillion;
    Candidate c = Make("nope", 5, 100 * kMillion, 0);
    c.allow_full = false;
    in.candidates = {c, Make("ok", 1, 100 * kMillion, 0)};
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->candidates[0].binding, "eligibility");
    EXPECT_EQ(result->candidates[0].reason,
              "rejected: not eligible (full not allowed and trial not allowed)");
}

// ---------------------------------------------------------------------------------------------
// Infeasibility and validation

TEST(Select, InfeasibleInputGetsAPreciseReason) {
    struct Case {
        const char* name;
        SelectionInput input;
        const char* message;
    };
    std::vector<Case> cases;
    {
        SelectionInput in;
        in.budget = 7'500 * kMillion;
        in.full_count = 12;
        in.trial_count = 6;
        for (int32_t i = 0; i < 20; ++i) {
            in.candidates.push_back(
                Make("c" + std::to_string(i), 3, 550 * kMillion, 200 * kMillion));
        }
        cases.push_back({"budget", in, "full 12 + trial 6 cost at least ¥7.8bn > budget ¥7.5bn"});
        in.budget = 7'799 * kMillion;
        cases.push_back({"budget close", in,
                         "full 12 + trial 6 cost at least ¥7,800,000,000 > budget "
                         "¥7,799,000,000"});
        in.budget = 100'000 * kMillion;
        for (int32_t i = 10; i < 20; ++i) in.candidates[static_cast<size_t>(i)].allow_full = false;
        cases.push_back({"full count", in, "full_count 12 but only 10 candidates allow full"});
        in.full_count = 10;
        in.trial_count = 11;
        cases.push_back({"both counts", in,
                         "full_count 10 + trial_count 11 = 21 but only 20 candidates can be "
                         "selected"});
    }
    {
        SelectionInput in;
        in.budget = 100'000 * kMillion;
        in.full_count = 4;
        for (int32_t i = 0; i < 6; ++i) {
            in.candidates.push_back(Make("c" + std::to_string(i), 3, 100 * kMillion, 0,
                                         {i < 3 ? "prefecture:北海道" : "prefecture:宮城"}));
        }
        in.groups.push_back({"prefecture:", std::nullopt, 1});
        cases.push_back({"group cap", in,
                         "4 selections required (full_count 4 + trial_count 0) but at most 1 per "
                         "prefecture: allows at most 2"});
        in.groups = {{"field:IT", 1, std::nullopt}};
        cases.push_back({"empty group", in,
                         "at least 1 of field:IT but only 0 eligible candidates have that group"});
        in.groups = {};
        in.distinct = {{"prefecture:", 3}};
        cases.push_back({"distinct", in,
                         "at least 3 distinct prefecture: but the eligible candidates have only 2 "
                         "(prefecture:北海道 and prefecture:宮城)"});
    }
    {
        // Only a solver sees this: field:IT needs two, both IT candidates share a prefecture.
        SelectionInput in;
        in.budget = 100'000 * kMillion;
        in.candidates = {Make("a", 3, 100 * kMillion, 0, {"prefecture:北海道", "field:IT"}),
                         Make("b", 3, 100 * kMillion, 0, {"prefecture:北海道", "field:IT"}),
                         Make("c", 3, 100 * kMillion, 0, {"prefecture:宮城", "field:bio"})};
        in.groups = {{"field:IT", 2, std::nullopt}, {"prefecture:", std::nullopt, 1}};
        cases.push_back({"solver", in,
                         "no selection satisfies all constraints together (budget ¥100bn, at "
                         "least 2 of field:IT, at most 1 per prefecture:); relaxing any one of "
                         "at least 2 of field:IT, at most 1 per prefecture: would make it "
                         "feasible"});
    }
    for (const Case& test_case : cases) {
        const Result<Selection> result = Select(test_case.input);
        ASSERT_FALSE(result.has_value()) << test_case.name;
        EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition) << test_case.name;
        EXPECT_EQ(result.error().message, test_case.message) << test_case.name;
    }
}

TEST(Select, RejectsInvalidInputNamingTheField) {
    struct Case {
        const char* name;
        void (*edit)(SelectionInput&);
        const char* message;
    };
    const Case cases[] = {
        {"negative cost", [](SelectionInput& in) { in.candidates[1].cost_full = -5; },
         "candidates[1].cost_full: expected yen in 0..1e15, got -5"},
        {"negative trial cost", [](SelectionInput& in) { in.candidates[0].cost_trial = -1; },
         "candidates[0].cost_trial: expected yen in 0..1e15, got -1"},
        {"NaN score", [](SelectionInput& in) { in.candidates[2].score = std::nan(""); },
         "candidates[2].score: expected a finite number, got nan"},
        {"negative count", [](SelectionInput& in) { in.full_count = -1; },
         "full_count: expected >= 0, got -1"},
        {"trial weight", [](SelectionInput& in) { in.trial_weight = 1.5; },
         "trial_weight: expected a number in [0, 1], got 1.5"},
        {"negative budget", [](SelectionInput& in) { in.budget = -1; },
         "budget: expected yen in 0..1e15, got -1"},
        {"min > max",
         [](SelectionInput& in) {
             in.groups = {{"field:IT", 3, 2}};
         },
         "groups[0].max: expected >= min (3), got 2"},
        {"no bounds",
         [](SelectionInput& in) {
             in.groups = {{"field:IT", {}, {}}};
         },
         "groups[0]: expected min or max, got neither"},
        {"distinct",
         [](SelectionInput& in) {
             in.distinct = {{"", 2}};
         },
         "distinct[0].prefix: expected a group prefix such as \"field:\", got \"\""},
    };
    for (const Case& test_case : cases) {
        SelectionInput in;
        in.budget = 1000 * kMillion;
        in.candidates = {Make("a", 1, 100, 50), Make("b", 2, 100, 50), Make("c", 3, 100, 50)};
        test_case.edit(in);
        const Result<Selection> result = Select(in);
        ASSERT_FALSE(result.has_value()) << test_case.name;
        EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << test_case.name;
        EXPECT_EQ(result.error().message,
                  std::string("invalid selection input: ") + test_case.message)
            << test_case.name;
    }
}

TEST(Select, EmptyCandidateListSelectsNothing) {
    SelectionInput in;
    in.budget = 1000;
    const Result<Selection> result = Select(in);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_TRUE(result->candidates.empty());
    EXPECT_EQ(result->cost, 0);
    EXPECT_TRUE(result->optimal);
}

}  // namespace
}  // namespace kc::select
