// Selection: the MIP of select.h solved by CBC, local infeasibility reasons, and explanations by
// re-solving with a candidate forced in. See docs/decisions/0006-calibration-and-selection.md.

#include <fmt/format.h>

#include <CbcModel.hpp>
#include <CbcStrategy.hpp>
#include <CoinError.hpp>
#include <CoinHelperFunctions.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <span>
#include <utility>

#include "engines/select/select.h"
#include "util/yen.h"

namespace kc::select {
namespace {

constexpr int64_t kMaxYen = 1'000'000'000'000'000;  // ¥1,000兆: far above any programme
// Objective coefficients are scores divided by the largest |score|, so they lie in [-1, 1].
// Two selections whose normalised totals differ by less than this are a tie (CBC's own primal
// tolerance is 1e-7, so nothing finer could be trusted anyway).
constexpr double kTieTolerance = 1e-7;
// CBC prunes a node unless it can beat the incumbent by this much (normalised units).
constexpr double kCutoffIncrement = 1e-9;
// Seed of CoinUtils' global random state before each solve.
constexpr int kCoinSeed = 1234567;
// Labels listed in one explanation ("it would displace A, B, C and 2 more").
constexpr size_t kListedLabels = 4;

// ---------------------------------------------------------------------------------------------
// Small helpers

int64_t SaturatingAdd(int64_t a, int64_t b) {
    if (b > 0 && a > std::numeric_limits<int64_t>::max() - b) {
        return std::numeric_limits<int64_t>::max();
    }
    return a + b;
}

std::string ShortYen(int64_t value) { return FormatYenShort(Yen{value}); }

// "¥7.8bn > budget ¥7.5bn" style pairs: the short forms unless rounding makes them look equal.
std::pair<std::string, std::string> YenPair(int64_t a, int64_t b) {
    std::string first = ShortYen(a), second = ShortYen(b);
    if (first == second && a != b) {
        first = FormatYen(Yen{a});
        second = FormatYen(Yen{b});
    }
    return {first, second};
}

// Scores for people: up to three decimals, trailing zeros dropped ("4.2", "0.35", "-1").
std::string FormatScore(double value) {
    if (value != 0 && std::abs(value) < 0.0005) return fmt::format("{:.2g}", value);
    std::string text = fmt::format("{:.3f}", value);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    return text;
}

std::string Number(double value) { return fmt::format("{}", value); }

const char* OutcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::kFull:
            return "full";
        case Outcome::kTrial:
            return "trial";
        case Outcome::kRejected:
            return "rejected";
    }
    return "rejected";
}

// "A", "A and B", "A, B, C and 2 more".
std::string JoinLabels(const std::vector<std::string>& labels) {
    std::string out;
    const size_t shown = std::min(labels.size(), kListedLabels);
    for (size_t i = 0; i < shown; ++i) {
        if (i > 0) out += (i + 1 == shown && shown == labels.size()) ? " and " : ", ";
        out += labels[i];
    }
    if (labels.size() > shown) out += fmt::format(" and {} more", labels.size() - shown);
    return out;
}

// ---------------------------------------------------------------------------------------------
// The problem after validation: eligibility, the rows of every group constraint, and the
// constraint families that explanations and infeasibility reports relax one at a time.

enum class FamilyKind { kBudget, kFullCount, kTrialCount, kGroup, kDistinct };

struct Family {
    FamilyKind kind;
    int32_t index = 0;  // into input.groups / input.distinct
    std::string name;   // "budget", "full_count 12", "at most 1 per prefecture:"
};

// One row  min <= sum over members of (x_full + x_trial) <= max.
struct GroupRow {
    int32_t family = 0;
    std::string name;  // "at most 1 per prefecture:北海道", "at least 2 of field:IT"
    std::vector<int32_t> members;
    std::optional<int32_t> min, max;
};

// y_g <= sum over members of group g; sum of y_g >= min_distinct.
struct DistinctSet {
    int32_t family = 0;
    std::vector<std::string> groups;
    std::vector<std::vector<int32_t>> members;
    int32_t min_distinct = 0;
};

struct Problem {
    const SelectionInput* input = nullptr;
    size_t n = 0;
    std::vector<char> can_full, can_trial;
    std::vector<std::string> labels;
    std::vector<Family> families;
    int32_t budget_family = -1, full_family = -1, trial_family = -1;
    std::vector<GroupRow> group_rows;
    std::vector<DistinctSet> distinct_sets;
    double score_scale = 1;  // largest |score| (1 when all are 0)
    int64_t cost_unit = 1;   // gcd of all costs and the budget; the budget row is in these units

    const Candidate& At(size_t i) const { return input->candidates[i]; }
    bool Allows(size_t i, Outcome o) const {
        return o == Outcome::kFull ? can_full[i] != 0 : o == Outcome::kTrial && can_trial[i] != 0;
    }
    int64_t Cost(size_t i, Outcome o) const {
        return o == Outcome::kFull ? At(i).cost_full : o == Outcome::kTrial ? At(i).cost_trial : 0;
    }
    double Value(size_t i, Outcome o) const {
        return o == Outcome::kFull    ? At(i).score
               : o == Outcome::kTrial ? input->trial_weight * At(i).score
                                      : 0.0;
    }
};

std::string GroupFamilyName(const GroupConstraint& g) {
    const bool each = g.group.back() == ':';
    const std::string of = each ? " per " + g.group : " of " + g.group;
    if (g.min && g.max) {
        if (*g.min == *g.max) return fmt::format("exactly {}{}", *g.min, of);
        return fmt::format("between {} and {}{}", *g.min, *g.max, of);
    }
    if (g.min) return fmt::format("at least {}{}", *g.min, of);
    return fmt::format("at most {}{}", *g.max, of);
}

