#pragma once

// Reviewer-expertise scoring (目利き): how well each reviewer can judge each submission, from the
// text of the reviewer's own papers. Input and output follow openreview-expertise, so the same
// data runs through both:
//
//   archives/~<profile>.jsonl   one reviewer per file, one paper per line:
//                               {"id": "...", "content": {"title": "...", "abstract": "..." or
//                               null, "year": 2021, ...}}
//   submissions.json            {"<id>": {"id": "<id>", "content": {...}}, ...}
//   scores.csv                  submission_id,profile_id,score — one line per pair, no header
//
// Method (the defaults of ExpertiseOptions): every title and abstract goes through the text
// engine (Japanese via MeCab, English stemmed, stop words dropped); the match engine indexes the
// submissions, and each paper of a reviewer queries that index with BM25 (k1 = 2, b = 1); each
// per-paper score is divided by the square root of the paper's term count, and the reviewer's
// score for a submission is the mean over their papers. On the gold standard of Stelmakh et al.
// this gives a mean loss of 0.2254 over d_20_1..10 (TPMS: 0.2811, SPECTER+MFR: 0.2384); every
// variant tried is in docs/performance.md, "Reviewer expertise". The benchmark measures only
// the order of each reviewer's scores; their scale differs between reviewers (a reviewer with
// longer papers scores higher everywhere), so an assignment should normalise per reviewer.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace kc::app {

// One paper: of a reviewer's archive or a submission.
struct ExpertisePaper {
    std::string id;
    std::string title;
    std::string abstract;     // empty when the archive has null
    std::optional<int> year;  // publication year, when given
};

// A reviewer and their papers (the "archive"), in file order.
struct ExpertiseProfile {
    std::string id;  // the file name without the leading '~' and ".jsonl"
    std::vector<ExpertisePaper> papers;
};

struct ExpertiseInput {
    std::vector<ExpertiseProfile> profiles;   // sorted by id
    std::vector<ExpertisePaper> submissions;  // sorted by id
};

// Reads an OpenReview-expertise dataset: every `*.jsonl` file of `archives_dir` (other files are
// ignored) and the `submissions_file` JSON object. `content` fields may be plain values or
// OpenReview API v2 objects ({"value": ...}); title and abstract may be null or missing; a
// non-integer year is ignored. Blank lines of a .jsonl file are skipped. A profile with no paper
// is kept (its scores are all 0).
// Errors: NotFound for a missing directory or file; InvalidArgument, located as "file:line" (or
// "file:line:column" for JSON syntax), for bad JSON, a line that is not an object with a string
// "id" and an object "content", a title or abstract that is not a string, two files naming the
// same profile, an archive directory without any .jsonl file, or no submission.
[[nodiscard]] Result<ExpertiseInput> LoadOpenReviewExpertise(const std::string& archives_dir,
                                                             const std::string& submissions_file);

enum class ExpertiseModel {
    kBm25,   // Okapi BM25 (k1, b below)
    kTfIdf,  // TF-IDF cosine (log tf, smoothed idf), close to TPMS
};

// Which side is indexed and which side queries it.
enum class ExpertiseDirection {
    // Index the submissions; each reviewer paper is a query. For one reviewer every submission
    // then answers the same queries, so BM25 scores of one reviewer are comparable across
    // submissions — which is what a reviewer's ranking needs.
    kReviewerQueries,
    // Index the reviewer papers; each submission is a query (TPMS, openreview-expertise). BM25
    // scores then grow with the submission's length, which blurs one reviewer's ranking.
    kSubmissionQueries,
    // Both, z-scored per reviewer and averaged.
    kBoth,
};

// How the per-paper scores of one reviewer become one score.
enum class ExpertiseAggregate {
    kMax,   // the best-matching paper
    kMean,  // the mean over all papers
    kTopK,  // the mean of the top_k best-matching papers
    // No per-paper scores: the reviewer's papers are concatenated into one document (TPMS).
    // recency_half_life does not apply.
    kConcatenate,
};

using ExpertiseProgressFn = std::function<void(size_t done, size_t total)>;

// The defaults are the best variant measured on the gold standard (mean loss over d_20_1..10;
// docs/performance.md has the table of every variant tried).
struct ExpertiseOptions {
    ExpertiseModel model = ExpertiseModel::kBm25;
    ExpertiseDirection direction = ExpertiseDirection::kReviewerQueries;
    ExpertiseAggregate aggregate = ExpertiseAggregate::kMean;
    size_t top_k = 3;  // for kTopK; >= 1

    // Title terms count this many times (rounded to a whole number of repeats, 0..16; 0 drops
    // the title). Above 1 it hurt on the gold standard.
    double title_weight = 1.0;

    // BM25 term-frequency saturation (finite, >= 0) and length normalisation (0..1). Full length
    // normalisation (b = 1) suits kReviewerQueries, where the indexed submissions differ in length
    // and the query is fixed.
    double k1 = 2.0;
    double b = 1.0;

    // Also put the other side's papers in the index (as documents of no profile), so idf and the
    // average length are computed over reviewer papers and submissions together.
    bool idf_over_both = false;

    // Divide each per-paper score by (terms in the query)^query_length_norm, so that a long
    // query (a reviewer paper with a long abstract, or a long submission) does not outweigh a
    // short one merely by having more terms to match. 0 = off, 1 = the mean per query term.
    double query_length_norm = 0.5;

    // Add adjacent term pairs ("neural_network") as extra terms.
    bool bigrams = false;

    // Halve a reviewer paper's score for every `recency_half_life` years it is older than the
    // reviewer's newest paper (papers without a year count as newest); 0 = off.
    double recency_half_life = 0;

    // Z-score each submission's scores over the reviewers before anything else (per-submission
    // normalisation); mostly for kSubmissionQueries.
    bool normalize_per_submission = false;

    // Blend with the other model: score = (1 - blend) * z(model) + blend * z(other model), each
    // z-scored per reviewer over all submissions. 0 = off; in [0, 1].
    double blend = 0;

    size_t threads = 0;  // 0: all hardware threads; the result never depends on it
    // Rows done / total, a row being one reviewer (kReviewerQueries) or one submission
    // (kSubmissionQueries) of one pass (blend and kBoth run several). May be empty. Called from
    // worker threads, one call at a time.
    ExpertiseProgressFn progress;
};

struct ExpertiseScore {
    std::string submission_id;
    std::string profile_id;
    double score = 0;
};

// Scores every (submission, profile) pair of `input`: for submission s and reviewer r, the
// relevance of each of r's papers to s, aggregated over r's papers. Returned in submission order,
// then profile order (input.submissions.size() × input.profiles.size() entries). Deterministic.
// Errors: InvalidArgument for bad options; errors of the text or match engine.
[[nodiscard]] Result<std::vector<ExpertiseScore>> ScoreExpertise(const ExpertiseInput& input,
                                                                 const ExpertiseOptions& options);

// Writes `scores` as `submission_id,profile_id,score` lines (LF, no header — the format of
// openreview-expertise's SPECTER, ELMo and TF-IDF models), scores with 17 significant digits so
// that they read back as the same doubles and ties survive. Ids with ',', '"' or line breaks are
// quoted as in RFC 4180. Errors: Unavailable when the file cannot be written.
[[nodiscard]] Status WriteExpertiseCsv(const std::string& path,
                                       const std::vector<ExpertiseScore>& scores);

}  // namespace kc::app
