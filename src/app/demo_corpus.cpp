#include "app/demo_corpus.h"

#include <algorithm>
#include <array>

namespace kc::app::demo {
namespace {

// ---------------------------------------------------------------------------------------------
// Phrase banks, one per phase-I cluster field (order of TopicId).

std::vector<Topic> BuildTopics() {
    std::vector<Topic> topics;
    topics.reserve(kTopicCount);

    // 札幌: IT カロッツェリア (IT × design, embedded software, imaging)
    topics.push_back(Topic{
        "sapporo_it",
        "IT・デザイン",
        "IT and design",
        "it",
        {
            SeedTheme{"it",
                      {{"三次元形状モデリング", "3D shape modelling"},
                       {"並列画像処理", "parallel image processing"},
                       {"GPU実時間レンダリング", "real-time GPU rendering"}},
                      {{"工業製品の形状データ", "industrial product shape data"},
                       {"医用CT画像", "medical CT images"},
                       {"都市景観映像", "urban landscape video"}},
                      {{"高速可視化", "high-speed visualisation"},
                       {"データ圧縮", "data compression"},
                       {"高精細表示", "high-definition display"}},
                      {"画像処理", "可視化", "コンピュータグラフィックス"},
                      {"汎用のパソコンで動作する", "処理時間を従来の約5分の1に短縮できる",
                       "大容量のデータでも画質を損なわずに扱える"},
                      {"製造業の設計・検査工程", "医療画像診断の支援", "デジタルコンテンツ制作"}},
            SeedTheme{"it",
                      {{"モデル駆動開発", "model-driven development"},
                       {"軽量リアルタイムOS", "a lightweight real-time OS"},
                       {"形式検証", "formal verification"}},
                      {{"組込み機器ソフトウェア", "embedded device software"},
                       {"車載制御プログラム", "in-vehicle control programs"},
                       {"携帯端末アプリケーション", "mobile handset applications"}},
                      {{"開発効率向上", "higher development efficiency"},
                       {"品質保証", "quality assurance"},
                       {"省メモリ化", "memory reduction"}},
                      {"組込みソフトウェア", "ソフトウェア工学", "リアルタイムシステム"},
                      {"開発工数を大幅に削減できる", "少ない計算資源で動作する",
                       "既存の開発環境に組み込みやすい"},
                      {"組込み機器の開発", "車載電子機器", "携帯端末向けサービス"}},
            SeedTheme{
                "it",
                {{"無線ICタグ", "RFID tags"},
                 {"携帯電話の位置情報", "mobile-phone location data"},
                 {"画像認識", "image recognition"}},
                {{"観光情報サービス", "tourist information services"},
                 {"物流管理", "logistics management"},
                 {"冬季道路管理", "winter road management"}},
                {{"効率化", "streamlining"}, {"自動化", "automation"}, {"高度化", "enhancement"}},
                {"ユビキタス", "位置情報", "サービスデザイン"},
                {"既存システムへの組込みが容易である", "専門知識がなくても直感的に操作できる",
                 "導入・運用のコストが小さい"},
                {"観光・地域情報サービス", "物流・在庫管理", "冬季の道路維持管理"}},
        },
        {
            NeedTheme{
                0,
                {{"業務用画像検査装置", "industrial image inspection systems"},
                 {"映像編集ソフトウェア", "video editing software"},
                 {"三次元CADソフトウェア", "3D CAD software"}},
                {{"処理の高速化", "faster processing"},
                 {"操作性の向上", "better usability"},
                 {"表示品質の向上", "better display quality"}},
                {"大容量データの処理時間", "熟練者に依存した操作",
                 "複雑な形状を表示する際の画質の低下"},
                {"並列画像処理の技術", "三次元形状データの圧縮技術", "実時間レンダリングの技術"},
                {"画像処理", "ソフトウェア"}},
            NeedTheme{
                1,
                {{"車載電子機器", "in-vehicle electronics"},
                 {"産業用制御装置", "industrial controllers"},
                 {"携帯端末", "mobile handsets"}},
                {{"ソフトウェア品質の向上", "better software quality"},
                 {"開発期間の短縮", "shorter development time"},
                 {"省メモリ化", "lower memory usage"}},
                {"ソフトウェア規模の増大に伴う不具合の増加", "検証工程に要する工数",
                 "限られたメモリ資源"},
                {"形式手法による検証の知見", "モデル駆動開発の方法論", "リアルタイムOSの設計技術"},
                {"組込みソフトウェア", "品質管理"}},
            NeedTheme{2,
                      {{"観光案内システム", "tourist guide systems"},
                       {"物流管理システム", "logistics management systems"},
                       {"除雪支援システム", "snow-removal support systems"}},
                      {{"情報提供の即時化", "real-time information delivery"},
                       {"運用コストの削減", "lower operating costs"},
                       {"作業の効率化", "more efficient operations"}},
                      {"情報更新の遅れ", "人手による入力作業の負担", "冬季の現場状況の把握"},
                      {"無線ICタグの活用技術", "位置情報を用いたサービス設計の知見",
                       "画像認識の応用技術"},
                      {"情報サービス", "業務効率化"}},
        },
        {{"ソフト", "Soft"},
         {"システムズ", "Systems"},
         {"情報システム", "Information Systems"},
         {"デザイン", "Design"},
         {"ソリューションズ", "Solutions"},
         {"電子", "Electronics"}},
    });

    // 仙台: サイバーフォレスト (wireless, sensing, health-care ICT, memory devices)
    topics.push_back(Topic{
        "sendai_it",
        "情報通信・センシング",
        "ICT and sensing",
        "it",
        {
            SeedTheme{
                "it",
                {{"超高速無線通信方式", "ultra-high-speed wireless communication"},
                 {"ミリ波アンテナ", "millimetre-wave antennas"},
                 {"適応信号処理", "adaptive signal processing"}},
                {{"屋内無線ネットワーク", "indoor wireless networks"},
                 {"車車間通信", "vehicle-to-vehicle communication"},
                 {"家電機器間の通信", "communication between home appliances"}},
                {{"大容量化", "higher capacity"},
                 {"低消費電力化", "lower power consumption"},
                 {"干渉低減", "interference reduction"}},
                {"無線通信", "アンテナ", "信号処理"},
                {"既存の通信規格と互換性を保ったまま導入できる",
                 "消費電力を従来の半分以下に抑えられる", "雑音の多い環境でも安定して動作する"},
                {"次世代の無線LAN機器", "車載情報通信システム", "情報家電"}},
            SeedTheme{"it",
                      {{"小型生体センサ", "small biosensors"},
                       {"無線センサネットワーク", "wireless sensor networks"},
                       {"加速度センサ", "accelerometers"}},
                      {{"高齢者の日常生活", "daily life of elderly people"},
                       {"在宅患者の健康状態", "the health of home-care patients"},
                       {"介護施設の入居者", "residents of care facilities"}},
                      {{"常時モニタリング", "continuous monitoring"},
                       {"異常検知", "anomaly detection"},
                       {"遠隔見守り", "remote monitoring"}},
                      {"センサネットワーク", "見守り", "医療福祉"},
                      {"利用者に装着の負担をかけない", "電池交換なしで長期間動作する",
                       "異常を数秒以内に検知できる"},
                      {"高齢者の見守りサービス", "在宅医療・介護", "介護施設の安全管理"}},
            SeedTheme{"nanotech_materials",
                      {{"不揮発性メモリ素子", "non-volatile memory devices"},
                       {"スピントロニクス", "spintronics"},
                       {"薄膜磁性材料", "thin-film magnetic materials"}},
                      {{"携帯情報機器", "portable information devices"},
                       {"大容量ストレージ", "high-capacity storage"},
                       {"情報家電", "information appliances"}},
                      {{"高密度記録", "high-density recording"},
                       {"待機電力削減", "standby power reduction"},
                       {"高速書込み", "fast writing"}},
                      {"磁性材料", "メモリ", "省電力"},
                      {"電源を切ってもデータを保持できる", "部品点数が少なく量産に適している",
                       "書込み速度を従来の数倍に高められる"},
                      {"携帯情報端末", "情報家電", "大容量ストレージ装置"}},
        },
        {
            NeedTheme{
                0,
                {{"無線LAN機器", "wireless LAN equipment"},
                 {"車載通信ユニット", "in-vehicle communication units"},
                 {"家電用通信モジュール", "communication modules for appliances"}},
                {{"通信速度の向上", "higher data rates"},
                 {"消費電力の低減", "lower power consumption"},
                 {"小型化", "miniaturisation"}},
                {"混信による通信品質の低下", "電池駆動時間の短さ", "アンテナ部の大型化"},
                {"ミリ波帯アンテナの設計技術", "適応信号処理の知見", "低消費電力の無線回路技術"},
                {"無線通信", "通信機器"}},
            NeedTheme{
                1,
                {{"見守りシステム", "monitoring systems"},
                 {"在宅医療機器", "home medical devices"},
                 {"ナースコール設備", "nurse-call equipment"}},
                {{"誤報の低減", "fewer false alarms"},
                 {"装着負担の軽減", "less burdensome wearing"},
                 {"遠隔監視の実現", "remote monitoring"}},
                {"誤報の多さと異常の見逃し", "センサ装着時の利用者の負担", "遠隔地からの状態把握"},
                {"生体センサの小型化技術", "センサデータの異常検知手法",
                 "無線センサネットワークの構築技術"},
                {"見守り", "介護"}},
            NeedTheme{2,
                      {{"携帯型音楽プレーヤー", "portable music players"},
                       {"業務用データレコーダ", "professional data recorders"},
                       {"デジタル家電", "digital appliances"}},
                      {{"記録容量の拡大", "larger storage capacity"},
                       {"待機電力の削減", "lower standby power"},
                       {"書込み速度の向上", "faster writing"}},
                      {"記録容量の不足", "待機時の電力消費", "書込み速度の限界"},
                      {"不揮発性メモリの技術", "磁性薄膜の成膜技術", "スピントロニクスの応用知見"},
                      {"メモリ", "省電力"}},
        },
        {{"通信", "Communications"},
         {"電子", "Electronics"},
         {"システム", "System"},
         {"電機", "Electric"},
         {"ネットワークス", "Networks"},
         {"エレクトロニクス", "Electronics"}},
    });

    // 長野・上田: スマートデバイス (nano-carbon materials, fibres, precision fabrication)
    topics.push_back(Topic{
        "nagano_devices",
        "スマートデバイス",
        "Smart devices",
        "nanotech_materials",
        {
            SeedTheme{"nanotech_materials",
                      {{"カーボンナノチューブ", "carbon nanotubes"},
                       {"カーボンナノファイバー", "carbon nanofibres"},
                       {"ナノカーボン複合材料", "nanocarbon composites"}},
                      {{"リチウムイオン電池電極", "lithium-ion battery electrodes"},
                       {"摺動部品", "sliding parts"},
                       {"放熱部材", "heat-dissipating components"}},
                      {{"高性能化", "performance improvement"},
                       {"長寿命化", "longer service life"},
                       {"軽量化", "weight reduction"}},
                      {"ナノカーボン", "複合材料", "ナノテクノロジー"},
                      {"従来材料に比べ強度と導電性を同時に高められる", "少量の添加で効果が得られる",
                       "既存の製造設備をそのまま利用できる"},
                      {"次世代二次電池", "自動車部品", "電子機器の放熱対策"}},
            SeedTheme{"nanotech_materials",
                      {{"有機薄膜", "organic thin films"},
                       {"高分子ナノファイバー", "polymer nanofibres"},
                       {"機能性繊維", "functional fibres"}},
                      {{"フレキシブルセンサ", "flexible sensors"},
                       {"フィルター材", "filter media"},
                       {"衣料用素材", "apparel materials"}},
                      {{"高機能化", "added functionality"},
                       {"量産化", "mass production"},
                       {"低コスト製造", "low-cost manufacturing"}},
                      {"ナノファイバー", "繊維", "薄膜"},
                      {"環境負荷の小さい工程で製造できる", "量産時のコストを低く抑えられる",
                       "柔軟で軽量な素材に仕上げられる"},
                      {"高性能フィルター", "スポーツ用品・衣料", "フレキシブルセンサ"}},
            SeedTheme{"manufacturing",
                      {{"MEMS微細加工", "MEMS microfabrication"},
                       {"精密射出成形", "precision injection moulding"},
                       {"超精密切削", "ultra-precision cutting"}},
                      {{"小型モーター部品", "small motor parts"},
                       {"光学レンズ", "optical lenses"},
                       {"医療用マイクロデバイス", "medical microdevices"}},
                      {{"高精度化", "higher precision"},
                       {"小型化", "miniaturisation"},
                       {"量産化", "mass production"}},
                      {"精密加工", "MEMS", "ものづくり"},
                      {"サブミクロンの精度で加工できる", "加工工程を大幅に短縮できる",
                       "金型の寿命を延ばせる"},
                      {"精密機器部品", "医療用デバイス", "光学機器"}},
        },
        {
            NeedTheme{0,
                      {{"二次電池", "rechargeable batteries"},
                       {"自動車用樹脂部品", "automotive resin parts"},
                       {"電子機器用放熱シート", "heat-dissipation sheets for electronics"}},
                      {{"高容量化", "higher capacity"},
                       {"強度の向上", "higher strength"},
                       {"放熱性能の向上", "better heat dissipation"}},
                      {"充放電を繰り返した際の容量低下", "樹脂部品の強度不足",
                       "発熱による電子部品の寿命低下"},
                      {"カーボンナノチューブの分散技術", "ナノカーボン複合材料の成形技術",
                       "導電性・熱伝導性材料の知見"},
                      {"電池", "材料"}},
            NeedTheme{1,
                      {{"産業用フィルター", "industrial filters"},
                       {"機能性衣料", "functional clothing"},
                       {"圧力センサシート", "pressure-sensor sheets"}},
                      {{"捕集性能の向上", "better capture performance"},
                       {"快適性の向上", "greater comfort"},
                       {"薄型化", "thinner designs"}},
                      {"微粒子の捕集効率の限界", "通気性と機能性の両立", "センサの柔軟性不足"},
                      {"ナノファイバーの紡糸技術", "機能性繊維の加工技術", "有機薄膜の形成技術"},
                      {"繊維", "フィルター"}},
            NeedTheme{
                2,
                {{"精密小型モーター", "precision micro-motors"},
                 {"光学ピックアップ部品", "optical pickup parts"},
                 {"医療用カテーテル部品", "medical catheter parts"}},
                {{"加工精度の向上", "higher machining accuracy"},
                 {"小型化", "miniaturisation"},
                 {"加工コストの削減", "lower machining costs"}},
                {"微細部品の寸法ばらつき", "部品の小型化に伴う組立ての難しさ", "加工工程の多さ"},
                {"超精密加工の技術", "MEMSプロセスの知見", "精密成形の技術"},
                {"精密部品", "加工"}},
        },
        {{"精機", "Precision Machinery"},
         {"精密", "Precision"},
         {"工業", "Industries"},
         {"製作所", "Works"},
         {"化成", "Kasei"},
         {"繊維", "Textiles"}},
    });

    // 浜松: オプトロニクス (imaging, laser processing, biophotonics)
    topics.push_back(Topic{
        "hamamatsu_optronics",
        "オプトロニクス",
        "Optronics",
        "it",
        {
            SeedTheme{"it",
                      {{"高感度イメージセンサ", "high-sensitivity image sensors"},
                       {"テラヘルツ分光", "terahertz spectroscopy"},
                       {"X線イメージング", "X-ray imaging"}},
                      {{"食品中の異物", "foreign matter in food"},
                       {"電子部品の内部構造", "the internal structure of electronic components"},
                       {"医薬品錠剤", "pharmaceutical tablets"}},
                      {{"非破壊検査", "non-destructive inspection"},
                       {"高速検査", "high-speed inspection"},
                       {"高精細可視化", "high-definition visualisation"}},
                      {"イメージング", "光計測", "非破壊検査"},
                      {"従来の約10倍の感度で検出できる", "試料を破壊せずに内部を観察できる",
                       "生産ライン上でリアルタイムに画像化できる"},
                      {"食品・医薬品の品質検査", "電子部品の製造工程", "セキュリティ検査"}},
            SeedTheme{"manufacturing",
                      {{"フェムト秒レーザー", "femtosecond lasers"},
                       {"半導体レーザー", "semiconductor lasers"},
                       {"ファイバーレーザー", "fibre lasers"}},
                      {{"ガラス材料", "glass materials"},
                       {"透明樹脂", "transparent resins"},
                       {"金属薄板", "thin metal sheets"}},
                      {{"三次元微細加工", "3D micromachining"},
                       {"精密切断", "precision cutting"},
                       {"表面改質", "surface modification"}},
                      {"レーザー加工", "微細加工", "光技術"},
                      {"加工時の熱影響がほとんどない", "割れやすい材料でも欠けなく加工できる",
                       "マスクを使わずに任意の形状を加工できる"},
                      {"精密加工", "液晶・電子部品の製造", "医療機器部品"}},
            SeedTheme{"life_science",
                      {{"近赤外光計測", "near-infrared optical measurement"},
                       {"蛍光イメージング", "fluorescence imaging"},
                       {"光干渉断層法", "optical coherence tomography"}},
                      {{"脳血流", "cerebral blood flow"},
                       {"皮膚組織", "skin tissue"},
                       {"がん細胞", "cancer cells"}},
                      {{"無侵襲計測", "non-invasive measurement"},
                       {"高分解能イメージング", "high-resolution imaging"},
                       {"定量評価", "quantitative evaluation"}},
                      {"生体計測", "バイオフォトニクス", "医用光学"},
                      {"被検者に負担をかけずに測定できる", "室温で動作し冷却装置が不要である",
                       "装置を小型・低価格化できる"},
                      {"医療診断機器", "バイオ研究用の計測装置", "美容・健康機器"}},
        },
        {
            NeedTheme{
                0,
                {{"食品検査装置", "food inspection equipment"},
                 {"基板検査装置", "circuit-board inspection systems"},
                 {"医薬品製造ライン", "pharmaceutical production lines"}},
                {{"検査精度の向上", "more accurate inspection"},
                 {"全数検査の実現", "100% inspection"},
                 {"検査時間の短縮", "shorter inspection times"}},
                {"微小な異物の見逃し", "抜き取り検査に頼った品質管理", "検査工程の処理能力"},
                {"非破壊で内部を可視化する技術", "高感度な光検出技術", "テラヘルツ波の応用技術"},
                {"検査", "品質管理"}},
            NeedTheme{
                1,
                {{"レーザー加工機", "laser processing machines"},
                 {"液晶パネル製造装置", "LCD panel manufacturing equipment"},
                 {"自動車用部品", "automotive parts"}},
                {{"加工品質の向上", "better machining quality"},
                 {"タクトタイムの短縮", "shorter cycle times"},
                 {"熱影響の低減", "less thermal damage"}},
                {"加工端面の割れや欠け", "加工速度の不足", "加工時の熱による変形"},
                {"超短パルスレーザーの加工技術", "レーザー光の精密制御技術", "材料表面の改質技術"},
                {"レーザー加工", "生産技術"}},
            NeedTheme{
                2,
                {{"医療用計測機器", "medical measurement devices"},
                 {"美容機器", "cosmetic devices"},
                 {"生体検査装置", "biological testing equipment"}},
                {{"小型化", "miniaturisation"},
                 {"測定の簡便化", "simpler measurement"},
                 {"測定精度の向上", "better measurement accuracy"}},
                {"装置の大型化と高価格化", "被検者への負担", "測定値の個人差"},
                {"近赤外光による生体計測技術", "蛍光イメージングの技術", "光干渉断層法の知見"},
                {"医療機器", "生体計測"}},
        },
        {{"光学", "Optical"},
         {"光電", "Optoelectronics"},
         {"フォトニクス", "Photonics"},
         {"精機", "Precision Machinery"},
         {"電子", "Electronics"},
         {"技研", "Giken"}},
    });

    // 京都: ナノテク (electronic components, environment, medical, textiles)
    topics.push_back(Topic{
        "kyoto_nano",
        "ナノテク",
        "Nanotechnology",
        "nanotech_materials",
        {
            SeedTheme{"nanotech_materials",
                      {{"誘電体ナノ粒子", "dielectric nanoparticles"},
                       {"自己組織化単分子膜", "self-assembled monolayers"},
                       {"ナノインプリント", "nanoimprinting"}},
                      {{"積層セラミックコンデンサ", "multilayer ceramic capacitors"},
                       {"半導体配線", "semiconductor interconnects"},
                       {"光学フィルム", "optical films"}},
                      {{"微細化", "miniaturisation"},
                       {"高信頼化", "higher reliability"},
                       {"低コスト製造", "low-cost manufacturing"}},
                      {"ナノ材料", "電子部品", "表面処理"},
                      {"ナノメートル単位で構造を制御できる", "常温・常圧のプロセスで製造できる",
                       "既存の量産工程に適用しやすい"},
                      {"電子部品・半導体", "ディスプレイ部材", "光学フィルム"}},
            SeedTheme{"environment",
                      {{"光触媒ナノ材料", "photocatalytic nanomaterials"},
                       {"多孔質ナノ構造体", "porous nanostructures"},
                       {"ナノ分離膜", "nano-separation membranes"}},
                      {{"排水中の有害物質", "hazardous substances in wastewater"},
                       {"室内空気", "indoor air"},
                       {"工場排ガス", "factory exhaust gas"}},
                      {{"高効率除去", "efficient removal"},
                       {"分解処理", "decomposition"},
                       {"低エネルギー浄化", "low-energy purification"}},
                      {"環境浄化", "光触媒", "分離膜"},
                      {"有害な溶媒を使用しない", "太陽光や室内光だけで効果が得られる",
                       "少ない材料で高い効果が得られる"},
                      {"環境浄化装置", "水処理", "空気清浄機"}},
            SeedTheme{"life_science",
                      {{"生体適合性ナノ材料", "biocompatible nanomaterials"},
                       {"ナノカプセル", "nanocapsules"},
                       {"絹フィブロインナノ繊維", "silk-fibroin nanofibres"}},
                      {{"再生医療用足場材料", "scaffolds for regenerative medicine"},
                       {"薬剤", "drugs"},
                       {"創傷被覆材", "wound dressings"}},
                      {{"機能付与", "functionalisation"},
                       {"徐放制御", "controlled release"},
                       {"生体適合性向上", "better biocompatibility"}},
                      {"バイオマテリアル", "ドラッグデリバリー", "ナノ医療"},
                      {"生体に対する安全性が高い", "薬剤の放出速度を自在に制御できる",
                       "天然素材を原料にできる"},
                      {"再生医療", "医療・化粧品", "繊維製品の高機能化"}},
        },
        {
            NeedTheme{0,
                      {{"電子部品", "electronic components"},
                       {"半導体製造装置", "semiconductor manufacturing equipment"},
                       {"光学フィルム", "optical films"}},
                      {{"小型・薄型化", "smaller, thinner designs"},
                       {"歩留まりの向上", "higher yield"},
                       {"製造コストの低減", "lower production costs"}},
                      {"薄膜の均一性", "微細化に伴う歩留まりの低下", "高価な真空プロセスへの依存"},
                      {"ナノ粒子の合成・分散技術", "ナノインプリントの技術",
                       "表面処理に関するナノテクノロジーの知見"},
                      {"電子部品", "薄膜"}},
            NeedTheme{1,
                      {{"排水処理装置", "wastewater treatment equipment"},
                       {"空気清浄機", "air purifiers"},
                       {"脱臭装置", "deodorising equipment"}},
                      {{"処理能力の向上", "higher treatment capacity"},
                       {"維持管理コストの削減", "lower maintenance costs"},
                       {"省エネルギー化", "energy saving"}},
                      {"難分解性物質の処理", "フィルター交換の頻度", "運転時の電力消費"},
                      {"光触媒材料の技術", "ナノ分離膜の技術", "多孔質材料による吸着技術"},
                      {"環境", "水処理"}},
            NeedTheme{2,
                      {{"医療用材料", "medical materials"},
                       {"化粧品原料", "cosmetic ingredients"},
                       {"絹製品", "silk products"}},
                      {{"高付加価値化", "higher added value"},
                       {"機能性の向上", "better functionality"},
                       {"安全性の向上", "better safety"}},
                      {"既存製品との差別化", "有効成分の安定性", "生体への安全性の確認"},
                      {"生体適合性材料の知見", "ナノカプセル化の技術", "ナノ繊維の加工技術"},
                      {"医療材料", "化粧品"}},
        },
        {{"化学", "Chemical"},
         {"電子", "Electronics"},
         {"セラミックス", "Ceramics"},
         {"工業", "Industries"},
         {"繊維", "Textiles"},
         {"製作所", "Works"}},
    });

    // けいはんな: ヒューマンインターフェース (speech, human sensing, assistive robots)
    topics.push_back(Topic{
        "keihanna_human",
        "ヒューマンインターフェース",
        "Human interfaces",
        "it",
        {
            SeedTheme{"it",
                      {{"音声認識", "speech recognition"},
                       {"多言語機械翻訳", "multilingual machine translation"},
                       {"対話エージェント", "conversational agents"}},
                      {{"窓口案内", "front-desk guidance"},
                       {"電話応対", "telephone reception"},
                       {"観光案内", "tourist guidance"}},
                      {{"自動化", "automation"},
                       {"多言語化", "multilingual support"},
                       {"高度化", "enhancement"}},
                      {"音声言語処理", "対話システム", "機械翻訳"},
                      {"雑音の多い環境でも高い認識率を保てる", "少ない学習データで調整できる",
                       "多言語に容易に拡張できる"},
                      {"コールセンター・窓口業務", "観光案内", "多言語情報サービス"}},
            SeedTheme{"it",
                      {{"視線計測", "eye tracking"},
                       {"表情認識", "facial-expression recognition"},
                       {"脳活動計測", "brain-activity measurement"}},
                      {{"運転者の状態", "driver state"},
                       {"学習者の理解度", "learners' comprehension"},
                       {"製品の使いやすさ", "product usability"}},
                      {{"推定", "estimation"},
                       {"定量評価", "quantitative evaluation"},
                       {"可視化", "visualisation"}},
                      {"ヒューマンセンシング", "感性情報", "ユーザビリティ"},
                      {"利用者に特別な装置の装着を求めない", "人の感覚に近い評価結果が得られる",
                       "測定結果を即座に可視化できる"},
                      {"自動車の安全運転支援", "教育・学習支援", "家電製品の設計評価"}},
            SeedTheme{"manufacturing",
                      {{"生活支援ロボット", "life-support robots"},
                       {"触覚センサ", "tactile sensors"},
                       {"人間協調制御", "human-cooperative control"}},
                      {{"家事作業", "household tasks"},
                       {"介護動作", "care-giving motions"},
                       {"物体把持", "object grasping"}},
                      {{"支援", "assistance"},
                       {"安全性向上", "improved safety"},
                       {"自動化", "automation"}},
                      {"ロボット", "人間協調", "生活支援"},
                      {"安全性を確保しながら作業を支援できる", "既存の機器に後付けできる",
                       "柔らかい物でも潰さずに扱える"},
                      {"介護・福祉機器", "家庭用ロボット", "食品工場の自動化"}},
        },
        {
            NeedTheme{0,
                      {{"コールセンターシステム", "call-centre systems"},
                       {"案内端末", "information kiosks"},
                       {"翻訳ソフトウェア", "translation software"}},
                      {{"応対品質の向上", "better response quality"},
                       {"人件費の削減", "lower staff costs"},
                       {"外国語への対応", "foreign-language support"}},
                      {"雑音下での認識精度", "応対要員の確保", "訪日外国人への対応"},
                      {"音声認識の技術", "機械翻訳の技術", "対話制御の知見"},
                      {"音声", "案内"}},
            NeedTheme{1,
                      {{"運転支援装置", "driver-assistance devices"},
                       {"eラーニング教材", "e-learning materials"},
                       {"家電製品", "home appliances"}},
                      {{"安全性の向上", "better safety"},
                       {"学習効果の向上", "better learning outcomes"},
                       {"使いやすさの改善", "improved usability"}},
                      {"居眠りや脇見の検知", "学習者の理解度の把握", "使いやすさの客観的な評価"},
                      {"視線計測の技術", "表情・生体信号の解析技術", "ユーザビリティ評価の方法論"},
                      {"センシング", "評価"}},
            NeedTheme{
                2,
                {{"介護用機器", "care equipment"},
                 {"家庭用ロボット", "home robots"},
                 {"産業用ロボットハンド", "industrial robot hands"}},
                {{"安全性の確保", "ensuring safety"},
                 {"作業負担の軽減", "less physical workload"},
                 {"多品種への対応", "handling many product types"}},
                {"人と接触する際の安全性", "介護者の身体的な負担", "柔らかい物や不定形物の把持"},
                {"触覚センサの技術", "人間協調制御の技術", "ロボットの安全設計に関する知見"},
                {"ロボット", "介護"}},
        },
        {{"情報システム", "Information Systems"},
         {"ロボティクス", "Robotics"},
         {"ソフト", "Soft"},
         {"電機", "Electric"},
         {"テクノ", "Techno"},
         {"システムズ", "Systems"}},
    });

    // 大阪北部(彩都)・神戸: バイオメディカル (drug discovery, regenerative medicine, diagnosis)
    topics.push_back(Topic{
        "kansai_biomedical",
        "バイオメディカル",
        "Biomedical",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"疾患モデル動物", "disease model animals"},
                       {"ハイスループットスクリーニング", "high-throughput screening"},
                       {"抗体工学", "antibody engineering"}},
                      {{"免疫疾患", "immune diseases"},
                       {"循環器疾患", "cardiovascular diseases"},
                       {"生活習慣病", "lifestyle-related diseases"}},
                      {{"創薬標的探索", "drug-target discovery"},
                       {"治療薬候補評価", "evaluation of drug candidates"},
                       {"診断マーカー探索", "diagnostic-marker discovery"}},
                      {"創薬", "疾患モデル", "抗体"},
                      {"ヒトの病態を高い精度で再現できる", "従来法より短期間で評価できる",
                       "多数の化合物を同時に評価できる"},
                      {"新薬の開発", "創薬支援サービス", "診断薬の開発"}},
            SeedTheme{
                "life_science",
                {{"ES細胞", "embryonic stem cells"},
                 {"体性幹細胞", "somatic stem cells"},
                 {"細胞シート工学", "cell-sheet engineering"}},
                {{"心筋組織", "cardiac tissue"}, {"軟骨", "cartilage"}, {"血管", "blood vessels"}},
                {{"再生", "regeneration"},
                 {"移植用組織作製", "preparation of tissue for transplantation"},
                 {"大量培養", "large-scale culture"}},
                {"再生医療", "幹細胞", "組織工学"},
                {"拒絶反応の少ない移植が期待できる", "臨床応用を見据えた品質管理が可能である",
                 "細胞を高い生存率で培養できる"},
                {"再生医療", "細胞治療", "医療機器の開発"}},
            SeedTheme{"life_science",
                      {{"分子イメージング", "molecular imaging"},
                       {"遺伝子発現解析", "gene-expression analysis"},
                       {"臨床検体バンク", "clinical sample banks"}},
                      {{"がん", "cancer"},
                       {"脳血管障害", "cerebrovascular disease"},
                       {"糖尿病", "diabetes"}},
                      {{"早期診断", "early diagnosis"},
                       {"治療効果判定", "treatment-response assessment"},
                       {"病態解析", "pathology analysis"}},
                      {"診断", "トランスレーショナルリサーチ", "臨床研究"},
                      {"少量の検体で測定できる", "既存の検査装置で利用できる",
                       "副作用の少ない治療の選択につながる"},
                      {"臨床診断", "予防医療", "個別化医療"}},
        },
        {
            NeedTheme{
                0,
                {{"医薬品", "pharmaceuticals"},
                 {"研究用試薬", "research reagents"},
                 {"創薬支援サービス", "drug-discovery support services"}},
                {{"新薬候補の創出", "new drug candidates"},
                 {"開発期間の短縮", "shorter development periods"},
                 {"評価系の高度化", "better assay systems"}},
                {"有望な創薬標的の不足", "前臨床試験に要する期間と費用", "ヒトでの有効性の予測"},
                {"疾患モデルに関する知見", "抗体作製の技術", "高速スクリーニングの技術"},
                {"創薬", "医薬品"}},
            NeedTheme{1,
                      {{"細胞培養装置", "cell-culture equipment"},
                       {"培地", "culture media"},
                       {"医療用材料", "medical materials"}},
                      {{"培養の自動化", "automated culture"},
                       {"品質の安定化", "stable quality"},
                       {"臨床応用", "clinical application"}},
                      {"手作業による培養のばらつき", "細胞の品質評価の方法", "安全性の確保"},
                      {"幹細胞の培養技術", "細胞シート作製の技術", "再生医療の臨床研究の知見"},
                      {"再生医療", "細胞培養"}},
            NeedTheme{
                2,
                {{"画像診断装置", "diagnostic imaging equipment"},
                 {"診断薬", "diagnostic reagents"},
                 {"臨床検査サービス", "clinical testing services"}},
                {{"診断精度の向上", "better diagnostic accuracy"},
                 {"検査の迅速化", "faster testing"},
                 {"検査費用の低減", "lower testing costs"}},
                {"早期段階での検出感度", "検査結果が出るまでの時間", "高価な装置への依存"},
                {"分子イメージングの技術", "遺伝子発現解析の技術", "診断マーカーに関する知見"},
                {"診断", "臨床検査"}},
        },
        {{"製薬", "Pharmaceutical"},
         {"バイオ", "Bio"},
         {"メディカル", "Medical"},
         {"ファーマ", "Pharma"},
         {"ライフサイエンス", "Life Science"},
         {"医科器械", "Medical Instruments"}},
    });

    // 広島: バイオ (fermentation, food function, bio-sensing)
    topics.push_back(Topic{
        "hiroshima_bio",
        "バイオ",
        "Biotechnology",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"微生物発酵", "microbial fermentation"},
                       {"酵素反応", "enzymatic reactions"},
                       {"麹菌", "koji mould"}},
                      {{"醸造副産物", "brewing by-products"},
                       {"水産加工残渣", "seafood processing residues"},
                       {"柑橘果皮", "citrus peel"}},
                      {{"有用物質生産", "production of useful substances"},
                       {"高付加価値化", "value addition"},
                       {"機能性成分抽出", "extraction of functional components"}},
                      {"発酵", "酵素", "未利用資源"},
                      {"未利用資源を原料として活用できる", "製造時のエネルギー消費が少ない",
                       "地域の特産品と組み合わせやすい"},
                      {"醸造・発酵産業", "水産加工業", "化粧品原料"}},
            SeedTheme{"life_science",
                      {{"培養細胞評価系", "cultured-cell assay systems"},
                       {"腸内細菌叢解析", "gut-microbiota analysis"},
                       {"ヒト介入試験", "human intervention trials"}},
                      {{"食品成分", "food components"},
                       {"伝統食品", "traditional foods"},
                       {"牡蠣エキス", "oyster extract"}},
                      {{"機能性評価", "functional evaluation"},
                       {"安全性評価", "safety evaluation"},
                       {"作用機序解析", "analysis of mechanisms of action"}},
                      {"食品機能", "機能性食品", "健康"},
                      {"食経験のある素材を用いるため安全性が高い",
                       "機能性を科学的に裏付けるデータが得られる", "試験期間を短縮できる"},
                      {"機能性食品", "健康飲料", "特定保健用食品"}},
            SeedTheme{"life_science",
                      {{"DNAチップ", "DNA chips"},
                       {"バイオセンサ", "biosensors"},
                       {"質量分析", "mass spectrometry"}},
                      {{"食中毒菌", "food-poisoning bacteria"},
                       {"残留農薬", "pesticide residues"},
                       {"アレルゲン", "allergens"}},
                      {{"迅速検出", "rapid detection"},
                       {"高感度分析", "high-sensitivity analysis"},
                       {"現場測定", "on-site measurement"}},
                      {"食品安全", "バイオ計測", "検査"},
                      {"数時間で結果が得られる", "特別な設備を必要としない",
                       "複数の項目を同時に測定できる"},
                      {"食品の品質・衛生管理", "農産物の出荷検査", "環境モニタリング"}},
        },
        {
            NeedTheme{0,
                      {{"醤油・味噌", "soy sauce and miso"},
                       {"清酒", "sake"},
                       {"水産加工品", "processed seafood"}},
                      {{"副産物の有効活用", "using by-products"},
                       {"新商品の開発", "new products"},
                       {"品質の安定化", "stable quality"}},
                      {"製造工程で発生する副産物の処理", "商品の差別化", "発酵の季節変動"},
                      {"発酵技術の知見", "酵素利用の技術", "機能性成分の抽出技術"},
                      {"発酵", "食品"}},
            NeedTheme{
                1,
                {{"健康食品", "health foods"},
                 {"飲料", "beverages"},
                 {"加工食品", "processed foods"}},
                {{"機能性の科学的実証", "scientific proof of function"},
                 {"安全性の確認", "confirming safety"},
                 {"付加価値の向上", "higher added value"}},
                {"機能性を裏付けるデータの不足", "長期摂取時の安全性の確認", "他社製品との差別化"},
                {"細胞や動物を用いた評価技術", "ヒト試験の実施体制", "作用機序の解析技術"},
                {"機能性食品", "健康"}},
            NeedTheme{2,
                      {{"食品検査キット", "food test kits"},
                       {"衛生管理システム", "hygiene management systems"},
                       {"分析機器", "analytical instruments"}},
                      {{"検査の迅速化", "faster testing"},
                       {"検査の簡便化", "simpler testing"},
                       {"現場での測定", "on-site measurement"}},
                      {"培養検査に要する日数", "専門技術者への依存", "出荷現場での測定"},
                      {"バイオセンサの技術", "DNA検査の技術", "微量分析の知見"},
                      {"検査", "衛生管理"}},
        },
        {{"醸造", "Brewing"},
         {"食品", "Foods"},
         {"バイオ", "Bio"},
         {"酵素", "Enzymes"},
         {"水産", "Marine Products"},
         {"化学", "Chemical"}},
    });

    // 高松: 希少糖 (rare sugars)
    topics.push_back(Topic{
        "rare_sugar",
        "希少糖",
        "Rare sugars",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"異性化酵素", "isomerases"},
                       {"固定化酵素リアクター", "immobilised-enzyme reactors"},
                       {"イズモリング戦略", "the Izumoring strategy"}},
                      {{"D-プシコース", "D-psicose"},
                       {"D-アロース", "D-allose"},
                       {"希少糖混合物", "rare-sugar mixtures"}},
                      {{"大量生産", "mass production"},
                       {"高純度精製", "high-purity purification"},
                       {"低コスト生産", "low-cost production"}},
                      {"希少糖", "酵素", "糖質"},
                      {"既存の製糖設備を応用できる", "原料を安定的に確保できる",
                       "副産物が少なく収率が高い"},
                      {"甘味料", "医薬品原料", "試薬"}},
            SeedTheme{"life_science",
                      {{"代謝解析", "metabolic analysis"},
                       {"培養細胞アッセイ", "cultured-cell assays"},
                       {"動物モデル評価", "evaluation in animal models"}},
                      {{"D-プシコース", "D-psicose"},
                       {"D-アロース", "D-allose"},
                       {"希少糖含有シロップ", "rare-sugar syrup"}},
                      {{"機能性評価", "functional evaluation"},
                       {"安全性評価", "safety evaluation"},
                       {"作用機序解析", "analysis of mechanisms of action"}},
                      {"希少糖", "生理機能", "抗肥満"},
                      {"天然に存在する糖を原料とするため安全性が高い",
                       "ヒトでの効果を定量的に評価できる", "作用の仕組みを分子レベルで説明できる"},
                      {"特定保健用食品", "医薬品原料", "健康飲料"}},
            SeedTheme{"life_science",
                      {{"希少糖", "rare sugars"},
                       {"糖転移反応", "transglycosylation"},
                       {"メイラード反応", "the Maillard reaction"}},
                      {{"菓子・パン", "confectionery and bread"},
                       {"調味料", "seasonings"},
                       {"農作物", "crops"}},
                      {{"品質改良", "quality improvement"},
                       {"保存性向上", "longer shelf life"},
                       {"高付加価値化", "value addition"}},
                      {"希少糖", "食品加工", "農業"},
                      {"カロリーがほとんどない", "風味を損なわずに砂糖を代替できる",
                       "少量の配合で効果が得られる"},
                      {"低カロリー食品", "菓子・パン製造", "農業資材"}},
        },
        {
            NeedTheme{0,
                      {{"甘味料", "sweeteners"},
                       {"糖質原料", "carbohydrate raw materials"},
                       {"食品添加物", "food additives"}},
                      {{"生産コストの低減", "lower production costs"},
                       {"安定供給", "stable supply"},
                       {"高純度化", "higher purity"}},
                      {"希少糖の製造コストの高さ", "原料の安定確保", "精製工程の収率"},
                      {"酵素による糖変換技術", "連続生産プロセスの技術", "結晶化・精製の技術"},
                      {"糖質", "甘味料"}},
            NeedTheme{
                1,
                {{"特定保健用食品", "foods for specified health uses"},
                 {"健康飲料", "health drinks"},
                 {"医薬品原料", "pharmaceutical raw materials"}},
                {{"有効性の実証", "proof of efficacy"},
                 {"安全性の確認", "confirming safety"},
                 {"機能性表示の取得", "obtaining health claims"}},
                {"ヒトでの有効性データの不足", "長期摂取時の安全性", "作用機序の解明"},
                {"臨床試験の実施体制", "動物実験による評価技術", "希少糖の生理機能に関する知見"},
                {"健康食品", "生理機能"}},
            NeedTheme{
                2,
                {{"菓子", "confectionery"}, {"パン", "bread"}, {"調味料", "seasonings"}},
                {{"低カロリー化", "lower calories"},
                 {"食感の改良", "improved texture"},
                 {"日持ちの向上", "longer shelf life"}},
                {"砂糖を減らした際の風味の低下", "焼き色や食感の調整", "保存中の品質劣化"},
                {"希少糖の食品への応用技術", "糖の加工特性に関する知見", "保存性を高める技術"},
                {"食品加工", "菓子"}},
        },
        {{"食品", "Foods"},
         {"製糖", "Sugar"},
         {"バイオ", "Bio"},
         {"製菓", "Confectionery"},
         {"化学", "Chemical"},
         {"薬品", "Pharmaceuticals"}},
    });

    // 福岡・北九州: システムLSI
    topics.push_back(Topic{
        "system_lsi",
        "システムLSI",
        "System LSI",
        "it",
        {
            SeedTheme{"it",
                      {{"低消費電力回路設計", "low-power circuit design"},
                       {"高位合成", "high-level synthesis"},
                       {"再構成可能アーキテクチャ", "reconfigurable architectures"}},
                      {{"携帯機器向けSoC", "SoCs for mobile devices"},
                       {"画像処理LSI", "image-processing LSIs"},
                       {"車載マイコン", "automotive microcontrollers"}},
                      {{"低消費電力化", "lower power consumption"},
                       {"設計期間短縮", "shorter design time"},
                       {"高性能化", "higher performance"}},
                      {"システムLSI", "SoC", "回路設計"},
                      {"消費電力を従来の3分の1程度に抑えられる", "設計期間を大幅に短縮できる",
                       "チップ面積を小さくできる"},
                      {"携帯情報機器", "車載電子機器", "デジタル家電"}},
            SeedTheme{"it",
                      {{"設計検証", "design verification"},
                       {"テスト容易化設計", "design for testability"},
                       {"故障診断", "fault diagnosis"}},
                      {{"システムLSI", "system LSIs"},
                       {"混載メモリ", "embedded memory"},
                       {"アナログ・デジタル混載回路", "mixed-signal circuits"}},
                      {{"品質向上", "quality improvement"},
                       {"テストコスト削減", "test-cost reduction"},
                       {"歩留まり向上", "yield improvement"}},
                      {"LSIテスト", "設計検証", "信頼性"},
                      {"テストコストを削減できる", "既存の設計フローに組み込みやすい",
                       "不良箇所を短時間で特定できる"},
                      {"半導体の設計・検査", "LSIテスタ", "車載電子機器"}},
            SeedTheme{"it",
                      {{"画像認識LSI", "image-recognition LSIs"},
                       {"ロボット制御用プロセッサ", "robot-control processors"},
                       {"無線通信回路", "wireless communication circuits"}},
                      {{"自律移動ロボット", "autonomous mobile robots"},
                       {"監視カメラ", "surveillance cameras"},
                       {"情報家電", "information appliances"}},
                      {{"高機能化", "more functionality"},
                       {"小型化", "miniaturisation"},
                       {"リアルタイム処理", "real-time processing"}},
                      {"組込みシステム", "ロボット", "画像認識"},
                      {"リアルタイム処理が可能である", "消費電力が小さく電池で長時間動作する",
                       "部品点数を減らして小型化できる"},
                      {"ロボット", "監視・セキュリティ機器", "情報家電"}},
        },
        {
            NeedTheme{
                0,
                {{"携帯電話", "mobile phones"},
                 {"デジタルカメラ", "digital cameras"},
                 {"カーナビゲーション", "car navigation systems"}},
                {{"電池寿命の延長", "longer battery life"},
                 {"処理性能の向上", "higher processing performance"},
                 {"開発期間の短縮", "shorter development time"}},
                {"機能の増加に伴う消費電力の増大", "設計の大規模化", "短い製品サイクル"},
                {"低消費電力設計の技術", "高位合成ツールの知見", "SoCアーキテクチャの設計技術"},
                {"LSI", "低消費電力"}},
            NeedTheme{1,
                      {{"LSIテスタ", "LSI testers"},
                       {"半導体製品", "semiconductor products"},
                       {"電子機器", "electronic equipment"}},
                      {{"テスト時間の短縮", "shorter test times"},
                       {"不良解析の効率化", "more efficient failure analysis"},
                       {"品質保証の強化", "stronger quality assurance"}},
                      {"テスト工程のコスト", "不良原因の特定に要する時間", "市場での不具合"},
                      {"テスト容易化設計の技術", "故障診断の手法", "設計検証の方法論"},
                      {"テスト", "品質保証"}},
            NeedTheme{2,
                      {{"産業用ロボット", "industrial robots"},
                       {"監視カメラシステム", "surveillance camera systems"},
                       {"家電製品", "home appliances"}},
                      {{"知能化", "more intelligence"},
                       {"小型化", "miniaturisation"},
                       {"低価格化", "lower prices"}},
                      {"画像処理に必要な演算量", "制御基板の大型化", "部品コスト"},
                      {"画像認識LSIの設計技術", "組込みプロセッサの技術", "無線通信回路の設計技術"},
                      {"ロボット", "組込み"}},
        },
        {{"電子", "Electronics"},
         {"セミコンダクタ", "Semiconductor"},
         {"デバイス", "Devices"},
         {"システムズ", "Systems"},
         {"設計", "Design"},
         {"テクノロジー", "Technology"}},
    });

    // 富山・高岡: 医薬バイオ (lymphocytes, cell chips, antibodies, Kampo medicine)
    topics.push_back(Topic{
        "toyama_pharma",
        "医薬バイオ",
        "Pharma-bio",
        "life_science",
        {
            SeedTheme{
                "life_science",
                {{"細胞チップ", "cell chips"},
                 {"単一細胞解析", "single-cell analysis"},
                 {"マイクロ流路", "microfluidic channels"}},
                {{"抗原特異的リンパ球", "antigen-specific lymphocytes"},
                 {"抗体産生細胞", "antibody-producing cells"},
                 {"血中細胞", "blood cells"}},
                {{"迅速検出", "rapid detection"},
                 {"網羅的解析", "comprehensive analysis"},
                 {"高効率分取", "efficient sorting"}},
                {"細胞チップ", "リンパ球", "バイオデバイス"},
                {"1個の細胞の単位で解析できる",
                 "従来法に比べ数十倍の速さで目的の細胞を見つけられる", "少量の検体で解析できる"},
                {"臨床検査", "創薬研究用機器", "感染症対策"}},
            SeedTheme{"life_science",
                      {{"ヒト型モノクローナル抗体", "human monoclonal antibodies"},
                       {"抗体ライブラリー", "antibody libraries"},
                       {"組換えタンパク質", "recombinant proteins"}},
                      {{"感染症", "infectious diseases"},
                       {"がん", "cancer"},
                       {"アレルギー疾患", "allergic diseases"}},
                      {{"治療", "treatment"}, {"診断", "diagnosis"}, {"予防", "prevention"}},
                      {"抗体医薬", "免疫", "感染症"},
                      {"ヒトへの適用を前提とした設計である", "短期間で目的の抗体を取得できる",
                       "製造工程を簡略化できる"},
                      {"抗体医薬の開発", "診断薬", "感染症対策"}},
            SeedTheme{
                "life_science",
                {{"和漢薬成分", "Kampo medicine components"},
                 {"生薬エキス", "crude-drug extracts"},
                 {"薬物送達システム", "drug-delivery systems"}},
                {{"生活習慣病", "lifestyle-related diseases"},
                 {"認知症", "dementia"},
                 {"消化器疾患", "digestive diseases"}},
                {{"予防", "prevention"}, {"治療", "treatment"}, {"症状改善", "symptom relief"}},
                {"和漢薬", "生薬", "製剤"},
                {"伝統的な知見を科学的に裏付けられる", "副作用が少ない",
                 "有効成分を安定して配合できる"},
                {"配置薬・一般用医薬品", "健康食品", "漢方製剤"}},
        },
        {
            NeedTheme{0,
                      {{"臨床検査機器", "clinical testing equipment"},
                       {"研究用細胞解析装置", "research cell-analysis instruments"},
                       {"医療用マイクロチップ", "medical microchips"}},
                      {{"検査の迅速化", "faster testing"},
                       {"装置の小型化", "smaller instruments"},
                       {"解析精度の向上", "better analytical accuracy"}},
                      {"細胞解析に要する時間", "装置の価格と大きさ", "微量な検体での測定"},
                      {"細胞チップの技術", "マイクロ流路の加工技術", "単一細胞解析の知見"},
                      {"細胞解析", "検査機器"}},
            NeedTheme{
                1,
                {{"抗体医薬", "antibody drugs"},
                 {"診断用試薬", "diagnostic reagents"},
                 {"ワクチン関連製品", "vaccine-related products"}},
                {{"開発期間の短縮", "shorter development time"},
                 {"有効性の向上", "better efficacy"},
                 {"製造コストの低減", "lower manufacturing costs"}},
                {"有効な抗体の取得効率", "ヒトへの適用時の安全性", "製造工程の複雑さ"},
                {"ヒト型抗体の作製技術", "抗体スクリーニングの技術", "遺伝子組換えによる生産技術"},
                {"抗体", "医薬品"}},
            NeedTheme{2,
                      {{"配置薬", "household medicines (okiyaku)"},
                       {"健康食品", "health foods"},
                       {"一般用医薬品", "over-the-counter drugs"}},
                      {{"有効性の科学的検証", "scientific verification of efficacy"},
                       {"新製品の開発", "new products"},
                       {"品質の標準化", "standardised quality"}},
                      {"伝統的な処方の科学的根拠", "製品の差別化", "生薬原料の品質のばらつき"},
                      {"和漢薬の成分分析技術", "薬理評価の技術", "製剤化の技術"},
                      {"医薬品", "生薬"}},
        },
        {{"製薬", "Pharmaceutical"},
         {"薬品", "Pharmaceuticals"},
         {"バイオ", "Bio"},
         {"メディカル", "Medical"},
         {"精機", "Precision Machinery"},
         {"化学", "Chemical"}},
    });

    // 名古屋: ナノテクものづくり (plasma processing, autonomous nano-manufacturing, coatings)
    topics.push_back(Topic{
        "nagoya_nano_manufacturing",
        "ナノテクものづくり",
        "Nano-manufacturing",
        "nanotech_materials",
        {
            SeedTheme{"nanotech_materials",
                      {{"低温プラズマ", "low-temperature plasma"},
                       {"大気圧プラズマ", "atmospheric-pressure plasma"},
                       {"ラジカル制御", "radical control"}},
                      {{"半導体ウエハ", "semiconductor wafers"},
                       {"樹脂フィルム", "resin films"},
                       {"カーボンナノ材料", "carbon nanomaterials"}},
                      {{"表面処理", "surface treatment"},
                       {"高精度エッチング", "high-precision etching"},
                       {"低温合成", "low-temperature synthesis"}},
                      {"プラズマ", "ナノプロセス", "表面処理"},
                      {"常温・大気圧下で処理できる", "熱に弱い材料にも適用できる",
                       "大面積を均一に処理できる"},
                      {"半導体・電子部品の製造", "フィルム・包装材", "ナノ材料の量産"}},
            SeedTheme{"manufacturing",
                      {{"プロセスセンサ", "process sensors"},
                       {"自律制御", "autonomous control"},
                       {"知識データベース", "knowledge databases"}},
                      {{"成膜装置", "film-deposition equipment"},
                       {"エッチング装置", "etching equipment"},
                       {"製造ライン", "production lines"}},
                      {{"自律運転", "autonomous operation"},
                       {"プロセス最適化", "process optimisation"},
                       {"故障予知", "failure prediction"}},
                      {"自律型製造装置", "生産技術", "プロセス制御"},
                      {"処理条件を自動で最適化できる", "既存装置の改造で導入できる",
                       "装置の異常を事前に察知できる"},
                      {"生産設備の自動化", "半導体製造装置", "多品種少量生産"}},
            SeedTheme{"nanotech_materials",
                      {{"ナノ粒子分散", "nanoparticle dispersion"},
                       {"硬質薄膜コーティング", "hard thin-film coating"},
                       {"環境調和型材料", "environmentally friendly materials"}},
                      {{"切削工具", "cutting tools"},
                       {"自動車部品", "automotive parts"},
                       {"金型", "dies and moulds"}},
                      {{"長寿命化", "longer service life"},
                       {"低摩擦化", "lower friction"},
                       {"耐熱性向上", "better heat resistance"}},
                      {"コーティング", "トライボロジー", "ナノ材料"},
                      {"工具寿命を2倍以上に延ばせる", "有害物質を使わずに処理できる",
                       "高温環境でも性能を維持できる"},
                      {"工作機械・工具", "自動車部品", "金型"}},
        },
        {
            NeedTheme{
                0,
                {{"半導体製造装置", "semiconductor manufacturing equipment"},
                 {"フィルム製品", "film products"},
                 {"電子部品", "electronic components"}},
                {{"処理の均一化", "more uniform processing"},
                 {"処理温度の低下", "lower processing temperatures"},
                 {"加工精度の向上", "higher processing precision"}},
                {"大面積での処理の均一性", "熱に弱い材料への適用", "微細パターンの加工精度"},
                {"プラズマプロセスの技術", "ラジカル計測の技術", "低温でのナノ材料合成の知見"},
                {"プラズマ", "半導体"}},
            NeedTheme{1,
                      {{"生産設備", "production equipment"},
                       {"真空装置", "vacuum equipment"},
                       {"製造実行システム", "manufacturing execution systems"}},
                      {{"稼働率の向上", "higher utilisation"},
                       {"立ち上げ期間の短縮", "shorter ramp-up"},
                       {"熟練技能の継承", "passing on expert skills"}},
                      {"突発的な装置停止", "条件出しに要する時間", "熟練者に依存した装置調整"},
                      {"プロセスの自律制御技術", "装置の状態監視技術",
                       "製造ノウハウのデータベース化の知見"},
                      {"生産技術", "自動化"}},
            NeedTheme{
                2,
                {{"切削工具", "cutting tools"},
                 {"自動車用エンジン部品", "automotive engine parts"},
                 {"プレス金型", "press dies"}},
                {{"長寿命化", "longer life"},
                 {"摩擦損失の低減", "lower friction losses"},
                 {"環境負荷物質の削減", "fewer hazardous substances"}},
                {"工具の摩耗による交換頻度", "摺動部の摩擦損失", "有害物質を含む表面処理"},
                {"硬質膜コーティングの技術", "ナノ粒子の分散技術", "環境調和型の表面処理技術"},
                {"コーティング", "自動車部品"}},
        },
        {{"精工", "Precision"},
         {"工業", "Industries"},
         {"製作所", "Works"},
         {"機械", "Machinery"},
         {"技研", "Giken"},
         {"鉄工", "Ironworks"}},
    });

    // 徳島: 健康・医療 (proteomics, nutrition, enzymes)
    topics.push_back(Topic{
        "tokushima_health",
        "健康・医療",
        "Health and medicine",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"プロテオーム解析", "proteome analysis"},
                       {"質量分析", "mass spectrometry"},
                       {"タンパク質チップ", "protein chips"}},
                      {{"血清", "serum"}, {"尿", "urine"}, {"疾患組織", "diseased tissue"}},
                      {{"バイオマーカー探索", "biomarker discovery"},
                       {"網羅的解析", "comprehensive analysis"},
                       {"微量タンパク質定量", "quantification of trace proteins"}},
                      {"プロテオミクス", "バイオマーカー", "質量分析"},
                      {"微量の検体から多数の項目を同時に測定できる", "高感度で再現性が高い",
                       "解析を自動化できる"},
                      {"臨床検査・診断", "研究用試薬", "受託解析サービス"}},
            SeedTheme{
                "life_science",
                {{"機能性食品素材", "functional food ingredients"},
                 {"栄養介入", "nutritional intervention"},
                 {"運動療法", "exercise therapy"}},
                {{"糖尿病", "diabetes"}, {"骨粗しょう症", "osteoporosis"}, {"肥満", "obesity"}},
                {{"予防", "prevention"},
                 {"改善", "improvement"},
                 {"重症化予防", "preventing progression"}},
                {"栄養", "予防医学", "生活習慣病"},
                {"臨床データに基づいて効果を検証できる", "日常の食生活に取り入れやすい",
                 "医療費の抑制につながる"},
                {"健康食品", "予防医療", "給食・栄養指導"}},
            SeedTheme{"life_science",
                      {{"酵素工学", "enzyme engineering"},
                       {"組換えタンパク質生産", "recombinant protein production"},
                       {"構造解析", "structural analysis"}},
                      {{"医薬品原料", "pharmaceutical raw materials"},
                       {"診断用酵素", "diagnostic enzymes"},
                       {"機能性ペプチド", "functional peptides"}},
                      {{"効率的生産", "efficient production"},
                       {"安定化", "stabilisation"},
                       {"高機能化", "enhancement"}},
                      {"酵素", "タンパク質工学", "バイオプロセス"},
                      {"安定性が高く長期保存が可能である", "既存の製造設備で生産できる",
                       "高価な装置を必要としない"},
                      {"医薬品製造", "化粧品", "診断薬"}},
        },
        {
            NeedTheme{0,
                      {{"臨床検査薬", "clinical diagnostics"},
                       {"分析装置", "analytical instruments"},
                       {"受託解析サービス", "contract analysis services"}},
                      {{"検査項目の拡充", "more test items"},
                       {"測定感度の向上", "higher sensitivity"},
                       {"解析の効率化", "more efficient analysis"}},
                      {"早期診断に使えるマーカーの不足", "微量成分の測定", "解析に要する時間"},
                      {"プロテオーム解析の技術", "質量分析の知見", "バイオマーカー探索の技術"},
                      {"診断", "分析"}},
            NeedTheme{1,
                      {{"健康食品", "health foods"},
                       {"給食サービス", "meal services"},
                       {"スポーツ飲料", "sports drinks"}},
                      {{"健康機能の実証", "proof of health benefits"},
                       {"新商品の開発", "new products"},
                       {"他社製品との差別化", "differentiation"}},
                      {"効果を示す臨床データの不足", "継続して摂取しやすい商品設計",
                       "競合商品との差別化"},
                      {"栄養学的な評価の技術", "臨床研究の実施体制", "機能性素材の知見"},
                      {"健康", "食品"}},
            NeedTheme{2,
                      {{"酵素製剤", "enzyme preparations"},
                       {"医薬品中間体", "pharmaceutical intermediates"},
                       {"化粧品原料", "cosmetic ingredients"}},
                      {{"生産性の向上", "higher productivity"},
                       {"品質の安定化", "stable quality"},
                       {"新規用途の開拓", "new applications"}},
                      {"生産コスト", "酵素の安定性", "用途の広がりの乏しさ"},
                      {"酵素工学の技術", "タンパク質の生産技術", "構造解析の知見"},
                      {"酵素", "製造"}},
        },
        {{"製薬", "Pharmaceutical"},
         {"薬品", "Pharmaceuticals"},
         {"食品", "Foods"},
         {"バイオ", "Bio"},
         {"化学", "Chemical"},
         {"メディカル", "Medical"}},
    });

    // 岐阜・大垣: ロボティック先端医療
    topics.push_back(Topic{
        "gifu_robotic_medicine",
        "ロボティック先端医療",
        "Robotic advanced medicine",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"手術支援ロボット", "surgical-assistance robots"},
                       {"力覚フィードバック", "force feedback"},
                       {"マスタースレーブ制御", "master-slave control"}},
                      {{"内視鏡手術", "endoscopic surgery"},
                       {"脳神経外科手術", "neurosurgery"},
                       {"整形外科手術", "orthopaedic surgery"}},
                      {{"低侵襲化", "less invasive procedures"},
                       {"安全性向上", "improved safety"},
                       {"精度向上", "improved precision"}},
                      {"医療ロボット", "低侵襲手術", "力覚"},
                      {"医師の操作感覚を損なわずに支援できる", "患者の身体的負担を軽減できる",
                       "臨床現場での評価を経ている"},
                      {"低侵襲手術", "医療機器の開発", "遠隔医療"}},
            SeedTheme{"life_science",
                      {{"医用画像処理", "medical image processing"},
                       {"三次元画像再構成", "3D image reconstruction"},
                       {"仮想現実", "virtual reality"}},
                      {{"手術計画", "surgical planning"},
                       {"医学教育", "medical education"},
                       {"画像診断", "diagnostic imaging"}},
                      {{"支援", "support"}, {"高度化", "enhancement"}, {"効率化", "streamlining"}},
                      {"医用画像", "手術シミュレーション", "バーチャルリアリティ"},
                      {"操作の習熟が容易である", "既存の医療機器と組み合わせて使える",
                       "画像から必要な情報を自動で抽出できる"},
                      {"医学教育・トレーニング", "画像診断支援", "手術計画"}},
            SeedTheme{"life_science",
                      {{"リハビリテーションロボット", "rehabilitation robots"},
                       {"歩行解析", "gait analysis"},
                       {"筋電センサ", "EMG sensors"}},
                      {{"脳卒中患者", "stroke patients"},
                       {"高齢者", "elderly people"},
                       {"下肢障害者", "people with lower-limb disabilities"}},
                      {{"機能回復支援", "support for functional recovery"},
                       {"歩行支援", "walking assistance"},
                       {"運動機能評価", "motor-function evaluation"}},
                      {"リハビリテーション", "福祉工学", "歩行"},
                      {"効果を数値で評価できる", "装着が簡単で日常的に使える",
                       "利用者の動きに合わせて支援できる"},
                      {"リハビリテーション", "介護・福祉", "スポーツ医学"}},
        },
        {
            NeedTheme{0,
                      {{"手術器具", "surgical instruments"},
                       {"医療用ロボット", "medical robots"},
                       {"内視鏡", "endoscopes"}},
                      {{"操作性の向上", "better operability"},
                       {"安全性の向上", "better safety"},
                       {"小型化", "miniaturisation"}},
                      {"手術器具の操作の難しさ", "術者の疲労による操作ミス", "装置の大型化"},
                      {"手術支援ロボットの技術", "力覚提示の技術", "精密な機構設計の知見"},
                      {"手術", "医療機器"}},
            NeedTheme{1,
                      {{"医用画像ソフトウェア", "medical imaging software"},
                       {"手術シミュレータ", "surgical simulators"},
                       {"医療情報システム", "medical information systems"}},
                      {{"画像処理の高速化", "faster image processing"},
                       {"臨床現場での使いやすさの向上", "ease of use in clinics"},
                       {"教育効果の向上", "better training outcomes"}},
                      {"画像データの大容量化", "医師が必要とする情報の抽出", "手術手技の習得期間"},
                      {"三次元画像再構成の技術", "医用画像処理の知見", "仮想現実の応用技術"},
                      {"医用画像", "ソフトウェア"}},
            NeedTheme{
                2,
                {{"福祉機器", "assistive devices"},
                 {"リハビリ機器", "rehabilitation equipment"},
                 {"歩行補助具", "walking aids"}},
                {{"使用者の負担軽減", "less burden on users"},
                 {"効果の定量化", "quantified effects"},
                 {"低価格化", "lower prices"}},
                {"装着の煩わしさ", "リハビリ効果の客観的な評価", "機器の価格"},
                {"リハビリテーションロボットの技術", "歩行解析の手法", "筋電センサの応用技術"},
                {"福祉機器", "リハビリ"}},
        },
        {{"医科器械", "Medical Instruments"},
         {"メディカル", "Medical"},
         {"精機", "Precision Machinery"},
         {"工業", "Industries"},
         {"技研", "Giken"},
         {"ロボティクス", "Robotics"}},
    });

    // 石川: ハイテク・センシング (SQUID/MEG, brain function, machine monitoring)
    topics.push_back(Topic{
        "ishikawa_sensing",
        "ハイテクセンシング",
        "High-tech sensing",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"SQUID磁気センサ", "SQUID magnetic sensors"},
                       {"磁気シールド", "magnetic shielding"},
                       {"微弱磁場計測", "weak magnetic-field measurement"}},
                      {{"脳磁場", "brain magnetic fields"},
                       {"心臓の磁場", "cardiac magnetic fields"},
                       {"金属材料の内部欠陥", "internal defects in metals"}},
                      {{"高感度計測", "high-sensitivity measurement"},
                       {"非接触計測", "contactless measurement"},
                       {"可視化", "visualisation"}},
                      {"SQUID", "脳磁計", "磁気計測"},
                      {"被検者に触れずに計測できる", "従来の数十倍の感度を持つ",
                       "磁気シールドを簡素化できる"},
                      {"脳機能診断", "非破壊検査", "医療機器"}},
            SeedTheme{"life_science",
                      {{"生体信号処理", "biosignal processing"},
                       {"脳機能イメージング", "functional brain imaging"},
                       {"信号源推定", "signal-source estimation"}},
                      {{"認知症", "dementia"},
                       {"発達障害", "developmental disorders"},
                       {"てんかん", "epilepsy"}},
                      {{"早期診断", "early diagnosis"},
                       {"診断支援", "diagnostic support"},
                       {"客観的評価", "objective assessment"}},
                      {"脳機能", "診断支援", "信号処理"},
                      {"小児にも負担なく適用できる", "診断結果を客観的な数値で示せる",
                       "短時間で検査できる"},
                      {"脳機能診断", "発達障害の早期発見", "認知症の検診"}},
            SeedTheme{"manufacturing",
                      {{"光ファイバセンサ", "optical-fibre sensors"},
                       {"圧電センサ", "piezoelectric sensors"},
                       {"無線センシング", "wireless sensing"}},
                      {{"繊維機械", "textile machinery"},
                       {"建築構造物", "building structures"},
                       {"工作機械", "machine tools"}},
                      {{"状態監視", "condition monitoring"},
                       {"異常検知", "anomaly detection"},
                       {"高精度計測", "high-precision measurement"}},
                      {"センシング", "予知保全", "モニタリング"},
                      {"既存の機械に後付けで設置できる", "異常の兆候を早期に捉えられる",
                       "電源配線が不要である"},
                      {"機械の予知保全", "インフラの監視", "繊維産業"}},
        },
        {
            NeedTheme{0,
                      {{"生体磁気計測装置", "biomagnetic measurement systems"},
                       {"非破壊検査装置", "non-destructive testing equipment"},
                       {"磁気センサ", "magnetic sensors"}},
                      {{"装置の小型化", "smaller systems"},
                       {"測定感度の向上", "higher sensitivity"},
                       {"設置コストの削減", "lower installation costs"}},
                      {"磁気シールドルームの大きさ", "環境磁気雑音の影響",
                       "液体ヘリウムなど設置・維持の費用"},
                      {"SQUIDセンサの技術", "磁気雑音の低減技術", "微弱磁場の計測技術"},
                      {"磁気計測", "医療機器"}},
            NeedTheme{
                1,
                {{"医療診断装置", "medical diagnostic equipment"},
                 {"脳機能検査サービス", "brain-function testing services"},
                 {"診断支援ソフトウェア", "diagnostic-support software"}},
                {{"診断の客観化", "more objective diagnosis"},
                 {"検査時間の短縮", "shorter examinations"},
                 {"小児への適用", "use with children"}},
                {"医師の経験に依存した診断", "検査と解析に要する時間", "検査中の体動への対応"},
                {"脳機能イメージングの技術", "生体信号処理の知見", "信号源推定の手法"},
                {"脳機能", "診断"}},
            NeedTheme{2,
                      {{"繊維機械", "textile machinery"},
                       {"工作機械", "machine tools"},
                       {"建設機械", "construction machinery"}},
                      {{"予知保全の実現", "predictive maintenance"},
                       {"稼働率の向上", "higher availability"},
                       {"品質管理の高度化", "better quality control"}},
                      {"摩耗状態の把握", "突発的な故障による停止", "加工品質のばらつき"},
                      {"光ファイバセンサの技術", "振動・ひずみの計測技術", "無線センシングの知見"},
                      {"センサ", "保全"}},
        },
        {{"電子", "Electronics"},
         {"機械", "Machinery"},
         {"計測", "Instruments"},
         {"精機", "Precision Machinery"},
         {"工業", "Industries"},
         {"技研", "Giken"}},
    });

    // 宇部: メディカル・イノベーション (high-brightness LEDs → medical light sources)
    topics.push_back(Topic{
        "ube_medical_light",
        "医療用光源",
        "Medical light sources",
        "life_science",
        {
            SeedTheme{"life_science",
                      {{"高輝度LED", "high-brightness LEDs"},
                       {"窒化物半導体", "nitride semiconductors"},
                       {"紫外LED", "ultraviolet LEDs"}},
                      {{"手術用照明", "surgical lighting"},
                       {"内視鏡光源", "endoscope light sources"},
                       {"歯科用光照射器", "dental light-curing units"}},
                      {{"高演色化", "higher colour rendering"},
                       {"長寿命化", "longer life"},
                       {"発熱低減", "reduced heat generation"}},
                      {"LED", "医療用光源", "照明"},
                      {"従来光源に比べ消費電力を大幅に削減できる", "光源を小型化できる",
                       "照射部の発熱がほとんどない"},
                      {"医療用照明", "歯科医療", "内視鏡"}},
            SeedTheme{"life_science",
                      {{"光線力学療法", "photodynamic therapy"},
                       {"特定波長光照射", "specific-wavelength light irradiation"},
                       {"光殺菌", "optical sterilisation"}},
                      {{"皮膚疾患", "skin diseases"},
                       {"口腔内細菌", "oral bacteria"},
                       {"創傷", "wounds"}},
                      {{"治療", "treatment"},
                       {"殺菌", "sterilisation"},
                       {"治癒促進", "accelerated healing"}},
                      {"光治療", "殺菌", "医療機器"},
                      {"治療部位以外への影響が少ない", "薬剤を使わずに効果が得られる",
                       "家庭でも安全に使える"},
                      {"皮膚科治療", "歯科医療", "殺菌・衛生管理"}},
            SeedTheme{"nanotech_materials",
                      {{"結晶成長", "crystal growth"},
                       {"蛍光体材料", "phosphor materials"},
                       {"放熱基板", "heat-dissipating substrates"}},
                      {{"白色LED", "white LEDs"},
                       {"照明モジュール", "lighting modules"},
                       {"光源ユニット", "light-source units"}},
                      {{"高効率化", "higher efficiency"},
                       {"低コスト化", "lower cost"},
                       {"信頼性向上", "better reliability"}},
                      {"半導体材料", "蛍光体", "LED"},
                      {"長期間安定した発光が得られる", "既存の製造ラインを活用できる",
                       "希少な原料を使わずに製造できる"},
                      {"一般照明", "車載機器", "表示用光源"}},
        },
        {
            NeedTheme{0,
                      {{"医療用照明器具", "medical lighting fixtures"},
                       {"内視鏡システム", "endoscope systems"},
                       {"歯科用機器", "dental equipment"}},
                      {{"光源のLED化", "switching to LED light sources"},
                       {"発熱の低減", "less heat"},
                       {"長寿命化", "longer life"}},
                      {"ハロゲン光源の色再現性", "光源の発熱", "ランプの寿命と交換の手間"},
                      {"高輝度LEDの技術", "光学設計の知見", "放熱設計の技術"},
                      {"照明", "医療機器"}},
            NeedTheme{1,
                      {{"皮膚治療器", "skin-treatment devices"},
                       {"口腔ケア用品", "oral-care products"},
                       {"殺菌装置", "sterilisation equipment"}},
                      {{"治療効果の向上", "better treatment effects"},
                       {"安全性の確保", "ensuring safety"},
                       {"家庭用製品への展開", "home-use products"}},
                      {"既存治療法の効果の限界", "薬剤による副作用", "装置の価格と大きさ"},
                      {"光線力学療法の知見", "特定波長の光照射技術", "光殺菌の技術"},
                      {"光治療", "衛生"}},
            NeedTheme{2,
                      {{"LED照明", "LED lighting"},
                       {"表示用光源", "display light sources"},
                       {"車載照明", "automotive lighting"}},
                      {{"発光効率の向上", "higher luminous efficiency"},
                       {"製造コストの低減", "lower manufacturing cost"},
                       {"信頼性の向上", "higher reliability"}},
                      {"発光効率の不足", "製造工程の歩留まり", "熱による寿命低下"},
                      {"窒化物半導体の結晶成長技術", "蛍光体材料の知見", "放熱基板の技術"},
                      {"LED", "照明"}},
        },
        {{"電子", "Electronics"},
         {"光学", "Optical"},
         {"化学", "Chemical"},
         {"工業", "Industries"},
         {"メディカル", "Medical"},
         {"デバイス", "Devices"}},
    });

    return topics;
}

