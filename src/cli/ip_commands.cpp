#include "cli/ip_commands.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "app/hq.h"
#include "app/inventions.h"
#include "app/ip.h"
#include "app/records.h"
#include "cli/table.h"
#include "util/date.h"
#include "util/text.h"

namespace kc::cli {
namespace {

struct IpArgs {
    std::string priority, filed, office = "jp", registered, today;
    std::string within = "90d", overdue = "90d", cluster;
};

Result<Date> TodayOption(const std::string& text) {
    if (text.empty()) return TodayTokyo();
    return DateOption(text, "--today");
}

Result<int64_t> WindowOption(const std::string& text, std::string_view option, Date today) {
    auto days = app::ParseWindow(text, today);
    if (!days)
        return Fail(Error::InvalidArgument(fmt::format("{}: {}", option, days.error().message)));
    return *days;
}

std::string UrgencyText(const Globals& g, app::Urgency urgency) {
    return Ja(g) ? std::string(app::UrgencyLabelJa(urgency))
                 : std::string(app::UrgencyCode(urgency));
}

std::string AnchorText(const Globals& g, const core::Deadline& deadline) {
    std::string_view name;
    switch (deadline.anchor) {
        case core::Anchor::kPriority:
            name = Ja(g) ? "優先日" : "priority";
            break;
        case core::Anchor::kFiling:
            name = Ja(g) ? "出願日" : "filing";
            break;
        case core::Anchor::kRegistration:
            name = Ja(g) ? "設定登録日" : "registration";
            break;
    }
    return fmt::format("{} {}", name, FormatIso(deadline.anchor_date));
}

std::string NoteText(const Globals& g, const core::Deadline& deadline) {
    if (deadline.kind == core::DeadlineKind::kEvent) {
        return T(g, "happens by itself; details confidential until then",
                 "自動(それまで発明の内容は秘密)");
    }
    if (deadline.grace_until) {
        return Ja(g) ? fmt::format("{}まで割増料金で追納可", FormatIso(*deadline.grace_until))
                     : fmt::format("late payment with surcharge until {}",
                                   FormatIso(*deadline.grace_until));
    }
    return "";
}

std::string DaysText(const Globals& g, int64_t days_left) {
    if (days_left < 0) {
        return Ja(g) ? fmt::format("{}日超過", -days_left) : fmt::format("{} overdue", -days_left);
    }
    return std::to_string(days_left);
}

nlohmann::json DeadlineJson(const app::DatedDeadline& dated) {
    const core::Deadline& d = dated.deadline;
    nlohmann::json out = {
        {"key", d.key},
        {"label_ja", d.label_ja},
        {"label_en", d.label_en},
        {"due", FormatIso(d.due)},
        {"days_left", dated.days_left},
        {"urgency", app::UrgencyCode(dated.urgency)},
        {"kind", core::DeadlineKindName(d.kind)},
        {"anchor", core::AnchorName(d.anchor)},
        {"anchor_date", FormatIso(d.anchor_date)},
        {"source", d.source},
    };
    out["number"] = d.number > 0 ? nlohmann::json(d.number) : nlohmann::json(nullptr);
    out["grace_until"] =
        d.grace_until ? nlohmann::json(FormatIso(*d.grace_until)) : nlohmann::json(nullptr);
    return out;
}

int RunRules(const Globals& g, const IpArgs& args) {
    auto filed = DateOption(args.filed, "--filed");
    if (!filed) return Report(g, filed.error());
    Date priority = *filed;
    if (!args.priority.empty()) {
        auto parsed = DateOption(args.priority, "--priority");
        if (!parsed) return Report(g, parsed.error());
        priority = *parsed;
    }
    app::RulesQuery query;
    query.priority = priority;
    query.filed = *filed;
    query.office = args.office;
    if (!args.registered.empty()) {
        auto registered = DateOption(args.registered, "--registered");
        if (!registered) return Report(g, registered.error());
        query.registered = *registered;
    }
    auto today = TodayOption(args.today);
    if (!today) return Report(g, today.error());
    query.today = *today;
    auto result = app::IpRules(query);
    if (!result) {
        // The use case names the query's field; the user typed the option.
        Error error = result.error();
        error.message = "--" + error.message;
        return Report(g, error);
    }
    for (const auto& warning : Ja(g) ? result->warnings_ja : result->warnings_en) {
        std::fprintf(stderr, "%s%s\n", Ja(g) ? "警告: " : "warning: ", warning.c_str());
    }
    if (g.json) {
        nlohmann::json deadlines = nlohmann::json::array();
        for (const auto& dated : result->deadlines) deadlines.push_back(DeadlineJson(dated));
        nlohmann::json out = {
            {"priority", FormatIso(result->query.priority)},
            {"filed", FormatIso(result->query.filed)},
            {"office", result->query.office},
            {"registered", result->query.registered
                               ? nlohmann::json(FormatIso(*result->query.registered))
                               : nlohmann::json(nullptr)},
            {"today", FormatIso(result->query.today)},
            {"warnings", Ja(g) ? result->warnings_ja : result->warnings_en},
            {"deadlines", deadlines},
        };
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "Deadline", "期限"), T(g, "Due", "期日"), T(g, "Days left", "残日数"),
                 T(g, "Urgency", "緊急度"), T(g, "Counted from", "起算"), T(g, "Source", "根拠"),
                 T(g, "Note", "備考")},
                {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft,
                 Align::kLeft, Align::kLeft});
    table.SetMaxWidths({60, 0, 0, 0, 0, 0, 60});
    for (const auto& dated : result->deadlines) {
        const core::Deadline& d = dated.deadline;
        table.AddRow({Ja(g) ? d.label_ja : d.label_en, FormatIso(d.due),
                      DaysText(g, dated.days_left), UrgencyText(g, dated.urgency), AnchorText(g, d),
                      d.source, NoteText(g, d)});
    }
    WriteOut(table.Render());
    std::fprintf(stderr, "%s\n",
                 (Ja(g) ? fmt::format("{} 件の期限(基準日 {}; 根拠は docs/ip-rules.md)",
                                      result->deadlines.size(), FormatIso(query.today))
                        : fmt::format("{} deadline(s) as of {}; sources in docs/ip-rules.md",
                                      result->deadlines.size(), FormatIso(query.today)))
                     .c_str());
    return 0;
}

