#include "app/expertise_eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <string_view>

#include "util/file.h"
#include "util/text.h"

namespace kc::app {
namespace {

constexpr size_t kMaxPapersPerReviewer = 10;
constexpr double kHighRating = 4.0;  // "expert": both papers of a hard triple, one of an easy one
constexpr double kLowRating = 2.0;   // the other paper of an easy triple

// Splits `text` into lines (LF or CRLF); a final line end does not start an empty line.
std::vector<std::string_view> SplitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
    std::vector<std::string_view> fields;
    while (true) {
        size_t end = line.find('\t');
        fields.push_back(line.substr(0, end));
        if (end == std::string_view::npos) break;
        line.remove_prefix(end + 1);
    }
    return fields;
}

// Parses a whole double exactly (round-trips what Python's repr wrote), without locale.
Result<double> ParseExactDouble(std::string_view text) {
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (!text.empty() && text.front() == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (text.empty() || ec != std::errc() || ptr != end || std::isnan(value)) {
        return Fail(Error::InvalidArgument(
            fmt::format("expected a number such as 4.25, got {}", QuoteForMessage(text))));
    }
    return value;
}

// The loss contributions of one reviewer: Σ cost and Σ weight over their pairs.
struct ReviewerLoss {
    double loss_sum = 0;
    double weight_sum = 0;
};

// Looks up every rated pair of `reviewer`; fails naming the first missing one.
Result<std::vector<double>> ReviewerScores(const GoldReviewer& reviewer, const PairScores& scores) {
    std::vector<double> result;
    result.reserve(reviewer.ratings.size());
    for (const GoldRating& rating : reviewer.ratings) {
        auto it = scores.find({reviewer.reviewer_id, rating.paper_id});
        if (it == scores.end()) {
            return Fail(Error::InvalidArgument(
                fmt::format("no predicted score for the rated pair (reviewer {}, paper {})",
                            reviewer.reviewer_id, rating.paper_id)));
        }
        if (std::isnan(it->second)) {
            return Fail(Error::InvalidArgument(
                fmt::format("the predicted score of (reviewer {}, paper {}) is NaN",
                            reviewer.reviewer_id, rating.paper_id)));
        }
        result.push_back(it->second);
    }
    return result;
}

// Adds the pairs of one reviewer to `totals` and returns their loss contributions.
ReviewerLoss AccumulateReviewer(const GoldReviewer& reviewer, const std::vector<double>& predicted,
                                EvalResult& totals) {
    ReviewerLoss reviewer_loss;
    const auto& ratings = reviewer.ratings;
    for (size_t first = 0; first < ratings.size(); ++first) {
        for (size_t second = first + 1; second < ratings.size(); ++second) {
            const double truth = ratings[first].rating - ratings[second].rating;
            const double guess = predicted[first] - predicted[second];
            const double weight = std::abs(truth);
            ++totals.pair_count;
            if (truth == 0) {
                ++totals.tied_pair_count;
                continue;
            }
            reviewer_loss.weight_sum += weight;
            const double product = guess * truth;
            if (product == 0) {
                reviewer_loss.loss_sum += weight / 2;
            } else if (product < 0) {
                reviewer_loss.loss_sum += weight;
            }
            const double low = std::min(ratings[first].rating, ratings[second].rating);
            const double high = std::max(ratings[first].rating, ratings[second].rating);
            const bool correct = product > 0;
            if (low >= kHighRating) {
                ++totals.hard_count;
                if (correct) ++totals.hard_correct;
            } else if (high >= kHighRating && low <= kLowRating) {
                ++totals.easy_count;
                if (correct) ++totals.easy_correct;
            }
        }
    }
    totals.loss_sum += reviewer_loss.loss_sum;
    totals.weight_sum += reviewer_loss.weight_sum;
    return reviewer_loss;
}

double Ratio(double numerator, double denominator, double if_empty) {
    return denominator > 0 ? numerator / denominator : if_empty;
}

// Evaluates and also returns each reviewer's loss contributions (in the order of gold).
Result<std::pair<EvalResult, std::vector<ReviewerLoss>>> EvaluateDetailed(
    const GoldStandard& gold, const PairScores& scores) {
    EvalResult result;
    std::vector<ReviewerLoss> per_reviewer;
    per_reviewer.reserve(gold.reviewers.size());
    for (const GoldReviewer& reviewer : gold.reviewers) {
        KC_ASSIGN_OR_RETURN(std::vector<double> predicted, ReviewerScores(reviewer, scores));
        per_reviewer.push_back(AccumulateReviewer(reviewer, predicted, result));
    }
    result.loss = Ratio(result.loss_sum, result.weight_sum, 0.5);
    result.easy_accuracy =
        Ratio(static_cast<double>(result.easy_correct), static_cast<double>(result.easy_count), 0);
    result.hard_accuracy =
        Ratio(static_cast<double>(result.hard_correct), static_cast<double>(result.hard_count), 0);
    return std::pair{result, std::move(per_reviewer)};
}

// A uniform integer in [0, bound) from `engine`, unbiased by rejection: raw values at or above
// the largest multiple of `bound` are drawn again, the rest are reduced modulo `bound`.
uint64_t UniformBelow(std::mt19937_64& engine, uint64_t bound) {
    const uint64_t limit =
        std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
    while (true) {
        const uint64_t value = engine();
        if (value < limit) return value % bound;
    }
}

// numpy.percentile with the default linear interpolation, over sorted `values`.
double Percentile(const std::vector<double>& sorted, double percent) {
    const double position = percent / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

}  // namespace

Result<GoldStandard> LoadGoldStandard(const std::string& evaluations_tsv) {
    KC_ASSIGN_OR_RETURN(std::string text, ReadFile(evaluations_tsv));
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    const std::vector<std::string_view> lines = SplitLines(text);
    auto located = [&](size_t line_idx, const std::string& message) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}:{}: {}", evaluations_tsv, line_idx + 1, message)));
    };
    if (lines.empty()) return located(0, "empty file, expected a header line");

