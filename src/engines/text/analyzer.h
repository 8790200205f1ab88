#pragma once

// Text analysis for seed <-> need matching and reviewer expertise: turns Japanese, English or
// mixed text into index terms.
//
// Problem. Two texts about the same thing should share terms even when they spell them
// differently: full-width or half-width letters and kana (ＡＢＣ, ｺﾝﾋﾟｭｰﾀ), upper or lower case,
// katakana or hiragana (ブドウ, ぶどう), with or without a final long-vowel mark (コンピューター,
// コンピュータ), inflected or not (走った, 走る; studies, study). Function words carry no topic
// and are dropped. Japanese has no spaces, so words are found by morphological analysis, and
// technical vocabulary is mostly compound nouns (希少糖生産), which are kept whole as well as
// split so that a text about 希少糖 still matches one about 希少糖生産.
//
// Pipeline (Analyzer::Analyze), each step documented where it is implemented:
//  1. Input bounds. Text longer than AnalyzerOptions::max_input_bytes is cut at the last
//     character boundary at or before that many bytes (silently: the rest is not analysed).
//     The limit itself is capped at kMaxInputBytesLimit.
//  2. Repair. Every maximal ill-formed UTF-8 subsequence becomes U+FFFD (Unicode's "maximal
//     subpart" practice, as ICU does); control characters (C0 but TAB/LF/CR, DEL, C1; NUL
//     included) become a space. The repaired text is what Token::surface is cut from, so
//     surfaces are always valid UTF-8. U+FFFD is neither a letter nor Japanese, so it only ever
//     separates tokens.
//  3. Folding: Unicode NFKC_Casefold (ICU Normalizer2::getNFKCCasefoldInstance): ＡＢＣ -> abc,
//     ﾃﾞｰﾀ -> データ, ㈱ -> (株), ß -> ss. An offset map (ICU Edits) ties every folded byte back
//     to the input span it came from.
//  4. Scripts. The folded text is cut into runs: Japanese runs (kanji, hiragana, katakana, ー,
//     々〆〇), word runs (other letters and digits, i.e. Latin, Greek, Cyrillic, Hangul...) and
//     separators (spaces, punctuation, symbols, U+FFFD). "CMOSイメージセンサの高感度化 for
//     automotive use" gives the word run "cmos", one Japanese run and three word runs.
//  5. English (word runs): a token is a run of letters and digits; an apostrophe (' or ’)
//     between two letters stays inside ("don't", "children's"); a run of one or two ASCII
//     letters directly followed by "++" or "#" keeps them ("c++", "c#"). Dropped: tokens of one
//     character, digits only, longer than kMaxWordBytes (hashes, base64), and the Snowball
//     English stop words (IsEnglishStopWord). Tokens of ASCII letters only are stemmed with
//     Snowball "english" (Porter2): running -> run, studies -> studi, generalization ->
//     general; tokens with digits or non-ASCII letters ("5g", "h2o", "naïve") are kept as
//     folded.
//  6. Japanese (Japanese runs): MeCab with IPAdic (plus the optional user dictionary). Kept:
//     nouns 名詞-一般/固有名詞/サ変接続/形容動詞語幹/ナイ形容詞語幹 and unknown words tagged as
//     such nouns (term = the surface), independent verbs and adjectives 動詞-自立/形容詞-自立
//     (term = the base form 原形: 走った -> 走る, 高く -> 高い) except a short stop list of
//     light verbs and adjectives (する, ある, いる, なる, できる, 行う, ない, よい, ...).
//     Dropped: particles, auxiliaries, symbols, adverbs, adnominals, conjunctions,
//     interjections, prefixes and suffixes on their own, and the nouns 数 (numbers), 非自立
//     (こと, もの), 代名詞 (これ), 副詞可能 (最近, 今後), 特殊, 接続詞的, 引用文字列 and
//     動詞非自立的; any term that is a single kana character.
//     Before that, adjacent morphemes whose concatenation is a domain term (DefaultDomainTerms()
//     plus AnalyzerOptions::domain_terms) become one noun: MeCab splits 希少糖 into 希少 + 糖 and
//     協働 into 協 + 働.
//  7. Compounds: a run of adjacent nouns (the kept kinds above plus the suffixes 名詞-接尾
//     一般/サ変接続/形容動詞語幹/地域, e.g. 性, 化, 糖, 県, and prefixes 接頭詞-名詞接続, e.g.
//     高, 再, in front of a noun) is a compound when it has at least two and at most
//     kMaxCompoundParts morphemes: 高感度化 (高 + 感度 + 化), 希少糖生産. Its term is the
//     concatenation of the parts' normalised forms. With keep_compounds the compound is
//     emitted; with split_compounds (or without keep_compounds) its nouns are emitted too
//     (prefixes and suffixes never alone). Compounds never span a separator or a script change
//     ("CMOSイメージセンサ" gives "cmos" and イメージセンサ).
//  8. Term unification (NormalizeText on each Japanese part; the direction chosen is katakana
//     to hiragana, so that kanji with okurigana and base forms keep their usual spelling):
//     katakana becomes hiragana (U+30A1..U+30F4 and ヽヾ; ヵヶヷヸヹヺ stay, as they have no
//     common hiragana use), so ブドウ and ぶどう give ぶどう; then a kana run of four or more
//     characters ending in a single ー loses that ー (the JIS Z 8301 convention, as Lucene's
//     JapaneseKatakanaStemFilter; ーー is kept so that the rule is idempotent): コンピューター,
//     コンピュータ and ｺﾝﾋﾟｭｰﾀｰ all give こんぴゅーた, サーバー and サーバ give さーば, while キー,
//     カバー and データ give きー, かばー and でーた. Kanji are unchanged (走る stays 走る). As a
//     compound's term joins its unified parts, コンピューターサーバー and コンピュータサーバ both
//     give こんぴゅーたさーば.
//
// Tokens come in text order. Token::position is the ordinal of the word in the text (0, 1, 2,
// ... over emitted words); a compound has the position of its first emitted part and comes
// right before it, so positions never decrease and only a compound and its first part share
// one. Token::surface is the span of the (repaired) input the token came from: the word as
// written for a stemmed English word ("Studies"), the original characters for a normalised
// Japanese word (ｺﾝﾋﾟｭｰﾀｰ), the inflected form for a verb (走っ, as MeCab cuts it).
//
// Determinism: the output depends only on the text, the options and the dictionaries.
// Complexity: linear in the input; MeCab dominates Japanese text. Measured in Release on one
// core of a shared 2-core development machine (analyzer_bench.cpp, a few hundred abstract-like
// sentences): about 11 MB/s for Japanese, 25 MB/s for English, 12 MB/s for mixed text
// (~10 µs per Japanese sentence); the worst input found, a MiB of katakana only, about 1 MB/s.
// Memory: a few times the input, plus the tokens.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.h"

