#include "util/date.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <optional>

#include "util/log.h"
#include "util/text.h"

namespace kc {
namespace {

constexpr int kMinYear = 1868;
constexpr int kMaxYear = 2200;

// In chronological order; each era ends the day before the next begins.
constexpr std::array<Era, 5> kEras = {{
    {"明治", 'M', {1868, 1, 25}},
    {"大正", 'T', {1912, 7, 30}},
    {"昭和", 'S', {1926, 12, 25}},
    {"平成", 'H', {1989, 1, 8}},
    {"令和", 'R', {2019, 5, 1}},
}};

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::string EraYearText(int era_year) {
    return era_year == 1 ? std::string("元") : fmt::format("{}", era_year);
}

// Recursive-descent reader over width-folded, trimmed date text.
class DateScanner {
  public:
    explicit DateScanner(std::string_view text) : text_(text) {}

    bool AtEnd() const { return pos_ >= text_.size(); }

    bool Consume(std::string_view token) {
        if (!text_.substr(pos_).starts_with(token)) return false;
        pos_ += token.size();
        return true;
    }

    void SkipSpaces() {
        while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    }

    std::optional<char> Peek() const {
        if (AtEnd()) return std::nullopt;
        return text_[pos_];
    }

    // Reads min_digits..max_digits decimal digits.
    std::optional<int> Number(int min_digits, int max_digits) {
        int value = 0;
        int digits = 0;
        while (pos_ < text_.size() && digits < max_digits && text_[pos_] >= '0' &&
               text_[pos_] <= '9') {
            value = value * 10 + (text_[pos_] - '0');
            ++digits;
            ++pos_;
        }
        if (digits < min_digits) return std::nullopt;
        // More digits than allowed: not a date of this shape.
        if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') return std::nullopt;
        return value;
    }

    // An era name or letter at the current position.
    const Era* ConsumeEra() {
        for (const Era& era : kEras) {
            if (Consume(era.kanji)) return &era;
        }
        if (pos_ + 1 < text_.size()) {
            char c = text_[pos_];
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            const char next = text_[pos_ + 1];
            const bool year_follows = (next >= '0' && next <= '9') ||
                                      text_.substr(pos_ + 1).starts_with("元") || next == ' ';
            for (const Era& era : kEras) {
                if (era.letter == c && year_follows) {
                    ++pos_;
                    return &era;
                }
            }
        }
        return nullptr;
    }

