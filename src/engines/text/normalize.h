#pragma once

// Internal to engines/text: the character-level steps of the analyzer (analyzer.h, steps 1-4
// and 8): bounding and repairing UTF-8, NFKC case folding with an offset map back to the
// input, character classes and the kana unification of terms.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kc::engines::text {

// Returns the longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// UTF-8 sequence (a prefix ending before a continuation byte is shortened to the lead byte).
[[nodiscard]] std::string_view TruncateUtf8(std::string_view text, size_t max_bytes);

// Returns `text` as valid UTF-8: every maximal ill-formed subsequence becomes U+FFFD; C0
// controls except TAB, LF and CR, DEL and C1 controls become a space.
[[nodiscard]] std::string RepairUtf8(std::string_view text);

// Decodes the code point at `text[offset]` of valid UTF-8 and returns it; `offset` moves past
// it. Precondition: offset < text.size() and `text` is valid UTF-8.
[[nodiscard]] char32_t NextCodePoint(std::string_view text, size_t& offset);

// Appends the UTF-8 encoding of `code_point` to `out`.
void AppendUtf8(char32_t code_point, std::string& out);

// The NFKC_Casefold form of a repaired text, with the map back to it.
class FoldedText {
  public:
    // Folds `source` (valid UTF-8, e.g. from RepairUtf8). Should ICU fail (it cannot for valid
    // input under 2 GiB), the text is taken unchanged.
    [[nodiscard]] static FoldedText Fold(std::string_view source);

    [[nodiscard]] const std::string& Text() const { return text_; }

    // The source span [first, second) that produced the folded bytes [begin, end), begin < end
    // <= Text().size(). Where one source character folded to several (㈱ -> (株)), a range
    // inside them maps to the whole source character.
    [[nodiscard]] std::pair<size_t, size_t> SourceRange(size_t begin, size_t end) const;

  private:
    // One stretch of folded text and the source it came from. In a linear piece (text ICU left
    // unchanged) bytes correspond one to one; otherwise only the piece as a whole does.
    struct Piece {
        size_t folded_begin = 0;
        size_t folded_length = 0;
        size_t source_begin = 0;
        size_t source_length = 0;
        bool linear = false;
    };
    [[nodiscard]] const Piece& PieceAt(size_t folded_offset) const;

    std::string text_;
    std::vector<Piece> pieces_;  // ascending folded_begin, covering text_ without gaps
};

enum class CharClass {
    kJapanese,  // kanji, hiragana, katakana, ー, 々〆〇: analysed by MeCab
    kWord,      // any other letter or digit: the English path
    kMark,      // a combining mark: extends the word before it
    kOther,     // spaces, punctuation, symbols, U+FFFD: separators
};

[[nodiscard]] CharClass ClassOf(char32_t code_point);

// Step 8 of analyzer.h on already folded text: katakana -> hiragana, then a kana run of at least
// four characters ending in ー loses that ー.
[[nodiscard]] std::string UnifyKana(std::string_view folded);

// Whether `text` is one kana character or one ー (too short to be a content word).
[[nodiscard]] bool IsSingleKana(std::string_view text);

}  // namespace kc::engines::text
