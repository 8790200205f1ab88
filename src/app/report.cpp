#include "app/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "app/svg.h"
#include "core/entities.h"
#include "core/schema.h"
#include "util/csv.h"
#include "util/text.h"

namespace kc::app {

using core::Id;

// ---------------------------------------------------------------------------------------------
// KPI definitions

namespace {

struct KpiSpec {
    const char* code;
    const char* family;
    const char* label_ja;  // only for KPIs without a kpi_target code
    const char* label_en;
    const char* method_ja;
    const char* method_en;
    bool computable;
    bool has_target_code;
};

struct FamilySpec {
    const char* code;
    const char* ja;
    const char* en;
};

constexpr FamilySpec kFamilies[] = {
    {"rd", "研究開発", "R&D"},
    {"patents", "特許出願", "Patent applications"},
    {"papers", "論文", "Papers"},
    {"commercialisation", "事業化", "Commercialisation"},
    {"hr", "人材育成", "Human-resource development"},
    {"ventures", "ベンチャー育成", "Venture creation"},
    {"widening", "広域化・国際化", "Widening and internationalisation"},
    {"agglomeration", "企業集積", "Firm agglomeration"},
    {"outreach", "成果普及", "Outreach"},
    {"other", "その他", "Other"},
};

constexpr KpiSpec kKpis[] = {
    {"joint_research", "rd", "", "",
     "クラスターの共同研究(段階が「計画」のものを除く)のうち、開始日が年度内のもの",
     "The cluster's joint research projects (stage other than planned) whose start date falls in "
     "the year",
     true, true},
    {"patent_applications", "patents", "", "",
     "クラスターの発明に係る特許出願(出願先を問わず1出願1件)のうち、出願日が年度内のもの",
     "Patent applications of the cluster's inventions (any office, one per application) filed "
     "in the year",
     true, true},
    {"papers", "papers", "", "", "種別「論文」の成果のうち、日付が年度内のもの",
     "Outcomes of kind paper dated in the year", true, true},
    {"commercializations", "commercialisation", "", "",
     "種別「事業化・製品化」の成果(日付が年度内)と、クラスターの発明の実施許諾(契約日が年度内)"
     "の合計",
     "Outcomes of kind product dated in the year plus licences of the cluster's inventions "
     "signed in the year",
     true, true},
    {"licences", "commercialisation", "", "",
     "クラスターの発明の実施許諾のうち、契約日が年度内のもの",
     "Licences of the cluster's inventions signed in the year", true, true},
    {"hr_development", "hr", "", "", "人材育成を記録するデータがないため、実績は算出しない(—)",
     "No record captures training, so no actual is computed (—)", false, true},
    {"ventures", "ventures", "", "", "種別「ベンチャー創出」の成果のうち、日付が年度内のもの",
     "Outcomes of kind spin-off dated in the year", true, true},
    {"outside_region_partners", "widening", "地域外の参加機関数",
     "Partners from outside the region",
     "開始済みの共同研究に「地域外」として参加する機関の異なり数(最初に参加した共同研究の開始年度に"
     "計上)。目標値の指標コードはない",
     "Distinct organisations taking part from outside the region in the cluster's started joint "
     "research (counted in the year of the first such project); there is no target code",
     true, false},
    {"international_applications", "widening", "外国・PCT出願件数", "Foreign and PCT applications",
     "特許出願のうち出願先が日本国特許庁以外のもの(出願日が年度内)。目標値の指標コードはない",
     "Patent applications at an office other than the Japan Patent Office, filed in the year; "
     "there is no target code",
     true, false},
    {"participating_companies", "agglomeration", "", "",
     "開始済みの共同研究に代表機関または参加機関として加わる企業の異なり数(最初の共同研究の開始年度"
     "に計上)",
     "Distinct companies leading or taking part in the cluster's started joint research (counted "
     "in the year of their first project)",
     true, true},
    {"forums", "outreach", "", "", "クラスターのフォーラムのうち、開催日が年度内のもの",
     "The cluster's forums held in the year", true, true},
    {"forum_participants", "outreach", "", "",
     "年度内に開催したフォーラムの参加者数の合計(参加者数が未記録のものは加算しない)",
     "Sum of attendees of the forums held in the year (forums without a count add nothing)", true,
     true},
};

const FamilySpec& Family(std::string_view code) {
    for (const auto& family : kFamilies) {
        if (family.code == code) return family;
    }
    return kFamilies[std::size(kFamilies) - 1];
}

const core::FieldDef& KpiField() {
    const core::FieldDef* field = core::KpiTarget::Def().Find("kpi");
    KC_CHECK(field != nullptr, "kpi_target.kpi is defined");
    return *field;
}

std::string EnumLabel(const core::EntityDef& def, const char* field_name, std::string_view code,
                      ReportLang lang) {
    if (const core::FieldDef* field = def.Find(field_name)) {
        for (const auto& value : field->enum_values) {
            if (value.code == code)
                return lang == ReportLang::kJa ? value.label_ja : value.label_en;
        }
    }
    return std::string(code);
}

}  // namespace

const std::vector<KpiDefinition>& KpiDefinitions() {
    static const std::vector<KpiDefinition> definitions = [] {
        std::vector<KpiDefinition> out;
        const core::FieldDef& field = KpiField();
        std::set<std::string> covered;
        for (const auto& spec : kKpis) {
            KpiDefinition def;
            def.code = spec.code;
            def.family = spec.family;
            const FamilySpec& family = Family(spec.family);
            def.family_ja = family.ja;
            def.family_en = family.en;
            def.label_ja = spec.label_ja;
            def.label_en = spec.label_en;
            for (const auto& value : field.enum_values) {
                if (value.code == spec.code) {
                    def.label_ja = value.label_ja;
                    def.label_en = value.label_en;
                }
            }
            def.method_ja = spec.method_ja;
            def.method_en = spec.method_en;
            def.computable = spec.computable;
            def.has_target_code = spec.has_target_code;
            covered.insert(def.code);
            out.push_back(std::move(def));
        }
        // Target codes added to the schema later still appear, with the target only.
        for (const auto& value : field.enum_values) {
            if (covered.contains(value.code)) continue;
            KpiDefinition def;
            def.code = value.code;
            def.family = "other";
            def.family_ja = Family("other").ja;
            def.family_en = Family("other").en;
            def.label_ja = value.label_ja;
            def.label_en = value.label_en;
            def.method_ja = "この指標の実績を数える記録は定義されていない(—)";
            def.method_en = "No record is defined to count this KPI (—)";
            def.computable = false;
            out.push_back(std::move(def));
        }
        return out;
    }();
    return definitions;
}

std::optional<double> KpiValue::Achievement() const {
    if (!cumulative_actual || !cumulative_target || *cumulative_target <= 0) return std::nullopt;
    return static_cast<double>(*cumulative_actual) / static_cast<double>(*cumulative_target);
}

// ---------------------------------------------------------------------------------------------
// Computing actuals

namespace {

// A dated count: one record (weight 1) or a number carried by a record (forum attendees).
struct Event {
    Date date;
    int64_t weight = 1;
};

// What the records of one cluster say, ready to be summed over any fiscal year.
struct ClusterFacts {
    std::map<std::string, std::vector<Event>> events;       // by KPI code
    std::map<std::string, std::map<int, int64_t>> targets;  // KPI code -> FY -> cumulative target
    std::optional<FiscalYear> first_fy;
};

template <class T>
Result<std::vector<T>> ListBy(store::Transaction& tx, const char* field, Id id) {
    store::Filter filter;
    filter.equals.emplace_back(field, id);
    return tx.List<T>(filter);
}

void Earliest(std::map<Id, Date>& first, Id id, Date date) {
    auto [it, inserted] = first.emplace(id, date);
    if (!inserted && date < it->second) it->second = date;
}

Result<ClusterFacts> LoadFacts(store::Transaction& tx, const core::Cluster& cluster,
                               std::map<Id, std::string>& org_kinds) {
    ClusterFacts facts;
    for (const auto& def : KpiDefinitions()) {
        if (def.computable) facts.events[def.code];
    }
    auto kind_of = [&](Id org_id) -> Result<std::string> {
        if (auto it = org_kinds.find(org_id); it != org_kinds.end()) return it->second;
        KC_ASSIGN_OR_RETURN(auto org, tx.Get<core::Organization>(org_id));
        org_kinds[org_id] = org.kind;
        return org.kind;
    };

    // Joint research, participating companies and outside-region partners.
    std::map<Id, Date> company_first, outside_first;
    KC_ASSIGN_OR_RETURN(auto projects, ListBy<core::Project>(tx, "cluster_id", cluster.id));
    for (const auto& project : projects) {
        if (!project.starts_on || project.stage == "planned") continue;
        Date start = *project.starts_on;
        facts.events["joint_research"].push_back({start});
        KC_ASSIGN_OR_RETURN(std::string lead_kind, kind_of(project.lead_organization_id));
        if (lead_kind == "company") Earliest(company_first, project.lead_organization_id, start);
        KC_ASSIGN_OR_RETURN(auto partners,
                            ListBy<core::ProjectPartner>(tx, "project_id", project.id));
        for (const auto& partner : partners) {
            KC_ASSIGN_OR_RETURN(std::string kind, kind_of(partner.organization_id));
            if (kind == "company") Earliest(company_first, partner.organization_id, start);
            if (!partner.inside_region) Earliest(outside_first, partner.organization_id, start);
        }
    }
    for (const auto& [id, date] : company_first) {
        facts.events["participating_companies"].push_back({date});
    }
    for (const auto& [id, date] : outside_first) {
        facts.events["outside_region_partners"].push_back({date});
    }

    // Patent applications and licences of the cluster's inventions.
    KC_ASSIGN_OR_RETURN(auto inventions, ListBy<core::Invention>(tx, "cluster_id", cluster.id));
    for (const auto& invention : inventions) {
        KC_ASSIGN_OR_RETURN(auto applications,
                            ListBy<core::PatentApplication>(tx, "invention_id", invention.id));
        for (const auto& application : applications) {
            facts.events["patent_applications"].push_back({application.filing_date});
            if (application.office != "jp") {
                facts.events["international_applications"].push_back({application.filing_date});
            }
        }
        KC_ASSIGN_OR_RETURN(auto licences, ListBy<core::Licence>(tx, "invention_id", invention.id));
        for (const auto& licence : licences) {
            facts.events["licences"].push_back({licence.signed_on});
            facts.events["commercializations"].push_back({licence.signed_on});
        }
    }

    // Outcomes and forums.
    KC_ASSIGN_OR_RETURN(auto outcomes, ListBy<core::Outcome>(tx, "cluster_id", cluster.id));
    for (const auto& outcome : outcomes) {
        if (outcome.kind == "paper") facts.events["papers"].push_back({outcome.outcome_date});
        if (outcome.kind == "product") {
            facts.events["commercializations"].push_back({outcome.outcome_date});
        }
        if (outcome.kind == "spin_off") facts.events["ventures"].push_back({outcome.outcome_date});
    }
    KC_ASSIGN_OR_RETURN(auto forums, ListBy<core::Forum>(tx, "cluster_id", cluster.id));
    for (const auto& forum : forums) {
        facts.events["forums"].push_back({forum.held_on});
        facts.events["forum_participants"].push_back({forum.held_on, forum.attendees.value_or(0)});
    }

    KC_ASSIGN_OR_RETURN(auto targets, ListBy<core::KpiTarget>(tx, "cluster_id", cluster.id));
    for (const auto& target : targets) {  // in id order: a later row for the same year wins
        facts.targets[target.kpi][target.fiscal_year.year] = target.target;
        if (!facts.first_fy || target.fiscal_year < *facts.first_fy) {
            facts.first_fy = target.fiscal_year;
        }
    }
    if (cluster.started_on) {
        FiscalYear started = FiscalYearOf(*cluster.started_on);
        if (!facts.first_fy || started < *facts.first_fy) facts.first_fy = started;
    }
    return facts;
}

// Counts and targets have no upper bound in the schema: sums stop at the int64 limits rather
// than overflow.
int64_t SaturatingAdd(int64_t a, int64_t b) {
    int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    }
    return sum;
}

std::vector<KpiValue> KpisOf(const ClusterFacts& facts, FiscalYear fy) {
    std::vector<KpiValue> values;
    Date end = FiscalYearEnd(fy);
    for (const auto& def : KpiDefinitions()) {
        KpiValue value;
        value.kpi = def.code;
        if (def.computable) {
            int64_t in_year = 0, cumulative = 0;
            if (auto it = facts.events.find(def.code); it != facts.events.end()) {
                for (const Event& event : it->second) {
                    if (event.date > end) continue;
                    cumulative = SaturatingAdd(cumulative, event.weight);
                    if (FiscalYearOf(event.date) == fy)
                        in_year = SaturatingAdd(in_year, event.weight);
                }
            }
            value.actual = in_year;
            value.cumulative_actual = cumulative;
        }
        if (auto it = facts.targets.find(def.code); it != facts.targets.end()) {
            const auto& by_year = it->second;
            if (auto found = by_year.find(fy.year); found != by_year.end()) {
                value.cumulative_target = found->second;
                value.target = found->second;
                if (found != by_year.begin())
                    value.target = found->second - std::prev(found)->second;
            }
        }
        values.push_back(std::move(value));
    }
    return values;
}

std::optional<int64_t> AddOptional(std::optional<int64_t> sum, std::optional<int64_t> value) {
    if (!value) return sum;
    return SaturatingAdd(sum.value_or(0), *value);
}

std::optional<double> Rate(Yen executed, Yen granted) {
    if (granted.value <= 0) return std::nullopt;
    return static_cast<double>(executed.value) / static_cast<double>(granted.value);
}

}  // namespace

