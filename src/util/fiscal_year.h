#pragma once

// The Japanese fiscal year (年度): April 1 to March 31, named by the year it starts in. FY2002
// runs from 2002-04-01 to 2003-03-31 and is 平成14年度.

#include <compare>
#include <string>
#include <string_view>

#include "util/date.h"
#include "util/error.h"

namespace kc {

// A fiscal year, named by the calendar year of its April 1. Ordered chronologically.
struct FiscalYear {
    int year = 2002;
    auto operator<=>(const FiscalYear&) const = default;
};

// The fiscal year containing `date`: 2003-03-31 -> FY2002, 2003-04-01 -> FY2003.
[[nodiscard]] FiscalYear FiscalYearOf(Date date);

// April 1 of the fiscal year: FY2002 -> 2002-04-01.
[[nodiscard]] Date FiscalYearStart(FiscalYear fiscal_year);

// March 31 of the following calendar year: FY2002 -> 2003-03-31.
[[nodiscard]] Date FiscalYearEnd(FiscalYear fiscal_year);

// "FY2002".
[[nodiscard]] std::string FormatFiscalYear(FiscalYear fiscal_year);

// The Japanese name: FY2002 -> "平成14年度". Rule: the era is the one in force on May 1 of the
// fiscal year's first calendar year, and the era year is counted for that calendar year. This
// gives the conventional names across era changes: FY1988 -> "昭和63年度", FY1989 -> "平成元年度",
// FY2018 -> "平成30年度", FY2019 -> "令和元年度" (令和 began on 2019-05-01), FY1926 ->
// "大正15年度". Years before 明治 are written "1850年度".
[[nodiscard]] std::string FormatFiscalYearJapanese(FiscalYear fiscal_year);

// Parses a fiscal year: "2002", "FY2002", "fy2002", "FY 2002", "2002年度", "平成14年度", "H14",
// "H14年度", "令和元年度", "R1" (full-width accepted, whitespace trimmed). An era year must fall
// within its era's calendar years, counting both years of a change: "平成31年度" is FY2019 (as
// budgets written before the change name it) but "平成32年度" is an error. The result must lie
// in 1950..2200, else `fiscal year out of range: expected 1950..2200, got 3000`; other errors
// read `expected a fiscal year such as 2002, FY2002, 2002年度, 平成14年度 or H14, got "abc"`.
[[nodiscard]] Result<FiscalYear> ParseFiscalYear(std::string_view text);

}  // namespace kc
