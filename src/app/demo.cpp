#include "app/demo.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "app/demo_corpus.h"
#include "app/programme.h"
#include "core/entities.h"
#include "core/schema.h"
#include "util/date.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::app {
namespace {

using core::Id;
using core::OptId;
using core::OptYen;
using demo::Rng;

constexpr Date kAnnouncement{2002, 4, 15};
constexpr Date kClusterStart{2002, 7, 1};
constexpr Date kPromotionDecision{2003, 2, 1};
constexpr Date kAsOf{2007, 3, 31};  // the demo shows the programme at the end of FY2006
constexpr int kFirstFy = 2002;
constexpr int kLastFy = 2006;
constexpr int kYears = kLastFy - kFirstFy + 1;
constexpr int64_t kMillion = 1'000'000;

// ---------------------------------------------------------------------------------------------
// Writing rows: counts per entity, progress, and errors that name the entity.

size_t EntityIndex(const core::EntityDef& def) {
    static const std::unordered_map<const core::EntityDef*, size_t> index = [] {
        std::unordered_map<const core::EntityDef*, size_t> map;
        auto all = core::AllEntities();
        for (size_t i = 0; i < all.size(); ++i) map[all[i]] = i;
        return map;
    }();
    return index.at(&def);
}

Error Annotate(const core::EntityDef& def, const char* action, Error error) {
    error.message = fmt::format("demo: cannot {} {}: {}", action, def.name, error.message);
    return error;
}

class Writer {
  public:
    Writer(store::Transaction& tx, const DemoOptions& options, int64_t total)
        : tx_(tx),
          progress_(options.progress),
          total_(std::max<int64_t>(total, 1)),
          counts_(core::AllEntities().size(), 0) {}

    // Inserts `object` (its id is reset first so structs can be reused) and stores the new id
    // in it.
    template <class T>
    Result<Id> Add(T& object) {
        object.id = 0;
        auto id = tx_.Add(object);
        if (!id) return Fail(Annotate(T::Def(), "write", std::move(id).error()));
        object.id = *id;
        ++counts_[EntityIndex(T::Def())];
        if ((++done_ & 1023) == 0 && progress_) progress_(std::min(done_, total_), total_);
        return *id;
    }

    // Updates `object` (a lifecycle step: the store checks the transition).
    template <class T>
    Status Save(const T& object) {
        auto status = tx_.Save(object);
        if (!status) return Fail(Annotate(T::Def(), "update", std::move(status).error()));
        return {};
    }

    void Finish() {
        if (progress_) progress_(total_, total_);
    }

    // The transaction, for the workflows the demo replays (their rows count in Summary()).
    store::Transaction& tx() { return tx_; }

    // Rows per entity in the database once the demo is written (workflow rows included).
    Result<DemoSummary> Summary() const {
        DemoSummary summary;
        for (const core::EntityDef* def : core::AllEntities()) {
            KC_ASSIGN_OR_RETURN(int64_t count, tx_.Count(*def, {}));
            if (count > 0) summary.counts.emplace_back(def->name, count);
        }
        return summary;
    }