  private:
    std::string_view text_;
    size_t pos_ = 0;
};

struct ParseFailure {
    std::string reason;  // empty: the text does not have the shape of a date at all
};

Result<Date> DateFailure(std::string_view original, const std::string& reason) {
    std::string message = fmt::format(
        "expected a date like 2003-02-01, 2003/2/1, 2003年2月1日, 平成15年2月1日 or H15.2.1, "
        "got {}",
        QuoteForMessage(original));
    if (!reason.empty()) message += fmt::format(" ({})", reason);
    return Fail(Error::InvalidArgument(std::move(message)));
}

// Parses the shape of a date and the numbers in it; range checks come afterwards.
struct RawDate {
    const Era* era = nullptr;
    int year = 0;  // the era year when `era` is set
    int month = 0;
    int day = 0;
};

std::optional<RawDate> ScanDate(std::string_view text) {
    DateScanner scan(text);
    RawDate raw;
    raw.era = scan.ConsumeEra();
    if (raw.era != nullptr) {
        scan.SkipSpaces();
        if (scan.Consume("元")) {
            raw.year = 1;
        } else {
            std::optional<int> year = scan.Number(1, 3);
            if (!year) return std::nullopt;
            raw.year = *year;
        }
    } else {
        std::optional<int> year = scan.Number(4, 4);
        if (!year) return std::nullopt;
        raw.year = *year;
    }
    bool kanji_style = false;
    char separator = 0;
    if (scan.Consume("年")) {
        kanji_style = true;
        scan.SkipSpaces();
    } else if (std::optional<char> c = scan.Peek(); c && (*c == '-' || *c == '/' || *c == '.')) {
        separator = *c;
        scan.Consume(std::string_view(&separator, 1));
    } else {
        return std::nullopt;
    }
    std::optional<int> month = scan.Number(1, 2);
    if (!month) return std::nullopt;
    raw.month = *month;
    if (kanji_style) {
        if (!scan.Consume("月")) return std::nullopt;
        scan.SkipSpaces();
    } else if (!scan.Consume(std::string_view(&separator, 1))) {
        return std::nullopt;
    }
    std::optional<int> day = scan.Number(1, 2);
    if (!day) return std::nullopt;
    raw.day = *day;
    if (kanji_style) scan.Consume("日");
    if (!scan.AtEnd()) return std::nullopt;
    return raw;
}

// Why y-m-d is not a real date, or "" when it is.
std::string CalendarProblem(int year, int month, int day) {
    if (month < 1 || month > 12) return fmt::format("month {} is not 1..12", month);
    const int days = DaysInMonth(year, month);
    if (day < 1 || day > days) {
        return fmt::format("{} {} has {} days", kMonthNames[static_cast<size_t>(month - 1)], year,
                           days);
    }
    return "";
}

}  // namespace

std::span<const Era> JapaneseEras() { return kEras; }

const Era* EraOf(Date date) {
    const Era* found = nullptr;
    for (const Era& era : kEras) {
        if (era.start <= date) found = &era;
    }
    return found;
}

int DaysInMonth(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && IsLeapYear(year)) return 29;
    return kDays[static_cast<size_t>(month - 1)];
}

bool IsValidDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

Result<Date> ParseDate(std::string_view text) {
    const std::string folded = FoldWidth(text);
    const std::string_view s = Trim(folded);
    if (s.empty()) return DateFailure(text, "empty");
    std::optional<RawDate> raw = ScanDate(s);
    if (!raw) return DateFailure(text, "");

    Date date{raw->year, raw->month, raw->day};
    if (raw->era != nullptr) {
        if (raw->year < 1) return DateFailure(text, "era years start at 1 (元年)");
        date.year = raw->era->start.year + raw->year - 1;
    }
    if (date.year < kMinYear || date.year > kMaxYear) {
        return DateFailure(text,
                           fmt::format("year {} is outside {}..{}", date.year, kMinYear, kMaxYear));
    }
    if (std::string problem = CalendarProblem(date.year, date.month, date.day); !problem.empty()) {
        return DateFailure(text, problem);
    }
    if (raw->era != nullptr) {
        const Era& era = *raw->era;
        if (date < era.start) {
            return DateFailure(text,
                               fmt::format("{} began on {}", era.kanji, FormatIso(era.start)));
        }
        const Era* actual = EraOf(date);
        if (actual != &era) {
            const Date last_day = AddDays(actual->start, -1);
            return DateFailure(
                text, fmt::format("{} ended on {}; {} is {}", era.kanji, FormatIso(last_day),
                                  FormatIso(date), FormatWareki(date)));
        }
    }
    return date;
}