    std::vector<std::string> expected_header = {"ParticipantID"};
    for (size_t idx = 1; idx <= kMaxPapersPerReviewer; ++idx) {
        expected_header.push_back(fmt::format("Paper{}", idx));
    }
    for (size_t idx = 1; idx <= kMaxPapersPerReviewer; ++idx) {
        expected_header.push_back(fmt::format("Expertise{}", idx));
    }
    const std::vector<std::string_view> header = SplitTabs(lines[0]);
    if (!std::equal(header.begin(), header.end(), expected_header.begin(), expected_header.end())) {
        return located(0, fmt::format("expected the tab-separated header {}, got {}",
                                      QuoteForMessage(JoinList(expected_header, "\\t")),
                                      QuoteForMessage(lines[0])));
    }

    GoldStandard gold;
    std::set<std::string> seen_reviewers;
    for (size_t line_idx = 1; line_idx < lines.size(); ++line_idx) {
        if (Trim(lines[line_idx]).empty()) continue;
        const std::vector<std::string_view> fields = SplitTabs(lines[line_idx]);
        if (fields.size() != expected_header.size()) {
            return located(line_idx, fmt::format("expected {} tab-separated fields, got {}",
                                                 expected_header.size(), fields.size()));
        }
        GoldReviewer reviewer;
        reviewer.reviewer_id = std::string(Trim(fields[0]));
        if (reviewer.reviewer_id.empty()) return located(line_idx, "empty ParticipantID");
        if (!seen_reviewers.insert(reviewer.reviewer_id).second) {
            return located(line_idx,
                           fmt::format("reviewer {} is listed twice", reviewer.reviewer_id));
        }
        std::set<std::string> seen_papers;
        for (size_t paper_idx = 0; paper_idx < kMaxPapersPerReviewer; ++paper_idx) {
            const std::string_view paper = Trim(fields[1 + paper_idx]);
            const std::string_view rating_text =
                Trim(fields[1 + kMaxPapersPerReviewer + paper_idx]);
            if (paper.empty() && rating_text.empty()) continue;
            if (paper.empty() || rating_text.empty()) {
                return located(line_idx, fmt::format("Paper{0} and Expertise{0} must be both "
                                                     "given or both empty",
                                                     paper_idx + 1));
            }
            auto rating = ParseExactDouble(rating_text);
            if (!rating || *rating < 1.0 || *rating > 5.0) {
                return located(line_idx,
                               fmt::format("Expertise{}: expected a rating from 1 to 5, got {}",
                                           paper_idx + 1, QuoteForMessage(rating_text)));
            }
            if (!seen_papers.insert(std::string(paper)).second) {
                return located(line_idx, fmt::format("paper {} is rated twice", paper));
            }
            reviewer.ratings.push_back({std::string(paper), *rating});
        }
        gold.reviewers.push_back(std::move(reviewer));
    }
    if (gold.reviewers.empty()) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: no reviewer line after the header", evaluations_tsv)));
    }
    return gold;
}

