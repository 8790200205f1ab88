// The IP deadlines through the binary: `ip rules` (exact dates for a case whose priority date is
// 29 February and differs from the filing date, JSON, Japanese labels), `ip deadlines` on a small
// database (most urgent first, overdue flagged, cluster by name, the published flag), and the exit
// codes of bad input. Sample data written for this test (fictional inventions and people).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/db_fixture.h"

namespace kc::testing {
namespace {

using nlohmann::json;

constexpr const char* kPatents = R"json({
  "program": [{"id": 1, "name_ja": "テスト事業", "start_fy": 2002, "end_fy": 2006}],
  "cluster": [
    {"id": 1, "program_id": 1, "name_ja": "Aクラスター", "name_en": "Cluster A", "field": "other", "status": "full"},
    {"id": 2, "program_id": 1, "name_ja": "Bクラスター", "name_en": "Cluster B", "field": "other", "status": "full"}],
  "person": [{"id": 1, "family_name": "特許", "given_name": "太郎"}],
  "invention": [
    {"id": 1, "cluster_id": 1, "title": "光センサ", "disclosed_on": "2003-09-01", "status": "filed", "published": true},
    {"id": 2, "cluster_id": 2, "title": "希少糖の製法", "disclosed_on": "2003-08-01", "status": "filed", "published": false}],
  "patent_application": [
    {"id": 1, "invention_id": 1, "office": "jp", "application_number": "2003-300001",
     "filing_date": "2003-10-20", "status": "filed", "attorney_id": 1},
    {"id": 2, "invention_id": 2, "office": "jp", "application_number": "2003-400002",
     "filing_date": "2003-09-20", "status": "filed", "attorney_id": 1},
    {"id": 3, "invention_id": 2, "office": "jp", "application_number": "2005-400003",
     "filing_date": "2005-09-26", "status": "filed", "attorney_id": 1}]
})json";

class IpCliTest : public DbFixture {
  protected:
    void SetUp() override { Seed(kPatents); }
};

TEST_F(IpCliTest, RulesGiveExactDatesFromPriorityAndFiling) {
    auto out = RunJson({"ip", "rules", "--priority", "2004-02-29", "--filed", "2005-01-31",
                        "--office", "JP", "--today", "2005-02-01"});
    EXPECT_EQ(out["office"], "jp");
    EXPECT_EQ(out["priority"], "2004-02-29");
    const json& deadlines = out["deadlines"];
    ASSERT_EQ(deadlines.size(), 3u) << out.dump(2);
    EXPECT_EQ(deadlines[0]["key"], "paris_priority");
    EXPECT_EQ(deadlines[0]["due"], "2005-02-28");
    EXPECT_EQ(deadlines[0]["days_left"], 27);
    EXPECT_EQ(deadlines[0]["urgency"], "urgent");
    EXPECT_EQ(deadlines[0]["anchor"], "priority");
    EXPECT_EQ(deadlines[0]["source"], "paris-4c");
    EXPECT_EQ(deadlines[1]["key"], "publication");
    EXPECT_EQ(deadlines[1]["due"], "2005-08-29");
    EXPECT_EQ(deadlines[1]["kind"], "event");
    EXPECT_EQ(deadlines[2]["key"], "examination_request");
    EXPECT_EQ(deadlines[2]["due"], "2008-01-31");
    EXPECT_EQ(deadlines[2]["anchor"], "filing");

    auto pct = RunJson({"ip", "rules", "--priority", "2004-02-29", "--filed", "2005-02-28",
                        "--office", "pct", "--today", "2005-02-01"});
    ASSERT_EQ(pct["deadlines"].size(), 2u);
    EXPECT_EQ(pct["deadlines"][1]["key"], "pct_national_phase");
    EXPECT_EQ(pct["deadlines"][1]["due"], "2006-08-29");
}

