#include "engines/text/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/encoding.h"

namespace kc::engines::text {
namespace {

TEST(TruncateUtf8, CutsAtACharacterBoundary) {
    struct Case {
        std::string name, input;
        size_t max_bytes;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"short enough", "abc", 3, "abc"},
        {"ascii", "abcdef", 4, "abcd"},
        {"inside a 3-byte character", "研究", 4, "研"},
        {"at a boundary", "研究", 3, "研"},
        {"before the first character ends", "研究", 2, ""},
        {"inside a 4-byte character", "a\xf0\x9f\x98\x80", 3, "a"},
        {"zero", "abc", 0, ""},
        {"invalid bytes are left to repair", "\x80\x80\x80\x80\x80", 2, ""},
    };
    for (const Case& test_case : cases) {
        EXPECT_EQ(TruncateUtf8(test_case.input, test_case.max_bytes), test_case.expected)
            << test_case.name;
    }
}

TEST(RepairUtf8, ReplacesMaximalSubpartsAndControls) {
    struct Case {
        std::string name, input, expected;
    };
    const std::vector<Case> cases = {
        {"valid", "abc 研究 😀", "abc 研究 😀"},
        {"lone continuation",
         "a\x80"
         "b",
         "a\uFFFD"
         "b"},
        {"invalid lead", "\xc0\xff", "\uFFFD\uFFFD"},
        {"truncated 3-byte",
         "\xe7\xa0"
         "a",
         "\uFFFD"
         "a"},
        {"truncated at end", "a\xe7\xa0", "a\uFFFD"},
        {"surrogate", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"},
        {"overlong", "\xe0\x80\xaf", "\uFFFD\uFFFD\uFFFD"},
        {"above U+10FFFF", "\xf4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},
        {"NUL", std::string("a\0b", 3), "a b"},
        {"tab newline kept", "a\tb\nc\r", "a\tb\nc\r"},
        {"escape and DEL", "\x1b[0m\x7f", " [0m "},
        {"C1 control",
         "a\xc2\x85"
         "b",
         "a b"},
        {"NBSP kept",
         "a\xc2\xa0"
         "b",
         "a\xc2\xa0"
         "b"},
    };
    for (const Case& test_case : cases) {
        const std::string repaired = RepairUtf8(test_case.input);
        EXPECT_EQ(repaired, test_case.expected) << test_case.name;
        EXPECT_TRUE(IsValidUtf8(repaired)) << test_case.name;
    }
    std::string all_bytes;
    for (int byte = 0; byte < 256; ++byte) all_bytes.push_back(static_cast<char>(byte));
    EXPECT_TRUE(IsValidUtf8(RepairUtf8(all_bytes)));
}

TEST(FoldedText, MapsFoldedRangesBackToTheSource) {
    const std::string source = "ＡＢＣ　Data ｺﾝﾋﾟｭｰﾀ ㈱x";
    const FoldedText folded = FoldedText::Fold(source);
    EXPECT_EQ(folded.Text(), "abc data コンピュータ (株)x");
    const auto span = [&](std::string_view folded_part) {
        const size_t begin = folded.Text().find(folded_part);
        const auto [first, last] = folded.SourceRange(begin, begin + folded_part.size());
        return source.substr(first, last - first);
    };
    EXPECT_EQ(span("abc"), "ＡＢＣ");
    EXPECT_EQ(span("b"), "Ｂ");
    EXPECT_EQ(span("data"), "Data");
    EXPECT_EQ(span("at"), "at");
    EXPECT_EQ(span("コンピュータ"), "ｺﾝﾋﾟｭｰﾀ");
    EXPECT_EQ(span("ピ"), "ﾋﾟ");
    EXPECT_EQ(span("株"), "㈱");
    EXPECT_EQ(span("x"), "x");
}

TEST(FoldedText, DeletedCharactersStayInsideTheSpan) {
    const std::string source = "co\u00ADoperate";  // soft hyphen, removed by NFKC_Casefold
    const FoldedText folded = FoldedText::Fold(source);
    EXPECT_EQ(folded.Text(), "cooperate");
    const auto [first, last] = folded.SourceRange(0, folded.Text().size());
    EXPECT_EQ(source.substr(first, last - first), source);
}

TEST(FoldedText, EmptyText) { EXPECT_EQ(FoldedText::Fold("").Text(), ""); }

TEST(ClassOf, SortsCharactersIntoScripts) {
    struct Case {
        char32_t code_point;
        CharClass expected;
    };
    const std::vector<Case> cases = {
        {U'a', CharClass::kWord},      {U'7', CharClass::kWord},
        {U'é', CharClass::kWord},      {U'β', CharClass::kWord},
        {U'한', CharClass::kWord},     {U'研', CharClass::kJapanese},
        {U'ぶ', CharClass::kJapanese}, {U'ブ', CharClass::kJapanese},
        {U'ー', CharClass::kJapanese}, {U'々', CharClass::kJapanese},
        {U'𠮷', CharClass::kJapanese}, {U'・', CharClass::kOther},
        {U'、', CharClass::kOther},    {U' ', CharClass::kOther},
        {U'-', CharClass::kOther},     {U'\uFFFD', CharClass::kOther},
        {U'\u0301', CharClass::kMark}, {U'😀', CharClass::kOther},
    };
    for (const Case& test_case : cases) {
        EXPECT_EQ(ClassOf(test_case.code_point), test_case.expected)
            << "U+" << std::hex << static_cast<uint32_t>(test_case.code_point);
    }
}

TEST(UnifyKana, MapsKatakanaAndDropsAFinalLongVowel) {
    struct Case {
        std::string input, expected;
    };
    const std::vector<Case> cases = {
        {"コンピューター", "こんぴゅーた"},
        {"コーヒー", "こーひ"},
        {"カバー", "かばー"},
        {"ユーザー", "ゆーざ"},
        {"ーーーー", "ーーーー"},
        {"ヽヾ", "ゝゞ"},
        {"ヷ", "ヷ"},
        {"研究", "研究"},
        {"サーバーと", "さーばーと"},
        {"", ""},
    };
    for (const Case& test_case : cases) {
        EXPECT_EQ(UnifyKana(test_case.input), test_case.expected) << test_case.input;
    }
}

TEST(IsSingleKana, OneKanaCharacter) {
    EXPECT_TRUE(IsSingleKana("ぶ"));
    EXPECT_TRUE(IsSingleKana("カ"));
    EXPECT_TRUE(IsSingleKana("ー"));
    EXPECT_FALSE(IsSingleKana("研"));
    EXPECT_FALSE(IsSingleKana("ぶど"));
    EXPECT_FALSE(IsSingleKana(""));
    EXPECT_FALSE(IsSingleKana("a"));
}

}  // namespace
}  // namespace kc::engines::text
