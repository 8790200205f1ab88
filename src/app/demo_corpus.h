#pragma once

// Internal to the demo generator (app/demo.cpp): a deterministic random source and the phrase
// banks from which the demo's Japanese (and some English) texts are built — technology seeds,
// company needs, project and invention titles, activity notes — plus fictional person and
// company names. Texts are put together from pre-split pieces so that every combination inside a
// theme reads naturally (技術の概要、特長、想定用途).

#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace kc::app::demo {

// Random numbers from the raw std::mt19937_64 output only (its sequence is fixed by the
// standard), so the same seed gives the same data with every standard library. Modulo reduction
// has a negligible bias for the small ranges used here.
class Rng {
  public:
    explicit Rng(uint64_t seed) : engine_(seed) {}

    uint64_t Next() { return engine_(); }
    // An integer in lo..hi inclusive (lo <= hi).
    int64_t Between(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(engine_() % static_cast<uint64_t>(hi - lo + 1));
    }
    // An index in 0..n-1 (n > 0).
    size_t Index(size_t n) { return static_cast<size_t>(engine_() % n); }
    // True with probability percent/100.
    bool Percent(int percent) { return static_cast<int>(engine_() % 100) < percent; }
    template <class C>
    const auto& Pick(const C& items) {
        return items[Index(std::size(items))];
    }

  private:
    std::mt19937_64 engine_;
};

// A seed for an independent stream: SplitMix64 of `seed` and `stream`.
[[nodiscard]] uint64_t MixSeed(uint64_t seed, uint64_t stream);

struct Phrase {
    const char* ja;
    const char* en;
};

// A coherent family of technology seeds: every tech × object × result combination makes sense.
struct SeedTheme {
    const char* field;            // entity field code of its seeds ("it", "life_science", ...)
    std::vector<Phrase> techs;    // 手法・材料: "テラヘルツ分光"
    std::vector<Phrase> objects;  // 対象: "食品中の異物"
    std::vector<Phrase> results;  // 実現すること (サ変名詞): "非破壊検査"
    std::vector<const char*> keywords;
    std::vector<const char*> features;  // 特長, a clause: "試料を破壊せずに内部を観察できる"
    std::vector<const char*> uses;  // 想定用途: "食品・医薬品の品質検査"
};

// A family of company needs, related to one seed theme of the same topic.
struct NeedTheme {
    int seed_theme;                     // index of the seed theme that answers it
    std::vector<Phrase> products;       // 当社製品: "食品検査装置"
    std::vector<Phrase> goals;          // 目標: "検査精度の向上"
    std::vector<const char*> problems;  // 課題, aligned with goals: "微小な異物の見逃し"
    std::vector<const char*> wants;  // 求める技術: "非破壊で内部を可視化する技術"
    std::vector<const char*> keywords;
};

// The technical field of a cluster, with its phrase banks.
struct Topic {
    const char* key;       // "optronics"
    const char* short_ja;  // for synthetic cluster names: "オプトロニクス"
    const char* short_en;  // "Optronics"
    const char* field;     // cluster field code
    std::vector<SeedTheme> seed_themes;
    std::vector<NeedTheme> need_themes;
    std::vector<Phrase> company_suffixes;  // "光学" / "Optical"
};

// Topic indices of the phase-I clusters (Topics() is in this order).
enum TopicId : int {
    kTopicSapporoIt = 0,
    kTopicSendaiIt,
    kTopicNaganoDevices,
    kTopicHamamatsuOptronics,
    kTopicKyotoNano,
    kTopicKeihannaHuman,
    kTopicKansaiBiomedical,
    kTopicHiroshimaBio,
    kTopicRareSugar,
    kTopicSystemLsi,
    kTopicToyamaPharma,
    kTopicNagoyaNanoManufacturing,
    kTopicTokushimaHealth,
    kTopicGifuRoboticMedicine,
    kTopicIshikawaSensing,
    kTopicUbeMedicalLight,
    kTopicCount
};

// The phrase banks, one per TopicId. Built once; static lifetime.
[[nodiscard]] const std::vector<Topic>& Topics();

// ---------------------------------------------------------------------------------------------
// People and companies (all fictional)

