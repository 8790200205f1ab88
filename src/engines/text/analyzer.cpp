#include "engines/text/analyzer.h"

#include <fmt/format.h>
#include <libstemmer.h>
#include <mecab.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "engines/text/english.h"
#include "engines/text/normalize.h"

#ifndef KC_MECAB_DICDIR
#error "KC_MECAB_DICDIR must name the MeCab system dictionary (set by CMake)"
#endif

namespace kc::engines::text {
namespace {

// Words of the programme's fields that IPAdic cuts into meaningless pieces (希少 + 糖, 協 + 働,
// 産学 + 官, クラ + スター, 六 + 次 + 産業...). Compounds that IPAdic cuts into meaningful words
// (産学 + 連携) are left to the compound rule, which emits the whole and the parts. Folded form
// (NFKC_Casefold, kana as written), as they are compared with MeCab's surfaces in the folded text.
constexpr std::array<std::string_view, 16> kDefaultDomainTerms = {
    "希少糖",     "プシコース",     "アルロース", "協働",     "産学官", "産学官金",
    "目利き",     "知財",           "共創",       "創薬",     "産総研", "再エネ",
    "クラスター", "スタートアップ", "糖尿病",     "六次産業",
};

// Verbs and adjectives too common to say anything about a topic (base forms 原形).
constexpr std::array<std::string_view, 30> kJapaneseStopBaseForms = {
    "する",   "ある", "有る", "いる", "居る", "なる", "成る", "できる", "出来る", "いう",
    "言う",   "おる", "くる", "来る", "やる", "いく", "行く", "みる",   "くれる", "もらう",
    "しまう", "行う", "思う", "ない", "無い", "よい", "良い", "いい",   "得る",   "える",
};

// Longest text handed to MeCab in one call. A Japanese run without any separator (punctuation,
// space, Latin, digit) longer than this is cut at a character boundary, which may split a word
// at the cut. Real sentences are far shorter (a run of 1 KiB is about 340 characters), and
// MeCab's unknown-word grouping is quadratic in the length of a single-script run (a MiB of
// katakana takes 3 s in 16 KiB pieces, under 1 s in 1 KiB ones).
constexpr size_t kMaxMeCabBytes = 1024;
// Most morphemes merged into one domain term.
constexpr size_t kMaxDomainTermParts = 4;

enum class MorphemeKind {
    kNoun,    // content noun: emitted, part of compounds
    kPrefix,  // 接頭詞-名詞接続: only inside a compound, before a noun
    kSuffix,  // 名詞-接尾 (一般, サ変接続, 形容動詞語幹, 地域): only inside a compound
    kPredicate,  // 動詞-自立, 形容詞-自立: emitted as the base form
    kOther,      // dropped; ends a compound
};

struct Morpheme {
    size_t begin = 0;  // byte range in the folded text
    size_t end = 0;
    MorphemeKind kind = MorphemeKind::kOther;
    std::string base;  // kPredicate: the base form 原形
};

// Classifies a MeCab IPAdic node from its feature string "品詞,細分類1,細分類2,細分類3,活用型,
// 活用形,原形,読み,発音" (unknown words have the first seven fields). Sets `base` for predicates.
MorphemeKind Classify(std::string_view feature, std::string_view& base) {
    std::array<std::string_view, 7> fields{};
    size_t count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= feature.size() && count < fields.size(); ++i) {
        if (i == feature.size() || feature[i] == ',') {
            fields[count++] = feature.substr(start, i - start);
            start = i + 1;
        }
    }
    const std::string_view pos = fields[0];
    const std::string_view sub1 = fields[1];
    const std::string_view sub2 = fields[2];
    if (pos == "名詞") {
        if (sub1 == "一般" || sub1 == "固有名詞" || sub1 == "サ変接続" || sub1 == "形容動詞語幹" ||
            sub1 == "ナイ形容詞語幹") {
            return MorphemeKind::kNoun;
        }
        if (sub1 == "接尾" &&
            (sub2 == "一般" || sub2 == "サ変接続" || sub2 == "形容動詞語幹" || sub2 == "地域")) {
            return MorphemeKind::kSuffix;
        }
        return MorphemeKind::kOther;
    }
    if (pos == "接頭詞" && sub1 == "名詞接続") return MorphemeKind::kPrefix;
    if ((pos == "動詞" || pos == "形容詞") && sub1 == "自立") {
        base = fields[6];
        return MorphemeKind::kPredicate;
    }
    return MorphemeKind::kOther;
}

bool IsJapaneseStopBaseForm(std::string_view base) {
    return std::ranges::find(kJapaneseStopBaseForms, base) != kJapaneseStopBaseForms.end();
}

bool IsLetter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return u_isalpha(static_cast<UChar32>(c));
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// The header of a compiled MeCab dictionary (MeCab's dictionary.cpp): ten little-endian uint32
// then a 32-byte charset name.
struct DictionaryHeader {
    uint32_t magic = 0;  // file size XOR kDictionaryMagic
    uint32_t version = 0;
    uint32_t type = 0;  // 0 system, 1 user, 2 unknown words
    uint32_t lexicon_size = 0;
    uint32_t left_size = 0;
    uint32_t right_size = 0;
    uint32_t array_size = 0;
    uint32_t token_size = 0;
    uint32_t feature_size = 0;
    uint32_t reserved = 0;
    char charset[32] = {};
};
static_assert(sizeof(DictionaryHeader) == 72);
constexpr uint32_t kDictionaryMagic = 0xef718f77u;
constexpr uint32_t kDictionaryVersion = 102;
constexpr uint32_t kUserDictionaryType = 1;

Result<DictionaryHeader> ReadDictionaryHeader(const std::string& path) {
    std::error_code error;
    const uintmax_t size = std::filesystem::file_size(path, error);
    DictionaryHeader header;
    std::ifstream file(path, std::ios::binary);
    if (error || !file.read(reinterpret_cast<char*>(&header), sizeof header)) {
        return Fail(Error::InvalidArgument(
            fmt::format("\"{}\" is not a MeCab dictionary (cannot read its header)", path)));
    }
    const uintmax_t expected =
        uintmax_t{sizeof header} + header.array_size + header.token_size + header.feature_size;
    if ((header.magic ^ kDictionaryMagic) != size || header.version != kDictionaryVersion ||
        expected != size) {
        return Fail(Error::InvalidArgument(
            fmt::format("\"{}\" is not a MeCab dictionary of version {} (bad header)", path,
                        kDictionaryVersion)));
    }
    return header;
}

// MeCab leaks memory when it rejects a user dictionary, so its header is checked here first:
// a user dictionary for the same connection matrix and charset as the system dictionary.
Status CheckUserDictionary(const std::string& user_path, const std::string& system_dir) {
    KC_ASSIGN_OR_RETURN(const DictionaryHeader user, ReadDictionaryHeader(user_path));
    KC_ASSIGN_OR_RETURN(const DictionaryHeader system,
                        ReadDictionaryHeader(system_dir + "/sys.dic"));
    const auto charset = [](const DictionaryHeader& header) {
        std::string name(header.charset, strnlen(header.charset, sizeof header.charset));
        std::ranges::transform(name, name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::erase(name, '-');
        std::erase(name, '_');
        return name;
    };
    if (user.type != kUserDictionaryType || user.left_size != system.left_size ||
        user.right_size != system.right_size || charset(user) != charset(system)) {
        return Fail(Error::InvalidArgument(fmt::format(
            "\"{}\" is not a user dictionary for \"{}\" (type {}, {}x{} contexts, charset {}; "
            "expected type 1, {}x{}, {})",
            user_path, system_dir, user.type, user.left_size, user.right_size, charset(user),
            system.left_size, system.right_size, charset(system))));
    }
    return {};
}

struct ModelDeleter {
    void operator()(MeCab::Model* model) const { MeCab::deleteModel(model); }
};
struct TaggerDeleter {
    void operator()(MeCab::Tagger* tagger) const { MeCab::deleteTagger(tagger); }
};
struct LatticeDeleter {
    void operator()(MeCab::Lattice* lattice) const { MeCab::deleteLattice(lattice); }
};
struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

// What one Analyze call needs for itself: neither a MeCab lattice nor a Snowball stemmer may be
// shared between threads.
struct Workspace {
    std::unique_ptr<MeCab::Lattice, LatticeDeleter> lattice;
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
    std::vector<Morpheme> morphemes;  // scratch, reused across calls
};

}  // namespace

struct Analyzer::Impl {
    AnalyzerOptions options;
    std::unique_ptr<MeCab::Model, ModelDeleter> model;
    std::unique_ptr<MeCab::Tagger, TaggerDeleter> tagger;  // parse(Lattice*) is thread-safe
    std::vector<std::string> domain_terms;                 // folded, sorted, distinct
    size_t longest_domain_term = 0;                        // bytes