namespace kc::engines::text {

// Hard cap on AnalyzerOptions::max_input_bytes (larger values are treated as this).
inline constexpr size_t kMaxInputBytesLimit = size_t{1} << 26;  // 64 MiB
// Longest kept word-run token, in bytes; longer runs are identifiers, hashes or noise.
inline constexpr size_t kMaxWordBytes = 64;
// Longest noun run, in morphemes, still emitted as a compound (longer runs are lists or noise;
// their nouns are still emitted).
inline constexpr size_t kMaxCompoundParts = 8;

struct Token {
    std::string term;       // the index key: folded and unified (Japanese) or stemmed (English)
    std::string surface;    // the span of the input it came from, as written (for explanations)
    uint32_t position = 0;  // ordinal of the word in the text; see the header comment
};

struct AnalyzerOptions {
    // MeCab system dictionary directory (IPAdic, UTF-8); empty = the build's KC_MECAB_DICDIR.
    std::string dictionary_dir;
    // Optional compiled MeCab user dictionary (.dic), e.g. from CompileUserDictionary().
    std::string user_dictionary;
    // Also emit a run of adjacent nouns as one compound term (希少糖生産).
    bool keep_compounds = true;
    // Also emit the nouns of a compound (希少糖, 生産). Ignored when keep_compounds is false
    // (the parts are then always emitted).
    bool split_compounds = true;
    // Longer input is truncated at a character boundary, never an error. Capped at
    // kMaxInputBytesLimit.
    size_t max_input_bytes = size_t{1} << 20;
    // Stem English words with Snowball "english" (Porter2).
    bool english_stemming = true;
    // Merge MeCab morphemes that spell one of DefaultDomainTerms() (希少+糖 -> 希少糖).
    bool use_default_domain_terms = true;
    // More domain terms to merge the same way (any width or case: they are folded). A term is
    // merged only when MeCab cuts the text at its two ends and into at most 4 morphemes.
    std::vector<std::string> domain_terms;
};

// Analyses text into terms. Thread-safe: Analyze may be called from many threads at once. The
// MeCab model and tagger are shared (MeCab documents Tagger::parse(Lattice*) as thread-safe);
// each call borrows a workspace (a MeCab lattice and a Snowball stemmer, neither thread-safe)
// from a pool guarded by `pool_mutex_`, creating one when all are in use, so the pool grows to
// the largest number of concurrent calls.
class Analyzer {
  public:
    // Loads the MeCab dictionaries. Errors: kNotFound if the dictionary directory has no
    // sys.dic or the user dictionary file does not exist; kInvalidArgument if the user
    // dictionary is not a compiled MeCab user dictionary for that system dictionary (same
    // contexts and charset) or MeCab cannot load the dictionaries (the message includes
    // MeCab's); kInternal if the stemmer is unavailable.
    [[nodiscard]] static Result<std::unique_ptr<Analyzer>> Create(
        const AnalyzerOptions& options = {});