  private:
    store::Transaction& tx_;
    const std::function<void(int64_t, int64_t)>& progress_;
    int64_t total_;
    int64_t done_ = 0;
    std::vector<int64_t> counts_;
};

// ---------------------------------------------------------------------------------------------
// Small helpers

Date DateBetween(Rng& rng, Date from, Date to) {
    int64_t a = DaysFromCivil(from);
    int64_t b = DaysFromCivil(to);
    if (b <= a) return from;
    return CivilFromDays(rng.Between(a, b));
}

Date MinDate(Date a, Date b) { return a < b ? a : b; }
Date MaxDate(Date a, Date b) { return a < b ? b : a; }

std::string Timestamp(Date date, int hour, int minute) {
    return fmt::format("{}T{:02}:{:02}:00+09:00", FormatIso(date), hour, minute);
}

Yen Millions(int64_t millions) { return Yen{millions * kMillion}; }

// ---------------------------------------------------------------------------------------------
// The real phase-I programme (domain notes §2.1). [S] facts carry their URL; [U] ones are
// flagged `confirmed = false` and written with sample = true.

struct GovSpec {
    const char* name_ja;
    const char* name_en;
    const char* kind;
    const char* prefecture;
};

struct OrgSpec {
    const char* name_ja;
    const char* name_en;
    const char* kind;
    const char* source;
    bool confirmed;
};

struct RegionSpec {
    const char* name_ja;
    const char* name_en;
    const char* prefecture;
    const char* city;  // for venues and texts
    const char* source;
    bool confirmed;
    std::vector<GovSpec> governments;
    OrgSpec core_org;
    std::vector<OrgSpec> academics;
    const char* outcome;  // full | trial | rejected (selection of 2002-04-15)
    const char* proposal_title;
    const char* proposal_title_en;
    const char* field;
};

constexpr const char* kNotes = "";  // marker for "no source URL"

const std::vector<RegionSpec>& RegionSpecs() {
    static const std::vector<RegionSpec> specs = {
        // ----- 12 regions selected for full implementation (10 clusters)
        {"札幌地域",
         "Sapporo",
         "北海道",
         "札幌",
         "http://sapporo-itf.jp/purpose/purpose.html",
         true,
         {{"北海道", "Hokkaido Prefecture", "prefecture", "北海道"},
          {"札幌市", "Sapporo City", "designated_city", "北海道"}},
         {"財団法人北海道科学技術総合振興センター", "Hokkaido Science and Technology Foundation",
          "foundation", kNotes, false},
         {{"北海道大学", "Hokkaido University", "university",
           "https://sangakukan.jst.go.jp/journal/journal_contents/2006/01/articles/0601-04/"
           "0601-04_article.html",
           true},
          {"室蘭工業大学", "Muroran Institute of Technology", "university", kNotes, false},
          {"北海道立工業試験場", "Hokkaido Industrial Research Institute", "public_institute",
           kNotes, false}},
         "full",
         "札幌ITカロッツェリア構想",
         "Sapporo IT Carrozzeria",
         "it"},
        {"仙台地域",
         "Sendai",
         "宮城県",
         "仙台",
         kNotes,
         false,
         {{"宮城県", "Miyagi Prefecture", "prefecture", "宮城県"},
          {"仙台市", "Sendai City", "designated_city", "宮城県"}},
         {"株式会社インテリジェント・コスモス研究機構", "Intelligent Cosmos Research Institute",
          "other", "https://expydoc.com/doc/7170976", false},
         {{"東北大学", "Tohoku University", "university", "https://expydoc.com/doc/7170976", false},
          {"東北工業大学", "Tohoku Institute of Technology", "university", kNotes, false},
          {"宮城県産業技術総合センター", "Industrial Technology Institute, Miyagi Prefecture",
           "public_institute", "https://expydoc.com/doc/7170976", false}},
         "full",
         "仙台サイバーフォレストクラスター構想",
         "Sendai Cyber Forest Cluster",
         "it"},
        {"長野・上田地域",
         "Nagano and Ueda",
         "長野県",
         "長野",
         "https://sangakukan.jp/journal/journal_contents/2005/10/articles/0510-03/"
         "0510-03_article.html",
         true,
         {{"長野県", "Nagano Prefecture", "prefecture", "長野県"},
          {"長野市", "Nagano City", "city", "長野県"},
          {"上田市", "Ueda City", "city", "長野県"}},
         {"財団法人長野県テクノ財団", "Nagano Techno Foundation", "foundation",
          "https://sangakukan.jst.go.jp/journal/journal_contents/2008/06/articles/0806-04-10/"
          "0806-04-10_article.html",
          true},
         {{"信州大学", "Shinshu University", "university",
           "https://sangakukan.jp/journal/journal_contents/2005/10/articles/0510-03/"
           "0510-03_article.html",
           true},
          {"長野工業高等専門学校", "Nagano National College of Technology", "university", kNotes,
           false},
          {"長野県工業技術総合センター", "Nagano Prefecture General Industrial Technology Center",
           "public_institute", kNotes, false}},
         "full",
         "スマートデバイスを核とする知的クラスター構想",
         "Knowledge cluster built on smart devices",
         "nanotech_materials"},
        {"浜松地域",
         "Hamamatsu",
         "静岡県",
         "浜松",
         "https://hai.or.jp/optronics/outline/001.html",
         true,
         {{"静岡県", "Shizuoka Prefecture", "prefecture", "静岡県"},
          {"浜松市", "Hamamatsu City", "city", "静岡県"}},
         {"財団法人浜松地域テクノポリス推進機構", "Hamamatsu Technopolis Foundation", "foundation",
          "https://hai.or.jp/optronics/outline/001.html", true},
         {{"静岡大学", "Shizuoka University", "university",
           "https://hai.or.jp/optronics/outline/001.html", true},
          {"浜松医科大学", "Hamamatsu University School of Medicine", "university",
           "https://hai.or.jp/optronics/outline/001.html", true},
          {"豊橋技術科学大学", "Toyohashi University of Technology", "university", kNotes, false},
          {"静岡県浜松工業技術センター", "Hamamatsu Industrial Technology Center, Shizuoka",
           "public_institute", kNotes, false}},
         "full",
         "浜松オプトロニクスクラスター構想",
         "Hamamatsu Optronics Cluster",
         "it"},
        {"京都地域",
         "Kyoto",
         "京都府",
         "京都",
         "http://www.shutoken-net.jp/archive-200912/2002/05/nethe3885.htm",
         true,
         {{"京都府", "Kyoto Prefecture", "prefecture", "京都府"},
          {"京都市", "Kyoto City", "designated_city", "京都府"}},
         {"財団法人京都高度技術研究所",
          "Advanced Scientific Technology & Management Research Institute of Kyoto", "foundation",
          kNotes, false},
         {{"京都大学", "Kyoto University", "university",
           "http://www.shutoken-net.jp/archive-200912/2002/05/nethe3885.htm", true},
          {"立命館大学", "Ritsumeikan University", "university",
           "http://www.shutoken-net.jp/archive-200912/2002/05/nethe3885.htm", true},
          {"京都工芸繊維大学", "Kyoto Institute of Technology", "university",
           "http://www.shutoken-net.jp/archive-200912/2002/05/nethe3885.htm", true},
          {"京都市産業技術研究所", "Kyoto Municipal Institute of Industrial Technology and Culture",
           "public_institute", kNotes, false}},
         "full",
         "京都ナノテク事業創成クラスター構想",
         "Kyoto Nanotech Cluster",
         "nanotech_materials"},
        {"関西文化学術研究都市地域",
         "Kansai Science City (Keihanna)",
         "京都府・大阪府・奈良県",
         "けいはんな",
         "http://www.shutoken-net.jp/archive-200912/2002/05/nethe3885.htm",
         true,
         {{"京都府", "Kyoto Prefecture", "prefecture", "京都府"},
          {"大阪府", "Osaka Prefecture", "prefecture", "大阪府"},
          {"奈良県", "Nara Prefecture", "prefecture", "奈良県"}},
         {"財団法人関西文化学術研究都市推進機構", "Kansai Science City Promotion Organization",
          "foundation", kNotes, false},
         {{"奈良先端科学技術大学院大学", "Nara Institute of Science and Technology", "university",
           kNotes, false},
          {"同志社大学", "Doshisha University", "university", kNotes, false},
          {"奈良県工業技術センター", "Nara Prefecture Institute of Industrial Technology",
           "public_institute", kNotes, false}},
         "full",
         "けいはんなヒューマン・エルキューブクラスター構想",
         "Keihanna Human L-Cube Cluster",
         "it"},
        {"大阪北部(彩都)地域",
         "Northern Osaka (Saito)",
         "大阪府",
         "茨木",
         "https://happylibus.com/doc/189250",
         true,
         {{"大阪府", "Osaka Prefecture", "prefecture", "大阪府"}},
         {"財団法人千里ライフサイエンス振興財団", "Senri Life Science Foundation", "foundation",
          "https://happylibus.com/doc/189250", true},
         {{"大阪大学", "Osaka University", "university", "https://happylibus.com/doc/189250", true},
          {"国立循環器病センター", "National Cardiovascular Center", "public_institute",
           "https://happylibus.com/doc/189250", true},
          {"財団法人大阪バイオサイエンス研究所", "Osaka Bioscience Institute", "public_institute",
           "https://happylibus.com/doc/189250", true}},
         "full",
         "大阪北部(彩都)地域バイオメディカルクラスター構想",
         "Northern Osaka (Saito) Biomedical Cluster",
         "life_science"},
        {"神戸地域",
         "Kobe",
         "兵庫県",
         "神戸",
         "https://happylibus.com/doc/623639",
         true,
         {{"兵庫県", "Hyogo Prefecture", "prefecture", "兵庫県"},
          {"神戸市", "Kobe City", "designated_city", "兵庫県"}},
         {"財団法人先端医療振興財団", "Foundation for Biomedical Research and Innovation",
          "foundation", "https://happylibus.com/doc/623639", true},
         {{"理化学研究所発生・再生科学総合研究センター", "RIKEN Center for Developmental Biology",
           "public_institute", "https://happylibus.com/doc/623639", true},
          {"先端医療センター", "Institute of Biomedical Research and Innovation",
           "public_institute", "https://happylibus.com/doc/623639", true},
          {"神戸大学", "Kobe University", "university", kNotes, false}},
         "full",
         "神戸地域 先端医療・再生医療クラスター構想",
         "Kobe advanced and regenerative medicine cluster",
         "life_science"},
        {"広島地域",
         "Hiroshima",
         "広島県",
         "広島",
         "http://nakahara.gr.jp/maga2002-04-01.html",
         true,
         {{"広島県", "Hiroshima Prefecture", "prefecture", "広島県"},
          {"広島市", "Hiroshima City", "designated_city", "広島県"}},
         {"財団法人ひろしま産業振興機構", "Hiroshima Industrial Promotion Organization",
          "foundation", kNotes, false},
         {{"広島大学", "Hiroshima University", "university", kNotes, false},
          {"広島県立食品工業技術センター", "Hiroshima Prefectural Food Technology Research Center",
           "public_institute", kNotes, false}},
         "full",
         "広島バイオクラスター構想",
         "Hiroshima Bio Cluster",
         "life_science"},
        {"高松地域",
         "Takamatsu",
         "香川県",
         "高松",
         "http://www.kagawa-u.ac.jp/ccip/kyoten/aboutus_sub1.html",
         true,
         {{"香川県", "Kagawa Prefecture", "prefecture", "香川県"},
          {"高松市", "Takamatsu City", "city", "香川県"}},
         {"財団法人かがわ産業支援財団", "Kagawa Industry Support Foundation", "foundation",
          "http://www.kagawa-u.ac.jp/ccip/kyoten/aboutus_sub1.html", false},
         {{"香川大学", "Kagawa University", "university",
           "http://www.kagawa-u.ac.jp/ccip/kyoten/aboutus_sub1.html", true},
          {"香川県産業技術センター", "Kagawa Prefectural Industrial Technology Center",
           "public_institute", kNotes, false}},
         "full",
         "希少糖を核とした糖質バイオクラスター構想",
         "Carbohydrate bio cluster built on rare sugars",
         "life_science"},
        {"北九州学術研究都市地域",
         "Kitakyushu Science and Research Park",
         "福岡県",
         "北九州",
         kNotes,
         false,
         {{"福岡県", "Fukuoka Prefecture", "prefecture", "福岡県"},
          {"北九州市", "Kitakyushu City", "designated_city", "福岡県"}},
         {"財団法人北九州産業学術推進機構",
          "Kitakyushu Foundation for the Advancement of Industry, Science and Technology",
          "foundation", "https://www.ksrp.or.jp/fais/info/", false},
         {{"九州工業大学", "Kyushu Institute of Technology", "university", kNotes, false},
          {"北九州市立大学", "The University of Kitakyushu", "university", kNotes, false},
          {"早稲田大学", "Waseda University", "university", kNotes, false}},
         "full",
         "北九州ヒューマンテクノクラスター構想",
         "Kitakyushu Human Techno Cluster",
         "it"},
        {"福岡地域",
         "Fukuoka",
         "福岡県",
         "福岡",
         "http://www.tonio.or.jp/joho/tonionews/topic/bn28.html",
         true,
         {{"福岡県", "Fukuoka Prefecture", "prefecture", "福岡県"},
          {"福岡市", "Fukuoka City", "designated_city", "福岡県"}},
         {"財団法人福岡県産業・科学技術振興財団",
          "Fukuoka Industry, Science & Technology Foundation", "foundation",
          "http://www.mext.go.jp/b_menu/houdou/25/03/attach/1331574.htm", false},
         {{"九州大学", "Kyushu University", "university",
           "http://www.mext.go.jp/b_menu/houdou/25/03/attach/1331574.htm", false},
          {"福岡県工業技術センター", "Fukuoka Industrial Technology Center", "public_institute",
           kNotes, false}},
         "full",
         "福岡システムLSI設計開発クラスター構想",
         "Fukuoka System LSI Design and Development Cluster",
         "it"},
        // ----- 6 trial regions
        {"富山・高岡地域",
         "Toyama and Takaoka",
         "富山県",
         "富山",
         "https://www.pref.toyama.jp/sections/1015/ecm/back/2005sep/tokushu/index1.html",
         true,
         {{"富山県", "Toyama Prefecture", "prefecture", "富山県"},
          {"富山市", "Toyama City", "city", "富山県"},
          {"高岡市", "Takaoka City", "city", "富山県"}},
         {"財団法人富山県新世紀産業機構", "Toyama New Industry Organization", "foundation",
          "https://www.pref.toyama.jp/sections/1015/ecm/back/2005sep/tokushu/index1.html", true},
         {{"富山大学", "University of Toyama", "university", "https://expydoc.com/doc/8445622",
           true},
          {"富山医科薬科大学", "Toyama Medical and Pharmaceutical University", "university", kNotes,
           false},
          {"富山県工業技術センター", "Toyama Industrial Technology Center", "public_institute",
           kNotes, false}},
         "trial",
         "とやま医薬バイオクラスター構想",
         "Toyama Medical Bio Cluster",
         "life_science"},
        {"名古屋地域",
         "Nagoya",
         "愛知県",
         "名古屋",
         "https://sangakukan.jp/journal/journal_contents/2007/09/articles/0709-02-5/"
         "0709-02-5_article.html",
         true,
         {{"愛知県", "Aichi Prefecture", "prefecture", "愛知県"},
          {"名古屋市", "Nagoya City", "designated_city", "愛知県"}},
         {"財団法人科学技術交流財団", "Aichi Science and Technology Foundation", "foundation",
          "https://sangakukan.jp/journal/journal_contents/2007/09/articles/0709-02-5/"
          "0709-02-5_article.html",
          true},
         {{"名古屋大学", "Nagoya University", "university",
           "https://sangakukan.jp/journal/journal_contents/2007/09/articles/0709-02-5/"
           "0709-02-5_article.html",
           true},
          {"名古屋工業大学", "Nagoya Institute of Technology", "university", kNotes, false},
          {"名古屋市工業研究所", "Nagoya Municipal Industrial Research Institute",
           "public_institute", kNotes, false}},
         "trial",
         "愛知・名古屋ナノテクものづくりクラスター構想",
         "Aichi-Nagoya Nanotech Manufacturing Cluster",
         "nanotech_materials"},
        {"徳島地域",
         "Tokushima",
         "徳島県",
         "徳島",
         "http://www.tokushima-u.ac.jp/ier/activities/past/cluster.html",
         true,
         {{"徳島県", "Tokushima Prefecture", "prefecture", "徳島県"},
          {"徳島市", "Tokushima City", "city", "徳島県"}},
         {"財団法人とくしま産業振興機構", "Tokushima Industrial Promotion Organization",
          "foundation", kNotes, false},
         {{"徳島大学", "The University of Tokushima", "university",
           "http://www.tokushima-u.ac.jp/ier/activities/past/cluster.html", true},
          {"徳島文理大学", "Tokushima Bunri University", "university", kNotes, false},
          {"徳島県立工業技術センター", "Tokushima Prefectural Industrial Technology Center",
           "public_institute", kNotes, false}},
         "trial",
         "徳島健康・医療クラスター構想",
         "Tokushima Health and Medical Cluster",
         "life_science"},
        {"岐阜・大垣地域",
         "Gifu and Ogaki",
         "岐阜県",
         "岐阜",
         "https://vdocuments.pub/ccff-ee-eoecoeoeecceoeeoecoeoec.html",
         true,
         {{"岐阜県", "Gifu Prefecture", "prefecture", "岐阜県"},
          {"岐阜市", "Gifu City", "city", "岐阜県"},
          {"大垣市", "Ogaki City", "city", "岐阜県"}},
         {"財団法人岐阜県研究開発財団", "Gifu Research and Development Foundation", "foundation",
          "https://vdocuments.pub/ccff-ee-eoecoeoeecceoeeoecoeoec.html", true},
         {{"岐阜大学", "Gifu University", "university", kNotes, false},
          {"岐阜薬科大学", "Gifu Pharmaceutical University", "university", kNotes, false}},
         "trial",
         "岐阜・大垣ロボティック先端医療クラスター構想",
         "Gifu-Ogaki Robotic Advanced Medical Cluster",
         "life_science"},
        {"石川地域",
         "Ishikawa (Kanazawa)",
         "石川県",
         "金沢",
         "http://www.nga.gr.jp/pref_info/tembo/2014/02/post_2617.html",
         true,
         {{"石川県", "Ishikawa Prefecture", "prefecture", "石川県"},
          {"金沢市", "Kanazawa City", "city", "石川県"}},
         {"財団法人石川県産業創出支援機構", "Industrial Creation Support Organization of Ishikawa",
          "foundation", kNotes, false},
         {{"金沢工業大学", "Kanazawa Institute of Technology", "university", kNotes, false},
          {"金沢大学", "Kanazawa University", "university", kNotes, false},
          {"石川県工業試験場", "Industrial Research Institute of Ishikawa", "public_institute",
           kNotes, false}},
         "trial",
         "石川ハイテク・センシング・クラスター構想",
         "Ishikawa High-tech Sensing Cluster",
         "life_science"},
        {"宇部地域",
         "Ube",
         "山口県",
         "宇部",
         "http://ubenippo.co.jp/archive/ubenippo_8205-2/",
         true,
         {{"山口県", "Yamaguchi Prefecture", "prefecture", "山口県"},
          {"宇部市", "Ube City", "city", "山口県"}},
         {"財団法人やまぐち産業振興財団", "Yamaguchi Industrial Promotion Foundation", "foundation",
          kNotes, false},
         {{"山口大学", "Yamaguchi University", "university",
           "http://ubenippo.co.jp/archive/ubenippo_8205-2/", true},
          {"山口県産業技術センター", "Yamaguchi Prefectural Industrial Technology Institute",
           "public_institute", kNotes, false}},
         "trial",
         "やまぐち・うべ・メディカル・イノベーション・クラスター構想",
         "Yamaguchi-Ube Medical Innovation Cluster",
         "life_science"},
        // ----- 12 further feasibility-study regions (illustrative: the notes do not list them)
        {"函館地域",
         "Hakodate",
         "北海道",
         "函館",
         kNotes,
         false,
         {{"北海道", "Hokkaido Prefecture", "prefecture", "北海道"},
          {"函館市", "Hakodate City", "city", "北海道"}},
         {"財団法人函館地域産業振興財団", "Hakodate Regional Industry Promotion Organization",
          "foundation", kNotes, false},
         {{"公立はこだて未来大学", "Future University Hakodate", "university", kNotes, false}},
         "rejected",
         "函館マリンバイオクラスター構想",
         "Hakodate Marine Bio Cluster",
         "life_science"},
        {"八戸地域",
         "Hachinohe",
         "青森県",
         "八戸",
         kNotes,
         false,
         {{"青森県", "Aomori Prefecture", "prefecture", "青森県"},
          {"八戸市", "Hachinohe City", "city", "青森県"}},
         {"財団法人八戸地域産業技術振興機構",
          "Hachinohe Industrial Technology Promotion Foundation", "foundation", kNotes, false},
         {{"八戸工業大学", "Hachinohe Institute of Technology", "university", kNotes, false}},
         "rejected",
         "八戸環境・エネルギークラスター構想",
         "Hachinohe Environment and Energy Cluster",
         "environment"},
        {"盛岡地域",
         "Morioka",
         "岩手県",
         "盛岡",
         kNotes,
         false,
         {{"岩手県", "Iwate Prefecture", "prefecture", "岩手県"},
          {"盛岡市", "Morioka City", "city", "岩手県"}},
         {"財団法人盛岡地域産業技術振興機構", "Morioka Industrial Technology Promotion Foundation",
          "foundation", kNotes, false},
         {{"岩手大学", "Iwate University", "university", kNotes, false}},
         "rejected",
         "盛岡新素材クラスター構想",
         "Morioka New Materials Cluster",
         "nanotech_materials"},
        {"米沢地域",
         "Yonezawa",
         "山形県",
         "米沢",
         kNotes,
         false,
         {{"山形県", "Yamagata Prefecture", "prefecture", "山形県"},
          {"米沢市", "Yonezawa City", "city", "山形県"}},
         {"財団法人米沢地域産業技術振興機構", "Yonezawa Industrial Technology Promotion Foundation",
          "foundation", kNotes, false},
         {{"山形大学", "Yamagata University", "university", kNotes, false}},
         "rejected",
         "米沢有機エレクトロニクスクラスター構想",
         "Yonezawa Organic Electronics Cluster",
         "nanotech_materials"},
        {"郡山地域",
         "Koriyama",
         "福島県",
         "郡山",
         kNotes,
         false,
         {{"福島県", "Fukushima Prefecture", "prefecture", "福島県"},
          {"郡山市", "Koriyama City", "city", "福島県"}},
         {"財団法人郡山地域産業技術振興機構", "Koriyama Industrial Technology Promotion Foundation",
          "foundation", kNotes, false},
         {{"日本大学工学部", "Nihon University College of Engineering", "university", kNotes,
           false}},
         "rejected",
         "郡山医療福祉機器クラスター構想",
         "Koriyama Medical and Welfare Devices Cluster",
         "life_science"},
        {"つくば地域",
         "Tsukuba",
         "茨城県",
         "つくば",
         kNotes,
         false,
         {{"茨城県", "Ibaraki Prefecture", "prefecture", "茨城県"},
          {"つくば市", "Tsukuba City", "city", "茨城県"}},
         {"財団法人つくば地域産業技術振興機構",
          "Tsukuba Industrial Technology Promotion Foundation", "foundation", kNotes, false},
         {{"筑波大学", "University of Tsukuba", "university", kNotes, false}},
         "rejected",
         "つくばナノテク・バイオ融合クラスター構想",
         "Tsukuba Nano-Bio Convergence Cluster",
         "nanotech_materials"},
        {"長岡地域",
         "Nagaoka",
         "新潟県",
         "長岡",
         kNotes,
         false,
         {{"新潟県", "Niigata Prefecture", "prefecture", "新潟県"},
          {"長岡市", "Nagaoka City", "city", "新潟県"}},
         {"財団法人長岡地域産業技術振興機構", "Nagaoka Industrial Technology Promotion Foundation",
          "foundation", kNotes, false},
         {{"長岡技術科学大学", "Nagaoka University of Technology", "university", kNotes, false}},
         "rejected",
         "長岡ものづくり技術クラスター構想",
         "Nagaoka Manufacturing Technology Cluster",
         "manufacturing"},
        {"四日市地域",
         "Yokkaichi",
         "三重県",
         "四日市",
         kNotes,
         false,
         {{"三重県", "Mie Prefecture", "prefecture", "三重県"},
          {"四日市市", "Yokkaichi City", "city", "三重県"}},
         {"財団法人四日市地域産業技術振興機構",
          "Yokkaichi Industrial Technology Promotion Foundation", "foundation", kNotes, false},
         {{"三重大学", "Mie University", "university", kNotes, false}},
         "rejected",
         "四日市環境調和型化学クラスター構想",
         "Yokkaichi Eco-friendly Chemistry Cluster",
         "environment"},
        {"岡山地域",
         "Okayama",
         "岡山県",
         "岡山",
         kNotes,
         false,
         {{"岡山県", "Okayama Prefecture", "prefecture", "岡山県"},
          {"岡山市", "Okayama City", "city", "岡山県"}},
         {"財団法人岡山地域産業技術振興機構", "Okayama Industrial Technology Promotion Foundation",
          "foundation", kNotes, false},
         {{"岡山大学", "Okayama University", "university", kNotes, false}},
         "rejected",
         "岡山バイオ・メディカルクラスター構想",
         "Okayama Bio-Medical Cluster",
         "life_science"},
        {"松山地域",
         "Matsuyama",
         "愛媛県",
         "松山",
         kNotes,
         false,
         {{"愛媛県", "Ehime Prefecture", "prefecture", "愛媛県"},
          {"松山市", "Matsuyama City", "city", "愛媛県"}},
         {"財団法人松山地域産業技術振興機構",
          "Matsuyama Industrial Technology Promotion Foundation", "foundation", kNotes, false},
         {{"愛媛大学", "Ehime University", "university", kNotes, false}},
         "rejected",
         "松山先端材料クラスター構想",
         "Matsuyama Advanced Materials Cluster",
         "nanotech_materials"},
        {"熊本地域",
         "Kumamoto",
         "熊本県",
         "熊本",
         kNotes,
         false,
         {{"熊本県", "Kumamoto Prefecture", "prefecture", "熊本県"},
          {"熊本市", "Kumamoto City", "city", "熊本県"}},
         {"財団法人熊本地域産業技術振興機構", "Kumamoto Industrial Technology Promotion Foundation",
          "foundation", kNotes, false},
         {{"熊本大学", "Kumamoto University", "university", kNotes, false}},
         "rejected",
         "熊本半導体・情報クラスター構想",
         "Kumamoto Semiconductor and ICT Cluster",
         "it"},
        {"鹿児島地域",
         "Kagoshima",
         "鹿児島県",
         "鹿児島",
         kNotes,
         false,
         {{"鹿児島県", "Kagoshima Prefecture", "prefecture", "鹿児島県"},
          {"鹿児島市", "Kagoshima City", "city", "鹿児島県"}},
         {"財団法人鹿児島地域産業技術振興機構",
          "Kagoshima Industrial Technology Promotion Foundation", "foundation", kNotes, false},
         {{"鹿児島大学", "Kagoshima University", "university", kNotes, false}},
         "rejected",
         "鹿児島食品バイオクラスター構想",
         "Kagoshima Food Bio Cluster",
         "life_science"},
    };
    return specs;
}

struct ClusterSpec {
    const char* name_ja;
    const char* name_en;
    const char* field;
    int topic;
    std::vector<size_t> regions;  // indices into RegionSpecs(); the first one's proposal is linked
    const char* source;
    bool confirmed;
    char kind;  // 'F' full from 2002, 'P' trial promoted in February 2003, 'T' trial
};

const std::vector<ClusterSpec>& ClusterSpecs() {
    static const std::vector<ClusterSpec> specs = {
        {"札幌ITカロッツェリア",
         "Sapporo IT Carrozzeria",
         "it",
         demo::kTopicSapporoIt,
         {0},
         "http://sapporo-itf.jp/purpose/purpose.html",
         true,
         'F'},
        {"仙台サイバーフォレストクラスター",
         "Sendai Cyber Forest Cluster",
         "it",
         demo::kTopicSendaiIt,
         {1},
         kNotes,
         false,
         'F'},
        {"長野・上田スマートデバイスクラスター",
         "Nagano-Ueda Smart Device Cluster",
         "nanotech_materials",
         demo::kTopicNaganoDevices,
         {2},
         "https://sangakukan.jp/journal/journal_contents/2005/10/articles/0510-03/"
         "0510-03_article.html",
         false,
         'F'},
        {"浜松オプトロニクスクラスター",
         "Hamamatsu Optronics Cluster",
         "it",
         demo::kTopicHamamatsuOptronics,
         {3},
         "https://hai.or.jp/optronics/outline/001.html",
         true,
         'F'},
        {"京都ナノテク事業創成クラスター",
         "Kyoto Nanotech Cluster",
         "nanotech_materials",
         demo::kTopicKyotoNano,
         {4},
         "http://www.shutoken-net.jp/archive-200912/2005/12/051204_12kyoto.html",
         true,
         'F'},
        {"けいはんなヒューマン・エルキューブクラスター",
         "Keihanna Human L-Cube Cluster",
         "it",
         demo::kTopicKeihannaHuman,
         {5},
         kNotes,
         false,
         'F'},
        {"大阪北部(彩都)・神戸バイオメディカルクラスター",
         "Northern Osaka (Saito) and Kobe Biomedical Cluster",
         "life_science",
         demo::kTopicKansaiBiomedical,
         {6, 7},
         "https://happylibus.com/doc/189250",
         false,
         'F'},
        {"広島バイオクラスター",
         "Hiroshima Bio Cluster",
         "life_science",
         demo::kTopicHiroshimaBio,
         {8},
         "http://nakahara.gr.jp/maga2002-04-01.html",
         false,
         'F'},
        {"高松希少糖バイオクラスター",
         "Takamatsu Rare Sugar Bio Cluster",
         "life_science",
         demo::kTopicRareSugar,
         {9},
         "http://www.kagawa-u.ac.jp/ccip/kyoten/aboutus_sub1.html",
         false,
         'F'},
        {"福岡・北九州システムLSI設計開発クラスター",
         "Fukuoka-Kitakyushu System LSI Design and Development Cluster",
         "it",
         demo::kTopicSystemLsi,
         {11, 10},
         "http://www.tonio.or.jp/joho/tonionews/topic/bn28.html",
         false,
         'F'},
        {"とやま医薬バイオクラスター",
         "Toyama Medical Bio Cluster",
         "life_science",
         demo::kTopicToyamaPharma,
         {12},
         "https://www.pref.toyama.jp/sections/1015/ecm/back/2005sep/tokushu/index1.html",
         true,
         'P'},
        {"愛知・名古屋ナノテクものづくりクラスター",
         "Aichi-Nagoya Nanotech Manufacturing Cluster",
         "nanotech_materials",
         demo::kTopicNagoyaNanoManufacturing,
         {13},
         "https://sangakukan.jp/journal/journal_contents/2007/09/articles/0709-02-5/"
         "0709-02-5_article.html",
         true,
         'P'},
        {"徳島健康・医療クラスター",
         "Tokushima Health and Medical Cluster",
         "life_science",
         demo::kTopicTokushimaHealth,
         {14},
         "http://www.tokushima-u.ac.jp/ier/activities/past/cluster.html",
         true,
         'P'},
        {"岐阜・大垣ロボティック先端医療クラスター",
         "Gifu-Ogaki Robotic Advanced Medical Cluster",
         "life_science",
         demo::kTopicGifuRoboticMedicine,
         {15},
         "https://vdocuments.pub/ccff-ee-eoecoeoeecceoeeoecoeoec.html",
         true,
         'T'},
        {"石川ハイテク・センシング・クラスター",
         "Ishikawa High-tech Sensing Cluster",
         "life_science",
         demo::kTopicIshikawaSensing,
         {16},
         "http://www.nga.gr.jp/pref_info/tembo/2014/02/post_2617.html",
         true,
         'T'},
        {"やまぐち・うべ・メディカル・イノベーション・クラスター",
         "Yamaguchi-Ube Medical Innovation Cluster",
         "life_science",
         demo::kTopicUbeMedicalLight,
         {17},
         "http://ubenippo.co.jp/archive/ubenippo_8205-2/",
         true,
         'T'},
    };
    return specs;
}

// Places for the synthetic clusters of scale > 1 (none of them is a phase-I region).
struct PlaceSpec {
    const char* city;
    const char* city_en;
    const char* prefecture;
};

constexpr PlaceSpec kSyntheticPlaces[] = {
    {"旭川", "Asahikawa", "北海道"},
    {"釧路", "Kushiro", "北海道"},
    {"帯広", "Obihiro", "北海道"},
    {"弘前", "Hirosaki", "青森県"},
    {"秋田", "Akita", "秋田県"},
    {"山形", "Yamagata", "山形県"},
    {"いわき", "Iwaki", "福島県"},
    {"日立", "Hitachi", "茨城県"},
    {"宇都宮", "Utsunomiya", "栃木県"},
    {"前橋", "Maebashi", "群馬県"},
    {"高崎", "Takasaki", "群馬県"},
    {"川越", "Kawagoe", "埼玉県"},
    {"千葉", "Chiba", "千葉県"},
    {"柏", "Kashiwa", "千葉県"},
    {"相模原", "Sagamihara", "神奈川県"},
    {"厚木", "Atsugi", "神奈川県"},
    {"新潟", "Niigata", "新潟県"},
    {"甲府", "Kofu", "山梨県"},
    {"松本", "Matsumoto", "長野県"},
    {"沼津", "Numazu", "静岡県"},
    {"豊橋", "Toyohashi", "愛知県"},
    {"豊田", "Toyota", "愛知県"},
    {"津", "Tsu", "三重県"},
    {"鈴鹿", "Suzuka", "三重県"},
    {"福井", "Fukui", "福井県"},
    {"大津", "Otsu", "滋賀県"},
    {"姫路", "Himeji", "兵庫県"},
    {"和歌山", "Wakayama", "和歌山県"},
    {"奈良", "Nara", "奈良県"},
    {"鳥取", "Tottori", "鳥取県"},
    {"松江", "Matsue", "島根県"},
    {"倉敷", "Kurashiki", "岡山県"},
    {"福山", "Fukuyama", "広島県"},
    {"下関", "Shimonoseki", "山口県"},
    {"高知", "Kochi", "高知県"},
    {"今治", "Imabari", "愛媛県"},
    {"佐賀", "Saga", "佐賀県"},
    {"長崎", "Nagasaki", "長崎県"},
    {"大分", "Oita", "大分県"},
    {"宮崎", "Miyazaki", "宮崎県"},
    {"那覇", "Naha", "沖縄県"},
    {"青森", "Aomori", "青森県"},
};

constexpr const char* kOutsidePrefectures[] = {"東京都",   "東京都", "東京都", "大阪府",
                                               "神奈川県", "愛知県", "埼玉県", "京都府"};

// ---------------------------------------------------------------------------------------------
// Generation state

struct OrgInfo {
    Id id = 0;
    std::string name;
    bool inside = true;
};

struct RegionRef {
    Id id = 0;
    std::string name;
    std::string prefecture;
    std::string city;
    Id core_org = 0;
};

// A cluster to populate with HQ, organisations, people and five years of work.
struct ClusterCtx {
    Id id = 0;
    int topic = 0;
    std::string name;
    char kind = 'F';  // 'F' full, 'P' promoted trial, 'T' trial, 'S' synthetic
    std::vector<RegionRef> regions;
    std::vector<OrgInfo> academics;
    uint64_t stream = 0;
    int64_t seeds_target = 0;  // synthetic clusters: exact quotas
    int64_t needs_target = 0;
    int64_t people_target = 0;
};

struct Quota {
    int companies = 0;
    int researchers = 0;
    int staff = 0;
    int coordinators = 0;
    int research_directors = 0;
    int attorneys = 0;
    int64_t seeds = 0;
    int64_t needs = 0;
    int inventions = 0;
    int products = 0;
    int spinoffs = 0;
    int papers = 0;
    int core_projects = 0;
    int match_percent = 0;  // matches as a percentage of needs
    int ledger_min = 0, ledger_max = 0;
};

struct PersonRef {
    Id id = 0;
    Id org = 0;
};

struct SeedInfo {
    Id id = 0;
    Id org = 0;
    Id owner = 0;
    uint32_t academic = 0;
    demo::SeedPick pick;
};

struct NeedInfo {
    Id id = 0;
    Id company = 0;
    uint32_t company_index = 0;
    demo::NeedPick pick;
    Date registered;
};

// A date spread over [from, to] by `index` (no draw from the generator, so adding dates did not
// change the rest of the generated data).
Date Spread(Date from, Date to, uint64_t index) {
    int64_t span = DaysFromCivil(to) - DaysFromCivil(from);
    if (span <= 0) return from;
    return AddDays(from, static_cast<int64_t>((index * 7919u) % static_cast<uint64_t>(span + 1)));
}

struct ProjectInfo {
    Id id = 0;
    Date start, end;
    Id lead_org = 0;
    Id leader = 0;
    std::vector<Id> companies;
    demo::SeedPick seed;
    bool has_need = false;
    demo::NeedPick need;
};

struct FyTally {
    std::array<int64_t, kYears> patents{}, projects{}, forums{}, attendees{}, products{},
        licences{};
};

int FyIndex(Date date) {
    int fy = FiscalYearOf(date).year;
    return std::clamp(fy, kFirstFy, kLastFy) - kFirstFy;
}

// Review-phase state of one proposal.
struct ProposalCtx {
    core::Proposal row;
    size_t region = 0;
    std::string outcome;  // full | trial | rejected
    int quality = 0;      // tenths of a point on the 1–5 scale
    std::set<Id> participants;
    Id cluster = 0;  // the cluster the selection created for it
};

struct ReviewerRef {
    Id person = 0;
    Id org = 0;
    Id reviewer = 0;  // reviewer row of the current call
};

struct CallCtx {
    Id id = 0;
    std::vector<Id> criteria;
    std::vector<double> weights;
    Date reviews_from, reviews_to;
    Date hearings_from, hearings_to;
    Date evaluated_on;
    Date decided_on;
    int max_load = 8;
    int reviewers_per_proposal = 3;
};

class Generator {
  public:
    Generator(Writer& writer, const DemoOptions& options)
        : w_(writer), seed_(options.seed), scale_(options.scale) {}