TEST_F(IpCliTest, RulesListAnnuitiesAndPrintJapaneseLabels) {
    auto out = RunJson({"ip", "rules", "--filed", "2004-02-29", "--registered", "2008-02-29",
                        "--today", "2008-03-01"});
    const json& deadlines = out["deadlines"];
    ASSERT_FALSE(deadlines.empty());
    const json* year4 = nullptr;
    for (const auto& d : deadlines) {
        if (d["key"] == "annuity" && d["number"] == 4) year4 = &d;
    }
    ASSERT_NE(year4, nullptr) << out.dump(2);
    EXPECT_EQ((*year4)["due"], "2011-02-28");
    EXPECT_EQ((*year4)["grace_until"], "2011-08-28");

    auto text = Run({"--lang", "ja", "ip", "rules", "--priority", "2004-02-29", "--filed",
                     "2005-01-31", "--today", "2005-02-01"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("パリ条約優先権主張期限"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("2005-02-28"), std::string::npos);
    EXPECT_NE(text.out.find("審査請求期限"), std::string::npos);
}

TEST_F(IpCliTest, DeadlinesMostUrgentFirstWithOverdueFlagged) {
    auto out = RunJson({"ip", "deadlines", "--within", "90d", "--today", "2006-10-01"});
    ASSERT_TRUE(out.is_array());
    ASSERT_EQ(out.size(), 2u) << out.dump(2);
    // The examination request was missed 11 days ago; application 3's Paris priority window
    // lapsed on 2006-09-26 and is not listed (not filing abroad is a choice).
    EXPECT_EQ(out[0]["application_number"], "2003-400002");
    EXPECT_EQ(out[0]["key"], "examination_request");
    EXPECT_EQ(out[0]["urgency"], "overdue");
    EXPECT_EQ(out[0]["days_left"], -11);
    EXPECT_EQ(out[0]["published"], false);
    EXPECT_EQ(out[0]["attorney"], "特許 太郎");
    EXPECT_EQ(out[1]["application_number"], "2003-300001");
    EXPECT_EQ(out[1]["key"], "examination_request");
    EXPECT_EQ(out[1]["due"], "2006-10-20");
    EXPECT_EQ(out[1]["urgency"], "urgent");
    EXPECT_EQ(out[1]["cluster_name_ja"], "Aクラスター");

    auto only_a = RunJson({"ip", "deadlines", "--within", "12w", "--cluster", "Aクラスター",
                           "--today", "2006-10-01"});
    ASSERT_EQ(only_a.size(), 1u);
    EXPECT_EQ(only_a[0]["application_number"], "2003-300001");

    auto text = Run({"ip", "deadlines", "--today", "2006-10-01", "--lang", "en"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("overdue"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("no (confidential)"), std::string::npos) << text.out;
    EXPECT_NE(text.err.find("2 deadline(s)"), std::string::npos) << text.err;
}

TEST_F(IpCliTest, BadInputExitsWithAMessageNamingTheOption) {
    struct Case {
        std::vector<std::string> args;
        int exit_code;
        const char* message;
    };
    const std::vector<Case> cases = {
        {{"ip", "rules", "--priority", "2005-02-30", "--filed", "2005-03-01"},
         1,
         "--priority: expected a date YYYY-MM-DD"},
        {{"ip", "rules", "--filed", "yesterday"}, 1, "--filed: expected a date YYYY-MM-DD"},
        {{"ip", "rules", "--priority", "2005-03-02", "--filed", "2005-03-01"},
         1,
         "--priority: the priority date (2005-03-02) must not be after"},
        {{"ip", "rules", "--filed", "2005-03-01", "--office", "xx"},
         1,
         "--office: expected one of"},
        {{"ip", "rules", "--filed", "2005-03-01", "--registered", "2004-01-01"}, 1, "--registered"},
        {{"ip", "rules", "--filed", "2005-03-01", "--today", "2005-13-01"}, 1, "--today"},
        {{"ip", "rules"}, 2, "--filed"},
        {{"ip", "deadlines", "--within", "soon"}, 1, "--within: expected a number of days"},
        {{"ip", "deadlines", "--within", "-5"}, 1, "--within"},
        {{"ip", "deadlines", "--overdue", "3x"}, 1, "--overdue"},
        {{"ip", "deadlines", "--cluster", "no such cluster"}, 1, "--cluster"},
    };
    for (const auto& test_case : cases) {
        auto result = Run(test_case.args);
        std::string joined;
        for (const auto& arg : test_case.args) joined += arg + " ";
        EXPECT_EQ(result.exit_code, test_case.exit_code) << joined << result.err;
        EXPECT_NE(result.err.find(test_case.message), std::string::npos) << joined << result.err;
        EXPECT_TRUE(result.out.empty()) << joined << result.out;
    }
}

TEST_F(IpCliTest, LatePriorityClaimWarnsButStillComputes) {
    auto result = Run({"ip", "rules", "--priority", "2004-01-01", "--filed", "2005-01-02"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("out of time"), std::string::npos) << result.err;
}

constexpr const char* kLifecycle = R"json({
  "program": [{"id": 1, "name_ja": "テスト事業", "start_fy": 2002, "end_fy": 2006}],
  "fiscal_budget": [{"id": 1, "program_id": 1, "fiscal_year": 2004, "regular": 1000000000}],
  "cluster": [{"id": 1, "program_id": 1, "name_ja": "Aクラスター", "field": "other", "status": "full"}],
  "organization": [
    {"id": 1, "name_ja": "テスト大学", "kind": "university"},
    {"id": 2, "name_ja": "株式会社テスト", "kind": "company"}],
  "person": [
    {"id": 1, "family_name": "発明", "given_name": "花子", "organization_id": 1},
    {"id": 2, "family_name": "弁理", "given_name": "士郎"},
    {"id": 3, "family_name": "目利", "given_name": "三郎"}],
  "position": [
    {"id": 1, "cluster_id": 1, "person_id": 2, "role": "patent_attorney", "from_date": "2002-07-01"},
    {"id": 2, "cluster_id": 1, "person_id": 3, "role": "coordinator", "from_date": "2002-07-01"}],
  "core_organization": [{"id": 1, "cluster_id": 1, "organization_id": 1}],
  "grant": [{"id": 1, "cluster_id": 1, "organization_id": 1, "fiscal_year": 2004, "amount": 100000000, "kind": "regular"}],
  "ledger_plan": [
    {"id": 1, "grant_id": 1, "purpose": "joint_research", "amount": 60000000},
    {"id": 2, "grant_id": 1, "purpose": "ip", "amount": 10000000}]
})json";

class IpLifecycleCliTest : public DbFixture {
  protected:
    void SetUp() override { Seed(kLifecycle); }
};

TEST_F(IpLifecycleCliTest, DiscloseAssessShareFileAndShow) {
    auto disclosed = RunJson({"ip", "disclose", "--cluster", "Aクラスター", "--title",
                              "光学式の測定方法", "--inventor", "1", "--date", "2004-05-10"});
    ASSERT_EQ(disclosed["status"], "disclosed");
    std::string id = std::to_string(disclosed["invention_id"].get<int64_t>());
    auto no_inventor =
        Run({"ip", "disclose", "--cluster", "1", "--title", "x", "--inventor", "99"});
    EXPECT_EQ(no_inventor.exit_code, 1);
    EXPECT_NE(no_inventor.err.find("--inventor"), std::string::npos) << no_inventor.err;

    auto by_coordinator = Run({"ip", "assess", "--invention", id, "--adviser", "3", "--decision",
                               "file", "--date", "2004-05-20"});
    EXPECT_EQ(by_coordinator.exit_code, 1);
    EXPECT_NE(by_coordinator.err.find("--adviser"), std::string::npos) << by_coordinator.err;
    auto early = Run({"ip", "file", "--invention", id, "--office", "jp", "--filed", "2004-06-20"});
    EXPECT_EQ(early.exit_code, 1);
    EXPECT_NE(early.err.find("not assessed"), std::string::npos) << early.err;
    auto assessed = Run({"ip", "assess", "--invention", id, "--adviser", "2", "--decision", "file",
                         "--note", "新規性あり", "--date", "2004-05-20"});
    ASSERT_EQ(assessed.exit_code, 0) << assessed.err;

    auto bad_shares =
        Run({"ip", "applicants", "--invention", id, "--set", "1=60", "--set", "2=30"});
    EXPECT_EQ(bad_shares.exit_code, 1);
    EXPECT_NE(bad_shares.err.find("--set"), std::string::npos) << bad_shares.err;
    auto shares =
        RunJson({"ip", "applicants", "--invention", id, "--set", "テスト大学=70", "--set", "2=30"});
    EXPECT_EQ(shares["applicants"].size(), 2u);

    auto filed = RunJson({"ip", "file", "--invention", id, "--office", "JP", "--filed",
                          "2004-06-20", "--number", "2004-123456"});
    EXPECT_EQ(filed["office"], "jp");
    auto bad_office =
        Run({"ip", "file", "--invention", id, "--office", "mars", "--filed", "2004-07-01"});
    EXPECT_EQ(bad_office.exit_code, 1);
    EXPECT_NE(bad_office.err.find("--office"), std::string::npos) << bad_office.err;

    auto shown = RunJson({"ip", "show", "--invention", id, "--today", "2004-07-01"});
    EXPECT_EQ(shown["status"], "filed");
    ASSERT_EQ(shown["history"].size(), 3u) << shown.dump(2);
    EXPECT_EQ(shown["history"][1]["status"], "assessed");
    ASSERT_EQ(shown["applicants"].size(), 2u);
    EXPECT_EQ(shown["applicants"][0]["share_percent"], 70.0);
    ASSERT_EQ(shown["applications"].size(), 1u);
    EXPECT_FALSE(shown["deadlines"].empty());
    auto text = Run({"--lang", "ja", "ip", "show", "--invention", id, "--today", "2004-07-01"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("共同出願人"), std::string::npos) << text.out;
    // Unpublished: a company does not see it, its inventor does.
    auto company = Run({"ip", "show", "--invention", id, "--role", "company"});
    EXPECT_EQ(company.exit_code, 1);
    auto inventor = Run({"ip", "show", "--invention", id, "--role", "researcher", "--as", "1"});
    EXPECT_EQ(inventor.exit_code, 0) << inventor.err;
}

TEST_F(IpLifecycleCliTest, LedgerShowsPlannedExecutedAndTheCarryOverRule) {
    auto added = Run({"add", "ledger_entry", "grant_id=1", "entry_date=2004-06-01",
                      "amount=4500万円", "category=research", "purpose=joint_research"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto no_purpose = Run({"add", "ledger_entry", "grant_id=1", "entry_date=2004-06-01",
                           "amount=100万円", "category=research"});
    EXPECT_EQ(no_purpose.exit_code, 1);
    EXPECT_NE(no_purpose.err.find("purpose"), std::string::npos) << no_purpose.err;
    auto years = RunJson({"ledger", "--cluster", "1", "--fy", "2004"});
    ASSERT_EQ(years.size(), 1u);
    EXPECT_EQ(years[0]["planned"], 70'000'000);
    EXPECT_EQ(years[0]["carry_over"], "none");
    auto joint = years[0]["purposes"][0];
    EXPECT_EQ(joint["purpose"], "joint_research");
    EXPECT_EQ(joint["planned"], 60'000'000);
    EXPECT_EQ(joint["executed"], 45'000'000);
    EXPECT_DOUBLE_EQ(joint["execution_rate"].get<double>(), 0.75);
    auto text = Run({"--lang", "ja", "ledger", "--cluster", "1", "--fy", "2004"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("共同研究費"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("75%"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("繰越しなし"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace kc::testing
