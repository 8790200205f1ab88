#include "util/text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kc {
namespace {

TEST(Trim, RemovesAsciiAndJapaneseSpaces) {
    struct Case {
        std::string_view in;
        std::string_view out;
    };
    const Case cases[] = {
        {"", ""},
        {"   ", ""},
        {" a ", "a"},
        {"\t\r\na b\n", "a b"},
        {"　全角　", "全角"},
        {"\xC2\xA0x\xC2\xA0", "x"},
        {"　 \t", ""},
        {"a", "a"},
    };
    for (const auto& c : cases) EXPECT_EQ(Trim(c.in), c.out) << c.in;
}

TEST(SplitList, TrimsAndDropsEmpties) {
    struct Case {
        std::string_view in;
        char sep;
        std::vector<std::string> out;
    };
    const std::vector<Case> cases = {
        {"a; b;c", ';', {"a", "b", "c"}},
        {"a;;b; ;", ';', {"a", "b"}},
        {"", ';', {}},
        {" ; ", ';', {}},
        {"水素；燃料電池、触媒", ';', {"水素", "燃料電池", "触媒"}},
        {"a,b , c", ',', {"a", "b", "c"}},
        {"a、b", ',', {"a、b"}},
        {"a|b", '|', {"a", "b"}},
        {"  single  ", ';', {"single"}},
    };
    for (const auto& c : cases) EXPECT_EQ(SplitList(c.in, c.sep), c.out) << c.in;
}

TEST(JoinList, JoinsWithSeparator) {
    EXPECT_EQ(JoinList({}, "; "), "");
    EXPECT_EQ(JoinList({"a"}, "; "), "a");
    EXPECT_EQ(JoinList({"a", "b", "c"}, "; "), "a; b; c");
    EXPECT_EQ(SplitList(JoinList({"x", "y"}, ";"), ';'), (std::vector<std::string>{"x", "y"}));
}

TEST(FoldWidth, ConvertsFullWidthAscii) {
    EXPECT_EQ(FoldWidth("１２３"), "123");
    EXPECT_EQ(FoldWidth("ＡＢＣａｂｃ"), "ABCabc");
    EXPECT_EQ(FoldWidth("！～"), "!~");
    EXPECT_EQ(FoldWidth("１，２３４．５"), "1,234.5");
    EXPECT_EQ(FoldWidth("－５"), "-5");
    EXPECT_EQ(FoldWidth("−５"), "-5");
    EXPECT_EQ(FoldWidth("a　b"), "a b");
    EXPECT_EQ(FoldWidth("①㈱ｶﾅ漢字"), "①㈱ｶﾅ漢字");
    EXPECT_EQ(FoldWidth("\xEF\xBC"), "\xEF\xBC");  // truncated sequence copied as is
}

TEST(FormatWithCommas, GroupsThousands) {
    EXPECT_EQ(FormatWithCommas(0), "0");
    EXPECT_EQ(FormatWithCommas(999), "999");
    EXPECT_EQ(FormatWithCommas(1000), "1,000");
    EXPECT_EQ(FormatWithCommas(1234567), "1,234,567");
    EXPECT_EQ(FormatWithCommas(-1234), "-1,234");
    EXPECT_EQ(FormatWithCommas(-999), "-999");
    EXPECT_EQ(FormatWithCommas(std::numeric_limits<int64_t>::min()), "-9,223,372,036,854,775,808");
}

TEST(QuoteForMessage, EscapesAndTruncates) {
    EXPECT_EQ(QuoteForMessage("abc"), "\"abc\"");
    EXPECT_EQ(QuoteForMessage("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(QuoteForMessage("a\nb\t\x01"), "\"a\\nb\\t\\x01\"");
    EXPECT_EQ(QuoteForMessage("日本"), "\"日本\"");
    const std::string long_text(100, 'x');
    EXPECT_EQ(QuoteForMessage(long_text), "\"" + std::string(80, 'x') + "...\"");
    // Cut at a character boundary: 27 three-byte characters are 81 bytes.
    std::string kanji;
    for (int i = 0; i < 27; ++i) kanji += "漢";
    std::string expected = "\"";
    for (int i = 0; i < 26; ++i) expected += "漢";
    expected += "...\"";
    EXPECT_EQ(QuoteForMessage(kanji), expected);
}

TEST(ParseInt, AcceptsSignsAndFullWidth) {
    struct Case {
        std::string_view text;
        int64_t value;
    };
    const Case cases[] = {
        {"0", 0},
        {"42", 42},
        {"-7", -7},
        {"+3", 3},
        {" 12 ", 12},
        {"１２３", 123},
        {"－４５", -45},
        {"007", 7},
        {"9223372036854775807", std::numeric_limits<int64_t>::max()},
        {"-9223372036854775808", std::numeric_limits<int64_t>::min()},
    };
    for (const auto& c : cases) {
        auto result = ParseInt(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(*result, c.value) << c.text;
    }
}

TEST(ParseInt, RejectsWithClearErrors) {
    struct Case {
        std::string_view text;
        std::string_view message;
    };
    const Case cases[] = {
        {"12a", "expected an integer such as 42 or -7, got \"12a\""},
        {"", "expected an integer such as 42 or -7, got \"\" (empty)"},
        {"-", "expected an integer such as 42 or -7, got \"-\""},
        {"1.5", "expected an integer such as 42 or -7, got \"1.5\""},
        {"1,000", "expected an integer such as 42 or -7, got \"1,000\""},
        {"9223372036854775808",
         "expected an integer such as 42 or -7, got \"9223372036854775808\" (outside "
         "-9223372036854775808..9223372036854775807)"},
        {"-9223372036854775809",
         "expected an integer such as 42 or -7, got \"-9223372036854775809\" (outside "
         "-9223372036854775808..9223372036854775807)"},
        {"99999999999999999999999",
         "expected an integer such as 42 or -7, got \"99999999999999999999999\" (outside "
         "-9223372036854775808..9223372036854775807)"},
        {"--1", "expected an integer such as 42 or -7, got \"--1\""},
        {"1 2", "expected an integer such as 42 or -7, got \"1 2\""},
    };
    for (const auto& c : cases) {
        auto result = ParseInt(c.text);
        ASSERT_FALSE(result.has_value()) << c.text;
        EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(result.error().message, c.message);
    }
}

TEST(ParseDouble, AcceptsDecimalForms) {
    struct Case {
        std::string_view text;
        double value;
    };
    const Case cases[] = {
        {"3.14", 3.14}, {"-2", -2.0},    {"+0.5", 0.5}, {".5", 0.5},           {"1e3", 1000.0},
        {"1E-2", 0.01}, {"５．５", 5.5}, {" 7 ", 7.0},  {"－１．２５", -1.25}, {"0", 0.0},
    };
    for (const auto& c : cases) {
        auto result = ParseDouble(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_DOUBLE_EQ(*result, c.value) << c.text;
    }
}

TEST(ParseDouble, RejectsNonNumbers) {
    const std::string_view cases[] = {"",     "abc", "1.2.3", "inf", "nan", "-inf",
                                      "0x10", "1e",  "1e999", "+",   "1,5", "3.14abc"};
    for (std::string_view text : cases) {
        auto result = ParseDouble(text);
        ASSERT_FALSE(result.has_value()) << text << " parsed as " << *result;
        EXPECT_TRUE(result.error().message.starts_with("expected a number such as 3.14 or -2, got"))
            << result.error().message;
    }
}

TEST(NormalizeNfkc, FoldsCompatibilityForms) {
    EXPECT_EQ(NormalizeNfkc("ＡＢＣ１２３"), "ABC123");
    EXPECT_EQ(NormalizeNfkc("㈱"), "(株)");
    EXPECT_EQ(NormalizeNfkc("ｶﾀｶﾅ"), "カタカナ");
    EXPECT_EQ(NormalizeNfkc("①"), "1");
    EXPECT_EQ(NormalizeNfkc("\xE3\x82\xAB\xE3\x82\x99"), "ガ");  // カ + U+3099 composes
    EXPECT_EQ(NormalizeNfkc("plain"), "plain");
    EXPECT_EQ(NormalizeNfkc(""), "");
    EXPECT_EQ(NormalizeNfkc("a\xFF"), "a\xEF\xBF\xBD");  // invalid byte -> U+FFFD
}

TEST(ParseBool, AcceptsCommonAnswers) {
    struct Case {
        std::string_view text;
        bool value;
    };
    const Case cases[] = {
        {"true", true},   {"TRUE", true},    {"1", true},   {"yes", true},    {"Y", true},
        {"on", true},     {"はい", true},    {"有", true},  {"ｙｅｓ", true}, {" true ", true},
        {"false", false}, {"False", false},  {"0", false},  {"no", false},    {"n", false},
        {"off", false},   {"いいえ", false}, {"無", false}, {"０", false},
    };
    for (const auto& c : cases) {
        auto result = ParseBool(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(*result, c.value) << c.text;
    }
}

TEST(ParseBool, RejectsOtherWords) {
    for (std::string_view text : {"", "maybe", "2", "yess", "真"}) {
        auto result = ParseBool(text);
        ASSERT_FALSE(result.has_value()) << text;
        EXPECT_TRUE(result.error().message.starts_with("expected true/false, yes/no"))
            << result.error().message;
    }
    EXPECT_EQ(ParseBool("maybe").error().message,
              "expected true/false, yes/no, y/n, 1/0, on/off, はい/いいえ or 有/無, got \"maybe\"");
}

}  // namespace
}  // namespace kc
