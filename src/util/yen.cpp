#include "util/yen.h"

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <optional>

#include "util/text.h"

namespace kc {
namespace {

constexpr uint64_t kInt64Max = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

constexpr std::string_view kYenSign = "\xC2\xA5";               // U+00A5 ¥
constexpr std::string_view kFullWidthYenSign = "\xEF\xBF\xA5";  // U+FFE5 ￥
constexpr std::string_view kEn = "円";

// A power of ten that fits in uint64, or nullopt.
std::optional<uint64_t> PowerOfTen(int exponent) {
    if (exponent < 0 || exponent > 19) return std::nullopt;
    uint64_t result = 1;
    for (int i = 0; i < exponent; ++i) result *= 10;
    return result;
}

// Why an amount was rejected; the empty reason gives the generic message only.
struct YenError {
    std::string reason;
};

// A decimal number as written: mantissa digits and how many of them follow the point.
struct Decimal {
    uint64_t mantissa = 0;
    int fraction_digits = 0;
};

class YenParser {
  public:
    explicit YenParser(std::string_view text) : text_(text) {}

    // Parses the whole text (already width-folded and trimmed, sign and currency removed).
    std::optional<uint64_t> Parse(YenError& error) {
        uint64_t total = 0;
        int previous_exponent = -1;  // exponent of the previous unit; -1 before the first group
        bool previous_had_decimal = false;
        while (pos_ < text_.size()) {
            if (previous_had_decimal) {
                error.reason = "a decimal such as 1.5億 cannot be followed by smaller units";
                return std::nullopt;
            }
            std::optional<Decimal> number = ParseNumber(error);
            if (!number) return std::nullopt;
            int exponent = 0;
            if (Consume("千")) exponent += 3;
            bool has_big_unit = true;
            if (Consume("兆")) {
                exponent += 12;
            } else if (Consume("億")) {
                exponent += 8;
            } else if (Consume("万")) {
                exponent += 4;
            } else {
                has_big_unit = false;
            }
            if (!has_big_unit && pos_ < text_.size()) return std::nullopt;  // garbage after digits
            std::optional<uint64_t> value = Scale(*number, exponent, error);
            if (!value) return std::nullopt;
            if (previous_exponent >= 0) {
                // Each part must be smaller than the unit before it: 3億2000万, not 3億20000万.
                if (exponent >= previous_exponent || *value >= *PowerOfTen(previous_exponent)) {
                    error.reason = "units must go from large to small, as in 3億2000万円";
                    return std::nullopt;
                }
            }
            if (total > kInt64Max + 1 - *value) {
                error.reason = TooLarge();
                return std::nullopt;
            }
            total += *value;
            previous_exponent = exponent;
            previous_had_decimal = number->fraction_digits > 0;
        }
        if (previous_exponent < 0) return std::nullopt;  // no digits at all
        return total;
    }

    static std::string TooLarge() {
        return "too large: the limit is 9,223,372,036,854,775,807 yen";
    }

  private:
    bool Consume(std::string_view token) {
        if (!text_.substr(pos_).starts_with(token)) return false;
        pos_ += token.size();
        return true;
    }

    bool AtDigit() const { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; }

    // Appends the digit at pos_ to `number`; false on overflow of the mantissa.
    bool TakeDigit(Decimal& number, YenError& error) {
        const auto digit = static_cast<uint64_t>(text_[pos_] - '0');
        if (number.mantissa > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
            error.reason = TooLarge();
            return false;
        }
        number.mantissa = number.mantissa * 10 + digit;
        ++pos_;
        return true;
    }

    // Digits with optional thousands commas (first group 1-3 digits, then groups of exactly 3)
    // and an optional fraction.
    std::optional<Decimal> ParseNumber(YenError& error) {
        Decimal number;
        if (!AtDigit()) return std::nullopt;
        int group_digits = 0;
        bool saw_comma = false;
        while (true) {
            if (AtDigit()) {
                if (!TakeDigit(number, error)) return std::nullopt;
                ++group_digits;
            } else if (pos_ < text_.size() && text_[pos_] == ',') {
                if ((saw_comma && group_digits != 3) || (!saw_comma && group_digits > 3) ||
                    group_digits == 0) {
                    error.reason = MisplacedComma();
                    return std::nullopt;
                }
                saw_comma = true;
                group_digits = 0;
                ++pos_;
            } else {
                break;
            }
        }
        if (saw_comma && group_digits != 3) {
            error.reason = MisplacedComma();
            return std::nullopt;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!AtDigit()) return std::nullopt;
            while (AtDigit()) {
                if (!TakeDigit(number, error)) return std::nullopt;
                ++number.fraction_digits;
            }
        }
        return number;
    }

    static std::string MisplacedComma() {
        return "misplaced comma: after the first comma digits come in groups of three, as in "
               "1,234,567";
    }

