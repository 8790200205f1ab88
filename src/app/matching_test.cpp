// The 目利き use cases on a real store: a hand-written Japanese test set of seed–need pairs written
// the way researchers and companies actually write (different wording, full-width letters,
// half-width katakana, long-vowel variants, abbreviations), the decline rule, explanations.

#include "app/matching.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

struct Pair {
    const char* seed_title;
    const char* seed_abstract;
    const char* need_title;
    const char* need_description;
};

// Each need is answered by the seed on the same line. Sample data written for this test.
const Pair kPairs[] = {
    {"希少糖D-プシコースの酵素的大量生産法",
     "エピメラーゼを固定化したバイオリアクターにより、果糖から希少糖を連続生産する。",
     "希少糖を使った低カロリー甘味料を商品化したい",
     "当社は菓子メーカー。プシコースを原料に使いたいが、量産のめどが立たない。"},
    {"CMOSイメージセンサの高感度化技術",
     "画素構造の工夫により、暗所での撮像感度を従来比3倍に高めた。", "夜間でも使える車載カメラ",
     "ＣＭＯＳセンサを使った車載カメラで、夜間の撮像感度が不足している。"},
    {"コンピューターによる画像認識を用いた外観検査システム",
     "深層学習を用いずに少数の良品画像から傷や汚れを検出する。", "部品の外観検査を自動化したい",
     "目視で行っている外観検査を、コンピュータの画像認識で自動化できないか。"},
    {"高耐熱ポリイミドフィルムの低温成膜",
     "200℃以下でポリイミド膜を形成でき、樹脂基板上への成膜が可能になる。",
     "フレキシブル基板向けの耐熱フィルム",
     "ﾌﾚｷｼﾌﾞﾙ基板に使える耐熱性の高いﾌｨﾙﾑを探している。ポリイミド系が望ましい。"},
    {"システムLSIの低消費電力設計手法",
     "動作周波数と電源電圧を動的に制御し、待機時の消費電力を削減する。",
     "携帯機器用LSIの電池寿命を延ばしたい",
     "当社のシステムＬＳＩは消費電力が大きく、携帯機器の電池が持たない。"},
    {"サーバー負荷を分散する分散キャッシュ技術",
     "アクセス集中時にもサーバの応答時間を一定に保つキャッシュ配置法。",
     "アクセス集中でサーバが落ちる",
     "キャンペーン時にサーバーへのアクセスが集中し応答が遅くなる。負荷分散の方法を知りたい。"},
    {"ナノ粒子を用いた抗菌コーティング",
     "銀ナノ粒子を樹脂に均一分散させ、長期間の抗菌性を実現した。",
     "抗菌性のある樹脂製品を開発したい",
     "病院向けの樹脂製品に抗菌コーティングを施したい。ナノ粒子の分散技術が必要。"},
    {"光ファイバーセンサによるひずみ分布計測",
     "光ファイバに沿ったひずみを1cm間隔で連続計測できる。", "橋梁のひずみを常時監視したい",
     "老朽化した橋のひずみを光ファイバセンサで監視できないか検討している。"},
    {"MEG(脳磁計)用SQUIDセンサの小型化",
     "高温超伝導SQUIDを用い、冷却系を簡素化した脳磁計を実現する。",
     "認知症診断に使える小型の脳磁計測装置",
     "脳磁計を病院に導入したいが装置が大きい。SQUIDの小型化技術に関心がある。"},
    {"再生医療用の細胞培養足場材料", "生分解性ポリマーの多孔質足場で、軟骨細胞を立体的に培養する。",
     "培養足場の量産を検討している",
     "再生医療向けの細胞培養足場を量産したい。生分解性の材料を探している。"},
    {"タンパク質の網羅的解析(プロテオミクス)の高速化",
     "質量分析のデータ処理を並列化し、解析時間を10分の1にした。",
     "プロテオーム解析の受託を効率化したい",
     "受託でタンパク質の質量分析を行っているが、データ解析に時間がかかる。"},
    {"LED光源を用いた光線力学療法装置",
     "高輝度LEDで特定波長の光を照射し、がん細胞を選択的に治療する。", "医療用の高輝度LED照射装置",
     "光線力学療法に使えるＬＥＤ照射装置を製品化したい。"},
    {"半導体レーザーの波長安定化", "温度変化による発振波長のずれを補正する制御回路。",
     "レーザ光源の波長がずれる", "計測機器に使う半導体レーザの波長が温度で変動して困っている。"},
    {"燃料電池用電解質膜の耐久性向上", "高温運転でも劣化しにくいフッ素系電解質膜の製法。",
     "家庭用燃料電池の寿命を延ばしたい",
     "燃料電池の電解質膜が早く劣化する。耐久性の高い膜材料はないか。"},
    {"カテキンの機能性食品への応用",
     "茶カテキンの苦味を抑えた配合で、体脂肪低減効果を持つ飲料を試作した。",
     "茶を使った機能性飲料の開発",
     "地元の茶を原料に、カテキンを活かした健康飲料を作りたい。苦味が課題。"},
    {"ロボットハンドの力覚センサ", "指先に薄型の力覚センサを内蔵し、柔らかい物を潰さずにつかむ。",
     "食品を扱えるロボット",
     "柔らかい食品をつかめるロボットハンドがほしい。力覚センサの技術を探している。"},
    {"無線ICタグ(RFID)による在庫管理", "金属棚でも読み取れるRFIDタグのアンテナ設計。",
     "倉庫の在庫管理を自動化したい",
     "金属製の棚が多い倉庫で、ＲＦＩＤタグによる在庫管理を導入したい。"},
    {"有機ELディスプレイの封止技術", "薄膜封止により水分の侵入を防ぎ、有機ELの寿命を延ばす。",
     "有機EL照明の寿命が短い", "有機ＥＬ照明パネルが水分で劣化する。封止の方法を改善したい。"},
    {"ソフトウェアの自動テスト生成", "仕様から単体テストを自動生成し、テスト工数を半減させる。",
     "組込みソフトのテスト工数削減",
     "組込みソフトウェアのテストに手間がかかる。テストの自動生成ができないか。"},
    {"地震波形のリアルタイム解析", "観測点の波形から震源を数秒で推定するアルゴリズム。",
     "工場の地震対策",
     "地震の揺れが来る前に製造ラインを止めたい。地震波のリアルタイム解析に期待。"},
    {"超音波による非破壊検査", "超音波の反射波を解析し、溶接部の内部欠陥を検出する。",
     "溶接の品質検査を効率化したい",
     "溶接部の内部欠陥を壊さずに調べたい。超音波検査の精度を上げたい。"},
    {"水質浄化用の光触媒材料", "可視光でも働く酸化チタン光触媒で、排水中の有機物を分解する。",
     "工場排水の浄化コストを下げたい", "排水処理のコストが高い。光触媒で有機物を分解できないか。"},
    {"音声認識による議事録作成支援", "会議音声から話者を識別し、議事録の下書きを自動作成する。",
     "会議の議事録作りを楽にしたい", "議事録の作成に時間がかかる。音声認識で自動化したい。"},
    {"微細加工用のフェムト秒レーザー加工", "熱影響を抑えた微細穴あけ加工をガラスや樹脂に適用する。",
     "ガラスへの微細な穴あけ", "ガラス基板に微細な穴を熱割れなく開けたい。レーザ加工を検討中。"},
    {"血液検査用マイクロ流体チップ", "一滴の血液から数分で複数の項目を測定できる使い捨てチップ。",
     "診療所で使える簡易血液検査",
     "少量の血液で迅速に検査できる装置を開発したい。マイクロ流体チップに注目している。"},
    {"GPSと加速度センサによる歩行者の位置推定", "地下や屋内でも加速度センサで位置を補正し続ける。",
     "屋内で人の位置を知りたい",
     "ショッピングモールの屋内で来場者の位置を推定したい。ＧＰＳが届かない。"},
    {"植物工場のLED照明制御", "生育段階に合わせて光の波長と強さを変え、レタスの収量を2割増やした。",
     "植物工場の電気代を下げたい",
     "植物工場のＬＥＤ照明の電気代が高い。照明制御で収量を落とさずに節電したい。"},
    {"リチウムイオン電池の劣化診断", "充放電曲線から電池の劣化状態を推定する手法。",
     "中古電池の残り寿命を知りたい", "回収したリチウムイオン電池の劣化の度合いを簡単に調べたい。"},
    {"高齢者見守り用の睡眠センサ", "ベッドの下に置くセンサで呼吸と心拍を非接触で計測する。",
     "介護施設の夜間見守り",
     "夜間の見守りの負担が大きい。ベッドで睡眠中の呼吸を非接触で測れる装置がほしい。"},
    {"セルロースナノファイバーの樹脂複合材料",
     "木材由来のナノファイバーで樹脂を補強し、軽くて強い部品をつくる。", "自動車部品の軽量化",
     "樹脂部品を軽く強くしたい。セルロースナノファイバーの利用を考えている。"},
    {"データベースの全文検索高速化", "日本語の転置索引を圧縮し、検索を10倍速くした。",
     "社内文書の検索が遅い", "社内の文書データベースで日本語の全文検索に時間がかかる。"},
};

class MatchingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        temp_ = std::make_unique<testing::TempStore>("kc-matching");
        ASSERT_TRUE(temp_->ok());
        store_ = &**temp_;
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx.has_value());
        core::Program program;
        program.name_ja = "テスト事業";
        program.start_fy = {2002};
        program.end_fy = {2006};
        core::Organization university;
        university.name_ja = "テスト大学";
        university.kind = "university";
        core::Organization company = university;
        company.name_ja = "テスト株式会社";
        company.kind = "company";
        auto program_id = (*tx)->Add(program);
        auto university_id = (*tx)->Add(university);
        auto company_id = (*tx)->Add(company);
        ASSERT_TRUE(program_id && university_id && company_id);
        core::Cluster cluster;
        cluster.program_id = *program_id;
        cluster.name_ja = "テストクラスター";
        cluster.field = "other";
        cluster.status = "full";
        auto cluster_id = (*tx)->Add(cluster);
        ASSERT_TRUE(cluster_id.has_value());
        for (const Pair& pair : kPairs) {
            core::Seed seed;
            seed.cluster_id = *cluster_id;
            seed.organization_id = *university_id;
            seed.title = pair.seed_title;
            seed.abstract = pair.seed_abstract;
            seed.field = "other";
            seed.ip_status = "none";
            seed.visibility = "cluster";
            auto seed_id = (*tx)->Add(seed);
            ASSERT_TRUE(seed_id.has_value()) << seed_id.error().ToString();
            core::Need need;
            need.cluster_id = *cluster_id;
            need.organization_id = *company_id;
            need.title = pair.need_title;
            need.description = pair.need_description;
            need.field = "other";
            need.confidentiality = "cluster";
            auto need_id = (*tx)->Add(need);
            ASSERT_TRUE(need_id.has_value());
            answer_[*need_id] = *seed_id;
        }
        ASSERT_TRUE((*tx)->Commit().has_value());
    }
    void TearDown() override { temp_.reset(); }
    std::unique_ptr<testing::TempStore> temp_;
    store::Store* store_ = nullptr;
    std::map<core::Id, core::Id> answer_;  // need -> the seed that answers it
};