    Status Run() {
        KC_RETURN_IF_ERROR(Programme());
        KC_RETURN_IF_ERROR(RegionsAndStudies());
        KC_RETURN_IF_ERROR(Selection());
        KC_RETURN_IF_ERROR(Clusters());
        KC_RETURN_IF_ERROR(PromotionRound());
        for (auto& cluster : clusters_) KC_RETURN_IF_ERROR(PopulateCluster(cluster));
        if (scale_ > 1) KC_RETURN_IF_ERROR(Synthetic());
        return {};
    }

    // Rows the run will write, roughly (for the progress display).
    static int64_t EstimateRows(int scale) {
        int64_t rows = 24'000;  // the phase-I programme
        if (scale > 1) {
            int64_t clusters = scale / 2 + 18;
            int64_t seeds = int64_t{scale} * 10'000;
            int64_t needs = int64_t{scale} * 1'000;
            int64_t people = int64_t{scale} * 1'000;
            rows += seeds + needs * 27 / 10 + people * 2 + clusters * 1'000;
        }
        return rows;
    }

  private:
    // ----- shared row builders --------------------------------------------------------------

    // The organisation named `name_ja`, created on first use.
    Result<Id> Org(const std::string& name_ja, const std::string& name_en, const char* kind,
                   bool sme, const std::string& prefecture, OptId region, const std::string& source,
                   bool sample) {
        auto it = orgs_.find(name_ja);
        if (it != orgs_.end()) return it->second;
        core::Organization org;
        org.name_ja = name_ja;
        org.name_en = name_en;
        org.kind = kind;
        org.sme = sme;
        org.prefecture = prefecture;
        org.region_id = region;
        org.source = source;
        org.meta.sample = sample;
        KC_ASSIGN_OR_RETURN(Id id, w_.Add(org));
        orgs_.emplace(name_ja, id);
        return id;
    }

    Result<Id> Government(const GovSpec& spec, OptId region, bool sample) {
        auto it = governments_.find(spec.name_ja);
        if (it != governments_.end()) return it->second;
        core::LocalGovernment gov;
        gov.name_ja = spec.name_ja;
        gov.name_en = spec.name_en;
        gov.kind = spec.kind;
        gov.prefecture = spec.prefecture;
        if (std::string_view(spec.kind) != "prefecture") gov.region_id = region;
        gov.meta.sample = sample;
        KC_ASSIGN_OR_RETURN(Id id, w_.Add(gov));
        governments_.emplace(spec.name_ja, id);
        return id;
    }

    // A fictional person with an affiliation to `org`.
    Result<Id> NewPerson(Rng& rng, Id org, const char* title, const demo::Topic* expertise,
                         Date since) {
        demo::RandomPersonName(rng, name_);
        person_.family_name = name_.family;
        person_.given_name = name_.given;
        person_.family_name_kana = name_.family_kana;
        person_.given_name_kana = name_.given_kana;
        person_.name_en = name_.name_en;
        person_.organization_id = org;
        person_.title = title;
        person_.email =
            fmt::format("{}.{}@o{}.example.jp", name_.romaji_given, name_.romaji_family, org);
        if (expertise) {
            demo::ExpertiseFor(rng, *expertise, person_.expertise);
        } else {
            person_.expertise.clear();
        }
        person_.meta.sample = true;
        KC_ASSIGN_OR_RETURN(Id id, w_.Add(person_));
        core::Affiliation affiliation;
        affiliation.person_id = id;
        affiliation.organization_id = org;
        affiliation.title = title;
        affiliation.from_date = since;
        affiliation.meta.sample = true;
        KC_RETURN_IF_ERROR(w_.Add(affiliation));
        return id;
    }

    // ----- programme --------------------------------------------------------------------------

    Status Programme() {
        core::Program program;
        program.name_ja = "知的クラスター創成事業";
        program.name_en = "Knowledge Cluster Initiative";
        program.phase = "I";
        program.start_fy = FiscalYear{kFirstFy};
        program.end_fy = FiscalYear{kLastFy};
        program.description =
            "文部科学省が平成14年度(2002年7月)から実施する事業。第2期科学技術基本計画("
            "2001年3月閣議決定)"
            "に基づき、地方自治体の主体性を重視し、大学・公的研究機関を核に関連研究機関・研究開発型"
            "企業が"
            "集積する技術革新システム(知的クラスター)"
            "の創成を目指す。1地域あたり年間約5億円、5年間。"
            "補助金は地方自治体が指定する中核機関に交付される。\n"
            "経緯: "
            "平成12年度、「研究成果の社会還元」に関する検討会が、地方大学の特色ある研究成果と研究者"
            "を"
            "核とした知的クラスターの形成方策を検討し、実現可能性調査(FS)"
            "を行う地域を選定した。平成13年度に"
            "30地域でFSを実施し、平成14年1月に各自治体が事業構想を提案。査読・ヒアリング・外部有識"
            "者の意見に"
            "よる総合評価を経て、平成14年4月15日に12地域(10クラスター)"
            "を事業実施地域、6地域を試行地域として"
            "選定した。平成15年2月、試行地域のうち富山・高岡、名古屋、徳島の3地域が平成14年度補正予"
            "算により"
            "本格実施へ移行し、15地域(13クラスター)で実施している。\n"
            "(デモデータ: 人物はすべて架空。出典のない行は sample=true。)";
        program.meta.sample = false;
        KC_ASSIGN_OR_RETURN(program_, w_.Add(program));

        struct BudgetRow {
            int fy;
            int64_t regular_m, supplementary_m;
            bool sample;
            const char* note;
        };
        const BudgetRow budgets[] = {
            {2002, 5'300, 600, true,
             "当初予算額は出典未確認のため、交付額を賄うサンプル値。補正予算(平成14年度補正)"
             "は試行地域"
             "3地域(富山・高岡、名古屋、徳島)"
             "の本格実施への移行に充てられ、平成15年度に繰り越して執行"
             "(額は75億円と69億円の差からの推定、サンプル)。"},
            {2003, 7'500, 0, false,
             "75億円(平成14年度補正予算を含む): 事業概要(seed 資料)による。一方 it-cluster.jp "
             "(http://www.it-cluster.jp/english/) は平成15年度予算を69億円としており、差の約6億円は"
             "前年度補正予算分と考えられる(未確認)。"},
            {2004, 9'000, 0, false, "出典: http://www.it-cluster.jp/english/"},
            {2005, 10'000, 0, false,
             "出典: https://www.mext.go.jp/a_menu/kagaku/chiiki/cluster/outline.htm"},
            {2006, 10'000, 0, false,
             "出典: https://www.mext.go.jp/a_menu/kagaku/chiiki/cluster/outline.htm"},
        };
        for (const auto& b : budgets) {
            core::FiscalBudget budget;
            budget.program_id = program_;
            budget.fiscal_year = FiscalYear{b.fy};
            budget.regular = Millions(b.regular_m);
            budget.supplementary = Millions(b.supplementary_m);
            budget.note = b.note;
            budget.meta.sample = b.sample;
            KC_RETURN_IF_ERROR(w_.Add(budget));
        }
        return {};
    }

    Status RegionsAndStudies() {
        const auto& specs = RegionSpecs();
        core::Call fs;
        fs.program_id = program_;
        fs.fiscal_year = FiscalYear{2001};
        fs.title_ja = "平成13年度 知的クラスター実現可能性調査(FS)";
        fs.title_en = "FY2001 knowledge-cluster feasibility studies";
        fs.kind = "feasibility_study";
        fs.status = "decided";
        fs.opens_on = Date{2001, 4, 2};
        fs.closes_on = Date{2001, 5, 31};
        fs.reviewers_per_proposal = 3;
        fs.max_load = 10;
        fs.years = 1;
        fs.meta.sample = true;
        KC_ASSIGN_OR_RETURN(Id fs_call, w_.Add(fs));

        for (size_t i = 0; i < specs.size(); ++i) {
            const RegionSpec& spec = specs[i];
            bool sample = !spec.confirmed;
            core::Region region;
            region.name_ja = spec.name_ja;
            region.name_en = spec.name_en;
            region.prefecture = spec.prefecture;
            region.source = spec.source;
            region.meta.sample = sample;
            KC_ASSIGN_OR_RETURN(Id region_id, w_.Add(region));
            RegionRef ref;
            ref.id = region_id;
            ref.name = spec.name_ja;
            ref.prefecture = spec.prefecture;
            ref.city = spec.city;
            bool real = std::string_view(spec.outcome) != "rejected";
            std::vector<Id> govs;
            for (const auto& gov : spec.governments) {
                KC_ASSIGN_OR_RETURN(Id gov_id, Government(gov, region_id, !real));
                govs.push_back(gov_id);
            }
            const OrgSpec& core_org = spec.core_org;
            KC_ASSIGN_OR_RETURN(ref.core_org, Org(core_org.name_ja, core_org.name_en, core_org.kind,
                                                  false, spec.prefecture, region_id,
                                                  core_org.source, !core_org.confirmed));
            std::vector<OrgInfo> academics;
            for (const auto& a : spec.academics) {
                KC_ASSIGN_OR_RETURN(Id id, Org(a.name_ja, a.name_en, a.kind, false, spec.prefecture,
                                               region_id, a.source, !a.confirmed));
                academics.push_back({id, a.name_ja, true});
            }
            region_refs_.push_back(ref);
            region_govs_.push_back(govs);
            region_academics_.push_back(academics);

            core::FeasibilityStudy study;
            study.region_id = region_id;
            study.call_id = fs_call;
            study.fiscal_year = FiscalYear{2001};
            study.result = "proposal_invited";
            study.note = fmt::format(
                "平成13年度FS調査({})。{}を中心とする研究開発ポテンシャルと地域の産業集積を調査し、"
                "{}を軸とする事業構想「{}」を取りまとめた。調査期間: 2001年6月〜12月。",
                spec.name_ja, spec.academics.front().name_ja, FieldLabel(spec.field),
                spec.proposal_title);
            study.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(study));
        }
        return {};
    }

