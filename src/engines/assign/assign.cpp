#include "engines/assign/assign.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engines/assign/instance.h"

namespace kc::assign {
namespace {

using internal::Instance;

// Validation reports at most this many field errors; a file of millions of bad rows should not
// produce a message of millions of lines.
constexpr size_t kMaxFieldErrors = 100;
// LEMON numbers arcs with int: candidate pairs plus one arc per reviewer must fit.
constexpr size_t kMaxEdges = 1'000'000'000;
// LEMON numbers nodes with int, and the max-flow graphs add one arc per proposal and reviewer.
constexpr int64_t kMaxNodes = 1'000'000'000;
constexpr size_t kMaxNamesInMessage = 20;

class FieldErrors {
  public:
    void Add(std::string path, std::string expected, std::string got) {
        ++count_;
        if (fields_.size() < kMaxFieldErrors) {
            fields_.push_back({std::move(path), std::move(expected), std::move(got)});
        }
    }
    [[nodiscard]] Status Finish() && {
        if (fields_.empty()) return {};
        std::string context = "invalid assignment problem";
        if (count_ > fields_.size()) {
            context += fmt::format(" ({} errors, the first {} listed)", count_, fields_.size());
        }
        return Fail(Error::Fields(std::move(context), std::move(fields_)));
    }

