#include "app/expertise.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <span>
#include <sstream>
#include <string_view>
#include <thread>

#include "engines/match/index.h"
#include "engines/text/analyzer.h"
#include "util/csv.h"
#include "util/file.h"
#include "util/text.h"

namespace kc::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Parses `text` as JSON. A syntax error becomes "<where>:<line>:<column>: invalid JSON: ...",
// with the line and column counted from `first_line` inside `text`.
Result<json> ParseJson(std::string_view text, const std::string& file, size_t first_line) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& error) {
        // error.byte is the 1-based offset of the byte at which parsing failed.
        const size_t offset = std::min(error.byte > 0 ? error.byte - 1 : 0, text.size());
        const std::string_view before = text.substr(0, offset);
        const size_t line =
            first_line + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
        const size_t line_start = before.rfind('\n');
        const size_t column =
            offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        std::string what = error.what();
        // nlohmann's message repeats the position; keep its explanation only.
        if (auto colon = what.find("syntax error"); colon != std::string::npos) {
            what = what.substr(colon);
        }
        return Fail(Error::InvalidArgument(
            fmt::format("{}:{}:{}: invalid JSON: {}", file, line, column, what)));
    } catch (const json::exception& error) {  // e.g. a number out of range
        return Fail(Error::InvalidArgument(
            fmt::format("{}:{}: invalid JSON: {}", file, first_line, error.what())));
    }
}

// A `content` field: a plain value or an OpenReview API v2 object {"value": ...}.
const json* ContentField(const json& content, const char* name) {
    auto it = content.find(name);
    if (it == content.end()) return nullptr;
    if (it->is_object()) {
        auto value = it->find("value");
        return value == it->end() ? nullptr : &*value;
    }
    return &*it;
}

// Converts one note ({"id", "content"}) into a paper; `where` locates it in messages.
Result<ExpertisePaper> PaperFromNote(const json& note, const std::string& where,
                                     const std::string* fallback_id) {
    if (!note.is_object()) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: expected an object {{\"id\", \"content\"}}, got {}", where, note.type_name())));
    }
    ExpertisePaper paper;
    auto id = note.find("id");
    if (id != note.end() && id->is_string()) {
        paper.id = id->get<std::string>();
    } else if (id == note.end() && fallback_id != nullptr) {
        paper.id = *fallback_id;
    } else {
        return Fail(
            Error::InvalidArgument(fmt::format("{}: expected a string \"id\", got {}", where,
                                               id == note.end() ? "nothing" : id->type_name())));
    }
    if (paper.id.empty()) {
        return Fail(Error::InvalidArgument(fmt::format("{}: \"id\" is empty", where)));
    }
    auto content = note.find("content");
    if (content == note.end() || !content->is_object()) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: paper {}: expected an object \"content\", got {}", where, paper.id,
                        content == note.end() ? "nothing" : content->type_name())));
    }
    for (auto [name, target] :
         {std::pair{"title", &paper.title}, std::pair{"abstract", &paper.abstract}}) {
        const json* value = ContentField(*content, name);
        if (value == nullptr || value->is_null()) continue;
        if (!value->is_string()) {
            return Fail(Error::InvalidArgument(
                fmt::format("{}: paper {}: content.{}: expected a string or null, got {}", where,
                            paper.id, name, value->type_name())));
        }
        *target = value->get<std::string>();
    }
    if (const json* year = ContentField(*content, "year");
        year != nullptr && year->is_number_integer()) {
        paper.year = year->get<int>();
    }
    return paper;
}

Result<ExpertiseProfile> LoadArchive(const fs::path& path, std::string profile_id) {
    const std::string file = path.string();
    KC_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
    ExpertiseProfile profile{std::move(profile_id), {}};
    std::string_view rest = text;
    size_t line_number = 0;
    while (!rest.empty()) {
        ++line_number;
        const size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
        if (Trim(line).empty()) continue;
        KC_ASSIGN_OR_RETURN(json note, ParseJson(line, file, line_number));
        KC_ASSIGN_OR_RETURN(ExpertisePaper paper,
                            PaperFromNote(note, fmt::format("{}:{}", file, line_number), nullptr));
        profile.papers.push_back(std::move(paper));
    }
    return profile;
}

