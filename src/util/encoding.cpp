#include "util/encoding.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "util/text.h"

namespace kc {
namespace {

// ICU's name for Microsoft CP932; it resolves to ibm-943_P15A-2003 in ICU 72.
constexpr const char* kCp932ConverterName = "windows-31j";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct ConverterCloser {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

Result<ConverterPtr> OpenCp932Converter() {
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr converter(ucnv_open(kCp932ConverterName, &status));
    if (U_FAILURE(status) || converter == nullptr) {
        return Fail(Error::Internal(fmt::format("cannot open the ICU converter {}: {}",
                                                kCp932ConverterName, u_errorName(status))));
    }
    return converter;
}

// 1-based line of byte `offset` in `text` (counting '\n').
size_t LineAt(std::string_view text, size_t offset) {
    return static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n')) + 1;
}

// "0x82" or "0x85 0x40".
std::string HexBytes(std::string_view bytes) {
    std::string out;
    for (char c : bytes) {
        if (!out.empty()) out += ' ';
        out += fmt::format("0x{:02X}", static_cast<unsigned char>(c));
    }
    return out;
}

// "invalid byte 0x82 at line 3, byte 57" for the first bad UTF-8 sequence at `offset`.
std::string DescribeBadUtf8(std::string_view bytes, size_t offset) {
    return fmt::format("invalid byte 0x{:02X} at line {}, byte {}",
                       static_cast<unsigned char>(bytes[offset]), LineAt(bytes, offset),
                       offset + 1);
}

// Appends code point `cp` as UTF-8.
void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Appends UTF-16 `units` to `out` as UTF-8. A lead surrogate at the end is kept in `pending` for
// the next call. The input comes from ICU, so unpaired surrogates cannot occur; they would be
// written as U+FFFD.
void AppendUtf16(std::string& out, const UChar* units, size_t count, UChar& pending) {
    for (size_t i = 0; i < count; ++i) {
        const UChar unit = units[i];
        if (pending != 0) {
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
                AppendUtf8(out, 0x10000 + ((static_cast<uint32_t>(pending) - 0xD800) << 10) +
                                    (static_cast<uint32_t>(unit) - 0xDC00));
                pending = 0;
                continue;
            }
            AppendUtf8(out, 0xFFFD);
            pending = 0;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            pending = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            AppendUtf8(out, 0xFFFD);
        } else {
            AppendUtf8(out, unit);
        }
    }
}

// Why a strict CP932 conversion failed, e.g. "invalid bytes 0x85 0x40 at line 1, byte 3".
struct Cp932Problem {
    std::string description;
};

// Converts CP932 `bytes` to UTF-8 strictly. Returns false and fills `problem` on a bad sequence.
Result<bool> ConvertCp932(std::string_view bytes, std::string& out, Cp932Problem& problem) {
    KC_ASSIGN_OR_RETURN(ConverterPtr converter, OpenCp932Converter());
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
    if (U_FAILURE(status)) {
        return Fail(Error::Internal(
            fmt::format("cannot configure the CP932 converter: {}", u_errorName(status))));
    }
    out.clear();
    out.reserve(bytes.size() + bytes.size() / 2);
    std::vector<UChar> buffer(32 * 1024);
    const char* source = bytes.data();
    const char* const source_limit = bytes.data() + bytes.size();
    UChar pending = 0;
    while (true) {
        UChar* target = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source,
                       source_limit, nullptr, /*flush=*/true, &status);
        AppendUtf16(out, buffer.data(), static_cast<size_t>(target - buffer.data()), pending);
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (U_SUCCESS(status)) break;
        // Bad input: find the bytes ICU stopped on.
        std::array<char, 32> invalid{};
        int8_t invalid_length = static_cast<int8_t>(invalid.size());
        UErrorCode invalid_status = U_ZERO_ERROR;
        ucnv_getInvalidChars(converter.get(), invalid.data(), &invalid_length, &invalid_status);
        if (U_FAILURE(invalid_status)) invalid_length = 0;
        const size_t end = static_cast<size_t>(source - bytes.data());
        const size_t offset = end - std::min(end, static_cast<size_t>(invalid_length));
        const std::string_view bad = bytes.substr(offset, end - offset);
        const char* what = status == U_TRUNCATED_CHAR_FOUND ? "truncated sequence" : "invalid";
        const char* noun = bad.size() == 1 ? "byte" : "bytes";
        if (bad.empty()) {
            problem.description = fmt::format("{} at line {}, byte {}", u_errorName(status),
                                              LineAt(bytes, offset), offset + 1);
        } else if (status == U_TRUNCATED_CHAR_FOUND) {
            problem.description = fmt::format("{} {} at line {}, byte {} (end of input)", what,
                                              HexBytes(bad), LineAt(bytes, offset), offset + 1);
        } else {
            problem.description = fmt::format("{} {} {} at line {}, byte {}", what, noun,
                                              HexBytes(bad), LineAt(bytes, offset), offset + 1);
        }
        return false;
    }
    if (pending != 0) AppendUtf8(out, 0xFFFD);
    return true;
}

// Decodes one UTF-8 code point at `offset` of valid UTF-8 `text`; advances `offset`.
uint32_t NextCodePoint(std::string_view text, size_t& offset) {
    const auto b0 = static_cast<unsigned char>(text[offset]);
    size_t length = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    length = std::min(length, text.size() - offset);
    uint32_t cp = length == 1   ? b0
                  : length == 2 ? (b0 & 0x1F)
                  : length == 3 ? (b0 & 0x0F)
                                : (b0 & 0x07);
    for (size_t i = 1; i < length; ++i) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3F);
    }
    offset += length;
    return cp;
}

}  // namespace

