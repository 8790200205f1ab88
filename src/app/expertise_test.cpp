#include "app/expertise.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/expertise_eval.h"
#include "app/gold_dir.h"

namespace kc::app {
namespace {

namespace fs = std::filesystem;

// A fresh directory in the temp directory, removed with its content when done.
class TempDir {
  public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                fmt::format("kc_expertise_test_{}_{}", static_cast<long>(::getpid()), counter++);
        fs::remove_all(path_);
        fs::create_directories(path_ / "archives");
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string Path(const std::string& name) const { return (path_ / name).string(); }
    std::string Archives() const { return Path("archives"); }
    std::string Submissions() const { return Path("submissions.json"); }
    void Write(const std::string& name, const std::string& content) const {
        std::ofstream(path_ / name, std::ios::binary) << content;
    }

  private:
    fs::path path_;
};

std::string Note(const std::string& id, const std::string& title, const std::string& abstract,
                 int year = 2020) {
    return fmt::format(
        R"({{"id": "{}", "content": {{"title": "{}", "abstract": {}, "year": {}}}}})", id, title,
        abstract.empty() ? "null" : "\"" + abstract + "\"", year);
}

// Two reviewers who obviously differ: one on rare sugars (Japanese and English papers), one on
// neural networks for images; three submissions, one for each and one on both.
void WriteTinyDataset(const TempDir& dir) {
    dir.Write("archives/~Tanaka_Hanako1.jsonl",
              Note("t1", "希少糖D-プシコースの酵素生産",
                   "エピメラーゼを用いて果糖から希少糖を大量に生産する方法を開発した。") +
                  "\n" +
                  Note("t2", "Enzymatic production of rare sugars",
                       "We produce the rare sugar D-psicose from fructose with an epimerase "
                       "enzyme at industrial scale.") +
                  "\n\n" +  // a blank line is skipped
                  Note("t3", "希少糖の食品への応用", ""));
    dir.Write("archives/~John_Smith1.jsonl",
              Note("j1", "Convolutional neural networks for image recognition",
                   "Deep convolutional networks learn image features for object recognition.") +
                  "\n" +
                  Note("j2", "画像認識のための深層学習",
                       "畳み込みニューラルネットワークによる画像認識の精度を改善した。") +
                  "\n");
    dir.Write("submissions.json",
              "{" +
                  fmt::format(R"("s_sugar": {}, "s_image": {}, "s_other": {})",
                              Note("s_sugar", "果糖からの希少糖生産",
                                   "新しいエピメラーゼ酵素で希少糖を生産する。"),
                              Note("s_image", "Neural networks for image recognition",
                                   "A convolutional neural network improves image recognition "
                                   "accuracy."),
                              Note("s_other", "Tax policy in Edo-period Japan",
                                   "We study rice taxes and village records.")) +
                  "}");
}

TEST(Expertise, LoadsArchivesAndSubmissions) {
    TempDir dir;
    WriteTinyDataset(dir);
    dir.Write("archives/README.txt", "not an archive");  // ignored
    auto input = LoadOpenReviewExpertise(dir.Archives(), dir.Submissions());
    ASSERT_TRUE(input) << input.error().ToString();
    ASSERT_EQ(input->profiles.size(), 2u);
    EXPECT_EQ(input->profiles[0].id, "John_Smith1");  // sorted, without '~' and ".jsonl"
    EXPECT_EQ(input->profiles[1].id, "Tanaka_Hanako1");
    ASSERT_EQ(input->profiles[1].papers.size(), 3u);
    EXPECT_EQ(input->profiles[1].papers[2].id, "t3");
    EXPECT_EQ(input->profiles[1].papers[2].abstract, "");  // null
    EXPECT_EQ(input->profiles[1].papers[0].year, 2020);
    ASSERT_EQ(input->submissions.size(), 3u);
    EXPECT_EQ(input->submissions[0].id, "s_image");
    EXPECT_EQ(input->submissions[0].title, "Neural networks for image recognition");
}

TEST(Expertise, AcceptsOpenReviewApiV2Values) {
    TempDir dir;
    dir.Write(
        "archives/~A1.jsonl",
        R"({"id": "p", "content": {"title": {"value": "Rare sugars"}, "abstract": {"value": null}}})"
        "\n");
    dir.Write(
        "submissions.json",
        R"({"k": {"content": {"title": {"value": "Sugar"}, "abstract": "x", "year": "2020"}}})");
    auto input = LoadOpenReviewExpertise(dir.Archives(), dir.Submissions());
    ASSERT_TRUE(input) << input.error().ToString();
    EXPECT_EQ(input->profiles[0].papers[0].title, "Rare sugars");
    EXPECT_EQ(input->submissions[0].id, "k");  // no "id": the key
    EXPECT_EQ(input->submissions[0].title, "Sugar");
    EXPECT_FALSE(input->submissions[0].year.has_value());  // not an integer: ignored
}

TEST(Expertise, LoaderErrorsAreLocated) {
    struct Case {
        const char* name;
        std::map<std::string, std::string> files;  // relative path -> content
        std::string message;
        ErrorCode code = ErrorCode::kInvalidArgument;
    };
    const std::string good_archive = Note("p", "Title", "Abstract") + "\n";
    const std::string good_submissions = R"({"s": )" + Note("s", "Title", "Abstract") + "}";
    const std::vector<Case> cases = {
        {"bad JSON line",
         {{"archives/~A.jsonl", good_archive + "{\"id\": \"q\", \"content\": {\"title\": }\n"},
          {"submissions.json", good_submissions}},
         "~A.jsonl:2:34: invalid JSON: syntax error"},
        {"line not an object",
         {{"archives/~A.jsonl", "[1, 2]\n"}, {"submissions.json", good_submissions}},
         "~A.jsonl:1: expected an object"},
        {"no id",
         {{"archives/~A.jsonl", R"({"content": {}})"}, {"submissions.json", good_submissions}},
         "~A.jsonl:1: expected a string \"id\", got nothing"},
        {"title not a string",
         {{"archives/~A.jsonl", R"({"id": "p", "content": {"title": 12}})"},
          {"submissions.json", good_submissions}},
         "~A.jsonl:1: paper p: content.title: expected a string or null, got number"},
        {"no content",
         {{"archives/~A.jsonl", R"({"id": "p"})"}, {"submissions.json", good_submissions}},
         "paper p: expected an object \"content\""},
        {"no archive",
         {{"archives/notes.txt", "x"}, {"submissions.json", good_submissions}},
         "no reviewer archive (*.jsonl)"},
        {"profile twice",
         {{"archives/~A.jsonl", good_archive},
          {"archives/A.jsonl", good_archive},
          {"submissions.json", good_submissions}},
         "profile A also comes from"},
        {"submissions not an object",
         {{"archives/~A.jsonl", good_archive}, {"submissions.json", "[]"}},
         "submissions.json: expected an object"},
        {"no submission",
         {{"archives/~A.jsonl", good_archive}, {"submissions.json", "{}"}},
         "submissions.json: no submission"},
        {"bad submissions JSON",
         {{"archives/~A.jsonl", good_archive}, {"submissions.json", "{\n  \"s\": {,\n}"}},
         "submissions.json:2:9: invalid JSON"},
        {"missing submissions",
         {{"archives/~A.jsonl", good_archive}},
         "submissions.json: no such file",
         ErrorCode::kNotFound},
    };
    for (const Case& c : cases) {
        TempDir dir;
        for (const auto& [name, content] : c.files) dir.Write(name, content);
        auto input = LoadOpenReviewExpertise(dir.Archives(), dir.Submissions());
        ASSERT_FALSE(input) << c.name;
        EXPECT_EQ(input.error().code, c.code) << c.name;
        EXPECT_NE(input.error().message.find(c.message), std::string::npos)
            << c.name << ": " << input.error().message;
    }
    auto missing = LoadOpenReviewExpertise("/nonexistent/archives", "/nonexistent/s.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// score(submission, profile) from a ScoreExpertise result.
std::map<std::pair<std::string, std::string>, double> ByPair(
    const std::vector<ExpertiseScore>& scores) {
    std::map<std::pair<std::string, std::string>, double> out;
    for (const auto& score : scores) out[{score.submission_id, score.profile_id}] = score.score;
    return out;
}

TEST(Expertise, ScoresGiveTheObviousOrderInJapaneseAndEnglish) {
    TempDir dir;
    WriteTinyDataset(dir);
    auto input = LoadOpenReviewExpertise(dir.Archives(), dir.Submissions());
    ASSERT_TRUE(input) << input.error().ToString();

    struct Case {
        std::string name;
        ExpertiseOptions options;
    };
    std::vector<Case> cases = {{"defaults", {}}};
    for (auto model : {ExpertiseModel::kBm25, ExpertiseModel::kTfIdf}) {
        for (auto direction : {ExpertiseDirection::kReviewerQueries,
                               ExpertiseDirection::kSubmissionQueries, ExpertiseDirection::kBoth}) {
            for (auto aggregate : {ExpertiseAggregate::kMax, ExpertiseAggregate::kMean,
                                   ExpertiseAggregate::kTopK, ExpertiseAggregate::kConcatenate}) {
                ExpertiseOptions options;
                options.model = model;
                options.direction = direction;
                options.aggregate = aggregate;
                options.top_k = 2;
                cases.push_back(
                    {fmt::format("model {} direction {} aggregate {}", static_cast<int>(model),
                                 static_cast<int>(direction), static_cast<int>(aggregate)),
                     options});
            }
        }
    }
    ExpertiseOptions everything;
    everything.bigrams = true;
    everything.idf_over_both = true;
    everything.recency_half_life = 5;
    everything.normalize_per_submission = true;
    everything.blend = 0.3;
    everything.title_weight = 2;
    cases.push_back({"every option", everything});

    for (const Case& c : cases) {
        auto scores = ScoreExpertise(*input, c.options);
        ASSERT_TRUE(scores) << c.name << ": " << scores.error().ToString();
        ASSERT_EQ(scores->size(), 6u) << c.name;
        // Submission order, then profile order.
        EXPECT_EQ((*scores)[0].submission_id, "s_image") << c.name;
        EXPECT_EQ((*scores)[0].profile_id, "John_Smith1") << c.name;
        EXPECT_EQ((*scores)[1].profile_id, "Tanaka_Hanako1") << c.name;
        auto s = ByPair(*scores);
        // Each reviewer ranks their own topic above the others...
        EXPECT_GT((s[{"s_sugar", "Tanaka_Hanako1"}]), (s[{"s_image", "Tanaka_Hanako1"}])) << c.name;
        EXPECT_GT((s[{"s_sugar", "Tanaka_Hanako1"}]), (s[{"s_other", "Tanaka_Hanako1"}])) << c.name;
        EXPECT_GT((s[{"s_image", "John_Smith1"}]), (s[{"s_sugar", "John_Smith1"}])) << c.name;
        EXPECT_GT((s[{"s_image", "John_Smith1"}]), (s[{"s_other", "John_Smith1"}])) << c.name;
        // ...and each topical submission prefers its reviewer.
        EXPECT_GT((s[{"s_sugar", "Tanaka_Hanako1"}]), (s[{"s_sugar", "John_Smith1"}])) << c.name;
        EXPECT_GT((s[{"s_image", "John_Smith1"}]), (s[{"s_image", "Tanaka_Hanako1"}])) << c.name;
    }
}

TEST(Expertise, ScoringIsDeterministicAcrossThreadCounts) {
    TempDir dir;
    WriteTinyDataset(dir);
    auto input = LoadOpenReviewExpertise(dir.Archives(), dir.Submissions());
    ASSERT_TRUE(input) << input.error().ToString();
    ExpertiseOptions one;
    one.threads = 1;
    ExpertiseOptions four;
    four.threads = 4;
    size_t calls = 0;
    size_t last_total = 0;
    four.progress = [&](size_t done, size_t total) {
        ++calls;
        last_total = total;
        EXPECT_LE(done, total);
    };
    auto first = ScoreExpertise(*input, one);
    auto second = ScoreExpertise(*input, four);
    ASSERT_TRUE(first && second);
    ASSERT_EQ(first->size(), second->size());
    for (size_t idx = 0; idx < first->size(); ++idx) {
        EXPECT_EQ((*first)[idx].score, (*second)[idx].score) << idx;  // bit for bit
    }
    EXPECT_EQ(calls, 2u);  // one per reviewer (the default queries with reviewer papers)
    EXPECT_EQ(last_total, 2u);
}

TEST(Expertise, EmptyProfileScoresZero) {
    TempDir dir;
    WriteTinyDataset(dir);
    dir.Write("archives/~Empty1.jsonl", "");
    auto input = LoadOpenReviewExpertise(dir.Archives(), dir.Submissions());
    ASSERT_TRUE(input) << input.error().ToString();
    ASSERT_EQ(input->profiles.size(), 3u);
    auto scores = ScoreExpertise(*input, {});
    ASSERT_TRUE(scores) << scores.error().ToString();
    for (const auto& score : *scores) {
        if (score.profile_id == "Empty1") {
            EXPECT_EQ(score.score, 0.0) << score.submission_id;
        }
    }
}

TEST(Expertise, RejectsBadOptions) {
    ExpertiseInput input;
    input.profiles.push_back({"a", {{"p", "title", "", {}}}});
    input.submissions.push_back({"s", "title", "", {}});
    ExpertiseOptions options;
    options.aggregate = ExpertiseAggregate::kTopK;
    options.top_k = 0;
    options.b = 2;
    options.title_weight = -1;
    options.blend = 1.5;
    auto scores = ScoreExpertise(input, options);
    ASSERT_FALSE(scores);
    EXPECT_EQ(scores.error().code, ErrorCode::kInvalidArgument);
    std::vector<std::string> paths;
    for (const auto& field : scores.error().fields) paths.push_back(field.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"top_k", "title_weight", "b", "blend"}));
}

TEST(Expertise, CsvKeepsEveryDigitAndQuotesOddIds) {
    TempDir dir;
    const std::vector<ExpertiseScore> scores = {
        {"s1", "~Ann1", 0.1 + 0.2},  // 0.30000000000000004: 17 digits are needed
        {"s,2", "Bob", 1.0 / 3.0},
        {"s3", "Cy", 0.0},
    };
    const std::string path = dir.Path("scores.csv");
    ASSERT_TRUE(WriteExpertiseCsv(path, scores));
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    EXPECT_EQ(buffer.str(),
              "s1,~Ann1,0.30000000000000004\n\"s,2\",Bob,0.33333333333333331\ns3,Cy,0\n");
    for (const auto& [text, expected] :
         {std::pair{"0.30000000000000004", 0.1 + 0.2}, {"0.33333333333333331", 1.0 / 3.0}}) {
        double value = 0;
        std::from_chars(text, text + std::char_traits<char>::length(text), value);
        EXPECT_EQ(value, expected);
    }
    EXPECT_FALSE(WriteExpertiseCsv(dir.Path("no/such/dir/scores.csv"), scores));
}

using testing::GoldDir;

// One profile version only, to stay fast under sanitizers; `kcluster bench expertise` runs all
// ten (mean loss 0.2254 with the defaults, docs/performance.md).
TEST(ExpertiseGold, DefaultsBeatTpmsOnOneVersion) {
    const std::string dir = GoldDir();
    if (dir.empty()) GTEST_SKIP() << "gold-standard data not found (set KC_GOLDSTANDARD_DIR)";
    ExpertiseBenchOptions bench;
    bench.versions = {1};
    bench.bootstrap_samples = 0;
    auto report = BenchmarkExpertise(dir, ExpertiseOptions{}, bench);
    ASSERT_TRUE(report) << report.error().ToString();
    ASSERT_EQ(report->per_version.size(), 1u);
    const EvalResult& result = report->per_version[0];
    EXPECT_EQ(result.pair_count, 1841u);
    EXPECT_EQ(result.easy_count, 261u);
    EXPECT_EQ(result.hard_count, 417u);
    // TPMS gets 0.2814 on d_20_1 (0.2811 over all ten); the issue requires <= 0.27.
    EXPECT_LE(result.loss, 0.24);
    EXPECT_GE(result.easy_accuracy, 0.82);
}

}  // namespace
}  // namespace kc::app