    mutable std::mutex pool_mutex;
    mutable std::vector<std::unique_ptr<Workspace>> pool;  // GUARDED_BY(pool_mutex)

    // Tagger before model: MeCab requires the model to outlive its taggers.
    ~Impl() {
        pool.clear();
        tagger.reset();
        model.reset();
    }

    std::unique_ptr<Workspace> NewWorkspace() const {
        auto workspace = std::make_unique<Workspace>();
        workspace->lattice.reset(model->createLattice());
        workspace->stemmer.reset(sb_stemmer_new("english", "UTF_8"));
        KC_CHECK(workspace->lattice != nullptr && workspace->stemmer != nullptr,
                 "out of memory creating a MeCab lattice or a Snowball stemmer");
        return workspace;
    }
    std::unique_ptr<Workspace> Acquire() const {
        {
            std::lock_guard lock(pool_mutex);
            if (!pool.empty()) {
                std::unique_ptr<Workspace> workspace = std::move(pool.back());
                pool.pop_back();
                return workspace;
            }
        }
        return NewWorkspace();
    }
    void Release(std::unique_ptr<Workspace> workspace) const {
        std::lock_guard lock(pool_mutex);
        pool.push_back(std::move(workspace));
    }

    std::vector<Token> Analyze(std::string_view text) const;
};

namespace {

// The state of one Analyze call: the repaired input, its folded form, the tokens so far.
class Pass {
  public:
    Pass(const AnalyzerOptions& options, const MeCab::Tagger& tagger,
         const std::vector<std::string>& domain_terms, size_t longest_domain_term,
         Workspace& workspace, std::string_view source, const FoldedText& folded)
        : options_(options),
          tagger_(tagger),
          domain_terms_(domain_terms),
          longest_domain_term_(longest_domain_term),
          workspace_(workspace),
          source_(source),
          folded_(folded),
          text_(folded.Text()) {}