bool IsValidUtf8(std::string_view text, size_t* first_bad_offset) {
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    const size_t size = text.size();
    size_t i = 0;
    auto fail = [&](size_t offset) {
        if (first_bad_offset != nullptr) *first_bad_offset = offset;
        return false;
    };
    auto is_continuation = [&](size_t at) { return at < size && (data[at] & 0xC0) == 0x80; };
    while (i < size) {
        // Fast path: skip eight ASCII bytes at a time.
        while (i + 8 <= size) {
            uint64_t word = 0;
            std::memcpy(&word, data + i, 8);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= size) break;
        const unsigned char b0 = data[i];
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            if (!is_continuation(i + 1)) return fail(i);
            i += 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (i + 1 >= size) return fail(i);
            const unsigned char b1 = data[i + 1];
            // E0: no overlongs (A0..BF); ED: no surrogates (80..9F).
            const unsigned char low = b0 == 0xE0 ? 0xA0 : 0x80;
            const unsigned char high = b0 == 0xED ? 0x9F : 0xBF;
            if (b1 < low || b1 > high || !is_continuation(i + 2)) return fail(i);
            i += 3;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (i + 1 >= size) return fail(i);
            const unsigned char b1 = data[i + 1];
            // F0: no overlongs (90..BF); F4: nothing above U+10FFFF (80..8F).
            const unsigned char low = b0 == 0xF0 ? 0x90 : 0x80;
            const unsigned char high = b0 == 0xF4 ? 0x8F : 0xBF;
            if (b1 < low || b1 > high || !is_continuation(i + 2) || !is_continuation(i + 3)) {
                return fail(i);
            }
            i += 4;
        } else {
            return fail(i);  // stray continuation byte, C0/C1 overlong lead, or F5..FF
        }
    }
    return true;
}

Result<Encoding> ParseEncoding(std::string_view name) {
    std::string lower(Trim(name));
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (lower == "auto") return Encoding::kAuto;
    if (lower == "utf-8" || lower == "utf8") return Encoding::kUtf8;
    if (lower == "cp932" || lower == "shift_jis" || lower == "shift-jis" || lower == "sjis" ||
        lower == "windows-31j" || lower == "ms932") {
        return Encoding::kCp932;
    }
    return Fail(Error::InvalidArgument(fmt::format(
        "expected an encoding: auto, utf-8 or cp932 (shift_jis), got {}", QuoteForMessage(name))));
}

const char* EncodingName(Encoding encoding) {
    switch (encoding) {
        case Encoding::kAuto:
            return "auto";
        case Encoding::kUtf8:
            return "utf-8";
        case Encoding::kCp932:
            return "cp932";
    }
    return "auto";
}

