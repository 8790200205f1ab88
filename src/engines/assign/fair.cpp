// Objective::kFair: raise the smallest per-proposal weight sum, then the total under it.
// docs/decisions/0005-assignment-min-cost-flow.md describes the method and its guarantees.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>

#include "engines/assign/instance.h"
#include "util/error.h"

namespace kc::assign::internal {
namespace {

constexpr int64_t kNoMinimum = std::numeric_limits<int64_t>::max();

// A feasible assignment being improved: the edge in each slot of each proposal (a proposal has
// demand[p] slots), the proposals of each reviewer, and each proposal's weight sum. All changes
// go through Swap, which keeps the three in step.
class Assignment {
  public:
    Assignment(const Instance& instance, const std::vector<uint8_t>& chosen)
        : instance_(&instance),
          slot_offset_(static_cast<size_t>(instance.num_proposals) + 1, 0),
          members_(static_cast<size_t>(instance.num_reviewers)),
          sum_(static_cast<size_t>(instance.num_proposals), 0) {
        for (int32_t p = 0; p < instance.num_proposals; ++p) {
            slot_offset_[static_cast<size_t>(p) + 1] =
                slot_offset_[static_cast<size_t>(p)] + instance.demand[static_cast<size_t>(p)];
        }
        slot_edge_.reserve(static_cast<size_t>(slot_offset_.back()));
        for (int32_t p = 0; p < instance.num_proposals; ++p) {
            for (int32_t e = Begin(p); e < End(p); ++e) {
                if (!chosen[static_cast<size_t>(e)]) continue;
                slot_edge_.push_back(e);
                members_[static_cast<size_t>(Reviewer(e))].push_back(p);
                sum_[static_cast<size_t>(p)] += Weight(e);
            }
            KC_CHECK(
                static_cast<int32_t>(slot_edge_.size()) == slot_offset_[static_cast<size_t>(p) + 1],
                "a feasible assignment meets every demand exactly");
        }
    }

    [[nodiscard]] int32_t Begin(int32_t p) const {
        return instance_->offsets[static_cast<size_t>(p)];
    }
    [[nodiscard]] int32_t End(int32_t p) const {
        return instance_->offsets[static_cast<size_t>(p) + 1];
    }
    [[nodiscard]] int32_t Reviewer(int32_t edge) const {
        return instance_->reviewer[static_cast<size_t>(edge)];
    }
    [[nodiscard]] int64_t Weight(int32_t edge) const {
        return instance_->weight[static_cast<size_t>(edge)];
    }
    [[nodiscard]] int32_t SlotBegin(int32_t p) const {
        return slot_offset_[static_cast<size_t>(p)];
    }
    [[nodiscard]] int32_t SlotEnd(int32_t p) const {
        return slot_offset_[static_cast<size_t>(p) + 1];
    }
    [[nodiscard]] int32_t SlotEdge(int32_t slot) const {
        return slot_edge_[static_cast<size_t>(slot)];
    }
    [[nodiscard]] int64_t Sum(int32_t p) const { return sum_[static_cast<size_t>(p)]; }
    [[nodiscard]] int32_t Load(int32_t r) const {
        return static_cast<int32_t>(members_[static_cast<size_t>(r)].size());
    }
    [[nodiscard]] const std::vector<int32_t>& Members(int32_t r) const {
        return members_[static_cast<size_t>(r)];
    }

    // The slot of `p` holding reviewer `r`, or -1.
    [[nodiscard]] int32_t SlotOf(int32_t p, int32_t r) const {
        for (int32_t slot = SlotBegin(p); slot < SlotEnd(p); ++slot) {
            if (Reviewer(SlotEdge(slot)) == r) return slot;
        }
        return -1;
    }

