#include "util/fiscal_year.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace kc {
namespace {

TEST(FiscalYearOf, StartsOnAprilFirst) {
    struct Case {
        Date date;
        int fiscal_year;
    };
    const Case cases[] = {
        {{2003, 3, 31}, 2002},  {{2003, 4, 1}, 2003},  {{2003, 1, 1}, 2002},
        {{2003, 12, 31}, 2003}, {{2019, 4, 30}, 2019}, {{2019, 5, 1}, 2019},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FiscalYearOf(c.date).year, c.fiscal_year) << FormatIso(c.date);
    }
}

TEST(FiscalYearStart, RunsAprilToMarch) {
    EXPECT_EQ(FiscalYearStart(FiscalYear{2002}), (Date{2002, 4, 1}));
    EXPECT_EQ(FiscalYearEnd(FiscalYear{2002}), (Date{2003, 3, 31}));
    for (int year = 1950; year <= 2200; ++year) {
        const FiscalYear fy{year};
        EXPECT_EQ(FiscalYearOf(FiscalYearStart(fy)), fy);
        EXPECT_EQ(FiscalYearOf(FiscalYearEnd(fy)), fy);
        EXPECT_EQ(AddDays(FiscalYearEnd(fy), 1), FiscalYearStart(FiscalYear{year + 1}));
    }
}

TEST(FormatFiscalYear, WritesFyPrefix) {
    EXPECT_EQ(FormatFiscalYear(FiscalYear{2002}), "FY2002");
    EXPECT_EQ(FormatFiscalYear(FiscalYear{2019}), "FY2019");
}

TEST(FormatFiscalYearJapanese, UsesConventionalEraAcrossChanges) {
    struct Case {
        int year;
        std::string_view text;
    };
    const Case cases[] = {
        {2002, "平成14年度"}, {2018, "平成30年度"}, {2019, "令和元年度"}, {2020, "令和2年度"},
        {1988, "昭和63年度"}, {1989, "平成元年度"}, {1950, "昭和25年度"}, {1926, "大正15年度"},
        {1927, "昭和2年度"},  {1912, "明治45年度"}, {1913, "大正2年度"},  {1850, "1850年度"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FormatFiscalYearJapanese(FiscalYear{c.year}), c.text) << c.year;
    }
}

TEST(ParseFiscalYear, AcceptsAllForms) {
    struct Case {
        std::string_view text;
        int year;
    };
    const Case cases[] = {
        {"2002", 2002},       {"FY2002", 2002},       {"fy2002", 2002},       {"Fy2002", 2002},
        {"FY 2002", 2002},    {"2002年度", 2002},     {"平成14年度", 2002},   {"H14", 2002},
        {"h14", 2002},        {"H14年度", 2002},      {"令和元年度", 2019},   {"R1", 2019},
        {"R元", 2019},        {"平成30年度", 2018},   {"平成31年度", 2019},   {"昭和63年度", 1988},
        {"平成元年度", 1989}, {"ＦＹ２００２", 2002}, {"２００２年度", 2002}, {" 2002 ", 2002},
        {"FY1950", 1950},     {"2200", 2200},         {"令和7年度", 2025},    {"S25", 1950},
        {"2002年", 2002},
    };
    for (const auto& c : cases) {
        auto result = ParseFiscalYear(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(result->year, c.year) << c.text;
    }
}

TEST(ParseFiscalYear, RoundTripsFormats) {
    for (int year = 1950; year <= 2200; ++year) {
        const FiscalYear fy{year};
        auto western = ParseFiscalYear(FormatFiscalYear(fy));
        ASSERT_TRUE(western.has_value()) << year;
        EXPECT_EQ(*western, fy);
        auto japanese = ParseFiscalYear(FormatFiscalYearJapanese(fy));
        ASSERT_TRUE(japanese.has_value())
            << FormatFiscalYearJapanese(fy) << ": " << japanese.error().message;
        EXPECT_EQ(*japanese, fy);
    }
}

TEST(ParseFiscalYear, RejectsOutOfRange) {
    auto result = ParseFiscalYear("3000");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().message, "fiscal year out of range: expected 1950..2200, got 3000");
    for (std::string_view text : {"1949", "FY2201", "S24", "令和999年度"}) {
        auto bad = ParseFiscalYear(text);
        ASSERT_FALSE(bad.has_value()) << text;
        EXPECT_TRUE(bad.error().message.starts_with("fiscal year out of range: expected "))
            << bad.error().message;
    }
}

TEST(ParseFiscalYear, RejectsMalformedText) {
    struct Case {
        std::string_view text;
        std::string_view reason;
    };
    const Case cases[] = {
        {"", "(empty)"},
        {"abc", "got \"abc\""},
        {"FY02", "got"},
        {"02", "got"},
        {"20022", "got"},
        {"FY", "got"},
        {"H", "got"},
        {"2002年度度", "got"},
        {"H0", "(era years start at 1 (元年))"},
        {"平成32年度", "(平成 ended in 2019; 2020 is 令和2年度)"},
        {"昭和65年度", "(昭和 ended in 1989; 1990 is 平成2年度)"},
        {"X14", "got"},
    };
    for (const auto& c : cases) {
        auto result = ParseFiscalYear(c.text);
        ASSERT_FALSE(result.has_value()) << c.text;
        EXPECT_TRUE(result.error().message.starts_with(
            "expected a fiscal year such as 2002, FY2002, 2002年度, 平成14年度 or H14, got "))
            << result.error().message;
        EXPECT_NE(result.error().message.find(c.reason), std::string::npos)
            << c.text << ": " << result.error().message;
    }
}

}  // namespace
}  // namespace kc