Result<Decoded> DecodeToUtf8(std::string_view bytes, Encoding requested) {
    Decoded decoded;
    if (requested == Encoding::kUtf8 || requested == Encoding::kAuto) {
        std::string_view body = bytes;
        if (body.starts_with(kUtf8Bom)) {
            body.remove_prefix(kUtf8Bom.size());
            decoded.had_bom = true;
        }
        size_t bad = 0;
        if (IsValidUtf8(body, &bad)) {
            decoded.text.assign(body);
            decoded.encoding = Encoding::kUtf8;
            return decoded;
        }
        const size_t offset = bad + (decoded.had_bom ? kUtf8Bom.size() : 0);
        if (requested == Encoding::kUtf8) {
            return Fail(Error::InvalidArgument(
                fmt::format("not valid UTF-8: {}", DescribeBadUtf8(bytes, offset))));
        }
        if (decoded.had_bom) {
            return Fail(Error::InvalidArgument(
                fmt::format("not valid UTF-8 although it starts with a UTF-8 byte order mark: {}",
                            DescribeBadUtf8(bytes, offset))));
        }
        Cp932Problem problem;
        KC_ASSIGN_OR_RETURN(const bool converted, ConvertCp932(bytes, decoded.text, problem));
        if (!converted) {
            return Fail(Error::InvalidArgument(
                fmt::format("not valid UTF-8 ({}) nor CP932 (Shift_JIS) (as CP932: {}); save the "
                            "file as UTF-8 or CP932",
                            DescribeBadUtf8(bytes, offset), problem.description)));
        }
        decoded.encoding = Encoding::kCp932;
        return decoded;
    }
    Cp932Problem problem;
    KC_ASSIGN_OR_RETURN(const bool converted, ConvertCp932(bytes, decoded.text, problem));
    if (!converted) {
        return Fail(Error::InvalidArgument(
            fmt::format("not valid CP932 (Shift_JIS): {}", problem.description)));
    }
    decoded.encoding = Encoding::kCp932;
    return decoded;
}

Result<std::string> EncodeFromUtf8(std::string_view utf8, Encoding target) {
    size_t bad = 0;
    if (!IsValidUtf8(utf8, &bad)) {
        return Fail(Error::InvalidArgument(fmt::format(
            "cannot encode text that is not valid UTF-8: {}", DescribeBadUtf8(utf8, bad))));
    }
    if (target == Encoding::kUtf8) return std::string(utf8);
    if (target != Encoding::kCp932) {
        return Fail(Error::InvalidArgument(fmt::format(
            "expected utf-8 or cp932 as the encoding to write, got {}", EncodingName(target))));
    }
    if (utf8.size() > static_cast<size_t>(INT32_MAX / 2)) {
        return Fail(Error::InvalidArgument("text too large to convert to CP932 at once"));
    }

    // UTF-8 -> UTF-16 (cannot fail: validated above).
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(nullptr, 0, &units, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
    std::vector<UChar> utf16(static_cast<size_t>(units) + 1);
    status = U_ZERO_ERROR;
    u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &units, utf8.data(),
                  static_cast<int32_t>(utf8.size()), &status);
    if (U_FAILURE(status)) {
        return Fail(Error::Internal(fmt::format("UTF-8 to UTF-16: {}", u_errorName(status))));
    }

    KC_ASSIGN_OR_RETURN(ConverterPtr converter, OpenCp932Converter());
    status = U_ZERO_ERROR;
    ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                          &status);
    ucnv_setFallback(converter.get(), true);
    if (U_FAILURE(status)) {
        return Fail(Error::Internal(
            fmt::format("cannot configure the CP932 converter: {}", u_errorName(status))));
    }

    std::string out;
    out.reserve(utf8.size());
    std::vector<char> buffer(64 * 1024);
    const UChar* source = utf16.data();
    const UChar* const source_limit = utf16.data() + units;
    while (true) {
        char* target_ptr = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_fromUnicode(converter.get(), &target_ptr, buffer.data() + buffer.size(), &source,
                         source_limit, nullptr, /*flush=*/true, &status);
        out.append(buffer.data(), static_cast<size_t>(target_ptr - buffer.data()));
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (U_SUCCESS(status)) break;
        // Find the UTF-16 index of the unmappable character, then its UTF-8 position.
        std::array<UChar, 8> invalid{};
        int8_t invalid_length = static_cast<int8_t>(invalid.size());
        UErrorCode invalid_status = U_ZERO_ERROR;
        ucnv_getInvalidUChars(converter.get(), invalid.data(), &invalid_length, &invalid_status);
        if (U_FAILURE(invalid_status)) invalid_length = 0;
        const size_t end_index = static_cast<size_t>(source - utf16.data());
        const size_t bad_index =
            end_index - std::min(end_index, static_cast<size_t>(invalid_length));
        size_t offset = 0;
        size_t index = 0;
        size_t line = 1;
        size_t column = 1;
        while (offset < utf8.size() && index < bad_index) {
            const uint32_t cp = NextCodePoint(utf8, offset);
            index += cp >= 0x10000 ? 2 : 1;
            if (cp == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        size_t char_end = offset;
        const uint32_t cp = offset < utf8.size() ? NextCodePoint(utf8, char_end) : 0;
        return Fail(Error::InvalidArgument(
            fmt::format("cannot encode '{}' (U+{:04X}) at line {}, column {} in CP932 (Shift_JIS)",
                        utf8.substr(offset, char_end - offset), cp, line, column)));
    }
    return out;
}

}  // namespace kc