    std::vector<Token> Run() {
        // About one token per 8 bytes of Japanese or English text: most calls never regrow.
        tokens_.reserve(text_.size() / 8 + 4);
        size_t offset = 0;
        while (offset < text_.size()) {
            size_t next = offset;
            const CharClass char_class = ClassOf(NextCodePoint(text_, next));
            if (char_class == CharClass::kJapanese) {
                const size_t end = JapaneseRunEnd(next);
                JapaneseRun(offset, end);
                offset = end;
            } else if (char_class == CharClass::kWord) {
                const size_t end = WordEnd(offset, next);
                Word(offset, end);
                offset = end;
            } else {
                offset = next;
            }
        }
        return std::move(tokens_);
    }

  private:
    size_t JapaneseRunEnd(size_t offset) const {
        while (offset < text_.size()) {
            size_t next = offset;
            if (ClassOf(NextCodePoint(text_, next)) != CharClass::kJapanese) break;
            offset = next;
        }
        return offset;
    }

    // The end of the word-run token starting at `begin` whose first character ends at `offset`.
    size_t WordEnd(size_t begin, size_t offset) const {
        char32_t previous = 0;
        {
            size_t first = begin;
            previous = NextCodePoint(text_, first);
        }
        while (offset < text_.size()) {
            size_t next = offset;
            const char32_t c = NextCodePoint(text_, next);
            const CharClass char_class = ClassOf(c);
            if (char_class == CharClass::kWord || char_class == CharClass::kMark) {
                previous = c;
                offset = next;
                continue;
            }
            if (IsApostrophe(c) && IsLetter(previous) && next < text_.size()) {
                size_t after = next;
                const char32_t following = NextCodePoint(text_, after);
                if (IsLetter(following)) {
                    previous = following;
                    offset = after;
                    continue;
                }
            }
            break;
        }
        // "c++", "c#", "f#": one or two ASCII letters directly followed by "++" or "#".
        const std::string_view word = std::string_view(text_).substr(begin, offset - begin);
        const bool short_ascii = word.size() <= 2 && std::ranges::all_of(word, [](char c) {
                                     return c >= 'a' && c <= 'z';
                                 });
        if (short_ascii) {
            const std::string_view rest = std::string_view(text_).substr(offset);
            const size_t suffix = rest.starts_with("++") ? 2 : rest.starts_with("#") ? 1 : 0;
            if (suffix > 0) {
                const size_t end = offset + suffix;
                size_t next = end;
                if (end == text_.size() ||
                    ClassOf(NextCodePoint(text_, next)) != CharClass::kWord) {
                    return end;
                }
            }
        }
        return offset;
    }