    // number × 10^exponent, which must be a whole number that fits.
    static std::optional<uint64_t> Scale(Decimal number, int exponent, YenError& error) {
        while (number.fraction_digits > 0 && number.mantissa % 10 == 0) {
            number.mantissa /= 10;
            --number.fraction_digits;
        }
        if (number.fraction_digits > exponent) {
            error.reason = "fractions of a yen are not allowed";
            return std::nullopt;
        }
        const std::optional<uint64_t> factor = PowerOfTen(exponent - number.fraction_digits);
        uint64_t value = 0;
        if (!factor || __builtin_mul_overflow(number.mantissa, *factor, &value) ||
            value > kInt64Max + 1) {
            error.reason = TooLarge();
            return std::nullopt;
        }
        return value;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

Result<Yen> YenFailure(std::string_view original, const std::string& reason) {
    std::string message =
        fmt::format("expected an amount of yen such as 500000000, ¥500,000,000 or 5億円, got {}",
                    QuoteForMessage(original));
    if (!reason.empty()) message += fmt::format(" ({})", reason);
    return Fail(Error::InvalidArgument(std::move(message)));
}

// Removes a leading sign and sets `negative`; false when there is none. Besides '+' and '-' the
// accounting markers ▲ and △ (used in Japanese statements for negative amounts) count as '-'.
bool ConsumeSign(std::string_view& s, bool& negative) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    } else if (s.starts_with("▲") || s.starts_with("△")) {
        negative = true;
        s.remove_prefix(std::string_view("▲").size());
    } else {
        return false;
    }
    s = Trim(s);
    return true;
}

bool ConsumeCurrency(std::string_view& s) {
    for (std::string_view sign : {kYenSign, kFullWidthYenSign, std::string_view("\\")}) {
        if (s.starts_with(sign)) {
            s.remove_prefix(sign.size());
            s = Trim(s);
            return true;
        }
    }
    return false;
}

}  // namespace

Result<Yen> ParseYen(std::string_view text) {
    const std::string folded = FoldWidth(text);
    std::string_view s = Trim(folded);
    if (s.empty()) return YenFailure(text, "empty");

    bool negative = false;
    const bool had_sign = ConsumeSign(s, negative);
    const bool had_currency = ConsumeCurrency(s);
    if (had_currency && !had_sign) ConsumeSign(s, negative);  // "¥-1,234"
    if (s.ends_with(kEn)) {
        s.remove_suffix(kEn.size());
        s = Trim(s);
    }

    YenError error;
    YenParser parser(s);
    const std::optional<uint64_t> magnitude = parser.Parse(error);
    if (!magnitude) return YenFailure(text, error.reason);
    if (negative) {
        if (*magnitude == kInt64Max + 1) return Yen{std::numeric_limits<int64_t>::min()};
        return Yen{-static_cast<int64_t>(*magnitude)};
    }
    if (*magnitude > kInt64Max) return YenFailure(text, YenParser::TooLarge());
    return Yen{static_cast<int64_t>(*magnitude)};
}

std::string FormatYen(Yen amount) {
    const std::string digits = FormatWithCommas(amount.value);
    if (amount.value < 0) return "-¥" + digits.substr(1);
    return "¥" + digits;
}

std::string FormatYenJapanese(Yen amount) {
    const uint64_t magnitude = amount.value < 0 ? 0 - static_cast<uint64_t>(amount.value)
                                                : static_cast<uint64_t>(amount.value);
    std::string out = amount.value < 0 ? "-" : "";
    if (magnitude < 10'000) return out + FormatWithCommas(static_cast<int64_t>(magnitude)) + "円";
    const uint64_t cho = magnitude / 1'000'000'000'000;
    const uint64_t oku = magnitude / 100'000'000 % 10'000;
    const uint64_t man = magnitude / 10'000 % 10'000;
    const uint64_t rest = magnitude % 10'000;
    if (cho > 0) out += FormatWithCommas(static_cast<int64_t>(cho)) + "兆";
    if (oku > 0) out += fmt::format("{}億", oku);
    if (man > 0) out += fmt::format("{}万", man);
    if (rest > 0) out += fmt::format("{}", rest);
    return out + "円";
}

std::string FormatYenShort(Yen amount) {
    const uint64_t magnitude = amount.value < 0 ? 0 - static_cast<uint64_t>(amount.value)
                                                : static_cast<uint64_t>(amount.value);
    const std::string sign = amount.value < 0 ? "-" : "";
    if (magnitude < 1'000'000) {
        return sign + "¥" + FormatWithCommas(static_cast<int64_t>(magnitude));
    }
    struct Unit {
        uint64_t size;
        const char* suffix;
    };
    constexpr Unit kUnits[] = {{1'000'000, "M"}, {1'000'000'000, "bn"}, {1'000'000'000'000, "tn"}};
    size_t unit = 0;
    while (unit + 1 < std::size(kUnits) && magnitude >= kUnits[unit + 1].size) ++unit;
    // Tenths of the unit, rounded half away from zero; 999.95M rounds to 1000.0M, shown as 1bn.
    uint64_t tenths = (magnitude + kUnits[unit].size / 20) / (kUnits[unit].size / 10);
    if (tenths >= 10'000 && unit + 1 < std::size(kUnits)) {
        ++unit;
        tenths = (magnitude + kUnits[unit].size / 20) / (kUnits[unit].size / 10);
    }
    std::string number = FormatWithCommas(static_cast<int64_t>(tenths / 10));
    if (tenths % 10 != 0) number += fmt::format(".{}", tenths % 10);
    return sign + "¥" + number + kUnits[unit].suffix;
}

}  // namespace kc