Result<AnnualReport> BuildAnnualReport(store::Store& store, Id cluster_id, FiscalYear fiscal_year) {
    AnnualReport report;
    report.cluster_id = cluster_id;
    report.fiscal_year = fiscal_year;
    {
        // Funnel and LedgerSummary open their own transactions: this one ends first.
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        KC_ASSIGN_OR_RETURN(auto cluster, tx->Get<core::Cluster>(cluster_id));
        report.cluster_name_ja = cluster.name_ja;
        report.cluster_name_en = cluster.name_en;
        report.status = cluster.status;
        std::map<Id, std::string> org_kinds;
        KC_ASSIGN_OR_RETURN(ClusterFacts facts, LoadFacts(*tx, cluster, org_kinds));
        report.kpis = KpisOf(facts, fiscal_year);
        FiscalYear first = facts.first_fy.value_or(fiscal_year);
        if (first > fiscal_year) first = fiscal_year;
        for (int year = first.year; year <= fiscal_year.year; ++year) {
            report.history.push_back({FiscalYear{year}, KpisOf(facts, FiscalYear{year})});
        }
    }
    KC_ASSIGN_OR_RETURN(auto ledger, LedgerSummary(store, cluster_id, fiscal_year));
    for (auto& year : ledger) {
        if (year.fiscal_year == fiscal_year) report.ledger = std::move(year);
    }
    KC_ASSIGN_OR_RETURN(report.funnel, Funnel(store, cluster_id, fiscal_year));
    // The report is the cluster HQ's own: its network as the HQ sees it (everything).
    core::Viewer hq;
    hq.roles = {core::Role::kHqDirector};
    hq.hq_clusters = {cluster_id};
    NetworkOptions network;
    network.top = 5;
    KC_ASSIGN_OR_RETURN(report.network,
                        ClusterNetwork(store, hq, cluster_id, fiscal_year, network));
    return report;
}

