// KPIs and reports on a small hand-built cluster: every actual checked exactly against the
// records that should count, the HTML checked for well-formedness, escaping and the number of
// bars in its charts, the CSV and JSON for the same numbers. Sample data written for this test.

#include "app/report.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "app/svg.h"
#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

using core::Id;

constexpr const char* kEvilName = "テスト<script>alert('x')</script>&クラスター";

// Checks that `html` nests its tags properly: every start tag is closed (void elements may be
// written <x/>), '<' in text only opens a tag, '&' only starts an entity. Returns "" or the
// first problem.
std::string CheckWellFormed(const std::string& html) {
    std::vector<std::string> stack;
    size_t i = 0;
    auto starts = [&](std::string_view prefix) {
        return html.compare(i, prefix.size(), prefix) == 0;
    };
    while (i < html.size()) {
        char c = html[i];
        if (c == '&') {
            size_t semi = html.find(';', i);
            if (semi == std::string::npos || semi - i > 10) {
                return "bare & at " + std::to_string(i);
            }
            for (size_t k = i + 1; k < semi; ++k) {
                char e = html[k];
                if (!std::isalnum(static_cast<unsigned char>(e)) && e != '#') {
                    return "bad entity at " + std::to_string(i);
                }
            }
            i = semi + 1;
            continue;
        }
        if (c != '<') {
            ++i;
            continue;
        }
        if (starts("<!DOCTYPE")) {
            i = html.find('>', i) + 1;
            continue;
        }
        if (starts("<!--")) {
            i = html.find("-->", i) + 3;
            continue;
        }
        size_t end = html.find('>', i);
        if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
        std::string tag = html.substr(i + 1, end - i - 1);
        if (tag.empty()) return "empty tag at " + std::to_string(i);
        if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(i);
        bool closing = tag[0] == '/';
        bool self_closing = tag.back() == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" /\t\n"));
        if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
            return "bad tag name at " + std::to_string(i);
        }
        if (closing) {
            if (stack.empty() || stack.back() != name) {
                return "</" + name + "> closes <" + (stack.empty() ? "" : stack.back()) + ">";
            }
            stack.pop_back();
        } else if (!self_closing) {
            stack.push_back(name);
        }
        i = end + 1;
        if (!closing && (name == "style" || name == "script")) {
            size_t close = html.find("</" + name + ">", i);
            if (close == std::string::npos) return "unclosed <" + name + ">";
            i = close;
        }
    }
    if (!stack.empty()) return "unclosed <" + stack.back() + ">";
    return "";
}

// The <svg> element whose accessible title has id `id`-title.
std::string SvgById(const std::string& html, const std::string& id) {
    size_t at = html.find("id=\"" + id + "-title\"");
    if (at == std::string::npos) return "";
    size_t start = html.rfind("<svg", at);
    size_t end = html.find("</svg>", at);
    return html.substr(start, end + 6 - start);
}

size_t Occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

// The id of a record just added, failing the test when it was refused.
Id Must(const Result<Id>& added) {
    EXPECT_TRUE(added) << (added ? "" : added.error().ToString());
    return added ? *added : 0;
}

class ReportTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto begun = store_->Begin({"test"});
        ASSERT_TRUE(begun);
        auto& t = **begun;
        core::Program program;
        program.name_ja = "テスト事業";
        program.start_fy = FiscalYear{2002};
        program.end_fy = FiscalYear{2006};
        Id program_id = Must(t.Add(program));

        auto org = [&](const char* name, const char* kind) {
            core::Organization o;
            o.name_ja = name;
            o.kind = kind;
            return Must(t.Add(o));
        };
        Id university = org("テスト大学", "university");
        Id company_a = org("A社", "company");
        Id company_b = org("B社", "company");
        Id company_c = org("C社(地域外)", "company");

        core::Cluster cluster;
        cluster.program_id = program_id;
        cluster.name_ja = kEvilName;
        cluster.name_en = "Test <b>cluster</b>";
        cluster.field = "it";
        cluster.status = "full";
        cluster.started_on = Date{2003, 4, 1};
        cluster_ = Must(t.Add(cluster));

        // Projects: P1 (FY2003) with A inside and C outside the region; P2 (FY2004) led by A
        // with B; P3 still planned and P4 without a start date do not count.
        auto project = [&](const char* title, Id lead, std::optional<Date> start,
                           const char* stage) {
            core::Project p;
            p.cluster_id = cluster_;
            p.title = title;
            p.lead_organization_id = lead;
            p.starts_on = start;
            p.stage = stage;
            return Must(t.Add(p));
        };
        auto partner = [&](Id project_id, Id organization, bool inside) {
            core::ProjectPartner pp;
            pp.project_id = project_id;
            pp.organization_id = organization;
            pp.role = "partner";
            pp.inside_region = inside;
            Must(t.Add(pp));
        };
        Id p1 = project("P1", university, Date{2003, 5, 1}, "active");
        partner(p1, company_a, true);
        partner(p1, company_c, false);
        Id p2 = project("P2", company_a, Date{2004, 6, 1}, "active");
        partner(p2, company_b, true);
        Id p3 = project("P3", university, Date{2004, 7, 1}, "planned");
        partner(p3, org("D社", "company"), false);
        project("P4", university, std::nullopt, "active");

        // Inventions and applications: FY2003 jp; FY2004 pct and jp (15 Jan 2005).
        auto invention = [&](const char* title) {
            core::Invention inv;
            inv.cluster_id = cluster_;
            inv.project_id = p1;
            inv.title = title;
            inv.disclosed_on = Date{2003, 6, 1};
            inv.status = "filed";
            return Must(t.Add(inv));
        };
        auto application = [&](Id invention_id, const char* office, Date filed) {
            core::PatentApplication a;
            a.invention_id = invention_id;
            a.office = office;
            a.filing_date = filed;
            a.status = "filed";
            return Must(t.Add(a));
        };
        Id i1 = invention("発明1");
        Id i2 = invention("発明2");
        Id a1 = application(i1, "jp", Date{2003, 10, 1});
        application(i1, "pct", Date{2004, 9, 1});
        application(i2, "jp", Date{2005, 1, 15});
        core::Licence licence;
        licence.invention_id = i1;
        licence.patent_application_id = a1;
        licence.licensee_id = company_b;
        licence.kind = "non_exclusive";
        licence.signed_on = Date{2004, 12, 1};
        Must(t.Add(licence));

        auto outcome = [&](const char* kind, Date date) {
            core::Outcome o;
            o.cluster_id = cluster_;
            o.kind = kind;
            o.title = std::string(kind) + " " + FormatIso(date);
            o.outcome_date = date;
            Must(t.Add(o));
        };
        outcome("paper", Date{2003, 7, 1});
        outcome("paper", Date{2004, 4, 1});
        outcome("product", Date{2004, 8, 1});
        outcome("spin_off", Date{2005, 3, 31});  // last day of FY2004
        outcome("spin_off", Date{2005, 4, 1});   // FY2005: not yet
        outcome("licence_income", Date{2004, 9, 9});

        auto forum = [&](Date held, std::optional<int64_t> attendees) {
            core::Forum f;
            f.cluster_id = cluster_;
            f.title = "フォーラム " + FormatIso(held);
            f.kind = "seminar";
            f.held_on = held;
            f.attendees = attendees;
            Must(t.Add(f));
        };
        forum(Date{2003, 11, 1}, 120);
        forum(Date{2004, 10, 10}, 80);
        forum(Date{2004, 11, 11}, std::nullopt);

        auto target = [&](const char* kpi, int fy, int64_t value) {
            core::KpiTarget k;
            k.cluster_id = cluster_;
            k.fiscal_year = FiscalYear{fy};
            k.kpi = kpi;
            k.target = value;
            Must(t.Add(k));
        };
        target("patent_applications", 2003, 2);
        target("patent_applications", 2004, 5);
        target("papers", 2004, 3);
        target("hr_development", 2004, 10);

        core::Grant grant;
        grant.cluster_id = cluster_;
        grant.organization_id = university;
        grant.fiscal_year = FiscalYear{2004};
        grant.amount = Yen{100'000'000};
        grant.kind = "regular";
        Id grant_id = Must(t.Add(grant));
        core::LedgerEntry entry;
        entry.grant_id = grant_id;
        entry.entry_date = Date{2004, 6, 1};
        entry.category = "research";
        entry.amount = Yen{30'000'000};
        Must(t.Add(entry));
        entry.entry_date = Date{2004, 7, 1};
        entry.category = "travel";
        entry.amount = Yen{10'000'000};
        Must(t.Add(entry));
        ASSERT_TRUE(t.Commit());
    }

    static std::map<std::string, KpiValue> ByCode(const std::vector<KpiValue>& values) {
        std::map<std::string, KpiValue> out;
        for (const auto& value : values) out[value.kpi] = value;
        return out;
    }

    testing::TempStore store_{"kc-report"};
    Id cluster_ = 0;
};