  private:
    std::vector<FieldError> fields_;
    size_t count_ = 0;
};

// "0..176", or why no index can be valid.
std::string IndexRange(int32_t count, const char* count_name) {
    if (count <= 0) return fmt::format("no index ({} is {})", count_name, count);
    return fmt::format("0..{}", count - 1);
}

void CheckSize(FieldErrors& errors, const char* name, size_t size, int32_t expected,
               const char* per, bool may_be_empty = false) {
    if (static_cast<int64_t>(size) == std::max(expected, 0)) return;
    if (may_be_empty && size == 0) return;
    errors.Add(name,
               fmt::format("{}{} entries (one per {})", may_be_empty ? "0 or " : "",
                           std::max(expected, 0), per),
               fmt::format("{} entries", size));
}

void CheckNonNegative(FieldErrors& errors, const char* name, const std::vector<int32_t>& values) {
    for (size_t idx = 0; idx < values.size(); ++idx) {
        if (values[idx] < 0) {
            errors.Add(fmt::format("{}[{}]", name, idx), ">= 0", std::to_string(values[idx]));
        }
    }
}

std::string Plural(int64_t count, const char* singular, const char* plural) {
    return fmt::format("{} {}", count, count == 1 ? singular : plural);
}

std::string NameList(const std::vector<int32_t>& indexes,
                     const std::function<std::string(int32_t)>& name) {
    std::string out;
    for (size_t idx = 0; idx < indexes.size() && idx < kMaxNamesInMessage; ++idx) {
        if (idx > 0) out += ", ";
        out += name(indexes[idx]);
    }
    if (indexes.size() > kMaxNamesInMessage) {
        out += fmt::format(", … ({} in all)", indexes.size());
    }
    return out;
}

// The checks that need no flow: per proposal, per reviewer and totals.
std::vector<Infeasibility> LocalReasons(const Instance& instance) {
    std::vector<Infeasibility> reasons;
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        const int64_t have =
            instance.offsets[static_cast<size_t>(p) + 1] - instance.offsets[static_cast<size_t>(p)];
        const int64_t need = instance.demand[static_cast<size_t>(p)];
        if (have < need) {
            Infeasibility reason;
            reason.kind = Infeasibility::Kind::kProposalShort;
            reason.proposal = p;
            reason.have = have;
            reason.need = need;
            reasons.push_back(std::move(reason));
        }
    }
    int64_t capacity = 0;
    int64_t min_total = 0;
    for (int32_t r = 0; r < instance.num_reviewers; ++r) {
        capacity += instance.max_load[static_cast<size_t>(r)];
        min_total += instance.min_load[static_cast<size_t>(r)];
    }
    const int64_t demand = instance.TotalDemand();
    if (capacity < demand) {
        Infeasibility reason;
        reason.kind = Infeasibility::Kind::kCapacity;
        reason.have = capacity;
        reason.need = demand;
        reasons.push_back(std::move(reason));
    }
    if (min_total > demand) {
        Infeasibility reason;
        reason.kind = Infeasibility::Kind::kMinLoadExcess;
        reason.have = demand;
        reason.need = min_total;
        reasons.push_back(std::move(reason));
    }
    for (int32_t r = 0; r < instance.num_reviewers; ++r) {
        const int64_t have = instance.degree[static_cast<size_t>(r)];
        const int64_t need = instance.min_load[static_cast<size_t>(r)];
        if (have < need) {
            Infeasibility reason;
            reason.kind = Infeasibility::Kind::kReviewerShort;
            reason.reviewer = r;
            reason.have = have;
            reason.need = need;
            reasons.push_back(std::move(reason));
        }
    }
    return reasons;
}

// The Hall violations (max flows); run when the local checks pass.
std::vector<Infeasibility> FlowReasons(const Instance& instance) {
    std::vector<Infeasibility> reasons;
    if (auto cut = internal::FindDemandCut(instance)) {
        Infeasibility reason;
        reason.kind = Infeasibility::Kind::kFlow;
        reason.have = cut->have;
        reason.need = cut->need;
        if (cut->proposals.size() == 1) reason.proposal = cut->proposals.front();
        reason.proposals = std::move(cut->proposals);
        reason.reviewers = std::move(cut->reviewers);
        reasons.push_back(std::move(reason));
    }
    if (auto cut = internal::FindMinLoadCut(instance)) {
        Infeasibility reason;
        reason.kind = Infeasibility::Kind::kMinLoadFlow;
        reason.have = cut->have;
        reason.need = cut->need;
        if (cut->reviewers.size() == 1) reason.reviewer = cut->reviewers.front();
        reason.proposals = std::move(cut->proposals);
        reason.reviewers = std::move(cut->reviewers);
        reasons.push_back(std::move(reason));
    }
    return reasons;
}

std::string IndexName(int32_t index) { return std::to_string(index); }

std::vector<Infeasibility> WithMessages(std::vector<Infeasibility> reasons) {
    for (auto& reason : reasons) {
        reason.message = DescribeInfeasibility(reason, IndexName, IndexName);
    }
    return reasons;
}

Error InfeasibleError(const std::vector<Infeasibility>& reasons) {
    std::string message = "infeasible:";
    for (const auto& reason : reasons) message += "\n" + reason.message;
    return Error::FailedPrecondition(std::move(message));
}

// The sum of each proposal's demand best candidates, added in reviewer order like the
// proposal scores, so that a proposal given exactly those reviewers scores the bound bit for bit.
double MinProposalBound(const Instance& instance) {
    double bound = std::numeric_limits<double>::infinity();
    std::vector<int32_t> edges;
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        const auto index = static_cast<size_t>(p);
        const auto demand = static_cast<ptrdiff_t>(instance.demand[index]);
        if (demand == 0) continue;
        edges.clear();
        for (int32_t e = instance.offsets[index]; e < instance.offsets[index + 1]; ++e) {
            edges.push_back(e);
        }
        std::partial_sort(edges.begin(), edges.begin() + demand, edges.end(),
                          [&](int32_t a, int32_t b) {
                              const double x = instance.score[static_cast<size_t>(a)];
                              const double y = instance.score[static_cast<size_t>(b)];
                              return x != y ? x > y : a < b;
                          });
        std::sort(edges.begin(), edges.begin() + demand);
        double sum = 0;
        for (ptrdiff_t k = 0; k < demand; ++k) {
            sum += instance.score[static_cast<size_t>(edges[static_cast<size_t>(k)])];
        }
        bound = std::min(bound, sum);
    }
    return std::isinf(bound) ? 0.0 : bound;
}

Solution MakeSolution(const Instance& instance, const std::vector<uint8_t>& chosen) {
    Solution solution;
    solution.scale = instance.scale;
    solution.loads.assign(static_cast<size_t>(instance.num_reviewers), 0);
    solution.proposal_score.assign(static_cast<size_t>(instance.num_proposals), 0.0);
    bool any = false;
    double minimum = std::numeric_limits<double>::infinity();
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        const auto index = static_cast<size_t>(p);
        double sum = 0;
        for (int32_t e = instance.offsets[index]; e < instance.offsets[index + 1]; ++e) {
            const auto edge = static_cast<size_t>(e);
            if (!chosen[edge]) continue;
            const int32_t r = instance.reviewer[edge];
            solution.pairs.push_back({r, p, instance.score[edge]});
            ++solution.loads[static_cast<size_t>(r)];
            sum += instance.score[edge];
        }
        solution.proposal_score[index] = sum;
        if (instance.demand[index] > 0) {
            any = true;
            minimum = std::min(minimum, sum);
        }
    }
    for (const Edge& pair : solution.pairs) solution.total += pair.score;
    solution.min_proposal_score = any ? minimum : 0.0;
    solution.min_proposal_bound = MinProposalBound(instance);
    return solution;
}

}  // namespace

