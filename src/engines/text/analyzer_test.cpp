#include "engines/text/analyzer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "util/encoding.h"

namespace kc::engines::text {
namespace {

const Analyzer& Default() {
    static const std::unique_ptr<Analyzer> analyzer = [] {
        auto created = Analyzer::Create();
        EXPECT_TRUE(created.has_value()) << created.error().ToString();
        return created ? std::move(*created) : nullptr;
    }();
    return *analyzer;
}

std::unique_ptr<Analyzer> Make(const AnalyzerOptions& options) {
    auto created = Analyzer::Create(options);
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return created ? std::move(*created) : nullptr;
}

std::vector<std::string> TermsInOrder(const std::vector<Token>& tokens) {
    std::vector<std::string> terms;
    for (const Token& token : tokens) terms.push_back(token.term);
    return terms;
}

std::vector<std::string> Sorted(std::vector<std::string> items) {
    std::ranges::sort(items);
    items.erase(std::unique(items.begin(), items.end()), items.end());
    return items;
}

// Positions start at 0, never decrease, and only a compound and the token right after it
// (its first part) share one.
void ExpectWellFormed(const std::vector<Token>& tokens, const std::string& name) {
    for (size_t i = 0; i < tokens.size(); ++i) {
        EXPECT_FALSE(tokens[i].term.empty()) << name << " token " << i;
        EXPECT_FALSE(tokens[i].surface.empty()) << name << " token " << i;
        EXPECT_TRUE(IsValidUtf8(tokens[i].term)) << name << " token " << i;
        EXPECT_TRUE(IsValidUtf8(tokens[i].surface)) << name << " token " << i;
        if (i == 0) {
            EXPECT_EQ(tokens[i].position, 0u) << name;
            continue;
        }
        EXPECT_GE(tokens[i].position, tokens[i - 1].position) << name << " token " << i;
        EXPECT_LE(tokens[i].position, tokens[i - 1].position + 1) << name << " token " << i;
        if (i >= 2 && tokens[i].position == tokens[i - 1].position) {
            EXPECT_NE(tokens[i - 1].position, tokens[i - 2].position) << name << " token " << i;
        }
    }
}

TEST(NormalizeText, FoldsWidthCaseAndKana) {
    struct Case {
        std::string name, input, normalized;
    };
    const std::vector<Case> cases = {
        {"full-width latin", "ＡＢＣ", "abc"},
        {"upper case", "Hello World", "hello world"},
        {"full-width digits", "１２３", "123"},
        {"eszett", "Straße", "strasse"},
        {"enclosed", "㈱", "(株)"},
        {"half-width katakana", "ﾃﾞｰﾀ", "でーた"},
        {"katakana to hiragana", "ブドウ", "ぶどう"},
        {"hiragana unchanged", "ぶどう", "ぶどう"},
        {"final long vowel of 4+ kana", "コンピューター", "こんぴゅーた"},
        {"no final long vowel", "コンピュータ", "こんぴゅーた"},
        {"half-width long vowel", "ｺﾝﾋﾟｭｰﾀｰ", "こんぴゅーた"},
        {"server", "サーバー", "さーば"},
        {"short word keeps it", "キー", "きー"},
        {"three kana keep it", "カバー", "かばー"},
        {"double long vowel kept", "ワーーーー", "わーーーー"},
        {"kanji unchanged", "希少糖", "希少糖"},
        {"okurigana unchanged", "走る", "走る"},
        {"small ke stays", "霞ヶ関", "霞ヶ関"},
        {"vu", "ヴァイオリン", "ゔぁいおりん"},
        {"mixed run", "CMOSセンサー", "cmosせんさ"},
        {"empty", "", ""},
        {"invalid byte",
         "a\xff"
         "b",
         "a\uFFFD"
         "b"},
        {"NUL becomes space", std::string("a\0b", 3), "a b"},
    };
    for (const Case& test_case : cases) {
        const std::string normalized = NormalizeText(test_case.input);
        EXPECT_EQ(normalized, test_case.normalized) << test_case.name;
        EXPECT_EQ(NormalizeText(normalized), normalized) << test_case.name << " (idempotent)";
    }
}

TEST(FoldText, IsNfkcCasefoldOnly) {
    EXPECT_EQ(FoldText("ﾃﾞｰﾀ"), "データ");
    EXPECT_EQ(FoldText("ＡＢＣ"), "abc");
    EXPECT_EQ(FoldText("ブドウ"), "ブドウ");
    EXPECT_EQ(FoldText("コンピューター"), "コンピューター");
}

TEST(Analyzer, KeepsJapaneseContentWordsInBaseForm) {
    struct Case {
        std::string name, input;
        std::vector<std::string> terms;  // in order
    };
    const std::vector<Case> cases = {
        {"verb past", "走った", {"走る"}},
        {"adjective and verb", "高く飛ぶ", {"高い", "飛ぶ"}},
        {"particles dropped", "研究の成果を", {"研究", "成果"}},
        {"adjectival noun", "静かな環境", {"静か", "環境"}},
        {"light verbs dropped", "研究を行うことができる", {"研究"}},
        {"suru dropped", "構築する", {"構築"}},
        {"auxiliaries and suffix verbs dropped", "行われている", {}},
        {"pronoun and non-independent noun dropped", "これは私のものだ", {}},
        {"adverbial noun dropped", "最近は", {}},
        {"numbers dropped", "三世代の", {"世代"}},
        {"digits dropped", "2019年度", {"年度"}},
        {"symbols only", "「」。、・★※", {}},
    };
    for (const Case& test_case : cases) {
        const auto tokens = Default().Analyze(test_case.input);
        EXPECT_EQ(TermsInOrder(tokens), test_case.terms) << test_case.name;
        ExpectWellFormed(tokens, test_case.name);
    }
}

TEST(Analyzer, KeepsCompoundsWholeAndSplit) {
    const auto tokens = Default().Analyze("希少糖生産の研究");
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(tokens[0].term, "希少糖生産");
    EXPECT_EQ(tokens[0].surface, "希少糖生産");
    EXPECT_EQ(tokens[0].position, 0u);
    EXPECT_EQ(tokens[1].term, "希少糖");
    EXPECT_EQ(tokens[1].position, 0u);
    EXPECT_EQ(tokens[2].term, "生産");
    EXPECT_EQ(tokens[2].position, 1u);
    EXPECT_EQ(tokens[3].term, "研究");
    EXPECT_EQ(tokens[3].position, 2u);
    ExpectWellFormed(tokens, "compound");
}

TEST(Analyzer, CompoundOptions) {
    struct Case {
        std::string name;
        bool keep, split;
        std::vector<std::string> terms;
    };
    const std::vector<Case> cases = {
        {"both", true, true, {"希少糖生産", "希少糖", "生産"}},
        {"whole only", true, false, {"希少糖生産"}},
        {"parts only", false, true, {"希少糖", "生産"}},
        {"parts when compounds are off", false, false, {"希少糖", "生産"}},
    };
    for (const Case& test_case : cases) {
        AnalyzerOptions options;
        options.keep_compounds = test_case.keep;
        options.split_compounds = test_case.split;
        const auto analyzer = Make(options);
        ASSERT_NE(analyzer, nullptr);
        const auto tokens = analyzer->Analyze("希少糖生産");
        EXPECT_EQ(TermsInOrder(tokens), test_case.terms) << test_case.name;
        ExpectWellFormed(tokens, test_case.name);
    }
}

TEST(Analyzer, CompoundsWithPrefixesAndSuffixes) {
    struct Case {
        std::string name, input;
        std::vector<std::string> terms;
    };
    const std::vector<Case> cases = {
        {"prefix and suffix", "高感度化", {"高感度化", "感度"}},
        {"suffix", "安全性", {"安全性", "安全"}},
        {"katakana compound",
         "データベースサーバー",
         {"でーたべーすさーば", "でーたべーす", "さーば"}},
        {"separator breaks", "研究・開発", {"研究", "開発"}},
        {"prefix alone dropped", "再の", {}},
        {"domain term", "協働と産学官", {"協働", "産学官"}},
        {"domain term in compound", "六次産業化", {"六次産業化", "六次産業"}},
    };
    for (const Case& test_case : cases) {
        const auto tokens = Default().Analyze(test_case.input);
        EXPECT_EQ(TermsInOrder(tokens), test_case.terms) << test_case.name;
        ExpectWellFormed(tokens, test_case.name);
    }
}

TEST(Analyzer, VariantsGiveEqualTerms) {
    const std::vector<std::vector<std::string>> groups = {
        {"コンピューター", "コンピュータ", "ｺﾝﾋﾟｭｰﾀｰ", "ｺﾝﾋﾟｭｰﾀ"},
        {"サーバー", "サーバ", "ｻｰﾊﾞｰ"},
        {"ブドウ", "ぶどう", "ﾌﾞﾄﾞｳ"},
        {"ユーザーのニーズ", "ユーザのニーズ"},
        {"ＧＰＵ", "GPU", "gpu"},
        {"Running", "RUNNING", "running", "ｒｕｎｎｉｎｇ"},
        {"データベースサーバーの構築", "データベースサーバの構築"},
        {"コンピューターサーバー", "コンピュータサーバ"},
    };
    for (const auto& group : groups) {
        const auto expected = Default().Terms(group[0]);
        EXPECT_FALSE(expected.empty()) << group[0];
        for (const std::string& variant : group) {
            EXPECT_EQ(Default().Terms(variant), expected) << group[0] << " vs " << variant;
        }
    }
}

TEST(Analyzer, StemsEnglish) {
    struct Case {
        std::string name, input;
        std::vector<std::string> terms;
    };
    const std::vector<Case> cases = {
        {"running", "running", {"run"}},
        {"studies", "studies", {"studi"}},
        {"generalization", "generalization", {"general"}},
        {"stop words dropped", "The running of the studies", {"run", "studi"}},
        {"all stop words", "and the of it is was", {}},
        {"possessive", "children's", {"children"}},
        {"curly apostrophe", "children\u2019s don\u2019t", {"children"}},
        {"contraction is a stop word", "don't", {}},
        {"hyphen splits", "state-of-the-art", {"state", "art"}},
        {"digits kept with letters", "5G and H2O in 2019", {"5g", "h2o"}},
        {"one letter dropped", "x y z", {}},
        {"c++ and c#", "C++ and C# programming", {"c++", "c#", "program"}},
        {"not c++ inside words", "abc++", {"abc"}},
        {"non-ascii letters not stemmed", "naïve café", {"naïve", "café"}},
        {"greek letter alone dropped", "β-carotene", {"caroten"}},
        {"very long word dropped", std::string(100, 'a') + " sensors", {"sensor"}},
    };
    for (const Case& test_case : cases) {
        const auto tokens = Default().Analyze(test_case.input);
        EXPECT_EQ(TermsInOrder(tokens), test_case.terms) << test_case.name;
        ExpectWellFormed(tokens, test_case.name);
    }
}

TEST(Analyzer, StemmingCanBeTurnedOff) {
    AnalyzerOptions options;
    options.english_stemming = false;
    const auto analyzer = Make(options);
    ASSERT_NE(analyzer, nullptr);
    EXPECT_EQ(TermsInOrder(analyzer->Analyze("The Running studies")),
              (std::vector<std::string>{"running", "studies"}));
}

TEST(Analyzer, MixedJapaneseAndEnglish) {
    const auto tokens = Default().Analyze("CMOSイメージセンサの高感度化 for automotive use");
    EXPECT_EQ(TermsInOrder(tokens), (std::vector<std::string>{"cmos", "いめーじせんさ", "高感度化",
                                                              "感度", "automot", "use"}));
    ExpectWellFormed(tokens, "mixed");
    // Full-width Latin inside Japanese takes the English path too.
    EXPECT_EQ(Default().Terms("ＭＲＩ装置で測定した"), Sorted({"mri", "装置", "測定"}));
}

TEST(Analyzer, PreservesSurfaces) {
    struct Case {
        std::string name, input, term, surface;
    };
    const std::vector<Case> cases = {
        {"stemmed English", "Studies", "studi", "Studies"},
        {"full-width English", "ＧＰＵｓ", "gpus", "ＧＰＵｓ"},
        {"half-width katakana", "ｺﾝﾋﾟｭｰﾀｰ", "こんぴゅーた", "ｺﾝﾋﾟｭｰﾀｰ"},
        {"katakana", "サーバー", "さーば", "サーバー"},
        {"inflected verb", "走った", "走る", "走っ"},
        {"inside a sentence", "私はぶどうを食べた", "ぶどう", "ぶどう"},
        {"curly apostrophe", "Children\u2019s", "children", "Children\u2019s"},
    };
    for (const Case& test_case : cases) {
        const auto tokens = Default().Analyze(test_case.input);
        const auto found = std::ranges::find(tokens, test_case.term, &Token::term);
        ASSERT_NE(found, tokens.end()) << test_case.name;
        EXPECT_EQ(found->surface, test_case.surface) << test_case.name;
    }
}

TEST(Analyzer, PositionsIncrease) {
    const std::string text =
        "地域の希少糖生産技術を活用し、機能性食品の開発を行った。We developed novel sensors for "
        "automotive applications, and the CMOSイメージセンサ was evaluated in 2019.";
    const auto tokens = Default().Analyze(text);
    ASSERT_GT(tokens.size(), 10u);
    ExpectWellFormed(tokens, "sentence");
}

TEST(Analyzer, NeverFailsOnBadInput) {
    struct Case {
        std::string name, input;
    };
    std::string all_bytes;
    for (int byte = 0; byte < 256; ++byte) all_bytes.push_back(static_cast<char>(byte));
    std::string long_japanese;
    for (int i = 0; i < 5000; ++i) long_japanese += "あ漢カ";
    const std::vector<Case> cases = {
        {"empty", ""},
        {"only spaces", "   \t\n  "},
        {"only symbols", "!!!???***---。、「」『』【】★☆※→"},
        {"NUL bytes", std::string("研究\0開発\0\0sensor", 20)},
        {"lone continuation bytes", "\x80\x81\xbf研究"},
        {"truncated sequence at end", "研究\xe7\xa0"},
        {"truncated sequence inside", "研\xe7\xa0究 data\xc3"},
        {"overlong encoding", "\xc0\xaf\xe0\x80\xaf sensor"},
        {"surrogate", "\xed\xa0\x80\xed\xbf\xbf 研究"},
        {"above U+10FFFF", "\xf4\x90\x80\x80\xf5\xff 研究"},
        {"all bytes", all_bytes},
        {"control characters", "\x01\x02\x1b[31mred\x7f\xc2\x85"},
        {"combining marks alone", "\xcc\x81\xcc\x81 e\xcc\x81t\xc3\xa9"},
        {"long Japanese run", long_japanese},
        {"long word", std::string(200000, 'x')},
        {"emoji and rare scripts",
         "😀👍🏽 한국어 русский ελληνικά 𠮷野家"},
        {"lone long vowel marks", "ーーーーー ｰｰｰ"},
        {"lone dakuten", "゛゜\xe3\x82\x99"},
    };
    for (const Case& test_case : cases) {
        const auto tokens = Default().Analyze(test_case.input);
        ExpectWellFormed(tokens, test_case.name);
    }
    EXPECT_EQ(Default().Analyze("").size(), 0u);
    EXPECT_EQ(Default().Analyze("!!!。、「」★").size(), 0u);
    EXPECT_EQ(Default().Terms(std::string("研究\0開発", 13)), Sorted({"研究", "開発"}));
}

TEST(Analyzer, InvalidUtf8IsASeparator) {
    // U+FFFD separates tokens and never appears in a term or a surface.
    const auto tokens = Default().Analyze("sensor\xffnetwork");
    EXPECT_EQ(TermsInOrder(tokens), (std::vector<std::string>{"sensor", "network"}));
    for (const Token& token : tokens) {
        EXPECT_EQ(token.surface.find("\uFFFD"), std::string::npos);
    }
}

TEST(Analyzer, TruncatesLongInputAtACharacterBoundary) {
    AnalyzerOptions options;
    options.max_input_bytes = 7;  // "研究" is 6 bytes; the 7th is the first byte of 開
    const auto analyzer = Make(options);
    ASSERT_NE(analyzer, nullptr);
    EXPECT_EQ(TermsInOrder(analyzer->Analyze("研究開発")), (std::vector<std::string>{"研究"}));
    options.max_input_bytes = 0;
    EXPECT_TRUE(Make(options)->Analyze("研究開発").empty());
}

TEST(Analyzer, BoundsHugeInput) {
    const std::string sentence = "希少糖の生産技術を開発した。We study sensor networks. ";
    std::string huge;
    huge.reserve(100u << 20);
    while (huge.size() < (100u << 20)) huge += sentence;
    const auto tokens = Default().Analyze(huge);
    ExpectWellFormed(tokens, "huge");
    // Only the first MiB is analysed: about (1 MiB / sentence size) sentences of 6 tokens.
    const size_t sentences = (size_t{1} << 20) / sentence.size();
    EXPECT_LE(tokens.size(), (sentences + 1) * 8);
    EXPECT_GE(tokens.size(), (sentences - 1) * 5);
}

TEST(Analyzer, IsDeterministic) {
    const std::string text =
        "本研究では、希少糖プシコースの大量生産技術と機能性食品への応用を目指す。Deep learning "
        "models were trained on GPUs for anomaly detection in manufacturing lines.";
    const auto first = Default().Analyze(text);
    const auto other = Make({});
    ASSERT_NE(other, nullptr);
    for (int round = 0; round < 20; ++round) {
        const auto again = (round % 2 == 0 ? Default() : *other).Analyze(text);
        ASSERT_EQ(again.size(), first.size());
        for (size_t i = 0; i < first.size(); ++i) {
            EXPECT_EQ(again[i].term, first[i].term);
            EXPECT_EQ(again[i].surface, first[i].surface);
            EXPECT_EQ(again[i].position, first[i].position);
        }
    }
}

TEST(Analyzer, ConcurrentCallsMatchSequentialOnes) {
    std::vector<std::string> texts;
    for (int i = 0; i < 40; ++i) {
        texts.push_back("第" + std::to_string(i) +
                        "回の産学官連携会議で、ぶどうの栽培とコンピューター制御について議論した。"
                        "Sensors number " +
                        std::to_string(i) + " were calibrated.");
    }
    std::vector<std::vector<Token>> sequential;
    for (const std::string& text : texts) sequential.push_back(Default().Analyze(text));
    std::vector<std::vector<std::vector<Token>>> results(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 5; ++round) {
                for (const std::string& text : texts) results[t].push_back(Default().Analyze(text));
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (const auto& result : results) {
        ASSERT_EQ(result.size(), texts.size() * 5);
        for (size_t i = 0; i < result.size(); ++i) {
            const auto& expected = sequential[i % texts.size()];
            ASSERT_EQ(result[i].size(), expected.size());
            for (size_t k = 0; k < expected.size(); ++k) {
                EXPECT_EQ(result[i][k].term, expected[k].term);
                EXPECT_EQ(result[i][k].surface, expected[k].surface);
                EXPECT_EQ(result[i][k].position, expected[k].position);
            }
        }
    }
}

TEST(Analyzer, DomainTerms) {
    EXPECT_EQ(TermsInOrder(Default().Analyze("希少糖")), (std::vector<std::string>{"希少糖"}));
    AnalyzerOptions options;
    options.use_default_domain_terms = false;
    const auto plain = Make(options);
    ASSERT_NE(plain, nullptr);
    EXPECT_EQ(TermsInOrder(plain->Analyze("希少糖")), (std::vector<std::string>{"希少糖", "希少"}));
    options.domain_terms = {"高感度"};
    const auto custom = Make(options);
    ASSERT_NE(custom, nullptr);
    EXPECT_EQ(TermsInOrder(custom->Analyze("高感度化")),
              (std::vector<std::string>{"高感度化", "高感度"}));
    EXPECT_FALSE(DefaultDomainTerms().empty());
}

TEST(Analyzer, CreateReportsMissingDictionaries) {
    AnalyzerOptions options;
    options.dictionary_dir = "/nonexistent/mecab/dic";
    auto missing_dir = Analyzer::Create(options);
    ASSERT_FALSE(missing_dir.has_value());
    EXPECT_EQ(missing_dir.error().code, ErrorCode::kNotFound);
    EXPECT_NE(missing_dir.error().message.find("/nonexistent/mecab/dic"), std::string::npos);

    options = {};
    options.user_dictionary = "/nonexistent/user.dic";
    auto missing_user = Analyzer::Create(options);
    ASSERT_FALSE(missing_user.has_value());
    EXPECT_EQ(missing_user.error().code, ErrorCode::kNotFound);

    const std::filesystem::path junk = std::filesystem::temp_directory_path() /
                                       ("kc-text-junk-" + std::to_string(getpid()) + ".dic");
    {
        std::ofstream file(junk);
        file << "not a dictionary";
    }
    options.user_dictionary = junk.string();
    auto corrupt = Analyzer::Create(options);
    ASSERT_FALSE(corrupt.has_value());
    EXPECT_EQ(corrupt.error().code, ErrorCode::kInvalidArgument);
    std::filesystem::remove(junk);

    options.user_dictionary = std::string(KC_MECAB_DICDIR) + "/sys.dic";  // a system dictionary
    auto wrong_type = Analyzer::Create(options);
    ASSERT_FALSE(wrong_type.has_value());
    EXPECT_EQ(wrong_type.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(wrong_type.error().message.find("not a user dictionary"), std::string::npos);
}

class UserDictionary : public testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("kc-text-userdic-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(UserDictionary, CompiledEntriesBecomeOneWord) {
    const std::string path = (dir_ / "user.dic").string();
    auto compiled = CompileUserDictionary({{"産学連携", "サンガクレンケイ"}, {"ﾅﾉ粒子", ""}}, path);
    ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();
    EXPECT_EQ(*compiled, path);
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::exists(path + ".csv"));

    EXPECT_EQ(TermsInOrder(Default().Analyze("産学連携")),
              (std::vector<std::string>{"産学連携", "産学", "連携"}));
    AnalyzerOptions options;
    options.user_dictionary = path;
    const auto analyzer = Make(options);
    ASSERT_NE(analyzer, nullptr);
    EXPECT_EQ(TermsInOrder(analyzer->Analyze("産学連携")), (std::vector<std::string>{"産学連携"}));
    // The entry was folded (ﾅﾉ -> ナノ) like the text MeCab sees.
    EXPECT_EQ(TermsInOrder(analyzer->Analyze("ナノ粒子")), (std::vector<std::string>{"なの粒子"}));
}

TEST_F(UserDictionary, RejectsBadEntries) {
    const std::string path = (dir_ / "bad.dic").string();
    struct Case {
        std::string name;
        std::vector<std::pair<std::string, std::string>> entries;
    };
    const std::vector<Case> cases = {
        {"no entries", {}},
        {"empty surface", {{"", "ヨミ"}}},
        {"comma", {{"a,b", ""}}},
        {"quote", {{"研究", "\"ケン"}}},
        {"newline", {{"研\n究", ""}}},
    };
    for (const Case& test_case : cases) {
        auto result = CompileUserDictionary(test_case.entries, path);
        ASSERT_FALSE(result.has_value()) << test_case.name;
        EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << test_case.name;
    }
    auto no_dictionary = CompileUserDictionary({{"研究", ""}}, path, "/nonexistent/dic");
    ASSERT_FALSE(no_dictionary.has_value());
    EXPECT_EQ(no_dictionary.error().code, ErrorCode::kInternal);
}

TEST(IsEnglishStopWord, KnowsTheSnowballList) {
    for (std::string_view word : {"the", "and", "don't", "yourselves", "a", "i"}) {
        EXPECT_TRUE(IsEnglishStopWord(word)) << word;
    }
    for (std::string_view word : {"sensor", "The", "", "will", "can"}) {
        EXPECT_FALSE(IsEnglishStopWord(word)) << word;
    }
}

}  // namespace
}  // namespace kc::engines::text