// ---------------------------------------------------------------------------------------------
// Names

struct NameEntry {
    const char* kanji;
    const char* kana;
    const char* romaji;  // capitalised
};

constexpr NameEntry kFamilyNames[] = {
    {"佐藤", "さとう", "Sato"},
    {"鈴木", "すずき", "Suzuki"},
    {"高橋", "たかはし", "Takahashi"},
    {"田中", "たなか", "Tanaka"},
    {"伊藤", "いとう", "Ito"},
    {"渡辺", "わたなべ", "Watanabe"},
    {"山本", "やまもと", "Yamamoto"},
    {"中村", "なかむら", "Nakamura"},
    {"小林", "こばやし", "Kobayashi"},
    {"加藤", "かとう", "Kato"},
    {"吉田", "よしだ", "Yoshida"},
    {"山田", "やまだ", "Yamada"},
    {"佐々木", "ささき", "Sasaki"},
    {"山口", "やまぐち", "Yamaguchi"},
    {"松本", "まつもと", "Matsumoto"},
    {"井上", "いのうえ", "Inoue"},
    {"木村", "きむら", "Kimura"},
    {"林", "はやし", "Hayashi"},
    {"斎藤", "さいとう", "Saito"},
    {"清水", "しみず", "Shimizu"},
    {"山崎", "やまざき", "Yamazaki"},
    {"森", "もり", "Mori"},
    {"池田", "いけだ", "Ikeda"},
    {"橋本", "はしもと", "Hashimoto"},
    {"阿部", "あべ", "Abe"},
    {"石川", "いしかわ", "Ishikawa"},
    {"山下", "やました", "Yamashita"},
    {"中島", "なかじま", "Nakajima"},
    {"石井", "いしい", "Ishii"},
    {"小川", "おがわ", "Ogawa"},
    {"前田", "まえだ", "Maeda"},
    {"岡田", "おかだ", "Okada"},
    {"長谷川", "はせがわ", "Hasegawa"},
    {"藤田", "ふじた", "Fujita"},
    {"後藤", "ごとう", "Goto"},
    {"近藤", "こんどう", "Kondo"},
    {"村上", "むらかみ", "Murakami"},
    {"遠藤", "えんどう", "Endo"},
    {"青木", "あおき", "Aoki"},
    {"坂本", "さかもと", "Sakamoto"},
    {"福田", "ふくだ", "Fukuda"},
    {"太田", "おおた", "Ota"},
    {"西村", "にしむら", "Nishimura"},
    {"藤井", "ふじい", "Fujii"},
    {"金子", "かねこ", "Kaneko"},
    {"岡本", "おかもと", "Okamoto"},
    {"藤原", "ふじわら", "Fujiwara"},
    {"中野", "なかの", "Nakano"},
    {"三浦", "みうら", "Miura"},
    {"原田", "はらだ", "Harada"},
    {"中川", "なかがわ", "Nakagawa"},
    {"松田", "まつだ", "Matsuda"},
    {"竹内", "たけうち", "Takeuchi"},
    {"小野", "おの", "Ono"},
    {"田村", "たむら", "Tamura"},
    {"中山", "なかやま", "Nakayama"},
    {"和田", "わだ", "Wada"},
    {"石田", "いしだ", "Ishida"},
    {"森田", "もりた", "Morita"},
    {"上田", "うえだ", "Ueda"},
    {"原", "はら", "Hara"},
    {"内田", "うちだ", "Uchida"},
    {"柴田", "しばた", "Shibata"},
    {"酒井", "さかい", "Sakai"},
    {"宮崎", "みやざき", "Miyazaki"},
    {"横山", "よこやま", "Yokoyama"},
    {"高木", "たかぎ", "Takagi"},
    {"安藤", "あんどう", "Ando"},
    {"宮本", "みやもと", "Miyamoto"},
    {"大野", "おおの", "Ono"},
    {"小島", "こじま", "Kojima"},
    {"谷口", "たにぐち", "Taniguchi"},
    {"工藤", "くどう", "Kudo"},
    {"高田", "たかだ", "Takada"},
    {"増田", "ますだ", "Masuda"},
    {"丸山", "まるやま", "Maruyama"},
    {"今井", "いまい", "Imai"},
    {"河野", "こうの", "Kono"},
    {"藤本", "ふじもと", "Fujimoto"},
    {"村田", "むらた", "Murata"},
    {"武田", "たけだ", "Takeda"},
    {"上野", "うえの", "Ueno"},
    {"杉山", "すぎやま", "Sugiyama"},
    {"平野", "ひらの", "Hirano"},
    {"菅原", "すがわら", "Sugawara"},
    {"久保", "くぼ", "Kubo"},
    {"千葉", "ちば", "Chiba"},
    {"松井", "まつい", "Matsui"},
    {"岩崎", "いわさき", "Iwasaki"},
    {"野口", "のぐち", "Noguchi"},
    {"大塚", "おおつか", "Otsuka"},
    {"桜井", "さくらい", "Sakurai"},
    {"菊地", "きくち", "Kikuchi"},
    {"片山", "かたやま", "Katayama"},
    {"吉川", "よしかわ", "Yoshikawa"},
    {"望月", "もちづき", "Mochizuki"},
    {"北村", "きたむら", "Kitamura"},
    {"秋山", "あきやま", "Akiyama"},
    {"服部", "はっとり", "Hattori"},
    {"野村", "のむら", "Nomura"},
    {"荒木", "あらき", "Araki"},
    {"水野", "みずの", "Mizuno"},
};

