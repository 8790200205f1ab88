#include "engines/match/index.h"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace kc::engines::match {
namespace {

constexpr uint32_t kNoTerm = std::numeric_limits<uint32_t>::max();
constexpr double kMaxWeight = 1e6;
// Query terms whose weight falls below this are ignored, so that weight * impact (impact >=
// FLT_MIN) is always > 0 and 0 can mark an untouched accumulator.
constexpr double kMinQueryWeight = 1e-200;
constexpr double kExcluded = -std::numeric_limits<double>::infinity();
// Relative slack on pruning bounds: far above the rounding of a sum of < 1e6 terms.
constexpr double kBoundSlack = 1e-9;
// Pruning keeps the k best partial scores in a flat array; beyond this k it is not worth it.
constexpr size_t kMaxPruneK = 256;
// Documents per chunk when building: fixed, so the index never depends on the thread count.
constexpr size_t kChunkDocs = 16384;
// Candidates are looked up in a posting list by galloping when the list is this many times
// longer; otherwise the list is scanned. (Measured on Zipf corpora: 8 to 16 is best.)
constexpr uint64_t kGallopRatio = 8;
// Postings ahead whose accumulator is prefetched in the scoring loops.
constexpr uint64_t kPrefetchDistance = 16;
// Top-k scores the leading docs exactly once the bound of the terms left falls below this
// multiple of the threshold.
constexpr double kBoostRatio = 2.0;

// Runs `f` in an arena of `threads` threads (0 = TBB's default: all cores).
template <class F>
void RunWithThreads(int threads, F&& f) {
    if (threads > 0) {
        tbb::task_arena arena(threads);
        arena.execute(std::forward<F>(f));
    } else {
        std::forward<F>(f)();
    }
}

// The weight actually used: 0 for weights that are not finite or not > 0, clamped to 1e6.
double EffectiveWeight(double weight) {
    if (!std::isfinite(weight) || !(weight > 0)) return 0;
    return std::min(weight, kMaxWeight);
}

// Logarithmic term frequency: 1 + ln(x) for x >= 1, x below (continuous, with slope 1 at 1).
double Ltf(double x) { return x >= 1 ? 1 + std::log(x) : x; }

double Idf(double num_docs, double df) { return std::log1p((num_docs - df + 0.5) / (df + 0.5)); }

double Inflate(double bound) { return bound * (1 + kBoundSlack); }

size_t HashTerm(std::string_view term) { return std::hash<std::string_view>{}(term); }

// The k best partial scores seen so far (any order), to get the k-th best as a threshold.
class TopTracker {
  public:
    explicit TopTracker(size_t k) : k_(k) { entries_.reserve(k); }

    // The k-th best value, or -inf while fewer than k docs were offered.
    [[nodiscard]] double Threshold() const { return Full() ? min_ : kExcluded; }
    [[nodiscard]] bool Full() const { return entries_.size() == k_; }
    [[nodiscard]] const std::vector<Hit>& Entries() const { return entries_; }
    // Changes whenever a doc enters the set.
    [[nodiscard]] uint64_t Version() const { return version_; }

    // Records that `doc` now has `value` (> Threshold()).
    void Offer(uint32_t doc, double value) {
        for (size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].doc == doc) {
                entries_[i].score = value;
                if (i == min_index_) Recompute();
                return;
            }
        }
        ++version_;
        if (!Full()) {
            entries_.push_back({doc, value});
            if (Full()) Recompute();
            return;
        }
        entries_[min_index_] = {doc, value};
        Recompute();
    }

  private:
    void Recompute() {
        min_index_ = 0;
        for (size_t i = 1; i < entries_.size(); ++i) {
            if (entries_[i].score < entries_[min_index_].score) min_index_ = i;
        }
        min_ = entries_[min_index_].score;
    }

    size_t k_;
    std::vector<Hit> entries_;
    size_t min_index_ = 0;
    double min_ = kExcluded;
    uint64_t version_ = 0;
};

// First index in [lo, hi) whose doc is >= target (hi if none), searching forward from lo.
size_t Gallop(const uint32_t* docs, size_t lo, size_t hi, uint32_t target) {
    if (lo >= hi || docs[lo] >= target) return lo;
    size_t prev = lo;
    size_t step = 1;
    while (lo + step < hi && docs[lo + step] < target) {
        prev = lo + step;
        step *= 2;
    }
    const size_t end = std::min(lo + step, hi);
    return static_cast<size_t>(std::lower_bound(docs + prev + 1, docs + end, target) - docs);
}

bool HitBefore(const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc < b.doc;
}

std::vector<Hit> BestOf(std::vector<Hit> hits, size_t k) {
    const size_t n = std::min(k, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<ptrdiff_t>(n), hits.end(),
                      HitBefore);
    hits.resize(n);
    return hits;
}