    // Tokens of `text` in order (see the header comment). Invalid UTF-8, NUL bytes, empty or
    // oversized input are handled as described there: never a crash, never an error.
    [[nodiscard]] std::vector<Token> Analyze(std::string_view text) const;

    // The distinct terms of `text`, sorted (a convenience for tests and set comparisons).
    [[nodiscard]] std::vector<std::string> Terms(std::string_view text) const;

    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

  private:
    struct Impl;
    explicit Analyzer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// NFKC_Casefold, then the term unification of step 8 above: the term the analyzer gives for
// one Japanese word, and the folded form of anything else (no stemming, no stop words).
// Applied to running text it works per kana run, so a long-vowel mark is only removed at the end
// of a kana run: use it on words and keywords, not sentences. Invalid UTF-8 is repaired as in
// step 2. NormalizeText("ＡＢＣ") == "abc", NormalizeText("ｺﾝﾋﾟｭｰﾀｰ") == "こんぴゅーた".
// Idempotent.
[[nodiscard]] std::string NormalizeText(std::string_view text);

// Only NFKC_Casefold (steps 2 and 3): FoldText("ﾃﾞｰﾀ") == "データ", FoldText("ＡＢＣ") == "abc".
// For comparing names or keywords where kana should stay as written.
[[nodiscard]] std::string FoldText(std::string_view text);

// Whether `word` (lower case, ASCII apostrophe) is in the Snowball English stop-word list.
[[nodiscard]] bool IsEnglishStopWord(std::string_view word);

// The built-in domain terms merged by default (希少糖, 協働, 産学官, 目利き, プシコース, ...):
// words of the programme's fields that IPAdic splits into pieces. A read-only table.
[[nodiscard]] std::span<const std::string_view> DefaultDomainTerms();

// Compiles a MeCab user dictionary for IPAdic from (surface, reading) pairs, each a general
// noun (名詞,一般) with a low cost so that MeCab prefers it to a split. Surfaces are folded like
// the analyzer's input (so ＣＭＯＳ and cmos are one entry); an empty reading becomes "*".
// Writes the source CSV to `out_path` + ".csv" and runs mecab-dict-index (found at build time)
// with posix_spawn, without a shell, to write `out_path`. Returns `out_path`.
// Errors: kInvalidArgument for no entries, an empty surface, or a surface or reading containing
// a comma, a double quote or a control character; kUnavailable if the CSV cannot be written or
// the tool cannot be started; kInternal if it fails (the message has its output).
// `dictionary_dir` empty = KC_MECAB_DICDIR. Not for the hot path: it starts a process.
[[nodiscard]] Result<std::string> CompileUserDictionary(
    const std::vector<std::pair<std::string, std::string>>& entries, const std::string& out_path,
    const std::string& dictionary_dir = {});

}  // namespace kc::engines::text
