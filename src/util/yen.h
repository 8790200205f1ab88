#pragma once

// Amounts of money in whole yen. Budgets, grants and contract values are integers: no floating
// point is used anywhere on the way in or out (except FormatYenShort, which rounds for display).

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.h"

namespace kc {

// A whole number of yen; may be negative (e.g. a correction). Ordered by value.
struct Yen {
    int64_t value = 0;
    auto operator<=>(const Yen&) const = default;
};

// Parses an amount of yen as people write it: "1234567", "¥1,234,567", "￥1,234,567",
// "\1,234,567" (0x5C is the yen sign in CP932 files), "1,234,567円", "5億円", "1.5億円", "7.5億",
// "500万円", "3億2000万円", "75億円", "1兆円", "1億5000万3000円", "-5000". Full-width digits,
// commas, points and signs are accepted and surrounding whitespace is trimmed. Units 兆 (10^12),
// 億 (10^8) and 万 (10^4) must come in decreasing order; a unit after a larger one takes at most
// 9999 ("3億2000万"). Decimals are computed exactly on the digits: "1.5億" is 150,000,000 and
// "1234.00" is 1234; an amount that is not a whole number of yen ("1.5", "0.000000001億") is an
// error, as are empty or non-numeric text, misplaced commas ("1,23") and amounts beyond int64.
// Negative amounts are accepted ("-5000", "▲5,000", "△5,000", "¥-5,000"): callers that need a
// positive amount check the sign. Errors read
// `expected an amount of yen such as 500000000, ¥500,000,000 or 5億円, got "abc"` with the
// reason in parentheses when there is a specific one.
[[nodiscard]] Result<Yen> ParseYen(std::string_view text);

// "¥1,234,567"; negative amounts as "-¥1,234"; zero as "¥0".
[[nodiscard]] std::string FormatYen(Yen amount);

// Japanese form with 兆/億/万 units and no decimals: "5億円", "7億5000万円", "1兆2億円",
// "1万2345円", "-3億円". Amounts below 10,000 keep a comma form: "1,234円", "0円". A 兆
// coefficient of 10,000 or more is written with commas ("92,233兆...").
[[nodiscard]] std::string FormatYenJapanese(Yen amount);

// Short English form for tables and summaries; ROUNDS for display (half away from zero, one
// decimal at most, ".0" dropped): "¥7.5bn", "¥75bn", "¥500M", "¥1.2M", "¥1.2tn"; amounts below
// one million are exact with commas: "¥12,000". Negative as "-¥500M". Never parse this back.
[[nodiscard]] std::string FormatYenShort(Yen amount);

}  // namespace kc