// Given names. Names of the real people in the domain notes (強, 汪芳, 昌之, 義文, 修, 賢,
// 健, 洋, 宏, 康, ...) are deliberately absent.
constexpr NameEntry kGivenNames[] = {
    {"健一", "けんいち", "Kenichi"},
    {"浩", "ひろし", "Hiroshi"},
    {"誠", "まこと", "Makoto"},
    {"隆", "たかし", "Takashi"},
    {"明", "あきら", "Akira"},
    {"聡", "さとし", "Satoshi"},
    {"博之", "ひろゆき", "Hiroyuki"},
    {"和彦", "かずひこ", "Kazuhiko"},
    {"直樹", "なおき", "Naoki"},
    {"哲也", "てつや", "Tetsuya"},
    {"秀樹", "ひでき", "Hideki"},
    {"雅人", "まさと", "Masato"},
    {"大輔", "だいすけ", "Daisuke"},
    {"健太", "けんた", "Kenta"},
    {"拓也", "たくや", "Takuya"},
    {"達也", "たつや", "Tatsuya"},
    {"光男", "みつお", "Mitsuo"},
    {"和夫", "かずお", "Kazuo"},
    {"茂", "しげる", "Shigeru"},
    {"徹", "とおる", "Toru"},
    {"勝", "まさる", "Masaru"},
    {"清", "きよし", "Kiyoshi"},
    {"進", "すすむ", "Susumu"},
    {"稔", "みのる", "Minoru"},
    {"亮", "りょう", "Ryo"},
    {"智之", "ともゆき", "Tomoyuki"},
    {"俊介", "しゅんすけ", "Shunsuke"},
    {"慎一", "しんいち", "Shinichi"},
    {"幸治", "こうじ", "Koji"},
    {"伸也", "しんや", "Shinya"},
    {"義明", "よしあき", "Yoshiaki"},
    {"康弘", "やすひろ", "Yasuhiro"},
    {"恭平", "きょうへい", "Kyohei"},
    {"良太", "りょうた", "Ryota"},
    {"正樹", "まさき", "Masaki"},
    {"克己", "かつみ", "Katsumi"},
    {"恵子", "けいこ", "Keiko"},
    {"裕子", "ゆうこ", "Yuko"},
    {"美香", "みか", "Mika"},
    {"直美", "なおみ", "Naomi"},
    {"陽子", "ようこ", "Yoko"},
    {"久美子", "くみこ", "Kumiko"},
    {"真由美", "まゆみ", "Mayumi"},
    {"由美", "ゆみ", "Yumi"},
    {"智子", "ともこ", "Tomoko"},
    {"明美", "あけみ", "Akemi"},
    {"京子", "きょうこ", "Kyoko"},
    {"奈緒子", "なおこ", "Naoko"},
    {"理恵", "りえ", "Rie"},
    {"綾", "あや", "Aya"},
    {"麻衣", "まい", "Mai"},
    {"千尋", "ちひろ", "Chihiro"},
    {"香織", "かおり", "Kaori"},
    {"美穂", "みほ", "Miho"},
};

