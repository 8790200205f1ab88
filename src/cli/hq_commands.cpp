#include "cli/hq_commands.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "app/hq.h"
#include "app/records.h"
#include "cli/table.h"
#include "util/fiscal_year.h"
#include "util/text.h"
#include "util/yen.h"

namespace kc::cli {
namespace {

struct HqArgs {
    std::string cluster, date, fiscal_year, project, milestone, decision, role, person;
};

Result<core::Id> ClusterOf(store::Store& store, const std::string& text) {
    return app::ResolveReference(store, "cluster", text);
}

// What the cluster commands share: the open store, the cluster named by --cluster and the
// fiscal year of --fy (when given).
struct ClusterScope {
    std::unique_ptr<store::Store> store;
    core::Id cluster = 0;
    std::optional<FiscalYear> fiscal_year;
};

Result<ClusterScope> OpenCluster(const Globals& g, const HqArgs& a) {
    ClusterScope scope;
    KC_ASSIGN_OR_RETURN(scope.store, Open(g));
    KC_ASSIGN_OR_RETURN(scope.cluster, ClusterOf(*scope.store, a.cluster));
    if (!a.fiscal_year.empty()) {
        KC_ASSIGN_OR_RETURN(scope.fiscal_year, FiscalYearOption(a.fiscal_year, "--fy"));
    }
    return scope;
}

std::string Percent(const std::optional<double>& rate) {
    return rate ? fmt::format("{:.0f}%", *rate * 100) : "-";
}

int RunRoster(const Globals& g, const HqArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto cluster = ClusterOf(**store, a.cluster);
    if (!cluster) return Report(g, cluster.error());
    std::optional<Date> on;
    if (!a.date.empty()) {
        auto date = DateOption(a.date, "--date");
        if (!date) return Report(g, date.error());
        on = *date;
    }
    auto roster = app::Roster(**store, *cluster, on);
    if (!roster) return Report(g, roster.error());
    if (g.json) {
        WriteOut(app::ToJson(*roster).dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "Post", "役職"), T(g, "Name", "氏名"), T(g, "Organisation", "所属"),
                 T(g, "From", "開始"), T(g, "To", "終了")});
    for (const auto& l : *roster) {
        table.AddRow({Ja(g) ? l.role_ja : l.role_en, l.name, l.organization, FormatIso(l.from),
                      l.to ? FormatIso(*l.to) : ""});
    }
    WriteOut(table.Render());
    std::fprintf(stderr, "%s\n",
                 T(g, fmt::format("{} post(s) held", roster->size()),
                   fmt::format("{} 件の役職", roster->size()))
                     .c_str());
    return 0;
}

int RunFunnel(const Globals& g, const HqArgs& a) {
    auto scope = OpenCluster(g, a);
    if (!scope) return Report(g, scope.error());
    if (!scope->fiscal_year) {
        return Report(g, Error::Fields("invalid option",
                                       {{"--fy", "a fiscal year such as 2003, FY2003 or 平成15年度",
                                         "nothing"}}));
    }
    const FiscalYear* fy = &*scope->fiscal_year;
    auto report = app::Funnel(*scope->store, scope->cluster, *fy);
    if (!report) return Report(g, report.error());
    if (g.json) {
        WriteOut(app::ToJson(*report).dump(2) + "\n");
        return 0;
    }
    std::vector<std::string> headers = {T(g, "Stage", "段階"), T(g, "Cluster", "クラスター全体"),
                                        T(g, "Conversion", "転換率")};
    for (const auto& c : report->coordinators) headers.push_back(c.who);
    std::vector<Align> align(headers.size(), Align::kRight);
    align[0] = Align::kLeft;
    Table table(headers, align);
    for (size_t i = 0; i < report->cluster.stages.size(); ++i) {
        const auto& s = report->cluster.stages[i];
        std::vector<std::string> row = {Ja(g) ? s.label_ja : s.label_en, std::to_string(s.count),
                                        Percent(s.conversion)};
        for (const auto& c : report->coordinators) {
            row.push_back(std::to_string(c.stages[i].count));
        }
        table.AddRow(std::move(row));
    }
    WriteOut(fmt::format("{} {}\n", report->cluster_name,
                         Ja(g) ? FormatFiscalYearJapanese(*fy) : FormatFiscalYear(*fy)));
    WriteOut(table.Render());
    return 0;
}

int RunLedger(const Globals& g, const HqArgs& a) {
    auto scope = OpenCluster(g, a);
    if (!scope) return Report(g, scope.error());
    auto years = app::LedgerSummary(*scope->store, scope->cluster, scope->fiscal_year);
    if (!years) return Report(g, years.error());
    if (g.json) {
        WriteOut(app::ToJson(*years).dump(2) + "\n");
        return 0;
    }
    auto money = [&](Yen y) { return Ja(g) ? FormatYenJapanese(y) : FormatYenShort(y); };
    std::vector<std::string> headers = {T(g, "FY", "年度"), T(g, "Granted", "交付額"),
                                        T(g, "Executed", "執行額"), T(g, "Rate", "執行率")};
    if (!years->empty()) {
        for (const auto& c : years->front().categories) {
            headers.push_back(Ja(g) ? c.label_ja : c.label_en);
        }
    }
    Table table(headers, std::vector<Align>(headers.size(), Align::kRight));
    for (const auto& y : *years) {
        std::vector<std::string> row = {
            Ja(g) ? FormatFiscalYearJapanese(y.fiscal_year) : FormatFiscalYear(y.fiscal_year),
            money(y.granted), money(y.executed), Percent(y.execution_rate)};
        for (const auto& c : y.categories) row.push_back(money(c.executed));
        table.AddRow(std::move(row));
    }
    WriteOut(table.Render());
    // Planned vs executed by programme purpose, one table per fiscal year.
    for (const auto& y : *years) {
        WriteOut(fmt::format(
            "\n{} {}\n",
            Ja(g) ? FormatFiscalYearJapanese(y.fiscal_year) : FormatFiscalYear(y.fiscal_year),
            T(g, "planned vs executed by purpose", "事業区分別の計画と執行")));
        Table purposes({T(g, "Purpose", "事業区分"), T(g, "Planned", "計画額"),
                        T(g, "Executed", "執行額"), T(g, "Rate", "執行率")},
                       {Align::kLeft, Align::kRight, Align::kRight, Align::kRight});
        for (const auto& p : y.purposes) {
            purposes.AddRow({Ja(g) ? p.label_ja : p.label_en, money(p.planned), money(p.executed),
                             Percent(p.execution_rate)});
        }
        if (y.unclassified.value != 0) {
            purposes.AddRow(
                {T(g, "(no purpose recorded)", "(区分未設定)"), "-", money(y.unclassified), "-"});
        }
        purposes.AddRow({T(g, "Total", "合計"), money(y.planned), money(y.executed),
                         Percent(y.planned.value > 0
                                     ? std::optional<double>(static_cast<double>(y.executed.value) /
                                                             static_cast<double>(y.planned.value))
                                     : std::nullopt)});
        WriteOut(purposes.Render());
    }
    WriteOut(fmt::format("\n{}\n", Ja(g) ? app::kCarryOverRuleJa : app::kCarryOverRuleEn));
    return 0;
}

int RunForums(const Globals& g, const HqArgs& a) {
    auto scope = OpenCluster(g, a);
    if (!scope) return Report(g, scope.error());
    auto forums = app::ForumEffects(*scope->store, scope->cluster, scope->fiscal_year);
    if (!forums) return Report(g, forums.error());
    if (g.json) {
        WriteOut(app::ToJson(*forums).dump(2) + "\n");
        return 0;
    }
    auto opt = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "-"; };
    Table table(
        {T(g, "Held on", "開催日"), T(g, "Forum", "フォーラム"), T(g, "Attendees", "参加者"),
         T(g, "Consultations", "相談"), T(g, "Follow-ups", "フォローアップ"),
         T(g, "Matches", "マッチング"), T(g, "Projects", "共同研究")},
        {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
         Align::kRight});
    table.SetMaxWidths({0, 40});
    for (const auto& f : *forums) {
        table.AddRow({FormatIso(f.held_on), f.title, opt(f.attendees), opt(f.consultations),
                      std::to_string(f.follow_ups), std::to_string(f.matches),
                      std::to_string(f.projects)});
    }
    WriteOut(table.Render());
    return 0;
}