TEST_F(MatchingTest, TheRightSeedRanksInTheTopThreeForEveryNeed) {
    ASSERT_GE(std::size(kPairs), 30u);
    SuggestOptions options;
    options.top = 3;
    options.record = false;
    auto suggestions = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(suggestions.has_value()) << suggestions.error().ToString();
    std::map<core::Id, std::vector<core::Id>> top;
    for (const auto& s : *suggestions) top[s.need_id].push_back(s.seed_id);
    int found = 0;
    for (const auto& [need, seed] : answer_) {
        const auto& seeds = top[need];
        bool ok = std::find(seeds.begin(), seeds.end(), seed) != seeds.end();
        found += ok ? 1 : 0;
        EXPECT_TRUE(ok) << "need " << need << " (" << kPairs[need - 1].need_title << "): seed "
                        << seed << " not in the top 3";
    }
    EXPECT_EQ(found, static_cast<int>(answer_.size()));
}

TEST_F(MatchingTest, SuggestionsAreExplainedInSurfaceForms) {
    SuggestOptions options;
    options.top = 1;
    options.record = false;
    options.need_id = answer_.begin()->first;  // the rare-sugar need
    auto suggestions = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(suggestions.has_value());
    ASSERT_EQ(suggestions->size(), 1u);
    const auto& s = suggestions->front();
    EXPECT_EQ(s.seed_id, answer_.begin()->second);
    ASSERT_FALSE(s.terms.empty());
    double sum = 0;
    bool rare_sugar = false;
    for (const auto& term : s.terms) {
        sum += term.weight;
        if (term.surface.find("希少糖") != std::string::npos ||
            term.surface.find("プシコース") != std::string::npos) {
            rare_sugar = true;
        }
    }
    EXPECT_TRUE(rare_sugar);
    EXPECT_GT(sum, 0);
    EXPECT_LE(sum, s.score * (1 + 1e-9));
}