    // Puts `edge` (an edge of the slot's proposal) into `slot` in place of its current edge.
    void Swap(int32_t p, int32_t slot, int32_t edge) {
        const int32_t old_edge = SlotEdge(slot);
        auto& old_members = members_[static_cast<size_t>(Reviewer(old_edge))];
        old_members.erase(std::find(old_members.begin(), old_members.end(), p));
        members_[static_cast<size_t>(Reviewer(edge))].push_back(p);
        sum_[static_cast<size_t>(p)] += Weight(edge) - Weight(old_edge);
        slot_edge_[static_cast<size_t>(slot)] = edge;
    }

    // The smallest sum over proposals with demand > 0 (kNoMinimum when there is none).
    [[nodiscard]] int64_t MinSum() const {
        int64_t minimum = kNoMinimum;
        for (int32_t p = 0; p < instance_->num_proposals; ++p) {
            if (SlotEnd(p) > SlotBegin(p)) minimum = std::min(minimum, Sum(p));
        }
        return minimum;
    }

    [[nodiscard]] std::vector<uint8_t> Chosen() const {
        std::vector<uint8_t> chosen(instance_->reviewer.size(), 0);
        for (int32_t edge : slot_edge_) chosen[static_cast<size_t>(edge)] = 1;
        return chosen;
    }

  private:
    const Instance* instance_;
    std::vector<int32_t> slot_offset_;
    std::vector<int32_t> slot_edge_;
    std::vector<std::vector<int32_t>> members_;  // order of arrival; deterministic
    std::vector<int64_t> sum_;
};

// Stage 1: lifts proposals below a threshold T along exchange paths and cycles.
//
// A move for a proposal p below T swaps one of p's reviewers a for a better reviewer b (p's sum
// rises strictly). If b has spare capacity and a is above its min load, that is all. Otherwise b
// must give up one of its proposals q, which takes another reviewer c instead, and so on: a
// breadth-first search over reviewers, where passing through q is allowed only if q's new sum is
// at least min(T, q's current sum) (a proposal at or above T stays there, one below never
// loses). The search ends at a reviewer with spare capacity (when a may lose one) or back at a
// (a cycle: a's load is unchanged). Each proposal and reviewer appears at most once on a path,
// so the path's swaps are independent. Each move lowers the total shortfall sum max(0, T - sum)
// by at least one unit, so LiftAll terminates.
class Lifter {
  public:
    Lifter(const Instance& instance, const Options& options, int64_t& work)
        : instance_(instance),
          options_(options),
          work_(work),
          reviewer_stamp_(static_cast<size_t>(instance.num_reviewers), 0),
          proposal_stamp_(static_cast<size_t>(instance.num_proposals), 0),
          parent_reviewer_(static_cast<size_t>(instance.num_reviewers), -1),
          parent_proposal_(static_cast<size_t>(instance.num_reviewers), -1),
          parent_edge_(static_cast<size_t>(instance.num_reviewers), -1),
          parent_slot_(static_cast<size_t>(instance.num_reviewers), -1) {}

    // True when the work limit is spent or a stop was requested.
    [[nodiscard]] bool Exhausted() const {
        return work_ > options_.fair_work_limit || options_.stop.stop_requested();
    }

    // Lifts every proposal with demand > 0 of `assignment` to a sum >= `threshold`, poorest
    // first. False when some proposal has no move (or the search is exhausted); `assignment`
    // is then partly changed but still feasible.
    bool LiftAll(Assignment& assignment, int64_t threshold) {
        std::set<std::pair<int64_t, int32_t>> poor;
        for (int32_t p = 0; p < instance_.num_proposals; ++p) {
            if (assignment.SlotEnd(p) > assignment.SlotBegin(p) && assignment.Sum(p) < threshold) {
                poor.emplace(assignment.Sum(p), p);
            }
        }
        std::vector<std::pair<int32_t, int64_t>> changed;  // (proposal, sum before the move)
        std::vector<int32_t> slots;
        while (!poor.empty()) {
            if (Exhausted()) return false;
            const int32_t p = poor.begin()->second;
            // Try to drop p's weakest reviewer first: it leaves the most room to gain.
            slots.clear();
            for (int32_t slot = assignment.SlotBegin(p); slot < assignment.SlotEnd(p); ++slot) {
                slots.push_back(slot);
            }
            std::stable_sort(slots.begin(), slots.end(), [&](int32_t x, int32_t y) {
                return assignment.Weight(assignment.SlotEdge(x)) <
                       assignment.Weight(assignment.SlotEdge(y));
            });
            changed.clear();
            bool moved = false;
            for (int32_t slot : slots) {
                if (TryLift(assignment, p, slot, threshold, changed)) {
                    moved = true;
                    break;
                }
            }
            if (!moved) return false;
            for (const auto& [q, before] : changed) {
                poor.erase({before, q});
                if (assignment.Sum(q) < threshold) poor.emplace(assignment.Sum(q), q);
            }
        }
        return true;
    }