int RunProject(const Globals& g, const HqArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto project = app::ResolveReference(**store, "project", a.project);
    if (!project) return Report(g, project.error());
    // The terminal is an administrator's tool; --role/--as shows what someone else would see.
    std::set<core::Role> roles = {core::Role::kAdmin};
    if (!a.role.empty()) {
        auto role = core::ParseRole(a.role);
        if (!role)
            return Report(g,
                          Error::Fields("invalid option", {{"--role", role.error().message, ""}}));
        roles = {*role};
    }
    std::optional<core::Id> person;
    if (!a.person.empty()) {
        auto id = app::ResolveReference(**store, "person", a.person);
        if (!id) return Report(g, id.error());
        person = *id;
    }
    auto viewer = app::ViewerOf(**store, roles, person, TodayTokyo());
    if (!viewer) return Report(g, viewer.error());
    auto summary = app::SummarizeProject(**store, *viewer, *project);
    if (!summary) return Report(g, summary.error());
    if (g.json) {
        WriteOut(app::ToJson(*summary).dump(2) + "\n");
        return 0;
    }
    auto money = [&](const std::optional<Yen>& y) {
        if (!y) return T(g, "(not visible)", "(非表示)");
        return Ja(g) ? FormatYenJapanese(*y) : FormatYenShort(*y);
    };
    const auto& p = summary->project;
    std::string out = fmt::format("{} {} [{}]\n", p.id, p.title, p.stage);
    out += fmt::format("{}: {} / {}\n", T(g, "Lead", "代表機関"), summary->lead_organization,
                       summary->leader);
    if (!summary->origin.empty()) {
        out += fmt::format("{}: {}\n", T(g, "Origin", "起点"), summary->origin);
    }
    out +=
        fmt::format("{}: {}   {}: {}\n", T(g, "Budget", "研究費"), money(p.budget),
                    T(g, "Participation fees", "企業参加費"), money(summary->participation_fees));
    if (summary->planned_total) {
        out += fmt::format("{}: {}\n", T(g, "Grant plans, all years", "補助金充当計画(全年度)"),
                           money(summary->planned_total));
    }
    WriteOut(out);
    if (!summary->years.empty()) {
        Table years(
            {T(g, "FY", "年度"), T(g, "Plan (grant)", "計画(補助金)"), T(g, "Spent", "執行額"),
             T(g, "Rate", "執行率"), T(g, "Company fees", "企業参加費")},
            {Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kRight});
        for (const auto& y : summary->years) {
            years.AddRow(
                {Ja(g) ? FormatFiscalYearJapanese(y.fiscal_year) : FormatFiscalYear(y.fiscal_year),
                 y.planned ? money(y.planned) : T(g, "(none)", "(なし)"), money(y.from_grant),
                 Percent(y.execution_rate), y.company_fees ? money(y.company_fees) : "-"});
        }
        WriteOut(years.Render());
    }
    Table partners({T(g, "Partner", "参加機関"), T(g, "Role", "役割"), T(g, "Company", "企業"),
                    "SME", T(g, "Inside region", "地域内")});
    for (const auto& pl : summary->partners) {
        partners.AddRow({pl.name, pl.role, pl.company ? "✓" : "", pl.sme ? "✓" : "",
                         pl.inside_region ? "✓" : ""});
    }
    WriteOut(partners.Render());
    Table milestones({"ID", T(g, "Milestone", "マイルストーン"), T(g, "Due", "期限"),
                      T(g, "Done", "達成日"), T(g, "Gate", "判定")});
    for (const auto& m : summary->milestones) {
        milestones.AddRow({std::to_string(m.id), m.title, m.due_on ? FormatIso(*m.due_on) : "",
                           m.done_on ? FormatIso(*m.done_on) : "", m.gate_decision});
    }
    WriteOut(milestones.Render());
    WriteOut(fmt::format("{}: {} {}, {} {}, {} {}, {} {}\n", T(g, "Outputs", "成果"),
                         T(g, "inventions", "発明"), summary->inventions,
                         T(g, "applications", "出願"), summary->applications,
                         T(g, "licences", "ライセンス"), summary->licences,
                         T(g, "outcomes", "事業化等"), summary->outcomes));
    return 0;
}