// ---------------------------------------------------------------------------------------------
// Scoring

namespace text = engines::text;
namespace match = engines::match;

constexpr double kMaxTitleWeight = 16;

Status CheckOptions(const ExpertiseOptions& options) {
    std::vector<FieldError> fields;
    auto bad = [&](std::string path, std::string expected, double got) {
        fields.push_back({std::move(path), std::move(expected), fmt::format("{}", got)});
    };
    if (options.aggregate == ExpertiseAggregate::kTopK && options.top_k == 0) {
        bad("top_k", "an integer >= 1", 0);
    }
    if (!std::isfinite(options.title_weight) || options.title_weight < 0 ||
        options.title_weight > kMaxTitleWeight) {
        bad("title_weight", "a number from 0 to 16", options.title_weight);
    }
    if (!std::isfinite(options.k1) || options.k1 < 0) bad("k1", "a number >= 0", options.k1);
    if (!(options.b >= 0 && options.b <= 1)) bad("b", "a number from 0 to 1", options.b);
    if (!std::isfinite(options.recency_half_life) || options.recency_half_life < 0) {
        bad("recency_half_life", "a number of years >= 0 (0 = off)", options.recency_half_life);
    }
    if (!(options.query_length_norm >= 0 && options.query_length_norm <= 4)) {
        bad("query_length_norm", "a number from 0 to 4", options.query_length_norm);
    }
    if (!(options.blend >= 0 && options.blend <= 1)) {
        bad("blend", "a number from 0 to 1", options.blend);
    }
    if (!fields.empty()) return Fail(Error::Fields("invalid expertise options", std::move(fields)));
    return {};
}

// Runs fn(worker, item) for every item in [0, count) on up to `threads` threads (worker <
// threads). Each item is processed exactly once; which worker takes it does not matter to the
// caller's results, which are written per item.
void ParallelFor(size_t count, size_t threads, const std::function<void(size_t, size_t)>& fn) {
    threads = std::max<size_t>(1, std::min(threads, count));
    if (threads == 1) {
        for (size_t item = 0; item < count; ++item) fn(0, item);
        return;
    }
    std::atomic<size_t> next{0};
    std::vector<std::jthread> workers;
    workers.reserve(threads);
    for (size_t worker = 0; worker < threads; ++worker) {
        workers.emplace_back([&, worker] {
            for (size_t item = next++; item < count; item = next++) fn(worker, item);
        });
    }
}

// The terms of one field, plus adjacent pairs "a_b" of words that follow each other in the text
// (a Japanese compound and its first part share a position and are not paired).
void AppendFieldTerms(const std::vector<text::Token>& tokens, size_t repeats, bool bigrams,
                      std::vector<std::string>& out) {
    std::vector<std::string> terms;
    terms.reserve(tokens.size() * (bigrams ? 2 : 1));
    for (const text::Token& token : tokens) terms.push_back(token.term);
    if (bigrams) {
        for (size_t idx = 0; idx + 1 < tokens.size(); ++idx) {
            if (tokens[idx + 1].position == tokens[idx].position + 1) {
                terms.push_back(tokens[idx].term + "_" + tokens[idx + 1].term);
            }
        }
    }
    for (size_t repeat = 0; repeat < repeats; ++repeat) {
        out.insert(out.end(), terms.begin(), terms.end());
    }
}

match::Document AnalyzePaper(const text::Analyzer& analyzer, const ExpertisePaper& paper,
                             const ExpertiseOptions& options) {
    match::Document document;
    const auto title_repeats = static_cast<size_t>(std::llround(options.title_weight));
    if (title_repeats > 0) {
        AppendFieldTerms(analyzer.Analyze(paper.title), title_repeats, options.bigrams,
                         document.terms);
    }
    AppendFieldTerms(analyzer.Analyze(paper.abstract), 1, options.bigrams, document.terms);
    return document;
}

