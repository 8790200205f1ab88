// `kcluster report annual | programme` on the loaded demo: HTML (well-formed, with its charts,
// Japanese by default, English with --lang en), CSV and JSON that agree, and the messages for
// bad options. The demo is loaded once for the suite.

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/test_support.h"

namespace kc::testing {
namespace {

using nlohmann::json;

constexpr const char* kCluster = "浜松オプトロニクスクラスター";

size_t Occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

// True when every start tag has its end tag in order (void elements are written <x/>); the
// contents of <style> are skipped.
bool TagsBalance(const std::string& html, std::string& problem) {
    std::vector<std::string> stack;
    for (size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i)) {
        if (html.compare(i, 2, "<!") == 0) {
            i = html.find('>', i);
            continue;
        }
        size_t end = html.find('>', i);
        if (end == std::string::npos) {
            problem = "unterminated tag";
            return false;
        }
        std::string tag = html.substr(i + 1, end - i - 1);
        bool closing = !tag.empty() && tag[0] == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" /\n"));
        if (closing) {
            if (stack.empty() || stack.back() != name) {
                problem = "</" + name + "> closes <" + (stack.empty() ? "" : stack.back()) + ">";
                return false;
            }
            stack.pop_back();
        } else if (tag.empty() || tag.back() != '/') {
            stack.push_back(name);
        }
        i = end + 1;
        if (name == "style" && !closing) i = html.find("</style>", i);
    }
    if (!stack.empty()) problem = "unclosed <" + stack.back() + ">";
    return stack.empty();
}

std::string Cell(const json& value) {
    return value.is_null() ? std::string() : std::to_string(value.get<int64_t>());
}

// The CSV row of a KPI of the year, from its JSON form (labels in Japanese).
std::string CsvKpiRow(const json& kpi) {
    return ",2004," + kpi["kpi"].get<std::string>() + "," + kpi["label_ja"].get<std::string>() +
           "," + Cell(kpi["target"]) + "," + Cell(kpi["actual"]) + "," +
           Cell(kpi["cumulative_target"]) + "," + Cell(kpi["cumulative_actual"]) + "\r\n";
}

class ReportCliTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        db_ = dir_->Path("demo.db").string();
        auto loaded = RunKcluster({"--db", db_, "demo", "load"});
        ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static RunResult Run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db_});
        return RunKcluster(args);
    }
    static std::string Path(const std::string& name) { return dir_->Path(name).string(); }

    static std::unique_ptr<ScratchDir> dir_;
    static std::string db_;
};

std::unique_ptr<ScratchDir> ReportCliTest::dir_;
std::string ReportCliTest::db_;

TEST_F(ReportCliTest, AnnualHtmlIsAJapanesePageWithThreeCharts) {
    auto result = Run(
        {"report", "annual", "--cluster", kCluster, "--fy", "平成16年度", "--out", Path("a.html")});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.empty());
    std::string html = ReadBytes(Path("a.html"));
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    EXPECT_TRUE(html.ends_with("</html>\n"));
    std::string problem;
    EXPECT_TRUE(TagsBalance(html, problem)) << problem;
    EXPECT_EQ(Occurrences(html, "<svg "), 3u);  // KPIs, ledger, funnel
    EXPECT_NE(html.find(kCluster), std::string::npos);
    EXPECT_NE(html.find("平成16年度"), std::string::npos);
    EXPECT_NE(html.find("特許出願件数"), std::string::npos);
    EXPECT_NE(html.find("円"), std::string::npos);
    EXPECT_GT(Occurrences(html, "class=\"bar "), 10u);
    EXPECT_EQ(html.find("<script"), std::string::npos);

    // English with --lang en, before or after the subcommand.
    auto english = Run({"--lang", "en", "report", "annual", "--cluster", kCluster, "--fy", "2004"});
    ASSERT_EQ(english.exit_code, 0) << english.err;
    EXPECT_TRUE(english.out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    EXPECT_NE(english.out.find("FY2004"), std::string::npos);
    EXPECT_NE(english.out.find("Patent applications"), std::string::npos);
    EXPECT_TRUE(TagsBalance(english.out, problem)) << problem;
    auto after = Run({"report", "annual", "--cluster", kCluster, "--fy", "2004", "--lang", "en"});
    EXPECT_EQ(after.out, english.out);
}