    void Word(size_t begin, size_t end) {
        std::string term =
            EnglishTerm(std::string_view(text_).substr(begin, end - begin),
                        options_.english_stemming ? workspace_.stemmer.get() : nullptr);
        if (term.empty()) return;
        Emit(std::move(term), begin, end, position_++);
    }

    void JapaneseRun(size_t begin, size_t end) {
        while (begin < end) {
            size_t chunk_end = end;
            if (end - begin > kMaxMeCabBytes) {
                chunk_end = begin + kMaxMeCabBytes;
                while ((static_cast<unsigned char>(text_[chunk_end]) & 0xC0) == 0x80) --chunk_end;
            }
            Chunk(begin, chunk_end);
            begin = chunk_end;
        }
    }

    void Chunk(size_t begin, size_t end) {
        std::vector<Morpheme>& morphemes = workspace_.morphemes;
        morphemes.clear();
        MeCab::Lattice& lattice = *workspace_.lattice;
        try {
            lattice.set_sentence(text_.data() + begin, end - begin);
            if (!tagger_.parse(&lattice)) return;  // not expected for valid UTF-8: skip the run
            const char* sentence = lattice.sentence();
            for (const MeCab::Node* node = lattice.bos_node(); node != nullptr; node = node->next) {
                if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
                if (node->length == 0) continue;
                Morpheme morpheme;
                morpheme.begin = begin + static_cast<size_t>(node->surface - sentence);
                morpheme.end = morpheme.begin + node->length;
                std::string_view base;
                morpheme.kind = Classify(node->feature, base);
                if (morpheme.kind == MorphemeKind::kPredicate) {
                    morpheme.base = base.empty() || base == "*"
                                        ? text_.substr(morpheme.begin, node->length)
                                        : std::string(base);
                }
                morphemes.push_back(std::move(morpheme));
            }
        } catch (const std::exception&) {
            return;  // only std::bad_alloc is possible: leave this run out
        }
        MergeDomainTerms(morphemes);
        EmitMorphemes(morphemes);
    }

    // Replaces adjacent morphemes that spell a domain term by one noun, longest match first.
    void MergeDomainTerms(std::vector<Morpheme>& morphemes) const {
        if (domain_terms_.empty()) return;
        size_t kept = 0;
        size_t index = 0;
        while (index < morphemes.size()) {
            size_t merged_end = 0;
            const size_t most = std::min(kMaxDomainTermParts, morphemes.size() - index);
            for (size_t count = most; count >= 2; --count) {
                const size_t begin = morphemes[index].begin;
                const size_t end = morphemes[index + count - 1].end;
                if (end - begin > longest_domain_term_) continue;
                if (std::ranges::binary_search(
                        domain_terms_, std::string_view(text_).substr(begin, end - begin))) {
                    merged_end = index + count;
                    break;
                }
            }
            if (merged_end > 0) {
                Morpheme merged;
                merged.begin = morphemes[index].begin;
                merged.end = morphemes[merged_end - 1].end;
                merged.kind = MorphemeKind::kNoun;
                morphemes[kept++] = std::move(merged);
                index = merged_end;
            } else {
                if (kept != index) morphemes[kept] = std::move(morphemes[index]);
                ++kept;
                ++index;
            }
        }
        morphemes.resize(kept);
    }