struct Expected {
    const char* kpi;
    std::optional<int64_t> target, actual, cumulative_target, cumulative_actual;
};

TEST_F(ReportTest, ComputesEveryActualFromTheRecords) {
    auto report = BuildAnnualReport(*store_, cluster_, FiscalYear{2004});
    ASSERT_TRUE(report) << report.error().ToString();
    auto kpis = ByCode(report->kpis);
    const Expected cases[] = {
        {"joint_research", {}, 1, {}, 2},
        {"patent_applications", 3, 2, 5, 3},
        {"papers", 3, 1, 3, 2},
        {"commercializations", {}, 2, {}, 2},  // the product and the licence
        {"licences", {}, 1, {}, 1},
        {"hr_development", 10, {}, 10, {}},  // no record counts it: no actual
        {"ventures", {}, 1, {}, 1},
        {"outside_region_partners", {}, 0, {}, 1},  // C in FY2003; D's project is only planned
        {"international_applications", {}, 1, {}, 1},
        {"participating_companies", {}, 1, {}, 3},  // A and C in FY2003, B in FY2004
        {"forums", {}, 2, {}, 3},
        {"forum_participants", {}, 80, {}, 200},
    };
    for (const auto& c : cases) {
        ASSERT_TRUE(kpis.contains(c.kpi)) << c.kpi;
        const KpiValue& v = kpis[c.kpi];
        EXPECT_EQ(v.target, c.target) << c.kpi;
        EXPECT_EQ(v.actual, c.actual) << c.kpi;
        EXPECT_EQ(v.cumulative_target, c.cumulative_target) << c.kpi;
        EXPECT_EQ(v.cumulative_actual, c.cumulative_actual) << c.kpi;
    }
    EXPECT_DOUBLE_EQ(*kpis["patent_applications"].Achievement(), 0.6);
    EXPECT_FALSE(kpis["hr_development"].Achievement());

    // History from the cluster's first fiscal year.
    ASSERT_EQ(report->history.size(), 2u);
    EXPECT_EQ(report->history[0].fiscal_year, FiscalYear{2003});
    auto fy2003 = ByCode(report->history[0].values);
    EXPECT_EQ(fy2003["patent_applications"].target, 2);
    EXPECT_EQ(fy2003["patent_applications"].actual, 1);
    EXPECT_EQ(fy2003["participating_companies"].actual, 2);
    EXPECT_EQ(fy2003["forum_participants"].actual, 120);

    ASSERT_TRUE(report->ledger);
    EXPECT_EQ(report->ledger->granted, Yen{100'000'000});
    EXPECT_EQ(report->ledger->executed, Yen{40'000'000});
}