std::string FormatIso(Date date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string FormatJapanese(Date date) {
    return fmt::format("{}年{}月{}日", date.year, date.month, date.day);
}

std::string FormatWareki(Date date) {
    const Era* era = EraOf(date);
    if (era == nullptr) return FormatJapanese(date);
    return fmt::format("{}{}年{}月{}日", era->kanji, EraYearText(date.year - era->start.year + 1),
                       date.month, date.day);
}

int64_t DaysFromCivil(Date date) {
    // Howard Hinnant's days_from_civil.
    const int64_t y = static_cast<int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
    const int64_t era = FloorDiv(y, 400);
    const int64_t yoe = y - era * 400;  // [0, 399]
    const int64_t m = date.month;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;  // [0, 365]
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                   // [0, 146096]
    return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t days) {
    // Howard Hinnant's civil_from_days.
    const int64_t z = days + 719468;
    const int64_t era = FloorDiv(z, 146097);
    const int64_t doe = z - era * 146097;                                       // [0, 146096]
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

Date AddDays(Date date, int64_t days) { return CivilFromDays(DaysFromCivil(date) + days); }

Date AddMonths(Date date, int months) {
    const int64_t index = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + months;
    const int year = static_cast<int>(FloorDiv(index, 12));
    const int month = static_cast<int>(index - static_cast<int64_t>(year) * 12) + 1;
    return Date{year, month, std::min(date.day, DaysInMonth(year, month))};
}

Date AddYears(Date date, int years) {
    const int year = date.year + years;
    return Date{year, date.month, std::min(date.day, DaysInMonth(year, date.month))};
}

namespace {

constexpr int64_t kTokyoOffsetSeconds = 9 * 3600;

}  // namespace

std::optional<int64_t> ParseTimestamp(std::string_view text) {
    text = Trim(text);
    auto digits = [&](size_t pos, size_t count) -> std::optional<int> {
        if (pos + count > text.size()) return std::nullopt;
        int value = 0;
        for (size_t i = pos; i < pos + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto year = digits(0, 4);
    const auto month = digits(5, 2);
    const auto day = digits(8, 2);
    if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!IsValidDate(*year, *month, *day)) return std::nullopt;
    int64_t seconds = DaysFromCivil(Date{*year, *month, *day}) * 86400;
    if (text.size() == 10) return seconds - kTokyoOffsetSeconds;
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    const auto hour = digits(11, 2);
    const auto minute = digits(14, 2);
    const auto second = digits(17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':') return std::nullopt;
    if (*hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    seconds += *hour * 3600 + *minute * 60 + *second;
    size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
    std::string_view zone = text.substr(pos);
    if (zone.empty()) return seconds - kTokyoOffsetSeconds;
    if (zone == "Z" || zone == "z") return seconds;
    if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
    const int sign = zone[0] == '+' ? 1 : -1;
    std::optional<int> zone_hours;
    std::optional<int> zone_minutes;
    if (zone.size() == 6 && zone[3] == ':') {
        zone_hours = digits(pos + 1, 2);
        zone_minutes = digits(pos + 4, 2);
    } else if (zone.size() == 5) {
        zone_hours = digits(pos + 1, 2);
        zone_minutes = digits(pos + 3, 2);
    }
    if (!zone_hours || !zone_minutes || *zone_hours > 23 || *zone_minutes > 59) {
        return std::nullopt;
    }
    return seconds - sign * (*zone_hours * 3600 + *zone_minutes * 60);
}

namespace {

// Unix seconds of "now": KC_FIXED_NOW when set and valid, else the system clock.
int64_t NowUnixSeconds() {
    if (const char* fixed = std::getenv("KC_FIXED_NOW"); fixed != nullptr && *fixed != '\0') {
        if (std::optional<int64_t> seconds = ParseTimestamp(fixed)) return *seconds;
        static std::atomic<bool> warned{false};
        if (!warned.exchange(true)) {
            LogWarn(
                fmt::format("ignoring KC_FIXED_NOW={}: expected a timestamp such as "
                            "2026-04-01T09:00:00+09:00 or a date such as 2026-04-01",
                            QuoteForMessage(fixed)));
        }
    }
    const auto now = std::chrono::system_clock::now();
    return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

}  // namespace

Date TodayTokyo() { return CivilFromDays(FloorDiv(NowUnixSeconds() + kTokyoOffsetSeconds, 86400)); }

std::string NowTokyoIso() {
    const int64_t local = NowUnixSeconds() + kTokyoOffsetSeconds;
    const int64_t days = FloorDiv(local, 86400);
    const int64_t second_of_day = local - days * 86400;
    return fmt::format("{}T{:02}:{:02}:{:02}+09:00", FormatIso(CivilFromDays(days)),
                       second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
}

}  // namespace kc