int RunDeadlines(const Globals& g, const IpArgs& args) {
    auto today = TodayOption(args.today);
    if (!today) return Report(g, today.error());
    app::UpcomingOptions options;
    options.today = *today;
    auto within = WindowOption(args.within, "--within", *today);
    if (!within) return Report(g, within.error());
    options.within_days = *within;
    auto overdue = WindowOption(args.overdue, "--overdue", *today);
    if (!overdue) return Report(g, overdue.error());
    options.overdue_days = *overdue;
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (!args.cluster.empty()) {
        auto id = app::ResolveReference(**store, "cluster", args.cluster);
        if (!id) {
            Error error = id.error();
            error.message = "--cluster: " + error.message;
            return Report(g, error);
        }
        options.cluster_id = *id;
    }
    auto items = app::UpcomingDeadlines(**store, options);
    if (!items) return Report(g, items.error());
    if (g.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : *items) {
            nlohmann::json row = {
                {"application_id", item.application_id},
                {"application_number", item.application_number},
                {"office", item.office},
                {"status", item.status},
                {"invention_id", item.invention_id},
                {"invention_title", item.invention_title},
                {"published", item.published},
                {"cluster_id", item.cluster_id},
                {"cluster_name_ja", item.cluster_name_ja},
                {"cluster_name_en", item.cluster_name_en},
                {"attorney", item.attorney_name},
            };
            row.update(DeadlineJson(item.dated));
            out.push_back(std::move(row));
        }
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    Table table(
        {T(g, "Urgency", "緊急度"), T(g, "Due", "期日"), T(g, "Days left", "残日数"),
         T(g, "Deadline", "期限"), T(g, "Application", "出願"), T(g, "Invention", "発明"),
         T(g, "Published", "公開"), T(g, "Cluster", "クラスター"), T(g, "Attorney", "弁理士")},
        {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft, Align::kLeft,
         Align::kLeft, Align::kLeft, Align::kLeft});
    table.SetMaxWidths({0, 0, 0, 44, 0, 30, 0, 24, 0});
    size_t overdue_count = 0;
    for (const auto& item : *items) {
        const core::Deadline& d = item.dated.deadline;
        if (item.dated.urgency == app::Urgency::kOverdue) ++overdue_count;
        table.AddRow(
            {UrgencyText(g, item.dated.urgency), FormatIso(d.due),
             DaysText(g, item.dated.days_left), Ja(g) ? d.label_ja : d.label_en,
             fmt::format("{} {} #{}", item.office, item.application_number, item.application_id),
             item.invention_title,
             item.published ? T(g, "yes", "公開済") : T(g, "no (confidential)", "未公開(秘)"),
             Ja(g) ? item.cluster_name_ja : item.cluster_name_en,
             item.attorney_name.empty() ? "-" : item.attorney_name});
    }
    WriteOut(table.Render());
    std::fprintf(
        stderr, "%s\n",
        (Ja(g) ? fmt::format("{} 件(基準日 {} から {} 日以内、うち期限超過 {} 件)", items->size(),
                             FormatIso(options.today), options.within_days, overdue_count)
               : fmt::format("{} deadline(s) within {} days of {} ({} overdue)", items->size(),
                             options.within_days, FormatIso(options.today), overdue_count))
            .c_str());
    return 0;
}