  private:
    // One breadth-first search for a move that replaces the reviewer in `slot` of `p`.
    bool TryLift(Assignment& assignment, int32_t p, int32_t slot, int64_t threshold,
                 std::vector<std::pair<int32_t, int64_t>>& changed) {
        ++stamp_;
        const int32_t dropped_edge = assignment.SlotEdge(slot);
        const int32_t dropped = assignment.Reviewer(dropped_edge);
        const bool dropped_may_lose = assignment.Load(dropped) > MinLoad(dropped);
        proposal_stamp_[static_cast<size_t>(p)] = stamp_;

        // p's own swaps: strictly better reviewers, best first.
        sources_.clear();
        for (int32_t e = assignment.Begin(p); e < assignment.End(p); ++e) {
            ++work_;
            if (assignment.Weight(e) > assignment.Weight(dropped_edge) &&
                assignment.SlotOf(p, assignment.Reviewer(e)) < 0) {
                sources_.push_back(e);
            }
        }
        std::stable_sort(sources_.begin(), sources_.end(), [&](int32_t x, int32_t y) {
            return assignment.Weight(x) > assignment.Weight(y);
        });
        queue_.clear();
        for (int32_t e : sources_) {
            const int32_t b = assignment.Reviewer(e);
            Reach(b, -1, p, e, slot);
            if (dropped_may_lose && assignment.Load(b) < MaxLoad(b)) {
                Apply(assignment, b, changed);
                return true;
            }
            queue_.push_back(b);
        }
        for (size_t head = 0; head < queue_.size(); ++head) {
            const int32_t u = queue_[head];
            // u is full (or its predecessor cannot lose): one of its proposals must move on.
            for (int32_t q : assignment.Members(u)) {
                if (proposal_stamp_[static_cast<size_t>(q)] == stamp_) continue;
                proposal_stamp_[static_cast<size_t>(q)] = stamp_;
                const int32_t q_slot = assignment.SlotOf(q, u);
                const int64_t base =
                    assignment.Sum(q) - assignment.Weight(assignment.SlotEdge(q_slot));
                const int64_t floor = std::min(threshold, assignment.Sum(q));
                for (int32_t e = assignment.Begin(q); e < assignment.End(q); ++e) {
                    ++work_;
                    const int32_t c = assignment.Reviewer(e);
                    if (c != dropped && reviewer_stamp_[static_cast<size_t>(c)] == stamp_) {
                        continue;
                    }
                    if (base + assignment.Weight(e) < floor) continue;
                    if (assignment.SlotOf(q, c) >= 0) continue;
                    Reach(c, u, q, e, q_slot);
                    if (c == dropped || (dropped_may_lose && assignment.Load(c) < MaxLoad(c))) {
                        Apply(assignment, c, changed);
                        return true;
                    }
                    queue_.push_back(c);
                }
            }
        }
        return false;
    }

    // Records that reviewer `c` is reached from reviewer `u` (-1: from p itself) by proposal
    // `q` taking edge `edge` into `slot`.
    void Reach(int32_t c, int32_t u, int32_t q, int32_t edge, int32_t slot) {
        const auto index = static_cast<size_t>(c);
        reviewer_stamp_[index] = stamp_;
        parent_reviewer_[index] = u;
        parent_proposal_[index] = q;
        parent_edge_[index] = edge;
        parent_slot_[index] = slot;
    }