Result<PairScores> LoadPredictionsTsv(const std::string& path) {
    KC_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    const std::vector<std::string_view> lines = SplitLines(text);
    auto located = [&](size_t line_idx, const std::string& message) {
        return Fail(Error::InvalidArgument(fmt::format("{}:{}: {}", path, line_idx + 1, message)));
    };
    if (lines.empty() || lines[0] != "reviewer_id\tpaper_id\tscore") {
        return located(0, fmt::format("expected the header \"reviewer_id\\tpaper_id\\tscore\", "
                                      "got {}",
                                      QuoteForMessage(lines.empty() ? "" : lines[0])));
    }
    PairScores scores;
    for (size_t line_idx = 1; line_idx < lines.size(); ++line_idx) {
        if (lines[line_idx].empty()) continue;
        const std::vector<std::string_view> fields = SplitTabs(lines[line_idx]);
        if (fields.size() != 3) {
            return located(line_idx,
                           fmt::format("expected 3 tab-separated fields, got {}", fields.size()));
        }
        auto score = ParseExactDouble(fields[2]);
        if (!score) return located(line_idx, "score: " + score.error().message);
        auto [it, inserted] =
            scores.emplace(std::pair{std::string(fields[0]), std::string(fields[1])}, *score);
        if (!inserted) {
            return located(line_idx, fmt::format("pair (reviewer {}, paper {}) given twice",
                                                 fields[0], fields[1]));
        }
    }
    return scores;
}

Result<EvalResult> Evaluate(const GoldStandard& gold, const PairScores& scores) {
    KC_ASSIGN_OR_RETURN(auto detailed, EvaluateDetailed(gold, scores));
    return detailed.first;
}

EvalResult MeanOfVersions(std::span<const EvalResult> results) {
    KC_CHECK(!results.empty(), "MeanOfVersions needs at least one version");
    EvalResult mean = results.front();
    mean.loss = mean.easy_accuracy = mean.hard_accuracy = mean.loss_sum = mean.weight_sum = 0;
    for (const EvalResult& result : results) {
        mean.loss += result.loss;
        mean.easy_accuracy += result.easy_accuracy;
        mean.hard_accuracy += result.hard_accuracy;
        mean.loss_sum += result.loss_sum;
        mean.weight_sum += result.weight_sum;
    }
    const auto count = static_cast<double>(results.size());
    mean.loss /= count;
    mean.easy_accuracy /= count;
    mean.hard_accuracy /= count;
    mean.loss_sum /= count;
    mean.weight_sum /= count;
    return mean;
}

Result<BootstrapInterval> BootstrapLoss(const GoldStandard& gold,
                                        std::span<const PairScores> versions, size_t samples,
                                        uint64_t seed) {
    if (versions.empty()) {
        return Fail(Error::InvalidArgument("bootstrap needs at least one version of scores"));
    }
    if (samples == 0) return Fail(Error::InvalidArgument("bootstrap needs samples >= 1, got 0"));
    if (gold.reviewers.empty()) return Fail(Error::InvalidArgument("no reviewer to resample"));

    std::vector<std::vector<ReviewerLoss>> per_version;
    per_version.reserve(versions.size());
    for (const PairScores& scores : versions) {
        KC_ASSIGN_OR_RETURN(auto detailed, EvaluateDetailed(gold, scores));
        per_version.push_back(std::move(detailed.second));
    }

    const size_t reviewer_count = gold.reviewers.size();
    std::mt19937_64 engine(seed);
    std::vector<size_t> draw(reviewer_count);
    std::vector<double> losses;
    losses.reserve(samples);
    for (size_t sample = 0; sample < samples; ++sample) {
        for (size_t& reviewer_idx : draw) {
            reviewer_idx = static_cast<size_t>(UniformBelow(engine, reviewer_count));
        }
        double mean_loss = 0;
        for (const auto& reviewer_losses : per_version) {
            ReviewerLoss total;
            for (size_t reviewer_idx : draw) {
                total.loss_sum += reviewer_losses[reviewer_idx].loss_sum;
                total.weight_sum += reviewer_losses[reviewer_idx].weight_sum;
            }
            mean_loss += Ratio(total.loss_sum, total.weight_sum, 0.5);
        }
        losses.push_back(mean_loss / static_cast<double>(per_version.size()));
    }
    std::sort(losses.begin(), losses.end());
    return BootstrapInterval{Percentile(losses, 2.5), Percentile(losses, 97.5), samples};
}