// The options of the lifecycle commands (disclose, assess, file, applicants, show).
struct LifecycleArgs {
    std::string cluster, title, project, date, invention, adviser, decision, note;
    std::string office, filed, priority, number, attorney, role, person, today;
    std::vector<std::string> inventors, shares;
};

// The id a reference option names, with the option in the error.
Result<core::Id> RefOption(store::Store& store, std::string_view entity, const std::string& text,
                           std::string_view option) {
    auto id = app::ResolveReference(store, entity, text);
    if (!id) {
        Error error = id.error();
        error.message = fmt::format("{}: {}", option, error.message);
        return Fail(error);
    }
    return *id;
}

Result<Date> DateOrToday(const std::string& text, std::string_view option) {
    if (text.empty()) return TodayTokyo();
    return DateOption(text, option);
}

int RunDisclose(const Globals& g, const LifecycleArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::DiscloseInput input;
    auto cluster = RefOption(**store, "cluster", a.cluster, "--cluster");
    if (!cluster) return Report(g, cluster.error());
    input.cluster_id = *cluster;
    if (!a.project.empty()) {
        auto project = RefOption(**store, "project", a.project, "--project");
        if (!project) return Report(g, project.error());
        input.project_id = *project;
    }
    for (const auto& text : a.inventors) {
        auto person = RefOption(**store, "person", text, "--inventor");
        if (!person) return Report(g, person.error());
        input.inventors.push_back(*person);
    }
    input.title = a.title;
    auto date = DateOrToday(a.date, "--date");
    if (!date) return Report(g, date.error());
    input.disclosed_on = *date;
    auto id = app::DiscloseInvention(**store, {"cli"}, input);
    if (!id) return Report(g, id.error());
    if (g.json) {
        WriteOut(nlohmann::json({{"invention_id", *id}, {"status", "disclosed"}}).dump(2) + "\n");
    } else {
        WriteOut(fmt::format("{}\n", *id));
    }
    std::fprintf(
        stderr, "%s\n",
        T(g, fmt::format("invention {} disclosed with {} inventor(s)", *id, input.inventors.size()),
          fmt::format("発明 {} の届出を登録しました(発明者 {} 名)", *id, input.inventors.size()))
            .c_str());
    return 0;
}

