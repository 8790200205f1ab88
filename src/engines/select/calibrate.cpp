// Calibration: the ridge-penalised additive model, solved by preconditioned conjugate gradients
// on the reviewer effects, and the stratified bootstrap. See select.h and
// docs/decisions/0006-calibration-and-selection.md.

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>
#include <utility>

#include "engines/select/select.h"

namespace kc::select {
namespace {

// Scores beyond this magnitude are rejected so that no sum of up to 2^31 ratings can overflow.
constexpr double kMaxScore = 1e12;
// Conjugate gradients stop once the residual of the normal equations has shrunk by this factor.
constexpr double kRelativeTolerance = 1e-12;
// Resamples per TBB task; fixed so that work splitting never changes a result.
constexpr int32_t kResampleGrain = 4;

// ---------------------------------------------------------------------------------------------
// Random numbers. SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
// generators") with our own bounded draw, so the stream is the same on every platform and
// standard library (std::uniform_int_distribution is implementation-defined).

uint64_t Mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class SplitMix64 {
  public:
    // The stream of resample `index` under `seed`: independent of how resamples are scheduled.
    SplitMix64(uint64_t seed, uint64_t index) : state_(Mix64(seed) ^ Mix64(index + 1)) {}

    uint64_t Next() {
        state_ += 0x9E3779B97F4A7C15ULL;
        return Mix64(state_);
    }

    // Uniform in [0, bound), bound in [1, 2^32): Lemire's multiply-shift with rejection
    // ("Fast random integer generation in an interval", 2019), on the top 32 bits.
    uint32_t Below(uint32_t bound) {
        uint64_t product = (Next() >> 32) * uint64_t{bound};
        auto low = static_cast<uint32_t>(product);
        if (low < bound) {
            const uint32_t threshold = (0u - bound) % bound;
            while (low < threshold) {
                product = (Next() >> 32) * uint64_t{bound};
                low = static_cast<uint32_t>(product);
            }
        }
        return static_cast<uint32_t>(product >> 32);
    }

  private:
    uint64_t state_;
};

// ---------------------------------------------------------------------------------------------
// The model.
//
// With c_p = mu + a_p, the fit minimises  sum_k w_k (y_k - c_{p(k)} - b_{r(k)})^2 + lambda |b|^2
// for rating weights w_k (1, or the multiplicity of a rating in a bootstrap resample).
// Eliminating c (c_p = weighted mean over p of y - b) leaves, for b, the normal equations
//   A b = g,  A = diag(n_r + lambda) - N^T diag(1/n_p) N,  g_r = sum_{k in r} w_k (y_k - ybar_p)
// with n_r, n_p the weighted counts and N_{pr} the weight of reviewer r's ratings of p. A is
// positive semi-definite, definite when lambda > 0; its product with a vector takes two passes
// over the ratings, so Jacobi-preconditioned conjugate gradients cost O(ratings) per iteration.

struct Design {
    int32_t num_proposals = 0;
    int32_t num_reviewers = 0;
    double lambda = 0;
    std::vector<int32_t> proposal;  // per rating
    std::vector<int32_t> reviewer;  // per rating
    std::vector<double> score;      // per rating
    // Ratings grouped by proposal (input order within a proposal) and by reviewer, so that both
    // passes of a product with A are gathers with sequential writes.
    std::vector<int32_t> by_proposal_offset, by_proposal, reviewer_by_proposal;
    std::vector<int32_t> by_reviewer_offset, by_reviewer, proposal_by_reviewer;
};

// Scratch of one fit; reused across the resamples of one task.
struct Workspace {
    std::vector<double> weight_by_proposal, weight_by_reviewer;  // w in the two orders
    std::vector<double> proposal_weight, proposal_sum, proposal_mean;
    std::vector<double> reviewer_weight, diagonal, rhs, residual, preconditioned, direction,
        product;
    std::vector<int32_t> parent;  // union-find over proposals + reviewers (lambda == 0 only)
    std::vector<double> component_sum, component_count;

