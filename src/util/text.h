#pragma once

// Small text helpers shared by the parsers: trimming, list splitting, number and boolean parsing
// that accept the full-width forms common in Japanese spreadsheets, and NFKC normalisation.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace kc {

// Returns `text` without leading and trailing whitespace: ASCII space, tab, CR, LF, VT, FF, the
// no-break space U+00A0 and the ideographic (full-width) space U+3000.
[[nodiscard]] std::string_view Trim(std::string_view text);

// Splits `text` at `sep`, trims each item and drops empty items: SplitList("a; b;;c ", ';') is
// {"a", "b", "c"}. When `sep` is ';' the full-width semicolon '；' (U+FF1B) and the ideographic
// comma '、' (U+3001) also separate items, as Japanese keyword lists use them.
[[nodiscard]] std::vector<std::string> SplitList(std::string_view text, char sep);

// Joins `items` with `sep` between them: JoinList({"a", "b"}, "; ") is "a; b".
[[nodiscard]] std::string JoinList(const std::vector<std::string>& items, std::string_view sep);

// Returns `text` with full-width ASCII variants (U+FF01..U+FF5E, e.g. "１２３", "，", "－") turned
// into their ASCII forms, the minus sign U+2212 into '-' and the ideographic space U+3000 into a
// space; every other byte is copied unchanged (invalid UTF-8 included). Cheaper and narrower
// than NormalizeNfkc: it leaves "①", "㈱" and half-width katakana alone. Used by the number,
// date and amount parsers.
[[nodiscard]] std::string FoldWidth(std::string_view text);

// Returns `text` in double quotes for an error message, as in `got "12a"`: quotes and
// backslashes are escaped, control characters shown as \n, \t or \xNN, and text longer than 80
// bytes is cut at a character boundary and ends with "...".
[[nodiscard]] std::string QuoteForMessage(std::string_view text);

// Parses a whole decimal integer with optional sign: "42", "-7", "+3", "１２３" (full-width
// digits and signs are accepted; surrounding whitespace is trimmed). No thousands separators,
// no fraction. Errors say what came: `expected an integer such as 42 or -7, got "12a"`, and
// name the int64 range on overflow.
[[nodiscard]] Result<int64_t> ParseInt(std::string_view text);

// Formats `value` with a comma every three digits: 1234567 -> "1,234,567", -1234 -> "-1,234".
[[nodiscard]] std::string FormatWithCommas(int64_t value);

// Parses a whole decimal number: "3.14", "-2", "1e3", "．５" (full-width accepted, whitespace
// trimmed). Rejects infinities, NaN, hexadecimal and trailing garbage with a clear error.
[[nodiscard]] Result<double> ParseDouble(std::string_view text);

// Returns the Unicode NFKC normalisation of UTF-8 `text` (via ICU): "ＡＢＣ１２３" -> "ABC123",
// "㈱" -> "(株)", half-width "ｶﾀｶﾅ" -> "カタカナ". Used to compare names typed in different
// widths. Invalid UTF-8 sequences become U+FFFD.
[[nodiscard]] std::string NormalizeNfkc(std::string_view text);

// Parses a yes/no answer, case-insensitively and trimmed: true/false, 1/0, yes/no, y/n, on/off,
// はい/いいえ, 有/無 (full-width ASCII accepted). Otherwise an error that lists the accepted
// words.
[[nodiscard]] Result<bool> ParseBool(std::string_view text);

}  // namespace kc