PairScores ToPairScores(const std::vector<ExpertiseScore>& scores) {
    PairScores pairs;
    for (const ExpertiseScore& score : scores) {
        pairs[{score.profile_id, score.submission_id}] = score.score;
    }
    return pairs;
}

namespace {

// Builds the report from every version's scores and results.
Result<ExpertiseBenchReport> FinishReport(const GoldStandard& gold,
                                          std::vector<PairScores> versions_scores,
                                          const ExpertiseBenchOptions& bench,
                                          std::vector<EvalResult> per_version) {
    ExpertiseBenchReport report;
    report.versions = bench.versions;
    report.per_version = std::move(per_version);
    report.mean = MeanOfVersions(report.per_version);
    if (bench.bootstrap_samples > 0) {
        KC_ASSIGN_OR_RETURN(
            report.loss_interval,
            BootstrapLoss(gold, versions_scores, bench.bootstrap_samples, bench.seed));
    }
    return report;
}

Status CheckBench(const ExpertiseBenchOptions& bench) {
    if (bench.versions.empty()) {
        return Fail(Error::InvalidArgument("the benchmark needs at least one version"));
    }
    return {};
}

}  // namespace

namespace {

// Evaluates the scores `scores_of(version)` gives for each profile version and finishes the
// report: the one loop behind both benchmarks.
Result<ExpertiseBenchReport> BenchmarkVersions(
    const std::string& data_dir, const ExpertiseBenchOptions& bench,
    const std::function<Result<PairScores>(int version)>& scores_of) {
    KC_RETURN_IF_ERROR(CheckBench(bench));
    KC_ASSIGN_OR_RETURN(GoldStandard gold, LoadGoldStandard(data_dir + "/data/evaluations.csv"));
    std::vector<PairScores> versions_scores;
    std::vector<EvalResult> per_version;
    for (int version : bench.versions) {
        KC_ASSIGN_OR_RETURN(PairScores pairs, scores_of(version));
        KC_ASSIGN_OR_RETURN(EvalResult result, Evaluate(gold, pairs));
        if (bench.on_version) bench.on_version(version, result);
        per_version.push_back(result);
        versions_scores.push_back(std::move(pairs));
    }
    return FinishReport(gold, std::move(versions_scores), bench, std::move(per_version));
}

}  // namespace

Result<ExpertiseBenchReport> BenchmarkExpertise(const std::string& data_dir,
                                                const ExpertiseOptions& options,
                                                const ExpertiseBenchOptions& bench) {
    return BenchmarkVersions(data_dir, bench, [&](int version) -> Result<PairScores> {
        const std::string dir = fmt::format("{}/evaluation_datasets/d_20_{}", data_dir, version);
        KC_ASSIGN_OR_RETURN(ExpertiseInput input,
                            LoadOpenReviewExpertise(dir + "/archives", dir + "/submissions.json"));
        KC_ASSIGN_OR_RETURN(std::vector<ExpertiseScore> scores, ScoreExpertise(input, options));
        return ToPairScores(scores);
    });
}

Result<ExpertiseBenchReport> BenchmarkPublishedPredictions(const std::string& data_dir,
                                                           const std::string& predictions_dir,
                                                           const std::string& algorithm,
                                                           const ExpertiseBenchOptions& bench) {
    return BenchmarkVersions(data_dir, bench, [&](int version) {
        return LoadPredictionsTsv(
            fmt::format("{}/{}_d_20_{}_ta.tsv", predictions_dir, algorithm, version));
    });
}

}  // namespace kc::app