TEST_F(MatchingTest, DeclinedPairIsNotSuggestedAgainUntilATextChanges) {
    SuggestOptions options;
    options.top = 1;
    options.need_id = answer_.begin()->first;
    auto first = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(first.has_value());
    ASSERT_EQ(first->size(), 1u);
    core::Id match_id = first->front().match_id;
    core::Id seed_id = first->front().seed_id;
    ASSERT_GT(match_id, 0);

    // While suggested it is not suggested twice (other seeds may or may not score at all).
    auto again = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(again.has_value());
    for (const auto& s : *again) {
        EXPECT_NE(s.seed_id, seed_id);
        ASSERT_TRUE(DeclineMatch(*store_, {"test"}, s.match_id, "合わない").has_value());
    }
    ASSERT_TRUE(DeclineMatch(*store_, {"test"}, match_id, "予算が合わない").has_value());
    auto after_decline = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(after_decline.has_value());
    for (const auto& s : *after_decline) EXPECT_NE(s.seed_id, seed_id);

    // The need's text changes: the pair may come back.
    {
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx.has_value());
        auto need = (*tx)->Get<core::Need>(options.need_id.value());
        ASSERT_TRUE(need.has_value());
        need->description += " 希少糖の酵素生産技術を持つ大学を探している。";
        ASSERT_TRUE((*tx)->Save(*need).has_value());
        ASSERT_TRUE((*tx)->Commit().has_value());
    }
    auto after_change = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(after_change.has_value());
    ASSERT_EQ(after_change->size(), 1u);
    EXPECT_EQ(after_change->front().seed_id, seed_id);
}

