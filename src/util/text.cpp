#include "util/text.h"

#include <fmt/format.h>
#include <unicode/errorcode.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace kc {
namespace {

// Length in bytes of the whitespace character at the start of `text`, or 0.
size_t LeadingSpaceLength(std::string_view text) {
    if (text.empty()) return 0;
    const char c = text[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (text.starts_with("\xC2\xA0")) return 2;      // U+00A0 no-break space
    if (text.starts_with("\xE3\x80\x80")) return 3;  // U+3000 ideographic space
    return 0;
}

// Length in bytes of the whitespace character at the end of `text`, or 0.
size_t TrailingSpaceLength(std::string_view text) {
    if (text.empty()) return 0;
    const char c = text.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (text.ends_with("\xC2\xA0")) return 2;
    if (text.ends_with("\xE3\x80\x80")) return 3;
    return 0;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = AsciiLower(c);
    return out;
}

}  // namespace

std::string_view Trim(std::string_view text) {
    while (size_t n = LeadingSpaceLength(text)) text.remove_prefix(n);
    while (size_t n = TrailingSpaceLength(text)) text.remove_suffix(n);
    return text;
}

std::vector<std::string> SplitList(std::string_view text, char sep) {
    std::vector<std::string> items;
    size_t item_start = 0;
    size_t i = 0;
    auto flush = [&](size_t end) {
        std::string_view item = Trim(text.substr(item_start, end - item_start));
        if (!item.empty()) items.emplace_back(item);
    };
    while (i < text.size()) {
        size_t sep_length = 0;
        if (text[i] == sep) {
            sep_length = 1;
        } else if (sep == ';') {
            std::string_view rest = text.substr(i);
            if (rest.starts_with("\xEF\xBC\x9B") ||  // U+FF1B full-width semicolon
                rest.starts_with("\xE3\x80\x81")) {  // U+3001 ideographic comma
                sep_length = 3;
            }
        }
        if (sep_length > 0) {
            flush(i);
            i += sep_length;
            item_start = i;
        } else {
            ++i;
        }
    }
    flush(text.size());
    return items;
}

std::string JoinList(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += sep;
        out += items[i];
    }
    return out;
}

std::string FoldWidth(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80 || i + 2 >= text.size()) {
            out += text[i];
            continue;
        }
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        const auto b2 = static_cast<unsigned char>(text[i + 2]);
        if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01..U+FF3F
            out += static_cast<char>(b2 - 0x81 + 0x21);
            i += 2;
        } else if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // U+FF40..U+FF5E
            out += static_cast<char>(b2 - 0x80 + 0x60);
            i += 2;
        } else if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // U+3000 ideographic space
            out += ' ';
            i += 2;
        } else if (b0 == 0xE2 && b1 == 0x88 && b2 == 0x92) {  // U+2212 minus sign
            out += '-';
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string QuoteForMessage(std::string_view text) {
    constexpr size_t kMaxBytes = 80;
    bool cut = false;
    if (text.size() > kMaxBytes) {
        size_t end = kMaxBytes;
        // Back up to the start of a UTF-8 character.
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        text = text.substr(0, end);
        cut = true;
    }
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7F) {
            out += fmt::format("\\x{:02X}", u);
        } else {
            out += c;
        }
    }
    if (cut) out += "...";
    out += '"';
    return out;
}

Result<int64_t> ParseInt(std::string_view text) {
    const std::string folded = FoldWidth(text);
    std::string_view s = Trim(folded);
    auto bad = [&](std::string_view why) {
        std::string message =
            fmt::format("expected an integer such as 42 or -7, got {}", QuoteForMessage(text));
        if (!why.empty()) message += fmt::format(" ({})", why);
        return Fail(Error::InvalidArgument(std::move(message)));
    };
    if (s.empty()) return bad("empty");
    bool negative = false;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return bad("");
    uint64_t magnitude = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return bad("");
        const auto digit = static_cast<uint64_t>(c - '0');
        if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
            return bad("outside -9223372036854775808..9223372036854775807");
        }
        magnitude = magnitude * 10 + digit;
    }
    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (negative) {
        if (magnitude > kMax + 1) return bad("outside -9223372036854775808..9223372036854775807");
        if (magnitude == kMax + 1) return std::numeric_limits<int64_t>::min();
        return -static_cast<int64_t>(magnitude);
    }
    if (magnitude > kMax) return bad("outside -9223372036854775808..9223372036854775807");
    return static_cast<int64_t>(magnitude);
}

std::string FormatWithCommas(int64_t value) {
    // Work on the magnitude as uint64 so that INT64_MIN has one.
    uint64_t magnitude =
        value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    std::string digits = std::to_string(magnitude);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3 + 1);
    if (value < 0) out += '-';
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

Result<double> ParseDouble(std::string_view text) {
    const std::string folded = FoldWidth(text);
    std::string_view s = Trim(folded);
    auto bad = [&](std::string_view why) {
        std::string message =
            fmt::format("expected a number such as 3.14 or -2, got {}", QuoteForMessage(text));
        if (!why.empty()) message += fmt::format(" ({})", why);
        return Fail(Error::InvalidArgument(std::move(message)));
    };
    if (s.empty()) return bad("empty");
    bool negative = false;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    // from_chars would accept "inf", "nan" and would reject a leading '.'; allow only digits,
    // one point and an exponent.
    if (s.empty() || !((s[0] >= '0' && s[0] <= '9') || s[0] == '.')) return bad("");
    double value = 0;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, value, std::chars_format::general);
    if (ec == std::errc::result_out_of_range) return bad("out of range");
    if (ec != std::errc() || ptr != end) return bad("");
    if (!std::isfinite(value)) return bad("out of range");
    return negative ? -value : value;
}

std::string NormalizeNfkc(std::string_view text) {
    icu::ErrorCode status;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
    if (status.isFailure() || normalizer == nullptr) return std::string(text);
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::UnicodeString normalized = normalizer->normalize(source, status);
    if (status.isFailure()) return std::string(text);
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

Result<bool> ParseBool(std::string_view text) {
    const std::string word = AsciiLower(Trim(FoldWidth(text)));
    if (word == "true" || word == "1" || word == "yes" || word == "y" || word == "on" ||
        word == "はい" || word == "有") {
        return true;
    }
    if (word == "false" || word == "0" || word == "no" || word == "n" || word == "off" ||
        word == "いいえ" || word == "無") {
        return false;
    }
    return Fail(Error::InvalidArgument(
        fmt::format("expected true/false, yes/no, y/n, 1/0, on/off, はい/いいえ or 有/無, got {}",
                    QuoteForMessage(text))));
}

}  // namespace kc