// Ids of distinct strings in order of first insertion, by open addressing over views (the
// viewed text must outlive the table). Hashes are kept so that growing never rehashes text.
class TermIds {
  public:
    // The id of `term` (whose HashTerm is `hash`), inserting it with the next id if new.
    uint32_t Insert(std::string_view term, size_t hash) {
        if ((terms_.size() + 1) * 2 > slots_.size()) Grow();
        const size_t mask = slots_.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.id == kNoTerm) {
                KC_CHECK(terms_.size() < kNoTerm, "too many distinct terms");
                slot = {hash, static_cast<uint32_t>(terms_.size())};
                terms_.push_back(term);
                hashes_.push_back(hash);
                return slot.id;
            }
            if (slot.hash == hash && terms_[slot.id] == term) return slot.id;
        }
    }

    [[nodiscard]] const std::vector<std::string_view>& Terms() const { return terms_; }
    [[nodiscard]] const std::vector<size_t>& Hashes() const { return hashes_; }

  private:
    struct Slot {
        size_t hash = 0;
        uint32_t id = kNoTerm;
    };

    void Grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<size_t>(64, old.size() * 2), Slot{});
        const size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.id == kNoTerm) continue;
            size_t i = slot.hash & mask;
            while (slots_[i].id != kNoTerm) i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }

    std::vector<Slot> slots_;
    std::vector<std::string_view> terms_;
    std::vector<size_t> hashes_;
};