    // Applies the path ending at reviewer `end`, walking back to p.
    void Apply(Assignment& assignment, int32_t end,
               std::vector<std::pair<int32_t, int64_t>>& changed) {
        for (int32_t c = end; c >= 0;) {
            const auto index = static_cast<size_t>(c);
            const int32_t q = parent_proposal_[index];
            changed.emplace_back(q, assignment.Sum(q));
            const int32_t next = parent_reviewer_[index];
            assignment.Swap(q, parent_slot_[index], parent_edge_[index]);
            c = next;
        }
    }

    [[nodiscard]] int32_t MinLoad(int32_t r) const {
        return instance_.min_load[static_cast<size_t>(r)];
    }
    [[nodiscard]] int32_t MaxLoad(int32_t r) const {
        return instance_.max_load[static_cast<size_t>(r)];
    }

    const Instance& instance_;
    const Options& options_;
    int64_t& work_;
    int64_t stamp_ = 0;
    std::vector<int64_t> reviewer_stamp_;
    std::vector<int64_t> proposal_stamp_;
    std::vector<int32_t> parent_reviewer_;
    std::vector<int32_t> parent_proposal_;
    std::vector<int32_t> parent_edge_;
    std::vector<int32_t> parent_slot_;
    std::vector<int32_t> sources_;
    std::vector<int32_t> queue_;
};

// Stage 3: raises the total of a feasible assignment whose proposals all have sums >= `floor`
// by exchange cycles that keep every sum >= floor, until none is left (or the work limit).
//
// The exchange graph has one node per reviewer and a node Z. An arc u -> c stands for "proposal
// q drops its reviewer u and takes c" and exists when c is an allowed candidate of q not already
// assigned to it and q's new sum stays >= floor; its cost is the loss W(u, q) - W(c, q). Along a
// cycle every reviewer loses one proposal and gains one, so loads do not change; Z -> r (r may
// lose one: load > min) and r -> Z (r may gain one: load < max) close paths into cycles. A
// negative cycle whose proposals are distinct is an improving move; Bellman-Ford finds one as a
// cycle of the predecessor graph. A cycle that passes a proposal twice is not applied: its
// first arc is banned for the rest of the round and the search repeats.
class CyclePolisher {
  public:
    CyclePolisher(const Instance& instance, const Options& options, int64_t& work)
        : instance_(instance), options_(options), work_(work) {}

    void Run(Assignment& assignment, int64_t floor) {
        while (!Exhausted()) {
            BuildArcs(assignment, floor);
            bool improved = false;
            while (!Exhausted()) {
                auto cycle = FindNegativeCycle();
                if (cycle.empty()) break;
                if (Apply(assignment, cycle)) {
                    improved = true;
                    break;
                }
                arcs_[static_cast<size_t>(cycle.front())].banned = true;
            }
            if (!improved) return;
        }
    }

  private:
    struct Arc {
        int32_t from = 0;
        int32_t to = 0;
        int32_t proposal = -1;  // -1 for the arcs of Z
        int32_t slot = -1;
        int32_t edge = -1;
        int64_t cost = 0;
        bool banned = false;
    };

    [[nodiscard]] bool Exhausted() const {
        return work_ > options_.fair_work_limit || options_.stop.stop_requested();
    }

