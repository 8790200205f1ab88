#include "engines/text/english.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>

#include "engines/text/analyzer.h"
#include "engines/text/normalize.h"

namespace kc::engines::text {
namespace {

// The Snowball English stop-word list (snowballstem.org/algorithms/english/stop.txt), sorted
// bytewise for binary search.
constexpr std::array<std::string_view, 174> kEnglishStopWords = {
    "a",          "about",   "above",     "after",   "again",    "against",    "all",    "am",
    "an",         "and",     "any",       "are",     "aren't",   "as",         "at",     "be",
    "because",    "been",    "before",    "being",   "below",    "between",    "both",   "but",
    "by",         "can't",   "cannot",    "could",   "couldn't", "did",        "didn't", "do",
    "does",       "doesn't", "doing",     "don't",   "down",     "during",     "each",   "few",
    "for",        "from",    "further",   "had",     "hadn't",   "has",        "hasn't", "have",
    "haven't",    "having",  "he",        "he'd",    "he'll",    "he's",       "her",    "here",
    "here's",     "hers",    "herself",   "him",     "himself",  "his",        "how",    "how's",
    "i",          "i'd",     "i'll",      "i'm",     "i've",     "if",         "in",     "into",
    "is",         "isn't",   "it",        "it's",    "its",      "itself",     "let's",  "me",
    "more",       "most",    "mustn't",   "my",      "myself",   "no",         "nor",    "not",
    "of",         "off",     "on",        "once",    "only",     "or",         "other",  "ought",
    "our",        "ours",    "ourselves", "out",     "over",     "own",        "same",   "shan't",
    "she",        "she'd",   "she'll",    "she's",   "should",   "shouldn't",  "so",     "some",
    "such",       "than",    "that",      "that's",  "the",      "their",      "theirs", "them",
    "themselves", "then",    "there",     "there's", "these",    "they",       "they'd", "they'll",
    "they're",    "they've", "this",      "those",   "through",  "to",         "too",    "under",
    "until",      "up",      "very",      "was",     "wasn't",   "we",         "we'd",   "we'll",
    "we're",      "we've",   "were",      "weren't", "what",     "what's",     "when",   "when's",
    "where",      "where's", "which",     "while",   "who",      "who's",      "whom",   "why",
    "why's",      "with",    "won't",     "would",   "wouldn't", "you",        "you'd",  "you'll",
    "you're",     "you've",  "your",      "yours",   "yourself", "yourselves",
};
static_assert(std::ranges::is_sorted(kEnglishStopWords));

constexpr std::string_view kRightQuote = "\u2019";  // ’ used as an apostrophe

}  // namespace

bool IsEnglishStopWord(std::string_view word) {
    return std::ranges::binary_search(kEnglishStopWords, word);
}

std::string EnglishTerm(std::string_view word, sb_stemmer* stemmer) {
    if (word.size() > kMaxWordBytes) return {};
    std::string term;
    term.reserve(word.size());
    size_t characters = 0;
    bool has_letter = false;
    bool ascii_letters_only = true;
    size_t offset = 0;
    while (offset < word.size()) {
        if (word.substr(offset).starts_with(kRightQuote)) {
            term.push_back('\'');
            offset += kRightQuote.size();
            ++characters;
            continue;
        }
        const size_t start = offset;
        const char32_t c = NextCodePoint(word, offset);
        term.append(word.substr(start, offset - start));
        ++characters;
        const bool ascii_letter = c >= 'a' && c <= 'z';
        const bool digit = c >= '0' && c <= '9';
        if (!digit) has_letter = true;
        if (!ascii_letter && c != '\'') ascii_letters_only = false;
    }
    if (characters < 2 || !has_letter || IsEnglishStopWord(term)) return {};
    if (stemmer == nullptr || !ascii_letters_only) return term;
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(term.data()), static_cast<int>(term.size()));
    if (stem == nullptr) return term;  // out of memory inside Snowball: keep the word unstemmed
    const int length = sb_stemmer_length(stemmer);
    if (length <= 0) return term;
    return std::string(reinterpret_cast<const char*>(stem), static_cast<size_t>(length));
}

}  // namespace kc::engines::text