struct PersonName {
    std::string family, given;
    std::string family_kana, given_kana;
    std::string name_en;                      // "Kenichi Sato"
    std::string romaji_family, romaji_given;  // lower-case ASCII, for e-mail addresses
};

// A plausible Japanese name drawn from family/given-name lists; never the full name of a real
// person named in the domain notes.
void RandomPersonName(Rng& rng, PersonName& out);

// Full names (family + given, no space) of the real people named in the domain notes. Demo
// people never carry them.
[[nodiscard]] const std::vector<std::string_view>& RealPeopleNames();

struct CompanyName {
    std::string ja;  // "株式会社東和光学"
    std::string en;  // "Towa Optical Co., Ltd."
};

// A fictional company name with a suffix fitting the topic ("精機", "光学", "製薬"...).
void RandomCompanyName(Rng& rng, const Topic& topic, bool sme, CompanyName& out);

// A fictional patent office name: "北斗国際特許事務所".
void RandomPatentFirmName(Rng& rng, CompanyName& out);

// ---------------------------------------------------------------------------------------------
// Seeds and needs

// Which pieces of a seed theme a seed uses (indices into the theme's vectors).
struct SeedPick {
    uint8_t theme = 0, tech = 0, object = 0, result = 0;
};
struct NeedPick {
    uint8_t theme = 0, product = 0, goal = 0, problem = 0, want = 0;
};

[[nodiscard]] SeedPick PickSeed(Rng& rng, const Topic& topic);
// A need pick; its seed theme is topic.need_themes[pick.theme].seed_theme.
[[nodiscard]] NeedPick PickNeed(Rng& rng, const Topic& topic);

struct SeedText {
    std::string title, title_en, abstract;
    std::vector<std::string> keywords;
};
// Fills `out` (reusing its buffers): a title, an English title when `english`, a 2–4 sentence
// abstract (overview, features, intended uses, state of development fitting `trl`) and 3–5
// keywords.
void MakeSeedText(Rng& rng, const Topic& topic, const SeedPick& pick, int trl, bool english,
                  SeedText& out);

struct NeedText {
    std::string title, title_en, description;
    std::vector<std::string> keywords;
};
// Fills `out`: a title, an English title when `english`, a 2–4 sentence description (the
// company's product and problem, the technology sought, conditions) and 3–4 keywords.
void MakeNeedText(Rng& rng, const Topic& topic, const NeedPick& pick, bool english, NeedText& out);

// ---------------------------------------------------------------------------------------------
// Other texts

// A joint research project answering a need with a seed: "テラヘルツ分光を用いた食品検査装置の
// 検査精度の向上" (ja) and its English title.
void JointProjectTitle(Rng& rng, const Topic& topic, const SeedPick& seed, const NeedPick& need,
                       std::string& ja, std::string& en);
// A cluster research theme: "テラヘルツ分光による非破壊検査技術の研究開発".
void ResearchThemeTitle(const Topic& topic, const SeedPick& seed, std::string& ja, std::string& en);
// A patent-style invention title: "食品中の異物の非破壊検査方法".
[[nodiscard]] std::string InventionTitle(Rng& rng, const Topic& topic, const SeedPick& seed);
// A commercialised product: "テラヘルツ分光を応用した食品検査装置の販売開始".
[[nodiscard]] std::string ProductOutcomeTitle(Rng& rng, const Topic& topic, const SeedPick& seed,
                                              const NeedPick& need);
// Match explanation, naming the common keyword.
[[nodiscard]] std::string MatchExplanation(const Topic& topic, const SeedPick& seed,
                                           const NeedPick& need, std::string_view university,
                                           std::string_view company);
[[nodiscard]] const char* DeclineReason(Rng& rng);
// A coordinator's activity note for `kind` (visit | meeting | call | forum | other).
[[nodiscard]] std::string ActivityNote(Rng& rng, const Topic& topic, std::string_view kind,
                                       std::string_view company, std::string_view university);
// Milestone titles of a project, in order (at least 5).
[[nodiscard]] const std::vector<const char*>& MilestoneTitles();
// Expertise keywords of a researcher in the topic (2–4).
void ExpertiseFor(Rng& rng, const Topic& topic, std::vector<std::string>& out);

// Appends `piece` to `out` with its first ASCII letter upper-cased.
void AppendCapitalised(std::string& out, std::string_view piece);

}  // namespace kc::app::demo