int RunAssess(const Globals& g, const LifecycleArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::AssessInput input;
    auto invention = RefOption(**store, "invention", a.invention, "--invention");
    if (!invention) return Report(g, invention.error());
    input.invention_id = *invention;
    auto adviser = RefOption(**store, "person", a.adviser, "--adviser");
    if (!adviser) return Report(g, adviser.error());
    input.adviser_id = *adviser;
    input.decision = a.decision;
    input.note = a.note;
    auto date = DateOrToday(a.date, "--date");
    if (!date) return Report(g, date.error());
    input.on = *date;
    if (auto done = app::AssessInvention(**store, {"cli"}, input); !done) {
        return Report(g, done.error());
    }
    std::string status = a.decision == "file" ? "assessed" : "abandoned";
    if (g.json) {
        WriteOut(
            nlohmann::json({{"invention_id", input.invention_id}, {"status", status}}).dump(2) +
            "\n");
    }
    std::fprintf(
        stderr, "%s\n",
        T(g, fmt::format("invention {}: {}", input.invention_id, status),
          a.decision == "file"
              ? fmt::format("発明 {} を評価しました: 出願へ進めます", input.invention_id)
              : fmt::format("発明 {} を評価しました: 出願せず放棄します", input.invention_id))
            .c_str());
    return 0;
}

int RunFile(const Globals& g, const LifecycleArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::FileInput input;
    auto invention = RefOption(**store, "invention", a.invention, "--invention");
    if (!invention) return Report(g, invention.error());
    input.invention_id = *invention;
    input.office = a.office;
    for (char& c : input.office) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto filed = DateOption(a.filed, "--filed");
    if (!filed) return Report(g, filed.error());
    input.filed = *filed;
    if (!a.priority.empty()) {
        auto priority = DateOption(a.priority, "--priority");
        if (!priority) return Report(g, priority.error());
        input.priority = *priority;
    }
    input.number = a.number;
    if (!a.attorney.empty()) {
        auto attorney = RefOption(**store, "person", a.attorney, "--attorney");
        if (!attorney) return Report(g, attorney.error());
        input.attorney_id = *attorney;
    }
    auto id = app::FileApplication(**store, {"cli"}, input);
    if (!id) return Report(g, id.error());
    if (g.json) {
        WriteOut(nlohmann::json({{"application_id", *id},
                                 {"invention_id", input.invention_id},
                                 {"office", input.office},
                                 {"filing_date", FormatIso(input.filed)}})
                     .dump(2) +
                 "\n");
    } else {
        WriteOut(fmt::format("{}\n", *id));
    }
    std::fprintf(stderr, "%s\n",
                 T(g,
                   fmt::format("application {} of invention {} filed at {} on {}", *id,
                               input.invention_id, input.office, FormatIso(input.filed)),
                   fmt::format("発明 {} の出願 {} を登録しました({}、出願日 {})",
                               input.invention_id, *id, input.office, FormatIso(input.filed)))
                     .c_str());
    return 0;
}

int RunApplicants(const Globals& g, const LifecycleArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto invention = RefOption(**store, "invention", a.invention, "--invention");
    if (!invention) return Report(g, invention.error());
    std::vector<std::pair<core::Id, double>> shares;
    for (const auto& text : a.shares) {
        size_t eq = text.rfind('=');
        if (eq == std::string::npos || eq == 0) {
            return Report(
                g, Error::Fields("invalid option", {{"--set", "ORG=PERCENT (e.g. 12=50)", text}}));
        }
        std::string number = text.substr(eq + 1);
        if (!number.empty() && number.back() == '%') number.pop_back();
        char* end = nullptr;
        double share = std::strtod(number.c_str(), &end);
        if (number.empty() || end != number.c_str() + number.size()) {
            return Report(g, Error::Fields("invalid option",
                                           {{"--set", "ORG=PERCENT with a number after =", text}}));
        }
        auto org = RefOption(**store, "organization", text.substr(0, eq), "--set");
        if (!org) return Report(g, org.error());
        shares.emplace_back(*org, share);
    }
    if (auto done = app::SetApplicants(**store, {"cli"}, *invention, shares); !done) {
        return Report(g, done.error());
    }
    if (g.json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& [org, share] : shares) {
            rows.push_back({{"organization_id", org}, {"share_percent", share}});
        }
        WriteOut(nlohmann::json({{"invention_id", *invention}, {"applicants", rows}}).dump(2) +
                 "\n");
    }
    std::fprintf(
        stderr, "%s\n",
        T(g, fmt::format("invention {}: {} co-applicant(s)", *invention, shares.size()),
          fmt::format("発明 {} の共同出願人 {} 者を登録しました", *invention, shares.size()))
            .c_str());
    return 0;
}