TEST_F(MatchingTest, AcceptMovesTheMatchAlongItsLifecycle) {
    SuggestOptions options;
    options.top = 1;
    options.need_id = answer_.begin()->first;
    auto suggested = SuggestMatches(*store_, {"test"}, options);
    ASSERT_TRUE(suggested.has_value());
    core::Id id = suggested->front().match_id;
    ASSERT_TRUE(AcceptMatch(*store_, {"test"}, id).has_value());
    {
        auto tx = store_->Begin({"test"});
        auto match = (*tx)->Get<core::Match>(id);
        ASSERT_TRUE(match.has_value());
        EXPECT_EQ(match->status, "contacted");
    }
    // A missing match cannot be declined; a declined one cannot be accepted.
    EXPECT_FALSE(DeclineMatch(*store_, {"test"}, 999, "x").has_value());
    ASSERT_TRUE(DeclineMatch(*store_, {"test"}, id, "見送り").has_value());
    auto accepted = AcceptMatch(*store_, {"test"}, id);
    ASSERT_FALSE(accepted.has_value());
    EXPECT_EQ(accepted.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(MatchingTest, BadOptionsAreRejected) {
    SuggestOptions options;
    options.top = 0;
    EXPECT_FALSE(SuggestMatches(*store_, {"test"}, options).has_value());
    options.top = 3;
    options.need_id = 9999;
    auto missing = SuggestMatches(*store_, {"test"}, options);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(DeclineMatch(*store_, {"test"}, 1, "  ").has_value());
}

}  // namespace
}  // namespace kc::app

namespace kc::app {
namespace {

TEST(SuggestReviewers, RanksByAffinityAndNeverListsAConflictedReviewer) {
    testing::TempStore store("kc-reviewers");
    ASSERT_TRUE(store.ok());
    core::Id proposal_id = 0, conflicted_reviewer = 0;
    {
        auto tx = store->Begin({"test"});
        ASSERT_TRUE(tx.has_value());
        core::Program program;
        program.name_ja = "事業";
        program.start_fy = {2002};
        program.end_fy = {2006};
        core::Id program_id = (*tx)->Add(program).value();
        core::Call call;
        call.program_id = program_id;
        call.fiscal_year = {2001};
        call.title_ja = "公募";
        call.kind = "selection";
        call.status = "open";
        core::Id call_id = (*tx)->Add(call).value();
        core::Proposal proposal;
        proposal.call_id = call_id;
        proposal.title_ja = "希少糖の機能性食品への応用クラスター";
        proposal.field = "life_science";
        proposal.status = "submitted";
        proposal.vision = "希少糖の酵素生産と機能性食品の開発を地域の産業にする。";
        proposal_id = (*tx)->Add(proposal).value();
        const std::vector<std::vector<std::string>> expertise = {
            {"半導体", "集積回路"}, {"希少糖", "酵素", "機能性食品"}, {"希少糖", "糖質化学"}};
        for (size_t i = 0; i < expertise.size(); ++i) {
            core::Person person;
            person.family_name = "査読";
            person.given_name = std::to_string(i);
            person.expertise = expertise[i];
            core::Id person_id = (*tx)->Add(person).value();
            core::Reviewer reviewer;
            reviewer.person_id = person_id;
            reviewer.call_id = call_id;
            core::Id reviewer_id = (*tx)->Add(reviewer).value();
            if (i == 1) {
                core::Conflict conflict;
                conflict.person_id = person_id;
                conflict.proposal_id = proposal_id;
                conflict.kind = "same_organization";
                ASSERT_TRUE((*tx)->Add(conflict).has_value());
                conflicted_reviewer = reviewer_id;
            }
        }
        ASSERT_TRUE((*tx)->Commit().has_value());
    }
    auto ranked = SuggestReviewers(*store, proposal_id, 5);
    ASSERT_TRUE(ranked.has_value()) << ranked.error().ToString();
    ASSERT_EQ(ranked->size(), 2u);
    for (const auto& r : *ranked) EXPECT_NE(r.reviewer_id, conflicted_reviewer);
    EXPECT_EQ(ranked->front().name, "査読 2");  // the rare-sugar chemist
    EXPECT_GT(ranked->front().affinity, ranked->back().affinity);
    EXPECT_FALSE(SuggestReviewers(*store, 999, 5).has_value());
}

}  // namespace
}  // namespace kc::app