Status Validate(const Problem& problem) {
    FieldErrors errors;
    if (problem.num_reviewers < 0) {
        errors.Add("num_reviewers", ">= 0", std::to_string(problem.num_reviewers));
    }
    if (problem.num_proposals < 0) {
        errors.Add("num_proposals", ">= 0", std::to_string(problem.num_proposals));
    }
    if (static_cast<int64_t>(problem.num_proposals) + problem.num_reviewers > kMaxNodes) {
        errors.Add(
            "num_proposals + num_reviewers", fmt::format("at most {}", kMaxNodes),
            std::to_string(static_cast<int64_t>(problem.num_proposals) + problem.num_reviewers));
        return std::move(errors).Finish();
    }
    CheckSize(errors, "demand", problem.demand.size(), problem.num_proposals, "proposal");
    CheckSize(errors, "max_load", problem.max_load.size(), problem.num_reviewers, "reviewer");
    CheckSize(errors, "min_load", problem.min_load.size(), problem.num_reviewers, "reviewer",
              /*may_be_empty=*/true);
    if (problem.edges.size() > kMaxEdges) {
        errors.Add("edges", fmt::format("at most {} candidate pairs", kMaxEdges),
                   fmt::format("{}", problem.edges.size()));
        return std::move(errors).Finish();
    }
    const std::string reviewer_range = IndexRange(problem.num_reviewers, "num_reviewers");
    const std::string proposal_range = IndexRange(problem.num_proposals, "num_proposals");
    for (size_t idx = 0; idx < problem.edges.size(); ++idx) {
        const Edge& edge = problem.edges[idx];
        if (edge.reviewer < 0 || edge.reviewer >= problem.num_reviewers) {
            errors.Add(fmt::format("edges[{}].reviewer", idx), reviewer_range,
                       std::to_string(edge.reviewer));
        }
        if (edge.proposal < 0 || edge.proposal >= problem.num_proposals) {
            errors.Add(fmt::format("edges[{}].proposal", idx), proposal_range,
                       std::to_string(edge.proposal));
        }
        if (!std::isfinite(edge.score)) {
            errors.Add(fmt::format("edges[{}].score", idx), "a finite number",
                       fmt::format("{}", edge.score));
        }
    }
    {
        const std::vector<int32_t> order = internal::SortedEdgeOrder(problem);
        for (size_t k = 1; k < order.size(); ++k) {
            const Edge& prev = problem.edges[static_cast<size_t>(order[k - 1])];
            const Edge& edge = problem.edges[static_cast<size_t>(order[k])];
            if (prev.proposal == edge.proposal && prev.reviewer == edge.reviewer) {
                // Report against the first occurrence of the run.
                size_t first = k - 1;
                while (first > 0 &&
                       problem.edges[static_cast<size_t>(order[first - 1])].proposal ==
                           edge.proposal &&
                       problem.edges[static_cast<size_t>(order[first - 1])].reviewer ==
                           edge.reviewer) {
                    --first;
                }
                errors.Add(fmt::format("edges[{}]", order[k]),
                           "each (reviewer, proposal) pair once",
                           fmt::format("reviewer {}, proposal {} again (first at edges[{}])",
                                       edge.reviewer, edge.proposal, order[first]));
            }
        }
    }
    CheckNonNegative(errors, "demand", problem.demand);
    CheckNonNegative(errors, "max_load", problem.max_load);
    CheckNonNegative(errors, "min_load", problem.min_load);
    int64_t total_demand = 0;
    for (int32_t d : problem.demand) total_demand += std::max(d, 0);
    if (total_demand > std::numeric_limits<int32_t>::max()) {
        errors.Add("demand", "a total of at most 2147483647", std::to_string(total_demand));
    }
    if (problem.min_load.size() == problem.max_load.size()) {
        for (size_t idx = 0; idx < problem.min_load.size(); ++idx) {
            if (problem.min_load[idx] > problem.max_load[idx]) {
                errors.Add(fmt::format("min_load[{}]", idx),
                           fmt::format("<= max_load[{}] ({})", idx, problem.max_load[idx]),
                           std::to_string(problem.min_load[idx]));
            }
        }
    }
    for (size_t idx = 0; idx < problem.forbidden.size(); ++idx) {
        const auto& [reviewer, proposal] = problem.forbidden[idx];
        if (reviewer < 0 || reviewer >= problem.num_reviewers) {
            errors.Add(fmt::format("forbidden[{}].reviewer", idx), reviewer_range,
                       std::to_string(reviewer));
        }
        if (proposal < 0 || proposal >= problem.num_proposals) {
            errors.Add(fmt::format("forbidden[{}].proposal", idx), proposal_range,
                       std::to_string(proposal));
        }
    }
    return std::move(errors).Finish();
}