int RunShow(const Globals& g, const LifecycleArgs& a) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto invention = RefOption(**store, "invention", a.invention, "--invention");
    if (!invention) return Report(g, invention.error());
    // The terminal is an administrator's tool; --role/--as shows what someone else would see.
    std::set<core::Role> roles = {core::Role::kAdmin};
    if (!a.role.empty()) {
        auto role = core::ParseRole(a.role);
        if (!role) {
            return Report(g,
                          Error::Fields("invalid option", {{"--role", role.error().message, ""}}));
        }
        roles = {*role};
    }
    std::optional<core::Id> person;
    if (!a.person.empty()) {
        auto id = RefOption(**store, "person", a.person, "--as");
        if (!id) return Report(g, id.error());
        person = *id;
    }
    auto today = TodayOption(a.today);
    if (!today) return Report(g, today.error());
    auto viewer = app::ViewerOf(**store, roles, person, *today);
    if (!viewer) return Report(g, viewer.error());
    auto view = app::ShowInvention(**store, *viewer, *invention, *today);
    if (!view) return Report(g, view.error());
    if (g.json) {
        WriteOut(app::ToJson(*view).dump(2) + "\n");
        return 0;
    }
    const core::Invention& inv = view->invention;
    std::string status = inv.status;
    for (const auto& value : core::Invention::Def().Find("status")->enum_values) {
        if (value.code == inv.status) status = Ja(g) ? value.label_ja : value.label_en;
    }
    std::string out = fmt::format("{} {} [{}]{}\n", inv.id, inv.title, status,
                                  inv.published ? "" : T(g, " (unpublished)", "(未公開・秘)"));
    out += fmt::format("{}: {}", T(g, "Cluster", "クラスター"), view->cluster_name);
    if (!view->project_title.empty()) {
        out += fmt::format("   {}: {}", T(g, "Project", "共同研究"), view->project_title);
    }
    out += "\n";
    std::string names;
    for (const auto& [id, name] : view->inventors) names += (names.empty() ? "" : ", ") + name;
    out += fmt::format("{}: {}\n", T(g, "Inventors", "発明者"), names);
    if (!inv.assessment_note.empty()) {
        out += fmt::format("{}: {}\n", T(g, "Assessment", "評価所見"), inv.assessment_note);
    }
    WriteOut(out);
    Table history({T(g, "Date", "日付"), T(g, "Event", "経過")});
    for (const auto& e : view->history) {
        history.AddRow({FormatIso(e.on), Ja(g) ? e.what : e.what_en});
    }
    WriteOut(history.Render());
    Table applicants({T(g, "Co-applicant", "共同出願人"), T(g, "Share", "持分")},
                     {Align::kLeft, Align::kRight});
    for (const auto& ap : view->applicants) {
        applicants.AddRow({ap.name, fmt::format("{:g}%", ap.share_percent)});
    }
    if (view->applicants.empty()) {
        WriteOut(T(g, "No co-applicants recorded.\n", "共同出願人の記録なし。\n"));
    } else {
        WriteOut(applicants.Render());
    }
    Table applications({"ID", T(g, "Office", "出願先"), T(g, "Number", "出願番号"),
                        T(g, "Filed", "出願日"), T(g, "Priority", "優先日"),
                        T(g, "Status", "状態")});
    for (const auto& ap : view->applications) {
        applications.AddRow({std::to_string(ap.id), ap.office, ap.application_number,
                             FormatIso(ap.filing_date),
                             ap.priority_date ? FormatIso(*ap.priority_date) : "", ap.status});
    }
    if (!view->applications.empty()) WriteOut(applications.Render());
    Table deadlines({T(g, "Urgency", "緊急度"), T(g, "Due", "期日"), T(g, "Days left", "残日数"),
                     T(g, "Deadline", "期限"), T(g, "Application", "出願")},
                    {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft});
    for (const auto& d : view->deadlines) {
        deadlines.AddRow({UrgencyText(g, d.dated.urgency), FormatIso(d.dated.deadline.due),
                          DaysText(g, d.dated.days_left),
                          Ja(g) ? d.dated.deadline.label_ja : d.dated.deadline.label_en,
                          fmt::format("{} #{}", d.office, d.application_id)});
    }
    if (!view->deadlines.empty()) WriteOut(deadlines.Render());
    return 0;
}

}  // namespace

