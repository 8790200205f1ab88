#pragma once

// Evaluation of reviewer-expertise scores against the gold standard of Stelmakh et al., "A Gold
// Standard Dataset for the Reviewer Assignment Problem" (arXiv:2303.16750). 58 researchers
// rated their expertise (1.0-5.0) for reviewing up to 10 papers each; an algorithm scores every
// rated (reviewer, paper) pair and only the order of one reviewer's scores matters. The metric is
// the one of the paper's `scripts/scoring.py`, described in ../shared/bench/goldstandard/README.md
// §3:
//
//   * loss: the normalised weighted Kendall-tau distance. Over every unordered pair {p, q} of
//     papers rated by the same reviewer, with t = e(p) - e(q) the true and d = s(p) - s(q) the
//     predicted difference, the pair weighs |t|; it costs |t| when d·t < 0 and |t|/2 when d·t = 0
//     (a predicted tie). loss = Σ cost / Σ weight, pooled over all reviewers (not averaged per
//     reviewer). 0 is the perfect order, 1 the reversed one, a constant predictor gets 0.5.
//   * easy / hard accuracy: the share of triples (r, p, q) with e(p) ≠ e(q) ordered right
//     (d·t > 0; ties count as wrong). "Hard": both ratings ≥ 4; "easy": one ≥ 4 and the other ≤ 2.
//
// Ties are exact equality of the two doubles: scores must not be rounded before evaluation.
// The published figures average the metric over the 10 profile versions d_20_1..d_20_10;
// BootstrapLoss gives the paper's 95% interval over resampled reviewers.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/expertise.h"
#include "util/error.h"

namespace kc::app {

struct GoldRating {
    std::string paper_id;  // Semantic Scholar paper id (40 hex digits) or "no_ss"
    double rating = 0;     // 1.0..5.0
};

// One participant: the papers they rated, in the order of the file.
struct GoldReviewer {
    std::string reviewer_id;  // Semantic Scholar author id
    std::vector<GoldRating> ratings;
};

struct GoldStandard {
    std::vector<GoldReviewer> reviewers;  // in the order of the file
};

// Predicted scores keyed by (reviewer_id, paper_id). Only the rated pairs are read.
using PairScores = std::map<std::pair<std::string, std::string>, double>;

// Reads data/evaluations.csv of the gold standard: tab-separated despite its name, a header
// `ParticipantID Paper1..Paper10 Expertise1..Expertise10`, one line per reviewer; an empty
// PaperX (and ExpertiseX) means fewer papers were rated. Errors (InvalidArgument, or NotFound for
// a missing file) name the file and line: a wrong header or column count, a rating that is not a
// number in [1, 5], a paper without a rating or the reverse, a reviewer or a paper given twice.
[[nodiscard]] Result<GoldStandard> LoadGoldStandard(const std::string& evaluations_tsv);

// Reads predictions written as TSV with the header `reviewer_id paper_id score` (the files of
// derived/baseline_predictions). Scores are parsed exactly, so ties survive. Errors name the file
// and line; a pair given twice is an error.
[[nodiscard]] Result<PairScores> LoadPredictionsTsv(const std::string& path);

struct EvalResult {
    double loss = 0;             // Σ cost / Σ weight; 0.5 when no pair has different ratings
    double easy_accuracy = 0;    // 0 when there is no easy triple
    double hard_accuracy = 0;    // 0 when there is no hard triple
    double loss_sum = 0;         // Σ cost
    double weight_sum = 0;       // Σ |t|
    size_t pair_count = 0;       // unordered pairs of papers rated by one reviewer (1,841)
    size_t tied_pair_count = 0;  // of which with equal ratings (188)
    size_t easy_count = 0;       // 261 on the full data
    size_t easy_correct = 0;
    size_t hard_count = 0;  // 417 on the full data
    size_t hard_correct = 0;
};

// Computes the metric of the header over every reviewer of `gold`. Fails with InvalidArgument
// naming the first rated (reviewer, paper) pair that has no score in `scores`, or a score that
// is NaN.
[[nodiscard]] Result<EvalResult> Evaluate(const GoldStandard& gold, const PairScores& scores);

// The mean of the metrics of several profile versions (each evaluated on its own); counts are
// those of the first version. `results` must not be empty.
[[nodiscard]] EvalResult MeanOfVersions(std::span<const EvalResult> results);

struct BootstrapInterval {
    double low = 0;   // 2.5th percentile of the resampled loss
    double high = 0;  // 97.5th percentile
    size_t samples = 0;
};

// The paper's 95% bootstrap interval of the loss: `samples` times, draws gold.reviewers.size()
// reviewers with replacement (a reviewer drawn k times counts k times in numerator and
// denominator), computes the loss of that multiset on each version of `versions` (one PairScores
// per profile version, the same draw for all) and averages over versions; returns the 2.5th and
// 97.5th percentiles with linear interpolation (numpy's default). A draw in which no pair has
// different ratings has loss 0.5. Deterministic: the draws come from std::mt19937_64 seeded with
// `seed` and an unbiased integer reduction of our own (not std::uniform_int_distribution, whose
// output differs between standard libraries). Fails like Evaluate, or when `versions` is empty,
// `samples` is 0 or `gold` has no reviewer.
[[nodiscard]] Result<BootstrapInterval> BootstrapLoss(const GoldStandard& gold,
                                                      std::span<const PairScores> versions,
                                                      size_t samples, uint64_t seed);

// ---------------------------------------------------------------------------------------------
// The benchmark over the gold-standard directory (../shared/bench/goldstandard): data/
// evaluations.csv, evaluation_datasets/d_20_<v>/ and derived/baseline_predictions/.

struct ExpertiseBenchReport {
    std::vector<int> versions;            // the profile versions run, e.g. 1..10
    std::vector<EvalResult> per_version;  // one per version
    EvalResult mean;                      // MeanOfVersions(per_version)
    BootstrapInterval loss_interval;      // of the mean loss; samples = 0 when not computed
};

struct ExpertiseBenchOptions {
    std::vector<int> versions = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    size_t bootstrap_samples = 1000;  // 0: no interval
    uint64_t seed = 1;
    // Called after each version with its number and result (e.g. to print progress); may be
    // empty.
    std::function<void(int version, const EvalResult& result)> on_version;
};

// The (reviewer, paper) keyed scores of ScoreExpertise output, for Evaluate.
[[nodiscard]] PairScores ToPairScores(const std::vector<ExpertiseScore>& scores);

// Runs ScoreExpertise with `options` on evaluation_datasets/d_20_<v> of `data_dir` for every
// version and evaluates each against data/evaluations.csv. Errors: those of the loaders, of
// ScoreExpertise, and of Evaluate (a rated pair the dataset does not cover).
[[nodiscard]] Result<ExpertiseBenchReport> BenchmarkExpertise(const std::string& data_dir,
                                                              const ExpertiseOptions& options,
                                                              const ExpertiseBenchOptions& bench);

// Evaluates published predictions: `predictions_dir`/<algorithm>_d_20_<v>_ta.tsv for every
// version (the files of derived/baseline_predictions), against data/evaluations.csv of
// `data_dir`.
[[nodiscard]] Result<ExpertiseBenchReport> BenchmarkPublishedPredictions(
    const std::string& data_dir, const std::string& predictions_dir, const std::string& algorithm,
    const ExpertiseBenchOptions& bench);

}  // namespace kc::app