// Real people named in the domain notes (family + given name, no space).
const std::vector<std::string_view> kRealPeople = {
    "山本強",     "白井汪芳",   "秋山昌之",     "柴田義文", "岸本忠三", "清水當尚",   "井村裕夫",
    "竹中修",     "東保喜八郎", "黒木登志夫",   "西村賢",   "何森健",   "高橋はるみ", "小川洋",
    "奥山恵美子", "上田文雄",   "大津留榮佐久", "星俊治",   "鈴木文夫", "安浦寛人",   "五十嵐靖之",
    "仁田新一",   "山西弘一",   "西川伸一",     "小畑則夫", "洞口治夫", "行本勢基",   "李瑞雪",
    "田口康",     "松島克守",   "松原宏",       "遠藤守信",
};

struct StemEntry {
    const char* ja;
    const char* en;
};

constexpr StemEntry kCompanyStems[] = {
    {"東和", "Towa"},     {"大栄", "Daiei"},   {"北斗", "Hokuto"},    {"丸三", "Marusan"},
    {"明和", "Meiwa"},    {"共栄", "Kyoei"},   {"三栄", "Sanei"},     {"永和", "Eiwa"},
    {"山和", "Yamawa"},   {"若葉", "Wakaba"},  {"青葉", "Aoba"},      {"白鳥", "Shiratori"},
    {"菱和", "Ryowa"},    {"信和", "Shinwa"},  {"昭栄", "Shoei"},     {"泉和", "Senwa"},
    {"秀和", "Shuwa"},    {"誠和", "Seiwa"},   {"弘和", "Kowa"},      {"拓洋", "Takuyo"},
    {"岳陽", "Gakuyo"},   {"緑陽", "Ryokuyo"}, {"朋和", "Howa"},      {"葵", "Aoi"},
    {"鳳", "Otori"},      {"芙蓉", "Fuyo"},    {"若竹", "Wakatake"},  {"銀河", "Ginga"},
    {"八雲", "Yakumo"},   {"常盤", "Tokiwa"},  {"千歳", "Chitose"},   {"瑞光", "Zuiko"},
    {"暁", "Akatsuki"},   {"天竜", "Tenryu"},  {"紅葉", "Momiji"},    {"桔梗", "Kikyo"},
    {"北辰", "Hokushin"}, {"光陽", "Koyo"},    {"新和", "Shinwa"},    {"協進", "Kyoshin"},
    {"三晃", "Sanko"},    {"中和", "Chuwa"},   {"清流", "Seiryu"},    {"大峰", "Omine"},
    {"朝霧", "Asagiri"},  {"碧水", "Hekisui"}, {"東雲", "Shinonome"}, {"松陽", "Shoyo"},
};