int RunGate(const Globals& g, const HqArgs& a) {
    auto id = ParseInt(a.milestone);
    if (!id || *id <= 0) {
        return Report(
            g, Error::Fields("invalid option", {{"--milestone", "a milestone id", a.milestone}}));
    }
    Date on = TodayTokyo();
    if (!a.date.empty()) {
        auto date = DateOption(a.date, "--on");
        if (!date) return Report(g, date.error());
        on = *date;
    }
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (auto done = app::DecideGate(**store, {"cli"}, *id, a.decision, on); !done) {
        return Report(g, done.error());
    }
    std::fprintf(stderr, "%s\n",
                 T(g, fmt::format("milestone {}: {}", *id, a.decision),
                   fmt::format("マイルストーン {} を判定しました: {}", *id, a.decision))
                     .c_str());
    return 0;
}

}  // namespace

void RegisterHqCommands(CLI::App& app, Globals& g, int& status) {
    auto a = std::make_shared<HqArgs>();
    auto* hq = app.add_subcommand("hq", "Cluster headquarters (知的クラスター本部)");
    hq->require_subcommand(1);
    auto* roster = hq->add_subcommand(
        "roster",
        "Who holds which HQ post on a date (director first), with their organisation and "
        "term.\nExample: kcluster hq roster --cluster 浜松オプトロニクスクラスター --date "
        "2004-04-01");
    roster->add_option("--cluster", a->cluster, "Cluster (id or name)")->required();
    roster->add_option("--date", a->date, "Date (YYYY-MM-DD; default today)");
    roster->callback([&g, &status, a] { status = RunRoster(g, *a); });

    auto* funnel = app.add_subcommand(
        "funnel",
        "The coordinator funnel of a cluster in a fiscal year: needs → matches → introductions → "
        "feasibility tests → joint research → inventions → applications → grants → licences and "
        "products, with conversion rates, for the cluster and per coordinator. Each stage counts "
        "the records that reached it in the fiscal year (needs by registration, matches by "
        "suggestion, introductions by the first coordinator activity, projects by start, and so "
        "on); joint research and what follows count projects grown from needs or matches.\n"
        "Example: kcluster funnel --cluster 1 --fy 2004 --lang ja");
    funnel->add_option("--cluster", a->cluster, "Cluster (id or name)")->required();
    funnel->add_option("--fy", a->fiscal_year, "Fiscal year (2004, FY2004, 平成16年度)")
        ->required();
    funnel->callback([&g, &status, a] { status = RunFunnel(g, *a); });

    auto* ledger = app.add_subcommand(
        "ledger",
        "The fiscal-year ledger of a cluster: grants vs ledger entries (executed), the execution "
        "rate and the executed amount by expense category; then, per fiscal year, planned "
        "(ledger_plan) vs executed by programme purpose (joint research, coordinators, IP, "
        "forums, HQ) with the execution rate. No carry-over: an entry outside its grant's fiscal "
        "year, or one that would overspend its grant or a project's grant plan for the year, is "
        "refused when added.\nExample: kcluster ledger --cluster 1 --fy 2003");
    ledger->add_option("--cluster", a->cluster, "Cluster (id or name)")->required();
    ledger->add_option("--fy", a->fiscal_year, "Only this fiscal year");
    ledger->callback([&g, &status, a] { status = RunLedger(g, *a); });

    auto* forums = app.add_subcommand(
        "forums",
        "Forum effectiveness: every forum of a cluster with its recorded attendees and "
        "consultations, the coordinator follow-ups that name it, the seed–need pairs they led to "
        "and the joint research grown from those pairs.\nExample: kcluster forums --cluster 1 "
        "--fy 2004 --lang ja");
    forums->add_option("--cluster", a->cluster, "Cluster (id or name)")->required();
    forums->add_option("--fy", a->fiscal_year, "Only forums of this fiscal year");
    forums->callback([&g, &status, a] { status = RunForums(g, *a); });

    auto* project = app.add_subcommand("project", "Joint research projects (共同研究)");
    project->require_subcommand(1);
    auto* show = project->add_subcommand(
        "show",
        "A joint research project: lead, partners (companies, SMEs, inside or outside the "
        "region), the need or match it grew from, budget and participation fees, the grant plan "
        "vs money spent per fiscal year (project_budget vs ledger entries), milestones with "
        "stage-gate decisions, outputs. --role and --as "
        "show what that person would see (a company sees only its own projects' budgets).\n"
        "Example: kcluster project show 3 --role company --as 120");
    show->add_option("ID", a->project, "Project (id or title)")->required();
    show->add_option("--role", a->role, "View as this role (e.g. company, coordinator)");
    show->add_option("--as", a->person, "View as this person (id or name)");
    show->callback([&g, &status, a] { status = RunProject(g, *a); });
    auto* gate = project->add_subcommand(
        "gate",
        "Record a stage-gate decision on a pending milestone: go (continue; starts a planned "
        "project), revise (revise the plan) or stop (terminates the project).\nExample: "
        "kcluster project gate --milestone 12 --decision go --on 2004-03-15");
    gate->add_option("--milestone", a->milestone, "Milestone id")->required();
    gate->add_option("--decision", a->decision, "go, revise or stop")->required();
    gate->add_option("--on", a->date, "Decision date (default today)");
    gate->callback([&g, &status, a] { status = RunGate(g, *a); });
}

}  // namespace kc::cli