// Everything a model pass needs: the documents (submissions first, then every reviewer paper
// profile by profile), where each profile's papers start, and each paper's recency weight.
struct Corpus {
    std::vector<match::Document> docs;
    size_t submission_count = 0;
    std::vector<size_t> profile_starts;  // into the papers; profiles + 1 entries
    std::vector<double> paper_weights;   // one per paper
    std::vector<double> query_scales;    // per doc: 1 / (its term count)^query_length_norm

    std::span<const match::Document> Submissions() const {
        return std::span(docs).first(submission_count);
    }
    std::span<const match::Document> Papers() const {
        return std::span(docs).subspan(submission_count);
    }
    size_t ProfileCount() const { return profile_starts.size() - 1; }
};

std::vector<double> RecencyWeights(const ExpertiseProfile& profile, double half_life) {
    std::vector<double> weights(profile.papers.size(), 1.0);
    if (half_life <= 0) return weights;
    std::optional<int> newest;
    for (const ExpertisePaper& paper : profile.papers) {
        if (paper.year && (!newest || *paper.year > *newest)) newest = paper.year;
    }
    for (size_t idx = 0; idx < weights.size(); ++idx) {
        const auto& year = profile.papers[idx].year;
        if (year && newest) {
            weights[idx] = std::exp2(-static_cast<double>(*newest - *year) / half_life);
        }
    }
    return weights;
}

Result<Corpus> BuildCorpus(const ExpertiseInput& input, const ExpertiseOptions& options,
                           size_t threads) {
    KC_ASSIGN_OR_RETURN(std::unique_ptr<text::Analyzer> analyzer, text::Analyzer::Create());
    Corpus corpus;
    corpus.submission_count = input.submissions.size();
    std::vector<const ExpertisePaper*> papers;
    for (const ExpertisePaper& paper : input.submissions) papers.push_back(&paper);
    corpus.profile_starts.push_back(0);
    for (const ExpertiseProfile& profile : input.profiles) {
        for (const ExpertisePaper& paper : profile.papers) papers.push_back(&paper);
        corpus.profile_starts.push_back(corpus.profile_starts.back() + profile.papers.size());
        for (double weight : RecencyWeights(profile, options.recency_half_life)) {
            corpus.paper_weights.push_back(weight);
        }
    }
    corpus.docs.resize(papers.size());
    ParallelFor(papers.size(), threads, [&](size_t, size_t idx) {
        corpus.docs[idx] = AnalyzePaper(*analyzer, *papers[idx], options);
    });
    if (options.aggregate == ExpertiseAggregate::kConcatenate) {
        // One document per profile, in place of its papers.
        const size_t profile_count = corpus.ProfileCount();
        std::vector<match::Document> profile_docs(profile_count);
        for (size_t profile = 0; profile < profile_count; ++profile) {
            for (size_t paper = corpus.profile_starts[profile];
                 paper < corpus.profile_starts[profile + 1]; ++paper) {
                auto& terms = corpus.docs[corpus.submission_count + paper].terms;
                profile_docs[profile].terms.insert(profile_docs[profile].terms.end(),
                                                   std::make_move_iterator(terms.begin()),
                                                   std::make_move_iterator(terms.end()));
            }
        }
        corpus.docs.resize(corpus.submission_count);
        std::move(profile_docs.begin(), profile_docs.end(), std::back_inserter(corpus.docs));
        for (size_t profile = 0; profile <= profile_count; ++profile) {
            corpus.profile_starts[profile] = profile;
        }
        corpus.paper_weights.assign(profile_count, 1.0);
    }
    for (const match::Document& doc : corpus.docs) {
        const auto length = static_cast<double>(std::max<size_t>(doc.terms.size(), 1));
        corpus.query_scales.push_back(std::pow(length, -options.query_length_norm));
    }
    return corpus;
}

// Aggregates the weighted per-paper scores of one reviewer (reorders `values`).
double AggregateScores(std::span<double> values, const ExpertiseOptions& options) {
    if (values.empty()) return 0;
    switch (options.aggregate) {
        case ExpertiseAggregate::kMax:
        case ExpertiseAggregate::kConcatenate:  // one value: the profile's document
            return *std::max_element(values.begin(), values.end());
        case ExpertiseAggregate::kMean: {
            double sum = 0;
            for (double value : values) sum += value;
            return sum / static_cast<double>(values.size());
        }
        case ExpertiseAggregate::kTopK: {
            const size_t count = std::min(options.top_k, values.size());
            const auto middle = values.begin() + static_cast<ptrdiff_t>(count);
            std::partial_sort(values.begin(), middle, values.end(), std::greater<>());
            double sum = 0;
            for (auto it = values.begin(); it != middle; ++it) sum += *it;
            return sum / static_cast<double>(count);
        }
    }
    return 0;
}