    void BuildArcs(const Assignment& assignment, int64_t floor) {
        arcs_.clear();
        const int32_t zed = instance_.num_reviewers;
        for (int32_t r = 0; r < instance_.num_reviewers; ++r) {
            const auto index = static_cast<size_t>(r);
            if (assignment.Load(r) > instance_.min_load[index]) arcs_.push_back({zed, r});
            if (assignment.Load(r) < instance_.max_load[index]) arcs_.push_back({r, zed});
        }
        for (int32_t q = 0; q < instance_.num_proposals; ++q) {
            for (int32_t slot = assignment.SlotBegin(q); slot < assignment.SlotEnd(q); ++slot) {
                const int32_t old_edge = assignment.SlotEdge(slot);
                const int32_t u = assignment.Reviewer(old_edge);
                const int64_t base = assignment.Sum(q) - assignment.Weight(old_edge);
                for (int32_t e = assignment.Begin(q); e < assignment.End(q); ++e) {
                    ++work_;
                    const int32_t c = assignment.Reviewer(e);
                    if (base + assignment.Weight(e) < floor || assignment.SlotOf(q, c) >= 0) {
                        continue;
                    }
                    arcs_.push_back(
                        {u, c, q, slot, e, assignment.Weight(old_edge) - assignment.Weight(e)});
                }
            }
        }
    }

    // The arcs of a negative cycle in cycle order, or none. Bellman-Ford from every node at
    // distance 0; after each pass the predecessor graph is searched for a cycle.
    std::vector<int32_t> FindNegativeCycle() {
        const auto nodes = static_cast<size_t>(instance_.num_reviewers) + 1;
        distance_.assign(nodes, 0);
        parent_arc_.assign(nodes, -1);
        for (size_t pass = 0; pass < nodes && !Exhausted(); ++pass) {
            bool changed = false;
            for (size_t a = 0; a < arcs_.size(); ++a) {
                const Arc& arc = arcs_[a];
                if (arc.banned) continue;
                const int64_t candidate = distance_[static_cast<size_t>(arc.from)] + arc.cost;
                if (candidate < distance_[static_cast<size_t>(arc.to)]) {
                    distance_[static_cast<size_t>(arc.to)] = candidate;
                    parent_arc_[static_cast<size_t>(arc.to)] = static_cast<int32_t>(a);
                    changed = true;
                }
            }
            work_ += static_cast<int64_t>(arcs_.size());
            if (!changed) return {};
            if (auto cycle = PredecessorCycle(); !cycle.empty()) return cycle;
        }
        return {};
    }

    std::vector<int32_t> PredecessorCycle() {
        const size_t nodes = parent_arc_.size();
        state_.assign(nodes, 0);  // 0 unseen, 1 on the current walk, 2 done
        for (size_t start = 0; start < nodes; ++start) {
            size_t node = start;
            while (state_[node] == 0 && parent_arc_[node] >= 0) {
                state_[node] = 1;
                node = static_cast<size_t>(arcs_[static_cast<size_t>(parent_arc_[node])].from);
            }
            if (state_[node] == 1) {
                // `node` is on a cycle: collect its arcs backwards, then reverse.
                std::vector<int32_t> cycle;
                size_t at = node;
                do {
                    const int32_t a = parent_arc_[at];
                    cycle.push_back(a);
                    at = static_cast<size_t>(arcs_[static_cast<size_t>(a)].from);
                } while (at != node);
                std::reverse(cycle.begin(), cycle.end());
                return cycle;
            }
            for (node = start; state_[node] == 1;) {
                state_[node] = 2;
                node = static_cast<size_t>(arcs_[static_cast<size_t>(parent_arc_[node])].from);
            }
        }
        return {};
    }

    // Applies `cycle` if its proposals are distinct; false otherwise.
    bool Apply(Assignment& assignment, const std::vector<int32_t>& cycle) {
        int64_t cost = 0;
        ++stamp_;
        stamp_of_.resize(static_cast<size_t>(instance_.num_proposals), 0);
        for (int32_t a : cycle) {
            const Arc& arc = arcs_[static_cast<size_t>(a)];
            cost += arc.cost;
            if (arc.proposal < 0) continue;
            auto& stamp = stamp_of_[static_cast<size_t>(arc.proposal)];
            if (stamp == stamp_) return false;
            stamp = stamp_;
        }
        KC_CHECK(cost < 0, "a cycle of the predecessor graph has negative cost");
        for (int32_t a : cycle) {
            const Arc& arc = arcs_[static_cast<size_t>(a)];
            if (arc.proposal >= 0) assignment.Swap(arc.proposal, arc.slot, arc.edge);
        }
        return true;
    }

