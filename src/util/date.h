#pragma once

// Calendar dates (proleptic Gregorian, no time zone) with the Japanese era (和暦) forms used in
// government documents, and the current date and time in Japan.

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/error.h"

namespace kc {

// A calendar date. Ordered chronologically. Functions below assume a valid date (IsValidDate)
// unless they parse one.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    auto operator<=>(const Date&) const = default;
};

// A Japanese era (元号): "平成", 'H', beginning on 1989-01-08.
struct Era {
    std::string_view kanji;
    char letter = 0;
    Date start;
};

// The eras from 明治 on, oldest first; each ends the day before the next begins.
[[nodiscard]] std::span<const Era> JapaneseEras();

// The era in force on `date`, or nullptr before 明治 (1868-01-25).
[[nodiscard]] const Era* EraOf(Date date);

// Parses a date as written in Japanese documents: "2003-02-01", "2003/2/1", "2003.2.1",
// "2003年2月1日", "平成15年2月1日", "H15.2.1", "H15/2/1", "R1.5.1", "令和元年5月1日", "S64.1.7",
// "昭和64年1月7日". Eras: 明治 M (from 1868-01-25), 大正 T (1912-07-30), 昭和 S (1926-12-25),
// 平成 H (1989-01-08), 令和 R (2019-05-01); era letters are case-insensitive and "元年" is year 1.
// Full-width digits and separators are accepted and whitespace is trimmed. Western years have
// four digits and must lie in 1868..2200. The date must exist (leap years are checked) and an era
// date must lie inside its era: "平成31年5月1日" and "H32.1.1" are errors (令和 had begun). Errors
// read `expected a date like 2003-02-01, 2003/2/1, 2003年2月1日, 平成15年2月1日 or H15.2.1, got
// "2003-02-30" (February 2003 has 28 days)`.
[[nodiscard]] Result<Date> ParseDate(std::string_view text);

// "2003-02-01".
[[nodiscard]] std::string FormatIso(Date date);

// "2003年2月1日".
[[nodiscard]] std::string FormatJapanese(Date date);

// The era form in force on `date`: "平成15年2月1日", "令和元年5月1日" (元年 for year 1). Dates
// before 明治 (1868-01-25) fall back to FormatJapanese.
[[nodiscard]] std::string FormatWareki(Date date);

// Whether y-m-d exists in the proleptic Gregorian calendar (any year; month 1..12; day within
// the month, 29 February only in leap years). Does not apply ParseDate's 1868..2200 range.
[[nodiscard]] bool IsValidDate(int year, int month, int day);

// Number of days in `month` (1..12) of `year`.
[[nodiscard]] int DaysInMonth(int year, int month);

// Days since 1970-01-01 (negative before it). Exact for any valid date.
[[nodiscard]] int64_t DaysFromCivil(Date date);

// The inverse of DaysFromCivil.
[[nodiscard]] Date CivilFromDays(int64_t days);

// `date` moved by `days` (may be negative).
[[nodiscard]] Date AddDays(Date date, int64_t days);

// `date` moved by `months` (may be negative), clamping the day to the end of the target month:
// 2003-01-31 + 1 month = 2003-02-28.
[[nodiscard]] Date AddMonths(Date date, int months);

// `date` moved by `years`, clamping 29 February to the 28th in non-leap years.
[[nodiscard]] Date AddYears(Date date, int years);

// Today's date in Japan (UTC+9; Japan has no daylight saving time). If the environment variable
// KC_FIXED_NOW holds a timestamp such as "2026-04-01T09:00:00+09:00" (or a date "2026-04-01",
// taken as midnight in Japan) that instant is used instead of the clock, for reproducible tests
// and demos; a malformed value is reported once on stderr and ignored.
[[nodiscard]] Date TodayTokyo();

// The current time in Japan to the second, as "2026-11-29T21:30:05+09:00". Honours KC_FIXED_NOW
// like TodayTokyo.
[[nodiscard]] std::string NowTokyoIso();

// Parses "2026-04-01T09:00:00+09:00" ("Z", "+hh:mm", "+hhmm" or no offset, meaning Japan time;
// a fraction of a second is ignored) or "2026-04-01" (midnight in Japan) into Unix seconds;
// nullopt when the text is not such a timestamp or names an impossible date or time.
[[nodiscard]] std::optional<int64_t> ParseTimestamp(std::string_view text);

}  // namespace kc