TEST_F(ReportCliTest, AnnualCsvAndJsonAgree) {
    auto csv =
        Run({"report", "annual", "--cluster", kCluster, "--fy", "2004", "--out", Path("a.csv")});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    std::string text = ReadBytes(Path("a.csv"));
    EXPECT_TRUE(
        text.starts_with("section,cluster_id,cluster,fiscal_year,item,label,target,actual,"
                         "cumulative_target,cumulative_actual\r\n"));
    EXPECT_NE(text.find("\r\nkpi,"), std::string::npos);
    EXPECT_NE(text.find("\r\nledger,"), std::string::npos);
    EXPECT_NE(text.find("\r\nfunnel,"), std::string::npos);

    auto out = Run({"report", "annual", "--cluster", kCluster, "--fy", "2004", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    json report = json::parse(out.out);
    EXPECT_EQ(report["fiscal_year"], 2004);
    EXPECT_EQ(report["cluster"]["name_ja"], kCluster);
    EXPECT_EQ(report["kpis"].size(), report["definitions"].size());
    bool found = false;
    for (const auto& kpi : report["kpis"]) {
        if (kpi["kpi"] == "patent_applications") {
            found = true;
            EXPECT_GT(kpi["cumulative_actual"].get<int64_t>(), 0);
            EXPECT_GT(kpi["cumulative_target"].get<int64_t>(), 0);
            // The same numbers in the CSV row of 2004.
            std::string row = CsvKpiRow(kpi);
            EXPECT_NE(text.find(row), std::string::npos) << row;
        }
        if (kpi["kpi"] == "hr_development") {
            EXPECT_TRUE(kpi["actual"].is_null());
        }
    }
    EXPECT_TRUE(found);
    EXPECT_FALSE(report["ledger"].is_null());
    EXPECT_GT(report["ledger"]["granted"].get<int64_t>(), 0);
}

TEST_F(ReportCliTest, ProgrammeReportCoversEveryClusterInEveryFormat) {
    auto html = Run({"report", "programme", "--fy", "2004", "--out", Path("p.html")});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    std::string page = ReadBytes(Path("p.html"));
    std::string problem;
    EXPECT_TRUE(TagsBalance(page, problem)) << problem;
    EXPECT_TRUE(page.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    EXPECT_EQ(Occurrences(page, "<svg "), 2u);  // grants by cluster, programme KPIs
    EXPECT_NE(page.find(kCluster), std::string::npos);

    auto out = Run({"--json", "report", "programme", "--fy", "2004"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    json report = json::parse(out.out);
    ASSERT_EQ(report["clusters"].size(), 16u);
    int64_t granted = 0;
    for (const auto& cluster : report["clusters"]) granted += cluster["granted"].get<int64_t>();
    EXPECT_EQ(report["granted"].get<int64_t>(), granted);
    EXPECT_GT(granted, 0);

    auto csv = Run({"report", "programme", "--fy", "H16", "--format", "csv", "--lang", "en"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_NE(csv.out.find("\r\nkpi,total,Programme,2004,patent_applications,"), std::string::npos);
    EXPECT_NE(csv.out.find("\r\nledger,total,Programme,2004,total,Granted and executed," +
                           Cell(report["granted"]) + "," + Cell(report["executed"]) + ",,\r\n"),
              std::string::npos);
}

TEST_F(ReportCliTest, BadOptionsAreNamed) {
    auto bad_fy = Run({"report", "annual", "--cluster", kCluster, "--fy", "来年"});
    EXPECT_EQ(bad_fy.exit_code, 1);
    EXPECT_NE(bad_fy.err.find(
                  "--fy: expected a fiscal year such as 2003, FY2003 or 平成15年度, got \"来年\""),
              std::string::npos)
        << bad_fy.err;
    auto bad_cluster =
        Run({"report", "annual", "--cluster", "存在しないクラスター", "--fy", "2004"});
    EXPECT_EQ(bad_cluster.exit_code, 1);
    EXPECT_NE(bad_cluster.err.find("--cluster"), std::string::npos) << bad_cluster.err;
    auto bad_format = Run({"report", "programme", "--fy", "2004", "--format", "pdf"});
    EXPECT_EQ(bad_format.exit_code, 1);
    EXPECT_NE(bad_format.err.find("--format: expected html, csv or json"), std::string::npos)
        << bad_format.err;
    auto missing = Run({"report", "programme"});
    EXPECT_EQ(missing.exit_code, 2);
}

}  // namespace
}  // namespace kc::testing