    static bool InNounRun(MorphemeKind kind) {
        return kind == MorphemeKind::kNoun || kind == MorphemeKind::kPrefix ||
               kind == MorphemeKind::kSuffix;
    }

    void EmitMorphemes(const std::vector<Morpheme>& morphemes) {
        size_t index = 0;
        while (index < morphemes.size()) {
            const Morpheme& morpheme = morphemes[index];
            if (morpheme.kind == MorphemeKind::kPredicate) {
                std::string term = UnifyKana(morpheme.base);
                if (!IsJapaneseStopBaseForm(morpheme.base) && !IsSingleKana(term)) {
                    Emit(std::move(term), morpheme.begin, morpheme.end, position_++);
                }
                ++index;
                continue;
            }
            if (!InNounRun(morpheme.kind)) {
                ++index;
                continue;
            }
            size_t run_end = index;
            while (run_end < morphemes.size() && InNounRun(morphemes[run_end].kind)) ++run_end;
            size_t last = run_end;  // a prefix needs a noun after it
            while (last > index && morphemes[last - 1].kind == MorphemeKind::kPrefix) --last;
            NounRun(std::span(morphemes).subspan(index, last - index));
            index = run_end;
        }
    }

    void NounRun(std::span<const Morpheme> run) {
        if (run.empty()) return;
        std::vector<std::string> unified;
        unified.reserve(run.size());
        bool any_part = false;
        for (const Morpheme& morpheme : run) {
            unified.push_back(UnifyKana(Surface(morpheme)));
            if (morpheme.kind == MorphemeKind::kNoun && !IsSingleKana(unified.back())) {
                any_part = true;
            }
        }
        const bool has_noun = std::ranges::any_of(
            run, [](const Morpheme& morpheme) { return morpheme.kind == MorphemeKind::kNoun; });
        if (!has_noun) return;
        const bool compound =
            options_.keep_compounds && run.size() >= 2 && run.size() <= kMaxCompoundParts;
        const bool emit_parts = !compound || options_.split_compounds;
        if (compound) {
            std::string term;
            for (const std::string& part : unified) term += part;
            const uint32_t position = emit_parts && any_part ? position_ : position_++;
            Emit(std::move(term), run.front().begin, run.back().end, position);
        }
        if (!emit_parts) return;
        for (size_t k = 0; k < run.size(); ++k) {
            if (run[k].kind != MorphemeKind::kNoun || IsSingleKana(unified[k])) continue;
            Emit(std::move(unified[k]), run[k].begin, run[k].end, position_++);
        }
    }

    std::string_view Surface(const Morpheme& morpheme) const {
        return std::string_view(text_).substr(morpheme.begin, morpheme.end - morpheme.begin);
    }

    void Emit(std::string term, size_t begin, size_t end, uint32_t position) {
        const auto [source_begin, source_end] = folded_.SourceRange(begin, end);
        tokens_.push_back(
            Token{std::move(term),
                  std::string(source_.substr(source_begin, source_end - source_begin)), position});
    }