// Build state for one chunk of documents.
struct Chunk {
    uint32_t first_doc = 0;
    uint32_t end_doc = 0;
    TermIds local_terms;               // local id -> text (views into the docs)
    std::vector<uint32_t> ids;         // tokens as local ids, then distinct global term ids
    std::vector<uint32_t> doc_starts;  // per doc + 1: tokens, then pairs
    std::vector<uint32_t> counts;      // per pair: occurrences
    std::vector<float> impacts;        // per pair
    std::vector<double> lengths;       // per doc: BM25 len = tokens * weight
    std::vector<double> weights;       // per doc: effective weight
    struct Surface {
        uint32_t doc;
        uint32_t term;
        std::string_view text;
    };
    std::vector<Surface> surfaces;  // in doc order, then term order
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Build

Index Index::Build(std::span<const Document> docs, const IndexOptions& options) {
    KC_CHECK(std::isfinite(options.k1) && options.k1 >= 0, "k1 must be finite and >= 0");
    KC_CHECK(options.b >= 0 && options.b <= 1, "b must be in [0, 1]");
    KC_CHECK(options.threads >= 0, "threads must be >= 0");
    KC_CHECK(docs.size() < kNoTerm, "too many documents");

    Index index;
    index.options_ = options;
    index.num_docs_ = static_cast<uint32_t>(docs.size());
    const size_t num_docs = docs.size();
    const size_t num_chunks = (num_docs + kChunkDocs - 1) / kChunkDocs;
    std::vector<Chunk> chunks(num_chunks);
    for (size_t c = 0; c < num_chunks; ++c) {
        chunks[c].first_doc = static_cast<uint32_t>(c * kChunkDocs);
        chunks[c].end_doc = static_cast<uint32_t>(std::min(num_docs, (c + 1) * kChunkDocs));
    }
    auto for_each_chunk = [&](auto&& body) {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, num_chunks, 1),
                          [&](const tbb::blocked_range<size_t>& range) {
                              for (size_t c = range.begin(); c != range.end(); ++c) body(chunks[c]);
                          });
    };

    TermIds vocabulary;  // global id -> text (views into the docs)
    std::vector<uint32_t> df;
    RunWithThreads(options.threads, [&] {
        // 1. Local vocabularies and tokens as local ids, in parallel.
        for_each_chunk([&](Chunk& chunk) {
            chunk.doc_starts.reserve(chunk.end_doc - chunk.first_doc + 1);
            for (uint32_t d = chunk.first_doc; d < chunk.end_doc; ++d) {
                chunk.doc_starts.push_back(static_cast<uint32_t>(chunk.ids.size()));
                const double weight = EffectiveWeight(docs[d].weight);
                chunk.weights.push_back(weight);
                if (weight == 0) continue;
                for (const std::string& term : docs[d].terms) {
                    chunk.ids.push_back(chunk.local_terms.Insert(term, HashTerm(term)));
                }
                KC_CHECK(chunk.ids.size() < kNoTerm, "too many tokens in one chunk");
            }
            chunk.doc_starts.push_back(static_cast<uint32_t>(chunk.ids.size()));
        });

        // 2. Global ids in order of first occurrence: merge the chunks in order.
        std::vector<std::vector<uint32_t>> remaps(num_chunks);
        for (size_t c = 0; c < num_chunks; ++c) {
            const std::vector<std::string_view>& terms = chunks[c].local_terms.Terms();
            const std::vector<size_t>& hashes = chunks[c].local_terms.Hashes();
            remaps[c].reserve(terms.size());
            for (size_t i = 0; i < terms.size(); ++i) {
                remaps[c].push_back(vocabulary.Insert(terms[i], hashes[i]));
            }
            chunks[c].local_terms = {};
        }

        // 3. Per doc: distinct terms with counts (sorted by term id) and first surfaces.
        const bool surfaces = options.keep_surfaces;
        for_each_chunk([&](Chunk& chunk) {
            const std::vector<uint32_t>& remap = remaps[&chunk - chunks.data()];
            std::vector<uint64_t> keys;
            uint32_t out = 0;
            for (uint32_t d = chunk.first_doc; d < chunk.end_doc; ++d) {
                const uint32_t i = d - chunk.first_doc;
                const uint32_t begin = chunk.doc_starts[i];
                const uint32_t end = chunk.doc_starts[i + 1];
                keys.clear();
                for (uint32_t p = begin; p < end; ++p) {
                    keys.push_back(uint64_t{remap[chunk.ids[p]]} << 32 | (p - begin));
                }
                std::sort(keys.begin(), keys.end());
                chunk.doc_starts[i] = out;
                chunk.lengths.push_back(static_cast<double>(end - begin) * chunk.weights[i]);
                const Document& doc = docs[d];
                const bool doc_surfaces = surfaces && doc.surfaces.size() == doc.terms.size();
                for (size_t r = 0; r < keys.size();) {
                    const uint32_t term = static_cast<uint32_t>(keys[r] >> 32);
                    const uint32_t first = static_cast<uint32_t>(keys[r]);
                    size_t s = r + 1;
                    while (s < keys.size() && (keys[s] >> 32) == term) ++s;
                    chunk.ids[out++] = term;
                    chunk.counts.push_back(static_cast<uint32_t>(s - r));
                    if (doc_surfaces && doc.surfaces[first] != doc.terms[first]) {
                        chunk.surfaces.push_back({d, term, doc.surfaces[first]});
                    }
                    r = s;
                }
            }
            chunk.doc_starts.back() = out;
            chunk.ids.resize(out);
            chunk.ids.shrink_to_fit();
        });
        remaps = {};

        // 4. Document frequencies and idf.
        df.assign(vocabulary.Terms().size(), 0);
        for (const Chunk& chunk : chunks) {
            for (uint32_t term : chunk.ids) ++df[term];
        }
        index.idf_.resize(df.size());
        for (size_t t = 0; t < df.size(); ++t) {
            index.idf_[t] = Idf(static_cast<double>(num_docs), df[t]);
        }

        // 5. Impacts.
        double total_length = 0;
        for (const Chunk& chunk : chunks) {
            for (double length : chunk.lengths) total_length += length;
        }
        const double avg_length = num_docs > 0 ? total_length / static_cast<double>(num_docs) : 0;
        for_each_chunk([&](Chunk& chunk) {
            chunk.impacts.resize(chunk.ids.size());
            for (uint32_t i = 0; i + 1 < chunk.doc_starts.size(); ++i) {
                const uint32_t begin = chunk.doc_starts[i];
                const uint32_t end = chunk.doc_starts[i + 1];
                const double weight = chunk.weights[i];
                if (options.model == Model::kBm25) {
                    const double norm =
                        options.k1 * (1 - options.b +
                                      options.b * chunk.lengths[i] / std::max(avg_length, 1e-300));
                    for (uint32_t p = begin; p < end; ++p) {
                        const double tf = chunk.counts[p] * weight;
                        chunk.impacts[p] = static_cast<float>(tf / (tf + norm));
                    }
                } else {
                    double norm2 = 0;
                    for (uint32_t p = begin; p < end; ++p) {
                        const double x = Ltf(chunk.counts[p] * weight) * index.idf_[chunk.ids[p]];
                        norm2 += x * x;
                    }
                    const double inv_norm = norm2 > 0 ? 1 / std::sqrt(norm2) : 0;
                    for (uint32_t p = begin; p < end; ++p) {
                        chunk.impacts[p] =
                            static_cast<float>(Ltf(chunk.counts[p] * weight) * inv_norm);
                    }
                }
                for (uint32_t p = begin; p < end; ++p) {
                    // Every stored impact is > 0 (see kMinQueryWeight).
                    chunk.impacts[p] =
                        std::max(chunk.impacts[p], std::numeric_limits<float>::min());
                }
            }
            chunk.counts = {};
        });
    });

    // 6. Postings (CSR by term, docs ascending).
    const size_t num_terms = vocabulary.Terms().size();
    index.posting_starts_.assign(num_terms + 1, 0);
    for (size_t t = 0; t < num_terms; ++t) {
        index.posting_starts_[t + 1] = index.posting_starts_[t] + df[t];
    }
    const uint64_t num_postings = index.posting_starts_[num_terms];
    index.posting_docs_.resize(num_postings);
    index.posting_impacts_.resize(num_postings);
    {
        std::vector<uint64_t> cursor(index.posting_starts_.begin(),
                                     index.posting_starts_.end() - 1);
        for (Chunk& chunk : chunks) {
            for (uint32_t i = 0; i + 1 < chunk.doc_starts.size(); ++i) {
                const uint32_t doc = chunk.first_doc + i;
                for (uint32_t p = chunk.doc_starts[i]; p < chunk.doc_starts[i + 1]; ++p) {
                    const uint64_t at = cursor[chunk.ids[p]]++;
                    index.posting_docs_[at] = doc;
                    index.posting_impacts_[at] = chunk.impacts[p];
                }
            }
            chunk.ids = {};
            chunk.impacts = {};
        }
    }
    index.max_impact_.assign(num_terms, 0);
    RunWithThreads(options.threads, [&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, num_terms, 4096),
                          [&](const tbb::blocked_range<size_t>& range) {
                              for (size_t t = range.begin(); t != range.end(); ++t) {
                                  float best = 0;
                                  for (uint64_t p = index.posting_starts_[t];
                                       p < index.posting_starts_[t + 1]; ++p) {
                                      best = std::max(best, index.posting_impacts_[p]);
                                  }
                                  index.max_impact_[t] = best;
                              }
                          });
    });

    // 7. Vocabulary pool and hash table.
    size_t chars = 0;
    for (std::string_view term : vocabulary.Terms()) chars += term.size();
    KC_CHECK(chars < kNoTerm, "term text over 4 GiB");
    index.term_chars_.reserve(chars);
    index.term_char_starts_.reserve(num_terms + 1);
    for (std::string_view term : vocabulary.Terms()) {
        index.term_char_starts_.push_back(static_cast<uint32_t>(index.term_chars_.size()));
        index.term_chars_.insert(index.term_chars_.end(), term.begin(), term.end());
    }
    index.term_char_starts_.push_back(static_cast<uint32_t>(index.term_chars_.size()));
    if (num_terms > 0) {
        const size_t size = std::bit_ceil(std::max<size_t>(16, 2 * num_terms));
        index.term_table_.assign(size, 0);
        for (size_t t = 0; t < num_terms; ++t) {
            size_t slot = vocabulary.Hashes()[t] & (size - 1);
            while (index.term_table_[slot] != 0) slot = (slot + 1) & (size - 1);
            index.term_table_[slot] = static_cast<uint32_t>(t + 1);
        }
    }

    // 8. Surfaces that differ from their term.
    size_t num_surfaces = 0;
    for (const Chunk& chunk : chunks) num_surfaces += chunk.surfaces.size();
    if (num_surfaces > 0) {
        index.surface_starts_.assign(num_docs + 1, 0);
        index.surface_terms_.reserve(num_surfaces);
        index.surface_ids_.reserve(num_surfaces);
        std::unordered_map<std::string_view, uint32_t> ids;
        for (const Chunk& chunk : chunks) {
            for (const Chunk::Surface& surface : chunk.surfaces) {
                ++index.surface_starts_[surface.doc + 1];
                auto [it, inserted] = ids.try_emplace(
                    surface.text, static_cast<uint32_t>(index.surface_char_starts_.size()));
                if (inserted) {
                    index.surface_char_starts_.push_back(
                        static_cast<uint32_t>(index.surface_chars_.size()));
                    index.surface_chars_.insert(index.surface_chars_.end(), surface.text.begin(),
                                                surface.text.end());
                    KC_CHECK(index.surface_chars_.size() < kNoTerm, "surface text over 4 GiB");
                }
                index.surface_terms_.push_back(surface.term);
                index.surface_ids_.push_back(it->second);
            }
        }
        index.surface_char_starts_.push_back(static_cast<uint32_t>(index.surface_chars_.size()));
        for (size_t d = 0; d < num_docs; ++d) {
            index.surface_starts_[d + 1] += index.surface_starts_[d];
        }
    }
    return index;
}