Result<ProgrammeReport> BuildProgrammeReport(store::Store& store, FiscalYear fiscal_year) {
    ProgrammeReport report;
    report.fiscal_year = fiscal_year;
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        KC_ASSIGN_OR_RETURN(auto clusters, tx->List<core::Cluster>());
        KC_ASSIGN_OR_RETURN(auto grants, tx->List<core::Grant>());
        std::set<Id> funded;
        for (const auto& grant : grants) {
            if (grant.fiscal_year == fiscal_year) funded.insert(grant.cluster_id);
        }
        std::map<Id, std::string> org_kinds;
        for (const auto& cluster : clusters) {
            bool running = cluster.started_on &&
                           *cluster.started_on <= FiscalYearEnd(fiscal_year) &&
                           (!cluster.ended_on || *cluster.ended_on >= FiscalYearStart(fiscal_year));
            KC_ASSIGN_OR_RETURN(ClusterFacts facts, LoadFacts(*tx, cluster, org_kinds));
            bool targeted = false;
            for (const auto& [kpi, by_year] : facts.targets) {
                if (by_year.contains(fiscal_year.year)) targeted = true;
            }
            if (!running && !targeted && !funded.contains(cluster.id)) continue;
            ProgrammeReportRow row;
            row.cluster_id = cluster.id;
            row.cluster_name_ja = cluster.name_ja;
            row.cluster_name_en = cluster.name_en;
            row.status = cluster.status;
            row.kpis = KpisOf(facts, fiscal_year);
            report.rows.push_back(std::move(row));
        }
    }
    for (auto& row : report.rows) {
        KC_ASSIGN_OR_RETURN(auto ledger, LedgerSummary(store, row.cluster_id, fiscal_year));
        for (const auto& year : ledger) {
            if (year.fiscal_year != fiscal_year) continue;
            row.granted = year.granted;
            row.executed = year.executed;
        }
        row.execution_rate = Rate(row.executed, row.granted);
        report.granted.value += row.granted.value;
        report.executed.value += row.executed.value;
    }
    report.execution_rate = Rate(report.executed, report.granted);
    for (const auto& def : KpiDefinitions()) {
        KpiValue total;
        total.kpi = def.code;
        for (const auto& row : report.rows) {
            for (const auto& value : row.kpis) {
                if (value.kpi != def.code) continue;
                total.target = AddOptional(total.target, value.target);
                total.actual = AddOptional(total.actual, value.actual);
                total.cumulative_target =
                    AddOptional(total.cumulative_target, value.cumulative_target);
                total.cumulative_actual =
                    AddOptional(total.cumulative_actual, value.cumulative_actual);
            }
        }
        report.totals.push_back(std::move(total));
    }
    return report;
}

// ---------------------------------------------------------------------------------------------
// Rendering helpers