    const AnalyzerOptions& options_;
    const MeCab::Tagger& tagger_;
    const std::vector<std::string>& domain_terms_;
    size_t longest_domain_term_;
    Workspace& workspace_;
    std::string_view source_;
    const FoldedText& folded_;
    const std::string& text_;
    std::vector<Token> tokens_;
    uint32_t position_ = 0;
};

}  // namespace

std::vector<Token> Analyzer::Impl::Analyze(std::string_view text) const {
    const size_t limit = std::min(options.max_input_bytes, kMaxInputBytesLimit);
    const std::string source = RepairUtf8(TruncateUtf8(text, limit));
    if (source.empty()) return {};
    const FoldedText folded = FoldedText::Fold(source);
    std::unique_ptr<Workspace> workspace = Acquire();
    std::vector<Token> tokens =
        Pass(options, *tagger, domain_terms, longest_domain_term, *workspace, source, folded).Run();
    Release(std::move(workspace));
    return tokens;
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    const std::string dictionary_dir =
        options.dictionary_dir.empty() ? std::string(KC_MECAB_DICDIR) : options.dictionary_dir;
    std::error_code error;
    if (!std::filesystem::is_regular_file(std::filesystem::path(dictionary_dir) / "sys.dic",
                                          error)) {
        return Fail(Error::NotFound(fmt::format(
            "MeCab dictionary directory \"{}\" has no sys.dic (install mecab-ipadic-utf8 or set "
            "dictionary_dir)",
            dictionary_dir)));
    }
    if (!options.user_dictionary.empty() &&
        !std::filesystem::is_regular_file(options.user_dictionary, error)) {
        return Fail(Error::NotFound(
            fmt::format("MeCab user dictionary \"{}\" does not exist", options.user_dictionary)));
    }
    if (!options.user_dictionary.empty()) {
        KC_RETURN_IF_ERROR(CheckUserDictionary(options.user_dictionary, dictionary_dir));
    }
    // "-r /dev/null": ignore /etc/mecabrc and ~/.mecabrc, so that only these arguments count.
    std::vector<std::string> arguments = {"kcluster", "-r", "/dev/null", "-d", dictionary_dir};
    if (!options.user_dictionary.empty()) {
        arguments.push_back("-u");
        arguments.push_back(options.user_dictionary);
    }
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    try {
        impl->model.reset(MeCab::createModel(static_cast<int>(arguments.size()), argv.data()));
        if (impl->model == nullptr) {
            const char* why = MeCab::getLastError();
            return Fail(Error::InvalidArgument(
                fmt::format("cannot load the MeCab dictionary \"{}\"{}{}: {}", dictionary_dir,
                            options.user_dictionary.empty() ? "" : " with user dictionary ",
                            options.user_dictionary, why != nullptr ? why : "unknown error")));
        }
        impl->tagger.reset(impl->model->createTagger());
        if (impl->tagger == nullptr) {
            return Fail(Error::Internal("MeCab could not create a tagger"));
        }
    } catch (const std::exception& exception) {
        return Fail(Error::Internal(fmt::format("MeCab failed: {}", exception.what())));
    }
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("english", "UTF_8"));
    if (stemmer == nullptr) {
        return Fail(Error::Internal("the Snowball \"english\" stemmer is not available"));
    }
    std::vector<std::string> terms;
    if (options.use_default_domain_terms) {
        for (std::string_view term : kDefaultDomainTerms) terms.push_back(FoldText(term));
    }
    for (const std::string& term : options.domain_terms) terms.push_back(FoldText(term));
    std::erase_if(terms, [](const std::string& term) { return term.empty(); });
    std::ranges::sort(terms);
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (const std::string& term : terms) {
        impl->longest_domain_term = std::max(impl->longest_domain_term, term.size());
    }
    impl->domain_terms = std::move(terms);
    // The first workspace is made now, so a broken setup shows here rather than in Analyze.
    auto workspace = std::make_unique<Workspace>();
    workspace->lattice.reset(impl->model->createLattice());
    workspace->stemmer = std::move(stemmer);
    if (workspace->lattice == nullptr) {
        return Fail(Error::Internal("MeCab could not create a lattice"));
    }
    impl->pool.push_back(std::move(workspace));
    return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

std::vector<Token> Analyzer::Analyze(std::string_view text) const { return impl_->Analyze(text); }

std::vector<std::string> Analyzer::Terms(std::string_view text) const {
    std::vector<std::string> terms;
    for (Token& token : Analyze(text)) terms.push_back(std::move(token.term));
    std::ranges::sort(terms);
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

std::span<const std::string_view> DefaultDomainTerms() { return kDefaultDomainTerms; }

}  // namespace kc::engines::text