Result<Index> Index::Create(std::span<const Document> docs, const IndexOptions& options) {
    std::vector<FieldError> fields;
    if (!std::isfinite(options.k1) || options.k1 < 0) {
        fields.push_back({"options.k1", "a finite number >= 0", fmt::format("{}", options.k1)});
    }
    if (!(options.b >= 0 && options.b <= 1)) {
        fields.push_back({"options.b", "a number in [0, 1]", fmt::format("{}", options.b)});
    }
    if (options.threads < 0) {
        fields.push_back(
            {"options.threads", "an integer >= 0", fmt::format("{}", options.threads)});
    }
    for (size_t d = 0; d < docs.size(); ++d) {
        const Document& doc = docs[d];
        if (!std::isfinite(doc.weight) || doc.weight < 0 || doc.weight > kMaxWeight) {
            fields.push_back({fmt::format("docs[{}].weight", d), "a number in [0, 1e6]",
                              fmt::format("{}", doc.weight)});
        }
        if (!doc.surfaces.empty() && doc.surfaces.size() != doc.terms.size()) {
            fields.push_back({fmt::format("docs[{}].surfaces", d),
                              fmt::format("none or {} (one per term)", doc.terms.size()),
                              fmt::format("{}", doc.surfaces.size())});
        }
    }
    if (docs.size() >= kNoTerm) {
        fields.push_back(
            {"docs", "fewer than 4294967295 documents", fmt::format("{}", docs.size())});
    }
    if (!fields.empty()) return Fail(Error::Fields("invalid match index input", std::move(fields)));
    return Build(docs, options);
}

