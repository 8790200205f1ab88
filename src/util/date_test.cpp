#include "util/date.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace kc {
namespace {

struct DateCase {
    std::string_view text;
    Date date;
};

TEST(ParseDate, AcceptsWesternForms) {
    const DateCase cases[] = {
        {"2003-02-01", {2003, 2, 1}},     {"2003-2-1", {2003, 2, 1}},
        {"2003/2/1", {2003, 2, 1}},       {"2003/02/01", {2003, 2, 1}},
        {"2003.2.1", {2003, 2, 1}},       {"2003年2月1日", {2003, 2, 1}},
        {"2003年 2月 1日", {2003, 2, 1}}, {"2003年2月1", {2003, 2, 1}},
        {"  2003-02-01  ", {2003, 2, 1}}, {"2004-02-29", {2004, 2, 29}},
        {"2000-02-29", {2000, 2, 29}},    {"1868-01-01", {1868, 1, 1}},
        {"2200-12-31", {2200, 12, 31}},
    };
    for (const auto& c : cases) {
        auto result = ParseDate(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(*result, c.date) << c.text;
    }
}

TEST(ParseDate, AcceptsEraForms) {
    const DateCase cases[] = {
        {"平成15年2月1日", {2003, 2, 1}},   {"H15.2.1", {2003, 2, 1}},
        {"H15/2/1", {2003, 2, 1}},          {"H15-2-1", {2003, 2, 1}},
        {"h15.2.1", {2003, 2, 1}},          {"H15年2月1日", {2003, 2, 1}},
        {"R1.5.1", {2019, 5, 1}},           {"令和元年5月1日", {2019, 5, 1}},
        {"R元.5.1", {2019, 5, 1}},          {"令和7年4月1日", {2025, 4, 1}},
        {"S64.1.7", {1989, 1, 7}},          {"昭和64年1月7日", {1989, 1, 7}},
        {"平成元年1月8日", {1989, 1, 8}},   {"H31.4.30", {2019, 4, 30}},
        {"T15.12.24", {1926, 12, 24}},      {"昭和元年12月25日", {1926, 12, 25}},
        {"大正元年7月30日", {1912, 7, 30}}, {"M45.7.29", {1912, 7, 29}},
        {"明治元年1月25日", {1868, 1, 25}}, {"平成 15年 2月 1日", {2003, 2, 1}},
    };
    for (const auto& c : cases) {
        auto result = ParseDate(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(*result, c.date) << c.text;
    }
}

TEST(ParseDate, AcceptsFullWidthDigits) {
    const DateCase cases[] = {
        {"２００３－０２－０１", {2003, 2, 1}}, {"２００３年２月１日", {2003, 2, 1}},
        {"平成１５年２月１日", {2003, 2, 1}},   {"Ｈ１５．２．１", {2003, 2, 1}},
        {"２００３／２／１", {2003, 2, 1}},
    };
    for (const auto& c : cases) {
        auto result = ParseDate(c.text);
        ASSERT_TRUE(result.has_value()) << c.text << ": " << result.error().message;
        EXPECT_EQ(*result, c.date) << c.text;
    }
}

struct BadDateCase {
    std::string_view text;
    std::string_view reason;  // expected substring of the message
};

TEST(ParseDate, RejectsBadDatesWithReasons) {
    const BadDateCase cases[] = {
        {"", "(empty)"},
        {"2003-02-30", "(February 2003 has 28 days)"},
        {"2003-02-29", "(February 2003 has 28 days)"},
        {"1900-02-29", "(February 1900 has 28 days)"},
        {"2003-04-31", "(April 2003 has 30 days)"},
        {"2003-01-00", "(January 2003 has 31 days)"},
        {"2003-13-01", "(month 13 is not 1..12)"},
        {"2003-00-01", "(month 0 is not 1..12)"},
        {"1867-12-31", "(year 1867 is outside 1868..2200)"},
        {"2201-01-01", "(year 2201 is outside 1868..2200)"},
        {"平成31年5月1日", "(平成 ended on 2019-04-30; 2019-05-01 is 令和元年5月1日)"},
        {"H32.1.1", "(平成 ended on 2019-04-30; 2020-01-01 is 令和2年1月1日)"},
        {"S64.1.8", "(昭和 ended on 1989-01-07; 1989-01-08 is 平成元年1月8日)"},
        {"平成元年1月7日", "(平成 began on 1989-01-08)"},
        {"R1.4.30", "(令和 began on 2019-05-01)"},
        {"H0.1.1", "(era years start at 1 (元年))"},
        {"明治元年1月1日", "(明治 began on 1868-01-25)"},
        {"R999.1.1", "(year 3017 is outside 1868..2200)"},
    };
    for (const auto& c : cases) {
        auto result = ParseDate(c.text);
        ASSERT_FALSE(result.has_value()) << c.text;
        EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(result.error().message.find(c.reason), std::string::npos)
            << c.text << ": " << result.error().message;
    }
}

TEST(ParseDate, RejectsMalformedText) {
    const std::string_view cases[] = {
        "abc",         "2003",        "2003-02",     "03-02-01",      "20030201",
        "2003-02/01",  "2003-02-01x", "2003年2月",   "X15.2.1",       "H15",
        "2003-002-01", "2003-02-001", "12003-02-01", "平成15.2月1日", "2003--02-01",
    };
    for (std::string_view text : cases) {
        auto result = ParseDate(text);
        ASSERT_FALSE(result.has_value()) << text;
        EXPECT_TRUE(result.error().message.starts_with(
            "expected a date like 2003-02-01, 2003/2/1, 2003年2月1日, 平成15年2月1日 or "
            "H15.2.1, got \""))
            << result.error().message;
    }
}

TEST(ParseDate, ErrorMessageMatchesTheDocumentedForm) {
    auto result = ParseDate("2003-02-30");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message,
              "expected a date like 2003-02-01, 2003/2/1, 2003年2月1日, 平成15年2月1日 or H15.2.1, "
              "got \"2003-02-30\" (February 2003 has 28 days)");
}

TEST(FormatDate, IsoJapaneseAndWareki) {
    struct Case {
        Date date;
        std::string_view iso;
        std::string_view japanese;
        std::string_view wareki;
    };
    const Case cases[] = {
        {{2003, 2, 1}, "2003-02-01", "2003年2月1日", "平成15年2月1日"},
        {{2019, 4, 30}, "2019-04-30", "2019年4月30日", "平成31年4月30日"},
        {{2019, 5, 1}, "2019-05-01", "2019年5月1日", "令和元年5月1日"},
        {{2025, 12, 31}, "2025-12-31", "2025年12月31日", "令和7年12月31日"},
        {{1989, 1, 7}, "1989-01-07", "1989年1月7日", "昭和64年1月7日"},
        {{1989, 1, 8}, "1989-01-08", "1989年1月8日", "平成元年1月8日"},
        {{1926, 12, 25}, "1926-12-25", "1926年12月25日", "昭和元年12月25日"},
        {{1912, 7, 30}, "1912-07-30", "1912年7月30日", "大正元年7月30日"},
        {{1868, 1, 25}, "1868-01-25", "1868年1月25日", "明治元年1月25日"},
        {{1868, 1, 1}, "1868-01-01", "1868年1月1日", "1868年1月1日"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FormatIso(c.date), c.iso);
        EXPECT_EQ(FormatJapanese(c.date), c.japanese);
        EXPECT_EQ(FormatWareki(c.date), c.wareki);
        // Each form parses back to the same date.
        for (const std::string& text :
             {FormatIso(c.date), FormatJapanese(c.date), FormatWareki(c.date)}) {
            auto parsed = ParseDate(text);
            ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
            EXPECT_EQ(*parsed, c.date) << text;
        }
    }
}

TEST(IsValidDate, ChecksMonthLengthsAndLeapYears) {
    EXPECT_TRUE(IsValidDate(2004, 2, 29));
    EXPECT_TRUE(IsValidDate(2000, 2, 29));
    EXPECT_FALSE(IsValidDate(1900, 2, 29));
    EXPECT_FALSE(IsValidDate(2003, 2, 29));
    EXPECT_TRUE(IsValidDate(2003, 12, 31));
    EXPECT_FALSE(IsValidDate(2003, 11, 31));
    EXPECT_FALSE(IsValidDate(2003, 0, 1));
    EXPECT_FALSE(IsValidDate(2003, 13, 1));
    EXPECT_FALSE(IsValidDate(2003, 1, 0));
    EXPECT_FALSE(IsValidDate(2003, 1, 32));
    EXPECT_TRUE(IsValidDate(1, 1, 1));
    EXPECT_EQ(DaysInMonth(2024, 2), 29);
    EXPECT_EQ(DaysInMonth(2023, 2), 28);
    EXPECT_EQ(DaysInMonth(2023, 9), 30);
}

TEST(DaysFromCivil, MatchesKnownDays) {
    EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
    EXPECT_EQ(DaysFromCivil({1970, 1, 2}), 1);
    EXPECT_EQ(DaysFromCivil({1969, 12, 31}), -1);
    EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
    EXPECT_EQ(DaysFromCivil({2003, 2, 1}), 12084);
    EXPECT_EQ(DaysFromCivil({1868, 1, 25}), -37231);
    EXPECT_EQ(CivilFromDays(0), (Date{1970, 1, 1}));
    EXPECT_EQ(CivilFromDays(-1), (Date{1969, 12, 31}));
    EXPECT_EQ(CivilFromDays(11017), (Date{2000, 3, 1}));
}

TEST(DaysFromCivil, RoundTripsEveryDayFrom1868To2200) {
    Date expected{1868, 1, 1};
    int64_t days = DaysFromCivil(expected);
    while (expected.year <= 2200) {
        ASSERT_EQ(DaysFromCivil(expected), days) << FormatIso(expected);
        ASSERT_EQ(CivilFromDays(days), expected) << days;
        // Next date by hand.
        if (expected.day < DaysInMonth(expected.year, expected.month)) {
            ++expected.day;
        } else if (expected.month < 12) {
            ++expected.month;
            expected.day = 1;
        } else {
            ++expected.year;
            expected.month = 1;
            expected.day = 1;
        }
        ++days;
    }
}

TEST(AddDays, MovesAcrossMonthsAndYears) {
    EXPECT_EQ(AddDays({2003, 2, 28}, 1), (Date{2003, 3, 1}));
    EXPECT_EQ(AddDays({2004, 2, 28}, 1), (Date{2004, 2, 29}));
    EXPECT_EQ(AddDays({2003, 12, 31}, 1), (Date{2004, 1, 1}));
    EXPECT_EQ(AddDays({2003, 1, 1}, -1), (Date{2002, 12, 31}));
    EXPECT_EQ(AddDays({2003, 1, 1}, 365), (Date{2004, 1, 1}));
    EXPECT_EQ(AddDays({2003, 1, 1}, 0), (Date{2003, 1, 1}));
}

TEST(AddMonths, ClampsToMonthEnd) {
    struct Case {
        Date from;
        int months;
        Date to;
    };
    const Case cases[] = {
        {{2003, 1, 31}, 1, {2003, 2, 28}},    {{2004, 1, 31}, 1, {2004, 2, 29}},
        {{2003, 3, 31}, -1, {2003, 2, 28}},   {{2003, 1, 15}, 12, {2004, 1, 15}},
        {{2003, 1, 15}, -13, {2001, 12, 15}}, {{2003, 5, 31}, 1, {2003, 6, 30}},
        {{2003, 12, 1}, 1, {2004, 1, 1}},     {{2003, 1, 1}, 0, {2003, 1, 1}},
        {{2003, 1, 1}, -1, {2002, 12, 1}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(AddMonths(c.from, c.months), c.to)
            << FormatIso(c.from) << " + " << c.months << " months";
    }
}

TEST(AddYears, ClampsLeapDay) {
    EXPECT_EQ(AddYears({2004, 2, 29}, 1), (Date{2005, 2, 28}));
    EXPECT_EQ(AddYears({2004, 2, 29}, 4), (Date{2008, 2, 29}));
    EXPECT_EQ(AddYears({2003, 6, 15}, -3), (Date{2000, 6, 15}));
}

TEST(Date, OrdersChronologically) {
    EXPECT_LT((Date{2003, 2, 1}), (Date{2003, 2, 2}));
    EXPECT_LT((Date{2003, 2, 28}), (Date{2003, 3, 1}));
    EXPECT_LT((Date{2002, 12, 31}), (Date{2003, 1, 1}));
}

// Sets KC_FIXED_NOW for the duration of a test.
class FixedNow {
  public:
    explicit FixedNow(const char* value) {
        if (const char* old = std::getenv("KC_FIXED_NOW")) old_ = old;
        setenv("KC_FIXED_NOW", value, 1);
    }
    ~FixedNow() {
        if (old_) {
            setenv("KC_FIXED_NOW", old_->c_str(), 1);
        } else {
            unsetenv("KC_FIXED_NOW");
        }
    }

  private:
    std::optional<std::string> old_;
};

TEST(NowTokyo, HonoursFixedNow) {
    struct Case {
        const char* fixed;
        std::string_view now;
        Date today;
    };
    const Case cases[] = {
        {"2026-04-01T09:00:00+09:00", "2026-04-01T09:00:00+09:00", {2026, 4, 1}},
        {"2026-03-31T15:00:00Z", "2026-04-01T00:00:00+09:00", {2026, 4, 1}},
        {"2026-03-31T14:59:59Z", "2026-03-31T23:59:59+09:00", {2026, 3, 31}},
        {"2026-03-31T10:00:00-05:00", "2026-04-01T00:00:00+09:00", {2026, 4, 1}},
        {"2026-04-01T09:00:00.123+0900", "2026-04-01T09:00:00+09:00", {2026, 4, 1}},
        {"2026-04-01T09:00:00", "2026-04-01T09:00:00+09:00", {2026, 4, 1}},
        {"2026-04-01", "2026-04-01T00:00:00+09:00", {2026, 4, 1}},
        {"2024-12-31T23:30:00+09:00", "2024-12-31T23:30:00+09:00", {2024, 12, 31}},
    };
    for (const auto& c : cases) {
        FixedNow fixed(c.fixed);
        EXPECT_EQ(NowTokyoIso(), c.now) << c.fixed;
        EXPECT_EQ(TodayTokyo(), c.today) << c.fixed;
    }
}

TEST(NowTokyo, UsesTheClockWithoutFixedNow) {
    FixedNow fixed("");  // empty means unset
    const std::string now = NowTokyoIso();
    ASSERT_EQ(now.size(), 25u) << now;
    EXPECT_TRUE(now.ends_with("+09:00")) << now;
    EXPECT_EQ(now[10], 'T');
    auto date = ParseDate(now.substr(0, 10));
    ASSERT_TRUE(date.has_value()) << now;
    const Date today = TodayTokyo();
    // The two calls may straddle midnight; allow one day.
    EXPECT_LE(DaysFromCivil(today) - DaysFromCivil(*date), 1);
    EXPECT_GE(today.year, 2024);
}

TEST(NowTokyo, IgnoresMalformedFixedNow) {
    FixedNow fixed("next tuesday");
    const std::string now = NowTokyoIso();
    EXPECT_EQ(now.size(), 25u) << now;
    EXPECT_GE(TodayTokyo().year, 2024);
}

}  // namespace
}  // namespace kc
