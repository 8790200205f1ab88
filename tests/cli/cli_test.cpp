// The kcluster binary as users run it: global options, help, exit codes, CRUD, CP932 import,
// export/import round trips, db commands and the demo overview.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/db_fixture.h"
#include "cli/fixtures.h"
#include "cli/test_support.h"
#include "util/encoding.h"

namespace kc::testing {
namespace {

using nlohmann::json;

class CliTest : public DbFixture {
  protected:
    void SetUp() override { Seed(kBaseDataset); }
};

TEST(CliHelp, EveryCommandHasHelpWithAnExample) {
    const std::vector<std::vector<std::string>> commands = {{"overview"},
                                                            {"db", "init"},
                                                            {"db", "check"},
                                                            {"db", "backup"},
                                                            {"db", "migrate"},
                                                            {"list"},
                                                            {"show"},
                                                            {"add"},
                                                            {"update"},
                                                            {"history"},
                                                            {"import"},
                                                            {"export"},
                                                            {"demo", "load"},
                                                            {"schema", "list"},
                                                            {"schema", "show"},
                                                            {"schema", "docs"},
                                                            {"conflicts"},
                                                            {"review", "assign"},
                                                            {"review", "submit"},
                                                            {"review", "show"},
                                                            {"hearing", "score"},
                                                            {"evaluate"},
                                                            {"select"},
                                                            {"promote"},
                                                            {"grant", "award"},
                                                            {"cluster-eval", "grade"},
                                                            {"criteria", "defaults"},
                                                            {"hq", "roster"},
                                                            {"funnel"},
                                                            {"ledger"},
                                                            {"forums"},
                                                            {"project", "show"},
                                                            {"project", "gate"},
                                                            {"assign", "solve"}};
    for (auto command : commands) {
        command.push_back("--help");
        auto result = RunKcluster(command);
        EXPECT_EQ(result.exit_code, 0) << command[0];
        EXPECT_NE(result.out.find("Example"), std::string::npos) << command[0] << result.out;
    }
}

TEST(CliUsage, UsageErrorsExitWithTwo) {
    EXPECT_EQ(RunKcluster({}).exit_code, 2);
    EXPECT_EQ(RunKcluster({"list"}).exit_code, 2);
    EXPECT_EQ(RunKcluster({"list", "seed", "--no-such-option"}).exit_code, 2);
    EXPECT_EQ(RunKcluster({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(RunKcluster({"--lang", "fr", "overview"}).exit_code, 2);
}

TEST(CliUsage, MissingDatabaseSaysHowToCreateIt) {
    ScratchDir dir;
    auto result = RunKcluster({"--db", dir.Path("absent.db").string(), "overview"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("kcluster db init"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path("absent.db")));
}

TEST_F(CliTest, GlobalOptionsWorkAfterTheSubcommand) {
    auto result = RunKcluster({"list", "region", "--db", db_, "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto regions = json::parse(result.out);
    ASSERT_EQ(regions.size(), 1u);
    EXPECT_EQ(regions[0]["name_ja"], "高松");
    EXPECT_EQ(regions[0]["id"], 1);
}

TEST_F(CliTest, AddShowUpdateAndHistory) {
    auto added = Run({"add", "seed", "title=希少糖の量産技術", "organization=香川大学",
                      "field=ライフサイエンス", "trl=4", "keywords=希少糖;酵素；異性化"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_EQ(added.out, "1\n");
    auto seed = RunJson({"show", "seed", "1"});
    EXPECT_EQ(seed["organization_id"], 1);
    EXPECT_EQ(seed["field"], "life_science");
    EXPECT_EQ(seed["keywords"], json({"希少糖", "酵素", "異性化"}));
    EXPECT_EQ(seed["ip_status"], "none");

    auto updated = Run({"update", "seed", "1", "trl=5", "visibility=public"});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
    EXPECT_EQ(RunJson({"show", "seed", "1"})["trl"], 5);

    auto history = RunJson({"history", "seed", "1"});
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["action"], "insert");
    EXPECT_EQ(history[0]["actor"], "cli");
    EXPECT_EQ(history[1]["before"]["trl"], 4);
    EXPECT_EQ(history[1]["after"]["trl"], 5);

    auto shown = Run({"--lang", "ja", "show", "seed", "1"});
    EXPECT_NE(shown.out.find("香川大学"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("ライフサイエンス"), std::string::npos) << shown.out;
}

TEST_F(CliTest, ListFiltersByReferenceNameAndEnumLabel) {
    ASSERT_EQ(Run({"add", "seed", "title=a", "organization=1", "field=it"}).exit_code, 0);
    ASSERT_EQ(Run({"add", "seed", "title=b", "organization=1", "field=life_science"}).exit_code, 0);
    auto seeds = RunJson({"list", "seed", "--filter", "field=情報通信", "--filter",
                          "organization=Kagawa University"});
    ASSERT_EQ(seeds.size(), 1u);
    EXPECT_EQ(seeds[0]["title"], "a");
    auto bad = Run({"list", "seed", "--filter", "colour=red"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("colour"), std::string::npos);
}

TEST_F(CliTest, Cp932CsvWithJapaneseHeadersImports) {
    std::string utf8 =
        "シーズ名,機関,分野,技術成熟度,キーワード,概要\r\n"
        "希少糖D-プシコースの酵素生産,香川大学,ライフサイエンス,4,希少糖;酵素,"
        "\"①固定化酵素で連続生産する。\r\n㈱との共同研究を想定。\"\r\n"
        "ﾃﾞｰﾀ解析基盤,Kagawa University,情報通信,3,,\r\n";
    auto cp932 = EncodeFromUtf8(utf8, Encoding::kCp932);
    ASSERT_TRUE(cp932.has_value());
    ASSERT_FALSE(IsValidUtf8(*cp932));  // really Shift_JIS bytes
    WriteBytes(dir_.Path("技術シーズ.csv"), *cp932);
    auto result = Run({"import", dir_.Path("技術シーズ.csv").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("cp932"), std::string::npos) << result.err;
    auto seeds = RunJson({"list", "seed"});
    ASSERT_EQ(seeds.size(), 2u);
    EXPECT_EQ(seeds[0]["title"], "希少糖D-プシコースの酵素生産");
    EXPECT_EQ(seeds[0]["organization_id"], 1);
    EXPECT_EQ(seeds[0]["field"], "life_science");
    EXPECT_EQ(seeds[0]["trl"], 4);
    EXPECT_EQ(seeds[0]["abstract"], "①固定化酵素で連続生産する。\r\n㈱との共同研究を想定。");
    EXPECT_EQ(seeds[1]["title"], "ﾃﾞｰﾀ解析基盤");
    EXPECT_EQ(seeds[1]["field"], "it");
}

TEST_F(CliTest, Utf8WithBomImports) {
    WriteBytes(dir_.Path("needs.csv"),
               "\xEF\xBB\xBFtitle,company,field,confidentiality\n"
               "耐熱性の高い封止材がほしい,株式会社テスト化学,nanotech_materials,cluster\n");
    auto result = Run({"import", dir_.Path("needs.csv").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto needs = RunJson({"list", "need"});
    ASSERT_EQ(needs.size(), 1u);
    EXPECT_EQ(needs[0]["organization_id"], 2);
}

TEST_F(CliTest, JsonBundleRoundTripIsIdentical) {
    ASSERT_EQ(
        Run({"add", "seed", "title=希少糖", "organization=1", "field=life_science", "keywords=a;b"})
            .exit_code,
        0);
    ASSERT_EQ(Run({"update", "proposal", "1", "status=submitted"}).exit_code, 0);
    auto first =
        Run({"export", "--all", "--format", "json", "--out", dir_.Path("bundle.json").string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;

    std::string db2 = dir_.Path("copy.db").string();
    auto imported = RunKcluster({"--db", db2, "import", dir_.Path("bundle.json").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    auto second = RunKcluster({"--db", db2, "export", "--all", "--format", "json"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_TRUE(second.out == ReadBytes(dir_.Path("bundle.json")));
    EXPECT_EQ(RunKcluster({"--db", db2, "db", "check"}).exit_code, 0);
}

TEST_F(CliTest, CsvExportImportRoundTripIsIdentical) {
    ASSERT_EQ(Run({"add", "seed", "title=\"引用符\",カンマ", "organization=1", "field=it",
                   "abstract=一行目\n二行目"})
                  .exit_code,
              0);
    auto exported = Run({"export", "--all", "--format", "csv", "--out", dir_.Path("csv").string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    std::string db2 = dir_.Path("copy.db").string();
    ASSERT_EQ(RunKcluster({"--db", db2, "db", "init"}).exit_code, 0);
    for (const char* entity : {"program", "fiscal_budget", "region", "organization", "person",
                               "call", "proposal", "cluster", "seed"}) {
        auto path = dir_.Path("csv") / (std::string(entity) + ".csv");
        auto result = RunKcluster({"--db", db2, "import", path.string()});
        ASSERT_EQ(result.exit_code, 0) << entity << ": " << result.err;
    }
    auto a = Run({"export", "--all", "--format", "json"});
    auto b = RunKcluster({"--db", db2, "export", "--all", "--format", "json"});
    EXPECT_TRUE(a.out == b.out);
}

TEST_F(CliTest, ExportCsvWithJapaneseHeadersInCp932ReadsBack) {
    auto result = Run({"export", "--entity", "organization", "--format", "csv", "--headers", "ja",
                       "--encoding", "cp932", "--out", dir_.Path("orgs.csv").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto bytes = ReadBytes(dir_.Path("orgs.csv"));
    auto decoded = DecodeToUtf8(bytes, Encoding::kCp932);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->text.rfind("ID,機関名,機関名(英語),機関種別", 0), 0u) << decoded->text;
    EXPECT_NE(decoded->text.find("株式会社テスト化学"), std::string::npos);
}

TEST_F(CliTest, DbCommands) {
    auto check = Run({"db", "check"});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    auto migrate = Run({"db", "migrate"});
    EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
    auto backup = Run({"db", "backup", dir_.Path("backup.db").string()});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    auto regions =
        RunKcluster({"--db", dir_.Path("backup.db").string(), "--json", "list", "region"});
    EXPECT_EQ(json::parse(regions.out).size(), 1u);
    EXPECT_EQ(Run({"db", "backup", dir_.Path("backup.db").string()}).exit_code, 1);
    // Grants go to a cluster's core organisation only.
    auto not_core =
        Run({"add", "grant", "cluster=1", "organization=1", "fiscal_year=2003", "amount=1億円"});
    EXPECT_EQ(not_core.exit_code, 1);
    EXPECT_NE(not_core.err.find("organization_id: expected a core organisation of cluster 1"),
              std::string::npos)
        << not_core.err;
    ASSERT_EQ(Run({"add", "core_organization", "cluster=1", "organization=1"}).exit_code, 0);
    // A grant over the FY2003 budget of ¥7.5bn is refused, saying by how much.
    auto over = Run(
        {"add", "grant", "cluster=1", "organization=1", "fiscal_year=平成15年度", "amount=80億円"});
    EXPECT_EQ(over.exit_code, 1);
    EXPECT_NE(over.err.find("¥500,000,000 over the programme budget"), std::string::npos)
        << over.err;
    ASSERT_EQ(Run({"add", "grant", "cluster=1", "organization=1", "fiscal_year=平成15年度",
                   "amount=5億円"})
                  .exit_code,
              0);
    // A planted violation: the budget cut below the grants already made.
    ASSERT_EQ(Run({"update", "fiscal_budget", "1", "regular=1億円"}).exit_code, 0);
    auto violated = Run({"db", "check"});
    EXPECT_EQ(violated.exit_code, 1);
    EXPECT_NE(violated.out.find("grants_over_budget"), std::string::npos) << violated.out;
}

TEST_F(CliTest, ErrorsAsJsonWithJsonFlag) {
    auto result = Run({"--json", "show", "seed", "99"});
    EXPECT_EQ(result.exit_code, 1);
    auto body = json::parse(result.err, nullptr, false);
    ASSERT_TRUE(body.is_object()) << result.err;
    EXPECT_EQ(body["error"]["code"], "not_found");
}

TEST(CliDemo, LoadsTheProgrammeAndShowsTheOverview) {
    ScratchDir dir;
    std::string db = dir.Path("demo.db").string();
    auto loaded = RunKcluster({"--db", db, "demo", "load"});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    auto overview = RunKcluster({"--db", db, "--json", "overview"});
    ASSERT_EQ(overview.exit_code, 0) << overview.err;
    auto programmes = json::parse(overview.out);
    ASSERT_EQ(programmes.size(), 1u);
    EXPECT_EQ(programmes[0]["clusters_full"], 13);
    EXPECT_EQ(programmes[0]["regions_full"], 15);
    EXPECT_EQ(programmes[0]["clusters_trial"], 3);
    EXPECT_EQ(programmes[0]["promotions"], 3);
    EXPECT_EQ(programmes[0]["feasibility_studies"], 30);
    auto text = RunKcluster({"--db", db, "--lang", "ja", "overview"});
    EXPECT_NE(text.out.find("平成15年度"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("75億円"), std::string::npos) << text.out;
    EXPECT_EQ(RunKcluster({"--db", db, "db", "check"}).exit_code, 0);

    // Headquarters views on the demo: the roster, the funnel and the ledger of a cluster.
    auto roster = RunKcluster(
        {"--db", db, "--json", "hq", "roster", "--cluster", "1", "--date", "2004-04-01"});
    ASSERT_EQ(roster.exit_code, 0) << roster.err;
    auto posts = json::parse(roster.out);
    ASSERT_FALSE(posts.empty());
    EXPECT_EQ(posts[0]["role"], "director");
    auto funnel =
        RunKcluster({"--db", db, "--json", "funnel", "--cluster", "1", "--fy", "平成16年度"});
    ASSERT_EQ(funnel.exit_code, 0) << funnel.err;
    auto stages = json::parse(funnel.out)["funnel"]["stages"];
    ASSERT_EQ(stages.size(), 9u);
    EXPECT_GT(stages[0]["count"].get<int64_t>(), 0);
    EXPECT_FALSE(json::parse(funnel.out)["coordinators"].empty());
    auto ledger = RunKcluster({"--db", db, "--json", "ledger", "--cluster", "1"});
    ASSERT_EQ(ledger.exit_code, 0) << ledger.err;
    for (const auto& year : json::parse(ledger.out)) {
        EXPECT_LE(year["executed"].get<int64_t>(), year["granted"].get<int64_t>());
    }
    auto forums = RunKcluster({"--db", db, "--json", "forums", "--cluster", "1"});
    ASSERT_EQ(forums.exit_code, 0) << forums.err;
    int64_t follow_ups = 0;
    for (const auto& f : json::parse(forums.out)) follow_ups += f["follow_ups"].get<int64_t>();
    EXPECT_GT(follow_ups, 0);
    auto bad_fy = RunKcluster({"--db", db, "funnel", "--cluster", "1", "--fy", "昔"});
    EXPECT_EQ(bad_fy.exit_code, 1);
    EXPECT_NE(bad_fy.err.find("--fy"), std::string::npos) << bad_fy.err;

    // The whole demo survives an export/import round trip unchanged.
    auto bundle = RunKcluster({"--db", db, "export", "--all", "--format", "json", "--out",
                               dir.Path("demo.json").string()});
    ASSERT_EQ(bundle.exit_code, 0) << bundle.err;
    std::string db2 = dir.Path("copy.db").string();
    auto imported = RunKcluster({"--db", db2, "import", dir.Path("demo.json").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    auto again = RunKcluster({"--db", db2, "export", "--all", "--format", "json"});
    EXPECT_TRUE(again.out == ReadBytes(dir.Path("demo.json")));

    // 目利き on the demo: suggestions by cluster name, recorded, explained, declinable.
    auto suggested = RunKcluster({"--db", db2, "--json", "match", "suggest", "--cluster",
                                  "高松希少糖バイオクラスター", "--top", "1"});
    ASSERT_EQ(suggested.exit_code, 0) << suggested.err;
    auto suggestions = json::parse(suggested.out);
    ASSERT_FALSE(suggestions.empty());
    EXPECT_GT(suggestions[0]["match_id"].get<int64_t>(), 0);
    EXPECT_FALSE(suggestions[0]["terms"].empty());
    auto declined = RunKcluster({"--db", db2, "match", "decline",
                                 std::to_string(suggestions[0]["match_id"].get<int64_t>()),
                                 "--reason", "予算が合わない"});
    EXPECT_EQ(declined.exit_code, 0) << declined.err;
    auto reviewers =
        RunKcluster({"--db", db2, "--json", "match", "reviewers", "--proposal", "1", "--top", "3"});
    ASSERT_EQ(reviewers.exit_code, 0) << reviewers.err;
    EXPECT_LE(json::parse(reviewers.out).size(), 3u);
    EXPECT_EQ(RunKcluster({"--db", db2, "db", "check"}).exit_code, 0);
}

}  // namespace
}  // namespace kc::testing