    const Instance& instance_;
    const Options& options_;
    int64_t& work_;
    std::vector<Arc> arcs_;
    std::vector<int64_t> distance_;
    std::vector<int32_t> parent_arc_;
    std::vector<uint8_t> state_;
    std::vector<int64_t> stamp_of_;
    int64_t stamp_ = 0;
};

// The best minimum any assignment could reach ignoring loads: the smallest, over proposals with
// demand > 0, of the sum of their demand[p] best weights.
int64_t SimpleUpperBound(const Instance& instance) {
    int64_t bound = kNoMinimum;
    std::vector<int64_t> weights;
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        const int32_t demand = instance.demand[static_cast<size_t>(p)];
        if (demand == 0) continue;
        weights.assign(instance.weight.begin() + instance.offsets[static_cast<size_t>(p)],
                       instance.weight.begin() + instance.offsets[static_cast<size_t>(p) + 1]);
        std::partial_sort(weights.begin(), weights.begin() + demand, weights.end(),
                          std::greater<>());
        int64_t sum = 0;
        for (int32_t k = 0; k < demand; ++k) sum += weights[static_cast<size_t>(k)];
        bound = std::min(bound, sum);
    }
    return bound;
}

__extension__ typedef __int128 Wide;

Wide TotalWeight(const Instance& instance, const std::vector<uint8_t>& chosen) {
    Wide total = 0;
    for (size_t e = 0; e < chosen.size(); ++e) {
        if (chosen[e]) total += instance.weight[e];
    }
    return total;
}

// Stage 2: the maximum-total assignment in which the proposals of `fixed` keep their edges of
// `base` and the others are re-solved by min-cost flow on what remains. Feasible because `base`
// restricted to the others is a solution.
std::vector<uint8_t> ResolveUnfixed(const Instance& instance, const std::vector<uint8_t>& base,
                                    const std::vector<uint8_t>& fixed, Method method) {
    Instance sub;
    sub.num_proposals = instance.num_proposals;
    sub.num_reviewers = instance.num_reviewers;
    sub.scale = instance.scale;
    sub.offsets.assign(instance.offsets.size(), 0);
    sub.demand = instance.demand;
    sub.max_load = instance.max_load;
    sub.min_load = instance.min_load;
    sub.degree.assign(static_cast<size_t>(instance.num_reviewers), 0);
    std::vector<int32_t> origin;
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        const auto index = static_cast<size_t>(p);
        for (int32_t e = instance.offsets[index]; e < instance.offsets[index + 1]; ++e) {
            const auto edge = static_cast<size_t>(e);
            const auto r = static_cast<size_t>(instance.reviewer[edge]);
            if (fixed[index]) {
                if (base[edge]) {
                    --sub.max_load[r];
                    sub.min_load[r] = std::max(0, sub.min_load[r] - 1);
                }
                continue;
            }
            origin.push_back(e);
            sub.reviewer.push_back(instance.reviewer[edge]);
            sub.weight.push_back(instance.weight[edge]);
            ++sub.degree[r];
        }
        if (fixed[index]) sub.demand[index] = 0;
        sub.offsets[index + 1] = static_cast<int32_t>(origin.size());
    }
    auto solved = SolveFlow(sub, sub.weight, method);
    KC_CHECK(solved.has_value(), "the fixed proposals leave a feasible rest");
    std::vector<uint8_t> chosen(base.size(), 0);
    for (int32_t p = 0; p < instance.num_proposals; ++p) {
        if (!fixed[static_cast<size_t>(p)]) continue;
        for (int32_t e = instance.offsets[static_cast<size_t>(p)];
             e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
            chosen[static_cast<size_t>(e)] = base[static_cast<size_t>(e)];
        }
    }
    for (size_t e = 0; e < origin.size(); ++e) {
        if ((*solved)[e]) chosen[static_cast<size_t>(origin[e])] = 1;
    }
    return chosen;
}

}  // namespace

