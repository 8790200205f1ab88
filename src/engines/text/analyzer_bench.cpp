// Throughput of Analyzer::Analyze on seed/need-like abstracts: Japanese, English and mixed
// sentences (a few hundred distinct ones, built from realistic templates), one call per
// sentence and one call per whole abstract.

#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "engines/text/analyzer.h"

namespace kc::engines::text {
namespace {

constexpr std::array<const char*, 16> kJapaneseTopics = {
    "希少糖プシコース", "CMOSイメージセンサ", "燃料電池用触媒",     "ゲノム編集技術",
    "機能性食品素材",   "半導体レーザー",     "有機ELディスプレイ", "バイオマス資源",
    "医療用ロボット",   "ナノ粒子分散液",     "リチウムイオン電池", "抗体医薬品",
    "農業用ドローン",   "ぶどう果皮抽出物",   "コンピューター制御", "高分子複合材料",
};
constexpr std::array<const char*, 12> kJapaneseTemplates = {
    "本研究では、{}の大量生産技術を確立し、地域企業との共同研究により実用化を目指す。",
    "{}の高感度化と低コスト化を両立させるため、新たな製造プロセスを開発した。",
    "地域の中小企業は{}に関する技術シーズを求めており、産学官連携による橋渡しが期待される。",
    "試作した{}の性能を評価したところ、従来品と比べて約二倍の効率が得られた。",
    "{}を用いた新しい検査装置を開発し、県内の医療機関で実証試験を行っている。",
    "当社は{}の量産化に向けて、大学の研究室と連携しながら品質管理の手法を検討している。",
    "{}の安全性を確認するため、動物実験と臨床試験を段階的に実施する計画である。",
    "知的クラスター創成事業の一環として、{}に関する特許を三件出願した。",
    "コーディネーターの目利きにより、{}のニーズを持つ企業とのマッチングが成立した。",
    "{}は高い耐久性を持ち、過酷な環境下でも安定して動作することが確認された。",
    "今後は{}の応用範囲を広げ、海外市場への展開も視野に入れている。",
    "研究チームは{}の反応機構を解明し、その成果を国際学会で発表した。",
};
constexpr std::array<const char*, 16> kEnglishTopics = {
    "rare sugar production",    "CMOS image sensors",        "fuel cell catalysts",
    "genome editing",           "functional food materials", "semiconductor lasers",
    "organic LED displays",     "biomass resources",         "medical robots",
    "nanoparticle dispersions", "lithium-ion batteries",     "antibody drugs",
    "agricultural drones",      "grape skin extracts",       "computer-controlled machining",
    "polymer composites",
};
constexpr std::array<const char*, 12> kEnglishTemplates = {
    "This study establishes mass production techniques for {} in collaboration with regional "
    "companies.",
    "We developed a new manufacturing process that improves the sensitivity of {} while "
    "reducing costs.",
    "Local small and medium enterprises are looking for technology seeds related to {}.",
    "The prototype {} showed roughly twice the efficiency of conventional products.",
    "A novel inspection device based on {} is being evaluated in hospitals across the "
    "prefecture.",
    "Our company is studying quality control methods for the commercialization of {}.",
    "Safety of {} will be confirmed through animal studies followed by clinical trials.",
    "Three patent applications concerning {} were filed as part of the cluster programme.",
    "The coordinator matched firms that need {} with university researchers.",
    "The {} remained stable under harsh conditions, demonstrating their durability.",
    "Future work will broaden the applications of {} and explore overseas markets.",
    "The team clarified the reaction mechanisms underlying {} and presented the results.",
};

std::string Fill(const char* pattern, const char* topic) {
    std::string text = pattern;
    const size_t at = text.find("{}");
    if (at != std::string::npos) text.replace(at, 2, topic);
    return text;
}

template <size_t kTopics, size_t kTemplates>
std::vector<std::string> Sentences(const std::array<const char*, kTopics>& topics,
                                   const std::array<const char*, kTemplates>& templates) {
    std::vector<std::string> sentences;
    for (const char* pattern : templates) {
        for (const char* topic : topics) sentences.push_back(Fill(pattern, topic));
    }
    return sentences;  // 192 distinct sentences
}

const std::vector<std::string>& Japanese() {
    static const auto sentences = Sentences(kJapaneseTopics, kJapaneseTemplates);
    return sentences;
}
const std::vector<std::string>& English() {
    static const auto sentences = Sentences(kEnglishTopics, kEnglishTemplates);
    return sentences;
}
const std::vector<std::string>& Mixed() {
    static const auto sentences = [] {
        std::vector<std::string> out;
        for (size_t i = 0; i < Japanese().size(); ++i) out.push_back(Japanese()[i] + English()[i]);
        return out;
    }();
    return sentences;
}

const Analyzer& SharedAnalyzer() {
    static const std::unique_ptr<Analyzer> analyzer = [] {
        auto created = Analyzer::Create();
        if (!created) std::abort();
        return std::move(*created);
    }();
    return *analyzer;
}

void RunSentences(benchmark::State& state, const std::vector<std::string>& sentences) {
    const Analyzer& analyzer = SharedAnalyzer();
    size_t bytes = 0;
    size_t tokens = 0;
    for (auto _ : state) {
        for (const std::string& sentence : sentences) {
            auto result = analyzer.Analyze(sentence);
            tokens += result.size();
            bytes += sentence.size();
            benchmark::DoNotOptimize(result);
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
    state.counters["tokens/s"] =
        benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
    state.counters["sentences/s"] = benchmark::Counter(
        static_cast<double>(sentences.size()) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}

void RunWhole(benchmark::State& state, const std::vector<std::string>& sentences) {
    std::string text;
    for (const std::string& sentence : sentences) text += sentence;
    const Analyzer& analyzer = SharedAnalyzer();
    for (auto _ : state) {
        auto result = analyzer.Analyze(text);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<int64_t>(text.size()) *
                            static_cast<int64_t>(state.iterations()));
}

void BM_JapaneseSentences(benchmark::State& state) { RunSentences(state, Japanese()); }
void BM_EnglishSentences(benchmark::State& state) { RunSentences(state, English()); }
void BM_MixedSentences(benchmark::State& state) { RunSentences(state, Mixed()); }
void BM_JapaneseAbstract(benchmark::State& state) { RunWhole(state, Japanese()); }
void BM_EnglishAbstract(benchmark::State& state) { RunWhole(state, English()); }
void BM_NormalizeText(benchmark::State& state) {
    size_t bytes = 0;
    for (auto _ : state) {
        for (const std::string& sentence : Mixed()) {
            benchmark::DoNotOptimize(NormalizeText(sentence));
            bytes += sentence.size();
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

BENCHMARK(BM_JapaneseSentences);
BENCHMARK(BM_EnglishSentences);
BENCHMARK(BM_MixedSentences);
BENCHMARK(BM_MixedSentences)->Threads(2)->UseRealTime();
BENCHMARK(BM_JapaneseAbstract);
BENCHMARK(BM_EnglishAbstract);
BENCHMARK(BM_NormalizeText);

}  // namespace
}  // namespace kc::engines::text
