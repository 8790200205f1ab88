#include "util/yen.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace kc {
namespace {

struct YenCase {
    std::string_view text;
    int64_t value;
};

TEST(ParseYen, AcceptsPlainAndCommaForms) {
    const YenCase cases[] = {
        {"0", 0},
        {"1234567", 1234567},
        {"¥1,234,567", 1234567},
        {"￥1,234,567", 1234567},
        {"\\1,234,567", 1234567},
        {"1,234,567円", 1234567},
        {"¥1,234円", 1234},
        {"  500000000  ", 500000000},
        {"1,000", 1000},
        {"999", 999},
        {"1234.00", 1234},
        {"¥ 1,234", 1234},
        {"1234 円", 1234},
    };
    for (const auto& c : cases) {
        auto result = ParseYen(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(result->value, c.value) << c.text;
    }
}

TEST(ParseYen, AcceptsJapaneseUnits) {
    const YenCase cases[] = {
        {"5億円", 500'000'000},          {"5億", 500'000'000},
        {"500万円", 5'000'000},          {"3億2000万円", 320'000'000},
        {"75億円", 7'500'000'000},       {"1兆円", 1'000'000'000'000},
        {"1兆2億円", 1'000'200'000'000}, {"1億5000万3000円", 150'003'000},
        {"1億5000円", 100'005'000},      {"1,200億円", 120'000'000'000},
        {"5千万円", 50'000'000},         {"5千円", 5'000},
        {"2万3456円", 23'456},
    };
    for (const auto& c : cases) {
        auto result = ParseYen(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(result->value, c.value) << c.text;
    }
}

TEST(ParseYen, AcceptsOkuWithDecimal) {
    const YenCase cases[] = {
        {"1.5億円", 150'000'000},        {"7.5億", 750'000'000},    {"0.5億円", 50'000'000},
        {"1.23456789億円", 123'456'789}, {"2.5万円", 25'000},       {"1.5兆円", 1'500'000'000'000},
        {"3億2.5万円", 300'025'000},     {"1.50億円", 150'000'000},
    };
    for (const auto& c : cases) {
        auto result = ParseYen(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(result->value, c.value) << c.text;
    }
}

TEST(ParseYen, AcceptsFullWidthForms) {
    const YenCase cases[] = {
        {"１２３４５６７", 1234567}, {"￥１，２３４，５６７", 1234567},
        {"１．５億円", 150'000'000}, {"３億２０００万円", 320'000'000},
        {"　５億円　", 500'000'000}, {"－５０００", -5000},
    };
    for (const auto& c : cases) {
        auto result = ParseYen(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(result->value, c.value) << c.text;
    }
}

TEST(ParseYen, AcceptsNegativeAmounts) {
    const YenCase cases[] = {
        {"-5000", -5000},   {"+5000", 5000},   {"−5000", -5000},  {"-¥1,234", -1234},
        {"¥-1,234", -1234}, {"▲5,000", -5000}, {"△5,000", -5000}, {"-1.5億円", -150'000'000},
    };
    for (const auto& c : cases) {
        auto result = ParseYen(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(result->value, c.value) << c.text;
    }
}

TEST(ParseYen, AcceptsInt64Limits) {
    auto max = ParseYen("9,223,372,036,854,775,807");
    ASSERT_TRUE(max.has_value()) << max.error().message;
    EXPECT_EQ(max->value, std::numeric_limits<int64_t>::max());
    auto min = ParseYen("-9223372036854775808");
    ASSERT_TRUE(min.has_value()) << min.error().message;
    EXPECT_EQ(min->value, std::numeric_limits<int64_t>::min());
    auto units = ParseYen("922万3372兆368億5477万5807円");
    EXPECT_FALSE(units.has_value());  // 万 before 兆: units must decrease
    auto cho = ParseYen("9223372兆368億5477万5807円");
    ASSERT_TRUE(cho.has_value()) << cho.error().message;
    EXPECT_EQ(cho->value, std::numeric_limits<int64_t>::max());
}

TEST(ParseYen, ComputesDecimalsExactly) {
    // Exactly one yen, so accepted; one tenth of a yen is not.
    auto one = ParseYen("0.00000001億");
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(one->value, 1);
    EXPECT_FALSE(ParseYen("0.000000001億").has_value());
    // A value that floating point would round: 0.29億 * 1e8 = 28999999.999... in double.
    auto exact = ParseYen("0.29億");
    ASSERT_TRUE(exact.has_value());
    EXPECT_EQ(exact->value, 29'000'000);
}

struct BadYenCase {
    std::string_view text;
    std::string_view reason;  // expected substring of the message
};

TEST(ParseYen, RejectsBadInputWithClearErrors) {
    const BadYenCase cases[] = {
        {"", "(empty)"},
        {"   ", "(empty)"},
        {"abc", "got \"abc\""},
        {"1,23", "misplaced comma"},
        {"12,34,567", "misplaced comma"},
        {"1234,567", "misplaced comma"},
        {",123", "got"},
        {"1,,234", "misplaced comma"},
        {"1.5", "fractions of a yen are not allowed"},
        {"1234.5円", "fractions of a yen are not allowed"},
        {"0.000000001億", "fractions of a yen are not allowed"},
        {"9223372036854775808", "too large"},
        {"99999999999999999999999", "too large"},
        {"10000000兆円", "too large"},
        {"3億20000万円", "units must go from large to small"},
        {"5万3億円", "units must go from large to small"},
        {"5億5億円", "units must go from large to small"},
        {"1.5億2000万円", "cannot be followed by smaller units"},
        {"5億円円", "got"},
        {"億円", "got"},
        {"円", "got"},
        {"¥", "got"},
        {"5.", "got"},
        {".5億", "got"},
        {"1 234", "got"},
        {"12a", "got \"12a\""},
        {"--5", "got"},
        {"5ドル", "got"},
    };
    for (const auto& c : cases) {
        auto result = ParseYen(c.text);
        ASSERT_FALSE(result.has_value()) << c.text << " parsed as " << result->value;
        EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
        EXPECT_TRUE(result.error().message.starts_with(
            "expected an amount of yen such as 500000000, ¥500,000,000 or 5億円, got "))
            << result.error().message;
        EXPECT_NE(result.error().message.find(c.reason), std::string::npos)
            << c.text << ": " << result.error().message;
    }
}

TEST(ParseYen, ErrorMessageQuotesTheInput) {
    auto result = ParseYen("abc");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message,
              "expected an amount of yen such as 500000000, ¥500,000,000 or 5億円, got \"abc\"");
    auto comma = ParseYen("1,23");
    ASSERT_FALSE(comma.has_value());
    EXPECT_EQ(comma.error().message,
              "expected an amount of yen such as 500000000, ¥500,000,000 or 5億円, got \"1,23\" "
              "(misplaced comma: after the first comma digits come in groups of three, as in "
              "1,234,567)");
}

struct FormatCase {
    int64_t value;
    std::string_view text;
};

TEST(FormatYen, UsesYenSignAndCommas) {
    const FormatCase cases[] = {
        {0, "¥0"},
        {1, "¥1"},
        {999, "¥999"},
        {1000, "¥1,000"},
        {1234567, "¥1,234,567"},
        {-1234, "-¥1,234"},
        {std::numeric_limits<int64_t>::max(), "¥9,223,372,036,854,775,807"},
        {std::numeric_limits<int64_t>::min(), "-¥9,223,372,036,854,775,808"},
    };
    for (const auto& c : cases) EXPECT_EQ(FormatYen(Yen{c.value}), c.text) << c.value;
}

TEST(FormatYenJapanese, UsesChoOkuMan) {
    const FormatCase cases[] = {
        {0, "0円"},
        {1234, "1,234円"},
        {9999, "9,999円"},
        {10'000, "1万円"},
        {12'345, "1万2345円"},
        {5'000'000, "500万円"},
        {500'000'000, "5億円"},
        {750'000'000, "7億5000万円"},
        {7'500'000'000, "75億円"},
        {1'000'200'000'000, "1兆2億円"},
        {1'000'000'000'000, "1兆円"},
        {150'003'000, "1億5000万3000円"},
        {-500'000'000, "-5億円"},
        {-1234, "-1,234円"},
        {std::numeric_limits<int64_t>::max(), "9,223,372兆368億5477万5807円"},
    };
    for (const auto& c : cases) EXPECT_EQ(FormatYenJapanese(Yen{c.value}), c.text) << c.value;
}

TEST(FormatYenJapanese, RoundTripsThroughParseYen) {
    const int64_t values[] = {0,
                              1,
                              1234,
                              10'000,
                              12'345,
                              750'000'000,
                              1'000'200'000'000,
                              -500'000'000,
                              std::numeric_limits<int64_t>::max()};
    for (int64_t value : values) {
        auto parsed = ParseYen(FormatYenJapanese(Yen{value}));
        ASSERT_TRUE(parsed.has_value()) << value << ": " << parsed.error().message;
        EXPECT_EQ(parsed->value, value);
        auto western = ParseYen(FormatYen(Yen{value}));
        ASSERT_TRUE(western.has_value()) << value << ": " << western.error().message;
        EXPECT_EQ(western->value, value);
    }
}

TEST(FormatYenShort, RoundsForDisplay) {
    const FormatCase cases[] = {
        {0, "¥0"},
        {12'000, "¥12,000"},
        {999'999, "¥999,999"},
        {1'000'000, "¥1M"},
        {1'200'000, "¥1.2M"},
        {1'250'000, "¥1.3M"},
        {1'249'999, "¥1.2M"},
        {12'500'000, "¥12.5M"},
        {500'000'000, "¥500M"},
        {999'949'999, "¥999.9M"},
        {999'950'000, "¥1bn"},
        {7'500'000'000, "¥7.5bn"},
        {75'000'000'000, "¥75bn"},
        {1'200'000'000'000, "¥1.2tn"},
        {-500'000'000, "-¥500M"},
        {-12'000, "-¥12,000"},
    };
    for (const auto& c : cases) EXPECT_EQ(FormatYenShort(Yen{c.value}), c.text) << c.value;
}

TEST(Yen, OrdersByValue) {
    EXPECT_LT(Yen{1}, Yen{2});
    EXPECT_EQ(Yen{5}, Yen{5});
    EXPECT_GT(Yen{0}, Yen{-1});
}

}  // namespace
}  // namespace kc