// ---------------------------------------------------------------------------------------------
// Lookups

size_t Index::MemoryBytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return bytes(term_chars_) + bytes(term_char_starts_) + bytes(term_table_) +
           bytes(posting_starts_) + bytes(idf_) + bytes(max_impact_) + bytes(posting_docs_) +
           bytes(posting_impacts_) + bytes(surface_starts_) + bytes(surface_terms_) +
           bytes(surface_ids_) + bytes(surface_chars_) + bytes(surface_char_starts_);
}

std::string_view Index::TermText(uint32_t term) const {
    return {term_chars_.data() + term_char_starts_[term],
            term_char_starts_[term + 1] - term_char_starts_[term]};
}

uint32_t Index::Lookup(std::string_view term) const {
    if (term_table_.empty()) return kNoTerm;
    const size_t mask = term_table_.size() - 1;
    for (size_t slot = HashTerm(term) & mask;; slot = (slot + 1) & mask) {
        const uint32_t entry = term_table_[slot];
        if (entry == 0) return kNoTerm;
        if (TermText(entry - 1) == term) return entry - 1;
    }
}

uint32_t Index::DocumentFrequency(std::string_view term) const {
    const uint32_t id = Lookup(term);
    if (id == kNoTerm) return 0;
    return static_cast<uint32_t>(posting_starts_[id + 1] - posting_starts_[id]);
}

std::vector<Index::QueryTerm> Index::Prepare(const Document& query) const {
    std::vector<QueryTerm> terms;
    const double weight = EffectiveWeight(query.weight);
    if (weight == 0 || term_table_.empty()) return terms;
    std::vector<uint64_t> keys;
    keys.reserve(query.terms.size());
    for (size_t p = 0; p < query.terms.size() && p < kNoTerm; ++p) {
        const uint32_t id = Lookup(query.terms[p]);
        if (id != kNoTerm) keys.push_back(uint64_t{id} << 32 | p);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<double> qtf;
    for (size_t r = 0; r < keys.size();) {
        const uint32_t term = static_cast<uint32_t>(keys[r] >> 32);
        size_t s = r + 1;
        while (s < keys.size() && (keys[s] >> 32) == term) ++s;
        terms.push_back({term, static_cast<uint32_t>(keys[r]), 0, 0});
        qtf.push_back(static_cast<double>(s - r) * weight);
        r = s;
    }
    if (options_.model == Model::kBm25) {
        for (size_t i = 0; i < terms.size(); ++i) {
            terms[i].weight = qtf[i] * idf_[terms[i].term] * (options_.k1 + 1);
        }
    } else {
        double norm2 = 0;
        for (size_t i = 0; i < terms.size(); ++i) {
            const double x = Ltf(qtf[i]) * idf_[terms[i].term];
            norm2 += x * x;
        }
        const double norm = std::sqrt(norm2);
        for (size_t i = 0; i < terms.size(); ++i) {
            const double idf = idf_[terms[i].term];
            terms[i].weight = Ltf(qtf[i]) * idf / norm * idf;
        }
    }
    std::erase_if(terms, [](const QueryTerm& t) { return !(t.weight >= kMinQueryWeight); });
    for (QueryTerm& t : terms) t.bound = t.weight * static_cast<double>(max_impact_[t.term]);
    std::sort(terms.begin(), terms.end(), [](const QueryTerm& a, const QueryTerm& b) {
        if (a.bound != b.bound) return a.bound > b.bound;
        return a.term < b.term;
    });
    return terms;
}

float Index::ImpactOf(uint32_t term, uint32_t doc) const {
    const uint32_t* begin = posting_docs_.data() + posting_starts_[term];
    const uint32_t* end = posting_docs_.data() + posting_starts_[term + 1];
    const uint32_t* it = std::lower_bound(begin, end, doc);
    if (it == end || *it != doc) return 0;
    return posting_impacts_[static_cast<size_t>(it - posting_docs_.data())];
}

double Index::ScorePrepared(std::span<const QueryTerm> terms, uint32_t doc) const {
    double score = 0;
    for (const QueryTerm& t : terms) {
        const float impact = ImpactOf(t.term, doc);
        if (impact > 0) score += t.weight * static_cast<double>(impact);
    }
    return score;
}

double Index::Score(const Document& query, uint32_t doc) const {
    KC_CHECK(doc < num_docs_, "doc id out of range");
    return ScorePrepared(Prepare(query), doc);
}

std::vector<Hit> Index::TopK(const Document& query, size_t k,
                             const std::function<bool(uint32_t)>& filter) const {
    Searcher searcher(*this);
    return searcher.TopK(query, k, filter);
}

std::vector<std::vector<Hit>> Index::TopKMany(
    std::span<const Document> queries, size_t k,
    const std::function<bool(uint32_t query, uint32_t doc)>& filter) const {
    std::vector<std::vector<Hit>> results(queries.size());
    tbb::enumerable_thread_specific<Searcher> searchers([this] { return Searcher(*this); });
    RunWithThreads(options_.threads, [&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, queries.size()),
                          [&](const tbb::blocked_range<size_t>& range) {
                              Searcher& searcher = searchers.local();
                              for (size_t q = range.begin(); q != range.end(); ++q) {
                                  if (!filter) {
                                      results[q] = searcher.TopK(queries[q], k);
                                      continue;
                                  }
                                  const uint32_t query = static_cast<uint32_t>(q);
                                  results[q] =
                                      searcher.TopK(queries[q], k, [&filter, query](uint32_t doc) {
                                          return filter(query, doc);
                                      });
                              }
                          });
    });
    return results;
}