namespace {

using svg::EscapeXml;

bool IsJa(ReportLang lang) { return lang == ReportLang::kJa; }

std::string L(ReportLang lang, std::string_view ja, std::string_view en) {
    return std::string(IsJa(lang) ? ja : en);
}

const KpiDefinition& DefinitionOf(std::string_view code) {
    for (const auto& def : KpiDefinitions()) {
        if (def.code == code) return def;
    }
    KC_CHECK(false, "every KpiValue comes from KpiDefinitions()");
    return KpiDefinitions().front();
}

std::string KpiLabel(const KpiDefinition& def, ReportLang lang) {
    return IsJa(lang) ? def.label_ja : def.label_en;
}
std::string FamilyLabel(const KpiDefinition& def, ReportLang lang) {
    return IsJa(lang) ? def.family_ja : def.family_en;
}

std::string FyText(FiscalYear fy, ReportLang lang) {
    return IsJa(lang) ? FormatFiscalYearJapanese(fy) : FormatFiscalYear(fy);
}
std::string YenText(Yen amount, ReportLang lang) {
    return IsJa(lang) ? FormatYenJapanese(amount) : FormatYenShort(amount);
}
std::string CountText(std::optional<int64_t> value) {
    return value ? FormatWithCommas(*value) : "—";
}
std::string Percent(std::optional<double> ratio) {
    return ratio ? fmt::format("{:.1f}%", *ratio * 100) : "—";
}
std::string ClusterName(const std::string& ja, const std::string& en, ReportLang lang) {
    if (IsJa(lang) || en.empty()) return ja.empty() ? en : ja;
    return en;
}
std::string StatusLabel(const std::string& status, ReportLang lang) {
    return EnumLabel(core::Cluster::Def(), "status", status, lang);
}

constexpr const char* kCss = R"css(
body{font-family:'Hiragino Sans','Noto Sans CJK JP','Yu Gothic',Meiryo,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1d2731;line-height:1.6}
h1{font-size:1.5em;margin-bottom:0.2em}
h2{font-size:1.2em;border-bottom:2px solid #1f6fb2;padding-bottom:0.1em;margin-top:1.8em}
table{border-collapse:collapse;margin:0.6em 0 1.2em;font-size:0.92em}
caption{text-align:left;font-weight:bold;padding:0.3em 0}
th,td{border:1px solid #c8d0d8;padding:0.25em 0.6em;vertical-align:top}
thead th{background:#e8eef4}
tbody th{background:#f6f8fa;text-align:left;font-weight:normal}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot th,tfoot td{font-weight:bold;background:#f0f3f6}
figure{margin:1em 0;overflow-x:auto}
figcaption{font-size:0.9em;color:#4a5a6a}
.lead{color:#4a5a6a}
.note{font-size:0.9em;color:#4a5a6a}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,table{break-inside:avoid}}
)css";

std::string OpenHtml(ReportLang lang, std::string_view title) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        IsJa(lang) ? "ja" : "en", EscapeXml(title), kCss);
}

std::string CloseHtml(ReportLang lang) {
    return fmt::format(
        "<footer class=\"note\"><p>{}</p></footer>\n</body>\n</html>\n",
        EscapeXml(L(lang,
                    "kcluster がデータベースの記録から作成。実績はすべて記録から算出しており、"
                    "算出できない指標は「—」で示す。",
                    "Generated by kcluster from the database records. Every actual is computed "
                    "from the records; a KPI that cannot be computed is shown as \"—\".")));
}

// <thead> from column titles (the first is the row-header column).
std::string Head(const std::vector<std::string>& columns) {
    std::string out = "<thead><tr>";
    for (const auto& column : columns) out += "<th scope=\"col\">" + EscapeXml(column) + "</th>";
    return out + "</tr></thead>\n";
}

// One body row: an optional leading plain cell, the row header, then cells (numbers are
// right-aligned).
struct Cell {
    std::string text;
    bool number = true;
};
std::string Row(std::string_view header, const std::vector<Cell>& cells,
                std::string_view extra_header = {}) {
    std::string out = "<tr>";
    if (!extra_header.empty()) out += "<td>" + EscapeXml(extra_header) + "</td>";
    out += "<th scope=\"row\">" + EscapeXml(header) + "</th>";
    for (const auto& cell : cells) {
        out += cell.number ? "<td class=\"num\">" : "<td>";
        out += EscapeXml(cell.text) + "</td>";
    }
    return out + "</tr>\n";
}

std::string Figure(const std::string& svg_text, std::string_view caption) {
    return "<figure>\n" + svg_text + "<figcaption>" + EscapeXml(caption) +
           "</figcaption>\n</figure>\n";
}

// The grouped bar chart of cumulative target vs actual, as a percentage of each KPI's target so
// that KPIs of very different sizes share one axis. KPIs without a positive target are left out.
std::string KpiChart(const std::string& id, const std::vector<KpiValue>& values, ReportLang lang,
                     std::string_view title, size_t* bars_drawn = nullptr) {
    svg::BarChart chart;
    chart.id = id;
    chart.title = std::string(title);
    chart.series = {L(lang, "累計目標", "Cumulative target"),
                    L(lang, "累計実績", "Cumulative actual")};
    double largest = 100;
    size_t bars = 0;
    for (const auto& value : values) {
        if (!value.cumulative_target || *value.cumulative_target <= 0) continue;
        const KpiDefinition& def = DefinitionOf(value.kpi);
        svg::BarGroup group;
        group.label = KpiLabel(def, lang);
        group.values.push_back(100.0);
        group.value_labels.push_back(FormatWithCommas(*value.cumulative_target));
        ++bars;
        if (auto ratio = value.Achievement()) {
            group.values.push_back(*ratio * 100);
            group.value_labels.push_back(
                fmt::format("{} ({})", FormatWithCommas(*value.cumulative_actual), Percent(ratio)));
            largest = std::max(largest, *ratio * 100);
            ++bars;
        } else {
            group.values.push_back(std::nullopt);
            group.value_labels.push_back("—");
        }
        chart.groups.push_back(std::move(group));
    }
    if (bars_drawn) *bars_drawn = bars;
    if (chart.groups.empty()) return {};
    chart.max_value = std::min(largest, 200.0);
    chart.reference = 100;
    chart.reference_label = L(lang, "目標 = 100%", "target = 100%");
    chart.description =
        L(lang,
          "指標ごとに累計目標を100%とした横棒グラフ。灰色が累計目標、青が累計実績(達成率)。"
          "200%を超える実績は軸の端で切れる。数値は棒の右に示す。",
          "Horizontal bars per KPI, scaled so that each cumulative target is 100%: grey is the "
          "cumulative target, blue the cumulative actual (its achievement). Actuals above 200% "
          "are cut at the end of the axis; the numbers are written beside the bars.");
    return svg::RenderBarChart(chart);
}

std::string KpiTable(const std::vector<KpiValue>& values, ReportLang lang,
                     std::string_view caption) {
    std::string out = "<table>\n<caption>" + EscapeXml(caption) + "</caption>\n";
    out += Head({L(lang, "分野", "Family"), L(lang, "指標", "KPI"),
                 L(lang, "年度目標", "Target (year)"), L(lang, "年度実績", "Actual (year)"),
                 L(lang, "累計目標", "Cumulative target"), L(lang, "累計実績", "Cumulative actual"),
                 L(lang, "達成率", "Achievement")});
    out += "<tbody>\n";
    for (const auto& value : values) {
        const KpiDefinition& def = DefinitionOf(value.kpi);
        out += Row(KpiLabel(def, lang),
                   {{CountText(value.target)},
                    {CountText(value.actual)},
                    {CountText(value.cumulative_target)},
                    {CountText(value.cumulative_actual)},
                    {Percent(value.Achievement())}},
                   FamilyLabel(def, lang));
    }
    return out + "</tbody>\n</table>\n";
}

std::string MethodSection(ReportLang lang) {
    std::string out = "<section id=\"method\">\n<h2>" +
                      EscapeXml(L(lang, "算出方法", "How the actuals are counted")) + "</h2>\n";
    out +=
        "<p class=\"note\">" +
        EscapeXml(L(lang,
                    "目標値は成果目標(kpi_target)の値で、その年度末までの累計目標である。年度目標"
                    "は前年度までの累計目標との差。実績は次の記録から算出し、年度実績は年度内(4月"
                    "1日〜翌年3月31日)の件数、累計実績は年度末までの件数である。",
                    "Targets are the kpi_target values, cumulative to the end of each fiscal "
                    "year; the target of a year is the increase over the latest earlier "
                    "cumulative target. Actuals are computed from the records below: the "
                    "year's actual counts those dated in the fiscal year (1 April to 31 "
                    "March), the cumulative actual those dated up to its end.")) +
        "</p>\n";
    out +=
        "<table>\n<caption>" + EscapeXml(L(lang, "指標の定義", "KPI definitions")) + "</caption>\n";
    out += Head({L(lang, "分野", "Family"), L(lang, "指標", "KPI"), L(lang, "コード", "Code"),
                 L(lang, "実績の算出方法", "What the actual counts")});
    out += "<tbody>\n";
    for (const auto& def : KpiDefinitions()) {
        out += Row(KpiLabel(def, lang),
                   {{def.code, false}, {IsJa(lang) ? def.method_ja : def.method_en, false}},
                   FamilyLabel(def, lang));
    }
    out += "</tbody>\n</table>\n</section>\n";
    return out;
}

std::string Section(std::string_view id, std::string_view heading) {
    return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", id, EscapeXml(heading));
}

std::string Paragraph(std::string_view text, std::string_view css_class = "note") {
    return fmt::format("<p class=\"{}\">{}</p>\n", css_class, EscapeXml(text));
}

// The label of a network node category (app/network.h).
std::string CategoryLabel(const std::string& category, ReportLang lang) {
    if (category == "university") return L(lang, "大学", "University");
    if (category == "company") return L(lang, "企業", "Company");
    if (category == "public") return L(lang, "公的研究機関", "Public institute");
    if (category == "coordinator") return L(lang, "コーディネータ", "Coordinator");
    return L(lang, "その他", "Other");
}

// The organisations' collaboration network: size, shares of ties, top brokers, growth.
std::string NetworkSection(const NetworkReport& network, ReportLang lang) {
    std::string out = Section(
        "network", L(lang, "連携ネットワーク(機関間)", "Collaboration network (organisations)"));
    const auto& s = network.summary;
    if (s.nodes == 0) {
        return out +
               Paragraph(L(lang, "この年度末までの連携の記録はない。",
                           "No collaboration recorded by the end of this year.")) +
               "</section>\n";
    }
    auto decimal = [](double v) { return fmt::format("{:.3f}", v); };
    out += Paragraph(
        IsJa(lang)
            ? fmt::format("機関 {}、紐帯 {}、密度 {}、連結成分 {}(最大成分 {})。域内どうしの紐帯 "
                          "{}、産学の紐帯 {}。",
                          s.nodes, s.edges, decimal(s.density), s.components,
                          Percent(s.largest_component_share), Percent(network.inside_share),
                          Percent(network.university_company_share))
            : fmt::format("{} organisations, {} ties, density {}, {} components (largest {}). "
                          "Ties inside the region {}, university–company ties {}.",
                          s.nodes, s.edges, decimal(s.density), s.components,
                          Percent(s.largest_component_share), Percent(network.inside_share),
                          Percent(network.university_company_share)),
        "summary");
    out += "<table>\n<caption>" +
           EscapeXml(L(lang, "仲介役の上位(媒介中心性)", "Top brokers (betweenness)")) +
           "</caption>\n";
    out +=
        Head({L(lang, "機関", "Organisation"), L(lang, "区分", "Category"), L(lang, "紐帯", "Ties"),
              L(lang, "媒介中心性", "Betweenness"), L(lang, "制約度", "Constraint")});
    out += "<tbody>\n";
    for (size_t i : network.top_brokers) {
        const auto& n = network.nodes[i];
        out += Row(n.label, {{CategoryLabel(n.category, lang), false},
                             {std::to_string(n.degree)},
                             {decimal(n.betweenness)},
                             {n.constraint ? decimal(*n.constraint) : "—"}});
    }
    out += "</tbody>\n</table>\n";
    out += "<table>\n<caption>" +
           EscapeXml(L(lang, "年度末ごとの成長(累計)", "Growth by fiscal year (cumulative)")) +
           "</caption>\n";
    out += Head({L(lang, "年度", "Fiscal year"), L(lang, "機関", "Organisations"),
                 L(lang, "紐帯", "Ties"), L(lang, "密度", "Density"),
                 L(lang, "連結成分", "Components"), L(lang, "域内の紐帯", "Inside the region"),
                 L(lang, "産学の紐帯", "University–company ties")});
    out += "<tbody>\n";
    for (const auto& y : network.growth) {
        std::string fy =
            IsJa(lang) ? FormatFiscalYearJapanese(y.fiscal_year) : FormatFiscalYear(y.fiscal_year);
        out += Row(fy, {{std::to_string(y.nodes)},
                        {std::to_string(y.edges)},
                        {decimal(y.density)},
                        {std::to_string(y.components)},
                        {Percent(y.inside_share)},
                        {std::to_string(y.university_company_ties)}});
    }
    out += "</tbody>\n</table>\n";
    out += Paragraph(L(lang,
                       "紐帯: 共同研究(代表・参加機関)、発明の共同出願、コーディネータによる紹介。"
                       "媒介中心性は Brandes 法(紐帯の強さを距離 1/重みとして反映、正規化)、"
                       "制約度は Burt の指標(低いほど構造的空隙を仲介)。",
                       "Ties: joint research (lead and partners), co-applied inventions, "
                       "coordinator introductions. Betweenness by Brandes' algorithm (distance = "
                       "1 / tie weight, normalised); constraint is Burt's (lower = brokering more "
                       "structural holes)."));
    return out + "</section>\n";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Annual report

std::string RenderHtml(const AnnualReport& report, ReportLang lang) {
    std::string name = ClusterName(report.cluster_name_ja, report.cluster_name_en, lang);
    std::string fy = FyText(report.fiscal_year, lang);
    std::string title = IsJa(lang) ? fmt::format("{} {} 成果報告書", name, fy)
                                   : fmt::format("{} — annual performance report, {}", name, fy);
    std::string out = OpenHtml(lang, title);
    out += "<header>\n<h1>" + EscapeXml(title) + "</h1>\n";
    out += Paragraph(IsJa(lang) ? fmt::format("クラスター番号 {}・状態: {}・対象期間 {}〜{}",
                                              report.cluster_id, StatusLabel(report.status, lang),
                                              FormatIso(FiscalYearStart(report.fiscal_year)),
                                              FormatIso(FiscalYearEnd(report.fiscal_year)))
                                : fmt::format("Cluster {} · status: {} · period {} to {}",
                                              report.cluster_id, StatusLabel(report.status, lang),
                                              FormatIso(FiscalYearStart(report.fiscal_year)),
                                              FormatIso(FiscalYearEnd(report.fiscal_year))),
                     "lead");
    out += "</header>\n";

    // Summary.
    out += Section("summary", L(lang, "概要", "Summary"));
    out += "<table>\n<caption>" + EscapeXml(L(lang, "年度の概要", "The year at a glance")) +
           "</caption>\n";
    out += Head({L(lang, "項目", "Item"), L(lang, "値", "Value")});
    out += "<tbody>\n";
    if (report.ledger) {
        out += Row(L(lang, "補助金額", "Granted"), {{YenText(report.ledger->granted, lang)}});
        out += Row(L(lang, "執行額", "Executed"), {{YenText(report.ledger->executed, lang)}});
        out += Row(L(lang, "執行率", "Execution rate"), {{Percent(report.ledger->execution_rate)}});
    }
    for (const auto& value : report.kpis) {
        const KpiDefinition& def = DefinitionOf(value.kpi);
        if (def.code != "patent_applications" && def.code != "commercializations" &&
            def.code != "joint_research") {
            continue;
        }
        out += Row(KpiLabel(def, lang) + L(lang, "(年度実績)", " (year)"),
                   {{CountText(value.actual)}});
    }
    out += "</tbody>\n</table>\n</section>\n";

    // KPIs.
    out += Section("kpi", L(lang, "成果指標(目標と実績)", "KPIs: targets and actuals"));
    out += KpiTable(report.kpis, lang,
                    IsJa(lang) ? fmt::format("{}の成果指標", fy) : fmt::format("KPIs, {}", fy));
    std::string chart_title =
        IsJa(lang) ? fmt::format("{}末の累計目標と累計実績", fy)
                   : fmt::format("Cumulative target and actual at the end of {}", fy);
    std::string chart = KpiChart("kpi-chart", report.kpis, lang, chart_title);
    if (chart.empty()) {
        out += Paragraph(L(lang, "この年度の成果目標は設定されていない。",
                           "No KPI targets are set for this year."));
    } else {
        out += Figure(chart, chart_title);
    }
    out += "</section>\n";

    // History.
    out += Section("history", L(lang, "年度別推移", "Year by year"));
    out += "<table>\n<caption>" +
           EscapeXml(L(lang, "累計実績 / 累計目標(年度末)",
                       "Cumulative actual / cumulative target (end of year)")) +
           "</caption>\n";
    std::vector<std::string> columns = {L(lang, "指標", "KPI")};
    for (const auto& year : report.history) columns.push_back(FyText(year.fiscal_year, lang));
    out += Head(columns);
    out += "<tbody>\n";
    for (size_t k = 0; k < KpiDefinitions().size(); ++k) {
        std::vector<Cell> cells;
        for (const auto& year : report.history) {
            const KpiValue& value = year.values[k];
            cells.push_back({fmt::format("{} / {}", CountText(value.cumulative_actual),
                                         CountText(value.cumulative_target))});
        }
        out += Row(KpiLabel(KpiDefinitions()[k], lang), cells);
    }
    out += "</tbody>\n</table>\n</section>\n";

    // Ledger.
    out += Section("ledger", L(lang, "補助金の執行(事業区分別の計画と執行)",
                               "Grant spending: planned vs executed by purpose"));
    if (!report.ledger) {
        out += Paragraph(L(lang, "この年度の補助金・経理の記録はない。",
                           "No grant or ledger entries for this year."));
    } else {
        const LedgerYear& ledger = *report.ledger;
        out += "<table>\n<caption>" +
               EscapeXml(IsJa(lang) ? fmt::format("{}の事業区分別の計画額と執行額", fy)
                                    : fmt::format("Planned and executed by purpose, {}", fy)) +
               "</caption>\n";
        out += Head({L(lang, "事業区分", "Purpose"), L(lang, "計画額", "Planned"),
                     L(lang, "執行額", "Executed"), L(lang, "執行率", "Execution rate")});
        out += "<tbody>\n";
        svg::BarChart bars;
        bars.id = "ledger-chart";
        bars.title = IsJa(lang) ? fmt::format("{}の事業区分別の計画額と執行額", fy)
                                : fmt::format("Planned and executed by purpose, {}", fy);
        bars.description =
            L(lang, "事業区分ごとに計画額と執行額を並べた横棒グラフ。金額は棒の右に示す。",
              "Horizontal bars of the amount planned and executed for each "
              "purpose; the amounts are written beside the bars.");
        bars.series = {L(lang, "計画額", "Planned"), L(lang, "執行額", "Executed")};
        for (const auto& purpose : ledger.purposes) {
            std::string label = IsJa(lang) ? purpose.label_ja : purpose.label_en;
            out += Row(label, {{YenText(purpose.planned, lang)},
                               {YenText(purpose.executed, lang)},
                               {Percent(purpose.execution_rate)}});
            bars.groups.push_back(
                {label,
                 {static_cast<double>(purpose.planned.value),
                  static_cast<double>(purpose.executed.value)},
                 {YenText(purpose.planned, lang), YenText(purpose.executed, lang)}});
        }
        if (ledger.unclassified.value != 0) {
            out += Row(L(lang, "(区分未設定)", "(no purpose recorded)"),
                       {{"—"}, {YenText(ledger.unclassified, lang)}, {"—"}});
        }
        out += "</tbody>\n<tfoot>\n";
        out += Row(L(lang, "合計", "Total"), {{YenText(ledger.planned, lang)},
                                              {YenText(ledger.executed, lang)},
                                              {Percent(Rate(ledger.executed, ledger.planned))}});
        out += "</tfoot>\n</table>\n";
        out += Paragraph(
            IsJa(lang) ? fmt::format("補助金額 {}、執行額 {}、執行率 {}。{}",
                                     YenText(ledger.granted, lang), YenText(ledger.executed, lang),
                                     Percent(ledger.execution_rate), kCarryOverRuleJa)
                       : fmt::format("Granted {}, executed {}, execution rate {}. {}",
                                     YenText(ledger.granted, lang), YenText(ledger.executed, lang),
                                     Percent(ledger.execution_rate), kCarryOverRuleEn));
        out += Figure(svg::RenderBarChart(bars), bars.title);
    }
    out += "</section>\n";

    // Funnel.
    out += Section("funnel", L(lang, "コーディネート活動の流れ(ファネル)", "Coordination funnel"));
    const auto& stages = report.funnel.cluster.stages;
    if (stages.empty()) {
        out += Paragraph(L(lang, "この年度の記録はない。", "No records for this year."));
    } else {
        std::string funnel_title = IsJa(lang) ? fmt::format("{}のニーズから実施許諾までの件数", fy)
                                              : fmt::format("From needs to licences, {}", fy);
        out += "<table>\n<caption>" + EscapeXml(funnel_title) + "</caption>\n";
        out += Head({L(lang, "段階", "Stage"), L(lang, "件数", "Count"),
                     L(lang, "前段階からの移行率", "Conversion from the previous stage")});
        out += "<tbody>\n";
        svg::FunnelChart funnel_chart;
        funnel_chart.id = "funnel-chart";
        funnel_chart.title = funnel_title;
        funnel_chart.description =
            L(lang, "段階ごとの件数を中央揃えの横棒で示すファネル図。件数と移行率は棒の右に示す。",
              "A funnel: one centred bar per stage, its width proportional to the count; counts "
              "and conversions are written beside the bars.");
        for (const auto& stage : stages) {
            std::string label = IsJa(lang) ? stage.label_ja : stage.label_en;
            out += Row(label, {{FormatWithCommas(stage.count)}, {Percent(stage.conversion)}});
            funnel_chart.steps.push_back(
                {label, static_cast<double>(stage.count),
                 stage.conversion ? fmt::format("{} ({})", FormatWithCommas(stage.count),
                                                Percent(stage.conversion))
                                  : FormatWithCommas(stage.count)});
        }
        out += "</tbody>\n</table>\n";
        out += Figure(svg::RenderFunnel(funnel_chart), funnel_title);
    }
    out += "</section>\n";

    out += NetworkSection(report.network, lang);
    out += MethodSection(lang);
    out += CloseHtml(lang);
    return out;
}

namespace {

const std::vector<std::string> kCsvHeader = {
    "section", "cluster_id", "cluster", "fiscal_year",       "item",
    "label",   "target",     "actual",  "cumulative_target", "cumulative_actual"};

std::string Opt(std::optional<int64_t> value) {
    return value ? std::to_string(*value) : std::string();
}

void KpiCsvRows(std::string& out, const std::string& cluster_id, const std::string& cluster,
                FiscalYear fy, const std::vector<KpiValue>& values, ReportLang lang) {
    for (const auto& value : values) {
        AppendCsvRow(out,
                     {"kpi", cluster_id, cluster, std::to_string(fy.year), value.kpi,
                      KpiLabel(DefinitionOf(value.kpi), lang), Opt(value.target), Opt(value.actual),
                      Opt(value.cumulative_target), Opt(value.cumulative_actual)});
    }
}

void LedgerTotalCsvRow(std::string& out, const std::string& cluster_id, const std::string& cluster,
                       FiscalYear fy, Yen granted, Yen executed, ReportLang lang) {
    AppendCsvRow(out, {"ledger", cluster_id, cluster, std::to_string(fy.year), "total",
                       L(lang, "補助金額と執行額", "Granted and executed"),
                       std::to_string(granted.value), std::to_string(executed.value), "", ""});
}

nlohmann::json OptJson(std::optional<int64_t> value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
nlohmann::json OptJson(std::optional<double> value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json KpisJson(const std::vector<KpiValue>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& value : values) {
        const KpiDefinition& def = DefinitionOf(value.kpi);
        out.push_back({{"kpi", value.kpi},
                       {"family", def.family},
                       {"label_ja", def.label_ja},
                       {"label_en", def.label_en},
                       {"target", OptJson(value.target)},
                       {"actual", OptJson(value.actual)},
                       {"cumulative_target", OptJson(value.cumulative_target)},
                       {"cumulative_actual", OptJson(value.cumulative_actual)},
                       {"achievement", OptJson(value.Achievement())}});
    }
    return out;
}

nlohmann::json DefinitionsJson() {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& def : KpiDefinitions()) {
        out.push_back({{"code", def.code},
                       {"family", def.family},
                       {"family_ja", def.family_ja},
                       {"family_en", def.family_en},
                       {"label_ja", def.label_ja},
                       {"label_en", def.label_en},
                       {"method_ja", def.method_ja},
                       {"method_en", def.method_en},
                       {"computable", def.computable},
                       {"has_target_code", def.has_target_code}});
    }
    return out;
}

}  // namespace

std::string RenderCsv(const AnnualReport& report, ReportLang lang) {
    std::string out;
    AppendCsvRow(out, kCsvHeader);
    std::string id = std::to_string(report.cluster_id);
    std::string name = ClusterName(report.cluster_name_ja, report.cluster_name_en, lang);
    std::string fy = std::to_string(report.fiscal_year.year);
    for (const auto& year : report.history) {
        KpiCsvRows(out, id, name, year.fiscal_year, year.values, lang);
    }
    if (report.ledger) {
        LedgerTotalCsvRow(out, id, name, report.fiscal_year, report.ledger->granted,
                          report.ledger->executed, lang);
        for (const auto& purpose : report.ledger->purposes) {
            AppendCsvRow(out, {"ledger", id, name, fy, purpose.purpose,
                               IsJa(lang) ? purpose.label_ja : purpose.label_en,
                               std::to_string(purpose.planned.value),
                               std::to_string(purpose.executed.value), "", ""});
        }
    }
    for (const auto& stage : report.funnel.cluster.stages) {
        AppendCsvRow(
            out, {"funnel", id, name, fy, stage.key, IsJa(lang) ? stage.label_ja : stage.label_en,
                  "", std::to_string(stage.count), "", ""});
    }
    for (const auto& y : report.network.growth) {
        std::string year = std::to_string(y.fiscal_year.year);
        const std::pair<const char*, std::pair<const char*, const char*>> items[] = {
            {"nodes", {"機関", "Organisations"}},
            {"edges", {"紐帯", "Ties"}},
            {"components", {"連結成分", "Components"}},
            {"university_company_ties", {"産学の紐帯", "University–company ties"}}};
        const int64_t values[] = {static_cast<int64_t>(y.nodes), static_cast<int64_t>(y.edges),
                                  static_cast<int64_t>(y.components), y.university_company_ties};
        for (size_t k = 0; k < std::size(items); ++k) {
            AppendCsvRow(out, {"network", id, name, year, items[k].first,
                               L(lang, items[k].second.first, items[k].second.second), "",
                               std::to_string(values[k]), "", ""});
        }
    }
    return out;
}

nlohmann::json ToJson(const AnnualReport& report) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& year : report.history) {
        history.push_back(
            {{"fiscal_year", year.fiscal_year.year}, {"kpis", KpisJson(year.values)}});
    }
    nlohmann::json ledger = nullptr;
    if (report.ledger) {
        nlohmann::json categories = nlohmann::json::array();
        for (const auto& category : report.ledger->categories) {
            categories.push_back({{"category", category.category},
                                  {"label_ja", category.label_ja},
                                  {"label_en", category.label_en},
                                  {"executed", category.executed.value}});
        }
        nlohmann::json purposes = nlohmann::json::array();
        for (const auto& purpose : report.ledger->purposes) {
            purposes.push_back({{"purpose", purpose.purpose},
                                {"label_ja", purpose.label_ja},
                                {"label_en", purpose.label_en},
                                {"planned", purpose.planned.value},
                                {"executed", purpose.executed.value},
                                {"execution_rate", OptJson(purpose.execution_rate)}});
        }
        ledger = {{"granted", report.ledger->granted.value},
                  {"planned", report.ledger->planned.value},
                  {"executed", report.ledger->executed.value},
                  {"execution_rate", OptJson(report.ledger->execution_rate)},
                  {"purposes", purposes},
                  {"unclassified", report.ledger->unclassified.value},
                  {"categories", categories},
                  {"carry_over", "none"}};
    }
    auto stages_json = [](const FunnelRow& row) {
        nlohmann::json stages = nlohmann::json::array();
        for (const auto& stage : row.stages) {
            stages.push_back({{"key", stage.key},
                              {"label_ja", stage.label_ja},
                              {"label_en", stage.label_en},
                              {"count", stage.count},
                              {"conversion", OptJson(stage.conversion)}});
        }
        return stages;
    };
    nlohmann::json coordinators = nlohmann::json::array();
    for (const auto& row : report.funnel.coordinators) {
        coordinators.push_back(
            {{"coordinator_id",
              row.coordinator_id ? nlohmann::json(*row.coordinator_id) : nlohmann::json(nullptr)},
             {"name", row.who},
             {"stages", stages_json(row)}});
    }
    return {{"cluster",
             {{"id", report.cluster_id},
              {"name_ja", report.cluster_name_ja},
              {"name_en", report.cluster_name_en},
              {"status", report.status}}},
            {"fiscal_year", report.fiscal_year.year},
            {"kpis", KpisJson(report.kpis)},
            {"history", history},
            {"ledger", ledger},
            {"funnel",
             {{"stages", stages_json(report.funnel.cluster)}, {"coordinators", coordinators}}},
            {"network", ToJson(report.network)},
            {"definitions", DefinitionsJson()}};
}

// ---------------------------------------------------------------------------------------------
// Programme report

std::string RenderHtml(const ProgrammeReport& report, ReportLang lang) {
    std::string fy = FyText(report.fiscal_year, lang);
    std::string title = IsJa(lang)
                            ? fmt::format("知的クラスター創成事業 {} 成果報告(全クラスター)", fy)
                            : fmt::format(
                                  "Knowledge Cluster Initiative — programme "
                                  "performance report, {}",
                                  fy);
    std::string out = OpenHtml(lang, title);
    out += "<header>\n<h1>" + EscapeXml(title) + "</h1>\n";
    out += Paragraph(IsJa(lang)
                         ? fmt::format("対象 {} クラスター・対象期間 {}〜{}", report.rows.size(),
                                       FormatIso(FiscalYearStart(report.fiscal_year)),
                                       FormatIso(FiscalYearEnd(report.fiscal_year)))
                         : fmt::format("{} clusters · period {} to {}", report.rows.size(),
                                       FormatIso(FiscalYearStart(report.fiscal_year)),
                                       FormatIso(FiscalYearEnd(report.fiscal_year))),
                     "lead");
    out += "</header>\n";

    // Grants and execution per cluster.
    out += Section("grants", L(lang, "補助金と執行", "Grants and execution"));
    out += "<table>\n<caption>" +
           EscapeXml(IsJa(lang) ? fmt::format("{}のクラスター別補助金額と執行額", fy)
                                : fmt::format("Granted and executed by cluster, {}", fy)) +
           "</caption>\n";
    out += Head({L(lang, "クラスター", "Cluster"), L(lang, "状態", "Status"),
                 L(lang, "補助金額", "Granted"), L(lang, "執行額", "Executed"),
                 L(lang, "執行率", "Execution rate")});
    out += "<tbody>\n";
    svg::BarChart money;
    money.id = "grant-chart";
    money.title = IsJa(lang) ? fmt::format("{}のクラスター別補助金額と執行額", fy)
                             : fmt::format("Granted and executed by cluster, {}", fy);
    money.description =
        L(lang, "クラスターごとの横棒グラフ。灰色が補助金額、青が執行額。金額は棒の右に示す。",
          "Horizontal bars per cluster: grey is the amount granted, blue the "
          "amount executed; the amounts are written beside the bars.");
    money.series = {L(lang, "補助金額", "Granted"), L(lang, "執行額", "Executed")};
    for (const auto& row : report.rows) {
        std::string name = ClusterName(row.cluster_name_ja, row.cluster_name_en, lang);
        out += Row(name, {{StatusLabel(row.status, lang), false},
                          {YenText(row.granted, lang)},
                          {YenText(row.executed, lang)},
                          {Percent(row.execution_rate)}});
        money.groups.push_back(
            {name,
             {static_cast<double>(row.granted.value), static_cast<double>(row.executed.value)},
             {YenText(row.granted, lang), YenText(row.executed, lang)}});
    }
    out += "</tbody>\n<tfoot>\n";
    out += Row(L(lang, "合計", "Total"), {{"", false},
                                          {YenText(report.granted, lang)},
                                          {YenText(report.executed, lang)},
                                          {Percent(report.execution_rate)}});
    out += "</tfoot>\n</table>\n";
    if (!money.groups.empty()) out += Figure(svg::RenderBarChart(money), money.title);
    out += "</section>\n";

    // KPIs per cluster: the year's and the cumulative values.
    out += Section("kpi", L(lang, "成果指標(クラスター別)", "KPIs by cluster"));
    for (bool cumulative : {false, true}) {
        std::string caption =
            cumulative
                ? (IsJa(lang) ? fmt::format("{}末の累計実績 / 累計目標", fy)
                              : fmt::format("Cumulative actual / target at the end of {}", fy))
                : (IsJa(lang) ? fmt::format("{}の年度実績 / 年度目標", fy)
                              : fmt::format("Actual / target in {}", fy));
        out += "<table>\n<caption>" + EscapeXml(caption) + "</caption>\n";
        std::vector<std::string> columns = {L(lang, "クラスター", "Cluster")};
        for (const auto& def : KpiDefinitions()) columns.push_back(KpiLabel(def, lang));
        out += Head(columns);
        auto cells_of = [&](const std::vector<KpiValue>& values) {
            std::vector<Cell> cells;
            for (const auto& value : values) {
                cells.push_back({cumulative
                                     ? fmt::format("{} / {}", CountText(value.cumulative_actual),
                                                   CountText(value.cumulative_target))
                                     : fmt::format("{} / {}", CountText(value.actual),
                                                   CountText(value.target))});
            }
            return cells;
        };
        out += "<tbody>\n";
        for (const auto& row : report.rows) {
            out += Row(ClusterName(row.cluster_name_ja, row.cluster_name_en, lang),
                       cells_of(row.kpis));
        }
        out += "</tbody>\n<tfoot>\n";
        out += Row(L(lang, "合計", "Total"), cells_of(report.totals));
        out += "</tfoot>\n</table>\n";
    }
    out += KpiTable(report.totals, lang,
                    IsJa(lang) ? fmt::format("{}の事業全体の成果指標(クラスターの合計)", fy)
                               : fmt::format("Programme KPIs, {} (sum of the clusters)", fy));
    std::string chart_title =
        IsJa(lang) ? fmt::format("{}末の事業全体の累計目標と累計実績", fy)
                   : fmt::format("Programme cumulative target and actual at the end of {}", fy);
    std::string chart = KpiChart("kpi-chart", report.totals, lang, chart_title);
    if (chart.empty()) {
        out += Paragraph(L(lang, "この年度の成果目標は設定されていない。",
                           "No KPI targets are set for this year."));
    } else {
        out += Figure(chart, chart_title);
    }
    out += Paragraph(L(lang,
                       "事業全体の値はクラスターの値の合計であり、複数のクラスターに参加する企業・"
                       "機関は重複して数える。",
                       "Programme values are sums over the clusters: a company or organisation "
                       "taking part in several clusters is counted in each."));
    out += "</section>\n";

    out += MethodSection(lang);
    out += CloseHtml(lang);
    return out;
}

std::string RenderCsv(const ProgrammeReport& report, ReportLang lang) {
    std::string out;
    AppendCsvRow(out, kCsvHeader);
    for (const auto& row : report.rows) {
        std::string id = std::to_string(row.cluster_id);
        std::string name = ClusterName(row.cluster_name_ja, row.cluster_name_en, lang);
        KpiCsvRows(out, id, name, report.fiscal_year, row.kpis, lang);
        LedgerTotalCsvRow(out, id, name, report.fiscal_year, row.granted, row.executed, lang);
    }
    std::string total_name = L(lang, "事業全体", "Programme");
    KpiCsvRows(out, "total", total_name, report.fiscal_year, report.totals, lang);
    LedgerTotalCsvRow(out, "total", total_name, report.fiscal_year, report.granted, report.executed,
                      lang);
    return out;
}

nlohmann::json ToJson(const ProgrammeReport& report) {
    nlohmann::json clusters = nlohmann::json::array();
    for (const auto& row : report.rows) {
        clusters.push_back({{"cluster_id", row.cluster_id},
                            {"name_ja", row.cluster_name_ja},
                            {"name_en", row.cluster_name_en},
                            {"status", row.status},
                            {"granted", row.granted.value},
                            {"executed", row.executed.value},
                            {"execution_rate", OptJson(row.execution_rate)},
                            {"kpis", KpisJson(row.kpis)}});
    }
    return {{"fiscal_year", report.fiscal_year.year},
            {"granted", report.granted.value},
            {"executed", report.executed.value},
            {"execution_rate", OptJson(report.execution_rate)},
            {"clusters", clusters},
            {"totals", KpisJson(report.totals)},
            {"definitions", DefinitionsJson()}};
}

}  // namespace kc::app