// ---------------------------------------------------------------------------------------------
// Sentence frames

void Append(std::string& out, std::string_view piece) { out.append(piece.data(), piece.size()); }

template <class... Pieces>
void AppendAll(std::string& out, const Pieces&... pieces) {
    (Append(out, std::string_view(pieces)), ...);
}

void AddKeyword(std::vector<std::string>& keywords, size_t& used, std::string_view word) {
    for (size_t i = 0; i < used; ++i) {
        if (keywords[i] == word) return;
    }
    if (used < keywords.size()) {
        keywords[used].assign(word.data(), word.size());
    } else {
        keywords.emplace_back(word);
    }
    ++used;
}

}  // namespace

uint64_t MixSeed(uint64_t seed, uint64_t stream) {
    uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

const std::vector<Topic>& Topics() {
    static const std::vector<Topic> topics = BuildTopics();
    return topics;
}

const std::vector<std::string_view>& RealPeopleNames() { return kRealPeople; }

void AppendCapitalised(std::string& out, std::string_view piece) {
    size_t start = out.size();
    Append(out, piece);
    if (start < out.size() && out[start] >= 'a' && out[start] <= 'z') {
        out[start] = static_cast<char>(out[start] - 'a' + 'A');
    }
}

void RandomPersonName(Rng& rng, PersonName& out) {
    while (true) {
        const NameEntry& family = rng.Pick(kFamilyNames);
        const NameEntry& given = rng.Pick(kGivenNames);
        out.family = family.kanji;
        out.given = given.kanji;
        std::string full = out.family + out.given;
        bool real = std::find(kRealPeople.begin(), kRealPeople.end(), full) != kRealPeople.end();
        if (real) continue;
        out.family_kana = family.kana;
        out.given_kana = given.kana;
        out.name_en.clear();
        AppendAll(out.name_en, given.romaji, " ", family.romaji);
        out.romaji_family = family.romaji;
        out.romaji_given = given.romaji;
        for (char& c : out.romaji_family)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        for (char& c : out.romaji_given)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return;
    }
}

void RandomCompanyName(Rng& rng, const Topic& topic, bool sme, CompanyName& out) {
    const StemEntry& stem = rng.Pick(kCompanyStems);
    const Phrase& suffix = rng.Pick(topic.company_suffixes);
    out.ja.clear();
    out.en.clear();
    int form = static_cast<int>(rng.Index(sme ? 10 : 2));
    if (form == 0) {
        AppendAll(out.ja, stem.ja, suffix.ja, "株式会社");
    } else if (form == 9) {
        AppendAll(out.ja, "有限会社", stem.ja, suffix.ja);
    } else {
        AppendAll(out.ja, "株式会社", stem.ja, suffix.ja);
    }
    AppendAll(out.en, stem.en, " ", suffix.en, " Co., Ltd.");
}

void RandomPatentFirmName(Rng& rng, CompanyName& out) {
    const StemEntry& stem = rng.Pick(kCompanyStems);
    out.ja.clear();
    out.en.clear();
    AppendAll(out.ja, stem.ja, "国際特許事務所");
    AppendAll(out.en, stem.en, " International Patent Office");
}

SeedPick PickSeed(Rng& rng, const Topic& topic) {
    SeedPick pick;
    pick.theme = static_cast<uint8_t>(rng.Index(topic.seed_themes.size()));
    const SeedTheme& theme = topic.seed_themes[pick.theme];
    pick.tech = static_cast<uint8_t>(rng.Index(theme.techs.size()));
    pick.object = static_cast<uint8_t>(rng.Index(theme.objects.size()));
    pick.result = static_cast<uint8_t>(rng.Index(theme.results.size()));
    return pick;
}

NeedPick PickNeed(Rng& rng, const Topic& topic) {
    NeedPick pick;
    pick.theme = static_cast<uint8_t>(rng.Index(topic.need_themes.size()));
    const NeedTheme& theme = topic.need_themes[pick.theme];
    pick.product = static_cast<uint8_t>(rng.Index(theme.products.size()));
    pick.goal = static_cast<uint8_t>(rng.Index(theme.goals.size()));
    pick.problem = pick.goal < theme.problems.size() ? pick.goal : 0;  // the goal's problem
    pick.want = static_cast<uint8_t>(rng.Index(theme.wants.size()));
    return pick;
}

void MakeSeedText(Rng& rng, const Topic& topic, const SeedPick& pick, int trl, bool english,
                  SeedText& out) {
    const SeedTheme& theme = topic.seed_themes[pick.theme];
    const Phrase& tech = theme.techs[pick.tech];
    const Phrase& object = theme.objects[pick.object];
    const Phrase& result = theme.results[pick.result];

    out.title.clear();
    switch (rng.Index(4)) {
        case 0:
            AppendAll(out.title, tech.ja, "を用いた", object.ja, "の", result.ja, "技術");
            break;
        case 1:
            AppendAll(out.title, tech.ja, "による", object.ja, "の", result.ja);
            break;
        case 2:
            AppendAll(out.title, object.ja, "の", result.ja, "に向けた", tech.ja, "の応用");
            break;
        default:
            AppendAll(out.title, tech.ja, "を活用した", object.ja, "の", result.ja, "手法");
            break;
    }
    out.title_en.clear();
    if (english) {
        AppendCapitalised(out.title_en, result.en);
        AppendAll(out.title_en, " of ", object.en, rng.Percent(50) ? " using " : " by ", tech.en);
    }

    std::string& a = out.abstract;
    a.clear();
    switch (rng.Index(4)) {
        case 0:
            AppendAll(a, "本技術は、", tech.ja, "を用いて", object.ja, "の", result.ja,
                      "を実現するものである。");
            break;
        case 1:
            AppendAll(a, tech.ja, "を応用し、", object.ja, "の", result.ja,
                      "を可能にする手法を開発した。");
            break;
        case 2:
            AppendAll(a, "当研究室では", tech.ja, "に関する研究を進めており、その成果をもとに",
                      object.ja, "の", result.ja, "技術を確立した。");
            break;
        default:
            AppendAll(a, object.ja, "の", result.ja, "は従来困難とされてきたが、本シーズでは",
                      tech.ja, "を用いることでこれを可能にした。");
            break;
    }
    size_t f1 = rng.Index(theme.features.size());
    if (rng.Percent(50)) {
        AppendAll(a, theme.features[f1], "点に特長がある。");
    } else {
        AppendAll(a, "従来技術と比べ、", theme.features[f1], "という利点がある。");
    }
    if (rng.Percent(40)) {
        size_t f2 = (f1 + 1 + rng.Index(theme.features.size() - 1)) % theme.features.size();
        AppendAll(a, "また、", theme.features[f2], "。");
    }
    size_t u1 = rng.Index(theme.uses.size());
    size_t u2 = (u1 + 1 + rng.Index(theme.uses.size() - 1)) % theme.uses.size();
    switch (rng.Index(3)) {
        case 0:
            AppendAll(a, theme.uses[u1], "や", theme.uses[u2], "への応用が期待される。");
            break;
        case 1:
            AppendAll(a, "想定用途として、", theme.uses[u1], "、", theme.uses[u2],
                      "などが挙げられる。");
            break;
        default:
            AppendAll(a, theme.uses[u1],
                      "への展開を想定しており、実用化に向けた連携先を求めている。");
            break;
    }
    if (rng.Percent(60)) {
        if (trl <= 3) {
            Append(a, "現在は原理検証の段階にあり、基礎データの蓄積を進めている。");
        } else if (trl == 4) {
            Append(a, "実験室レベルでの性能評価を終え、試作に向けた検討を進めている。");
        } else if (trl == 5) {
            Append(a, "試作品による評価を進めており、企業との共同研究により実用化を目指したい。");
        } else {
            Append(a,
                   "実環境に近い条件での実証試験を実施済みであり、製品化に向けた技術移転が可能であ"
                   "る。");
        }
    }

    size_t used = 0;
    AddKeyword(out.keywords, used, tech.ja);
    AddKeyword(out.keywords, used, object.ja);
    AddKeyword(out.keywords, used, result.ja);
    AddKeyword(out.keywords, used, rng.Pick(theme.keywords));
    if (rng.Percent(50)) AddKeyword(out.keywords, used, rng.Pick(theme.keywords));
    out.keywords.resize(used);
}

void MakeNeedText(Rng& rng, const Topic& topic, const NeedPick& pick, bool english, NeedText& out) {
    const NeedTheme& theme = topic.need_themes[pick.theme];
    const Phrase& product = theme.products[pick.product];
    const Phrase& goal = theme.goals[pick.goal];
    const char* problem = theme.problems[pick.problem];
    const char* want = theme.wants[pick.want];

    out.title.clear();
    switch (rng.Index(4)) {
        case 0:
            AppendAll(out.title, product.ja, "の", goal.ja);
            break;
        case 1:
            AppendAll(out.title, product.ja, "の", goal.ja, "に関する技術");
            break;
        case 2:
            AppendAll(out.title, goal.ja, "を実現する", product.ja, "向け技術の探索");
            break;
        default:
            AppendAll(out.title, product.ja, "における", goal.ja, "(共同研究先募集)");
            break;
    }
    out.title_en.clear();
    if (english) {
        AppendCapitalised(out.title_en, goal.en);
        AppendAll(out.title_en, " for ", product.en);
    }

    std::string& d = out.description;
    d.clear();
    switch (rng.Index(3)) {
        case 0:
            AppendAll(d, "当社では", product.ja, "を製造・販売しているが、", problem,
                      "が課題となっている。");
            break;
        case 1:
            AppendAll(d, "当社の主力製品である", product.ja, "について、", problem,
                      "が長年の課題となっている。");
            break;
        default:
            AppendAll(d, product.ja, "の市場では", goal.ja, "への要求が年々高まっており、当社でも",
                      problem, "への対応が急務である。");
            break;
    }
    if (rng.Percent(50)) {
        AppendAll(d, want, "を有する大学・公的研究機関との共同研究により、", goal.ja,
                  "を実現したい。");
    } else {
        AppendAll(d, goal.ja, "に向けて、", want,
                  "に関する知見を持つ研究者からの技術提案を求めている。");
    }
    static constexpr const char* kConditions[] = {
        "製品化の目標時期は2〜3年後を想定している。",
        "量産時のコストは現行品と同程度に抑えることが条件となる。",
        "試作品の評価には当社の生産設備を提供できる。",
        "秘密保持契約の締結後、詳細な仕様を開示できる。",
        "まずは可能性試験から始め、成果に応じて本格的な共同研究に移行したい。",
        "地域内の大学・公設試験研究機関との連携を優先したい。",
    };
    if (rng.Percent(70)) Append(d, rng.Pick(kConditions));
    if (rng.Percent(25)) Append(d, rng.Pick(kConditions));

    size_t used = 0;
    AddKeyword(out.keywords, used, product.ja);
    AddKeyword(out.keywords, used, rng.Pick(theme.keywords));
    AddKeyword(out.keywords, used, rng.Pick(topic.seed_themes[theme.seed_theme].keywords));
    if (rng.Percent(40)) AddKeyword(out.keywords, used, rng.Pick(theme.keywords));
    for (const char* word : theme.keywords) {
        if (used >= 2) break;
        AddKeyword(out.keywords, used, word);
    }
    out.keywords.resize(used);
}

void JointProjectTitle(Rng& rng, const Topic& topic, const SeedPick& seed, const NeedPick& need,
                       std::string& ja, std::string& en) {
    const SeedTheme& st = topic.seed_themes[seed.theme];
    const NeedTheme& nt = topic.need_themes[need.theme];
    const Phrase& tech = st.techs[seed.tech];
    const Phrase& product = nt.products[need.product];
    const Phrase& goal = nt.goals[need.goal];
    ja.clear();
    en.clear();
    if (rng.Percent(50)) {
        AppendAll(ja, tech.ja, "を用いた", product.ja, "の", goal.ja);
    } else {
        AppendAll(ja, product.ja, "の", goal.ja, "に関する共同研究");
    }
    AppendCapitalised(en, goal.en);
    AppendAll(en, " for ", product.en, " using ", tech.en);
}

void ResearchThemeTitle(const Topic& topic, const SeedPick& seed, std::string& ja,
                        std::string& en) {
    const SeedTheme& st = topic.seed_themes[seed.theme];
    const Phrase& tech = st.techs[seed.tech];
    const Phrase& result = st.results[seed.result];
    ja.clear();
    en.clear();
    AppendAll(ja, tech.ja, "による", result.ja, "技術の研究開発");
    AppendAll(en, "R&D on ", result.en, " using ", tech.en);
}

std::string InventionTitle(Rng& rng, const Topic& topic, const SeedPick& seed) {
    const SeedTheme& st = topic.seed_themes[seed.theme];
    const Phrase& tech = st.techs[seed.tech];
    const Phrase& object = st.objects[seed.object];
    const Phrase& result = st.results[seed.result];
    std::string title;
    switch (rng.Index(3)) {
        case 0:
            AppendAll(title, object.ja, "の", result.ja, "方法");
            break;
        case 1:
            AppendAll(title, tech.ja, "を用いた", result.ja, "方法");
            break;
        default:
            AppendAll(title, object.ja, "の", result.ja, "方法及びそのシステム");
            break;
    }
    return title;
}

std::string ProductOutcomeTitle(Rng& rng, const Topic& topic, const SeedPick& seed,
                                const NeedPick& need) {
    const NeedTheme& nt = topic.need_themes[need.theme];
    const Phrase& product = nt.products[need.product];
    const Phrase& goal = nt.goals[need.goal];
    const Phrase& tech = topic.seed_themes[seed.theme].techs[seed.tech];
    std::string title;
    if (rng.Percent(50)) {
        AppendAll(title, tech.ja, "を応用した", product.ja, "の販売開始");
    } else {
        AppendAll(title, goal.ja, "を実現した", product.ja, "を製品化");
    }
    return title;
}

std::string MatchExplanation(const Topic& topic, const SeedPick& seed, const NeedPick& need,
                             std::string_view university, std::string_view company) {
    const SeedTheme& st = topic.seed_themes[seed.theme];
    const NeedTheme& nt = topic.need_themes[need.theme];
    std::string text;
    AppendAll(text, "共通キーワード「", st.keywords[0], "」。", university, "の",
              st.techs[seed.tech].ja, "に関するシーズが、", company, "の「", nt.goals[need.goal].ja,
              "」のニーズ(求める技術: ", nt.wants[need.want], ")に対応する可能性がある。");
    return text;
}

const char* DeclineReason(Rng& rng) {
    static constexpr const char* kReasons[] = {
        "技術の成熟度が企業の求める水準に達していない",
        "費用対効果が見込めないと企業が判断した",
        "企業側の事業方針が変更された",
        "知的財産の取扱いで合意に至らなかった",
        "既存技術で対応可能と判断された",
        "研究者側の研究計画と時期が合わなかった",
    };
    return rng.Pick(kReasons);
}

std::string ActivityNote(Rng& rng, const Topic& topic, std::string_view kind,
                         std::string_view company, std::string_view university) {
    const NeedTheme& nt = rng.Pick(topic.need_themes);
    const Phrase& product = rng.Pick(nt.products);
    std::string note;
    if (kind == "visit") {
        AppendAll(note, company, "を訪問し、", product.ja,
                  "に関する技術課題についてヒアリングを行った。");
        if (rng.Percent(40)) Append(note, "ニーズ票を作成し、関連するシーズの検索を開始した。");
    } else if (kind == "meeting") {
        AppendAll(note, university, "の研究者と", company,
                  "の技術者の面談を設定し、共同研究の可能性を協議した。");
        if (rng.Percent(40)) Append(note, "次回までに試験条件の案を双方で作成することとした。");
    } else if (kind == "call") {
        AppendAll(note, company, "の担当者と、可能性試験の進め方について電話で打合せを行った。");
    } else if (kind == "forum") {
        AppendAll(note, "成果発表フォーラムに出展し、", company,
                  "ほか来場企業からの技術相談に対応した。");
    } else {
        AppendAll(note, "シーズ集の改訂に向けて、", university,
                  "の研究者に研究内容の聞き取りを行った。");
    }
    return note;
}

const std::vector<const char*>& MilestoneTitles() {
    static const std::vector<const char*> titles = {
        "要素技術の確立",
        "試作品の設計・製作",
        "試作品の性能評価",
        "ユーザー企業による実用化評価",
        "量産化に向けた技術課題の整理",
    };
    return titles;
}

void ExpertiseFor(Rng& rng, const Topic& topic, std::vector<std::string>& out) {
    const SeedTheme& theme = rng.Pick(topic.seed_themes);
    size_t used = 0;
    AddKeyword(out, used, rng.Pick(theme.keywords));
    AddKeyword(out, used, rng.Pick(theme.techs).ja);
    if (rng.Percent(60)) AddKeyword(out, used, rng.Pick(theme.keywords));
    out.resize(used);
}

}  // namespace kc::app::demo