TEST_F(ReportTest, AnnualHtmlIsWellFormedEscapedAndHasItsCharts) {
    auto report = BuildAnnualReport(*store_, cluster_, FiscalYear{2004});
    ASSERT_TRUE(report) << report.error().ToString();
    for (ReportLang lang : {ReportLang::kJa, ReportLang::kEn}) {
        std::string html = RenderHtml(*report, lang);
        SCOPED_TRACE(lang == ReportLang::kJa ? "ja" : "en");
        EXPECT_EQ(CheckWellFormed(html), "");
        EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\""));
        EXPECT_NE(html.find(lang == ReportLang::kJa ? "lang=\"ja\"" : "lang=\"en\""),
                  std::string::npos);
        EXPECT_NE(html.find("<meta charset=\"utf-8\"/>"), std::string::npos);
        EXPECT_EQ(html.find("<script"), std::string::npos);
        EXPECT_EQ(html.find("<b>"), std::string::npos);
        EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
        EXPECT_NE(html.find("<caption>"), std::string::npos);
        EXPECT_NE(html.find("<th scope=\"row\">"), std::string::npos);

        // KPI chart: patent applications and papers (target + actual), human-resource
        // development (target only, its actual is "—").
        std::string kpi_chart = SvgById(html, "kpi-chart");
        ASSERT_FALSE(kpi_chart.empty());
        EXPECT_EQ(Occurrences(kpi_chart, "class=\"bar series-0\""), 3u);
        EXPECT_EQ(Occurrences(kpi_chart, "class=\"bar series-1\""), 2u);
        EXPECT_NE(kpi_chart.find("<desc id=\"kpi-chart-desc\">"), std::string::npos);
        // The ledger: two bars (planned, executed) per purpose; the funnel: one per stage.
        std::string ledger_chart = SvgById(html, "ledger-chart");
        EXPECT_EQ(Occurrences(ledger_chart, "class=\"bar "), 2 * report->ledger->purposes.size());
        std::string funnel_chart = SvgById(html, "funnel-chart");
        EXPECT_EQ(Occurrences(funnel_chart, "class=\"bar "), report->funnel.cluster.stages.size());
    }
    std::string ja = RenderHtml(*report, ReportLang::kJa);
    EXPECT_NE(ja.find("テスト&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;クラスター"),
              std::string::npos);
    EXPECT_NE(ja.find("平成16年度"), std::string::npos);
    EXPECT_NE(ja.find("1億円"), std::string::npos);
    EXPECT_NE(ja.find("60.0%"), std::string::npos);
    std::string en = RenderHtml(*report, ReportLang::kEn);
    EXPECT_NE(en.find("FY2004"), std::string::npos);
    EXPECT_NE(en.find("¥100M"), std::string::npos);
    EXPECT_NE(en.find("Test &lt;b&gt;cluster&lt;/b&gt;"), std::string::npos);
    // Deterministic.
    EXPECT_EQ(RenderHtml(*report, ReportLang::kJa), ja);
}

TEST_F(ReportTest, CsvAndJsonCarryTheSameNumbers) {
    auto report = BuildAnnualReport(*store_, cluster_, FiscalYear{2004});
    ASSERT_TRUE(report) << report.error().ToString();
    std::string csv = RenderCsv(*report, ReportLang::kEn);
    EXPECT_TRUE(csv.starts_with("section,cluster_id,cluster,fiscal_year,item,label,target,actual,"
                                "cumulative_target,cumulative_actual\r\n") ||
                csv.starts_with("section,cluster_id,cluster,fiscal_year,item,label,target,actual,"
                                "cumulative_target,cumulative_actual\n"));
    EXPECT_NE(csv.find(",2004,patent_applications,Patent applications,3,2,5,3"), std::string::npos);
    EXPECT_NE(csv.find(",2004,hr_development,People trained,10,,10,"), std::string::npos);
    EXPECT_NE(csv.find("ledger,"), std::string::npos);
    EXPECT_NE(csv.find(",2004,total,Granted and executed,100000000,40000000,,"), std::string::npos);
    EXPECT_NE(csv.find("funnel,"), std::string::npos);

    nlohmann::json json = ToJson(*report);
    EXPECT_EQ(json["fiscal_year"], 2004);
    EXPECT_EQ(json["cluster"]["name_ja"], kEvilName);
    bool seen = false;
    for (const auto& kpi : json["kpis"]) {
        if (kpi["kpi"] == "hr_development") {
            seen = true;
            EXPECT_TRUE(kpi["actual"].is_null());
            EXPECT_EQ(kpi["target"], 10);
        }
        if (kpi["kpi"] == "patent_applications") {
            EXPECT_EQ(kpi["cumulative_actual"], 3);
        }
    }
    EXPECT_TRUE(seen);
    EXPECT_EQ(json["ledger"]["executed"], 40'000'000);
    EXPECT_EQ(json["definitions"].size(), KpiDefinitions().size());
}