std::vector<TermContribution> Index::Explain(const Document& query, uint32_t doc,
                                             size_t limit) const {
    KC_CHECK(doc < num_docs_, "doc id out of range");
    const std::vector<QueryTerm> terms = Prepare(query);
    struct Part {
        const QueryTerm* term;
        double weight;
    };
    std::vector<Part> parts;
    for (const QueryTerm& t : terms) {
        const float impact = ImpactOf(t.term, doc);
        if (impact > 0) parts.push_back({&t, t.weight * static_cast<double>(impact)});
    }
    std::stable_sort(parts.begin(), parts.end(),
                     [](const Part& a, const Part& b) { return a.weight > b.weight; });
    if (parts.size() > limit) parts.resize(limit);
    const bool query_surfaces = query.surfaces.size() == query.terms.size();
    std::vector<TermContribution> out;
    out.reserve(parts.size());
    for (const Part& part : parts) {
        const uint32_t term = part.term->term;
        TermContribution c;
        c.term = std::string(TermText(term));
        c.weight = part.weight;
        if (query_surfaces) {
            c.surface = query.surfaces[part.term->first];
        } else if (!surface_starts_.empty()) {
            const auto begin =
                surface_terms_.begin() + static_cast<ptrdiff_t>(surface_starts_[doc]);
            const auto end =
                surface_terms_.begin() + static_cast<ptrdiff_t>(surface_starts_[doc + 1]);
            const auto it = std::lower_bound(begin, end, term);
            if (it != end && *it == term) {
                const uint32_t id = surface_ids_[static_cast<size_t>(it - surface_terms_.begin())];
                c.surface.assign(surface_chars_.data() + surface_char_starts_[id],
                                 surface_char_starts_[id + 1] - surface_char_starts_[id]);
            }
        }
        if (c.surface.empty() && !query_surfaces) c.surface = c.term;
        out.push_back(std::move(c));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Searcher

Searcher::Searcher(const Index& index) : index_(&index) {}

double Searcher::ExactThreshold(std::span<const QueryTerm> terms, std::span<const Hit> docs,
                                size_t k) {
    for (const Hit& hit : docs) {
        const auto it = std::lower_bound(scored_.begin(), scored_.end(), hit.doc,
                                         [](const Hit& h, uint32_t doc) { return h.doc < doc; });
        if (it != scored_.end() && it->doc == hit.doc) continue;
        scored_.insert(it, {hit.doc, index_->ScorePrepared(terms, hit.doc)});
    }
    if (scored_.size() < k) return kExcluded;
    scores_.clear();
    for (const Hit& hit : scored_) scores_.push_back(hit.score);
    std::nth_element(scores_.begin(), scores_.begin() + static_cast<ptrdiff_t>(k - 1),
                     scores_.end(), std::greater<>());
    return scores_[k - 1];
}

void Searcher::Reset() {
    if (acc_.size() != index_->num_docs_) {
        acc_.assign(index_->num_docs_, 0);
        touched_.assign(size_t{index_->num_docs_} + 1, 0);  // + 1: branch-free appends
        num_touched_ = 0;
    }
    for (size_t i = 0; i < num_touched_; ++i) acc_[touched_[i]] = 0;
    num_touched_ = 0;
    candidates_.clear();
    scored_.clear();
}

void Searcher::AccumulateAll(std::span<const QueryTerm> terms) {
    const uint32_t* docs = index_->posting_docs_.data();
    const float* impacts = index_->posting_impacts_.data();
    double* acc = acc_.data();
    uint32_t* touched = touched_.data();
    size_t n = num_touched_;
    for (const QueryTerm& t : terms) {
        const double w = t.weight;
        for (uint64_t p = index_->posting_starts_[t.term]; p < index_->posting_starts_[t.term + 1];
             ++p) {
            const uint32_t d = docs[p];
            const double a = acc[d];
            touched[n] = d;
            n += a == 0;
            acc[d] = a + w * static_cast<double>(impacts[p]);
        }
    }
    num_touched_ = n;
}

std::span<const double> Searcher::ScoreAll(const Document& query) {
    Reset();
    AccumulateAll(index_->Prepare(query));
    return acc_;
}

std::vector<double> Searcher::ScoreDocs(const Document& query, std::span<const uint32_t> docs) {
    for (uint32_t d : docs) KC_CHECK(d < index_->num_docs_, "doc id out of range");
    const std::vector<QueryTerm> terms = index_->Prepare(query);
    std::vector<double> out(docs.size(), 0.0);
    if (terms.empty()) return out;
    uint64_t postings = 0;
    for (const QueryTerm& t : terms) {
        postings += index_->posting_starts_[t.term + 1] - index_->posting_starts_[t.term];
    }
    // A binary search costs about 20 postings' worth of scanning.
    if (static_cast<double>(docs.size()) * static_cast<double>(terms.size()) * 20 <
        static_cast<double>(postings)) {
        for (size_t i = 0; i < docs.size(); ++i) out[i] = index_->ScorePrepared(terms, docs[i]);
        return out;
    }
    Reset();
    AccumulateAll(terms);
    for (size_t i = 0; i < docs.size(); ++i) out[i] = acc_[docs[i]];
    return out;
}

std::vector<Hit> Searcher::TopK(const Document& query, size_t k,
                                const std::function<bool(uint32_t)>& filter) {
    if (k == 0 || index_->num_docs_ == 0) return {};
    return TopKPrepared(index_->Prepare(query), k, filter);
}

namespace {

// One OR-phase term: adds w * impact to every posting's doc, recording first touches, and
// offers docs rising above theta to `top`. Without a filter every accumulator is >= 0 here,
// and the loop is branch-free but for the (rare) offers.
template <bool kFilter>
void AddTerm(const uint32_t* docs, const float* impacts, uint64_t begin, uint64_t end, double w,
             double* acc, uint32_t* touched, size_t& num_touched,
             const std::function<bool(uint32_t)>& filter, bool prune, TopTracker& top, double exact,
             double& theta) {
    size_t n = num_touched;
    for (uint64_t p = begin; p < end; ++p) {
        if (p + kPrefetchDistance < end) __builtin_prefetch(acc + docs[p + kPrefetchDistance]);
        const uint32_t d = docs[p];
        double a = acc[d];
        if constexpr (kFilter) {
            if (a == 0) {
                touched[n++] = d;
                if (!filter(d)) {
                    acc[d] = kExcluded;
                    continue;
                }
            } else if (a < 0) {
                continue;
            }
        } else {
            touched[n] = d;
            n += a == 0;
        }
        a += w * static_cast<double>(impacts[p]);
        acc[d] = a;
        if (prune && a > theta) {
            top.Offer(d, a);
            theta = std::max(top.Threshold(), exact);
        }
    }
    num_touched = n;
}

// The least partial score a candidate needs when the terms left can add at most `rest`: below
// it, acc + rest < theta by more than any rounding. Always > 0, so that a >= cut implies a > 0.
double Cut(double theta, double rest) {
    return std::max(theta * (1 - kBoundSlack) - rest, std::numeric_limits<double>::min());
}

// One AND-phase term scanned: for each posting whose doc is a candidate (acc >= cut, the
// others having acc <= 0), adds w * impact, and drops (acc = 0) the candidates below the cut.
// Returns the number dropped. Selects are done on bit patterns, as branches would be
// unpredictable.
size_t ScanTerm(const uint32_t* docs, const float* impacts, uint64_t begin, uint64_t end, double w,
                double rest, double* acc, TopTracker& top, double exact, double& theta) {
    double cut = Cut(theta, rest);
    size_t dropped = 0;
    for (uint64_t p = begin; p < end; ++p) {
        if (p + kPrefetchDistance < end) __builtin_prefetch(acc + docs[p + kPrefetchDistance]);
        const uint32_t d = docs[p];
        const double a = acc[d];
        const bool keep = a >= cut;
        const uint64_t mask = uint64_t{0} - uint64_t{keep};
        const uint64_t added = std::bit_cast<uint64_t>(a + w * static_cast<double>(impacts[p]));
        const uint64_t other = std::bit_cast<uint64_t>(std::min(a, 0.0));
        const double next = std::bit_cast<double>((added & mask) | (other & ~mask));
        dropped += static_cast<size_t>((a > 0) & !keep);
        acc[d] = next;
        if (next > theta) {
            top.Offer(d, next);
            theta = std::max(top.Threshold(), exact);
            cut = Cut(theta, rest);
        }
    }
    return dropped;
}

}  // namespace

std::vector<Hit> Searcher::TopKPrepared(std::span<const QueryTerm> terms, size_t k,
                                        const std::function<bool(uint32_t)>& filter) {
    Reset();
    const size_t m = terms.size();
    if (m == 0) return {};
    const uint32_t* docs = index_->posting_docs_.data();
    const float* impacts = index_->posting_impacts_.data();
    const std::vector<uint64_t>& starts = index_->posting_starts_;
    double* acc = acc_.data();
    uint32_t* touched = touched_.data();

    // remaining[j] = the most terms j.. can still add to any document.
    std::vector<double> remaining(m + 1, 0.0);
    for (size_t j = m; j-- > 0;) remaining[j] = remaining[j + 1] + terms[j].bound;

    const bool prune = k <= kMaxPruneK;
    TopTracker top(prune ? k : 0);
    // theta, the pruning threshold, is a lower bound of the final k-th score: the k-th best
    // partial score, or the k-th best full score of the docs scored exactly so far (`exact`).
    double theta = kExcluded;
    double exact = kExcluded;
    uint64_t boosted_version = 0;

    // Term at a time over every document touched ("OR" phase), until the remaining terms cannot
    // lift an unseen document into the top k.
    size_t j = 0;
    bool pruned = false;
    while (j < m) {
        const uint64_t begin = starts[terms[j].term];
        const uint64_t end = starts[terms[j].term + 1];
        if (filter) {
            AddTerm<true>(docs, impacts, begin, end, terms[j].weight, acc, touched, num_touched_,
                          filter, prune, top, exact, theta);
        } else {
            AddTerm<false>(docs, impacts, begin, end, terms[j].weight, acc, touched, num_touched_,
                           filter, prune, top, exact, theta);
        }
        ++j;
        if (!prune || !top.Full() || j == m) continue;
        // Near the switch, score the leading docs fully to raise the threshold.
        if (Inflate(remaining[j]) < kBoostRatio * theta && top.Version() != boosted_version) {
            boosted_version = top.Version();
            exact = std::max(exact, ExactThreshold(terms, top.Entries(), k));
            theta = std::max(theta, exact);
        }
        if (Inflate(remaining[j]) < theta) {
            pruned = true;
            break;
        }
    }

    std::vector<Hit> hits;
    if (!pruned) {
        for (size_t i = 0; i < num_touched_; ++i) {
            const uint32_t d = touched[i];
            const double a = acc[d];
            if (a > 0 && a >= theta) hits.push_back({d, a});
        }
        return BestOf(std::move(hits), k);
    }

    // Only documents already seen can still make the top k ("AND" phase): those whose score
    // reaches the cut (theta less the bound of the terms left). From here on, a positive
    // accumulator marks a candidate; the others hold 0 (or -inf when filtered out). Long posting
    // lists are scanned, dropping candidates below the cut as they are met; when the candidates
    // are few against a list, the list is searched for them instead (galloping). `live` counts
    // the candidates; candidates_ lists them and maybe some dropped since. Loops are written
    // branch-free where the branch would be unpredictable.
    candidates_.resize(num_touched_);
    size_t live = 0;
    {
        const double cut = Cut(theta, remaining[j]);
        for (size_t i = 0; i < num_touched_; ++i) {
            const uint32_t d = touched[i];
            const double a = acc[d];
            const bool keep = a >= cut;
            candidates_[live] = d;
            live += keep;
            acc[d] = keep ? a : std::min(a, 0.0);
        }
        candidates_.resize(live);
    }
    bool sorted = false;
    for (; j < m; ++j) {
        const double w = terms[j].weight;
        const double rest = remaining[j];
        const uint64_t begin = starts[terms[j].term];
        const uint64_t end = starts[terms[j].term + 1];
        const uint64_t length = end - begin;
        if (candidates_.size() > live &&
            (live * kGallopRatio < length || candidates_.size() * 2 < length)) {
            // Cheap against this list: drop the candidates that can no longer make it.
            const double cut = Cut(theta, rest);
            size_t kept = 0;
            for (uint32_t d : candidates_) {
                const double a = acc[d];
                const bool keep = a >= cut;
                candidates_[kept] = d;
                kept += keep;
                acc[d] = keep ? a : 0.0;
            }
            candidates_.resize(kept);
            live = kept;
        }
        if (live * kGallopRatio < length) {
            if (!sorted) {
                std::sort(candidates_.begin(), candidates_.end());
                sorted = true;
            }
            uint64_t p = begin;
            for (uint32_t d : candidates_) {
                p = Gallop(docs, p, end, d);
                if (p == end) break;
                if (docs[p] != d) continue;
                double a = acc[d];
                if (!(a > 0)) continue;
                a += w * static_cast<double>(impacts[p]);
                acc[d] = a;
                if (a > theta) {
                    top.Offer(d, a);
                    theta = std::max(top.Threshold(), exact);
                }
            }
        } else {
            live -= ScanTerm(docs, impacts, begin, end, w, rest, acc, top, exact, theta);
        }
    }
    for (uint32_t d : candidates_) {
        const double a = acc[d];
        if (a > 0 && a >= theta) hits.push_back({d, a});
    }
    return BestOf(std::move(hits), k);
}

}  // namespace kc::engines::match