// Calls progress one call at a time, with a running count.
class ProgressCounter {
  public:
    ProgressCounter(const ExpertiseProgressFn& progress, size_t total)
        : progress_(progress), total_(total) {}
    void Step() {
        if (!progress_) return;
        std::lock_guard lock(mutex_);
        progress_(++done_, total_);
    }

  private:
    const ExpertiseProgressFn& progress_;
    size_t total_;
    size_t done_ = 0;
    std::mutex mutex_;
};

// One model's scores, flat: [submission * profiles + profile].
std::vector<double> ModelScores(const Corpus& corpus, ExpertiseModel model,
                                const ExpertiseOptions& options, size_t threads,
                                ProgressCounter& progress) {
    const size_t submission_count = corpus.submission_count;
    const size_t profile_count = corpus.ProfileCount();
    std::vector<double> scores(submission_count * profile_count, 0.0);
    if (submission_count == 0 || profile_count == 0) return scores;

    match::IndexOptions index_options;
    index_options.model =
        model == ExpertiseModel::kBm25 ? match::Model::kBm25 : match::Model::kTfIdfCosine;
    index_options.k1 = options.k1;
    index_options.b = options.b;
    index_options.threads = static_cast<int>(threads);
    index_options.keep_surfaces = false;
    const bool reviewer_queries = options.direction == ExpertiseDirection::kReviewerQueries;
    // Index ids: with idf_over_both the whole corpus (submissions first), else one side.
    std::span<const match::Document> indexed =
        options.idf_over_both ? std::span<const match::Document>(corpus.docs)
                              : (reviewer_queries ? corpus.Submissions() : corpus.Papers());
    const size_t paper_offset = options.idf_over_both ? submission_count : 0;
    if (indexed.empty()) return scores;  // no reviewer has a paper: every score is 0
    const match::Index index = match::Index::Build(indexed, index_options);
    std::vector<match::Searcher> searchers;
    for (size_t worker = 0; worker < threads; ++worker) searchers.emplace_back(index);

    if (reviewer_queries) {
        // Submission s is index doc s in both layouts.
        ParallelFor(profile_count, threads, [&](size_t worker, size_t profile) {
            const size_t first = corpus.profile_starts[profile];
            const size_t count = corpus.profile_starts[profile + 1] - first;
            std::vector<double> per_paper(count * submission_count);  // [paper][submission]
            for (size_t paper = 0; paper < count; ++paper) {
                std::span<const double> all =
                    searchers[worker].ScoreAll(corpus.Papers()[first + paper]);
                const double weight = corpus.paper_weights[first + paper] *
                                      corpus.query_scales[submission_count + first + paper];
                for (size_t sub = 0; sub < submission_count; ++sub) {
                    per_paper[paper * submission_count + sub] = all[sub] * weight;
                }
            }
            std::vector<double> column(count);
            for (size_t sub = 0; sub < submission_count; ++sub) {
                for (size_t paper = 0; paper < count; ++paper) {
                    column[paper] = per_paper[paper * submission_count + sub];
                }
                scores[sub * profile_count + profile] = AggregateScores(column, options);
            }
            progress.Step();
        });
    } else {
        ParallelFor(submission_count, threads, [&](size_t worker, size_t sub) {
            std::span<const double> all = searchers[worker].ScoreAll(corpus.Submissions()[sub]);
            const double scale = corpus.query_scales[sub];
            std::vector<double> values;
            for (size_t profile = 0; profile < profile_count; ++profile) {
                values.clear();
                for (size_t paper = corpus.profile_starts[profile];
                     paper < corpus.profile_starts[profile + 1]; ++paper) {
                    values.push_back(all[paper_offset + paper] * corpus.paper_weights[paper] *
                                     scale);
                }
                scores[sub * profile_count + profile] = AggregateScores(values, options);
            }
            progress.Step();
        });
    }
    return scores;
}