    static const char* FieldLabel(std::string_view field) {
        if (field == "life_science") return "ライフサイエンス";
        if (field == "it") return "情報通信";
        if (field == "environment") return "環境";
        if (field == "nanotech_materials") return "ナノテクノロジー・材料";
        if (field == "manufacturing") return "ものづくり技術";
        if (field == "energy") return "エネルギー";
        return "その他";
    }

    // ----- selection (FY2001 call, decided 2002-04-15) ----------------------------------------

    Result<CallCtx> NewCall(const char* title_ja, const char* title_en, const char* kind, int fy,
                            Date opens, Date closes, int max_load) {
        core::Call call;
        call.program_id = program_;
        call.fiscal_year = FiscalYear{fy};
        call.title_ja = title_ja;
        call.title_en = title_en;
        call.kind = kind;
        call.status = "decided";
        call.opens_on = opens;
        call.closes_on = closes;
        call.reviewers_per_proposal = 3;
        call.max_load = max_load;
        call.scale_per_region = Millions(500);
        call.trial_scale_per_region = Millions(150);
        call.hearing_weight = 0.3;
        call.years = 5;
        call.meta.sample = true;
        CallCtx ctx;
        KC_ASSIGN_OR_RETURN(ctx.id, w_.Add(call));
        ctx.max_load = max_load;
        w_.tx().MarkInsertsAsSample(true);
        KC_ASSIGN_OR_RETURN(ctx.criteria, AddDefaultCriteria(w_.tx(), ctx.id));
        w_.tx().MarkInsertsAsSample(false);
        for (const auto& c : DefaultCriteria()) ctx.weights.push_back(c.weight);
        return ctx;
    }

    // A proposal covering `regions` (the first one names it). `outcome` is what the programme
    // office decided in reality; the review replay draws scores whose level follows it
    // (`quality`), and the selection workflow then has to arrive at the same decision.
    Result<ProposalCtx> NewProposal(Rng& rng, Id call, const std::vector<size_t>& regions,
                                    const std::string& title_ja, const std::string& title_en,
                                    const char* field, Date submitted, const std::string& outcome) {
        const size_t region = regions.front();
        const RegionSpec& spec = RegionSpecs()[region];
        ProposalCtx p;
        p.region = region;
        p.outcome = outcome;
        if (outcome == "full") {
            p.quality = static_cast<int>(rng.Between(44, 48));
        } else if (outcome == "trial") {
            p.quality = static_cast<int>(rng.Between(32, 36));
        } else {
            p.quality = static_cast<int>(rng.Between(18, 26));
        }
        core::Proposal& row = p.row;
        row.call_id = call;
        row.title_ja = title_ja;
        row.title_en = title_en;
        row.field = field;
        row.status = "submitted";
        row.submitted_on = submitted;
        row.requested_per_year =
            Millions(static_cast<int64_t>(regions.size()) * (outcome == "trial" ? 150 : 500));
        row.vision = fmt::format(
            "{}の{}等が持つ{}"
            "分野の研究開発ポテンシャルを核に、地域内外の企業が参加する産学官の共同研究を"
            "推進し、技術シーズと企業ニーズが連鎖的に新技術・新産業を生み出す知的クラスターを{}"
            "に形成する。"
            "{}"
            "が中核機関として知的クラスター本部を設置し、科学技術コーディネータによる目利きと弁理士"
            "等の"
            "助言を活用して、研究成果の特許化と事業化を進める。",
            spec.name_ja, spec.academics.front().name_ja, FieldLabel(field), spec.city,
            spec.core_org.name_ja);
        // One draw per statement: the order of function arguments is unspecified.
        int64_t patents = rng.Between(10, 20) * 10;
        int64_t products = rng.Between(10, 30);
        int64_t firms = rng.Between(4, 12) * 5;
        int64_t ventures = rng.Between(2, 6);
        int64_t forums = rng.Between(12, 25);
        row.targets = fmt::format(
            "5年間の目標: 特許出願{}件、事業化・製品化{}件、参加企業{}社、ベンチャー創出{}社、"
            "成果発表フォーラム等の開催{}回。",
            patents, products, firms, ventures, forums);
        row.meta.sample = true;
        KC_RETURN_IF_ERROR(w_.Add(row));

        std::set<Id> govs;
        for (size_t r : regions) {
            for (Id gov : region_govs_[r]) govs.insert(gov);
        }
        for (Id gov : govs) {
            core::ProposalGovernment link;
            link.proposal_id = row.id;
            link.local_government_id = gov;
            link.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(link));
        }
        for (size_t r : regions) {
            core::ProposalRegion proposal_region;
            proposal_region.proposal_id = row.id;
            proposal_region.region_id = region_refs_[r].id;
            proposal_region.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(proposal_region));