Status Validate(const SelectionInput& input) {
    std::vector<FieldError> errors;
    for (size_t i = 0; i < input.candidates.size(); ++i) {
        const Candidate& c = input.candidates[i];
        const std::string path = fmt::format("candidates[{}]", i);
        if (!std::isfinite(c.score)) {
            errors.push_back({path + ".score", "a finite number", Number(c.score)});
        }
        if (c.cost_full < 0 || c.cost_full > kMaxYen) {
            errors.push_back({path + ".cost_full", "yen in 0..1e15", std::to_string(c.cost_full)});
        }
        if (c.cost_trial < 0 || c.cost_trial > kMaxYen) {
            errors.push_back(
                {path + ".cost_trial", "yen in 0..1e15", std::to_string(c.cost_trial)});
        }
        for (size_t g = 0; g < c.groups.size(); ++g) {
            if (c.groups[g].empty()) {
                errors.push_back({fmt::format("{}.groups[{}]", path, g),
                                  "a group name such as \"prefecture:北海道\"", "\"\""});
            }
        }
    }
    if (input.budget < 0 || input.budget > kMaxYen) {
        errors.push_back({"budget", "yen in 0..1e15", std::to_string(input.budget)});
    }
    if (input.full_count && *input.full_count < 0) {
        errors.push_back({"full_count", ">= 0", std::to_string(*input.full_count)});
    }
    if (input.trial_count && *input.trial_count < 0) {
        errors.push_back({"trial_count", ">= 0", std::to_string(*input.trial_count)});
    }
    if (!(input.trial_weight >= 0 && input.trial_weight <= 1)) {
        errors.push_back({"trial_weight", "a number in [0, 1]", Number(input.trial_weight)});
    }
    for (size_t j = 0; j < input.groups.size(); ++j) {
        const GroupConstraint& g = input.groups[j];
        const std::string path = fmt::format("groups[{}]", j);
        if (g.group.empty()) {
            errors.push_back({path + ".group", "a group name, or a prefix ending in ':'", "\"\""});
        }
        if (!g.min && !g.max) errors.push_back({path, "min or max", "neither"});
        if (g.min && *g.min < 0) {
            errors.push_back({path + ".min", ">= 0", std::to_string(*g.min)});
        }
        if (g.max && *g.max < 0) {
            errors.push_back({path + ".max", ">= 0", std::to_string(*g.max)});
        }
        if (g.min && g.max && *g.min > *g.max) {
            errors.push_back(
                {path + ".max", fmt::format(">= min ({})", *g.min), std::to_string(*g.max)});
        }
    }
    for (size_t j = 0; j < input.distinct.size(); ++j) {
        const DistinctConstraint& d = input.distinct[j];
        const std::string path = fmt::format("distinct[{}]", j);
        if (d.prefix.empty()) {
            errors.push_back({path + ".prefix", "a group prefix such as \"field:\"", "\"\""});
        }
        if (d.min_distinct < 0) {
            errors.push_back({path + ".min_distinct", ">= 0", std::to_string(d.min_distinct)});
        }
    }
    if (input.max_nodes < 1) {
        errors.push_back({"max_nodes", ">= 1", std::to_string(input.max_nodes)});
    }
    if (input.explain_by_resolving_up_to < 0) {
        errors.push_back({"explain_by_resolving_up_to", ">= 0",
                          std::to_string(input.explain_by_resolving_up_to)});
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid selection input", std::move(errors)));
    return {};
}

Problem BuildProblem(const SelectionInput& input) {
    Problem problem;
    problem.input = &input;
    problem.n = input.candidates.size();
    const size_t n = problem.n;
    problem.can_full.resize(n);
    problem.can_trial.resize(n);
    problem.labels.resize(n);
    double scale = 0;
    int64_t unit = input.budget;
    for (size_t i = 0; i < n; ++i) {
        const Candidate& c = input.candidates[i];
        problem.can_full[i] = c.allow_full ? 1 : 0;
        problem.can_trial[i] = c.allow_trial && c.cost_trial > 0 ? 1 : 0;
        problem.labels[i] = c.label.empty() ? fmt::format("candidate {}", i) : c.label;
        scale = std::max(scale, std::abs(c.score));
        unit = std::gcd(unit, c.cost_full);
        unit = std::gcd(unit, c.cost_trial);
    }
    problem.score_scale = scale > 0 ? scale : 1.0;
    problem.cost_unit = unit > 0 ? unit : 1;

    problem.budget_family = 0;
    problem.families.push_back(
        {FamilyKind::kBudget, 0, fmt::format("budget {}", ShortYen(input.budget))});
    if (input.full_count) {
        problem.full_family = static_cast<int32_t>(problem.families.size());
        problem.families.push_back(
            {FamilyKind::kFullCount, 0, fmt::format("full_count {}", *input.full_count)});
    }
    if (input.trial_count) {
        problem.trial_family = static_cast<int32_t>(problem.families.size());
        problem.families.push_back(
            {FamilyKind::kTrialCount, 0, fmt::format("trial_count {}", *input.trial_count)});
    }

    // Distinct groups of each candidate (a group listed twice counts once), in first-seen order.
    std::vector<std::vector<std::string>> groups_of(n);
    for (size_t i = 0; i < n; ++i) {
        for (const std::string& g : input.candidates[i].groups) {
            if (std::find(groups_of[i].begin(), groups_of[i].end(), g) == groups_of[i].end()) {
                groups_of[i].push_back(g);
            }
        }
    }
    // Members of each group matching `pattern`: the exact group, or every group with the prefix
    // when `each`; groups ordered by name so the rows never depend on candidate order.
    auto collect = [&](const std::string& pattern, bool each) {
        std::map<std::string, std::vector<int32_t>> members;
        for (size_t i = 0; i < n; ++i) {
            for (const std::string& g : groups_of[i]) {
                if (each ? g.starts_with(pattern) : g == pattern) {
                    members[g].push_back(static_cast<int32_t>(i));
                }
            }
        }
        return members;
    };

    for (size_t j = 0; j < input.groups.size(); ++j) {
        const GroupConstraint& g = input.groups[j];
        const auto family = static_cast<int32_t>(problem.families.size());
        problem.families.push_back(
            {FamilyKind::kGroup, static_cast<int32_t>(j), GroupFamilyName(g)});
        const bool each = g.group.back() == ':';
        auto members = collect(g.group, each);
        if (!each && members.empty()) members[g.group] = {};
        for (auto& [group, list] : members) {
            GroupRow row;
            row.family = family;
            row.name = each ? problem.families.back().name + group.substr(g.group.size())
                            : problem.families.back().name;
            row.members = std::move(list);
            row.min = g.min;
            row.max = g.max;
            problem.group_rows.push_back(std::move(row));
        }
    }
    for (size_t j = 0; j < input.distinct.size(); ++j) {
        const DistinctConstraint& d = input.distinct[j];
        const auto family = static_cast<int32_t>(problem.families.size());
        problem.families.push_back(
            {FamilyKind::kDistinct, static_cast<int32_t>(j),
             fmt::format("at least {} distinct {}", d.min_distinct, d.prefix)});
        DistinctSet set;
        set.family = family;
        set.min_distinct = d.min_distinct;
        for (auto& [group, list] : collect(d.prefix, true)) {
            set.groups.push_back(group);
            set.members.push_back(std::move(list));
        }
        problem.distinct_sets.push_back(std::move(set));
    }
    return problem;
}

// ---------------------------------------------------------------------------------------------
// Exact feasibility of a complete selection, in integers (never trusts solver tolerances).

struct Violation {
    int32_t family = -1;
    std::string name;    // binding name: family name, or the group row's name
    std::string detail;  // "budget (¥480M left, needs ¥500M)"
};

int64_t TotalCost(const Problem& problem, const std::vector<Outcome>& outcomes) {
    int64_t total = 0;
    for (size_t i = 0; i < problem.n; ++i) {
        total = SaturatingAdd(total, problem.Cost(i, outcomes[i]));
    }
    return total;
}

int32_t CountOf(const std::vector<Outcome>& outcomes, Outcome outcome) {
    return static_cast<int32_t>(std::count(outcomes.begin(), outcomes.end(), outcome));
}

// Constraints violated by `outcomes` (families other than `relaxed`), in family order.
std::vector<Violation> Violations(const Problem& problem, const std::vector<Outcome>& outcomes,
                                  int32_t relaxed = -1) {
    const SelectionInput& input = *problem.input;
    std::vector<Violation> out;
    for (size_t i = 0; i < problem.n; ++i) {
        if (outcomes[i] != Outcome::kRejected && !problem.Allows(i, outcomes[i])) {
            out.push_back(
                {-1, "eligibility",
                 fmt::format("{} cannot be {}", problem.labels[i], OutcomeName(outcomes[i]))});
        }
    }
    const int64_t cost = TotalCost(problem, outcomes);
    if (relaxed != problem.budget_family && cost > input.budget) {
        const auto [spent, budget] = YenPair(cost, input.budget);
        out.push_back(
            {problem.budget_family, "budget", fmt::format("budget ({} > {})", spent, budget)});
    }
    if (input.full_count && relaxed != problem.full_family &&
        CountOf(outcomes, Outcome::kFull) != *input.full_count) {
        out.push_back({problem.full_family, "full_count",
                       fmt::format("full_count {} ({} full)", *input.full_count,
                                   CountOf(outcomes, Outcome::kFull))});
    }
    if (input.trial_count && relaxed != problem.trial_family &&
        CountOf(outcomes, Outcome::kTrial) != *input.trial_count) {
        out.push_back({problem.trial_family, "trial_count",
                       fmt::format("trial_count {} ({} trial)", *input.trial_count,
                                   CountOf(outcomes, Outcome::kTrial))});
    }
    for (const GroupRow& row : problem.group_rows) {
        if (row.family == relaxed) continue;
        int32_t selected = 0;
        for (int32_t i : row.members) {
            selected += outcomes[static_cast<size_t>(i)] != Outcome::kRejected ? 1 : 0;
        }
        if ((row.min && selected < *row.min) || (row.max && selected > *row.max)) {
            out.push_back(
                {row.family, row.name, fmt::format("{} ({} selected)", row.name, selected)});
        }
    }
    for (const DistinctSet& set : problem.distinct_sets) {
        if (set.family == relaxed) continue;
        int32_t distinct = 0;
        for (const auto& members : set.members) {
            distinct +=
                std::any_of(members.begin(), members.end(),
                            [&](int32_t i) {
                                return outcomes[static_cast<size_t>(i)] != Outcome::kRejected;
                            })
                    ? 1
                    : 0;
        }
        if (distinct < set.min_distinct) {
            const std::string& name = problem.families[static_cast<size_t>(set.family)].name;
            out.push_back({set.family, name, fmt::format("{} ({} distinct)", name, distinct)});
        }
    }
    return out;
}

// What adding candidate `i` as `outcome` to the feasible selection `outcomes`, displacing
// nobody, would break (only upper bounds can break: budget, exact counts, group maxima).
std::vector<Violation> AddViolations(const Problem& problem, const std::vector<Outcome>& outcomes,
                                     size_t i, Outcome outcome) {
    const SelectionInput& input = *problem.input;
    std::vector<Violation> out;
    const int64_t cost = TotalCost(problem, outcomes);
    const int64_t needs = problem.Cost(i, outcome);
    if (SaturatingAdd(cost, needs) > input.budget) {
        const auto [left, need] = YenPair(input.budget - cost, needs);
        out.push_back({problem.budget_family, "budget",
                       fmt::format("budget ({} left, needs {})", left, need)});
    }
    if (input.full_count && outcome == Outcome::kFull) {
        out.push_back({problem.full_family, "full_count",
                       fmt::format("full_count {} (already {} full)", *input.full_count,
                                   CountOf(outcomes, Outcome::kFull))});
    }
    if (input.trial_count && outcome == Outcome::kTrial) {
        out.push_back({problem.trial_family, "trial_count",
                       fmt::format("trial_count {} (already {} trial)", *input.trial_count,
                                   CountOf(outcomes, Outcome::kTrial))});
    }
    for (const GroupRow& row : problem.group_rows) {
        if (!row.max) continue;
        if (std::find(row.members.begin(), row.members.end(), static_cast<int32_t>(i)) ==
            row.members.end()) {
            continue;
        }
        std::vector<std::string> already;
        for (int32_t m : row.members) {
            if (outcomes[static_cast<size_t>(m)] != Outcome::kRejected) {
                already.push_back(problem.labels[static_cast<size_t>(m)]);
            }
        }
        if (static_cast<int32_t>(already.size()) + 1 > *row.max) {
            out.push_back({row.family, row.name,
                           already.empty()
                               ? row.name
                               : fmt::format("{} (already: {})", row.name, JoinLabels(already))});
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Precise reasons for infeasibility that need no solver.

std::optional<std::string> LocalInfeasibility(const Problem& problem) {
    const SelectionInput& input = *problem.input;
    const size_t n = problem.n;
    int32_t allow_full = 0, allow_trial = 0, allow_any = 0;
    std::vector<int64_t> full_costs, trial_costs;
    for (size_t i = 0; i < n; ++i) {
        allow_full += problem.can_full[i];
        allow_trial += problem.can_trial[i];
        allow_any += (problem.can_full[i] || problem.can_trial[i]) ? 1 : 0;
        if (problem.can_full[i]) full_costs.push_back(problem.At(i).cost_full);
        if (problem.can_trial[i]) trial_costs.push_back(problem.At(i).cost_trial);
    }
    const int32_t full = input.full_count.value_or(0);
    const int32_t trial = input.trial_count.value_or(0);
    if (full > allow_full) {
        return fmt::format("full_count {} but only {} candidates allow full", full, allow_full);
    }
    if (trial > allow_trial) {
        return fmt::format(
            "trial_count {} but only {} candidates allow trial (allow_trial and a "
            "trial cost)",
            trial, allow_trial);
    }
    if (static_cast<int64_t>(full) + trial > allow_any) {
        return fmt::format(
            "full_count {} + trial_count {} = {} but only {} candidates can be "
            "selected",
            full, trial, full + trial, allow_any);
    }
    // The cheapest `full` full costs plus the cheapest `trial` trial costs bound any selection
    // meeting the counts from below (a candidate may appear in both lists, so it is a bound).
    if (full + trial > 0) {
        std::sort(full_costs.begin(), full_costs.end());
        std::sort(trial_costs.begin(), trial_costs.end());
        int64_t least = 0;
        for (int32_t k = 0; k < full; ++k) {
            least = SaturatingAdd(least, full_costs[static_cast<size_t>(k)]);
        }
        for (int32_t k = 0; k < trial; ++k) {
            least = SaturatingAdd(least, trial_costs[static_cast<size_t>(k)]);
        }
        if (least > input.budget) {
            const auto [at_least, budget] = YenPair(least, input.budget);
            std::string what = input.full_count && input.trial_count
                                   ? fmt::format("full {} + trial {}", full, trial)
                               : input.full_count ? fmt::format("full {}", full)
                                                  : fmt::format("trial {}", trial);
            return fmt::format("{} cost at least {} > budget {}", what, at_least, budget);
        }
    }
    auto cheapest = [&](size_t i) {
        int64_t best = std::numeric_limits<int64_t>::max();
        if (problem.can_full[i]) best = std::min(best, problem.At(i).cost_full);
        if (problem.can_trial[i]) best = std::min(best, problem.At(i).cost_trial);
        return best;
    };
    for (const GroupRow& row : problem.group_rows) {
        if (!row.min || *row.min == 0) continue;
        std::vector<int64_t> costs;
        for (int32_t i : row.members) {
            if (problem.can_full[static_cast<size_t>(i)] ||
                problem.can_trial[static_cast<size_t>(i)]) {
                costs.push_back(cheapest(static_cast<size_t>(i)));
            }
        }
        if (static_cast<int32_t>(costs.size()) < *row.min) {
            return fmt::format("{} but only {} eligible candidates have that group", row.name,
                               costs.size());
        }
        std::sort(costs.begin(), costs.end());
        int64_t least = 0;
        for (int32_t k = 0; k < *row.min; ++k) {
            least = SaturatingAdd(least, costs[static_cast<size_t>(k)]);
        }
        if (least > input.budget) {
            const auto [at_least, budget] = YenPair(least, input.budget);
            return fmt::format("{} costs at least {} > budget {}", row.name, at_least, budget);
        }
    }
    // Upper bounds of a group family cap how many can be selected at all.
    const int64_t required = static_cast<int64_t>(full) + trial;
    if (required > 0) {
        for (size_t f = 0; f < problem.families.size(); ++f) {
            if (problem.families[f].kind != FamilyKind::kGroup) continue;
            std::vector<char> covered(n, 0);
            int64_t cap = 0;
            bool has_max = false;
            for (const GroupRow& row : problem.group_rows) {
                if (row.family != static_cast<int32_t>(f) || !row.max) continue;
                has_max = true;
                int64_t eligible = 0;
                for (int32_t i : row.members) {
                    const auto m = static_cast<size_t>(i);
                    if (!covered[m] && (problem.can_full[m] || problem.can_trial[m])) ++eligible;
                    covered[m] = 1;
                }
                cap += std::min<int64_t>(*row.max, eligible);
            }
            if (!has_max) continue;
            for (size_t i = 0; i < n; ++i) {
                if (!covered[i] && (problem.can_full[i] || problem.can_trial[i])) ++cap;
            }
            if (cap < required) {
                return fmt::format(
                    "{} selections required (full_count {} + trial_count {}) but "
                    "{} allows at most {}",
                    required, full, trial, problem.families[f].name, cap);
            }
        }
    }
    for (const DistinctSet& set : problem.distinct_sets) {
        std::vector<std::string> present;
        for (size_t g = 0; g < set.groups.size(); ++g) {
            const bool eligible =
                std::any_of(set.members[g].begin(), set.members[g].end(), [&](int32_t i) {
                    return problem.can_full[static_cast<size_t>(i)] ||
                           problem.can_trial[static_cast<size_t>(i)];
                });
            if (eligible) present.push_back(set.groups[g]);
        }
        if (static_cast<int32_t>(present.size()) < set.min_distinct) {
            return fmt::format("{} but the eligible candidates have only {}{}",
                               problem.families[static_cast<size_t>(set.family)].name,
                               present.size(),
                               present.empty() ? std::string() : " (" + JoinLabels(present) + ")");
        }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// The MIP and CBC.
//
// Columns: x_full[i] = 2i, x_trial[i] = 2i + 1, then one y_g per group of each distinct
// constraint. A disallowed outcome has upper bound 0. CBC minimises, so the objective is
// negated.

struct Variant {
    int32_t relaxed = -1;  // family left out
    int32_t forced = -1;   // candidate forced in as forced_outcome
    Outcome forced_outcome = Outcome::kRejected;
    // Second, tie-breaking stage: keep the normalised score total >= floor and minimise the
    // sum over selected candidates of 2(i + 1), plus 1 for each trial: fewer candidates, then
    // lower indices, then full rather than trial (so a zero-value option is never bought).
    bool tie_break = false;
    double floor = 0;
    const std::vector<Outcome>* start = nullptr;  // an incumbent to give CBC
};

enum class SolveStatus { kOptimal, kStopped, kInfeasible, kStoppedEmpty };

struct Solved {
    SolveStatus status = SolveStatus::kInfeasible;
    std::vector<Outcome> outcomes;
};

double NormalisedTotal(const Problem& problem, const std::vector<Outcome>& outcomes) {
    double total = 0;
    for (size_t i = 0; i < problem.n; ++i) {
        total += problem.Value(i, outcomes[i]) / problem.score_scale;
    }
    return total;
}

double Total(const Problem& problem, const std::vector<Outcome>& outcomes) {
    double total = 0;
    for (size_t i = 0; i < problem.n; ++i) total += problem.Value(i, outcomes[i]);
    return total;
}

Solved SolveMip(const Problem& problem, const Variant& variant) {
    const SelectionInput& input = *problem.input;
    const size_t n = problem.n;
    // y columns exist only for distinct constraints that are in force.
    auto in_force = [&](const DistinctSet& set) {
        return set.family != variant.relaxed && set.min_distinct > 0;
    };
    size_t num_columns = 2 * n;
    std::vector<size_t> distinct_offset;
    for (const DistinctSet& set : problem.distinct_sets) {
        distinct_offset.push_back(num_columns);
        if (in_force(set)) num_columns += set.groups.size();
    }
    const double infinity = COIN_DBL_MAX;
    std::vector<double> col_lower(num_columns, 0.0), col_upper(num_columns, 1.0),
        objective(num_columns, 0.0);
    for (size_t i = 0; i < n; ++i) {
        if (!problem.can_full[i]) col_upper[2 * i] = 0;
        if (!problem.can_trial[i]) col_upper[2 * i + 1] = 0;
        // Tie-break stage: minimise the sum over selected of 2(i + 1), plus 1 for a trial.
        const auto tie = static_cast<double>(2 * (i + 1));
        objective[2 * i] =
            variant.tie_break ? tie : -problem.Value(i, Outcome::kFull) / problem.score_scale;
        objective[2 * i + 1] =
            variant.tie_break ? tie + 1 : -problem.Value(i, Outcome::kTrial) / problem.score_scale;
    }
    if (variant.forced >= 0) {
        const auto i = static_cast<size_t>(variant.forced);
        col_lower[variant.forced_outcome == Outcome::kFull ? 2 * i : 2 * i + 1] = 1;
    }

    CoinPackedMatrix matrix(false, 0.0, 0.0);
    matrix.setDimensions(0, static_cast<int>(num_columns));
    std::vector<double> row_lower, row_upper;
    CoinPackedVector row;
    auto add_row = [&](double lower, double upper) {
        matrix.appendRow(row);
        row_lower.push_back(lower);
        row_upper.push_back(upper);
        row.clear();
    };
    auto add_selected = [&](size_t i, double coefficient) {
        if (problem.can_full[i]) row.insert(static_cast<int>(2 * i), coefficient);
        if (problem.can_trial[i]) row.insert(static_cast<int>(2 * i + 1), coefficient);
    };
    for (size_t i = 0; i < n; ++i) {
        if (problem.can_full[i] && problem.can_trial[i]) {
            add_selected(i, 1.0);
            add_row(-infinity, 1.0);
        }
    }
    if (variant.relaxed != problem.budget_family) {
        const auto unit = static_cast<double>(problem.cost_unit);
        for (size_t i = 0; i < n; ++i) {
            if (problem.can_full[i] && problem.At(i).cost_full > 0) {
                row.insert(static_cast<int>(2 * i),
                           static_cast<double>(problem.At(i).cost_full / problem.cost_unit));
            }
            if (problem.can_trial[i]) {  // a trial cost is > 0 by definition
                row.insert(static_cast<int>(2 * i + 1),
                           static_cast<double>(problem.At(i).cost_trial / problem.cost_unit));
            }
        }
        add_row(-infinity, static_cast<double>(input.budget) / unit);
    }
    if (input.full_count && variant.relaxed != problem.full_family) {
        for (size_t i = 0; i < n; ++i) {
            if (problem.can_full[i]) row.insert(static_cast<int>(2 * i), 1.0);
        }
        add_row(*input.full_count, *input.full_count);
    }
    if (input.trial_count && variant.relaxed != problem.trial_family) {
        for (size_t i = 0; i < n; ++i) {
            if (problem.can_trial[i]) row.insert(static_cast<int>(2 * i + 1), 1.0);
        }
        add_row(*input.trial_count, *input.trial_count);
    }
    for (const GroupRow& group : problem.group_rows) {
        if (group.family == variant.relaxed) continue;
        for (int32_t i : group.members) add_selected(static_cast<size_t>(i), 1.0);
        add_row(group.min ? *group.min : -infinity, group.max ? *group.max : infinity);
    }
    for (size_t s = 0; s < problem.distinct_sets.size(); ++s) {
        const DistinctSet& set = problem.distinct_sets[s];
        if (!in_force(set)) continue;
        for (size_t g = 0; g < set.groups.size(); ++g) {
            const auto y = static_cast<int>(distinct_offset[s] + g);
            row.insert(y, 1.0);
            for (int32_t i : set.members[g]) add_selected(static_cast<size_t>(i), -1.0);
            add_row(-infinity, 0.0);
        }
        for (size_t g = 0; g < set.groups.size(); ++g) {
            row.insert(static_cast<int>(distinct_offset[s] + g), 1.0);
        }
        add_row(set.min_distinct, infinity);
    }
    if (variant.tie_break) {
        for (size_t i = 0; i < n; ++i) {
            if (problem.can_full[i] && problem.At(i).score != 0) {
                row.insert(static_cast<int>(2 * i),
                           problem.Value(i, Outcome::kFull) / problem.score_scale);
            }
            if (problem.can_trial[i] && problem.Value(i, Outcome::kTrial) != 0) {
                row.insert(static_cast<int>(2 * i + 1),
                           problem.Value(i, Outcome::kTrial) / problem.score_scale);
            }
        }
        add_row(variant.floor, infinity);
    }

    // CoinUtils keeps one process-wide random state (CoinDrand48) that Clp and CBC draw from.
    // Reseeding it makes every solve independent of the solves before it, and the mutex keeps
    // concurrent Select calls from sharing (and racing on) it and any other library statics.
    static std::mutex cbc_mutex;
    const std::lock_guard lock(cbc_mutex);
    CoinSeedRandom(kCoinSeed);

    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.setHintParam(OsiDoReducePrint, true, OsiHintTry);
    solver.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(),
                       row_lower.data(), row_upper.data());
    for (size_t j = 0; j < num_columns; ++j) solver.setInteger(static_cast<int>(j));

    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    model.setMaximumNodes(static_cast<int>(std::min<int64_t>(input.max_nodes, 2'000'000'000)));
    model.setAllowableGap(variant.tie_break ? 0.5 : 1e-10);
    model.setAllowableFractionGap(0);
    model.setCutoffIncrement(variant.tie_break ? 0.5 : kCutoffIncrement);
    CbcStrategyDefault strategy(1, 5, 0, 0);
    model.setStrategy(strategy);
    std::vector<double> start_columns;
    if (variant.start != nullptr) {
        start_columns.assign(num_columns, 0.0);
        double value = 0;
        for (size_t i = 0; i < n; ++i) {
            const Outcome o = (*variant.start)[i];
            if (o == Outcome::kRejected) continue;
            const size_t column = o == Outcome::kFull ? 2 * i : 2 * i + 1;
            start_columns[column] = 1;
            value += objective[column];
        }
        for (size_t s = 0; s < problem.distinct_sets.size(); ++s) {
            const DistinctSet& set = problem.distinct_sets[s];
            if (!in_force(set)) continue;
            for (size_t g = 0; g < set.groups.size(); ++g) {
                const bool any =
                    std::any_of(set.members[g].begin(), set.members[g].end(), [&](int32_t i) {
                        return (*variant.start)[static_cast<size_t>(i)] != Outcome::kRejected;
                    });
                start_columns[distinct_offset[s] + g] = any ? 1 : 0;
            }
        }
        model.setBestSolution(start_columns.data(), static_cast<int>(num_columns), value, true);
    }
    model.branchAndBound();

    Solved solved;
    const double* best = model.bestSolution();
    if (best == nullptr) {
        solved.status =
            model.isProvenInfeasible() ? SolveStatus::kInfeasible : SolveStatus::kStoppedEmpty;
        return solved;
    }
    solved.status = model.isProvenOptimal() ? SolveStatus::kOptimal : SolveStatus::kStopped;
    solved.outcomes.assign(n, Outcome::kRejected);
    for (size_t i = 0; i < n; ++i) {
        if (best[2 * i] > 0.5) {
            solved.outcomes[i] = Outcome::kFull;
        } else if (best[2 * i + 1] > 0.5) {
            solved.outcomes[i] = Outcome::kTrial;
        }
    }
    return solved;
}

// Solves with `variant`'s changes and checks the answer exactly; a selection CBC accepted only
// within its tolerances is an internal error rather than a wrong answer.
Result<Solved> SolveChecked(const Problem& problem, const Variant& variant) {
    Solved solved = SolveMip(problem, variant);
    if (solved.outcomes.empty()) return solved;
    std::vector<Violation> violations = Violations(problem, solved.outcomes, variant.relaxed);
    if (variant.forced >= 0 &&
        solved.outcomes[static_cast<size_t>(variant.forced)] != variant.forced_outcome) {
        violations.push_back({-1, "forced", "forced candidate not selected"});
    }
    if (!violations.empty()) {
        return Fail(Error::Internal(
            fmt::format("CBC returned a selection that breaks {}", violations.front().detail)));
    }
    return solved;
}

// ---------------------------------------------------------------------------------------------
// Explanations

std::string ScoreAndRank(const Problem& problem, size_t i, const std::vector<int32_t>& ranks) {
    return fmt::format("score {} (rank {} of {})", FormatScore(problem.At(i).score), ranks[i],
                       problem.n);
}

std::string JoinNames(const std::vector<Violation>& violations, bool details) {
    std::vector<std::string> parts;
    for (const Violation& v : violations) {
        parts.push_back(details ? v.detail : v.name);
    }
    return fmt::format("{}", fmt::join(parts, details ? "; " : ", "));
}

// Changes between the optimum and a selection with i forced in: who drops out, who switches.
std::string Displacement(const Problem& problem, const std::vector<Outcome>& optimum,
                         const std::vector<Outcome>& forced, size_t i) {
    std::vector<std::string> displaced, to_trial, to_full;
    for (size_t j = 0; j < problem.n; ++j) {
        if (j == i || optimum[j] == forced[j]) continue;
        if (forced[j] == Outcome::kRejected) {
            displaced.push_back(problem.labels[j]);
        } else if (optimum[j] == Outcome::kFull && forced[j] == Outcome::kTrial) {
            to_trial.push_back(problem.labels[j]);
        } else if (optimum[j] == Outcome::kTrial && forced[j] == Outcome::kFull) {
            to_full.push_back(problem.labels[j]);
        }
    }
    std::vector<std::string> parts;
    if (!displaced.empty()) parts.push_back("it would displace " + JoinLabels(displaced));
    if (!to_trial.empty()) parts.push_back("move " + JoinLabels(to_trial) + " to trial");
    if (!to_full.empty()) parts.push_back("move " + JoinLabels(to_full) + " to full");
    if (parts.empty()) return "";
    return fmt::format("{}", fmt::join(parts, ", "));
}

// An explanation and the names of the constraints it blames (for Selection::binding).
struct Explained {
    CandidateResult result;
    std::vector<std::string> names;
};

std::vector<std::string> Names(const std::vector<Violation>& violations) {
    std::vector<std::string> names;
    for (const Violation& v : violations) names.push_back(v.name);
    return names;
}

struct Explainer {
    const Problem& problem;
    const std::vector<Outcome>& optimum;
    const std::vector<int32_t>& ranks;
    double optimum_total = 0;

    std::vector<Outcome> TryOrder(size_t i) const {
        std::vector<Outcome> order;
        if (problem.can_full[i]) order.push_back(Outcome::kFull);
        if (problem.can_trial[i]) order.push_back(Outcome::kTrial);
        return order;
    }

    static Explained NotEligible(const Problem& problem, size_t i) {
        const Candidate& c = problem.At(i);
        std::string why = !c.allow_full ? "full not allowed" : "";
        const std::string trial_why = !c.allow_trial      ? "trial not allowed"
                                      : c.cost_trial == 0 ? "no trial cost"
                                                          : "";
        why += (why.empty() ? "" : " and ") + trial_why;
        return {
            {Outcome::kRejected, fmt::format("rejected: not eligible ({})", why), "eligibility"},
            {}};
    }

    // The cheap explanation: score against the lowest selected score, and what adding the
    // candidate outright would break.
    Explained Cheap(size_t i) const {
        const std::vector<Outcome> order = TryOrder(i);
        if (order.empty()) return NotEligible(problem, i);
        double cut_off = std::numeric_limits<double>::infinity();
        for (size_t j = 0; j < problem.n; ++j) {
            if (optimum[j] != Outcome::kRejected) cut_off = std::min(cut_off, problem.At(j).score);
        }
        std::string reason = "rejected: " + ScoreAndRank(problem, i, ranks);
        if (std::isfinite(cut_off) && problem.At(i).score < cut_off) {
            reason += fmt::format(", below the lowest selected score {}", FormatScore(cut_off));
        }
        // The outcome whose addition breaks fewer constraints (full on a tie).
        Outcome outcome = order.front();
        std::vector<Violation> breaks = AddViolations(problem, optimum, i, outcome);
        if (order.size() > 1) {
            std::vector<Violation> other = AddViolations(problem, optimum, i, order.back());
            if (other.size() < breaks.size()) {
                outcome = order.back();
                breaks = std::move(other);
            }
        }
        if (!breaks.empty()) {
            reason += fmt::format("; adding it as {} breaks {}", OutcomeName(outcome),
                                  JoinNames(breaks, true));
            return {{Outcome::kRejected, std::move(reason), JoinNames(breaks, false)},
                    Names(breaks)};
        }
        return {{Outcome::kRejected, std::move(reason), "score"}, {}};
    }

    Result<Explained> Resolving(size_t i) const {
        const std::vector<Outcome> order = TryOrder(i);
        if (order.empty()) return NotEligible(problem, i);
        std::optional<std::pair<Outcome, Solved>> best;
        double best_total = 0;
        for (Outcome o : order) {
            Variant variant;
            variant.forced = static_cast<int32_t>(i);
            variant.forced_outcome = o;
            KC_ASSIGN_OR_RETURN(Solved solved, SolveChecked(problem, variant));
            if (solved.outcomes.empty()) continue;
            const double total = Total(problem, solved.outcomes);
            if (!best || total > best_total) {
                best_total = total;
                best.emplace(o, std::move(solved));
            }
        }
        if (best) return Worse(i, best->first, best->second.outcomes, best_total);
        return Blocked(i, order);
    }

    Explained Worse(size_t i, Outcome o, const std::vector<Outcome>& forced,
                    double forced_total) const {
        const double delta = std::max(0.0, optimum_total - forced_total);
        const std::vector<Violation> breaks = AddViolations(problem, optimum, i, o);
        const std::string binding = breaks.empty() ? "score" : JoinNames(breaks, false);
        const std::string displacement = Displacement(problem, optimum, forced, i);
        std::string reason;
        if (delta <= kTieTolerance * problem.score_scale * 10) {
            reason = fmt::format(
                "rejected: {}; forcing it in as {} gives the same total score{} (ties go to "
                "fewer, lower-numbered candidates)",
                ScoreAndRank(problem, i, ranks), OutcomeName(o),
                displacement.empty() ? "" : " (" + displacement + ")");
            return {{Outcome::kRejected, std::move(reason), "tie"}, {}};
        }
        reason = fmt::format("rejected: {}; forcing it in as {} would lower the total score by {}",
                             ScoreAndRank(problem, i, ranks), OutcomeName(o), FormatScore(delta));
        if (!displacement.empty()) reason += " (" + displacement + ")";
        if (!breaks.empty()) {
            reason += fmt::format("; adding it outright breaks {}", JoinNames(breaks, true));
        } else {
            reason += "; its score lowers the total";
        }
        return {{Outcome::kRejected, std::move(reason), binding}, Names(breaks)};
    }

    // No selection contains i: find the families whose relaxation alone lets it in.
    Result<Explained> Blocked(size_t i, const std::vector<Outcome>& order) const {
        std::vector<Violation> blocking;
        for (size_t f = 0; f < problem.families.size(); ++f) {
            bool unblocks = false;
            for (Outcome o : order) {
                Variant variant;
                variant.forced = static_cast<int32_t>(i);
                variant.forced_outcome = o;
                variant.relaxed = static_cast<int32_t>(f);
                KC_ASSIGN_OR_RETURN(Solved solved, SolveChecked(problem, variant));
                if (!solved.outcomes.empty()) {
                    unblocks = true;
                    break;
                }
            }
            if (!unblocks) continue;
            const Family& family = problem.families[f];
            Violation v{static_cast<int32_t>(f), family.name, family.name};
            if (family.kind == FamilyKind::kBudget) {
                int64_t alone = std::numeric_limits<int64_t>::max();
                for (Outcome o : order) alone = std::min(alone, problem.Cost(i, o));
                v.name = "budget";
                if (alone > problem.input->budget) {
                    const auto [cost, budget] = YenPair(alone, problem.input->budget);
                    v.detail = fmt::format("budget (it alone costs {} > {})", cost, budget);
                }
            } else if (family.kind == FamilyKind::kFullCount) {
                v.name = "full_count";
            } else if (family.kind == FamilyKind::kTrialCount) {
                v.name = "trial_count";
            } else if (family.kind == FamilyKind::kGroup) {
                // Name the row of this family that holds the candidate, when there is one.
                for (const GroupRow& row : problem.group_rows) {
                    if (row.family == static_cast<int32_t>(f) &&
                        std::find(row.members.begin(), row.members.end(),
                                  static_cast<int32_t>(i)) != row.members.end()) {
                        v.name = v.detail = row.name;
                        break;
                    }
                }
            }
            blocking.push_back(std::move(v));
        }
        if (blocking.empty()) {
            return Explained{
                {Outcome::kRejected,
                 fmt::format("rejected: {}; no selection can include it under the constraints "
                             "together, and relaxing any single one is not enough",
                             ScoreAndRank(problem, i, ranks)),
                 ""},
                {}};
        }
        const std::string what = blocking.size() == 1 ? JoinNames(blocking, true)
                                                      : "any of: " + JoinNames(blocking, true);
        return Explained{{Outcome::kRejected,
                          fmt::format("rejected: {}; cannot be selected without breaking {}",
                                      ScoreAndRank(problem, i, ranks), what),
                          JoinNames(blocking, false)},
                         Names(blocking)};
    }
};

// Whole problem infeasible and no local reason: which single families are to blame.
Result<std::string> DiagnoseInfeasible(const Problem& problem) {
    std::vector<std::string> present, culprits;
    for (size_t f = 0; f < problem.families.size(); ++f) {
        present.push_back(problem.families[f].name);
        Variant variant;
        variant.relaxed = static_cast<int32_t>(f);
        KC_ASSIGN_OR_RETURN(Solved solved, SolveChecked(problem, variant));
        if (!solved.outcomes.empty()) culprits.push_back(problem.families[f].name);
    }
    std::string message = fmt::format("no selection satisfies all constraints together ({})",
                                      fmt::join(present, ", "));
    if (culprits.empty()) {
        message += "; relaxing any single one is not enough: relax several of them";
    } else if (culprits.size() == 1) {
        message += fmt::format("; relaxing {} would make it feasible", culprits.front());
    } else {
        message += fmt::format("; relaxing any one of {} would make it feasible",
                               fmt::join(culprits, ", "));
    }
    return message;
}

Result<Selection> SelectImpl(const SelectionInput& input) {
    KC_RETURN_IF_ERROR(Validate(input));
    const Problem problem = BuildProblem(input);
    if (std::optional<std::string> reason = LocalInfeasibility(problem)) {
        return Fail(Error::FailedPrecondition(std::move(*reason)));
    }

    // Stage 1: the best score total.
    KC_ASSIGN_OR_RETURN(Solved first, SolveChecked(problem, Variant{}));
    if (first.status == SolveStatus::kInfeasible) {
        KC_ASSIGN_OR_RETURN(std::string message, DiagnoseInfeasible(problem));
        return Fail(Error::FailedPrecondition(std::move(message)));
    }
    if (first.status == SolveStatus::kStoppedEmpty) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "no feasible selection found within max_nodes {}; raise max_nodes", input.max_nodes)));
    }

    // Stage 2: among selections within the tie tolerance of that total, prefer fewer and
    // lower-numbered candidates (see Variant::tie_break).
    std::vector<Outcome> outcomes = first.outcomes;
    {
        const double stage_one = NormalisedTotal(problem, first.outcomes);
        Variant variant;
        variant.tie_break = true;
        variant.floor = stage_one - kTieTolerance;
        variant.start = &first.outcomes;
        KC_ASSIGN_OR_RETURN(Solved second, SolveChecked(problem, variant));
        if (!second.outcomes.empty() &&
            NormalisedTotal(problem, second.outcomes) >= stage_one - 2 * kTieTolerance) {
            outcomes = std::move(second.outcomes);
        }
    }

    Selection selection;
    selection.optimal = first.status == SolveStatus::kOptimal;
    selection.objective = Total(problem, outcomes);
    selection.cost = TotalCost(problem, outcomes);

    std::vector<int32_t> order(problem.n), ranks(problem.n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        return problem.At(static_cast<size_t>(a)).score > problem.At(static_cast<size_t>(b)).score;
    });
    for (size_t k = 0; k < order.size(); ++k) {
        ranks[static_cast<size_t>(order[k])] = static_cast<int32_t>(k + 1);
    }

    const Explainer explainer{problem, outcomes, ranks, selection.objective};
    const bool resolve = problem.n <= static_cast<size_t>(input.explain_by_resolving_up_to);
    selection.candidates.resize(problem.n);
    for (size_t i = 0; i < problem.n; ++i) {
        CandidateResult& out = selection.candidates[i];
        if (outcomes[i] != Outcome::kRejected) {
            out.outcome = outcomes[i];
            out.reason = fmt::format("selected {}: {}, cost {}", OutcomeName(outcomes[i]),
                                     ScoreAndRank(problem, i, ranks),
                                     ShortYen(problem.Cost(i, outcomes[i])));
            continue;
        }
        Explained explained;
        if (resolve) {
            KC_ASSIGN_OR_RETURN(explained, explainer.Resolving(i));
        } else {
            explained = explainer.Cheap(i);
        }
        out = std::move(explained.result);
        // Constraints that keep at least one candidate out, in order of first appearance.
        for (std::string& name : explained.names) {
            if (std::find(selection.binding.begin(), selection.binding.end(), name) ==
                selection.binding.end()) {
                selection.binding.push_back(std::move(name));
            }
        }
    }
    return selection;
}

}  // namespace

Result<Selection> Select(const SelectionInput& input) {
    try {
        return SelectImpl(input);
    } catch (const CoinError& error) {
        return Fail(Error::Internal(fmt::format("CBC failed in {}::{}: {}", error.className(),
                                                error.methodName(), error.message())));
    } catch (const std::exception& error) {
        return Fail(Error::Internal(fmt::format("selection failed: {}", error.what())));
    } catch (...) {
        return Fail(Error::Internal("selection failed with an unknown exception"));
    }
}

}  // namespace kc::select