// Z-scores groups of `scores`: the group of `outer` takes the entries
// outer * outer_stride + inner * inner_stride for inner < inner_count. A constant group becomes 0.
void ZScore(std::vector<double>& scores, size_t outer_count, size_t outer_stride,
            size_t inner_count, size_t inner_stride) {
    if (inner_count == 0) return;
    for (size_t outer = 0; outer < outer_count; ++outer) {
        auto at = [&](size_t inner) -> double& {
            return scores[outer * outer_stride + inner * inner_stride];
        };
        double mean = 0;
        for (size_t inner = 0; inner < inner_count; ++inner) mean += at(inner);
        mean /= static_cast<double>(inner_count);
        double variance = 0;
        for (size_t inner = 0; inner < inner_count; ++inner) {
            variance += (at(inner) - mean) * (at(inner) - mean);
        }
        const double deviation = std::sqrt(variance / static_cast<double>(inner_count));
        for (size_t inner = 0; inner < inner_count; ++inner) {
            at(inner) = deviation > 0 ? (at(inner) - mean) / deviation : 0;
        }
    }
}

}  // namespace

Result<ExpertiseInput> LoadOpenReviewExpertise(const std::string& archives_dir,
                                               const std::string& submissions_file) {
    std::error_code ec;
    if (!fs::is_directory(archives_dir, ec)) {
        return Fail(
            Error::NotFound(fmt::format("{}: no such directory (expected the reviewer "
                                        "archives, one ~<profile>.jsonl per reviewer)",
                                        archives_dir)));
    }
    if (!fs::is_regular_file(submissions_file, ec)) {
        return Fail(Error::NotFound(
            fmt::format("{}: no such file (expected submissions.json)", submissions_file)));
    }

    std::vector<fs::path> archive_files;
    for (fs::directory_iterator it(archives_dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".jsonl" && it->is_regular_file(ec)) {
            archive_files.push_back(it->path());
        }
    }
    if (ec) {
        return Fail(
            Error::Unavailable(fmt::format("{}: cannot list: {}", archives_dir, ec.message())));
    }
    if (archive_files.empty()) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: no reviewer archive (*.jsonl) in the directory", archives_dir)));
    }
    std::sort(archive_files.begin(), archive_files.end());

    ExpertiseInput input;
    std::map<std::string, std::string> profile_files;  // profile id -> file name
    for (const fs::path& path : archive_files) {
        std::string profile_id = path.stem().string();
        if (profile_id.starts_with('~')) profile_id.erase(0, 1);
        if (profile_id.empty()) {
            return Fail(Error::InvalidArgument(
                fmt::format("{}: the file name gives no profile id", path.string())));
        }
        auto [it, inserted] = profile_files.emplace(profile_id, path.filename().string());
        if (!inserted) {
            return Fail(Error::InvalidArgument(fmt::format("{}: profile {} also comes from {}",
                                                           path.string(), profile_id, it->second)));
        }
        KC_ASSIGN_OR_RETURN(ExpertiseProfile profile, LoadArchive(path, std::move(profile_id)));
        input.profiles.push_back(std::move(profile));
    }
    std::sort(input.profiles.begin(), input.profiles.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });

    KC_ASSIGN_OR_RETURN(std::string text, ReadFile(submissions_file));
    std::string_view body = text;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    KC_ASSIGN_OR_RETURN(json submissions, ParseJson(body, submissions_file, 1));
    if (!submissions.is_object()) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: expected an object {{\"<id>\": {{\"id\", \"content\"}}, ...}}, got {}",
                        submissions_file, submissions.type_name())));
    }
    std::map<std::string, std::string> submission_keys;  // submission id -> key
    for (const auto& [key, note] : submissions.items()) {
        KC_ASSIGN_OR_RETURN(
            ExpertisePaper paper,
            PaperFromNote(note, fmt::format("{}: \"{}\"", submissions_file, key), &key));
        auto [it, inserted] = submission_keys.emplace(paper.id, key);
        if (!inserted) {
            return Fail(Error::InvalidArgument(
                fmt::format("{}: submission {} is given twice (keys \"{}\" and \"{}\")",
                            submissions_file, paper.id, it->second, key)));
        }
        input.submissions.push_back(std::move(paper));
    }
    if (input.submissions.empty()) {
        return Fail(Error::InvalidArgument(fmt::format("{}: no submission", submissions_file)));
    }
    std::sort(input.submissions.begin(), input.submissions.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return input;
}