TEST_F(ReportTest, ProgrammeReportSumsTheClusters) {
    auto report = BuildProgrammeReport(*store_, FiscalYear{2004});
    ASSERT_TRUE(report) << report.error().ToString();
    ASSERT_EQ(report->rows.size(), 1u);
    EXPECT_EQ(report->rows[0].cluster_id, cluster_);
    EXPECT_EQ(report->granted, Yen{100'000'000});
    EXPECT_EQ(report->executed, Yen{40'000'000});
    ASSERT_TRUE(report->execution_rate);
    EXPECT_DOUBLE_EQ(*report->execution_rate, 0.4);
    auto totals = ByCode(report->totals);
    EXPECT_EQ(totals["patent_applications"].cumulative_actual, 3);
    EXPECT_EQ(totals["patent_applications"].cumulative_target, 5);
    EXPECT_FALSE(totals["hr_development"].actual);
    EXPECT_FALSE(totals["outside_region_partners"].target);

    std::string html = RenderHtml(*report, ReportLang::kJa);
    EXPECT_EQ(CheckWellFormed(html), "");
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(Occurrences(SvgById(html, "grant-chart"), "class=\"bar "), 2u);
    EXPECT_EQ(Occurrences(SvgById(html, "kpi-chart"), "class=\"bar "), 5u);
    EXPECT_EQ(CheckWellFormed(RenderHtml(*report, ReportLang::kEn)), "");
    std::string csv = RenderCsv(*report, ReportLang::kJa);
    EXPECT_NE(csv.find("kpi,total,事業全体,2004,patent_applications,特許出願件数,3,2,5,3"),
              std::string::npos);
    EXPECT_EQ(ToJson(*report)["clusters"].size(), 1u);

    // A year before the cluster started has no row.
    auto before = BuildProgrammeReport(*store_, FiscalYear{2001});
    ASSERT_TRUE(before);
    EXPECT_TRUE(before->rows.empty());
    EXPECT_EQ(CheckWellFormed(RenderHtml(*before, ReportLang::kJa)), "");
}

TEST_F(ReportTest, UnknownClusterIsNotFound) {
    auto report = BuildAnnualReport(*store_, 9999, FiscalYear{2004});
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::kNotFound);
}

TEST(Svg, EscapesTextAndCountsBars) {
    svg::BarChart chart;
    chart.id = "c";
    chart.title = "a < b & \"c\"";
    chart.description = "d";
    chart.series = {"x", "y"};
    chart.groups = {{"<g1>", {1.0, std::nullopt}, {}}, {"長いラベルの例", {2.0, 3.0}, {}}};
    std::string out = svg::RenderBarChart(chart);
    EXPECT_EQ(CheckWellFormed(out), "");
    EXPECT_EQ(Occurrences(out, "class=\"bar "), 3u);
    EXPECT_NE(out.find("a &lt; b &amp; &quot;c&quot;"), std::string::npos);
    EXPECT_NE(out.find("&lt;g1&gt;"), std::string::npos);
    EXPECT_NE(out.find("viewBox=\"0 0 "), std::string::npos);
    EXPECT_EQ(svg::RenderBarChart(chart), out);

    svg::FunnelChart funnel{"f", "t", "d", {{"a", 10, "10"}, {"b", 0, "0"}}};
    std::string f = svg::RenderFunnel(funnel);
    EXPECT_EQ(CheckWellFormed(f), "");
    EXPECT_EQ(Occurrences(f, "class=\"bar "), 2u);
    EXPECT_DOUBLE_EQ(svg::TextWidth("ab", 10), 12);
    EXPECT_DOUBLE_EQ(svg::TextWidth("日本", 10), 20);
    EXPECT_EQ(svg::EscapeXml(std::string("a\x01") + "b"), "ab");
}

}  // namespace
}  // namespace kc::app
