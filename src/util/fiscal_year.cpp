#include "util/fiscal_year.h"

#include <fmt/format.h>

#include <optional>

#include "util/text.h"

namespace kc {
namespace {

constexpr int kMinFiscalYear = 1950;
constexpr int kMaxFiscalYear = 2200;

Result<FiscalYear> FiscalYearFailure(std::string_view original, std::string_view reason) {
    std::string message = fmt::format(
        "expected a fiscal year such as 2002, FY2002, 2002年度, 平成14年度 or H14, got {}",
        QuoteForMessage(original));
    if (!reason.empty()) message += fmt::format(" ({})", reason);
    return Fail(Error::InvalidArgument(std::move(message)));
}

bool ConsumePrefix(std::string_view& s, std::string_view prefix) {
    if (!s.starts_with(prefix)) return false;
    s.remove_prefix(prefix.size());
    return true;
}

// Reads all leading ASCII digits (at most 9, so the value fits an int).
std::optional<int> ConsumeDigits(std::string_view& s, size_t& count) {
    count = 0;
    int value = 0;
    while (count < s.size() && s[count] >= '0' && s[count] <= '9') {
        if (count == 9) return std::nullopt;
        value = value * 10 + (s[count] - '0');
        ++count;
    }
    if (count == 0) return std::nullopt;
    s.remove_prefix(count);
    return value;
}

// An era at the start of `s` (kanji name, or a letter followed by a digit, 元 or a space).
const Era* ConsumeEra(std::string_view& s) {
    for (const Era& era : JapaneseEras()) {
        if (ConsumePrefix(s, era.kanji)) return &era;
    }
    if (s.size() >= 2) {
        char c = s[0];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        const bool year_follows =
            (s[1] >= '0' && s[1] <= '9') || s[1] == ' ' || s.substr(1).starts_with("元");
        for (const Era& era : JapaneseEras()) {
            if (era.letter == c && year_follows) {
                s.remove_prefix(1);
                return &era;
            }
        }
    }
    return nullptr;
}

// The calendar year in which `era` ended (the start year of the next era), or nullopt for the
// current era.
std::optional<int> EraLastYear(const Era& era) {
    const std::span<const Era> eras = JapaneseEras();
    for (size_t i = 0; i + 1 < eras.size(); ++i) {
        if (&eras[i] == &era) return eras[i + 1].start.year;
    }
    return std::nullopt;
}

}  // namespace

FiscalYear FiscalYearOf(Date date) {
    return FiscalYear{date.month >= 4 ? date.year : date.year - 1};
}

Date FiscalYearStart(FiscalYear fiscal_year) { return Date{fiscal_year.year, 4, 1}; }

Date FiscalYearEnd(FiscalYear fiscal_year) { return Date{fiscal_year.year + 1, 3, 31}; }

std::string FormatFiscalYear(FiscalYear fiscal_year) {
    return fmt::format("FY{}", fiscal_year.year);
}

std::string FormatFiscalYearJapanese(FiscalYear fiscal_year) {
    const Era* era = EraOf(Date{fiscal_year.year, 5, 1});
    if (era == nullptr) return fmt::format("{}年度", fiscal_year.year);
    const int era_year = fiscal_year.year - era->start.year + 1;
    if (era_year == 1) return fmt::format("{}元年度", era->kanji);
    return fmt::format("{}{}年度", era->kanji, era_year);
}

Result<FiscalYear> ParseFiscalYear(std::string_view text) {
    const std::string folded = FoldWidth(text);
    std::string_view s = Trim(folded);
    if (s.empty()) return FiscalYearFailure(text, "empty");

    int year = 0;
    if (s.size() >= 2 && (s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y')) {
        s.remove_prefix(2);
        s = Trim(s);
        size_t digits = 0;
        std::optional<int> value = ConsumeDigits(s, digits);
        if (!value || digits != 4) return FiscalYearFailure(text, "");
        year = *value;
    } else if (const Era* era = ConsumeEra(s)) {
        s = Trim(s);
        int era_year = 0;
        if (ConsumePrefix(s, "元")) {
            era_year = 1;
        } else {
            size_t digits = 0;
            std::optional<int> value = ConsumeDigits(s, digits);
            if (!value || digits > 3) return FiscalYearFailure(text, "");
            era_year = *value;
        }
        if (era_year < 1) return FiscalYearFailure(text, "era years start at 1 (元年)");
        year = era->start.year + era_year - 1;
        if (std::optional<int> last = EraLastYear(*era); last && year > *last) {
            return FiscalYearFailure(
                text, fmt::format("{} ended in {}; {} is {}", era->kanji, *last, year,
                                  FormatFiscalYearJapanese(FiscalYear{year})));
        }
    } else {
        size_t digits = 0;
        std::optional<int> value = ConsumeDigits(s, digits);
        if (!value || digits != 4) return FiscalYearFailure(text, "");
        year = *value;
    }
    s = Trim(s);
    if (!ConsumePrefix(s, "年度")) ConsumePrefix(s, "年");
    if (!s.empty()) return FiscalYearFailure(text, "");

    if (year < kMinFiscalYear || year > kMaxFiscalYear) {
        return Fail(
            Error::InvalidArgument(fmt::format("fiscal year out of range: expected {}..{}, got {}",
                                               kMinFiscalYear, kMaxFiscalYear, year)));
    }
    return FiscalYear{year};
}

}  // namespace kc
