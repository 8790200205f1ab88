#include "cli/ip_commands.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

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

}  // namespace

void RegisterIpCommands(CLI::App& app, Globals& g, int& status) {
    auto args = std::make_shared<IpArgs>();
    auto* ip = app.add_subcommand(
        "ip", "IP pipeline: statutory deadlines of patent cases (sources in docs/ip-rules.md)");
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
}

}  // namespace kc::cli
