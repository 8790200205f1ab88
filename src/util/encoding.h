#pragma once

// Character encodings of imported and exported files. Everything inside kcluster is UTF-8; files
// from Japanese offices often come as CP932 (Microsoft's Shift_JIS, as saved by Excel), which is
// converted at the edge with ICU.

#include <cstddef>
#include <string>
#include <string_view>

#include "util/error.h"

namespace kc {

enum class Encoding {
    kAuto,   // detect: UTF-8 (with or without BOM), else CP932
    kUtf8,   // UTF-8, an optional BOM is removed
    kCp932,  // Microsoft CP932 (Windows-31J): Shift_JIS with the NEC and IBM extensions
};

// Parses an encoding name, case-insensitively: "auto", "utf-8", "utf8", "cp932", "shift_jis",
// "shift-jis", "sjis", "windows-31j", "ms932". Error: `expected an encoding: auto, utf-8 or
// cp932 (shift_jis), got "latin1"`.
[[nodiscard]] Result<Encoding> ParseEncoding(std::string_view name);

// "auto", "utf-8" or "cp932".
[[nodiscard]] const char* EncodingName(Encoding encoding);

// Text converted to UTF-8, with the encoding it was found in (never kAuto) and whether a UTF-8
// byte order mark was removed.
struct Decoded {
    std::string text;
    Encoding encoding = Encoding::kUtf8;
    bool had_bom = false;
};

// Converts `bytes` to UTF-8.
// - kAuto: a UTF-8 BOM is removed and the rest must be valid UTF-8; else valid UTF-8 is taken as
//   is; else the bytes are converted strictly from CP932; else an error such as `not valid UTF-8
//   (invalid byte 0x82 at line 3, byte 57) nor CP932 (Shift_JIS) (...)`.
// - kUtf8: the bytes must be valid UTF-8 (error with line and byte position); a BOM is removed.
// - kCp932: strict conversion from CP932.
// Strict means an invalid or unmapped byte sequence is an error naming its bytes, line and
// position, never replaced. Lines are 1-based; "byte N" is the 1-based offset in `bytes`. CP932
// decoding uses ICU's "windows-31j" (ibm-943_P15A-2003), which maps the NEC and IBM extensions
// (①, ㈱, 髙, ⅰ), half-width katakana, and 0x5C/0x7E to '\' and '~' as Windows does.
[[nodiscard]] Result<Decoded> DecodeToUtf8(std::string_view bytes, Encoding requested);

// Converts UTF-8 text to `target` for export. kUtf8 checks and copies (no BOM is added). kCp932
// converts with Windows' mappings, using the standard CP932 equivalents for characters that
// look alike (U+301C 〜 -> 0x8160, U+2212 − -> 0x817C, U+00A5 ¥ -> 0x5C); a character with no
// CP932 form is an error naming it and where it is: `cannot encode '€' (U+20AC) at line 2,
// column 5 in CP932 (Shift_JIS)`. kAuto is an invalid argument. Invalid UTF-8 input is an error.
[[nodiscard]] Result<std::string> EncodeFromUtf8(std::string_view utf8, Encoding target);

// Whether `text` is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
// above U+10FFFF, no truncated sequence. On failure, if `first_bad_offset` is not null, stores
// the 0-based offset of the first byte of the first bad sequence.
[[nodiscard]] bool IsValidUtf8(std::string_view text, size_t* first_bad_offset = nullptr);

}  // namespace kc
