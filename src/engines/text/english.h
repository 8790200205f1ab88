#pragma once

// Internal to engines/text: the English path of the analyzer (analyzer.h, step 5) for one word
// run that the analyzer has already cut out of the folded text.

#include <string>
#include <string_view>

struct sb_stemmer;  // libstemmer.h

namespace kc::engines::text {

// Returns the term for the folded word-run token `word` (letters, digits, inner apostrophes ' or
// ’, or a "c++"/"c#" form), or an empty string when the token is dropped: one character,
// digits only, longer than kMaxWordBytes, or an English stop word. Tokens of ASCII letters and
// apostrophes only are stemmed with `stemmer` (Snowball "english", UTF-8) unless it is null.
// Not thread-safe in `stemmer`.
[[nodiscard]] std::string EnglishTerm(std::string_view word, sb_stemmer* stemmer);

}  // namespace kc::engines::text
