#include "cli/report_commands.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "app/records.h"
#include "app/report.h"
#include "util/fiscal_year.h"
#include "util/text.h"

namespace kc::cli {
namespace {

struct ReportArgs {
    std::string cluster, fiscal_year, format, out;
};

constexpr const char* kFormatHelp =
    "html (default; a self-contained page with SVG charts), csv or json. Without --format the "
    "extension of --out decides (.csv, .json), and --json means json.\nCSV is one long table "
    "with the header section,cluster_id,cluster,fiscal_year,item,label,target,actual,"
    "cumulative_target,cumulative_actual: section kpi has one row per KPI (item = KPI code) and "
    "fiscal year, the target columns from kpi_target (cumulative; target = the year's increase) "
    "and the actual columns counted from the records, empty when none; section ledger has item "
    "total (target = granted, actual = executed, in yen) and one row per category (actual = "
    "executed); section funnel one row per stage (actual = count). The programme report ends "
    "with rows for cluster_id total.";

Result<std::string> FormatOption(const Globals& g, const ReportArgs& args) {
    std::string format = args.format;
    if (format.empty()) {
        if (g.json || args.out.ends_with(".json")) return std::string("json");
        if (args.out.ends_with(".csv")) return std::string("csv");
        return std::string("html");
    }
    if (format != "html" && format != "csv" && format != "json") {
        return Fail(Error::Fields("invalid option",
                                  {{"--format", "html, csv or json", QuoteForMessage(format)}}));
    }
    return format;
}

// Reports are Japanese unless --lang en is given (they are MEXT documents), whatever LANG says.
app::ReportLang LangOf(const Globals& g, const CLI::Option* lang_option) {
    if (lang_option != nullptr && lang_option->count() > 0 && g.lang == "en") {
        return app::ReportLang::kEn;
    }
    return app::ReportLang::kJa;
}

// Writes `content` to --out (with a note on stderr) or to stdout.
int Emit(const Globals& g, const ReportArgs& args, const std::string& format,
         const std::string& content) {
    if (args.out.empty()) {
        WriteOut(content);
        return 0;
    }
    if (auto written = WriteFile(args.out, content); !written) return Report(g, written.error());
    std::string size = FormatWithCommas(static_cast<int64_t>(content.size()));
    std::string note = T(g, fmt::format("wrote {} ({}, {} bytes)", args.out, format, size),
                         fmt::format("{} を書き出しました({}、{} バイト)", args.out, format, size));
    std::fprintf(stderr, "%s\n", note.c_str());
    return 0;
}

template <class R>
std::string Render(const R& report, const std::string& format, app::ReportLang lang) {
    if (format == "json") return app::ToJson(report).dump(2) + "\n";
    if (format == "csv") return app::RenderCsv(report, lang);
    return app::RenderHtml(report, lang);
}

int RunAnnual(const Globals& g, const ReportArgs& args, app::ReportLang lang) {
    auto fy = FiscalYearOption(args.fiscal_year, "--fy");
    if (!fy) return Report(g, fy.error());
    auto format = FormatOption(g, args);
    if (!format) return Report(g, format.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto cluster = app::ResolveReference(**store, "cluster", args.cluster);
    if (!cluster) {
        Error error = cluster.error();
        error.message = "--cluster: " + error.message;
        return Report(g, error);
    }
    auto report = app::BuildAnnualReport(**store, *cluster, *fy);
    if (!report) return Report(g, report.error());
    return Emit(g, args, *format, Render(*report, *format, lang));
}

int RunProgramme(const Globals& g, const ReportArgs& args, app::ReportLang lang) {
    auto fy = FiscalYearOption(args.fiscal_year, "--fy");
    if (!fy) return Report(g, fy.error());
    auto format = FormatOption(g, args);
    if (!format) return Report(g, format.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto report = app::BuildProgrammeReport(**store, *fy);
    if (!report) return Report(g, report.error());
    return Emit(g, args, *format, Render(*report, *format, lang));
}

}  // namespace

void RegisterReportCommands(CLI::App& app, Globals& g, int& status) {
    const CLI::Option* lang_option = app.get_option_no_throw("--lang");
    auto* report = app.add_subcommand(
        "report",
        "Performance reports: KPI targets vs actuals (computed from the records), grant "
        "execution, the coordination funnel. Japanese unless --lang en.");
    report->require_subcommand(1);

    auto annual_args = std::make_shared<ReportArgs>();
    auto* annual = report->add_subcommand(
        "annual",
        "The annual performance report of a cluster: KPIs target vs actual for the year and "
        "cumulatively (table and chart), year-by-year history, the ledger by category (chart), "
        "the funnel (chart) and how each actual is counted.\nExample: kcluster report annual "
        "--cluster 浜松オプトロニクスクラスター --fy 平成15年度 --out hamamatsu-2003.html");
    annual->add_option("--cluster", annual_args->cluster, "Cluster (id or name)")->required();
    annual
        ->add_option("--fy", annual_args->fiscal_year,
                     "Fiscal year: 2003, FY2003, 平成15年度 or H15")
        ->required();
    annual->add_option("--format", annual_args->format, kFormatHelp);
    annual->add_option("--out", annual_args->out, "Write to this file (default: stdout)");
    annual->callback([&g, &status, annual_args, lang_option] {
        status = RunAnnual(g, *annual_args, LangOf(g, lang_option));
    });

    auto programme_args = std::make_shared<ReportArgs>();
    auto* programme = report->add_subcommand(
        "programme",
        "The programme report of a fiscal year: one row per cluster (grant, execution rate, KPIs "
        "target vs actual for the year and cumulatively), programme totals and charts.\nExample: "
        "kcluster report programme --fy 2004 --format csv --out programme-2004.csv");
    programme
        ->add_option("--fy", programme_args->fiscal_year,
                     "Fiscal year: 2003, FY2003, 平成15年度 or H15")
        ->required();
    programme->add_option("--format", programme_args->format, kFormatHelp);
    programme->add_option("--out", programme_args->out, "Write to this file (default: stdout)");
    programme->callback([&g, &status, programme_args, lang_option] {
        status = RunProgramme(g, *programme_args, LangOf(g, lang_option));
    });
}

}  // namespace kc::cli