            core::ProposalParticipant participant;
            participant.proposal_id = row.id;
            participant.organization_id = region_refs_[r].core_org;
            participant.role = "core_organization";
            participant.inside_region = true;
            participant.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(participant));
            p.participants.insert(participant.organization_id);
            const auto& academics = region_academics_[r];
            for (size_t i = 0; i < academics.size(); ++i) {
                participant.organization_id = academics[i].id;
                participant.role = i < 2 ? "core_institution" : "participant";
                KC_RETURN_IF_ERROR(w_.Add(participant));
                p.participants.insert(academics[i].id);
            }
        }
        for (int k = 0; k < 5; ++k) {
            core::ProposalBudget budget;
            budget.proposal_id = row.id;
            budget.fiscal_year = FiscalYear{2002 + k};
            budget.amount = *row.requested_per_year;
            budget.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(budget));
        }
        return p;
    }

    // Replays one call through the programme office's workflows, inside the demo's transaction:
    // reviewer rows, automatic conflicts, the solver's assignment, reviews submitted by each
    // reviewer, hearings scored by an unconflicted panel, external advice, the calibrated
    // evaluation and the budget-constrained selection (which writes the decisions, and the
    // clusters or promotions). The scores are generated (sample) with a level that follows the
    // real decision; the selection itself is computed, and checked against the real outcome.
    Status ReviewAndDecide(Rng& rng, CallCtx& call, std::vector<ProposalCtx>& proposals,
                           std::vector<ReviewerRef>& reviewers, SelectOptions select) {
        store::Transaction& tx = w_.tx();
        tx.MarkInsertsAsSample(true);
        for (auto& reviewer : reviewers) {
            core::Reviewer row;
            row.person_id = reviewer.person;
            row.call_id = call.id;
            row.max_load = call.max_load;
            KC_ASSIGN_OR_RETURN(reviewer.reviewer, w_.Add(row));
        }
        KC_RETURN_IF_ERROR(DetectConflicts(tx, call.id, /*record=*/true));
        AssignOptions assign;
        assign.call_id = call.id;
        assign.apply = true;
        assign.detect_conflicts = false;
        KC_RETURN_IF_ERROR(AssignReviewers(tx, assign));

        auto conflicted = [&](Id person, Id proposal) -> Result<bool> {
            store::Filter filter;
            filter.equals.emplace_back("person_id", person);
            filter.equals.emplace_back("proposal_id", proposal);
            KC_ASSIGN_OR_RETURN(int64_t n, tx.Count(core::Conflict::Def(), filter));
            return n > 0;
        };
        KC_ASSIGN_OR_RETURN(auto criteria, [&] {
            store::Filter filter;
            filter.equals.emplace_back("call_id", call.id);
            return tx.List<core::Criterion>(filter);
        }());
        auto scores = [&](int quality) {
            std::vector<std::pair<std::string, int64_t>> out;
            for (const auto& c : criteria) out.emplace_back(c.key, Score(rng, quality));
            return out;
        };
        for (auto& proposal : proposals) {
            store::Filter filter;
            filter.equals.emplace_back("proposal_id", proposal.row.id);
            KC_ASSIGN_OR_RETURN(auto assignments, tx.List<core::ReviewAssignment>(filter));
            for (const auto& assignment : assignments) {
                ReviewInput review;
                review.assignment_id = assignment.id;
                review.scores = scores(proposal.quality);
                review.comment = ReviewComment(rng, proposal.quality);
                review.submit = true;
                Date reviewed = DateBetween(rng, call.reviews_from, call.reviews_to);
                int hour = static_cast<int>(rng.Between(9, 18));
                int minute = static_cast<int>(rng.Between(0, 59));
                review.submitted_at = Timestamp(reviewed, hour, minute);
                KC_RETURN_IF_ERROR(SaveReview(tx, review));
            }
            KC_ASSIGN_OR_RETURN(proposal.row, tx.Get<core::Proposal>(proposal.row.id));
        }
        // Hearings before a panel of three unconflicted reviewers.
        for (auto& proposal : proposals) {
            core::Hearing hearing;
            hearing.proposal_id = proposal.row.id;
            hearing.held_on = DateBetween(rng, call.hearings_from, call.hearings_to);
            hearing.venue = "文部科学省 会議室(東京都千代田区)";
            hearing.note =
                fmt::format("提案自治体・中核機関・{}の代表者が構想を説明し、質疑応答を行った。",
                            region_academics_[proposal.region].front().name);
            KC_RETURN_IF_ERROR(w_.Add(hearing));
            std::vector<size_t> panel;
            for (size_t r = 0; r < reviewers.size(); ++r) {
                KC_ASSIGN_OR_RETURN(bool c, conflicted(reviewers[r].person, proposal.row.id));
                if (!c) panel.push_back(r);
            }
            for (size_t k = 0; k < 3 && k < panel.size(); ++k) {
                size_t pick = k + rng.Index(panel.size() - k);
                std::swap(panel[k], panel[pick]);
                HearingScoreInput input;
                input.hearing_id = hearing.id;
                input.person_id = reviewers[panel[k]].person;
                input.scores = scores(proposal.quality);
                KC_RETURN_IF_ERROR(ScoreHearing(tx, input));
            }
        }
        // Advice from external experts on some proposals.
        for (auto& proposal : proposals) {
            if (!rng.Percent(35) || advisers_.empty()) continue;
            core::Advice advice;
            advice.proposal_id = proposal.row.id;
            advice.person_id = rng.Pick(advisers_);
            advice.given_on = DateBetween(rng, call.hearings_from, call.hearings_to);
            advice.text = AdviceText(rng, proposal);
            KC_RETURN_IF_ERROR(w_.Add(advice));
        }
        EvaluateOptions evaluate;
        evaluate.call_id = call.id;
        evaluate.bootstrap = 200;
        evaluate.seed = demo::MixSeed(seed_, call.id);
        evaluate.computed_at = Timestamp(call.evaluated_on, 18, 0);
        KC_RETURN_IF_ERROR(EvaluateCall(tx, evaluate));

        select.call_id = call.id;
        select.apply = true;
        select.decided_on = call.decided_on;
        KC_ASSIGN_OR_RETURN(SelectReport report, SelectProposals(tx, select));
        tx.MarkInsertsAsSample(false);
        for (auto& proposal : proposals) {
            for (const auto& line : report.lines) {
                if (line.proposal_id != proposal.row.id) continue;
                if (line.outcome != proposal.outcome) {
                    return Fail(Error::Internal(fmt::format(
                        "demo: the replayed selection made proposal {} 「{}」 {} but the real "
                        "decision was {} (seed {}): {}",
                        proposal.row.id, proposal.row.title_ja, line.outcome, proposal.outcome,
                        seed_, line.reason)));
                }
                proposal.cluster = line.cluster_id;
            }
            KC_ASSIGN_OR_RETURN(proposal.row, tx.Get<core::Proposal>(proposal.row.id));
        }
        return {};
    }

    static int64_t Score(Rng& rng, int quality) {
        return std::clamp<int64_t>((quality + rng.Between(-6, 6) + 5) / 10, 1, 5);
    }

    static std::string ReviewComment(Rng& rng, int quality) {
        static constexpr const char* kHigh[] = {
            "核となる大学の研究ポテンシャルが高く、地域の産業集積との結び付きも明確である。",
            "研究テーマが地域企業のニーズに基づいて設定されており、事業化への道筋が具体的である。",
            "中核機関の推進体制が整っており、自治体の主体的な取組みも評価できる。",
        };
        static constexpr const char* kMiddle[] = {
            "研究開発のポテンシャルは認められるが、事業化に向けた企業参加の計画をより具体化する必要"
            "がある。",
            "特定領域の絞り込みは妥当だが、推進体制における役割分担が明確でない。",
            "地域の取組みは評価できるが、研究テーマ間の連携が弱い。",
        };
        static constexpr const char* kLow[] = {
            "構想の独自性が乏しく、産業化の見通しが十分に示されていない。",
            "核となる研究機関の実績に比して、計画の規模が過大である。",
            "地域の産業集積との関係が不明確であり、推進体制も未整備である。",
        };
        if (quality >= 40) return rng.Pick(kHigh);
        if (quality >= 33) return rng.Pick(kMiddle);
        return rng.Pick(kLow);
    }

    static std::string AdviceText(Rng& rng, const ProposalCtx& proposal) {
        static constexpr const char* kAdvice[] = {
            "地域内の中小企業の参加を促す仕組み(参加費の設定、試作支援など)"
            "を具体化することが望ましい。",
            "他省庁の施策(経済産業省の産業クラスター計画等)との連携を計画に明記すべきである。",
            "知的財産の帰属と実施許諾の方針を、中核機関と大学の間で早期に合意しておく必要がある。",
            "科学技術コーディネータには、企業経験を持つ人材を複数配置することを勧める。",
            "5年間の数値目標に加え、事業終了後も地域に残る仕組みを構想段階から検討されたい。",
        };
        std::string text = rng.Pick(kAdvice);
        if (proposal.quality < 33) text += "現時点では構想の具体性が不足しており、再検討を求める。";
        return text;
    }

    Result<std::vector<ReviewerRef>> ReviewerPool(Rng& rng) {
        struct PoolOrg {
            const char* name_ja;
            const char* name_en;
            const char* kind;
            const char* prefecture;
        };
        // Half of the reviewers come from organisations that take part in proposals (and so have
        // conflicts), half from elsewhere.
        const PoolOrg pool[] = {
            {"東京大学", "The University of Tokyo", "university", "東京都"},
            {"東京工業大学", "Tokyo Institute of Technology", "university", "東京都"},
            {"慶應義塾大学", "Keio University", "university", "東京都"},
            {"東京理科大学", "Tokyo University of Science", "university", "東京都"},
            {"独立行政法人産業技術総合研究所",
             "National Institute of Advanced Industrial Science and Technology", "public_institute",
             "茨城県"},
            {"京都大学", "Kyoto University", "university", "京都府"},
            {"東北大学", "Tohoku University", "university", "宮城県"},
            {"九州大学", "Kyushu University", "university", "福岡県"},
            {"名古屋大学", "Nagoya University", "university", "愛知県"},
            {"北海道大学", "Hokkaido University", "university", "北海道"},
            {"大阪大学", "Osaka University", "university", "大阪府"},
            {"早稲田大学", "Waseda University", "university", "東京都"},
        };
        static constexpr const char* kTitles[] = {"教授", "教授", "名誉教授", "研究センター長"};
        std::vector<ReviewerRef> reviewers;
        for (const auto& org : pool) {
            KC_ASSIGN_OR_RETURN(Id org_id, Org(org.name_ja, org.name_en, org.kind, false,
                                               org.prefecture, std::nullopt, "", true));
            const demo::Topic& topic = demo::Topics()[rng.Index(demo::kTopicCount)];
            KC_ASSIGN_OR_RETURN(
                Id person, NewPerson(rng, org_id, rng.Pick(kTitles), &topic, Date{1995, 4, 1}));
            reviewers.push_back({person, org_id, 0});
        }
        // External experts (外部有識者) giving advice.
        const PoolOrg experts[] = {
            {"社団法人日本経済研究会議", "Japan Economic Research Council", "other", "東京都"},
            {"株式会社地域産業総合研究所", "Regional Industry Research Institute", "company",
             "東京都"},
            {"財団法人産学連携推進センター", "Industry-Academia Collaboration Promotion Center",
             "foundation", "東京都"},
        };
        for (const auto& org : experts) {
            KC_ASSIGN_OR_RETURN(Id org_id, Org(org.name_ja, org.name_en, org.kind, false,
                                               org.prefecture, std::nullopt, "", true));
            KC_ASSIGN_OR_RETURN(Id person,
                                NewPerson(rng, org_id, "主任研究員", nullptr, Date{1998, 4, 1}));
            advisers_.push_back(person);
        }
        return reviewers;
    }

    Status Selection() {
        Rng rng(demo::MixSeed(seed_, 2));
        KC_ASSIGN_OR_RETURN(reviewer_pool_, ReviewerPool(rng));
        KC_ASSIGN_OR_RETURN(
            CallCtx call, NewCall("知的クラスター創成事業 事業実施地域の選定",
                                  "Knowledge Cluster Initiative: selection of regions", "selection",
                                  2001, Date{2001, 10, 1}, Date{2002, 1, 31}, 8));
        call.reviews_from = Date{2002, 2, 12};
        call.reviews_to = Date{2002, 2, 28};
        call.hearings_from = Date{2002, 3, 4};
        call.hearings_to = Date{2002, 3, 15};
        call.evaluated_on = Date{2002, 3, 29};
        call.decided_on = kAnnouncement;
        // One proposal per cluster of 2002 (a cluster of two regions proposed together), and one
        // per feasibility-study region that was not selected.
        const auto& regions = RegionSpecs();
        const auto& clusters = ClusterSpecs();
        proposal_of_cluster_.assign(clusters.size(), 0);
        std::vector<bool> covered(regions.size(), false);
        auto submitted = [&] { return Date{2002, 1, static_cast<int>(rng.Between(15, 31))}; };
        for (size_t i = 0; i < clusters.size(); ++i) {
            const ClusterSpec& spec = clusters[i];
            const RegionSpec& first = regions[spec.regions.front()];
            for (size_t r : spec.regions) covered[r] = true;
            KC_ASSIGN_OR_RETURN(ProposalCtx proposal,
                                NewProposal(rng, call.id, spec.regions, first.proposal_title,
                                            first.proposal_title_en, spec.field, submitted(),
                                            spec.kind == 'F' ? "full" : "trial"));
            proposal_of_cluster_[i] = selection_.size();
            selection_.push_back(std::move(proposal));
        }
        int full = 0, trial = 0;
        for (const auto& p : selection_) (p.outcome == "full" ? full : trial) += 1;
        for (size_t r = 0; r < regions.size(); ++r) {
            if (covered[r]) continue;
            KC_ASSIGN_OR_RETURN(ProposalCtx proposal,
                                NewProposal(rng, call.id, {r}, regions[r].proposal_title,
                                            regions[r].proposal_title_en, regions[r].field,
                                            submitted(), "rejected"));
            selection_.push_back(std::move(proposal));
        }
        std::vector<ReviewerRef> reviewers = reviewer_pool_;
        SelectOptions select;
        select.budget = Millions(7'500);  // the annual scale of the programme (FY2003 budget)
        select.full = full;
        select.trial = trial;
        select.note = "(平成14年4月15日公表。評点はサンプル)";
        return ReviewAndDecide(rng, call, selection_, reviewers, select);
    }

    // ----- clusters ---------------------------------------------------------------------------

    // The selection created one cluster per selected proposal (with its regions, governments
    // and core organisations); here they get their real names, sources and start date.
    Status Clusters() {
        store::Transaction& tx = w_.tx();
        const auto& specs = ClusterSpecs();
        for (size_t i = 0; i < specs.size(); ++i) {
            const ClusterSpec& spec = specs[i];
            const ProposalCtx& proposal = selection_[proposal_of_cluster_[i]];
            KC_ASSIGN_OR_RETURN(core::Cluster cluster, tx.Get<core::Cluster>(proposal.cluster));
            cluster.name_ja = spec.name_ja;
            cluster.name_en = spec.name_en;
            cluster.field = spec.field;
            cluster.phase = "I";
            cluster.started_on = kClusterStart;
            cluster.source = spec.source;
            cluster.meta.sample = !spec.confirmed;
            KC_RETURN_IF_ERROR(w_.Save(cluster));
            cluster_rows_.push_back(cluster);

            ClusterCtx ctx;
            ctx.id = cluster.id;
            ctx.topic = spec.topic;
            ctx.name = spec.name_ja;
            ctx.kind = spec.kind;
            ctx.stream = 1000 + i;
            store::Filter by_cluster;
            by_cluster.equals.emplace_back("cluster_id", cluster.id);
            KC_ASSIGN_OR_RETURN(auto links, tx.List<core::ClusterRegion>(by_cluster));
            for (size_t r : spec.regions) {
                ctx.regions.push_back(region_refs_[r]);
                for (const auto& a : region_academics_[r]) ctx.academics.push_back(a);
                for (auto& link : links) {
                    if (link.region_id != region_refs_[r].id) continue;
                    link.meta.sample = !spec.confirmed || !RegionSpecs()[r].confirmed;
                    KC_RETURN_IF_ERROR(w_.Save(link));
                }
            }
            KC_ASSIGN_OR_RETURN(auto core_orgs, tx.List<core::CoreOrganization>(by_cluster));
            for (auto& core_org : core_orgs) {
                core_org.from_date = kClusterStart;
                for (size_t r : spec.regions) {
                    if (region_refs_[r].core_org == core_org.organization_id) {
                        core_org.meta.sample = !RegionSpecs()[r].core_org.confirmed;
                    }
                }
                KC_RETURN_IF_ERROR(w_.Save(core_org));
            }
            clusters_.push_back(std::move(ctx));
        }
        return {};
    }

    // The promotion call of FY2002: the six trial regions propose again in January 2003; the
    // review, evaluation and selection workflows promote three to full implementation from FY2003
    // (funded by the FY2002 supplementary budget) and keep three on trial.
    Status PromotionRound() {
        Rng rng(demo::MixSeed(seed_, 3));
        KC_ASSIGN_OR_RETURN(CallCtx call,
                            NewCall("知的クラスター創成事業 試行地域の本格実施への移行",
                                    "Knowledge Cluster Initiative: promotion of trial regions",
                                    "promotion", 2002, Date{2002, 11, 1}, Date{2003, 1, 31}, 4));
        call.reviews_from = Date{2003, 1, 6};
        call.reviews_to = Date{2003, 1, 24};
        call.hearings_from = Date{2003, 1, 20};
        call.hearings_to = Date{2003, 1, 29};
        call.evaluated_on = Date{2003, 1, 30};
        call.decided_on = kPromotionDecision;
        const auto& specs = ClusterSpecs();
        std::vector<ProposalCtx> proposals;
        std::vector<size_t> cluster_of;
        int promote = 0, keep = 0;
        for (size_t i = 0; i < specs.size(); ++i) {
            if (specs[i].kind == 'F') continue;
            std::string title = fmt::format("{}の本格実施への移行に関する提案", specs[i].name_ja);
            std::string title_en =
                fmt::format("{}: proposal for full implementation", specs[i].name_en);
            KC_ASSIGN_OR_RETURN(
                ProposalCtx proposal,
                NewProposal(rng, call.id, specs[i].regions, title, title_en, specs[i].field,
                            Date{2003, 1, static_cast<int>(rng.Between(10, 31))},
                            specs[i].kind == 'P' ? "full" : "trial"));
            (specs[i].kind == 'P' ? promote : keep) += 1;
            proposals.push_back(std::move(proposal));
            cluster_of.push_back(i);
        }
        // Six of the reviewers serve again.
        std::vector<ReviewerRef> reviewers(reviewer_pool_.begin(), reviewer_pool_.begin() + 4);
        reviewers.insert(reviewers.end(), reviewer_pool_.begin() + 8, reviewer_pool_.begin() + 10);
        SelectOptions select;
        select.budget = Millions(2'000);
        select.full = promote;
        select.trial = keep;
        select.effective_fy = FiscalYear{2003};
        select.funding_source = "平成14年度補正予算 (FY2002 supplementary budget)";
        select.note =
            "(平成15年2月決定。決定日は出典未確認のため2月1日とした。「試行」は試行の継続を意味"
            "する。評点はサンプル)";
        KC_RETURN_IF_ERROR(ReviewAndDecide(rng, call, proposals, reviewers, select));
        store::Transaction& tx = w_.tx();
        for (size_t k = 0; k < proposals.size(); ++k) {
            size_t i = cluster_of[k];
            KC_ASSIGN_OR_RETURN(cluster_rows_[i], tx.Get<core::Cluster>(cluster_rows_[i].id));
            KC_ASSIGN_OR_RETURN(selection_[proposal_of_cluster_[i]].row,
                                tx.Get<core::Proposal>(selection_[proposal_of_cluster_[i]].row.id));
        }
        return {};
    }

    // ----- one cluster's five years -----------------------------------------------------------

    Quota MakeQuota(Rng& rng, const ClusterCtx& c) const {
        Quota q;
        bool full = c.kind == 'F' || c.kind == 'P' || c.kind == 'S';
        q.coordinators = static_cast<int>(c.kind == 'T' ? rng.Between(2, 3) : rng.Between(3, 7));
        q.research_directors = static_cast<int>(rng.Between(1, 2));
        q.attorneys = static_cast<int>(rng.Between(1, 2));
        q.inventions = static_cast<int>(full ? rng.Between(100, 170) : rng.Between(20, 45));
        q.products = static_cast<int>(full ? rng.Between(10, 30) : rng.Between(3, 8));
        q.spinoffs = static_cast<int>(full ? rng.Between(1, 3) : rng.Between(0, 1));
        q.papers = static_cast<int>(full ? rng.Between(4, 10) : rng.Between(1, 4));
        q.core_projects = static_cast<int>(full ? rng.Between(3, 6) : rng.Between(1, 2));
        if (c.kind == 'S') {
            q.seeds = c.seeds_target;
            q.needs = c.needs_target;
            q.companies = static_cast<int>(std::clamp<int64_t>(q.needs / 15, 30, 200));
            int64_t people = std::max<int64_t>(c.people_target - 15, 40);
            q.researchers = static_cast<int>(people * 6 / 10);
            q.staff = static_cast<int>(std::max<int64_t>(people - q.researchers, q.companies));
            q.match_percent = 100;
            q.ledger_min = 4;
            q.ledger_max = 6;
        } else {
            q.seeds = full ? rng.Between(90, 200) : rng.Between(50, 100);
            q.needs = full ? rng.Between(35, 80) : rng.Between(20, 40);
            q.companies = static_cast<int>(full ? rng.Between(30, 60) : rng.Between(20, 30));
            q.researchers = static_cast<int>(std::clamp<int64_t>(q.seeds / 4, 15, 50));
            q.staff = q.companies + static_cast<int>(rng.Between(5, 15));
            q.match_percent = 130;
            q.ledger_min = 6;
            q.ledger_max = 12;
        }
        return q;
    }

    Status PopulateCluster(ClusterCtx& c) {
        Rng rng(demo::MixSeed(seed_, c.stream));
        const demo::Topic& topic = demo::Topics()[static_cast<size_t>(c.topic)];
        Quota q = MakeQuota(rng, c);
        const RegionRef& home = c.regions.front();
        Date full_since = c.kind == 'P' ? Date{2003, 4, 1} : kClusterStart;

        // Organisations: companies inside and outside the region, a patent office.
        std::vector<OrgInfo> companies;
        companies.reserve(static_cast<size_t>(q.companies));
        for (int i = 0; i < q.companies; ++i) {
            bool sme = rng.Percent(70);
            bool inside = rng.Percent(75);
            const RegionRef& region = c.regions[rng.Index(c.regions.size())];
            for (int attempt = 0; attempt < 40; ++attempt) {
                demo::RandomCompanyName(rng, topic, sme, company_name_);
                if (!company_names_.contains(company_name_.ja)) break;
            }
            company_names_.insert(company_name_.ja);
            std::string prefecture = inside ? region.prefecture : rng.Pick(kOutsidePrefectures);
            if (prefecture.find("・") != std::string::npos) prefecture = "京都府";
            core::Organization org;
            org.name_ja = company_name_.ja;
            org.name_en = company_name_.en;
            org.kind = "company";
            org.sme = sme;
            org.prefecture = prefecture;
            if (inside) org.region_id = region.id;
            org.meta.sample = true;
            KC_ASSIGN_OR_RETURN(Id id, w_.Add(org));
            companies.push_back({id, company_name_.ja, inside});
        }
        demo::RandomPatentFirmName(rng, company_name_);
        std::string firm_name = company_name_.ja;
        for (int n = 2; orgs_.contains(firm_name); ++n)
            firm_name = fmt::format("{}{}", company_name_.ja, n);
        KC_ASSIGN_OR_RETURN(Id patent_firm, Org(firm_name, company_name_.en, "other", true,
                                                home.prefecture, home.id, "", true));

        // People: the HQ, researchers of the academic organisations, company staff.
        Id core_org = home.core_org;
        std::vector<Id> positions_people;
        struct Post {
            const char* role;
            Id person;
        };
        std::vector<Post> posts;
        const char* head_title =
            CoreOrgName(c).find("株式会社") != std::string::npos ? "代表取締役社長" : "理事長";
        KC_ASSIGN_OR_RETURN(Id director,
                            NewPerson(rng, core_org, head_title, nullptr, Date{2000, 4, 1}));
        posts.push_back({"director", director});
        KC_ASSIGN_OR_RETURN(Id manager,
                            NewPerson(rng, core_org, "事業総括", &topic, kClusterStart));
        posts.push_back({"program_manager", manager});
        std::vector<Id> research_directors;
        for (int i = 0; i < q.research_directors; ++i) {
            const OrgInfo& academic = c.academics[static_cast<size_t>(i) % c.academics.size()];
            KC_ASSIGN_OR_RETURN(Id person,
                                NewPerson(rng, academic.id, "教授", &topic, Date{1990, 4, 1}));
            posts.push_back({"research_director", person});
            research_directors.push_back(person);
        }
        std::vector<Id> coordinators;
        for (int i = 0; i < q.coordinators; ++i) {
            KC_ASSIGN_OR_RETURN(Id person, NewPerson(rng, core_org, "科学技術コーディネータ",
                                                     &topic, kClusterStart));
            posts.push_back({"coordinator", person});
            coordinators.push_back(person);
        }
        std::vector<Id> attorneys;
        for (int i = 0; i < q.attorneys; ++i) {
            KC_ASSIGN_OR_RETURN(Id person,
                                NewPerson(rng, patent_firm, "弁理士", nullptr, Date{1996, 4, 1}));
            posts.push_back({"patent_attorney", person});
            attorneys.push_back(person);
        }
        for (const auto& post : posts) {
            core::Position position;
            position.cluster_id = c.id;
            position.person_id = post.person;
            position.role = post.role;
            position.from_date = kClusterStart;
            position.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(position));
        }

        static constexpr const char* kUniversityTitles[] = {
            "教授", "教授", "助教授", "助教授", "助教授", "講師", "講師", "助手", "助手"};
        static constexpr const char* kInstituteTitles[] = {"主任研究員", "主任研究員", "研究員",
                                                           "研究員", "部長"};
        std::vector<std::vector<Id>> researchers_of(c.academics.size());
        std::vector<Id> researchers;
        for (int i = 0; i < q.researchers; ++i) {
            size_t a = static_cast<size_t>(i) < c.academics.size() ? static_cast<size_t>(i)
                                                                   : rng.Index(c.academics.size());
            bool institute = AcademicIsInstitute(c.academics[a].name);
            const char* title =
                institute ? rng.Pick(kInstituteTitles) : rng.Pick(kUniversityTitles);
            Date since = CivilFromDays(
                rng.Between(DaysFromCivil(Date{1985, 4, 1}), DaysFromCivil(Date{2002, 4, 1})));
            KC_ASSIGN_OR_RETURN(Id person, NewPerson(rng, c.academics[a].id, title, &topic, since));
            researchers_of[a].push_back(person);
            researchers.push_back(person);
        }
        for (size_t a = 0; a < c.academics.size(); ++a) {
            if (researchers_of[a].empty()) researchers_of[a].push_back(rng.Pick(researchers));
        }
        static constexpr const char* kStaffTitles[] = {
            "代表取締役", "取締役技術部長", "技術部長", "開発課長",
            "主任技師",   "研究開発室長",   "製造部長", "技師"};
        std::vector<std::vector<Id>> staff_of(companies.size());
        for (int i = 0; i < q.staff; ++i) {
            size_t k = static_cast<size_t>(i) < companies.size() ? static_cast<size_t>(i)
                                                                 : rng.Index(companies.size());
            Date since = CivilFromDays(
                rng.Between(DaysFromCivil(Date{1985, 4, 1}), DaysFromCivil(Date{2002, 4, 1})));
            KC_ASSIGN_OR_RETURN(
                Id person, NewPerson(rng, companies[k].id, rng.Pick(kStaffTitles), nullptr, since));
            staff_of[k].push_back(person);
        }

        // Grants, one per region and fiscal year, to the region's core organisation.
        struct GrantInfo {
            Id id;
            int fy;
            int64_t amount;
            Date from;
        };
        std::vector<GrantInfo> grants;
        for (const auto& region : c.regions) {
            for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
                core::Grant grant;
                grant.cluster_id = c.id;
                grant.organization_id = region.core_org;
                grant.fiscal_year = FiscalYear{fy};
                grant.kind = "regular";
                int64_t millions = 0;
                bool trial_year = c.kind == 'T' || (c.kind == 'P' && fy == kFirstFy);
                if (trial_year) {
                    millions = fy == kFirstFy ? rng.Between(75, 120) : rng.Between(100, 140);
                } else if (c.kind == 'S') {
                    millions = fy == kFirstFy ? rng.Between(350, 390) : rng.Between(450, 520);
                } else if (fy == kFirstFy) {
                    millions = rng.Between(350, 375);
                } else if (fy == 2003) {
                    millions = rng.Between(440, 465);
                    if (c.kind == 'P') grant.kind = "supplementary";
                } else {
                    millions = rng.Between(470, 520);
                }
                grant.amount = Millions(millions);
                Date decided = fy == kFirstFy
                                   ? kClusterStart
                                   : AddDays(FiscalYearStart(FiscalYear{fy}), rng.Between(0, 20));
                grant.decided_on = decided;
                grant.meta.sample = true;
                KC_RETURN_IF_ERROR(w_.Add(grant));
                grants.push_back({grant.id, fy, grant.amount.value, decided});
            }
        }

        // Seeds of the academic organisations.
        std::vector<SeedInfo> seeds;
        seeds.reserve(static_cast<size_t>(q.seeds));
        std::array<std::vector<uint32_t>, 8> seeds_by_theme;
        core::Seed seed;
        seed.cluster_id = c.id;
        seed.meta.sample = true;
        for (int64_t i = 0; i < q.seeds; ++i) {
            uint32_t a = static_cast<uint32_t>(rng.Index(c.academics.size()));
            SeedInfo info;
            info.academic = a;
            info.org = c.academics[a].id;
            info.owner = rng.Pick(researchers_of[a]);
            info.pick = demo::PickSeed(rng, topic);
            int trl = static_cast<int>(rng.Between(2, 7));
            demo::MakeSeedText(rng, topic, info.pick, trl, rng.Percent(30), seed_text_);
            seed.organization_id = info.org;
            seed.owner_id = info.owner;
            seed.title = seed_text_.title;
            seed.title_en = seed_text_.title_en;
            seed.abstract = seed_text_.abstract;
            seed.keywords = seed_text_.keywords;
            seed.field = topic.seed_themes[info.pick.theme].field;
            seed.trl = trl;
            int ip = static_cast<int>(rng.Index(100));
            seed.ip_status = ip < 50   ? "none"
                             : ip < 80 ? "filed"
                             : ip < 92 ? "granted"
                                       : "licensed";
            int vis = static_cast<int>(rng.Index(100));
            seed.visibility = vis < 60 ? "public" : vis < 90 ? "cluster" : "private";
            KC_ASSIGN_OR_RETURN(info.id, w_.Add(seed));
            seeds_by_theme[info.pick.theme].push_back(static_cast<uint32_t>(seeds.size()));
            seeds.push_back(info);
        }

        // Needs of the companies, gathered by the coordinators.
        std::vector<NeedInfo> needs;
        needs.reserve(static_cast<size_t>(q.needs));
        core::Need need;
        need.cluster_id = c.id;
        need.meta.sample = true;
        for (int64_t i = 0; i < q.needs; ++i) {
            uint32_t k = static_cast<uint32_t>(rng.Index(companies.size()));
            NeedInfo info;
            info.company_index = k;
            info.company = companies[k].id;
            info.pick = demo::PickNeed(rng, topic);
            demo::MakeNeedText(rng, topic, info.pick, rng.Percent(30), need_text_);
            need.organization_id = info.company;
            need.contact_id = staff_of[k].empty() ? OptId{} : OptId{rng.Pick(staff_of[k])};
            need.title = need_text_.title;
            need.title_en = need_text_.title_en;
            need.description = need_text_.description;
            need.keywords = need_text_.keywords;
            need.field =
                topic
                    .seed_themes[static_cast<size_t>(topic.need_themes[info.pick.theme].seed_theme)]
                    .field;
            int conf = static_cast<int>(rng.Index(100));
            need.confidentiality = conf < 30 ? "public" : conf < 85 ? "cluster" : "private";
            info.registered = Spread(kClusterStart, AddDays(kAsOf, -120),
                                     static_cast<uint64_t>(i) + 31u * c.stream);
            need.registered_on = info.registered;
            KC_ASSIGN_OR_RETURN(info.id, w_.Add(need));
            needs.push_back(info);
        }

        FyTally tally;
        // Matches: a need with a seed of the theme that answers it.
        struct MatchInfo {
            Id id;
            uint32_t seed, need;
        };
        std::vector<MatchInfo> joint;
        std::vector<Id> match_ids;
        std::unordered_set<uint64_t> pairs;
        int64_t match_count = static_cast<int64_t>(needs.size()) * q.match_percent / 100;
        core::Match match;
        match.meta.sample = true;
        for (int64_t i = 0; i < match_count && !needs.empty(); ++i) {
            uint32_t n = static_cast<uint32_t>(rng.Index(needs.size()));
            size_t theme = static_cast<size_t>(topic.need_themes[needs[n].pick.theme].seed_theme);
            const auto& candidates = seeds_by_theme[theme];
            if (candidates.empty()) continue;
            uint32_t s = rng.Pick(candidates);
            uint64_t key = (static_cast<uint64_t>(s) << 32) | n;
            if (!pairs.insert(key).second) continue;
            const SeedInfo& si = seeds[s];
            const NeedInfo& ni = needs[n];
            match.seed_id = si.id;
            match.need_id = ni.id;
            match.score = static_cast<double>(rng.Between(40, 95)) / 100.0;
            match.explanation =
                demo::MatchExplanation(topic, si.pick, ni.pick, c.academics[si.academic].name,
                                       companies[ni.company_index].name);
            int r = static_cast<int>(rng.Index(100));
            match.status = r < 30   ? "suggested"
                           : r < 50 ? "contacted"
                           : r < 65 ? "meeting"
                           : r < 75 ? "feasibility_test"
                           : r < 85 ? "joint_research"
                                    : "declined";
            match.coordinator_id = rng.Pick(coordinators);
            match.decline_reason = match.status == "declined" ? demo::DeclineReason(rng) : "";
            match.suggested_on =
                MinDate(kAsOf, AddDays(ni.registered, 7 + static_cast<int64_t>((i * 31) % 90)));
            match.feasibility_on.reset();
            if (match.status == "feasibility_test" || match.status == "joint_research") {
                match.feasibility_on = MinDate(
                    kAsOf, AddDays(*match.suggested_on, 45 + static_cast<int64_t>((i * 17) % 90)));
            }
            KC_ASSIGN_OR_RETURN(Id id, w_.Add(match));
            match_ids.push_back(id);
            if (match.status == "joint_research") joint.push_back({id, s, n});
        }

        // Projects: the cluster's research themes, and joint research grown from matches.
        std::vector<ProjectInfo> projects;
        core::Project project;
        project.cluster_id = c.id;
        project.meta.sample = true;
        core::ProjectPartner partner;
        partner.meta.sample = true;
        for (int i = 0; i < q.core_projects; ++i) {
            ProjectInfo info;
            info.seed = demo::PickSeed(rng, topic);
            size_t a = static_cast<size_t>(i) % c.academics.size();
            info.lead_org = c.academics[a].id;
            info.leader = i < static_cast<int>(research_directors.size())
                              ? research_directors[static_cast<size_t>(i)]
                              : rng.Pick(researchers_of[a]);
            info.start = AddDays(kClusterStart, rng.Between(0, 90));
            if (c.kind == 'T') info.start = AddDays(kClusterStart, rng.Between(0, 60));
            info.end = kAsOf;
            demo::ResearchThemeTitle(topic, info.seed, project.title, project.title_en);
            project.lead_organization_id = info.lead_org;
            project.leader_id = info.leader;
            project.budget = Millions(c.kind == 'T' ? rng.Between(20, 60) : rng.Between(50, 150));
            project.participation_fee = Millions(rng.Between(1, 3));
            project.starts_on = info.start;
            project.ends_on = info.end;
            project.stage = "active";
            project.origin_need_id.reset();
            project.origin_match_id.reset();
            KC_ASSIGN_OR_RETURN(info.id, w_.Add(project));
            partner.project_id = info.id;
            partner.organization_id = info.lead_org;
            partner.role = "lead";
            partner.inside_region = true;
            KC_RETURN_IF_ERROR(w_.Add(partner));
            int partners = static_cast<int>(rng.Between(2, 5));
            std::set<size_t> chosen;
            for (int k = 0; k < partners; ++k) chosen.insert(rng.Index(companies.size()));
            for (size_t k : chosen) {
                partner.organization_id = companies[k].id;
                partner.role = "partner";
                partner.inside_region = companies[k].inside;
                KC_RETURN_IF_ERROR(w_.Add(partner));
                info.companies.push_back(companies[k].id);
            }
            ++tally.projects[static_cast<size_t>(FyIndex(info.start))];
            projects.push_back(std::move(info));
        }
        for (const auto& m : joint) {
            const SeedInfo& si = seeds[m.seed];
            const NeedInfo& ni = needs[m.need];
            ProjectInfo info;
            info.seed = si.pick;
            info.has_need = true;
            info.need = ni.pick;
            info.lead_org = si.org;
            info.leader = si.owner;
            info.start =
                DateBetween(rng, MaxDate(Date{2002, 10, 1}, full_since), Date{2006, 6, 30});
            info.end = AddDays(
                AddMonths(info.start, static_cast<int>(rng.Pick(std::array{12, 18, 24, 36}))), -1);
            demo::JointProjectTitle(rng, topic, si.pick, ni.pick, project.title, project.title_en);
            project.lead_organization_id = info.lead_org;
            project.leader_id = info.leader;
            project.budget = Millions(rng.Between(3, 30));
            int64_t fee = rng.Between(0, 2);
            project.participation_fee = fee > 0 ? OptYen(Millions(fee)) : OptYen();
            project.starts_on = info.start;
            project.ends_on = info.end;
            bool finished = info.end <= kAsOf;
            bool terminated = finished && rng.Percent(6);
            project.stage = terminated ? "terminated" : finished ? "completed" : "active";
            project.origin_need_id = ni.id;
            project.origin_match_id = m.id;
            KC_ASSIGN_OR_RETURN(info.id, w_.Add(project));
            partner.project_id = info.id;
            partner.organization_id = info.lead_org;
            partner.role = "lead";
            partner.inside_region = true;
            KC_RETURN_IF_ERROR(w_.Add(partner));
            partner.organization_id = ni.company;
            partner.role = "partner";
            partner.inside_region = companies[ni.company_index].inside;
            KC_RETURN_IF_ERROR(w_.Add(partner));
            info.companies.push_back(ni.company);
            KC_RETURN_IF_ERROR(Milestones(rng, info, terminated));
            ++tally.projects[static_cast<size_t>(FyIndex(info.start))];
            projects.push_back(std::move(info));
        }
        for (size_t i = 0; i < static_cast<size_t>(q.core_projects) && i < projects.size(); ++i) {
            KC_RETURN_IF_ERROR(Milestones(rng, projects[i], false));
        }

        // Project budgets per fiscal year: each project's total (project.budget) and fees spread
        // over the programme's fiscal years it runs in, by days; ledger plans per grant and
        // purpose; then ledgers drawn from those plans, each grant and each project plan
        // executed at 85–98% within its fiscal year (no carry-over), never beyond.
        struct ProjectYearPlan {
            size_t project = 0;
            int fy = 0;
            Date from, to;  // the project's active days in the fiscal year
            int64_t grant_amount = 0;
        };
        std::vector<ProjectYearPlan> project_plans;
        for (size_t pi = 0; pi < projects.size(); ++pi) {
            const ProjectInfo& p = projects[pi];
            KC_ASSIGN_OR_RETURN(auto stored, w_.tx().Get<core::Project>(p.id));
            std::vector<ProjectYearPlan> years;
            int64_t days_total = 0;
            for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
                Date from = MaxDate(p.start, FiscalYearStart(FiscalYear{fy}));
                Date to = MinDate(p.end, FiscalYearEnd(FiscalYear{fy}));
                if (to < from) continue;
                years.push_back({pi, fy, from, to, DaysFromCivil(to) - DaysFromCivil(from) + 1});
                days_total += years.back().grant_amount;
            }
            if (years.empty()) continue;
            int64_t budget = stored.budget.value_or(Yen{}).value;
            int64_t fees = stored.participation_fee.value_or(Yen{}).value;
            int64_t budget_left = budget, fees_left = fees;
            core::ProjectBudget row;
            row.project_id = p.id;
            row.meta.sample = true;
            for (size_t k = 0; k < years.size(); ++k) {
                int64_t days = years[k].grant_amount;
                bool last = k + 1 == years.size();
                int64_t amount = last ? budget_left : budget * days / days_total / 1000 * 1000;
                int64_t fee = last ? fees_left : fees * days / days_total / 1000 * 1000;
                budget_left -= amount;
                fees_left -= fee;
                years[k].grant_amount = amount;
                row.fiscal_year = FiscalYear{years[k].fy};
                row.grant_amount = Yen{amount};
                row.company_fees = fees > 0 ? OptYen(Yen{fee}) : OptYen();
                row.note = "";
                KC_RETURN_IF_ERROR(w_.Add(row));
                project_plans.push_back(years[k]);
            }
        }

        static constexpr const char* kProjectCategories[] = {"research", "research", "equipment",
                                                             "personnel", "travel"};
        core::LedgerEntry entry;
        entry.meta.sample = true;
        core::LedgerPlan plan;
        plan.meta.sample = true;
        auto add_entries = [&](Id grant_id, const char* purpose, int64_t amount, Date from, Date to,
                               OptId charged_to,
                               std::span<const char* const> categories) -> Status {
            int pieces = static_cast<int>(rng.Between(1, 3));
            int64_t left = amount;
            for (int k = 0; k < pieces && left > 0; ++k) {
                int64_t part = k + 1 == pieces ? left : amount / pieces / 1000 * 1000;
                left -= part;
                if (part <= 0) continue;
                const char* category = categories[rng.Index(categories.size())];
                entry.grant_id = grant_id;
                entry.entry_date = DateBetween(rng, from, to);
                entry.category = category;
                entry.purpose = purpose;
                entry.amount = Yen{part};
                entry.project_id = charged_to;
                entry.description = LedgerDescription(category);
                KC_RETURN_IF_ERROR(w_.Add(entry));
            }
            return {};
        };
        for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
            std::vector<const GrantInfo*> year_grants;
            for (const auto& grant : grants) {
                if (grant.fy == fy) year_grants.push_back(&grant);
            }
            if (year_grants.empty()) continue;
            // Each project's spending in the year, charged to the grant with the most room for
            // joint research (at most 80% of a grant).
            std::vector<int64_t> room, charged(year_grants.size(), 0);
            for (const GrantInfo* g : year_grants) room.push_back(g->amount * 80 / 100);
            struct Charge {
                size_t grant;
                const ProjectYearPlan* plan;
                int64_t amount;
            };
            std::vector<Charge> charges;
            for (const auto& pp : project_plans) {
                if (pp.fy != fy || pp.grant_amount <= 0) continue;
                int64_t spend = pp.grant_amount * rng.Between(85, 98) / 100 / 1000 * 1000;
                size_t best = 0;
                for (size_t k = 1; k < room.size(); ++k) {
                    if (room[k] > room[best]) best = k;
                }
                spend = std::min(spend, room[best]);
                if (spend <= 0) continue;
                room[best] -= spend;
                charged[best] += spend;
                charges.push_back({best, &pp, spend});
            }
            for (size_t k = 0; k < year_grants.size(); ++k) {
                const GrantInfo& grant = *year_grants[k];
                Date from = MaxDate(grant.from, FiscalYearStart(FiscalYear{fy}));
                Date to = FiscalYearEnd(FiscalYear{fy});
                // The plan: joint research covers what projects spend (at ~92% execution) and at
                // least half the grant; the rest goes to coordinators, IP, forums and HQ.
                int64_t research_plan =
                    std::max(charged[k] * 100 / 92, grant.amount * rng.Between(50, 58) / 100);
                research_plan = std::min(research_plan, grant.amount * 85 / 100) / 1000 * 1000;
                int64_t rest = grant.amount - research_plan;
                struct Share {
                    const char* purpose;
                    int64_t amount;
                };
                std::array<Share, 5> shares = {{
                    {"joint_research", research_plan},
                    {"coordinators", rest * rng.Between(33, 40) / 100 / 1000 * 1000},
                    {"ip", rest * rng.Between(15, 22) / 100 / 1000 * 1000},
                    {"forums", rest * rng.Between(10, 15) / 100 / 1000 * 1000},
                    {"hq", 0},
                }};
                shares[4].amount = grant.amount - shares[0].amount - shares[1].amount -
                                   shares[2].amount - shares[3].amount;
                for (const auto& share : shares) {
                    plan.grant_id = grant.id;
                    plan.purpose = share.purpose;
                    plan.amount = Yen{share.amount};
                    KC_RETURN_IF_ERROR(w_.Add(plan));
                }
                // Joint research: the projects' entries, then shared research costs up to
                // 85–98% of the joint research plan.
                for (const auto& charge : charges) {
                    if (charge.grant != k) continue;
                    Date p_from = MaxDate(charge.plan->from, from);
                    Date p_to = charge.plan->to;
                    if (p_to < p_from) p_from = p_to;
                    KC_RETURN_IF_ERROR(add_entries(grant.id, "joint_research", charge.amount,
                                                   p_from, p_to, projects[charge.plan->project].id,
                                                   kProjectCategories));
                }
                int64_t research_target = research_plan * rng.Between(85, 98) / 100 / 1000 * 1000;
                if (research_target > charged[k]) {
                    static constexpr const char* kShared[] = {"equipment", "research", "other"};
                    KC_RETURN_IF_ERROR(add_entries(grant.id, "joint_research",
                                                   research_target - charged[k], from, to,
                                                   std::nullopt, kShared));
                }
                static constexpr const char* kCoordinators[] = {"personnel", "personnel", "travel"};
                static constexpr const char* kIp[] = {"patent"};
                static constexpr const char* kForums[] = {"forum", "forum", "travel"};
                static constexpr const char* kHq[] = {"overhead", "personnel", "other"};
                for (size_t s = 1; s < shares.size(); ++s) {
                    int64_t spend = shares[s].amount * rng.Between(88, 99) / 100 / 1000 * 1000;
                    std::span<const char* const> categories =
                        s == 1   ? std::span<const char* const>(kCoordinators)
                        : s == 2 ? std::span<const char* const>(kIp)
                        : s == 3 ? std::span<const char* const>(kForums)
                                 : std::span<const char* const>(kHq);
                    KC_RETURN_IF_ERROR(add_entries(grant.id, shares[s].purpose, spend, from, to,
                                                   std::nullopt, categories));
                }
                if (rng.Percent(10)) {
                    entry.grant_id = grant.id;
                    entry.entry_date = to;
                    entry.category = "other";
                    entry.purpose = "hq";
                    entry.amount = Yen{-rng.Between(1, 50) * 10'000};
                    entry.project_id.reset();
                    entry.description = "精算に伴う戻入";
                    KC_RETURN_IF_ERROR(w_.Add(entry));
                }
            }
        }

        // Inventions, patent applications (JP, some PCT) and licences.
        core::Invention invention;
        invention.cluster_id = c.id;
        invention.meta.sample = true;
        core::PatentApplication application;
        application.meta.sample = true;
        for (int i = 0; i < q.inventions; ++i) {
            const ProjectInfo* from_project = nullptr;
            if (!projects.empty() && rng.Percent(70)) {
                const ProjectInfo& p = rng.Pick(projects);
                if (AddDays(p.start, 60) < MinDate(p.end, Date{2007, 1, 31})) from_project = &p;
            }
            demo::SeedPick pick = from_project ? from_project->seed : demo::PickSeed(rng, topic);
            Date disclosed = from_project
                                 ? DateBetween(rng, AddDays(from_project->start, 60),
                                               MinDate(from_project->end, Date{2007, 1, 31}))
                                 : DateBetween(rng, AddDays(full_since, 60), Date{2007, 1, 31});
            invention.project_id = from_project ? OptId{from_project->id} : OptId{};
            invention.title = demo::InventionTitle(rng, topic, pick);
            invention.disclosed_on = disclosed;
            Date jp_date = AddDays(disclosed, rng.Between(20, 120));
            bool filed = jp_date <= kAsOf && rng.Percent(88);
            std::string jp_status;
            bool pct = false;
            Date pct_date;
            if (filed) {
                int64_t days = DaysFromCivil(kAsOf) - DaysFromCivil(jp_date);
                jp_status = "filed";
                if (days > 365) {
                    int r = static_cast<int>(rng.Index(100));
                    jp_status = r < 65 ? "examination_requested" : r < 90 ? "filed" : "abandoned";
                    if (jp_status == "examination_requested" && jp_date <= Date{2004, 9, 30}) {
                        int g = static_cast<int>(rng.Index(100));
                        if (g < 40)
                            jp_status = "granted";
                        else if (g < 48)
                            jp_status = "refused";
                    }
                }
                pct_date = AddDays(jp_date, rng.Between(300, 360));
                pct = pct_date <= kAsOf && rng.Percent(25);
            }
            std::string status =
                !filed ? (jp_date <= kAsOf && rng.Percent(50) ? "abandoned" : "assessed")
                       : jp_status;
            if (filed && pct && (jp_status == "filed" || jp_status == "abandoned")) status = "pct";
            invention.status = status;
            invention.published = filed && DaysFromCivil(kAsOf) - DaysFromCivil(jp_date) >= 548;
            // Every demo invention was assessed by one of the HQ's patent attorneys before
            // filing (or abandoning).
            Date assessed = AddDays(disclosed, rng.Between(7, 30));
            if (filed && !(assessed < jp_date)) assessed = MaxDate(disclosed, AddDays(jp_date, -1));
            invention.adviser_id = rng.Pick(attorneys);
            invention.assessed_on = MinDate(assessed, MaxDate(disclosed, kAsOf));
            invention.assessment_note = filed
                                            ? "新規性・進歩性ともに見込みあり。出願を推奨。"
                                            : "先行技術との差異が小さく、現時点での出願は見送り。";
            KC_RETURN_IF_ERROR(w_.Add(invention));
            // Co-applicants: a project's university (or institute) with one of its companies,
            // 50/50 or 70/30; the lead organisation alone when no company takes part.
            if (from_project) {
                core::InventionApplicant applicant;
                applicant.invention_id = invention.id;
                applicant.meta.sample = true;
                applicant.organization_id = from_project->lead_org;
                if (from_project->companies.empty()) {
                    applicant.share_percent = 100;
                    KC_RETURN_IF_ERROR(w_.Add(applicant));
                } else {
                    double university = rng.Percent(60) ? 50 : 70;
                    applicant.share_percent = university;
                    KC_RETURN_IF_ERROR(w_.Add(applicant));
                    applicant.organization_id = rng.Pick(from_project->companies);
                    applicant.share_percent = 100 - university;
                    KC_RETURN_IF_ERROR(w_.Add(applicant));
                }
            }

            std::set<Id> inventors;
            if (from_project) inventors.insert(from_project->leader);
            int extra = static_cast<int>(rng.Between(0, 2));
            for (int k = 0; k < extra || inventors.empty(); ++k)
                inventors.insert(rng.Pick(researchers));
            for (Id person : inventors) {
                core::Inventor inventor;
                inventor.invention_id = invention.id;
                inventor.person_id = person;
                inventor.meta.sample = true;
                KC_RETURN_IF_ERROR(w_.Add(inventor));
            }
            if (!filed) continue;
            application.invention_id = invention.id;
            application.office = "jp";
            application.application_number = NextApplicationNumber(rng, "jp", jp_date.year);
            application.filing_date = jp_date;
            application.priority_date.reset();
            application.status = jp_status;
            application.attorney_id = rng.Pick(attorneys);
            KC_ASSIGN_OR_RETURN(Id jp_id, w_.Add(application));
            ++tally.patents[static_cast<size_t>(FyIndex(jp_date))];
            if (pct) {
                application.office = "pct";
                application.application_number = NextApplicationNumber(rng, "pct", pct_date.year);
                application.filing_date = pct_date;
                application.priority_date = jp_date;
                application.status = "filed";
                KC_RETURN_IF_ERROR(w_.Add(application));
                ++tally.patents[static_cast<size_t>(FyIndex(pct_date))];
            }
            // A few inventions are licensed to companies of the cluster.
            Date signed_on = AddDays(jp_date, rng.Between(60, 700));
            if (signed_on <= kAsOf && jp_status != "abandoned" && jp_status != "refused" &&
                rng.Percent(9)) {
                core::Licence licence;
                licence.invention_id = invention.id;
                licence.patent_application_id = jp_id;
                licence.licensee_id = from_project && !from_project->companies.empty()
                                          ? rng.Pick(from_project->companies)
                                          : rng.Pick(companies).id;
                int kind = static_cast<int>(rng.Index(100));
                licence.kind = kind < 30 ? "exclusive" : kind < 85 ? "non_exclusive" : "option";
                licence.signed_on = signed_on;
                if (rng.Percent(80)) {
                    licence.income = Yen{
                        (licence.kind == "option" ? rng.Between(30, 100) : rng.Between(50, 1000)) *
                        10'000};
                }
                int64_t rate = rng.Between(2, 5);
                int64_t lump = rng.Between(1, 20) * 10;
                licence.terms =
                    fmt::format("実施料率{}%、契約一時金{}万円。{}", rate, lump,
                                licence.kind == "exclusive" ? "国内における専用実施権を設定。"
                                : licence.kind == "option" ? "1年間のオプション契約(評価目的)。"
                                                           : "通常実施権(非独占)。");
                licence.meta.sample = true;
                KC_RETURN_IF_ERROR(w_.Add(licence));
                ++tally.licences[static_cast<size_t>(FyIndex(signed_on))];
                invention.status = "licensed";
                KC_RETURN_IF_ERROR(w_.Save(invention));
                if (licence.income) {
                    core::Outcome outcome;
                    outcome.cluster_id = c.id;
                    outcome.project_id = invention.project_id;
                    outcome.kind = "licence_income";
                    outcome.title = fmt::format("「{}」の実施許諾による収入", invention.title);
                    outcome.outcome_date = MinDate(AddDays(signed_on, 30), kAsOf);
                    outcome.value = licence.income;
                    outcome.organization_id = licence.licensee_id;
                    outcome.meta.sample = true;
                    KC_RETURN_IF_ERROR(w_.Add(outcome));
                }
            }
        }

        // Outcomes: products, spin-offs and papers.
        core::Outcome outcome;
        outcome.cluster_id = c.id;
        outcome.meta.sample = true;
        for (int i = 0; i < q.products; ++i) {
            const ProjectInfo* p = projects.empty() ? nullptr : &rng.Pick(projects);
            if (p && AddMonths(p->start, 6) >= kAsOf) p = nullptr;
            demo::SeedPick sp = p ? p->seed : demo::PickSeed(rng, topic);
            demo::NeedPick np = p && p->has_need ? p->need : demo::PickNeed(rng, topic);
            outcome.kind = "product";
            outcome.title = demo::ProductOutcomeTitle(rng, topic, sp, np);
            outcome.project_id = p ? OptId{p->id} : OptId{};
            outcome.outcome_date =
                p ? DateBetween(rng, AddMonths(p->start, 6), kAsOf)
                  : DateBetween(rng, MaxDate(Date{2003, 6, 1}, full_since), kAsOf);
            outcome.value = rng.Percent(80) ? OptYen(Millions(rng.Between(3, 300))) : OptYen();
            outcome.organization_id =
                p && !p->companies.empty() ? rng.Pick(p->companies) : rng.Pick(companies).id;
            KC_RETURN_IF_ERROR(w_.Add(outcome));
            ++tally.products[static_cast<size_t>(FyIndex(outcome.outcome_date))];
        }
        for (int i = 0; i < q.spinoffs; ++i) {
            for (int attempt = 0; attempt < 40; ++attempt) {
                demo::RandomCompanyName(rng, topic, true, company_name_);
                if (!company_names_.contains(company_name_.ja)) break;
            }
            company_names_.insert(company_name_.ja);
            core::Organization venture;
            venture.name_ja = company_name_.ja;
            venture.name_en = company_name_.en;
            venture.kind = "company";
            venture.sme = true;
            venture.prefecture =
                home.prefecture.find("・") != std::string::npos ? "京都府" : home.prefecture;
            venture.region_id = home.id;
            venture.meta.sample = true;
            KC_ASSIGN_OR_RETURN(Id venture_id, w_.Add(venture));
            const OrgInfo& academic = rng.Pick(c.academics);
            outcome.kind = "spin_off";
            outcome.title =
                fmt::format("{}発ベンチャー「{}」の設立", academic.name, company_name_.ja);
            outcome.project_id.reset();
            outcome.outcome_date = DateBetween(rng, MaxDate(Date{2003, 4, 1}, full_since), kAsOf);
            outcome.value = Millions(rng.Between(5, 30));
            outcome.organization_id = venture_id;
            KC_RETURN_IF_ERROR(w_.Add(outcome));
        }
        for (int i = 0; i < q.papers; ++i) {
            demo::SeedPick sp = demo::PickSeed(rng, topic);
            const demo::SeedTheme& theme = topic.seed_themes[sp.theme];
            outcome.kind = "paper";
            outcome.title = fmt::format("{}による{}に関する論文の国際学術誌掲載",
                                        theme.techs[sp.tech].ja, theme.results[sp.result].ja);
            outcome.project_id.reset();
            outcome.outcome_date = DateBetween(rng, Date{2003, 4, 1}, kAsOf);
            outcome.value.reset();
            outcome.organization_id = rng.Pick(c.academics).id;
            KC_RETURN_IF_ERROR(w_.Add(outcome));
        }

        // Forums: kickoff, yearly results forums, matching fairs and seminars.
        const std::string venue_hall = fmt::format("{}商工会議所ホール", home.city);
        const std::string venue_center = fmt::format("{}国際交流センター", home.city);
        const std::string venue_campus = fmt::format("{} 講堂", c.academics.front().name);
        std::vector<std::pair<Date, Id>> forums_held;  // for the consultations that follow
        // Draws the numbers in a fixed order: attendees, presentations, consultations.
        auto add_forum = [&](const std::string& title, const char* kind, Date held,
                             std::array<int64_t, 6> ranges) -> Status {
            int64_t attendees = rng.Between(ranges[0], ranges[1]);
            int64_t presentations = rng.Between(ranges[2], ranges[3]);
            int64_t consultations = rng.Between(ranges[4], ranges[5]);
            core::Forum forum;
            forum.cluster_id = c.id;
            forum.title = title;
            forum.kind = kind;
            forum.held_on = held;
            int v = static_cast<int>(rng.Index(3));
            forum.venue = v == 0 ? venue_hall : v == 1 ? venue_center : venue_campus;
            forum.attendees = attendees;
            forum.presentations = presentations;
            forum.consultations = consultations;
            forum.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(forum));
            forums_held.emplace_back(held, forum.id);
            size_t fy = static_cast<size_t>(FyIndex(held));
            ++tally.forums[fy];
            tally.attendees[fy] += attendees;
            return {};
        };
        Date kickoff = c.kind == 'P' ? DateBetween(rng, Date{2003, 5, 15}, Date{2003, 7, 15})
                                     : DateBetween(rng, Date{2002, 9, 10}, Date{2002, 11, 30});
        KC_RETURN_IF_ERROR(add_forum(fmt::format("{} キックオフフォーラム", c.name), "kickoff",
                                     kickoff, {150, 210, 4, 10, 5, 25}));
        for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
            std::string era = FormatFiscalYearJapanese(FiscalYear{fy});
            if (fy > kFirstFy) {
                Date results_on = DateBetween(rng, Date{fy + 1, 1, 15}, Date{fy + 1, 3, 15});
                KC_RETURN_IF_ERROR(add_forum(fmt::format("{} {}成果発表会", c.name, era), "results",
                                             results_on, {180, 450, 10, 30, 10, 40}));
                Date fair_on = DateBetween(rng, Date{fy, 10, 1}, Date{fy, 12, 10});
                KC_RETURN_IF_ERROR(
                    add_forum(fmt::format("{}地域 産学官技術マッチングフェア{}", home.city, fy),
                              "matching_fair", fair_on, {80, 220, 10, 30, 20, 70}));
            }
            int seminars = static_cast<int>(rng.Between(1, 2));
            for (int k = 0; k < seminars; ++k) {
                const demo::SeedTheme& theme = rng.Pick(topic.seed_themes);
                Date held = DateBetween(
                    rng, MaxDate(FiscalYearStart(FiscalYear{fy}), AddDays(kClusterStart, 30)),
                    FiscalYearEnd(FiscalYear{fy}));
                const char* subject = rng.Pick(theme.results).ja;
                KC_RETURN_IF_ERROR(
                    add_forum(fmt::format("{}セミナー「{}の最前線」", topic.short_ja, subject),
                              "seminar", held, {40, 120, 2, 5, 0, 15}));
            }
        }

        std::sort(forums_held.begin(), forums_held.end());

        // Coordinators' activities.
        core::Activity activity;
        activity.cluster_id = c.id;
        activity.meta.sample = true;
        for (Id coordinator : coordinators) {
            for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
                int count = static_cast<int>(rng.Between(4, 12));
                Date from = MaxDate(FiscalYearStart(FiscalYear{fy}), kClusterStart);
                Date to = FiscalYearEnd(FiscalYear{fy});
                for (int k = 0; k < count; ++k) {
                    int r = static_cast<int>(rng.Index(100));
                    const char* kind = r < 45   ? "visit"
                                       : r < 70 ? "meeting"
                                       : r < 85 ? "call"
                                       : r < 90 ? "forum"
                                                : "other";
                    const OrgInfo& company = rng.Pick(companies);
                    const OrgInfo& academic = rng.Pick(c.academics);
                    activity.coordinator_id = coordinator;
                    activity.kind = kind;
                    activity.activity_date = DateBetween(rng, from, to);
                    activity.organization_id =
                        std::string_view(kind) == "other" ? academic.id : company.id;
                    activity.match_id.reset();
                    activity.forum_id.reset();
                    if ((std::string_view(kind) == "meeting" || std::string_view(kind) == "call") &&
                        !match_ids.empty() && rng.Percent(30)) {
                        activity.match_id = rng.Pick(match_ids);
                    }
                    if (std::string_view(kind) == "forum" && !forums_held.empty()) {
                        // A consultation at the latest forum held by then; every other one led to
                        // a suggested pair (no draw from the generator).
                        activity.forum_id = forums_held.front().second;
                        for (const auto& [held, id] : forums_held) {
                            if (held <= activity.activity_date) activity.forum_id = id;
                        }
                        if (!match_ids.empty() && k % 2 == 0) {
                            activity.match_id = match_ids[static_cast<size_t>(
                                (static_cast<uint64_t>(k) * 7919u + coordinator) %
                                match_ids.size())];
                        }
                    }
                    activity.note =
                        demo::ActivityNote(rng, topic, kind, company.name, academic.name);
                    KC_RETURN_IF_ERROR(w_.Add(activity));
                }
            }
        }

        // KPI targets (cumulative) per fiscal year.
        struct Kpi {
            const char* key;
            int64_t total;
        };
        int64_t forum_total = 1 + 2 * (kYears - 1) + kYears * 2;
        const Kpi kpis[] = {
            {"patent_applications", q.inventions * 11 / 10},
            {"papers", q.researchers * 2},
            {"joint_research", static_cast<int64_t>(projects.size())},
            {"participating_companies", q.companies},
            {"commercializations", q.products},
            {"ventures", std::max(q.spinoffs, 1)},
            {"forums", forum_total},
            {"forum_participants", forum_total * 150},
        };
        for (const auto& kpi : kpis) {
            int64_t planned = kpi.total * rng.Between(90, 120) / 100;
            for (int k = 0; k < kYears; ++k) {
                core::KpiTarget target;
                target.cluster_id = c.id;
                target.fiscal_year = FiscalYear{kFirstFy + k};
                target.kpi = kpi.key;
                target.target = planned * (k + 1) / kYears;
                target.meta.sample = true;
                KC_RETURN_IF_ERROR(w_.Add(target));
            }
        }

        // Annual reports, a self-evaluation and the mid-term evaluation of full clusters.
        int evaluation_fy = c.kind == 'P' ? 2005 : 2004;
        for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
            size_t k = static_cast<size_t>(fy - kFirstFy);
            core::Report report;
            report.cluster_id = c.id;
            report.fiscal_year = FiscalYear{fy};
            report.kind = "annual";
            Date due{fy + 1, 5, 31};
            if (due <= kAsOf) report.submitted_on = due;
            std::string opening =
                fy == kFirstFy
                    ? (c.kind == 'F' || c.kind == 'S'
                           ? "知的クラスター本部を設置し、科学技術コーディネータによる企業訪問とシ"
                             "ーズ調査を開始した"
                           : "試行地域として本部体制を整え、研究テーマの絞り込みを行った")
                    : (c.kind == 'P' && fy == 2003
                           ? "本格実施への移行に伴い研究テーマと推進体制を拡充した"
                           : "前年度に引き続き産学官共同研究と成果の事業化を推進した");
            report.summary = fmt::format(
                "{}は、{}。共同研究{}件を新たに開始し、特許出願{}件、事業化{}件、実施許諾{}"
                "件の成果を得た。"
                "フォーラム・セミナー等を{}回開催し、延べ{}名が参加した。",
                FormatFiscalYearJapanese(FiscalYear{fy}), opening, tally.projects[k],
                tally.patents[k], tally.products[k], tally.licences[k], tally.forums[k],
                tally.attendees[k]);
            report.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(report));
        }
        if (c.kind == 'F' || c.kind == 'P' || c.kind == 'S') {
            core::Report self_report;
            self_report.cluster_id = c.id;
            self_report.fiscal_year = FiscalYear{evaluation_fy};
            self_report.kind = "self_evaluation";
            self_report.submitted_on = Date{evaluation_fy, 10, 31};
            self_report.summary =
                "自己評価報告書: (1)事業概要 (2)総括 (3)自己評価の実施状況 (4)地域のクラスター構想 "
                "(5)自己評価(計画に対する実施状況、推進体制、研究開発の成果と波及効果)。";
            self_report.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(self_report));
            KC_RETURN_IF_ERROR(MidTermEvaluation(rng, c, evaluation_fy));
        }
        return {};
    }

    Status Milestones(Rng& rng, const ProjectInfo& project, bool terminated) {
        const auto& titles = demo::MilestoneTitles();
        int count = static_cast<int>(rng.Between(2, 4));
        int64_t start = DaysFromCivil(project.start);
        int64_t span = DaysFromCivil(project.end) - start;
        int stop_at = terminated ? static_cast<int>(rng.Between(0, count - 1)) : count;
        for (int k = 0; k < count && k <= stop_at; ++k) {
            core::Milestone milestone;
            milestone.project_id = project.id;
            milestone.title = titles[static_cast<size_t>(k)];
            Date due = CivilFromDays(start + span * (k + 1) / count);
            milestone.due_on = due;
            if (k == stop_at) {
                milestone.done_on = MinDate(due, kAsOf);
                milestone.gate_decision = "stop";
            } else if (due <= kAsOf) {
                milestone.done_on = MinDate(AddDays(due, rng.Between(-20, 20)), kAsOf);
                milestone.gate_decision = rng.Percent(85) ? "go" : "revise";
            } else {
                milestone.gate_decision = "pending";
            }
            milestone.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(milestone));
        }
        return {};
    }

    Status MidTermEvaluation(Rng& rng, const ClusterCtx& c, int fy) {
        static constexpr const char* kGrades[] = {"s", "a", "b", "c"};
        int r = static_cast<int>(rng.Index(100));
        int overall = r < 10 ? 0 : r < 60 ? 1 : r < 95 ? 2 : 3;
        static constexpr const char* kSummaries[] = {
            "当初計画を大きく上回る成果を挙げており、国際競争力のあるクラスター形成に向けた取組みが"
            "着実に"
            "進んでいる。事業化の実績も顕著であり、他地域の模範となる。",
            "計画に沿って研究開発と事業化が順調に進捗している。今後は地域企業の参画拡大と、事業終了"
            "後の"
            "自立化に向けた仕組みづくりを一層進めることが期待される。",
            "一定の成果は認められるが、研究テーマ間の連携と事業化への取組みが不十分である。選択と集"
            "中の"
            "観点から研究テーマの重点化と計画の見直しが必要である。",
            "目標に対する進捗が遅れており、推進体制と事業計画の抜本的な見直しを求める。",
        };
        core::ClusterEvaluation evaluation;
        evaluation.cluster_id = c.id;
        evaluation.kind = "mid_term";
        evaluation.fiscal_year = FiscalYear{fy};
        evaluation.stage = "graded";
        evaluation.overall_grade = kGrades[overall];
        evaluation.summary = kSummaries[overall];
        evaluation.meta.sample = true;
        KC_RETURN_IF_ERROR(w_.Add(evaluation));
        static constexpr const char* kItems[] = {
            "総合評価",   "地域構想と目標", "広域化・国際化及び関連施策との連携",
            "事業化戦略", "推進体制",       "事業成果(産学官連携)",
        };
        static constexpr const char* kComments[] = {
            "特に優れている。",
            "優れている。",
            "概ね妥当であるが改善の余地がある。",
            "改善が必要である。",
        };
        for (const char* item : kItems) {
            int grade = std::clamp(overall + static_cast<int>(rng.Between(-1, 1)), 0, 3);
            if (std::string_view(item) == "総合評価") grade = overall;
            core::EvaluationGrade row;
            row.cluster_evaluation_id = evaluation.id;
            row.item = item;
            row.grade = kGrades[grade];
            row.comment = fmt::format("{}について、{}", item, kComments[grade]);
            row.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(row));
        }
        return {};
    }

    std::string CoreOrgName(const ClusterCtx& c) const {
        for (const auto& [name, id] : orgs_) {
            if (id == c.regions.front().core_org) return name;
        }
        return "";
    }

    static bool AcademicIsInstitute(std::string_view name) {
        return name.find("大学") == std::string_view::npos &&
               name.find("高等専門学校") == std::string_view::npos;
    }

    static const char* LedgerDescription(std::string_view category) {
        if (category == "personnel") return "科学技術コーディネータ等人件費";
        if (category == "research") return "共同研究委託費";
        if (category == "equipment") return "分析・評価装置の購入";
        if (category == "travel") return "企業訪問・学会参加旅費";
        if (category == "forum") return "成果発表フォーラム開催経費";
        if (category == "patent") return "特許出願・審査請求費用";
        if (category == "overhead") return "一般管理費";
        return "消耗品・通信費等";
    }

    std::string NextApplicationNumber(Rng& rng, const char* office, int year) {
        int64_t& next = application_numbers_[{office, year}];
        if (next == 0) next = rng.Between(1000, 9000);
        next += rng.Between(1, 40);
        if (std::string_view(office) == "pct") return fmt::format("PCT/JP{}/{:06}", year, next);
        return fmt::format("特願{}-{:06}", year, next);
    }

    // ----- scale > 1: a synthetic national-size programme ---------------------------------------

    Status Synthetic() {
        Rng rng(demo::MixSeed(seed_, 4));
        int64_t count = scale_ / 2 + 18;
        core::Program program;
        program.name_ja =
            fmt::format("知的クラスター創成事業(合成ベンチマークデータ 規模{})", scale_);
        program.name_en = fmt::format(
            "Knowledge Cluster Initiative (synthetic benchmark data, scale {})", scale_);
        program.phase = "synthetic";
        program.start_fy = FiscalYear{kFirstFy};
        program.end_fy = FiscalYear{kLastFy};
        program.description =
            "性能評価用に生成した合成データ。地域・クラスター・機関・人物・シーズ・ニーズはすべて架"
            "空であり、"
            "実在の事業とは関係しない。";
        program.meta.sample = true;
        KC_ASSIGN_OR_RETURN(Id program_id, w_.Add(program));
        for (int fy = kFirstFy; fy <= kLastFy; ++fy) {
            core::FiscalBudget budget;
            budget.program_id = program_id;
            budget.fiscal_year = FiscalYear{fy};
            budget.regular = Millions(count * 600);
            budget.note = "合成データ用の予算(架空)";
            budget.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(budget));
        }
        int64_t seeds_total = int64_t{scale_} * 10'000;
        int64_t needs_total = int64_t{scale_} * 1'000;
        int64_t people_total = int64_t{scale_} * 1'000;
        const size_t places = std::size(kSyntheticPlaces);
        static constexpr const char* kAcademicPatterns[][2] = {
            {"{}工科大学", "{} Institute of Technology"},
            {"{}医療科学大学", "{} University of Medical Science"},
            {"{}国際大学", "{} International University"},
            {"{}理工大学", "{} University of Science and Engineering"},
        };
        for (int64_t i = 0; i < count; ++i) {
            const PlaceSpec& place = kSyntheticPlaces[static_cast<size_t>(i) % places];
            int64_t round = static_cast<int64_t>(static_cast<size_t>(i) / places);
            std::string suffix = round == 0 ? "" : fmt::format("第{}", round + 1);
            std::string suffix_en = round == 0 ? "" : fmt::format(" {}", round + 1);
            int topic_index = static_cast<int>(i % demo::kTopicCount);
            const demo::Topic& topic = demo::Topics()[static_cast<size_t>(topic_index)];
            core::Region region;
            region.name_ja = fmt::format("{}{}地域", place.city, suffix);
            region.name_en = fmt::format("{}{}", place.city_en, suffix_en);
            region.prefecture = place.prefecture;
            region.meta.sample = true;
            KC_ASSIGN_OR_RETURN(Id region_id, w_.Add(region));
            GovSpec pref{place.prefecture, "", "prefecture", place.prefecture};
            std::string city_name = fmt::format("{}市", place.city);
            std::string city_en = fmt::format("{} City", place.city_en);
            GovSpec city{city_name.c_str(), city_en.c_str(), "city", place.prefecture};
            KC_ASSIGN_OR_RETURN(Id pref_id, Government(pref, region_id, true));
            KC_ASSIGN_OR_RETURN(Id city_id, Government(city, region_id, true));
            KC_ASSIGN_OR_RETURN(Id core_org,
                                Org(fmt::format("財団法人{}{}産業技術振興機構", place.city, suffix),
                                    fmt::format("{}{} Industrial Technology Promotion Foundation",
                                                place.city_en, suffix_en),
                                    "foundation", false, place.prefecture, region_id, "", true));

            core::Cluster cluster;
            cluster.program_id = program_id;
            cluster.name_ja = fmt::format("{}{}クラスター{}", place.city, topic.short_ja, suffix);
            cluster.name_en =
                fmt::format("{} {} Cluster{}", place.city_en, topic.short_en, suffix_en);
            cluster.field = topic.field;
            cluster.status = "full";
            cluster.phase = "synthetic";
            cluster.started_on = kClusterStart;
            cluster.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(cluster));
            core::ClusterRegion link;
            link.cluster_id = cluster.id;
            link.region_id = region_id;
            link.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(link));
            for (Id gov : {pref_id, city_id}) {
                core::ClusterGovernment cg;
                cg.cluster_id = cluster.id;
                cg.local_government_id = gov;
                cg.meta.sample = true;
                KC_RETURN_IF_ERROR(w_.Add(cg));
            }
            core::CoreOrganization co;
            co.cluster_id = cluster.id;
            co.organization_id = core_org;
            co.from_date = kClusterStart;
            co.meta.sample = true;
            KC_RETURN_IF_ERROR(w_.Add(co));

            ClusterCtx ctx;
            ctx.id = cluster.id;
            ctx.topic = topic_index;
            ctx.name = cluster.name_ja;
            ctx.kind = 'S';
            ctx.stream = 100'000 + static_cast<uint64_t>(i);
            ctx.regions.push_back(
                {region_id, region.name_ja, place.prefecture, place.city, core_org});
            int academics = static_cast<int>(rng.Between(3, 6));
            for (int a = 0; a < academics; ++a) {
                std::string name_ja, name_en;
                const char* kind = "university";
                if (a < 4) {
                    name_ja = fmt::format(fmt::runtime(kAcademicPatterns[a][0]), place.city);
                    name_en = fmt::format(fmt::runtime(kAcademicPatterns[a][1]), place.city_en);
                } else {
                    name_ja = fmt::format("{}産業技術センター", place.prefecture);
                    name_en = fmt::format("{} Industrial Technology Center", place.city_en);
                    kind = "public_institute";
                }
                KC_ASSIGN_OR_RETURN(Id id, Org(name_ja, name_en, kind, false, place.prefecture,
                                               region_id, "", true));
                ctx.academics.push_back({id, name_ja, true});
            }
            // Quotas that add up to the national totals.
            ctx.seeds_target = seeds_total * (i + 1) / count - seeds_total * i / count;
            ctx.needs_target = needs_total * (i + 1) / count - needs_total * i / count;
            ctx.people_target = people_total * (i + 1) / count - people_total * i / count;
            KC_RETURN_IF_ERROR(PopulateCluster(ctx));
        }
        return {};
    }

    Writer& w_;
    uint64_t seed_;
    int scale_;
    Id program_ = 0;
    std::map<std::string, Id> orgs_;
    std::map<std::string, Id> governments_;
    std::vector<RegionRef> region_refs_;
    std::vector<std::vector<Id>> region_govs_;
    std::vector<std::vector<OrgInfo>> region_academics_;
    std::vector<ProposalCtx> selection_;
    std::vector<size_t> proposal_of_cluster_;  // ClusterSpecs() index → selection_ index
    std::vector<ReviewerRef> reviewer_pool_;
    std::vector<Id> advisers_;
    std::vector<core::Cluster> cluster_rows_;
    std::vector<ClusterCtx> clusters_;
    std::unordered_set<std::string> company_names_;
    std::map<std::pair<std::string, int>, int64_t> application_numbers_;
    // Reused buffers.
    demo::PersonName name_;
    demo::CompanyName company_name_;
    demo::SeedText seed_text_;
    demo::NeedText need_text_;
    core::Person person_;
};

}  // namespace

Result<DemoSummary> LoadDemo(store::Store& store, const DemoOptions& options) {
    if (options.scale < 1 || options.scale > 1000) {
        return Fail(Error::InvalidArgument(
            fmt::format("--scale: expected an integer 1..1000, got {}", options.scale)));
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.Begin(store::Actor{"demo"}));
    KC_ASSIGN_OR_RETURN(int64_t programmes, tx->Count(core::Program::Def(), {}));
    if (programmes > 0) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "database is not empty: it already holds {} programme(s); load the demo into a new "
            "database (kcluster demo load --db NEW.db)",
            programmes)));
    }
    Writer writer(*tx, options, Generator::EstimateRows(options.scale));
    Generator generator(writer, options);
    KC_RETURN_IF_ERROR(generator.Run());
    KC_ASSIGN_OR_RETURN(DemoSummary summary, writer.Summary());
    KC_RETURN_IF_ERROR(tx->Commit());
    writer.Finish();
    return summary;
}

}  // namespace kc::app
