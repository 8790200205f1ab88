#include "engines/text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <climits>

#include "engines/text/analyzer.h"

namespace kc::engines::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kLongVowel = 0x30FC;  // ー KATAKANA-HIRAGANA PROLONGED SOUND MARK
constexpr size_t kLongVowelBytes = 3;

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Hiragana, the katakana without a hiragana counterpart left after UnifyKana's mapping, the
// iteration marks and ー: the characters of a "kana run" for the long-vowel rule.
bool IsKanaRunChar(char32_t c) {
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F) ||
           (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF);
}

}  // namespace

std::string_view TruncateUtf8(std::string_view text, size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    size_t cut = max_bytes;
    // Step back over at most three continuation bytes to the lead byte of the cut character.
    for (int step = 0; step < 3 && cut > 0 && IsContinuation(text[cut]); ++step) --cut;
    return text.substr(0, cut);
}

std::string RepairUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const size_t size = text.size();
    size_t i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            const bool control =
                (lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r') || lead == 0x7F;
            out.push_back(control ? ' ' : static_cast<char>(lead));
            ++i;
            continue;
        }
        // Well-formed sequences per Unicode Table 3-7: the lead byte fixes the length and the
        // range allowed for the second byte.
        size_t needed = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            needed = 1;
        } else if (lead == 0xE0) {
            needed = 2;
            low = 0xA0;
        } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
            needed = 2;
        } else if (lead == 0xED) {
            needed = 2;
            high = 0x9F;
        } else if (lead == 0xF0) {
            needed = 3;
            low = 0x90;
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            needed = 3;
        } else if (lead == 0xF4) {
            needed = 3;
            high = 0x8F;
        } else {
            AppendUtf8(kReplacement, out);
            ++i;
            continue;
        }
        size_t next = i + 1;
        size_t matched = 0;
        for (; matched < needed && next < size; ++matched, ++next) {
            const unsigned char byte = bytes[next];
            const bool ok = matched == 0 ? (byte >= low && byte <= high) : IsContinuation(byte);
            if (!ok) break;
        }
        if (matched < needed) {
            // The maximal subpart (lead plus the continuation bytes that fitted) is one U+FFFD;
            // the byte that did not fit starts the next sequence.
            AppendUtf8(kReplacement, out);
            i = next;
            continue;
        }
        const bool c1_control = lead == 0xC2 && bytes[i + 1] <= 0x9F;
        if (c1_control) {
            out.push_back(' ');
        } else {
            out.append(text.data() + i, needed + 1);
        }
        i = next;
    }
    return out;
}

char32_t NextCodePoint(std::string_view text, size_t& offset) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[offset + k]); };
    const unsigned char lead = byte(0);
    char32_t c = 0;
    if (lead < 0x80) {
        c = lead;
        offset += 1;
    } else if (lead < 0xE0) {
        c = (char32_t{lead & 0x1Fu} << 6) | (byte(1) & 0x3Fu);
        offset += 2;
    } else if (lead < 0xF0) {
        c = (char32_t{lead & 0x0Fu} << 12) | (char32_t{byte(1) & 0x3Fu} << 6) | (byte(2) & 0x3Fu);
        offset += 3;
    } else {
        c = (char32_t{lead & 0x07u} << 18) | (char32_t{byte(1) & 0x3Fu} << 12) |
            (char32_t{byte(2) & 0x3Fu} << 6) | (byte(3) & 0x3Fu);
        offset += 4;
    }
    return c;
}

void AppendUtf8(char32_t c, std::string& out) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

FoldedText FoldedText::Fold(std::string_view source) {
    FoldedText result;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_SUCCESS(status) && source.size() < static_cast<size_t>(INT32_MAX) / 4) {
        icu::Edits edits;
        icu::StringByteSink<std::string> sink(&result.text_, static_cast<int32_t>(source.size()));
        normalizer->normalizeUTF8(
            0, icu::StringPiece(source.data(), static_cast<int32_t>(source.size())), sink, &edits,
            status);
        if (U_SUCCESS(status)) {
            // The fine iterator reports each replaced character (or composed sequence) on its
            // own and each unchanged stretch as one span.
            icu::Edits::Iterator edit = edits.getFineIterator();
            while (edit.next(status)) {
                if (edit.newLength() == 0) continue;  // deleted (soft hyphen, ZWJ...)
                result.pieces_.push_back(
                    {static_cast<size_t>(edit.destinationIndex()),
                     static_cast<size_t>(edit.newLength()), static_cast<size_t>(edit.sourceIndex()),
                     static_cast<size_t>(edit.oldLength()), !edit.hasChange()});
            }
            if (U_SUCCESS(status)) return result;
        }
    }
    result.text_.assign(source);
    result.pieces_.assign({Piece{0, source.size(), 0, source.size(), true}});
    return result;
}