std::string DescribeInfeasibility(const Infeasibility& reason,
                                  const std::function<std::string(int32_t)>& proposal_name,
                                  const std::function<std::string(int32_t)>& reviewer_name) {
    using Kind = Infeasibility::Kind;
    switch (reason.kind) {
        case Kind::kProposalShort:
            return fmt::format("proposal {} has {} without a conflict and needs {}",
                               proposal_name(reason.proposal),
                               Plural(reason.have, "reviewer", "reviewers"), reason.need);
        case Kind::kCapacity:
            return fmt::format("total capacity {} < demand {}", reason.have, reason.need);
        case Kind::kMinLoadExcess:
            return fmt::format("total minimum load {} > demand {}", reason.need, reason.have);
        case Kind::kReviewerShort:
            return fmt::format("reviewer {} has {} without a conflict and needs at least {}",
                               reviewer_name(reason.reviewer),
                               Plural(reason.have, "proposal", "proposals"), reason.need);
        case Kind::kFlow:
            return fmt::format("{} {} {} {} but only {} can review them",
                               reason.proposals.size() == 1 ? "proposal" : "proposals",
                               NameList(reason.proposals, proposal_name),
                               reason.proposals.size() == 1 ? "needs" : "need",
                               Plural(reason.need, "reviewer", "reviewers"), reason.have);
        case Kind::kMinLoadFlow:
            return fmt::format("{} {} {} at least {} but only {} can be assigned to them",
                               reason.reviewers.size() == 1 ? "reviewer" : "reviewers",
                               NameList(reason.reviewers, reviewer_name),
                               reason.reviewers.size() == 1 ? "needs" : "need",
                               Plural(reason.need, "proposal", "proposals"), reason.have);
    }
    return reason.message;
}

std::vector<Infeasibility> Diagnose(const Problem& problem) {
    if (!Validate(problem)) return {};
    const Instance instance = internal::BuildInstance(problem);
    std::vector<Infeasibility> reasons = LocalReasons(instance);
    if (reasons.empty()) reasons = FlowReasons(instance);
    return WithMessages(std::move(reasons));
}

Result<Solution> Solve(const Problem& problem, const Options& options) {
    auto report = [&](double fraction, const char* stage) {
        if (options.progress) options.progress(fraction, stage);
    };
    auto cancelled = [] { return Fail(Error::FailedPrecondition("cancelled")); };
    report(0.0, "checking");
    KC_RETURN_IF_ERROR(Validate(problem));
    if (options.stop.stop_requested()) return cancelled();
    const Instance instance = internal::BuildInstance(problem);
    if (auto reasons = LocalReasons(instance); !reasons.empty()) {
        return Fail(InfeasibleError(WithMessages(std::move(reasons))));
    }
    if (options.stop.stop_requested()) return cancelled();
    report(0.05, "solving the flow");
    auto chosen = internal::SolveFlow(instance, instance.weight, options.method);
    if (!chosen) {
        if (options.stop.stop_requested()) return cancelled();
        report(0.45, "looking for the reason");
        auto reasons = FlowReasons(instance);
        if (reasons.empty()) {
            return Fail(Error::Internal(
                "the flow solver found no assignment, but no Hall violation was found either"));
        }
        return Fail(InfeasibleError(WithMessages(std::move(reasons))));
    }
    if (options.stop.stop_requested()) return cancelled();
    if (problem.objective == Objective::kFair) {
        report(0.5, "raising the minimum");
        auto fair = internal::SolveFair(instance, std::move(*chosen), options, report);
        if (fair.interruption == internal::Interruption::kCancelled) return cancelled();
        chosen = std::move(fair.chosen);
    }
    Solution solution = MakeSolution(instance, *chosen);
    report(1.0, "done");
    return solution;
}

}  // namespace kc::assign