    explicit Workspace(const Design& design) {
        const auto p = static_cast<size_t>(design.num_proposals);
        const auto r = static_cast<size_t>(design.num_reviewers);
        weight_by_proposal.resize(design.proposal.size());
        weight_by_reviewer.resize(design.proposal.size());
        proposal_weight.resize(p);
        proposal_sum.resize(p);
        proposal_mean.resize(p);
        for (auto* v : {&reviewer_weight, &diagonal, &rhs, &residual, &preconditioned, &direction,
                        &product}) {
            v->resize(r);
        }
    }
};

struct Fit {
    std::vector<double> calibrated;  // c_p
    std::vector<double> effect;      // b_r
};

double Dot(std::span<const double> a, std::span<const double> b) {
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
    return sum;
}

double WeightOf(std::span<const double> weights, size_t k) {
    return weights.empty() ? 1.0 : weights[k];
}

// out = A v (see above): m_p = sum_{k in p} w_k v_{r(k)} / n_p, then
// out_r = (n_r + lambda) v_r - sum_{k in r} w_k m_{p(k)}.
void MultiplyA(const Design& design, Workspace& ws, std::span<const double> v,
               std::span<double> out) {
    const size_t num_p = ws.proposal_mean.size();
    for (size_t p = 0; p < num_p; ++p) {
        const auto begin = static_cast<size_t>(design.by_proposal_offset[p]);
        const auto end = static_cast<size_t>(design.by_proposal_offset[p + 1]);
        double sum = 0;
        for (size_t j = begin; j < end; ++j) {
            sum +=
                ws.weight_by_proposal[j] * v[static_cast<size_t>(design.reviewer_by_proposal[j])];
        }
        ws.proposal_mean[p] = sum / ws.proposal_weight[p];
    }
    for (size_t r = 0; r < out.size(); ++r) {
        const auto begin = static_cast<size_t>(design.by_reviewer_offset[r]);
        const auto end = static_cast<size_t>(design.by_reviewer_offset[r + 1]);
        double sum = 0;
        for (size_t j = begin; j < end; ++j) {
            sum += ws.weight_by_reviewer[j] *
                   ws.proposal_mean[static_cast<size_t>(design.proposal_by_reviewer[j])];
        }
        out[r] = (ws.reviewer_weight[r] + design.lambda) * v[r] - sum;
    }
}

int32_t Find(std::vector<int32_t>& parent, int32_t x) {
    while (parent[static_cast<size_t>(x)] != x) {
        parent[static_cast<size_t>(x)] =
            parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        x = parent[static_cast<size_t>(x)];
    }
    return x;
}

// With lambda == 0 the reviewer effects are determined only up to one constant per connected
// component of the rating graph; take the limit lambda -> 0+, which is the solution whose
// effects sum to zero within each component.
void CentreEffectsPerComponent(const Design& design, std::span<const double> weights, Workspace& ws,
                               std::vector<double>& effect) {
    const auto p = static_cast<size_t>(design.num_proposals);
    const auto r = static_cast<size_t>(design.num_reviewers);
    ws.parent.resize(p + r);
    std::iota(ws.parent.begin(), ws.parent.end(), 0);
    for (size_t k = 0; k < design.proposal.size(); ++k) {
        if (WeightOf(weights, k) <= 0) continue;
        const int32_t a = Find(ws.parent, design.proposal[k]);
        const int32_t b = Find(ws.parent, static_cast<int32_t>(p) + design.reviewer[k]);
        if (a != b) ws.parent[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
    }
    ws.component_sum.assign(p + r, 0.0);
    ws.component_count.assign(p + r, 0.0);
    for (size_t i = 0; i < r; ++i) {
        if (ws.reviewer_weight[i] <= 0) continue;
        const auto root = static_cast<size_t>(Find(ws.parent, static_cast<int32_t>(p + i)));
        ws.component_sum[root] += effect[i];
        ws.component_count[root] += 1;
    }
    for (size_t i = 0; i < r; ++i) {
        if (ws.reviewer_weight[i] <= 0) {
            effect[i] = 0;
            continue;
        }
        const auto root = static_cast<size_t>(Find(ws.parent, static_cast<int32_t>(p + i)));
        effect[i] -= ws.component_sum[root] / ws.component_count[root];
    }
}

// Fits the model with rating weights `weights` (empty = all 1), starting the conjugate
// gradients from `start` (reviewer effects). Every proposal must have positive weight.
Fit FitModel(const Design& design, std::span<const double> weights, std::span<const double> start,
             Workspace& ws) {
    const auto num_p = static_cast<size_t>(design.num_proposals);
    const auto num_r = static_cast<size_t>(design.num_reviewers);
    const size_t count = design.proposal.size();

    for (size_t j = 0; j < count; ++j) {
        ws.weight_by_proposal[j] = WeightOf(weights, static_cast<size_t>(design.by_proposal[j]));
        ws.weight_by_reviewer[j] = WeightOf(weights, static_cast<size_t>(design.by_reviewer[j]));
    }
    std::fill(ws.proposal_weight.begin(), ws.proposal_weight.end(), 0.0);
    std::fill(ws.proposal_sum.begin(), ws.proposal_sum.end(), 0.0);
    std::fill(ws.reviewer_weight.begin(), ws.reviewer_weight.end(), 0.0);
    for (size_t k = 0; k < count; ++k) {
        const double w = WeightOf(weights, k);
        ws.proposal_weight[static_cast<size_t>(design.proposal[k])] += w;
        ws.proposal_sum[static_cast<size_t>(design.proposal[k])] += w * design.score[k];
        ws.reviewer_weight[static_cast<size_t>(design.reviewer[k])] += w;
    }
    // Right-hand side g and the diagonal of A.
    std::fill(ws.rhs.begin(), ws.rhs.end(), 0.0);
    for (size_t r = 0; r < num_r; ++r) ws.diagonal[r] = ws.reviewer_weight[r] + design.lambda;
    for (size_t k = 0; k < count; ++k) {
        const double w = WeightOf(weights, k);
        const auto p = static_cast<size_t>(design.proposal[k]);
        const auto r = static_cast<size_t>(design.reviewer[k]);
        ws.rhs[r] += w * (design.score[k] - ws.proposal_sum[p] / ws.proposal_weight[p]);
        ws.diagonal[r] -= w * w / ws.proposal_weight[p];
    }

    Fit fit;
    fit.effect.assign(start.begin(), start.end());
    std::vector<double>& x = fit.effect;
    const double rhs_norm = std::sqrt(Dot(ws.rhs, ws.rhs));
    if (rhs_norm > 0) {
        // Jacobi preconditioner; a reviewer whose diagonal vanishes (lambda == 0 and every
        // rating the only one of its proposal) is left unpreconditioned.
        for (size_t r = 0; r < num_r; ++r) {
            const double scale = ws.reviewer_weight[r] + design.lambda;
            if (!(ws.diagonal[r] > 1e-12 * (scale + 1))) ws.diagonal[r] = 1;
        }
        MultiplyA(design, ws, x, ws.product);
        for (size_t r = 0; r < num_r; ++r) ws.residual[r] = ws.rhs[r] - ws.product[r];
        for (size_t r = 0; r < num_r; ++r) {
            ws.preconditioned[r] = ws.residual[r] / ws.diagonal[r];
        }
        ws.direction = ws.preconditioned;
        double rz = Dot(ws.residual, ws.preconditioned);
        const size_t max_iterations = 100 + 4 * num_r;
        for (size_t iteration = 0; iteration < max_iterations; ++iteration) {
            if (std::sqrt(Dot(ws.residual, ws.residual)) <= kRelativeTolerance * rhs_norm) break;
            MultiplyA(design, ws, ws.direction, ws.product);
            const double curvature = Dot(ws.direction, ws.product);
            if (!(curvature > 0)) break;
            const double alpha = rz / curvature;
            for (size_t r = 0; r < num_r; ++r) {
                x[r] += alpha * ws.direction[r];
                ws.residual[r] -= alpha * ws.product[r];
            }
            for (size_t r = 0; r < num_r; ++r) {
                ws.preconditioned[r] = ws.residual[r] / ws.diagonal[r];
            }
            const double rz_next = Dot(ws.residual, ws.preconditioned);
            const double beta = rz_next / rz;
            rz = rz_next;
            for (size_t r = 0; r < num_r; ++r) {
                ws.direction[r] = ws.preconditioned[r] + beta * ws.direction[r];
            }
        }
    } else {
        std::fill(x.begin(), x.end(), 0.0);
    }
    if (design.lambda == 0) CentreEffectsPerComponent(design, weights, ws, x);

    fit.calibrated.assign(num_p, 0.0);
    for (size_t k = 0; k < count; ++k) {
        fit.calibrated[static_cast<size_t>(design.proposal[k])] +=
            WeightOf(weights, k) * (design.score[k] - x[static_cast<size_t>(design.reviewer[k])]);
    }
    for (size_t p = 0; p < num_p; ++p) fit.calibrated[p] /= ws.proposal_weight[p];
    return fit;
}

// Ranks (1 = best) by score descending, ties by index.
void RankInto(std::span<const double> scores, std::vector<int32_t>& order,
              std::span<int32_t> ranks) {
    order.resize(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        const double sa = scores[static_cast<size_t>(a)];
        const double sb = scores[static_cast<size_t>(b)];
        return sa != sb ? sa > sb : a < b;
    });
    for (size_t i = 0; i < order.size(); ++i) {
        ranks[static_cast<size_t>(order[i])] = static_cast<int32_t>(i + 1);
    }
}

// Order statistics of a percentile interval over `count` resamples: the lower end is the
// floor((1 - level) / 2 * (count - 1))-th smallest value, the upper end the
// ceil((1 + level) / 2 * (count - 1))-th (0-based), i.e. never narrower than interpolation.
std::pair<size_t, size_t> IntervalIndices(double level, size_t count) {
    const double tail = (1 - level) / 2;
    const double span = static_cast<double>(count - 1);
    auto low = static_cast<size_t>(std::floor(tail * span));
    auto high = static_cast<size_t>(std::ceil((1 - tail) * span));
    return {std::min(low, count - 1), std::min(high, count - 1)};
}

std::string Number(double value) { return fmt::format("{}", value); }

Result<Design> Validate(const CalibrationInput& input) {
    std::vector<FieldError> errors;
    if (input.num_reviewers < 0) {
        errors.push_back({"num_reviewers", ">= 0", std::to_string(input.num_reviewers)});
    }
    if (input.num_proposals < 0) {
        errors.push_back({"num_proposals", ">= 0", std::to_string(input.num_proposals)});
    }
    if (!(input.lambda >= 0) || !std::isfinite(input.lambda)) {
        errors.push_back({"lambda", "a finite number >= 0", Number(input.lambda)});
    }
    if (input.bootstrap < 0) {
        errors.push_back({"bootstrap", ">= 0 resamples", std::to_string(input.bootstrap)});
    }
    if (!(input.level > 0 && input.level < 1)) {
        errors.push_back({"level", "a number in (0, 1)", Number(input.level)});
    }
    if (input.threads < 0) {
        errors.push_back({"threads", ">= 0 (0 = all cores)", std::to_string(input.threads)});
    }
    if (input.ratings.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
        errors.push_back(
            {"ratings", "fewer than 2^31 ratings", std::to_string(input.ratings.size())});
    }
    for (size_t k = 0; k < input.ratings.size(); ++k) {
        const Rating& rating = input.ratings[k];
        if (rating.reviewer < 0 || rating.reviewer >= input.num_reviewers) {
            errors.push_back({fmt::format("ratings[{}].reviewer", k),
                              input.num_reviewers > 0
                                  ? fmt::format("0..{}", input.num_reviewers - 1)
                                  : std::string("a reviewer, but num_reviewers is 0"),
                              std::to_string(rating.reviewer)});
        }
        if (rating.proposal < 0 || rating.proposal >= input.num_proposals) {
            errors.push_back({fmt::format("ratings[{}].proposal", k),
                              input.num_proposals > 0
                                  ? fmt::format("0..{}", input.num_proposals - 1)
                                  : std::string("a proposal, but num_proposals is 0"),
                              std::to_string(rating.proposal)});
        }
        if (!std::isfinite(rating.score)) {
            errors.push_back(
                {fmt::format("ratings[{}].score", k), "a finite number", Number(rating.score)});
        } else if (std::abs(rating.score) > kMaxScore) {
            errors.push_back({fmt::format("ratings[{}].score", k), "a score within ±1e12",
                              Number(rating.score)});
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid calibration input", std::move(errors)));

    Design design;
    design.num_proposals = input.num_proposals;
    design.num_reviewers = input.num_reviewers;
    design.lambda = input.lambda;
    const size_t count = input.ratings.size();
    design.proposal.reserve(count);
    design.reviewer.reserve(count);
    design.score.reserve(count);
    for (const Rating& rating : input.ratings) {
        design.proposal.push_back(rating.proposal);
        design.reviewer.push_back(rating.reviewer);
        design.score.push_back(rating.score);
    }
    std::vector<int32_t> rating_count(static_cast<size_t>(input.num_proposals), 0);
    for (int32_t p : design.proposal) ++rating_count[static_cast<size_t>(p)];
    std::vector<int32_t> unrated;
    for (int32_t p = 0; p < input.num_proposals; ++p) {
        if (rating_count[static_cast<size_t>(p)] == 0) unrated.push_back(p);
    }
    if (!unrated.empty()) {
        std::vector<FieldError> fields;
        for (int32_t p : unrated) {
            fields.push_back({fmt::format("proposals[{}]", p), "at least one rating", "none"});
        }
        std::string message;
        if (unrated.size() == 1) {
            message = fmt::format("proposal {} has no ratings", unrated.front());
        } else {
            constexpr size_t kListed = 10;
            std::vector<int32_t> listed(
                unrated.begin(),
                unrated.begin() + static_cast<std::ptrdiff_t>(std::min(kListed, unrated.size())));
            message = fmt::format("{} proposals have no ratings: {}{}", unrated.size(),
                                  fmt::join(listed, ", "), unrated.size() > kListed ? ", …" : "");
        }
        return Fail(Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields)});
    }

    // Counting sorts: stable, so input order is kept within each proposal and each reviewer.
    auto group = [&](const std::vector<int32_t>& key, size_t keys, std::vector<int32_t>& offset,
                     std::vector<int32_t>& order) {
        offset.assign(keys + 1, 0);
        for (int32_t k : key) ++offset[static_cast<size_t>(k) + 1];
        for (size_t i = 0; i < keys; ++i) offset[i + 1] += offset[i];
        order.resize(count);
        std::vector<int32_t> next(offset.begin(), offset.end() - 1);
        for (size_t k = 0; k < count; ++k) {
            order[static_cast<size_t>(next[static_cast<size_t>(key[k])]++)] =
                static_cast<int32_t>(k);
        }
    };
    group(design.proposal, static_cast<size_t>(input.num_proposals), design.by_proposal_offset,
          design.by_proposal);
    group(design.reviewer, static_cast<size_t>(input.num_reviewers), design.by_reviewer_offset,
          design.by_reviewer);
    design.reviewer_by_proposal.resize(count);
    design.proposal_by_reviewer.resize(count);
    for (size_t j = 0; j < count; ++j) {
        design.reviewer_by_proposal[j] =
            design.reviewer[static_cast<size_t>(design.by_proposal[j])];
        design.proposal_by_reviewer[j] =
            design.proposal[static_cast<size_t>(design.by_reviewer[j])];
    }
    return design;
}

template <class F>
void RunWithThreads(int32_t threads, F&& f) {
    if (threads > 0) {
        tbb::task_arena arena(threads);
        arena.execute(std::forward<F>(f));
    } else {
        std::forward<F>(f)();
    }
}

}  // namespace

Result<Calibration> Calibrate(const CalibrationInput& input) {
    KC_ASSIGN_OR_RETURN(const Design design, Validate(input));
    const auto num_p = static_cast<size_t>(design.num_proposals);
    const auto num_r = static_cast<size_t>(design.num_reviewers);

    Workspace workspace(design);
    const std::vector<double> zero(num_r, 0.0);
    Fit fit = FitModel(design, {}, zero, workspace);

    Calibration result;
    result.reviewer_effect = fit.effect;
    result.proposals.resize(num_p);
    double mean = 0;
    for (double c : fit.calibrated) mean += c;
    result.grand_mean = num_p > 0 ? mean / static_cast<double>(num_p) : 0.0;

    std::vector<int32_t> order;
    std::vector<int32_t> ranks(num_p);
    RankInto(fit.calibrated, order, ranks);
    for (size_t p = 0; p < num_p; ++p) {
        ProposalScore& out = result.proposals[p];
        const auto begin = static_cast<size_t>(design.by_proposal_offset[p]);
        const auto end = static_cast<size_t>(design.by_proposal_offset[p + 1]);
        double sum = 0;
        for (size_t i = begin; i < end; ++i) {
            sum += design.score[static_cast<size_t>(design.by_proposal[i])];
        }
        out.ratings = static_cast<int32_t>(end - begin);
        out.raw = sum / static_cast<double>(end - begin);
        out.calibrated = fit.calibrated[p];
        out.low = out.high = out.calibrated;
        out.rank = out.rank_low = out.rank_high = ranks[p];
    }
    if (input.bootstrap == 0 || num_p == 0) return result;

    // Resample b draws, within each proposal p, n_p of its ratings with replacement (as weights
    // on the original ratings), refits from the full-data effects, and records every proposal's
    // calibrated score and rank. Row b of the matrices belongs to resample b alone.
    const auto resamples = static_cast<size_t>(input.bootstrap);
    std::vector<double> scores(resamples * num_p);
    std::vector<int32_t> resample_ranks(resamples * num_p);
    RunWithThreads(input.threads, [&] {
        tbb::parallel_for(
            tbb::blocked_range<int32_t>(0, input.bootstrap, kResampleGrain),
            [&](const tbb::blocked_range<int32_t>& range) {
                Workspace ws(design);
                std::vector<double> weights(design.proposal.size());
                std::vector<int32_t> local_order;
                for (int32_t b = range.begin(); b != range.end(); ++b) {
                    SplitMix64 rng(input.seed, static_cast<uint64_t>(b));
                    std::fill(weights.begin(), weights.end(), 0.0);
                    for (size_t p = 0; p < num_p; ++p) {
                        const auto begin = static_cast<size_t>(design.by_proposal_offset[p]);
                        const auto n = static_cast<uint32_t>(design.by_proposal_offset[p + 1]) -
                                       static_cast<uint32_t>(begin);
                        for (uint32_t draw = 0; draw < n; ++draw) {
                            weights[static_cast<size_t>(
                                design.by_proposal[begin + rng.Below(n)])] += 1;
                        }
                    }
                    const Fit resample = FitModel(design, weights, fit.effect, ws);
                    const size_t row = static_cast<size_t>(b) * num_p;
                    std::copy(resample.calibrated.begin(), resample.calibrated.end(),
                              scores.begin() + static_cast<std::ptrdiff_t>(row));
                    RankInto(resample.calibrated, local_order,
                             std::span<int32_t>(resample_ranks).subspan(row, num_p));
                }
            });
        const auto [low_index, high_index] = IntervalIndices(input.level, resamples);
        tbb::parallel_for(tbb::blocked_range<size_t>(0, num_p, 64),
                          [&](const tbb::blocked_range<size_t>& range) {
                              std::vector<double> column(resamples);
                              std::vector<int32_t> rank_column(resamples);
                              for (size_t p = range.begin(); p != range.end(); ++p) {
                                  for (size_t b = 0; b < resamples; ++b) {
                                      column[b] = scores[b * num_p + p];
                                      rank_column[b] = resample_ranks[b * num_p + p];
                                  }
                                  std::sort(column.begin(), column.end());
                                  std::sort(rank_column.begin(), rank_column.end());
                                  ProposalScore& out = result.proposals[p];
                                  out.low = column[low_index];
                                  out.high = column[high_index];
                                  out.rank_low = rank_column[low_index];
                                  out.rank_high = rank_column[high_index];
                              }
                          });
    });
    return result;
}

}  // namespace kc::select