void RegisterIpCommands(CLI::App& app, Globals& g, int& status) {
    auto args = std::make_shared<IpArgs>();
    auto* ip = app.add_subcommand(
        "ip",
        "IP pipeline: disclosures, assessments, filings, co-applicants and the statutory "
        "deadlines of patent cases (sources in docs/ip-rules.md)");
    ip->require_subcommand(1);

    auto* rules = ip->add_subcommand(
        "rules",
        "Every statutory deadline of one case, with the days left: a calculator for advisers. "
        "Periods in months keep the day number and end on the month's last day when it has none "
        "(特許法第3条): priority 2004-02-29 + 12 months = 2005-02-28.\nExample: kcluster ip rules "
        "--priority 2004-02-29 --filed 2005-01-31 --office jp\nExample: kcluster ip rules "
        "--filed 2003-02-10 --registered 2006-06-30 --json");
    rules->add_option("--priority", args->priority,
                      "Earliest priority date claimed (default: the filing date)");
    rules->add_option("--filed", args->filed, "Filing date of the application")->required();
    rules->add_option("--office", args->office, "Office: jp, pct, us, ep, cn or other")
        ->capture_default_str();
    rules->add_option("--registered", args->registered,
                      "Registration of the patent right, for annuities (JP)");
    rules->add_option("--today", args->today, "Count days left from this date (default: today)");
    rules->callback([&g, &status, args] { status = RunRules(g, *args); });

    auto* deadlines = ip->add_subcommand(
        "deadlines",
        "Upcoming deadlines of open patent applications, most urgent first, with missed actions "
        "flagged overdue: overdue, critical (≤ 14 days), urgent (≤ 30), soon (≤ 90), later. "
        "Unpublished inventions are marked confidential. The demo is set in FY2002–2006, so give "
        "it a date then with --today.\nExample: kcluster ip deadlines --within 90d --today "
        "2006-10-01\nExample: kcluster ip deadlines --within 6m --cluster 1 --json");
    deadlines
        ->add_option("--within", args->within,
                     "Window ahead: days (90 or 90d), weeks (12w), months (6m) or years (1y)")
        ->capture_default_str();
    deadlines
        ->add_option("--overdue", args->overdue,
                     "Also list missed actions due at most this long ago (same forms)")
        ->capture_default_str();
    deadlines->add_option("--cluster", args->cluster, "Only this cluster (id or name)");
    deadlines->add_option("--today", args->today,
                          "Count from this date (default: today in Japan; e.g. 2006-10-01 for "
                          "the demo)");
    deadlines->callback([&g, &status, args] { status = RunDeadlines(g, *args); });

    // The invention lifecycle: disclose → assess → file, co-applicants, and the whole case.
    auto life = std::make_shared<LifecycleArgs>();
    auto* disclose = ip->add_subcommand(
        "disclose",
        "Record an invention disclosure (発明届出) with its inventors; prints the new invention "
        "id.\nExample: kcluster ip disclose --cluster 1 --title \"希少糖の結晶化法\" --project 3 "
        "--inventor 12 --inventor 15 --date 2004-06-01");
    disclose->add_option("--cluster", life->cluster, "Cluster (id or name)")->required();
    disclose->add_option("--title", life->title, "Title of the invention")->required();
    disclose->add_option("--project", life->project, "Joint research it came from (id or title)");
    disclose->add_option("--inventor", life->inventors, "Inventor (person id or name), repeatable")
        ->required();
    disclose->add_option("--date", life->date, "Disclosure date (default today)");
    disclose->callback([&g, &status, life] { status = RunDisclose(g, *life); });

    auto* assess = ip->add_subcommand(
        "assess",
        "Record the assessment of a disclosed invention by an adviser or patent attorney of the "
        "cluster's HQ (a post held on the date): file (go on to filing) or abandon.\nExample: "
        "kcluster ip assess --invention 7 --adviser 40 --decision file --note \"新規性あり\"");
    assess->add_option("--invention", life->invention, "Invention (id or title)")->required();
    assess->add_option("--adviser", life->adviser, "Adviser or patent attorney (person)")
        ->required();
    assess->add_option("--decision", life->decision, "file or abandon")->required();
    assess->add_option("--note", life->note, "The adviser's reasons");
    assess->add_option("--date", life->date, "Assessment date (default today)");
    assess->callback([&g, &status, life] { status = RunAssess(g, *life); });

    auto* file = ip->add_subcommand(
        "file",
        "Record a patent application of an assessed invention at an office (jp, pct, us, ep, cn, "
        "other); the first filing moves the invention to filed, a PCT filing to pct. Refused "
        "while the co-applicants' shares do not sum to 100. Prints the application id.\n"
        "Example: kcluster ip file --invention 7 --office pct --filed 2005-05-30 --priority "
        "2004-06-20 --number PCT/JP2005/009999");
    file->add_option("--invention", life->invention, "Invention (id or title)")->required();
    file->add_option("--office", life->office, "Office: jp, pct, us, ep, cn or other")->required();
    file->add_option("--filed", life->filed, "Filing date")->required();
    file->add_option("--priority", life->priority, "Priority date claimed");
    file->add_option("--number", life->number, "Application number");
    file->add_option("--attorney", life->attorney,
                     "Patent attorney (person; default the assessing adviser when an attorney)");
    file->callback([&g, &status, life] { status = RunFile(g, *life); });

    auto* applicants = ip->add_subcommand(
        "applicants",
        "Set the co-applicants of an invention and their shares (持分), replacing any recorded; "
        "the shares must sum to 100.\nExample: kcluster ip applicants --invention 7 --set 3=50 "
        "--set 21=50");
    applicants->add_option("--invention", life->invention, "Invention (id or title)")->required();
    applicants->add_option("--set", life->shares, "ORG=PERCENT (organisation id or name)")
        ->required();
    applicants->callback([&g, &status, life] { status = RunApplicants(g, *life); });

    auto* show = ip->add_subcommand(
        "show",
        "An invention: its status history, inventors, co-applicants with shares, applications "
        "and their deadlines. An unpublished invention is shown only to its inventors, the HQ "
        "and advisers; --role and --as show what that person would see.\nExample: kcluster ip "
        "show --invention 7 --today 2006-10-01 --role company --as 120");
    show->add_option("--invention", life->invention, "Invention (id or title)")->required();
    show->add_option("--role", life->role, "View as this role (e.g. company, coordinator)");
    show->add_option("--as", life->person, "View as this person (id or name)");
    show->add_option("--today", life->today, "Count deadlines from this date (default today)");
    show->callback([&g, &status, life] { status = RunShow(g, *life); });
}

}  // namespace kc::cli