const FoldedText::Piece& FoldedText::PieceAt(size_t folded_offset) const {
    auto after = std::upper_bound(
        pieces_.begin(), pieces_.end(), folded_offset,
        [](size_t offset, const Piece& piece) { return offset < piece.folded_begin; });
    KC_CHECK(after != pieces_.begin(), "folded offsets start at a piece");
    return *(after - 1);
}

std::pair<size_t, size_t> FoldedText::SourceRange(size_t begin, size_t end) const {
    KC_CHECK(begin < end && end <= text_.size(), "a non-empty range of the folded text");
    const Piece& first = PieceAt(begin);
    const Piece& last = PieceAt(end - 1);
    const size_t source_begin =
        first.linear ? first.source_begin + (begin - first.folded_begin) : first.source_begin;
    const size_t source_end = last.linear ? last.source_begin + (end - last.folded_begin)
                                          : last.source_begin + last.source_length;
    return {source_begin, source_end};
}

CharClass ClassOf(char32_t c) {
    if (c < 0x80) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        return alnum ? CharClass::kWord : CharClass::kOther;
    }
    if (c >= 0x3005 && c <= 0x3007) return CharClass::kJapanese;  // 々〆〇
    if (c == 0x303B) return CharClass::kJapanese;                 // 〻
    if (c >= 0x3041 && c <= 0x309F) return CharClass::kJapanese;  // hiragana, ゛゜ゝゞゟ
    if (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB) {              // katakana, ー (not ・)
        return CharClass::kJapanese;
    }
    if (c >= 0x31F0 && c <= 0x31FF) return CharClass::kJapanese;    // small katakana
    if (c >= 0x3400 && c <= 0x4DBF) return CharClass::kJapanese;    // CJK extension A
    if (c >= 0x4E00 && c <= 0x9FFF) return CharClass::kJapanese;    // CJK unified
    if (c >= 0xF900 && c <= 0xFAFF) return CharClass::kJapanese;    // CJK compatibility
    if (c >= 0x1B000 && c <= 0x1B16F) return CharClass::kJapanese;  // kana supplement
    if (c >= 0x20000 && c <= 0x323AF) return CharClass::kJapanese;  // CJK extensions B..H
    if (c == kReplacement) return CharClass::kOther;
    const auto code_point = static_cast<UChar32>(c);
    if ((U_GET_GC_MASK(code_point) & U_GC_M_MASK) != 0) return CharClass::kMark;
    return u_isalnum(code_point) ? CharClass::kWord : CharClass::kOther;
}

std::string UnifyKana(std::string_view folded) {
    std::string out;
    out.reserve(folded.size());
    size_t run_length = 0;          // characters in the current kana run
    bool ends_long = false;         // the run ends in ー ...
    bool ends_double_long = false;  // ... preceded by another ー
    const auto close_run = [&] {
        // A single final ー goes; ーー stays, which keeps the function idempotent.
        if (run_length >= 4 && ends_long && !ends_double_long) {
            out.resize(out.size() - kLongVowelBytes);
        }
        run_length = 0;
        ends_long = false;
        ends_double_long = false;
    };
    size_t offset = 0;
    while (offset < folded.size()) {
        char32_t c = NextCodePoint(folded, offset);
        if ((c >= 0x30A1 && c <= 0x30F4) || c == 0x30FD || c == 0x30FE) c -= 0x60;
        if (IsKanaRunChar(c)) {
            ++run_length;
            ends_double_long = ends_long && c == kLongVowel;
            ends_long = c == kLongVowel;
        } else {
            close_run();
        }
        AppendUtf8(c, out);
    }
    close_run();
    return out;
}

bool IsSingleKana(std::string_view text) {
    if (text.empty()) return false;
    size_t offset = 0;
    const char32_t c = NextCodePoint(text, offset);
    return offset == text.size() && (IsKanaRunChar(c) || (c >= 0x30A1 && c <= 0x30F4));
}

std::string FoldText(std::string_view text) { return FoldedText::Fold(RepairUtf8(text)).Text(); }

std::string NormalizeText(std::string_view text) { return UnifyKana(FoldText(text)); }

}  // namespace kc::engines::text