Result<std::vector<ExpertiseScore>> ScoreExpertise(const ExpertiseInput& input,
                                                   const ExpertiseOptions& options) {
    KC_RETURN_IF_ERROR(CheckOptions(options));
    const size_t threads = options.threads > 0
                               ? options.threads
                               : std::max<size_t>(1, std::thread::hardware_concurrency());
    KC_ASSIGN_OR_RETURN(Corpus corpus, BuildCorpus(input, options, threads));

    const size_t submission_count = input.submissions.size();
    const size_t profile_count = input.profiles.size();

    // The (model, direction) passes and their weights; several are z-scored per reviewer and
    // summed.
    struct Pass {
        ExpertiseModel model;
        ExpertiseDirection direction;
        double weight;
    };
    std::vector<Pass> passes;
    const std::vector<ExpertiseDirection> directions =
        options.direction == ExpertiseDirection::kBoth
            ? std::vector{ExpertiseDirection::kReviewerQueries,
                          ExpertiseDirection::kSubmissionQueries}
            : std::vector{options.direction};
    const ExpertiseModel other =
        options.model == ExpertiseModel::kBm25 ? ExpertiseModel::kTfIdf : ExpertiseModel::kBm25;
    size_t total_rows = 0;
    for (ExpertiseDirection direction : directions) {
        const double share = 1.0 / static_cast<double>(directions.size());
        passes.push_back({options.model, direction, share * (1 - options.blend)});
        if (options.blend > 0) passes.push_back({other, direction, share * options.blend});
    }
    for (const Pass& pass : passes) {
        total_rows += pass.direction == ExpertiseDirection::kReviewerQueries ? profile_count
                                                                             : submission_count;
    }
    ProgressCounter progress(options.progress, total_rows);

    std::vector<double> scores;
    for (const Pass& pass : passes) {
        ExpertiseOptions pass_options = options;
        pass_options.direction = pass.direction;
        std::vector<double> pass_scores =
            ModelScores(corpus, pass.model, pass_options, threads, progress);
        if (options.normalize_per_submission) {
            ZScore(pass_scores, submission_count, profile_count, profile_count, 1);
        }
        if (passes.size() == 1) {
            scores = std::move(pass_scores);
            break;
        }
        ZScore(pass_scores, profile_count, 1, submission_count, profile_count);
        scores.resize(pass_scores.size(), 0.0);
        for (size_t idx = 0; idx < scores.size(); ++idx) {
            scores[idx] += pass.weight * pass_scores[idx];
        }
    }

    std::vector<ExpertiseScore> result;
    result.reserve(scores.size());
    for (size_t sub = 0; sub < submission_count; ++sub) {
        for (size_t profile = 0; profile < profile_count; ++profile) {
            result.push_back({input.submissions[sub].id, input.profiles[profile].id,
                              scores[sub * profile_count + profile]});
        }
    }
    return result;
}

Status WriteExpertiseCsv(const std::string& path, const std::vector<ExpertiseScore>& scores) {
    std::string out;
    out.reserve(scores.size() * 64);
    for (const ExpertiseScore& score : scores) {
        AppendCsvField(out, score.submission_id);
        out += ',';
        AppendCsvField(out, score.profile_id);
        out += fmt::format(",{:.17g}\n", score.score);
    }
    std::ofstream file(path, std::ios::binary);
    if (!file) return Fail(Error::Unavailable(fmt::format("{}: cannot open for writing", path)));
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    file.close();
    if (!file) return Fail(Error::Unavailable(fmt::format("{}: write failed", path)));
    return {};
}

}  // namespace kc::app