FairOutcome SolveFair(const Instance& instance, std::vector<uint8_t> total_optimal,
                      const Options& options,
                      const std::function<void(double, const char*)>& report) {
    FairOutcome outcome;
    Assignment best(instance, total_optimal);
    const int64_t start_min = best.MinSum();
    if (start_min == kNoMinimum) {
        outcome.chosen = std::move(total_optimal);
        return outcome;
    }

    // Stage 1: binary search on the threshold between the kTotal minimum (reached) and a bound
    // no assignment can beat. A trial starts from the best assignment so far and succeeds when
    // every proposal is lifted to the threshold; then the reached minimum is the new low end.
    int64_t work = 0;
    Lifter lifter(instance, options, work);
    int64_t low = start_min;
    int64_t high = std::max(low, SimpleUpperBound(instance));
    int trials = 0;
    while (low < high && !lifter.Exhausted()) {
        const int64_t threshold = low + (high - low + 1) / 2;
        report(0.5 + 0.35 * std::min(1.0, trials / 40.0), "raising the minimum");
        ++trials;
        Assignment trial = best;
        if (lifter.LiftAll(trial, threshold)) {
            best = std::move(trial);
            low = best.MinSum();
        } else {
            high = threshold - 1;
        }
    }
    if (options.stop.stop_requested()) {
        outcome.interruption = Interruption::kCancelled;
        return outcome;
    }

    // Stage 2: more total under the reached minimum. Proposals that would fall below it in the
    // max-total flow keep their stage-1 reviewers; the rest are re-solved, until none falls.
    const int64_t minimum = best.MinSum();
    const std::vector<uint8_t> fair = best.Chosen();
    std::vector<uint8_t> fixed(static_cast<size_t>(instance.num_proposals), 0);
    std::vector<uint8_t> chosen = std::move(total_optimal);
    for (int round = 0;; ++round) {
        report(0.85 + 0.1 * (1.0 - 1.0 / (round + 1)), "raising the total");
        std::vector<int64_t> sums(static_cast<size_t>(instance.num_proposals), 0);
        for (int32_t p = 0; p < instance.num_proposals; ++p) {
            for (int32_t e = instance.offsets[static_cast<size_t>(p)];
                 e < instance.offsets[static_cast<size_t>(p) + 1]; ++e) {
                if (chosen[static_cast<size_t>(e)]) {
                    sums[static_cast<size_t>(p)] += instance.weight[static_cast<size_t>(e)];
                }
            }
        }
        bool violated = false;
        for (int32_t p = 0; p < instance.num_proposals; ++p) {
            const auto index = static_cast<size_t>(p);
            if (!fixed[index] && instance.demand[index] > 0 && sums[index] < minimum) {
                fixed[index] = 1;
                violated = true;
            }
        }
        if (!violated) break;
        if (options.stop.stop_requested()) {
            outcome.interruption = Interruption::kCancelled;
            return outcome;
        }
        chosen = ResolveUnfixed(instance, fair, fixed, options.method);
    }
    // The re-solved assignment contains the stage-1 one restricted to the free proposals, so
    // its total is never lower.
    KC_CHECK(TotalWeight(instance, chosen) >= TotalWeight(instance, fair),
             "re-solving the free proposals never lowers the total");

    // Stage 3: exchange cycles that raise the total and keep the minimum.
    report(0.95, "raising the total");
    Assignment polished(instance, chosen);
    CyclePolisher(instance, options, work).Run(polished, minimum);
    if (options.stop.stop_requested()) {
        outcome.interruption = Interruption::kCancelled;
        return outcome;
    }
    KC_CHECK(polished.MinSum() >= minimum, "exchange cycles keep the minimum");
    outcome.chosen = polished.Chosen();
    return outcome;
}

}  // namespace kc::assign::internal
